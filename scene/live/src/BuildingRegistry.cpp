#include <liyuan/live/BuildingRegistry.h>

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QRegularExpression>

#include <liyuan/geodata/Crs.h>

namespace liyuan::live {

namespace {

QString typeName(const QJsonValue &v)
{
    switch (v.type()) {
    case QJsonValue::Null: return QStringLiteral("null");
    case QJsonValue::Bool: return QStringLiteral("bool");
    case QJsonValue::Double: return QStringLiteral("number");
    case QJsonValue::String: return QStringLiteral("string");
    case QJsonValue::Array: return QStringLiteral("array");
    case QJsonValue::Object: return QStringLiteral("object");
    case QJsonValue::Undefined: break;
    }
    return QStringLiteral("nothing");
}

class Validator
{
public:
    Validator(QString source, QStringList *errors) : m_source(std::move(source)), m_errors(errors) {}

    void error(const QString &where, const QString &msg)
    {
        m_errors->append(where.isEmpty() ? QStringLiteral("%1: %2").arg(m_source, msg)
                                         : QStringLiteral("%1: %2: %3").arg(m_source, where, msg));
    }

    // Each getter reports and returns false on a missing (when required) or mistyped field.
    bool string(const QJsonObject &o, const char *key, const QString &where, QString *out, bool required = true)
    {
        const QJsonValue v = o.value(QLatin1String(key));
        if (v.isUndefined()) {
            if (required)
                error(where, QStringLiteral("missing field '%1'").arg(QLatin1String(key)));
            return !required;
        }
        if (!v.isString() || (required && v.toString().isEmpty())) {
            error(where, v.isString() ? QStringLiteral("field '%1' must not be empty").arg(QLatin1String(key))
                                      : QStringLiteral("field '%1' must be a string, got %2").arg(QLatin1String(key), typeName(v)));
            return false;
        }
        *out = v.toString();
        return true;
    }

    bool number(const QJsonObject &o, const char *key, const QString &where, double *out, bool required = true)
    {
        const QJsonValue v = o.value(QLatin1String(key));
        if (v.isUndefined()) {
            if (required)
                error(where, QStringLiteral("missing field '%1'").arg(QLatin1String(key)));
            return !required;
        }
        if (!v.isDouble()) {
            error(where, QStringLiteral("field '%1' must be a number, got %2").arg(QLatin1String(key), typeName(v)));
            return false;
        }
        if (!plausible(v.toDouble())) {
            error(where, QStringLiteral("field '%1' must be within ±1e9, got %2").arg(QLatin1String(key)).arg(v.toDouble()));
            return false;
        }
        *out = v.toDouble();
        return true;
    }

    /** Every number of a registry (metres, coordinates, thresholds, areas) lies within ±kMaxMagnitude. */
    static constexpr double kMaxMagnitude = 1e9;
    static bool plausible(double d) { return std::isfinite(d) && std::abs(d) <= kMaxMagnitude; }

    bool integer(const QJsonObject &o, const char *key, const QString &where, int *out)
    {
        const QJsonValue v = o.value(QLatin1String(key));
        if (v.isUndefined()) {
            error(where, QStringLiteral("missing field '%1'").arg(QLatin1String(key)));
            return false;
        }
        const double d = v.toDouble();
        if (!v.isDouble() || std::floor(d) != d || std::abs(d) > 1e6) {
            error(where, v.isDouble() ? QStringLiteral("field '%1' must be an integer, got %2").arg(QLatin1String(key)).arg(d)
                                      : QStringLiteral("field '%1' must be an integer, got %2").arg(QLatin1String(key), typeName(v)));
            return false;
        }
        *out = int(d);
        return true;
    }

    // Optional array field: returns the array or an empty one (reporting a wrong type).
    QJsonArray array(const QJsonObject &o, const char *key, const QString &where, bool required)
    {
        const QJsonValue v = o.value(QLatin1String(key));
        if (v.isUndefined()) {
            if (required)
                error(where, QStringLiteral("missing field '%1'").arg(QLatin1String(key)));
            return {};
        }
        if (!v.isArray()) {
            error(where, QStringLiteral("field '%1' must be an array, got %2").arg(QLatin1String(key), typeName(v)));
            return {};
        }
        return v.toArray();
    }

