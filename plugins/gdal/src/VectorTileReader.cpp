#include <liyuan/gdal/VectorTileReader.h>

#include <liyuan/geodata/LoadCancel.h>
#include <liyuan/geodata/VectorDataset.h>

#include <QDir>
#include <QMutexLocker>

#include <geos_c.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <unordered_map>

// Geometry pipeline (load, one worker thread):
//   OGR features (VectorDataset, already in the scene CRS) → local coordinates → records
//   (attributes, bounds) → kd-partition into chunks of ≤ kChunkFeatures → per chunk: one DEM
//   window (HeightGrid at the DEM resolution, aligned to its pixels when the CRSs agree) →
//   per polygon: clean rings, GEOSMakeValid when invalid, orient (outer CCW, holes CW),
//   GEOSConstrainedDelaunayTriangulation (triangles whose centroid is inside are kept), ground
//   heights per vertex; flat drapes are subdivided and outlines/lines densified to the DEM
//   resolution. Heights come from the style (applyStyle) and are recomputed by setStyle().
// Meshes (read, many worker threads): from the prepared geometry, with colours from the style.

namespace liyuan::gdal {

namespace {

constexpr double kDrapeFill = 0.2;    ///< flat polygons above the ground, metres
constexpr double kDrapeLine = 0.3;    ///< lines and outlines above the ground, metres
constexpr int kMaxFeatureWarnings = 30;
constexpr int kMaxGridSide = 2048;
constexpr int kMaxSegmentSplits = 256;
constexpr size_t kMaxDrapeTriangles = 20000; ///< per polygon: huge areas drape coarser

struct PolyGeom
{
    std::vector<std::vector<Vec3d>> rings; ///< open; outer CCW, holes CW; z = ground (local)
    std::vector<Vec3d> verts;              ///< roof/fill vertices; z = ground
    std::vector<uint32_t> tris;            ///< CCW seen from above
    std::vector<Vec3d> drapeVerts;         ///< subdivided fill (empty: use verts/tris)
    std::vector<uint32_t> drapeTris;
    std::vector<std::vector<Vec3d>> outlines; ///< densified rings (empty: use rings)
};

struct FeatureGeom
{
    std::vector<PolyGeom> polys;
    std::vector<std::vector<Vec3d>> lines; ///< densified; z = ground
};

struct Chunk
{
    std::vector<int> features;     ///< every feature (records) in the chunk
    std::vector<int> meshFeatures; ///< those with something to mesh
    Box2d bounds;
    double groundZ = 0.0;          ///< typical ground height, the mesh origin's z
};

bool finite(const Vec3d &p)
{
    return std::isfinite(p.x) && std::isfinite(p.y) && std::isfinite(p.z);
}

void grow(Box2d *b, double x, double y, bool *first)
{
    if (*first) {
        *b = Box2d{x, y, x, y};
        *first = false;
        return;
    }
    b->minX = std::min(b->minX, x);
    b->minY = std::min(b->minY, y);
    b->maxX = std::max(b->maxX, x);
    b->maxY = std::max(b->maxY, y);
}

void unite(Box2d *b, const Box2d &o, bool *first)
{
    grow(b, o.minX, o.minY, first);
    grow(b, o.maxX, o.maxY, first);
}

double signedArea(const std::vector<Vec3d> &ring)
{
    double a = 0;
    for (size_t i = 0, n = ring.size(); i < n; ++i) {
        const Vec3d &p = ring[i], &q = ring[(i + 1) % n];
        a += p.x * q.y - q.x * p.y;
    }
    return a / 2;
}

/**
 * Even-odd point-in-polygon over rings bucketed into horizontal bands, so a query checks only
 * the edges crossing its band: a polygon of n vertices triangulated into ~n triangles costs
 * about n·√n instead of n² edge tests (a 1,000,000-vertex outline took minutes testing every edge).
 */
class RingIndex
{
public:
    explicit RingIndex(const std::vector<std::vector<Vec3d>> &rings)
    {
        size_t n = 0;
        m_minY = std::numeric_limits<double>::max();
        double maxY = std::numeric_limits<double>::lowest();
        for (const auto &r : rings) {
            n += r.size();
            for (const Vec3d &p : r) {
                m_minY = std::min(m_minY, p.y);
                maxY = std::max(maxY, p.y);
            }
        }
        const size_t bands = std::clamp<size_t>(size_t(std::sqrt(double(n))), 1, 4096);
        m_bandHeight = maxY > m_minY ? (maxY - m_minY) / double(bands) : 1.0;
        m_bands.resize(bands);
        for (const auto &r : rings)
            for (size_t i = 0, j = r.size() - 1; i < r.size(); j = i++) {
                const Vec3d &a = r[i], &b = r[j];
                if (a.y == b.y)
                    continue; // never crossed by the even-odd ray test
                const size_t lo = band(std::min(a.y, b.y)), hi = band(std::max(a.y, b.y));
                for (size_t k = lo; k <= hi; ++k)
                    m_bands[k].push_back({a.x, a.y, b.x, b.y});
            }
    }
    bool contains(double x, double y) const
    {
        if (m_bands.empty())
            return false;
        bool in = false;
        for (const Edge &e : m_bands[band(y)])
            if ((e.ay > y) != (e.by > y) && x < (e.bx - e.ax) * (y - e.ay) / (e.by - e.ay) + e.ax)
                in = !in;
        return in;
    }

private:
    struct Edge
    {
        double ax, ay, bx, by;
    };
    size_t band(double y) const
    {
        const double f = (y - m_minY) / m_bandHeight;
        return f <= 0 ? 0 : std::min(m_bands.size() - 1, size_t(f));
    }
    double m_minY = 0, m_bandHeight = 1;
    std::vector<std::vector<Edge>> m_bands;
};

/** Ground heights from one DEM window (bilinear between cell centres, NaN-aware). */
struct GroundGrid
{
    HeightGrid grid;
    double zOffset = 0; ///< added to DEM values to get local z
    bool valid = false;
    double cellX = 0, cellY = 0;

    double sample(double x, double y) const
    {
        if (!valid)
            return NAN;
        const int w = grid.width, h = grid.height;
        double fx = (x - grid.bounds.minX) / cellX - 0.5;
        double fy = (grid.bounds.maxY - y) / cellY - 0.5;
        fx = std::clamp(fx, 0.0, double(w - 1));
        fy = std::clamp(fy, 0.0, double(h - 1));
        const int i = std::min(int(fx), std::max(0, w - 2)), j = std::min(int(fy), std::max(0, h - 2));
        const double u = fx - i, v = fy - j;
        double sum = 0, wsum = 0;
        for (int dj = 0; dj < 2; ++dj)
            for (int di = 0; di < 2; ++di) {
                const int ii = std::min(i + di, w - 1), jj = std::min(j + dj, h - 1);
                const float z = grid.at(ii, jj);
                if (std::isnan(z))
                    continue;
                const double wt = (di ? u : 1 - u) * (dj ? v : 1 - v) + 1e-9;
                sum += wt * z;
                wsum += wt;
            }
        return wsum > 0 ? sum / wsum + zOffset : NAN;
    }
};

/** RAII GEOS context with errors kept instead of printed. */
class Geos
{
public:
    Geos()
    {
        h = GEOS_init_r();
        GEOSContext_setErrorMessageHandler_r(h, &Geos::onError, this);
        GEOSContext_setNoticeMessageHandler_r(h, &Geos::onNotice, this);
    }
    ~Geos() { GEOS_finish_r(h); }
    Geos(const Geos &) = delete;
    Geos &operator=(const Geos &) = delete;

