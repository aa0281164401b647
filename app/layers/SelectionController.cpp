#include "SelectionController.h"

#include "LayerManager.h"
#include "PointOverlayModel.h"

#include <liyuan/scene/TileStreamer.h>
#include <liyuan/scene/quick/CameraController.h>

#include <QDir>
#include <QFileInfo>
#include <QUrl>
#include <QVariantList>

#include <algorithm>
#include <cmath>

namespace liyuan {

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

SelectionController::SelectionController(TileStreamer *streamer, LayerManager *layers, CameraController *camera,
                                         PointOverlayModel *pois, QObject *parent)
    : QObject(parent), m_streamer(streamer), m_layers(layers), m_camera(camera), m_pois(pois)
{
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
            clear();
    });
    connect(m_layers, &LayerManager::vectorVisibilityChanged, m_pois, &PointOverlayModel::setLayerVisible);
}

void SelectionController::setSelection(const QVariantMap &selection, const Vec3d &min, const Vec3d &max)
{
    m_selection = selection;
    const Vec3d c = (min + max) * 0.5, size = max - min;
    m_center = QVector3D(float(c.x), float(c.y), float(c.z));
    m_size = QVector3D(float(std::max(size.x, 1.0)), float(std::max(size.y, 1.0)), float(std::max(size.z, 1.0)));
    emit selectionChanged();
}

void SelectionController::clear()
{
    if (m_selection.isEmpty())
        return;
    m_selection.clear();
    emit selectionChanged();
}

bool SelectionController::selectFeature(const QString &layerId, qint64 fid, bool fly)
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

bool SelectionController::pickAt(double x, double y, int view)
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
    const LayerManager *layers = m_layers;
    auto translucent = [layers](int ds) {
        const LayerEntry *l = layers->model()->layer(layers->layerOfDataset(ds));
        return l && l->kind == QLatin1String("vector") && l->opacity < 0.5;
    };
    auto shown = [this, view](int ds) { return !m_viewFilter || m_viewFilter(ds, view); };
    const PickClipping &cuts = m_pickClipping[view == 1 ? 1 : 0];
    PickResult hit;
    bool found = false;
    if (!sameSpot) // look through the translucent layers first
        found = m_streamer->pick(o, d, &hit, [&](int ds) { return shown(ds) && !translucent(ds); }, &cuts);
    if (!found)
        found = m_streamer->pick(o, d, &hit, shown, &cuts);
    if (!found) {
        clear();
        return false;
    }
    const QString layerId = m_layers->layerOfDataset(hit.dataset);
    const LayerEntry *layer = m_layers->model()->layer(layerId);
    // a registered building: the drill-down focuses it
    const bool building = m_buildingHook && m_buildingHook(hit, view);
    if (layer && hit.featureId >= 0 && (layer->kind == QLatin1String("vector") || layer->kind == QLatin1String("points")))
        return selectFeature(layerId, hit.featureId, false);
    if (building) { // the building's own panels tell more than its tile's file name
        clear();
        return true;
    }
    // a tile of photogrammetry or terrain: describe the tile and the point
    const Tile *t = hit.tile;
    const TileContent &c = *t->content;
    if (layer && layer->kind == QLatin1String("citymodel") && hit.featureId >= 0
        && size_t(hit.featureId) < c.featureAttributes.size()) {
        // a city object (CityJSON, CityGML): its attributes, boxed by its own triangles
        const Vec3d base = m_streamer->datasets()[size_t(t->dataset)].offset + c.origin;
        Vec3d mn(1e300, 1e300, 1e300), mx(-1e300, -1e300, -1e300);
        for (const MeshData &m : c.meshes)
            for (size_t i = 0; i < m.triangleFeatures.size() && i * 3 + 2 < m.indices.size(); ++i) {
                if (m.triangleFeatures[i] != hit.featureId)
                    continue;
                for (int k = 0; k < 3; ++k) {
                    const uint32_t v = m.indices[i * 3 + size_t(k)];
                    const Vec3d p = base + Vec3d(m.positions[v * 3], m.positions[v * 3 + 1], m.positions[v * 3 + 2]);
                    mn = Vec3d(std::min(mn.x, p.x), std::min(mn.y, p.y), std::min(mn.z, p.z));
                    mx = Vec3d(std::max(mx.x, p.x), std::max(mx.y, p.y), std::max(mx.z, p.z));
                }
            }
        const QVariantMap &attrs = c.featureAttributes[size_t(hit.featureId)];
        QString title = attrs.value(QStringLiteral("name")).toString();
        if (title.isEmpty())
            title = c.featureNames.value(int(hit.featureId));
        setSelection(QVariantMap{{QStringLiteral("kind"), QStringLiteral("cityobject")},
                                 {QStringLiteral("layerId"), layerId},
                                 {QStringLiteral("layerName"), layer->name},
                                 {QStringLiteral("fid"), hit.featureId},
                                 {QStringLiteral("title"), title},
                                 {QStringLiteral("attributes"), attributeList(attrs)},
                                 {QStringLiteral("photo"), QString()}},
                     mn, mx);
        return true;
    }
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

void SelectionController::showTable(const QString &layerId)
{
    m_tableLayer = layerId;
    m_tableModel->setLayer(layerId.isEmpty() ? nullptr : m_layers->vectorData(layerId));
    emit tableChanged();
}

} // namespace liyuan
