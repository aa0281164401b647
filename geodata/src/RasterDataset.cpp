#include "liyuan/geodata/RasterDataset.h"
#include "liyuan/geodata/LoadCancel.h"
#include "liyuan/geodata/VectorDataset.h" // registerGdalDrivers()

#include "GdalSupport.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>

#include <cpl_conv.h>
#include <cpl_string.h>
#include <gdal.h>
#include <gdal_utils.h>
#include <ogr_srs_api.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <mutex>
#include <string>

// Design notes
// ------------
// * A RasterDataset is a path plus the RasterInfo read by open(). Reads go through the
//   calling thread's own GDALDatasetH (GdalSupport.h: threadDataset), never a shared one.
// * Reads are one GDALWarp() call into a MEM dataset whose grid is exactly the request
//   (-te/-ts/-t_srs). GDALWarp picks the source overview level itself (-ovr AUTO, its
//   default), so coarse requests on big files touch few pixels.
// * Overviews built into cacheDir (read-only source folder): a VRT wrapper of the source
//   "<cacheDir>/<sha1(abs path)[0..16]>_<name>.vrt" plus GDAL's external "<...>.vrt.ovr".
//   A process-wide registry maps the source's absolute path to that VRT; every read (and
//   every later open() of the same path, in this process) goes through the VRT, which
//   finds its .ovr by itself. A new process finds the cache again when ensureOverviews()
//   is called with the same cacheDir (it reuses the VRT/.ovr if newer than the source).

