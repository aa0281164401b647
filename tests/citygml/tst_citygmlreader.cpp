#include "CityGmlFixtures.h"

#include <liyuan/citygml/CityGmlReader.h>
#include <liyuan/citygml/CityGmlTileReader.h>
#include <liyuan/geodata/Crs.h>
#include <liyuan/geodata/LocalFrame.h>

#include <QImage>
#include <QTemporaryDir>
#include <QtConcurrent>
#include <QtTest>

#include <cmath>

using namespace liyuan;
using namespace liyuan::citygml;
using namespace liyuan::test;

namespace {

/** Triangles of the object per surface kind. */
int surfaces(const CityGmlObject &o, SurfaceKind k)
{
    return int(std::count(o.triangleSurfaces.begin(), o.triangleSurfaces.end(), k));
}

/** Real coordinates of the object's vertex nearest to (x, y, z). */
Vec3d nearestVertex(const CityGmlContent &c, const CityGmlObject &o, const Vec3d &p)
{
    Vec3d best;
    double bestD = 1e300;
    for (size_t i = 0; i + 2 < o.positions.size(); i += 3) {
        const Vec3d v = c.origin + Vec3d(o.positions[i], o.positions[i + 1], o.positions[i + 2]);
        const double d = (v - p).length();
        if (d < bestD) {
            bestD = d;
            best = v;
        }
    }
    return best;
}

/** Metres between two lon/lat points (equirectangular, fine at this scale). */
double groundDistance(double lon1, double lat1, double lon2, double lat2)
{
    const double r = 6371000.0, k = M_PI / 180.0;
    const double dx = (lon2 - lon1) * k * std::cos(0.5 * (lat1 + lat2) * k) * r;
    const double dy = (lat2 - lat1) * k * r;
    return std::hypot(dx, dy);
}

} // namespace

class TestCityGmlReader : public QObject
{
    Q_OBJECT

private slots:
    void referenceSystems_data()
    {
        QTest::addColumn<QString>("srsName");
        QTest::addColumn<QString>("expected");
        QTest::addColumn<bool>("projKnows");
        QTest::newRow("EPSG:code") << "EPSG:25832" << "EPSG:25832" << true;
        QTest::newRow("urn") << "urn:ogc:def:crs:EPSG::25832" << "EPSG:25832" << true;
        QTest::newRow("urn with version") << "urn:ogc:def:crs:EPSG:6.12:25833" << "EPSG:25833" << true;
        QTest::newRow("x-ogc urn") << "urn:x-ogc:def:crs:EPSG:7415" << "EPSG:7415" << true;
        QTest::newRow("http") << "http://www.opengis.net/def/crs/EPSG/0/28992" << "EPSG:28992" << true;
        QTest::newRow("compound urn") << "urn:ogc:def:crs,crs:EPSG::25832,crs:EPSG::7837" << "EPSG:25832+7837" << true;
        QTest::newRow("compound code") << "EPSG:25832+7837" << "EPSG:25832+7837" << true;
        QTest::newRow("compound http")
                << "http://www.opengis.net/def/crs-compound?1=http://www.opengis.net/def/crs/EPSG/0/25833&2=http://www.opengis.net/def/crs/EPSG/0/7837"
                << "EPSG:25833+7837" << true;
        QTest::newRow("AdV UTM32 DHHN2016") << "urn:adv:crs:ETRS89_UTM32*DE_DHHN2016_NH" << "EPSG:25832+7837" << true;
        QTest::newRow("AdV UTM33 DHHN92") << "urn:adv:crs:ETRS89_UTM33*DE_DHHN92_NH" << "EPSG:25833+5783" << true;
        QTest::newRow("unknown kept") << "urn:example:crs:local-grid" << "urn:example:crs:local-grid" << false;
        QTest::newRow("empty") << "" << "" << false;
    }
    void referenceSystems()
    {
        QFETCH(QString, srsName);
        QFETCH(QString, expected);
        QFETCH(bool, projKnows);
        const QString rs = CityGmlReader::referenceSystemOf(srsName);
        QCOMPARE(rs, expected);
        QString error;
        QCOMPARE(Crs::fromString(rs, &error).isValid(), projKnows);
    }

