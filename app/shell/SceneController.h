#pragma once
#include "DrillDownController.h"
#include "DrillTargets.h"
#include "CalibrationSession.h"
#include "CameraLayer.h"
#include "DemoCameraServer.h"
#include "EventController.h"
#include "LayerManager.h"
#include "LiveDataController.h"
#include "PlacementEditor.h"
#include "PointOverlayModel.h"
#include "PresenterController.h"
#include "ProjectController.h"
#include "ReviewController.h"
#include "SchemeManager.h"
#include "SelectionController.h"
#include "SyncController.h" // sync:
#include "GuiStallMeter.h" // texmem:

#include <liyuan/scene/TileStreamer.h>
#include <liyuan/scene/quick/CameraController.h>
#include <liyuan/scene/quick/SceneClipping.h>
#include <liyuan/scene/quick/TileDrawableModel.h>
#include <liyuan/scene/quick/VideoProjectors.h>

#include <QElapsedTimer>
#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QStringList>
#include <QTimer>
#include <QVector3D>

#include <QQuickWindow>

#include <functional>
#include <vector>

namespace liyuan {

namespace demo { struct DemoDistrictResult; }

/**
 * The scene as QML sees it ("liyuan" in QML): composes the capabilities — layers, selection,
 * project, drill-down, live data, placement, review, schemes — around the tile streamer, its
 * drawables and the camera, and reaches them as sub-objects (`liyuan.project`, `liyuan.selection`,
 * …). Itself it holds the streaming status and options, the message list, the section tools and
 * the per-frame update, driven from QQuickWindow::afterAnimating (GUI thread, before the render
 * thread syncs). GUI thread only.
 */
class SceneController : public QObject
{
    Q_OBJECT
    Q_PROPERTY(liyuan::CameraController *camera READ camera CONSTANT)
    Q_PROPERTY(liyuan::TileDrawableModel *tiles READ tiles CONSTANT)
    Q_PROPERTY(liyuan::LayerManager *layers READ layers CONSTANT)
    Q_PROPERTY(liyuan::PointOverlayModel *pois READ pois CONSTANT)
    Q_PROPERTY(liyuan::SelectionController *selection READ selection CONSTANT)
    Q_PROPERTY(liyuan::ProjectController *project READ project CONSTANT)
    Q_PROPERTY(liyuan::SceneClipping *clipping READ clipping CONSTANT)
    Q_PROPERTY(liyuan::DrillDownController *drill READ drill CONSTANT)
    Q_PROPERTY(liyuan::LiveDataController *live READ live CONSTANT)
    Q_PROPERTY(liyuan::PlacementEditor *placement READ placement CONSTANT)
    Q_PROPERTY(liyuan::ReviewController *review READ review CONSTANT)
    Q_PROPERTY(liyuan::SchemeManager *schemes READ schemes CONSTANT)
    Q_PROPERTY(liyuan::VideoProjectors *fusion READ fusion CONSTANT)
    Q_PROPERTY(liyuan::EventController *events READ events CONSTANT)
    Q_PROPERTY(liyuan::CameraLayer *cameras READ cameras CONSTANT)
    Q_PROPERTY(liyuan::CalibrationSession *calibration READ calibration CONSTANT)
    Q_PROPERTY(liyuan::PresenterController *presenter READ presenter CONSTANT)
    Q_PROPERTY(liyuan::SyncController *sync READ sync CONSTANT) // sync:
    Q_PROPERTY(int tilesDrawn READ tilesDrawn NOTIFY statsChanged)
    Q_PROPERTY(int tilesLoading READ tilesLoading NOTIFY statsChanged)
    Q_PROPERTY(int tilesCached READ tilesCached NOTIFY statsChanged)
    Q_PROPERTY(int tilesFailed READ tilesFailed NOTIFY statsChanged)
    Q_PROPERTY(double cacheMB READ cacheMB NOTIFY statsChanged)
    Q_PROPERTY(double cacheBudgetMB READ cacheBudgetMB NOTIFY optionsChanged)
    Q_PROPERTY(double frameMs READ frameMs NOTIFY statsChanged)
    Q_PROPERTY(qint64 triangles READ triangles NOTIFY statsChanged)
    Q_PROPERTY(QStringList failures READ failures NOTIFY statsChanged)
    Q_PROPERTY(QStringList messages READ messages NOTIFY messagesChanged)
    Q_PROPERTY(QString datasetSummary READ datasetSummary NOTIFY datasetsChanged)
    Q_PROPERTY(QString crsName READ crsName NOTIFY datasetsChanged)
    Q_PROPERTY(bool busy READ busy NOTIFY busyChanged)
    Q_PROPERTY(QString busyText READ busyText NOTIFY busyChanged)
    Q_PROPERTY(double busyProgress READ busyProgress NOTIFY busyChanged)
    Q_PROPERTY(double lodScale READ lodScale WRITE setLodScale NOTIFY optionsChanged)
    Q_PROPERTY(int maxLoads READ maxLoads WRITE setMaxLoads NOTIFY optionsChanged)
    Q_PROPERTY(double cacheLimitMB READ cacheBudgetMB WRITE setCacheLimitMB NOTIFY optionsChanged)
    Q_PROPERTY(bool mipmaps READ mipmaps WRITE setMipmaps NOTIFY optionsChanged)
public:
    explicit SceneController(QObject *parent = nullptr);
    ~SceneController() override;

