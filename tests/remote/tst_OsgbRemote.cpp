// OSGB productions by URL: OsgbDataset::open and OsgbReader::readData over a real nginx serving
// the shared Production_5, compared with the same files read locally.
#include "TopDownView.h"
#include "BadHttpServer.h"
#include "NginxServer.h"
#include "TestRequire.h"

#include <liyuan/osgb/OsgbDataset.h>
#include <liyuan/osgb/OsgbReader.h>
#include <liyuan/scene/RemoteSource.h>
#include <liyuan/scene/RemoteUrl.h>
#include <liyuan/scene/TileStreamer.h>

#include <QDir>
#include <QTemporaryDir>
#include <QtConcurrent/QtConcurrentRun>
#include <QtTest>

using namespace liyuan;
using liyuan::test::NginxServer;

namespace {
const QString kProduction = QDir::cleanPath(QStringLiteral(LIYUAN_SHARED_DATA "/osgb/Production_5"));

using liyuan::test::topDown; // 45°, 1280×720

/** Frames until the streamer settles; the loaded-tile count. */
int settle(TileStreamer &s, const ViewState &v)
{
    QElapsedTimer t;
    t.start();
    while (t.elapsed() < 120000) {
        s.update(v);
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
        if (s.isSettled()) {
            s.update(v);
            if (s.isSettled())
                break;
        }
    }
    return s.stats().loadedTotal;
}

template<typename F>
auto onWorker(F f)
{
    auto fut = QtConcurrent::run(f);
    while (!fut.isFinished())
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
    return fut.result();
}
} // namespace

class TestOsgbRemote : public QObject
{
    Q_OBJECT
    QTemporaryDir m_tmp;
    NginxServer m_nginx;
    bool m_up = false;

private slots:
    void initTestCase()
    {
        osgb::registerOsgbReader();
        LIYUAN_REQUIRE(QFileInfo::exists(kProduction + QStringLiteral("/metadata.xml")), "shared Production_5 missing");
        LIYUAN_REQUIRE(!NginxServer::binary().isEmpty(), "nginx is not installed");
        // www/Production_5 → the shared data; www/bad/ → generated hostile files; www/nolist/ → no listing
        const QString www = m_tmp.filePath(QStringLiteral("www"));
        QDir().mkpath(www + QStringLiteral("/bad/Data/Tile_x"));
        QDir().mkpath(www + QStringLiteral("/nolist/Data/Tile_y"));
        QVERIFY(QFile::link(kProduction, www + QStringLiteral("/Production_5")));
        QDir().mkpath(www + QStringLiteral("/bucket"));
        QVERIFY(QFile::link(kProduction, www + QStringLiteral("/bucket/P5")));
        QFile bad(www + QStringLiteral("/bad/Data/Tile_x/Tile_x.osgb"));
        QVERIFY(bad.open(QIODevice::WriteOnly));
        bad.write(QByteArray(4096, 'z'));
        bad.close();
        QString error;
        m_up = m_nginx.start(m_tmp.filePath(QStringLiteral("nginx")), www,
                             QStringLiteral("location /nolist/ { autoindex off; }\n"
                                            // an S3 ListObjectsV2 answer for s3://host:port/bucket/P5/Data/
                                            "location = /bucket/ { default_type application/xml; return 200 '"
                                            "<ListBucketResult><Name>bucket</Name><Prefix>P5/Data/</Prefix><Delimiter>/</Delimiter>"
                                            "<CommonPrefixes><Prefix>P5/Data/Tile_+000_+012/</Prefix></CommonPrefixes>"
                                            "<CommonPrefixes><Prefix>P5/Data/Tile_+000_+014/</Prefix></CommonPrefixes>"
                                            "</ListBucketResult>'; }\n"
                                            // a moved production: only these two redirect, nothing else is under /old/
                                            "location = /old/Data/ { return 302 /Production_5/Data/; }\n"
                                            "location = /old/root.osgb { return 302 /Production_5/Data/Tile_+000_+013/Tile_+000_+013.osgb; }"),
                             &error);
        QVERIFY2(m_up, qPrintable(error));
        TilesetOptions o;
        o.diskCacheDir = m_tmp.filePath(QStringLiteral("cache"));
        o.requestTimeoutMs = 3000;
        o.maxRetries = 1;
        o.retryBaseMs = 50;
        RemoteSource::instance().configure(o);
    }

