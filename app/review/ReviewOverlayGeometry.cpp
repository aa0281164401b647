#include "ReviewOverlayGeometry.h"

#include <algorithm>
#include <limits>

namespace liyuan {

ReviewOverlayGeometry::ReviewOverlayGeometry(Mode mode, QObject *parent)
    : QQuick3DGeometry(), m_mode(mode)
{
    setParent(parent);
    commit();
}

void ReviewOverlayGeometry::clear()
{
    m_vertices.clear();
}

void ReviewOverlayGeometry::addVertex(const Vec3d &p, const QColor &color)
{
    m_vertices.insert(m_vertices.end(), {float(p.x), float(p.y), float(p.z), float(color.redF()), float(color.greenF()),
                                         float(color.blueF()), float(color.alphaF())});
}

void ReviewOverlayGeometry::addSegment(const Vec3d &a, const Vec3d &b, const QColor &color)
{
    if (m_mode != Mode::Lines)
        return;
    addVertex(a, color);
    addVertex(b, color);
}

void ReviewOverlayGeometry::addCross(const Vec3d &p, double size, const QColor &color)
{
    const double h = size / 2;
    addSegment(p - Vec3d(h, 0, 0), p + Vec3d(h, 0, 0), color);
    addSegment(p - Vec3d(0, h, 0), p + Vec3d(0, h, 0), color);
    addSegment(p - Vec3d(0, 0, h), p + Vec3d(0, 0, h), color);
}

void ReviewOverlayGeometry::addBoxEdges(const Vec3d &mn, const Vec3d &mx, const QColor &color)
{
    const Vec3d c[8] = {{mn.x, mn.y, mn.z}, {mx.x, mn.y, mn.z}, {mx.x, mx.y, mn.z}, {mn.x, mx.y, mn.z},
                        {mn.x, mn.y, mx.z}, {mx.x, mn.y, mx.z}, {mx.x, mx.y, mx.z}, {mn.x, mx.y, mx.z}};
    for (int i = 0; i < 4; ++i) {
        addSegment(c[i], c[(i + 1) % 4], color);
        addSegment(c[4 + i], c[4 + (i + 1) % 4], color);
        addSegment(c[i], c[4 + i], color);
    }
}

void ReviewOverlayGeometry::addTriangle(const Vec3d &a, const Vec3d &b, const Vec3d &c, const QColor &color)
{
    if (m_mode != Mode::Triangles)
        return;
    addVertex(a, color);
    addVertex(b, color);
    addVertex(c, color);
}

void ReviewOverlayGeometry::addBox(const Vec3d &mn, const Vec3d &mx, const QColor &color)
{
    const Vec3d c[8] = {{mn.x, mn.y, mn.z}, {mx.x, mn.y, mn.z}, {mx.x, mx.y, mn.z}, {mn.x, mx.y, mn.z},
                        {mn.x, mn.y, mx.z}, {mx.x, mn.y, mx.z}, {mx.x, mx.y, mx.z}, {mn.x, mx.y, mx.z}};
    static const int faces[6][4] = {{0, 3, 2, 1}, {4, 5, 6, 7}, {0, 1, 5, 4}, {1, 2, 6, 5}, {2, 3, 7, 6}, {3, 0, 4, 7}};
    for (const auto &f : faces) {
        addTriangle(c[f[0]], c[f[1]], c[f[2]], color);
        addTriangle(c[f[0]], c[f[2]], c[f[3]], color);
    }
}

void ReviewOverlayGeometry::addPrismEdges(const std::vector<Vec3d> &ring, double zLo, double zHi, const QColor &color)
{
    for (size_t i = 0; i < ring.size(); ++i) {
        const Vec3d &a = ring[i], &b = ring[(i + 1) % ring.size()];
        addSegment(Vec3d(a.x, a.y, zLo), Vec3d(b.x, b.y, zLo), color);
        addSegment(Vec3d(a.x, a.y, zHi), Vec3d(b.x, b.y, zHi), color);
        addSegment(Vec3d(a.x, a.y, zLo), Vec3d(a.x, a.y, zHi), color);
    }
}

void ReviewOverlayGeometry::addPrism(const std::vector<Vec3d> &ring, double zLo, double zHi, const QColor &color)
{
    const size_t n = ring.size();
    if (n < 3)
        return;
    auto lo = [&](size_t i) { return Vec3d(ring[i % n].x, ring[i % n].y, zLo); };
    auto hi = [&](size_t i) { return Vec3d(ring[i % n].x, ring[i % n].y, zHi); };
    for (size_t i = 1; i + 1 < n; ++i) {
        addTriangle(lo(0), lo(i + 1), lo(i), color); // bottom, facing down
        addTriangle(hi(0), hi(i), hi(i + 1), color); // top, facing up
    }
    for (size_t i = 0; i < n; ++i) {
        addTriangle(lo(i), lo(i + 1), hi(i + 1), color);
        addTriangle(lo(i), hi(i + 1), hi(i), color);
    }
}

void ReviewOverlayGeometry::commit()
{
    QQuick3DGeometry::clear();
    setPrimitiveType(m_mode == Mode::Lines ? PrimitiveType::Lines : PrimitiveType::Triangles);
    setStride(kFloatsPerVertex * int(sizeof(float)));
    addAttribute(Attribute::PositionSemantic, 0, Attribute::F32Type);
    addAttribute(Attribute::ColorSemantic, 3 * int(sizeof(float)), Attribute::F32Type);
    QVector3D mn(0, 0, 0), mx(0, 0, 0);
    if (!m_vertices.empty()) {
        const float inf = std::numeric_limits<float>::max();
        mn = QVector3D(inf, inf, inf);
        mx = -mn;
        for (size_t i = 0; i + 2 < m_vertices.size(); i += kFloatsPerVertex)
            for (int k = 0; k < 3; ++k) {
                mn[k] = std::min(mn[k], m_vertices[i + size_t(k)]);
                mx[k] = std::max(mx[k], m_vertices[i + size_t(k)]);
            }
    }
    setBounds(mn, mx);
    setVertexData(QByteArray(reinterpret_cast<const char *>(m_vertices.data()),
                             qsizetype(m_vertices.size() * sizeof(float))));
    update();
    emit changed();
}

} // namespace liyuan