namespace liyuan {

namespace {

using gdal::GdalErrorScope;

/** Largest read accepted in one call (samples = width × height). */
constexpr qint64 kMaxSamples = 64ll * 1024 * 1024;
/**
 * Source pixels one read may make GDAL decode (at the overview it picks). A coarse read of a
 * huge raster without a fitting overview (a VRT claiming 100000×100000 pixels) is refused
 * with a message instead of reading for hours.
 */
constexpr qint64 kMaxSourcePixels = 256ll * 1024 * 1024;
/** Blocks of a GeoTIFF checked against the file size at open (beyond: last block only). */
constexpr qint64 kMaxCheckedBlocks = 200000;
/** Overview pyramids stop once the largest overview dimension is below this. */
constexpr int kSmallestOverview = 256;

std::mutex g_registryMutex;
QHash<QString, QString> g_overviewVrt; // absolute source path -> cached VRT path
std::mutex g_buildMutex;               // one overview build at a time (per process)

QString cachedVrtFor(const QString &absPath)
{
    std::lock_guard<std::mutex> lock(g_registryMutex);
    return g_overviewVrt.value(absPath);
}

void registerCachedVrt(const QString &absPath, const QString &vrt)
{
    std::lock_guard<std::mutex> lock(g_registryMutex);
    g_overviewVrt.insert(absPath, vrt);
}

bool isVsiPath(const QString &path)
{
    return path.startsWith(QLatin1String("/vsi"));
}

QString num(double v)
{
    return QString::number(v, 'g', 17);
}

/** GDAL's argv-style options as a NULL-terminated list (owns the strings). */
class ArgList
{
public:
    ArgList &operator<<(const QString &s)
    {
        m_list = CSLAddString(m_list, s.toUtf8().constData());
        return *this;
    }
    ~ArgList() { CSLDestroy(m_list); }
    char **get() const { return m_list; }

private:
    char **m_list = nullptr;
};

bool folderWritable(const QString &dir)
{
    const QFileInfo fi(dir);
    if (!fi.isDir() || !fi.isWritable())
        return false;
    // Honour read-only permission bits even for root (who passes access(W_OK) everywhere):
    // a folder published read-only must not get .ovr files dropped into it.
    const QFile::Permissions p = QFile::permissions(dir);
    return p & (QFile::WriteOwner | QFile::WriteGroup | QFile::WriteOther);
}

/**
 * About how many source pixels GDAL decodes for a width×height read of the source-CRS box
 * (x0, y0)–(x1, y1): the part inside the raster, at the coarsest level (full resolution or an
 * overview) that is still at least as fine as the request (as gdalwarp's "-ovr AUTO" picks).
 */
qint64 sourcePixelsRead(const RasterInfo &info, double x0, double y0, double x1, double y1, int width, int height)
{
    if (!(info.pixelSizeX > 0) || !(info.pixelSizeY > 0) || info.width <= 0 || info.height <= 0)
        return 0;
    const double cw = std::min(x1, info.bounds.maxX) - std::max(x0, info.bounds.minX);
    const double ch = std::min(y1, info.bounds.maxY) - std::max(y0, info.bounds.minY);
    if (!(cw > 0) || !(ch > 0))
        return 0;
    const double wantX = (x1 - x0) / width, wantY = (y1 - y0) / height;
    double px = info.pixelSizeX, py = info.pixelSizeY;
    for (const QSize &o : info.overviews) { // largest first
        if (o.width() <= 0 || o.height() <= 0)
            continue;
        const double ox = info.pixelSizeX * info.width / o.width(), oy = info.pixelSizeY * info.height / o.height();
        if (ox <= wantX * 1.2 && oy <= wantY * 1.2 && ox * oy > px * py) {
            px = ox;
            py = oy;
        }
    }
    const double pixels = std::ceil(cw / px) * std::ceil(ch / py);
    return pixels > 9e18 ? std::numeric_limits<qint64>::max() : qint64(pixels);
}

struct ProgressData
{
    const std::function<void(double)> *callback = nullptr;
    double offset = 0.0, scale = 1.0;
};

int CPL_STDCALL progressThunk(double complete, const char *, void *arg)
{
    auto *p = static_cast<ProgressData *>(arg);
    if (p && p->callback && *p->callback)
        (*p->callback)(std::clamp(p->offset + p->scale * complete, 0.0, 1.0));
    return LoadCancel::requested() ? FALSE : TRUE; // FALSE: GDAL stops ("User terminated")
}

/** A warp's progress: only a chance to stop it when the load is cancelled. */
int CPL_STDCALL cancelOnly(double, const char *, void *)
{
    return LoadCancel::requested() ? FALSE : TRUE;
}

/** Checks that every GeoTIFF block lies inside the file (a truncated download opens fine
 *  but fails on the first read far away from open()). Returns a problem or empty. */
QString checkTiffBlocks(GDALDatasetH ds, qint64 fileSize)
{
    const int bands = GDALGetRasterCount(ds);
    qint64 totalBlocks = 0;
    for (int b = 1; b <= bands; ++b) {
        GDALRasterBandH band = GDALGetRasterBand(ds, b);
        int bx = 0, by = 0;
        GDALGetBlockSize(band, &bx, &by);
        if (bx <= 0 || by <= 0)
            return QString();
        const qint64 nx = (GDALGetRasterBandXSize(band) + bx - 1) / bx;
        const qint64 ny = (GDALGetRasterBandYSize(band) + by - 1) / by;
        totalBlocks += nx * ny;
    }
    const bool sampleOnly = totalBlocks > kMaxCheckedBlocks;
    for (int b = 1; b <= bands; ++b) {
        GDALRasterBandH band = GDALGetRasterBand(ds, b);
        int bx = 0, by = 0;
        GDALGetBlockSize(band, &bx, &by);
        const int nx = (GDALGetRasterBandXSize(band) + bx - 1) / bx;
        const int ny = (GDALGetRasterBandYSize(band) + by - 1) / by;
        for (int y = sampleOnly ? ny - 1 : 0; y < ny; ++y) {
            for (int x = sampleOnly ? nx - 1 : 0; x < nx; ++x) {
                const QByteArray off = QStringLiteral("BLOCK_OFFSET_%1_%2").arg(x).arg(y).toLatin1();
                const QByteArray size = QStringLiteral("BLOCK_SIZE_%1_%2").arg(x).arg(y).toLatin1();
                const char *o = GDALGetMetadataItem(band, off.constData(), "TIFF");
                const char *s = GDALGetMetadataItem(band, size.constData(), "TIFF");
                if (!o || !s)
                    continue; // sparse block or not available
                const qint64 end = QByteArray(o).toLongLong() + QByteArray(s).toLongLong();
                if (end > fileSize)
                    return QStringLiteral("truncated or corrupt GeoTIFF: band %1 block (%2, %3) ends at byte %4 "
                                          "but the file has only %5 bytes")
                        .arg(b)
                        .arg(x)
                        .arg(y)
                        .arg(end)
                        .arg(fileSize);
            }
        }
    }
    return QString();
}

} // namespace

struct RasterDataset::Private
{
    QString path;    ///< as given (messages)
    QString absPath; ///< for GDAL and the registries
    RasterInfo info;
    bool valid = false;
    bool hasColorTable = false;
    bool lastBandAlpha = false;

    QString name() const { return gdal::displayName(path); }
    /** The file reads go through: the cached overview VRT when there is one. */
    QString readPath() const
    {
        const QString vrt = cachedVrtFor(absPath);
        return vrt.isEmpty() ? absPath : vrt;
    }
    bool fail(QString *error, const QString &problem) const
    {
        if (error)
            *error = name() + QStringLiteral(": ") + problem;
        return false;
    }

