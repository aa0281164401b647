#include <liyuan/live/EventMapping.h>

#include <liyuan/geodata/Crs.h>

#include <QFile>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QJsonValue>

#include <cmath>

namespace liyuan::live {

namespace {

using Result = EventMapping::Result;
using Error = EventMapping::Error;

constexpr int MaxIdLength = 200;
constexpr int MaxTypeLength = 100;
constexpr int MaxTextLength = 2000;
constexpr double MaxCoordinate = 1e8;

Result fail(Error e, QString reason)
{
    Result r;
    r.error = e;
    r.reason = std::move(reason);
    return r;
}

QString typeName(const QJsonValue &v)
{
    switch (v.type()) {
    case QJsonValue::Null: return QStringLiteral("null");
    case QJsonValue::Bool: return QStringLiteral("bool");
    case QJsonValue::Double: return QStringLiteral("number");
    case QJsonValue::String: return QStringLiteral("string");
    case QJsonValue::Array: return QStringLiteral("array");
    case QJsonValue::Object: return QStringLiteral("object");
    case QJsonValue::Undefined: break;
    }
    return QStringLiteral("undefined");
}

QJsonValue follow(const QJsonObject &root, const QStringList &path)
{
    QJsonValue cur = root;
    for (const QString &step : path) {
        if (cur.isObject()) {
            cur = cur.toObject().value(step);
        } else if (cur.isArray()) {
            bool isIndex = false;
            const int i = step.toInt(&isIndex);
            const QJsonArray a = cur.toArray();
            if (!isIndex || i < 0 || i >= a.size())
                return QJsonValue(QJsonValue::Undefined);
            cur = a.at(i);
        } else {
            return QJsonValue(QJsonValue::Undefined);
        }
        if (cur.isUndefined())
            return cur;
    }
    return cur;
}

bool levelsMatch(const QStringList &filter, QStringView topic)
{
    qsizetype pos = 0;
    const qsizetype n = topic.size();
    for (qsizetype i = 0; i < filter.size(); ++i) {
        const QString &f = filter.at(i);
        if (f == QLatin1String("#"))
            return true;
        if (pos > n)
            return false;
        qsizetype end = topic.indexOf(u'/', pos);
        if (end < 0)
            end = n;
        if (f != QLatin1String("+") && topic.mid(pos, end - pos) != f)
            return false;
        pos = end + 1;
    }
    return pos > n;
}

bool validPath(const QString &p)
{
    if (p.isEmpty() || p.size() > 200)
        return false;
    for (const QString &s : p.split(u'.'))
        if (s.isEmpty())
            return false;
    return true;
}

// Checks a CRS string with PROJ (thread-safe: Crs keeps one PROJ context per thread); the
// answers are remembered per thread so a stream of events in one CRS costs one check.
bool crsValid(const QString &text, QString *why)
{
    thread_local QHash<QString, QString> cache; // text → error ("" = valid)
    const auto it = cache.constFind(text);
    if (it != cache.constEnd()) {
        *why = *it;
        return it->isEmpty();
    }
    QString err;
    const Crs c = Crs::fromString(text, &err);
    if (!c.isValid() && err.isEmpty())
        err = QStringLiteral("not a coordinate reference system");
    if (c.isValid())
        err.clear();
    if (cache.size() > 256)
        cache.clear();
    cache.insert(text, err);
    *why = err;
    return err.isEmpty();
}

bool parseIso(const QString &s, QDateTime *out)
{
    QDateTime dt = QDateTime::fromString(s, Qt::ISODateWithMs);
    if (!dt.isValid())
        return false;
    if (dt.timeSpec() == Qt::LocalTime)
        dt.setTimeSpec(Qt::UTC);
    *out = dt.toUTC();
    return true;
}

Result readCoordinate(const QJsonValue &v, const QString &field, double *out)
{
    if (v.isUndefined())
        return fail(Error::MissingField, QStringLiteral("missing field '%1'").arg(field));
    if (!v.isDouble())
        return fail(Error::WrongType, QStringLiteral("%1: expected a number, got %2").arg(field, typeName(v)));
    const double d = v.toDouble();
    if (!std::isfinite(d) || std::abs(d) > MaxCoordinate)
        return fail(Error::BadValue, QStringLiteral("%1: %2 is not a finite coordinate within ±1e8").arg(field).arg(d));
    *out = d;
    return Result{true, Error::None, {}, {}};
}

} // namespace

QString EventMapping::errorName(Error e)
{
    switch (e) {
    case Error::None: return QStringLiteral("none");
    case Error::NoMatchingRule: return QStringLiteral("no matching rule");
    case Error::Empty: return QStringLiteral("empty payload");
    case Error::TooLarge: return QStringLiteral("payload too large");
    case Error::BadJson: return QStringLiteral("bad JSON");
    case Error::WrongType: return QStringLiteral("wrong type");
    case Error::MissingField: return QStringLiteral("missing field");
    case Error::BadValue: return QStringLiteral("bad value");
    }
    return {};
}

QString EventMapping::severityName(int level)
{
    static const char *names[] = {"info", "low", "medium", "high", "critical"};
    return level >= 0 && level <= 4 ? QString::fromLatin1(names[level]) : QString();
}

int EventMapping::severityLevel(const QString &name)
{
    const QString n = name.trimmed().toLower();
    for (int i = 0; i <= 4; ++i)
        if (n == severityName(i))
            return i;
    return -1;
}

bool EventMapping::loadFile(const QString &path, EventMapping *out, QString *error)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        if (error)
            *error = QStringLiteral("%1: cannot open: %2").arg(path, f.errorString());
        return false;
    }
    if (f.size() > 16 * 1024 * 1024) {
        if (error)
            *error = QStringLiteral("%1: %2 bytes is too large for an event mapping (limit 16 MiB)").arg(path).arg(f.size());
        return false;
    }
    return fromJson(f.readAll(), path, out, error);
}

