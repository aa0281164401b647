#include <liyuan/live/PayloadMapping.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QJsonValue>

#include <QFile>

#include <cmath>

namespace liyuan::live {

namespace {

using Result = PayloadMapping::Result;
using Error = PayloadMapping::Error;

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

// Follows a pre-split dot path. Returns Undefined when a step is missing.
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

bool parseIso(QStringView s, QDateTime *out)
{
    QDateTime dt = QDateTime::fromString(s.toString(), Qt::ISODateWithMs);
    if (!dt.isValid())
        return false;
    if (dt.timeSpec() == Qt::LocalTime) // no offset given: the sender meant UTC
        dt.setTimeSpec(Qt::UTC);
    *out = dt.toUTC();
    return true;
}

Result parseTime(const QJsonValue &v, PayloadMapping::TimeFormat fmt, const QString &field,
                 QDateTime *out)
{
    using TF = PayloadMapping::TimeFormat;
    if (v.isString() && (fmt == TF::Auto || fmt == TF::Iso8601)) {
        const QString str = v.toString();
        QStringView s = str;
        const qsizetype slash = s.indexOf(u'/'); // ISO 8601 interval: use its end
        if (slash >= 0)
            s = s.mid(slash + 1);
        if (!parseIso(s, out))
            return fail(Error::WrongType, QStringLiteral("%1: '%2' is not an ISO 8601 time")
                                              .arg(field, str.left(64)));
        return Result{true, Error::None, {}, {}};
    }
    if (v.isDouble() && fmt != TF::Iso8601) {
        const double t = v.toDouble();
        if (!std::isfinite(t) || t < 0 || t > 1e15)
            return fail(Error::WrongType, QStringLiteral("%1: epoch %2 out of range").arg(field).arg(t));
        const bool millis = fmt == TF::EpochMillis || (fmt == TF::Auto && t >= 1e11);
        const qint64 ms = millis ? qint64(std::llround(t)) : qint64(std::llround(t * 1000.0));
        *out = QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC);
        return Result{true, Error::None, {}, {}};
    }
    return fail(Error::WrongType, QStringLiteral("%1: expected %2, got %3")
                                      .arg(field,
                                           fmt == TF::Iso8601 ? QStringLiteral("ISO 8601 string")
                                           : fmt == TF::Auto  ? QStringLiteral("time string or epoch number")
                                                              : QStringLiteral("epoch number"),
                                           typeName(v)));
}

// number → value; string → text (+ value when it is a plain number); bool → 1/0 + text.
Result readResult(const QJsonValue &v, const QString &field, Observation *obs)
{
    switch (v.type()) {
    case QJsonValue::Double:
        obs->value = v.toDouble();
        break;
    case QJsonValue::String: {
        obs->text = v.toString();
        bool ok = false;
        const double d = obs->text.toDouble(&ok);
        if (ok && std::isfinite(d))
            obs->value = d;
        break;
    }
    case QJsonValue::Bool:
        obs->value = v.toBool() ? 1.0 : 0.0;
        obs->text = v.toBool() ? QStringLiteral("true") : QStringLiteral("false");
        break;
    case QJsonValue::Undefined:
        return fail(Error::MissingField, QStringLiteral("missing field '%1'").arg(field));
    default:
        return fail(Error::WrongType, QStringLiteral("%1: expected number, string or bool, got %2")
                                          .arg(field, typeName(v)));
    }
    return Result{true, Error::None, {}, {}};
}

Result parseObject(const QByteArray &payload, QJsonObject *obj)
{
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(payload, &pe);
    if (pe.error != QJsonParseError::NoError)
        return fail(Error::BadJson, QStringLiteral("bad JSON at offset %1: %2").arg(pe.offset).arg(pe.errorString()));
    if (!doc.isObject())
        return fail(Error::WrongType, QStringLiteral("payload is a JSON %1, expected an object")
                                          .arg(doc.isArray() ? QStringLiteral("array") : QStringLiteral("value")));
    *obj = doc.object();
    return Result{true, Error::None, {}, {}};
}

bool levelsMatch(const QStringList &filter, QStringView topic)
{
    qsizetype pos = 0;
    const qsizetype n = topic.size();
    for (qsizetype i = 0; i < filter.size(); ++i) {
        const QString &f = filter.at(i);
        if (f == QLatin1String("#"))
            return true; // matches the rest, including the parent level itself
        if (pos > n)
            return false; // topic has fewer levels
        qsizetype end = topic.indexOf(u'/', pos);
        if (end < 0)
            end = n;
        const QStringView level = topic.mid(pos, end - pos);
        if (f != QLatin1String("+") && level != f)
            return false;
        pos = end + 1;
    }
    return pos > n; // all topic levels consumed
}

QStringView topicLevel(QStringView topic, int index)
{
    qsizetype pos = 0;
    for (int i = 0; i < index; ++i) {
        pos = topic.indexOf(u'/', pos);
        if (pos < 0)
            return {};
        ++pos;
    }
    qsizetype end = topic.indexOf(u'/', pos);
    if (end < 0)
        end = topic.size();
    return topic.mid(pos, end - pos);
}

} // namespace

