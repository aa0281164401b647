#include "ReviewController.h"

#include "LayerManager.h"

#include <liyuan/scene/quick/CameraController.h>

#include <QFileInfo>
#include <QJsonArray>
#include <QUrl>

#include <algorithm>
#include <cmath>
#include <limits>

namespace liyuan {

namespace {

const QColor kMeasureColor(QStringLiteral("#ffd43b"));
const QColor kLegColor(QStringLiteral("#66d9e8"));
const QColor kPendingColor(QStringLiteral("#ffffff"));
const QColor kVisibleColor(QStringLiteral("#40c057"));
const QColor kBlockedColor(QStringLiteral("#fa5252"));
const QColor kViolationFill(250, 82, 82, 90);
const QColor kLimitColor(QStringLiteral("#ff922b"));

QJsonArray vec(const Vec3d &p)
{
    return QJsonArray{p.x, p.y, p.z};
}

QJsonArray vecs(const std::vector<Vec3d> &points)
{
    QJsonArray a;
    for (const Vec3d &p : points)
        a.append(vec(p));
    return a;
}

QString metres(double v)
{
    return QStringLiteral("%1 m").arg(v, 0, 'f', 2);
}

bool finite(const Vec3d &p)
{
    return std::isfinite(p.x) && std::isfinite(p.y) && std::isfinite(p.z);
}

/**
 * A convex ring (counter-clockwise) moved outwards by d: each vertex along its corner's
 * mitre, at most 3·d from where it was (sharp corners).
 */
std::vector<Vec3d> padded(const std::vector<Vec3d> &ring, double d)
{
    const size_t n = ring.size();
    std::vector<Vec3d> out;
    out.reserve(n);
    for (size_t i = 0; i < n; ++i) {
        const Vec3d &prev = ring[(i + n - 1) % n], &cur = ring[i], &next = ring[(i + 1) % n];
        const double l1 = std::hypot(cur.x - prev.x, cur.y - prev.y), l2 = std::hypot(next.x - cur.x, next.y - cur.y);
        if (!(l1 > 0) || !(l2 > 0)) {
            out.push_back(cur);
            continue;
        }
        // outward normals of the edges into and out of the corner (right of a counter-clockwise edge)
        const double n1x = (cur.y - prev.y) / l1, n1y = -(cur.x - prev.x) / l1;
        const double n2x = (next.y - cur.y) / l2, n2y = -(next.x - cur.x) / l2;
        const double mx = n1x + n2x, my = n1y + n2y, ml = std::hypot(mx, my);
        const double k = std::min(d / std::max(1.0 + n1x * n2x + n1y * n2y, 1e-9), ml > 0 ? 3.0 * d / ml : 0.0);
        out.emplace_back(cur.x + mx * k, cur.y + my * k, cur.z);
    }
    return out;
}

/** XY bounding box of a ring. */
void ringBox(const std::vector<Vec3d> &ring, Vec3d *mn, Vec3d *mx)
{
    *mn = Vec3d(1e300, 1e300, 0);
    *mx = Vec3d(-1e300, -1e300, 0);
    for (const Vec3d &p : ring) {
        mn->x = std::min(mn->x, p.x);
        mn->y = std::min(mn->y, p.y);
        mx->x = std::max(mx->x, p.x);
        mx->y = std::max(mx->y, p.y);
    }
}

} // namespace

ReviewController::ReviewController(TileStreamer *streamer, LayerManager *layers, CameraController *camera, QObject *parent)
    : QObject(parent), m_streamer(streamer), m_layers(layers), m_camera(camera)
{
    m_lines = new ReviewOverlayGeometry(ReviewOverlayGeometry::Mode::Lines, this);
    m_boxes = new ReviewOverlayGeometry(ReviewOverlayGeometry::Mode::Triangles, this);
    m_checkTimer = new QTimer(this);
    m_checkTimer->setSingleShot(true);
    m_checkTimer->setInterval(250);
    connect(m_checkTimer, &QTimer::timeout, this, [this] {
        if (m_autoHeightCheck)
            doHeightCheck(true);
    });
    LayerListModel *model = m_layers->model();
    connect(model, &QAbstractItemModel::rowsInserted, this, &ReviewController::scheduleHeightCheck);
    connect(model, &QAbstractItemModel::rowsRemoved, this, &ReviewController::scheduleHeightCheck);
    connect(model, &QAbstractItemModel::modelReset, this, &ReviewController::scheduleHeightCheck);
    connect(model, &QAbstractItemModel::dataChanged, this, &ReviewController::scheduleHeightCheck);
    connect(m_layers, &LayerManager::vectorLoaded, this, [this](const QString &id) {
        m_geometry.remove(id); // restyled or reloaded: read its geometry again
        scheduleHeightCheck();
    });
    connect(m_layers, &LayerManager::vectorRemoved, this, [this](const QString &id) {
        m_geometry.remove(id);
        scheduleHeightCheck();
    });
    connect(m_streamer, &TileStreamer::rootsReadyChanged, this, &ReviewController::scheduleHeightCheck);
    connect(m_streamer, &TileStreamer::datasetTransformChanged, this, &ReviewController::scheduleHeightCheck);
}

// --- properties ------------------------------------------------------------------

void ReviewController::setTool(const QString &tool)
{
    static const QStringList kTools{QString(), QStringLiteral("distance"), QStringLiteral("area"),
                                    QStringLiteral("height"), QStringLiteral("sightline")};
    const QString t = kTools.contains(tool) ? tool : QString();
    if (t == m_tool)
        return;
    m_tool = t;
    m_pending.clear();
    rebuildOverlay();
    emit pendingChanged();
    emit toolChanged();
}

void ReviewController::setAutoHeightCheck(bool on)
{
    if (on == m_autoHeightCheck)
        return;
    m_autoHeightCheck = on;
    if (on)
        scheduleHeightCheck();
    emit heightCheckChanged();
}

void ReviewController::setEyeHeight(double metres)
{
    if (!std::isfinite(metres) || metres == m_eyeHeight)
        return;
    m_eyeHeight = metres;
    emit optionsChanged();
}

void ReviewController::setZoneAttributes(const QStringList &names)
{
    if (names == m_zoneAttributes)
        return;
    m_zoneAttributes = names;
    emit optionsChanged();
    scheduleHeightCheck();
}

QString ReviewController::zoneRule() const
{
    return m_zoneRule == HeightLimitCheck::ZoneRule::Overlap ? QStringLiteral("overlap") : QStringLiteral("centroid");
}

bool ReviewController::setZoneRule(const QString &rule)
{
    HeightLimitCheck::ZoneRule r;
    if (rule == QLatin1String("centroid"))
        r = HeightLimitCheck::ZoneRule::Centroid;
    else if (rule == QLatin1String("overlap"))
        r = HeightLimitCheck::ZoneRule::Overlap;
    else
        return false;
    if (r == m_zoneRule)
        return true;
    m_zoneRule = r;
    emit optionsChanged();
    emit edited();
    scheduleHeightCheck();
    return true;
}

void ReviewController::setStatus(const QString &text)
{
    m_status = text;
    emit statusChanged();
}

QVariantList ReviewController::results() const
{
    QVariantList list;
    for (size_t i = 0; i < m_entries.size(); ++i) {
        const Entry &e = m_entries[i];
        QVariantMap r{{QStringLiteral("index"), int(i)}};
        if (e.sightline) {
            const Sightline &s = m_sightlines[size_t(e.index)];
            r[QStringLiteral("type")] = QStringLiteral("sightline");
            r[QStringLiteral("kind")] = QStringLiteral("sightline");
            r[QStringLiteral("label")] = s.label;
            r[QStringLiteral("valid")] = s.valid;
            r[QStringLiteral("text")] = !s.valid ? s.error
                                    : s.visible ? tr("visible · %1").arg(metres(s.length))
                                                : tr("blocked at %1 of %2").arg(metres(s.distance), metres(s.length));
        } else {
            const Measurement &m = m_measurements[size_t(e.index)];
            r[QStringLiteral("type")] = QStringLiteral("measurement");
            r[QStringLiteral("kind")] = measurementKindName(m.kind);
            r[QStringLiteral("label")] = m.label;
            r[QStringLiteral("valid")] = m.valid;
            QString text = m.error;
            if (m.valid) {
                switch (m.kind) {
                case Measurement::Kind::Distance:
                case Measurement::Kind::Polyline:
                    text = tr("3D %1 · horizontal %2 · vertical %3")
                                   .arg(metres(m.distance3d), metres(m.horizontal), metres(m.vertical));
                    break;
                case Measurement::Kind::Area:
                    text = tr("horizontal %1 m² · 3D %2 m² · perimeter %3")
                                   .arg(m.horizontalArea, 0, 'f', 1)
                                   .arg(m.area3d, 0, 'f', 1)
                                   .arg(metres(m.perimeter));
                    break;
                case Measurement::Kind::HeightAboveGround:
                    text = tr("%1 above the ground").arg(metres(m.heightAboveGround));
                    break;
                }
            }
            r[QStringLiteral("text")] = text;
        }
        list.append(r);
    }
    return list;
}

QVariantList ReviewController::heightChecks() const
{
    QVariantList list;
    std::vector<const HeightCheckResult *> order;
    for (const HeightCheckResult &v : m_violations)
        order.push_back(&v);
    for (const HeightCheckResult &r : m_checks)
        if (!r.violation)
            order.push_back(&r);
    for (const HeightCheckResult *r : order)
        list.append(QVariantMap{{QStringLiteral("id"), r->buildingId},
                                {QStringLiteral("name"), r->buildingName},
                                {QStringLiteral("source"), r->source},
                                {QStringLiteral("zone"), r->zoneName},
                                {QStringLiteral("inZone"), r->inZone},
                                {QStringLiteral("limit"), r->limit},
                                {QStringLiteral("height"), r->height},
                                {QStringLiteral("excess"), r->excess},
                                {QStringLiteral("violation"), r->violation}});
    return list;
}

// --- picking ---------------------------------------------------------------------

bool ReviewController::isZoneLayer(const QString &layerId, QString *attribute) const
{
    const LayerEntry *l = m_layers->model()->layer(layerId);
    if (!l || l->kind != QLatin1String("vector"))
        return false;
    const auto data = m_layers->vectorData(layerId);
    if (!data)
        return false;
    for (const QString &name : m_zoneAttributes)
        for (const VectorField &f : data->fields)
            if (f.name == name) {
                if (attribute)
                    *attribute = name;
                return true;
            }
    return false;
}

bool ReviewController::isSurfaceDataset(int dataset) const
{
    const QString id = m_layers->layerOfDataset(dataset);
    return id.isEmpty() || !isZoneLayer(id);
}

bool ReviewController::isGroundDataset(int dataset) const
{
    bool terrainShown = false;
    for (const LayerEntry &l : m_layers->model()->layers())
        terrainShown = terrainShown || (l.kind == QLatin1String("terrain") && l.visible && l.dataset >= 0);
    const LayerEntry *l = m_layers->model()->layer(m_layers->layerOfDataset(dataset));
    if (!l)
        return false;
    return l->kind == QLatin1String("terrain") || (!terrainShown && l->kind == QLatin1String("photogrammetry"));
}

bool ReviewController::pickFiltered(const Vec3d &origin, const Vec3d &direction, const std::function<bool(int)> &accept,
                                    PickResult *result, double skipNear) const
{
    const double len = direction.length();
    if (!(len > 0) || !finite(origin))
        return false;
    const Vec3d dir = direction * (1.0 / len);
    Vec3d start = origin;
    // only what the main view draws and `accept` takes can be hit (the rest is looked through);
    // the loop only steps over surfaces nearer than skipNear
    auto take = [this, &accept](int ds) { return accept(ds) && (!m_shownFilter || m_shownFilter(ds)); };
    for (int step = 0; step < 64; ++step) {
        PickResult r;
        if (!m_streamer->pick(start, dir, &r, take, &m_pickClipping))
            return false;
        const double along = (r.point - origin).dot(dir);
        if (along >= skipNear) {
            *result = r;
            return true;
        }
        // step over this surface; the step grows with the distance for float precision
        start = origin + dir * (std::max(along, 0.0) + std::max(1e-3, 1e-6 * std::abs(along)));
    }
    return false;
}

PickFunction ReviewController::surfacePick() const
{
    return [this](const Vec3d &o, const Vec3d &d, Vec3d *hit) {
        PickResult r;
        if (!pickFiltered(o, d, [this](int ds) { return isSurfaceDataset(ds); }, &r))
            return false;
        *hit = r.point;
        return true;
    };
}

PickFunction ReviewController::groundPick() const
{
    return [this](const Vec3d &o, const Vec3d &d, Vec3d *hit) {
        PickResult r;
        // a point picked on the photogrammetry itself is stepped over (10 cm)
        if (!pickFiltered(o, d, [this](int ds) { return isGroundDataset(ds); }, &r, 0.1))
            return false;
        *hit = r.point;
        // terrain is drawn shifted (verticalOffset, LayerManager's default -0.3 m, keeps it under
        // the photogrammetry): heights are measured from the DEM itself
        const LayerEntry *l = m_layers->model()->layer(m_layers->layerOfDataset(r.dataset));
        if (l && l->kind == QLatin1String("terrain"))
            hit->z -= l->style.value(QStringLiteral("verticalOffset")).toDouble(-0.3);
        return true;
    };
}

// --- tools -----------------------------------------------------------------------

bool ReviewController::click(double x, double y)
{
    if (m_tool.isEmpty() || !m_camera)
        return false;
    Vec3d o, d;
    m_camera->viewState().rayThrough(x, y, &o, &d);
    return clickRay(o, d);
}

bool ReviewController::clickRay(const Vec3d &origin, const Vec3d &direction)
{
    if (m_tool.isEmpty())
        return false;
    PickResult r;
    if (!pickFiltered(origin, direction, [this](int ds) { return isSurfaceDataset(ds); }, &r)) {
        setStatus(tr("Nothing there to measure on"));
        return false;
    }
    return addPoint(r.point);
}

QString ReviewController::nextLabel(const QString &kindText)
{
    return QStringLiteral("%1 %2").arg(kindText).arg(++m_counter);
}

bool ReviewController::addPoint(const Vec3d &point)
{
    if (m_tool.isEmpty() || !finite(point))
        return false;
    m_pending.push_back(point);
    if (m_tool == QLatin1String("distance") && m_pending.size() == 2) {
        addMeasurement(Measurement::distance(m_pending[0], m_pending[1], nextLabel(tr("Distance"))));
        m_pending.clear();
    } else if (m_tool == QLatin1String("height")) {
        addMeasurement(Measurement::height(m_pending[0], groundPick(), nextLabel(tr("Height"))));
        m_pending.clear();
    } else if (m_tool == QLatin1String("sightline") && m_pending.size() == 2) {
        const Vec3d viewpoint = m_pending[0] + Vec3d(0, 0, m_eyeHeight);
        addSightline(Sightline::compute(viewpoint, m_pending[1], surfacePick(), Sightline::Options(),
                                        nextLabel(tr("Sightline"))));
        m_pending.clear();
    }
    rebuildOverlay();
    emit pendingChanged();
    return true;
}

bool ReviewController::finish()
{
    if (m_tool != QLatin1String("area"))
        return false;
    if (Measurement::openRing(m_pending).size() < 3) {
        setStatus(tr("An area needs at least three distinct points"));
        return false;
    }
    addMeasurement(Measurement::area(m_pending, nextLabel(tr("Area"))));
    m_pending.clear();
    rebuildOverlay();
    emit pendingChanged();
    return true;
}

void ReviewController::cancel()
{
    m_pending.clear();
    rebuildOverlay();
    emit pendingChanged();
}

void ReviewController::addMeasurement(Measurement m)
{
    if (!m.valid)
        setStatus(m.label + QStringLiteral(": ") + m.error);
    m_measurements.push_back(std::move(m));
    m_entries.push_back({false, int(m_measurements.size()) - 1});
    emit resultsChanged();
    emit edited();
}

void ReviewController::addSightline(Sightline s)
{
    if (!s.valid)
        setStatus(s.label + QStringLiteral(": ") + s.error);
    m_sightlines.push_back(std::move(s));
    m_entries.push_back({true, int(m_sightlines.size()) - 1});
    emit resultsChanged();
    emit edited();
}

void ReviewController::resetResults()
{
    m_pending.clear();
    m_measurements.clear();
    m_sightlines.clear();
    m_entries.clear();
    m_counter = 0;
    m_recomputePending = false;
}

void ReviewController::clear()
{
    const bool had = !m_entries.empty();
    resetResults();
    rebuildOverlay();
    emit pendingChanged();
    emit resultsChanged();
    if (had)
        emit edited();
}

void ReviewController::removeResult(int index)
{
    if (index < 0 || index >= int(m_entries.size()))
        return;
    const Entry gone = m_entries[size_t(index)];
    m_entries.erase(m_entries.begin() + index);
    if (gone.sightline)
        m_sightlines.erase(m_sightlines.begin() + gone.index);
    else
        m_measurements.erase(m_measurements.begin() + gone.index);
    for (Entry &e : m_entries)
        if (e.sightline == gone.sightline && e.index > gone.index)
            --e.index;
    rebuildOverlay();
    emit resultsChanged();
    emit edited();
}

// --- projects --------------------------------------------------------------------

std::vector<ProjectMeasurement> ReviewController::projectMeasurements() const
{
    std::vector<ProjectMeasurement> out;
    out.reserve(m_entries.size());
    for (const Entry &e : m_entries) {
        if (e.sightline) {
            const Sightline &s = m_sightlines[size_t(e.index)];
            out.push_back({QStringLiteral("sightline"), s.label, {s.viewpoint, s.target}});
        } else {
            const Measurement &m = m_measurements[size_t(e.index)];
            out.push_back({measurementKindName(m.kind), m.label, m.points});
        }
    }
    return out;
}

void ReviewController::restoreMeasurements(const std::vector<ProjectMeasurement> &saved, const QString &file)
{
    resetResults();
    const QString waiting = tr("recomputed once the scene has loaded");
    std::vector<size_t> unnamed; // entries without a label: named after the restored ones
    for (size_t i = 0; i < saved.size(); ++i) {
        const ProjectMeasurement &r = saved[i];
        const size_t n = r.points.size();
        if (!std::all_of(r.points.begin(), r.points.end(), finite)) {
            emit message(QStringLiteral("%1: measurement %2 skipped: a point is not finite").arg(file).arg(i));
            continue;
        }
        // "Distance 3": later measurements are numbered after the highest restored number
        auto numbering = [&] {
            bool numbered = false;
            const int k = r.label.section(QLatin1Char(' '), -1).toInt(&numbered);
            if (numbered && k > m_counter && k < 1000000)
                m_counter = k;
            if (r.label.isEmpty())
                unnamed.push_back(m_entries.size());
        };
        if (r.kind == QLatin1String("sightline") && n == 2) {
            numbering();
            Sightline s;
            s.label = r.label;
            s.viewpoint = r.points[0];
            s.target = r.points[1];
            s.length = Measurement::distance3D(s.viewpoint, s.target);
            s.error = waiting;
            m_sightlines.push_back(s);
            m_entries.push_back({true, int(m_sightlines.size()) - 1, true});
            m_recomputePending = true;
            continue;
        }
        Measurement m;
        bool later = false;
        if (r.kind == QLatin1String("distance") && n == 2) {
            m = Measurement::distance(r.points[0], r.points[1], r.label);
        } else if (r.kind == QLatin1String("polyline") && n >= 2) {
            m = Measurement::polyline(r.points, r.label);
        } else if (r.kind == QLatin1String("area") && n >= 3) {
            m = Measurement::area(r.points, r.label);
        } else if (r.kind == QLatin1String("height") && n == 1) {
            m.kind = Measurement::Kind::HeightAboveGround;
            m.label = r.label;
            m.points = r.points;
            m.error = waiting;
            later = true;
        } else {
            emit message(QStringLiteral("%1: measurement %2 skipped: %3 with %4 point(s) is not a measurement")
                                 .arg(file)
                                 .arg(i)
                                 .arg(r.kind)
                                 .arg(n));
            continue;
        }
        numbering();
        m_measurements.push_back(std::move(m));
        m_entries.push_back({false, int(m_measurements.size()) - 1, later});
        m_recomputePending = m_recomputePending || later;
    }
    for (size_t e : unnamed) {
        const Entry &entry = m_entries[e];
        if (entry.sightline) {
            m_sightlines[size_t(entry.index)].label = nextLabel(tr("Sightline"));
            continue;
        }
        Measurement &m = m_measurements[size_t(entry.index)];
        const Measurement::Kind kind = m.kind;
        m.label = nextLabel(kind == Measurement::Kind::Area                ? tr("Area")
                            : kind == Measurement::Kind::HeightAboveGround ? tr("Height")
                            : kind == Measurement::Kind::Polyline          ? tr("Polyline")
                                                                           : tr("Distance"));
    }
    m_counter = std::max(m_counter, int(m_entries.size()));
    rebuildOverlay();
    emit pendingChanged();
    emit resultsChanged();
}

void ReviewController::recomputeRestored()
{
    if (!m_recomputePending)
        return;
    m_recomputePending = false;
    for (Entry &e : m_entries) {
        if (!e.recompute)
            continue;
        e.recompute = false;
        if (e.sightline) {
            Sightline &s = m_sightlines[size_t(e.index)];
            s = Sightline::compute(s.viewpoint, s.target, surfacePick(), Sightline::Options(), s.label);
        } else {
            Measurement &m = m_measurements[size_t(e.index)];
            m = Measurement::height(m.points.front(), groundPick(), m.label);
        }
    }
    rebuildOverlay();
    emit resultsChanged();
}

// --- command line ----------------------------------------------------------------

bool ReviewController::parseSpec(const QString &spec, QString *kind, std::vector<Vec3d> *points, QString *error)
{
    const int colon = spec.indexOf(QLatin1Char(':'));
    const QString k = spec.left(colon).trimmed().toLower();
    static const QStringList kKinds{QStringLiteral("distance"), QStringLiteral("area"), QStringLiteral("height"),
                                    QStringLiteral("sightline")};
    if (colon < 0 || !kKinds.contains(k)) {
        *error = QStringLiteral("--measure %1: expected KIND:x,y,z;x,y,z… with KIND distance, area, height or sightline").arg(spec);
        return false;
    }
    points->clear();
    for (const QString &p : spec.mid(colon + 1).split(QLatin1Char(';'), Qt::SkipEmptyParts)) {
        const QStringList c = p.split(QLatin1Char(','));
        bool ok[3] = {false, false, false};
        if (c.size() == 3) {
            const Vec3d v(c[0].trimmed().toDouble(&ok[0]), c[1].trimmed().toDouble(&ok[1]), c[2].trimmed().toDouble(&ok[2]));
            if (ok[0] && ok[1] && ok[2] && finite(v)) {
                points->push_back(v);
                continue;
            }
        }
        *error = QStringLiteral("--measure %1: '%2' is not a point x,y,z").arg(spec, p);
        return false;
    }
    const size_t need = k == QLatin1String("height") ? 1 : k == QLatin1String("area") ? 3 : 2;
    const bool exact = k != QLatin1String("area");
    if (points->size() < need || (exact && points->size() != need)) {
        *error = QStringLiteral("--measure %1: %2 takes %3%4 point(s)")
                         .arg(spec, k, exact ? QString() : QStringLiteral("at least "))
                         .arg(need);
        return false;
    }
    *kind = k;
    return true;
}

bool ReviewController::runSpec(const QString &spec, QString *error)
{
    QString kind;
    std::vector<Vec3d> points;
    if (!parseSpec(spec, &kind, &points, error))
        return false;
    const QString previous = m_tool;
    setTool(kind);
    for (const Vec3d &p : points)
        addPoint(p);
    if (kind == QLatin1String("area"))
        finish();
    setTool(previous);
    return true;
}

void ReviewController::runPendingSpecs()
{
    const QStringList specs = m_pendingSpecs;
    m_pendingSpecs.clear();
    for (const QString &s : specs) {
        QString error;
        if (!runSpec(s, &error))
            emit message(error);
    }
}

void ReviewController::onFrame()
{
    if ((m_pendingSpecs.isEmpty() && !m_recomputePending) || !m_streamer->rootsReady() || !m_streamer->isSettled()
        || m_layers->busy())
        return;
    // restored heights and sightlines first: they come before the specifications in the list
    recomputeRestored();
    if (!m_pendingSpecs.isEmpty())
        runPendingSpecs();
}

// --- height check ----------------------------------------------------------------

void ReviewController::scheduleHeightCheck()
{
    m_checkDirty = true;
    if (m_autoHeightCheck)
        m_checkTimer->start();
}

const std::vector<VectorFeature> *ReviewController::geometryOf(const QString &layerId, QString *error)
{
    const LayerEntry *l = m_layers->model()->layer(layerId);
    if (!l)
        return nullptr;
    const LocalFrame &frame = m_streamer->sceneFrame();
    const Vec3d o = frame.origin();
    const QString key = QStringLiteral("%1#%2@%3,%4,%5").arg(l->path).arg(l->sourceLayer).arg(o.x).arg(o.y).arg(o.z);
    auto it = m_geometry.find(layerId);
    if (it != m_geometry.end() && it->key == key)
        return &it->features;
    const VectorDataset ds = VectorDataset::open(l->path, error);
    if (!ds.isValid())
        return nullptr;
    CachedGeometry g;
    g.key = key;
    QStringList warnings;
    if (!ds.readFeatures(l->sourceLayer, frame.crs(), frame.crs(), &g.features, &warnings, error))
        return nullptr;
    for (VectorFeature &f : g.features)
        for (auto &part : f.parts)
            for (auto &ring : part)
                for (Vec3d &p : ring)
                    p = Vec3d(p.x - o.x, p.y - o.y, 0.0);
    return &m_geometry.insert(layerId, std::move(g))->features;
}

bool ReviewController::runHeightCheck()
{
    return doHeightCheck(false);
}

void ReviewController::recheckQuietly()
{
    if (m_autoHeightCheck)
        doHeightCheck(true);
}

bool ReviewController::doHeightCheck(bool quiet)
{
    m_checkTimer->stop();
    m_checkDirty = false;
    std::vector<ProtectionZone> zones;
    std::vector<CandidateBuilding> candidates;
    QStringList problems;
    for (const LayerEntry &l : m_layers->model()->layers()) {
        if (l.status == QLatin1String("failed"))
            continue;
        QString attribute;
        if (isZoneLayer(l.id, &attribute)) {
            // zones apply whether shown or not
            QString error;
            const std::vector<VectorFeature> *features = geometryOf(l.id, &error);
            if (!features) {
                problems << error;
                continue;
            }
            for (const VectorFeature &f : *features) {
                bool ok = false;
                const double limit = f.attributes.value(attribute).toDouble(&ok);
                if (!ok || !std::isfinite(limit) || f.kind != VectorFeature::Kind::Polygon)
                    continue;
                QString name = f.attributes.value(QStringLiteral("name")).toString();
                if (name.isEmpty())
                    name = f.attributes.value(QStringLiteral("name_en")).toString();
                for (size_t p = 0; p < f.parts.size(); ++p) {
                    if (f.parts[p].empty() || f.parts[p][0].size() < 3)
                        continue;
                    ProtectionZone z;
                    z.id = QStringLiteral("%1:%2").arg(l.id).arg(f.fid) + (p ? QStringLiteral("#%1").arg(p) : QString());
                    z.name = name.isEmpty() ? z.id : name;
                    z.polygon = f.parts[p][0];
                    z.holes.assign(f.parts[p].begin() + 1, f.parts[p].end()); // inner rings are not in the zone
                    z.maxHeight = limit;
                    zones.push_back(z);
                }
            }
            continue;
        }
        if (!l.visible || (m_shownFilter && l.dataset >= 0 && !m_shownFilter(l.dataset)))
            continue;
        if (l.kind == QLatin1String("model") && l.dataset >= 0) {
            Vec3d mn, mx;
            if (!m_streamer->bounds(l.dataset, &mn, &mx))
                continue; // not loaded yet: rootsReadyChanged runs the check again
            CandidateBuilding b;
            b.id = l.id;
            b.name = l.name;
            b.source = QStringLiteral("model");
            // the ground footprint: the convex hull of the vertices as placed (a model turned by
            // its heading covers much less than its axis-aligned bounds); a model with no extent
            // in XY (a single wall) keeps its bounds
            if (!m_streamer->footprint(l.dataset, &b.footprint) || b.footprint.size() < 3)
                b.footprint = {{mn.x, mn.y, 0}, {mx.x, mn.y, 0}, {mx.x, mx.y, 0}, {mn.x, mx.y, 0}};
            b.baseElevation = mn.z;
            b.topElevation = mx.z;
            candidates.push_back(b);
        } else if (l.kind == QLatin1String("vector")) {
            const auto data = m_layers->vectorData(l.id);
            if (!data || data->heightAttribute.isEmpty())
                continue; // not extruded
            QString error;
            const std::vector<VectorFeature> *features = geometryOf(l.id, &error);
            if (!features) {
                problems << error;
                continue;
            }
            QHash<qint64, const VectorFeature *> byFid;
            for (const VectorFeature &f : *features)
                if (f.kind == VectorFeature::Kind::Polygon && !f.parts.empty() && !f.parts[0].empty())
                    byFid.insert(f.fid, &f);
            for (const gdal::VectorFeatureRecord &r : data->features) {
                const VectorFeature *f = byFid.value(r.fid);
                if (!f || !std::isfinite(r.height) || r.height <= 0)
                    continue;
                CandidateBuilding b;
                b.id = QStringLiteral("%1:%2").arg(l.id).arg(r.fid);
                b.name = r.attributes.value(QStringLiteral("name")).toString();
                if (b.name.isEmpty())
                    b.name = b.id;
                b.source = QStringLiteral("footprint");
                b.footprint = f->parts[0][0];
                b.baseElevation = r.groundZ;
                b.topElevation = r.groundZ + r.height;
                candidates.push_back(b);
            }
        }
    }
    m_zoneCount = int(zones.size());
    m_candidateCount = int(candidates.size());
    m_checks.clear();
    m_violations.clear();
    if (zones.empty()) {
        m_heightCheckMessage = tr("No protection zones: no vector layer has a %1 attribute").arg(m_zoneAttributes.join(QStringLiteral(", ")));
        if (!problems.isEmpty())
            m_heightCheckMessage += QStringLiteral(" (") + problems.join(QStringLiteral("; ")) + QLatin1Char(')');
    } else if (candidates.empty()) {
        m_heightCheckMessage = tr("Nothing to check: no visible model or extruded footprint layer");
    } else {
        HeightLimitCheck check;
        check.setZones(zones);
        check.setZoneRule(m_zoneRule);
        check.setGroundPick(groundPick());
        m_checks = check.check(candidates);
        m_violations = HeightLimitCheck::violations(m_checks);
        m_heightCheckMessage.clear();
    }
    if (!quiet && !m_heightCheckMessage.isEmpty())
        emit message(m_heightCheckMessage);
    rebuildOverlay();
    emit heightCheckChanged();
    return !m_checks.empty();
}

// --- export ----------------------------------------------------------------------

QString ReviewController::localPath(const QString &pathOrUrl)
{
    const QUrl url(pathOrUrl);
    return url.isLocalFile() ? url.toLocalFile() : pathOrUrl;
}

ReviewExport ReviewController::exporter() const
{
    ReviewExport e(m_streamer->sceneFrame());
    e.setMeasurements(m_measurements);
    e.setSightlines(m_sightlines);
    e.setHeightChecks(m_checks);
    return e;
}

bool ReviewController::exportCsv(const QString &pathOrUrl)
{
    const QString path = localPath(pathOrUrl);
    if (path.isEmpty()) {
        setStatus(tr("No file to export to"));
        return false;
    }
    const ReviewExport e = exporter();
    const QFileInfo fi(path);
    const QString stem = fi.path() + QLatin1Char('/') + fi.completeBaseName();
    QStringList written;
    QString error;
    if (!e.writeCsv(path, ReviewExport::Table::Measurements, &error)) {
        setStatus(error);
        return false;
    }
    written << path;
    if (!m_sightlines.empty()) {
        const QString p = stem + QStringLiteral("-sightlines.csv");
        if (!e.writeCsv(p, ReviewExport::Table::Sightlines, &error)) {
            setStatus(error);
            return false;
        }
        written << p;
    }
    if (!m_checks.empty()) {
        const QString p = stem + QStringLiteral("-heightcheck.csv");
        if (!e.writeCsv(p, ReviewExport::Table::HeightChecks, &error)) {
            setStatus(error);
            return false;
        }
        written << p;
    }
    setStatus(tr("Exported %1").arg(written.join(QStringLiteral(", "))));
    return true;
}

bool ReviewController::exportGeoJson(const QString &pathOrUrl, bool projected)
{
    const QString path = localPath(pathOrUrl);
    if (path.isEmpty()) {
        setStatus(tr("No file to export to"));
        return false;
    }
    QString error;
    if (!exporter().writeGeoJson(path, projected ? ReviewExport::GeoJsonCrs::Projected : ReviewExport::GeoJsonCrs::Wgs84,
                                 &error)) {
        setStatus(error);
        return false;
    }
    setStatus(tr("Exported %1").arg(path));
    return true;
}

// --- overlay ---------------------------------------------------------------------

void ReviewController::rebuildOverlay()
{
    m_lines->clear();
    m_boxes->clear();
    m_anchors.clear();
    const double cross = 0.8;
    for (const Measurement &m : m_measurements) {
        if (m.points.empty())
            continue;
        for (const Vec3d &p : m.points)
            m_lines->addCross(p, cross, kMeasureColor);
        switch (m.kind) {
        case Measurement::Kind::Distance:
        case Measurement::Kind::Polyline:
            for (size_t i = 0; i + 1 < m.points.size(); ++i)
                m_lines->addSegment(m.points[i], m.points[i + 1], kMeasureColor);
            if (m.points.size() == 2) {
                const Vec3d corner(m.points[1].x, m.points[1].y, m.points[0].z);
                m_lines->addSegment(m.points[0], corner, kLegColor);
                m_lines->addSegment(corner, m.points[1], kLegColor);
                m_anchors.push_back({(m.points[0] + m.points[1]) * 0.5, m.label + QStringLiteral(": ") + metres(m.distance3d),
                                     kMeasureColor.name()});
            }
            break;
        case Measurement::Kind::Area: {
            const std::vector<Vec3d> ring = Measurement::openRing(m.points);
            for (size_t i = 0; i < ring.size(); ++i)
                m_lines->addSegment(ring[i], ring[(i + 1) % ring.size()], kMeasureColor);
            if (m.valid)
                m_anchors.push_back({Measurement::projectedCentroid(ring),
                                     m.label + QStringLiteral(": %1 m²").arg(m.horizontalArea, 0, 'f', 1), kMeasureColor.name()});
            break;
        }
        case Measurement::Kind::HeightAboveGround:
            if (m.valid) {
                m_lines->addSegment(m.ground, m.points[0], kLegColor);
                m_lines->addCross(m.ground, cross, kLegColor);
                m_anchors.push_back({m.points[0], m.label + QStringLiteral(": ") + metres(m.heightAboveGround), kLegColor.name()});
            }
            break;
        }
    }
    for (const Sightline &s : m_sightlines) {
        if (!s.valid)
            continue;
        m_lines->addCross(s.viewpoint, cross, kPendingColor);
        m_lines->addCross(s.target, cross, s.visible ? kVisibleColor : kBlockedColor);
        if (s.visible) {
            m_lines->addSegment(s.viewpoint, s.target, kVisibleColor);
            m_anchors.push_back({s.target, s.label + QStringLiteral(": ") + tr("visible"), kVisibleColor.name()});
        } else {
            m_lines->addSegment(s.viewpoint, s.obstruction, kVisibleColor);
            m_lines->addSegment(s.obstruction, s.target, kBlockedColor);
            m_lines->addCross(s.obstruction, cross * 1.5, kBlockedColor);
            m_anchors.push_back({s.obstruction, s.label + QStringLiteral(": ") + tr("blocked at %1").arg(metres(s.distance)),
                                 kBlockedColor.name()});
        }
    }
    for (size_t i = 0; i < m_pending.size(); ++i) {
        m_lines->addCross(m_pending[i], cross, kPendingColor);
        if (i > 0)
            m_lines->addSegment(m_pending[i - 1], m_pending[i], kPendingColor);
    }
    for (const HeightCheckResult &v : m_violations) {
        // a prism over the footprint's convex hull (a model's footprint is its hull already),
        // 30 cm outside it; an axis-aligned box when the footprint has no area
        std::vector<Vec3d> ring = Measurement::convexHullXY(v.footprint);
        if (ring.size() < 3) {
            Vec3d mn, mx;
            ringBox(v.footprint, &mn, &mx);
            ring = {{mn.x - 0.3, mn.y - 0.3, 0}, {mx.x + 0.3, mn.y - 0.3, 0}, {mx.x + 0.3, mx.y + 0.3, 0}, {mn.x - 0.3, mx.y + 0.3, 0}};
        } else {
            ring = padded(ring, 0.3);
        }
        const double top = v.groundElevation + v.height + 0.3;
        m_boxes->addPrism(ring, v.groundElevation, top, kViolationFill);
        m_lines->addPrismEdges(ring, v.groundElevation, top, kBlockedColor);
        // the limit: an outline at the allowed height
        for (size_t k = 0; k < ring.size(); ++k)
            m_lines->addSegment(Vec3d(ring[k].x, ring[k].y, v.limitElevation),
                                Vec3d(ring[(k + 1) % ring.size()].x, ring[(k + 1) % ring.size()].y, v.limitElevation),
                                kLimitColor);
        const Vec3d c = Measurement::projectedCentroid(ring);
        m_anchors.push_back({Vec3d(c.x, c.y, top),
                             tr("%1: +%2 over %3 m").arg(v.buildingName, metres(v.excess)).arg(v.limit, 0, 'f', 1),
                             kBlockedColor.name()});
    }
    m_lines->commit();
    m_boxes->commit();
}

void ReviewController::updateLabels(const ViewState &view)
{
    QVariantList labels;
    for (const LabelAnchor &a : m_anchors) {
        const double depth = (a.point - view.eye).dot(view.forward);
        double x = 0, y = 0;
        if (depth <= 0.1 || !view.project(a.point, &x, &y)) // wall: project() honours a sub-view
            continue;
        if (x < -200 || y < -50 || x > view.viewportWidth + 200 || y > view.viewportHeight + 50)
            continue;
        labels.append(QVariantMap{{QStringLiteral("x"), std::round(x)},
                                  {QStringLiteral("y"), std::round(y)},
                                  {QStringLiteral("text"), a.text},
                                  {QStringLiteral("color"), a.color}});
    }
    if (labels != m_labels) {
        m_labels = labels;
        emit labelsChanged();
    }
}

// --- state -----------------------------------------------------------------------

QJsonObject ReviewController::stateJson()
{
    recomputeRestored();
    if (!m_pendingSpecs.isEmpty())
        runPendingSpecs();
    // the ground is picked on what is drawn now: an automatic check runs again at this point
    if (m_autoHeightCheck)
        doHeightCheck(true);
    QJsonArray measurements;
    for (const Measurement &m : m_measurements) {
        QJsonObject o{{QStringLiteral("kind"), measurementKindName(m.kind)},
                      {QStringLiteral("label"), m.label},
                      {QStringLiteral("valid"), m.valid},
                      {QStringLiteral("points"), vecs(m.points)}};
        if (!m.valid)
            o[QStringLiteral("error")] = m.error;
        else if (m.kind == Measurement::Kind::Area) {
            o[QStringLiteral("horizontalArea")] = m.horizontalArea;
            o[QStringLiteral("area3d")] = m.area3d;
            o[QStringLiteral("perimeter")] = m.perimeter;
        } else if (m.kind == Measurement::Kind::HeightAboveGround) {
            o[QStringLiteral("heightAboveGround")] = m.heightAboveGround;
            o[QStringLiteral("ground")] = vec(m.ground);
        } else {
            o[QStringLiteral("distance3d")] = m.distance3d;
            o[QStringLiteral("horizontal")] = m.horizontal;
            o[QStringLiteral("vertical")] = m.vertical;
        }
        measurements.append(o);
    }
    QJsonArray sightlines;
    for (const Sightline &s : m_sightlines) {
        QJsonObject o{{QStringLiteral("label"), s.label},
                      {QStringLiteral("valid"), s.valid},
                      {QStringLiteral("viewpoint"), vec(s.viewpoint)},
                      {QStringLiteral("target"), vec(s.target)},
                      {QStringLiteral("visible"), s.visible},
                      {QStringLiteral("length"), s.length}};
        if (!s.valid)
            o[QStringLiteral("error")] = s.error;
        else if (!s.visible) {
            o[QStringLiteral("obstruction")] = vec(s.obstruction);
            o[QStringLiteral("distance")] = s.distance;
            o[QStringLiteral("fraction")] = s.fraction;
        }
        sightlines.append(o);
    }
    QJsonArray violations, checked;
    auto resultJson = [](const HeightCheckResult &r) {
        return QJsonObject{{QStringLiteral("id"), r.buildingId},
                           {QStringLiteral("footprintArea"), Measurement::projectedArea(r.footprint)},
                           {QStringLiteral("name"), r.buildingName},
                           {QStringLiteral("source"), r.source},
                           {QStringLiteral("zone"), r.zoneName},
                           {QStringLiteral("zoneId"), r.zoneId},
                           {QStringLiteral("limit"), r.limit},
                           {QStringLiteral("ground"), r.groundElevation},
                           {QStringLiteral("height"), r.height},
                           {QStringLiteral("excess"), r.excess},
                           {QStringLiteral("violation"), r.violation}};
    };
    for (const HeightCheckResult &v : m_violations)
        violations.append(resultJson(v));
    for (const HeightCheckResult &r : m_checks)
        checked.append(resultJson(r));
    QJsonObject check{{QStringLiteral("rule"), zoneRule()},
                      {QStringLiteral("zones"), m_zoneCount},
                      {QStringLiteral("candidates"), m_candidateCount},
                      {QStringLiteral("violations"), violations},
                      {QStringLiteral("results"), checked}};
    if (!m_heightCheckMessage.isEmpty())
        check[QStringLiteral("message")] = m_heightCheckMessage;
    return QJsonObject{{QStringLiteral("measurements"), measurements},
                       {QStringLiteral("sightlines"), sightlines},
                       {QStringLiteral("heightCheck"), check}};
}

} // namespace liyuan
