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
        QVERIFY2(r.finished && r.exitCode == 0, qPrintable(r.err));
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
        QVERIFY2(r2.finished && r2.exitCode == 0, qPrintable(r2.err));
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
        QVERIFY2(r.finished && r.exitCode == 0, qPrintable(r.err));
        const QJsonObject off = placedModel(readJson(state), "a_courtyard_east").value("offsetInScene").toObject();
        QCOMPARE(off.value("z").toDouble(), 25.5);
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
