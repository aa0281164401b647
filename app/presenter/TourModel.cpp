#include "TourModel.h"

#include <QCoreApplication>
#include <QJsonArray>

#include <algorithm>
#include <cmath>

namespace liyuan {

namespace {
QString tr(const char *s) { return QCoreApplication::translate("TourModel", s); }

bool readSeconds(const QJsonObject &o, const char *key, double fallback, double min, bool allowZero, double *out,
                 QString *problem)
{
    const QJsonValue v = o.value(QLatin1String(key));
    if (v.isUndefined()) {
        *out = fallback;
        return true;
    }
    if (!v.isDouble()) {
        *problem = tr("\"%1\" is not a number of seconds").arg(QLatin1String(key));
        return false;
    }
    const double d = v.toDouble();
    if (!std::isfinite(d) || d < min || (!allowZero && d <= 0) || d > TourModel::kMaxStepSeconds) {
        *problem = tr("\"%1\" is %2 (a number of seconds %3 up to %4 expected)")
                           .arg(QLatin1String(key))
                           .arg(d)
                           .arg(allowZero ? tr("from 0") : tr("above 0"))
                           .arg(TourModel::kMaxStepSeconds);
        return false;
    }
    *out = d;
    return true;
}
} // namespace

void TourModel::setSteps(std::vector<Step> steps)
{
    m_steps = std::move(steps);
    m_starts.assign(m_steps.size() + 1, 0.0);
    for (size_t i = 0; i < m_steps.size(); ++i) {
        Step &s = m_steps[i];
        s.transitionDuration = std::clamp(s.transitionDuration, 0.0, s.duration);
        m_starts[i + 1] = m_starts[i] + s.duration;
    }
}

double TourModel::stepStart(int step) const
{
    if (m_starts.empty())
        return 0;
    return m_starts[size_t(std::clamp(step, 0, int(m_starts.size()) - 1))];
}

TourModel::Position TourModel::locate(double t) const
{
    Position p;
    const double total = duration();
    if (m_steps.empty() || !(total > 0))
        return p;
    if (!std::isfinite(t) || t < 0)
        t = 0;
    if (t >= total) {
        if (!loop) {
            p.finished = true;
            p.step = int(m_steps.size()) - 1;
            p.stepTime = m_steps.back().duration;
            return p;
        }
        const double passes = std::floor(t / total);
        p.pass = passes > 1e9 ? 1000000000 : int(passes);
        t -= passes * total;
        if (t >= total || t < 0) // rounding at the wrap
            t = 0;
    }
    // the last start <= t
    auto it = std::upper_bound(m_starts.begin(), m_starts.end() - 1, t);
    const int step = std::clamp(int(it - m_starts.begin()) - 1, 0, int(m_steps.size()) - 1);
    p.step = step;
    p.stepTime = std::clamp(t - m_starts[size_t(step)], 0.0, m_steps[size_t(step)].duration);
    return p;
}

QString TourModel::transitionName(Transition t)
{
    switch (t) {
    case Transition::Cut: return QStringLiteral("cut");
    case Transition::CrossFade: return QStringLiteral("crossfade");
    case Transition::Flight: break;
    }
    return QStringLiteral("flight");
}

bool TourModel::parseTransition(const QString &name, Transition *out)
{
    const QString n = name.trimmed().toLower();
    if (n == QLatin1String("flight") || n == QLatin1String("fly")) {
        *out = Transition::Flight;
        return true;
    }
    if (n == QLatin1String("cut")) {
        *out = Transition::Cut;
        return true;
    }
    if (n == QLatin1String("crossfade") || n == QLatin1String("cross-fade") || n == QLatin1String("fade")) {
        *out = Transition::CrossFade;
        return true;
    }
    return false;
}

QJsonObject TourModel::toJson() const
{
    QJsonArray steps;
    for (const Step &s : m_steps)
        steps.append(QJsonObject{{QStringLiteral("view"), s.view},
                                 {QStringLiteral("duration"), s.duration},
                                 {QStringLiteral("transition"), transitionName(s.transition)},
                                 {QStringLiteral("transitionDuration"), s.transitionDuration},
                                 {QStringLiteral("caption"),
                                  QJsonObject{{QStringLiteral("zh"), s.captionZh}, {QStringLiteral("en"), s.captionEn}}}});
    return QJsonObject{{QStringLiteral("name"), name}, {QStringLiteral("loop"), loop}, {QStringLiteral("steps"), steps}};
}

bool TourModel::fromJson(const QJsonObject &json, TourModel *out, QString *error)
{
    auto fail = [error](const QString &why) {
        if (error)
            *error = why;
        return false;
    };
    const QJsonValue nameValue = json.value(QStringLiteral("name"));
    if (!nameValue.isString() || nameValue.toString().trimmed().isEmpty())
        return fail(tr("a tour has no \"name\""));
    const QString name = nameValue.toString().trimmed();
    const QJsonValue loopValue = json.value(QStringLiteral("loop"));
    if (!loopValue.isUndefined() && !loopValue.isBool())
        return fail(tr("tour \"%1\": \"loop\" is not true or false").arg(name));
    const QJsonValue stepsValue = json.value(QStringLiteral("steps"));
    if (!stepsValue.isUndefined() && !stepsValue.isArray())
        return fail(tr("tour \"%1\": \"steps\" is not a list").arg(name));
    const QJsonArray array = stepsValue.toArray();
    if (array.size() > kMaxSteps)
        return fail(tr("tour \"%1\" has %2 steps (at most %3)").arg(name).arg(array.size()).arg(kMaxSteps));
    std::vector<Step> steps;
    steps.reserve(size_t(array.size()));
    for (qsizetype i = 0; i < array.size(); ++i) {
        const QString where = tr("tour \"%1\", step %2").arg(name).arg(i + 1);
        if (!array[i].isObject())
            return fail(tr("%1: not an object").arg(where));
        const QJsonObject o = array[i].toObject();
        Step s;
        const QJsonValue view = o.value(QStringLiteral("view"));
        if (!view.isString() || view.toString().trimmed().isEmpty())
            return fail(tr("%1: no \"view\"").arg(where));
        s.view = view.toString();
        QString problem;
        if (!readSeconds(o, "duration", kDefaultDuration, 0, false, &s.duration, &problem))
            return fail(QStringLiteral("%1: %2").arg(where, problem));
        if (!readSeconds(o, "transitionDuration", std::min(kDefaultTransition, s.duration), 0, true,
                         &s.transitionDuration, &problem))
            return fail(QStringLiteral("%1: %2").arg(where, problem));
        const QJsonValue tr_ = o.value(QStringLiteral("transition"));
        if (!tr_.isUndefined() && (!tr_.isString() || !parseTransition(tr_.toString(), &s.transition)))
            return fail(tr("%1: unknown transition %2 (flight, cut or crossfade)")
                                .arg(where, tr_.isString() ? QStringLiteral("\"%1\"").arg(tr_.toString()) : tr("(not text)")));
        const QJsonValue caption = o.value(QStringLiteral("caption"));
        if (caption.isString()) {
            s.captionEn = s.captionZh = caption.toString();
        } else if (caption.isObject()) {
            const QJsonObject c = caption.toObject();
            s.captionZh = c.value(QStringLiteral("zh")).toString();
            s.captionEn = c.value(QStringLiteral("en")).toString();
        } else if (!caption.isUndefined() && !caption.isNull()) {
            return fail(tr("%1: \"caption\" is not {\"zh\", \"en\"}").arg(where));
        }
        steps.push_back(std::move(s));
    }
    out->name = name;
    out->loop = loopValue.toBool(false);
    out->setSteps(std::move(steps));
    return true;
}

} // namespace liyuan
