#include "DrillDownController.h"

#include <liyuan/scene/quick/CameraController.h>
#include <liyuan/scene/quick/SceneClipping.h>
#include <liyuan/scene/quick/TileDrawable.h>
#include <liyuan/scene/quick/TileDrawableModel.h>

#include <QtQuick3D/QQuick3DGeometry>

#include <QJsonArray>
#include <QJsonObject>
#include <QVariantAnimation>

#include <algorithm>
#include <cmath>

namespace liyuan {

double DrillBuilding::top() const
{
    double t = 0;
    for (const DrillFloor &f : floors)
        t = std::max(t, f.base + f.height);
    return t;
}

// --- DrillSlice ---

DrillSlice::DrillSlice(TileDrawable *drawable, QQuick3DGeometry *geometry, int floorIndex, QObject *parent)
    : QObject(parent), m_drawable(drawable), m_geometry(geometry), m_floor(floorIndex)
{
}

DrillSlice::~DrillSlice()
{
    delete m_geometry;
}

namespace {
/** A subset of another geometry's triangles: same vertex buffer (shared), new indices. */
class CutGeometry : public QQuick3DGeometry
{
public:
    CutGeometry(const QQuick3DGeometry *src, const QByteArray &indices, const QVector3D &lo, const QVector3D &hi)
    {
        setPrimitiveType(QQuick3DGeometry::PrimitiveType::Triangles);
        setStride(src->stride());
        setVertexData(src->vertexData());
        setIndexData(indices);
        for (int i = 0; i < src->attributeCount(); ++i) {
            const Attribute a = src->attribute(i);
            addAttribute(a.semantic, a.offset, a.componentType);
        }
        setBounds(lo, hi);
    }
};
} // namespace

QQuick3DGeometry *DrillSlice::cut(const TileDrawable *drawable, const QRectF &xy, double z0, double z1)
{
    const QQuick3DGeometry *g = drawable ? drawable->geometry() : nullptr;
    if (!g || g->stride() < 12)
        return nullptr;
    const QByteArray vb = g->vertexData();
    const QByteArray ib = g->indexData();
    const int stride = g->stride();
    const qsizetype vertexCount = vb.size() / stride;
    const auto *idx = reinterpret_cast<const uint32_t *>(ib.constData());
    const qsizetype n = ib.size() / qsizetype(sizeof(uint32_t)) / 3 * 3;
    const QVector3D p = drawable->position();
    // the box in the drawable's own coordinates
    const float x0 = float(xy.left() - p.x()), x1 = float(xy.right() - p.x());
    const float y0 = float(xy.top() - p.y()), y1 = float(xy.bottom() - p.y());
    const float lz0 = float(z0 - p.z()), lz1 = float(z1 - p.z());
    QByteArray out;
    QVector3D lo(1e30f, 1e30f, 1e30f), hi(-1e30f, -1e30f, -1e30f);
    auto pos = [&](uint32_t v) { return reinterpret_cast<const float *>(vb.constData() + qsizetype(v) * stride); };
    for (qsizetype t = 0; t < n; t += 3) {
        if (idx[t] >= vertexCount || idx[t + 1] >= vertexCount || idx[t + 2] >= vertexCount)
            continue;
        const float *a = pos(idx[t]), *b = pos(idx[t + 1]), *c = pos(idx[t + 2]);
        const float mnx = std::min({a[0], b[0], c[0]}), mxx = std::max({a[0], b[0], c[0]});
        const float mny = std::min({a[1], b[1], c[1]}), mxy = std::max({a[1], b[1], c[1]});
        const float mnz = std::min({a[2], b[2], c[2]}), mxz = std::max({a[2], b[2], c[2]});
        if (mxx < x0 || mnx > x1 || mxy < y0 || mny > y1 || mxz < lz0 || mnz > lz1)
            continue;
        out.append(reinterpret_cast<const char *>(idx + t), 3 * sizeof(uint32_t));
        lo = QVector3D(std::min(lo.x(), mnx), std::min(lo.y(), mny), std::min(lo.z(), mnz));
        hi = QVector3D(std::max(hi.x(), mxx), std::max(hi.y(), mxy), std::max(hi.z(), mxz));
    }
    if (out.isEmpty())
        return nullptr;
    return new CutGeometry(g, out, lo, hi);
}

QObject *DrillSlice::drawable() const
{
    return m_drawable.data();
}

void DrillSlice::set(double z0, double z1, double lift, bool shown, bool ghost)
{
    if (z0 == m_z0 && z1 == m_z1 && lift == m_lift && shown == m_shown && ghost == m_ghost)
        return;
    m_z0 = z0;
    m_z1 = z1;
    m_lift = lift;
    m_shown = shown;
    m_ghost = ghost;
    emit changed();
}

// --- DrillSliceModel ---

int DrillSliceModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_slices.size());
}

