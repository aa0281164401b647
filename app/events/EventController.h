#pragma once
#include "EventListModel.h"
#include "EventMarkers.h"
#include "EventOptions.h"

#include <liyuan/geodata/LocalFrame.h>
#include <liyuan/geodata/Vec3d.h>
#include <liyuan/live/EventRecord.h>

#include <QElapsedTimer>
#include <QHash>
#include <QJsonArray>
#include <QObject>
#include <QStringList>
#include <QVariantList>
#include <QVariantMap>
#include <QVector>

#include <functional>
#include <memory>

namespace liyuan {

class CameraController;
class CoordinateTransform;
class LayerManager;

/**
 * The scene's events as QML sees them (`liyuan.events`): events from the live pipeline
 * (LiveDataController::eventsReceived → addEvents), from `--event 'TYPE:x,y[,z]'`
 * (setPendingSpecs) and from a click (placeType + placeAt). GUI thread only.
 *
 * Each event's position is converted into the scene frame (its CRS → the frame's CRS with
 * PROJ, double precision; no CRS = already scene metres). An event without z stands on the
 * ground: the composition root's ground function (a vertical pick on terrain, photogrammetry and
 * models) gives z, retried every groundRetryMs until it hits (the ground must be drawn).
 * A record whose id is known updates that event (acknowledgement kept).
 *
 * Who sees it: setSeeingCamerasFunction() (the composition root wires it to the camera index);
 * unset, hasCameraLayer is false and every seeing list is empty. Each result is a map with at
 * least "id" (a camera id), best first. Nearby: the point features of the chosen point layers
 * (EventOptions::nearbyLayers, all when empty) within nearbyRadius, horizontal distance, nearest
 * first. Both are computed when asked for and kept until something they depend on changes.
 *
 * go(id) flies to the event and emits openFeedsRequested with the topFeeds best seeing cameras
 * (the first one to project).
 */
class EventController : public QObject
{
    Q_OBJECT
    Q_PROPERTY(liyuan::EventListModel *model READ model CONSTANT)
    Q_PROPERTY(liyuan::EventMarkers *markers READ markers CONSTANT)
    Q_PROPERTY(int count READ count NOTIFY eventsChanged)
    Q_PROPERTY(int unacknowledged READ unacknowledged NOTIFY eventsChanged)
    Q_PROPERTY(QStringList types READ types NOTIFY eventsChanged)
    Q_PROPERTY(QString placeType READ placeType WRITE setPlaceType NOTIFY placeTypeChanged)
    Q_PROPERTY(int placeSeverity READ placeSeverity WRITE setPlaceSeverity NOTIFY placeTypeChanged)
    Q_PROPERTY(bool placing READ placing NOTIFY placeTypeChanged)
    Q_PROPERTY(QString selectedId READ selectedId WRITE setSelectedId NOTIFY selectionChanged)
    Q_PROPERTY(double nearbyRadius READ nearbyRadius WRITE setNearbyRadius NOTIFY optionsChanged)
    Q_PROPERTY(QStringList nearbyLayers READ nearbyLayers WRITE setNearbyLayers NOTIFY optionsChanged)
    Q_PROPERTY(QVariantList pointLayers READ pointLayers NOTIFY pointLayersChanged)
    Q_PROPERTY(bool hasCameraLayer READ hasCameraLayer NOTIFY seeingChanged)
public:
    /** Ground height (scene z) under a scene-frame point; false when nothing is drawn there yet. */
    using GroundFunction = std::function<bool(double x, double y, double *z)>;
    /** The scene point under a window pixel; false when the pixel shows nothing. */
    using PixelPickFunction = std::function<bool(double px, double py, Vec3d *hit)>;
    /** Cameras that see a scene point, best first: maps with "id" (and whatever the index adds). */
    using SeeingFunction = std::function<QVariantList(const Vec3d &scenePoint)>;

    struct Nearby
    {
        QString layerId, layerName, name;
        qint64 fid = -1;
        double distance = 0;  ///< horizontal, metres
        Vec3d position;       ///< scene frame
    };

    struct Event
    {
        live::EventRecord record;
        QString source;           ///< "mqtt" (live or replay), "cli", "click"
        Vec3d scene;              ///< scene frame (valid when placed; z valid when grounded)
        bool placed = false;      ///< converted into the scene frame
        bool grounded = false;    ///< z known (given, or from the ground pick)
        bool acknowledged = false;
        QString problem;          ///< why it is not placed/grounded yet, or ""
        bool waitingForFrame = false; ///< not placed because the scene frame does not exist yet (retried)
        // caches
        quint64 seeingRevision = 0, nearbyRevision = 0;
        QVariantList seeing;
        QVector<Nearby> nearby;
        qint64 lastGroundTryMs = -1;
    };

    EventController(LayerManager *layers, CameraController *camera, QObject *parent = nullptr);
    ~EventController() override;

    EventListModel *model() const { return m_model; }
    EventMarkers *markers() const { return m_markers; }