    bool object(const QJsonValue &v, const QString &where, QJsonObject *out)
    {
        if (!v.isObject()) {
            error(where, QStringLiteral("expected an object, got %1").arg(typeName(v)));
            return false;
        }
        *out = v.toObject();
        return true;
    }

private:
    QString m_source;
    QStringList *m_errors;
};

} // namespace

const BuildingRegistry::Floor *BuildingRegistry::Building::floor(int number) const
{
    for (const Floor &f : floors)
        if (f.number == number)
            return &f;
    return nullptr;
}

double BuildingRegistry::defaultStaleSeconds(const QString &type)
{
    return type == QLatin1String("camera") ? 300.0 : 60.0;
}

void BuildingRegistry::clear()
{
    m_buildings.clear();
    m_deviceIndex.clear();
    m_crs.clear();
    m_districtName.clear();
}

bool BuildingRegistry::loadFile(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        clear();
        m_errors = {QStringLiteral("%1: cannot open: %2").arg(path, f.errorString())};
        return false;
    }
    return loadJson(f.readAll(), path);
}

bool BuildingRegistry::loadJson(const QByteArray &json, const QString &source)
{
    clear();
    m_errors.clear();
    Validator v(source, &m_errors);

    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &pe);
    if (pe.error != QJsonParseError::NoError) {
        v.error({}, QStringLiteral("bad JSON at offset %1: %2").arg(pe.offset).arg(pe.errorString()));
        return false;
    }
    if (!doc.isObject()) {
        v.error({}, QStringLiteral("the top level must be an object with a 'buildings' array"));
        return false;
    }
    const QJsonObject top = doc.object();
    const QJsonArray buildings = v.array(top, "buildings", QString(), true);
    QString crs, districtName;
    if (v.string(top, "crs", QString(), &crs, false) && !crs.isEmpty()) {
        QString why;
        if (!Crs::fromString(crs, &why).isValid())
            v.error(QStringLiteral("crs"), QStringLiteral("'%1' is not a usable CRS: %2").arg(crs.left(200), why));
    }
    v.string(top, "name", QString(), &districtName, false);

    QVector<Building> out;
    QHash<QString, QString> buildingWhere; // id → where first seen
    QHash<QString, QString> deviceWhere;
    QHash<QString, DeviceRef> index;

    for (qsizetype bi = 0; bi < buildings.size(); ++bi) {
        const QString bw = QStringLiteral("buildings[%1]").arg(bi);
        QJsonObject bo;
        if (!v.object(buildings.at(bi), bw, &bo))
            continue;
        Building b;
        if (v.string(bo, "id", bw, &b.id)) {
            if (buildingWhere.contains(b.id))
                v.error(bw, QStringLiteral("duplicate building id '%1' (also %2)").arg(b.id, buildingWhere.value(b.id)));
            else
                buildingWhere.insert(b.id, bw);
        }
        v.string(bo, "name", bw, &b.name);
        v.string(bo, "model", bw, &b.model, false);
        v.string(bo, "block", bw, &b.block, false);
        if (v.string(bo, "floorPattern", bw, &b.floorPattern, false) && !b.floorPattern.isEmpty()) {
            const QRegularExpression re(b.floorPattern);
            if (!re.isValid())
                v.error(bw, QStringLiteral("floorPattern '%1' is not a valid regular expression: %2 at offset %3")
                                .arg(b.floorPattern.left(200), re.errorString()).arg(re.patternErrorOffset()));
        }
        if (bo.contains(QLatin1String("footprint"))) {
            const QJsonArray fp = v.array(bo, "footprint", bw, false);
            bool ok = bo.value(QLatin1String("footprint")).isArray();
            for (qsizetype i = 0; i < fp.size() && ok; ++i) {
                const QJsonArray pt = fp.at(i).toArray();
                if (!fp.at(i).isArray() || pt.size() != 2 || !pt.at(0).isDouble() || !pt.at(1).isDouble()) {
                    v.error(bw + QStringLiteral(".footprint[%1]").arg(i), QStringLiteral("expected [x, y] numbers"));
                    ok = false;
                    break;
                }
                if (!Validator::plausible(pt.at(0).toDouble()) || !Validator::plausible(pt.at(1).toDouble())) {
                    v.error(bw + QStringLiteral(".footprint[%1]").arg(i),
                            QStringLiteral("coordinates must be within ±1e9, got [%1, %2]")
                                    .arg(pt.at(0).toDouble())
                                    .arg(pt.at(1).toDouble()));
                    ok = false;
                    break;
                }
                b.footprint.append(QPointF(pt.at(0).toDouble(), pt.at(1).toDouble()));
            }
            if (ok && b.footprint.size() < 3)
                v.error(bw, QStringLiteral("footprint needs at least 3 points, has %1").arg(b.footprint.size()));
        }
        if (!bo.contains(QLatin1String("footprint")) && !bo.contains(QLatin1String("model")))
            v.error(bw, QStringLiteral("needs a 'footprint' or a 'model'"));

        // Floors first: everything else refers to them.
        const QJsonArray floors = v.array(bo, "floors", bw, true);
        if (bo.value(QLatin1String("floors")).isArray() && floors.isEmpty())
            v.error(bw, QStringLiteral("a building needs at least one floor"));
        QHash<int, QString> floorWhere;
        for (qsizetype i = 0; i < floors.size(); ++i) {
            const QString w = bw + QStringLiteral(".floors[%1]").arg(i);
            QJsonObject o;
            if (!v.object(floors.at(i), w, &o))
                continue;
            Floor f;
            bool ok = v.integer(o, "number", w, &f.number);
            if (ok && floorWhere.contains(f.number)) {
                v.error(w, QStringLiteral("duplicate floor number %1 (also %2)").arg(f.number).arg(floorWhere.value(f.number)));
                ok = false;
            } else if (ok) {
                floorWhere.insert(f.number, w); // known even if the rest is wrong: no cascading errors
            }
            ok &= v.string(o, "name", w, &f.name, false);
            if (ok && f.name.isEmpty())
                f.name = QStringLiteral("%1F").arg(f.number);
            ok &= v.number(o, "baseElevation", w, &f.baseElevation);
            if (v.number(o, "height", w, &f.height) && !(f.height > 0)) {
                v.error(w, QStringLiteral("height must be > 0, got %1").arg(f.height));
                ok = false;
            }
            if (ok)
                b.floors.append(f);
        }
        const qsizetype floorCount = floors.size();
        // Without a usable floor list only that is reported, not every floor reference.
        const bool floorsKnown = !floors.isEmpty();
        auto checkFloor = [&](const QJsonObject &o, const QString &w, int *floor) {
            if (!v.integer(o, "floor", w, floor))
                return false;
            if (floorsKnown && !floorWhere.contains(*floor)) {
                v.error(w, QStringLiteral("floor %1 does not exist (building has %2 floor%3)")
                               .arg(*floor).arg(floorCount).arg(floorCount == 1 ? "" : "s"));
                return false;
            }
            return true;
        };

        const QJsonArray rooms = v.array(bo, "rooms", bw, false);
        QHash<QString, QString> roomWhere;
        for (qsizetype i = 0; i < rooms.size(); ++i) {
            const QString w = bw + QStringLiteral(".rooms[%1]").arg(i);
            QJsonObject o;
            if (!v.object(rooms.at(i), w, &o))
                continue;
            Room r;
            bool ok = v.string(o, "id", w, &r.id);
            ok &= v.string(o, "name", w, &r.name, false);
            ok &= checkFloor(o, w, &r.floor);
            if (!r.id.isEmpty() && roomWhere.contains(r.id)) {
                v.error(w, QStringLiteral("duplicate room id '%1' (also %2)").arg(r.id, roomWhere.value(r.id)));
                ok = false;
            } else if (!r.id.isEmpty()) {
                roomWhere.insert(r.id, w);
            }
            if (ok)
                b.rooms.append(r);
        }

        const QJsonArray devices = v.array(bo, "devices", bw, false);
        QSet<QString> buildingDevices;
        for (qsizetype i = 0; i < devices.size(); ++i) {
            const QString w = bw + QStringLiteral(".devices[%1]").arg(i);
            QJsonObject o;
            if (!v.object(devices.at(i), w, &o))
                continue;
            Device d;
            bool ok = v.string(o, "id", w, &d.id);
            ok &= v.string(o, "type", w, &d.type);
            ok &= v.string(o, "unit", w, &d.unit, false);
            ok &= checkFloor(o, w, &d.floor);
            const QJsonValue pos = o.value(QLatin1String("position"));
            if (pos.isUndefined()) {
                v.error(w, QStringLiteral("missing field 'position'"));
                ok = false;
            } else {
                const QJsonArray p = pos.toArray();
                if (!pos.isArray() || p.size() != 3 || !p.at(0).isDouble() || !p.at(1).isDouble() || !p.at(2).isDouble()) {
                    v.error(w, QStringLiteral("field 'position' must be [x, y, z] numbers"));
                    ok = false;
                } else if (!Validator::plausible(p.at(0).toDouble()) || !Validator::plausible(p.at(1).toDouble())
                           || !Validator::plausible(p.at(2).toDouble())) {
                    v.error(w, QStringLiteral("field 'position' must be within ±1e9, got [%1, %2, %3]")
                                       .arg(p.at(0).toDouble())
                                       .arg(p.at(1).toDouble())
                                       .arg(p.at(2).toDouble()));
                    ok = false;
                } else {
                    for (int k = 0; k < 3; ++k)
                        d.positionD[k] = p.at(k).toDouble();
                    d.position = QVector3D(float(d.positionD[0]), float(d.positionD[1]), float(d.positionD[2]));
                }
            }
            d.staleSeconds = defaultStaleSeconds(d.type);
            if (v.number(o, "staleSeconds", w, &d.staleSeconds, false) && !(d.staleSeconds > 0 && d.staleSeconds < 1e9)) {
                v.error(w, QStringLiteral("staleSeconds must be > 0, got %1").arg(d.staleSeconds));
                ok = false;
            }
            const QJsonValue th = o.value(QLatin1String("thresholds"));
            if (!th.isUndefined()) {
                QJsonObject to;
                if (v.object(th, w + QStringLiteral(".thresholds"), &to)) {
                    ok &= v.number(to, "warn", w + QStringLiteral(".thresholds"), &d.warn, false);
                    ok &= v.number(to, "alarm", w + QStringLiteral(".thresholds"), &d.alarm, false);
                } else {
                    ok = false;
                }
            }
            if (!d.id.isEmpty()) {
                if (deviceWhere.contains(d.id)) {
                    v.error(w, QStringLiteral("duplicate device id '%1' (also %2)").arg(d.id, deviceWhere.value(d.id)));
                    ok = false;
                } else {
                    deviceWhere.insert(d.id, w);
                    buildingDevices.insert(d.id);
                }
            }
            if (ok) {
                index.insert(d.id, DeviceRef{int(out.size()), int(b.devices.size())});
                b.devices.append(d);
            }
        }

        const QJsonArray tenants = v.array(bo, "tenants", bw, false);
        for (qsizetype i = 0; i < tenants.size(); ++i) {
            const QString w = bw + QStringLiteral(".tenants[%1]").arg(i);
            QJsonObject o;
            if (!v.object(tenants.at(i), w, &o))
                continue;
            Tenant t;
            bool ok = checkFloor(o, w, &t.floor);
            ok &= v.string(o, "company", w, &t.company);
            ok &= v.string(o, "industry", w, &t.industry, false);
            if (v.number(o, "area", w, &t.area, false) && t.area < 0) {
                v.error(w, QStringLiteral("area must be >= 0, got %1").arg(t.area));
                ok = false;
            }
            if (ok)
                b.tenants.append(t);
        }

        const QJsonArray meters = v.array(bo, "meters", bw, false);
        for (qsizetype i = 0; i < meters.size(); ++i) {
            const QString w = bw + QStringLiteral(".meters[%1]").arg(i);
            QJsonObject o;
            if (!v.object(meters.at(i), w, &o))
                continue;
            Meter m;
            bool ok = checkFloor(o, w, &m.floor);
            QString kind;
            if (v.string(o, "kind", w, &kind)) {
                if (kind == QLatin1String("power"))
                    m.kind = MeterKind::Power;
                else if (kind == QLatin1String("water"))
                    m.kind = MeterKind::Water;
                else {
                    v.error(w, QStringLiteral("kind '%1' must be 'power' or 'water'").arg(kind));
                    ok = false;
                }
            } else {
                ok = false;
            }
            if (v.string(o, "deviceId", w, &m.deviceId)) {
                if (!buildingDevices.contains(m.deviceId)) {
                    v.error(w, QStringLiteral("device '%1' does not exist in building '%2'").arg(m.deviceId, b.id));
                    ok = false;
                }
            } else {
                ok = false;
            }
            if (ok)
                b.meters.append(m);
        }
        out.append(b);
    }

    if (!m_errors.isEmpty())
        return false;
    m_buildings = std::move(out);
    m_deviceIndex = std::move(index);
    m_crs = crs;
    m_districtName = districtName;
    return true;
}

std::optional<BuildingRegistry::DeviceRef> BuildingRegistry::findDevice(const QString &deviceId) const
{
    const auto it = m_deviceIndex.constFind(deviceId);
    if (it == m_deviceIndex.constEnd())
        return std::nullopt;
    return it.value();
}

const BuildingRegistry::Device *BuildingRegistry::device(const QString &deviceId) const
{
    const auto ref = findDevice(deviceId);
    return ref ? &m_buildings.at(ref->building).devices.at(ref->device) : nullptr;
}

QSet<QString> BuildingRegistry::deviceIds() const
{
    QSet<QString> ids;
    for (auto it = m_deviceIndex.constBegin(); it != m_deviceIndex.constEnd(); ++it)
        ids.insert(it.key());
    return ids;
}

} // namespace liyuan::live
