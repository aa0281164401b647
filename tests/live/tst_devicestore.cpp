// DeviceStore: thresholds → states, staleness, alarms raised and cleared, 15-minute history,
// floor aggregates, change tracking by revision, and rejects of hostile input.
#include <liyuan/live/DeviceStore.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

#include <cmath>

using liyuan::live::BuildingRegistry;
using liyuan::live::DeviceStore;
using liyuan::live::Observation;
using liyuan::live::PayloadMapping;
using State = DeviceStore::State;

namespace {

const qint64 T0 = QDateTime(QDate(2024, 5, 1), QTime(12, 0), Qt::UTC).toMSecsSinceEpoch();
const double NaN = std::numeric_limits<double>::quiet_NaN();

QByteArray registryJson()
{
    auto dev = [](const char *id, const char *type, int floor, QJsonObject extra = {}) {
        QJsonObject o{{"id", id}, {"type", type}, {"floor", floor}, {"position", QJsonArray{528700.5, 3992200.25, 10}}};
        for (auto it = extra.begin(); it != extra.end(); ++it)
            o.insert(it.key(), it.value());
        return o;
    };
    QJsonArray floors;
    for (int n = 1; n <= 3; ++n)
        floors.append(QJsonObject{{"number", n}, {"baseElevation", (n - 1) * 3.6}, {"height", 3.6}});
    const QJsonObject tower{
        {"id", "tower"}, {"name", "Tower"}, {"block", "Block A"},
        {"footprint", QJsonArray{QJsonArray{0, 0}, QJsonArray{30, 0}, QJsonArray{30, 22}}},
        {"floors", floors},
        {"devices", QJsonArray{
             dev("tmp-1", "temperature", 1, {{"thresholds", QJsonObject{{"warn", 28}, {"alarm", 32}}}}),
             dev("co2-1", "co2", 1, {{"thresholds", QJsonObject{{"alarm", 1500}}}, {"staleSeconds", 10}}),
             dev("pwr-1a", "power", 1), dev("pwr-1b", "power", 1), dev("wtr-1", "water", 1),
             dev("pwr-2", "power", 2), dev("cam-1", "camera", 1), dev("ppl-1", "people", 1),
             dev("door-1", "door", 2)}},
        {"meters", QJsonArray{QJsonObject{{"floor", 1}, {"kind", "power"}, {"deviceId", "pwr-1a"}},
                              QJsonObject{{"floor", 1}, {"kind", "power"}, {"deviceId", "pwr-1b"}},
                              QJsonObject{{"floor", 1}, {"kind", "water"}, {"deviceId", "wtr-1"}},
                              QJsonObject{{"floor", 2}, {"kind", "power"}, {"deviceId", "pwr-2"}}}},
    };
    return QJsonDocument(QJsonObject{{"crs", "EPSG:4549"}, {"buildings", QJsonArray{tower}}}).toJson();
}

Observation obs(const QString &id, double v, qint64 t, const QString &text = {})
{
    Observation o;
    o.deviceId = id;
    o.value = v;
    o.text = text;
    o.time = QDateTime::fromMSecsSinceEpoch(t, Qt::UTC);
    o.topic = QStringLiteral("test/") + id;
    return o;
}

} // namespace

class TestDeviceStore : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void thresholds_data();
    void thresholds();
    void staleness();
    void alarmsRaiseAndClear();
    void changeTracking();
    void historyBuckets();
    void floorAggregates();
    void footfall();
    void rejects_data();
    void rejects();
    void errorLogIsBounded();
    void lateObservationsDoNotReplace();

private:
    BuildingRegistry m_reg;
};

void TestDeviceStore::initTestCase()
{
    QVERIFY2(m_reg.loadJson(registryJson(), "test"), qPrintable(m_reg.errors().join('\n')));
}

