#pragma once
#include "DeviceMarkers.h"
#include "FootfallHeatmap.h"

#include <liyuan/geodata/LocalFrame.h>
#include <liyuan/live/BuildingRegistry.h>
#include <liyuan/live/DeviceStore.h>
#include <liyuan/mqtt/LiveFeed.h>
#include <liyuan/live/PayloadMapping.h>
#include <liyuan/live/EventMapping.h>

#include <QElapsedTimer>
#include <QJsonObject>
#include <QObject>
#include <QString>
#include <QTimer>
#include <QVariant>
#include <QVariantList>
#include <QVariantMap>
#include <QVector3D>
#include <QDir>
#include <QVector>

#include <functional>
#include <memory>

namespace liyuan {

namespace live {
class FeedReplayer;
}

/**
 * The live IoT layer of the scene as QML sees it (`liyuan.live`): a building registry, a payload
 * mapping, one data source (a real MQTT broker through LiveFeed, or the embedded replay of a
 * recorded feed through FeedReplayer — the same observationsReady pipeline), the DeviceStore they
 * feed, device markers, the footfall heatmap and the drill-down queries. GUI thread only.
 *
 * Coordinates: registry coordinates are in the registry's "crs" (or scene metres when it has
 * none) and are converted to the scene frame set by setSceneFrame() (x east, y north, z up,
 * metres from the frame origin) with CoordinateTransform in double precision. When the registry
 * has a CRS but the scene frame is not georeferenced, the registry's CRS coordinates are used as
 * they are (a warning is logged): set the scene frame first in that case.
 *
 * Mapping: loadMapping() reads a mapping file (PayloadMapping::loadFile). Without one the
 * default is OGC SensorThings (`v1.1/Datastreams(<id>)/Observations`, datastream id = device id)
 * plus JSON rules for `+/+/+/telemetry` and `+/+/+/+/telemetry` with payload
 * `{"id": device, "value": v}` stamped with the arrival time (a mapping file can name a time
 * field). The mapping is used from the next
 * connectBroker() / startReplay().
 *
 * Change notification: data updates the markers immediately (cheap, incremental); `revision`
 * and the other NOTIFY properties are emitted at most ~5×/s, so QML re-reads the drill-down
 * queries on `revisionChanged`. The heatmap is rebuilt at most 2×/s when footfall changed; a
 * 1 s timer marks devices stale (DeviceStore::updateStaleness) and refreshes ages.
 *
 * Events: an event mapping (loadEventMapping, the project's `live.eventMapping`, --event-mapping)
 * adds event rules to the same source: their topics are subscribed too, messages on them become
 * EventRecords (never observations) and are forwarded by `eventsReceived`; rejected ones count
 * in messagesRejected and appear as messages. Setting an event mapping while a broker or replay
 * runs restarts that source with it.
 *
 * The broker password is kept in memory only: settingsJson() never contains it.
 */
class LiveDataController : public QObject
{
    Q_OBJECT
    Q_PROPERTY(QString connectionState READ connectionState NOTIFY connectionChanged)
    Q_PROPERTY(QString connectionText READ connectionText NOTIFY connectionChanged)
    Q_PROPERTY(QString brokerUrl READ brokerUrl NOTIFY connectionChanged)
    Q_PROPERTY(double lastMessageAge READ lastMessageAge NOTIFY lastMessageAgeChanged)
    Q_PROPERTY(qint64 messagesApplied READ messagesApplied NOTIFY countersChanged)
    Q_PROPERTY(qint64 messagesRejected READ messagesRejected NOTIFY countersChanged)
    Q_PROPERTY(QVariantList alarms READ alarms NOTIFY alarmsChanged)
    Q_PROPERTY(int revision READ revision NOTIFY revisionChanged)
    Q_PROPERTY(liyuan::DeviceMarkers *markers READ markers CONSTANT)
    Q_PROPERTY(QQuick3DTextureData *heatmap READ heatmap CONSTANT)
    Q_PROPERTY(QVector3D heatmapCenter READ heatmapCenter NOTIFY heatmapChanged)
    Q_PROPERTY(QVector3D heatmapSize READ heatmapSize NOTIFY heatmapChanged)
    Q_PROPERTY(bool hasHeatmap READ hasHeatmap NOTIFY heatmapChanged)
    Q_PROPERTY(bool hasRegistry READ hasRegistry NOTIFY registryChanged)
    Q_PROPERTY(QString districtName READ districtName NOTIFY registryChanged)
    Q_PROPERTY(QString registryFile READ registryFile NOTIFY registryChanged)
public:
    enum class Mode { Off, Live, Replay };

    explicit LiveDataController(QObject *parent = nullptr);
    ~LiveDataController() override;

    /** The scene frame; registry coordinates are converted into it (again, when a registry is loaded). */
    void setSceneFrame(const LocalFrame &frame);
    LocalFrame sceneFrame() const { return m_frame; }

