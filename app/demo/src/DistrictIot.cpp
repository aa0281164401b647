#include "DistrictIot.h"

#include <QDateTime>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

#include <algorithm>
#include <cmath>

namespace liyuan::demo {
namespace {

constexpr double kPi = 3.14159265358979323846;
constexpr double kLoop = 300;        // live loop, s
constexpr double kDay = 86400;       // backfill, s
constexpr double kBackfillStep = 900;
constexpr double kNowHour = 15.0;    // the backfill's day profile puts recording time 0 at 15:00
// Timestamps written into payloads (the replayer rewrites them to the wall clock):
// recording time 0 = 2024-05-01T15:00:00Z.
const qint64 kEpochMs = QDateTime(QDate(2024, 5, 1), QTime(15, 0), Qt::UTC).toMSecsSinceEpoch();

struct Tenant { const char *zh, *en, *industry; };
const Tenant kTenants[] = {
    {"青岛海韵信息科技有限公司", "Haiyun Information Technology", "IT services"},
    {"栈桥律师事务所", "Zhanqiao Law Firm", "legal"},
    {"琴岛会计师事务所", "Qindao Accounting", "accounting"},
    {"海泊资本管理有限公司", "Haibo Capital Management", "finance"},
    {"黄海航运代理有限公司", "Yellow Sea Shipping Agency", "logistics"},
    {"崂山设计工作室", "Laoshan Design Studio", "architecture"},
    {"蓝湾生物医药研发中心", "Blue Bay Biomedical R&D", "life sciences"},
    {"鲁信保险经纪有限公司", "Luxin Insurance Brokers", "insurance"},
    {"贝壳跨境电商有限公司", "Seashell Cross-border E-commerce", "e-commerce"},
    {"浮山人力资源服务有限公司", "Fushan HR Services", "human resources"},
    {"八大关文化传媒有限公司", "Badaguan Culture & Media", "media"},
    {"海风软件有限公司", "Seabreeze Software", "software"},
    {"青岛港湾咨询有限公司", "Harbour Bay Consulting", "consulting"},
    {"胶州湾能源科技有限公司", "Jiaozhou Bay Energy Tech", "energy"},
    {"太平角教育科技有限公司", "Taipingjiao EdTech", "education"},
    {"鳌山数据服务有限公司", "Aoshan Data Services", "data centre"},
    {"海之韵建筑工程有限公司", "Haizhiyun Construction", "construction"},
    {"琅琊国际贸易有限公司", "Langya International Trading", "trade"},
    {"石老人旅游发展有限公司", "Shilaoren Tourism Development", "tourism"},
    {"灵山湾智能制造研究院", "Lingshan Bay Smart Manufacturing Institute", "research"},
    {"汇泉广告有限公司", "Huiquan Advertising", "advertising"},
    {"小鱼山游戏工作室", "Little Fish Hill Games", "games"},
    {"海洋科学联合实验室", "Joint Ocean Science Lab", "research"},
    {"青啤商贸有限公司", "Qingpi Trading", "food & beverage trade"},
    {"远洋渔业信息中心", "Ocean Fisheries Information Centre", "IT services"},
    {"金沙滩投资顾问有限公司", "Golden Beach Investment Advisers", "finance"},
    {"海岸线建筑设计院", "Coastline Architects", "architecture"},
    {"青岛云帆网络科技有限公司", "Yunfan Network Technology", "software"},
};

QString tenantName(const Tenant &t) { return QString::fromUtf8(t.zh) + QStringLiteral(" ") + QString::fromUtf8(t.en); }

QJsonArray point(double x, double y) { return QJsonArray{x, y}; }
QJsonArray pos3(double x, double y, double z)
{
    auto r = [](double v) { return std::round(v * 100.0) / 100.0; };
    return QJsonArray{r(x), r(y), r(z)};
}

bool writeFile(const QString &path, const QByteArray &data, QString *error)
{
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(data) != data.size() || !f.commit()) {
        *error = QStringLiteral("%1: cannot write: %2").arg(QDir::toNativeSeparators(path), f.errorString());
        return false;
    }
    return true;
}

/** Office occupancy by hour of day, 0..1. */
double office(double hour)
{
    hour = std::fmod(hour + 48.0, 24.0);
    const double up = 1.0 / (1.0 + std::exp(-(hour - 8.3) * 2.2));
    const double down = 1.0 / (1.0 + std::exp((hour - 18.6) * 1.6));
    const double lunch = 1.0 - 0.18 * std::exp(-(hour - 12.4) * (hour - 12.4) / 0.5);
    return up * down * lunch;
}

/** Footfall (people per minute) on the plaza by hour of day, 0..1. */
double footfallProfile(double hour)
{
    hour = std::fmod(hour + 48.0, 24.0);
    auto bump = [&](double at, double w) { return std::exp(-(hour - at) * (hour - at) / (2 * w * w)); };
    return 0.05 + 0.55 * bump(8.5, 0.8) + 0.7 * bump(12.3, 1.0) + 0.9 * bump(17.8, 1.1) + 0.35 * bump(20.5, 1.5);
}

struct Dev
{
    QString id, type, unit, building;
    int floor = 1;
    double x = 0, y = 0, z = 0;
    double warn = NAN, alarm = NAN, stale = 0;
    bool sensorThings = false;
    int datastream = 0;
    double level = 0;        ///< typical value at recording time 0
    double period = 3;       ///< live update period, s
    double phase = 0;
};

} // namespace

