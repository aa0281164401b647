#pragma once
#include <liyuan/geodata/Vec3d.h>

namespace liyuan {

/**
 * A camera as the tile selector sees it, in the scene's local frame (Z up), double
 * precision. Perspective, square pixels. Plain value; any thread.
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

    double aspect() const { return viewportHeight > 0 ? double(viewportWidth) / viewportHeight : 1.0; }
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