    GEOSContextHandle_t h = nullptr;
    QString lastError;

    struct Del
    {
        GEOSContextHandle_t h;
        void operator()(GEOSGeometry *g) const { if (g) GEOSGeom_destroy_r(h, g); }
    };
    using Ptr = std::unique_ptr<GEOSGeometry, Del>;
    Ptr own(GEOSGeometry *g) const { return Ptr(g, Del{h}); }

private:
    static void onError(const char *msg, void *self) { static_cast<Geos *>(self)->lastError = QString::fromUtf8(msg); }
    static void onNotice(const char *, void *) {}
};

struct PrepareContext
{
    Geos *geos = nullptr;
    const GroundGrid *ground = nullptr; ///< DEM window, or null
    bool hasPlane = false;              ///< terrain without DEM
    double plane = 0.0;
    bool hasZ = false;                  ///< use the data's own (local) z (no terrain)
    double spacing = 0.0;               ///< densify to this (0: no densifying)
    int maxVertices = 0;                ///< VectorLayerSource::maxPolygonVertices
};

/** Local ground z at (x,y); dataZ is the vertex's own local z. NaN when unknown. */
double groundAt(const PrepareContext &c, double x, double y, double dataZ)
{
    if (c.ground)
        return c.ground->sample(x, y);
    if (c.hasPlane)
        return c.plane;
    if (c.hasZ)
        return std::isfinite(dataZ) ? dataZ : NAN;
    return 0.0;
}

/** Points every `spacing` along a polyline (closed: back to the start), z from the ground. */
std::vector<Vec3d> densify(const PrepareContext &c, const std::vector<Vec3d> &pts, bool closed)
{
    if (c.spacing <= 0 || pts.size() < 2)
        return pts;
    std::vector<Vec3d> out;
    const size_t n = pts.size();
    const size_t segs = closed ? n : n - 1;
    out.reserve(n);
    for (size_t i = 0; i < segs; ++i) {
        const Vec3d &a = pts[i], &b = pts[(i + 1) % n];
        out.push_back(a);
        const double len = std::hypot(b.x - a.x, b.y - a.y);
        const int k = std::min(kMaxSegmentSplits, int(std::floor(len / c.spacing)));
        for (int s = 1; s < k; ++s) {
            const double t = double(s) / k;
            const double x = a.x + (b.x - a.x) * t, y = a.y + (b.y - a.y) * t;
            double z = groundAt(c, x, y, NAN);
            if (std::isnan(z))
                z = a.z + (b.z - a.z) * t;
            out.emplace_back(x, y, z);
        }
    }
    if (!closed)
        out.push_back(pts.back());
    return out;
}

/** Cleans an open ring: finite points, no consecutive duplicates, no closing duplicate. */
std::vector<Vec3d> cleanRing(const std::vector<Vec3d> &ring)
{
    std::vector<Vec3d> out;
    out.reserve(ring.size());
    for (const Vec3d &p : ring) {
        if (!std::isfinite(p.x) || !std::isfinite(p.y))
            continue;
        if (!out.empty() && out.back().x == p.x && out.back().y == p.y)
            continue;
        out.push_back(p);
    }
    while (out.size() > 1 && out.front().x == out.back().x && out.front().y == out.back().y)
        out.pop_back();
    return out;
}

GEOSGeometry *makeRing(GEOSContextHandle_t h, const std::vector<Vec3d> &ring)
{
    std::vector<double> buf;
    buf.reserve((ring.size() + 1) * 3);
    for (size_t i = 0; i <= ring.size(); ++i) {
        const Vec3d &p = ring[i % ring.size()];
        buf.insert(buf.end(), {p.x, p.y, std::isfinite(p.z) ? p.z : 0.0});
    }
    GEOSCoordSequence *seq = GEOSCoordSeq_copyFromBuffer_r(h, buf.data(), uint32_t(ring.size() + 1), 1, 0);
    return seq ? GEOSGeom_createLinearRing_r(h, seq) : nullptr;
}

std::vector<Vec3d> readRing(GEOSContextHandle_t h, const GEOSGeometry *ring)
{
    std::vector<Vec3d> out;
    const GEOSCoordSequence *seq = ring ? GEOSGeom_getCoordSeq_r(h, ring) : nullptr;
    unsigned int n = 0;
    if (!seq || !GEOSCoordSeq_getSize_r(h, seq, &n))
        return out;
    out.reserve(n);
    for (unsigned int i = 0; i < n; ++i) {
        double x = 0, y = 0, z = NAN;
        GEOSCoordSeq_getX_r(h, seq, i, &x);
        GEOSCoordSeq_getY_r(h, seq, i, &y);
        GEOSCoordSeq_getZ_r(h, seq, i, &z);
        out.emplace_back(x, y, z);
    }
    return cleanRing(out);
}

void collectPolygons(GEOSContextHandle_t h, const GEOSGeometry *g, std::vector<const GEOSGeometry *> *out,
                     int depth = 0)
{
    if (!g || depth > 16)
        return;
    const int type = GEOSGeomTypeId_r(h, g);
    if (type == GEOS_POLYGON) {
        if (!GEOSisEmpty_r(h, g))
            out->push_back(g);
    } else if (type == GEOS_MULTIPOLYGON || type == GEOS_GEOMETRYCOLLECTION) {
        for (int i = 0, n = GEOSGetNumGeometries_r(h, g); i < n; ++i)
            collectPolygons(h, GEOSGetGeometryN_r(h, g, i), out, depth + 1);
    }
}

struct VertexKey
{
    double x, y;
    bool operator==(const VertexKey &o) const { return x == o.x && y == o.y; }
};
struct VertexKeyHash
{
    size_t operator()(const VertexKey &k) const
    {
        return std::hash<double>()(k.x) * 31 ^ std::hash<double>()(k.y);
    }
};

/** Splits every triangle into 4, `levels` times (shared midpoints: no cracks), z from the ground. */
void subdivide(const PrepareContext &c, int levels, std::vector<Vec3d> *verts, std::vector<uint32_t> *tris)
{
    for (int l = 0; l < levels; ++l) {
        std::unordered_map<uint64_t, uint32_t> mids;
        auto mid = [&](uint32_t a, uint32_t b) {
            const uint64_t key = (uint64_t(std::min(a, b)) << 32) | std::max(a, b);
            auto it = mids.find(key);
            if (it != mids.end())
                return it->second;
            const Vec3d &p = (*verts)[a], &q = (*verts)[b];
            const double x = (p.x + q.x) / 2, y = (p.y + q.y) / 2;
            double z = groundAt(c, x, y, NAN);
            if (std::isnan(z))
                z = (p.z + q.z) / 2;
            verts->emplace_back(x, y, z);
            const uint32_t i = uint32_t(verts->size() - 1);
            mids.emplace(key, i);
            return i;
        };
        std::vector<uint32_t> out;
        out.reserve(tris->size() * 4);
        for (size_t t = 0; t + 2 < tris->size(); t += 3) {
            const uint32_t a = (*tris)[t], b = (*tris)[t + 1], cc = (*tris)[t + 2];
            const uint32_t ab = mid(a, b), bc = mid(b, cc), ca = mid(cc, a);
            out.insert(out.end(), {a, ab, ca, ab, b, bc, ca, bc, cc, ab, bc, ca});
        }
        *tris = std::move(out);
    }
}

/**
 * One polygon (rings as read: outer first) → valid oriented polygons with triangulation and
 * ground heights. Notes describe repairs; returns false (with *problem) when nothing is left.
 */
bool preparePolygon(const PrepareContext &c, const std::vector<std::vector<Vec3d>> &input, std::vector<PolyGeom> *out,
                    QStringList *notes, QString *problem)
{
    GEOSContextHandle_t h = c.geos->h;
    std::vector<std::vector<Vec3d>> rings;
    for (size_t r = 0; r < input.size(); ++r) {
        std::vector<Vec3d> ring = cleanRing(input[r]);
        if (ring.size() < 3) {
            if (r == 0) {
                *problem = QStringLiteral("degenerate polygon (outer ring has %1 distinct point%2)")
                               .arg(ring.size())
                               .arg(ring.size() == 1 ? QString() : QStringLiteral("s"));
                return false;
            }
            *notes << QStringLiteral("degenerate hole dropped");
            continue;
        }
        rings.push_back(std::move(ring));
    }
    if (rings.empty()) {
        *problem = QStringLiteral("empty polygon");
        return false;
    }
    // bounded: GEOS's validation and constrained Delaunay triangulation of one 1,000,000-vertex
    // outline took ~50 s (and a simplification as long); over the limit every k-th vertex is kept
    size_t total = 0;
    for (const auto &ring : rings)
        total += ring.size();
    if (c.maxVertices > 0 && total > size_t(c.maxVertices)) {
        const size_t stride = (total + size_t(c.maxVertices) - 1) / size_t(c.maxVertices);
        std::vector<std::vector<Vec3d>> thinned;
        size_t kept = 0;
        for (size_t r = 0; r < rings.size(); ++r) {
            std::vector<Vec3d> ring;
            ring.reserve(rings[r].size() / stride + 1);
            for (size_t i = 0; i < rings[r].size(); i += stride)
                ring.push_back(rings[r][i]);
            if (ring.size() < 3) {
                if (r == 0) {
                    *problem = QStringLiteral("a polygon of %1 vertices over the limit of %2 (maxPolygonVertices) "
                                              "cannot be thinned").arg(total).arg(c.maxVertices);
                    return false;
                }
                continue; // a hole too small to keep
            }
            kept += ring.size();
            thinned.push_back(std::move(ring));
        }
        *notes << QStringLiteral("a polygon of %1 vertices thinned to %2 (every %3th vertex kept; limit %4, "
                                 "maxPolygonVertices)")
                          .arg(total)
                          .arg(kept)
                          .arg(stride)
                          .arg(c.maxVertices);
        rings = std::move(thinned);
    }

    GEOSGeometry *shell = makeRing(h, rings[0]);
    std::vector<GEOSGeometry *> holes;
    for (size_t r = 1; r < rings.size(); ++r)
        if (GEOSGeometry *g = makeRing(h, rings[r]))
            holes.push_back(g);
    if (!shell) {
        for (GEOSGeometry *g : holes)
            GEOSGeom_destroy_r(h, g);
        *problem = QStringLiteral("invalid ring (%1)").arg(c.geos->lastError);
        return false;
    }
    Geos::Ptr poly = c.geos->own(GEOSGeom_createPolygon_r(h, shell, holes.data(), unsigned(holes.size())));
    if (!poly) {
        *problem = QStringLiteral("cannot build the polygon (%1)").arg(c.geos->lastError);
        return false;
    }
    Geos::Ptr fixed;
    const GEOSGeometry *valid = poly.get();
    if (GEOSisValid_r(h, poly.get()) != 1) {
        QString reason;
        if (char *why = GEOSisValidReason_r(h, poly.get())) {
            reason = QString::fromUtf8(why);
            GEOSFree_r(h, why);
        }
        fixed = c.geos->own(GEOSMakeValid_r(h, poly.get()));
        if (!fixed) {
            *problem = QStringLiteral("invalid polygon (%1) that GEOS cannot repair (%2)").arg(reason, c.geos->lastError);
            return false;
        }
        valid = fixed.get();
        *notes << QStringLiteral("invalid polygon repaired (%1)").arg(reason);
    }
    std::vector<const GEOSGeometry *> polys;
    collectPolygons(h, valid, &polys);
    size_t before = out->size();
    for (const GEOSGeometry *p : polys) {
        double area = 0;
        if (!GEOSArea_r(h, p, &area) || !(area > 1e-6))
            continue;
        PolyGeom pg;
        std::vector<Vec3d> shellRing = readRing(h, GEOSGetExteriorRing_r(h, p));
        if (shellRing.size() < 3)
            continue;
        if (signedArea(shellRing) < 0)
            std::reverse(shellRing.begin(), shellRing.end());
        pg.rings.push_back(std::move(shellRing));
        for (int i = 0, n = GEOSGetNumInteriorRings_r(h, p); i < n; ++i) {
            std::vector<Vec3d> hole = readRing(h, GEOSGetInteriorRingN_r(h, p, i));
            if (hole.size() < 3)
                continue;
            if (signedArea(hole) > 0)
                std::reverse(hole.begin(), hole.end());
            pg.rings.push_back(std::move(hole));
        }
        // ground under every vertex (data z for a 3D layer without terrain)
        for (auto &ring : pg.rings)
            for (Vec3d &v : ring)
                v.z = groundAt(c, v.x, v.y, v.z);

        // triangulation: vertices are the ring vertices (CDT adds none); unknown ones appended
        std::unordered_map<VertexKey, uint32_t, VertexKeyHash> index;
        for (const auto &ring : pg.rings)
            for (const Vec3d &v : ring)
                if (index.emplace(VertexKey{v.x, v.y}, uint32_t(pg.verts.size())).second)
                    pg.verts.push_back(v);
        Geos::Ptr cdt = c.geos->own(GEOSConstrainedDelaunayTriangulation_r(h, p));
        if (!cdt) {
            *notes << QStringLiteral("cannot triangulate a part (%1): no roof/fill").arg(c.geos->lastError);
        } else {
            std::vector<const GEOSGeometry *> triangles;
            collectPolygons(h, cdt.get(), &triangles);
            const RingIndex ringIndex(pg.rings);
            pg.tris.reserve(triangles.size() * 3);
            for (const GEOSGeometry *t : triangles) {
                const GEOSCoordSequence *seq = GEOSGeom_getCoordSeq_r(h, GEOSGetExteriorRing_r(h, t));
                unsigned int n = 0;
                if (!seq || !GEOSCoordSeq_getSize_r(h, seq, &n) || n < 3)
                    continue;
                uint32_t idx[3];
                double xs[3], ys[3];
                for (unsigned int k = 0; k < 3; ++k) {
                    GEOSCoordSeq_getX_r(h, seq, k, &xs[k]);
                    GEOSCoordSeq_getY_r(h, seq, k, &ys[k]);
                    auto it = index.find(VertexKey{xs[k], ys[k]});
                    if (it == index.end()) {
                        double z = groundAt(c, xs[k], ys[k], NAN);
                        if (std::isnan(z))
                            z = pg.rings[0][0].z;
                        pg.verts.emplace_back(xs[k], ys[k], z);
                        it = index.emplace(VertexKey{xs[k], ys[k]}, uint32_t(pg.verts.size() - 1)).first;
                    }
                    idx[k] = it->second;
                }
                const double a2 = (xs[1] - xs[0]) * (ys[2] - ys[0]) - (xs[2] - xs[0]) * (ys[1] - ys[0]);
                if (!(std::abs(a2) > 1e-12))
                    continue;
                if (!ringIndex.contains((xs[0] + xs[1] + xs[2]) / 3, (ys[0] + ys[1] + ys[2]) / 3))
                    continue;
                if (a2 < 0)
                    std::swap(idx[1], idx[2]);
                pg.tris.insert(pg.tris.end(), {idx[0], idx[1], idx[2]});
            }
        }

        // drape: subdivide the fill to the DEM resolution; densify outlines
        if (c.ground && c.spacing > 0 && !pg.tris.empty()) {
            double maxEdge = 0;
            for (size_t t = 0; t + 2 < pg.tris.size(); t += 3)
                for (int k = 0; k < 3; ++k) {
                    const Vec3d &a = pg.verts[pg.tris[t + k]], &b = pg.verts[pg.tris[t + (k + 1) % 3]];
                    maxEdge = std::max(maxEdge, std::hypot(b.x - a.x, b.y - a.y));
                }
            int levels = maxEdge > 2 * c.spacing ? int(std::ceil(std::log2(maxEdge / (2 * c.spacing)))) : 0;
            levels = std::clamp(levels, 0, 6);
            while (levels > 0 && (pg.tris.size() / 3) << (2 * levels) > kMaxDrapeTriangles)
                --levels;
            if (levels > 0) {
                pg.drapeVerts = pg.verts;
                pg.drapeTris = pg.tris;
                subdivide(c, levels, &pg.drapeVerts, &pg.drapeTris);
            }
        }
        if (c.spacing > 0) {
            bool any = false;
            for (const auto &ring : pg.rings) {
                pg.outlines.push_back(densify(c, ring, true));
                any = any || pg.outlines.back().size() != ring.size();
            }
            if (!any)
                pg.outlines.clear();
        }
        out->push_back(std::move(pg));
    }
    if (out->size() == before) {
        *problem = fixed ? QStringLiteral("degenerate polygon (nothing left after GEOSMakeValid)")
                         : QStringLiteral("degenerate polygon (no area)");
        return false;
    }
    return true;
}

/** Replaces NaN ground heights (outside the DEM) with fallback. */
void fillGround(FeatureGeom *g, double fallback)
{
    auto fix = [&](Vec3d &v) {
        if (std::isnan(v.z))
            v.z = fallback;
    };
    for (PolyGeom &p : g->polys) {
        for (auto &r : p.rings)
            std::for_each(r.begin(), r.end(), fix);
        std::for_each(p.verts.begin(), p.verts.end(), fix);
        std::for_each(p.drapeVerts.begin(), p.drapeVerts.end(), fix);
        for (auto &r : p.outlines)
            std::for_each(r.begin(), r.end(), fix);
    }
    for (auto &l : g->lines)
        std::for_each(l.begin(), l.end(), fix);
}

/** The lowest ground under a feature's vertices (NaN when unknown). */
double minGround(const FeatureGeom &g)
{
    double m = INFINITY;
    for (const PolyGeom &p : g.polys)
        for (const auto &r : p.rings)
            for (const Vec3d &v : r)
                if (!std::isnan(v.z))
                    m = std::min(m, v.z);
    for (const auto &l : g.lines)
        for (const Vec3d &v : l)
            if (!std::isnan(v.z))
                m = std::min(m, v.z);
    return std::isfinite(m) ? m : NAN;
}

/** kd-split of feature indices by their bounds' centres until every chunk holds ≤ maxPer. */
void partition(std::vector<int> idx, const std::vector<VectorFeatureRecord> &recs, size_t maxPer,
               std::vector<std::vector<int>> *out, int depth = 0)
{
    if (idx.empty())
        return;
    if (idx.size() <= maxPer || depth > 40) {
        out->push_back(std::move(idx));
        return;
    }
    auto cx = [&](int i) { return (recs[size_t(i)].bounds.minX + recs[size_t(i)].bounds.maxX) / 2; };
    auto cy = [&](int i) { return (recs[size_t(i)].bounds.minY + recs[size_t(i)].bounds.maxY) / 2; };
    double x0 = INFINITY, x1 = -INFINITY, y0 = INFINITY, y1 = -INFINITY;
    for (int i : idx) {
        x0 = std::min(x0, cx(i));
        x1 = std::max(x1, cx(i));
        y0 = std::min(y0, cy(i));
        y1 = std::max(y1, cy(i));
    }
    const bool alongX = (x1 - x0) >= (y1 - y0);
    const size_t half = idx.size() / 2;
    std::nth_element(idx.begin(), idx.begin() + long(half), idx.end(), [&](int a, int b) {
        const double va = alongX ? cx(a) : cy(a), vb = alongX ? cx(b) : cy(b);
        return va < vb || (va == vb && a < b);
    });
    std::vector<int> right(idx.begin() + long(half), idx.end());
    idx.resize(half);
    std::sort(idx.begin(), idx.end());
    std::sort(right.begin(), right.end());
    partition(std::move(idx), recs, maxPer, out, depth + 1);
    partition(std::move(right), recs, maxPer, out, depth + 1);
}

/** Heights and anchors from the style; warnings for clamped heights. */
void applyStyle(VectorLayerData *data, const VectorStyle &style, const QString &file, QStringList *warnings)
{
    int clamped = 0;
    for (VectorFeatureRecord &r : data->features) {
        double h = NAN;
        QString used;
        if (r.kind == VectorFeature::Kind::Polygon && style.extrude) {
            h = style.heightFor(r.attributes, &used);
            if (std::isnan(h) && style.defaultHeight > 0) {
                h = style.defaultHeight;
                used = QStringLiteral("default height");
            }
            if (h > style.maxHeight) {
                if (++clamped <= kMaxFeatureWarnings)
                    *warnings << QStringLiteral("%1: feature %2: height %3 m (%4) is absurd; clamped to %5 m")
                                     .arg(file)
                                     .arg(r.fid)
                                     .arg(h)
                                     .arg(used)
                                     .arg(style.maxHeight);
                h = style.maxHeight;
            }
            if (!(h > 0))
                h = NAN;
        }
        r.height = h;
        r.anchor.z = std::isnan(h) ? r.groundZ : r.groundZ + style.baseOffset + h;
    }
    if (clamped > kMaxFeatureWarnings)
        *warnings << QStringLiteral("%1: … %2 more heights clamped to %3 m")
                         .arg(file)
                         .arg(clamped - kMaxFeatureWarnings)
                         .arg(style.maxHeight);
}

// ---- mesh building ------------------------------------------------------------------------

struct Rgba
{
    uint8_t c[4];
};

Rgba shade(const QColor &col, double f)
{
    auto ch = [&](int v) { return uint8_t(std::clamp(int(std::lround(v * f)), 0, 255)); };
    return Rgba{{ch(col.red()), ch(col.green()), ch(col.blue()), uint8_t(col.alpha())}};
}

class MeshBuilder
{
public:
    MeshBuilder(TileContent *c, size_t maxVerts) : m_c(c), m_max(std::max<size_t>(maxVerts, 64)) {}

