// ReviewController on the real demo district, headless (TileStreamer driven by hand, no
// window): measurements built from clicks (rays) against the placed c_tower.glb, a sightline
// through it, the height-limit check with the GeoPackage zones (c_tower: one violation,
// 27 m; the a/b scheme models: none; re-run when layers change), CSV and GeoJSON export read
// back (coordinates against PROJ through CoordinateTransform), hostile input; and one run
// of the real binary with --measure asserting the "review" part of --state-json. A model
// turned 45° (a glb written here by the demo's GltfWriter) is checked by its real footprint,
// the convex hull of its vertices, not its axis-aligned bounds. Measurements are saved in a
// project by the real binary (--measure … --save-project) and come back, recomputed, when it
// is opened; malformed ones in the file are skipped with a message.
#include "TopDownView.h"
#include "AppRunner.h"
#include "GltfWriter.h"
#include "LayerManager.h"
#include "ReviewController.h"

#include <liyuan/assimp/ModelTileReader.h>
#include <liyuan/demo/DemoDistrict.h>
#include <liyuan/geodata/ContextCaptureMetadata.h>
#include <liyuan/geodata/CoordinateTransform.h>
#include <liyuan/geodata/VectorDataset.h>
#include <liyuan/osgb/OsgbReader.h>
#include <liyuan/scene/TileStreamer.h>
#include <liyuan/scene/quick/TileDrawableModel.h>

#include <QElapsedTimer>
#include <QGuiApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QThread>
#include <QtTest>

#include <cmath>
#include <memory>

using namespace liyuan;

Q_DECLARE_METATYPE(liyuan::Vec3d)

namespace {

using liyuan::test::topDown; // 45°, 1280×720

/** Streams until nothing is left to load for the view (and the layers are prepared). */
void settle(TileStreamer &s, LayerManager &layers, const ViewState &v, int maxMs = 120000)
{
    QElapsedTimer t;
    t.start();
    int frames = 0;
    do {
        s.update(v);
        ++frames;
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
        if (!layers.busy() && s.rootsReady() && s.isSettled() && frames > 2) {
            s.update(v);
            if (s.isSettled())
                break;
        }
        QThread::msleep(2);
    } while (t.elapsed() < maxMs);
}

/** Splits one CSV record (RFC 4180 quoting). */
QList<QByteArray> csvSplit(const QByteArray &line)
{
    QList<QByteArray> fields{QByteArray()};
    bool quoted = false;
    for (qsizetype i = 0; i < line.size(); ++i) {
        const char c = line[i];
        if (quoted) {
            if (c == '"' && i + 1 < line.size() && line[i + 1] == '"')
                fields.last() += line[++i];
            else if (c == '"')
                quoted = false;
            else
                fields.last() += c;
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            fields.append(QByteArray());
        } else {
            fields.last() += c;
        }
    }
    return fields;
}

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}

QJsonObject readJson(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(f.readAll()).object();
}

/** A glb slab (glTF: x east, y up, z south) 2·hx long, 2·hz deep, h tall, its base centred on the origin. */
bool writeSlab(const QString &path, double hx, double hz, double h, QString *error)
{
    demo::GltfWriter w;
    demo::GltfWriter::Primitive p;
    for (double y : {0.0, h})
        for (double z : {-hz, hz})
            for (double x : {-hx, hx}) {
                p.positions.push_back(float(x));
                p.positions.push_back(float(y));
                p.positions.push_back(float(z));
            }
    // vertex i: x = i&1, z = i&2, y = i&4; faces outwards, counter-clockwise
    const uint32_t quads[6][4] = {{0, 1, 3, 2}, {4, 6, 7, 5}, {0, 4, 5, 1}, {2, 3, 7, 6}, {0, 2, 6, 4}, {1, 5, 7, 3}};
    for (const auto &q : quads)
        p.indices.insert(p.indices.end(), {q[0], q[1], q[2], q[0], q[2], q[3]});
    p.material = w.addMaterial(QStringLiteral("concrete"), QColor(200, 200, 190));
    const int mesh = w.addMesh(QStringLiteral("slab"), {p});
    w.addNode(QStringLiteral("slab"), -1, mesh);
    return w.write(path, error);
}

/** One protection zone as GeoJSON (legacy crs member), its ring in the scene frame moved by origin. */
QByteArray zoneGeoJson(const QString &crs, const Vec3d &origin, const QString &name, double limit, const std::vector<Vec3d> &ring)
{
    QJsonArray coords;
    for (const Vec3d &p : ring)
        coords.append(QJsonArray{origin.x + p.x, origin.y + p.y});
    coords.append(coords.first());
    const QJsonObject feature{{"type", "Feature"},
                              {"properties", QJsonObject{{"name", name}, {"max_height", limit}}},
                              {"geometry", QJsonObject{{"type", "Polygon"}, {"coordinates", QJsonArray{coords}}}}};
    return QJsonDocument(QJsonObject{{"type", "FeatureCollection"},
                                     {"crs", QJsonObject{{"type", "name"}, {"properties", QJsonObject{{"name", crs}}}}},
                                     {"features", QJsonArray{feature}}})
            .toJson();
}

std::vector<Vec3d> square(double x0, double y0, double x1, double y1)
{
    return {{x0, y0, 0}, {x1, y0, 0}, {x1, y1, 0}, {x0, y1, 0}};
}

/** A camera path (OSG AnimationPath text) looking straight down at (x, y) from height z, scene frame. */
QString writeTopDownPath(const QString &file, double x, double y, double z)
{
    const QString pose = QStringLiteral("%1 %2 %3 0 0 0 1\n").arg(x, 0, 'f', 3).arg(y, 0, 'f', 3).arg(z, 0, 'f', 3);
    writeFile(file, (QStringLiteral("0 ") + pose + QStringLiteral("1 ") + pose).toUtf8());
    return file;
}

QList<QByteArray> csvLines(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    QList<QByteArray> lines = f.readAll().split('\n');
    while (!lines.isEmpty() && lines.last().trimmed().isEmpty())
        lines.removeLast();
    for (QByteArray &l : lines)
        l = l.trimmed();
    return lines;
}

} // namespace

class tst_ReviewController : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void parseSpec_data();
    void parseSpec();
    void heightCheckFlagsTheTower();
    void heightCheckPassesSchemeModels();
    void heightCheckWithoutZones();
    void clickMeasurements();
    void areaNeedsThreePoints();
    void sightlineThroughTheTower_data();
    void sightlineThroughTheTower();
    void exportsReadBack();
    void exportHostile_data();
    void exportHostile();
    void stateJsonShape();
    void realBinaryMeasure();
    void turnedModelCheckedByItsHull();
    void restoredMeasurements();
    void realBinaryMeasurementsSavedInProject();

private:
    void openScene(const QStringList &models, bool zones = true);
    Vec3d towerCenter() const;

    demo::DemoDistrictResult m_demo;
    QString m_schemes;
    std::unique_ptr<TileStreamer> m_streamer;
    std::unique_ptr<TileDrawableModel> m_drawables;
    std::unique_ptr<LayerManager> m_layers;
    std::unique_ptr<ReviewController> m_review;
    QTemporaryDir m_tmp;
};

