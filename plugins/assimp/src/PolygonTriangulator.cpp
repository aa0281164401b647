#include "PolygonTriangulator.h"

#include <algorithm>
#include <cmath>

namespace liyuan::assimp::detail {
namespace {

struct P2 { double x, y; uint32_t id; };

double cross(const P2 &a, const P2 &b, const P2 &c)
{
    return (b.x - a.x) * (c.y - a.y) - (b.y - a.y) * (c.x - a.x);
}

double signedArea(const std::vector<P2> &r)
{
    double a = 0;
    for (size_t i = 0, n = r.size(); i < n; ++i) {
        const P2 &p = r[i], &q = r[(i + 1) % n];
        a += p.x * q.y - q.x * p.y;
    }
    return a * 0.5;
}

bool samePos(const P2 &a, const P2 &b) { return a.x == b.x && a.y == b.y; }

// Proper intersection of segments ab and cd (touching at shared end points does not count).
bool segmentsCross(const P2 &a, const P2 &b, const P2 &c, const P2 &d)
{
    if (samePos(a, c) || samePos(a, d) || samePos(b, c) || samePos(b, d))
        return false;
    const double d1 = cross(a, b, c), d2 = cross(a, b, d), d3 = cross(c, d, a), d4 = cross(c, d, b);
    return ((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0));
}

bool insideTriangle(const P2 &a, const P2 &b, const P2 &c, const P2 &p)
{
    // CCW triangle; points on the boundary count as inside (conservative), except the corners.
    if (samePos(p, a) || samePos(p, b) || samePos(p, c))
        return false;
    return cross(a, b, p) >= 0 && cross(b, c, p) >= 0 && cross(c, a, p) >= 0;
}

void fan(const std::vector<P2> &poly, std::vector<uint32_t> &out)
{
    for (size_t i = 1; i + 1 < poly.size(); ++i) {
        out.push_back(poly[0].id);
        out.push_back(poly[i].id);
        out.push_back(poly[i + 1].id);
    }
}

} // namespace

bool triangulatePolygon(const std::vector<std::vector<Vec3d>> &rings, std::vector<uint32_t> &out,
                        int maxEarClip, bool *fellBack)
{
    if (fellBack)
        *fellBack = false;
    if (rings.empty() || rings[0].size() < 3)
        return false;
    // Newell normal of the outer ring.
    Vec3d n;
    const auto &outer3 = rings[0];
    for (size_t i = 0; i < outer3.size(); ++i) {
        const Vec3d &p = outer3[i], &q = outer3[(i + 1) % outer3.size()];
        n.x += (p.y - q.y) * (p.z + q.z);
        n.y += (p.z - q.z) * (p.x + q.x);
        n.z += (p.x - q.x) * (p.y + q.y);
    }
    if (!(n.length() > 0.0) || !std::isfinite(n.length()))
        return false;
    const double ax = std::abs(n.x), ay = std::abs(n.y), az = std::abs(n.z);
    const int drop = (ax >= ay && ax >= az) ? 0 : (ay >= az ? 1 : 2);

    std::vector<std::vector<P2>> rings2;
    uint32_t id = 0;
    for (const auto &r : rings) {
        std::vector<P2> r2;
        r2.reserve(r.size());
        for (const Vec3d &p : r) {
            P2 q{0, 0, id++};
            if (drop == 0) { q.x = p.y; q.y = p.z; }
            else if (drop == 1) { q.x = p.z; q.y = p.x; }
            else { q.x = p.x; q.y = p.y; }
            r2.push_back(q);
        }
        rings2.push_back(std::move(r2));
    }

    std::vector<P2> poly = rings2[0];
    if (signedArea(poly) < 0)
        std::reverse(poly.begin(), poly.end());
    if (int(poly.size()) > maxEarClip) {
        if (fellBack)
            *fellBack = true;
        fan(poly, out);
        return true;
    }

    // Bridge holes, rightmost hole first.
    std::vector<std::vector<P2>> holes;
    for (size_t h = 1; h < rings2.size(); ++h) {
        if (rings2[h].size() < 3)
            continue;
        std::vector<P2> hole = rings2[h];
        if (signedArea(hole) > 0)
            std::reverse(hole.begin(), hole.end());
        holes.push_back(std::move(hole));
    }
    auto maxX = [](const std::vector<P2> &r) {
        double m = -HUGE_VAL;
        for (const P2 &p : r) m = std::max(m, p.x);
        return m;
    };
    std::sort(holes.begin(), holes.end(), [&](const auto &a, const auto &b) { return maxX(a) > maxX(b); });
    size_t total = poly.size();
    for (const auto &h : holes) total += h.size() + 2;
    if (int(total) > maxEarClip) {
        if (fellBack)
            *fellBack = true;
        fan(poly, out); // holes ignored for huge polygons
        return true;
    }
    for (size_t hi = 0; hi < holes.size(); ++hi) {
        const auto &hole = holes[hi];
        size_t mi = 0;
        for (size_t i = 1; i < hole.size(); ++i)
            if (hole[i].x > hole[mi].x) mi = i;
        const P2 &m = hole[mi];
        long best = -1;
        double bestD = HUGE_VAL;
        for (size_t i = 0; i < poly.size(); ++i) {
            const P2 &p = poly[i];
            const double d = (p.x - m.x) * (p.x - m.x) + (p.y - m.y) * (p.y - m.y);
            if (d >= bestD)
                continue;
            bool ok = true;
            for (size_t j = 0; ok && j < poly.size(); ++j)
                ok = !segmentsCross(m, p, poly[j], poly[(j + 1) % poly.size()]);
            for (size_t k = hi; ok && k < holes.size(); ++k)
                for (size_t j = 0; ok && j < holes[k].size(); ++j)
                    ok = !segmentsCross(m, p, holes[k][j], holes[k][(j + 1) % holes[k].size()]);
            if (ok) {
                best = long(i);
                bestD = d;
            }
        }
        if (best < 0) {
            if (fellBack)
                *fellBack = true;
            continue; // hole cannot be bridged: ignore it
        }
        std::vector<P2> merged;
        merged.reserve(poly.size() + hole.size() + 2);
        merged.insert(merged.end(), poly.begin(), poly.begin() + best + 1);
        for (size_t k = 0; k <= hole.size(); ++k)
            merged.push_back(hole[(mi + k) % hole.size()]);
        merged.push_back(poly[size_t(best)]);
        merged.insert(merged.end(), poly.begin() + best + 1, poly.end());
        poly.swap(merged);
    }

    // Ear clipping on a CCW polygon.
    std::vector<P2> v = poly;
    size_t guard = 0;
    size_t i = 0;
    while (v.size() > 3) {
        const size_t nv = v.size();
        const P2 &a = v[(i + nv - 1) % nv], &b = v[i % nv], &c = v[(i + 1) % nv];
        bool ear = cross(a, b, c) > 0;
        if (ear) {
            for (size_t k = 0; k < nv && ear; ++k) {
                const P2 &p = v[k];
                if (p.id == a.id || p.id == b.id || p.id == c.id)
                    continue;
                if (insideTriangle(a, b, c, p))
                    ear = false;
            }
        }
        if (ear) {
            out.push_back(a.id);
            out.push_back(b.id);
            out.push_back(c.id);
            v.erase(v.begin() + long(i % nv));
            guard = 0;
            if (i > 0) --i;
            continue;
        }
        if (++guard > nv) {
            // Stuck (self-intersecting or collinear leftovers): drop zero-area corners, else fan.
            bool removed = false;
            for (size_t k = 0; k < nv; ++k) {
                if (cross(v[(k + nv - 1) % nv], v[k], v[(k + 1) % nv]) == 0) {
                    v.erase(v.begin() + long(k));
                    removed = true;
                    break;
                }
            }
            if (!removed) {
                if (fellBack)
                    *fellBack = true;
                fan(v, out);
                return true;
            }
            guard = 0;
            continue;
        }
        i = (i + 1) % nv;
    }
    if (v.size() == 3 && cross(v[0], v[1], v[2]) != 0) {
        out.push_back(v[0].id);
        out.push_back(v[1].id);
        out.push_back(v[2].id);
    }
    return true;
}

} // namespace liyuan::assimp::detail
