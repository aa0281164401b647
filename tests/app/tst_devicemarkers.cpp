// DeviceMarkers: colours by state, incremental instance-table updates, drill-down visibility and
// lifts, the alarm pulse timer, and hostile inputs.
#include "DeviceMarkers.h"

#include <QGuiApplication>
#include <QtTest>

#include <cmath>
#include <cstring>

using liyuan::DeviceMarkers;
using liyuan::live::BuildingRegistry;
using liyuan::live::DeviceStore;
using liyuan::live::Observation;
using State = DeviceStore::State;

namespace {

/** Building A: floors 1..3 with `perFloor` co2 sensors each (warn 1000, alarm 1500); building B: one floor, 2 sensors. */
BuildingRegistry makeRegistry(int perFloor)
{
    QByteArray devices;
    for (int f = 1; f <= 3; ++f)
        for (int k = 0; k < perFloor; ++k)
            devices += QStringLiteral(R"({"id":"a-%1-%2","type":"co2","floor":%1,"position":[%3,%4,%5],"thresholds":{"warn":1000,"alarm":1500}},)")
                           .arg(f).arg(k).arg(k * 2.0).arg(f * 1.5).arg(f * 4.0 + 1).toUtf8();
    devices.chop(1);
    const QByteArray json = R"({"buildings":[
        {"id":"A","name":"A","footprint":[[0,0],[50,0],[50,50]],
         "floors":[{"number":1,"baseElevation":0,"height":4},{"number":2,"baseElevation":4,"height":4},{"number":3,"baseElevation":8,"height":4}],
         "devices":[)" + devices + R"(]},
        {"id":"B","name":"B","footprint":[[100,0],[150,0],[150,50]],
         "floors":[{"number":2,"baseElevation":0,"height":4}],
         "devices":[{"id":"b-1","type":"co2","floor":2,"position":[120,10,1],"thresholds":{"warn":1000,"alarm":1500}},
                    {"id":"b-2","type":"co2","floor":2,"position":[121,10,1],"thresholds":{"warn":1000,"alarm":1500}}]}]})";
    BuildingRegistry r;
    if (!r.loadJson(json, QStringLiteral("test")))
        qFatal("registry: %s", qPrintable(r.errors().join('\n')));
    return r;
}

QVector<QVector3D> positionsOf(const DeviceStore &store)
{
    QVector<QVector3D> out;
    for (int i = 0; i < store.deviceCount(); ++i) {
        const auto &d = store.device(i);
        const auto &rd = store.registry().buildings().at(d.building).devices.at(d.device);
        out << QVector3D(float(rd.positionD[0]), float(rd.positionD[1]), float(rd.positionD[2]));
    }
    return out;
}

Observation obs(const QString &id, double v, qint64 t = 1714564800000)
{
    Observation o;
    o.deviceId = id;
    o.value = v;
    o.time = QDateTime::fromMSecsSinceEpoch(t, Qt::UTC);
    o.topic = QStringLiteral("test");
    return o;
}

struct Entry { float m[20]; };
Entry entryAt(const QByteArray &buf, int i)
{
    Entry e;
    std::memcpy(e.m, buf.constData() + i * 80, 80);
    return e;
}

} // namespace

class TestDeviceMarkers : public QObject
{
    Q_OBJECT
private slots:
    void colours_data();
    void colours();
    void tableContents();
    void incremental();
    void visibleFloorAndLift();
    void pulseOnlyWithAlarms();
    void hostile();
};

void TestDeviceMarkers::colours_data()
{
    QTest::addColumn<double>("value");
    QTest::addColumn<int>("state");
    QTest::newRow("normal") << 600.0 << int(State::Normal);
    QTest::newRow("warn at threshold") << 1000.0 << int(State::Warn);
    QTest::newRow("warn") << 1200.0 << int(State::Warn);
    QTest::newRow("alarm at threshold") << 1500.0 << int(State::Alarm);
    QTest::newRow("alarm") << 9000.0 << int(State::Alarm);
    QTest::newRow("negative") << -5.0 << int(State::Normal);
    QTest::newRow("NaN refused: unknown") << std::nan("") << int(State::Unknown);
    QTest::newRow("inf refused: unknown") << double(INFINITY) << int(State::Unknown);
}

void TestDeviceMarkers::colours()
{
    QFETCH(double, value);
    QFETCH(int, state);
    DeviceStore store(makeRegistry(2));
    DeviceMarkers m;
    m.reset(store, positionsOf(store));
    store.apply(obs(QStringLiteral("a-2-1"), value));
    m.syncFromStore(store);
    const int i = store.indexOf(QStringLiteral("a-2-1"));
    QCOMPARE(int(m.stateAt(i)), state);
    QCOMPARE(m.colorAt(i), DeviceMarkers::colorFor(State(state)));
    QCOMPARE(m.colorAt(0), DeviceMarkers::colorFor(State::Unknown));
    // five distinct colours
    QSet<QRgb> colours;
    for (State s : {State::Unknown, State::Normal, State::Warn, State::Alarm, State::Stale})
        colours.insert(DeviceMarkers::colorFor(s).rgb());
    QCOMPARE(colours.size(), 5);
}

