// tiles3d remote: every shared 3D Tiles sample opened from a real nginx by URL reads the same
// tiles as the local files (tileset.json, external tilesets, implicit subtrees, content); the
// tileset URL's query reaches its children (CesiumJS); a warm disk cache works offline; hostile
// servers and tilesets (10,000 missing children, a stall mid-response, 404, an external
// tileset cycle) end in bounded errors naming the URL; the tile's cancel flag reaches the
// reader's own fetches (FetchContext).
#include "../remote/BadHttpServer.h"
#include "NginxServer.h"
#include "TestRequire.h"
#include "TopDownView.h"

#include <liyuan/scene/FetchContext.h>
#include <liyuan/scene/RemoteSource.h>
#include <liyuan/scene/RemoteUrl.h>
#include <liyuan/scene/TileStreamer.h>
#include <liyuan/tiles3d/Tiles3dDataset.h>
#include <liyuan/tiles3d/Tiles3dReader.h>
#include <liyuan/tiles3d/TilesetSummary.h>

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtConcurrent/QtConcurrentRun>
#include <QtTest>

#include <atomic>
#include <cmath>

using namespace liyuan;
using liyuan::test::NginxServer;
using liyuan::test::topDown;

namespace {
const QString kData = QDir::cleanPath(QStringLiteral(LIYUAN_SHARED_DATA "/3dtiles"));

template<typename F>
auto onWorker(F f)
{
    auto fut = QtConcurrent::run(f);
    while (!fut.isFinished())
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
    return fut.result();
}

/** One tile read: what is compared between local and URL. */
struct TileSummary
{
    QString address; ///< relative to the sample folder
    bool ok = false;
    QString error;
    qint64 triangles = 0;
    int meshes = 0, images = 0, features = 0, children = 0;
    Vec3d origin;
    double radius = 0;
};

/** Reads the tile tree breadth first (at most maxTiles tiles); addresses made relative to base. */
QList<TileSummary> walk(const QString &rootAddress, const QString &base, int maxTiles = 400)
{
    tiles3d::Tiles3dReader reader;
    QList<TileSummary> out;
    QStringList level{rootAddress};
    while (!level.isEmpty() && out.size() < maxTiles) {
        QStringList next;
        for (const QString &a : std::as_const(level)) {
            const TileReadResult r = reader.read(a);
            TileSummary s;
            s.address = a.mid(base.size());
            s.ok = r.ok;
            s.error = r.error;
            if (r.ok) {
                s.triangles = r.content.triangleCount();
                s.meshes = int(r.content.meshes.size());
                s.images = int(r.content.images.size());
                s.features = int(r.content.featureAttributes.size());
                s.children = int(r.content.childFiles().size());
                s.origin = r.content.origin;
                s.radius = r.content.nodes.empty() ? 0 : r.content.nodes.front().radius;
                next << r.content.childFiles();
            }
            out << s;
        }
        level = next;
    }
    return out;
}

void writeFile(const QString &path, const QByteArray &bytes)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    f.write(bytes);
}

QByteArray json(const QJsonObject &o) { return QJsonDocument(o).toJson(QJsonDocument::Compact); }

QJsonObject box(double cx, double cy, double half)
{
    return {{QStringLiteral("box"), QJsonArray{cx, cy, 0, half, 0, 0, 0, half, 0, 0, 0, half}}};
}

QJsonObject tilesetWithRootContent(const QString &uri)
{
    return {{QStringLiteral("asset"), QJsonObject{{QStringLiteral("version"), QStringLiteral("1.1")}}},
            {QStringLiteral("geometricError"), 100},
            {QStringLiteral("root"), QJsonObject{{QStringLiteral("boundingVolume"), box(0, 0, 50)},
                                                 {QStringLiteral("geometricError"), 10},
                                                 {QStringLiteral("refine"), QStringLiteral("REPLACE")},
                                                 {QStringLiteral("content"), QJsonObject{{QStringLiteral("uri"), uri}}}}}};
}
} // namespace

class TestTiles3dRemote : public QObject
{
    Q_OBJECT
    QTemporaryDir m_tmp;
    NginxServer m_nginx;
    bool m_up = false;
    QString m_www;
    TilesetOptions m_remote;

