#include <liyuan/demo/DemoDistrict.h>
#include <liyuan/demo/DemoProject.h>

#include "DistrictBuilder.h"
#include "DistrictCameras.h"
#include "DistrictGis.h"
#include "DistrictIot.h"
#include "DistrictModel.h"
#include "DistrictSchemes.h"

#include <liyuan/osgb/OsgbWriter.h>

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QStandardPaths>
#include <QUuid>

#include <algorithm>
#include <cmath>

namespace liyuan::demo {
namespace {

constexpr int kVersion = 5; // 2: GIS layers in gis/; 3: redevelopment schemes in schemes/; 4: IoT registry, mapping and recorded feed in iot/;
                            // 5: surveillance cameras in cameras/ (registry, backgrounds), demo events (iot/events.json, feed)
constexpr int kLodLevels = 3;
const char *const kRecipeResource = ":/liyuan/assets/demo/district.json";
const char *const kGisResource = ":/liyuan/assets/demo/gis.json";
const char *const kStampName = ".liyuan-demo-complete";
const char *const kGisFolder = "gis";
const char *const kGisRequired[] = {"dem.tif", "ortho.tif", "district.gpkg"};
// Review tools: redevelopment schemes (glTF models, placements, replaced areas)
const char *const kSchemesResource = ":/liyuan/assets/demo/schemes.json";
const char *const kSchemesIndex = "schemes/schemes.json";
const char *const kIotFolder = "iot";
const char *const kIotRequired[] = {"registry.json", "mapping.json", "feed.jsonl", "events.json"};
const char *const kCamerasIndex = "cameras/cameras.json";

QString tileName(int tx, int ty)
{
    return QString::asprintf("Tile_%+04d_%+04d", tx, ty);
}

bool loadGisSpec(GisSpec &s, QString *error)
{
    QFile f(QString::fromLatin1(kGisResource));
    if (!f.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("%1: the demo GIS resource is missing").arg(QString::fromLatin1(kGisResource));
        return false;
    }
    QString why;
    if (!parseGisSpec(f.readAll(), s, &why)) {
        *error = QStringLiteral("%1: %2").arg(QString::fromLatin1(kGisResource), why);
        return false;
    }
    return true;
}

/** Fills the GIS paths of res from its datasetDir. */
void fillGisPaths(DemoDistrictResult &res)
{
    const QDir gis(QDir(res.datasetDir).filePath(QString::fromLatin1(kGisFolder)));
    res.gisDir = gis.absolutePath();
    res.demFile = gis.filePath(QStringLiteral("dem.tif"));
    res.orthoFile = gis.filePath(QStringLiteral("ortho.tif"));
    res.vectorFile = gis.filePath(QStringLiteral("district.gpkg"));
    res.schemesFile = QDir(res.datasetDir).filePath(QString::fromLatin1(kSchemesIndex));
    const QDir iot(QDir(res.datasetDir).filePath(QString::fromLatin1(kIotFolder)));
    res.iotDir = iot.absolutePath();
    res.registryFile = iot.filePath(QStringLiteral("registry.json"));
    res.mappingFile = iot.filePath(QStringLiteral("mapping.json"));
    res.feedFile = iot.filePath(QStringLiteral("feed.jsonl"));
    res.eventMappingFile = iot.filePath(QStringLiteral("events.json"));
    res.camerasFile = QDir(res.datasetDir).filePath(QString::fromLatin1(kCamerasIndex));
    res.projectFile = QDir(res.datasetDir).filePath(demoProjectFileName());
}

bool writeText(const QString &path, const QByteArray &text, QString *error)
{
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(text) != text.size() || !f.commit()) {
        *error = QStringLiteral("%1: cannot write: %2").arg(QDir::toNativeSeparators(path), f.errorString());
        return false;
    }
    return true;
}

QByteArray metadataXml(const Recipe &r)
{
    QByteArray x;
    x += "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n";
    x += "<ModelMetadata version=\"1\">\n";
    x += "\t<!--Liyuan procedural demo district (not a survey): Qingdao, Shinan district-->\n";
    x += "\t<!--Spatial Reference System-->\n";
    x += "\t<SRS>" + r.srs.toUtf8() + "</SRS>\n";
    x += "\t<!--Origin in Spatial Reference System-->\n";
    x += "\t<SRSOrigin>" + QByteArray::number(r.origin[0], 'f', 6) + "," + QByteArray::number(r.origin[1], 'f', 6) + ","
         + QByteArray::number(r.origin[2], 'f', 6) + "</SRSOrigin>\n";
    x += "\t<Texture>\n\t\t<ColorSource>Visible</ColorSource>\n\t</Texture>\n";
    x += "</ModelMetadata>\n";
    return x;
}

/** Appends `src` (positions relative to src.origin) to `dst`; returns the first new mesh index. */
int appendContent(TileContent &dst, const TileContent &src)
{
    const int meshBase = int(dst.meshes.size());
    const int imageBase = int(dst.images.size());
    const Vec3d shift = src.origin - dst.origin;
    for (const ImageData &img : src.images)
        dst.images.push_back(img);
    for (MeshData m : src.meshes) {
        for (size_t i = 0; i + 2 < m.positions.size(); i += 3) {
            m.positions[i] += float(shift.x);
            m.positions[i + 1] += float(shift.y);
            m.positions[i + 2] += float(shift.z);
        }
        if (m.imageIndex >= 0)
            m.imageIndex += imageBase;
        m.computeBounds();
        dst.meshes.push_back(std::move(m));
    }
    return meshBase;
}

struct Bounds
{
    double mn[3] = {1e30, 1e30, 1e30}, mx[3] = {-1e30, -1e30, -1e30};
    void add(const RegionContent &rc)
    {
        for (int k = 0; k < 3; ++k) {
            mn[k] = std::min(mn[k], rc.boundsMin[k]);
            mx[k] = std::max(mx[k], rc.boundsMax[k]);
        }
    }
    void add(const Bounds &b)
    {
        for (int k = 0; k < 3; ++k) {
            mn[k] = std::min(mn[k], b.mn[k]);
            mx[k] = std::max(mx[k], b.mx[k]);
        }
    }
    Vec3d center() const { return Vec3d((mn[0] + mx[0]) / 2, (mn[1] + mx[1]) / 2, (mn[2] + mx[2]) / 2); }
    double radius() const
    {
        return 0.5 * std::sqrt((mx[0] - mn[0]) * (mx[0] - mn[0]) + (mx[1] - mn[1]) * (mx[1] - mn[1])
                               + (mx[2] - mn[2]) * (mx[2] - mn[2]));
    }
};

std::vector<int> allMeshes(int from, int to)
{
    std::vector<int> v;
    for (int i = from; i < to; ++i)
        v.push_back(i);
    return v;
}

/** Reads "key=value" lines of a stamp file. */
QMap<QString, QString> readStamp(const QString &dir)
{
    QMap<QString, QString> out;
    QFile f(QDir(dir).filePath(QString::fromLatin1(kStampName)));
    if (!f.open(QIODevice::ReadOnly))
        return out;
    const QList<QByteArray> lines = f.readAll().split('\n');
    for (const QByteArray &l : lines) {
        const int eq = l.indexOf('=');
        if (eq > 0)
            out.insert(QString::fromUtf8(l.left(eq)).trimmed(), QString::fromUtf8(l.mid(eq + 1)).trimmed());
    }
    return out;
}

bool stampIsCurrent(const QString &dir, DemoDistrictResult *fill)
{
    const QMap<QString, QString> s = readStamp(dir);
    if (s.value(QStringLiteral("version")).toInt() != kVersion)
        return false;
    if (!QFileInfo::exists(QDir(dir).filePath(QStringLiteral("metadata.xml"))))
        return false;
    if (!QFileInfo::exists(QDir(dir).filePath(QString::fromLatin1(kSchemesIndex))))
        return false;
    if (!QFileInfo::exists(QDir(dir).filePath(QString::fromLatin1(kCamerasIndex))))
        return false;
    for (const char *f : kGisRequired)
        if (!QFileInfo::exists(QDir(dir).filePath(QString::fromLatin1(kGisFolder) + QLatin1Char('/') + QLatin1String(f))))
            return false;
    for (const char *f : kIotRequired)
        if (!QFileInfo::exists(QDir(dir).filePath(QString::fromLatin1(kIotFolder) + QLatin1Char('/') + QLatin1String(f))))
            return false;
    if (fill) {
        fill->ok = true;
        fill->datasetDir = QDir(dir).absolutePath();
        fill->files = s.value(QStringLiteral("files")).toInt();
        fill->triangles = s.value(QStringLiteral("triangles")).toLongLong();
        fill->lodLevels = s.value(QStringLiteral("lodLevels")).toInt();
        fill->gisFiles = s.value(QStringLiteral("gisFiles")).toInt();
        fill->cameras = s.value(QStringLiteral("cameras")).toInt();
        fill->layers = s.value(QStringLiteral("layers")).split(QLatin1Char(','), Qt::SkipEmptyParts);
        fillGisPaths(*fill);
    }
    return true;
}

} // namespace