QString PayloadMapping::errorName(Error e)
{
    switch (e) {
    case Error::None: return QStringLiteral("none");
    case Error::NoMatchingRule: return QStringLiteral("no matching rule");
    case Error::Empty: return QStringLiteral("empty payload");
    case Error::TooLarge: return QStringLiteral("payload too large");
    case Error::BadJson: return QStringLiteral("bad JSON");
    case Error::WrongType: return QStringLiteral("wrong type");
    case Error::MissingField: return QStringLiteral("missing field");
    case Error::UnknownDevice: return QStringLiteral("unknown device");
    }
    return {};
}

bool PayloadMapping::topicMatches(const QString &filter, const QString &topic)
{
    return levelsMatch(filter.split(u'/'), topic);
}

bool PayloadMapping::loadFile(const QString &path, PayloadMapping *out, QString *error)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        if (error)
            *error = QStringLiteral("%1: cannot open: %2").arg(path, f.errorString());
        return false;
    }
    return fromJson(f.readAll(), path, out, error);
}

bool PayloadMapping::fromJson(const QByteArray &json, const QString &source, PayloadMapping *out, QString *error)
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
    const QJsonValue fmt = o.value(QLatin1String("format"));
    if (!fmt.isUndefined() && fmt.toString() != QLatin1String("liyuan-mapping"))
        return bad({}, QStringLiteral("format must be \"liyuan-mapping\""));
    const QJsonValue ver = o.value(QLatin1String("version"));
    if (!ver.isUndefined() && ver.toDouble(-1) != 1)
        return bad({}, QStringLiteral("unsupported version (this reader knows version 1)"));
    PayloadMapping m;
    const QJsonValue maxBytes = o.value(QLatin1String("maxPayloadBytes"));
    if (!maxBytes.isUndefined()) {
        const double d = maxBytes.toDouble(-1);
        if (!maxBytes.isDouble() || d < 1 || d > 1e9 || std::floor(d) != d)
            return bad({}, QStringLiteral("'maxPayloadBytes' must be a positive integer"));
        m.m_maxPayloadBytes = qsizetype(d);
    }
    const QJsonValue topics = o.value(QLatin1String("topics"));
    if (!topics.isUndefined()) {
        if (!topics.isArray())
            return bad({}, QStringLiteral("'topics' must be an array of strings"));
        const QJsonArray a = topics.toArray();
        for (qsizetype i = 0; i < a.size(); ++i) {
            const QString t = a.at(i).toString();
            JsonRule probe;
            probe.topicPattern = t;
            probe.valuePath = QStringLiteral("v");
            probe.deviceIdPath = QStringLiteral("d");
            QString why;
            if (!a.at(i).isString() || !PayloadMapping().addJson(probe, &why))
                return bad(QStringLiteral("topics[%1]").arg(i),
                           a.at(i).isString() ? why : QStringLiteral("must be a string"));
            m.m_topics << t;
        }
    }
    const QJsonValue rules = o.value(QLatin1String("rules"));
    if (!rules.isArray())
        return bad({}, rules.isUndefined() ? QStringLiteral("missing field 'rules'")
                                           : QStringLiteral("'rules' must be an array"));
    const QJsonArray ra = rules.toArray();
    if (ra.isEmpty())
        return bad({}, QStringLiteral("'rules' is empty"));
    for (qsizetype i = 0; i < ra.size(); ++i) {
        const QString w = QStringLiteral("rules[%1]").arg(i);
        if (!ra.at(i).isObject())
            return bad(w, QStringLiteral("expected an object"));
        const QJsonObject r = ra.at(i).toObject();
        const QString type = r.value(QLatin1String("type")).toString();
        if (type == QLatin1String("sensorthings")) {
            QHash<QString, QString> table;
            const QJsonValue ds = r.value(QLatin1String("datastreams"));
            if (!ds.isUndefined()) {
                if (!ds.isObject())
                    return bad(w, QStringLiteral("'datastreams' must be an object of \"id\": \"device\""));
                const QJsonObject dso = ds.toObject();
                for (auto it = dso.constBegin(); it != dso.constEnd(); ++it) {
                    if (!it.value().isString() || it.value().toString().isEmpty())
                        return bad(w, QStringLiteral("datastreams['%1'] must be a device id string").arg(it.key().left(100)));
                    table.insert(it.key(), it.value().toString());
                }
            }
            m.addSensorThings(table);
        } else if (type == QLatin1String("json")) {
            JsonRule jr;
            auto str = [&](const char *key, QString *dst, bool required) {
                const QJsonValue v = r.value(QLatin1String(key));
                if (v.isUndefined())
                    return !required;
                if (!v.isString())
                    return false;
                *dst = v.toString();
                return true;
            };
            if (!str("topic", &jr.topicPattern, true))
                return bad(w, QStringLiteral("'topic' must be a string"));
            if (!str("deviceId", &jr.deviceIdPath, false))
                return bad(w, QStringLiteral("'deviceId' must be a string (dot path)"));
            if (!str("value", &jr.valuePath, true))
                return bad(w, QStringLiteral("'value' must be a string (dot path)"));
            if (!str("time", &jr.timePath, false))
                return bad(w, QStringLiteral("'time' must be a string (dot path)"));
            const QJsonValue lvl = r.value(QLatin1String("deviceIdTopicLevel"));
            if (!lvl.isUndefined()) {
                const double d = lvl.toDouble(-1);
                if (!lvl.isDouble() || d < 0 || d > 1000 || std::floor(d) != d)
                    return bad(w, QStringLiteral("'deviceIdTopicLevel' must be an integer >= 0"));
                jr.deviceIdTopicLevel = int(d);
            }
            QString tf;
            if (!str("timeFormat", &tf, false))
                return bad(w, QStringLiteral("'timeFormat' must be a string"));
            if (tf.isEmpty() || tf == QLatin1String("auto"))
                jr.timeFormat = TimeFormat::Auto;
            else if (tf == QLatin1String("iso8601"))
                jr.timeFormat = TimeFormat::Iso8601;
            else if (tf == QLatin1String("epoch-s"))
                jr.timeFormat = TimeFormat::EpochSeconds;
            else if (tf == QLatin1String("epoch-ms"))
                jr.timeFormat = TimeFormat::EpochMillis;
            else
                return bad(w, QStringLiteral("timeFormat '%1' must be auto, iso8601, epoch-s or epoch-ms").arg(tf.left(50)));
            QString why;
            if (!m.addJson(jr, &why))
                return bad(w, why);
        } else {
            return bad(w, QStringLiteral("'type' must be \"sensorthings\" or \"json\""));
        }
    }
    m.m_knownDevices = out->m_knownDevices;
    *out = std::move(m);
    return true;
}

