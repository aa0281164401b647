#pragma once
#include "LayerListModel.h"

#include <liyuan/gdal/VectorLayerData.h>
#include <liyuan/geodata/RasterDataset.h>
#include <liyuan/scene/TileStreamer.h>
#include <liyuan/osgb/OsgbDataset.h>

#include <QDir>
#include <QJsonArray>
#include <QObject>

#include <functional>
#include <optional>

namespace liyuan {

class TileDrawableModel;

/**
 * Adds, removes and restyles the scene's layers: photogrammetry (OSGB productions),
 * terrain (GDAL DEMs, streamed from overviews), imagery (draped on the terrain, or a plane
 * without one). Detects a path's kind, does heavy preparation (overviews) on workers with
 * progress in the layer panel, and feeds the TileStreamer. GUI thread.
 */
class LayerManager : public QObject
{
    Q_OBJECT
    Q_PROPERTY(liyuan::LayerListModel *model READ model CONSTANT)
public:
    LayerManager(TileStreamer *streamer, TileDrawableModel *drawables, QObject *parent = nullptr);

    LayerListModel *model() const { return m_model; }

    /**
     * Adds a dataset by path (detecting its kind). settings (from a project) may carry id,
     * name, kind, visible, opacity, style, and for rasters "as" ("terrain"/"imagery": the
     * user's choice over the data's); a path ending in "#terrain" or "#imagery" (when no file
     * has that name) says the same. Returns false with a message naming the path when
     * nothing can be opened; loading may continue in the background.
     */
    Q_INVOKABLE bool addPath(const QString &path, const QJsonObject &settings = {});
    Q_INVOKABLE void setVisible(const QString &id, bool visible);
    Q_INVOKABLE void setOpacity(const QString &id, double opacity);
    Q_INVOKABLE void remove(const QString &id);
    /**
     * Shows a raster layer as "terrain" or "imagery" whatever its data says ("" = decided
     * from the data again, RasterDataset::classify) and rebuilds it and the layers that
     * drape on it; saved in the project ("as"). False with a message for a non-raster
     * layer or another word.
     */
    Q_INVOKABLE bool setRasterAs(const QString &id, const QString &as);
    /**
     * Restyles a layer: vector/points (a VectorStyle as JSON: colours, heights, lines) or
     * terrain/imagery ("verticalOffset", "height"). Vector meshes are rebuilt by the streamer.
     */
    Q_INVOKABLE void setStyle(const QString &id, const QJsonObject &style);
    /** For the style editor: kind, current style, fields with their distinct values (first 50) and numeric range. */
    Q_INVOKABLE QVariantMap styleInfo(const QString &id) const;
    /**
     * A style generated for an attribute: "single" (one colour), "categorized" (a colour per
     * distinct value, up to 24) or "graduated" (5 quantile classes on a yellow→red ramp).
     */
    Q_INVOKABLE QJsonObject autoStyle(const QString &id, const QString &mode, const QString &attribute) const;
    /** Frames a layer (emits zoomRequested); false when its bounds are not known yet. */
    Q_INVOKABLE bool zoomTo(const QString &id);
    /** Bounds of a layer in the scene frame. */
    bool layerBounds(const QString &id, Vec3d *min, Vec3d *max) const;
    /** True while any layer is still preparing (overviews, features). */
    bool busy() const;
    /** Model layers loading on the streamer's workers show their Assimp progress (called each frame). */
    void updateModelProgress();
    /** Removes every layer. */
    void clear();
    /** Keeps a layer that could not be opened (e.g. a project's missing file) so saving keeps it. */
    void addPlaceholder(const QString &path, const QJsonObject &settings, const QString &error);

    /** The loaded features of a vector/points layer, or nullptr. */
    std::shared_ptr<const gdal::VectorLayerData> vectorData(const QString &id) const { return m_vectors.value(id).data; }
    /** The layer whose streamer dataset has this index (for picks), or "". */
    QString layerOfDataset(int dataset) const;