void tst_ReviewController::initTestCase()
{
    osgb::registerOsgbReader();
    assimp::registerModelReader();
    registerGdalDrivers();
    const QString dir = qEnvironmentVariableIsSet("LIYUAN_DEMO_DIR") ? qEnvironmentVariable("LIYUAN_DEMO_DIR")
                                                                      : demo::defaultDemoDistrictDir();
    m_demo = demo::ensureDemoDistrict(dir);
    QVERIFY2(m_demo.ok, qPrintable(m_demo.error));
    m_schemes = QFileInfo(m_demo.schemesFile).path();
    QVERIFY(QFileInfo::exists(m_schemes + QStringLiteral("/c_tower.glb.geo.json")));
}

void tst_ReviewController::openScene(const QStringList &models, bool zones)
{
    m_review.reset();
    m_layers.reset();
    m_drawables.reset();
    m_streamer = std::make_unique<TileStreamer>();
    m_drawables = std::make_unique<TileDrawableModel>();
    m_streamer->setRenderer(m_drawables.get());
    m_layers = std::make_unique<LayerManager>(m_streamer.get(), m_drawables.get());
    m_review = std::make_unique<ReviewController>(m_streamer.get(), m_layers.get(), nullptr);
    QVERIFY(m_layers->addPath(m_demo.datasetDir));
    QVERIFY(m_layers->addPath(m_demo.demFile, QJsonObject{{QStringLiteral("kind"), QStringLiteral("terrain")}}));
    if (zones)
        QVERIFY(m_layers->addPath(m_demo.vectorFile, QJsonObject{{QStringLiteral("id"), QStringLiteral("heritage_zones")},
                                                                 {QStringLiteral("kind"), QStringLiteral("vector")},
                                                                 {QStringLiteral("sourceLayer"), 1},
                                                                 {QStringLiteral("opacity"), 0.2}}));
    for (const QString &m : models)
        QVERIFY(m_layers->addPath(m_schemes + QLatin1Char('/') + m));
    settle(*m_streamer, *m_layers, topDown(Vec3d(0, 0, 0), 2000));
    Vec3d mn, mx;
    QVERIFY(m_streamer->sceneBounds(&mn, &mx));
    // close over the schemes' blocks so the drawn tiles are fine ones
    settle(*m_streamer, *m_layers, topDown(towerCenter(), 250));
    if (zones)
        QVERIFY(m_layers->vectorData(QStringLiteral("heritage_zones")));
}

Vec3d tst_ReviewController::towerCenter() const
{
    // c_tower's sidecar position, in the scene frame
    QFile f(m_schemes + QStringLiteral("/c_tower.glb.geo.json"));
    if (!f.open(QIODevice::ReadOnly))
        return {};
    const QJsonArray p = QJsonDocument::fromJson(f.readAll()).object().value(QStringLiteral("position")).toArray();
    const Vec3d o = m_streamer->sceneFrame().origin();
    return Vec3d(p[0].toDouble() - o.x, p[1].toDouble() - o.y, p[2].toDouble() - o.z);
}

void tst_ReviewController::parseSpec_data()
{
    QTest::addColumn<QString>("spec");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QString>("kind");
    QTest::addColumn<int>("points");
    QTest::addColumn<QString>("errorPart");
    QTest::newRow("distance") << "distance:0,0,0;3,4,12" << true << "distance" << 2 << "";
    QTest::newRow("upper case, spaces") << "DISTANCE: 0, 0, 0 ; 3,4,12" << true << "distance" << 2 << "";
    QTest::newRow("area 4") << "area:0,0,0;10,0,0;10,5,0;0,5,0" << true << "area" << 4 << "";
    QTest::newRow("height") << "height:1,2,3" << true << "height" << 1 << "";
    QTest::newRow("sightline") << "sightline:0,0,0;100,0,0" << true << "sightline" << 2 << "";
    QTest::newRow("unknown kind") << "volume:0,0,0" << false << "" << 0 << "KIND";
    QTest::newRow("no colon") << "distance" << false << "" << 0 << "KIND";
    QTest::newRow("empty") << "" << false << "" << 0 << "KIND";
    QTest::newRow("one point distance") << "distance:0,0,0" << false << "" << 0 << "2 point";
    QTest::newRow("three point distance") << "distance:0,0,0;1,1,1;2,2,2" << false << "" << 0 << "2 point";
    QTest::newRow("two point area") << "area:0,0,0;1,1,1" << false << "" << 0 << "at least 3";
    QTest::newRow("two coordinates") << "height:1,2" << false << "" << 0 << "'1,2'";
    QTest::newRow("letters") << "height:a,b,c" << false << "" << 0 << "'a,b,c'";
    QTest::newRow("nan") << "height:nan,0,0" << false << "" << 0 << "nan";
    QTest::newRow("inf") << "height:inf,0,0" << false << "" << 0 << "inf";
}

void tst_ReviewController::parseSpec()
{
    QFETCH(QString, spec);
    QFETCH(bool, ok);
    QFETCH(QString, kind);
    QFETCH(int, points);
    QFETCH(QString, errorPart);
    QString k, error;
    std::vector<Vec3d> p;
    QCOMPARE(ReviewController::parseSpec(spec, &k, &p, &error), ok);
    if (ok) {
        QCOMPARE(k, kind);
        QCOMPARE(int(p.size()), points);
    } else {
        QVERIFY2(error.contains(errorPart), qPrintable(error));
        QVERIFY(error.contains(QLatin1String("--measure")));
    }
}

void tst_ReviewController::heightCheckFlagsTheTower()
{
    openScene({QStringLiteral("c_tower.glb")});
    QVERIFY(m_review->runHeightCheck());
    QCOMPARE(m_review->zoneCount(), 3);
    QCOMPARE(m_review->candidateCount(), 1); // the zones themselves are not candidates
    QCOMPARE(m_review->violations().size(), size_t(1));
    const HeightCheckResult &v = m_review->violations().front();
    QCOMPARE(v.buildingId, QStringLiteral("c_tower"));
    QCOMPARE(v.source, QStringLiteral("model"));
    QCOMPARE(v.limit, 16.0);
    // 12 floors × 3.5 m + 1 m roof = 43 m on the terrain: 27 m over the core zone's 16 m
    QVERIFY2(std::abs(v.height - 43.0) < 0.05, qPrintable(QString::number(v.height)));
    QVERIFY2(std::abs(v.excess - 27.0) < 0.05, qPrintable(QString::number(v.excess)));
    // highlighted: a red box in the triangle overlay, listed with its excess
    auto *boxes = static_cast<ReviewOverlayGeometry *>(m_review->boxes());
    QCOMPARE(boxes->vertexCount(), 36);
    const QVariantList list = m_review->heightChecks();
    QCOMPARE(list.size(), 1);
    QVERIFY(list[0].toMap().value(QStringLiteral("violation")).toBool());

    // hiding the model re-runs the check by itself: nothing left to check
    m_layers->setVisible(QStringLiteral("c_tower"), false);
    QTRY_COMPARE(m_review->candidateCount(), 0);
    QCOMPARE(m_review->violationCount(), 0);
    QCOMPARE(boxes->vertexCount(), 0);
    m_layers->setVisible(QStringLiteral("c_tower"), true);
    QTRY_COMPARE(m_review->violationCount(), 1);
}

