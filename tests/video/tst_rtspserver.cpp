// RtspServer in-process on a free loopback port, read back by VideoFeed (Qt Multimedia over
// GStreamer's rtspsrc): two paths, drawn colours decoded back, media built only when watched and
// shared between clients, Basic authentication (401), port conflicts, clean stop.
#include <liyuan/rtsp/RtspServer.h>
#include <liyuan/video/VideoFeed.h>

#include "RtspServerProcess.h"
#include "TestRequire.h"

#include <QGuiApplication>
#include <QPainter>
#include <QTcpServer>
#include <QtTest>

#include <atomic>

using liyuan::rtsp::RtspServer;
using liyuan::video::VideoFeed;
using liyuan::video::VideoOptions;

namespace {

VideoOptions options()
{
    VideoOptions o;
    o.connectTimeoutMs = 8000;
    o.retryInitialMs = 200;
    o.retryMaxMs = 1000;
    o.projectionFps = 10;
    o.projectionMaxWidth = 320;
    return o;
}

/** The projection image of a playing feed (waits for one). */
QImage grab(VideoFeed &feed)
{
    QImage got;
    QMetaObject::Connection c = QObject::connect(&feed, &VideoFeed::projectionFrame, [&](const QImage &i) { got = i; });
    feed.setProjectionWanted(true);
    QElapsedTimer t;
    t.start();
    while (got.isNull() && t.elapsed() < 10000)
        QTest::qWait(50);
    feed.setProjectionWanted(false);
    QObject::disconnect(c);
    return got;
}

bool near(QRgb a, QColor b, int tolerance = 40)
{
    return qAbs(qRed(a) - b.red()) <= tolerance && qAbs(qGreen(a) - b.green()) <= tolerance && qAbs(qBlue(a) - b.blue()) <= tolerance;
}

} // namespace

class TestRtspServer : public QObject
{
    Q_OBJECT

private slots:
    void startsOnFreePort();
    void portInUse();
    void generatedContent();
    void lazyAndShared();
    void testPatternAndTwoPaths();
    void basicAuth();
    void stopClosesClients();
    void hostileSizes_data();
    void hostileSizes();
};

void TestRtspServer::startsOnFreePort()
{
    RtspServer server;
    QCOMPARE(server.port(), quint16(0));
    QVERIFY(!server.isRunning());
    QCOMPARE(server.address(), QStringLiteral("127.0.0.1"));
    QString error;
    QVERIFY2(server.start(0, &error), qPrintable(error));
    QVERIFY(server.port() != 0);
    QVERIFY(server.isRunning());
    QCOMPARE(server.url(QStringLiteral("/a/b")), QStringLiteral("rtsp://127.0.0.1:%1/a/b").arg(server.port()));
    // it really listens there
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, server.port());
    QVERIFY(socket.waitForConnected(3000));
    socket.write("OPTIONS * RTSP/1.0\r\nCSeq: 1\r\n\r\n");
    QVERIFY(socket.waitForReadyRead(3000));
    QVERIFY(socket.readAll().startsWith("RTSP/1.0 200 OK"));
    server.stop();
    server.stop(); // idempotent
    QCOMPARE(server.port(), quint16(0));
}

void TestRtspServer::portInUse()
{
    QTcpServer occupier;
    QVERIFY(occupier.listen(QHostAddress::LocalHost, 0));
    RtspServer server;
    QString error;
    QVERIFY(!server.start(occupier.serverPort(), &error));
    QVERIFY2(error.contains(QString::number(occupier.serverPort())), qPrintable(error));
    QCOMPARE(server.port(), quint16(0));
    RtspServer bad;
    bad.setAddress(QStringLiteral("203.0.113.7")); // not an address of this machine
    QVERIFY(!bad.start(0, &error));
    QVERIFY2(error.contains(QLatin1String("203.0.113.7")), qPrintable(error));
}

