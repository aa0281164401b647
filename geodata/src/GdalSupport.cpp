#include "GdalSupport.h"

#include <QDir>
#include <QFileInfo>
#include <QHash>
#include <QLocale>

#include <cpl_conv.h>
#include <cpl_string.h>

#include <list>
#include <mutex>

namespace liyuan::gdal {

// --- errors --------------------------------------------------------------------------------

GdalErrorScope::GdalErrorScope()
{
    CPLErrorReset();
    CPLPushErrorHandlerEx(&GdalErrorScope::handler, this);
}

GdalErrorScope::~GdalErrorScope()
{
    CPLPopErrorHandler();
}

void CPL_STDCALL GdalErrorScope::handler(CPLErr cls, CPLErrorNum, const char *msg)
{
    auto *self = static_cast<GdalErrorScope *>(CPLGetErrorHandlerUserData());
    if (!self || !msg)
        return;
    const QString text = QString::fromUtf8(msg).trimmed();
    if (cls == CE_Failure || cls == CE_Fatal)
        self->m_failure = text;
    else if (cls == CE_Warning && self->m_warnings.size() < 50)
        self->m_warnings << text;
}

QString GdalErrorScope::failure() const
{
    if (!m_failure.isEmpty())
        return m_failure;
    if (CPLGetLastErrorType() >= CE_Failure)
        return QString::fromUtf8(CPLGetLastErrorMsg()).trimmed();
    return QString();
}

void GdalErrorScope::clear()
{
    m_failure.clear();
    m_warnings.clear();
    CPLErrorReset();
}

// --- per-thread dataset cache ------------------------------------------------------------

namespace {

constexpr int kMaxPerThread = 16;

std::mutex g_generationMutex;
QHash<QString, quint64> g_generations; // path -> generation (missing = 0)

quint64 generationOf(const QString &path)
{
    std::lock_guard<std::mutex> lock(g_generationMutex);
    return g_generations.value(path, 0);
}

struct CachedDataset
{
    QString path;
    unsigned flags = 0;
    quint64 generation = 0;
    qint64 size = -1;
    qint64 mtimeMs = 0;
    GDALDatasetH ds = nullptr;
};

struct ThreadCache
{
    std::list<CachedDataset> entries; // most recently used first
    ~ThreadCache()
    {
        GdalErrorScope quiet;
        for (CachedDataset &e : entries)
            GDALClose(e.ds);
    }
};

ThreadCache &threadCache()
{
    // Closing a dataset at thread exit releases its SRS, which needs GDAL's thread_local
    // PROJ context. thread_locals die in reverse order of construction, so make GDAL build
    // that context first: it then outlives the cache (otherwise GDAL re-creates and leaks it).
    thread_local const bool projContextFirst = [] {
        GdalErrorScope quiet;
        OGRSpatialReferenceH srs = OSRNewSpatialReference(nullptr);
        OSRImportFromEPSG(srs, 4326);
        OSRDestroySpatialReference(srs);
        return true;
    }();
    (void)projContextFirst;
    thread_local ThreadCache cache;
    return cache;
}

} // namespace

GDALDatasetH threadDataset(const QString &path, unsigned flags, QString *error)
{
    ThreadCache &cache = threadCache();
    const QFileInfo fi(path);
    const qint64 size = fi.exists() ? fi.size() : -1;
    const qint64 mtime = fi.exists() ? fi.lastModified().toMSecsSinceEpoch() : 0;
    const quint64 generation = generationOf(path);
    for (auto it = cache.entries.begin(); it != cache.entries.end(); ++it) {
        if (it->path != path || it->flags != flags)
            continue;
        if (it->generation == generation && it->size == size && it->mtimeMs == mtime) {
            cache.entries.splice(cache.entries.begin(), cache.entries, it);
            return cache.entries.front().ds;
        }
        GdalErrorScope quiet;
        GDALClose(it->ds);
        cache.entries.erase(it);
        break;
    }

    GdalErrorScope errors;
    const QByteArray utf8 = path.toUtf8();
    GDALDatasetH ds = GDALOpenEx(utf8.constData(), flags | GDAL_OF_VERBOSE_ERROR, nullptr, nullptr, nullptr);
    if (!ds) {
        if (error) {
            *error = errors.failure();
            if (error->isEmpty())
                *error = QStringLiteral("GDAL could not open it");
        }
        return nullptr;
    }
    cache.entries.push_front(CachedDataset{path, flags, generation, size, mtime, ds});
    while (int(cache.entries.size()) > kMaxPerThread) {
        GdalErrorScope quiet;
        GDALClose(cache.entries.back().ds);
        cache.entries.pop_back();
    }
    return ds;
}

void bumpGeneration(const QString &path)
{
    std::lock_guard<std::mutex> lock(g_generationMutex);
    ++g_generations[path];
}

// --- spatial references --------------------------------------------------------------------

Crs spatialRefToCrs(OGRSpatialReferenceH srs, QString *problem)
{
    if (!srs)
        return Crs();
    const char *const options[] = {"FORMAT=WKT2_2019", "MULTILINE=NO", nullptr};
    char *wkt = nullptr;
    {
        GdalErrorScope quiet;
        if (OSRExportToWktEx(srs, &wkt, options) != OGRERR_NONE || !wkt) {
            CPLFree(wkt);
            wkt = nullptr;
            // WKT2 export can fail for odd ESRI definitions: try WKT1, then PROJ.
            if (OSRExportToWkt(srs, &wkt) != OGRERR_NONE || !wkt || !*wkt) {
                CPLFree(wkt);
                wkt = nullptr;
                if (OSRExportToProj4(srs, &wkt) != OGRERR_NONE) {
                    CPLFree(wkt);
                    wkt = nullptr;
                }
            }
        }
    }
    if (!wkt) {
        if (problem)
            *problem = QStringLiteral("GDAL cannot export its CRS");
        return Crs();
    }
    const QString text = QString::fromUtf8(wkt);
    CPLFree(wkt);
    QString err;
    Crs crs = Crs::fromString(text, &err);
    if (!crs.isValid() && problem)
        *problem = err;
    return crs;
}

OGRSpatialReferenceH crsToSpatialRef(const Crs &crs, QString *problem)
{
    if (!crs.isValid()) {
        if (problem)
            *problem = QStringLiteral("invalid CRS");
        return nullptr;
    }
    QString def = crs.definition();
    if (crs.kind() == Crs::Kind::Enu) {
        const Vec3d o = crs.enuOrigin(); // lon, lat, h
        def = QStringLiteral("+proj=ortho +lat_0=%1 +lon_0=%2 +x_0=0 +y_0=0 +ellps=WGS84 +units=m +no_defs +type=crs")
                  .arg(QString::number(o.y, 'g', 17), QString::number(o.x, 'g', 17));
    }
    GdalErrorScope errors;
    OGRSpatialReferenceH srs = OSRNewSpatialReference(nullptr);
    const QByteArray utf8 = def.toUtf8();
    if (OSRSetFromUserInput(srs, utf8.constData()) != OGRERR_NONE) {
        if (problem)
            *problem = QStringLiteral("GDAL does not accept the CRS %1: %2").arg(crs.name(), errors.failure());
        OSRDestroySpatialReference(srs);
        return nullptr;
    }
    OSRSetAxisMappingStrategy(srs, OAMS_TRADITIONAL_GIS_ORDER);
    return srs;
}

bool boundsToWgs84(OGRSpatialReferenceH srs, double minX, double minY, double maxX, double maxY, double out[4])
{
    if (!srs)
        return false;
    GdalErrorScope quiet;
    OGRSpatialReferenceH wgs84 = OSRNewSpatialReference(nullptr);
    OSRImportFromEPSG(wgs84, 4326);
    OSRSetAxisMappingStrategy(wgs84, OAMS_TRADITIONAL_GIS_ORDER);
    OGRSpatialReferenceH src = OSRClone(srs); // keeps the data axis mapping of srs
    bool ok = false;
    if (OGRCoordinateTransformationH ct = OCTNewCoordinateTransformation(src, wgs84)) {
        ok = OCTTransformBounds(ct, minX, minY, maxX, maxY, &out[0], &out[1], &out[2], &out[3], 21) != 0;
        OCTDestroyCoordinateTransformation(ct);
    }
    OSRDestroySpatialReference(src);
    OSRDestroySpatialReference(wgs84);
    return ok && out[2] > out[0] && out[3] > out[1];
}

QString displayName(const QString &path)
{
    return QDir::toNativeSeparators(path);
}

} // namespace liyuan::gdal
