// VideoFeed against a real liyuan-rtsp-server process on a free loopback port: frames counted,
// server killed (Offline) and restarted on the same port (reconnected), wrong credentials
// (AuthFailed, no retries), a dead port (back-off doubling to its cap), a looping file, bogus
// sources with named errors, display sinks, projection frames; the password never reaches
// errorString, redactedUrl or any logged message.
#include <liyuan/video/VideoFeed.h>

#include "RtspServerProcess.h"
#include "StaticHttpServer.h"
#include "TestRequire.h"

#include <QGuiApplication>
#include <QMediaPlayer>
#include <QMutex>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QVideoFrame>
#include <QVideoSink>
#include <QtTest>

#include <csignal>

using liyuan::test::RtspServerProcess;
using liyuan::video::VideoFeed;
using liyuan::video::VideoOptions;

namespace {

const QString kUser = QStringLiteral("operator");
const QString kPassword = QStringLiteral("Pw-7f3c9e-never-logged");

QMutex g_logMutex;
QStringList g_log;
QtMessageHandler g_previous = nullptr;

void captureMessages(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    {
        QMutexLocker lock(&g_logMutex);
        g_log.append(message);
    }
    if (g_previous)
        g_previous(type, context, message);
}

VideoOptions fastOptions()
{
    VideoOptions o;
    o.connectTimeoutMs = 8000;
    o.stallTimeoutMs = 1500;
    o.retryInitialMs = 200;
    o.retryMaxMs = 1600;
    o.projectionMaxWidth = 160;
    o.projectionFps = 5;
    return o;
}

bool haveGstLaunch()
{
    return !QStandardPaths::findExecutable(QStringLiteral("gst-launch-1.0")).isEmpty();
}

/** Runs gst-launch-1.0 -q with a pipeline of whitespace-separated words; true on exit code 0. */
bool gstLaunch(const QString &pipeline)
{
    return QProcess::execute(QStringLiteral("gst-launch-1.0"),
                             QStringList{QStringLiteral("-q")} + pipeline.split(QLatin1Char(' '), Qt::SkipEmptyParts))
        == 0;
}

} // namespace

class TestVideoFeed : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void frameThread();
    void playsAndCounts();
    void killedThenRestarted();
    void wrongCredentials_data();
    void wrongCredentials();
    void deadPortBacksOff();
    void fileLoops();
    void badSources_data();
    void badSources();
    void redactedUrl_data();
    void redactedUrl();
    void displaySinks();
    void projectionFrames();
    void stalledWhenServerFreezes();
    void connectTimeout();
    void httpSources_data();
    void httpSources();
    void toolCommandLine_data();
    void toolCommandLine();
    void toolStopsOnSigterm();

private:
    QTemporaryDir m_dir;
    QString m_clip; ///< a 1-second H.264 MP4 made by gst-launch-1.0
};

void TestVideoFeed::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QVERIFY2(QFileInfo::exists(liyuan::test::rtspServerBinary()), qPrintable(liyuan::test::rtspServerBinary()));
    g_previous = qInstallMessageHandler(captureMessages);
}

void TestVideoFeed::cleanupTestCase()
{
    QVERIFY(VideoFeed::waitForTeardown(30000));
    qInstallMessageHandler(g_previous);
    QMutexLocker lock(&g_logMutex);
    QVERIFY2(!g_log.isEmpty(), "no message was captured: the handler was not in place");
    for (const QString &line : std::as_const(g_log)) {
        QVERIFY2(!line.contains(kPassword), qPrintable(QStringLiteral("password in a logged message")));
        QVERIFY2(!line.contains(QString::fromUtf8(QUrl::toPercentEncoding(kPassword))), "encoded password in a log");
    }
}

