#pragma once
#include "Vec3d.h"

#include <QString>

namespace liyuan {

/**
 * A coordinate reference system, as plain data (copyable, any thread).
 *
 * Built from what users and vendors write: "EPSG:4549", a WKT (1 or 2) whose own
 * parameters win over any AUTHORITY code inside it, a PROJ string, or a ContextCapture
 * "ENU:lat,lon" local tangent frame (latitude first). Axis order is always normalised to
 * x = easting/longitude, y = northing/latitude, z = up.
 */
class Crs
{
public:
    enum class Kind { Invalid, Projected, Geographic, Geocentric, Enu, Other };

    Crs() = default;
    /** Parses a user/vendor CRS string; on failure returns an invalid Crs and sets *error. */
    static Crs fromString(const QString &text, QString *error = nullptr);
    /** A local east-north-up frame tangent to the WGS84 ellipsoid at lat/lon (degrees), height h. */
    static Crs enu(double latDeg, double lonDeg, double h = 0.0);
    /** WGS84 longitude/latitude (degrees) with ellipsoidal height (EPSG:4979, lon first). */
    static Crs wgs84();

    bool isValid() const { return m_kind != Kind::Invalid; }
    Kind kind() const { return m_kind; }
    bool isGeographic() const { return m_kind == Kind::Geographic; }
    /** Human-readable name ("CGCS2000 / 3-degree Gauss-Kruger CM 120E", "ENU 36.06,120.32"). */
    QString name() const { return m_name; }
    /** The PROJ definition ("+proj=tmerc +lat_0=0 ..."), or the ENU pipeline for Enu. */
    QString projDefinition() const { return m_proj; }
    /** "EPSG:n" when the CRS is (equivalent to) an EPSG code, else empty. */
    QString authorityCode() const { return m_authority; }
    /** The definition used internally to build PROJ objects (WKT2, or PROJ string). */
    QString definition() const { return m_definition; }
    /** ENU origin as lon, lat (degrees), height; only meaningful for Kind::Enu. */
    Vec3d enuOrigin() const { return m_enuOrigin; }
    /** What the parser noticed (e.g. an AUTHORITY code contradicting the WKT parameters). */
    QString warning() const { return m_warning; }

    bool operator==(const Crs &o) const { return m_kind == o.m_kind && m_definition == o.m_definition; }
    bool operator!=(const Crs &o) const { return !(*this == o); }

private:
    Kind m_kind = Kind::Invalid;
    QString m_name;
    QString m_proj;
    QString m_authority;
    QString m_definition;
    QString m_warning;
    Vec3d m_enuOrigin;
};

} // namespace liyuan
