#include "LiveDataController.h"

#include <liyuan/geodata/CoordinateTransform.h>
#include <liyuan/live/FeedReplayer.h>

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QLoggingCategory>
#include <QUrl>

#include <cmath>

namespace liyuan {

namespace {
constexpr int kNotifyMs = 200;    ///< revision & co. at most 5×/s
constexpr int kStaleMs = 1000;
constexpr int kHeatmapMs = 500;   ///< heatmap at most 2×/s

QVariant numberOrNull(double v)
{
    return std::isfinite(v) ? QVariant(v) : QVariant::fromValue(nullptr);
}

QVariantList seriesList(const QVector<double> &s)
{
    QVariantList out;
    out.reserve(s.size());
    for (double v : s)
        out << numberOrNull(v);
    return out;
}

QString isoUtc(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs);
}

QJsonValue jsonNumberOrNull(double v)
{
    return std::isfinite(v) ? QJsonValue(v) : QJsonValue(QJsonValue::Null);
}
} // namespace

LiveDataController::LiveDataController(QObject *parent)
    : QObject(parent), m_mapping(defaultMapping()), m_markers(new DeviceMarkers), m_heatmap(new FootfallHeatmap)
{
    m_markers->QObject::setParent(this);
    m_heatmap->QObject::setParent(this);
    m_notifyTimer.setSingleShot(true);
    m_notifyTimer.setInterval(kNotifyMs);
    connect(&m_notifyTimer, &QTimer::timeout, this, &LiveDataController::emitNotifications);
    m_staleTimer.setInterval(kStaleMs);
    connect(&m_staleTimer, &QTimer::timeout, this, &LiveDataController::checkStaleness);
    m_heatmapTimer.setSingleShot(true);
    m_heatmapTimer.setInterval(kHeatmapMs);
    connect(&m_heatmapTimer, &QTimer::timeout, this, &LiveDataController::updateHeatmap);
}

LiveDataController::~LiveDataController()
{
    // sources first: their last batches must not reach a half-destroyed controller
    if (m_feed) {
        m_feed->disconnect(this);
        m_feed->stop();
    }
    if (m_replayer) {
        m_replayer->disconnect(this);
        m_replayer->stop();
    }
}

live::PayloadMapping LiveDataController::defaultMapping()
{
    live::PayloadMapping m;
    m.addSensorThings();
    for (const char *topic : {"+/+/+/telemetry", "+/+/+/+/telemetry"}) {
        live::PayloadMapping::JsonRule r;
        r.topicPattern = QString::fromLatin1(topic);
        r.deviceIdPath = QStringLiteral("id");
        r.valuePath = QStringLiteral("value"); // no time path: the arrival time is the observation time
        m.addJson(r);
    }
    return m;
}

qint64 LiveDataController::now() const
{
    return m_clock ? m_clock() : QDateTime::currentMSecsSinceEpoch();
}

void LiveDataController::setClock(std::function<qint64()> clock)
{
    m_clock = std::move(clock);
}

// ---------------------------------------------------------------- registry, frame, geometry

void LiveDataController::setSceneFrame(const LocalFrame &frame)
{
    if (frame.crs() == m_frame.crs() && frame.origin() == m_frame.origin())
        return;
    m_frame = frame;
    if (hasRegistry()) {
        rebuildGeometry();
        m_markers->reset(m_store, m_positions);
        m_footfallDirty = true;
        updateHeatmap();
        emit registryChanged(); // building geometry moved
    }
}

bool LiveDataController::loadRegistry(const QString &path, QString *error)
{
    live::BuildingRegistry reg;
    if (!reg.loadFile(path)) {
        QString msg = reg.errors().join(QLatin1Char('\n'));
        if (!msg.contains(QFileInfo(path).fileName()))
            msg = QStringLiteral("%1: %2").arg(QDir::toNativeSeparators(path), msg);
        if (error)
            *error = msg;
        return false;
    }
    m_registry = reg;
    m_registryFile = QFileInfo(path).absoluteFilePath();
    m_mapping.setKnownDevices(m_registry.deviceIds());
    resetStore();
    emit registryChanged();
    return true;
}