// With Qt 6.4's GStreamer backend QVideoSink::videoFrameChanged arrives on the sink's (GUI) thread;
// VideoFeed is written for that and queues otherwise (see its class comment).
void TestVideoFeed::frameThread()
{
    RtspServerProcess server;
    QVERIFY2(server.start({QStringLiteral("--pattern"), QStringLiteral("/t=160x120@25")}), server.standardError().constData());
    QMediaPlayer player;
    QVideoSink sink;
    player.setVideoOutput(&sink);
    QThread *seen = nullptr;
    int frames = 0;
    connect(&sink, &QVideoSink::videoFrameChanged, this, [&](const QVideoFrame &) {
        seen = QThread::currentThread();
        ++frames;
    }, Qt::DirectConnection);
    player.setSource(QUrl(server.url(QStringLiteral("/t"))));
    player.play();
    QTRY_VERIFY_WITH_TIMEOUT(frames > 3, 15000);
    QCOMPARE(seen, QCoreApplication::instance()->thread());
}

void TestVideoFeed::playsAndCounts()
{
    RtspServerProcess server;
    QVERIFY2(server.start({QStringLiteral("--pattern"), QStringLiteral("/cam-01/main=320x240@25"), QStringLiteral("--pattern"),
                           QStringLiteral("/cam-01/sub=160x120@10")}),
             server.standardError().constData());
    VideoFeed feed(fastOptions());
    QSignalSpy states(&feed, &VideoFeed::stateChanged);
    feed.setSource(QUrl(server.url(QStringLiteral("/cam-01/main"))));
    QCOMPARE(feed.state(), VideoFeed::State::Idle);
    QCOMPARE(feed.stateName(), QStringLiteral("idle"));
    feed.start();
    QCOMPARE(feed.state(), VideoFeed::State::Connecting);
    QTRY_COMPARE_WITH_TIMEOUT(feed.state(), VideoFeed::State::Playing, 15000);
    QCOMPARE(feed.stateName(), QStringLiteral("playing"));
    QTRY_VERIFY_WITH_TIMEOUT(feed.framesDecoded() > 50, 15000);
    QCOMPARE(feed.frameSize(), QSize(320, 240));
    QVERIFY(feed.errorString().isEmpty());
    QCOMPARE(feed.reconnects(), 0);
    QCOMPARE(feed.attempts(), 1);
    // about 25 frames a second: 2 s give 35..65
    const qint64 before = feed.framesDecoded();
    QTest::qWait(2000);
    const qint64 got = feed.framesDecoded() - before;
    QVERIFY2(got >= 30 && got <= 70, qPrintable(QString::number(got)));

    // the other path of the same server
    VideoFeed sub(fastOptions());
    sub.setSource(QUrl(server.url(QStringLiteral("/cam-01/sub"))));
    sub.start();
    QTRY_COMPARE_WITH_TIMEOUT(sub.state(), VideoFeed::State::Playing, 15000);
    QCOMPARE(sub.frameSize(), QSize(160, 120));

    // switching a playing feed to another stream (grid → maximised uses main instead of sub)
    QSignalSpy sizes(&feed, &VideoFeed::frameSizeChanged);
    feed.setSource(QUrl(server.url(QStringLiteral("/cam-01/sub"))));
    QCOMPARE(feed.state(), VideoFeed::State::Connecting);
    QTRY_COMPARE_WITH_TIMEOUT(feed.state(), VideoFeed::State::Playing, 15000);
    QCOMPARE(feed.frameSize(), QSize(160, 120));
    QCOMPARE(sizes.count(), 1);
    QCOMPARE(feed.attempts(), 1); // a new source starts over: not a reconnection
    QCOMPARE(feed.reconnects(), 0);

    feed.stop();
    QCOMPARE(feed.state(), VideoFeed::State::Idle);
    const qint64 stopped = feed.framesDecoded();
    QTest::qWait(500);
    QCOMPARE(feed.framesDecoded(), stopped); // nothing decoded while Idle
    QVERIFY(states.count() >= 3);
    for (const auto &args : std::as_const(states)) // a steady stream never looks stalled
        QVERIFY(args.at(0).value<VideoFeed::State>() != VideoFeed::State::Stalled);
}