bool EventMapping::fromJson(const QByteArray &json, const QString &source, EventMapping *out, QString *error)
{
    auto bad = [&](const QString &where, const QString &msg) {
        if (error)
            *error = where.isEmpty() ? QStringLiteral("%1: %2").arg(source, msg)
                                     : QStringLiteral("%1: %2: %3").arg(source, where, msg);
        return false;
    };
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &pe);
    if (pe.error != QJsonParseError::NoError)
        return bad({}, QStringLiteral("bad JSON at offset %1: %2").arg(pe.offset).arg(pe.errorString()));
    if (!doc.isObject())
        return bad({}, QStringLiteral("the top level must be an object with a 'rules' array"));
    const QJsonObject o = doc.object();
    const QJsonValue type = o.value(QLatin1String("type"));
    if (type.toString() != QLatin1String("LiyuanEventMapping"))
        return bad({}, type.isUndefined() ? QStringLiteral("missing \"type\": \"LiyuanEventMapping\"")
                                          : QStringLiteral("type must be \"LiyuanEventMapping\""));
    const QJsonValue ver = o.value(QLatin1String("version"));
    if (!ver.isUndefined() && ver.toDouble(-1) != 1)
        return bad({}, QStringLiteral("unsupported version (this reader knows version 1)"));
    EventMapping m;
    const QJsonValue maxBytes = o.value(QLatin1String("maxPayloadBytes"));
    if (!maxBytes.isUndefined()) {
        const double d = maxBytes.toDouble(-1);
        if (!maxBytes.isDouble() || d < 1 || d > 1e9 || std::floor(d) != d)
            return bad({}, QStringLiteral("'maxPayloadBytes' must be a positive integer"));
        m.m_maxPayloadBytes = qsizetype(d);
    }
    const QJsonValue rules = o.value(QLatin1String("rules"));
    if (!rules.isArray())
        return bad({}, rules.isUndefined() ? QStringLiteral("missing field 'rules'") : QStringLiteral("'rules' must be an array"));
    const QJsonArray ra = rules.toArray();
    if (ra.isEmpty())
        return bad({}, QStringLiteral("'rules' is empty"));
    if (ra.size() > 1000)
        return bad({}, QStringLiteral("%1 rules exceed the limit of 1000").arg(ra.size()));
    for (qsizetype i = 0; i < ra.size(); ++i) {
        const QString w = QStringLiteral("rules[%1]").arg(i);
        if (!ra.at(i).isObject())
            return bad(w, QStringLiteral("expected an object"));
        const QJsonObject r = ra.at(i).toObject();
        Rule rule;
        struct Field { const char *key; QString *dst; bool required; };
        const Field fields[] = {
            {"topic", &rule.topicPattern, true}, {"id", &rule.idPath, true}, {"type", &rule.typePath, true},
            {"x", &rule.xPath, true}, {"y", &rule.yPath, true}, {"z", &rule.zPath, false},
            {"time", &rule.timePath, false}, {"severity", &rule.severityPath, false}, {"text", &rule.textPath, false},
        };
        for (const Field &f : fields) {
            const QJsonValue v = r.value(QLatin1String(f.key));
            if (v.isUndefined()) {
                if (f.required)
                    return bad(w, QStringLiteral("missing field '%1'").arg(QLatin1String(f.key)));
                continue;
            }
            if (!v.isString())
                return bad(w, QStringLiteral("'%1' must be a string (%2)")
                                      .arg(QLatin1String(f.key),
                                           f.dst == &rule.topicPattern ? QStringLiteral("MQTT topic filter")
                                                                       : QStringLiteral("dot path")));
            *f.dst = v.toString();
        }
        const QJsonValue crs = r.value(QLatin1String("crs"));
        if (crs.isString()) {
            rule.crs = crs.toString();
        } else if (crs.isObject()) {
            const QJsonValue p = crs.toObject().value(QLatin1String("path"));
            if (!p.isString())
                return bad(w, QStringLiteral("'crs' as an object needs a string \"path\""));
            rule.crsPath = p.toString();
        } else if (!crs.isUndefined()) {
            return bad(w, QStringLiteral("'crs' must be a CRS string or {\"path\": \"dot.path\"}"));
        }
        QString why;
        if (!m.addRule(rule, &why))
            return bad(w, why);
    }
    *out = std::move(m);
    return true;
}

