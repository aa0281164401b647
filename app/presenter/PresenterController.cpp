#include "PresenterController.h"
#include "TourModel.h"

#include "CameraLayer.h"
#include "DrillDownController.h"
#include "FeedGrid.h"
#include "LayerListModel.h"
#include "LayerManager.h"
#include "ProjectController.h"
#include "SchemeManager.h"

#include <liyuan/scene/quick/CameraController.h>
#include <liyuan/scene/quick/SceneClipping.h>

#include <QElapsedTimer>
#include <QJsonArray>
#include <QSet>
#include <QTimer>
#include <QVariantAnimation>

#include <algorithm>
#include <cmath>

namespace liyuan {

namespace {

constexpr int kMaxViews = 10000;
constexpr qint64 kPendingDrillMs = 30000; ///< how long a view's drill-down waits for the building registry

struct ViewCamera
{
    Vec3d eye;
    QQuaternion rotation;
    double fov = 45;
};

QJsonArray vecJson(const Vec3d &v) { return QJsonArray{v.x, v.y, v.z}; }

bool finiteArray(const QJsonValue &v, int n, double *out)
{
    if (!v.isArray() || v.toArray().size() != n)
        return false;
    const QJsonArray a = v.toArray();
    for (int i = 0; i < n; ++i) {
        if (!a[i].isDouble() || !std::isfinite(a[i].toDouble()))
            return false;
        out[i] = a[i].toDouble();
    }
    return true;
}

/** The camera of a view record; false with *problem when it is malformed. */
bool readCamera(const QJsonObject &view, ViewCamera *out, QString *problem)
{
    const QJsonObject c = view.value(QStringLiteral("camera")).toObject();
    double e[3], r[4];
    if (!finiteArray(c.value(QStringLiteral("eye")), 3, e)) {
        *problem = PresenterController::tr("\"camera.eye\" is not three finite numbers");
        return false;
    }
    if (std::abs(e[0]) > 1e8 || std::abs(e[1]) > 1e8 || std::abs(e[2]) > 1e8) {
        *problem = PresenterController::tr("\"camera.eye\" is out of range (beyond 1e8 m)");
        return false;
    }
    if (!finiteArray(c.value(QStringLiteral("rotation")), 4, r) || (r[0] * r[0] + r[1] * r[1] + r[2] * r[2] + r[3] * r[3]) < 1e-12) {
        *problem = PresenterController::tr("\"camera.rotation\" is not a quaternion [w, x, y, z]");
        return false;
    }
    out->eye = Vec3d(e[0], e[1], e[2]);
    out->rotation = QQuaternion(float(r[0]), float(r[1]), float(r[2]), float(r[3])).normalized();
    const QJsonValue fov = c.value(QStringLiteral("fov"));
    out->fov = 45;
    if (!fov.isUndefined()) {
        if (!fov.isDouble() || !(fov.toDouble() >= 1 && fov.toDouble() <= 170)) {
            *problem = PresenterController::tr("\"camera.fov\" is not an angle from 1 to 170 degrees");
            return false;
        }
        out->fov = fov.toDouble();
    }
    return true;
}

/** InOutCubic, as CameraController::flyTo eases. */
double easeInOutCubic(double u)
{
    u = std::clamp(u, 0.0, 1.0);
    return u < 0.5 ? 4 * u * u * u : 1 - std::pow(-2 * u + 2, 3) / 2;
}

} // namespace

struct PresenterController::Private
{
    CameraController *camera = nullptr;
    LayerManager *layers = nullptr;
    SchemeManager *schemes = nullptr;
    DrillDownController *drill = nullptr;
    CameraLayer *cameras = nullptr;
    SceneClipping *clipping = nullptr;
    ProjectController *project = nullptr;

    QList<QJsonObject> views; // {name, camera{eye, rotation, fov}, state}
    QList<TourModel> tours;

    // playback
    QString tour;
    double time = 0;
    int step = -1;
    bool playing = false;
    bool paused = false;
    bool blanked = false;
    double fade = 0;
    QString captionZh, captionEn;
    QString language = QStringLiteral("en");
    QString appliedTour;
    int appliedViewStep = -1;

    // parts of a scene state waiting for their data
    QJsonObject pendingDrill;
    bool hasPendingDrill = false;
    QElapsedTimer pendingDrillClock; ///< a registry that never comes does not hold the view forever
    bool pendingCameras = false;
    bool hasViewCamera = false;
    ViewCamera viewCamera;

    // sceneStateChanged: coalesced, emitted when the state really differs
    QJsonObject lastState;
    bool checkQueued = false;
    QVariantAnimation *fadeAnim = nullptr;

    // start-up: --view / --tour / --tour-time
    bool hasStart = false;
    QString startView, startTour;
    double startTime = -1;

