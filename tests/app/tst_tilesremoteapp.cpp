// tiles3d remote: the real app opens a 3D Tiles tileset and GIS files (GeoTIFF, GeoJSON) from a
// real nginx by URL — the tileset draws as it does from the local files, --state-json counts its
// requests and bytes, a warm cache works --offline, a missing tileset.json is a clear error naming
// the URL; `liyuan info` describes a tileset (tiling, levels, content types, lon/lat bounds) and
// GIS files by URL like local ones.
#include "AppRunner.h"
#include "NginxServer.h"
#include "TestRequire.h"

#include <QDir>
#include <QFile>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>

using liyuan::test::NginxServer;

namespace {
const QString kData = QStringLiteral(LIYUAN_SHARED_DATA);

QJsonObject readJson(const QString &file)
{
    QFile f(file);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(f.readAll()).object();
}

/** Mean absolute difference per channel (0–255) of two same-size images. */
double meanDiff(const QImage &a0, const QImage &b0)
{
    const QImage a = a0.convertToFormat(QImage::Format_RGB32), b = b0.convertToFormat(QImage::Format_RGB32);
    if (a.size() != b.size() || a.isNull())
        return 1e9;
    double sum = 0;
    for (int y = 0; y < a.height(); ++y)
        for (int x = 0; x < a.width(); ++x) {
            const QRgb p = a.pixel(x, y), q = b.pixel(x, y);
            sum += std::abs(qRed(p) - qRed(q)) + std::abs(qGreen(p) - qGreen(q)) + std::abs(qBlue(p) - qBlue(q));
        }
    return sum / (3.0 * a.width() * a.height());
}

/** Fraction of pixels unlike the top-left one (the sky): an empty picture has none. */
double drawnFraction(const QImage &img)
{
    if (img.isNull())
        return 0;
    const QRgb sky = img.pixel(0, 0);
    qint64 n = 0;
    for (int y = 0; y < img.height(); ++y)
        for (int x = 0; x < img.width(); ++x) {
            const QRgb p = img.pixel(x, y);
            n += std::abs(qRed(p) - qRed(sky)) + std::abs(qGreen(p) - qGreen(sky)) + std::abs(qBlue(p) - qBlue(sky)) > 30;
        }
    return double(n) / (double(img.width()) * img.height());
}

} // namespace

class TestTilesRemoteApp : public QObject
{
    Q_OBJECT
    QTemporaryDir m_tmp;
    NginxServer m_nginx;
    bool m_up = false;
    QString m_cache;

    QStringList common(const QString &name)
    {
        return {QStringLiteral("--screenshot"), m_tmp.filePath(name + QStringLiteral(".png")), QStringLiteral("--size"),
                QStringLiteral("480x320"), QStringLiteral("--state-json"), m_tmp.filePath(name + QStringLiteral(".json")),
                QStringLiteral("--timeout"), QStringLiteral("50")};
    }

private slots:
    void initTestCase()
    {
        LIYUAN_REQUIRE(QFileInfo::exists(kData + QStringLiteral("/3dtiles/TilesetWithRequestVolume/tileset.json")),
                       "shared 3dtiles samples missing");
        LIYUAN_REQUIRE(!NginxServer::binary().isEmpty(), "nginx is not installed");
        QList<QPair<QString, QString>> links;
        for (const QString d : {QStringLiteral("3dtiles"), QStringLiteral("gis"), QStringLiteral("footprints")})
            links.append({d, kData + QLatin1Char('/') + d});
        // a GeoJSON named .json: tried as a tileset first, then opened by GDAL
        links.append({QStringLiteral("extra/buildings.json"), kData + QStringLiteral("/footprints/alexandria_va/buildings.geojson")});
        QString error;
        m_up = m_nginx.serve(m_tmp.path(), links, &error);
        QVERIFY2(m_up, qPrintable(error));
        m_cache = m_tmp.filePath(QStringLiteral("cache"));
    }