    CameraController *camera() const { return m_camera; }
    TileDrawableModel *tiles() const { return m_tiles; }
    TileStreamer *streamer() const { return m_streamer; }
    LayerManager *layers() const { return m_layers; }
    PointOverlayModel *pois() const { return m_pois; }
    /** Picking, the selection and the attribute table. */
    SelectionController *selection() const { return m_selection; }
    /** Open, save, autosave, recovery, bookmarks. */
    ProjectController *project() const { return m_project; }
    /** Flatten/clip polygons, clipping box and section plane applied by the tile material. */
    SceneClipping *clipping() const { return m_clipping; }
    /** Design schemes (active, compare, areas flattened/clipped). */
    SchemeManager *schemes() const { return m_schemes; }
    /** District → building → floor drill-down. */
    DrillDownController *drill() const { return m_drill; }
    /** The drill-down's buildings, --focus and live markers on exploded floors. */
    DrillTargets *drillTargets() const { return m_drillTargets; }
    /** Interactive model placement (move/rotate/scale with handles, snap to ground). */
    PlacementEditor *placement() const { return m_placement; }
    /** Measurements, sightlines, height-limit check. */
    ReviewController *review() const { return m_review; }
    /** Live devices, alarms and footfall (MQTT or the demo's recorded feed). */
    LiveDataController *live() const { return m_live; }
    /** Video fusion: pictures projected onto the scene with occlusion (`liyuan.fusion`). */
    VideoProjectors *fusion() const { return m_fusion; }
    /** Events (MQTT, --event, clicks): markers, list, Who sees it, Nearby. */
    EventController *events() const { return m_events; }
    /** Surveillance cameras: registry, icons, feeds, projections, who sees a point (`liyuan.cameras`). */
    CameraLayer *cameras() const { return m_cameras; }
    /** Calibrating one camera from picked point pairs (`liyuan.calibration`). */
    CalibrationSession *calibration() const { return m_calibration; }
    /** Saved views and tours, playback, presenter keys (`liyuan.presenter`). */
    PresenterController *presenter() const { return m_presenter; }
    /** Leader/follower synchronisation of a wall over MQTT (`liyuan.sync`). */
    SyncController *sync() const { return m_sync; }
    /** True when the camera layer has loaded and every open feed/projection has a picture or failed (scripted runs). */
    bool camerasSettled() const { return m_cameras->settled(); }
    /**
     * True when what the view shows is complete: every root in, streaming settled, projections'
     * depth maps made, camera feeds showing (or failed), the presenter's view applied. The one test
     * screenshots, stills and recorded frames wait for (each adds its own conditions).
     */
    bool contentSettled() const
    {
        return m_streamer->rootsReady() && m_streamer->isSettled() && m_fusion->settled() && m_cameras->settled()
               && m_presenter->settled();
    }

    /** Section plane: cuts away everything above scene-frame height z (any layer, or one: sectionDataset). */
    Q_INVOKABLE void setSectionHeight(double z);
    /** Clipping box: keeps only what lies inside the box (scene frame). */
    Q_INVOKABLE void setClipBox(const QVector3D &min, const QVector3D &max);
    /** Clipping box around the selection (grown by a margin), false when nothing is selected. */
    Q_INVOKABLE bool clipToSelection();
    /** Removes the section plane and the clipping box. */
    Q_INVOKABLE void clearSection();
    /** Flies to a device of the registry (its position follows the exploded floors). */
    Q_INVOKABLE bool flyToDevice(const QString &deviceId);

    int tilesDrawn() const { return m_streamer->stats().tilesDrawn; }
    int tilesLoading() const { return m_streamer->stats().loading + m_streamer->stats().queued; }
    int tilesCached() const { return m_streamer->stats().cached; }
    int tilesFailed() const { return m_streamer->stats().failed; }
    double cacheMB() const { return m_streamer->stats().cacheBytes / (1024.0 * 1024.0); }
    double cacheBudgetMB() const { return m_streamer->options().cacheBytes / (1024.0 * 1024.0); }
    double frameMs() const { return m_frameMs; }
    qint64 triangles() const { return m_streamer->stats().trianglesDrawn; }
    QStringList failures() const { return m_streamer->failures(); }
    QStringList messages() const { return m_messages; }
    QString datasetSummary() const;
    QString crsName() const;
    bool busy() const { return !m_busyText.isEmpty(); }
    QString busyText() const { return m_busyText; }
    double busyProgress() const { return m_busyProgress; }
    double lodScale() const { return m_streamer->options().lodScale; }
    void setLodScale(double scale);
    int maxLoads() const { return m_streamer->options().maxConcurrentLoads; }
    void setMaxLoads(int loads);
    void setCacheLimitMB(double mb);
    bool mipmaps() const { return m_streamer->options().mipmaps; }
    void setMipmaps(bool on);

