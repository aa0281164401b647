// LiveDataController against a REAL broker: mosquitto on a free loopback port, messages
// published with mosquitto_pub. A registry in EPSG:4549 written by the test; the scene frame
// elsewhere (and in another CRS). Covers positions, marker colours, floor summaries, alarms,
// staleness, broker restart, malformed payloads, replay, --state-json and settings JSON.
#include "TestRequire.h"
#include "LiveDataController.h"

#include "TestBroker.h"

#include <liyuan/geodata/CoordinateTransform.h>
#include <liyuan/live/FeedRecording.h>

#include <QGuiApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>

using liyuan::CoordinateTransform;
using liyuan::Crs;
using liyuan::DeviceMarkers;
using liyuan::LiveDataController;
using liyuan::LocalFrame;
using liyuan::Vec3d;
using liyuan::mqtt::LiveFeed;
using State = liyuan::live::DeviceStore::State;
using liyuan_test::Broker;
using liyuan_test::findTool;
using liyuan_test::freeLoopbackPort;

namespace {

// Two buildings near Qingdao in CGCS2000 / 3-degree GK CM 120E (EPSG:4549).
const char *kRegistry = R"({
  "crs": "EPSG:4549", "name": "Test district",
  "buildings": [
    { "id": "T1", "name": "Tower One", "block": "Block A", "model": "models/t1.glb",
      "footprint": [[527100, 3993100], [527140, 3993100], [527140, 3993130], [527100, 3993130]],
      "floors": [ {"number": 1, "baseElevation": 10, "height": 4},
                  {"number": 2, "name": "Second", "baseElevation": 14, "height": 4} ],
      "devices": [
        {"id": "t1-temp-1", "type": "temperature", "floor": 1, "position": [527110.25, 3993110.5, 11.5], "unit": "°C",
         "thresholds": {"warn": 26, "alarm": 30}, "staleSeconds": 600},
        {"id": "t1-power-1", "type": "power", "floor": 1, "position": [527120, 3993105, 12], "unit": "kW", "staleSeconds": 600},
        {"id": "t1-water-1", "type": "water", "floor": 1, "position": [527121, 3993105, 12], "unit": "m3/h", "staleSeconds": 600},
        {"id": "t1-co2-2", "type": "co2", "floor": 2, "position": [527130, 3993120, 15.5], "unit": "ppm",
         "thresholds": {"warn": 1000, "alarm": 1500}, "staleSeconds": 600},
        {"id": "t1-hum-2", "type": "humidity", "floor": 2, "position": [527131, 3993121, 15.5], "unit": "%", "staleSeconds": 2},
        {"id": "t1-power-2", "type": "power", "floor": 2, "position": [527125, 3993125, 16], "unit": "kW", "staleSeconds": 600}
      ],
      "tenants": [ {"floor": 1, "company": "Acme Data", "industry": "IT", "area": 420.5},
                   {"floor": 2, "company": "Beta Law", "industry": "legal", "area": 300} ],
      "meters": [ {"floor": 1, "kind": "power", "deviceId": "t1-power-1"},
                  {"floor": 1, "kind": "water", "deviceId": "t1-water-1"},
                  {"floor": 2, "kind": "power", "deviceId": "t1-power-2"} ] },
    { "id": "plaza", "name": "Plaza",
      "footprint": [[526950, 3992950], [527080, 3992950], [527080, 3993080], [526950, 3993080]],
      "floors": [ {"number": 0, "baseElevation": 5, "height": 3} ],
      "devices": [
        {"id": "pc-1", "type": "people", "floor": 0, "position": [527000, 3993000, 6], "staleSeconds": 600},
        {"id": "pc-2", "type": "people", "floor": 0, "position": [527060, 3993040, 6], "staleSeconds": 600}
      ] }
  ]
})";

const LocalFrame kFrame(Crs::fromString(QStringLiteral("EPSG:4549")), Vec3d(526900.0, 3992950.0, 5.0));

QVariantMap findDevice(const QVariantList &list, const QString &id)
{
    for (const QVariant &v : list)
        if (v.toMap().value(QStringLiteral("id")).toString() == id)
            return v.toMap();
    return {};
}

} // namespace

class TestLiveDataController : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanupTestCase();
    void positions_data();
    void positions();
    void hostileFiles_data();
    void hostileFiles();
    void liveStatesAndAlarms();
    void floorSummaryAndHeatmap();
    void malformedCounted();
    void staleAfterSilence();
    void notificationsThrottled();
    void reconnects();
    void stateJsonAndSettings();
    void replay();
    void eventsFromTheProject(); // events:

private:
    bool publish(const QString &topic, const QByteArray &payload);
    bool publishValue(const QString &device, double value);
    QString write(const QString &name, const QByteArray &data);
    LiveFeed::Settings settings() const;
    int indexOf(const QString &id) const { return m_live->store().indexOf(id); }

    QString m_pub, m_mosquitto, m_registryPath;
    std::unique_ptr<Broker> m_broker;
    std::unique_ptr<LiveDataController> m_live;
    QTemporaryDir m_dir;
};

QString TestLiveDataController::write(const QString &name, const QByteArray &data)
{
    const QString path = m_dir.filePath(name);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return {};
    f.write(data);
    return path;
}

LiveFeed::Settings TestLiveDataController::settings() const
{
    LiveFeed::Settings s;
    s.url = QStringLiteral("tcp://127.0.0.1:%1").arg(m_broker->port());
    s.clientId = QStringLiteral("liyuan-livedata-%1").arg(QCoreApplication::applicationPid());
    s.username = QStringLiteral("operator");
    s.password = QStringLiteral("hunter2-secret");
    s.keepAliveSeconds = 5;
    s.minRetryMs = 100;
    s.maxRetryMs = 1000;
    return s;
}

