// PlacementEditor headless: the demo district's photogrammetry (real OSGB tiles) and a scheme
// model (glb with a .geo.json sidecar) in a TileStreamer behind a LayerManager; moving snaps
// to the ground (checked against a direct pick), rotate/scale change the dataset transform
// and what a ray hits, cancel restores, the placement round-trips through a project file,
// handles are hit where they are drawn; hostile input is refused with a message.
#include "LayerManager.h"
#include "PlacementEditor.h"
#include "ProjectFile.h"

#include <liyuan/assimp/ModelTileReader.h>
#include <liyuan/demo/DemoDistrict.h>
#include <liyuan/osgb/OsgbReader.h>
#include <liyuan/scene/TileStreamer.h>
#include <liyuan/scene/quick/TileDrawableModel.h>

#include <QGuiApplication>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <memory>

using namespace liyuan;

namespace {

constexpr auto kModel = "a_courtyard_east";

ViewState topDown(const Vec3d &centre, double height)
{
    ViewState v;
    v.eye = centre + Vec3d(0, 0, height);
    v.forward = Vec3d(0, 0, -1);
    v.up = Vec3d(0, 1, 0);
    v.viewportWidth = 800;
    v.viewportHeight = 600;
    return v;
}

/** A view from the south-west, looking down 45° at centre. */
ViewState oblique(const Vec3d &centre, double distance)
{
    ViewState v;
    const Vec3d dir = Vec3d(1, 1, -std::sqrt(2.0)).normalized();
    v.eye = centre - dir * distance;
    v.forward = dir;
    v.up = v.forward.cross(Vec3d(0, 0, 1)).cross(v.forward).normalized();
    v.viewportWidth = 800;
    v.viewportHeight = 600;
    return v;
}

void settle(TileStreamer &s, const ViewState &v)
{
    QElapsedTimer t;
    t.start();
    do {
        s.update(v);
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
        if (s.isSettled() && s.rootsReady()) {
            s.update(v);
            return;
        }
        QThread::msleep(2);
    } while (t.elapsed() < 60000);
}

/** The ground straight below (x, y), stepping over the given dataset — independent of the editor. */
bool directGround(const TileStreamer &s, double x, double y, int skipDataset, double *z)
{
    Vec3d o(x, y, 5000), d(0, 0, -1);
    for (int i = 0; i < 64; ++i) {
        PickResult r;
        if (!s.pick(o, d, &r))
            return false;
        if (r.dataset != skipDataset) {
            *z = r.point.z;
            return true;
        }
        o = r.point + d * 0.01;
    }
    return false;
}

/** The first hit of a ray on one dataset, others stepped over. */
bool pickOn(const TileStreamer &s, Vec3d o, const Vec3d &d, int dataset, PickResult *hit)
{
    for (int i = 0; i < 64; ++i) {
        PickResult r;
        if (!s.pick(o, d, &r))
            return false;
        if (r.dataset == dataset) {
            *hit = r;
            return true;
        }
        o = r.point + d * 0.01;
    }
    return false;
}

/** A point of the model's surface seen from above, near its bounds' centre; false when none. */
bool modelHit(const TileStreamer &s, int dataset, PickResult *hit)
{
    Vec3d mn, mx;
    if (!s.bounds(dataset, &mn, &mx))
        return false;
    for (int i = 0; i < 15; ++i)
        for (int j = 0; j < 15; ++j) {
            const Vec3d o(mn.x + (mx.x - mn.x) * (0.5 + (i - 7) / 16.0), mn.y + (mx.y - mn.y) * (0.5 + (j - 7) / 16.0), 5000);
            if (pickOn(s, o, Vec3d(0, 0, -1), dataset, hit))
                return true;
        }
    return false;
}

bool near(const Vec3d &a, const Vec3d &b, double eps) { return (a - b).length() < eps; }

QString str(const Vec3d &v) { return QStringLiteral("(%1, %2, %3)").arg(v.x, 0, 'f', 4).arg(v.y, 0, 'f', 4).arg(v.z, 0, 'f', 4); }

/** A scene: the demo photogrammetry + the scheme model, settled for a view. */
struct Scene
{
    TileStreamer streamer;
    TileDrawableModel drawables;
    LayerManager layers{&streamer, &drawables};
    ViewState view;
    std::unique_ptr<PlacementEditor> editor;

