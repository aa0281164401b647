#include "PlacementEditor.h"
#include "LayerManager.h"

#include <liyuan/assimp/ModelTileReader.h>
#include <liyuan/scene/TileStreamer.h>

#include <QFileInfo>
#include <QJsonArray>
#include <QSet>
#include <QUrl>

#include <cmath>

namespace liyuan {

namespace {

constexpr double kStepOver = 0.01; ///< metres a ground ray moves past a surface it steps over
constexpr int kMaxStepOvers = 64;

QString crsText(const Crs &crs)
{
    return crs.authorityCode().isEmpty() ? crs.definition() : crs.authorityCode();
}

/** Compass angle (degrees clockwise from north) of a horizontal vector. */
double compass(const Vec3d &v)
{
    return std::atan2(v.x, v.y) * 180.0 / M_PI;
}

/** v turned clockwise (as seen from above) by deg about +Z. */
Vec3d turnClockwise(const Vec3d &v, double deg)
{
    const double a = -deg * M_PI / 180.0;
    return Vec3d(std::cos(a) * v.x - std::sin(a) * v.y, std::sin(a) * v.x + std::cos(a) * v.y, v.z);
}

double segmentDistance(const QPointF &p, const QPointF &a, const QPointF &b)
{
    const QPointF ab = b - a, ap = p - a;
    const double len2 = QPointF::dotProduct(ab, ab);
    const double t = len2 > 0 ? std::clamp(QPointF::dotProduct(ap, ab) / len2, 0.0, 1.0) : 0.0;
    const QPointF q = a + ab * t;
    return std::hypot(p.x() - q.x(), p.y() - q.y());
}

} // namespace

PlacementEditor::PlacementEditor(TileStreamer *streamer, LayerManager *layers, std::function<ViewState()> camera,
                                 QObject *parent)
    : QObject(parent), m_streamer(streamer), m_layers(layers), m_camera(std::move(camera))
{
    // the edited layer removed (or the scene replaced): stop editing without restoring
    connect(m_layers, &LayerManager::changed, this, [this] {
        if (!m_layerId.isEmpty() && datasetOfLayer() < 0) {
            m_layerId.clear();
            m_dragHandle.clear();
            emit layerChanged();
            emit placementChanged();
        }
    });
}

QString PlacementEditor::layerName() const
{
    const LayerEntry *e = m_layers->model()->layer(m_layerId);
    return e ? e->name : QString();
}

void PlacementEditor::setEditMode(bool on)
{
    if (m_editMode == on)
        return;
    m_editMode = on;
    emit editModeChanged();
}

void PlacementEditor::setSnapToGround(bool on)
{
    if (m_snap == on)
        return;
    m_snap = on;
    emit snapToGroundChanged();
    if (on && active())
        snapNow();
}

Vec3d PlacementEditor::crsPosition() const
{
    return m_streamer->sceneFrame().toCrs(m_position);
}

QString PlacementEditor::crsName() const
{
    const Crs &crs = m_streamer->sceneFrame().crs();
    if (!crs.isValid())
        return tr("local frame (no CRS)");
    return crs.authorityCode().isEmpty() ? crs.name() : QStringLiteral("%1 (%2)").arg(crs.name(), crs.authorityCode());
}

bool PlacementEditor::dirty() const
{
    return active() && (m_position != m_startPosition || m_heading != m_startHeading || m_scale != m_startScale);
}

bool PlacementEditor::fail(const QString &why)
{
    m_lastError = why;
    emit lastErrorChanged();
    emit message(why);
    return false;
}

bool PlacementEditor::checkFinite(std::initializer_list<double> values, const char *what)
{
    for (double v : values)
        if (!std::isfinite(v))
            return fail(tr("%1: %2 must be a finite number").arg(m_layerId.isEmpty() ? tr("placement") : m_layerId,
                                                                 QString::fromLatin1(what)));
    return true;
}

int PlacementEditor::datasetOfLayer() const
{
    const LayerEntry *e = m_layers->model()->layer(m_layerId);
    return e && e->kind == QLatin1String("model") ? e->dataset : -1;
}

QJsonObject PlacementEditor::placementJson() const
{
    const LocalFrame &frame = m_streamer->sceneFrame();
    QJsonObject o = m_startPlacement; // keeps upAxis and floorPattern
    const Vec3d c = frame.toCrs(m_position);
    o[QStringLiteral("crs")] = crsText(frame.crs());
    o[QStringLiteral("position")] = QJsonArray{c.x, c.y, c.z};
    o[QStringLiteral("heading")] = m_heading;
    o[QStringLiteral("scale")] = m_scale;
    return o;
}

bool PlacementEditor::apply()
{
    QString error;
    if (!m_layers->setModelPlacement(m_layerId, placementJson(), &error))
        return fail(error);
    return true;
}

int PlacementEditor::groundKind(int dataset) const
{
    if (dataset == datasetOfLayer() && active())
        return 0;
    const LayerEntry *e = m_layers->model()->layer(m_layers->layerOfDataset(dataset));
    if (!e)
        return 1; // a dataset outside the layer list (tests): ground unless it is the model
    if (e->kind == QLatin1String("terrain") || e->kind == QLatin1String("imagery"))
        return 2;
    return e->kind == QLatin1String("photogrammetry") ? 1 : 0;
}

bool PlacementEditor::rayGround(const Vec3d &origin, const Vec3d &direction, Vec3d *hit, bool preferTerrain) const
{
    Vec3d o = origin;
    bool found = false;
    for (int i = 0; i < kMaxStepOvers; ++i) {
        PickResult r;
        if (!m_streamer->pick(o, direction, &r, {}, &m_pickClipping))
            break;
        const int kind = groundKind(r.dataset);
        if (kind == 2 || (kind == 1 && !preferTerrain)) {
            *hit = r.point;
            return true;
        }
        if (kind == 1 && !found) {
            *hit = r.point; // the mesh, unless a terrain lies below it (then its roofs are not ground)
            found = true;
        }
        o = r.point + direction * kStepOver; // step over the model itself, other models, vectors
    }
    return found;
}

bool PlacementEditor::groundHeight(double x, double y, double *z) const
{
    if (!std::isfinite(x) || !std::isfinite(y))
        return false;
    Vec3d mn, mx;
    const double top = m_streamer->sceneBounds(&mn, &mx) ? mx.z + 1000.0 : 10000.0;
    Vec3d hit;
    if (!rayGround(Vec3d(x, y, top), Vec3d(0, 0, -1), &hit, true))
        return false;
    *z = hit.z;
    return true;
}

bool PlacementEditor::footprintOffset(Vec3d *offset) const
{
    const int ds = datasetOfLayer();
    Vec3d mn, mx;
    if (ds < 0 || !m_streamer->bounds(ds, &mn, &mx))
        return false;
    const Vec3d applied = m_streamer->datasets()[size_t(ds)].offset;
    *offset = Vec3d((mn.x + mx.x) / 2 - applied.x, (mn.y + mx.y) / 2 - applied.y, 0);
    return true;
}

void PlacementEditor::snapZ()
{
    if (!m_snap)
        return;
    Vec3d off;
    const bool known = footprintOffset(&off);
    m_pendingSnap = !known; // snap again under the footprint once the model is in
    double z = 0;
    if (groundHeight(m_position.x + off.x, m_position.y + off.y, &z))
        m_position.z = z;
}

bool PlacementEditor::change(const Vec3d &position, double heading, double scale, bool snap)
{
    if (!active())
        return fail(tr("no model is being edited"));
    if (!checkFinite({position.x, position.y, position.z}, "position") || !checkFinite({heading}, "heading")
        || !checkFinite({scale}, "scale"))
        return false;
    if (!(scale > 0.0))
        return fail(tr("%1: scale must be greater than 0, not %2").arg(m_layerId).arg(scale));
    const Vec3d oldPosition = m_position;
    const double oldHeading = m_heading, oldScale = m_scale;
    m_position = position;
    m_heading = std::remainder(heading, 360.0);
    m_scale = scale;
    if (!apply()) {
        m_position = oldPosition;
        m_heading = oldHeading;
        m_scale = oldScale;
        return false;
    }
    if (snap && m_snap) {
        // the footprint follows the applied transform: snap under it, then apply the height
        const double z = m_position.z;
        snapZ();
        if (m_position.z != z)
            apply();
    }
    if (!m_lastError.isEmpty()) {
        m_lastError.clear();
        emit lastErrorChanged();
    }
    emit placementChanged();
    refreshHandles();
    return true;
}

bool PlacementEditor::beginPlaceNew(const QString &input)
{
    QString path = input;
    if (path.startsWith(QLatin1String("file:")))
        path = QUrl(path).toLocalFile();
    if (!assimp::ModelTileReader::extensions().contains(QFileInfo(path).suffix().toLower()))
        return fail(tr("%1: not a model file (%2)").arg(path, assimp::ModelTileReader::extensions().join(QStringLiteral(", "))));
    if (!QFileInfo::exists(path))
        return fail(tr("%1: no such file").arg(path));
    if (!m_streamer->hasSceneFrame() || !m_streamer->sceneFrame().isGeoreferenced())
        return fail(tr("%1: the scene has no CRS, so a placement cannot be saved; open georeferenced data first")
                            .arg(path));
    if (active())
        commit();
    m_placingPath = QFileInfo(path).absoluteFilePath();
    emit placingChanged();
    return true;
}

bool PlacementEditor::placeNewAt(const QString &path, const Vec3d &p)
{
    if (!std::isfinite(p.x) || !std::isfinite(p.y) || !std::isfinite(p.z))
        return fail(tr("%1: the position must be finite").arg(path));
    if (!m_streamer->hasSceneFrame() || !m_streamer->sceneFrame().isGeoreferenced())
        return fail(tr("%1: the scene has no CRS, so a placement cannot be saved; open georeferenced data first")
                            .arg(path));
    const LocalFrame &frame = m_streamer->sceneFrame();
    const Vec3d c = frame.toCrs(p);
    const QJsonObject placement{{QStringLiteral("crs"), crsText(frame.crs())},
                                {QStringLiteral("position"), QJsonArray{c.x, c.y, c.z}},
                                {QStringLiteral("heading"), 0.0},
                                {QStringLiteral("scale"), 1.0}};
    QSet<QString> before;
    for (const LayerEntry &e : m_layers->model()->layers())
        before.insert(e.id);
    if (!m_layers->addPath(path, QJsonObject{{QStringLiteral("placement"), placement}}))
        return fail(tr("%1: the model could not be added").arg(path));
    QString id;
    for (const LayerEntry &e : m_layers->model()->layers())
        if (!before.contains(e.id) && e.kind == QLatin1String("model"))
            id = e.id;
    if (m_placingPath.size()) {
        m_placingPath.clear();
        emit placingChanged();
    }
    if (id.isEmpty() || !edit(id))
        return fail(tr("%1: the model was added but cannot be edited").arg(path));
    // the footprint is known once the model is in (refreshHandles snaps again then)
    return change(m_position, m_heading, m_scale, true);
}

bool PlacementEditor::edit(const QString &layerId)
{
    if (layerId == m_layerId && active())
        return true;
    const LayerEntry *e = m_layers->model()->layer(layerId);
    if (!e || e->kind != QLatin1String("model") || e->dataset < 0)
        return fail(tr("%1: not a model layer; only models can be placed").arg(layerId));
    if (!m_streamer->sceneFrame().isGeoreferenced() || e->placement.isEmpty())
        return fail(tr("%1: the scene has no CRS, so the model stays in the local frame; open georeferenced data "
                       "first").arg(layerId));
    if (active())
        commit();
    const DatasetTransform t = m_streamer->datasets()[size_t(e->dataset)].transform();
    m_layerId = layerId;
    m_startPlacement = e->placement;
    m_position = m_startPosition = t.offset;
    m_heading = m_startHeading = t.headingDeg;
    m_scale = m_startScale = t.scale;
    m_pendingSnap = false;
    m_dragHandle.clear();
    emit layerChanged();
    emit placementChanged();
    refreshHandles();
    return true;
}

bool PlacementEditor::clickAt(double x, double y)
{
    if (!m_camera)
        return false;
    Vec3d o, d;
    m_camera().rayThrough(x, y, &o, &d);
    if (placing()) {
        Vec3d hit;
        if (!rayGround(o, d, &hit)) {
            fail(tr("%1: click on the mesh or the terrain to place the model").arg(m_placingPath));
            return true;
        }
        placeNewAt(m_placingPath, hit);
        return true;
    }
    if (!m_editMode && !active())
        return false;
    // only models take the click: translucent zone volumes, footprints and the mesh are looked through
    PickResult r;
    auto isModel = [this](int dataset) {
        const LayerEntry *e = m_layers->model()->layer(m_layers->layerOfDataset(dataset));
        return e && e->kind == QLatin1String("model") && (!m_shownInMainView || m_shownInMainView(dataset));
    };
    if (!m_streamer->pick(o, d, &r, isModel, &m_pickClipping))
        return false;
    const QString id = m_layers->layerOfDataset(r.dataset);
    const LayerEntry *e = m_layers->model()->layer(id);
    if (!e || e->kind != QLatin1String("model"))
        return false;
    edit(id);
    return true;
}

bool PlacementEditor::planePoint(double x, double y, double z, Vec3d *out) const
{
    if (!m_camera)
        return false;
    Vec3d o, d;
    m_camera().rayThrough(x, y, &o, &d);
    if (std::abs(d.z) < 1e-9)
        return false;
    const double t = (z - o.z) / d.z;
    if (!(t > 0))
        return false;
    *out = o + d * t;
    return true;
}

bool PlacementEditor::moveTo(double x, double y)
{
    if (!active())
        return fail(tr("no model is being edited"));
    if (!std::isfinite(x) || !std::isfinite(y))
        return fail(tr("%1: the cursor position must be finite").arg(m_layerId));
    if (!m_camera)
        return fail(tr("no view to move in"));
    Vec3d o, d, hit;
    m_camera().rayThrough(x, y, &o, &d);
    if (!rayGround(o, d, &hit) && !planePoint(x, y, m_position.z, &hit))
        return fail(tr("%1: nothing under the cursor to move to").arg(m_layerId));
    return moveToScene(hit.x, hit.y);
}

bool PlacementEditor::moveToScene(double x, double y)
{
    return change(Vec3d(x, y, m_position.z), m_heading, m_scale, true);
}

bool PlacementEditor::setPosition(const QVector3D &p)
{
    return change(Vec3d(p.x(), p.y(), p.z()), m_heading, m_scale, true);
}

bool PlacementEditor::setCrsPosition(double easting, double northing, double height)
{
    if (!checkFinite({easting, northing, height}, "position"))
        return false;
    return change(m_streamer->sceneFrame().fromCrs(Vec3d(easting, northing, height)), m_heading, m_scale, true);
}

bool PlacementEditor::nudge(double dx, double dy, double dz)
{
    if (!checkFinite({dx, dy, dz}, "step"))
        return false;
    // a vertical step would be undone by snapping: it lifts the model off the ground
    return change(m_position + Vec3d(dx, dy, dz), m_heading, m_scale, dz == 0.0);
}

bool PlacementEditor::rotateBy(double degrees)
{
    if (!checkFinite({degrees}, "angle"))
        return false;
    return setHeading(m_heading + degrees);
}

bool PlacementEditor::setHeading(double degrees)
{
    if (!checkFinite({degrees}, "heading"))
        return false;
    // turn about the footprint centre (the ring's centre), not the model origin
    Vec3d off, pos = m_position;
    if (footprintOffset(&off))
        pos = m_position + off - turnClockwise(off, degrees - m_heading);
    return change(pos, degrees, m_scale, true);
}

bool PlacementEditor::setScale(double scale)
{
    if (!checkFinite({scale}, "scale"))
        return false;
    if (!(scale > 0.0))
        return fail(tr("%1: scale must be greater than 0, not %2").arg(m_layerId.isEmpty() ? tr("placement") : m_layerId).arg(scale));
    Vec3d off, pos = m_position;
    if (footprintOffset(&off) && m_scale > 0)
        pos = m_position + off - off * (scale / m_scale); // the footprint centre stays
    pos.z = m_position.z;
    return change(pos, m_heading, scale, true);
}

bool PlacementEditor::scaleBy(double factor)
{
    if (!checkFinite({factor}, "factor"))
        return false;
    return setScale(m_scale * factor);
}

bool PlacementEditor::snapNow()
{
    if (!active())
        return false;
    const bool was = m_snap;
    m_snap = true;
    const bool ok = change(m_position, m_heading, m_scale, true);
    m_snap = was;
    return ok;
}

void PlacementEditor::commit()
{
    if (!active() && !placing())
        return;
    if (placing()) {
        m_placingPath.clear();
        emit placingChanged();
    }
    if (!active())
        return;
    m_layerId.clear();
    m_dragHandle.clear();
    m_pendingSnap = false;
    emit layerChanged();
    emit placementChanged();
}

void PlacementEditor::cancel()
{
    if (placing()) {
        m_placingPath.clear();
        emit placingChanged();
    }
    if (!active())
        return;
    if (dirty()) {
        QString error;
        if (!m_layers->setModelPlacement(m_layerId, m_startPlacement, &error))
            fail(error);
    }
    m_position = m_startPosition;
    m_heading = m_startHeading;
    m_scale = m_startScale;
    m_layerId.clear();
    m_dragHandle.clear();
    m_pendingSnap = false;
    emit layerChanged();
    emit placementChanged();
}

bool PlacementEditor::project(const Vec3d &p, QPointF *out) const
{
    double x = 0, y = 0;
    if (!m_camera || !m_camera().project(p, &x, &y))
        return false;
    *out = QPointF(x, y);
    return true;
}

QString PlacementEditor::handleAt(double x, double y) const
{
    if (!active() || !m_camera || !std::isfinite(x) || !std::isfinite(y))
        return {};
    const QPointF cursor(x, y);
    const Vec3d c(m_handleCenter.x(), m_handleCenter.y(), m_handleCenter.z());
    const double r = m_handleRadius;
    QPointF s;
    // scale: the cube on the top corner of the bounds
    if (project(Vec3d(m_boundsMax.x(), m_boundsMax.y(), m_boundsMax.z()), &s)
        && std::hypot(s.x() - x, s.y() - y) < 14.0)
        return QStringLiteral("scale");
    // move along one axis: the arrows east and north
    QPointF a, b;
    if (project(c + Vec3d(r * 0.35, 0, 0), &a) && project(c + Vec3d(r * 0.95, 0, 0), &b) && segmentDistance(cursor, a, b) < 9.0)
        return QStringLiteral("moveX");
    if (project(c + Vec3d(0, r * 0.35, 0), &a) && project(c + Vec3d(0, r * 0.95, 0), &b) && segmentDistance(cursor, a, b) < 9.0)
        return QStringLiteral("moveY");
    // free move: the centre disc
    Vec3d p;
    if (planePoint(x, y, c.z, &p) && std::hypot(p.x - c.x, p.y - c.y) < r * 0.3)
        return QStringLiteral("move");
    if (project(c, &s) && std::hypot(s.x() - x, s.y() - y) < 12.0)
        return QStringLiteral("move");
    // rotate: the ground ring
    QPointF prev;
    bool havePrev = false;
    for (int i = 0; i <= 72; ++i) {
        const double t = i * 2.0 * M_PI / 72.0;
        QPointF q;
        const bool ok = project(c + Vec3d(r * std::cos(t), r * std::sin(t), 0), &q);
        if (ok && havePrev && segmentDistance(cursor, prev, q) < 9.0)
            return QStringLiteral("rotate");
        prev = q;
        havePrev = ok;
    }
    return {};
}

bool PlacementEditor::beginDrag(double x, double y)
{
    const QString h = handleAt(x, y);
    if (h.isEmpty())
        return false;
    Vec3d p;
    if (!planePoint(x, y, m_handleCenter.z(), &p))
        return false;
    m_dragHandle = h;
    m_dragStartPoint = p;
    m_dragStartPosition = m_position;
    m_dragStartHeading = m_heading;
    m_dragStartScale = m_scale;
    emit activeHandleChanged();
    return true;
}

bool PlacementEditor::dragTo(double x, double y)
{
    if (m_dragHandle.isEmpty() || !active())
        return false;
    Vec3d p;
    if (!planePoint(x, y, m_dragStartPoint.z, &p))
        return false;
    const Vec3d c(m_handleCenter.x(), m_handleCenter.y(), m_dragStartPoint.z);
    if (m_dragHandle.startsWith(QLatin1String("move"))) {
        Vec3d delta = p - m_dragStartPoint;
        if (m_dragHandle == QLatin1String("moveX"))
            delta.y = 0;
        else if (m_dragHandle == QLatin1String("moveY"))
            delta.x = 0;
        return moveToScene(m_dragStartPosition.x + delta.x, m_dragStartPosition.y + delta.y);
    }
    if (m_dragHandle == QLatin1String("rotate")) {
        const double turn = compass(p - c) - compass(m_dragStartPoint - c);
        return setHeading(m_dragStartHeading + turn);
    }
    if (m_dragHandle == QLatin1String("scale")) {
        const double d0 = std::hypot(m_dragStartPoint.x - c.x, m_dragStartPoint.y - c.y);
        const double d1 = std::hypot(p.x - c.x, p.y - c.y);
        if (d0 < 1e-6)
            return false;
        return setScale(std::clamp(m_dragStartScale * d1 / d0, 1e-3, 1e3));
    }
    return false;
}

void PlacementEditor::endDrag()
{
    if (m_dragHandle.isEmpty())
        return;
    m_dragHandle.clear();
    emit activeHandleChanged();
}

bool PlacementEditor::handleKey(int key, int modifiers)
{
    if (placing() && key == Qt::Key_Escape) {
        cancel();
        return true;
    }
    if (!active())
        return false;
    const double step = (modifiers & Qt::ShiftModifier) ? 10.0 : 1.0;
    switch (key) {
    case Qt::Key_Left: nudge(-step, 0, 0); break;
    case Qt::Key_Right: nudge(step, 0, 0); break;
    case Qt::Key_Up: nudge(0, step, 0); break;
    case Qt::Key_Down: nudge(0, -step, 0); break;
    case Qt::Key_PageUp: nudge(0, 0, step * 0.5); break;
    case Qt::Key_PageDown: nudge(0, 0, -step * 0.5); break;
    case Qt::Key_BracketLeft: rotateBy(-5.0 * (step > 1 ? 3 : 1)); break;
    case Qt::Key_BracketRight: rotateBy(5.0 * (step > 1 ? 3 : 1)); break;
    case Qt::Key_Plus: case Qt::Key_Equal: scaleBy(step > 1 ? 1.25 : 1.05); break;
    case Qt::Key_Minus: case Qt::Key_Underscore: scaleBy(step > 1 ? 1 / 1.25 : 1 / 1.05); break;
    case Qt::Key_Return: case Qt::Key_Enter: commit(); break;
    case Qt::Key_Escape: cancel(); break;
    default: return false;
    }
    return true;
}

void PlacementEditor::refreshHandles()
{
    if (!active())
        return;
    if (m_pendingSnap && m_snap) {
        Vec3d off;
        if (footprintOffset(&off)) {
            m_pendingSnap = false;
            snapNow();
        }
    }
    Vec3d mn, mx;
    QVector3D centre, bmin, bmax;
    double radius = 10.0;
    const int ds = datasetOfLayer();
    if (ds >= 0 && m_streamer->bounds(ds, &mn, &mx)) {
        centre = QVector3D(float((mn.x + mx.x) / 2), float((mn.y + mx.y) / 2), float(m_position.z + 0.3));
        radius = 0.55 * std::hypot(mx.x - mn.x, mx.y - mn.y) + 2.0;
        bmin = QVector3D(float(mn.x), float(mn.y), float(mn.z));
        bmax = QVector3D(float(mx.x), float(mx.y), float(mx.z));
    } else {
        centre = QVector3D(float(m_position.x), float(m_position.y), float(m_position.z + 0.3));
        bmin = centre - QVector3D(5, 5, 0);
        bmax = centre + QVector3D(5, 5, 10);
    }
    if (centre == m_handleCenter && radius == m_handleRadius && bmin == m_boundsMin && bmax == m_boundsMax)
        return;
    m_handleCenter = centre;
    m_handleRadius = radius;
    m_boundsMin = bmin;
    m_boundsMax = bmax;
    emit handlesChanged();
}

bool PlacementEditor::parsePlaceSpec(const QString &text, PlaceSpec *out, QString *error)
{
    const int colon = text.lastIndexOf(QLatin1Char(':'));
    if (colon <= 0) {
        *error = QStringLiteral("--place must be LAYERID:x,y[,z][,heading[,scale]], not '%1'").arg(text);
        return false;
    }
    PlaceSpec s;
    s.layerId = text.left(colon);
    const QStringList parts = text.mid(colon + 1).split(QLatin1Char(','));
    if (parts.size() < 2 || parts.size() > 5) {
        *error = QStringLiteral("--place must be LAYERID:x,y[,z][,heading[,scale]], not '%1'").arg(text);
        return false;
    }
    double v[5] = {0, 0, 0, 0, 1};
    bool set[5] = {false, false, false, false, false};
    for (int i = 0; i < parts.size(); ++i) {
        if (parts[i].trimmed().isEmpty() && i >= 2)
            continue; // "x,y,,90": z omitted (snapped), heading given
        bool ok = false;
        v[i] = parts[i].trimmed().toDouble(&ok);
        if (!ok || !std::isfinite(v[i])) {
            *error = QStringLiteral("--place: '%1' is not a finite number (in '%2')").arg(parts[i], text);
            return false;
        }
        set[i] = true;
    }
    if (!set[0] || !set[1]) {
        *error = QStringLiteral("--place needs x and y (in '%1')").arg(text);
        return false;
    }
    if (set[4] && !(v[4] > 0)) {
        *error = QStringLiteral("--place: scale must be greater than 0 (in '%1')").arg(text);
        return false;
    }
    s.x = v[0];
    s.y = v[1];
    s.z = v[2];
    s.hasZ = set[2];
    s.heading = v[3];
    s.hasHeading = set[3];
    s.scale = v[4];
    s.hasScale = set[4];
    *out = s;
    return true;
}

bool PlacementEditor::applySpec(const PlaceSpec &spec, QString *error)
{
    if (!edit(spec.layerId)) {
        *error = m_lastError;
        return false;
    }
    const bool snapWas = m_snap;
    m_snap = !spec.hasZ; // an explicit height is kept as given
    bool ok = true;
    if (spec.hasHeading)
        ok = setHeading(spec.heading);
    if (ok && spec.hasScale)
        ok = setScale(spec.scale);
    if (ok)
        ok = spec.hasZ ? change(Vec3d(spec.x, spec.y, spec.z), m_heading, m_scale, false) : moveToScene(spec.x, spec.y);
    m_snap = snapWas;
    if (!ok) {
        *error = m_lastError;
        cancel();
        return false;
    }
    commit();
    return true;
}

QJsonObject PlacementEditor::stateJson() const
{
    auto vecJson = [](const Vec3d &v) {
        return QJsonObject{{QStringLiteral("x"), v.x}, {QStringLiteral("y"), v.y}, {QStringLiteral("z"), v.z}};
    };
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
    QJsonObject state{{QStringLiteral("editing"), layerId()}, {QStringLiteral("models"), placedModels}};
    if (active()) { // the handles as drawn: centre on the ground, ring radius (scene frame)
        const QVector3D c = handleCenter();
        const QVector3D top = boundsMax(); // the scale cube sits on this corner
        state[QStringLiteral("handles")] = QJsonObject{{QStringLiteral("center"), QJsonArray{c.x(), c.y(), c.z()}},
                                                       {QStringLiteral("radius"), handleRadius()},
                                                       {QStringLiteral("scaleCube"), QJsonArray{top.x(), top.y(), top.z()}}};
    }
    return state;
}

} // namespace liyuan