void TestVideoFeed::killedThenRestarted()
{
    RtspServerProcess server;
    QVERIFY2(server.start({QStringLiteral("--pattern"), QStringLiteral("/cam=160x120@25")}), server.standardError().constData());
    const quint16 port = server.port();
    VideoFeed feed(fastOptions());
    feed.setSource(QUrl(server.url(QStringLiteral("/cam"))));
    feed.start();
    QTRY_COMPARE_WITH_TIMEOUT(feed.state(), VideoFeed::State::Playing, 15000);
    QTRY_VERIFY_WITH_TIMEOUT(feed.framesDecoded() > 10, 10000);

    QElapsedTimer down;
    down.start();
    server.kill();
    // Offline within stall + connect timeout (the RTSP connection closing usually tells at once)
    QTRY_COMPARE_WITH_TIMEOUT(feed.state(), VideoFeed::State::Offline, 12000);
    qInfo("offline %lld ms after the kill: %s", down.elapsed(), qPrintable(feed.errorString()));
    QVERIFY(feed.errorString().startsWith(feed.redactedUrl()));
    QVERIFY(feed.retryDelayMs() > 0);
    QCOMPARE(feed.reconnects(), 0);

    QTest::qWait(1500); // a few failed attempts against the closed port
    QVERIFY(feed.attempts() >= 2);
    QVERIFY(server.start({QStringLiteral("--pattern"), QStringLiteral("/cam=160x120@25")}, port));
    QCOMPARE(server.port(), port);
    QTRY_COMPARE_WITH_TIMEOUT(feed.state(), VideoFeed::State::Playing, 20000);
    QVERIFY(feed.reconnects() >= 1);
    const qint64 frames = feed.framesDecoded();
    QTRY_VERIFY_WITH_TIMEOUT(feed.framesDecoded() > frames + 10, 10000);
    QVERIFY(feed.errorString().isEmpty());
}

void TestVideoFeed::wrongCredentials_data()
{
    QTest::addColumn<QString>("user");
    QTest::addColumn<QString>("password");
    QTest::newRow("wrong password") << kUser << QStringLiteral("not-the-password");
    QTest::newRow("no credentials") << QString() << QString();
    QTest::newRow("wrong user") << QStringLiteral("intruder") << kPassword;
}

void TestVideoFeed::wrongCredentials()
{
    QFETCH(QString, user);
    QFETCH(QString, password);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("LIYUAN_TEST_RTSP_PASSWORD"), kPassword);
    RtspServerProcess server;
    QVERIFY2(server.start({QStringLiteral("--pattern"), QStringLiteral("/secure=160x120@25"), QStringLiteral("--user"), kUser,
                           QStringLiteral("--password-env"), QStringLiteral("LIYUAN_TEST_RTSP_PASSWORD")},
                          0, env),
             server.standardError().constData());
    VideoFeed feed(fastOptions());
    feed.setSource(QUrl(server.url(QStringLiteral("/secure"))), user, password);
    feed.start();
    QTRY_COMPARE_WITH_TIMEOUT(feed.state(), VideoFeed::State::AuthFailed, 15000);
    QCOMPARE(feed.stateName(), QStringLiteral("authFailed"));
    QVERIFY2(feed.errorString().contains(QLatin1String("authentication failed")), qPrintable(feed.errorString()));
    QVERIFY(!feed.errorString().contains(kPassword));
    QVERIFY(!feed.errorString().contains(password.isEmpty() ? QStringLiteral("\x01") : password));
    // no retry storm: it stays AuthFailed, no further attempt, nothing scheduled
    QTest::qWait(2500);
    QCOMPARE(feed.state(), VideoFeed::State::AuthFailed);
    QCOMPARE(feed.attempts(), 1);
    QCOMPARE(feed.retryDelayMs(), 0);
    QCOMPARE(feed.framesDecoded(), 0);

    // new credentials: it reconnects by itself and plays
    feed.setSource(QUrl(server.url(QStringLiteral("/secure"))), kUser, kPassword);
    QTRY_COMPARE_WITH_TIMEOUT(feed.state(), VideoFeed::State::Playing, 15000);
    QVERIFY(!feed.redactedUrl().contains(kPassword));
    QVERIFY(!feed.redactedUrl().contains(kUser));
    QVERIFY(feed.errorString().isEmpty());
}

