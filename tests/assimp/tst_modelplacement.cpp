// ModelPlacement: the shared placement JSON (sidecar / project / scheme), its validation and
// where it puts a model in a scene frame, checked against PROJ's own cs2cs.
#include <liyuan/assimp/ModelPlacement.h>

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <limits>

using namespace liyuan;
using namespace liyuan::assimp;

namespace {

/** cs2cs SRC DST on one "a b c" line; the numbers as cs2cs prints them (authority axis order). */
bool cs2cs(const QString &src, const QString &dst, double a, double b, double c, double out[3])
{
    QProcess p;
    p.start(QStringLiteral("cs2cs"), {QStringLiteral("-f"), QStringLiteral("%.6f"), src, dst});
    if (!p.waitForStarted(10000))
        return false;
    p.write(QStringLiteral("%1 %2 %3\n").arg(a, 0, 'f', 10).arg(b, 0, 'f', 10).arg(c, 0, 'f', 4).toLatin1());
    p.closeWriteChannel();
    if (!p.waitForFinished(30000))
        return false;
    const QStringList parts = QString::fromLatin1(p.readAllStandardOutput()).simplified().split(QLatin1Char(' '));
    if (parts.size() < 3)
        return false;
    bool ok[3];
    for (int i = 0; i < 3; ++i)
        out[i] = parts[i].toDouble(&ok[i]);
    return ok[0] && ok[1] && ok[2];
}

QJsonObject placement(const QString &crs, double x, double y, double z)
{
    return {{"crs", crs}, {"position", QJsonArray{x, y, z}}};
}

/** Scene frame in EPSG:4549 (CGCS2000 GK CM 120E), origin in Qingdao's Shinan district. */
LocalFrame qingdao() { return LocalFrame(Crs::fromString("EPSG:4549"), Vec3d(527000, 3992000, 0)); }

} // namespace

class tst_ModelPlacement : public QObject
{
    Q_OBJECT
private slots:
    void fromJson_data()
    {
        QTest::addColumn<QJsonObject>("json");
        QTest::addColumn<QString>("error"); // empty: valid; else a part of the message
        const QJsonObject ok = placement("EPSG:4549", 527500, 3992300, 5);
        auto with = [&](const char *key, const QJsonValue &v) {
            QJsonObject o = ok;
            o[key] = v;
            return o;
        };
        auto without = [&](const char *key) {
            QJsonObject o = ok;
            o.remove(key);
            return o;
        };
        QTest::newRow("minimal") << ok << QString();
        QTest::newRow("everything") << QJsonObject{{"crs", "EPSG:4326"}, {"position", QJsonArray{120.31, 36.07, 5}},
                                                   {"heading", 33.5}, {"scale", 0.01}, {"upAxis", "z"},
                                                   {"floorPattern", "^Etage\\d+"}}
                                    << QString();
        QTest::newRow("no crs") << without("crs") << "crs: missing";
        QTest::newRow("unknown crs") << with("crs", "EPSG:999999") << "unknown CRS 'EPSG:999999'";
        QTest::newRow("crs garbage") << with("crs", "not a crs") << "unknown CRS";
        QTest::newRow("no position") << without("position") << "position: needs three numbers";
        QTest::newRow("2 numbers") << with("position", QJsonArray{1, 2}) << "position: needs three numbers";
        QTest::newRow("string in position") << with("position", QJsonArray{1, "2", 3}) << "position[1]: not a finite number";
        QTest::newRow("infinite position")
                << with("position", QJsonArray{1, 2, std::numeric_limits<double>::infinity()}) << "position[2]";
        QTest::newRow("nan heading") << with("heading", std::numeric_limits<double>::quiet_NaN()) << "heading: not a finite number";
        QTest::newRow("heading string") << with("heading", "north") << "heading: not a finite number";
        QTest::newRow("scale 0") << with("scale", 0) << "scale: must be greater than 0";
        QTest::newRow("scale negative") << with("scale", -2) << "scale: must be greater than 0";
        QTest::newRow("upAxis W") << with("upAxis", "W") << "upAxis: must be";
        QTest::newRow("bad regex") << with("floorPattern", "(floor") << "floorPattern: invalid regular expression";
        QTest::newRow("regex not a string") << with("floorPattern", 3) << "floorPattern: must be a string";
    }
    void fromJson()
    {
        QFETCH(QJsonObject, json);
        QFETCH(QString, error);
        ModelPlacement p;
        QString why;
        const bool ok = ModelPlacement::fromJson(json, "house.glb.geo.json", &p, &why);
        QCOMPARE(ok, error.isEmpty());
        if (!ok) {
            QVERIFY2(why.startsWith("house.glb.geo.json: "), qPrintable(why));
            QVERIFY2(why.contains(error), qPrintable(why));
            return;
        }
        // round trip
        ModelPlacement q;
        QVERIFY2(ModelPlacement::fromJson(p.toJson(), "again", &q, &why), qPrintable(why));
        QCOMPARE(q.crs, p.crs);
        QCOMPARE(q.position, p.position);
        QCOMPARE(q.heading, p.heading);
        QCOMPARE(q.scale, p.scale);
        QCOMPARE(q.upAxis, p.upAxis);
        QCOMPARE(q.floorPattern, p.floorPattern);
    }

