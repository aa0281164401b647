#include <liyuan/assimp/CityJsonReader.h>
#include <liyuan/assimp/CityJsonTileReader.h>

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace liyuan;
using namespace liyuan::assimp;

namespace {

const QString kData = QStringLiteral(LIYUAN_SHARED_DATA);

double triangleArea(const CityObject &o)
{
    double area = 0;
    for (size_t t = 0; t + 2 < o.indices.size(); t += 3) {
        const double *a = &o.positions[o.indices[t] * 3];
        const double *b = &o.positions[o.indices[t + 1] * 3];
        const double *c = &o.positions[o.indices[t + 2] * 3];
        const Vec3d u(b[0] - a[0], b[1] - a[1], b[2] - a[2]), v(c[0] - a[0], c[1] - a[1], c[2] - a[2]);
        area += 0.5 * u.cross(v).length();
    }
    return area;
}

void checkObjects(const CityJsonContent &c)
{
    for (const CityObject &o : c.objects) {
        QCOMPARE(o.indices.size() % 3, size_t(0));
        QCOMPARE(o.positions.size() % 3, size_t(0));
        const size_t nv = o.positions.size() / 3;
        for (uint32_t i : o.indices)
            QVERIFY(i < nv);
        for (double p : o.positions)
            QVERIFY(std::isfinite(p));
    }
}

/** A minimal CityJSON document with one MultiSurface object. */
QByteArray cityJson(const QByteArray &vertices, const QByteArray &boundaries, const QByteArray &extra = {})
{
    return "{\"type\":\"CityJSON\",\"version\":\"2.0\",\"transform\":{\"scale\":[1,1,1],\"translate\":[0,0,0]}," + extra
           + "\"vertices\":" + vertices
           + ",\"CityObjects\":{\"o1\":{\"type\":\"Building\",\"geometry\":[{\"type\":\"MultiSurface\",\"lod\":\"1\","
             "\"boundaries\":" + boundaries + "}]}}}";
}

} // namespace

