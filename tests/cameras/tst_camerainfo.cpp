// `liyuan info CAMERAS.json` / CAMERAS.gpkg (InfoCommand): the registry summary in JSON and
// text, invalid records listed (not fatal), a broken registry an error naming the file; the
// real liyuan binary on a GeoPackage registry written through OGR and on a JSON one.
#include "AppRunner.h"
#include "InfoCommand.h"

#include <liyuan/geodata/VectorDataset.h>

#include <gdal.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

using namespace liyuan;

namespace {

QByteArray registry(bool withBadRecord)
{
    QJsonArray cams;
    for (int i = 0; i < 5; ++i) {
        QJsonObject c{{QStringLiteral("id"), QStringLiteral("c%1").arg(i)},
                      {QStringLiteral("department"), i < 3 ? QStringLiteral("police") : QStringLiteral("schools")},
                      {QStringLiteral("position"), QJsonArray{500000 + i * 10.0, 3300000.0}},
                      {QStringLiteral("heading"), 0},
                      {QStringLiteral("streams"), QJsonObject{{QStringLiteral("main"), i % 2 ? QStringLiteral("rtsp://h/%1").arg(i) : QStringLiteral("https://h/%1.m3u8").arg(i)}}}};
        if (i == 0)
            c[QStringLiteral("ptz")] = QJsonObject{{QStringLiteral("pan"), QJsonArray{-90, 90}}};
        if (i < 2)
            c[QStringLiteral("credentials")] = QStringLiteral("police-ref");
        cams.append(c);
    }
    if (withBadRecord)
        cams.append(QJsonObject{{QStringLiteral("id"), QStringLiteral("bad")}, {QStringLiteral("position"), QJsonArray{1, 2}},
                                {QStringLiteral("heading"), 0}, {QStringLiteral("hfov"), 0}});
    return QJsonDocument(QJsonObject{{QStringLiteral("type"), QStringLiteral("LiyuanCameraRegistry")},
                                     {QStringLiteral("version"), 1},
                                     {QStringLiteral("crs"), QStringLiteral("EPSG:4549")},
                                     {QStringLiteral("cameras"), cams}})
            .toJson();
}

} // namespace