bool TestLiveDataController::publish(const QString &topic, const QByteArray &payload)
{
    const QString file = write(QStringLiteral("payload.bin"), payload);
    QProcess p;
    p.start(m_pub, {"-h", "127.0.0.1", "-p", QString::number(m_broker->port()), "-q", "0", "-t", topic, "-f", file});
    return p.waitForFinished(10000) && p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
}

bool TestLiveDataController::publishValue(const QString &device, double value)
{
    // the default mapping's JSON rule `+/+/+/telemetry`; no time: the arrival time is used
    return publish(QStringLiteral("site/t/%1/telemetry").arg(device),
                   QStringLiteral(R"({"id":"%1","value":%2})").arg(device).arg(value, 0, 'g', 10).toUtf8());
}

void TestLiveDataController::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_registryPath = write(QStringLiteral("registry.json"), kRegistry);
    QVERIFY(!m_registryPath.isEmpty());
    m_mosquitto = findTool(QStringLiteral("mosquitto"));
    m_pub = findTool(QStringLiteral("mosquitto_pub"));
    m_live = std::make_unique<LiveDataController>();
    m_live->setSceneFrame(kFrame);
    QString err;
    QVERIFY2(m_live->loadRegistry(m_registryPath, &err), qPrintable(err));
    if (m_mosquitto.isEmpty() || m_pub.isEmpty())
        return; // broker tests skip one by one
    const quint16 port = freeLoopbackPort();
    QVERIFY(port != 0);
    m_broker = std::make_unique<Broker>(m_mosquitto, port);
    QVERIFY2(m_broker->start(&err), qPrintable(err));
}

void TestLiveDataController::cleanupTestCase()
{
    if (m_live)
        m_live->stop();
    m_live.reset();
    m_broker.reset();
}

void TestLiveDataController::positions_data()
{
    QTest::addColumn<QString>("frameCrs");
    QTest::addColumn<double>("dx"); // frame origin = transformed tower corner + (dx, dy, dz)
    QTest::addColumn<double>("dy");
    QTest::addColumn<double>("dz");
    QTest::newRow("same CRS, origin south-west") << "EPSG:4549" << -200.0 << -150.0 << -5.0;
    QTest::newRow("same CRS, origin north-east") << "EPSG:4549" << 350.0 << 420.0 << 30.0;
    QTest::newRow("UTM 51N") << "EPSG:32651" << -120.0 << -80.0 << 0.0;
    QTest::newRow("CGCS2000 GK zone 40 with prefix") << "EPSG:4527" << 75.0 << -60.0 << 2.5;
}

void TestLiveDataController::positions()
{
    QFETCH(QString, frameCrs);
    QFETCH(double, dx);
    QFETCH(double, dy);
    QFETCH(double, dz);
    const Crs reg = Crs::fromString(QStringLiteral("EPSG:4549"));
    const Crs fc = Crs::fromString(frameCrs);
    QVERIFY(fc.isValid());
    auto inFrameCrs = [&](double x, double y, double z) {
        Vec3d p(x, y, z);
        if (fc != reg) {
            const CoordinateTransform ct(reg, fc);
            if (!ct.transform(p))
                qFatal("PROJ failed");
        }
        return p;
    };
    const Vec3d corner = inFrameCrs(527100, 3993100, 10);
    const LocalFrame frame(fc, corner + Vec3d(dx, dy, dz));

    LiveDataController live;
    live.setSceneFrame(frame); // before the registry
    QString err;
    QVERIFY2(live.loadRegistry(m_registryPath, &err), qPrintable(err));
    LiveDataController after;  // and after it
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression("scene frame is not georeferenced"));
    QVERIFY(after.loadRegistry(m_registryPath, &err));
    after.setSceneFrame(frame);

    const auto &buildings = live.registry().buildings();
    for (const auto &b : buildings) {
        for (const auto &d : b.devices) {
            const Vec3d e = frame.fromCrs(inFrameCrs(d.positionD[0], d.positionD[1], d.positionD[2]));
            for (const LiveDataController *c : {&live, &after}) {
                const QVector3D got = c->devicePosition(d.id);
                QVERIFY2(std::abs(got.x() - e.x) < 1e-3 && std::abs(got.y() - e.y) < 1e-3 && std::abs(got.z() - e.z) < 1e-3,
                         qPrintable(QStringLiteral("%1: got (%2, %3, %4), expected (%5, %6, %7)")
                                        .arg(d.id).arg(got.x()).arg(got.y()).arg(got.z()).arg(e.x).arg(e.y).arg(e.z)));
                QCOMPARE(c->markers()->positionAt(c->store().indexOf(d.id)), got);
            }
        }
    }
    // the tower's footprint and floors in the scene frame
    const QVariantMap t1 = live.building(QStringLiteral("T1"));
    QCOMPARE(t1.value("name").toString(), QStringLiteral("Tower One"));
    QCOMPARE(t1.value("block").toString(), QStringLiteral("Block A"));
    QCOMPARE(t1.value("district").toString(), QStringLiteral("Test district"));
    QCOMPARE(t1.value("model").toString(), QDir(m_dir.path()).filePath(QStringLiteral("models/t1.glb")));
    const QVariantList fp = t1.value("footprint").toList();
    QCOMPARE(fp.size(), 4);
    const Vec3d c0 = frame.fromCrs(inFrameCrs(527100, 3993100, 10));
    QVERIFY(std::abs(fp[0].toList()[0].toDouble() - c0.x) < 1e-6);
    QVERIFY(std::abs(fp[0].toList()[1].toDouble() - c0.y) < 1e-6);
    const QVariantList floors = t1.value("floors").toList();
    QCOMPARE(floors.size(), 2);
    QCOMPARE(floors[1].toMap().value("name").toString(), QStringLiteral("Second"));
    QCOMPARE(floors[0].toMap().value("name").toString(), QStringLiteral("1F"));
    QCOMPARE(floors[1].toMap().value("height").toDouble(), 4.0);
    const Vec3d f2 = frame.fromCrs(inFrameCrs(527120, 3993115, 14));
    QVERIFY2(std::abs(floors[1].toMap().value("base").toDouble() - f2.z) < 1e-3,
             qPrintable(QString::number(floors[1].toMap().value("base").toDouble())));
    QCOMPARE(live.buildings().size(), 2);
    QVERIFY(live.building(QStringLiteral("nope")).isEmpty());
    QCOMPARE(live.devicePosition(QStringLiteral("nope")), QVector3D());
}