void tst_ReviewController::heightCheckPassesSchemeModels()
{
    openScene({QStringLiteral("a_courtyard_west.glb"), QStringLiteral("a_courtyard_east.glb"),
               QStringLiteral("b_cultural_centre.glb")});
    QVERIFY(m_review->runHeightCheck());
    QCOMPARE(m_review->candidateCount(), 3);
    QCOMPARE(m_review->violationCount(), 0);
    for (const HeightCheckResult &r : m_review->heightCheckResults()) {
        QVERIFY2(r.inZone, qPrintable(r.buildingId));
        QVERIFY2(r.excess < 0, qPrintable(r.buildingId + QStringLiteral(" %1").arg(r.excess)));
    }
    // the tower added later: found by the automatic re-run once its tiles are in
    QVERIFY(m_layers->addPath(m_schemes + QStringLiteral("/c_tower.glb")));
    settle(*m_streamer, *m_layers, topDown(towerCenter(), 250));
    QTRY_COMPARE(m_review->violationCount(), 1);
    QCOMPARE(m_review->violations().front().buildingId, QStringLiteral("c_tower"));
}

void tst_ReviewController::heightCheckWithoutZones()
{
    openScene({QStringLiteral("c_tower.glb")}, false);
    QSignalSpy messages(m_review.get(), &ReviewController::message);
    QVERIFY(!m_review->runHeightCheck());
    QCOMPARE(m_review->zoneCount(), 0);
    QCOMPARE(m_review->violationCount(), 0);
    QVERIFY2(m_review->heightCheckMessage().contains(QLatin1String("max_height")), qPrintable(m_review->heightCheckMessage()));
    QCOMPARE(messages.size(), 1);
    // a zone attribute that no layer has: none either, and the message names it
    openScene({QStringLiteral("c_tower.glb")});
    m_review->setZoneAttributes({QStringLiteral("hoehe_max")});
    QVERIFY(!m_review->runHeightCheck());
    QVERIFY(m_review->heightCheckMessage().contains(QLatin1String("hoehe_max")));
    m_review->setZoneAttributes({QStringLiteral("max_height")});
    QVERIFY(m_review->runHeightCheck());
}

void tst_ReviewController::clickMeasurements()
{
    openScene({QStringLiteral("c_tower.glb")});
    Vec3d mn, mx;
    const int ds = m_layers->model()->layer(QStringLiteral("c_tower"))->dataset;
    QVERIFY(m_streamer->bounds(ds, &mn, &mx));
    const Vec3d c = (mn + mx) * 0.5;

    // height: a click straight down onto the roof → the model's top over the terrain
    m_review->setTool(QStringLiteral("height"));
    QVERIFY(m_review->clickRay(Vec3d(c.x, c.y, 500), Vec3d(0, 0, -1)));
    QCOMPARE(m_review->measurements().size(), size_t(1));
    const Measurement &h = m_review->measurements().back();
    QVERIFY2(h.valid, qPrintable(h.error));
    QVERIFY2(std::abs(h.points[0].z - mx.z) < 0.05, qPrintable(QString::number(h.points[0].z)));
    QVERIFY2(std::abs(h.heightAboveGround - 43.0) < 0.05, qPrintable(QString::number(h.heightAboveGround)));
    // the ground is the terrain: the model and the zone volumes are not ground
    QVERIFY(std::abs(h.ground.z - (mx.z - 43.0)) < 0.05);

    // distance: roof centre to a roof corner (same height) → horizontal only
    m_review->setTool(QStringLiteral("distance"));
    QVERIFY(m_review->clickRay(Vec3d(c.x, c.y, 500), Vec3d(0, 0, -1)));
    QCOMPARE(m_review->pendingPoints(), 1);
    QVERIFY(m_review->clickRay(Vec3d(mx.x - 1, mx.y - 1, 500), Vec3d(0, 0, -1)));
    QCOMPARE(m_review->pendingPoints(), 0);
    const Measurement &d = m_review->measurements().back();
    QVERIFY(d.valid);
    const double expected = std::hypot(mx.x - 1 - c.x, mx.y - 1 - c.y);
    QVERIFY2(std::abs(d.horizontal - expected) < 0.01, qPrintable(QString::number(d.horizontal)));
    QVERIFY(std::abs(d.vertical) < 0.05);
    // known geometry by points: 3-4-12 → 13
    QVERIFY(m_review->addPoint(Vec3d(0, 0, 0)));
    QVERIFY(m_review->addPoint(Vec3d(3, 4, 12)));
    QCOMPARE(m_review->measurements().back().distance3d, 13.0);
    QCOMPARE(m_review->measurements().back().horizontal, 5.0);
    QCOMPARE(m_review->measurements().back().vertical, 12.0);

    // area: the roof's corners → the footprint (horizontal = 3D on a flat roof)
    m_review->setTool(QStringLiteral("area"));
    for (const Vec3d &p : {Vec3d(mn.x + 1, mn.y + 1, 0), Vec3d(mx.x - 1, mn.y + 1, 0), Vec3d(mx.x - 1, mx.y - 1, 0),
                           Vec3d(mn.x + 1, mx.y - 1, 0)})
        QVERIFY(m_review->clickRay(Vec3d(p.x, p.y, 500), Vec3d(0, 0, -1)));
    QVERIFY(m_review->finish());
    const Measurement &a = m_review->measurements().back();
    const double area = (mx.x - mn.x - 2) * (mx.y - mn.y - 2);
    QVERIFY2(std::abs(a.horizontalArea - area) < 0.05, qPrintable(QString::number(a.horizontalArea)));
    QVERIFY(std::abs(a.area3d - area) < 0.05);
    QVERIFY(std::abs(a.perimeter - 2 * (mx.x - mn.x - 2 + mx.y - mn.y - 2)) < 0.05);

    // results list, labels projected for a view, removal
    QCOMPARE(m_review->results().size(), 4);
    m_review->updateLabels(topDown(c, 300));
    QCOMPARE(m_review->labels().size(), 5); // 4 results + the violation
    const QVariantMap label = m_review->labels().front().toMap();
    QVERIFY(label.value(QStringLiteral("x")).toDouble() > 0 && label.value(QStringLiteral("x")).toDouble() < 1280);
    m_review->removeResult(0);
    QCOMPARE(m_review->results().size(), 3);
    QCOMPARE(m_review->measurements().front().kind, Measurement::Kind::Distance);
    m_review->removeResult(99); // out of range: nothing
    m_review->removeResult(-1);
    QCOMPARE(m_review->results().size(), 3);

    // a click into the sky hits nothing; no tool: clicks are not taken
    QVERIFY(!m_review->clickRay(Vec3d(c.x, c.y, 500), Vec3d(0, 0, 1)));
    m_review->setTool(QString());
    QVERIFY(!m_review->clickRay(Vec3d(c.x, c.y, 500), Vec3d(0, 0, -1)));
    m_review->setTool(QStringLiteral("bogus"));
    QCOMPARE(m_review->tool(), QString());
    m_review->clear();
    QCOMPARE(m_review->results().size(), 0);
}

void tst_ReviewController::areaNeedsThreePoints()
{
    openScene({});
    m_review->setTool(QStringLiteral("area"));
    QVERIFY(!m_review->finish());
    m_review->addPoint(Vec3d(0, 0, 0));
    m_review->addPoint(Vec3d(0, 0, 0)); // a double-click adds the same point twice
    m_review->addPoint(Vec3d(10, 0, 0));
    QVERIFY(!m_review->finish());
    QVERIFY(m_review->status().contains(QLatin1String("three")));
    m_review->addPoint(Vec3d(10, 10, 0));
    QVERIFY(m_review->finish());
    QCOMPARE(m_review->measurements().back().horizontalArea, 50.0);
    // non-finite points are refused
    QVERIFY(!m_review->addPoint(Vec3d(NAN, 0, 0)));
}

