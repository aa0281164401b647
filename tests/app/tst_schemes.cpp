// Design schemes in the real app (xvfb-run): the demo's schemes (--scheme), flatten and clip of
// the photogrammetry inside a scheme's areas seen in screenshots, schemes and the active one
// kept through a project round trip, split and swipe comparison, hostile --scheme/--compare.
#include "TestRequire.h"
#include "AppRunner.h"

#include <QDir>
#include <QFile>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRect>
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

bool writeJson(const QString &path, const QJsonObject &o)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(QJsonDocument(o).toJson()) > 0;
}

/** Fraction of the pixels of rect (in a, at offset in b) whose colours differ by more than 40 (sum of |ΔRGB|). */
double changed(const QImage &a, const QImage &b, const QRect &rect, const QPoint &offsetInB = {})
{
    qint64 n = 0, diff = 0;
    for (int y = rect.top(); y <= rect.bottom(); ++y)
        for (int x = rect.left(); x <= rect.right(); ++x) {
            const QColor ca = a.pixelColor(x, y), cb = b.pixelColor(x + offsetInB.x(), y + offsetInB.y());
            ++n;
            if (std::abs(ca.red() - cb.red()) + std::abs(ca.green() - cb.green()) + std::abs(ca.blue() - cb.blue()) > 40)
                ++diff;
        }
    return n ? double(diff) / n : 0;
}

/**
 * A camera looking north, 45° down, at (x, y, z) of the local frame from distance d
 * (OSG AnimationPath: identity looks down −Z; +45° about X tilts the view to the north).
 */
QString writeObliquePath(const QString &file, double x, double y, double z, double d)
{
    const double s = std::sin(M_PI / 8), c = std::cos(M_PI / 8), h = d * std::sqrt(0.5);
    QFile f(file);
    f.open(QIODevice::WriteOnly);
    const QString pose = QStringLiteral("%1 %2 %3 %4 0 0 %5\n").arg(x, 0, 'f', 3).arg(y - h, 0, 'f', 3).arg(z + h, 0, 'f', 3).arg(s, 0, 'f', 6).arg(c, 0, 'f', 6);
    f.write((QStringLiteral("0 ") + pose + QStringLiteral("1 ") + pose).toUtf8());
    return file;
}

} // namespace

class tst_Schemes : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString m_demoDir;           ///< the generated demo district
    QProcessEnvironment m_env;
    QJsonObject m_demoSchemes;   ///< <demo>/schemes/schemes.json
    double m_east[4] = {0, 0, 0, 0}; ///< the east block's area in the local frame: minx, miny, maxx, maxy
    QString m_path;              ///< oblique camera on the east block

    AppRun run(const QStringList &args) { return runApp(args, 300000, m_env); }

    /** The demo project with one scheme made of areas only (no model), active or not. */
    QString writeAreaProject(const QString &name, const QString &mode, bool active)
    {
        QJsonObject p = readJson(m_demoDir + "/demo.liyuan.json");
        const QJsonObject eastArea = m_demoSchemes["schemes"].toArray()[1].toObject()["areas"].toArray()[0].toObject();
        QJsonObject area = eastArea;
        area["mode"] = mode;
        p["schemes"] = QJsonArray{QJsonObject{{"name", "areas only " + mode}, {"areas", QJsonArray{area}}}};
        p["activeScheme"] = active ? 0 : -1;
        const QString file = m_demoDir + "/" + name + ".liyuan.json"; // beside the demo: its relative paths hold
        writeJson(file, p);
        return file;
    }

