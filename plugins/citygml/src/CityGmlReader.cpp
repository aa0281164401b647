#include <liyuan/citygml/CityGmlReader.h>

#include <citygml/citygml.h>
#include <citygml/citygmllogger.h>
#include <citygml/citymodel.h>
#include <citygml/cityobject.h>
#include <citygml/geometry.h>
#include <citygml/polygon.h>
#include <citygml/texture.h>

#include <QBuffer>
#include <QDir>
#include <QUrl>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QRegularExpression>
#include <QXmlStreamReader>

#include <algorithm>
#include <cmath>
#include <mutex>
#include <sstream>
#include <unordered_set>

namespace liyuan::citygml {

qsizetype CityGmlContent::countOfType(const QString &type) const
{
    qsizetype n = 0;
    for (const auto &o : objects)
        n += o.type == type ? 1 : 0;
    return n;
}

qsizetype CityGmlContent::triangleCount() const
{
    qsizetype n = 0;
    for (const auto &o : objects)
        n += o.triangleCount();
    return n;
}

namespace {

using ::citygml::CityGMLLogger;
using CgObject = ::citygml::CityObject;
using CgType = ::citygml::CityObject::CityObjectsType;
using CgGeometry = ::citygml::Geometry;
using CgGeometryType = ::citygml::Geometry::GeometryType;
using CgPolygon = ::citygml::Polygon;

/** libcitygml parses with Xerces and tessellates with GLU: one document at a time. */
std::mutex &parserMutex()
{
    static std::mutex m;
    return m;
}

/** Collects libcitygml's errors and warnings (it may log from several threads). */
class CollectingLogger : public CityGMLLogger
{
public:
    CollectingLogger() : CityGMLLogger(LOGLEVEL::LL_WARNING) {}
    void log(LOGLEVEL level, const std::string &message, const char *, int) const override
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        auto &list = level == LOGLEVEL::LL_ERROR ? m_errors : m_warnings;
        if (list.size() < 20)
            list << QString::fromStdString(message).trimmed();
    }
    QStringList errors() const
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        return m_errors;
    }
    QStringList warnings() const
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        return m_warnings;
    }

private:
    mutable std::mutex m_mutex;
    mutable QStringList m_errors;
    mutable QStringList m_warnings;
};

CityGmlReader::Version versionOfNamespace(QStringView ns)
{
    if (ns == QLatin1String("http://www.opengis.net/citygml/1.0"))
        return CityGmlReader::Version::V1;
    if (ns == QLatin1String("http://www.opengis.net/citygml/2.0"))
        return CityGmlReader::Version::V2;
    if (ns == QLatin1String("http://www.opengis.net/citygml/3.0"))
        return CityGmlReader::Version::V3;
    return CityGmlReader::Version::None;
}

/** What one streaming pass over the XML found (well-formedness, root, srsNames). */
struct XmlScan
{
    CityGmlReader::Version version = CityGmlReader::Version::None;
    QString rootName;
    QStringList srsNames;           ///< distinct, in document order (at most 8)
    qint64 members = 0;             ///< cityObjectMember elements
    QString error;
};

XmlScan scanXml(QIODevice *device)
{
    XmlScan scan;
    QXmlStreamReader xml(device);
    bool root = true;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement())
            continue;
        if (root) {
            root = false;
            scan.rootName = xml.qualifiedName().toString();
            if (xml.name() == QLatin1String("CityModel"))
                scan.version = versionOfNamespace(xml.namespaceUri());
            if (scan.version == CityGmlReader::Version::None)
                return scan; // not CityGML: the caller says so
        }
        if (xml.name() == QLatin1String("cityObjectMember"))
            ++scan.members;
        const QStringView srs = xml.attributes().value(QLatin1String("srsName"));
        if (!srs.isEmpty() && scan.srsNames.size() < 8 && !scan.srsNames.contains(srs.toString()))
            scan.srsNames << srs.toString();
    }
    if (xml.hasError())
        scan.error = QStringLiteral("not well-formed XML (line %1, column %2: %3)")
                             .arg(xml.lineNumber())
                             .arg(xml.columnNumber())
                             .arg(xml.errorString());
    return scan;
}

bool isBoundary(CgType t)
{
    switch (t) {
    case CgType::COT_WallSurface:
    case CgType::COT_RoofSurface:
    case CgType::COT_GroundSurface:
    case CgType::COT_ClosureSurface:
    case CgType::COT_FloorSurface:
    case CgType::COT_InteriorWallSurface:
    case CgType::COT_CeilingSurface:
    case CgType::COT_OuterCeilingSurface:
    case CgType::COT_OuterFloorSurface:
    case CgType::COT_Door:
    case CgType::COT_Window:
        return true;
    default:
        return false;
    }
}