    bool open(const demo::DemoDistrictResult &demo, const QString &modelPath, const QJsonObject &modelSettings = {})
    {
        streamer.setRenderer(&drawables);
        if (!layers.addPath(demo.datasetDir, QJsonObject{{"id", "district"}}))
            return false;
        if (!modelPath.isEmpty() && !layers.addPath(modelPath, modelSettings))
            return false;
        view = topDown(Vec3d(200, 200, 0), 650);
        settle(streamer, view);
        editor = std::make_unique<PlacementEditor>(&streamer, &layers, [this] { return view; });
        return true;
    }
    int dataset(const QString &id) const { return layers.model()->layer(id) ? layers.model()->layer(id)->dataset : -1; }
    DatasetTransform transform(const QString &id) const { return streamer.datasets()[size_t(dataset(id))].transform(); }
};

} // namespace

class tst_PlacementEditor : public QObject
{
    Q_OBJECT
    demo::DemoDistrictResult m_demo;
    QString m_model;
    QTemporaryDir m_tmp;

private slots:
    void initTestCase()
    {
        osgb::registerOsgbReader();
        assimp::registerModelReader();
        m_demo = demo::ensureDemoDistrict(qEnvironmentVariable("LIYUAN_DEMO_DIR", demo::defaultDemoDistrictDir()));
        QVERIFY2(m_demo.error.isEmpty(), qPrintable(m_demo.error));
        m_model = m_demo.datasetDir + "/schemes/a_courtyard_east.glb";
        QVERIFY(QFileInfo::exists(m_model));
        QVERIFY(m_tmp.isValid());
    }

    void editRefusesWhatIsNotAModel_data()
    {
        QTest::addColumn<QString>("id");
        QTest::newRow("photogrammetry layer") << "district";
        QTest::newRow("unknown layer") << "no-such-layer";
        QTest::newRow("empty id") << "";
        QTest::newRow("hostile id") << "../../etc/passwd\n\"}";
    }
    void editRefusesWhatIsNotAModel()
    {
        QFETCH(QString, id);
        Scene sc;
        QVERIFY(sc.open(m_demo, m_model));
        QSignalSpy messages(sc.editor.get(), &PlacementEditor::message);
        QVERIFY(!sc.editor->edit(id));
        QVERIFY(!sc.editor->active());
        QVERIFY2(sc.editor->lastError().contains("not a model layer"), qPrintable(sc.editor->lastError()));
        QCOMPARE(messages.count(), 1);
        // nothing to move: every change is refused
        QVERIFY(!sc.editor->moveToScene(10, 10));
        QVERIFY(!sc.editor->setHeading(10));
        QVERIFY(!sc.editor->setScale(2));
    }

    void moveSnapsToTheGroundUnderTheFootprint_data()
    {
        QTest::addColumn<double>("x");
        QTest::addColumn<double>("y");
        QTest::newRow("district centre") << 200.0 << 200.0;
        QTest::newRow("south-west block") << 60.0 << 50.0;
        QTest::newRow("north-east block") << 330.0 << 320.0;
        QTest::newRow("fractional") << 123.456 << 287.891;
    }
    void moveSnapsToTheGroundUnderTheFootprint()
    {
        QFETCH(double, x);
        QFETCH(double, y);
        Scene sc;
        QVERIFY(sc.open(m_demo, m_model));
        const int ds = sc.dataset(kModel);
        QVERIFY(ds >= 0);
        QVERIFY(sc.editor->edit(kModel));
        QVERIFY2(sc.editor->moveToScene(x, y), qPrintable(sc.editor->lastError()));
        const DatasetTransform t = sc.transform(kModel);
        QCOMPARE(t.offset.x, x);
        QCOMPARE(t.offset.y, y);
        QVERIFY(near(sc.editor->scenePosition(), t.offset, 1e-9));
        // the ground under the footprint centre, picked directly with the model stepped over
        Vec3d mn, mx;
        QVERIFY(sc.streamer.bounds(ds, &mn, &mx));
        double ground = 0;
        QVERIFY(directGround(sc.streamer, (mn.x + mx.x) / 2, (mn.y + mx.y) / 2, ds, &ground));
        QVERIFY2(std::abs(t.offset.z - ground) < 1e-6, qPrintable(QStringLiteral("z %1, ground %2").arg(t.offset.z).arg(ground)));
        qInfo("ground under the footprint at (%.2f, %.2f): %.3f m (the origin's own ground: %.3f m)", x, y, ground,
              [&] { double g = 0; directGround(sc.streamer, x, y, ds, &g); return g; }());
        // the saved placement names the scene CRS and the same point
        const QJsonObject p = sc.layers.model()->layer(kModel)->placement;
        QCOMPARE(p.value("crs").toString(), QStringLiteral("EPSG:4549"));
        const Vec3d crs = sc.streamer.sceneFrame().toCrs(t.offset);
        QCOMPARE(p.value("position").toArray().at(0).toDouble(), crs.x);
        QCOMPARE(p.value("position").toArray().at(1).toDouble(), crs.y);
        QCOMPARE(p.value("position").toArray().at(2).toDouble(), crs.z);
    }

