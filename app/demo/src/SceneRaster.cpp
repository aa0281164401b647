#include "SceneRaster.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace liyuan::demo {
namespace {

constexpr float kInf = std::numeric_limits<float>::infinity();

inline uint32_t lerpColor(uint32_t a, uint32_t b, double t)
{
    const int ia = int(t * 256.0);
    const int k = std::clamp(ia, 0, 256);
    auto ch = [&](int s) {
        const int ca = int((a >> s) & 0xff), cb = int((b >> s) & 0xff);
        return uint32_t((ca * (256 - k) + cb * k) >> 8) << s;
    };
    return 0xff000000u | ch(16) | ch(8) | ch(0);
}

inline uint32_t scaleColor(uint32_t c, double f)
{
    auto ch = [&](int s) { return uint32_t(std::clamp(int(((c >> s) & 0xff) * f), 0, 255)) << s; };
    return 0xff000000u | ch(16) | ch(8) | ch(0);
}

inline uint32_t sampleBilinear(const MipTexture::Level &l, double u, double v)
{
    double x = u * l.w - 0.5, y = v * l.h - 0.5;
    x = std::clamp(x, 0.0, double(l.w - 1));
    y = std::clamp(y, 0.0, double(l.h - 1));
    const int x0 = int(x), y0 = int(y);
    const int x1 = std::min(x0 + 1, l.w - 1), y1 = std::min(y0 + 1, l.h - 1);
    const int fx = int((x - x0) * 256.0), fy = int((y - y0) * 256.0);
    const uint32_t *r0 = l.texels.data() + size_t(y0) * size_t(l.w);
    const uint32_t *r1 = l.texels.data() + size_t(y1) * size_t(l.w);
    const uint32_t a = r0[x0], b = r0[x1], c = r1[x0], d = r1[x1];
    auto ch = [&](int s) {
        const int top = int((a >> s) & 0xff) * (256 - fx) + int((b >> s) & 0xff) * fx;
        const int bot = int((c >> s) & 0xff) * (256 - fx) + int((d >> s) & 0xff) * fx;
        return uint32_t(((top >> 8) * (256 - fy) + (bot >> 8) * fy) >> 8) << s;
    };
    return 0xff000000u | ch(16) | ch(8) | ch(0);
}

} // namespace

std::shared_ptr<MipTexture> MipTexture::fromImage(const ImageData &img)
{
    auto t = std::make_shared<MipTexture>();
    if (!img.isValid())
        return t;
    Level l0;
    l0.w = img.width;
    l0.h = img.height;
    l0.texels.resize(size_t(l0.w) * size_t(l0.h));
    const uchar *p = reinterpret_cast<const uchar *>(img.rgba.constData());
    for (size_t i = 0; i < l0.texels.size(); ++i)
        l0.texels[i] = 0xff000000u | uint32_t(p[i * 4]) << 16 | uint32_t(p[i * 4 + 1]) << 8 | uint32_t(p[i * 4 + 2]);
    t->levels.push_back(std::move(l0));
    while (t->levels.back().w > 1 || t->levels.back().h > 1) {
        const Level &s = t->levels.back();
        Level n;
        n.w = std::max(1, s.w / 2);
        n.h = std::max(1, s.h / 2);
        n.texels.resize(size_t(n.w) * size_t(n.h));
        for (int y = 0; y < n.h; ++y) {
            for (int x = 0; x < n.w; ++x) {
                const int xa = std::min(2 * x, s.w - 1), xb = std::min(2 * x + 1, s.w - 1);
                const int ya = std::min(2 * y, s.h - 1), yb = std::min(2 * y + 1, s.h - 1);
                const uint32_t q[4] = {s.texels[size_t(ya) * s.w + xa], s.texels[size_t(ya) * s.w + xb],
                                       s.texels[size_t(yb) * s.w + xa], s.texels[size_t(yb) * s.w + xb]};
                uint32_t out = 0xff000000u;
                for (int sh : {16, 8, 0}) {
                    int sum = 0;
                    for (uint32_t c : q)
                        sum += int((c >> sh) & 0xff);
                    out |= uint32_t((sum + 2) / 4) << sh;
                }
                n.texels[size_t(y) * n.w + x] = out;
            }
        }
        t->levels.push_back(std::move(n));
    }
    return t;
}

SceneRaster::SceneRaster(const CameraPose &pose, int width, int height)
    : SceneRaster(pose, width, height, nullptr, nullptr)
{
}

