// CameraRegistry: valid and hostile registries (each a named fixture written by the test),
// GeoPackage written through OGR, CRS resolution (EPSG:4549, geographic EPSG:4326, US feet
// EPSG:2227, height above ground), save round trip, calibrated poses saved back into the
// record's CRS, and 12,000 cameras loading in under a second.
#include "TestRequire.h"

#include <liyuan/cameras/CameraRegistry.h>
#include <liyuan/geodata/CoordinateTransform.h>
#include <liyuan/geodata/Crs.h>
#include <liyuan/geodata/VectorDataset.h>

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

#include <gdal.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>

#include <cmath>

using namespace liyuan;
using namespace liyuan::cameras;

Q_DECLARE_METATYPE(liyuan::Vec3d)

namespace {

QJsonObject camera(const QString &id, double x = 500100, double y = 3300200, double z = 25)
{
    return QJsonObject{{QStringLiteral("id"), id}, {QStringLiteral("position"), QJsonArray{x, y, z}}, {QStringLiteral("heading"), 90}};
}

QByteArray registryJson(const QJsonArray &cameras, const QString &crs = QStringLiteral("EPSG:4549"))
{
    QJsonObject top{{QStringLiteral("type"), QStringLiteral("LiyuanCameraRegistry")}, {QStringLiteral("version"), 1},
                    {QStringLiteral("cameras"), cameras}};
    if (!crs.isEmpty())
        top[QStringLiteral("crs")] = crs;
    return QJsonDocument(top).toJson(QJsonDocument::Compact);
}

/** One camera with a field changed (or removed when value is undefined). */
QByteArray withField(const QString &key, const QJsonValue &value)
{
    QJsonObject c = camera(QStringLiteral("cam-01"));
    if (value.isUndefined())
        c.remove(key);
    else
        c[key] = value;
    return registryJson(QJsonArray{camera(QStringLiteral("cam-00")), c});
}

QByteArray fullRegistry()
{
    QJsonObject c{{QStringLiteral("id"), QStringLiteral("cam-01")},
                  {QStringLiteral("name"), QStringLiteral("Plaza north 广场北")},
                  {QStringLiteral("department"), QStringLiteral("police")},
                  {QStringLiteral("tags"), QJsonArray{QStringLiteral("plaza"), QStringLiteral("public")}},
                  {QStringLiteral("position"), QJsonArray{500100.5, 3300200.25, 12.5}},
                  {QStringLiteral("heightAboveGround"), true},
                  {QStringLiteral("heading"), 90},
                  {QStringLiteral("pitch"), -20},
                  {QStringLiteral("roll"), 1.5},
                  {QStringLiteral("hfov"), 55},
                  {QStringLiteral("aspect"), 1.7778},
                  {QStringLiteral("near"), 0.75},
                  {QStringLiteral("far"), 180},
                  {QStringLiteral("ptz"), QJsonObject{{QStringLiteral("pan"), QJsonArray{-170, 170}},
                                                     {QStringLiteral("tilt"), QJsonArray{-60, 10}},
                                                     {QStringLiteral("hfov"), QJsonArray{4, 60}}}},
                  {QStringLiteral("streams"), QJsonObject{{QStringLiteral("main"), QStringLiteral("rtsp://127.0.0.1:8554/cam-01/main")},
                                                         {QStringLiteral("sub"), QStringLiteral("https://video.example.org/cam-01/sub.m3u8")}}},
                  {QStringLiteral("credentials"), QStringLiteral("district-police")}};
    QJsonObject c2 = camera(QStringLiteral("cam-02"), 120.01, 29.82, 30);
    c2[QStringLiteral("crs")] = QStringLiteral("EPSG:4326");
    c2[QStringLiteral("streams")] = QJsonObject{{QStringLiteral("main"), QStringLiteral("file:///srv/video/cam-02.mp4")}};
    QJsonObject c3{{QStringLiteral("id"), QStringLiteral("cam-03")}, {QStringLiteral("position"), QJsonArray{500300, 3300400}},
                   {QStringLiteral("heading"), 270}};
    return registryJson(QJsonArray{c, c2, c3});
}

QString writeFile(const QTemporaryDir &dir, const QString &name, const QByteArray &data)
{
    const QString path = dir.filePath(name);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(data) != data.size())
        qFatal("cannot write %s", qPrintable(path));
    return path;
}

/**
 * A GeoPackage point layer "cameras" in EPSG:epsg written through OGR. Each feature: "x",
 * "y" (and "gz" for a 3D point; "nogeom" for none); every other key becomes a field (Integer,
 * Real or String from the QVariant type).
 */
bool writeGpkg(const QString &path, int epsg, const QList<QVariantMap> &features, QString *error, bool withHeading = true)
{
    registerGdalDrivers();
    GDALDriverH drv = GDALGetDriverByName("GPKG");
    if (!drv) {
        *error = QStringLiteral("no GPKG driver");
        return false;
    }
    GDALDatasetH ds = GDALCreate(drv, path.toUtf8().constData(), 0, 0, 0, GDT_Unknown, nullptr);
    if (!ds) {
        *error = QString::fromUtf8(CPLGetLastErrorMsg());
        return false;
    }
    OGRSpatialReferenceH srs = OSRNewSpatialReference(nullptr);
    OSRImportFromEPSG(srs, epsg);
    OSRSetAxisMappingStrategy(srs, OAMS_TRADITIONAL_GIS_ORDER);
    bool any3d = false;
    for (const QVariantMap &f : features)
        any3d = any3d || f.contains(QStringLiteral("gz"));
    OGRLayerH layer = GDALDatasetCreateLayer(ds, "cameras", srs, any3d ? wkbPoint25D : wkbPoint, nullptr);
    OSRDestroySpatialReference(srs);
    QMap<QString, QMetaType::Type> fields;
    for (const QVariantMap &f : features)
        for (auto it = f.begin(); it != f.end(); ++it)
            if (it.key() != QLatin1String("x") && it.key() != QLatin1String("y") && it.key() != QLatin1String("gz")
                && it.key() != QLatin1String("nogeom"))
                fields.insert(it.key(), QMetaType::Type(it.value().typeId()));
    if (withHeading && !fields.contains(QStringLiteral("heading")))
        fields.insert(QStringLiteral("heading"), QMetaType::Double);
    for (auto it = fields.begin(); it != fields.end(); ++it) {
        const OGRFieldType t = it.value() == QMetaType::Int ? OFTInteger : it.value() == QMetaType::Double ? OFTReal : OFTString;
        OGRFieldDefnH fd = OGR_Fld_Create(it.key().toUtf8().constData(), t);
        OGR_L_CreateField(layer, fd, TRUE);
        OGR_Fld_Destroy(fd);
    }
    for (const QVariantMap &f : features) {
        OGRFeatureH feat = OGR_F_Create(OGR_L_GetLayerDefn(layer));
        for (auto it = f.begin(); it != f.end(); ++it) {
            const int i = OGR_F_GetFieldIndex(feat, it.key().toUtf8().constData());
            if (i < 0)
                continue;
            if (it.value().typeId() == QMetaType::Int)
                OGR_F_SetFieldInteger(feat, i, it.value().toInt());
            else if (it.value().typeId() == QMetaType::Double)
                OGR_F_SetFieldDouble(feat, i, it.value().toDouble());
            else
                OGR_F_SetFieldString(feat, i, it.value().toString().toUtf8().constData());
        }
        if (!f.contains(QStringLiteral("nogeom"))) {
            OGRGeometryH g = OGR_G_CreateGeometry(f.contains(QStringLiteral("gz")) ? wkbPoint25D : wkbPoint);
            if (f.contains(QStringLiteral("gz")))
                OGR_G_SetPoint(g, 0, f.value(QStringLiteral("x")).toDouble(), f.value(QStringLiteral("y")).toDouble(),
                               f.value(QStringLiteral("gz")).toDouble());
            else
                OGR_G_SetPoint_2D(g, 0, f.value(QStringLiteral("x")).toDouble(), f.value(QStringLiteral("y")).toDouble());
            OGR_F_SetGeometryDirectly(feat, g);
        }
        OGR_L_CreateFeature(layer, feat);
        OGR_F_Destroy(feat);
    }
    GDALClose(ds);
    return true;
}

