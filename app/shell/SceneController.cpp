#include "SceneController.h"

#include <liyuan/demo/DemoDistrict.h>
#include <liyuan/geodata/ContextCaptureMetadata.h>
#include <liyuan/scene/RunThen.h>

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDateTime>
#include <QStandardPaths>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QMap>
#include <QMetaObject>
#include <QQuickWindow>
#include <QSettings>
#include <QUrl>
#include <QVariantList>

#include "DrillBuildings.h"

#include <liyuan/assimp/ModelLoadProgress.h>

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
    connect(m_layers, &LayerManager::message, this, &SceneController::addMessage);
    connect(m_layers, &LayerManager::zoomRequested, this, [this](const Vec3d &mn, const Vec3d &mx) {
        m_camera->lookAtBox(mn, mx, true);
    });
    connect(m_layers->model(), &LayerListModel::countChanged, this, &SceneController::datasetsChanged);
    connect(m_layers, &LayerManager::changed, this, &SceneController::markDirty);
    m_pois = new PointOverlayModel(this);
    m_clipping = new SceneClipping(this);
    m_drill = new DrillDownController(m_tiles, m_clipping, m_camera, this);
    m_live = new LiveDataController(this);
    connect(m_live, &LiveDataController::errorOccurred, this, &SceneController::addMessage);
    connect(m_drill, &DrillDownController::liftsChanged, this, &SceneController::syncMarkerLifts);
    connect(m_drill, &DrillDownController::stateChanged, this, &SceneController::syncMarkerLifts);
    connect(m_live, &LiveDataController::revisionChanged, this, [this] {
        if (m_window)
            m_window->update();
    });
    // placement: the model placement editor follows each frame (handles, snapping once a model is in)
    m_placement = new PlacementEditor(m_streamer, m_layers, [this] { return m_camera->viewState(); }, this);
    connect(m_placement, &PlacementEditor::message, this, &SceneController::addMessage);
    connect(this, &SceneController::frameUpdated, m_placement, &PlacementEditor::refreshHandles);
    // review: tools, overlay labels projected each frame, pending --measure runs
    m_review = new ReviewController(m_streamer, m_layers, m_camera, this);
    connect(m_review, &ReviewController::message, this, &SceneController::addMessage);
    connect(m_review, &ReviewController::edited, this, &SceneController::markDirty); // measurements are saved
    connect(this, &SceneController::frameUpdated, m_review, [this] {
        m_review->onFrame();
        m_review->updateLabels(m_camera->viewState());
    });
    // schemes: design schemes own their model layers and the "scheme" clipping polygons
    m_schemes = new SchemeManager(m_layers, m_streamer, m_clipping, this);
    m_placement->setShownInMainView([this](int ds) { return m_schemes->showsDataset(ds, 0); });
    // review: the height check looks at what the main view draws (not the compare view's scheme)
    m_review->setShownFilter([this](int dataset) { return m_schemes->showsDataset(dataset, 0); });
    // picks hit what each view draws: flattened photogrammetry where it is drawn, clipped parts
    // looked through (the shaders' cuts mirrored on the CPU)
    for (int view = 0; view < 2; ++view)
        m_pickClipping[view] = m_clipping->pickClipping(view, [this](int ds) { return m_schemes->isAreaTarget(ds); });
    m_review->setPickClipping(m_pickClipping[0]);
    m_placement->setPickClipping(m_pickClipping[0]);
    connect(m_schemes, &SchemeManager::revisionChanged, m_review, [this] { m_review->recheckQuietly(); });
    connect(m_schemes, &SchemeManager::message, this, &SceneController::addMessage);
    connect(m_schemes, &SchemeManager::changed, this, &SceneController::markDirty);
    connect(m_layers->model(), &LayerListModel::countChanged, this, [this] {
        QSet<int> sliced;
        for (int i = 0; i < int(m_streamer->datasets().size()); ++i) {
            const LayerEntry *l = m_layers->model()->layer(m_layers->layerOfDataset(i));
            if (l && (l->kind == QLatin1String("photogrammetry") || l->kind == QLatin1String("vector")))
                sliced.insert(i);
        }
        m_drill->setSliceDatasets(sliced);
        // registry coordinates are converted into the scene frame, which the first dataset sets
        if (m_streamer->hasSceneFrame())
            m_live->setSceneFrame(m_streamer->sceneFrame());
        updateDrillBuildings();
    });
    m_tableModel = new FeatureTableModel(this);
    m_tableProxy = new FeatureTableProxy(this);
    m_tableProxy->setTable(m_tableModel);
    connect(m_layers, &LayerManager::vectorLoaded, this,
            [this](const QString &id, std::shared_ptr<const gdal::VectorLayerData> data) {
                bool points = false;
                for (const auto &f : data->features)
                    points = points || f.kind == VectorFeature::Kind::Point;
                if (points) {
                    const bool hasCategory = std::any_of(data->fields.cbegin(), data->fields.cend(),
                                                         [](const VectorField &f) { return f.name == QLatin1String("category"); });
                    m_pois->setLayer(id, data, QStringLiteral("name"), hasCategory ? QStringLiteral("category") : QString());
                }
                if (m_tableLayer == id)
                    m_tableModel->setLayer(data);
            });
    connect(m_layers, &LayerManager::vectorRemoved, this, [this](const QString &id) {
        m_pois->removeLayer(id);
        if (m_tableLayer == id)
            showTable(QString());
        if (m_selection.value(QStringLiteral("layerId")).toString() == id)
            clearSelection();
    });
    connect(m_layers, &LayerManager::vectorVisibilityChanged, m_pois, &PointOverlayModel::setLayerVisible);
    connect(this, &SceneController::frameUpdated, this, [this] { m_pois->update(m_camera->viewState()); });
    connect(m_camera, &CameraController::poseChanged, this, [this] {
        if (m_camera->userMoved() && !m_camera->flying())
            markDirty();
    });
    m_autosaveTimer = new QTimer(this);
    m_autosaveTimer->setInterval(20000);
    connect(m_autosaveTimer, &QTimer::timeout, this, [this] {
        if (m_dirty)
            autosave();
    });
    m_autosaveTimer->start();
    // an untitled session that ended without saving can be recovered
    if (QFileInfo::exists(autosavePath()))
        m_recoveryFile = autosavePath();
    m_streamer->setRenderer(m_tiles);
    m_camera->setPickFunction([this](const Vec3d &o, const Vec3d &d, Vec3d *hit) {
        PickResult r;
        if (!m_streamer->pick(o, d, &r, {}, &m_pickClipping[0]))
            return false;
        *hit = r.point;
        return true;
    });
    connect(m_streamer, &TileStreamer::tileFailed, this, [this](const QString &, const QString &error) {
        addMessage(error);
    });
    connect(m_streamer, &TileStreamer::contentArrived, this, [this] {
        if (m_modelDrillPending)
            QTimer::singleShot(0, this, [this] { updateDrillBuildings(); });
        if (m_window)
            m_window->update();
    });
    connect(m_camera, &CameraController::poseChanged, this, [this] {
        if (m_window)
            m_window->update();
    });
}

