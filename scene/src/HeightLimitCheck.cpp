#include <liyuan/scene/HeightLimitCheck.h>
#include <liyuan/scene/Measurement.h>

#include <algorithm>
#include <cmath>
#include <limits>

namespace liyuan {

namespace {

constexpr double kEps = 1e-7;

double cross2(const Vec3d &o, const Vec3d &a, const Vec3d &b)
{
    return (a.x - o.x) * (b.y - o.y) - (a.y - o.y) * (b.x - o.x);
}

/** Segments ab and cd cross at a point interior to both (not at an end, not collinear). */
bool properCross(const Vec3d &a, const Vec3d &b, const Vec3d &c, const Vec3d &d)
{
    const double d1 = cross2(a, b, c), d2 = cross2(a, b, d), d3 = cross2(c, d, a), d4 = cross2(c, d, b);
    return ((d1 > kEps && d2 < -kEps) || (d1 < -kEps && d2 > kEps))
           && ((d3 > kEps && d4 < -kEps) || (d3 < -kEps && d4 > kEps));
}

double segmentDistance(const Vec3d &p, const Vec3d &a, const Vec3d &b)
{
    const double vx = b.x - a.x, vy = b.y - a.y, l2 = vx * vx + vy * vy;
    double t = l2 > 0 ? ((p.x - a.x) * vx + (p.y - a.y) * vy) / l2 : 0;
    t = std::clamp(t, 0.0, 1.0);
    return std::hypot(p.x - (a.x + t * vx), p.y - (a.y + t * vy));
}

/** Inside the ring and not on its boundary. */
bool strictlyInside(const std::vector<Vec3d> &r, const Vec3d &p)
{
    if (!Measurement::containsXY(r, p.x, p.y))
        return false;
    for (size_t i = 0; i < r.size(); ++i)
        if (segmentDistance(p, r[i], r[(i + 1) % r.size()]) < 1e-6)
            return false;
    return true;
}

/** Vertices, edge midpoints and the centroid of a: sample points that lie inside b when a overlaps b without crossing. */
bool anySampleInside(const std::vector<Vec3d> &a, const std::vector<Vec3d> &b)
{
    for (size_t i = 0; i < a.size(); ++i) {
        const Vec3d &p = a[i], &q = a[(i + 1) % a.size()];
        if (strictlyInside(b, p) || strictlyInside(b, (p + q) * 0.5))
            return true;
    }
    return strictlyInside(b, Measurement::projectedCentroid(a));
}

/** Every vertex of a inside or on ring r, and no edge of a crossing an edge of r: a lies within r. */
bool within(const std::vector<Vec3d> &a, const std::vector<Vec3d> &r)
{
    for (const Vec3d &p : a) {
        if (Measurement::containsXY(r, p.x, p.y))
            continue;
        bool onEdge = false;
        for (size_t i = 0; i < r.size() && !onEdge; ++i)
            onEdge = segmentDistance(p, r[i], r[(i + 1) % r.size()]) < 1e-6;
        if (!onEdge)
            return false;
    }
    for (size_t i = 0; i < a.size(); ++i)
        for (size_t j = 0; j < r.size(); ++j)
            if (properCross(a[i], a[(i + 1) % a.size()], r[j], r[(j + 1) % r.size()]))
                return false;
    return true;
}

} // namespace

bool HeightLimitCheck::zoneContains(const ProtectionZone &zone, double x, double y)
{
    if (!Measurement::containsXY(zone.polygon, x, y))
        return false;
    for (const std::vector<Vec3d> &hole : zone.holes) {
        const std::vector<Vec3d> h = Measurement::openRing(hole);
        if (h.size() >= 3 && strictlyInside(h, Vec3d(x, y, 0)))
            return false;
    }
    return true;
}

bool HeightLimitCheck::overlapsZone(const std::vector<Vec3d> &polyA, const ProtectionZone &zone)
{
    if (!overlaps(polyA, zone.polygon))
        return false;
    const std::vector<Vec3d> a = Measurement::openRing(polyA);
    for (const std::vector<Vec3d> &hole : zone.holes) {
        const std::vector<Vec3d> h = Measurement::openRing(hole);
        if (h.size() >= 3 && within(a, h))
            return false; // wholly in a hole: no area of the zone
    }
    return true;
}

bool HeightLimitCheck::overlaps(const std::vector<Vec3d> &polyA, const std::vector<Vec3d> &polyB)
{
    const std::vector<Vec3d> a = Measurement::openRing(polyA), b = Measurement::openRing(polyB);
    if (a.size() < 3 || b.size() < 3)
        return false;
    for (size_t i = 0; i < a.size(); ++i)
        for (size_t j = 0; j < b.size(); ++j)
            if (properCross(a[i], a[(i + 1) % a.size()], b[j], b[(j + 1) % b.size()]))
                return true;
    return anySampleInside(a, b) || anySampleInside(b, a);
}

std::vector<HeightCheckResult> HeightLimitCheck::check(const std::vector<CandidateBuilding> &buildings) const
{
    std::vector<HeightCheckResult> out;
    out.reserve(buildings.size());
    for (const CandidateBuilding &b : buildings) {
        HeightCheckResult r;
        r.buildingId = b.id;
        r.buildingName = b.name;
        r.source = b.source;
        r.footprint = b.footprint;
        const std::vector<Vec3d> fp = Measurement::openRing(b.footprint);
        r.centroid = Measurement::projectedCentroid(fp);

        // ground at the building, for zones without their own
        double pickedGround = b.baseElevation;
        bool picked = false;
        auto groundAtBuilding = [&]() {
            if (!picked) {
                picked = true;
                Vec3d hit;
                const double top = std::max(b.topElevation, b.baseElevation);
                if (m_groundPick && fp.size() >= 1 && std::isfinite(top)
                    && m_groundPick(Vec3d(r.centroid.x, r.centroid.y, top + 1000.0), Vec3d(0, 0, -1), &hit)
                    && std::isfinite(hit.z))
                    pickedGround = hit.z;
            }
            return pickedGround;
        };

        double bestElevation = std::numeric_limits<double>::infinity();
        for (size_t z = 0; z < m_zones.size(); ++z) {
            const ProtectionZone &zone = m_zones[z];
            if (!std::isfinite(zone.maxHeight))
                continue;
            const bool in = m_rule == ZoneRule::Centroid ? (!fp.empty() && zoneContains(zone, r.centroid.x, r.centroid.y))
                                                          : overlapsZone(fp, zone);
            if (!in)
                continue;
            r.zoneIds << zone.id;
            r.zoneNames << zone.name;
            const double ground = zone.hasGroundElevation ? zone.groundElevation : groundAtBuilding();
            const double elevation = ground + zone.maxHeight;
            if (elevation < bestElevation) {
                bestElevation = elevation;
                r.governingZone = int(z);
                r.zoneId = zone.id;
                r.zoneName = zone.name;
                r.groundElevation = ground;
                r.limit = zone.maxHeight;
                r.limitElevation = elevation;
            }
        }
        r.inZone = r.governingZone >= 0;
        if (!r.inZone)
            r.groundElevation = groundAtBuilding();
        r.centroid.z = r.groundElevation;
        r.height = b.topElevation - r.groundElevation;
        r.excess = r.inZone ? b.topElevation - r.limitElevation : 0.0;
        r.violation = r.inZone && r.excess > kTolerance;
        out.push_back(std::move(r));
    }
    return out;
}

std::vector<HeightCheckResult> HeightLimitCheck::violations(const std::vector<HeightCheckResult> &results)
{
    std::vector<HeightCheckResult> v;
    for (const HeightCheckResult &r : results)
        if (r.violation)
            v.push_back(r);
    std::stable_sort(v.begin(), v.end(), [](const HeightCheckResult &a, const HeightCheckResult &b) {
        if (a.excess != b.excess)
            return a.excess > b.excess;
        return a.buildingId < b.buildingId;
    });
    return v;
}

} // namespace liyuan
