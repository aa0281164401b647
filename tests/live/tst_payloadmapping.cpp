// PayloadMapping: SensorThings and configurable JSON rules, hostile payloads, throughput.
#include <liyuan/live/PayloadMapping.h>

#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QtTest>

#include <atomic>
#include <cmath>
#include <thread>

using liyuan::live::PayloadMapping;
using Error = PayloadMapping::Error;

Q_DECLARE_METATYPE(PayloadMapping::Error)

namespace {

PayloadMapping makeMapping(const QString &kind)
{
    if (kind == QLatin1String("st"))
        return PayloadMapping::sensorThings();
    if (kind == QLatin1String("stmap"))
        return PayloadMapping::sensorThings({{QStringLiteral("7"), QStringLiteral("T-7")}});
    PayloadMapping m;
    QString err;
    PayloadMapping::JsonRule a;
    a.topicPattern = QStringLiteral("site/+/sensors/+/telemetry");
    a.deviceIdTopicLevel = 3;
    a.valuePath = QStringLiteral("data.value");
    a.timePath = QStringLiteral("ts");
    bool ok = m.addJson(a, &err);
    PayloadMapping::JsonRule b;
    b.topicPattern = QStringLiteral("plant/#");
    b.deviceIdPath = QStringLiteral("dev");
    b.valuePath = QStringLiteral("v");
    b.timePath = QStringLiteral("t");
    b.timeFormat = PayloadMapping::TimeFormat::EpochMillis;
    ok = ok && m.addJson(b, &err);
    PayloadMapping::JsonRule c;
    c.topicPattern = QStringLiteral("iso/+");
    c.deviceIdPath = QStringLiteral("meta.id");
    c.valuePath = QStringLiteral("readings.0.v");
    c.timePath = QStringLiteral("time");
    c.timeFormat = PayloadMapping::TimeFormat::Iso8601;
    ok = ok && m.addJson(c, &err);
    PayloadMapping::JsonRule d;
    d.topicPattern = QStringLiteral("notime/+");
    d.deviceIdTopicLevel = 1;
    d.valuePath = QStringLiteral("value");
    ok = ok && m.addJson(d, &err);
    if (!ok)
        qFatal("rule rejected: %s", qPrintable(err));
    if (kind == QLatin1String("known"))
        m.setKnownDevices({QStringLiteral("T-1"), QStringLiteral("T-2")});
    return m;
}

QDateTime utc(int y, int mo, int d, int h, int mi, int s, int ms = 0)
{
    return QDateTime(QDate(y, mo, d), QTime(h, mi, s, ms), Qt::UTC);
}

const double NaN = std::nan("");
const QString ST42 = QStringLiteral("v1.1/Datastreams(42)/Observations");

} // namespace

class TestPayloadMapping : public QObject
{
    Q_OBJECT
private slots:
    void parse_data();
    void parse();
    void topicMatches_data();
    void topicMatches();
    void rejectsBadRules_data();
    void rejectsBadRules();
    void concurrentParsing();
    void fromJson();
    void fromJsonErrors_data();
    void fromJsonErrors();
    void throughput();
};