    void lod2CompoundCrs()
    {
        // CityGML 2.0, ETRS89 / UTM 32N + DHHN2016 heights, as German state LoD2 data comes
        const CityGmlReadResult r = CityGmlReader().readData(
                cityGml2Lod2(QStringLiteral("urn:ogc:def:crs,crs:EPSG::25832,crs:EPSG::7837")), QStringLiteral("koeln.gml"));
        QVERIFY2(r.ok, qPrintable(r.error));
        const CityGmlContent &c = r.content;
        QCOMPARE(c.version, QStringLiteral("2.0"));
        QCOMPARE(c.referenceSystem, QStringLiteral("EPSG:25832+7837"));
        QCOMPARE(int(c.objects.size()), 1);
        const CityGmlObject &b = c.objects[0];
        QCOMPARE(b.id, QStringLiteral("DENW_B1"));
        QCOMPARE(b.type, QStringLiteral("Building"));
        QCOMPARE(b.lod, 2);
        QCOMPARE(b.triangleCount(), qsizetype(12));
        QCOMPARE(surfaces(b, SurfaceKind::Wall), 8);
        QCOMPARE(surfaces(b, SurfaceKind::Roof), 2);
        QCOMPARE(surfaces(b, SurfaceKind::Ground), 2);
        // attributes
        QCOMPARE(b.attributes.value(QStringLiteral("measuredHeight")).toDouble(), 12.0);
        QCOMPARE(b.attributes.value(QStringLiteral("function")).toString(), QStringLiteral("31001_1000"));
        QCOMPARE(b.attributes.value(QStringLiteral("DatenquelleDachhoehe")).toString(), QStringLiteral("1000"));
        QCOMPARE(b.attributes.value(QStringLiteral("Grundrissflaeche")).toDouble(), 80.0);
        QCOMPARE(b.attributes.value(QStringLiteral("storeysAboveGround")).toInt(), 4);
        QCOMPARE(b.name, QStringLiteral("Haus am Dom"));
        // bounds and heights as written
        QCOMPARE(c.boundsMin[2], 50.0);
        QCOMPARE(c.boundsMax[2], 62.0);
        QVERIFY(std::abs(c.boundsMax[0] - c.boundsMin[0] - 10.0) < 1e-6);
        // placed through PROJ: the south-west corner is at 6.958°E 50.9413°N
        QString error;
        const Crs crs = Crs::fromString(c.referenceSystem, &error);
        QVERIFY2(crs.isValid(), qPrintable(error));
        const Vec3d corner = nearestVertex(c, b, Vec3d(kCologneE, kCologneN, 50.0));
        QVERIFY((corner - Vec3d(kCologneE, kCologneN, 50.0)).length() < 1e-3);
        bool ok = false;
        const Vec3d ll = LocalFrame(crs, Vec3d()).toLonLatHeight(corner, &ok);
        QVERIFY(ok);
        const double off = groundDistance(ll.x, ll.y, kCologneLon, kCologneLat);
        QVERIFY2(off < 0.5, qPrintable(QStringLiteral("%1 m off (%2, %3)").arg(off).arg(ll.x, 0, 'f', 7).arg(ll.y, 0, 'f', 7)));
    }

    void lod1CityGml1()
    {
        const CityGmlReadResult r = CityGmlReader().readData(cityGml1Lod1(QStringLiteral("EPSG:25832")), QStringLiteral("lod1.gml"));
        QVERIFY2(r.ok, qPrintable(r.error));
        const CityGmlContent &c = r.content;
        QCOMPARE(c.version, QStringLiteral("1.0"));
        QCOMPARE(c.referenceSystem, QStringLiteral("EPSG:25832"));
        QCOMPARE(c.countOfType(QStringLiteral("Building")), qsizetype(2));
        QCOMPARE(c.triangleCount(), qsizetype(24));
        for (const CityGmlObject &o : c.objects) {
            QCOMPARE(o.lod, 1);
            QCOMPARE(surfaces(o, SurfaceKind::None), 12); // a solid has no wall/roof surfaces
        }
        QCOMPARE(c.objects[1].attributes.value(QStringLiteral("measuredHeight")).toDouble(), 20.0);
        QCOMPARE(c.boundsMax[2], 70.0);
        QCOMPARE(c.boundsMax[0] - c.boundsMin[0], 40.0);
        // origin at the centre: vertices are small numbers relative to it
        QVERIFY(std::abs(c.origin.x - (kCologneE + 20.0)) < 1e-6);
        for (double v : c.objects[0].positions)
            QVERIFY(std::abs(v) < 25.0);
    }