private slots:
    void initTestCase()
    {
        if (qEnvironmentVariableIsEmpty("DISPLAY") && qEnvironmentVariable("QT_QPA_PLATFORM") != "offscreen")
            LIYUAN_SKIP("no display: run under xvfb-run");
        m_env = QProcessEnvironment::systemEnvironment();
        m_demoDir = m_dir.filePath("district");
        m_env.insert("LIYUAN_DEMO_DIR", m_demoDir);
        // (a) the demo with scheme C (index 2, the high-rise): generates the district once for all tests
        const QString png = m_dir.filePath("c.png"), json = m_dir.filePath("c.json");
        const AppRun r = run({"--screenshot", png, "--size", "640x480", "--state-json", json, "--scheme", "2"});
        QVERIFY2(r.exitCode == 0, r.what().constData());
        m_demoSchemes = readJson(m_demoDir + "/schemes/schemes.json");
        QCOMPARE(m_demoSchemes["schemes"].toArray().size(), 3);
        const QJsonObject project = readJson(m_demoDir + "/demo.liyuan.json");
        const QJsonArray origin = project["scene"].toObject()["origin"].toArray();
        QCOMPARE(origin.size(), 3);
        QCOMPARE(project["scene"].toObject()["crs"].toString(), m_demoSchemes["schemes"].toArray()[1].toObject()["areas"].toArray()[0].toObject()["crs"].toString());
        const QJsonArray ring = m_demoSchemes["schemes"].toArray()[1].toObject()["areas"].toArray()[0].toObject()["polygon"].toArray();
        m_east[0] = m_east[1] = 1e300;
        m_east[2] = m_east[3] = -1e300;
        for (const QJsonValue &v : ring) {
            const double x = v.toArray()[0].toDouble() - origin[0].toDouble(), y = v.toArray()[1].toDouble() - origin[1].toDouble();
            m_east[0] = std::min(m_east[0], x), m_east[1] = std::min(m_east[1], y);
            m_east[2] = std::max(m_east[2], x), m_east[3] = std::max(m_east[3], y);
        }
        QVERIFY(m_east[2] - m_east[0] > 20 && m_east[3] - m_east[1] > 20);
        m_path = writeObliquePath(m_dir.filePath("east.path"), 0.5 * (m_east[0] + m_east[2]), 0.5 * (m_east[1] + m_east[3]), 0, 110);
    }

    void demoSchemeActive()
    {
        // (a) --scheme 2: scheme C is reported active, its tower's layer is loaded and shown, the
        // other schemes' models are loaded but hidden, and its area flattens the photogrammetry
        const QJsonObject st = readJson(m_dir.filePath("c.json"));
        const QJsonObject sc = st["schemes"].toObject();
        // nothing to tell the user at start-up (an early check before the zones were loaded
        // once said "No protection zones")
        QVERIFY2(st["messages"].toArray().isEmpty(), QJsonDocument(st["messages"].toArray()).toJson().constData());
        QVERIFY2(sc["active"].toString().contains("High-rise"), qPrintable(sc["active"].toString()));
        QCOMPARE(sc["activeIndex"].toInt(), 2);
        QCOMPARE(sc["list"].toArray().size(), 3);
        QCOMPARE(sc["areaPolygons"].toInt(), 1);
        int shown = 0, hidden = 0;
        QString towerLayer;
        for (const QJsonValue &v : sc["models"].toArray()) {
            const QJsonObject m = v.toObject();
            QVERIFY2(m["loaded"].toBool(), qPrintable(m["file"].toString()));
            QVERIFY(m["placement"].toObject()["crs"].toString() == "EPSG:4549");
            if (m["visible"].toBool()) {
                ++shown;
                QVERIFY(m["scheme"].toString() == sc["active"].toString());
                towerLayer = m["layer"].toString();
            } else {
                ++hidden;
            }
        }
        QCOMPARE(shown, 1);
        QCOMPARE(hidden, 3);
        bool found = false;
        for (const QJsonValue &l : st["layers"].toArray())
            if (l.toObject()["id"].toString() == towerLayer) {
                found = true;
                QCOMPARE(l.toObject()["kind"].toString(), QStringLiteral("model"));
                QCOMPARE(l.toObject()["status"].toString(), QStringLiteral("ready"));
            }
        QVERIFY2(found, qPrintable(towerLayer));
        QVERIFY(st["tiles"].toObject()["settled"].toBool());
        QVERIFY(QImage(m_dir.filePath("c.png")).width() == 640);
    }

    void areasChangeOnlyTheirBlock_data()
    {
        QTest::addColumn<QString>("mode");
        QTest::newRow("flatten") << "flatten";
        QTest::newRow("clip") << "clip";
    }

    void areasChangeOnlyTheirBlock()
    {
        // (b, c) the same oblique view of the east courtyard block with the scheme's area
        // inactive and active: the block's buildings go (flattened to the ground / cut away),
        // what lies far from it stays pixel for pixel
        QFETCH(QString, mode);
        const QString off = m_dir.filePath("area-off-" + mode + ".png"), on = m_dir.filePath("area-on-" + mode + ".png");
        const QString json = m_dir.filePath("area-on-" + mode + ".json");
        AppRun r = run({"--screenshot", off, "--size", "640x480", "--camera-path", m_path, writeAreaProject("areas-off-" + mode, mode, false)});
        QVERIFY2(r.exitCode == 0, r.what().constData());
        r = run({"--screenshot", on, "--size", "640x480", "--camera-path", m_path, "--state-json", json,
                 writeAreaProject("areas-on-" + mode, mode, true)});
        QVERIFY2(r.exitCode == 0, r.what().constData());
        QCOMPARE(readJson(json)["schemes"].toObject()["areaPolygons"].toInt(), 1);
        const QImage a(off), b(on);
        QCOMPARE(a.size(), b.size());
        const double centre = changed(a, b, QRect(256, 192, 128, 96));
        const double top = changed(a, b, QRect(0, 0, 640, 40));
        const double bottom = changed(a, b, QRect(0, 440, 640, 40));
        const double whole = changed(a, b, a.rect());
        qInfo("%s: centre %.1f%% changed, top %.2f%%, bottom %.2f%%, whole %.1f%%", qPrintable(mode), centre * 100, top * 100,
              bottom * 100, whole * 100);
        QVERIFY2(centre > 0.3, "the block's buildings are gone");
        QVERIFY2(top < 0.02 && bottom < 0.02, "far from the block nothing changes");
        QVERIFY2(whole < 0.5, "only the block changes");
    }

    void sightlinesFollowTheAreas_data()
    {
        QTest::addColumn<QString>("mode");
        QTest::addColumn<bool>("active");
        QTest::addColumn<bool>("visible");
        QTest::addColumn<QStringList>("extra");
        QTest::newRow("area inactive: blocked") << "flatten" << false << false << QStringList();
        QTest::newRow("flattened: open") << "flatten" << true << true << QStringList();
        QTest::newRow("clipped: open") << "clip" << true << true << QStringList();
        QTest::newRow("section plane at 2 m: open") << "flatten" << false << true << QStringList{"--section-height", "2"};
    }
    void sightlinesFollowTheAreas()
    {
        // (h) picks follow the GPU's cuts: a sightline 3 m above the ground across the east block
        // is blocked by today's buildings, and open once the scheme's area flattens them to the
        // ground or clips them away, or a section plane below the line cuts them (the ray is cast
        // against what is drawn, not the tile data)
        QFETCH(QString, mode);
        QFETCH(bool, active);
        QFETCH(bool, visible);
        QFETCH(QStringList, extra);
        const double cy = 0.5 * (m_east[1] + m_east[3]);
        const QString line = QStringLiteral("sightline:%1,%2,3;%3,%2,3").arg(m_east[0] + 2, 0, 'f', 3).arg(cy, 0, 'f', 3)
                                     .arg(m_east[2] - 2, 0, 'f', 3);
        const QString tag = QStringLiteral("sight-%1-%2-%3").arg(mode).arg(active).arg(extra.size());
        const QString json = m_dir.filePath(tag + ".json");
        const AppRun r = run(QStringList{writeAreaProject(tag, mode, active), "--measure", line, "--camera-path", m_path, "--size",
                                         "640x480", "--screenshot", m_dir.filePath(tag + ".png"), "--state-json", json}
                             + extra);
        QVERIFY2(r.exitCode == 0, r.what().constData());
        const QJsonArray lines = readJson(json)["review"].toObject()["sightlines"].toArray();
        QCOMPARE(lines.size(), 1);
        const QJsonObject sl = lines[0].toObject();
        qInfo("%s", QJsonDocument(sl).toJson(QJsonDocument::Compact).constData());
        QCOMPARE(sl["visible"].toBool(), visible);
    }

    void projectRoundTripKeepsSchemes()
    {
        // (d) demo with scheme B shown, saved; reopened and saved again: same schemes, same active
        const QString p1 = m_dir.filePath("trip/one.liyuan.json"), p2 = m_dir.filePath("trip/two.liyuan.json");
        QDir().mkpath(m_dir.filePath("trip"));
        AppRun r = run({"--screenshot", m_dir.filePath("trip1.png"), "--size", "320x240", "--scheme", "B", "--save-project", p1,
                        "--state-json", m_dir.filePath("trip1.json")});
        QVERIFY2(r.exitCode == 0, r.what().constData());
        r = run({"--screenshot", m_dir.filePath("trip2.png"), "--size", "320x240", "--save-project", p2, "--state-json",
                 m_dir.filePath("trip2.json"), p1});
        QVERIFY2(r.exitCode == 0, r.what().constData());
        const QJsonObject a = readJson(p1), b = readJson(p2);
        QCOMPARE(a["schemes"].toArray().size(), 3);
        QCOMPARE(a["activeScheme"].toInt(), 1);
        QCOMPARE(b["activeScheme"].toInt(), 1);
        QCOMPARE(b["schemes"], a["schemes"]); // names, models (paths, placements, layer ids), areas
        QCOMPARE(b["layers"], a["layers"]);
        // scheme models live in the schemes, not twice as plain layers; their paths are relative
        for (const QJsonValue &l : a["layers"].toArray())
            QVERIFY2(l.toObject()["kind"].toString() != "model", qPrintable(l.toObject()["id"].toString()));
        for (const QJsonValue &s : a["schemes"].toArray())
            for (const QJsonValue &m : s.toObject()["models"].toArray()) {
                QVERIFY(QFileInfo(m.toObject()["path"].toString()).isRelative());
                QVERIFY(!m.toObject()["id"].toString().isEmpty());
            }
        const QJsonObject s1 = readJson(m_dir.filePath("trip1.json"))["schemes"].toObject();
        const QJsonObject s2 = readJson(m_dir.filePath("trip2.json"))["schemes"].toObject();
        QCOMPARE(s2["active"], s1["active"]);
        QCOMPARE(s2["models"], s1["models"]);
        QCOMPARE(readJson(m_dir.filePath("trip2.json"))["layers"].toArray().size(),
                 readJson(m_dir.filePath("trip1.json"))["layers"].toArray().size());
    }

    void splitAndSwipe()
    {
        // (e) today's city against scheme C: split halves show the same camera (locked) and
        // differ only where the tower stands; swipe = left of the slider the main view, right
        // of it the compared scheme, pixel for pixel like full renders of each
        const QString none = m_dir.filePath("cmp-none.png"), full = m_dir.filePath("cmp-c.png");
        const QString split = m_dir.filePath("cmp-split.png"), splitNone = m_dir.filePath("cmp-split-none.png");
        const QString swipe = m_dir.filePath("cmp-swipe.png"), json = m_dir.filePath("cmp-split.json");
        const QStringList common{"--size", "640x480", "--camera-path", m_path};
        // the camera layer's icons and labels, like the POI labels, are drawn by the main view
        // only: these runs open the demo without its cameras, so the halves compare the scene
        QJsonObject plain = readJson(m_demoDir + "/demo.liyuan.json");
        QVERIFY(plain.contains("cameras"));
        plain.remove("cameras");
        const QString plainProject = m_demoDir + "/cameraless.liyuan.json";
        QVERIFY(writeJson(plainProject, plain));
        AppRun r = run(QStringList{plainProject, "--screenshot", none} + common);
        QVERIFY2(r.exitCode == 0, r.what().constData());
        r = run(QStringList{plainProject, "--screenshot", full, "--scheme", "C"} + common);
        QVERIFY2(r.exitCode == 0, r.what().constData());
        r = run(QStringList{plainProject, "--screenshot", split, "--compare", "split:C", "--state-json", json} + common);
        QVERIFY2(r.exitCode == 0, r.what().constData());
        r = run(QStringList{plainProject, "--screenshot", splitNone, "--compare", "split:none"} + common);
        QVERIFY2(r.exitCode == 0, r.what().constData());
        // swipe against scheme C, the high-rise. The height check's highlight is drawn by the main
        // view only, so these three runs open the demo without protection zones (no check, no
        // highlight): then the compared side must match a full render of C pixel for pixel
        QJsonObject zoneless = readJson(m_demoDir + "/demo.liyuan.json");
        QJsonArray keep;
        for (const QJsonValue &l : zoneless["layers"].toArray())
            if (l.toObject()["id"].toString() != QLatin1String("heritage_zones"))
                keep.append(l);
        QVERIFY(keep.size() + 1 == zoneless["layers"].toArray().size());
        zoneless["layers"] = keep;
        zoneless.remove("cameras");
        const QString zonelessProject = m_demoDir + "/zoneless.liyuan.json"; // beside the demo: its relative paths hold
        QVERIFY(writeJson(zonelessProject, zoneless));
        const QString noneZ = m_dir.filePath("cmp-none-z.png"), fullC = m_dir.filePath("cmp-c-z.png");
        const QString swipeJson = m_dir.filePath("cmp-swipe.json");
        r = run(QStringList{zonelessProject, "--screenshot", noneZ} + common);
        QVERIFY2(r.exitCode == 0, r.what().constData());
        r = run(QStringList{zonelessProject, "--screenshot", fullC, "--scheme", "C"} + common);
        QVERIFY2(r.exitCode == 0, r.what().constData());
        r = run(QStringList{zonelessProject, "--screenshot", swipe, "--compare", "swipe:C", "--state-json", swipeJson} + common);
        QVERIFY2(r.exitCode == 0, r.what().constData());
        const QJsonObject swipeCmp = readJson(swipeJson)["schemes"].toObject()["compare"].toObject();
        QCOMPARE(swipeCmp["mode"].toString(), QStringLiteral("swipe"));
        QVERIFY(swipeCmp["scheme"].toString().contains("High-rise"));
        const QJsonObject cmp = readJson(json)["schemes"].toObject()["compare"].toObject();
        QCOMPARE(cmp["mode"].toString(), QStringLiteral("split"));
        QVERIFY(cmp["scheme"].toString().contains("High-rise"));

        const QImage sn(splitNone), sc(split), n(none), c(full), sw(swipe), nz(noneZ), cz(fullC);
        const QRect left(0, 0, 320, 480);
        const double same = changed(sn, sn, left, QPoint(320, 0));
        const double tower = changed(sc, sc, left, QPoint(320, 0));
        const double towerFull = changed(n, c, n.rect());
        qInfo("split: halves differ %.2f%% (same scheme) / %.1f%% (today vs C); full renders differ %.1f%%", same * 100,
              tower * 100, towerFull * 100);
        // (POI labels are drawn over the main view only: a few per cent)
        QVERIFY2(same < 0.03, "locked cameras: both halves show the same picture");
        QVERIFY2(tower > 0.05, "the right half shows scheme C's tower");
        QVERIFY2(towerFull > 0.05, "scheme C changes the view");
        // swipe at 0.5: left half as today, right half as scheme C (the same view size)
        const double leftAsNone = changed(sw, nz, QRect(0, 0, 316, 480));
        const double rightAsC = changed(sw, cz, QRect(324, 0, 316, 480));
        const double rightAsNone = changed(sw, nz, QRect(324, 0, 316, 480));
        const double leftAsC = changed(sw, cz, QRect(0, 0, 316, 480));
        qInfo("swipe: left vs today %.2f%%, right vs C %.2f%%, right vs today %.1f%%, left vs C %.1f%%", leftAsNone * 100,
              rightAsC * 100, rightAsNone * 100, leftAsC * 100);
        QVERIFY2(leftAsNone < 0.03, "left of the slider: the main view (today's city)");
        QVERIFY2(rightAsC < 0.03, "right of the slider: the compared scheme");
        QVERIFY2(rightAsNone > 0.02, "the right side is not today's city");
        QVERIFY2(leftAsC > 0.02, "the left side is not scheme C");
    }

    void comparePicksWhatEachViewShows()
    {
        // (f) a click picks what the view under it draws: in the split view scheme C's tower, at
        // the same pixel of the main view (today's city) the photogrammetry, never the tower
        // that the main view does not draw. Real clicks (--input); zone volumes hidden so that
        // the nearest surface decides.
        QJsonObject p = readJson(m_demoDir + "/demo.liyuan.json");
        QJsonArray layers = p["layers"].toArray();
        for (int i = 0; i < layers.size(); ++i) {
            QJsonObject l = layers[i].toObject();
            if (l["id"].toString() == "heritage_zones") {
                l["visible"] = false;
                layers[i] = l;
            }
        }
        p["layers"] = layers;
        const QString project = m_demoDir + "/pick.liyuan.json";
        writeJson(project, p);
        auto runClick = [&](const QString &target, QJsonObject *state) {
            const QString script = m_dir.filePath("click-" + target + ".txt"), json = m_dir.filePath("click-" + target + ".json");
            QFile f(script);
            if (!f.open(QIODevice::WriteOnly))
                return false;
            f.write(("click #" + target + "\n").toUtf8());
            f.close();
            const AppRun r = run({project, "--compare", "split:C", "--input", script, "--camera-path", m_path, "--size",
                                  "1280x720", "--lang", "en", "--screenshot", m_dir.filePath("click-" + target + ".png"),
                                  "--state-json", json});
            if (r.exitCode != 0)
                qWarning("%s", qPrintable(r.err));
            *state = readJson(json);
            return r.exitCode == 0;
        };
        QJsonObject right, left;
        QVERIFY(runClick("compareViewArea", &right));
        QVERIFY(runClick("sceneView", &left));
        QString towerLayer;
        for (const QJsonValue &m : right["schemes"].toObject()["models"].toArray())
            if (m.toObject()["file"].toString().endsWith("c_tower.glb"))
                towerLayer = m.toObject()["layer"].toString();
        QVERIFY(!towerLayer.isEmpty());
        const QString picked = right["selection"].toObject()["layerId"].toString();
        const QString pickedLeft = left["selection"].toObject()["layerId"].toString();
        qInfo("centre click: compared view picked '%s', main view picked '%s'", qPrintable(picked), qPrintable(pickedLeft));
        QCOMPARE(picked, towerLayer);
        QVERIFY2(!pickedLeft.isEmpty() && pickedLeft != towerLayer, qPrintable(pickedLeft));
    }

    void keyCStepsTheComparison()
    {
        // (g) C steps the comparison off → split → swipe → off; seven presses go round twice
        // (the compared view is created and destroyed each round) and end side by side
        const QString script = m_dir.filePath("keys-c.txt"), json = m_dir.filePath("keys-c.json");
        QString text = "click #sceneView\n"; // the view takes the keyboard focus
        for (int i = 0; i < 7; ++i)
            text += "key c\nwait 300\n";
        QFile f(script);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(text.toUtf8());
        f.close();
        const AppRun r = run({m_demoDir + "/demo.liyuan.json", "--input", script, "--camera-path", m_path, "--size", "960x540",
                              "--lang", "en", "--screenshot", m_dir.filePath("keys-c.png"), "--state-json", json});
        QVERIFY2(r.exitCode == 0, r.what().constData());
        QCOMPARE(readJson(json)["schemes"].toObject()["compare"].toObject()["mode"].toString(), QStringLiteral("split"));
    }

    void hostileSchemeArguments_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("expected");
        QTest::newRow("unknown name") << QStringList{"--scheme", "no such scheme"} << "No scheme matches";
        QTest::newRow("index out of range") << QStringList{"--scheme", "7"} << "No scheme matches";
        QTest::newRow("negative index") << QStringList{"--scheme=-3"} << "No scheme matches";
        QTest::newRow("bad compare mode") << QStringList{"--compare", "sideways:C"} << "--compare must be";
        QTest::newRow("unknown compare scheme") << QStringList{"--compare", "split:Z"} << "to compare with";
    }

    void hostileSchemeArguments()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, expected);
        const AppRun r = run(QStringList{"--screenshot", m_dir.filePath("bad.png"), "--size", "320x240", "--lang", "en"} + args);
        QVERIFY2(r.finished, "exits, does not hang");
        QVERIFY2(r.exitCode != 0, qPrintable(r.out));
        QVERIFY2(r.err.contains(expected), qPrintable(r.err));
    }
};

QTEST_GUILESS_MAIN(tst_Schemes)
#include "tst_schemes.moc"
