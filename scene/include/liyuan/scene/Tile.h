#pragma once
#include "TileContent.h"

#include <QString>

#include <atomic>
#include <memory>
#include <vector>

namespace liyuan {

/**
 * Load state of a tile file.
 *
 *      Unloaded ──request──▶ Loading ──worker done──▶ Loaded ──attached on GUI thread──▶ Done
 *          ▲                    │                                                      │
 *          │                    └──read failed──▶ Failed (remembered, never retried)    │
 *          └───────────────────────────────evicted (LRU, over budget)───────────────────┘
 *
 * content is valid in Loaded and Done; renderData in Done (and Loaded, prepared by the worker).
 */
enum class TileLoadState { Unloaded, Loading, Loaded, Done, Failed };

/** Human-readable state name. */
const char *toString(TileLoadState state);

/**
 * One tile file in the tile tree. Owned by the TileStreamer; touched on the GUI thread only
 * (workers get the file name and return plain data).
 */
struct Tile
{
    QString file;                       ///< absolute path
    int dataset = 0;                    ///< index of the dataset it belongs to
    int depth = 0;                      ///< 0 for roots
    Tile *parent = nullptr;             ///< the tile that first referenced it
    TileLoadState state = TileLoadState::Unloaded;
    std::shared_ptr<TileContent> content;
    std::shared_ptr<void> renderData;   ///< renderer's per-tile data (prepared in the load thread)
    /**
     * Root tiles (depth 0) of a dataset with keepFootprint, while content is held: convex hull (counter-clockwise) of the XY
     * projection of every vertex, in the tile's dataset frame (TileContent::origin added),
     * computed in the load thread. Empty for other tiles.
     */
    std::vector<Vec3d> footprint;
    std::vector<Tile *> children;       ///< one per content->childFiles(), in that order
    QString error;                      ///< why it failed
    qint64 bytes = 0;                   ///< memory accounted to the cache while Loaded/Done
    quint64 lastUsedFrame = 0;
    double priority = 0.0;              ///< last requested priority (screen size)
    quint64 requestedFrame = 0;         ///< last frame it was wanted
    /** remote: set while Loading when it is no longer wanted (the worker stops its download). */
    std::shared_ptr<std::atomic_bool> loadCancel;

    /** Child tile for a range's childFile, or nullptr. */
    Tile *childFor(const QString &file) const;
    /**
     * childFor(file), searching from *cursor on (wrapping around) and leaving *cursor after the
     * match: children are asked for in the order they were made, so a tile with 10,000 children
     * costs one comparison per child rather than 10,000 (hostile tilesets).
     */
    Tile *childFor(const QString &file, size_t *cursor) const;
};

} // namespace liyuan
