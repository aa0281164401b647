// BuildingRegistry: a valid registry written by the test, then one row per validation error.
#include <liyuan/live/BuildingRegistry.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

using liyuan::live::BuildingRegistry;

namespace {

QJsonObject validRegistry()
{
    QJsonArray floors;
    for (int n = 1; n <= 24; ++n)
        floors.append(QJsonObject{{"number", n}, {"name", QStringLiteral("%1F").arg(n)},
                                  {"baseElevation", (n - 1) * 4.0}, {"height", 4.0}});
    auto device = [](const char *id, const char *type, int floor, QJsonArray pos) {
        return QJsonObject{{"id", id}, {"type", type}, {"floor", floor}, {"position", pos}};
    };
    QJsonObject t1 = device("T-1", "temperature", 3, {10, 20, 9.5});
    t1.insert("unit", "°C");
    t1.insert("thresholds", QJsonObject{{"warn", 28}, {"alarm", 35}});
    const QJsonObject b1{
        {"id", "B1"}, {"name", "Tower One"},
        {"footprint", QJsonArray{QJsonArray{0, 0}, QJsonArray{40, 0}, QJsonArray{40, 30}, QJsonArray{0, 30}}},
        {"floors", floors},
        {"rooms", QJsonArray{QJsonObject{{"id", "R301"}, {"name", "Server room"}, {"floor", 3}}}},
        {"devices", QJsonArray{t1, device("T-2", "humidity", 5, {1, 2, 17}),
                               device("PWR-1", "power_meter", 1, {0, 0, 1}),
                               device("WTR-1", "water_meter", 24, {0, 0, 93})}},
        {"tenants", QJsonArray{QJsonObject{{"floor", 3}, {"company", "Acme"}, {"industry", "IT"}, {"area", 450.5}},
                               QJsonObject{{"floor", 24}, {"company", "Roof Café"}}}},
        {"meters", QJsonArray{QJsonObject{{"floor", 1}, {"kind", "power"}, {"deviceId", "PWR-1"}},
                              QJsonObject{{"floor", 24}, {"kind", "water"}, {"deviceId", "WTR-1"}}}},
    };
    QJsonObject b2{
        {"id", "B2"}, {"name", "Annex"}, {"model", "models/annex.glb"},
        {"floors", QJsonArray{QJsonObject{{"number", -1}, {"name", "B1"}, {"baseElevation", -3.5}, {"height", 3.5}},
                              QJsonObject{{"number", 1}, {"name", "1F"}, {"baseElevation", 0}, {"height", 5}}}},
        {"rooms", QJsonArray{QJsonObject{{"id", "R1"}, {"floor", -1}}}},
        {"devices", QJsonArray{device("CO2-1", "co2", -1, {3, 3, -2})}},
    };
    QJsonObject b1x = b1;
    b1x.insert("block", QStringLiteral("大学路街区 Daxue Road block"));
    b2.insert("floorPattern", "^Storey_(-?\\d+)$");
    QJsonObject root{{"buildings", QJsonArray{b1x, b2}}};
    root.insert("crs", "EPSG:4549");
    root.insert("name", "Liyuan demo district");
    return root;
}

// Sets (or with an undefined value removes) the value at a '/' path such as "buildings/0/devices/3/floor".
QJsonValue setPath(const QJsonValue &node, QStringList path, const QJsonValue &value)
{
    if (path.isEmpty())
        return value;
    const QString key = path.takeFirst();
    if (node.isArray()) {
        QJsonArray a = node.toArray();
        const int i = key.toInt();
        if (path.isEmpty() && value.isUndefined())
            a.removeAt(i);
        else if (i == a.size())
            a.append(setPath(QJsonValue(), path, value));
        else
            a[i] = setPath(a.at(i), path, value);
        return a;
    }
    QJsonObject o = node.toObject();
    if (path.isEmpty() && value.isUndefined())
        o.remove(key);
    else
        o[key] = setPath(o.value(key), path, value);
    return o;
}

QByteArray mutated(const QString &path, const QJsonValue &value)
{
    return QJsonDocument(setPath(validRegistry(), path.split(u'/'), value).toObject()).toJson();
}

const QJsonValue Remove(QJsonValue::Undefined);

} // namespace

class TestBuildingRegistry : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }
    void validRegistryLoads();
    void optionalFields();
    void validationErrors_data();
    void validationErrors();
    void missingFile();

private:
    QString write(const QByteArray &json)
    {
        const QString path = m_dir.filePath(QStringLiteral("registry.json"));
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
            qFatal("cannot write %s", qPrintable(path));
        f.write(json);
        return path;
    }
    QTemporaryDir m_dir;
};

