#include "ProjectFile.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QSaveFile>

#include <cmath>

namespace liyuan {
namespace {

QJsonArray vec(const Vec3d &v) { return QJsonArray{v.x, v.y, v.z}; }

bool readVec(const QJsonValue &v, Vec3d *out)
{
    const QJsonArray a = v.toArray();
    if (a.size() != 3)
        return false;
    for (const QJsonValue &x : a)
        if (!x.isDouble() || !std::isfinite(x.toDouble()))
            return false;
    *out = Vec3d(a[0].toDouble(), a[1].toDouble(), a[2].toDouble());
    return true;
}

bool readQuat(const QJsonValue &v, QQuaternion *out)
{
    const QJsonArray a = v.toArray();
    if (a.size() != 4)
        return false;
    for (const QJsonValue &x : a)
        if (!x.isDouble() || !std::isfinite(x.toDouble()))
            return false;
    // stored x, y, z, w like OSG's AnimationPath
    const QQuaternion q(float(a[3].toDouble()), float(a[0].toDouble()), float(a[1].toDouble()), float(a[2].toDouble()));
    if (q.length() < 1e-6f)
        return false;
    *out = q.normalized();
    return true;
}

QJsonArray quat(const QQuaternion &q) { return QJsonArray{q.x(), q.y(), q.z(), q.scalar()}; }

} // namespace

QJsonObject ProjectFile::toJson() const
{
    QJsonObject o;
    o[QStringLiteral("format")] = QLatin1String(kFormat);
    o[QStringLiteral("version")] = kVersion;
    if (hasFrame)
        o[QStringLiteral("scene")] = QJsonObject{{QStringLiteral("crs"), crs}, {QStringLiteral("origin"), vec(origin)}};
    if (hasCamera)
        o[QStringLiteral("camera")] = QJsonObject{{QStringLiteral("position"), vec(eye)},
                                                  {QStringLiteral("rotation"), quat(rotation)},
                                                  {QStringLiteral("fovY"), fovY}};
    o[QStringLiteral("layers")] = layers;
    QJsonArray bm;
    for (const Bookmark &b : bookmarks)
        bm.append(QJsonObject{{QStringLiteral("name"), b.name},
                              {QStringLiteral("position"), vec(b.eye)},
                              {QStringLiteral("rotation"), quat(b.rotation)}});
    o[QStringLiteral("bookmarks")] = bm;
    if (!options.isEmpty())
        o[QStringLiteral("options")] = options;
    if (!basePath.isEmpty())
        o[QStringLiteral("basePath")] = basePath;
    return o;
}

bool ProjectFile::fromJson(const QJsonObject &o, const QString &fileName, ProjectFile *out, QString *error)
{
    auto fail = [&](const QString &why) {
        *error = QStringLiteral("%1: %2").arg(fileName, why);
        return false;
    };
    if (o.value(QStringLiteral("format")).toString() != QLatin1String(kFormat))
        return fail(QStringLiteral("not a Liyuan project (\"format\" is not \"%1\")").arg(QLatin1String(kFormat)));
    const int version = o.value(QStringLiteral("version")).toInt(-1);
    if (version < 1 || version > kVersion)
        return fail(QStringLiteral("unsupported project version %1 (this Liyuan reads up to %2)").arg(version).arg(kVersion));
    ProjectFile p;
    if (o.contains(QStringLiteral("scene"))) {
        const QJsonObject s = o.value(QStringLiteral("scene")).toObject();
        p.crs = s.value(QStringLiteral("crs")).toString();
        if (!readVec(s.value(QStringLiteral("origin")), &p.origin))
            return fail(QStringLiteral("scene.origin must be three numbers"));
        p.hasFrame = true;
    }
    if (o.contains(QStringLiteral("camera"))) {
        const QJsonObject c = o.value(QStringLiteral("camera")).toObject();
        if (!readVec(c.value(QStringLiteral("position")), &p.eye) || !readQuat(c.value(QStringLiteral("rotation")), &p.rotation))
            return fail(QStringLiteral("camera needs position [x,y,z] and rotation [x,y,z,w]"));
        p.fovY = std::clamp(c.value(QStringLiteral("fovY")).toDouble(45.0), 5.0, 120.0);
        p.hasCamera = true;
    }
    const QJsonValue layers = o.value(QStringLiteral("layers"));
    if (!layers.isUndefined() && !layers.isArray())
        return fail(QStringLiteral("\"layers\" must be an array"));
    for (const QJsonValue &l : layers.toArray()) {
        if (!l.isObject() || l.toObject().value(QStringLiteral("path")).toString().isEmpty())
            return fail(QStringLiteral("every layer needs a \"path\""));
    }
    p.layers = layers.toArray();
    for (const QJsonValue &b : o.value(QStringLiteral("bookmarks")).toArray()) {
        const QJsonObject bo = b.toObject();
        Bookmark bm;
        bm.name = bo.value(QStringLiteral("name")).toString();
        if (bm.name.isEmpty() || !readVec(bo.value(QStringLiteral("position")), &bm.eye)
            || !readQuat(bo.value(QStringLiteral("rotation")), &bm.rotation))
            return fail(QStringLiteral("a bookmark needs a name, position and rotation"));
        p.bookmarks << bm;
    }
    p.options = o.value(QStringLiteral("options")).toObject();
    p.basePath = o.value(QStringLiteral("basePath")).toString();
    *out = p;
    return true;
}

bool ProjectFile::save(const QString &path, QString *error) const
{
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly)) {
        *error = QStringLiteral("%1: cannot write: %2").arg(path, f.errorString());
        return false;
    }
    const QByteArray bytes = QJsonDocument(toJson()).toJson(QJsonDocument::Indented);
    if (f.write(bytes) != bytes.size() || !f.commit()) {
        *error = QStringLiteral("%1: cannot write: %2").arg(path, f.errorString());
        return false;
    }
    return true;
}

bool ProjectFile::load(const QString &path, ProjectFile *out, QString *error)
{
    QFile f(path);
    if (!f.exists()) {
        *error = QStringLiteral("%1: no such file").arg(path);
        return false;
    }
    if (!f.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("%1: cannot open: %2").arg(path, f.errorString());
        return false;
    }
    if (f.size() > kMaxBytes) {
        *error = QStringLiteral("%1: too large for a project file (%2 MB)").arg(path).arg(f.size() >> 20);
        return false;
    }
    const QByteArray bytes = f.readAll();
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &pe);
    if (pe.error != QJsonParseError::NoError) {
        const int line = int(bytes.left(pe.offset).count('\n')) + 1;
        *error = QStringLiteral("%1: not valid JSON at line %2: %3").arg(path).arg(line).arg(pe.errorString());
        return false;
    }
    if (!doc.isObject()) {
        *error = QStringLiteral("%1: not a Liyuan project (the top level is not an object)").arg(path);
        return false;
    }
    return fromJson(doc.object(), path, out, error);
}

} // namespace liyuan
