// Model placement through the real liyuan binary in a real window: the demo project plus a
// scheme model, --place (the editor's code path, ground snap), --save-project, then the saved
// project reopened: the model stands at the same scene position, heading and scale. Bad
// --place arguments and non-model layers fail with a message.
#include "AppRunner.h"

#include <liyuan/demo/DemoDistrict.h>

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QFileInfo>

#include <cmath>

using namespace liyuan;

namespace {

QJsonObject readJson(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(f.readAll()).object();
}

QJsonObject placedModel(const QJsonObject &state, const QString &id)
{
    for (const QJsonValue &v : state.value("placement").toObject().value("models").toArray())
        if (v.toObject().value("id").toString() == id)
            return v.toObject();
    return {};
}

QJsonObject projectLayer(const QJsonObject &project, const QString &id)
{
    for (const QJsonValue &v : project.value("layers").toArray())
        if (v.toObject().value("id").toString() == id)
            return v.toObject();
    return {};
}

} // namespace

class tst_PlacementApp : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;
    demo::DemoDistrictResult m_demo;
    QString m_project, m_model;

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_demo = demo::ensureDemoDistrict(demo::defaultDemoDistrictDir());
        QVERIFY2(m_demo.error.isEmpty(), qPrintable(m_demo.error));
        m_project = m_demo.datasetDir + "/demo.liyuan.json";
        m_model = m_demo.datasetDir + "/schemes/a_courtyard_east.glb";
        QVERIFY(QFileInfo::exists(m_project));
        QVERIFY(QFileInfo::exists(m_model));
    }

    void placeSaveAndReopen()
    {
        const QString png = m_dir.filePath("placed.png"), state = m_dir.filePath("placed.json");
        const QString saved = m_dir.filePath("trip/placed.liyuan.json");
        QVERIFY(QDir().mkpath(QFileInfo(saved).path()));
        const AppRun r = runApp({m_project, m_model, "--place", "a_courtyard_east:180,140,,30,1.2", "--size", "640x360",
                                 "--screenshot", png, "--state-json", state, "--save-project", saved},
                                300000);
        QVERIFY2(r.finished && r.exitCode == 0, r.what().constData());
        const QJsonObject s = readJson(state);
        const QJsonObject m = placedModel(s, "a_courtyard_east");
        QVERIFY2(!m.isEmpty(), qPrintable(QJsonDocument(s.value("placement").toObject()).toJson()));
        const QJsonObject off = m.value("offsetInScene").toObject();
        QCOMPARE(off.value("x").toDouble(), 180.0);
        QCOMPARE(off.value("y").toDouble(), 140.0);
        const double z = off.value("z").toDouble();
        QVERIFY2(std::isfinite(z) && std::abs(z) < 200, qPrintable(QString::number(z))); // on the demo's ground
        QVERIFY(std::abs(m.value("headingInScene").toDouble() - 30.0) < 1e-9);
        QCOMPARE(m.value("scale").toDouble(), 1.2);
        QCOMPARE(s.value("placement").toObject().value("editing").toString(), QString()); // committed

        // the saved project holds the placement in the scene CRS
        const QJsonObject project = readJson(saved);
        const QJsonObject layer = projectLayer(project, "a_courtyard_east");
        QVERIFY2(!layer.isEmpty(), qPrintable(QJsonDocument(project).toJson()));
        const QJsonObject p = layer.value("placement").toObject();
        QCOMPARE(p.value("crs").toString(), QStringLiteral("EPSG:4549"));
        const QJsonObject origin = s.value("sceneFrame").toObject().value("origin").toObject();
        QVERIFY2(origin.contains("x"), qPrintable(QJsonDocument(s.value("sceneFrame").toObject()).toJson()));
        QVERIFY(std::abs(p.value("position").toArray().at(0).toDouble() - (origin.value("x").toDouble() + 180)) < 1e-6);
        QVERIFY(std::abs(p.value("position").toArray().at(1).toDouble() - (origin.value("y").toDouble() + 140)) < 1e-6);
        QCOMPARE(p.value("heading").toDouble(), 30.0);
        QCOMPARE(p.value("scale").toDouble(), 1.2);

        // reopened: the model stands where it was placed (< 1 cm)
        const QString state2 = m_dir.filePath("reopened.json");
        const AppRun r2 = runApp({saved, "--size", "640x360", "--screenshot", m_dir.filePath("reopened.png"),
                                  "--state-json", state2}, 300000);
        QVERIFY2(r2.finished && r2.exitCode == 0, r2.what().constData());
        const QJsonObject m2 = placedModel(readJson(state2), "a_courtyard_east");
        QVERIFY(!m2.isEmpty());
        const QJsonObject off2 = m2.value("offsetInScene").toObject();
        const double d = std::hypot(std::hypot(off2.value("x").toDouble() - 180.0, off2.value("y").toDouble() - 140.0),
                                    off2.value("z").toDouble() - z);
        QVERIFY2(d < 0.01, qPrintable(QString::number(d)));
        QVERIFY(std::abs(m2.value("headingInScene").toDouble() - 30.0) < 1e-6);
        QCOMPARE(m2.value("scale").toDouble(), 1.2);
    }

    void explicitHeightIsKept()
    {
        const QString state = m_dir.filePath("height.json");
        const AppRun r = runApp({m_project, m_model, "--place", "a_courtyard_east:100,100,25.5", "--size", "480x270",
                                 "--screenshot", m_dir.filePath("height.png"), "--state-json", state},
                                300000);
        QVERIFY2(r.finished && r.exitCode == 0, r.what().constData());
        const QJsonObject off = placedModel(readJson(state), "a_courtyard_east").value("offsetInScene").toObject();
        QCOMPARE(off.value("z").toDouble(), 25.5);
    }

    void dragsHandlesWithTheMouse()
    {
        // The placement editor driven as a user does: real mouse events through the window
        // (--input), the "Edit models" check box of the panel, a click on the model, the centre
        // disc dragged 20 m east, the ring dragged 30° round, the scale cube dragged outwards,
        // "Done". Handle positions come from the state of a first run (the handles as drawn).
        const QString path = m_dir.filePath("drag.path");
        {
            // looking north, 45° down, at (180, 140) from 120 m
            const double h = 120 * std::sqrt(0.5), s = std::sin(M_PI / 8), c = std::cos(M_PI / 8);
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            const QString pose = QStringLiteral("%1 %2 %3 %4 0 0 %5\n").arg(180.0).arg(140.0 - h, 0, 'f', 3)
                                         .arg(h, 0, 'f', 3).arg(s, 0, 'f', 6).arg(c, 0, 'f', 6);
            f.write((QStringLiteral("0 ") + pose + QStringLiteral("1 ") + pose).toUtf8());
        }
        auto script = [&](const QString &name, const QString &text) {
            const QString file = m_dir.filePath(name);
            QFile f(file);
            f.open(QIODevice::WriteOnly);
            f.write(text.toUtf8());
            return file;
        };
        const QStringList common{m_project, m_model, "--place", "a_courtyard_east:180,140,,0,1", "--camera-path", path,
                                 "--size", "1280x800", "--lang", "en"};
        // the block's south wing (the model is a courtyard block 34 m x 33.5 m, 8.8 m high,
        // centred on its origin: its middle is the open courtyard)
        const QString pick = "click #editModelsCheck\nclick @180,125.5,8\nsettle\n";

        // 1. select: the click on the model opens it in the editor
        const QString state1 = m_dir.filePath("drag1.json");
        AppRun r = runApp(QStringList{"--input", script("pick.txt", pick), "--screenshot", m_dir.filePath("drag1.png"),
                                      "--state-json", state1} + common, 300000);
        QVERIFY2(r.finished && r.exitCode == 0, r.what().constData());
        QVERIFY2(r.out.contains("input ") && r.out.contains("3 steps played"), qPrintable(r.out));
        const QJsonObject p1 = readJson(state1).value("placement").toObject();
        QCOMPARE(p1.value("editing").toString(), QStringLiteral("a_courtyard_east"));
        const QJsonObject handles = p1.value("handles").toObject();
        const QJsonArray c0 = handles.value("center").toArray(), cube = handles.value("scaleCube").toArray();
        const double radius = handles.value("radius").toDouble();
        QCOMPARE(c0.size(), 3);
        QVERIFY2(std::abs(c0[0].toDouble() - 180) < 0.5 && std::abs(c0[1].toDouble() - 140) < 0.5,
                 qPrintable(QJsonDocument(handles).toJson()));
        QVERIFY2(radius > 20 && radius < 40, qPrintable(QString::number(radius)));
        const double cx = c0[0].toDouble(), cy = c0[1].toDouble(), cz = c0[2].toDouble();
        auto at = [](double x, double y, double z) {
            return QStringLiteral("@%1,%2,%3").arg(x, 0, 'f', 3).arg(y, 0, 'f', 3).arg(z, 0, 'f', 3);
        };

        // 2. move and turn with the mouse, then Done
        const double a = 30 * M_PI / 180; // the ring's east point dragged 30° counter-clockwise
        const QString moveTurn = pick
                + QStringLiteral("drag %1 %2\nsettle\n").arg(at(cx, cy, cz), at(cx + 20, cy, cz))
                + QStringLiteral("drag %1 %2 steps 20\nsettle\n")
                          .arg(at(cx + 20 + radius, cy, cz), at(cx + 20 + radius * std::cos(a), cy + radius * std::sin(a), cz))
                + QStringLiteral("click #placementDone\n");
        const QString state2 = m_dir.filePath("drag2.json"), saved = m_dir.filePath("dragged.liyuan.json");
        r = runApp(QStringList{"--input", script("move.txt", moveTurn), "--screenshot", m_dir.filePath("drag2.png"),
                               "--state-json", state2, "--save-project", saved} + common, 300000);
        QVERIFY2(r.finished && r.exitCode == 0, r.what().constData());
        const QJsonObject s2 = readJson(state2);
        QCOMPARE(s2.value("placement").toObject().value("editing").toString(), QString()); // Done: committed
        const QJsonObject m2 = placedModel(s2, "a_courtyard_east");
        const QJsonObject off = m2.value("offsetInScene").toObject();
        qInfo("after the drags: offset %.3f, %.3f, %.3f; heading %.2f°", off.value("x").toDouble(), off.value("y").toDouble(),
              off.value("z").toDouble(), m2.value("headingInScene").toDouble());
        QVERIFY2(std::abs(off.value("x").toDouble() - 200) < 0.5, "the disc moved the model 20 m east");
        QVERIFY2(std::abs(off.value("y").toDouble() - 140) < 0.5, "and not north");
        // heading is clockwise from north: turning the ring counter-clockwise by 30° gives 330°
        double heading = m2.value("headingInScene").toDouble();
        heading = std::fmod(heading + 360.0, 360.0);
        QVERIFY2(std::abs(heading - 330) < 1.0, qPrintable(QString::number(heading)));
        QCOMPARE(m2.value("scale").toDouble(), 1.0);
        const QJsonObject saved1 = projectLayer(readJson(saved), "a_courtyard_east").value("placement").toObject();
        QVERIFY2(std::abs(std::fmod(saved1.value("heading").toDouble() + 360.0, 360.0) - 330) < 1.0,
                 qPrintable(QJsonDocument(saved1).toJson()));

        // 3. scale with the cube on the top corner: dragged away from the centre (about 1.5x on
        //    the screen), then the keyboard: '+' once more (x1.05), Return commits
        QCOMPARE(cube.size(), 3);
        const double kx = cube[0].toDouble(), ky = cube[1].toDouble(), kz = cube[2].toDouble();
        const QString scale = pick
                + QStringLiteral("drag %1 %2\nsettle\n").arg(at(kx, ky, kz), at(cx + 1.5 * (kx - cx), cy + 1.5 * (ky - cy), kz))
                + QStringLiteral("key +\nkey Return\n");
        const QString state3 = m_dir.filePath("drag3.json");
        r = runApp(QStringList{"--input", script("scale.txt", scale), "--screenshot", m_dir.filePath("drag3.png"),
                               "--state-json", state3} + common, 300000);
        QVERIFY2(r.finished && r.exitCode == 0, r.what().constData());
        const QJsonObject s3 = readJson(state3);
        QCOMPARE(s3.value("placement").toObject().value("editing").toString(), QString()); // Return: committed
        const double sc = placedModel(s3, "a_courtyard_east").value("scale").toDouble();
        qInfo("after the scale drag and '+': scale %.4f", sc);
        QVERIFY2(sc > 1.2 * 1.05 && sc < 2.0 * 1.05, qPrintable(QString::number(sc)));
    }

    void inputScriptProblemsAreReported_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("fragment");
        QTest::newRow("parse error") << "click 1,2\nzoom 3\n" << 2 << "bad.txt:2: unknown step 'zoom'";
        QTest::newRow("no such item") << "click #noSuchButton\n" << 2 << "bad.txt:1: no visible item named 'noSuchButton'";
        QTest::newRow("behind the camera") << "click @180,-500,0\n" << 2 << "bad.txt:1: the scene point";
    }
    void inputScriptProblemsAreReported()
    {
        QFETCH(QString, text);
        QFETCH(int, exitCode);
        QFETCH(QString, fragment);
        const QString file = m_dir.filePath("bad.txt");
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(text.toUtf8());
        f.close();
        // looking north from (180, 40): y = -500 lies behind the camera
        const QString path = m_dir.filePath("north.path");
        QFile p(path);
        QVERIFY(p.open(QIODevice::WriteOnly));
        const double s = std::sin(M_PI / 8), c = std::cos(M_PI / 8);
        p.write(QStringLiteral("0 180 40 80 %1 0 0 %2\n1 180 40 80 %1 0 0 %2\n").arg(s).arg(c).toUtf8());
        p.close();
        const AppRun r = runApp({m_project, "--input", file, "--camera-path", path, "--size", "480x320", "--screenshot",
                                 m_dir.filePath("bad-input.png")}, 300000);
        QVERIFY(r.finished);
        QCOMPARE(r.exitCode, exitCode);
        QVERIFY2(r.err.contains(fragment), qPrintable(r.err));
        QVERIFY(!QFileInfo::exists(m_dir.filePath("bad-input.png")));
    }

    void badPlacementsFail_data()
    {
        QTest::addColumn<QString>("spec");
        QTest::addColumn<bool>("withModel");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("fragment");
        QTest::newRow("malformed") << "a_courtyard_east" << false << 64 << "--place";
        QTest::newRow("NaN") << "a_courtyard_east:nan,1" << false << 64 << "finite";
        QTest::newRow("scale 0") << "a_courtyard_east:1,2,3,4,0" << false << 64 << "scale";
        QTest::newRow("unknown layer") << "no_such_layer:1,2" << true << 2 << "not a model layer";
        QTest::newRow("photogrammetry layer") << "district:1,2" << true << 2 << "not a model layer";
        QTest::newRow("5000 km away") << "a_courtyard_east:5000000,0" << true << 2 << "km from the scene origin";
    }
    void badPlacementsFail()
    {
        QFETCH(QString, spec);
        QFETCH(bool, withModel);
        QFETCH(int, exitCode);
        QFETCH(QString, fragment);
        QStringList args{m_project};
        if (withModel)
            args << m_model;
        args << "--place" << spec << "--size" << "320x180" << "--screenshot" << m_dir.filePath("bad.png");
        const AppRun r = runApp(args, 300000);
        QVERIFY(r.finished);
        QCOMPARE(r.exitCode, exitCode);
        QVERIFY2(r.err.contains(fragment), qPrintable(r.err));
    }
};

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    // the app's cache folder: the demo district is generated once for both
    QCoreApplication::setOrganizationName(QStringLiteral("Liyuan"));
    QCoreApplication::setApplicationName(QStringLiteral("liyuan"));
    tst_PlacementApp t;
    return QTest::qExec(&t, argc, argv);
}

#include "tst_placementapp.moc"
