#include <liyuan/assimp/CityJsonReader.h>

#include "PolygonTriangulator.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

#include <cmath>

namespace liyuan::assimp {

qsizetype CityJsonContent::countOfType(const QString &type) const
{
    qsizetype n = 0;
    for (const auto &o : objects)
        n += o.type == type ? 1 : 0;
    return n;
}

qsizetype CityJsonContent::triangleCount() const
{
    qsizetype n = 0;
    for (const auto &o : objects)
        n += o.triangleCount();
    return n;
}

namespace {

constexpr int kMaxWarnings = 50;

/** "https://www.opengis.net/def/crs/EPSG/0/7415", "urn:ogc:def:crs:EPSG::7415", "EPSG:7415" → "EPSG:7415". */
QString epsgOf(const QString &uri)
{
    static const QRegularExpression re(QStringLiteral("EPSG(?:/[^/]*/|::?|/)(\\d+)\\s*$"),
                                       QRegularExpression::CaseInsensitiveOption);
    const auto m = re.match(uri.trimmed());
    return m.hasMatch() ? QStringLiteral("EPSG:%1").arg(m.captured(1)) : QString();
}

double lodValue(const QJsonValue &v)
{
    if (v.isDouble())
        return v.toDouble();
    bool ok = false;
    const double d = v.toString().toDouble(&ok);
    return ok ? d : -1.0;
}

QString lodString(const QJsonValue &v)
{
    if (v.isDouble())
        return QString::number(v.toDouble());
    return v.toString();
}

struct Context
{
    const std::vector<double> *vertices = nullptr; // real coordinates, 3 per vertex
    Vec3d origin;
    int maxEarClip = 4096;
    QStringList *warnings = nullptr;
    int warningCount = 0;
    qsizetype badSurfaces = 0;
    qsizetype fannedSurfaces = 0;
    qsizetype degenerateSurfaces = 0;