void TestRtspServer::generatedContent()
{
    RtspServer server;
    std::atomic<qint64> lastPts{-1};
    std::atomic<bool> monotonic{true};
    server.addGenerated(QStringLiteral("/red"), QSize(160, 120), 25, [&](QImage &frame, qint64 ptsMs) {
        if (ptsMs <= lastPts)
            monotonic = false;
        lastPts = ptsMs;
        frame.fill(QColor(220, 30, 30));
    });
    server.addGenerated(QStringLiteral("/split"), QSize(160, 120), 25, [](QImage &frame, qint64) {
        frame.fill(QColor(20, 40, 220));
        QPainter p(&frame);
        p.fillRect(QRect(80, 0, 80, 120), QColor(30, 200, 40)); // right half green
    });
    QString error;
    QVERIFY2(server.start(0, &error), qPrintable(error));

    VideoFeed red(options());
    red.setSource(QUrl(server.url(QStringLiteral("/red"))));
    red.start();
    QTRY_COMPARE_WITH_TIMEOUT(red.state(), VideoFeed::State::Playing, 15000);
    QCOMPARE(red.frameSize(), QSize(160, 120));
    const QImage r = grab(red);
    QVERIFY(!r.isNull());
    QVERIFY2(near(r.pixel(80, 60), QColor(220, 30, 30)), qPrintable(QColor(r.pixel(80, 60)).name()));

    VideoFeed split(options());
    split.setSource(QUrl(server.url(QStringLiteral("split"))));
    split.start();
    QTRY_COMPARE_WITH_TIMEOUT(split.state(), VideoFeed::State::Playing, 15000);
    const QImage s = grab(split);
    QVERIFY(!s.isNull());
    QVERIFY2(near(s.pixel(30, 60), QColor(20, 40, 220)), qPrintable(QColor(s.pixel(30, 60)).name()));
    QVERIFY2(near(s.pixel(130, 60), QColor(30, 200, 40)), qPrintable(QColor(s.pixel(130, 60)).name()));
    QVERIFY(monotonic);
    QVERIFY(lastPts > 0);
    QCOMPARE(server.paths(), (QStringList{QStringLiteral("/red"), QStringLiteral("/split")}));
}

void TestRtspServer::lazyAndShared()
{
    RtspServer server;
    std::atomic<int> draws[40];
    for (int i = 0; i < 40; ++i) {
        draws[i] = 0;
        server.addGenerated(QStringLiteral("/cam-%1/main").arg(i), QSize(64, 48), 10, [&draws, i](QImage &frame, qint64) {
            ++draws[i];
            frame.fill(Qt::gray);
        });
    }
    QString error;
    QVERIFY2(server.start(0, &error), qPrintable(error));
    QTest::qWait(700);
    for (int i = 0; i < 40; ++i)
        QCOMPARE(draws[i].load(), 0); // nothing built until watched

    VideoFeed a(options()), b(options());
    a.setSource(QUrl(server.url(QStringLiteral("/cam-7/main"))));
    b.setSource(QUrl(server.url(QStringLiteral("/cam-7/main"))));
    a.start();
    b.start();
    QTRY_VERIFY_WITH_TIMEOUT(a.framesDecoded() > 5 && b.framesDecoded() > 5, 15000); // past the preroll pause
    const int d0 = draws[7];
    const qint64 fa = a.framesDecoded(), fb = b.framesDecoded();
    QTest::qWait(3000);
    const int drawn = draws[7] - d0;
    // one shared media: ~10 draws/s for both clients (two media would draw ~20/s)
    QVERIFY2(drawn >= 20 && drawn <= 42, qPrintable(QString::number(drawn)));
    QVERIFY2(a.framesDecoded() - fa >= 20, qPrintable(QString::number(a.framesDecoded() - fa)));
    QVERIFY2(b.framesDecoded() - fb >= 20, qPrintable(QString::number(b.framesDecoded() - fb)));
    for (int i = 0; i < 40; ++i)
        if (i != 7)
            QCOMPARE(draws[i].load(), 0);
}

void TestRtspServer::testPatternAndTwoPaths()
{
    RtspServer server;
    server.addTestPattern(QStringLiteral("/cam-01/main"), QSize(320, 240), 25);
    server.addTestPattern(QStringLiteral("/cam-01/sub"), QSize(160, 120), 10);
    QString error;
    QVERIFY2(server.start(0, &error), qPrintable(error));
    VideoFeed main(options()), sub(options());
    main.setSource(QUrl(server.url(QStringLiteral("/cam-01/main"))));
    sub.setSource(QUrl(server.url(QStringLiteral("/cam-01/sub"))));
    main.start();
    sub.start();
    QTRY_VERIFY_WITH_TIMEOUT(main.framesDecoded() > 25 && sub.framesDecoded() > 10, 20000);
    QCOMPARE(main.frameSize(), QSize(320, 240));
    QCOMPARE(sub.frameSize(), QSize(160, 120));
    // an unknown path: the server answers 404, the feed is Offline with the URL in its error
    VideoFeed none(options());
    none.setSource(QUrl(server.url(QStringLiteral("/nope"))));
    none.start();
    QTRY_COMPARE_WITH_TIMEOUT(none.state(), VideoFeed::State::Offline, 15000);
    QVERIFY2(none.errorString().contains(QLatin1String("/nope")), qPrintable(none.errorString()));
}