QByteArray generatedRegistry(int count)
{
    QJsonArray cams;
    static const char *const departments[] = {"police", "schools", "urban-management", "transport", "parks", "health"};
    for (int i = 0; i < count; ++i) {
        QJsonObject c{{QStringLiteral("id"), QStringLiteral("cam-%1").arg(i, 5, 10, QLatin1Char('0'))},
                      {QStringLiteral("name"), QStringLiteral("Camera %1").arg(i)},
                      {QStringLiteral("department"), QLatin1String(departments[i % 6])},
                      {QStringLiteral("tags"), QJsonArray{QStringLiteral("street"), QStringLiteral("zone-%1").arg(i % 40)}},
                      {QStringLiteral("position"), QJsonArray{500000 + (i % 110) * 20.0, 3300000 + (i / 110) * 20.0, 6.0}},
                      {QStringLiteral("heading"), (i * 37) % 360},
                      {QStringLiteral("pitch"), -15},
                      {QStringLiteral("hfov"), 60},
                      {QStringLiteral("far"), 150},
                      {QStringLiteral("streams"), QJsonObject{{QStringLiteral("main"), QStringLiteral("rtsp://10.1.%1.%2:554/main").arg(i / 250).arg(i % 250)},
                                                             {QStringLiteral("sub"), QStringLiteral("rtsp://10.1.%1.%2:554/sub").arg(i / 250).arg(i % 250)}}},
                      {QStringLiteral("credentials"), QStringLiteral("dept-%1").arg(i % 6)}};
        if (i % 10 == 0)
            c[QStringLiteral("ptz")] = QJsonObject{{QStringLiteral("pan"), QJsonArray{-170, 170}}, {QStringLiteral("tilt"), QJsonArray{-60, 10}}};
        cams.append(c);
    }
    return registryJson(cams);
}

} // namespace

