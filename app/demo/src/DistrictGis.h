#pragma once
// Private to liyuan_demo: the GIS layers of the demo district (assets/demo/gis.json):
// a DEM and an orthophoto (GeoTIFF) of a wider area, and a GeoPackage of buildings,
// heritage zones, streets and points of interest with generated archive photos — all
// derived from the same Layout as the OSGB meshes, in the same CRS (EPSG:4549).

#include "DistrictModel.h"

#include <QImage>
#include <QPointF>
#include <QRectF>
#include <QPolygonF>
#include <QString>
#include <QStringList>

#include <functional>
#include <vector>

namespace liyuan::demo {

struct GisSpec
{
    QPointF centre{200, 200}; ///< of the square extent, local metres
    double size = 1600;       ///< side of the extent, metres
    double demPixel = 2, orthoPixel = 0.5;
    int jpegQuality = 82;

    struct Hill
    {
        QPointF at;
        double height = 0, radius = 1;
        QString name, nameEn;
    };
    struct Terrain
    {
        double upAzimuthDeg = 45, slopeStart = 150, slope = 0.06, coastDistance = 520, coastWobble = 38,
               beachWidth = 28, beachHeight = 1.2, flatMargin = 12, blend = 90, hillNoise = 2.5, nodata = -9999;
        std::vector<Hill> hills;
    } terrain;

    using Names = std::pair<QString, QString>; ///< Chinese, English
    std::vector<Names> li, northSouth, eastWest;
    Names coastal, hill;

    struct Zone
    {
        QString name, nameEn, type;
        double maxHeight = 0;
        QPolygonF ring; ///< local metres
    };
    std::vector<Zone> zones;

    struct Poi
    {
        QString name, nameEn, category, place, grade, photo;
        int year = 0;
        QPointF at;
        double along = 0;
        int index = 0;
    };
    std::vector<Poi> pois;
};

/** Parses gis.json; false with *error on a missing or bad field. */
bool parseGisSpec(const QByteArray &json, GisSpec &out, QString *error);

/**
 * Ground height (m, district z) of the demo terrain at local x, y — the function the DEM samples;
 * exactly 0 inside the district, NaN in the sea.
 */
double districtGroundHeight(const Layout &layout, const GisSpec &spec, double x, double y);

/** Files writeDistrictGis writes (DEM, ortho, GeoPackage, one photo per POI): its progress steps. */
int gisFileCount(const GisSpec &spec);

struct GisResult
{
    QStringList files;  ///< relative to the GIS folder ("dem.tif", "photos/poi_01.jpg", …)
    QStringList layers; ///< GeoPackage layer names
    int buildings = 0, zones = 0, streets = 0, pois = 0;
    QImage orthoPreview; ///< the orthophoto at a quarter of its resolution (row 0 = north edge)
    QRectF orthoExtent;  ///< what it covers, local metres
};

/**
 * Writes dem.tif, ortho.tif, district.gpkg and photos/ into gisDir (created). step() is
 * called once per file written. Errors name the file.
 */
bool writeDistrictGis(const Layout &layout, const GisSpec &spec, const QString &gisDir, GisResult *out,
                      QString *error, const std::function<void()> &step);

} // namespace liyuan::demo