void TestPayloadMapping::parse_data()
{
    QTest::addColumn<QString>("mapping");
    QTest::addColumn<QString>("topic");
    QTest::addColumn<QByteArray>("payload");
    QTest::addColumn<Error>("error");
    QTest::addColumn<QString>("deviceId");
    QTest::addColumn<double>("value");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QDateTime>("time");

    const QDateTime noon = utc(2024, 5, 1, 12, 0, 0);
    auto ok = [&](const char *name, const char *mapping, const QString &topic, const QByteArray &payload,
                  const char *device, double value, const char *text, const QDateTime &time) {
        QTest::newRow(name) << QString::fromLatin1(mapping) << topic << payload << Error::None
                            << QString::fromUtf8(device) << value << QString::fromUtf8(text) << time;
    };
    auto bad = [&](const char *name, const char *mapping, const QString &topic, const QByteArray &payload, Error e) {
        QTest::newRow(name) << QString::fromLatin1(mapping) << topic << payload << e << QString() << NaN
                            << QString() << QDateTime();
    };

    // --- OGC SensorThings ---
    ok("st number", "st", ST42, R"({"phenomenonTime":"2024-05-01T12:00:00Z","result":21.5,"resultTime":"x"})",
       "42", 21.5, "", noon);
    ok("st quoted id, string result, offset", "st", QStringLiteral("v1.1/Datastreams('door-3')/Observations"),
       R"({"phenomenonTime":"2024-05-01T20:00:00+08:00","result":"open"})", "door-3", NaN, "open", noon);
    ok("st interval uses end", "st", ST42,
       R"({"phenomenonTime":"2024-05-01T11:00:00Z/2024-05-01T12:00:00Z","result":3})", "42", 3, "", noon);
    ok("st resultTime fallback", "st", ST42, R"({"resultTime":"2024-05-01T12:00:00Z","result":-4})",
       "42", -4, "", noon);
    ok("st milliseconds", "st", ST42, R"({"phenomenonTime":"2024-05-01T12:00:00.250Z","result":0})",
       "42", 0, "", utc(2024, 5, 1, 12, 0, 0, 250));
    ok("st no offset means UTC", "st", ST42, R"({"phenomenonTime":"2024-05-01T12:00:00","result":1e3})",
       "42", 1000, "", noon);
    ok("st bool result", "st", QStringLiteral("v1.0/Datastreams(1)/Observations"),
       R"({"phenomenonTime":"2024-05-01T12:00:00Z","result":true})", "1", 1, "true", noon);
    ok("st v1.0 unicode text", "st", QStringLiteral("v1.0/Datastreams(9)/Observations"),
       R"({"phenomenonTime":"2024-05-01T12:00:00Z","result":"正常"})", "9", NaN, "正常", noon);
    bad("st missing result", "st", ST42, R"({"phenomenonTime":"2024-05-01T12:00:00Z"})", Error::MissingField);
    bad("st result object", "st", ST42, R"({"phenomenonTime":"2024-05-01T12:00:00Z","result":{"a":1}})", Error::WrongType);
    bad("st result null", "st", ST42, R"({"phenomenonTime":"2024-05-01T12:00:00Z","result":null})", Error::WrongType);
    bad("st result array", "st", ST42, R"({"phenomenonTime":"2024-05-01T12:00:00Z","result":[1,2]})", Error::WrongType);
    bad("st bad time text", "st", ST42, R"({"phenomenonTime":"yesterday","result":1})", Error::WrongType);
    bad("st time is number", "st", ST42, R"({"phenomenonTime":1714564800,"result":1})", Error::WrongType);
    bad("st missing time", "st", ST42, R"({"result":1})", Error::MissingField);
    bad("st bad JSON", "st", ST42, R"({"phenomenonTime":"2024-05-01T12:00:00Z","result":1)", Error::BadJson);
    bad("st trailing garbage", "st", ST42, R"({"result":1} xyz)", Error::BadJson);
    bad("st binary garbage", "st", ST42, QByteArray("\xff\xfe\x00\x01\x80", 5), Error::BadJson);
    bad("st array payload", "st", ST42, "[1,2,3]", Error::WrongType);
    bad("st bare number", "st", ST42, "42", Error::BadJson); // Qt only accepts object/array documents
    bad("st empty", "st", ST42, QByteArray(), Error::Empty);
    bad("st huge 300 KiB", "st", ST42,
        "{\"result\":1,\"pad\":\"" + QByteArray(300 * 1024, 'x') + "\"}", Error::TooLarge);
    bad("st deep nesting", "st", ST42, QByteArray(100000, '['), Error::BadJson);
    bad("st Things topic ignored", "st", QStringLiteral("v1.1/Things(1)"), "{}", Error::NoMatchingRule);
    bad("st extra level ignored", "st", QStringLiteral("v1.1/Datastreams(1)/Observations/x"), "{}", Error::NoMatchingRule);
    bad("st nested Datastreams ignored", "st", QStringLiteral("v1.1/Datastreams(1)/Foo/Datastreams(2)/Observations"),
        "{}", Error::NoMatchingRule);
    bad("st empty id", "st", QStringLiteral("v1.1/Datastreams()/Observations"), "{}", Error::NoMatchingRule);
    bad("st prefix not v1", "st", QStringLiteral("x/v1.1/Datastreams(1)/Observations"), "{}", Error::NoMatchingRule);
    ok("st mapped datastream", "stmap", QStringLiteral("v1.1/Datastreams(7)/Observations"),
       R"({"phenomenonTime":"2024-05-01T12:00:00Z","result":5})", "T-7", 5, "", noon);
    bad("st unmapped datastream", "stmap", QStringLiteral("v1.1/Datastreams(8)/Observations"),
        R"({"phenomenonTime":"2024-05-01T12:00:00Z","result":5})", Error::UnknownDevice);

    // --- configurable JSON ---
    ok("json topic device, epoch s", "json", QStringLiteral("site/a/sensors/T-1/telemetry"),
       R"({"data":{"value":22.25},"ts":1714564800})", "T-1", 22.25, "", noon);
    ok("json iso ts", "json", QStringLiteral("site/b/sensors/T-2/telemetry"),
       R"({"data":{"value":-1},"ts":"2024-05-01T12:00:00Z"})", "T-2", -1, "", noon);
    ok("json auto epoch ms", "json", QStringLiteral("site/b/sensors/T-2/telemetry"),
       R"({"data":{"value":1},"ts":1714564800250})", "T-2", 1, "", utc(2024, 5, 1, 12, 0, 0, 250));
    ok("json numeric string value", "json", QStringLiteral("site/a/sensors/T-1/telemetry"),
       R"({"data":{"value":"23.5"},"ts":1714564800})", "T-1", 23.5, "23.5", noon);
    ok("json integer device id, ms", "json", QStringLiteral("plant/hall/3"),
       R"({"dev":1001,"v":7,"t":1714564800000})", "1001", 7, "", noon);
    ok("json # matches parent level", "json", QStringLiteral("plant"),
       R"({"dev":"P","v":7,"t":1714564800000})", "P", 7, "", noon);
    ok("json array index path", "json", QStringLiteral("iso/x"),
       R"({"meta":{"id":"H-1"},"readings":[{"v":55},{"v":0}],"time":"2024-05-01T12:00:00Z"})", "H-1", 55, "", noon);
    ok("json no time path", "json", QStringLiteral("notime/N-1"), R"({"value":2})", "N-1", 2, "", QDateTime());
    bad("json device id object", "json", QStringLiteral("plant/x"), R"({"dev":{},"v":1,"t":1})", Error::WrongType);
    bad("json device id fraction", "json", QStringLiteral("plant/x"), R"({"dev":1.5,"v":1,"t":1})", Error::WrongType);
    bad("json device id empty", "json", QStringLiteral("plant/x"), R"({"dev":"","v":1,"t":1})", Error::MissingField);
    bad("json missing device", "json", QStringLiteral("plant/x"), R"({"v":1,"t":1})", Error::MissingField);
    bad("json missing value", "json", QStringLiteral("plant/x"), R"({"dev":"a","t":1})", Error::MissingField);
    bad("json missing time", "json", QStringLiteral("plant/x"), R"({"dev":"a","v":1})", Error::MissingField);
    bad("json ms format gets string", "json", QStringLiteral("plant/x"), R"({"dev":"a","v":1,"t":"2024-05-01"})", Error::WrongType);
    bad("json negative epoch", "json", QStringLiteral("plant/x"), R"({"dev":"a","v":1,"t":-5})", Error::WrongType);
    bad("json iso format gets number", "json", QStringLiteral("iso/x"),
        R"({"meta":{"id":"H"},"readings":[{"v":1}],"time":5})", Error::WrongType);
    bad("json index out of range", "json", QStringLiteral("iso/x"),
        R"({"meta":{"id":"H"},"readings":[],"time":"2024-05-01T12:00:00Z"})", Error::MissingField);
    bad("json path through number", "json", QStringLiteral("site/a/sensors/T-1/telemetry"),
        R"({"data":5,"ts":1})", Error::MissingField);
    bad("json value array", "json", QStringLiteral("site/a/sensors/T-1/telemetry"),
        R"({"data":{"value":[1]},"ts":1})", Error::WrongType);
    bad("json too few levels", "json", QStringLiteral("site/a/sensors/T-1"), "{}", Error::NoMatchingRule);
    bad("json too many levels", "json", QStringLiteral("site/a/sensors/T-1/telemetry/x"), "{}", Error::NoMatchingRule);
    bad("json bad JSON", "json", QStringLiteral("plant/x"), "{dev:1}", Error::BadJson);
    bad("json empty", "json", QStringLiteral("plant/x"), QByteArray(), Error::Empty);
    ok("json known device", "known", QStringLiteral("site/a/sensors/T-1/telemetry"),
       R"({"data":{"value":1},"ts":1714564800})", "T-1", 1, "", noon);
    bad("json unknown device", "known", QStringLiteral("site/a/sensors/T-9/telemetry"),
        R"({"data":{"value":1},"ts":1714564800})", Error::UnknownDevice);
}

