// The fetch layer (RemoteSource, DiskCache, RemoteUrl) against a real nginx started on a free
// loopback port, and a test-side server that truncates or stalls mid-response.
#include "BadHttpServer.h"
#include "NginxServer.h"
#include "TestRequire.h"

#include <liyuan/scene/DiskCache.h>
#include <liyuan/scene/RemoteSource.h>
#include <liyuan/scene/RemoteUrl.h>

#include <QElapsedTimer>
#include <QProcess>
#include <QTemporaryDir>
#include <QtConcurrent/QtConcurrentRun>
#include <QtTest>

#include <atomic>

using namespace liyuan;
using liyuan::test::BadHttpServer;
using liyuan::test::NginxServer;

namespace {

QByteArray bodyFor(int i, int size)
{
    QByteArray b(size, '\0');
    for (int k = 0; k < size; ++k)
        b[k] = char((i * 131 + k * 7) & 0xff);
    return b;
}

/** Runs fetch on a pool thread (as the streamer does) while this thread serves events. */
FetchResult fetchAsync(const QString &url, std::function<bool()> cancel = {}, int limitMs = 60000)
{
    QFuture<FetchResult> f = QtConcurrent::run([url, cancel] { return RemoteSource::instance().fetch(url, 1.0, cancel); });
    QElapsedTimer t;
    t.start();
    while (!f.isFinished() && t.elapsed() < limitMs)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
    if (!f.isFinished()) {
        FetchResult r;
        r.error = QStringLiteral("HUNG");
        return r;
    }
    return f.result();
}

/** Child-process mode: hammer a shared cache (put/get of deterministic bodies). */
int stress(const QString &dir)
{
    DiskCache cache(dir, 600 * 1024); // small: eviction runs all the time
    int bad = 0;
    for (int round = 0; round < 400; ++round) {
        const int i = (round * 37) % 40;
        const QString url = QStringLiteral("http://example.invalid/tile_%1.osgb").arg(i);
        QByteArray got;
        if (cache.get(url, &got) && got != bodyFor(i, 20000 + i * 500))
            ++bad;
        cache.put(url, bodyFor(i, 20000 + i * 500));
    }
    return bad == 0 ? 0 : 1;
}

} // namespace