SurfaceKind kindOfObject(CgType t)
{
    switch (t) {
    case CgType::COT_WallSurface:
    case CgType::COT_InteriorWallSurface:
        return SurfaceKind::Wall;
    case CgType::COT_RoofSurface:
        return SurfaceKind::Roof;
    case CgType::COT_GroundSurface:
        return SurfaceKind::Ground;
    case CgType::COT_ClosureSurface:
        return SurfaceKind::Closure;
    default:
        return isBoundary(t) ? SurfaceKind::Other : SurfaceKind::None;
    }
}

SurfaceKind kindOfGeometry(CgGeometryType t)
{
    switch (t) {
    case CgGeometryType::GT_Roof:
        return SurfaceKind::Roof;
    case CgGeometryType::GT_Wall:
    case CgGeometryType::GT_InteriorWall:
        return SurfaceKind::Wall;
    case CgGeometryType::GT_Ground:
        return SurfaceKind::Ground;
    case CgGeometryType::GT_Closure:
        return SurfaceKind::Closure;
    case CgGeometryType::GT_Floor:
    case CgGeometryType::GT_Ceiling:
    case CgGeometryType::GT_OuterCeiling:
    case CgGeometryType::GT_OuterFloor:
        return SurfaceKind::Other;
    default:
        return SurfaceKind::None;
    }
}

QVariant attributeValue(const ::citygml::AttributeValue &v)
{
    switch (v.getType()) {
    case ::citygml::AttributeType::Double: {
        const double d = v.asDouble(std::nan(""));
        return std::isfinite(d) ? QVariant(d) : QVariant(QString::fromStdString(v.asString()));
    }
    case ::citygml::AttributeType::Integer:
        return v.asInteger();
    default:
        return QString::fromStdString(v.asString());
    }
}

/**
 * libcitygml stores the attributes it knows under prefixed lower-case names
 * ("bldg:measuredheight", "gml:name"): give them back their CityGML spelling, which styles and users look for. Generic attributes keep
 * the name the file gives them.
 */
QString attributeName(const std::string &stored)
{
    static const QHash<QString, QString> spelling = [] {
        QHash<QString, QString> h;
        for (const char *n : {"averageHeight", "class", "creationDate", "crownDiameter", "function", "height", "lod",
                              "measuredHeight", "roofType", "species", "storeyHeightsAboveGround",
                              "storeyHeightsBelowGround", "storeysAboveGround", "storeysBelowGround", "surfaceMaterial",
                              "terminationDate", "trunkDiameter", "type", "usage", "waterLevel", "yearOfConstruction",
                              "yearOfDemolition", "name", "description"}) {
            const QString name = QString::fromLatin1(n);
            h.insert(name.toLower(), name);
        }
        return h;
    }();
    const QString name = QString::fromStdString(stored); // "bldg:measuredheight", "gml:name"
    const QString bare = name.mid(name.indexOf(QLatin1Char(':')) + 1);
    return spelling.value(bare.toLower(), name);
}

/** One polygon of a feature with the LoD and surface it came with. */
struct Part
{
    int lod = 0;
    SurfaceKind kind = SurfaceKind::None;
    const CgPolygon *polygon = nullptr;
};

/** Walks libcitygml's object tree into features with their polygons (shared polygons once). */
class Collector
{
public:
    std::vector<CityGmlObject> objects;
    std::vector<std::vector<Part>> parts;
    qsizetype implicitSkipped = 0;

    void visitObject(const CgObject &o, int feature, SurfaceKind kind, int depth)
    {
        if (depth > 64)
            return; // deeper than any real model: a hostile nesting
        if (feature < 0 || !isBoundary(o.getType())) {
            CityGmlObject obj;
            obj.id = QString::fromStdString(o.getId());
            obj.type = QString::fromStdString(o.getTypeAsString());
            if (feature >= 0)
                obj.parentId = objects[size_t(feature)].id;
            for (const auto &a : o.getAttributes())
                obj.attributes.insert(attributeName(a.first), attributeValue(a.second));
            obj.name = obj.attributes.value(QStringLiteral("name")).toString();
            feature = int(objects.size());
            objects.push_back(std::move(obj));
            parts.emplace_back();
            m_seen.emplace_back();
            kind = SurfaceKind::None;
        } else {
            kind = kindOfObject(o.getType());
        }
        for (unsigned i = 0; i < o.getGeometriesCount(); ++i) {
            const CgGeometry &g = o.getGeometry(i);
            visitGeometry(g, feature, kind, int(g.getLOD()), 0);
        }
        implicitSkipped += o.getImplicitGeometryCount();
        for (unsigned i = 0; i < o.getChildCityObjectsCount(); ++i)
            visitObject(o.getChildCityObject(i), feature, kind, depth + 1);
    }

private:
    std::vector<std::unordered_set<const CgPolygon *>> m_seen;

