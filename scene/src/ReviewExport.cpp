#include <liyuan/scene/ReviewExport.h>

#include <liyuan/geodata/CoordinateTransform.h>

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

#include <cmath>
#include <optional>

namespace liyuan {

namespace {

double round3(double v)
{
    return std::isfinite(v) ? std::round(v * 1000.0) / 1000.0 : 0.0;
}

QByteArray num(double v, int decimals = 3)
{
    if (!std::isfinite(v))
        return QByteArray();
    QByteArray s = QByteArray::number(v, 'f', decimals);
    if (s.startsWith("-") && s.toDouble() == 0.0)
        s.remove(0, 1); // no "-0.000"
    return s;
}

/** Maps scene-frame points to output coordinates (frame CRS, EPSG:4326 or local metres). */
class Projector
{
public:
    Projector(const LocalFrame &frame, std::optional<ReviewExport::GeoJsonCrs> geo) : m_frame(frame)
    {
        if (geo && *geo == ReviewExport::GeoJsonCrs::Wgs84) {
            m_geographic = true;
            if (!frame.isGeoreferenced()) {
                m_error = QStringLiteral("the scene has no coordinate reference system: cannot export longitude/latitude");
                return;
            }
            m_transform.emplace(frame.crs(), Crs::fromString(QStringLiteral("EPSG:4326")));
            if (!m_transform->isValid())
                m_error = QStringLiteral("cannot transform %1 to EPSG:4326: %2").arg(frame.crs().name(), m_transform->error());
        }
    }
    bool ok() const { return m_error.isEmpty(); }
    QString error() const { return m_error; }

    /** The point in the output CRS; false (and error set) when PROJ fails for it. */
    bool map(const Vec3d &local, Vec3d *out)
    {
        Vec3d p = m_frame.isGeoreferenced() ? m_frame.toCrs(local) : local;
        if (m_transform) {
            if (!m_transform->transform(p) || !std::isfinite(p.x) || !std::isfinite(p.y)) {
                m_error = QStringLiteral("cannot transform the point (%1, %2, %3) of %4 to EPSG:4326")
                              .arg(local.x).arg(local.y).arg(local.z).arg(m_frame.crs().name());
                return false;
            }
        }
        *out = p;
        return true;
    }

    QJsonArray position(const Vec3d &local, bool withZ = true)
    {
        Vec3d p;
        if (!map(local, &p))
            return QJsonArray();
        const double k = m_geographic ? 1e9 : 1e3; // 1e-9 degree is about 0.1 mm
        QJsonArray a{std::round(p.x * k) / k, std::round(p.y * k) / k};
        if (withZ)
            a.append(round3(p.z));
        return a;
    }

