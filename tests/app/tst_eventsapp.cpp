// Events through the real `liyuan` binary on the demo district:
// - `--event TYPE:x,y[,z]`: the event stands on the ground where it has no z (the height the
//   DEM gives on a hill east of the district, 0 on a street of the flat district), keeps a
//   given z, and lists the demo's POIs within the Nearby radius, nearest first — the same
//   POIs, in the same order, as computed here from the GeoPackage with ogr2ogr;
// - a click through the real interface (an --input script: "Place by click", a click on a
//   street, "Go") places an event on the surface there and flies the camera to it;
// - malformed --event specifications stop the app before any window opens (exit 64);
// - events over MQTT from a mosquitto started here, mapped by an event mapping file written
//   here (--event-mapping): a valid event appears in --state-json in the scene frame, malformed
//   payloads are rejected, counted and reported, and the app keeps running to its screenshot.
#include "TestRequire.h"
#include "AppRunner.h"
#include "TestBroker.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>

using namespace liyuan_test;

namespace {
// the demo's scene frame origin (EPSG:4549), see the demo project's "scene"
constexpr double kOriginX = 528630, kOriginY = 3992050;

QJsonObject readJson(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? QJsonDocument::fromJson(f.readAll()).object() : QJsonObject();
}

QJsonObject eventById(const QJsonObject &state, const QString &id)
{
    for (const QJsonValue &v : state.value(QStringLiteral("events")).toArray())
        if (v.toObject().value(QStringLiteral("id")).toString() == id)
            return v.toObject();
    return {};
}

QString run(const QString &tool, const QStringList &args)
{
    QProcess p;
    p.start(tool, args);
    if (!p.waitForFinished(60000) || p.exitCode() != 0)
        return {};
    return QString::fromUtf8(p.readAllStandardOutput());
}
} // namespace