    void visitGeometry(const CgGeometry &g, int feature, SurfaceKind kind, int lod, int depth)
    {
        if (depth > 64)
            return;
        const SurfaceKind k = kind != SurfaceKind::None ? kind : kindOfGeometry(g.getType());
        for (unsigned i = 0; i < g.getPolygonsCount(); ++i) {
            const CgPolygon *p = g.getPolygon(i).get();
            if (p && m_seen[size_t(feature)].insert(p).second) // a solid may reference its surfaces' polygons
                parts[size_t(feature)].push_back(Part{lod, k, p});
        }
        for (unsigned i = 0; i < g.getGeometriesCount(); ++i) {
            const CgGeometry &c = g.getGeometry(i);
            visitGeometry(c, feature, k, std::max(lod, int(c.getLOD())), depth + 1);
        }
    }
};

bool usable(const TVec3d &v)
{
    return std::isfinite(v.x) && std::isfinite(v.y) && std::isfinite(v.z) && std::abs(v.x) <= CityGmlReader::kMaxCoordinate
            && std::abs(v.y) <= CityGmlReader::kMaxCoordinate && std::abs(v.z) <= CityGmlReader::kMaxCoordinate;
}

/**
 * The heavy part shared by read() and readData(): check the XML, parse with libcitygml
 * (load() gets the model from a file or a stream), convert.
 */
