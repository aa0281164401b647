// Video walls and stills through the real app (xvfb-run): a tiled --export-still equals one
// large --screenshot of the same view (per-pixel tolerance, no seam at the tile edges); the two
// screens of a 2×1 wall (--wall FILE --wall-screen ID, two processes with the same camera path)
// equal the two halves of one render; hostile wall/still options exit with the documented codes.
#include "TestRequire.h"
#include "AppRunner.h"

#include <QFile>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

#include <cmath>

namespace {
QJsonObject readJson(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(f.readAll()).object();
}

QString fixture(const QString &name)
{
    return QStringLiteral(LIYUAN_SOURCE_DIR "/tests/wall/fixtures/") + name;
}

int delta(QRgb a, QRgb b)
{
    return std::abs(qRed(a) - qRed(b)) + std::abs(qGreen(a) - qGreen(b)) + std::abs(qBlue(a) - qBlue(b));
}

/** Pixels of rect in a (at offset in b) whose colours differ by more than 40 (sum of |ΔRGB|), and the mean difference. */
struct Diff
{
    qint64 pixels = 0, changed = 0;
    double sum = 0;
    double fraction() const { return pixels ? double(changed) / pixels : 0; }
    double mean() const { return pixels ? sum / pixels : 0; }
};
Diff compare(const QImage &a, const QImage &b, const QRect &rect, const QPoint &offsetInB = {})
{
    Diff d;
    for (int y = rect.top(); y <= rect.bottom(); ++y) {
        const QRgb *la = reinterpret_cast<const QRgb *>(a.constScanLine(y));
        const QRgb *lb = reinterpret_cast<const QRgb *>(b.constScanLine(y + offsetInB.y()));
        for (int x = rect.left(); x <= rect.right(); ++x) {
            const int e = delta(la[x], lb[x + offsetInB.x()]);
            ++d.pixels;
            d.sum += e;
            if (e > 40)
                ++d.changed;
        }
    }
    return d;
}

/** Colours in the image: a picture of the district, not a blank sky. */
int distinctColours(const QImage &img)
{
    QSet<QRgb> c;
    for (int y = 0; y < img.height(); y += 7)
        for (int x = 0; x < img.width(); x += 7)
            c.insert(img.pixel(x, y) & 0xf0f0f0);
    return int(c.size());
}
} // namespace

class tst_WallApp : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QProcessEnvironment m_env;
    QString m_path; ///< the demo's Home pose as a camera path
    AppRun run(const QStringList &args, int ms = 600000) { return runApp(args, ms, m_env); }
    QImage load(const QString &file)
    {
        QImage img(file);
        return img.convertToFormat(QImage::Format_RGB32);
    }