    void tilesetByUrlLikeLocalThenOffline()
    {
        const QString local = kData + QStringLiteral("/3dtiles/TilesetWithRequestVolume/tileset.json");
        const QString url = m_nginx.url(QStringLiteral("3dtiles/TilesetWithRequestVolume/tileset.json"));
        const AppRun l = runApp(common(QStringLiteral("local")) << local, 90000);
        QVERIFY2(l.finished && l.exitCode == 0, l.what().constData());
        const AppRun r = runApp(common(QStringLiteral("url")) << QStringLiteral("--disk-cache-dir") << m_cache << url, 90000);
        QVERIFY2(r.finished && r.exitCode == 0, r.what().constData());
        const QImage li(m_tmp.filePath(QStringLiteral("local.png"))), ri(m_tmp.filePath(QStringLiteral("url.png")));
        QVERIFY2(drawnFraction(li) > 0.002, qPrintable(QString::number(drawnFraction(li)))); // drawn, not an empty sky
        const double d = meanDiff(li, ri);
        qInfo("local vs HTTP: mean difference %.2f / 255", d);
        QVERIFY2(d < 2.0, qPrintable(QString::number(d)));
        const QJsonObject state = readJson(m_tmp.filePath(QStringLiteral("url.json")));
        const QJsonObject remote = state.value(QStringLiteral("remote")).toObject();
        QVERIFY2(remote.value(QStringLiteral("requests")).toDouble() >= 4, qPrintable(QJsonDocument(remote).toJson()));
        QVERIFY(remote.value(QStringLiteral("bytesDownloaded")).toDouble() > 100000);
        QVERIFY(remote.value(QStringLiteral("cacheMisses")).toDouble() >= 4);
        QCOMPARE(remote.value(QStringLiteral("requestsInFlight")).toInt(), 0);
        const QJsonObject layer = stateLayerWithPath(state, url);
        QVERIFY2(!layer.isEmpty(), qPrintable(QJsonDocument(state.value(QStringLiteral("layers")).toArray()).toJson()));
        QCOMPARE(layer.value(QStringLiteral("status")).toString(), QStringLiteral("ready"));
        // the tileset itself, its external city/tileset.json and content: all asked of nginx
        QVERIFY(m_nginx.requestsFor(QStringLiteral("/TilesetWithRequestVolume/city/tileset.json")) >= 1);
        QVERIFY(m_nginx.requestsFor(QStringLiteral(".b3dm")) >= 1);

        // --offline from the warm cache: the same picture, not one request
        const int requests = m_nginx.accessLog().size();
        const AppRun off = runApp(common(QStringLiteral("offline")) << QStringLiteral("--disk-cache-dir") << m_cache
                                                                    << QStringLiteral("--offline") << url, 90000);
        QVERIFY2(off.finished && off.exitCode == 0, off.what().constData());
        QCOMPARE(m_nginx.accessLog().size(), requests);
        QVERIFY(meanDiff(li, QImage(m_tmp.filePath(QStringLiteral("offline.png")))) < 2.0);
        const QJsonObject offRemote = readJson(m_tmp.filePath(QStringLiteral("offline.json"))).value(QStringLiteral("remote")).toObject();
        QVERIFY(offRemote.value(QStringLiteral("cacheHits")).toDouble() >= 4);
        QCOMPARE(offRemote.value(QStringLiteral("requests")).toDouble(), 0.0);
    }

    void missingTilesetNamesUrl()
    {
        const QString url = m_nginx.url(QStringLiteral("3dtiles/nope/tileset.json"));
        const AppRun r = runApp(common(QStringLiteral("nope")) << url, 60000);
        QVERIFY2(r.finished && r.exitCode != 0, r.what().constData());
        QVERIFY2(r.err.contains(url + QStringLiteral(": HTTP 404")), qPrintable(r.err));
    }