void LiveDataController::resetStore()
{
    m_store.reset(m_registry);
    m_notifiedStoreRevision = 0;
    m_alarmRevision = 0;
    rebuildGeometry();
    m_markers->reset(m_store, m_positions);
    m_footfallDirty = true;
    updateHeatmap();
    scheduleNotify();
}

void LiveDataController::rebuildGeometry()
{
    const auto &buildings = m_registry.buildings();
    const Crs reg = m_registry.crs().isEmpty() ? Crs() : Crs::fromString(m_registry.crs());
    const bool convert = reg.isValid() && m_frame.isGeoreferenced();
    if (reg.isValid() && !m_frame.isGeoreferenced())
        qWarning("LiveDataController: the registry is in %s but the scene frame is not georeferenced; "
                 "registry coordinates are used as scene coordinates", qPrintable(m_registry.crs()));
    std::unique_ptr<CoordinateTransform> ct;
    if (convert && reg != m_frame.crs()) {
        ct = std::make_unique<CoordinateTransform>(reg, m_frame.crs());
        if (!ct->isValid())
            qWarning("LiveDataController: no transformation %s → %s: %s", qPrintable(m_registry.crs()),
                     qPrintable(m_frame.crs().name()), qPrintable(ct->error()));
    }
    auto scene = [&](double x, double y, double z) {
        Vec3d v(x, y, z);
        if (convert) {
            if (ct && !ct->transform(v))
                qWarning("LiveDataController: cannot transform (%.3f, %.3f, %.3f)", x, y, z);
            v = m_frame.fromCrs(v);
        }
        return v;
    };

    m_positions.clear();
    m_positions.reserve(m_store.deviceCount());
    m_footprints.clear();
    m_floorBase.clear();
    for (const auto &b : buildings) {
        for (const auto &d : b.devices) {
            const Vec3d v = scene(d.positionD[0], d.positionD[1], d.positionD[2]);
            m_positions.append(QVector3D(float(v.x), float(v.y), float(v.z)));
        }
        QVector<QPointF> fp;
        double cx = 0, cy = 0;
        const double z0 = b.floors.isEmpty() ? 0.0 : b.floors.first().baseElevation;
        for (const QPointF &p : b.footprint) {
            const Vec3d v = scene(p.x(), p.y(), z0);
            fp.append(QPointF(v.x, v.y));
            cx += p.x();
            cy += p.y();
        }
        if (!b.footprint.isEmpty()) {
            cx /= b.footprint.size();
            cy /= b.footprint.size();
        } else if (!b.devices.isEmpty()) {
            cx = b.devices.first().positionD[0];
            cy = b.devices.first().positionD[1];
        }
        m_footprints.append(fp);
        QVector<double> bases;
        for (const auto &f : b.floors)
            bases.append(scene(cx, cy, f.baseElevation).z);
        m_floorBase.append(bases);
    }
}

bool LiveDataController::loadMapping(const QString &path, QString *error)
{
    live::PayloadMapping m;
    QString why;
    if (!live::PayloadMapping::loadFile(path, &m, &why)) {
        if (!why.contains(QFileInfo(path).fileName()))
            why = QStringLiteral("%1: %2").arg(QDir::toNativeSeparators(path), why);
        if (error)
            *error = why;
        return false;
    }
    if (m.isEmpty()) {
        if (error)
            *error = QStringLiteral("%1: the mapping has no rules").arg(QDir::toNativeSeparators(path));
        return false;
    }
    m_mapping = m;
    m_mapping.setKnownDevices(m_registry.deviceIds());
    return true;
}

// ---------------------------------------------------------------- sources

void LiveDataController::setMode(Mode m)
{
    if (m_mode == m)
        return;
    m_mode = m;
    emit connectionChanged();
}

