// The real `liyuan` binary against a real mosquitto started on a free loopback port:
// `liyuan --mqtt URL --focus tower/3 --screenshot … --state-json …` on the demo district while
// the test publishes SensorThings and JSON payloads with mosquitto_pub; the state JSON must
// show the published values on the focused floor, the alarm they raise, and the broker
// connection. Malformed payloads are counted, never crash.
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
        if (broker.isEmpty() || pub.isEmpty())
            QSKIP("mosquitto / mosquitto_pub not installed");
        const quint16 port = freeLoopbackPort();
        Broker b(broker, port);
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
        QProcess app;
        app.setProcessEnvironment(env);
        app.start(QStringLiteral(LIYUAN_APP),
                  {"--mqtt", QStringLiteral("tcp://127.0.0.1:%1").arg(port), "--mapping", mapping, "--focus", "tower/3",
                   "--screenshot", png, "--size", "640x480", "--state-json", json, "--timeout", "200"});
        QVERIFY(app.waitForStarted(10000));
        // publish until the app has written its screenshot: the values are re-sent so they are
        // seen whenever the subscription is in place
        auto publish = [&](const QString &topic, const QByteArray &payload) {
            QProcess p;
            p.start(pub, {"-h", "127.0.0.1", "-p", QString::number(port), "-t", topic, "-m", QString::fromUtf8(payload)});
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
        QVERIFY2(app.exitCode() == 0, app.readAllStandardError().constData());

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
        // the password never reaches the state or the project
        QVERIFY(!QJsonDocument(st).toJson().contains("password"));
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
