// Tests for liyuan::VectorDataset (OGR underneath).
//
// Real data: the shared Alexandria building footprints (84 MultiPolygons, EPSG:4326, HEIGHT
// in metres) as GeoJSON and as Shapefile. Reference values come from tools run in the
// test: `cs2cs` (PROJ; EPSG:4326 in authority order lat, lon) and `ogr2ogr -t_srs` (GDAL),
// and the GeoJSON text itself (QJsonDocument). Hostile fixtures are made by the test.
#include "TestRequire.h"
#include <liyuan/geodata/CoordinateTransform.h>
#include <liyuan/geodata/VectorDataset.h>

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtConcurrent/QtConcurrent>
#include <QtTest>

#include <cmath>

using namespace liyuan;

namespace {

QString sharedData(const QString &rel)
{
    return QStringLiteral(LIYUAN_SHARED_DATA "/") + rel;
}

const QString kGeoJson = QStringLiteral("footprints/alexandria_va/buildings.geojson");
const QString kShp = QStringLiteral("footprints/alexandria_va/buildings.shp");

Crs crs(const char *text)
{
    return Crs::fromString(QString::fromLatin1(text));
}

QByteArray run(const QString &program, const QStringList &args, const QByteArray &input, bool *ok)
{
    QProcess p;
    p.start(program, args);
    p.write(input);
    p.closeWriteChannel();
    *ok = p.waitForFinished(60000) && p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
    if (!*ok)
        qWarning() << program << args << p.readAllStandardError();
    return p.readAllStandardOutput();
}

bool haveTool(const char *name)
{
    return !QStandardPaths::findExecutable(QString::fromLatin1(name)).isEmpty();
}

std::vector<VectorFeature> readAll(const QString &file, const Crs &target, QStringList *warnings = nullptr)
{
    QString error;
    const VectorDataset v = VectorDataset::open(file, &error);
    if (!v.isValid()) {
        qWarning() << error;
        return {};
    }
    std::vector<VectorFeature> out;
    if (!v.readFeatures(0, target, Crs(), &out, warnings, &error))
        qWarning() << error;
    return out;
}

} // namespace

class TestVectorDataset : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_tmp;
    QString fixture(const QString &name) const { return m_tmp.filePath(name); }
    void write(const QString &name, const QByteArray &data)
    {
        QFile f(fixture(name));
        QVERIFY(f.open(QIODevice::WriteOnly));
        QCOMPARE(f.write(data), data.size());
    }
    /** Copies buildings.{shp,shx,dbf,prj,cpg} to a fixture folder, leaving out `skip` suffixes. */
    void copyShapefile(const QString &folder, const QStringList &skip)
    {
        QVERIFY(QDir(m_tmp.path()).mkpath(folder));
        for (const char *ext : {"shp", "shx", "dbf", "prj", "cpg"}) {
            if (skip.contains(QLatin1String(ext)))
                continue;
            QVERIFY(QFile::copy(sharedData(QStringLiteral("footprints/alexandria_va/buildings.") + QLatin1String(ext)),
                                fixture(folder + QStringLiteral("/buildings.") + QLatin1String(ext))));
        }
    }