void LiveDataController::stop()
{
    if (m_feed) {
        const auto c = m_feed->counters();
        m_sourceRejectedBase += c.malformed + c.unknownDevice + c.eventsMalformed;
        m_eventsBase += c.events;
        m_eventsRejectedBase += c.eventsMalformed;
        m_feed->disconnect(this);
        m_feed->stop();
        m_feed.reset();
    }
    if (m_replayer) {
        const auto c = m_replayer->counters();
        m_sourceRejectedBase += c.malformed + c.unknownDevice + c.eventsMalformed;
        m_eventsBase += c.events;
        m_eventsRejectedBase += c.eventsMalformed;
        m_replayer->disconnect(this);
        m_replayer->stop();
        m_replayer.reset();
    }
    m_feedState.clear();
    m_staleTimer.stop();
    checkStaleness();
    if (m_mode != Mode::Off) {
        m_mode = Mode::Off;
        emit connectionChanged();
    }
}

bool LiveDataController::connectBroker(const mqtt::LiveFeed::Settings &settings, QString *error)
{
    stop();
    mqtt::LiveFeed::Settings s = settings;
    const QStringList requestedTopics = settings.topics;
    if (s.topics.isEmpty())
        s.topics = m_mapping.subscriptions();
    for (const QString &t : m_eventMapping.subscriptions()) // event topics, even when the user named topics
        if (!s.topics.contains(t))
            s.topics << t;
    auto feed = std::make_unique<mqtt::LiveFeed>();
    feed->setMapping(m_mapping);
    feed->setEventMapping(m_eventMapping);
    connect(feed.get(), &mqtt::LiveFeed::observationsReady, this, &LiveDataController::onObservations);
    connect(feed.get(), &mqtt::LiveFeed::eventsReady, this, &LiveDataController::onEvents);
    connect(feed.get(), &mqtt::LiveFeed::stateChanged, this, &LiveDataController::onFeedState);
    connect(feed.get(), &mqtt::LiveFeed::connectionError, this, &LiveDataController::errorOccurred);
    if (!feed->start(s)) {
        if (error)
            *error = feed->lastError();
        return false;
    }
    m_settings = s;
    m_requestedTopics = requestedTopics;
    m_feed = std::move(feed);
    m_staleTimer.start();
    m_mode = Mode::Live;
    onFeedState();
    return true;
}

void LiveDataController::onFeedState()
{
    QString name;
    if (m_feed) {
        switch (m_feed->state()) {
        case mqtt::LiveFeed::State::Disconnected: name = QStringLiteral("disconnected"); break;
        case mqtt::LiveFeed::State::Connecting: name = QStringLiteral("connecting"); break;
        case mqtt::LiveFeed::State::Connected: name = QStringLiteral("connected"); break;
        case mqtt::LiveFeed::State::Reconnecting: name = QStringLiteral("reconnecting"); break;
        }
    }
    m_feedState = name;
    emit connectionChanged();
}

bool LiveDataController::startReplay(const QString &feedFile, QString *error)
{
    stop();
    auto rep = std::make_unique<live::FeedReplayer>();
    rep->setMapping(m_mapping);
    rep->setEventMapping(m_eventMapping);
    rep->setSpeed(m_replaySpeed);
    connect(rep.get(), &live::FeedReplayer::observationsReady, this, &LiveDataController::onObservations);
    connect(rep.get(), &live::FeedReplayer::eventsReady, this, &LiveDataController::onEvents);
    if (!rep->startFile(feedFile)) {
        QString why = rep->lastError();
        if (!why.contains(QFileInfo(feedFile).fileName()))
            why = QStringLiteral("%1: %2").arg(QDir::toNativeSeparators(feedFile), why);
        if (error)
            *error = why;
        return false;
    }
    m_replayer = std::move(rep);
    m_staleTimer.start();
    setMode(Mode::Replay);
    emit connectionChanged();
    return true;
}

void LiveDataController::setReplaySpeed(double speed)
{
    if (!(speed > 0) || !std::isfinite(speed))
        return;
    m_replaySpeed = speed;
    if (m_replayer)
        m_replayer->setSpeed(speed);
}

QString LiveDataController::connectionState() const
{
    switch (m_mode) {
    case Mode::Off: return QStringLiteral("off");
    case Mode::Replay: return QStringLiteral("replay");
    case Mode::Live: return m_feedState.isEmpty() ? QStringLiteral("connecting") : m_feedState;
    }
    return QStringLiteral("off");
}

