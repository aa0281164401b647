// The whole live path against a REAL broker: mosquitto on a free loopback port → two
// mosquitto_pub processes (SensorThings + JSON topics) → LiveFeed (Paho) → DeviceStore on the
// GUI thread. 100,000 valid messages with hostile ones mixed in: every valid one must be applied,
// every hostile one counted, and the GUI thread must stay responsive.
#include "TestRequire.h"
#include <liyuan/live/DeviceStore.h>
#include <liyuan/mqtt/LiveFeed.h>

#include "TestBroker.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimer>

using liyuan::live::BuildingRegistry;
using liyuan::live::DeviceStore;
using liyuan::mqtt::LiveFeed;
using liyuan::live::Observation;
using liyuan::live::PayloadMapping;
using liyuan_test::Broker;
using liyuan_test::findTool;
using liyuan_test::freeLoopbackPort;

namespace {
constexpr int Devices = 500;
constexpr int JsonMessages = 80000, SensorThingsMessages = 20000;
constexpr int HostileEvery = 1000; // after every 1000th valid JSON line: bad JSON, unknown device, text value
} // namespace

class TestLiveStore : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanupTestCase();
    void publishChangesStateAndAlarms();
    void flood100k();

private:
    bool publish(const QString &topic, const QByteArray &payload);
    QString m_pub;
    std::unique_ptr<Broker> m_broker;
    std::unique_ptr<LiveFeed> m_feed;
    std::unique_ptr<DeviceStore> m_store;
    PayloadMapping m_mapping;
    QTemporaryDir m_dir;
};

void TestLiveStore::initTestCase()
{
    const QString mosquitto = findTool(QStringLiteral("mosquitto"));
    m_pub = findTool(QStringLiteral("mosquitto_pub"));
    if (mosquitto.isEmpty() || m_pub.isEmpty())
        LIYUAN_SKIP("mosquitto / mosquitto_pub not installed (apt-get install mosquitto mosquitto-clients)");
    QVERIFY(m_dir.isValid());

    QJsonArray devices;
    for (int i = 0; i < Devices; ++i) {
        QJsonObject d{{"id", QStringLiteral("d-%1").arg(i)}, {"type", "power"}, {"floor", 1 + i % 10},
                      {"position", QJsonArray{528700 + i, 3992200, 3.6 * (i % 10) + 1}}};
        if (i == 7)
            d.insert("thresholds", QJsonObject{{"warn", 30000}, {"alarm", 60000}});
        devices.append(d);
    }
    QJsonArray floors;
    for (int n = 1; n <= 10; ++n)
        floors.append(QJsonObject{{"number", n}, {"baseElevation", 3.6 * (n - 1)}, {"height", 3.6}});
    const QJsonObject reg{{"crs", "EPSG:4549"},
                          {"buildings", QJsonArray{QJsonObject{
                                            {"id", "tower"}, {"name", "Tower"}, {"floors", floors}, {"devices", devices},
                                            {"footprint", QJsonArray{QJsonArray{0, 0}, QJsonArray{1, 0}, QJsonArray{1, 1}}}}}}};
    BuildingRegistry registry;
    QVERIFY2(registry.loadJson(QJsonDocument(reg).toJson(), "flood registry"), qPrintable(registry.errors().join('\n')));
    m_store = std::make_unique<DeviceStore>(registry);

    const QByteArray mappingJson = R"({"format":"liyuan-mapping","version":1,
        "rules":[{"type":"sensorthings","datastreams":{"1":"d-1","2":"d-2"}},
                 {"type":"json","topic":"flood/+/telemetry","deviceId":"id","value":"v"}]})";
    QString err;
    QVERIFY2(PayloadMapping::fromJson(mappingJson, "mapping", &m_mapping, &err), qPrintable(err));
    m_mapping.setKnownDevices(registry.deviceIds());
    QCOMPARE(m_mapping.subscriptions(), (QStringList{"v1.1/#", "flood/+/telemetry"}));

    m_broker = std::make_unique<Broker>(mosquitto, freeLoopbackPort());
    QVERIFY2(m_broker->start(&err), qPrintable(err));
    m_feed = std::make_unique<LiveFeed>();
    m_feed->setMapping(m_mapping);
    connect(m_feed.get(), &LiveFeed::observationsReady, this,
            [this](const QList<Observation> &batch) { m_store->apply(batch); });
    LiveFeed::Settings s;
    s.url = QStringLiteral("tcp://127.0.0.1:%1").arg(m_broker->port());
    s.topics = m_mapping.subscriptions();
    s.minRetryMs = 100;
    QVERIFY2(m_feed->start(s), qPrintable(m_feed->lastError()));
    QTRY_COMPARE_WITH_TIMEOUT(m_feed->state(), LiveFeed::State::Connected, 10000);
}