void TestPayloadMapping::parse()
{
    QFETCH(QString, mapping);
    QFETCH(QString, topic);
    QFETCH(QByteArray, payload);
    QFETCH(Error, error);
    QFETCH(QString, deviceId);
    QFETCH(double, value);
    QFETCH(QString, text);
    QFETCH(QDateTime, time);

    const PayloadMapping m = makeMapping(mapping);
    const PayloadMapping::Result r = m.parse(topic, payload);
    QCOMPARE(PayloadMapping::errorName(r.error), PayloadMapping::errorName(error));
    QCOMPARE(r.ok, error == Error::None);
    if (!r.ok) {
        QVERIFY2(!r.reason.isEmpty(), "a failure must carry a reason");
        QVERIFY(r.reason.size() < 600); // never echoes a huge payload
        return;
    }
    const auto &o = r.observation;
    QCOMPARE(o.deviceId, deviceId);
    if (std::isnan(value))
        QVERIFY(!o.hasValue());
    else
        QCOMPARE(o.value, value);
    QCOMPARE(o.text, text);
    QCOMPARE(o.time, time);
    if (time.isValid())
        QCOMPARE(o.time.timeSpec(), Qt::UTC);
    QCOMPARE(o.topic, topic);
}

void TestPayloadMapping::topicMatches_data()
{
    QTest::addColumn<QString>("filter");
    QTest::addColumn<QString>("topic");
    QTest::addColumn<bool>("match");
    QTest::newRow("exact") << "a/b" << "a/b" << true;
    QTest::newRow("plus") << "a/+/c" << "a/x/c" << true;
    QTest::newRow("plus empty level") << "a/+/c" << "a//c" << true;
    QTest::newRow("plus wrong depth") << "a/+" << "a/x/c" << false;
    QTest::newRow("hash all") << "#" << "a/b/c" << true;
    QTest::newRow("hash parent") << "a/#" << "a" << true;
    QTest::newRow("hash deep") << "v1.1/#" << "v1.1/Datastreams(3)/Observations" << true;
    QTest::newRow("hash other root") << "v1.1/#" << "v1.0/Datastreams(3)/Observations" << false;
    QTest::newRow("shorter topic") << "a/b/c" << "a/b" << false;
    QTest::newRow("longer topic") << "a/b" << "a/b/c" << false;
}