    void snapPrefersTheTerrainOverRoofs()
    {
        // at (123.456, 287.891) the mesh has a roof 12 m up; with the DEM loaded the model stands on the terrain
        Scene sc;
        QVERIFY(sc.layers.addPath(m_demo.demFile, QJsonObject{{"id", "dem"}}));
        QVERIFY(sc.open(m_demo, m_model));
        const int ds = sc.dataset(kModel), dem = sc.dataset("dem");
        QVERIFY(dem >= 0);
        QVERIFY(sc.editor->edit(kModel));
        // the DEM came first and set the scene frame: the spot is relative to the district's origin
        const Vec3d spot = sc.transform("district").offset + Vec3d(123.456, 287.891, 0);
        sc.view = topDown(sc.transform("district").offset + Vec3d(200, 200, 0), 650);
        settle(sc.streamer, sc.view);
        QVERIFY(sc.editor->moveToScene(spot.x, spot.y));
        Vec3d mn, mx;
        QVERIFY(sc.streamer.bounds(ds, &mn, &mx));
        PickResult terrain, mesh;
        QVERIFY(pickOn(sc.streamer, Vec3d((mn.x + mx.x) / 2, (mn.y + mx.y) / 2, 5000), Vec3d(0, 0, -1), dem, &terrain));
        QVERIFY(pickOn(sc.streamer, Vec3d((mn.x + mx.x) / 2, (mn.y + mx.y) / 2, 5000), Vec3d(0, 0, -1), sc.dataset("district"), &mesh));
        qInfo("terrain %.3f m, mesh %.3f m", terrain.point.z, mesh.point.z);
        QVERIFY(mesh.point.z > terrain.point.z + 3); // a roof there
        QVERIFY2(std::abs(sc.editor->scenePosition().z - terrain.point.z) < 1e-6, qPrintable(str(sc.editor->scenePosition())));
    }

    void moveToFollowsTheCursorOverTheGround()
    {
        Scene sc;
        QVERIFY(sc.open(m_demo, m_model));
        const int ds = sc.dataset(kModel);
        QVERIFY(sc.editor->edit(kModel));
        sc.editor->setSnapToGround(false);
        const double z0 = sc.editor->scenePosition().z;
        // the pixel at (500, 200): where its ray meets the ground (model stepped over)
        Vec3d o, d;
        sc.view.rayThrough(500, 200, &o, &d);
        Vec3d expect;
        bool found = false;
        for (int i = 0; i < 64 && !found; ++i) {
            PickResult r;
            QVERIFY(sc.streamer.pick(o, d, &r));
            if (r.dataset != ds) {
                expect = r.point;
                found = true;
            }
            o = r.point + d * 0.01;
        }
        QVERIFY(found);
        QVERIFY(sc.editor->moveTo(500, 200));
        const Vec3d p = sc.editor->scenePosition();
        QVERIFY2(std::abs(p.x - expect.x) < 1e-6 && std::abs(p.y - expect.y) < 1e-6, qPrintable(str(p) + " vs " + str(expect)));
        QCOMPARE(p.z, z0); // snapping off: the height stays
        // hostile cursor positions
        QVERIFY(!sc.editor->moveTo(qQNaN(), 10));
        QVERIFY(!sc.editor->moveTo(10, qInf()));
        QVERIFY(near(sc.editor->scenePosition(), p, 1e-12));
    }

