#include <liyuan/scene/DepthRaster.h>

#include <algorithm>
#include <cmath>

namespace liyuan {

DepthRaster::DepthRaster(int width, int height)
    : m_width(std::max(1, width)), m_height(std::max(1, height)), m_depth(size_t(m_width) * size_t(m_height), empty())
{
}

bool DepthRaster::mayBeSeen(const CameraPose &pose, const DatasetTransform &transform, const Vec3d &bmin, const Vec3d &bmax)
{
    const Vec3d centre = transform.toScene((bmin + bmax) * 0.5);
    const double radius = (bmax - bmin).length() * 0.5 * transform.scale;
    const Vec3d c = pose.toCamera(centre);
    if (c.z + radius < pose.nearM || c.z - radius > pose.farM)
        return false;
    // the four side planes of the pyramid, normals pointing inwards (camera coordinates)
    const double th = pose.tanHalfH(), tv = pose.tanHalfV();
    const double nh = 1.0 / std::sqrt(1.0 + th * th), nv = 1.0 / std::sqrt(1.0 + tv * tv);
    const double side[4] = {(c.z * th - c.x) * nh, (c.z * th + c.x) * nh, (c.z * tv - c.y) * nv, (c.z * tv + c.y) * nv};
    for (double d : side)
        if (d < -radius)
            return false;
    return true;
}

void DepthRaster::render(const CameraPose &pose, const std::vector<Item> &items)
{
    std::fill(m_depth.begin(), m_depth.end(), empty());
    m_triangles = 0;
    if (m_depth.empty())
        return;
    m_fx = 0.5 * m_width / pose.tanHalfH();
    m_fy = 0.5 * m_height / pose.tanHalfV();
    m_near = std::max(1e-3, pose.nearM);
    const Vec3d r = pose.right(), u = pose.up(), f = pose.forward();
    for (const Item &item : items) {
        if (!item.content || item.mesh < 0 || size_t(item.mesh) >= item.content->meshes.size())
            continue;
        const MeshData &m = item.content->meshes[size_t(item.mesh)];
        const DatasetTransform &xf = item.transform;
        // mesh frame → camera coordinates, one affine map: cam = A·p + b
        const Vec3d b0 = xf.toScene(item.content->origin) - pose.position;
        const Vec3d ex = xf.rotateScale({1, 0, 0}), ey = xf.rotateScale({0, 1, 0}), ez = xf.rotateScale({0, 0, 1});
        const double A[9] = {r.dot(ex), r.dot(ey), r.dot(ez), u.dot(ex), u.dot(ey), u.dot(ez), f.dot(ex), f.dot(ey), f.dot(ez)};
        const double B[3] = {r.dot(b0), u.dot(b0), f.dot(b0)};
        const size_t nv = m.positions.size() / 3;
        std::vector<double> cam(nv * 3);
        for (size_t v = 0; v < nv; ++v) {
            const float *p = m.positions.data() + 3 * v;
            for (int k = 0; k < 3; ++k)
                cam[3 * v + k] = A[3 * k] * p[0] + A[3 * k + 1] * p[1] + A[3 * k + 2] * p[2] + B[k];
        }
        for (size_t i = 0; i + 2 < m.indices.size(); i += 3) {
            const uint32_t ia = m.indices[i], ib = m.indices[i + 1], ic = m.indices[i + 2];
            if (ia >= nv || ib >= nv || ic >= nv)
                continue;
            drawTriangle(&cam[3 * ia], &cam[3 * ib], &cam[3 * ic]);
        }
    }
}

void DepthRaster::drawTriangle(const double *a, const double *b, const double *c)
{
    // clip against the near plane (Sutherland–Hodgman: at most 4 vertices)
    double poly[4][3];
    int n = 0;
    const double *in[3] = {a, b, c};
    for (int i = 0; i < 3; ++i) {
        const double *p = in[i], *q = in[(i + 1) % 3];
        const bool pIn = p[2] >= m_near, qIn = q[2] >= m_near;
        if (pIn)
            std::copy(p, p + 3, poly[n++]);
        if (pIn != qIn) {
            const double t = (m_near - p[2]) / (q[2] - p[2]);
            for (int k = 0; k < 3; ++k)
                poly[n][k] = p[k] + (q[k] - p[k]) * t;
            poly[n][2] = m_near;
            ++n;
        }
    }
    if (n < 3)
        return;
    // to pixels (x right, y down) with 1/z for perspective-correct depth
    double sx[4], sy[4], iz[4];
    for (int i = 0; i < n; ++i) {
        iz[i] = 1.0 / poly[i][2];
        sx[i] = 0.5 * m_width + poly[i][0] * iz[i] * m_fx;
        sy[i] = 0.5 * m_height - poly[i][1] * iz[i] * m_fy;
    }
    bool drawn = false;
    for (int t = 1; t + 1 < n; ++t) { // a fan
        const int i0 = 0, i1 = t, i2 = t + 1;
        const double area = (sx[i1] - sx[i0]) * (sy[i2] - sy[i0]) - (sx[i2] - sx[i0]) * (sy[i1] - sy[i0]);
        if (!(std::abs(area) > 1e-12))
            continue;
        const double minX = std::min({sx[i0], sx[i1], sx[i2]}), maxX = std::max({sx[i0], sx[i1], sx[i2]});
        const double minY = std::min({sy[i0], sy[i1], sy[i2]}), maxY = std::max({sy[i0], sy[i1], sy[i2]});
        const int x0 = std::max(0, int(std::ceil(minX - 0.5))), x1 = std::min(m_width - 1, int(std::floor(maxX - 0.5)));
        const int y0 = std::max(0, int(std::ceil(minY - 0.5))), y1 = std::min(m_height - 1, int(std::floor(maxY - 0.5)));
        if (x0 > x1 || y0 > y1)
            continue;
        drawn = true;
        const double inv = 1.0 / area;
        for (int y = y0; y <= y1; ++y) {
            const double py = y + 0.5;
            float *row = m_depth.data() + size_t(y) * size_t(m_width);
            for (int x = x0; x <= x1; ++x) {
                const double px = x + 0.5;
                // barycentric weights (sign follows the winding: both sides are drawn)
                const double w0 = ((sx[i1] - px) * (sy[i2] - py) - (sx[i2] - px) * (sy[i1] - py)) * inv;
                const double w1 = ((sx[i2] - px) * (sy[i0] - py) - (sx[i0] - px) * (sy[i2] - py)) * inv;
                const double w2 = 1.0 - w0 - w1;
                if (w0 < 0 || w1 < 0 || w2 < 0)
                    continue;
                const double z = 1.0 / (w0 * iz[i0] + w1 * iz[i1] + w2 * iz[i2]);
                if (z < row[x])
                    row[x] = float(z);
            }
        }
    }
    if (drawn)
        ++m_triangles;
}

} // namespace liyuan
