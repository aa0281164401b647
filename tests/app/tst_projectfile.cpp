// Project files: round trip, atomic save, hostile files; review measurements kept (points,
// kind, label) and malformed ones skipped with a message naming the file and the entry.
#include "TestRequire.h"
#include <csignal>
#include <sys/resource.h>
#include <unistd.h>
#include "ProjectFile.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QtTest>

#include <limits>

#include <sys/stat.h>

using namespace liyuan;

Q_DECLARE_METATYPE(std::vector<liyuan::Vec3d>)

namespace {
ProjectFile sample()
{
    ProjectFile p;
    p.hasFrame = true;
    p.crs = QStringLiteral("EPSG:4549");
    p.origin = Vec3d(528630, 3992050, 0);
    p.hasCamera = true;
    p.eye = Vec3d(120.5, -340.25, 210);
    p.rotation = QQuaternion::fromAxisAndAngle(1, 0, 0, 45);
    p.fovY = 50;
    p.layers.append(QJsonObject{{"id", "district"}, {"name", "示范街区"}, {"kind", "photogrammetry"},
                                {"path", "demo"}, {"visible", true}, {"opacity", 1.0}});
    p.layers.append(QJsonObject{{"id", "dem"}, {"name", "DEM"}, {"kind", "terrain"}, {"path", "gis/dem.tif"},
                                {"visible", false}, {"opacity", 0.5},
                                {"style", QJsonObject{{"verticalOffset", -0.3}}}});
    p.bookmarks << Bookmark{QStringLiteral("广场"), Vec3d(1, 2, 3), QQuaternion()};
    return p;
}

void write(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(bytes);
}

QJsonArray pt(double x, double y, double z)
{
    return QJsonArray{x, y, z};
}

/** A valid measurement record. */
QJsonObject distanceRecord(const QString &label)
{
    return QJsonObject{{"kind", "distance"}, {"label", label}, {"points", QJsonArray{pt(0, 0, 0), pt(3, 4, 12)}}};
}
} // namespace