void TestDeviceMarkers::tableContents()
{
    DeviceStore store(makeRegistry(3));
    DeviceMarkers m;
    const QVector<QVector3D> pos = positionsOf(store);
    m.reset(store, pos);
    m.setMarkerSize(2.0f);
    store.apply(obs(QStringLiteral("a-1-0"), 1200));
    store.apply(obs(QStringLiteral("a-1-1"), 1300));
    store.apply(obs(QStringLiteral("a-1-2"), 500));
    m.syncFromStore(store);
    const QByteArray buf = m.buildBuffer();
    QCOMPARE(buf.size(), m.count() * 80);
    QCOMPARE(m.count(), 11);
    for (int i = 0; i < m.count(); ++i) {
        const Entry e = entryAt(buf, i);
        QCOMPARE(e.m[3], pos[i].x());
        QCOMPARE(e.m[7], pos[i].y());
        QCOMPARE(e.m[11], pos[i].z());
        QCOMPARE(e.m[0], 0.02f); // 2 m / 100-unit mesh
        QCOMPARE(e.m[5], 0.02f);
        QCOMPARE(e.m[10], 0.02f);
        QCOMPARE(e.m[16], float(int(m.stateAt(i)))); // custom data: state, building, floor
        QCOMPARE(e.m[18], float(store.device(i).floor));
    }
    // same state → same table colour; different state → different colour
    const Entry w0 = entryAt(buf, 0), w1 = entryAt(buf, 1), n2 = entryAt(buf, 2);
    QVERIFY(std::memcmp(w0.m + 12, w1.m + 12, 16) == 0);
    QVERIFY(std::memcmp(w0.m + 12, n2.m + 12, 16) != 0);
    QVERIFY(w0.m[12] > w0.m[14]); // amber: more red than blue
}

void TestDeviceMarkers::incremental()
{
    DeviceStore store(makeRegistry(100)); // 302 devices
    DeviceMarkers m;
    m.reset(store, positionsOf(store));
    m.buildBuffer();
    QCOMPARE(m.lastRewritten(), m.count());
    m.buildBuffer();
    QCOMPARE(m.lastRewritten(), 0); // nothing pending
    for (int k = 0; k < 10; ++k)
        store.apply(obs(QStringLiteral("a-2-%1").arg(k), 1100));
    QCOMPARE(m.syncFromStore(store), 10);
    const QByteArray buf = m.buildBuffer();
    QCOMPARE(m.lastRewritten(), 10);
    QCOMPARE(entryAt(buf, store.indexOf(QStringLiteral("a-2-3"))).m[16], float(int(State::Warn)));
    // a value change within the same level changes no marker
    store.apply(obs(QStringLiteral("a-2-3"), 1110, 1714564801000));
    QCOMPARE(m.syncFromStore(store), 0);
    m.buildBuffer();
    QCOMPARE(m.lastRewritten(), 0);
    // size change: everything once
    m.setMarkerSize(3.0f);
    m.buildBuffer();
    QCOMPARE(m.lastRewritten(), m.count());
    // staleness goes through the store too
    QVERIFY(store.updateStaleness(1714564800000 + 3600 * 1000) > 0);
    QCOMPARE(m.syncFromStore(store), 10);
    QCOMPARE(m.colorAt(store.indexOf(QStringLiteral("a-2-0"))), DeviceMarkers::colorFor(State::Stale));
}