SceneRaster::SceneRaster(const CameraPose &pose, int width, int height, uint32_t *color, float *depth)
    : m_pose(pose), m_w(std::max(1, width)), m_h(std::max(1, height)), m_color(color), m_depth(depth)
{
    m_right = pose.right();
    m_up = pose.up();
    m_fwd = pose.forward();
    m_fx = m_w / (2.0 * pose.tanHalfH());
    m_fy = m_h / (2.0 * pose.tanHalfV());
    m_near = std::max(0.05, std::min(pose.nearM, 0.3));
    if (!m_color) {
        m_ownColor.assign(size_t(m_w) * size_t(m_h), 0xff000000u);
        m_color = m_ownColor.data();
    }
    if (!m_depth) {
        m_ownDepth.assign(size_t(m_w) * size_t(m_h), kInf);
        m_depth = m_ownDepth.data();
    }
}

void SceneRaster::clearSkyAndGround()
{
    const uint32_t horizon = 0xffdde4e8u, zenith = 0xff86aacbu, farGround = 0xff7f846fu, hazeGround = 0xffb9bdb3u;
    for (int y = 0; y < m_h; ++y) {
        const double cy = (m_h / 2.0 - (y + 0.5)) / m_fy;
        for (int x = 0; x < m_w; ++x) {
            const double cx = ((x + 0.5) - m_w / 2.0) / m_fx;
            const Vec3d d = (m_fwd + m_right * cx + m_up * cy).normalized();
            uint32_t c;
            if (d.z >= 0)
                c = lerpColor(horizon, zenith, std::min(1.0, std::pow(d.z, 0.6) * 1.3));
            else
                c = lerpColor(hazeGround, farGround, std::min(1.0, -d.z * 6.0));
            m_color[size_t(y) * m_w + x] = c;
            m_depth[size_t(y) * m_w + x] = kInf;
        }
    }
}

void SceneRaster::applyHaze(double halfDistanceM)
{
    const uint32_t haze = 0xffd3dade;
    for (size_t i = 0; i < size_t(m_w) * size_t(m_h); ++i) {
        const float d = m_depth[i];
        if (!std::isfinite(d))
            continue;
        const double f = 0.75 * (1.0 - std::exp2(-double(d) / halfDistanceM));
        m_color[i] = lerpColor(m_color[i], haze, f);
    }
}

QImage SceneRaster::toImage() const
{
    QImage img(m_w, m_h, QImage::Format_RGB32);
    for (int y = 0; y < m_h; ++y)
        memcpy(img.scanLine(y), m_color + size_t(y) * m_w, size_t(m_w) * 4);
    return img;
}

void SceneRaster::drawContent(const TileContent &content, const std::vector<std::shared_ptr<MipTexture>> &textures)
{
    const double tanH = m_pose.tanHalfH(), tanV = m_pose.tanHalfV();
    for (const MeshData &m : content.meshes) {
        if (m.indices.empty() || m.positions.size() < 9)
            continue;
        // cull the mesh by its bounds
        int outL = 0, outR = 0, outB = 0, outT = 0, behind = 0;
        for (int k = 0; k < 8; ++k) {
            const Vec3d p(content.origin.x + ((k & 1) ? m.boundsMax[0] : m.boundsMin[0]),
                          content.origin.y + ((k & 2) ? m.boundsMax[1] : m.boundsMin[1]),
                          content.origin.z + ((k & 4) ? m.boundsMax[2] : m.boundsMin[2]));
            const Vec3d d = p - m_pose.position;
            const double x = d.dot(m_right), y = d.dot(m_up), z = d.dot(m_fwd);
            behind += z < m_near;
            outL += x < -z * tanH;
            outR += x > z * tanH;
            outB += y < -z * tanV;
            outT += y > z * tanV;
        }
        if (behind == 8 || outL == 8 || outR == 8 || outB == 8 || outT == 8)
            continue;
        const MipTexture *tex = nullptr;
        if (m.imageIndex >= 0 && size_t(m.imageIndex) < textures.size() && textures[size_t(m.imageIndex)]
            && !textures[size_t(m.imageIndex)]->levels.empty() && m.uvs.size() * 3 == m.positions.size() * 2)
            tex = textures[size_t(m.imageIndex)].get();
        const uint32_t flat = 0xff000000u | uint32_t(std::clamp(int(m.color[0] * 255), 0, 255)) << 16
                              | uint32_t(std::clamp(int(m.color[1] * 255), 0, 255)) << 8
                              | uint32_t(std::clamp(int(m.color[2] * 255), 0, 255));
        // vertices in camera coordinates
        const size_t nv = m.positions.size() / 3;
        std::vector<Vtx> cam(nv);
        for (size_t i = 0; i < nv; ++i) {
            const Vec3d d = Vec3d(content.origin.x + m.positions[i * 3], content.origin.y + m.positions[i * 3 + 1],
                                  content.origin.z + m.positions[i * 3 + 2])
                            - m_pose.position;
            cam[i] = Vtx{d.dot(m_right), d.dot(m_up), d.dot(m_fwd), tex ? m.uvs[i * 2] : 0.0, tex ? m.uvs[i * 2 + 1] : 0.0};
        }
        for (size_t t = 0; t + 2 < m.indices.size(); t += 3) {
            const uint32_t a = m.indices[t], b = m.indices[t + 1], c = m.indices[t + 2];
            if (a >= nv || b >= nv || c >= nv)
                continue;
            Vtx poly[4] = {cam[a], cam[b], cam[c]};
            drawPolygon(poly, 3, tex, flat);
        }
    }
}

