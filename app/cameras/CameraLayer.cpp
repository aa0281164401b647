#include "CameraLayer.h"

#include "ReviewOverlayGeometry.h"

#include <liyuan/cameras/CameraIndex.h>
#include <liyuan/cameras/CredentialStore.h>
#include <liyuan/scene/RunThen.h>
#include <liyuan/scene/TileStreamer.h>
#include <liyuan/scene/quick/CameraController.h>
#include <liyuan/scene/quick/VideoProjectors.h>

#include <QFileInfo>
#include <QJsonArray>
#include <QPointer>
#include <QSet>

#include <algorithm>
#include <cmath>

namespace liyuan {

namespace {
constexpr double kPi = 3.14159265358979323846;

QString stateName(CameraIcons::State s)
{
    switch (s) {
    case CameraIcons::Online: return QStringLiteral("online");
    case CameraIcons::Streaming: return QStringLiteral("streaming");
    case CameraIcons::Offline: return QStringLiteral("offline");
    case CameraIcons::AuthFailed: return QStringLiteral("authFailed");
    case CameraIcons::Unknown: break;
    }
    return QStringLiteral("unknown");
}

QJsonArray vec(const Vec3d &v)
{
    return QJsonArray{v.x, v.y, v.z};
}

video::VideoOptions defaultVideoOptions()
{
    video::VideoOptions o;
    o.projectionMaxWidth = 640; // VideoProjectors' atlas cell: no scaling on the GUI thread
    return o;
}
} // namespace

CameraLayer::CameraLayer(TileStreamer *streamer, CameraController *camera, VideoProjectors *projectors, QObject *parent)
    : QObject(parent), m_streamer(streamer), m_camera(camera), m_projectors(projectors)
{
    m_icons = new CameraIcons();
    m_icons->setParent(this);
    m_frustums = new ReviewOverlayGeometry(ReviewOverlayGeometry::Mode::Lines, this);
    m_pool = new FeedPool(defaultVideoOptions(), this);
    m_grid = new FeedGrid(m_pool, this);
    m_credentials = new cameras::CredentialStore(this);
    // credentials: looked up in the keychain when a feed that needs them starts
    m_pool->setCredentialLookup([this](const QString &ref, QObject *context, std::function<void(bool, QString, QString, QString)> done) {
        auto conn = std::make_shared<QMetaObject::Connection>();
        *conn = connect(m_credentials, &cameras::CredentialStore::readFinished, context,
                        [conn, ref, done](const QString &r, bool ok, const QString &user, const QString &password, const QString &error) {
                            if (r != ref)
                                return;
                            QObject::disconnect(*conn);
                            done(ok, user, password, error);
                        });
        m_credentials->read(ref);
    });
    connect(m_pool, &FeedPool::message, this, &CameraLayer::message);
    connect(m_pool, &FeedPool::feedStateChanged, this, &CameraLayer::onFeedState);
}

CameraLayer::~CameraLayer()
{
    // the grid and the projections give their feeds back before the pool goes
    stopAllProjections();
    delete m_grid;
    m_grid = nullptr;
}

QObject *CameraLayer::frustumGeometry() const
{
    return m_frustums;
}

int CameraLayer::maxProjections() const
{
    return m_projectors ? m_projectors->count() : 0;
}

// --- loading --------------------------------------------------------------------------

bool CameraLayer::open(const QString &path)
{
    m_pinned = false;
    const QFileInfo fi(path);
    if (!fi.isFile() || !fi.isReadable()) {
        m_status = QStringLiteral("failed");
        m_error = tr("Camera registry %1: the file cannot be read").arg(path);
        emit message(m_error);
        emit registryChanged();
        emit registryLoaded(false);
        return false;
    }
    close();
    m_file = fi.absoluteFilePath();
    m_status = QStringLiteral("loading");
    emit registryChanged();
    const quint64 generation = ++m_generation;
    const QString file = m_file;
    runThen(this,
            [file] {
                QString error;
                cameras::CameraRegistry r = cameras::CameraRegistry::load(file, &error);
                return std::make_pair(r, error);
            },
            [this, generation](std::pair<cameras::CameraRegistry, QString> r) { applyLoaded(r.first, r.second, generation); });
    return true;
}

void CameraLayer::applyLoaded(cameras::CameraRegistry registry, const QString &error, quint64 generation)
{
    if (generation != m_generation)
        return; // another registry was opened meanwhile
    if (!registry.isValid()) {
        m_status = QStringLiteral("failed");
        m_error = error;
        emit message(tr("Camera registry not loaded: %1").arg(error));
        emit registryChanged();
        emit registryLoaded(false);
        return;
    }
    for (const QString &w : registry.warnings())
        emit message(w);
    // the demo's embedded server (or any rewriter) gets the real stream addresses
    m_registry = registry;
    m_status = QStringLiteral("resolving");
    emit registryChanged();
    onFrame(); // resolves at once when the scene frame is known
}

bool CameraLayer::openPinned(const QString &path)
{
    const bool ok = open(path);
    m_pinned = true;
    return ok;
}

void CameraLayer::resetForProject()
{
    if (!m_pinned)
        close();
}

void CameraLayer::close()
{
    ++m_generation;
    stopAllProjections();
    m_grid->closeAll();
    m_registry = cameras::CameraRegistry();
    m_index.reset();
    m_icons->reset({}, {});
    m_frustums->clear();
    m_frustums->commit();
    m_selected = m_hovered = -1;
    m_groundTodo.clear();
    m_departments.clear();
    m_tags.clear();
    m_file.clear();
    m_error.clear();
    m_status = QStringLiteral("empty");
    emit registryChanged();
    emit selectionChanged();
}

void CameraLayer::setPending(const QStringList &openIds, const QStringList &projectIds)
{
    m_pendingOpen = openIds;
    m_pendingProject = projectIds;
    m_pendingSet = !openIds.isEmpty() || !projectIds.isEmpty();
    if (m_status == QLatin1String("ready"))
        applyPending();
}

void CameraLayer::applyPending()
{
    if (!m_pendingSet)
        return;
    m_pendingSet = false;
    QStringList unknown;
    for (const QString &id : std::as_const(m_pendingOpen))
        if (!openFeed(id))
            unknown << id;
    for (const QString &id : std::as_const(m_pendingProject))
        if (!project(id) && !unknown.contains(id))
            unknown << id;
    if (!unknown.isEmpty())
        emit pendingFailed(tr("no camera %1 in the registry %2").arg(unknown.join(QStringLiteral(", ")), m_file));
}

void CameraLayer::onFrame()
{
    if (m_status == QLatin1String("resolving") && m_streamer->hasSceneFrame()) {
        m_status = QStringLiteral("resolving…");
        const quint64 generation = m_generation;
        const LocalFrame frame = m_streamer->sceneFrame();
        cameras::CameraRegistry registry = m_registry;
        auto rewrite = m_rewrite;
        runThen(this,
                [registry, frame]() mutable {
                    QString error;
                    // ground for heightAboveGround comes afterwards, from the streamed mesh (GUI thread)
                    registry.resolve(frame, [](double, double, double *) { return false; }, &error);
                    auto index = std::make_shared<cameras::CameraIndex>(registry.cameras());
                    return std::make_tuple(registry, index, error);
                },
                [this, generation](std::tuple<cameras::CameraRegistry, std::shared_ptr<cameras::CameraIndex>, QString> r) {
                    if (generation != m_generation)
                        return;
                    m_registry = std::get<0>(r);
                    if (!std::get<2>(r).isEmpty())
                        emit message(std::get<2>(r));
                    m_index = std::make_unique<cameras::CameraIndex>(*std::get<1>(r));
                    QSet<QString> deps, tags;
                    std::vector<Vec3d> positions;
                    QStringList names;
                    m_groundTodo.clear();
                    const QVector<cameras::CameraRecord> &cams = m_registry.cameras();
                    positions.reserve(size_t(cams.size()));
                    for (int i = 0; i < cams.size(); ++i) {
                        const cameras::CameraRecord &c = cams[i];
                        positions.push_back(c.scenePose.position);
                        names << (c.name.isEmpty() ? c.id : c.name);
                        if (!c.department.isEmpty())
                            deps.insert(c.department);
                        for (const QString &t : c.tags)
                            tags.insert(t);
                        if (c.heightAboveGround)
                            m_groundTodo.push_back(i);
                    }
                    m_departments = QStringList(deps.begin(), deps.end());
                    m_departments.sort();
                    m_tags = QStringList(tags.begin(), tags.end());
                    m_tags.sort();
                    m_icons->reset(positions, names);
                    m_status = QStringLiteral("ready");
                    applyFilter();
                    emit registryChanged();
                    emit registryLoaded(true);
                    applyPending();
                });
        return;
    }
    if (m_status != QLatin1String("ready"))
        return;
    groundPass();
    m_icons->setHighlighted(m_selected, m_hovered); // before the update: this frame shows them
    if (m_visible)
        m_icons->update(m_camera->viewState());
    if (m_frustumSelected != m_selected || m_frustumHovered != m_hovered)
        rebuildFrustums();
}

void CameraLayer::groundPass()
{
    // heightAboveGround cameras stand on the streamed ground: picked straight down, a few per
    // frame, once the tiles under them are in (4 ms per frame at most)
    if (m_groundTodo.empty() || !m_pick || !m_streamer->rootsReady() || !m_streamer->isSettled())
        return;
    QElapsedTimer t;
    t.start();
    bool moved = false;
    while (!m_groundTodo.empty() && t.elapsed() < 4) {
        const int i = m_groundTodo.back();
        m_groundTodo.pop_back();
        CameraPose p = m_registry.cameras()[i].scenePose;
        Vec3d hit;
        if (m_pick(Vec3d(p.position.x, p.position.y, p.position.z + 5000.0), Vec3d(0, 0, -1), &hit)) {
            p.position.z += hit.z; // resolve() put it above z = 0
            cameras::CameraRegistry &r = m_registry;
            const_cast<cameras::CameraRecord &>(r.cameras()[i]).scenePose = p; // scene frame only: the file keeps "above ground"
            moved = true;
        }
    }
    if (moved)
        camerasMoved();
}

void CameraLayer::camerasMoved()
{
    std::vector<Vec3d> positions;
    positions.reserve(size_t(m_registry.size()));
    for (const cameras::CameraRecord &c : m_registry.cameras())
        positions.push_back(c.scenePose.position);
    m_icons->setPositions(positions);
    m_index = std::make_unique<cameras::CameraIndex>(m_registry.cameras());
    m_frustumSelected = -2; // redraw
}

// --- filters and selection ---------------------------------------------------------------

void CameraLayer::setVisible(bool v)
{
    if (v == m_visible)
        return;
    m_visible = v;
    emit visibleChanged();
}

void CameraLayer::setDepartmentFilter(const QString &d)
{
    if (d == m_department)
        return;
    m_department = d;
    applyFilter();
}

void CameraLayer::setTagFilter(const QString &t)
{
    if (t == m_tag)
        return;
    m_tag = t;
    applyFilter();
}

void CameraLayer::setStateFilter(const QString &s)
{
    if (s == m_state)
        return;
    m_state = s;
    applyFilter();
}

void CameraLayer::setTextFilter(const QString &t)
{
    if (t == m_text)
        return;
    m_text = t;
    applyFilter();
}

void CameraLayer::applyFilter()
{
    const QVector<cameras::CameraRecord> &cams = m_registry.cameras();
    std::vector<bool> shown(size_t(cams.size()), true);
    int n = 0;
    for (int i = 0; i < cams.size(); ++i) {
        const cameras::CameraRecord &c = cams[i];
        bool ok = (m_department.isEmpty() || c.department == m_department) && (m_tag.isEmpty() || c.tags.contains(m_tag))
                  && (m_state.isEmpty() || stateName(m_icons->state(i)) == m_state);
        if (ok && !m_text.isEmpty())
            ok = c.id.contains(m_text, Qt::CaseInsensitive) || c.name.contains(m_text, Qt::CaseInsensitive);
        shown[size_t(i)] = ok;
        n += ok;
    }
    m_icons->setShown(shown);
    m_shownCount = n;
    emit filterChanged();
}

QVariantList CameraLayer::list(int limit) const
{
    QVariantList out;
    const QVector<cameras::CameraRecord> &cams = m_registry.cameras();
    for (int i = 0; i < cams.size() && out.size() < limit; ++i) {
        const cameras::CameraRecord &c = cams[i];
        if (!(m_department.isEmpty() || c.department == m_department) || !(m_tag.isEmpty() || c.tags.contains(m_tag))
            || !(m_state.isEmpty() || stateName(m_icons->state(i)) == m_state))
            continue;
        if (!m_text.isEmpty() && !c.id.contains(m_text, Qt::CaseInsensitive) && !c.name.contains(m_text, Qt::CaseInsensitive))
            continue;
        out.append(QVariantMap{{QStringLiteral("id"), c.id},
                               {QStringLiteral("name"), c.name.isEmpty() ? c.id : c.name},
                               {QStringLiteral("department"), c.department},
                               {QStringLiteral("state"), stateName(m_icons->state(i))},
                               {QStringLiteral("ptz"), c.ptz.enabled}});
    }
    return out;
}

void CameraLayer::select(const QString &id)
{
    const int i = id.isEmpty() ? -1 : indexOf(id);
    if (i == m_selected)
        return;
    m_selected = i;
    emit selectionChanged();
    onFrame();
}

QVariantMap CameraLayer::selectedInfo() const
{
    if (m_selected < 0 || m_selected >= m_registry.size())
        return {};
    const cameras::CameraRecord &c = m_registry.cameras()[m_selected];
    const CameraPose &p = c.scenePose;
    return {{QStringLiteral("id"), c.id},
            {QStringLiteral("name"), c.name.isEmpty() ? c.id : c.name},
            {QStringLiteral("department"), c.department},
            {QStringLiteral("tags"), c.tags.join(QStringLiteral(", "))},
            {QStringLiteral("state"), stateName(m_icons->state(m_selected))},
            {QStringLiteral("heading"), p.heading},
            {QStringLiteral("pitch"), p.pitch},
            {QStringLiteral("hfov"), p.hfov},
            {QStringLiteral("far"), p.farM},
            {QStringLiteral("height"), p.position.z},
            {QStringLiteral("ptz"), c.ptz.enabled},
            {QStringLiteral("hasSub"), !c.subUrl.isEmpty()},
            {QStringLiteral("credentials"), !c.credentialRef.isEmpty()},
            {QStringLiteral("projected"), projected().contains(c.id)},
            {QStringLiteral("open"), m_grid->rowOf(c.id) >= 0}};
}

void CameraLayer::hoverAt(double x, double y)
{
    int h = -1;
    const int k = m_visible ? m_icons->clusterAt(x, y) : -1;
    if (k >= 0 && m_icons->clusters()[size_t(k)].members.size() == 1)
        h = m_icons->clusters()[size_t(k)].members[0];
    if (h == m_hovered)
        return;
    m_hovered = h;
    onFrame();
}

bool CameraLayer::clickAt(double x, double y)
{
    if (!m_visible || m_status != QLatin1String("ready"))
        return false;
    const int k = m_icons->clusterAt(x, y);
    if (k < 0)
        return false;
    const CameraIcons::Cluster &c = m_icons->clusters()[size_t(k)];
    if (c.members.size() == 1) {
        select(m_registry.cameras()[c.members[0]].id);
        return true;
    }
    // a cluster: frame its members (they come apart as the view closes in)
    Vec3d mn(1e300, 1e300, 1e300), mx(-1e300, -1e300, -1e300);
    for (int i : c.members) {
        const Vec3d &p = m_registry.cameras()[i].scenePose.position;
        mn = Vec3d(std::min(mn.x, p.x), std::min(mn.y, p.y), std::min(mn.z, p.z));
        mx = Vec3d(std::max(mx.x, p.x), std::max(mx.y, p.y), std::max(mx.z, p.z));
    }
    m_camera->lookAtBox(mn - Vec3d(10, 10, 5), mx + Vec3d(10, 10, 5), true);
    return true;
}

// --- frustums ------------------------------------------------------------------------------

void CameraLayer::rebuildFrustums()
{
    m_frustumSelected = m_selected;
    m_frustumHovered = m_hovered;
    m_frustums->clear();
    for (int pass = 0; pass < 2; ++pass) {
        const int i = pass == 0 ? m_selected : m_hovered;
        if (i < 0 || (pass == 1 && i == m_selected))
            continue;
        const cameras::CameraRecord &c = m_registry.cameras()[i];
        const CameraPose &p = c.scenePose;
        const QColor edge = pass == 0 ? QColor(0xff, 0xd4, 0x3b) : QColor(0xe9, 0xec, 0xef);
        const QColor foot = pass == 0 ? QColor(0xff, 0x92, 0x2b) : QColor(0xad, 0xb5, 0xbd);
        // the four edges, each ending where it meets the scene (or at far)
        const double W = 2, H = 2;
        const double corners[4][2] = {{0, 0}, {W, 0}, {W, H}, {0, H}};
        Vec3d ends[4];
        for (int k = 0; k < 4; ++k) {
            const Vec3d d = p.rayThroughPixel(corners[k][0], corners[k][1], W, H);
            const double along = p.farM / std::max(1e-6, d.dot(p.forward()));
            Vec3d hit;
            ends[k] = p.position + d * along;
            if (m_pick && m_pick(p.position, d, &hit) && (hit - p.position).length() < along)
                ends[k] = hit;
            m_frustums->addSegment(p.position, ends[k], edge);
        }
        for (int k = 0; k < 4; ++k)
            m_frustums->addSegment(ends[k], ends[(k + 1) % 4], edge);
        // the ground footprint: where rays around the image border meet the scene
        if (m_pick) {
            constexpr int kPerEdge = 10;
            std::vector<Vec3d> ring;
            for (int e = 0; e < 4; ++e)
                for (int s = 0; s < kPerEdge; ++s) {
                    const double t = double(s) / kPerEdge;
                    const double u = corners[e][0] + (corners[(e + 1) % 4][0] - corners[e][0]) * t;
                    const double v = corners[e][1] + (corners[(e + 1) % 4][1] - corners[e][1]) * t;
                    const Vec3d d = p.rayThroughPixel(u, v, W, H);
                    Vec3d hit;
                    const double along = p.farM / std::max(1e-6, d.dot(p.forward()));
                    if (m_pick(p.position, d, &hit) && (hit - p.position).length() <= along)
                        ring.push_back(hit + Vec3d(0, 0, 0.3));
                    else
                        ring.push_back(Vec3d(qQNaN(), 0, 0)); // a gap: sky or beyond range
                }
            for (size_t k = 0; k < ring.size(); ++k) {
                const Vec3d &a = ring[k], &b = ring[(k + 1) % ring.size()];
                if (std::isfinite(a.x) && std::isfinite(b.x))
                    m_frustums->addSegment(a, b, foot);
            }
        }
    }
    m_frustums->commit();
}

// --- feeds and projections ---------------------------------------------------------------

FeedGrid::Camera CameraLayer::gridCamera(int index) const
{
    const cameras::CameraRecord &c = m_registry.cameras()[index];
    FeedGrid::Camera g;
    g.id = c.id;
    g.name = c.name.isEmpty() ? c.id : c.name;
    g.mainUrl = QUrl(m_rewrite ? m_rewrite(c.mainUrl) : c.mainUrl);
    g.subUrl = QUrl(m_rewrite ? m_rewrite(c.subUrl) : c.subUrl);
    g.credentialRef = c.credentialRef;
    return g;
}

FeedPool::Source CameraLayer::projectionSource(int index) const
{
    const FeedGrid::Camera g = gridCamera(index);
    FeedPool::Source s;
    s.cameraId = g.id;
    // projections use the sub stream: a texture of ~1k pixels across needs no more
    s.stream = g.subUrl.isEmpty() ? QStringLiteral("main") : QStringLiteral("sub");
    s.url = g.subUrl.isEmpty() ? g.mainUrl : g.subUrl;
    s.credentialRef = g.credentialRef;
    return s;
}

bool CameraLayer::openFeed(const QString &id)
{
    const int i = indexOf(id);
    if (i < 0)
        return false;
    const FeedGrid::Camera g = gridCamera(i);
    if (g.mainUrl.isEmpty() && g.subUrl.isEmpty()) {
        emit message(tr("Camera %1 has no stream address").arg(id));
        return false;
    }
    m_grid->open(g);
    emit selectionChanged();
    emit edited();
    return true;
}

bool CameraLayer::project(const QString &id)
{
    const int i = indexOf(id);
    if (i < 0 || !m_projectors)
        return false;
    if (projected().contains(id))
        return true;
    const int capacity = m_projectors->count();
    if (m_projections.size() >= capacity)
        stopProjection(m_projections.first().id); // the oldest makes room
    Projection pr;
    pr.id = id;
    pr.feed = m_pool->acquire(projectionSource(i));
    m_projections.append(pr);
    const int slot = int(m_projections.size()) - 1;
    m_projectors->setProjection(slot, id, m_registry.cameras()[i].scenePose);
    pr.feed->setProjectionWanted(true);
    connect(pr.feed, &video::VideoFeed::projectionFrame, this, [this, id](const QImage &image) {
        for (int s = 0; s < m_projections.size(); ++s)
            if (m_projections[s].id == id) {
                m_projections[s].hasFrame = true;
                if (m_projectors)
                    m_projectors->setFrame(s, image);
            }
    });
    emit projectionsChanged();
    emit selectionChanged();
    emit edited();
    return true;
}

void CameraLayer::stopProjection(const QString &id)
{
    for (int s = 0; s < m_projections.size(); ++s) {
        if (m_projections[s].id != id)
            continue;
        video::VideoFeed *f = m_projections[s].feed;
        if (f) {
            disconnect(f, &video::VideoFeed::projectionFrame, this, nullptr);
            bool stillUsed = false;
            for (int o = 0; o < m_projections.size(); ++o)
                stillUsed |= o != s && m_projections[o].feed == f;
            if (!stillUsed)
                f->setProjectionWanted(false);
            m_pool->release(f);
        }
        m_projections.removeAt(s);
        // slots stay packed: the later ones move down
        if (m_projectors) {
            for (int k = s; k < m_projectors->count(); ++k)
                m_projectors->clear(k);
            for (int k = s; k < m_projections.size(); ++k) {
                const int i = indexOf(m_projections[k].id);
                if (i >= 0)
                    m_projectors->setProjection(k, m_projections[k].id, m_registry.cameras()[i].scenePose);
                m_projections[k].hasFrame = false; // the next frame refills the moved slot
            }
        }
        emit projectionsChanged();
        emit selectionChanged();
        emit edited();
        return;
    }
}

void CameraLayer::stopAllProjections()
{
    while (!m_projections.isEmpty())
        stopProjection(m_projections.last().id);
}

QStringList CameraLayer::projected() const
{
    QStringList ids;
    for (const Projection &p : m_projections)
        ids << p.id;
    return ids;
}

void CameraLayer::onFeedState(const QString &cameraId, const QString &state)
{
    const int i = indexOf(cameraId);
    if (i < 0)
        return;
    CameraIcons::State s = m_icons->state(i);
    if (state == QLatin1String("playing"))
        s = CameraIcons::Streaming;
    else if (state == QLatin1String("offline"))
        s = CameraIcons::Offline;
    else if (state == QLatin1String("authFailed"))
        s = CameraIcons::AuthFailed;
    else if (state == QLatin1String("idle") && s == CameraIcons::Streaming)
        s = CameraIcons::Online; // it played: reachable
    m_icons->setState(i, s);
    if (!m_state.isEmpty())
        applyFilter();
    if (i == m_selected)
        emit selectionChanged();
}

// --- navigation, queries, calibration ----------------------------------------------------

bool CameraLayer::lookThrough(const QString &id)
{
    const int i = indexOf(id);
    if (i < 0)
        return false;
    const CameraPose &p = m_registry.cameras()[i].scenePose;
    // identity looks down -Z with +Y up; +90° about X looks north with Z up (as CameraController)
    const QQuaternion q = QQuaternion::fromAxisAndAngle(0, 0, 1, float(-p.heading))
                          * QQuaternion::fromAxisAndAngle(1, 0, 0, float(90.0 + p.pitch))
                          * QQuaternion::fromAxisAndAngle(0, 0, 1, float(-p.roll));
    m_camera->setFieldOfView(float(p.vfov()));
    m_camera->flyTo(p.position, q);
    return true;
}

bool CameraLayer::flyTo(const QString &id)
{
    const int i = indexOf(id);
    if (i < 0)
        return false;
    select(id);
    const CameraPose &p = m_registry.cameras()[i].scenePose;
    const Vec3d target = p.position + p.forward() * std::min(30.0, p.farM * 0.3);
    Vec3d mn(std::min(p.position.x, target.x), std::min(p.position.y, target.y), std::min(p.position.z, target.z));
    Vec3d mx(std::max(p.position.x, target.x), std::max(p.position.y, target.y), std::max(p.position.z, target.z));
    m_camera->lookAtBox(mn - Vec3d(8, 8, 4), mx + Vec3d(8, 8, 4), true);
    return true;
}

QVariantList CameraLayer::whoSees(const QVector3D &point, int maxResults) const
{
    return whoSees(Vec3d(point.x(), point.y(), point.z()), maxResults);
}

QVariantList CameraLayer::whoSees(const Vec3d &point, int maxResults) const
{
    QVariantList out;
    if (!m_index)
        return out;
    cameras::WhoSeesOptions o;
    o.maxResults = maxResults;
    const QVector<cameras::Sighting> seen = m_index->whoSees(point, m_pick, o);
    for (const cameras::Sighting &s : seen) {
        const cameras::CameraRecord &c = m_registry.cameras()[s.index];
        out.append(QVariantMap{{QStringLiteral("id"), c.id},
                               {QStringLiteral("name"), c.name.isEmpty() ? c.id : c.name},
                               {QStringLiteral("distance"), s.distance},
                               {QStringLiteral("offAxis"), s.offAxisDeg},
                               {QStringLiteral("score"), s.score},
                               {QStringLiteral("ptz"), s.needsPtz}});
    }
    return out;
}

CameraPose CameraLayer::pose(const QString &id, bool *ok) const
{
    const int i = indexOf(id);
    if (ok)
        *ok = i >= 0;
    return i >= 0 ? m_registry.cameras()[i].scenePose : CameraPose();
}

void CameraLayer::setPose(const QString &id, const CameraPose &pose)
{
    const int i = indexOf(id);
    if (i < 0)
        return;
    m_registry.setPose(i, pose);
    for (int s = 0; s < m_projections.size(); ++s)
        if (m_projections[s].id == id && m_projectors)
            m_projectors->setProjection(s, id, pose);
    camerasMoved();
    emit selectionChanged();
    onFrame();
}

bool CameraLayer::saveRegistry()
{
    QString error;
    if (m_file.isEmpty() || !m_registry.saveJson(m_file, &error)) {
        emit message(tr("Camera registry not saved: %1").arg(error.isEmpty() ? tr("no registry open") : error));
        return false;
    }
    return true;
}

// --- state ---------------------------------------------------------------------------------

bool CameraLayer::settled() const
{
    if (m_status == QLatin1String("loading") || m_status.startsWith(QLatin1String("resolving")))
        return false;
    if (m_pendingSet)
        return false;
    if (!m_groundTodo.empty() && m_streamer->rootsReady())
        return false;
    auto done = [](video::VideoFeed *f) {
        const QString s = f->stateName();
        return (s == QLatin1String("playing") && f->framesDecoded() > 0) || s == QLatin1String("offline")
               || s == QLatin1String("authFailed");
    };
    for (int r = 0; r < m_grid->count(); ++r)
        if (video::VideoFeed *f = m_grid->feedAt(r); f && !done(f))
            return false;
    for (const Projection &p : m_projections)
        if (p.feed && !p.hasFrame && !(p.feed->stateName() == QLatin1String("offline") || p.feed->stateName() == QLatin1String("authFailed")))
            return false;
    return true;
}

QJsonObject CameraLayer::stateJson() const
{
    QJsonObject o{{QStringLiteral("status"), m_status},
                  {QStringLiteral("registry"), m_file},
                  {QStringLiteral("count"), m_registry.size()},
                  {QStringLiteral("shown"), m_shownCount},
                  {QStringLiteral("selected"), selectedId()}};
    if (!m_error.isEmpty())
        o.insert(QStringLiteral("error"), m_error);
    // cameras in view: inside the view frustum after the filter
    const ViewState view = m_camera->viewState();
    QJsonArray inView;
    int n = 0;
    const QVector<cameras::CameraRecord> &cams = m_registry.cameras();
    for (const CameraIcons::Cluster &c : m_icons->clusters())
        for (int i : c.members) {
            ++n;
            if (inView.size() < 200)
                inView.append(cams[i].id);
        }
    o.insert(QStringLiteral("inViewCount"), n);
    o.insert(QStringLiteral("inView"), inView);
    o.insert(QStringLiteral("clusters"), m_icons->clusterCount());
    o.insert(QStringLiteral("labels"), int(m_icons->labels().size()));
    QJsonObject states;
    for (int i = 0; i < cams.size(); ++i) {
        const QString s = stateName(m_icons->state(i));
        states.insert(s, states.value(s).toInt() + 1);
    }
    o.insert(QStringLiteral("states"), states);
    QJsonArray feeds;
    for (video::VideoFeed *f : m_pool->feeds())
        feeds.append(QJsonObject{{QStringLiteral("camera"), m_pool->cameraOf(f)},
                                 {QStringLiteral("stream"), m_pool->streamOf(f)},
                                 {QStringLiteral("state"), f->stateName()},
                                 {QStringLiteral("frames"), double(f->framesDecoded())},
                                 {QStringLiteral("frameSize"), QJsonArray{f->frameSize().width(), f->frameSize().height()}},
                                 {QStringLiteral("reconnects"), f->reconnects()},
                                 {QStringLiteral("url"), f->redactedUrl()},
                                 {QStringLiteral("error"), f->errorString()},
                                 {QStringLiteral("inGrid"), m_grid->cameraIds().contains(m_pool->cameraOf(f))}});
    o.insert(QStringLiteral("feeds"), feeds);
    o.insert(QStringLiteral("grid"), QJsonObject{{QStringLiteral("layout"), m_grid->layout()},
                                                 {QStringLiteral("maximised"), m_grid->maximised()},
                                                 {QStringLiteral("cameras"), QJsonArray::fromStringList(m_grid->cameraIds())}});
    QJsonArray projections;
    for (int s = 0; s < m_projections.size(); ++s) {
        const int i = indexOf(m_projections[s].id);
        const CameraPose p = i >= 0 ? cams[i].scenePose : CameraPose();
        projections.append(QJsonObject{{QStringLiteral("slot"), s},
                                       {QStringLiteral("camera"), m_projections[s].id},
                                       {QStringLiteral("hasFrame"), m_projections[s].hasFrame},
                                       {QStringLiteral("state"), m_projections[s].feed ? m_projections[s].feed->stateName() : QString()},
                                       {QStringLiteral("position"), vec(p.position)},
                                       {QStringLiteral("heading"), p.heading},
                                       {QStringLiteral("pitch"), p.pitch},
                                       {QStringLiteral("hfov"), p.hfov}});
    }
    o.insert(QStringLiteral("projections"), projections);
    Q_UNUSED(view);
    return o;
}

QJsonObject CameraLayer::projectJson(const QDir &base) const
{
    if (m_file.isEmpty())
        return {};
    QJsonObject o{{QStringLiteral("registry"), base.relativeFilePath(m_file)}};
    if (!m_grid->cameraIds().isEmpty())
        o.insert(QStringLiteral("openFeeds"), QJsonArray::fromStringList(m_grid->cameraIds()));
    if (m_grid->layout() != 4)
        o.insert(QStringLiteral("gridLayout"), m_grid->layout());
    if (!projected().isEmpty())
        o.insert(QStringLiteral("projections"), QJsonArray::fromStringList(projected()));
    if (!m_visible)
        o.insert(QStringLiteral("visible"), false);
    QJsonObject filter;
    if (!m_department.isEmpty()) filter.insert(QStringLiteral("department"), m_department);
    if (!m_tag.isEmpty()) filter.insert(QStringLiteral("tag"), m_tag);
    if (!m_state.isEmpty()) filter.insert(QStringLiteral("state"), m_state);
    if (!filter.isEmpty())
        o.insert(QStringLiteral("filter"), filter);
    return o;
}

void CameraLayer::applyProjectJson(const QJsonObject &o, const QDir &base)
{
    const QString reg = o.value(QStringLiteral("registry")).toString();
    if (m_pinned)
        return; // --cameras wins over the project's registry
    if (reg.isEmpty()) {
        if (!m_file.isEmpty())
            close();
        return;
    }
    const QString path = QDir::cleanPath(base.absoluteFilePath(reg));
    const QJsonObject filter = o.value(QStringLiteral("filter")).toObject();
    m_department = filter.value(QStringLiteral("department")).toString();
    m_tag = filter.value(QStringLiteral("tag")).toString();
    m_state = filter.value(QStringLiteral("state")).toString();
    setVisible(o.value(QStringLiteral("visible")).toBool(true));
    m_grid->setLayout(o.value(QStringLiteral("gridLayout")).toInt(4));
    QStringList openIds, projectIds;
    for (const QJsonValue &v : o.value(QStringLiteral("openFeeds")).toArray())
        openIds << v.toString();
    for (const QJsonValue &v : o.value(QStringLiteral("projections")).toArray())
        projectIds << v.toString();
    const QStringList keepOpen = m_pendingOpen, keepProject = m_pendingProject;
    const bool hadPending = m_pendingSet;
    if (open(path)) {
        // the command line's --open-video/--project-video add to the project's
        if (hadPending) {
            openIds += keepOpen;
            projectIds += keepProject;
        }
        openIds.removeDuplicates();
        projectIds.removeDuplicates();
        setPending(openIds, projectIds);
    }
    emit filterChanged();
}

} // namespace liyuan