    void setOptions(const TilesetOptions &options);
    /** Saves the streaming options to the user's settings. */
    Q_INVOKABLE void saveSettings() const;

    /** Size of the 3D view in window pixels (the view may not fill the window). */
    Q_INVOKABLE void setViewSize(double width, double height);
    /** Hooks the per-frame update into the window. */
    void attachWindow(QQuickWindow *window);
    QQuickWindow *window() const { return m_window; }

    /** Opens datasets and projects (paths or file:// URLs); false with messages when none could be opened. */
    Q_INVOKABLE bool openPaths(const QStringList &paths);
    /** Generates (when needed, on a worker with progress) and opens the demo district. */
    Q_INVOKABLE void openDemo();
    Q_INVOKABLE void home();
    /** "E 120.32100° N 36.06000° · 12.3 m" for the surface under a pixel, or empty. */
    Q_INVOKABLE QString describePoint(double x, double y) const;
    Q_INVOKABLE void clearMessages();

    /** Called every frame before selection (automation sets camera-path poses here). */
    void setFrameHook(std::function<void()> hook) { m_frameHook = std::move(hook); }
    /** Durations between consecutive frames, ms (cleared by resetFrameTimes). */
    const std::vector<double> &frameTimes() const { return m_frameTimes; }
    void resetFrameTimes() { m_frameTimes.clear(); m_lastFrame.invalidate(); m_stallMeter.reset(); m_maxFrameWorkMs = 0; m_frameWorkOver50 = 0; }
    /** The GUI-thread stall meter behind --state-json gui.*; not running until started (GUI thread). */
    GuiStallMeter *stallMeter() { return &m_stallMeter; }
    /** True once the Home view was applied from the data's bounds. */
    bool homeApplied() const { return m_homeApplied; }
    /** Disables applying Home automatically (a camera path drives the view). */
    void setAutoHome(bool on) { m_autoHome = on; }

    /** What is shown now, for --state-json (each capability adds its part). */
    QJsonObject stateJson() const;

signals:
    void statsChanged();
    void messagesChanged();
    void datasetsChanged();
    void busyChanged();
    void optionsChanged();
    /** Emitted after each streaming update, on the GUI thread. */
    void frameUpdated();
    /** Opening failed entirely (message names the path). */
    void openFailed(const QString &message);
    /** The demo district is open (or failed: ok=false). */
    void demoReady(bool ok);

private:
    void onFrame();
    void addMessage(const QString &message);
    void applyHomeIfReady();
    void updateWindow();
    /** A frame for newly streamed content: at once, or streamingFrameIntervalMs after the last frame ended. GUI thread. */
    void requestStreamingFrame();
    bool openDemoProject(const demo::DemoDistrictResult &result);

    TileStreamer *m_streamer = nullptr;
    TileDrawableModel *m_tiles = nullptr;
    CameraController *m_camera = nullptr;
    LayerManager *m_layers = nullptr;
    PointOverlayModel *m_pois = nullptr;
    SceneClipping *m_clipping = nullptr;
    SelectionController *m_selection = nullptr;
    ProjectController *m_project = nullptr;
    DrillDownController *m_drill = nullptr;
    DrillTargets *m_drillTargets = nullptr;
    LiveDataController *m_live = nullptr;
    PlacementEditor *m_placement = nullptr;
    ReviewController *m_review = nullptr;
    SchemeManager *m_schemes = nullptr;
    VideoProjectors *m_fusion = nullptr;
    EventController *m_events = nullptr;
    CameraLayer *m_cameras = nullptr;
    CalibrationSession *m_calibration = nullptr;
    PresenterController *m_presenter = nullptr;
    SyncController *m_sync = nullptr; // sync:
    DemoCameraServer *m_demoCameras = nullptr;
    QPointer<QQuickWindow> m_window;
    QStringList m_messages;
    QString m_busyText;
    double m_busyProgress = 0;
    QElapsedTimer m_lastFrame;
    double m_maxFrameWorkMs = 0; ///< longest of our own per-frame GUI work (onFrame), without the render loop's waits
    int m_frameWorkOver50 = 0;
    QElapsedTimer m_lastSwap; ///< since the last frame reached the screen (streaming frames are spaced from it)
    QTimer *m_streamFrameTimer = nullptr; ///< the next frame while streaming with nothing moving
    GuiStallMeter m_stallMeter; // texmem: longest GUI-thread stall (--state-json gui)
    QElapsedTimer m_presenterClock; // presenter: tour clock between frames
    bool m_continuous = false; ///< the last frame asked for the next one
    double m_frameMs = 0;
    std::vector<double> m_frameTimes;
    std::function<void()> m_frameHook;
    QSize m_viewSize;
    bool m_homeApplied = false;
    bool m_autoHome = true;
};

} // namespace liyuan