    void warn(const QString &w)
    {
        if (++warningCount <= kMaxWarnings)
            *warnings << w;
    }
};

enum class SurfaceResult { Ok, Invalid, Degenerate };

/** Adds one surface (array of rings) to obj. */
SurfaceResult addSurface(Context &ctx, const QJsonValue &surface, CityObject &obj)
{
    if (!surface.isArray())
        return SurfaceResult::Invalid;
    const qint64 nv = qint64(ctx.vertices->size() / 3);
    std::vector<std::vector<Vec3d>> rings;
    for (const QJsonValue &ringV : surface.toArray()) {
        if (!ringV.isArray())
            return SurfaceResult::Invalid;
        const QJsonArray ring = ringV.toArray();
        std::vector<Vec3d> pts;
        pts.reserve(size_t(ring.size()));
        for (const QJsonValue &iv : ring) {
            const double d = iv.toDouble(-1.0);
            if (!iv.isDouble() || d < 0 || d >= double(nv) || d != std::floor(d)) {
                ctx.warn(QStringLiteral("object %1: vertex index %2 out of range (%3 vertices); surface skipped")
                             .arg(obj.id, iv.isDouble() ? QString::number(d, 'g', 17) : QStringLiteral("(not a number)"))
                             .arg(nv));
                return SurfaceResult::Invalid;
            }
            const qint64 i = qint64(d);
            const double *p = ctx.vertices->data() + i * 3;
            pts.push_back(Vec3d(p[0], p[1], p[2]));
        }
        // CityJSON rings are not closed, but tolerate a repeated first point.
        if (pts.size() > 3 && pts.front() == pts.back())
            pts.pop_back();
        rings.push_back(std::move(pts));
    }
    if (rings.empty())
        return SurfaceResult::Invalid;
    std::vector<uint32_t> tri;
    bool fellBack = false;
    if (!detail::triangulatePolygon(rings, tri, ctx.maxEarClip, &fellBack))
        return SurfaceResult::Degenerate; // zero area (e.g. walls of zero width in the source)
    if (fellBack)
        ++ctx.fannedSurfaces;
    std::vector<const Vec3d *> flat;
    for (const auto &r : rings)
        for (const Vec3d &p : r)
            flat.push_back(&p);
    std::vector<uint32_t> map(flat.size(), UINT32_MAX);
    for (uint32_t t : tri) {
        if (t >= flat.size())
            continue;
        if (map[t] == UINT32_MAX) {
            const Vec3d &p = *flat[t];
            map[t] = uint32_t(obj.positions.size() / 3);
            obj.positions.push_back(p.x - ctx.origin.x);
            obj.positions.push_back(p.y - ctx.origin.y);
            obj.positions.push_back(p.z - ctx.origin.z);
        }
        obj.indices.push_back(map[t]);
    }
    return SurfaceResult::Ok;
}

/** Walks boundaries down to surfaces: depth 0 = MultiSurface, 1 = Solid, 2 = MultiSolid. */
void addBoundaries(Context &ctx, const QJsonArray &b, int depth, CityObject &obj)
{
    for (const QJsonValue &v : b) {
        if (depth == 0) {
            const SurfaceResult r = addSurface(ctx, v, obj);
            if (r == SurfaceResult::Invalid)
                ++ctx.badSurfaces;
            else if (r == SurfaceResult::Degenerate)
                ++ctx.degenerateSurfaces;
        } else if (v.isArray()) {
            addBoundaries(ctx, v.toArray(), depth - 1, obj);
        }
    }
}

} // namespace

bool CityJsonReader::identify(const QString &path)
{
    const QString ext = QFileInfo(path).suffix().toLower();
    if (ext != QLatin1String("json") && ext != QLatin1String("cityjson"))
        return false;
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return false;
    const QByteArray head = f.read(4096);
    // Writers that sort keys put "CityObjects" first and "type": "CityJSON" far into the file.
    return head.contains("\"CityJSON\"") || head.contains("\"CityObjects\"");
}

CityJsonReadResult CityJsonReader::read(const QString &path) const
{
    CityJsonReadResult result;
    const QFileInfo fi(path);
    auto fail = [&](const QString &why) {
        result.content.sourceFile = path;
        result.error = QStringLiteral("%1: %2").arg(QDir::toNativeSeparators(path), why);
        return result;
    };
    if (!fi.isFile())
        return fail(QStringLiteral("file does not exist"));
    if (fi.size() > kMaxFileBytes)
        return fail(QStringLiteral("file is too large (%1 bytes)").arg(fi.size()));
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return fail(QStringLiteral("cannot open: %1").arg(f.errorString()));
    return readData(f.readAll(), path);
}

CityJsonReadResult CityJsonReader::readData(const QByteArray &json, const QString &name) const
{
    CityJsonReadResult result;
    CityJsonContent &c = result.content;
    c.sourceFile = name;
    auto fail = [&](const QString &why) {
        result.ok = false;
        result.error = QStringLiteral("%1: %2").arg(QDir::toNativeSeparators(name), why);
        return result;
    };
    if (json.trimmed().isEmpty())
        return fail(QStringLiteral("file is empty"));
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &pe);
    if (pe.error != QJsonParseError::NoError)
        return fail(QStringLiteral("not JSON (%1 at offset %2)").arg(pe.errorString()).arg(pe.offset));
    if (!doc.isObject())
        return fail(QStringLiteral("not CityJSON (top level is not an object)"));
    const QJsonObject root = doc.object();
    if (root.value(QLatin1String("type")).toString() != QLatin1String("CityJSON"))
        return fail(QStringLiteral("not CityJSON (\"type\" is not \"CityJSON\")"));
    c.version = root.value(QLatin1String("version")).toString();
    if (!c.version.isEmpty() && !c.version.startsWith(QLatin1String("1.")) && !c.version.startsWith(QLatin1String("2.")))
        c.warnings << QStringLiteral("CityJSON version %1 is not known; reading it as 2.0").arg(c.version);

    // Transform.
    double scale[3] = {1, 1, 1}, translate[3] = {0, 0, 0};
    if (root.contains(QLatin1String("transform"))) {
        const QJsonObject t = root.value(QLatin1String("transform")).toObject();
        const QJsonArray s = t.value(QLatin1String("scale")).toArray();
        const QJsonArray tr = t.value(QLatin1String("translate")).toArray();
        if (s.size() != 3 || tr.size() != 3)
            return fail(QStringLiteral("\"transform\" needs 3 scale and 3 translate values"));
        for (int k = 0; k < 3; ++k) {
            if (!s[k].isDouble() || !tr[k].isDouble())
                return fail(QStringLiteral("\"transform\" values must be numbers"));
            scale[k] = s[k].toDouble();
            translate[k] = tr[k].toDouble();
            // a zero scale collapses every vertex onto one plane (every surface then "degenerate")
            if (!std::isfinite(scale[k]) || !(scale[k] > 0.0))
                return fail(QStringLiteral("\"transform\".scale[%1] is %2: it must be a positive number")
                                .arg(k)
                                .arg(scale[k]));
            if (!std::isfinite(translate[k]) || std::abs(translate[k]) > 1e9)
                return fail(QStringLiteral("\"transform\".translate[%1] is %2: not a plausible coordinate")
                                .arg(k)
                                .arg(translate[k]));
        }
    }

    // Reference system.
    const QJsonValue rs = root.value(QLatin1String("metadata")).toObject().value(QLatin1String("referenceSystem"));
    if (rs.isString()) {
        c.referenceSystemUri = rs.toString();
        c.referenceSystem = epsgOf(c.referenceSystemUri);
        if (c.referenceSystem.isEmpty())
            c.warnings << QStringLiteral("reference system '%1' is not an EPSG code").arg(c.referenceSystemUri);
    } else {
        c.warnings << QStringLiteral("no metadata.referenceSystem: coordinates have no declared CRS");
    }