    void setFrameSource(std::function<bool(LocalFrame *frame)> source) { m_frameSource = std::move(source); }
    void setGroundFunction(GroundFunction f) { m_ground = std::move(f); }
    void setPixelPickFunction(PixelPickFunction f) { m_pixelPick = std::move(f); }
    /** Who sees it (composition root). Invalidates every seeing list. */
    void setSeeingCamerasFunction(SeeingFunction f);
    /** The camera layer changed (cameras moved, loaded): seeing lists are recomputed when next asked for. */
    Q_INVOKABLE void refreshSeeing();

    const EventOptions &options() const { return m_options; }
    void setOptions(const EventOptions &options);

    /** Adds or updates one event; false with *error (e.g. its CRS cannot reach the scene frame). */
    bool addRecord(const live::EventRecord &record, const QString &source, QString *error = nullptr);
    /** Events from the live pipeline (source "mqtt"). */
    void addEvents(const QList<liyuan::live::EventRecord> &events);

    /** Parses `TYPE:x,y[,z]` (scene frame; no z = on the ground); false with *error naming the problem. */
    static bool parseEventSpec(const QString &spec, live::EventRecord *out, QString *error);
    /** --event specifications, added once the scene frame is known (ids cli-1, cli-2, …). */
    void setPendingSpecs(const QStringList &specs);
    bool hasPending() const;

    QString placeType() const { return m_placeType; }
    /** Arms click placement: the next placeAt() adds an event of this type ("" disarms). */
    void setPlaceType(const QString &type);
    int placeSeverity() const { return m_placeSeverity; }
    void setPlaceSeverity(int severity);
    bool placing() const { return !m_placeType.isEmpty(); }
    /** Places an event of placeType at the scene point under the pixel (ids click-1, …) and disarms; false when nothing is there. */
    Q_INVOKABLE bool placeAt(double px, double py);

    Q_INVOKABLE bool acknowledge(const QString &id);
    Q_INVOKABLE int acknowledgeAll();
    Q_INVOKABLE bool remove(const QString &id);
    Q_INVOKABLE void clear();

    QString selectedId() const { return m_selected; }
    void setSelectedId(const QString &id);
    /** One event as a map (the state-json fields; seeing and nearby computed now); empty when unknown. */
    Q_INVOKABLE QVariantMap event(const QString &id);
    Q_INVOKABLE QVariantList seeingCameras(const QString &id);
    Q_INVOKABLE QVariantList nearby(const QString &id);
    /** Flies to the event and emits openFeedsRequested (when a camera sees it); false when it is not placed. */
    Q_INVOKABLE bool go(const QString &id);

    double nearbyRadius() const { return m_options.nearbyRadius; }
    void setNearbyRadius(double metres);
    QStringList nearbyLayers() const { return m_options.nearbyLayers; }
    void setNearbyLayers(const QStringList &ids);
    /** The scene's point layers: [{id, name, chosen}]. */
    QVariantList pointLayers() const;
    Q_INVOKABLE void setLayerChosen(const QString &id, bool chosen);
    bool hasCameraLayer() const { return bool(m_seeingFn); }

    int count() const { return int(m_events.size()); }
    int unacknowledged() const;
    QStringList types() const;
    const QVector<Event> &events() const { return m_events; }
    int indexOf(const QString &id) const;
    /** Camera eye (scene frame) for distances in the list. */
    Vec3d eye() const;

    /** Per frame: pending --event specs, placement and grounding. */
    void onFrame();
    /** Places/grounds what can be now (before --state-json). */
    void resolvePending();
    /** --state-json "events": [{id, type, severity, …, position, seeingCameras, nearby}]. */
    QJsonArray stateJson();

signals:
    void eventsChanged();
    void placeTypeChanged();
    void selectionChanged();
    void optionsChanged();
    void pointLayersChanged();
    void seeingChanged();
    /** A problem for the message area (names the event). */
    void message(const QString &text);
    /** go(): open these cameras' feeds and project the first (projectId). */
    void openFeedsRequested(const QStringList &cameraIds, const QString &projectId);
    /** The markers moved or changed (the window should redraw). */
    void markersChanged();

private:
    bool place(Event &e);
    bool ground(Event &e);
    void ensureSeeing(Event &e);
    void ensureNearby(Event &e);
    void changed();
    void rebuildMarkers();
    QVariantMap eventMap(Event &e);
    static QVariantList nearbyList(const QVector<Nearby> &list);

    LayerManager *m_layers = nullptr;
    CameraController *m_camera = nullptr;
    EventListModel *m_model = nullptr;
    EventMarkers *m_markers = nullptr;
    EventOptions m_options;
    std::function<bool(LocalFrame *)> m_frameSource;
    GroundFunction m_ground;
    PixelPickFunction m_pixelPick;
    SeeingFunction m_seeingFn;
    QVector<Event> m_events;
    QHash<QString, std::shared_ptr<CoordinateTransform>> m_transforms; ///< CRS string → to the scene frame's CRS
    QString m_transformFrameKey;
    QStringList m_pendingSpecs;
    QString m_placeType;
    int m_placeSeverity = 3;
    QString m_selected;
    quint64 m_seeingRevision = 1, m_nearbyRevision = 1;
    int m_cliCounter = 0, m_clickCounter = 0;
    QElapsedTimer m_clock;
};

} // namespace liyuan