QString LiveDataController::connectionText() const
{
    const QString state = connectionState();
    const QString url = m_settings.url;
    if (state == QLatin1String("replay"))
        return tr("Replaying the recorded feed");
    if (state == QLatin1String("connecting"))
        return tr("Connecting to %1…").arg(url);
    if (state == QLatin1String("connected"))
        return tr("Connected to %1").arg(url);
    if (state == QLatin1String("reconnecting"))
        return tr("Connection to %1 lost, reconnecting…").arg(url);
    if (state == QLatin1String("disconnected"))
        return tr("Disconnected from %1").arg(url);
    return tr("Live data off");
}

// ---------------------------------------------------------------- data flow

void LiveDataController::onObservations(const QList<live::Observation> &batch)
{
    if (batch.isEmpty())
        return;
    m_anyMessage = true;
    m_sinceMessage.start();
    const quint64 before = m_store.revision();
    m_store.apply(batch);
    if (m_store.revision() != before)
        m_markers->syncFromStore(m_store); // markers right away: publish → colour latency
    for (const live::Observation &o : batch) {
        const int i = m_store.indexOf(o.deviceId);
        if (i >= 0 && m_registry.buildings().at(m_store.device(i).building).devices.at(m_store.device(i).device).type
                          == QLatin1String("people")) {
            m_footfallDirty = true;
            break;
        }
    }
    if (m_footfallDirty && !m_heatmapTimer.isActive())
        m_heatmapTimer.start();
    scheduleNotify();
}

void LiveDataController::checkStaleness()
{
    if (m_store.updateStaleness(now()) > 0) {
        m_markers->syncFromStore(m_store);
        scheduleNotify();
    }
    const double age = lastMessageAge();
    const double rounded = age < 0 ? -1 : std::floor(age);
    if (rounded != m_lastAgeSent) {
        m_lastAgeSent = rounded;
        emit lastMessageAgeChanged();
    }
}

double LiveDataController::lastMessageAge() const
{
    return m_anyMessage ? m_sinceMessage.elapsed() / 1000.0 : -1.0;
}

void LiveDataController::scheduleNotify()
{
    if (!m_notifyTimer.isActive())
        m_notifyTimer.start();
}

void LiveDataController::flushNotifications()
{
    m_notifyTimer.stop();
    emitNotifications();
    if (m_heatmapTimer.isActive() || m_footfallDirty) {
        m_heatmapTimer.stop();
        updateHeatmap();
    }
}

void LiveDataController::emitNotifications()
{
    // alarms: raised / cleared events, or a value change of an active alarm
    bool alarmsDirty = false;
    const auto events = m_store.alarmEventsSince(m_alarmRevision);
    for (const auto &e : events)
        emit alarmEvent(e.raised, e.alarm.deviceId, e.alarm.buildingId, e.alarm.floor);
    alarmsDirty = !events.isEmpty();
    for (const auto &a : m_store.activeAlarms())
        alarmsDirty = alarmsDirty || m_store.device(a.device).revision > m_alarmRevision;
    m_alarmRevision = m_store.revision();

    const quint64 applied = quint64(messagesApplied()), rejected = quint64(messagesRejected());
    const bool countersDirty = applied != m_lastApplied || rejected != m_lastRejected;
    m_lastApplied = applied;
    m_lastRejected = rejected;

    const bool storeDirty = m_store.revision() != m_notifiedStoreRevision;
    m_notifiedStoreRevision = m_store.revision();

    if (countersDirty)
        emit countersChanged();
    if (alarmsDirty)
        emit alarmsChanged();
    if (storeDirty || countersDirty) {
        ++m_revision;
        emit revisionChanged();
    }
    const double age = lastMessageAge();
    const double rounded = age < 0 ? -1 : std::floor(age);
    if (rounded != m_lastAgeSent) {
        m_lastAgeSent = rounded;
        emit lastMessageAgeChanged();
    }
}

void LiveDataController::setHeatmapRadius(double metres)
{
    if (!(metres > 0) || metres == m_heatmap->radius())
        return;
    m_heatmap->setRadius(metres);
    m_footfallDirty = true;
    updateHeatmap();
}

