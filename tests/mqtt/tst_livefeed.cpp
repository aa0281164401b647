// LiveFeed against a REAL broker: mosquitto on a free loopback port, messages published with
// mosquitto_pub. Covers delivery, hostile payloads, broker restart (reconnect + re-subscription)
// and a 20,000-message flood while the GUI thread is watched for stalls.
#include "TestRequire.h"
#include <liyuan/mqtt/LiveFeed.h>

#include "TestBroker.h"

#include <QElapsedTimer>
#include <QProcess>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTimer>
#include <QtTest>

#include <memory>
#include <set>

#include <signal.h>
#include <sys/prctl.h>

using liyuan::mqtt::LiveFeed;
using liyuan::live::Observation;
using liyuan::live::PayloadMapping;

using liyuan_test::Broker;
using liyuan_test::findTool;
using liyuan_test::freeLoopbackPort;

class TestLiveFeed : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanupTestCase();
    void rejectsBadSettings_data();
    void rejectsBadSettings();
    void tlsSchemes_data();
    void tlsSchemes();
    void delivers_data();
    void delivers();
    void reconnectsAndResubscribes();
    void flood();

private:
    bool publish(const QString &topic, const QByteArray &payload);
    LiveFeed::Settings settings() const;

    QString m_pub;
    std::unique_ptr<Broker> m_broker;
    std::unique_ptr<LiveFeed> m_feed;
    QList<Observation> m_received;
    QList<LiveFeed::State> m_states;
    QTemporaryDir m_dir;
};

LiveFeed::Settings TestLiveFeed::settings() const
{
    LiveFeed::Settings s;
    s.url = QStringLiteral("tcp://127.0.0.1:%1").arg(m_broker->port());
    s.clientId = QStringLiteral("liyuan-test-%1").arg(QCoreApplication::applicationPid());
    s.topics = {QStringLiteral("v1.1/#")};
    s.keepAliveSeconds = 5;
    s.minRetryMs = 100;
    s.maxRetryMs = 1000;
    return s;
}

void TestLiveFeed::initTestCase()
{
    const QString mosquitto = findTool(QStringLiteral("mosquitto"));
    m_pub = findTool(QStringLiteral("mosquitto_pub"));
    if (mosquitto.isEmpty() || m_pub.isEmpty())
        LIYUAN_SKIP("mosquitto / mosquitto_pub not installed (apt-get install mosquitto mosquitto-clients)");
    QVERIFY(m_dir.isValid());
    const quint16 port = freeLoopbackPort();
    QVERIFY(port != 0);
    m_broker = std::make_unique<Broker>(mosquitto, port);
    QString err;
    QVERIFY2(m_broker->start(&err), qPrintable(err));
    qInfo("mosquitto listening on 127.0.0.1:%u", port);

    m_feed = std::make_unique<LiveFeed>();
    m_feed->setMapping(PayloadMapping::sensorThings(
        {{"1", "T-1"}, {"2", "T-2"}, {"3", "T-3"}, {"100", "FLOOD"}}));
    connect(m_feed.get(), &LiveFeed::observationsReady, this,
            [this](const QList<Observation> &batch) { m_received += batch; });
    connect(m_feed.get(), &LiveFeed::stateChanged, this, [this](LiveFeed::State s) { m_states << s; });
    QVERIFY2(m_feed->start(settings()), qPrintable(m_feed->lastError()));
    QCOMPARE(m_feed->state(), LiveFeed::State::Connecting);
    QTRY_COMPARE_WITH_TIMEOUT(m_feed->state(), LiveFeed::State::Connected, 10000);
}

void TestLiveFeed::cleanupTestCase()
{
    if (m_feed)
        m_feed->stop();
    if (m_feed)
        QCOMPARE(m_feed->state(), LiveFeed::State::Disconnected);
    m_feed.reset();
    m_broker.reset(); // kills mosquitto (the guard's destructor also covers failures)
}

