#pragma once
#include <liyuan/live/DeviceStore.h>

#include <QColor>
#include <QElapsedTimer>
#include <QHash>
#include <QTimer>
#include <QVector3D>
#include <QVector>
#include <QtQuick3D/QQuick3DInstancing>

#include <vector>

namespace liyuan {

/**
 * One instance per registry device for a QML `Model { instancing: liyuan.live.markers }`,
 * drawn with instancing (thousands of markers in one draw call). GUI thread only.
 *
 * Positions are in the scene frame (x east, y north, z up, metres from the frame origin), so
 * the Model belongs inside the scene node rotated −90° about X like the tiles. Each instance is
 * scaled markerSize / 100, so the built-in `#Sphere` / `#Cube` (100 units) get markerSize metres.
 * Colour by DeviceStore state: normal green, warn amber, alarm red, stale grey, unknown light
 * grey; alarm instances pulse (their scale oscillates, driven by a timer that runs only while
 * alarms exist). Instance custom data: x = state (0 unknown, 1 normal, 2 warn, 3 alarm, 4 stale),
 * y = building index, z = floor number.
 *
 * Drill-down: setFloorLift() raises one floor's markers (exploded floors), setVisibleFloor()
 * shows only one floor of a building (hidden instances keep their slot with scale 0, so
 * updates stay incremental).
 *
 * Updates are incremental: syncFromStore() reads DeviceStore::changedSince() and rewrites only
 * those instances (plus the pulsing ones) in the table when buildBuffer() runs (the renderer
 * calls it once per frame through getInstanceBuffer; benchmarks call it directly).
 */
class DeviceMarkers : public QQuick3DInstancing
{
    Q_OBJECT
    Q_PROPERTY(float markerSize READ markerSize WRITE setMarkerSize NOTIFY markerSizeChanged)
    Q_PROPERTY(int count READ count NOTIFY countChanged)
    Q_PROPERTY(int alarmCount READ alarmCount NOTIFY alarmCountChanged)
public:
    using State = live::DeviceStore::State;

    explicit DeviceMarkers(QQuick3DObject *parent = nullptr);
    ~DeviceMarkers() override;

    /** Replaces every instance: one per store device, at positions[i] (scene frame). Lifts and the visible floor are reset. */
    void reset(const live::DeviceStore &store, const QVector<QVector3D> &positions);
    /** Removes every instance. */
    void clear();
    /** Picks up the store's changes since the last reset/sync; returns how many instances changed. */
    int syncFromStore(const live::DeviceStore &store);

    float markerSize() const { return m_markerSize; }
    /** Marker diameter in metres (> 0; default 1.5). */
    void setMarkerSize(float metres);

    /** Raises the markers of one floor of a building by dz metres (scene z); 0 removes the lift. */
    void setFloorLift(const QString &buildingId, int floor, float dz);
    void clearLifts();
    /** Shows only that floor's markers of that building (the building's other markers hide). */
    void setVisibleFloor(const QString &buildingId, int floor);
    /** Shows every floor of every building again. */
    void clearVisibleFloor();

    /** Writes the pending changes into the instance table and returns it (80 bytes per instance). */
    QByteArray buildBuffer();
    /** Instances rewritten by the last buildBuffer() (for benchmarks and tests). */
    int lastRewritten() const { return m_lastRewritten; }

    int count() const { return int(m_items.size()); }
    int alarmCount() const { return m_alarmCount; }
    /** Test accessors (index = DeviceStore dense index). */
    QColor colorAt(int index) const;
    State stateAt(int index) const;
    /** Drawn position: the device position plus its floor's lift. */
    QVector3D positionAt(int index) const;
    bool visibleAt(int index) const;
    bool isPulsing() const { return m_pulseTimer.isActive(); }

    static QColor colorFor(State s);

signals:
    void markerSizeChanged();
    void countChanged();
    void alarmCountChanged();

protected:
    QByteArray getInstanceBuffer(int *instanceCount) override;

private:
    struct Item
    {
        QVector3D position;   ///< scene frame, without lift
        float lift = 0;
        int building = -1;
        int floor = 0;
        int alarmSlot = -1;   ///< index in m_alarms, -1 when not in alarm
        State state = State::Unknown;
        bool dirty = false;
    };
    static quint64 groupKey(int building, int floor) { return (quint64(quint32(building)) << 32) | quint32(floor); }
    bool itemVisible(const Item &it) const;
    void markItem(int index);
    void markAll();
    void setState(int index, State s);
    void updatePulseTimer();
    void writeEntry(char *dst, int index, float pulse) const;

    std::vector<Item> m_items;
    std::vector<int> m_dirty;               ///< indices with dirty == true
    bool m_allDirty = true;
    QByteArray m_buffer;
    QHash<QString, int> m_buildingIndex;
    QVector<QVector<int>> m_byBuilding;     ///< instance indices per building
    QHash<quint64, QVector<int>> m_byFloor; ///< instance indices per (building, floor)
    QHash<quint64, float> m_lifts;
    QVector<int> m_visibleFloor;            ///< per building; kAllFloors: every floor shown
    std::vector<int> m_alarms;              ///< instances in Alarm state (unordered)
    int m_alarmCount = 0;
    quint64 m_storeRevision = 0;
    float m_markerSize = 1.5f;
    int m_lastRewritten = 0;
    bool m_pulseDue = false;               ///< the pulse timer ticked: rewrite the alarm instances
    QVector4D m_colors[5];                  ///< per State, as the instance table stores colours
    QTimer m_pulseTimer;
    QElapsedTimer m_clock;
};

} // namespace liyuan
