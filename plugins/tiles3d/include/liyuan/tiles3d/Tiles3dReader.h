#pragma once
#include "Tiles3dOptions.h"

#include <liyuan/scene/TileReader.h>

namespace liyuan::tiles3d {

/**
 * Reads one tile of an OGC 3D Tiles 1.0/1.1 tileset into plain TileContent.
 *
 * A tile is addressed as `TILESET.json#r.0.2` (child indices from the root), `…|r.1`
 * (crossing into the external tileset that tile's content names) and `…@L.x.y[.z]`
 * (an implicit tile under an explicit tile with implicitTiling). The content (b3dm, i3dm,
 * pnts, cmpt, glb/gltf) is decoded, transformed by the accumulated tile transforms
 * (column-major), glTF Y-up turned Z-up, ECEF taken into the dataset frame
 * (Tiles3dDataset) in double precision and stored as float relative to the tile's
 * bounding-volume centre. The tile tree becomes one PixelSizeAtNearestPoint LodNode per
 * tile: its bounding sphere, own meshes shown below the refinement threshold (REPLACE) or
 * always (ADD), children as child-file ranges above it; the threshold is the pixel size at
 * which the screen-space error reaches Tiles3dOptions::maximumScreenSpaceError
 * (pixelSize = 2r·f/d, SSE = geometricError·f/d, d the distance to the sphere
 * ⇒ refine when pixelSize > maxSSE·2r/geometricError). The selector's rule that children
 * replace their parent only when all are ready keeps REPLACE free of holes. A tile without
 * content of its own always refines (implicit trees with content only at deep levels).
 *
 * Thread-safe: read() runs on worker threads concurrently; parsed tileset.json and
 * subtree files are shared through an internal cache. Hostile bytes end in an error
 * naming the file, never a crash or hang.
 */
class Tiles3dReader : public TileReader
{
public:
    QString formatName() const override { return QStringLiteral("3D Tiles"); }
    /** True for tile addresses made by this reader (`…json#r…`). */
    bool identify(const QString &path) const override;
    TileReadResult read(const QString &path) const override;
    /**
     * remote: true — a tile of a tileset opened by URL (`https://…/tileset.json#r.0`) reads every
     * file it needs (tileset.json, external tilesets, subtrees, content, glTF buffers) through
     * FetchContext, with the tile's priority and cancel flag; relative URIs resolve against the
     * URL naming them and keep its query parameters (CesiumJS behaviour, e.g. a token).
     */
    bool fetchesUrls() const override { return true; }

    /** The options every reader uses; set on the main thread before reads start. */
    static void setOptions(const Tiles3dOptions &options);
    static Tiles3dOptions options();
    /** Forgets every cached tileset.json and subtree (tests that rewrite fixtures). */
    static void clearCache();
};

/** Registers a Tiles3dReader with ReaderRegistry (main thread, once at start-up). */
void registerTiles3dReader();

} // namespace liyuan::tiles3d
