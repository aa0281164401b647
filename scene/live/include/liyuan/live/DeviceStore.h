#pragma once

#include <liyuan/live/BuildingRegistry.h>
#include <liyuan/live/Observation.h>
#include <liyuan/live/PayloadMapping.h>

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>
#include <QVector>

#include <array>
#include <deque>
#include <limits>
#include <memory>
#include <vector>

namespace liyuan::live {

/**
 * The live state of every registry device: last value, state against thresholds, staleness,
 * active alarms, 24-hour history and per-floor meter aggregates. Plain class, GUI thread
 * (not thread-safe; feed it from LiveFeed / FeedReplayer::observationsReady).
 *
 * Devices are addressed by a dense index (0..deviceCount()-1, registry order: building by
 * building, device by device) or by id. Every change bumps revision(); changedSince(rev)
 * lists the devices whose value or state changed after rev, so a renderer updates only those.
 *
 * Times are UTC milliseconds since the epoch. An observation older than the device's last one
 * goes into the history only (late or backfilled data never replaces a newer value).
 * Meters (power, water) report a rate (kW, m³/h); floor aggregates sum the floor's meters.
 */
class DeviceStore
{
public:
    enum class State { Unknown, Normal, Warn, Alarm, Stale };

    /** Why an observation or message was refused (counted in Counters::rejected). */
    enum class Reject { UnknownDevice, NotNumeric, NonFinite, Empty, TooLarge, BadJson, WrongType, MissingField, Other };

    static constexpr int HistoryBuckets = 96;              ///< 24 h ...
    static constexpr qint64 BucketMs = 15 * 60 * 1000;     ///< ... of 15-minute averages
    static constexpr int MaxRecentErrors = 50;

    struct DeviceState
    {
        QString id;
        int building = -1;          ///< index into registry().buildings()
        int device = -1;            ///< index into that building's devices
        int floor = 0;
        double value = std::numeric_limits<double>::quiet_NaN(); ///< last value; NaN: none / text only
        QString text;               ///< last textual result (camera status …)
        qint64 timeMs = 0;          ///< time of the last value (observation time); 0: never
        State state = State::Unknown;
        State level = State::Unknown; ///< the state by thresholds alone (ignoring staleness)
        quint64 updates = 0;        ///< observations applied
        quint64 revision = 0;       ///< store revision of the last change
        bool numeric = false;       ///< needs a number (meters, thresholds, numeric types)
    };

    struct Alarm
    {
        int device = -1;            ///< dense index
        QString deviceId, buildingId;
        int floor = 0;
        double value = 0;           ///< latest value while active
        double threshold = 0;       ///< the alarm threshold crossed
        qint64 sinceMs = 0;         ///< observation time the alarm was raised
    };

    struct AlarmEvent
    {
        bool raised = true;         ///< false: cleared
        Alarm alarm;
        qint64 atMs = 0;
        quint64 revision = 0;
    };

    struct Counters
    {
        quint64 applied = 0;        ///< observations accepted (incl. history-only ones)
        quint64 historyOnly = 0;    ///< older than the device's last value: history only
        quint64 rejected = 0;       ///< sum of the per-reason counts
        quint64 unknownDevice = 0;
        quint64 notNumeric = 0;     ///< text (or NaN/inf) where a number is needed
        quint64 malformed = 0;      ///< payload errors passed through applyMessage / reject
        quint64 alarmsRaised = 0;
        quint64 alarmsCleared = 0;
    };

    /** One floor's utility use: current sum and 24 h series (NaN where no meter had data). */
    struct FloorSeries
    {
        double current = std::numeric_limits<double>::quiet_NaN();
        qint64 firstBucketStartMs = 0;              ///< start of series[0]
        QVector<double> series;                     ///< HistoryBuckets values, oldest first
        int meters = 0;                             ///< meters of this kind on the floor
    };

    struct Footfall
    {
        int device = -1;
        QString deviceId;
        double position[3] = {0, 0, 0};
        double count = 0;
        qint64 timeMs = 0;
    };

