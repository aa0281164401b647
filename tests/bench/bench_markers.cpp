// bench_markers: live device markers (not a ctest test).
//  (a) CPU cost per frame of 10,000 live markers: 1,000 observations applied to the DeviceStore,
//      then DeviceMarkers::syncFromStore + buildBuffer (the instance table the renderer takes),
//      with the previous table kept alive as the renderer does (so the write detaches once);
//      mean / p95 / max over 300 frames.
//  (b) publish → marker colour change latency through a real mosquitto on a free loopback port:
//      mosquitto_pub -l sends 200 messages/s for 5 s, each turning a fresh device to alarm;
//      LiveDataController (LiveFeed → DeviceStore → DeviceMarkers) is watched for the colour
//      change, and the instance table is rebuilt before the time is taken.
// Run: build/tests/bench/bench_markers [--no-broker]   (or --demo IOT_DIR: replay smoke on the demo's iot/ files)
#include "LiveDataController.h"

#include "TestBroker.h"

#include <QGuiApplication>
#include <QDir>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <random>
#include <vector>

#include <time.h>

using liyuan::DeviceMarkers;
using liyuan::LiveDataController;
using liyuan::live::BuildingRegistry;
using liyuan::live::DeviceStore;
using liyuan::mqtt::LiveFeed;
using liyuan::live::Observation;

namespace {

constexpr int Floors = 100, PerFloor = 100, Devices = Floors * PerFloor;

/** CPU time of this thread, µs: what the GUI thread spends, without preemption by other processes. */
qint64 cpuUs()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return qint64(ts.tv_sec) * 1000000 + ts.tv_nsec / 1000;
}