private slots:
    void initTestCase()
    {
        if (qEnvironmentVariableIsEmpty("DISPLAY") && qEnvironmentVariable("QT_QPA_PLATFORM") != "offscreen")
            LIYUAN_SKIP("no display: run under xvfb-run");
        QVERIFY(m_dir.isValid());
        m_env = QProcessEnvironment::systemEnvironment();
        m_env.insert("LIYUAN_DEMO_DIR", m_dir.filePath("district"));
        // the demo district (generated once) and its Home view, kept as a camera path
        const QString png = m_dir.filePath("home.png"), json = m_dir.filePath("home.json");
        const AppRun r = run({"--screenshot", png, "--size", "640x360", "--state-json", json});
        QVERIFY2(r.exitCode == 0, r.what().constData());
        const QJsonObject cam = readJson(json)["camera"].toObject();
        const QJsonObject local = cam["local"].toObject();
        const QJsonArray eye{local["x"], local["y"], local["z"]}, q = cam["rotation"].toArray();
        QVERIFY(local.contains("x") && local.contains("y") && local.contains("z"));
        QCOMPARE(q.size(), 4);
        QVERIFY(!cam.contains("subView"));
        m_path = m_dir.filePath("home.path");
        QFile f(m_path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        const QString pose = QStringLiteral("%1 %2 %3 %4 %5 %6 %7\n")
                                     .arg(eye[0].toDouble(), 0, 'f', 4).arg(eye[1].toDouble(), 0, 'f', 4)
                                     .arg(eye[2].toDouble(), 0, 'f', 4).arg(q[0].toDouble(), 0, 'f', 8)
                                     .arg(q[1].toDouble(), 0, 'f', 8).arg(q[2].toDouble(), 0, 'f', 8)
                                     .arg(q[3].toDouble(), 0, 'f', 8);
        f.write(("0 " + pose + "1 " + pose).toUtf8());
    }

    void tiledStillEqualsOneLargeRender_data()
    {
        QTest::addColumn<QSize>("still");
        QTest::addColumn<QSize>("window");
        QTest::addColumn<int>("tiles");
        QTest::newRow("2x2 of 640x360 = 1280x720") << QSize(1280, 720) << QSize(640, 360) << 4;
        QTest::newRow("partial tiles: 1000x700 by 640x360") << QSize(1000, 700) << QSize(640, 360) << 4;
    }
    void tiledStillEqualsOneLargeRender()
    {
        QFETCH(QSize, still);
        QFETCH(QSize, window);
        QFETCH(int, tiles);
        const QString sz = QStringLiteral("%1x%2").arg(still.width()).arg(still.height());
        const QString ref = m_dir.filePath("ref-" + sz + ".png"), out = m_dir.filePath("still-" + sz + ".png");
        const QString json = m_dir.filePath("still-" + sz + ".json");
        AppRun r = run({"--screenshot", ref, "--size", sz, "--camera-path", m_path, "--no-overlays"});
        QVERIFY2(r.exitCode == 0, r.what().constData());
        r = run({"--export-still", out, "--still-size", sz, "--size", QStringLiteral("%1x%2").arg(window.width()).arg(window.height()),
                 "--camera-path", m_path, "--state-json", json});
        QVERIFY2(r.exitCode == 0, r.what().constData());
        QVERIFY2(r.out.contains(QStringLiteral("still %1: %2, %3 tiles").arg(out, sz).arg(tiles)), r.what().constData());
        QVERIFY2(r.out.contains(QStringLiteral("row 1/2")) && r.out.contains(QStringLiteral("row 2/2")), r.what().constData()); // progress
        const QJsonObject st = readJson(json)["still"].toObject();
        QCOMPARE(st["tiles"].toInt(), tiles);
        QCOMPARE(st["unsettledTiles"].toInt(), 0);
        QVERIFY(!QFile::exists(out + ".part"));
        const QImage a = load(out), b = load(ref);
        QCOMPARE(a.size(), still);
        QCOMPARE(b.size(), still);
        QVERIFY2(distinctColours(b) > 20, "the reference shows no district");
        const Diff all = compare(a, b, a.rect());
        qInfo("whole still: %.3f%% pixels differ, mean |ΔRGB| %.2f", 100 * all.fraction(), all.mean());
        QVERIFY2(all.fraction() < 0.01 && all.mean() < 3.0,
                 qPrintable(QStringLiteral("%1% of the pixels differ (mean %2)").arg(100 * all.fraction()).arg(all.mean())));
        // no seam: the bands either side of every tile edge match the single render as well as the rest does
        for (int x = window.width(); x < still.width(); x += window.width()) {
            const Diff seam = compare(a, b, QRect(x - 2, 0, 4, still.height()));
            QVERIFY2(seam.fraction() < 0.02 && seam.mean() < 4.0,
                     qPrintable(QStringLiteral("seam at x=%1: %2% differ, mean %3").arg(x).arg(100 * seam.fraction()).arg(seam.mean())));
        }
        for (int y = window.height(); y < still.height(); y += window.height()) {
            const Diff seam = compare(a, b, QRect(0, y - 2, still.width(), 4));
            QVERIFY2(seam.fraction() < 0.02 && seam.mean() < 4.0,
                     qPrintable(QStringLiteral("seam at y=%1: %2% differ, mean %3").arg(y).arg(100 * seam.fraction()).arg(seam.mean())));
        }
    }

    void wallHalvesMatchCropsOfTheFullRender()
    {
        // wall-2x1.json: two 1000×562.5 mm screens without bezels, windows of 640×360 at x 0 and 640
        const QString full = m_dir.filePath("wall-full.png");
        AppRun r = run({"--screenshot", full, "--size", "1280x360", "--camera-path", m_path, "--no-overlays"});
        QVERIFY2(r.exitCode == 0, r.what().constData());
        const QImage whole = load(full);
        QCOMPARE(whole.size(), QSize(1280, 360));
        // the two screens as two processes at once
        QProcess left, right;
        left.setProcessEnvironment(m_env);
        right.setProcessEnvironment(m_env);
        const QString l = m_dir.filePath("wall-left.png"), rr = m_dir.filePath("wall-right.png");
        const QString lj = m_dir.filePath("wall-left.json");
        left.start(LIYUAN_APP, {"--wall", fixture("wall-2x1.json"), "--wall-screen", "left", "--screenshot", l,
                                "--camera-path", m_path, "--state-json", lj, "--no-overlays"});
        right.start(LIYUAN_APP, {"--wall", fixture("wall-2x1.json"), "--wall-screen", "right", "--screenshot", rr,
                                 "--camera-path", m_path, "--no-overlays"});
        QVERIFY(left.waitForFinished(600000));
        QVERIFY(right.waitForFinished(600000));
        QVERIFY2(left.exitCode() == 0, left.readAllStandardError().constData());
        QVERIFY2(right.exitCode() == 0, right.readAllStandardError().constData());
        const QJsonArray sub = readJson(lj)["camera"].toObject()["subView"].toArray();
        QCOMPARE(sub.size(), 5);
        QCOMPARE(sub[0].toDouble(), -1.0);
        QCOMPARE(sub[1].toDouble(), 0.0);
        const QImage a = load(l), b = load(rr);
        QCOMPARE(a.size(), QSize(640, 360));
        QCOMPARE(b.size(), QSize(640, 360));
        QVERIFY2(distinctColours(a) > 10 && distinctColours(b) > 10, "a wall screen shows no district");
        const Diff dl = compare(a, whole, a.rect(), QPoint(0, 0));
        const Diff dr = compare(b, whole, b.rect(), QPoint(640, 0));
        qInfo("left %.3f%% / right %.3f%% differ", 100 * dl.fraction(), 100 * dr.fraction());
        QVERIFY2(dl.fraction() < 0.01 && dl.mean() < 3.0, qPrintable(QStringLiteral("left: %1%").arg(100 * dl.fraction())));
        QVERIFY2(dr.fraction() < 0.01 && dr.mean() < 3.0, qPrintable(QStringLiteral("right: %1%").arg(100 * dr.fraction())));
        // and the halves really are different parts of the picture
        QVERIFY(compare(a, whole, a.rect(), QPoint(640, 0)).fraction() > 0.05);
    }

    void hostileOptions_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("message");
        QTest::newRow("overlapping layout") << QStringList{"--wall", fixture("bad-overlap.json"), "--wall-screen", "a"} << 2
                                            << "bad-overlap.json: screens \"a\" and \"b\" overlap";
        QTest::newRow("not JSON") << QStringList{"--wall", fixture("bad-not-json.json"), "--wall-screen", "a"} << 2
                                  << "bad-not-json.json: not a JSON wall layout";
        QTest::newRow("unknown screen") << QStringList{"--wall", fixture("wall-2x1.json"), "--wall-screen", "middle"} << 2
                                        << "no screen \"middle\" (screens: left, right)";
        QTest::newRow("missing output") << QStringList{"--wall", fixture("wall-2x2-bezels.json"), "--wall-screen", "a"} << 2
                                        << "screen \"a\": no output \"DP-1\"";
        QTest::newRow("screen without wall") << QStringList{"--wall-screen", "left"} << 64 << "--wall-screen needs --wall";
        QTest::newRow("still size zero") << QStringList{"--export-still", "x.png", "--still-size", "0x100"} << 64
                                         << "--still-size must be WxH";
        QTest::newRow("still size huge") << QStringList{"--export-still", "x.png", "--still-size", "40000x100"} << 64
                                         << "--still-size must be WxH";
        QTest::newRow("size without still") << QStringList{"--still-size", "100x100"} << 64 << "--still-size needs --export-still";
        QTest::newRow("still and screenshot") << QStringList{"--export-still", "x.png", "--screenshot", "y.png"} << 64
                                              << "cannot be combined";
    }
    void hostileOptions()
    {
        QFETCH(QStringList, args);
        QFETCH(int, code);
        QFETCH(QString, message);
        const AppRun r = run(args, 120000);
        QVERIFY2(r.exitCode == code, r.what().constData());
        QVERIFY2(r.err.contains(message), r.what().constData());
    }

    void stillToAnUnwritablePlace()
    {
        const AppRun r = run({"--export-still", "/proc/no-such-dir/still.png", "--still-size", "800x400", "--size", "400x200",
                              "--camera-path", m_path});
        QVERIFY2(r.exitCode == 3, r.what().constData());
        QVERIFY2(r.err.contains("/proc/no-such-dir/still.png: cannot write"), r.what().constData());
    }
};

QTEST_GUILESS_MAIN(tst_WallApp)
#include "tst_wallapp.moc"