bool writeDistrictIot(const Layout &L, const QString &iotDir, IotResult *out, QString *error)
{
    if (!QDir().mkpath(iotDir)) {
        *error = QStringLiteral("%1: cannot create the folder").arg(QDir::toNativeSeparators(iotDir));
        return false;
    }
    const Recipe &r = L.r;
    const double ox = r.origin[0], oy = r.origin[1], oz = r.origin[2];
    const Tower &T = L.tower;
    const QRectF f = T.footprint;
    Rng rng(r.seed * 7001 + 3);

    // --- devices
    std::vector<Dev> devs;
    int nextDatastream = 101;
    auto add = [&](Dev d) {
        d.period = 2.0 + std::floor(rng.uniform(0, 3.01) * 2) / 2; // 2, 2.5 … 5 s
        d.phase = rng.uniform(0, d.period);
        if (d.sensorThings)
            d.datastream = nextDatastream++;
        devs.push_back(d);
    };
    const QString tower = QStringLiteral("tower");
    QJsonArray floors, tenants, meters;
    int tenantIndex = 0;
    for (int n = 1; n <= T.floors; ++n) {
        const double base = oz + (n - 1) * T.floorHeight;
        QString name = QStringLiteral("%1F").arg(n);
        if (n == 1)
            name += QStringLiteral(" 大堂 Lobby");
        else if (n == T.floors)
            name += QStringLiteral(" 观景餐厅 Sky Restaurant");
        floors.append(QJsonObject{{"number", n}, {"name", name}, {"baseElevation", base}, {"height", T.floorHeight}});
        const QString p = QStringLiteral("tower-F%1-").arg(n, 2, 10, QLatin1Char('0'));
        const double cx = ox + f.center().x(), cy = oy + f.center().y();
        const double occupancy = n == 1 ? 0.6 : n == T.floors ? 0.8 : rng.uniform(0.7, 1.0);
        Dev d;
        d.building = tower;
        d.floor = n;
        // meters at the core (rates: kW, m³/h)
        d.id = p + QStringLiteral("power"); d.type = QStringLiteral("power"); d.unit = QStringLiteral("kW");
        d.x = cx - 3; d.y = cy; d.z = base + 1.2; d.warn = 80; d.alarm = 100; d.sensorThings = true;
        d.level = 20 + 50 * occupancy * office(kNowHour);
        add(d);
        d.id = p + QStringLiteral("water"); d.type = QStringLiteral("water"); d.unit = QStringLiteral("m³/h");
        d.x = cx + 3; d.warn = 2.5; d.alarm = 4; d.level = (n == T.floors ? 0.9 : 0.25) + 0.5 * occupancy * office(kNowHour);
        add(d);
        d.id = p + QStringLiteral("temperature"); d.type = QStringLiteral("temperature"); d.unit = QStringLiteral("°C");
        d.x = ox + f.left() + f.width() * 0.25; d.y = oy + f.top() + f.height() * 0.3; d.z = base + 1.5;
        d.warn = 27; d.alarm = 30; d.level = rng.uniform(22.5, 24.5);
        add(d);
        d.id = p + QStringLiteral("co2"); d.type = QStringLiteral("co2"); d.unit = QStringLiteral("ppm");
        d.x = ox + f.left() + f.width() * 0.75; d.y = oy + f.top() + f.height() * 0.7; d.z = base + 1.5;
        d.warn = 1000; d.alarm = 1500; d.sensorThings = false; d.level = 480 + 350 * occupancy;
        add(d);
        d.id = p + QStringLiteral("smoke"); d.type = QStringLiteral("smoke"); d.unit = QString();
        d.x = cx; d.y = cy + 4; d.z = base + T.floorHeight - 0.3; d.warn = NAN; d.alarm = 1; d.level = 0;
        add(d);
        d.id = p + QStringLiteral("camera"); d.type = QStringLiteral("camera"); d.unit = QString();
        d.x = ox + f.left() + 1; d.y = oy + f.top() + 1; d.z = base + T.floorHeight - 0.5; d.alarm = NAN; d.level = 0;
        add(d);
        if (n == 1) {
            d.id = p + QStringLiteral("people"); d.type = QStringLiteral("people"); d.unit = QStringLiteral("people/min");
            d.x = cx; d.y = oy + f.top() + 1.5; d.z = base + 2.5; // over the entrance (south face)
            d.level = 25;
            add(d);
        }
        meters.append(QJsonObject{{"floor", n}, {"kind", "power"}, {"deviceId", p + QStringLiteral("power")}});
        meters.append(QJsonObject{{"floor", n}, {"kind", "water"}, {"deviceId", p + QStringLiteral("water")}});

        // tenants: the lobby has a café and a bank branch, the top floor the restaurant
        const double usable = f.width() * f.height() * 0.82;
        if (n == 1) {
            tenants.append(QJsonObject{{"floor", n}, {"company", QStringLiteral("海泊咖啡 Haibo Coffee")}, {"industry", "café"}, {"area", 85}});
            tenants.append(QJsonObject{{"floor", n}, {"company", QStringLiteral("青岛港湾银行 Harbour Bank (branch)")}, {"industry", "banking"}, {"area", 160}});
        } else if (n == T.floors) {
            tenants.append(QJsonObject{{"floor", n}, {"company", QStringLiteral("云顶观景餐厅 Cloudtop Sky Restaurant")}, {"industry", "restaurant"}, {"area", std::round(usable)}});
        } else {
            const int k = rng.range(1, 3);
            double left = usable;
            for (int i = 0; i < k; ++i) {
                const double area = i == k - 1 ? std::round(left * rng.uniform(0.8, 1.0)) : std::round(left * rng.uniform(0.35, 0.6));
                left -= area;
                const Tenant &t = kTenants[size_t(tenantIndex++) % (sizeof kTenants / sizeof kTenants[0])];
                tenants.append(QJsonObject{{"floor", n}, {"company", tenantName(t)}, {"industry", QString::fromUtf8(t.industry)}, {"area", area}});
            }
        }
    }
    const int towerDevices = int(devs.size());

    // --- outdoor people counters: the plaza as a site with one ground-level floor
    const QRectF pl = L.plaza;
    const QString plaza = QStringLiteral("plaza");
    struct Spot { double x, y; const char *name; };
    const Spot spots[] = {
        {pl.center().x(), pl.top() + 6, "south"},
        {pl.center().x(), pl.bottom() - 6, "north"},
        {pl.left() + 6, pl.center().y(), "west"},
        {pl.right() - 6, pl.center().y(), "east"},
        {f.left() - 2.5, f.center().y(), "tower-forecourt"},   // outside the site's footprint: the tower's forecourt
        {f.center().x(), f.top() - 3, "tower-street"},         // the street south of the tower
    };
    int si = 0;
    for (const Spot &s : spots) {
        Dev d;
        d.building = plaza;
        d.floor = 1;
        d.id = QStringLiteral("plaza-people-%1").arg(QString::fromLatin1(s.name));
        d.type = QStringLiteral("people");
        d.unit = QStringLiteral("people/min");
        d.x = ox + s.x; d.y = oy + s.y; d.z = oz + 3.0;
        d.level = (si < 4 ? 40 : 22) * footfallProfile(kNowHour) * rng.uniform(0.7, 1.3);
        d.sensorThings = si % 2 == 0;
        add(d);
        ++si;
    }

    // --- registry
    auto devJson = [](const Dev &d) {
        QJsonObject o{{"id", d.id}, {"type", d.type}, {"floor", d.floor}, {"position", pos3(d.x, d.y, d.z)}};
        if (!d.unit.isEmpty())
            o.insert("unit", d.unit);
        QJsonObject th;
        if (!std::isnan(d.warn))
            th.insert("warn", d.warn);
        if (!std::isnan(d.alarm))
            th.insert("alarm", d.alarm);
        if (!th.isEmpty())
            o.insert("thresholds", th);
        if (d.type == QLatin1String("camera"))
            o.insert("staleSeconds", 120);
        return o;
    };
    QJsonArray towerDevs, plazaDevs;
    for (const Dev &d : devs)
        (d.building == tower ? towerDevs : plazaDevs).append(devJson(d));
    const QString block = QStringLiteral("海泊街区 Haibo Block");
    const QJsonObject towerJson{
        {"id", tower}, {"name", QStringLiteral("海泊国际大厦 Haibo International Tower")}, {"block", block},
        {"footprint", QJsonArray{point(ox + f.left(), oy + f.top()), point(ox + f.right(), oy + f.top()),
                                 point(ox + f.right(), oy + f.bottom()), point(ox + f.left(), oy + f.bottom())}},
        {"floors", floors}, {"devices", towerDevs}, {"tenants", tenants}, {"meters", meters}};
    const QJsonObject plazaJson{
        {"id", plaza}, {"name", QStringLiteral("中心广场 Central Plaza")}, {"block", block},
        {"footprint", QJsonArray{point(ox + pl.left(), oy + pl.top()), point(ox + pl.right(), oy + pl.top()),
                                 point(ox + pl.right(), oy + pl.bottom()), point(ox + pl.left(), oy + pl.bottom())}},
        {"floors", QJsonArray{QJsonObject{{"number", 1}, {"name", QStringLiteral("地面 Ground")}, {"baseElevation", oz}, {"height", 4.0}}}},
        {"devices", plazaDevs}};
    const QJsonObject registry{
        {"_about", QStringLiteral("Liyuan demo IoT registry (generated; schema in plugins/mqtt BuildingRegistry.h). "
                                  "Coordinates in EPSG:4549 (x east, y north, z elevation m). Meters report rates (kW, m³/h). "
                                  "The 'plaza' entry is an outdoor site with one ground level holding the people counters "
                                  "on the plaza and the streets around the tower.")},
        {"crs", r.srs}, {"name", QStringLiteral("里院示范街区 Liyuan demo district")},
        {"buildings", QJsonArray{towerJson, plazaJson}}};
    if (!writeFile(QDir(iotDir).filePath(QStringLiteral("registry.json")), QJsonDocument(registry).toJson(QJsonDocument::Indented), error))
        return false;

    // --- mapping
    QJsonObject datastreams;
    for (const Dev &d : devs)
        if (d.sensorThings)
            datastreams.insert(QString::number(d.datastream), d.id);
    const QJsonObject mapping{
        {"format", "liyuan-mapping"}, {"version", 1},
        {"topics", QJsonArray{"v1.1/#", "liyuan/demo/#"}},
        {"rules", QJsonArray{
            QJsonObject{{"type", "sensorthings"}, {"datastreams", datastreams}},
            QJsonObject{{"type", "json"}, {"topic", "liyuan/demo/+/+/telemetry"}, {"deviceId", "id"}, {"value", "value"},
                        {"time", "ts"}, {"timeFormat", "epoch-ms"}}}}};
    if (!writeFile(QDir(iotDir).filePath(QStringLiteral("mapping.json")), QJsonDocument(mapping).toJson(QJsonDocument::Indented), error))
        return false;

    // --- feed
    struct Line { double t; QByteArray text; };
    std::vector<Line> lines;
    auto emitValue = [&](const Dev &d, double t, const QByteArray &valueJson) {
        QByteArray payload, topic;
        const qint64 ms = kEpochMs + qint64(std::llround(t * 1000.0));
        if (d.sensorThings) {
            topic = "v1.1/Datastreams(" + QByteArray::number(d.datastream) + ")/Observations";
            payload = "{\"phenomenonTime\":\"" + QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs).toUtf8()
                      + "\",\"result\":" + valueJson + "}";
        } else {
            topic = "liyuan/demo/" + d.building.toUtf8() + "/" + d.id.toUtf8() + "/telemetry";
            payload = "{\"id\":\"" + d.id.toUtf8() + "\",\"value\":" + valueJson + ",\"ts\":" + QByteArray::number(ms) + "}";
        }
        lines.push_back({t, "{\"t\":" + QByteArray::number(t, 'f', 3) + ",\"topic\":\"" + topic + "\",\"payload\":" + payload + "}\n"});
    };
    auto num = [](double v, int decimals) { return QByteArray::number(v, 'f', decimals); };

    // backfill: meters and people counters every 15 minutes over the last 24 h
    int backfill = 0;
    for (const Dev &d : devs) {
        const bool meter = d.type == QLatin1String("power") || d.type == QLatin1String("water");
        if (!meter && d.type != QLatin1String("people"))
            continue;
        const uint64_t seed = qHash(d.id);
        for (double t = -kDay; t < 0; t += kBackfillStep) {
            const double hour = kNowHour + t / 3600.0;
            double v;
            if (d.type == QLatin1String("power")) {
                v = 20 + (d.level - 20) * office(hour) / std::max(office(kNowHour), 0.05);
                v *= 0.95 + 0.1 * smoothNoise(t / 1800.0, 1.5, seed);
            } else if (d.type == QLatin1String("water")) {
                v = 0.08 + (d.level - 0.08) * office(hour) / std::max(office(kNowHour), 0.05);
                v *= 0.85 + 0.3 * smoothNoise(t / 1800.0, 2.5, seed);
            } else {
                v = d.level * footfallProfile(hour) / footfallProfile(kNowHour) * (0.8 + 0.4 * smoothNoise(t / 1800.0, 3.5, seed));
            }
            emitValue(d, t, num(std::max(0.0, v), d.type == QLatin1String("water") ? 3 : d.type == QLatin1String("people") ? 0 : 2));
            ++backfill;
        }
    }

    // the live loop: smooth values (periodic over the loop) plus scripted events
    const int alarmFloor = std::min(12, T.floors), warnFloor = std::min(7, T.floors), powerFloor = std::min(16, T.floors);
    const int silentFloor = std::min(20, T.floors);
    auto ramp = [](double t, double a, double b, double c, double d) { // 0 before a, 1 in [b, c], 0 after d
        if (t <= a || t >= d) return 0.0;
        if (t < b) return (t - a) / (b - a);
        if (t <= c) return 1.0;
        return (d - t) / (d - c);
    };
    for (const Dev &d : devs) {
        const uint64_t seed = qHash(d.id) + 17;
        const bool camera = d.type == QLatin1String("camera");
        const double period = camera ? 15.0 : d.period;
        for (double t = std::fmod(d.phase, period); t < kLoop; t += period) {
            const double w = 2 * kPi * t / kLoop;
            const double wobble = std::sin(w + double(seed % 628) / 100.0);
            const double noise = smoothNoise(t / 7.0, 0.5, seed) - 0.5;
            QByteArray value;
            if (d.type == QLatin1String("power")) {
                double v = d.level * (1 + 0.04 * wobble + 0.04 * noise);
                if (d.floor == powerFloor)
                    v += (112 - d.level) * ramp(t, 225, 235, 255, 270); // a chiller start: alarm, then clear
                value = num(v, 2);
            } else if (d.type == QLatin1String("water")) {
                value = num(std::max(0.0, d.level * (1 + 0.1 * wobble + 0.2 * noise)), 3);
            } else if (d.type == QLatin1String("temperature")) {
                if (d.floor == silentFloor && t > 0.01 + std::fmod(d.phase, period))
                    break; // this sensor reports once per loop: it goes stale
                double v = d.level + 0.3 * wobble + 0.2 * noise;
                if (d.floor == warnFloor)
                    v += (28.4 - d.level) * ramp(t, 170, 195, 245, 265); // a warm afternoon: warn, then back
                value = num(v, 2);
            } else if (d.type == QLatin1String("co2")) {
                double v = d.level * (1 + 0.05 * wobble) + 40 * noise;
                if (d.floor == alarmFloor)
                    v += (1680 - d.level) * ramp(t, 50, 110, 150, 200); // a packed meeting room: warn, alarm, clear
                value = num(v, 0);
            } else if (d.type == QLatin1String("smoke")) {
                value = "0";
            } else if (d.type == QLatin1String("people")) {
                value = num(std::max(0.0, std::round(d.level * (1 + 0.25 * wobble + 0.3 * noise))), 0);
            } else if (camera) {
                value = (d.floor % 5 == 0 && std::fmod(t, 60) < 15) ? QByteArray("\"motion\"") : QByteArray("\"recording\"");
            }
            emitValue(d, t, value);
        }
    }
    // demo events (the events pipeline's EventMapping, iot/events.json): on the streets and the
    // plaza where the demo cameras see them, severities mixed
    const QPointF pc = L.plaza.center();
    const double cs = r.cellSize;
    struct Ev { double t; const char *type, *severity, *text; double x, y; };
    const Ev evs[] = {
        {20, "crowd", "medium", "广场喷泉南侧人群聚集 Crowd gathering south of the fountain", pc.x() + 4, pc.y() - 15},
        {65, "traffic-accident", "high", "路口两车追尾 Two cars collided at junction 2-2", 2 * cs + 2.5, 2 * cs + 9},
        {110, "fire", "critical", "大厦前庭车辆起火 Vehicle fire in the tower forecourt", f.left() - 9, f.center().y() - 4},
        {160, "illegal-parking", "low", "机动车违停 Car parked on the sidewalk", 3 * cs - L.halfCarriageX(3) - 1, 2 * cs + 22},
        {210, "fight", "high", "广场北侧打架斗殴 Fight on the north side of the plaza", pc.x() - 9, L.plaza.bottom() - 14},
        {255, "street-vendor", "info", "无证摊贩 Unlicensed street vendor", L.plaza.right() - 8, pc.y() + 12},
        {280, "person-down", "medium", "行人摔倒 A pedestrian fell near the school gate", 1 * cs + 34, 5 * cs + L.halfCarriageY(5) + 1.0},
    };
    int evNo = 0;
    for (const Ev &e : evs) {
        const qint64 ms = kEpochMs + qint64(std::llround(e.t * 1000.0));
        const QJsonObject payload{
            {"id", QStringLiteral("ev-%1").arg(++evNo, 4, 10, QLatin1Char('0'))},
            {"type", QString::fromLatin1(e.type)},
            {"position", QJsonObject{{"x", std::round((ox + e.x) * 100) / 100}, {"y", std::round((oy + e.y) * 100) / 100}}},
            {"time", QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODate)},
            {"severity", QString::fromLatin1(e.severity)},
            {"text", QString::fromUtf8(e.text)}};
        lines.push_back({e.t, "{\"t\":" + QByteArray::number(e.t, 'f', 3) + ",\"topic\":\"liyuan/demo/events\",\"payload\":"
                                  + QJsonDocument(payload).toJson(QJsonDocument::Compact) + "}\n"});
    }
    const QJsonObject eventMapping{
        {"type", "LiyuanEventMapping"}, {"version", 1},
        {"rules", QJsonArray{QJsonObject{{"topic", "liyuan/demo/events"}, {"id", "id"}, {"type", "type"},
                                         {"x", "position.x"}, {"y", "position.y"}, {"z", "position.z"},
                                         {"crs", r.srs}, {"time", "time"}, {"severity", "severity"}, {"text", "text"}}}}};
    if (!writeFile(QDir(iotDir).filePath(QStringLiteral("events.json")), QJsonDocument(eventMapping).toJson(QJsonDocument::Indented), error))
        return false;

    std::stable_sort(lines.begin(), lines.end(), [](const Line &a, const Line &b) { return a.t < b.t; });
    QByteArray feed = "{\"format\":\"liyuan-feed\",\"version\":1,\"duration\":" + QByteArray::number(kLoop)
                      + ",\"loop\":true}\n";
    feed.reserve(qsizetype(lines.size()) * 150);
    for (const Line &l : lines)
        feed += l.text;
    if (!writeFile(QDir(iotDir).filePath(QStringLiteral("feed.jsonl")), feed, error))
        return false;

    if (out) {
        out->files = {QStringLiteral("registry.json"), QStringLiteral("mapping.json"), QStringLiteral("feed.jsonl"),
                      QStringLiteral("events.json")};
        out->events = evNo;
        out->devices = int(devs.size());
        out->floors = T.floors;
        out->tenants = int(tenants.size());
        out->messages = int(lines.size());
        out->backfill = backfill;
    }
    Q_UNUSED(towerDevices);
    return true;
}

} // namespace liyuan::demo
