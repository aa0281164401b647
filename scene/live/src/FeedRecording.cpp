#include <liyuan/live/FeedRecording.h>

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>

#include <algorithm>
#include <cmath>

namespace liyuan::live {

bool FeedRecording::loadFile(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        m_messages.clear();
        m_backfill = 0;
        m_duration = 0;
        m_error = QStringLiteral("%1: cannot open: %2").arg(path, f.errorString());
        return false;
    }
    return loadData(f.readAll(), path);
}

bool FeedRecording::loadData(const QByteArray &data, const QString &source)
{
    m_messages.clear();
    m_backfill = 0;
    m_duration = 0;
    m_loop = true;
    m_error.clear();
    QVector<Message> out;
    double duration = -1;
    bool loop = true;
    bool sawMessage = false;
    int lineNo = 0;
    auto fail = [&](const QString &msg) {
        m_error = QStringLiteral("%1:%2: %3").arg(source).arg(lineNo).arg(msg);
        return false;
    };
    qsizetype pos = 0;
    while (pos < data.size()) {
        qsizetype end = data.indexOf('\n', pos);
        if (end < 0)
            end = data.size();
        ++lineNo;
        const QByteArray line = data.mid(pos, end - pos).trimmed();
        pos = end + 1;
        if (line.isEmpty() || line.startsWith("//"))
            continue;
        if (line.size() > MaxLineBytes)
            return fail(QStringLiteral("line of %1 bytes exceeds the limit of %2").arg(line.size()).arg(MaxLineBytes));
        QJsonParseError pe;
        const QJsonDocument doc = QJsonDocument::fromJson(line, &pe);
        if (pe.error != QJsonParseError::NoError)
            return fail(QStringLiteral("bad JSON at column %1: %2").arg(pe.offset + 1).arg(pe.errorString()));
        if (!doc.isObject())
            return fail(QStringLiteral("expected a JSON object"));
        const QJsonObject o = doc.object();
        if (o.contains(QLatin1String("format"))) {
            if (sawMessage || !out.isEmpty())
                return fail(QStringLiteral("the header must be the first line"));
            if (o.value(QLatin1String("format")).toString() != QLatin1String("liyuan-feed"))
                return fail(QStringLiteral("format must be \"liyuan-feed\""));
            const QJsonValue ver = o.value(QLatin1String("version"));
            if (!ver.isUndefined() && ver.toDouble(-1) != 1)
                return fail(QStringLiteral("unsupported version %1 (this reader knows version 1)").arg(ver.toVariant().toString()));
            const QJsonValue d = o.value(QLatin1String("duration"));
            if (!d.isUndefined()) {
                if (!d.isDouble() || !std::isfinite(d.toDouble()) || d.toDouble() <= 0)
                    return fail(QStringLiteral("duration must be a number > 0"));
                duration = d.toDouble();
            }
            const QJsonValue l = o.value(QLatin1String("loop"));
            if (!l.isUndefined()) {
                if (!l.isBool())
                    return fail(QStringLiteral("loop must be true or false"));
                loop = l.toBool();
            }
            sawMessage = true;
            continue;
        }
        sawMessage = true;
        Message m;
        m.line = lineNo;
        const QJsonValue t = o.value(QLatin1String("t"));
        if (t.isUndefined())
            return fail(QStringLiteral("missing field 't'"));
        if (!t.isDouble() || !std::isfinite(t.toDouble()) || std::abs(t.toDouble()) > 1e9)
            return fail(QStringLiteral("field 't' must be a number of seconds"));
        m.t = t.toDouble();
        const QJsonValue topic = o.value(QLatin1String("topic"));
        if (!topic.isString() || topic.toString().isEmpty())
            return fail(topic.isUndefined() ? QStringLiteral("missing field 'topic'")
                                            : QStringLiteral("field 'topic' must be a non-empty string"));
        m.topic = topic.toString();
        if (m.topic.contains(u'+') || m.topic.contains(u'#'))
            return fail(QStringLiteral("topic '%1' contains a wildcard").arg(m.topic.left(200)));
        const QJsonValue p = o.value(QLatin1String("payload"));
        if (p.isUndefined())
            return fail(QStringLiteral("missing field 'payload'"));
        if (p.isString())
            m.payload = p.toString().toUtf8();
        else if (p.isObject())
            m.payload = QJsonDocument(p.toObject()).toJson(QJsonDocument::Compact);
        else if (p.isArray())
            m.payload = QJsonDocument(p.toArray()).toJson(QJsonDocument::Compact);
        else // scalar JSON values: their JSON text
            m.payload = QJsonDocument(QJsonArray{p}).toJson(QJsonDocument::Compact).mid(1).chopped(1);
        out.append(std::move(m));
    }
    if (out.isEmpty()) {
        lineNo = std::max(lineNo, 1);
        return fail(QStringLiteral("no messages"));
    }
    std::stable_sort(out.begin(), out.end(), [](const Message &a, const Message &b) { return a.t < b.t; });
    const double last = out.last().t;
    if (duration < 0)
        duration = std::max(last, 0.0);
    if (last > duration) {
        lineNo = out.last().line;
        return fail(QStringLiteral("t = %1 is beyond the header's duration %2").arg(last).arg(duration));
    }
    m_backfill = int(std::count_if(out.cbegin(), out.cend(), [](const Message &m) { return m.t < 0; }));
    if (loop && m_backfill < out.size() && duration <= 0) {
        lineNo = 1;
        return fail(QStringLiteral("a looping recording needs a duration > 0"));
    }
    m_messages = std::move(out);
    m_duration = duration;
    m_loop = loop;
    return true;
}

QByteArray FeedRecording::headerLine(double duration, bool loop)
{
    return "{\"format\":\"liyuan-feed\",\"version\":1,\"duration\":" + QByteArray::number(duration, 'g', 12)
           + ",\"loop\":" + (loop ? "true" : "false") + "}\n";
}

QByteArray FeedRecording::messageLine(double t, const QString &topic, const QByteArray &payload)
{
    QJsonObject o;
    o.insert(QStringLiteral("t"), t);
    o.insert(QStringLiteral("topic"), topic);
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(payload, &pe);
    if (pe.error == QJsonParseError::NoError && doc.isObject())
        o.insert(QStringLiteral("payload"), doc.object());
    else
        o.insert(QStringLiteral("payload"), QString::fromUtf8(payload));
    return QJsonDocument(o).toJson(QJsonDocument::Compact) + '\n';
}

} // namespace liyuan::live