    DeviceStore() = default;
    /** Builds the (empty) state of every device of the registry (copied). */
    explicit DeviceStore(const BuildingRegistry &registry);
    void reset(const BuildingRegistry &registry);

    const BuildingRegistry &registry() const { return m_registry; }
    int deviceCount() const { return int(m_devices.size()); }
    int indexOf(const QString &deviceId) const { return m_index.value(deviceId, -1); }
    const DeviceState &device(int index) const { return m_devices.at(index); }
    const DeviceState *device(const QString &deviceId) const;

    /** Applies a batch; returns how many were accepted. */
    int apply(const QList<Observation> &batch);
    /** Applies one observation; false (counted, reason logged) when refused. */
    bool apply(const Observation &obs);
    /** Parses with the mapping and applies; parse failures are counted as rejects (NoMatchingRule is ignored, returns false). */
    bool applyMessage(const PayloadMapping &mapping, const QString &topic, const QByteArray &payload,
                      qint64 arrivalMs = 0);
    /** Counts a reject found elsewhere (e.g. a parse error of a LiveFeed message). */
    void reject(Reject why, const QString &reason);
    static Reject rejectFor(PayloadMapping::Error e);

    /** Marks devices without a value for staleSeconds as Stale (and back); returns how many changed. */
    int updateStaleness(qint64 nowMs);

    quint64 revision() const { return m_revision; }
    /** Dense indices of devices changed after `revision` (value, text or state), ascending. */
    QVector<int> changedSince(quint64 revision) const;

    const QVector<Alarm> &activeAlarms() const { return m_alarms; }
    /** Alarm raise/clear events after `revision` (bounded log of the last 1000). */
    QVector<AlarmEvent> alarmEventsSince(quint64 revision) const;

    /** 24 h of 15-minute averages of a device ending with the bucket holding nowMs; NaN where empty. */
    QVector<double> history(int index, qint64 nowMs, qint64 *firstBucketStartMs = nullptr) const;
    FloorSeries floorPower(const QString &buildingId, int floor, qint64 nowMs) const;
    FloorSeries floorWater(const QString &buildingId, int floor, qint64 nowMs) const;
    /** Latest count of every people counter (type "people") that reported. */
    QVector<Footfall> footfall() const;

    Counters counters() const { return m_counters; }
    /** Up to the last MaxRecentErrors reject reasons, oldest first. */
    QStringList recentErrors() const;

    static QString stateName(State s);
    /** Threshold rule alone: value >= alarm → Alarm, >= warn → Warn, else Normal (NaN → Unknown). */
    static State levelFor(double value, double warn, double alarm);

private:
    struct History
    {
        std::array<qint64, HistoryBuckets> bucket; ///< bucket number (time / BucketMs) held by the slot, -1: empty
        std::array<double, HistoryBuckets> sum;
        std::array<int, HistoryBuckets> count;
        History() { bucket.fill(-1); sum.fill(0); count.fill(0); }
        void add(qint64 timeMs, double v);
        double average(qint64 bucketNumber) const;
    };
    void touch(int index);
    void setLevel(int index, State level, qint64 atMs);
    void logError(const QString &reason);
    FloorSeries floorSeries(BuildingRegistry::MeterKind kind, const QString &buildingId, int floor, qint64 nowMs) const;

    BuildingRegistry m_registry;
    QVector<DeviceState> m_devices;
    std::vector<std::unique_ptr<History>> m_history; ///< per device, allocated on first numeric value
    QHash<QString, int> m_index;
    QHash<QString, int> m_buildingIndex;
    QVector<double> m_warn, m_alarm, m_staleMs;
    QVector<int> m_alarmSlot;                        ///< per device: index in m_alarms or -1
    QVector<Alarm> m_alarms;
    std::deque<AlarmEvent> m_alarmEvents;
    std::deque<QString> m_errors;
    Counters m_counters;
    quint64 m_revision = 0;
};

} // namespace liyuan::live
