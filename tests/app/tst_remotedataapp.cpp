// remote: the real app opens the shared Production_5 from a real nginx by URL — the same picture
// as the local files, the disk cache (second run: zero requests), --offline warm and cold, clear
// errors naming the URL, no credentials in --state-json or the saved project.
#include "AppRunner.h"
#include "BadHttpServer.h"
#include "NginxServer.h"
#include "TestRequire.h"

#include <QFile>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QElapsedTimer>
#include <QThread>
#include <QtTest>

#include <atomic>
#include <cmath>

using liyuan::test::NginxServer;

namespace {
const QString kSample = QStringLiteral(LIYUAN_SHARED_DATA "/osgb/Production_5");

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
    if (a.size() != b.size())
        return 1e9;
    double sum = 0;
    for (int y = 0; y < a.height(); ++y)
        for (int x = 0; x < a.width(); ++x) {
            const QRgb p = a.pixel(x, y), q = b.pixel(x, y);
            sum += std::abs(qRed(p) - qRed(q)) + std::abs(qGreen(p) - qGreen(q)) + std::abs(qBlue(p) - qBlue(q));
        }
    return sum / (3.0 * a.width() * a.height());
}
} // namespace

class TestRemoteDataApp : public QObject
{
    Q_OBJECT
    QTemporaryDir m_tmp;
    NginxServer m_nginx;
    bool m_up = false;
    QString m_cache;

    QStringList common(const QString &name)
    {
        return {QStringLiteral("--screenshot"), m_tmp.filePath(name + QStringLiteral(".png")), QStringLiteral("--size"),
                QStringLiteral("640x400"), QStringLiteral("--state-json"), m_tmp.filePath(name + QStringLiteral(".json")),
                QStringLiteral("--timeout"), QStringLiteral("150")};
    }

private slots:
    void initTestCase()
    {
        LIYUAN_REQUIRE(QFileInfo::exists(kSample + QStringLiteral("/metadata.xml")), "shared Production_5 missing");
        LIYUAN_REQUIRE(!NginxServer::binary().isEmpty(), "nginx is not installed");
        QString error;
        m_up = m_nginx.serve(m_tmp.path(), {{QStringLiteral("Production_5"), kSample}}, &error);
        QVERIFY2(m_up, qPrintable(error));
        m_cache = m_tmp.filePath(QStringLiteral("cache"));
    }

    void sameAsLocalThenFromCache()
    {
        const AppRun local = runApp(common(QStringLiteral("local")) << kSample, 200000);
        QVERIFY2(local.finished && local.exitCode == 0, local.what().constData());

        const QString url = m_nginx.url(QStringLiteral("Production_5/"));
        const AppRun cold = runApp(common(QStringLiteral("cold")) << QStringLiteral("--disk-cache-dir") << m_cache << url, 200000);
        QVERIFY2(cold.finished && cold.exitCode == 0, cold.what().constData());
        const double d = meanDiff(QImage(m_tmp.filePath(QStringLiteral("local.png"))), QImage(m_tmp.filePath(QStringLiteral("cold.png"))));
        qInfo("local vs HTTP: mean difference %.2f / 255", d);
        QVERIFY2(d < 2.0, qPrintable(QString::number(d)));
        const QJsonObject coldState = readJson(m_tmp.filePath(QStringLiteral("cold.json")));
        const QJsonObject remote = coldState.value(QStringLiteral("remote")).toObject();
        QVERIFY(remote.value(QStringLiteral("requests")).toDouble() > 3);
        QVERIFY(remote.value(QStringLiteral("bytesDownloaded")).toDouble() > 100000);
        QVERIFY(remote.value(QStringLiteral("cacheMisses")).toDouble() > 3);
        QCOMPARE(remote.value(QStringLiteral("requestsInFlight")).toInt(), 0);
        const int requestsAfterCold = m_nginx.accessLog().size();
        QVERIFY(requestsAfterCold > 3);

        // second run: everything from the disk cache, not one request to nginx
        const AppRun warm = runApp(common(QStringLiteral("warm")) << QStringLiteral("--disk-cache-dir") << m_cache << url, 200000);
        QVERIFY2(warm.finished && warm.exitCode == 0, warm.what().constData());
        const QJsonObject warmRemote = readJson(m_tmp.filePath(QStringLiteral("warm.json"))).value(QStringLiteral("remote")).toObject();
        QVERIFY(warmRemote.value(QStringLiteral("cacheHits")).toDouble() > 3);
        QCOMPARE(warmRemote.value(QStringLiteral("requests")).toDouble(), 0.0);
        QCOMPARE(m_nginx.accessLog().size(), requestsAfterCold);
        QVERIFY(meanDiff(QImage(m_tmp.filePath(QStringLiteral("local.png"))), QImage(m_tmp.filePath(QStringLiteral("warm.png")))) < 2.0);

        // --offline from the warm cache: the same picture, no request
        const AppRun offline = runApp(common(QStringLiteral("offline")) << QStringLiteral("--disk-cache-dir") << m_cache
                                                                        << QStringLiteral("--offline") << url, 200000);
        QVERIFY2(offline.finished && offline.exitCode == 0, offline.what().constData());
        QCOMPARE(m_nginx.accessLog().size(), requestsAfterCold);
    }

