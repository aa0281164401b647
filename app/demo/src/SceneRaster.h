#pragma once
// Private to liyuan_demo: a small CPU rasteriser (z-buffer, perspective-correct texturing with
// mip-mapped bilinear sampling) that draws TileContent meshes and flat-coloured triangles as a
// CameraPose sees them, with CameraPose::toPixel's conventions exactly. Used for the demo
// cameras' backgrounds (once per camera) and their moving people and vehicles (per frame).

#include <liyuan/geodata/CameraPose.h>
#include <liyuan/scene/TileContent.h>

#include <QImage>

#include <cstdint>
#include <memory>
#include <vector>

namespace liyuan::demo {

/** An RGBA texture with its box-filtered mip levels (ARGB32 texels, rows in ImageData order). */
struct MipTexture
{
    struct Level
    {
        int w = 0, h = 0;
        std::vector<uint32_t> texels;
    };
    std::vector<Level> levels;
    static std::shared_ptr<MipTexture> fromImage(const ImageData &img);
};

/**
 * Draws into a colour buffer (0xffRRGGBB per pixel, row 0 = top) and a depth buffer (camera z,
 * metres; +inf = nothing drawn). Not thread-safe; one per thread.
 */
class SceneRaster
{
public:
    /** Targets owned by the raster (w x h). */
    SceneRaster(const CameraPose &pose, int width, int height);
    /** Targets owned by the caller (w x h each, row stride = width). */
    SceneRaster(const CameraPose &pose, int width, int height, uint32_t *color, float *depth);

    int width() const { return m_w; }
    int height() const { return m_h; }
    uint32_t *color() { return m_color; }
    float *depth() { return m_depth; }

    /** Sky above the horizon, a plain far ground below it, depth +inf. */
    void clearSkyAndGround();
    /** Every mesh of `content` (textures from `textures`, parallel to content.images). */
    void drawContent(const TileContent &content, const std::vector<std::shared_ptr<MipTexture>> &textures);
    /** One flat-coloured triangle (scene frame). */
    void drawTriangle(const Vec3d &a, const Vec3d &b, const Vec3d &c, uint32_t argb);
    /** An upright box around centre (cx, cy), z from z0 to z1, turned so its length runs along (dx, dy). */
    void drawBox(double cx, double cy, double dx, double dy, double length, double width, double z0, double z1,
                 uint32_t argb, const double sun[3]);
    /** Blends distant pixels towards the haze colour (after the geometry is drawn). */
    void applyHaze(double halfDistanceM);
    /** The colour buffer as an RGB32 image (a copy). */
    QImage toImage() const;

private:
    struct Vtx
    {
        double x, y, z;  // camera coordinates
        double u, v;
    };
    void drawPolygon(Vtx *in, int n, const MipTexture *tex, uint32_t flat);
    void rasterTriangle(const Vtx &a, const Vtx &b, const Vtx &c, const MipTexture *tex, uint32_t flat);

    CameraPose m_pose;
    Vec3d m_right, m_up, m_fwd;
    int m_w, m_h;
    double m_fx, m_fy; // pixels per unit of x/z and y/z
    double m_near = 0.3;
    std::vector<uint32_t> m_ownColor;
    std::vector<float> m_ownDepth;
    uint32_t *m_color;
    float *m_depth;
};

} // namespace liyuan::demo