template<typename Load>
CityGmlReadResult readWith(QIODevice *scanDevice, const QString &name, Load load)
{
    CityGmlReadResult out;
    CityGmlContent &c = out.content;
    c.sourceFile = name;
    auto fail = [&](const QString &why) {
        out.error = QStringLiteral("%1: %2").arg(name, why);
        return out;
    };

    const XmlScan scan = scanXml(scanDevice);
    if (scan.version == CityGmlReader::Version::None) {
        if (!scan.error.isEmpty() && scan.rootName.isEmpty())
            return fail(scan.error);
        return fail(QStringLiteral("not CityGML: the root element is <%1>, not a CityModel in a CityGML 1.0 or 2.0 namespace")
                            .arg(scan.rootName));
    }
    if (scan.version == CityGmlReader::Version::V3)
        return fail(QStringLiteral("CityGML 3.0 is not supported (libcitygml reads CityGML 1.0 and 2.0)"));
    if (!scan.error.isEmpty())
        return fail(scan.error); // truncated or broken: refuse rather than show a part silently
    c.version = scan.version == CityGmlReader::Version::V1 ? QStringLiteral("1.0") : QStringLiteral("2.0");
    if (!scan.srsNames.isEmpty()) {
        c.srsName = scan.srsNames.first();
        c.referenceSystem = CityGmlReader::referenceSystemOf(c.srsName);
        for (const QString &s : scan.srsNames)
            if (CityGmlReader::referenceSystemOf(s) != c.referenceSystem) {
                c.warnings << QStringLiteral("%1: several reference systems (%2); every coordinate is read as %3")
                                      .arg(name, scan.srsNames.join(QStringLiteral(", ")), c.srsName);
                break;
            }
    }

    auto logger = std::make_shared<CollectingLogger>();
    ::citygml::ParserParams params;
    params.tesselate = true;
    params.optimize = false;
    params.pruneEmptyObjects = false;
    std::shared_ptr<const ::citygml::CityModel> model;
    QString thrown;
    {
        std::lock_guard<std::mutex> lock(parserMutex());
        try {
            model = load(params, logger);
        } catch (const std::exception &e) {
            thrown = QString::fromUtf8(e.what());
        } catch (...) {
            thrown = QStringLiteral("libcitygml stopped with an exception");
        }
    }
    const QStringList errors = logger->errors();
    if (!thrown.isEmpty() || !model)
        return fail(QStringLiteral("libcitygml could not read it (%1)")
                            .arg(!thrown.isEmpty() ? thrown
                                 : errors.isEmpty() ? QStringLiteral("no CityModel parsed")
                                                    : errors.join(QStringLiteral("; "))));
    for (const QString &w : logger->warnings())
        if (c.warnings.size() < CityGmlReader::kMaxWarnings)
            c.warnings << QStringLiteral("%1: libcitygml: %2").arg(name, w);

    // textures: the first appearance theme (libcitygml resolves targets and ring coordinates)
    const std::vector<std::string> themes = model->themes();
    const std::string theme = themes.empty() ? std::string() : themes.front();
    c.theme = QString::fromStdString(theme);
    const QDir baseDir = QFileInfo(name).absoluteDir();
    QHash<QString, int> textureIndex;
    auto textureOf = [&](const CgPolygon *polygon, size_t vertices, std::vector<TVec2f> *uv) -> int {
        if (theme.empty())
            return -1;
        std::shared_ptr<const ::citygml::Texture> tex = polygon->getTextureFor(theme, true);
        *uv = polygon->getTexCoordsForTheme(theme, true);
        if (!tex || uv->size() != vertices) {
            tex = polygon->getTextureFor(theme, false);
            *uv = polygon->getTexCoordsForTheme(theme, false);
        }
        if (!tex || uv->size() != vertices || tex->getUrl().empty())
            return -1;
        QString url = QString::fromStdString(tex->getUrl()).trimmed();
        if (url.startsWith(QLatin1String("file:")))
            url = QUrl(url).toLocalFile();
        url.replace(QLatin1Char('\\'), QLatin1Char('/'));
        const QString path = QDir::cleanPath(baseDir.absoluteFilePath(url));
        auto it = textureIndex.constFind(path);
        if (it != textureIndex.cend())
            return it.value();
        const int index = int(c.textures.size());
        c.textures << path;
        textureIndex.insert(path, index);
        return index;
    };

    Collector collect;
    for (const CgObject *o : model->getRootCityObjects())
        if (o)
            collect.visitObject(*o, -1, SurfaceKind::None, 0);
    if (collect.objects.empty())
        return fail(QStringLiteral("the CityModel holds no city objects (%1 cityObjectMember elements)").arg(scan.members));
    if (collect.implicitSkipped > 0)
        c.warnings << QStringLiteral("%1: %2 implicit geometries (shared templates) are not drawn").arg(name).arg(collect.implicitSkipped);

    double mn[3] = {1e300, 1e300, 1e300}, mx[3] = {-1e300, -1e300, -1e300};
    qsizetype badPolygons = 0;
    QString firstBad;
    for (size_t f = 0; f < collect.objects.size(); ++f) {
        CityGmlObject &obj = collect.objects[f];
        const std::vector<Part> &parts = collect.parts[f];
        for (const Part &p : parts)
            if (!obj.lods.contains(p.lod))
                obj.lods << p.lod;
        std::sort(obj.lods.begin(), obj.lods.end());
        if (obj.lods.isEmpty())
            continue;
        obj.lod = obj.lods.last();
        for (const Part &p : parts) {
            if (p.lod != obj.lod)
                continue;
            const std::vector<TVec3d> &v = p.polygon->getVertices();
            const std::vector<unsigned> &ix = p.polygon->getIndices();
            const bool ok = std::all_of(v.begin(), v.end(), usable)
                    && std::all_of(ix.begin(), ix.end(), [&](unsigned i) { return i < v.size(); });
            if (!ok) {
                if (badPolygons++ == 0)
                    firstBad = obj.id;
                continue;
            }
            std::vector<TVec2f> uv;
            const int texture = textureOf(p.polygon, v.size(), &uv);
            const uint32_t base = uint32_t(obj.positions.size() / 3);
            for (size_t k = 0; k < v.size(); ++k) {
                obj.uvs.push_back(texture >= 0 && std::isfinite(uv[k].x) ? uv[k].x : 0.f);
                obj.uvs.push_back(texture >= 0 && std::isfinite(uv[k].y) ? uv[k].y : 0.f);
            }
            for (const TVec3d &q : v) {
                obj.positions.insert(obj.positions.end(), {q.x, q.y, q.z});
                const double xyz[3] = {q.x, q.y, q.z};
                for (int k = 0; k < 3; ++k) {
                    mn[k] = std::min(mn[k], xyz[k]);
                    mx[k] = std::max(mx[k], xyz[k]);
                }
            }
            for (size_t i = 0; i + 2 < ix.size(); i += 3) {
                // GLU also emits slivers over a ring's repeated closing point: keep real triangles only
                const TVec3d &a = v[ix[i]], &b = v[ix[i + 1]], &d = v[ix[i + 2]];
                if ((b - a).cross(d - a).length() < 1e-9)
                    continue;
                obj.indices.insert(obj.indices.end(), {base + ix[i], base + ix[i + 1], base + ix[i + 2]});
                obj.triangleSurfaces.push_back(p.kind);
                obj.triangleTextures.push_back(texture);
            }
            c.vertexCount += qsizetype(v.size());
        }
    }
    if (badPolygons > 0)
        c.warnings << QStringLiteral("%1: %2 polygons with non-finite coordinates or coordinates beyond %3 skipped (first in %4)")
                              .arg(name)
                              .arg(badPolygons)
                              .arg(CityGmlReader::kMaxCoordinate, 0, 'g', 3)
                              .arg(firstBad);
    c.objects = std::move(collect.objects);
    if (c.triangleCount() == 0)
        return fail(badPolygons > 0 ? QStringLiteral("no usable geometry: every polygon has non-finite coordinates or coordinates beyond %1")
                                              .arg(CityGmlReader::kMaxCoordinate, 0, 'g', 3)
                                    : QStringLiteral("no geometry: %1 city objects, none with polygons").arg(c.objects.size()));
    for (int k = 0; k < 3; ++k) {
        c.boundsMin[k] = mn[k];
        c.boundsMax[k] = mx[k];
    }
    c.origin = Vec3d(0.5 * (mn[0] + mx[0]), 0.5 * (mn[1] + mx[1]), 0.5 * (mn[2] + mx[2]));
    for (CityGmlObject &obj : c.objects)
        for (size_t i = 0; i + 2 < obj.positions.size(); i += 3) {
            obj.positions[i] -= c.origin.x;
            obj.positions[i + 1] -= c.origin.y;
            obj.positions[i + 2] -= c.origin.z;
        }
    if (c.srsName.isEmpty())
        c.warnings << QStringLiteral("%1: no srsName: the coordinates have no reference system").arg(name);
    out.ok = true;
    return out;
}

} // namespace

