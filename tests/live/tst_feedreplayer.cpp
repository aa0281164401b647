// FeedRecording + FeedReplayer: loading (errors naming FILE:LINE), playing through the same
// PayloadMapping, times rewritten to the wall clock, backfill, looping and speed.
#include <liyuan/live/FeedReplayer.h>

#include <QTemporaryDir>
#include <QtTest>

using liyuan::live::FeedRecording;
using liyuan::live::FeedReplayer;
using liyuan::live::Observation;
using liyuan::live::PayloadMapping;

namespace {

PayloadMapping mapping()
{
    PayloadMapping m;
    m.addSensorThings({{"1", "tmp-1"}, {"2", "pwr-1"}});
    PayloadMapping::JsonRule r;
    r.topicPattern = QStringLiteral("liyuan/demo/+/+/telemetry");
    r.deviceIdPath = QStringLiteral("id");
    r.valuePath = QStringLiteral("value");
    r.timePath = QStringLiteral("ts");
    if (!m.addJson(r))
        qFatal("rule");
    return m;
}

// 2 backfill lines, live messages at 0, 0.1, 0.2 (+ one malformed, one unmapped), duration 0.3 s.
const QByteArray kRecording =
    R"({"format":"liyuan-feed","version":1,"duration":0.3,"loop":true})" "\n"
    R"({"t":-3600,"topic":"v1.1/Datastreams(2)/Observations","payload":{"phenomenonTime":"2020-01-01T00:00:00Z","result":40}})" "\n"
    "\n"
    "// a comment\n"
    R"({"t":0.2,"topic":"liyuan/demo/tower/tmp-1/telemetry","payload":"{\"id\":\"tmp-1\",\"value\":23,\"ts\":1}"})" "\n"
    R"({"t":0,"topic":"v1.1/Datastreams(1)/Observations","payload":{"phenomenonTime":"2020-01-01T00:00:00Z","result":21}})" "\n"
    R"({"t":-900,"topic":"v1.1/Datastreams(2)/Observations","payload":{"phenomenonTime":"2020-01-01T00:00:00Z","result":42}})" "\n"
    R"({"t":0.1,"topic":"liyuan/demo/tower/tmp-1/telemetry","payload":{"id":"tmp-1","value":22,"ts":"2020-01-01T00:00:00Z"}})" "\n"
    R"({"t":0.1,"topic":"liyuan/demo/tower/tmp-1/telemetry","payload":"{broken"})" "\n"
    "{\"t\":0.15,\"topic\":\"v1.1/Things(1)\",\"payload\":{\"name\":\"x\"}}\n";

} // namespace

class TestFeedReplayer : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }
    void loads();
    void malformedLines_data();
    void malformedLines();
    void playsBackfillThenLive();
    void loops();
    void speed();
    void noLoopFinishes();
    void refusesEmpty();

private:
    QString write(const QByteArray &data, const QString &name = QStringLiteral("feed.jsonl"))
    {
        const QString path = m_dir.filePath(name);
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
            qFatal("cannot write %s", qPrintable(path));
        f.write(data);
        return path;
    }
    QTemporaryDir m_dir;
};

