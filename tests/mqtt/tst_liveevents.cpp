// LiveFeed delivering events from a REAL broker (mosquitto on a free loopback port, messages
// published with mosquitto_pub): an event mapping next to the observation mapping; a topic an
// event rule covers gives events only (even under a broad observation filter), malformed event
// payloads are counted in eventsMalformed and logged naming the topic, observations still flow.
#include "TestRequire.h"
#include "TestBroker.h"

#include <liyuan/live/EventMapping.h>
#include <liyuan/mqtt/LiveFeed.h>

#include <QtTest>

using namespace liyuan_test;
using liyuan::live::EventMapping;
using liyuan::live::EventRecord;
using liyuan::live::Observation;
using liyuan::live::PayloadMapping;
using liyuan::mqtt::LiveFeed;

class TestLiveEvents : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanupTestCase();
    void delivers_data();
    void delivers();

private:
    bool publish(const QString &topic, const QByteArray &payload);
    QString m_pub;
    std::unique_ptr<Broker> m_broker;
    std::unique_ptr<LiveFeed> m_feed;
    QList<Observation> m_observations;
    QList<EventRecord> m_events;
    QTemporaryDir m_dir;
};

void TestLiveEvents::initTestCase()
{
    const QString mosquitto = findTool(QStringLiteral("mosquitto"));
    m_pub = findTool(QStringLiteral("mosquitto_pub"));
    if (mosquitto.isEmpty() || m_pub.isEmpty())
        LIYUAN_SKIP("mosquitto / mosquitto_pub not installed (apt-get install mosquitto mosquitto-clients)");
    QVERIFY(m_dir.isValid());
    const quint16 port = freeLoopbackPort();
    m_broker = std::make_unique<Broker>(mosquitto, port);
    QString err;
    QVERIFY2(m_broker->start(&err), qPrintable(err));

    PayloadMapping obs;
    PayloadMapping::JsonRule r;
    r.topicPattern = QStringLiteral("site/#"); // broad: covers the event topic too
    r.deviceIdPath = QStringLiteral("id");
    r.valuePath = QStringLiteral("value");
    QVERIFY(obs.addJson(r, &err));
    EventMapping events;
    QVERIFY2(EventMapping::fromJson(R"({"type":"LiyuanEventMapping","version":1,"rules":[
        {"topic":"site/events","id":"id","type":"type","x":"position.x","y":"position.y","z":"position.z",
         "crs":"EPSG:4549","time":"time","severity":"severity","text":"text"}]})", QStringLiteral("events.json"), &events, &err),
             qPrintable(err));
    m_feed = std::make_unique<LiveFeed>();
    m_feed->setMapping(obs);
    m_feed->setEventMapping(events);
    connect(m_feed.get(), &LiveFeed::observationsReady, this, [this](const QList<Observation> &b) { m_observations += b; });
    connect(m_feed.get(), &LiveFeed::eventsReady, this, [this](const QList<EventRecord> &b) { m_events += b; });
    LiveFeed::Settings s;
    s.url = QStringLiteral("tcp://127.0.0.1:%1").arg(port);
    s.topics = obs.subscriptions() + events.subscriptions();
    s.minRetryMs = 100;
    QVERIFY2(m_feed->start(s), qPrintable(m_feed->lastError()));
    QTRY_COMPARE_WITH_TIMEOUT(m_feed->state(), LiveFeed::State::Connected, 10000);
}

void TestLiveEvents::cleanupTestCase()
{
    m_feed.reset();
    m_broker.reset();
}

bool TestLiveEvents::publish(const QString &topic, const QByteArray &payload)
{
    const QString file = m_dir.filePath(QStringLiteral("payload.bin"));
    QFile f(file);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return false;
    f.write(payload);
    f.close();
    QProcess p;
    p.start(m_pub, {"-h", "127.0.0.1", "-p", QString::number(m_broker->port()), "-t", topic, "-f", file});
    return p.waitForFinished(10000) && p.exitCode() == 0;
}

