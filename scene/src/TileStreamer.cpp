#include <liyuan/scene/TileStreamer.h>

#include <liyuan/scene/Measurement.h>
#include <liyuan/scene/RunThen.h>
#include <liyuan/scene/TileReader.h>
#include <liyuan/geodata/LoadCancel.h>
#include <liyuan/scene/RemoteSource.h>
#include <liyuan/scene/FetchContext.h>
#include <liyuan/scene/RemoteFile.h>
#include <liyuan/scene/RemoteUrl.h>

#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QLoggingCategory>

#include <algorithm>
#include <cmath>
#include <limits>

Q_LOGGING_CATEGORY(lcStream, "liyuan.streaming", QtInfoMsg)

namespace liyuan {

namespace {

/** What a worker hands back: plain data only. */
struct LoadOutcome
{
    bool ok = false;
    std::shared_ptr<TileContent> content;
    std::shared_ptr<void> renderData;
    qint64 extraBytes = 0;
    std::vector<Vec3d> footprint; ///< root tiles: XY hull of the vertices (Tile::footprint)
    QString error;
    bool cancelled = false; ///< remote: stopped because the tile was no longer wanted
};

/** remote: a load still running whose tile was not wanted for this many updates is cancelled. */
constexpr quint64 kCancelAfterFrames = 8;

bool rayTriangle(const Vec3d &o, const Vec3d &d, const Vec3d &a, const Vec3d &b, const Vec3d &c, double *t)
{
    const Vec3d e1 = b - a, e2 = c - a;
    const Vec3d p = d.cross(e2);
    const double det = e1.dot(p);
    if (std::abs(det) < 1e-12)
        return false;
    const double inv = 1.0 / det;
    const Vec3d s = o - a;
    const double u = s.dot(p) * inv;
    if (u < 0.0 || u > 1.0)
        return false;
    const Vec3d q = s.cross(e1);
    const double v = d.dot(q) * inv;
    if (v < 0.0 || u + v > 1.0)
        return false;
    const double tt = e2.dot(q) * inv;
    if (tt <= 0.0)
        return false;
    *t = tt;
    return true;
}

bool rayBox(const Vec3d &o, const Vec3d &d, const float *mn, const float *mx, double maxT)
{
    double t0 = 0.0, t1 = maxT;
    const double oo[3] = {o.x, o.y, o.z}, dd[3] = {d.x, d.y, d.z};
    for (int k = 0; k < 3; ++k) {
        if (std::abs(dd[k]) < 1e-15) {
            if (oo[k] < mn[k] || oo[k] > mx[k])
                return false;
            continue;
        }
        double a = (mn[k] - oo[k]) / dd[k], b = (mx[k] - oo[k]) / dd[k];
        if (a > b)
            std::swap(a, b);
        t0 = std::max(t0, a);
        t1 = std::min(t1, b);
        if (t0 > t1)
            return false;
    }
    return true;
}

} // namespace

TileStreamer::TileStreamer(QObject *parent)
    : QObject(parent), m_pool(new QThreadPool), m_cancel(std::make_shared<std::atomic_bool>(false)),
      m_alive(std::make_shared<bool>(true))
{
    m_pool->setMaxThreadCount(m_options.maxConcurrentLoads);
}

TileStreamer::~TileStreamer()
{
    *m_alive = false;
    m_cancel->store(true); // GDAL reads stop at their next progress callback
    m_pool->clear();
    if (m_pool->waitForDone(std::max(0, m_options.shutdownWaitMs))) {
        delete m_pool;
    } else {
        // a read that does not poll LoadCancel: leave its thread behind rather than hang the
        // exit (QThreadPool's destructor would join it); the process ends without it
        qCWarning(lcStream, "shutdown: %d tile load(s) still running after %d ms are left behind",
                  m_pool->activeThreadCount(), m_options.shutdownWaitMs);
    }
}

void TileStreamer::setOptions(const TilesetOptions &options)
{
    m_options = options;
    m_options.sanitize();
    // remote: URL loads mostly wait on the network, so more of them may run (maxConcurrentRequests)
    m_pool->setMaxThreadCount(std::max(m_options.maxConcurrentLoads, m_options.maxConcurrentRequests));
    RemoteSource::instance().configure(m_options);
}

int TileStreamer::addDataset(TileDataset dataset)
{
    if (!m_sceneFrameSet) {
        m_sceneFrame = dataset.frame;
        m_sceneFrameSet = true;
    }
    dataset.offset = Vec3d();
    if (!std::isfinite(dataset.headingDeg))
        dataset.headingDeg = 0.0;
    if (!std::isfinite(dataset.scale) || dataset.scale <= 0.0)
        dataset.scale = 1.0;
    if (m_sceneFrame.isGeoreferenced() && dataset.frame.isGeoreferenced()
        && !(dataset.frame.crs() == m_sceneFrame.crs() && dataset.frame.origin() == m_sceneFrame.origin())) {
        bool ok = false;
        const Vec3d off = m_sceneFrame.fromOther(dataset.frame.origin(), dataset.frame.crs(), &ok);
        if (ok)
            dataset.offset = off;
        else
            dataset.warnings << QStringLiteral("%1: cannot place its frame in the scene frame; drawn at the scene origin")
                                        .arg(RemoteUrl::redacted(dataset.path)); // remote: no credentials
    }
    const int index = int(m_datasets.size());
    for (const QString &f : std::as_const(dataset.rootFiles)) {
        Tile *t = tileFor(f, index, nullptr);
        m_roots.push_back({t, dataset.offset, dataset.headingDeg, dataset.scale});
    }
    m_datasets.push_back(std::move(dataset));
    m_rootsReady = false;
    return index;
}

Tile *TileStreamer::tileFor(const QString &file, int dataset, Tile *parent)
{
    if (Tile *t = m_byFile.value(file))
        return t;
    auto tile = std::make_unique<Tile>();
    tile->file = file;
    tile->dataset = dataset;
    tile->parent = parent;
    tile->depth = parent ? parent->depth + 1 : 0;
    Tile *raw = tile.get();
    m_tiles.push_back(std::move(tile));
    m_byFile.insert(file, raw);
    return raw;
}

void TileStreamer::startLoad(Tile *tile)
{
    tile->state = TileLoadState::Loading;
    ++m_inFlight;
    tile->loadCancel = std::make_shared<std::atomic_bool>(false);
    m_loadingTiles.push_back(tile);
    std::shared_ptr<const std::atomic_bool> tileCancel = tile->loadCancel;
    const double priority = tile->priority;
    const QString file = tile->file;
    const TileRenderer *renderer = m_renderer;
    const bool root = tile->depth == 0 && m_datasets[size_t(tile->dataset)].keepFootprint;
    std::weak_ptr<bool> alive = m_alive;
    std::shared_ptr<const std::atomic_bool> cancel = m_cancel;
    runThen(m_pool, this, [file, renderer, root, cancel, tileCancel, priority]() {
        LoadOutcome out;
        const LoadCancel::Scope cancelScope(cancel);
        std::shared_ptr<TileReader> reader = ReaderRegistry::instance().readerFor(file);
        const bool remote = RemoteUrl::isRemote(file);
        if (!reader && remote) {
            out.error = QStringLiteral("%1: no reader for this file type").arg(RemoteUrl::redacted(file));
            return out;
        }
        if (!reader) {
            out.error = QFileInfo::exists(file)
                                ? QStringLiteral("%1: no reader for this file type").arg(QDir::toNativeSeparators(file))
                                : QStringLiteral("%1: file not found").arg(QDir::toNativeSeparators(file));
            return out;
        }
        TileReadResult r;
        if (remote && reader->fetchesUrls()) {
            // remote: the reader fetches its own files (FetchContext) with this tile's priority and cancel flag
            const FetchContext::Scope fetchScope(priority, [tileCancel] { return tileCancel->load(); });
            r = reader->read(file);
            if (!r.ok && tileCancel->load()) {
                out.cancelled = true;
                out.error = RemoteUrl::redactText(r.error);
                return out;
            }
            if (!r.ok)
                r.error = RemoteUrl::redactText(r.error);
        } else if (remote) {
            // remote: a blocking fetch on this worker thread (never the GUI thread), through the disk cache
            const FetchResult f = RemoteSource::instance().fetch(file, priority, [tileCancel] { return tileCancel->load(); });
            if (f.cancelled) {
                out.cancelled = true;
                out.error = f.error;
                return out;
            }
            if (!f.ok) {
                out.error = f.error;
                return out;
            }
            r = reader->readData(f.data, file);
            if (!r.ok)
                r.error = RemoteUrl::redactText(r.error);
        } else {
            r = reader->read(file);
        }
        if (!r.ok) {
            out.error = r.error;
            return out;
        }
        out.content = std::make_shared<TileContent>(std::move(r.content));
        if (root) {
            // the ground footprint (the height-limit check of a model), once per load, on this thread
            std::vector<Vec3d> points;
            for (const MeshData &m : out.content->meshes)
                for (size_t i = 0; i + 2 < m.positions.size(); i += 3)
                    points.emplace_back(out.content->origin.x + m.positions[i], out.content->origin.y + m.positions[i + 1], 0.0);
            out.footprint = Measurement::convexHullXY(std::move(points));
        }
        if (cancel->load()) { // shutting down: the renderer may be gone
            out.error = QStringLiteral("%1: cancelled").arg(QDir::toNativeSeparators(file));
            return out;
        }
        if (renderer)
            out.renderData = renderer->prepareInLoadThread(*out.content, &out.extraBytes);
        out.ok = true;
        return out;
    }, [this, tile, alive](LoadOutcome out) {
        if (alive.expired() || !*alive.lock())
            return;
        m_loadingTiles.erase(std::remove(m_loadingTiles.begin(), m_loadingTiles.end(), tile), m_loadingTiles.end());
        tile->loadCancel.reset();
        if (out.cancelled) { // no longer wanted: back to Unloaded, wanted again later it loads again
            --m_inFlight;
            tile->state = TileLoadState::Unloaded;
            ++m_stats.cancelledTotal;
            startQueuedLoads();
            emit contentArrived();
            return;
        }
        onLoaded(tile, out.ok, std::move(out.content), std::move(out.renderData), out.extraBytes, std::move(out.footprint),
                 out.error);
    });
}

void TileStreamer::onLoaded(Tile *tile, bool ok, std::shared_ptr<TileContent> content, std::shared_ptr<void> renderData,
                            qint64 extraBytes, std::vector<Vec3d> footprint, const QString &error)
{
    --m_inFlight;
    startQueuedLoads(); // the freed slot takes the next wanted tile now, not at the next frame
    if (m_datasets[size_t(tile->dataset)].removed) {
        tile->state = TileLoadState::Unloaded;
        emit contentArrived();
        return;
    }
    if (!ok) {
        tile->state = TileLoadState::Failed;
        tile->error = RemoteFile::shownText(error); // remote: a file's URL, not the session's copy
        ++m_failedTotal;
        if (m_failures.size() < kMaxKeptFailures)
            m_failures << tile->error;
        TileDataset &d = m_datasets[size_t(tile->dataset)];
        ++d.tilesFailed;
        d.lastError = tile->error;
        // bounded: a tileset naming thousands of missing files does not flood the log
        if (d.tilesFailed <= kMaxLoggedFailures)
            qCWarning(lcStream, "%s", qPrintable(tile->error));
        else if (d.tilesFailed == kMaxLoggedFailures + 1)
            qCWarning(lcStream, "%s: more than %d tiles failed; the rest are not logged (the last one is in the dataset's state)",
                      qPrintable(RemoteUrl::redacted(d.path)), kMaxLoggedFailures);
        emit tileFailed(tile->file, tile->error);
    } else {
        tile->state = TileLoadState::Loaded;
        tile->content = std::move(content);
        for (const QString &w : std::as_const(tile->content->warnings))
            qCWarning(lcStream, "%s", qPrintable(RemoteFile::shownText(w)));
        tile->renderData = std::move(renderData);
        tile->footprint = std::move(footprint);
        tile->bytes = tile->content->byteSize() + extraBytes;
        m_cache.add(tile);
        m_ready.push_back(tile);
        ++m_stats.loadedTotal;
        TileDataset &d = m_datasets[size_t(tile->dataset)];
        ++d.tilesLoaded;
        d.trianglesLoaded += tile->content->triangleCount();
    }
    emit contentArrived();
}

void TileStreamer::attachReady()
{
    if (m_ready.empty())
        return;
    // most wanted first
    std::stable_sort(m_ready.begin(), m_ready.end(),
                     [](const Tile *a, const Tile *b) { return a->priority > b->priority; });
    QElapsedTimer timer;
    timer.start();
    int attached = 0;
    while (!m_ready.empty()) {
        if (attached > 0 && timer.nsecsElapsed() > qint64(m_options.attachBudgetMs * 1e6))
            break;
        Tile *t = m_ready.front();
        m_ready.pop_front();
        if (t->state != TileLoadState::Loaded)
            continue;
        if (m_renderer)
            m_renderer->prepareInMainThread(*t, m_datasets[size_t(t->dataset)].transform());
        // grow the tree: one child tile per referenced file
        t->children.clear();
        for (const QString &f : t->content->childFiles())
            t->children.push_back(tileFor(f, t->dataset, t));
        t->state = TileLoadState::Done;
        ++attached;
    }
}

void TileStreamer::unload(Tile *tile)
{
    if (tile->state == TileLoadState::Done && m_renderer)
        m_renderer->free(*tile);
    m_cache.remove(tile);
    tile->content.reset();
    tile->renderData.reset();
    tile->footprint.clear();
    tile->bytes = 0;
    tile->state = TileLoadState::Unloaded;
    ++m_stats.evictedTotal;
}

void TileStreamer::evict()
{
    if (m_cache.totalBytes() <= m_options.cacheBytes)
        return;
    const std::vector<Tile *> victims = m_cache.evictionCandidates(m_options.cacheBytes, m_frame);
    for (Tile *t : victims) {
        if (t->state == TileLoadState::Loaded)
            m_ready.erase(std::remove(m_ready.begin(), m_ready.end(), t), m_ready.end());
        unload(t);
    }
}

void TileStreamer::update(const ViewState &view)
{
    QElapsedTimer timer;
    timer.start();
    ++m_frame;

    attachReady();

    TileSelector selector;
    std::vector<TileSelector::Root> roots;
    roots.reserve(m_roots.size());
    for (const auto &r : m_roots)
        if (m_datasets[size_t(r.tile->dataset)].visible)
            roots.push_back(r);
    m_selection = selector.select(roots, view, m_options, m_frame);
    if (m_renderer)
        m_renderer->setDrawn(m_selection.draw);

    // schedule: largest on screen first; requests that left the view are simply not started
    m_queue = m_selection.wanted;
    std::stable_sort(m_queue.begin(), m_queue.end(),
                     [](const LoadRequest &a, const LoadRequest &b) { return a.priority > b.priority; });
    const int queued = startQueuedLoads();
    // remote: a load whose tile has not been wanted for a while is cancelled (its download stops)
    for (Tile *t : m_loadingTiles)
        if (t->loadCancel && m_frame - t->requestedFrame > kCancelAfterFrames)
            t->loadCancel->store(true);

    evict();

    bool rootsReady = !roots.empty();
    for (const auto &r : roots)
        if (r.tile->state != TileLoadState::Done && r.tile->state != TileLoadState::Failed)
            rootsReady = false;
    if (rootsReady != m_rootsReady) {
        m_rootsReady = rootsReady;
        emit rootsReadyChanged();
    }

    m_stats.tilesDrawn = int(m_selection.drawnTiles.size());
    m_stats.meshesDrawn = int(m_selection.draw.size());
    m_stats.trianglesDrawn = m_selection.triangles;
    m_stats.loading = m_inFlight;
    m_stats.queued = queued;
    m_stats.waitingAttach = int(m_ready.size());
    m_stats.cached = m_cache.size();
    m_stats.cacheBytes = m_cache.totalBytes();
    m_stats.failed = m_failedTotal;
    m_stats.lastUpdateMs = timer.nsecsElapsed() / 1e6;
    m_stats.maxUpdateMs = std::max(m_stats.maxUpdateMs, m_stats.lastUpdateMs);
}

int TileStreamer::startQueuedLoads()
{
    int queued = 0;
    for (const LoadRequest &r : m_queue) {
        if (r.tile->state != TileLoadState::Unloaded || r.tile->requestedFrame != m_frame
            || m_datasets[size_t(r.tile->dataset)].removed)
            continue;
        // remote: URL loads mostly wait on the network; up to maxConcurrentRequests of them run
        const int limit = RemoteUrl::isRemote(r.tile->file)
                                  ? std::max(m_options.maxConcurrentLoads, m_options.maxConcurrentRequests)
                                  : m_options.maxConcurrentLoads;
        if (m_inFlight < limit)
            startLoad(r.tile);
        else
            ++queued;
    }
    return queued;
}

bool TileStreamer::isSettled() const
{
    if (m_inFlight > 0 || !m_ready.empty())
        return false;
    for (const LoadRequest &r : m_selection.wanted)
        if (r.tile->state == TileLoadState::Unloaded || r.tile->state == TileLoadState::Loading
            || r.tile->state == TileLoadState::Loaded)
            return false;
    return true;
}

bool TileStreamer::rootsReady() const
{
    return m_rootsReady;
}

QStringList TileStreamer::pendingFiles() const
{
    QStringList out;
    for (const auto &t : m_tiles)
        if (t->state == TileLoadState::Loading || t->state == TileLoadState::Loaded
            || (t->state == TileLoadState::Unloaded && t->requestedFrame == m_frame))
            out << RemoteUrl::redacted(t->file);
    return out;
}

bool TileStreamer::bounds(int dataset, Vec3d *min, Vec3d *max) const
{
    Vec3d mn(1e300, 1e300, 1e300), mx(-1e300, -1e300, -1e300);
    bool any = false;
    for (const auto &r : m_roots) {
        if (!r.tile->content)
            continue;
        if (dataset >= 0 ? r.tile->dataset != dataset : !m_datasets[size_t(r.tile->dataset)].visible)
            continue;
        const TileContent &c = *r.tile->content;
        const DatasetTransform xf = r.transform();
        for (const MeshData &m : c.meshes) {
            if (m.positions.empty())
                continue;
            for (int corner = 0; corner < (xf.headingDeg != 0.0 ? 8 : 2); ++corner) {
                // without rotation the two extreme corners suffice (scale > 0 keeps their order)
                const bool hx = xf.headingDeg != 0.0 ? (corner & 1) : corner == 1;
                const bool hy = xf.headingDeg != 0.0 ? (corner & 2) : corner == 1;
                const bool hz = xf.headingDeg != 0.0 ? (corner & 4) : corner == 1;
                const Vec3d p = xf.toScene(c.origin + Vec3d(hx ? m.boundsMax[0] : m.boundsMin[0],
                                                            hy ? m.boundsMax[1] : m.boundsMin[1],
                                                            hz ? m.boundsMax[2] : m.boundsMin[2]));
                mn = Vec3d(std::min(mn.x, p.x), std::min(mn.y, p.y), std::min(mn.z, p.z));
                mx = Vec3d(std::max(mx.x, p.x), std::max(mx.y, p.y), std::max(mx.z, p.z));
            }
            any = true;
        }
        if (c.meshes.empty()) {
            // a root with no geometry of its own (a 3D Tiles root that only refines): its LOD spheres
            for (const LodNode &n : c.nodes) {
                if (n.parentNode >= 0 || n.radius <= 0.0)
                    continue;
                const Vec3d p = xf.toScene(c.origin + n.center);
                const double r = n.radius * xf.scale;
                mn = Vec3d(std::min(mn.x, p.x - r), std::min(mn.y, p.y - r), std::min(mn.z, p.z - r));
                mx = Vec3d(std::max(mx.x, p.x + r), std::max(mx.y, p.y + r), std::max(mx.z, p.z + r));
                any = true;
            }
        }
    }
    if (!any)
        return false;
    *min = mn;
    *max = mx;
    return true;
}

bool TileStreamer::footprint(int dataset, std::vector<Vec3d> *hull) const
{
    std::vector<Vec3d> points;
    bool any = false;
    for (const auto &r : m_roots) {
        if (r.tile->dataset != dataset || !r.tile->content)
            continue;
        any = true;
        const DatasetTransform xf = r.transform();
        for (const Vec3d &p : r.tile->footprint)
            points.push_back(xf.toScene(p)); // rotation about Z and uniform scale keep a convex hull convex
    }
    if (!any)
        return false;
    *hull = Measurement::convexHullXY(std::move(points));
    return true;
}

bool TileStreamer::pick(const Vec3d &origin, const Vec3d &direction, Vec3d *hit) const
{
    PickResult r;
    if (!pick(origin, direction, &r))
        return false;
    *hit = r.point;
    return true;
}

bool TileStreamer::pick(const Vec3d &origin, const Vec3d &direction, PickResult *result,
                        const std::function<bool(int dataset)> &acceptDataset, const PickClipping *clipping) const
{
    double flat[4] = {0, 0, 0, 0};
    const bool flattening = clipping && clipping->flattenTarget && clipping->flattenAt && clipping->flattenExtent
            && clipping->flattenExtent(flat);
    const bool removing = clipping && clipping->removes;
    // the nearest hit overall, and the nearest hit on a feature (vector layers): a feature that
    // shares its surface with photogrammetry (a footprint extruded over the mesh building) wins
    // ties, or it could never be picked
    double best = std::numeric_limits<double>::max(), bestFeature = best;
    PickResult found, foundFeature;
    for (const DrawItem &item : m_selection.draw) {
        const Tile *t = item.tile;
        if (!t->content || (acceptDataset && !acceptDataset(t->dataset)))
            continue;
        const TileContent &c = *t->content;
        const MeshData &m = c.meshes[size_t(item.mesh)];
        const bool features = !m.triangleFeatures.empty();
        // into the tile's frame: same ray parameter t on both sides
        const DatasetTransform xf = m_datasets[size_t(t->dataset)].transform();
        const Vec3d o = xf.toLocal(origin) - c.origin;
        const Vec3d dir = xf.vectorToLocal(direction);
        const double limit = std::max(best * 1.01 + 1.0, features ? bestFeature : best);
        if (!rayBox(o, dir, m.boundsMin, m.boundsMax, limit))
            continue;
        // flattened like the vertex stage: vertices inside a flatten polygon and above its
        // height are lowered to it, each once per mesh; those triangles are intersected in the
        // scene frame (a ray has the same parameter t in both frames)
        bool flatten = false;
        if (flattening && clipping->flattenTarget(t->dataset)) {
            double lo[2] = {1e300, 1e300}, hi[2] = {-1e300, -1e300};
            for (int k = 0; k < 8; ++k) {
                const Vec3d corner = xf.toScene(c.origin + Vec3d(k & 1 ? m.boundsMax[0] : m.boundsMin[0],
                                                                 k & 2 ? m.boundsMax[1] : m.boundsMin[1],
                                                                 k & 4 ? m.boundsMax[2] : m.boundsMin[2]));
                lo[0] = std::min(lo[0], corner.x), lo[1] = std::min(lo[1], corner.y);
                hi[0] = std::max(hi[0], corner.x), hi[1] = std::max(hi[1], corner.y);
            }
            flatten = lo[0] <= flat[2] && hi[0] >= flat[0] && lo[1] <= flat[3] && hi[1] >= flat[1];
        }
        std::vector<Vec3d> lowered;
        if (flatten) {
            lowered.resize(m.positions.size() / 3);
            for (size_t v = 0; v < lowered.size(); ++v) {
                Vec3d s = xf.toScene(c.origin + Vec3d(m.positions[v * 3], m.positions[v * 3 + 1], m.positions[v * 3 + 2]));
                double h = 0;
                if (s.x >= flat[0] && s.x <= flat[2] && s.y >= flat[1] && s.y <= flat[3] && clipping->flattenAt(s.x, s.y, &h)
                    && s.z > h)
                    s.z = h;
                lowered[v] = s;
            }
        }
        const float *p = m.positions.data();
        for (size_t i = 0; i + 2 < m.indices.size(); i += 3) {
            const float *a = p + 3 * m.indices[i], *b = p + 3 * m.indices[i + 1], *cc = p + 3 * m.indices[i + 2];
            double tt;
            if (flatten) {
                if (!rayTriangle(origin, direction, lowered[m.indices[i]], lowered[m.indices[i + 1]], lowered[m.indices[i + 2]], &tt))
                    continue;
            } else if (!rayTriangle(o, dir, Vec3d(a[0], a[1], a[2]), Vec3d(b[0], b[1], b[2]), Vec3d(cc[0], cc[1], cc[2]), &tt)) {
                continue;
            }
            // discarded by the fragment stage: looked through
            if (removing && (tt < best || (m.triangleFeatures.size() > i / 3 && tt < bestFeature))
                && clipping->removes(t->dataset, origin + direction * tt))
                continue;
            PickResult r;
            r.tile = t;
            r.dataset = t->dataset;
            r.mesh = item.mesh;
            r.triangle = qint64(i / 3);
            r.featureId = (i / 3) < m.triangleFeatures.size() ? m.triangleFeatures[i / 3] : -1;
            r.group = m.group;
            if (tt < best) {
                best = tt;
                found = r;
            }
            if (r.featureId >= 0 && tt < bestFeature) {
                bestFeature = tt;
                foundFeature = r;
            }
        }
    }
    if (!found.tile)
        return false;
    double t = best;
    if (foundFeature.tile && bestFeature <= best * 1.01 + 1.0) {
        found = foundFeature;
        t = bestFeature;
    }
    found.point = origin + direction * t;
    *result = found;
    return true;
}

void TileStreamer::setDatasetVisible(int index, bool visible)
{
    if (index < 0 || size_t(index) >= m_datasets.size() || m_datasets[size_t(index)].visible == visible)
        return;
    m_datasets[size_t(index)].visible = visible;
}

bool TileStreamer::setDatasetTransform(int index, const Vec3d &offset, double headingDeg, double scale)
{
    if (index < 0 || size_t(index) >= m_datasets.size() || m_datasets[size_t(index)].removed)
        return false;
    const DatasetTransform next{offset, headingDeg, scale};
    if (!next.isValid())
        return false;
    TileDataset &ds = m_datasets[size_t(index)];
    if (ds.transform() == next)
        return true;
    ds.offset = offset;
    ds.headingDeg = headingDeg;
    ds.scale = scale;
    for (TileSelector::Root &r : m_roots) {
        if (r.tile->dataset != index)
            continue;
        r.offset = offset;
        r.headingDeg = headingDeg;
        r.scale = scale;
    }
    if (m_renderer)
        m_renderer->datasetTransformChanged(index, next);
    emit datasetTransformChanged(index);
    emit contentArrived(); // the view needs another frame
    return true;
}

void TileStreamer::removeDataset(int index)
{
    if (index < 0 || size_t(index) >= m_datasets.size() || m_datasets[size_t(index)].removed)
        return;
    TileDataset &ds = m_datasets[size_t(index)];
    ds.removed = true;
    ds.visible = false;
    m_roots.erase(std::remove_if(m_roots.begin(), m_roots.end(), [index](const TileSelector::Root &r) {
                      return r.tile->dataset == index;
                  }),
                  m_roots.end());
    m_ready.erase(std::remove_if(m_ready.begin(), m_ready.end(), [index](const Tile *t) { return t->dataset == index; }),
                  m_ready.end());
    for (auto &t : m_tiles) {
        if (t->dataset != index)
            continue;
        if (t->state == TileLoadState::Done || t->state == TileLoadState::Loaded) {
            unload(t.get());
            --m_stats.evictedTotal; // a removal, not an eviction
        }
        // in-flight loads finish into a tile no longer reachable; it is unloaded on arrival
        m_byFile.remove(t->file);
    }
    m_selection = Selection{};
    if (m_renderer)
        m_renderer->setDrawn({});
}

std::vector<const Tile *> TileStreamer::tiles() const
{
    std::vector<const Tile *> out;
    out.reserve(m_tiles.size());
    for (const auto &t : m_tiles)
        out.push_back(t.get());
    return out;
}

} // namespace liyuan
