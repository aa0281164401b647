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

} // namespace liyuan