class TstCameraInfo : public QObject
{
    Q_OBJECT
private slots:
    void summary_data()
    {
        QTest::addColumn<bool>("bad");
        QTest::newRow("valid") << false;
        QTest::newRow("one invalid record") << true;
    }
    void summary()
    {
        QFETCH(bool, bad);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("cameras.json"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(registry(bad));
        f.close();
        bool ok = false;
        QString error;
        const QJsonObject info = InfoCommand::describe(path, false, &ok, &error);
        QVERIFY2(ok, qPrintable(error));
        QCOMPARE(info[QStringLiteral("format")].toString(), QStringLiteral("cameras"));
        QCOMPARE(info[QStringLiteral("cameras")].toInt(), 5);
        QCOMPARE(info[QStringLiteral("crs")].toObject()[QStringLiteral("authority")].toString(), QStringLiteral("EPSG:4549"));
        QCOMPARE(info[QStringLiteral("departments")].toObject()[QStringLiteral("police")].toInt(), 3);
        QCOMPARE(info[QStringLiteral("departments")].toObject()[QStringLiteral("schools")].toInt(), 2);
        QCOMPARE(info[QStringLiteral("ptz")].toInt(), 1);
        QCOMPARE(info[QStringLiteral("streamSchemes")].toObject()[QStringLiteral("rtsp")].toInt(), 2);
        QCOMPARE(info[QStringLiteral("streamSchemes")].toObject()[QStringLiteral("https")].toInt(), 3);
        QCOMPARE(info[QStringLiteral("withCredentials")].toInt(), 2);
        QCOMPARE(info[QStringLiteral("credentialRefs")].toObject()[QStringLiteral("police-ref")].toInt(), 2);
        QCOMPARE(info[QStringLiteral("valid")].toBool(), !bad);
        QCOMPARE(info[QStringLiteral("invalidRecords")].toInt(), bad ? 1 : 0);
        const QString text = InfoCommand::toText(info);
        QVERIFY2(text.contains(QStringLiteral("camera registry (JSON)")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("police-ref 2")), qPrintable(text));
        if (bad) {
            const QString e = info[QStringLiteral("errors")].toArray().first().toString();
            QVERIFY2(e.contains(QStringLiteral("cameras.json: camera 'bad' (record #5): hfov 0 is outside (0, 180)")), qPrintable(e));
            QVERIFY2(text.contains(QStringLiteral("error: ")), qPrintable(text));
        }
    }

    void realBinary()
    {
        QTemporaryDir dir;
        // a GeoPackage camera layer in EPSG:2227 (US feet), written through OGR
        const QString gpkg = dir.filePath(QStringLiteral("cameras.gpkg"));
        registerGdalDrivers();
        GDALDatasetH ds = GDALCreate(GDALGetDriverByName("GPKG"), gpkg.toUtf8().constData(), 0, 0, 0, GDT_Unknown, nullptr);
        QVERIFY(ds);
        OGRSpatialReferenceH srs = OSRNewSpatialReference(nullptr);
        OSRImportFromEPSG(srs, 2227);
        OSRSetAxisMappingStrategy(srs, OAMS_TRADITIONAL_GIS_ORDER);
        OGRLayerH layer = GDALDatasetCreateLayer(ds, "cams", srs, wkbPoint, nullptr);
        OSRDestroySpatialReference(srs);
        for (const auto &[name, type] : {std::pair<const char *, OGRFieldType>{"id", OFTString}, {"department", OFTString}, {"heading", OFTReal},
                                         {"pan_min", OFTReal}, {"main_url", OFTString}, {"credentials", OFTString}}) {
            OGRFieldDefnH fd = OGR_Fld_Create(name, type);
            OGR_L_CreateField(layer, fd, TRUE);
            OGR_Fld_Destroy(fd);
        }
        for (int i = 0; i < 3; ++i) {
            OGRFeatureH f = OGR_F_Create(OGR_L_GetLayerDefn(layer));
            OGR_F_SetFieldString(f, 0, QStringLiteral("g%1").arg(i).toUtf8().constData());
            OGR_F_SetFieldString(f, 1, "transport");
            OGR_F_SetFieldDouble(f, 2, 45.0 * i);
            if (i == 0)
                OGR_F_SetFieldDouble(f, 3, -90.0);
            OGR_F_SetFieldString(f, 4, "rtsps://cams.example/a");
            OGR_F_SetFieldString(f, 5, "transport-ops");
            OGRGeometryH g = OGR_G_CreateGeometry(wkbPoint);
            OGR_G_SetPoint_2D(g, 0, 6000000 + i * 100.0, 2000000);
            OGR_F_SetGeometryDirectly(f, g);
            OGR_L_CreateFeature(layer, f);
            OGR_F_Destroy(f);
        }
        GDALClose(ds);
        const AppRun json = runApp({QStringLiteral("info"), QStringLiteral("--json"), gpkg}, 60000);
        QVERIFY2(json.finished && json.exitCode == 0, json.what());
        const QJsonObject info = QJsonDocument::fromJson(json.out.toUtf8()).object();
        QCOMPARE(info[QStringLiteral("format")].toString(), QStringLiteral("cameras"));
        QCOMPARE(info[QStringLiteral("source")].toString(), QStringLiteral("GeoPackage"));
        QCOMPARE(info[QStringLiteral("cameras")].toInt(), 3);
        QCOMPARE(info[QStringLiteral("crs")].toObject()[QStringLiteral("authority")].toString(), QStringLiteral("EPSG:2227"));
        QCOMPARE(info[QStringLiteral("ptz")].toInt(), 1);
        QCOMPARE(info[QStringLiteral("streamSchemes")].toObject()[QStringLiteral("rtsps")].toInt(), 3);
        QCOMPARE(info[QStringLiteral("credentialRefs")].toObject()[QStringLiteral("transport-ops")].toInt(), 3);

        const QString path = dir.filePath(QStringLiteral("cameras.json"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(registry(true));
        f.close();
        const AppRun text = runApp({QStringLiteral("info"), path}, 60000);
        QVERIFY2(text.finished && text.exitCode == 0, text.what());
        QVERIFY2(text.out.contains(QStringLiteral("camera registry (JSON)")) && text.out.contains(QStringLiteral("police:"))
                         && text.out.contains(QStringLiteral("error: ")) && text.out.contains(QStringLiteral("camera 'bad' (record #5)")),
                 qPrintable(text.out));

        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write("{\"type\": \"LiyuanCameraRegistry\", \"cameras\": [{\"id\": 1}]");
        f.close();
        const AppRun broken = runApp({QStringLiteral("info"), path}, 60000);
        QVERIFY2(broken.finished && broken.exitCode == 2, broken.what());
        QVERIFY2(broken.err.contains(QStringLiteral("cameras.json: not valid JSON")), qPrintable(broken.err));
    }

    void brokenRegistry()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("broken.json"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("{\"type\": \"LiyuanCameraRegistry\", \"version\": 1, \"cameras\": 5}");
        f.close();
        bool ok = true;
        QString error;
        InfoCommand::describe(path, false, &ok, &error);
        QVERIFY(!ok);
        QVERIFY2(error.contains(QStringLiteral("broken.json: \"cameras\" is a number, not an array")), qPrintable(error));
    }
};

QTEST_GUILESS_MAIN(TstCameraInfo)
#include "tst_camerainfo.moc"