QStringList PayloadMapping::subscriptions() const
{
    if (!m_topics.isEmpty())
        return m_topics;
    QStringList out;
    for (const Rule &r : m_rules) {
        const QString t = r.sensorThings ? QStringLiteral("v1.1/#") : r.json.topicPattern;
        if (!out.contains(t))
            out << t;
    }
    return out;
}

PayloadMapping PayloadMapping::sensorThings(const QHash<QString, QString> &datastreamToDevice)
{
    PayloadMapping m;
    m.addSensorThings(datastreamToDevice);
    return m;
}

void PayloadMapping::addSensorThings(const QHash<QString, QString> &datastreamToDevice)
{
    Rule r;
    r.sensorThings = true;
    r.datastreamToDevice = datastreamToDevice;
    m_rules.append(r);
}

bool PayloadMapping::addJson(const JsonRule &rule, QString *error)
{
    auto bad = [error](const QString &msg) {
        if (error)
            *error = msg;
        return false;
    };
    const QStringList levels = rule.topicPattern.split(u'/');
    if (rule.topicPattern.isEmpty())
        return bad(QStringLiteral("empty topic pattern"));
    for (qsizetype i = 0; i < levels.size(); ++i) {
        const QString &l = levels.at(i);
        if (l == QLatin1String("#") && i != levels.size() - 1)
            return bad(QStringLiteral("'#' must be the last level of '%1'").arg(rule.topicPattern));
        if (l.size() > 1 && (l.contains(u'+') || l.contains(u'#')))
            return bad(QStringLiteral("wildcards must fill a whole level in '%1'").arg(rule.topicPattern));
    }
    if (rule.valuePath.isEmpty())
        return bad(QStringLiteral("value path is required"));
    if (rule.deviceIdPath.isEmpty() && rule.deviceIdTopicLevel < 0)
        return bad(QStringLiteral("device id needs a JSON path or a topic level"));
    if (rule.deviceIdPath.isEmpty() && rule.deviceIdTopicLevel >= levels.size()
        && !levels.contains(QStringLiteral("#")))
        return bad(QStringLiteral("topic level %1 is beyond pattern '%2'").arg(rule.deviceIdTopicLevel).arg(rule.topicPattern));
    Rule r;
    r.json = rule;
    r.patternLevels = levels;
    if (!rule.deviceIdPath.isEmpty())
        r.devicePath = rule.deviceIdPath.split(u'.');
    r.valuePath = rule.valuePath.split(u'.');
    if (!rule.timePath.isEmpty())
        r.timePath = rule.timePath.split(u'.');
    m_rules.append(r);
    return true;
}