    QByteArray text(const std::vector<Vec3d> &pts)
    {
        QByteArray s;
        for (const Vec3d &l : pts) {
            Vec3d p;
            map(l, &p);
            if (!s.isEmpty())
                s += ';';
            s += num(p.x) + ' ' + num(p.y) + ' ' + num(p.z);
        }
        return s;
    }

private:
    LocalFrame m_frame;
    std::optional<CoordinateTransform> m_transform;
    bool m_geographic = false;
    QString m_error;
};

QJsonValue nullableNumber(bool has, double v)
{
    return has ? QJsonValue(round3(v)) : QJsonValue(QJsonValue::Null);
}

QJsonObject feature(const QJsonValue &geometry, const QJsonObject &properties)
{
    return QJsonObject{{QStringLiteral("type"), QStringLiteral("Feature")},
                       {QStringLiteral("geometry"), geometry},
                       {QStringLiteral("properties"), properties}};
}

QJsonValue lineString(Projector &p, const std::vector<Vec3d> &pts)
{
    if (pts.size() < 2)
        return QJsonValue(QJsonValue::Null);
    QJsonArray coords;
    for (const Vec3d &v : pts)
        coords.append(p.position(v));
    return QJsonObject{{QStringLiteral("type"), QStringLiteral("LineString")}, {QStringLiteral("coordinates"), coords}};
}

/** A polygon ring, counter-clockwise (RFC 7946 §3.1.6), closed. */
QJsonValue polygon(Projector &p, const std::vector<Vec3d> &ring, bool withZ)
{
    std::vector<Vec3d> r = Measurement::openRing(ring);
    if (r.size() < 3)
        return QJsonValue(QJsonValue::Null);
    if (Measurement::signedProjectedArea(r) < 0)
        std::reverse(r.begin(), r.end());
    r.push_back(r.front());
    QJsonArray coords;
    for (const Vec3d &v : r)
        coords.append(p.position(v, withZ));
    return QJsonObject{{QStringLiteral("type"), QStringLiteral("Polygon")}, {QStringLiteral("coordinates"), QJsonArray{QJsonValue(coords)}}};
}

QByteArray boolText(bool b)
{
    return b ? QByteArrayLiteral("true") : QByteArrayLiteral("false");
}

QString crsLabel(const LocalFrame &f)
{
    if (!f.isGeoreferenced())
        return QStringLiteral("local");
    return f.crs().authorityCode().isEmpty() ? f.crs().name() : f.crs().authorityCode();
}

} // namespace

QByteArray ReviewExport::csvField(const QString &text)
{
    QByteArray u = text.toUtf8();
    if (u.contains(',') || u.contains('"') || u.contains('\n') || u.contains('\r')) {
        u.replace("\"", "\"\"");
        return '"' + u + '"';
    }
    return u;
}

QByteArray ReviewExport::csv(Table table) const
{
    Projector p(m_frame, std::nullopt);
    const QByteArray crs = csvField(crsLabel(m_frame));
    QByteArray out;
    auto row = [&out](const QList<QByteArray> &fields) {
        out += fields.join(',');
        out += "\r\n";
    };
    switch (table) {
    case Table::Measurements:
        row({"kind", "label", "valid", "error", "distance_3d_m", "horizontal_m", "vertical_m", "area_horizontal_m2",
             "area_3d_m2", "perimeter_m", "height_above_ground_m", "ground_z", "crs", "points"});
        for (const Measurement &m : m_measurements) {
            const bool d = m.kind == Measurement::Kind::Distance || m.kind == Measurement::Kind::Polyline;
            const bool a = m.kind == Measurement::Kind::Area;
            const bool h = m.kind == Measurement::Kind::HeightAboveGround;
            const bool v = m.valid;
            Vec3d g;
            if (h && v)
                p.map(m.ground, &g);
            row({csvField(measurementKindName(m.kind)), csvField(m.label), boolText(m.valid), csvField(m.error),
                 v && d ? num(m.distance3d) : "", v && d ? num(m.horizontal) : "", v && (d || h) ? num(m.vertical) : "",
                 v && a ? num(m.horizontalArea) : "", v && a ? num(m.area3d) : "", v && a ? num(m.perimeter) : "",
                 v && h ? num(m.heightAboveGround) : "", v && h ? num(g.z) : "", crs, p.text(m.points)});
        }
        break;
    case Table::Sightlines:
        row({"label", "valid", "error", "visible", "length_m", "obstruction_distance_m", "obstruction_fraction", "crs",
             "viewpoint_x", "viewpoint_y", "viewpoint_z", "target_x", "target_y", "target_z", "obstruction_x",
             "obstruction_y", "obstruction_z"});
        for (const Sightline &s : m_sightlines) {
            Vec3d v, t, o;
            p.map(s.viewpoint, &v);
            p.map(s.target, &t);
            const bool blocked = s.valid && !s.visible;
            if (blocked)
                p.map(s.obstruction, &o);
            row({csvField(s.label), boolText(s.valid), csvField(s.error), s.valid ? boolText(s.visible) : "",
                 num(s.length), blocked ? num(s.distance) : "", blocked ? num(s.fraction, 6) : "", crs, num(v.x),
                 num(v.y), num(v.z), num(t.x), num(t.y), num(t.z), blocked ? num(o.x) : "", blocked ? num(o.y) : "",
                 blocked ? num(o.z) : ""});
        }
        break;
    case Table::HeightChecks:
        row({"building_id", "name", "source", "zone_id", "zone_name", "zones", "limit_m", "ground_z", "limit_z",
             "height_m", "excess_m", "violation", "crs", "centroid_x", "centroid_y"});
        for (const HeightCheckResult &r : m_heightChecks) {
            Vec3d c;
            p.map(r.centroid, &c);
            row({csvField(r.buildingId), csvField(r.buildingName), csvField(r.source), csvField(r.zoneId),
                 csvField(r.zoneName), csvField(r.zoneIds.join(QLatin1Char(';'))), r.inZone ? num(r.limit) : "",
                 num(c.z), r.inZone ? num(r.limitElevation + (c.z - r.centroid.z)) : "", num(r.height),
                 r.inZone ? num(r.excess) : "", boolText(r.violation), crs, num(c.x), num(c.y)});
        }
        break;
    }
    return out;
}

QByteArray ReviewExport::geoJson(GeoJsonCrs crsMode, QString *error) const
{
    Projector p(m_frame, crsMode);
    auto fail = [&](const QString &why) {
        if (error)
            *error = why;
        return QByteArray();
    };
    if (!p.ok())
        return fail(p.error());
    QJsonObject root{{QStringLiteral("type"), QStringLiteral("FeatureCollection")}};
    if (crsMode == GeoJsonCrs::Projected) {
        if (!m_frame.isGeoreferenced())
            return fail(QStringLiteral("the scene has no coordinate reference system to name"));
        const QString code = m_frame.crs().authorityCode();
        if (!code.startsWith(QLatin1String("EPSG:")))
            return fail(QStringLiteral("the scene CRS (%1) has no EPSG code: export it as longitude/latitude instead")
                            .arg(m_frame.crs().name()));
        root.insert(QStringLiteral("crs"),
                    QJsonObject{{QStringLiteral("type"), QStringLiteral("name")},
                                {QStringLiteral("properties"),
                                 QJsonObject{{QStringLiteral("name"),
                                              QStringLiteral("urn:ogc:def:crs:EPSG::") + code.mid(5)}}}});
    }
    QJsonArray features;
    for (const Measurement &m : m_measurements) {
        QJsonObject props{{QStringLiteral("result"), QStringLiteral("measurement")},
                          {QStringLiteral("kind"), measurementKindName(m.kind)},
                          {QStringLiteral("label"), m.label},
                          {QStringLiteral("valid"), m.valid}};
        if (!m.valid)
            props.insert(QStringLiteral("error"), m.error);
        QJsonValue geom(QJsonValue::Null);
        switch (m.kind) {
        case Measurement::Kind::Distance:
        case Measurement::Kind::Polyline:
            geom = lineString(p, m.points);
            props.insert(QStringLiteral("distance_3d_m"), nullableNumber(m.valid, m.distance3d));
            props.insert(QStringLiteral("horizontal_m"), nullableNumber(m.valid, m.horizontal));
            props.insert(QStringLiteral("vertical_m"), nullableNumber(m.valid, m.vertical));
            break;
        case Measurement::Kind::Area:
            geom = polygon(p, m.points, true);
            props.insert(QStringLiteral("area_horizontal_m2"), nullableNumber(m.valid, m.horizontalArea));
            props.insert(QStringLiteral("area_3d_m2"), nullableNumber(m.valid, m.area3d));
            props.insert(QStringLiteral("perimeter_m"), nullableNumber(m.valid, m.perimeter));
            break;
        case Measurement::Kind::HeightAboveGround:
            if (m.valid && !m.points.empty())
                geom = lineString(p, {m.ground, m.points.front()});
            else if (!m.points.empty())
                geom = QJsonObject{{QStringLiteral("type"), QStringLiteral("Point")},
                                   {QStringLiteral("coordinates"), p.position(m.points.front())}};
            props.insert(QStringLiteral("height_above_ground_m"), nullableNumber(m.valid, m.heightAboveGround));
            break;
        }
        features.append(feature(geom, props));
    }
    for (const Sightline &s : m_sightlines) {
        const bool blocked = s.valid && !s.visible;
        QJsonObject props{{QStringLiteral("result"), QStringLiteral("sightline")},
                          {QStringLiteral("label"), s.label},
                          {QStringLiteral("valid"), s.valid},
                          {QStringLiteral("visible"), s.valid ? QJsonValue(s.visible) : QJsonValue(QJsonValue::Null)},
                          {QStringLiteral("length_m"), round3(s.length)},
                          {QStringLiteral("obstruction_distance_m"), nullableNumber(blocked, s.distance)},
                          {QStringLiteral("obstruction_fraction"),
                           blocked ? QJsonValue(std::round(s.fraction * 1e6) / 1e6) : QJsonValue(QJsonValue::Null)},
                          {QStringLiteral("obstruction"),
                           blocked ? QJsonValue(p.position(s.obstruction)) : QJsonValue(QJsonValue::Null)}};
        if (!s.valid)
            props.insert(QStringLiteral("error"), s.error);
        features.append(feature(lineString(p, {s.viewpoint, s.target}), props));
    }
    for (const HeightCheckResult &r : m_heightChecks) {
        QJsonObject props{{QStringLiteral("result"), QStringLiteral("height_check")},
                          {QStringLiteral("building_id"), r.buildingId},
                          {QStringLiteral("name"), r.buildingName},
                          {QStringLiteral("source"), r.source},
                          {QStringLiteral("zone_id"), r.inZone ? QJsonValue(r.zoneId) : QJsonValue(QJsonValue::Null)},
                          {QStringLiteral("zone_name"), r.inZone ? QJsonValue(r.zoneName) : QJsonValue(QJsonValue::Null)},
                          {QStringLiteral("zones"), QJsonArray::fromStringList(r.zoneIds)},
                          {QStringLiteral("limit_m"), nullableNumber(r.inZone, r.limit)},
                          {QStringLiteral("height_m"), round3(r.height)},
                          {QStringLiteral("excess_m"), nullableNumber(r.inZone, r.excess)},
                          {QStringLiteral("violation"), r.violation}};
        features.append(feature(polygon(p, r.footprint, false), props));
    }
    if (!p.ok())
        return fail(p.error());
    root.insert(QStringLiteral("features"), features);
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

bool ReviewExport::writeFile(const QString &path, const QByteArray &bytes, QString *error)
{
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size() || !f.commit()) {
        if (error)
            *error = QStringLiteral("%1: cannot write: %2").arg(QDir::toNativeSeparators(path), f.errorString());
        return false;
    }
    return true;
}

bool ReviewExport::writeCsv(const QString &path, Table table, QString *error) const
{
    return writeFile(path, csv(table), error);
}

bool ReviewExport::writeGeoJson(const QString &path, GeoJsonCrs crs, QString *error) const
{
    QString why;
    const QByteArray json = geoJson(crs, &why);
    if (json.isEmpty()) {
        if (error)
            *error = QStringLiteral("%1: %2").arg(QDir::toNativeSeparators(path), why);
        return false;
    }
    return writeFile(path, json, error);
}

} // namespace liyuan