    void highestLodIsDrawn()
    {
        const CityGmlReadResult r = CityGmlReader().readData(cityGml2Lod2(QStringLiteral("EPSG:25832"), kCologneE, kCologneN, 50.0, true),
                                                             QStringLiteral("both.gml"));
        QVERIFY2(r.ok, qPrintable(r.error));
        const CityGmlObject &b = r.content.objects[0];
        QCOMPARE(b.lods, (QList<int>{1, 2}));
        QCOMPARE(b.lod, 2);
        QCOMPARE(b.triangleCount(), qsizetype(12)); // not 24: the LoD1 box is not drawn over it
    }

    void noSrsNameOrUnknownCrs_data()
    {
        QTest::addColumn<QString>("srsName");
        QTest::addColumn<QString>("warning");
        QTest::newRow("no srsName") << QString() << "no srsName";
        QTest::newRow("unknown") << "urn:example:crs:local-grid" << QString();
    }
    void noSrsNameOrUnknownCrs()
    {
        // the reader reads the geometry; placing it (or a local frame) is the layer's decision
        QFETCH(QString, srsName);
        QFETCH(QString, warning);
        const CityGmlReadResult r = CityGmlReader().readData(cityGml2Lod2(srsName), QStringLiteral("nocrs.gml"));
        QVERIFY2(r.ok, qPrintable(r.error));
        QCOMPARE(r.content.srsName, srsName);
        QCOMPARE(r.content.triangleCount(), qsizetype(12));
        if (!warning.isEmpty())
            QVERIFY2(r.content.warnings.join(QLatin1Char('\n')).contains(QStringLiteral("nocrs.gml: ") + warning),
                     qPrintable(r.content.warnings.join(QLatin1Char('\n'))));
    }

    void hostile_data()
    {
        QTest::addColumn<QByteArray>("xml");
        QTest::addColumn<QString>("expected");
        const QByteArray good = cityGml2Lod2(QStringLiteral("EPSG:25832"));
        QTest::newRow("truncated") << good.left(good.size() / 2) << "not well-formed XML (line";
        QTest::newRow("not xml") << QByteArray("<<<garbage \x01\x02") << "not well-formed XML";
        QTest::newRow("empty document") << QByteArray() << "the document is empty";
        QTest::newRow("empty CityModel")
                << QByteArray("<?xml version=\"1.0\"?><core:CityModel xmlns:core=\"http://www.opengis.net/citygml/2.0\" "
                              "xmlns:gml=\"http://www.opengis.net/gml\"><gml:name>nothing</gml:name></core:CityModel>")
                << "the CityModel holds no city objects";
        QTest::newRow("building without geometry")
                << QByteArray("<?xml version=\"1.0\"?><core:CityModel xmlns:core=\"http://www.opengis.net/citygml/2.0\" "
                              "xmlns:bldg=\"http://www.opengis.net/citygml/building/2.0\" xmlns:gml=\"http://www.opengis.net/gml\">"
                              "<core:cityObjectMember><bldg:Building gml:id=\"B\"><bldg:measuredHeight>3</bldg:measuredHeight>"
                              "</bldg:Building></core:cityObjectMember></core:CityModel>")
                << "no geometry: 1 city objects, none with polygons";
        QTest::newRow("huge coordinates") << cityGml2Lod2(QStringLiteral("EPSG:25832"), 1e300, 5e299, 1e200)
                                          << "no usable geometry";
        QTest::newRow("GML, not CityGML")
                << QByteArray("<?xml version=\"1.0\"?><wfs:FeatureCollection xmlns:wfs=\"http://www.opengis.net/wfs\"/>")
                << "not CityGML: the root element is <wfs:FeatureCollection>";
        QTest::newRow("CityGML 3.0")
                << QByteArray("<?xml version=\"1.0\"?><core:CityModel xmlns:core=\"http://www.opengis.net/citygml/3.0\"/>")
                << "CityGML 3.0 is not supported";
        QTest::newRow("billion laughs")
                << QByteArray("<?xml version=\"1.0\"?><!DOCTYPE l [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">"
                              "<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\"><!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\">"
                              "<!ENTITY e \"&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;\">]>"
                              "<core:CityModel xmlns:core=\"http://www.opengis.net/citygml/2.0\" xmlns:gml=\"http://www.opengis.net/gml\">"
                              "<gml:name>&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;</gml:name></core:CityModel>")
                << "hostile.gml: ";
    }
    void hostile()
    {
        QFETCH(QByteArray, xml);
        QFETCH(QString, expected);
        const CityGmlReadResult r = CityGmlReader().readData(xml, QStringLiteral("hostile.gml"));
        QVERIFY(!r.ok);
        QVERIFY2(r.error.startsWith(QStringLiteral("hostile.gml: ")), qPrintable(r.error));
        QVERIFY2(r.error.contains(expected), qPrintable(r.error));
    }