void TestDeviceMarkers::visibleFloorAndLift()
{
    DeviceStore store(makeRegistry(2));
    DeviceMarkers m;
    const QVector<QVector3D> pos = positionsOf(store);
    m.reset(store, pos);
    for (int i = 0; i < m.count(); ++i)
        QVERIFY(m.visibleAt(i));
    m.setVisibleFloor(QStringLiteral("A"), 2);
    m.buildBuffer();
    QCOMPARE(m.lastRewritten(), m.count());        // first build writes everything
    const QByteArray buf = m.buildBuffer();
    for (int i = 0; i < m.count(); ++i) {
        const auto &d = store.device(i);
        const bool inA = store.registry().buildings().at(d.building).id == QLatin1String("A");
        const bool expect = !inA || d.floor == 2;  // building B keeps its markers (also on floor 2)
        QCOMPARE(m.visibleAt(i), expect);
        QCOMPARE(entryAt(buf, i).m[0] == 0.0f, !expect);
    }
    m.setVisibleFloor(QStringLiteral("A"), 3);
    m.buildBuffer();
    QCOMPARE(m.lastRewritten(), 6);                 // building A's instances only
    m.setVisibleFloor(QStringLiteral("A"), 3);      // unchanged
    m.buildBuffer();
    QCOMPARE(m.lastRewritten(), 0);
    m.clearVisibleFloor();
    for (int i = 0; i < m.count(); ++i)
        QVERIFY(m.visibleAt(i));

    // lifts: floor 3 of A up by 12 m; B's floor 2 is not A's floor 2
    m.buildBuffer();
    m.setFloorLift(QStringLiteral("A"), 3, 12.0f);
    const QByteArray lifted = m.buildBuffer();
    QCOMPARE(m.lastRewritten(), 2);
    for (int i = 0; i < m.count(); ++i) {
        const auto &d = store.device(i);
        const bool up = d.building == 0 && d.floor == 3;
        QCOMPARE(m.positionAt(i), pos[i] + QVector3D(0, 0, up ? 12.0f : 0.0f));
        QCOMPARE(entryAt(lifted, i).m[11], pos[i].z() + (up ? 12.0f : 0.0f));
    }
    m.setFloorLift(QStringLiteral("A"), 2, 6.0f);
    m.clearLifts();
    m.buildBuffer();
    QCOMPARE(m.lastRewritten(), 4);
    for (int i = 0; i < m.count(); ++i)
        QCOMPARE(m.positionAt(i), pos[i]);
}

void TestDeviceMarkers::pulseOnlyWithAlarms()
{
    DeviceStore store(makeRegistry(2));
    DeviceMarkers m;
    m.reset(store, positionsOf(store));
    QVERIFY(!m.isPulsing());
    QCOMPARE(m.alarmCount(), 0);
    store.apply(obs(QStringLiteral("b-1"), 2000));
    m.syncFromStore(store);
    QVERIFY(m.isPulsing());
    QCOMPARE(m.alarmCount(), 1);
    const int i = store.indexOf(QStringLiteral("b-1"));
    m.buildBuffer();
    // the alarm marker's scale changes over time, the others keep theirs
    QSet<float> scales;
    const float other = entryAt(m.buildBuffer(), 0).m[0];
    QElapsedTimer t;
    t.start();
    while (t.elapsed() < 1000) {
        QTest::qWait(60);
        const QByteArray buf = m.buildBuffer();
        scales.insert(entryAt(buf, i).m[0]);
        QCOMPARE(entryAt(buf, 0).m[0], other);
        QVERIFY(m.lastRewritten() <= 1);
    }
    QVERIFY2(scales.size() >= 3, qPrintable(QString::number(scales.size())));
    for (float s : scales)
        QVERIFY(s >= other && s <= other * 1.61f);
    store.apply(obs(QStringLiteral("b-1"), 500, 1714564801000));
    m.syncFromStore(store);
    QVERIFY(!m.isPulsing());
    QCOMPARE(m.alarmCount(), 0);
    QCOMPARE(entryAt(m.buildBuffer(), i).m[0], other);
}

void TestDeviceMarkers::hostile()
{
    DeviceStore store(makeRegistry(1));
    DeviceMarkers m;
    QCOMPARE(m.count(), 0);
    QCOMPARE(m.buildBuffer().size(), 0);
    m.reset(store, {}); // positions missing: origin, no crash
    QCOMPARE(m.count(), store.deviceCount());
    QCOMPARE(m.positionAt(0), QVector3D());
    for (float bad : {0.0f, -1.0f, float(NAN), float(INFINITY)}) {
        m.setMarkerSize(bad);
        QCOMPARE(m.markerSize(), 1.5f);
    }
    m.buildBuffer();
    m.setFloorLift(QStringLiteral("nope"), 1, 5.0f);
    m.setFloorLift(QStringLiteral("A"), 1, float(NAN));
    m.setVisibleFloor(QStringLiteral("nope"), 1);
    m.buildBuffer();
    QCOMPARE(m.lastRewritten(), 0);
    QCOMPARE(m.colorAt(-1), QColor());
    QCOMPARE(m.colorAt(m.count()), QColor());
    QCOMPARE(m.positionAt(99999), QVector3D());
    QVERIFY(!m.visibleAt(-3));
    // a store of another registry is refused until reset
    DeviceStore other(makeRegistry(5));
    other.apply(obs(QStringLiteral("a-1-4"), 2000));
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression("reset\\(\\) first"));
    QCOMPARE(m.syncFromStore(other), 0);
    m.clear();
    QCOMPARE(m.count(), 0);
    QVERIFY(!m.isPulsing());
}

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("DISPLAY") && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    TestDeviceMarkers t;
    return QTest::qExec(&t, argc, argv);
}

#include "tst_devicemarkers.moc"