void TestLiveFeed::rejectsBadSettings_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QStringList>("topics");
    QTest::addColumn<QString>("caFile");
    QTest::newRow("partial-level wildcard") << "tcp://127.0.0.1:1" << QStringList{"v1.1/Datastreams(+)/Observations"} << "";
    QTest::newRow("hash not last") << "tcp://127.0.0.1:1" << QStringList{"v1.1/#/x"} << "";
    QTest::newRow("no topics") << "tcp://127.0.0.1:1" << QStringList{} << "";
    QTest::newRow("http url") << "http://127.0.0.1:1" << QStringList{"v1.1/#"} << "";
    QTest::newRow("missing CA file") << "ssl://127.0.0.1:1" << QStringList{"v1.1/#"} << "/nonexistent/ca.pem";
    // wss:// is TLS too: its CA file is checked like ssl://'s
    QTest::newRow("missing CA file, wss") << "wss://127.0.0.1:1/mqtt" << QStringList{"v1.1/#"} << "/nonexistent/ca.pem";
    QTest::newRow("missing CA file, mqtts") << "mqtts://127.0.0.1:1" << QStringList{"v1.1/#"} << "/nonexistent/ca.pem";
}

void TestLiveFeed::tlsSchemes_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<bool>("tls");
    QTest::newRow("tcp") << "tcp://h:1883" << false;
    QTest::newRow("mqtt") << "mqtt://h:1883" << false;
    QTest::newRow("ws") << "ws://h:8080/mqtt" << false;
    QTest::newRow("ssl") << "ssl://h:8883" << true;
    QTest::newRow("mqtts") << "mqtts://h:8883" << true;
    QTest::newRow("wss") << "wss://h:8081/mqtt" << true;
    QTest::newRow("WSS upper case, padded") << "  WSS://h:8081/mqtt" << true;
}

void TestLiveFeed::tlsSchemes()
{
    QFETCH(QString, url);
    QFETCH(bool, tls);
    QCOMPARE(LiveFeed::usesTls(url), tls);
}

void TestLiveFeed::rejectsBadSettings()
{
    QFETCH(QString, url);
    QFETCH(QStringList, topics);
    QFETCH(QString, caFile);
    LiveFeed feed;
    LiveFeed::Settings s;
    s.url = url;
    s.topics = topics;
    s.caFile = caFile;
    s.password = QStringLiteral("s3cret-pass");
    QVERIFY(!feed.start(s));
    QVERIFY(!feed.lastError().isEmpty());
    QVERIFY(!feed.lastError().contains(QStringLiteral("s3cret-pass")));
    QCOMPARE(feed.state(), LiveFeed::State::Disconnected);
}

bool TestLiveFeed::publish(const QString &topic, const QByteArray &payload)
{
    QStringList args{"-h", "127.0.0.1", "-p", QString::number(m_broker->port()), "-q", "0", "-t", topic};
    if (payload.isEmpty()) {
        args << "-n";
    } else {
        const QString file = m_dir.filePath(QStringLiteral("payload.bin"));
        QFile f(file);
        if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
            return false;
        f.write(payload);
        f.close();
        args << "-f" << file;
    }
    QProcess p;
    p.start(m_pub, args);
    return p.waitForFinished(10000) && p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
}