void TestVideoFeed::deadPortBacksOff()
{
    const quint16 port = liyuan::test::freeLoopbackPort();
    QVERIFY(port != 0);
    VideoOptions o = fastOptions();
    o.retryInitialMs = 100;
    o.retryMaxMs = 800;
    VideoFeed feed(o);
    QSignalSpy retries(&feed, &VideoFeed::retryScheduled);
    feed.setSource(QUrl(QStringLiteral("rtsp://127.0.0.1:%1/nobody").arg(port)), kUser, kPassword);
    feed.start();
    QTRY_COMPARE_WITH_TIMEOUT(feed.state(), VideoFeed::State::Offline, 10000);
    QVERIFY2(feed.errorString().startsWith(QStringLiteral("rtsp://127.0.0.1:%1/nobody: ").arg(port)), qPrintable(feed.errorString()));
    QVERIFY(!feed.errorString().contains(kPassword));
    QTRY_VERIFY_WITH_TIMEOUT(retries.count() >= 6, 20000);
    QList<int> delays;
    for (const auto &args : std::as_const(retries))
        delays.append(args.at(0).toInt());
    QCOMPARE(delays.mid(0, 6), (QList<int>{100, 200, 400, 800, 800, 800}));
    QCOMPARE(feed.reconnects(), 0);
    QCOMPARE(feed.framesDecoded(), 0);
    feed.stop();
    QCOMPARE(feed.state(), VideoFeed::State::Idle);
    QCOMPARE(feed.retryDelayMs(), 0);
    const int attempts = feed.attempts();
    QTest::qWait(1200);
    QCOMPARE(feed.attempts(), attempts); // stop() cancels the retry
}

void TestVideoFeed::fileLoops()
{
    LIYUAN_REQUIRE(haveGstLaunch(), "gst-launch-1.0 (gstreamer1.0-tools) is needed to make the test clip");
    const QString clip = m_dir.filePath(QStringLiteral("clip.mp4"));
    const int rc = QProcess::execute(QStringLiteral("gst-launch-1.0"),
                                     {QStringLiteral("-q"), QStringLiteral("videotestsrc"), QStringLiteral("num-buffers=25"),
                                      QStringLiteral("!"), QStringLiteral("video/x-raw,width=160,height=120,framerate=25/1"),
                                      QStringLiteral("!"), QStringLiteral("x264enc"), QStringLiteral("speed-preset=ultrafast"),
                                      QStringLiteral("!"), QStringLiteral("mp4mux"), QStringLiteral("!"), QStringLiteral("filesink"),
                                      QStringLiteral("location=") + clip});
    QCOMPARE(rc, 0);
    VideoFeed feed(fastOptions());
    QSignalSpy states(&feed, &VideoFeed::stateChanged);
    feed.setSource(QUrl::fromLocalFile(clip));
    feed.start();
    QTRY_COMPARE_WITH_TIMEOUT(feed.state(), VideoFeed::State::Playing, 15000);
    QCOMPARE(feed.frameSize(), QSize(160, 120));
    // the clip has 25 frames (1 s): more than 60 means it started over at least twice
    QTRY_VERIFY_WITH_TIMEOUT(feed.framesDecoded() > 60, 20000);
    QCOMPARE(feed.state(), VideoFeed::State::Playing);
    for (const auto &args : std::as_const(states))
        QVERIFY(args.at(0).value<VideoFeed::State>() != VideoFeed::State::Offline);
    QCOMPARE(feed.attempts(), 1);
}

void TestVideoFeed::badSources_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("expectInError");
    QTest::newRow("garbage file") << "garbage" << "garbage.mp4";
    QTest::newRow("missing file") << "missing" << "missing.mp4";
    QTest::newRow("empty file") << "empty" << "empty.mp4";
    QTest::newRow("unknown scheme") << "scheme" << "bogus://camera/1";
    QTest::newRow("empty URL") << "emptyurl" << "not a valid video URL";
    QTest::newRow("unresolvable host") << "host" << "rtsp://camera.invalid/main";
}