bool loadRecipeResource(Recipe &r, QString *error)
{
    QFile f(QString::fromLatin1(kRecipeResource));
    if (!f.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("%1: the demo recipe resource is missing").arg(QString::fromLatin1(kRecipeResource));
        return false;
    }
    QString why;
    if (!parseRecipe(f.readAll(), r, &why)) {
        *error = QStringLiteral("%1: %2").arg(QString::fromLatin1(kRecipeResource), why);
        return false;
    }
    return true;
}

int demoDistrictVersion()
{
    return kVersion;
}

DemoDistrictResult generateDemoDistrict(const QString &outDir, const DemoProgress &progress)
{
    DemoDistrictResult res;
    res.datasetDir = QDir(outDir).absolutePath();
    Recipe recipe;
    if (!loadRecipeResource(recipe, &res.error))
        return res;
    const Layout layout = makeLayout(recipe);
    GisSpec gisSpec;
    if (!loadGisSpec(gisSpec, &res.error))
        return res;
    fillGisPaths(res);

    QDir out(res.datasetDir);
    if (!out.mkpath(QStringLiteral("Data"))) {
        res.error = QStringLiteral("%1: cannot create the folder").arg(QDir::toNativeSeparators(res.datasetDir));
        return res;
    }
    if (!writeText(out.filePath(QStringLiteral("metadata.xml")), metadataXml(recipe), &res.error))
        return res;

    const std::vector<DemoCamera> cameras = districtCameras(layout);
    // progress: .osgb files, GIS files, then one camera background each
    const int total = recipe.tilesX * recipe.tilesY * 6 + gisFileCount(gisSpec) + int(cameras.size());
    std::vector<TileContent> cameraScene; // the Mid level of every cell: what the camera backgrounds show
    int done = 0;
    auto step = [&] {
        ++done;
        if (progress)
            progress(done, total);
    };
    if (progress)
        progress(0, total);

    const float kFar = 1e30f;
    for (int ty = 0; ty < recipe.tilesY; ++ty) {
        for (int tx = 0; tx < recipe.tilesX; ++tx) {
            const QString name = tileName(tx, ty);
            const QString dir = out.filePath(QStringLiteral("Data/") + name);
            if (!QDir().mkpath(dir)) {
                res.error = QStringLiteral("%1: cannot create the folder").arg(QDir::toNativeSeparators(dir));
                return res;
            }
            const QRectF tileRect(tx * recipe.tileSize, ty * recipe.tileSize, recipe.tileSize, recipe.tileSize);
            const Vec3d tileOrigin(tileRect.center().x(), tileRect.center().y(), 0);
            const QString midPath = QDir(dir).filePath(name + QStringLiteral("_L15_0.osgb"));

            // finest level: one file per cell, plain geometry
            Bounds cellBounds[4];
            QString finePath[4];
            for (int q = 0; q < 4; ++q) {
                const int cx = tx * 2 + (q % 2), cy = ty * 2 + (q / 2);
                const QRectF cell = layout.cellRect(cx, cy);
                RegionContent fine = buildRegion(layout, cell, Detail::Fine, Vec3d(cell.center().x(), cell.center().y(), 0));
                cellBounds[q].add(fine);
                finePath[q] = QDir(dir).filePath(name + QStringLiteral("_L16_0%1.osgb").arg(q));
                fine.content.sourceFile = finePath[q];
                if (!osgb::writeTile(fine.content, finePath[q], &res.error))
                    return res;
                res.triangles += fine.content.triangleCount();
                ++res.files;
                step();
            }

            // middle level: a Group of one PagedLOD per cell
            TileContent mid;
            mid.origin = tileOrigin;
            mid.sourceFile = midPath;
            Bounds tileBounds;
            for (int q = 0; q < 4; ++q) {
                const int cx = tx * 2 + (q % 2), cy = ty * 2 + (q / 2);
                const QRectF cell = layout.cellRect(cx, cy);
                RegionContent rc = buildRegion(layout, cell, Detail::Mid, tileOrigin);
                cellBounds[q].add(rc);
                tileBounds.add(cellBounds[q]);
                cameraScene.push_back(rc.content);
                const int first = appendContent(mid, rc.content);
                LodNode node;
                node.center = cellBounds[q].center() - mid.origin;
                node.radius = cellBounds[q].radius();
                node.rangeMode = RangeMode::PixelSizeOnScreen;
                LodRange own;
                own.min = 0;
                own.max = recipe.midSwitchPx;
                own.meshes = allMeshes(first, int(mid.meshes.size()));
                LodRange child;
                child.min = recipe.midSwitchPx;
                child.max = kFar;
                child.childFile = finePath[q];
                node.ranges = {own, child};
                mid.nodes.push_back(node);
            }
            if (!osgb::writeTile(mid, midPath, &res.error))
                return res;
            res.triangles += mid.triangleCount();
            ++res.files;
            step();

            // root: one PagedLOD, coarse geometry of the whole tile
            RegionContent root = buildRegion(layout, tileRect, Detail::Root, tileOrigin);
            tileBounds.add(root);
            LodNode node;
            node.center = tileBounds.center() - root.content.origin;
            node.radius = tileBounds.radius();
            node.rangeMode = RangeMode::PixelSizeOnScreen;
            LodRange own;
            own.min = 0;
            own.max = recipe.rootSwitchPx;
            own.meshes = allMeshes(0, int(root.content.meshes.size()));
            LodRange child;
            child.min = recipe.rootSwitchPx;
            child.max = kFar;
            child.childFile = midPath;
            node.ranges = {own, child};
            root.content.nodes.push_back(node);
            const QString rootPath = QDir(dir).filePath(name + QStringLiteral(".osgb"));
            root.content.sourceFile = rootPath;
            if (!osgb::writeTile(root.content, rootPath, &res.error))
                return res;
            res.triangles += root.content.triangleCount();
            ++res.files;
            step();
        }
    }
    res.lodLevels = kLodLevels;

    // GIS layers of the same layout: DEM, orthophoto, GeoPackage, POI photos
    GisResult gis;
    if (!writeDistrictGis(layout, gisSpec, res.gisDir, &gis, &res.error, step))
        return res;
    res.gisFiles = int(gis.files.size());
    res.layers = gis.layers;
    // the demo cameras also see the terrain around the district, draped with the orthophoto
    cameraScene.push_back(surroundingsContent(QRectF(0, 0, recipe.tilesX * recipe.tileSize, recipe.tilesY * recipe.tileSize),
                                              gis.orthoExtent, gis.orthoPreview, 10.0,
                                              [&](double x, double y) { return districtGroundHeight(layout, gisSpec, x, y); }));
    gis.orthoPreview = QImage();

    // Review tools: redevelopment schemes of two core blocks (glTF models); not progress steps
    {
        QFile recipeFile(QString::fromLatin1(kSchemesResource));
        if (!recipeFile.open(QIODevice::ReadOnly)) {
            res.error = QStringLiteral("%1: the demo schemes resource is missing").arg(QString::fromLatin1(kSchemesResource));
            return res;
        }
        SchemesResult schemes;
        if (!writeDistrictSchemes(layout, gisSpec, recipeFile.readAll(), res.datasetDir, &schemes, &res.error))
            return res;
        res.schemes = schemes.schemes;
        res.schemeModels = schemes.models;
    }
    // live IoT of the tower: registry, payload mapping, recorded feed
    if (!writeDistrictIot(layout, res.iotDir, nullptr, &res.error))
        return res;
    // surveillance cameras: the registry, then each camera's background (the district as it sees it)
    if (!out.mkpath(QStringLiteral("cameras")) || !writeText(res.camerasFile, cameraRegistryJson(layout, cameras), &res.error))
        return res;
    if (!renderCameraBackgrounds(cameraScene, cameras, out.filePath(QStringLiteral("cameras/bg")), step, &res.error))
        return res;
    res.cameras = int(cameras.size());
    res.ok = true;
    return res;
}

