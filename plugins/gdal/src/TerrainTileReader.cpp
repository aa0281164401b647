#include <liyuan/gdal/TerrainTileReader.h>

#include <QMutexLocker>
#include <QStringList>

#include <algorithm>
#include <cmath>
#include <limits>

namespace liyuan::gdal {
namespace {

struct TileKey
{
    QString id;
    int level = 0, x = 0, y = 0;
};

bool parseName(const QString &path, TileKey *key)
{
    if (!path.startsWith(QLatin1String(TerrainTileReader::kScheme)))
        return false;
    const QStringList parts = path.mid(int(qstrlen(TerrainTileReader::kScheme))).split(QLatin1Char('/'));
    if (parts.size() != 4)
        return false;
    bool a = false, b = false, c = false;
    key->id = parts[0];
    key->level = parts[1].toInt(&a);
    key->x = parts[2].toInt(&b);
    key->y = parts[3].toInt(&c);
    return a && b && c && key->level >= 0 && key->level <= 24 && key->x >= 0 && key->y >= 0
           && key->x < (1 << key->level) && key->y < (1 << key->level);
}

/** Square root box covering the extent; tile (l,x,y) counts x east and y north from its south-west corner. */
Box2d tileBox(const TerrainSource &s, int level, int x, int y)
{
    const double side = std::max(s.extent.width(), s.extent.height());
    const double size = side / double(1 << level);
    Box2d b;
    b.minX = s.extent.minX + x * size;
    b.minY = s.extent.minY + y * size;
    b.maxX = b.minX + size;
    b.maxY = b.minY + size;
    return b;
}

bool intersects(const Box2d &a, const Box2d &b)
{
    return a.minX < b.maxX && b.minX < a.maxX && a.minY < b.maxY && b.minY < a.maxY;
}

/** Elevation tint with a hillshade, for terrain without an image. */
void tint(float h, float shade, float lo, float hi, uchar *rgba)
{
    const float t = hi > lo ? std::clamp((h - lo) / (hi - lo), 0.f, 1.f) : 0.5f;
    // green lowlands → ochre → brown → light grey summits
    const float stops[4][3] = {{110, 150, 90}, {190, 180, 120}, {150, 115, 85}, {225, 225, 220}};
    const float f = t * 3.f;
    const int i = std::min(2, int(f));
    const float u = f - i;
    for (int k = 0; k < 3; ++k) {
        const float c = stops[i][k] * (1 - u) + stops[i + 1][k] * u;
        rgba[k] = uchar(std::clamp(c * shade, 0.f, 255.f));
    }
    rgba[3] = 255;
}

/** The tile's PagedLOD-style node: its own mesh up close to refinePixels, then its (up to four) children. */
LodNode lodNode(const TerrainSource &s, const TileKey &key, const Box2d &box, double halfHeight, bool hasMesh)
{
    LodNode node;
    const double half = box.width() / 2;
    node.center = Vec3d(0, 0, 0);
    node.radius = std::sqrt(2 * half * half + halfHeight * halfHeight);
    node.rangeMode = RangeMode::PixelSizeOnScreen;
    LodRange own;
    own.min = 0;
    own.max = key.level < s.maxLevel ? s.refinePixels : std::numeric_limits<float>::max();
    if (hasMesh)
        own.meshes = {0};
    node.ranges.push_back(own);
    if (key.level < s.maxLevel) {
        for (int dy = 0; dy < 2; ++dy)
            for (int dx = 0; dx < 2; ++dx) {
                const int cx = key.x * 2 + dx, cy = key.y * 2 + dy;
                if (!intersects(tileBox(s, key.level + 1, cx, cy), s.extent))
                    continue;
                LodRange r;
                r.min = s.refinePixels;
                r.max = std::numeric_limits<float>::max();
                r.childFile = TerrainTileReader::tileName(s.id, key.level + 1, cx, cy);
                node.ranges.push_back(r);
            }
    }
    return node;
}

/**
 * Imagery with no terrain under it: a flat textured plane cut to the image — the part of
 * the tile inside the layer's extent, triangles only where the image has data (alpha),
 * and no skirts (a plane has no cracks between levels to hide; skirts on it are walls of
 * stretched edge pixels).
 */
bool buildPlane(const TerrainSource &s, const Box2d &box, const QString &path, TileContent &c, QString *error)
{
    const Vec3d origin = s.frame.origin();
    const int ts = std::clamp(s.textureSize, 8, 2048);
    RasterImage drape;
    if (s.drape) {
        const Box2d req{box.minX + origin.x, box.minY + origin.y, box.maxX + origin.x, box.maxY + origin.y};
        if (!s.drape->readImage(s.frame.crs(), req, ts, ts, &drape, error)) {
            *error = QStringLiteral("%1: %2").arg(path, *error);
            return false;
        }
    }
    const Box2d cut{std::max(box.minX, s.extent.minX), std::max(box.minY, s.extent.minY),
                    std::min(box.maxX, s.extent.maxX), std::min(box.maxY, s.extent.maxY)};
    c.origin = Vec3d(0.5 * (box.minX + box.maxX), 0.5 * (box.minY + box.maxY), s.planeHeight);
    if (!cut.isValid())
        return true; // the tile lies outside the image
    const auto *px = reinterpret_cast<const uchar *>(drape.rgba.constData());
    const bool haveDrape = drape.rgba.size() == qsizetype(ts) * ts * 4;
    // a vertex is on the image when a texel within one texel of it has data
    auto onImage = [&](double x, double y) {
        if (!haveDrape)
            return true;
        const int cx = int(std::floor((x - box.minX) / box.width() * ts));
        const int cy = int(std::floor((box.maxY - y) / box.height() * ts)); // drape rows: top first
        for (int yy = std::max(0, cy - 1); yy <= std::min(ts - 1, cy + 1); ++yy)
            for (int xx = std::max(0, cx - 1); xx <= std::min(ts - 1, cx + 1); ++xx)
                if (px[(size_t(yy) * ts + xx) * 4 + 3] > 0)
                    return true;
        return false;
    };
    const int n = 17;
    MeshData mesh;
    std::vector<char> valid(size_t(n) * n);
    for (int j = 0; j < n; ++j) {
        const double y = cut.minY + cut.height() * j / (n - 1);
        for (int i = 0; i < n; ++i) {
            const double x = cut.minX + cut.width() * i / (n - 1);
            valid[size_t(j) * n + i] = onImage(x, y);
            mesh.positions.push_back(float(x - c.origin.x));
            mesh.positions.push_back(float(y - c.origin.y));
            mesh.positions.push_back(0.f);
            mesh.uvs.push_back(float((x - box.minX) / box.width()));
            mesh.uvs.push_back(float((y - box.minY) / box.height())); // ImageData rows: bottom first
        }
    }
    auto idx = [&](int i, int j) { return uint32_t(j * n + i); };
    auto ok = [&](int i, int j) { return valid[size_t(j) * n + i] != 0; };
    for (int j = 0; j + 1 < n; ++j)
        for (int i = 0; i + 1 < n; ++i) {
            // counter-clockwise seen from above (j grows north here)
            if (ok(i, j) && ok(i + 1, j) && ok(i + 1, j + 1))
                mesh.indices.insert(mesh.indices.end(), {idx(i, j), idx(i + 1, j), idx(i + 1, j + 1)});
            if (ok(i, j) && ok(i + 1, j + 1) && ok(i, j + 1))
                mesh.indices.insert(mesh.indices.end(), {idx(i, j), idx(i + 1, j + 1), idx(i, j + 1)});
        }
    if (mesh.indices.empty())
        return true;
    mesh.computeBounds();
    ImageData img;
    img.width = img.height = ts;
    img.rgba.resize(qsizetype(ts) * ts * 4);
    uchar *dst = reinterpret_cast<uchar *>(img.rgba.data());
    for (int py = 0; py < ts; ++py) { // ImageData rows: bottom first
        for (int x = 0; x < ts; ++x) {
            uchar *o = dst + (size_t(py) * ts + x) * 4;
            if (haveDrape) {
                const uchar *in = px + (size_t(ts - 1 - py) * ts + x) * 4;
                o[0] = in[0];
                o[1] = in[1];
                o[2] = in[2];
            } else {
                o[0] = o[1] = o[2] = 200;
            }
            o[3] = 255;
        }
    }
    c.images.push_back(std::move(img));
    mesh.imageIndex = 0;
    c.meshes.push_back(std::move(mesh));
    return true;
}

} // namespace

std::shared_ptr<TerrainTileReader> TerrainTileReader::instance()
{
    static std::shared_ptr<TerrainTileReader> reader = [] {
        auto r = std::make_shared<TerrainTileReader>();
        ReaderRegistry::instance().add(r);
        return r;
    }();
    return reader;
}

QString TerrainTileReader::tileName(const QString &id, int level, int x, int y)
{
    return QStringLiteral("%1%2/%3/%4/%5").arg(QLatin1String(kScheme), id).arg(level).arg(x).arg(y);
}

QString TerrainTileReader::addSource(const TerrainSource &source)
{
    QMutexLocker lock(&m_mutex);
    m_sources.insert(source.id, std::make_shared<const TerrainSource>(source));
    return tileName(source.id, 0, 0, 0);
}

void TerrainTileReader::removeSource(const QString &id)
{
    QMutexLocker lock(&m_mutex);
    m_sources.remove(id);
}

std::optional<TerrainSource> TerrainTileReader::source(const QString &id) const
{
    QMutexLocker lock(&m_mutex);
    auto s = m_sources.value(id);
    if (!s)
        return std::nullopt;
    return *s;
}

bool TerrainTileReader::identify(const QString &path) const
{
    TileKey k;
    return parseName(path, &k);
}

TileReadResult TerrainTileReader::read(const QString &path) const
{
    TileReadResult result;
    TileKey key;
    if (!parseName(path, &key)) {
        result.error = QStringLiteral("%1: not a terrain tile name").arg(path);
        return result;
    }
    std::shared_ptr<const TerrainSource> src;
    {
        QMutexLocker lock(&m_mutex);
        src = m_sources.value(key.id);
    }
    if (!src) {
        result.error = QStringLiteral("%1: the terrain layer was removed").arg(path);
        return result;
    }
    const TerrainSource &s = *src;
    const Box2d box = tileBox(s, key.level, key.x, key.y);
    if (!s.dem) {
        TileContent &c = result.content;
        c.sourceFile = path;
        QString error;
        if (!buildPlane(s, box, path, c, &error)) {
            result.error = error;
            return result;
        }
        c.nodes.push_back(lodNode(s, key, box, 0.0, !c.meshes.empty()));
        result.ok = true;
        return result;
    }
    const int n = std::clamp(s.gridSize, 3, 257);
    const double cell = box.width() / (n - 1);
    const Vec3d origin = s.frame.origin();

    // heights at the vertices (samples at cell centres of a grid grown by half a cell)
    std::vector<float> h(size_t(n) * n, float(s.planeHeight));
    if (s.dem) {
        HeightGrid grid;
        Box2d req{box.minX - cell / 2 + origin.x, box.minY - cell / 2 + origin.y, box.maxX + cell / 2 + origin.x,
                  box.maxY + cell / 2 + origin.y};
        QString error;
        if (!s.dem->readHeights(s.frame.crs(), req, n, n, &grid, &error)) {
            result.error = QStringLiteral("%1: %2").arg(path, error);
            return result;
        }
        for (size_t i = 0; i < h.size(); ++i)
            h[i] = std::isnan(grid.heights[i]) ? NAN : float(grid.heights[i] - origin.z + s.verticalOffset);
    }

    float lo = INFINITY, hi = -INFINITY;
    for (float v : h)
        if (!std::isnan(v)) {
            lo = std::min(lo, v);
            hi = std::max(hi, v);
        }
    TileContent &c = result.content;
    c.sourceFile = path;
    const double midZ = std::isfinite(lo) ? 0.5 * (lo + hi) : s.planeHeight;
    c.origin = Vec3d(0.5 * (box.minX + box.maxX), 0.5 * (box.minY + box.maxY), midZ);

    MeshData mesh;
    if (std::isfinite(lo)) {
        const double skirt = std::max(2.0, cell * 1.5);
        mesh.positions.reserve(size_t(n) * n * 3 + size_t(4 * n) * 3);
        mesh.uvs.reserve(size_t(n) * n * 2 + size_t(4 * n) * 2);
        for (int j = 0; j < n; ++j) {     // j = 0 is the north edge
            for (int i = 0; i < n; ++i) {
                const float z = h[size_t(j) * n + i];
                mesh.positions.push_back(float(box.minX + i * cell - c.origin.x));
                mesh.positions.push_back(float(box.maxY - j * cell - c.origin.y));
                mesh.positions.push_back(std::isnan(z) ? 0.f : float(z - c.origin.z));
                mesh.uvs.push_back(float(i) / (n - 1));
                mesh.uvs.push_back(1.f - float(j) / (n - 1));
            }
        }
        auto valid = [&](int i, int j) { return !std::isnan(h[size_t(j) * n + i]); };
        auto idx = [&](int i, int j) { return uint32_t(j * n + i); };
        for (int j = 0; j + 1 < n; ++j) {
            for (int i = 0; i + 1 < n; ++i) {
                // counter-clockwise seen from above (z up)
                if (valid(i, j) && valid(i, j + 1) && valid(i + 1, j + 1))
                    mesh.indices.insert(mesh.indices.end(), {idx(i, j), idx(i, j + 1), idx(i + 1, j + 1)});
                if (valid(i, j) && valid(i + 1, j + 1) && valid(i + 1, j))
                    mesh.indices.insert(mesh.indices.end(), {idx(i, j), idx(i + 1, j + 1), idx(i + 1, j)});
            }
        }
        // skirts: a strip hanging below every edge hides cracks between levels
        auto addSkirt = [&](int i0, int j0, int i1, int j1) {
            if (!valid(i0, j0) || !valid(i1, j1))
                return;
            const uint32_t a = idx(i0, j0), b = idx(i1, j1);
            const uint32_t base = uint32_t(mesh.positions.size() / 3);
            for (uint32_t v : {a, b}) {
                mesh.positions.push_back(mesh.positions[v * 3]);
                mesh.positions.push_back(mesh.positions[v * 3 + 1]);
                mesh.positions.push_back(float(mesh.positions[v * 3 + 2] - skirt));
                mesh.uvs.push_back(mesh.uvs[v * 2]);
                mesh.uvs.push_back(mesh.uvs[v * 2 + 1]);
            }
            mesh.indices.insert(mesh.indices.end(), {a, base, base + 1, a, base + 1, b});
        };
        for (int k = 0; k + 1 < n; ++k) {
            addSkirt(k, 0, k + 1, 0);
            addSkirt(k, n - 1, k + 1, n - 1);
            addSkirt(0, k, 0, k + 1);
            addSkirt(n - 1, k, n - 1, k + 1);
        }
        mesh.computeBounds();

        // texture: the draped image, or an elevation tint with hillshade
        const int ts = std::clamp(s.textureSize, 8, 2048);
        ImageData img;
        img.width = img.height = ts;
        img.rgba.resize(qsizetype(ts) * ts * 4);
        uchar *dst = reinterpret_cast<uchar *>(img.rgba.data());
        RasterImage drape;
        bool haveDrape = false;
        if (s.drape) {
            QString error;
            const Box2d req{box.minX + origin.x, box.minY + origin.y, box.maxX + origin.x, box.maxY + origin.y};
            haveDrape = s.drape->readImage(s.frame.crs(), req, ts, ts, &drape, &error);
            if (!haveDrape) {
                result.error = QStringLiteral("%1: %2").arg(path, error);
                return result;
            }
        }
        const float globalLo = lo, globalHi = hi + 1.f;
        for (int py = 0; py < ts; ++py) {          // ImageData rows: bottom (south) first
            const double fy = (1.0 - (py + 0.5) / ts) * (n - 1); // vertex row (north = 0)
            for (int px = 0; px < ts; ++px) {
                uchar *o = dst + (size_t(py) * ts + px) * 4;
                if (haveDrape) {
                    const uchar *in = reinterpret_cast<const uchar *>(drape.rgba.constData())
                                      + (size_t(ts - 1 - py) * ts + px) * 4; // drape rows: top first
                    if (in[3] > 0) {
                        o[0] = in[0]; o[1] = in[1]; o[2] = in[2]; o[3] = 255;
                        continue;
                    }
                }
                const double fx = (px + 0.5) / ts * (n - 1);
                const int i = std::min(n - 2, int(fx)), j = std::min(n - 2, int(fy));
                auto at = [&](int ii, int jj) {
                    const float v = h[size_t(jj) * n + ii];
                    return std::isnan(v) ? float(midZ) : v;
                };
                const float u = float(fx - i), w = float(fy - j);
                const float z = at(i, j) * (1 - u) * (1 - w) + at(i + 1, j) * u * (1 - w) + at(i, j + 1) * (1 - u) * w
                                + at(i + 1, j + 1) * u * w;
                const float dzdx = (at(i + 1, j) - at(i, j) + at(i + 1, j + 1) - at(i, j + 1)) / float(2 * cell);
                const float dzdy = (at(i, j) - at(i, j + 1) + at(i + 1, j) - at(i + 1, j + 1)) / float(2 * cell);
                // light from the north-west, 45° up
                const float nx = -dzdx, ny = -dzdy, nz = 1.f;
                const float len = std::sqrt(nx * nx + ny * ny + nz * nz);
                const float shade = 0.55f + 0.6f * std::max(0.f, (-0.5f * nx + 0.5f * ny + 0.7071f * nz) / len);
                tint(z, shade, globalLo, globalHi, o);
            }
        }
        c.images.push_back(std::move(img));
        mesh.imageIndex = 0;
        c.meshes.push_back(std::move(mesh));
    }

    c.nodes.push_back(lodNode(s, key, box, std::isfinite(lo) ? (hi - lo) / 2 : 0.0, !c.meshes.empty()));
    result.ok = true;
    return result;
}

} // namespace liyuan::gdal