    void infoOnTileset_data()
    {
        QTest::addColumn<bool>("byUrl");
        QTest::newRow("local") << false;
        QTest::newRow("url") << true;
    }
    void infoOnTileset()
    {
        QFETCH(bool, byUrl);
        const QString path = byUrl ? m_nginx.url(QStringLiteral("3dtiles/delaware/tileset.json"))
                                   : kData + QStringLiteral("/3dtiles/delaware/tileset.json");
        const AppRun r = runApp({QStringLiteral("info"), QStringLiteral("--deep"), QStringLiteral("--json"), QStringLiteral("--disk-cache-dir"),
                                 m_tmp.filePath(QStringLiteral("info-cache")), path});
        QVERIFY2(r.finished && r.exitCode == 0, r.what().constData());
        const QJsonObject i = QJsonDocument::fromJson(r.out.toUtf8()).object();
        QCOMPARE(i.value(QStringLiteral("format")).toString(), QStringLiteral("3dtiles"));
        // (info names the file by its clean absolute path; CI passes the shared data as src/../shared)
        QCOMPARE(i.value(QStringLiteral("path")).toString(), byUrl ? path : QDir::cleanPath(path));
        QCOMPARE(i.value(QStringLiteral("version")).toString(), QStringLiteral("1.0"));
        QCOMPARE(i.value(QStringLiteral("tiling")).toString(), QStringLiteral("implicit quadtree"));
        QCOMPARE(i.value(QStringLiteral("subtreeLevels")).toInt(), 3);
        QCOMPARE(i.value(QStringLiteral("levels")).toInt(), 5);
        QVERIFY(i.value(QStringLiteral("georeferenced")).toBool());
        QCOMPARE(i.value(QStringLiteral("contentTypes")).toArray(), QJsonArray{QStringLiteral("b3dm")});
        QVERIFY(i.value(QStringLiteral("contentCounts")).toObject().value(QStringLiteral("b3dm")).toInt() > 10);
        // Dover, Delaware (SOURCES.md: ≈ 75.6°W, 39.1°N)
        const QJsonObject b = i.value(QStringLiteral("boundsWgs84")).toObject();
        const double lon = (b.value(QStringLiteral("west")).toDouble() + b.value(QStringLiteral("east")).toDouble()) / 2;
        const double lat = (b.value(QStringLiteral("south")).toDouble() + b.value(QStringLiteral("north")).toDouble()) / 2;
        QVERIFY2(std::abs(lon + 75.55) < 0.2 && std::abs(lat - 39.15) < 0.2, qPrintable(QStringLiteral("%1 %2").arg(lon).arg(lat)));
        // the text form names the same things
        const AppRun t = runApp({QStringLiteral("info"), QStringLiteral("--disk-cache-dir"), m_tmp.filePath(QStringLiteral("info-cache")), path});
        QVERIFY2(t.finished && t.exitCode == 0, t.what().constData());
        QVERIFY2(t.out.contains(QLatin1String("implicit quadtree")) && t.out.contains(QLatin1String("Bounds WGS84"))
                         && t.out.contains(QLatin1String("b3dm")),
                 qPrintable(t.out));
    }

