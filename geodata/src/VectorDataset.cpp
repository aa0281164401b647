#include "liyuan/geodata/VectorDataset.h"
#include "liyuan/geodata/CoordinateTransform.h"

#include "GdalSupport.h"

#include <QDate>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTime>
#include <QTimeZone>

#include <gdal.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>

#include <algorithm>
#include <cmath>
#include <mutex>

// Coordinates are transformed with Liyuan's CoordinateTransform (PROJ, x = easting/lon),
// not OGRCoordinateTransformation: the same code path as the rest of Liyuan, and ENU
// targets work. OGR hands out coordinates in the layer's *data* axis order; a layer whose
// first data axis is a north/south axis has x/y swapped before transforming.

namespace liyuan {

void registerGdalDrivers()
{
    static std::once_flag once;
    std::call_once(once, [] { GDALAllRegister(); });
}

namespace {

using gdal::GdalErrorScope;

constexpr int kMaxWarnings = 100;

QString geometryTypeName(OGRwkbGeometryType type)
{
    const OGRwkbGeometryType flat = OGR_GT_Flatten(type);
    QString name;
    switch (flat) {
    case wkbUnknown: name = QStringLiteral("Geometry"); break;
    case wkbPoint: name = QStringLiteral("Point"); break;
    case wkbLineString: name = QStringLiteral("LineString"); break;
    case wkbPolygon: name = QStringLiteral("Polygon"); break;
    case wkbMultiPoint: name = QStringLiteral("MultiPoint"); break;
    case wkbMultiLineString: name = QStringLiteral("MultiLineString"); break;
    case wkbMultiPolygon: name = QStringLiteral("MultiPolygon"); break;
    case wkbGeometryCollection: name = QStringLiteral("GeometryCollection"); break;
    case wkbCircularString: name = QStringLiteral("CircularString"); break;
    case wkbCompoundCurve: name = QStringLiteral("CompoundCurve"); break;
    case wkbCurvePolygon: name = QStringLiteral("CurvePolygon"); break;
    case wkbMultiCurve: name = QStringLiteral("MultiCurve"); break;
    case wkbMultiSurface: name = QStringLiteral("MultiSurface"); break;
    case wkbPolyhedralSurface: name = QStringLiteral("PolyhedralSurface"); break;
    case wkbTIN: name = QStringLiteral("TIN"); break;
    case wkbTriangle: name = QStringLiteral("Triangle"); break;
    case wkbNone: return QStringLiteral("None");
    default: return QString::fromUtf8(OGRGeometryTypeToName(type));
    }
    if (OGR_GT_HasZ(type) && OGR_GT_HasM(type))
        name += QStringLiteral(" ZM");
    else if (OGR_GT_HasZ(type))
        name += QStringLiteral(" Z");
    else if (OGR_GT_HasM(type))
        name += QStringLiteral(" M");
    return name;
}

/** True when the first data axis of srs is a north/south axis (x must be swapped to lon/easting first). */
bool firstDataAxisIsNorthing(OGRSpatialReferenceH srs)
{
    if (!srs)
        return false;
    int count = 0;
    const int *mapping = OSRGetDataAxisToSRSAxisMapping(srs, &count);
    if (!mapping || count < 2)
        return false;
    const int axis = std::abs(mapping[0]) - 1;
    OGRAxisOrientation orientation = OAO_Other;
    GdalErrorScope quiet;
    if (!OSRGetAxis(srs, nullptr, axis, &orientation))
        return false;
    return orientation == OAO_North || orientation == OAO_South;
}

/** Looks for a Shapefile's mandatory sibling parts; returns the missing ones' file names. */
QStringList missingShapefileParts(const QFileInfo &shp)
{
    const QDir dir = shp.absoluteDir();
    const QString base = shp.completeBaseName();
    const QStringList siblings = dir.entryList(QStringList{base + QStringLiteral(".*")}, QDir::Files);
    QStringList missing;
    for (const QString &ext : {QStringLiteral("shx"), QStringLiteral("dbf")}) {
        bool found = false;
        for (const QString &s : siblings) {
            const QFileInfo sfi(s);
            if (sfi.completeBaseName() == base && sfi.suffix().compare(ext, Qt::CaseInsensitive) == 0) {
                found = true;
                break;
            }
        }
        if (!found)
            missing << base + QLatin1Char('.') + ext;
    }
    return missing;
}

bool looksLikeCityJson(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return false;
    // The "type": "CityJSON" member may come last (keys are unordered): look at both ends.
    QByteArray text = f.read(64 * 1024);
    if (f.size() > text.size()) {
        f.seek(std::max<qint64>(text.size(), f.size() - 64 * 1024));
        text += f.read(64 * 1024);
    }
    if (!text.trimmed().startsWith('{'))
        return false;
    return text.contains("\"CityJSON\"") || text.contains("\"CityJSONFeature\"") || text.contains("\"CityObjects\"");
}

QVariant fieldValue(OGRFeatureH f, int i, OGRFieldDefnH fd)
{
    if (!OGR_F_IsFieldSetAndNotNull(f, i))
        return QVariant();
    switch (OGR_Fld_GetType(fd)) {
    case OFTInteger:
        if (OGR_Fld_GetSubType(fd) == OFSTBoolean)
            return QVariant(OGR_F_GetFieldAsInteger(f, i) != 0);
        return QVariant(qint64(OGR_F_GetFieldAsInteger(f, i)));
    case OFTInteger64:
        return QVariant(qint64(OGR_F_GetFieldAsInteger64(f, i)));
    case OFTReal:
        return QVariant(OGR_F_GetFieldAsDouble(f, i));
    case OFTString:
        return QVariant(QString::fromUtf8(OGR_F_GetFieldAsString(f, i)));
    case OFTDate:
    case OFTTime:
    case OFTDateTime: {
        int y = 0, mo = 0, d = 0, h = 0, mi = 0, tz = 0;
        float sec = 0;
        if (!OGR_F_GetFieldAsDateTimeEx(f, i, &y, &mo, &d, &h, &mi, &sec, &tz))
            return QVariant();
        const int s = int(std::floor(sec));
        const int ms = std::clamp(int(std::lround((sec - s) * 1000.0)), 0, 999);
        const QTime time(h, mi, std::clamp(s, 0, 59), ms);
        if (OGR_Fld_GetType(fd) == OFTDate)
            return QVariant(QDate(y, mo, d));
        if (OGR_Fld_GetType(fd) == OFTTime)
            return QVariant(time);
        // OGR TZFlag: 0 unknown, 1 local time, 100 UTC, 100 ± n: offset n × 15 minutes.
        if (tz == 100)
            return QVariant(QDateTime(QDate(y, mo, d), time, Qt::UTC));
        if (tz > 1)
            return QVariant(QDateTime(QDate(y, mo, d), time, QTimeZone((tz - 100) * 15 * 60)));
        return QVariant(QDateTime(QDate(y, mo, d), time, Qt::LocalTime));
    }
    case OFTIntegerList: {
        int n = 0;
        const int *v = OGR_F_GetFieldAsIntegerList(f, i, &n);
        QVariantList list;
        for (int k = 0; k < n; ++k)
            list << QVariant(qint64(v[k]));
        return list;
    }
    case OFTInteger64List: {
        int n = 0;
        const GIntBig *v = OGR_F_GetFieldAsInteger64List(f, i, &n);
        QVariantList list;
        for (int k = 0; k < n; ++k)
            list << QVariant(qint64(v[k]));
        return list;
    }
    case OFTRealList: {
        int n = 0;
        const double *v = OGR_F_GetFieldAsDoubleList(f, i, &n);
        QVariantList list;
        for (int k = 0; k < n; ++k)
            list << QVariant(v[k]);
        return list;
    }
    case OFTStringList: {
        QStringList list;
        for (char **s = OGR_F_GetFieldAsStringList(f, i); s && *s; ++s)
            list << QString::fromUtf8(*s);
        return list;
    }
    case OFTBinary: {
        int n = 0;
        const GByte *v = OGR_F_GetFieldAsBinary(f, i, &n);
        return QByteArray(reinterpret_cast<const char *>(v), n);
    }
    default:
        return QVariant(QString::fromUtf8(OGR_F_GetFieldAsString(f, i)));
    }
}

/** Turns one OGR geometry into per-kind parts (collections flattened, curves linearised). */
class GeometryCollector
{
public:
    GeometryCollector(bool swapXY, const CoordinateTransform *ct) : m_swap(swapXY), m_ct(ct) {}