    void rotateAndScaleChangeTheTransformAndThePick_data()
    {
        QTest::addColumn<double>("turn");
        QTest::addColumn<double>("scale");
        QTest::newRow("turn 90") << 90.0 << 1.0;
        QTest::newRow("turn -30, scale 1.5") << -30.0 << 1.5;
        QTest::newRow("scale 0.5") << 0.0 << 0.5;
        QTest::newRow("turn 725 (wraps)") << 725.0 << 1.0;
    }
    void rotateAndScaleChangeTheTransformAndThePick()
    {
        QFETCH(double, turn);
        QFETCH(double, scale);
        Scene sc;
        QVERIFY(sc.open(m_demo, m_model));
        const int ds = sc.dataset(kModel);
        QVERIFY(sc.editor->edit(kModel));
        sc.editor->setSnapToGround(false); // the height must not change here
        const DatasetTransform t0 = sc.transform(kModel);
        PickResult before;
        QVERIFY(modelHit(sc.streamer, ds, &before));
        const Vec3d local = t0.toLocal(before.point);
        Vec3d mn0, mx0;
        QVERIFY(sc.streamer.bounds(ds, &mn0, &mx0));

        QVERIFY(sc.editor->rotateBy(turn));
        QVERIFY(sc.editor->setScale(scale));
        const DatasetTransform t1 = sc.transform(kModel);
        QVERIFY2(std::abs(std::remainder(t1.headingDeg - t0.headingDeg - turn, 360.0)) < 1e-9,
                 qPrintable(QString::number(t1.headingDeg)));
        QCOMPARE(t1.scale, scale);
        QCOMPARE(t1.offset.z, t0.offset.z);
        // the footprint centre stays put (rotation and scale about it, not the origin)
        Vec3d mn1, mx1;
        QVERIFY(sc.streamer.bounds(ds, &mn1, &mx1));
        const double drift = std::hypot((mn1.x + mx1.x - mn0.x - mx0.x) / 2, (mn1.y + mx1.y - mn0.y - mx0.y) / 2);
        QVERIFY2(drift < 0.05 * std::hypot(mx0.x - mn0.x, mx0.y - mn0.y) + 0.5, qPrintable(QString::number(drift)));
        // the same point of the model is now where the new transform puts it, and a ray finds it there
        const Vec3d moved = t1.toScene(local);
        PickResult after;
        QVERIFY(pickOn(sc.streamer, Vec3d(moved.x, moved.y, 5000), Vec3d(0, 0, -1), ds, &after));
        QVERIFY2(std::abs(after.point.z - moved.z) < 1e-3, qPrintable(str(after.point) + " vs " + str(moved)));
        if (turn != 0.0 || scale != 1.0)
            QVERIFY(!near(moved, before.point, 1e-3));
    }

    void cancelRestoresThePlacementAtEditStart()
    {
        Scene sc;
        QVERIFY(sc.open(m_demo, m_model));
        const QJsonObject start = sc.layers.model()->layer(kModel)->placement;
        const DatasetTransform t0 = sc.transform(kModel);
        QVERIFY(sc.editor->edit(kModel));
        QVERIFY(sc.editor->moveToScene(250, 120));
        QVERIFY(sc.editor->rotateBy(45));
        QVERIFY(sc.editor->setScale(2));
        QVERIFY(sc.editor->nudge(1, -2, 3));
        QVERIFY(sc.editor->dirty());
        QVERIFY(sc.transform(kModel) != t0);
        sc.editor->cancel();
        QVERIFY(!sc.editor->active());
        QVERIFY2(near(sc.transform(kModel).offset, t0.offset, 1e-9), qPrintable(str(sc.transform(kModel).offset)));
        QCOMPARE(sc.transform(kModel).headingDeg, t0.headingDeg);
        QCOMPARE(sc.transform(kModel).scale, t0.scale);
        QCOMPARE(sc.layers.model()->layer(kModel)->placement, start);
        // commit keeps the change
        QVERIFY(sc.editor->edit(kModel));
        QVERIFY(sc.editor->moveToScene(250, 120));
        sc.editor->commit();
        QVERIFY(!sc.editor->active());
        QCOMPARE(sc.transform(kModel).offset.x, 250.0);
    }

