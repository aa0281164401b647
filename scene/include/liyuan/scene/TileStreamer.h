#pragma once
#include "PickClipping.h"
#include "Tile.h"
#include "TileCache.h"
#include "TileRenderer.h"
#include "TileSelector.h"
#include "TilesetOptions.h"
#include "ViewState.h"

#include <liyuan/geodata/LocalFrame.h>

#include <QHash>
#include <QObject>
#include <QStringList>
#include <QThreadPool>

#include <atomic>

#include <deque>
#include <functional>
#include <memory>
#include <vector>

namespace liyuan {

/** One opened tile dataset. */
struct TileDataset
{
    QString path;            ///< what the user opened
    QString format;          ///< "OSGB", …
    LocalFrame frame;        ///< frame its vertices are in
    QStringList rootFiles;
    QStringList warnings;
    Vec3d offset;            ///< its frame origin in the scene frame (set by addDataset)
    double headingDeg = 0.0; ///< rotation about the frame's Z through its origin, clockwise from north (kept by addDataset)
    double scale = 1.0;      ///< uniform scale about its origin, applied before the rotation (kept by addDataset)
    bool visible = true;
    bool removed = false;
    bool keepFootprint = false; ///< root tiles keep the XY hull of their vertices (models: the height check)
    // what its loads gave so far (GUI thread): a dataset that read tiles but yields nothing to draw says so
    int tilesLoaded = 0;        ///< successful loads
    qint64 trianglesLoaded = 0; ///< triangles in them
    int tilesFailed = 0;        ///< failed loads
    QString lastError;          ///< the last failed load's message ("FILE: problem")

    /** offset + R(−heading about Z)·scale·p maps its frame into the scene frame. */
    DatasetTransform transform() const { return {offset, headingDeg, scale}; }
};

/** What a ray hit: the point and, for vector layers, the feature. */
struct PickResult
{
    Vec3d point;
    const Tile *tile = nullptr;
    int dataset = -1;
    int mesh = -1;
    qint64 triangle = -1;
    qint64 featureId = -1; ///< -1 when the mesh carries no feature ids (models: the node index)
    int group = -1;        ///< the mesh's group (a model's floor), -1 for none
};

/** Counters for the status line and --state-json (GUI thread). */
struct StreamingStats
{
    int tilesDrawn = 0;
    int meshesDrawn = 0;
    qint64 trianglesDrawn = 0;
    int loading = 0;         ///< reads in flight
    int queued = 0;          ///< wanted, waiting for a free loader
    int waitingAttach = 0;   ///< loaded, waiting for the GUI thread
    int cached = 0;          ///< tiles holding content
    qint64 cacheBytes = 0;
    int failed = 0;
    int loadedTotal = 0;     ///< successful loads since start
    int evictedTotal = 0;
    int cancelledTotal = 0;  ///< remote: loads stopped because their tile was no longer wanted
    double lastUpdateMs = 0; ///< GUI-thread time of the last update()
    double maxUpdateMs = 0;
};

/**
 * Streams tile pyramids: owns the tile tree of every dataset, selects per frame
 * (TileSelector), loads on a bounded pool of worker threads in priority order, attaches
 * loaded tiles on the GUI thread within a per-frame budget, and evicts least-recently-used
 * tiles over the byte budget. Failed files are remembered and never requested again.
 *
 * Threads: every public method runs on the GUI thread. Workers see only a file name and
 * return plain TileContent (QtConcurrent + QFuture::then(this, …)).
 */
class TileStreamer : public QObject
{
    Q_OBJECT
public:
    explicit TileStreamer(QObject *parent = nullptr);
    ~TileStreamer() override;

    /** The renderer that draws tiles; not owned; may be null (selection and loading only). */
    void setRenderer(TileRenderer *renderer) { m_renderer = renderer; }
    void setOptions(const TilesetOptions &options);
    const TilesetOptions &options() const { return m_options; }

    /** The scene frame; the first georeferenced dataset sets it when none was set. */
    const LocalFrame &sceneFrame() const { return m_sceneFrame; }
    void setSceneFrame(const LocalFrame &frame)
    {
        m_sceneFrame = frame;
        m_sceneFrameSet = true;
    }
    /** Forgets the scene frame (only meaningful once every dataset was removed). */
    void resetSceneFrame()
    {
        m_sceneFrame = LocalFrame();
        m_sceneFrameSet = false;
    }
    /** Whether the scene frame was set (by setSceneFrame or the first dataset). */
    bool hasSceneFrame() const { return m_sceneFrameSet; }

    /** Adds a dataset; its offset in the scene frame is computed here. Returns its index. */
    int addDataset(TileDataset dataset);
    const std::vector<TileDataset> &datasets() const { return m_datasets; }
    /** Shows or hides a dataset (hidden ones are neither drawn nor loaded; their cache ages out). */
    void setDatasetVisible(int index, bool visible);
    /**
     * Moves, turns and scales a dataset (interactive placement): its frame origin goes to
     * offset (scene frame), then rotation by headingDeg clockwise about Z, scale about the
     * origin. Drawables move without a reload; bounds, selection and pick follow. False (and
     * nothing changes) for an unknown index, non-finite numbers or scale <= 0.
     */
    bool setDatasetTransform(int index, const Vec3d &offset, double headingDeg, double scale);
    /** Removes a dataset: frees its tiles now; the index stays reserved (removed = true). */
    void removeDataset(int index);