class TestCityJsonReader : public QObject
{
    Q_OBJECT

private slots:
    void realFiles_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<int>("objects");
        QTest::addColumn<int>("buildings");
        QTest::addColumn<QString>("crs");
        QTest::addColumn<QString>("lod");
        QTest::addColumn<int>("withMeasuredHeight");
        QTest::addColumn<bool>("crsWarning");
        QTest::newRow("delft") << QStringLiteral("citymodels/delft.json") << 570 << 160
                               << QStringLiteral("EPSG:7415") << QStringLiteral("1") << 160 << false;
        QTest::newRow("rotterdam") << QStringLiteral("citymodels/rotterdam/rotterdam_subset.json") << 16 << 16
                                   << QString() << QStringLiteral("2") << 0 << true;
    }
    void realFiles()
    {
        QFETCH(QString, file);
        QFETCH(int, objects);
        QFETCH(int, buildings);
        QFETCH(QString, crs);
        QFETCH(QString, lod);
        QFETCH(int, withMeasuredHeight);
        QFETCH(bool, crsWarning);
        const QString path = kData + QLatin1Char('/') + file;
        QVERIFY(CityJsonReader::identify(path));
        const CityJsonReadResult r = CityJsonReader().read(path);
        QVERIFY2(r.ok, qPrintable(r.error));
        const CityJsonContent &c = r.content;
        checkObjects(c);
        QCOMPARE(c.version, QStringLiteral("2.0"));
        QCOMPARE(int(c.objects.size()), objects);
        QCOMPARE(int(c.countOfType(QStringLiteral("Building"))), buildings);
        QCOMPARE(c.referenceSystem, crs);
        const bool warned = c.warnings.join(QLatin1Char('\n')).contains(QStringLiteral("referenceSystem"));
        QCOMPARE(warned, crsWarning);
        int measured = 0;
        for (const CityObject &o : c.objects) {
            if (o.attributes.contains(QStringLiteral("measuredHeight"))) {
                ++measured;
                QVERIFY(o.attributes.value(QStringLiteral("measuredHeight")).toDouble() > 0.0);
            }
            if (o.type == QLatin1String("Building")) {
                QCOMPARE(o.lod, lod);
                QVERIFY2(o.triangleCount() > 0, qPrintable(o.id));
                QVERIFY(triangleArea(o) > 1.0);
            }
        }
        QCOMPARE(measured, withMeasuredHeight);
        // Origin is the centre of the real coordinates; positions are small relative numbers.
        QVERIFY(c.origin.x > 1000.0); // RD New coordinates
        for (const CityObject &o : c.objects)
            for (double p : o.positions)
                QVERIFY(std::abs(p) < 10000.0);
        qInfo("%s: %lld triangles, %d warnings", qPrintable(file), qlonglong(c.triangleCount()), int(c.warnings.size()));
        for (const QString &w : c.warnings)
            qInfo("  warning: %s", qPrintable(w));
    }

    void referenceSystem_data()
    {
        QTest::addColumn<QByteArray>("value");
        QTest::addColumn<QString>("expected");
        QTest::newRow("2.0 url") << QByteArray("\"https://www.opengis.net/def/crs/EPSG/0/7415\"") << QStringLiteral("EPSG:7415");
        QTest::newRow("1.0 urn") << QByteArray("\"urn:ogc:def:crs:EPSG::28992\"") << QStringLiteral("EPSG:28992");
        QTest::newRow("plain") << QByteArray("\"EPSG:4978\"") << QStringLiteral("EPSG:4978");
        QTest::newRow("not epsg") << QByteArray("\"https://example.org/crs/local\"") << QString();
        QTest::newRow("number") << QByteArray("7415") << QString();
    }
    void referenceSystem()
    {
        QFETCH(QByteArray, value);
        QFETCH(QString, expected);
        const QByteArray doc = cityJson("[[0,0,0],[1,0,0],[1,1,0]]", "[[[0,1,2]]]",
                                        "\"metadata\":{\"referenceSystem\":" + value + "},");
        const CityJsonReadResult r = CityJsonReader().readData(doc, QStringLiteral("crs.json"));
        QVERIFY2(r.ok, qPrintable(r.error));
        QCOMPARE(r.content.referenceSystem, expected);
        QCOMPARE(r.content.warnings.isEmpty(), !expected.isEmpty());
    }

    void triangulation_data()
    {
        QTest::addColumn<QByteArray>("vertices");
        QTest::addColumn<QByteArray>("boundaries");
        QTest::addColumn<int>("triangles");
        QTest::addColumn<double>("area");
        QTest::newRow("triangle") << QByteArray("[[0,0,0],[1,0,0],[0,1,0]]") << QByteArray("[[[0,1,2]]]") << 1 << 0.5;
        QTest::newRow("square with hole")
            << QByteArray("[[0,0,0],[10,0,0],[10,10,0],[0,10,0],[3,3,0],[7,3,0],[7,7,0],[3,7,0]]")
            << QByteArray("[[[0,1,2,3],[7,6,5,4]]]") << 8 << 84.0;
        QTest::newRow("hole same winding as outer")
            << QByteArray("[[0,0,0],[10,0,0],[10,10,0],[0,10,0],[3,3,0],[7,3,0],[7,7,0],[3,7,0]]")
            << QByteArray("[[[0,1,2,3],[4,5,6,7]]]") << 8 << 84.0;
        QTest::newRow("concave L, vertical wall (xz plane)")
            << QByteArray("[[0,0,0],[2,0,0],[2,0,1],[1,0,1],[1,0,2],[0,0,2]]") << QByteArray("[[[0,1,2,3,4,5]]]") << 4 << 3.0;
        QTest::newRow("clockwise roof, tilted")
            << QByteArray("[[0,0,0],[0,4,3],[4,4,3],[4,0,0]]") << QByteArray("[[[0,1,2,3]]]") << 2 << 20.0;
        QTest::newRow("closed ring (first repeated)")
            << QByteArray("[[0,0,0],[1,0,0],[1,1,0],[0,1,0]]") << QByteArray("[[[0,1,2,3,0]]]") << 2 << 1.0;
        QTest::newRow("two holes")
            << QByteArray("[[0,0,0],[10,0,0],[10,4,0],[0,4,0],[1,1,0],[3,1,0],[3,3,0],[1,3,0],[6,1,0],[8,1,0],[8,3,0],[6,3,0]]")
            << QByteArray("[[[0,1,2,3],[7,6,5,4],[11,10,9,8]]]") << 14 << 32.0; // n + 2h - 2
        QTest::newRow("degenerate (collinear)") << QByteArray("[[0,0,0],[1,0,0],[2,0,0]]") << QByteArray("[[[0,1,2]]]") << 0 << 0.0;
        QTest::newRow("self-intersecting bow tie")
            << QByteArray("[[0,0,0],[2,2,0],[2,0,0],[0,2,0]]") << QByteArray("[[[0,1,2,3]]]") << 0 << 0.0; // equal lobes: zero Newell area, dropped
    }
    void triangulation()
    {
        QFETCH(QByteArray, vertices);
        QFETCH(QByteArray, boundaries);
        QFETCH(int, triangles);
        QFETCH(double, area);
        const CityJsonReadResult r = CityJsonReader().readData(cityJson(vertices, boundaries), QStringLiteral("t.json"));
        QVERIFY2(r.ok, qPrintable(r.error));
        QCOMPARE(int(r.content.objects.size()), 1);
        const CityObject &o = r.content.objects[0];
        checkObjects(r.content);
        QCOMPARE(int(o.triangleCount()), triangles);
        if (area >= 0) // negative: only "no crash, valid indices"
            QVERIFY2(std::abs(triangleArea(o) - area) < 1e-9, qPrintable(QString::number(triangleArea(o))));
    }

    void transformApplied()
    {
        const QByteArray doc = "{\"type\":\"CityJSON\",\"version\":\"1.1\",\"transform\":{\"scale\":[0.001,0.001,0.001],"
                               "\"translate\":[85000,446000,-2]},\"vertices\":[[0,0,0],[2000,0,0],[0,2000,4000]],"
                               "\"CityObjects\":{\"a\":{\"type\":\"Building\",\"attributes\":{\"measuredHeight\":4.5},"
                               "\"geometry\":[{\"type\":\"MultiSurface\",\"lod\":1,\"boundaries\":[[[0,1,2]]]}]}}}";
        const CityJsonReadResult r = CityJsonReader().readData(doc, QStringLiteral("tr.json"));
        QVERIFY2(r.ok, qPrintable(r.error));
        const CityJsonContent &c = r.content;
        QCOMPARE(c.boundsMin[0], 85000.0);
        QCOMPARE(c.boundsMax[1], 446002.0);
        QCOMPARE(c.boundsMax[2], 2.0);
        QCOMPARE(c.origin.x, 85001.0);
        QCOMPARE(c.objects[0].lod, QStringLiteral("1"));
        QCOMPARE(c.objects[0].attributes.value(QStringLiteral("measuredHeight")).toDouble(), 4.5);
        QCOMPARE(int(c.objects[0].triangleCount()), 1);
        QCOMPARE(c.objects[0].positions[0] + c.origin.x, 85000.0);
    }

    void highestLodChosen()
    {
        const QByteArray doc = "{\"type\":\"CityJSON\",\"version\":\"2.0\",\"vertices\":[[0,0,0],[1,0,0],[1,1,0],[0,1,0],[0,0,1],[1,0,1],[1,1,1],[0,1,1]],"
                               "\"CityObjects\":{\"a\":{\"type\":\"Building\",\"geometry\":["
                               "{\"type\":\"MultiSurface\",\"lod\":\"0\",\"boundaries\":[[[0,1,2,3]]]},"
                               "{\"type\":\"Solid\",\"lod\":\"1.2\",\"boundaries\":[[[[0,3,2,1]],[[4,5,6,7]],[[0,1,5,4]],[[1,2,6,5]],[[2,3,7,6]],[[3,0,4,7]]]]},"
                               "{\"type\":\"GeometryInstance\",\"template\":0,\"boundaries\":[0],\"transformationMatrix\":[1,0,0,0,0,1,0,0,0,0,1,0,0,0,0,1]}]}}}";
        const CityJsonReadResult r = CityJsonReader().readData(doc, QStringLiteral("lod.json"));
        QVERIFY2(r.ok, qPrintable(r.error));
        const CityObject &o = r.content.objects[0];
        QCOMPARE(o.lod, QStringLiteral("1.2"));
        QCOMPARE(o.geometryType, QStringLiteral("Solid"));
        QCOMPARE(int(o.triangleCount()), 12);
        QCOMPARE(triangleArea(o), 6.0);
        QVERIFY(r.content.warnings.join(QLatin1Char('\n')).contains(QStringLiteral("unsupported")));
    }

    void hostile_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<bool>("ok");
        QTest::addColumn<QString>("message"); // in error (when !ok) or in the warnings (when ok)
        QTest::newRow("empty") << QByteArray() << false << QStringLiteral("empty");
        QTest::newRow("not json") << QByteArray("\x89PNG\r\n\x1a\n garbage", 16) << false << QStringLiteral("not JSON");
        QTest::newRow("truncated json") << cityJson("[[0,0,0],[1,0,0],[1,1,0]]", "[[[0,1,2]]]").left(60) << false
                                        << QStringLiteral("not JSON");
        QTest::newRow("json array") << QByteArray("[1,2,3]") << false << QStringLiteral("not CityJSON");
        QTest::newRow("geojson") << QByteArray("{\"type\":\"FeatureCollection\",\"features\":[]}") << false
                                 << QStringLiteral("not CityJSON");
        QTest::newRow("no vertices") << QByteArray("{\"type\":\"CityJSON\",\"CityObjects\":{}}") << false
                                     << QStringLiteral("no \"vertices\"");
        QTest::newRow("no CityObjects") << QByteArray("{\"type\":\"CityJSON\",\"vertices\":[]}") << false
                                        << QStringLiteral("CityObjects");
        QTest::newRow("vertex not triple") << cityJson("[[0,0],[1,0,0]]", "[[[0,1]]]") << false << QStringLiteral("vertex 0");
        QTest::newRow("vertex strings") << cityJson("[[\"a\",0,0]]", "[]") << false << QStringLiteral("vertex 0");
        QTest::newRow("bad transform") << QByteArray("{\"type\":\"CityJSON\",\"transform\":{\"scale\":[1]},\"vertices\":[],\"CityObjects\":{}}")
                                       << false << QStringLiteral("transform");
        QTest::newRow("overflowing transform")
            << QByteArray("{\"type\":\"CityJSON\",\"transform\":{\"scale\":[1e308,1,1],\"translate\":[0,0,0]},\"vertices\":[[1e308,0,0]],\"CityObjects\":{}}")
            << false << QStringLiteral("not finite");
        QTest::newRow("index out of range") << cityJson("[[0,0,0],[1,0,0],[1,1,0]]", "[[[0,1,99]]]") << true
                                            << QStringLiteral("out of range");
        QTest::newRow("negative index") << cityJson("[[0,0,0],[1,0,0],[1,1,0]]", "[[[0,1,-1]]]") << true
                                        << QStringLiteral("out of range");
        QTest::newRow("fractional index") << cityJson("[[0,0,0],[1,0,0],[1,1,0]]", "[[[0,1,1.5]]]") << true
                                          << QStringLiteral("out of range");
        // found by fuzzing the built app
        QTest::newRow("fuzz: zero scale in transform")
            << QByteArray("{\"type\":\"CityJSON\",\"transform\":{\"scale\":[0.001,0.001,0],\"translate\":[0,0,0]},"
                          "\"vertices\":[[0,0,0],[1000,0,0],[0,1000,0]],\"CityObjects\":{}}")
            << false << QStringLiteral("\"transform\".scale[2] is 0: it must be a positive number");
        QTest::newRow("fuzz: negative scale in transform")
            << QByteArray("{\"type\":\"CityJSON\",\"transform\":{\"scale\":[-1,1,1],\"translate\":[0,0,0]},"
                          "\"vertices\":[],\"CityObjects\":{}}")
            << false << QStringLiteral("\"transform\".scale[0] is -1");
        QTest::newRow("fuzz: translate 1e308")
            << QByteArray("{\"type\":\"CityJSON\",\"transform\":{\"scale\":[1,1,1],\"translate\":[1e308,0,0]},"
                          "\"vertices\":[],\"CityObjects\":{}}")
            << false << QStringLiteral("\"transform\".translate[0]");
        QTest::newRow("fuzz: vertex index out of range names the object and index")
            << cityJson("[[0,0,0],[1,0,0],[1,1,0]]", "[[[0,1,2]],[[0,1,4000000000]]]") << true
            << QStringLiteral("object o1: vertex index 4000000000 out of range (3 vertices)");
        QTest::newRow("boundaries wrong type") << cityJson("[[0,0,0],[1,0,0],[1,1,0]]", "\"x\"") << true << QString();
        QTest::newRow("zero-area surface") << cityJson("[[0,0,0],[1,0,0]]", "[[[0,0,1,1]]]") << true
                                           << QStringLiteral("degenerate");
        QTest::newRow("rings not arrays") << cityJson("[[0,0,0],[1,0,0],[1,1,0]]", "[[0,1,2]]") << true
                                          << QStringLiteral("invalid surfaces");
        QTest::newRow("CityObjects not objects")
            << QByteArray("{\"type\":\"CityJSON\",\"vertices\":[],\"CityObjects\":{\"a\":5,\"b\":{\"geometry\":7}}}") << true << QString();
        // A 200,000-point ring over a circle: fanned instead of O(n^2) ear clipping.
        QByteArray verts = "[", ring = "[[[";
        const int n = 200000;
        for (int i = 0; i < n; ++i) {
            const double a = 2 * M_PI * i / n;
            verts += (i ? "," : "") + QByteArray("[") + QByteArray::number(std::cos(a) * 1000, 'f', 3) + ","
                     + QByteArray::number(std::sin(a) * 1000, 'f', 3) + ",0]";
            ring += (i ? "," : "") + QByteArray::number(i);
        }
        verts += "]";
        ring += "]]]";
        QTest::newRow("huge ring") << cityJson(verts, ring) << true << QStringLiteral("fan-triangulated");
        // Nesting deeper than QJsonDocument's limit.
        QTest::newRow("deep nesting") << cityJson("[[0,0,0]]", QByteArray(5000, '[') + QByteArray(5000, ']')) << false
                                      << QStringLiteral("not JSON");
    }
    void hostile()
    {
        QFETCH(QByteArray, json);
        QFETCH(bool, ok);
        QFETCH(QString, message);
        const CityJsonReadResult r = CityJsonReader().readData(json, QStringLiteral("hostile.json"));
        QCOMPARE(r.ok, ok);
        if (!ok) {
            QVERIFY2(r.error.startsWith(QStringLiteral("hostile.json: ")), qPrintable(r.error));
            QVERIFY2(r.error.contains(message), qPrintable(r.error));
        } else {
            checkObjects(r.content);
            if (!message.isEmpty())
                QVERIFY2(r.content.warnings.join(QLatin1Char('\n')).contains(message),
                         qPrintable(r.content.warnings.join(QLatin1Char('\n'))));
        }
    }

    // found by fuzzing the built app: the drawn layer's warnings did not say which file
    void fuzzTileWarningsNameTheFile()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("bad-index.city.json"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(cityJson("[[0,0,0],[1,0,0],[1,1,0]]", "[[[0,1,2]],[[0,1,99]]]"));
        f.close();
        const TileReadResult r = CityJsonTileReader().read(path);
        QVERIFY2(r.ok, qPrintable(r.error));
        QVERIFY(!r.content.warnings.isEmpty());
        for (const QString &w : r.content.warnings)
            QVERIFY2(w.startsWith(path + QStringLiteral(": ")), qPrintable(w));
        QVERIFY(r.content.warnings.join(QLatin1Char('\n')).contains(QStringLiteral("vertex index 99 out of range")));
    }

    void fileErrors()
    {
        QVERIFY(!CityJsonReader::identify(QStringLiteral("/nonexistent/x.json")));
        const CityJsonReadResult r = CityJsonReader().read(QStringLiteral("/nonexistent/x.json"));
        QVERIFY(!r.ok);
        QVERIFY(r.error.contains(QStringLiteral("x.json")));
        QVERIFY(!CityJsonReader::identify(kData + QStringLiteral("/buildings/amsterdamcs.glb")));
    }
};

QTEST_GUILESS_MAIN(TestCityJsonReader)
#include "tst_cityjsonreader.moc"
