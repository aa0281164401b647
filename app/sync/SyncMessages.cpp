#include "SyncMessages.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QRegularExpression>

#include <chrono>
#include <cmath>

namespace liyuan::SyncMessages {

QString topic(const QString &wallId, const QString &leaf)
{
    return QStringLiteral("liyuan/wall/%1/%2").arg(wallId, leaf);
}

bool validWallId(const QString &wallId)
{
    static const QRegularExpression re(QStringLiteral("^[A-Za-z0-9_.-]{1,64}$"));
    return re.match(wallId).hasMatch();
}

QByteArray encodePose(const PoseMessage &p)
{
    QJsonObject o{{QStringLiteral("s"), p.session},
                  {QStringLiteral("f"), double(p.frame)},
                  {QStringLiteral("t"), p.monoMs},
                  {QStringLiteral("w"), p.wallMs},
                  {QStringLiteral("dt"), p.frameMs},
                  {QStringLiteral("e"), QJsonArray{p.eye.x, p.eye.y, p.eye.z}},
                  {QStringLiteral("q"), QJsonArray{double(p.rotation.scalar()), double(p.rotation.x()),
                                                   double(p.rotation.y()), double(p.rotation.z())}},
                  {QStringLiteral("fov"), p.fieldOfView}};
    if (p.heartbeat)
        o[QStringLiteral("hb")] = true;
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

namespace {
bool number(const QJsonObject &o, const char *key, double *out, QString *error, bool required = true)
{
    const QJsonValue v = o.value(QLatin1String(key));
    if (v.isUndefined() && !required)
        return true;
    if (!v.isDouble() || !std::isfinite(v.toDouble())) {
        *error = QStringLiteral("field '%1' is missing or not a finite number").arg(QLatin1String(key));
        return false;
    }
    *out = v.toDouble();
    return true;
}

bool numbers(const QJsonObject &o, const char *key, int n, double *out, QString *error)
{
    const QJsonArray a = o.value(QLatin1String(key)).toArray();
    if (a.size() != n) {
        *error = QStringLiteral("field '%1' must be an array of %2 numbers").arg(QLatin1String(key)).arg(n);
        return false;
    }
    for (int i = 0; i < n; ++i) {
        if (!a.at(i).isDouble() || !std::isfinite(a.at(i).toDouble())) {
            *error = QStringLiteral("field '%1' must be an array of %2 finite numbers").arg(QLatin1String(key)).arg(n);
            return false;
        }
        out[i] = a.at(i).toDouble();
    }
    return true;
}
} // namespace

bool decodeObject(const QByteArray &payload, QJsonObject *object, QString *error)
{
    if (payload.isEmpty()) {
        *error = QStringLiteral("empty payload");
        return false;
    }
    if (payload.size() > MaxPayloadBytes) {
        *error = QStringLiteral("payload of %1 bytes is over the limit of %2").arg(payload.size()).arg(MaxPayloadBytes);
        return false;
    }
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(payload, &pe);
    if (pe.error != QJsonParseError::NoError) {
        *error = QStringLiteral("not JSON: %1 at offset %2").arg(pe.errorString()).arg(pe.offset);
        return false;
    }
    if (!doc.isObject()) {
        *error = QStringLiteral("not a JSON object");
        return false;
    }
    *object = doc.object();
    return true;
}

QByteArray encodeObject(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

bool decodePose(const QByteArray &payload, PoseMessage *pose, QString *error)
{
    if (payload.size() > 4096) {
        *error = QStringLiteral("pose payload of %1 bytes is over the limit of 4096").arg(payload.size());
        return false;
    }
    QJsonObject o;
    if (!decodeObject(payload, &o, error))
        return false;
    PoseMessage p;
    double frame = 0, e[3], q[4];
    if (!number(o, "f", &frame, error) || !number(o, "t", &p.monoMs, error) || !number(o, "w", &p.wallMs, error)
        || !number(o, "fov", &p.fieldOfView, error) || !number(o, "dt", &p.frameMs, error, false)
        || !numbers(o, "e", 3, e, error) || !numbers(o, "q", 4, q, error))
        return false;
    if (frame < 0 || frame > 9.0e15 || frame != std::floor(frame)) {
        *error = QStringLiteral("field 'f' must be a frame number (a non-negative integer)");
        return false;
    }
    if (!(p.fieldOfView > 0.1 && p.fieldOfView < 179.0)) {
        *error = QStringLiteral("field 'fov' %1 is outside 0.1..179 degrees").arg(p.fieldOfView);
        return false;
    }
    const double len = std::sqrt(q[0] * q[0] + q[1] * q[1] + q[2] * q[2] + q[3] * q[3]);
    if (!(len > 0.5 && len < 1.5)) {
        *error = QStringLiteral("field 'q' is not a unit quaternion (length %1)").arg(len);
        return false;
    }
    if (std::abs(e[0]) > 1e8 || std::abs(e[1]) > 1e8 || std::abs(e[2]) > 1e8) {
        *error = QStringLiteral("field 'e' lies more than 100000 km from the scene origin");
        return false;
    }
    const QJsonValue s = o.value(QLatin1String("s"));
    if (!s.isString() || s.toString().size() > 64) {
        *error = QStringLiteral("field 's' (session) must be a string of at most 64 characters");
        return false;
    }
    p.session = s.toString();
    p.frame = qint64(frame);
    p.eye = Vec3d{e[0], e[1], e[2]};
    p.rotation = QQuaternion(float(q[0] / len), float(q[1] / len), float(q[2] / len), float(q[3] / len));
    p.heartbeat = o.value(QLatin1String("hb")).toBool();
    *pose = p;
    return true;
}

double monotonicMs()
{
    using namespace std::chrono;
    return duration<double, std::milli>(steady_clock::now().time_since_epoch()).count();
}

double wallClockMs()
{
    using namespace std::chrono;
    return duration<double, std::milli>(system_clock::now().time_since_epoch()).count();
}

} // namespace liyuan::SyncMessages