void TestVideoFeed::badSources()
{
    QFETCH(QString, kind);
    QFETCH(QString, expectInError);
    QUrl url;
    if (kind == QLatin1String("garbage")) {
        QFile f(m_dir.filePath(QStringLiteral("garbage.mp4")));
        QVERIFY(f.open(QIODevice::WriteOnly));
        QByteArray junk(64 * 1024, '\0');
        for (int i = 0; i < junk.size(); ++i)
            junk[i] = char((i * 7919 + 13) % 251);
        f.write(junk);
        f.close();
        url = QUrl::fromLocalFile(f.fileName());
    } else if (kind == QLatin1String("empty")) {
        QFile f(m_dir.filePath(QStringLiteral("empty.mp4")));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.close();
        url = QUrl::fromLocalFile(f.fileName());
    } else if (kind == QLatin1String("missing")) {
        url = QUrl::fromLocalFile(m_dir.filePath(QStringLiteral("missing.mp4")));
    } else if (kind == QLatin1String("scheme")) {
        url = QUrl(QStringLiteral("bogus://camera/1"));
    } else if (kind == QLatin1String("host")) {
        url = QUrl(QStringLiteral("rtsp://camera.invalid/main"));
    }
    VideoFeed feed(fastOptions());
    feed.setSource(url, kUser, kPassword);
    feed.start();
    QTRY_COMPARE_WITH_TIMEOUT(feed.state(), VideoFeed::State::Offline, 15000);
    qInfo("%s", qPrintable(feed.errorString()));
    QVERIFY2(feed.errorString().contains(expectInError), qPrintable(feed.errorString()));
    QVERIFY(!feed.errorString().contains(kPassword));
    QCOMPARE(feed.framesDecoded(), 0);
    feed.stop();
}

void TestVideoFeed::redactedUrl_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("user");
    QTest::addColumn<QString>("password");
    QTest::addColumn<QString>("redacted");
    QTest::newRow("apart") << "rtsp://127.0.0.1:8554/cam-01/main" << kUser << kPassword << "rtsp://127.0.0.1:8554/cam-01/main";
    QTest::newRow("inside the URL") << QStringLiteral("rtsp://%1:%2@10.0.0.5/stream").arg(kUser, kPassword) << QString() << QString()
                                    << "rtsp://10.0.0.5/stream";
    QTest::newRow("https") << "https://cams.example.org/live/1.m3u8" << kUser << kPassword << "https://cams.example.org/live/1.m3u8";
    QTest::newRow("special characters") << "rtsp://h/x" << "a@b" << "p:/@?#%" << "rtsp://h/x";
}

void TestVideoFeed::redactedUrl()
{
    QFETCH(QString, url);
    QFETCH(QString, user);
    QFETCH(QString, password);
    QFETCH(QString, redacted);
    VideoFeed feed;
    feed.setSource(QUrl(url), user, password);
    QCOMPARE(feed.redactedUrl(), redacted);
    QVERIFY(feed.source().userInfo().isEmpty());
    QVERIFY(!feed.redactedUrl().contains(kPassword));
    QCOMPARE(feed.property("redactedUrl").toString(), redacted);
}

void TestVideoFeed::displaySinks()
{
    RtspServerProcess server;
    QVERIFY2(server.start({QStringLiteral("--pattern"), QStringLiteral("/d=160x120@25")}), server.standardError().constData());
    VideoFeed feed(fastOptions());
    auto *a = new QVideoSink;
    QVideoSink b;
    int toA = 0, toB = 0;
    connect(a, &QVideoSink::videoFrameChanged, this, [&](const QVideoFrame &f) { toA += f.isValid(); });
    connect(&b, &QVideoSink::videoFrameChanged, this, [&](const QVideoFrame &f) { toB += f.isValid(); });
    feed.addDisplaySink(a);
    feed.addDisplaySink(&b);
    feed.addDisplaySink(&b); // once only
    feed.setSource(QUrl(server.url(QStringLiteral("/d"))));
    feed.start();
    QTRY_VERIFY_WITH_TIMEOUT(toA > 10 && toB > 10, 15000);
    QVERIFY(qAbs(toA - toB) <= 1);
    QCOMPARE(b.videoFrame().size(), QSize(160, 120));
    feed.removeDisplaySink(&b);
    delete a; // a destroyed sink is forgotten
    const int bNow = toB;
    const qint64 frames = feed.framesDecoded();
    QTRY_VERIFY_WITH_TIMEOUT(feed.framesDecoded() > frames + 10, 10000);
    QCOMPARE(toB, bNow);
}

