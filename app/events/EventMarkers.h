#pragma once
#include <QColor>
#include <QVector3D>
#include <QVector>
#include <QtQuick3D/QQuick3DInstancing>

namespace liyuan {

/**
 * One instance per placed event for a QML `Model { instancing: liyuan.events.markers }` (one
 * draw call for every event). GUI thread only.
 *
 * Positions are in the scene frame (the Model sits inside the scene node rotated −90° about X,
 * like the tiles); each sphere stands on its event point (centre lifted by half its size) and is
 * markerSize metres across (the built-in #Sphere is 100 units). Colour by severity (info blue,
 * low green, medium amber, high orange, critical red). Unacknowledged events pulse: their scale
 * follows `phase` (0..1, animated by QML) with a speed and swing that grow with severity;
 * acknowledged ones are drawn smaller, greyed and still. The selected event is drawn larger.
 * Far from the eye (setEye) a marker grows so that it stays visible: its size is at least
 * minAngularSize × its distance (default 0.02, about 2 % of the view's height at 60°).
 */
class EventMarkers : public QQuick3DInstancing
{
    Q_OBJECT
    Q_PROPERTY(double phase READ phase WRITE setPhase NOTIFY phaseChanged)
    Q_PROPERTY(int count READ count NOTIFY countChanged)
    Q_PROPERTY(int pulsing READ pulsing NOTIFY countChanged)
public:
    struct Marker
    {
        QVector3D position;   ///< scene frame, the point the event stands on
        int severity = 2;     ///< 0..4
        bool acknowledged = false;
        bool selected = false;
    };

    explicit EventMarkers(QQuick3DObject *parent = nullptr);

    /** Replaces every instance. */
    void setMarkers(const QVector<Marker> &markers, float markerSize);
    int count() const { return int(m_markers.size()); }
    /** Instances that pulse (unacknowledged). */
    int pulsing() const { return m_pulsing; }
    double phase() const { return m_phase; }
    void setPhase(double phase);
    /** The camera eye (scene frame); markers far away are drawn larger. Marks dirty only when a size changes by > 2 %. */
    void setEye(const QVector3D &eye);
    void setMinAngularSize(float ratio) { m_minAngular = ratio; markDirty(); }
    /** Drawn diameter of instance i in metres, before the pulse (≥ markerSize). */
    float sizeAt(int index) const;

    /** Scale factor of instance i at the current phase (1 = markerSize); for tests. */
    float scaleAt(int index) const;
    QVector3D centerAt(int index) const;
    QColor colorAt(int index) const;
    static QColor colorFor(int severity, bool acknowledged);
    /** The instance table (80 bytes per instance); the renderer calls it through getInstanceBuffer. */
    QByteArray buildBuffer();

signals:
    void phaseChanged();
    void countChanged();

protected:
    QByteArray getInstanceBuffer(int *instanceCount) override;

private:
    QVector<Marker> m_markers;
    float m_size = 4.0f;
    float m_minAngular = 0.02f;
    QVector3D m_eye;
    bool m_hasEye = false;
    double m_phase = 0;
    int m_pulsing = 0;
};

} // namespace liyuan