    /** One frame: integrate loads, attach within budget, select, schedule, evict. */
    void update(const ViewState &view);

    const StreamingStats &stats() const { return m_stats; }
    /** True when the last update() left nothing to load or attach for its view. */
    bool isSettled() const;
    /** True once every root tile is Done or Failed. */
    bool rootsReady() const;
    /**
     * "FILE: problem" for failed files, in order of failure: the first kMaxKeptFailures only
     * (a tileset naming 10,000 missing files stays bounded); stats().failed counts them all.
     */
    QStringList failures() const { return m_failures; }
    static constexpr int kMaxKeptFailures = 1000;
    /** Failures logged (qWarning) per dataset; after that one line says the rest are not. */
    static constexpr int kMaxLoggedFailures = 20;
    /** Files of every tile that is Loading or queued for the last view. */
    QStringList pendingFiles() const;
    /** Bounding box (scene frame) of the geometry of all loaded root tiles (a root with no geometry
     *  of its own, e.g. a 3D Tiles root that only refines: its LOD nodes' spheres); false if none. */
    bool sceneBounds(Vec3d *min, Vec3d *max) const { return bounds(-1, min, max); }
    /** The same for one dataset (-1: all visible datasets). */
    bool bounds(int dataset, Vec3d *min, Vec3d *max) const;
    /**
     * Ground footprint of a dataset: the convex hull (scene frame XY, counter-clockwise, z = 0)
     * of the vertices of its loaded root tiles as placed (offset, heading, scale applied) —
     * for a model, the whole model. False when no root tile of it is loaded; empty for a
     * dataset without TileDataset::keepFootprint.
     */
    bool footprint(int dataset, std::vector<Vec3d> *hull) const;
    /** Nearest hit of a ray with the meshes drawn in the last frame. */
    bool pick(const Vec3d &origin, const Vec3d &direction, Vec3d *hit) const;
    /** The same, with what was hit; `acceptDataset` (optional) limits the hits to some datasets
     *  (the rest is looked through, as the placement editor looks through zone volumes);
     *  `clipping` (optional) makes the hit follow a view's GPU cuts: flattened surfaces are hit
     *  where they are drawn, clipped-away ones are looked through. */
    bool pick(const Vec3d &origin, const Vec3d &direction, PickResult *result,
              const std::function<bool(int dataset)> &acceptDataset = {}, const PickClipping *clipping = nullptr) const;
    const Selection &lastSelection() const { return m_selection; }
    quint64 frameNumber() const { return m_frame; }
    /** Every tile known (loaded or not), for inspection and tests. */
    std::vector<const Tile *> tiles() const;

signals:
    /** A tile file failed to load: reported once per file. */
    void tileFailed(const QString &file, const QString &error);
    /** Every root tile is Done or Failed. */
    void rootsReadyChanged();
    /** A load finished: the view may need another frame. */
    void contentArrived();
    /** setDatasetTransform moved a dataset (contentArrived follows, for the repaint). */
    void datasetTransformChanged(int index);

private:
    Tile *tileFor(const QString &file, int dataset, Tile *parent);
    void startLoad(Tile *tile);
    /**
     * Starts loads from this frame's wanted list (highest priority first) while slots are free:
     * called by update() and whenever a load ends, so a freed slot does not wait for the next
     * frame (at a few frames per second under llvmpipe that wait, not the reads, set the pace).
     */
    int startQueuedLoads();
    void onLoaded(Tile *tile, bool ok, std::shared_ptr<TileContent> content, std::shared_ptr<void> renderData,
                  qint64 extraBytes, std::vector<Vec3d> footprint, const QString &error);
    void attachReady();
    void evict();
    void unload(Tile *tile);

    TilesetOptions m_options;
    TileRenderer *m_renderer = nullptr;
    LocalFrame m_sceneFrame;
    bool m_sceneFrameSet = false;
    std::vector<TileDataset> m_datasets;
    std::vector<std::unique_ptr<Tile>> m_tiles;
    QHash<QString, Tile *> m_byFile;
    std::vector<TileSelector::Root> m_roots;
    std::deque<Tile *> m_ready; ///< Loaded, waiting to be attached
    TileCache m_cache;
    Selection m_selection;
    std::vector<LoadRequest> m_queue; ///< this frame's wanted tiles, highest priority first (startQueuedLoads)
    StreamingStats m_stats;
    QStringList m_failures;
    int m_failedTotal = 0;
    QThreadPool *m_pool; ///< owned; left running (not joined) when a load ignores cancellation on shutdown
    std::shared_ptr<std::atomic_bool> m_cancel; ///< set on destruction: loads in flight stop (LoadCancel)
    int m_inFlight = 0;
    std::vector<Tile *> m_loadingTiles; ///< remote: tiles Loading (cancelled when no longer wanted)
    quint64 m_frame = 0;
    bool m_rootsReady = false;
    std::shared_ptr<bool> m_alive;
};

} // namespace liyuan
