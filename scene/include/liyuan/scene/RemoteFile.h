#pragma once
#include <QString>
#include <QStringList>

namespace liyuan {

/**
 * remote: a file-based dataset (GDAL file, shapefile, model, CityJSON, CityGML) by URL.
 *
 * The file is fetched whole through RemoteSource — so it goes through the same bounded disk
 * cache (offline use, survives restarts), retries, timeouts, --state-json counters and redacted
 * errors as tiles — and written to a plain local file in this process's session folder (a
 * temporary folder removed at exit), which GDAL/Assimp/the city readers then open like any local
 * file. localBundle() also fetches the files it needs beside it (shapefile sidecars, a .gltf's
 * buffers and images, an .obj's materials and textures, CityJSON and CityGML textures, a model's
 * placement sidecar) into the same folder with the same relative layout. GDAL's /vsicurl/ was not
 * used: it would bypass the disk cache and offline mode and print the URL (credentials,
 * signatures) in its own messages; its gain, range reads of cloud-optimised GeoTIFFs, is not had
 * here (the whole file is read).
 */
class RemoteFile
{
public:
    /**
     * The local copy of url (fetched on first use in this process; the same URL gives the same
     * file). Empty and *error ("URL: problem", redacted) on failure. Blocks: worker threads only.
     */
    static QString localCopy(const QString &url, QString *error);
    /**
     * The local copy of url with the files it refers to beside it (same relative layout):
     * `.shp`: `.shx` and `.dbf` (required), `.prj`, `.cpg`, `.qix` (optional);
     * `.gltf`: relative `buffers[].uri` (required) and `images[].uri`; `.obj`: `mtllib` files and
     * their `map_*`/`bump`/`norm`/`disp` textures; `.json` (CityJSON): `appearance.textures[].image`;
     * `.gml`/`.xml`: CityGML `imageURI` textures; plus `optionalSiblings` (file names beside url,
     * e.g. a model's `.geo.json` placement). A reference that leaves the folder (`..`, an absolute
     * path) or names another host (an absolute URL) is refused with *error. An optional file that
     * is missing (HTTP 403/404/410, or --offline and not cached) is skipped; a texture that cannot be
     * fetched is a *warnings line (the model opens untextured). Empty and *error naming the URL (and
     * the companion's URL) on failure. Blocks: worker threads only.
     */
    static QString localBundle(const QString &url, QString *error, QStringList *warnings = nullptr,
                               const QStringList &optionalSiblings = {});
    /** True for URLs whose file name has a single-file GDAL extension (tif, geojson, gpkg, …). */
    static bool isGdalFile(const QString &location);
    /** True for a `.shp` URL. */
    static bool isShapefile(const QString &location);
    /**
     * What a local JSON file holds: "CityJSON" ("type": "CityJSON"), "tileset" (an "asset" and a
     * "root"), "GeoJSON" (a GeoJSON "type"), or empty (none of these, or not JSON). Any thread.
     */
    static QString jsonKind(const QString &localFile);
    /**
     * `text` (a message, a JSON description) with every path inside this process's session copies
     * replaced by the redacted URL it was fetched from. Any thread.
     */
    static QString shownText(const QString &text);
};

} // namespace liyuan
