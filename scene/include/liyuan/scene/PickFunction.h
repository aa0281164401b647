#pragma once
#include <liyuan/geodata/Vec3d.h>

#include <functional>

namespace liyuan {

/**
 * A ray query used by the review tools: the nearest hit of the ray (origin, direction — not
 * necessarily unit length) with some surfaces, in the scene frame (metres, x east, y north,
 * z up). Returns false when nothing is hit. The app passes TileStreamer::pick, restricted to
 * terrain/photogrammetry where a ground is meant. Called on the thread that runs the tool.
 */
using PickFunction = std::function<bool(const Vec3d &origin, const Vec3d &direction, Vec3d *hit)>;

} // namespace liyuan