void TestLiveDataController::hostileFiles_data()
{
    QTest::addColumn<QString>("kind"); // registry | mapping
    QTest::addColumn<QString>("name");
    QTest::addColumn<QByteArray>("content"); // empty: the file does not exist
    QTest::addColumn<QString>("expect");     // in the error, besides the file name
    QTest::newRow("registry missing") << "registry" << "absent-registry.json" << QByteArray() << "";
    QTest::newRow("registry not JSON") << "registry" << "broken-registry.json" << QByteArray("{\"buildings\": [") << "";
    QTest::newRow("registry binary") << "registry" << "binary-registry.json" << QByteArray("\x00\xff\x10garbage", 10) << "";
    QTest::newRow("registry bad floor")
        << "registry" << "badfloor-registry.json"
        << QByteArray(R"({"buildings":[{"id":"A","name":"A","footprint":[[0,0],[1,0],[1,1]],
            "floors":[{"number":1,"baseElevation":0,"height":3}],
            "devices":[{"id":"d","type":"co2","floor":27,"position":[0,0,0]}]}]})")
        << "devices[0]";
    QTest::newRow("registry bad CRS")
        << "registry" << "badcrs-registry.json"
        << QByteArray(R"({"crs":"EPSG:999999","buildings":[{"id":"A","name":"A","footprint":[[0,0],[1,0],[1,1]],
            "floors":[{"number":1,"baseElevation":0,"height":3}]}]})")
        << "crs";
    QTest::newRow("mapping missing") << "mapping" << "absent-mapping.json" << QByteArray() << "";
    QTest::newRow("mapping not JSON") << "mapping" << "broken-mapping.json" << QByteArray("rules: []") << "";
    QTest::newRow("mapping bad rule")
        << "mapping" << "badrule-mapping.json"
        << QByteArray(R"({"rules":[{"type":"json","topic":"a/b+/c","value":"v","deviceId":"id"}]})") << "rules[0]";
    QTest::newRow("mapping unknown type")
        << "mapping" << "badtype-mapping.json" << QByteArray(R"({"rules":[{"type":"modbus"}]})") << "rules[0]";
    QTest::newRow("mapping no rules") << "mapping" << "norules-mapping.json" << QByteArray(R"({"rules":[]})") << "";
}

void TestLiveDataController::hostileFiles()
{
    QFETCH(QString, kind);
    QFETCH(QString, name);
    QFETCH(QByteArray, content);
    QFETCH(QString, expect);
    const QString path = content.isEmpty() ? m_dir.filePath(name) : write(name, content);
    LiveDataController live;
    live.setSceneFrame(kFrame);
    QString err;
    QVERIFY(live.loadRegistry(m_registryPath, &err));
    const int devices = live.store().deviceCount();
    QVERIFY(devices > 0);
    const bool ok = kind == QLatin1String("registry") ? live.loadRegistry(path, &err) : live.loadMapping(path, &err);
    QVERIFY(!ok);
    QVERIFY2(err.contains(name), qPrintable(err));
    if (!expect.isEmpty())
        QVERIFY2(err.contains(expect), qPrintable(err));
    // the previous registry / mapping stays in use
    QCOMPARE(live.store().deviceCount(), devices);
    QCOMPARE(live.markers()->count(), devices);
    QVERIFY(!live.mapping().isEmpty());
}