PayloadMapping::Result PayloadMapping::parse(const QString &topic, const QByteArray &payload) const
{
    const Rule *rule = nullptr;
    for (const Rule &r : m_rules) {
        if (r.sensorThings) {
            // v1.x/Datastreams(<id>)/Observations
            const QStringView t = topic;
            if (t.startsWith(u"v1.") && t.endsWith(u")/Observations")
                && t.indexOf(u"/Datastreams(") > 0) {
                rule = &r;
                break;
            }
        } else if (levelsMatch(r.patternLevels, topic)) {
            rule = &r;
            break;
        }
    }
    if (!rule)
        return fail(Error::NoMatchingRule, QStringLiteral("no mapping rule for topic '%1'").arg(topic.left(200)));
    if (payload.isEmpty())
        return fail(Error::Empty, QStringLiteral("empty payload"));
    if (payload.size() > m_maxPayloadBytes)
        return fail(Error::TooLarge, QStringLiteral("payload of %1 bytes exceeds the limit of %2 bytes")
                                         .arg(payload.size()).arg(m_maxPayloadBytes));
    Result res = rule->sensorThings ? parseSensorThings(*rule, topic, payload)
                                    : parseJson(*rule, topic, payload);
    if (res.ok && !m_knownDevices.isEmpty() && !m_knownDevices.contains(res.observation.deviceId))
        return fail(Error::UnknownDevice, QStringLiteral("unknown device '%1'").arg(res.observation.deviceId.left(200)));
    return res;
}

