// Seed corpus generator for the fuzzers (tests/fuzz/run_fuzz.sh): writes the generated demo
// district (metadata.xml, .osgb tiles, GIS layers, IoT registry and mapping, schemes) into
// OUTDIR/demo, two small .osgb tiles written by OsgbWriter (the demo's tiles are large,
// which slows the fuzzer) as OUTDIR/osgb/, and a project that uses every part of the project format, saved by
// ProjectFile::save, as OUTDIR/project/demo.liyuan.json.
// Usage: fuzz_make_seeds OUTDIR
#include "ProjectFile.h"

#include <liyuan/demo/DemoDistrict.h>
#include <liyuan/osgb/OsgbReader.h>
#include <liyuan/osgb/OsgbWriter.h>

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QJsonDocument>

#include <cstdio>

using namespace liyuan;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    if (argc != 2) {
        std::fprintf(stderr, "usage: fuzz_make_seeds OUTDIR\n");
        return 2;
    }
    const QDir out(QString::fromLocal8Bit(argv[1]));
    if (!out.mkpath(QStringLiteral("project"))) {
        std::fprintf(stderr, "%s: cannot create\n", argv[1]);
        return 1;
    }
    const demo::DemoDistrictResult d = demo::ensureDemoDistrict(out.filePath(QStringLiteral("demo")));
    if (!d.ok) {
        std::fprintf(stderr, "demo district: %s\n", qPrintable(d.error));
        return 1;
    }

    // small tiles: a PagedLOD with inline geometry and a child file, with and without a texture
    out.mkpath(QStringLiteral("osgb"));
    osgb::registerOsgbReader();
    for (int textured = 0; textured < 2; ++textured) {
        TileContent c;
        c.origin = Vec3d(10, 20, 3);
        MeshData m;
        m.positions = {0, 0, 0, 4, 0, 0, 4, 4, 1, 0, 4, 1};
        m.normals = {0, 0, 1, 0, 0, 1, 0, 0, 1, 0, 0, 1};
        m.uvs = {0, 0, 1, 0, 1, 1, 0, 1};
        m.indices = {0, 1, 2, 0, 2, 3};
        if (textured) {
            ImageData img;
            img.width = img.height = 8;
            img.rgba = QByteArray(8 * 8 * 4, char(0x80));
            c.images.push_back(img);
            m.imageIndex = 0;
        }
        m.computeBounds();
        c.meshes.push_back(m);
        LodNode n;
        n.center = Vec3d(2, 2, 0.5);
        n.radius = 3;
        n.rangeMode = RangeMode::PixelSizeOnScreen;
        LodRange own;
        own.min = 0;
        own.max = 300;
        own.meshes = {0};
        LodRange child;
        child.min = 300;
        child.max = 1e30f;
        child.childFile = out.filePath(QStringLiteral("osgb/Tile_seed_L16_0.osgb"));
        n.ranges = {own, child};
        c.nodes.push_back(n);
        QString error;
        const QString file = out.filePath(textured ? QStringLiteral("osgb/Tile_seed_tex.osgb")
                                                   : QStringLiteral("osgb/Tile_seed.osgb"));
        if (!osgb::writeTile(c, file, &error)) {
            std::fprintf(stderr, "%s\n", qPrintable(error));
            return 1;
        }
    }

    ProjectFile p;
    p.hasFrame = true;
    p.crs = QStringLiteral("EPSG:4549");
    p.origin = Vec3d(528630, 3992050, 0);
    p.hasCamera = true;
    p.eye = Vec3d(120.5, -340.25, 210);
    p.rotation = QQuaternion::fromAxisAndAngle(1, 0, 0, 45);
    p.fovY = 50;
    p.layers.append(QJsonObject{{"id", "district"}, {"name", "示范街区"}, {"kind", "photogrammetry"},
                                {"path", "../demo"}, {"visible", true}, {"opacity", 1.0}});
    p.layers.append(QJsonObject{{"id", "dem"}, {"name", "DEM"}, {"kind", "terrain"}, {"path", "../demo/gis/dem.tif"},
                                {"visible", false}, {"opacity", 0.5},
                                {"style", QJsonObject{{"verticalOffset", -0.3}}}});
    p.layers.append(QJsonObject{{"id", "buildings"}, {"name", "buildings"}, {"kind", "vector"},
                                {"path", "../demo/gis/district.gpkg"}, {"sourceLayer", 0}, {"visible", true},
                                {"opacity", 0.8},
                                {"style", QJsonObject{{"colorMode", "graduated"}, {"attribute", "height"},
                                                      {"ranges", QJsonArray{QJsonObject{{"min", 0}, {"max", 10}, {"color", "#ff0000"}}}}}}});
    p.bookmarks << Bookmark{QStringLiteral("广场"), Vec3d(1, 2, 3), QQuaternion()};
    p.options = QJsonObject{{"cacheMb", 512}, {"maxLoads", 4}, {"lodScale", 1.0}};
    p.live = QJsonObject{{"broker", "tcp://127.0.0.1:1883"}, {"clientId", "liyuan"},
                         {"registry", "../demo/iot/registry.json"}, {"mapping", "../demo/iot/mapping.json"}};
    const QJsonObject placement{{"crs", "EPSG:4549"}, {"position", QJsonArray{527100.5, 3992050.25, 3}},
                                {"heading", 30}, {"scale", 1}, {"upAxis", "Y"}};
    p.models.append(QJsonObject{{"path", "models/kiosk.glb"}, {"name", "Kiosk"}, {"placement", placement}});
    p.schemes.append(QJsonObject{
        {"name", QStringLiteral("方案 A")},
        {"description", "low-rise"},
        {"models", QJsonArray{QJsonObject{{"path", "../schemes/a/tower.glb"}, {"placement", placement}}}},
        {"areas", QJsonArray{QJsonObject{{"mode", "flatten"}, {"height", 4.5}, {"crs", "EPSG:4549"},
                                         {"polygon", QJsonArray{QJsonArray{527000, 3992000}, QJsonArray{527100, 3992000},
                                                                QJsonArray{527100, 3992100}}}}}}});
    p.schemes.append(QJsonObject{{"name", "B"}, {"models", QJsonArray{}},
                                 {"areas", QJsonArray{QJsonObject{{"mode", "clip"}, {"crs", "EPSG:4326"},
                                                                  {"polygon", QJsonArray{QJsonArray{120.3, 36.0}, QJsonArray{120.31, 36.0},
                                                                                         QJsonArray{120.31, 36.01}}}}}}});
    p.activeScheme = 1;
    p.measurements.push_back({QStringLiteral("distance"), QStringLiteral("d1"), {Vec3d(0, 0, 0), Vec3d(3, 4, 12)}});
    p.measurements.push_back({QStringLiteral("area"), QString(), {Vec3d(0, 0, 0), Vec3d(10, 0, 0), Vec3d(10, 10, 1)}});
    p.measurements.push_back({QStringLiteral("height"), QString(), {Vec3d(5, 5, 20)}});
    p.measurements.push_back({QStringLiteral("sightline"), QStringLiteral("s"), {Vec3d(0, 0, 1.6), Vec3d(50, 20, 10)}});
    p.measurements.push_back({QStringLiteral("polyline"), QString(), {Vec3d(0, 0, 0), Vec3d(1, 0, 0), Vec3d(1, 1, 0)}});
    p.zoneRule = QStringLiteral("overlap");
    QString error;
    if (!p.save(out.filePath(QStringLiteral("project/demo.liyuan.json")), &error)) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        return 1;
    }
    std::printf("%s\n", qPrintable(d.datasetDir));
    return 0;
}
