// EventMapping: mapping files (valid and hostile, errors naming the file and the rule), event
// payloads (the contract's demo payload, CRS from the rule or the payload, severities, hostile
// payloads), and FeedReplayer delivering events apart from observations.
#include <liyuan/live/EventMapping.h>
#include <liyuan/live/FeedRecording.h>
#include <liyuan/live/FeedReplayer.h>

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include <atomic>
#include <thread>

using liyuan::live::EventMapping;
using liyuan::live::EventRecord;
using Error = EventMapping::Error;

Q_DECLARE_METATYPE(EventMapping::Error)

namespace {

// the contract's mapping (as the demo's iot/events.json), plus a rule reading the CRS from the payload
const QByteArray kMapping = R"({ "type": "LiyuanEventMapping", "version": 1,
  "rules": [
    { "topic": "liyuan/demo/events", "id": "id", "type": "type",
      "x": "position.x", "y": "position.y", "z": "position.z", "crs": "EPSG:4549",
      "time": "time", "severity": "severity", "text": "text" },
    { "topic": "city/+/alerts", "id": "meta.ref", "type": "kind", "x": "loc.0", "y": "loc.1",
      "crs": {"path": "srs"}, "severity": "level" },
    { "topic": "local/#", "id": "id", "type": "type", "x": "x", "y": "y", "z": "z" } ] })";

EventMapping mapping()
{
    EventMapping m;
    QString error;
    if (!EventMapping::fromJson(kMapping, QStringLiteral("events.json"), &m, &error))
        qFatal("mapping rejected: %s", qPrintable(error));
    return m;
}

} // namespace

class TestEventMapping : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }
    void mappingFiles_data();
    void mappingFiles();
    void loadFileNamesTheFile();
    void payloads_data();
    void payloads();
    void demoPayload();
    void matchesAndSubscriptions();
    void severities_data();
    void severities();
    void concurrentParse();
    void replayerDeliversEvents();

private:
    QTemporaryDir m_dir;
};

