// export-3dtiles in CesiumJS: the shared Production_5 exported, served by a real nginx on a free
// loopback port together with CesiumJS (npm cesium) and tests/web/cesium-tileset.html, loaded in
// headless Chromium (software WebGL: SwiftShader) with no imagery, terrain or Ion (offline). The page
// reports the tiles loaded and the tileset's bounding-sphere centre; it must lie where the OSGB
// production is (its root tiles' vertices through the production's SRS, PROJ) and where Liyuan's
// own reading of the tileset's root volume puts it.
#include "NginxServer.h"
#include "TestRequire.h"
#include "Tiles3dExporter.h"

#include <liyuan/geodata/LocalFrame.h>
#include <liyuan/osgb/OsgbDataset.h>
#include <liyuan/osgb/OsgbReader.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QUrl>
#include <QElapsedTimer>
#include <QtTest>

using namespace liyuan;

class TstExport3dTilesWeb : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { osgb::registerOsgbReader(); }

    void cesiumLoadsTheTileset()
    {
        const QString production = QStringLiteral(LIYUAN_SHARED_DATA "/osgb/Production_5");
        const QString modules = QStringLiteral(LIYUAN_WEB_MODULES);
        LIYUAN_REQUIRE(QFileInfo(production).isDir(), "shared sample osgb/Production_5 missing (LIYUAN_SHARED_DATA)");
        LIYUAN_REQUIRE(QFile::exists(modules + QStringLiteral("/cesium/Build/Cesium/Cesium.js")),
                       "npm cesium missing: npm ci --prefix tests/web (LIYUAN_WEB_MODULES)");
        const QString chromium = QStandardPaths::findExecutable(QStringLiteral("chromium"));
        LIYUAN_REQUIRE(!chromium.isEmpty(), "chromium is not installed");
        LIYUAN_REQUIRE(!test::NginxServer::binary().isEmpty(), "nginx is not installed");

        QTemporaryDir tmp;
        const QString www = tmp.filePath(QStringLiteral("www"));
        const Tiles3dExporter::Result r = Tiles3dExporter().run(production, www + QStringLiteral("/p5"));
        QVERIFY2(r.ok, qPrintable(r.error + r.errors.join(QLatin1Char('\n'))));

        const QString js = QStringLiteral("types { application/javascript js; application/json json; text/css css; "
                                          "application/wasm wasm; image/png png; image/jpeg jpg; text/html html; }");
        test::NginxServer nginx;
        QString err;
        QVERIFY2(nginx.serve(tmp.path(), {}, &err,
                             QStringLiteral("location /cesium/ { alias %1/cesium/Build/Cesium/; %3 }\n"
                                            "    location /web/ { alias %2/; %3 }\n"
                                            "    location /p5/ { types { application/json json; model/gltf-binary glb; } }")
                                     .arg(modules, QStringLiteral(LIYUAN_SOURCE_DIR "/tests/web"), js)),
                 qPrintable(err));

        // Chromium keeps running; the page reports through a GET the access log records (real time, no virtual time)
        QProcess c;
        c.setProcessChannelMode(QProcess::MergedChannels);
        c.start(chromium, {QStringLiteral("--headless=new"), QStringLiteral("--no-sandbox"), QStringLiteral("--no-first-run"),
                           QStringLiteral("--disable-extensions"), QStringLiteral("--use-angle=swiftshader"),
                           QStringLiteral("--enable-unsafe-swiftshader"), QStringLiteral("--window-size=800,600"),
                           QStringLiteral("--user-data-dir=") + tmp.filePath(QStringLiteral("chromium")),
                           nginx.url(QStringLiteral("web/cesium-tileset.html?tileset=/p5/tileset.json&timeoutMs=35000"))});
        QVERIFY2(c.waitForStarted(10000), "chromium did not start");
        QString report;
        QElapsedTimer timer;
        timer.start();
        while (report.isEmpty() && timer.elapsed() < 45000 && c.state() == QProcess::Running) {
            QTest::qWait(200);
            for (const QString &line : nginx.accessLog()) {
                const QRegularExpressionMatch m = QRegularExpression(QStringLiteral("GET /report\\?r=(\\S+) ")).match(line);
                if (m.hasMatch())
                    report = QUrl::fromPercentEncoding(m.captured(1).toUtf8());
            }
        }
        const QString chromiumOut = QString::fromUtf8(c.readAll());
        c.terminate(); // our chromium, by its process id
        if (!c.waitForFinished(5000)) {
            c.kill();
            c.waitForFinished(5000);
        }
        QVERIFY2(!report.isEmpty(), qPrintable(QStringLiteral("the page reported nothing in 45 s; requests:\n")
                                               + nginx.accessLog().join(QLatin1Char('\n')).right(3000) + chromiumOut.right(2000)));
        const QJsonObject res = QJsonDocument::fromJson(report.toUtf8()).object();
        qInfo("CesiumJS: %s", qPrintable(report));
        QVERIFY2(res.value("ok").toBool(), qPrintable(report));
        QVERIFY(res.value("tilesLoaded").toInt() > 0);
        QCOMPARE(res.value("tilesFailed").toInt(), 0);
        const QJsonArray ca = res.value("center").toArray();
        QCOMPARE(ca.size(), 3);
        const Vec3d centre(ca[0].toDouble(), ca[1].toDouble(), ca[2].toDouble());

        // 1. the centre of the tileset's root box through its transform (what Liyuan's reader uses)
        QFile tsf(www + QStringLiteral("/p5/tileset.json"));
        QVERIFY(tsf.open(QIODevice::ReadOnly));
        const QJsonObject root = QJsonDocument::fromJson(tsf.readAll()).object().value("root").toObject();
        const QJsonArray t = root.value("transform").toArray();
        const QJsonArray box = root.value("boundingVolume").toObject().value("box").toArray();
        const Vec3d bc(box[0].toDouble(), box[1].toDouble(), box[2].toDouble());
        const Vec3d boxEcef(t[0].toDouble() * bc.x + t[4].toDouble() * bc.y + t[8].toDouble() * bc.z + t[12].toDouble(),
                            t[1].toDouble() * bc.x + t[5].toDouble() * bc.y + t[9].toDouble() * bc.z + t[13].toDouble(),
                            t[2].toDouble() * bc.x + t[6].toDouble() * bc.y + t[10].toDouble() * bc.z + t[14].toDouble());
        QVERIFY2((centre - boxEcef).length() < 0.5, qPrintable(QStringLiteral("CesiumJS centre %1 m from the root box centre")
                                                                .arg((centre - boxEcef).length())));

        // 2. the production's own place: its root tiles' vertices through the SRS (PROJ), independently of the export
        const osgb::OsgbDataset ds = osgb::OsgbDataset::open(production);
        QVERIFY(ds.ok);
        Vec3d mn(1e300, 1e300, 1e300), mx(-1e300, -1e300, -1e300);
        for (const QString &f : ds.rootFiles) {
            const TileReadResult tr = osgb::OsgbReader().read(f);
            QVERIFY2(tr.ok, qPrintable(tr.error));
            for (const MeshData &mesh : tr.content.meshes)
                for (size_t i = 0; i + 2 < mesh.positions.size(); i += 3) {
                    const Vec3d p = tr.content.origin + Vec3d(mesh.positions[i], mesh.positions[i + 1], mesh.positions[i + 2]);
                    mn = Vec3d(std::min(mn.x, p.x), std::min(mn.y, p.y), std::min(mn.z, p.z));
                    mx = Vec3d(std::max(mx.x, p.x), std::max(mx.y, p.y), std::max(mx.z, p.z));
                }
        }
        bool ok = false;
        const Vec3d expected = ds.frame.toOther((mn + mx) * 0.5, Crs::fromString(QStringLiteral("EPSG:4978")), &ok);
        QVERIFY(ok);
        const double d = (centre - expected).length();
        qInfo("CesiumJS centre %.3f m from the OSGB root tiles' centre (extent %.1f x %.1f x %.1f m)", d, mx.x - mn.x, mx.y - mn.y, mx.z - mn.z);
        QVERIFY2(d < 0.5, qPrintable(QStringLiteral("CesiumJS centre is %1 m from the production's place").arg(d)));
    }

    /** A production by URL (nginx, directory listing on) exports to the same tileset as from disk. */
    void exportFromUrl()
    {
        const QString production = QStringLiteral(LIYUAN_SHARED_DATA "/osgb/Production_5");
        LIYUAN_REQUIRE(QFileInfo(production).isDir(), "shared sample osgb/Production_5 missing (LIYUAN_SHARED_DATA)");
        LIYUAN_REQUIRE(!test::NginxServer::binary().isEmpty(), "nginx is not installed");
        QTemporaryDir tmp;
        test::NginxServer nginx;
        QString err;
        QVERIFY2(nginx.serve(tmp.path(), {{QStringLiteral("Production_5"), production}}, &err), qPrintable(err));
        const Tiles3dExporter::Result local = Tiles3dExporter().run(production, tmp.filePath(QStringLiteral("local")));
        const Tiles3dExporter::Result remote = Tiles3dExporter().run(nginx.url(QStringLiteral("Production_5/")), tmp.filePath(QStringLiteral("remote")));
        QVERIFY2(local.ok, qPrintable(local.error));
        QVERIFY2(remote.ok, qPrintable(remote.error + remote.errors.join(QLatin1Char('\n'))));
        QCOMPARE(remote.files, local.files);
        QCOMPARE(remote.glbs, local.glbs);
        QCOMPARE(remote.triangles, local.triangles);
        // the children Production_5 names but does not ship: 404, reported and skipped
        QVERIFY2(remote.warnings.join(QLatin1Char('\n')).contains(QStringLiteral("Tile_+000_+012_L20_0uuuu37.osgb: missing on the server (HTTP 404)")),
                 qPrintable(remote.warnings.join(QLatin1Char('\n'))));
        auto rootOf = [](const QString &file) {
            QFile f(file);
            f.open(QIODevice::ReadOnly);
            return QJsonDocument::fromJson(f.readAll()).object().value("root").toObject();
        };
        const QJsonObject a = rootOf(tmp.filePath(QStringLiteral("local/tileset.json")));
        const QJsonObject b = rootOf(tmp.filePath(QStringLiteral("remote/tileset.json")));
        QCOMPARE(QJsonDocument(b).toJson(), QJsonDocument(a).toJson()); // same tree, volumes, errors and content paths
        QVERIFY(QFile::exists(tmp.filePath(QStringLiteral("remote/Data/Tile_+000_+013/Tile_+000_+013_L19_0uuuu5.glb"))));
    }
};

QTEST_GUILESS_MAIN(TstExport3dTilesWeb)
#include "tst_export3dtilesweb.moc"