void TestFeedReplayer::loads()
{
    FeedRecording rec;
    QVERIFY2(rec.loadFile(write(kRecording)), qPrintable(rec.error()));
    QCOMPARE(rec.messages().size(), 7);
    QCOMPARE(rec.backfillCount(), 2);
    QCOMPARE(rec.duration(), 0.3);
    QVERIFY(rec.loops());
    // sorted by t, file order kept for equal t
    QCOMPARE(rec.messages().at(0).t, -3600.0);
    QCOMPARE(rec.messages().at(1).t, -900.0);
    QCOMPARE(rec.messages().at(1).line, 7);
    QCOMPARE(rec.messages().at(2).t, 0.0);
    QCOMPARE(rec.messages().at(3).payload, QByteArray(R"({"id":"tmp-1","ts":"2020-01-01T00:00:00Z","value":22})"));
    QCOMPARE(rec.messages().at(4).payload, QByteArray("{broken"));
    QCOMPARE(rec.messages().at(6).payload, QByteArray(R"({"id":"tmp-1","value":23,"ts":1})"));
    // the writing helpers produce lines the reader takes back
    const QByteArray written = FeedRecording::headerLine(5, false)
        + FeedRecording::messageLine(-1.5, "v1.1/Datastreams(1)/Observations", R"({"result":1,"phenomenonTime":"2020-01-01T00:00:00Z"})")
        + FeedRecording::messageLine(4.25, "a/b", "not json");
    FeedRecording back;
    QVERIFY2(back.loadData(written, "mem"), qPrintable(back.error()));
    QCOMPARE(back.duration(), 5.0);
    QVERIFY(!back.loops());
    QCOMPARE(back.messages().at(1).t, 4.25);
    QCOMPARE(back.messages().at(1).payload, QByteArray("not json"));
    // without a header: duration = last t
    FeedRecording bare;
    QVERIFY(bare.loadData(R"({"t":2,"topic":"a","payload":1})", "mem"));
    QCOMPARE(bare.duration(), 2.0);
    QCOMPARE(bare.messages().first().payload, QByteArray("1"));
}

void TestFeedReplayer::malformedLines_data()
{
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<QString>("error"); // after "FILE:"
    const QByteArray header = R"({"format":"liyuan-feed","version":1,"duration":10})" "\n";
    const QByteArray ok = R"({"t":1,"topic":"a/b","payload":"x"})" "\n";
    QTest::newRow("bad JSON") << header + ok + "{\"t\": 1,\n" << "3: bad JSON at column";
    QTest::newRow("not object") << header + "[1,2]\n" << "2: expected a JSON object";
    QTest::newRow("missing t") << header + ok + ok + R"({"topic":"a","payload":"x"})" << "4: missing field 't'";
    QTest::newRow("t string") << header + R"({"t":"1","topic":"a","payload":"x"})" << "2: field 't' must be a number of seconds";
    QTest::newRow("missing topic") << header + R"({"t":1,"payload":"x"})" << "2: missing field 'topic'";
    QTest::newRow("topic number") << header + R"({"t":1,"topic":5,"payload":"x"})" << "2: field 'topic' must be a non-empty string";
    QTest::newRow("wildcard topic") << header + R"({"t":1,"topic":"a/#","payload":"x"})" << "2: topic 'a/#' contains a wildcard";
    QTest::newRow("missing payload") << header + "\n\n" + R"({"t":1,"topic":"a"})" << "4: missing field 'payload'";
    QTest::newRow("beyond duration") << header + ok + R"({"t":11,"topic":"a","payload":"x"})" << "3: t = 11 is beyond the header's duration 10";
    QTest::newRow("late header") << ok + header << "2: the header must be the first line";
    QTest::newRow("wrong format") << QByteArray(R"({"format":"csv"})") << "1: format must be \"liyuan-feed\"";
    QTest::newRow("version 2") << QByteArray(R"({"format":"liyuan-feed","version":2})") << "1: unsupported version 2";
    QTest::newRow("negative duration") << QByteArray(R"({"format":"liyuan-feed","duration":-1})") << "1: duration must be a number > 0";
    QTest::newRow("loop string") << QByteArray(R"({"format":"liyuan-feed","loop":"yes"})") << "1: loop must be true or false";
    QTest::newRow("empty") << QByteArray() << "1: no messages";
    QTest::newRow("only header") << header << "1: no messages";
    QTest::newRow("binary") << QByteArray("\x00\x01\xff\xfe", 4) << "1: bad JSON";
    QTest::newRow("live at 0 without duration") << QByteArray(R"({"t":0,"topic":"a","payload":"x"})")
                                                << "1: a looping recording needs a duration > 0";
}