CityGmlReader::Version CityGmlReader::sniff(const QString &path)
{
    QFile f(path);
    if (!QFileInfo(path).isFile() || !f.open(QIODevice::ReadOnly))
        return Version::None;
    const QByteArray head = f.read(64 * 1024);
    // cheap rejection first: XML starts with '<' (after a byte-order mark and white space)
    qsizetype i = head.startsWith("\xEF\xBB\xBF") ? 3 : 0;
    while (i < head.size() && std::isspace(uchar(head[i])))
        ++i;
    if (i >= head.size() || head[i] != '<')
        return Version::None;
    QXmlStreamReader xml(head);
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isStartElement())
            return xml.name() == QLatin1String("CityModel") ? versionOfNamespace(xml.namespaceUri()) : Version::None;
        if (xml.hasError())
            return Version::None;
    }
    return Version::None;
}

QString CityGmlReader::srsNameOf(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    const QByteArray head = f.read(4 * 1024 * 1024);
    static const QRegularExpression re(QStringLiteral("srsName\\s*=\\s*(?:\"([^\"]*)\"|'([^']*)')"));
    const QRegularExpressionMatch m = re.match(QString::fromUtf8(head));
    if (!m.hasMatch())
        return {};
    return m.captured(1).isEmpty() ? m.captured(2) : m.captured(1);
}