class tst_EventsApp : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QProcessEnvironment m_env;

    QString demoDir() const { return m_dir.filePath(QStringLiteral("district")); }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_env = QProcessEnvironment::systemEnvironment();
        m_env.insert(QStringLiteral("LIYUAN_DEMO_DIR"), demoDir());
    }

    void badEventSpecs_data()
    {
        QTest::addColumn<QString>("spec");
        QTest::addColumn<QString>("message");
        QTest::newRow("no-colon") << "fire" << "expected TYPE:x,y[,z]";
        QTest::newRow("no-type") << ":1,2" << "expected TYPE:x,y[,z]";
        QTest::newRow("one-number") << "fire:1" << "expected TYPE:x,y[,z]";
        QTest::newRow("four-numbers") << "fire:1,2,3,4" << "expected TYPE:x,y[,z]";
        QTest::newRow("not-a-number") << "fire:1,abc" << "'abc' is not a coordinate";
        QTest::newRow("nan") << "fire:nan,2" << "'nan' is not a coordinate";
        QTest::newRow("inf") << "fire:1,inf" << "'inf' is not a coordinate";
        QTest::newRow("huge") << "fire:1e300,2" << "is not a coordinate";
    }

    void badEventSpecs()
    {
        QFETCH(QString, spec);
        QFETCH(QString, message);
        const AppRun r = runApp({"--event", spec, "--screenshot", m_dir.filePath("bad.png")}, 30000, m_env);
        QVERIFY2(r.finished, r.what().constData());
        QCOMPARE(r.exitCode, 64);
        QVERIFY2(r.err.contains(QStringLiteral("--event")) && r.err.contains(message), qPrintable(r.err));
        QVERIFY(!QFileInfo::exists(m_dir.filePath("bad.png")));
    }

    void eventsStandOnTheGroundWithNearby()
    {
        const QString gdalInfo = findTool(QStringLiteral("gdallocationinfo"));
        const QString ogr2ogr = findTool(QStringLiteral("ogr2ogr"));
        if (gdalInfo.isEmpty() || ogr2ogr.isEmpty())
            LIYUAN_SKIP("gdallocationinfo / ogr2ogr (gdal-bin) not installed");
        const QString json = m_dir.filePath("cli.json");
        // a street crossing of the flat district; a hill east of it; a point given with its z
        const AppRun r = runApp({"--event", "fire:100,150", "--event", "landslide:550,250", "--event", "crowd:60,100,3.5",
                                 "--screenshot", m_dir.filePath("cli.png"), "--size", "800x600", "--state-json", json,
                                 "--timeout", "280"},
                                400000, m_env);
        QVERIFY2(r.finished && r.exitCode == 0, r.what().constData());
        const QJsonObject st = readJson(json);
        QCOMPARE(st.value("events").toArray().size(), 3);

        auto demHeight = [&](double sx, double sy) {
            const QString out = run(gdalInfo, {"-valonly", "-geoloc", demoDir() + "/gis/dem.tif", QString::number(kOriginX + sx, 'f', 3),
                                               QString::number(kOriginY + sy, 'f', 3)});
            bool ok = false;
            const double v = out.trimmed().toDouble(&ok);
            return ok ? v : qQNaN();
        };

        const QJsonObject street = eventById(st, "cli-1");
        QCOMPARE(street["type"].toString(), QStringLiteral("fire"));
        QCOMPARE(street["source"].toString(), QStringLiteral("cli"));
        QVERIFY2(street["grounded"].toBool(), qPrintable(QJsonDocument(street).toJson()));
        const QJsonObject sp = street["position"].toObject();
        QCOMPARE(sp["x"].toDouble(), 100.0);
        QCOMPARE(sp["y"].toDouble(), 150.0);
        QVERIFY(std::abs(sp["z"].toDouble() - demHeight(100, 150)) < 0.6); // the street of the photogrammetry

        const QJsonObject hill = eventById(st, "cli-2");
        QVERIFY2(hill["grounded"].toBool(), qPrintable(QJsonDocument(hill).toJson()));
        const double dem = demHeight(550, 250);
        QVERIFY2(dem > 5, "the test point lies on the hill east of the district");
        const double hz = hill["position"].toObject()["z"].toDouble();
        QVERIFY2(std::abs(hz - dem) < 1.0, qPrintable(QStringLiteral("z %1, DEM %2").arg(hz).arg(dem)));

        const QJsonObject given = eventById(st, "cli-3");
        QCOMPARE(given["position"].toObject()["z"].toDouble(), 3.5); // a given z is kept
        QVERIFY(given["grounded"].toBool());
        // the demo's camera layer answers Who sees it: entries name a camera, best first
        QVERIFY(given["seeingCameras"].isArray());
        double lastScore = 1e9;
        for (const QJsonValue &v : given["seeingCameras"].toArray()) {
            QVERIFY(!v.toObject()["id"].toString().isEmpty());
            QVERIFY(v.toObject()["score"].toDouble() <= lastScore);
            lastScore = v.toObject()["score"].toDouble();
        }

        // Nearby: the demo's POIs within the default 150 m of the street event, nearest first,
        // exactly those the GeoPackage has there
        const QString csv = run(ogr2ogr, {"-f", "CSV", "/vsistdout/", demoDir() + "/gis/district.gpkg", "pois", "-lco", "GEOMETRY=AS_XY",
                                          "-select", "name"});
        QVERIFY2(!csv.isEmpty(), "ogr2ogr read the POIs");
        QList<QPair<double, QString>> expected;
        const QStringList lines = csv.split('\n', Qt::SkipEmptyParts);
        for (int i = 1; i < lines.size(); ++i) {
            const QStringList f = lines.at(i).split(',');
            if (f.size() < 3)
                continue;
            const double d = std::hypot(f.at(0).toDouble() - (kOriginX + 100), f.at(1).toDouble() - (kOriginY + 150));
            if (d <= 150)
                expected.append({d, f.mid(2).join(',').remove('"').trimmed()});
        }
        std::sort(expected.begin(), expected.end(), [](const auto &a, const auto &b) { return a.first < b.first; });
        QVERIFY2(expected.size() >= 3, "the street point has POIs around it");
        const QJsonArray nearby = street["nearby"].toArray();
        QCOMPARE(nearby.size(), std::min<int>(int(expected.size()), 20));
        double last = -1;
        for (int i = 0; i < nearby.size(); ++i) {
            const QJsonObject n = nearby.at(i).toObject();
            QCOMPARE(n["layer"].toString(), QStringLiteral("pois"));
            const double d = n["distance"].toDouble();
            QVERIFY2(d >= last, "nearest first");
            last = d;
            QVERIFY(d <= 150.0);
            QVERIFY2(std::abs(d - expected.at(i).first) < 0.01, qPrintable(QStringLiteral("%1: %2 vs %3").arg(i).arg(d).arg(expected.at(i).first)));
            QCOMPARE(n["name"].toString(), expected.at(i).second);
        }
        // the hill event is far from every POI of the district within 150 m? it still answers (maybe empty), never null
        QVERIFY(hill["nearby"].isArray());
    }

    void clickPlacesAnEventAndGoFliesThere()
    {
        // the interface is shown (an input script drives it): arm placement, click a street
        // crossing of the district (scene 300, 100), then Go
        const QString script = m_dir.filePath("click.txt");
        QFile f(script);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("click #eventPanelToggle\n" // the panel starts folded
                "click #eventPlaceButton\n"
                "click @300,100,0\n"
                "settle\n"
                "click #eventGoButton\n"
                "wait 1500\n"
                "settle\n");
        f.close();
        const QString json = m_dir.filePath("click.json");
        const AppRun r = runApp({"--input", script, "--screenshot", m_dir.filePath("click.png"), "--size", "1100x800",
                                 "--state-json", json, "--timeout", "280"},
                                400000, m_env);
        QVERIFY2(r.finished && r.exitCode == 0, r.what().constData());
        const QJsonObject st = readJson(json);
        const QJsonObject ev = eventById(st, "click-1");
        QVERIFY2(!ev.isEmpty(), qPrintable(QJsonDocument(st["events"].toArray()).toJson()));
        QCOMPARE(ev["source"].toString(), QStringLiteral("click"));
        QCOMPARE(ev["type"].toString(), QStringLiteral("fire")); // the panel's default type
        QCOMPARE(ev["severity"].toString(), QStringLiteral("high"));
        const QJsonObject p = ev["position"].toObject();
        QVERIFY2(std::abs(p["x"].toDouble() - 300) < 0.5 && std::abs(p["y"].toDouble() - 100) < 0.5 && std::abs(p["z"].toDouble()) < 0.6,
                 qPrintable(QJsonDocument(ev).toJson()));
        QVERIFY(ev["nearby"].toArray().size() >= 1);
        // Go flew the camera to the event (EventOptions::flyDistance, 90 m)
        const QJsonObject eye = st["camera"].toObject()["local"].toObject();
        const double d = std::hypot(eye["x"].toDouble() - 300, eye["y"].toDouble() - 100, eye["z"].toDouble());
        QVERIFY2(d > 60 && d < 120, qPrintable(QString::number(d)));
        int clicked = 0; // the demo's recorded feed reports events of its own meanwhile
        for (const QJsonValue &v : st["events"].toArray())
            clicked += v.toObject()["source"].toString() == QLatin1String("click");
        QCOMPARE(clicked, 1);
    }

    void eventsOverMqtt()
    {
        const QString broker = findTool(QStringLiteral("mosquitto"));
        const QString pub = findTool(QStringLiteral("mosquitto_pub"));
        if (broker.isEmpty() || pub.isEmpty())
            LIYUAN_SKIP("mosquitto / mosquitto_pub not installed");
        const quint16 port = freeLoopbackPort();
        Broker b(broker, port);
        QString error;
        QVERIFY2(b.start(&error), qPrintable(error));

        // the contract's mapping on a test topic
        const QString mapping = m_dir.filePath("events.json");
        QFile mf(mapping);
        QVERIFY(mf.open(QIODevice::WriteOnly));
        mf.write(R"({ "type": "LiyuanEventMapping", "version": 1,
          "rules": [ { "topic": "test/+/events", "id": "id", "type": "type",
                       "x": "position.x", "y": "position.y", "z": "position.z", "crs": "EPSG:4549",
                       "time": "time", "severity": "severity", "text": "text" } ] })");
        mf.close();

        const QString json = m_dir.filePath("mqtt.json");
        QProcess app;
        app.setProcessEnvironment(m_env);
        app.start(QStringLiteral(LIYUAN_APP), {"--mqtt", QStringLiteral("tcp://127.0.0.1:%1").arg(port), "--event-mapping", mapping,
                                               "--screenshot", m_dir.filePath("mqtt.png"), "--size", "640x480",
                                               "--state-json", json, "--timeout", "280"});
        QVERIFY(app.waitForStarted(10000));
        auto publish = [&](const QString &topic, const QByteArray &payload) {
            QProcess p;
            p.start(pub, {"-h", "127.0.0.1", "-p", QString::number(port), "-t", topic, "-m", QString::fromUtf8(payload)});
            p.waitForFinished(5000);
        };
        QElapsedTimer clock;
        clock.start();
        while (app.state() != QProcess::NotRunning && clock.elapsed() < 380000) {
            // a street of the district (scene 150, 50), in EPSG:4549, no z: on the ground
            publish("test/district/events", R"({"id":"mq-1","type":"fire","position":{"x":528780,"y":3992100},)"
                                            R"("time":"2026-05-04T09:30:00Z","severity":"critical","text":"Smoke in the lane"})");
            // hostile payloads: rejected, counted, never an event, never a crash
            publish("test/district/events", "{not json");
            publish("test/district/events", R"({"type":"fire","position":{"x":528780,"y":3992100}})");                     // no id
            publish("test/district/events", R"({"id":"mq-bad-sev","type":"fire","position":{"x":528780,"y":3992100},"severity":"apocalyptic"})");
            publish("test/district/events", R"({"id":"mq-nan","type":"fire","position":{"x":"NaN","y":3992100}})");
            publish("test/district/events", R"(["mq-array"])");
            publish("test/district/events", QByteArray(70 * 1024, 'x'));
            app.waitForFinished(700);
        }
        if (app.state() != QProcess::NotRunning) {
            app.kill();
            app.waitForFinished(5000);
            QFAIL("the app did not finish");
        }
        const QByteArray appErr = app.readAllStandardError();
        QVERIFY2(app.exitStatus() == QProcess::NormalExit && app.exitCode() == 0, appErr.constData());

        const QJsonObject st = readJson(json);
        const QJsonObject live = st["live"].toObject();
        QCOMPARE(live["connection"].toString(), QStringLiteral("connected"));
        QVERIFY(live["eventMapping"].toString().endsWith(QLatin1String("events.json")));
        QVERIFY(live["eventsDecoded"].toInt() >= 1);
        QVERIFY(live["eventsRejected"].toInt() >= 5);
        const QString errors = QJsonDocument(live["recentErrors"].toArray()).toJson();
        QVERIFY2(errors.contains(QLatin1String("unknown severity 'apocalyptic'")), qPrintable(errors));
        QVERIFY2(errors.contains(QLatin1String("the event id")), qPrintable(errors));
        QVERIFY2(errors.contains(QLatin1String("test/district/events")), qPrintable(errors));

        const QJsonObject ev = eventById(st, "mq-1");
        QVERIFY2(!ev.isEmpty(), qPrintable(QJsonDocument(st["events"].toArray()).toJson()));
        QCOMPARE(ev["source"].toString(), QStringLiteral("mqtt"));
        QCOMPARE(ev["severity"].toString(), QStringLiteral("critical"));
        QCOMPARE(ev["text"].toString(), QStringLiteral("Smoke in the lane"));
        QCOMPARE(ev["time"].toString(), QStringLiteral("2026-05-04T09:30:00.000Z"));
        QCOMPARE(ev["crs"].toString(), QStringLiteral("EPSG:4549"));
        const QJsonObject p = ev["position"].toObject();
        QVERIFY2(std::abs(p["x"].toDouble() - 150.0) < 1e-6 && std::abs(p["y"].toDouble() - 50.0) < 1e-6,
                 qPrintable(QJsonDocument(ev).toJson()));
        QVERIFY(ev["grounded"].toBool());
        QVERIFY(std::abs(p["z"].toDouble()) < 0.6); // the flat district's street
        QVERIFY(ev["nearby"].toArray().size() >= 1);
        for (const char *bad : {"mq-bad-sev", "mq-nan", "mq-array"})
            QVERIFY2(eventById(st, QString::fromLatin1(bad)).isEmpty(), bad);
        QCOMPARE(st["events"].toArray().size(), 1);
    }
};

QTEST_GUILESS_MAIN(tst_EventsApp)
#include "tst_eventsapp.moc"