qint64 nowUs()
{
    return std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

QByteArray registryJson()
{
    QByteArray floors, devices;
    for (int f = 1; f <= Floors; ++f) {
        floors += "{\"number\":" + QByteArray::number(f) + ",\"baseElevation\":" + QByteArray::number((f - 1) * 4)
                  + ",\"height\":4},";
        for (int k = 0; k < PerFloor; ++k)
            devices += "{\"id\":\"dev-" + QByteArray::number((f - 1) * PerFloor + k) + "\",\"type\":\"co2\",\"floor\":"
                       + QByteArray::number(f) + ",\"position\":[" + QByteArray::number(k % 10 * 3) + ","
                       + QByteArray::number(k / 10 * 3) + "," + QByteArray::number((f - 1) * 4 + 1)
                       + "],\"thresholds\":{\"warn\":1000,\"alarm\":1500},\"staleSeconds\":3600},";
    }
    floors.chop(1);
    devices.chop(1);
    return "{\"buildings\":[{\"id\":\"tower\",\"name\":\"Bench tower\",\"footprint\":[[0,0],[30,0],[30,30],[0,30]],"
           "\"floors\":[" + floors + "],\"devices\":[" + devices + "]}]}";
}

struct Stats { double mean, p50, p95, max; };
Stats stats(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    double sum = 0;
    for (double x : v)
        sum += x;
    auto pct = [&](double q) { return v[std::min(v.size() - 1, size_t(q * double(v.size())))]; };
    return {sum / double(v.size()), pct(0.5), pct(0.95), v.back()};
}

/**
 * scenario "churn": values uniform in 400..2000 ppm (warn 1000, alarm 1500): about two thirds of
 * the observations change a marker's state and a third of the devices are in alarm (pulsing);
 * "steady": values mostly normal (1 % warn, 0.2 % alarm) — a live building on a normal day.
 */
void frameCost(bool churn)
{
    BuildingRegistry reg;
    if (!reg.loadJson(registryJson(), QStringLiteral("bench")))
        qFatal("%s", qPrintable(reg.errors().join('\n')));
    DeviceStore store(reg);
    DeviceMarkers markers;
    QVector<QVector3D> pos;
    for (int i = 0; i < store.deviceCount(); ++i)
        pos << reg.buildings()[0].devices[i].position;
    markers.reset(store, pos);
    QByteArray held = markers.buildBuffer(); // the renderer's reference to the last table
    std::mt19937 rng(42);
    std::uniform_int_distribution<int> dev(0, Devices - 1);
    std::uniform_real_distribution<double> uniform(400, 2000), normal(400, 990), pick(0, 1);
    QStringList ids;
    for (int i = 0; i < Devices; ++i)
        ids << QStringLiteral("dev-%1").arg(i);
    qint64 t = QDateTime::currentMSecsSinceEpoch();
    constexpr int Warmup = 20, Frames = 300, PerFrame = 1000;
    std::vector<double> applyCpu, markerCpu, markerWall, totalCpu, rewritten;
    for (int frame = 0; frame < Warmup + Frames; ++frame) {
        QList<Observation> batch;
        batch.reserve(PerFrame);
        for (int k = 0; k < PerFrame; ++k) {
            Observation o;
            o.deviceId = ids[dev(rng)];
            if (churn) {
                o.value = uniform(rng);
            } else {
                const double p = pick(rng);
                o.value = p < 0.002 ? 1600.0 : p < 0.012 ? 1200.0 : normal(rng);
            }
            o.time = QDateTime::fromMSecsSinceEpoch(++t, Qt::UTC);
            batch << o;
        }
        const qint64 a = cpuUs();
        store.apply(batch);
        const qint64 b = cpuUs(), bw = nowUs();
        markers.syncFromStore(store);
        held = markers.buildBuffer();
        const qint64 c = cpuUs(), cw = nowUs();
        if (frame >= Warmup) {
            applyCpu.push_back((b - a) / 1000.0);
            markerCpu.push_back((c - b) / 1000.0);
            markerWall.push_back((cw - bw) / 1000.0);
            totalCpu.push_back((c - a) / 1000.0);
            rewritten.push_back(markers.lastRewritten());
        }
        if (frame % 3 == 0)
            QCoreApplication::processEvents(); // let the pulse timer tick (every 50 ms) now and then
    }
    const Stats ap = stats(applyCpu), mk = stats(markerCpu), mw = stats(markerWall), tot = stats(totalCpu), rw = stats(rewritten);
    std::printf("scenario %s: 10,000 live markers, 1,000 observations per frame, %d frames, ms per frame:\n",
                churn ? "churn (2/3 of observations change state, ~3,300 alarms)" : "steady (1 % warn, 0.2 % alarm)", Frames);
    std::printf("  %-48s %8s %8s %8s %8s\n", "", "mean", "p50", "p95", "max");
    std::printf("  %-48s %8.3f %8.3f %8.3f %8.3f\n", "DeviceStore::apply, 1,000 obs (CPU)", ap.mean, ap.p50, ap.p95, ap.max);
    std::printf("  %-48s %8.3f %8.3f %8.3f %8.3f\n", "markers: syncFromStore + buildBuffer (CPU)", mk.mean, mk.p50, mk.p95, mk.max);
    std::printf("  %-48s %8.3f %8.3f %8.3f %8.3f\n", "markers: syncFromStore + buildBuffer (wall)", mw.mean, mw.p50, mw.p95, mw.max);
    std::printf("  %-48s %8.3f %8.3f %8.3f %8.3f\n", "total added CPU per frame", tot.mean, tot.p50, tot.p95, tot.max);
    std::printf("  instances rewritten per frame: mean %.0f, alarms at the end %d, table %d bytes\n", rw.mean,
                markers.alarmCount(), int(held.size()));
    std::fflush(stdout);
}

int latency(QGuiApplication &app)
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
    QTemporaryDir dir;
    const QString regPath = dir.filePath(QStringLiteral("registry.json"));
    {
        QFile f(regPath);
        if (!f.open(QIODevice::WriteOnly))
            return 1;
        f.write(registryJson());
    }
    LiveDataController live;
    if (!live.loadRegistry(regPath, &err)) {
        std::printf("latency: %s\n", qPrintable(err));
        return 1;
    }
    constexpr int Rate = 200, Seconds = 5, N = Rate * Seconds;
    std::vector<qint64> sentUs(N, 0);
    std::vector<double> latMs;
    int seen = 0;
    DeviceMarkers *markers = live.markers();
    // every message turns a fresh device red: the alarm count says how many changed colour
    QObject::connect(markers, &DeviceMarkers::alarmCountChanged, &app, [&] {
        markers->buildBuffer();
        const qint64 now = nowUs();
        for (; seen < std::min(markers->alarmCount(), N); ++seen)
            if (markers->colorAt(seen) == DeviceMarkers::colorFor(DeviceStore::State::Alarm))
                latMs.push_back((now - sentUs[size_t(seen)]) / 1000.0);
    });
    LiveFeed::Settings s;
    s.url = QStringLiteral("tcp://127.0.0.1:%1").arg(broker.port());
    if (!live.connectBroker(s, &err)) {
        std::printf("latency: %s\n", qPrintable(err));
        return 1;
    }
    QElapsedTimer wait;
    wait.start();
    while (live.connectionState() != QLatin1String("connected") && wait.elapsed() < 10000)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
    QProcess p;
    p.start(pub, {"-h", "127.0.0.1", "-p", QString::number(broker.port()), "-q", "0", "-t", "bench/t/x/telemetry", "-l"});
    if (!p.waitForStarted(5000))
        return 1;
    int sent = 0;
    QTimer pace;
    pace.setTimerType(Qt::PreciseTimer);
    QObject::connect(&pace, &QTimer::timeout, &app, [&] {
        if (sent >= N) {
            pace.stop();
            p.closeWriteChannel();
            return;
        }
        sentUs[size_t(sent)] = nowUs();
        p.write("{\"id\":\"dev-" + QByteArray::number(sent) + "\",\"value\":2000}\n");
        ++sent;
    });
    QTimer::singleShot(500, &app, [&] { pace.start(1000 / Rate); });
    wait.restart();
    while (latMs.size() < size_t(N) && wait.elapsed() < 30000)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
    p.waitForFinished(2000);
    live.stop();
    if (latMs.empty()) {
        std::printf("latency: nothing arrived\n");
        return 1;
    }
    const Stats st = stats(latMs);
    std::printf("publish → marker colour change (mosquitto_pub → mosquitto → LiveFeed → DeviceStore → DeviceMarkers,\n"
                "instance table rebuilt), %zu of %d messages at %d/s:\n"
                "  mean %.2f ms   p50 %.2f ms   p95 %.2f ms   max %.2f ms\n",
                latMs.size(), N, Rate, st.mean, st.p50, st.p95, st.max);
    return latMs.size() == size_t(N) ? 0 : 1;
}