    using Part = std::vector<std::vector<Vec3d>>;
    std::vector<Part> points, lines, polygons;
    QString problem;     // first fatal problem (feature is skipped)
    QStringList notes;   // non-fatal (e.g. a degenerate hole dropped)

    bool collect(OGRGeometryH g, int depth = 0)
    {
        if (!g)
            return fail(QStringLiteral("null geometry part"));
        if (depth > 32)
            return fail(QStringLiteral("geometry collections nested too deeply"));
        const OGRwkbGeometryType type = OGR_G_GetGeometryType(g);
        const OGRwkbGeometryType flat = OGR_GT_Flatten(type);
        if (OGR_GT_IsNonLinear(flat)) {
            OGRGeometryH linear = OGR_G_GetLinearGeometry(g, 0.0, nullptr);
            if (!linear)
                return fail(QStringLiteral("cannot linearise a %1").arg(geometryTypeName(type)));
            const bool ok = !OGR_GT_IsNonLinear(OGR_GT_Flatten(OGR_G_GetGeometryType(linear)))
                ? collect(linear, depth + 1)
                : fail(QStringLiteral("cannot linearise a %1").arg(geometryTypeName(type)));
            OGR_G_DestroyGeometry(linear);
            return ok;
        }
        switch (flat) {
        case wkbPoint: {
            if (OGR_G_IsEmpty(g))
                return true; // an empty point inside a collection carries nothing
            std::vector<Vec3d> ring;
            if (!readPoints(g, &ring))
                return false;
            points.push_back(Part{std::move(ring)});
            return true;
        }
        case wkbLineString:
        case wkbLinearRing: {
            std::vector<Vec3d> line;
            if (!readPoints(g, &line))
                return false;
            if (line.size() < 2)
                return fail(QStringLiteral("a line with fewer than 2 points"));
            lines.push_back(Part{std::move(line)});
            return true;
        }
        case wkbPolygon:
        case wkbTriangle: {
            Part polygon;
            const int rings = OGR_G_GetGeometryCount(g);
            for (int r = 0; r < rings; ++r) {
                std::vector<Vec3d> ring;
                if (!readPoints(OGR_G_GetGeometryRef(g, r), &ring))
                    return false;
                if (ring.size() > 1 && ring.front() == ring.back())
                    ring.pop_back(); // rings are returned open
                if (ring.size() < 3) {
                    if (r == 0)
                        return fail(QStringLiteral("a polygon whose outer ring has fewer than 3 distinct points"));
                    notes << QStringLiteral("dropped a degenerate hole");
                    continue;
                }
                polygon.push_back(std::move(ring));
            }
            if (polygon.empty())
                return true; // POLYGON EMPTY inside a collection
            polygons.push_back(std::move(polygon));
            return true;
        }
        case wkbMultiPoint:
        case wkbMultiLineString:
        case wkbMultiPolygon:
        case wkbGeometryCollection:
        case wkbPolyhedralSurface:
        case wkbTIN: {
            const int n = OGR_G_GetGeometryCount(g);
            for (int i = 0; i < n; ++i) {
                if (!collect(OGR_G_GetGeometryRef(g, i), depth + 1))
                    return false;
            }
            return true;
        }
        default:
            return fail(QStringLiteral("unsupported geometry type %1").arg(geometryTypeName(type)));
        }
    }

private:
    bool fail(const QString &why)
    {
        if (problem.isEmpty())
            problem = why;
        return false;
    }

