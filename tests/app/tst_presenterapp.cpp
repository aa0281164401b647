// Presenter views and tours through the real app on the demo district (xvfb-run): a view that
// holds layer visibility, a scheme, a drill-down and a section is saved with the project and
// restored by --view; a tour shown at --tour-time is the same picture twice and another at 0;
// clicker keys from an --input script step through the tour and blank the screen; PageDown
// without a tour still moves the camera; unknown views and malformed presenter parts are named.
#include "TestRequire.h"
#include "AppRunner.h"

#include <QDir>
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

bool writeJson(const QString &path, const QJsonObject &o)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(QJsonDocument(o).toJson()) > 0;
}

bool writeText(const QString &path, const QByteArray &text)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(text) == text.size();
}

/** Share of pixels that differ by more than tol in any channel. */
double differingShare(const QImage &a, const QImage &b, int tol)
{
    if (a.size() != b.size())
        return 1.0;
    const QImage x = a.convertToFormat(QImage::Format_RGB32), y = b.convertToFormat(QImage::Format_RGB32);
    qint64 n = 0;
    for (int r = 0; r < x.height(); ++r) {
        const QRgb *p = reinterpret_cast<const QRgb *>(x.constScanLine(r));
        const QRgb *q = reinterpret_cast<const QRgb *>(y.constScanLine(r));
        for (int c = 0; c < x.width(); ++c)
            if (std::abs(qRed(p[c]) - qRed(q[c])) > tol || std::abs(qGreen(p[c]) - qGreen(q[c])) > tol
                || std::abs(qBlue(p[c]) - qBlue(q[c])) > tol)
                ++n;
    }
    return double(n) / (double(x.width()) * x.height());
}
} // namespace

class tst_PresenterApp : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString m_demoDir;
    QProcessEnvironment m_env;
    QJsonObject m_captured;   ///< presenter.sceneState of the run that saved the view
    QJsonObject m_savedView;  ///< the view as saved in the project
    QString m_project;        ///< the saved project, base state changed (scheme none, layers flipped)
    QString m_tourProject;    ///< + a second view and a tour

    AppRun run(const QStringList &args) { return runApp(args + QStringList{"--lang", "en", "--timeout", "400"}, 480000, m_env); }