    QString url(const QString &path) const { return m_nginx.url(path); }

private slots:
    void initTestCase()
    {
        tiles3d::registerTiles3dReader();
        LIYUAN_REQUIRE(QFileInfo::exists(kData + QStringLiteral("/delaware/tileset.json")), "shared 3dtiles samples missing");
        LIYUAN_REQUIRE(!NginxServer::binary().isEmpty(), "nginx is not installed");
        m_www = m_tmp.filePath(QStringLiteral("www"));
        QDir().mkpath(m_www + QStringLiteral("/hostile"));

        // hostile/missing10k: a root without content whose 10,000 children name absent b3dm files
        QJsonArray children;
        for (int i = 0; i < 10000; ++i)
            children.append(QJsonObject{{QStringLiteral("boundingVolume"), box(-99 + 2 * (i % 100), -99 + 2 * (i / 100), 1)},
                                        {QStringLiteral("geometricError"), 0},
                                        {QStringLiteral("content"), QJsonObject{{QStringLiteral("uri"), QStringLiteral("gone/%1.b3dm").arg(i)}}}});
        writeFile(m_www + QStringLiteral("/hostile/missing10k/tileset.json"),
                  json({{QStringLiteral("asset"), QJsonObject{{QStringLiteral("version"), QStringLiteral("1.1")}}},
                        {QStringLiteral("geometricError"), 1000},
                        {QStringLiteral("root"), QJsonObject{{QStringLiteral("boundingVolume"), box(0, 0, 100)},
                                                             {QStringLiteral("geometricError"), 1000},
                                                             {QStringLiteral("refine"), QStringLiteral("REPLACE")},
                                                             {QStringLiteral("children"), children}}}}));
        writeFile(m_www + QStringLiteral("/hostile/notileset.json"), "{\"type\": \"FeatureCollection\", \"features\": []}");
        // hostile/cycle: a.json → external b.json → external a.json
        writeFile(m_www + QStringLiteral("/hostile/cycle/a.json"), json(tilesetWithRootContent(QStringLiteral("b.json"))));
        writeFile(m_www + QStringLiteral("/hostile/cycle/b.json"), json(tilesetWithRootContent(QStringLiteral("a.json"))));

        QString error;
        // info/: the same samples under other URLs, read first by infoReadsOnlyTopTileset (no cache yet)
        // moved/: the samples again; old00/ holds nothing but a 302 from each top tileset.json to
        // its moved/ place (so a child resolved against the old URL is a 404); loop/: a 301 to itself
        QString redirects = QStringLiteral("location = /loop/tileset.json { return 301 /loop/tileset.json; }\n");
        for (const char *s : {"TilesetWithRequestVolume", "SparseImplicitQuadtree"})
            redirects += QStringLiteral("location = /old00/%1/tileset.json { return 302 /moved/%1/tileset.json; }\n")
                                 .arg(QLatin1String(s));
        m_up = m_nginx.serve(m_tmp.path(),
                             {{QStringLiteral("3dtiles"), kData}, {QStringLiteral("info"), kData}, {QStringLiteral("moved"), kData}},
                             &error, redirects);
        QVERIFY2(m_up, qPrintable(error));
        m_remote.diskCacheDir = m_tmp.filePath(QStringLiteral("cache"));
        m_remote.requestTimeoutMs = 3000;
        m_remote.maxRetries = 1;
        m_remote.retryBaseMs = 50;
        RemoteSource::instance().configure(m_remote);
    }

    void init()
    {
        RemoteSource::instance().configure(m_remote);
        tiles3d::Tiles3dReader::clearCache();
    }