class tst_ProjectFile : public QObject
{
    Q_OBJECT
private slots:
    void roundTrip()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("a.liyuan.json");
        QString error;
        QVERIFY2(sample().save(path, &error), qPrintable(error));
        ProjectFile back;
        QVERIFY2(ProjectFile::load(path, &back, &error), qPrintable(error));
        QCOMPARE(back.toJson(), sample().toJson());
        QCOMPARE(back.layers.size(), 2);
        QCOMPARE(back.bookmarks.first().name, QStringLiteral("广场"));
        QCOMPARE(back.eye.y, -340.25);
        // readable JSON
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QVERIFY(f.readAll().contains("\"format\": \"liyuan-project\""));
    }

    void schemesRoundTrip()
    {
        const QJsonObject placement{{"crs", "EPSG:4549"}, {"position", QJsonArray{527100.5, 3992050.25, 3}},
                                    {"heading", 30}, {"scale", 1}, {"upAxis", "Y"}};
        ProjectFile p = sample();
        p.models.append(QJsonObject{{"path", "models/kiosk.glb"}, {"name", "Kiosk"}, {"placement", placement}});
        p.schemes.append(QJsonObject{
                {"name", QStringLiteral("方案 A")},
                {"description", "low-rise"},
                {"models", QJsonArray{QJsonObject{{"path", "../schemes/a/tower.glb"}, {"placement", placement}},
                                      QJsonObject{{"path", "/abs/path/hall.ifc"}, {"placement", placement}}}},
                {"areas", QJsonArray{QJsonObject{{"mode", "flatten"}, {"height", 4.5}, {"crs", "EPSG:4549"},
                                                 {"polygon", QJsonArray{QJsonArray{527000, 3992000}, QJsonArray{527100, 3992000},
                                                                        QJsonArray{527100, 3992100}}}}}}});
        p.schemes.append(QJsonObject{{"name", "B"}, {"models", QJsonArray{}},
                                     {"areas", QJsonArray{QJsonObject{{"mode", "clip"}, {"crs", "EPSG:4326"},
                                                                      {"polygon", QJsonArray{QJsonArray{120.3, 36.0}, QJsonArray{120.31, 36.0},
                                                                                             QJsonArray{120.31, 36.01}, QJsonArray{120.3, 36.01}}}}}}});
        p.activeScheme = 1;
        QTemporaryDir dir;
        const QString path = dir.filePath("s.liyuan.json");
        QString error;
        QVERIFY2(p.save(path, &error), qPrintable(error));
        ProjectFile back;
        QVERIFY2(ProjectFile::load(path, &back, &error), qPrintable(error));
        QCOMPARE(back.toJson(), p.toJson());
        QCOMPARE(back.activeScheme, 1);
        QCOMPARE(back.schemes.size(), 2);
        QCOMPARE(back.models.size(), 1);
        // paths stay as written
        QCOMPARE(back.schemes[0].toObject()["models"].toArray()[0].toObject()["path"].toString(), QString("../schemes/a/tower.glb"));
        QCOMPARE(back.schemes[0].toObject()["models"].toArray()[1].toObject()["path"].toString(), QString("/abs/path/hall.ifc"));
        // switching the scheme survives a round trip
        back.activeScheme = 0;
        QVERIFY(back.save(path, &error));
        ProjectFile again;
        QVERIFY(ProjectFile::load(path, &again, &error));
        QCOMPARE(again.activeScheme, 0);
        // no schemes: nothing written, -1 read
        ProjectFile plain = sample();
        QVERIFY(!plain.toJson().contains("schemes") && !plain.toJson().contains("models"));
        ProjectFile plainBack;
        QVERIFY(ProjectFile::fromJson(plain.toJson(), "p", &plainBack, &error));
        QCOMPARE(plainBack.activeScheme, -1);
    }

    void badSchemes_data()
    {
        QTest::addColumn<QByteArray>("body"); // inserted into a valid project
        QTest::addColumn<QString>("fragment");
        const QByteArray pl = R"("placement": {"crs": "EPSG:4549", "position": [1, 2, 3]})";
        const QByteArray area = R"({"mode": "flatten", "crs": "EPSG:4549", "polygon": [[0,0],[1,0],[1,1]]})";
        auto scheme = [&](const QByteArray &models, const QByteArray &areas) {
            return QByteArray(R"("schemes": [{"name": "A", "models": [)") + models + "], \"areas\": [" + areas + "]}], ";
        };
        QTest::newRow("schemes not array") << QByteArray(R"("schemes": {}, )") << "\"schemes\" must be an array";
        QTest::newRow("scheme without name") << QByteArray(R"("schemes": [{"models": []}], )") << "schemes[0]: needs a \"name\"";
        QTest::newRow("scheme not object") << QByteArray(R"("schemes": [3], )") << "schemes[0]: must be an object";
        QTest::newRow("model without path") << scheme("{" + pl + "}", area) << "schemes[0].models[0]: needs a \"path\"";
        QTest::newRow("model without placement") << scheme(R"({"path": "a.glb"})", area) << "schemes[0].models[0]: needs a \"placement\"";
        QTest::newRow("placement unknown crs")
                << scheme(R"({"path": "a.glb", "placement": {"crs": "EPSG:1", "position": [1,2,3]}})", area)
                << "schemes[0].models[0].placement: crs: unknown CRS 'EPSG:1'";
        QTest::newRow("placement scale 0")
                << scheme(R"({"path": "a.glb", "placement": {"crs": "EPSG:4549", "position": [1,2,3], "scale": 0}})", area)
                << "schemes[0].models[0].placement: scale: must be greater than 0";
        QTest::newRow("area 2 points")
                << QByteArray(R"("schemes": [{"name": "A"}, {"name": "B", "areas": [{"mode": "clip", "crs": "EPSG:4549", "polygon": [[0,0],[1,1]]}]}], )")
                << "schemes[1].areas[0]: polygon needs at least 3 points";
        QTest::newRow("area bad mode")
                << scheme("", R"({"mode": "erase", "crs": "EPSG:4549", "polygon": [[0,0],[1,0],[1,1]]})") << "schemes[0].areas[0]: mode must be";
        QTest::newRow("area bad point")
                << scheme("", R"({"mode": "clip", "crs": "EPSG:4549", "polygon": [[0,0],[1,"x"],[1,1]]})") << "schemes[0].areas[0]: polygon[1] must be [x, y]";
        QTest::newRow("area without crs")
                << scheme("", R"({"mode": "clip", "polygon": [[0,0],[1,0],[1,1]]})") << "schemes[0].areas[0]: needs a \"crs\"";
        QTest::newRow("area height string")
                << scheme("", R"({"mode": "flatten", "height": "4", "crs": "EPSG:4549", "polygon": [[0,0],[1,0],[1,1]]})")
                << "schemes[0].areas[0]: height must be a number";
        QTest::newRow("active out of range") << scheme("", area) + R"("activeScheme": 1, )" << "activeScheme must be -1 or an index";
        QTest::newRow("active fractional") << scheme("", area) + R"("activeScheme": 0.5, )" << "activeScheme must be";
        QTest::newRow("standalone model bad placement")
                << QByteArray(R"("models": [{"path": "a.glb", "placement": {"crs": "EPSG:4549", "position": [1,2]}}], )")
                << "models[0].placement: position: needs three numbers";
    }
    void badSchemes()
    {
        QFETCH(QByteArray, body);
        QFETCH(QString, fragment);
        QTemporaryDir dir;
        const QString path = dir.filePath("p.liyuan.json");
        write(path, "{" + body + R"("format": "liyuan-project", "version": 1})");
        ProjectFile p;
        QString error;
        QVERIFY(!ProjectFile::load(path, &p, &error));
        QVERIFY2(error.startsWith(path + ": "), qPrintable(error));
        QVERIFY2(error.contains(fragment), qPrintable(error));
    }

    void measurementsRoundTrip_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("label");
        QTest::addColumn<std::vector<Vec3d>>("points");
        // scene-frame doubles with every bit significant: written and read back exactly
        const Vec3d a(120.123456789012, -340.987654321098, 12.000000000001), b(-0.1, 1e-9, 7.25);
        QTest::newRow("distance") << "distance" << "Distance 1" << std::vector<Vec3d>{a, b};
        QTest::newRow("distance unlabelled") << "distance" << "" << std::vector<Vec3d>{b, a};
        QTest::newRow("polyline") << "polyline" << "Route" << std::vector<Vec3d>{a, b, Vec3d(5, 5, 5)};
        QTest::newRow("area") << "area" << "Area 2" << std::vector<Vec3d>{{0, 0, 3}, {40.5, 0, 3}, {40.5, 20.25, 3.5}, {0, 20.25, 3}};
        QTest::newRow("area far out") << "area" << "远处 Area" << std::vector<Vec3d>{{9.99e6, -9.99e6, 0}, {9.99e6 + 1, -9.99e6, 0}, {9.99e6, -9.99e6 + 1, 0}};
        QTest::newRow("height") << "height" << "Height 3" << std::vector<Vec3d>{a};
        QTest::newRow("sightline") << "sightline" << "Sightline 4" << std::vector<Vec3d>{Vec3d(-60, 2, 26.6), Vec3d(80, 2.5, 25)};
    }
    void measurementsRoundTrip()
    {
        QFETCH(QString, kind);
        QFETCH(QString, label);
        QFETCH(std::vector<Vec3d>, points);
        ProjectFile p = sample();
        p.measurements.push_back({kind, label, points});
        QTemporaryDir dir;
        const QString path = dir.filePath("m.liyuan.json");
        QString error;
        QVERIFY2(p.save(path, &error), qPrintable(error));
        ProjectFile back;
        QVERIFY2(ProjectFile::load(path, &back, &error), qPrintable(error));
        QVERIFY2(back.warnings.isEmpty(), qPrintable(back.warnings.join('\n')));
        QCOMPARE(back.measurements.size(), size_t(1));
        const ProjectMeasurement &m = back.measurements.front();
        QCOMPARE(m.kind, kind);
        QCOMPARE(m.label, label);
        QCOMPARE(m.points.size(), points.size());
        for (size_t i = 0; i < points.size(); ++i) {
            QCOMPARE(m.points[i].x, points[i].x); // exact: doubles survive the JSON text
            QCOMPARE(m.points[i].y, points[i].y);
            QCOMPARE(m.points[i].z, points[i].z);
        }
        QCOMPARE(back.toJson(), p.toJson());
        // the rest of the project is untouched
        QCOMPARE(back.layers, p.layers);
        QCOMPARE(back.bookmarks.size(), 1);
    }

    void measurementsKeepTheirOrderAndTheZoneRule()
    {
        ProjectFile p = sample();
        p.measurements = {{"height", "Height 1", {Vec3d(1, 2, 3)}},
                          {"sightline", "Sightline 2", {Vec3d(0, 0, 1.6), Vec3d(100, 0, 0)}},
                          {"distance", "Distance 3", {Vec3d(0, 0, 0), Vec3d(1, 0, 0)}},
                          {"area", "Area 4", {Vec3d(0, 0, 0), Vec3d(1, 0, 0), Vec3d(1, 1, 0)}}};
        p.zoneRule = "overlap";
        QString error;
        ProjectFile back;
        QVERIFY2(ProjectFile::fromJson(p.toJson(), "order.liyuan.json", &back, &error), qPrintable(error));
        QCOMPARE(back.measurements.size(), size_t(4));
        const QStringList kinds{"height", "sightline", "distance", "area"};
        for (int i = 0; i < 4; ++i)
            QCOMPARE(back.measurements[size_t(i)].kind, kinds[i]);
        QCOMPARE(back.zoneRule, QStringLiteral("overlap"));
        // nothing to keep: no "review" member at all
        QVERIFY(!sample().toJson().contains("review"));
        ProjectFile plain;
        QVERIFY(ProjectFile::fromJson(sample().toJson(), "plain", &plain, &error));
        QVERIFY(plain.measurements.empty() && plain.zoneRule.isEmpty() && plain.warnings.isEmpty());
    }

    void measurementsHostile_data()
    {
        QTest::addColumn<QJsonValue>("entry"); // between two good ones
        QTest::addColumn<QString>("fragment");
        const double nan = std::numeric_limits<double>::quiet_NaN(), inf = std::numeric_limits<double>::infinity();
        const QJsonArray two{pt(0, 0, 0), pt(1, 1, 1)};
        QTest::newRow("not an object") << QJsonValue(42) << "must be an object";
        QTest::newRow("null") << QJsonValue() << "must be an object";
        QTest::newRow("missing points") << QJsonValue(QJsonObject{{"kind", "distance"}}) << "needs \"points\"";
        QTest::newRow("points a string") << QJsonValue(QJsonObject{{"kind", "distance"}, {"points", "0,0,0;1,1,1"}}) << "needs \"points\"";
        QTest::newRow("missing kind") << QJsonValue(QJsonObject{{"points", two}}) << "\"kind\" must be one of";
        QTest::newRow("kind a number") << QJsonValue(QJsonObject{{"kind", 3}, {"points", two}}) << "\"kind\" must be one of";
        QTest::newRow("unknown kind") << QJsonValue(QJsonObject{{"kind", "volume"}, {"points", two}}) << "\"kind\" must be one of";
        QTest::newRow("label a number") << QJsonValue(QJsonObject{{"kind", "distance"}, {"label", 7}, {"points", two}}) << "\"label\" must be a string";
        QTest::newRow("point of two") << QJsonValue(QJsonObject{{"kind", "distance"}, {"points", QJsonArray{QJsonArray{0, 0}, pt(1, 1, 1)}}}) << "points[0] must be three finite numbers";
        QTest::newRow("point a string") << QJsonValue(QJsonObject{{"kind", "distance"}, {"points", QJsonArray{pt(0, 0, 0), QJsonArray{1, "x", 1}}}}) << "points[1] must be";
        QTest::newRow("point an object") << QJsonValue(QJsonObject{{"kind", "height"}, {"points", QJsonArray{QJsonObject{{"x", 1}}}}}) << "points[0] must be";
        QTest::newRow("NaN") << QJsonValue(QJsonObject{{"kind", "distance"}, {"points", QJsonArray{pt(nan, 0, 0), pt(1, 1, 1)}}}) << "points[0] must be";
        QTest::newRow("infinity") << QJsonValue(QJsonObject{{"kind", "height"}, {"points", QJsonArray{QJsonValue(pt(0, 0, -inf))}}}) << "points[0] must be";
        QTest::newRow("1e300") << QJsonValue(QJsonObject{{"kind", "distance"}, {"points", QJsonArray{pt(0, 0, 0), pt(1e300, 1, 1)}}}) << "points[1] must be";
        QTest::newRow("just over 1e7") << QJsonValue(QJsonObject{{"kind", "sightline"}, {"points", QJsonArray{pt(0, 0, 0), pt(0, -1.0000001e7, 0)}}}) << "points[1] must be";
        QTest::newRow("area of two points") << QJsonValue(QJsonObject{{"kind", "area"}, {"points", two}}) << "at least 3 distinct";
        QTest::newRow("area of a repeated point") << QJsonValue(QJsonObject{{"kind", "area"}, {"points", QJsonArray{pt(0, 0, 0), pt(0, 0, 0), pt(1, 1, 0), pt(0, 0, 0)}}}) << "at least 3 distinct";
        QTest::newRow("area without points") << QJsonValue(QJsonObject{{"kind", "area"}, {"points", QJsonArray{}}}) << "at least 3 distinct";
        QTest::newRow("distance of three") << QJsonValue(QJsonObject{{"kind", "distance"}, {"points", QJsonArray{pt(0, 0, 0), pt(1, 1, 1), pt(2, 2, 2)}}}) << "takes 2 points, not 3";
        QTest::newRow("height of none") << QJsonValue(QJsonObject{{"kind", "height"}, {"points", QJsonArray{}}}) << "takes 1 point, not 0";
        QTest::newRow("sightline of one") << QJsonValue(QJsonObject{{"kind", "sightline"}, {"points", QJsonArray{QJsonValue(pt(0, 0, 0))}}}) << "takes 2 points, not 1";
        QTest::newRow("polyline of one") << QJsonValue(QJsonObject{{"kind", "polyline"}, {"points", QJsonArray{QJsonValue(pt(0, 0, 0))}}}) << "at least 2 points";
    }
    void measurementsHostile()
    {
        QFETCH(QJsonValue, entry);
        QFETCH(QString, fragment);
        QJsonObject o = sample().toJson();
        o["review"] = QJsonObject{{"measurements", QJsonArray{distanceRecord("Distance 1"), entry, distanceRecord("Distance 3")}}};
        // parsed in memory (NaN and infinity survive only here) …
        ProjectFile p;
        QString error;
        QVERIFY2(ProjectFile::fromJson(o, "hostile.liyuan.json", &p, &error), qPrintable(error));
        QCOMPARE(p.measurements.size(), size_t(2));
        QCOMPARE(p.measurements[0].label, QStringLiteral("Distance 1"));
        QCOMPARE(p.measurements[1].label, QStringLiteral("Distance 3"));
        QCOMPARE(p.warnings.size(), 1);
        const QString w = p.warnings.first();
        QVERIFY2(w.startsWith("hostile.liyuan.json: review.measurements[1]"), qPrintable(w));
        QVERIFY2(w.contains("skipped"), qPrintable(w));
        QVERIFY2(w.contains(fragment), qPrintable(w));
        // the rest of the project loads
        QCOMPARE(p.layers, sample().layers);
        QVERIFY(p.hasCamera && p.hasFrame);
        QCOMPARE(p.eye.y, -340.25);
        // … and from a file (what QJsonDocument writes for a NaN is refused too)
        QTemporaryDir dir;
        const QString path = dir.filePath("hostile.liyuan.json");
        write(path, QJsonDocument(o).toJson());
        ProjectFile f;
        QVERIFY2(ProjectFile::load(path, &f, &error), qPrintable(error));
        QCOMPARE(f.measurements.size(), size_t(2));
        QCOMPARE(f.warnings.size(), 1);
        QVERIFY2(f.warnings.first().startsWith(path + ": review.measurements[1]"), qPrintable(f.warnings.first()));
        QCOMPARE(f.layers, sample().layers);
    }

    void measurementsHostileStructure_data()
    {
        QTest::addColumn<QJsonValue>("review");
        QTest::addColumn<QString>("fragment");
        QTest::newRow("review an array") << QJsonValue(QJsonArray{distanceRecord("x")}) << "\"review\" must be an object";
        QTest::newRow("review a string") << QJsonValue("measurements") << "\"review\" must be an object";
        QTest::newRow("measurements an object") << QJsonValue(QJsonObject{{"measurements", distanceRecord("x")}}) << "review.measurements must be an array";
        QTest::newRow("measurements a number") << QJsonValue(QJsonObject{{"measurements", 1}}) << "review.measurements must be an array";
        QTest::newRow("zone rule unknown") << QJsonValue(QJsonObject{{"zoneRule", "inside"}}) << "review.zoneRule must be";
        QTest::newRow("label with a number") << QJsonValue(QJsonObject{{"measurements", QJsonArray{QJsonObject{{"kind", "area"}, {"label", "Area 9"}, {"points", 5}}}}})
                                             << "review.measurements[0] (\"Area 9\") skipped";
    }
    void measurementsHostileStructure()
    {
        QFETCH(QJsonValue, review);
        QFETCH(QString, fragment);
        QJsonObject o = sample().toJson();
        o["review"] = review;
        ProjectFile p;
        QString error;
        QVERIFY2(ProjectFile::fromJson(o, "s.liyuan.json", &p, &error), qPrintable(error));
        QVERIFY(p.measurements.empty());
        QCOMPARE(p.warnings.size(), 1);
        QVERIFY2(p.warnings.first().startsWith("s.liyuan.json: "), qPrintable(p.warnings.first()));
        QVERIFY2(p.warnings.first().contains(fragment), qPrintable(p.warnings.first()));
        QCOMPARE(p.layers, sample().layers);
    }

    void liveSettingsNeverKeepThePassword()
    {
        ProjectFile p;
        p.live = QJsonObject{{"url", "ssl://broker.example:8883"}, {"clientId", "wall-1"}, {"username", "ops"},
                             {"password", "s3cret"}, {"caFile", "ca.pem"}, {"registry", "iot/registry.json"}};
        QTemporaryDir dir;
        const QString file = dir.filePath("live.liyuan.json");
        QString error;
        QVERIFY2(p.save(file, &error), qPrintable(error));
        QFile f(file);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray bytes = f.readAll();
        QVERIFY(!bytes.contains("s3cret"));
        QVERIFY(!bytes.contains("password"));
        ProjectFile back;
        QVERIFY2(ProjectFile::load(file, &back, &error), qPrintable(error));
        QCOMPARE(back.live.value("url").toString(), QStringLiteral("ssl://broker.example:8883"));
        QCOMPARE(back.live.value("username").toString(), QStringLiteral("ops"));
        QCOMPARE(back.live.value("registry").toString(), QStringLiteral("iot/registry.json"));
        // a hand-edited file with a password: dropped on load
        QJsonObject o = p.toJson();
        QJsonObject l = o["live"].toObject();
        l["password"] = "typed-in";
        o["live"] = l;
        ProjectFile parsed;
        QVERIFY(ProjectFile::fromJson(o, "hand.liyuan.json", &parsed, &error));
        QVERIFY(!parsed.live.contains("password"));
    }

    void saveIsAtomic()
    {
        // a save that cannot complete leaves the previous file as it was, for every user (root
        // included): the new bytes hit a file-size limit (as on a full disk) half-way through
        QTemporaryDir dir;
        const QString path = dir.filePath("p.liyuan.json");
        QString error;
        QVERIFY(sample().save(path, &error));
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray before = f.readAll();
        f.close();
        ProjectFile bigger = sample();
        for (int i = 0; i < 400; ++i)
            bigger.layers.append(QJsonObject{{"id", QString("extra%1").arg(i)}, {"kind", "vector"},
                                             {"path", QString("gis/layer_%1.gpkg").arg(i)}});
        const QByteArray wanted = QJsonDocument(bigger.toJson()).toJson();
        QVERIFY(wanted.size() > before.size() + 8192);
        struct rlimit saved;
        QCOMPARE(getrlimit(RLIMIT_FSIZE, &saved), 0);
        struct rlimit small = saved;
        small.rlim_cur = rlim_t(before.size() + 4096);
        auto oldHandler = signal(SIGXFSZ, SIG_IGN); // EFBIG instead of the signal
        QCOMPARE(setrlimit(RLIMIT_FSIZE, &small), 0);
        const bool ok = bigger.save(path, &error);
        setrlimit(RLIMIT_FSIZE, &saved);
        signal(SIGXFSZ, oldHandler);
        QVERIFY2(!ok, "a save past the file-size limit reported success");
        QVERIFY2(error.contains(path), qPrintable(error));
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), before);
        f.close();
        // no temporary file left behind next to it
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden), QStringList{"p.liyuan.json"});
        // and the file still loads
        ProjectFile back;
        QVERIFY2(ProjectFile::load(path, &back, &error), qPrintable(error));
    }

    void saveIntoFolderThatCannotBeWritten()
    {
        // the folder cannot take the new file: a read-only folder for a normal user; for root,
        // which writes anywhere, a path whose "folder" is a file
        QTemporaryDir dir;
        QString error;
        const bool root = geteuid() == 0;
        QString path;
        if (root) {
            QFile blocker(dir.filePath("not-a-folder"));
            QVERIFY(blocker.open(QIODevice::WriteOnly));
            blocker.write("x");
            blocker.close();
            path = dir.filePath("not-a-folder/p.liyuan.json");
        } else {
            path = dir.filePath("p.liyuan.json");
            QVERIFY(sample().save(path, &error));
            QVERIFY(QFile::setPermissions(dir.path(), QFileDevice::ReadOwner | QFileDevice::ExeOwner));
        }
        QFile f(path);
        const QByteArray before = root ? QByteArray() : (f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray("?"));
        f.close();
        ProjectFile changed = sample();
        changed.layers = {};
        const bool ok = changed.save(path, &error);
        QFile::setPermissions(dir.path(), QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
        QVERIFY2(!ok, "the save reported success");
        QVERIFY2(error.contains(path), qPrintable(error));
        if (!root) {
            QVERIFY(f.open(QIODevice::ReadOnly));
            QCOMPARE(f.readAll(), before);
        }
    }

    void hostile_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("fragment");
        QTest::newRow("not-json") << QByteArray("{\"format\": \"liyuan-project\",\n \"version\": 1,,}") << "not valid JSON at line 2";
        QTest::newRow("array-top") << QByteArray("[1,2,3]") << "not an object";
        QTest::newRow("wrong-format") << QByteArray("{\"format\": \"qgis\", \"version\": 1}") << "not a Liyuan project";
        QTest::newRow("future-version") << QByteArray("{\"format\": \"liyuan-project\", \"version\": 99}") << "unsupported project version 99";
        QTest::newRow("layers-not-array") << QByteArray("{\"format\": \"liyuan-project\", \"version\": 1, \"layers\": 5}") << "\"layers\" must be an array";
        QTest::newRow("layer-without-path") << QByteArray("{\"format\": \"liyuan-project\", \"version\": 1, \"layers\": [{\"id\": \"x\"}]}") << "needs a \"path\"";
        QTest::newRow("bad-camera") << QByteArray("{\"format\": \"liyuan-project\", \"version\": 1, \"camera\": {\"position\": [1, 2]}}") << "camera needs";
        QTest::newRow("nan-origin") << QByteArray("{\"format\": \"liyuan-project\", \"version\": 1, \"scene\": {\"crs\": \"EPSG:4549\", \"origin\": [1, \"x\", 3]}}") << "scene.origin";
        QTest::newRow("empty") << QByteArray() << "not valid JSON";
    }
    void hostile()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, fragment);
        QTemporaryDir dir;
        const QString path = dir.filePath("bad.liyuan.json");
        write(path, bytes);
        ProjectFile p;
        QString error;
        QVERIFY(!ProjectFile::load(path, &p, &error));
        QVERIFY2(error.startsWith(path), qPrintable(error));
        QVERIFY2(error.contains(fragment), qPrintable(error));
    }

    // found by fuzzing the built app: layer fields of the wrong type were taken silently
    void badLayerFields_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QJsonValue>("value");
        QTest::addColumn<QString>("fragment");
        QTest::newRow("fuzz: opacity \"half\"") << "opacity" << QJsonValue("half") << "\"opacity\" is \"half\", not a number from 0 to 1";
        QTest::newRow("fuzz: opacity 7") << "opacity" << QJsonValue(7) << "\"opacity\" is 7";
        QTest::newRow("fuzz: visible 7") << "visible" << QJsonValue(7) << "\"visible\" is 7, not true or false";
        QTest::newRow("fuzz: visible \"no\"") << "visible" << QJsonValue("no") << "\"visible\" is \"no\"";
        QTest::newRow("fuzz: kind \"teapot\"") << "kind" << QJsonValue("teapot") << "\"kind\" is \"teapot\", not one of";
        QTest::newRow("fuzz: kind 3") << "kind" << QJsonValue(3) << "\"kind\" is 3";
        QTest::newRow("fuzz: name array") << "name" << QJsonValue(QJsonArray{1, 2}) << "\"name\" is [1,2], not a string";
        QTest::newRow("fuzz: style string") << "style" << QJsonValue("red") << "\"style\" is \"red\", not an object";
        QTest::newRow("fuzz: sourceLayer -1") << "sourceLayer" << QJsonValue(-1) << "\"sourceLayer\" is -1";
    }
    void badLayerFields()
    {
        QFETCH(QString, field);
        QFETCH(QJsonValue, value);
        QFETCH(QString, fragment);
        QTemporaryDir dir;
        const QString path = dir.filePath("fields.liyuan.json");
        QJsonObject bad{{"id", "dem"}, {"name", "DEM"}, {"kind", "terrain"}, {"path", "gis/dem.tif"},
                        {"visible", false}, {"opacity", 0.5}};
        bad[field] = value;
        const QJsonObject good{{"id", "district"}, {"path", "demo"}, {"opacity", 0.25}, {"visible", true}};
        const QJsonObject project{{"format", "liyuan-project"}, {"version", 1}, {"layers", QJsonArray{good, bad}}};
        write(path, QJsonDocument(project).toJson());
        ProjectFile p;
        QString error;
        QVERIFY2(ProjectFile::load(path, &p, &error), qPrintable(error)); // the project still opens
        QCOMPARE(p.layers.size(), 2);                                     // no layer lost
        QCOMPARE(p.layers[0].toObject(), good);
        const QJsonObject loaded = p.layers[1].toObject();
        QVERIFY(!loaded.contains(field)); // the bad field is dropped: its default applies
        for (auto it = bad.begin(); it != bad.end(); ++it)
            if (it.key() != field)
                QCOMPARE(loaded.value(it.key()), it.value());
        QCOMPARE(p.warnings.size(), 1);
        const QString w = p.warnings.constFirst();
        QVERIFY2(w.startsWith(path + QStringLiteral(": layers[1] (gis/dem.tif): ")), qPrintable(w));
        QVERIFY2(w.contains(fragment), qPrintable(w));
    }

    void fifoIsRefused()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("fifo.liyuan.json");
        QVERIFY(::mkfifo(QFile::encodeName(path).constData(), 0600) == 0);
        ProjectFile p;
        QString error;
        QElapsedTimer t;
        t.start();
        QVERIFY(!ProjectFile::load(path, &p, &error)); // returns at once instead of waiting for a writer
        QVERIFY(t.elapsed() < 5000);
        QVERIFY2(error.startsWith(path + QStringLiteral(": not a regular file")), qPrintable(error));
    }

    void missingAndHuge()
    {
        ProjectFile p;
        QString error;
        QVERIFY(!ProjectFile::load("/nonexistent/x.liyuan.json", &p, &error));
        QVERIFY(error.contains("no such file"));
        QTemporaryDir dir;
        const QString path = dir.filePath("huge.liyuan.json");
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        QVERIFY(f.resize(ProjectFile::kMaxBytes + 1));
        f.close();
        QVERIFY(!ProjectFile::load(path, &p, &error));
        QVERIFY(error.contains("too large"));
    }
};

QTEST_APPLESS_MAIN(tst_ProjectFile)
#include "tst_projectfile.moc"
