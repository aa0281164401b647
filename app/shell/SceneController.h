#pragma once
#include "LayerManager.h"
#include "ProjectFile.h"
#include "FeatureTableModel.h"
#include "PointOverlayModel.h"
#include "DrillDownController.h"
#include "LiveDataController.h"
#include "PlacementEditor.h" // placement:
#include "ReviewController.h" // review:
#include "SchemeManager.h" // schemes:

#include <liyuan/demo/DemoDistrict.h>
#include <liyuan/live/BuildingRegistry.h>

#include <liyuan/scene/TileStreamer.h>
#include <liyuan/scene/quick/CameraController.h>
#include <liyuan/scene/quick/SceneClipping.h>
#include <liyuan/scene/quick/TileDrawableModel.h>

#include <QElapsedTimer>
#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QStringList>
#include <QTimer>
#include <QVariantMap>
#include <QVector3D>

#include <QQuickWindow>

namespace liyuan {

/**
 * The scene as QML sees it ("liyuan" in QML): datasets, the tile streamer and its
 * drawables, the camera, status counters and messages. Drives one streaming update per
 * frame from QQuickWindow::afterAnimating (GUI thread, before the render thread syncs).
 * GUI thread only.
 */
class SceneController : public QObject
{
    Q_OBJECT
    Q_PROPERTY(liyuan::CameraController *camera READ camera CONSTANT)
    Q_PROPERTY(liyuan::TileDrawableModel *tiles READ tiles CONSTANT)
    Q_PROPERTY(liyuan::LayerManager *layers READ layers CONSTANT)
    Q_PROPERTY(liyuan::PointOverlayModel *pois READ pois CONSTANT)
    Q_PROPERTY(liyuan::SceneClipping *clipping READ clipping CONSTANT)
    Q_PROPERTY(liyuan::DrillDownController *drill READ drill CONSTANT)
    Q_PROPERTY(liyuan::LiveDataController *live READ live CONSTANT)
    Q_PROPERTY(liyuan::PlacementEditor *placement READ placement CONSTANT) // placement:
    Q_PROPERTY(liyuan::ReviewController *review READ review CONSTANT) // review:
    Q_PROPERTY(liyuan::SchemeManager *schemes READ schemes CONSTANT) // schemes:
    Q_PROPERTY(liyuan::FeatureTableProxy *table READ table CONSTANT)
    Q_PROPERTY(QString tableLayer READ tableLayer NOTIFY tableChanged)
    Q_PROPERTY(QVariantMap selection READ selection NOTIFY selectionChanged)
    Q_PROPERTY(bool hasSelection READ hasSelection NOTIFY selectionChanged)
    Q_PROPERTY(QVector3D selectionCenter READ selectionCenter NOTIFY selectionChanged)
    Q_PROPERTY(QVector3D selectionSize READ selectionSize NOTIFY selectionChanged)
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
    Q_PROPERTY(QString projectPath READ projectPath NOTIFY projectChanged)
    Q_PROPERTY(bool projectDirty READ projectDirty NOTIFY projectChanged)
    Q_PROPERTY(QStringList bookmarks READ bookmarkNames NOTIFY projectChanged)
    Q_PROPERTY(QStringList recentProjects READ recentProjects NOTIFY projectChanged)
    Q_PROPERTY(bool recoveryAvailable READ recoveryAvailable NOTIFY projectChanged)
    Q_PROPERTY(QString recoveryTime READ recoveryTime NOTIFY projectChanged)
public:
    explicit SceneController(QObject *parent = nullptr);
    ~SceneController() override;

    CameraController *camera() const { return m_camera; }
    TileDrawableModel *tiles() const { return m_tiles; }
    TileStreamer *streamer() const { return m_streamer; }
    LayerManager *layers() const { return m_layers; }
    PointOverlayModel *pois() const { return m_pois; }
    /** Flatten/clip polygons, clipping box and section plane applied by the tile material. */
    SceneClipping *clipping() const { return m_clipping; }
    // schemes: design schemes (active, compare, areas flattened/clipped)
    SchemeManager *schemes() const { return m_schemes; }
    /** District → building → floor drill-down. */
    DrillDownController *drill() const { return m_drill; }
    // placement: interactive model placement (move/rotate/scale with handles, snap to ground)
    PlacementEditor *placement() const { return m_placement; }
    // review: measurements, sightlines, height-limit check
    ReviewController *review() const { return m_review; }
    /**
     * Opens the drill-down once the data and the registry are in: "BUILDING[/FLOOR]";
     * explode separates the floors. Unknown buildings or floors give a message.
     */
    void setPendingDrill(const QString &focus, bool explode);
    /** Live devices, alarms and footfall (MQTT or the demo's recorded feed). */
    LiveDataController *live() const { return m_live; }
    /** Connects the live layer to a broker (the password stays in memory); false with a message. */
    Q_INVOKABLE bool connectBroker(const QString &url, const QString &clientId, const QString &user,
                                   const QString &password, const QString &caFile);
    /** Loads a payload mapping (JSON) for the live layer; false with a message naming the file. */
    bool loadMapping(const QString &path);
    /** Replays a recorded feed into the live layer (no broker); false with a message. */
    bool startReplay(const QString &feedFile);
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
    /** Loads a building registry (drill-down targets, live devices); false with a message naming the file. */
    Q_INVOKABLE bool loadRegistry(const QString &path);
    FeatureTableProxy *table() const { return m_tableProxy; }
    QString tableLayer() const { return m_tableLayer; }
    QVariantMap selection() const { return m_selection; }
    bool hasSelection() const { return !m_selection.isEmpty(); }
    QVector3D selectionCenter() const { return m_selectionCenter; }
    QVector3D selectionSize() const { return m_selectionSize; }