    void sampleSameByUrl_data()
    {
        QTest::addColumn<QString>("sample");
        QTest::addColumn<bool>("georeferenced");
        for (const char *s : {"delaware", "SparseImplicitQuadtree", "TilesetWithRequestVolume", "TilesetWithDiscreteLOD",
                              "TilesetWithTreeBillboards", "agi_ktx2"})
            QTest::newRow(s) << QString::fromLatin1(s) << (QLatin1String(s) != QLatin1String("SparseImplicitQuadtree"));
        for (const QString &c : QDir(kData + QStringLiteral("/cesium_specs")).entryList(QDir::Dirs | QDir::NoDotAndDotDot))
            QTest::newRow(qPrintable(QStringLiteral("cesium_specs/") + c)) << QStringLiteral("cesium_specs/") + c << true;
    }
    void sampleSameByUrl()
    {
        LIYUAN_REQUIRE(m_up, "nginx is not running");
        QFETCH(QString, sample);
        QFETCH(bool, georeferenced);
        const QString localFile = kData + QLatin1Char('/') + sample + QStringLiteral("/tileset.json");
        const QString remoteFile = url(QStringLiteral("3dtiles/") + sample + QStringLiteral("/tileset.json"));
        QVERIFY(tiles3d::Tiles3dDataset::identify(remoteFile));
        const tiles3d::Tiles3dDataset local = tiles3d::Tiles3dDataset::open(localFile);
        QVERIFY2(local.ok, qPrintable(local.error));
        const tiles3d::Tiles3dDataset remote = onWorker([remoteFile] { return tiles3d::Tiles3dDataset::open(remoteFile); });
        QVERIFY2(remote.ok, qPrintable(remote.error));
        QCOMPARE(remote.version, local.version);
        QCOMPARE(remote.frame.isGeoreferenced(), georeferenced);
        QCOMPARE(local.frame.isGeoreferenced(), georeferenced);
        QCOMPARE(remote.frame.crs().definition(), local.frame.crs().definition());
        QCOMPARE(remote.rootFiles, QStringList{remoteFile + QStringLiteral("#r")});

        const QList<TileSummary> l = walk(local.rootFiles.first(), localFile);
        const QString rootAddress = remote.rootFiles.first();
        const QList<TileSummary> r = onWorker([rootAddress, remoteFile] { return walk(rootAddress, remoteFile); });
        QVERIFY(!l.isEmpty());
        // local leaves whose content file is absent are left out before reading (one warning); by URL
        // that is known only by asking: those tiles fail, each with the URL and HTTP 404
        QHash<QString, TileSummary> byAddress;
        for (const TileSummary &t : r) {
            if (!t.ok)
                QVERIFY2(t.error.contains(url(QStringLiteral("3dtiles/") + sample)) && t.error.contains(QLatin1String("HTTP 404")),
                         qPrintable(t.error));
            byAddress.insert(t.address, t);
        }
        int compared = 0;
        for (const TileSummary &a : l) {
            QVERIFY2(byAddress.contains(a.address), qPrintable(a.address));
            const TileSummary &b = byAddress[a.address];
            QVERIFY2(b.ok == a.ok, qPrintable(a.address + QLatin1Char(' ') + a.error + QLatin1Char(' ') + b.error));
            if (!a.ok)
                continue;
            QCOMPARE(b.triangles, a.triangles);
            QCOMPARE(b.meshes, a.meshes);
            QCOMPARE(b.images, a.images);
            QCOMPARE(b.features, a.features);
            QVERIFY(b.children >= a.children);
            QVERIFY(std::abs(b.origin.x - a.origin.x) < 1e-6 && std::abs(b.origin.y - a.origin.y) < 1e-6
                    && std::abs(b.origin.z - a.origin.z) < 1e-6);
            QVERIFY(std::abs(b.radius - a.radius) < 1e-6);
            ++compared;
        }
        QVERIFY(compared >= 1);
        QCOMPARE(r.size() - l.size(), int(std::count_if(r.cbegin(), r.cend(), [](const TileSummary &t) { return !t.ok; }))
                                              - int(std::count_if(l.cbegin(), l.cend(), [](const TileSummary &t) { return !t.ok; })));
    }

    void queryReachesChildren()
    {
        // a token on the tileset URL goes with every relative resource (CesiumJS getDerivedResource)
        LIYUAN_REQUIRE(m_up, "nginx is not running");
        const int logBefore = m_nginx.accessLog().size();
        const QString top = url(QStringLiteral("3dtiles/TilesetWithRequestVolume/tileset.json?token=q7xk"));
        const tiles3d::Tiles3dDataset ds = onWorker([top] { return tiles3d::Tiles3dDataset::open(top); });
        QVERIFY2(ds.ok, qPrintable(ds.error));
        const QString root = ds.rootFiles.first();
        QCOMPARE(root, top + QStringLiteral("#r"));
        const QList<TileSummary> tiles = onWorker([root, top] { return walk(root, top); });
        QCOMPARE(int(std::count_if(tiles.cbegin(), tiles.cend(), [](const TileSummary &t) { return t.ok; })), tiles.size());
        QVERIFY(tiles.size() >= 6);
        int requests = 0;
        for (const QString &line : m_nginx.accessLog().mid(logBefore))
            if (line.contains(QLatin1String("/3dtiles/TilesetWithRequestVolume/"))) {
                ++requests;
                QVERIFY2(line.contains(QLatin1String("token=q7xk")), qPrintable(line));
            }
        QVERIFY(m_nginx.requestsFor(QStringLiteral("/city/tileset.json?token=q7xk")) >= 1);
        QVERIFY(m_nginx.requestsFor(QStringLiteral(".b3dm?token=q7xk")) >= 1);
        QVERIFY(requests >= 6);
    }

