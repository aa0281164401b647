#pragma once
#include "Vec3d.h"

#include <cmath>

namespace liyuan {

/**
 * Where a (surveillance or viewing) camera stands and where it looks, in the scene frame
 * (metres, x east, y north, z up), and the pinhole maths every part of the app shares:
 * frustum tests, who-sees-it, projective texturing, calibration and the demo's videos all
 * use these conventions, so a picture lands where the camera looks.
 *
 * - heading: degrees clockwise from north (0 looks north, 90 east);
 * - pitch: degrees above the horizon (negative looks down);
 * - roll: degrees about the viewing direction; positive turns the camera's up towards its right;
 * - hfov: horizontal field of view in degrees (0, 180); aspect: image width / height;
 * - nearM/farM: the range in metres along the viewing direction.
 *
 * Image coordinates: pixel (0, 0) is the top-left corner of the top-left pixel, u right, v down.
 * Value type, any thread.
 */
struct CameraPose
{
    Vec3d position;
    double heading = 0.0;
    double pitch = 0.0;
    double roll = 0.0;
    double hfov = 60.0;
    double aspect = 16.0 / 9.0;
    double nearM = 0.5;
    double farM = 200.0;

    static constexpr double degToRad(double d) { return d * 3.14159265358979323846 / 180.0; }

    /** The unit viewing direction. */
    Vec3d forward() const
    {
        const double h = degToRad(heading), p = degToRad(pitch);
        return {std::sin(h) * std::cos(p), std::cos(h) * std::cos(p), std::sin(p)};
    }
    /** The camera's unit right vector (image +u). */
    Vec3d right() const
    {
        const double h = degToRad(heading), r = degToRad(roll);
        const Vec3d r0(std::cos(h), -std::sin(h), 0.0);
        const Vec3d u0 = r0.cross(forward());
        return r0 * std::cos(r) - u0 * std::sin(r);
    }
    /** The camera's unit up vector (image -v). */
    Vec3d up() const { return right().cross(forward()); }

    /** tan(hfov / 2) and tan(vfov / 2). */
    double tanHalfH() const { return std::tan(degToRad(hfov) * 0.5); }
    double tanHalfV() const { return tanHalfH() / (aspect > 0 ? aspect : 1.0); }
    /** The vertical field of view in degrees. */
    double vfov() const { return 2.0 * std::atan(tanHalfV()) * 180.0 / 3.14159265358979323846; }

    /** Camera coordinates of a scene point: x right, y up, z depth along forward(). */
    Vec3d toCamera(const Vec3d &p) const
    {
        const Vec3d d = p - position;
        return {d.dot(right()), d.dot(up()), d.dot(forward())};
    }
    /**
     * Normalised image coordinates of a scene point: (-1..1, -1..1) inside the view, x right,
     * y up; false when the point is not in front of the camera (depth <= 0).
     */
    bool toNdc(const Vec3d &p, double *nx, double *ny, double *depth = nullptr) const
    {
        const Vec3d c = toCamera(p);
        if (depth)
            *depth = c.z;
        if (!(c.z > 0.0))
            return false;
        *nx = c.x / (c.z * tanHalfH());
        *ny = c.y / (c.z * tanHalfV());
        return true;
    }
    /** Pixel coordinates (u right, v down) of a scene point in a width x height image. */
    bool toPixel(const Vec3d &p, double width, double height, double *u, double *v) const
    {
        double x, y;
        if (!toNdc(p, &x, &y))
            return false;
        *u = (x + 1.0) * 0.5 * width;
        *v = (1.0 - y) * 0.5 * height;
        return true;
    }
    /** The unit ray direction (scene frame) through pixel (u, v) of a width x height image. */
    Vec3d rayThroughPixel(double u, double v, double width, double height) const
    {
        const double x = (2.0 * u / width - 1.0) * tanHalfH();
        const double y = (1.0 - 2.0 * v / height) * tanHalfV();
        return (forward() + right() * x + up() * y).normalized();
    }
    /** True when p is inside the view pyramid between nearM and farM. */
    bool contains(const Vec3d &p) const
    {
        double x, y, z;
        return toNdc(p, &x, &y, &z) && z >= nearM && z <= farM && std::abs(x) <= 1.0 && std::abs(y) <= 1.0;
    }
    /** Angle in degrees between the viewing direction and the direction to p. */
    double offAxisDegrees(const Vec3d &p) const
    {
        const Vec3d d = (p - position).normalized();
        const double c = std::max(-1.0, std::min(1.0, d.dot(forward())));
        return std::acos(c) * 180.0 / 3.14159265358979323846;
    }
    /**
     * The OpenGL-style view-projection matrix (scene frame → clip space, depth -1..1 between
     * nearM and farM), column-major into m[16], relative to `origin` (subtract it from the
     * points first: GPU floats stay small). NDC x/y equal toNdc()'s.
     */
    void viewProjection(double m[16], const Vec3d &origin = {}) const
    {
        const Vec3d r = right(), u = up(), f = forward();
        const Vec3d e = position - origin;
        // view: eye x = right, y = up, z = -forward
        const double v[16] = {r.x, u.x, -f.x, 0, r.y, u.y, -f.y, 0, r.z, u.z, -f.z, 0,
                              -r.dot(e), -u.dot(e), f.dot(e), 1};
        const double n = nearM, fa = farM;
        const double p[16] = {1.0 / tanHalfH(), 0, 0, 0, 0, 1.0 / tanHalfV(), 0, 0,
                              0, 0, -(fa + n) / (fa - n), -1, 0, 0, -2.0 * fa * n / (fa - n), 0};
        for (int c = 0; c < 4; ++c)
            for (int row = 0; row < 4; ++row) {
                double s = 0;
                for (int k = 0; k < 4; ++k)
                    s += p[k * 4 + row] * v[c * 4 + k];
                m[c * 4 + row] = s;
            }
    }
};

} // namespace liyuan
