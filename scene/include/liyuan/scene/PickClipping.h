#pragma once
// The GPU's cuts of a view, mirrored on the CPU for picking.

#include <liyuan/geodata/Vec3d.h>

#include <functional>

namespace liyuan {

/**
 * What a view's shaders do to the surfaces, so that a pick hits what is drawn: the vertex stage
 * lowers some datasets inside flatten polygons to a height, the fragment stage discards what lies
 * in clip polygons, outside the section box or beyond the section plane. Callbacks read the live
 * state (the scheme areas, the box) when called; GUI thread. Empty callbacks change nothing.
 */
struct PickClipping
{
    /** Datasets the flatten polygons lower (the photogrammetry). */
    std::function<bool(int dataset)> flattenTarget;
    /** The height the surface is lowered to at scene (x, y); false outside every flatten polygon. */
    std::function<bool(double x, double y, double *height)> flattenAt;
    /** The flatten polygons' extent in the scene frame (x0, y0, x1, y1); false when there are none. */
    std::function<bool(double extent[4])> flattenExtent;
    /** True when the fragment of a dataset at scene point p is discarded (clip polygon, box, plane). */
    std::function<bool(int dataset, const Vec3d &p)> removes;
};

} // namespace liyuan