    void movedTilesetFollowsRedirect_data()
    {
        QTest::addColumn<QString>("sample");
        QTest::newRow("external-tileset") << QStringLiteral("TilesetWithRequestVolume");
        QTest::newRow("implicit-subtrees") << QStringLiteral("SparseImplicitQuadtree");
    }
    void movedTilesetFollowsRedirect()
    {
        // /old00/S/tileset.json → 302 → /moved/S/tileset.json: content, external tilesets and
        // subtrees resolve against the final URL (as browsers and CesiumJS do) and read the same
        // tiles as the local files; then offline, from the disk cache alone, in a new session
        LIYUAN_REQUIRE(m_up, "nginx is not running");
        QFETCH(QString, sample);
        const QString localFile = kData + QLatin1Char('/') + sample + QStringLiteral("/tileset.json");
        const QString oldFile = url(QStringLiteral("old00/") + sample + QStringLiteral("/tileset.json"));
        const QString movedFile = url(QStringLiteral("moved/") + sample + QStringLiteral("/tileset.json"));
        QCOMPARE(oldFile.size(), movedFile.size()); // walk() addresses: relative by length
        const QList<TileSummary> l = walk(localFile + QStringLiteral("#r"), localFile);
        QVERIFY(l.size() >= 5);
        TilesetOptions o = m_remote;
        o.diskCacheDir = m_tmp.filePath(QStringLiteral("cache-moved-") + sample);
        for (int pass = 0; pass < 2; ++pass) {
            if (pass == 1) {
                RemoteSource::instance().configure(m_remote); // another cache: what was learnt is forgotten
                QCOMPARE(RemoteSource::instance().finalUrl(oldFile), oldFile);
                o.offline = true;
            }
            RemoteSource::instance().configure(o);
            tiles3d::Tiles3dReader::clearCache();
            const int logBefore = m_nginx.accessLog().size();
            QElapsedTimer t;
            t.start();
            const tiles3d::Tiles3dDataset ds = onWorker([oldFile] { return tiles3d::Tiles3dDataset::open(oldFile); });
            QVERIFY2(ds.ok, qPrintable(ds.error));
            QCOMPARE(ds.rootFiles, QStringList{oldFile + QStringLiteral("#r")});
            const QString root = ds.rootFiles.first();
            const QList<TileSummary> r = onWorker([root, movedFile] { return walk(root, movedFile); });
            QCOMPARE(RemoteSource::instance().finalUrl(oldFile), movedFile);
            QCOMPARE(r.size(), l.size());
            for (int i = 0; i < l.size(); ++i) {
                QCOMPARE(r[i].address, l[i].address);
                QVERIFY2(r[i].ok == l[i].ok, qPrintable(QStringLiteral("%1 %2: %3").arg(pass).arg(l[i].address, r[i].error)));
                QCOMPARE(r[i].triangles, l[i].triangles);
                QCOMPARE(r[i].meshes, l[i].meshes);
                QCOMPARE(r[i].children, l[i].children);
            }
            const QStringList log = m_nginx.accessLog().mid(logBefore);
            if (pass == 0) {
                int moved = 0;
                for (const QString &line : log) {
                    if (line.contains(QLatin1String("/old00/")))
                        QVERIFY2(line.contains(QStringLiteral("/old00/%1/tileset.json").arg(sample)) && line.contains(QLatin1String(" 302 ")),
                                 qPrintable(line)); // no child was asked for at the old place
                    moved += line.contains(QLatin1String("/moved/")) ? 1 : 0;
                }
                const int withMeshes = int(std::count_if(l.cbegin(), l.cend(), [](const TileSummary &t) { return t.ok && t.meshes > 0; }));
                QVERIFY2(withMeshes >= 3 && moved >= withMeshes, qPrintable(QStringLiteral("%1 %2").arg(moved).arg(withMeshes)));
            } else {
                QVERIFY2(log.isEmpty(), qPrintable(log.join(QLatin1Char('\n')))); // offline: not one request
            }
            QVERIFY2(t.elapsed() < 30000, qPrintable(QString::number(t.elapsed())));
        }
    }

    void redirectLoopIsAClearError()
    {
        // a 301 to itself: one error naming the URL asked for (redacted), no retries, no hang
        LIYUAN_REQUIRE(m_up, "nginx is not running");
        const QString loop = QStringLiteral("http://bob:hunter2@127.0.0.1:%1/loop/tileset.json?X-Amz-Signature=deadbeef").arg(m_nginx.port());
        const int logBefore = m_nginx.requestsFor(QStringLiteral("/loop/tileset.json"));
        const RemoteStats before = RemoteSource::instance().stats();
        QElapsedTimer t;
        t.start();
        const tiles3d::Tiles3dDataset ds = onWorker([loop] { return tiles3d::Tiles3dDataset::open(loop); });
        QVERIFY(!ds.ok);
        QVERIFY2(ds.error.contains(RemoteUrl::redacted(loop)) && ds.error.contains(QLatin1String("too many HTTP redirects")),
                 qPrintable(ds.error));
        QVERIFY2(!ds.error.contains(QLatin1String("hunter2")) && !ds.error.contains(QLatin1String("deadbeef")), qPrintable(ds.error));
        QVERIFY2(t.elapsed() < 10000, qPrintable(QString::number(t.elapsed())));
        const int loopRequests = m_nginx.requestsFor(QStringLiteral("/loop/tileset.json")) - logBefore;
        // one request that followed 20 redirects (Qt may resend a few on a reused connection), not retried
        QVERIFY2(loopRequests >= 20 && loopRequests < 40, qPrintable(QString::number(loopRequests)));
        QCOMPARE(RemoteSource::instance().stats().requests - before.requests, 1);
        QCOMPARE(RemoteSource::instance().stats().retries - before.retries, 0);
    }

