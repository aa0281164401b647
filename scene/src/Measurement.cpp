#include <liyuan/scene/Measurement.h>

#include <algorithm>
#include <cmath>

namespace liyuan {

namespace {

bool finite(const Vec3d &p)
{
    return std::isfinite(p.x) && std::isfinite(p.y) && std::isfinite(p.z);
}

bool allFinite(const std::vector<Vec3d> &pts)
{
    return std::all_of(pts.begin(), pts.end(), finite);
}

Vec3d newellNormal(const std::vector<Vec3d> &r)
{
    // relative to the first vertex: keeps precision for large coordinates
    Vec3d n;
    if (r.empty())
        return n;
    const Vec3d o = r.front();
    for (size_t i = 0; i < r.size(); ++i) {
        const Vec3d a = r[i] - o, b = r[(i + 1) % r.size()] - o;
        n.x += (a.y - b.y) * (a.z + b.z);
        n.y += (a.z - b.z) * (a.x + b.x);
        n.z += (a.x - b.x) * (a.y + b.y);
    }
    return n;
}

} // namespace

QString measurementKindName(Measurement::Kind kind)
{
    switch (kind) {
    case Measurement::Kind::Distance:
        return QStringLiteral("distance");
    case Measurement::Kind::Polyline:
        return QStringLiteral("polyline");
    case Measurement::Kind::Area:
        return QStringLiteral("area");
    case Measurement::Kind::HeightAboveGround:
        return QStringLiteral("height");
    }
    return QString();
}

double Measurement::distance3D(const Vec3d &a, const Vec3d &b)
{
    return (b - a).length();
}

double Measurement::horizontalDistance(const Vec3d &a, const Vec3d &b)
{
    return std::hypot(b.x - a.x, b.y - a.y);
}

double Measurement::polylineLength(const std::vector<Vec3d> &points)
{
    double s = 0;
    for (size_t i = 1; i < points.size(); ++i)
        s += distance3D(points[i - 1], points[i]);
    return s;
}

double Measurement::horizontalPolylineLength(const std::vector<Vec3d> &points)
{
    double s = 0;
    for (size_t i = 1; i < points.size(); ++i)
        s += horizontalDistance(points[i - 1], points[i]);
    return s;
}

std::vector<Vec3d> Measurement::openRing(const std::vector<Vec3d> &ring)
{
    std::vector<Vec3d> out;
    out.reserve(ring.size());
    for (const Vec3d &p : ring)
        if (out.empty() || out.back() != p)
            out.push_back(p);
    while (out.size() > 1 && out.back() == out.front())
        out.pop_back();
    return out;
}

std::vector<Vec3d> Measurement::convexHullXY(std::vector<Vec3d> points)
{
    // Andrew's monotone chain on the XY projection
    points.erase(std::remove_if(points.begin(), points.end(),
                                [](const Vec3d &p) { return !std::isfinite(p.x) || !std::isfinite(p.y); }),
                 points.end());
    for (Vec3d &p : points)
        p.z = 0;
    std::sort(points.begin(), points.end(), [](const Vec3d &a, const Vec3d &b) { return a.x < b.x || (a.x == b.x && a.y < b.y); });
    points.erase(std::unique(points.begin(), points.end(), [](const Vec3d &a, const Vec3d &b) { return a.x == b.x && a.y == b.y; }),
                 points.end());
    if (points.size() < 3)
        return points;
    // relative to the first point: keeps precision for large coordinates
    const Vec3d o = points.front();
    auto turn = [&o](const Vec3d &a, const Vec3d &b, const Vec3d &c) {
        return ((b.x - o.x) - (a.x - o.x)) * ((c.y - o.y) - (a.y - o.y))
               - ((b.y - o.y) - (a.y - o.y)) * ((c.x - o.x) - (a.x - o.x));
    };
    std::vector<Vec3d> hull(2 * points.size());
    size_t k = 0;
    for (size_t i = 0; i < points.size(); ++i) { // lower chain
        while (k >= 2 && turn(hull[k - 2], hull[k - 1], points[i]) <= 0)
            --k;
        hull[k++] = points[i];
    }
    for (size_t i = points.size() - 1, lower = k + 1; i-- > 0;) { // upper chain
        while (k >= lower && turn(hull[k - 2], hull[k - 1], points[i]) <= 0)
            --k;
        hull[k++] = points[i];
    }
    hull.resize(k - 1); // the last point is the first
    return hull;
}

double Measurement::signedProjectedArea(const std::vector<Vec3d> &ring)
{
    const std::vector<Vec3d> r = openRing(ring);
    if (r.size() < 3)
        return 0;
    const Vec3d o = r.front();
    double s = 0;
    for (size_t i = 0; i < r.size(); ++i) {
        const Vec3d a = r[i] - o, b = r[(i + 1) % r.size()] - o;
        s += a.x * b.y - b.x * a.y;
    }
    return 0.5 * s;
}

double Measurement::projectedArea(const std::vector<Vec3d> &ring)
{
    return std::abs(signedProjectedArea(ring));
}

double Measurement::planarArea(const std::vector<Vec3d> &ring)
{
    const std::vector<Vec3d> r = openRing(ring);
    if (r.size() < 3)
        return 0;
    return 0.5 * newellNormal(r).length();
}

double Measurement::perimeterOf(const std::vector<Vec3d> &ring)
{
    const std::vector<Vec3d> r = openRing(ring);
    if (r.size() < 2)
        return 0;
    return polylineLength(r) + distance3D(r.back(), r.front());
}

double Measurement::planarityDeviation(const std::vector<Vec3d> &ring)
{
    const std::vector<Vec3d> r = openRing(ring);
    if (r.size() < 4)
        return 0;
    const Vec3d n = newellNormal(r).normalized();
    if (n.length() == 0)
        return 0;
    Vec3d c;
    for (const Vec3d &p : r)
        c += p - r.front();
    c = c * (1.0 / double(r.size()));
    double dev = 0;
    for (const Vec3d &p : r)
        dev = std::max(dev, std::abs((p - r.front() - c).dot(n)));
    return dev;
}

Vec3d Measurement::projectedCentroid(const std::vector<Vec3d> &ring)
{
    const std::vector<Vec3d> r = openRing(ring);
    if (r.empty())
        return {};
    const Vec3d o = r.front();
    double a2 = 0, cx = 0, cy = 0, zs = 0;
    for (size_t i = 0; i < r.size(); ++i) {
        const Vec3d p = r[i] - o, q = r[(i + 1) % r.size()] - o;
        const double c = p.x * q.y - q.x * p.y;
        a2 += c;
        cx += (p.x + q.x) * c;
        cy += (p.y + q.y) * c;
        zs += r[i].z;
    }
    const double mz = zs / double(r.size());
    if (std::abs(a2) < 1e-12) {
        Vec3d m;
        for (const Vec3d &p : r)
            m += p - o;
        m = m * (1.0 / double(r.size()));
        return Vec3d(o.x + m.x, o.y + m.y, mz);
    }
    return Vec3d(o.x + cx / (3 * a2), o.y + cy / (3 * a2), mz);
}

bool Measurement::containsXY(const std::vector<Vec3d> &ring, double x, double y)
{
    const std::vector<Vec3d> r = openRing(ring);
    if (r.size() < 3 || !std::isfinite(x) || !std::isfinite(y))
        return false;
    bool inside = false;
    for (size_t i = 0, j = r.size() - 1; i < r.size(); j = i++) {
        const Vec3d &a = r[i], &b = r[j];
        if ((a.y > y) != (b.y > y) && x < (b.x - a.x) * (y - a.y) / (b.y - a.y) + a.x)
            inside = !inside;
    }
    return inside;
}

Measurement Measurement::distance(const Vec3d &a, const Vec3d &b, const QString &label)
{
    Measurement m;
    m.kind = Kind::Distance;
    m.label = label;
    m.points = {a, b};
    if (!finite(a) || !finite(b)) {
        m.error = QStringLiteral("a point is not a finite number");
        return m;
    }
    m.distance3d = distance3D(a, b);
    m.horizontal = horizontalDistance(a, b);
    m.vertical = verticalDistance(a, b);
    m.valid = true;
    return m;
}

Measurement Measurement::polyline(const std::vector<Vec3d> &points, const QString &label)
{
    Measurement m;
    m.kind = Kind::Polyline;
    m.label = label;
    m.points = points;
    if (points.size() < 2) {
        m.error = QStringLiteral("a polyline needs at least 2 points, got %1").arg(points.size());
        return m;
    }
    if (!allFinite(points)) {
        m.error = QStringLiteral("a point is not a finite number");
        return m;
    }
    m.distance3d = polylineLength(points);
    m.horizontal = horizontalPolylineLength(points);
    m.vertical = points.back().z - points.front().z;
    m.valid = true;
    return m;
}

Measurement Measurement::area(const std::vector<Vec3d> &ring, const QString &label)
{
    Measurement m;
    m.kind = Kind::Area;
    m.label = label;
    m.points = openRing(ring);
    if (m.points.size() < 3) {
        m.error = QStringLiteral("an area needs at least 3 distinct points, got %1").arg(m.points.size());
        return m;
    }
    if (!allFinite(m.points)) {
        m.error = QStringLiteral("a point is not a finite number");
        return m;
    }
    m.horizontalArea = projectedArea(m.points);
    m.area3d = planarArea(m.points);
    m.perimeter = perimeterOf(m.points);
    m.planarDeviation = planarityDeviation(m.points);
    m.valid = true;
    return m;
}

Measurement Measurement::height(const Vec3d &point, const PickFunction &groundPick, const QString &label)
{
    Measurement m;
    m.kind = Kind::HeightAboveGround;
    m.label = label;
    m.points = {point};
    if (!finite(point)) {
        m.error = QStringLiteral("the point is not a finite number");
        return m;
    }
    if (!groundPick) {
        m.error = QStringLiteral("no ground to measure from");
        return m;
    }
    Vec3d hit;
    if (groundPick(point, Vec3d(0, 0, -1), &hit) && finite(hit)) {
        m.ground = hit;
    } else if (groundPick(point, Vec3d(0, 0, 1), &hit) && finite(hit)) {
        m.ground = hit; // the point lies below the ground
    } else {
        m.error = QStringLiteral("no ground below or above the point");
        return m;
    }
    m.heightAboveGround = point.z - m.ground.z;
    m.vertical = m.heightAboveGround;
    m.valid = true;
    return m;
}

} // namespace liyuan