    /** Makes room for a feature of about n vertices (a new mesh when the current one is full). */
    void begin(size_t n)
    {
        if (!m_cur || (m_cur->vertexCount() > 0 && size_t(m_cur->vertexCount()) + n > m_max)) {
            m_c->meshes.emplace_back();
            m_cur = &m_c->meshes.back();
        }
    }
    uint32_t vertex(double x, double y, double z, const Rgba &col)
    {
        const Vec3d &o = m_c->origin;
        m_cur->positions.insert(m_cur->positions.end(), {float(x - o.x), float(y - o.y), float(z - o.z)});
        m_cur->colors.insert(m_cur->colors.end(), {col.c[0], col.c[1], col.c[2], col.c[3]});
        return uint32_t(m_cur->vertexCount() - 1);
    }
    void triangle(uint32_t a, uint32_t b, uint32_t c, qint64 fid)
    {
        m_cur->indices.insert(m_cur->indices.end(), {a, b, c});
        m_cur->triangleFeatures.push_back(fid);
    }
    uint32_t base() const { return uint32_t(m_cur->vertexCount()); }

private:
    TileContent *m_c;
    size_t m_max;
    MeshData *m_cur = nullptr;
};

/** Light from the north-west: horizontal direction of the light. */
constexpr double kLightX = -0.70710678, kLightY = 0.70710678;

void addBlock(MeshBuilder &mb, const PolyGeom &p, double base, double top, const QColor &col, qint64 fid)
{
    size_t edges = 0;
    for (const auto &r : p.rings)
        edges += r.size();
    mb.begin(p.verts.size() + edges * 4);
    // roof: brightest
    const Rgba roof = shade(col, 1.0);
    const uint32_t b0 = mb.base();
    for (const Vec3d &v : p.verts)
        mb.vertex(v.x, v.y, top, roof);
    for (size_t t = 0; t + 2 < p.tris.size(); t += 3)
        mb.triangle(b0 + p.tris[t], b0 + p.tris[t + 1], b0 + p.tris[t + 2], fid);
    // walls: the right side of every directed edge is outside (outer CCW, holes CW)
    for (const auto &r : p.rings) {
        for (size_t i = 0, n = r.size(); i < n; ++i) {
            const Vec3d &a = r[i], &b = r[(i + 1) % n];
            const double dx = b.x - a.x, dy = b.y - a.y, len = std::hypot(dx, dy);
            if (!(len > 1e-9))
                continue;
            const double nx = dy / len, ny = -dx / len;
            const double facing = (nx * kLightX + ny * kLightY + 1) / 2; // 0 away from the light .. 1 towards
            const double f = 0.62 + 0.28 * facing;
            const Rgba upper = shade(col, f), lower = shade(col, f * 0.8);
            const uint32_t ab = mb.vertex(a.x, a.y, base, lower);
            const uint32_t bb = mb.vertex(b.x, b.y, base, lower);
            const uint32_t bt = mb.vertex(b.x, b.y, top, upper);
            const uint32_t at = mb.vertex(a.x, a.y, top, upper);
            mb.triangle(ab, bb, bt, fid);
            mb.triangle(ab, bt, at, fid);
        }
    }
}

/** A flat ribbon of `width` along pts (z per point + lift), mitred joins. */
void addRibbon(MeshBuilder &mb, std::vector<Vec3d> pts, bool closed, double width, double lift, const Rgba &col,
               qint64 fid)
{
    // drop repeated points
    std::vector<Vec3d> p;
    p.reserve(pts.size());
    for (const Vec3d &v : pts)
        if (p.empty() || std::hypot(v.x - p.back().x, v.y - p.back().y) > 1e-6)
            p.push_back(v);
    if (closed)
        while (p.size() > 2 && std::hypot(p.front().x - p.back().x, p.front().y - p.back().y) <= 1e-6)
            p.pop_back();
    const size_t n = p.size();
    if (n < 2 || !(width > 0))
        return;
    if (n < 3)
        closed = false;
    mb.begin(n * 2);
    const double hw = width / 2;
    auto normalOf = [&](size_t i, size_t j) { // left normal of segment i→j
        const double dx = p[j].x - p[i].x, dy = p[j].y - p[i].y, len = std::hypot(dx, dy);
        return Vec3d(-dy / len, dx / len, 0);
    };
    const uint32_t b0 = mb.base();
    for (size_t i = 0; i < n; ++i) {
        const bool hasIn = closed || i > 0, hasOut = closed || i + 1 < n;
        const Vec3d nin = hasIn ? normalOf((i + n - 1) % n, i) : Vec3d();
        const Vec3d nout = hasOut ? normalOf(i, (i + 1) % n) : Vec3d();
        Vec3d m = (hasIn && hasOut) ? (nin + nout) : (hasIn ? nin : nout);
        double scale = 1.0;
        if (m.length() < 1e-6) {
            m = hasOut ? nout : nin; // reversal: plain normal
        } else {
            m = m.normalized();
            const double cosHalf = m.dot(hasOut ? nout : nin);
            scale = 1.0 / std::max(cosHalf, 0.25); // miter limit 4
        }
        const double ox = m.x * hw * scale, oy = m.y * hw * scale, z = p[i].z + lift;
        mb.vertex(p[i].x + ox, p[i].y + oy, z, col); // left  = b0 + 2i
        mb.vertex(p[i].x - ox, p[i].y - oy, z, col); // right = b0 + 2i + 1
    }
    const size_t segs = closed ? n : n - 1;
    for (size_t i = 0; i < segs; ++i) {
        const size_t j = (i + 1) % n;
        const uint32_t li = b0 + uint32_t(2 * i), ri = li + 1, lj = b0 + uint32_t(2 * j), rj = lj + 1;
        mb.triangle(ri, rj, lj, fid);
        mb.triangle(ri, lj, li, fid);
    }
}

void addFill(MeshBuilder &mb, const PolyGeom &p, const Rgba &col, qint64 fid)
{
    const auto &verts = p.drapeVerts.empty() ? p.verts : p.drapeVerts;
    const auto &tris = p.drapeVerts.empty() ? p.tris : p.drapeTris;
    mb.begin(verts.size());
    const uint32_t b0 = mb.base();
    for (const Vec3d &v : verts)
        mb.vertex(v.x, v.y, v.z + kDrapeFill, col);
    for (size_t t = 0; t + 2 < tris.size(); t += 3)
        mb.triangle(b0 + tris[t], b0 + tris[t + 1], b0 + tris[t + 2], fid);
}

struct NameKey
{
    QString id;
    int generation = 0;
    int chunk = 0;
};

bool parseName(const QString &path, NameKey *key)
{
    if (!path.startsWith(QLatin1String(VectorTileReader::kScheme)))
        return false;
    const QString rest = path.mid(int(qstrlen(VectorTileReader::kScheme)));
    const int b = rest.lastIndexOf(QLatin1Char('/'));
    const int a = b > 0 ? rest.lastIndexOf(QLatin1Char('/'), b - 1) : -1;
    if (a <= 0)
        return false;
    bool ok1 = false, ok2 = false;
    key->id = rest.left(a);
    key->generation = rest.mid(a + 1, b - a - 1).toInt(&ok1);
    key->chunk = rest.mid(b + 1).toInt(&ok2);
    return ok1 && ok2 && key->generation >= 0 && key->chunk >= 0;
}

} // namespace

struct VectorTileReader::Layer
{
    VectorLayerSource source;
    int generation = 0;
    std::shared_ptr<const VectorLayerData> data;
    QStringList loadWarnings; ///< data->warnings without the style's
    std::shared_ptr<const std::vector<FeatureGeom>> geometry; ///< parallel to data->features
    std::shared_ptr<const std::vector<Chunk>> chunks;
};

std::shared_ptr<VectorTileReader> VectorTileReader::instance()
{
    static std::shared_ptr<VectorTileReader> reader = [] {
        auto r = std::make_shared<VectorTileReader>();
        ReaderRegistry::instance().add(r);
        return r;
    }();
    return reader;
}

QString VectorTileReader::chunkName(const QString &id, int generation, int chunk)
{
    return QStringLiteral("%1%2/%3/%4").arg(QLatin1String(kScheme), id).arg(generation).arg(chunk);
}

void VectorTileReader::setMaxVerticesPerMesh(int n)
{
    QMutexLocker lock(&m_mutex);
    m_maxVertices = std::max(64, n);
}

std::shared_ptr<const VectorLayerData> VectorTileReader::load(const VectorLayerSource &src,
                                                              const std::function<void(double)> &progress,
                                                              QString *error)
{
    auto report = [&](double v) {
        if (progress)
            progress(std::clamp(v, 0.0, 1.0));
    };
    const QString name = src.file.isEmpty() ? QStringLiteral("(no file name)") : QDir::toNativeSeparators(src.file);
    auto fail = [&](const QString &why) -> std::shared_ptr<const VectorLayerData> {
        if (error)
            *error = why;
        return nullptr;
    };
    if (src.id.isEmpty() || src.id.contains(QLatin1Char('/')))
        return fail(QStringLiteral("%1: invalid vector layer id '%2' (must be non-empty, without '/')").arg(name, src.id));
    report(0.0);
    registerGdalDrivers();

    QString err;
    const VectorDataset ds = VectorDataset::open(src.file, &err);
    if (!ds.isValid())
        return fail(err);
    if (src.layerIndex < 0 || src.layerIndex >= ds.info().layers.size())
        return fail(QStringLiteral("%1: no layer %2 (the file has %3)").arg(name).arg(src.layerIndex).arg(ds.info().layers.size()));
    const VectorLayerInfo &li = ds.info().layers.at(src.layerIndex);

    auto data = std::make_shared<VectorLayerData>();
    data->id = src.id;
    data->file = src.file;
    data->layerName = li.name;
    data->geometryType = li.geometryType;
    data->fields = li.fields;

    std::vector<VectorFeature> features;
    if (!ds.readFeatures(src.layerIndex, src.frame.crs(), src.assumeCrs, &features, &data->warnings, &err))
        return fail(err);
    report(0.3);
    if (features.empty())
        data->warnings << QStringLiteral("%1: layer %2 has no features to show").arg(name, li.name);
    QStringList styleWarnings;
    data->heightAttribute = src.style.resolveHeightAttribute(li.fields, name, &styleWarnings);

    const Vec3d origin = src.frame.origin();
    const bool hasZ = li.geometryType.endsWith(QLatin1String(" Z")) || li.geometryType.endsWith(QLatin1String(" ZM"));

    // records (local frame), bounds
    std::vector<VectorFeature> local;
    data->features.reserve(features.size());
    bool firstBounds = true;
    int dropped = 0;
    QStringList featureWarnings;
    auto featureWarn = [&](qint64 fid, const QString &w) {
        if (featureWarnings.size() < kMaxFeatureWarnings)
            featureWarnings << QStringLiteral("%1: feature %2: %3").arg(name).arg(fid).arg(w);
        else
            ++dropped;
    };
    for (VectorFeature &f : features) {
        VectorFeatureRecord r;
        r.fid = f.fid;
        r.kind = f.kind;
        r.attributes = std::move(f.attributes);
        bool first = true;
        size_t points = 0;
        for (auto &part : f.parts)
            for (auto &ring : part)
                for (Vec3d &v : ring) {
                    v = v - origin;
                    if (!finite(v)) {
                        if (!std::isfinite(v.z) && std::isfinite(v.x) && std::isfinite(v.y))
                            v.z = 0; // a point without a usable z
                        else
                            continue;
                    }
                    grow(&r.bounds, v.x, v.y, &first);
                    ++points;
                }
        if (points == 0) {
            featureWarn(f.fid, QStringLiteral("no usable coordinates; skipped"));
            continue;
        }
        r.anchor = Vec3d((r.bounds.minX + r.bounds.maxX) / 2, (r.bounds.minY + r.bounds.maxY) / 2, 0);
        if (f.kind == VectorFeature::Kind::Point && points == 1)
            for (const auto &part : f.parts)
                for (const auto &ring : part)
                    for (const Vec3d &v : ring)
                        if (finite(v))
                            r.anchor = Vec3d(v.x, v.y, 0);
        unite(&data->bounds, r.bounds, &firstBounds);
        data->features.push_back(std::move(r));
        f.attributes.clear();
        local.push_back(std::move(f));
    }
    features.clear();

    // chunks
    std::vector<std::vector<int>> groups;
    {
        std::vector<int> all(data->features.size());
        std::iota(all.begin(), all.end(), 0);
        partition(std::move(all), data->features, size_t(kChunkFeatures), &groups);
    }

    // terrain
    std::optional<RasterDataset> dem;
    double demSpacing = 0; // metres
    bool demSameCrs = false;
    if (src.terrain && src.terrain->dem && src.terrain->dem->isValid()) {
        dem = src.terrain->dem;
        const RasterInfo &ri = dem->info();
        demSpacing = std::min(std::abs(ri.pixelSizeX), std::abs(ri.pixelSizeY));
        if (ri.crs.isGeographic())
            demSpacing *= 111320.0;
        demSameCrs = src.frame.crs().isValid() && ri.crs.isValid()
                     && (ri.crs == src.frame.crs()
                         || (!ri.crs.authorityCode().isEmpty() && ri.crs.authorityCode() == src.frame.crs().authorityCode()));
        if (!(demSpacing > 0))
            demSpacing = 1.0;
    }

    Geos geos;
    auto geometry = std::make_shared<std::vector<FeatureGeom>>(data->features.size());
    auto chunks = std::make_shared<std::vector<Chunk>>();
    int outsideDem = 0;
    size_t done = 0;
    for (size_t gi = 0; gi < groups.size(); ++gi) {
        Chunk chunk;
        chunk.features = std::move(groups[gi]);
        bool first = true;
        for (int i : chunk.features)
            unite(&chunk.bounds, data->features[size_t(i)].bounds, &first);

        GroundGrid ground;
        PrepareContext ctx;
        ctx.geos = &geos;
        ctx.maxVertices = std::max(0, src.maxPolygonVertices);
        ctx.hasZ = hasZ && !src.terrain;
            if (src.terrain && !dem) {
            ctx.hasPlane = true;
            ctx.plane = src.terrain->planeHeight;
        }
        if (dem) {
            // one window over the chunk (+ margin), at the DEM resolution (capped), aligned to its pixels
            const RasterInfo &ri = dem->info();
            const double margin = 2 * demSpacing + src.style.lineWidth;
            Box2d box{chunk.bounds.minX + origin.x - margin, chunk.bounds.minY + origin.y - margin,
                      chunk.bounds.maxX + origin.x + margin, chunk.bounds.maxY + origin.y + margin};
            double cell = demSpacing;
            const double side = std::max(box.width(), box.height());
            if (side / cell > kMaxGridSide - 1)
                cell = std::ceil(side / (kMaxGridSide - 1) / demSpacing) * demSpacing;
            if (demSameCrs && std::abs(ri.pixelSizeX) > 0 && std::abs(ri.pixelSizeY) > 0) {
                const double px = std::abs(ri.pixelSizeX) * std::max(1.0, std::round(cell / std::abs(ri.pixelSizeX)));
                const double py = std::abs(ri.pixelSizeY) * std::max(1.0, std::round(cell / std::abs(ri.pixelSizeY)));
                box.minX = ri.bounds.minX + std::floor((box.minX - ri.bounds.minX) / px) * px;
                box.maxX = ri.bounds.minX + std::ceil((box.maxX - ri.bounds.minX) / px) * px;
                box.maxY = ri.bounds.maxY - std::floor((ri.bounds.maxY - box.maxY) / py) * py;
                box.minY = ri.bounds.maxY - std::ceil((ri.bounds.maxY - box.minY) / py) * py;
                ground.cellX = px;
                ground.cellY = py;
            } else {
                ground.cellX = ground.cellY = cell;
                box.maxX = box.minX + std::ceil(box.width() / cell) * cell;
                box.maxY = box.minY + std::ceil(box.height() / cell) * cell;
            }
            const int w = std::clamp(int(std::lround(box.width() / ground.cellX)), 1, kMaxGridSide);
            const int h = std::clamp(int(std::lround(box.height() / ground.cellY)), 1, kMaxGridSide);
            ground.cellX = box.width() / w;
            ground.cellY = box.height() / h;
            QString demError;
            if (dem->readHeights(src.frame.crs(), box, w, h, &ground.grid, &demError)) {
                ground.grid.bounds = Box2d{box.minX - origin.x, box.minY - origin.y, box.maxX - origin.x,
                                           box.maxY - origin.y};
                ground.zOffset = -origin.z + src.terrain->verticalOffset;
                ground.valid = true;
                ctx.ground = &ground;
            } else if (data->warnings.size() < 200) {
                data->warnings << QStringLiteral("%1: cannot read the terrain under chunk %2 (%3); its features stand at z = 0")
                                      .arg(name)
                                      .arg(gi)
                                      .arg(demError);
            }
            ctx.spacing = std::max(ground.cellX, ground.cellY);
        }

        double sum = 0;
        int count = 0;
        std::vector<int> unknownGround;
        for (int i : chunk.features) {
            VectorFeatureRecord &r = data->features[size_t(i)];
            VectorFeature &f = local[size_t(i)];
            FeatureGeom &g = (*geometry)[size_t(i)];
            if (f.kind == VectorFeature::Kind::Polygon) {
                QStringList notes;
                int failed = 0;
                QString lastProblem;
                for (const auto &part : f.parts) {
                    QString problem;
                    if (!preparePolygon(ctx, part, &g.polys, &notes, &problem)) {
                        ++failed;
                        lastProblem = problem;
                    }
                }
                notes.removeDuplicates();
                for (const QString &n : notes)
                    featureWarn(r.fid, n);
                if (failed > 0)
                    featureWarn(r.fid, g.polys.empty() ? lastProblem + QStringLiteral("; skipped")
                                                       : QStringLiteral("%1 part(s) dropped: %2").arg(failed).arg(lastProblem));
            } else if (f.kind == VectorFeature::Kind::Line) {
                for (auto &part : f.parts)
                    for (auto &line : part) {
                        std::vector<Vec3d> pts;
                        for (const Vec3d &v : line)
                            if (std::isfinite(v.x) && std::isfinite(v.y))
                                pts.emplace_back(v.x, v.y, groundAt(ctx, v.x, v.y, v.z));
                        if (pts.size() >= 2)
                            g.lines.push_back(densify(ctx, pts, false));
                    }
                if (g.lines.empty())
                    featureWarn(r.fid, QStringLiteral("degenerate line (fewer than 2 usable points); skipped"));
            }
            if (f.kind == VectorFeature::Kind::Point) {
                const bool own = hasZ && !f.parts.empty() && !f.parts[0].empty() && !f.parts[0][0].empty();
                r.groundZ = groundAt(ctx, r.anchor.x, r.anchor.y, own ? f.parts[0][0][0].z : NAN);
            } else {
                r.groundZ = minGround(g);
            }
            if (std::isnan(r.groundZ)) {
                unknownGround.push_back(i);
            } else {
                sum += r.groundZ;
                ++count;
            }
            if (!g.polys.empty() || !g.lines.empty())
                chunk.meshFeatures.push_back(i);
            f.parts.clear();
            f.parts.shrink_to_fit();
            ++done;
        }
        // features off the DEM: the chunk's mean ground (or the grid's), else 0
        double fallback = count > 0 ? sum / count : NAN;
        if (std::isnan(fallback) && ground.valid) {
            double s = 0;
            size_t n = 0;
            for (float v : ground.grid.heights)
                if (!std::isnan(v)) {
                    s += v;
                    ++n;
                }
            if (n > 0)
                fallback = s / double(n) + ground.zOffset;
        }
        if (std::isnan(fallback))
            fallback = 0.0;
        if (ctx.ground)
            outsideDem += int(unknownGround.size());
        for (int i : chunk.features) {
            FeatureGeom &g = (*geometry)[size_t(i)];
            fillGround(&g, std::isnan(data->features[size_t(i)].groundZ) ? fallback : data->features[size_t(i)].groundZ);
        }
        for (int i : unknownGround)
            data->features[size_t(i)].groundZ = fallback;
        chunk.groundZ = count > 0 ? sum / count : fallback;
        chunks->push_back(std::move(chunk));
        report(0.3 + 0.7 * double(done) / double(std::max<size_t>(1, data->features.size())));
        if (LoadCancel::requested()) // shutting down: stop between chunks
            return fail(QStringLiteral("%1: loading cancelled").arg(name));
    }
    if (outsideDem > 0)
        data->warnings << QStringLiteral("%1: %2 feature%3 outside the terrain DEM: placed at the mean ground height nearby")
                              .arg(name)
                              .arg(outsideDem)
                              .arg(outsideDem == 1 ? QString() : QStringLiteral("s"));
    data->warnings << featureWarnings;
    if (dropped > 0)
        data->warnings << QStringLiteral("%1: … and %2 more feature warnings").arg(name).arg(dropped);

    const QStringList loadWarnings = data->warnings;
    applyStyle(data.get(), src.style, name, &styleWarnings);
    data->warnings << styleWarnings;
    for (size_t i = 0; i < data->features.size(); ++i)
        if (!data->indexByFid.contains(data->features[i].fid))
            data->indexByFid.insert(data->features[i].fid, int(i));

    auto layer = std::make_shared<Layer>();
    layer->source = src;
    layer->source.terrain.reset(); // the DEM handle is not needed any more
    layer->data = data;
    layer->loadWarnings = loadWarnings;
    layer->geometry = geometry;
    layer->chunks = chunks;
    {
        QMutexLocker lock(&m_mutex);
        const int gen = m_generations.value(src.id, -1) + 1;
        m_generations.insert(src.id, gen);
        layer->generation = gen;
        m_layers.insert(src.id, layer);
    }
    report(1.0);
    if (error)
        error->clear();
    return data;
}

QStringList VectorTileReader::rootFiles(const QString &id) const
{
    QMutexLocker lock(&m_mutex);
    const auto layer = m_layers.value(id);
    QStringList files;
    if (!layer)
        return files;
    for (size_t i = 0; i < layer->chunks->size(); ++i)
        if (!(*layer->chunks)[i].meshFeatures.empty())
            files << chunkName(id, layer->generation, int(i));
    return files;
}

std::shared_ptr<const VectorLayerData> VectorTileReader::setStyle(const QString &id, const VectorStyle &style)
{
    std::shared_ptr<const Layer> old;
    {
        QMutexLocker lock(&m_mutex);
        old = m_layers.value(id);
    }
    if (!old)
        return nullptr;
    auto data = std::make_shared<VectorLayerData>(*old->data);
    // the new style's warnings replace the old style's
    const QString name = QDir::toNativeSeparators(data->file);
    QStringList styleWarnings;
    data->heightAttribute = style.resolveHeightAttribute(data->fields, name, &styleWarnings);
    applyStyle(data.get(), style, name, &styleWarnings);
    data->warnings = old->loadWarnings + styleWarnings;

    auto layer = std::make_shared<Layer>(*old);
    layer->source.style = style;
    layer->data = data;
    QMutexLocker lock(&m_mutex);
    if (m_layers.value(id) != old)
        return m_layers.value(id) ? m_layers.value(id)->data : nullptr; // replaced meanwhile
    const int gen = m_generations.value(id, -1) + 1;
    m_generations.insert(id, gen);
    layer->generation = gen;
    m_layers.insert(id, layer);
    return data;
}

std::optional<VectorStyle> VectorTileReader::style(const QString &id) const
{
    QMutexLocker lock(&m_mutex);
    const auto layer = m_layers.value(id);
    if (!layer)
        return std::nullopt;
    return layer->source.style;
}

std::shared_ptr<const VectorLayerData> VectorTileReader::data(const QString &id) const
{
    QMutexLocker lock(&m_mutex);
    const auto layer = m_layers.value(id);
    return layer ? layer->data : nullptr;
}

int VectorTileReader::generation(const QString &id) const
{
    QMutexLocker lock(&m_mutex);
    const auto layer = m_layers.value(id);
    return layer ? layer->generation : -1;
}

void VectorTileReader::removeLayer(const QString &id)
{
    QMutexLocker lock(&m_mutex);
    m_layers.remove(id);
}

std::vector<int> VectorTileReader::chunkFeatures(const QString &id, int chunk) const
{
    QMutexLocker lock(&m_mutex);
    const auto layer = m_layers.value(id);
    if (!layer || chunk < 0 || size_t(chunk) >= layer->chunks->size())
        return {};
    return (*layer->chunks)[size_t(chunk)].meshFeatures;
}

bool VectorTileReader::identify(const QString &path) const
{
    NameKey k;
    return parseName(path, &k);
}

TileReadResult VectorTileReader::read(const QString &path) const
{
    TileReadResult result;
    NameKey key;
    if (!parseName(path, &key)) {
        result.error = QStringLiteral("%1: not a vector chunk name").arg(path);
        return result;
    }
    std::shared_ptr<const Layer> layer;
    size_t maxVertices = 0;
    {
        QMutexLocker lock(&m_mutex);
        layer = m_layers.value(key.id);
        maxVertices = size_t(m_maxVertices);
    }
    if (!layer) {
        result.error = QStringLiteral("%1: the vector layer was removed").arg(path);
        return result;
    }
    if (key.generation > layer->generation || size_t(key.chunk) >= layer->chunks->size()) {
        result.error = QStringLiteral("%1: no such chunk (the layer has %2 chunks, generation %3)")
                           .arg(path)
                           .arg(layer->chunks->size())
                           .arg(layer->generation);
        return result;
    }
    // an older generation is served with the current style (its dataset is being replaced)
    const Chunk &chunk = (*layer->chunks)[size_t(key.chunk)];
    const VectorLayerData &data = *layer->data;
    const std::vector<FeatureGeom> &geometry = *layer->geometry;
    const VectorStyle &style = layer->source.style;

    TileContent &c = result.content;
    c.sourceFile = path;
    c.origin = Vec3d((chunk.bounds.minX + chunk.bounds.maxX) / 2, (chunk.bounds.minY + chunk.bounds.maxY) / 2,
                     chunk.groundZ);
    MeshBuilder mb(&c, maxVertices);
    for (int i : chunk.meshFeatures) {
        const VectorFeatureRecord &r = data.features[size_t(i)];
        const FeatureGeom &g = geometry[size_t(i)];
        if (r.kind == VectorFeature::Kind::Polygon) {
            const QColor fill = style.colorFor(r.attributes);
            if (std::isfinite(r.height) && r.height > 0) {
                const double base = r.groundZ + style.baseOffset;
                for (const PolyGeom &p : g.polys)
                    addBlock(mb, p, base, base + r.height, fill, r.fid);
            } else {
                const Rgba fillRgba = shade(fill, 1.0);
                const Rgba outline = shade(style.outlineColor(), 1.0);
                for (const PolyGeom &p : g.polys) {
                    addFill(mb, p, fillRgba, r.fid);
                    if (style.lineWidth > 0 && style.outlineColor().alpha() > 0)
                        for (const auto &ring : p.outlines.empty() ? p.rings : p.outlines)
                            addRibbon(mb, ring, true, style.lineWidth, kDrapeLine, outline, r.fid);
                }
            }
        } else if (r.kind == VectorFeature::Kind::Line) {
            const Rgba col = shade(style.lineColorFor(r.attributes), 1.0);
            for (const auto &line : g.lines)
                addRibbon(mb, line, false, std::max(style.lineWidth, 0.05), kDrapeLine, col, r.fid);
        }
    }
    // drop empty meshes, bounds
    c.meshes.erase(std::remove_if(c.meshes.begin(), c.meshes.end(), [](const MeshData &m) { return m.indices.empty(); }),
                   c.meshes.end());
    double lo[3] = {INFINITY, INFINITY, INFINITY}, hi[3] = {-INFINITY, -INFINITY, -INFINITY};
    for (MeshData &m : c.meshes) {
        m.computeBounds();
        for (int k = 0; k < 3; ++k) {
            lo[k] = std::min(lo[k], double(m.boundsMin[k]));
            hi[k] = std::max(hi[k], double(m.boundsMax[k]));
        }
    }
    LodNode node;
    node.rangeMode = RangeMode::PixelSizeOnScreen;
    if (!c.meshes.empty()) {
        node.center = Vec3d((lo[0] + hi[0]) / 2, (lo[1] + hi[1]) / 2, (lo[2] + hi[2]) / 2);
        node.radius = std::max(1.0, Vec3d(hi[0] - lo[0], hi[1] - lo[1], hi[2] - lo[2]).length() / 2);
    } else {
        node.radius = std::max(1.0, std::hypot(chunk.bounds.width(), chunk.bounds.height()) / 2);
    }
    LodRange range;
    range.min = std::max(0.f, layer->source.minPixelSize);
    range.max = std::numeric_limits<float>::max();
    for (size_t m = 0; m < c.meshes.size(); ++m)
        range.meshes.push_back(int(m));
    node.ranges.push_back(range);
    c.nodes.push_back(node);
    result.ok = true;
    return result;
}

} // namespace liyuan::gdal