    void s3Tileset()
    {
        // s3://host:port/bucket/key is a plain GET of http://host:port/bucket/key; children resolve as s3:// too
        LIYUAN_REQUIRE(m_up, "nginx is not running");
        qunsetenv("LIYUAN_S3_ENDPOINT");
        const QString top = QStringLiteral("s3://127.0.0.1:%1/3dtiles/TilesetWithRequestVolume/tileset.json").arg(m_nginx.port());
        QVERIFY(tiles3d::Tiles3dDataset::identify(top));
        const tiles3d::Tiles3dDataset ds = onWorker([top] { return tiles3d::Tiles3dDataset::open(top); });
        QVERIFY2(ds.ok, qPrintable(ds.error));
        QVERIFY(ds.frame.isGeoreferenced());
        const QString root = ds.rootFiles.first();
        const QList<TileSummary> s3 = onWorker([root, top] { return walk(root, top); });
        const QString local = kData + QStringLiteral("/TilesetWithRequestVolume/tileset.json");
        const QList<TileSummary> l = walk(local + QStringLiteral("#r"), local);
        QCOMPARE(s3.size(), l.size());
        for (int i = 0; i < l.size(); ++i) {
            QCOMPARE(s3[i].address, l[i].address);
            QVERIFY2(s3[i].ok, qPrintable(s3[i].error));
            QCOMPARE(s3[i].triangles, l[i].triangles);
        }
        QVERIFY(m_nginx.requestsFor(QStringLiteral("/3dtiles/TilesetWithRequestVolume/city/tileset.json")) >= 1);
    }

    void streamerSameTilesByUrlThenOffline()
    {
        // through the TileStreamer (the reader fetching with the tile's FetchContext), then --offline
        LIYUAN_REQUIRE(m_up, "nginx is not running");
        const QString localFile = kData + QStringLiteral("/delaware/tileset.json");
        const QString remoteFile = url(QStringLiteral("3dtiles/delaware/tileset.json"));
        int loaded[3] = {0, 0, 0};
        for (int i = 0; i < 3; ++i) {
            tiles3d::Tiles3dReader::clearCache();
            TilesetOptions o = m_remote;
            o.diskCacheDir = m_tmp.filePath(QStringLiteral("cache-streamer"));
            o.offline = i == 2; // the third pass: only the disk cache the second one filled
            const QString file = i == 0 ? localFile : remoteFile;
            const tiles3d::Tiles3dDataset ds = onWorker([file] { return tiles3d::Tiles3dDataset::open(file); });
            QVERIFY2(ds.ok, qPrintable(ds.error));
            TileStreamer s;
            s.setOptions(o);
            TileDataset d;
            d.path = ds.path;
            d.format = QStringLiteral("3D Tiles");
            d.frame = ds.frame;
            d.rootFiles = ds.rootFiles;
            s.addDataset(d);
            const RemoteStats before = RemoteSource::instance().stats();
            const int requestsBefore = m_nginx.accessLog().size();
            const ViewState far = topDown(Vec3d(0, 0, 0), 20000);
            QElapsedTimer t;
            t.start();
            while (t.elapsed() < 45000) {
                s.update(far);
                QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
                if (s.isSettled() && s.stats().loadedTotal > 0) {
                    s.update(far); // the stats of the loads that ended since
                    if (s.isSettled())
                        break;
                }
            }
            QVERIFY2(s.isSettled(), qPrintable(QString::number(i)));
            QCOMPARE(s.stats().failed, 0);
            loaded[i] = s.stats().loadedTotal;
            const RemoteStats after = RemoteSource::instance().stats();
            if (i == 1) {
                QVERIFY(after.requests - before.requests >= loaded[i]);
                QVERIFY(after.bytesDownloaded - before.bytesDownloaded > 10000);
                QCOMPARE(after.requestsInFlight, 0);
            }
            if (i == 2) {
                QCOMPARE(m_nginx.accessLog().size(), requestsBefore); // not one request offline
                QVERIFY(after.cacheHits - before.cacheHits >= loaded[i]);
            }
        }
        QVERIFY(loaded[0] > 3);
        QCOMPARE(loaded[1], loaded[0]);
        QCOMPARE(loaded[2], loaded[0]);
    }

