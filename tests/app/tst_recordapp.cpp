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
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
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

    void tourRecorded()
    {
        // a project with the sample and a tour over two views at the flight's ends: A (path t=0)
        // shown 1 s (cut), then a 1 s eased flight to B (path t=2) held 0.5 s: 2.5 s
        QVERIFY(m_shots.contains(0));
        const QString proj = m_dir.filePath("tour.liyuan.json"), png = m_dir.filePath("tourB.png");
        AppRun r = runApp({"--screenshot", png, "--size", kSize, "--camera-path", m_path, "--time", "2",
                           "--save-project", proj, kSample}, 240000);
        QVERIFY2(r.exitCode == 0, r.what().constData());
        const QImage shotB = throughI420(QImage(png));
        QFile f(proj);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QJsonObject project = QJsonDocument::fromJson(f.readAll()).object();
        f.close();
        auto view = [](const char *name, double y, double z, double w, double x) {
            return QJsonObject{{"name", name},
                               {"camera", QJsonObject{{"eye", QJsonArray{50.0, y, z}}, {"rotation", QJsonArray{w, x, 0.0, 0.0}}, {"fov", 45.0}}},
                               {"state", QJsonObject{}}};
        };
        auto step = [](const char *v, double duration, const char *transition, double td) {
            return QJsonObject{{"view", v}, {"duration", duration}, {"transition", transition}, {"transitionDuration", td}};
        };
        project.insert("presenter",
                       QJsonObject{{"views", QJsonArray{view("A", 1350, 450, 1, 0), view("B", 1300, 300, 0.984808, 0.173648)}},
                                   {"tours", QJsonArray{QJsonObject{{"name", "Overview"},
                                                                    {"steps", QJsonArray{step("A", 1, "cut", 0),
                                                                                         step("B", 1.5, "flight", 1)}}}}}});
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(QJsonDocument(project).toJson());
        f.close();

        const QString out = m_dir.filePath("tour.mp4");
        r = runApp({"--record-tour", "Overview", out, "--record-size", kSize, "--record-fps", QString::number(kFps), proj}, 240000);
        QVERIFY2(r.exitCode == 0, r.what().constData());
        QVERIFY2(r.out.contains(QStringLiteral("record: frame 25/25\n")), qPrintable(r.out));
        const Mp4Info info = probeMp4(out);
        QVERIFY2(info.ok, qPrintable(info.error));
        QVERIFY2(info.videoCaps.startsWith(QLatin1String("video/x-h264")), qPrintable(info.videoCaps));
        QCOMPARE(QSize(info.width, info.height), QSize(320, 180));
        QVERIFY2(std::abs(info.durationSeconds - 2.5) <= 1.0 / kFps + 1e-6, qPrintable(QString::number(info.durationSeconds)));
        QString error;
        const QVector<QImage> frames = decodeMp4(out, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(frames.size(), 25);
        const QImage &shotA = m_shots[0];
        const double a0 = meanAbsDiff(frames[0], shotA), a9 = meanAbsDiff(frames[9], shotA);
        const double b24 = meanAbsDiff(frames[24], shotB), b21 = meanAbsDiff(frames[21], shotB);
        const double midA = meanAbsDiff(frames[15], shotA), midB = meanAbsDiff(frames[15], shotB);
        qInfo("tour: frames 0/9 vs A %.2f/%.2f, 21/24 vs B %.2f/%.2f, mid-flight 15 vs A %.2f, vs B %.2f", a0, a9, b21,
              b24, midA, midB);
        QVERIFY(a0 < 2.5 && a9 < 2.5 && b21 < 2.5 && b24 < 2.5);
        QVERIFY(midA > 2 * std::max(a0, a9) + 1.0 && midB > 2 * std::max(b21, b24) + 1.0); // the flight is under way
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

    void unknownTourLeavesNoFile_data()
    {
        QTest::addColumn<bool>("equalsForm");
        QTest::newRow("--record-tour NAME OUT") << false;
        QTest::newRow("--record-tour=NAME OUT") << true;
    }
    void unknownTourLeavesNoFile()
    {
        QFETCH(bool, equalsForm);
        const QString out = m_dir.filePath("notour.mp4");
        const QStringList tour = equalsForm ? QStringList{"--record-tour=No such tour", out}
                                            : QStringList{"--record-tour", "No such tour", out};
        const AppRun r = runApp(tour + QStringList{"--record-size", kSize, kSample}, 240000);
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