void TestVideoFeed::projectionFrames()
{
    RtspServerProcess server;
    QVERIFY2(server.start({QStringLiteral("--pattern"), QStringLiteral("/p=320x240@25")}), server.standardError().constData());
    VideoFeed feed(fastOptions()); // ≤ 160 px wide, ≤ 5 per second
    QList<QImage> images;
    QList<qint64> at;
    QElapsedTimer clock;
    clock.start();
    bool offGuiThread = false;
    connect(&feed, &VideoFeed::projectionFrame, this, [&](const QImage &image) {
        images.append(image);
        at.append(clock.elapsed());
        offGuiThread |= QThread::currentThread() != QCoreApplication::instance()->thread();
    });
    feed.setSource(QUrl(server.url(QStringLiteral("/p"))));
    feed.start();
    QTRY_COMPARE_WITH_TIMEOUT(feed.state(), VideoFeed::State::Playing, 15000);
    QTest::qWait(1000);
    QVERIFY(images.isEmpty()); // not wanted: nothing converted
    feed.setProjectionWanted(true);
    const qint64 from = clock.elapsed();
    QTest::qWait(3000);
    feed.setProjectionWanted(false);
    const qint64 to = clock.elapsed();
    QVERIFY2(images.size() >= 8 && images.size() <= 16, qPrintable(QString::number(images.size()))); // 5/s over 3 s
    for (const QImage &image : std::as_const(images)) {
        QCOMPARE(image.size(), QSize(160, 120));
        QVERIFY(!image.isNull());
    }
    // conversions start ≥ 200 ms apart; the emissions follow them with the conversion time's jitter
    QVERIFY2(at.last() - at.first() >= (images.size() - 2) * 200 - 100, qPrintable(QString::number(at.last() - at.first())));
    QVERIFY(!offGuiThread); // emitted on the feed's thread
    QVERIFY(at.first() >= from && at.last() <= to + 500);
    const int n = images.size();
    QTest::qWait(800);
    QVERIFY(images.size() <= n + 1); // at most one conversion still in flight
}

// SIGSTOP freezes the server with its connections open: no frame → Stalled → Offline; SIGCONT →
// the reconnect gets pictures again
void TestVideoFeed::stalledWhenServerFreezes()
{
    RtspServerProcess server;
    QVERIFY2(server.start({QStringLiteral("--pattern"), QStringLiteral("/s=160x120@25")}), server.standardError().constData());
    VideoOptions o = fastOptions();
    o.stallTimeoutMs = 1000;
    o.connectTimeoutMs = 3000;
    VideoFeed feed(o);
    feed.setSource(QUrl(server.url(QStringLiteral("/s"))));
    feed.start();
    QTRY_VERIFY_WITH_TIMEOUT(feed.framesDecoded() > 30, 15000);
    QCOMPARE(feed.state(), VideoFeed::State::Playing);
    QCOMPARE(::kill(pid_t(server.pid()), SIGSTOP), 0);
    QElapsedTimer t;
    t.start();
    // the GUI thread keeps running while the hung pipeline is torn down (on the session thread,
    // where rtspsrc waits 40 s for the TEARDOWN reply)
    QElapsedTimer sinceTick;
    sinceTick.start();
    qint64 longestGap = 0;
    QTimer ticker;
    connect(&ticker, &QTimer::timeout, this, [&] { longestGap = qMax(longestGap, sinceTick.restart()); });
    ticker.start(10);
    QTRY_COMPARE_WITH_TIMEOUT(feed.state(), VideoFeed::State::Stalled, 5000);
    QCOMPARE(feed.stateName(), QStringLiteral("stalled"));
    QVERIFY(feed.errorString().isEmpty());
    QTRY_COMPARE_WITH_TIMEOUT(feed.state(), VideoFeed::State::Offline, 8000);
    qInfo("stalled → offline %lld ms after the freeze: %s", t.elapsed(), qPrintable(feed.errorString()));
    QVERIFY2(feed.errorString().contains(QLatin1String("no picture for")), qPrintable(feed.errorString()));
    QVERIFY(t.elapsed() >= o.stallTimeoutMs + o.connectTimeoutMs - 500);
    QTest::qWait(1500); // the teardown of the frozen pipeline is under way meanwhile
    ticker.stop();
    QVERIFY2(longestGap < 500, qPrintable(QStringLiteral("GUI thread blocked %1 ms").arg(longestGap)));
    QVERIFY(feed.state() == VideoFeed::State::Connecting || feed.state() == VideoFeed::State::Offline); // retrying
    QCOMPARE(::kill(pid_t(server.pid()), SIGCONT), 0);
    QTRY_COMPARE_WITH_TIMEOUT(feed.state(), VideoFeed::State::Playing, 20000);
    QVERIFY(feed.reconnects() >= 1);
}