QString CityGmlReader::referenceSystemOf(const QString &srsName)
{
    const QString s = srsName.trimmed();
    if (s.isEmpty())
        return {};
    // one EPSG code: EPSG:25832, urn:ogc:def:crs:EPSG::25832, urn:ogc:def:crs:EPSG:6.12:25832,
    // http(s)://www.opengis.net/def/crs/EPSG/0/25832 (a "+height" code may follow)
    static const QRegularExpression single(
            QStringLiteral("^(?:urn:(?:x-)?ogc:def:crs:EPSG:(?:[^:]*:)?|EPSG:|https?://www\\.opengis\\.net/def/crs/EPSG/[^/]+/)(\\d+)(?:\\+(\\d+))?$"),
            QRegularExpression::CaseInsensitiveOption);
    if (const auto m = single.match(s); m.hasMatch())
        return m.captured(2).isEmpty() ? QStringLiteral("EPSG:%1").arg(m.captured(1))
                                       : QStringLiteral("EPSG:%1+%2").arg(m.captured(1), m.captured(2));
    // compound: urn:ogc:def:crs,crs:EPSG::25832,crs:EPSG::7837 and
    // http://www.opengis.net/def/crs-compound?1=…/EPSG/0/25832&2=…/EPSG/0/7837
    static const QRegularExpression codeUrn(QStringLiteral("^crs:EPSG:[^:]*:(\\d+)$"), QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression codeHttp(QStringLiteral("/EPSG/[^/]+/(\\d+)"), QRegularExpression::CaseInsensitiveOption);
    if (s.startsWith(QLatin1String("urn:ogc:def:crs,"), Qt::CaseInsensitive)) {
        QStringList codes;
        for (const QString &part : s.mid(16).split(QLatin1Char(','), Qt::SkipEmptyParts)) {
            const auto m = codeUrn.match(part.trimmed());
            if (!m.hasMatch())
                return s;
            codes << m.captured(1);
        }
        if (!codes.isEmpty())
            return QStringLiteral("EPSG:") + codes.join(QLatin1Char('+'));
    }
    if (s.contains(QLatin1String("crs-compound"), Qt::CaseInsensitive)) {
        QStringList codes;
        for (auto it = codeHttp.globalMatch(s); it.hasNext();)
            codes << it.next().captured(1);
        if (!codes.isEmpty())
            return QStringLiteral("EPSG:") + codes.join(QLatin1Char('+'));
    }
    // German surveying (AdV) names: urn:adv:crs:ETRS89_UTM32*DE_DHHN2016_NH
    if (s.startsWith(QLatin1String("urn:adv:crs:"), Qt::CaseInsensitive)) {
        static const QHash<QString, QString> adv{
                {QStringLiteral("ETRS89_UTM31"), QStringLiteral("25831")}, {QStringLiteral("ETRS89_UTM32"), QStringLiteral("25832")},
                {QStringLiteral("ETRS89_UTM33"), QStringLiteral("25833")}, {QStringLiteral("ETRS89"), QStringLiteral("4258")},
                {QStringLiteral("DE_DHHN2016_NH"), QStringLiteral("7837")}, {QStringLiteral("DE_DHHN92_NH"), QStringLiteral("5783")}};
        QStringList codes;
        for (const QString &part : s.mid(12).split(QLatin1Char('*'), Qt::SkipEmptyParts)) {
            const QString code = adv.value(part.trimmed().toUpper());
            if (code.isEmpty())
                return s;
            codes << code;
        }
        if (!codes.isEmpty())
            return QStringLiteral("EPSG:") + codes.join(QLatin1Char('+'));
    }
    return s;
}

CityGmlReadResult CityGmlReader::read(const QString &path) const
{
    const QFileInfo fi(path);
    auto fail = [&](const QString &why) {
        CityGmlReadResult r;
        r.error = QStringLiteral("%1: %2").arg(path, why);
        return r;
    };
    if (!fi.isFile())
        return fail(QStringLiteral("no such file"));
    if (fi.size() == 0)
        return fail(QStringLiteral("the file is empty (0 bytes)"));
    if (fi.size() > kMaxFileBytes)
        return fail(QStringLiteral("the file is %1 MB, more than the %2 MB a CityGML file may have")
                            .arg(fi.size() / (1024 * 1024))
                            .arg(kMaxFileBytes / (1024 * 1024)));
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return fail(QStringLiteral("cannot be read (%1)").arg(f.errorString()));
    const std::string file = QFile::encodeName(fi.absoluteFilePath()).toStdString();
    return readWith(&f, path, [&file](const ::citygml::ParserParams &params, std::shared_ptr<CityGMLLogger> logger) {
        return ::citygml::load(file, params, logger);
    });
}

CityGmlReadResult CityGmlReader::readData(const QByteArray &xml, const QString &name) const
{
    if (xml.isEmpty()) {
        CityGmlReadResult r;
        r.error = QStringLiteral("%1: the document is empty").arg(name);
        return r;
    }
    QBuffer buffer;
    buffer.setData(xml);
    buffer.open(QIODevice::ReadOnly);
    return readWith(&buffer, name, [&xml](const ::citygml::ParserParams &params, std::shared_ptr<CityGMLLogger> logger) {
        std::istringstream in(xml.toStdString());
        return ::citygml::load(in, params, logger);
    });
}

} // namespace liyuan::citygml
