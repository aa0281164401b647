#include <liyuan/scene/TileCache.h>

#include <algorithm>

namespace liyuan {

void TileCache::add(Tile *tile)
{
    if (!tile || contains(tile))
        return;
    m_lru.push_back(tile);
    m_index.emplace(tile, std::prev(m_lru.end()));
    m_bytes += tile->bytes;
}

void TileCache::remove(Tile *tile)
{
    auto it = m_index.find(tile);
    if (it == m_index.end())
        return;
    m_bytes -= tile->bytes;
    m_lru.erase(it->second);
    m_index.erase(it);
}

void TileCache::touch(Tile *tile, quint64 frame)
{
    auto it = m_index.find(tile);
    if (it == m_index.end())
        return;
    tile->lastUsedFrame = frame;
    m_lru.splice(m_lru.end(), m_lru, it->second);
}

std::vector<Tile *> TileCache::evictionCandidates(qint64 budget, quint64 protectFrame) const
{
    std::vector<Tile *> out;
    qint64 bytes = m_bytes;
    if (bytes <= budget)
        return out;
    // the list is in order of insertion/touch; lastUsedFrame (set by the selector) is the truth
    std::vector<Tile *> order(m_lru.begin(), m_lru.end());
    std::stable_sort(order.begin(), order.end(),
                     [](const Tile *a, const Tile *b) { return a->lastUsedFrame < b->lastUsedFrame; });
    for (Tile *t : order) {
        if (bytes <= budget)
            break;
        if (t->lastUsedFrame >= protectFrame)
            continue;
        out.push_back(t);
        bytes -= t->bytes;
    }
    return out;
}

} // namespace liyuan
