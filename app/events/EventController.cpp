#include "EventController.h"

#include "LayerManager.h"

#include <liyuan/geodata/CoordinateTransform.h>
#include <liyuan/geodata/Crs.h>
#include <liyuan/live/EventMapping.h>
#include <liyuan/scene/quick/CameraController.h>

#include <QJsonObject>
#include <QVector3D>

#include <algorithm>
#include <cmath>

namespace liyuan {

namespace {
bool finite(const Vec3d &v)
{
    return std::isfinite(v.x) && std::isfinite(v.y) && std::isfinite(v.z);
}
} // namespace

EventController::EventController(LayerManager *layers, CameraController *camera, QObject *parent)
    : QObject(parent), m_layers(layers), m_camera(camera), m_model(new EventListModel(this)), m_markers(new EventMarkers)
{
    qRegisterMetaType<live::EventRecord>();
    qRegisterMetaType<QList<live::EventRecord>>();
    m_clock.start();
    if (m_layers) {
        auto layersChanged = [this] {
            ++m_nearbyRevision;
            emit pointLayersChanged();
        };
        connect(m_layers, &LayerManager::vectorLoaded, this, layersChanged);
        connect(m_layers, &LayerManager::vectorRemoved, this, layersChanged);
        connect(m_layers->model(), &LayerListModel::countChanged, this, &EventController::pointLayersChanged);
    }
}

EventController::~EventController()
{
    delete m_markers; // a QQuick3DObject without a parent item: ours
}

Vec3d EventController::eye() const
{
    return m_camera ? m_camera->eye() : Vec3d();
}

void EventController::setSeeingCamerasFunction(SeeingFunction f)
{
    m_seeingFn = std::move(f);
    refreshSeeing();
}

void EventController::refreshSeeing()
{
    ++m_seeingRevision;
    emit seeingChanged();
}

void EventController::setOptions(const EventOptions &options)
{
    m_options = options;
    m_options.nearbyRadius = std::max(0.0, m_options.nearbyRadius);
    m_options.maxEvents = std::max(1, m_options.maxEvents);
    ++m_nearbyRevision;
    emit optionsChanged();
    changed();
}

void EventController::setNearbyRadius(double metres)
{
    if (!std::isfinite(metres) || metres < 0 || metres == m_options.nearbyRadius)
        return;
    m_options.nearbyRadius = metres;
    ++m_nearbyRevision;
    emit optionsChanged();
}

void EventController::setNearbyLayers(const QStringList &ids)
{
    if (ids == m_options.nearbyLayers)
        return;
    m_options.nearbyLayers = ids;
    ++m_nearbyRevision;
    emit optionsChanged();
    emit pointLayersChanged();
}

QVariantList EventController::pointLayers() const
{
    QVariantList out;
    if (!m_layers)
        return out;
    for (const LayerEntry &l : m_layers->model()->layers()) {
        if (l.kind != QLatin1String("points"))
            continue;
        out.append(QVariantMap{{QStringLiteral("id"), l.id},
                               {QStringLiteral("name"), l.name},
                               {QStringLiteral("chosen"), m_options.nearbyLayers.isEmpty() || m_options.nearbyLayers.contains(l.id)}});
    }
    return out;
}

void EventController::setLayerChosen(const QString &id, bool chosen)
{
    QStringList ids = m_options.nearbyLayers;
    if (ids.isEmpty()) // "all": make the choice explicit first
        for (const QVariant &v : pointLayers())
            ids << v.toMap().value(QStringLiteral("id")).toString();
    ids.removeAll(id);
    if (chosen)
        ids << id;
    if (ids.isEmpty())
        ids << QStringLiteral("-"); // none chosen (an empty list means all)
    setNearbyLayers(ids);
}

// --- adding ----------------------------------------------------------------------

int EventController::indexOf(const QString &id) const
{
    for (int i = 0; i < m_events.size(); ++i)
        if (m_events.at(i).record.id == id)
            return i;
    return -1;
}

bool EventController::place(Event &e)
{
    if (e.placed)
        return true;
    const live::EventRecord &r = e.record;
    Vec3d p = r.position;
    if (!r.hasZ)
        p.z = 0;
    if (!r.crs.isEmpty()) {
        LocalFrame frame;
        if (!m_frameSource || !m_frameSource(&frame)) {
            e.problem = tr("waiting for the scene frame");
            e.waitingForFrame = true;
            return false;
        }
        e.waitingForFrame = false;
        if (!frame.isGeoreferenced()) {
            e.problem = tr("its position is in %1 but the scene frame is not georeferenced").arg(r.crs);
            return false;
        }
        const QString frameKey = frame.crs().definition();
        if (frameKey != m_transformFrameKey) {
            m_transforms.clear();
            m_transformFrameKey = frameKey;
        }
        std::shared_ptr<CoordinateTransform> &ct = m_transforms[r.crs];
        if (!ct) {
            QString why;
            const Crs src = Crs::fromString(r.crs, &why);
            if (!src.isValid()) {
                e.problem = tr("bad CRS %1: %2").arg(r.crs, why);
                return false;
            }
            ct = std::make_shared<CoordinateTransform>(src, frame.crs());
        }
        if (!ct->isValid()) {
            e.problem = tr("no transformation from %1 to the scene frame: %2").arg(r.crs, ct->error());
            return false;
        }
        if (!ct->transform(p) || !finite(p)) {
            e.problem = tr("its position (%1, %2) cannot be transformed from %3").arg(r.position.x).arg(r.position.y).arg(r.crs);
            return false;
        }
        p = frame.fromCrs(p);
        if (!r.hasZ)
            p.z = 0;
    }
    e.scene = p;
    e.placed = true;
    e.grounded = r.hasZ;
    e.problem = e.grounded ? QString() : tr("waiting for the ground");
    e.seeingRevision = 0;
    e.nearbyRevision = 0;
    return true;
}

bool EventController::ground(Event &e)
{
    if (!e.placed)
        return false;
    if (e.grounded)
        return true;
    if (!m_ground)
        return false;
    e.lastGroundTryMs = m_clock.elapsed();
    double z = 0;
    if (!m_ground(e.scene.x, e.scene.y, &z) || !std::isfinite(z))
        return false;
    e.scene.z = z;
    e.grounded = true;
    e.problem.clear();
    e.seeingRevision = 0;
    return true;
}

bool EventController::addRecord(const live::EventRecord &record, const QString &source, QString *error)
{
    if (record.id.isEmpty() || record.type.isEmpty()) {
        if (error)
            *error = tr("an event needs an id and a type");
        return false;
    }
    Event e;
    e.record = record;
    if (!e.record.time.isValid())
        e.record.time = QDateTime::currentDateTimeUtc();
    if (e.record.severityName.isEmpty())
        e.record.severityName = live::EventMapping::severityName(std::clamp(e.record.severity, 0, 4));
    e.source = source;
    place(e);
    ground(e);
    // hard failures (not waiting for the scene frame) are refused
    if (!e.placed && !e.waitingForFrame) {
        const QString why = tr("event %1: %2").arg(record.id, e.problem);
        if (error)
            *error = why;
        return false;
    }
    const int i = indexOf(record.id);
    if (i >= 0) {
        e.acknowledged = m_events.at(i).acknowledged;
        m_events[i] = e;
    } else {
        m_events.append(e);
        while (m_events.size() > m_options.maxEvents) {
            int oldest = 0;
            for (int k = 1; k < m_events.size(); ++k)
                if (m_events.at(k).record.time < m_events.at(oldest).record.time)
                    oldest = k;
            m_events.remove(oldest);
        }
    }
    changed();
    return true;
}

void EventController::addEvents(const QList<live::EventRecord> &events)
{
    for (const live::EventRecord &r : events) {
        QString error;
        if (!addRecord(r, QStringLiteral("mqtt"), &error))
            emit message(error);
    }
}

bool EventController::parseEventSpec(const QString &spec, live::EventRecord *out, QString *error)
{
    auto bad = [error](const QString &msg) {
        if (error)
            *error = msg;
        return false;
    };
    const int colon = spec.indexOf(QLatin1Char(':'));
    if (colon <= 0)
        return bad(tr("'%1': expected TYPE:x,y[,z]").arg(spec.left(100)));
    const QString type = spec.left(colon).trimmed();
    if (type.isEmpty() || type.size() > 100)
        return bad(tr("'%1': the type must have 1 to 100 characters").arg(spec.left(100)));
    const QStringList parts = spec.mid(colon + 1).split(QLatin1Char(','));
    if (parts.size() < 2 || parts.size() > 3)
        return bad(tr("'%1': expected TYPE:x,y[,z] (scene frame metres)").arg(spec.left(100)));
    double v[3] = {0, 0, 0};
    for (int i = 0; i < parts.size(); ++i) {
        bool ok = false;
        v[i] = parts.at(i).trimmed().toDouble(&ok);
        if (!ok || !std::isfinite(v[i]) || std::abs(v[i]) > 1e7)
            return bad(tr("'%1': '%2' is not a coordinate").arg(spec.left(100), parts.at(i).trimmed().left(40)));
    }
    live::EventRecord r;
    r.type = type;
    r.position = Vec3d(v[0], v[1], v[2]);
    r.hasZ = parts.size() == 3;
    r.severity = 2;
    r.severityName = live::EventMapping::severityName(2);
    *out = r;
    return true;
}

void EventController::setPendingSpecs(const QStringList &specs)
{
    m_pendingSpecs = specs;
    if (!m_pendingSpecs.isEmpty())
        onFrame();
}

bool EventController::hasPending() const
{
    if (!m_pendingSpecs.isEmpty())
        return true;
    for (const Event &e : m_events)
        if (!e.placed || !e.grounded)
            return true;
    return false;
}

// --- click placement -------------------------------------------------------------

void EventController::setPlaceType(const QString &type)
{
    const QString t = type.trimmed().left(100);
    if (t == m_placeType)
        return;
    m_placeType = t;
    emit placeTypeChanged();
}

void EventController::setPlaceSeverity(int severity)
{
    severity = std::clamp(severity, 0, 4);
    if (severity == m_placeSeverity)
        return;
    m_placeSeverity = severity;
    emit placeTypeChanged();
}

bool EventController::placeAt(double px, double py)
{
    if (m_placeType.isEmpty() || !m_pixelPick)
        return false;
    Vec3d hit;
    if (!m_pixelPick(px, py, &hit) || !finite(hit)) {
        emit message(tr("Nothing there to place an event on"));
        return false;
    }
    live::EventRecord r;
    r.id = QStringLiteral("click-%1").arg(++m_clickCounter);
    while (indexOf(r.id) >= 0)
        r.id = QStringLiteral("click-%1").arg(++m_clickCounter);
    r.type = m_placeType;
    r.position = hit;
    r.hasZ = true; // on the surface that was clicked
    r.severity = m_placeSeverity;
    r.severityName = live::EventMapping::severityName(m_placeSeverity);
    r.text = tr("Placed by a click");
    QString error;
    const bool ok = addRecord(r, QStringLiteral("click"), &error);
    if (!ok)
        emit message(error);
    setPlaceType(QString());
    if (ok)
        setSelectedId(r.id);
    return ok;
}

// --- list actions ----------------------------------------------------------------

bool EventController::acknowledge(const QString &id)
{
    const int i = indexOf(id);
    if (i < 0 || m_events.at(i).acknowledged)
        return false;
    m_events[i].acknowledged = true;
    changed();
    return true;
}

int EventController::acknowledgeAll()
{
    int n = 0;
    for (Event &e : m_events)
        if (!e.acknowledged) {
            e.acknowledged = true;
            ++n;
        }
    if (n > 0)
        changed();
    return n;
}

bool EventController::remove(const QString &id)
{
    const int i = indexOf(id);
    if (i < 0)
        return false;
    m_events.remove(i);
    if (m_selected == id)
        setSelectedId(QString());
    changed();
    return true;
}

void EventController::clear()
{
    m_events.clear();
    setSelectedId(QString());
    changed();
}

void EventController::setSelectedId(const QString &id)
{
    if (id == m_selected)
        return;
    m_selected = id;
    emit selectionChanged();
    rebuildMarkers();
    m_model->refresh();
}

int EventController::unacknowledged() const
{
    int n = 0;
    for (const Event &e : m_events)
        n += e.acknowledged ? 0 : 1;
    return n;
}

QStringList EventController::types() const
{
    QStringList out;
    for (const Event &e : m_events)
        if (!out.contains(e.record.type))
            out << e.record.type;
    out.sort();
    return out;
}

// --- who sees it, nearby, go ---------------------------------------------------------

void EventController::ensureSeeing(Event &e)
{
    if (!m_seeingFn || !e.placed || !e.grounded) {
        e.seeing.clear();
        return;
    }
    if (e.seeingRevision == m_seeingRevision)
        return;
    e.seeing = m_seeingFn(e.scene);
    e.seeingRevision = m_seeingRevision;
}

void EventController::ensureNearby(Event &e)
{
    if (!e.placed) {
        e.nearby.clear();
        return;
    }
    if (e.nearbyRevision == m_nearbyRevision)
        return;
    e.nearby.clear();
    e.nearbyRevision = m_nearbyRevision;
    if (!m_layers)
        return;
    const double r = m_options.nearbyRadius;
    for (const LayerEntry &l : m_layers->model()->layers()) {
        if (l.kind != QLatin1String("points"))
            continue;
        if (!m_options.nearbyLayers.isEmpty() && !m_options.nearbyLayers.contains(l.id))
            continue;
        const auto data = m_layers->vectorData(l.id);
        if (!data)
            continue;
        for (const gdal::VectorFeatureRecord &f : data->features) {
            if (f.kind != VectorFeature::Kind::Point)
                continue;
            const double d = std::hypot(f.anchor.x - e.scene.x, f.anchor.y - e.scene.y);
            if (!(d <= r))
                continue;
            Nearby n;
            n.layerId = l.id;
            n.layerName = l.name;
            n.fid = f.fid;
            n.distance = d;
            n.position = f.anchor;
            n.name = f.attributes.value(QStringLiteral("name")).toString();
            if (n.name.isEmpty())
                n.name = f.attributes.value(QStringLiteral("name_en")).toString();
            if (n.name.isEmpty())
                n.name = QStringLiteral("#%1").arg(f.fid);
            e.nearby.append(n);
        }
    }
    std::stable_sort(e.nearby.begin(), e.nearby.end(), [](const Nearby &a, const Nearby &b) { return a.distance < b.distance; });
    if (e.nearby.size() > m_options.maxNearby)
        e.nearby.resize(std::max(0, m_options.maxNearby));
}

QVariantList EventController::nearbyList(const QVector<Nearby> &list)
{
    QVariantList out;
    for (const Nearby &n : list)
        out.append(QVariantMap{{QStringLiteral("layer"), n.layerId},
                               {QStringLiteral("layerName"), n.layerName},
                               {QStringLiteral("name"), n.name},
                               {QStringLiteral("fid"), n.fid},
                               {QStringLiteral("distance"), n.distance},
                               {QStringLiteral("x"), n.position.x},
                               {QStringLiteral("y"), n.position.y},
                               {QStringLiteral("z"), n.position.z}});
    return out;
}

QVariantList EventController::seeingCameras(const QString &id)
{
    const int i = indexOf(id);
    if (i < 0)
        return {};
    ensureSeeing(m_events[i]);
    return m_events.at(i).seeing;
}

QVariantList EventController::nearby(const QString &id)
{
    const int i = indexOf(id);
    if (i < 0)
        return {};
    ensureNearby(m_events[i]);
    return nearbyList(m_events.at(i).nearby);
}

QVariantMap EventController::eventMap(Event &e)
{
    ensureSeeing(e);
    ensureNearby(e);
    const live::EventRecord &r = e.record;
    QVariantMap m{{QStringLiteral("id"), r.id},
                  {QStringLiteral("type"), r.type},
                  {QStringLiteral("severity"), r.severityName},
                  {QStringLiteral("severityLevel"), r.severity},
                  {QStringLiteral("time"), r.time.toUTC().toString(Qt::ISODateWithMs)},
                  {QStringLiteral("text"), r.text},
                  {QStringLiteral("acknowledged"), e.acknowledged},
                  {QStringLiteral("source"), e.source},
                  {QStringLiteral("placed"), e.placed},
                  {QStringLiteral("grounded"), e.grounded},
                  {QStringLiteral("crs"), r.crs},
                  {QStringLiteral("seeingCameras"), e.seeing},
                  {QStringLiteral("nearby"), nearbyList(e.nearby)}};
    if (!r.topic.isEmpty())
        m.insert(QStringLiteral("topic"), r.topic);
    if (!e.problem.isEmpty())
        m.insert(QStringLiteral("problem"), e.problem);
    if (e.placed)
        m.insert(QStringLiteral("position"), QVariantMap{{QStringLiteral("x"), e.scene.x},
                                                         {QStringLiteral("y"), e.scene.y},
                                                         {QStringLiteral("z"), e.grounded ? QVariant(e.scene.z) : QVariant()}});
    return m;
}

QVariantMap EventController::event(const QString &id)
{
    const int i = indexOf(id);
    return i < 0 ? QVariantMap() : eventMap(m_events[i]);
}

bool EventController::go(const QString &id)
{
    const int i = indexOf(id);
    if (i < 0 || !m_events.at(i).placed)
        return false;
    Event &e = m_events[i];
    setSelectedId(id);
    if (m_camera)
        m_camera->flyToPoint(QVector3D(float(e.scene.x), float(e.scene.y), float(e.scene.z)), m_options.flyDistance);
    ensureSeeing(e);
    QStringList ids;
    for (const QVariant &v : e.seeing) {
        const QString cam = v.toMap().value(QStringLiteral("id")).toString();
        if (!cam.isEmpty() && !ids.contains(cam))
            ids << cam;
        if (ids.size() >= m_options.topFeeds)
            break;
    }
    if (!ids.isEmpty())
        emit openFeedsRequested(ids, ids.first());
    return true;
}

// --- per frame -------------------------------------------------------------------

void EventController::onFrame()
{
    bool dirty = false;
    if (m_camera && m_markers->count() > 0) {
        const Vec3d eye = m_camera->eye();
        m_markers->setEye(QVector3D(float(eye.x), float(eye.y), float(eye.z)));
    }
    if (!m_pendingSpecs.isEmpty()) {
        const QStringList specs = std::exchange(m_pendingSpecs, {});
        for (const QString &spec : specs) {
            live::EventRecord r;
            QString error;
            if (!parseEventSpec(spec, &r, &error)) {
                emit message(tr("--event %1").arg(error));
                continue;
            }
            r.id = QStringLiteral("cli-%1").arg(++m_cliCounter);
            r.text = QStringLiteral("--event %1").arg(spec);
            if (!addRecord(r, QStringLiteral("cli"), &error))
                emit message(error);
        }
    }
    const qint64 now = m_clock.elapsed();
    int picks = 0;
    for (Event &e : m_events) {
        if (!e.placed && place(e))
            dirty = true;
        if (e.placed && !e.grounded && picks < m_options.groundPicksPerPass
            && (e.lastGroundTryMs < 0 || now - e.lastGroundTryMs >= m_options.groundRetryMs)) {
            ++picks;
            if (ground(e))
                dirty = true;
        }
    }
    if (dirty)
        changed();
}

void EventController::resolvePending()
{
    bool dirty = false;
    for (Event &e : m_events) {
        if (!e.placed && place(e))
            dirty = true;
        if (e.placed && !e.grounded && ground(e))
            dirty = true;
    }
    if (dirty)
        changed();
}

QJsonArray EventController::stateJson()
{
    QJsonArray out;
    for (Event &e : m_events)
        out.append(QJsonObject::fromVariantMap(eventMap(e)));
    return out;
}

void EventController::changed()
{
    m_model->refresh();
    rebuildMarkers();
    emit eventsChanged();
}

void EventController::rebuildMarkers()
{
    QVector<EventMarkers::Marker> markers;
    markers.reserve(m_events.size());
    for (const Event &e : m_events) {
        if (!e.placed)
            continue;
        EventMarkers::Marker m;
        m.position = QVector3D(float(e.scene.x), float(e.scene.y), float(e.scene.z));
        m.severity = e.record.severity;
        m.acknowledged = e.acknowledged;
        m.selected = e.record.id == m_selected;
        markers.append(m);
    }
    m_markers->setMarkers(markers, float(m_options.markerSize));
    emit markersChanged();
}

} // namespace liyuan