void TestLiveFeed::delivers_data()
{
    QTest::addColumn<QString>("topic");
    QTest::addColumn<QByteArray>("payload");
    QTest::addColumn<QString>("expect"); // obs | malformed | unknown | ignored
    QTest::addColumn<QString>("deviceId");
    QTest::addColumn<double>("value");
    QTest::addColumn<QString>("text");

    const QString ds1 = QStringLiteral("v1.1/Datastreams(1)/Observations");
    const QString ds2 = QStringLiteral("v1.1/Datastreams(2)/Observations");
    const double NaN = std::nan("");
    QTest::newRow("number") << ds1 << QByteArray(R"({"phenomenonTime":"2024-05-01T12:00:00Z","result":21.5})")
                            << "obs" << "T-1" << 21.5 << "";
    QTest::newRow("string") << ds2 << QByteArray(R"({"phenomenonTime":"2024-05-01T12:00:00Z","result":"open"})")
                            << "obs" << "T-2" << NaN << "open";
    QTest::newRow("Things topic ignored") << "v1.1/Things(1)" << QByteArray(R"({"name":"x"})") << "ignored" << "" << NaN << "";
    QTest::newRow("unknown datastream") << "v1.1/Datastreams(9)/Observations"
                                        << QByteArray(R"({"phenomenonTime":"2024-05-01T12:00:00Z","result":1})")
                                        << "unknown" << "" << NaN << "";
    QTest::newRow("bad JSON") << ds1 << QByteArray("{\"result\": 1") << "malformed" << "" << NaN << "";
    QTest::newRow("empty") << ds1 << QByteArray() << "malformed" << "" << NaN << "";
    QTest::newRow("binary") << ds1 << QByteArray("\x00\xff\xfe\x01garbage", 11) << "malformed" << "" << NaN << "";
    QTest::newRow("wrong type") << ds1 << QByteArray(R"({"phenomenonTime":"2024-05-01T12:00:00Z","result":{}})")
                                << "malformed" << "" << NaN << "";
    QTest::newRow("300 KiB") << ds1 << QByteArray("{\"result\":1,\"pad\":\"" + QByteArray(300 * 1024, 'x') + "\"}")
                             << "malformed" << "" << NaN << "";
    QTest::newRow("deep nesting") << ds1 << QByteArray(50000, '[') << "malformed" << "" << NaN << "";
    QTest::newRow("still alive") << ds1 << QByteArray(R"({"phenomenonTime":"2024-05-01T12:00:00Z","result":-3})")
                                 << "obs" << "T-1" << -3.0 << "";
}

void TestLiveFeed::delivers()
{
    QFETCH(QString, topic);
    QFETCH(QByteArray, payload);
    QFETCH(QString, expect);
    QFETCH(QString, deviceId);
    QFETCH(double, value);
    QFETCH(QString, text);
    QVERIFY(m_feed);
    QCOMPARE(m_feed->state(), LiveFeed::State::Connected);
    m_received.clear();
    const LiveFeed::Counters before = m_feed->counters();
    QVERIFY(publish(topic, payload));
    // received is counted on arrival, the outcome after parsing: wait for the outcome.
    auto handled = [](const LiveFeed::Counters &c) { return c.parsed + c.malformed + c.unknownDevice + c.ignored; };
    QTRY_COMPARE_WITH_TIMEOUT(handled(m_feed->counters()), handled(before) + 1, 5000);
    QCOMPARE(m_feed->counters().received, before.received + 1);
    const LiveFeed::Counters after = m_feed->counters();
    if (expect == QLatin1String("obs")) {
        QTRY_COMPARE_WITH_TIMEOUT(m_received.size(), 1, 5000);
        const Observation &o = m_received.first();
        QCOMPARE(o.deviceId, deviceId);
        if (std::isnan(value))
            QVERIFY(!o.hasValue());
        else
            QCOMPARE(o.value, value);
        QCOMPARE(o.text, text);
        QCOMPARE(o.topic, topic);
        QCOMPARE(o.time, QDateTime(QDate(2024, 5, 1), QTime(12, 0), Qt::UTC));
        QCOMPARE(after.parsed, before.parsed + 1);
    } else {
        QTest::qWait(50);
        QVERIFY(m_received.isEmpty());
        QCOMPARE(after.parsed, before.parsed);
        QCOMPARE(after.malformed, before.malformed + (expect == QLatin1String("malformed") ? 1 : 0));
        QCOMPARE(after.unknownDevice, before.unknownDevice + (expect == QLatin1String("unknown") ? 1 : 0));
        QCOMPARE(after.ignored, before.ignored + (expect == QLatin1String("ignored") ? 1 : 0));
        if (expect != QLatin1String("ignored")) {
            const QStringList log = m_feed->recentErrors();
            QVERIFY(!log.isEmpty());
            QVERIFY(log.last().size() < 600);
            qInfo("logged: %s", qPrintable(log.last()));
        }
    }
    QVERIFY(m_feed->recentErrors().size() <= 50);
}

