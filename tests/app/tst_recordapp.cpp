// Recording through the real app (xvfb-run): a camera path and a tour recorded to H.264 MP4,
// read back with GstDiscoverer and decoded frame by frame; frame k matches a --screenshot at
// t = k/fps; two recordings give the same frames; cancel (SIGINT) leaves a valid shorter file;
// unwritable outputs and bad options fail with a message naming them.
#include "TestRequire.h"
#include "AppRunner.h"
#include "Mp4Probe.h"

#include <QDir>
#include <QFile>
#include <QImage>
#include <QMap>
#include <QTemporaryDir>

#include <csignal>
#include <cmath>

namespace {
const QString kSample = QStringLiteral(LIYUAN_SHARED_DATA "/osgb/Production_5");
constexpr int kFps = 10;
const QString kSize = QStringLiteral("320x180");

/** A 2 s flight over the sample (the start of tests/bench/production5_flight.path). */
const char *kFlight = "0.00 50.000 1350.000 450.000 0.000000 0.000000 0.000000 1.000000\n"
                      "2.00 50.000 1300.000 300.000 0.173648 0.000000 0.000000 0.984808\n";
/** A 6 s flight (for cancelling half-way). */
const char *kLongFlight = "0.00 50.000 1350.000 450.000 0.000000 0.000000 0.000000 1.000000\n"
                          "2.00 50.000 1300.000 300.000 0.173648 0.000000 0.000000 0.984808\n"
                          "6.00 52.000 1220.000 160.000 0.342020 0.000000 0.000000 0.939693\n";
} // namespace

class TstRecordApp : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString m_path, m_longPath, m_first;
    QVector<QImage> m_frames;
    QMap<int, QImage> m_shots; ///< screenshots at k/fps through 4:2:0

    QString write(const QString &name, const QByteArray &data)
    {
        const QString p = m_dir.filePath(name);
        QFile f(p);
        f.open(QIODevice::WriteOnly);
        f.write(data);
        return p;
    }
    AppRun record(const QString &out, const QStringList &extra = {})
    {
        return runApp(QStringList{"--record", out, "--camera-path", m_path, "--record-size", kSize, "--record-fps",
                                  QString::number(kFps)} + extra + QStringList{kSample},
                      240000);
    }