/** --demo IOT_DIR: replays the demo's iot/ files for 3 s and prints what the live layer holds. */
int demo(const QString &iotDir)
{
    LiveDataController live;
    QString err;
    const QString reg = QDir(iotDir).filePath(QStringLiteral("registry.json"));
    const QString mapping = QDir(iotDir).filePath(QStringLiteral("mapping.json"));
    const QString feed = QDir(iotDir).filePath(QStringLiteral("feed.jsonl"));
    liyuan::live::BuildingRegistry r;
    r.loadFile(reg);
    // a scene frame 100 m south-west of the first device, like the demo's metadata origin would be
    const auto &d0 = r.buildings().value(0).devices.value(0);
    live.setSceneFrame(liyuan::LocalFrame(liyuan::Crs::fromString(r.crs()),
                                          liyuan::Vec3d(d0.positionD[0] - 100, d0.positionD[1] - 100, 0)));
    const qint64 t0 = nowUs();
    if (!live.loadRegistry(reg, &err) || !live.loadMapping(mapping, &err) || !live.startReplay(feed, &err)) {
        std::printf("demo: %s\n", qPrintable(err));
        return 1;
    }
    QElapsedTimer t;
    t.start();
    while (t.elapsed() < 3000)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
    live.flushNotifications();
    int states[5] = {0, 0, 0, 0, 0};
    for (int i = 0; i < live.markers()->count(); ++i)
        ++states[int(live.markers()->stateAt(i))];
    std::printf("demo replay 3 s (%.0f ms incl. load): %d devices (unknown %d, normal %d, warn %d, alarm %d, stale %d), "
                "applied %lld, rejected %lld, alarms %d, heatmap %s\n",
                (nowUs() - t0) / 1000.0, live.markers()->count(), states[0], states[1], states[2], states[3], states[4],
                live.messagesApplied(), live.messagesRejected(), int(live.alarms().size()), live.hasHeatmap() ? "yes" : "no");
    const QVariantMap b = live.buildings().value(0).toMap();
    const QVariantMap f = live.floorSummary(b.value("id").toString(), 12);
    std::printf("  %s: %d floors; floor 12: power %s kW, water %s m3/h, %d tenants, %d devices\n",
                qPrintable(b.value("name").toString()), int(b.value("floors").toList().size()),
                qPrintable(f.value("power").toString()), qPrintable(f.value("water").toString()),
                int(f.value("tenants").toList().size()), int(f.value("devices").toInt()));
    for (const QVariant &v : live.alarms())
        std::printf("  alarm: %s\n", qPrintable(QJsonDocument(QJsonObject::fromVariantMap(v.toMap())).toJson(QJsonDocument::Compact)));
    return 0;
}

} // namespace

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("DISPLAY") && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    const int demoArg = int(app.arguments().indexOf(QStringLiteral("--demo")));
    if (demoArg > 0 && demoArg + 1 < app.arguments().size())
        return demo(app.arguments().at(demoArg + 1));
    frameCost(false);
    frameCost(true);
    if (app.arguments().contains(QStringLiteral("--no-broker")))
        return 0;
    return latency(app);
}