void TestPayloadMapping::topicMatches()
{
    QFETCH(QString, filter);
    QFETCH(QString, topic);
    QFETCH(bool, match);
    QCOMPARE(PayloadMapping::topicMatches(filter, topic), match);
}

void TestPayloadMapping::rejectsBadRules_data()
{
    QTest::addColumn<QString>("pattern");
    QTest::addColumn<QString>("devicePath");
    QTest::addColumn<int>("deviceLevel");
    QTest::addColumn<QString>("valuePath");
    QTest::newRow("partial-level plus") << "v1.1/Datastreams(+)/Observations" << "id" << -1 << "v";
    QTest::newRow("hash not last") << "a/#/b" << "id" << -1 << "v";
    QTest::newRow("no value path") << "a/b" << "id" << -1 << "";
    QTest::newRow("no device source") << "a/b" << "" << -1 << "v";
    QTest::newRow("level beyond pattern") << "a/+" << "" << 5 << "v";
    QTest::newRow("empty pattern") << "" << "id" << -1 << "v";
}

void TestPayloadMapping::rejectsBadRules()
{
    QFETCH(QString, pattern);
    QFETCH(QString, devicePath);
    QFETCH(int, deviceLevel);
    QFETCH(QString, valuePath);
    PayloadMapping m;
    PayloadMapping::JsonRule r;
    r.topicPattern = pattern;
    r.deviceIdPath = devicePath;
    r.deviceIdTopicLevel = deviceLevel;
    r.valuePath = valuePath;
    QString err;
    QVERIFY(!m.addJson(r, &err));
    QVERIFY(!err.isEmpty());
    QVERIFY(m.isEmpty());
}