void TestBuildingRegistry::validRegistryLoads()
{
    const QString path = write(QJsonDocument(validRegistry()).toJson());
    BuildingRegistry reg;
    QVERIFY2(reg.loadFile(path), qPrintable(reg.errors().join('\n')));
    QVERIFY(reg.errors().isEmpty());
    QCOMPARE(reg.buildings().size(), 2);
    const auto &b1 = reg.buildings().at(0);
    QCOMPARE(b1.id, QStringLiteral("B1"));
    QCOMPARE(b1.floors.size(), 24);
    QCOMPARE(b1.footprint.size(), 4);
    QCOMPARE(b1.floor(24)->baseElevation, 92.0);
    QVERIFY(!b1.floor(25));
    QCOMPARE(b1.rooms.size(), 1);
    QCOMPARE(b1.tenants.size(), 2);
    QCOMPARE(b1.tenants.at(0).area, 450.5);
    QCOMPARE(b1.tenants.at(1).company, QStringLiteral("Roof Café"));
    QCOMPARE(b1.meters.size(), 2);
    QCOMPARE(b1.meters.at(1).kind, BuildingRegistry::MeterKind::Water);
    const auto *t1 = reg.device(QStringLiteral("T-1"));
    QVERIFY(t1);
    QCOMPARE(t1->unit, QStringLiteral("°C"));
    QCOMPARE(t1->warn, 28.0);
    QCOMPARE(t1->alarm, 35.0);
    QCOMPARE(t1->position, QVector3D(10, 20, 9.5f));
    QVERIFY(std::isnan(reg.device(QStringLiteral("T-2"))->warn));
    const auto co2 = reg.findDevice(QStringLiteral("CO2-1"));
    QVERIFY(co2);
    QCOMPARE(co2->building, 1);
    QCOMPARE(reg.buildings().at(1).model, QStringLiteral("models/annex.glb"));
    QVERIFY(!reg.findDevice(QStringLiteral("nope")));
    QCOMPARE(reg.deviceIds().size(), 5);
    QCOMPARE(reg.crs(), QStringLiteral("EPSG:4549"));
    QCOMPARE(reg.districtName(), QStringLiteral("Liyuan demo district"));
    QCOMPARE(b1.block, QStringLiteral("大学路街区 Daxue Road block"));
    QVERIFY(b1.floorPattern.isEmpty());
    QCOMPARE(reg.buildings().at(1).floorPattern, QStringLiteral("^Storey_(-?\\d+)$"));
    QVERIFY(reg.buildings().at(1).block.isEmpty());
    QCOMPARE(t1->staleSeconds, 60.0);
    QCOMPARE(t1->positionD[2], 9.5);
}

void TestBuildingRegistry::optionalFields()
{
    // CRS coordinates keep their precision; floor names default; staleSeconds overrides the type's default.
    QJsonObject root = validRegistry();
    QByteArray json = QJsonDocument(root).toJson();
    json = mutated("buildings/0/devices/0/position", QJsonArray{528699.25, 3992123.75, 42.5});
    QJsonObject o = QJsonDocument::fromJson(json).object();
    o = setPath(o, {"buildings", "0", "devices", "1", "staleSeconds"}, 7.5).toObject();
    o = setPath(o, {"buildings", "0", "devices", "2", "type"}, "camera").toObject();
    o = setPath(o, {"buildings", "1", "floors", "0", "name"}, Remove).toObject();
    o = setPath(o, {"crs"}, Remove).toObject();
    BuildingRegistry reg;
    QVERIFY2(reg.loadJson(QJsonDocument(o).toJson(), "mem"), qPrintable(reg.errors().join('\n')));
    QVERIFY(reg.crs().isEmpty());
    const auto *t1 = reg.device("T-1");
    QCOMPARE(t1->positionD[0], 528699.25);
    QCOMPARE(t1->positionD[1], 3992123.75);
    QCOMPARE(reg.device("T-2")->staleSeconds, 7.5);
    QCOMPARE(reg.device("PWR-1")->staleSeconds, 300.0);
    QCOMPARE(BuildingRegistry::defaultStaleSeconds("co2"), 60.0);
    QCOMPARE(reg.buildings().at(1).floors.at(0).name, QStringLiteral("-1F"));
    QCOMPARE(reg.buildings().at(1).floors.at(1).name, QStringLiteral("1F"));
    // a failed load after a good one leaves nothing behind
    QVERIFY(!reg.loadJson("{\"crs\": \"EPSG:999999\", \"buildings\": []}", "mem"));
    QVERIFY(reg.crs().isEmpty());
    QVERIFY(reg.buildings().isEmpty());
}