QVariant DrillSliceModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_slices.size() || role != Qt::UserRole + 1)
        return {};
    return QVariant::fromValue<QObject *>(m_slices.at(index.row()));
}

QHash<int, QByteArray> DrillSliceModel::roleNames() const
{
    return {{Qt::UserRole + 1, "slice"}};
}

void DrillSliceModel::reset(const QList<DrillSlice *> &slices)
{
    beginResetModel();
    const QList<DrillSlice *> old = m_slices;
    m_slices = slices;
    endResetModel();
    for (DrillSlice *s : old)
        s->deleteLater();
    emit countChanged();
}

// --- DrillDownController ---

DrillDownController::DrillDownController(TileDrawableModel *tiles, SceneClipping *clipping, CameraController *camera,
                                         QObject *parent)
    : QObject(parent), m_tiles(tiles), m_clipping(clipping), m_camera(camera), m_slices(new DrillSliceModel(this))
{
}

DrillDownController::~DrillDownController() = default;

void DrillDownController::setBuildings(const QList<DrillBuilding> &buildings)
{
    m_buildings = buildings;
    for (DrillBuilding &b : m_buildings)
        std::sort(b.floors.begin(), b.floors.end(), [](const DrillFloor &a, const DrillFloor &c) { return a.base < c.base; });
    if (!m_building.isEmpty() && !building(m_building))
        reset();
    bump();
}

const DrillBuilding *DrillDownController::building(const QString &id) const
{
    for (const DrillBuilding &b : m_buildings)
        if (b.id == id)
            return &b;
    return nullptr;
}

QString DrillDownController::buildingAt(double x, double y, int dataset, double tolerance) const
{
    if (dataset >= 0)
        for (const DrillBuilding &b : m_buildings)
            if (b.modelDataset == dataset)
                return b.id;
    const QPointF p(x, y);
    for (const DrillBuilding &b : m_buildings)
        if (b.footprint.size() >= 3 && b.footprint.containsPoint(p, Qt::OddEvenFill))
            return b.id;
    // on or just outside an edge: the nearest footprint within the tolerance
    QString best;
    double bestDistance = tolerance;
    for (const DrillBuilding &b : m_buildings) {
        const QPolygonF &f = b.footprint;
        for (int i = 0; f.size() >= 3 && i < f.size(); ++i) {
            const QPointF a = f.at(i), c = f.at((i + 1) % f.size());
            const QPointF ab = c - a;
            const double len2 = QPointF::dotProduct(ab, ab);
            const double t = len2 > 0 ? std::clamp(QPointF::dotProduct(p - a, ab) / len2, 0.0, 1.0) : 0.0;
            const QPointF q = a + ab * t;
            const double d = std::hypot(p.x() - q.x(), p.y() - q.y());
            if (d <= bestDistance) {
                bestDistance = d;
                best = b.id;
            }
        }
    }
    return best;
}

QString DrillDownController::stateName() const
{
    switch (m_state) {
    case District: return QStringLiteral("district");
    case Building: return QStringLiteral("building");
    case Exploded: return QStringLiteral("exploded");
    case Floor: return QStringLiteral("floor");
    }
    return {};
}

QString DrillDownController::buildingName() const
{
    const DrillBuilding *b = current();
    return b ? b->name : QString();
}

int DrillDownController::floor() const
{
    const DrillBuilding *b = current();
    return (b && m_floorIndex >= 0 && m_floorIndex < b->floors.size()) ? b->floors.at(m_floorIndex).number : 0;
}

QString DrillDownController::floorName() const
{
    const DrillBuilding *b = current();
    return (b && m_floorIndex >= 0 && m_floorIndex < b->floors.size()) ? b->floors.at(m_floorIndex).name : QString();
}

QString DrillDownController::floorSource() const
{
    const DrillBuilding *b = current();
    return b ? b->floorSource : QString();
}

