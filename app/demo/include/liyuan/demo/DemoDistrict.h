#pragma once
#include <QString>
#include <QStringList>

#include <functional>

namespace liyuan::demo {

/** Outcome of generating the demo district. */
struct DemoDistrictResult
{
    bool ok = false;
    QString error;        ///< what went wrong, naming the file
    QString datasetDir;   ///< the production root (holds metadata.xml and Data/)
    int files = 0;        ///< .osgb files written
    qint64 triangles = 0; ///< summed over all files and levels
    int lodLevels = 0;

    // GIS layers of the same area and CRS (EPSG:4549, x = easting), in <datasetDir>/gis:
    QString gisDir;       ///< <datasetDir>/gis
    QString demFile;      ///< gis/dem.tif: Float32 DEM, 2 m pixels, 1.6 km square; nodata (-9999) over the sea
    QString orthoFile;    ///< gis/ortho.tif: RGB orthophoto (JPEG-in-TIFF), 0.5 m pixels, same square
    QString vectorFile;   ///< gis/district.gpkg: GeoPackage with the layers below
    QStringList layers;   ///< buildings, heritage_zones, streets, pois
    int gisFiles = 0;     ///< files written under gis/ (rasters, GeoPackage, POI photos in gis/photos/)

    // Redevelopment schemes for two courtyard blocks of the historic core, in <datasetDir>/schemes:
    QString schemesFile;  ///< schemes/schemes.json: {"schemes":[{name, description, models:[{path, name, placement}], areas:[…]}]}
    int schemes = 0;      ///< schemes written (0 when taken from the cache stamp)
    int schemeModels = 0; ///< .glb models written (each with a .glb.geo.json placement sidecar)
    // Live IoT of the tower, replayable without a broker (liyuan::mqtt formats), in <datasetDir>/iot:
    QString iotDir;       ///< <datasetDir>/iot
    QString registryFile; ///< iot/registry.json: BuildingRegistry (EPSG:4549): the tower (24 floors, devices, tenants, meters) and the plaza's people counters
    QString mappingFile;  ///< iot/mapping.json: PayloadMapping file (SensorThings datastreams + JSON rule)
    QString feedFile;     ///< iot/feed.jsonl: FeedRecording: 24 h backfill at 15 min, then a 5-minute looping live part (with demo events on liyuan/demo/events)
    QString eventMappingFile; ///< iot/events.json: LiyuanEventMapping of the demo events
    // Surveillance cameras (LiyuanCameraRegistry, EPSG:4549), their video drawn by DemoCameraVideo:
    QString camerasFile;  ///< cameras/cameras.json; backgrounds in cameras/bg/<id>.png (+ <id>.depth.png)
    int cameras = 0;      ///< cameras in the registry
    /** demo.liyuan.json: the district as a project (see DemoProject.h); written by ensureDemoDistrict. */
    QString projectFile;
};

/** Progress callback: files done so far, total files. Called on the generating thread. */
using DemoProgress = std::function<void(int done, int total)>;

/**
 * Generates the procedural demo district (Qingdao liyuan courtyard blocks, streets, a
 * plaza, a 20+ floor tower) into outDir as a ContextCapture production in EPSG:4549 with
 * origin in Qingdao's Shinan district and >= 3 PagedLOD levels with procedural textures,
 * plus GIS layers of the same district in outDir/gis and redevelopment schemes (glTF models
 * with placements, replaced areas) in outDir/schemes (see DemoDistrictResult).
 * Heavy (~10 s): call on a worker thread. Overwrites outDir's content.
 * Progress counts .osgb files, GIS files and camera backgrounds: total = files + gisFiles + cameras.
 */
DemoDistrictResult generateDemoDistrict(const QString &outDir, const DemoProgress &progress = {});

/** Version of the generator's output; bump when the output changes. */
int demoDistrictVersion();

/**
 * The cache folder the app uses for the demo district
 * (QStandardPaths::CacheLocation/demo-district-v<version>, or $LIYUAN_DEMO_DIR).
 */
QString defaultDemoDistrictDir();

/**
 * Returns the demo district's folder, generating it first when it is missing or was made
 * by another generator version (a stamp file marks a complete generation). The folder holds
 * everything the demo needs, its project file (demo.liyuan.json, English layer names) included,
 * so a test or a script can open it without an earlier launch of the app.
 */
DemoDistrictResult ensureDemoDistrict(const QString &outDir, const DemoProgress &progress = {});

} // namespace liyuan::demo
