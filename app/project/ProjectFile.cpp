#include "ProjectFile.h"

#include <liyuan/assimp/ModelPlacement.h>
#include <liyuan/scene/Measurement.h>

#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QSaveFile>

#include <cmath>

namespace liyuan {
namespace {

QJsonArray vec(const Vec3d &v) { return QJsonArray{v.x, v.y, v.z}; }

bool readVec(const QJsonValue &v, Vec3d *out)
{
    const QJsonArray a = v.toArray();
    if (a.size() != 3)
        return false;
    for (const QJsonValue &x : a)
        if (!x.isDouble() || !std::isfinite(x.toDouble()))
            return false;
    *out = Vec3d(a[0].toDouble(), a[1].toDouble(), a[2].toDouble());
    return true;
}

bool readQuat(const QJsonValue &v, QQuaternion *out)
{
    const QJsonArray a = v.toArray();
    if (a.size() != 4)
        return false;
    for (const QJsonValue &x : a)
        if (!x.isDouble() || !std::isfinite(x.toDouble()))
            return false;
    // stored x, y, z, w like OSG's AnimationPath
    const QQuaternion q(float(a[3].toDouble()), float(a[0].toDouble()), float(a[1].toDouble()), float(a[2].toDouble()));
    if (q.length() < 1e-6f)
        return false;
    *out = q.normalized();
    return true;
}

QJsonArray quat(const QQuaternion &q) { return QJsonArray{q.x(), q.y(), q.z(), q.scalar()}; }

/** One placed model record ("path", "name"?, "placement"); *error = "<where>: problem". */
bool checkModel(const QJsonValue &v, const QString &where, QString *error)
{
    if (!v.isObject()) {
        *error = QStringLiteral("%1: must be an object").arg(where);
        return false;
    }
    const QJsonObject m = v.toObject();
    if (!m.value(QStringLiteral("path")).isString() || m.value(QStringLiteral("path")).toString().isEmpty()) {
        *error = QStringLiteral("%1: needs a \"path\"").arg(where);
        return false;
    }
    if (m.contains(QStringLiteral("name")) && !m.value(QStringLiteral("name")).isString()) {
        *error = QStringLiteral("%1: \"name\" must be a string").arg(where);
        return false;
    }
    if (!m.value(QStringLiteral("placement")).isObject()) {
        *error = QStringLiteral("%1: needs a \"placement\" object").arg(where);
        return false;
    }
    assimp::ModelPlacement p;
    return assimp::ModelPlacement::fromJson(m.value(QStringLiteral("placement")).toObject(),
                                            QStringLiteral("%1.placement").arg(where), &p, error);
}

bool checkModels(const QJsonValue &v, const QString &where, QString *error)
{
    if (v.isUndefined())
        return true;
    if (!v.isArray()) {
        *error = QStringLiteral("%1: must be an array").arg(where);
        return false;
    }
    const QJsonArray a = v.toArray();
    for (qsizetype i = 0; i < a.size(); ++i)
        if (!checkModel(a[i], QStringLiteral("%1[%2]").arg(where).arg(i), error))
            return false;
    return true;
}

/** A replacement area: mode flatten|clip, height?, crs, polygon of at least 3 [x,y] points. */
bool checkArea(const QJsonValue &v, const QString &where, QString *error)
{
    auto fail = [&](const QString &why) {
        *error = QStringLiteral("%1: %2").arg(where, why);
        return false;
    };
    if (!v.isObject())
        return fail(QStringLiteral("must be an object"));
    const QJsonObject a = v.toObject();
    const QString mode = a.value(QStringLiteral("mode")).toString();
    if (mode != QLatin1String("flatten") && mode != QLatin1String("clip"))
        return fail(QStringLiteral("mode must be \"flatten\" or \"clip\""));
    if (a.contains(QStringLiteral("height"))
        && (!a.value(QStringLiteral("height")).isDouble() || !std::isfinite(a.value(QStringLiteral("height")).toDouble())))
        return fail(QStringLiteral("height must be a number (metres)"));
    const QString crs = a.value(QStringLiteral("crs")).toString();
    if (crs.isEmpty())
        return fail(QStringLiteral("needs a \"crs\""));
    if (!Crs::fromString(crs).isValid())
        return fail(QStringLiteral("unknown CRS '%1'").arg(crs));
    const QJsonValue poly = a.value(QStringLiteral("polygon"));
    if (!poly.isArray())
        return fail(QStringLiteral("needs a \"polygon\" [[x,y],...]"));
    const QJsonArray pts = poly.toArray();
    if (pts.size() < 3)
        return fail(QStringLiteral("polygon needs at least 3 points"));
    for (qsizetype i = 0; i < pts.size(); ++i) {
        const QJsonArray pt = pts[i].toArray();
        if (pt.size() < 2 || pt.size() > 3 || !pt[0].isDouble() || !pt[1].isDouble()
            || !std::isfinite(pt[0].toDouble()) || !std::isfinite(pt[1].toDouble()))
            return fail(QStringLiteral("polygon[%1] must be [x, y]").arg(i));
    }
    return true;
}

bool checkScheme(const QJsonValue &v, const QString &where, QString *error)
{
    if (!v.isObject()) {
        *error = QStringLiteral("%1: must be an object").arg(where);
        return false;
    }
    const QJsonObject s = v.toObject();
    if (!s.value(QStringLiteral("name")).isString() || s.value(QStringLiteral("name")).toString().trimmed().isEmpty()) {
        *error = QStringLiteral("%1: needs a \"name\"").arg(where);
        return false;
    }
    if (s.contains(QStringLiteral("description")) && !s.value(QStringLiteral("description")).isString()) {
        *error = QStringLiteral("%1: \"description\" must be a string").arg(where);
        return false;
    }
    if (!checkModels(s.value(QStringLiteral("models")), where + QStringLiteral(".models"), error))
        return false;
    const QJsonValue areas = s.value(QStringLiteral("areas"));
    if (areas.isUndefined())
        return true;
    if (!areas.isArray()) {
        *error = QStringLiteral("%1.areas: must be an array").arg(where);
        return false;
    }
    const QJsonArray a = areas.toArray();
    for (qsizetype i = 0; i < a.size(); ++i)
        if (!checkArea(a[i], QStringLiteral("%1.areas[%2]").arg(where).arg(i), error))
            return false;
    return true;
}

} // namespace

bool ProjectFile::readMeasurement(const QJsonValue &value, ProjectMeasurement *out, QString *error)
{
    auto fail = [&](const QString &why) {
        *error = why;
        return false;
    };
    if (!value.isObject())
        return fail(QStringLiteral("must be an object {\"kind\", \"label\", \"points\"}"));
    const QJsonObject o = value.toObject();
    static const QStringList kKinds{QStringLiteral("distance"), QStringLiteral("polyline"), QStringLiteral("area"),
                                    QStringLiteral("height"), QStringLiteral("sightline")};
    const QJsonValue kind = o.value(QStringLiteral("kind"));
    if (!kind.isString() || !kKinds.contains(kind.toString()))
        return fail(QStringLiteral("\"kind\" must be one of %1").arg(kKinds.join(QStringLiteral(", "))));
    ProjectMeasurement m;
    m.kind = kind.toString();
    const QJsonValue label = o.value(QStringLiteral("label"));
    if (!label.isUndefined() && !label.isNull() && !label.isString())
        return fail(QStringLiteral("\"label\" must be a string"));
    m.label = label.toString();
    const QJsonValue points = o.value(QStringLiteral("points"));
    if (!points.isArray())
        return fail(QStringLiteral("needs \"points\": [[x, y, z], …]"));
    const QJsonArray a = points.toArray();
    for (qsizetype i = 0; i < a.size(); ++i) {
        const QJsonArray p = a[i].toArray();
        bool ok = a[i].isArray() && p.size() == 3;
        for (qsizetype k = 0; ok && k < 3; ++k)
            ok = p[k].isDouble() && std::isfinite(p[k].toDouble()) && std::abs(p[k].toDouble()) <= kMaxCoordinate;
        if (!ok)
            return fail(QStringLiteral("points[%1] must be three finite numbers within ±%2 m (scene frame)")
                                .arg(i)
                                .arg(kMaxCoordinate, 0, 'g', 3));
        m.points.emplace_back(p[0].toDouble(), p[1].toDouble(), p[2].toDouble());
    }
    const size_t n = m.points.size();
    if ((m.kind == QLatin1String("distance") || m.kind == QLatin1String("sightline")) && n != 2)
        return fail(QStringLiteral("a %1 takes 2 points, not %2").arg(m.kind).arg(n));
    if (m.kind == QLatin1String("height") && n != 1)
        return fail(QStringLiteral("a height takes 1 point, not %1").arg(n));
    if (m.kind == QLatin1String("polyline") && n < 2)
        return fail(QStringLiteral("a polyline takes at least 2 points, not %1").arg(n));
    if (m.kind == QLatin1String("area") && Measurement::openRing(m.points).size() < 3)
        return fail(QStringLiteral("an area takes at least 3 distinct points"));
    *out = std::move(m);
    return true;
}

QJsonObject ProjectFile::measurementJson(const ProjectMeasurement &m)
{
    QJsonArray points;
    for (const Vec3d &p : m.points)
        points.append(vec(p));
    QJsonObject o{{QStringLiteral("kind"), m.kind}, {QStringLiteral("points"), points}};
    if (!m.label.isEmpty())
        o[QStringLiteral("label")] = m.label;
    return o;
}

QJsonObject ProjectFile::toJson() const
{
    QJsonObject o;
    o[QStringLiteral("format")] = QLatin1String(kFormat);
    o[QStringLiteral("version")] = kVersion;
    if (hasFrame)
        o[QStringLiteral("scene")] = QJsonObject{{QStringLiteral("crs"), crs}, {QStringLiteral("origin"), vec(origin)}};
    if (hasCamera)
        o[QStringLiteral("camera")] = QJsonObject{{QStringLiteral("position"), vec(eye)},
                                                  {QStringLiteral("rotation"), quat(rotation)},
                                                  {QStringLiteral("fovY"), fovY}};
    o[QStringLiteral("layers")] = layers;
    QJsonArray bm;
    for (const Bookmark &b : bookmarks)
        bm.append(QJsonObject{{QStringLiteral("name"), b.name},
                              {QStringLiteral("position"), vec(b.eye)},
                              {QStringLiteral("rotation"), quat(b.rotation)}});
    o[QStringLiteral("bookmarks")] = bm;
    if (!options.isEmpty())
        o[QStringLiteral("options")] = options;
    if (!live.isEmpty()) {
        QJsonObject l = live;
        l.remove(QStringLiteral("password")); // never in the file
        o[QStringLiteral("live")] = l;
    }
    if (!cameras.isEmpty())
        o[QStringLiteral("cameras")] = cameras;
    if (!presenter.isEmpty()) // presenter:
        o[QStringLiteral("presenter")] = presenter;
    if (!models.isEmpty())
        o[QStringLiteral("models")] = models;
    if (!schemes.isEmpty()) {
        o[QStringLiteral("schemes")] = schemes;
        o[QStringLiteral("activeScheme")] = activeScheme;
    }
    if (!measurements.empty() || !zoneRule.isEmpty()) {
        QJsonObject review;
        if (!measurements.empty()) {
            QJsonArray a;
            for (const ProjectMeasurement &m : measurements)
                a.append(measurementJson(m));
            review[QStringLiteral("measurements")] = a;
        }
        if (!zoneRule.isEmpty())
            review[QStringLiteral("zoneRule")] = zoneRule;
        o[QStringLiteral("review")] = review;
    }
    if (!basePath.isEmpty())
        o[QStringLiteral("basePath")] = basePath;
    return o;
}

QJsonObject ProjectFile::checkedLayer(QJsonObject layer, int index, const QString &fileName, QStringList *warnings)
{
    static const QStringList kKinds = {QStringLiteral("photogrammetry"), QStringLiteral("model"),
                                       QStringLiteral("citymodel"), QStringLiteral("terrain"),
                                       QStringLiteral("imagery"), QStringLiteral("vector"),
                                       QStringLiteral("points"), QStringLiteral("unknown")};
    const QString where = QStringLiteral("%1: layers[%2] (%3)")
                                  .arg(fileName)
                                  .arg(index)
                                  .arg(layer.value(QStringLiteral("path")).toString());
    auto shown = [](const QJsonValue &v) {
        if (v.isString())
            return QStringLiteral("\"%1\"").arg(v.toString().left(40));
        if (v.isDouble())
            return QString::number(v.toDouble(), 'g', 12);
        return QString::fromUtf8(QJsonDocument(QJsonArray{v}).toJson(QJsonDocument::Compact)).mid(1).chopped(1).left(40);
    };
    auto drop = [&](const QString &field, const QString &rule, const QString &fallback) {
        warnings->append(QStringLiteral("%1: \"%2\" is %3, %4; %5 is used")
                                 .arg(where, field, shown(layer.value(field)), rule, fallback));
        layer.remove(field);
    };
    const QJsonValue opacity = layer.value(QStringLiteral("opacity"));
    if (!opacity.isUndefined()
        && (!opacity.isDouble() || !std::isfinite(opacity.toDouble()) || opacity.toDouble() < 0.0 || opacity.toDouble() > 1.0))
        drop(QStringLiteral("opacity"), QStringLiteral("not a number from 0 to 1"), QStringLiteral("1"));
    if (!layer.value(QStringLiteral("visible")).isUndefined() && !layer.value(QStringLiteral("visible")).isBool())
        drop(QStringLiteral("visible"), QStringLiteral("not true or false"), QStringLiteral("true"));
    const QJsonValue kind = layer.value(QStringLiteral("kind"));
    if (!kind.isUndefined() && (!kind.isString() || !kKinds.contains(kind.toString())))
        drop(QStringLiteral("kind"), QStringLiteral("not one of %1").arg(kKinds.join(QStringLiteral(", "))),
             QStringLiteral("the kind detected from the file"));
    for (const char *field : {"id", "name"}) {
        const QString f = QLatin1String(field);
        if (!layer.value(f).isUndefined() && !layer.value(f).isString())
            drop(f, QStringLiteral("not a string"), QStringLiteral("the file name"));
    }
    if (!layer.value(QStringLiteral("style")).isUndefined() && !layer.value(QStringLiteral("style")).isObject())
        drop(QStringLiteral("style"), QStringLiteral("not an object"), QStringLiteral("the default style"));
    const QJsonValue sourceLayer = layer.value(QStringLiteral("sourceLayer"));
    if (!sourceLayer.isUndefined()
        && (!sourceLayer.isDouble() || sourceLayer.toDouble() < 0 || sourceLayer.toDouble() > 1e6
            || sourceLayer.toDouble() != std::floor(sourceLayer.toDouble())))
        drop(QStringLiteral("sourceLayer"), QStringLiteral("not a layer index"), QStringLiteral("the first layer"));
    return layer;
}

bool ProjectFile::fromJson(const QJsonObject &o, const QString &fileName, ProjectFile *out, QString *error)
{
    auto fail = [&](const QString &why) {
        *error = QStringLiteral("%1: %2").arg(fileName, why);
        return false;
    };
    if (o.value(QStringLiteral("format")).toString() != QLatin1String(kFormat))
        return fail(QStringLiteral("not a Liyuan project (\"format\" is not \"%1\")").arg(QLatin1String(kFormat)));
    const int version = o.value(QStringLiteral("version")).toInt(-1);
    if (version < 1 || version > kVersion)
        return fail(QStringLiteral("unsupported project version %1 (this Liyuan reads up to %2)").arg(version).arg(kVersion));
    ProjectFile p;
    if (o.contains(QStringLiteral("scene"))) {
        const QJsonObject s = o.value(QStringLiteral("scene")).toObject();
        p.crs = s.value(QStringLiteral("crs")).toString();
        if (!readVec(s.value(QStringLiteral("origin")), &p.origin))
            return fail(QStringLiteral("scene.origin must be three numbers"));
        p.hasFrame = true;
    }
    if (o.contains(QStringLiteral("camera"))) {
        const QJsonObject c = o.value(QStringLiteral("camera")).toObject();
        if (!readVec(c.value(QStringLiteral("position")), &p.eye) || !readQuat(c.value(QStringLiteral("rotation")), &p.rotation))
            return fail(QStringLiteral("camera needs position [x,y,z] and rotation [x,y,z,w]"));
        p.fovY = std::clamp(c.value(QStringLiteral("fovY")).toDouble(45.0), 5.0, 120.0);
        p.hasCamera = true;
    }
    const QJsonValue layers = o.value(QStringLiteral("layers"));
    if (!layers.isUndefined() && !layers.isArray())
        return fail(QStringLiteral("\"layers\" must be an array"));
    for (const QJsonValue &l : layers.toArray()) {
        if (!l.isObject() || l.toObject().value(QStringLiteral("path")).toString().isEmpty())
            return fail(QStringLiteral("every layer needs a \"path\""));
    }
    // a field of the wrong type is dropped with a warning (its default applies); the layer loads
    for (const QJsonValue &l : layers.toArray())
        p.layers.append(checkedLayer(l.toObject(), int(p.layers.size()), fileName, &p.warnings));
    for (const QJsonValue &b : o.value(QStringLiteral("bookmarks")).toArray()) {
        const QJsonObject bo = b.toObject();
        Bookmark bm;
        bm.name = bo.value(QStringLiteral("name")).toString();
        if (bm.name.isEmpty() || !readVec(bo.value(QStringLiteral("position")), &bm.eye)
            || !readQuat(bo.value(QStringLiteral("rotation")), &bm.rotation))
            return fail(QStringLiteral("a bookmark needs a name, position and rotation"));
        p.bookmarks << bm;
    }
    p.options = o.value(QStringLiteral("options")).toObject();
    p.live = o.value(QStringLiteral("live")).toObject();
    p.live.remove(QStringLiteral("password"));
    p.cameras = o.value(QStringLiteral("cameras")).toObject();
    // presenter: views and tours; a malformed part is skipped, the rest of the project opens
    const QJsonValue presenterValue = o.value(QStringLiteral("presenter"));
    if (presenterValue.isObject())
        p.presenter = presenterValue.toObject();
    else if (!presenterValue.isUndefined() && !presenterValue.isNull())
        p.warnings << QStringLiteral("%1: \"presenter\" must be an object; no views or tours restored").arg(fileName);
    QString why;
    if (!checkModels(o.value(QStringLiteral("models")), QStringLiteral("models"), &why))
        return fail(why);
    p.models = o.value(QStringLiteral("models")).toArray();
    const QJsonValue schemes = o.value(QStringLiteral("schemes"));
    if (!schemes.isUndefined() && !schemes.isArray())
        return fail(QStringLiteral("\"schemes\" must be an array"));
    p.schemes = schemes.toArray();
    for (qsizetype i = 0; i < p.schemes.size(); ++i)
        if (!checkScheme(p.schemes[i], QStringLiteral("schemes[%1]").arg(i), &why))
            return fail(why);
    const QJsonValue active = o.value(QStringLiteral("activeScheme"));
    if (!active.isUndefined()) {
        const double a = active.toDouble(-2);
        if (!active.isDouble() || a != std::floor(a) || a < -1 || a >= double(p.schemes.size()))
            return fail(QStringLiteral("activeScheme must be -1 or an index into schemes (0..%1)").arg(p.schemes.size() - 1));
        p.activeScheme = int(a);
    }
    p.basePath = o.value(QStringLiteral("basePath")).toString();
    // review: a malformed measurement is skipped with a warning, the rest of the project loads
    const QJsonValue review = o.value(QStringLiteral("review"));
    if (!review.isUndefined() && !review.isObject())
        p.warnings << QStringLiteral("%1: \"review\" must be an object; no measurements restored").arg(fileName);
    const QJsonValue measurements = review.toObject().value(QStringLiteral("measurements"));
    if (!measurements.isUndefined() && !measurements.isArray())
        p.warnings << QStringLiteral("%1: review.measurements must be an array; no measurements restored").arg(fileName);
    const QJsonArray ma = measurements.toArray();
    for (qsizetype i = 0; i < ma.size(); ++i) {
        ProjectMeasurement m;
        if (readMeasurement(ma[i], &m, &why)) {
            p.measurements.push_back(std::move(m));
            continue;
        }
        const QString label = ma[i].toObject().value(QStringLiteral("label")).toString();
        p.warnings << QStringLiteral("%1: review.measurements[%2]%3 skipped: %4")
                              .arg(fileName)
                              .arg(i)
                              .arg(label.isEmpty() ? QString() : QStringLiteral(" (\"%1\")").arg(label.left(80)), why);
    }
    const QJsonValue rule = review.toObject().value(QStringLiteral("zoneRule"));
    if (rule.isString() && (rule.toString() == QLatin1String("centroid") || rule.toString() == QLatin1String("overlap")))
        p.zoneRule = rule.toString();
    else if (!rule.isUndefined())
        p.warnings << QStringLiteral("%1: review.zoneRule must be \"centroid\" or \"overlap\"; the default is used").arg(fileName);
    *out = p;
    return true;
}

bool ProjectFile::save(const QString &path, QString *error) const
{
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly)) {
        *error = QStringLiteral("%1: cannot write: %2").arg(path, f.errorString());
        return false;
    }
    const QByteArray bytes = QJsonDocument(toJson()).toJson(QJsonDocument::Indented);
    if (f.write(bytes) != bytes.size() || !f.commit()) {
        *error = QStringLiteral("%1: cannot write: %2").arg(path, f.errorString());
        return false;
    }
    return true;
}

