#include "SceneController.h"
#include "FramePacer.h"

#include <liyuan/scene/RemoteSource.h>
#include <liyuan/scene/RemoteUrl.h>
#include <liyuan/demo/DemoDistrict.h>
#include <liyuan/demo/DemoProject.h>
#include <liyuan/scene/RunThen.h>

#include <algorithm>
#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QMap>
#include <QMetaObject>
#include <QQuickWindow>
#include <QSettings>
#include <QUrl>

namespace liyuan {

namespace {
QJsonObject vecJson(const Vec3d &v)
{
    return QJsonObject{{QStringLiteral("x"), v.x}, {QStringLiteral("y"), v.y}, {QStringLiteral("z"), v.z}};
}
} // namespace

SceneController::SceneController(QObject *parent)
    : QObject(parent),
      m_streamer(new TileStreamer(this)),
      m_tiles(new TileDrawableModel(this)),
      m_camera(new CameraController(this)),
      m_layers(new LayerManager(m_streamer, m_tiles, this))
{
    m_streamer->setRenderer(m_tiles);
    connect(m_streamer, &TileStreamer::tileFailed, this, [this](const QString &, const QString &error) { addMessage(error); });
    m_streamFrameTimer = new QTimer(this);
    m_streamFrameTimer->setSingleShot(true);
    connect(m_streamFrameTimer, &QTimer::timeout, this, &SceneController::updateWindow);
    connect(m_streamer, &TileStreamer::contentArrived, this, &SceneController::requestStreamingFrame);
    connect(m_camera, &CameraController::poseChanged, this, &SceneController::updateWindow);
    connect(m_layers, &LayerManager::message, this, &SceneController::addMessage);
    connect(m_layers, &LayerManager::zoomRequested, this, [this](const Vec3d &mn, const Vec3d &mx) {
        m_camera->lookAtBox(mn, mx, true);
    });
    connect(m_layers->model(), &LayerListModel::countChanged, this, &SceneController::datasetsChanged);

    // projects: layers, frame, camera and bookmarks; the capabilities below add their parts
    m_project = new ProjectController(m_streamer, m_layers, m_camera, this);
    connect(m_project, &ProjectController::message, this, &SceneController::addMessage);
    connect(m_project, &ProjectController::applied, this, [this](bool hasCamera) {
        m_homeApplied = false;
        m_autoHome = !hasCamera;
        emit datasetsChanged();
        updateWindow();
    });
    connect(m_project, &ProjectController::cleared, this, [this] {
        m_homeApplied = false;
        m_autoHome = true;
        emit datasetsChanged();
    });

    m_pois = new PointOverlayModel(this);
    m_clipping = new SceneClipping(this);
    connect(this, &SceneController::frameUpdated, this, [this] { m_pois->update(m_camera->viewState()); });

    // live data: registry, mapping, broker or the recorded feed
    m_live = new LiveDataController(this);
    m_live->setFrameSource([this](LocalFrame *frame) {
        if (!m_streamer->hasSceneFrame())
            return false;
        *frame = m_streamer->sceneFrame();
        return true;
    });
    connect(m_live, &LiveDataController::errorOccurred, this, &SceneController::addMessage);
    connect(m_live, &LiveDataController::revisionChanged, this, &SceneController::updateWindow);
    connect(m_live, &LiveDataController::userConnected, m_project, &ProjectController::markDirty);

    // drill-down: buildings from the registry and model layers, floors sliced, markers lifted
    m_drill = new DrillDownController(m_tiles, m_clipping, m_camera, this);
    m_drillTargets = new DrillTargets(m_drill, m_streamer, m_tiles, m_layers, m_live, this);
    connect(m_drillTargets, &DrillTargets::message, this, &SceneController::addMessage);

    // placement: the model placement editor follows each frame (handles, snapping once a model is in)
    m_placement = new PlacementEditor(m_streamer, m_layers, [this] { return m_camera->viewState(); }, this);
    connect(m_placement, &PlacementEditor::message, this, &SceneController::addMessage);
    connect(this, &SceneController::frameUpdated, m_placement, &PlacementEditor::refreshHandles);

    // review: tools, overlay labels projected each frame, pending --measure runs
    m_review = new ReviewController(m_streamer, m_layers, m_camera, this);
    connect(m_review, &ReviewController::message, this, &SceneController::addMessage);
    connect(m_review, &ReviewController::edited, m_project, &ProjectController::markDirty); // measurements are saved
    connect(this, &SceneController::frameUpdated, m_review, [this] {
        m_review->onFrame();
        m_review->updateLabels(m_camera->viewState());
    });

    // schemes: design schemes own their model layers and the "scheme" clipping polygons
    m_schemes = new SchemeManager(m_layers, m_streamer, m_clipping, this);
    connect(m_schemes, &SchemeManager::message, this, &SceneController::addMessage);
    connect(m_schemes, &SchemeManager::changed, m_project, &ProjectController::markDirty);
    connect(m_schemes, &SchemeManager::revisionChanged, m_review, [this] { m_review->recheckQuietly(); });
    m_placement->setShownInMainView([this](int ds) { return m_schemes->showsDataset(ds, 0); });
    // review: the height check looks at what the main view draws (not the compare view's scheme)
    m_review->setShownFilter([this](int dataset) { return m_schemes->showsDataset(dataset, 0); });

    // picking and selection: each view hits what it draws — flattened photogrammetry where it is
    // drawn, clipped parts looked through (the shaders' cuts mirrored on the CPU)
    m_selection = new SelectionController(m_streamer, m_layers, m_camera, m_pois, this);
    m_selection->setViewFilter([this](int ds, int view) { return m_schemes->showsDataset(ds, view); });
    m_selection->setBuildingHook([this](const PickResult &hit, int) {
        return m_drillTargets->focusPicked(hit, m_schemes->showsDataset(hit.dataset, 0));
    });
    connect(m_selection, &SelectionController::selectionChanged, this, &SceneController::updateWindow);
    PickClipping cuts[2];
    for (int view = 0; view < 2; ++view) {
        cuts[view] = m_clipping->pickClipping(view, [this](int ds) { return m_schemes->isAreaTarget(ds); });
        m_selection->setPickClipping(view, cuts[view]);
    }
    m_review->setPickClipping(cuts[0]);
    m_placement->setPickClipping(cuts[0]);
    m_camera->setPickFunction([this, mainCuts = cuts[0]](const Vec3d &o, const Vec3d &d, Vec3d *hit) {
        PickResult r;
        if (!m_streamer->pick(o, d, &r, {}, &mainCuts))
            return false;
        *hit = r.point;
        return true;
    });

    // video fusion: depth maps of what the main view draws (translucent zone volumes and other
    // views' scheme models do not occlude), checked after every streaming update
    m_fusion = new VideoProjectors(this);
    m_fusion->setStreamer(m_streamer);
    m_fusion->setOccluderFilter([this](int ds) {
        const LayerEntry *l = m_layers->model()->layer(m_layers->layerOfDataset(ds));
        return m_schemes->showsDataset(ds, 0) && !(l && l->kind == QLatin1String("vector") && l->opacity < 0.5);
    });
    connect(this, &SceneController::frameUpdated, m_fusion, &VideoProjectors::refresh);
    connect(m_fusion, &VideoProjectors::changed, this, &SceneController::updateWindow);
    connect(m_fusion, &VideoProjectors::opacityChanged, this, &SceneController::updateWindow);
    connect(m_fusion, &VideoProjectors::softnessChanged, this, &SceneController::updateWindow);
    // events: from the live pipeline, --event and clicks; placed on surfaces (not on vector
    // overlays such as protection-zone volumes), standing on the ground when they have no z
    m_events = new EventController(m_layers, m_camera, this);
    m_events->setFrameSource([this](LocalFrame *frame) {
        if (!m_streamer->hasSceneFrame())
            return false;
        *frame = m_streamer->sceneFrame();
        return true;
    });
    auto surface = [this](int ds) {
        const LayerEntry *l = m_layers->model()->layer(m_layers->layerOfDataset(ds));
        return l && l->kind != QLatin1String("vector") && l->kind != QLatin1String("points") && m_schemes->showsDataset(ds, 0);
    };
    m_events->setGroundFunction([this, surface, mainCuts = cuts[0]](double x, double y, double *z) {
        if (!m_streamer->rootsReady() || !m_streamer->isSettled()) // the finest tiles decide the height
            return false;
        PickResult r;
        if (!m_streamer->pick(Vec3d(x, y, 1e5), Vec3d(0, 0, -1), &r, surface, &mainCuts))
            return false;
        *z = r.point.z;
        // terrain is drawn shifted (verticalOffset, default -0.3 m under the photogrammetry): the DEM's own height
        const LayerEntry *l = m_layers->model()->layer(m_layers->layerOfDataset(r.dataset));
        if (l && l->kind == QLatin1String("terrain"))
            *z -= l->style.value(QStringLiteral("verticalOffset")).toDouble(-0.3);
        return true;
    });
    m_events->setPixelPickFunction([this, surface, mainCuts = cuts[0]](double px, double py, Vec3d *hit) {
        Vec3d o, d;
        m_camera->viewState().rayThrough(px, py, &o, &d);
        PickResult r;
        if (!m_streamer->pick(o, d, &r, surface, &mainCuts))
            return false;
        *hit = r.point;
        return true;
    });
    connect(m_live, &LiveDataController::eventsReceived, m_events, &EventController::addEvents);
    connect(m_events, &EventController::message, this, &SceneController::addMessage);
    connect(m_events, &EventController::markersChanged, this, &SceneController::updateWindow);
    connect(this, &SceneController::frameUpdated, m_events, &EventController::onFrame);

    // cameras: the registry in the scene, live feeds, projections through the fusion, who sees a
    // point (line of sight against what the main view draws), calibration; the demo's cameras
    // are served by an embedded RTSP server
    m_cameras = new CameraLayer(m_streamer, m_camera, m_fusion, this);
    m_cameras->setPickFunction([this, surface, mainCuts = cuts[0]](const Vec3d &o, const Vec3d &d, Vec3d *hit) {
        PickResult r;
        if (!m_streamer->pick(o, d, &r, surface, &mainCuts))
            return false;
        *hit = r.point;
        return true;
    });
    m_demoCameras = new DemoCameraServer(this);
    m_cameras->setUrlRewriter([this](const QString &url) { return m_demoCameras->rewrite(url); });
    connect(m_cameras, &CameraLayer::message, this, &SceneController::addMessage);
    connect(m_cameras, &CameraLayer::edited, m_project, &ProjectController::markDirty);
    connect(m_cameras, &CameraLayer::projectionsChanged, this, &SceneController::updateWindow);
    connect(m_cameras, &CameraLayer::selectionChanged, this, &SceneController::updateWindow);
    connect(m_cameras->icons(), &CameraIcons::clustersChanged, this, &SceneController::updateWindow);
    connect(this, &SceneController::frameUpdated, m_cameras, &CameraLayer::onFrame);
    m_events->setSeeingCamerasFunction([this](const Vec3d &p) { return m_cameras->whoSees(p, 8); });
    connect(m_cameras, &CameraLayer::registryLoaded, m_events, [this] { m_events->refreshSeeing(); });
    connect(m_events, &EventController::openFeedsRequested, m_cameras, [this](const QStringList &ids, const QString &projectId) {
        for (const QString &id : ids)
            m_cameras->openFeed(id);
        if (!projectId.isEmpty())
            m_cameras->project(projectId);
    });
    m_calibration = new CalibrationSession(m_cameras, m_camera, this);
    connect(m_calibration, &CalibrationSession::message, this, &SceneController::addMessage);
    // presenter: saved views and tours over every capability's state
    m_presenter = new PresenterController(m_camera, m_layers, m_schemes, m_drill, m_cameras, m_clipping, m_project, this);
    connect(m_presenter, &PresenterController::message, this, &SceneController::addMessage);
    // sync: leader/follower over MQTT (poses each frame, scene state once the layers are in)
    m_sync = new SyncController(m_camera, m_presenter, this);
    connect(m_sync, &SyncController::message, this, &SceneController::addMessage);
    connect(m_sync, &SyncController::frameRequested, this, &SceneController::updateWindow);
    m_sync->setSceneReadyFunction([this] { return m_streamer->rootsReady() && !m_layers->busy(); });
    connect(m_presenter, &PresenterController::playbackChanged, this, &SceneController::updateWindow);
    m_project->addPart({[this](ProjectFile *p, const QDir &) {
                            const QJsonObject part = m_presenter->toJson();
                            if (!part.value(QStringLiteral("views")).toArray().isEmpty() || !part.value(QStringLiteral("tours")).toArray().isEmpty())
                                p->presenter = part;
                        },
                        [this](const ProjectFile &p, const QDir &, const QString &file) {
                            QString error;
                            if (!m_presenter->fromJson(p.presenter, &error))
                                addMessage(tr("%1: presenter: %2").arg(file, error));
                        },
                        [this] { m_presenter->clear(); }});
    m_project->addPart({[this](ProjectFile *p, const QDir &base) { p->cameras = m_cameras->projectJson(base); },
                        [this](const ProjectFile &p, const QDir &base, const QString &) {
                            // the demo's registry: its streams come from the embedded server
                            // (a registry in <demo>/cameras/ next to the rendered backgrounds in bg/)
                            const QString reg = p.cameras.value(QStringLiteral("registry")).toString();
                            const QDir regDir = QFileInfo(base.absoluteFilePath(reg)).absoluteDir();
                            if (!reg.isEmpty() && regDir.dirName() == QLatin1String("cameras") && regDir.exists(QStringLiteral("bg"))) {
                                QString error;
                                if (!m_demoCameras->start(QDir::cleanPath(regDir.absoluteFilePath(QStringLiteral(".."))), &error))
                                    addMessage(tr("The demo cameras' video server did not start: %1").arg(error));
                            }
                            m_cameras->applyProjectJson(p.cameras, base);
                        },
                        [this] { m_cameras->resetForProject(); }});

    // the capabilities' parts of a project, loaded in this order
    m_project->addPart({[this](ProjectFile *p, const QDir &base) {
                            m_schemes->saveProject(p, base); // scheme records + active; their model layers leave p->layers
                        },
                        [this](const ProjectFile &p, const QDir &base, const QString &) { m_schemes->loadProject(p, base); },
                        [this] { m_schemes->clear(); }});
    m_project->addPart({[this](ProjectFile *p, const QDir &) {
                            // the measurements' points (scene frame) and the zone rule when it is not the default
                            p->measurements = m_review->projectMeasurements();
                            if (m_review->zoneRule() != QLatin1String("centroid"))
                                p->zoneRule = m_review->zoneRule();
                        },
                        [this](const ProjectFile &p, const QDir &, const QString &file) {
                            // heights and sightlines are recomputed once the scene has settled
                            m_review->setZoneRule(p.zoneRule.isEmpty() ? QStringLiteral("centroid") : p.zoneRule);
                            m_review->restoreMeasurements(p.measurements, file);
                        },
                        [this] {
                            m_review->clear(); // measurements belong to the project
                            m_review->setZoneRule(QStringLiteral("centroid"));
                        }});
    m_project->addPart({[this](ProjectFile *p, const QDir &base) { p->live = m_live->projectJson(base); },
                        [this](const ProjectFile &p, const QDir &base, const QString &) { m_live->applyProjectJson(p.live, base); },
                        {}});
}

SceneController::~SceneController()
{
    delete m_sync; // sync: says "offline" before the scene goes
    m_sync = nullptr;
    // the presenter refers to every capability: first
    delete m_presenter;
    m_presenter = nullptr;
    // cameras first: their feeds and projections hand back what the fusion and the pool hold
    delete m_calibration;
    delete m_cameras;
    m_calibration = nullptr;
    m_cameras = nullptr;
}

void SceneController::setOptions(const TilesetOptions &options)
{
    m_streamer->setOptions(options);
    m_tiles->setMipmaps(options.mipmaps);
    m_tiles->setTextureCompression(options.textureCompression, options.maxTextureSide); // texmem
    m_tiles->setMaxParked(options.maxParkedDrawables);
    emit optionsChanged();
}

void SceneController::setLodScale(double scale)
{
    TilesetOptions o = m_streamer->options();
    if (qFuzzyCompare(o.lodScale, scale))
        return;
    o.lodScale = scale;
    setOptions(o);
}

void SceneController::setMaxLoads(int loads)
{
    TilesetOptions o = m_streamer->options();
    if (o.maxConcurrentLoads == loads)
        return;
    o.maxConcurrentLoads = loads;
    setOptions(o);
}

void SceneController::setCacheLimitMB(double mb)
{
    TilesetOptions o = m_streamer->options();
    const qint64 bytes = qint64(mb * 1024 * 1024);
    if (o.cacheBytes == bytes)
        return;
    o.cacheBytes = bytes;
    setOptions(o);
}

void SceneController::setMipmaps(bool on)
{
    TilesetOptions o = m_streamer->options();
    if (o.mipmaps == on)
        return;
    o.mipmaps = on;
    setOptions(o);
}

void SceneController::saveSettings() const
{
    QSettings settings;
    m_streamer->options().save(settings);
}

void SceneController::setViewSize(double width, double height)
{
    m_viewSize = QSize(int(width), int(height));
    if (m_window)
        m_window->update();
}

void SceneController::attachWindow(QQuickWindow *window)
{
    m_window = window;
    new FramePacer(window); // the GUI thread waits for no frame in flight (owned by the window)

    connect(window, &QQuickWindow::afterAnimating, this, &SceneController::onFrame);
    // (the render thread emits it; the clock starts on the GUI thread)
    connect(window, &QQuickWindow::frameSwapped, this, [this] { m_lastSwap.start(); }, Qt::QueuedConnection);
    // (the stall meter starts only when --state-json reports it: AutomationRunner)
}

void SceneController::updateWindow()
{
    if (m_window)
        m_window->update();
}

void SceneController::onFrame()
{
    if (!m_window)
        return;
    QElapsedTimer work; // our own GUI-thread work this frame (streaming, attach, overlays, presenter)
    work.start();
    // frame time = interval between consecutive frames while rendering continuously; an idle
    // window renders nothing, and the gap before the next frame is not a frame time
    if (m_lastFrame.isValid()) {
        const double ms = m_lastFrame.nsecsElapsed() / 1e6;
        if (m_continuous || ms < 250.0) { // interaction drives frames too
            m_frameTimes.push_back(ms);
            m_frameMs = m_frameMs <= 0 ? ms : 0.9 * m_frameMs + 0.1 * ms;
        }
    }
    m_lastFrame.start();

    if (m_viewSize.isValid() && !m_viewSize.isEmpty())
        m_camera->setViewportSize(m_viewSize.width(), m_viewSize.height());
    else
        m_camera->setViewportSize(m_window->width(), m_window->height());
    if (m_frameHook)
        m_frameHook();
    m_sync->onFrame(); // sync: a follower applies the leader's pose, a leader publishes its own
    m_streamer->update(m_camera->viewState());
    applyHomeIfReady();
    m_drillTargets->onFrame(m_homeApplied); // floor slices, --focus once the view is home
    // presenter: the tour clock follows the frames (a gap while idle is not played)
    const double presenterDt = m_presenterClock.isValid() ? m_presenterClock.nsecsElapsed() / 1e9 : 0.0;
    m_presenterClock.start();
    m_presenter->advance(std::min(presenterDt, 0.25));
    m_layers->updateModelProgress();
    emit statsChanged();
    emit frameUpdated();
    const double workMs = work.nsecsElapsed() / 1e6;
    m_maxFrameWorkMs = std::max(m_maxFrameWorkMs, workMs);
    m_frameWorkOver50 += workMs > 50.0;
    const bool moving = m_camera->flying() || m_frameHook || (m_presenter->playing() && !m_presenter->paused())
                        || !m_presenter->settled(); // presenter:
    m_continuous = moving || !m_streamer->isSettled();
    if (moving)
        m_window->update();
    else if (m_continuous)
        requestStreamingFrame(); // tiles still streaming into a still view: frames at a capped rate
}

void SceneController::requestStreamingFrame()
{
    if (!m_window)
        return;
    const int interval = m_streamer->options().streamingFrameIntervalMs;
    const qint64 since = m_lastSwap.isValid() ? m_lastSwap.elapsed() : qint64(interval);
    if (interval <= 0 || since >= interval) {
        m_streamFrameTimer->stop();
        m_window->update();
    } else if (!m_streamFrameTimer->isActive()) {
        m_streamFrameTimer->start(int(interval - since));
    }
}

void SceneController::applyHomeIfReady()
{
    if (m_homeApplied || !m_streamer->rootsReady() || m_layers->busy())
        return;
    // Home frames the photogrammetry (the district); terrain and imagery only without it
    Vec3d mn(1e300, 1e300, 1e300), mx(-1e300, -1e300, -1e300);
    bool any = false;
    for (const LayerEntry &l : m_layers->model()->layers()) {
        Vec3d a, b;
        if (!l.visible || l.kind != QLatin1String("photogrammetry") || !m_layers->layerBounds(l.id, &a, &b))
            continue;
        mn = Vec3d(std::min(mn.x, a.x), std::min(mn.y, a.y), std::min(mn.z, a.z));
        mx = Vec3d(std::max(mx.x, b.x), std::max(mx.y, b.y), std::max(mx.z, b.z));
        any = true;
    }
    if (!any && !m_streamer->sceneBounds(&mn, &mx))
        return;
    m_camera->setHomeBox(mn, mx);
    m_homeApplied = true;
    if (m_autoHome && !m_camera->userMoved())
        m_camera->lookAtBox(mn, mx, false);
}

void SceneController::home()
{
    m_camera->home();
}

void SceneController::addMessage(const QString &message)
{
    m_messages << message;
    if (m_messages.size() > 200)
        m_messages.removeFirst();
    emit messagesChanged();
}

void SceneController::clearMessages()
{
    m_messages.clear();
    emit messagesChanged();
}

bool SceneController::openPaths(const QStringList &inputs)
{
    int opened = 0;
    for (const QString &in : inputs) {
        const QString local = in.startsWith(QLatin1String("file:")) ? QUrl(in).toLocalFile() : in;
        if (local.endsWith(QLatin1String(".liyuan.json"), Qt::CaseInsensitive)) {
            if (m_project->open(local))
                ++opened;
            else
                emit openFailed(m_messages.value(m_messages.size() - 1));
            continue;
        }
        if (m_layers->addPath(in))
            ++opened;
        else if (!m_messages.isEmpty())
            emit openFailed(m_messages.constLast());
    }
    if (opened > 0) {
        m_homeApplied = false;
        emit datasetsChanged();
        updateWindow();
    }
    return opened > 0;
}

void SceneController::openDemo()
{
    m_busyText = tr("Generating the demo district…");
    m_busyProgress = 0;
    emit busyChanged();
    const QString dir = demo::defaultDemoDistrictDir();
    QPointer<SceneController> self(this);
    auto progress = [self](int done, int total) {
        QMetaObject::invokeMethod(qApp, [self, done, total] {
            if (!self)
                return;
            self->m_busyProgress = total > 0 ? double(done) / total : 0;
            emit self->busyChanged();
        });
    };
    runThen(this, [dir, progress] { return demo::ensureDemoDistrict(dir, progress); },
            [this](demo::DemoDistrictResult r) {
                m_busyText.clear();
                emit busyChanged();
                if (!r.ok) {
                    addMessage(tr("Could not generate the demo district: %1").arg(r.error));
                    emit demoReady(false);
                    return;
                }
                const bool ok = openDemoProject(r);
                emit demoReady(ok);
            });
}

bool SceneController::openDemoProject(const demo::DemoDistrictResult &r)
{
    // the demo opens as its project (written by the generator with the rest of the district;
    // rewritten here with the layer names in the interface language)
    demo::DemoProjectNames names;
    names.pois = tr("Points of interest");
    names.zones = tr("Heritage protection zones (height limits)");
    names.streets = tr("Streets");
    names.buildings = tr("Building footprints");
    names.district = tr("Liyuan district (photogrammetry)");
    names.ortho = tr("Orthophoto");
    names.dem = tr("Terrain (DEM)");
    const QString file = QDir(r.datasetDir).filePath(demo::demoProjectFileName());
    QString error;
    if (!demo::writeDemoProject(r, names, &error)) {
        addMessage(error);
        if (!QFileInfo::exists(file))
            return openPaths({r.datasetDir});
    }
    if (!m_project->open(file))
        return false;
    // the demo tower's registry: drill-down targets and live devices
    if (m_live->registryFile().isEmpty() && !r.registryFile.isEmpty() && QFileInfo::exists(r.registryFile)) {
        m_live->openRegistry(r.registryFile);
        // live-changing floors without a broker: the recorded feed replays into the same pipeline
        if (QFileInfo::exists(r.mappingFile))
            m_live->openMapping(r.mappingFile);
        // events: the demo's recorded feed also reports events (iot/events.json maps them)
        const QString events = QFileInfo(r.mappingFile).dir().filePath(QStringLiteral("events.json"));
        if (m_live->eventMappingFile().isEmpty() && QFileInfo::exists(events))
            m_live->openEventMapping(events);
        if (!m_live->userSource() && QFileInfo::exists(r.feedFile))
            m_live->openReplay(r.feedFile);
    }
    // the demo's own project stays in the cache: Save asks where to save
    m_project->forgetPath();
    return true;
}

QString SceneController::datasetSummary() const
{
    QStringList names;
    for (const LayerEntry &l : m_layers->model()->layers())
        names << l.name;
    return names.join(QStringLiteral(", "));
}

QString SceneController::crsName() const
{
    const LocalFrame &f = m_streamer->sceneFrame();
    if (!f.isGeoreferenced())
        return tr("local frame (not georeferenced)");
    const QString code = f.crs().authorityCode();
    return code.isEmpty() ? f.crs().name() : QStringLiteral("%1 (%2)").arg(f.crs().name(), code);
}

QString SceneController::describePoint(double x, double y) const
{
    bool valid = false;
    const QVector3D p = m_camera->pickPoint(x, y, &valid);
    if (!valid)
        return {};
    const Vec3d local(p.x(), p.y(), p.z());
    bool ok = false;
    const Vec3d ll = m_streamer->sceneFrame().toLonLatHeight(local, &ok);
    if (!ok)
        return QStringLiteral("x %1  y %2  z %3").arg(local.x, 0, 'f', 2).arg(local.y, 0, 'f', 2).arg(local.z, 0, 'f', 2);
    return QStringLiteral("%1 %2°  %3 %4°  %5 m")
            .arg(ll.x >= 0 ? QStringLiteral("E") : QStringLiteral("W"))
            .arg(std::abs(ll.x), 0, 'f', 6)
            .arg(ll.y >= 0 ? QStringLiteral("N") : QStringLiteral("S"))
            .arg(std::abs(ll.y), 0, 'f', 6)
            .arg(local.z, 0, 'f', 1);
}

QJsonObject SceneController::stateJson() const
{
    QJsonObject root;
    QJsonArray datasets;
    for (const TileDataset &d : m_streamer->datasets()) {
        if (d.removed)
            continue;
        QJsonObject crs;
        crs[QStringLiteral("name")] = d.frame.isGeoreferenced() ? d.frame.crs().name() : QStringLiteral("local");
        crs[QStringLiteral("proj")] = d.frame.crs().projDefinition();
        crs[QStringLiteral("authority")] = d.frame.crs().authorityCode();
        crs[QStringLiteral("georeferenced")] = d.frame.isGeoreferenced();
        datasets.append(QJsonObject{
                {QStringLiteral("path"), RemoteUrl::redacted(d.path)}, // remote: no credentials
                {QStringLiteral("format"), d.format},
                {QStringLiteral("crs"), crs},
                {QStringLiteral("origin"), vecJson(d.frame.origin())},
                {QStringLiteral("offsetInScene"), vecJson(d.offset)},
                {QStringLiteral("rootTiles"), int(d.rootFiles.size())},
                {QStringLiteral("warnings"), QJsonArray::fromStringList(d.warnings)},
        });
    }
    root[QStringLiteral("datasets")] = datasets;
    QJsonArray layers;
    for (const LayerEntry &l : m_layers->model()->layers()) {
        QJsonObject o{{QStringLiteral("id"), l.id},
                      {QStringLiteral("name"), l.name},
                      {QStringLiteral("kind"), l.kind},
                      {QStringLiteral("path"), RemoteUrl::redacted(l.path)}, // remote: no credentials
                      {QStringLiteral("visible"), l.visible},
                      {QStringLiteral("opacity"), l.opacity},
                      {QStringLiteral("status"), l.status},
                      {QStringLiteral("dataset"), l.dataset}};
        if (!l.rasterReason.isEmpty()) { // rasters: the user's choice ("" = the data's) and the data's reason
            o[QStringLiteral("as")] = l.rasterAs;
            o[QStringLiteral("reason")] = l.rasterReason;
        }
        Vec3d mn, mx; // where the layer lies in the scene frame
        if (m_layers->layerBounds(l.id, &mn, &mx))
            o[QStringLiteral("bounds")] = QJsonArray{mn.x, mn.y, mn.z, mx.x, mx.y, mx.z};
        layers.append(o);
    }
    root[QStringLiteral("layers")] = layers;
    root[QStringLiteral("placement")] = m_placement->stateJson();
    if (m_selection->hasSelection())
        root[QStringLiteral("selection")] = QJsonObject::fromVariantMap(m_selection->current());
    const LocalFrame &sf = m_streamer->sceneFrame();
    root[QStringLiteral("sceneFrame")] = QJsonObject{
            {QStringLiteral("crs"), sf.isGeoreferenced() ? sf.crs().name() : QStringLiteral("local")},
            {QStringLiteral("authority"), sf.crs().authorityCode()},
            {QStringLiteral("kind"), sf.crs().isGeographic() ? QStringLiteral("geographic")
                                     : sf.crs().kind() == Crs::Kind::Projected ? QStringLiteral("projected")
                                     : sf.crs().kind() == Crs::Kind::Enu ? QStringLiteral("enu")
                                                                         : QStringLiteral("other")},
            {QStringLiteral("proj"), sf.crs().projDefinition()},
            {QStringLiteral("origin"), vecJson(sf.origin())}};

    const LocalFrame &frame = m_streamer->sceneFrame();
    QJsonObject cam;
    const Vec3d eye = m_camera->eye();
    cam[QStringLiteral("local")] = vecJson(eye);
    const QQuaternion q = m_camera->rotation();
    cam[QStringLiteral("rotation")] = QJsonArray{q.x(), q.y(), q.z(), q.scalar()};
    cam[QStringLiteral("headingDeg")] = m_camera->heading();
    cam[QStringLiteral("pitchDeg")] = m_camera->pitch();
    cam[QStringLiteral("fovYDeg")] = m_camera->fieldOfView();
    if (m_camera->offAxis()) // wall: the sub-view (NDC left, right, bottom, top of the full view, its aspect)
        cam[QStringLiteral("subView")] = QJsonArray{m_camera->subLeft(), m_camera->subRight(), m_camera->subBottom(),
                                                   m_camera->subTop(), m_camera->subFullAspect()};
    bool ok = false;
    const Vec3d ll = frame.toLonLatHeight(eye, &ok);
    if (ok)
        cam[QStringLiteral("lonLatHeight")] = QJsonObject{{QStringLiteral("lon"), ll.x},
                                                          {QStringLiteral("lat"), ll.y},
                                                          {QStringLiteral("height"), ll.z}};
    else
        cam[QStringLiteral("lonLatHeight")] = QJsonValue::Null;
    root[QStringLiteral("camera")] = cam;

    const StreamingStats &s = m_streamer->stats();
    // drawn tiles per depth in the tile tree (0 = root files)
    QMap<int, int> depths;
    for (const Tile *t : m_streamer->lastSelection().drawnTiles)
        ++depths[t->depth];
    QJsonObject drawnByDepth;
    int maxDepth = -1;
    for (auto it = depths.cbegin(); it != depths.cend(); ++it) {
        drawnByDepth[QString::number(it.key())] = it.value();
        maxDepth = std::max(maxDepth, it.key());
    }
    QJsonArray failed;
    for (const Tile *t : m_streamer->tiles())
        if (t->state == TileLoadState::Failed)
            failed.append(QJsonObject{{QStringLiteral("file"), RemoteUrl::redacted(t->file)}, {QStringLiteral("error"), t->error}});
    int litMeshes = 0; // drawn with the sun (models); the rest as captured
    for (const auto &d : m_tiles->shownWithDataset())
        litMeshes += d.first->lit() ? 1 : 0;
    root[QStringLiteral("tiles")] = QJsonObject{
            {QStringLiteral("drawn"), s.tilesDrawn},
            {QStringLiteral("drawnByDepth"), drawnByDepth},
            {QStringLiteral("maxDepthDrawn"), maxDepth},
            {QStringLiteral("meshesDrawn"), s.meshesDrawn},
            {QStringLiteral("litMeshesDrawn"), litMeshes},
            {QStringLiteral("triangles"), double(s.trianglesDrawn)},
            {QStringLiteral("loading"), s.loading},
            {QStringLiteral("queued"), s.queued},
            {QStringLiteral("waitingAttach"), s.waitingAttach},
            {QStringLiteral("pending"), s.loading + s.queued + s.waitingAttach},
            {QStringLiteral("pendingFiles"), QJsonArray::fromStringList(m_streamer->pendingFiles())},
            {QStringLiteral("cached"), s.cached},
            {QStringLiteral("cacheBytes"), double(s.cacheBytes)},
            {QStringLiteral("loadedTotal"), s.loadedTotal},
            {QStringLiteral("evictedTotal"), s.evictedTotal},
            {QStringLiteral("failed"), failed},
            {QStringLiteral("settled"), m_streamer->isSettled()},
    };
    const TilesetOptions &o = m_streamer->options();
    // remote: the fetch layer's counters (process-wide)
    const RemoteStats rs = RemoteSource::instance().stats();
    root[QStringLiteral("remote")] = QJsonObject{
            {QStringLiteral("requestsInFlight"), rs.requestsInFlight},
            {QStringLiteral("requests"), double(rs.requests)},
            {QStringLiteral("bytesDownloaded"), double(rs.bytesDownloaded)},
            {QStringLiteral("cacheHits"), double(rs.cacheHits)},
            {QStringLiteral("cacheMisses"), double(rs.cacheMisses)},
            {QStringLiteral("retries"), double(rs.retries)},
            {QStringLiteral("failures"), double(rs.failures)},
            {QStringLiteral("cancelled"), double(rs.cancelled)},
            {QStringLiteral("diskCacheBytes"), double(rs.diskCacheBytes)},
            {QStringLiteral("offline"), o.offline},
            {QStringLiteral("diskCacheMB"), double(o.diskCacheBytes) / (1024.0 * 1024.0)},
    };
    root[QStringLiteral("options")] = QJsonObject{
            {QStringLiteral("cacheMB"), double(o.cacheBytes) / (1024.0 * 1024.0)},
            {QStringLiteral("maxLoads"), o.maxConcurrentLoads},
            {QStringLiteral("lodScale"), o.lodScale},
            {QStringLiteral("frameBudgetMs"), o.attachBudgetMs},
            {QStringLiteral("textureCompression"), TilesetOptions::compressionName(o.textureCompression)}, // texmem
    };
    // texmem: texture bytes of the attached tiles as held (compressed sizes; the budget counts
    // them twice, ours and the renderer's), and the GUI thread's longest stall
    root[QStringLiteral("textures")] = QJsonObject{
            {QStringLiteral("bytes"), double(m_tiles->textureBytes())},
            {QStringLiteral("compression"), TilesetOptions::compressionName(m_tiles->textureCompression())}, // as applied
            {QStringLiteral("parkedDrawables"), m_tiles->parkedCount()}, // not drawn now, GPU copies kept
    };
    const double maxFrameMs = m_frameTimes.empty() ? 0.0 : *std::max_element(m_frameTimes.begin(), m_frameTimes.end());
    root[QStringLiteral("gui")] = QJsonObject{
            {QStringLiteral("maxStallMs"), m_stallMeter.maxStallMs()},
            {QStringLiteral("stallsOver50Ms"), m_stallMeter.stallsOver50Ms()},
            {QStringLiteral("maxFrameGapMs"), maxFrameMs},
            {QStringLiteral("maxUpdateMs"), m_streamer->stats().maxUpdateMs},
            // our own per-frame work on the GUI thread, without the render loop's waits for the
            // (software) renderer that maxStallMs includes
            {QStringLiteral("maxFrameWorkMs"), m_maxFrameWorkMs},
            {QStringLiteral("frameWorkOver50Ms"), m_frameWorkOver50},
    };
    QJsonObject drill = m_drill->stateJson();
    if (!m_live->registryFile().isEmpty())
        drill.insert(QStringLiteral("registry"), m_live->registryFile());
    root[QStringLiteral("drill")] = drill;
    QJsonObject section{{QStringLiteral("plane"), m_clipping->planeEnabled()}, {QStringLiteral("box"), m_clipping->boxEnabled()}};
    if (m_clipping->planeEnabled())
        section.insert(QStringLiteral("planeEquation"), QJsonArray{m_clipping->plane().x(), m_clipping->plane().y(),
                                                                   m_clipping->plane().z(), m_clipping->plane().w()});
    if (m_clipping->boxEnabled())
        section.insert(QStringLiteral("boxMinMax"), QJsonArray{m_clipping->boxMin().x(), m_clipping->boxMin().y(), m_clipping->boxMin().z(),
                                                              m_clipping->boxMax().x(), m_clipping->boxMax().y(), m_clipping->boxMax().z()});
    section.insert(QStringLiteral("flattenPolygons"), m_clipping->flattenOn());
    section.insert(QStringLiteral("clipPolygons"), m_clipping->clipOn());
    root[QStringLiteral("clipping")] = section;
    root[QStringLiteral("live")] = m_live->stateJson();
    root[QStringLiteral("review")] = m_review->stateJson();
    root[QStringLiteral("messages")] = QJsonArray::fromStringList(m_messages); // what the message area shows
    root[QStringLiteral("schemes")] = m_schemes->stateJson();
    root[QStringLiteral("projections")] = m_fusion->stateJson(); // video fusion
    root[QStringLiteral("events")] = m_events->stateJson();
    root[QStringLiteral("cameras")] = m_cameras->stateJson();
    root[QStringLiteral("presenter")] = m_presenter->stateJson();
    root[QStringLiteral("sync")] = m_sync->stateJson(); // sync:
    return root;
}

// --- section tools ----------------------------------------------------------------

void SceneController::setSectionHeight(double z)
{
    if (!std::isfinite(z))
        return;
    m_clipping->setPlane(QVector4D(0, 0, 1, float(-z)));
    m_clipping->setPlaneEnabled(true);
}

void SceneController::setClipBox(const QVector3D &min, const QVector3D &max)
{
    m_clipping->setBox(min, max);
    m_clipping->setBoxEnabled(true);
}

bool SceneController::clipToSelection()
{
    if (!m_selection->hasSelection())
        return false;
    const QVector3D half = m_selection->size() * 0.5f + QVector3D(2, 2, 2);
    setClipBox(m_selection->center() - half, m_selection->center() + half);
    return true;
}

void SceneController::clearSection()
{
    m_clipping->setPlaneEnabled(false);
    m_clipping->setBoxEnabled(false);
}

bool SceneController::flyToDevice(const QString &deviceId)
{
    if (m_live->store().indexOf(deviceId) < 0)
        return false;
    const QVector3D p = m_live->devicePosition(deviceId);
    m_camera->flyToPoint(p, 18.0);
    return true;
}

} // namespace liyuan