    void hostileInputIsRefused_data()
    {
        QTest::addColumn<QString>("op");
        QTest::addColumn<double>("value");
        QTest::addColumn<QString>("message");
        QTest::newRow("scale 0") << "scale" << 0.0 << "greater than 0";
        QTest::newRow("scale negative") << "scale" << -2.0 << "greater than 0";
        QTest::newRow("scale NaN") << "scale" << qQNaN() << "finite";
        QTest::newRow("scale inf") << "scale" << qInf() << "finite";
        QTest::newRow("scaleBy 0") << "scaleBy" << 0.0 << "greater than 0";
        QTest::newRow("heading NaN") << "heading" << qQNaN() << "finite";
        QTest::newRow("heading -inf") << "heading" << -qInf() << "finite";
        QTest::newRow("rotate NaN") << "rotate" << qQNaN() << "finite";
        QTest::newRow("move x NaN") << "moveX" << qQNaN() << "finite";
        QTest::newRow("nudge inf") << "nudge" << qInf() << "finite";
        QTest::newRow("CRS easting NaN") << "crs" << qQNaN() << "finite";
        QTest::newRow("position 5000 km away") << "far" << 5.0e6 << "km from the scene origin";
    }
    void hostileInputIsRefused()
    {
        QFETCH(QString, op);
        QFETCH(double, value);
        QFETCH(QString, message);
        Scene sc;
        QVERIFY(sc.open(m_demo, m_model));
        QVERIFY(sc.editor->edit(kModel));
        const DatasetTransform t0 = sc.transform(kModel);
        const QJsonObject p0 = sc.layers.model()->layer(kModel)->placement;
        QSignalSpy messages(sc.editor.get(), &PlacementEditor::message);
        bool ok = true;
        if (op == "scale") ok = sc.editor->setScale(value);
        else if (op == "scaleBy") ok = sc.editor->scaleBy(value);
        else if (op == "heading") ok = sc.editor->setHeading(value);
        else if (op == "rotate") ok = sc.editor->rotateBy(value);
        else if (op == "moveX") ok = sc.editor->moveToScene(value, 10);
        else if (op == "nudge") ok = sc.editor->nudge(value, 0, 0);
        else if (op == "crs") ok = sc.editor->setCrsPosition(value, 3992000, 0);
        else if (op == "far") ok = sc.editor->moveToScene(value, 0);
        QVERIFY(!ok);
        QVERIFY2(sc.editor->lastError().contains(message), qPrintable(sc.editor->lastError()));
        QVERIFY(messages.count() >= 1);
        QVERIFY(sc.transform(kModel) == t0);
        QCOMPARE(sc.layers.model()->layer(kModel)->placement, p0);
        QVERIFY(near(sc.editor->scenePosition(), t0.offset, 1e-12));
        QVERIFY(!sc.editor->dirty());
    }

    void ungeoreferencedSceneIsRefused()
    {
        // the model alone, without its sidecar: a local frame, no CRS to save a placement in
        const QString copy = m_tmp.filePath("local/house.glb");
        QVERIFY(QDir().mkpath(QFileInfo(copy).path()));
        QFile::remove(copy);
        QVERIFY(QFile::copy(m_model, copy));
        TileStreamer s;
        TileDrawableModel dm;
        LayerManager lm(&s, &dm);
        QVERIFY(lm.addPath(copy));
        PlacementEditor ed(&s, &lm, [] { return topDown(Vec3d(), 100); });
        QVERIFY(!ed.edit("house"));
        QVERIFY2(ed.lastError().contains("no CRS"), qPrintable(ed.lastError()));
        QVERIFY(!ed.beginPlaceNew(m_model));
        QVERIFY(!ed.placing());
    }