QStringList DrillDownController::breadcrumbs() const
{
    QStringList out;
    const DrillBuilding *b = current();
    out << ((b && !b->district.isEmpty()) ? b->district : tr("District"));
    if (!b)
        return out;
    if (!b->block.isEmpty())
        out << b->block;
    out << b->name;
    if (m_state == Floor)
        out << floorName();
    return out;
}

QVariantList DrillDownController::floors() const
{
    QVariantList out;
    const DrillBuilding *b = current();
    if (!b)
        return out;
    for (int i = int(b->floors.size()) - 1; i >= 0; --i) { // top first, as a stack
        const DrillFloor &f = b->floors.at(i);
        out << QVariantMap{{QStringLiteral("index"), i}, {QStringLiteral("number"), f.number},
                           {QStringLiteral("name"), f.name}, {QStringLiteral("base"), f.base},
                           {QStringLiteral("height"), f.height}};
    }
    return out;
}

int DrillDownController::modelDataset() const
{
    const DrillBuilding *b = current();
    return b ? b->modelDataset : -1;
}

void DrillDownController::setGhostOthers(bool on)
{
    if (m_ghost == on)
        return;
    m_ghost = on;
    emit ghostOthersChanged();
    refreshSlices(false);
    bump();
}

void DrillDownController::setFloorGap(double metres)
{
    metres = std::clamp(metres, 0.0, 100.0);
    if (m_gap == metres)
        return;
    m_gap = metres;
    emit floorGapChanged();
    refreshSlices(false);
    bump();
    emit liftsChanged();
}

void DrillDownController::setCutHeight(double metres)
{
    metres = std::clamp(metres, 0.2, 20.0);
    if (m_cut == metres)
        return;
    m_cut = metres;
    emit cutHeightChanged();
    refreshSlices(false);
    bump();
}

bool DrillDownController::focus(const QString &buildingId)
{
    const DrillBuilding *b = building(buildingId);
    if (!b)
        return false;
    const bool changedBuilding = m_building != buildingId;
    if (changedBuilding && m_state != District)
        reset();
    m_building = buildingId;
    m_floorIndex = -1;
    if (m_state == Exploded || m_state == Floor)
        animateFactor(0.0);
    setState(Building);
    applyClipping();
    flyToBuilding();
    return true;
}

bool DrillDownController::explode()
{
    const DrillBuilding *b = current();
    if (!b || b->floors.isEmpty())
        return false;
    m_floorIndex = -1;
    setState(Exploded);
    applyClipping();
    refreshSlices(true);
    animateFactor(1.0);
    flyToBuilding();
    return true;
}

bool DrillDownController::isolate(int floorNumber)
{
    const DrillBuilding *b = current();
    if (!b)
        return false;
    for (int i = 0; i < b->floors.size(); ++i)
        if (b->floors.at(i).number == floorNumber)
            return isolateIndex(i);
    return false;
}

bool DrillDownController::isolateIndex(int index)
{
    const DrillBuilding *b = current();
    if (!b || index < 0 || index >= b->floors.size())
        return false;
    if (m_state == Building || m_state == District) {
        setState(Exploded);
        applyClipping();
        refreshSlices(true);
        animateFactor(1.0);
    }
    m_floorIndex = index;
    setState(Floor);
    refreshSlices(false);
    emit liftsChanged();
    flyToFloor();
    return true;
}

bool DrillDownController::floorUp()
{
    const DrillBuilding *b = current();
    if (!b || b->floors.isEmpty())
        return false;
    const int next = m_state == Floor ? m_floorIndex + 1 : 0;
    return next < b->floors.size() && isolateIndex(next);
}

bool DrillDownController::floorDown()
{
    const DrillBuilding *b = current();
    if (!b || b->floors.isEmpty())
        return false;
    const int next = m_state == Floor ? m_floorIndex - 1 : int(b->floors.size()) - 1;
    return next >= 0 && isolateIndex(next);
}

void DrillDownController::back()
{
    switch (m_state) {
    case District:
        return;
    case Building:
        reset();
        if (m_camera && m_animated)
            m_camera->home();
        return;
    case Exploded:
        setState(Building);
        animateFactor(0.0);
        flyToBuilding();
        return;
    case Floor:
        m_floorIndex = -1;
        setState(Exploded);
        refreshSlices(false);
        emit liftsChanged();
        flyToBuilding();
        return;
    }
}

