#pragma once
// Private to liyuan_demo: one .osgb file of the synthetic city (SyntheticCity) as tile content.

#include "CityModel.h"

#include <liyuan/scene/TileContent.h>

#include <QRectF>
#include <QString>

#include <vector>

namespace liyuan::demo {

/** One node of a tile block's PagedLOD pyramid (one file). */
struct CityNodeSpec
{
    QRectF rect;                 ///< area of the node, city metres
    int depth = 0;               ///< 0 = the tile block's root file
    int splitLevels = 0;         ///< depths below this split in four
    int levels = 1;              ///< depth of the pyramid (leaves at levels - 1)
    std::vector<QRectF> pieces;  ///< one PagedLOD each (the children's areas); the node's area for a leaf
    QStringList childFiles;      ///< absolute path of each piece's child file; empty for a leaf
    float switchPx = 400.f;      ///< pixel size at which a piece hands over to its child
};

/**
 * Builds the file's content: per piece one textured mesh (terrain grid + buildings whose centre
 * lies in the piece, detail by depth) and, except for a leaf, a PagedLOD node (PixelSizeOnScreen)
 * switching to the child file; one JPEG-able atlas image (top view + four facades).
 * Positions relative to the node's centre (origin). Deterministic; any thread.
 */
TileContent buildCityFile(const CityModel &city, const CityNodeSpec &spec);

} // namespace liyuan::demo
