// bench_mqtt: live IoT throughput and latency (not a ctest test).
//  (a) messages/s parsed (PayloadMapping) + applied (DeviceStore) on one core, SensorThings and
//      JSON payloads, 1,000 devices, median of 5 passes over 200,000 messages;
//  (b) publish → applied latency through a real mosquitto on a free loopback port: mosquitto_pub
//      publishes 1,000 messages at 200/s, each carrying its send time; the store's GUI-thread
//      slot measures the age when the observation is applied (p50 / p95 / max).
// Usage: bench_mqtt [--no-broker]
#include <liyuan/live/DeviceStore.h>
#include <liyuan/mqtt/LiveFeed.h>

#include "../mqtt/TestBroker.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimer>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <vector>

using namespace liyuan::live;
using namespace liyuan::mqtt;

namespace {

constexpr int Devices = 1000;
constexpr int Messages = 200000;

qint64 nowUs()
{
    return std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

BuildingRegistry makeRegistry()
{
    QJsonArray devices, floors;
    for (int n = 1; n <= 20; ++n)
        floors.append(QJsonObject{{"number", n}, {"baseElevation", 3.6 * (n - 1)}, {"height", 3.6}});
    QJsonArray meters;
    for (int i = 0; i < Devices; ++i) {
        devices.append(QJsonObject{{"id", QStringLiteral("dev-%1").arg(i)}, {"type", i % 5 == 0 ? "power" : "temperature"},
                                   {"floor", 1 + i % 20}, {"position", QJsonArray{528700.0 + i % 30, 3992200.0, 3.6 * (i % 20) + 1}},
                                   {"thresholds", QJsonObject{{"warn", 27}, {"alarm", 30}}}});
        if (i % 5 == 0)
            meters.append(QJsonObject{{"floor", 1 + i % 20}, {"kind", "power"}, {"deviceId", QStringLiteral("dev-%1").arg(i)}});
    }
    const QJsonObject b{{"id", "tower"}, {"name", "Tower"}, {"floors", floors}, {"devices", devices}, {"meters", meters},
                        {"footprint", QJsonArray{QJsonArray{0, 0}, QJsonArray{30, 0}, QJsonArray{30, 22}}}};
    BuildingRegistry reg;
    if (!reg.loadJson(QJsonDocument(QJsonObject{{"crs", "EPSG:4549"}, {"buildings", QJsonArray{b}}}).toJson(), "bench"))
        qFatal("%s", qPrintable(reg.errors().join('\n')));
    return reg;
}

PayloadMapping makeMapping(const BuildingRegistry &reg)
{
    QHash<QString, QString> table;
    for (int i = 0; i < Devices; ++i)
        table.insert(QString::number(1000 + i), QStringLiteral("dev-%1").arg(i));
    PayloadMapping m;
    m.addSensorThings(table);
    PayloadMapping::JsonRule r;
    r.topicPattern = QStringLiteral("bench/+/+/telemetry");
    r.deviceIdPath = QStringLiteral("id");
    r.valuePath = QStringLiteral("value");
    r.timePath = QStringLiteral("ts");
    m.addJson(r);
    m.setKnownDevices(reg.deviceIds());
    return m;
}

struct Msg { QString topic; QByteArray payload; };

double runPasses(const BuildingRegistry &reg, const PayloadMapping &mapping, const std::vector<Msg> &msgs, bool apply,
                 quint64 *appliedOut)
{
    std::vector<double> rates;
    for (int pass = 0; pass < 5; ++pass) {
        DeviceStore store(reg);
        QElapsedTimer t;
        t.start();
        quint64 ok = 0;
        if (apply) {
            for (const Msg &m : msgs)
                ok += store.applyMessage(mapping, m.topic, m.payload) ? 1 : 0;
        } else {
            for (const Msg &m : msgs)
                ok += mapping.parse(m.topic, m.payload).ok ? 1 : 0;
        }
        const double s = double(t.nsecsElapsed()) / 1e9;
        rates.push_back(double(msgs.size()) / s);
        *appliedOut = ok;
    }
    std::sort(rates.begin(), rates.end());
    return rates[rates.size() / 2];
}

void throughput()
{
    const BuildingRegistry reg = makeRegistry();
    const PayloadMapping mapping = makeMapping(reg);
    const QDateTime base(QDate(2024, 5, 1), QTime(12, 0), Qt::UTC);
    std::vector<Msg> st, js;
    st.reserve(Messages);
    js.reserve(Messages);
    for (int i = 0; i < Messages; ++i) {
        const int d = (i * 7919) % Devices;
        const QDateTime t = base.addMSecs(qint64(i) * 50);
        st.push_back({QStringLiteral("v1.1/Datastreams(%1)/Observations").arg(1000 + d),
                      "{\"phenomenonTime\":\"" + t.toString(Qt::ISODateWithMs).toUtf8() + "\",\"result\":"
                          + QByteArray::number(20 + (i % 130) / 10.0) + "}"});
        js.push_back({QStringLiteral("bench/tower/dev-%1/telemetry").arg(d),
                      "{\"id\":\"dev-" + QByteArray::number(d) + "\",\"value\":" + QByteArray::number(20 + (i % 130) / 10.0)
                          + ",\"ts\":" + QByteArray::number(t.toMSecsSinceEpoch()) + "}"});
    }
    quint64 ok = 0;
    const double stParse = runPasses(reg, mapping, st, false, &ok);
    const double stApply = runPasses(reg, mapping, st, true, &ok);
    if (ok != quint64(Messages))
        qFatal("SensorThings: %llu of %d applied", ok, Messages);
    const double jsParse = runPasses(reg, mapping, js, false, &ok);
    const double jsApply = runPasses(reg, mapping, js, true, &ok);
    if (ok != quint64(Messages))
        qFatal("JSON: %llu of %d applied", ok, Messages);
    std::printf("throughput (one core, %d messages over %d devices, median of 5 passes; target >= 50,000/s):\n", Messages, Devices);
    std::printf("  SensorThings  parse only %9.0f msg/s   parse + apply %9.0f msg/s  (%.2f us/msg)\n", stParse, stApply, 1e6 / stApply);
    std::printf("  JSON rule     parse only %9.0f msg/s   parse + apply %9.0f msg/s  (%.2f us/msg)\n", jsParse, jsApply, 1e6 / jsApply);

    // apply alone (observations already parsed): the GUI-thread share of the work
    QList<Observation> batch;
    for (const Msg &m : js)
        batch.append(mapping.parse(m.topic, m.payload).observation);
    std::vector<double> rates;
    for (int pass = 0; pass < 5; ++pass) {
        DeviceStore store(reg);
        QElapsedTimer t;
        t.start();
        store.apply(batch);
        rates.push_back(batch.size() / (double(t.nsecsElapsed()) / 1e9));
    }
    std::sort(rates.begin(), rates.end());
    std::printf("  DeviceStore::apply alone (GUI thread)      %9.0f obs/s\n", rates[2]);
    std::fflush(stdout);
}

int latency(QCoreApplication &app)
{
    const QString mosquitto = liyuan_test::findTool(QStringLiteral("mosquitto"));
    const QString pub = liyuan_test::findTool(QStringLiteral("mosquitto_pub"));
    if (mosquitto.isEmpty() || pub.isEmpty()) {
        std::printf("latency: skipped (mosquitto / mosquitto_pub not installed)\n");
        return 0;
    }
    liyuan_test::Broker broker(mosquitto, liyuan_test::freeLoopbackPort());
    QString err;
    if (!broker.start(&err)) {
        std::printf("latency: %s\n", qPrintable(err));
        return 1;
    }
    const BuildingRegistry reg = makeRegistry();
    PayloadMapping mapping;
    PayloadMapping::JsonRule r;
    r.topicPattern = QStringLiteral("bench/+/+/telemetry");
    r.deviceIdPath = QStringLiteral("id");
    r.valuePath = QStringLiteral("value"); // the send time (µs since the run's start): no time path
    mapping.addJson(r);
    DeviceStore store(reg);
    LiveFeed feed;
    feed.setMapping(mapping);
    const qint64 t0 = nowUs();
    std::vector<double> latMs;
    QObject::connect(&feed, &LiveFeed::observationsReady, &app, [&](const QList<Observation> &batch) {
        store.apply(batch);
        const qint64 now = nowUs() - t0;
        for (const Observation &o : batch)
            latMs.push_back(double(now - qint64(o.value)) / 1000.0);
    });
    LiveFeed::Settings s;
    s.url = QStringLiteral("tcp://127.0.0.1:%1").arg(broker.port());
    s.topics = {QStringLiteral("bench/#")};
    if (!feed.start(s)) {
        std::printf("latency: %s\n", qPrintable(feed.lastError()));
        return 1;
    }
    QElapsedTimer wait;
    wait.start();
    while (feed.state() != LiveFeed::State::Connected && wait.elapsed() < 10000)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
    QProcess p;
    p.start(pub, {"-h", "127.0.0.1", "-p", QString::number(broker.port()), "-q", "0", "-t", "bench/tower/dev-1/telemetry", "-l"});
    if (!p.waitForStarted(5000))
        return 1;
    constexpr int N = 1000;
    int sent = 0;
    QTimer pace;
    pace.setTimerType(Qt::PreciseTimer);
    QObject::connect(&pace, &QTimer::timeout, &app, [&] {
        if (sent >= N) {
            pace.stop();
            p.closeWriteChannel();
            return;
        }
        p.write("{\"id\":\"dev-" + QByteArray::number(sent % Devices) + "\",\"value\":" + QByteArray::number(nowUs() - t0) + "}\n");
        ++sent;
    });
    // mosquitto_pub connects after it starts: give it time, so the first messages do not wait for the connection
    QTimer::singleShot(500, &app, [&] { pace.start(5); });
    wait.restart();
    while ((latMs.size() < size_t(N)) && wait.elapsed() < 30000)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
    p.waitForFinished(2000);
    feed.stop();
    if (latMs.empty()) {
        std::printf("latency: nothing arrived\n");
        return 1;
    }
    std::sort(latMs.begin(), latMs.end());
    auto pct = [&](double q) { return latMs[std::min(latMs.size() - 1, size_t(q * double(latMs.size())))]; };
    std::printf("latency publish → DeviceStore (mosquitto_pub → mosquitto → LiveFeed → GUI thread), %zu of %d messages at 200/s:\n"
                "  p50 %.2f ms   p95 %.2f ms   max %.2f ms   (LiveFeed batches at most every 16 ms)\n",
                latMs.size(), N, pct(0.5), pct(0.95), latMs.back());
    return 0;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    throughput();
    if (app.arguments().contains(QStringLiteral("--no-broker")))
        return 0;
    return latency(app);
}