void DrillDownController::reset()
{
    if (m_anim)
        m_anim->stop();
    m_building.clear();
    m_floorIndex = -1;
    setFactor(0.0);
    setState(District);
    applyClipping();
    m_slices->reset({});
    m_sliceSources.clear();
}

void DrillDownController::goToCrumb(int level)
{
    const DrillBuilding *b = current();
    if (!b || level <= 0) {
        if (m_state != District) {
            reset();
            if (m_camera && m_animated)
                m_camera->home();
        }
        return;
    }
    const int buildingLevel = b->block.isEmpty() ? 1 : 2;
    if (level <= buildingLevel) {
        if (m_state == Floor)
            back();
        if (m_state == Exploded)
            back();
        flyToBuilding();
    }
}

bool DrillDownController::isSliceSource(QObject *drawable) const
{
    auto *d = qobject_cast<TileDrawable *>(drawable);
    return d && m_sliceSources.contains(d);
}

double DrillDownController::floorLift(int index) const
{
    return index * m_gap * m_factor;
}

double DrillDownController::liftFor(int dataset, int group) const
{
    const DrillBuilding *b = current();
    if (!b || dataset < 0 || dataset != b->modelDataset || m_factor == 0)
        return 0;
    for (int i = 0; i < b->floors.size(); ++i)
        if (b->floors.at(i).group == group)
            return floorLift(i);
    // meshes outside any floor (roof, site) ride on top of the stack
    return group < 0 ? floorLift(int(b->floors.size())) : 0;
}

bool DrillDownController::groupGhost(int dataset, int group) const
{
    const DrillBuilding *b = current();
    if (!b || m_state != Floor || dataset != b->modelDataset || !m_ghost)
        return false;
    return m_floorIndex < 0 || b->floors.at(m_floorIndex).group != group;
}

bool DrillDownController::groupHidden(int dataset, int group) const
{
    const DrillBuilding *b = current();
    if (!b || m_state != Floor || dataset != b->modelDataset || m_ghost)
        return false;
    return m_floorIndex < 0 || b->floors.at(m_floorIndex).group != group;
}

double DrillDownController::groupCutTop(int dataset, int group) const
{
    const DrillBuilding *b = current();
    if (!b || m_state != Floor || dataset != b->modelDataset || m_floorIndex < 0)
        return 1e9;
    const DrillFloor &f = b->floors.at(m_floorIndex);
    return f.group == group ? f.base + m_cut : 1e9;
}

void DrillDownController::setState(State s)
{
    if (m_state == s) {
        emit stateChanged(); // floor or building may have changed
        bump();
        return;
    }
    m_state = s;
    emit stateChanged();
    bump();
}

void DrillDownController::applyClipping()
{
    if (!m_clipping)
        return;
    const DrillBuilding *b = current();
    if (!b || m_state == District) {
        m_clipping->setPolygons(QStringLiteral("focus"), {});
        m_clipping->setPolygons(QStringLiteral("explode"), {});
        m_slicePoly = -1;
        return;
    }
    // the focus polygon is slightly larger than the footprint (photogrammetry overhangs)
    QPolygonF ring = b->footprint;
    if (ring.size() >= 3) {
        const QPointF c = ring.boundingRect().center();
        for (QPointF &p : ring) {
            const QPointF d = p - c;
            const double len = std::hypot(d.x(), d.y());
            if (len > 0)
                p += d / len * 1.0;
        }
    }
    m_clipping->setPolygons(QStringLiteral("focus"), {{ring, SceneClipping::Focus, 0.0}});
    const bool sliced = b->modelDataset < 0 && (m_state == Exploded || m_state == Floor);
    if (sliced)
        m_slicePoly = m_clipping->setPolygons(QStringLiteral("explode"), {{ring, SceneClipping::Hide, 0.0}});
    else {
        m_clipping->setPolygons(QStringLiteral("explode"), {});
        m_slicePoly = -1;
    }
    bump();
}

