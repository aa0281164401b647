#pragma once
#include <liyuan/geodata/VectorDataset.h>

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>
#include <QVariantMap>

#include <cmath>
#include <vector>

namespace liyuan::gdal {

/** One feature of a loaded vector layer, in the scene's local frame. Plain data. */
struct VectorFeatureRecord
{
    qint64 fid = -1;
    VectorFeature::Kind kind = VectorFeature::Kind::Polygon;
    QVariantMap attributes;
    Vec3d anchor;              ///< points: the point; others: centroid of the bounds; z on the ground (or top for blocks)
    Box2d bounds;              ///< local frame
    double groundZ = 0.0;      ///< local z of the ground under it (terrain, or 0)
    double height = NAN;       ///< extrusion height in metres (NaN: not extruded)
};

/**
 * A vector layer as loaded for the scene: every feature's attributes and placement, for
 * the attribute table, picking, fly-to and point overlays. Built on a worker thread, then
 * shared read-only (std::shared_ptr<const VectorLayerData>) with the GUI thread.
 */
struct VectorLayerData
{
    QString id;
    QString file;
    QString layerName;
    QString geometryType;
    QList<VectorField> fields;
    std::vector<VectorFeatureRecord> features;
    QHash<qint64, int> indexByFid;  ///< fid → index into features
    QStringList warnings;           ///< e.g. "no CRS, assuming …", "attribute 'hgt' not found"
    Box2d bounds;                   ///< local frame
    QString heightAttribute;        ///< the attribute used for heights, if any

    const VectorFeatureRecord *feature(qint64 fid) const
    {
        const auto it = indexByFid.constFind(fid);
        return it == indexByFid.constEnd() ? nullptr : &features[size_t(*it)];
    }
};

} // namespace liyuan::gdal