    void placementRoundTripsThroughTheProjectFile_data()
    {
        QTest::addColumn<double>("x");
        QTest::addColumn<double>("y");
        QTest::addColumn<double>("heading");
        QTest::addColumn<double>("scale");
        QTest::newRow("moved") << 150.25 << 260.75 << 0.0 << 1.0;
        QTest::newRow("turned and scaled") << 310.0 << 90.0 << 37.5 << 1.3;
        QTest::newRow("negative heading") << 20.0 << 380.0 << -120.0 << 0.75;
    }
    void placementRoundTripsThroughTheProjectFile()
    {
        QFETCH(double, x);
        QFETCH(double, y);
        QFETCH(double, heading);
        QFETCH(double, scale);
        const QString file = m_tmp.filePath(QStringLiteral("trip/%1.liyuan.json").arg(QTest::currentDataTag()).replace(' ', '_'));
        QVERIFY(QDir().mkpath(QFileInfo(file).path()));
        DatasetTransform placed;
        {
            Scene sc;
            QVERIFY(sc.open(m_demo, m_model));
            QSignalSpy changed(&sc.layers, &LayerManager::changed);
            QVERIFY(sc.editor->edit(kModel));
            QVERIFY(sc.editor->setHeading(heading));
            QVERIFY(sc.editor->setScale(scale));
            QVERIFY(sc.editor->moveToScene(x, y));
            sc.editor->commit();
            QVERIFY(changed.count() >= 3); // every change marks the project dirty
            placed = sc.transform(kModel);
            ProjectFile pf;
            pf.layers = sc.layers.toJson(QFileInfo(file).dir());
            pf.crs = sc.streamer.sceneFrame().crs().definition();
            pf.origin = sc.streamer.sceneFrame().origin();
            pf.hasFrame = true;
            QString error;
            QVERIFY2(pf.save(file, &error), qPrintable(error));
        }
        ProjectFile back;
        QString error;
        QVERIFY2(ProjectFile::load(file, &back, &error), qPrintable(error));
        TileStreamer s;
        TileDrawableModel dm;
        LayerManager lm(&s, &dm);
        s.setSceneFrame(LocalFrame(Crs::fromString(back.crs), back.origin));
        for (const QJsonValue &v : back.layers) {
            const QJsonObject l = v.toObject();
            QVERIFY(lm.addPath(QFileInfo(file).dir().absoluteFilePath(l.value("path").toString()), l));
        }
        const LayerEntry *e = lm.model()->layer(kModel);
        QVERIFY(e);
        const DatasetTransform t = s.datasets()[size_t(e->dataset)].transform();
        QVERIFY2(near(t.offset, placed.offset, 0.01), qPrintable(str(t.offset) + " vs " + str(placed.offset)));
        QVERIFY(std::abs(t.headingDeg - placed.headingDeg) < 1e-6);
        QVERIFY(std::abs(t.scale - placed.scale) < 1e-12);
    }

    void placeNewModelAtAPickedPoint()
    {
        Scene sc;
        QVERIFY(sc.open(m_demo, QString()));
        QVERIFY(!sc.editor->beginPlaceNew(m_demo.datasetDir + "/metadata.xml")); // not a model
        QVERIFY(!sc.editor->beginPlaceNew(m_tmp.filePath("missing.glb")));
        QVERIFY(sc.editor->beginPlaceNew(m_model));
        QVERIFY(sc.editor->placing());
        // click the view centre: the model lands where the ray meets the ground
        Vec3d o, d;
        sc.view.rayThrough(400, 300, &o, &d);
        Vec3d ground;
        QVERIFY(sc.streamer.pick(o, d, &ground));
        QVERIFY(sc.editor->clickAt(400, 300));
        QVERIFY(!sc.editor->placing());
        QVERIFY(sc.editor->active());
        const QString id = sc.editor->layerId();
        QCOMPARE(sc.layers.model()->layer(id)->kind, QStringLiteral("model"));
        const DatasetTransform t = sc.transform(id);
        QVERIFY2(near(Vec3d(t.offset.x, t.offset.y, 0), Vec3d(ground.x, ground.y, 0), 1e-6), qPrintable(str(t.offset)));
        // once the model is in, it snaps under its footprint centre
        settle(sc.streamer, sc.view);
        sc.editor->refreshHandles();
        Vec3d mn, mx;
        QVERIFY(sc.streamer.bounds(sc.dataset(id), &mn, &mx));
        double z = 0;
        QVERIFY(directGround(sc.streamer, (mn.x + mx.x) / 2, (mn.y + mx.y) / 2, sc.dataset(id), &z));
        QVERIFY2(std::abs(sc.transform(id).offset.z - z) < 1e-6, qPrintable(str(sc.transform(id).offset)));
        QCOMPARE(sc.layers.model()->layer(id)->placement.value("crs").toString(), QStringLiteral("EPSG:4549"));
    }

