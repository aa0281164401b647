// A flight that switches levels back and forth keeps every loaded tile's GPU copies: no
// texture is read twice. With BC1 (the default) each texture is a KTX file the renderer reads
// when it (re)makes the texture; Qt 6.4 releases a hidden Model's textures and geometry and
// makes them again when it shows (leaving a cached resource binding behind each time,
// QTBUG-126581, RSS grows). Tiles not drawn stay parked Models instead (Main.qml). The test
// watches the texture folder with inotify and counts how often each file is read (opened
// read-only and closed): exactly once each, while the view switched levels many times.
// Also: the GUI thread does not wait for frames in flight (FramePacer), and RSS is measured.
#include "AppRunner.h"
#include "TestRequire.h"

#include <QDir>
#include <QElapsedTimer>
#include <QHash>
#include <QMap>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

#include <poll.h>
#include <sys/inotify.h>
#include <unistd.h>

namespace {
const QString kSample = QStringLiteral(LIYUAN_SHARED_DATA "/osgb/Production_5");
const QString kFlight = QStringLiteral(LIYUAN_SOURCE_DIR "/tests/bench/production5_flight.path");

QJsonObject readJson(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? QJsonDocument::fromJson(f.readAll()).object() : QJsonObject{};
}

/** Reads of files in one folder (inotify IN_CLOSE_NOWRITE: opened read-only, then closed). */
class ReadCounter
{
public:
    bool watch(const QString &dir)
    {
        m_fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
        return m_fd >= 0 && inotify_add_watch(m_fd, QFile::encodeName(dir).constData(), IN_CLOSE_NOWRITE | IN_CLOSE_WRITE) >= 0;
    }
    ~ReadCounter()
    {
        if (m_fd >= 0)
            ::close(m_fd);
    }
    void drain(int waitMs)
    {
        pollfd p{m_fd, POLLIN, 0};
        if (::poll(&p, 1, waitMs) <= 0)
            return;
        alignas(inotify_event) char buf[64 * 1024];
        for (;;) {
            const ssize_t n = ::read(m_fd, buf, sizeof buf);
            if (n <= 0)
                return;
            for (char *q = buf; q < buf + n;) {
                const auto *e = reinterpret_cast<const inotify_event *>(q);
                const QString name = e->len ? QFile::decodeName(e->name) : QString();
                if (name.endsWith(QLatin1String(".ktx"))) {
                    if (e->mask & IN_CLOSE_NOWRITE) {
                        ++reads[name];
                        // Qt opens a file one to three times per load, all within a few
                        // milliseconds; a read seconds after the first is the texture made again
                        const qint64 now = m_clock.elapsed();
                        const qint64 first = firstRead.value(name, -1);
                        if (first < 0)
                            firstRead.insert(name, now);
                        else if (now - first > kSameLoadMs)
                            ++lateReads[name];
                    }
                    if (e->mask & IN_CLOSE_WRITE)
                        ++writes[name];
                }
                q += sizeof(inotify_event) + e->len;
            }
        }
    }
    QHash<QString, int> reads, writes, lateReads;
    QHash<QString, qint64> firstRead;
    /** Reads this long after a file's first one belong to another load (the poll runs every 200 ms). */
    static constexpr qint64 kSameLoadMs = 1500;

private:
    int m_fd = -1;
    QElapsedTimer m_clock = [] { QElapsedTimer t; t.start(); return t; }();
};
} // namespace