void DrillDownController::animateFactor(double to)
{
    if (!m_animated) {
        setFactor(to);
        if (to == 0.0 && (m_state == District || m_state == Building)) {
            applyClipping();
            m_slices->reset({});
            m_sliceSources.clear();
        }
        return;
    }
    if (!m_anim) {
        m_anim = new QVariantAnimation(this);
        m_anim->setEasingCurve(QEasingCurve::InOutCubic);
        connect(m_anim, &QVariantAnimation::valueChanged, this, [this](const QVariant &v) { setFactor(v.toDouble()); });
        connect(m_anim, &QVariantAnimation::finished, this, [this] {
            if (m_factor == 0.0 && (m_state == District || m_state == Building)) {
                applyClipping();
                m_slices->reset({});
                m_sliceSources.clear();
            }
        });
    }
    m_anim->stop();
    m_anim->setDuration(int(700 * std::abs(to - m_factor)) + 1);
    m_anim->setStartValue(m_factor);
    m_anim->setEndValue(to);
    m_anim->start();
}

void DrillDownController::setFactor(double f)
{
    if (f == m_factor)
        return;
    m_factor = f;
    emit explodeFactorChanged();
    refreshSlices(false);
    emit liftsChanged();
    bump();
}

void DrillDownController::updateSlices()
{
    const DrillBuilding *b = current();
    if (!b || b->modelDataset >= 0 || (m_state != Exploded && m_state != Floor && m_factor == 0))
        return;
    refreshSlices(true);
}

void DrillDownController::refreshSlices(bool rebuild)
{
    const DrillBuilding *b = current();
    if (!b || b->modelDataset >= 0 || b->floors.isEmpty() || !m_tiles) {
        if (!m_slices->slices().isEmpty()) {
            m_slices->reset({});
            m_sliceSources.clear();
        }
        return;
    }
    if (rebuild) {
        // tile drawables over the footprint (photogrammetry and footprint layers only)
        const QRectF fp = b->footprint.boundingRect().adjusted(-1, -1, 1, 1);
        QList<TileDrawable *> sources;
        for (const auto &[d, dataset] : m_tiles->shownWithDataset()) {
            if (!m_sliceDatasets.contains(dataset))
                continue;
            const QVector3D p = d->position();
            const QVector3D lo = d->geometry()->boundsMin() + p;
            const QVector3D hi = d->geometry()->boundsMax() + p;
            if (QRectF(QPointF(lo.x(), lo.y()), QPointF(hi.x(), hi.y())).intersects(fp))
                sources << d;
        }
        std::sort(sources.begin(), sources.end());
        if (sources != m_sliceSources) {
            m_sliceSources = sources;
            if (qEnvironmentVariableIsSet("LIYUAN_DEBUG_SETTLE"))
                qInfo("drill: %d slice sources", int(sources.size()));
            bump();
            QList<DrillSlice *> slices;
            for (int f = 0; f < b->floors.size(); ++f) {
                const DrillFloor &fl = b->floors.at(f);
                const double z0 = f == 0 ? fl.base - 50.0 : fl.base - 0.5;
                const double z1 = f == b->floors.size() - 1 ? fl.base + fl.height + 200.0 : fl.base + fl.height + 0.5;
                for (TileDrawable *d : std::as_const(sources))
                    if (QQuick3DGeometry *g = DrillSlice::cut(d, fp, z0, z1))
                        slices << new DrillSlice(d, g, f, this);
            }
            m_slices->reset(slices);
        }
    }
    for (DrillSlice *s : m_slices->slices()) {
        const int i = s->floorIndex();
        const DrillFloor &f = b->floors.at(i);
        // the bottom slice reaches down to the ground, the top one up past the roof
        const double z0 = i == 0 ? f.base - 50.0 : f.base;
        double z1 = i == b->floors.size() - 1 ? f.base + f.height + 200.0 : f.base + f.height;
        bool shown = true, ghost = false;
        if (m_state == Floor) {
            if (i == m_floorIndex)
                z1 = f.base + m_cut;
            else if (m_ghost)
                ghost = true;
            else
                shown = false;
        }
        s->set(z0, z1, floorLift(i), shown, ghost);
    }
}

void DrillDownController::flyToBuilding()
{
    const DrillBuilding *b = current();
    if (!b || !m_camera)
        return;
    const QRectF r = b->footprint.boundingRect();
    double top = b->top();
    if (m_state == Exploded || m_state == Floor)
        top += b->floors.size() * m_gap;
    const double base = b->floors.isEmpty() ? 0 : b->floors.first().base;
    const double pad = std::max(r.width(), r.height()) * 0.4;
    m_camera->lookAtBox(Vec3d(r.left() - pad, r.top() - pad, base), Vec3d(r.right() + pad, r.bottom() + pad, top), m_animated);
}