void tst_ReviewController::sightlineThroughTheTower_data()
{
    QTest::addColumn<double>("height");
    QTest::addColumn<bool>("visible");
    // from 60 m west to 60 m east of the tower: at 25 m (over the 2-3 storey courtyard blocks
    // around it) the 43 m tower is in the way, at 60 m the line passes over it
    QTest::newRow("through") << 25.0 << false;
    QTest::newRow("over") << 60.0 << true;
}

void tst_ReviewController::sightlineThroughTheTower()
{
    QFETCH(double, height);
    QFETCH(bool, visible);
    openScene({QStringLiteral("c_tower.glb")});
    Vec3d mn, mx;
    QVERIFY(m_streamer->bounds(m_layers->model()->layer(QStringLiteral("c_tower"))->dataset, &mn, &mx));
    const Vec3d c = (mn + mx) * 0.5;
    m_review->setTool(QStringLiteral("sightline"));
    m_review->setEyeHeight(1.6);
    // the viewpoint as given is raised by the eye height, like a picked one
    QVERIFY(m_review->addPoint(Vec3d(mn.x - 60, c.y, mn.z + height - 1.6)));
    QVERIFY(m_review->addPoint(Vec3d(mx.x + 60, c.y, mn.z + height)));
    QCOMPARE(m_review->sightlines().size(), size_t(1));
    const Sightline &s = m_review->sightlines().front();
    QVERIFY2(s.valid, qPrintable(s.error));
    QVERIFY(std::abs(s.viewpoint.z - (mn.z + height)) < 1e-9);
    QCOMPARE(s.visible, visible);
    if (!visible) {
        // first obstruction: the tower's west face
        QVERIFY2(std::abs(s.obstruction.x - mn.x) < 0.05, qPrintable(QString::number(s.obstruction.x - mn.x)));
        QVERIFY(std::abs(s.distance - 60.0) < 0.05);
        // overlay: green up to the obstruction, red after it
        const auto *lines = static_cast<ReviewOverlayGeometry *>(m_review->lines());
        bool red = false;
        for (size_t i = 0; i + 6 < lines->vertices().size(); i += 7)
            red = red || (lines->vertices()[i + 3] > 0.9f && lines->vertices()[i + 4] < 0.5f);
        QVERIFY(red);
    }
}

void tst_ReviewController::exportsReadBack()
{
    openScene({QStringLiteral("c_tower.glb")});
    QVERIFY(m_review->runHeightCheck());
    m_review->setTool(QStringLiteral("distance"));
    const Vec3d a(10, 20, 5), b(40, 60, 5);
    m_review->addPoint(a);
    m_review->addPoint(b);
    m_review->setTool(QStringLiteral("sightline"));
    const Vec3d c = towerCenter();
    m_review->addPoint(c + Vec3d(-80, 0, 5));
    m_review->addPoint(c + Vec3d(80, 0, 5));

    const QString csv = m_tmp.filePath(QStringLiteral("review.csv"));
    QVERIFY2(m_review->exportCsv(QUrl::fromLocalFile(csv).toString()), qPrintable(m_review->status()));
    QList<QByteArray> lines = csvLines(csv);
    QCOMPARE(lines.size(), 2);
    const QList<QByteArray> header = csvSplit(lines[0]);
    QCOMPARE(header.first(), QByteArray("kind"));
    QVERIFY(header.contains("distance_3d_m"));
    const QList<QByteArray> row = csvSplit(lines[1]);
    QCOMPARE(row.size(), header.size());
    QCOMPARE(row[0], QByteArray("distance"));
    QCOMPARE(row[header.indexOf("distance_3d_m")].toDouble(), 50.0);
    QCOMPARE(row[header.indexOf("crs")].contains("4549"), true);
    lines = csvLines(m_tmp.filePath(QStringLiteral("review-sightlines.csv")));
    QCOMPARE(lines.size(), 2);
    {
        const QList<QByteArray> h = csvSplit(lines[0]), r = csvSplit(lines[1]);
        QCOMPARE(r.size(), h.size());
        QCOMPARE(r[h.indexOf("visible")], QByteArray("false")); // blocked by the tower
        QVERIFY(r[h.indexOf("obstruction_distance_m")].toDouble() > 0);
    }
    lines = csvLines(m_tmp.filePath(QStringLiteral("review-heightcheck.csv")));
    QCOMPARE(lines.size(), 2);
    QVERIFY(lines[1].contains("c_tower"));

    // GeoJSON in WGS84: the distance's ends against PROJ
    const QString gj = m_tmp.filePath(QStringLiteral("review.geojson"));
    QVERIFY2(m_review->exportGeoJson(gj, false), qPrintable(m_review->status()));
    QFile f(gj);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QJsonObject doc = QJsonDocument::fromJson(f.readAll()).object();
    QCOMPARE(doc.value(QStringLiteral("type")).toString(), QStringLiteral("FeatureCollection"));
    const QJsonArray features = doc.value(QStringLiteral("features")).toArray();
    QCOMPARE(features.size(), 3);
    const QJsonArray coords = features[0].toObject().value(QStringLiteral("geometry")).toObject().value(QStringLiteral("coordinates")).toArray();
    QCOMPARE(coords.size(), 2);
    const LocalFrame &frame = m_streamer->sceneFrame();
    const CoordinateTransform toWgs(frame.crs(), Crs::wgs84());
    QVERIFY(toWgs.isValid());
    for (int i = 0; i < 2; ++i) {
        bool ok = false;
        const Vec3d ll = toWgs.apply(frame.origin() + (i ? b : a), &ok);
        QVERIFY(ok);
        const QJsonArray p = coords[i].toArray();
        QVERIFY2(std::abs(p[0].toDouble() - ll.x) < 1e-7 && std::abs(p[1].toDouble() - ll.y) < 1e-7,
                 qPrintable(QStringLiteral("%1 %2 vs %3 %4").arg(p[0].toDouble(), 0, 'f', 8).arg(p[1].toDouble(), 0, 'f', 8)
                                    .arg(ll.x, 0, 'f', 8).arg(ll.y, 0, 'f', 8)));
        QVERIFY(p[0].toDouble() > 120 && p[0].toDouble() < 121 && p[1].toDouble() > 36 && p[1].toDouble() < 37);
    }
    QCOMPARE(features[2].toObject().value(QStringLiteral("properties")).toObject().value(QStringLiteral("violation")).toBool(), true);
    // projected: the frame's own coordinates and a crs member naming EPSG:4549
    QVERIFY(m_review->exportGeoJson(gj, true));
    f.close();
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QJsonObject proj = QJsonDocument::fromJson(f.readAll()).object();
    QVERIFY(QJsonDocument(proj).toJson().contains("EPSG::4549"));
    const QJsonArray pc = proj.value(QStringLiteral("features")).toArray()[0].toObject().value(QStringLiteral("geometry"))
                                  .toObject().value(QStringLiteral("coordinates")).toArray()[0].toArray();
    QVERIFY(std::abs(pc[0].toDouble() - (frame.origin().x + a.x)) < 2e-3);
    QVERIFY(std::abs(pc[1].toDouble() - (frame.origin().y + a.y)) < 2e-3);
}

