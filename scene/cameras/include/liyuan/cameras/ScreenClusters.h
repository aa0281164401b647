#pragma once
#include <liyuan/geodata/CameraPose.h>
#include <liyuan/geodata/Vec3d.h>

#include <QMatrix4x4>
#include <QPointF>
#include <QSizeF>
#include <QVector>

namespace liyuan::cameras {

/**
 * Groups camera icons on screen: every scene position is projected into the viewport and
 * binned into square cells of cellPx pixels; each non-empty cell is one cluster (count,
 * pixel centroid, scene centroid, member indices). Positions behind the viewer or outside
 * the viewport (plus a margin of one cell) are left out. Linear in the number of
 * positions (12,000 in well under a millisecond; see the README). Pure functions, any thread.
 */
class ScreenClusters
{
public:
    struct Cluster
    {
        int count = 0;
        /** Mean pixel position of the members (x right, y down). */
        QPointF centroid;
        /** Mean scene-frame position of the members. */
        Vec3d sceneCentroid;
        /** Indices into the positions given. */
        QVector<int> members;
    };

    /** Viewer given as a CameraPose (scene frame). */
    static QVector<Cluster> compute(const QVector<Vec3d> &positions, const CameraPose &viewer, const QSizeF &viewport,
                                    double cellPx);
    /**
     * Viewer given as a view-projection matrix taking scene-frame coordinates minus origin
     * (x east, y north, z up) to clip space. For a Qt Quick 3D camera (Y-up) multiply its
     * view-projection by sceneToQtAxes() first.
     */
    static QVector<Cluster> compute(const QVector<Vec3d> &positions, const QMatrix4x4 &viewProjection,
                                     const QSizeF &viewport, double cellPx, const Vec3d &origin = {});
    /** The scene (x, y, z) → Qt Quick 3D (x, z, -y) axis swap. */
    static QMatrix4x4 sceneToQtAxes();

private:
    static QVector<Cluster> computeWith(const QVector<Vec3d> &positions, const double m[16], const QSizeF &viewport,
                                        double cellPx, const Vec3d &origin);
};

} // namespace liyuan::cameras