    // Vertices.
    const QJsonValue vv = root.value(QLatin1String("vertices"));
    if (!vv.isArray())
        return fail(QStringLiteral("no \"vertices\" array"));
    const QJsonArray va = vv.toArray();
    std::vector<double> vertices;
    vertices.reserve(size_t(va.size()) * 3);
    bool hasBox = false;
    for (qsizetype i = 0; i < va.size(); ++i) {
        const QJsonArray v = va.at(i).toArray();
        if (v.size() < 3 || !v[0].isDouble() || !v[1].isDouble() || !v[2].isDouble())
            return fail(QStringLiteral("vertex %1 is not [x, y, z]").arg(i));
        for (int k = 0; k < 3; ++k) {
            const double d = v[k].toDouble() * scale[k] + translate[k];
            if (!std::isfinite(d))
                return fail(QStringLiteral("vertex %1 is not finite").arg(i));
            vertices.push_back(d);
            c.boundsMin[k] = hasBox ? std::min(c.boundsMin[k], d) : d;
            c.boundsMax[k] = hasBox ? std::max(c.boundsMax[k], d) : d;
        }
        hasBox = true;
    }
    c.vertexCount = qsizetype(vertices.size() / 3);
    c.origin = Vec3d((c.boundsMin[0] + c.boundsMax[0]) / 2, (c.boundsMin[1] + c.boundsMax[1]) / 2,
                     (c.boundsMin[2] + c.boundsMax[2]) / 2);

    // City objects.
    const QJsonValue cov = root.value(QLatin1String("CityObjects"));
    if (!cov.isObject())
        return fail(QStringLiteral("no \"CityObjects\" object"));
    const QJsonObject cos = cov.toObject();
    Context ctx;
    ctx.vertices = &vertices;
    ctx.origin = c.origin;
    ctx.maxEarClip = kMaxEarClipRing;
    ctx.warnings = &c.warnings;
    qsizetype unsupported = 0;
    c.objects.reserve(size_t(cos.size()));
    for (auto it = cos.begin(); it != cos.end(); ++it) {
        const QJsonObject o = it.value().toObject();
        CityObject obj;
        obj.id = it.key();
        obj.type = o.value(QLatin1String("type")).toString();
        obj.attributes = o.value(QLatin1String("attributes")).toObject().toVariantMap();
        for (const QJsonValue &p : o.value(QLatin1String("parents")).toArray())
            obj.parents << p.toString();
        for (const QJsonValue &ch : o.value(QLatin1String("children")).toArray())
            obj.children << ch.toString();
        // Highest LoD among the supported geometries.
        QJsonObject best;
        double bestLod = -HUGE_VAL;
        int bestDepth = -1;
        for (const QJsonValue &gv : o.value(QLatin1String("geometry")).toArray()) {
            const QJsonObject g = gv.toObject();
            const QString type = g.value(QLatin1String("type")).toString();
            int depth = -1;
            if (type == QLatin1String("MultiSurface") || type == QLatin1String("CompositeSurface"))
                depth = 0;
            else if (type == QLatin1String("Solid"))
                depth = 1;
            else if (type == QLatin1String("MultiSolid") || type == QLatin1String("CompositeSolid"))
                depth = 2;
            if (depth < 0) {
                ++unsupported;
                continue;
            }
            const double lod = lodValue(g.value(QLatin1String("lod")));
            if (lod > bestLod) {
                bestLod = lod;
                best = g;
                bestDepth = depth;
            }
        }
        if (bestDepth >= 0) {
            obj.lod = lodString(best.value(QLatin1String("lod")));
            obj.geometryType = best.value(QLatin1String("type")).toString();
            addBoundaries(ctx, best.value(QLatin1String("boundaries")).toArray(), bestDepth, obj);
        }
        c.objects.push_back(std::move(obj));
    }
    if (unsupported > 0)
        c.warnings << QStringLiteral("%1 geometries of unsupported type (e.g. GeometryInstance, MultiPoint) skipped").arg(unsupported);
    if (ctx.badSurfaces > 0)
        c.warnings << QStringLiteral("%1 invalid surfaces skipped").arg(ctx.badSurfaces);
    if (ctx.degenerateSurfaces > 0)
        c.warnings << QStringLiteral("%1 degenerate (zero-area) surfaces dropped").arg(ctx.degenerateSurfaces);
    if (ctx.warningCount > kMaxWarnings)
        c.warnings << QStringLiteral("%1 more warnings not listed").arg(ctx.warningCount - kMaxWarnings);
    if (ctx.fannedSurfaces > 0)
        c.warnings << QStringLiteral("%1 surfaces were too large or not simple and were fan-triangulated").arg(ctx.fannedSurfaces);
    result.ok = true;
    return result;
}

} // namespace liyuan::assimp
