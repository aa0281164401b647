#include <liyuan/scene/Tile.h>

namespace liyuan {

const char *toString(TileLoadState state)
{
    switch (state) {
    case TileLoadState::Unloaded: return "Unloaded";
    case TileLoadState::Loading: return "Loading";
    case TileLoadState::Loaded: return "Loaded";
    case TileLoadState::Done: return "Done";
    case TileLoadState::Failed: return "Failed";
    }
    return "?";
}

Tile *Tile::childFor(const QString &f) const
{
    for (Tile *c : children)
        if (c->file == f)
            return c;
    return nullptr;
}

Tile *Tile::childFor(const QString &f, size_t *cursor) const
{
    const size_t n = children.size();
    for (size_t k = 0; k < n; ++k) {
        const size_t i = (*cursor + k) % n;
        if (children[i]->file == f) {
            *cursor = i + 1;
            return children[i];
        }
    }
    return nullptr;
}

} // namespace liyuan
