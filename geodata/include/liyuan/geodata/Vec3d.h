#pragma once
#include <cmath>

namespace liyuan {

/** A double-precision 3D vector for CPU-side coordinates (any thread). */
struct Vec3d
{
    double x = 0.0;
    double y = 0.0;
    double z = 0.0;

    constexpr Vec3d() = default;
    constexpr Vec3d(double ax, double ay, double az) : x(ax), y(ay), z(az) {}

    constexpr Vec3d operator+(const Vec3d &o) const { return {x + o.x, y + o.y, z + o.z}; }
    constexpr Vec3d operator-(const Vec3d &o) const { return {x - o.x, y - o.y, z - o.z}; }
    constexpr Vec3d operator*(double s) const { return {x * s, y * s, z * s}; }
    constexpr Vec3d operator-() const { return {-x, -y, -z}; }
    Vec3d &operator+=(const Vec3d &o) { x += o.x; y += o.y; z += o.z; return *this; }
    Vec3d &operator-=(const Vec3d &o) { x -= o.x; y -= o.y; z -= o.z; return *this; }
    constexpr bool operator==(const Vec3d &o) const { return x == o.x && y == o.y && z == o.z; }
    constexpr bool operator!=(const Vec3d &o) const { return !(*this == o); }

    constexpr double dot(const Vec3d &o) const { return x * o.x + y * o.y + z * o.z; }
    constexpr Vec3d cross(const Vec3d &o) const
    {
        return {y * o.z - z * o.y, z * o.x - x * o.z, x * o.y - y * o.x};
    }
    double length() const { return std::sqrt(dot(*this)); }
    Vec3d normalized() const
    {
        const double l = length();
        return l > 0.0 ? Vec3d{x / l, y / l, z / l} : Vec3d{};
    }
};

} // namespace liyuan
