#pragma once
// Private to liyuan_demo: turns the district layout into textured meshes for one region
// (a 50 m cell or a 100 m tile) at one level of detail.

#include "DistrictModel.h"

#include <liyuan/scene/TileContent.h>

#include <QImage>
#include <QRectF>

namespace liyuan::demo {

enum class Detail { Root, Mid, Fine };

struct RegionContent
{
    TileContent content;  ///< meshes + images (ground, objects atlas), no LOD nodes
    double boundsMin[3] = {0, 0, 0}; ///< in layout (SRS-local) coordinates
    double boundsMax[3] = {0, 0, 0};
};

/**
 * Builds everything whose anchor lies in `region` (blocks by cell, the tower, trees,
 * fountain) plus the ground of the region, with positions relative to `origin`
 * (layout coordinates). Deterministic.
 */
RegionContent buildRegion(const Layout &layout, const QRectF &region, Detail detail, const Vec3d &origin);

/**
 * Paints the district seen from straight above (a true orthophoto): the ground as the
 * meshes show it (streets, sidewalks, plaza, courtyards, parks, trees, shadows), then the
 * roofs with their textures. `img` covers `region` (layout metres; row 0 = north edge).
 */
void paintTopView(const Layout &layout, const QRectF &region, QImage &img);

} // namespace liyuan::demo