void TestEventMapping::mappingFiles_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("error"); // empty: accepted; else a fragment of the message

    const QByteArray rule = R"("topic":"a/b","id":"id","type":"type","x":"x","y":"y")";
    auto withRule = [](const QByteArray &r) {
        return QByteArray(R"({"type":"LiyuanEventMapping","version":1,"rules":[{)") + r + "}]}";
    };
    QTest::newRow("minimal") << withRule(rule) << QString();
    QTest::newRow("contract") << kMapping << QString();
    QTest::newRow("crs-path") << withRule(rule + R"(,"crs":{"path":"meta.crs"})") << QString();
    QTest::newRow("max-bytes") << QByteArray(R"({"type":"LiyuanEventMapping","maxPayloadBytes":100,"rules":[{)" + rule + "}]}")
                               << QString();
    // hostile files
    QTest::newRow("empty") << QByteArray() << QStringLiteral("bad JSON");
    QTest::newRow("not-json") << QByteArray("{rules:") << QStringLiteral("bad JSON");
    QTest::newRow("array") << QByteArray("[]") << QStringLiteral("top level must be an object");
    QTest::newRow("no-type") << QByteArray(R"({"rules":[]})") << QStringLiteral("LiyuanEventMapping");
    QTest::newRow("wrong-type") << QByteArray(R"({"type":"liyuan-mapping","rules":[]})") << QStringLiteral("LiyuanEventMapping");
    QTest::newRow("version-2") << QByteArray(R"({"type":"LiyuanEventMapping","version":2,"rules":[{)" + rule + "}]}")
                               << QStringLiteral("unsupported version");
    QTest::newRow("no-rules") << QByteArray(R"({"type":"LiyuanEventMapping"})") << QStringLiteral("missing field 'rules'");
    QTest::newRow("rules-object") << QByteArray(R"({"type":"LiyuanEventMapping","rules":{}})") << QStringLiteral("'rules' must be an array");
    QTest::newRow("rules-empty") << QByteArray(R"({"type":"LiyuanEventMapping","rules":[]})") << QStringLiteral("'rules' is empty");
    QTest::newRow("rule-number") << QByteArray(R"({"type":"LiyuanEventMapping","rules":[3]})") << QStringLiteral("rules[0]: expected an object");
    QTest::newRow("no-topic") << withRule(R"("id":"id","type":"type","x":"x","y":"y")") << QStringLiteral("rules[0]: missing field 'topic'");
    QTest::newRow("no-id") << withRule(R"("topic":"a","type":"type","x":"x","y":"y")") << QStringLiteral("missing field 'id'");
    QTest::newRow("no-x") << withRule(R"("topic":"a","id":"id","type":"type","y":"y")") << QStringLiteral("missing field 'x'");
    QTest::newRow("path-number") << withRule(R"("topic":"a","id":3,"type":"type","x":"x","y":"y")") << QStringLiteral("'id' must be a string");
    QTest::newRow("path-empty-step") << withRule(R"("topic":"a","id":"a..b","type":"type","x":"x","y":"y")") << QStringLiteral("not a dot path");
    QTest::newRow("bad-wildcard") << withRule(R"("topic":"a/b#","id":"id","type":"type","x":"x","y":"y")") << QStringLiteral("whole level");
    QTest::newRow("hash-not-last") << withRule(R"("topic":"a/#/b","id":"id","type":"type","x":"x","y":"y")") << QStringLiteral("last level");
    QTest::newRow("bad-crs") << withRule(rule + R"(,"crs":"EPSG:99999999")") << QStringLiteral("rules[0]: crs 'EPSG:99999999'");
    QTest::newRow("crs-number") << withRule(rule + R"(,"crs":4549)") << QStringLiteral("'crs' must be a CRS string");
    QTest::newRow("crs-object-no-path") << withRule(rule + R"(,"crs":{"p":"x"})") << QStringLiteral("needs a string \"path\"");
    QTest::newRow("max-bytes-negative") << QByteArray(R"({"type":"LiyuanEventMapping","maxPayloadBytes":-1,"rules":[{)" + rule + "}]}")
                                        << QStringLiteral("maxPayloadBytes");
    QTest::newRow("second-rule-bad") << QByteArray(R"({"type":"LiyuanEventMapping","rules":[{)" + rule + R"(},{"topic":"x"}]})")
                                     << QStringLiteral("rules[1]: missing field 'id'");
}

void TestEventMapping::mappingFiles()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, error);
    EventMapping m;
    QString why;
    const bool ok = EventMapping::fromJson(json, QStringLiteral("cfg/events.json"), &m, &why);
    if (error.isEmpty()) {
        QVERIFY2(ok, qPrintable(why));
        QVERIFY(!m.isEmpty());
        return;
    }
    QVERIFY(!ok);
    QVERIFY(m.isEmpty());
    QVERIFY2(why.startsWith(QLatin1String("cfg/events.json: ")), qPrintable(why));
    QVERIFY2(why.contains(error), qPrintable(why));
}