void TestLiveDataController::liveStatesAndAlarms()
{
    if (!m_broker)
        LIYUAN_SKIP("mosquitto / mosquitto_pub not installed (apt-get install mosquitto mosquitto-clients)");
    QCOMPARE(m_live->connectionState(), QStringLiteral("off"));
    QString err;
    QVERIFY2(m_live->connectBroker(settings(), &err), qPrintable(err));
    QCOMPARE(m_live->brokerUrl(), settings().url);
    QTRY_COMPARE_WITH_TIMEOUT(m_live->connectionState(), QStringLiteral("connected"), 10000);
    QVERIFY(m_live->connectionText().contains(settings().url));

    const int temp = indexOf(QStringLiteral("t1-temp-1"));
    QVERIFY(temp >= 0);
    QCOMPARE(m_live->markers()->colorAt(temp), DeviceMarkers::colorFor(State::Unknown));
    QSignalSpy alarmsSpy(m_live.get(), &LiveDataController::alarmsChanged);

    struct Step { double value; State state; int alarms; };
    const Step steps[] = {{22.0, State::Normal, 0}, {27.5, State::Warn, 0}, {31.0, State::Alarm, 1},
                          {33.5, State::Alarm, 1}, {21.0, State::Normal, 0}};
    for (const Step &s : steps) {
        QVERIFY(publishValue(QStringLiteral("t1-temp-1"), s.value));
        QTRY_COMPARE_WITH_TIMEOUT(m_live->store().device(temp).value, s.value, 5000);
        QCOMPARE(m_live->markers()->colorAt(temp), DeviceMarkers::colorFor(s.state)); // no frame needed
        m_live->flushNotifications();
        QCOMPARE(m_live->alarms().size(), s.alarms);
        const QVariantMap dev = findDevice(m_live->devicesOnFloor(QStringLiteral("T1"), 1), QStringLiteral("t1-temp-1"));
        QCOMPARE(dev.value("value").toDouble(), s.value);
        QCOMPARE(dev.value("state").toString(), liyuan::live::DeviceStore::stateName(s.state));
        QCOMPARE(dev.value("unit").toString(), QStringLiteral("°C"));
        QVERIFY(dev.value("ageSeconds").toDouble() >= 0 && dev.value("ageSeconds").toDouble() < 30);
        const QVariantList floorAlarms = m_live->floorSummary(QStringLiteral("T1"), 1).value("alarms").toList();
        QCOMPARE(floorAlarms.size(), s.alarms);
        QCOMPARE(m_live->floorSummary(QStringLiteral("T1"), 2).value("alarms").toList().size(), 0);
        if (s.alarms) {
            const QVariantMap a = m_live->alarms().first().toMap();
            QCOMPARE(a.value("deviceId").toString(), QStringLiteral("t1-temp-1"));
            QCOMPARE(a.value("type").toString(), QStringLiteral("temperature"));
            QCOMPARE(a.value("buildingId").toString(), QStringLiteral("T1"));
            QCOMPARE(a.value("floor").toInt(), 1);
            QCOMPARE(a.value("value").toDouble(), s.value); // follows the latest value
            QCOMPARE(a.value("unit").toString(), QStringLiteral("°C"));
            QCOMPARE(a.value("threshold").toDouble(), 30.0);
            const QDateTime since = QDateTime::fromString(a.value("since").toString(), Qt::ISODateWithMs);
            QVERIFY2(since.isValid() && std::abs(since.secsTo(QDateTime::currentDateTimeUtc())) < 60,
                     qPrintable(a.value("since").toString()));
        }
    }
    QVERIFY(alarmsSpy.size() >= 3); // raised, value changed, cleared
    QVERIFY(!m_live->markers()->isPulsing());

    // a second device alarms on floor 2: pulse timer runs while it lasts
    QVERIFY(publishValue(QStringLiteral("t1-co2-2"), 1800));
    QTRY_COMPARE_WITH_TIMEOUT(m_live->markers()->colorAt(indexOf(QStringLiteral("t1-co2-2"))),
                              DeviceMarkers::colorFor(State::Alarm), 5000);
    QVERIFY(m_live->markers()->isPulsing());
    m_live->flushNotifications();
    QCOMPARE(m_live->alarms().size(), 1);
    QCOMPARE(m_live->floorSummary(QStringLiteral("T1"), 2).value("alarms").toList().size(), 1);
    QCOMPARE(m_live->floorSummary(QStringLiteral("T1"), 1).value("alarms").toList().size(), 0);
    QVERIFY(publishValue(QStringLiteral("t1-co2-2"), 600));
    QTRY_COMPARE_WITH_TIMEOUT(m_live->markers()->colorAt(indexOf(QStringLiteral("t1-co2-2"))),
                              DeviceMarkers::colorFor(State::Normal), 5000);
    QVERIFY(!m_live->markers()->isPulsing());
    m_live->flushNotifications();
    QVERIFY(m_live->alarms().isEmpty());
}