private slots:
    void initTestCase()
    {
        LIYUAN_REQUIRE(QDir(kSample).exists(), "the shared OSGB sample (LIYUAN_SHARED_DATA/osgb/Production_5)");
        QVERIFY(m_dir.isValid());
        m_path = write("flight.path", kFlight);
        m_longPath = write("long.path", kLongFlight);
        m_first = m_dir.filePath("first.mp4");
        const AppRun r = record(m_first);
        QVERIFY2(r.exitCode == 0, r.what().constData());
        QVERIFY2(r.out.contains(QStringLiteral("record: frame 1/20\n")), qPrintable(r.out));
        QVERIFY2(r.out.contains(QStringLiteral("record: frame 20/20\n")), qPrintable(r.out));
        QVERIFY2(r.out.contains(QStringLiteral("0 frame(s) recorded unsettled")), qPrintable(r.out));
        QString error;
        m_frames = decodeMp4(m_first, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
    }

    void cameraPathIsH264Mp4()
    {
        const Mp4Info info = probeMp4(m_first);
        QVERIFY2(info.ok, qPrintable(info.error));
        QVERIFY2(info.videoCaps.startsWith(QLatin1String("video/x-h264")), qPrintable(info.videoCaps));
        QCOMPARE(info.width, 320);
        QCOMPARE(info.height, 180);
        QCOMPARE(info.fpsNum / std::max(1, info.fpsDen), kFps);
        // the path lasts 2 s: within one frame
        QVERIFY2(std::abs(info.durationSeconds - 2.0) <= 1.0 / kFps + 1e-6, qPrintable(QString::number(info.durationSeconds)));
        QCOMPARE(m_frames.size(), 20);
        QCOMPARE(m_frames.first().size(), QSize(320, 180));
    }

    void frameMatchesScreenshot_data()
    {
        QTest::addColumn<int>("k");
        QTest::newRow("first") << 0;
        QTest::newRow("middle") << 10;
        QTest::newRow("last") << 19;
    }
    void frameMatchesScreenshot()
    {
        QFETCH(int, k);
        QCOMPARE(m_frames.size(), 20);
        const QString png = m_dir.filePath(QStringLiteral("shot%1.png").arg(k));
        const AppRun r = runApp({"--screenshot", png, "--size", kSize, "--camera-path", m_path, "--time",
                                 QString::number(double(k) / kFps), kSample},
                                240000);
        QVERIFY2(r.exitCode == 0, r.what().constData());
        const QImage raw(png);
        const QImage shot = throughI420(raw);
        QCOMPARE(shot.size(), raw.size());
        qInfo("screenshot through 4:2:0: mean |diff| %.2f", meanAbsDiff(raw, shot));
        const double same = meanAbsDiff(m_frames[k], shot);
        // the flight moves: a frame 5 steps away differs clearly more than the encoding does
        const int other = k >= 10 ? k - 5 : k + 5;
        const double away = meanAbsDiff(m_frames[other], shot);
        qInfo("frame %d vs screenshot: mean |diff| %.2f (frame %d: %.2f)", k, same, other, away);
        m_shots.insert(k, shot);
        QVERIFY2(same < 2.5, qPrintable(QString::number(same)));
        QVERIFY2(away > 2 * same + 1.0, qPrintable(QStringLiteral("%1 vs %2").arg(away).arg(same)));
    }

    void losslessFramesEqualScreenshots()
    {
        // x264 at quantizer 0 is lossless: the only difference left would be the rendering
        QVERIFY(!m_shots.isEmpty());
        const QString lossless = m_dir.filePath("lossless.mp4");
        const AppRun r = record(lossless, {"--record-quality", "0"});
        QVERIFY2(r.exitCode == 0, r.what().constData());
        QString error;
        const QVector<QImage> frames = decodeMp4(lossless, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(frames.size(), 20);
        for (auto it = m_shots.cbegin(); it != m_shots.cend(); ++it) {
            const double d = meanAbsDiff(frames[it.key()], it.value());
            qInfo("lossless frame %d vs screenshot: mean |diff| %.3f", it.key(), d);
            QVERIFY2(d < 0.5, qPrintable(QString::number(d)));
        }
    }

    void sameFramesTwice()
    {
        const QString again = m_dir.filePath("again.mp4");
        const AppRun r = record(again);
        QVERIFY2(r.exitCode == 0, r.what().constData());
        QString error;
        const QVector<QImage> frames = decodeMp4(again, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(frames.size(), m_frames.size());
        double worst = 0;
        for (int k = 0; k < frames.size(); ++k)
            worst = std::max(worst, meanAbsDiff(frames[k], m_frames[k]));
        qInfo("two recordings: worst frame mean |diff| %.3f", worst);
        QVERIFY2(worst < 1.0, qPrintable(QString::number(worst)));
    }

    void cancelKeepsValidShorterFile_data()
    {
        QTest::addColumn<int>("sig");
        QTest::newRow("SIGINT") << int(SIGINT);
        QTest::newRow("SIGTERM") << int(SIGTERM);
    }
    void cancelKeepsValidShorterFile()
    {
        QFETCH(int, sig);
        const QString out = m_dir.filePath(QStringLiteral("cancel%1.mp4").arg(sig));
        QProcess p;
        p.start(QStringLiteral(LIYUAN_APP), {"--record", out, "--camera-path", m_longPath, "--record-size", kSize,
                                             "--record-fps", QString::number(kFps), kSample});
        QVERIFY(p.waitForStarted(10000));
        QByteArray out1;
        QElapsedTimer t;
        t.start();
        while (!out1.contains("record: frame 5/60") && t.elapsed() < 180000 && p.state() == QProcess::Running) {
            p.waitForReadyRead(1000);
            out1 += p.readAllStandardOutput();
        }
        QVERIFY2(out1.contains("record: frame 5/60"), out1.constData());
        ::kill(pid_t(p.processId()), sig);
        QVERIFY(p.waitForFinished(60000));
        out1 += p.readAllStandardOutput();
        const QString err = QString::fromUtf8(p.readAllStandardError());
        QCOMPARE(p.exitStatus(), QProcess::NormalExit);
        QVERIFY2(p.exitCode() == 130, qPrintable(err));
        QVERIFY2(err.contains(out) && err.contains(QLatin1String("cancelled at frame")), qPrintable(err));
        const int frames = out1.count("record: frame ");
        QVERIFY(frames >= 5 && frames < 60);
        const Mp4Info info = probeMp4(out);
        QVERIFY2(info.ok, qPrintable(info.error));
        QVERIFY2(std::abs(info.durationSeconds - double(frames) / kFps) <= 1.0 / kFps + 1e-6,
                 qPrintable(QStringLiteral("%1 s for %2 frames").arg(info.durationSeconds).arg(frames)));
        QString error;
        QCOMPARE(decodeMp4(out, &error).size(), frames);
        QVERIFY2(error.isEmpty(), qPrintable(error));
    }

    void unwritableOutput_data()
    {
        QTest::addColumn<QString>("out");
        QTest::newRow("missing folder") << QStringLiteral("no/such/folder/out.mp4");
        QTest::newRow("a folder") << QStringLiteral(".");
    }
    void unwritableOutput()
    {
        QFETCH(QString, out);
        const QString target = out == QLatin1String(".") ? m_dir.path() : m_dir.filePath(out);
        const AppRun r = record(target);
        QVERIFY2(r.exitCode == 3, r.what().constData());
        QVERIFY2(r.err.contains(target) && r.err.contains(QLatin1String("cannot write")), qPrintable(r.err));
        QVERIFY(!r.out.contains(QLatin1String("record: frame")));
    }

    void unknownTourLeavesNoFile()
    {
        const QString out = m_dir.filePath("notour.mp4");
        const AppRun r = runApp({"--record-tour", "No such tour", out, "--record-size", kSize, kSample}, 240000);
        QVERIFY2(r.exitCode == 2, r.what().constData());
        QVERIFY2(r.err.contains(out) && r.err.contains(QLatin1String("No such tour")), qPrintable(r.err));
        QVERIFY(!QFile::exists(out));
    }

    void badOptions_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        QTest::newRow("record without path") << QStringList{"--record", "x.mp4"} << "--record needs --camera-path";
        QTest::newRow("tour without output") << QStringList{"--record-tour", "T"} << "--record-tour needs";
        QTest::newRow("odd size") << QStringList{"--record", "x.mp4", "--camera-path", "p", "--record-size", "321x180"}
                                  << "--record-size";
        QTest::newRow("huge size") << QStringList{"--record", "x.mp4", "--camera-path", "p", "--record-size", "99999x180"}
                                   << "--record-size";
        QTest::newRow("fps 0") << QStringList{"--record", "x.mp4", "--camera-path", "p", "--record-fps", "0"} << "--record-fps";
        QTest::newRow("fps text") << QStringList{"--record", "x.mp4", "--camera-path", "p", "--record-fps", "fast"}
                                  << "--record-fps";
        QTest::newRow("quality 99") << QStringList{"--record", "x.mp4", "--camera-path", "p", "--record-quality", "99"}
                                    << "--record-quality";
        QTest::newRow("fps alone") << QStringList{"--record-fps", "25"} << "needs --record-tour or --record";
        QTest::newRow("with screenshot") << QStringList{"--record", "x.mp4", "--camera-path", "p", "--screenshot", "a.png"}
                                         << "do not go with --screenshot";
    }
    void badOptions()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        const AppRun r = runApp(args, 30000);
        QVERIFY2(r.exitCode == 64, r.what().constData());
        QVERIFY2(r.err.contains(message), qPrintable(r.err));
    }

    void badCameraPath()
    {
        const QString bad = write("bad.path", "0 1 2\n");
        const QString out = m_dir.filePath("badpath.mp4");
        const AppRun r = runApp({"--record", out, "--camera-path", bad, "--record-size", kSize, kSample}, 60000);
        QVERIFY2(r.exitCode == 2, r.what().constData());
        QVERIFY2(r.err.contains(QLatin1String("bad.path:1")), qPrintable(r.err));
        QVERIFY(!QFile::exists(out));
    }
};

QTEST_GUILESS_MAIN(TstRecordApp)
#include "tst_recordapp.moc"