// a server that accepts the connection (the kernel does, for a stopped process) but never answers
void TestVideoFeed::connectTimeout()
{
    RtspServerProcess server;
    QVERIFY2(server.start({QStringLiteral("--pattern"), QStringLiteral("/c=160x120@25")}), server.standardError().constData());
    QCOMPARE(::kill(pid_t(server.pid()), SIGSTOP), 0);
    VideoOptions o = fastOptions();
    o.connectTimeoutMs = 1500;
    o.retryInitialMs = 5000; // one attempt in this test
    VideoFeed feed(o);
    feed.setSource(QUrl(server.url(QStringLiteral("/c"))));
    QElapsedTimer t;
    t.start();
    feed.start();
    QTRY_COMPARE_WITH_TIMEOUT(feed.state(), VideoFeed::State::Offline, 6000);
    QVERIFY2(t.elapsed() >= 1400, qPrintable(QString::number(t.elapsed())));
    QVERIFY2(feed.errorString().endsWith(QLatin1String(": no picture within 1500 ms")), qPrintable(feed.errorString()));
    QCOMPARE(feed.retryDelayMs(), 5000);
    QCOMPARE(::kill(pid_t(server.pid()), SIGCONT), 0);
    feed.stop();
}

void TestVideoFeed::httpSources_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("pipelineTail");
    QTest::newRow("mp4 over http") << "clip.mp4" << "mp4mux ! filesink location=%1/clip.mp4";
    QTest::newRow("HLS") << "live.m3u8"
                         << "mpegtsmux ! hlssink target-duration=1 playlist-length=0 max-files=0 "
                            "location=%1/seg%05d.ts playlist-location=%1/live.m3u8";
}

void TestVideoFeed::httpSources()
{
    QFETCH(QString, file);
    QFETCH(QString, pipelineTail);
    LIYUAN_REQUIRE(haveGstLaunch(), "gst-launch-1.0 (gstreamer1.0-tools) is needed to make the test media");
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QVERIFY(gstLaunch(QStringLiteral("videotestsrc num-buffers=100 ! video/x-raw,width=160,height=120,framerate=25/1 "
                                     "! x264enc speed-preset=ultrafast key-int-max=25 ! ")
                      + pipelineTail.arg(dir.path())));
    liyuan::test::StaticHttpServer http(dir.path());
    QVERIFY(http.listen());
    VideoFeed feed(fastOptions());
    feed.setSource(QUrl(http.url(file)), kUser, kPassword);
    feed.start();
    QTRY_COMPARE_WITH_TIMEOUT(feed.state(), VideoFeed::State::Playing, 15000);
    QTRY_VERIFY_WITH_TIMEOUT(feed.framesDecoded() > 40, 15000);
    QCOMPARE(feed.frameSize(), QSize(160, 120));
    QVERIFY(http.requests() >= (file.endsWith(QLatin1String(".m3u8")) ? 3 : 1));
    QVERIFY(!feed.redactedUrl().contains(kPassword));
    feed.stop();
}