void TestLiveDataController::floorSummaryAndHeatmap()
{
    if (!m_broker)
        LIYUAN_SKIP("no mosquitto");
    QTRY_COMPARE_WITH_TIMEOUT(m_live->connectionState(), QStringLiteral("connected"), 10000);
    QVariantMap s = m_live->floorSummary(QStringLiteral("T1"), 1);
    QVERIFY(s.value("power").isNull());
    QVERIFY(s.value("water").isNull());
    QCOMPARE(s.value("powerSeries").toList().size(), 96);
    QVERIFY(s.value("powerSeries").toList().last().isNull());
    QCOMPARE(s.value("powerMeters").toInt(), 1);
    QCOMPARE(s.value("waterMeters").toInt(), 1);
    const QVariantList tenants = s.value("tenants").toList();
    QCOMPARE(tenants.size(), 1);
    QCOMPARE(tenants[0].toMap().value("company").toString(), QStringLiteral("Acme Data"));
    QCOMPARE(tenants[0].toMap().value("industry").toString(), QStringLiteral("IT"));
    QCOMPARE(tenants[0].toMap().value("area").toDouble(), 420.5);
    QCOMPARE(s.value("devices").toInt(), 3);

    QVERIFY(publishValue(QStringLiteral("t1-power-1"), 12.5));
    QVERIFY(publishValue(QStringLiteral("t1-water-1"), 0.75));
    QTRY_VERIFY_WITH_TIMEOUT(!m_live->floorSummary(QStringLiteral("T1"), 1).value("water").isNull(), 5000);
    s = m_live->floorSummary(QStringLiteral("T1"), 1);
    QCOMPARE(s.value("power").toDouble(), 12.5);
    QCOMPARE(s.value("water").toDouble(), 0.75);
    QCOMPARE(s.value("powerSeries").toList().last().toDouble(), 12.5); // the current bucket
    QVERIFY(QDateTime::fromString(s.value("seriesStart").toString(), Qt::ISODateWithMs).isValid());
    QVERIFY(publishValue(QStringLiteral("t1-power-1"), 15.5));
    QTRY_COMPARE_WITH_TIMEOUT(m_live->floorSummary(QStringLiteral("T1"), 1).value("power").toDouble(), 15.5, 5000);
    // the floor-2 meter is separate
    QVERIFY(m_live->floorSummary(QStringLiteral("T1"), 2).value("power").isNull());
    QVERIFY(m_live->floorSummary(QStringLiteral("nope"), 1).value("power").isNull());

    // footfall: two people counters on the plaza
    QVERIFY(!m_live->hasHeatmap());
    QSignalSpy heat(m_live.get(), &LiveDataController::heatmapChanged);
    QVERIFY(publishValue(QStringLiteral("pc-1"), 120));
    QVERIFY(publishValue(QStringLiteral("pc-2"), 15));
    QTRY_VERIFY_WITH_TIMEOUT(m_live->store().footfall().size() == 2, 5000);
    QTRY_VERIFY_WITH_TIMEOUT(m_live->hasHeatmap() && heat.size() >= 1, 3000);
    m_live->flushNotifications();
    const QVector3D p1 = m_live->devicePosition(QStringLiteral("pc-1"));
    const QVector3D p2 = m_live->devicePosition(QStringLiteral("pc-2"));
    const liyuan::FootfallHeatmap *hm = m_live->footfallHeatmap();
    QVERIFY2(hm->intensityAt(p1.x(), p1.y()) > 0.9, qPrintable(QString::number(hm->intensityAt(p1.x(), p1.y()))));
    QVERIFY(hm->intensityAt(p2.x(), p2.y()) < 0.5 && hm->intensityAt(p2.x(), p2.y()) > 0.05);
    // the quad covers both counters with one radius of margin, centred between them
    const QVector3D c = m_live->heatmapCenter(), size = m_live->heatmapSize();
    QVERIFY(std::abs(c.x() - (p1.x() + p2.x()) / 2) < 1e-3 && std::abs(c.y() - (p1.y() + p2.y()) / 2) < 1e-3);
    QCOMPARE(c.z(), p1.z());
    QVERIFY(size.x() >= std::abs(p1.x() - p2.x()) + 2 * 25 - 1e-3);
    QCOMPARE(m_live->heatmap()->size(), QSize(256, 256));
    QCOMPARE(m_live->heatmap()->textureData().size(), 256 * 256 * 4);
}

void TestLiveDataController::malformedCounted()
{
    if (!m_broker)
        LIYUAN_SKIP("no mosquitto");
    QTRY_COMPARE_WITH_TIMEOUT(m_live->connectionState(), QStringLiteral("connected"), 10000);
    struct Bad { QString topic; QByteArray payload; };
    const QList<Bad> bad{
        {"site/t/t1-temp-1/telemetry", "{\"id\":\"t1-temp-1\",\"value\":"},                 // bad JSON
        {"site/t/t1-temp-1/telemetry", R"({"id":"t1-temp-1","value":{"deep":1}})"},        // wrong type
        {"site/t/ghost/telemetry", R"({"id":"ghost-device","value":3})"},                 // unknown device
        {"site/t/t1-temp-1/telemetry", R"({"id":"t1-temp-1","reading":3})"},               // missing field
        {"site/t/t1-temp-1/telemetry", "{\"id\":\"t1-temp-1\",\"value\":1,\"pad\":\"" + QByteArray(400 * 1024, 'x') + "\"}"}, // huge
        {"site/t/t1-temp-1/telemetry", R"({"id":"t1-temp-1","value":"hot"})"},             // text for a number
        {"v1.1/Datastreams(t1-temp-1)/Observations", R"({"result":[1,2]})"},               // SensorThings, wrong type
    };
    const qint64 before = m_live->messagesRejected();
    const qint64 appliedBefore = m_live->messagesApplied();
    for (const Bad &b : bad)
        QVERIFY(publish(b.topic, b.payload));
    QTRY_COMPARE_WITH_TIMEOUT(m_live->messagesRejected(), before + bad.size(), 5000);
    QCOMPARE(m_live->messagesApplied(), appliedBefore);
    // still alive and applying
    QVERIFY(publishValue(QStringLiteral("t1-temp-1"), 23.25));
    QTRY_COMPARE_WITH_TIMEOUT(m_live->messagesApplied(), appliedBefore + 1, 5000);
    QCOMPARE(m_live->messagesRejected(), before + bad.size());
    QSignalSpy counters(m_live.get(), &LiveDataController::countersChanged);
    m_live->flushNotifications();
    QVERIFY(counters.size() <= 1);
}