void LiveDataController::updateHeatmap()
{
    if (!m_footfallDirty)
        return;
    m_footfallDirty = false;
    QVector<FootfallHeatmap::Point> pts;
    for (const auto &f : m_store.footfall()) {
        const QVector3D p = f.device >= 0 && f.device < m_positions.size() ? m_positions.at(f.device) : QVector3D();
        pts.append({p.x(), p.y(), p.z(), f.count});
    }
    const bool had = hasHeatmap();
    const QVector3D c = heatmapCenter(), s = heatmapSize();
    if (m_heatmap->update(pts) || had != hasHeatmap() || c != heatmapCenter() || s != heatmapSize())
        emit heatmapChanged();
}

quint64 LiveDataController::sourceRejected() const
{
    quint64 n = m_sourceRejectedBase;
    if (m_feed) {
        const auto c = m_feed->counters();
        n += c.malformed + c.unknownDevice + c.eventsMalformed;
    }
    if (m_replayer) {
        const auto c = m_replayer->counters();
        n += c.malformed + c.unknownDevice + c.eventsMalformed;
    }
    return n;
}

qint64 LiveDataController::eventsDecoded() const
{
    quint64 n = m_eventsBase;
    if (m_feed)
        n += m_feed->counters().events;
    if (m_replayer)
        n += m_replayer->counters().events;
    return qint64(n);
}

qint64 LiveDataController::eventsRejected() const
{
    quint64 n = m_eventsRejectedBase;
    if (m_feed)
        n += m_feed->counters().eventsMalformed;
    if (m_replayer)
        n += m_replayer->counters().eventsMalformed;
    return qint64(n);
}

void LiveDataController::onEvents(const QList<live::EventRecord> &events)
{
    scheduleNotify(); // the counters
    emit eventsReceived(events);
}

bool LiveDataController::loadEventMapping(const QString &path, QString *error)
{
    live::EventMapping m;
    QString why;
    if (!live::EventMapping::loadFile(path, &m, &why)) {
        if (error)
            *error = why;
        return false;
    }
    m_eventMapping = m;
    return true;
}

bool LiveDataController::openEventMapping(const QString &input)
{
    const QString path = QUrl(input).isLocalFile() ? QUrl(input).toLocalFile() : input;
    QString error;
    if (!loadEventMapping(path, &error)) {
        emit errorOccurred(error);
        return false;
    }
    m_eventMappingFile = QFileInfo(path).absoluteFilePath();
    // a running source picks the event rules up: reconnect (the password is still in memory) or replay again
    if (m_mode == Mode::Live && m_feed) {
        mqtt::LiveFeed::Settings s = m_settings;
        s.topics = m_requestedTopics; // derived again from the mappings
        QString why;
        if (!connectBroker(s, &why))
            emit errorOccurred(why);
    } else if (m_mode == Mode::Replay && !m_replayFile.isEmpty()) {
        QString why;
        if (!startReplay(m_replayFile, &why))
            emit errorOccurred(why);
    }
    return true;
}

qint64 LiveDataController::messagesApplied() const
{
    return qint64(m_store.counters().applied);
}

qint64 LiveDataController::messagesRejected() const
{
    return qint64(sourceRejected() + m_store.counters().rejected);
}

// ---------------------------------------------------------------- queries

QVariantMap LiveDataController::alarmMap(const live::DeviceStore::Alarm &a) const
{
    const auto &d = m_store.device(a.device);
    const auto &rd = m_registry.buildings().at(d.building).devices.at(d.device);
    return QVariantMap{
        {QStringLiteral("deviceId"), a.deviceId},
        {QStringLiteral("type"), rd.type},
        {QStringLiteral("buildingId"), a.buildingId},
        {QStringLiteral("floor"), a.floor},
        {QStringLiteral("value"), numberOrNull(a.value)},
        {QStringLiteral("unit"), rd.unit},
        {QStringLiteral("threshold"), numberOrNull(a.threshold)},
        {QStringLiteral("since"), isoUtc(a.sinceMs)},
    };
}

QVariantList LiveDataController::alarms() const
{
    QVariantList out;
    for (const auto &a : m_store.activeAlarms())
        out << alarmMap(a);
    return out;
}