// Same const mapping from several threads at once: identical results, no races (run under TSan to be sure).
void TestPayloadMapping::concurrentParsing()
{
    const PayloadMapping m = PayloadMapping::sensorThings();
    std::atomic<int> failures{0};
    auto work = [&](int seed) {
        for (int i = 0; i < 20000; ++i) {
            const int id = (i * 7 + seed) % 500;
            const QByteArray p = "{\"phenomenonTime\":\"2024-05-01T12:00:00Z\",\"result\":" + QByteArray::number(i) + "}";
            const auto r = m.parse(QStringLiteral("v1.1/Datastreams(%1)/Observations").arg(id), p);
            if (!r.ok || r.observation.value != i || r.observation.deviceId != QString::number(id))
                ++failures;
        }
    };
    std::thread a(work, 1), b(work, 2);
    work(3);
    a.join();
    b.join();
    QCOMPARE(failures.load(), 0);
}

void TestPayloadMapping::throughput()
{
    const PayloadMapping st = PayloadMapping::sensorThings();
    const PayloadMapping js = makeMapping(QStringLiteral("json"));
    constexpr int N = 100000;
    QVector<QString> stTopics, jsTopics;
    QVector<QByteArray> stPayloads, jsPayloads;
    for (int i = 0; i < N; ++i) {
        stTopics << QStringLiteral("v1.1/Datastreams(%1)/Observations").arg(i % 1000);
        stPayloads << "{\"phenomenonTime\":\"2024-05-01T12:00:" + QByteArray::number(10 + i % 50)
                          + ".123Z\",\"result\":" + QByteArray::number(20.0 + (i % 100) * 0.1)
                          + ",\"parameters\":{\"q\":\"good\"}}";
        jsTopics << QStringLiteral("site/a/sensors/T-%1/telemetry").arg(i % 1000);
        jsPayloads << "{\"data\":{\"value\":" + QByteArray::number(i) + ",\"unit\":\"C\"},\"ts\":"
                          + QByteArray::number(1714564800 + i) + "}";
    }
    auto run = [&](const PayloadMapping &m, const QVector<QString> &topics, const QVector<QByteArray> &payloads) {
        int okCount = 0;
        QElapsedTimer t;
        t.start();
        for (int i = 0; i < N; ++i)
            okCount += m.parse(topics.at(i), payloads.at(i)).ok ? 1 : 0;
        const double secs = std::max(1e-9, t.nsecsElapsed() / 1e9);
        return std::make_pair(okCount, N / secs);
    };
    const auto [stOk, stRate] = run(st, stTopics, stPayloads);
    const auto [jsOk, jsRate] = run(js, jsTopics, jsPayloads);
    qInfo("PayloadMapping throughput on one core: SensorThings %.0f msg/s, JSON mapping %.0f msg/s (%d messages each, %d B avg)",
          stRate, jsRate, N, int(stPayloads.first().size()));
    QCOMPARE(stOk, N);
    QCOMPARE(jsOk, N);
    // Target is >= 50,000 msg/s; the hard floor is lower so a busy shared CI core doesn't flake.
    QVERIFY2(stRate >= 25000 && jsRate >= 25000, "parsing is far slower than the 50k msg/s target");
}