void TestLiveDataController::staleAfterSilence()
{
    if (!m_broker)
        LIYUAN_SKIP("no mosquitto");
    const int hum = indexOf(QStringLiteral("t1-hum-2"));
    QCOMPARE(m_live->markers()->colorAt(hum), DeviceMarkers::colorFor(State::Unknown)); // never reported: not stale
    QVERIFY(publishValue(QStringLiteral("t1-hum-2"), 45));
    QTRY_COMPARE_WITH_TIMEOUT(m_live->markers()->colorAt(hum), DeviceMarkers::colorFor(State::Normal), 5000);
    QElapsedTimer t;
    t.start();
    // staleSeconds 2 + the 1 s check: stale within ~3 s, not before 2 s
    QTRY_COMPARE_WITH_TIMEOUT(m_live->markers()->colorAt(hum), DeviceMarkers::colorFor(State::Stale), 6000);
    QVERIFY2(t.elapsed() >= 1500, qPrintable(QString::number(t.elapsed())));
    QCOMPARE(findDevice(m_live->devicesOnFloor(QStringLiteral("T1"), 2), QStringLiteral("t1-hum-2")).value("state").toString(),
             QStringLiteral("stale"));
    // the temperature sensor (600 s) is not stale
    QVERIFY(m_live->markers()->colorAt(indexOf(QStringLiteral("t1-temp-1"))) != DeviceMarkers::colorFor(State::Stale));
    // a new value revives it
    QVERIFY(publishValue(QStringLiteral("t1-hum-2"), 47));
    QTRY_COMPARE_WITH_TIMEOUT(m_live->markers()->colorAt(hum), DeviceMarkers::colorFor(State::Normal), 5000);
    QVERIFY(m_live->lastMessageAge() >= 0 && m_live->lastMessageAge() < 10);
}

void TestLiveDataController::notificationsThrottled()
{
    if (!m_broker)
        LIYUAN_SKIP("no mosquitto");
    QTRY_COMPARE_WITH_TIMEOUT(m_live->connectionState(), QStringLiteral("connected"), 10000);
    m_live->flushNotifications();
    QSignalSpy rev(m_live.get(), &LiveDataController::revisionChanged);
    const int revBefore = m_live->revision();
    // 300 messages in about a second, through one mosquitto_pub (-l: one message per line)
    QByteArray lines;
    for (int i = 0; i < 300; ++i)
        lines += QStringLiteral(R"({"id":"t1-co2-2","value":%1})").arg(400 + i).toUtf8() + '\n';
    const QString file = write(QStringLiteral("lines.txt"), lines);
    QProcess p;
    p.setStandardInputFile(file);
    QElapsedTimer t;
    t.start();
    p.start(m_pub, {"-h", "127.0.0.1", "-p", QString::number(m_broker->port()), "-q", "0", "-t", "site/t/x/telemetry", "-l"});
    QVERIFY(p.waitForFinished(10000));
    QTRY_COMPARE_WITH_TIMEOUT(m_live->store().device(QStringLiteral("t1-co2-2"))->value, 699.0, 5000);
    QTest::qWait(300);
    const double seconds = t.elapsed() / 1000.0;
    QVERIFY(rev.size() >= 1);
    QVERIFY2(rev.size() <= int(std::ceil(seconds * 5.0)) + 1,
             qPrintable(QStringLiteral("%1 revisions in %2 s").arg(rev.size()).arg(seconds)));
    QCOMPARE(m_live->revision(), revBefore + rev.size());
}

void TestLiveDataController::reconnects()
{
    if (!m_broker)
        LIYUAN_SKIP("no mosquitto");
    QTRY_COMPARE_WITH_TIMEOUT(m_live->connectionState(), QStringLiteral("connected"), 10000);
    QStringList states;
    QObject guard; // the connection dies with this function, also when a check fails
    connect(m_live.get(), &LiveDataController::connectionChanged, &guard,
            [&] { if (states.isEmpty() || states.last() != m_live->connectionState()) states << m_live->connectionState(); });
    m_broker->stop();
    QTRY_COMPARE_WITH_TIMEOUT(m_live->connectionState(), QStringLiteral("reconnecting"), 15000);
    QVERIFY(m_live->connectionText().contains(QStringLiteral("reconnecting")));
    QTest::qWait(500);
    QString err;
    QVERIFY2(m_broker->start(&err), qPrintable(err));
    QTRY_COMPARE_WITH_TIMEOUT(m_live->connectionState(), QStringLiteral("connected"), 15000);
    QVERIFY2(states.indexOf(QStringLiteral("reconnecting")) >= 0
                 && states.lastIndexOf(QStringLiteral("connected")) > states.indexOf(QStringLiteral("reconnecting")),
             qPrintable(states.join(QStringLiteral(" → "))));
    // the subscription came back: data flows again
    const int temp = indexOf(QStringLiteral("t1-temp-1"));
    QVERIFY(publishValue(QStringLiteral("t1-temp-1"), 29.0));
    QTRY_COMPARE_WITH_TIMEOUT(m_live->markers()->colorAt(temp), DeviceMarkers::colorFor(State::Warn), 5000);
}