void TestLiveStore::cleanupTestCase()
{
    m_feed.reset();
    m_broker.reset();
}

bool TestLiveStore::publish(const QString &topic, const QByteArray &payload)
{
    QProcess p;
    p.start(m_pub, {"-h", "127.0.0.1", "-p", QString::number(m_broker->port()), "-q", "0", "-t", topic, "-m", QString::fromUtf8(payload)});
    return p.waitForFinished(10000) && p.exitCode() == 0;
}

void TestLiveStore::publishChangesStateAndAlarms()
{
    QVERIFY(m_feed);
    const quint64 r0 = m_store->revision();
    QVERIFY(publish("flood/x/telemetry", R"({"id":"d-7","v":31000})"));
    QTRY_COMPARE_WITH_TIMEOUT(m_store->device("d-7")->state, DeviceStore::State::Warn, 5000);
    QCOMPARE(m_store->changedSince(r0), QVector<int>{m_store->indexOf("d-7")});
    QVERIFY(publish("v1.1/Datastreams(2)/Observations", R"({"phenomenonTime":"2020-01-01T00:00:00Z","result":5})"));
    QTRY_COMPARE_WITH_TIMEOUT(m_store->device("d-2")->value, 5.0, 5000);
    QVERIFY(publish("flood/x/telemetry", R"({"id":"d-7","v":61000})"));
    QTRY_COMPARE_WITH_TIMEOUT(m_store->activeAlarms().size(), 1, 5000);
    QCOMPARE(m_store->activeAlarms().first().deviceId, QStringLiteral("d-7"));
    QVERIFY(publish("flood/x/telemetry", R"({"id":"d-7","v":10})"));
    QTRY_VERIFY_WITH_TIMEOUT(m_store->activeAlarms().isEmpty(), 5000);
    QCOMPARE(m_store->device("d-7")->state, DeviceStore::State::Normal);
    // hostile: counted, never applied
    const auto before = m_store->counters();
    QVERIFY(publish("flood/x/telemetry", R"({"id":"d-7","v":"hot"})"));
    QTRY_COMPARE_WITH_TIMEOUT(m_store->counters().notNumeric, before.notNumeric + 1, 5000);
    QCOMPARE(m_store->device("d-7")->value, 10.0);
}