bool EventMapping::addRule(const Rule &rule, QString *error)
{
    auto bad = [error](const QString &msg) {
        if (error)
            *error = msg;
        return false;
    };
    if (rule.topicPattern.isEmpty())
        return bad(QStringLiteral("empty topic filter"));
    const QStringList levels = rule.topicPattern.split(u'/');
    for (qsizetype i = 0; i < levels.size(); ++i) {
        const QString &l = levels.at(i);
        if (l == QLatin1String("#") && i != levels.size() - 1)
            return bad(QStringLiteral("'#' must be the last level of '%1'").arg(rule.topicPattern.left(200)));
        if (l.size() > 1 && (l.contains(u'+') || l.contains(u'#')))
            return bad(QStringLiteral("wildcards must fill a whole level in '%1'").arg(rule.topicPattern.left(200)));
    }
    struct P { const QString *path; const char *name; bool required; };
    const P paths[] = {{&rule.idPath, "id", true}, {&rule.typePath, "type", true}, {&rule.xPath, "x", true},
                       {&rule.yPath, "y", true}, {&rule.zPath, "z", false}, {&rule.timePath, "time", false},
                       {&rule.severityPath, "severity", false}, {&rule.textPath, "text", false},
                       {&rule.crsPath, "crs.path", false}};
    for (const P &p : paths) {
        if (p.path->isEmpty() && !p.required)
            continue;
        if (!validPath(*p.path))
            return bad(QStringLiteral("'%1': '%2' is not a dot path (name.name.0…)")
                               .arg(QLatin1String(p.name), p.path->left(200)));
    }
    if (!rule.crs.isEmpty() && !rule.crsPath.isEmpty())
        return bad(QStringLiteral("'crs' is either a CRS string or a path"));
    if (!rule.crs.isEmpty()) {
        QString why;
        if (!crsValid(rule.crs, &why))
            return bad(QStringLiteral("crs '%1': %2").arg(rule.crs.left(200), why));
    }
    Compiled c;
    c.rule = rule;
    c.levels = levels;
    auto split = [](const QString &p) { return p.isEmpty() ? QStringList() : p.split(u'.'); };
    c.id = split(rule.idPath);
    c.type = split(rule.typePath);
    c.x = split(rule.xPath);
    c.y = split(rule.yPath);
    c.z = split(rule.zPath);
    c.time = split(rule.timePath);
    c.severity = split(rule.severityPath);
    c.text = split(rule.textPath);
    c.crsPath = split(rule.crsPath);
    m_rules.append(rule);
    m_compiled.append(c);
    return true;
}

