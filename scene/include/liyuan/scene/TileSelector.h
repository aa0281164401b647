#pragma once
#include "DatasetTransform.h"
#include "Tile.h"
#include "TilesetOptions.h"
#include "ViewState.h"

#include <vector>

namespace liyuan {

/** One mesh of one tile to draw this frame. */
struct DrawItem
{
    Tile *tile = nullptr;
    int mesh = -1;
};

/** A tile the view wants loaded, with its priority (projected size in pixels: larger first). */
struct LoadRequest
{
    Tile *tile = nullptr;
    double priority = 0.0;
};

/** What the selector decided for one frame. */
struct Selection
{
    std::vector<DrawItem> draw;
    std::vector<LoadRequest> wanted;  ///< unloaded tiles in view, unsorted
    std::vector<Tile *> drawnTiles;   ///< distinct tiles with at least one mesh drawn
    qint64 triangles = 0;
    int culledNodes = 0;
    int fallbacks = 0;                ///< nodes drawn coarse because a child was not ready
};

/**
 * Chooses what to draw and what to load, per frame, on the GUI thread — the PagedLOD rule
 * of OpenSceneGraph: for every LOD node in the frustum, the LOD value (projected pixel
 * diameter of its bounding sphere divided by the LOD scale, or eye distance times it)
 * picks the active ranges; an inline range draws its meshes, a child-file range descends
 * into the child tile when it is Done. A child not ready (or Failed) leaves its node's
 * finest inline range drawn: no holes while loading. Marks every tile it passes through as
 * used in this frame (for LRU eviction).
 */
class TileSelector
{
public:
    /** A root of the tree with its dataset's placement in the scene frame (offset, then heading and scale). */
    struct Root
    {
        Tile *tile = nullptr;
        Vec3d offset;
        double headingDeg = 0.0;
        double scale = 1.0;

        DatasetTransform transform() const { return {offset, headingDeg, scale}; }
    };

    Selection select(const std::vector<Root> &roots, const ViewState &view,
                     const TilesetOptions &options, quint64 frame) const;
};

} // namespace liyuan
