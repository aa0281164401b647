#include "LayerManager.h"

#include <liyuan/scene/RemoteUrl.h>
#include <liyuan/scene/RemoteFile.h>
#include <liyuan/assimp/CityJsonReader.h>
#include <liyuan/assimp/CityJsonTileReader.h>
#include <liyuan/assimp/ModelLoadProgress.h>
#include <liyuan/assimp/ModelPlacement.h>
#include <liyuan/assimp/ModelTileReader.h>
#include <liyuan/tiles3d/Tiles3dDataset.h>
#include <liyuan/citygml/CityGmlReader.h>

#include <liyuan/gdal/TerrainTileReader.h>
#include <liyuan/gdal/VectorTileReader.h>
#include <liyuan/geodata/VectorDataset.h>
#include <liyuan/geodata/CoordinateTransform.h>
#include <liyuan/osgb/OsgbDataset.h>
#include <liyuan/scene/RunThen.h>
#include <liyuan/scene/quick/TileDrawableModel.h>

#include <QFileInfo>
#include <QSet>
#include <QVariantList>
#include <QRegularExpression>
#include <QUrl>
#include <QJsonObject>
#include <QPointer>
#include <QStandardPaths>

#include <cmath>

namespace liyuan {

namespace {

bool looksLikeOsgb(const QString &path)
{
    const QFileInfo fi(path);
    if (fi.isDir())
        return true;
    const QString ext = fi.suffix().toLower();
    return ext == QLatin1String("osgb") || ext == QLatin1String("osgt") || ext == QLatin1String("ive")
           || fi.fileName().compare(QLatin1String("metadata.xml"), Qt::CaseInsensitive) == 0;
}

/** Bounding box in local scene coordinates of a raster's bounds (edges sampled). */
bool localExtent(const RasterInfo &info, const LocalFrame &frame, Box2d *out, QString *error)
{
    CoordinateTransform ct(info.crs, frame.crs());
    if (!ct.isValid()) {
        *error = QStringLiteral("%1: cannot transform its CRS into the scene's: %2").arg(info.file, ct.error());
        return false;
    }
    double minX = 1e300, minY = 1e300, maxX = -1e300, maxY = -1e300;
    const Box2d &b = info.bounds;
    const int steps = 16;
    for (int i = 0; i <= steps; ++i) {
        const double t = double(i) / steps;
        for (const Vec3d &p : {Vec3d(b.minX + t * b.width(), b.minY, 0), Vec3d(b.minX + t * b.width(), b.maxY, 0),
                               Vec3d(b.minX, b.minY + t * b.height(), 0), Vec3d(b.maxX, b.minY + t * b.height(), 0)}) {
            bool ok = false;
            const Vec3d q = frame.fromCrs(ct.apply(p, &ok));
            if (!ok)
                continue;
            minX = std::min(minX, q.x);
            minY = std::min(minY, q.y);
            maxX = std::max(maxX, q.x);
            maxY = std::max(maxY, q.y);
        }
    }
    if (!(maxX > minX && maxY > minY)) {
        *error = QStringLiteral("%1: its bounds cannot be placed in the scene's CRS").arg(info.file);
        return false;
    }
    *out = Box2d{minX, minY, maxX, maxY};
    return true;
}

int levelsFor(double side, double cellsPerTile, double pixelSize)
{
    if (!(pixelSize > 0) || !(side > 0))
        return 0;
    return std::clamp(int(std::ceil(std::log2(side / (cellsPerTile * pixelSize)))), 0, 14);
}

} // namespace

LayerManager::LayerManager(TileStreamer *streamer, TileDrawableModel *drawables, QObject *parent)
    : QObject(parent), m_streamer(streamer), m_drawables(drawables), m_model(new LayerListModel(this))
{
}

QString LayerManager::uniqueId(const QString &base) const
{
    QString stem = base;
    stem.replace(QRegularExpression(QStringLiteral("[^A-Za-z0-9_\\-]")), QStringLiteral("_"));
    if (stem.isEmpty())
        stem = QStringLiteral("layer");
    QString id = stem;
    for (int n = 2; m_model->indexOf(id) >= 0; ++n)
        id = QStringLiteral("%1_%2").arg(stem).arg(n);
    return id;
}

bool LayerManager::busy() const
{
    return m_pending > 0;
}

bool LayerManager::addPath(const QString &input, const QJsonObject &settings)
{
    QString path = input;
    QString as = settings.value(QStringLiteral("as")).toString().toLower();
    QString suffix; // "#terrain" / "#imagery" after the file name (a URL's fragment)
    if (path.startsWith(QLatin1String("file:"))) {
        const QUrl url(path);
        suffix = url.fragment();
        path = url.toLocalFile();
    } else {
        static const QRegularExpression re(QStringLiteral("#(terrain|imagery)$"), QRegularExpression::CaseInsensitiveOption);
        const QRegularExpressionMatch m = re.match(path);
        if (m.hasMatch() && !QFileInfo::exists(path)) {
            suffix = m.captured(1);
            path.chop(m.capturedLength());
        }
    }
    if (RemoteUrl::isRemote(path)) {
        QJsonObject remoteSettings = settings;
        if (!suffix.isEmpty()) // "URL#terrain": the raster kind goes with it
            remoteSettings[QStringLiteral("as")] = suffix.toLower();
        return addRemote(path, remoteSettings);
    }
    path = QFileInfo(path).absoluteFilePath();
    if (!suffix.isEmpty()) {
        if (!RasterDataset::parseRole(suffix, nullptr)) {
            emit message(RemoteFile::shownText(QStringLiteral("%1: '#%2' is not a raster kind (use #terrain or #imagery)").arg(path, suffix)));
            return false;
        }
        as = suffix.toLower();
    }
    if (!as.isEmpty() && !RasterDataset::parseRole(as, nullptr)) {
        emit message(RemoteFile::shownText(QStringLiteral("%1: \"as\": \"%2\" is neither terrain nor imagery; decided from the data")
                             .arg(path, as)));
        as.clear();
    }
    LayerEntry entry;
    entry.path = path;
    QString base = QFileInfo(path).completeBaseName();
    if (QFileInfo(path).isDir())
        base = QFileInfo(path).fileName();
    entry.id = uniqueId(settings.value(QStringLiteral("id")).toString(base));
    entry.name = settings.value(QStringLiteral("name")).toString(base);
    entry.visible = settings.value(QStringLiteral("visible")).toBool(true);
    entry.opacity = std::clamp(settings.value(QStringLiteral("opacity")).toDouble(1.0), 0.0, 1.0);
    entry.style = settings.value(QStringLiteral("style")).toObject();
    entry.sourceLayer = settings.value(QStringLiteral("sourceLayer")).toInt(0);
    entry.kind = settings.value(QStringLiteral("kind")).toString(); // a hint; detection decides
    entry.rasterAs = as;

    if (!QFileInfo::exists(path)) {
        emit message(RemoteFile::shownText(QStringLiteral("%1: no such file or folder").arg(path)));
        return false;
    }
    if (!QFileInfo(path).isFile() && !QFileInfo(path).isDir()) { // reading a FIFO or device blocks for ever
        emit message(RemoteFile::shownText(QStringLiteral("%1: not a regular file or folder (a FIFO, socket or device); refused").arg(path)));
        return false;
    }
    if (looksLikeOsgb(path))
        return addPhotogrammetry(path, entry);
    if (tiles3d::Tiles3dDataset::identify(path)) // tiles3d: before OGR, which would read tileset.json as GeoJSON
        return addTileset(path, entry);
    if (assimp::CityJsonReader::identify(path))
        return addCityModel(path, entry, QStringLiteral("CityJSON"), assimp::CityJsonTileReader::referenceSystem(path));
    if (citygml::CityGmlReader::identify(path)) // before OGR, whose GML driver finds no geometry in CityGML
        return addCityModel(path, entry, QStringLiteral("CityGML"),
                            citygml::CityGmlReader::referenceSystemOf(citygml::CityGmlReader::srsNameOf(path)));
    if (assimp::ModelTileReader::extensions().contains(QFileInfo(path).suffix().toLower())) {
        entry.placement = settings.value(QStringLiteral("placement")).toObject();
        entry.scheme = settings.value(QStringLiteral("scheme")).toString();
        return addModel(path, entry);
    }
    QString rasterError;
    const RasterDataset raster = RasterDataset::open(path, &rasterError);
    if (raster.isValid())
        return addRaster(path, entry);
    if (!entry.rasterAs.isEmpty()) {
        emit message(RemoteFile::shownText(QStringLiteral("%1: not a raster, so 'as %2' does not apply").arg(path, entry.rasterAs)));
        entry.rasterAs.clear();
    }
    return addVector(path, entry, rasterError);
}

bool LayerManager::addRemote(const QString &url, const QJsonObject &settings)
{
    // remote: an OSGB production (or a part of it) by URL, located on a worker thread (fetches)
    const QString shown = RemoteUrl::redacted(url);
    const QString ext = RemoteUrl::suffix(url);
    const QString name = RemoteUrl::fileName(url);
    const bool osgbLike = ext.isEmpty() || ext == QLatin1String("osgb") || ext == QLatin1String("osgt")
                          || ext == QLatin1String("ive") || name.compare(QLatin1String("metadata.xml"), Qt::CaseInsensitive) == 0;
    // remote: every file-based kind (a .json: tileset, CityJSON or GeoJSON, decided by its content)
    if (!osgbLike
        && (RemoteFile::isGdalFile(url) || RemoteFile::isShapefile(url) || ext == QLatin1String("xml")
            || assimp::ModelTileReader::extensions().contains(ext)))
        return addRemoteFile(url, settings);
    if (!osgbLike) {
        emit message(QStringLiteral("%1: only OSGB productions (a production, Data/ or Tile_* folder, metadata.xml or .osgb URL), "
                                    "3D Tiles tilesets, CityJSON and GeoJSON (a .json URL), CityGML (.gml, .xml), shapefiles "
                                    "(.shp), models (.%2) and single-file GDAL data (.tif, .geojson, .gpkg, .kml, .fgb …) open "
                                    "by URL in this build")
                             .arg(shown, assimp::ModelTileReader::extensions().join(QStringLiteral(", ."))));
        return false;
    }
    LayerEntry entry;
    entry.path = url;
    const QString base = ext.isEmpty() ? name : QFileInfo(name).completeBaseName();
    entry.id = uniqueId(settings.value(QStringLiteral("id")).toString(base));
    entry.name = settings.value(QStringLiteral("name")).toString(base);
    entry.visible = settings.value(QStringLiteral("visible")).toBool(true);
    entry.opacity = std::clamp(settings.value(QStringLiteral("opacity")).toDouble(1.0), 0.0, 1.0);
    entry.kind = QStringLiteral("photogrammetry");
    loadInRow(entry, [url]() { return osgb::OsgbDataset::open(url); },
              [this](osgb::OsgbDataset ds, const LayerEntry *e) { ds.ok ? void(addDataset(ds, *e)) : failRow(e->id, ds.error); });
    return true;
}

/** What the worker of addRemoteFile found: the local copy (with its companions) and its kind. */
struct LayerManager::RemoteCopy
{
    QString local;
    QString error;
    QString kind; ///< "tileset" (opened by URL), else decided again from the local copy
    QStringList warnings;
};

// remote: a file-based dataset by URL (GDAL file, shapefile, model, CityJSON, CityGML; a .json
// that is a 3D Tiles tileset goes on to addTileset): downloaded with the files it needs beside it
// on a worker (RemoteFile: the disk cache, offline, retries), checked there, then opened from its
// local copy like any file; the layer keeps the URL and its messages name the URL
bool LayerManager::addRemoteFile(const QString &url, const QJsonObject &settings)
{
    const QString ext = RemoteUrl::suffix(url);
    const QString fileName = RemoteUrl::fileName(url);
    QString base = QFileInfo(fileName).completeBaseName();
    if (ext == QLatin1String("json")) {
        // tiles3d: "…/Production_1/tileset.json" is named after its folder
        const QStringList parts = QUrl(RemoteUrl::toHttp(url)).path().split(QLatin1Char('/'), Qt::SkipEmptyParts);
        if (base.compare(QLatin1String("tileset"), Qt::CaseInsensitive) == 0 && parts.size() >= 2)
            base = parts[parts.size() - 2];
    }
    LayerEntry entry;
    entry.path = url;
    entry.id = uniqueId(settings.value(QStringLiteral("id")).toString(base));
    entry.name = settings.value(QStringLiteral("name")).toString(ext == QLatin1String("json") ? base : fileName);
    entry.visible = settings.value(QStringLiteral("visible")).toBool(true);
    entry.opacity = std::clamp(settings.value(QStringLiteral("opacity")).toDouble(1.0), 0.0, 1.0);
    entry.kind = settings.value(QStringLiteral("kind")).toString();
    entry.status = QStringLiteral("loading"); // the row shows while the file downloads
    m_model->add(entry);
    emit changed();
    ++m_pending;
    emit busyChanged();
    const bool model = assimp::ModelTileReader::extensions().contains(ext);
    // a model's placement sidecar (ModelPlacement::readSidecar): "house.glb.geo.json" or "house.geo.json"
    const QStringList siblings = model ? QStringList{fileName + QStringLiteral(".geo.json"), base + QStringLiteral(".geo.json")}
                                       : QStringList();
    const QString id = entry.id;
    m_remoteOrder << id;
    runThen(this, [url, ext, model, siblings]() {
        RemoteCopy r;
        const QString shown = RemoteUrl::redacted(url);
        if (ext == QLatin1String("json")) {
            // by content: a tileset is opened by URL (its reader's fetch of it is a disk-cache hit)
            r.local = RemoteFile::localCopy(url, &r.error);
            if (r.local.isEmpty())
                return r;
            r.kind = RemoteFile::jsonKind(r.local);
            if (r.kind == QLatin1String("tileset"))
                return r;
        }
        r.local = RemoteFile::localBundle(url, &r.error, &r.warnings, siblings);
        if (r.local.isEmpty() || model || r.kind == QLatin1String("CityJSON") || citygml::CityGmlReader::identify(r.local))
            return r; // opened (and checked) by addPath
        QString rasterError, vectorError;
        if (!RasterDataset::open(r.local, &rasterError).isValid() && !VectorDataset::open(r.local, &vectorError).isValid()) {
            r.error = ext == QLatin1String("json") && r.kind.isEmpty()
                              ? QStringLiteral("%1: neither a 3D Tiles tileset (\"asset\" and \"root\"), CityJSON (\"type\": "
                                               "\"CityJSON\") nor GeoJSON (GDAL: %2)")
                                        .arg(shown, RemoteFile::shownText(vectorError))
                              : QStringLiteral("%1: not a dataset Liyuan can open (as a raster: %2; as a vector: %3)")
                                        .arg(shown, RemoteFile::shownText(rasterError), RemoteFile::shownText(vectorError));
            r.local.clear();
        }
        return r;
    }, [this, url, id, settings](RemoteCopy r) {
        openRemoteInOrder(id, [this, url, id, settings, r]() { openRemoteCopy(url, id, settings, r); });
    });
    return true;
}

void LayerManager::openRemoteInOrder(const QString &id, std::function<void()> open)
{
    m_remoteReady.insert(id, std::move(open));
    while (!m_remoteOrder.isEmpty() && m_remoteReady.contains(m_remoteOrder.constFirst())) {
        const std::function<void()> next = m_remoteReady.take(m_remoteOrder.takeFirst());
        next();
    }
}

void LayerManager::openRemoteCopy(const QString &url, const QString &id, const QJsonObject &settings, const RemoteCopy &r)
{
    --m_pending;
    emit busyChanged();
    const LayerEntry *e = m_model->layer(id);
    if (!e)
        return; // removed meanwhile
    for (const QString &w : std::as_const(r.warnings))
        emit message(w);
    LayerEntry entry = *e;
    auto fail = [&](const QString &error) {
        m_model->update(id, [&](LayerEntry &l) {
            l.status = QStringLiteral("failed");
            l.message = error;
        });
        emit message(error);
        emit changed();
    };
    if (r.local.isEmpty())
        return fail(r.error);
    m_model->remove(id);
    if (r.kind == QLatin1String("tileset")) {
        entry.status.clear();
        addTileset(url, entry);
        return;
    }
    QJsonObject s = settings;
    s[QStringLiteral("id")] = entry.id;
    s[QStringLiteral("name")] = entry.name;
    QString last; // addPath's own message when it refuses the file (already naming the URL)
    const auto watch = connect(this, &LayerManager::message, this, [&last](const QString &text) { last = text; });
    const bool ok = addPath(r.local, s);
    disconnect(watch);
    const QString local = QFileInfo(r.local).absoluteFilePath();
    bool any = false;
    // the layer(s) keep the URL (project files, state), not the session's copy
    for (const LayerEntry &l : m_model->layers())
        if (l.path == local || l.path == r.local) {
            any = true;
            m_model->update(l.id, [&url](LayerEntry &x) {
                x.path = url;
                x.message = RemoteFile::shownText(x.message);
            });
        }
    if (!ok && !any) { // the row stays, failed, naming the URL (a run's exit code, the layer list)
        m_model->add(entry);
        return fail(last.isEmpty() ? QStringLiteral("%1: could not be opened").arg(RemoteUrl::redacted(url)) : last);
    }
    emit changed();
}

bool LayerManager::addPhotogrammetry(const QString &path, LayerEntry entry)
{
    const osgb::OsgbDataset ds = osgb::OsgbDataset::open(path);
    if (!ds.ok) {
        emit message(RemoteFile::shownText(ds.error));
        return false;
    }
    return addDataset(ds, entry);
}

bool LayerManager::addDataset(const osgb::OsgbDataset &ds, LayerEntry entry)
{
    const QString path = ds.path;
    TileDataset td;
    td.path = path;
    td.format = QStringLiteral("OSGB");
    td.frame = ds.frame;
    td.rootFiles = ds.rootFiles;
    td.warnings = ds.warnings;
    entry.kind = QStringLiteral("photogrammetry");
    entry.dataset = m_streamer->addDataset(td);
    entry.status = QStringLiteral("ready");
    const QStringList warnings = m_streamer->datasets()[size_t(entry.dataset)].warnings;
    entry.message = RemoteFile::shownText(warnings.join(QLatin1Char('\n')));
    for (const QString &w : warnings)
        emit message(RemoteFile::shownText(w));
    if (m_model->layer(entry.id)) // remote: the "loading" row becomes the layer
        m_model->update(entry.id, [&](LayerEntry &l) { l = entry; });
    else
        m_model->add(entry);
    applyVisibility(entry);
    emit changed();
    return true;
}

// tiles3d: an OGC 3D Tiles tileset (path or URL), streamed like a photogrammetry production;
// opened on a worker thread (a URL is fetched; a local tileset.json may be large)
bool LayerManager::addTileset(const QString &path, LayerEntry entry)
{
    entry.kind = QStringLiteral("photogrammetry");
    const QString id = entry.id;
    loadInRow(entry, [path]() { return tiles3d::Tiles3dDataset::open(path); },
              [this, id](tiles3d::Tiles3dDataset ds, const LayerEntry *e) {
        if (!ds.ok)
            return failRow(id, ds.error);
        LayerEntry entry = *e;
        TileDataset td;
        td.path = ds.path;
        td.format = QStringLiteral("3D Tiles");
        td.frame = ds.frame;
        td.rootFiles = ds.rootFiles;
        td.warnings = ds.warnings;
        entry.dataset = m_streamer->addDataset(td);
        entry.status = QStringLiteral("ready");
        entry.message = RemoteFile::shownText(td.warnings.join(QLatin1Char('\n')));
        for (const QString &w : std::as_const(td.warnings))
            emit message(RemoteFile::shownText(w));
        m_model->update(id, [&](LayerEntry &l) { l = entry; });
        applyVisibility(entry);
        emit changed();
    });
    return true;
}

bool LayerManager::addModel(const QString &path, LayerEntry entry)
{
    using assimp::ModelPlacement;
    using assimp::ModelTileReader;
    ModelPlacement placement;
    QString error;
    if (!entry.placement.isEmpty()) {
        if (!ModelPlacement::fromJson(entry.placement, path, &placement, &error)) {
            emit message(RemoteFile::shownText(error));
            return false;
        }
    } else if (!ModelPlacement::readSidecar(path, &placement, &error) && !error.isEmpty()) {
        emit message(RemoteFile::shownText(error)); // a broken sidecar: the model opens unplaced, at the scene origin
    }
    // one dataset per layer: the same file may stand in several schemes
    const QString tilePath = ModelTileReader::instancePath(path, entry.id);
    TileDataset td;
    if (placement.crs.isEmpty()) {
        // no placement: at the scene origin (an empty scene takes the model's own local frame)
        const LocalFrame scene = m_streamer->sceneFrame();
        if (m_streamer->hasSceneFrame() && scene.isGeoreferenced()) {
            placement.crs = scene.crs().definition();
            placement.position = scene.origin();
        } else {
            ModelTileReader::setPlacement(tilePath, placement);
            td.path = tilePath;
            td.format = QStringLiteral("Model");
            td.rootFiles = {tilePath};
            td.headingDeg = placement.heading;
            td.scale = placement.scale;
            td.warnings << QStringLiteral("%1: no placement (no .geo.json sidecar): shown in a local frame").arg(path);
        }
    }
    if (td.rootFiles.isEmpty() && !ModelTileReader::makeDataset(tilePath, placement, m_streamer->sceneFrame(), &td, &error)) {
        emit message(RemoteFile::shownText(error));
        return false;
    }
    td.keepFootprint = true; // the height-limit check uses the model's real ground outline
    entry.kind = QStringLiteral("model");
    if (!placement.crs.isEmpty())
        entry.placement = placement.toJson();
    for (const QString &w : std::as_const(td.warnings))
        emit message(RemoteFile::shownText(w));
    td.path = RemoteFile::shownText(td.path); // remote: the URL, not the session's copy
    for (QString &w : td.warnings)
        w = RemoteFile::shownText(w);
    entry.dataset = m_streamer->addDataset(td);
    entry.status = QStringLiteral("ready");
    m_model->add(entry);
    applyVisibility(entry);
    emit changed();
    return true;
}

bool LayerManager::addCityModel(const QString &path, LayerEntry entry, const QString &format, const QString &rs)
{
    // the frame is the file's reference system (origin 0); vertices are relative to the
    // model's centre inside the tile, so float precision holds at national-grid magnitudes
    TileDataset td;
    td.path = path;
    td.format = format;
    td.rootFiles = {path};
    if (!rs.isEmpty()) {
        QString error;
        const Crs crs = Crs::fromString(rs, &error);
        if (crs.isValid() && crs.isGeographic()) {
            // degrees are no metres: the model would be drawn 100 000 times too small
            emit message(RemoteFile::shownText(QStringLiteral("%1: its coordinates are in a geographic CRS (%2); a city model needs a projected "
                                        "CRS (e.g. UTM) to be drawn")
                                 .arg(path, rs)));
            return false;
        }
        if (crs.isValid())
            td.frame = LocalFrame(crs, Vec3d());
        else
            td.warnings << QStringLiteral("%1: reference system %2 cannot be used (%3); shown in a local frame").arg(path, rs, error);
    } else {
        td.warnings << QStringLiteral("%1: no reference system; shown in a local frame").arg(path);
    }
    entry.kind = QStringLiteral("citymodel");
    td.path = RemoteFile::shownText(td.path); // remote: the URL, not the session's copy
    for (QString &w : td.warnings)
        w = RemoteFile::shownText(w);
    entry.dataset = m_streamer->addDataset(td);
    entry.status = QStringLiteral("ready");
    for (const QString &w : std::as_const(td.warnings))
        emit message(RemoteFile::shownText(w));
    entry.message = RemoteFile::shownText(td.warnings.join(QLatin1Char('\n')));
    m_model->add(entry);
    applyVisibility(entry);
    emit changed();
    return true;
}

bool LayerManager::setModelPlacement(const QString &id, const QJsonObject &placementJson, QString *error)
{
    using assimp::ModelPlacement;
    const LayerEntry *e = m_model->layer(id);
    if (!e || e->kind != QLatin1String("model") || e->dataset < 0) {
        if (error)
            *error = QStringLiteral("%1: not a model layer").arg(id);
        return false;
    }
    ModelPlacement placement;
    if (!ModelPlacement::fromJson(placementJson, e->path, &placement, error))
        return false;
    DatasetTransform t;
    if (!placement.sceneTransform(m_streamer->sceneFrame(), e->path, &t, error))
        return false;
    if (!m_streamer->setDatasetTransform(e->dataset, t.offset, t.headingDeg, t.scale)) {
        if (error)
            *error = QStringLiteral("%1: the placement cannot be applied").arg(e->path);
        return false;
    }
    const QJsonObject stored = placement.toJson();
    m_model->update(id, [&](LayerEntry &l) { l.placement = stored; });
    emit changed();
    return true;
}

bool LayerManager::setFirstFrame(const QString &file, const Crs &crs, const Box2d &bounds, QString *error)
{
    // the first dataset defines the scene frame: its CRS, origin at its centre — or, for
    // lon/lat data or feet, a metric frame (UTM zone) at its centre, into which everything is warped
    QString problem;
    const LocalFrame frame = LocalFrame::forExtent(crs, bounds.minX, bounds.minY, bounds.maxX, bounds.maxY, &problem);
    if (!frame.isGeoreferenced()) {
        *error = QStringLiteral("%1: no scene frame can be made from it: %2").arg(file, problem);
        return false;
    }
    if (frame.crs() != crs)
        emit message(RemoteFile::shownText(QStringLiteral("%1 is in %2 (%3): the scene uses the metric frame %4 at its centre")
                             .arg(file, crs.name(),
                                  crs.isGeographic() ? QStringLiteral("degrees, not metres") : QStringLiteral("not metres"),
                                  frame.crs().name())));
    m_streamer->setSceneFrame(frame);
    return true;
}

bool LayerManager::ensureSceneFrame(const RasterDataset &raster, QString *error)
{
    const RasterInfo &info = raster.info();
    if (!info.crs.isValid()) {
        *error = QStringLiteral("%1: the raster has no CRS; it cannot be placed in the scene").arg(info.file);
        return false;
    }
    if (!m_streamer->hasSceneFrame() && !setFirstFrame(info.file, info.crs, info.bounds, error))
        return false;
    if (!m_streamer->sceneFrame().isGeoreferenced()) {
        *error = QStringLiteral("%1: the scene is not georeferenced (its first dataset had no metadata.xml); "
                                "a georeferenced raster cannot be placed in it")
                         .arg(info.file);
        return false;
    }
    return true;
}

bool LayerManager::addRaster(const QString &path, LayerEntry entry)
{
    QString error;
    const RasterDataset raster = RasterDataset::open(path, &error);
    if (!raster.isValid()) {
        emit message(RemoteFile::shownText(error));
        return false;
    }
    if (!ensureSceneFrame(raster, &error)) {
        emit message(RemoteFile::shownText(error));
        return false;
    }
    RasterLayer rl;
    rl.raster = raster;
    if (!localExtent(raster.info(), m_streamer->sceneFrame(), &rl.extent, &error)) {
        emit message(RemoteFile::shownText(error));
        return false;
    }
    const RasterInfo &info = raster.info();
    RasterRole role = RasterDataset::classify(info, &entry.rasterReason);
    if (!entry.rasterAs.isEmpty())
        RasterDataset::parseRole(entry.rasterAs, &role);
    entry.kind = RasterDataset::roleName(role);
    entry.status = QStringLiteral("loading");
    m_rasters.insert(entry.id, rl);
    m_model->add(entry);
    emit changed();

    // large rasters without overviews get them first (on a worker), so nothing loads whole
    const bool needOverviews = info.overviews.isEmpty() && std::max(info.width, info.height) > 1024;
    if (!needOverviews) {
        m_model->update(entry.id, [](LayerEntry &e) { e.status = QStringLiteral("ready"); });
        rebuildSurface(entry.id);
        return true;
    }
    ++m_pending;
    emit busyChanged();
    const QString id = entry.id;
    const QString cacheDir = QStandardPaths::writableLocation(QStandardPaths::CacheLocation) + QStringLiteral("/overviews");
    QPointer<LayerManager> self(this);
    auto progress = [self, id](double p) {
        QMetaObject::invokeMethod(self, [self, id, p] {
            if (self)
                self->m_model->update(id, [p](LayerEntry &e) { e.progress = p; });
        });
    };
    runThen(this, [raster, cacheDir, progress]() {
        QString err;
        const bool ok = raster.ensureOverviews(cacheDir, 1024, progress, &err);
        return std::make_pair(ok, err);
    }, [this, id, path](std::pair<bool, QString> r) {
        --m_pending;
        emit busyChanged();
        if (!m_rasters.contains(id))
            return; // removed meanwhile
        if (!r.first)
            emit message(RemoteFile::shownText(r.second + QStringLiteral(" — drawing from full resolution")));
        QString err;
        const RasterDataset reopened = RasterDataset::open(path, &err); // sees the new overviews
        if (reopened.isValid())
            m_rasters[id].raster = reopened;
        m_model->update(id, [](LayerEntry &e) {
            e.status = QStringLiteral("ready");
            e.progress = 1;
        });
        rebuildSurface(id);
    });
    return true;
}

QString LayerManager::terrainFor(const Box2d &e) const
{
    for (const LayerEntry &l : m_model->layers()) {
        if (l.kind != QLatin1String("terrain") || !l.visible || !m_rasters.contains(l.id))
            continue;
        const Box2d &t = m_rasters[l.id].extent;
        if (t.minX < e.maxX && e.minX < t.maxX && t.minY < e.maxY && e.minY < t.maxY)
            return l.id;
    }
    return {};
}

void LayerManager::rebuildSurface(const QString &id)
{
    const LayerEntry *entry = m_model->layer(id);
    if (!entry || !m_rasters.contains(id) || entry->status != QLatin1String("ready"))
        return;
    RasterLayer &rl = m_rasters[id];
    const bool terrain = entry->kind == QLatin1String("terrain");

    if (!terrain) {
        // imagery drapes on a visible terrain under it, else it is a plane of its own
        const QString t = entry->visible ? terrainFor(rl.extent) : QString();
        if (!rl.terrainId.isEmpty() && rl.terrainId != t && m_rasters.contains(rl.terrainId)) {
            m_rasters[rl.terrainId].drapeId.clear();
            const QString old = rl.terrainId;
            rl.terrainId.clear();
            rebuildSurface(old);
        }
        if (!t.isEmpty()) {
            if (rl.terrainId == t && m_rasters[t].drapeId == id && entry->dataset < 0)
                return; // already draped there
            rl.terrainId = t;
            m_rasters[t].drapeId = id;
            if (entry->dataset >= 0) {
                m_streamer->removeDataset(entry->dataset);
                m_model->update(id, [](LayerEntry &e) { e.dataset = -1; });
            }
            rebuildSurface(t);
            return;
        }
    }

    gdal::TerrainSource src;
    src.id = QStringLiteral("%1.g%2").arg(id).arg(++rl.generation);
    src.frame = m_streamer->sceneFrame();
    src.extent = rl.extent;
    const double side = std::max(rl.extent.width(), rl.extent.height());
    const RasterInfo &info = rl.raster.info();
    const double px = rl.extent.width() / std::max(1, info.width);
    int levels = 0;
    if (terrain) {
        src.dem = rl.raster;
        src.verticalOffset = entry->style.value(QStringLiteral("verticalOffset")).toDouble(-0.3);
        levels = levelsFor(side, src.gridSize - 1, px);
        if (!rl.drapeId.isEmpty() && m_rasters.contains(rl.drapeId)) {
            const RasterLayer &drape = m_rasters[rl.drapeId];
            src.drape = drape.raster;
            const double dpx = drape.extent.width() / std::max(1, drape.raster.info().width);
            levels = std::max(levels, levelsFor(side, src.textureSize, dpx));
        }
    } else {
        src.drape = rl.raster;
        src.planeHeight = entry->style.value(QStringLiteral("height")).toDouble(0.0);
        levels = levelsFor(side, src.textureSize, px);
        src.gridSize = 3; // a plane needs no height samples
    }
    src.maxLevel = levels;
    auto reader = gdal::TerrainTileReader::instance();
    const QString root = reader->addSource(src);
    if (entry->dataset >= 0)
        m_streamer->removeDataset(entry->dataset);
    TileDataset td;
    td.path = entry->path;
    td.format = terrain ? QStringLiteral("Terrain (GDAL)") : QStringLiteral("Imagery (GDAL)");
    td.frame = m_streamer->sceneFrame();
    td.rootFiles = {root};
    const int dataset = m_streamer->addDataset(td);
    m_model->update(id, [dataset](LayerEntry &e) { e.dataset = dataset; });
    applyVisibility(*m_model->layer(id));
}

bool LayerManager::setRasterAs(const QString &id, const QString &asText)
{
    const LayerEntry *e = m_model->layer(id);
    if (!e || !m_rasters.contains(id)) {
        emit message(RemoteFile::shownText(QStringLiteral("%1: not a raster layer; it cannot be shown as terrain or imagery").arg(id)));
        return false;
    }
    const QString as = asText.trimmed().toLower();
    RasterRole role = RasterRole::Terrain;
    QString reason;
    const RasterRole detected = RasterDataset::classify(m_rasters[id].raster.info(), &reason);
    if (as.isEmpty())
        role = detected;
    else if (!RasterDataset::parseRole(as, &role)) {
        emit message(RemoteFile::shownText(QStringLiteral("%1: '%2' is neither terrain nor imagery").arg(e->path, asText)));
        return false;
    }
    const QString kind = RasterDataset::roleName(role);
    const bool kindChanged = kind != e->kind;
    const int oldDataset = e->dataset;
    m_model->update(id, [&](LayerEntry &l) {
        l.rasterAs = as;
        l.rasterReason = reason;
        l.kind = kind;
    });
    if (kindChanged) {
        // undo the drape either way, then build it again as its new kind
        RasterLayer &rl = m_rasters[id];
        QStringList rebuild;
        if (!rl.drapeId.isEmpty() && m_rasters.contains(rl.drapeId)) {
            m_rasters[rl.drapeId].terrainId.clear();
            rebuild << rl.drapeId;
        }
        if (!rl.terrainId.isEmpty() && m_rasters.contains(rl.terrainId)) {
            m_rasters[rl.terrainId].drapeId.clear();
            rebuild << rl.terrainId;
        }
        rl.drapeId.clear();
        rl.terrainId.clear();
        if (oldDataset >= 0) {
            m_streamer->removeDataset(oldDataset);
            m_model->update(id, [](LayerEntry &l) { l.dataset = -1; });
        }
        rebuildSurface(id);
        for (const QString &r : std::as_const(rebuild))
            rebuildSurface(r);
        if (role == RasterRole::Terrain) {
            // planes that now have this terrain under them drape on it
            const QStringList ids = m_rasters.keys();
            for (const QString &other : ids) {
                const LayerEntry *o = m_model->layer(other);
                if (other != id && o && o->kind == QLatin1String("imagery") && o->visible
                    && m_rasters[other].terrainId.isEmpty() && terrainFor(m_rasters[other].extent) == id)
                    rebuildSurface(other);
            }
        }
    }
    emit changed();
    return true;
}

void LayerManager::applyVisibility(const LayerEntry &e)
{
    if (e.dataset >= 0) {
        m_streamer->setDatasetVisible(e.dataset, e.visible);
        m_drawables->setDatasetOpacity(e.dataset, float(e.opacity));
    }
}

void LayerManager::setVisible(const QString &id, bool visible)
{
    const LayerEntry *e = m_model->layer(id);
    if (!e || e->visible == visible)
        return;
    m_model->update(id, [visible](LayerEntry &l) { l.visible = visible; });
    e = m_model->layer(id);
    if (m_rasters.contains(id)) {
        if (e->kind == QLatin1String("imagery")) {
            rebuildSurface(id); // drapes again, or becomes a plane / stops draping
        } else {
            // only imagery whose terrain changes is rebuilt: the one draped on this terrain when
            // it hides, a plane that this terrain now lies under when it shows
            const QStringList ids = m_rasters.keys();
            for (const QString &other : ids) {
                const LayerEntry *o = m_model->layer(other);
                if (!o || o->kind != QLatin1String("imagery") || !o->visible)
                    continue;
                const RasterLayer &rl = m_rasters[other];
                if (visible ? rl.terrainId.isEmpty() && terrainFor(rl.extent) == id : rl.terrainId == id)
                    rebuildSurface(other);
            }
        }
    }
    applyVisibility(*m_model->layer(id));
    if (m_vectors.contains(id))
        emit vectorVisibilityChanged(id, visible);
    emit changed();
}

void LayerManager::setOpacity(const QString &id, double opacity)
{
    opacity = std::clamp(opacity, 0.0, 1.0);
    const LayerEntry *e = m_model->layer(id);
    if (!e || qFuzzyCompare(e->opacity, opacity))
        return;
    m_model->update(id, [opacity](LayerEntry &l) { l.opacity = opacity; });
    applyVisibility(*m_model->layer(id));
    emit changed();
}

void LayerManager::remove(const QString &id)
{
    const LayerEntry *e = m_model->layer(id);
    if (!e)
        return;
    if (e->dataset >= 0)
        m_streamer->removeDataset(e->dataset);
    QString rebuild;
    if (m_rasters.contains(id)) {
        const RasterLayer rl = m_rasters.take(id);
        if (!rl.terrainId.isEmpty() && m_rasters.contains(rl.terrainId)) {
            m_rasters[rl.terrainId].drapeId.clear();
            rebuild = rl.terrainId;
        }
        if (!rl.drapeId.isEmpty() && m_rasters.contains(rl.drapeId)) {
            m_rasters[rl.drapeId].terrainId.clear();
            rebuild = rl.drapeId;
        }
    }
    if (m_vectors.remove(id) > 0) {
        gdal::VectorTileReader::instance()->removeLayer(id);
        emit vectorRemoved(id);
    }
    m_model->remove(id);
    if (!rebuild.isEmpty())
        rebuildSurface(rebuild);
    emit changed();
}

void LayerManager::clear()
{
    const QList<LayerEntry> layers = m_model->layers();
    for (const LayerEntry &l : layers)
        if (l.dataset >= 0)
            m_streamer->removeDataset(l.dataset);
    m_rasters.clear();
    for (auto it = m_vectors.cbegin(); it != m_vectors.cend(); ++it) {
        gdal::VectorTileReader::instance()->removeLayer(it.key());
        emit vectorRemoved(it.key());
    }
    m_vectors.clear();
    m_model->clear();
}

bool LayerManager::addVector(const QString &path, LayerEntry entry, const QString &rasterError)
{
    QString error;
    const VectorDataset vds = VectorDataset::open(path, &error);
    if (!vds.isValid()) {
        emit message(RemoteFile::shownText(QStringLiteral("%1: not a dataset Liyuan can open (as a raster: %2; as a vector: %3)")
                             .arg(path, rasterError, error)));
        return false;
    }
    const VectorInfo &info = vds.info();
    if (info.layers.isEmpty()) {
        emit message(RemoteFile::shownText(QStringLiteral("%1: the file holds no vector layers").arg(path)));
        return false;
    }
    // a file with several layers (GeoPackage) adds each, unless a project names one
    if (info.layers.size() > 1 && entry.kind.isEmpty()) {
        bool any = false;
        for (int i = info.layers.size() - 1; i >= 0; --i) {
            LayerEntry e = entry;
            e.sourceLayer = i;
            e.id = uniqueId(info.layers[i].name);
            e.name = info.layers[i].name;
            e.kind = QStringLiteral("vector"); // one layer named: no recursion (the kind is detected again)
            any = addVector(path, e, rasterError) || any;
        }
        return any;
    }
    if (entry.sourceLayer < 0 || entry.sourceLayer >= info.layers.size()) {
        emit message(RemoteFile::shownText(QStringLiteral("%1: there is no layer %2").arg(path).arg(entry.sourceLayer)));
        return false;
    }
    const VectorLayerInfo &li = info.layers[entry.sourceLayer];
    if (!li.hasGeometry) {
        // an attribute table (CSV, a GeoPackage table) or features whose geometry is null: say so
        // at once rather than add a layer that never draws (and holds a screenshot until it times out)
        emit message(RemoteFile::shownText(li.geometryType == QLatin1String("None")
                             ? QStringLiteral("%1: layer %2 has no geometry (an attribute table of %3 rows): nothing to draw")
                                       .arg(path, li.name).arg(li.featureCount)
                             : QStringLiteral("%1: layer %2 has no geometry (%3 features, none with a geometry): nothing to draw")
                                       .arg(path, li.name).arg(li.featureCount)));
        return false;
    }
    if (!m_streamer->hasSceneFrame() && li.crs.isValid()) {
        QString frameError;
        if (!setFirstFrame(path, li.crs, li.bounds, &frameError)) {
            emit message(RemoteFile::shownText(frameError));
            return false;
        }
    }
    entry.kind = li.geometryType.contains(QLatin1String("Point")) ? QStringLiteral("points") : QStringLiteral("vector");
    entry.status = QStringLiteral("loading");
    entry.featureCount = li.featureCount;
    m_model->add(entry);
    emit changed();

    gdal::VectorLayerSource src;
    src.id = entry.id;
    src.file = path;
    src.layerIndex = entry.sourceLayer;
    QStringList styleWarnings;
    src.style = gdal::VectorStyle::fromJson(entry.style, &styleWarnings);
    for (const QString &w : styleWarnings)
        emit message(RemoteFile::shownText(QStringLiteral("%1: %2").arg(path, w)));
    src.frame = m_streamer->sceneFrame();
    src.assumeCrs = src.frame.crs();
    // stand on the terrain under it, if any
    for (const LayerEntry &l : m_model->layers()) {
        if (l.kind != QLatin1String("terrain") || !l.visible || !m_rasters.contains(l.id))
            continue;
        const auto ts = gdal::TerrainTileReader::instance()->source(QStringLiteral("%1.g%2").arg(l.id).arg(m_rasters[l.id].generation));
        if (ts) {
            src.terrain = *ts;
            break;
        }
    }
    ++m_pending;
    emit busyChanged();
    const QString id = entry.id;
    QPointer<LayerManager> self(this);
    auto progress = [self, id](double p) {
        QMetaObject::invokeMethod(self, [self, id, p] {
            if (self)
                self->m_model->update(id, [p](LayerEntry &e) { e.progress = p; });
        });
    };
    runThen(this, [src, progress]() {
        QString err;
        auto data = gdal::VectorTileReader::instance()->load(src, progress, &err);
        return std::make_pair(data, err);
    }, [this, id](std::pair<std::shared_ptr<const gdal::VectorLayerData>, QString> r) {
        --m_pending;
        emit busyChanged();
        const LayerEntry *e = m_model->layer(id);
        if (!e) {
            gdal::VectorTileReader::instance()->removeLayer(id);
            return; // removed meanwhile
        }
        if (r.first && r.first->features.empty()) // every geometry skipped: nothing will draw
            r = {nullptr, QStringLiteral("%1: layer %2 has no geometry to draw%3")
                                  .arg(r.first->file, r.first->layerName,
                                       r.first->warnings.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(r.first->warnings.join(QStringLiteral("; "))))};
        if (!r.first) {
            m_model->update(id, [&r](LayerEntry &l) {
                l.status = QStringLiteral("failed");
                l.message = RemoteFile::shownText(r.second);
            });
            emit message(RemoteFile::shownText(r.second));
            return;
        }
        m_vectors.insert(id, VectorLayer{r.first});
        for (const QString &w : r.first->warnings)
            emit message(RemoteFile::shownText(w));
        const qint64 count = qint64(r.first->features.size());
        m_model->update(id, [&](LayerEntry &l) {
            l.status = QStringLiteral("ready");
            l.progress = 1;
            l.featureCount = count;
            l.message = RemoteFile::shownText(r.first->warnings.join(QLatin1Char('\n')));
        });
        attachVectorDataset(id);
        emit vectorLoaded(id, r.first);
        emit vectorVisibilityChanged(id, m_model->layer(id)->visible);
    });
    return true;
}

void LayerManager::setStyle(const QString &id, const QJsonObject &style)
{
    const LayerEntry *e = m_model->layer(id);
    if (!e)
        return;
    m_model->update(id, [&style](LayerEntry &l) { l.style = style; });
    if (m_vectors.contains(id)) {
        QStringList warnings;
        const gdal::VectorStyle vs = gdal::VectorStyle::fromJson(style, &warnings);
        for (const QString &w : warnings)
            emit message(RemoteFile::shownText(QStringLiteral("%1: %2").arg(e->name, w)));
        auto reader = gdal::VectorTileReader::instance();
        const auto data = reader->setStyle(id, vs);
        if (!data)
            return;
        m_vectors[id].data = data;
        attachVectorDataset(id);
        emit vectorLoaded(id, data);
    } else if (m_rasters.contains(id)) {
        rebuildSurface(id);
    }
    emit changed();
}

QVariantMap LayerManager::styleInfo(const QString &id) const
{
    const LayerEntry *e = m_model->layer(id);
    if (!e)
        return {};
    QVariantMap info{{QStringLiteral("kind"), e->kind}, {QStringLiteral("style"), e->style.toVariantMap()}};
    const auto data = vectorData(id);
    if (!data)
        return info;
    QVariantList fields;
    for (const VectorField &f : data->fields) {
        QSet<QString> seen;
        QStringList values;
        double lo = 1e300, hi = -1e300;
        bool numeric = false;
        for (const auto &feat : data->features) {
            const QVariant v = feat.attributes.value(f.name);
            if (!v.isValid())
                continue;
            bool ok = false;
            const double d = v.toDouble(&ok);
            if (ok && v.typeId() != QMetaType::QString) {
                numeric = true;
                lo = std::min(lo, d);
                hi = std::max(hi, d);
            }
            const QString t = v.toString();
            if (values.size() < 50 && !seen.contains(t)) {
                seen.insert(t);
                values << t;
            }
        }
        fields.append(QVariantMap{{QStringLiteral("name"), f.name},
                                  {QStringLiteral("type"), f.type},
                                  {QStringLiteral("numeric"), numeric},
                                  {QStringLiteral("min"), numeric ? lo : 0.0},
                                  {QStringLiteral("max"), numeric ? hi : 0.0},
                                  {QStringLiteral("values"), values}});
    }
    info.insert(QStringLiteral("fields"), fields);
    info.insert(QStringLiteral("heightAttribute"), data->heightAttribute);
    return info;
}

QJsonObject LayerManager::autoStyle(const QString &id, const QString &mode, const QString &attribute) const
{
    const LayerEntry *e = m_model->layer(id);
    const auto data = vectorData(id);
    QJsonObject style = e ? e->style : QJsonObject{};
    style.remove(QStringLiteral("categories"));
    style.remove(QStringLiteral("ranges"));
    if (!data || mode == QLatin1String("single") || attribute.isEmpty()) {
        style[QStringLiteral("colorMode")] = QStringLiteral("single");
        return style;
    }
    static const char *palette[] = {"#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948",
                                    "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac", "#1b9e77", "#d95f02"};
    style[QStringLiteral("attribute")] = attribute;
    if (mode == QLatin1String("categorized")) {
        QStringList values;
        for (const auto &f : data->features) {
            const QString v = f.attributes.value(attribute).toString();
            if (!values.contains(v) && values.size() < 24)
                values << v;
        }
        std::sort(values.begin(), values.end());
        QJsonArray cats;
        for (int i = 0; i < values.size(); ++i)
            cats.append(QJsonObject{{QStringLiteral("value"), values[i]},
                                    {QStringLiteral("color"), QLatin1String(palette[i % 12])},
                                    {QStringLiteral("label"), values[i]}});
        style[QStringLiteral("colorMode")] = QStringLiteral("categorized");
        style[QStringLiteral("categories")] = cats;
        return style;
    }
    std::vector<double> v;
    for (const auto &f : data->features) {
        bool ok = false;
        const double d = f.attributes.value(attribute).toDouble(&ok);
        if (ok)
            v.push_back(d);
    }
    std::sort(v.begin(), v.end());
    static const char *ramp[] = {"#ffffb2", "#fecc5c", "#fd8d3c", "#f03b20", "#bd0026"};
    QJsonArray ranges;
    if (!v.empty()) {
        for (int i = 0; i < 5; ++i) {
            const double lo = v[size_t(double(i) / 5 * double(v.size() - 1))];
            const double hi = i == 4 ? v.back() + 1e-9 : v[size_t(double(i + 1) / 5 * double(v.size() - 1))];
            if (hi <= lo && i != 4)
                continue;
            ranges.append(QJsonObject{{QStringLiteral("min"), lo},
                                      {QStringLiteral("max"), hi},
                                      {QStringLiteral("color"), QLatin1String(ramp[i])},
                                      {QStringLiteral("label"), QStringLiteral("%1 – %2").arg(lo, 0, 'g', 4).arg(hi, 0, 'g', 4)}});
        }
    }
    style[QStringLiteral("colorMode")] = QStringLiteral("graduated");
    style[QStringLiteral("ranges")] = ranges;
    return style;
}

void LayerManager::attachVectorDataset(const QString &id)
{
    const LayerEntry *e = m_model->layer(id);
    if (!e)
        return;
    if (e->dataset >= 0)
        m_streamer->removeDataset(e->dataset);
    auto reader = gdal::VectorTileReader::instance();
    int dataset = -1;
    const QStringList roots = reader->rootFiles(id); // empty for a layer of points only
    if (!roots.isEmpty()) {
        TileDataset td;
        td.path = e->path;
        td.format = reader->formatName();
        td.frame = m_streamer->sceneFrame();
        td.rootFiles = roots;
        dataset = m_streamer->addDataset(td);
    }
    m_model->update(id, [dataset](LayerEntry &l) { l.dataset = dataset; });
    applyVisibility(*m_model->layer(id));
}

QString LayerManager::layerOfDataset(int dataset) const
{
    if (dataset < 0)
        return {};
    for (const LayerEntry &l : m_model->layers())
        if (l.dataset == dataset)
            return l.id;
    return {};
}

void LayerManager::addPlaceholder(const QString &path, const QJsonObject &settings, const QString &error)
{
    LayerEntry e;
    e.path = path;
    e.id = uniqueId(settings.value(QStringLiteral("id")).toString(QFileInfo(path).completeBaseName()));
    e.name = settings.value(QStringLiteral("name")).toString(QFileInfo(path).fileName());
    e.kind = settings.value(QStringLiteral("kind")).toString(QStringLiteral("unknown"));
    e.visible = settings.value(QStringLiteral("visible")).toBool(true);
    e.opacity = settings.value(QStringLiteral("opacity")).toDouble(1.0);
    e.style = settings.value(QStringLiteral("style")).toObject();
    e.sourceLayer = settings.value(QStringLiteral("sourceLayer")).toInt(0);
    e.rasterAs = settings.value(QStringLiteral("as")).toString();
    e.status = QStringLiteral("failed");
    e.message = RemoteFile::shownText(error);
    m_model->add(e);
}

bool LayerManager::layerBounds(const QString &id, Vec3d *min, Vec3d *max) const
{
    const LayerEntry *e = m_model->layer(id);
    if (!e)
        return false;
    if (m_rasters.contains(id)) {
        const RasterLayer &rl = m_rasters[id];
        Vec3d mn, mx;
        const int ds = e->dataset >= 0 ? e->dataset : (m_model->layer(rl.terrainId) ? m_model->layer(rl.terrainId)->dataset : -1);
        double zmin = 0, zmax = 0;
        if (ds >= 0 && m_streamer->bounds(ds, &mn, &mx)) {
            zmin = mn.z;
            zmax = mx.z;
        }
        *min = Vec3d(rl.extent.minX, rl.extent.minY, zmin);
        *max = Vec3d(rl.extent.maxX, rl.extent.maxY, zmax);
        return true;
    }
    if (m_vectors.contains(id)) {
        const auto &d = m_vectors[id].data;
        if (!d->bounds.isValid() && d->features.empty())
            return false;
        double zmin = 1e300, zmax = -1e300;
        for (const auto &f : d->features) {
            zmin = std::min(zmin, f.groundZ);
            zmax = std::max(zmax, std::isnan(f.height) ? f.anchor.z : f.groundZ + f.height);
        }
        Box2d b = d->bounds;
        if (!b.isValid()) // a single point
            b = Box2d{b.minX - 50, b.minY - 50, b.minX + 50, b.minY + 50};
        *min = Vec3d(b.minX, b.minY, zmin);
        *max = Vec3d(b.maxX, b.maxY, std::max(zmax, zmin + 1));
        return true;
    }
    return e->dataset >= 0 && m_streamer->bounds(e->dataset, min, max);
}

bool LayerManager::zoomTo(const QString &id)
{
    Vec3d mn, mx;
    if (!layerBounds(id, &mn, &mx))
        return false;
    emit zoomRequested(mn, mx);
    return true;
}

QJsonArray LayerManager::toJson(const QDir &base) const
{
    QJsonArray out;
    for (const LayerEntry &l : m_model->layers()) {
        QJsonObject o{{QStringLiteral("id"), l.id},
                      {QStringLiteral("name"), l.name},
                      {QStringLiteral("kind"), l.kind},
                      {QStringLiteral("path"), RemoteUrl::isRemote(l.path) ? RemoteUrl::redacted(l.path) // remote: no credentials
                                                                           : base.relativeFilePath(l.path)},
                      {QStringLiteral("visible"), l.visible},
                      {QStringLiteral("opacity"), l.opacity}};
        if (!l.style.isEmpty())
            o[QStringLiteral("style")] = l.style;
        if (l.sourceLayer != 0)
            o[QStringLiteral("sourceLayer")] = l.sourceLayer;
        if (!l.placement.isEmpty())
            o[QStringLiteral("placement")] = l.placement;
        if (!l.scheme.isEmpty())
            o[QStringLiteral("scheme")] = l.scheme;
        if (!l.rasterAs.isEmpty())
            o[QStringLiteral("as")] = l.rasterAs;
        out.append(o);
    }
    return out;
}

void LayerManager::updateModelProgress()
{
    // model files load on the streamer's workers; their Assimp progress shows in the panel
    for (const LayerEntry &l : m_model->layers()) {
        if (l.kind != QLatin1String("model") || l.dataset < 0 || size_t(l.dataset) >= m_streamer->datasets().size())
            continue;
        const QString tilePath = m_streamer->datasets()[size_t(l.dataset)].rootFiles.value(0);
        const double v = assimp::ModelLoadProgress::instance().value(tilePath);
        if (v >= 0 && (l.status != QLatin1String("loading") || std::abs(l.progress - v) > 0.01))
            m_model->update(l.id, [v](LayerEntry &e) {
                e.status = QStringLiteral("loading");
                e.progress = v;
            });
        else if (v < 0 && l.status == QLatin1String("loading"))
            m_model->update(l.id, [](LayerEntry &e) {
                e.status = QStringLiteral("ready");
                e.progress = 1.0;
            });
    }
}

// mend: the pattern of a layer opened on a worker (a URL, a tileset): a "loading" row first, the busy
// count meanwhile; back on the GUI thread a row removed meanwhile is dropped, else done(result, row),
// which marks a failed one with failRow().
template<typename Open, typename Done>
void LayerManager::loadInRow(LayerEntry entry, Open open, Done done)
{
    using Dataset = std::invoke_result_t<Open>;
    entry.status = QStringLiteral("loading");
    m_model->add(entry);
    emit changed();
    ++m_pending;
    emit busyChanged();
    runThen(this, std::move(open), [this, id = entry.id, done = std::move(done)](Dataset ds) {
        --m_pending;
        emit busyChanged();
        const LayerEntry *e = m_model->layer(id);
        if (!e)
            return; // removed meanwhile
        done(std::move(ds), e);
    });
}

void LayerManager::failRow(const QString &id, const QString &rawError)
{
    const QString error = RemoteFile::shownText(rawError); // remote: the URL, not a session copy
    m_model->update(id, [&](LayerEntry &l) {
        l.status = QStringLiteral("failed");
        l.message = error;
    });
    emit message(error);
    emit changed();
}

} // namespace liyuan
