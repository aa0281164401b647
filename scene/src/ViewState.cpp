#include <liyuan/scene/ViewState.h>

#include <algorithm>
#include <cmath>

namespace liyuan {

namespace {
constexpr double kPi = 3.14159265358979323846;
}

double ViewState::pixelSize(const Vec3d &center, double radius) const
{
    const double f = 0.5 * viewportHeight / std::tan(0.5 * fovYDegrees * kPi / 180.0);
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
    const double tanX = tanY * aspect();
    const Vec3d r = right();
    const double x = v.dot(r);
    const double y = v.dot(up);
    // distance of the centre from each side plane: plane normal (1, 0, -tan)/sqrt(1+tan²)
    const double nx = std::sqrt(1.0 + tanX * tanX);
    const double ny = std::sqrt(1.0 + tanY * tanY);
    if ((x - z * tanX) / nx > radius || (-x - z * tanX) / nx > radius)
        return false;
    if ((y - z * tanY) / ny > radius || (-y - z * tanY) / ny > radius)
        return false;
    return true;
}

void ViewState::rayThrough(double px, double py, Vec3d *origin, Vec3d *direction) const
{
    const double tanY = std::tan(0.5 * fovYDegrees * kPi / 180.0);
    const double tanX = tanY * aspect();
    const double nx = (2.0 * (px + 0.5) / std::max(1, viewportWidth)) - 1.0;
    const double ny = 1.0 - (2.0 * (py + 0.5) / std::max(1, viewportHeight));
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
    const double tanX = tanY * aspect();
    const double nx = v.dot(right()) / (z * tanX);
    const double ny = v.dot(up) / (z * tanY);
    *px = (nx + 1.0) * 0.5 * std::max(1, viewportWidth) - 0.5;
    *py = (1.0 - ny) * 0.5 * std::max(1, viewportHeight) - 0.5;
    return true;
}

} // namespace liyuan
