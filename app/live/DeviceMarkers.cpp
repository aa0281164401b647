#include "DeviceMarkers.h"

#include <climits>
#include <cmath>
#include <cstring>

namespace liyuan {

namespace {
constexpr int kAllFloors = INT_MIN;
constexpr int kEntryBytes = int(sizeof(QQuick3DInstancing::InstanceTableEntry));
constexpr int kPulseIntervalMs = 50;    ///< 20 Hz is smooth enough for a pulse
constexpr double kPulsePeriodS = 0.9;
constexpr float kPulseAmplitude = 0.6f; ///< alarm markers swell up to 1.6× their size

int stateIndex(DeviceMarkers::State s)
{
    return int(s);
}
} // namespace

DeviceMarkers::DeviceMarkers(QQuick3DObject *parent) : QQuick3DInstancing(parent)
{
    static_assert(sizeof(InstanceTableEntry) == 80, "instance table entries are 5 vec4");
    // colours as this Qt version stores them in the table (it may linearise sRGB)
    const State states[] = {State::Unknown, State::Normal, State::Warn, State::Alarm, State::Stale};
    for (State s : states)
        m_colors[stateIndex(s)] = calculateTableEntry({}, {1, 1, 1}, {}, colorFor(s)).color;
    m_pulseTimer.setInterval(kPulseIntervalMs);
    connect(&m_pulseTimer, &QTimer::timeout, this, [this] {
        m_pulseDue = true;
        markDirty();
    });
    m_clock.start();
}

DeviceMarkers::~DeviceMarkers() = default;

QColor DeviceMarkers::colorFor(State s)
{
    switch (s) {
    case State::Normal: return QColor(0x2e, 0xcc, 0x71);
    case State::Warn: return QColor(0xf5, 0xa6, 0x23);
    case State::Alarm: return QColor(0xe5, 0x39, 0x35);
    case State::Stale: return QColor(0x80, 0x86, 0x8b);
    case State::Unknown: break;
    }
    return QColor(0xd2, 0xd6, 0xda);
}

void DeviceMarkers::reset(const live::DeviceStore &store, const QVector<QVector3D> &positions)
{
    const int before = count();
    const int oldAlarms = m_alarmCount;
    m_items.clear();
    m_dirty.clear();
    m_alarms.clear();
    m_alarmCount = 0;
    m_buildingIndex.clear();
    m_byBuilding.clear();
    m_byFloor.clear();
    m_visibleFloor.clear();
    m_lifts.clear(); // keyed by building index: meaningless for another registry
    const auto &buildings = store.registry().buildings();
    for (int b = 0; b < buildings.size(); ++b)
        m_buildingIndex.insert(buildings.at(b).id, b);
    m_byBuilding.resize(buildings.size());
    m_visibleFloor.fill(kAllFloors, buildings.size());
    const int n = store.deviceCount();
    m_items.resize(size_t(n));
    for (int i = 0; i < n; ++i) {
        const live::DeviceStore::DeviceState &d = store.device(i);
        Item &it = m_items[size_t(i)];
        it.position = i < positions.size() ? positions.at(i) : QVector3D();
        it.building = d.building;
        it.floor = d.floor;
        if (d.building >= 0 && d.building < m_byBuilding.size())
            m_byBuilding[d.building].append(i);
        m_byFloor[groupKey(d.building, d.floor)].append(i);
        setState(i, d.state);
    }
    m_storeRevision = store.revision();
    m_allDirty = true;
    m_buffer.clear();
    updatePulseTimer();
    markDirty();
    if (before != count())
        emit countChanged();
    if (oldAlarms != m_alarmCount)
        emit alarmCountChanged();
}

void DeviceMarkers::clear()
{
    reset(live::DeviceStore(), {});
}

int DeviceMarkers::syncFromStore(const live::DeviceStore &store)
{
    if (store.deviceCount() != count()) {
        qWarning("DeviceMarkers: the store has %d devices, the markers %d; reset() first", store.deviceCount(), count());
        return 0;
    }
    if (store.revision() == m_storeRevision)
        return 0;
    const int oldAlarms = m_alarmCount;
    const QVector<int> changed = store.changedSince(m_storeRevision);
    m_storeRevision = store.revision();
    int n = 0;
    for (int i : changed) {
        const State s = store.device(i).state;
        if (s == m_items[size_t(i)].state)
            continue;
        setState(i, s);
        markItem(i);
        ++n;
    }
    if (n > 0)
        markDirty();
    if (oldAlarms != m_alarmCount) {
        updatePulseTimer();
        emit alarmCountChanged();
    }
    return n;
}

void DeviceMarkers::setState(int index, State s)
{
    Item &it = m_items[size_t(index)];
    if (it.state == State::Alarm && it.alarmSlot >= 0) { // swap-remove from the alarm list
        const int last = m_alarms.back();
        m_alarms[size_t(it.alarmSlot)] = last;
        m_items[size_t(last)].alarmSlot = it.alarmSlot;
        m_alarms.pop_back();
        it.alarmSlot = -1;
    }
    it.state = s;
    if (s == State::Alarm) {
        it.alarmSlot = int(m_alarms.size());
        m_alarms.push_back(index);
    }
    m_alarmCount = int(m_alarms.size());
}

void DeviceMarkers::updatePulseTimer()
{
    if (m_alarms.empty()) {
        if (m_pulseTimer.isActive()) {
            m_pulseTimer.stop();
            m_pulseDue = false;
        }
    } else if (!m_pulseTimer.isActive()) {
        m_pulseTimer.start();
    }
}

void DeviceMarkers::setMarkerSize(float metres)
{
    if (!(metres > 0.0f) || !std::isfinite(metres) || metres == m_markerSize)
        return;
    m_markerSize = metres;
    markAll();
    emit markerSizeChanged();
}

void DeviceMarkers::setFloorLift(const QString &buildingId, int floor, float dz)
{
    const int b = m_buildingIndex.value(buildingId, -1);
    if (!std::isfinite(dz))
        return;
    const quint64 key = groupKey(b, floor);
    if (b < 0 || m_lifts.value(key, 0.0f) == dz)
        return;
    if (dz == 0.0f)
        m_lifts.remove(key);
    else
        m_lifts.insert(key, dz);
    for (int i : m_byFloor.value(key)) {
        m_items[size_t(i)].lift = dz;
        markItem(i);
    }
    markDirty();
}

void DeviceMarkers::clearLifts()
{
    if (m_lifts.isEmpty())
        return;
    for (auto it = m_lifts.cbegin(); it != m_lifts.cend(); ++it) {
        for (int i : m_byFloor.value(it.key())) {
            m_items[size_t(i)].lift = 0;
            markItem(i);
        }
    }
    m_lifts.clear();
    markDirty();
}

void DeviceMarkers::setVisibleFloor(const QString &buildingId, int floor)
{
    const int b = m_buildingIndex.value(buildingId, -1);
    if (b < 0 || m_visibleFloor.at(b) == floor)
        return;
    m_visibleFloor[b] = floor;
    for (int i : m_byBuilding.at(b))
        markItem(i);
    markDirty();
}

void DeviceMarkers::clearVisibleFloor()
{
    bool any = false;
    for (int b = 0; b < m_visibleFloor.size(); ++b) {
        if (m_visibleFloor.at(b) == kAllFloors)
            continue;
        m_visibleFloor[b] = kAllFloors;
        for (int i : m_byBuilding.at(b))
            markItem(i);
        any = true;
    }
    if (any)
        markDirty();
}

bool DeviceMarkers::itemVisible(const Item &it) const
{
    if (it.building < 0 || it.building >= m_visibleFloor.size())
        return true;
    const int f = m_visibleFloor.at(it.building);
    return f == kAllFloors || f == it.floor;
}

void DeviceMarkers::markItem(int index)
{
    Item &it = m_items[size_t(index)];
    if (it.dirty || m_allDirty)
        return;
    it.dirty = true;
    m_dirty.push_back(index);
}

void DeviceMarkers::markAll()
{
    m_allDirty = true;
    markDirty();
}

void DeviceMarkers::writeEntry(char *dst, int index, float pulse) const
{
    const Item &it = m_items[size_t(index)];
    float s = itemVisible(it) ? m_markerSize / 100.0f : 0.0f;
    if (it.state == State::Alarm)
        s *= pulse;
    const float z = it.position.z() + it.lift;
    const float e[20] = {
        s, 0, 0, it.position.x(),
        0, s, 0, it.position.y(),
        0, 0, s, z,
        m_colors[stateIndex(it.state)].x(), m_colors[stateIndex(it.state)].y(),
        m_colors[stateIndex(it.state)].z(), m_colors[stateIndex(it.state)].w(),
        float(stateIndex(it.state)), float(it.building), float(it.floor), 0,
    };
    std::memcpy(dst, e, sizeof(e));
}

QByteArray DeviceMarkers::buildBuffer()
{
    const int n = count();
    const double t = m_clock.elapsed() / 1000.0;
    const float pulse = 1.0f + kPulseAmplitude * float(0.5 + 0.5 * std::sin(2.0 * M_PI * t / kPulsePeriodS));
    int rewritten = 0;
    if (m_allDirty || m_buffer.size() != qsizetype(n) * kEntryBytes) {
        m_buffer.resize(qsizetype(n) * kEntryBytes);
        char *p = m_buffer.data();
        for (int i = 0; i < n; ++i) {
            writeEntry(p + qsizetype(i) * kEntryBytes, i, pulse);
            m_items[size_t(i)].dirty = false;
        }
        rewritten = n;
        m_dirty.clear();
        m_allDirty = false;
        m_pulseDue = false;
    } else if (!m_dirty.empty() || (m_pulseDue && !m_alarms.empty())) {
        char *p = m_buffer.data(); // detaches once if the renderer still holds the last table
        for (int i : m_dirty) {
            writeEntry(p + qsizetype(i) * kEntryBytes, i, pulse);
            m_items[size_t(i)].dirty = false;
        }
        rewritten = int(m_dirty.size());
        m_dirty.clear();
        if (m_pulseDue) {
            for (int i : m_alarms)
                writeEntry(p + qsizetype(i) * kEntryBytes, i, pulse);
            rewritten += int(m_alarms.size());
            m_pulseDue = false;
        }
    }
    m_lastRewritten = rewritten;
    return m_buffer;
}

QByteArray DeviceMarkers::getInstanceBuffer(int *instanceCount)
{
    const QByteArray b = buildBuffer();
    if (instanceCount)
        *instanceCount = count();
    return b;
}

QColor DeviceMarkers::colorAt(int index) const
{
    return index >= 0 && index < count() ? colorFor(m_items[size_t(index)].state) : QColor();
}

DeviceMarkers::State DeviceMarkers::stateAt(int index) const
{
    return index >= 0 && index < count() ? m_items[size_t(index)].state : State::Unknown;
}

QVector3D DeviceMarkers::positionAt(int index) const
{
    if (index < 0 || index >= count())
        return {};
    const Item &it = m_items[size_t(index)];
    return it.position + QVector3D(0, 0, it.lift);
}

bool DeviceMarkers::visibleAt(int index) const
{
    return index >= 0 && index < count() && itemVisible(m_items[size_t(index)]);
}

} // namespace liyuan
