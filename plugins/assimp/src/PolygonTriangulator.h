#pragma once
#include <liyuan/geodata/Vec3d.h>

#include <cstdint>
#include <vector>

namespace liyuan::assimp::detail {

/**
 * Triangulates one planar 3D polygon with holes (rings[0] outer, others holes; rings are not
 * closed, i.e. the first point is not repeated). Output indices refer to the points of all
 * rings concatenated in order. Holes are bridged into the outer ring, then ears are clipped
 * in the polygon's plane; if clipping gets stuck (self-intersecting input), the rest is fanned
 * and *fellBack is set. Rings larger than maxEarClip points are fanned (outer ring only).
 * Returns false for degenerate polygons (fewer than 3 points, zero area).
 */
bool triangulatePolygon(const std::vector<std::vector<Vec3d>> &rings, std::vector<uint32_t> &out,
                        int maxEarClip, bool *fellBack);

} // namespace liyuan::assimp::detail