    /** Warps into a MEM dataset (caller GDALClose()s it); nullptr + *error on failure. */
    GDALDatasetH warp(const Crs &target, const Box2d &bounds, int width, int height, bool image,
                      QString *error) const;
};

bool RasterInfo::isElevation() const
{
    return bands > 0 && RasterDataset::classify(*this) == RasterRole::Terrain;
}

bool RasterInfo::isImage() const
{
    return bands > 0 && RasterDataset::classify(*this) == RasterRole::Imagery;
}

QString RasterDataset::roleName(RasterRole role)
{
    return role == RasterRole::Terrain ? QStringLiteral("terrain") : QStringLiteral("imagery");
}

bool RasterDataset::parseRole(const QString &text, RasterRole *role)
{
    const QString t = text.trimmed().toLower();
    if (t == QLatin1String("terrain") || t == QLatin1String("imagery")) {
        if (role)
            *role = t == QLatin1String("terrain") ? RasterRole::Terrain : RasterRole::Imagery;
        return true;
    }
    return false;
}

RasterRole RasterDataset::classify(const RasterInfo &info, QString *reason)
{
    auto decide = [reason](RasterRole role, const QString &why) {
        if (reason)
            *reason = why;
        return role;
    };
    static const QStringList colour = {QStringLiteral("Red"),        QStringLiteral("Green"),
                                       QStringLiteral("Blue"),       QStringLiteral("Alpha"),
                                       QStringLiteral("Palette"),    QStringLiteral("Hue"),
                                       QStringLiteral("Saturation"), QStringLiteral("Lightness"),
                                       QStringLiteral("Cyan"),       QStringLiteral("Magenta"),
                                       QStringLiteral("Yellow"),     QStringLiteral("Black"),
                                       QStringLiteral("YCbCr_Y"),    QStringLiteral("YCbCr_Cb"),
                                       QStringLiteral("YCbCr_Cr")};
    for (const QString &ci : info.colorInterpretation)
        if (colour.contains(ci))
            return decide(RasterRole::Imagery, QStringLiteral("a band is interpreted as colour (%1)").arg(ci));
    if (info.hasColorTable)
        return decide(RasterRole::Imagery, QStringLiteral("band 1 has a colour table"));
    if (info.bands >= 2)
        return decide(RasterRole::Imagery, QStringLiteral("%1 bands (a DEM has one)").arg(info.bands));
    const QString type = info.bandTypes.value(0);
    const QString unit = info.units.value(0).trimmed().toLower();
    static const QStringList lengthUnits = {QStringLiteral("m"),     QStringLiteral("metre"),
                                            QStringLiteral("meter"), QStringLiteral("metres"),
                                            QStringLiteral("meters"), QStringLiteral("ft"),
                                            QStringLiteral("foot"),  QStringLiteral("feet"),
                                            QStringLiteral("us-ft"), QStringLiteral("ftus")};
    const bool lengthUnit = lengthUnits.contains(unit);
    // no ground on Earth is higher than 9 km (the minimum says little: undeclared voids are very negative)
    const bool rangeKnown = info.minimum && info.maximum;
    const bool rangeFitsHeights = rangeKnown && *info.maximum <= 9000.0;
    const QString range = rangeKnown ? QStringLiteral("%1 … %2").arg(*info.minimum).arg(*info.maximum) : QString();
    if (type == QLatin1String("Byte") || type == QLatin1String("Int8") || type == QLatin1String("UInt16")) {
        if (lengthUnit && rangeKnown && !rangeFitsHeights)
            return decide(RasterRole::Imagery,
                          QStringLiteral("one %1 band whose values (%2) are no heights on Earth").arg(type, range));
        if (lengthUnit)
            return decide(RasterRole::Terrain,
                          QStringLiteral("one %1 band with heights in '%2'").arg(type, info.units.value(0)));
        return decide(RasterRole::Imagery, QStringLiteral("one %1 band without a height unit: a grey image").arg(type));
    }
    if (rangeKnown && !rangeFitsHeights)
        return decide(RasterRole::Imagery,
                      QStringLiteral("one %1 band whose values (%2) are no heights on Earth").arg(type, range));
    return decide(RasterRole::Terrain, QStringLiteral("one %1 band: heights").arg(type.isEmpty() ? QStringLiteral("numeric") : type));
}

RasterDataset::RasterDataset() : d(std::make_shared<Private>()) {}
RasterDataset::~RasterDataset() = default;
RasterDataset::RasterDataset(const RasterDataset &) = default;
RasterDataset &RasterDataset::operator=(const RasterDataset &) = default;

bool RasterDataset::isValid() const
{
    return d && d->valid;
}

const RasterInfo &RasterDataset::info() const
{
    return d->info;
}

RasterDataset RasterDataset::open(const QString &path, QString *error)
{
    registerGdalDrivers();
    RasterDataset r;
    Private &p = *r.d;
    p.path = path;
    p.info.file = path;
    auto fail = [&](const QString &problem) {
        p.valid = false;
        if (error)
            *error = (path.isEmpty() ? QStringLiteral("(no file name)") : p.name()) + QStringLiteral(": ") + problem;
        return r;
    };
    if (path.trimmed().isEmpty())
        return fail(QStringLiteral("no raster file name given"));

    const QFileInfo fi(path);
    const bool vsi = isVsiPath(path);
    if (!vsi) {
        if (!fi.exists())
            return fail(QStringLiteral("no such file"));
        if (fi.isFile() && fi.size() == 0)
            return fail(QStringLiteral("the file is empty (0 bytes), not a raster"));
        if (!fi.isReadable())
            return fail(QStringLiteral("the file cannot be read (permission denied)"));
        p.absPath = fi.absoluteFilePath();
    } else {
        p.absPath = path;
    }

    QString openError;
    const QString readPath = p.readPath();
    GDALDatasetH ds = gdal::threadDataset(readPath, GDAL_OF_RASTER | GDAL_OF_READONLY, &openError);
    if (!ds) {
        GdalErrorScope quiet;
        const QByteArray utf8 = p.absPath.toUtf8();
        if (GDALDriverH drv = GDALIdentifyDriverEx(utf8.constData(), GDAL_OF_VECTOR, nullptr, nullptr))
            return fail(QStringLiteral("this is a vector file (%1), not a raster")
                            .arg(QString::fromUtf8(GDALGetDriverShortName(drv))));
        if (fi.isDir())
            return fail(QStringLiteral("is a folder, not a raster GDAL can read"));
        return fail(QStringLiteral("not a raster GDAL can read (%1)").arg(openError));
    }

    GdalErrorScope errors;
    RasterInfo &info = p.info;
    if (GDALDriverH drv = GDALGetDatasetDriver(ds))
        info.driver = QString::fromUtf8(GDALGetDriverShortName(drv));
    info.width = GDALGetRasterXSize(ds);
    info.height = GDALGetRasterYSize(ds);
    info.bands = GDALGetRasterCount(ds);
    if (info.bands <= 0) {
        QString extra;
        if (char **sub = GDALGetMetadata(ds, "SUBDATASETS"); sub && sub[0]) {
            const QString first = QString::fromUtf8(sub[0]).section(QLatin1Char('='), 1);
            extra = QStringLiteral(" (it is a container of subdatasets, e.g. %1)").arg(first);
        }
        return fail(QStringLiteral("the file has no raster bands%1").arg(extra));
    }
    if (info.width <= 0 || info.height <= 0)
        return fail(QStringLiteral("the raster has no pixels (%1×%2)").arg(info.width).arg(info.height));

    for (int b = 1; b <= info.bands; ++b) {
        GDALRasterBandH band = GDALGetRasterBand(ds, b);
        info.bandTypes << QString::fromUtf8(GDALGetDataTypeName(GDALGetRasterDataType(band)));
        info.colorInterpretation << QString::fromUtf8(
            GDALGetColorInterpretationName(GDALGetRasterColorInterpretation(band)));
        int has = 0;
        const double nd = GDALGetRasterNoDataValue(band, &has);
        info.nodata.push_back(has ? std::optional<double>(nd) : std::nullopt);
        const char *unit = GDALGetRasterUnitType(band);
        info.units << QString::fromUtf8(unit ? unit : "");
    }
    p.hasColorTable = GDALGetRasterColorTable(GDALGetRasterBand(ds, 1)) != nullptr;
    info.hasColorTable = p.hasColorTable;
    {
        // the stored range only (statistics written by GDAL or the producer): never a pixel read here
        int hasMin = 0, hasMax = 0;
        GDALRasterBandH b1 = GDALGetRasterBand(ds, 1);
        const double mn = GDALGetRasterMinimum(b1, &hasMin);
        const double mx = GDALGetRasterMaximum(b1, &hasMax);
        if (hasMin && hasMax && std::isfinite(mn) && std::isfinite(mx) && mx >= mn) {
            info.minimum = mn;
            info.maximum = mx;
        }
    }
    p.lastBandAlpha = info.bands >= 2
        && GDALGetRasterColorInterpretation(GDALGetRasterBand(ds, info.bands)) == GCI_AlphaBand;

    GDALRasterBandH band1 = GDALGetRasterBand(ds, 1);
    for (int i = 0, n = GDALGetOverviewCount(band1); i < n; ++i) {
        GDALRasterBandH ov = GDALGetOverview(band1, i);
        info.overviews << QSize(GDALGetRasterBandXSize(ov), GDALGetRasterBandYSize(ov));
    }
    std::sort(info.overviews.begin(), info.overviews.end(),
              [](const QSize &a, const QSize &b) { return a.width() * qint64(a.height()) > b.width() * qint64(b.height()); });

    double gt[6] = {0, 1, 0, 0, 0, 1};
    if (GDALGetGeoTransform(ds, gt) == CE_None) {
        const double xs[4] = {gt[0], gt[0] + gt[1] * info.width, gt[0] + gt[2] * info.height,
                              gt[0] + gt[1] * info.width + gt[2] * info.height};
        const double ys[4] = {gt[3], gt[3] + gt[4] * info.width, gt[3] + gt[5] * info.height,
                              gt[3] + gt[4] * info.width + gt[5] * info.height};
        info.bounds = {*std::min_element(xs, xs + 4), *std::min_element(ys, ys + 4), *std::max_element(xs, xs + 4),
                       *std::max_element(ys, ys + 4)};
        info.pixelSizeX = std::hypot(gt[1], gt[4]);
        info.pixelSizeY = std::hypot(gt[2], gt[5]);
    } else {
        // No georeferencing: GDAL's implicit pixel grid (y grows downwards).
        info.bounds = {0.0, 0.0, double(info.width), double(info.height)};
        info.pixelSizeX = info.pixelSizeY = 1.0;
    }

    if (OGRSpatialReferenceH srs = GDALGetSpatialRef(ds)) {
        info.crs = gdal::spatialRefToCrs(srs);
        double w[4];
        if (gdal::boundsToWgs84(srs, info.bounds.minX, info.bounds.minY, info.bounds.maxX, info.bounds.maxY, w))
            info.boundsWgs84 = {w[0], w[1], w[2], w[3]};
    }

    if (readPath != p.absPath) {
        // Opened through the cached overview VRT: describe the source file's own driver.
        GdalErrorScope quiet;
        const QByteArray utf8 = p.absPath.toUtf8();
        if (GDALDriverH drv = GDALIdentifyDriverEx(utf8.constData(), GDAL_OF_RASTER, nullptr, nullptr))
            info.driver = QString::fromUtf8(GDALGetDriverShortName(drv));
    } else if (info.driver == QLatin1String("GTiff") && fi.isFile()) {
        const QString problem = checkTiffBlocks(ds, fi.size());
        if (!problem.isEmpty())
            return fail(problem);
    }

    p.valid = true;
    if (error)
        error->clear();
    return r;
}

GDALDatasetH RasterDataset::Private::warp(const Crs &target, const Box2d &box, int width, int height, bool image,
                                          QString *error) const
{
    auto failed = [&](const QString &problem) -> GDALDatasetH {
        fail(error, problem);
        return nullptr;
    };
    if (!valid)
        return failed(QStringLiteral("the raster is not open"));
    if (width <= 0 || height <= 0)
        return failed(QStringLiteral("invalid read size %1×%2").arg(width).arg(height));
    const qint64 samples = qint64(width) * qint64(height);
    if (samples > kMaxSamples)
        return failed(QStringLiteral("a %1×%2 read (%3 samples) is too large to read at once (limit %4 samples); "
                                     "read it in tiles")
                          .arg(width)
                          .arg(height)
                          .arg(samples)
                          .arg(kMaxSamples));
    if (!std::isfinite(box.minX) || !std::isfinite(box.minY) || !std::isfinite(box.maxX) || !std::isfinite(box.maxY)
        || !box.isValid())
        return failed(QStringLiteral("invalid read bounds (%1, %2) - (%3, %4)")
                          .arg(num(box.minX), num(box.minY), num(box.maxX), num(box.maxY)));
    if (target.isValid() && !info.crs.isValid())
        return failed(QStringLiteral("the raster has no CRS, so it cannot be read into %1 "
                                     "(read it with an invalid target CRS to use its own coordinates)")
                          .arg(target.name()));

    QString openError;
    GDALDatasetH src = gdal::threadDataset(readPath(), GDAL_OF_RASTER | GDAL_OF_READONLY, &openError);
    if (!src)
        return failed(QStringLiteral("cannot reopen the raster: %1").arg(openError));

    GdalErrorScope errors;

    // Target SRS as WKT2 (an ENU frame becomes its ellipsoidal orthographic equivalent).
    QString targetWkt;
    OGRSpatialReferenceH targetSrs = nullptr;
    if (target.isValid()) {
        QString problem;
        targetSrs = gdal::crsToSpatialRef(target, &problem);
        if (!targetSrs)
            return failed(problem);
        const char *const options[] = {"FORMAT=WKT2_2019", "MULTILINE=NO", nullptr};
        char *wkt = nullptr;
        if (OSRExportToWktEx(targetSrs, &wkt, options) == OGRERR_NONE && wkt)
            targetWkt = QString::fromUtf8(wkt);
        CPLFree(wkt);
        if (targetWkt.isEmpty()) {
            OSRDestroySpatialReference(targetSrs);
            return failed(QStringLiteral("GDAL cannot express the CRS %1 as WKT").arg(target.name()));
        }
    }

    // The request's box in the source CRS: what GDAL will read, and how to resample.
    QString resampling = QStringLiteral("bilinear");
    {
        double sx0 = box.minX, sy0 = box.minY, sx1 = box.maxX, sy1 = box.maxY;
        bool ok = true;
        if (targetSrs) {
            ok = false;
            if (OGRSpatialReferenceH srcSrs = OSRClone(GDALGetSpatialRef(src))) {
                OSRSetAxisMappingStrategy(srcSrs, OAMS_TRADITIONAL_GIS_ORDER);
                if (OGRCoordinateTransformationH ct = OCTNewCoordinateTransformation(targetSrs, srcSrs)) {
                    ok = OCTTransformBounds(ct, box.minX, box.minY, box.maxX, box.maxY, &sx0, &sy0, &sx1, &sy1, 21);
                    OCTDestroyCoordinateTransformation(ct);
                }
                OSRDestroySpatialReference(srcSrs);
            }
        }
        // Images: average when shrinking by more than 1.5×, bilinear otherwise. Heights: bilinear.
        if (image && ok && info.pixelSizeX > 0 && info.pixelSizeY > 0) {
            const double ratio = std::min((sx1 - sx0) / width / info.pixelSizeX, (sy1 - sy0) / height / info.pixelSizeY);
            if (ratio > 1.5)
                resampling = QStringLiteral("average");
        }
        const qint64 sourcePixels = ok ? sourcePixelsRead(info, sx0, sy0, sx1, sy1, width, height) : 0;
        if (sourcePixels > kMaxSourcePixels) {
            if (targetSrs)
                OSRDestroySpatialReference(targetSrs);
            return failed(QStringLiteral("a %1×%2 read of this area would read %3 million source pixels (limit %4 "
                                         "million): the raster has no overview coarse enough; build overviews "
                                         "(gdaladdo)")
                              .arg(width)
                              .arg(height)
                              .arg(sourcePixels / 1000000)
                              .arg(kMaxSourcePixels / 1000000));
        }
    }
    if (targetSrs)
        OSRDestroySpatialReference(targetSrs);
    errors.clear();

    // Restrict/expand the source bands through an in-memory VRT when needed.
    GDALDatasetH vrt = nullptr;
    if ((!image && info.bands > 1) || (image && hasColorTable)) {
        ArgList args;
        args << QStringLiteral("-of") << QStringLiteral("VRT");
        if (image)
            args << QStringLiteral("-expand") << QStringLiteral("rgba");
        else
            args << QStringLiteral("-b") << QStringLiteral("1");
        GDALTranslateOptions *opts = GDALTranslateOptionsNew(args.get(), nullptr);
        vrt = opts ? GDALTranslate("", src, opts, nullptr) : nullptr;
        GDALTranslateOptionsFree(opts);
        if (!vrt)
            return failed(QStringLiteral("cannot prepare the bands: %1").arg(errors.failure()));
    }
    GDALDatasetH warpSource = vrt ? vrt : src;
    const int srcBands = GDALGetRasterCount(warpSource);
    const bool srcAlpha = srcBands >= 2
        && GDALGetRasterColorInterpretation(GDALGetRasterBand(warpSource, srcBands)) == GCI_AlphaBand;
    const bool byteSource = GDALGetRasterDataType(GDALGetRasterBand(warpSource, 1)) == GDT_Byte;

    ArgList args;
    args << QStringLiteral("-of") << QStringLiteral("MEM");
    args << QStringLiteral("-te") << num(box.minX) << num(box.minY) << num(box.maxX) << num(box.maxY);
    args << QStringLiteral("-ts") << QString::number(width) << QString::number(height);
    args << QStringLiteral("-r") << resampling;
    if (!targetWkt.isEmpty())
        args << QStringLiteral("-t_srs") << targetWkt;
    if (image) {
        args << QStringLiteral("-ot") << (byteSource ? QStringLiteral("Byte") : QStringLiteral("Float32"));
        if (srcAlpha)
            args << QStringLiteral("-srcalpha");
        args << QStringLiteral("-dstalpha");
    } else {
        args << QStringLiteral("-ot") << QStringLiteral("Float32") << QStringLiteral("-dstnodata")
             << QStringLiteral("nan");
    }
    GDALWarpAppOptions *opts = GDALWarpAppOptionsNew(args.get(), nullptr);
    GDALDatasetH out = nullptr;
    if (opts) {
        GDALWarpAppOptionsSetProgress(opts, &cancelOnly, nullptr);
        int usageError = FALSE;
        GDALDatasetH sources[1] = {warpSource};
        out = GDALWarp("", nullptr, 1, sources, opts, &usageError);
        GDALWarpAppOptionsFree(opts);
    }
    const QString warpError = errors.failure();
    if (vrt)
        GDALClose(vrt);
    if (!out && LoadCancel::requested())
        return failed(QStringLiteral("the read was cancelled"));
    if (!out)
        return failed(QStringLiteral("GDAL could not warp the raster: %1")
                          .arg(warpError.isEmpty() ? QStringLiteral("unknown error") : warpError));
    if (!warpError.isEmpty()) {
        // A read error while warping (e.g. a damaged block) leaves a partial result.
        GDALClose(out);
        return failed(QStringLiteral("read error: %1").arg(warpError));
    }
    return out;
}

bool RasterDataset::readHeights(const Crs &target, const Box2d &bounds, int width, int height, HeightGrid *out,
                                QString *error) const
{
    if (!out)
        return d->fail(error, QStringLiteral("no output grid given"));
    GDALDatasetH mem = d->warp(target, bounds, width, height, false, error);
    if (!mem)
        return false;
    GdalErrorScope errors;
    std::vector<float> heights(size_t(width) * size_t(height));
    const CPLErr err = GDALRasterIO(GDALGetRasterBand(mem, 1), GF_Read, 0, 0, width, height, heights.data(), width,
                                    height, GDT_Float32, 0, 0);
    GDALClose(mem);
    if (err != CE_None)
        return d->fail(error, QStringLiteral("read error: %1").arg(errors.failure()));
    // The warper writes NaN where there is no data; a source nodata value that slipped
    // through (e.g. nodata not declared on the band but -9999 in the cells) stays as is.
    out->width = width;
    out->height = height;
    out->bounds = bounds;
    out->heights = std::move(heights);
    if (error)
        error->clear();
    return true;
}

bool RasterDataset::readImage(const Crs &target, const Box2d &bounds, int width, int height, RasterImage *out,
                              QString *error) const
{
    if (!out)
        return d->fail(error, QStringLiteral("no output image given"));
    GDALDatasetH mem = d->warp(target, bounds, width, height, true, error);
    if (!mem)
        return false;
    GdalErrorScope errors;
    const int bands = GDALGetRasterCount(mem); // colour bands + alpha (last)
    const int colourBands = bands - 1;
    const size_t pixels = size_t(width) * size_t(height);
    QByteArray rgba(qsizetype(pixels * 4), Qt::Uninitialized);
    auto *dst = reinterpret_cast<unsigned char *>(rgba.data());
    // Which output band feeds R, G, B, A.
    const int map[4] = {1, colourBands >= 3 ? 2 : 1, colourBands >= 3 ? 3 : 1, bands};
    CPLErr err = CE_None;
    const bool byteOut = GDALGetRasterDataType(GDALGetRasterBand(mem, 1)) == GDT_Byte;
    if (byteOut) {
        for (int c = 0; c < 4 && err == CE_None; ++c)
            err = GDALRasterIO(GDALGetRasterBand(mem, map[c]), GF_Read, 0, 0, width, height, dst + c, width, height,
                               GDT_Byte, 4, GSpacing(width) * 4);
    } else {
        // Non-8-bit imagery: stretch linearly over the (approximate) range of the source.
        double lo = std::numeric_limits<double>::max(), hi = std::numeric_limits<double>::lowest();
        QString openError;
        if (GDALDatasetH src = gdal::threadDataset(d->readPath(), GDAL_OF_RASTER | GDAL_OF_READONLY, &openError)) {
            for (int b = 1; b <= std::min(3, d->info.bands - (d->lastBandAlpha ? 1 : 0)); ++b) {
                double mm[2] = {0, 0};
                if (GDALComputeRasterMinMax(GDALGetRasterBand(src, b), TRUE, mm) == CE_None) {
                    lo = std::min(lo, mm[0]);
                    hi = std::max(hi, mm[1]);
                }
            }
        }
        if (!(hi > lo)) {
            lo = 0.0;
            hi = 255.0;
        }
        std::vector<float> plane(pixels);
        for (int c = 0; c < 4 && err == CE_None; ++c) {
            err = GDALRasterIO(GDALGetRasterBand(mem, map[c]), GF_Read, 0, 0, width, height, plane.data(), width,
                               height, GDT_Float32, 0, 0);
            const bool alpha = c == 3;
            for (size_t i = 0; i < pixels; ++i) {
                const double v = alpha ? plane[i] : (plane[i] - lo) * 255.0 / (hi - lo);
                dst[i * 4 + c] = static_cast<unsigned char>(std::clamp(std::isfinite(v) ? std::lround(v) : 0l, 0l, 255l));
            }
        }
        errors.clear(); // min/max warnings are not read errors
    }
    GDALClose(mem);
    if (err != CE_None)
        return d->fail(error, QStringLiteral("read error: %1").arg(errors.failure()));
    out->width = width;
    out->height = height;
    out->bounds = bounds;
    out->rgba = std::move(rgba);
    if (error)
        error->clear();
    return true;
}

bool RasterDataset::ensureOverviews(const QString &cacheDir, int minSize, const std::function<void(double)> &progress,
                                    QString *error) const
{
    if (!isValid())
        return d->fail(error, QStringLiteral("the raster is not open"));
    auto done = [&]() {
        if (progress)
            progress(1.0);
        if (error)
            error->clear();
        return true;
    };
    const RasterInfo &info = d->info;
    if (std::max(info.width, info.height) <= minSize)
        return done();

    std::lock_guard<std::mutex> buildLock(g_buildMutex);
    {
        QString openError;
        GDALDatasetH ds = gdal::threadDataset(d->readPath(), GDAL_OF_RASTER | GDAL_OF_READONLY, &openError);
        if (!ds)
            return d->fail(error, QStringLiteral("cannot reopen the raster: %1").arg(openError));
        if (GDALGetOverviewCount(GDALGetRasterBand(ds, 1)) > 0)
            return done();
    }

    std::vector<int> levels;
    for (int f = 2; f < (1 << 20); f *= 2) {
        levels.push_back(f);
        if ((std::max(info.width, info.height) + f - 1) / f < kSmallestOverview)
            break;
    }
    const char *resampling = d->hasColorTable ? "NEAREST" : "AVERAGE";

    ProgressData pd;
    pd.callback = &progress;

    // Builds external overviews for the file at `target` (opened read-only: GDAL writes target.ovr).
    auto build = [&](const QString &target, QString *problem) {
        GdalErrorScope errors;
        const QByteArray utf8 = target.toUtf8();
        GDALDatasetH ds = GDALOpenEx(utf8.constData(), GDAL_OF_RASTER | GDAL_OF_READONLY | GDAL_OF_VERBOSE_ERROR,
                                     nullptr, nullptr, nullptr);
        if (!ds) {
            *problem = errors.failure();
            return false;
        }
        const QByteArray oldCompress = CPLGetThreadLocalConfigOption("COMPRESS_OVERVIEW", "");
        CPLSetThreadLocalConfigOption("COMPRESS_OVERVIEW", "DEFLATE");
        const CPLErr err = GDALBuildOverviews(ds, resampling, int(levels.size()), levels.data(), 0, nullptr,
                                              &progressThunk, &pd);
        CPLSetThreadLocalConfigOption("COMPRESS_OVERVIEW", oldCompress.isEmpty() ? nullptr : oldCompress.constData());
        const QString buildError = errors.failure();
        GDALClose(ds);
        if (err != CE_None || !buildError.isEmpty()) {
            *problem = buildError.isEmpty() ? QStringLiteral("GDALBuildOverviews failed") : buildError;
            return false;
        }
        return true;
    };

    const bool localFile = !isVsiPath(d->absPath) && QFileInfo(d->absPath).isFile();
    QString problem;
    if (localFile && folderWritable(QFileInfo(d->absPath).absolutePath())) {
        if (build(d->absPath, &problem)) {
            gdal::bumpGeneration(d->absPath);
            return done();
        }
        QFile::remove(d->absPath + QStringLiteral(".ovr")); // drop a partial file
        gdal::bumpGeneration(d->absPath);
    }

    // Read-only folder (or writing next to the file failed): VRT wrapper + .ovr in cacheDir.
    if (cacheDir.isEmpty())
        return d->fail(error, QStringLiteral("cannot build overviews next to the file%1 and no cache folder was given")
                                  .arg(problem.isEmpty() ? QStringLiteral(" (read-only folder)")
                                                         : QStringLiteral(" (%1)").arg(problem)));
    if (!QDir().mkpath(cacheDir))
        return d->fail(error, QStringLiteral("cannot create the cache folder %1").arg(QDir::toNativeSeparators(cacheDir)));
    const QString hash = QString::fromLatin1(
        QCryptographicHash::hash(d->absPath.toUtf8(), QCryptographicHash::Sha1).toHex().left(16));
    const QString vrtPath = QDir(cacheDir).absoluteFilePath(hash + QLatin1Char('_') + QFileInfo(d->absPath).fileName()
                                                            + QStringLiteral(".vrt"));
    const QString ovrPath = vrtPath + QStringLiteral(".ovr");
    const QDateTime sourceTime = QFileInfo(d->absPath).lastModified();
    if (QFileInfo::exists(vrtPath) && QFileInfo::exists(ovrPath) && QFileInfo(vrtPath).lastModified() >= sourceTime
        && QFileInfo(ovrPath).lastModified() >= sourceTime) {
        registerCachedVrt(d->absPath, vrtPath);
        gdal::bumpGeneration(vrtPath);
        return done();
    }
    QFile::remove(vrtPath);
    QFile::remove(ovrPath);
    {
        GdalErrorScope errors;
        const QByteArray src = d->absPath.toUtf8();
        GDALDatasetH ds = GDALOpenEx(src.constData(), GDAL_OF_RASTER | GDAL_OF_READONLY | GDAL_OF_VERBOSE_ERROR,
                                     nullptr, nullptr, nullptr);
        GDALDatasetH copy = nullptr;
        if (ds) {
            const QByteArray dst = vrtPath.toUtf8();
            copy = GDALCreateCopy(GDALGetDriverByName("VRT"), dst.constData(), ds, FALSE, nullptr, nullptr, nullptr);
            if (copy)
                GDALClose(copy); // writes the .vrt
            GDALClose(ds);
        }
        if (!copy)
            return d->fail(error, QStringLiteral("cannot write the overview wrapper %1: %2")
                                      .arg(QDir::toNativeSeparators(vrtPath), errors.failure()));
    }
    if (!build(vrtPath, &problem)) {
        QFile::remove(vrtPath);
        QFile::remove(ovrPath);
        return d->fail(error, QStringLiteral("cannot build overviews in %1: %2")
                                  .arg(QDir::toNativeSeparators(cacheDir), problem));
    }
    registerCachedVrt(d->absPath, vrtPath);
    gdal::bumpGeneration(vrtPath);
    return done();
}

} // namespace liyuan