void TestLiveFeed::reconnectsAndResubscribes()
{
    QVERIFY(m_feed);
    QCOMPARE(m_feed->state(), LiveFeed::State::Connected);
    const quint64 reconnectsBefore = m_feed->counters().reconnects;
    m_states.clear();

    m_broker->stop(); // SIGKILL: no clean goodbye
    QTRY_COMPARE_WITH_TIMEOUT(m_feed->state(), LiveFeed::State::Reconnecting, 10000);
    QTest::qWait(1500); // several failed attempts with back-off while the broker is down
    QCOMPARE(m_feed->state(), LiveFeed::State::Reconnecting);

    QString err;
    QVERIFY2(m_broker->start(&err), qPrintable(err)); // same port
    QElapsedTimer t;
    t.start();
    QTRY_COMPARE_WITH_TIMEOUT(m_feed->state(), LiveFeed::State::Connected, 10000);
    qInfo("reconnected %lld ms after the broker came back; states: %d transitions", t.elapsed(), int(m_states.size()));
    QCOMPARE(m_feed->counters().reconnects, reconnectsBefore + 1);
    QVERIFY(m_states.contains(LiveFeed::State::Reconnecting));

    // The subscription must have been renewed on the new broker (clean session).
    m_received.clear();
    QVERIFY(publish(QStringLiteral("v1.1/Datastreams(3)/Observations"),
                    R"({"phenomenonTime":"2024-05-01T12:00:00Z","result":99})"));
    QTRY_COMPARE_WITH_TIMEOUT(m_received.size(), 1, 5000);
    QCOMPARE(m_received.first().deviceId, QStringLiteral("T-3"));
    QCOMPARE(m_received.first().value, 99.0);
}

