#include "DrillTargets.h"

#include "DeviceMarkers.h"
#include "DrillBuildings.h"
#include "DrillDownController.h"
#include "LayerManager.h"
#include "LiveDataController.h"

#include <liyuan/scene/TileStreamer.h>
#include <liyuan/scene/quick/TileDrawableModel.h>

#include <QFileInfo>
#include <QSet>
#include <QTimer>

namespace liyuan {

DrillTargets::DrillTargets(DrillDownController *drill, TileStreamer *streamer, TileDrawableModel *tiles,
                           LayerManager *layers, LiveDataController *live, QObject *parent)
    : QObject(parent), m_drill(drill), m_streamer(streamer), m_tiles(tiles), m_layers(layers), m_live(live)
{
    connect(m_drill, &DrillDownController::liftsChanged, this, &DrillTargets::syncMarkerLifts);
    connect(m_drill, &DrillDownController::stateChanged, this, &DrillTargets::syncMarkerLifts);
    connect(m_live, &LiveDataController::registryOpened, this, &DrillTargets::updateBuildings);
    connect(m_layers->model(), &LayerListModel::countChanged, this, [this] {
        QSet<int> sliced;
        for (int i = 0; i < int(m_streamer->datasets().size()); ++i) {
            const LayerEntry *l = m_layers->model()->layer(m_layers->layerOfDataset(i));
            if (l && (l->kind == QLatin1String("photogrammetry") || l->kind == QLatin1String("vector")))
                sliced.insert(i);
        }
        m_drill->setSliceDatasets(sliced);
        // registry coordinates are converted into the scene frame, which the first dataset sets
        if (m_streamer->hasSceneFrame())
            m_live->setSceneFrame(m_streamer->sceneFrame());
        updateBuildings();
    });
    connect(m_streamer, &TileStreamer::contentArrived, this, [this] {
        if (m_modelPending)
            QTimer::singleShot(0, this, [this] { updateBuildings(); });
    });
}

void DrillTargets::onFrame(bool homeReady)
{
    if (m_tiles->shownRevision() != m_sliceRevision) {
        m_sliceRevision = m_tiles->shownRevision();
        m_drill->updateSlices();
    }
    if (homeReady)
        applyPendingFocus();
}

bool DrillTargets::focusPicked(const PickResult &hit, bool shownInMainView)
{
    // (the drill-down is drawn in the main view: a model only the compared view draws is selected, not focused)
    const QString id = shownInMainView ? m_drill->buildingAt(hit.point.x, hit.point.y, hit.dataset) : QString();
    if (!id.isEmpty() && (m_drill->state() == DrillDownController::District || m_drill->buildingId() != id))
        m_drill->focus(id);
    return !id.isEmpty();
}

void DrillTargets::syncMarkerLifts()
{
    DeviceMarkers *markers = m_live->markers();
    markers->clearLifts();
    const DrillBuilding *b = m_drill->building(m_drill->buildingId());
    if (!b) {
        markers->clearVisibleFloor();
        return;
    }
    for (int i = 0; i < b->floors.size(); ++i)
        markers->setFloorLift(b->id, b->floors.at(i).number, float(m_drill->floorLift(i)));
    if (m_drill->state() == DrillDownController::Floor)
        markers->setVisibleFloor(b->id, m_drill->floor());
    else
        markers->clearVisibleFloor();
}

void DrillTargets::setPendingFocus(const QString &focus, bool explode)
{
    m_pendingFocus = focus;
    m_pendingExplode = explode;
}

void DrillTargets::applyPendingFocus()
{
    if (m_pendingFocus.isEmpty() || m_drill->buildings().isEmpty())
        return;
    const QString spec = m_pendingFocus;
    m_pendingFocus.clear();
    const QString id = spec.section(QLatin1Char('/'), 0, 0);
    const QString floor = spec.section(QLatin1Char('/'), 1);
    if (!m_drill->focus(id)) {
        emit message(tr("--focus: no building '%1' in the registry %2").arg(id, m_live->registryFile()));
        return;
    }
    if (m_pendingExplode)
        m_drill->explode();
    if (!floor.isEmpty()) {
        bool ok = false;
        const int n = floor.toInt(&ok);
        if (!ok || !m_drill->isolate(n))
            emit message(tr("--focus: building '%1' has no floor '%2'").arg(id, floor));
    }
}

void DrillTargets::updateBuildings()
{
    const QString registryFile = m_live->registryFile();
    QStringList errors;
    QList<DrillBuilding> list;
    if (!registryFile.isEmpty())
        list = drillBuildingsFromRegistry(m_live->registry(), m_streamer->sceneFrame(), &errors);
    for (const QString &e : std::as_const(errors))
        emit message(e);
    // model layers with floors (IFC storeys, floor-named nodes) are buildings too
    m_modelPending = false;
    for (const LayerEntry &l : m_layers->model()->layers()) {
        if (l.kind != QLatin1String("model") || l.dataset < 0)
            continue;
        const Tile *root = nullptr;
        for (const Tile *t : m_streamer->tiles())
            if (t->dataset == l.dataset && t->content && !t->parent)
                root = t;
        if (!root) {
            m_modelPending = true; // not loaded yet: try again when content arrives
            continue;
        }
        const TileContent &c = *root->content;
        if (c.groups.empty())
            continue;
        const TileDataset &ds = m_streamer->datasets()[size_t(l.dataset)];
        Vec3d mn, mx;
        if (!m_streamer->bounds(l.dataset, &mn, &mx))
            continue;
        DrillBuilding b;
        b.id = l.id;
        b.name = l.name;
        b.modelDataset = l.dataset;
        b.floorSource = l.path.endsWith(QLatin1String(".ifc"), Qt::CaseInsensitive) ? QStringLiteral("ifc-storeys")
                                                                                   : QStringLiteral("node-names");
        b.footprint = QPolygonF(QRectF(QPointF(mn.x, mn.y), QPointF(mx.x, mx.y)));
        const Vec3d base = ds.transform().toScene(c.origin);
        for (int g = 0; g < int(c.groups.size()); ++g) {
            const MeshGroup &mg = c.groups[size_t(g)];
            b.floors << DrillFloor{g, mg.name, base.z + mg.baseElevation * ds.scale, std::max(0.5, mg.height * ds.scale), g};
        }
        // a registry building naming this model takes its floors (and keeps its devices)
        bool merged = false;
        for (DrillBuilding &r : list) {
            const auto *rb = [&]() -> const live::BuildingRegistry::Building * {
                for (const auto &x : m_live->registry().buildings())
                    if (x.id == r.id)
                        return &x;
                return nullptr;
            }();
            if (rb && !rb->model.isEmpty()
                && QFileInfo(QFileInfo(registryFile).dir().filePath(rb->model)).absoluteFilePath() == QFileInfo(l.path).absoluteFilePath()) {
                r.modelDataset = l.dataset;
                r.floorSource = b.floorSource;
                for (int i = 0; i < r.floors.size() && i < b.floors.size(); ++i)
                    r.floors[i].group = b.floors[i].group;
                merged = true;
            }
        }
        if (!merged)
            list << b;
    }
    m_drill->setBuildings(list);
}

} // namespace liyuan