void TestLiveDataController::stateJsonAndSettings()
{
    if (!m_broker)
        LIYUAN_SKIP("no mosquitto");
    QTRY_COMPARE_WITH_TIMEOUT(m_live->connectionState(), QStringLiteral("connected"), 10000);
    const QJsonObject st = m_live->stateJson();
    QCOMPARE(st.value("connection").toString(), QStringLiteral("connected"));
    QCOMPARE(st.value("broker").toString(), settings().url);
    QVERIFY(st.value("messagesApplied").toInteger() > 0);
    QVERIFY(st.value("messagesRejected").toInteger() >= 7);
    const QJsonArray devices = st.value("devices").toArray();
    QCOMPARE(devices.size(), m_live->store().deviceCount());
    bool sawTemp = false, sawNull = false;
    for (const QJsonValue &v : devices) {
        const QJsonObject d = v.toObject();
        QVERIFY(d.contains("building") && d.contains("floor") && d.contains("type") && d.contains("state"));
        if (d.value("id").toString() == QLatin1String("t1-temp-1")) {
            sawTemp = true;
            QCOMPARE(d.value("value").toDouble(), 29.0);
            QCOMPARE(d.value("state").toString(), QStringLiteral("warn"));
            QCOMPARE(d.value("building").toString(), QStringLiteral("T1"));
            const QDateTime time = QDateTime::fromString(d.value("time").toString(), Qt::ISODateWithMs);
            QVERIFY(time.isValid());
            QCOMPARE(time.timeSpec(), Qt::UTC);
        }
        if (d.value("id").toString() == QLatin1String("t1-power-2")) { // never reported
            sawNull = true;
            QVERIFY(d.value("value").isNull());
            QVERIFY(d.value("time").isNull());
            QCOMPARE(d.value("state").toString(), QStringLiteral("unknown"));
            QCOMPARE(d.value("ageSeconds").toDouble(), -1.0);
        }
    }
    QVERIFY(sawTemp && sawNull);
    QVERIFY(st.value("alarms").isArray());

    // the password never leaves memory
    const QJsonObject sj = m_live->settingsJson();
    QCOMPARE(sj.value("url").toString(), settings().url);
    QCOMPARE(sj.value("clientId").toString(), settings().clientId);
    QCOMPARE(sj.value("username").toString(), QStringLiteral("operator"));
    QVERIFY(!sj.contains("password"));
    for (const QJsonObject &o : {sj, st}) {
        const QByteArray text = QJsonDocument(o).toJson();
        QVERIFY(!text.contains("hunter2"));
    }
    const LiveFeed::Settings back = LiveDataController::settingsFromJson(sj);
    QCOMPARE(back.url, settings().url);
    QCOMPARE(back.clientId, settings().clientId);
    QCOMPARE(back.username, settings().username);
    QVERIFY(back.password.isEmpty());
    // unusable settings: refused, the password is not in the message, the controller is off
    LiveFeed::Settings bad = settings();
    bad.url = QStringLiteral("http://127.0.0.1:1");
    LiveDataController other;
    QString err;
    QVERIFY(!other.connectBroker(bad, &err));
    QVERIFY(!err.isEmpty());
    QVERIFY(!err.contains(QStringLiteral("hunter2")));
    QCOMPARE(other.connectionState(), QStringLiteral("off"));
}

void TestLiveDataController::replay()
{
    // a SensorThings mapping file + a small recording: backfill 1 h ago, live part at 0.1 .. 0.4 s
    const QString mapping = write(QStringLiteral("mapping.json"), R"({"format":"liyuan-mapping","version":1,
        "rules":[{"type":"sensorthings","datastreams":{"1":"t1-power-1","2":"t1-temp-1"}},
                 {"type":"json","topic":"rec/+/telemetry","deviceId":"id","value":"value"}]})");
    QByteArray rec = liyuan::live::FeedRecording::headerLine(1.0, false);
    auto st = [](double v) { return QStringLiteral(R"({"phenomenonTime":"2024-05-01T12:00:00Z","result":%1})").arg(v).toUtf8(); };
    rec += liyuan::live::FeedRecording::messageLine(-3600, "v1.1/Datastreams(1)/Observations", st(7.0));
    rec += liyuan::live::FeedRecording::messageLine(-1800, "v1.1/Datastreams(1)/Observations", st(8.0));
    rec += liyuan::live::FeedRecording::messageLine(0.1, "v1.1/Datastreams(1)/Observations", st(9.5));
    rec += liyuan::live::FeedRecording::messageLine(0.2, "v1.1/Datastreams(2)/Observations", st(35.0));
    rec += liyuan::live::FeedRecording::messageLine(0.3, "rec/x/telemetry", R"({"id":"pc-1","value":40})");
    rec += liyuan::live::FeedRecording::messageLine(0.35, "v1.1/Datastreams(99)/Observations", st(1)); // unknown
    rec += liyuan::live::FeedRecording::messageLine(0.4, "rec/x/telemetry", R"({"id":"pc-1"})");      // missing value
    const QString feed = write(QStringLiteral("feed.jsonl"), rec);

    LiveDataController live;
    live.setSceneFrame(kFrame);
    QString err;
    QVERIFY(live.loadRegistry(m_registryPath, &err));
    QVERIFY2(live.loadMapping(mapping, &err), qPrintable(err));
    QVERIFY(!live.startReplay(m_dir.filePath(QStringLiteral("no-such-feed.jsonl")), &err));
    QVERIFY2(err.contains(QStringLiteral("no-such-feed.jsonl")), qPrintable(err));
    QCOMPARE(live.connectionState(), QStringLiteral("off"));
    QVERIFY2(live.startReplay(feed, &err), qPrintable(err));
    QCOMPARE(live.connectionState(), QStringLiteral("replay"));
    QVERIFY(live.brokerUrl().isEmpty());
    QVERIFY(!live.connectionText().isEmpty());
    const int temp = live.store().indexOf(QStringLiteral("t1-temp-1"));
    QTRY_COMPARE_WITH_TIMEOUT(live.markers()->colorAt(temp), DeviceMarkers::colorFor(State::Alarm), 5000);
    QTRY_COMPARE_WITH_TIMEOUT(live.messagesRejected(), qint64(2), 5000);
    live.flushNotifications();
    QCOMPARE(live.alarms().size(), 1);
    const QVariantMap s = live.floorSummary(QStringLiteral("T1"), 1);
    QCOMPARE(s.value("power").toDouble(), 9.5);
    int filled = 0;
    for (const QVariant &v : s.value("powerSeries").toList())
        filled += v.isNull() ? 0 : 1;
    QVERIFY2(filled >= 2, qPrintable(QString::number(filled))); // backfill landed in earlier buckets
    QVERIFY(live.hasHeatmap());
    QCOMPARE(live.messagesApplied(), qint64(5));
    QCOMPARE(live.stateJson().value("connection").toString(), QStringLiteral("replay"));
    live.stop();
    QCOMPARE(live.connectionState(), QStringLiteral("off"));
    QCOMPARE(live.markers()->colorAt(temp), DeviceMarkers::colorFor(State::Alarm)); // values stay
}

