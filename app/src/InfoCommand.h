#pragma once
#include <QJsonObject>
#include <QString>

namespace liyuan {

/**
 * `liyuan info [--deep] [--json] PATH`: describes a dataset without rendering — format,
 * CRS, origin, bounds (source CRS and WGS84), root tiles; with deep, every reachable
 * file, per-LOD-level triangles and texture bytes, missing children and unreadable files.
 * A path that is not an OSGB dataset is tried as a GDAL raster (format "raster": size,
 * bands, CRS, bounds, pixel size, overviews, nodata; a few pixels are read so a truncated
 * file is an error), then as an OGR vector (format "vector": layers with geometry type,
 * feature count, fields, CRS, bounds); when none opens, the error gives each reader's reason.
 * Runs on the main thread; deep reads use a worker pool.
 */
class InfoCommand
{
public:
    /** Builds the description; ok=false when the path cannot be opened at all. */
    static QJsonObject describe(const QString &path, bool deep, bool *ok, QString *error);
    /** Human-readable rendering of describe()'s object. */
    static QString toText(const QJsonObject &info);
    /** Prints to stdout and returns the process exit code. */
    static int run(const QString &path, bool deep, bool json);
};

} // namespace liyuan
