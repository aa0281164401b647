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

    /**
     * The scene frame a first dataset with these bounds (in crs units) sets: a projected
     * crs in metres or an ENU crs is kept, origin at the centre of the bounds; a geographic
     * crs (degrees are no metres) or one in feet gets a metric frame instead — the WGS84 UTM zone of the centre
     * (EPSG:326xx/327xx), or a transverse Mercator centred on it beyond UTM's latitudes —
     * with its origin at the centre. Invalid frame and *error when crs is invalid or the
     * centre cannot be transformed. Any thread.
     */
    static LocalFrame forExtent(const Crs &crs, double minX, double minY, double maxX, double maxY,
                                QString *error = nullptr);
    /** True when the crs's horizontal unit is the metre (projected in metres, ENU, geocentric). */
    static bool isMetric(const Crs &crs);
    /** The metric CRS forExtent() uses for a geographic centre (lon/lat degrees). */
    static Crs metricCrsAt(double lonDeg, double latDeg);

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