void TestLiveStore::flood100k()
{
    QVERIFY(m_feed);
    // JSON lines: device i % Devices, value = running number; hostile lines mixed in
    QByteArray jsonLines, stLines;
    QVector<double> lastSent(Devices, std::nan(""));
    int hostile = 0, textValues = 0;
    for (int i = 0; i < JsonMessages; ++i) {
        const int d = (i * 7) % Devices;
        jsonLines += "{\"id\":\"d-" + QByteArray::number(d) + "\",\"v\":" + QByteArray::number(i) + "}\n";
        lastSent[d] = i;
        if (i % HostileEvery == 0) {
            jsonLines += "{\"id\":\"d-1\",\"v\": oops\n";                  // bad JSON → LiveFeed malformed
            jsonLines += "{\"id\":\"ghost-" + QByteArray::number(i) + "\",\"v\":1}\n"; // unknown device
            jsonLines += "{\"id\":\"d-3\",\"v\":\"n/a\"}\n";               // text for a meter → store rejects
            hostile += 2;
            ++textValues;
        }
    }
    for (int i = 0; i < SensorThingsMessages; ++i)
        stLines += "{\"phenomenonTime\":\"2020-01-01T00:00:00Z\",\"result\":" + QByteArray::number(100000 + i) + "}\n";
    // the SensorThings stream goes to d-1, which the JSON stream also updates (no order across topics)
    const LiveFeed::Counters feedBefore = m_feed->counters();
    const DeviceStore::Counters storeBefore = m_store->counters();
    QVector<quint64> updatesBefore(Devices);
    for (int d = 0; d < Devices; ++d)
        updatesBefore[d] = m_store->device(QStringLiteral("d-%1").arg(d))->updates;

    QElapsedTimer tick;
    qint64 maxGap = 0;
    QTimer ticker;
    ticker.setTimerType(Qt::PreciseTimer);
    ticker.setInterval(5);
    connect(&ticker, &QTimer::timeout, this, [&] { maxGap = std::max(maxGap, tick.restart()); });

    QProcess pubJson, pubSt;
    const QStringList common{"-h", "127.0.0.1", "-p", QString::number(m_broker->port()), "-q", "0", "-l"};
    pubJson.start(m_pub, common + QStringList{"-t", "flood/a/telemetry"});
    pubSt.start(m_pub, common + QStringList{"-t", "v1.1/Datastreams(1)/Observations"});
    QVERIFY(pubJson.waitForStarted(5000) && pubSt.waitForStarted(5000));
    QElapsedTimer wall;
    wall.start();
    tick.start();
    ticker.start();
    pubJson.write(jsonLines);
    pubJson.closeWriteChannel();
    pubSt.write(stLines);
    pubSt.closeWriteChannel();
    QTRY_VERIFY_WITH_TIMEOUT(pubJson.state() == QProcess::NotRunning && pubSt.state() == QProcess::NotRunning, 50000);
    const quint64 expectedReceived = quint64(JsonMessages + SensorThingsMessages + hostile + textValues);
    QElapsedTimer quiet;
    quiet.start();
    quint64 last = 0;
    while (quiet.elapsed() < 500 && wall.elapsed() < 50000) {
        QTest::qWait(20);
        const quint64 now = m_feed->counters().received;
        if (now != last) {
            last = now;
            quiet.restart();
        }
        if (now - feedBefore.received == expectedReceived && m_store->counters().applied - storeBefore.applied
                                                                   + m_store->counters().notNumeric - storeBefore.notNumeric
                                                               >= quint64(JsonMessages + SensorThingsMessages + textValues))
            break;
    }
    QTest::qWait(50);
    ticker.stop();
    const qint64 elapsed = wall.elapsed();

    const LiveFeed::Counters f = m_feed->counters();
    const DeviceStore::Counters s = m_store->counters();
    const quint64 received = f.received - feedBefore.received, parsed = f.parsed - feedBefore.parsed;
    const quint64 applied = s.applied - storeBefore.applied, notNumeric = s.notNumeric - storeBefore.notNumeric;
    qInfo("flood: %llu messages (%d valid) in %lld ms → received %llu, parsed %llu, malformed %llu, unknown %llu, "
          "dropped %llu; store applied %llu, rejected text %llu; max GUI-thread gap %lld ms",
          expectedReceived, JsonMessages + SensorThingsMessages, elapsed, received, parsed, f.malformed - feedBefore.malformed,
          f.unknownDevice - feedBefore.unknownDevice, f.dropped - feedBefore.dropped, applied, notNumeric, maxGap);

    QCOMPARE(pubJson.exitCode(), 0);
    QCOMPARE(pubSt.exitCode(), 0);
    QCOMPARE(f.dropped, feedBefore.dropped);
    // every message arrived (loopback, a dedicated broker) and every valid one was applied
    QCOMPARE(received, expectedReceived);
    QCOMPARE(applied, quint64(JsonMessages + SensorThingsMessages));
    QCOMPARE(parsed, applied + notNumeric);            // nothing lost between the feed and the store
    QCOMPARE(notNumeric, quint64(textValues));
    QCOMPARE(f.malformed - feedBefore.malformed, quint64(hostile / 2));
    QCOMPARE(f.unknownDevice - feedBefore.unknownDevice, quint64(hostile / 2));
    // per device: every update counted, the last value is the last one sent (per-topic order kept)
    quint64 updates = 0;
    for (int d = 0; d < Devices; ++d) {
        const DeviceStore::DeviceState *st = m_store->device(QStringLiteral("d-%1").arg(d));
        updates += st->updates - updatesBefore[d];
        if (d != 1 && d != 3 && !std::isnan(lastSent[d]))
            QCOMPARE(st->value, lastSent[d]);
    }
    QCOMPARE(updates, applied);
    QCOMPARE(m_store->activeAlarms().size(), 1); // d-7 ended above 60000
    QVERIFY2(maxGap < 100, qPrintable(QStringLiteral("GUI thread blocked for %1 ms").arg(maxGap)));
    QCOMPARE(m_feed->state(), LiveFeed::State::Connected);
}

QTEST_GUILESS_MAIN(TestLiveStore)
#include "tst_livestore.moc"