    void infoByUrl()
    {
        const AppRun local = runApp({QStringLiteral("info"), QStringLiteral("--deep"), QStringLiteral("--json"), kSample});
        QVERIFY2(local.finished && local.exitCode == 0, local.what().constData());
        const AppRun remote = runApp({QStringLiteral("info"), QStringLiteral("--deep"), QStringLiteral("--json"),
                                      QStringLiteral("--disk-cache-dir"), m_tmp.filePath(QStringLiteral("info-cache")),
                                      m_nginx.url(QStringLiteral("Production_5/"))});
        QVERIFY2(remote.finished && remote.exitCode == 0, remote.what().constData());
        const QJsonObject l = QJsonDocument::fromJson(local.out.toUtf8()).object();
        const QJsonObject r = QJsonDocument::fromJson(remote.out.toUtf8()).object();
        QVERIFY(!l.isEmpty() && !r.isEmpty());
        for (const char *key : {"rootTiles", "files", "triangles", "textureBytes"})
            QCOMPARE(r.value(QLatin1String(key)), l.value(QLatin1String(key)));
        QCOMPARE(r.value(QStringLiteral("origin")), l.value(QStringLiteral("origin")));
        QCOMPARE(r.value(QStringLiteral("path")).toString(), m_nginx.url(QStringLiteral("Production_5/")));
    }

    void stalledServerEndsClearly()
    {
        // a server that sends the headers and 10 of 100000 bytes, then nothing (on its own thread:
        // this one blocks waiting for the app)
        QThread thread;
        std::atomic<quint16> port{0};
        liyuan::test::BadHttpServer *server = nullptr;
        connect(&thread, &QThread::started, [&] {
            server = new liyuan::test::BadHttpServer(liyuan::test::BadHttpServer::Stall, 100000, 10);
            port = server->port();
        });
        thread.start();
        QTRY_VERIFY(port.load() != 0);
        const QString url = QStringLiteral("http://127.0.0.1:%1/P/Data/Tile_a/Tile_a.osgb").arg(port.load());
        QElapsedTimer t;
        t.start();
        const AppRun r = runApp(common(QStringLiteral("stall")) << QStringLiteral("--request-timeout-ms") << QStringLiteral("500")
                                                               << QStringLiteral("--retries") << QStringLiteral("1") << url,
                                60000);
        QMetaObject::invokeMethod(server, [server] { delete server; }, Qt::BlockingQueuedConnection);
        thread.quit();
        thread.wait();
        QVERIFY2(r.finished && r.exitCode != 0, r.what().constData()); // no hang, no success
        QVERIFY2(r.err.contains(url + QStringLiteral(": timed out: the server stalled mid-response")), r.what().constData());
        QVERIFY2(t.elapsed() < 30000, qPrintable(QString::number(t.elapsed())));
    }

    void offlineColdFailsClearly()
    {
        const QString url = m_nginx.url(QStringLiteral("Production_5/"));
        const AppRun r = runApp(common(QStringLiteral("offcold")) << QStringLiteral("--disk-cache-dir")
                                                                 << m_tmp.filePath(QStringLiteral("empty-cache"))
                                                                 << QStringLiteral("--offline") << url, 120000);
        QVERIFY2(r.finished && r.exitCode != 0, r.what().constData());
        QVERIFY2(r.err.contains(m_nginx.url(QStringLiteral("Production_5/Data/"))) && r.err.contains(QLatin1String("not in the disk cache")),
                 qPrintable(r.err));
    }

    void missingAndCredentials()
    {
        // a URL with user:pass: the server ignores them; they reach neither stderr nor state nor project
        const QString url = QStringLiteral("http://alice:s3cr3t@127.0.0.1:%1/Nope/").arg(m_nginx.port());
        const AppRun r = runApp(common(QStringLiteral("nope")) << url, 120000);
        QVERIFY2(r.finished && r.exitCode != 0, r.what().constData());
        QVERIFY2(r.err.contains(QStringLiteral("http://***@127.0.0.1:%1/Nope/Data/: HTTP 404").arg(m_nginx.port())), qPrintable(r.err));
        QVERIFY(!r.err.contains(QLatin1String("s3cr3t")) && !r.out.contains(QLatin1String("s3cr3t")));

        const QString good = QStringLiteral("http://alice:s3cr3t@127.0.0.1:%1/Production_5/").arg(m_nginx.port());
        const QString project = m_tmp.filePath(QStringLiteral("p.liyuan.json"));
        const AppRun ok = runApp(common(QStringLiteral("creds")) << QStringLiteral("--disk-cache-dir") << m_cache
                                                                 << QStringLiteral("--save-project") << project << good, 200000);
        QVERIFY2(ok.finished && ok.exitCode == 0, ok.what().constData());
        for (const QString &f : {m_tmp.filePath(QStringLiteral("creds.json")), project}) {
            QFile file(f);
            QVERIFY(file.open(QIODevice::ReadOnly));
            const QByteArray text = file.readAll();
            QVERIFY2(!text.contains("s3cr3t"), qPrintable(f));
            QVERIFY2(text.contains("Production_5"), qPrintable(f));
        }
        QVERIFY(!ok.err.contains(QLatin1String("s3cr3t")) && !ok.out.contains(QLatin1String("s3cr3t")));
    }
};

QTEST_GUILESS_MAIN(TestRemoteDataApp)
#include "tst_remotedataapp.moc"