PayloadMapping::Result PayloadMapping::parseSensorThings(const Rule &r, const QString &topic,
                                                         const QByteArray &payload) const
{
    const QStringView t = topic;
    const qsizetype open = t.indexOf(u"/Datastreams(") + qsizetype(sizeof("/Datastreams(") - 1);
    const qsizetype close = t.size() - qsizetype(sizeof(")/Observations") - 1);
    QStringView id = t.mid(open, close - open);
    if (id.size() >= 2 && id.startsWith(u'\'') && id.endsWith(u'\''))
        id = id.mid(1, id.size() - 2);
    if (id.isEmpty() || id.contains(u'/') || id.contains(u'('))
        return fail(Error::NoMatchingRule, QStringLiteral("not a SensorThings Observations topic: '%1'").arg(topic.left(200)));
    if (open - qsizetype(sizeof("/Datastreams(") - 1) != t.indexOf(u'/'))
        return fail(Error::NoMatchingRule, QStringLiteral("not a SensorThings Observations topic: '%1'").arg(topic.left(200)));

    Result res;
    Observation &obs = res.observation;
    if (r.datastreamToDevice.isEmpty()) {
        obs.deviceId = id.toString();
    } else {
        const auto it = r.datastreamToDevice.constFind(id.toString());
        if (it == r.datastreamToDevice.constEnd())
            return fail(Error::UnknownDevice, QStringLiteral("datastream %1 is not mapped to a device").arg(id.toString()));
        obs.deviceId = it.value();
    }

    QJsonObject o;
    Result pr = parseObject(payload, &o);
    if (!pr.ok)
        return pr;
    Result vr = readResult(o.value(QLatin1String("result")), QStringLiteral("result"), &obs);
    if (!vr.ok)
        return vr;
    QJsonValue tv = o.value(QLatin1String("phenomenonTime"));
    QString tfield = QStringLiteral("phenomenonTime");
    if (tv.isUndefined() || tv.isNull()) {
        tv = o.value(QLatin1String("resultTime"));
        tfield = QStringLiteral("resultTime");
    }
    if (tv.isUndefined() || tv.isNull())
        return fail(Error::MissingField, QStringLiteral("missing field 'phenomenonTime'"));
    Result tr = parseTime(tv, TimeFormat::Iso8601, tfield, &obs.time);
    if (!tr.ok)
        return tr;
    obs.topic = topic;
    res.ok = true;
    return res;
}

PayloadMapping::Result PayloadMapping::parseJson(const Rule &r, const QString &topic,
                                                 const QByteArray &payload) const
{
    QJsonObject o;
    Result pr = parseObject(payload, &o);
    if (!pr.ok)
        return pr;
    Result res;
    Observation &obs = res.observation;
    if (!r.devicePath.isEmpty()) {
        const QJsonValue dv = follow(o, r.devicePath);
        if (dv.isUndefined())
            return fail(Error::MissingField, QStringLiteral("missing field '%1'").arg(r.json.deviceIdPath));
        if (dv.isString()) {
            obs.deviceId = dv.toString();
        } else if (dv.isDouble() && std::floor(dv.toDouble()) == dv.toDouble()
                   && std::abs(dv.toDouble()) < 9e15) {
            obs.deviceId = QString::number(qint64(dv.toDouble()));
        } else {
            return fail(Error::WrongType, QStringLiteral("%1: expected string or integer device id, got %2")
                                              .arg(r.json.deviceIdPath, typeName(dv)));
        }
    } else {
        obs.deviceId = topicLevel(topic, r.json.deviceIdTopicLevel).toString();
    }
    if (obs.deviceId.isEmpty())
        return fail(Error::MissingField, QStringLiteral("empty device id"));

    Result vr = readResult(follow(o, r.valuePath), r.json.valuePath, &obs);
    if (!vr.ok)
        return vr;
    if (!r.timePath.isEmpty()) {
        const QJsonValue tv = follow(o, r.timePath);
        if (tv.isUndefined())
            return fail(Error::MissingField, QStringLiteral("missing field '%1'").arg(r.json.timePath));
        Result tr = parseTime(tv, r.json.timeFormat, r.json.timePath, &obs.time);
        if (!tr.ok)
            return tr;
    }
    obs.topic = topic;
    res.ok = true;
    return res;
}

} // namespace liyuan::live