void TestFeedReplayer::malformedLines()
{
    QFETCH(QByteArray, data);
    QFETCH(QString, error);
    const QString path = write(data, QStringLiteral("bad.jsonl"));
    FeedRecording rec;
    QVERIFY(!rec.loadFile(path));
    QVERIFY2(rec.error().startsWith(path + QLatin1Char(':') + error), qPrintable(rec.error()));
    QVERIFY(rec.isEmpty());
    FeedReplayer player;
    QVERIFY(!player.startFile(path));
    QVERIFY(player.lastError().startsWith(path + QLatin1Char(':') + error));
    QVERIFY(!player.isRunning());
}

void TestFeedReplayer::playsBackfillThenLive()
{
    FeedRecording rec;
    QVERIFY(rec.loadData(kRecording, "mem"));
    FeedReplayer player;
    player.setMapping(mapping());
    QList<QList<Observation>> batches;
    connect(&player, &FeedReplayer::observationsReady, this,
            [&](const QList<Observation> &b) { batches << b; });
    const qint64 before = QDateTime::currentMSecsSinceEpoch();
    QVERIFY(player.start(rec));
    QVERIFY(player.isRunning());
    QVERIFY(batches.isEmpty()); // delivered from the event loop, never inside start()
    QTRY_VERIFY_WITH_TIMEOUT(player.counters().received >= 7, 3000);
    const qint64 after = QDateTime::currentMSecsSinceEpoch();
    player.stop();

    QVERIFY(batches.size() >= 2);
    // first batch: the backfill, times = start + t (-3600 s, -900 s)
    const QList<Observation> &bf = batches.first();
    QCOMPARE(bf.size(), 2);
    QCOMPARE(bf.at(0).deviceId, QStringLiteral("pwr-1"));
    QCOMPARE(bf.at(0).value, 40.0);
    const qint64 t0 = bf.at(0).time.toMSecsSinceEpoch() + 3600'000;
    QVERIFY(t0 >= before && t0 <= after);
    QCOMPARE(bf.at(1).time.toMSecsSinceEpoch(), t0 - 900'000);
    QCOMPARE(bf.at(0).time.timeSpec(), Qt::UTC);
    // then the live part in order; each time is the wall clock when delivered (2020 is gone)
    QList<Observation> live;
    for (int i = 1; i < batches.size(); ++i)
        live += batches.at(i);
    QVERIFY(live.size() >= 3);
    QCOMPARE(live.at(0).deviceId, QStringLiteral("tmp-1"));
    QCOMPARE(live.at(0).value, 21.0);
    QCOMPARE(live.at(1).value, 22.0);
    QCOMPARE(live.at(2).value, 23.0);
    QCOMPARE(live.at(2).topic, QStringLiteral("liyuan/demo/tower/tmp-1/telemetry"));
    for (int i = 0; i < 3; ++i) {
        const qint64 t = live.at(i).time.toMSecsSinceEpoch();
        QVERIFY2(t >= before && t <= after, qPrintable(live.at(i).time.toString(Qt::ISODateWithMs)));
    }
    // the 0.2 s message came ~0.2 s after the one at 0
    const qint64 gap = live.at(2).time.toMSecsSinceEpoch() - live.at(0).time.toMSecsSinceEpoch();
    QVERIFY2(gap >= 150 && gap < 1500, qPrintable(QString::number(gap)));
    const FeedReplayer::Counters c = player.counters();
    QCOMPARE(c.malformed, 1ull);
    QCOMPARE(c.ignored, 1ull);
    QVERIFY(player.recentErrors().first().startsWith("line 9: liyuan/demo/tower/tmp-1/telemetry: bad JSON"));
}

void TestFeedReplayer::loops()
{
    FeedRecording rec;
    QVERIFY(rec.loadData(kRecording, "mem"));
    FeedReplayer player;
    player.setMapping(mapping());
    int backfill = 0, live = 0, loopSignals = 0;
    connect(&player, &FeedReplayer::observationsReady, this, [&](const QList<Observation> &b) {
        for (const Observation &o : b)
            (o.deviceId == QLatin1String("pwr-1") ? backfill : live)++;
    });
    connect(&player, &FeedReplayer::looped, this, [&](int) { ++loopSignals; });
    QVERIFY(player.start(rec));
    QTRY_VERIFY_WITH_TIMEOUT(player.counters().loops >= 3, 5000);
    player.stop();
    QCOMPARE(backfill, 2);                      // once, not per pass
    QVERIFY(live >= 3 * 3);                     // 3 valid live messages per pass
    QCOMPARE(quint64(loopSignals), player.counters().loops);
    QVERIFY(player.position() == 0 && !player.isRunning());
    const int afterStop = live;
    QTest::qWait(400);
    QCOMPARE(live, afterStop);                  // stop() really stops
}

void TestFeedReplayer::speed()
{
    // 3 messages over 20 s of recording time, played with an injected clock at 100x
    const QByteArray data = R"({"format":"liyuan-feed","duration":20,"loop":false})" "\n"
                            R"({"t":0,"topic":"v1.1/Datastreams(1)/Observations","payload":{"phenomenonTime":"2020-01-01T00:00:00Z","result":1}})" "\n"
                            R"({"t":10,"topic":"v1.1/Datastreams(1)/Observations","payload":{"phenomenonTime":"2020-01-01T00:00:00Z","result":2}})" "\n"
                            R"({"t":20,"topic":"v1.1/Datastreams(1)/Observations","payload":{"phenomenonTime":"2020-01-01T00:00:00Z","result":3}})" "\n";
    FeedRecording rec;
    QVERIFY2(rec.loadData(data, "mem"), qPrintable(rec.error()));
    FeedReplayer player;
    player.setMapping(mapping());
    QElapsedTimer wall;
    wall.start();
    QList<Observation> got;
    connect(&player, &FeedReplayer::observationsReady, this, [&](const QList<Observation> &b) { got += b; });
    bool finished = false;
    connect(&player, &FeedReplayer::finished, this, [&] { finished = true; });
    player.setSpeed(-1); // ignored
    player.setSpeed(0);  // ignored
    QCOMPARE(player.speed(), 1.0);
    player.setSpeed(100);
    QVERIFY(player.start(rec));
    QTRY_VERIFY_WITH_TIMEOUT(finished, 3000);
    QVERIFY2(wall.elapsed() >= 150, "100x of 20 s takes about 200 ms");
    QCOMPARE(got.size(), 3);
    QCOMPARE(got.at(2).value, 3.0);
    QVERIFY(!player.isRunning());
}

void TestFeedReplayer::noLoopFinishes()
{
    FeedRecording rec;
    QVERIFY(rec.loadData(R"({"format":"liyuan-feed","loop":false})" "\n"
                         R"({"t":-5,"topic":"v1.1/Datastreams(1)/Observations","payload":{"phenomenonTime":"2020-01-01T00:00:00Z","result":1}})",
                         "mem"));
    FeedReplayer player;
    player.setMapping(mapping());
    bool finished = false;
    int n = 0;
    connect(&player, &FeedReplayer::finished, this, [&] { finished = true; });
    connect(&player, &FeedReplayer::observationsReady, this, [&](const QList<Observation> &b) { n += int(b.size()); });
    QVERIFY(player.start(rec));
    QTRY_VERIFY_WITH_TIMEOUT(finished, 2000);
    QCOMPARE(n, 1);
}

void TestFeedReplayer::refusesEmpty()
{
    FeedReplayer player;
    QVERIFY(!player.start(FeedRecording()));
    QVERIFY(!player.lastError().isEmpty());
    FeedRecording rec;
    QVERIFY(rec.loadData(R"({"t":1,"topic":"a","payload":1})", "mem"));
    player.setMapping(PayloadMapping());
    QVERIFY(!player.start(rec));
    QCOMPARE(player.lastError(), QStringLiteral("the payload mapping has no rules"));
    QVERIFY(!player.startFile(m_dir.filePath("absent.jsonl")));
    QVERIFY(player.lastError().contains("absent.jsonl: cannot open"));
}

QTEST_GUILESS_MAIN(TestFeedReplayer)
#include "tst_feedreplayer.moc"