    /** Loads a building registry; on failure keeps the previous one, *error names the file (and records). */
    bool loadRegistry(const QString &path, QString *error = nullptr);
    /** Loads a payload mapping file; on failure keeps the previous mapping, *error names the file. */
    bool loadMapping(const QString &path, QString *error = nullptr);
    /** The mapping used for the next connectBroker() / startReplay(). */
    const live::PayloadMapping &mapping() const { return m_mapping; }
    /** Loads an event mapping file (EventMapping::loadFile); on failure keeps the previous one, *error names the file. */
    bool loadEventMapping(const QString &path, QString *error = nullptr);
    /** Loads an event mapping (path or file:// URL), restarting a running source; false with errorOccurred naming the file. */
    bool openEventMapping(const QString &path);
    const live::EventMapping &eventMapping() const { return m_eventMapping; }
    QString eventMappingFile() const { return m_eventMappingFile; }
    /** Events decoded by the sources so far (live and replay), and those rejected. */
    qint64 eventsDecoded() const;
    qint64 eventsRejected() const;
    /** SensorThings + the JSON telemetry rules described above. */
    static live::PayloadMapping defaultMapping();

    /**
     * Connects to a broker (stopping any running source). Topics: settings.topics when given,
     * else the mapping's subscriptions(). False (with *error, never the password) when the
     * settings are unusable; connection problems later show in connectionState (reconnecting).
     */
    bool connectBroker(const mqtt::LiveFeed::Settings &settings, QString *error = nullptr);
    /** Replays a recorded feed (FeedRecording .jsonl) through the same pipeline (stopping any running source). */
    bool startReplay(const QString &feedFile, QString *error = nullptr);
    /** Replay speed (> 0, 1 = real time); applies to the running replay too. */
    void setReplaySpeed(double speed);
    /** Stops the data source; the last values stay (they go stale). */
    Q_INVOKABLE void stop();
    Mode mode() const { return m_mode; }

    QString connectionState() const;
    QString connectionText() const;
    QString brokerUrl() const { return m_mode == Mode::Live ? m_settings.url : QString(); }
    /** Seconds since the last observation arrived (-1: none yet). */
    double lastMessageAge() const;
    qint64 messagesApplied() const;
    /** Malformed and unknown-device messages (source side) plus observations the store refused. */
    qint64 messagesRejected() const;
    QVariantList alarms() const;
    int revision() const { return m_revision; }
    DeviceMarkers *markers() const { return m_markers; }
    QQuick3DTextureData *heatmap() const { return m_heatmap; }
    FootfallHeatmap *footfallHeatmap() const { return m_heatmap; }
    QVector3D heatmapCenter() const { return m_heatmap->center(); }
    QVector3D heatmapSize() const { return m_heatmap->extentSize(); }
    bool hasHeatmap() const { return !m_heatmap->isEmpty(); }
    bool hasRegistry() const { return !m_registry.buildings().isEmpty(); }
    QString districtName() const { return m_registry.districtName(); }
    QString registryFile() const { return m_registryFile; }

    const live::DeviceStore &store() const { return m_store; }
    const live::BuildingRegistry &registry() const { return m_registry; }
    /** Heatmap kernel radius in metres (default 25). */
    void setHeatmapRadius(double metres);

    /** [{id, name, block, district, model, floorPattern, footprint: [[x, y]…], floors: [{number, name, base, height}]}] (scene frame). */
    Q_INVOKABLE QVariantList buildings() const;
    /** One building as in buildings(); an empty map when unknown. */
    Q_INVOKABLE QVariantMap building(const QString &id) const;
    /** [{id, type, value (null: none), text, unit, state, ageSeconds (-1: never), position (drawn, incl. lift)}]. */
    Q_INVOKABLE QVariantList devicesOnFloor(const QString &buildingId, int floor) const;
    /** {power, water (null: no data), powerSeries, waterSeries (96 × 15 min, null = no data), seriesStart (ISO UTC),
     *  powerMeters, waterMeters, tenants: [{company, industry, area}], alarms: [...], devices (count)}. */
    Q_INVOKABLE QVariantMap floorSummary(const QString &buildingId, int floor) const;
    /** Where the device's marker is drawn (scene frame, with its floor's lift); (0,0,0) when unknown. */
    Q_INVOKABLE QVector3D devicePosition(const QString &deviceId) const;
    /** Where the device is, without lift (scene frame). */
    QVector3D deviceBasePosition(const QString &deviceId) const;

    /** What --state-json reports of the live layer. */
    QJsonObject stateJson() const;
    /** Broker settings for a project (url, clientId, username, caFile; never the password). */
    QJsonObject settingsJson() const;
    static QJsonObject settingsJson(const mqtt::LiveFeed::Settings &settings);
    /** The inverse of settingsJson (password empty; topics empty = from the mapping). */
    static mqtt::LiveFeed::Settings settingsFromJson(const QJsonObject &json);

