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

namespace liyuan::live {

/// Buildings, floors and the IoT devices in them, loaded from a JSON registry.
///
/// Schema (UTF-8 JSON; `?` = optional; unknown keys are ignored):
/// ```
/// {
///   "crs"?: string   (any CRS liyuan::Crs accepts: "EPSG:4549", WKT, PROJ, "ENU:lat,lon"; when
///                     present footprints, elevations and positions are in it: x east, y north,
///                     z elevation in metres; absent: scene metres),
///   "name"?: string  (the district, first breadcrumb),
///   "buildings": [ {
///     "id": string (unique over the file), "name": string, "block"?: string (breadcrumb),
///     "footprint"?: [[x, y], ...]  (>= 3 points)  and/or  "model"?: string (path)
///                                   (at least one of footprint / model is required),
///     "floorPattern"?: string (regular expression naming the model nodes that are floors;
///                              its first capture group, when any, is the floor number),
///     "floors": [ { "number": integer (unique in the building, may be negative),
///                   "name"?: string (default "<number>F"), "baseElevation": number (m),
///                   "height": number (> 0, m) } ]  (>= 1),
///     "rooms"?: [ { "id": string (unique in the building), "name"?: string, "floor": integer } ],
///     "devices"?: [ { "id": string (unique over the file; the MQTT device id), "type": string,
///                     "floor": integer, "position": [x, y, z] (numbers), "unit"?: string,
///                     "thresholds"?: { "warn"?: number, "alarm"?: number },
///                     "staleSeconds"?: number (> 0; default defaultStaleSeconds(type)) } ],
///                   (types used: "power", "water", "temperature", "co2", "humidity", "people"
///                    (people counter: count = footfall), "smoke", "camera"; any string is allowed)
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
        QVector3D position;  ///< float: CRS coordinates should be read from positionD
        double positionD[3] = {0, 0, 0}; ///< exact position (x, y, z), e.g. Gauss-Krüger metres
        double staleSeconds = 60;  ///< no value for this long: the device is stale
        double warn = std::numeric_limits<double>::quiet_NaN();   ///< NaN when absent
        double alarm = std::numeric_limits<double>::quiet_NaN();  ///< NaN when absent
    };
    struct Tenant { int floor = 0; QString company, industry; double area = 0; };
    enum class MeterKind { Power, Water };
    struct Meter { int floor = 0; MeterKind kind = MeterKind::Power; QString deviceId; };
    struct Building
    {
        QString id, name, model;
        QString block;         ///< block/neighbourhood name for breadcrumbs; may be empty
        QString floorPattern;  ///< regex naming floor nodes of the model; may be empty
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

    /** The registry's CRS string as written ("EPSG:4549"), empty when absent. Any thread. */
    QString crs() const { return m_crs; }
    /** The district name (first breadcrumb), empty when absent. */
    QString districtName() const { return m_districtName; }
    /** Default staleness for a device type: 300 s for "camera", 60 s otherwise. */
    static double defaultStaleSeconds(const QString &type);

    const QStringList &errors() const { return m_errors; }
    const QVector<Building> &buildings() const { return m_buildings; }
    std::optional<DeviceRef> findDevice(const QString &deviceId) const;
    const Device *device(const QString &deviceId) const;
    QSet<QString> deviceIds() const;

private:
    void clear();

    QVector<Building> m_buildings;
    QHash<QString, DeviceRef> m_deviceIndex;
    QString m_crs, m_districtName;
    QStringList m_errors;
};

} // namespace liyuan::live