void tst_ReviewController::exportHostile_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<bool>("geoJson");
    QTest::newRow("csv into a missing folder") << "/nonexistent-liyuan-dir/x.csv" << false;
    QTest::newRow("geojson into a missing folder") << "/nonexistent-liyuan-dir/x.geojson" << true;
    QTest::newRow("csv under /proc") << "/proc/liyuan-review.csv" << false;
    QTest::newRow("csv empty path") << "" << false;
    QTest::newRow("geojson empty path") << "" << true;
}

void tst_ReviewController::exportHostile()
{
    QFETCH(QString, path);
    QFETCH(bool, geoJson);
    if (!m_review)
        openScene({});
    m_review->setTool(QStringLiteral("distance"));
    m_review->addPoint(Vec3d(0, 0, 0));
    m_review->addPoint(Vec3d(1, 0, 0));
    const bool ok = geoJson ? m_review->exportGeoJson(path) : m_review->exportCsv(path);
    QVERIFY(!ok);
    QVERIFY(!m_review->status().isEmpty());
    if (!path.isEmpty())
        QVERIFY2(m_review->status().contains(path), qPrintable(m_review->status()));
    QVERIFY(path.isEmpty() || !QFileInfo::exists(path));
}

void tst_ReviewController::stateJsonShape()
{
    openScene({QStringLiteral("c_tower.glb")});
    m_review->setPendingSpecs({QStringLiteral("distance:0,0,0;3,4,12"), QStringLiteral("height:1,2"),
                               QStringLiteral("area:0,0,0;10,0,0;10,10,0")});
    QSignalSpy messages(m_review.get(), &ReviewController::message);
    const QJsonObject s = m_review->stateJson();
    QCOMPARE(messages.size(), 1); // the bad one
    const QJsonArray m = s.value(QStringLiteral("measurements")).toArray();
    QCOMPARE(m.size(), 2);
    QCOMPARE(m[0].toObject().value(QStringLiteral("distance3d")).toDouble(), 13.0);
    QCOMPARE(m[1].toObject().value(QStringLiteral("horizontalArea")).toDouble(), 50.0);
    const QJsonObject hc = s.value(QStringLiteral("heightCheck")).toObject();
    QCOMPARE(hc.value(QStringLiteral("zones")).toInt(), 3);
    QCOMPARE(hc.value(QStringLiteral("candidates")).toInt(), 1);
    const QJsonArray v = hc.value(QStringLiteral("violations")).toArray();
    QCOMPARE(v.size(), 1);
    for (const char *key : {"id", "name", "source", "zone", "limit", "height", "excess"})
        QVERIFY2(v[0].toObject().contains(QLatin1String(key)), key);
    QVERIFY(s.value(QStringLiteral("sightlines")).isArray());
}

void tst_ReviewController::realBinaryMeasure()
{
    // the demo district plus c_tower.glb (sidecar placement), as a script would check it
    const QString png = m_tmp.filePath(QStringLiteral("review.png"));
    const QString json = m_tmp.filePath(QStringLiteral("review.json"));
    const QString gpkgZones = m_demo.vectorFile;
    const AppRun r = runApp({m_demo.datasetDir, m_demo.demFile, gpkgZones, m_schemes + QStringLiteral("/c_tower.glb"),
                             QStringLiteral("--screenshot"), png, QStringLiteral("--state-json"), json,
                             QStringLiteral("--size"), QStringLiteral("640x400"),
                             QStringLiteral("--measure"), QStringLiteral("distance:0,0,0;30,40,0"),
                             QStringLiteral("--measure"), QStringLiteral("area:0,0,0;20,0,0;20,10,0;0,10,0")},
                            300000);
    QVERIFY2(r.finished && r.exitCode == 0, r.what().constData());
    QFile f(json);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QJsonObject review = QJsonDocument::fromJson(f.readAll()).object().value(QStringLiteral("review")).toObject();
    QVERIFY2(!review.isEmpty(), "no review in the state JSON");
    const QJsonArray m = review.value(QStringLiteral("measurements")).toArray();
    QCOMPARE(m.size(), 2);
    QCOMPARE(m[0].toObject().value(QStringLiteral("distance3d")).toDouble(), 50.0);
    QCOMPARE(m[1].toObject().value(QStringLiteral("horizontalArea")).toDouble(), 200.0);
    const QJsonObject hc = review.value(QStringLiteral("heightCheck")).toObject();
    QVERIFY2(hc.value(QStringLiteral("zones")).toInt() >= 3, qPrintable(QJsonDocument(hc).toJson()));
    // the gpkg's footprints are extruded and shown here too: the existing 24-floor tower breaks
    // its zone as well; the scheme model is the one from the model layer
    int models = 0;
    for (const QJsonValue &v : hc.value(QStringLiteral("violations")).toArray()) {
        const QJsonObject o = v.toObject();
        if (o.value(QStringLiteral("source")).toString() != QLatin1String("model"))
            continue;
        ++models;
        QCOMPARE(o.value(QStringLiteral("id")).toString(), QStringLiteral("c_tower"));
        QVERIFY2(std::abs(o.value(QStringLiteral("excess")).toDouble() - 27.0) < 0.05, qPrintable(QJsonDocument(o).toJson()));
    }
    QCOMPARE(models, 1);
    // a bad --measure is refused before any window opens
    const AppRun bad = runApp({QStringLiteral("--measure"), QStringLiteral("volume:1,2,3")}, 30000);
    QCOMPARE(bad.exitCode, 64);
    QVERIFY2(bad.err.contains(QLatin1String("--measure")), qPrintable(bad.err));
}

