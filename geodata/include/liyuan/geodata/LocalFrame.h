#pragma once
#include "Crs.h"

namespace liyuan {

/**
 * The scene frame: a CRS plus a double-precision origin in it. Local coordinates are
 * metres east/north/up relative to the origin (for projected CRSs: CRS units minus the
 * origin; for ENU: the ENU coordinates themselves). An ungeoreferenced frame has an
 * invalid CRS: local coordinates are then just the file's coordinates.
 * Value type; all methods are const and safe from any thread.
 */
class LocalFrame
{
public:
    LocalFrame() = default;
    LocalFrame(const Crs &crs, const Vec3d &origin) : m_crs(crs), m_origin(origin) {}

    const Crs &crs() const { return m_crs; }
    Vec3d origin() const { return m_origin; }
    bool isGeoreferenced() const { return m_crs.isValid(); }

    /** Local → the frame's own CRS (adds the origin). */
    Vec3d toCrs(const Vec3d &local) const { return local + m_origin; }
    /** The frame's own CRS → local. */
    Vec3d fromCrs(const Vec3d &p) const { return p - m_origin; }

    /** Local → WGS84 lon/lat (degrees)/ellipsoidal height. *ok false when not georeferenced. */
    Vec3d toLonLatHeight(const Vec3d &local, bool *ok = nullptr) const;
    /** WGS84 lon/lat/height → local. */
    Vec3d fromLonLatHeight(const Vec3d &lonLatH, bool *ok = nullptr) const;
    /** Local → any other CRS. */
    Vec3d toOther(const Vec3d &local, const Crs &other, bool *ok = nullptr) const;
    /** Any other CRS → local. */
    Vec3d fromOther(const Vec3d &p, const Crs &other, bool *ok = nullptr) const;

private:
    Crs m_crs;
    Vec3d m_origin;
};

} // namespace liyuan