    void gisByUrl_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("localPath");
        QTest::addColumn<QString>("format");
        QTest::newRow("geotiff") << "gis/alexandria_va/dsm.tif" << "gis/alexandria_va/dsm.tif" << "raster";
        QTest::newRow("geojson") << "footprints/alexandria_va/buildings.geojson" << "footprints/alexandria_va/buildings.geojson" << "vector";
        QTest::newRow("geojson-as-json") << "extra/buildings.json" << "footprints/alexandria_va/buildings.geojson" << "vector";
    }
    void gisByUrl()
    {
        QFETCH(QString, path);
        QFETCH(QString, localPath);
        QFETCH(QString, format);
        const QString url = m_nginx.url(path);
        const AppRun local = runApp({QStringLiteral("info"), QStringLiteral("--json"), kData + QLatin1Char('/') + localPath});
        const AppRun remote = runApp({QStringLiteral("info"), QStringLiteral("--json"), QStringLiteral("--disk-cache-dir"),
                                      m_tmp.filePath(QStringLiteral("gis-cache")), url});
        QVERIFY2(local.finished && local.exitCode == 0, local.what().constData());
        QVERIFY2(remote.finished && remote.exitCode == 0, remote.what().constData());
        QJsonObject l = QJsonDocument::fromJson(local.out.toUtf8()).object();
        QJsonObject r = QJsonDocument::fromJson(remote.out.toUtf8()).object();
        QCOMPARE(r.value(QStringLiteral("format")).toString(), format);
        QCOMPARE(r.value(QStringLiteral("path")).toString(), url);
        l.remove(QStringLiteral("path"));
        r.remove(QStringLiteral("path"));
        for (auto it = l.constBegin(); it != l.constEnd(); ++it) // the same description otherwise
            if (it.key() != QLatin1String("layers") && it.key() != QLatin1String("file"))
                QVERIFY2(r.value(it.key()) == it.value(), qPrintable(it.key()));
        // and the app opens it as a layer whose path stays the URL (state, project files)
        const QString name = QStringLiteral("gis-") + QString::fromLatin1(QTest::currentDataTag());
        const AppRun app = runApp(common(name) << QStringLiteral("--disk-cache-dir")
                                                                          << m_tmp.filePath(QStringLiteral("gis-cache")) << url,
                                  90000);
        QVERIFY2(app.finished && app.exitCode == 0, app.what().constData());
        const QJsonObject state = readJson(m_tmp.filePath(name + QStringLiteral(".json")));
        const QJsonObject layer = stateLayerWithPath(state, url);
        QVERIFY2(!layer.isEmpty(), qPrintable(QJsonDocument(state.value(QStringLiteral("layers")).toArray()).toJson()));
        QCOMPARE(layer.value(QStringLiteral("status")).toString(), QStringLiteral("ready"));
    }

    void projectWithUrls()
    {
        // a project saved with a tileset and a GeoJSON by URL keeps the URLs (not the session's
        // downloaded copy) and opens them again
        const QString tileset = m_nginx.url(QStringLiteral("3dtiles/TilesetWithRequestVolume/tileset.json"));
        const QString geojson = m_nginx.url(QStringLiteral("footprints/alexandria_va/buildings.geojson"));
        const QString project = m_tmp.filePath(QStringLiteral("urls.liyuan.json"));
        const QString cache = m_tmp.filePath(QStringLiteral("project-cache"));
        const AppRun save = runApp(common(QStringLiteral("psave")) << QStringLiteral("--disk-cache-dir") << cache
                                                                   << QStringLiteral("--save-project") << project << tileset << geojson,
                                   90000);
        QVERIFY2(save.finished && save.exitCode == 0, save.what().constData());
        QFile f(project);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray text = f.readAll();
        QVERIFY2(text.contains(tileset.toUtf8()) && text.contains(geojson.toUtf8()), text.constData());
        QVERIFY2(!text.contains("liyuan-remote-"), text.constData());
        const AppRun open = runApp(common(QStringLiteral("popen")) << QStringLiteral("--disk-cache-dir") << cache << project, 90000);
        QVERIFY2(open.finished && open.exitCode == 0, open.what().constData());
        const QJsonObject state = readJson(m_tmp.filePath(QStringLiteral("popen.json")));
        for (const QString &u : {tileset, geojson})
            QVERIFY2(stateLayerWithPath(state, u).value(QStringLiteral("status")).toString() == QLatin1String("ready"), qPrintable(u));
    }

    void gisMissingNamesUrl()
    {
        const QString url = m_nginx.url(QStringLiteral("gis/nope.tif")) + QStringLiteral("?X-Amz-Signature=s1gsecret");
        const AppRun r = runApp({QStringLiteral("info"), QStringLiteral("--disk-cache-dir"), m_tmp.filePath(QStringLiteral("gis-cache")), url});
        QVERIFY2(r.finished && r.exitCode == 2, r.what().constData());
        QVERIFY2(r.err.contains(m_nginx.url(QStringLiteral("gis/nope.tif"))) && r.err.contains(QLatin1String("HTTP 404")), qPrintable(r.err));
        QVERIFY(!r.err.contains(QLatin1String("s1gsecret")));
    }
};

QTEST_GUILESS_MAIN(TestTilesRemoteApp)
#include "tst_tilesremoteapp.moc"