    void openByUrl_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<int>("roots");
        QTest::addColumn<bool>("georeferenced");
        QTest::newRow("production") << "Production_5/" << 3 << true;
        QTest::newRow("production-no-slash") << "Production_5" << 3 << true;
        QTest::newRow("metadata.xml") << "Production_5/metadata.xml" << 3 << true;
        QTest::newRow("Data") << "Production_5/Data/" << 3 << true;
        QTest::newRow("tile-folder") << "Production_5/Data/Tile_+000_+013/" << 1 << true;
        QTest::newRow("root-file") << "Production_5/Data/Tile_+000_+013/Tile_+000_+013.osgb" << 1 << true;
    }
    void openByUrl()
    {
        LIYUAN_REQUIRE(m_up, "nginx is not running");
        QFETCH(QString, path);
        QFETCH(int, roots);
        QFETCH(bool, georeferenced);
        const QString url = m_nginx.url(path);
        const osgb::OsgbDataset remote = onWorker([url] { return osgb::OsgbDataset::open(url); });
        QVERIFY2(remote.ok, qPrintable(remote.error));
        QCOMPARE(int(remote.rootFiles.size()), roots);
        QCOMPARE(remote.frame.isGeoreferenced(), georeferenced);
        const osgb::OsgbDataset local = osgb::OsgbDataset::open(kProduction);
        QVERIFY(local.ok);
        QCOMPARE(remote.frame.origin().x, local.frame.origin().x);
        QCOMPARE(remote.frame.origin().y, local.frame.origin().y);
        QCOMPARE(remote.frame.crs().definition(), local.frame.crs().definition());
        for (const QString &r : remote.rootFiles) {
            QVERIFY2(r.startsWith(m_nginx.url(QStringLiteral("Production_5/Data/Tile_"))), qPrintable(r));
            QVERIFY(r.endsWith(QLatin1String(".osgb")));
        }
    }

    void s3Production()
    {
        LIYUAN_REQUIRE(m_up, "nginx is not running");
        qunsetenv("LIYUAN_S3_ENDPOINT");
        const QString url = QStringLiteral("s3://127.0.0.1:%1/bucket/P5/").arg(m_nginx.port());
        const osgb::OsgbDataset ds = onWorker([url] { return osgb::OsgbDataset::open(url); });
        QVERIFY2(ds.ok, qPrintable(ds.error));
        QCOMPARE(ds.rootFiles, (QStringList{url + QStringLiteral("Data/Tile_+000_+012/Tile_+000_+012.osgb"),
                                            url + QStringLiteral("Data/Tile_+000_+014/Tile_+000_+014.osgb")}));
        QVERIFY(ds.frame.isGeoreferenced());
        QVERIFY(m_nginx.requestsFor(QStringLiteral("/bucket/?list-type=2&delimiter=/&prefix=P5%2FData%2F")) == 1);
        const QString root = ds.rootFiles.first();
        const FetchResult f = onWorker([root] { return RemoteSource::instance().fetch(root); });
        QVERIFY2(f.ok, qPrintable(f.error));
        const TileReadResult r = osgb::OsgbReader().readData(f.data, root);
        QVERIFY2(r.ok, qPrintable(r.error));
        QVERIFY(!r.content.childFiles().isEmpty());
        QVERIFY(r.content.childFiles().first().startsWith(url + QStringLiteral("Data/Tile_+000_+012/")));
    }

    void movedProductionFollowsRedirect()
    {
        // a Data/ listing reached through a 302: its Tile_* folders (and metadata.xml) are beside
        // the final URL; a root tile reached through a 302: its children too (OsgbReader)
        LIYUAN_REQUIRE(m_up, "nginx is not running");
        const QString data = m_nginx.url(QStringLiteral("old/Data/"));
        const osgb::OsgbDataset ds = onWorker([data] { return osgb::OsgbDataset::open(data); });
        QVERIFY2(ds.ok, qPrintable(ds.error));
        QVERIFY2(!ds.warnings.join(QLatin1Char('\n')).contains(QLatin1String("no metadata.xml")), qPrintable(ds.warnings.join(QLatin1Char('\n'))));
        QVERIFY(ds.frame.isGeoreferenced());
        QCOMPARE(int(ds.rootFiles.size()), 3);
        for (const QString &r : ds.rootFiles)
            QVERIFY2(r.startsWith(m_nginx.url(QStringLiteral("Production_5/Data/Tile_"))), qPrintable(r));

        const QString root = m_nginx.url(QStringLiteral("old/root.osgb"));
        const FetchResult f = onWorker([root] { return RemoteSource::instance().fetch(root); });
        QVERIFY2(f.ok, qPrintable(f.error));
        QCOMPARE(f.finalUrl, m_nginx.url(QStringLiteral("Production_5/Data/Tile_+000_+013/Tile_+000_+013.osgb")));
        const TileReadResult r = osgb::OsgbReader().readData(f.data, root); // as the TileStreamer does
        QVERIFY2(r.ok, qPrintable(r.error));
        const QStringList children = r.content.childFiles();
        QVERIFY(!children.isEmpty());
        for (const QString &c : children)
            QVERIFY2(c.startsWith(m_nginx.url(QStringLiteral("Production_5/Data/Tile_+000_+013/"))), qPrintable(c));
        const QString child = children.first();
        const FetchResult cf = onWorker([child] { return RemoteSource::instance().fetch(child); });
        QVERIFY2(cf.ok, qPrintable(cf.error));
        QVERIFY(cf.finalUrl.isEmpty());
    }

    void treeOverHttpMatchesLocal()
    {
        LIYUAN_REQUIRE(m_up, "nginx is not running");
        osgb::OsgbReader reader;
        const QString base = m_nginx.url(QStringLiteral("Production_5"));
        const osgb::OsgbDataset ds = onWorker([base] { return osgb::OsgbDataset::open(base + QLatin1Char('/')); });
        QVERIFY2(ds.ok, qPrintable(ds.error));
        QStringList level = ds.rootFiles;
        int files = 0;
        for (int depth = 0; depth < 3 && !level.isEmpty(); ++depth) {
            QStringList next;
            for (const QString &url : std::as_const(level)) {
                QVERIFY(reader.identify(url));
                const FetchResult f = onWorker([url] { return RemoteSource::instance().fetch(url); });
                QVERIFY2(f.ok, qPrintable(f.error));
                const TileReadResult remote = reader.readData(f.data, url);
                QVERIFY2(remote.ok, qPrintable(remote.error));
                const QString localPath = kProduction + QUrl::fromPercentEncoding(url.mid(base.size()).toUtf8());
                const TileReadResult local = reader.read(localPath);
                QVERIFY2(local.ok, qPrintable(local.error));
                QCOMPARE(remote.content.triangleCount(), local.content.triangleCount());
                QCOMPARE(remote.content.meshes.size(), local.content.meshes.size());
                const QStringList rc = remote.content.childFiles(), lc = local.content.childFiles();
                QCOMPARE(rc.size(), lc.size());
                for (int i = 0; i < rc.size(); ++i) // children: the same files, as URLs
                    QCOMPARE(kProduction + QUrl::fromPercentEncoding(rc[i].mid(base.size()).toUtf8()), lc[i]);
                next << rc;
                ++files;
            }
            level = next;
        }
        QVERIFY(files > 5);
    }

    void streamerOverHttpMatchesLocal()
    {
        LIYUAN_REQUIRE(m_up, "nginx is not running");
        const osgb::OsgbDataset local = osgb::OsgbDataset::open(kProduction);
        QVERIFY(local.ok);
        const QString url = m_nginx.url(QStringLiteral("Production_5/"));
        const osgb::OsgbDataset remote = onWorker([url] { return osgb::OsgbDataset::open(url); });
        QVERIFY2(remote.ok, qPrintable(remote.error));
        const ViewState v = topDown(Vec3d(0, 0, 0), 150);
        int loaded[2] = {0, 0}, failed[2] = {0, 0}; // the sample lacks its finest level: the same files fail
        for (int i = 0; i < 2; ++i) {
            const osgb::OsgbDataset &ds = i == 0 ? local : remote;
            TileStreamer s;
            TilesetOptions o = RemoteSource::instance().options(); // keep this test's cache folder
            s.setOptions(o);
            TileDataset d;
            d.path = ds.path;
            d.format = QStringLiteral("OSGB");
            d.frame = ds.frame;
            d.rootFiles = ds.rootFiles;
            s.addDataset(d);
            settle(s, v); // roots in: their bounds give the close view
            Vec3d mn, mx;
            QVERIFY(s.bounds(-1, &mn, &mx));
            loaded[i] = settle(s, topDown((mn + mx) * 0.5, 60));
            failed[i] = s.stats().failed;
            if (i == 1)
                for (const QString &f : s.failures())
                    QVERIFY2(f.startsWith(m_nginx.url()) && f.contains(QLatin1String(": HTTP 404")), qPrintable(f));
        }
        QVERIFY(loaded[0] > 3);
        QCOMPARE(failed[1], failed[0]);
        QCOMPARE(loaded[1], loaded[0]); // the same tiles at the same view
    }

    void streamerCancelsUnwantedLoads()
    {
        test::BadHttpServer server(test::BadHttpServer::Stall, 100000, 10);
        TilesetOptions o = RemoteSource::instance().options();
        const TilesetOptions saved = o;
        o.requestTimeoutMs = 60000; // only cancellation can end this request
        TileStreamer s;
        s.setOptions(o);
        TileDataset d;
        d.path = server.url(QStringLiteral("P/"));
        d.format = QStringLiteral("OSGB");
        d.rootFiles = {server.url(QStringLiteral("P/Data/Tile_a/Tile_a.osgb"))};
        const int index = s.addDataset(d);
        const RemoteStats before = RemoteSource::instance().stats();
        const ViewState v = topDown(Vec3d(0, 0, 0), 150);
        s.update(v);
        QTRY_COMPARE(server.requests(), 1);
        QCOMPARE(s.stats().loading, 1);
        s.setDatasetVisible(index, false); // no longer wanted
        QElapsedTimer t;
        t.start();
        while (s.stats().loading > 0 && t.elapsed() < 10000) {
            s.update(v);
            QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
        }
        QCOMPARE(s.stats().loading, 0);
        QVERIFY2(t.elapsed() < 5000, qPrintable(QString::number(t.elapsed())));
        QCOMPARE(s.stats().cancelledTotal, 1);
        QCOMPARE(s.stats().failed, 0); // cancelled is not failed
        QCOMPARE(RemoteSource::instance().stats().cancelled - before.cancelled, 1);
        QCOMPARE(s.tiles().front()->state, TileLoadState::Unloaded); // wanted again later, it loads again
        RemoteSource::instance().configure(saved);
    }

    void errorsNameTheUrl_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("expected");
        QTest::newRow("missing-production") << "Nope/" << "HTTP 404";
        QTest::newRow("no-listing") << "nolist/" << "HTTP 403";
    }
    void errorsNameTheUrl()
    {
        LIYUAN_REQUIRE(m_up, "nginx is not running");
        QFETCH(QString, path);
        QFETCH(QString, expected);
        const QString url = m_nginx.url(path);
        const osgb::OsgbDataset ds = onWorker([url] { return osgb::OsgbDataset::open(url); });
        QVERIFY(!ds.ok);
        QVERIFY2(ds.error.contains(m_nginx.url(path)), qPrintable(ds.error));
        QVERIFY2(ds.error.contains(expected), qPrintable(ds.error));
    }

    void corruptTileOverHttp()
    {
        LIYUAN_REQUIRE(m_up, "nginx is not running");
        const QString url = m_nginx.url(QStringLiteral("bad/Data/Tile_x/Tile_x.osgb"));
        const FetchResult f = onWorker([url] { return RemoteSource::instance().fetch(url); });
        QVERIFY2(f.ok, qPrintable(f.error));
        const TileReadResult r = osgb::OsgbReader().readData(f.data, url);
        QVERIFY(!r.ok);
        QVERIFY2(r.error.startsWith(url + QStringLiteral(": ")), qPrintable(r.error));
        // and a production whose Data/ lists it: opens, one root
        const QString prod = m_nginx.url(QStringLiteral("bad/"));
        const osgb::OsgbDataset ds = onWorker([prod] { return osgb::OsgbDataset::open(prod); });
        QVERIFY2(ds.ok, qPrintable(ds.error));
        QCOMPARE(ds.rootFiles, QStringList{url});
        QVERIFY(!ds.frame.isGeoreferenced()); // no metadata.xml: a warning naming the URL
        QVERIFY2(!ds.warnings.isEmpty() && ds.warnings.first().contains(prod), qPrintable(ds.warnings.join('\n')));
    }
};

QTEST_GUILESS_MAIN(TestOsgbRemote)
#include "tst_OsgbRemote.moc"