QStringList EventMapping::subscriptions() const
{
    QStringList out;
    for (const Rule &r : m_rules)
        if (!out.contains(r.topicPattern))
            out << r.topicPattern;
    return out;
}

bool EventMapping::matches(const QString &topic) const
{
    for (const Compiled &c : m_compiled)
        if (levelsMatch(c.levels, topic))
            return true;
    return false;
}

EventMapping::Result EventMapping::parse(const QString &topic, const QByteArray &payload) const
{
    const Compiled *rule = nullptr;
    for (const Compiled &c : m_compiled)
        if (levelsMatch(c.levels, topic)) {
            rule = &c;
            break;
        }
    if (!rule)
        return fail(Error::NoMatchingRule, QStringLiteral("no event rule for topic '%1'").arg(topic.left(200)));
    if (payload.isEmpty())
        return fail(Error::Empty, QStringLiteral("empty payload"));
    if (payload.size() > m_maxPayloadBytes)
        return fail(Error::TooLarge, QStringLiteral("payload of %1 bytes exceeds the limit of %2 bytes")
                                             .arg(payload.size()).arg(m_maxPayloadBytes));
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(payload, &pe);
    if (pe.error != QJsonParseError::NoError)
        return fail(Error::BadJson, QStringLiteral("bad JSON at offset %1: %2").arg(pe.offset).arg(pe.errorString()));
    if (!doc.isObject())
        return fail(Error::WrongType, QStringLiteral("payload is a JSON %1, expected an object")
                                              .arg(doc.isArray() ? QStringLiteral("array") : QStringLiteral("value")));
    const QJsonObject o = doc.object();
    const Rule &r = rule->rule;
    Result res;
    EventRecord &ev = res.event;
    ev.topic = topic;

    // id: string or integer, never made up
    const QJsonValue id = follow(o, rule->id);
    if (id.isUndefined() || id.isNull())
        return fail(Error::MissingField, QStringLiteral("missing field '%1' (the event id)").arg(r.idPath));
    if (id.isString()) {
        ev.id = id.toString().trimmed();
    } else if (id.isDouble() && std::floor(id.toDouble()) == id.toDouble() && std::abs(id.toDouble()) < 9e15) {
        ev.id = QString::number(qint64(id.toDouble()));
    } else {
        return fail(Error::WrongType, QStringLiteral("%1: expected a string or integer id, got %2").arg(r.idPath, typeName(id)));
    }
    if (ev.id.isEmpty())
        return fail(Error::BadValue, QStringLiteral("%1: empty event id").arg(r.idPath));
    if (ev.id.size() > MaxIdLength)
        return fail(Error::BadValue, QStringLiteral("%1: id of %2 characters exceeds %3").arg(r.idPath).arg(ev.id.size()).arg(MaxIdLength));

    const QJsonValue type = follow(o, rule->type);
    if (type.isUndefined() || type.isNull())
        return fail(Error::MissingField, QStringLiteral("missing field '%1' (the event type)").arg(r.typePath));
    if (!type.isString())
        return fail(Error::WrongType, QStringLiteral("%1: expected a string, got %2").arg(r.typePath, typeName(type)));
    ev.type = type.toString().trimmed();
    if (ev.type.isEmpty() || ev.type.size() > MaxTypeLength)
        return fail(Error::BadValue, QStringLiteral("%1: the type must have 1 to %2 characters").arg(r.typePath).arg(MaxTypeLength));

    Result cr = readCoordinate(follow(o, rule->x), r.xPath, &ev.position.x);
    if (!cr.ok)
        return cr;
    cr = readCoordinate(follow(o, rule->y), r.yPath, &ev.position.y);
    if (!cr.ok)
        return cr;
    if (!rule->z.isEmpty()) {
        const QJsonValue z = follow(o, rule->z);
        if (!z.isUndefined() && !z.isNull()) {
            cr = readCoordinate(z, r.zPath, &ev.position.z);
            if (!cr.ok)
                return cr;
            ev.hasZ = true;
        }
    }

    ev.severity = 2;
    if (!rule->severity.isEmpty()) {
        const QJsonValue s = follow(o, rule->severity);
        if (s.isString()) {
            ev.severity = severityLevel(s.toString());
            if (ev.severity < 0)
                return fail(Error::BadValue, QStringLiteral("%1: unknown severity '%2' (info, low, medium, high, critical or 0-4)")
                                                     .arg(r.severityPath, s.toString().left(50)));
        } else if (s.isDouble()) {
            const double d = s.toDouble();
            if (!(d >= 0 && d <= 4) || std::floor(d) != d)
                return fail(Error::BadValue, QStringLiteral("%1: severity %2 is not an integer 0-4").arg(r.severityPath).arg(d));
            ev.severity = int(d);
        } else if (!s.isUndefined() && !s.isNull()) {
            return fail(Error::WrongType, QStringLiteral("%1: expected a severity name or 0-4, got %2").arg(r.severityPath, typeName(s)));
        }
    }
    ev.severityName = severityName(ev.severity);

    if (!rule->time.isEmpty()) {
        const QJsonValue t = follow(o, rule->time);
        if (t.isString()) {
            if (!parseIso(t.toString(), &ev.time))
                return fail(Error::BadValue, QStringLiteral("%1: '%2' is not an ISO 8601 time").arg(r.timePath, t.toString().left(64)));
        } else if (t.isDouble()) {
            const double d = t.toDouble();
            if (!std::isfinite(d) || d < 0 || d > 1e15)
                return fail(Error::BadValue, QStringLiteral("%1: epoch %2 out of range").arg(r.timePath).arg(d));
            const qint64 ms = d >= 1e11 ? qint64(std::llround(d)) : qint64(std::llround(d * 1000.0));
            ev.time = QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC);
        } else if (!t.isUndefined() && !t.isNull()) {
            return fail(Error::WrongType, QStringLiteral("%1: expected an ISO 8601 string or epoch number, got %2").arg(r.timePath, typeName(t)));
        }
    }

    if (!rule->text.isEmpty()) {
        const QJsonValue t = follow(o, rule->text);
        if (t.isString())
            ev.text = t.toString();
        else if (t.isDouble())
            ev.text = QString::number(t.toDouble());
        else if (t.isBool())
            ev.text = t.toBool() ? QStringLiteral("true") : QStringLiteral("false");
        else if (!t.isUndefined() && !t.isNull())
            return fail(Error::WrongType, QStringLiteral("%1: expected a string, got %2").arg(r.textPath, typeName(t)));
        if (ev.text.size() > MaxTextLength)
            ev.text.truncate(MaxTextLength);
    }

    if (!r.crs.isEmpty()) {
        ev.crs = r.crs;
    } else if (!rule->crsPath.isEmpty()) {
        const QJsonValue c = follow(o, rule->crsPath);
        if (c.isUndefined() || c.isNull())
            return fail(Error::MissingField, QStringLiteral("missing field '%1' (the CRS)").arg(r.crsPath));
        if (!c.isString())
            return fail(Error::WrongType, QStringLiteral("%1: expected a CRS string, got %2").arg(r.crsPath, typeName(c)));
        QString why;
        if (!crsValid(c.toString(), &why))
            return fail(Error::BadValue, QStringLiteral("%1: bad CRS '%2': %3").arg(r.crsPath, c.toString().left(100), why));
        ev.crs = c.toString();
    }
    res.ok = true;
    return res;
}

} // namespace liyuan::live
