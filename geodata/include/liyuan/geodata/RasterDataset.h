#pragma once
#include "Crs.h"

#include <QByteArray>
#include <QList>
#include <QSize>
#include <QString>
#include <QStringList>

#include <functional>
#include <memory>
#include <optional>
#include <vector>

namespace liyuan {

/** An axis-aligned 2D box in some CRS's units. */
struct Box2d
{
    double minX = 0, minY = 0, maxX = 0, maxY = 0;
    bool isValid() const { return maxX > minX && maxY > minY; }
    double width() const { return maxX - minX; }
    double height() const { return maxY - minY; }
};

/** How a raster is shown: heights (a DEM streamed as terrain) or a picture (draped or a flat plane). */
enum class RasterRole { Terrain, Imagery };

/** What a raster file holds (cheap to obtain: header only). Plain data, any thread. */
struct RasterInfo
{
    QString file;
    QString driver;            ///< GDAL short name, e.g. "GTiff"
    int width = 0, height = 0, bands = 0;
    QStringList bandTypes;     ///< GDAL data type names per band
    QStringList colorInterpretation; ///< per band ("Red", "Gray", …)
    Crs crs;                   ///< invalid when the file has none
    Box2d bounds;              ///< in crs units
    Box2d boundsWgs84;         ///< lon/lat; invalid without a CRS
    double pixelSizeX = 0, pixelSizeY = 0;
    QList<QSize> overviews;    ///< of band 1, largest first
    std::vector<std::optional<double>> nodata; ///< per band
    QStringList units;         ///< per band unit type ("m", "ft", "" when the file says none)
    bool hasColorTable = false; ///< band 1 is paletted
    std::optional<double> minimum, maximum; ///< band 1 range when the file stores it (statistics), else none
    /** True when classify() makes it terrain. */
    bool isElevation() const;
    /** True when classify() makes it imagery. */
    bool isImage() const;
};

/** Heights resampled onto a regular grid (row 0 = north edge); NaN where there is no data. */
struct HeightGrid
{
    int width = 0, height = 0;
    Box2d bounds;              ///< in the target CRS; samples at cell centres
    std::vector<float> heights;
    float at(int x, int y) const { return heights[size_t(y) * width + x]; }
};

/** An RGBA8 image resampled onto a box (rows top first, tightly packed); alpha 0 outside data/nodata. */
struct RasterImage
{
    int width = 0, height = 0;
    Box2d bounds;
    QByteArray rgba;
};

/**
 * A GDAL raster (GeoTIFF, COG, …, any CRS): info, and windows read at the resolution
 * asked for — GDAL picks the overview level — warped into a target CRS by GDAL/PROJ
 * (never hand-written maths). Copyable handle; every method is safe from any thread
 * (each thread opens its own GDALDataset). open() is cheap.
 */
class RasterDataset
{
public:
    RasterDataset();
    ~RasterDataset();
    RasterDataset(const RasterDataset &);
    RasterDataset &operator=(const RasterDataset &);

    /** Opens the file's header; on failure isValid() is false and *error says why, naming the file. */
    static RasterDataset open(const QString &path, QString *error = nullptr);
    bool isValid() const;

    /**
     * Terrain or imagery, decided from the header alone (any thread): colour
     * interpretation (RGB, alpha, palette) or two bands and more → imagery; one band
     * with a length unit ("m", "ft") → terrain; one 8-bit or 16-bit unsigned band →
     * imagery unless its stored value range fits real heights and it has a length unit;
     * Int16/Int32/Float32/Float64 → terrain unless its stored range goes beyond any height
     * on Earth (above 9 km). *reason gets one short sentence saying why.
     */
    static RasterRole classify(const RasterInfo &info, QString *reason = nullptr);
    /** "terrain" / "imagery" (project and command-line spelling). */
    static QString roleName(RasterRole role);
    /** Parses "terrain" / "imagery" (case-insensitive); false for anything else. */
    static bool parseRole(const QString &text, RasterRole *role);
    /** Snapshot taken by open(): open the file again to see overviews built later. */
    const RasterInfo &info() const;

    /**
     * Builds overviews when the file has none and is larger than minSize in either
     * dimension: written as an external .ovr next to the file, or in cacheDir when the
     * folder is read-only. Progress 0..1 via callback. Any thread.
     */
    bool ensureOverviews(const QString &cacheDir, int minSize, const std::function<void(double)> &progress,
                         QString *error) const;

    /** Band 1 as heights on a width×height grid covering bounds (in target CRS; an invalid
     *  target means the raster's own CRS/coordinates; an ENU target is warped as its
     *  ellipsoidal orthographic projection, which matches ENU east/north to millimetres). */
    bool readHeights(const Crs &target, const Box2d &bounds, int width, int height, HeightGrid *out,
                     QString *error) const;
    /** RGB(A) (or grey) as RGBA8 on a width×height grid covering bounds (in target CRS). */
    bool readImage(const Crs &target, const Box2d &bounds, int width, int height, RasterImage *out,
                   QString *error) const;

private:
    struct Private;
    std::shared_ptr<Private> d;
};

} // namespace liyuan