SceneController::~SceneController() = default;

void SceneController::setOptions(const TilesetOptions &options)
{
    m_streamer->setOptions(options);
    m_tiles->setMipmaps(options.mipmaps);
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
    connect(window, &QQuickWindow::afterAnimating, this, &SceneController::onFrame);
}

void SceneController::onFrame()
{
    if (!m_window)
        return;
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
    m_streamer->update(m_camera->viewState());
    if (m_tiles->shownRevision() != m_sliceRevision) {
        m_sliceRevision = m_tiles->shownRevision();
        m_drill->updateSlices();
    }
    applyHomeIfReady();
    applyPendingDrill();
    updateModelProgress();
    emit statsChanged();
    emit frameUpdated();
    m_continuous = !m_streamer->isSettled() || m_camera->flying() || m_frameHook;
    if (m_continuous)
        m_window->update();
}

void SceneController::updateModelProgress()
{
    // model files load on the streamer's workers; their Assimp progress shows in the panel
    for (const LayerEntry &l : m_layers->model()->layers()) {
        if (l.kind != QLatin1String("model") || l.dataset < 0 || size_t(l.dataset) >= m_streamer->datasets().size())
            continue;
        const QString tilePath = m_streamer->datasets()[size_t(l.dataset)].rootFiles.value(0);
        const double v = assimp::ModelLoadProgress::instance().value(tilePath);
        if (v >= 0 && (l.status != QLatin1String("loading") || std::abs(l.progress - v) > 0.01))
            m_layers->model()->update(l.id, [v](LayerEntry &e) {
                e.status = QStringLiteral("loading");
                e.progress = v;
            });
        else if (v < 0 && l.status == QLatin1String("loading"))
            m_layers->model()->update(l.id, [](LayerEntry &e) {
                e.status = QStringLiteral("ready");
                e.progress = 1.0;
            });
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
            if (openProject(local))
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
        if (m_window)
            m_window->update();
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
    // the demo opens as a project: photogrammetry, terrain with the orthophoto draped,
    // heritage zones as translucent height-limit volumes, buildings, streets and POIs
    const QDir base(r.datasetDir);
    auto rel = [&](const QString &p) { return base.relativeFilePath(p); };
    ProjectFile p;
    auto layer = [&](const QString &id, const QString &name, const QString &kind, const QString &path, int sourceLayer,
                     bool visible, double opacity, const QJsonObject &style) {
        QJsonObject o{{QStringLiteral("id"), id},     {QStringLiteral("name"), name},
                      {QStringLiteral("kind"), kind}, {QStringLiteral("path"), path},
                      {QStringLiteral("visible"), visible}, {QStringLiteral("opacity"), opacity}};
        if (sourceLayer > 0)
            o[QStringLiteral("sourceLayer")] = sourceLayer;
        if (!style.isEmpty())
            o[QStringLiteral("style")] = style;
        p.layers.append(o);
    };
    const bool gis = !r.vectorFile.isEmpty() && QFileInfo::exists(r.vectorFile);
    int buildings = 0, zones = 1, streets = 2, pois = 3;
    if (gis) {
        buildings = int(r.layers.indexOf(QStringLiteral("buildings")));
        zones = int(r.layers.indexOf(QStringLiteral("heritage_zones")));
        streets = int(r.layers.indexOf(QStringLiteral("streets")));
        pois = int(r.layers.indexOf(QStringLiteral("pois")));
    }
    // top of the panel first
    if (gis && pois >= 0)
        layer(QStringLiteral("pois"), tr("Points of interest"), QStringLiteral("points"), rel(r.vectorFile), pois, true, 1.0, {});
    if (gis && zones >= 0)
        layer(QStringLiteral("heritage_zones"), tr("Heritage protection zones (height limits)"), QStringLiteral("vector"),
              rel(r.vectorFile), zones, true, 0.2,
              QJsonObject{{QStringLiteral("colorMode"), QStringLiteral("graduated")},
                          {QStringLiteral("attribute"), QStringLiteral("max_height")},
                          {QStringLiteral("ranges"), QJsonArray{
                                   QJsonObject{{QStringLiteral("min"), 0}, {QStringLiteral("max"), 20}, {QStringLiteral("color"), QStringLiteral("#d6336c")}},
                                   QJsonObject{{QStringLiteral("min"), 20}, {QStringLiteral("max"), 30}, {QStringLiteral("color"), QStringLiteral("#f08c00")}},
                                   QJsonObject{{QStringLiteral("min"), 30}, {QStringLiteral("max"), 1000}, {QStringLiteral("color"), QStringLiteral("#37b24d")}}}},
                          {QStringLiteral("heightAttributes"), QJsonArray{QStringLiteral("max_height")}},
                          {QStringLiteral("extrude"), true}});
    if (gis && streets >= 0)
        layer(QStringLiteral("streets"), tr("Streets"), QStringLiteral("vector"), rel(r.vectorFile), streets, false, 1.0,
              QJsonObject{{QStringLiteral("lineColor"), QStringLiteral("#ffd43b")}, {QStringLiteral("lineWidth"), 3.0}});
    if (gis && buildings >= 0)
        layer(QStringLiteral("buildings"), tr("Building footprints"), QStringLiteral("vector"), rel(r.vectorFile), buildings,
              false, 1.0,
              QJsonObject{{QStringLiteral("colorMode"), QStringLiteral("categorized")},
                          {QStringLiteral("attribute"), QStringLiteral("use")},
                          {QStringLiteral("categories"), QJsonArray{
                                   QJsonObject{{QStringLiteral("value"), QStringLiteral("residential")}, {QStringLiteral("color"), QStringLiteral("#e9c46a")}},
                                   QJsonObject{{QStringLiteral("value"), QStringLiteral("commercial")}, {QStringLiteral("color"), QStringLiteral("#e76f51")}},
                                   QJsonObject{{QStringLiteral("value"), QStringLiteral("office")}, {QStringLiteral("color"), QStringLiteral("#4dabf7")}},
                                   QJsonObject{{QStringLiteral("value"), QStringLiteral("heritage")}, {QStringLiteral("color"), QStringLiteral("#b5179e")}}}}});
    layer(QStringLiteral("district"), tr("Liyuan district (photogrammetry)"), QStringLiteral("photogrammetry"), QStringLiteral("."), 0, true, 1.0, {});
    if (!r.orthoFile.isEmpty() && QFileInfo::exists(r.orthoFile))
        layer(QStringLiteral("ortho"), tr("Orthophoto"), QStringLiteral("imagery"), rel(r.orthoFile), 0, true, 1.0, {});
    if (!r.demFile.isEmpty() && QFileInfo::exists(r.demFile))
        layer(QStringLiteral("dem"), tr("Terrain (DEM)"), QStringLiteral("terrain"), rel(r.demFile), 0, true, 1.0, {});
    // the scene frame is the photogrammetry's (camera paths are in its local frame)
    const ContextCaptureMetadata md = ContextCaptureMetadata::read(base.filePath(QStringLiteral("metadata.xml")));
    if (md.ok) {
        p.hasFrame = true;
        p.crs = md.crs.definition();
        p.origin = md.srsOrigin;
    }
    // schemes: the demo's redevelopment schemes, none active (the district shows as today)
    if (!r.schemesFile.isEmpty() && QFileInfo::exists(r.schemesFile)) {
        QString schemesError;
        if (!SchemeManager::readSchemesFile(r.schemesFile, base, &p.schemes, &schemesError))
            addMessage(schemesError);
    }
    const QString file = base.filePath(QStringLiteral("demo.liyuan.json"));
    QString error;
    if (!p.save(file, &error)) {
        addMessage(error);
        return openPaths({r.datasetDir});
    }
    if (!openProject(file))
        return false;
    // the demo tower's registry: drill-down targets and live devices
    if (m_registryFile.isEmpty() && !r.registryFile.isEmpty() && QFileInfo::exists(r.registryFile)) {
        loadRegistry(r.registryFile);
        // live-changing floors without a broker: the recorded feed replays into the same pipeline
        if (QFileInfo::exists(r.mappingFile))
            loadMapping(r.mappingFile);
        if (!m_liveExplicit && QFileInfo::exists(r.feedFile))
            startReplay(r.feedFile);
    }
    // the demo's own project stays in the cache: Save asks where to save
    m_projectPath.clear();
    emit projectChanged();
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
                {QStringLiteral("path"), d.path},
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
    for (const LayerEntry &l : m_layers->model()->layers())
        layers.append(QJsonObject{{QStringLiteral("id"), l.id},
                                  {QStringLiteral("name"), l.name},
                                  {QStringLiteral("kind"), l.kind},
                                  {QStringLiteral("path"), l.path},
                                  {QStringLiteral("visible"), l.visible},
                                  {QStringLiteral("opacity"), l.opacity},
                                  {QStringLiteral("status"), l.status},
                                  {QStringLiteral("dataset"), l.dataset}});
    root[QStringLiteral("layers")] = layers;
    // placement: placed models (placement as saved, transform in the scene) and the model being edited
    QJsonArray placedModels;
    for (const LayerEntry &l : m_layers->model()->layers()) {
        if (l.kind != QLatin1String("model") || l.dataset < 0)
            continue;
        const TileDataset &d = m_streamer->datasets()[size_t(l.dataset)];
        placedModels.append(QJsonObject{{QStringLiteral("id"), l.id},
                                        {QStringLiteral("placement"), l.placement},
                                        {QStringLiteral("offsetInScene"), vecJson(d.offset)},
                                        {QStringLiteral("headingInScene"), d.headingDeg},
                                        {QStringLiteral("scale"), d.scale}});
    }
    QJsonObject placementState{{QStringLiteral("editing"), m_placement->layerId()},
                               {QStringLiteral("models"), placedModels}};
    if (m_placement->active()) { // the handles as drawn: centre on the ground, ring radius (scene frame)
        const QVector3D c = m_placement->handleCenter();
        const QVector3D top = m_placement->boundsMax(); // the scale cube sits on this corner
        placementState[QStringLiteral("handles")] = QJsonObject{{QStringLiteral("center"), QJsonArray{c.x(), c.y(), c.z()}},
                                                                {QStringLiteral("radius"), m_placement->handleRadius()},
                                                                {QStringLiteral("scaleCube"), QJsonArray{top.x(), top.y(), top.z()}}};
    }
    root[QStringLiteral("placement")] = placementState;
    if (!m_selection.isEmpty())
        root[QStringLiteral("selection")] = QJsonObject::fromVariantMap(m_selection);
    const LocalFrame &sf = m_streamer->sceneFrame();
    root[QStringLiteral("sceneFrame")] = QJsonObject{
            {QStringLiteral("crs"), sf.isGeoreferenced() ? sf.crs().name() : QStringLiteral("local")},
            {QStringLiteral("authority"), sf.crs().authorityCode()},
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
            failed.append(QJsonObject{{QStringLiteral("file"), t->file}, {QStringLiteral("error"), t->error}});
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
    root[QStringLiteral("options")] = QJsonObject{
            {QStringLiteral("cacheMB"), double(o.cacheBytes) / (1024.0 * 1024.0)},
            {QStringLiteral("maxLoads"), o.maxConcurrentLoads},
            {QStringLiteral("lodScale"), o.lodScale},
            {QStringLiteral("frameBudgetMs"), o.attachBudgetMs},
    };
    QJsonObject drill = m_drill->stateJson();
    if (!m_registryFile.isEmpty())
        drill.insert(QStringLiteral("registry"), m_registryFile);
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
    root[QStringLiteral("review")] = m_review->stateJson(); // review:
    root[QStringLiteral("messages")] = QJsonArray::fromStringList(m_messages); // what the message area shows
    root[QStringLiteral("schemes")] = m_schemes->stateJson(); // schemes:
    return root;
}

// --- projects -------------------------------------------------------------------

void SceneController::markDirty()
{
    if (m_loadingProject || m_dirty)
        return;
    m_dirty = true;
    emit projectChanged();
}

QStringList SceneController::bookmarkNames() const
{
    QStringList names;
    for (const Bookmark &b : m_bookmarks)
        names << b.name;
    return names;
}

QStringList SceneController::recentProjects() const
{
    return QSettings().value(QStringLiteral("projects/recent")).toStringList();
}

void SceneController::addRecent(const QString &path)
{
    QSettings settings;
    QStringList recent = settings.value(QStringLiteral("projects/recent")).toStringList();
    recent.removeAll(path);
    recent.prepend(path);
    while (recent.size() > 10)
        recent.removeLast();
    settings.setValue(QStringLiteral("projects/recent"), recent);
}

QString SceneController::recoveryTime() const
{
    return m_recoveryFile.isEmpty() ? QString()
                                    : QFileInfo(m_recoveryFile).lastModified().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
}

QString SceneController::autosavePath() const
{
    const QString key = m_projectPath.isEmpty() ? QStringLiteral("untitled") : m_projectPath;
    const QByteArray hash = QCryptographicHash::hash(key.toUtf8(), QCryptographicHash::Sha1).toHex().left(16);
    return QStandardPaths::writableLocation(QStandardPaths::CacheLocation) + QStringLiteral("/autosave/")
           + QString::fromLatin1(hash) + QStringLiteral(".liyuan.json");
}

ProjectFile SceneController::currentProject(const QString &baseDir) const
{
    ProjectFile p;
    const QDir base(baseDir);
    p.layers = m_layers->toJson(base);
    const LocalFrame &frame = m_streamer->sceneFrame();
    if (m_streamer->hasSceneFrame() && frame.isGeoreferenced()) {
        p.hasFrame = true;
        p.crs = frame.crs().definition();
        p.origin = frame.origin();
    }
    p.hasCamera = true;
    p.eye = m_camera->eye();
    p.rotation = m_camera->rotation();
    p.fovY = m_camera->fieldOfView();
    p.bookmarks = m_bookmarks;
    // live data: the registry, mapping and broker (never the password)
    if (!m_registryFile.isEmpty()) {
        QJsonObject live = m_live->settingsJson();
        if (m_live->connectionState() == QLatin1String("replay") || m_live->brokerUrl().isEmpty())
            live = QJsonObject();
        if (m_live->connectionState() == QLatin1String("replay") && !m_replayFile.isEmpty())
            live.insert(QStringLiteral("replay"), base.relativeFilePath(m_replayFile));
        live.insert(QStringLiteral("registry"), base.relativeFilePath(m_registryFile));
        if (!m_mappingFile.isEmpty())
            live.insert(QStringLiteral("mapping"), base.relativeFilePath(m_mappingFile));
        p.live = live;
    }
    m_schemes->saveProject(&p, base); // schemes: scheme records + active; their model layers leave p.layers
    // review: the measurements' points (scene frame) and the zone rule when it is not the default
    p.measurements = m_review->projectMeasurements();
    if (m_review->zoneRule() != QLatin1String("centroid"))
        p.zoneRule = m_review->zoneRule();
    return p;
}

bool SceneController::autosave()
{
    const QString path = autosavePath();
    QDir().mkpath(QFileInfo(path).absolutePath());
    const QString baseDir = m_projectPath.isEmpty() ? QDir::homePath() : QFileInfo(m_projectPath).absolutePath();
    ProjectFile p = currentProject(baseDir);
    p.basePath = baseDir;
    QString error;
    if (!p.save(path, &error)) {
        addMessage(error);
        return false;
    }
    return true;
}

bool SceneController::saveProject()
{
    if (m_projectPath.isEmpty())
        return false;
    return saveProjectAs(m_projectPath);
}

bool SceneController::saveProjectAs(const QString &input)
{
    QString path = input.startsWith(QLatin1String("file:")) ? QUrl(input).toLocalFile() : input;
    if (!path.endsWith(QLatin1String(".liyuan.json"), Qt::CaseInsensitive))
        path += QStringLiteral(".liyuan.json");
    path = QFileInfo(path).absoluteFilePath();
    const ProjectFile p = currentProject(QFileInfo(path).absolutePath());
    QString error;
    if (!p.save(path, &error)) {
        addMessage(error);
        return false;
    }
    const QString oldAutosave = autosavePath();
    m_projectPath = path;
    QFile::remove(oldAutosave); // saved: nothing left to recover
    QFile::remove(autosavePath());
    m_dirty = false;
    addRecent(path);
    emit projectChanged();
    return true;
}

bool SceneController::applyProject(const ProjectFile &project, const QString &baseDir, const QString &file)
{
    m_loadingProject = true;
    m_layers->clear();
    m_streamer->resetSceneFrame();
    m_homeApplied = false;
    if (project.hasFrame && !project.crs.isEmpty()) {
        QString error;
        const Crs crs = Crs::fromString(project.crs, &error);
        if (crs.isValid())
            m_streamer->setSceneFrame(LocalFrame(crs, project.origin));
        else
            addMessage(QStringLiteral("%1: the scene CRS cannot be used (%2); the first layer defines it").arg(file, error));
    }
    // bottom layer first: each new layer goes on top
    for (int i = int(project.layers.size()) - 1; i >= 0; --i) {
        const QJsonObject l = project.layers[i].toObject();
        const QString rel = l.value(QStringLiteral("path")).toString();
        const QString abs = QDir::cleanPath(QDir(baseDir).absoluteFilePath(rel));
        const int before = int(m_messages.size());
        if (!m_layers->addPath(abs, l)) {
            const QString why = m_messages.size() > before ? m_messages.constLast() : QStringLiteral("cannot be opened");
            m_layers->addPlaceholder(abs, l, why);
        }
    }
    m_schemes->loadProject(project, QDir(baseDir)); // schemes: model layers per scheme model, active scheme
    m_bookmarks = project.bookmarks;
    // review: measurements (heights and sightlines recomputed once the scene has settled);
    // malformed ones were skipped by ProjectFile with a warning each
    for (const QString &w : project.warnings)
        addMessage(w);
    m_review->setZoneRule(project.zoneRule.isEmpty() ? QStringLiteral("centroid") : project.zoneRule);
    m_review->restoreMeasurements(project.measurements, file);
    // live data of the project: registry, mapping, and the broker (connects; a password must be
    // given again in the connection dialog)
    if (!project.live.isEmpty()) {
        const QString reg = project.live.value(QStringLiteral("registry")).toString();
        if (!reg.isEmpty())
            loadRegistry(QDir(baseDir).absoluteFilePath(reg));
        const QString map = project.live.value(QStringLiteral("mapping")).toString();
        if (!map.isEmpty())
            loadMapping(QDir(baseDir).absoluteFilePath(map));
        const mqtt::LiveFeed::Settings settings = LiveDataController::settingsFromJson(project.live);
        const QString replay = project.live.value(QStringLiteral("replay")).toString();
        if (!settings.url.isEmpty() && !m_liveExplicit) {
            QString error;
            if (!m_live->connectBroker(settings, &error))
                addMessage(error);
        } else if (!replay.isEmpty() && !m_liveExplicit) {
            startReplay(QDir(baseDir).absoluteFilePath(replay));
        }
    }
    if (project.hasCamera) {
        m_camera->setFieldOfView(float(project.fovY));
        m_camera->setPose(project.eye, project.rotation);
        m_autoHome = false;
    } else {
        m_autoHome = true;
    }
    m_loadingProject = false;
    emit datasetsChanged();
    if (m_window)
        m_window->update();
    return true;
}

bool SceneController::openProject(const QString &input)
{
    const QString path = QFileInfo(input.startsWith(QLatin1String("file:")) ? QUrl(input).toLocalFile() : input).absoluteFilePath();
    ProjectFile project;
    QString error;
    if (!ProjectFile::load(path, &project, &error)) {
        addMessage(error);
        return false;
    }
    applyProject(project, QFileInfo(path).absolutePath(), path);
    m_projectPath = path;
    m_dirty = false;
    addRecent(path);
    // an autosave newer than the file means the last session ended without saving
    const QString as = autosavePath();
    m_recoveryFile = QFileInfo::exists(as) && QFileInfo(as).lastModified() > QFileInfo(path).lastModified() ? as : QString();
    emit projectChanged();
    return true;
}

void SceneController::newProject()
{
    m_review->clear(); // review: measurements belong to the project
    m_review->setZoneRule(QStringLiteral("centroid"));
    m_schemes->clear(); // schemes:
    m_layers->clear();
    m_streamer->resetSceneFrame();
    m_bookmarks.clear();
    m_projectPath.clear();
    m_dirty = false;
    m_homeApplied = false;
    m_autoHome = true;
    emit datasetsChanged();
    emit projectChanged();
}

bool SceneController::recoverAutosave()
{
    if (m_recoveryFile.isEmpty())
        return false;
    ProjectFile project;
    QString error;
    if (!ProjectFile::load(m_recoveryFile, &project, &error)) {
        addMessage(error);
        m_recoveryFile.clear();
        emit projectChanged();
        return false;
    }
    const QString base = project.basePath.isEmpty() ? QFileInfo(m_recoveryFile).absolutePath() : project.basePath;
    applyProject(project, base, m_recoveryFile);
    m_recoveryFile.clear();
    m_dirty = true; // recovered changes are not saved yet
    emit projectChanged();
    return true;
}

void SceneController::discardAutosave()
{
    if (!m_recoveryFile.isEmpty())
        QFile::remove(m_recoveryFile);
    m_recoveryFile.clear();
    emit projectChanged();
}

void SceneController::addBookmark(const QString &name)
{
    Bookmark b;
    b.name = name.trimmed().isEmpty() ? tr("View %1").arg(m_bookmarks.size() + 1) : name.trimmed();
    b.eye = m_camera->eye();
    b.rotation = m_camera->rotation();
    m_bookmarks << b;
    m_dirty = true;
    emit projectChanged();
}

void SceneController::goToBookmark(int index)
{
    if (index < 0 || index >= m_bookmarks.size())
        return;
    m_camera->flyTo(m_bookmarks[index].eye, m_bookmarks[index].rotation);
}

void SceneController::removeBookmark(int index)
{
    if (index < 0 || index >= m_bookmarks.size())
        return;
    m_bookmarks.removeAt(index);
    m_dirty = true;
    emit projectChanged();
}

// --- picking, selection, attribute table -------------------------------------------

namespace {
/** The first attribute that names a picture (a local path or URL of an image). */
QString photoOf(const QVariantMap &attributes, const QString &layerFile)
{
    for (auto it = attributes.cbegin(); it != attributes.cend(); ++it) {
        const QString v = it.value().toString().trimmed();
        const QString lower = v.toLower();
        if (!(lower.endsWith(QLatin1String(".jpg")) || lower.endsWith(QLatin1String(".jpeg"))
              || lower.endsWith(QLatin1String(".png")) || lower.endsWith(QLatin1String(".webp"))))
            continue;
        if (lower.startsWith(QLatin1String("http://")) || lower.startsWith(QLatin1String("https://"))
            || lower.startsWith(QLatin1String("file:")))
            return v;
        QString local = v;
        local.replace(QLatin1Char('\\'), QLatin1Char('/'));
        const QString abs = QDir(QFileInfo(layerFile).absolutePath()).absoluteFilePath(local);
        if (QFileInfo::exists(abs))
            return QUrl::fromLocalFile(abs).toString();
    }
    return {};
}

QVariantList attributeList(const QVariantMap &attributes)
{
    QVariantList out;
    for (auto it = attributes.cbegin(); it != attributes.cend(); ++it)
        out.append(QVariantMap{{QStringLiteral("name"), it.key()},
                               {QStringLiteral("value"), it.value().isValid() ? it.value().toString() : QString()}});
    return out;
}
} // namespace

void SceneController::setSelection(const QVariantMap &selection, const Vec3d &min, const Vec3d &max)
{
    m_selection = selection;
    const Vec3d c = (min + max) * 0.5, size = max - min;
    m_selectionCenter = QVector3D(float(c.x), float(c.y), float(c.z));
    m_selectionSize = QVector3D(float(std::max(size.x, 1.0)), float(std::max(size.y, 1.0)), float(std::max(size.z, 1.0)));
    emit selectionChanged();
    if (m_window)
        m_window->update();
}

void SceneController::clearSelection()
{
    if (m_selection.isEmpty())
        return;
    m_selection.clear();
    emit selectionChanged();
}

bool SceneController::selectFeature(const QString &layerId, qint64 fid, bool fly)
{
    const auto data = m_layers->vectorData(layerId);
    const LayerEntry *layer = m_layers->model()->layer(layerId);
    if (!data || !layer)
        return false;
    const gdal::VectorFeatureRecord *f = data->feature(fid);
    if (!f)
        return false;
    const double top = std::isnan(f->height) ? std::max(f->anchor.z, f->groundZ) : f->groundZ + f->height;
    Vec3d mn(f->bounds.minX, f->bounds.minY, f->groundZ), mx(f->bounds.maxX, f->bounds.maxY, top);
    if (!f->bounds.isValid()) { // points
        mn = f->anchor - Vec3d(4, 4, 0);
        mx = f->anchor + Vec3d(4, 4, 8);
    }
    QString title = f->attributes.value(QStringLiteral("name")).toString();
    if (title.isEmpty())
        title = QStringLiteral("%1 #%2").arg(layer->name).arg(fid);
    setSelection(QVariantMap{{QStringLiteral("kind"), QStringLiteral("feature")},
                             {QStringLiteral("layerId"), layerId},
                             {QStringLiteral("layerName"), layer->name},
                             {QStringLiteral("fid"), fid},
                             {QStringLiteral("title"), title},
                             {QStringLiteral("attributes"), attributeList(f->attributes)},
                             {QStringLiteral("photo"), photoOf(f->attributes, data->file)}},
                 mn, mx);
    if (fly) {
        const Vec3d size = mx - mn;
        const double pad = std::max({size.x, size.y, size.z, 30.0});
        m_camera->lookAtBox(mn - Vec3d(pad, pad, 0), mx + Vec3d(pad, pad, 0), true);
    }
    return true;
}

bool SceneController::loadRegistry(const QString &input)
{
    const QString path = QUrl(input).isLocalFile() ? QUrl(input).toLocalFile() : input;
    // one registry, parsed once: the live layer owns it, the drill-down reads it
    if (m_streamer->hasSceneFrame())
        m_live->setSceneFrame(m_streamer->sceneFrame());
    QString error;
    if (!m_live->loadRegistry(QFileInfo(path).absoluteFilePath(), &error)) {
        for (const QString &e : error.split(QLatin1Char('\n'), Qt::SkipEmptyParts))
            addMessage(e);
        return false;
    }
    m_registryFile = QFileInfo(path).absoluteFilePath();
    updateDrillBuildings();
    return true;
}

bool SceneController::loadMapping(const QString &input)
{
    const QString path = QUrl(input).isLocalFile() ? QUrl(input).toLocalFile() : input;
    QString error;
    if (!m_live->loadMapping(path, &error)) {
        addMessage(error);
        return false;
    }
    m_mappingFile = QFileInfo(path).absoluteFilePath();
    return true;
}

bool SceneController::startReplay(const QString &feedFile)
{
    QString error;
    if (!m_live->startReplay(feedFile, &error)) {
        addMessage(error);
        return false;
    }
    m_replayFile = QFileInfo(feedFile).absoluteFilePath();
    return true;
}

bool SceneController::connectBroker(const QString &url, const QString &clientId, const QString &user,
                                    const QString &password, const QString &caFile)
{
    mqtt::LiveFeed::Settings settings;
    settings.url = url.trimmed();
    settings.clientId = clientId.trimmed();
    settings.username = user;
    settings.password = password;
    settings.caFile = QUrl(caFile).isLocalFile() ? QUrl(caFile).toLocalFile() : caFile;
    QString error;
    m_liveExplicit = true;
    if (!m_live->connectBroker(settings, &error)) {
        addMessage(error);
        return false;
    }
    markDirty();
    return true;
}

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
    if (!hasSelection())
        return false;
    const QVector3D half = m_selectionSize * 0.5f + QVector3D(2, 2, 2);
    setClipBox(m_selectionCenter - half, m_selectionCenter + half);
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

void SceneController::syncMarkerLifts()
{
    DeviceMarkers *markers = m_live->markers();
    markers->clearLifts();
    const DrillBuilding *b = m_drill->building(m_drill->buildingId());
    if (!b) {
        markers->clearVisibleFloor();
        return;
    }
    for (int i = 0; i < b->floors.size(); ++i)
        markers->setFloorLift(b->id, b->floors.at(i).number, float(m_drill->floorLift(i)));
    if (m_drill->state() == DrillDownController::Floor)
        markers->setVisibleFloor(b->id, m_drill->floor());
    else
        markers->clearVisibleFloor();
}

void SceneController::setPendingDrill(const QString &focus, bool explode)
{
    m_pendingFocus = focus;
    m_pendingExplode = explode;
}

void SceneController::applyPendingDrill()
{
    if (m_pendingFocus.isEmpty() || !m_homeApplied || m_drill->buildings().isEmpty())
        return;
    const QString spec = m_pendingFocus;
    m_pendingFocus.clear();
    const QString id = spec.section(QLatin1Char('/'), 0, 0);
    const QString floor = spec.section(QLatin1Char('/'), 1);
    if (!m_drill->focus(id)) {
        addMessage(tr("--focus: no building '%1' in the registry %2").arg(id, m_registryFile));
        return;
    }
    if (m_pendingExplode)
        m_drill->explode();
    if (!floor.isEmpty()) {
        bool ok = false;
        const int n = floor.toInt(&ok);
        if (!ok || !m_drill->isolate(n))
            addMessage(tr("--focus: building '%1' has no floor '%2'").arg(id, floor));
    }
}

void SceneController::updateDrillBuildings()
{
    QStringList errors;
    QList<DrillBuilding> list;
    if (!m_registryFile.isEmpty())
        list = drillBuildingsFromRegistry(m_live->registry(), m_streamer->sceneFrame(), &errors);
    for (const QString &e : std::as_const(errors))
        addMessage(e);
    // model layers with floors (IFC storeys, floor-named nodes) are buildings too
    m_modelDrillPending = false;
    for (const LayerEntry &l : m_layers->model()->layers()) {
        if (l.kind != QLatin1String("model") || l.dataset < 0)
            continue;
        const Tile *root = nullptr;
        for (const Tile *t : m_streamer->tiles())
            if (t->dataset == l.dataset && t->content && !t->parent)
                root = t;
        if (!root) {
            m_modelDrillPending = true; // not loaded yet: try again when content arrives
            continue;
        }
        const TileContent &c = *root->content;
        if (c.groups.empty())
            continue;
        const TileDataset &ds = m_streamer->datasets()[size_t(l.dataset)];
        Vec3d mn, mx;
        if (!m_streamer->bounds(l.dataset, &mn, &mx))
            continue;
        DrillBuilding b;
        b.id = l.id;
        b.name = l.name;
        b.modelDataset = l.dataset;
        b.floorSource = l.path.endsWith(QLatin1String(".ifc"), Qt::CaseInsensitive) ? QStringLiteral("ifc-storeys")
                                                                                   : QStringLiteral("node-names");
        b.footprint = QPolygonF(QRectF(QPointF(mn.x, mn.y), QPointF(mx.x, mx.y)));
        const Vec3d base = ds.transform().toScene(c.origin);
        for (int g = 0; g < int(c.groups.size()); ++g) {
            const MeshGroup &mg = c.groups[size_t(g)];
            b.floors << DrillFloor{g, mg.name, base.z + mg.baseElevation * ds.scale, std::max(0.5, mg.height * ds.scale), g};
        }
        // a registry building naming this model takes its floors (and keeps its devices)
        bool merged = false;
        for (DrillBuilding &r : list) {
            const auto *rb = [&]() -> const live::BuildingRegistry::Building * {
                for (const auto &x : m_live->registry().buildings())
                    if (x.id == r.id)
                        return &x;
                return nullptr;
            }();
            if (rb && !rb->model.isEmpty()
                && QFileInfo(QFileInfo(m_registryFile).dir().filePath(rb->model)).absoluteFilePath() == QFileInfo(l.path).absoluteFilePath()) {
                r.modelDataset = l.dataset;
                r.floorSource = b.floorSource;
                for (int i = 0; i < r.floors.size() && i < b.floors.size(); ++i)
                    r.floors[i].group = b.floors[i].group;
                merged = true;
            }
        }
        if (!merged)
            list << b;
    }
    m_drill->setBuildings(list);
}

bool SceneController::pickAt(double x, double y, int view)
{
    // points of interest are drawn on top: they win
    const QVariantMap poi = m_pois->itemAt(x, y);
    if (!poi.isEmpty() && poi.value(QStringLiteral("count")).toInt() <= 1)
        return selectFeature(poi.value(QStringLiteral("layerId")).toString(), poi.value(QStringLiteral("fid")).toLongLong(), false);
    Vec3d o, d;
    m_camera->viewState().rayThrough(x, y, &o, &d);
    // A click looks through translucent layers (zone volumes drawn at low opacity) to the surface
    // seen behind them; clicking the same spot again (same view) takes the translucent one in front.
    const bool sameSpot = std::hypot(x - m_lastPick.x, y - m_lastPick.y) <= 3.0 && view == m_lastPick.view
            && (m_camera->eye() - m_lastPick.eye).length() < 1e-6 && m_lastPick.throughTranslucent;
    m_lastPick = LastPick{x, y, view, m_camera->eye(), !sameSpot};
    const SchemeManager *schemes = m_schemes;
    const LayerManager *layers = m_layers;
    auto translucent = [layers](int ds) {
        const LayerEntry *l = layers->model()->layer(layers->layerOfDataset(ds));
        return l && l->kind == QLatin1String("vector") && l->opacity < 0.5;
    };
    const PickClipping &cuts = m_pickClipping[view == 1 ? 1 : 0];
    PickResult hit;
    bool found = false;
    if (!sameSpot) // look through the translucent layers first
        found = m_streamer->pick(o, d, &hit, [&](int ds) { return schemes->showsDataset(ds, view) && !translucent(ds); },
                                 &cuts);
    if (!found)
        found = m_streamer->pick(o, d, &hit, [&](int ds) { return schemes->showsDataset(ds, view); }, &cuts);
    if (!found) {
        clearSelection();
        return false;
    }
    const QString layerId = m_layers->layerOfDataset(hit.dataset);
    const LayerEntry *layer = m_layers->model()->layer(layerId);
    // a registered building: focus it (drill-down)
    // (the drill-down is drawn in the main view: a model only the compared view draws is selected, not focused)
    const QString drillId = m_schemes->showsDataset(hit.dataset, 0) ? m_drill->buildingAt(hit.point.x, hit.point.y, hit.dataset)
                                                                    : QString();
    if (!drillId.isEmpty() && (m_drill->state() == DrillDownController::District || m_drill->buildingId() != drillId))
        m_drill->focus(drillId);
    if (layer && hit.featureId >= 0 && (layer->kind == QLatin1String("vector") || layer->kind == QLatin1String("points")))
        return selectFeature(layerId, hit.featureId, false);
    if (!drillId.isEmpty()) { // the building's own panels tell more than its tile's file name
        clearSelection();
        return true;
    }
    // a tile of photogrammetry or terrain: describe the tile and the point
    const Tile *t = hit.tile;
    const TileContent &c = *t->content;
    const MeshData &m = c.meshes[size_t(hit.mesh)];
    const Vec3d base = m_streamer->datasets()[size_t(t->dataset)].offset + c.origin;
    const Vec3d mn = base + Vec3d(m.boundsMin[0], m.boundsMin[1], m.boundsMin[2]);
    const Vec3d mx = base + Vec3d(m.boundsMax[0], m.boundsMax[1], m.boundsMax[2]);
    QVariantMap attrs{{QStringLiteral("file"), t->file},
                      {QStringLiteral("level"), t->depth},
                      {QStringLiteral("triangles"), qlonglong(c.triangleCount())},
                      {QStringLiteral("x"), QString::number(hit.point.x, 'f', 2)},
                      {QStringLiteral("y"), QString::number(hit.point.y, 'f', 2)},
                      {QStringLiteral("z"), QString::number(hit.point.z, 'f', 2)}};
    bool ok = false;
    const Vec3d ll = m_streamer->sceneFrame().toLonLatHeight(hit.point, &ok);
    if (ok) {
        attrs.insert(QStringLiteral("lon"), QString::number(ll.x, 'f', 7));
        attrs.insert(QStringLiteral("lat"), QString::number(ll.y, 'f', 7));
    }
    setSelection(QVariantMap{{QStringLiteral("kind"), QStringLiteral("tile")},
                             {QStringLiteral("layerId"), layerId},
                             {QStringLiteral("layerName"), layer ? layer->name : QString()},
                             {QStringLiteral("title"), QFileInfo(t->file).fileName()},
                             {QStringLiteral("attributes"), attributeList(attrs)},
                             {QStringLiteral("photo"), QString()}},
                 mn, mx);
    return true;
}

void SceneController::showTable(const QString &layerId)
{
    m_tableLayer = layerId;
    m_tableModel->setLayer(layerId.isEmpty() ? nullptr : m_layers->vectorData(layerId));
    emit tableChanged();
}

} // namespace liyuan
