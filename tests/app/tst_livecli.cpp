// The real `liyuan` binary against a real mosquitto started on a free loopback port:
// `liyuan --mqtt URL --focus tower/3 --screenshot … --state-json …` on the demo district while
// the test publishes SensorThings and JSON payloads with mosquitto_pub; the state JSON must
// show the published values on the focused floor, the alarm they raise, and the broker
// connection. Malformed payloads are counted, never crash.
#include "TestRequire.h"
#include "AppRunner.h"
#include "TestBroker.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

using namespace liyuan_test;

class tst_LiveCli : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;

    static QJsonObject readJson(const QString &path)
    {
        QFile f(path);
        return f.open(QIODevice::ReadOnly) ? QJsonDocument::fromJson(f.readAll()).object() : QJsonObject();
    }

private slots:
    void liveValuesReachTheFocusedFloor()
    {
        const QString broker = findTool(QStringLiteral("mosquitto"));
        const QString pub = findTool(QStringLiteral("mosquitto_pub"));
        const QString passwd = findTool(QStringLiteral("mosquitto_passwd"));
        if (broker.isEmpty() || pub.isEmpty() || passwd.isEmpty())
            LIYUAN_SKIP("mosquitto / mosquitto_pub / mosquitto_passwd not installed");
        // the broker admits only this user with this password: the app connects only if it
        // really passes the password from LIYUAN_MQTT_PASSWORD
        const QString user = QStringLiteral("operator7");
        const QString password = QStringLiteral("Pw-9f3Kq-liyuan-secret");
        const QString passwordFile = m_dir.filePath("passwd");
        QProcess pw;
        pw.start(passwd, {"-c", "-b", passwordFile, user, password});
        QVERIFY(pw.waitForFinished(10000) && pw.exitCode() == 0);
        const quint16 port = freeLoopbackPort();
        Broker b(broker, port, QStringLiteral("password_file %1\nallow_anonymous false\n").arg(passwordFile));
        QString error;
        QVERIFY2(b.start(&error), qPrintable(error));

        // the demo district (generated once into the test's folder) provides registry + mapping
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert("LIYUAN_DEMO_DIR", m_dir.filePath("district"));
        const AppRun gen = runApp({"--screenshot", m_dir.filePath("gen.png"), "--size", "320x240"}, 300000, env);
        QVERIFY2(gen.exitCode == 0, gen.what().constData());
        const QString mapping = m_dir.filePath("district/iot/mapping.json");
        QVERIFY(QFileInfo::exists(mapping));

        const QString png = m_dir.filePath("live.png"), json = m_dir.filePath("live.json");
        const QString project = m_dir.filePath("live.liyuan.json");
        QProcess app;
        QProcessEnvironment appEnv = env;
        appEnv.insert("LIYUAN_MQTT_PASSWORD", password);
        app.setProcessEnvironment(appEnv);
        app.start(QStringLiteral(LIYUAN_APP),
                  {"--mqtt", QStringLiteral("tcp://127.0.0.1:%1").arg(port), "--mqtt-user", user, "--mapping", mapping,
                   "--focus", "tower/3", "--screenshot", png, "--size", "640x480", "--state-json", json,
                   "--save-project", project, "--timeout", "200"});
        QVERIFY(app.waitForStarted(10000));
        // publish until the app has written its screenshot: the values are re-sent so they are
        // seen whenever the subscription is in place
        auto publish = [&](const QString &topic, const QByteArray &payload) {
            QProcess p;
            p.start(pub, {"-h", "127.0.0.1", "-p", QString::number(port), "-u", user, "-P", password, "-t", topic, "-m",
                          QString::fromUtf8(payload)});
            p.waitForFinished(5000);
        };
        QElapsedTimer clock;
        clock.start();
        while (app.state() != QProcess::NotRunning && clock.elapsed() < 280000) {
            const qint64 now = QDateTime::currentMSecsSinceEpoch();
            // CO2 on floor 3 over its alarm threshold (1500 ppm), JSON mapping with epoch-ms time
            publish("liyuan/demo/tower/tower-F03-co2/telemetry",
                    QStringLiteral(R"({"id":"tower-F03-co2","value":1850,"ts":%1})").arg(now).toUtf8());
            // floor 3 power over SensorThings (datastream 107)
            publish("v1.1/Datastreams(107)/Observations",
                    QStringLiteral(R"({"phenomenonTime":"%1","result":42.5})")
                            .arg(QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs)).toUtf8());
            // hostile payloads: counted and logged, never a crash
            publish("liyuan/demo/tower/tower-F03-co2/telemetry", "{not json");
            publish("liyuan/demo/tower/nobody/telemetry", R"({"id":"nobody","value":1,"ts":1})");
            publish("v1.1/Datastreams(107)/Observations", R"({"phenomenonTime":"x","result":"text"})");
            app.waitForFinished(700);
        }
        if (app.state() != QProcess::NotRunning) {
            app.kill();
            QFAIL("the app did not finish");
        }
        const QByteArray appOut = app.readAllStandardOutput(), appErr = app.readAllStandardError();
        QVERIFY2(app.exitCode() == 0, appErr.constData());

        const QJsonObject st = readJson(json);
        const QJsonObject live = st["live"].toObject();
        QCOMPARE(live["connection"].toString(), QStringLiteral("connected"));
        QVERIFY(live["broker"].toString().contains(QString::number(port)));
        QVERIFY(live["messagesApplied"].toInt() >= 2);
        QVERIFY(live["messagesRejected"].toInt() >= 1);
        QJsonObject co2, power;
        for (const QJsonValue &v : live["devices"].toArray()) {
            const QJsonObject d = v.toObject();
            if (d["id"].toString() == QLatin1String("tower-F03-co2"))
                co2 = d;
            if (d["id"].toString() == QLatin1String("tower-F03-power"))
                power = d;
        }
        QCOMPARE(co2["value"].toDouble(), 1850.0);
        QCOMPARE(co2["state"].toString(), QStringLiteral("alarm"));
        QCOMPARE(co2["floor"].toInt(), 3);
        QCOMPARE(power["value"].toDouble(), 42.5);
        bool alarm = false;
        for (const QJsonValue &v : live["alarms"].toArray())
            alarm = alarm || v.toObject()["deviceId"].toString() == QLatin1String("tower-F03-co2");
        QVERIFY2(alarm, "the CO2 alarm is listed");
        // the drill-down opened on the floor the command line named
        const QJsonObject drill = st["drill"].toObject();
        QCOMPARE(drill["state"].toString(), QStringLiteral("floor"));
        QCOMPARE(drill["floor"].toInt(), 3);
        // the password never reaches the state, the project, or the output
        QFile projectFile(project);
        QVERIFY(projectFile.open(QIODevice::ReadOnly));
        const QByteArray projectBytes = projectFile.readAll();
        QVERIFY2(projectBytes.contains(user.toUtf8()), "the user name is kept in the project");
        QFile stateFile(json);
        QVERIFY(stateFile.open(QIODevice::ReadOnly));
        for (const QByteArray &text : {stateFile.readAll(), projectBytes, appOut, appErr}) {
            QVERIFY2(!text.contains(password.toUtf8()), text.left(400).constData());
            QVERIFY(!text.contains("\"password\""));
        }
    }

    void badBrokerUrlIsReported()
    {
        const AppRun r = runApp({"--mqtt", "notaurl://", "--screenshot", m_dir.filePath("x.png"), "--size", "320x240",
                                 "--timeout", "30"});
        QVERIFY(r.exitCode != 0);
        QVERIFY2(r.err.contains("notaurl"), qPrintable(r.err));
    }

    void missingRegistryIsReported()
    {
        const AppRun r = runApp({"--registry", m_dir.filePath("nope.json"), "--screenshot", m_dir.filePath("x.png")});
        QVERIFY(r.exitCode != 0);
        QVERIFY2(r.err.contains("nope.json"), qPrintable(r.err));
    }
};

QTEST_GUILESS_MAIN(tst_LiveCli)
#include "tst_livecli.moc"