QVariantMap LiveDataController::buildingMap(int index) const
{
    const auto &b = m_registry.buildings().at(index);
    QVariantList footprint;
    for (const QPointF &p : m_footprints.value(index))
        footprint << QVariant(QVariantList{p.x(), p.y()});
    QVariantList floors;
    const QVector<double> bases = m_floorBase.value(index);
    for (int k = 0; k < b.floors.size(); ++k) {
        const auto &f = b.floors.at(k);
        floors << QVariantMap{{QStringLiteral("number"), f.number},
                              {QStringLiteral("name"), f.name},
                              {QStringLiteral("base"), k < bases.size() ? bases.at(k) : f.baseElevation},
                              {QStringLiteral("height"), f.height}};
    }
    QString model;
    if (!b.model.isEmpty()) {
        const QFileInfo fi(b.model);
        model = fi.isAbsolute() ? QDir::cleanPath(b.model)
                                : QDir::cleanPath(QFileInfo(m_registryFile).absoluteDir().filePath(b.model));
    }
    return QVariantMap{
        {QStringLiteral("id"), b.id},
        {QStringLiteral("name"), b.name},
        {QStringLiteral("block"), b.block},
        {QStringLiteral("district"), m_registry.districtName()},
        {QStringLiteral("model"), model},
        {QStringLiteral("floorPattern"), b.floorPattern},
        {QStringLiteral("footprint"), footprint},
        {QStringLiteral("floors"), floors},
    };
}

QVariantList LiveDataController::buildings() const
{
    QVariantList out;
    for (int i = 0; i < m_registry.buildings().size(); ++i)
        out << buildingMap(i);
    return out;
}

QVariantMap LiveDataController::building(const QString &id) const
{
    for (int i = 0; i < m_registry.buildings().size(); ++i)
        if (m_registry.buildings().at(i).id == id)
            return buildingMap(i);
    return {};
}

QVariantList LiveDataController::devicesOnFloor(const QString &buildingId, int floor) const
{
    QVariantList out;
    const qint64 t = now();
    for (int i = 0; i < m_store.deviceCount(); ++i) {
        const auto &d = m_store.device(i);
        if (d.floor != floor)
            continue;
        const auto &b = m_registry.buildings().at(d.building);
        if (b.id != buildingId)
            continue;
        const auto &rd = b.devices.at(d.device);
        out << QVariantMap{
            {QStringLiteral("id"), d.id},
            {QStringLiteral("type"), rd.type},
            {QStringLiteral("value"), numberOrNull(d.value)},
            {QStringLiteral("text"), d.text},
            {QStringLiteral("unit"), rd.unit},
            {QStringLiteral("state"), live::DeviceStore::stateName(d.state)},
            {QStringLiteral("ageSeconds"), d.timeMs > 0 ? std::max(0.0, (t - d.timeMs) / 1000.0) : -1.0},
            {QStringLiteral("position"), m_markers->positionAt(i)},
        };
    }
    return out;
}

QVariantMap LiveDataController::floorSummary(const QString &buildingId, int floor) const
{
    const qint64 t = now();
    const auto power = m_store.floorPower(buildingId, floor, t);
    const auto water = m_store.floorWater(buildingId, floor, t);
    QVariantList tenants;
    int devices = 0;
    for (const auto &b : m_registry.buildings()) {
        if (b.id != buildingId)
            continue;
        for (const auto &tn : b.tenants)
            if (tn.floor == floor)
                tenants << QVariantMap{{QStringLiteral("company"), tn.company},
                                       {QStringLiteral("industry"), tn.industry},
                                       {QStringLiteral("area"), tn.area}};
        for (const auto &d : b.devices)
            devices += d.floor == floor ? 1 : 0;
    }
    QVariantList alarms;
    for (const auto &a : m_store.activeAlarms())
        if (a.buildingId == buildingId && a.floor == floor)
            alarms << alarmMap(a);
    return QVariantMap{
        {QStringLiteral("power"), numberOrNull(power.current)},
        {QStringLiteral("water"), numberOrNull(water.current)},
        {QStringLiteral("powerSeries"), seriesList(power.series)},
        {QStringLiteral("waterSeries"), seriesList(water.series)},
        {QStringLiteral("seriesStart"), isoUtc(power.firstBucketStartMs)},
        {QStringLiteral("powerMeters"), power.meters},
        {QStringLiteral("waterMeters"), water.meters},
        {QStringLiteral("tenants"), tenants},
        {QStringLiteral("alarms"), alarms},
        {QStringLiteral("devices"), devices},
    };
}

