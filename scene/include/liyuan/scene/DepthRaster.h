#pragma once
#include "DatasetTransform.h"
#include "TileContent.h"

#include <liyuan/geodata/CameraPose.h>

#include <memory>
#include <vector>

namespace liyuan {

/**
 * A CPU z-buffer of meshes seen from a CameraPose: for every pixel of a width × height image
 * (row 0 at the top, as CameraPose::toPixel), the distance along the camera's viewing
 * direction (CameraPose::toCamera z, metres) of the nearest surface, or `empty()` where none
 * is. Triangles are clipped at the pose's near plane, depth is interpolated perspective-correct
 * and sampled at pixel centres; both sides of a triangle count (occluders are walls, not
 * solids). Video fusion compares a fragment's depth from a projector with this map.
 *
 * Plain data and a pure function: build the item list (shared, immutable TileContent) on the
 * GUI thread, render() on any thread.
 */
class DepthRaster
{
public:
    /** One mesh to draw: its tile's content, the mesh index and where the dataset sits in the scene frame. */
    struct Item
    {
        std::shared_ptr<const TileContent> content;
        int mesh = -1;
        DatasetTransform transform;
    };

    /** The value of a pixel no surface covers. */
    static constexpr float empty() { return 1e30f; }

    DepthRaster() = default;
    DepthRaster(int width, int height);

    int width() const { return m_width; }
    int height() const { return m_height; }
    /** width × height depths, row 0 at the top. */
    const std::vector<float> &depths() const { return m_depth; }
    /** Depth of pixel (x, y), row 0 at the top; empty() outside the image. */
    float at(int x, int y) const
    {
        return x >= 0 && y >= 0 && x < m_width && y < m_height ? m_depth[size_t(y) * size_t(m_width) + size_t(x)] : empty();
    }
    /** Triangles drawn (at least partly in front of the near plane and in the image) by the last render. */
    qint64 trianglesDrawn() const { return m_triangles; }

    /** Clears to empty() and draws every item's triangles as seen from `pose`. */
    void render(const CameraPose &pose, const std::vector<Item> &items);

    /**
     * True when the box [bmin, bmax] of a mesh (its TileContent frame, origin added) placed by
     * `transform` may be seen by `pose` (bounding sphere against the view pyramid, near and far):
     * what render() would skip anyway, tested cheaply on the GUI thread.
     */
    static bool mayBeSeen(const CameraPose &pose, const DatasetTransform &transform, const Vec3d &bmin, const Vec3d &bmax);

private:
    void drawTriangle(const double *a, const double *b, const double *c);

    int m_width = 0;
    int m_height = 0;
    std::vector<float> m_depth;
    double m_fx = 1, m_fy = 1, m_near = 0.1; ///< pixels per unit of x/z and y/z, near plane
    qint64 m_triangles = 0;
};

} // namespace liyuan