void TestEventMapping::loadFileNamesTheFile()
{
    EventMapping m;
    QString why;
    const QString missing = m_dir.filePath(QStringLiteral("nope.json"));
    QVERIFY(!EventMapping::loadFile(missing, &m, &why));
    QVERIFY2(why.startsWith(missing) && why.contains(QLatin1String("cannot open")), qPrintable(why));
    const QString path = m_dir.filePath(QStringLiteral("events.json"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(kMapping);
    f.close();
    QVERIFY2(EventMapping::loadFile(path, &m, &why), qPrintable(why));
    QCOMPARE(m.rules().size(), 3);
    QCOMPARE(m.rules().at(0).crs, QStringLiteral("EPSG:4549"));
    QCOMPARE(m.rules().at(1).crsPath, QStringLiteral("srs"));
}

void TestEventMapping::payloads_data()
{
    QTest::addColumn<QString>("topic");
    QTest::addColumn<QByteArray>("payload");
    QTest::addColumn<Error>("error");
    QTest::addColumn<QString>("reason"); // fragment of the reason (errors) or "id|type|x|y|z-or-none|severity|crs"

    const QString t = QStringLiteral("liyuan/demo/events");
    QTest::newRow("full") << t << QByteArray(R"({"id":"ev-1","type":"fire","position":{"x":528700.5,"y":3992100.25,"z":7},"severity":"critical","text":"smoke"})")
                          << Error::None << QStringLiteral("ev-1|fire|528700.5|3992100.25|7|4|EPSG:4549");
    QTest::newRow("no-z") << t << QByteArray(R"({"id":"ev-2","type":"crowd","position":{"x":1,"y":2}})")
                          << Error::None << QStringLiteral("ev-2|crowd|1|2|none|2|EPSG:4549");
    QTest::newRow("z-null") << t << QByteArray(R"({"id":"ev-3","type":"crowd","position":{"x":1,"y":2,"z":null}})")
                            << Error::None << QStringLiteral("ev-3|crowd|1|2|none|2|EPSG:4549");
    QTest::newRow("integer-id") << t << QByteArray(R"({"id":42,"type":"fire","position":{"x":1,"y":2},"severity":3})")
                                << Error::None << QStringLiteral("42|fire|1|2|none|3|EPSG:4549");
    QTest::newRow("crs-from-payload") << QStringLiteral("city/qd/alerts")
                                      << QByteArray(R"({"meta":{"ref":"A-7"},"kind":"flood","loc":[120.32,36.06],"srs":"EPSG:4326","level":"HIGH"})")
                                      << Error::None << QStringLiteral("A-7|flood|120.32|36.06|none|3|EPSG:4326");
    QTest::newRow("scene-frame") << QStringLiteral("local/a/b") << QByteArray(R"({"id":"p","type":"t","x":-5,"y":6.5,"z":-1})")
                                 << Error::None << QStringLiteral("p|t|-5|6.5|-1|2|");
    // hostile payloads
    QTest::newRow("no-rule") << QStringLiteral("other/topic") << QByteArray("{}") << Error::NoMatchingRule << QStringLiteral("no event rule");
    QTest::newRow("empty") << t << QByteArray() << Error::Empty << QStringLiteral("empty payload");
    QTest::newRow("too-large") << t << QByteArray(70 * 1024, ' ') << Error::TooLarge << QStringLiteral("exceeds the limit");
    QTest::newRow("bad-json") << t << QByteArray("{\"id\":") << Error::BadJson << QStringLiteral("bad JSON");
    QTest::newRow("array") << t << QByteArray("[1,2]") << Error::WrongType << QStringLiteral("JSON array");
    QTest::newRow("string") << t << QByteArray("\"fire\"") << Error::BadJson << QStringLiteral("bad JSON");
    QTest::newRow("no-id") << t << QByteArray(R"({"type":"fire","position":{"x":1,"y":2}})") << Error::MissingField << QStringLiteral("'id'");
    QTest::newRow("null-id") << t << QByteArray(R"({"id":null,"type":"fire","position":{"x":1,"y":2}})") << Error::MissingField << QStringLiteral("'id'");
    QTest::newRow("empty-id") << t << QByteArray(R"({"id":"  ","type":"fire","position":{"x":1,"y":2}})") << Error::BadValue << QStringLiteral("empty event id");
    QTest::newRow("float-id") << t << QByteArray(R"({"id":1.5,"type":"fire","position":{"x":1,"y":2}})") << Error::WrongType << QStringLiteral("id");
    QTest::newRow("object-id") << t << QByteArray(R"({"id":{},"type":"fire","position":{"x":1,"y":2}})") << Error::WrongType << QStringLiteral("got object");
    QTest::newRow("long-id") << t << QByteArray(R"({"id":")" + QByteArray(300, 'a') + R"(","type":"fire","position":{"x":1,"y":2}})")
                             << Error::BadValue << QStringLiteral("exceeds 200");
    QTest::newRow("no-type") << t << QByteArray(R"({"id":"e","position":{"x":1,"y":2}})") << Error::MissingField << QStringLiteral("'type'");
    QTest::newRow("type-number") << t << QByteArray(R"({"id":"e","type":5,"position":{"x":1,"y":2}})") << Error::WrongType << QStringLiteral("type: expected a string");
    QTest::newRow("empty-type") << t << QByteArray(R"({"id":"e","type":"","position":{"x":1,"y":2}})") << Error::BadValue << QStringLiteral("type");
    QTest::newRow("no-position") << t << QByteArray(R"({"id":"e","type":"fire"})") << Error::MissingField << QStringLiteral("'position.x'");
    QTest::newRow("x-string") << t << QByteArray(R"({"id":"e","type":"fire","position":{"x":"1","y":2}})") << Error::WrongType << QStringLiteral("position.x: expected a number");
    QTest::newRow("x-nan-string") << t << QByteArray(R"({"id":"e","type":"fire","position":{"x":"NaN","y":2}})") << Error::WrongType << QStringLiteral("position.x");
    QTest::newRow("x-huge") << t << QByteArray(R"({"id":"e","type":"fire","position":{"x":1e300,"y":2}})") << Error::BadValue << QStringLiteral("finite coordinate");
    QTest::newRow("x-overflow") << t << QByteArray(R"({"id":"e","type":"fire","position":{"x":1e999,"y":2}})") << Error::BadJson << QStringLiteral("bad JSON");
    QTest::newRow("y-bool") << t << QByteArray(R"({"id":"e","type":"fire","position":{"x":1,"y":true}})") << Error::WrongType << QStringLiteral("position.y");
    QTest::newRow("z-string") << t << QByteArray(R"({"id":"e","type":"fire","position":{"x":1,"y":2,"z":"up"}})") << Error::WrongType << QStringLiteral("position.z");
    QTest::newRow("position-array") << t << QByteArray(R"({"id":"e","type":"fire","position":[1,2]})") << Error::MissingField << QStringLiteral("position.x");
    QTest::newRow("severity-unknown") << t << QByteArray(R"({"id":"e","type":"fire","position":{"x":1,"y":2},"severity":"apocalyptic"})")
                                      << Error::BadValue << QStringLiteral("unknown severity 'apocalyptic'");
    QTest::newRow("severity-5") << t << QByteArray(R"({"id":"e","type":"fire","position":{"x":1,"y":2},"severity":5})") << Error::BadValue << QStringLiteral("0-4");
    QTest::newRow("severity-half") << t << QByteArray(R"({"id":"e","type":"fire","position":{"x":1,"y":2},"severity":1.5})") << Error::BadValue << QStringLiteral("0-4");
    QTest::newRow("severity-array") << t << QByteArray(R"({"id":"e","type":"fire","position":{"x":1,"y":2},"severity":[]})") << Error::WrongType << QStringLiteral("severity");
    QTest::newRow("time-bad") << t << QByteArray(R"({"id":"e","type":"fire","position":{"x":1,"y":2},"time":"yesterday"})") << Error::BadValue << QStringLiteral("ISO 8601");
    QTest::newRow("time-negative") << t << QByteArray(R"({"id":"e","type":"fire","position":{"x":1,"y":2},"time":-5})") << Error::BadValue << QStringLiteral("out of range");
    QTest::newRow("text-object") << t << QByteArray(R"({"id":"e","type":"fire","position":{"x":1,"y":2},"text":{"a":1}})") << Error::WrongType << QStringLiteral("text");
    QTest::newRow("crs-missing") << QStringLiteral("city/qd/alerts") << QByteArray(R"({"meta":{"ref":"A"},"kind":"k","loc":[1,2]})")
                                 << Error::MissingField << QStringLiteral("'srs' (the CRS)");
    QTest::newRow("crs-bad") << QStringLiteral("city/qd/alerts") << QByteArray(R"({"meta":{"ref":"A"},"kind":"k","loc":[1,2],"srs":"EPSG:0"})")
                             << Error::BadValue << QStringLiteral("bad CRS 'EPSG:0'");
    QTest::newRow("crs-garbage") << QStringLiteral("city/qd/alerts") << QByteArray(R"({"meta":{"ref":"A"},"kind":"k","loc":[1,2],"srs":"+proj=nonsense"})")
                                 << Error::BadValue << QStringLiteral("bad CRS");
    QTest::newRow("crs-number") << QStringLiteral("city/qd/alerts") << QByteArray(R"({"meta":{"ref":"A"},"kind":"k","loc":[1,2],"srs":4326})")
                                << Error::WrongType << QStringLiteral("srs: expected a CRS string");
    QTest::newRow("deep-nesting") << t << (QByteArray(5000, '[') + QByteArray(5000, ']')) << Error::BadJson << QStringLiteral("bad JSON");
}

void TestEventMapping::payloads()
{
    QFETCH(QString, topic);
    QFETCH(QByteArray, payload);
    QFETCH(Error, error);
    QFETCH(QString, reason);
    const EventMapping m = mapping();
    const EventMapping::Result r = m.parse(topic, payload);
    QCOMPARE(r.error, error);
    QCOMPARE(r.ok, error == Error::None);
    if (!r.ok) {
        QVERIFY2(r.reason.contains(reason), qPrintable(r.reason));
        return;
    }
    const QStringList want = reason.split(u'|');
    const EventRecord &e = r.event;
    QCOMPARE(e.id, want[0]);
    QCOMPARE(e.type, want[1]);
    QCOMPARE(e.position.x, want[2].toDouble());
    QCOMPARE(e.position.y, want[3].toDouble());
    QCOMPARE(e.hasZ, want[4] != QLatin1String("none"));
    if (e.hasZ)
        QCOMPARE(e.position.z, want[4].toDouble());
    QCOMPARE(e.severity, want[5].toInt());
    QCOMPARE(e.severityName, EventMapping::severityName(e.severity));
    QCOMPARE(e.crs, want[6]);
    QCOMPARE(e.topic, topic);
}

void TestEventMapping::demoPayload()
{
    // exactly the contract's demo payload
    const QByteArray p = R"({"id":"ev-0001","type":"fire","position":{"x":528712.4,"y":3992131.8},"time":"2026-05-04T09:30:00Z","severity":"high","text":"Smoke reported at the courtyard"})";
    const EventMapping::Result r = mapping().parse(QStringLiteral("liyuan/demo/events"), p);
    QVERIFY2(r.ok, qPrintable(r.reason));
    QCOMPARE(r.event.id, QStringLiteral("ev-0001"));
    QCOMPARE(r.event.severityName, QStringLiteral("high"));
    QCOMPARE(r.event.severity, 3);
    QVERIFY(!r.event.hasZ);
    QCOMPARE(r.event.time, QDateTime(QDate(2026, 5, 4), QTime(9, 30), Qt::UTC));
    QCOMPARE(r.event.text, QStringLiteral("Smoke reported at the courtyard"));
    // epoch times (seconds and milliseconds) and an offset
    const EventMapping::Result s = mapping().parse(QStringLiteral("liyuan/demo/events"),
            R"({"id":"e","type":"t","position":{"x":1,"y":2},"time":1714564800})");
    QCOMPARE(s.event.time.toMSecsSinceEpoch(), 1714564800000LL);
    const EventMapping::Result ms = mapping().parse(QStringLiteral("liyuan/demo/events"),
            R"({"id":"e","type":"t","position":{"x":1,"y":2},"time":1714564800123})");
    QCOMPARE(ms.event.time.toMSecsSinceEpoch(), 1714564800123LL);
    const EventMapping::Result off = mapping().parse(QStringLiteral("liyuan/demo/events"),
            R"({"id":"e","type":"t","position":{"x":1,"y":2},"time":"2024-05-01T20:00:00+08:00"})");
    QCOMPARE(off.event.time, QDateTime(QDate(2024, 5, 1), QTime(12, 0), Qt::UTC));
    // no time: left invalid, the receiver stamps the arrival
    const EventMapping::Result none = mapping().parse(QStringLiteral("liyuan/demo/events"),
            R"({"id":"e","type":"t","position":{"x":1,"y":2}})");
    QVERIFY(none.ok && !none.event.time.isValid());
}

void TestEventMapping::matchesAndSubscriptions()
{
    const EventMapping m = mapping();
    QCOMPARE(m.subscriptions(), (QStringList{"liyuan/demo/events", "city/+/alerts", "local/#"}));
    QVERIFY(m.matches(QStringLiteral("liyuan/demo/events")));
    QVERIFY(m.matches(QStringLiteral("city/x/alerts")));
    QVERIFY(m.matches(QStringLiteral("local")));
    QVERIFY(m.matches(QStringLiteral("local/a/b/c")));
    QVERIFY(!m.matches(QStringLiteral("liyuan/demo/events/x")));
    QVERIFY(!m.matches(QStringLiteral("city/x/y/alerts")));
    QVERIFY(!m.matches(QStringLiteral("liyuan/demo/tower/t1/telemetry")));
    QVERIFY(!EventMapping().matches(QStringLiteral("liyuan/demo/events")));
}

void TestEventMapping::severities_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<int>("level");
    QTest::newRow("info") << "info" << 0;
    QTest::newRow("low") << "Low" << 1;
    QTest::newRow("medium") << " medium " << 2;
    QTest::newRow("high") << "HIGH" << 3;
    QTest::newRow("critical") << "critical" << 4;
    QTest::newRow("unknown") << "severe" << -1;
    QTest::newRow("empty") << "" << -1;
    QTest::newRow("number-text") << "3" << -1;
}

void TestEventMapping::severities()
{
    QFETCH(QString, name);
    QFETCH(int, level);
    QCOMPARE(EventMapping::severityLevel(name), level);
    if (level >= 0)
        QCOMPARE(EventMapping::severityName(level), name.trimmed().toLower());
    QVERIFY(EventMapping::severityName(5).isEmpty());
    QVERIFY(EventMapping::severityName(-1).isEmpty());
}

void TestEventMapping::concurrentParse()
{
    // parse() is const and runs on the MQTT client's threads: four threads, CRS checks included
    const EventMapping m = mapping();
    std::atomic<int> ok{0}, bad{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t)
        threads.emplace_back([&m, &ok, &bad, t] {
            for (int i = 0; i < 500; ++i) {
                const QByteArray good = QStringLiteral(R"({"meta":{"ref":"%1-%2"},"kind":"k","loc":[120.3,36.0],"srs":"EPSG:4326"})")
                                                .arg(t).arg(i).toUtf8();
                if (m.parse(QStringLiteral("city/a/alerts"), good).ok)
                    ++ok;
                if (!m.parse(QStringLiteral("city/a/alerts"), R"({"meta":{"ref":"x"},"kind":"k","loc":[1,2],"srs":"EPSG:0"})").ok)
                    ++bad;
            }
        });
    for (auto &th : threads)
        th.join();
    QCOMPARE(ok.load(), 2000);
    QCOMPARE(bad.load(), 2000);
}

void TestEventMapping::replayerDeliversEvents()
{
    // a recording with observations, events, and a malformed event on the event topic
    using liyuan::live::FeedRecording;
    using liyuan::live::FeedReplayer;
    using liyuan::live::PayloadMapping;
    const QByteArray rec =
            FeedRecording::headerLine(0.3, false)
            + FeedRecording::messageLine(0, QStringLiteral("liyuan/demo/tower/t1/telemetry"), R"({"id":"t1","value":3})")
            + FeedRecording::messageLine(0.05, QStringLiteral("liyuan/demo/events"),
                                         R"({"id":"ev-1","type":"fire","position":{"x":528700,"y":3992100},"severity":"high"})")
            + FeedRecording::messageLine(0.1, QStringLiteral("liyuan/demo/events"), R"({"type":"fire","position":{"x":1,"y":2}})")
            + FeedRecording::messageLine(0.2, QStringLiteral("liyuan/demo/events"),
                                         R"({"id":"ev-2","type":"intrusion","position":{"x":528710,"y":3992110,"z":4},"time":"2026-01-02T03:04:05Z"})") + '\n';
    FeedRecording recording;
    QVERIFY2(recording.loadData(rec, QStringLiteral("feed.jsonl")), qPrintable(recording.error()));
    PayloadMapping obs;
    PayloadMapping::JsonRule r;
    r.topicPattern = QStringLiteral("liyuan/demo/#"); // covers the event topic too: events win
    r.deviceIdPath = QStringLiteral("id");
    r.valuePath = QStringLiteral("value");
    QVERIFY(obs.addJson(r));
    FeedReplayer player;
    player.setMapping(obs);
    player.setEventMapping(mapping());
    QList<EventRecord> events;
    int observations = 0;
    connect(&player, &FeedReplayer::eventsReady, this, [&](const QList<EventRecord> &b) { events += b; });
    connect(&player, &FeedReplayer::observationsReady, this, [&](const QList<liyuan::live::Observation> &b) { observations += b.size(); });
    QSignalSpy finished(&player, &FeedReplayer::finished);
    QVERIFY(player.start(recording));
    QTRY_VERIFY_WITH_TIMEOUT(finished.count() == 1, 5000);
    QCOMPARE(observations, 1);
    QCOMPARE(events.size(), 2);
    QCOMPARE(events.at(0).id, QStringLiteral("ev-1"));
    QVERIFY(events.at(0).time.isValid()); // stamped with the replay time
    QCOMPARE(events.at(1).id, QStringLiteral("ev-2"));
    QCOMPARE(events.at(1).time, QDateTime(QDate(2026, 1, 2), QTime(3, 4, 5), Qt::UTC)); // kept from the payload
    QVERIFY(events.at(1).hasZ);
    const FeedReplayer::Counters c = player.counters();
    QCOMPARE(c.events, 2ULL);
    QCOMPARE(c.eventsMalformed, 1ULL);
    QCOMPARE(c.malformed, 0ULL);
    QCOMPARE(c.parsed, 1ULL);
    QVERIFY(player.recentErrors().join('\n').contains(QLatin1String("line 4: liyuan/demo/events: missing field 'id'")));
}

QTEST_GUILESS_MAIN(TestEventMapping)
#include "tst_eventmapping.moc"