void SceneRaster::drawTriangle(const Vec3d &a, const Vec3d &b, const Vec3d &c, uint32_t argb)
{
    Vtx poly[4];
    const Vec3d *p[3] = {&a, &b, &c};
    for (int i = 0; i < 3; ++i) {
        const Vec3d d = *p[i] - m_pose.position;
        poly[i] = Vtx{d.dot(m_right), d.dot(m_up), d.dot(m_fwd), 0, 0};
    }
    drawPolygon(poly, 3, nullptr, argb);
}

void SceneRaster::drawBox(double cx, double cy, double dx, double dy, double length, double width, double z0, double z1,
                          uint32_t argb, const double sun[3])
{
    const double l = std::hypot(dx, dy);
    const double ax = l > 0 ? dx / l : 1.0, ay = l > 0 ? dy / l : 0.0; // along
    const double sx = -ay, sy = ax;                                    // side
    const double hl = length / 2, hw = width / 2;
    Vec3d c[8];
    for (int k = 0; k < 8; ++k) {
        const double fl = (k & 1) ? hl : -hl, fw = (k & 2) ? hw : -hw;
        c[k] = Vec3d(cx + ax * fl + sx * fw, cy + ay * fl + sy * fw, (k & 4) ? z1 : z0);
    }
    struct Face { int a, b, c, d; double nx, ny, nz; };
    const Face faces[5] = {
        {1, 3, 7, 5, ax, ay, 0},   // front
        {0, 2, 6, 4, -ax, -ay, 0}, // back
        {2, 3, 7, 6, sx, sy, 0},   // left side (+side)
        {0, 1, 5, 4, -sx, -sy, 0}, // right side
        {4, 5, 7, 6, 0, 0, 1},     // top
    };
    for (const Face &f : faces) {
        // only faces turned towards the camera
        const Vec3d centre = (c[f.a] + c[f.b] + c[f.c] + c[f.d]) * 0.25;
        const Vec3d toCam = m_pose.position - centre;
        if (toCam.x * f.nx + toCam.y * f.ny + toCam.z * f.nz <= 0)
            continue;
        const double lit = 0.62 + 0.5 * std::max(0.0, f.nx * sun[0] + f.ny * sun[1] + f.nz * sun[2]);
        const uint32_t col = scaleColor(argb, lit);
        drawTriangle(c[f.a], c[f.b], c[f.c], col);
        drawTriangle(c[f.a], c[f.c], c[f.d], col);
    }
}

void SceneRaster::drawPolygon(Vtx *in, int n, const MipTexture *tex, uint32_t flat)
{
    // clip against the near plane (z >= m_near)
    Vtx out[8];
    int m = 0;
    for (int i = 0; i < n; ++i) {
        const Vtx &a = in[i], &b = in[(i + 1) % n];
        const bool ina = a.z >= m_near, inb = b.z >= m_near;
        if (ina)
            out[m++] = a;
        if (ina != inb) {
            const double t = (m_near - a.z) / (b.z - a.z);
            out[m++] = Vtx{a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t, m_near, a.u + (b.u - a.u) * t, a.v + (b.v - a.v) * t};
        }
    }
    if (m < 3)
        return;
    for (int i = 1; i + 1 < m; ++i)
        rasterTriangle(out[0], out[i], out[i + 1], tex, flat);
}