    // --- files by name and the project's part (problems go to errorOccurred) ---
    /** Where the scene frame comes from when a registry is opened (false: none yet). */
    void setFrameSource(std::function<bool(LocalFrame *frame)> source) { m_frameSource = std::move(source); }
    /** Loads a registry (path or file:// URL) for the drill-down and the devices; false with one errorOccurred per problem. */
    Q_INVOKABLE bool openRegistry(const QString &path);
    /** Loads a payload mapping (path or file:// URL); false with errorOccurred naming the file. */
    bool openMapping(const QString &path);
    /** Replays a recorded feed (no broker); false with errorOccurred. */
    bool openReplay(const QString &feedFile);
    /** Connects to a broker chosen by the user (--mqtt, the connection dialog; the password stays in memory). */
    Q_INVOKABLE bool connectTo(const QString &url, const QString &clientId, const QString &user,
                               const QString &password, const QString &caFile);
    /** The user chose a broker: a project's or the demo's source does not replace it. */
    bool userSource() const { return m_userSource; }
    /** The command line's event mapping stays when a project (the demo's too) names its own. */
    void setEventMappingPinned(bool pinned) { m_eventMappingPinned = pinned; }
    /** The project's "live" object: registry, mapping, broker (never the password) or replay; empty without a registry. */
    QJsonObject projectJson(const QDir &base) const;
    /** Opens what a project's "live" object names (paths relative to base); connects unless the user chose a source. */
    void applyProjectJson(const QJsonObject &live, const QDir &base);

    /** Test hook: the wall clock in UTC ms used for staleness and ages (default: the system clock). */
    void setClock(std::function<qint64()> clock);
    /** Runs the staleness check now (the 1 s timer calls it). */
    void checkStaleness();
    /** Emits the pending throttled notifications now (tests). */
    void flushNotifications();

signals:
    void connectionChanged();
    void lastMessageAgeChanged();
    void countersChanged();
    void alarmsChanged();
    void revisionChanged();
    void heatmapChanged();
    void registryChanged();
    /** An alarm was raised (raised = true) or cleared on a device; for notifications. */
    void alarmEvent(bool raised, const QString &deviceId, const QString &buildingId, int floor);
    /** A connection or source problem, human readable (never contains the password). */
    void errorOccurred(const QString &message);
    /** openRegistry() loaded a registry (drill-down targets follow). */
    void registryOpened();
    /** connectTo() connected a broker the user chose (the project changed). */
    void userConnected();
    /** Events decoded from the broker or the replay (GUI thread, in arrival order). */
    void eventsReceived(const QList<liyuan::live::EventRecord> &events);

private:
    void onObservations(const QList<live::Observation> &batch);
    void onEvents(const QList<live::EventRecord> &events);
    void onFeedState();
    void scheduleNotify();
    void emitNotifications();
    void updateHeatmap();
    void rebuildGeometry();
    void resetStore();
    void setMode(Mode m);
    QVariantMap alarmMap(const live::DeviceStore::Alarm &a) const;
    QVariantMap buildingMap(int index) const;
    qint64 now() const;
    quint64 sourceRejected() const;

    LocalFrame m_frame;
    live::BuildingRegistry m_registry;
    live::PayloadMapping m_mapping;
    live::EventMapping m_eventMapping;
    QString m_eventMappingFile;
    quint64 m_eventsBase = 0, m_eventsRejectedBase = 0; ///< counted by sources already stopped
    QStringList m_requestedTopics; ///< the topics connectBroker() was given (empty: from the mappings)
    live::DeviceStore m_store;
    QString m_registryFile;
    QString m_mappingFile;
    QString m_replayFile;
    bool m_userSource = false;
    bool m_eventMappingPinned = false; ///< --event-mapping: a project's (the demo's) mapping does not replace it
    std::function<bool(LocalFrame *)> m_frameSource;
    std::unique_ptr<mqtt::LiveFeed> m_feed;
    std::unique_ptr<live::FeedReplayer> m_replayer;
    mqtt::LiveFeed::Settings m_settings;
    double m_replaySpeed = 1.0;
    Mode m_mode = Mode::Off;
    DeviceMarkers *m_markers = nullptr;
    FootfallHeatmap *m_heatmap = nullptr;
    std::function<qint64()> m_clock;

    QVector<QVector3D> m_positions;              ///< per dense device index, scene frame
    QVector<QVector<QPointF>> m_footprints;      ///< per building, scene frame
    QVector<QVector<double>> m_floorBase;        ///< per building, per floor (registry order): scene z

    QTimer m_notifyTimer;      ///< throttles revision / counters / alarms notifications (≤ 5/s)
    QTimer m_staleTimer;       ///< 1 s staleness check
    QTimer m_heatmapTimer;     ///< ≤ 2/s heatmap rebuild
    QElapsedTimer m_sinceMessage;
    bool m_anyMessage = false;
    bool m_footfallDirty = false;
    quint64 m_notifiedStoreRevision = 0;
    quint64 m_sourceRejectedBase = 0;   ///< rejects counted by sources already stopped
    quint64 m_lastApplied = 0, m_lastRejected = 0;
    quint64 m_alarmRevision = 0;        ///< store revision of the last alarm list sent
    int m_revision = 0;
    double m_lastAgeSent = -2;
    QString m_feedState;                ///< LiveFeed state name while Live
};

} // namespace liyuan