void TestDeviceStore::thresholds_data()
{
    QTest::addColumn<QString>("device");
    QTest::addColumn<double>("value");
    QTest::addColumn<int>("state");
    QTest::newRow("below warn") << "tmp-1" << 20.0 << int(State::Normal);
    QTest::newRow("at warn") << "tmp-1" << 28.0 << int(State::Warn);
    QTest::newRow("between") << "tmp-1" << 31.9 << int(State::Warn);
    QTest::newRow("at alarm") << "tmp-1" << 32.0 << int(State::Alarm);
    QTest::newRow("far above") << "tmp-1" << 1e12 << int(State::Alarm);
    QTest::newRow("negative") << "tmp-1" << -40.0 << int(State::Normal);
    QTest::newRow("alarm only, below") << "co2-1" << 1499.0 << int(State::Normal);
    QTest::newRow("alarm only, above") << "co2-1" << 1500.0 << int(State::Alarm);
    QTest::newRow("no thresholds") << "pwr-1a" << 1e9 << int(State::Normal);
    QTest::newRow("text device") << "door-1" << NaN << int(State::Normal);
}

void TestDeviceStore::thresholds()
{
    QFETCH(QString, device);
    QFETCH(double, value);
    QFETCH(int, state);
    DeviceStore s(m_reg);
    QCOMPARE(s.device(device)->state, State::Unknown);
    QVERIFY(s.apply(obs(device, value, T0, std::isnan(value) ? QStringLiteral("open") : QString())));
    QCOMPARE(int(s.device(device)->state), state);
    QCOMPARE(int(s.device(device)->level), state);
    QCOMPARE(s.device(device)->timeMs, T0);
    QCOMPARE(s.activeAlarms().size(), state == int(State::Alarm) ? 1 : 0);
}