QString defaultDemoDistrictDir()
{
    const QString env = qEnvironmentVariable("LIYUAN_DEMO_DIR");
    if (!env.isEmpty())
        return QDir(env).absolutePath();
    QString base = QStandardPaths::writableLocation(QStandardPaths::CacheLocation);
    if (base.isEmpty())
        base = QDir::temp().filePath(QStringLiteral("liyuan-cache"));
    return QDir(base).filePath(QStringLiteral("demo-district-v%1").arg(kVersion));
}

DemoDistrictResult ensureDemoDistrict(const QString &outDir, const DemoProgress &progress)
{
    DemoDistrictResult res;
    const QString target = QDir::cleanPath(QDir(outDir).absolutePath());
    res.datasetDir = target;
    if (stampIsCurrent(target, &res)) {
        // a folder made before the project file was part of it
        if (!QFileInfo::exists(res.projectFile) && !writeDemoProject(res, DemoProjectNames(), &res.error))
            res.ok = false;
        return res;
    }

    const QFileInfo ti(target);
    const QString parent = ti.absolutePath();
    if (!QDir().mkpath(parent)) {
        res.error = QStringLiteral("%1: cannot create the folder").arg(QDir::toNativeSeparators(parent));
        return res;
    }
    const QString unique = QUuid::createUuid().toString(QUuid::Id128).left(12);
    const QString tmp = QDir(parent).filePath(ti.fileName() + QStringLiteral(".tmp-") + unique);
    QDir(tmp).removeRecursively();

    DemoDistrictResult gen = generateDemoDistrict(tmp, progress);
    if (!gen.ok) {
        QDir(tmp).removeRecursively();
        return gen;
    }
    // everything the demo needs, its project included (relative paths: valid after the rename)
    if (!writeDemoProject(gen, DemoProjectNames(), &res.error)) {
        QDir(tmp).removeRecursively();
        return res;
    }
    // The stamp goes in before the rename: the rename is the commit point, so a folder
    // at `target` is either complete and stamped or absent/stale.
    const QByteArray stamp = "version=" + QByteArray::number(kVersion) + "\nfiles=" + QByteArray::number(gen.files)
                             + "\ntriangles=" + QByteArray::number(gen.triangles) + "\nlodLevels="
                             + QByteArray::number(gen.lodLevels) + "\ngisFiles=" + QByteArray::number(gen.gisFiles)
                             + "\nlayers=" + gen.layers.join(QLatin1Char(',')).toUtf8() + "\ncameras="
                             + QByteArray::number(gen.cameras) + "\n";
    QString err;
    if (!writeText(QDir(tmp).filePath(QString::fromLatin1(kStampName)), stamp, &err)) {
        QDir(tmp).removeRecursively();
        res.error = err;
        return res;
    }

    // move a stale folder out of the way, then rename the new one into place
    QString trash;
    if (QFileInfo::exists(target)) {
        trash = QDir(parent).filePath(ti.fileName() + QStringLiteral(".old-") + unique);
        if (!QDir().rename(target, trash)) {
            QDir(tmp).removeRecursively();
            res.error = QStringLiteral("%1: cannot replace the old demo district").arg(QDir::toNativeSeparators(target));
            return res;
        }
    }
    if (!QDir().rename(tmp, target)) {
        // someone else may have finished first
        DemoDistrictResult other;
        if (stampIsCurrent(target, &other)) {
            QDir(tmp).removeRecursively();
            if (!trash.isEmpty())
                QDir(trash).removeRecursively();
            return other;
        }
        QDir(tmp).removeRecursively();
        res.error = QStringLiteral("%1: cannot move the generated district into place").arg(QDir::toNativeSeparators(target));
        return res;
    }
    if (!trash.isEmpty())
        QDir(trash).removeRecursively();
    gen.datasetDir = target;
    fillGisPaths(gen);
    return gen;
}

} // namespace liyuan::demo
