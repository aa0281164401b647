#pragma once
#include "TerrainTileReader.h"
#include "VectorLayerData.h"
#include "VectorStyle.h"

#include <liyuan/geodata/Crs.h>
#include <liyuan/geodata/LocalFrame.h>
#include <liyuan/scene/TileReader.h>

#include <QHash>
#include <QMutex>
#include <QString>
#include <QStringList>

#include <functional>
#include <memory>
#include <optional>

namespace liyuan::gdal {

/** What to load as a vector layer, and where. */
struct VectorLayerSource
{
    QString id;                          ///< unique; part of the virtual file names (no '/')
    QString file;                        ///< anything OGR opens (GeoJSON, Shapefile, GeoPackage, …)
    int layerIndex = 0;
    VectorStyle style;
    LocalFrame frame;                    ///< the scene frame: meshes and records are in its local coordinates
    Crs assumeCrs;                       ///< for a layer without CRS (a warning says so)
    std::optional<TerrainSource> terrain; ///< ground: its DEM (heights in frame.crs(), + verticalOffset), or its plane
    float minPixelSize = 1.f;            ///< chunks smaller than this on screen (bounding sphere, px) are skipped
    /**
     * A polygon with more vertices than this (all rings) is thinned to every k-th vertex before
     * GEOS validates and triangulates it, with a warning naming the file and feature: GEOS's
     * constrained Delaunay triangulation took ~50 s for one 1,000,000-vertex outline (40,000
     * vertices: ~3 s). 0: no limit.
     */
    int maxPolygonVertices = 50000;
};

/**
 * Serves vector layers (polygons, lines; points are left to the GUI as billboards) as
 * virtual tile files `liyuan-vector:<id>/<generation>/<chunk>`, one root file per spatial
 * chunk, streamed by the TileStreamer like any tile dataset.
 *
 * load() (worker thread) reads the features into the scene frame, drapes them on the
 * terrain DEM, validates polygons (GEOSMakeValid), triangulates them (GEOS constrained
 * Delaunay), computes heights from the style and partitions the features into chunks of at
 * most ~2,000 features. read() (worker threads, concurrently) builds a chunk's meshes:
 *  - polygons with a height → blocks: walls from every ring edge from the ground (the lowest
 *    terrain under the footprint + baseOffset) to the roof, roof = triangulated polygon;
 *  - polygons without a height → a flat fill at terrain + 0.2 m (subdivided to follow the
 *    DEM) and outline ribbons at terrain + 0.3 m;
 *  - lines → flat ribbons of style.lineWidth at terrain + 0.3 m, densified to the DEM resolution.
 * Lighting is baked into the vertex colours (renderer draws unlit): roofs brightest, walls
 * shaded by their facing against a light from the north-west, darker near the ground.
 * MeshData::triangleFeatures holds each triangle's fid (picking).
 *
 * All methods are thread-safe. setStyle() bumps the generation: rootFiles() then returns
 * new names, so a re-added dataset builds fresh meshes (old names stay readable).
 */
class VectorTileReader : public TileReader
{
public:
    using VectorLayerSource = gdal::VectorLayerSource;
    static constexpr const char *kScheme = "liyuan-vector:";
    static constexpr int kChunkFeatures = 2000;

    /** The registered instance (created and registered with ReaderRegistry on first use). */
    static std::shared_ptr<VectorTileReader> instance();

    /**
     * Reads and prepares a layer (heavy: call on a worker thread) and stores it under src.id,
     * replacing a layer of that id. Progress 0..1. Returns nullptr and *error ("FILE: problem")
     * when the file cannot be read; problems with single features are warnings in the result.
     */
    std::shared_ptr<const VectorLayerData> load(const VectorLayerSource &src,
                                                const std::function<void(double)> &progress, QString *error);
    /** One virtual file per non-empty chunk of the current generation (empty: nothing to mesh). */
    QStringList rootFiles(const QString &id) const;
    /** New style: heights/colours recomputed; returns the updated records (nullptr: unknown id). */
    std::shared_ptr<const VectorLayerData> setStyle(const QString &id, const VectorStyle &style);
    std::optional<VectorStyle> style(const QString &id) const;
    std::shared_ptr<const VectorLayerData> data(const QString &id) const;
    int generation(const QString &id) const; ///< -1 for an unknown id
    void removeLayer(const QString &id);
    /** Feature indices (into VectorLayerData::features) meshed by a chunk, for tests/inspection. */
    std::vector<int> chunkFeatures(const QString &id, int chunk) const;

    /** Meshes are split when they would exceed this many vertices (default 1,000,000). */
    void setMaxVerticesPerMesh(int n);
    static QString chunkName(const QString &id, int generation, int chunk);

    QString formatName() const override { return QStringLiteral("Vector (OGR)"); }
    bool identify(const QString &path) const override;
    TileReadResult read(const QString &path) const override;

    struct Layer; // internal

private:
    mutable QMutex m_mutex;
    QHash<QString, std::shared_ptr<const Layer>> m_layers;
    QHash<QString, int> m_generations; ///< survives removeLayer so reloaded names never repeat
    int m_maxVertices = 1000000;
};

} // namespace liyuan::gdal