    /**
     * Picks what is under a pixel of the view: a point of interest, a vector feature, a
     * photogrammetry tile or terrain; selects it (highlight + attributes). False: nothing.
     * `view` 0 is the main view, 1 the compared scheme's (split or right of the swipe slider):
     * only what that view draws can be hit (another scheme's models are looked through).
     */
    Q_INVOKABLE bool pickAt(double x, double y, int view = 0);
    /** Selects a feature of a vector/points layer; with fly, flies to it. */
    Q_INVOKABLE bool selectFeature(const QString &layerId, qint64 fid, bool fly);
    Q_INVOKABLE void clearSelection();
    /** Shows the attribute table of a vector/points layer ("" hides it). */
    Q_INVOKABLE void showTable(const QString &layerId);

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

    /** Opens datasets (paths or file:// URLs); false with messages when none could be opened. */
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
    void resetFrameTimes() { m_frameTimes.clear(); m_lastFrame.invalidate(); }
    /** True once the Home view was applied from the data's bounds. */
    bool homeApplied() const { return m_homeApplied; }
    /** Disables applying Home automatically (a camera path drives the view). */
    void setAutoHome(bool on) { m_autoHome = on; }

    // --- projects ---
    QString projectPath() const { return m_projectPath; }
    bool projectDirty() const { return m_dirty; }
    QStringList bookmarkNames() const;
    QStringList recentProjects() const;
    bool recoveryAvailable() const { return !m_recoveryFile.isEmpty(); }
    QString recoveryTime() const;
    /** Opens a *.liyuan.json project, replacing the scene; false with a message naming the file. */
    Q_INVOKABLE bool openProject(const QString &path);
    /** Empties the scene (no layers, no project file). */
    Q_INVOKABLE void newProject();
    /** Saves to the current project file (false when there is none yet: use saveProjectAs). */
    Q_INVOKABLE bool saveProject();
    /** Saves to path (adds ".liyuan.json" when missing) and makes it the current project. */
    Q_INVOKABLE bool saveProjectAs(const QString &path);
    Q_INVOKABLE void addBookmark(const QString &name);
    Q_INVOKABLE void goToBookmark(int index);
    Q_INVOKABLE void removeBookmark(int index);
    /** Replaces the scene with the autosaved state found at start (recoveryAvailable). */
    Q_INVOKABLE bool recoverAutosave();
    Q_INVOKABLE void discardAutosave();
    /** The project as it would be saved now (paths relative to baseDir). */
    ProjectFile currentProject(const QString &baseDir) const;
    /** Writes the autosave file now (also done by a timer while dirty). */
    bool autosave();
    /** Where the current project's autosave goes. */
    QString autosavePath() const;

    /** What is shown now, for --state-json (later capabilities add their parts). */
    QJsonObject stateJson() const;

signals:
    void statsChanged();
    void messagesChanged();
    void datasetsChanged();
    void busyChanged();
    void optionsChanged();
    void projectChanged();
    void tableChanged();
    void selectionChanged();
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

    TileStreamer *m_streamer = nullptr;
    TileDrawableModel *m_tiles = nullptr;
    CameraController *m_camera = nullptr;
    LayerManager *m_layers = nullptr;
    QPointer<QQuickWindow> m_window;
    QStringList m_messages;
    QString m_busyText;
    double m_busyProgress = 0;
    QElapsedTimer m_lastFrame;
    bool m_continuous = false; ///< the last frame asked for the next one
    double m_frameMs = 0;
    std::vector<double> m_frameTimes;
    std::function<void()> m_frameHook;
    QSize m_viewSize;
    bool m_homeApplied = false;
    bool m_autoHome = true;
    void markDirty();
    bool applyProject(const ProjectFile &project, const QString &baseDir, const QString &fileForMessages);
    void addRecent(const QString &path);
    bool openDemoProject(const demo::DemoDistrictResult &result);
    void setSelection(const QVariantMap &selection, const Vec3d &min, const Vec3d &max);
    PointOverlayModel *m_pois = nullptr;
    SceneClipping *m_clipping = nullptr;
    PickClipping m_pickClipping[2]; ///< the main and the compared view's GPU cuts, for picking
    DrillDownController *m_drill = nullptr;
    LiveDataController *m_live = nullptr;
    bool m_liveExplicit = false; ///< --mqtt or a user connection: the demo does not replay over it
    QString m_mappingFile;
    QString m_replayFile;
    void syncMarkerLifts();
    PlacementEditor *m_placement = nullptr; // placement:
    ReviewController *m_review = nullptr; // review:
    SchemeManager *m_schemes = nullptr; // schemes:
    struct LastPick { double x = -1e9, y = -1e9; int view = -1; Vec3d eye; bool throughTranslucent = false; };
    LastPick m_lastPick; ///< pickAt: a second click on the same spot takes the translucent layer in front
    QString m_registryFile;
    QString m_pendingFocus;
    bool m_pendingExplode = false;
    bool m_modelDrillPending = false;
    void applyPendingDrill();
    void updateModelProgress();
    quint64 m_sliceRevision = 0;
    void updateDrillBuildings();
    FeatureTableModel *m_tableModel = nullptr;
    FeatureTableProxy *m_tableProxy = nullptr;
    QString m_tableLayer;
    QVariantMap m_selection;
    QVector3D m_selectionCenter, m_selectionSize;
    QString m_projectPath;
    bool m_dirty = false;
    bool m_loadingProject = false;
    QList<Bookmark> m_bookmarks;
    QString m_recoveryFile;
    QTimer *m_autosaveTimer = nullptr;
};

} // namespace liyuan
