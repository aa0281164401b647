#pragma once
#include <QJsonObject>
#include <QString>

namespace liyuan {

/**
 * `liyuan info [--deep] [--json] PATH`: describes a dataset without rendering — format,
 * CRS, origin, bounds (source CRS and WGS84), root tiles; with deep, every reachable
 * file, per-LOD-level triangles and texture bytes, missing children and unreadable files.
 * A building-model file (.glb .gltf .fbx .obj .dae .3ds .ifc, or another extension Assimp
 * knows with matching magic) is read with assimp::ModelReader (format "model": source format,
 * nodes, meshes, triangles, materials, embedded / missing textures, IFC storeys, bounds, up
 * axis, warnings, and "placement" echoed from a sidecar MODEL.geo.json); a CityJSON file with
 * assimp::CityJsonReader (format "cityjson": reference system, objects per type, LoDs,
 * attribute names, triangles) and a CityGML 1.0/2.0 file with citygml::CityGmlReader (format
 * "citygml": the same, plus srsName, CRS name and WGS84 bounds); their errors are final (no
 * GDAL fallback).
 * A camera registry (cameras::CameraRegistry::identify: JSON "LiyuanCameraRegistry" or a
 * GeoPackage camera layer) gives format "cameras": count, CRS, departments with counts, PTZ,
 * stream schemes, credential references (names only), invalid records and warnings.
 * Any other path that is not an OSGB dataset is tried as a GDAL raster (format "raster": size,
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