class TestRemoteSource : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_tmp;
    QString m_root;
    NginxServer m_nginx;
    bool m_nginxUp = false;
    int m_cacheSerial = 0;

    TilesetOptions freshOptions()
    {
        TilesetOptions o;
        o.diskCacheDir = m_tmp.filePath(QStringLiteral("cache%1").arg(++m_cacheSerial));
        o.requestTimeoutMs = 800;
        o.maxRetries = 2;
        o.retryBaseMs = 50;
        return o;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_tmp.isValid());
        m_root = m_tmp.filePath(QStringLiteral("www"));
        QDir().mkpath(m_root + QStringLiteral("/data"));
        for (int i = 0; i < 8; ++i) {
            QFile f(m_root + QStringLiteral("/data/f%1.bin").arg(i));
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(bodyFor(i, 300 * 1024));
        }
        QFile small(m_root + QStringLiteral("/data/small.txt"));
        QVERIFY(small.open(QIODevice::WriteOnly));
        small.write("hello");
        small.close();
        if (NginxServer::binary().isEmpty())
            return;
        QString error;
        m_nginxUp = m_nginx.start(m_tmp.filePath(QStringLiteral("nginx")), m_root,
                                  QStringLiteral("location = /err/500.osgb { return 500; }\n"
                                                 "location = /err/503.osgb { return 503; }\n"
                                                 "location /slow/ { alias %1/data/; limit_rate 100k; }\n"
                                                 "location = /r/301.bin { return 301 /data/f5.bin; }\n"
                                                 "location = /r/302.bin { return 302 /data/f5.bin; }\n"
                                                 "location = /r/307.bin { return 307 /data/f5.bin; }\n"
                                                 "location = /r/308.bin { return 308 /data/f5.bin; }\n"
                                                 "location = /r/chain.bin { return 302 /r/301.bin; }\n"
                                                 "location = /r/otherhost.bin { return 302 http://localhost:$server_port/data/f6.bin; }\n"
                                                 "location = /loop/a.bin { return 301 /loop/b.bin; }\n"
                                                 "location = /loop/b.bin { return 301 /loop/a.bin; }")
                                          .arg(m_root),
                                  &error);
        QVERIFY2(m_nginxUp, qPrintable(error));
    }

    void urls_data()
    {
        QTest::addColumn<QString>("in");
        QTest::addColumn<QString>("http");
        QTest::addColumn<QString>("redacted");
        QTest::newRow("plain") << "http://h:8080/a/b.osgb" << "http://h:8080/a/b.osgb" << "http://h:8080/a/b.osgb";
        QTest::newRow("user-pass") << "https://alice:s3cr3t@h/a.osgb" << "https://alice:s3cr3t@h/a.osgb" << "https://***@h/a.osgb";
        QTest::newRow("presigned-v4") << "https://b.s3.amazonaws.com/k.osgb?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIA%2F1&X-Amz-Signature=abcdef"
                                      << "https://b.s3.amazonaws.com/k.osgb?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIA%2F1&X-Amz-Signature=abcdef"
                                      << "https://b.s3.amazonaws.com/k.osgb?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=REDACTED&X-Amz-Signature=REDACTED";
        QTest::newRow("s3-host-port") << "s3://127.0.0.1:9000/bucket/p/Data/x.osgb" << "http://127.0.0.1:9000/bucket/p/Data/x.osgb"
                                      << "s3://127.0.0.1:9000/bucket/p/Data/x.osgb";
        QTest::newRow("s3-aws") << "s3://bucket/p/x.osgb" << "https://bucket.s3.amazonaws.com/p/x.osgb" << "s3://bucket/p/x.osgb";
        QTest::newRow("local") << "/data/x.osgb" << "/data/x.osgb" << "/data/x.osgb";
    }
    void urls()
    {
        QFETCH(QString, in);
        QFETCH(QString, http);
        QFETCH(QString, redacted);
        QCOMPARE(RemoteUrl::toHttp(in), http);
        QCOMPARE(RemoteUrl::redacted(in), redacted);
        const QString msg = RemoteUrl::redactText(in + QStringLiteral(": HTTP 404 Not Found"));
        QVERIFY(!msg.contains(QLatin1String("s3cr3t")));
        QVERIFY(!msg.contains(QLatin1String("abcdef")));
        QVERIFY(msg.endsWith(QLatin1String(": HTTP 404 Not Found")));
    }

    void s3Endpoint()
    {
        qputenv("LIYUAN_S3_ENDPOINT", "http://127.0.0.1:9999/");
        QCOMPARE(RemoteUrl::toHttp(QStringLiteral("s3://bucket/a/b.osgb")), QStringLiteral("http://127.0.0.1:9999/bucket/a/b.osgb"));
        qunsetenv("LIYUAN_S3_ENDPOINT");
    }

    void resolveChildren_data()
    {
        QTest::addColumn<QString>("base");
        QTest::addColumn<QString>("child");
        QTest::addColumn<QString>("expected");
        QTest::newRow("sibling") << "http://h/P/Data/Tile_+000_+000/Tile_+000_+000.osgb" << "Tile_+000_+000_L16_0.osgb"
                                 << "http://h/P/Data/Tile_+000_+000/Tile_+000_+000_L16_0.osgb";
        QTest::newRow("up") << "http://h/P/Data/T/T.osgb" << "../../metadata.xml" << "http://h/P/metadata.xml";
        QTest::newRow("hash-in-name") << "http://h/a/b.osgb" << "c#1.osgb" << "http://h/a/c%231.osgb";
        QTest::newRow("s3") << "s3://bucket/P/Data/T/T.osgb" << "T_L1.osgb" << "s3://bucket/P/Data/T/T_L1.osgb";
    }
    void resolveChildren()
    {
        QFETCH(QString, base);
        QFETCH(QString, child);
        QFETCH(QString, expected);
        QCOMPARE(RemoteUrl::resolved(base, child), expected);
    }

    void fetchAndCacheHit()
    {
        LIYUAN_REQUIRE(m_nginxUp, "nginx is not installed");
        RemoteSource::instance().configure(freshOptions());
        const RemoteStats before = RemoteSource::instance().stats();
        const int logBefore = m_nginx.requestsFor(QStringLiteral("/data/f1.bin"));
        const FetchResult a = fetchAsync(m_nginx.url(QStringLiteral("data/f1.bin")));
        QVERIFY2(a.ok, qPrintable(a.error));
        QVERIFY(!a.fromCache);
        QCOMPARE(a.data, bodyFor(1, 300 * 1024));
        const FetchResult b = fetchAsync(m_nginx.url(QStringLiteral("data/f1.bin")));
        QVERIFY2(b.ok, qPrintable(b.error));
        QVERIFY(b.fromCache);
        QCOMPARE(b.data, a.data);
        const RemoteStats after = RemoteSource::instance().stats();
        QCOMPARE(after.cacheHits - before.cacheHits, 1);
        QCOMPARE(after.cacheMisses - before.cacheMisses, 1);
        QCOMPARE(after.requests - before.requests, 1);
        QVERIFY(after.bytesDownloaded - before.bytesDownloaded >= 300 * 1024);
        QCOMPARE(m_nginx.requestsFor(QStringLiteral("/data/f1.bin")) - logBefore, 1); // the second came from disk

        // survives a restart: a new cache object over the same folder finds it
        DiskCache again(RemoteSource::instance().options().diskCacheDir, 1 << 30);
        QByteArray body;
        QVERIFY(again.get(m_nginx.url(QStringLiteral("data/f1.bin")), &body));
        QCOMPARE(body, a.data);
    }

    void redirectFinalUrl_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("finalPath"); // empty: not redirected
        QTest::addColumn<int>("file");
        QTest::newRow("none") << "data/f5.bin" << "" << 5;
        QTest::newRow("301") << "r/301.bin" << "data/f5.bin" << 5;
        QTest::newRow("302") << "r/302.bin" << "data/f5.bin" << 5;
        QTest::newRow("307") << "r/307.bin" << "data/f5.bin" << 5;
        QTest::newRow("308") << "r/308.bin" << "data/f5.bin" << 5;
        QTest::newRow("chain-302-301") << "r/chain.bin" << "data/f5.bin" << 5;
        QTest::newRow("query-dropped-by-server") << "r/302.bin?token=q7xk" << "data/f5.bin" << 5;
    }
    void redirectFinalUrl()
    {
        // FetchResult carries where the body came from; a cache hit (this process, a new cache
        // object, offline) gives the same; RemoteSource::finalUrl remembers it for readers
        LIYUAN_REQUIRE(m_nginxUp, "nginx is not installed");
        QFETCH(QString, path);
        QFETCH(QString, finalPath);
        QFETCH(int, file);
        TilesetOptions o = freshOptions();
        RemoteSource::instance().configure(o);
        const QString url = m_nginx.url(path);
        const QString expected = finalPath.isEmpty() ? QString() : m_nginx.url(finalPath);
        const FetchResult a = fetchAsync(url);
        QVERIFY2(a.ok, qPrintable(a.error));
        QVERIFY(!a.fromCache);
        QCOMPARE(a.data, bodyFor(file, 300 * 1024));
        QCOMPARE(a.finalUrl, expected);
        QCOMPARE(a.effectiveUrl(url), finalPath.isEmpty() ? url : expected);
        QCOMPARE(RemoteSource::instance().finalUrl(url), a.effectiveUrl(url));

        const FetchResult hit = fetchAsync(url);
        QVERIFY2(hit.ok, qPrintable(hit.error));
        QVERIFY(hit.fromCache);
        QCOMPARE(hit.finalUrl, expected);

        DiskCache again(o.diskCacheDir, 1 << 30); // a restart
        QByteArray body;
        QString final = QStringLiteral("unset");
        QVERIFY(again.get(url, &body, &final));
        QCOMPARE(final, expected);

        // offline, in a new session (another cache folder in between forgets what was learnt)
        RemoteSource::instance().configure(freshOptions());
        QCOMPARE(RemoteSource::instance().finalUrl(url), url);
        o.offline = true;
        RemoteSource::instance().configure(o);
        const int logBefore = m_nginx.accessLog().size();
        const FetchResult off = fetchAsync(url);
        QVERIFY2(off.ok, qPrintable(off.error));
        QCOMPARE(off.finalUrl, expected);
        QCOMPARE(RemoteSource::instance().finalUrl(url), off.effectiveUrl(url));
        QCOMPARE(m_nginx.accessLog().size(), logBefore);
    }

    void redirectToAnotherHost()
    {
        // 127.0.0.1 → localhost: another host, same scheme: followed (NoLessSafeRedirectPolicy)
        LIYUAN_REQUIRE(m_nginxUp, "nginx is not installed");
        RemoteSource::instance().configure(freshOptions());
        const FetchResult r = fetchAsync(m_nginx.url(QStringLiteral("r/otherhost.bin")));
        QVERIFY2(r.ok, qPrintable(r.error));
        QCOMPARE(r.data, bodyFor(6, 300 * 1024));
        QCOMPARE(r.finalUrl, QStringLiteral("http://localhost:%1/data/f6.bin").arg(m_nginx.port()));
    }

    void redirectCredentialsStayOut()
    {
        // the user:password and signature of the URL asked for reach no message and no cache file,
        // while the final URL (on the same server) keeps them for the references it resolves
        LIYUAN_REQUIRE(m_nginxUp, "nginx is not installed");
        TilesetOptions o = freshOptions();
        RemoteSource::instance().configure(o);
        const QString url = QStringLiteral("http://bob:hunter2@127.0.0.1:%1/r/302.bin?X-Amz-Signature=deadbeef").arg(m_nginx.port());
        const FetchResult r = fetchAsync(url);
        QVERIFY2(r.ok, qPrintable(r.error));
        QVERIFY2(r.finalUrl.endsWith(QStringLiteral(":%1/data/f5.bin").arg(m_nginx.port())), qPrintable(RemoteUrl::redacted(r.finalUrl)));
        QFile entry(DiskCache(o.diskCacheDir, 1).fileFor(url));
        QVERIFY(entry.open(QIODevice::ReadOnly));
        const QByteArray head = entry.read(4096);
        QVERIFY(head.contains("/data/f5.bin"));
        QVERIFY(!head.contains("hunter2") && !head.contains("deadbeef"));
        QString final;
        QByteArray body;
        QVERIFY(DiskCache(o.diskCacheDir, 1 << 30).get(url, &body, &final));
        QCOMPARE(final, r.finalUrl); // the authority asked for is put back

        const QString loop = QStringLiteral("http://bob:hunter2@127.0.0.1:%1/loop/a.bin?X-Amz-Signature=deadbeef").arg(m_nginx.port());
        const FetchResult l = fetchAsync(loop);
        QVERIFY(!l.ok);
        QVERIFY2(!l.error.contains(QLatin1String("hunter2")) && !l.error.contains(QLatin1String("deadbeef")), qPrintable(l.error));
    }

    void redirectLoop()
    {
        // a 301 loop: one clear error naming the URL, no retries, no hang
        LIYUAN_REQUIRE(m_nginxUp, "nginx is not installed");
        RemoteSource::instance().configure(freshOptions());
        const QString url = m_nginx.url(QStringLiteral("loop/a.bin"));
        QElapsedTimer t;
        t.start();
        const FetchResult r = fetchAsync(url, {}, 20000);
        QVERIFY(!r.ok);
        QVERIFY2(r.error.startsWith(url + QStringLiteral(": too many HTTP redirects")), qPrintable(r.error));
        QCOMPARE(r.attempts, 1);
        QVERIFY2(t.elapsed() < 10000, qPrintable(QString::number(t.elapsed())));
        QVERIFY(!QFile::exists(DiskCache(RemoteSource::instance().options().diskCacheDir, 1).fileFor(url)));
    }

    void oldCacheEntryReadsAsNotRedirected()
    {
        // an entry written before final URLs were stored: magic, URL line, length, body
        QTemporaryDir dir;
        DiskCache cache(dir.path(), 1 << 20);
        const QString url = QStringLiteral("http://example.invalid/old.b3dm");
        QFile f(cache.fileFor(url));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("LIYUAN-CACHE-1\nhttp://example.invalid/old.b3dm\n5\nhello");
        f.close();
        QByteArray body;
        QString final = QStringLiteral("unset");
        QVERIFY(cache.get(url, &body, &final));
        QCOMPARE(body, QByteArray("hello"));
        QVERIFY(final.isEmpty());
        // and a new entry with a final URL on another server round-trips
        QVERIFY(cache.put(url, "moved", nullptr, QStringLiteral("https://cdn.example.invalid/new/old.b3dm?v=2")));
        QVERIFY(cache.get(url, &body, &final));
        QCOMPARE(body, QByteArray("moved"));
        QCOMPARE(final, QStringLiteral("https://cdn.example.invalid/new/old.b3dm?v=2"));
    }

    void httpErrors_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("expected");
        QTest::addColumn<int>("requests");
        QTest::newRow("404-no-retry") << "data/missing.osgb" << "HTTP 404" << 1;
        QTest::newRow("500-retried") << "err/500.osgb" << "HTTP 500" << 3;
        QTest::newRow("503-retried") << "err/503.osgb" << "HTTP 503" << 3;
    }
    void httpErrors()
    {
        LIYUAN_REQUIRE(m_nginxUp, "nginx is not installed");
        QFETCH(QString, path);
        QFETCH(QString, expected);
        QFETCH(int, requests);
        RemoteSource::instance().configure(freshOptions());
        const int logBefore = m_nginx.requestsFor(QLatin1Char('/') + path);
        const FetchResult r = fetchAsync(m_nginx.url(path));
        QVERIFY(!r.ok);
        QVERIFY2(r.error.startsWith(m_nginx.url(path) + QStringLiteral(": ")), qPrintable(r.error)); // names the URL
        QVERIFY2(r.error.contains(expected), qPrintable(r.error));
        QCOMPARE(r.attempts, requests);
        QCOMPARE(m_nginx.requestsFor(QLatin1Char('/') + path) - logBefore, requests); // retries seen by the server
        // a failure is not cached
        QVERIFY(!QFile::exists(DiskCache(RemoteSource::instance().options().diskCacheDir, 1).fileFor(m_nginx.url(path))));
    }

    void credentialsNeverInErrors()
    {
        LIYUAN_REQUIRE(m_nginxUp, "nginx is not installed");
        RemoteSource::instance().configure(freshOptions());
        const QString url = QStringLiteral("http://bob:hunter2@127.0.0.1:%1/data/missing.osgb?X-Amz-Signature=deadbeef").arg(m_nginx.port());
        const FetchResult r = fetchAsync(url);
        QVERIFY(!r.ok);
        QVERIFY2(!r.error.contains(QLatin1String("hunter2")) && !r.error.contains(QLatin1String("deadbeef")), qPrintable(r.error));
        QVERIFY2(r.error.contains(QLatin1String("/data/missing.osgb")), qPrintable(r.error));
    }

    void truncatedBody()
    {
        BadHttpServer server(BadHttpServer::Truncate, 100000, 1000);
        RemoteSource::instance().configure(freshOptions());
        const FetchResult r = fetchAsync(server.url(QStringLiteral("t/short.osgb")));
        QVERIFY(!r.ok);
        QVERIFY2(r.error.startsWith(server.url(QStringLiteral("t/short.osgb")) + QStringLiteral(": ")), qPrintable(r.error));
        QVERIFY2(r.error.contains(QLatin1String("truncated")) || r.error.contains(QLatin1String("closed")), qPrintable(r.error));
        QCOMPARE(r.attempts, 3);             // retried
        QCOMPARE(server.requests(), 3);      // the server saw every retry
    }

    void stallMidResponse()
    {
        BadHttpServer server(BadHttpServer::Stall, 100000, 1000);
        TilesetOptions o = freshOptions();
        o.requestTimeoutMs = 400;
        o.maxRetries = 1;
        RemoteSource::instance().configure(o);
        QElapsedTimer t;
        t.start();
        const FetchResult r = fetchAsync(server.url(QStringLiteral("s/stall.osgb")), {}, 20000);
        QVERIFY2(r.error != QLatin1String("HUNG"), "the fetch hung on a stalled server");
        QVERIFY(!r.ok);
        QVERIFY2(r.error.startsWith(server.url(QStringLiteral("s/stall.osgb")) + QStringLiteral(": ")), qPrintable(r.error));
        QVERIFY2(r.error.contains(QLatin1String("stalled")), qPrintable(r.error));
        QCOMPARE(server.requests(), 2);
        QVERIFY2(t.elapsed() < 5000, qPrintable(QString::number(t.elapsed())));
    }

    void cancelStopsRequest()
    {
        BadHttpServer server(BadHttpServer::Stall, 100000, 10);
        TilesetOptions o = freshOptions();
        o.requestTimeoutMs = 30000;
        RemoteSource::instance().configure(o);
        auto flag = std::make_shared<std::atomic_bool>(false);
        QTimer::singleShot(300, [flag] { flag->store(true); });
        QElapsedTimer t;
        t.start();
        const FetchResult r = fetchAsync(server.url(QStringLiteral("c/x.osgb")), [flag] { return flag->load(); }, 10000);
        QVERIFY(r.cancelled);
        QVERIFY(!r.ok);
        QVERIFY2(t.elapsed() < 3000, qPrintable(QString::number(t.elapsed())));
    }

    void latencyFromLimitRate()
    {
        LIYUAN_REQUIRE(m_nginxUp, "nginx is not installed");
        RemoteSource::instance().configure(freshOptions()); // 800 ms without data aborts; limit_rate keeps data flowing
        QElapsedTimer t;
        t.start();
        const FetchResult r = fetchAsync(m_nginx.url(QStringLiteral("slow/f2.bin")));
        QVERIFY2(r.ok, qPrintable(r.error));
        QCOMPARE(r.data, bodyFor(2, 300 * 1024));
        QVERIFY2(t.elapsed() > 1500, qPrintable(QString::number(t.elapsed()))); // 300 KB at 100 KB/s (after the first burst)
    }

    void offline()
    {
        LIYUAN_REQUIRE(m_nginxUp, "nginx is not installed");
        TilesetOptions o = freshOptions();
        RemoteSource::instance().configure(o);
        QVERIFY(fetchAsync(m_nginx.url(QStringLiteral("data/f3.bin"))).ok); // warm
        o.offline = true;
        RemoteSource::instance().configure(o);
        const int logBefore = m_nginx.accessLog().size();
        const FetchResult warm = fetchAsync(m_nginx.url(QStringLiteral("data/f3.bin")));
        QVERIFY2(warm.ok, qPrintable(warm.error));
        QVERIFY(warm.fromCache);
        const FetchResult cold = fetchAsync(m_nginx.url(QStringLiteral("data/f4.bin")));
        QVERIFY(!cold.ok);
        QVERIFY2(cold.error.startsWith(m_nginx.url(QStringLiteral("data/f4.bin")) + QStringLiteral(": not in the disk cache")),
                 qPrintable(cold.error));
        QCOMPARE(m_nginx.accessLog().size(), logBefore); // offline: no request at all
    }

    void lruEviction()
    {
        LIYUAN_REQUIRE(m_nginxUp, "nginx is not installed");
        TilesetOptions o = freshOptions();
        o.diskCacheBytes = 1000 * 1024; // three 300 KB files fit, four do not
        RemoteSource::instance().configure(o);
        DiskCache view(o.diskCacheDir, o.diskCacheBytes);
        for (int i : {0, 1, 2}) {
            QVERIFY(fetchAsync(m_nginx.url(QStringLiteral("data/f%1.bin").arg(i))).ok);
            QTest::qWait(30); // distinct modification times
        }
        QVERIFY(fetchAsync(m_nginx.url(QStringLiteral("data/f0.bin"))).fromCache); // f0 used again: f1 is now the oldest
        QTest::qWait(30);
        QVERIFY(fetchAsync(m_nginx.url(QStringLiteral("data/f5.bin"))).ok);       // over the limit: evict
        QVERIFY(QFile::exists(view.fileFor(m_nginx.url(QStringLiteral("data/f0.bin")))));
        QVERIFY(!QFile::exists(view.fileFor(m_nginx.url(QStringLiteral("data/f1.bin")))));
        QVERIFY(QFile::exists(view.fileFor(m_nginx.url(QStringLiteral("data/f5.bin")))));
        qint64 total = 0;
        for (const QFileInfo &f : QDir(o.diskCacheDir).entryInfoList({QStringLiteral("*.lyc")}, QDir::Files))
            total += f.size();
        QVERIFY2(total <= o.diskCacheBytes, qPrintable(QString::number(total)));
    }

    void priorityOrder()
    {
        LIYUAN_REQUIRE(m_nginxUp, "nginx is not installed");
        BadHttpServer blocker(BadHttpServer::Stall, 100000, 10);
        TilesetOptions o = freshOptions();
        o.maxConcurrentRequests = 1; // one at a time: the waiting ones go most wanted first
        o.requestTimeoutMs = 1500;
        o.maxRetries = 0;
        RemoteSource::instance().configure(o);
        QThreadPool pool; // a thread each, whatever the core count
        pool.setMaxThreadCount(4);
        auto run = [&pool](const QString &url, double priority) {
            return QtConcurrent::run(&pool, [url, priority] { return RemoteSource::instance().fetch(url, priority); });
        };
        QFuture<FetchResult> a = run(blocker.url(QStringLiteral("block.osgb")), 5.0); // holds the only slot
        QTRY_COMPARE(blocker.requests(), 1);
        QFuture<FetchResult> low = run(m_nginx.url(QStringLiteral("data/f6.bin")), 1.0);
        QTest::qWait(100);
        QFuture<FetchResult> high = run(m_nginx.url(QStringLiteral("data/f7.bin")), 100.0);
        QTRY_VERIFY_WITH_TIMEOUT(a.isFinished() && low.isFinished() && high.isFinished(), 20000);
        QVERIFY(!a.result().ok);
        QVERIFY(low.result().ok && high.result().ok);
        const QStringList log = m_nginx.accessLog();
        int iLow = -1, iHigh = -1;
        for (int i = 0; i < log.size(); ++i) {
            if (log[i].contains(QLatin1String("/data/f6.bin")))
                iLow = i;
            if (log[i].contains(QLatin1String("/data/f7.bin")))
                iHigh = i;
        }
        QVERIFY(iLow >= 0 && iHigh >= 0);
        QVERIFY2(iHigh < iLow, "the later, more wanted request went first");
    }

    void damagedEntryIsAMiss()
    {
        QTemporaryDir dir;
        DiskCache cache(dir.path(), 1 << 20);
        const QString url = QStringLiteral("http://example.invalid/a.osgb");
        QVERIFY(cache.put(url, bodyFor(9, 5000)));
        QFile f(cache.fileFor(url));
        QVERIFY(f.open(QIODevice::ReadWrite));
        QVERIFY(f.resize(f.size() - 10)); // a torn write (not ours: we rename whole files)
        f.close();
        QByteArray body;
        QVERIFY(!cache.get(url, &body));
        QVERIFY(!QFile::exists(cache.fileFor(url))); // dropped
    }

    void twoProcessesShareTheCache()
    {
        QTemporaryDir dir;
        QList<QProcess *> procs;
        for (int i = 0; i < 2; ++i) {
            auto *p = new QProcess(this);
            QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
            env.insert(QStringLiteral("LIYUAN_CACHE_STRESS"), dir.path());
            p->setProcessEnvironment(env);
            p->start(QCoreApplication::applicationFilePath(), {});
            procs << p;
        }
        for (QProcess *p : procs) {
            QVERIFY(p->waitForFinished(120000));
            QCOMPARE(p->exitCode(), 0); // no process ever read a wrong body
        }
        // every entry left is whole and right
        DiskCache cache(dir.path(), 600 * 1024);
        int found = 0;
        for (int i = 0; i < 40; ++i) {
            QByteArray got;
            if (cache.get(QStringLiteral("http://example.invalid/tile_%1.osgb").arg(i), &got)) {
                QCOMPARE(got, bodyFor(i, 20000 + i * 500));
                ++found;
            }
        }
        QVERIFY(found > 0);
        qint64 total = 0;
        for (const QFileInfo &f : QDir(dir.path()).entryInfoList({QStringLiteral("*.lyc")}, QDir::Files))
            total += f.size();
        QVERIFY2(total <= 600 * 1024 + 60 * 1024, qPrintable(QString::number(total))); // limit, plus at most one in-flight write
        QVERIFY(QDir(dir.path()).entryList({QStringLiteral("*.lyc.*")}, QDir::Files).isEmpty()); // no temporary left behind
    }
};

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsSet("LIYUAN_CACHE_STRESS")) {
        QCoreApplication app(argc, argv);
        return stress(qEnvironmentVariable("LIYUAN_CACHE_STRESS"));
    }
    QCoreApplication app(argc, argv);
    TestRemoteSource t;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&t, argc, argv);
}

#include "tst_RemoteSource.moc"