void tst_ReviewController::turnedModelCheckedByItsHull()
{
    // a 60 m × 8 m slab, 30 m tall, 120 m east of the tower, on the terrain; 12 m zones:
    // one in the empty north-east corner of its bounds once it is turned 45°, one over its
    // south-east end
    openScene({}, false);
    const LocalFrame &frame = m_streamer->sceneFrame();
    QVERIFY2(frame.crs().definition().contains(QLatin1String("4549")), qPrintable(frame.crs().definition()));
    const Vec3d at = towerCenter() + Vec3d(120, 0, 0);
    PickResult ground;
    QVERIFY(m_review->pickFiltered(Vec3d(at.x, at.y, 1000), Vec3d(0, 0, -1), [this](int ds) { return m_review->isGroundDataset(ds); },
                                   &ground));
    const Vec3d base(at.x, at.y, ground.point.z);
    const QString slab = m_tmp.filePath(QStringLiteral("slab.glb"));
    QString error;
    QVERIFY2(writeSlab(slab, 30, 4, 30, &error), qPrintable(error));
    const QString ne = m_tmp.filePath(QStringLiteral("zone_ne.geojson")), se = m_tmp.filePath(QStringLiteral("zone_se.geojson"));
    const Vec3d o = frame.origin() + Vec3d(at.x, at.y, 0);
    QVERIFY(writeFile(ne, zoneGeoJson(QStringLiteral("EPSG:4549"), o, QStringLiteral("north-east"), 12, square(10, 10, 30, 30))));
    QVERIFY(writeFile(se, zoneGeoJson(QStringLiteral("EPSG:4549"), o, QStringLiteral("south-east"), 12, square(15, -35, 35, -15))));
    auto placement = [&](double heading) {
        const Vec3d p = frame.origin() + base;
        return QJsonObject{{"crs", "EPSG:4549"}, {"position", QJsonArray{p.x, p.y, p.z}}, {"heading", heading}, {"scale", 1},
                           {"upAxis", "Y"}};
    };
    QVERIFY(m_layers->addPath(slab, QJsonObject{{"id", "slab"}, {"placement", placement(0)}}));
    QVERIFY(m_layers->addPath(ne, QJsonObject{{"id", "zone_ne"}, {"kind", "vector"}}));
    settle(*m_streamer, *m_layers, topDown(at, 250));
    QTRY_VERIFY(m_layers->vectorData(QStringLiteral("zone_ne")));
    const int ds = m_layers->model()->layer(QStringLiteral("slab"))->dataset;
    auto slabResult = [this]() -> const HeightCheckResult * {
        for (const HeightCheckResult &r : m_review->heightCheckResults())
            if (r.buildingId == QLatin1String("slab"))
                return &r;
        return nullptr;
    };
    for (const QString &rule : {QStringLiteral("centroid"), QStringLiteral("overlap")}) {
        QVERIFY(m_review->setZoneRule(rule));
        QVERIFY(m_review->runHeightCheck());
        QVERIFY(slabResult());
        QVERIFY2(!slabResult()->inZone, qPrintable(rule)); // not turned: 4 m from the corner zone's latitude
    }
    QVERIFY(!m_review->setZoneRule(QStringLiteral("inside"))); // unknown: ignored
    QCOMPARE(m_review->zoneRule(), QStringLiteral("overlap"));

    // turned 45° as the placement editor does: bounds 48 m square, footprint the slab
    QVERIFY2(m_layers->setModelPlacement(QStringLiteral("slab"), placement(45), &error), qPrintable(error));
    QVERIFY(m_review->runHeightCheck());
    const HeightCheckResult *r = slabResult();
    QVERIFY(r);
    Vec3d mn, mx;
    QVERIFY(m_streamer->bounds(ds, &mn, &mx));
    const double boundsArea = (mx.x - mn.x) * (mx.y - mn.y), hullArea = Measurement::projectedArea(r->footprint);
    qInfo("turned slab: footprint %zu vertices, %.2f m² (60 × 8 = 480); axis-aligned bounds %.2f m²", r->footprint.size(), hullArea,
          boundsArea);
    QCOMPARE(r->footprint.size(), size_t(4));
    QVERIFY2(std::abs(hullArea - 480.0) < 0.5, qPrintable(QString::number(hullArea)));
    QVERIFY2(std::abs(boundsArea - 2312.0) < 2.0, qPrintable(QString::number(boundsArea)));
    for (const Vec3d &v : r->footprint) // the hull's corners are the slab's, turned
        QVERIFY2(std::abs(std::hypot(v.x - at.x, v.y - at.y) - std::hypot(30.0, 4.0)) < 0.01,
                 qPrintable(QStringLiteral("%1 %2").arg(v.x - at.x).arg(v.y - at.y)));
    // next to the corner zone, not in it: passes by overlap (and by centroid)
    QVERIFY(!r->inZone);
    QVERIFY(!r->violation);
    QCOMPARE(m_review->violationCount(), 0);
    // the bounds as footprint (the old check) would have put it in the zone and flagged it
    {
        HeightLimitCheck old;
        old.setZoneRule(HeightLimitCheck::ZoneRule::Overlap);
        ProtectionZone z{QStringLiteral("ne"), QStringLiteral("north-east"), square(at.x + 10, at.y + 10, at.x + 30, at.y + 30), 12.0,
                         true, base.z};
        old.setZones({z});
        const std::vector<HeightCheckResult> flagged = old.check(
                {{"slab", "slab", "model", square(mn.x, mn.y, mx.x, mx.y), mn.z, mx.z}, {"slab", "slab", "model", r->footprint, mn.z, mx.z}});
        QVERIFY(flagged[0].inZone && flagged[0].violation);
        QVERIFY(!flagged[1].inZone && !flagged[1].violation);
    }

    // the zone over its south-east end: it stands there, 30 m over a 12 m limit
    QVERIFY(m_layers->addPath(se, QJsonObject{{"id", "zone_se"}, {"kind", "vector"}}));
    settle(*m_streamer, *m_layers, topDown(at, 250));
    QTRY_VERIFY(m_layers->vectorData(QStringLiteral("zone_se")));
    QVERIFY(m_review->runHeightCheck());
    QCOMPARE(m_review->zoneCount(), 2);
    r = slabResult();
    QVERIFY(r);
    QCOMPARE(r->zoneNames, QStringList{QStringLiteral("south-east")}); // not the corner zone
    QVERIFY(r->violation);
    QVERIFY2(std::abs(r->height - 30.0) < 0.5, qPrintable(QString::number(r->height)));
    QVERIFY2(std::abs(r->excess - (r->height - 12.0)) < 1e-6, qPrintable(QString::number(r->excess)));
    // drawn as a prism over the hull (36 triangle corners for 4 sides), no corner out at the bounds'
    const auto *boxes = static_cast<ReviewOverlayGeometry *>(m_review->boxes());
    QCOMPARE(boxes->vertexCount(), 36);
    for (size_t i = 0; i + 6 < boxes->vertices().size(); i += 7) {
        const double x = boxes->vertices()[i] - at.x, y = boxes->vertices()[i + 1] - at.y;
        // across the slab (its long axis runs north-west to south-east): 4 m + the 30 cm margin
        QVERIFY2(std::abs(x + y) / std::sqrt(2.0) < 4.3 + 1e-3, qPrintable(QStringLiteral("%1 %2").arg(x).arg(y)));
        QVERIFY(std::abs(x - y) / std::sqrt(2.0) < 30.3 + 1e-3);
    }
    // --state-json: the rule and the footprint's area
    const QJsonObject hc = m_review->stateJson().value(QStringLiteral("heightCheck")).toObject();
    QCOMPARE(hc.value(QStringLiteral("rule")).toString(), QStringLiteral("overlap"));
    const QJsonObject first = hc.value(QStringLiteral("violations")).toArray().first().toObject();
    QCOMPARE(first.value(QStringLiteral("id")).toString(), QStringLiteral("slab"));
    QVERIFY(std::abs(first.value(QStringLiteral("footprintArea")).toDouble() - 480.0) < 0.5);
    // by centroid the slab's centre is in neither zone
    QVERIFY(m_review->setZoneRule(QStringLiteral("centroid")));
    QVERIFY(m_review->runHeightCheck());
    QVERIFY(!slabResult()->inZone);
}