void TestPayloadMapping::fromJson()
{
    const QByteArray json = R"({"format":"liyuan-mapping","version":1,"maxPayloadBytes":1000,
        "rules":[{"type":"sensorthings","datastreams":{"7":"T-7"}},
                 {"type":"json","topic":"site/+/dev/+/telemetry","deviceIdTopicLevel":3,"value":"data.v",
                  "time":"ts","timeFormat":"epoch-s"}]})";
    PayloadMapping m;
    QString err;
    QVERIFY2(PayloadMapping::fromJson(json, "m.json", &m, &err), qPrintable(err));
    QCOMPARE(m.maxPayloadBytes(), qsizetype(1000));
    QCOMPARE(m.subscriptions(), (QStringList{"v1.1/#", "site/+/dev/+/telemetry"}));
    auto r = m.parse("v1.1/Datastreams(7)/Observations", R"({"phenomenonTime":"2024-05-01T12:00:00Z","result":3})");
    QVERIFY(r.ok);
    QCOMPARE(r.observation.deviceId, QStringLiteral("T-7"));
    r = m.parse("site/a/dev/pump-3/telemetry", R"({"data":{"v":1.5},"ts":1714564800})");
    QVERIFY2(r.ok, qPrintable(r.reason));
    QCOMPARE(r.observation.deviceId, QStringLiteral("pump-3"));
    QCOMPARE(r.observation.value, 1.5);
    QCOMPARE(r.observation.time, QDateTime(QDate(2024, 5, 1), QTime(12, 0), Qt::UTC));
    QCOMPARE(m.parse("site/a/dev/p/telemetry", QByteArray(1001, ' ')).error, PayloadMapping::Error::TooLarge);
    // explicit topics win over derived ones
    QVERIFY(PayloadMapping::fromJson(R"({"topics":["a/#"],"rules":[{"type":"sensorthings"}]})", "m", &m, &err));
    QCOMPARE(m.subscriptions(), QStringList{"a/#"});
    // a file
    QTemporaryDir dir;
    QFile f(dir.filePath("mapping.json"));
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(json);
    f.close();
    QVERIFY2(PayloadMapping::loadFile(f.fileName(), &m, &err), qPrintable(err));
    QVERIFY(!PayloadMapping::loadFile(dir.filePath("absent.json"), &m, &err));
    QVERIFY(err.contains("absent.json: cannot open"));
}

void TestPayloadMapping::fromJsonErrors_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("error");
    QTest::newRow("bad JSON") << QByteArray("{\"rules\": [") << "m.json: bad JSON at offset";
    QTest::newRow("array") << QByteArray("[]") << "m.json: the top level must be an object with a 'rules' array";
    QTest::newRow("no rules") << QByteArray("{}") << "m.json: missing field 'rules'";
    QTest::newRow("empty rules") << QByteArray(R"({"rules":[]})") << "m.json: 'rules' is empty";
    QTest::newRow("wrong format") << QByteArray(R"({"format":"x","rules":[]})") << "m.json: format must be";
    QTest::newRow("version 2") << QByteArray(R"({"version":2,"rules":[]})") << "m.json: unsupported version";
    QTest::newRow("bad max") << QByteArray(R"({"maxPayloadBytes":-5,"rules":[{"type":"sensorthings"}]})")
                             << "m.json: 'maxPayloadBytes' must be a positive integer";
    QTest::newRow("rule not object") << QByteArray(R"({"rules":[{"type":"sensorthings"}, 5]})") << "m.json: rules[1]: expected an object";
    QTest::newRow("unknown type") << QByteArray(R"({"rules":[{"type":"xml"}]})") << "m.json: rules[0]: 'type' must be";
    QTest::newRow("datastream not string") << QByteArray(R"({"rules":[{"type":"sensorthings","datastreams":{"1":2}}]})")
                                           << "m.json: rules[0]: datastreams['1'] must be a device id string";
    QTest::newRow("json without value") << QByteArray(R"({"rules":[{"type":"json","topic":"a/+","deviceId":"id"}]})")
                                        << "m.json: rules[0]: 'value' must be a string (dot path)";
    QTest::newRow("json bad wildcard") << QByteArray(R"({"rules":[{"type":"json","topic":"a/b+","deviceId":"id","value":"v"}]})")
                                       << "m.json: rules[0]: wildcards must fill a whole level in 'a/b+'";
    QTest::newRow("json no device") << QByteArray(R"({"rules":[{"type":"json","topic":"a/+","value":"v"}]})")
                                    << "m.json: rules[0]: device id needs a JSON path or a topic level";
    QTest::newRow("bad time format") << QByteArray(R"({"rules":[{"type":"json","topic":"a","deviceId":"i","value":"v","timeFormat":"unix"}]})")
                                     << "m.json: rules[0]: timeFormat 'unix' must be auto, iso8601, epoch-s or epoch-ms";
    QTest::newRow("negative level") << QByteArray(R"({"rules":[{"type":"json","topic":"a/+","deviceIdTopicLevel":-1,"value":"v"}]})")
                                    << "m.json: rules[0]: 'deviceIdTopicLevel' must be an integer >= 0";
    QTest::newRow("bad topics") << QByteArray(R"({"topics":["a/#/b"],"rules":[{"type":"sensorthings"}]})")
                                << "m.json: topics[0]: '#' must be the last level";
}

void TestPayloadMapping::fromJsonErrors()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, error);
    PayloadMapping m = PayloadMapping::sensorThings();
    QString err;
    QVERIFY(!PayloadMapping::fromJson(json, "m.json", &m, &err));
    QVERIFY2(err.startsWith(error), qPrintable(err));
    QVERIFY(!m.isEmpty()); // a failed load leaves the mapping as it was
}

QTEST_GUILESS_MAIN(TestPayloadMapping)
#include "tst_payloadmapping.moc"