    bool readPoints(OGRGeometryH g, std::vector<Vec3d> *out)
    {
        if (!g)
            return fail(QStringLiteral("null ring"));
        const int n = OGR_G_GetPointCount(g);
        out->reserve(size_t(std::max(n, 0)));
        for (int i = 0; i < n; ++i) {
            double x = 0, y = 0, z = 0;
            OGR_G_GetPoint(g, i, &x, &y, &z); // z = 0 for 2D geometries
            if (m_swap)
                std::swap(x, y);
            if (!std::isfinite(x) || !std::isfinite(y) || !std::isfinite(z))
                return fail(QStringLiteral("a non-finite coordinate"));
            Vec3d p(x, y, z);
            if (m_ct && !m_ct->transform(p))
                return fail(QStringLiteral("the point (%1, %2) cannot be transformed")
                                .arg(QString::number(x, 'g', 12), QString::number(y, 'g', 12)));
            out->push_back(p);
        }
        return true;
    }

    bool m_swap = false;
    const CoordinateTransform *m_ct = nullptr;
};

} // namespace

struct VectorDataset::Private
{
    QString path;
    QString absPath;
    VectorInfo info;
    bool valid = false;
    std::vector<bool> swapXY;        ///< per layer
    QStringList crsProblems;         ///< per layer: why the layer's SRS was not understood