void tst_ReviewController::restoredMeasurements()
{
    openScene({QStringLiteral("c_tower.glb")});
    Vec3d mn, mx;
    QVERIFY(m_streamer->bounds(m_layers->model()->layer(QStringLiteral("c_tower"))->dataset, &mn, &mx));
    const Vec3d c = (mn + mx) * 0.5;
    m_review->setTool(QStringLiteral("distance"));
    m_review->addPoint(Vec3d(0, 0, 0));
    QSignalSpy edited(m_review.get(), &ReviewController::edited);
    const std::vector<ProjectMeasurement> saved{
            {QStringLiteral("height"), QStringLiteral("Height 7"), {Vec3d(c.x, c.y, mx.z)}},
            {QStringLiteral("distance"), QStringLiteral("Distance 2"), {Vec3d(0, 0, 0), Vec3d(3, 4, 12)}},
            {QStringLiteral("sightline"), QString(), {Vec3d(mn.x - 60, c.y, mn.z + 25), Vec3d(mx.x + 60, c.y, mn.z + 25)}},
            {QStringLiteral("area"), QStringLiteral("Area 3"), {Vec3d(0, 0, 0), Vec3d(10, 0, 0), Vec3d(10, 5, 0)}},
            {QStringLiteral("volume"), QStringLiteral("bogus"), {Vec3d(0, 0, 0)}},
            {QStringLiteral("area"), QStringLiteral("too small"), {Vec3d(0, 0, 0), Vec3d(1, 0, 0)}},
            {QStringLiteral("height"), QStringLiteral("not finite"), {Vec3d(NAN, 0, 0)}}};
    QSignalSpy messages(m_review.get(), &ReviewController::message);
    m_review->restoreMeasurements(saved, QStringLiteral("r.liyuan.json"));
    QCOMPARE(messages.size(), 3); // the three the file could not hold, by name
    for (const QList<QVariant> &m : messages)
        QVERIFY2(m.first().toString().startsWith(QLatin1String("r.liyuan.json: measurement ")), qPrintable(m.first().toString()));
    QCOMPARE(edited.size(), 0);               // opening a project is no edit
    QCOMPARE(m_review->pendingPoints(), 0);   // what was in progress is gone
    QCOMPARE(m_review->results().size(), 4);  // in the saved order
    QVERIFY(m_review->hasPendingRecompute());
    // distances and areas at once; heights and sightlines wait for the scene
    QCOMPARE(m_review->measurements()[1].distance3d, 13.0);
    QCOMPARE(m_review->measurements()[2].horizontalArea, 25.0);
    QVERIFY(!m_review->measurements()[0].valid);
    QVERIFY(m_review->results()[0].toMap().value(QStringLiteral("text")).toString().contains(QLatin1String("recomputed")));
    // the unlabelled sightline is numbered after the highest restored number
    QCOMPARE(m_review->sightlines()[0].label, QStringLiteral("Sightline 8"));
    m_review->onFrame(); // settled: recomputed
    QVERIFY(!m_review->hasPendingRecompute());
    const Measurement &h = m_review->measurements()[0];
    QVERIFY2(h.valid, qPrintable(h.error));
    QVERIFY2(std::abs(h.heightAboveGround - 43.0) < 0.05, qPrintable(QString::number(h.heightAboveGround)));
    const Sightline &s = m_review->sightlines()[0];
    QVERIFY2(s.valid, qPrintable(s.error));
    QVERIFY(!s.visible); // through the tower
    QVERIFY(std::abs(s.obstruction.x - mn.x) < 0.05);
    // saved back as restored (the viewpoint as it was: the eye height is not added twice)
    const std::vector<ProjectMeasurement> again = m_review->projectMeasurements();
    QCOMPARE(again.size(), size_t(4));
    QCOMPARE(again[2].kind, QStringLiteral("sightline"));
    QCOMPARE(again[2].points[0].z, mn.z + 25);
    QCOMPARE(again[3].points.size(), size_t(3));
    // the next measurement continues the numbering
    m_review->setTool(QStringLiteral("distance"));
    m_review->addPoint(Vec3d(0, 0, 0));
    m_review->addPoint(Vec3d(1, 0, 0));
    QCOMPARE(m_review->measurements().back().label, QStringLiteral("Distance 9"));
    QCOMPARE(edited.size(), 1);
    m_review->restoreMeasurements({}, QStringLiteral("empty.liyuan.json"));
    QCOMPARE(m_review->results().size(), 0);
}