private slots:
    void initTestCase()
    {
        if (qEnvironmentVariableIsEmpty("DISPLAY") && qEnvironmentVariable("QT_QPA_PLATFORM") != "offscreen")
            LIYUAN_SKIP("no display: run under xvfb-run");
        QVERIFY(m_dir.isValid());
        m_env = QProcessEnvironment::systemEnvironment();
        m_demoDir = m_dir.filePath("district");
        m_env.insert("LIYUAN_DEMO_DIR", m_demoDir);
        // the demo with a scheme, a drill-down to floor 3 of the tower and a section: saved as view "Tower"
        const QString p1 = m_demoDir + "/p1.liyuan.json", json = m_dir.filePath("s1.json");
        const AppRun r = run({"--screenshot", m_dir.filePath("s1.png"), "--size", "640x480", "--scheme", "1", "--focus", "tower/3",
                              "--explode", "--section-height", "30", "--add-view", "Tower", "--save-project", p1, "--state-json", json});
        QVERIFY2(r.exitCode == 0, r.what().constData());
        const QJsonObject presenter = readJson(json)["presenter"].toObject();
        QCOMPARE(presenter["views"].toArray(), QJsonArray{"Tower"});
        m_captured = presenter["sceneState"].toObject();
        QCOMPARE(m_captured["drill"].toObject()["building"].toString(), QStringLiteral("tower"));
        QCOMPARE(m_captured["drill"].toObject()["floor"].toInt(), 3);
        QVERIFY(!m_captured["scheme"].toString().isEmpty());
        QCOMPARE(m_captured["section"].toObject()["plane"].toArray(), (QJsonArray{0, 0, 1, -30}));
        QVERIFY(m_captured["layers"].toObject()["pois"].toObject()["visible"].toBool());
        QVERIFY(!m_captured["layers"].toObject()["buildings"].toObject()["visible"].toBool());

        // the project part holds the view; the project's own state is set apart from it
        QJsonObject p = readJson(p1);
        const QJsonArray views = p["presenter"].toObject()["views"].toArray();
        QCOMPARE(views.size(), 1);
        m_savedView = views[0].toObject();
        QCOMPARE(m_savedView["state"].toObject(), m_captured);
        p["activeScheme"] = -1;
        QJsonArray layers = p["layers"].toArray();
        for (qsizetype i = 0; i < layers.size(); ++i) {
            QJsonObject l = layers[i].toObject();
            if (l["id"] == "pois")
                l["visible"] = false;
            if (l["id"] == "buildings")
                l["visible"] = true;
            layers[i] = l;
        }
        p["layers"] = layers;
        m_project = m_demoDir + "/p2.liyuan.json"; // beside the demo: its relative paths hold
        QVERIFY(writeJson(m_project, p));

        // a second view (high over the district, no scheme, no drill, no section) and a tour
        QJsonObject overview = m_savedView;
        overview["name"] = "Overview";
        QJsonObject cam = overview["camera"].toObject();
        const QJsonArray eye = cam["eye"].toArray();
        cam["eye"] = QJsonArray{eye[0].toDouble() - 150, eye[1].toDouble() - 250, 250.0};
        overview["camera"] = cam;
        QJsonObject state = overview["state"].toObject();
        state["scheme"] = "";
        state["drill"] = QJsonObject{{"building", ""}, {"floor", QJsonValue()}, {"explode", false}};
        state["section"] = QJsonObject{{"plane", QJsonValue()}, {"box", QJsonValue()}};
        overview["state"] = state;
        auto step = [](const char *view, double duration, const char *transition, double td, const char *zh, const char *en) {
            return QJsonObject{{"view", view}, {"duration", duration}, {"transition", transition}, {"transitionDuration", td},
                               {"caption", QJsonObject{{"zh", QString::fromUtf8(zh)}, {"en", en}}}};
        };
        QJsonObject part = p["presenter"].toObject();
        part["views"] = QJsonArray{m_savedView, overview};
        part["tours"] = QJsonArray{QJsonObject{{"name", "Walk"},
                                               {"loop", false},
                                               {"steps", QJsonArray{step("Overview", 3, "cut", 0, "全景", "Overview"),
                                                                    step("Tower", 4, "flight", 2, "塔楼", "The tower"),
                                                                    step("Overview", 4, "crossfade", 2, "再见", "Goodbye")}}}};
        p["presenter"] = part;
        m_tourProject = m_demoDir + "/p3.liyuan.json";
        QVERIFY(writeJson(m_tourProject, p));
    }

    void viewRestoresSceneState()
    {
        const QString json = m_dir.filePath("s2.json");
        const AppRun r = run({m_project, "--view", "Tower", "--screenshot", m_dir.filePath("s2.png"), "--size", "640x480",
                              "--state-json", json});
        QVERIFY2(r.exitCode == 0, r.what().constData());
        const QJsonObject s = readJson(json);
        // layers, scheme, compare, drill, feeds, section: as captured (the project said otherwise)
        QCOMPARE(s["presenter"].toObject()["sceneState"].toObject(), m_captured);
        QCOMPARE(s["drill"].toObject()["state"].toString(), QStringLiteral("floor"));
        // and the view's camera
        const QJsonObject local = s["camera"].toObject()["local"].toObject();
        const QJsonArray eye = m_savedView["camera"].toObject()["eye"].toArray();
        QVERIFY(std::abs(local["x"].toDouble() - eye[0].toDouble()) < 1e-6);
        QVERIFY(std::abs(local["y"].toDouble() - eye[1].toDouble()) < 1e-6);
        QVERIFY(std::abs(local["z"].toDouble() - eye[2].toDouble()) < 1e-6);
    }

    void unknownViewOrTour_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("expected");
        QTest::newRow("view") << QStringList{"--view", "Nowhere"} << "No saved view 'Nowhere'";
        QTest::newRow("tour") << QStringList{"--tour", "Nowhere"} << "No saved tour 'Nowhere'";
        QTest::newRow("tour-time without tour") << QStringList{"--tour-time", "3"} << "--tour-time needs --tour";
        QTest::newRow("negative tour-time") << QStringList{"--tour", "Walk", "--tour-time", "-1"} << "--tour-time must be";
    }
    void unknownViewOrTour()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, expected);
        const AppRun r = run(QStringList{m_tourProject, "--screenshot", m_dir.filePath("bad.png"), "--size", "320x240"} + args);
        // a wrong command line is a usage error (64); a name not in the project an unusable input (2)
        QVERIFY2(r.exitCode == (expected.startsWith("No saved") ? 2 : 64), r.what().constData());
        QVERIFY2(r.err.contains(expected), r.what().constData());
        if (expected.startsWith("No saved"))
            QVERIFY2(r.err.contains("p3.liyuan.json"), r.what().constData()); // names the project
        QVERIFY(!QFile::exists(m_dir.filePath("bad.png")));
    }

    void malformedPresenterPart_data()
    {
        QTest::addColumn<QJsonValue>("part");
        QTest::addColumn<QStringList>("expected");
        QTest::addColumn<bool>("towerKept");
        QTest::newRow("not an object") << QJsonValue(5) << QStringList{"\"presenter\" must be an object"} << false;
        QJsonObject mixed{{"views", QJsonArray{QJsonValue(), QJsonObject{{"name", "Broken"}, {"camera", 3}}}},
                          {"tours", QJsonArray{QJsonObject{{"name", "Lost"}, {"steps", QJsonArray{QJsonObject{{"view", "Nowhere"}}}}}}}};
        QTest::newRow("bad records") << QJsonValue(mixed) << QStringList{"views[0]", "views[1]", "camera.eye", "tours[0]", "Nowhere"} << true;
    }
    void malformedPresenterPart()
    {
        QFETCH(QJsonValue, part);
        QFETCH(QStringList, expected);
        QFETCH(bool, towerKept);
        QJsonObject p = readJson(m_project);
        if (part.isObject()) { // the good view stays, between broken ones
            QJsonObject o = part.toObject();
            QJsonArray views = o["views"].toArray();
            views.append(m_savedView);
            o["views"] = views;
            part = o;
        }
        p["presenter"] = part;
        const QString file = m_demoDir + "/malformed.liyuan.json";
        QVERIFY(writeJson(file, p));
        const QString json = m_dir.filePath("malformed.json");
        const AppRun r = run({file, "--screenshot", m_dir.filePath("malformed.png"), "--size", "320x240", "--state-json", json});
        QVERIFY2(r.exitCode == 0, r.what().constData()); // the rest of the project opens
        const QJsonObject s = readJson(json);
        QStringList list;
        for (const QJsonValue &m : s["messages"].toArray())
            list << m.toString();
        const QString messages = list.join('\n');
        QVERIFY2(messages.contains("malformed.liyuan.json"), qPrintable(messages));
        for (const QString &e : expected)
            QVERIFY2(messages.contains(e), qPrintable(e + " not in " + messages));
        QCOMPARE(s["presenter"].toObject()["views"].toArray().contains("Tower"), towerKept);
        QVERIFY(s["layers"].toArray().size() >= 5);
    }

    void tourAtTimeIsDeterministic()
    {
        auto shot = [this](const QString &t, const QString &name, QJsonObject *presenter, QJsonObject *camera = nullptr) {
            const QString png = m_dir.filePath(name + ".png"), json = m_dir.filePath(name + ".json");
            const AppRun r = run({m_tourProject, "--tour", "Walk", "--tour-time", t, "--screenshot", png, "--size", "640x480",
                                  "--state-json", json});
            if (r.exitCode != 0)
                qWarning("%s", r.what().constData());
            *presenter = readJson(json)["presenter"].toObject();
            if (camera)
                *camera = readJson(json)["camera"].toObject();
            return QImage(png);
        };
        QJsonObject p1, p2, p0, c1, c2;
        const QImage a = shot("3.5", "tour-a", &p1, &c1);
        const QImage b = shot("3.5", "tour-b", &p2, &c2);
        const QImage zero = shot("0", "tour-0", &p0);
        QVERIFY(!a.isNull() && !b.isNull() && !zero.isNull());
        // mid-flight into the tower, held there
        QCOMPARE(p1["tour"].toString(), QStringLiteral("Walk"));
        QCOMPARE(p1["step"].toInt(), 1);
        QCOMPARE(p1["tourTime"].toDouble(), 3.5);
        QCOMPARE(p1["caption"].toString(), QStringLiteral("The tower"));
        QCOMPARE(p1["sceneState"].toObject()["drill"].toObject()["building"].toString(), QStringLiteral("tower"));
        QCOMPARE(p0["step"].toInt(), 0);
        QCOMPARE(p0["caption"].toString(), QStringLiteral("Overview"));
        QCOMPARE(p0["sceneState"].toObject()["drill"].toObject()["building"].toString(), QString());
        // the same pose and state to the last bit; the same picture but for the odd pixel of the
        // renderer's own noise (a few levels at a depth tie: at most 1 in 10 000 pixels)
        QCOMPARE(c2, c1);
        QCOMPARE(p2, p1);
        const double same = differingShare(a, b, 8), other = differingShare(a, zero, 16);
        qInfo("tour at 3.5 s twice: %.6f of pixels differ by more than 8 levels; 3.5 s against 0 s: %.3f", same, other);
        QVERIFY2(same <= 1e-4, qPrintable(QString::number(same)));
        QVERIFY2(other > 0.2, qPrintable(QString::number(other)));
    }

    void clickerKeys()
    {
        // a click on the view gives it the keyboard, then PageDown, Right (next, next), B (blank)
        const QString script = m_dir.filePath("keys.txt"), json = m_dir.filePath("keys.json"), png = m_dir.filePath("keys.png");
        QVERIFY(writeText(script, "click #sceneView+0,40\nkey PgDown\nwait 200\nkey Right\nwait 200\nkey B\nsettle\n"));
        const AppRun r = run({m_tourProject, "--tour", "Walk", "--tour-time", "0", "--input", script, "--screenshot", png,
                              "--size", "640x480", "--state-json", json});
        QVERIFY2(r.exitCode == 0, r.what().constData());
        const QJsonObject p = readJson(json)["presenter"].toObject();
        QCOMPARE(p["step"].toInt(), 2);
        QCOMPARE(p["tourTime"].toDouble(), 7.0);
        QCOMPARE(p["caption"].toString(), QStringLiteral("Goodbye"));
        QVERIFY(p["blanked"].toBool());
        // blank: the view is black
        const QImage img(png);
        QVERIFY(!img.isNull());
        QCOMPARE(QColor(img.pixel(img.width() / 2, img.height() / 2)), QColor(Qt::black));
    }

    void keysNavigateWithoutTour()
    {
        // no tour loaded: PageDown still moves the camera down (the presenter does not take it)
        const QString script = m_dir.filePath("nav.txt"), json = m_dir.filePath("nav.json");
        QVERIFY(writeText(script, "click #sceneView+0,40\nkey PgDown\nkey PgDown\nsettle\n"));
        const AppRun r = run({m_tourProject, "--view", "Overview", "--input", script, "--screenshot", m_dir.filePath("nav.png"),
                              "--size", "640x480", "--state-json", json});
        QVERIFY2(r.exitCode == 0, r.what().constData());
        const QJsonObject s = readJson(json);
        QVERIFY(s["presenter"].toObject()["tour"].toString().isEmpty());
        QVERIFY2(s["camera"].toObject()["local"].toObject()["z"].toDouble() < 250.0 - 1.0, qPrintable(QJsonDocument(s["camera"].toObject()).toJson()));
    }
};

QTEST_MAIN(tst_PresenterApp)
#include "tst_presenterapp.moc"
