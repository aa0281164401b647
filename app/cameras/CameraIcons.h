#pragma once
#include <liyuan/scene/ViewState.h>

#include <QColor>
#include <QVariantList>
#include <QVector3D>
#include <QVector4D>
#include <QtQuick3D/QQuick3DInstancing>

#include <vector>

namespace liyuan {

/**
 * The camera layer's icons for a QML `Model { instancing: liyuan.cameras.icons }`: one instance
 * per screen cluster (a lone camera is a cluster of one), so 12,000 cameras cost one draw call
 * of a few hundred instances. GUI thread only.
 *
 * update() reclusters from the view: cameras are projected into the window and grouped by a
 * pixel grid (cellPixels); each cluster is drawn at its members' mean position, scaled with its
 * distance so it keeps about the same size on screen (larger for more members), coloured by the
 * most urgent state among its members (streaming > offline > auth failed > online > unknown).
 * Instances are in the scene frame (x east, y north, z up), so the Model belongs in the scene
 * node rotated −90° about X, like the tiles. labels() lists, nearest first, the clusters whose
 * label fits without overlapping an earlier one (decluttered), in window pixels.
 */
class CameraIcons : public QQuick3DInstancing
{
    Q_OBJECT
    Q_PROPERTY(int clusterCount READ clusterCount NOTIFY clustersChanged)
    Q_PROPERTY(QVariantList labels READ labels NOTIFY clustersChanged)
public:
    /** Per-camera state, as the icons colour it. */
    enum State { Unknown = 0, Online = 1, Streaming = 2, Offline = 3, AuthFailed = 4 };
    Q_ENUM(State)

    struct Cluster
    {
        Vec3d center;            ///< mean position (scene frame)
        double screenX = 0, screenY = 0;
        double distance = 0;     ///< from the eye
        std::vector<int> members;///< camera indices
        int state = Unknown;
    };

    explicit CameraIcons(QQuick3DObject *parent = nullptr);

    /** Replaces the cameras: positions (scene frame) and display names, all shown. */
    void reset(const std::vector<Vec3d> &positions, const QStringList &names);
    /** Moves the cameras (same count and order: calibration, ground); states and filter stay. */
    void setPositions(const std::vector<Vec3d> &positions);
    /** Which cameras are shown (filter); size must equal the camera count. */
    void setShown(const std::vector<bool> &shown);
    /** One camera's state (colour). */
    void setState(int index, State state);
    State state(int index) const { return index >= 0 && index < int(m_states.size()) ? State(m_states[size_t(index)]) : Unknown; }
    /** The selected and hovered cameras are never merged into a cluster and drawn larger. */
    void setHighlighted(int selected, int hovered);

    /** Reclusters when the view, the cameras or their states changed since the last call. */
    void update(const ViewState &view);
    /** The cluster under a window pixel (within radius pixels), or -1. */
    int clusterAt(double x, double y, double radiusPixels = 14) const;
    const std::vector<Cluster> &clusters() const { return m_clusters; }
    int clusterCount() const { return int(m_clusters.size()); }
    QVariantList labels() const { return m_labels; }
    /** Cameras inside the view (after the filter), as of the last update(). */
    int inViewCount() const { return m_inView; }

    /** Screen size of an icon, pixels; cluster grid cell, pixels. */
    void setIconPixels(double px) { m_iconPixels = px; m_dirty = true; }
    void setCellPixels(double px) { m_cellPixels = px; m_dirty = true; }
    /** Labels shown at most, and only for lone cameras nearer than this (metres). */
    void setLabelLimits(int maxLabels, double maxDistance) { m_maxLabels = maxLabels; m_labelDistance = maxDistance; m_dirty = true; }

    static QColor colorFor(State s);

signals:
    void clustersChanged();

protected:
    QByteArray getInstanceBuffer(int *instanceCount) override;

private:
    void rebuild(const ViewState &view);

    std::vector<Vec3d> m_positions;
    QStringList m_names;
    std::vector<bool> m_shown;
    std::vector<quint8> m_states;
    std::vector<Cluster> m_clusters;
    QVariantList m_labels;
    QByteArray m_buffer;
    ViewState m_lastView;
    bool m_dirty = true;
    bool m_haveView = false;
    int m_selected = -1, m_hovered = -1;
    int m_inView = 0;
    double m_iconPixels = 18;
    double m_cellPixels = 44;
    int m_maxLabels = 40;
    double m_labelDistance = 600;
};

} // namespace liyuan