    void handlesAreHitWhereTheyAreDrawn()
    {
        Scene sc;
        QVERIFY(sc.open(m_demo, m_model));
        QVERIFY(sc.editor->edit(kModel));
        sc.view = oblique(Vec3d(sc.editor->handleCenter().x(), sc.editor->handleCenter().y(), 0), 250);
        sc.editor->refreshHandles();
        const QVector3D c = sc.editor->handleCenter();
        const double r = sc.editor->handleRadius();
        QPointF centre, east, north, corner;
        QVERIFY(sc.editor->project(Vec3d(c.x(), c.y(), c.z()), &centre));
        QVERIFY(sc.editor->project(Vec3d(c.x() - r, c.y(), c.z()), &east)); // the ring's west point
        QVERIFY(sc.editor->project(Vec3d(c.x(), c.y() - r, c.z()), &north)); // its south point
        const QVector3D bm = sc.editor->boundsMax();
        QVERIFY(sc.editor->project(Vec3d(bm.x(), bm.y(), bm.z()), &corner));
        QCOMPARE(sc.editor->handleAt(centre.x(), centre.y()), QStringLiteral("move"));
        QCOMPARE(sc.editor->handleAt(east.x(), east.y()), QStringLiteral("rotate"));
        QCOMPARE(sc.editor->handleAt(corner.x(), corner.y()), QStringLiteral("scale"));
        QCOMPARE(sc.editor->handleAt(2, 2), QString());
        QCOMPARE(sc.editor->handleAt(qQNaN(), 3), QString());
        // drag the ring from its west point to its south point: a quarter turn anticlockwise
        const double h0 = sc.transform(kModel).headingDeg;
        QVERIFY(sc.editor->beginDrag(east.x(), east.y()));
        QCOMPARE(sc.editor->activeHandle(), QStringLiteral("rotate"));
        QVERIFY(sc.editor->dragTo(north.x(), north.y()));
        sc.editor->endDrag();
        const double turned = std::remainder(sc.transform(kModel).headingDeg - h0, 360.0);
        QVERIFY2(std::abs(turned - (-90.0)) < 2.0, qPrintable(QString::number(turned)));
        // drag the centre disc: the model follows the cursor on the ground plane
        sc.editor->setSnapToGround(false);
        QVERIFY(sc.editor->project(Vec3d(sc.editor->handleCenter().x(), sc.editor->handleCenter().y(), sc.editor->handleCenter().z()), &centre));
        const Vec3d p0 = sc.editor->scenePosition();
        QVERIFY(sc.editor->beginDrag(centre.x(), centre.y()));
        QVERIFY(sc.editor->dragTo(centre.x() + 40, centre.y()));
        sc.editor->endDrag();
        QVERIFY(!near(sc.editor->scenePosition(), p0, 0.5));
        QCOMPARE(sc.editor->scenePosition().z, p0.z);
    }

    void keysEditAndFinish()
    {
        Scene sc;
        QVERIFY(sc.open(m_demo, m_model));
        QVERIFY(!sc.editor->handleKey(Qt::Key_Left, 0)); // nothing edited: the camera keeps its keys
        QVERIFY(sc.editor->edit(kModel));
        const DatasetTransform t0 = sc.transform(kModel);
        QVERIFY(sc.editor->handleKey(Qt::Key_Right, 0));
        QVERIFY(std::abs(sc.transform(kModel).offset.x - t0.offset.x - 1.0) < 1e-9);
        QVERIFY(sc.editor->handleKey(Qt::Key_Up, Qt::ShiftModifier));
        QVERIFY(std::abs(sc.transform(kModel).offset.y - t0.offset.y - 10.0) < 1e-9);
        QVERIFY(sc.editor->handleKey(Qt::Key_BracketRight, 0));
        QVERIFY(std::abs(sc.transform(kModel).headingDeg - t0.headingDeg - 5.0) < 1e-9);
        QVERIFY(sc.editor->handleKey(Qt::Key_Plus, 0));
        QVERIFY(std::abs(sc.transform(kModel).scale - 1.05) < 1e-12);
        QVERIFY(sc.editor->handleKey(Qt::Key_Escape, 0));
        QVERIFY(!sc.editor->active());
        QVERIFY(near(sc.transform(kModel).offset, t0.offset, 1e-9));
        QCOMPARE(sc.transform(kModel).headingDeg, t0.headingDeg);
        QCOMPARE(sc.transform(kModel).scale, t0.scale);
    }