void TestDeviceStore::staleness()
{
    DeviceStore s(m_reg);
    QVERIFY(s.apply(obs("co2-1", 600, T0)));  // staleSeconds 10
    QVERIFY(s.apply(obs("tmp-1", 30, T0)));   // default 60 s, Warn
    QCOMPARE(s.updateStaleness(T0 + 10'000), 0); // exactly the limit: not yet
    QCOMPARE(s.device("co2-1")->state, State::Normal);
    QCOMPARE(s.updateStaleness(T0 + 10'001), 1);
    QCOMPARE(s.device("co2-1")->state, State::Stale);
    QCOMPARE(s.device("co2-1")->level, State::Normal);
    QCOMPARE(s.device("tmp-1")->state, State::Warn);
    QCOMPARE(s.device("pwr-1a")->state, State::Unknown); // never reported: unknown, not stale
    QCOMPARE(s.updateStaleness(T0 + 61'000), 1);
    QCOMPARE(s.device("tmp-1")->state, State::Stale);
    QCOMPARE(s.updateStaleness(T0 + 62'000), 0); // no repeated changes
    // a new value revives it with its threshold state
    QVERIFY(s.apply(obs("tmp-1", 33, T0 + 62'000)));
    QCOMPARE(s.device("tmp-1")->state, State::Alarm);
    // the clock going backwards (or a device in the future) also un-stales
    QCOMPARE(s.updateStaleness(T0), 1);
    QCOMPARE(s.device("co2-1")->state, State::Normal);
}

void TestDeviceStore::alarmsRaiseAndClear()
{
    DeviceStore s(m_reg);
    QVERIFY(s.apply(obs("tmp-1", 25, T0)));
    QVERIFY(s.activeAlarms().isEmpty());
    const quint64 r0 = s.revision();
    QVERIFY(s.apply(obs("tmp-1", 33, T0 + 1000)));
    QVERIFY(s.apply(obs("co2-1", 2000, T0 + 1500)));
    QCOMPARE(s.activeAlarms().size(), 2);
    const DeviceStore::Alarm a = s.activeAlarms().first();
    QCOMPARE(a.deviceId, QStringLiteral("tmp-1"));
    QCOMPARE(a.buildingId, QStringLiteral("tower"));
    QCOMPARE(a.floor, 1);
    QCOMPARE(a.value, 33.0);
    QCOMPARE(a.threshold, 32.0);
    QCOMPARE(a.sinceMs, T0 + 1000);
    // staying above: the alarm keeps its start, updates its value; not raised twice
    QVERIFY(s.apply(obs("tmp-1", 35, T0 + 2000)));
    QCOMPARE(s.activeAlarms().size(), 2);
    QCOMPARE(s.activeAlarms().first().value, 35.0);
    QCOMPARE(s.activeAlarms().first().sinceMs, T0 + 1000);
    QCOMPARE(s.counters().alarmsRaised, 2ull);
    // dropping to warn clears it; the other one stays, still findable
    QVERIFY(s.apply(obs("tmp-1", 29, T0 + 3000)));
    QCOMPARE(s.activeAlarms().size(), 1);
    QCOMPARE(s.activeAlarms().first().deviceId, QStringLiteral("co2-1"));
    QCOMPARE(s.device("tmp-1")->state, State::Warn);
    QCOMPARE(s.counters().alarmsCleared, 1ull);
    QVERIFY(s.apply(obs("co2-1", 400, T0 + 4000)));
    QVERIFY(s.activeAlarms().isEmpty());
    const auto events = s.alarmEventsSince(r0);
    QCOMPARE(events.size(), 4);
    QVERIFY(events.at(0).raised && events.at(1).raised && !events.at(2).raised && !events.at(3).raised);
    QCOMPARE(events.at(2).alarm.deviceId, QStringLiteral("tmp-1"));
    QCOMPARE(events.at(2).alarm.value, 29.0);
    QCOMPARE(events.at(2).atMs, T0 + 3000);
    QCOMPARE(s.alarmEventsSince(s.revision()).size(), 0);
    // re-raise after clear
    QVERIFY(s.apply(obs("tmp-1", 40, T0 + 5000)));
    QCOMPARE(s.activeAlarms().size(), 1);
    QCOMPARE(s.activeAlarms().first().sinceMs, T0 + 5000);
    // a stale device in alarm keeps its alarm (nothing said it is over)
    s.updateStaleness(T0 + 600'000);
    QCOMPARE(s.device("tmp-1")->state, State::Stale);
    QCOMPARE(s.activeAlarms().size(), 1);
}

void TestDeviceStore::changeTracking()
{
    DeviceStore s(m_reg);
    QCOMPARE(s.revision(), 0ull);
    QVERIFY(s.changedSince(0).isEmpty());
    QVERIFY(s.apply(obs("tmp-1", 20, T0)));
    QVERIFY(s.apply(obs("pwr-2", 5, T0)));
    const quint64 r1 = s.revision();
    QVERIFY(r1 > 0);
    QCOMPARE(s.changedSince(0), (QVector<int>{s.indexOf("tmp-1"), s.indexOf("pwr-2")}));
    QVERIFY(s.changedSince(r1).isEmpty());
    QVERIFY(s.apply(obs("pwr-2", 5, T0 + 1000))); // same value, same state: nothing to redraw
    QVERIFY(s.changedSince(r1).isEmpty());
    QCOMPARE(s.device("pwr-2")->timeMs, T0 + 1000); // but its age is current
    QVERIFY(s.apply(obs("pwr-2", 6, T0 + 2000)));
    QCOMPARE(s.changedSince(r1), QVector<int>{s.indexOf("pwr-2")});
    const quint64 r2 = s.revision();
    QCOMPARE(s.updateStaleness(T0 + 120'000), 2);
    QCOMPARE(s.changedSince(r2).size(), 2);
    QVERIFY(s.revision() > r2);
}

void TestDeviceStore::historyBuckets()
{
    DeviceStore s(m_reg);
    const qint64 day = 24 * 3600 * 1000LL;
    const qint64 now = T0 + 7 * 60 * 1000; // 12:07; T0 = 12:00 is a bucket start
    // 26 h of readings every 5 min, value = hours before T0
    for (qint64 t = T0 - 26 * 3600 * 1000LL; t <= now; t += 5 * 60 * 1000)
        QVERIFY(s.apply(obs("pwr-1a", double(T0 - t) / 3600000.0, t)));
    qint64 first = 0;
    const QVector<double> h = s.history(s.indexOf("pwr-1a"), now, &first);
    QCOMPARE(h.size(), DeviceStore::HistoryBuckets);
    QCOMPARE(first, T0 - day + DeviceStore::BucketMs); // 96 buckets ending with the one holding now
    // bucket [12:00, 12:15) holds readings at 12:00 and 12:05 (0 and -1/12 h)
    QVERIFY(qAbs(h.last() - (-1.0 / 24)) < 1e-9);
    // bucket [11:45, 12:00): 0.25, 1/6, 1/12
    QVERIFY(qAbs(h.at(94) - (0.25 + 1.0 / 6 + 1.0 / 12) / 3) < 1e-9);
    // the oldest bucket [T0-23h45, T0-23h30)
    QVERIFY(qAbs(h.first() - (23.75 + 23.75 - 1.0 / 12 + 23.75 - 2.0 / 12) / 3) < 1e-9);
    for (double v : h)
        QVERIFY(!std::isnan(v));
    // an unreported device: all NaN; a day later everything has aged out
    for (double v : s.history(s.indexOf("pwr-2"), now))
        QVERIFY(std::isnan(v));
    for (double v : s.history(s.indexOf("pwr-1a"), now + day + DeviceStore::BucketMs))
        QVERIFY(std::isnan(v));
    QVERIFY(s.history(-1, now).size() == DeviceStore::HistoryBuckets);
    QVERIFY(s.history(9999, now).size() == DeviceStore::HistoryBuckets);
    // a reading older than 24 h behind the slot's content is dropped, not mixed in
    QVERIFY(s.apply(obs("pwr-1a", 1000, T0 - 2 * day)));
    QVERIFY(qAbs(s.history(s.indexOf("pwr-1a"), now).last() - (-1.0 / 24)) < 1e-9);
}

void TestDeviceStore::floorAggregates()
{
    DeviceStore s(m_reg);
    const qint64 now = T0 + 60'000;
    DeviceStore::FloorSeries p = s.floorPower("tower", 1, now);
    QCOMPARE(p.meters, 2);
    QVERIFY(std::isnan(p.current));
    QVERIFY(s.apply(obs("pwr-1a", 40, T0 - 3600'000)));
    QVERIFY(s.apply(obs("pwr-1a", 42, T0)));
    QVERIFY(s.apply(obs("pwr-1b", 8, T0 + 1000)));
    QVERIFY(s.apply(obs("wtr-1", 1.5, T0)));
    QVERIFY(s.apply(obs("pwr-2", 99, T0))); // other floor
    p = s.floorPower("tower", 1, now);
    QCOMPARE(p.current, 50.0);
    QCOMPARE(p.series.size(), DeviceStore::HistoryBuckets);
    QCOMPARE(p.series.last(), 50.0);
    QCOMPARE(p.series.at(DeviceStore::HistoryBuckets - 1 - 4), 40.0); // one hour earlier: only meter a
    QVERIFY(std::isnan(p.series.at(0)));
    const DeviceStore::FloorSeries w = s.floorWater("tower", 1, now);
    QCOMPARE(w.meters, 1);
    QCOMPARE(w.current, 1.5);
    QCOMPARE(s.floorPower("tower", 2, now).current, 99.0);
    QCOMPARE(s.floorWater("tower", 2, now).meters, 0);
    QVERIFY(std::isnan(s.floorWater("tower", 2, now).current));
    QCOMPARE(s.floorPower("nope", 1, now).meters, 0);
    QCOMPARE(s.floorPower("tower", 77, now).meters, 0);
}

void TestDeviceStore::footfall()
{
    DeviceStore s(m_reg);
    QVERIFY(s.footfall().isEmpty());
    QVERIFY(s.apply(obs("ppl-1", 17, T0)));
    QVERIFY(s.apply(obs("ppl-1", 23, T0 + 1000)));
    const auto f = s.footfall();
    QCOMPARE(f.size(), 1);
    QCOMPARE(f.first().deviceId, QStringLiteral("ppl-1"));
    QCOMPARE(f.first().count, 23.0);
    QCOMPARE(f.first().position[0], 528700.5); // CRS coordinates, full precision
    QCOMPARE(f.first().position[1], 3992200.25);
    QCOMPARE(f.first().timeMs, T0 + 1000);
}

void TestDeviceStore::rejects_data()
{
    QTest::addColumn<QString>("topic");
    QTest::addColumn<QByteArray>("payload");
    QTest::addColumn<QString>("counter"); // applied | unknown | notNumeric | malformed | ignored
    QTest::addColumn<QString>("logged");  // part of the logged reason

    const QString st = QStringLiteral("v1.1/Datastreams(1)/Observations");
    const QString js = QStringLiteral("site/tower/telemetry");
    QTest::newRow("valid SensorThings") << st << QByteArray(R"({"phenomenonTime":"2024-05-01T12:00:00Z","result":21})") << "applied" << "";
    QTest::newRow("valid JSON rule") << js << QByteArray(R"({"id":"tmp-1","value":21,"ts":1714564800000})") << "applied" << "";
    QTest::newRow("text on camera") << js << QByteArray(R"({"id":"cam-1","value":"recording","ts":1714564800000})") << "applied" << "";
    QTest::newRow("unknown device (JSON)") << js << QByteArray(R"({"id":"ghost","value":1,"ts":1714564800000})") << "unknown" << "unknown device 'ghost'";
    QTest::newRow("unmapped datastream") << "v1.1/Datastreams(77)/Observations"
                                         << QByteArray(R"({"phenomenonTime":"2024-05-01T12:00:00Z","result":1})")
                                         << "unknown" << "datastream 77 is not mapped";
    QTest::newRow("text on temperature") << js << QByteArray(R"({"id":"tmp-1","value":"hot","ts":1714564800000})") << "notNumeric" << "needs a number, got 'hot'";
    QTest::newRow("bool on temperature") << st << QByteArray(R"({"phenomenonTime":"2024-05-01T12:00:00Z","result":true})")
                                         << "applied" << ""; // bool → 1/0: a number
    QTest::newRow("object value") << js << QByteArray(R"({"id":"tmp-1","value":{"v":1}})") << "malformed" << "expected number, string or bool";
    QTest::newRow("null value") << js << QByteArray(R"({"id":"tmp-1","value":null})") << "malformed" << "got null";
    QTest::newRow("missing value") << js << QByteArray(R"({"id":"tmp-1"})") << "malformed" << "missing field 'value'";
    QTest::newRow("bad JSON") << js << QByteArray(R"({"id":"tmp-1","value":)") << "malformed" << "bad JSON";
    QTest::newRow("binary") << js << QByteArray("\x00\xff\x13garbage\x00", 11) << "malformed" << "bad JSON";
    QTest::newRow("JSON array") << js << QByteArray("[1,2,3]") << "malformed" << "expected an object";
    QTest::newRow("empty") << js << QByteArray() << "malformed" << "empty payload";
    QTest::newRow("huge") << js << QByteArray("{\"id\":\"tmp-1\",\"value\":1,\"pad\":\"" + QByteArray(2 * 1024 * 1024, 'x') + "\"}")
                          << "malformed" << "exceeds the limit";
    QTest::newRow("deep nesting") << js << QByteArray(50000, '[') << "malformed" << "bad JSON";
    QTest::newRow("bad time") << js << QByteArray(R"({"id":"tmp-1","value":1,"ts":"yesterday"})") << "malformed" << "not an ISO 8601 time";
    QTest::newRow("huge device id") << js << QByteArray("{\"id\":\"" + QByteArray(30000, 'd') + "\",\"value\":1,\"ts\":1}") << "unknown" << "unknown device";
    QTest::newRow("missing time") << js << QByteArray(R"({"id":"tmp-1","value":1})") << "malformed" << "missing field 'ts'";
    QTest::newRow("other topic") << "elsewhere/x" << QByteArray(R"({"id":"tmp-1","value":1})") << "ignored" << "";
}

void TestDeviceStore::rejects()
{
    QFETCH(QString, topic);
    QFETCH(QByteArray, payload);
    QFETCH(QString, counter);
    QFETCH(QString, logged);
    PayloadMapping m;
    m.addSensorThings({{"1", "tmp-1"}, {"2", "co2-1"}});
    PayloadMapping::JsonRule r;
    r.topicPattern = QStringLiteral("site/+/telemetry");
    r.deviceIdPath = QStringLiteral("id");
    r.valuePath = QStringLiteral("value");
    r.timePath = QStringLiteral("ts");
    QVERIFY(m.addJson(r));
    m.setMaxPayloadBytes(64 * 1024);
    DeviceStore s(m_reg);
    const bool ok = s.applyMessage(m, topic, payload, T0);
    const DeviceStore::Counters c = s.counters();
    QCOMPARE(ok, counter == QLatin1String("applied"));
    QCOMPARE(c.applied, counter == QLatin1String("applied") ? 1ull : 0ull);
    QCOMPARE(c.unknownDevice, counter == QLatin1String("unknown") ? 1ull : 0ull);
    QCOMPARE(c.notNumeric, counter == QLatin1String("notNumeric") ? 1ull : 0ull);
    QCOMPARE(c.malformed, counter == QLatin1String("malformed") ? 1ull : 0ull);
    const bool isReject = counter != QLatin1String("applied") && counter != QLatin1String("ignored");
    QCOMPARE(c.rejected, isReject ? 1ull : 0ull);
    QCOMPARE(s.recentErrors().size(), isReject ? 1 : 0);
    if (isReject) {
        QVERIFY2(s.recentErrors().first().contains(logged), qPrintable(s.recentErrors().first()));
        QVERIFY(s.recentErrors().first().size() <= 300); // hostile sizes never reach the log whole
    }
    if (ok && payload.contains("\"ts\"") && payload.contains("tmp-1"))
        QCOMPARE(s.device("tmp-1")->timeMs, qint64(1714564800000));
    if (ok && payload.contains("cam-1"))
        QCOMPARE(s.device("cam-1")->text, QStringLiteral("recording"));
    // whatever came in, the store still works
    QVERIFY(s.apply(obs("tmp-1", 33, T0 + 10'000)));
    QCOMPARE(s.device("tmp-1")->state, State::Alarm);
}

void TestDeviceStore::errorLogIsBounded()
{
    DeviceStore s(m_reg);
    for (int i = 0; i < 500; ++i)
        QVERIFY(!s.apply(obs(QStringLiteral("ghost-%1").arg(i), 1, T0)));
    QCOMPARE(s.counters().unknownDevice, 500ull);
    QCOMPARE(s.recentErrors().size(), DeviceStore::MaxRecentErrors);
    QVERIFY(s.recentErrors().last().contains("ghost-499"));
    QVERIFY(!s.apply(obs("tmp-1", std::numeric_limits<double>::infinity(), T0)));
    QCOMPARE(s.counters().notNumeric, 1ull);
    QCOMPARE(s.device("tmp-1")->state, State::Unknown);
}

void TestDeviceStore::lateObservationsDoNotReplace()
{
    DeviceStore s(m_reg);
    QVERIFY(s.apply(obs("tmp-1", 33, T0 + 300'000)));
    const quint64 r = s.revision();
    QVERIFY(s.apply(obs("tmp-1", 20, T0 + 60'000))); // late: history only
    QCOMPARE(s.device("tmp-1")->value, 33.0);
    QCOMPARE(s.device("tmp-1")->state, State::Alarm);
    QCOMPARE(s.counters().historyOnly, 1ull);
    QCOMPARE(s.revision(), r);
    QCOMPARE(s.history(s.indexOf("tmp-1"), T0 + 300'000).last(), (33.0 + 20.0) / 2); // same 15-min bucket
}

QTEST_GUILESS_MAIN(TestDeviceStore)
#include "tst_devicestore.moc"