    void errorsNameTheUrl_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("expected");
        QTest::newRow("404-tileset") << "3dtiles/nope/tileset.json" << "HTTP 404";
        QTest::newRow("not-a-tileset") << "hostile/notileset.json" << "not a 3D Tiles tileset";
    }
    void errorsNameTheUrl()
    {
        LIYUAN_REQUIRE(m_up, "nginx is not running");
        QFETCH(QString, path);
        QFETCH(QString, expected);
        // a presigned-looking query: named redacted, never in the clear
        const QString u = url(path) + QStringLiteral("?X-Amz-Signature=sig5ecret");
        const tiles3d::Tiles3dDataset ds = onWorker([u] { return tiles3d::Tiles3dDataset::open(u); });
        QVERIFY(!ds.ok);
        QVERIFY2(ds.error.contains(url(path)) && ds.error.contains(expected), qPrintable(ds.error));
        QVERIFY2(!ds.error.contains(QLatin1String("sig5ecret")), qPrintable(ds.error));
    }

    void cyclicExternalTilesets()
    {
        LIYUAN_REQUIRE(m_up, "nginx is not running");
        const QString top = url(QStringLiteral("hostile/cycle/a.json"));
        const tiles3d::Tiles3dDataset ds = onWorker([top] { return tiles3d::Tiles3dDataset::open(top); });
        QVERIFY2(ds.ok, qPrintable(ds.error));
        const QString root = ds.rootFiles.first();
        QElapsedTimer t;
        t.start();
        const QList<TileSummary> tiles = onWorker([root, top] { return walk(root, top, 100); });
        QVERIFY(t.elapsed() < 10000);
        QCOMPARE(tiles.size(), 2); // a's root → b's root, whose content names a again: an error, no loop
        QVERIFY(tiles[0].ok);
        QVERIFY(!tiles[1].ok);
        QVERIFY2(tiles[1].error.contains(QLatin1String("cyclic external tilesets")) && tiles[1].error.contains(top),
                 qPrintable(tiles[1].error));
    }

    void tenThousandMissingChildren()
    {
        // a tileset naming 10,000 absent files: each a bounded 404 (no retries), the streamer settles
        LIYUAN_REQUIRE(m_up, "nginx is not running");
        const QString top = url(QStringLiteral("hostile/missing10k/tileset.json"));
        const tiles3d::Tiles3dDataset ds = onWorker([top] { return tiles3d::Tiles3dDataset::open(top); });
        QVERIFY2(ds.ok, qPrintable(ds.error));
        TileStreamer s;
        TilesetOptions o = m_remote;
        o.maxConcurrentRequests = 16;
        s.setOptions(o);
        TileDataset d;
        d.path = ds.path;
        d.format = QStringLiteral("3D Tiles");
        d.frame = ds.frame;
        d.rootFiles = ds.rootFiles;
        s.addDataset(d);
        const int requestsBefore = m_nginx.accessLog().size();
        const ViewState v = topDown(Vec3d(0, 0, 0), 260);
        QElapsedTimer t;
        t.start();
        while (t.elapsed() < 50000) {
            s.update(v);
            QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
            if (s.isSettled() && s.stats().failed > 0) {
                s.update(v); // the stats of the loads that ended since
                if (s.isSettled())
                    break;
            }
        }
        qInfo("10,000 missing children: %d failed in %lld ms", s.stats().failed, t.elapsed());
        QVERIFY2(s.isSettled(), qPrintable(QString::number(s.stats().failed)));
        QCOMPARE(s.stats().failed, 10000);
        QCOMPARE(s.stats().loadedTotal, 1); // the root
        QCOMPARE(m_nginx.accessLog().size() - requestsBefore, 10000); // one request each: a 404 is not retried
        const QStringList failures = s.failures();
        QCOMPARE(int(failures.size()), int(TileStreamer::kMaxKeptFailures)); // bounded
        QVERIFY2(failures.first().contains(url(QStringLiteral("hostile/missing10k/gone/")))
                         && failures.first().contains(QLatin1String("HTTP 404")),
                 qPrintable(failures.first()));
    }

    void stallMidResponse()
    {
        // the content sits on a server that sends its headers and 10 of 100,000 bytes, then nothing
        LIYUAN_REQUIRE(m_up, "nginx is not running");
        test::BadHttpServer bad(test::BadHttpServer::Stall, 100000, 10);
        const QString content = bad.url(QStringLiteral("stall/0.b3dm"));
        writeFile(m_www + QStringLiteral("/hostile/stall/tileset.json"), json(tilesetWithRootContent(content)));
        TilesetOptions o = m_remote;
        o.requestTimeoutMs = 500;
        o.maxRetries = 1;
        RemoteSource::instance().configure(o);
        const QString top = url(QStringLiteral("hostile/stall/tileset.json"));
        const tiles3d::Tiles3dDataset ds = onWorker([top] { return tiles3d::Tiles3dDataset::open(top); });
        QVERIFY2(ds.ok, qPrintable(ds.error));
        const QString root = ds.rootFiles.first();
        QElapsedTimer t;
        t.start();
        const TileReadResult r = onWorker([root] { return tiles3d::Tiles3dReader().read(root); });
        QVERIFY(!r.ok);
        QVERIFY2(r.error.contains(content) && r.error.contains(QLatin1String("stalled mid-response")), qPrintable(r.error));
        QVERIFY2(t.elapsed() < 15000, qPrintable(QString::number(t.elapsed())));
        QCOMPARE(bad.requests(), 2); // the first try and one retry
    }

    void cancelReachesReaderFetches()
    {
        // FetchContext: the tile's cancel flag stops a fetch the reader makes itself (here a
        // content that would take 60 s to time out)
        LIYUAN_REQUIRE(m_up, "nginx is not running");
        test::BadHttpServer bad(test::BadHttpServer::Stall, 100000, 10);
        const QString content = bad.url(QStringLiteral("slow/0.b3dm"));
        writeFile(m_www + QStringLiteral("/hostile/slow/tileset.json"), json(tilesetWithRootContent(content)));
        TilesetOptions o = m_remote;
        o.requestTimeoutMs = 60000;
        RemoteSource::instance().configure(o);
        const QString top = url(QStringLiteral("hostile/slow/tileset.json"));
        const tiles3d::Tiles3dDataset ds = onWorker([top] { return tiles3d::Tiles3dDataset::open(top); });
        QVERIFY2(ds.ok, qPrintable(ds.error));
        const QString root = ds.rootFiles.first();
        auto flag = std::make_shared<std::atomic_bool>(false);
        const RemoteStats before = RemoteSource::instance().stats();
        QElapsedTimer t;
        t.start();
        auto fut = QtConcurrent::run([root, flag] {
            const FetchContext::Scope scope(5.0, [flag] { return flag->load(); });
            return tiles3d::Tiles3dReader().read(root);
        });
        QTRY_COMPARE(bad.requests(), 1);
        flag->store(true);
        while (!fut.isFinished())
            QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
        QVERIFY(!fut.result().ok);
        QVERIFY2(t.elapsed() < 10000, qPrintable(QString::number(t.elapsed())));
        QCOMPARE(RemoteSource::instance().stats().cancelled - before.cancelled, 1);
    }

    void streamerCancelsReaderFetches()
    {
        // through the TileStreamer: a tile no longer wanted stops the content fetch its reader made,
        // and counts as cancelled (back to unloaded), not failed
        LIYUAN_REQUIRE(m_up, "nginx is not running");
        test::BadHttpServer bad(test::BadHttpServer::Stall, 100000, 10);
        writeFile(m_www + QStringLiteral("/hostile/slow2/tileset.json"),
                  json(tilesetWithRootContent(bad.url(QStringLiteral("slow2/0.b3dm")))));
        TilesetOptions o = m_remote;
        o.requestTimeoutMs = 60000; // only cancellation can end this request
        const QString top = url(QStringLiteral("hostile/slow2/tileset.json"));
        const tiles3d::Tiles3dDataset ds = onWorker([top] { return tiles3d::Tiles3dDataset::open(top); });
        QVERIFY2(ds.ok, qPrintable(ds.error));
        TileStreamer s;
        s.setOptions(o);
        TileDataset d;
        d.path = ds.path;
        d.format = QStringLiteral("3D Tiles");
        d.frame = ds.frame;
        d.rootFiles = ds.rootFiles;
        const int index = s.addDataset(d);
        const RemoteStats before = RemoteSource::instance().stats();
        const ViewState v = topDown(Vec3d(0, 0, 0), 150);
        s.update(v);
        QTRY_COMPARE(bad.requests(), 1);
        QCOMPARE(s.stats().loading, 1);
        s.setDatasetVisible(index, false);
        QElapsedTimer t;
        t.start();
        while (s.stats().loading > 0 && t.elapsed() < 10000) {
            s.update(v);
            QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
        }
        QCOMPARE(s.stats().loading, 0);
        QVERIFY2(t.elapsed() < 5000, qPrintable(QString::number(t.elapsed())));
        QCOMPARE(s.stats().cancelledTotal, 1);
        QCOMPARE(s.stats().failed, 0);
        QCOMPARE(RemoteSource::instance().stats().cancelled - before.cancelled, 1);
    }

    void infoReadsOnlyTopTileset_data()
    {
        QTest::addColumn<QString>("tileset");
        QTest::addColumn<QString>("beyond"); // what only a deep walk reads
        QTest::addColumn<int>("levels");
        QTest::addColumn<int>("quickLevels"); // the levels of what the top tileset (+ root subtree) holds
        QTest::newRow("external tileset") << "TilesetWithRequestVolume" << "/TilesetWithRequestVolume/city/tileset.json" << 4 << 2;
        QTest::newRow("implicit subtrees") << "delaware" << "/delaware/subtrees/3_" << 5 << 5;
    }
    void infoReadsOnlyTopTileset()
    {
        // mend: non-deep `info URL` reads the top tileset.json (and the root subtree), counted in nginx's log
        QFETCH(QString, tileset);
        QFETCH(QString, beyond);
        QFETCH(int, levels);
        QFETCH(int, quickLevels);
        LIYUAN_REQUIRE(m_up, "nginx is not running");
        const QString u = url(QStringLiteral("info/%1/tileset.json").arg(tileset));
        auto describe = [u](bool deep) {
            return onWorker([u, deep] {
                bool ok = false;
                QString error;
                QJsonObject i = tiles3d::TilesetSummary::describe(u, deep, &ok, &error);
                i.insert(QStringLiteral("error"), error);
                return i;
            });
        };
        const int before = m_nginx.accessLog().size();
        const QJsonObject quick = describe(false);
        QVERIFY2(quick.value(QStringLiteral("error")).toString().isEmpty(), qPrintable(quick.value(QStringLiteral("error")).toString()));
        const int quickRequests = m_nginx.accessLog().size() - before;
        QCOMPARE(m_nginx.requestsFor(QStringLiteral("/info") + beyond), 0);
        QCOMPARE(m_nginx.requestsFor(QStringLiteral("/info/%1/tileset.json").arg(tileset)), 1);
        QVERIFY2(quickRequests <= 2, qPrintable(m_nginx.accessLog().mid(before).join(QLatin1Char('\n'))));
        QCOMPARE(quick.value(QStringLiteral("walked")).toString(), QStringLiteral("top tileset"));
        QCOMPARE(quick.value(QStringLiteral("levels")).toInt(), quickLevels);

        const QJsonObject deep = describe(true);
        QVERIFY(m_nginx.requestsFor(QStringLiteral("/info") + beyond) >= 1);
        QVERIFY2(m_nginx.accessLog().size() - before > quickRequests + 1, qPrintable(QString::number(m_nginx.accessLog().size() - before)));
        QCOMPARE(deep.value(QStringLiteral("walked")).toString(), QStringLiteral("all"));
        QCOMPARE(deep.value(QStringLiteral("levels")).toInt(), levels);
        QVERIFY(deep.value(QStringLiteral("tiles")).toInt() > quick.value(QStringLiteral("tiles")).toInt());
        if (tileset == QLatin1String("TilesetWithRequestVolume")) {
            QCOMPARE(quick.value(QStringLiteral("externalTilesetsNotOpened")).toInt(), 1);
            QCOMPARE(quick.value(QStringLiteral("tilesets")).toInt(), 1);
            QCOMPARE(deep.value(QStringLiteral("tilesets")).toInt(), 2);
        }
    }

    void summaryByUrl()
    {
        // `info` on a tileset: the same summary locally and by URL; bounds at the sample's place
        LIYUAN_REQUIRE(m_up, "nginx is not running");
        bool ok = false;
        QString error;
        const QJsonObject local = tiles3d::TilesetSummary::describe(kData + QStringLiteral("/delaware/tileset.json"), true, &ok, &error);
        QVERIFY2(ok, qPrintable(error));
        const QString u = url(QStringLiteral("3dtiles/delaware/tileset.json"));
        const QJsonObject remote = onWorker([u] {
            bool ok = false;
            QString error;
            return tiles3d::TilesetSummary::describe(u, true, &ok, &error);
        });
        for (const char *k : {"version", "tiling", "subtreeLevels", "levels", "tiles", "tilesWithContent", "contentCounts",
                              "boundsWgs84", "georeferenced"})
            QCOMPARE(remote.value(QLatin1String(k)), local.value(QLatin1String(k)));
        QCOMPARE(remote.value(QStringLiteral("path")).toString(), u);
        QCOMPARE(local.value(QStringLiteral("tiling")).toString(), QStringLiteral("implicit quadtree"));
        const QJsonObject b = local.value(QStringLiteral("boundsWgs84")).toObject();
        // Dover, Delaware: ≈ 75.6°W, 39.1°N (SOURCES.md)
        QVERIFY(b.value(QStringLiteral("west")).toDouble() > -75.8 && b.value(QStringLiteral("east")).toDouble() < -75.3);
        QVERIFY(b.value(QStringLiteral("south")).toDouble() > 38.9 && b.value(QStringLiteral("north")).toDouble() < 39.4);
        QVERIFY(local.value(QStringLiteral("contentCounts")).toObject().value(QStringLiteral("b3dm")).toInt() > 10);
    }
};

QTEST_GUILESS_MAIN(TestTiles3dRemote)
#include "tst_tiles3dremote.moc"
