// A flight that switches levels back and forth keeps every loaded tile's GPU copies: no
// texture is read twice. With BC1 (the default) each texture is a KTX file the renderer reads
// when it (re)makes the texture; Qt 6.4 releases a hidden Model's textures and geometry and
// makes them again when it shows (leaving a cached resource binding behind each time,
// QTBUG-126581, RSS grows). Tiles not drawn stay parked Models instead (Main.qml). The test
// logs the opens of each KTX file (an LD_PRELOAD shim, tests/support/openlog.c) and counts the
// renderer's loads (Loads): exactly one each, while the view switched levels many times.
// Also: the GUI thread does not wait for frames in flight (FramePacer), and RSS is measured.
#include "AppRunner.h"
#include "TestRequire.h"

#include <QDir>
#include <QFileInfo>
#include <QElapsedTimer>
#include <QHash>
#include <QMap>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>


namespace {
const QString kSample = QStringLiteral(LIYUAN_SHARED_DATA "/osgb/Production_5");
const QString kFlight = QStringLiteral(LIYUAN_SOURCE_DIR "/tests/bench/production5_flight.path");

/**
 * The renderer's loads of each KTX file, from the opens libtest_openlog.so logged
 * ("<seconds> <r|w> <path>"). Qt 6.4 opens a texture file alone once, soon after the Texture gets
 * its source (a probe, drawn or not), and twice at once (nested) to make the GPU texture (seen
 * with strace). So read-opens of one file are grouped when less than kGroupS apart, and each
 * pair in a group is a load; a file loaded twice is a texture made again.
 */
struct Loads
{
    QHash<QString, int> loads;
    int written = 0;
    static constexpr double kGroupS = 0.02;

    explicit Loads(const QString &log)
    {
        QFile f(log);
        if (!f.open(QIODevice::ReadOnly))
            return;
        QHash<QString, QList<double>> reads;
        while (!f.atEnd()) {
            const QList<QByteArray> parts = f.readLine().trimmed().split(' ');
            if (parts.size() < 3)
                continue;
            const QString name = QFileInfo(QString::fromUtf8(parts.mid(2).join(' '))).fileName();
            if (parts[1] == "w")
                ++written;
            else
                reads[name] << parts[0].toDouble();
        }
        for (auto it = reads.begin(); it != reads.end(); ++it) {
            std::sort(it->begin(), it->end());
            int group = 0, n = 0;
            for (int i = 0; i < it->size(); ++i) {
                if (i > 0 && it->at(i) - it->at(i - 1) > kGroupS) {
                    n += group / 2;
                    group = 0;
                }
                ++group;
            }
            n += group / 2;
            if (n > 0)
                loads.insert(it.key(), n);
        }
    }
};
} // namespace

class tst_TileResidencyApp : public QObject
{
    Q_OBJECT
    QTemporaryDir m_tmp;

private slots:
    void flightLoadsEachTextureOnce()
    {
        LIYUAN_REQUIRE(QFileInfo::exists(kSample + QStringLiteral("/metadata.xml")), "shared Production_5 missing");
        LIYUAN_REQUIRE(QFileInfo::exists(kFlight), "tests/bench/production5_flight.path missing");
        // the opens of KTX texture files are logged by libtest_openlog.so
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        const QString cache = m_tmp.filePath(QStringLiteral("cache"));
        env.insert(QStringLiteral("XDG_CACHE_HOME"), cache);
        const QString state = m_tmp.filePath(QStringLiteral("state.json"));
        const QString log = m_tmp.filePath(QStringLiteral("opens.log"));
        env.insert(QStringLiteral("LD_PRELOAD"), QStringLiteral(TEST_OPENLOG));
        env.insert(QStringLiteral("TEST_OPENLOG_SUFFIX"), QStringLiteral(".ktx"));
        env.insert(QStringLiteral("TEST_OPENLOG_OUT"), log);
        QProcess p;
        p.setProcessEnvironment(env);
        // the 20 s path (in and out over the district, twice through the levels), 30 s of frames
        p.start(QStringLiteral(LIYUAN_APP),
                {QStringLiteral("--frames"), QStringLiteral("100000"), QStringLiteral("--timeout"), QStringLiteral("30"),
                 QStringLiteral("--camera-path"), kFlight, QStringLiteral("--size"), QStringLiteral("800x450"),
                 QStringLiteral("--state-json"), state, kSample});
        QVERIFY2(p.waitForStarted(10000), qPrintable(p.errorString()));
        QElapsedTimer clock;
        clock.start();
        while (p.state() != QProcess::NotRunning && clock.elapsed() < 90000)
            p.waitForFinished(200);
        if (p.state() != QProcess::NotRunning) {
            p.kill();
            p.waitForFinished(5000);
            QFAIL("liyuan did not end its 30 s flight within 90 s");
        }
        const QString err = QString::fromUtf8(p.readAllStandardError());
        QVERIFY2(p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0, qPrintable(err.right(3000)));

        const QJsonObject s = readStateJson(state);
        const QJsonObject frames = s.value(QStringLiteral("frames")).toObject();
        const QJsonObject tiles = s.value(QStringLiteral("tiles")).toObject();
        QVERIFY2(frames.value(QStringLiteral("count")).toInt() >= 100, qPrintable(QJsonDocument(s).toJson()));
        QCOMPARE(s.value(QStringLiteral("textures")).toObject().value(QStringLiteral("compression")).toString(), QStringLiteral("bc1"));
        // the flight went through the levels: many tiles written, hence many textures
        const Loads counter(log);
        QVERIFY2(counter.written >= 20, qPrintable(QStringLiteral("%1 KTX files written").arg(counter.written)));
        QCOMPARE(tiles.value(QStringLiteral("evictedTotal")).toInt(), 0); // all stay loaded: a re-read is a re-made texture
        QMap<int, int> histogram;
        for (int n : std::as_const(counter.loads))
            ++histogram[n];
        QString shown;
        for (auto it = histogram.cbegin(); it != histogram.cend(); ++it)
            shown += QStringLiteral(" %1 texture(s) loaded %2 times;").arg(it.value()).arg(it.key());
        qInfo("texture loads by the renderer:%s", qPrintable(shown));
        QStringList again;
        for (auto it = counter.loads.cbegin(); it != counter.loads.cend(); ++it)
            if (it.value() > 1)
                again << QStringLiteral("%1 loaded %2 times").arg(it.key()).arg(it.value());
        QVERIFY2(counter.loads.size() >= 20, qPrintable(QStringLiteral("the renderer loaded only %1 of %2 textures")
                                                                 .arg(counter.loads.size()).arg(counter.written)));
        QVERIFY2(again.isEmpty(), qPrintable(QStringLiteral("%1 of %2 textures made again by the renderer: %3")
                                                     .arg(again.size()).arg(counter.loads.size()).arg(again.mid(0, 8).join(QLatin1String("; ")))));
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
