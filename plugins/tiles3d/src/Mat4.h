#pragma once
#include <liyuan/geodata/Vec3d.h>

#include <QJsonArray>
#include <QJsonValue>

#include <cmath>

namespace liyuan::tiles3d {

/** A 4×4 double matrix, column-major as 3D Tiles and glTF write it (m[col*4+row]). Plain value. */
struct Mat4
{
    double m[16] = {1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1};

    static Mat4 identity() { return {}; }
    static Mat4 translation(const Vec3d &t)
    {
        Mat4 r;
        r.m[12] = t.x;
        r.m[13] = t.y;
        r.m[14] = t.z;
        return r;
    }
    /** Columns x, y, z of the linear part and a translation. */
    static Mat4 fromColumns(const Vec3d &x, const Vec3d &y, const Vec3d &z, const Vec3d &t)
    {
        Mat4 r;
        r.m[0] = x.x, r.m[1] = x.y, r.m[2] = x.z;
        r.m[4] = y.x, r.m[5] = y.y, r.m[6] = y.z;
        r.m[8] = z.x, r.m[9] = z.y, r.m[10] = z.z;
        r.m[12] = t.x, r.m[13] = t.y, r.m[14] = t.z;
        return r;
    }
    /** glTF's Y up to 3D Tiles' Z up: (x, y, z) → (x, −z, y). */
    static Mat4 yUpToZUp() { return fromColumns({1, 0, 0}, {0, 0, 1}, {0, -1, 0}, {}); }

    /** 16 finite numbers; false (and *this unchanged) otherwise. */
    bool fromJson(const QJsonValue &v)
    {
        const QJsonArray a = v.toArray();
        if (a.size() != 16)
            return false;
        double t[16];
        for (int i = 0; i < 16; ++i) {
            if (!a[i].isDouble() || !std::isfinite(a[i].toDouble()))
                return false;
            t[i] = a[i].toDouble();
        }
        for (int i = 0; i < 16; ++i)
            m[i] = t[i];
        return true;
    }

    Mat4 operator*(const Mat4 &b) const
    {
        Mat4 r;
        for (int c = 0; c < 4; ++c)
            for (int row = 0; row < 4; ++row) {
                double s = 0;
                for (int k = 0; k < 4; ++k)
                    s += m[k * 4 + row] * b.m[c * 4 + k];
                r.m[c * 4 + row] = s;
            }
        return r;
    }
    Vec3d point(const Vec3d &p) const
    {
        return {m[0] * p.x + m[4] * p.y + m[8] * p.z + m[12], m[1] * p.x + m[5] * p.y + m[9] * p.z + m[13],
                m[2] * p.x + m[6] * p.y + m[10] * p.z + m[14]};
    }
    Vec3d vector(const Vec3d &p) const
    {
        return {m[0] * p.x + m[4] * p.y + m[8] * p.z, m[1] * p.x + m[5] * p.y + m[9] * p.z,
                m[2] * p.x + m[6] * p.y + m[10] * p.z};
    }
    /** Largest scale of the linear part (length of the longest column). */
    double maxScale() const
    {
        double s = 0;
        for (int c = 0; c < 3; ++c)
            s = std::max(s, Vec3d(m[c * 4], m[c * 4 + 1], m[c * 4 + 2]).length());
        return s;
    }
    bool isIdentity() const
    {
        const Mat4 i;
        for (int k = 0; k < 16; ++k)
            if (m[k] != i.m[k])
                return false;
        return true;
    }
};

} // namespace liyuan::tiles3d
