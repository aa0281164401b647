#pragma once

#include <QHash>
#include <QPointF>
#include <QSet>
#include <QString>
#include <QStringList>
#include <QVector3D>
#include <QVector>

#include <cmath>
#include <limits>
#include <optional>

namespace liyuan::mqtt {

/// Buildings, floors and the IoT devices in them, loaded from a JSON registry.
///
/// Schema (UTF-8 JSON; `?` = optional; unknown keys are ignored):
/// ```
/// {
///   "buildings": [ {
///     "id": string (unique over the file), "name": string,
///     "footprint"?: [[x, y], ...]  (>= 3 points, scene metres)  and/or  "model"?: string (path)
///                                   (at least one of footprint / model is required),
///     "floors": [ { "number": integer (unique in the building, may be negative),
///                   "name": string, "baseElevation": number (m), "height": number (> 0, m) } ]  (>= 1),
///     "rooms"?: [ { "id": string (unique in the building), "name"?: string, "floor": integer } ],
///     "devices"?: [ { "id": string (unique over the file; the MQTT device id), "type": string,
///                     "floor": integer, "position": [x, y, z] (numbers), "unit"?: string,
///                     "thresholds"?: { "warn"?: number, "alarm"?: number } } ],
///     "tenants"?: [ { "floor": integer, "company": string, "industry"?: string, "area"?: number (>= 0, m²) } ],
///     "meters"?: [ { "floor": integer, "kind": "power" | "water", "deviceId": string (a device of this building) } ]
///   } ]
/// }
/// ```
/// Every floor reference must name a floor of the same building. All problems are reported,
/// each naming its record: `FILE: buildings[0].devices[3]: floor 27 does not exist (building has 24 floors)`.
class BuildingRegistry
{
public:
    struct Floor { int number = 0; QString name; double baseElevation = 0; double height = 0; };
    struct Room { QString id; QString name; int floor = 0; };
    struct Device
    {
        QString id, type, unit;
        int floor = 0;
        QVector3D position;
        double warn = std::numeric_limits<double>::quiet_NaN();   ///< NaN when absent
        double alarm = std::numeric_limits<double>::quiet_NaN();  ///< NaN when absent
    };
    struct Tenant { int floor = 0; QString company, industry; double area = 0; };
    enum class MeterKind { Power, Water };
    struct Meter { int floor = 0; MeterKind kind = MeterKind::Power; QString deviceId; };
    struct Building
    {
        QString id, name, model;
        QVector<QPointF> footprint;
        QVector<Floor> floors;
        QVector<Room> rooms;
        QVector<Device> devices;
        QVector<Tenant> tenants;
        QVector<Meter> meters;
        const Floor *floor(int number) const;
    };
    struct DeviceRef { int building = -1; int device = -1; };

    /// Replaces the content. On any error the registry is left empty and errors() lists them all.
    bool loadFile(const QString &path);
    /// `source` names the data in messages (usually the file path).
    bool loadJson(const QByteArray &json, const QString &source);

    const QStringList &errors() const { return m_errors; }
    const QVector<Building> &buildings() const { return m_buildings; }
    std::optional<DeviceRef> findDevice(const QString &deviceId) const;
    const Device *device(const QString &deviceId) const;
    QSet<QString> deviceIds() const;

private:
    QVector<Building> m_buildings;
    QHash<QString, DeviceRef> m_deviceIndex;
    QStringList m_errors;
};

} // namespace liyuan::mqtt