void tst_ReviewController::realBinaryMeasurementsSavedInProject()
{
    // the demo district (photogrammetry, terrain, GeoPackage) plus c_tower.glb, a fixed top-down
    // camera over the tower (the same tiles drawn in every run): measurements of every kind
    // saved with the project …
    const ContextCaptureMetadata md = ContextCaptureMetadata::read(m_demo.datasetDir + QStringLiteral("/metadata.xml"));
    QVERIFY(md.ok);
    QFile sidecar(m_schemes + QStringLiteral("/c_tower.glb.geo.json"));
    QVERIFY(sidecar.open(QIODevice::ReadOnly));
    const QJsonArray pos = QJsonDocument::fromJson(sidecar.readAll()).object().value(QStringLiteral("position")).toArray();
    const Vec3d t = Vec3d(pos[0].toDouble(), pos[1].toDouble(), pos[2].toDouble()) - md.srsOrigin; // scene frame
    const QString path = writeTopDownPath(m_tmp.filePath(QStringLiteral("top.path")), t.x, t.y, t.z + 400);
    auto p = [&](double dx, double dy, double dz) {
        return QStringLiteral("%1,%2,%3").arg(t.x + dx, 0, 'f', 6).arg(t.y + dy, 0, 'f', 6).arg(t.z + dz, 0, 'f', 6);
    };
    const QStringList measures{
            QStringLiteral("distance:%1;%2").arg(p(-20.5, -20.25, 0), p(25.125, 15, 3)),
            QStringLiteral("area:%1;%2;%3;%4").arg(p(-40, -30, 1), p(40, -30, 1), p(40, 30, 2), p(-40, 30, 1)),
            QStringLiteral("height:%1").arg(p(35, 0, 10)),
            QStringLiteral("sightline:%1;%2").arg(p(-80, 0, 25 - 1.6), p(80, 0, 25))};
    const QString saved = m_tmp.filePath(QStringLiteral("trip/measured.liyuan.json"));
    QVERIFY(QDir().mkpath(QFileInfo(saved).path()));
    QStringList args{m_demo.datasetDir, m_demo.demFile, m_demo.vectorFile, m_schemes + QStringLiteral("/c_tower.glb"),
                     QStringLiteral("--camera-path"), path,
                     QStringLiteral("--size"), QStringLiteral("640x400"), QStringLiteral("--screenshot"),
                     m_tmp.filePath(QStringLiteral("m1.png")), QStringLiteral("--state-json"), m_tmp.filePath(QStringLiteral("m1.json")),
                     QStringLiteral("--save-project"), saved};
    for (const QString &m : measures)
        args << QStringLiteral("--measure") << m;
    AppRun r = runApp(args, 300000);
    QVERIFY2(r.finished && r.exitCode == 0, r.what().constData());
    const QJsonObject before = readJson(m_tmp.filePath(QStringLiteral("m1.json"))).value(QStringLiteral("review")).toObject();
    QCOMPARE(before.value(QStringLiteral("measurements")).toArray().size(), 3);
    QCOMPARE(before.value(QStringLiteral("sightlines")).toArray().size(), 1);
    // in the file: points (scene frame), kind and label, in the panel's order
    const QJsonObject file = readJson(saved);
    const QJsonArray kept = file.value(QStringLiteral("review")).toObject().value(QStringLiteral("measurements")).toArray();
    QCOMPARE(kept.size(), 4);
    const QStringList kinds{QStringLiteral("distance"), QStringLiteral("area"), QStringLiteral("height"), QStringLiteral("sightline")};
    for (int i = 0; i < 4; ++i) {
        QCOMPARE(kept[i].toObject().value(QStringLiteral("kind")).toString(), kinds[i]);
        QVERIFY(!kept[i].toObject().value(QStringLiteral("label")).toString().isEmpty());
    }
    QCOMPARE(kept[3].toObject().value(QStringLiteral("points")).toArray()[0].toArray()[2].toDouble(), t.z + 25); // eye height in

    // … and opened again: the same measurements, recomputed, with the same values
    r = runApp({saved, QStringLiteral("--camera-path"), path, QStringLiteral("--size"), QStringLiteral("640x400"),
                QStringLiteral("--screenshot"), m_tmp.filePath(QStringLiteral("m2.png")), QStringLiteral("--state-json"),
                m_tmp.filePath(QStringLiteral("m2.json"))},
               300000);
    QVERIFY2(r.finished && r.exitCode == 0, r.what().constData());
    const QJsonObject state2 = readJson(m_tmp.filePath(QStringLiteral("m2.json")));
    const QJsonObject after = state2.value(QStringLiteral("review")).toObject();
    const QJsonArray m1 = before.value(QStringLiteral("measurements")).toArray(), m2 = after.value(QStringLiteral("measurements")).toArray();
    QCOMPARE(m2.size(), m1.size());
    for (qsizetype i = 0; i < m1.size(); ++i) {
        const QJsonObject a = m1[i].toObject(), b = m2[i].toObject();
        QVERIFY2(b.value(QStringLiteral("valid")).toBool(), qPrintable(QJsonDocument(b).toJson()));
        for (const QString &key : a.keys()) {
            if (a.value(key).isDouble())
                QVERIFY2(std::abs(a.value(key).toDouble() - b.value(key).toDouble()) < 1e-6,
                         qPrintable(QStringLiteral("%1: %2 vs %3").arg(key).arg(a.value(key).toDouble(), 0, 'f', 9)
                                            .arg(b.value(key).toDouble(), 0, 'f', 9)));
            else
                QVERIFY2(a.value(key) == b.value(key), qPrintable(key + QStringLiteral(": ") + QJsonDocument(QJsonObject{{"a", a.value(key)}, {"b", b.value(key)}}).toJson()));
        }
    }
    QCOMPARE(m2[0].toObject().value(QStringLiteral("distance3d")).toDouble(), m1[0].toObject().value(QStringLiteral("distance3d")).toDouble());
    QVERIFY(std::abs(m2[1].toObject().value(QStringLiteral("horizontalArea")).toDouble() - 80.0 * 60.0) < 1e-3);
    QVERIFY(m2[2].toObject().value(QStringLiteral("heightAboveGround")).toDouble() > 1.0);
    const QJsonObject s1 = before.value(QStringLiteral("sightlines")).toArray().first().toObject();
    const QJsonObject s2 = after.value(QStringLiteral("sightlines")).toArray().first().toObject();
    QCOMPARE(s2.value(QStringLiteral("viewpoint")), s1.value(QStringLiteral("viewpoint")));
    QCOMPARE(s2.value(QStringLiteral("target")), s1.value(QStringLiteral("target")));
    QCOMPARE(s2.value(QStringLiteral("label")), s1.value(QStringLiteral("label")));
    QCOMPARE(s2.value(QStringLiteral("visible")).toBool(), false); // the tower is in the way
    QCOMPARE(s1.value(QStringLiteral("visible")).toBool(), false);
    QVERIFY(std::abs(s2.value(QStringLiteral("distance")).toDouble() - s1.value(QStringLiteral("distance")).toDouble()) < 1e-6);
    qInfo("reopened: distance %.4f m, area %.2f m², height %.4f m (saved run %.4f m), sightline blocked at %.4f m (saved run %.4f m)",
          m2[0].toObject().value(QStringLiteral("distance3d")).toDouble(), m2[1].toObject().value(QStringLiteral("horizontalArea")).toDouble(),
          m2[2].toObject().value(QStringLiteral("heightAboveGround")).toDouble(),
          m1[2].toObject().value(QStringLiteral("heightAboveGround")).toDouble(), s2.value(QStringLiteral("distance")).toDouble(),
          s1.value(QStringLiteral("distance")).toDouble());

    // a hand-edited file with malformed measurements: skipped with a message naming the file and
    // the entry; the rest of the project (layers, the good measurements) loads
    QJsonObject hostile = file;
    QJsonObject review = hostile.value(QStringLiteral("review")).toObject();
    QJsonArray list = review.value(QStringLiteral("measurements")).toArray();
    list.append(QJsonObject{{"kind", "area"}, {"label", "Broken area"}, {"points", QJsonArray{QJsonArray{0, 0, 0}, QJsonArray{1, 1, 1}}}});
    list.append(QJsonObject{{"kind", "distance"}, {"points", QJsonArray{QJsonArray{1e300, 0, 0}, QJsonArray{0, 0, 0}}}});
    list.append(42);
    list.append(QJsonObject{{"kind", "height"}, {"points", QJsonArray{QJsonArray{QJsonValue(), 0, 0}}}});
    list.append(QJsonObject{{"kind", "sightline"}, {"points", "here"}});
    review[QStringLiteral("measurements")] = list;
    hostile[QStringLiteral("review")] = review;
    const QString bad = m_tmp.filePath(QStringLiteral("trip/hand-edited.liyuan.json")); // same folder: paths hold
    QVERIFY(writeFile(bad, QJsonDocument(hostile).toJson()));
    r = runApp({bad, QStringLiteral("--camera-path"), path, QStringLiteral("--size"), QStringLiteral("320x200"),
                QStringLiteral("--screenshot"), m_tmp.filePath(QStringLiteral("m3.png")), QStringLiteral("--state-json"),
                m_tmp.filePath(QStringLiteral("m3.json"))},
               300000);
    QVERIFY2(r.finished && r.exitCode == 0, r.what().constData());
    const QJsonObject state3 = readJson(m_tmp.filePath(QStringLiteral("m3.json")));
    const QJsonObject review3 = state3.value(QStringLiteral("review")).toObject();
    QCOMPARE(review3.value(QStringLiteral("measurements")).toArray().size(), 3);
    QCOMPARE(review3.value(QStringLiteral("sightlines")).toArray().size(), 1);
    QCOMPARE(state3.value(QStringLiteral("layers")).toArray().size(), state2.value(QStringLiteral("layers")).toArray().size());
    const QStringList messages = state3.value(QStringLiteral("messages")).toVariant().toStringList();
    for (int i = 4; i < 9; ++i) {
        const QString where = QStringLiteral("%1: review.measurements[%2]").arg(QFileInfo(bad).absoluteFilePath()).arg(i);
        bool found = false;
        for (const QString &m : messages)
            found = found || (m.startsWith(where) && m.contains(QLatin1String("skipped")));
        QVERIFY2(found, qPrintable(where + QStringLiteral("\n") + messages.join(QLatin1Char('\n'))));
    }
    QVERIFY(messages.join(QLatin1Char('\n')).contains(QLatin1String("(\"Broken area\") skipped: an area takes at least 3 distinct points")));
}

QTEST_MAIN(tst_ReviewController)
#include "tst_reviewcontroller.moc"
