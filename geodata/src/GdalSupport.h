#pragma once
// Internal helpers shared by RasterDataset.cpp and VectorDataset.cpp (not installed, no
// GDAL types leak into the public headers).
//
//  - GdalErrorScope: silences GDAL's default stderr handler for the current thread while
//    a call runs and keeps the failure messages, so they can become Liyuan error strings.
//  - threadDataset(): the per-thread GDALDatasetH cache. GDAL datasets are not thread-safe,
//    so every thread opens its own handle to a file (keyed by path + open flags) and keeps
//    it (LRU, kMaxPerThread handles). A handle is reopened when the file's size/mtime
//    changed or when bumpGeneration(path) was called (e.g. after overviews were built).
//  - spatialRefToCrs(): an OGRSpatialReference as a Liyuan Crs (via WKT2).

#include "liyuan/geodata/Crs.h"

#include <QString>
#include <QStringList>

#include <cpl_error.h>
#include <gdal.h>
#include <ogr_srs_api.h>

namespace liyuan::gdal {

/** RAII: routes GDAL errors of this thread into this object instead of stderr. */
class GdalErrorScope
{
public:
    GdalErrorScope();
    ~GdalErrorScope();
    GdalErrorScope(const GdalErrorScope &) = delete;
    GdalErrorScope &operator=(const GdalErrorScope &) = delete;

    /** The last CE_Failure/CE_Fatal message seen in this scope (or GDAL's last error). */
    QString failure() const;
    /** Warnings seen in this scope. */
    QStringList warnings() const { return m_warnings; }
    void clear();

private:
    static void CPL_STDCALL handler(CPLErr cls, CPLErrorNum num, const char *msg);
    QString m_failure;
    QStringList m_warnings;
};

/** The calling thread's handle to path opened with GDALOpenEx(flags); nullptr + *error on failure.
 *  Owned by the cache: do not close it, and do not keep it beyond the current call. */
GDALDatasetH threadDataset(const QString &path, unsigned flags, QString *error);
/** Makes every thread reopen path on its next threadDataset() call. */
void bumpGeneration(const QString &path);

/** Converts a GDAL/OGR SRS to a Crs (invalid when srs is null or not understood). */
Crs spatialRefToCrs(OGRSpatialReferenceH srs, QString *problem = nullptr);
/** A new OGRSpatialReference from a Crs (traditional GIS axis order); caller OSRDestroy()s.
 *  An ENU frame becomes the ellipsoidal orthographic projection at its origin (PROJ's
 *  +proj=ortho on WGS84, EPSG method 9840): identical to ENU east/north for points on the
 *  ellipsoid, off by about h*d/R for a point at height h and distance d (5 mm at 30 m, 1 km). */
OGRSpatialReferenceH crsToSpatialRef(const Crs &crs, QString *problem = nullptr);
/** Transforms bounds (densified edges) into WGS84 lon/lat (out = minX, minY, maxX, maxY). */
bool boundsToWgs84(OGRSpatialReferenceH srs, double minX, double minY, double maxX, double maxY,
                   double out[4]);

/** The file as named in messages (the path as the caller gave it, native separators). */
QString displayName(const QString &path);

} // namespace liyuan::gdal