bool ProjectFile::load(const QString &path, ProjectFile *out, QString *error)
{
    QFile f(path);
    if (!f.exists()) {
        *error = QStringLiteral("%1: no such file").arg(path);
        return false;
    }
    if (!QFileInfo(path).isFile()) { // a FIFO or device would block the read for ever
        *error = QStringLiteral("%1: not a regular file (a folder, FIFO, socket or device); refused").arg(path);
        return false;
    }
    if (!f.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("%1: cannot open: %2").arg(path, f.errorString());
        return false;
    }
    if (f.size() > kMaxBytes) {
        *error = QStringLiteral("%1: too large for a project file (%2 MB)").arg(path).arg(f.size() >> 20);
        return false;
    }
    const QByteArray bytes = f.readAll();
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &pe);
    if (pe.error != QJsonParseError::NoError) {
        const int line = int(bytes.left(pe.offset).count('\n')) + 1;
        *error = QStringLiteral("%1: not valid JSON at line %2: %3").arg(path).arg(line).arg(pe.errorString());
        return false;
    }
    if (!doc.isObject()) {
        *error = QStringLiteral("%1: not a Liyuan project (the top level is not an object)").arg(path);
        return false;
    }
    return fromJson(doc.object(), path, out, error);
}

} // namespace liyuan