    void placeSpecParses_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("ok");
        QTest::addColumn<QString>("id");
        QTest::addColumn<bool>("hasZ");
        QTest::addColumn<bool>("hasHeading");
        QTest::addColumn<double>("scale");
        QTest::newRow("x,y") << "house:10,20" << true << "house" << false << false << 1.0;
        QTest::newRow("x,y,z") << "house:10,20,3.5" << true << "house" << true << false << 1.0;
        QTest::newRow("all") << "a:b:1,2,3,90,1.5" << true << "a:b" << true << true << 1.5;
        QTest::newRow("z omitted, heading") << "house:1,2,,45" << true << "house" << false << true << 1.0;
        QTest::newRow("no id") << ":1,2" << false << "" << false << false << 1.0;
        QTest::newRow("no colon") << "house" << false << "" << false << false << 1.0;
        QTest::newRow("one number") << "house:1" << false << "" << false << false << 1.0;
        QTest::newRow("too many") << "house:1,2,3,4,5,6" << false << "" << false << false << 1.0;
        QTest::newRow("nan") << "house:nan,2" << false << "" << false << false << 1.0;
        QTest::newRow("inf") << "house:1,inf" << false << "" << false << false << 1.0;
        QTest::newRow("words") << "house:east,north" << false << "" << false << false << 1.0;
        QTest::newRow("scale 0") << "house:1,2,3,4,0" << false << "" << false << false << 1.0;
        QTest::newRow("scale negative") << "house:1,2,,,-1" << false << "" << false << false << 1.0;
    }
    void placeSpecParses()
    {
        QFETCH(QString, text);
        QFETCH(bool, ok);
        QFETCH(QString, id);
        QFETCH(bool, hasZ);
        QFETCH(bool, hasHeading);
        QFETCH(double, scale);
        PlacementEditor::PlaceSpec s;
        QString error;
        QCOMPARE(PlacementEditor::parsePlaceSpec(text, &s, &error), ok);
        if (!ok) {
            QVERIFY(error.contains("--place"));
            return;
        }
        QCOMPARE(s.layerId, id);
        QCOMPARE(s.hasZ, hasZ);
        QCOMPARE(s.hasHeading, hasHeading);
        QCOMPARE(s.scale, scale);
    }

    void applySpecRunsTheEditor()
    {
        Scene sc;
        QVERIFY(sc.open(m_demo, m_model));
        PlacementEditor::PlaceSpec s;
        QString error;
        QVERIFY(PlacementEditor::parsePlaceSpec(QStringLiteral("%1:180,140,,30,1.2").arg(kModel), &s, &error));
        QVERIFY2(sc.editor->applySpec(s, &error), qPrintable(error));
        QVERIFY(!sc.editor->active());
        DatasetTransform t = sc.transform(kModel);
        QCOMPARE(t.offset.x, 180.0);
        QCOMPARE(t.offset.y, 140.0);
        QVERIFY(std::abs(t.headingDeg - 30) < 1e-9);
        QCOMPARE(t.scale, 1.2);
        Vec3d mn, mx;
        QVERIFY(sc.streamer.bounds(sc.dataset(kModel), &mn, &mx));
        double z = 0;
        QVERIFY(directGround(sc.streamer, (mn.x + mx.x) / 2, (mn.y + mx.y) / 2, sc.dataset(kModel), &z));
        QVERIFY(std::abs(t.offset.z - z) < 1e-6);
        // an explicit height is kept
        QVERIFY(PlacementEditor::parsePlaceSpec(QStringLiteral("%1:180,140,12.5").arg(kModel), &s, &error));
        QVERIFY(sc.editor->applySpec(s, &error));
        QCOMPARE(sc.transform(kModel).offset.z, 12.5);
        QVERIFY(sc.editor->snapToGround()); // restored
        // not a model
        QVERIFY(PlacementEditor::parsePlaceSpec("district:1,2", &s, &error));
        QVERIFY(!sc.editor->applySpec(s, &error));
        QVERIFY(error.contains("not a model layer"));
    }
};

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("DISPLAY") && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    // the app's cache folder: the demo district is generated once for the app and the tests
    QCoreApplication::setOrganizationName(QStringLiteral("Liyuan"));
    QCoreApplication::setApplicationName(QStringLiteral("liyuan"));
    tst_PlacementEditor t;
    return QTest::qExec(&t, argc, argv);
}

#include "tst_placementeditor.moc"