QVector3D LiveDataController::devicePosition(const QString &deviceId) const
{
    return m_markers->positionAt(m_store.indexOf(deviceId));
}

QVector3D LiveDataController::deviceBasePosition(const QString &deviceId) const
{
    const int i = m_store.indexOf(deviceId);
    return i >= 0 && i < m_positions.size() ? m_positions.at(i) : QVector3D();
}

// ---------------------------------------------------------------- JSON

QJsonObject LiveDataController::stateJson() const
{
    const qint64 t = now();
    QJsonArray devices;
    for (int i = 0; i < m_store.deviceCount(); ++i) {
        const auto &d = m_store.device(i);
        const auto &b = m_registry.buildings().at(d.building);
        devices.append(QJsonObject{
            {QStringLiteral("id"), d.id},
            {QStringLiteral("building"), b.id},
            {QStringLiteral("floor"), d.floor},
            {QStringLiteral("type"), b.devices.at(d.device).type},
            {QStringLiteral("value"), jsonNumberOrNull(d.value)},
            {QStringLiteral("text"), d.text},
            {QStringLiteral("time"), d.timeMs > 0 ? QJsonValue(isoUtc(d.timeMs)) : QJsonValue(QJsonValue::Null)},
            {QStringLiteral("state"), live::DeviceStore::stateName(d.state)},
            {QStringLiteral("ageSeconds"), d.timeMs > 0 ? QJsonValue(std::max(0.0, (t - d.timeMs) / 1000.0)) : QJsonValue(-1)},
        });
    }
    QJsonArray alarms;
    for (const auto &a : m_store.activeAlarms())
        alarms.append(QJsonObject::fromVariantMap(alarmMap(a)));
    return QJsonObject{
        {QStringLiteral("connection"), connectionState()},
        {QStringLiteral("broker"), brokerUrl()},
        {QStringLiteral("registry"), m_registryFile},
        {QStringLiteral("messagesApplied"), messagesApplied()},
        {QStringLiteral("messagesRejected"), messagesRejected()},
        {QStringLiteral("eventMapping"), m_eventMappingFile},
        {QStringLiteral("eventsDecoded"), eventsDecoded()},
        {QStringLiteral("eventsRejected"), eventsRejected()},
        {QStringLiteral("recentErrors"), QJsonArray::fromStringList(m_feed ? m_feed->recentErrors()
                                                                    : m_replayer ? m_replayer->recentErrors() : QStringList())},
        {QStringLiteral("lastMessageAge"), lastMessageAge()},
        {QStringLiteral("devices"), devices},
        {QStringLiteral("alarms"), alarms},
    };
}

QJsonObject LiveDataController::settingsJson(const mqtt::LiveFeed::Settings &s)
{
    QJsonObject o{{QStringLiteral("url"), s.url}};
    if (!s.clientId.isEmpty())
        o.insert(QStringLiteral("clientId"), s.clientId);
    if (!s.username.isEmpty())
        o.insert(QStringLiteral("username"), s.username);
    if (!s.caFile.isEmpty())
        o.insert(QStringLiteral("caFile"), s.caFile);
    return o;
}

QJsonObject LiveDataController::settingsJson() const
{
    return m_settings.url.isEmpty() ? QJsonObject() : settingsJson(m_settings);
}

mqtt::LiveFeed::Settings LiveDataController::settingsFromJson(const QJsonObject &json)
{
    mqtt::LiveFeed::Settings s;
    s.url = json.value(QStringLiteral("url")).toString();
    s.clientId = json.value(QStringLiteral("clientId")).toString();
    s.username = json.value(QStringLiteral("username")).toString();
    s.caFile = json.value(QStringLiteral("caFile")).toString();
    return s;
}

