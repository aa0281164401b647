#pragma once
#include <QtGlobal>

namespace liyuan::tiles3d {

/**
 * Every limit of the 3D Tiles reader, in one place. Plain value; set once on the main
 * thread before the first read (Tiles3dReader::setOptions), read by worker threads.
 */
struct Tiles3dOptions
{
    /**
     * A tile is refined when its screen-space error (geometricError · viewportHeight /
     * (2 · distance · tan(fovY/2))) exceeds this many pixels (CesiumJS default 16).
     */
    double maximumScreenSpaceError = 16.0;
    /** Largest tileset.json, subtree or content file read (hostile sizes are refused). */
    qint64 maxFileBytes = 512ll * 1024 * 1024;
    /** Most vertices one tile may produce (instances and point quads included). */
    qint64 maxVerticesPerTile = 8'000'000;
    /** Most instances in one i3dm. */
    qint64 maxInstances = 1'000'000;
    /** Most points in one pnts. */
    qint64 maxPoints = 4'000'000;
    /** Most children of one tile. */
    int maxChildren = 100'000;
    /** Nesting of external tilesets and cmpt inner tiles. */
    int maxNesting = 32;
    /** Textures larger than this on a side are scaled down. */
    int maxTextureSide = 4096;
};

} // namespace liyuan::tiles3d
