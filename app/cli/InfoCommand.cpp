#include "InfoCommand.h"

#include <liyuan/scene/RemoteSource.h>
#include <liyuan/scene/RemoteUrl.h>
#include <liyuan/assimp/CityJsonReader.h>
#include <liyuan/assimp/ModelPlacement.h>
#include <liyuan/assimp/ModelReader.h>
#include <liyuan/cameras/CameraRegistry.h>
#include <liyuan/citygml/CityGmlReader.h>
#include <liyuan/geodata/Crs.h>
#include <liyuan/geodata/LocalFrame.h>
#include <liyuan/geodata/RasterDataset.h>
#include <liyuan/geodata/VectorDataset.h>
#include <liyuan/osgb/OsgbDataset.h>
#include <liyuan/scene/RemoteFile.h>
#include <liyuan/tiles3d/Tiles3dDataset.h>
#include <liyuan/tiles3d/TilesetSummary.h>
#include <liyuan/scene/TileReader.h>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMap>
#include <QSet>
#include <QUrl>
#include <QtConcurrent/QtConcurrentMap>

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace liyuan {

namespace {

QJsonObject vec(const Vec3d &v)
{
    return QJsonObject{{QStringLiteral("x"), v.x}, {QStringLiteral("y"), v.y}, {QStringLiteral("z"), v.z}};
}

struct Box
{
    Vec3d mn{1e300, 1e300, 1e300}, mx{-1e300, -1e300, -1e300};
    bool valid() const { return mn.x <= mx.x; }
    void add(const Vec3d &p)
    {
        mn = Vec3d(std::min(mn.x, p.x), std::min(mn.y, p.y), std::min(mn.z, p.z));
        mx = Vec3d(std::max(mx.x, p.x), std::max(mx.y, p.y), std::max(mx.z, p.z));
    }
};

/** Bounds of a tile's geometry (mesh bounding boxes) in the dataset's local frame. */
void addContentBounds(const TileContent &c, Box *box)
{
    for (const MeshData &m : c.meshes) {
        if (m.positions.empty())
            continue;
        box->add(c.origin + Vec3d(m.boundsMin[0], m.boundsMin[1], m.boundsMin[2]));
        box->add(c.origin + Vec3d(m.boundsMax[0], m.boundsMax[1], m.boundsMax[2]));
    }
}

struct FileReport
{
    QString file;
    int level = 0;
    TileReadResult result;
};

// ---- rasters and vectors (GDAL/OGR) ----

QJsonObject crsJson(const Crs &crs)
{
    QJsonObject o;
    o[QStringLiteral("georeferenced")] = crs.isValid();
    o[QStringLiteral("name")] = crs.isValid() ? crs.name() : QStringLiteral("none (not georeferenced)");
    o[QStringLiteral("proj")] = crs.projDefinition();
    o[QStringLiteral("authority")] = crs.authorityCode();
    if (!crs.warning().isEmpty())
        o[QStringLiteral("warning")] = crs.warning();
    return o;
}

QJsonValue boundsJson(const Box2d &b)
{
    if (!b.isValid())
        return QJsonValue::Null;
    return QJsonObject{{QStringLiteral("minX"), b.minX}, {QStringLiteral("minY"), b.minY},
                       {QStringLiteral("maxX"), b.maxX}, {QStringLiteral("maxY"), b.maxY}};
}

QJsonValue lonLatBoundsJson(const Box2d &b)
{
    if (!b.isValid())
        return QJsonValue::Null;
    return QJsonObject{{QStringLiteral("west"), b.minX}, {QStringLiteral("south"), b.minY},
                       {QStringLiteral("east"), b.maxX}, {QStringLiteral("north"), b.maxY}};
}

/** JSON has no NaN/infinity: those nodata values are written as strings. */
QJsonValue numberJson(double v)
{
    if (std::isnan(v))
        return QStringLiteral("nan");
    if (std::isinf(v))
        return v > 0 ? QStringLiteral("inf") : QStringLiteral("-inf");
    return v;
}

/** "PATH: problem" → "problem" (the combined error names the file once). */
QString withoutFilePrefix(const QString &error, const QString &path)
{
    for (const QString &prefix : {QDir::toNativeSeparators(path), path, QFileInfo(path).absoluteFilePath(),
                                  QDir::toNativeSeparators(QFileInfo(path).absoluteFilePath()), QFileInfo(path).fileName()}) {
        const QString p = prefix + QStringLiteral(": ");
        if (!prefix.isEmpty() && error.startsWith(p))
            return error.mid(p.size());
    }
    return error;
}

/**
 * The header opened; reads a few pixels so a truncated or damaged file is reported here
 * rather than when it is displayed: a 16×16 window at the last (bottom-right) pixels at
 * full resolution, plus a coarse read of the whole extent when overviews exist (GDAL then
 * reads an overview, so this stays cheap even for huge rasters).
 */
bool rasterPixelsReadable(const RasterDataset &raster, QString *error)
{
    const RasterInfo &ri = raster.info();
    if (!ri.crs.isValid() || !ri.bounds.isValid() || ri.pixelSizeX == 0 || ri.pixelSizeY == 0)
        return true; // not georeferenced: nothing to window with
    const double px = std::abs(ri.pixelSizeX), py = std::abs(ri.pixelSizeY);
    const int w = std::min(16, ri.width), h = std::min(16, ri.height);
    const Box2d corner{ri.bounds.maxX - w * px, ri.bounds.minY, ri.bounds.maxX, ri.bounds.minY + h * py};
    HeightGrid grid;
    if (!raster.readHeights(Crs(), corner, w, h, &grid, error))
        return false;
    if (!ri.overviews.isEmpty()) {
        // a 32×32 window of the smallest overview, at its resolution: the whole extent when
        // that overview is small, its centre when even the smallest is huge (a VRT claiming
        // 100000×100000 pixels has a 50000×50000 one: reading all of it never ends)
        const QSize smallest = ri.overviews.last();
        const int ow = std::clamp(smallest.width(), 1, 32), oh = std::clamp(smallest.height(), 1, 32);
        const double opx = ri.bounds.width() / std::max(1, smallest.width());
        const double opy = ri.bounds.height() / std::max(1, smallest.height());
        const double cx = (ri.bounds.minX + ri.bounds.maxX) / 2, cy = (ri.bounds.minY + ri.bounds.maxY) / 2;
        const Box2d window{std::max(ri.bounds.minX, cx - ow * opx / 2), std::max(ri.bounds.minY, cy - oh * opy / 2),
                           std::min(ri.bounds.maxX, cx + ow * opx / 2), std::min(ri.bounds.maxY, cy + oh * opy / 2)};
        if (!raster.readHeights(Crs(), window, ow, oh, &grid, error))
            return false;
    }
    return true;
}

QJsonObject describeRaster(const QString &path, const RasterDataset &raster)
{
    const RasterInfo &ri = raster.info();
    QJsonObject info;
    info[QStringLiteral("path")] = QFileInfo(path).absoluteFilePath();
    info[QStringLiteral("format")] = QStringLiteral("raster");
    info[QStringLiteral("driver")] = ri.driver;
    info[QStringLiteral("width")] = ri.width;
    info[QStringLiteral("height")] = ri.height;
    info[QStringLiteral("bands")] = ri.bands;
    info[QStringLiteral("bandTypes")] = QJsonArray::fromStringList(ri.bandTypes);
    info[QStringLiteral("colorInterpretation")] = QJsonArray::fromStringList(ri.colorInterpretation);
    QString roleReason;
    info[QStringLiteral("role")] = RasterDataset::roleName(RasterDataset::classify(ri, &roleReason));
    info[QStringLiteral("roleReason")] = roleReason;
    info[QStringLiteral("crs")] = crsJson(ri.crs);
    info[QStringLiteral("bounds")] = boundsJson(ri.bounds);
    info[QStringLiteral("boundsWgs84")] = lonLatBoundsJson(ri.boundsWgs84);
    info[QStringLiteral("pixelSize")] = QJsonArray{ri.pixelSizeX, ri.pixelSizeY};
    QJsonArray overviews;
    for (const QSize &s : ri.overviews)
        overviews.append(QJsonArray{s.width(), s.height()});
    info[QStringLiteral("overviews")] = overviews;
    QJsonArray nodata;
    for (const std::optional<double> &nd : ri.nodata)
        nodata.append(nd ? numberJson(*nd) : QJsonValue(QJsonValue::Null));
    info[QStringLiteral("nodata")] = nodata;
    return info;
}

QJsonObject describeVector(const QString &path, const VectorDataset &vector)
{
    const VectorInfo &vi = vector.info();
    QJsonObject info;
    info[QStringLiteral("path")] = QFileInfo(path).absoluteFilePath();
    info[QStringLiteral("format")] = QStringLiteral("vector");
    info[QStringLiteral("driver")] = vi.driver;
    QJsonArray layers;
    for (const VectorLayerInfo &l : vi.layers) {
        QJsonArray fields;
        for (const VectorField &f : l.fields)
            fields.append(QJsonObject{{QStringLiteral("name"), f.name}, {QStringLiteral("type"), f.type}});
        layers.append(QJsonObject{{QStringLiteral("name"), l.name},
                                  {QStringLiteral("geometryType"), l.geometryType},
                                  {QStringLiteral("featureCount"), double(l.featureCount)},
                                  {QStringLiteral("fields"), fields},
                                  {QStringLiteral("crs"), crsJson(l.crs)},
                                  {QStringLiteral("bounds"), boundsJson(l.bounds)},
                                  {QStringLiteral("boundsWgs84"), lonLatBoundsJson(l.boundsWgs84)}});
    }
    info[QStringLiteral("layers")] = layers;
    return info;
}

/** Raster, then vector; ok=false with every reader's reason when neither opens. */
QJsonObject describeGdal(const QString &path, const QString &osgbError, bool *ok, QString *error)
{
    QString rasterError, vectorError;
    const RasterDataset raster = RasterDataset::open(path, &rasterError);
    if (raster.isValid()) {
        QString readError;
        if (!rasterPixelsReadable(raster, &readError)) {
            *ok = false;
            *error = QStringLiteral("%1: the raster header opens but its pixels cannot be read "
                                    "(truncated or corrupt file?): %2")
                             .arg(QDir::toNativeSeparators(path), withoutFilePrefix(readError, path));
            return {};
        }
        *ok = true;
        return describeRaster(path, raster);
    }
    const VectorDataset vector = VectorDataset::open(path, &vectorError);
    if (vector.isValid()) {
        *ok = true;
        return describeVector(path, vector);
    }
    *ok = false;
    // One reader recognised the file (the other says "this is a raster/vector"): its reason is the answer.
    const QString rasterWhy = withoutFilePrefix(rasterError, path), vectorWhy = withoutFilePrefix(vectorError, path);
    if (vectorWhy.startsWith(QLatin1String("this is a raster")) && !rasterWhy.startsWith(QLatin1String("this is a vector"))) {
        *error = QStringLiteral("%1: a raster that cannot be read: %2").arg(QDir::toNativeSeparators(path), rasterWhy);
        return {};
    }
    if (rasterWhy.startsWith(QLatin1String("this is a vector")) && !vectorWhy.startsWith(QLatin1String("this is a raster"))) {
        *error = QStringLiteral("%1: a vector file that cannot be read: %2").arg(QDir::toNativeSeparators(path), vectorWhy);
        return {};
    }
    const QString osgb = QFileInfo(path).isDir()
            ? QStringLiteral("not an OSGB dataset (%1)").arg(withoutFilePrefix(osgbError, path))
            : QStringLiteral("not an OSGB dataset");
    *error = QStringLiteral("%1: %2; not a raster (%3); not a vector (%4)")
                     .arg(QDir::toNativeSeparators(path), osgb, rasterWhy, vectorWhy);
    return {};
}

// ---- building models (Assimp) and CityJSON ----

/** Extensions always described through ModelReader (its error is the answer when it fails). */
bool hasModelExtension(const QString &path)
{
    static const QStringList exts{QStringLiteral("glb"), QStringLiteral("gltf"), QStringLiteral("fbx"), QStringLiteral("obj"),
                                  QStringLiteral("dae"), QStringLiteral("3ds"), QStringLiteral("ifc")};
    return exts.contains(QFileInfo(path).suffix().toLower());
}

QString axisName(assimp::UpAxis a)
{
    switch (a) {
    case assimp::UpAxis::X: return QStringLiteral("X");
    case assimp::UpAxis::Y: return QStringLiteral("Y");
    case assimp::UpAxis::Z: return QStringLiteral("Z");
    case assimp::UpAxis::Unknown: break;
    }
    return QStringLiteral("unknown");
}

QJsonArray xyz(const double v[3])
{
    return QJsonArray{v[0], v[1], v[2]};
}

/**
 * The sidecar MODEL.geo.json (e.g. "house.glb.geo.json", else "house.geo.json") as the app
 * reads it (ModelPlacement: CRS known to PROJ, position, heading, scale, up axis); null when
 * absent, or when ModelPlacement rejects it — then *rejected says why, naming the file.
 */
QJsonValue placementJson(const QString &path, QStringList *warnings, QString *file, QString *rejected)
{
    *file = assimp::ModelPlacement::findSidecar(path);
    if (file->isEmpty())
        return QJsonValue::Null;
    assimp::ModelPlacement placement;
    QString error;
    if (!assimp::ModelPlacement::readSidecar(path, &placement, &error)) {
        *rejected = error.isEmpty() ? QStringLiteral("%1: not a valid placement").arg(QDir::toNativeSeparators(*file)) : error;
        warnings->append(*rejected);
        return QJsonValue::Null;
    }
    return placement.toJson();
}

QJsonObject describeModel(const QString &path, bool *ok, QString *error)
{
    const assimp::ModelReadResult r = assimp::ModelReader().read(path);
    if (!r.ok) {
        *ok = false;
        *error = r.error.contains(QFileInfo(path).fileName()) ? r.error
                                                              : QStringLiteral("%1: %2").arg(QDir::toNativeSeparators(path), r.error);
        return {};
    }
    *ok = true;
    const assimp::ModelContent &c = r.content;
    QJsonObject info;
    info[QStringLiteral("path")] = QFileInfo(path).absoluteFilePath();
    info[QStringLiteral("format")] = QStringLiteral("model");
    info[QStringLiteral("sourceFormat")] = c.format;
    info[QStringLiteral("nodes")] = double(c.counts.nodes);
    info[QStringLiteral("meshes")] = double(c.counts.meshes);
    info[QStringLiteral("triangles")] = double(c.counts.triangles);
    info[QStringLiteral("materials")] = double(c.counts.materials);
    QJsonObject textures;
    textures[QStringLiteral("embedded")] = double(c.counts.texturesEmbedded);
    textures[QStringLiteral("external")] = double(c.counts.texturesExternal);
    textures[QStringLiteral("missing")] = QJsonArray::fromStringList(c.missingTextures);
    info[QStringLiteral("textures")] = textures;
    if (!c.missingFiles.isEmpty())
        info[QStringLiteral("missingFiles")] = QJsonArray::fromStringList(c.missingFiles);
    if (!c.missingMaterials.isEmpty())
        info[QStringLiteral("missingMaterials")] = QJsonArray::fromStringList(c.missingMaterials);
    QJsonArray storeys;
    for (const assimp::ModelStorey &s : c.storeys)
        storeys.append(QJsonObject{{QStringLiteral("name"), s.name},
                                   {QStringLiteral("elevation"), s.hasElevation ? QJsonValue(s.elevation) : QJsonValue(QJsonValue::Null)}});
    info[QStringLiteral("storeys")] = storeys;
    info[QStringLiteral("bounds")] = c.hasBounds ? QJsonValue(QJsonObject{{QStringLiteral("min"), xyz(c.boundsMin)},
                                                                          {QStringLiteral("max"), xyz(c.boundsMax)}})
                                                 : QJsonValue(QJsonValue::Null);
    info[QStringLiteral("upAxis")] = axisName(c.fileUpAxis);
    info[QStringLiteral("storedUpAxis")] = axisName(c.storedUpAxis);
    QStringList warnings = c.warnings;
    QString placementFile, placementRejected;
    info[QStringLiteral("placement")] = placementJson(path, &warnings, &placementFile, &placementRejected);
    if (!placementFile.isEmpty())
        info[QStringLiteral("placementFile")] = QFileInfo(placementFile).absoluteFilePath();
    if (!placementRejected.isEmpty())
        info[QStringLiteral("placementError")] = placementRejected;
    info[QStringLiteral("warnings")] = QJsonArray::fromStringList(warnings);
    return info;
}

/**
 * A camera registry (CameraRegistry: JSON "LiyuanCameraRegistry" or a GeoPackage camera
 * layer): count, CRS, departments, PTZ, stream schemes, credential references (names only),
 * and the validation problems (invalid records are listed, not fatal here).
 */
QJsonObject describeCameras(const QString &path, bool *ok, QString *error)
{
    cameras::CameraRegistryOptions options;
    options.skipInvalidRecords = true;
    const cameras::CameraRegistry reg = cameras::CameraRegistry::load(path, options, error);
    if (!reg.isValid()) {
        *ok = false;
        return {};
    }
    *ok = true;
    QJsonObject info;
    info[QStringLiteral("path")] = QFileInfo(path).absoluteFilePath();
    info[QStringLiteral("format")] = QStringLiteral("cameras");
    info[QStringLiteral("source")] = reg.format() == cameras::CameraRegistry::Format::GeoPackage ? QStringLiteral("GeoPackage") : QStringLiteral("JSON");
    info[QStringLiteral("cameras")] = reg.size();
    if (reg.crs().isEmpty()) {
        info[QStringLiteral("crs")] = QJsonValue::Null;
    } else {
        QJsonObject crs = crsJson(Crs::fromString(reg.crs()));
        crs[QStringLiteral("text")] = reg.crs().left(200);
        info[QStringLiteral("crs")] = crs;
    }
    QMap<QString, int> departments, schemes, refs, recordCrs;
    int ptz = 0, aboveGround = 0, withStreams = 0, withCredentials = 0;
    for (const cameras::CameraRecord &r : reg.cameras()) {
        ++departments[r.department.isEmpty() ? QStringLiteral("(none)") : r.department];
        ptz += r.ptz.enabled ? 1 : 0;
        aboveGround += r.heightAboveGround ? 1 : 0;
        if (!r.mainUrl.isEmpty() || !r.subUrl.isEmpty())
            ++withStreams;
        QSet<QString> cameraSchemes;
        for (const QString &u : {r.mainUrl, r.subUrl})
            if (!u.isEmpty())
                cameraSchemes.insert(QUrl(u).scheme().toLower());
        for (const QString &sc : cameraSchemes)
            ++schemes[sc];
        if (!r.credentialRef.isEmpty()) {
            ++withCredentials;
            ++refs[r.credentialRef];
        }
        if (!r.crs.isEmpty())
            ++recordCrs[r.crs.left(200)];
    }
    auto counts = [](const QMap<QString, int> &m) {
        QJsonObject o;
        for (auto it = m.begin(); it != m.end(); ++it)
            o[it.key()] = it.value();
        return o;
    };
    info[QStringLiteral("departments")] = counts(departments);
    info[QStringLiteral("ptz")] = ptz;
    info[QStringLiteral("heightAboveGround")] = aboveGround;
    info[QStringLiteral("withStreams")] = withStreams;
    info[QStringLiteral("streamSchemes")] = counts(schemes);
    info[QStringLiteral("withCredentials")] = withCredentials;
    info[QStringLiteral("credentialRefs")] = counts(refs);
    info[QStringLiteral("recordCrs")] = counts(recordCrs);
    info[QStringLiteral("valid")] = reg.skippedRecords() == 0;
    info[QStringLiteral("invalidRecords")] = reg.skippedRecords();
    info[QStringLiteral("errors")] = QJsonArray::fromStringList(reg.recordErrors());
    QStringList warnings = reg.warnings();
    if (reg.crs().isEmpty())
        warnings << QStringLiteral("%1: no CRS in the registry; positions are taken in the scene's CRS when it is opened")
                            .arg(QDir::toNativeSeparators(path));
    info[QStringLiteral("warnings")] = QJsonArray::fromStringList(warnings);
    return info;
}

QJsonObject describeCityJson(const QString &path, bool *ok, QString *error)
{
    const assimp::CityJsonReadResult r = assimp::CityJsonReader().read(path);
    if (!r.ok) {
        *ok = false;
        *error = r.error.contains(QFileInfo(path).fileName()) ? r.error
                                                              : QStringLiteral("%1: %2").arg(QDir::toNativeSeparators(path), r.error);
        return {};
    }
    *ok = true;
    const assimp::CityJsonContent &c = r.content;
    QMap<QString, int> types;
    QSet<QString> lods, attributes;
    for (const assimp::CityObject &o : c.objects) {
        ++types[o.type];
        if (!o.lod.isEmpty())
            lods.insert(o.lod);
        for (auto it = o.attributes.cbegin(); it != o.attributes.cend(); ++it)
            attributes.insert(it.key());
    }
    QJsonObject typeCounts;
    for (auto it = types.cbegin(); it != types.cend(); ++it)
        typeCounts[it.key()] = it.value();
    QStringList lodList(lods.cbegin(), lods.cend()), attributeList(attributes.cbegin(), attributes.cend());
    lodList.sort();
    attributeList.sort();
    QJsonObject info;
    info[QStringLiteral("path")] = QFileInfo(path).absoluteFilePath();
    info[QStringLiteral("format")] = QStringLiteral("cityjson");
    info[QStringLiteral("version")] = c.version;
    info[QStringLiteral("referenceSystem")] = c.referenceSystem.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(c.referenceSystem);
    info[QStringLiteral("objects")] = double(c.objects.size());
    info[QStringLiteral("objectTypes")] = typeCounts;
    info[QStringLiteral("lods")] = QJsonArray::fromStringList(lodList);
    info[QStringLiteral("attributes")] = QJsonArray::fromStringList(attributeList);
    info[QStringLiteral("triangles")] = double(c.triangleCount());
    info[QStringLiteral("vertices")] = double(c.vertexCount);
    info[QStringLiteral("bounds")] = QJsonObject{{QStringLiteral("min"), xyz(c.boundsMin)}, {QStringLiteral("max"), xyz(c.boundsMax)}};
    info[QStringLiteral("warnings")] = QJsonArray::fromStringList(c.warnings);
    return info;
}

QJsonObject describeCityGml(const QString &path, bool *ok, QString *error)
{
    const citygml::CityGmlReadResult r = citygml::CityGmlReader().read(path);
    if (!r.ok) {
        *ok = false;
        *error = r.error;
        return {};
    }
    *ok = true;
    const citygml::CityGmlContent &c = r.content;
    QMap<QString, int> types;
    QSet<int> lods;
    QSet<QString> attributes;
    for (const citygml::CityGmlObject &o : c.objects) {
        ++types[o.type];
        for (int l : o.lods)
            lods.insert(l);
        for (auto it = o.attributes.cbegin(); it != o.attributes.cend(); ++it)
            attributes.insert(it.key());
    }
    QJsonObject typeCounts;
    for (auto it = types.cbegin(); it != types.cend(); ++it)
        typeCounts[it.key()] = it.value();
    QList<int> lodValues(lods.cbegin(), lods.cend());
    std::sort(lodValues.begin(), lodValues.end());
    QStringList lodList, attributeList(attributes.cbegin(), attributes.cend());
    for (int l : lodValues)
        lodList << QString::number(l);
    attributeList.sort();
    QStringList warnings = c.warnings;
    QJsonObject info;
    info[QStringLiteral("path")] = QFileInfo(path).absoluteFilePath();
    info[QStringLiteral("format")] = QStringLiteral("citygml");
    info[QStringLiteral("version")] = c.version;
    info[QStringLiteral("srsName")] = c.srsName.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(c.srsName);
    info[QStringLiteral("referenceSystem")] = c.referenceSystem.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(c.referenceSystem);
    if (!c.referenceSystem.isEmpty()) {
        QString crsError;
        const Crs crs = Crs::fromString(c.referenceSystem, &crsError);
        if (crs.isValid()) {
            info[QStringLiteral("crs")] = QJsonObject{{QStringLiteral("name"), crs.name()}, {QStringLiteral("proj"), crs.projDefinition()}};
            const LocalFrame frame(crs, Vec3d());
            double w = 1e300, s = 1e300, e = -1e300, n = -1e300;
            bool placed = true;
            for (int k = 0; k < 4 && placed; ++k) {
                const Vec3d corner(k & 1 ? c.boundsMax[0] : c.boundsMin[0], k & 2 ? c.boundsMax[1] : c.boundsMin[1], c.boundsMin[2]);
                const Vec3d ll = frame.toLonLatHeight(corner, &placed);
                w = std::min(w, ll.x);
                e = std::max(e, ll.x);
                s = std::min(s, ll.y);
                n = std::max(n, ll.y);
            }
            if (placed)
                info[QStringLiteral("boundsWgs84")] = QJsonObject{{QStringLiteral("west"), w}, {QStringLiteral("south"), s},
                                                                  {QStringLiteral("east"), e}, {QStringLiteral("north"), n}};
        } else {
            warnings << QStringLiteral("%1: reference system %2 (srsName %3) cannot be used: %4").arg(path, c.referenceSystem, c.srsName, crsError);
        }
    }
    info[QStringLiteral("objects")] = double(c.objects.size());
    info[QStringLiteral("objectTypes")] = typeCounts;
    info[QStringLiteral("lods")] = QJsonArray::fromStringList(lodList);
    info[QStringLiteral("attributes")] = QJsonArray::fromStringList(attributeList);
    info[QStringLiteral("triangles")] = double(c.triangleCount());
    info[QStringLiteral("vertices")] = double(c.vertexCount);
    info[QStringLiteral("bounds")] = QJsonObject{{QStringLiteral("min"), xyz(c.boundsMin)}, {QStringLiteral("max"), xyz(c.boundsMax)}};
    info[QStringLiteral("warnings")] = QJsonArray::fromStringList(warnings);
    return info;
}

/** True when the path can only be meant as OSGB (a tile file or metadata.xml): no GDAL fallback. */
bool isOsgbSpecific(const QString &path)
{
    const QFileInfo fi(path);
    if (!fi.isFile())
        return false;
    const QString ext = fi.suffix().toLower();
    return ext == QLatin1String("osgb") || ext == QLatin1String("osgt") || ext == QLatin1String("ive")
            || fi.fileName().compare(QLatin1String("metadata.xml"), Qt::CaseInsensitive) == 0;
}

} // namespace

QJsonObject InfoCommand::describe(const QString &path, bool deep, bool *ok, QString *error)
{
    QJsonObject info;
    if (QFileInfo::exists(path) && !QFileInfo(path).isFile() && !QFileInfo(path).isDir()) {
        // a FIFO or device would block the first read for ever
        *ok = false;
        *error = QStringLiteral("%1: not a regular file or folder (a FIFO, socket or device); refused")
                         .arg(QDir::toNativeSeparators(path));
        return info;
    }
    if (tiles3d::Tiles3dDataset::identify(path)) { // tiles3d: a tileset.json, local or by URL
        QJsonObject t = tiles3d::TilesetSummary::describe(path, deep, ok, error);
        if (*ok || !RemoteUrl::isRemote(path) || !error->contains(QLatin1String("not a 3D Tiles tileset")))
            return t;
        // remote: a .json URL that is no tileset: GeoJSON, below
    }
    const QString ext = RemoteUrl::suffix(path);
    if (RemoteUrl::isRemote(path)
        && (RemoteFile::isGdalFile(path) || RemoteFile::isShapefile(path) || ext == QLatin1String("xml") || hasModelExtension(RemoteUrl::fileName(path)))) {
        // remote: a file by URL: its local copy (through the disk cache) with the files it needs
        // beside it (sidecars, buffers, textures) described like a local file, named by the URL
        const QString shown = RemoteUrl::redacted(path);
        QStringList warnings;
        QStringList siblings;
        if (hasModelExtension(RemoteUrl::fileName(path))) // its placement sidecar (ModelPlacement::readSidecar)
            siblings << RemoteUrl::fileName(path) + QStringLiteral(".geo.json")
                     << QFileInfo(RemoteUrl::fileName(path)).completeBaseName() + QStringLiteral(".geo.json");
        const QString local = RemoteFile::localBundle(path, error, &warnings, siblings);
        if (local.isEmpty()) {
            *ok = false;
            return info;
        }
        QJsonObject d = describe(local, deep, ok, error);
        *error = RemoteFile::shownText(*error);
        d = QJsonDocument::fromJson(RemoteFile::shownText(QString::fromUtf8(QJsonDocument(d).toJson())).toUtf8()).object();
        if (*ok) {
            d[QStringLiteral("path")] = shown;
            if (!warnings.isEmpty()) {
                QJsonArray w = d.value(QStringLiteral("warnings")).toArray();
                for (const QString &text : std::as_const(warnings))
                    w.append(text);
                d[QStringLiteral("warnings")] = w;
            }
        }
        return d;
    }
    if (QFileInfo(path).isFile()) {
        if (citygml::CityGmlReader::identify(path)) // a CityModel root, whatever the extension (.gml, .xml)
            return describeCityGml(path, ok, error);
        if (cameras::CameraRegistry::identify(path)) // "type": "LiyuanCameraRegistry", or a GeoPackage camera layer
            return describeCameras(path, ok, error);
        if (hasModelExtension(path) || assimp::ModelReader::identify(path))
            return describeModel(path, ok, error);
        if (assimp::CityJsonReader::identify(path))
            return describeCityJson(path, ok, error);
    }
    const osgb::OsgbDataset ds = osgb::OsgbDataset::open(path);
    if (!ds.ok && QFileInfo::exists(path) && !isOsgbSpecific(path))
        return describeGdal(path, ds.error, ok, error);
    if (!ds.ok) {
        *ok = false;
        *error = ds.error;
        return info;
    }
    *ok = true;
    info[QStringLiteral("path")] = RemoteUrl::isRemote(path) ? RemoteUrl::redacted(path) // remote: no credentials
                                                             : QFileInfo(path).absoluteFilePath();
    info[QStringLiteral("format")] = QStringLiteral("OSGB");
    info[QStringLiteral("layout")] = ds.metadataFile.isEmpty() ? QStringLiteral("tiles without metadata.xml")
                                                               : QStringLiteral("ContextCapture production");
    info[QStringLiteral("metadata")] = RemoteUrl::redacted(ds.metadataFile);
    const LocalFrame &frame = ds.frame;
    QJsonObject crs;
    crs[QStringLiteral("georeferenced")] = frame.isGeoreferenced();
    crs[QStringLiteral("name")] = frame.isGeoreferenced() ? frame.crs().name() : QStringLiteral("local (no metadata.xml)");
    crs[QStringLiteral("proj")] = frame.crs().projDefinition();
    crs[QStringLiteral("authority")] = frame.crs().authorityCode();
    if (!frame.crs().warning().isEmpty())
        crs[QStringLiteral("warning")] = frame.crs().warning();
    info[QStringLiteral("crs")] = crs;
    info[QStringLiteral("origin")] = vec(frame.origin());
    info[QStringLiteral("rootTiles")] = int(ds.rootFiles.size());
    info[QStringLiteral("warnings")] = QJsonArray::fromStringList(ds.warnings);

    auto reader = [](const QString &file) {
        FileReport r;
        r.file = file;
        if (auto rd = ReaderRegistry::instance().readerFor(file); rd && RemoteUrl::isRemote(file)) {
            // remote: fetched through the disk cache (this is a worker thread), read from memory
            r.file = RemoteUrl::redacted(file);
            const FetchResult f = RemoteSource::instance().fetch(file);
            if (f.ok) {
                r.result = rd->readData(f.data, file);
                r.result.error = RemoteUrl::redactText(r.result.error);
            } else {
                r.result.error = f.error;
            }
        } else if (rd)
            r.result = rd->read(file);
        else
            r.result.error = QFileInfo::exists(file) ? QStringLiteral("%1: no reader for this file type").arg(file)
                                                     : QStringLiteral("%1: file not found").arg(file);
        return r;
    };

    // level by level (breadth first), each level read in parallel
    Box box;
    QJsonArray levels;
    QJsonArray missing, unreadable;
    int files = 0;
    qint64 totalTriangles = 0, totalTextureBytes = 0;
    QStringList current = ds.rootFiles;
    QSet<QString> seen(current.cbegin(), current.cend());
    int level = 0;
    const int maxLevel = deep ? 1000 : 0;
    while (!current.isEmpty() && level <= maxLevel) {
        const QList<FileReport> reports = QtConcurrent::blockingMapped(current, std::function<FileReport(const QString &)>(reader));
        QStringList next;
        qint64 tri = 0, texBytes = 0;
        int textures = 0, ok = 0;
        for (const FileReport &r : reports) {
            if (!r.result.ok) {
                if (!QFileInfo::exists(r.file))
                    missing.append(r.file);
                else
                    unreadable.append(QJsonObject{{QStringLiteral("file"), r.file}, {QStringLiteral("error"), r.result.error}});
                continue;
            }
            ++ok;
            const TileContent &c = r.result.content;
            tri += c.triangleCount();
            texBytes += c.textureBytes();
            textures += int(c.images.size());
            if (level == 0)
                addContentBounds(c, &box);
            for (const QString &child : c.childFiles())
                if (!seen.contains(child)) {
                    seen.insert(child);
                    next << child;
                }
        }
        files += ok;
        totalTriangles += tri;
        totalTextureBytes += texBytes;
        if (ok > 0)
            levels.append(QJsonObject{{QStringLiteral("level"), level},
                                  {QStringLiteral("files"), ok},
                                  {QStringLiteral("triangles"), double(tri)},
                                  {QStringLiteral("textures"), textures},
                                  {QStringLiteral("textureBytes"), double(texBytes)}});
        if (!deep) {
            // children of the roots exist or not: cheap check only
            break;
        }
        current = next;
        ++level;
    }

    if (box.valid()) {
        info[QStringLiteral("boundsLocal")] = QJsonObject{{QStringLiteral("min"), vec(box.mn)}, {QStringLiteral("max"), vec(box.mx)}};
        info[QStringLiteral("boundsCrs")] = QJsonObject{{QStringLiteral("min"), vec(frame.toCrs(box.mn))},
                                                        {QStringLiteral("max"), vec(frame.toCrs(box.mx))}};
        if (frame.isGeoreferenced()) {
            double w = 1e300, s = 1e300, e = -1e300, n = -1e300, hmin = 1e300, hmax = -1e300;
            bool allOk = true;
            for (int i = 0; i < 8; ++i) {
                const Vec3d corner((i & 1) ? box.mx.x : box.mn.x, (i & 2) ? box.mx.y : box.mn.y, (i & 4) ? box.mx.z : box.mn.z);
                bool ok = false;
                const Vec3d ll = frame.toLonLatHeight(corner, &ok);
                allOk = allOk && ok;
                w = std::min(w, ll.x); e = std::max(e, ll.x);
                s = std::min(s, ll.y); n = std::max(n, ll.y);
                hmin = std::min(hmin, ll.z); hmax = std::max(hmax, ll.z);
            }
            if (allOk)
                info[QStringLiteral("boundsWgs84")] = QJsonObject{
                        {QStringLiteral("west"), w}, {QStringLiteral("south"), s}, {QStringLiteral("east"), e},
                        {QStringLiteral("north"), n}, {QStringLiteral("minHeight"), hmin}, {QStringLiteral("maxHeight"), hmax}};
            bool ok = false;
            const Vec3d oll = frame.toLonLatHeight(Vec3d(), &ok);
            if (ok)
                info[QStringLiteral("originWgs84")] = QJsonObject{{QStringLiteral("lon"), oll.x}, {QStringLiteral("lat"), oll.y},
                                                                  {QStringLiteral("height"), oll.z}};
        }
    }
    if (deep) {
        info[QStringLiteral("files")] = files;
        info[QStringLiteral("lodLevels")] = int(levels.size());
        info[QStringLiteral("levels")] = levels;
        info[QStringLiteral("triangles")] = double(totalTriangles);
        info[QStringLiteral("textureBytes")] = double(totalTextureBytes);
        info[QStringLiteral("missingChildren")] = missing;
        info[QStringLiteral("unreadable")] = unreadable;
    } else {
        info[QStringLiteral("rootTriangles")] = levels.isEmpty() ? 0.0 : levels[0].toObject()[QStringLiteral("triangles")].toDouble();
        if (!unreadable.isEmpty())
            info[QStringLiteral("unreadable")] = unreadable;
    }
    return info;
}

namespace {

QString textLine(const QString &key, const QString &value, int indent = 0)
{
    return QString(indent, QLatin1Char(' ')) + QStringLiteral("%1 %2\n").arg(key + QLatin1Char(':'), -16 + indent).arg(value);
}

QString num(double v, int decimals)
{
    return QString::number(v, 'f', decimals);
}

/** CRS, PROJ, note, source bounds and WGS84 bounds lines shared by raster and vector text. */
QString crsAndBoundsText(const QJsonObject &o, int indent)
{
    QString out;
    const QJsonObject crs = o[QStringLiteral("crs")].toObject();
    const QString authority = crs[QStringLiteral("authority")].toString();
    out += textLine(QStringLiteral("CRS"), crs[QStringLiteral("name")].toString()
                            + (authority.isEmpty() ? QString() : QStringLiteral(" [%1]").arg(authority)), indent);
    if (!crs[QStringLiteral("proj")].toString().isEmpty())
        out += textLine(QStringLiteral("PROJ"), crs[QStringLiteral("proj")].toString(), indent);
    if (crs.contains(QStringLiteral("warning")))
        out += textLine(QStringLiteral("CRS note"), crs[QStringLiteral("warning")].toString(), indent);
    const bool geographic = authority == QLatin1String("EPSG:4326") || authority == QLatin1String("EPSG:4979");
    const int d = geographic ? 7 : 3;
    if (o[QStringLiteral("bounds")].isObject()) {
        const QJsonObject b = o[QStringLiteral("bounds")].toObject();
        out += textLine(QStringLiteral("Bounds (CRS)"),
                        QStringLiteral("%1, %2  ..  %3, %4")
                                .arg(num(b[QStringLiteral("minX")].toDouble(), d), num(b[QStringLiteral("minY")].toDouble(), d),
                                     num(b[QStringLiteral("maxX")].toDouble(), d), num(b[QStringLiteral("maxY")].toDouble(), d)),
                        indent);
    }
    if (o[QStringLiteral("boundsWgs84")].isObject()) {
        const QJsonObject b = o[QStringLiteral("boundsWgs84")].toObject();
        out += textLine(QStringLiteral("Bounds WGS84"),
                        QStringLiteral("W %1  S %2  E %3  N %4")
                                .arg(num(b[QStringLiteral("west")].toDouble(), 7), num(b[QStringLiteral("south")].toDouble(), 7),
                                     num(b[QStringLiteral("east")].toDouble(), 7), num(b[QStringLiteral("north")].toDouble(), 7)),
                        indent);
    }
    return out;
}

QString jsonNumberText(const QJsonValue &v)
{
    return v.isString() ? v.toString() : QString::number(v.toDouble(), 'g', 10);
}

QString rasterText(const QJsonObject &i)
{
    QString out;
    out += textLine(QStringLiteral("Path"), i[QStringLiteral("path")].toString());
    out += textLine(QStringLiteral("Format"), QStringLiteral("raster (%1)").arg(i[QStringLiteral("driver")].toString()));
    const int bands = i[QStringLiteral("bands")].toInt();
    out += textLine(QStringLiteral("Size"), QStringLiteral("%1 x %2 pixels, %3 band%4")
                                                    .arg(i[QStringLiteral("width")].toInt()).arg(i[QStringLiteral("height")].toInt())
                                                    .arg(bands).arg(bands == 1 ? QString() : QStringLiteral("s")));
    const QJsonArray px = i[QStringLiteral("pixelSize")].toArray();
    if (px.size() == 2)
        out += textLine(QStringLiteral("Pixel size"), QStringLiteral("%1 x %2").arg(px[0].toDouble(), 0, 'g', 10).arg(px[1].toDouble(), 0, 'g', 10));
    out += textLine(QStringLiteral("Opens as"), QStringLiteral("%1 (%2)").arg(i[QStringLiteral("role")].toString(),
                                                                            i[QStringLiteral("roleReason")].toString()));
    out += crsAndBoundsText(i, 0);
    out += QStringLiteral("Bands:\n");
    const QJsonArray types = i[QStringLiteral("bandTypes")].toArray();
    const QJsonArray colours = i[QStringLiteral("colorInterpretation")].toArray();
    const QJsonArray nodata = i[QStringLiteral("nodata")].toArray();
    for (int b = 0; b < bands; ++b) {
        QString l = QStringLiteral("  %1: %2, %3").arg(b + 1).arg(types.at(b).toString(), colours.at(b).toString());
        if (b < nodata.size() && !nodata.at(b).isNull())
            l += QStringLiteral(", nodata %1").arg(jsonNumberText(nodata.at(b)));
        out += l + QLatin1Char('\n');
    }
    QStringList ovr;
    for (const QJsonValue &o : i[QStringLiteral("overviews")].toArray())
        ovr << QStringLiteral("%1x%2").arg(o.toArray().at(0).toInt()).arg(o.toArray().at(1).toInt());
    out += textLine(QStringLiteral("Overviews"), ovr.isEmpty() ? QStringLiteral("none") : ovr.join(QStringLiteral(", ")));
    return out;
}

QString vectorText(const QJsonObject &i)
{
    QString out;
    out += textLine(QStringLiteral("Path"), i[QStringLiteral("path")].toString());
    out += textLine(QStringLiteral("Format"), QStringLiteral("vector (%1)").arg(i[QStringLiteral("driver")].toString()));
    const QJsonArray layers = i[QStringLiteral("layers")].toArray();
    out += textLine(QStringLiteral("Layers"), QString::number(layers.size()));
    for (const QJsonValue &lv : layers) {
        const QJsonObject l = lv.toObject();
        out += QStringLiteral("Layer \"%1\":\n").arg(l[QStringLiteral("name")].toString());
        out += textLine(QStringLiteral("Geometry"), l[QStringLiteral("geometryType")].toString(), 2);
        const qint64 count = qint64(l[QStringLiteral("featureCount")].toDouble());
        out += textLine(QStringLiteral("Features"), count < 0 ? QStringLiteral("unknown") : QString::number(count), 2);
        out += crsAndBoundsText(l, 2);
        const QJsonArray fields = l[QStringLiteral("fields")].toArray();
        out += textLine(QStringLiteral("Fields"), QString::number(fields.size()), 2);
        for (const QJsonValue &fv : fields) {
            const QJsonObject f = fv.toObject();
            out += QStringLiteral("    %1 %2\n").arg(f[QStringLiteral("name")].toString(), -16).arg(f[QStringLiteral("type")].toString());
        }
    }
    return out;
}

QString warningsText(const QJsonObject &i)
{
    QString out;
    const QJsonArray warnings = i[QStringLiteral("warnings")].toArray();
    if (warnings.isEmpty())
        return out;
    out += QStringLiteral("Warnings:\n");
    for (const QJsonValue &w : warnings)
        out += QStringLiteral("  %1\n").arg(w.toString());
    return out;
}

QString xyzText(const QJsonArray &a)
{
    return QStringLiteral("%1, %2, %3").arg(a.at(0).toDouble(), 0, 'f', 3).arg(a.at(1).toDouble(), 0, 'f', 3).arg(a.at(2).toDouble(), 0, 'f', 3);
}

QString boundsText(const QJsonObject &i)
{
    if (!i[QStringLiteral("bounds")].isObject())
        return textLine(QStringLiteral("Bounds"), QStringLiteral("none (no geometry)"));
    const QJsonObject b = i[QStringLiteral("bounds")].toObject();
    return textLine(QStringLiteral("Bounds"), xyzText(b[QStringLiteral("min")].toArray()) + QStringLiteral("  ..  ")
                                                      + xyzText(b[QStringLiteral("max")].toArray()));
}

QString modelText(const QJsonObject &i)
{
    QString out;
    auto count = [&](const char *key) { return QString::number(qint64(i[QLatin1String(key)].toDouble())); };
    out += textLine(QStringLiteral("Path"), i[QStringLiteral("path")].toString());
    out += textLine(QStringLiteral("Format"), QStringLiteral("3D model (%1)").arg(i[QStringLiteral("sourceFormat")].toString()));
    out += textLine(QStringLiteral("Nodes"), count("nodes"));
    out += textLine(QStringLiteral("Meshes"), count("meshes"));
    out += textLine(QStringLiteral("Triangles"), count("triangles"));
    out += textLine(QStringLiteral("Materials"), count("materials"));
    const QJsonObject tex = i[QStringLiteral("textures")].toObject();
    const QJsonArray missing = tex[QStringLiteral("missing")].toArray();
    out += textLine(QStringLiteral("Textures"), QStringLiteral("%1 embedded, %2 external, %3 missing")
                                                        .arg(qint64(tex[QStringLiteral("embedded")].toDouble()))
                                                        .arg(qint64(tex[QStringLiteral("external")].toDouble()))
                                                        .arg(missing.size()));
    for (const QJsonValue &m : missing)
        out += QStringLiteral("  missing: %1\n").arg(m.toString());
    for (const char *key : {"missingFiles", "missingMaterials"})
        for (const QJsonValue &m : i[QLatin1String(key)].toArray())
            out += QStringLiteral("  %1: %2\n").arg(QLatin1String(key) == QLatin1String("missingFiles") ? QStringLiteral("missing file")
                                                                                                      : QStringLiteral("missing material"),
                                                    m.toString());
    out += textLine(QStringLiteral("Up axis"), QStringLiteral("%1 in the file (stored %2-up)")
                                                       .arg(i[QStringLiteral("upAxis")].toString(), i[QStringLiteral("storedUpAxis")].toString()));
    out += boundsText(i);
    const QJsonArray storeys = i[QStringLiteral("storeys")].toArray();
    if (!storeys.isEmpty()) {
        out += QStringLiteral("Storeys:\n");
        for (const QJsonValue &sv : storeys) {
            const QJsonObject s = sv.toObject();
            const QJsonValue e = s[QStringLiteral("elevation")];
            out += QStringLiteral("  %1 %2\n").arg(e.isNull() ? QStringLiteral("(no elevation)") : num(e.toDouble(), 3), 14)
                           .arg(s[QStringLiteral("name")].toString());
        }
    }
    if (i[QStringLiteral("placement")].isObject())
        out += textLine(QStringLiteral("Placement"), i[QStringLiteral("placementFile")].toString()) + QStringLiteral("  ")
                + QString::fromUtf8(QJsonDocument(i[QStringLiteral("placement")].toObject()).toJson(QJsonDocument::Compact)) + QLatin1Char('\n');
    else if (i.contains(QStringLiteral("placementError")))
        out += textLine(QStringLiteral("Placement"), QStringLiteral("rejected: ") + i[QStringLiteral("placementError")].toString());
    else
        out += textLine(QStringLiteral("Placement"), QStringLiteral("none (no .geo.json next to the file)"));
    out += warningsText(i);
    return out;
}

QString camerasText(const QJsonObject &i)
{
    QString out;
    auto counts = [](const QJsonObject &o) {
        QStringList parts;
        for (auto it = o.begin(); it != o.end(); ++it)
            parts << QStringLiteral("%1 %2").arg(it.key()).arg(it.value().toInt());
        return parts.isEmpty() ? QStringLiteral("none") : parts.join(QStringLiteral(", "));
    };
    out += textLine(QStringLiteral("Path"), i[QStringLiteral("path")].toString());
    out += textLine(QStringLiteral("Format"), QStringLiteral("camera registry (%1)").arg(i[QStringLiteral("source")].toString()));
    out += textLine(QStringLiteral("Cameras"), QString::number(i[QStringLiteral("cameras")].toInt()));
    if (i[QStringLiteral("crs")].isObject()) {
        const QJsonObject crs = i[QStringLiteral("crs")].toObject();
        out += textLine(QStringLiteral("CRS"), crs[QStringLiteral("name")].toString()
                                                       + (crs[QStringLiteral("authority")].toString().isEmpty()
                                                                  ? QString()
                                                                  : QStringLiteral(" [%1]").arg(crs[QStringLiteral("authority")].toString())));
    } else {
        out += textLine(QStringLiteral("CRS"), QStringLiteral("none (the scene's)"));
    }
    if (!i[QStringLiteral("recordCrs")].toObject().isEmpty())
        out += textLine(QStringLiteral("Record CRSs"), counts(i[QStringLiteral("recordCrs")].toObject()));
    out += QStringLiteral("Departments:\n");
    const QJsonObject deps = i[QStringLiteral("departments")].toObject();
    for (auto it = deps.begin(); it != deps.end(); ++it)
        out += QStringLiteral("  %1 %2\n").arg(it.key() + QLatin1Char(':'), -24).arg(it.value().toInt());
    out += textLine(QStringLiteral("PTZ"), QString::number(i[QStringLiteral("ptz")].toInt()));
    out += textLine(QStringLiteral("Above ground"), QString::number(i[QStringLiteral("heightAboveGround")].toInt()));
    out += textLine(QStringLiteral("With streams"), QString::number(i[QStringLiteral("withStreams")].toInt()));
    out += textLine(QStringLiteral("Stream schemes"), counts(i[QStringLiteral("streamSchemes")].toObject()));
    out += textLine(QStringLiteral("Credentials"), QStringLiteral("%1 cameras; keychain references: %2")
                                                          .arg(i[QStringLiteral("withCredentials")].toInt())
                                                          .arg(counts(i[QStringLiteral("credentialRefs")].toObject())));
    const QJsonArray errors = i[QStringLiteral("errors")].toArray();
    out += textLine(QStringLiteral("Invalid"), QString::number(i[QStringLiteral("invalidRecords")].toInt()));
    for (const QJsonValue &e : errors)
        out += QStringLiteral("  error: %1\n").arg(e.toString());
    out += warningsText(i);
    return out;
}

/** CityJSON and CityGML: the same description. */
QString cityJsonText(const QJsonObject &i)
{
    QString out;
    const bool gml = i[QStringLiteral("format")].toString() == QLatin1String("citygml");
    out += textLine(QStringLiteral("Path"), i[QStringLiteral("path")].toString());
    out += textLine(QStringLiteral("Format"), QStringLiteral("%1 %2").arg(gml ? QStringLiteral("CityGML") : QStringLiteral("CityJSON"),
                                                                           i[QStringLiteral("version")].toString()));
    out += textLine(QStringLiteral("CRS"), i[QStringLiteral("referenceSystem")].isNull() ? QStringLiteral("none")
                                                                                        : i[QStringLiteral("referenceSystem")].toString());
    if (gml && !i[QStringLiteral("srsName")].isNull())
        out += textLine(QStringLiteral("srsName"), i[QStringLiteral("srsName")].toString());
    if (i.contains(QStringLiteral("crs")))
        out += textLine(QStringLiteral("CRS name"), i[QStringLiteral("crs")].toObject()[QStringLiteral("name")].toString());
    out += textLine(QStringLiteral("Objects"), QString::number(qint64(i[QStringLiteral("objects")].toDouble())));
    const QJsonObject types = i[QStringLiteral("objectTypes")].toObject();
    for (auto it = types.constBegin(); it != types.constEnd(); ++it)
        out += QStringLiteral("  %1 %2\n").arg(it.key() + QLatin1Char(':'), -24).arg(it.value().toInt());
    QStringList lods;
    for (const QJsonValue &l : i[QStringLiteral("lods")].toArray())
        lods << l.toString();
    out += textLine(QStringLiteral("LoDs"), lods.isEmpty() ? QStringLiteral("none") : lods.join(QStringLiteral(", ")));
    out += textLine(QStringLiteral("Triangles"), QString::number(qint64(i[QStringLiteral("triangles")].toDouble())));
    out += boundsText(i);
    if (i.contains(QStringLiteral("boundsWgs84"))) {
        const QJsonObject b = i[QStringLiteral("boundsWgs84")].toObject();
        out += textLine(QStringLiteral("Bounds WGS84"), QStringLiteral("W %1  S %2  E %3  N %4")
                                                                 .arg(b[QStringLiteral("west")].toDouble(), 0, 'f', 7)
                                                                 .arg(b[QStringLiteral("south")].toDouble(), 0, 'f', 7)
                                                                 .arg(b[QStringLiteral("east")].toDouble(), 0, 'f', 7)
                                                                 .arg(b[QStringLiteral("north")].toDouble(), 0, 'f', 7));
    }
    QStringList attributes;
    for (const QJsonValue &a : i[QStringLiteral("attributes")].toArray())
        attributes << a.toString();
    out += textLine(QStringLiteral("Attributes"), attributes.isEmpty() ? QStringLiteral("none") : attributes.join(QStringLiteral(", ")));
    out += warningsText(i);
    return out;
}

} // namespace

// tiles3d: `info` on a tileset
static QString tilesetText(const QJsonObject &i)
{
    QString out;
    auto line = [&](const QString &k, const QString &v) { out += QStringLiteral("%1 %2\n").arg(k + QLatin1Char(':'), -16).arg(v); };
    line(QStringLiteral("Path"), i[QStringLiteral("path")].toString());
    line(QStringLiteral("Format"), QStringLiteral("3D Tiles %1").arg(i[QStringLiteral("version")].toString()));
    QString tiling = i[QStringLiteral("tiling")].toString();
    if (i.contains(QStringLiteral("subtreeLevels")))
        tiling += QStringLiteral(" (subtree levels %1, available levels %2)").arg(i[QStringLiteral("subtreeLevels")].toInt())
                          .arg(i[QStringLiteral("availableLevels")].toInt());
    line(QStringLiteral("Tiling"), tiling);
    line(QStringLiteral("Levels"), QString::number(i[QStringLiteral("levels")].toInt()));
    line(QStringLiteral("Tiles"), QStringLiteral("%1 (%2 with content, %3 tileset file(s))%4").arg(i[QStringLiteral("tiles")].toInt())
                 .arg(i[QStringLiteral("tilesWithContent")].toInt()).arg(i[QStringLiteral("tilesets")].toInt())
                 .arg(i[QStringLiteral("truncated")].toBool() ? QStringLiteral(", walk truncated")
                      : i[QStringLiteral("walked")].toString() == QLatin1String("all") ? QString()
                      : QStringLiteral("; top tileset only, %1 external tileset(s) not opened: --deep reads all")
                                .arg(i[QStringLiteral("externalTilesetsNotOpened")].toInt())));
    QStringList types;
    const QJsonObject counts = i[QStringLiteral("contentCounts")].toObject();
    for (const QJsonValue &t : i[QStringLiteral("contentTypes")].toArray())
        types << (counts.contains(t.toString()) ? QStringLiteral("%1 ×%2").arg(t.toString()).arg(counts[t.toString()].toInt()) : t.toString());
    line(QStringLiteral("Content types"), types.join(QStringLiteral(", ")));
    line(QStringLiteral("Georeferenced"), i[QStringLiteral("georeferenced")].toBool() ? QStringLiteral("yes") : QStringLiteral("no (local frame)"));
    if (i.contains(QStringLiteral("boundsWgs84"))) {
        const QJsonObject b = i[QStringLiteral("boundsWgs84")].toObject();
        line(QStringLiteral("Bounds WGS84"), QStringLiteral("W %1  S %2  E %3  N %4  height %5 .. %6 m")
                     .arg(b[QStringLiteral("west")].toDouble(), 0, 'f', 7).arg(b[QStringLiteral("south")].toDouble(), 0, 'f', 7)
                     .arg(b[QStringLiteral("east")].toDouble(), 0, 'f', 7).arg(b[QStringLiteral("north")].toDouble(), 0, 'f', 7)
                     .arg(b[QStringLiteral("minHeight")].toDouble(), 0, 'f', 1).arg(b[QStringLiteral("maxHeight")].toDouble(), 0, 'f', 1));
    }
    for (const QJsonValue &m : i[QStringLiteral("missingContent")].toArray())
        line(QStringLiteral("Missing"), m.toString());
    for (const QJsonValue &u : i[QStringLiteral("unreadable")].toArray())
        line(QStringLiteral("Unreadable"), u.toString());
    for (const QJsonValue &w : i[QStringLiteral("warnings")].toArray())
        line(QStringLiteral("Warning"), w.toString());
    return out;
}

QString InfoCommand::toText(const QJsonObject &i)
{
    if (i[QStringLiteral("format")].toString() == QLatin1String("3dtiles"))
        return tilesetText(i);
    const QString format = i[QStringLiteral("format")].toString();
    if (format == QLatin1String("raster"))
        return rasterText(i);
    if (format == QLatin1String("vector"))
        return vectorText(i);
    if (format == QLatin1String("model"))
        return modelText(i);
    if (format == QLatin1String("cityjson") || format == QLatin1String("citygml"))
        return cityJsonText(i);
    if (format == QLatin1String("cameras"))
        return camerasText(i);
    QString out;
    auto line = [&](const QString &k, const QString &v) { out += QStringLiteral("%1 %2\n").arg(k + QLatin1Char(':'), -16).arg(v); };
    auto v3 = [](const QJsonObject &o) {
        return QStringLiteral("%1, %2, %3").arg(o[QStringLiteral("x")].toDouble(), 0, 'f', 3)
                .arg(o[QStringLiteral("y")].toDouble(), 0, 'f', 3).arg(o[QStringLiteral("z")].toDouble(), 0, 'f', 3);
    };
    line(QStringLiteral("Path"), i[QStringLiteral("path")].toString());
    line(QStringLiteral("Format"), i[QStringLiteral("format")].toString() + QStringLiteral(" (") + i[QStringLiteral("layout")].toString() + QLatin1Char(')'));
    const QJsonObject crs = i[QStringLiteral("crs")].toObject();
    line(QStringLiteral("CRS"), crs[QStringLiteral("name")].toString()
                 + (crs[QStringLiteral("authority")].toString().isEmpty() ? QString() : QStringLiteral(" [%1]").arg(crs[QStringLiteral("authority")].toString())));
    if (!crs[QStringLiteral("proj")].toString().isEmpty())
        line(QStringLiteral("PROJ"), crs[QStringLiteral("proj")].toString());
    if (crs.contains(QStringLiteral("warning")))
        line(QStringLiteral("CRS note"), crs[QStringLiteral("warning")].toString());
    line(QStringLiteral("Origin"), v3(i[QStringLiteral("origin")].toObject()));
    if (i.contains(QStringLiteral("originWgs84"))) {
        const QJsonObject o = i[QStringLiteral("originWgs84")].toObject();
        line(QStringLiteral("Origin WGS84"), QStringLiteral("lon %1, lat %2").arg(o[QStringLiteral("lon")].toDouble(), 0, 'f', 7).arg(o[QStringLiteral("lat")].toDouble(), 0, 'f', 7));
    }
    if (i.contains(QStringLiteral("boundsCrs"))) {
        const QJsonObject b = i[QStringLiteral("boundsCrs")].toObject();
        line(QStringLiteral("Bounds (CRS)"), v3(b[QStringLiteral("min")].toObject()) + QStringLiteral("  ..  ") + v3(b[QStringLiteral("max")].toObject()));
    }
    if (i.contains(QStringLiteral("boundsWgs84"))) {
        const QJsonObject b = i[QStringLiteral("boundsWgs84")].toObject();
        line(QStringLiteral("Bounds WGS84"), QStringLiteral("W %1  S %2  E %3  N %4")
                     .arg(b[QStringLiteral("west")].toDouble(), 0, 'f', 7).arg(b[QStringLiteral("south")].toDouble(), 0, 'f', 7)
                     .arg(b[QStringLiteral("east")].toDouble(), 0, 'f', 7).arg(b[QStringLiteral("north")].toDouble(), 0, 'f', 7));
    }
    line(QStringLiteral("Root tiles"), QString::number(i[QStringLiteral("rootTiles")].toInt()));
    if (i.contains(QStringLiteral("levels"))) {
        line(QStringLiteral("Files"), QString::number(i[QStringLiteral("files")].toInt()));
        line(QStringLiteral("Triangles"), QString::number(qint64(i[QStringLiteral("triangles")].toDouble())));
        line(QStringLiteral("Texture bytes"), QString::number(qint64(i[QStringLiteral("textureBytes")].toDouble())));
        out += QStringLiteral("LOD levels:\n");
        for (const QJsonValue &l : i[QStringLiteral("levels")].toArray()) {
            const QJsonObject o = l.toObject();
            out += QStringLiteral("  level %1: %2 files, %3 triangles, %4 textures, %5 texture bytes\n")
                           .arg(o[QStringLiteral("level")].toInt()).arg(o[QStringLiteral("files")].toInt())
                           .arg(qint64(o[QStringLiteral("triangles")].toDouble())).arg(o[QStringLiteral("textures")].toInt())
                           .arg(qint64(o[QStringLiteral("textureBytes")].toDouble()));
        }
        const QJsonArray missing = i[QStringLiteral("missingChildren")].toArray();
        line(QStringLiteral("Missing children"), QString::number(missing.size()));
        for (const QJsonValue &m : missing)
            out += QStringLiteral("  %1\n").arg(m.toString());
    }
    const QJsonArray unreadable = i[QStringLiteral("unreadable")].toArray();
    if (!unreadable.isEmpty()) {
        line(QStringLiteral("Unreadable"), QString::number(unreadable.size()));
        for (const QJsonValue &u : unreadable)
            out += QStringLiteral("  %1\n").arg(u.toObject()[QStringLiteral("error")].toString());
    }
    for (const QJsonValue &w : i[QStringLiteral("warnings")].toArray())
        line(QStringLiteral("Warning"), w.toString());
    return out;
}

int InfoCommand::run(const QString &path, bool deep, bool json)
{
    bool ok = false;
    QString error;
    const QJsonObject info = describe(path, deep, &ok, &error);
    if (!ok) {
        if (json) {
            std::printf("%s\n", QJsonDocument(QJsonObject{{QStringLiteral("error"), error}}).toJson(QJsonDocument::Compact).constData());
        }
        std::fprintf(stderr, "liyuan info: %s\n", qPrintable(error));
        return 2;
    }
    if (json)
        std::printf("%s\n", QJsonDocument(info).toJson(QJsonDocument::Indented).constData());
    else
        std::printf("%s", qPrintable(toText(info)));
    return 0;
}

} // namespace liyuan