void TestRtspServer::basicAuth()
{
    const QString password = QStringLiteral("s3cret-%1").arg(QCoreApplication::applicationPid());
    RtspServer server;
    server.addTestPattern(QStringLiteral("/secure"), QSize(160, 120), 25);
    server.setCredentials(QStringLiteral("viewer"), password);
    QString error;
    QVERIFY2(server.start(0, &error), qPrintable(error));

    // raw RTSP: DESCRIBE without credentials → 401 with a Basic challenge
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, server.port());
    QVERIFY(socket.waitForConnected(3000));
    socket.write(QStringLiteral("DESCRIBE %1 RTSP/1.0\r\nCSeq: 1\r\n\r\n").arg(server.url(QStringLiteral("/secure"))).toUtf8());
    QVERIFY(socket.waitForReadyRead(3000));
    const QByteArray reply = socket.readAll();
    QVERIFY2(reply.startsWith("RTSP/1.0 401"), reply.constData());
    QVERIFY(reply.contains("WWW-Authenticate: Basic"));

    VideoFeed wrong(options()), right(options());
    wrong.setSource(QUrl(server.url(QStringLiteral("/secure"))), QStringLiteral("viewer"), QStringLiteral("guess"));
    right.setSource(QUrl(server.url(QStringLiteral("/secure"))), QStringLiteral("viewer"), password);
    wrong.start();
    right.start();
    QTRY_COMPARE_WITH_TIMEOUT(wrong.state(), VideoFeed::State::AuthFailed, 15000);
    QTRY_COMPARE_WITH_TIMEOUT(right.state(), VideoFeed::State::Playing, 15000);
    QVERIFY(!right.redactedUrl().contains(password));
}

void TestRtspServer::stopClosesClients()
{
    RtspServer server;
    server.addTestPattern(QStringLiteral("/x"), QSize(160, 120), 25);
    QString error;
    QVERIFY2(server.start(0, &error), qPrintable(error));
    const quint16 port = server.port();
    VideoFeed feed(options());
    feed.setSource(QUrl(server.url(QStringLiteral("/x"))));
    feed.start();
    QTRY_COMPARE_WITH_TIMEOUT(feed.state(), VideoFeed::State::Playing, 15000);
    QElapsedTimer t;
    t.start();
    server.stop();
    QVERIFY2(t.elapsed() < 5000, qPrintable(QString::number(t.elapsed())));
    QTRY_COMPARE_WITH_TIMEOUT(feed.state(), VideoFeed::State::Offline, 12000);
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    QVERIFY(!socket.waitForConnected(1000)); // no longer listening
    // the same object serves again
    QVERIFY2(server.start(port, &error), qPrintable(error));
    QTRY_COMPARE_WITH_TIMEOUT(feed.state(), VideoFeed::State::Playing, 15000);
    QVERIFY(feed.reconnects() >= 1);
}

void TestRtspServer::hostileSizes_data()
{
    QTest::addColumn<QSize>("asked");
    QTest::addColumn<int>("fps");
    QTest::addColumn<QSize>("served");
    QTest::newRow("empty") << QSize(0, 0) << 25 << QSize(16, 16);
    QTest::newRow("negative") << QSize(-640, 10) << 25 << QSize(16, 16);
    QTest::newRow("zero fps") << QSize(64, 48) << 0 << QSize(64, 48);
    QTest::newRow("negative fps") << QSize(64, 48) << -30 << QSize(64, 48);
}

void TestRtspServer::hostileSizes()
{
    QFETCH(QSize, asked);
    QFETCH(int, fps);
    QFETCH(QSize, served);
    RtspServer server;
    std::atomic<int> drawnWidth{0}, drawnHeight{0}; // written on the streaming thread
    server.addGenerated(QStringLiteral("/g"), asked, fps, [&](QImage &frame, qint64) {
        drawnWidth = frame.width();
        drawnHeight = frame.height();
        frame.fill(Qt::white);
    });
    QString error;
    QVERIFY2(server.start(0, &error), qPrintable(error));
    VideoFeed feed(options());
    feed.setSource(QUrl(server.url(QStringLiteral("/g"))));
    feed.start();
    QTRY_COMPARE_WITH_TIMEOUT(feed.state(), VideoFeed::State::Playing, 15000);
    QCOMPARE(feed.frameSize(), served);
    QCOMPARE(QSize(drawnWidth, drawnHeight), served);
}

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    TestRtspServer test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_rtspserver.moc"
