#include "CityTileBuilder.h"

#include <QImage>
#include <QPainter>

#include <algorithm>
#include <cmath>

namespace liyuan::demo {
namespace {

struct Mapper
{
    QRectF rect;   ///< area shown in the top view
    int size = 128;
    double topRows() const { return size * 0.75; }
    /** Pixel (QImage, row 0 = north) of city point. */
    QPointF pixel(double x, double y) const
    {
        return QPointF((x - rect.left()) / rect.width() * size, (rect.bottom() - y) / rect.height() * topRows());
    }
    /** Texture coordinate (v = 0 at the image's last QImage row: ImageData is bottom row first). */
    void uv(double x, double y, std::vector<float> &out) const
    {
        const double u = std::clamp((x - rect.left()) / rect.width(), 0.002, 0.998);
        const double t = std::clamp((y - rect.top()) / rect.height(), 0.002, 0.998);
        out.push_back(float(u));
        out.push_back(float(0.25 + 0.75 * t));
    }
};

uint32_t mixHash(uint32_t h)
{
    h ^= h >> 16;
    h *= 0x7FEB352Du;
    h ^= h >> 15;
    h *= 0x846CA68Bu;
    h ^= h >> 16;
    return h;
}

QImage paintAtlas(const CityModel &city, const Mapper &m, const std::vector<CityBuilding> &blds, uint32_t noiseSeed)
{
    const int T = m.size;
    QImage img(T, T, QImage::Format_RGBA8888);
    img.fill(QColor(88, 89, 92)); // streets
    QPainter p(&img);
    p.setPen(Qt::NoPen);
    p.setClipRect(QRectF(0, 0, T, m.topRows()));
    // blocks: pavement or park
    const double B = CityModel::kBlock, h = CityModel::kStreet / 2;
    const int bx0 = int(std::floor(m.rect.left() / B)), bx1 = int(std::floor(m.rect.right() / B));
    const int by0 = int(std::floor(m.rect.top() / B)), by1 = int(std::floor(m.rect.bottom() / B));
    for (int by = by0; by <= by1; ++by) {
        for (int bx = bx0; bx <= bx1; ++bx) {
            const QPointF a = m.pixel(bx * B + h, (by + 1) * B - h), b = m.pixel((bx + 1) * B - h, by * B + h);
            const bool park = city.isPark(bx, by);
            p.setBrush(park ? QColor(78, 118, 62) : QColor(150, 146, 136));
            p.drawRect(QRectF(a, b));
            if (park) { // a pond or a lawn pattern
                p.setBrush(QColor(70, 102, 128));
                const QPointF c = m.pixel((bx + 0.5) * B, (by + 0.5) * B);
                const double r = 0.15 * B / m.rect.width() * T;
                p.drawEllipse(c, r, r * 0.75);
            }
        }
    }
    // roofs: shaded by the sun from the south-west
    for (const CityBuilding &bd : blds) {
        const QPointF a = m.pixel(bd.x0, bd.y1), b = m.pixel(bd.x1, bd.y0);
        const QColor roof = QColor::fromRgb(bd.roof);
        // shadow to the north-east
        const double sh = std::min(bd.height * 0.35, 20.0) / m.rect.width() * T;
        p.setBrush(QColor(40, 40, 44, 120));
        p.drawRect(QRectF(a, b).translated(sh, -sh));
        p.setBrush(roof);
        p.drawRect(QRectF(a, b));
        if (bd.hip) { // the ridge
            p.setBrush(roof.darker(125));
            const QRectF r(a, b);
            if (r.width() >= r.height())
                p.drawRect(QRectF(r.left(), r.center().y(), r.width(), r.height() / 2));
            else
                p.drawRect(QRectF(r.center().x(), r.top(), r.width() / 2, r.height()));
        }
    }
    // facades: four variants in the bottom quarter, windows per floor
    p.setClipping(false);
    static const QColor walls[4] = {QColor(196, 186, 166), QColor(170, 172, 178), QColor(184, 140, 112), QColor(212, 208, 196)};
    const int c = T / 4;
    for (int k = 0; k < 4; ++k) {
        const QRect cell(k * c, T - c, c, c);
        p.setBrush(walls[k]);
        p.drawRect(cell);
        p.setBrush(k % 2 ? QColor(52, 70, 86) : QColor(64, 76, 84));
        const int cols = 4, rows = 6;
        for (int r = 0; r < rows; ++r)
            for (int q = 0; q < cols; ++q)
                p.drawRect(QRectF(cell.left() + (q + 0.25) * c / double(cols), cell.top() + (r + 0.3) * c / double(rows),
                                  0.5 * c / cols, 0.45 * c / rows));
    }
    p.end();
    // grain: photographs are never flat (and JPEG sizes then look like real productions)
    for (int y = 0; y < T; ++y) {
        uchar *row = img.scanLine(y);
        for (int x = 0; x < T; ++x) {
            const int n = int(mixHash(noiseSeed ^ uint32_t(y * 4099 + x)) % 21u) - 10;
            for (int ch = 0; ch < 3; ++ch)
                row[x * 4 + ch] = uchar(std::clamp(row[x * 4 + ch] + n, 0, 255));
        }
    }
    return img;
}

ImageData toImageData(const QImage &img)
{
    const QImage flipped = img.mirrored(false, true); // bottom row first
    ImageData d;
    d.width = flipped.width();
    d.height = flipped.height();
    d.rgba.resize(qsizetype(d.width) * d.height * 4);
    for (int y = 0; y < d.height; ++y)
        std::memcpy(d.rgba.data() + qsizetype(y) * d.width * 4, flipped.constScanLine(y), size_t(d.width) * 4);
    return d;
}

struct MeshBuilder
{
    MeshData mesh;
    Vec3d origin;
    uint32_t vertex(double x, double y, double z)
    {
        mesh.positions.push_back(float(x - origin.x));
        mesh.positions.push_back(float(y - origin.y));
        mesh.positions.push_back(float(z - origin.z));
        return uint32_t(mesh.positions.size() / 3 - 1);
    }
    void tri(uint32_t a, uint32_t b, uint32_t c) { mesh.indices.insert(mesh.indices.end(), {a, b, c}); }
};

} // namespace

TileContent buildCityFile(const CityModel &city, const CityNodeSpec &spec)
{
    TileContent content;
    const QPointF c = spec.rect.center();
    content.origin = Vec3d(c.x(), c.y(), 0);
    const int S = spec.splitLevels;
    const bool fine = spec.depth >= S || spec.depth == spec.levels - 1;
    const int refine = std::max(0, spec.depth - S + 1); // levels refining the same area
    const int grid = std::min(8 << std::min(refine, 2), 32);
    Mapper mapper{spec.rect, fine ? 256 : 128};

    std::vector<CityBuilding> all = city.buildings(spec.rect);
    std::vector<CityBuilding> shown;
    for (const CityBuilding &b : all)
        if (spec.depth >= 1 || b.height >= 25.0)
            shown.push_back(b);
    const uint32_t noiseSeed = uint32_t(city.seed() * 2654435761u) ^ uint32_t(spec.depth * 7919)
                               ^ uint32_t(std::lround(spec.rect.left())) * 31u ^ uint32_t(std::lround(spec.rect.top())) * 131u;
    content.images.push_back(toImageData(paintAtlas(city, mapper, shown, noiseSeed)));

    for (size_t pi = 0; pi < spec.pieces.size(); ++pi) {
        const QRectF &r = spec.pieces[pi];
        MeshBuilder mb;
        mb.origin = content.origin;
        std::vector<float> &uvs = mb.mesh.uvs;
        double zmin = 1e30, zmax = -1e30;
        // terrain
        for (int j = 0; j <= grid; ++j) {
            for (int i = 0; i <= grid; ++i) {
                const double x = r.left() + r.width() * i / grid, y = r.top() + r.height() * j / grid;
                const double z = city.terrain(x, y);
                zmin = std::min(zmin, z);
                zmax = std::max(zmax, z);
                mb.vertex(x, y, z);
                mapper.uv(x, y, uvs);
            }
        }
        for (int j = 0; j < grid; ++j)
            for (int i = 0; i < grid; ++i) {
                const uint32_t a = uint32_t(j * (grid + 1) + i), b = a + 1, d = a + uint32_t(grid + 1), e = d + 1;
                mb.tri(a, b, e);
                mb.tri(a, e, d);
            }
        // buildings whose centre lies in the piece
        for (const CityBuilding &bd : shown) {
            if (!(bd.centerX() >= r.left() && bd.centerX() < r.right() && bd.centerY() >= r.top() && bd.centerY() < r.bottom()))
                continue;
            const double z0 = bd.base, z1 = bd.base + bd.height;
            const double fx[5] = {bd.x0, bd.x1, bd.x1, bd.x0, bd.x0}, fy[5] = {bd.y0, bd.y0, bd.y1, bd.y1, bd.y0};
            for (int k = 0; k < 4; ++k) { // walls, counter-clockwise seen from outside
                const double u0 = (bd.facade + 0.03) / 4.0, u1 = (bd.facade + 0.97) / 4.0;
                const float vTop = float(0.005 + 0.24 * std::min(1.0, bd.height / 20.0));
                const uint32_t a = mb.vertex(fx[k], fy[k], z0), b = mb.vertex(fx[k + 1], fy[k + 1], z0),
                               t1 = mb.vertex(fx[k + 1], fy[k + 1], z1), t0 = mb.vertex(fx[k], fy[k], z1);
                uvs.insert(uvs.end(), {float(u0), 0.005f, float(u1), 0.005f, float(u1), vTop, float(u0), vTop});
                mb.tri(a, b, t1);
                mb.tri(a, t1, t0);
            }
            auto roofFace = [&](std::initializer_list<Vec3d> pts) {
                std::vector<uint32_t> idx;
                for (const Vec3d &q : pts) {
                    idx.push_back(mb.vertex(q.x, q.y, q.z));
                    mapper.uv(q.x, q.y, uvs);
                }
                for (size_t k = 1; k + 1 < idx.size(); ++k)
                    mb.tri(idx[0], idx[k], idx[k + 1]);
            };
            const double x0 = bd.x0, x1 = bd.x1, y0 = bd.y0, y1 = bd.y1;
            if (bd.hip && fine) {
                const double zR = bd.top();
                if (x1 - x0 >= y1 - y0) {
                    const double D = y1 - y0, cy = (y0 + y1) / 2, ra = x0 + D / 2, rb = x1 - D / 2;
                    roofFace({{x0, y0, z1}, {x1, y0, z1}, {rb, cy, zR}, {ra, cy, zR}});
                    roofFace({{x1, y1, z1}, {x0, y1, z1}, {ra, cy, zR}, {rb, cy, zR}});
                    roofFace({{x1, y0, z1}, {x1, y1, z1}, {rb, cy, zR}});
                    roofFace({{x0, y1, z1}, {x0, y0, z1}, {ra, cy, zR}});
                } else {
                    const double D = x1 - x0, cx = (x0 + x1) / 2, ra = y0 + D / 2, rb = y1 - D / 2;
                    roofFace({{x1, y0, z1}, {x1, y1, z1}, {cx, rb, zR}, {cx, ra, zR}});
                    roofFace({{x0, y1, z1}, {x0, y0, z1}, {cx, ra, zR}, {cx, rb, zR}});
                    roofFace({{x0, y0, z1}, {x1, y0, z1}, {cx, ra, zR}});
                    roofFace({{x1, y1, z1}, {x0, y1, z1}, {cx, rb, zR}});
                }
            } else {
                roofFace({{x0, y0, z1}, {x1, y0, z1}, {x1, y1, z1}, {x0, y1, z1}});
            }
        }
        // bounds: every building of the piece, shown or not (children stay inside their parent's sphere)
        for (const CityBuilding &bd : all)
            if (bd.centerX() >= r.left() && bd.centerX() < r.right() && bd.centerY() >= r.top() && bd.centerY() < r.bottom()) {
                zmax = std::max(zmax, bd.top());
                zmin = std::min(zmin, bd.base);
            }
        mb.mesh.imageIndex = 0;
        mb.mesh.computeBounds();
        content.meshes.push_back(std::move(mb.mesh));
        if (spec.childFiles.isEmpty())
            continue;
        // a PagedLOD: this piece until it is switchPx wide on screen, then the child file
        LodNode node;
        // footprints may overhang the piece by up to half a block: the sphere covers that
        const double margin = std::min(CityModel::kBlock / 2, std::max(r.width(), r.height()));
        const QRectF box = r.adjusted(-margin, -margin, margin, margin);
        node.center = Vec3d(box.center().x(), box.center().y(), (zmin + zmax) / 2) - content.origin;
        node.radius = 0.5 * std::sqrt(box.width() * box.width() + box.height() * box.height() + (zmax - zmin) * (zmax - zmin));
        node.rangeMode = RangeMode::PixelSizeOnScreen;
        LodRange own;
        own.min = 0;
        own.max = spec.switchPx;
        own.meshes = {int(content.meshes.size() - 1)};
        LodRange child;
        child.min = spec.switchPx;
        child.max = 1e30f;
        child.childFile = spec.childFiles.value(int(pi));
        node.ranges = {own, child};
        content.nodes.push_back(node);
    }
    return content;
}

} // namespace liyuan::demo