private slots:
    void initTestCase()
    {
        registerGdalDrivers();
        QVERIFY(m_tmp.isValid());
        if (!QFileInfo::exists(QStringLiteral(LIYUAN_SHARED_DATA)))
            LIYUAN_SKIP("shared sample data not found (LIYUAN_SHARED_DATA=" LIYUAN_SHARED_DATA ")");
        QVERIFY(QFileInfo::exists(sharedData(kGeoJson)));
        QVERIFY(QFileInfo::exists(sharedData(kShp)));
        copyShapefile(QStringLiteral("nodbf"), {QStringLiteral("dbf")});
        copyShapefile(QStringLiteral("noshx"), {QStringLiteral("shx")});
        copyShapefile(QStringLiteral("noparts"), {QStringLiteral("shx"), QStringLiteral("dbf")});
        copyShapefile(QStringLiteral("noprj"), {QStringLiteral("prj")});
        write(QStringLiteral("empty.geojson"), QByteArray());
        write(QStringLiteral("malformed.geojson"),
              R"({"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point","coordinates":[1,)");
        write(QStringLiteral("kinds.geojson"), R"({"type":"FeatureCollection","features":[
{"type":"Feature","properties":{"n":1,"r":1.5,"s":"Zhōngwén 中文","z":null,"d":"2024-05-06","t":"2024-05-06T07:08:09Z","b":true},"geometry":{"type":"Point","coordinates":[1,2]}},
{"type":"Feature","properties":{"n":2},"geometry":{"type":"MultiPoint","coordinates":[[1,2],[3,4]]}},
{"type":"Feature","properties":{"n":3},"geometry":{"type":"LineString","coordinates":[[0,0,5],[1,1,6]]}},
{"type":"Feature","properties":{"n":4},"geometry":{"type":"MultiLineString","coordinates":[[[0,0],[1,0]],[[0,1],[1,1]]]}},
{"type":"Feature","properties":{"n":5},"geometry":{"type":"Polygon","coordinates":[[[0,0],[4,0],[4,4],[0,4],[0,0]],[[1,1],[2,1],[2,2],[1,1]]]}},
{"type":"Feature","properties":{"n":6},"geometry":{"type":"GeometryCollection","geometries":[{"type":"Point","coordinates":[9,9]},{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]}]}},
{"type":"Feature","properties":{"n":7},"geometry":null}
]})");
        // Curves and broken geometry, in a CSV with a WKT column (no CRS).
        write(QStringLiteral("curves.csv"), "id,WKT\n"
                                            "1,\"CIRCULARSTRING(0 0,1 1,2 0)\"\n"
                                            "2,\"POLYGON((0 0,1 1,0 0))\"\n"
                                            "3,\"CURVEPOLYGON(CIRCULARSTRING(0 0,2 0,0 0))\"\n"
                                            "4,\"LINESTRING Z(0 0 7,3 4 8)\"\n");
    }

    // --- errors -----------------------------------------------------------------------------

    void openErrors_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("expected");
        QTest::newRow("missing file") << fixture(QStringLiteral("nope.geojson")) << QStringLiteral("no such file");
        QTest::newRow("zero-byte file") << fixture(QStringLiteral("empty.geojson")) << QStringLiteral("empty (0 bytes)");
        QTest::newRow("malformed GeoJSON") << fixture(QStringLiteral("malformed.geojson"))
                                           << QStringLiteral("not a vector file OGR can read");
        QTest::newRow("Shapefile without .dbf") << fixture(QStringLiteral("nodbf/buildings.shp"))
                                                << QStringLiteral("Shapefile part missing: buildings.dbf");
        QTest::newRow("Shapefile without .shx") << fixture(QStringLiteral("noshx/buildings.shp"))
                                                << QStringLiteral("Shapefile part missing: buildings.shx");
        QTest::newRow("Shapefile without .shx and .dbf") << fixture(QStringLiteral("noparts/buildings.shp"))
                                                         << QStringLiteral("buildings.shx, buildings.dbf");
        QTest::newRow("CityJSON") << sharedData(QStringLiteral("citymodels/delft.json"))
                                  << QStringLiteral("this is CityJSON, which OGR");
        QTest::newRow("raster") << sharedData(QStringLiteral("gis/alexandria_va/dsm.tif"))
                                << QStringLiteral("raster (GTiff), not a vector file");
    }
    void openErrors()
    {
        QFETCH(QString, file);
        QFETCH(QString, expected);
        QString error;
        const VectorDataset v = VectorDataset::open(file, &error);
        QVERIFY(!v.isValid());
        QVERIFY2(error.startsWith(QDir::toNativeSeparators(file) + QStringLiteral(": ")), qPrintable(error));
        QVERIFY2(error.contains(expected), qPrintable(error));
        std::vector<VectorFeature> out;
        QVERIFY(!v.readFeatures(0, Crs(), Crs(), &out, nullptr, &error));
    }

    void unknownLayer_data()
    {
        QTest::addColumn<int>("layer");
        QTest::newRow("index 1") << 1;
        QTest::newRow("index -1") << -1;
        QTest::newRow("index 1000000") << 1000000;
    }
    void unknownLayer()
    {
        QFETCH(int, layer);
        const VectorDataset v = VectorDataset::open(sharedData(kGeoJson));
        QVERIFY(v.isValid());
        std::vector<VectorFeature> out;
        QString error;
        QVERIFY(!v.readFeatures(layer, Crs(), Crs(), &out, nullptr, &error));
        QVERIFY2(error.contains(QStringLiteral("no layer %1 (the file has 1 layer, 0..0)").arg(layer))
                     && error.contains(QStringLiteral("buildings.geojson")),
                 qPrintable(error));
    }

    void noCrs()
    {
        const QString file = fixture(QStringLiteral("noprj/buildings.shp"));
        QString error;
        const VectorDataset v = VectorDataset::open(file, &error);
        QVERIFY2(v.isValid(), qPrintable(error));
        QVERIFY(!v.info().layers.at(0).crs.isValid());
        QVERIFY(!v.info().layers.at(0).boundsWgs84.isValid());
        QVERIFY(v.info().layers.at(0).bounds.isValid()); // in file units (degrees here)
        std::vector<VectorFeature> out;
        QStringList warnings;
        // No CRS and nothing to assume: cannot transform.
        QVERIFY(!v.readFeatures(0, crs("EPSG:26918"), Crs(), &out, &warnings, &error));
        QVERIFY2(error.contains(QStringLiteral("layer buildings has no CRS")), qPrintable(error));
        // Assumed WGS84: same result as the file with its .prj, and a warning.
        QVERIFY2(v.readFeatures(0, crs("EPSG:26918"), crs("EPSG:4326"), &out, &warnings, &error), qPrintable(error));
        QCOMPARE(warnings.size(), 1);
        QCOMPARE(warnings.at(0), QDir::toNativeSeparators(file)
                                     + QStringLiteral(": layer buildings has no CRS; assuming WGS 84"));
        const std::vector<VectorFeature> reference = readAll(sharedData(kShp), crs("EPSG:26918"));
        QCOMPARE(out.size(), reference.size());
        QCOMPARE(out.size(), size_t(84));
        for (size_t i = 0; i < out.size(); ++i) {
            const Vec3d a = out[i].parts[0][0][0], b = reference[i].parts[0][0][0];
            QVERIFY((a - b).length() < 1e-6);
        }
        // No target: coordinates as stored, with a warning.
        warnings.clear();
        QVERIFY(v.readFeatures(0, Crs(), Crs(), &out, &warnings, &error));
        QCOMPARE(out.size(), size_t(84));
        QVERIFY(warnings.value(0).contains(QStringLiteral("coordinates are returned as stored")));
        QVERIFY(out[0].parts[0][0][0].x < -77.0 && out[0].parts[0][0][0].y > 38.8);
    }

    // --- footprints -------------------------------------------------------------------------

    void footprintInfo_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("driver");
        QTest::addColumn<QString>("geometryType");
        QTest::newRow("GeoJSON") << sharedData(kGeoJson) << QStringLiteral("GeoJSON") << QStringLiteral("MultiPolygon");
        // Shapefiles do not tell polygons from multipolygons: OGR reports Polygon.
        QTest::newRow("Shapefile") << sharedData(kShp) << QStringLiteral("ESRI Shapefile") << QStringLiteral("Polygon");
    }
    void footprintInfo()
    {
        QFETCH(QString, file);
        QFETCH(QString, driver);
        QFETCH(QString, geometryType);
        QString error;
        const VectorDataset v = VectorDataset::open(file, &error);
        QVERIFY2(v.isValid(), qPrintable(error));
        QCOMPARE(v.info().file, file);
        QCOMPARE(v.info().driver, driver);
        QCOMPARE(v.info().layers.size(), 1);
        const VectorLayerInfo &l = v.info().layers.at(0);
        QCOMPARE(l.name, QStringLiteral("buildings"));
        QCOMPARE(l.geometryType, geometryType);
        QCOMPARE(l.featureCount, qint64(84));
        QStringList names;
        for (const VectorField &f : l.fields) {
            names << f.name;
            QCOMPARE(f.type, QStringLiteral("Real"));
        }
        QCOMPARE(names, (QStringList{QStringLiteral("HEIGHT"), QStringLiteral("SQMETERS")}));
        QCOMPARE(l.crs.authorityCode(), QStringLiteral("EPSG:4326"));
        // SOURCES.md: extent -77.0546..-77.0504, 38.8089..38.8122 (x = lon).
        QVERIFY(std::abs(l.bounds.minX - -77.054620) < 1e-5);
        QVERIFY(std::abs(l.bounds.maxX - -77.050371) < 1e-5);
        QVERIFY(std::abs(l.bounds.minY - 38.808939) < 1e-5);
        QVERIFY(std::abs(l.bounds.maxY - 38.812241) < 1e-5);
        QVERIFY(std::abs(l.boundsWgs84.minX - l.bounds.minX) < 1e-9);
        QVERIFY(std::abs(l.boundsWgs84.maxY - l.bounds.maxY) < 1e-9);
    }

    /** Footprints in NAD83 / UTM 18N: every vertex against ogr2ogr, one against cs2cs. */
    void footprintsToUtm()
    {
        if (!haveTool("ogr2ogr") || !haveTool("cs2cs"))
            LIYUAN_SKIP("ogr2ogr and cs2cs (gdal-bin, proj-bin) are needed for the reference values");
        QStringList warnings;
        const std::vector<VectorFeature> utm = readAll(sharedData(kGeoJson), crs("EPSG:26918"), &warnings);
        QVERIFY2(warnings.isEmpty(), qPrintable(warnings.join(u'\n')));
        QCOMPARE(utm.size(), size_t(84));
        const std::vector<VectorFeature> lonlat = readAll(sharedData(kGeoJson), Crs());
        QCOMPARE(lonlat.size(), size_t(84));

        // One vertex by cs2cs (EPSG:4326 input is lat lon).
        const Vec3d ll = lonlat[0].parts[0][0][0];
        bool ok = false;
        const QByteArray out = run(QStringLiteral("cs2cs"),
                                   {QStringLiteral("-f"), QStringLiteral("%.6f"), QStringLiteral("EPSG:4326"),
                                    QStringLiteral("EPSG:26918")},
                                   QByteArray::number(ll.y, 'f', 12) + ' ' + QByteArray::number(ll.x, 'f', 12) + '\n',
                                   &ok);
        QVERIFY(ok);
        const QList<QByteArray> f = out.simplified().split(' ');
        QVERIFY(f.size() >= 2);
        QVERIFY2(std::abs(utm[0].parts[0][0][0].x - f[0].toDouble()) < 1e-3
                     && std::abs(utm[0].parts[0][0][0].y - f[1].toDouble()) < 1e-3,
                 out.constData());
        QVERIFY(std::abs(utm[0].parts[0][0][0].x - 321500) < 1000); // near the DSM

        // Every vertex by ogr2ogr.
        const QByteArray json = run(QStringLiteral("ogr2ogr"),
                                    {QStringLiteral("-f"), QStringLiteral("GeoJSON"), QStringLiteral("/vsistdout/"),
                                     sharedData(kGeoJson), QStringLiteral("-t_srs"), QStringLiteral("EPSG:26918"),
                                     QStringLiteral("-lco"), QStringLiteral("COORDINATE_PRECISION=6")},
                                    QByteArray(), &ok);
        QVERIFY(ok);
        const QJsonArray features = QJsonDocument::fromJson(json).object().value(QStringLiteral("features")).toArray();
        QCOMPARE(features.size(), 84);
        int vertices = 0;
        for (int i = 0; i < 84; ++i) {
            const VectorFeature &ours = utm[size_t(i)];
            QCOMPARE(ours.kind, VectorFeature::Kind::Polygon);
            const QJsonObject feature = features.at(i).toObject();
            QCOMPARE(ours.attributes.value(QStringLiteral("HEIGHT")).toDouble(),
                     feature.value(QStringLiteral("properties")).toObject().value(QStringLiteral("HEIGHT")).toDouble());
            const QJsonArray polys = feature.value(QStringLiteral("geometry")).toObject().value(QStringLiteral("coordinates")).toArray();
            QCOMPARE(ours.parts.size(), size_t(polys.size()));
            for (int p = 0; p < polys.size(); ++p) {
                const QJsonArray rings = polys.at(p).toArray();
                QCOMPARE(ours.parts[size_t(p)].size(), size_t(rings.size()));
                for (int r = 0; r < rings.size(); ++r) {
                    const QJsonArray pts = rings.at(r).toArray();
                    const auto &ring = ours.parts[size_t(p)][size_t(r)];
                    QCOMPARE(ring.size() + 1, size_t(pts.size())); // ours are open rings
                    for (size_t k = 0; k < ring.size(); ++k) {
                        const QJsonArray xy = pts.at(int(k)).toArray();
                        QVERIFY(std::abs(ring[k].x - xy.at(0).toDouble()) < 1e-3);
                        QVERIFY(std::abs(ring[k].y - xy.at(1).toDouble()) < 1e-3);
                        QCOMPARE(ring[k].z, 0.0);
                        ++vertices;
                    }
                }
            }
        }
        QVERIFY(vertices > 500);
    }

    void shapefileEqualsGeoJson()
    {
        const std::vector<VectorFeature> a = readAll(sharedData(kGeoJson), crs("EPSG:26918"));
        const std::vector<VectorFeature> b = readAll(sharedData(kShp), crs("EPSG:26918"));
        QCOMPARE(a.size(), size_t(84));
        QCOMPARE(b.size(), a.size());
        // The raw GeoJSON text says the same heights.
        QFile f(sharedData(kGeoJson));
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QJsonArray features = QJsonDocument::fromJson(f.readAll()).object().value(QStringLiteral("features")).toArray();
        QCOMPARE(features.size(), 84);
        for (size_t i = 0; i < a.size(); ++i) {
            const double h = features.at(int(i)).toObject().value(QStringLiteral("properties")).toObject().value(QStringLiteral("HEIGHT")).toDouble();
            QCOMPARE(a[i].attributes.value(QStringLiteral("HEIGHT")).toDouble(), h);
            QCOMPARE(b[i].attributes.value(QStringLiteral("HEIGHT")).toDouble(), h);
            // Features 59 and 65 have "HEIGHT": null; OGR reads them as null from the .dbf too.
            const bool null = features.at(int(i)).toObject().value(QStringLiteral("properties")).toObject().value(QStringLiteral("HEIGHT")).isNull();
            for (const VectorFeature *vf : {&a[i], &b[i]}) {
                const QVariant hv = vf->attributes.value(QStringLiteral("HEIGHT"));
                if (null)
                    QVERIFY(!hv.isValid());
                else
                    QCOMPARE(hv.typeId(), QMetaType::Double);
            }
            // A shapefile ring may start elsewhere or be split differently; compare the first outer ring's
            // vertex set size and centroid.
            Vec3d ca, cb;
            for (const Vec3d &p : a[i].parts[0][0])
                ca += p;
            for (const Vec3d &p : b[i].parts[0][0])
                cb += p;
            ca = ca * (1.0 / double(a[i].parts[0][0].size()));
            cb = cb * (1.0 / double(b[i].parts[0][0].size()));
            QVERIFY2((ca - cb).length() < 0.01, qPrintable(QString::number((ca - cb).length())));
        }
    }

    // --- geometry kinds and attributes ----------------------------------------------------------

    void geometryKinds()
    {
        QString error;
        const VectorDataset v = VectorDataset::open(fixture(QStringLiteral("kinds.geojson")), &error);
        QVERIFY2(v.isValid(), qPrintable(error));
        std::vector<VectorFeature> out;
        QStringList warnings;
        QVERIFY2(v.readFeatures(0, Crs(), Crs(), &out, &warnings, &error), qPrintable(error));
        QCOMPARE(warnings, QStringList{QDir::toNativeSeparators(fixture(QStringLiteral("kinds.geojson")))
                                       + QStringLiteral(": layer kinds: 1 feature without geometry skipped")});
        QCOMPARE(out.size(), size_t(7)); // 6 with geometry; the collection gives a polygon and a point
        // Point
        QCOMPARE(out[0].kind, VectorFeature::Kind::Point);
        QCOMPARE(out[0].parts.size(), size_t(1));
        QCOMPARE(out[0].parts[0][0][0], Vec3d(1, 2, 0));
        // Attributes of feature 0
        const QVariantMap &a = out[0].attributes;
        QCOMPARE(a.value(QStringLiteral("n")).typeId(), QMetaType::LongLong);
        QCOMPARE(a.value(QStringLiteral("n")).toLongLong(), 1);
        QCOMPARE(a.value(QStringLiteral("r")).toDouble(), 1.5);
        QCOMPARE(a.value(QStringLiteral("s")).toString(), QStringLiteral("Zhōngwén 中文"));
        QVERIFY(a.contains(QStringLiteral("z")));
        QVERIFY(!a.value(QStringLiteral("z")).isValid());
        QCOMPARE(a.value(QStringLiteral("d")).toDate(), QDate(2024, 5, 6));
        QCOMPARE(a.value(QStringLiteral("d")).toString(), QStringLiteral("2024-05-06"));
        QCOMPARE(a.value(QStringLiteral("t")).toDateTime(), QDateTime(QDate(2024, 5, 6), QTime(7, 8, 9), Qt::UTC));
        QCOMPARE(a.value(QStringLiteral("b")).typeId(), QMetaType::Bool);
        QCOMPARE(a.value(QStringLiteral("b")).toBool(), true);
        // Nulls on other features
        QVERIFY(!out[1].attributes.value(QStringLiteral("s")).isValid());
        // MultiPoint: two parts of one point each
        QCOMPARE(out[1].kind, VectorFeature::Kind::Point);
        QCOMPARE(out[1].parts.size(), size_t(2));
        QCOMPARE(out[1].parts[1][0][0], Vec3d(3, 4, 0));
        // LineString with z
        QCOMPARE(out[2].kind, VectorFeature::Kind::Line);
        QCOMPARE(out[2].parts[0][0].size(), size_t(2));
        QCOMPARE(out[2].parts[0][0][1], Vec3d(1, 1, 6));
        // MultiLineString
        QCOMPARE(out[3].kind, VectorFeature::Kind::Line);
        QCOMPARE(out[3].parts.size(), size_t(2));
        // Polygon with a hole, open rings
        QCOMPARE(out[4].kind, VectorFeature::Kind::Polygon);
        QCOMPARE(out[4].parts.size(), size_t(1));
        QCOMPARE(out[4].parts[0].size(), size_t(2));
        QCOMPARE(out[4].parts[0][0].size(), size_t(4));
        QCOMPARE(out[4].parts[0][1].size(), size_t(3));
        // Collection: flattened into a polygon feature and a point feature with the same fid
        QCOMPARE(out[5].kind, VectorFeature::Kind::Polygon);
        QCOMPARE(out[6].kind, VectorFeature::Kind::Point);
        QCOMPARE(out[5].fid, out[6].fid);
        QCOMPARE(out[6].attributes.value(QStringLiteral("n")).toLongLong(), 6);
        QCOMPARE(out[6].parts[0][0][0], Vec3d(9, 9, 0));
    }

    void curvesAndBrokenGeometry()
    {
        const QString file = fixture(QStringLiteral("curves.csv"));
        QString error;
        const VectorDataset v = VectorDataset::open(file, &error);
        QVERIFY2(v.isValid(), qPrintable(error));
        QCOMPARE(v.info().driver, QStringLiteral("CSV"));
        std::vector<VectorFeature> out;
        QStringList warnings;
        QVERIFY2(v.readFeatures(0, Crs(), Crs(), &out, &warnings, &error), qPrintable(error));
        // Feature 2 (a "polygon" of 2 distinct points) is skipped, naming its fid.
        QCOMPARE(out.size(), size_t(3));
        QVERIFY2(warnings.filter(QStringLiteral("feature 2 skipped: a polygon whose outer ring")).size() == 1,
                 qPrintable(warnings.join(u'\n')));
        // Circular arc through (0 0), (1 1), (2 0): linearised onto the unit circle around (1, 0).
        QCOMPARE(out[0].kind, VectorFeature::Kind::Line);
        QVERIFY(out[0].parts[0][0].size() > 10);
        for (const Vec3d &p : out[0].parts[0][0])
            QVERIFY(std::abs(std::hypot(p.x - 1.0, p.y) - 1.0) < 1e-9);
        // Curve polygon: a full circle of diameter 2 around (1, 0).
        QCOMPARE(out[1].kind, VectorFeature::Kind::Polygon);
        QVERIFY(out[1].parts[0][0].size() > 10);
        for (const Vec3d &p : out[1].parts[0][0])
            QVERIFY(std::abs(std::hypot(p.x - 1.0, p.y) - 1.0) < 1e-9);
        QCOMPARE(out[2].parts[0][0][0], Vec3d(0, 0, 7));
        QCOMPARE(out[2].attributes.value(QStringLiteral("id")).toString(), QStringLiteral("4"));
        // The CSV has no CRS: transforming without an assumed CRS fails, with one it works.
        QVERIFY(!v.readFeatures(0, crs("EPSG:3857"), Crs(), &out, &warnings, &error));
        QVERIFY2(error.contains(QStringLiteral("has no CRS")), qPrintable(error));
    }

    void enuTarget()
    {
        // Footprints into a local ENU frame at their first vertex: that vertex lands on ~(0, 0).
        const std::vector<VectorFeature> lonlat = readAll(sharedData(kGeoJson), Crs());
        const Vec3d o = lonlat[0].parts[0][0][0];
        const Crs enu = Crs::enu(o.y, o.x, 0.0);
        const std::vector<VectorFeature> local = readAll(sharedData(kGeoJson), enu);
        QCOMPARE(local.size(), size_t(84));
        QVERIFY(local[0].parts[0][0][0].length() < 1e-6);
        QVERIFY(local[0].parts[0][0][1].length() < 300.0);
    }

    // --- threads --------------------------------------------------------------------------------

    void concurrentReads()
    {
        const VectorDataset geojson = VectorDataset::open(sharedData(kGeoJson));
        const VectorDataset shp = VectorDataset::open(sharedData(kShp));
        QVERIFY(geojson.isValid() && shp.isValid());
        const Crs targets[3] = {crs("EPSG:26918"), crs("EPSG:3857"), Crs()};
        auto runJob = [&](int i) {
            const VectorDataset &v = (i % 2) ? shp : geojson;
            std::vector<VectorFeature> out;
            QString error;
            QByteArray digest;
            if (!v.readFeatures(0, targets[i % 3], Crs(), &out, nullptr, &error))
                return error.toUtf8();
            for (const VectorFeature &f : out) {
                digest += QByteArray::number(f.fid) + ':' + QByteArray::number(f.attributes.value(QStringLiteral("HEIGHT")).toDouble());
                for (const auto &part : f.parts)
                    for (const auto &ring : part)
                        for (const Vec3d &p : ring)
                            digest += QByteArray::number(p.x, 'g', 17) + ',' + QByteArray::number(p.y, 'g', 17) + ';';
            }
            return digest;
        };
        QList<int> jobs;
        for (int i = 0; i < 36; ++i)
            jobs << i;
        QList<QByteArray> serial;
        for (int i : jobs)
            serial << runJob(i);
        QThreadPool pool;
        pool.setMaxThreadCount(6);
        const QList<QByteArray> parallel = QtConcurrent::blockingMapped(&pool, jobs, runJob);
        for (int i : jobs) {
            QVERIFY(serial[i].size() > 1000);
            QVERIFY2(parallel[i] == serial[i], qPrintable(QString::number(i)));
        }
    }
};

QTEST_GUILESS_MAIN(TestVectorDataset)
#include "tst_vectordataset.moc"
