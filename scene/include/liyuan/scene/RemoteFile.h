#pragma once
#include <QString>

namespace liyuan {

/**
 * remote: a single-file GDAL dataset (GeoTIFF, GeoJSON, GeoPackage, KML, FlatGeobuf …) by URL.
 *
 * The file is fetched whole through RemoteSource — so it goes through the same bounded disk
 * cache (offline use, survives restarts), retries, timeouts, --state-json counters and redacted
 * errors as tiles — and written to a plain local file in this process's session folder (a
 * temporary folder removed at exit), which GDAL then opens like any local file (every driver,
 * repeated opens by the tile readers). GDAL's /vsicurl/ was not used: it would bypass the disk
 * cache and offline mode and print the URL (credentials, signatures) in its own messages; its
 * gain, range reads of cloud-optimised GeoTIFFs, is not had here (the whole file is read).
 */
class RemoteFile
{
public:
    /**
     * The local copy of url (fetched on first use in this process; the same URL gives the same
     * file). Empty and *error ("URL: problem", redacted) on failure. Blocks: worker threads only.
     */
    static QString localCopy(const QString &url, QString *error);
    /** True for URLs whose file name has a single-file GDAL extension (tif, geojson, gpkg, …). */
    static bool isGdalFile(const QString &location);
};

} // namespace liyuan
