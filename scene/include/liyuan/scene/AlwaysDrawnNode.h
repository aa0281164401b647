#pragma once
#include <liyuan/scene/TileContent.h>

namespace liyuan {

/**
 * Gives t one always-drawn LOD node over all its meshes (a city model or a building read as
 * one tile): its bounding sphere encloses the box [min, max], given in the dataset frame like
 * TileContent::origin, with a radius of at least 1 m. Any thread.
 */
void addAlwaysDrawnNode(TileContent &t, const Vec3d &min, const Vec3d &max);

} // namespace liyuan