void TestBuildingRegistry::validationErrors_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("error"); // without the "FILE: " prefix
    QTest::addColumn<bool>("exact");    // false: error is a prefix (parser wording varies)

    auto row = [](const char *name, const QString &path, const QJsonValue &v, const char *err) {
        QTest::newRow(name) << mutated(path, v) << QString::fromUtf8(err) << true;
    };
    row("unknown device floor", "buildings/0/devices/3/floor", 27,
        "buildings[0].devices[3]: floor 27 does not exist (building has 24 floors)");
    row("duplicate device id", "buildings/0/devices/1/id", "T-1",
        "buildings[0].devices[1]: duplicate device id 'T-1' (also buildings[0].devices[0])");
    row("duplicate device id across buildings", "buildings/1/devices/0/id", "WTR-1",
        "buildings[1].devices[0]: duplicate device id 'WTR-1' (also buildings[0].devices[3])");
    row("duplicate building id", "buildings/1/id", "B1",
        "buildings[1]: duplicate building id 'B1' (also buildings[0])");
    row("duplicate floor number", "buildings/0/floors/1/number", 1,
        "buildings[0].floors[1]: duplicate floor number 1 (also buildings[0].floors[0])");
    row("duplicate room id", "buildings/1/rooms/1", QJsonObject{{"id", "R1"}, {"floor", 1}},
        "buildings[1].rooms[1]: duplicate room id 'R1' (also buildings[1].rooms[0])");
    row("device missing type", "buildings/0/devices/2/type", Remove,
        "buildings[0].devices[2]: missing field 'type'");
    row("device missing id", "buildings/0/devices/1/id", Remove,
        "buildings[0].devices[1]: missing field 'id'");
    row("device missing position", "buildings/0/devices/1/position", Remove,
        "buildings[0].devices[1]: missing field 'position'");
    row("device floor is string", "buildings/0/devices/0/floor", "3",
        "buildings[0].devices[0]: field 'floor' must be an integer, got string");
    row("device floor is fraction", "buildings/0/devices/0/floor", 2.5,
        "buildings[0].devices[0]: field 'floor' must be an integer, got 2.5");
    row("device id is number", "buildings/0/devices/1/id", 17,
        "buildings[0].devices[1]: field 'id' must be a string, got number");
    row("position has 2 numbers", "buildings/0/devices/0/position", QJsonArray{1, 2},
        "buildings[0].devices[0]: field 'position' must be [x, y, z] numbers");
    row("position has a string", "buildings/0/devices/0/position", QJsonArray{1, "2", 3},
        "buildings[0].devices[0]: field 'position' must be [x, y, z] numbers");
    row("threshold is string", "buildings/0/devices/0/thresholds/warn", "hot",
        "buildings[0].devices[0].thresholds: field 'warn' must be a number, got string");
    row("thresholds not object", "buildings/0/devices/0/thresholds", 5,
        "buildings[0].devices[0].thresholds: expected an object, got number");
    row("tenant unknown floor", "buildings/0/tenants/0/floor", 30,
        "buildings[0].tenants[0]: floor 30 does not exist (building has 24 floors)");
    row("tenant missing company", "buildings/0/tenants/1/company", Remove,
        "buildings[0].tenants[1]: missing field 'company'");
    row("tenant negative area", "buildings/0/tenants/0/area", -1,
        "buildings[0].tenants[0]: area must be >= 0, got -1");
    row("meter bad kind", "buildings/0/meters/0/kind", "gas",
        "buildings[0].meters[0]: kind 'gas' must be 'power' or 'water'");
    row("meter unknown device", "buildings/0/meters/1/deviceId", "X-9",
        "buildings[0].meters[1]: device 'X-9' does not exist in building 'B1'");
    row("meter device of other building", "buildings/0/meters/1/deviceId", "CO2-1",
        "buildings[0].meters[1]: device 'CO2-1' does not exist in building 'B1'");
    row("meter unknown floor", "buildings/0/meters/0/floor", 0,
        "buildings[0].meters[0]: floor 0 does not exist (building has 24 floors)");
    row("room unknown floor", "buildings/1/rooms/0/floor", 0,
        "buildings[1].rooms[0]: floor 0 does not exist (building has 2 floors)");
    row("floor height zero", "buildings/0/floors/2/height", 0,
        "buildings[0].floors[2]: height must be > 0, got 0");
    row("floor name is number", "buildings/1/floors/0/name", 3,
        "buildings[1].floors[0]: field 'name' must be a string, got number");
    row("floor missing baseElevation", "buildings/1/floors/0/baseElevation", Remove,
        "buildings[1].floors[0]: missing field 'baseElevation'");
    row("block is number", "buildings/0/block", 7, "buildings[0]: field 'block' must be a string, got number");
    row("bad floorPattern", "buildings/1/floorPattern", "Storey_(",
        "buildings[1]: floorPattern 'Storey_(' is not a valid regular expression: missing closing parenthesis at offset 8");
    row("staleSeconds zero", "buildings/0/devices/1/staleSeconds", 0,
        "buildings[0].devices[1]: staleSeconds must be > 0, got 0");
    row("staleSeconds string", "buildings/0/devices/1/staleSeconds", "soon",
        "buildings[0].devices[1]: field 'staleSeconds' must be a number, got string");
    row("crs is number", "crs", 4549, "field 'crs' must be a string, got number");
    row("district name is array", "name", QJsonArray{}, "field 'name' must be a string, got array");
    row("building missing floors", "buildings/1/floors", Remove,
        "buildings[1]: missing field 'floors'");
    row("building without floors", "buildings/1/floors", QJsonArray{},
        "buildings[1]: a building needs at least one floor");
    row("building missing name", "buildings/0/name", Remove, "buildings[0]: missing field 'name'");
    row("building without footprint or model", "buildings/1/model", Remove,
        "buildings[1]: needs a 'footprint' or a 'model'");
    row("footprint of 2 points", "buildings/0/footprint", QJsonArray{QJsonArray{0, 0}, QJsonArray{1, 1}},
        "buildings[0]: footprint needs at least 3 points, has 2");
    row("footprint point not a pair", "buildings/0/footprint/2", QJsonArray{1, 2, 3},
        "buildings[0].footprint[2]: expected [x, y] numbers");
    row("devices not array", "buildings/1/devices", QJsonObject{},
        "buildings[1]: field 'devices' must be an array, got object");
    row("building not object", "buildings/1", 5, "buildings[1]: expected an object, got number");
    row("buildings not array", "buildings", QJsonObject{}, "field 'buildings' must be an array, got object");
    row("no buildings", "buildings", Remove, "missing field 'buildings'");
    // found by fuzzing the built app: ±1e308 was taken as a floor elevation, a position, a threshold
    row("fuzz: baseElevation 1e308", "buildings/1/floors/0/baseElevation", 1e308,
        "buildings[1].floors[0]: field 'baseElevation' must be within ±1e9, got 1e+308");
    row("fuzz: floor height 1e308", "buildings/0/floors/2/height", 1e308,
        "buildings[0].floors[2]: field 'height' must be within ±1e9, got 1e+308");
    row("fuzz: position -1e308", "buildings/0/devices/0/position", QJsonArray{-1e308, 0, 0},
        "buildings[0].devices[0]: field 'position' must be within ±1e9, got [-1e+308, 0, 0]");
    row("fuzz: footprint 1e308", "buildings/0/footprint/2", QJsonArray{1e308, 0},
        "buildings[0].footprint[2]: coordinates must be within ±1e9, got [1e+308, 0]");
    row("fuzz: threshold -1e308", "buildings/0/devices/0/thresholds/warn", -1e308,
        "buildings[0].devices[0].thresholds: field 'warn' must be within ±1e9, got -1e+308");
    row("fuzz: tenant area 1e308", "buildings/0/tenants/0/area", 1e308,
        "buildings[0].tenants[0]: field 'area' must be within ±1e9, got 1e+308");
    row("fuzz: staleSeconds 1e308", "buildings/0/devices/1/staleSeconds", 1e308,
        "buildings[0].devices[1]: field 'staleSeconds' must be within ±1e9, got 1e+308");
    QTest::newRow("unknown crs") << mutated("crs", "EPSG:999999")
                                 << QStringLiteral("crs: 'EPSG:999999' is not a usable CRS") << false;
    QTest::newRow("crs garbage") << mutated("crs", "not a crs at all")
                                 << QStringLiteral("crs: 'not a crs at all' is not a usable CRS") << false;
    QTest::newRow("bad JSON") << QByteArray("{\"buildings\": [") << QStringLiteral("bad JSON at offset") << false;
    QTest::newRow("top level array") << QByteArray("[]")
                                     << QStringLiteral("the top level must be an object with a 'buildings' array") << true;
}

void TestBuildingRegistry::validationErrors()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, error);
    QFETCH(bool, exact);
    const QString path = write(json);
    const QString expected = path + QStringLiteral(": ") + error;
    BuildingRegistry reg;
    QVERIFY(!reg.loadFile(path));
    QVERIFY(reg.buildings().isEmpty());
    QVERIFY(!reg.findDevice(QStringLiteral("T-1")));
    const QStringList errors = reg.errors();
    QCOMPARE(errors.size(), 1); // one mistake, one message: no cascades
    if (exact)
        QCOMPARE(errors.first(), expected);
    else
        QVERIFY2(errors.first().startsWith(expected), qPrintable(errors.first()));
}

void TestBuildingRegistry::missingFile()
{
    BuildingRegistry reg;
    QVERIFY(!reg.loadFile(m_dir.filePath(QStringLiteral("absent.json"))));
    QCOMPARE(reg.errors().size(), 1);
    QVERIFY(reg.errors().first().contains(QStringLiteral("absent.json: cannot open")));
}

QTEST_GUILESS_MAIN(TestBuildingRegistry)
#include "tst_buildingregistry.moc"