void SceneRaster::rasterTriangle(const Vtx &A, const Vtx &B, const Vtx &C, const MipTexture *tex, uint32_t flat)
{
    struct S { double x, y, iz, uz, vz; };
    auto proj = [&](const Vtx &v) {
        const double iz = 1.0 / v.z;
        return S{m_w / 2.0 + m_fx * v.x * iz, m_h / 2.0 - m_fy * v.y * iz, iz, v.u * iz, v.v * iz};
    };
    const S a = proj(A), b = proj(B), c = proj(C);
    const double area = (b.x - a.x) * (c.y - a.y) - (b.y - a.y) * (c.x - a.x);
    if (!(std::abs(area) > 1e-12))
        return;
    const double minX = std::min({a.x, b.x, c.x}), maxX = std::max({a.x, b.x, c.x});
    const double minY = std::min({a.y, b.y, c.y}), maxY = std::max({a.y, b.y, c.y});
    if (maxX < 0 || maxY < 0 || minX > m_w || minY > m_h)
        return;
    const int x0 = std::max(0, int(std::floor(minX))), x1 = std::min(m_w - 1, int(std::ceil(maxX)));
    const int y0 = std::max(0, int(std::floor(minY))), y1 = std::min(m_h - 1, int(std::ceil(maxY)));
    if (x0 > x1 || y0 > y1)
        return;
    const double inv = 1.0 / area;
    // barycentric weights as linear functions of the pixel centre: w = e0 + ex * px + ey * py
    auto edge = [&](const S &p, const S &q, double *e0, double *ex, double *ey) {
        // weight of the vertex opposite the edge p -> q
        *ex = -(q.y - p.y) * inv;
        *ey = (q.x - p.x) * inv;
        *e0 = ((q.y - p.y) * p.x - (q.x - p.x) * p.y) * inv;
    };
    double a0, ax, ay, b0, bx, by, c0, cx, cy;
    edge(b, c, &a0, &ax, &ay);
    edge(c, a, &b0, &bx, &by);
    edge(a, b, &c0, &cx, &cy);
    // gradients of the interpolated 1/z, u/z, v/z
    const double izx = ax * a.iz + bx * b.iz + cx * c.iz, izy = ay * a.iz + by * b.iz + cy * c.iz;
    const double uzx = ax * a.uz + bx * b.uz + cx * c.uz, uzy = ay * a.uz + by * b.uz + cy * c.uz;
    const double vzx = ax * a.vz + bx * b.vz + cx * c.vz, vzy = ay * a.vz + by * b.vz + cy * c.vz;
    const int levels = tex ? int(tex->levels.size()) : 0;
    const double tw = tex ? tex->levels[0].w : 0, th = tex ? tex->levels[0].h : 0;
    const double eps = -1e-9;
    for (int y = y0; y <= y1; ++y) {
        const double py = y + 0.5;
        uint32_t *crow = m_color + size_t(y) * m_w;
        float *drow = m_depth + size_t(y) * m_w;
        for (int x = x0; x <= x1; ++x) {
            const double px = x + 0.5;
            const double wa = a0 + ax * px + ay * py, wb = b0 + bx * px + by * py, wc = c0 + cx * px + cy * py;
            if (wa < eps || wb < eps || wc < eps)
                continue;
            const double iz = wa * a.iz + wb * b.iz + wc * c.iz;
            if (!(iz > 0))
                continue;
            const float z = float(1.0 / iz);
            if (!(z < drow[x]))
                continue;
            drow[x] = z;
            if (!tex) {
                crow[x] = flat;
                continue;
            }
            const double uz = wa * a.uz + wb * b.uz + wc * c.uz, vz = wa * a.vz + wb * b.vz + wc * c.vz;
            const double u = uz / iz, v = vz / iz;
            // texture footprint of the pixel: d(u)/dx = (d(u/z)/dx - u d(1/z)/dx) / (1/z)
            const double dux = (uzx - u * izx) / iz * tw, dvx = (vzx - v * izx) / iz * th;
            const double duy = (uzy - u * izy) / iz * tw, dvy = (vzy - v * izy) / iz * th;
            const double rho2 = std::max(dux * dux + dvx * dvx, duy * duy + dvy * dvy);
            int lvl = 0;
            if (rho2 > 1.0) {
                int e;
                std::frexp(rho2, &e); // rho2 in [2^(e-1), 2^e)
                lvl = std::min(levels - 1, (e - 1) / 2);
            }
            crow[x] = sampleBilinear(tex->levels[size_t(lvl)], std::clamp(u, 0.0, 1.0), std::clamp(v, 0.0, 1.0));
        }
    }
}

} // namespace liyuan::demo