    int viewIndex(const QString &nameOrIndex) const
    {
        for (int i = 0; i < views.size(); ++i)
            if (views[i].value(QStringLiteral("name")).toString() == nameOrIndex)
                return i;
        bool ok = false;
        const int n = nameOrIndex.toInt(&ok);
        return ok && n >= 0 && n < views.size() ? n : -1;
    }
    int tourIndex(const QString &nameOrIndex) const
    {
        for (int i = 0; i < tours.size(); ++i)
            if (tours[i].name == nameOrIndex)
                return i;
        bool ok = false;
        const int n = nameOrIndex.toInt(&ok);
        return ok && n >= 0 && n < tours.size() ? n : -1;
    }
    const TourModel *findTour(const QString &nameOrIndex) const
    {
        const int i = tourIndex(nameOrIndex);
        return i >= 0 ? &tours[i] : nullptr;
    }
    bool cameraOf(const QString &viewName, ViewCamera *out) const
    {
        const int i = viewIndex(viewName);
        QString problem;
        return i >= 0 && readCamera(views[i], out, &problem);
    }
    /** The camera of a step, or of the nearest earlier step whose view is known. */
    bool stepCamera(const TourModel &t, int step, ViewCamera *out) const
    {
        for (int i = step; i >= 0; --i)
            if (cameraOf(t.steps()[size_t(i)].view, out))
                return true;
        for (int i = step + 1; i < int(t.steps().size()); ++i)
            if (cameraOf(t.steps()[size_t(i)].view, out))
                return true;
        return false;
    }
    QString uniqueViewName(const QString &wanted, int except = -1) const
    {
        QString base = wanted.trimmed();
        if (base.isEmpty())
            base = PresenterController::tr("View %1").arg(views.size() + 1);
        QString name = base;
        for (int n = 2;; ++n) {
            bool taken = false;
            for (int i = 0; i < views.size(); ++i)
                if (i != except && views[i].value(QStringLiteral("name")).toString() == name)
                    taken = true;
            if (!taken)
                return name;
            name = QStringLiteral("%1 (%2)").arg(base).arg(n);
        }
    }
};

PresenterController::PresenterController(CameraController *camera, LayerManager *layers, SchemeManager *schemes,
                                         DrillDownController *drill, CameraLayer *cameras, SceneClipping *clipping,
                                         ProjectController *project, QObject *parent)
    : QObject(parent), d(new Private)
{
    d->camera = camera;
    d->layers = layers;
    d->schemes = schemes;
    d->drill = drill;
    d->cameras = cameras;
    d->clipping = clipping;
    d->project = project;

    auto check = [this] {
        if (d->checkQueued)
            return;
        d->checkQueued = true;
        QMetaObject::invokeMethod(this, [this] {
            d->checkQueued = false;
            const QJsonObject s = sceneState();
            if (s == d->lastState)
                return;
            d->lastState = s;
            emit sceneStateChanged();
            emit stateChanged();
        }, Qt::QueuedConnection);
    };
    if (layers) {
        LayerListModel *m = layers->model();
        connect(m, &QAbstractItemModel::dataChanged, this, check);
        connect(m, &QAbstractItemModel::rowsInserted, this, check);
        connect(m, &QAbstractItemModel::rowsRemoved, this, check);
        connect(m, &QAbstractItemModel::modelReset, this, check);
    }
    if (schemes) {
        connect(schemes, &SchemeManager::activeSchemeChanged, this, check);
        connect(schemes, &SchemeManager::compareChanged, this, check);
        connect(schemes, &SchemeManager::schemesChanged, this, check);
    }
    if (drill)
        connect(drill, &DrillDownController::stateChanged, this, check);
    if (cameras) {
        connect(cameras, &CameraLayer::projectionsChanged, this, check);
        connect(cameras->grid(), &FeedGrid::countChanged, this, check);
        connect(cameras, &CameraLayer::registryLoaded, this, [this](bool) { d->pendingCameras = false; });
    }
    if (clipping) {
        connect(clipping, &SceneClipping::planeChanged, this, check);
        connect(clipping, &SceneClipping::boxChanged, this, check);
    }
    if (project) // views and tours belong to the project: editing them makes it dirty
        for (auto sig : {&PresenterController::viewsChanged, &PresenterController::toursChanged})
            connect(this, sig, project, [this] {
                if (!d->project->loading())
                    d->project->markDirty();
            });
    for (auto sig : {&PresenterController::viewsChanged, &PresenterController::toursChanged,
                     &PresenterController::blankedChanged, &PresenterController::captionChanged,
                     &PresenterController::fadeChanged})
        connect(this, sig, this, &PresenterController::stateChanged);
}

PresenterController::~PresenterController() { delete d; }

// ---------------------------------------------------------------------------------------------
// views

QStringList PresenterController::viewNames() const
{
    QStringList names;
    for (const QJsonObject &v : d->views)
        names << v.value(QStringLiteral("name")).toString();
    return names;
}

QJsonObject PresenterController::captureView(const QString &name) const
{
    QJsonObject camera;
    if (d->camera) {
        const QQuaternion q = d->camera->rotation();
        camera = QJsonObject{{QStringLiteral("eye"), vecJson(d->camera->eye())},
                             {QStringLiteral("rotation"), QJsonArray{q.scalar(), q.x(), q.y(), q.z()}},
                             {QStringLiteral("fov"), double(d->camera->fieldOfView())}};
    }
    return QJsonObject{{QStringLiteral("name"), name}, {QStringLiteral("camera"), camera}, {QStringLiteral("state"), sceneState()}};
}

QJsonObject PresenterController::sceneState() const
{
    QJsonObject s;
    if (d->layers) {
        QJsonObject layers;
        for (const LayerEntry &l : d->layers->model()->layers())
            if (l.scheme.isEmpty()) // a scheme's models are shown by the scheme
                layers.insert(l.id, QJsonObject{{QStringLiteral("visible"), l.visible}});
        s.insert(QStringLiteral("layers"), layers);
    }
    if (d->schemes) {
        auto nameOf = [this](int index) {
            const QVariantList list = d->schemes->schemes();
            if (index < 0 || index >= list.size())
                return QString();
            return list[index].toMap().value(QStringLiteral("name")).toString();
        };
        s.insert(QStringLiteral("scheme"), nameOf(d->schemes->activeScheme()));
        s.insert(QStringLiteral("compare"), QJsonObject{{QStringLiteral("mode"), d->schemes->compareMode()},
                                                         {QStringLiteral("scheme"), nameOf(d->schemes->compareScheme())}});
    }
    if (d->drill) {
        const auto st = d->drill->state();
        QJsonObject drill{{QStringLiteral("building"), st == DrillDownController::District ? QString() : d->drill->buildingId()},
                          {QStringLiteral("floor"), st == DrillDownController::Floor ? QJsonValue(d->drill->floor()) : QJsonValue()},
                          {QStringLiteral("explode"), st == DrillDownController::Exploded || st == DrillDownController::Floor}};
        s.insert(QStringLiteral("drill"), drill);
    }
    if (d->cameras) {
        s.insert(QStringLiteral("feeds"), QJsonArray::fromStringList(d->cameras->grid()->cameraIds()));
        s.insert(QStringLiteral("projections"), QJsonArray::fromStringList(d->cameras->projected()));
    }
    if (d->clipping) {
        const QVector4D p = d->clipping->plane();
        const QVector3D a = d->clipping->boxMin(), b = d->clipping->boxMax();
        s.insert(QStringLiteral("section"),
                 QJsonObject{{QStringLiteral("plane"), d->clipping->planeEnabled() ? QJsonValue(QJsonArray{p.x(), p.y(), p.z(), p.w()}) : QJsonValue()},
                             {QStringLiteral("box"), d->clipping->boxEnabled()
                                                             ? QJsonValue(QJsonArray{a.x(), a.y(), a.z(), b.x(), b.y(), b.z()})
                                                             : QJsonValue()}});
    }
    return s;
}

bool PresenterController::applySceneState(const QJsonObject &state, QString *error)
{
    QStringList problems;
    // layers: visibility of each named layer
    const QJsonValue layersValue = state.value(QStringLiteral("layers"));
    if (!layersValue.isUndefined()) {
        const QJsonObject layers = layersValue.toObject();
        if (!layersValue.isObject())
            problems << tr("\"layers\" is not an object");
        for (auto it = layers.begin(); it != layers.end() && d->layers; ++it) {
            const LayerEntry *e = d->layers->model()->layer(it.key());
            const QJsonValue vis = it.value().toObject().value(QStringLiteral("visible"));
            if (!e) {
                problems << tr("layer '%1' (not in the scene)").arg(it.key());
                continue;
            }
            if (!vis.isBool()) {
                problems << tr("layer '%1' (\"visible\" is not true or false)").arg(it.key());
                continue;
            }
            if (e->visible != vis.toBool())
                d->layers->setVisible(it.key(), vis.toBool());
        }
    }
    // scheme and comparison (by name, id or index; "" = none)
    const QJsonValue schemeValue = state.value(QStringLiteral("scheme"));
    const QJsonObject compare = state.value(QStringLiteral("compare")).toObject();
    if (d->schemes && (!schemeValue.isUndefined() || !compare.isEmpty())) {
        const QString scheme = schemeValue.isDouble() ? QString::number(schemeValue.toInt()) : schemeValue.toString();
        const bool none = scheme.isEmpty() || scheme.compare(QLatin1String("none"), Qt::CaseInsensitive) == 0;
        if (!schemeValue.isUndefined()) {
            const int index = none ? -1 : d->schemes->find(scheme);
            if (!none && index < 0)
                problems << tr("scheme '%1' (no such scheme)").arg(scheme);
            else if (d->schemes->activeScheme() != index)
                d->schemes->setActiveScheme(index);
        }
        if (!compare.isEmpty()) {
            const QString mode = compare.value(QStringLiteral("mode")).toString(QStringLiteral("off"));
            const QString other = compare.value(QStringLiteral("scheme")).toString();
            if (mode != QLatin1String("off") && mode != QLatin1String("split") && mode != QLatin1String("swipe")) {
                problems << tr("compare mode '%1' (off, split or swipe)").arg(mode);
            } else {
                const int index = other.isEmpty() ? -1 : d->schemes->find(other);
                if (!other.isEmpty() && index < 0)
                    problems << tr("scheme '%1' to compare with (no such scheme)").arg(other);
                else if (d->schemes->compareScheme() != index)
                    d->schemes->setCompareScheme(index);
                if (d->schemes->compareMode() != mode)
                    d->schemes->setCompareMode(mode);
            }
        }
    }
    // drill-down: waits for the building registry when it is not in yet
    const QJsonValue drillValue = state.value(QStringLiteral("drill"));
    if (d->drill && drillValue.isObject()) {
        const QJsonObject drill = drillValue.toObject();
        const QString building = drill.value(QStringLiteral("building")).toString();
        if (!building.isEmpty() && d->drill->buildings().isEmpty()) {
            d->pendingDrill = drill;
            d->hasPendingDrill = true;
            d->pendingDrillClock.start();
        } else {
            d->hasPendingDrill = false;
            QString why;
            if (!applyDrill(drill, &why))
                problems << why;
        }
    }
    // open feeds and projections: wait for the camera registry
    const QJsonValue feedsValue = state.value(QStringLiteral("feeds"));
    const QJsonValue projValue = state.value(QStringLiteral("projections"));
    if (d->cameras && (feedsValue.isArray() || projValue.isArray())) {
        QStringList feeds, projections;
        for (const QJsonValue &v : feedsValue.toArray())
            feeds << v.toString();
        for (const QJsonValue &v : projValue.toArray())
            projections << v.toString();
        feeds.removeAll(QString());
        projections.removeAll(QString());
        if (d->cameras->status() != QLatin1String("ready")) {
            if (!feeds.isEmpty() || !projections.isEmpty()) {
                d->cameras->setPending(feeds, projections);
                d->pendingCameras = d->cameras->status() == QLatin1String("loading");
            }
        } else {
            FeedGrid *grid = d->cameras->grid();
            if (feedsValue.isArray()) {
                const QStringList open = grid->cameraIds();
                for (const QString &id : open)
                    if (!feeds.contains(id))
                        grid->close(grid->rowOf(id));
                for (const QString &id : feeds)
                    if (!grid->cameraIds().contains(id) && !d->cameras->openFeed(id))
                        problems << tr("video feed '%1' (no such camera)").arg(id);
            }
            if (projValue.isArray()) {
                for (const QString &id : d->cameras->projected())
                    if (!projections.contains(id))
                        d->cameras->stopProjection(id);
                for (const QString &id : projections)
                    if (!d->cameras->isProjected(id) && !d->cameras->project(id))
                        problems << tr("projection '%1' (no such camera, or too many projections)").arg(id);
            }
        }
    }
    // section plane and clipping box (null = off)
    const QJsonValue sectionValue = state.value(QStringLiteral("section"));
    if (d->clipping && sectionValue.isObject()) {
        const QJsonObject section = sectionValue.toObject();
        const QJsonValue plane = section.value(QStringLiteral("plane"));
        double p[6];
        if (plane.isNull() || plane.isUndefined()) {
            if (plane.isNull() && d->clipping->planeEnabled())
                d->clipping->setPlaneEnabled(false);
        } else if (finiteArray(plane, 4, p)) {
            const QVector4D v{float(p[0]), float(p[1]), float(p[2]), float(p[3])};
            if (d->clipping->plane() != v)
                d->clipping->setPlane(v);
            if (!d->clipping->planeEnabled())
                d->clipping->setPlaneEnabled(true);
        } else {
            problems << tr("section plane (not four finite numbers)");
        }
        const QJsonValue box = section.value(QStringLiteral("box"));
        if (box.isNull() || box.isUndefined()) {
            if (box.isNull() && d->clipping->boxEnabled())
                d->clipping->setBoxEnabled(false);
        } else if (finiteArray(box, 6, p)) {
            d->clipping->setBox(QVector3D(float(p[0]), float(p[1]), float(p[2])), QVector3D(float(p[3]), float(p[4]), float(p[5])));
            if (!d->clipping->boxEnabled())
                d->clipping->setBoxEnabled(true);
        } else {
            problems << tr("clipping box (not six finite numbers)");
        }
    }
    if (!problems.isEmpty() && error)
        *error = tr("Could not apply: %1").arg(problems.join(QStringLiteral("; ")));
    return problems.isEmpty();
}

bool PresenterController::applyDrill(const QJsonObject &drill, QString *error)
{
    const QString building = drill.value(QStringLiteral("building")).toString();
    const QJsonValue floorValue = drill.value(QStringLiteral("floor"));
    const bool hasFloor = floorValue.isDouble();
    const bool explode = drill.value(QStringLiteral("explode")).toBool();
    if (building.isEmpty()) {
        if (d->drill->state() != DrillDownController::District)
            d->drill->reset();
        return true;
    }
    if (!d->drill->building(building)) {
        *error = tr("building '%1' (not in the building registry)").arg(building);
        return false;
    }
    const auto st = d->drill->state();
    const bool same = st != DrillDownController::District && d->drill->buildingId() == building
                      && (hasFloor ? st == DrillDownController::Floor && d->drill->floor() == floorValue.toInt()
                                   : (explode ? st == DrillDownController::Exploded : st == DrillDownController::Building));
    if (same)
        return true;
    if (st != DrillDownController::District)
        d->drill->reset();
    d->drill->focus(building);
    if (hasFloor) {
        if (!d->drill->isolate(floorValue.toInt())) {
            *error = tr("floor %1 of building '%2' (no such floor)").arg(floorValue.toInt()).arg(building);
            return false;
        }
    } else if (explode) {
        d->drill->explode();
    }
    // the drill flies the camera to the building: the view's camera wins
    if (d->hasViewCamera && d->camera) {
        d->camera->setPose(d->viewCamera.eye, d->viewCamera.rotation);
        d->camera->setFieldOfView(float(d->viewCamera.fov));
    }
    return true;
}

bool PresenterController::applyView(const QJsonObject &view, Transition transition, int durationMs, QString *error)
{
    ViewCamera cam;
    QString problem;
    const bool hasCamera = readCamera(view, &cam, &problem);
    d->hasViewCamera = hasCamera;
    d->viewCamera = cam;
    const QString name = view.value(QStringLiteral("name")).toString();
    auto applyState = [this, view, name](QString *err) {
        QString why;
        const bool ok = applySceneState(view.value(QStringLiteral("state")).toObject(), &why);
        if (!ok && err)
            *err = tr("View '%1': %2").arg(name, why);
        return ok;
    };
    if (transition == Transition::CrossFade && durationMs > 0 && hasCamera) {
        // fade to black, switch while black, fade back
        if (!d->fadeAnim) {
            d->fadeAnim = new QVariantAnimation(this);
            d->fadeAnim->setStartValue(0.0);
            d->fadeAnim->setEndValue(1.0);
        }
        d->fadeAnim->stop();
        d->fadeAnim->disconnect(this);
        d->fadeAnim->setDuration(durationMs);
        auto switched = std::make_shared<bool>(false);
        connect(d->fadeAnim, &QVariantAnimation::valueChanged, this, [this, switched, view, name, cam](const QVariant &v) {
            const double u = v.toDouble();
            if (u >= 0.5 && !*switched) {
                *switched = true;
                QString err;
                if (!applySceneState(view.value(QStringLiteral("state")).toObject(), &err))
                    emit message(tr("View '%1': %2").arg(name, err));
                d->camera->setPose(cam.eye, cam.rotation);
                d->camera->setFieldOfView(float(cam.fov));
            }
            setFade(u < 0.5 ? 2 * u : 2 - 2 * u);
        });
        d->fadeAnim->start();
        return true;
    }
    const bool ok = applyState(error);
    if (hasCamera && d->camera) {
        d->camera->setFieldOfView(float(cam.fov));
        if (transition == Transition::Flight && durationMs > 0)
            d->camera->flyTo(cam.eye, cam.rotation, durationMs);
        else
            d->camera->setPose(cam.eye, cam.rotation);
    }
    if (!hasCamera && error && ok)
        *error = tr("View '%1': %2").arg(name, problem);
    return ok && hasCamera;
}

QJsonObject PresenterController::view(const QString &nameOrIndex) const
{
    const int i = d->viewIndex(nameOrIndex);
    return i >= 0 ? d->views[i] : QJsonObject();
}

void PresenterController::addCurrentView(const QString &name)
{
    if (d->views.size() >= kMaxViews) {
        emit message(tr("At most %1 views").arg(kMaxViews));
        return;
    }
    d->views.append(captureView(d->uniqueViewName(name)));
    emit viewsChanged();
}

void PresenterController::renameView(int index, const QString &name)
{
    if (index < 0 || index >= d->views.size() || name.trimmed().isEmpty())
        return;
    const QString old = d->views[index].value(QStringLiteral("name")).toString();
    const QString unique = d->uniqueViewName(name, index);
    if (unique == old)
        return;
    d->views[index].insert(QStringLiteral("name"), unique);
    // the tours follow the view
    bool toursTouched = false;
    for (TourModel &t : d->tours) {
        std::vector<TourModel::Step> steps = t.steps();
        bool touched = false;
        for (TourModel::Step &s : steps)
            if (s.view == old) {
                s.view = unique;
                touched = true;
            }
        if (touched) {
            t.setSteps(std::move(steps));
            toursTouched = true;
        }
    }
    emit viewsChanged();
    if (toursTouched)
        emit toursChanged();
}

void PresenterController::removeView(int index)
{
    if (index < 0 || index >= d->views.size())
        return;
    const QString name = d->views[index].value(QStringLiteral("name")).toString();
    d->views.removeAt(index);
    // steps showing it go with it
    bool toursTouched = false;
    for (TourModel &t : d->tours) {
        std::vector<TourModel::Step> steps = t.steps();
        const size_t before = steps.size();
        steps.erase(std::remove_if(steps.begin(), steps.end(), [&](const TourModel::Step &s) { return s.view == name; }),
                    steps.end());
        if (steps.size() != before) {
            t.setSteps(std::move(steps));
            toursTouched = true;
        }
    }
    emit viewsChanged();
    if (toursTouched) {
        emit message(tr("The tours' steps showing view '%1' were removed with it").arg(name));
        emit toursChanged();
    }
}

void PresenterController::moveView(int from, int to)
{
    if (from < 0 || from >= d->views.size() || to < 0 || to >= d->views.size() || from == to)
        return;
    d->views.move(from, to);
    emit viewsChanged();
}

bool PresenterController::goToView(const QString &nameOrIndex)
{
    const int i = d->viewIndex(nameOrIndex);
    if (i < 0)
        return false;
    QString error;
    if (!applyView(d->views[i], Transition::Flight, 1500, &error))
        emit message(error);
    return true;
}

// ---------------------------------------------------------------------------------------------
// tours

QStringList PresenterController::tourNames() const
{
    QStringList names;
    for (const TourModel &t : d->tours)
        names << t.name;
    return names;
}

QJsonObject PresenterController::tour(const QString &nameOrIndex) const
{
    const TourModel *t = d->findTour(nameOrIndex);
    return t ? t->toJson() : QJsonObject();
}

bool PresenterController::setTour(const QJsonObject &json, QString *error)
{
    TourModel t;
    QString why;
    if (!TourModel::fromJson(json, &t, &why)) {
        if (error)
            *error = why;
        return false;
    }
    for (size_t i = 0; i < t.steps().size(); ++i)
        if (d->viewIndex(t.steps()[i].view) < 0 || d->views[d->viewIndex(t.steps()[i].view)].value(QStringLiteral("name")).toString() != t.steps()[i].view) {
            if (error)
                *error = tr("tour \"%1\", step %2: no saved view '%3'").arg(t.name).arg(i + 1).arg(t.steps()[i].view);
            return false;
        }
    const int i = d->tourIndex(t.name);
    if (i >= 0 && d->tours[i].name == t.name)
        d->tours[i] = t;
    else
        d->tours.append(t);
    if (d->tour == t.name) {
        d->appliedViewStep = -1;
        emit playbackChanged();
    }
    emit toursChanged();
    return true;
}

double PresenterController::tourDuration(const QString &nameOrIndex) const
{
    const TourModel *t = d->findTour(nameOrIndex);
    return t ? t->duration() : 0.0;
}

PresenterController::TourSample PresenterController::sampleTour(const QString &nameOrIndex, double t) const
{
    TourSample s;
    const TourModel *tour = d->findTour(nameOrIndex);
    if (!tour || tour->steps().empty())
        return s;
    const TourModel::Position p = tour->locate(t);
    if (p.step < 0)
        return s;
    const TourModel::Step &step = tour->steps()[size_t(p.step)];
    ViewCamera to;
    if (!d->stepCamera(*tour, p.step, &to))
        return s;
    s.valid = true;
    s.step = p.step;
    s.stepTime = p.stepTime;
    s.finished = p.finished;
    s.captionZh = step.captionZh;
    s.captionEn = step.captionEn;
    s.eye = to.eye;
    s.rotation = to.rotation;
    s.fieldOfView = to.fov;
    // the transition into this step, from the previous one (the last one after a loop's wrap)
    int prev = p.step - 1;
    if (prev < 0 && p.pass > 0)
        prev = int(tour->steps().size()) - 1;
    if (prev < 0 || p.finished || step.transition == TourModel::Transition::Cut || step.transitionDuration <= 0
        || p.stepTime >= step.transitionDuration)
        return s;
    ViewCamera from;
    if (!d->stepCamera(*tour, prev, &from))
        return s;
    const double u = p.stepTime / step.transitionDuration;
    if (step.transition == TourModel::Transition::CrossFade) {
        if (u < 0.5) {
            s.eye = from.eye;
            s.rotation = from.rotation;
            s.fieldOfView = from.fov;
            s.fade = 2 * u;
        } else {
            s.fade = 2 - 2 * u;
        }
        return s;
    }
    // flight: eased, arcing up when far (as CameraController::flyTo)
    const double e = easeInOutCubic(u);
    const double travel = (to.eye - from.eye).length();
    const double arc = travel > 200.0 ? 0.25 * travel : 0.0;
    s.eye = from.eye + (to.eye - from.eye) * e;
    s.eye.z += arc * 4.0 * e * (1.0 - e);
    s.rotation = QQuaternion::slerp(from.rotation, to.rotation, float(e));
    s.fieldOfView = from.fov + (to.fov - from.fov) * e;
    return s;
}

void PresenterController::applySample(const QString &nameOrIndex, const TourSample &sample)
{
    const TourModel *tour = d->findTour(nameOrIndex);
    if (!tour || !sample.valid || sample.step < 0 || sample.step >= int(tour->steps().size()))
        return;
    // the step whose view the camera shows: in the first half of a cross-fade, the previous one
    int viewStep = sample.step;
    const TourModel::Step &step = tour->steps()[size_t(sample.step)];
    if (step.transition == TourModel::Transition::CrossFade && sample.stepTime < step.transitionDuration / 2
        && sample.fade > 0 && !sample.finished)
        viewStep = sample.step > 0 ? sample.step - 1 : int(tour->steps().size()) - 1; // after a loop's wrap
    if (tour->name != d->appliedTour || viewStep != d->appliedViewStep) {
        d->appliedTour = tour->name;
        d->appliedViewStep = viewStep;
        const int vi = d->viewIndex(tour->steps()[size_t(viewStep)].view);
        if (vi >= 0) {
            d->hasViewCamera = true;
            d->viewCamera = ViewCamera{sample.eye, sample.rotation, sample.fieldOfView};
            QString error;
            if (!applySceneState(d->views[vi].value(QStringLiteral("state")).toObject(), &error))
                emit message(tr("Tour '%1', step %2: %3").arg(tour->name).arg(viewStep + 1).arg(error));
        }
    }
    if (d->camera) {
        d->camera->setPose(sample.eye, sample.rotation);
        d->camera->setFieldOfView(float(sample.fieldOfView));
    }
    d->hasViewCamera = true;
    d->viewCamera = ViewCamera{sample.eye, sample.rotation, sample.fieldOfView};
    setFade(sample.fade);
    if (d->captionZh != sample.captionZh || d->captionEn != sample.captionEn) {
        d->captionZh = sample.captionZh;
        d->captionEn = sample.captionEn;
        emit captionChanged();
    }
}

QVariantMap PresenterController::tourInfo(const QString &nameOrIndex) const
{
    return tour(nameOrIndex).toVariantMap();
}

bool PresenterController::addTourStep(const QString &tourName, const QString &view)
{
    const QString name = tourName.trimmed().isEmpty() ? tr("Tour %1").arg(d->tours.size() + 1) : tourName.trimmed();
    QJsonObject t = tour(name);
    if (t.isEmpty() || d->findTour(name)->name != name)
        t = QJsonObject{{QStringLiteral("name"), name}, {QStringLiteral("loop"), false}, {QStringLiteral("steps"), QJsonArray{}}};
    QJsonArray steps = t.value(QStringLiteral("steps")).toArray();
    steps.append(QJsonObject{{QStringLiteral("view"), view}});
    t.insert(QStringLiteral("steps"), steps);
    QString error;
    if (!setTour(t, &error)) {
        emit message(error);
        return false;
    }
    return true;
}

bool PresenterController::setTourStep(const QString &tourName, int index, const QVariantMap &changes)
{
    QJsonObject t = tour(tourName);
    QJsonArray steps = t.value(QStringLiteral("steps")).toArray();
    if (index < 0 || index >= steps.size())
        return false;
    QJsonObject st = steps[index].toObject();
    QJsonObject caption = st.value(QStringLiteral("caption")).toObject();
    for (auto it = changes.begin(); it != changes.end(); ++it) {
        if (it.key() == QLatin1String("captionZh"))
            caption.insert(QStringLiteral("zh"), it.value().toString());
        else if (it.key() == QLatin1String("captionEn"))
            caption.insert(QStringLiteral("en"), it.value().toString());
        else if (it.key() == QLatin1String("duration") || it.key() == QLatin1String("transitionDuration"))
            st.insert(it.key(), it.value().toDouble());
        else if (it.key() == QLatin1String("view") || it.key() == QLatin1String("transition"))
            st.insert(it.key(), it.value().toString());
    }
    st.insert(QStringLiteral("caption"), caption);
    steps[index] = st;
    t.insert(QStringLiteral("steps"), steps);
    QString error;
    if (!setTour(t, &error)) {
        emit message(error);
        return false;
    }
    return true;
}

void PresenterController::moveTourStep(const QString &tourName, int from, int to)
{
    QJsonObject t = tour(tourName);
    QJsonArray steps = t.value(QStringLiteral("steps")).toArray();
    if (from < 0 || from >= steps.size() || to < 0 || to >= steps.size() || from == to)
        return;
    const QJsonValue v = steps.takeAt(from);
    steps.insert(to, v);
    t.insert(QStringLiteral("steps"), steps);
    setTour(t);
}

void PresenterController::removeTourStep(const QString &tourName, int index)
{
    QJsonObject t = tour(tourName);
    QJsonArray steps = t.value(QStringLiteral("steps")).toArray();
    if (index < 0 || index >= steps.size())
        return;
    steps.removeAt(index);
    t.insert(QStringLiteral("steps"), steps);
    setTour(t);
}

void PresenterController::setTourLoop(const QString &tourName, bool loop)
{
    const int i = d->tourIndex(tourName);
    if (i < 0 || d->tours[i].loop == loop)
        return;
    d->tours[i].loop = loop;
    emit toursChanged();
    if (d->tour == d->tours[i].name)
        emit playbackChanged();
}

void PresenterController::removeTour(const QString &tourName)
{
    const int i = d->tourIndex(tourName);
    if (i < 0)
        return;
    if (d->tour == d->tours[i].name)
        stop();
    d->tours.removeAt(i);
    emit toursChanged();
}

void PresenterController::setCaptions(const QString &zh, const QString &en) // sync: a follower mirrors its leader
{
    if (d->captionZh == zh && d->captionEn == en)
        return;
    d->captionZh = zh;
    d->captionEn = en;
    emit captionChanged();
}

void PresenterController::setFade(double fade)
{
    fade = std::clamp(std::isfinite(fade) ? fade : 0.0, 0.0, 1.0);
    if (fade == d->fade)
        return;
    d->fade = fade;
    emit fadeChanged();
}

// ---------------------------------------------------------------------------------------------
// playback

QString PresenterController::currentTour() const { return d->tour; }
int PresenterController::currentStep() const { return d->step; }

int PresenterController::stepCount() const
{
    const TourModel *t = d->tour.isEmpty() ? nullptr : d->findTour(d->tour);
    return t ? int(t->steps().size()) : 0;
}

bool PresenterController::playing() const { return d->playing; }
bool PresenterController::paused() const { return d->paused; }

bool PresenterController::loop() const
{
    const TourModel *t = d->tour.isEmpty() ? nullptr : d->findTour(d->tour);
    return t && t->loop;
}

void PresenterController::setLoop(bool loop)
{
    const int i = d->tour.isEmpty() ? -1 : d->tourIndex(d->tour);
    if (i < 0 || d->tours[i].loop == loop)
        return;
    d->tours[i].loop = loop;
    emit playbackChanged();
    emit toursChanged();
}

double PresenterController::tourTime() const { return d->time; }
bool PresenterController::blanked() const { return d->blanked; }

void PresenterController::setBlanked(bool blanked)
{
    if (d->blanked == blanked)
        return;
    d->blanked = blanked;
    emit blankedChanged();
}

QString PresenterController::caption() const
{
    const bool zh = d->language.startsWith(QLatin1String("zh"), Qt::CaseInsensitive);
    const QString &first = zh ? d->captionZh : d->captionEn;
    return first.isEmpty() ? (zh ? d->captionEn : d->captionZh) : first;
}

double PresenterController::fade() const { return d->fade; }

void PresenterController::setLanguage(const QString &language)
{
    if (d->language == language)
        return;
    const QString before = caption();
    d->language = language;
    if (caption() != before)
        emit captionChanged();
}

QString PresenterController::language() const { return d->language; }

bool PresenterController::settled() const
{
    return !d->hasStart && !d->hasPendingDrill && !d->pendingCameras && !(d->fadeAnim && d->fadeAnim->state() == QAbstractAnimation::Running);
}

void PresenterController::showTime(double t)
{
    const TourModel *tour = d->findTour(d->tour);
    if (!tour)
        return;
    d->time = std::isfinite(t) ? std::max(0.0, t) : 0.0;
    const TourSample s = sampleTour(d->tour, d->time);
    const int before = d->step;
    d->step = s.step;
    applySample(d->tour, s);
    if (s.finished && d->playing) {
        d->playing = false;
        d->paused = false;
        emit stateChanged();
    } else if (before != d->step) {
        emit stateChanged();
    }
    emit playbackChanged();
}

bool PresenterController::playTour(const QString &nameOrIndex)
{
    const TourModel *tour = d->findTour(nameOrIndex);
    if (!tour || tour->steps().empty())
        return false;
    d->tour = tour->name;
    d->playing = true;
    d->paused = false;
    d->appliedTour.clear();
    d->appliedViewStep = -1;
    showTime(0);
    emit stateChanged();
    return true;
}

void PresenterController::pause()
{
    if (!d->playing || d->paused)
        return;
    d->paused = true;
    emit playbackChanged();
    emit stateChanged();
}

void PresenterController::resume()
{
    if (d->tour.isEmpty())
        return;
    if (!d->playing) { // finished: from the start
        playTour(d->tour);
        return;
    }
    if (!d->paused)
        return;
    d->paused = false;
    emit playbackChanged();
    emit stateChanged();
}

void PresenterController::togglePause()
{
    if (d->playing && !d->paused)
        pause();
    else
        resume();
}

void PresenterController::next()
{
    const TourModel *tour = d->tour.isEmpty() ? nullptr : d->findTour(d->tour);
    if (!tour)
        return;
    const TourModel::Position p = tour->locate(d->time);
    const int n = int(tour->steps().size());
    if (p.finished || p.step < 0)
        return;
    double t;
    if (p.step + 1 < n)
        t = p.pass * tour->duration() + tour->stepStart(p.step + 1);
    else if (tour->loop)
        t = (p.pass + 1) * tour->duration();
    else
        return;
    showTime(t);
}

void PresenterController::previous()
{
    const TourModel *tour = d->tour.isEmpty() ? nullptr : d->findTour(d->tour);
    if (!tour)
        return;
    const TourModel::Position p = tour->locate(d->time);
    const int n = int(tour->steps().size());
    if (p.step < 0)
        return;
    if (p.finished) { // back to the last step
        showTime(tour->stepStart(n - 1));
        if (!d->playing) {
            d->playing = true;
            d->paused = true;
            emit playbackChanged();
            emit stateChanged();
        }
        return;
    }
    double t;
    if (p.step > 0)
        t = p.pass * tour->duration() + tour->stepStart(p.step - 1);
    else if (p.pass > 0)
        t = (p.pass - 1) * tour->duration() + tour->stepStart(n - 1);
    else
        t = 0;
    showTime(t);
}

void PresenterController::stop()
{
    if (d->tour.isEmpty() && !d->playing)
        return;
    d->tour.clear();
    d->playing = false;
    d->paused = false;
    d->time = 0;
    d->step = -1;
    d->appliedTour.clear();
    d->appliedViewStep = -1;
    setFade(0);
    if (!d->captionZh.isEmpty() || !d->captionEn.isEmpty()) {
        d->captionZh.clear();
        d->captionEn.clear();
        emit captionChanged();
    }
    emit playbackChanged();
    emit stateChanged();
}

void PresenterController::toggleBlank() { setBlanked(!d->blanked); }

void PresenterController::seek(double t)
{
    if (d->tour.isEmpty())
        return;
    showTime(t);
}

bool PresenterController::handleKey(int key)
{
    const bool loaded = !d->tour.isEmpty();
    switch (key) {
    case Qt::Key_F5:
        if (loaded && d->playing && !d->paused)
            stop();
        else if (loaded)
            resume();
        else if (!d->tours.isEmpty())
            return playTour(d->tours.first().name);
        else
            return false;
        return true;
    case Qt::Key_PageDown:
    case Qt::Key_Right:
        if (!loaded)
            return false;
        next();
        return true;
    case Qt::Key_PageUp:
    case Qt::Key_Left:
        if (!loaded)
            return false;
        previous();
        return true;
    case Qt::Key_B:
    case Qt::Key_Period:
        if (!loaded)
            return false;
        toggleBlank();
        return true;
    case Qt::Key_Escape:
        if (!loaded)
            return false;
        setBlanked(false);
        stop();
        return true;
    default:
        return false;
    }
}

void PresenterController::setPendingStart(const QString &view, const QString &tour, double tourTime)
{
    d->startView = view;
    d->startTour = tour;
    d->startTime = tourTime;
    d->hasStart = !view.isEmpty() || !tour.isEmpty();
}

void PresenterController::applyStart()
{
    d->hasStart = false;
    const QString file = d->project && !d->project->path().isEmpty() ? d->project->path() : tr("the opened scene");
    if (!d->startView.isEmpty()) {
        const int i = d->viewIndex(d->startView);
        if (i < 0) {
            emit startFailed(tr("No saved view '%1' in %2 (views: %3)")
                                     .arg(d->startView, file, d->views.isEmpty() ? tr("none") : viewNames().join(QStringLiteral(", "))));
            return;
        }
        QString error;
        if (!applyView(d->views[i], Transition::Cut, 0, &error))
            emit message(error);
    }
    if (!d->startTour.isEmpty()) {
        if (!playTour(d->startTour)) {
            emit startFailed(tr("No saved tour '%1' with steps in %2 (tours: %3)")
                                     .arg(d->startTour, file, d->tours.isEmpty() ? tr("none") : tourNames().join(QStringLiteral(", "))));
            return;
        }
        if (d->startTime >= 0) {
            seek(d->startTime);
            if (d->playing)
                pause();
        }
    }
}

void PresenterController::advance(double seconds)
{
    // --view / --tour once the project's layers are in
    if (d->hasStart && d->layers && !(d->project && d->project->loading())
        && (d->layers->model()->rowCount() > 0 || (d->project && !d->project->path().isEmpty())))
        applyStart();
    // a drill-down waiting for the building registry
    if (d->hasPendingDrill && d->drill && !d->drill->buildings().isEmpty()) {
        d->hasPendingDrill = false;
        QString why;
        if (!applyDrill(d->pendingDrill, &why))
            emit message(tr("Could not apply: %1").arg(why));
    } else if (d->hasPendingDrill && d->pendingDrillClock.elapsed() > kPendingDrillMs) {
        d->hasPendingDrill = false;
        emit message(tr("Could not apply: %1")
                             .arg(tr("building '%1' (no building registry loaded)")
                                          .arg(d->pendingDrill.value(QStringLiteral("building")).toString())));
    }
    if (d->pendingCameras && d->cameras && d->cameras->status() != QLatin1String("loading"))
        d->pendingCameras = false;
    if (!d->playing || d->paused || d->tour.isEmpty() || !std::isfinite(seconds) || seconds <= 0)
        return;
    showTime(d->time + std::min(seconds, 1.0));
}

QJsonObject PresenterController::stateJson() const
{
    QJsonObject o{{QStringLiteral("views"), QJsonArray::fromStringList(viewNames())},
                  {QStringLiteral("tours"), QJsonArray::fromStringList(tourNames())},
                  {QStringLiteral("tour"), d->tour},
                  {QStringLiteral("step"), d->step},
                  {QStringLiteral("stepCount"), stepCount()},
                  {QStringLiteral("playing"), d->playing},
                  {QStringLiteral("paused"), d->paused},
                  {QStringLiteral("loop"), loop()},
                  {QStringLiteral("tourTime"), d->time},
                  {QStringLiteral("tourDuration"), d->tour.isEmpty() ? 0.0 : tourDuration(d->tour)},
                  {QStringLiteral("blanked"), d->blanked},
                  {QStringLiteral("fade"), d->fade},
                  {QStringLiteral("caption"), caption()},
                  {QStringLiteral("captionZh"), d->captionZh},
                  {QStringLiteral("captionEn"), d->captionEn},
                  {QStringLiteral("language"), d->language},
                  {QStringLiteral("settled"), settled()},
                  {QStringLiteral("sceneState"), sceneState()}};
    return o;
}

QJsonObject PresenterController::toJson() const
{
    QJsonArray views, tours;
    for (const QJsonObject &v : d->views)
        views.append(v);
    for (const TourModel &t : d->tours)
        tours.append(t.toJson());
    return QJsonObject{{QStringLiteral("views"), views}, {QStringLiteral("tours"), tours}};
}

bool PresenterController::fromJson(const QJsonObject &json, QString *error)
{
    clear();
    QStringList problems;
    const QJsonValue viewsValue = json.value(QStringLiteral("views"));
    if (!viewsValue.isUndefined() && !viewsValue.isArray())
        problems << tr("\"views\" is not a list");
    const QJsonArray views = viewsValue.toArray();
    if (views.size() > kMaxViews)
        problems << tr("%1 views (at most %2; the rest skipped)").arg(views.size()).arg(kMaxViews);
    QSet<QString> names;
    for (qsizetype i = 0; i < views.size() && i < kMaxViews; ++i) {
        const QJsonObject v = views[i].toObject();
        const QString name = v.value(QStringLiteral("name")).toString().trimmed();
        ViewCamera cam;
        QString problem;
        if (!views[i].isObject())
            problem = tr("not an object");
        else if (name.isEmpty())
            problem = tr("no \"name\"");
        else if (names.contains(name))
            problem = tr("a second view named '%1'").arg(name);
        else if (!v.value(QStringLiteral("state")).isUndefined() && !v.value(QStringLiteral("state")).isObject())
            problem = tr("\"state\" is not an object");
        else
            readCamera(v, &cam, &problem);
        if (!problem.isEmpty()) {
            problems << tr("views[%1]: %2 (skipped)").arg(i).arg(problem);
            continue;
        }
        names.insert(name);
        QJsonObject copy = v;
        copy.insert(QStringLiteral("name"), name);
        d->views.append(copy);
    }
    const QJsonValue toursValue = json.value(QStringLiteral("tours"));
    if (!toursValue.isUndefined() && !toursValue.isArray())
        problems << tr("\"tours\" is not a list");
    const QJsonArray tours = toursValue.toArray();
    for (qsizetype i = 0; i < tours.size() && i < kMaxViews; ++i) {
        QString why;
        if (!tours[i].isObject())
            why = tr("not an object");
        else if (d->tourIndex(tours[i].toObject().value(QStringLiteral("name")).toString()) >= 0
                 && d->findTour(tours[i].toObject().value(QStringLiteral("name")).toString())->name
                            == tours[i].toObject().value(QStringLiteral("name")).toString())
            why = tr("a second tour named '%1'").arg(tours[i].toObject().value(QStringLiteral("name")).toString());
        else
            setTour(tours[i].toObject(), &why);
        if (!why.isEmpty())
            problems << tr("tours[%1]: %2 (skipped)").arg(i).arg(why);
    }
    emit viewsChanged();
    emit toursChanged();
    if (!problems.isEmpty() && error)
        *error = problems.join(QStringLiteral("; "));
    return problems.isEmpty();
}

void PresenterController::clear()
{
    stop();
    setBlanked(false);
    d->views.clear();
    d->tours.clear();
    d->hasPendingDrill = false;
    d->pendingCameras = false;
    d->hasViewCamera = false;
    emit viewsChanged();
    emit toursChanged();
}

} // namespace liyuan