    /** Layers for a project file, paths relative to base. */
    QJsonArray toJson(const QDir &base) const;
    /** Moves/turns/scales a model layer (ModelPlacement JSON) without reloading it; false with *error. */
    bool setModelPlacement(const QString &id, const QJsonObject &placement, QString *error);

signals:
    void message(const QString &text);
    void zoomRequested(const liyuan::Vec3d &min, const liyuan::Vec3d &max);
    /** Something a project saves changed. */
    void changed();
    void busyChanged();
    /** A vector or points layer finished loading (or was restyled). */
    void vectorLoaded(const QString &id, std::shared_ptr<const liyuan::gdal::VectorLayerData> data);
    /** A vector or points layer was removed or hidden/shown. */
    void vectorRemoved(const QString &id);
    void vectorVisibilityChanged(const QString &id, bool visible);

private:
    QString uniqueId(const QString &base) const;
    bool addPhotogrammetry(const QString &path, LayerEntry entry);
    bool addTileset(const QString &path, LayerEntry entry); // tiles3d: OGC 3D Tiles tileset.json
    /** remote: a dataset by URL, located on a worker thread; the layer shows "loading" meanwhile. */
    bool addRemote(const QString &url, const QJsonObject &settings);
    bool addRemoteFile(const QString &url, const QJsonObject &settings); // remote: a file-based dataset by URL
    /** remote: runs the finished downloads' opens in the order they were asked for (the first sets the scene frame). */
    void openRemoteInOrder(const QString &id, std::function<void()> open);
    struct RemoteCopy;
    /** remote: a downloaded copy opened as the loading row `id` (the layer keeps the URL). */
    void openRemoteCopy(const QString &url, const QString &id, const QJsonObject &settings, const RemoteCopy &r);
    /** The located OSGB dataset as a tile layer. */
    bool addDataset(const osgb::OsgbDataset &ds, LayerEntry entry);
    bool addModel(const QString &path, LayerEntry entry);
    /** A city model (CityJSON, CityGML) as one tile in its reference system (format: "CityJSON", "CityGML"). */
    bool addCityModel(const QString &path, LayerEntry entry, const QString &format, const QString &referenceSystem);
    bool addRaster(const QString &path, LayerEntry entry);
    bool addVector(const QString &path, LayerEntry entry, const QString &openError);
    /** (Re)adds the streamer dataset of a loaded vector layer (after loading or restyling). */
    void attachVectorDataset(const QString &id);
    /** (Re)builds the terrain surface of a terrain or imagery layer in the streamer. */
    void rebuildSurface(const QString &id);
    void applyVisibility(const LayerEntry &entry);
    QString terrainFor(const Box2d &extentLocal) const;
    bool ensureSceneFrame(const RasterDataset &raster, QString *error);
    /** Sets the scene frame from the first dataset (a metric frame when it is geographic). */
    bool setFirstFrame(const QString &file, const Crs &crs, const Box2d &bounds, QString *error);
    /** mend: adds entry as a "loading" row, runs open() on the thread pool, then on the GUI thread
     *  calls done(result, row) unless the row was removed meanwhile (busy() counts it until then). */
    template<typename Open, typename Done>
    void loadInRow(LayerEntry entry, Open open, Done done);
    /** mend: marks a layer row failed with error (shown as a message). */
    void failRow(const QString &id, const QString &error);

    struct RasterLayer
    {
        RasterDataset raster;
        Box2d extent;            ///< local scene frame
        QString drapeId;         ///< terrain: the imagery layer draped on it
        QString terrainId;       ///< imagery: the terrain it drapes on ("" = a plane)
        int generation = 0;
    };

    TileStreamer *m_streamer;
    TileDrawableModel *m_drawables;
    LayerListModel *m_model;
    QHash<QString, RasterLayer> m_rasters;
    struct VectorLayer
    {
        std::shared_ptr<const gdal::VectorLayerData> data;
    };
    QHash<QString, VectorLayer> m_vectors;
    QStringList m_remoteOrder;                           ///< remote: loading rows of addRemoteFile, as asked for
    QHash<QString, std::function<void()>> m_remoteReady; ///< remote: their opens, once downloaded
    int m_pending = 0;
};

} // namespace liyuan
