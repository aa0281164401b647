// The command-line contract: --help, bad arguments, `liyuan info` on the real sample (OSGB,
// GeoTIFF rasters, GeoJSON/Shapefile vectors, IFC/GLB models, CityJSON, generated CityGML) and on bad input.
#include "TestRequire.h"
#include "AppRunner.h"
#include "CityGmlFixtures.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

#include <cmath>
#include <sys/stat.h>

namespace {
const QString kSample = QStringLiteral(LIYUAN_SHARED_DATA "/osgb/Production_5");
const QString kDsm = QStringLiteral(LIYUAN_SHARED_DATA "/gis/alexandria_va/dsm.tif");
const QString kOrtho = QStringLiteral(LIYUAN_SHARED_DATA "/gis/webodm/orthophoto.tif");
const QString kFootprints = QStringLiteral(LIYUAN_SHARED_DATA "/footprints/alexandria_va/buildings");
const QString kCityJson = QStringLiteral(LIYUAN_SHARED_DATA "/citymodels/delft.json");
const QString kIfc = QStringLiteral(LIYUAN_SHARED_DATA "/buildings/AC11-Institute-Var-2-IFC.ifc");
const QString kGlb = QStringLiteral(LIYUAN_SHARED_DATA "/buildings/amsterdamcs.glb");

QJsonObject parseJson(const QString &text)
{
    QJsonParseError e;
    const QJsonDocument d = QJsonDocument::fromJson(text.toUtf8(), &e);
    if (e.error != QJsonParseError::NoError)
        qWarning() << "JSON error" << e.errorString() << text.left(400);
    return d.object();
}
} // namespace

class tst_Cli : public QObject
{
    Q_OBJECT
private slots:
    void helpListsTheContract()
    {
        const AppRun r = runApp({"--help"});
        QCOMPARE(r.exitCode, 0);
        for (const char *opt : {"--screenshot", "--size", "--camera-path", "--time", "--timeout", "--frames",
                                "--state-json", "--cache-mb", "--max-loads", "--lod-scale", "--lang", "info",
                                "--deep", "--json", "--as"})
            QVERIFY2(r.out.contains(QLatin1String(opt)), opt);
    }

