#pragma once
#include <QJsonObject>
#include <QString>

namespace liyuan::tiles3d {

/**
 * `liyuan info` on an OGC 3D Tiles tileset (a tileset.json path or URL): asset version,
 * tiling (explicit, implicit quadtree/octree with subtree and available levels), the tile
 * tree's depth, external tilesets, content types found (by file extension; with deep, every
 * content is read and counted by its magic: b3dm, i3dm, pnts, cmpt, glb, gltf), the root
 * bounds as WGS84 lon/lat and heights, and whether the tileset is georeferenced.
 * The tree is walked breadth first through the reader's own resolver (so URLs, external
 * tilesets and subtrees are read exactly as when streaming), at most kMaxTiles tiles.
 * Blocking (fetches for URLs); worker or CLI threads.
 */
class TilesetSummary
{
public:
    static constexpr int kMaxTiles = 200'000;
    /** The description (format "3dtiles"); ok=false and *error ("FILE: problem") when it cannot open. */
    static QJsonObject describe(const QString &path, bool deep, bool *ok, QString *error);
};

} // namespace liyuan::tiles3d
