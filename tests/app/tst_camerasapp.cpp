// Surveillance cameras through the real `liyuan` binary:
// - the demo district with no arguments has live cameras: its registry loads (~40 cameras), the
//   embedded RTSP server serves each camera's picture, --open-video plays it (frames decoded),
//   --project-video drapes it onto the mesh, state JSON lists cameras in view, feeds, projections;
// - a registry of the test's own (cameras on a real liyuan-rtsp-server started on a free port):
//   --cameras opens it, the feed plays, the project file keeps the registry and the open feed;
// - credentials through a real Secret Service: the server demands a password, the registry holds
//   only a reference, the password sits in gnome-keyring on the test's own D-Bus; the feed plays,
//   and the password never reaches the project file, the state JSON, stdout or stderr;
// - bad input: a registry with a broken record (exit 2, message names file and record), an
//   unknown camera id (exit 2), a dead stream (offline, the app keeps running).
#include "AppRunner.h"
#include "RtspServerProcess.h"
#include "TestRequire.h"
#include "TestSecretService.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>

using namespace liyuan::test;

class tst_CamerasApp : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString m_demo;

    static QJsonObject readJson(const QString &path)
    {
        QFile f(path);
        return f.open(QIODevice::ReadOnly) ? QJsonDocument::fromJson(f.readAll()).object() : QJsonObject();
    }
    static QByteArray readAll(const QString &path)
    {
        QFile f(path);
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }
    QProcessEnvironment demoEnv() const
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert("LIYUAN_DEMO_DIR", m_demo);
        return env;
    }
    QString writeRegistry(const QString &name, const QByteArray &cameras, const QString &crs = {})
    {
        const QString path = m_dir.filePath(name);
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly))
            return {};
        f.write("{\"type\": \"LiyuanCameraRegistry\", \"version\": 1, ");
        if (!crs.isEmpty())
            f.write(QStringLiteral("\"crs\": \"%1\", ").arg(crs).toUtf8());
        f.write("\"cameras\": [" + cameras + "]}");
        return path;
    }
    static QJsonObject feedOf(const QJsonObject &state, const QString &camera)
    {
        for (const QJsonValue &v : state.value("cameras").toObject().value("feeds").toArray())
            if (v.toObject().value("camera").toString() == camera)
                return v.toObject();
        return {};
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_demo = m_dir.filePath("district");
    }

    void demoHasLiveCameras()
    {
        // first launch generates the demo district (and its cameras) into the test's folder
        const QString json = m_dir.filePath("demo.json");
        AppRun r = runApp({"--screenshot", m_dir.filePath("demo.png"), "--size", "800x600", "--state-json", json,
                           "--timeout", "240"},
                          400000, demoEnv());
        QVERIFY2(r.exitCode == 0, r.what().constData());
        QJsonObject cams = readJson(json).value("cameras").toObject();
        QCOMPARE(cams.value("status").toString(), QStringLiteral("ready"));
        QVERIFY2(cams.value("count").toInt() >= 30, qPrintable(QString::number(cams.value("count").toInt())));
        QVERIFY(cams.value("inViewCount").toInt() > 0);
        QVERIFY(cams.value("clusters").toInt() > 0);
        QVERIFY(cams.value("clusters").toInt() <= cams.value("inViewCount").toInt());

        // one camera's live picture in the grid and on the mesh: served by the app's own RTSP server
        const QJsonObject registry = readJson(m_demo + "/cameras/cameras.json");
        const QJsonArray list = registry.value("cameras").toArray();
        QVERIFY(!list.isEmpty());
        const QString id = list.first().toObject().value("id").toString();
        const QString second = list.at(1).toObject().value("id").toString();
        const QString live = m_dir.filePath("live.json"), project = m_dir.filePath("live.liyuan.json");
        // an event in front of the first camera: who sees it must name that camera
        const QJsonObject first = list.first().toObject();
        const QJsonArray pos = first.value("position").toArray();
        // on the ground along the camera's axis (the demo's ground is within a few metres of z = 0)
        const double heading = first.value("heading").toDouble() * M_PI / 180.0;
        const double pitch = first.value("pitch").toDouble() * M_PI / 180.0;
        const double along = pitch < -0.02 ? std::min(first.value("far").toDouble(150) * 0.7, (pos.at(2).toDouble() - 2.0) / std::tan(-pitch))
                                           : 20.0;
        const double ex = pos.at(0).toDouble() + along * std::sin(heading), ey = pos.at(1).toDouble() + along * std::cos(heading);
        // the registry is in EPSG:4549; the scene frame's origin is the production's SRS origin
        const QJsonObject origin = readJson(json).value("sceneFrame").toObject().value("origin").toObject();
        const QString event = QStringLiteral("fire:%1,%2").arg(ex - origin.value("x").toDouble(), 0, 'f', 2).arg(ey - origin.value("y").toDouble(), 0, 'f', 2);
        r = runApp({"--screenshot", m_dir.filePath("live.png"), "--size", "800x600", "--state-json", live,
                    "--open-video", id + "," + second, "--project-video", id, "--save-project", project, "--timeout", "240",
                    "--event", event},
                   400000, demoEnv());
        QVERIFY2(r.exitCode == 0, r.what().constData());
        const QJsonObject state = readJson(live);
        cams = state.value("cameras").toObject();
        const QJsonObject feed = feedOf(state, id);
        QVERIFY2(!feed.isEmpty(), QJsonDocument(cams).toJson().constData());
        QCOMPARE(feed.value("state").toString(), QStringLiteral("playing"));
        QVERIFY(feed.value("frames").toDouble() > 0);
        QVERIFY(feed.value("url").toString().startsWith("rtsp://127.0.0.1:"));
        QCOMPARE(cams.value("grid").toObject().value("cameras").toArray().size(), 2);
        const QJsonArray projections = cams.value("projections").toArray();
        QCOMPARE(projections.size(), 1);
        QCOMPARE(projections.first().toObject().value("camera").toString(), id);
        QVERIFY(projections.first().toObject().value("hasFrame").toBool());
        // who sees the event: the first camera, with its distance
        QJsonObject ours; // the demo's recorded feed reports events of its own meanwhile
        for (const QJsonValue &v : state.value("events").toArray())
            if (v.toObject().value("id").toString() == QLatin1String("cli-1"))
                ours = v.toObject();
        QVERIFY2(!ours.isEmpty(), QJsonDocument(state.value("events").toArray()).toJson().constData());
        QStringList seeing;
        for (const QJsonValue &v : ours.value("seeingCameras").toArray())
            seeing << v.toObject().value("id").toString();
        QVERIFY2(seeing.contains(id), qPrintable(event + " seen by: " + seeing.join(",") + "\n"
                                                  + QJsonDocument(ours).toJson()));
        // the project keeps the registry, the open feeds and the projection
        const QJsonObject saved = readJson(project).value("cameras").toObject();
        QVERIFY(saved.value("registry").toString().endsWith("cameras.json"));
        QCOMPARE(saved.value("openFeeds").toArray().size(), 2);
        QCOMPARE(saved.value("projections").toArray().first().toString(), id);
    }

    void ownRegistryOnARealServer()
    {
        RtspServerProcess server;
        QVERIFY2(server.start({"--pattern", "/yard/main=320x240@15", "--pattern", "/yard/sub=160x120@15"}),
                 server.standardError().constData());
        const QByteArray cam = QStringLiteral(
                "{\"id\": \"yard-1\", \"name\": \"Yard\", \"department\": \"test\", \"position\": [10, 5, 12],"
                " \"heading\": 0, \"pitch\": -30, \"hfov\": 70, \"far\": 120,"
                " \"streams\": {\"main\": \"%1\", \"sub\": \"%2\"}}").arg(server.url("/yard/main"), server.url("/yard/sub")).toUtf8();
        const QString registry = writeRegistry("own.json", cam);
        const QString json = m_dir.filePath("own.json.state"), project = m_dir.filePath("own.liyuan.json");
        const AppRun r = runApp({"--cameras", registry, "--open-video", "yard-1", "--screenshot", m_dir.filePath("own.png"),
                                 "--size", "640x480", "--state-json", json, "--save-project", project, "--timeout", "200"},
                                300000, demoEnv());
        QVERIFY2(r.exitCode == 0, r.what().constData());
        const QJsonObject state = readJson(json);
        QCOMPARE(state.value("cameras").toObject().value("registry").toString(), QFileInfo(registry).absoluteFilePath());
        const QJsonObject feed = feedOf(state, "yard-1");
        QCOMPARE(feed.value("state").toString(), QStringLiteral("playing"));
        QCOMPARE(feed.value("stream").toString(), QStringLiteral("sub")); // a grid shows the sub stream
        QCOMPARE(feed.value("frameSize").toArray().at(0).toInt(), 160);
        QVERIFY(feed.value("frames").toDouble() > 0);
    }

    void credentialsFromTheKeychainOnly()
    {
        SecretService secrets;
        QString why;
        if (!secrets.start(&why))
            LIYUAN_SKIP(qPrintable(why));
        const QString user = QStringLiteral("cctv-op"), password = QStringLiteral("Kq7-liyuan-rtsp-secret-91");
        QProcessEnvironment serverEnv = QProcessEnvironment::systemEnvironment();
        serverEnv.insert("LIYUAN_TEST_RTSP_PASSWORD", password);
        RtspServerProcess server;
        QVERIFY2(server.start({"--pattern", "/secure=160x120@15", "--user", user, "--password-env", "LIYUAN_TEST_RTSP_PASSWORD"}, 0,
                              serverEnv),
                 server.standardError().constData());
        QVERIFY2(secrets.store(QStringLiteral("gate"), user, password, &why), qPrintable(why));
        const QByteArray cam = QStringLiteral(
                "{\"id\": \"gate-1\", \"position\": [0, 0, 8], \"heading\": 90, \"pitch\": -20,"
                " \"streams\": {\"main\": \"%1\"}, \"credentials\": \"gate\"}").arg(server.url("/secure")).toUtf8();
        const QString registry = writeRegistry("secure.json", cam);
        const QString json = m_dir.filePath("secure.state.json"), project = m_dir.filePath("secure.liyuan.json");
        QProcessEnvironment env = demoEnv();
        secrets.exportTo(&env);
        const AppRun r = runApp({"--cameras", registry, "--open-video", "gate-1", "--screenshot", m_dir.filePath("secure.png"),
                                 "--size", "640x480", "--state-json", json, "--save-project", project, "--timeout", "200"},
                                300000, env);
        QVERIFY2(r.exitCode == 0, r.what().constData());
        const QJsonObject feed = feedOf(readJson(json), "gate-1");
        QCOMPARE(feed.value("state").toString(), QStringLiteral("playing")); // the password came from the keychain
        for (const QByteArray &text : {readAll(json), readAll(project), readAll(registry), r.out.toUtf8(), r.err.toUtf8()})
            QVERIFY2(!text.contains(password.toUtf8()), "the password leaked");
        QVERIFY(readAll(project).contains("secure.json"));
    }

    void badRegistryNamesFileAndRecord()
    {
        const QString registry = writeRegistry("broken.json",
                "{\"id\": \"ok-1\", \"position\": [0, 0, 5], \"heading\": 0},"
                "{\"id\": \"bad-7\", \"position\": [0, 0, 5], \"heading\": 0, \"hfov\": 400}");
        const AppRun r = runApp({"--cameras", registry, "--screenshot", m_dir.filePath("broken.png"), "--size", "320x240"},
                                300000, demoEnv());
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("broken.json") && r.err.contains("bad-7"), r.what().constData());
    }

    void unknownCameraIdFails()
    {
        const QString registry = writeRegistry("one.json", "{\"id\": \"only\", \"position\": [0, 0, 5], \"heading\": 0}");
        const AppRun r = runApp({"--cameras", registry, "--open-video", "nope", "--screenshot", m_dir.filePath("nope.png"),
                                 "--size", "320x240"},
                                300000, demoEnv());
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("nope"), r.what().constData());
    }

    void deadStreamIsOffline()
    {
        const quint16 port = freeLoopbackPort(); // nobody listens
        const QString registry = writeRegistry("dead.json",
                QStringLiteral("{\"id\": \"dead-1\", \"position\": [0, 0, 5], \"heading\": 0,"
                               " \"streams\": {\"main\": \"rtsp://127.0.0.1:%1/none\"}}").arg(port).toUtf8());
        const QString json = m_dir.filePath("dead.state.json");
        const AppRun r = runApp({"--cameras", registry, "--open-video", "dead-1", "--screenshot", m_dir.filePath("dead.png"),
                                 "--size", "320x240", "--state-json", json, "--timeout", "120"},
                                300000, demoEnv());
        QVERIFY2(r.exitCode == 0, r.what().constData());
        const QJsonObject feed = feedOf(readJson(json), "dead-1");
        QCOMPARE(feed.value("state").toString(), QStringLiteral("offline"));
        QVERIFY(!feed.value("error").toString().isEmpty());
    }
};

QTEST_GUILESS_MAIN(tst_CamerasApp)
#include "tst_camerasapp.moc"
