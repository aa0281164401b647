#pragma once
#include "Tile.h"

#include <QtGlobal>

#include <list>
#include <unordered_map>
#include <vector>

namespace liyuan {

/**
 * Least-recently-used accounting of tile memory under a byte budget (GUI thread).
 * Tiles enter when their content arrives (Loaded) and leave when evicted or unloaded.
 * Eviction never picks a tile used in the current frame: the budget may be exceeded
 * when the view itself needs more, and is met again as soon as it does not.
 */
class TileCache
{
public:
    /** Adds a tile (its bytes must be set) as most recently used. */
    void add(Tile *tile);
    /** Removes a tile from the accounting (no-op if absent). */
    void remove(Tile *tile);
    /** Marks a tile used in this frame (most recently used). */
    void touch(Tile *tile, quint64 frame);
    bool contains(const Tile *tile) const { return m_index.count(tile) != 0; }

    qint64 totalBytes() const { return m_bytes; }
    int size() const { return int(m_index.size()); }

    /**
     * Tiles to evict, least recently used first, until totalBytes() would be <= budget.
     * Tiles with lastUsedFrame >= protectFrame are kept. Does not remove them: the caller
     * unloads each and calls remove().
     */
    std::vector<Tile *> evictionCandidates(qint64 budget, quint64 protectFrame) const;

private:
    std::list<Tile *> m_lru; ///< front = least recently used
    std::unordered_map<const Tile *, std::list<Tile *>::iterator> m_index;
    qint64 m_bytes = 0;
};

} // namespace liyuan
