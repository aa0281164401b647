#pragma once
#include <liyuan/geodata/Vec3d.h>

namespace liyuan {

/**
 * A camera as the tile selector sees it, in the scene's local frame (Z up), double
 * precision. Perspective, square pixels. Plain value; any thread.
 *
 * Sub-view (off-axis): the viewport may show only the NDC rectangle [ndcLeft, ndcRight] ×
 * [ndcBottom, ndcTop] of a symmetric full view (vertical field of view fovYDegrees, aspect
 * fullAspect); then the frustum is asymmetric. Used for wall screens and still tiles. The
 * defaults (±1, fullAspect 0 = aspect()) are the ordinary symmetric view. Pixel sizes (SSE) use
 * the full view's pixel density at this viewport's size: viewportHeight pixels span
 * (ndcTop − ndcBottom) of the full view's 2 NDC units.
 */
struct ViewState
{
    Vec3d eye;
    Vec3d forward{0, 1, 0};  ///< unit view direction
    Vec3d up{0, 0, 1};       ///< unit, orthogonal to forward
    double fovYDegrees = 45.0;
    int viewportWidth = 1280;
    int viewportHeight = 720;
    double farPlane = 1e7;
    // sub-view: the NDC sub-rectangle of the symmetric full view this viewport shows
    double ndcLeft = -1.0;
    double ndcRight = 1.0;
    double ndcBottom = -1.0;
    double ndcTop = 1.0;
    double fullAspect = 0.0; ///< width/height of the full view; 0 = aspect() (no sub-view)

    double aspect() const { return viewportHeight > 0 ? double(viewportWidth) / viewportHeight : 1.0; }
    /** The full view's aspect (width/height). */
    double fullViewAspect() const { return fullAspect > 0 ? fullAspect : aspect(); }
    /** True when the viewport shows only part of the full view (asymmetric frustum). */
    bool isSubView() const
    {
        return ndcLeft != -1.0 || ndcRight != 1.0 || ndcBottom != -1.0 || ndcTop != 1.0
               || (fullAspect > 0 && fullAspect != aspect());
    }
    Vec3d right() const { return forward.cross(up).normalized(); }

    /** Depth of a point along the view direction (OSG's eye-space distance). */
    double depth(const Vec3d &p) const { return (p - eye).dot(forward); }
    /** Euclidean distance from the eye. */
    double distance(const Vec3d &p) const { return (p - eye).length(); }
    /**
     * Projected diameter in pixels of a sphere, as OpenSceneGraph's
     * CullStack::clampedPixelSize: 2r·f/|depth| with f = (height/2)/tan(fovY/2).
     */
    double pixelSize(const Vec3d &center, double radius) const;
    /** False when the sphere lies entirely outside the view frustum (sides, behind, beyond far). */
    bool sphereVisible(const Vec3d &center, double radius) const;
    /** The world ray through a window pixel (x right, y down, in pixels). */
    void rayThrough(double px, double py, Vec3d *origin, Vec3d *direction) const;
    /** The window pixel (x right, y down) a world point projects to, the inverse of rayThrough();
     *  false when the point lies behind the eye. */
    bool project(const Vec3d &p, double *px, double *py) const;
};

} // namespace liyuan