void TestVideoFeed::toolCommandLine_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("expect");
    QTest::newRow("no pattern") << QStringList{} << "give at least one --pattern";
    QTest::newRow("unknown argument") << QStringList{"--pattern", "/a", "--colour"} << "unknown argument '--colour'";
    QTest::newRow("malformed pattern") << QStringList{"--pattern", "/a=12xx"} << "malformed --pattern '/a=12xx'";
    QTest::newRow("tiny size") << QStringList{"--pattern", "/a=4x4@25"} << "size 16x16-7680x4320";
    QTest::newRow("hostile size") << QStringList{"--pattern", "/a=99999999x99999999@25"} << "size 16x16-7680x4320";
    QTest::newRow("zero fps") << QStringList{"--pattern", "/a=320x240@0"} << "fps 1-120";
    QTest::newRow("unknown kind") << QStringList{"--pattern", "/a=320x240@25:lava"} << "unknown pattern 'lava'";
    QTest::newRow("port out of range") << QStringList{"--port", "70000", "--pattern", "/a"} << "--port needs a number";
    QTest::newRow("port missing") << QStringList{"--pattern", "/a", "--port"} << "--port needs a number";
    QTest::newRow("user without password") << QStringList{"--pattern", "/a", "--user", "u"} << "--user needs --password-env";
    QTest::newRow("password env unset") << QStringList{"--pattern", "/a", "--user", "u", "--password-env", "LIYUAN_TEST_UNSET_VAR"}
                                        << "LIYUAN_TEST_UNSET_VAR is not set";
}

void TestVideoFeed::toolCommandLine()
{
    QFETCH(QStringList, args);
    QFETCH(QString, expect);
    QProcess p;
    p.start(liyuan::test::rtspServerBinary(), args);
    QVERIFY(p.waitForFinished(10000));
    QCOMPARE(p.exitStatus(), QProcess::NormalExit);
    QCOMPARE(p.exitCode(), 64);
    const QString err = QString::fromLocal8Bit(p.readAllStandardError());
    QVERIFY2(err.contains(expect), qPrintable(err));
    QVERIFY(p.readAllStandardOutput().isEmpty()); // never READY
}

void TestVideoFeed::toolStopsOnSigterm()
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("LIYUAN_TEST_RTSP_PASSWORD"), kPassword);
    RtspServerProcess server;
    QVERIFY(server.start({QStringLiteral("--pattern"), QStringLiteral("/a=160x120@10"), QStringLiteral("--user"), kUser,
                          QStringLiteral("--password-env"), QStringLiteral("LIYUAN_TEST_RTSP_PASSWORD")},
                         0, env));
    VideoFeed feed(fastOptions());
    feed.setSource(QUrl(server.url(QStringLiteral("/a"))), kUser, kPassword);
    feed.start();
    QTRY_COMPARE_WITH_TIMEOUT(feed.state(), VideoFeed::State::Playing, 15000);
    // a second server on the same port cannot listen: exit 1 with the reason
    QProcess second;
    second.start(liyuan::test::rtspServerBinary(), {QStringLiteral("--port"), QString::number(server.port()), QStringLiteral("--pattern"),
                                                    QStringLiteral("/b")});
    QVERIFY(second.waitForFinished(10000));
    QCOMPARE(second.exitCode(), 1);
    QVERIFY(second.readAllStandardError().contains("cannot listen"));
    QElapsedTimer t;
    t.start();
    QCOMPARE(server.stop(), 0); // SIGTERM: clean exit 0
    QVERIFY2(t.elapsed() < 5000, qPrintable(QString::number(t.elapsed())));
    const QByteArray err = server.standardError();
    QVERIFY2(err.contains("stopped (SIGTERM)"), err.constData());
    QVERIFY(!err.contains(kPassword.toUtf8()));
    QTRY_COMPARE_WITH_TIMEOUT(feed.state(), VideoFeed::State::Offline, 12000);
}

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    TestVideoFeed test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_videofeed.moc"