    QString name() const { return gdal::displayName(path); }
    bool fail(QString *error, const QString &problem) const
    {
        if (error)
            *error = name() + QStringLiteral(": ") + problem;
        return false;
    }
};

VectorDataset::VectorDataset() : d(std::make_shared<Private>()) {}
VectorDataset::~VectorDataset() = default;
VectorDataset::VectorDataset(const VectorDataset &) = default;
VectorDataset &VectorDataset::operator=(const VectorDataset &) = default;

bool VectorDataset::isValid() const
{
    return d && d->valid;
}

const VectorInfo &VectorDataset::info() const
{
    return d->info;
}

VectorDataset VectorDataset::open(const QString &path, QString *error)
{
    registerGdalDrivers();
    VectorDataset v;
    Private &p = *v.d;
    p.path = path;
    p.info.file = path;
    auto fail = [&](const QString &problem) {
        p.valid = false;
        if (error)
            *error = (path.isEmpty() ? QStringLiteral("(no file name)") : p.name()) + QStringLiteral(": ") + problem;
        return v;
    };
    if (path.trimmed().isEmpty())
        return fail(QStringLiteral("no vector file name given"));

    const QFileInfo fi(path);
    const bool vsi = path.startsWith(QLatin1String("/vsi"));
    if (!vsi) {
        if (!fi.exists())
            return fail(QStringLiteral("no such file"));
        if (fi.isFile() && fi.size() == 0)
            return fail(QStringLiteral("the file is empty (0 bytes), not a vector file"));
        if (!fi.isReadable())
            return fail(QStringLiteral("the file cannot be read (permission denied)"));
        p.absPath = fi.absoluteFilePath();
        // OGR opens a .shp without its .dbf (no attributes) and reports a missing .shx
        // vaguely: check the parts first and name them.
        if (fi.isFile() && fi.suffix().compare(QLatin1String("shp"), Qt::CaseInsensitive) == 0) {
            const QStringList missing = missingShapefileParts(fi);
            if (!missing.isEmpty())
                return fail(QStringLiteral("Shapefile part missing: %1 (a Shapefile needs its .shp, .shx "
                                           "(index) and .dbf (attributes) side by side)")
                                .arg(missing.join(QStringLiteral(", "))));
        }
    } else {
        p.absPath = path;
    }

    QString openError;
    GDALDatasetH ds = gdal::threadDataset(p.absPath, GDAL_OF_VECTOR | GDAL_OF_READONLY, &openError);
    if (!ds) {
        GdalErrorScope quiet;
        const QByteArray utf8 = p.absPath.toUtf8();
        if (!vsi && fi.isFile() && looksLikeCityJson(p.absPath))
            return fail(QStringLiteral("this is CityJSON, which OGR (GDAL %1) cannot read; open it with the "
                                       "CityJSON importer instead")
                            .arg(QString::fromUtf8(GDALVersionInfo("RELEASE_NAME"))));
        if (GDALDriverH drv = GDALIdentifyDriverEx(utf8.constData(), GDAL_OF_RASTER, nullptr, nullptr))
            return fail(QStringLiteral("this is a raster (%1), not a vector file")
                            .arg(QString::fromUtf8(GDALGetDriverShortName(drv))));
        return fail(QStringLiteral("not a vector file OGR can read (%1)").arg(openError));
    }

    GdalErrorScope errors;
    if (GDALDriverH drv = GDALGetDatasetDriver(ds))
        p.info.driver = QString::fromUtf8(GDALGetDriverShortName(drv));
    const int layerCount = GDALDatasetGetLayerCount(ds);
    if (layerCount <= 0)
        return fail(QStringLiteral("the file has no vector layers"));
    for (int i = 0; i < layerCount; ++i) {
        OGRLayerH layer = GDALDatasetGetLayer(ds, i);
        if (!layer)
            return fail(QStringLiteral("cannot read layer %1: %2").arg(i).arg(errors.failure()));
        VectorLayerInfo li;
        li.name = QString::fromUtf8(OGR_L_GetName(layer));
        li.geometryType = geometryTypeName(OGR_L_GetGeomType(layer));
        li.featureCount = OGR_L_GetFeatureCount(layer, TRUE);
        OGRFeatureDefnH defn = OGR_L_GetLayerDefn(layer);
        for (int f = 0, n = OGR_FD_GetFieldCount(defn); f < n; ++f) {
            OGRFieldDefnH fd = OGR_FD_GetFieldDefn(defn, f);
            li.fields << VectorField{QString::fromUtf8(OGR_Fld_GetNameRef(fd)),
                                     QString::fromUtf8(OGR_GetFieldTypeName(OGR_Fld_GetType(fd)))};
        }
        OGRSpatialReferenceH srs = OGR_L_GetSpatialRef(layer);
        const bool swap = firstDataAxisIsNorthing(srs);
        QString crsProblem;
        li.crs = gdal::spatialRefToCrs(srs, &crsProblem);
        OGREnvelope env;
        if (OGR_L_GetGeomType(layer) != wkbNone && OGR_L_GetExtent(layer, &env, TRUE) == OGRERR_NONE) {
            double w[4];
            if (srs && gdal::boundsToWgs84(srs, env.MinX, env.MinY, env.MaxX, env.MaxY, w))
                li.boundsWgs84 = {w[0], w[1], w[2], w[3]};
            li.bounds = swap ? Box2d{env.MinY, env.MinX, env.MaxY, env.MaxX} : Box2d{env.MinX, env.MinY, env.MaxX, env.MaxY};
            li.hasGeometry = true;
        }
        p.info.layers << li;
        p.swapXY.push_back(swap);
        p.crsProblems << crsProblem;
    }
    p.valid = true;
    if (error)
        error->clear();
    return v;
}

bool VectorDataset::readFeatures(int layerIndex, const Crs &target, const Crs &assumeCrs,
                                 std::vector<VectorFeature> *out, QStringList *warnings, QString *error) const
{
    if (!isValid())
        return d->fail(error, QStringLiteral("the vector file is not open"));
    if (!out)
        return d->fail(error, QStringLiteral("no output list given"));
    const int layerCount = int(d->info.layers.size());
    if (layerIndex < 0 || layerIndex >= layerCount)
        return d->fail(error, QStringLiteral("no layer %1 (the file has %2 layer%3, 0..%4)")
                                  .arg(layerIndex)
                                  .arg(layerCount)
                                  .arg(layerCount == 1 ? QString() : QStringLiteral("s"))
                                  .arg(layerCount - 1));
    const VectorLayerInfo &li = d->info.layers.at(layerIndex);
    QStringList localWarnings;
    int dropped = 0;
    auto warn = [&](const QString &w) {
        if (localWarnings.size() < kMaxWarnings)
            localWarnings << d->name() + QStringLiteral(": ") + w;
        else
            ++dropped;
    };

    Crs source = li.crs;
    if (!source.isValid()) {
        const QString why = d->crsProblems.value(layerIndex).isEmpty()
            ? QString()
            : QStringLiteral(" (its CRS is not understood: %1)").arg(d->crsProblems.value(layerIndex));
        if (assumeCrs.isValid()) {
            source = assumeCrs;
            warn(QStringLiteral("layer %1 has no CRS%2; assuming %3").arg(li.name, why, assumeCrs.name()));
        } else if (target.isValid()) {
            return d->fail(error, QStringLiteral("layer %1 has no CRS%2 and none was given to assume, so it cannot be "
                                                 "transformed to %3")
                                      .arg(li.name, why, target.name()));
        } else {
            warn(QStringLiteral("layer %1 has no CRS%2; coordinates are returned as stored").arg(li.name, why));
        }
    }
    std::unique_ptr<CoordinateTransform> ct;
    if (target.isValid() && source.isValid() && source != target) {
        ct = std::make_unique<CoordinateTransform>(source, target);
        if (!ct->isValid())
            return d->fail(error, QStringLiteral("layer %1: cannot transform from %2 to %3: %4")
                                      .arg(li.name, source.name(), target.name(), ct->error()));
    }

    QString openError;
    GDALDatasetH ds = gdal::threadDataset(d->absPath, GDAL_OF_VECTOR | GDAL_OF_READONLY, &openError);
    if (!ds)
        return d->fail(error, QStringLiteral("cannot reopen the file: %1").arg(openError));
    GdalErrorScope errors;
    OGRLayerH layer = GDALDatasetGetLayer(ds, layerIndex);
    if (!layer)
        return d->fail(error, QStringLiteral("cannot read layer %1: %2").arg(li.name, errors.failure()));
    OGR_L_ResetReading(layer);
    OGRFeatureDefnH defn = OGR_L_GetLayerDefn(layer);
    const int fieldCount = OGR_FD_GetFieldCount(defn);
    QStringList fieldNames;
    for (int f = 0; f < fieldCount; ++f)
        fieldNames << QString::fromUtf8(OGR_Fld_GetNameRef(OGR_FD_GetFieldDefn(defn, f)));

    std::vector<VectorFeature> features;
    if (li.featureCount > 0)
        features.reserve(size_t(li.featureCount));
    qint64 withoutGeometry = 0;
    const bool swap = d->swapXY.at(size_t(layerIndex));
    while (OGRFeatureH f = OGR_L_GetNextFeature(layer)) {
        const qint64 fid = OGR_F_GetFID(f);
        OGRGeometryH g = OGR_F_GetGeometryRef(f);
        if (!g || OGR_G_IsEmpty(g)) {
            ++withoutGeometry;
            OGR_F_Destroy(f);
            continue;
        }
        GeometryCollector collector(swap, ct.get());
        if (!collector.collect(g)) {
            warn(QStringLiteral("layer %1: feature %2 skipped: %3").arg(li.name).arg(fid).arg(collector.problem));
            OGR_F_Destroy(f);
            continue;
        }
        for (const QString &n : collector.notes)
            warn(QStringLiteral("layer %1: feature %2: %3").arg(li.name).arg(fid).arg(n));
        QVariantMap attributes;
        for (int i = 0; i < fieldCount; ++i)
            attributes.insert(fieldNames.at(i), fieldValue(f, i, OGR_FD_GetFieldDefn(defn, i)));
        OGR_F_Destroy(f);

        // A mixed collection becomes one VectorFeature per kind, all with the same fid.
        auto addFeature = [&](VectorFeature::Kind kind, std::vector<GeometryCollector::Part> &parts) {
            if (parts.empty())
                return;
            VectorFeature vf;
            vf.fid = fid;
            vf.kind = kind;
            vf.parts = std::move(parts);
            vf.attributes = attributes;
            features.push_back(std::move(vf));
        };
        const size_t before = features.size();
        addFeature(VectorFeature::Kind::Polygon, collector.polygons);
        addFeature(VectorFeature::Kind::Line, collector.lines);
        addFeature(VectorFeature::Kind::Point, collector.points);
        if (features.size() == before)
            ++withoutGeometry;
    }
    const QString readError = errors.failure();
    if (!readError.isEmpty())
        return d->fail(error, QStringLiteral("layer %1: read error after %2 features: %3")
                                  .arg(li.name)
                                  .arg(features.size())
                                  .arg(readError));
    if (withoutGeometry > 0 && OGR_L_GetGeomType(layer) != wkbNone)
        warn(QStringLiteral("layer %1: %2 feature%3 without geometry skipped")
                 .arg(li.name)
                 .arg(withoutGeometry)
                 .arg(withoutGeometry == 1 ? QString() : QStringLiteral("s")));
    if (dropped > 0)
        localWarnings << d->name() + QStringLiteral(": ... and %1 more warnings").arg(dropped);
    if (warnings)
        *warnings << localWarnings;
    *out = std::move(features);
    if (error)
        error->clear();
    return true;
}

} // namespace liyuan
