#pragma once
#include <liyuan/geodata/LocalFrame.h>
#include <liyuan/geodata/RasterDataset.h>
#include <liyuan/scene/TileReader.h>

#include <QHash>
#include <QMutex>
#include <QString>

#include <memory>
#include <optional>

namespace liyuan::gdal {

/** One terrain surface: a DEM (or a flat plane) with an optional image draped on it. */
struct TerrainSource
{
    QString id;                          ///< unique; part of the virtual file names
    std::optional<RasterDataset> dem;    ///< heights (band 1); none = a flat plane at planeHeight
    std::optional<RasterDataset> drape;  ///< RGB(A) image draped on the surface
    LocalFrame frame;                    ///< the scene frame the tiles are built in
    Box2d extent;                        ///< covered area in the scene's local frame
    double planeHeight = 0.0;            ///< height of the plane without a DEM (local z)
    double verticalOffset = 0.0;         ///< added to DEM heights (local z = height - origin.z + offset)
    int gridSize = 33;                   ///< vertices per tile side
    int textureSize = 256;               ///< texture pixels per tile side
    int maxLevel = 8;                    ///< deepest quadtree level
    float refinePixels = 320.f;          ///< screen size (px) of a tile's bounding sphere that asks for its children
};

/**
 * Serves terrain as virtual tile files `liyuan-terrain:<id>/<level>/<x>/<y>` so that the
 * TileStreamer streams, selects, caches and evicts terrain exactly like photogrammetry: each
 * tile is a grid mesh sampled from the DEM at its own resolution (GDAL picks the overview),
 * textured with the drape image (or an elevation tint with hillshade), with skirts against
 * cracks between levels, and one PagedLOD-style node whose children are the four sub-tiles.
 * Without a DEM (imagery on no terrain) a tile is a flat plane cut to the image, without skirts.
 * Nodata holes stay holes. read() runs on worker threads; sources are added on the GUI thread.
 */
class TerrainTileReader : public TileReader
{
public:
    static constexpr const char *kScheme = "liyuan-terrain:";

    /** The registered instance (created and registered with ReaderRegistry on first use). */
    static std::shared_ptr<TerrainTileReader> instance();

    /** Adds or replaces a source; returns its root tile "file". */
    QString addSource(const TerrainSource &source);
    void removeSource(const QString &id);
    std::optional<TerrainSource> source(const QString &id) const;
    static QString tileName(const QString &id, int level, int x, int y);

    QString formatName() const override { return QStringLiteral("Terrain (GDAL)"); }
    bool identify(const QString &path) const override;
    TileReadResult read(const QString &path) const override;

private:
    mutable QMutex m_mutex;
    QHash<QString, std::shared_ptr<const TerrainSource>> m_sources;
};

} // namespace liyuan::gdal
