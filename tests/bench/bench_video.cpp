// bench_video: CPU cost of live video per feed — decode (Qt Multimedia, GStreamer backend) and
// decode + conversion to a QImage (QVideoFrame::toImage on the worker pool, what a texture upload
// needs) of one 720p and one 1080p H.264 stream at 25 fps from liyuan-rtsp-server in a separate
// process (its encoding is not counted). Figures: CPU seconds (user+sys of this process, getrusage)
// per second of video, frames/s decoded and converted. Named peer: gst-launch-1.0 rtspsrc ! decodebin
// ! fakesink on the same stream (its CPU from /proc/PID/stat).
//
//   build/tests/bench/bench_video [SECONDS [KIND]]   (default 10 s per run after 3 s warm-up; KIND a
//   liyuan-rtsp-server pattern: scroll (default: moving colour bars), ball, smpte, snow (noise, worst case))
#include <liyuan/video/VideoFeed.h>

#include "RtspServerProcess.h"

#include <QElapsedTimer>
#include <QFile>
#include <QGuiApplication>
#include <QStandardPaths>
#include <QTest>

#include <sys/resource.h>
#include <unistd.h>

#include <cstdio>

using liyuan::test::RtspServerProcess;
using liyuan::video::VideoFeed;
using liyuan::video::VideoOptions;

namespace {

double cpuSeconds()
{
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return double(u.ru_utime.tv_sec + u.ru_stime.tv_sec) + double(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

/** utime + stime of a process in seconds (from /proc/PID/stat), -1 when unreadable. */
double processCpuSeconds(qint64 pid)
{
    QFile f(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray stat = f.readAll();
    const QList<QByteArray> fields = stat.mid(stat.lastIndexOf(')') + 2).split(' '); // from field 3 on
    if (fields.size() < 13)
        return -1;
    return double(fields.at(11).toLongLong() + fields.at(12).toLongLong()) / double(sysconf(_SC_CLK_TCK));
}

struct Figures
{
    double cpuPerVideoSecond = 0;
    double decodedFps = 0;
    double convertedFps = 0;
};

Figures runFeed(const QString &url, bool convert, int seconds)
{
    VideoOptions o;
    o.projectionFps = 1000; // every frame is due: only a busy converter drops one
    o.projectionMaxWidth = 4096; // no scaling: the full frame converted, as for an upload
    VideoFeed feed(o);
    int converted = 0;
    QObject::connect(&feed, &VideoFeed::projectionFrame, [&](const QImage &) { ++converted; });
    feed.setSource(QUrl(url));
    feed.start();
    QElapsedTimer wait;
    wait.start();
    while (feed.framesDecoded() < 10 && wait.elapsed() < 20000)
        QTest::qWait(50);
    if (feed.framesDecoded() < 10) {
        std::fprintf(stderr, "bench_video: no picture from %s: %s\n", qPrintable(url), qPrintable(feed.errorString()));
        return {};
    }
    feed.setProjectionWanted(convert);
    QTest::qWait(3000); // warm-up
    const qint64 f0 = feed.framesDecoded();
    const int c0 = converted;
    const double cpu0 = cpuSeconds();
    QElapsedTimer t;
    t.start();
    QTest::qWait(seconds * 1000);
    const double wall = t.elapsed() / 1000.0;
    Figures r;
    r.cpuPerVideoSecond = (cpuSeconds() - cpu0) / wall;
    r.decodedFps = double(feed.framesDecoded() - f0) / wall;
    r.convertedFps = double(converted - c0) / wall;
    feed.stop();
    return r;
}

double runPeer(const QString &url, int seconds)
{
    const QString gst = QStandardPaths::findExecutable(QStringLiteral("gst-launch-1.0"));
    if (gst.isEmpty())
        return -1;
    QProcess p;
    p.start(gst, {QStringLiteral("-q"), QStringLiteral("rtspsrc"), QStringLiteral("location=") + url, QStringLiteral("!"),
                  QStringLiteral("decodebin"), QStringLiteral("!"), QStringLiteral("fakesink")});
    if (!p.waitForStarted())
        return -1;
    QTest::qWait(3000 + 2000); // start + warm-up, as for the feed
    const double c0 = processCpuSeconds(p.processId());
    QElapsedTimer t;
    t.start();
    QTest::qWait(seconds * 1000);
    const double c1 = processCpuSeconds(p.processId());
    const double wall = t.elapsed() / 1000.0;
    p.terminate();
    if (!p.waitForFinished(5000))
        p.kill();
    p.waitForFinished(2000);
    return c0 < 0 || c1 < 0 ? -1 : (c1 - c0) / wall;
}

} // namespace

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    const int seconds = argc > 1 ? qMax(2, atoi(argv[1])) : 10;
    const QString kind = argc > 2 ? QString::fromLocal8Bit(argv[2]) : QStringLiteral("scroll");
    struct Stream
    {
        const char *name;
        QString path;
        QString spec;
    };
    const QList<Stream> streams{{"720p", QStringLiteral("/720"), QStringLiteral("/720=1280x720@25:") + kind},
                                {"1080p", QStringLiteral("/1080"), QStringLiteral("/1080=1920x1080@25:") + kind}};
    std::printf("bench_video: %d s per run, H.264 25 fps, pattern '%s' (x264 ~0.08 bit/pixel) from liyuan-rtsp-server "
                "(separate process), %ld cores\n",
                seconds, qPrintable(kind), sysconf(_SC_NPROCESSORS_ONLN));
    std::printf("%-6s %-36s %12s %10s %10s\n", "stream", "run", "CPU s / s", "decoded/s", "images/s");
    for (const Stream &s : streams) {
        RtspServerProcess server; // one stream per server: only the measured one is encoded
        if (!server.start({QStringLiteral("--pattern"), s.spec})) {
            std::fprintf(stderr, "bench_video: liyuan-rtsp-server did not start: %s\n", server.standardError().constData());
            return 1;
        }
        const QString url = server.url(s.path);
        const Figures decode = runFeed(url, false, seconds);
        std::printf("%-6s %-36s %12.3f %10.1f %10s\n", s.name, "VideoFeed decode", decode.cpuPerVideoSecond, decode.decodedFps, "-");
        std::fflush(stdout);
        const Figures both = runFeed(url, true, seconds);
        std::printf("%-6s %-36s %12.3f %10.1f %10.1f\n", s.name, "VideoFeed decode + toImage (all)", both.cpuPerVideoSecond,
                    both.decodedFps, both.convertedFps);
        std::fflush(stdout);
        const double peer = runPeer(url, seconds);
        std::printf("%-6s %-36s %12.3f %10s %10s\n", s.name, "gst-launch rtspsrc!decodebin!fakesink", peer, "25 (live)", "-");
        std::fflush(stdout);
    }
    VideoFeed::waitForTeardown(30000);
    return 0;
}
