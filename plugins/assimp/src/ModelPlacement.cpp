#include <liyuan/assimp/ModelPlacement.h>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

#include <cmath>

namespace liyuan::assimp {
namespace {

constexpr qint64 kMaxSidecarBytes = 1024 * 1024;

bool finiteNumber(const QJsonValue &v) { return v.isDouble() && std::isfinite(v.toDouble()); }

} // namespace

QString upAxisName(UpAxis axis)
{
    switch (axis) {
    case UpAxis::X: return QStringLiteral("X");
    case UpAxis::Y: return QStringLiteral("Y");
    case UpAxis::Z: return QStringLiteral("Z");
    case UpAxis::Unknown: break;
    }
    return {};
}

QString ModelPlacement::defaultFloorPattern()
{
    return QStringLiteral("(?i)^(floor|storey|story|level|楼层|F)[ _-]?\\d+");
}

QString ModelPlacement::effectiveFloorPattern() const
{
    return floorPattern.isEmpty() ? defaultFloorPattern() : floorPattern;
}

bool ModelPlacement::fromJson(const QJsonObject &o, const QString &context, ModelPlacement *out, QString *error)
{
    auto fail = [&](const QString &why) {
        *error = QStringLiteral("%1: %2").arg(context, why);
        return false;
    };
    ModelPlacement p;
    const QJsonValue crs = o.value(QStringLiteral("crs"));
    if (!crs.isString() || crs.toString().trimmed().isEmpty())
        return fail(QStringLiteral("crs: missing (e.g. \"EPSG:4549\")"));
    p.crs = crs.toString().trimmed();
    QString crsError;
    if (!Crs::fromString(p.crs, &crsError).isValid())
        return fail(QStringLiteral("crs: unknown CRS '%1'%2").arg(p.crs, crsError.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(crsError)));
    const QJsonArray pos = o.value(QStringLiteral("position")).toArray();
    if (pos.size() != 3)
        return fail(QStringLiteral("position: needs three numbers [x, y, z]"));
    for (int i = 0; i < 3; ++i)
        if (!finiteNumber(pos[i]))
            return fail(QStringLiteral("position[%1]: not a finite number").arg(i));
    p.position = Vec3d(pos[0].toDouble(), pos[1].toDouble(), pos[2].toDouble());
    if (o.contains(QStringLiteral("heading"))) {
        if (!finiteNumber(o.value(QStringLiteral("heading"))))
            return fail(QStringLiteral("heading: not a finite number"));
        p.heading = o.value(QStringLiteral("heading")).toDouble();
    }
    if (o.contains(QStringLiteral("scale"))) {
        if (!finiteNumber(o.value(QStringLiteral("scale"))))
            return fail(QStringLiteral("scale: not a finite number"));
        p.scale = o.value(QStringLiteral("scale")).toDouble();
        if (p.scale <= 0.0)
            return fail(QStringLiteral("scale: must be greater than 0 (is %1)").arg(p.scale));
    }
    if (o.contains(QStringLiteral("upAxis"))) {
        const QString up = o.value(QStringLiteral("upAxis")).toString().trimmed().toUpper();
        if (up == QLatin1String("Y"))
            p.upAxis = UpAxis::Y;
        else if (up == QLatin1String("Z"))
            p.upAxis = UpAxis::Z;
        else
            return fail(QStringLiteral("upAxis: must be \"Y\" or \"Z\""));
    }
    if (o.contains(QStringLiteral("floorPattern"))) {
        const QJsonValue fp = o.value(QStringLiteral("floorPattern"));
        if (!fp.isString())
            return fail(QStringLiteral("floorPattern: must be a string (a regular expression)"));
        p.floorPattern = fp.toString();
        const QRegularExpression re(p.floorPattern);
        if (!re.isValid())
            return fail(QStringLiteral("floorPattern: invalid regular expression: %1").arg(re.errorString()));
    }
    *out = p;
    return true;
}

QJsonObject ModelPlacement::toJson() const
{
    QJsonObject o{{QStringLiteral("crs"), crs},
                  {QStringLiteral("position"), QJsonArray{position.x, position.y, position.z}},
                  {QStringLiteral("heading"), heading},
                  {QStringLiteral("scale"), scale}};
    if (upAxis == UpAxis::Y || upAxis == UpAxis::Z)
        o[QStringLiteral("upAxis")] = upAxisName(upAxis);
    if (!floorPattern.isEmpty())
        o[QStringLiteral("floorPattern")] = floorPattern;
    return o;
}

QString ModelPlacement::findSidecar(const QString &modelPath)
{
    const QFileInfo fi(modelPath);
    for (const QString &name : {fi.fileName() + QStringLiteral(".geo.json"), fi.completeBaseName() + QStringLiteral(".geo.json")}) {
        const QFileInfo side(fi.dir().filePath(name));
        if (side.isFile())
            return side.absoluteFilePath();
    }
    return {};
}

bool ModelPlacement::readSidecar(const QString &modelPath, ModelPlacement *out, QString *error)
{
    error->clear();
    const QString path = findSidecar(modelPath);
    if (path.isEmpty())
        return false;
    const QString name = QDir::toNativeSeparators(path);
    QFile f(path);
    if (f.size() > kMaxSidecarBytes) {
        *error = QStringLiteral("%1: too large for a placement sidecar (%2 bytes)").arg(name).arg(f.size());
        return false;
    }
    if (!f.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("%1: cannot open: %2").arg(name, f.errorString());
        return false;
    }
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(f.readAll(), &pe);
    if (pe.error != QJsonParseError::NoError) {
        *error = QStringLiteral("%1: not valid JSON: %2").arg(name, pe.errorString());
        return false;
    }
    if (!doc.isObject()) {
        *error = QStringLiteral("%1: the top level is not an object").arg(name);
        return false;
    }
    return fromJson(doc.object(), name, out, error);
}

LocalFrame ModelPlacement::frame() const
{
    return LocalFrame(Crs::fromString(crs), position);
}

bool ModelPlacement::sceneTransform(const LocalFrame &scene, const QString &context, DatasetTransform *out,
                                    QString *error) const
{
    auto fail = [&](const QString &why) {
        *error = QStringLiteral("%1: %2").arg(context, why);
        return false;
    };
    DatasetTransform t;
    t.headingDeg = heading;
    t.scale = scale;
    if (!(scale > 0.0) || !std::isfinite(scale) || !std::isfinite(heading))
        return fail(QStringLiteral("scale must be a finite number greater than 0 and heading finite"));
    if (!scene.isGeoreferenced()) {
        *out = t;
        return true;
    }
    QString crsError;
    const Crs own = Crs::fromString(crs, &crsError);
    if (!own.isValid())
        return fail(QStringLiteral("crs: unknown CRS '%1'").arg(crs));
    bool ok = false;
    t.offset = own == scene.crs() ? scene.fromCrs(position) : scene.fromOther(position, own, &ok);
    if (own == scene.crs())
        ok = true;
    if (!ok || !std::isfinite(t.offset.x) || !std::isfinite(t.offset.y) || !std::isfinite(t.offset.z))
        return fail(QStringLiteral("position (%1, %2, %3) in %4 cannot be transformed into the scene CRS %5")
                        .arg(position.x, 0, 'f', 3).arg(position.y, 0, 'f', 3).arg(position.z, 0, 'f', 3)
                        .arg(crs, scene.crs().name()));
    const double km = std::hypot(t.offset.x, t.offset.y) / 1000.0;
    if (km > kMaxDistanceFromSceneKm)
        return fail(QStringLiteral("position is %1 km from the scene origin (more than %2 km): wrong CRS or swapped "
                                   "axes?")
                        .arg(km, 0, 'f', 0)
                        .arg(kMaxDistanceFromSceneKm, 0, 'f', 0));
    if (own != scene.crs()) {
        // north of the placement CRS, seen in the scene frame (grid convergence)
        const Vec3d step = own.isGeographic() ? Vec3d(0, 1e-4, 0) : Vec3d(0, 10, 0);
        bool ok2 = false;
        const Vec3d north = scene.fromOther(position + step, own, &ok2);
        if (ok2) {
            const Vec3d d = north - t.offset;
            if (std::hypot(d.x, d.y) > 0)
                t.headingDeg = heading + std::atan2(d.x, d.y) * 180.0 / M_PI;
        }
    }
    *out = t;
    return true;
}

} // namespace liyuan::assimp
