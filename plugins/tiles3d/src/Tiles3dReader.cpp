#include <liyuan/tiles3d/Tiles3dReader.h>

#include "ContentDecoder.h"
#include "DatasetFrame.h"
#include "Resource.h"
#include "TileResolver.h"
#include "TilesetCache.h"

#include <liyuan/scene/RemoteUrl.h>

#include <QFileInfo>
#include <QReadWriteLock>

#include <algorithm>
#include <cmath>
#include <limits>

namespace liyuan::tiles3d {
namespace {

QReadWriteLock g_optionsLock;
Tiles3dOptions g_options;

/** Points become small horizontal quads (the renderer draws triangles only). */
void pointsToQuads(const std::vector<Vec3d> &pts, const DecodedMesh &src, const Vec3d &origin, MeshData *m)
{
    Vec3d lo(1e300, 1e300, 1e300), hi(-1e300, -1e300, -1e300);
    for (const Vec3d &p : pts) {
        lo = Vec3d(std::min(lo.x, p.x), std::min(lo.y, p.y), std::min(lo.z, p.z));
        hi = Vec3d(std::max(hi.x, p.x), std::max(hi.y, p.y), std::max(hi.z, p.z));
    }
    const Vec3d e = hi - lo;
    const double area = std::max({e.x * e.y, e.x * e.z, e.y * e.z, 1e-6});
    const double half = std::clamp(0.5 * std::sqrt(area / double(std::max<size_t>(pts.size(), 1))), 0.005, 2.0);
    const size_t n = pts.size();
    m->positions.reserve(n * 12);
    m->indices.reserve(n * 6);
    if (!src.colors.empty())
        m->colors.reserve(n * 16);
    for (size_t i = 0; i < n; ++i) {
        const Vec3d p = pts[i] - origin;
        const uint32_t b = uint32_t(i * 4);
        const double d[4][2] = {{-half, -half}, {half, -half}, {half, half}, {-half, half}};
        for (const auto &c : d)
            m->positions.insert(m->positions.end(), {float(p.x + c[0]), float(p.y + c[1]), float(p.z)});
        m->indices.insert(m->indices.end(), {b, b + 1, b + 2, b, b + 2, b + 3});
        if (!src.colors.empty())
            for (int k = 0; k < 4; ++k)
                m->colors.insert(m->colors.end(), src.colors.begin() + long(i * 4), src.colors.begin() + long(i * 4 + 4));
        if (!src.features.empty())
            m->triangleFeatures.insert(m->triangleFeatures.end(), 2, src.features[i]);
    }
}

} // namespace

void Tiles3dReader::setOptions(const Tiles3dOptions &options)
{
    QWriteLocker lock(&g_optionsLock);
    g_options = options;
}

Tiles3dOptions Tiles3dReader::options()
{
    QReadLocker lock(&g_optionsLock);
    return g_options;
}

void Tiles3dReader::clearCache()
{
    TilesetCache::instance().clear();
}

bool Tiles3dReader::identify(const QString &path) const
{
    return TileResolver::isAddress(path);
}

TileReadResult Tiles3dReader::read(const QString &path) const
{
    TileReadResult res;
    const Tiles3dOptions opt = options();
    ResolvedTile rt;
    if (!TileResolver::resolve(path, opt, &rt, &res.error))
        return res;
    DatasetFrame df;
    if (!DatasetFrame::forTileset(rt.topFile, opt, &df, &res.error))
        return res;
    TileContent &c = res.content;
    c.sourceFile = rt.contentFile.isEmpty() ? rt.tilesetFile : rt.contentFile;
    c.warnings << rt.warnings;
    if (Resource::isRemote(rt.topFile))
        for (QString &w : c.warnings)
            w = RemoteUrl::redactText(w); // remote: no credentials in the log

    // the bounding sphere in the dataset frame
    std::vector<Vec3d> samples = rt.volume.samplePoints(rt.transform);
    Vec3d lo(1e300, 1e300, 1e300), hi(-1e300, -1e300, -1e300);
    for (Vec3d &p : samples) {
        p = df.tilesetToLocal.point(p);
        lo = Vec3d(std::min(lo.x, p.x), std::min(lo.y, p.y), std::min(lo.z, p.z));
        hi = Vec3d(std::max(hi.x, p.x), std::max(hi.y, p.y), std::max(hi.z, p.z));
    }
    const Vec3d centre = (lo + hi) * 0.5;
    double radius = 0;
    for (const Vec3d &p : samples)
        radius = std::max(radius, (p - centre).length());
    c.origin = centre;

    // content
    if (!rt.contentFile.isEmpty()) {
        QByteArray bytes;
        if (!TilesetCache::readFile(rt.contentFile, opt.maxFileBytes, &bytes, &res.error))
            return res;
        res.fileBytes = bytes.size();
        DecodedContent dc;
        if (!ContentDecoder::decode(bytes, rt.contentFile, rt.transform, opt, &dc, &res.error))
            return res;
        if (dc.vertexCount() > opt.maxVerticesPerTile) {
            res.error = QStringLiteral("%1: %2 vertices, more than the limit of %3").arg(rt.contentFile).arg(dc.vertexCount()).arg(opt.maxVerticesPerTile);
            return res;
        }
        const Mat4 toLocal = df.tilesetToLocal * rt.transform;
        c.images = std::move(dc.images);
        c.featureNames = dc.featureNames;
        c.featureAttributes = std::move(dc.featureAttributes);
        for (const QString &w : std::as_const(dc.warnings))
            c.warnings << (Resource::isRemote(rt.topFile) ? RemoteUrl::redactText(w) : w);
        for (DecodedMesh &d : dc.meshes) {
            MeshData m;
            const size_t nv = size_t(d.vertexCount());
            if (nv == 0)
                continue;
            std::vector<Vec3d> local(nv);
            for (size_t i = 0; i < nv; ++i)
                local[i] = toLocal.point({d.positions[i * 3], d.positions[i * 3 + 1], d.positions[i * 3 + 2]});
            if (d.points) {
                pointsToQuads(local, d, centre, &m);
            } else {
                m.positions.resize(nv * 3);
                for (size_t i = 0; i < nv; ++i) {
                    const Vec3d p = local[i] - centre;
                    m.positions[i * 3] = float(p.x), m.positions[i * 3 + 1] = float(p.y), m.positions[i * 3 + 2] = float(p.z);
                }
                if (!d.normals.empty()) {
                    m.normals.resize(nv * 3);
                    for (size_t i = 0; i < nv; ++i) {
                        const Vec3d n = toLocal.vector({d.normals[i * 3], d.normals[i * 3 + 1], d.normals[i * 3 + 2]}).normalized();
                        m.normals[i * 3] = float(n.x), m.normals[i * 3 + 1] = float(n.y), m.normals[i * 3 + 2] = float(n.z);
                    }
                }
                m.uvs = std::move(d.uvs);
                m.colors = std::move(d.colors);
                m.indices = std::move(d.indices);
                m.triangleFeatures = std::move(d.features);
            }
            m.imageIndex = d.imageIndex;
            std::copy(d.color, d.color + 4, m.color);
            m.lit = d.lit;
            if (m.lit)
                m.repairNormals();
            m.computeBounds();
            c.meshes.push_back(std::move(m));
        }
        // the content may reach beyond its tile's volume: the sphere covers it too
        for (const MeshData &m : c.meshes)
            for (int k = 0; k < 8; ++k)
                radius = std::max(radius, Vec3d((k & 1) ? m.boundsMax[0] : m.boundsMin[0], (k & 2) ? m.boundsMax[1] : m.boundsMin[1],
                                                (k & 4) ? m.boundsMax[2] : m.boundsMin[2]).length());
    }
    if (c.featureNames.isEmpty() && !c.featureAttributes.empty())
        for (size_t i = 0; i < c.featureAttributes.size(); ++i)
            c.featureNames << QStringLiteral("feature %1").arg(i);

    // LOD: refine when the screen-space error exceeds maximumScreenSpaceError
    LodNode node;
    node.center = Vec3d();
    node.radius = radius;
    node.rangeMode = RangeMode::PixelSizeAtNearestPoint;
    const float kMax = std::numeric_limits<float>::max();
    float threshold = kMax;
    if (!rt.children.isEmpty() && rt.geometricError > 0)
        threshold = float(std::min(double(kMax), opt.maximumScreenSpaceError * 2.0 * radius / rt.geometricError));
    std::vector<int> own;
    for (size_t i = 0; i < c.meshes.size(); ++i)
        own.push_back(int(i));
    if (own.empty())
        threshold = 0.f; // nothing of its own to show: always descend to the first tiles with content
    if (!own.empty())
        node.ranges.push_back({0.f, (rt.add || rt.children.isEmpty()) ? kMax : threshold, own, {}});
    for (const QString &child : std::as_const(rt.children))
        node.ranges.push_back({threshold, kMax, {}, child});
    c.nodes.push_back(std::move(node));
    res.ok = true;
    return res;
}

void registerTiles3dReader()
{
    ReaderRegistry::instance().add(std::make_shared<Tiles3dReader>());
}

} // namespace liyuan::tiles3d