void DrillDownController::flyToFloor()
{
    const DrillBuilding *b = current();
    if (!b || !m_camera || m_floorIndex < 0)
        return;
    const DrillFloor &f = b->floors.at(m_floorIndex);
    const QRectF r = b->footprint.boundingRect();
    const double lift = 1.0 * m_floorIndex * m_gap; // the exploded position (the animation ends there)
    const double pad = std::max(r.width(), r.height()) * 0.15;
    m_camera->lookAtBox(Vec3d(r.left() - pad, r.top() - pad, f.base + lift),
                        Vec3d(r.right() + pad, r.bottom() + pad, f.base + lift + f.height), m_animated);
}

void DrillDownController::bump()
{
    ++m_revision;
    emit revisionChanged();
}

QJsonObject DrillDownController::stateJson() const
{
    QJsonObject o{{QStringLiteral("state"), stateName()}};
    const DrillBuilding *b = current();
    if (b) {
        o.insert(QStringLiteral("building"), b->id);
        o.insert(QStringLiteral("buildingName"), b->name);
        o.insert(QStringLiteral("floorSource"), b->floorSource);
        o.insert(QStringLiteral("floors"), int(b->floors.size()));
        o.insert(QStringLiteral("explodeFactor"), m_factor);
        o.insert(QStringLiteral("slices"), int(m_slices->slices().size()));
        if (!m_slices->slices().isEmpty()) {
            // where each floor's slices are drawn: the band kept, the lift, and the bounds (scene
            // frame, before the lift) of the triangles cut for it
            QJsonArray perFloor;
            for (int i = 0; i < b->floors.size(); ++i) {
                const DrillFloor &f = b->floors.at(i);
                int count = 0;
                qint64 triangles = 0;
                QVector3D lo(1e30f, 1e30f, 1e30f), hi(-1e30f, -1e30f, -1e30f);
                const DrillSlice *any = nullptr;
                for (const DrillSlice *sl : m_slices->slices()) {
                    if (sl->floorIndex() != i)
                        continue;
                    any = sl;
                    ++count;
                    const QQuick3DGeometry *g = sl->geometry();
                    triangles += g->indexData().size() / qsizetype(3 * sizeof(uint32_t));
                    const QVector3D p = sl->tileDrawable() ? sl->tileDrawable()->position() : QVector3D();
                    const QVector3D a = g->boundsMin() + p, c = g->boundsMax() + p;
                    lo = QVector3D(std::min(lo.x(), a.x()), std::min(lo.y(), a.y()), std::min(lo.z(), a.z()));
                    hi = QVector3D(std::max(hi.x(), c.x()), std::max(hi.y(), c.y()), std::max(hi.z(), c.z()));
                }
                QJsonObject fo{{QStringLiteral("floor"), f.number},
                               {QStringLiteral("base"), f.base},
                               {QStringLiteral("height"), f.height},
                               {QStringLiteral("slices"), count},
                               {QStringLiteral("triangles"), triangles},
                               {QStringLiteral("lift"), floorLift(i)}};
                if (any) {
                    fo.insert(QStringLiteral("z0"), any->z0());
                    fo.insert(QStringLiteral("z1"), any->z1());
                    fo.insert(QStringLiteral("shown"), any->shown());
                    fo.insert(QStringLiteral("ghost"), any->ghost());
                    fo.insert(QStringLiteral("boundsMin"), QJsonArray{lo.x(), lo.y(), lo.z()});
                    fo.insert(QStringLiteral("boundsMax"), QJsonArray{hi.x(), hi.y(), hi.z()});
                }
                perFloor.append(fo);
            }
            o.insert(QStringLiteral("sliceFloors"), perFloor);
            const QRectF r = b->footprint.boundingRect();
            o.insert(QStringLiteral("footprintBounds"), QJsonArray{r.left(), r.top(), r.right(), r.bottom()});
        }
        if (m_state == Floor) {
            o.insert(QStringLiteral("floor"), floor());
            o.insert(QStringLiteral("floorName"), floorName());
        }
        o.insert(QStringLiteral("breadcrumbs"), QJsonArray::fromStringList(breadcrumbs()));
    }
    return o;
}

} // namespace liyuan