class tst_TileResidencyApp : public QObject
{
    Q_OBJECT
    QTemporaryDir m_tmp;

private slots:
    void flightReadsEachTextureOnce()
    {
        LIYUAN_REQUIRE(QFileInfo::exists(kSample + QStringLiteral("/metadata.xml")), "shared Production_5 missing");
        LIYUAN_REQUIRE(QFileInfo::exists(kFlight), "tests/bench/production5_flight.path missing");
        // our own cache folder, so the texture folder is known before the app makes it
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        const QString cache = m_tmp.filePath(QStringLiteral("cache"));
        env.insert(QStringLiteral("XDG_CACHE_HOME"), cache);
        const QString state = m_tmp.filePath(QStringLiteral("state.json"));
        QProcess p;
        p.setProcessEnvironment(env);
        // the 20 s path (in and out over the district, twice through the levels), 30 s of frames
        p.start(QStringLiteral(LIYUAN_APP),
                {QStringLiteral("--frames"), QStringLiteral("100000"), QStringLiteral("--timeout"), QStringLiteral("30"),
                 QStringLiteral("--camera-path"), kFlight, QStringLiteral("--size"), QStringLiteral("800x450"),
                 QStringLiteral("--state-json"), state, kSample});
        QVERIFY2(p.waitForStarted(10000), qPrintable(p.errorString()));
        // <cache>/Liyuan/liyuan/textures/<pid>: made now (the app's mkpath keeps it), watched before any tile loads
        const QString dir = cache + QStringLiteral("/Liyuan/liyuan/textures/") + QString::number(p.processId());
        QVERIFY(QDir().mkpath(dir));
        ReadCounter counter;
        QVERIFY2(counter.watch(dir), "inotify_add_watch failed");
        QElapsedTimer clock;
        clock.start();
        while (p.state() != QProcess::NotRunning && clock.elapsed() < 90000) {
            counter.drain(200);
            p.waitForFinished(10);
        }
        counter.drain(100);
        if (p.state() != QProcess::NotRunning) {
            p.kill();
            p.waitForFinished(5000);
            QFAIL("liyuan did not end its 30 s flight within 90 s");
        }
        const QString err = QString::fromUtf8(p.readAllStandardError());
        QVERIFY2(p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0, qPrintable(err.right(3000)));

        const QJsonObject s = readJson(state);
        const QJsonObject frames = s.value(QStringLiteral("frames")).toObject();
        const QJsonObject tiles = s.value(QStringLiteral("tiles")).toObject();
        QVERIFY2(frames.value(QStringLiteral("count")).toInt() >= 100, qPrintable(QJsonDocument(s).toJson()));
        QCOMPARE(s.value(QStringLiteral("textures")).toObject().value(QStringLiteral("compression")).toString(), QStringLiteral("bc1"));
        // the flight went through the levels: many tiles written, hence many textures
        QVERIFY2(counter.writes.size() >= 20, qPrintable(QStringLiteral("%1 KTX files written").arg(counter.writes.size())));
        QCOMPARE(tiles.value(QStringLiteral("evictedTotal")).toInt(), 0); // all stay loaded: a re-read is a re-made texture
        QMap<int, int> histogram;
        for (int n : std::as_const(counter.reads))
            ++histogram[n];
        QString shown;
        for (auto it = histogram.cbegin(); it != histogram.cend(); ++it)
            shown += QStringLiteral(" %1 file(s) read %2 times;").arg(it.value()).arg(it.key());
        qInfo("reads per texture file:%s", qPrintable(shown));
        QStringList twice;
        int read = 0;
        for (auto it = counter.reads.cbegin(); it != counter.reads.cend(); ++it) {
            ++read;
            if (const int late = counter.lateReads.value(it.key()))
                twice << QStringLiteral("%1 read %2 times, %3 of them seconds later").arg(it.key()).arg(it.value()).arg(late);
        }
        QVERIFY2(read >= 20, qPrintable(QStringLiteral("the renderer read only %1 of %2 textures").arg(read).arg(counter.writes.size())));
        QVERIFY2(twice.isEmpty(), qPrintable(QStringLiteral("%1 of %2 textures re-made by the renderer: %3")
                                                     .arg(twice.size()).arg(read).arg(twice.mid(0, 8).join(QLatin1String("; ")))));
        // FramePacer: the GUI thread waits for no frame in flight. (The render loop's own
        // sync and other CPU load on a shared 2-core machine can still delay it: the bound is loose.)
        const QJsonObject gui = s.value(QStringLiteral("gui")).toObject();
        const int over50 = gui.value(QStringLiteral("stallsOver50Ms")).toInt();
        const int count = frames.value(QStringLiteral("count")).toInt();
        QVERIFY2(over50 * 10 < count, qPrintable(QStringLiteral("%1 GUI stalls over 50 ms in %2 frames (longest %3 ms)")
                                                         .arg(over50).arg(count).arg(gui.value(QStringLiteral("maxStallMs")).toDouble())));
    }
};

QTEST_GUILESS_MAIN(tst_TileResidencyApp)
#include "tst_tileresidencyapp.moc"
