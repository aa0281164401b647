#pragma once
#include <liyuan/geodata/Vec3d.h>

#include <cmath>

namespace liyuan {

/**
 * Where a dataset's frame sits in the scene frame (Z up, x east, y north): a point p of the
 * dataset maps to offset + R·(scale·p), R a rotation about +Z by −headingDeg (heading is
 * clockwise from grid north, so heading 90° turns the dataset's +Y (north) onto +X (east)).
 * Plain value; any thread.
 */
struct DatasetTransform
{
    Vec3d offset;            ///< the dataset frame origin in the scene frame
    double headingDeg = 0.0; ///< clockwise from north, degrees
    double scale = 1.0;      ///< uniform, > 0

    bool hasRotationOrScale() const { return headingDeg != 0.0 || scale != 1.0; }
    double cosH() const { return std::cos(-headingDeg * M_PI / 180.0); }
    double sinH() const { return std::sin(-headingDeg * M_PI / 180.0); }

    /** R·S·v: a dataset-frame vector in scene axes (no offset). */
    Vec3d rotateScale(const Vec3d &v) const
    {
        const double c = cosH(), s = sinH();
        return Vec3d((c * v.x - s * v.y) * scale, (s * v.x + c * v.y) * scale, v.z * scale);
    }
    /** Dataset frame → scene frame. */
    Vec3d toScene(const Vec3d &p) const { return offset + rotateScale(p); }
    /** (R·S)⁻¹·v: a scene vector in dataset axes. A ray o + t·d maps to toLocal(o) + t·vectorToLocal(d), same t. */
    Vec3d vectorToLocal(const Vec3d &v) const
    {
        const double c = cosH(), s = sinH();
        return Vec3d((c * v.x + s * v.y) / scale, (-s * v.x + c * v.y) / scale, v.z / scale);
    }
    /** Scene frame → dataset frame. */
    Vec3d toLocal(const Vec3d &p) const { return vectorToLocal(p - offset); }
    /** A valid transform: finite numbers and scale > 0. */
    bool isValid() const
    {
        return std::isfinite(offset.x) && std::isfinite(offset.y) && std::isfinite(offset.z)
               && std::isfinite(headingDeg) && std::isfinite(scale) && scale > 0.0;
    }
    bool operator==(const DatasetTransform &o) const
    {
        return offset == o.offset && headingDeg == o.headingDeg && scale == o.scale;
    }
    bool operator!=(const DatasetTransform &o) const { return !(*this == o); }
};

} // namespace liyuan