void TestLiveEvents::delivers_data()
{
    QTest::addColumn<QString>("topic");
    QTest::addColumn<QByteArray>("payload");
    QTest::addColumn<QString>("expect"); // event | observation | malformed
    QTest::addColumn<QString>("reason"); // event id, or a fragment of the logged reason

    const QString t = QStringLiteral("site/events");
    QTest::newRow("event") << t << QByteArray(R"({"id":"ev-1","type":"fire","position":{"x":528780,"y":3992100},"time":"2026-05-04T09:30:00Z","severity":"high","text":"smoke"})")
                           << "event" << "ev-1";
    QTest::newRow("event without time") << t << QByteArray(R"({"id":"ev-2","type":"crowd","position":{"x":1,"y":2,"z":3}})")
                                        << "event" << "ev-2";
    QTest::newRow("observation") << "site/tower/t1" << QByteArray(R"({"id":"t1","value":21})") << "observation" << "t1";
    QTest::newRow("bad JSON") << t << QByteArray("{\"id\":") << "malformed" << "bad JSON";
    QTest::newRow("array") << t << QByteArray("[1,2,3]") << "malformed" << "JSON array";
    QTest::newRow("no id") << t << QByteArray(R"({"type":"fire","position":{"x":1,"y":2}})") << "malformed" << "the event id";
    QTest::newRow("unknown severity") << t << QByteArray(R"({"id":"e","type":"fire","position":{"x":1,"y":2},"severity":"severe"})")
                                      << "malformed" << "unknown severity 'severe'";
    QTest::newRow("x text") << t << QByteArray(R"({"id":"e","type":"fire","position":{"x":"NaN","y":2}})") << "malformed" << "position.x";
    QTest::newRow("too large") << t << QByteArray(100 * 1024, ' ') << "malformed" << "exceeds the limit";
    QTest::newRow("binary") << t << QByteArray("\x00\xff\xfe\x01garbage", 11) << "malformed" << "bad JSON";
    QTest::newRow("still alive") << t << QByteArray(R"({"id":"ev-3","type":"fire","position":{"x":1,"y":2},"severity":0})")
                                 << "event" << "ev-3";
}

void TestLiveEvents::delivers()
{
    QFETCH(QString, topic);
    QFETCH(QByteArray, payload);
    QFETCH(QString, expect);
    QFETCH(QString, reason);
    QVERIFY(m_feed);
    m_events.clear();
    m_observations.clear();
    const LiveFeed::Counters before = m_feed->counters();
    QVERIFY(publish(topic, payload));
    auto handled = [](const LiveFeed::Counters &c) { return c.parsed + c.malformed + c.events + c.eventsMalformed + c.ignored; };
    QTRY_COMPARE_WITH_TIMEOUT(handled(m_feed->counters()), handled(before) + 1, 5000);
    const LiveFeed::Counters after = m_feed->counters();
    QCOMPARE(after.malformed, before.malformed); // an event topic never yields a malformed observation
    if (expect == QLatin1String("event")) {
        QTRY_COMPARE_WITH_TIMEOUT(m_events.size(), 1, 5000);
        QCOMPARE(m_events.first().id, reason);
        QCOMPARE(m_events.first().topic, topic);
        QVERIFY(m_events.first().time.isValid()); // from the payload or stamped on arrival
        QCOMPARE(after.events, before.events + 1);
        QVERIFY(m_observations.isEmpty());
    } else if (expect == QLatin1String("observation")) {
        QTRY_COMPARE_WITH_TIMEOUT(m_observations.size(), 1, 5000);
        QCOMPARE(m_observations.first().deviceId, reason);
        QVERIFY(m_events.isEmpty());
    } else {
        QTest::qWait(50);
        QVERIFY(m_events.isEmpty());
        QCOMPARE(after.eventsMalformed, before.eventsMalformed + 1);
        const QString last = m_feed->recentErrors().value(m_feed->recentErrors().size() - 1);
        QVERIFY2(last.startsWith(topic + QStringLiteral(": ")) && last.contains(reason), qPrintable(last));
    }
    if (QByteArray(QTest::currentDataTag()) == "event") {
        QCOMPARE(m_events.first().severityName, QStringLiteral("high"));
        QCOMPARE(m_events.first().crs, QStringLiteral("EPSG:4549"));
        QCOMPARE(m_events.first().time, QDateTime(QDate(2026, 5, 4), QTime(9, 30), Qt::UTC));
        QVERIFY(!m_events.first().hasZ);
    }
}

QTEST_GUILESS_MAIN(TestLiveEvents)
#include "tst_liveevents.moc"