void TestLiveDataController::eventsFromTheProject()
{
    // events: the project's live.eventMapping (relative to the project) is loaded before the
    // broker, whose subscription then covers the event topics; events reach eventsReceived,
    // malformed ones count as rejected; a bad mapping file is reported naming the file
    if (!m_broker)
        LIYUAN_SKIP("no mosquitto");
    QDir base(m_dir.filePath(QStringLiteral("evproject")));
    QVERIFY(base.mkpath(QStringLiteral("iot")));
    {
        QFile f(base.filePath(QStringLiteral("iot/events.json")));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(R"({"type":"LiyuanEventMapping","version":1,"rules":[{"topic":"ev/+","id":"id","type":"type",
                    "x":"position.x","y":"position.y","severity":"severity"}]})");
    }
    LiveDataController live;
    live.setSceneFrame(kFrame);
    QList<liyuan::live::EventRecord> events;
    connect(&live, &LiveDataController::eventsReceived, this, [&](const QList<liyuan::live::EventRecord> &b) { events += b; });
    QStringList errors;
    connect(&live, &LiveDataController::errorOccurred, this, [&](const QString &e) { errors << e; });
    QJsonObject project = LiveDataController::settingsJson(settings());
    project.insert(QStringLiteral("eventMapping"), QStringLiteral("iot/events.json"));
    live.applyProjectJson(project, base);
    QVERIFY2(errors.isEmpty(), qPrintable(errors.join('\n')));
    QCOMPARE(live.eventMappingFile(), base.absoluteFilePath(QStringLiteral("iot/events.json")));
    QTRY_COMPARE_WITH_TIMEOUT(live.connectionState(), QStringLiteral("connected"), 10000);
    QTRY_VERIFY_WITH_TIMEOUT([&] {
        publish(QStringLiteral("ev/a"), R"({"id":"e-1","type":"fire","position":{"x":5,"y":6},"severity":"critical"})");
        return !events.isEmpty();
    }(), 10000);
    QCOMPARE(events.first().id, QStringLiteral("e-1"));
    QCOMPARE(events.first().severity, 4);
    QVERIFY(events.first().crs.isEmpty());
    const qint64 rejectedBefore = live.messagesRejected();
    QVERIFY(publish(QStringLiteral("ev/a"), R"({"type":"fire","position":{"x":5,"y":6}})")); // no id
    QTRY_COMPARE_WITH_TIMEOUT(live.eventsRejected(), qint64(1), 5000);
    QCOMPARE(live.messagesRejected(), rejectedBefore + 1);
    const QJsonObject st = live.stateJson();
    QVERIFY(st.value(QStringLiteral("eventsDecoded")).toInteger() >= 1);
    QVERIFY(st.value(QStringLiteral("recentErrors")).toArray().last().toString().contains(QStringLiteral("ev/a: missing field 'id'")));
    // saved relative to the project
    QCOMPARE(live.projectJson(base).value(QStringLiteral("eventMapping")).toString(), QStringLiteral("iot/events.json"));
    // a broken mapping: reported naming the file, the previous one kept
    {
        QFile f(base.filePath(QStringLiteral("iot/broken.json")));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(R"({"type":"LiyuanEventMapping","rules":[{"topic":"x"}]})");
    }
    QVERIFY(!live.openEventMapping(base.filePath(QStringLiteral("iot/broken.json"))));
    QVERIFY2(!errors.isEmpty() && errors.last().contains(QStringLiteral("broken.json: rules[0]: missing field 'id'")),
             qPrintable(errors.join('\n')));
    QCOMPARE(live.eventMappingFile(), base.absoluteFilePath(QStringLiteral("iot/events.json")));
    // another mapping while connected: the feed reconnects subscribed to its topics
    {
        QFile f(base.filePath(QStringLiteral("iot/other.json")));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(R"({"type":"LiyuanEventMapping","version":1,"rules":[{"topic":"alerts/#","id":"ref","type":"kind","x":"x","y":"y"}]})");
    }
    QVERIFY(live.openEventMapping(base.filePath(QStringLiteral("iot/other.json"))));
    events.clear();
    QTRY_VERIFY_WITH_TIMEOUT([&] {
        publish(QStringLiteral("alerts/zone/7"), R"({"ref":"a-7","kind":"flood","x":1,"y":2})");
        return !events.isEmpty();
    }(), 10000);
    QCOMPARE(events.first().id, QStringLiteral("a-7"));
    QCOMPARE(events.first().severityName, QStringLiteral("medium")); // no severity path: medium
    live.stop();
}

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("DISPLAY") && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    TestLiveDataController t;
    return QTest::qExec(&t, argc, argv);
}

#include "tst_livedatacontroller.moc"
