#include "DatasetFrame.h"
#include "BoundingVolume.h"
#include "TilesetCache.h"

#include <liyuan/geodata/CoordinateTransform.h>

#include <QHash>
#include <QJsonObject>
#include <QMutex>
#include <QMutexLocker>

namespace liyuan::tiles3d {

bool DatasetFrame::forTileset(const QString &topFile, const Tiles3dOptions &options, DatasetFrame *out, QString *error)
{
    static QMutex mutex;
    static QHash<QString, DatasetFrame> cache;
    {
        QMutexLocker lock(&mutex);
        if (auto it = cache.constFind(topFile); it != cache.constEnd()) {
            *out = *it;
            return true;
        }
    }
    const std::shared_ptr<const QJsonObject> doc = TilesetCache::instance().tileset(topFile, options.maxFileBytes, error);
    if (!doc)
        return false;
    DatasetFrame f;
    f.version = doc->value(QLatin1String("asset")).toObject().value(QLatin1String("version")).toString();
    const QJsonObject root = doc->value(QLatin1String("root")).toObject();
    Mat4 xf;
    if (root.contains(QLatin1String("transform")) && !xf.fromJson(root.value(QLatin1String("transform")))) {
        *error = QStringLiteral("%1: root \"transform\" is not 16 finite numbers").arg(topFile);
        return false;
    }
    BoundingVolume bv;
    QString what;
    if (!BoundingVolume::fromJson(root.value(QLatin1String("boundingVolume")).toObject(), &bv, &what)) {
        *error = QStringLiteral("%1: root: %2").arg(topFile, what);
        return false;
    }
    const std::vector<Vec3d> pts = bv.samplePoints(xf);
    Vec3d c;
    for (const Vec3d &p : pts)
        c += p;
    c = c * (1.0 / double(pts.size()));
    const double r = c.length();
    f.georeferenced = bv.kind == BoundingVolume::Kind::Region || (r > 6.0e6 && r < 6.6e6);
    if (f.georeferenced) {
        const Vec3d llh = ecefToLonLatHeight(c);
        const Crs enu = Crs::enu(llh.y, llh.x, llh.z);
        const CoordinateTransform t(Crs::fromString(QStringLiteral("EPSG:4978")), enu);
        bool ok = t.isValid();
        Vec3d o = c, ex = c + Vec3d(1000, 0, 0), ey = c + Vec3d(0, 1000, 0), ez = c + Vec3d(0, 0, 1000);
        ok = ok && t.transform(o) && t.transform(ex) && t.transform(ey) && t.transform(ez);
        if (!ok) {
            *error = QStringLiteral("%1: PROJ cannot take ECEF to the tileset's ENU frame: %2").arg(topFile, t.error());
            return false;
        }
        const Mat4 lin = Mat4::fromColumns((ex - o) * 1e-3, (ey - o) * 1e-3, (ez - o) * 1e-3, {});
        f.tilesetToLocal = Mat4::translation(o - lin.point(c)) * lin;
        f.frame = LocalFrame(enu, Vec3d());
    } else {
        f.warnings << QStringLiteral("%1: not georeferenced (no region volume, root not on the Earth's surface); shown in a local frame")
                              .arg(topFile);
    }
    QMutexLocker lock(&mutex);
    if (cache.size() > 256)
        cache.clear();
    cache.insert(topFile, f);
    *out = f;
    return true;
}

} // namespace liyuan::tiles3d