void TestLiveFeed::flood()
{
    QVERIFY(m_feed);
    QCOMPARE(m_feed->state(), LiveFeed::State::Connected);
    constexpr int N = 20000;
    constexpr int MalformedEvery = 100; // plus one malformed line after every 100th valid one
    QByteArray lines;
    int malformedSent = 0;
    for (int i = 0; i < N; ++i) {
        lines += "{\"phenomenonTime\":\"2024-05-01T12:00:00Z\",\"result\":" + QByteArray::number(i) + "}\n";
        if (i % MalformedEvery == 0) {
            lines += "{\"result\": broken\n";
            ++malformedSent;
        }
    }
    m_received.clear();
    const LiveFeed::Counters before = m_feed->counters();

    // Watch the GUI thread: a 5 ms ticker must never see a gap of 100 ms (a blocked GUI would stall for seconds).
    QElapsedTimer tick;
    qint64 maxGap = 0;
    QTimer ticker;
    ticker.setTimerType(Qt::PreciseTimer);
    ticker.setInterval(5);
    connect(&ticker, &QTimer::timeout, this, [&] {
        maxGap = std::max(maxGap, tick.restart());
    });
    QList<qint64> batchTimes;
    QElapsedTimer clock;
    clock.start();
    auto c = connect(m_feed.get(), &LiveFeed::observationsReady, this,
                     [&](const QList<Observation> &) { batchTimes << clock.nsecsElapsed(); });

    QProcess pub;
    pub.start(m_pub, {"-h", "127.0.0.1", "-p", QString::number(m_broker->port()), "-q", "0",
                      "-t", "v1.1/Datastreams(100)/Observations", "-l"});
    QVERIFY(pub.waitForStarted(5000));
    tick.start();
    ticker.start();
    QElapsedTimer wall;
    wall.start();
    pub.write(lines);
    pub.closeWriteChannel();
    // Wait without blocking the event loop until the publisher is done and deliveries settle.
    QTRY_VERIFY_WITH_TIMEOUT(pub.state() == QProcess::NotRunning, 60000);
    quint64 last = 0;
    QElapsedTimer quiet;
    quiet.start();
    while (quiet.elapsed() < 500 && wall.elapsed() < 60000) { // 500 ms without a new message
        QTest::qWait(20);
        const quint64 now = m_feed->counters().received;
        if (now != last) {
            last = now;
            quiet.restart();
        }
    }
    QTest::qWait(50); // last batch
    ticker.stop();
    disconnect(c);
    const qint64 elapsed = wall.elapsed();

    const LiveFeed::Counters after = m_feed->counters();
    const quint64 parsed = after.parsed - before.parsed;
    const quint64 malformed = after.malformed - before.malformed;
    std::set<int> values;
    for (const Observation &o : qAsConst(m_received))
        if (o.deviceId == QLatin1String("FLOOD"))
            values.insert(int(o.value));
    qint64 minBatchGapNs = std::numeric_limits<qint64>::max();
    for (int i = 1; i < batchTimes.size(); ++i)
        minBatchGapNs = std::min(minBatchGapNs, batchTimes.at(i) - batchTimes.at(i - 1));
    qInfo("flood: %d valid + %d malformed QoS-0 messages in %lld ms; received %llu, parsed %llu (%.2f %%), "
          "delivered %lld (distinct %zu), malformed %llu, dropped %llu; %lld batches, min batch gap %.1f ms; "
          "max GUI-thread gap %lld ms",
          N, malformedSent, elapsed, after.received - before.received, parsed, 100.0 * parsed / N,
          qint64(m_received.size()), values.size(), malformed, after.dropped - before.dropped,
          qint64(batchTimes.size()), batchTimes.size() > 1 ? minBatchGapNs / 1e6 : 0.0, maxGap);

    QCOMPARE(pub.exitCode(), 0);
    QVERIFY2(parsed >= quint64(N * 0.99), "less than 99 % of the QoS-0 flood arrived");
    QCOMPARE(quint64(m_received.size()), parsed); // every parsed observation reached the GUI thread
    QCOMPARE(values.size(), size_t(parsed));       // no duplicates
    QCOMPARE(after.dropped, before.dropped);
    QVERIFY(malformed >= quint64(malformedSent * 0.99) && malformed <= quint64(malformedSent));
    QVERIFY2(maxGap < 100, qPrintable(QStringLiteral("GUI thread blocked for %1 ms").arg(maxGap)));
    // Batching: about one batch per 16 ms. The times are taken in a slot that runs after other
    // receivers of the same batch (which copy it), so single gaps jitter by a few ms on a loaded
    // machine; the rate over the whole flood and the absence of back-to-back flushes do not.
    if (batchTimes.size() > 1) {
        const double spanMs = (batchTimes.last() - batchTimes.first()) / 1e6;
        const qint64 maxBatches = qint64(spanMs / 16.0) + 2;
        QVERIFY2(batchTimes.size() <= maxBatches,
                 qPrintable(QStringLiteral("%1 batches in %2 ms (at most %3 expected)")
                                .arg(batchTimes.size()).arg(spanMs).arg(maxBatches)));
        QVERIFY2(minBatchGapNs >= 4'000'000, qPrintable(QStringLiteral("batches %1 ms apart").arg(minBatchGapNs / 1e6)));
    }
    QCOMPARE(m_feed->state(), LiveFeed::State::Connected);
}

QTEST_GUILESS_MAIN(TestLiveFeed)
#include "tst_livefeed.moc"