    void defaultsAndFields()
    {
        ModelPlacement p;
        QString why;
        QVERIFY(ModelPlacement::fromJson(QJsonObject{{"crs", "EPSG:4326"}, {"position", QJsonArray{120.31, 36.07, 5}},
                                                     {"heading", 33.5}, {"scale", 0.01}, {"upAxis", "z"}},
                                         "x", &p, &why));
        QCOMPARE(p.heading, 33.5);
        QCOMPARE(p.scale, 0.01);
        QCOMPARE(p.upAxis, UpAxis::Z);
        QVERIFY(ModelPlacement::fromJson(placement("EPSG:4549", 1, 2, 3), "x", &p, &why));
        QCOMPARE(p.heading, 0.0);
        QCOMPARE(p.scale, 1.0);
        QCOMPARE(p.upAxis, UpAxis::Unknown);
        QVERIFY(!p.toJson().contains("upAxis"));
        QCOMPARE(p.effectiveFloorPattern(), ModelPlacement::defaultFloorPattern());
    }

    void defaultFloorPattern_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<bool>("floor");
        QTest::newRow("Floor 3") << "Floor 3" << true;
        QTest::newRow("floor_12") << "floor_12" << true;
        QTest::newRow("Level-1") << "Level-1" << true;
        QTest::newRow("STOREY2") << "STOREY2" << true;
        QTest::newRow("楼层5") << QStringLiteral("楼层5") << true;
        QTest::newRow("F12") << "F12" << true;
        QTest::newRow("Floorplan") << "Floorplan" << false;
        QTest::newRow("Facade 2") << "Facade 2" << false;
        QTest::newRow("instance_12") << "instance_12" << false;
    }
    void defaultFloorPattern()
    {
        QFETCH(QString, name);
        QFETCH(bool, floor);
        QCOMPARE(QRegularExpression(ModelPlacement::defaultFloorPattern()).match(name).hasMatch(), floor);
    }

    void sidecar()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString model = dir.filePath("house.glb");
        ModelPlacement p;
        QString why;
        QVERIFY(ModelPlacement::findSidecar(model).isEmpty());
        QVERIFY(!ModelPlacement::readSidecar(model, &p, &why));
        QVERIFY(why.isEmpty()); // none is not an error
        auto write = [](const QString &path, const QByteArray &bytes) {
            QFile f(path);
            return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
        };
        QVERIFY(write(dir.filePath("house.geo.json"), R"({"crs":"EPSG:4549","position":[1,2,3]})"));
        QCOMPARE(ModelPlacement::findSidecar(model), dir.filePath("house.geo.json"));
        QVERIFY(ModelPlacement::readSidecar(model, &p, &why));
        QCOMPARE(p.position, Vec3d(1, 2, 3));
        // <file>.geo.json wins over <basename>.geo.json
        QVERIFY(write(dir.filePath("house.glb.geo.json"), R"({"crs":"EPSG:4549","position":[4,5,6],"heading":90})"));
        QCOMPARE(ModelPlacement::findSidecar(model), dir.filePath("house.glb.geo.json"));
        QVERIFY(ModelPlacement::readSidecar(model, &p, &why));
        QCOMPARE(p.position, Vec3d(4, 5, 6));
        QCOMPARE(p.heading, 90.0);
        // broken sidecars name themselves
        QVERIFY(write(dir.filePath("house.glb.geo.json"), R"({"crs":"EPSG:4549","position":[4,5)"));
        QVERIFY(!ModelPlacement::readSidecar(model, &p, &why));
        QVERIFY2(why.contains("house.glb.geo.json") && why.contains("not valid JSON"), qPrintable(why));
        QVERIFY(write(dir.filePath("house.glb.geo.json"), R"({"crs":"EPSG:4549","position":[4,5,6],"scale":0})"));
        QVERIFY(!ModelPlacement::readSidecar(model, &p, &why));
        QVERIFY2(why.contains("house.glb.geo.json: scale"), qPrintable(why));
        QVERIFY(write(dir.filePath("house.glb.geo.json"), "[1,2]"));
        QVERIFY(!ModelPlacement::readSidecar(model, &p, &why));
        QVERIFY2(why.contains("not an object"), qPrintable(why));
    }

    void sceneTransformAgainstProj_data()
    {
        QTest::addColumn<QString>("crs");
        QTest::addColumn<double>("x");
        QTest::addColumn<double>("y");
        QTest::addColumn<bool>("cs2csSwapsIn"); // cs2cs wants (lat, lon) / (northing, easting)
        QTest::newRow("EPSG:4549 same CRS") << "EPSG:4549" << 527500.0 << 3992300.0 << true;
        QTest::newRow("EPSG:4326 lon/lat") << "EPSG:4326" << 120.3112 << 36.0731 << true;
        QTest::newRow("EPSG:4490 CGCS2000 lon/lat") << "EPSG:4490" << 120.2975 << 36.0655 << true;
        QTest::newRow("EPSG:32651 UTM 51N") << "EPSG:32651" << 257861.21 << 3995403.21 << false;
    }
    void sceneTransformAgainstProj()
    {
        QFETCH(QString, crs);
        QFETCH(double, x);
        QFETCH(double, y);
        QFETCH(bool, cs2csSwapsIn);
        const LocalFrame scene = qingdao();
        ModelPlacement p;
        QString why;
        QVERIFY2(ModelPlacement::fromJson(placement(crs, x, y, 7.5), "m.glb", &p, &why), qPrintable(why));
        DatasetTransform t;
        QVERIFY2(p.sceneTransform(scene, "m.glb", &t, &why), qPrintable(why));
        double out[3];
        QVERIFY2(cs2cs(crs, "EPSG:4549", cs2csSwapsIn ? y : x, cs2csSwapsIn ? x : y, 7.5, out), "cs2cs failed");
        // EPSG:4549 comes out as northing, easting
        const Vec3d expected(out[1] - 527000, out[0] - 3992000, out[2]);
        QVERIFY2(std::abs(t.offset.x - expected.x) < 0.01 && std::abs(t.offset.y - expected.y) < 0.01
                         && std::abs(t.offset.z - expected.z) < 0.01,
                 qPrintable(QStringLiteral("offset %1 %2 %3, cs2cs %4 %5 %6")
                                    .arg(t.offset.x).arg(t.offset.y).arg(t.offset.z)
                                    .arg(expected.x).arg(expected.y).arg(expected.z)));
        QVERIFY(std::hypot(t.offset.x, t.offset.y) < 5000); // all rows are in the district
        QCOMPARE(t.scale, 1.0);
        // heading 0 in the placement CRS: north of that CRS seen in the scene's grid
        if (crs == "EPSG:4549") {
            QCOMPARE(t.headingDeg, 0.0);
        } else if (crs == "EPSG:4326" || crs == "EPSG:4490") {
            // true north east of the central meridian lies west of grid north by γ ≈ Δλ·sin φ
            const double gamma = (x - 120.0) * std::sin(y * M_PI / 180.0);
            QVERIFY2(std::abs(t.headingDeg + gamma) < 0.01, qPrintable(QString::number(t.headingDeg)));
        } else {
            QVERIFY(std::abs(t.headingDeg) > 1.0 && std::abs(t.headingDeg) < 5.0); // UTM 51N vs GK 120E
        }
    }

    void headingTurnsNorthOntoEast()
    {
        ModelPlacement p;
        QString why;
        QJsonObject o = placement("EPSG:4549", 527000, 3992000, 0);
        o["heading"] = 90;
        o["scale"] = 2;
        QVERIFY(ModelPlacement::fromJson(o, "m", &p, &why));
        DatasetTransform t;
        QVERIFY(p.sceneTransform(qingdao(), "m", &t, &why));
        const Vec3d north = t.toScene(Vec3d(0, 10, 0));
        QVERIFY(std::abs(north.x - 20) < 1e-9 && std::abs(north.y) < 1e-9);
        const Vec3d east = t.toScene(Vec3d(10, 0, 0));
        QVERIFY(std::abs(east.x) < 1e-9 && std::abs(east.y + 20) < 1e-9);
        const Vec3d back = t.toLocal(Vec3d(3, -7, 4));
        const Vec3d again = t.toScene(back);
        QVERIFY((again - Vec3d(3, -7, 4)).length() < 1e-9);
    }

    void farFromTheScene_data()
    {
        QTest::addColumn<QJsonObject>("json");
        QTest::addColumn<QString>("error");
        QTest::newRow("Kunming, 1900 km away") << placement("EPSG:4326", 102.7, 25.0, 0) << "km from the scene origin";
        QTest::newRow("degrees in a metric CRS")
                << placement("EPSG:3857", 120.31, 36.07, 0) << "km from the scene origin";
        QTest::newRow("lon/lat swapped") << placement("EPSG:4326", 36.07, 120.31, 0) << "cannot be transformed";
    }
    void farFromTheScene()
    {
        QFETCH(QJsonObject, json);
        QFETCH(QString, error);
        ModelPlacement p;
        QString why;
        QVERIFY2(ModelPlacement::fromJson(json, "tower.glb.geo.json", &p, &why), qPrintable(why));
        DatasetTransform t;
        QVERIFY(!p.sceneTransform(qingdao(), "tower.glb.geo.json", &t, &why));
        QVERIFY2(why.startsWith("tower.glb.geo.json: ") && why.contains(error), qPrintable(why));
    }

    void ungeoreferencedScene()
    {
        ModelPlacement p;
        QString why;
        QJsonObject o = placement("EPSG:4326", 102.7, 25.0, 0);
        o["heading"] = 45;
        QVERIFY(ModelPlacement::fromJson(o, "m", &p, &why));
        DatasetTransform t;
        QVERIFY(p.sceneTransform(LocalFrame(), "m", &t, &why));
        QCOMPARE(t.offset, Vec3d());
        QCOMPARE(t.headingDeg, 45.0);
    }
};

QTEST_GUILESS_MAIN(tst_ModelPlacement)
#include "tst_modelplacement.moc"
