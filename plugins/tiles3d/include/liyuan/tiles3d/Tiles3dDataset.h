#pragma once
#include <liyuan/geodata/LocalFrame.h>

#include <QString>
#include <QStringList>

namespace liyuan::tiles3d {

/**
 * An OGC 3D Tiles tileset the user opened (a tileset.json): its frame and root tile.
 * Georeferenced tilesets (ECEF transform, region volumes) get an east-north-up frame
 * tangent to the ellipsoid at the centre of the root bounding volume (PROJ topocentric);
 * others (model units, e.g. a unit square) a local frame, with a warning.
 * Cheap (reads tileset.json only) but a URL (http://, https://, s3://) is fetched through
 * RemoteSource, so open() runs on a worker thread (LayerManager uses runThen); identify() of a
 * URL decides from the name alone (a .json URL).
 */
struct Tiles3dDataset
{
    bool ok = false;
    QString path;          ///< the tileset.json opened (absolute path or URL)
    QString error;         ///< "FILE: problem" when !ok
    QStringList warnings;
    QString version;       ///< asset.version
    LocalFrame frame;      ///< the dataset frame (invalid CRS: not georeferenced)
    QStringList rootFiles; ///< one tile path (Tiles3dReader's tile addressing)

    /** True when path is a JSON file with "asset": {"version": …} (reads at most 64 KiB), or a .json URL. */
    static bool identify(const QString &path);
    /** Opens the tileset.json at path or URL; blocks on a fetch for a URL (worker threads). */
    static Tiles3dDataset open(const QString &path);
};

} // namespace liyuan::tiles3d
