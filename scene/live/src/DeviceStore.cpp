#include <liyuan/live/DeviceStore.h>

#include <algorithm>
#include <cmath>

namespace liyuan::live {

namespace {
constexpr size_t MaxAlarmEvents = 1000;

bool numericType(const QString &type)
{
    static const QSet<QString> types{QStringLiteral("power"), QStringLiteral("water"), QStringLiteral("temperature"),
                                     QStringLiteral("co2"), QStringLiteral("humidity"), QStringLiteral("people"),
                                     QStringLiteral("smoke")};
    return types.contains(type);
}

qint64 bucketOf(qint64 ms)
{
    // floor division (times before 1970 are not expected, but must not corrupt the ring)
    return ms >= 0 ? ms / DeviceStore::BucketMs : -((-ms + DeviceStore::BucketMs - 1) / DeviceStore::BucketMs);
}

int slotOf(qint64 bucket)
{
    const qint64 s = bucket % DeviceStore::HistoryBuckets;
    return int(s < 0 ? s + DeviceStore::HistoryBuckets : s);
}
} // namespace

void DeviceStore::History::add(qint64 timeMs, double v)
{
    const qint64 b = bucketOf(timeMs);
    const int s = slotOf(b);
    if (bucket[size_t(s)] == b) {
        sum[size_t(s)] += v;
        ++count[size_t(s)];
    } else if (bucket[size_t(s)] < b) { // a newer day reuses the slot
        bucket[size_t(s)] = b;
        sum[size_t(s)] = v;
        count[size_t(s)] = 1;
    } // else: more than 24 h older than what the slot holds: dropped
}

double DeviceStore::History::average(qint64 b) const
{
    const int s = slotOf(b);
    if (bucket[size_t(s)] != b || count[size_t(s)] == 0)
        return std::numeric_limits<double>::quiet_NaN();
    return sum[size_t(s)] / count[size_t(s)];
}

DeviceStore::DeviceStore(const BuildingRegistry &registry)
{
    reset(registry);
}

void DeviceStore::reset(const BuildingRegistry &registry)
{
    m_registry = registry;
    m_devices.clear();
    m_history.clear();
    m_index.clear();
    m_buildingIndex.clear();
    m_warn.clear();
    m_alarm.clear();
    m_staleMs.clear();
    m_alarmSlot.clear();
    m_alarms.clear();
    m_alarmEvents.clear();
    m_errors.clear();
    m_counters = {};
    m_revision = 0;
    const auto &buildings = m_registry.buildings();
    for (int bi = 0; bi < buildings.size(); ++bi) {
        const BuildingRegistry::Building &b = buildings.at(bi);
        m_buildingIndex.insert(b.id, bi);
        QSet<QString> meters;
        for (const BuildingRegistry::Meter &m : b.meters)
            meters.insert(m.deviceId);
        for (int di = 0; di < b.devices.size(); ++di) {
            const BuildingRegistry::Device &d = b.devices.at(di);
            DeviceState s;
            s.id = d.id;
            s.building = bi;
            s.device = di;
            s.floor = d.floor;
            s.numeric = numericType(d.type) || meters.contains(d.id) || !std::isnan(d.warn) || !std::isnan(d.alarm);
            m_index.insert(d.id, int(m_devices.size()));
            m_devices.append(s);
            m_warn.append(d.warn);
            m_alarm.append(d.alarm);
            m_staleMs.append(d.staleSeconds * 1000.0);
            m_alarmSlot.append(-1);
        }
    }
    m_history.resize(size_t(m_devices.size()));
}

const DeviceStore::DeviceState *DeviceStore::device(const QString &deviceId) const
{
    const int i = indexOf(deviceId);
    return i < 0 ? nullptr : &m_devices.at(i);
}

DeviceStore::State DeviceStore::levelFor(double value, double warn, double alarm)
{
    if (std::isnan(value))
        return State::Unknown;
    if (!std::isnan(alarm) && value >= alarm)
        return State::Alarm;
    if (!std::isnan(warn) && value >= warn)
        return State::Warn;
    return State::Normal;
}

QString DeviceStore::stateName(State s)
{
    switch (s) {
    case State::Unknown: return QStringLiteral("unknown");
    case State::Normal: return QStringLiteral("normal");
    case State::Warn: return QStringLiteral("warn");
    case State::Alarm: return QStringLiteral("alarm");
    case State::Stale: return QStringLiteral("stale");
    }
    return {};
}

DeviceStore::Reject DeviceStore::rejectFor(PayloadMapping::Error e)
{
    switch (e) {
    case PayloadMapping::Error::UnknownDevice: return Reject::UnknownDevice;
    case PayloadMapping::Error::Empty: return Reject::Empty;
    case PayloadMapping::Error::TooLarge: return Reject::TooLarge;
    case PayloadMapping::Error::BadJson: return Reject::BadJson;
    case PayloadMapping::Error::WrongType: return Reject::WrongType;
    case PayloadMapping::Error::MissingField: return Reject::MissingField;
    default: return Reject::Other;
    }
}

void DeviceStore::logError(const QString &reason)
{
    m_errors.push_back(reason);
    while (m_errors.size() > size_t(MaxRecentErrors))
        m_errors.pop_front();
}

void DeviceStore::reject(Reject why, const QString &reason)
{
    ++m_counters.rejected;
    switch (why) {
    case Reject::UnknownDevice: ++m_counters.unknownDevice; break;
    case Reject::NotNumeric:
    case Reject::NonFinite: ++m_counters.notNumeric; break;
    default: ++m_counters.malformed; break;
    }
    logError(reason.left(300));
}

QStringList DeviceStore::recentErrors() const
{
    QStringList out;
    out.reserve(qsizetype(m_errors.size()));
    for (const QString &e : m_errors)
        out << e;
    return out;
}

void DeviceStore::touch(int index)
{
    m_devices[index].revision = ++m_revision;
}

void DeviceStore::setLevel(int index, State level, qint64 atMs)
{
    DeviceState &d = m_devices[index];
    const double value = d.value;
    const State before = d.level;
    d.level = level;
    if (d.state != State::Stale || level == State::Unknown)
        d.state = level;
    int &slot = m_alarmSlot[index];
    if (level == State::Alarm && before != State::Alarm) {
        Alarm a;
        a.device = index;
        a.deviceId = d.id;
        a.buildingId = m_registry.buildings().at(d.building).id;
        a.floor = d.floor;
        a.value = value;
        a.threshold = m_alarm.at(index);
        a.sinceMs = atMs;
        slot = int(m_alarms.size());
        m_alarms.append(a);
        ++m_counters.alarmsRaised;
        m_alarmEvents.push_back(AlarmEvent{true, a, atMs, m_revision});
    } else if (level == State::Alarm) {
        m_alarms[slot].value = value;
    } else if (before == State::Alarm && slot >= 0) {
        Alarm a = m_alarms.at(slot);
        a.value = value;
        // remove, keeping the list in raise order; fix the slots of the later ones
        m_alarms.removeAt(slot);
        for (int k = slot; k < m_alarms.size(); ++k)
            m_alarmSlot[m_alarms.at(k).device] = k;
        slot = -1;
        ++m_counters.alarmsCleared;
        m_alarmEvents.push_back(AlarmEvent{false, a, atMs, m_revision});
    }
    while (m_alarmEvents.size() > MaxAlarmEvents)
        m_alarmEvents.pop_front();
}

bool DeviceStore::apply(const Observation &obs)
{
    const auto it = m_index.constFind(obs.deviceId);
    if (it == m_index.constEnd()) {
        reject(Reject::UnknownDevice, QStringLiteral("%1: unknown device '%2'").arg(obs.topic.left(200), obs.deviceId.left(200)));
        return false;
    }
    const int index = it.value();
    DeviceState &d = m_devices[index];
    const bool hasNumber = obs.hasValue() && std::isfinite(obs.value);
    if (d.numeric && !hasNumber) {
        reject(obs.hasValue() ? Reject::NonFinite : Reject::NotNumeric,
               QStringLiteral("%1: device '%2' needs a number, got '%3'")
                   .arg(obs.topic.left(200), d.id, obs.hasValue() ? QString::number(obs.value) : obs.text.left(100)));
        return false;
    }
    const qint64 t = obs.time.isValid() ? obs.time.toMSecsSinceEpoch() : 0;
    ++m_counters.applied;
    ++d.updates;
    if (hasNumber) {
        auto &h = m_history[size_t(index)];
        if (!h)
            h = std::make_unique<History>();
        h->add(t, obs.value);
    }
    if (t < d.timeMs) { // late / backfilled: the current value stays
        ++m_counters.historyOnly;
        return true;
    }
    const double newValue = hasNumber ? obs.value : std::numeric_limits<double>::quiet_NaN();
    const bool valueChanged = !(newValue == d.value || (std::isnan(newValue) && std::isnan(d.value))) || obs.text != d.text;
    d.value = newValue;
    d.text = obs.text;
    d.timeMs = t;
    State level = levelFor(newValue, m_warn.at(index), m_alarm.at(index));
    if (!hasNumber && !obs.text.isEmpty())
        level = State::Normal; // a text-only device (camera status) that reports is alive
    const bool wasStale = d.state == State::Stale;
    if (valueChanged || level != d.level || wasStale) {
        touch(index);
        if (wasStale)
            d.state = level;
        setLevel(index, level, t);
    }
    return true;
}

int DeviceStore::apply(const QList<Observation> &batch)
{
    int n = 0;
    for (const Observation &o : batch)
        n += apply(o) ? 1 : 0;
    return n;
}

bool DeviceStore::applyMessage(const PayloadMapping &mapping, const QString &topic, const QByteArray &payload,
                               qint64 arrivalMs)
{
    PayloadMapping::Result r = mapping.parse(topic, payload);
    if (!r.ok) {
        if (r.error != PayloadMapping::Error::NoMatchingRule)
            reject(rejectFor(r.error), topic.left(200) + QStringLiteral(": ") + r.reason);
        return false;
    }
    if (!r.observation.time.isValid())
        r.observation.time = arrivalMs > 0 ? QDateTime::fromMSecsSinceEpoch(arrivalMs, Qt::UTC)
                                           : QDateTime::currentDateTimeUtc();
    return apply(r.observation);
}

int DeviceStore::updateStaleness(qint64 nowMs)
{
    int changed = 0;
    for (int i = 0; i < m_devices.size(); ++i) {
        DeviceState &d = m_devices[i];
        if (d.timeMs == 0 && d.updates == 0)
            continue; // never reported: Unknown, not stale
        const bool stale = double(nowMs - d.timeMs) > m_staleMs.at(i);
        if (stale && d.state != State::Stale) {
            d.state = State::Stale;
            touch(i);
            ++changed;
        } else if (!stale && d.state == State::Stale) {
            d.state = d.level;
            touch(i);
            ++changed;
        }
    }
    return changed;
}

QVector<int> DeviceStore::changedSince(quint64 revision) const
{
    QVector<int> out;
    if (revision >= m_revision)
        return out;
    for (int i = 0; i < m_devices.size(); ++i)
        if (m_devices.at(i).revision > revision)
            out.append(i);
    return out;
}

QVector<DeviceStore::AlarmEvent> DeviceStore::alarmEventsSince(quint64 revision) const
{
    QVector<AlarmEvent> out;
    for (auto it = m_alarmEvents.rbegin(); it != m_alarmEvents.rend() && it->revision > revision; ++it)
        out.prepend(*it);
    return out;
}

QVector<double> DeviceStore::history(int index, qint64 nowMs, qint64 *firstBucketStartMs) const
{
    QVector<double> out(HistoryBuckets, std::numeric_limits<double>::quiet_NaN());
    const qint64 last = bucketOf(nowMs), first = last - HistoryBuckets + 1;
    if (firstBucketStartMs)
        *firstBucketStartMs = first * BucketMs;
    if (index < 0 || index >= m_devices.size() || !m_history[size_t(index)])
        return out;
    const History &h = *m_history[size_t(index)];
    for (int k = 0; k < HistoryBuckets; ++k)
        out[k] = h.average(first + k);
    return out;
}

DeviceStore::FloorSeries DeviceStore::floorSeries(BuildingRegistry::MeterKind kind, const QString &buildingId,
                                                  int floor, qint64 nowMs) const
{
    FloorSeries fs;
    fs.series = QVector<double>(HistoryBuckets, std::numeric_limits<double>::quiet_NaN());
    fs.firstBucketStartMs = (bucketOf(nowMs) - HistoryBuckets + 1) * BucketMs;
    const int bi = m_buildingIndex.value(buildingId, -1);
    if (bi < 0)
        return fs;
    for (const BuildingRegistry::Meter &m : m_registry.buildings().at(bi).meters) {
        if (m.floor != floor || m.kind != kind)
            continue;
        const int i = indexOf(m.deviceId);
        if (i < 0)
            continue;
        ++fs.meters;
        const DeviceState &d = m_devices.at(i);
        if (!std::isnan(d.value))
            fs.current = std::isnan(fs.current) ? d.value : fs.current + d.value;
        const QVector<double> h = history(i, nowMs);
        for (int k = 0; k < HistoryBuckets; ++k)
            if (!std::isnan(h.at(k)))
                fs.series[k] = std::isnan(fs.series.at(k)) ? h.at(k) : fs.series.at(k) + h.at(k);
    }
    return fs;
}

DeviceStore::FloorSeries DeviceStore::floorPower(const QString &buildingId, int floor, qint64 nowMs) const
{
    return floorSeries(BuildingRegistry::MeterKind::Power, buildingId, floor, nowMs);
}

DeviceStore::FloorSeries DeviceStore::floorWater(const QString &buildingId, int floor, qint64 nowMs) const
{
    return floorSeries(BuildingRegistry::MeterKind::Water, buildingId, floor, nowMs);
}

QVector<DeviceStore::Footfall> DeviceStore::footfall() const
{
    QVector<Footfall> out;
    for (int i = 0; i < m_devices.size(); ++i) {
        const DeviceState &d = m_devices.at(i);
        const BuildingRegistry::Device &rd = m_registry.buildings().at(d.building).devices.at(d.device);
        if (rd.type != QLatin1String("people") || std::isnan(d.value))
            continue;
        Footfall f;
        f.device = i;
        f.deviceId = d.id;
        for (int k = 0; k < 3; ++k)
            f.position[k] = rd.positionD[k];
        f.count = d.value;
        f.timeMs = d.timeMs;
        out.append(f);
    }
    return out;
}

} // namespace liyuan::live