// --- files by name and the project's part ---------------------------------------------

bool LiveDataController::openRegistry(const QString &input)
{
    const QString path = QUrl(input).isLocalFile() ? QUrl(input).toLocalFile() : input;
    // one registry, parsed once: the live layer owns it, the drill-down reads it
    LocalFrame frame;
    if (m_frameSource && m_frameSource(&frame))
        setSceneFrame(frame);
    QString error;
    if (!loadRegistry(QFileInfo(path).absoluteFilePath(), &error)) {
        for (const QString &e : error.split(QLatin1Char('\n'), Qt::SkipEmptyParts))
            emit errorOccurred(e);
        return false;
    }
    emit registryOpened();
    return true;
}

bool LiveDataController::openMapping(const QString &input)
{
    const QString path = QUrl(input).isLocalFile() ? QUrl(input).toLocalFile() : input;
    QString error;
    if (!loadMapping(path, &error)) {
        emit errorOccurred(error);
        return false;
    }
    m_mappingFile = QFileInfo(path).absoluteFilePath();
    return true;
}

bool LiveDataController::openReplay(const QString &feedFile)
{
    QString error;
    if (!startReplay(feedFile, &error)) {
        emit errorOccurred(error);
        return false;
    }
    m_replayFile = QFileInfo(feedFile).absoluteFilePath();
    return true;
}

bool LiveDataController::connectTo(const QString &url, const QString &clientId, const QString &user,
                                   const QString &password, const QString &caFile)
{
    mqtt::LiveFeed::Settings settings;
    settings.url = url.trimmed();
    settings.clientId = clientId.trimmed();
    settings.username = user;
    settings.password = password;
    settings.caFile = QUrl(caFile).isLocalFile() ? QUrl(caFile).toLocalFile() : caFile;
    QString error;
    m_userSource = true;
    if (!connectBroker(settings, &error)) {
        emit errorOccurred(error);
        return false;
    }
    emit userConnected();
    return true;
}

QJsonObject LiveDataController::projectJson(const QDir &base) const
{
    if (m_registryFile.isEmpty() && m_eventMappingFile.isEmpty())
        return {};
    const bool replay = connectionState() == QLatin1String("replay");
    QJsonObject live = settingsJson();
    if (replay || brokerUrl().isEmpty())
        live = QJsonObject();
    if (replay && !m_replayFile.isEmpty())
        live.insert(QStringLiteral("replay"), base.relativeFilePath(m_replayFile));
    if (!m_registryFile.isEmpty())
        live.insert(QStringLiteral("registry"), base.relativeFilePath(m_registryFile));
    if (!m_mappingFile.isEmpty())
        live.insert(QStringLiteral("mapping"), base.relativeFilePath(m_mappingFile));
    if (!m_eventMappingFile.isEmpty())
        live.insert(QStringLiteral("eventMapping"), base.relativeFilePath(m_eventMappingFile));
    return live;
}

void LiveDataController::applyProjectJson(const QJsonObject &live, const QDir &base)
{
    if (live.isEmpty())
        return;
    // registry, mapping, and the broker (connects; a password must be given again in the
    // connection dialog) or the recorded feed
    const QString reg = live.value(QStringLiteral("registry")).toString();
    if (!reg.isEmpty())
        openRegistry(base.absoluteFilePath(reg));
    const QString map = live.value(QStringLiteral("mapping")).toString();
    if (!map.isEmpty())
        openMapping(base.absoluteFilePath(map));
    const QString events = live.value(QStringLiteral("eventMapping")).toString();
    if (!events.isEmpty() && !m_eventMappingPinned) // before the source starts: it subscribes the event topics
        openEventMapping(base.absoluteFilePath(events));
    const mqtt::LiveFeed::Settings settings = settingsFromJson(live);
    const QString replay = live.value(QStringLiteral("replay")).toString();
    if (!settings.url.isEmpty() && !m_userSource) {
        QString error;
        if (!connectBroker(settings, &error))
            emit errorOccurred(error);
    } else if (!replay.isEmpty() && !m_userSource) {
        openReplay(base.absoluteFilePath(replay));
    }
}

} // namespace liyuan
