#pragma once
#include "Mat4.h"

#include <QJsonObject>
#include <QString>

#include <vector>

namespace liyuan::tiles3d {

/** WGS84 geodetic (radians, metres) → ECEF metres. */
Vec3d geodeticToEcef(double lonRad, double latRad, double h);
/** ECEF metres → WGS84 lon, lat (degrees), height (iterative, any point not at the centre). */
Vec3d ecefToLonLatHeight(const Vec3d &ecef);

/**
 * A 3D Tiles bounding volume: box (centre + 3 half-axes, in the tile's frame), region
 * (west, south, east, north radians, min/max height, WGS84) or sphere (centre, radius).
 * Plain value.
 */
struct BoundingVolume
{
    enum class Kind { None, Box, Region, Sphere };
    Kind kind = Kind::None;
    double v[12] = {};

    /** Parses "boundingVolume"; false and *error ("box: …") on a malformed one. */
    static bool fromJson(const QJsonObject &bv, BoundingVolume *out, QString *error);
    /**
     * Points on its surface (box corners, sphere poles, region corners and edge midpoints) in
     * the tileset frame: box and sphere are taken through xf (the tile's accumulated
     * transform); a region is already geographic (ECEF).
     */
    std::vector<Vec3d> samplePoints(const Mat4 &xf) const;
    /** Implicit tiling: the volume of tile (level, x, y, z) of this root volume (quadtree: z ignored). */
    BoundingVolume subdivided(int level, quint64 x, quint64 y, quint64 z, bool octree) const;
};

} // namespace liyuan::tiles3d
