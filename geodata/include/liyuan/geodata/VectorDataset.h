#pragma once
#include "Crs.h"
#include "RasterDataset.h"

#include <QList>
#include <QString>
#include <QStringList>
#include <QVariantMap>

#include <memory>
#include <vector>

namespace liyuan {

/** One attribute field of a vector layer. */
struct VectorField
{
    QString name;
    QString type; ///< OGR field type name ("Integer", "Real", "String", …)
};

/** What one layer of a vector file holds. Plain data. */
struct VectorLayerInfo
{
    QString name;
    QString geometryType;     ///< "Polygon", "MultiPolygon", "LineString", "Point", … (+ " Z"/" M"/" ZM")
    qint64 featureCount = -1;
    QList<VectorField> fields;
    Crs crs;                  ///< invalid when the layer has none
    Box2d bounds;             ///< in crs units (or file units without a CRS)
    bool hasGeometry = false; ///< OGR found an extent: some feature has a geometry (false for attribute tables, null geometries)
    Box2d boundsWgs84;
};

/** What a vector file holds. */
struct VectorInfo
{
    QString file;
    QString driver;           ///< OGR short name ("GeoJSON", "ESRI Shapefile", "GPKG", …)
    QList<VectorLayerInfo> layers;
};

/**
 * One feature as plain data, coordinates already transformed into the requested CRS.
 * Polygons: parts = polygons, each a list of rings (outer first); lines: each part one
 * ring holding the line; points: each part one ring holding one point. z = 0 when 2D.
 * Rings are open (the closing vertex is not repeated). A geometry collection mixing kinds
 * gives one VectorFeature per kind, with the same fid; curves arrive linearised.
 */
struct VectorFeature
{
    enum class Kind { Point, Line, Polygon };
    qint64 fid = -1;
    Kind kind = Kind::Polygon;
    std::vector<std::vector<std::vector<Vec3d>>> parts;
    QVariantMap attributes;
};

/**
 * A vector file through OGR (GeoJSON, Shapefile, GeoPackage, anything OGR opens).
 * Copyable handle; methods safe from any thread (each thread opens its own handle).
 */
class VectorDataset
{
public:
    VectorDataset();
    ~VectorDataset();
    VectorDataset(const VectorDataset &);
    VectorDataset &operator=(const VectorDataset &);

    /** Opens the file; on failure isValid() is false and *error names the file and problem. */
    static VectorDataset open(const QString &path, QString *error = nullptr);
    bool isValid() const;
    const VectorInfo &info() const;

    /**
     * Reads every feature of a layer, transformed to target (no transform when target is
     * invalid). A layer without a CRS is assumed to be in assumeCrs and a warning says so.
     * Features with broken geometry are skipped with a warning naming their fid.
     */
    bool readFeatures(int layer, const Crs &target, const Crs &assumeCrs, std::vector<VectorFeature> *out,
                      QStringList *warnings, QString *error) const;

private:
    struct Private;
    std::shared_ptr<Private> d;
};

/** Calls GDALAllRegister() once; call on the main thread at start-up (any thread is safe, once). */
void registerGdalDrivers();

} // namespace liyuan