    void files()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString v2 = dir.filePath(QStringLiteral("lod2.gml")), v1 = dir.filePath(QStringLiteral("lod1.xml"));
        const QString geojson = dir.filePath(QStringLiteral("x.gml")), empty = dir.filePath(QStringLiteral("empty.gml"));
        QVERIFY(writeFile(v2, cityGml2Lod2(QStringLiteral("urn:ogc:def:crs,crs:EPSG::25832,crs:EPSG::7837"))));
        QVERIFY(writeFile(v1, cityGml1Lod1(QStringLiteral("EPSG:25832"))));
        QVERIFY(writeFile(geojson, "{\"type\":\"FeatureCollection\",\"features\":[]}"));
        QVERIFY(writeFile(empty, QByteArray()));
        QCOMPARE(CityGmlReader::sniff(v2), CityGmlReader::Version::V2);
        QCOMPARE(CityGmlReader::sniff(v1), CityGmlReader::Version::V1);
        QCOMPARE(CityGmlReader::sniff(geojson), CityGmlReader::Version::None);
        QCOMPARE(CityGmlReader::sniff(empty), CityGmlReader::Version::None);
        QCOMPARE(CityGmlReader::sniff(dir.path()), CityGmlReader::Version::None);
        QCOMPARE(CityGmlReader::sniff(dir.filePath(QStringLiteral("missing.gml"))), CityGmlReader::Version::None);
        QCOMPARE(CityGmlReader::srsNameOf(v2), QStringLiteral("urn:ogc:def:crs,crs:EPSG::25832,crs:EPSG::7837"));
        QCOMPARE(CityGmlReader::srsNameOf(v1), QStringLiteral("EPSG:25832"));

        const CityGmlReadResult r = CityGmlReader().read(v1);
        QVERIFY2(r.ok, qPrintable(r.error));
        QCOMPARE(r.content.triangleCount(), qsizetype(24));
        const CityGmlReadResult bad = CityGmlReader().read(empty);
        QVERIFY(!bad.ok);
        QCOMPARE(bad.error, empty + QStringLiteral(": the file is empty (0 bytes)"));
        const CityGmlReadResult missing = CityGmlReader().read(dir.filePath(QStringLiteral("missing.gml")));
        QVERIFY(missing.error.endsWith(QStringLiteral("missing.gml: no such file")));

