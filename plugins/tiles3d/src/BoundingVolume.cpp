#include "BoundingVolume.h"

#include <QJsonArray>

#include <cmath>

namespace liyuan::tiles3d {
namespace {
constexpr double kA = 6378137.0;
constexpr double kF = 1.0 / 298.257223563;
constexpr double kE2 = kF * (2.0 - kF);
constexpr double kPi = 3.14159265358979323846;
} // namespace

Vec3d geodeticToEcef(double lon, double lat, double h)
{
    const double s = std::sin(lat), c = std::cos(lat);
    const double n = kA / std::sqrt(1.0 - kE2 * s * s);
    return {(n + h) * c * std::cos(lon), (n + h) * c * std::sin(lon), (n * (1.0 - kE2) + h) * s};
}

Vec3d ecefToLonLatHeight(const Vec3d &p)
{
    const double lon = std::atan2(p.y, p.x);
    const double r = std::hypot(p.x, p.y);
    double lat = std::atan2(p.z, r * (1.0 - kE2));
    double h = 0;
    for (int i = 0; i < 8; ++i) {
        const double s = std::sin(lat);
        const double n = kA / std::sqrt(1.0 - kE2 * s * s);
        h = std::abs(std::cos(lat)) > 1e-9 ? r / std::cos(lat) - n : std::abs(p.z) - n * (1.0 - kE2);
        lat = std::atan2(p.z, r * (1.0 - kE2 * n / (n + h)));
    }
    return {lon * 180.0 / kPi, lat * 180.0 / kPi, h};
}

bool BoundingVolume::fromJson(const QJsonObject &bv, BoundingVolume *out, QString *error)
{
    struct K { const char *name; Kind kind; int n; };
    for (const K &k : {K{"box", Kind::Box, 12}, K{"region", Kind::Region, 6}, K{"sphere", Kind::Sphere, 4}}) {
        const QJsonValue val = bv.value(QLatin1String(k.name));
        if (val.isUndefined())
            continue;
        const QJsonArray a = val.toArray();
        if (a.size() != k.n) {
            *error = QStringLiteral("boundingVolume.%1 needs %2 numbers, has %3").arg(QLatin1String(k.name)).arg(k.n).arg(a.size());
            return false;
        }
        BoundingVolume b;
        b.kind = k.kind;
        for (int i = 0; i < k.n; ++i) {
            if (!a[i].isDouble() || !std::isfinite(a[i].toDouble()) || std::abs(a[i].toDouble()) > 1e12) {
                *error = QStringLiteral("boundingVolume.%1[%2] is not a finite number").arg(QLatin1String(k.name)).arg(i);
                return false;
            }
            b.v[i] = a[i].toDouble();
        }
        if (k.kind == Kind::Sphere && b.v[3] < 0) {
            *error = QStringLiteral("boundingVolume.sphere has a negative radius");
            return false;
        }
        if (k.kind == Kind::Region && (std::abs(b.v[1]) > kPi / 2 + 1e-9 || std::abs(b.v[3]) > kPi / 2 + 1e-9
                                       || std::abs(b.v[0]) > 2 * kPi || std::abs(b.v[2]) > 2 * kPi)) {
            *error = QStringLiteral("boundingVolume.region is not in radians (|latitude| > π/2)");
            return false;
        }
        *out = b;
        return true;
    }
    *error = QStringLiteral("no boundingVolume (box, region or sphere)");
    return false;
}

std::vector<Vec3d> BoundingVolume::samplePoints(const Mat4 &xf) const
{
    std::vector<Vec3d> pts;
    switch (kind) {
    case Kind::Box: {
        const Vec3d c(v[0], v[1], v[2]), a(v[3], v[4], v[5]), b(v[6], v[7], v[8]), d(v[9], v[10], v[11]);
        for (int i = 0; i < 8; ++i)
            pts.push_back(xf.point(c + a * ((i & 1) ? 1 : -1) + b * ((i & 2) ? 1 : -1) + d * ((i & 4) ? 1 : -1)));
        break;
    }
    case Kind::Sphere: {
        const Vec3d c(v[0], v[1], v[2]);
        const double r = v[3];
        for (const Vec3d &dir : {Vec3d(1, 0, 0), Vec3d(0, 1, 0), Vec3d(0, 0, 1)}) {
            pts.push_back(xf.point(c + dir * r));
            pts.push_back(xf.point(c - dir * r));
        }
        break;
    }
    case Kind::Region:
        for (int i = 0; i <= 2; ++i)
            for (int j = 0; j <= 2; ++j)
                for (int k = 0; k <= 1; ++k) {
                    const double lon = v[0] + (v[2] - v[0]) * i / 2.0;
                    const double lat = v[1] + (v[3] - v[1]) * j / 2.0;
                    pts.push_back(geodeticToEcef(lon, lat, k ? v[5] : v[4]));
                }
        break;
    case Kind::None:
        break;
    }
    return pts;
}

BoundingVolume BoundingVolume::subdivided(int level, quint64 x, quint64 y, quint64 z, bool octree) const
{
    BoundingVolume r = *this;
    const double n = std::ldexp(1.0, level);
    if (kind == Kind::Box) {
        const Vec3d c(v[0], v[1], v[2]), a(v[3], v[4], v[5]), b(v[6], v[7], v[8]), d(v[9], v[10], v[11]);
        const Vec3d cc = c + a * ((2.0 * x + 1.0) / n - 1.0) + b * ((2.0 * y + 1.0) / n - 1.0)
                         + (octree ? d * ((2.0 * z + 1.0) / n - 1.0) : Vec3d());
        const Vec3d aa = a * (1.0 / n), bb = b * (1.0 / n), dd = octree ? d * (1.0 / n) : d;
        const double out[12] = {cc.x, cc.y, cc.z, aa.x, aa.y, aa.z, bb.x, bb.y, bb.z, dd.x, dd.y, dd.z};
        std::copy(out, out + 12, r.v);
    } else if (kind == Kind::Region) {
        const double w = (v[2] - v[0]) / n, h = (v[3] - v[1]) / n;
        r.v[0] = v[0] + w * double(x);
        r.v[2] = r.v[0] + w;
        r.v[1] = v[1] + h * double(y);
        r.v[3] = r.v[1] + h;
        if (octree) {
            const double dz = (v[5] - v[4]) / n;
            r.v[4] = v[4] + dz * double(z);
            r.v[5] = r.v[4] + dz;
        }
    }
    return r;
}

} // namespace liyuan::tiles3d
