#include <liyuan/scene/ViewState.h>

#include <algorithm>
#include <cmath>

namespace liyuan {

namespace {
constexpr double kPi = 3.14159265358979323846;
constexpr double kMinSpan = 1e-9;
}

double ViewState::pixelSize(const Vec3d &center, double radius) const
{
    // the full view's focal length in pixels: viewportHeight pixels span (top − bottom) NDC units
    const double span = std::max(ndcTop - ndcBottom, kMinSpan);
    const double f = viewportHeight / span / std::tan(0.5 * fovYDegrees * kPi / 180.0);
    const double d = std::max(std::abs(depth(center)), 1e-6);
    return 2.0 * radius * f / d;
}

bool ViewState::sphereVisible(const Vec3d &center, double radius) const
{
    const Vec3d v = center - eye;
    const double z = v.dot(forward);
    if (z < -radius || z - radius > farPlane)
        return false;
    const double tanY = std::tan(0.5 * fovYDegrees * kPi / 180.0);
    const double tanX = tanY * fullViewAspect();
    // the (possibly asymmetric) side planes: x = z·tan for each edge's tangent
    const double xl = ndcLeft * tanX, xr = ndcRight * tanX;
    const double yb = ndcBottom * tanY, yt = ndcTop * tanY;
    const Vec3d r = right();
    const double x = v.dot(r);
    const double y = v.dot(up);
    // signed distance of the centre outside each plane: normal (±1, 0, ∓tan)/sqrt(1+tan²)
    if ((x - z * xr) / std::sqrt(1.0 + xr * xr) > radius || (z * xl - x) / std::sqrt(1.0 + xl * xl) > radius)
        return false;
    if ((y - z * yt) / std::sqrt(1.0 + yt * yt) > radius || (z * yb - y) / std::sqrt(1.0 + yb * yb) > radius)
        return false;
    return true;
}

void ViewState::rayThrough(double px, double py, Vec3d *origin, Vec3d *direction) const
{
    const double tanY = std::tan(0.5 * fovYDegrees * kPi / 180.0);
    const double tanX = tanY * fullViewAspect();
    // the viewport's own NDC, then the full view's
    const double sx = (2.0 * (px + 0.5) / std::max(1, viewportWidth)) - 1.0;
    const double sy = 1.0 - (2.0 * (py + 0.5) / std::max(1, viewportHeight));
    const double nx = 0.5 * (ndcLeft + ndcRight) + sx * 0.5 * (ndcRight - ndcLeft);
    const double ny = 0.5 * (ndcBottom + ndcTop) + sy * 0.5 * (ndcTop - ndcBottom);
    const Vec3d d = forward + right() * (nx * tanX) + up * (ny * tanY);
    *origin = eye;
    *direction = d.normalized();
}

bool ViewState::project(const Vec3d &p, double *px, double *py) const
{
    const Vec3d v = p - eye;
    const double z = v.dot(forward);
    if (z <= 1e-9)
        return false;
    const double tanY = std::tan(0.5 * fovYDegrees * kPi / 180.0);
    const double tanX = tanY * fullViewAspect();
    const double nx = v.dot(right()) / (z * tanX);
    const double ny = v.dot(up) / (z * tanY);
    // the full view's NDC to the viewport's own
    const double sx = (nx - 0.5 * (ndcLeft + ndcRight)) / std::max(0.5 * (ndcRight - ndcLeft), kMinSpan);
    const double sy = (ny - 0.5 * (ndcBottom + ndcTop)) / std::max(0.5 * (ndcTop - ndcBottom), kMinSpan);
    *px = (sx + 1.0) * 0.5 * std::max(1, viewportWidth) - 0.5;
    *py = (1.0 - sy) * 0.5 * std::max(1, viewportHeight) - 0.5;
    return true;
}

} // namespace liyuan
