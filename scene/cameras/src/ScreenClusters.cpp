#include <liyuan/cameras/ScreenClusters.h>

#include <algorithm>
#include <cmath>

namespace liyuan::cameras {

QMatrix4x4 ScreenClusters::sceneToQtAxes()
{
    return QMatrix4x4(1, 0, 0, 0, //
                      0, 0, 1, 0, //
                      0, -1, 0, 0, //
                      0, 0, 0, 1);
}

QVector<ScreenClusters::Cluster> ScreenClusters::compute(const QVector<Vec3d> &positions, const CameraPose &viewer,
                                                         const QSizeF &viewport, double cellPx)
{
    double m[16];
    viewer.viewProjection(m, viewer.position);
    return computeWith(positions, m, viewport, cellPx, viewer.position);
}

QVector<ScreenClusters::Cluster> ScreenClusters::compute(const QVector<Vec3d> &positions, const QMatrix4x4 &vp,
                                                         const QSizeF &viewport, double cellPx, const Vec3d &origin)
{
    double m[16];
    const float *f = vp.constData(); // column-major
    for (int i = 0; i < 16; ++i)
        m[i] = f[i];
    return computeWith(positions, m, viewport, cellPx, origin);
}

QVector<ScreenClusters::Cluster> ScreenClusters::computeWith(const QVector<Vec3d> &positions, const double m[16],
                                                             const QSizeF &viewport, double cellPx, const Vec3d &origin)
{
    QVector<Cluster> out;
    const double w = viewport.width(), h = viewport.height();
    if (!(w > 0) || !(h > 0) || !(cellPx >= 1) || !std::isfinite(w) || !std::isfinite(h) || w > 1e6 || h > 1e6)
        return out;
    // a margin of one cell around the viewport so icons at the border do not pop
    const int cols = int(std::ceil(w / cellPx)) + 2, rows = int(std::ceil(h / cellPx)) + 2;
    if (qint64(cols) * rows > 4'000'000)
        return out;
    QVector<int> cellOf(qint64(cols) * rows, -1);
    for (int i = 0; i < int(positions.size()); ++i) {
        const Vec3d p = positions.at(i) - origin;
        const double cw = m[3] * p.x + m[7] * p.y + m[11] * p.z + m[15];
        if (!(cw > 1e-9))
            continue;
        const double cx = (m[0] * p.x + m[4] * p.y + m[8] * p.z + m[12]) / cw;
        const double cy = (m[1] * p.x + m[5] * p.y + m[9] * p.z + m[13]) / cw;
        const double px = (cx + 1.0) * 0.5 * w, py = (1.0 - cy) * 0.5 * h;
        if (!(px >= -cellPx && px < w + cellPx && py >= -cellPx && py < h + cellPx))
            continue;
        const int c = std::clamp(int(std::floor(px / cellPx)) + 1, 0, cols - 1);
        const int r = std::clamp(int(std::floor(py / cellPx)) + 1, 0, rows - 1);
        int &slot = cellOf[qint64(r) * cols + c];
        if (slot < 0) {
            slot = int(out.size());
            out.append(Cluster());
        }
        Cluster &cl = out[slot];
        ++cl.count;
        cl.centroid += QPointF(px, py);
        cl.sceneCentroid += positions.at(i);
        cl.members.append(i);
    }
    for (Cluster &cl : out) {
        cl.centroid /= cl.count;
        cl.sceneCentroid = cl.sceneCentroid * (1.0 / cl.count);
    }
    return out;
}

} // namespace liyuan::cameras