    void badArguments_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("fragment");
        QTest::newRow("unknown option") << QStringList{"--frobnicate"} << "frobnicate";
        QTest::newRow("bad size") << QStringList{"--size", "huge", "--screenshot", "x.png"} << "--size";
        QTest::newRow("bad cache") << QStringList{"--cache-mb", "-5"} << "--cache-mb";
        QTest::newRow("bad lang") << QStringList{"--lang", "fr"} << "--lang";
        QTest::newRow("state-json alone") << QStringList{"--state-json", "x.json"} << "--state-json";
        QTest::newRow("info without path") << QStringList{"info"} << "PATH";
        QTest::newRow("--as neither terrain nor imagery") << QStringList{"--as", "dem", "x.tif"} << "--as must be terrain or imagery";
        QTest::newRow("--as with info") << QStringList{"info", "--as", "terrain", "x.tif"} << "--as does not belong";
    }
    void badArguments()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, fragment);
        const AppRun r = runApp(args);
        QVERIFY(r.finished);
        QVERIFY(r.exitCode != 0);
        QVERIFY2(r.err.contains(fragment), qPrintable(r.err));
    }

    void infoJsonOnTheSample()
    {
        if (!QFileInfo::exists(kSample))
            LIYUAN_SKIP("shared sample data not found");
        const AppRun r = runApp({"info", "--json", kSample});
        QCOMPARE(r.exitCode, 0);
        const QJsonObject o = parseJson(r.out);
        QCOMPARE(o["format"].toString(), QStringLiteral("OSGB"));
        QCOMPARE(o["rootTiles"].toInt(), 3);
        const QJsonObject crs = o["crs"].toObject();
        QVERIFY(crs["proj"].toString().contains("+lon_0=113.37"));
        QVERIFY(crs["proj"].toString().contains("+y_0=90"));
        QVERIFY(crs["name"].toString().contains("Gauss-Kruger"));
        QCOMPARE(o["origin"].toObject()["x"].toDouble(), 501027.524);
        const QJsonObject ll = o["boundsWgs84"].toObject();
        QVERIFY(ll["west"].toDouble() > 113.37 && ll["east"].toDouble() < 113.39);
        QVERIFY(ll["south"].toDouble() > 22.48 && ll["north"].toDouble() < 22.51);
        QVERIFY(ll["west"].toDouble() < ll["east"].toDouble());
        const QJsonObject b = o["boundsCrs"].toObject();
        QVERIFY(b["min"].toObject()["x"].toDouble() > 500000 && b["max"].toObject()["y"].toDouble() > 2488000);
    }

    void infoDeepJsonOnTheSample()
    {
        if (!QFileInfo::exists(kSample))
            LIYUAN_SKIP("shared sample data not found");
        const AppRun r = runApp({"info", "--deep", "--json", kSample});
        QCOMPARE(r.exitCode, 0);
        const QJsonObject o = parseJson(r.out);
        QCOMPARE(o["files"].toInt(), 35);
        QCOMPARE(qint64(o["triangles"].toDouble()), qint64(319858));
        QCOMPARE(o["lodLevels"].toInt(), 6); // L14 (root) … L19
        QCOMPARE(o["missingChildren"].toArray().size(), 89);
        QCOMPARE(o["unreadable"].toArray().size(), 0);
        const QJsonArray levels = o["levels"].toArray();
        QCOMPARE(levels[0].toObject()["files"].toInt(), 3);
        QVERIFY(levels[5].toObject()["textureBytes"].toDouble() > levels[0].toObject()["textureBytes"].toDouble());
        for (const QJsonValue &m : o["missingChildren"].toArray())
            QVERIFY(m.toString().contains("_L20_"));
    }

    void infoText()
    {
        if (!QFileInfo::exists(kSample))
            LIYUAN_SKIP("shared sample data not found");
        const AppRun r = runApp({"info", kSample});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains("CRS:"));
        QVERIFY(r.out.contains("+proj=tmerc"));
        QVERIFY(r.out.contains("Root tiles:"));
    }

    void infoJsonOnRasters_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<int>("width");
        QTest::addColumn<int>("height");
        QTest::addColumn<int>("bands");
        QTest::addColumn<QString>("bandType");
        QTest::addColumn<QString>("authority");
        QTest::addColumn<QString>("lastColour");
        QTest::addColumn<QString>("role");
        QTest::newRow("dsm (Float32 DSM)") << kDsm << 283 << 259 << 1 << "Float32" << "EPSG:26918" << "Gray" << "terrain";
        QTest::newRow("orthophoto (RGBA)") << kOrtho << 212 << 212 << 4 << "Byte" << "EPSG:32615" << "Alpha" << "imagery";
    }
    void infoJsonOnRasters()
    {
        QFETCH(QString, file);
        QFETCH(int, width);
        QFETCH(int, height);
        QFETCH(int, bands);
        QFETCH(QString, bandType);
        QFETCH(QString, authority);
        QFETCH(QString, lastColour);
        QFETCH(QString, role);
        if (!QFileInfo::exists(file))
            LIYUAN_SKIP("shared GIS data not found");
        const AppRun r = runApp({"info", "--json", file});
        QVERIFY2(r.exitCode == 0, r.what().constData());
        const QJsonObject o = parseJson(r.out);
        QCOMPARE(o["format"].toString(), QStringLiteral("raster"));
        QCOMPARE(o["driver"].toString(), QStringLiteral("GTiff"));
        QCOMPARE(o["width"].toInt(), width);
        QCOMPARE(o["height"].toInt(), height);
        QCOMPARE(o["bands"].toInt(), bands);
        QCOMPARE(o["bandTypes"].toArray().size(), bands);
        QCOMPARE(o["bandTypes"].toArray()[0].toString(), bandType);
        const QJsonArray colours = o["colorInterpretation"].toArray();
        QCOMPARE(colours.size(), bands);
        QCOMPARE(colours.last().toString(), lastColour);
        QCOMPARE(o["role"].toString(), role); // how the app opens it
        QVERIFY(!o["roleReason"].toString().isEmpty());
        QCOMPARE(o["nodata"].toArray().size(), bands);
        const QJsonObject crs = o["crs"].toObject();
        QCOMPARE(crs["authority"].toString(), authority);
        QVERIFY(crs["georeferenced"].toBool());
        QVERIFY(!crs["proj"].toString().isEmpty());
        const QJsonObject b = o["bounds"].toObject();
        QVERIFY(b["maxX"].toDouble() > b["minX"].toDouble() && b["maxY"].toDouble() > b["minY"].toDouble());
        const QJsonArray px = o["pixelSize"].toArray();
        QCOMPARE(px.size(), 2);
        QVERIFY(px[0].toDouble() > 0);
        QVERIFY(qFuzzyCompare(b["maxX"].toDouble() - b["minX"].toDouble(), width * px[0].toDouble()));
        const QJsonObject ll = o["boundsWgs84"].toObject();
        QVERIFY(ll["west"].toDouble() < ll["east"].toDouble() && ll["south"].toDouble() < ll["north"].toDouble());
    }

    void infoJsonOnTheDsm()
    {
        if (!QFileInfo::exists(kDsm))
            LIYUAN_SKIP("shared GIS data not found");
        const AppRun r = runApp({"info", "--json", kDsm});
        QVERIFY2(r.exitCode == 0, r.what().constData());
        const QJsonObject o = parseJson(r.out);
        QCOMPARE(o["nodata"].toArray()[0].toDouble(), -9999.0);
        QCOMPARE(o["pixelSize"].toArray()[0].toDouble(), 2.0);
        const QJsonArray ovr = o["overviews"].toArray();
        QVERIFY(!ovr.isEmpty());
        QCOMPARE(ovr[0].toArray()[0].toInt(), 142);
        QCOMPARE(ovr[0].toArray()[1].toInt(), 130);
        const QJsonObject b = o["bounds"].toObject();
        QCOMPARE(b["minX"].toDouble(), 321498.0);
        QCOMPARE(b["maxY"].toDouble(), 4298018.0);
        QVERIFY(o["crs"].toObject()["name"].toString().contains("UTM zone 18N"));
        const QJsonObject ll = o["boundsWgs84"].toObject();
        QVERIFY2(qAbs(ll["west"].toDouble() - -77.056) < 0.01 && qAbs(ll["east"].toDouble() - -77.049) < 0.01,
                 qPrintable(QJsonDocument(ll).toJson(QJsonDocument::Compact)));
        QVERIFY2(qAbs(ll["south"].toDouble() - 38.808) < 0.01 && qAbs(ll["north"].toDouble() - 38.813) < 0.01,
                 qPrintable(QJsonDocument(ll).toJson(QJsonDocument::Compact)));
    }

    void infoTextOnARaster()
    {
        if (!QFileInfo::exists(kDsm))
            LIYUAN_SKIP("shared GIS data not found");
        const AppRun r = runApp({"info", kDsm});
        QVERIFY2(r.exitCode == 0, r.what().constData());
        QVERIFY2(r.out.contains("raster (GTiff)"), qPrintable(r.out));
        QVERIFY(r.out.contains("283 x 259"));
        QVERIFY(r.out.contains("Overviews:"));
        QVERIFY(r.out.contains("142x130"));
        QVERIFY(r.out.contains("nodata -9999"));
        QVERIFY(r.out.contains("[EPSG:26918]"));
        QVERIFY(r.out.contains("Bounds WGS84:"));
    }

    void infoOnVectors_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("driver");
        QTest::newRow("GeoJSON") << kFootprints + ".geojson" << "GeoJSON";
        QTest::newRow("Shapefile") << kFootprints + ".shp" << "ESRI Shapefile";
    }
    void infoOnVectors()
    {
        QFETCH(QString, file);
        QFETCH(QString, driver);
        if (!QFileInfo::exists(file))
            LIYUAN_SKIP("shared footprint data not found");
        const AppRun r = runApp({"info", "--json", file});
        QVERIFY2(r.exitCode == 0, r.what().constData());
        const QJsonObject o = parseJson(r.out);
        QCOMPARE(o["format"].toString(), QStringLiteral("vector"));
        QCOMPARE(o["driver"].toString(), driver);
        const QJsonArray layers = o["layers"].toArray();
        QCOMPARE(layers.size(), 1);
        const QJsonObject l = layers[0].toObject();
        QCOMPARE(qint64(l["featureCount"].toDouble()), qint64(84));
        QVERIFY2(l["geometryType"].toString().contains("Polygon"), qPrintable(l["geometryType"].toString()));
        QStringList fields;
        for (const QJsonValue &f : l["fields"].toArray())
            fields << f.toObject()["name"].toString();
        QVERIFY2(fields.contains("HEIGHT") && fields.contains("SQMETERS"), qPrintable(fields.join(',')));
        QCOMPARE(l["crs"].toObject()["authority"].toString(), QStringLiteral("EPSG:4326"));
        const QJsonObject ll = l["boundsWgs84"].toObject();
        QVERIFY2(qAbs(ll["west"].toDouble() - -77.0546) < 0.0005 && qAbs(ll["east"].toDouble() - -77.0504) < 0.0005,
                 qPrintable(QJsonDocument(ll).toJson(QJsonDocument::Compact)));
        QVERIFY(ll["south"].toDouble() > 38.80 && ll["north"].toDouble() < 38.82 && ll["south"].toDouble() < ll["north"].toDouble());
        const QJsonObject b = l["bounds"].toObject();
        QVERIFY(qAbs(b["minX"].toDouble() - ll["west"].toDouble()) < 1e-9); // EPSG:4326: same numbers

        const AppRun text = runApp({"info", file});
        QCOMPARE(text.exitCode, 0);
        QVERIFY2(text.out.contains("Features:") && text.out.contains("84") && text.out.contains("HEIGHT"), qPrintable(text.out));
    }

    void infoOnAnIfcModel()
    {
        if (!QFileInfo::exists(kIfc))
            LIYUAN_SKIP("shared building data not found");
        const AppRun r = runApp({"info", "--json", kIfc});
        QVERIFY2(r.exitCode == 0, r.what().constData());
        const QJsonObject o = parseJson(r.out);
        QCOMPARE(o["format"].toString(), QStringLiteral("model"));
        QVERIFY2(o["sourceFormat"].toString().contains("IFC", Qt::CaseInsensitive), qPrintable(o["sourceFormat"].toString()));
        QVERIFY(o["triangles"].toDouble() > 0 && o["meshes"].toDouble() > 0 && o["nodes"].toDouble() > 0);
        const QJsonArray storeys = o["storeys"].toArray();
        const QStringList names{"Keller", "Erdgeschoss", "1. Obergeschoss", "2. Obergeschoss", "Dachgeschoss"};
        const double elevations[] = {-3, 0, 3, 6, 9};
        QCOMPARE(storeys.size(), names.size());
        for (int k = 0; k < storeys.size(); ++k) {
            const QJsonObject s = storeys[k].toObject();
            QCOMPARE(s["name"].toString(), names[k]);
            QVERIFY2(qAbs(s["elevation"].toDouble() - elevations[k]) < 0.01,
                     qPrintable(QJsonDocument(s).toJson(QJsonDocument::Compact)));
        }
        const QJsonObject b = o["bounds"].toObject();
        QCOMPARE(b["min"].toArray().size(), 3);
        QVERIFY(b["max"].toArray()[1].toDouble() > b["min"].toArray()[1].toDouble());
        QVERIFY(o.contains("upAxis") && o.contains("warnings"));
        QVERIFY(o["placement"].isNull());

        const AppRun text = runApp({"info", kIfc});
        QCOMPARE(text.exitCode, 0);
        QVERIFY2(text.out.contains("Storeys:") && text.out.contains("Dachgeschoss") && text.out.contains("Triangles:"),
                 qPrintable(text.out));
    }

    void infoOnAGlbModel()
    {
        if (!QFileInfo::exists(kGlb))
            LIYUAN_SKIP("shared building data not found");
        const AppRun r = runApp({"info", "--json", kGlb});
        QVERIFY2(r.exitCode == 0, r.what().constData());
        const QJsonObject o = parseJson(r.out);
        QCOMPARE(o["format"].toString(), QStringLiteral("model"));
        QCOMPARE(qint64(o["triangles"].toDouble()), qint64(9175));
        QCOMPARE(qint64(o["materials"].toDouble()), qint64(44));
        const QJsonObject t = o["textures"].toObject();
        QCOMPARE(qint64(t["embedded"].toDouble()), qint64(31));
        QCOMPARE(t["missing"].toArray().size(), 0);
        QVERIFY(o["storeys"].toArray().isEmpty());
        QVERIFY(o["placement"].isNull());

        // a sidecar MODEL.geo.json is reported as the app reads it (ModelPlacement)
        QTemporaryDir dir;
        QVERIFY(QFile::copy(kGlb, dir.filePath("station.glb")));
        QFile geo(dir.filePath("station.glb.geo.json"));
        QVERIFY(geo.open(QIODevice::WriteOnly));
        geo.write(R"({"crs": "EPSG:28992", "position": [121500.0, 487800.0, 0.5], "heading": 12.5, "scale": 2})");
        geo.close();
        const AppRun placed = runApp({"info", "--json", dir.filePath("station.glb")});
        QVERIFY2(placed.exitCode == 0, placed.what().constData());
        const QJsonObject po = parseJson(placed.out);
        const QJsonObject p = po["placement"].toObject();
        QCOMPARE(p["crs"].toString(), QStringLiteral("EPSG:28992"));
        QCOMPARE(p["heading"].toDouble(), 12.5);
        QCOMPARE(p["scale"].toDouble(), 2.0);
        QCOMPARE(p["position"].toArray().size(), 3);
        QCOMPARE(p["position"].toArray()[0].toDouble(), 121500.0);
        QVERIFY(!po.contains("placementError"));

        const AppRun text = runApp({"info", dir.filePath("station.glb")});
        QCOMPARE(text.exitCode, 0);
        QVERIFY2(text.out.contains("31 embedded") && text.out.contains("9175") && text.out.contains("EPSG:28992"),
                 qPrintable(text.out));

        // a sidecar the app would reject is not echoed as a placement: info says why, naming it
        struct Bad { const char *json; const char *fragment; };
        const Bad bad[] = {
            {R"({"crs": "EPSG:28992", "origin": [121500.0, 487800.0, 0.0], "rotation": 12.5})", "position"},
            {R"({"crs": "EPSG:999999", "position": [1, 2, 3]})", "crs"},
            {R"({"crs": "EPSG:28992", "position": [1, 2, 3], "scale": -1})", "scale"},
            {R"({"crs": "EPSG:28992", "position": [1, 2, 3], "upAxis": "W"})", "upAxis"},
            {R"([1, 2, 3])", "station.glb.geo.json"},
        };
        for (const Bad &b : bad) {
            QVERIFY(geo.open(QIODevice::WriteOnly | QIODevice::Truncate));
            geo.write(b.json);
            geo.close();
            const AppRun r2 = runApp({"info", "--json", dir.filePath("station.glb")});
            QVERIFY2(r2.exitCode == 0, r2.what().constData());
            const QJsonObject o2 = parseJson(r2.out);
            QVERIFY2(o2["placement"].isNull(), b.json);
            const QString why = o2["placementError"].toString();
            QVERIFY2(why.contains("station.glb.geo.json") && why.contains(b.fragment), qPrintable(why + " <- " + b.json));
            const AppRun t2 = runApp({"info", dir.filePath("station.glb")});
            QVERIFY2(t2.out.contains("rejected") && t2.out.contains("station.glb.geo.json"), qPrintable(t2.out));
        }
    }

    void infoOnCityJson()
    {
        if (!QFileInfo::exists(kCityJson))
            LIYUAN_SKIP("shared city-model data not found");
        const AppRun r = runApp({"info", "--json", kCityJson});
        QVERIFY2(r.exitCode == 0, r.what().constData());
        const QJsonObject o = parseJson(r.out);
        QCOMPARE(o["format"].toString(), QStringLiteral("cityjson"));
        QCOMPARE(o["referenceSystem"].toString(), QStringLiteral("EPSG:7415"));
        QCOMPARE(qint64(o["objects"].toDouble()), qint64(570));
        QCOMPARE(o["objectTypes"].toObject()["Building"].toInt(), 160);
        int sum = 0;
        for (const QJsonValue &v : o["objectTypes"].toObject())
            sum += v.toInt();
        QCOMPARE(sum, 570);
        QVERIFY(!o["lods"].toArray().isEmpty());
        QVERIFY(!o["attributes"].toArray().isEmpty());
        QVERIFY(o["triangles"].toDouble() > 0);
        QVERIFY(o["warnings"].isArray());

        const AppRun text = runApp({"info", kCityJson});
        QCOMPARE(text.exitCode, 0);
        QVERIFY2(text.out.contains("CityJSON") && text.out.contains("EPSG:7415") && text.out.contains("Building:"),
                 qPrintable(text.out));
    }

    void infoOnCityGml()
    {
        // CityGML 2.0 LoD2 in ETRS89 / UTM 32N + DHHN2016 (a compound CRS), written here
        const QString file = m_tmp.filePath("koeln_lod2.gml");
        QVERIFY(liyuan::test::writeFile(file, liyuan::test::cityGml2Lod2("urn:ogc:def:crs,crs:EPSG::25832,crs:EPSG::7837")));
        const AppRun r = runApp({"info", "--json", file});
        QVERIFY2(r.exitCode == 0, r.what().constData());
        const QJsonObject o = parseJson(r.out);
        QCOMPARE(o["format"].toString(), QStringLiteral("citygml"));
        QCOMPARE(o["version"].toString(), QStringLiteral("2.0"));
        QCOMPARE(o["srsName"].toString(), QStringLiteral("urn:ogc:def:crs,crs:EPSG::25832,crs:EPSG::7837"));
        QCOMPARE(o["referenceSystem"].toString(), QStringLiteral("EPSG:25832+7837"));
        QVERIFY2(o["crs"].toObject()["name"].toString().contains("DHHN2016"), qPrintable(r.out));
        QCOMPARE(qint64(o["objects"].toDouble()), qint64(1));
        QCOMPARE(o["objectTypes"].toObject()["Building"].toInt(), 1);
        QCOMPARE(o["lods"].toArray(), QJsonArray{"2"});
        const QJsonArray attributes = o["attributes"].toArray();
        for (const char *a : {"measuredHeight", "function", "DatenquelleDachhoehe", "storeysAboveGround"})
            QVERIFY2(attributes.contains(QString::fromLatin1(a)), a);
        QCOMPARE(qint64(o["triangles"].toDouble()), qint64(12));
        const QJsonObject wgs = o["boundsWgs84"].toObject();
        QVERIFY2(std::abs(wgs["west"].toDouble() - liyuan::test::kCologneLon) < 1e-5, qPrintable(r.out));
        QVERIFY2(std::abs(wgs["south"].toDouble() - liyuan::test::kCologneLat) < 1e-5, qPrintable(r.out));

        const AppRun text = runApp({"info", file});
        QCOMPARE(text.exitCode, 0);
        for (const char *s : {"CityGML 2.0", "EPSG:25832+7837", "Building:", "measuredHeight", "Bounds WGS84"})
            QVERIFY2(text.out.contains(QString::fromLatin1(s)), qPrintable(s + QStringLiteral(" in\n") + text.out));

        // CityGML 1.0 LoD1, and a truncated file: an error naming the file and the line, no GDAL fallback
        const QString lod1 = m_tmp.filePath("lod1.gml"), cut = m_tmp.filePath("cut.gml");
        QVERIFY(liyuan::test::writeFile(lod1, liyuan::test::cityGml1Lod1("EPSG:25832")));
        const QByteArray whole = liyuan::test::cityGml2Lod2("EPSG:25832");
        QVERIFY(liyuan::test::writeFile(cut, whole.left(whole.size() * 2 / 3)));
        const QJsonObject o1 = parseJson(runApp({"info", "--json", lod1}).out);
        QCOMPARE(o1["version"].toString(), QStringLiteral("1.0"));
        QCOMPARE(o1["lods"].toArray(), QJsonArray{"1"});
        QCOMPARE(o1["objectTypes"].toObject()["Building"].toInt(), 2);
        const AppRun bad = runApp({"info", "--json", cut});
        QCOMPARE(bad.exitCode, 2);
        QVERIFY2(bad.err.contains(cut) && bad.err.contains("not well-formed XML (line"), qPrintable(bad.err));
    }

    void infoOnATruncatedGlb()
    {
        if (!QFileInfo::exists(kGlb))
            LIYUAN_SKIP("shared building data not found");
        QFile in(kGlb);
        QVERIFY(in.open(QIODevice::ReadOnly));
        QFile out(m_tmp.filePath("half.glb"));
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(in.read(in.size() / 2));
        out.close();
        const AppRun r = runApp({"info", "--json", out.fileName()});
        QVERIFY(r.finished);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("half.glb"), qPrintable(r.err));
        QVERIFY2(!r.err.contains("not a raster"), qPrintable(r.err)); // the model reader's answer, no GDAL fallback
        QVERIFY2(parseJson(r.out)["error"].toString().contains("half.glb"), qPrintable(r.out));
    }

    void infoOnUnreadableFiles_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QStringList>("fragments");
        // a GeoTIFF cut after 2000 bytes: the header still opens, the pixels are gone
        if (QFileInfo::exists(kDsm) && m_tmp.isValid()) {
            QFile in(kDsm);
            QFile out(m_tmp.filePath("truncated_dsm.tif"));
            if (in.open(QIODevice::ReadOnly) && out.open(QIODevice::WriteOnly))
                out.write(in.read(2000));
        }
        QTest::newRow("truncated GeoTIFF") << m_tmp.filePath("truncated_dsm.tif")
                                           << QStringList{"truncated_dsm.tif", "raster", "corrupt"};
        QFile text(m_tmp.filePath("notes.txt"));
        if (text.open(QIODevice::WriteOnly))
            text.write("just some words, no geodata\n");
        QTest::newRow("plain text") << m_tmp.filePath("notes.txt")
                                    << QStringList{"notes.txt", "not an OSGB dataset", "not a raster (", "not a vector ("};
    }
    void infoOnUnreadableFiles()
    {
        QFETCH(QString, file);
        QFETCH(QStringList, fragments);
        if (!QFileInfo::exists(file))
            LIYUAN_SKIP("shared data not found");
        const AppRun r = runApp({"info", "--json", file});
        QVERIFY(r.finished);
        QCOMPARE(r.exitCode, 2);
        for (const QString &f : fragments)
            QVERIFY2(r.err.contains(f), qPrintable(QStringLiteral("missing \"%1\" in: %2").arg(f, r.err)));
        QVERIFY2(parseJson(r.out)["error"].toString().contains(QFileInfo(file).fileName()), qPrintable(r.out));
    }

    void infoOnBadInput()
    {
        // a production whose tile is corrupt and whose child is missing: described, not crashed
        if (!QFileInfo::exists(kSample))
            LIYUAN_SKIP("shared sample data not found");
        QTemporaryDir dir;
        QVERIFY(QDir().mkpath(dir.filePath("Data/Tile_+000_+013")));
        QVERIFY(QFile::copy(kSample + "/metadata.xml", dir.filePath("metadata.xml")));
        QFile in(kSample + "/Data/Tile_+000_+013/Tile_+000_+013.osgb");
        QVERIFY(in.open(QIODevice::ReadOnly));
        QFile out(dir.filePath("Data/Tile_+000_+013/Tile_+000_+013.osgb"));
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(in.readAll()); // the root is fine; its L15 child is absent
        out.close();
        QVERIFY(QDir().mkpath(dir.filePath("Data/Tile_+000_+099")));
        QFile bad(dir.filePath("Data/Tile_+000_+099/Tile_+000_+099.osgb"));
        QVERIFY(bad.open(QIODevice::WriteOnly));
        bad.write(in.readAll().left(0) + QByteArray(1000, 'x'));
        bad.close();
        const AppRun r = runApp({"info", "--deep", "--json", dir.path()});
        QCOMPARE(r.exitCode, 0);
        const QJsonObject o = parseJson(r.out);
        QCOMPARE(o["missingChildren"].toArray().size(), 1);
        QCOMPARE(o["unreadable"].toArray().size(), 1);
        QVERIFY(o["unreadable"].toArray()[0].toObject()["error"].toString().contains("Tile_+000_+099.osgb"));

        const AppRun missing = runApp({"info", "--json", "/nonexistent/liyuan"});
        QCOMPARE(missing.exitCode, 2);
        QVERIFY(missing.err.contains("/nonexistent/liyuan"));
    }

    // ---- found by fuzzing the built app: each case is a named fixture ----

    /** A VRT claiming 100000×100000 pixels of the shared DSM (GDAL offers a 50000² implicit overview). */
    QString hugeVrt()
    {
        const QString path = m_tmp.filePath(QStringLiteral("big.vrt"));
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly))
            return QString();
        f.write(QStringLiteral(
                        "<VRTDataset rasterXSize=\"100000\" rasterYSize=\"100000\">\n"
                        "  <SRS>EPSG:32618</SRS>\n"
                        "  <GeoTransform>320000, 0.01, 0, 4300000, 0, -0.01</GeoTransform>\n"
                        "  <VRTRasterBand dataType=\"Float32\" band=\"1\">\n"
                        "    <SimpleSource>\n"
                        "      <SourceFilename relativeToVRT=\"0\">%1</SourceFilename>\n"
                        "      <SourceBand>1</SourceBand>\n"
                        "      <SrcRect xOff=\"0\" yOff=\"0\" xSize=\"283\" ySize=\"259\"/>\n"
                        "      <DstRect xOff=\"0\" yOff=\"0\" xSize=\"100000\" ySize=\"100000\"/>\n"
                        "    </SimpleSource>\n"
                        "  </VRTRasterBand>\n"
                        "</VRTDataset>\n")
                        .arg(kDsm)
                        .toUtf8());
        return path;
    }

    static bool haveDisplay()
    {
        return !qEnvironmentVariableIsEmpty("DISPLAY") || qEnvironmentVariable("QT_QPA_PLATFORM") == "offscreen";
    }

    void fuzzInfoDeepOnAHugeVrtEnds()
    {
        if (!QFileInfo::exists(kDsm))
            LIYUAN_SKIP("shared raster data not found");
        const QString vrt = hugeVrt();
        QElapsedTimer t;
        t.start();
        const AppRun r = runApp({"info", "--deep", "--json", vrt}, 60000); // killed after 60 s: a hang fails
        QVERIFY2(r.finished, r.what().constData());
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(t.elapsed() < 30000, qPrintable(QStringLiteral("took %1 ms").arg(t.elapsed())));
        const QJsonObject o = parseJson(r.out);
        QCOMPARE(o["width"].toInt(), 100000);
        QCOMPARE(o["height"].toInt(), 100000);
    }

    void fuzzRenderOfAHugeVrtExitsAfterTheTimeout()
    {
        if (!QFileInfo::exists(kDsm))
            LIYUAN_SKIP("shared raster data not found");
        if (!haveDisplay())
            LIYUAN_SKIP("no display: run under xvfb-run");
        const QString vrt = hugeVrt();
        const QString png = m_tmp.filePath("big.png");
        QElapsedTimer t;
        t.start();
        const AppRun r = runApp({vrt, "--screenshot", png, "--timeout", "5", "--size", "320x240"}, 120000);
        QVERIFY2(r.finished, r.what().constData()); // a run that never exits is killed and fails here
        QVERIFY2(t.elapsed() < 5000 + 45000, qPrintable(QStringLiteral("exited %1 ms after start").arg(t.elapsed())));
        // the huge raster cannot be drawn: the run says so, naming the file, and fails
        QVERIFY2(r.exitCode > 0, r.what().constData());
        QVERIFY2(r.err.contains("big.vrt"), r.what().constData());
    }

    void fuzzFifoIsRefused_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<bool>("render");
        QTest::newRow("fuzz: info on a FIFO") << "pipe.tif" << false;
        QTest::newRow("fuzz: render of a FIFO") << "pipe.glb" << true;
        QTest::newRow("fuzz: render of a FIFO project") << "pipe.liyuan.json" << true;
    }
    void fuzzFifoIsRefused()
    {
        QFETCH(QString, name);
        QFETCH(bool, render);
        if (render && !haveDisplay())
            LIYUAN_SKIP("no display: run under xvfb-run");
        QTemporaryDir dir;
        const QString fifo = dir.filePath(name);
        QVERIFY(::mkfifo(QFile::encodeName(fifo).constData(), 0600) == 0);
        const QStringList args = render ? QStringList{fifo, "--screenshot", dir.filePath("out.png"), "--timeout", "20"}
                                        : QStringList{"info", "--json", fifo};
        const AppRun r = runApp(args, 60000); // reading the FIFO would block for ever: killed, and fails
        QVERIFY2(r.finished, r.what().constData());
        QVERIFY2(r.exitCode > 0, r.what().constData());
        QVERIFY2(r.err.contains(fifo + QStringLiteral(": not a regular file")), r.what().constData());
    }

    void fuzzFailingModelExitsNonZero_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QByteArray>("bytes"); // empty: the file does not exist
        QTest::addColumn<QString>("fragment");
        QTest::newRow("fuzz: missing model") << "missing.glb" << QByteArray() << "missing.glb";
        QByteArray glb("glTF");
        const QByteArray json = "{\"asset\":{\"version\":\"2.0\"},\"meshes\":[{\"primitives\":[{\"attributes\":{\"POSITION\":7}}]}]";
        auto u32 = [](quint32 v) { return QByteArray(reinterpret_cast<const char *>(&v), 4); };
        glb += u32(2) + u32(quint32(12 + 8 + json.size())) + u32(quint32(json.size())) + QByteArray("JSON") + json;
        QTest::newRow("fuzz: corrupt model") << "corrupt.glb" << glb << "corrupt.glb";
    }
    void fuzzFailingModelExitsNonZero()
    {
        QFETCH(QString, name);
        QFETCH(QByteArray, bytes);
        QFETCH(QString, fragment);
        if (!haveDisplay())
            LIYUAN_SKIP("no display: run under xvfb-run");
        QTemporaryDir dir;
        const QString path = dir.filePath(name);
        if (!bytes.isEmpty()) {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(bytes);
        }
        const AppRun r = runApp({path, "--screenshot", dir.filePath("out.png"), "--timeout", "10"}, 90000);
        QVERIFY2(r.finished, r.what().constData());
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(fragment), r.what().constData());
        QVERIFY2(!r.err.contains("OBJ"), r.what().constData()); // the glTF importer's answer, not another importer's
    }

private:
    QTemporaryDir m_tmp;
};

QTEST_GUILESS_MAIN(tst_Cli)
#include "tst_cli.moc"