class TstCameraRegistry : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        registerGdalDrivers();
    }

    void valid_data()
    {
        QTest::addColumn<QString>("fixture");
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<int>("count");
        QTest::addColumn<int>("warnings");
        QTest::newRow("minimal") << "minimal.json" << registryJson(QJsonArray{camera(QStringLiteral("a"))}) << 1 << 0;
        QTest::newRow("full") << "full.json" << fullRegistry() << 3 << 0;
        QTest::newRow("no cameras") << "empty.json" << registryJson(QJsonArray{}) << 0 << 0;
        QTest::newRow("no registry crs") << "nocrs.json" << registryJson(QJsonArray{camera(QStringLiteral("a"))}, QString()) << 1 << 0;
        QTest::newRow("unknown field: warning") << "unknown-field.json" << withField(QStringLiteral("hfow"), 50) << 2 << 1;
        QTest::newRow("note fields (_about): no warning") << "note-field.json" << withField(QStringLiteral("_about"), QStringLiteral("installed 2021")) << 2 << 0;
        QTest::newRow("BOM and CRLF") << "bom.json" << QByteArray("\xEF\xBB\xBF") + registryJson(QJsonArray{camera(QStringLiteral("a"))}).replace(",", ",\r\n") << 1 << 0;
        QTest::newRow("hls and http streams")
                << "hls.json"
                << withField(QStringLiteral("streams"), QJsonObject{{QStringLiteral("main"), QStringLiteral("http://cams.local/a/index.m3u8")},
                                                                    {QStringLiteral("sub"), QStringLiteral("rtsps://cams.local:322/a")}})
                << 2 << 0;
    }
    void valid()
    {
        QFETCH(QString, fixture);
        QFETCH(QByteArray, content);
        QFETCH(int, count);
        QFETCH(int, warnings);
        const QString path = writeFile(m_dir, fixture, content);
        QVERIFY(CameraRegistry::identify(path));
        QString error;
        const CameraRegistry reg = CameraRegistry::load(path, &error);
        QVERIFY2(reg.isValid(), qPrintable(error));
        QCOMPARE(reg.size(), count);
        QCOMPARE(reg.warnings().size(), warnings);
        for (const QString &w : reg.warnings())
            QVERIFY2(w.contains(fixture), qPrintable(w));
    }

    void fields()
    {
        const QString path = writeFile(m_dir, QStringLiteral("fields.json"), fullRegistry());
        QString error;
        const CameraRegistry reg = CameraRegistry::load(path, &error);
        QVERIFY2(reg.isValid(), qPrintable(error));
        QCOMPARE(reg.crs(), QStringLiteral("EPSG:4549"));
        QCOMPARE(reg.format(), CameraRegistry::Format::Json);
        const CameraRecord &a = reg.cameras().at(0);
        QCOMPARE(a.id, QStringLiteral("cam-01"));
        QCOMPARE(a.name, QStringLiteral("Plaza north 广场北"));
        QCOMPARE(a.department, QStringLiteral("police"));
        QCOMPARE(a.tags, (QStringList{QStringLiteral("plaza"), QStringLiteral("public")}));
        QCOMPARE(a.position, Vec3d(500100.5, 3300200.25, 12.5));
        QVERIFY(a.heightAboveGround);
        QCOMPARE(a.heading, 90.0);
        QCOMPARE(a.pitch, -20.0);
        QCOMPARE(a.roll, 1.5);
        QCOMPARE(a.hfov, 55.0);
        QCOMPARE(a.aspect, 1.7778);
        QCOMPARE(a.nearM, 0.75);
        QCOMPARE(a.farM, 180.0);
        QVERIFY(a.ptz.enabled);
        QCOMPARE(a.ptz.panMin, -170.0);
        QCOMPARE(a.ptz.panMax, 170.0);
        QCOMPARE(a.ptz.tiltMin, -60.0);
        QCOMPARE(a.ptz.tiltMax, 10.0);
        QCOMPARE(a.ptz.hfovMin, 4.0);
        QCOMPARE(a.ptz.hfovMax, 60.0);
        QCOMPARE(a.mainUrl, QStringLiteral("rtsp://127.0.0.1:8554/cam-01/main"));
        QCOMPARE(a.subUrl, QStringLiteral("https://video.example.org/cam-01/sub.m3u8"));
        QCOMPARE(a.credentialRef, QStringLiteral("district-police"));
        QVERIFY(!a.resolved);
        const CameraRecord &b = reg.cameras().at(1);
        QCOMPARE(b.crs, QStringLiteral("EPSG:4326"));
        QVERIFY(!b.heightAboveGround);
        QVERIFY(!b.ptz.enabled);
        // defaults
        QCOMPARE(b.pitch, 0.0);
        QCOMPARE(b.roll, 0.0);
        QCOMPARE(b.hfov, 60.0);
        QCOMPARE(b.aspect, 16.0 / 9.0);
        QCOMPARE(b.nearM, 0.5);
        QCOMPARE(b.farM, 150.0);
        // a 2D position stands on the ground
        const CameraRecord &c = reg.cameras().at(2);
        QVERIFY(c.heightAboveGround);
        QCOMPARE(c.position.z, 0.0);
        QCOMPARE(reg.indexOf(QStringLiteral("cam-03")), 2);
        QCOMPARE(reg.indexOf(QStringLiteral("nope")), -1);
    }

    void hostile_data()
    {
        QTest::addColumn<QString>("fixture");
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<qint64>("maxFileBytes");
        QTest::addColumn<QString>("record");  // the record the error names ("" for file-level problems)
        QTest::addColumn<QString>("problem"); // a part of the message
        const qint64 dflt = CameraRegistryOptions().maxFileBytes;
        const QJsonValue undef = QJsonValue(QJsonValue::Undefined);
        QTest::newRow("not JSON") << "garbage.json" << QByteArray("{\"type\": \"LiyuanCameraRegistry\", cameras: [}") << dflt << ""
                                  << "not valid JSON";
        QTest::newRow("truncated") << "truncated.json" << fullRegistry().left(200) << dflt << "" << "not valid JSON";
        QTest::newRow("top-level array") << "array.json" << QByteArray("[1,2,3]") << dflt << "" << "top level is not a JSON object";
        QTest::newRow("wrong type") << "geojson.json" << QByteArray("{\"type\":\"FeatureCollection\",\"features\":[]}") << dflt << ""
                                    << "not \"LiyuanCameraRegistry\"";
        QTest::newRow("version 2") << "v2.json" << QByteArray("{\"type\":\"LiyuanCameraRegistry\",\"version\":2,\"cameras\":[]}") << dflt
                                   << "" << "version 2 is not supported";
        QTest::newRow("cameras missing") << "nocams.json" << QByteArray("{\"type\":\"LiyuanCameraRegistry\",\"version\":1}") << dflt << ""
                                         << "\"cameras\" is missing";
        QTest::newRow("cameras an object") << "camsobj.json" << QByteArray("{\"type\":\"LiyuanCameraRegistry\",\"cameras\":{}}") << dflt
                                           << "" << "not an array";
        QTest::newRow("unknown registry CRS") << "badcrs.json" << registryJson(QJsonArray{camera(QStringLiteral("a"))}, QStringLiteral("EPSG:999999"))
                                              << dflt << "" << "is unknown";
        QTest::newRow("registry CRS a number") << "crsnum.json"
                                               << QByteArray("{\"type\":\"LiyuanCameraRegistry\",\"crs\":4549,\"cameras\":[]}") << dflt << ""
                                               << "\"crs\" is a number";
        QTest::newRow("record not an object") << "recstr.json" << registryJson(QJsonArray{camera(QStringLiteral("a")), QStringLiteral("cam")})
                                              << dflt << "record #1" << "is a string, not an object";
        QTest::newRow("missing id") << "noid.json" << withField(QStringLiteral("id"), undef) << dflt << "record #1" << "id is missing";
        QTest::newRow("empty id") << "emptyid.json" << withField(QStringLiteral("id"), QString()) << dflt << "record #1" << "id is empty";
        QTest::newRow("id a number") << "idnum.json" << withField(QStringLiteral("id"), 7) << dflt << "record #1" << "id is a number, not a string";
        QTest::newRow("duplicate id") << "dup.json" << registryJson(QJsonArray{camera(QStringLiteral("a")), camera(QStringLiteral("b")), camera(QStringLiteral("a"))})
                                      << dflt << "camera 'a' (record #2)" << "duplicate id (first used by camera 'a' (record #0))";
        QTest::newRow("missing position") << "nopos.json" << withField(QStringLiteral("position"), undef) << dflt << "camera 'cam-01'"
                                          << "position is missing";
        QTest::newRow("position 4 values") << "pos4.json" << withField(QStringLiteral("position"), QJsonArray{1, 2, 3, 4}) << dflt
                                           << "camera 'cam-01'" << "position has 4 values";
        QTest::newRow("position a string element") << "posstr.json" << withField(QStringLiteral("position"), QJsonArray{1, QStringLiteral("2")})
                                                   << dflt << "camera 'cam-01'" << "position[1] is a string";
        QTest::newRow("position infinite (Qt's parser refuses it)")
                << "posinf.json"
                << QByteArray("{\"type\":\"LiyuanCameraRegistry\",\"cameras\":[{\"id\":\"x1\",\"position\":[1e400,2],\"heading\":0}]}") << dflt
                << "" << "illegal number";
        QTest::newRow("position out of range") << "posfar.json" << withField(QStringLiteral("position"), QJsonArray{1e12, 0}) << dflt
                                               << "camera 'cam-01'" << "out of range";
        QTest::newRow("missing heading") << "nohead.json" << withField(QStringLiteral("heading"), undef) << dflt << "camera 'cam-01'"
                                         << "heading is missing";
        QTest::newRow("heading a string") << "headstr.json" << withField(QStringLiteral("heading"), QStringLiteral("north")) << dflt
                                          << "camera 'cam-01'" << "heading is a string, not a number";
        QTest::newRow("hfov 0") << "hfov0.json" << withField(QStringLiteral("hfov"), 0) << dflt << "camera 'cam-01'" << "hfov 0 is outside (0, 180)";
        QTest::newRow("hfov 180") << "hfov180.json" << withField(QStringLiteral("hfov"), 180) << dflt << "camera 'cam-01'" << "hfov 180 is outside (0, 180)";
        QTest::newRow("aspect 0") << "aspect0.json" << withField(QStringLiteral("aspect"), 0) << dflt << "camera 'cam-01'" << "aspect 0 is outside";
        QTest::newRow("aspect negative") << "aspectneg.json" << withField(QStringLiteral("aspect"), -1.5) << dflt << "camera 'cam-01'" << "aspect -1.5";
        QTest::newRow("near >= far") << "nearfar.json"
                                     << registryJson(QJsonArray{QJsonObject{{QStringLiteral("id"), QStringLiteral("nf")},
                                                                            {QStringLiteral("position"), QJsonArray{1, 2}},
                                                                            {QStringLiteral("heading"), 0},
                                                                            {QStringLiteral("near"), 50},
                                                                            {QStringLiteral("far"), 50}}})
                                     << dflt << "camera 'nf'" << "near 50 is not less than far 50";
        QTest::newRow("pitch 91") << "pitch.json" << withField(QStringLiteral("pitch"), 91) << dflt << "camera 'cam-01'" << "pitch 91 is outside [-90, 90]";
        QTest::newRow("heightAboveGround a string") << "hag.json" << withField(QStringLiteral("heightAboveGround"), QStringLiteral("yes")) << dflt
                                                    << "camera 'cam-01'" << "heightAboveGround is a string";
        QTest::newRow("tags not an array") << "tags.json" << withField(QStringLiteral("tags"), QStringLiteral("a,b")) << dflt << "camera 'cam-01'"
                                           << "tags is a string, not an array";
        QTest::newRow("too many tags") << "manytags.json" << withField(QStringLiteral("tags"), QJsonArray::fromStringList(QStringList(100, QStringLiteral("t"))))
                                       << dflt << "camera 'cam-01'" << "100 tags (at most 64)";
        QTest::newRow("ptz pan reversed") << "ptzrev.json" << withField(QStringLiteral("ptz"), QJsonObject{{QStringLiteral("pan"), QJsonArray{90, -90}}})
                                          << dflt << "camera 'cam-01'" << "ptz pan range [90, -90] is reversed";
        QTest::newRow("ptz tilt a number") << "ptztilt.json" << withField(QStringLiteral("ptz"), QJsonObject{{QStringLiteral("tilt"), 10}}) << dflt
                                           << "camera 'cam-01'" << "ptz tilt is a number, not [min, max]";
        QTest::newRow("ptz zoom hfov 200") << "ptzhfov.json" << withField(QStringLiteral("ptz"), QJsonObject{{QStringLiteral("hfov"), QJsonArray{4, 200}}})
                                           << dflt << "camera 'cam-01'" << "ptz hfov 200 is outside (0, 180)";
        QTest::newRow("ftp stream") << "ftp.json" << withField(QStringLiteral("streams"), QJsonObject{{QStringLiteral("main"), QStringLiteral("ftp://cams/a")}})
                                    << dflt << "camera 'cam-01'" << "main stream URL has the scheme 'ftp'";
        QTest::newRow("stream without scheme") << "noscheme.json" << withField(QStringLiteral("streams"), QJsonObject{{QStringLiteral("sub"), QStringLiteral("cams/a")}})
                                               << dflt << "camera 'cam-01'" << "sub stream URL has the scheme 'none'";
        QTest::newRow("stream without host") << "nohost.json" << withField(QStringLiteral("streams"), QJsonObject{{QStringLiteral("main"), QStringLiteral("rtsp:///a")}})
                                             << dflt << "camera 'cam-01'" << "has no host";
        QTest::newRow("credentials in URL") << "userinfo.json"
                                            << withField(QStringLiteral("streams"), QJsonObject{{QStringLiteral("main"), QStringLiteral("rtsp://admin:Sup3rS3cret@10.0.0.5:554/main")}})
                                            << dflt << "camera 'cam-01'" << "holds a user name or password (rtsp://10.0.0.5:554/main)";
        QTest::newRow("user in URL") << "user.json" << withField(QStringLiteral("streams"), QJsonObject{{QStringLiteral("sub"), QStringLiteral("https://operator@cams/a.m3u8")}})
                                     << dflt << "camera 'cam-01'" << "holds a user name or password";
        QTest::newRow("credentials an object") << "credobj.json"
                                               << withField(QStringLiteral("credentials"), QJsonObject{{QStringLiteral("user"), QStringLiteral("admin")},
                                                                                                      {QStringLiteral("password"), QStringLiteral("Sup3rS3cret")}})
                                               << dflt << "camera 'cam-01'" << "credentials is an object, not a keychain reference";
        QTest::newRow("credentials ref with spaces") << "credspace.json" << withField(QStringLiteral("credentials"), QStringLiteral("a b"))
                                                     << dflt << "camera 'cam-01'" << "credentials reference holds ' '";
        QTest::newRow("unknown record CRS") << "reccrs.json" << withField(QStringLiteral("crs"), QStringLiteral("EPSG:123456789")) << dflt
                                            << "camera 'cam-01'" << "the CRS 'EPSG:123456789' is unknown";
        QTest::newRow("geocentric record CRS") << "geocent.json" << withField(QStringLiteral("crs"), QStringLiteral("EPSG:4978")) << dflt
                                               << "camera 'cam-01'" << "geocentric";
        QTest::newRow("id 10000 characters") << "longid.json" << withField(QStringLiteral("id"), QString(10000, QLatin1Char('x'))) << dflt
                                             << "record #1" << "longer than 4096";
        QTest::newRow("file over the size limit") << "big.json" << generatedRegistry(20) << qint64(1024) << "" << "more than the limit of 1024 bytes";
        QByteArray deep = QByteArray("{\"type\":\"LiyuanCameraRegistry\",\"cameras\":[{\"id\":\"d\",\"tags\":") + QByteArray(200000, '[')
                + QByteArray(200000, ']') + "}]}";
        QTest::newRow("deep nesting") << "deep.json" << deep << dflt << "" << "nested deeper than 16 levels";
        QByteArray million = "{\"type\":\"LiyuanCameraRegistry\",\"cameras\":[";
        million.reserve(3'100'000);
        for (int i = 0; i < 1'000'001; ++i)
            million += i ? ",{}" : "{}";
        million += "]}";
        QTest::newRow("1,000,001 records") << "million.json" << million << dflt << "" << "1000001 cameras, more than the limit of 200000";
        QTest::newRow("empty file") << "empty-file.json" << QByteArray() << dflt << "" << "not valid JSON";
    }
    void hostile()
    {
        QFETCH(QString, fixture);
        QFETCH(QByteArray, content);
        QFETCH(qint64, maxFileBytes);
        QFETCH(QString, record);
        QFETCH(QString, problem);
        const QString path = writeFile(m_dir, fixture, content);
        CameraRegistryOptions options;
        options.maxFileBytes = maxFileBytes;
        QString error;
        QElapsedTimer t;
        t.start();
        const CameraRegistry reg = CameraRegistry::load(path, options, &error);
        QVERIFY2(t.elapsed() < 5000, "a hostile registry took more than 5 s to refuse");
        QVERIFY(!reg.isValid());
        QCOMPARE(reg.size(), 0);
        QVERIFY2(error.contains(fixture), qPrintable(error));
        QVERIFY2(error.contains(problem), qPrintable(error));
        if (!record.isEmpty())
            QVERIFY2(error.contains(record), qPrintable(error));
        // a password in the file never reaches a message
        QVERIFY2(!error.contains(QLatin1String("Sup3rS3cret")), qPrintable(error));

        // lenient: the bad records are left out and reported, the good ones load
        if (!record.isEmpty()) {
            options.skipInvalidRecords = true;
            const CameraRegistry lenient = CameraRegistry::load(path, options, &error);
            QVERIFY2(lenient.isValid(), qPrintable(error));
            QCOMPARE(lenient.skippedRecords(), 1);
            QVERIFY(lenient.recordErrors().join(QLatin1Char('\n')).contains(problem));
        }
    }

    void notFound()
    {
        QString error;
        QVERIFY(!CameraRegistry::load(m_dir.filePath(QStringLiteral("absent.json")), &error).isValid());
        QVERIFY2(error.contains(QStringLiteral("absent.json: file not found")), qPrintable(error));
        QVERIFY(!CameraRegistry::load(m_dir.path(), &error).isValid());
        QVERIFY2(error.contains(QStringLiteral("not a regular file")), qPrintable(error));
    }

    void manyErrorsAreCounted()
    {
        QJsonArray cams;
        for (int i = 0; i < 500; ++i) {
            QJsonObject c = camera(QStringLiteral("c%1").arg(i));
            c[QStringLiteral("hfov")] = 500;
            cams.append(c);
        }
        const QString path = writeFile(m_dir, QStringLiteral("many-errors.json"), registryJson(cams));
        QString error;
        QVERIFY(!CameraRegistry::load(path, &error).isValid());
        QCOMPARE(error.count(QLatin1Char('\n')), 50); // 50 lines + the summary
        QVERIFY2(error.contains(QStringLiteral("and 450 more invalid records")), qPrintable(error.right(200)));
    }

    void identify()
    {
        QVERIFY(CameraRegistry::identify(writeFile(m_dir, QStringLiteral("id-ok.json"), fullRegistry())));
        QVERIFY(!CameraRegistry::identify(writeFile(m_dir, QStringLiteral("id-geojson.json"), "{\"type\":\"FeatureCollection\",\"features\":[]}")));
        QVERIFY(!CameraRegistry::identify(writeFile(m_dir, QStringLiteral("id-text.txt"), "hello")));
        QVERIFY(!CameraRegistry::identify(m_dir.filePath(QStringLiteral("absent.json"))));
        QString error;
        const QString cams = m_dir.filePath(QStringLiteral("id-cams.gpkg"));
        QVERIFY2(writeGpkg(cams, 4549, {QVariantMap{{QStringLiteral("x"), 500000.0}, {QStringLiteral("y"), 3300000.0}, {QStringLiteral("id"), QStringLiteral("g1")}}}, &error),
                 qPrintable(error));
        QVERIFY(CameraRegistry::identify(cams));
        const QString other = m_dir.filePath(QStringLiteral("id-other.gpkg"));
        QVERIFY(writeGpkg(other, 4549, {QVariantMap{{QStringLiteral("x"), 500000.0}, {QStringLiteral("y"), 3300000.0}, {QStringLiteral("name"), QStringLiteral("hydrant")}}},
                          &error, false));
        QVERIFY(!CameraRegistry::identify(other));
    }

    void geoPackage()
    {
        const QString path = m_dir.filePath(QStringLiteral("cameras.gpkg"));
        QString error;
        const QList<QVariantMap> features{
            {{QStringLiteral("x"), 500100.0}, {QStringLiteral("y"), 3300200.0}, {QStringLiteral("gz"), 25.0},
             {QStringLiteral("id"), QStringLiteral("g1")}, {QStringLiteral("name"), QStringLiteral("Gate")},
             {QStringLiteral("department"), QStringLiteral("schools")}, {QStringLiteral("tags"), QStringLiteral("gate, school ,")},
             {QStringLiteral("heading"), 45.0}, {QStringLiteral("pitch"), -10.0}, {QStringLiteral("hfov"), 70.0},
             {QStringLiteral("far"), 120.0}, {QStringLiteral("main_url"), QStringLiteral("rtsp://10.0.0.1/main")},
             {QStringLiteral("credentials"), QStringLiteral("schools")}},
            {{QStringLiteral("x"), 500300.0}, {QStringLiteral("y"), 3300400.0}, {QStringLiteral("gz"), 0.0},
             {QStringLiteral("id"), QStringLiteral("g2")}, {QStringLiteral("heading"), 180.0}, {QStringLiteral("z"), 4.0},
             {QStringLiteral("height_above_ground"), 1}, {QStringLiteral("pan_min"), -90.0}, {QStringLiteral("pan_max"), 90.0},
             {QStringLiteral("hfov_max"), 65.0}},
        };
        QVERIFY2(writeGpkg(path, 4549, features, &error), qPrintable(error));
        QVERIFY(CameraRegistry::identify(path));
        const CameraRegistry reg = CameraRegistry::load(path, &error);
        QVERIFY2(reg.isValid(), qPrintable(error));
        QCOMPARE(reg.format(), CameraRegistry::Format::GeoPackage);
        QCOMPARE(reg.crs(), QStringLiteral("EPSG:4549"));
        QCOMPARE(reg.size(), 2);
        const CameraRecord &a = reg.cameras().at(0);
        QCOMPARE(a.id, QStringLiteral("g1"));
        QCOMPARE(a.name, QStringLiteral("Gate"));
        QCOMPARE(a.tags, (QStringList{QStringLiteral("gate"), QStringLiteral("school")}));
        QCOMPARE(a.position, Vec3d(500100, 3300200, 25));
        QVERIFY(!a.heightAboveGround);
        QCOMPARE(a.heading, 45.0);
        QCOMPARE(a.hfov, 70.0);
        QCOMPARE(a.farM, 120.0);
        QVERIFY(!a.ptz.enabled);
        QCOMPARE(a.mainUrl, QStringLiteral("rtsp://10.0.0.1/main"));
        QCOMPARE(a.credentialRef, QStringLiteral("schools"));
        const CameraRecord &b = reg.cameras().at(1);
        QVERIFY(b.heightAboveGround);
        QCOMPARE(b.position.z, 4.0);
        QVERIFY(b.ptz.enabled);
        QCOMPARE(b.ptz.panMin, -90.0);
        QCOMPARE(b.ptz.hfovMax, 65.0);
        QCOMPARE(b.ptz.hfovMin, 60.0); // unset: the camera's hfov

        // resolved like JSON: same CRS as the scene
        CameraRegistry r = reg;
        QVERIFY2(r.resolve(LocalFrame(Crs::fromString(QStringLiteral("EPSG:4549")), Vec3d(500000, 3300000, 0)),
                           [](double, double, double *z) { *z = 7; return true; }, &error),
                 qPrintable(error));
        QVERIFY((r.cameras().at(0).scenePose.position - Vec3d(100, 200, 25)).length() < 1e-9);
        QVERIFY((r.cameras().at(1).scenePose.position - Vec3d(300, 400, 11)).length() < 1e-9);
    }

    void geoPackageHostile_data()
    {
        QTest::addColumn<QString>("fixture");
        QTest::addColumn<QVariantMap>("feature");
        QTest::addColumn<bool>("withHeading");
        QTest::addColumn<QString>("problem");
        const QVariantMap base{{QStringLiteral("x"), 500100.0}, {QStringLiteral("y"), 3300200.0}, {QStringLiteral("id"), QStringLiteral("h1")},
                               {QStringLiteral("heading"), 10.0}};
        QVariantMap noGeom = base;
        noGeom[QStringLiteral("nogeom")] = 1;
        QTest::newRow("no geometry") << "nogeom.gpkg" << noGeom << true << "camera 'h1' (feature #1): has no geometry";
        QTest::newRow("no heading field") << "nohead.gpkg" << QVariantMap{{QStringLiteral("x"), 1.0}, {QStringLiteral("y"), 2.0}, {QStringLiteral("id"), QStringLiteral("h1")}}
                                          << false << "no 'heading' field";
        QVariantMap badHfov = base;
        badHfov[QStringLiteral("hfov")] = 0.0;
        QTest::newRow("hfov 0") << "hfov0.gpkg" << badHfov << true << "camera 'h1' (feature #1): hfov 0 is outside (0, 180)";
        QVariantMap creds = base;
        creds[QStringLiteral("main_url")] = QStringLiteral("rtsp://root:Sup3rS3cret@cam/");
        QTest::newRow("credentials in URL") << "userinfo.gpkg" << creds << true << "camera 'h1' (feature #1): the main stream URL holds a user name or password";
        QVariantMap textNumber = base;
        textNumber[QStringLiteral("pitch")] = QStringLiteral("steep");
        QTest::newRow("pitch as text") << "pitchtext.gpkg" << textNumber << true << "pitch 'steep' is not a number";
        QVariantMap noId = base;
        noId.remove(QStringLiteral("id"));
        noId[QStringLiteral("name")] = QStringLiteral("x");
        QTest::newRow("null id") << "noid.gpkg" << noId << true << "feature #1: id is missing";
    }
    void geoPackageHostile()
    {
        QFETCH(QString, fixture);
        QFETCH(QVariantMap, feature);
        QFETCH(bool, withHeading);
        QFETCH(QString, problem);
        const QString path = m_dir.filePath(fixture);
        QString error;
        // the "id" field must exist for the null-id row: add it through a second feature with an id
        QList<QVariantMap> features{feature};
        if (!feature.contains(QStringLiteral("id")))
            features << QVariantMap{{QStringLiteral("x"), 1.0}, {QStringLiteral("y"), 2.0}, {QStringLiteral("id"), QStringLiteral("ok")}, {QStringLiteral("heading"), 0.0}};
        QVERIFY2(writeGpkg(path, 4549, features, &error, withHeading), qPrintable(error));
        const CameraRegistry reg = CameraRegistry::load(path, &error);
        QVERIFY(!reg.isValid());
        QVERIFY2(error.contains(fixture), qPrintable(error));
        QVERIFY2(error.contains(problem), qPrintable(error));
        QVERIFY2(!error.contains(QLatin1String("Sup3rS3cret")), qPrintable(error));
    }

    void geoPackageGeographic()
    {
        // a layer in EPSG:4326 (lon/lat): records keep the layer CRS, resolve transforms
        const QString path = m_dir.filePath(QStringLiteral("wgs84.gpkg"));
        QString error;
        QVERIFY2(writeGpkg(path, 4326, {QVariantMap{{QStringLiteral("x"), 120.01}, {QStringLiteral("y"), 29.82}, {QStringLiteral("gz"), 30.0},
                                                    {QStringLiteral("id"), QStringLiteral("w1")}, {QStringLiteral("heading"), 0.0}}},
                           &error),
                 qPrintable(error));
        CameraRegistry reg = CameraRegistry::load(path, &error);
        QVERIFY2(reg.isValid(), qPrintable(error));
        QCOMPARE(reg.crs(), QStringLiteral("EPSG:4326"));
        QCOMPARE(reg.cameras().at(0).position.x, 120.01);
        const LocalFrame scene(Crs::fromString(QStringLiteral("EPSG:4549")), Vec3d(500000, 3300000, 0));
        QVERIFY2(reg.resolve(scene, {}, &error), qPrintable(error));
        bool ok = false;
        const Vec3d expected = scene.fromOther(Vec3d(120.01, 29.82, 30), Crs::fromString(QStringLiteral("EPSG:4326")), &ok);
        QVERIFY(ok);
        QVERIFY((reg.cameras().at(0).scenePose.position - expected).length() < 1e-6);
    }

    void resolveCrs_data()
    {
        QTest::addColumn<QString>("registryCrs");
        QTest::addColumn<QString>("recordCrs");
        QTest::addColumn<QString>("sceneCrs");
        QTest::addColumn<Vec3d>("origin");
        QTest::addColumn<Vec3d>("position");
        QTest::addColumn<bool>("aboveGround");
        QTest::addColumn<double>("expectZ"); // local z expected
        QTest::addColumn<QString>("warning");
        const Vec3d gk(500000, 3300000, 10);
        QTest::newRow("EPSG:4549 in an EPSG:4549 scene") << "EPSG:4549" << "" << "EPSG:4549" << gk << Vec3d(500100, 3300200, 25) << false << 15.0 << "";
        QTest::newRow("EPSG:4326 geographic") << "EPSG:4549" << "EPSG:4326" << "EPSG:4549" << gk << Vec3d(120.013, 29.821, 20) << false << 10.0 << "";
        QTest::newRow("EPSG:4326 far from the central meridian")
                << "EPSG:4326" << "" << "EPSG:32651" << Vec3d(200000, 3300000, 0) << Vec3d(120.3, 29.8, 20) << false << 20.0 << "";
        // EPSG:2227 (California zone 3, US survey feet): x/y and z in feet; 100 ft = 30.48006 m
        QTest::newRow("US feet EPSG:2227") << "EPSG:2227" << "" << "EPSG:32610" << Vec3d(550000, 4147000, 0) << Vec3d(6000000, 2000000, 100)
                                           << false << 100 * 0.3048006096012192 << "";
        QTest::newRow("US feet above ground") << "EPSG:2227" << "" << "EPSG:32610" << Vec3d(550000, 4147000, 0) << Vec3d(6000000, 2000000, 10)
                                              << true << 12.0 + 10 * 0.3048006096012192 << "";
        QTest::newRow("height above ground") << "EPSG:4549" << "" << "EPSG:4549" << gk << Vec3d(500100, 3300200, 3) << true << 15.0 << "";
        QTest::newRow("geographic above ground") << "EPSG:4326" << "" << "EPSG:4549" << gk << Vec3d(120.01, 29.82, 3) << true << 15.0 << "";
        QTest::newRow("no CRS: the scene's, with a warning") << "" << "" << "EPSG:4549" << gk << Vec3d(500100, 3300200, 25) << false << 15.0
                                                             << "no CRS in the registry";
    }
    void resolveCrs()
    {
        QFETCH(QString, registryCrs);
        QFETCH(QString, recordCrs);
        QFETCH(QString, sceneCrs);
        QFETCH(Vec3d, origin);
        QFETCH(Vec3d, position);
        QFETCH(bool, aboveGround);
        QFETCH(double, expectZ);
        QFETCH(QString, warning);
        QJsonObject c = camera(QStringLiteral("c"), position.x, position.y, position.z);
        c[QStringLiteral("heading")] = 0;
        c[QStringLiteral("heightAboveGround")] = aboveGround;
        if (!recordCrs.isEmpty())
            c[QStringLiteral("crs")] = recordCrs;
        const QString path = writeFile(m_dir, QStringLiteral("resolve.json"), registryJson(QJsonArray{c}, registryCrs));
        QString error;
        CameraRegistry reg = CameraRegistry::load(path, &error);
        QVERIFY2(reg.isValid(), qPrintable(error));
        const Crs scene = Crs::fromString(sceneCrs);
        QVERIFY(scene.isValid());
        const LocalFrame frame(scene, origin);
        int groundCalls = 0;
        QVERIFY2(reg.resolve(frame, [&](double, double, double *z) { ++groundCalls; *z = 12.0; return true; }, &error), qPrintable(error));
        QCOMPARE(groundCalls, aboveGround ? 1 : 0);
        const CameraRecord &r = reg.cameras().at(0);
        QVERIFY(r.resolved);
        // x/y: an independent transform of the position
        const QString source = !recordCrs.isEmpty() ? recordCrs : !registryCrs.isEmpty() ? registryCrs : sceneCrs;
        const Crs src = Crs::fromString(source);
        Vec3d expected = Vec3d(position.x, position.y, 0);
        if (src != scene) {
            bool ok = false;
            expected = CoordinateTransform(src, scene).apply(expected, &ok);
            QVERIFY(ok);
        }
        expected = expected - origin;
        QVERIFY2(std::abs(r.scenePose.position.x - expected.x) < 1e-6 && std::abs(r.scenePose.position.y - expected.y) < 1e-6,
                 qPrintable(QStringLiteral("%1, %2 vs %3, %4").arg(r.scenePose.position.x, 0, 'f', 6).arg(r.scenePose.position.y, 0, 'f', 6)
                                    .arg(expected.x, 0, 'f', 6).arg(expected.y, 0, 'f', 6)));
        QVERIFY2(std::abs(r.scenePose.position.z - expectZ) < 1e-6, qPrintable(QString::number(r.scenePose.position.z, 'f', 6)));
        // heading 0 looks to the record CRS's north: the scene direction of (x, y + step)
        const double step = src.isGeographic() ? 1e-4 : 10.0;
        Vec3d north = Vec3d(position.x, position.y + step, 0);
        if (src != scene)
            north = CoordinateTransform(src, scene).apply(north);
        north = north - origin;
        const Vec3d dir = Vec3d(north.x - expected.x, north.y - expected.y, 0).normalized();
        const Vec3d fwd = r.scenePose.forward();
        QVERIFY2(std::abs(fwd.x - dir.x) < 1e-6 && std::abs(fwd.y - dir.y) < 1e-6,
                 qPrintable(QStringLiteral("heading %1 forward %2,%3 north %4,%5").arg(r.scenePose.heading).arg(fwd.x).arg(fwd.y).arg(dir.x).arg(dir.y)));
        if (warning.isEmpty()) {
            QVERIFY2(reg.warnings().isEmpty(), qPrintable(reg.warnings().join(QLatin1Char('\n'))));
        } else {
            QCOMPARE(reg.warnings().size(), 1);
            QVERIFY2(reg.warnings().first().contains(warning) && reg.warnings().first().contains(QStringLiteral("resolve.json")),
                     qPrintable(reg.warnings().first()));
        }
        // resolving again replaces, not repeats, the warnings
        QVERIFY(reg.resolve(frame, [](double, double, double *z) { *z = 12.0; return true; }, &error));
        QCOMPARE(reg.warnings().size(), warning.isEmpty() ? 0 : 1);
    }

    void resolveWithoutGround()
    {
        const QString path = writeFile(m_dir, QStringLiteral("noground.json"), fullRegistry());
        QString error;
        CameraRegistry reg = CameraRegistry::load(path, &error);
        QVERIFY(reg.isValid());
        QVERIFY(reg.resolve(LocalFrame(Crs::fromString(QStringLiteral("EPSG:4549")), Vec3d(500000, 3300000, 0)),
                            [](double, double, double *) { return false; }, &error));
        QCOMPARE(reg.cameras().at(0).scenePose.position.z, 12.5);
        QVERIFY2(reg.warnings().join(QLatin1Char('\n')).contains(QStringLiteral("no ground under 2 cameras")), qPrintable(reg.warnings().join(QLatin1Char('\n'))));
    }

    void resolveIntoUngeoreferencedScene()
    {
        const QString path = writeFile(m_dir, QStringLiteral("local.json"), fullRegistry());
        QString error;
        CameraRegistry reg = CameraRegistry::load(path, &error);
        QVERIFY(!reg.resolve(LocalFrame(), {}, &error));
        QVERIFY2(error.contains(QStringLiteral("local.json: camera 'cam-01' (#0): cannot be placed")) && error.contains(QStringLiteral("not georeferenced")),
                 qPrintable(error));
    }

    void saveRoundTrip()
    {
        const QString path = writeFile(m_dir, QStringLiteral("roundtrip.json"), fullRegistry());
        QString error;
        const CameraRegistry a = CameraRegistry::load(path, &error);
        QVERIFY(a.isValid());
        const QString saved = m_dir.filePath(QStringLiteral("roundtrip-saved.json"));
        QVERIFY2(a.saveJson(saved, &error), qPrintable(error));
        const CameraRegistry b = CameraRegistry::load(saved, &error);
        QVERIFY2(b.isValid(), qPrintable(error));
        QCOMPARE(b.crs(), a.crs());
        QCOMPARE(b.size(), a.size());
        for (int i = 0; i < a.size(); ++i) {
            const CameraRecord &x = a.cameras().at(i), &y = b.cameras().at(i);
            QCOMPARE(y.id, x.id);
            QCOMPARE(y.name, x.name);
            QCOMPARE(y.department, x.department);
            QCOMPARE(y.tags, x.tags);
            QCOMPARE(y.position, x.position);
            QCOMPARE(y.crs, x.crs);
            QCOMPARE(y.heightAboveGround, x.heightAboveGround);
            QCOMPARE(y.heading, x.heading);
            QCOMPARE(y.pitch, x.pitch);
            QCOMPARE(y.roll, x.roll);
            QCOMPARE(y.hfov, x.hfov);
            QCOMPARE(y.aspect, x.aspect);
            QCOMPARE(y.nearM, x.nearM);
            QCOMPARE(y.farM, x.farM);
            QCOMPARE(y.ptz.enabled, x.ptz.enabled);
            QCOMPARE(y.ptz.panMin, x.ptz.panMin);
            QCOMPARE(y.ptz.tiltMax, x.ptz.tiltMax);
            QCOMPARE(y.ptz.hfovMin, x.ptz.hfovMin);
            QCOMPARE(y.mainUrl, x.mainUrl);
            QCOMPARE(y.subUrl, x.subUrl);
            QCOMPARE(y.credentialRef, x.credentialRef);
        }
        // a GeoPackage saves as JSON too
        const QString gpkg = m_dir.filePath(QStringLiteral("roundtrip.gpkg"));
        QVERIFY(writeGpkg(gpkg, 2227, {QVariantMap{{QStringLiteral("x"), 6000000.0}, {QStringLiteral("y"), 2000000.0}, {QStringLiteral("id"), QStringLiteral("f1")},
                                                   {QStringLiteral("heading"), 12.0}, {QStringLiteral("z"), 30.0}}},
                          &error));
        const CameraRegistry g = CameraRegistry::load(gpkg, &error);
        QVERIFY2(g.isValid(), qPrintable(error));
        QVERIFY(g.saveJson(m_dir.filePath(QStringLiteral("from-gpkg.json")), &error));
        const CameraRegistry gj = CameraRegistry::load(m_dir.filePath(QStringLiteral("from-gpkg.json")), &error);
        QVERIFY2(gj.isValid(), qPrintable(error));
        QCOMPARE(gj.crs(), QStringLiteral("EPSG:2227"));
        QCOMPARE(gj.cameras().at(0).position, Vec3d(6000000, 2000000, 30));
    }

    void calibratedPoseSavedInRecordCrs_data()
    {
        QTest::addColumn<QString>("recordCrs");
        QTest::addColumn<Vec3d>("position");
        QTest::newRow("EPSG:4326") << "EPSG:4326" << Vec3d(120.013, 29.821, 20);
        QTest::newRow("EPSG:4549 (the scene's)") << "EPSG:4549" << Vec3d(500100, 3300200, 25);
        QTest::newRow("EPSG:32651") << "EPSG:32651" << Vec3d(-90000, 3300000, 5); // far west of its CM: big convergence
    }
    void calibratedPoseSavedInRecordCrs()
    {
        QFETCH(QString, recordCrs);
        QFETCH(Vec3d, position);
        QJsonObject c = camera(QStringLiteral("k"), position.x, position.y, position.z);
        c[QStringLiteral("crs")] = recordCrs;
        c[QStringLiteral("credentials")] = QStringLiteral("ref-k");
        const QString path = writeFile(m_dir, QStringLiteral("calib.json"), registryJson(QJsonArray{c}));
        QString error;
        CameraRegistry reg = CameraRegistry::load(path, &error);
        QVERIFY2(reg.isValid(), qPrintable(error));
        const LocalFrame frame(Crs::fromString(QStringLiteral("EPSG:4549")), Vec3d(500000, 3300000, 0));
        QVERIFY2(reg.resolve(frame, {}, &error), qPrintable(error));
        CameraPose pose = reg.cameras().at(0).scenePose;
        pose.position += Vec3d(10.5, -4.25, 2);
        pose.heading += 15;
        pose.pitch = -33;
        pose.roll = 2;
        pose.hfov = 47;
        reg.setPose(0, pose);
        QCOMPARE(reg.cameras().at(0).scenePose.heading, pose.heading);
        const QString saved = m_dir.filePath(QStringLiteral("calib-saved.json"));
        QVERIFY2(reg.saveJson(saved, &error), qPrintable(error));
        CameraRegistry back = CameraRegistry::load(saved, &error);
        QVERIFY2(back.isValid(), qPrintable(error));
        QCOMPARE(back.cameras().at(0).crs, recordCrs);
        QVERIFY2(back.resolve(frame, {}, &error), qPrintable(error));
        const CameraPose &p = back.cameras().at(0).scenePose;
        QVERIFY2((p.position - pose.position).length() < 1e-4, qPrintable(QStringLiteral("moved %1 m").arg((p.position - pose.position).length())));
        double dh = std::fmod(p.heading - pose.heading + 720.0, 360.0);
        dh = std::min(dh, 360.0 - dh);
        QVERIFY2(dh < 1e-6, qPrintable(QStringLiteral("heading %1 vs %2").arg(p.heading).arg(pose.heading)));
        QCOMPARE(p.pitch, -33.0);
        QCOMPARE(p.roll, 2.0);
        QCOMPARE(p.hfov, 47.0);
        QCOMPARE(back.cameras().at(0).credentialRef, QStringLiteral("ref-k"));
    }

    void fromRecordsValidates()
    {
        CameraRecord a;
        a.id = QStringLiteral("m1");
        a.heading = 10;
        a.mainUrl = QStringLiteral("rtsp://u:Sup3rS3cret@h/");
        QString error;
        QVERIFY(!CameraRegistry::fromRecords({a}, QStringLiteral("EPSG:4549"), &error).isValid());
        QVERIFY2(error.contains(QStringLiteral("<memory>: camera 'm1' (record #0)")) && !error.contains(QLatin1String("Sup3rS3cret")), qPrintable(error));
        a.mainUrl = QStringLiteral("rtsp://h/");
        const CameraRegistry ok = CameraRegistry::fromRecords({a}, QStringLiteral("EPSG:4549"), &error);
        QVERIFY2(ok.isValid(), qPrintable(error));
        QCOMPARE(ok.indexOf(QStringLiteral("m1")), 0);
    }

    void twelveThousandCamerasUnderOneSecond()
    {
        const QByteArray data = generatedRegistry(12000);
        const QString path = writeFile(m_dir, QStringLiteral("cameras-12000.json"), data);
        QString error;
        QElapsedTimer t;
        t.start();
        CameraRegistry reg = CameraRegistry::load(path, &error);
        const qint64 loadMs = t.elapsed();
        QVERIFY2(reg.isValid(), qPrintable(error));
        QCOMPARE(reg.size(), 12000);
        t.restart();
        QVERIFY2(reg.resolve(LocalFrame(Crs::fromString(QStringLiteral("EPSG:32651")), Vec3d(-90000, 3300000, 0)), {}, &error), qPrintable(error));
        const qint64 resolveMs = t.elapsed();
        qInfo("12,000 cameras (%.1f MB): load %lld ms, resolve (EPSG:4549 -> EPSG:32651) %lld ms", data.size() / 1e6, loadMs, resolveMs);
        QCOMPARE_LT(loadMs, 1000);
        QCOMPARE_LT(resolveMs, 1000);
        QCOMPARE(reg.indexOf(QStringLiteral("cam-11999")), 11999);
    }

private:
    QTemporaryDir m_dir;
};

QTEST_GUILESS_MAIN(TstCameraRegistry)
#include "tst_cameraregistry.moc"