        // as a tile: one mesh per surface, the building's attributes with its triangles
        const CityGmlTileReader tiles;
        QVERIFY(tiles.identify(v2));
        QVERIFY(!tiles.identify(geojson));
        const TileReadResult t = tiles.read(v2);
        QVERIFY2(t.ok, qPrintable(t.error));
        QCOMPARE(t.content.triangleCount(), qsizetype(12));
        QCOMPARE(int(t.content.meshes.size()), 3); // ground, walls, roof
        QCOMPARE(t.content.featureNames, QStringList{QStringLiteral("DENW_B1")});
        QCOMPARE(int(t.content.featureAttributes.size()), 1);
        QCOMPARE(t.content.featureAttributes[0].value(QStringLiteral("measuredHeight")).toDouble(), 12.0);
        QCOMPARE(t.content.featureAttributes[0].value(QStringLiteral("lod")).toInt(), 2);
        QSet<quint32> colours;
        for (const MeshData &m : t.content.meshes) {
            QCOMPARE(m.triangleFeatures.size(), m.indices.size() / 3);
            for (qint64 f : m.triangleFeatures)
                QCOMPARE(f, qint64(0));
            QCOMPARE(m.colors.size(), m.positions.size() / 3 * 4);
            colours.insert((quint32(m.colors[0]) << 16) | (quint32(m.colors[1]) << 8) | m.colors[2]);
            for (float v : m.positions)
                QVERIFY(std::abs(v) < 10.0f); // relative to the model's centre
        }
        QCOMPARE(colours.size(), 3); // walls, roof and ground look different
        QVERIFY((t.content.origin - Vec3d(kCologneE + 5, kCologneN + 4, 56)).length() < 1e-6);
    }

    void textures()
    {
        // the roof textured in theme "rgbTexture": top row red, bottom row blue (4 × 2 pixels)
        QTemporaryDir dir;
        QImage img(4, 2, QImage::Format_RGB32);
        img.fill(Qt::red);
        for (int x = 0; x < 4; ++x)
            img.setPixelColor(x, 1, Qt::blue);
        QVERIFY(img.save(dir.filePath(QStringLiteral("roof.png"))));
        const QString file = dir.filePath(QStringLiteral("textured.gml")), missing = dir.filePath(QStringLiteral("missing.gml"));
        QVERIFY(writeFile(file, cityGml2Lod2(QStringLiteral("EPSG:25832"), kCologneE, kCologneN, 50.0, false, QStringLiteral("roof.png"))));
        QVERIFY(writeFile(missing, cityGml2Lod2(QStringLiteral("EPSG:25832"), kCologneE, kCologneN, 50.0, false, QStringLiteral("gone/roof.png"))));

        const CityGmlReadResult r = CityGmlReader().read(file);
        QVERIFY2(r.ok, qPrintable(r.error));
        QCOMPARE(r.content.theme, QStringLiteral("rgbTexture"));
        QCOMPARE(r.content.textures, QStringList{dir.filePath(QStringLiteral("roof.png"))});
        const CityGmlObject &b = r.content.objects[0];
        QCOMPARE(b.uvs.size(), b.positions.size() / 3 * 2);
        for (size_t t = 0; t < b.triangleTextures.size(); ++t)
            QCOMPARE(b.triangleTextures[t], b.triangleSurfaces[t] == SurfaceKind::Roof ? 0 : -1);

        const TileReadResult t = CityGmlTileReader().read(file);
        QVERIFY2(t.ok, qPrintable(t.error));
        QCOMPARE(int(t.content.images.size()), 1);
        const ImageData &image = t.content.images[0];
        QCOMPARE(image.width, 4);
        QCOMPARE(image.height, 2);
        QCOMPARE(uchar(image.rgba[2]), uchar(255)); // bottom row first: blue
        QCOMPARE(uchar(image.rgba[4 * 4]), uchar(255)); // then the top row: red
        int texturedTriangles = 0;
        for (const MeshData &m : t.content.meshes) {
            if (m.imageIndex < 0)
                continue;
            texturedTriangles += int(m.triangleCount());
            QCOMPARE(m.uvs.size(), m.positions.size() / 3 * 2);
            for (size_t v = 0; v < m.uvs.size(); v += 2) {
                // the roof's south-west corner (relative x, y = −5, −4) carries (0, 0), its north-east corner (1, 1)
                const float x = m.positions[v / 2 * 3], y = m.positions[v / 2 * 3 + 1];
                QCOMPARE(m.uvs[v], x < 0 ? 0.f : 1.f);
                QCOMPARE(m.uvs[v + 1], y < 0 ? 0.f : 1.f);
            }
        }
        QCOMPARE(texturedTriangles, 2);
        QCOMPARE(t.content.triangleCount(), qsizetype(12));

        // a texture that is not there: a warning naming it, the roof in its colour
        const TileReadResult m = CityGmlTileReader().read(missing);
        QVERIFY2(m.ok, qPrintable(m.error));
        QVERIFY(m.content.images.empty());
        QVERIFY2(m.content.warnings.join(QLatin1Char('\n')).contains(QStringLiteral("gone/roof.png is missing or not an image")),
                 qPrintable(m.content.warnings.join(QLatin1Char('\n'))));
        QCOMPARE(int(m.content.meshes.size()), 3);
        QCOMPARE(m.content.triangleCount(), qsizetype(12));
    }

    void concurrentReads()
    {
        // libcitygml is not reentrant: reads from several workers are serialised, not corrupted
        QTemporaryDir dir;
        const QString v2 = dir.filePath(QStringLiteral("lod2.gml"));
        QVERIFY(writeFile(v2, cityGml2Lod2(QStringLiteral("EPSG:25832"))));
        QList<int> runs(16);
        const QList<qsizetype> triangles = QtConcurrent::blockingMapped(runs, [&v2](int) {
            const CityGmlReadResult r = CityGmlReader().read(v2);
            return r.ok ? r.content.triangleCount() : qsizetype(-1);
        });
        for (qsizetype n : triangles)
            QCOMPARE(n, qsizetype(12));
    }
};

QTEST_GUILESS_MAIN(TestCityGmlReader)
#include "tst_citygmlreader.moc"
