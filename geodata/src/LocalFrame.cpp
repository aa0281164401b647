#include "liyuan/geodata/LocalFrame.h"

#include "liyuan/geodata/CoordinateTransform.h"

#include <QStringList>

#include <algorithm>
#include <cmath>

namespace liyuan {

bool LocalFrame::isMetric(const Crs &crs)
{
    if (!crs.isValid() || crs.isGeographic() || crs.kind() == Crs::Kind::Geocentric)
        return crs.kind() == Crs::Kind::Geocentric;
    if (crs.kind() == Crs::Kind::Enu)
        return true;
    // the PROJ string of a projected CRS names its linear unit (+units=m, +units=us-ft, +to_meter=…)
    const QStringList parts = crs.projDefinition().split(QLatin1Char(' '), Qt::SkipEmptyParts);
    for (const QString &p : parts) {
        if (p.startsWith(QLatin1String("+units=")))
            return p == QLatin1String("+units=m");
        if (p.startsWith(QLatin1String("+to_meter="))) {
            bool ok = false;
            const double f = p.mid(10).toDouble(&ok);
            return ok && std::abs(f - 1.0) < 1e-12;
        }
    }
    return true; // PROJ's default unit is the metre
}

Crs LocalFrame::metricCrsAt(double lonDeg, double latDeg)
{
    if (!std::isfinite(lonDeg) || !std::isfinite(latDeg))
        return Crs();
    if (latDeg >= -80.0 && latDeg <= 84.0) {
        // WGS84 / UTM: zones 6° wide from 180°W (Norway/Svalbard exceptions do not matter
        // for a local frame: any zone is conformal, the nearest one distorts least)
        double lon = std::fmod(lonDeg + 180.0, 360.0);
        if (lon < 0)
            lon += 360.0;
        const int zone = std::clamp(int(lon / 6.0) + 1, 1, 60);
        return Crs::fromString(QStringLiteral("EPSG:%1").arg((latDeg >= 0 ? 32600 : 32700) + zone));
    }
    // polar: a transverse Mercator centred on the data
    return Crs::fromString(QStringLiteral("+proj=tmerc +lat_0=%1 +lon_0=%2 +k=1 +x_0=0 +y_0=0 +ellps=WGS84 "
                                          "+towgs84=0,0,0 +units=m +no_defs +type=crs")
                               .arg(latDeg, 0, 'f', 9)
                               .arg(lonDeg, 0, 'f', 9));
}

LocalFrame LocalFrame::forExtent(const Crs &crs, double minX, double minY, double maxX, double maxY, QString *error)
{
    auto fail = [&](const QString &problem) {
        if (error)
            *error = problem;
        return LocalFrame();
    };
    if (!crs.isValid())
        return fail(QStringLiteral("no CRS"));
    if (!std::isfinite(minX) || !std::isfinite(minY) || !std::isfinite(maxX) || !std::isfinite(maxY))
        return fail(QStringLiteral("bounds are not finite numbers"));
    const Vec3d centre(0.5 * (minX + maxX), 0.5 * (minY + maxY), 0.0);
    if (error)
        error->clear();
    if (!crs.isGeographic() && isMetric(crs))
        return LocalFrame(crs, centre);
    bool ok = false;
    const Vec3d ll = crs == Crs::wgs84() ? centre : CoordinateTransform(crs, Crs::wgs84()).apply(centre, &ok);
    if (!(crs == Crs::wgs84()) && !ok)
        return fail(QStringLiteral("the centre of the data (%1, %2) cannot be transformed to WGS84 in %3")
                        .arg(centre.x, 0, 'f', 6).arg(centre.y, 0, 'f', 6).arg(crs.name()));
    if (std::abs(ll.y) > 90.0 || std::abs(ll.x) > 540.0)
        return fail(QStringLiteral("the centre of the data (%1, %2) is not a longitude/latitude")
                        .arg(ll.x, 0, 'f', 6).arg(ll.y, 0, 'f', 6));
    const Crs metric = metricCrsAt(ll.x, ll.y);
    if (!metric.isValid())
        return fail(QStringLiteral("no metric CRS for (%1, %2)").arg(ll.x).arg(ll.y));
    const Vec3d origin = CoordinateTransform(crs, metric).apply(centre, &ok);
    if (!ok)
        return fail(QStringLiteral("the centre of the data cannot be projected into %1").arg(metric.name()));
    return LocalFrame(metric, Vec3d(origin.x, origin.y, 0.0));
}

Vec3d LocalFrame::toLonLatHeight(const Vec3d &local, bool *ok) const
{
    return toOther(local, Crs::wgs84(), ok);
}

Vec3d LocalFrame::fromLonLatHeight(const Vec3d &lonLatH, bool *ok) const
{
    return fromOther(lonLatH, Crs::wgs84(), ok);
}

Vec3d LocalFrame::toOther(const Vec3d &local, const Crs &other, bool *ok) const
{
    if (!isGeoreferenced() || !other.isValid()) {
        if (ok)
            *ok = false;
        return local;
    }
    const Vec3d p = toCrs(local);
    if (other == m_crs) {
        if (ok)
            *ok = true;
        return p;
    }
    bool r = false;
    const Vec3d q = CoordinateTransform(m_crs, other).apply(p, &r);
    if (ok)
        *ok = r;
    return r ? q : local;
}

Vec3d LocalFrame::fromOther(const Vec3d &p, const Crs &other, bool *ok) const
{
    if (!isGeoreferenced() || !other.isValid()) {
        if (ok)
            *ok = false;
        return p;
    }
    if (other == m_crs) {
        if (ok)
            *ok = true;
        return fromCrs(p);
    }
    bool r = false;
    const Vec3d q = CoordinateTransform(other, m_crs).apply(p, &r);
    if (ok)
        *ok = r;
    return r ? fromCrs(q) : p;
}

} // namespace liyuan
