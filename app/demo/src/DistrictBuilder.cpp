#include "DistrictBuilder.h"

#include <QImage>
#include <QLinearGradient>
#include <QPainter>
#include <QPainterPath>
#include <QPolygonF>

#include <algorithm>
#include <cmath>
#include <map>

namespace liyuan::demo {
namespace {

constexpr double kPi = 3.14159265358979323846;

QColor shade(const QColor &c, double f)
{
    auto ch = [f](int v) { return std::clamp(int(std::lround(v * f)), 0, 255); };
    return QColor(ch(c.red()), ch(c.green()), ch(c.blue()));
}

QColor mix(const QColor &a, const QColor &b, double t)
{
    auto ch = [t](int x, int y) { return std::clamp(int(std::lround(x + (y - x) * t)), 0, 255); };
    return QColor(ch(a.red(), b.red()), ch(a.green(), b.green()), ch(a.blue(), b.blue()));
}

// ---------------------------------------------------------------------------------------
// Patches: planar polygons with their own texture rectangle in an atlas
// ---------------------------------------------------------------------------------------

enum class MatKind { Facade, TowerFacade, Roof, FlatRoof, Swatch };
enum SwatchType { SwFoliage = 1, SwTrunk, SwChimney, SwStone, SwWater, SwConcrete };

struct Patch
{
    std::vector<Vec3d> pts;   ///< layout coordinates, counter-clockwise seen from outside
    std::vector<QPointF> st;  ///< texture-plane coordinates: metres, or 0..1 for swatches
    double w = 1, h = 1;      ///< extent of st (metres)
    MatKind kind = MatKind::Swatch;
    double light = 1;
    const Wall *wall = nullptr;
    QColor color;
    uint32_t seed = 0;
    int swatch = 0;           ///< swatch key (type * 100 + variant * 10 + light level)
    int floors = 0;
    double floorHeight = 0, crown = 0;
};

Vec3d newellNormal(const std::vector<Vec3d> &p)
{
    Vec3d n;
    for (size_t i = 0; i < p.size(); ++i) {
        const Vec3d &a = p[i], &b = p[(i + 1) % p.size()];
        n.x += (a.y - b.y) * (a.z + b.z);
        n.y += (a.z - b.z) * (a.x + b.x);
        n.z += (a.x - b.x) * (a.y + b.y);
    }
    return n.normalized();
}

/** Fills st/w/h of a planar polygon: s along the horizontal, t up the slope. */
void planarize(Patch &pa)
{
    const Vec3d n = newellNormal(pa.pts);
    Vec3d u(-n.y, n.x, 0);
    if (u.length() < 1e-6)
        u = Vec3d(1, 0, 0);
    u = u.normalized();
    const Vec3d v = n.cross(u).normalized();
    double smin = 1e30, tmin = 1e30, smax = -1e30, tmax = -1e30;
    pa.st.clear();
    for (const Vec3d &p : pa.pts) {
        const double s = p.dot(u), t = p.dot(v);
        pa.st.emplace_back(s, t);
        smin = std::min(smin, s); smax = std::max(smax, s);
        tmin = std::min(tmin, t); tmax = std::max(tmax, t);
    }
    for (QPointF &q : pa.st)
        q -= QPointF(smin, tmin);
    pa.w = std::max(0.05, smax - smin);
    pa.h = std::max(0.05, tmax - tmin);
}

int lightLevel(double light)
{
    return std::clamp(int((light - 0.45) / 0.75 * 4.0), 0, 3);
}
double levelLight(int level)
{
    return 0.56 + 0.2 * level;
}

struct Builder
{
    const Layout &L;
    Detail detail;
    std::vector<Patch> patches;

    double lightOf(const std::vector<Vec3d> &pts) const
    {
        const Vec3d n = newellNormal(pts);
        return L.light(n.x, n.y, n.z);
    }

    void addSwatchPoly(std::vector<Vec3d> pts, int type, int variant, double extraLight = 1.0)
    {
        Patch pa;
        pa.pts = std::move(pts);
        pa.kind = MatKind::Swatch;
        pa.light = lightOf(pa.pts) * extraLight;
        pa.swatch = type * 100 + variant * 10 + lightLevel(pa.light);
        // spread the swatch over the polygon (bounding square of its plane coordinates)
        planarize(pa);
        const double m = std::max(pa.w, pa.h);
        for (QPointF &q : pa.st)
            q = QPointF(0.08 + 0.84 * q.x() / m, 0.08 + 0.84 * q.y() / m);
        pa.w = pa.h = 1;
        patches.push_back(std::move(pa));
    }

    void addBox(double x0, double y0, double x1, double y1, double z0, double z1, int type, int variant, bool top)
    {
        const Vec3d c[8] = {{x0, y0, z0}, {x1, y0, z0}, {x1, y1, z0}, {x0, y1, z0},
                            {x0, y0, z1}, {x1, y0, z1}, {x1, y1, z1}, {x0, y1, z1}};
        addSwatchPoly({c[0], c[1], c[5], c[4]}, type, variant);
        addSwatchPoly({c[1], c[2], c[6], c[5]}, type, variant);
        addSwatchPoly({c[2], c[3], c[7], c[6]}, type, variant);
        addSwatchPoly({c[3], c[0], c[4], c[7]}, type, variant);
        if (top)
            addSwatchPoly({c[4], c[5], c[6], c[7]}, type, variant);
    }

    void addWall(const Wall &w)
    {
        const double len = std::hypot(w.bx - w.ax, w.by - w.ay);
        if (len < 0.05)
            return;
        Patch pa;
        pa.kind = MatKind::Facade;
        pa.wall = &w;
        pa.pts = {{w.ax, w.ay, 0}, {w.bx, w.by, 0}, {w.bx, w.by, w.height}, {w.ax, w.ay, w.height}};
        pa.st = {{0, 0}, {len, 0}, {len, w.height}, {0, w.height}};
        pa.w = len;
        pa.h = w.height;
        pa.light = lightOf(pa.pts) * (w.inner ? 0.86 : 1.0);
        pa.seed = w.seed;
        patches.push_back(std::move(pa));
    }

    void addHipRoof(const Wing &wing, Rng &rng)
    {
        const double o = detail == Detail::Root ? 0.0 : L.r.overhang;
        const double tanp = std::tan(L.r.roofPitchDeg * kPi / 180.0);
        const double x0 = wing.x0 - o, x1 = wing.x1 + o, y0 = wing.y0 - o, y1 = wing.y1 + o;
        const double zE = wing.height - o * tanp;
        const bool alongX = (x1 - x0) >= (y1 - y0);
        const double D = alongX ? (y1 - y0) : (x1 - x0);
        const double zR = zE + D / 2 * tanp;
        auto face = [&](std::vector<Vec3d> pts) {
            Patch pa;
            pa.kind = MatKind::Roof;
            pa.pts = std::move(pts);
            pa.light = lightOf(pa.pts);
            pa.color = wing.roof;
            pa.seed = uint32_t(rng.next());
            planarize(pa);
            patches.push_back(std::move(pa));
        };
        if (alongX) {
            const double cy = (y0 + y1) / 2, ra = x0 + D / 2, rb = x1 - D / 2;
            face({{x0, y0, zE}, {x1, y0, zE}, {rb, cy, zR}, {ra, cy, zR}});
            face({{x1, y1, zE}, {x0, y1, zE}, {ra, cy, zR}, {rb, cy, zR}});
            face({{x1, y0, zE}, {x1, y1, zE}, {rb, cy, zR}});
            face({{x0, y1, zE}, {x0, y0, zE}, {ra, cy, zR}});
        } else {
            const double cx = (x0 + x1) / 2, ra = y0 + D / 2, rb = y1 - D / 2;
            face({{x1, y0, zE}, {x1, y1, zE}, {cx, rb, zR}, {cx, ra, zR}});
            face({{x0, y1, zE}, {x0, y0, zE}, {cx, ra, zR}, {cx, rb, zR}});
            face({{x0, y0, zE}, {x1, y0, zE}, {cx, ra, zR}});
            face({{x1, y1, zE}, {x0, y1, zE}, {cx, rb, zR}});
        }
        if (detail == Detail::Fine && wing.chimneys) {
            const double L0 = alongX ? (x1 - x0) : (y1 - y0);
            for (int k = 0; k < L.r.chimneysPerWing; ++k) {
                const double f = rng.uniform(0.15, 0.85);
                const double q = rng.uniform(-D * 0.28, D * 0.28);
                const double zBase = zR - std::fabs(q) * tanp - 0.4;
                const double zTop = zR + rng.uniform(0.5, 1.1);
                const double a = (alongX ? x0 : y0) + f * L0;
                const double s = 0.35;
                if (alongX)
                    addBox(a - s, (y0 + y1) / 2 + q - s, a + s, (y0 + y1) / 2 + q + s, zBase, zTop, SwChimney, 0, true);
                else
                    addBox((x0 + x1) / 2 + q - s, a - s, (x0 + x1) / 2 + q + s, a + s, zBase, zTop, SwChimney, 0, true);
            }
        }
    }

    void addFlatRoof(const QRectF &r, double z, uint32_t seed)
    {
        Patch pa;
        pa.kind = MatKind::FlatRoof;
        pa.pts = {{r.left(), r.top(), z}, {r.right(), r.top(), z}, {r.right(), r.bottom(), z}, {r.left(), r.bottom(), z}};
        pa.light = lightOf(pa.pts);
        pa.seed = seed;
        planarize(pa);
        patches.push_back(std::move(pa));
    }

    void addTower(const Tower &t)
    {
        const QRectF f = t.footprint;
        const double H = t.height();
        const Vec3d c[4] = {{f.left(), f.top(), 0}, {f.right(), f.top(), 0}, {f.right(), f.bottom(), 0},
                            {f.left(), f.bottom(), 0}};
        for (int i = 0; i < 4; ++i) {
            const Vec3d a = c[i], b = c[(i + 1) % 4];
            Patch pa;
            pa.kind = MatKind::TowerFacade;
            pa.pts = {a, b, Vec3d(b.x, b.y, H), Vec3d(a.x, a.y, H)};
            const double len = (b - a).length();
            pa.st = {{0, 0}, {len, 0}, {len, H}, {0, H}};
            pa.w = len;
            pa.h = H;
            pa.light = lightOf(pa.pts);
            pa.floors = t.floors;
            pa.floorHeight = t.floorHeight;
            pa.crown = t.crown;
            pa.seed = 4711u + uint32_t(i);
            pa.color = QColor(i == 0 ? 1 : 0, 0, 0); // red channel marks the entrance face
            patches.push_back(std::move(pa));
        }
        addFlatRoof(f, H, 99);
        if (detail != Detail::Root) {
            const QRectF p = t.penthouse;
            addBox(p.left(), p.top(), p.right(), p.bottom(), H, H + t.penthouseHeight, SwConcrete, 0, false);
            addFlatRoof(p, H + t.penthouseHeight, 98);
        }
    }

    void addTree(const Tree &tr)
    {
        const bool fine = detail == Detail::Fine;
        const int slices = fine ? 8 : 6, stacks = fine ? 5 : 3;
        const double cz = tr.trunkH + tr.crownH / 2;
        auto vert = [&](int k, int s) {
            // k = 0 (bottom pole) .. stacks (top pole)
            const double th = kPi * (1.0 - double(k) / stacks);
            const double ph = 2 * kPi * (double(s) + 0.5 * (k % 2)) / slices;
            const double j = (k == 0 || k == stacks) ? 1.0 : 0.86 + 0.28 * hash01(k, s, tr.seed);
            return Vec3d(tr.x + tr.crownR * j * std::sin(th) * std::cos(ph),
                         tr.y + tr.crownR * j * std::sin(th) * std::sin(ph),
                         cz + tr.crownH / 2 * (k == 0 ? 0.85 : 1.0) * std::cos(th));
        };
        for (int k = 0; k < stacks; ++k) {
            for (int s = 0; s < slices; ++s) {
                const Vec3d a = vert(k, s), b = vert(k, s + 1), c = vert(k + 1, s + 1), d = vert(k + 1, s);
                if (k == 0)
                    addSwatchPoly({a, c, d}, SwFoliage, tr.foliage);
                else if (k == stacks - 1)
                    addSwatchPoly({a, b, d}, SwFoliage, tr.foliage);
                else {
                    addSwatchPoly({a, b, c}, SwFoliage, tr.foliage);
                    addSwatchPoly({a, c, d}, SwFoliage, tr.foliage);
                }
            }
        }
        if (fine) {
            const double r = 0.16 + 0.04 * tr.crownR / 3;
            const double top = tr.trunkH + tr.crownH * 0.3;
            for (int s = 0; s < 5; ++s) {
                const double a0 = 2 * kPi * s / 5, a1 = 2 * kPi * (s + 1) / 5;
                addSwatchPoly({{tr.x + r * std::cos(a0), tr.y + r * std::sin(a0), 0},
                               {tr.x + r * std::cos(a1), tr.y + r * std::sin(a1), 0},
                               {tr.x + r * 0.7 * std::cos(a1), tr.y + r * 0.7 * std::sin(a1), top},
                               {tr.x + r * 0.7 * std::cos(a0), tr.y + r * 0.7 * std::sin(a0), top}},
                              SwTrunk, 0);
            }
        }
    }

    void addFountain(QPointF c, double R)
    {
        const int n = detail == Detail::Fine ? 24 : 12;
        const double h = 0.55, rim = 0.5;
        for (int i = 0; i < n; ++i) {
            const double a0 = 2 * kPi * i / n, a1 = 2 * kPi * (i + 1) / n;
            const Vec3d o0(c.x() + R * std::cos(a0), c.y() + R * std::sin(a0), 0);
            const Vec3d o1(c.x() + R * std::cos(a1), c.y() + R * std::sin(a1), 0);
            const double ri = R - rim;
            const Vec3d i0(c.x() + ri * std::cos(a0), c.y() + ri * std::sin(a0), h);
            const Vec3d i1(c.x() + ri * std::cos(a1), c.y() + ri * std::sin(a1), h);
            addSwatchPoly({o0, o1, Vec3d(o1.x, o1.y, h), Vec3d(o0.x, o0.y, h)}, SwStone, 0);
            addSwatchPoly({Vec3d(o0.x, o0.y, h), Vec3d(o1.x, o1.y, h), i1, i0}, SwStone, 0);
            addSwatchPoly({Vec3d(c.x(), c.y(), h - 0.12), Vec3d(i0.x, i0.y, h - 0.12), Vec3d(i1.x, i1.y, h - 0.12)},
                          SwWater, 0);
        }
        if (detail == Detail::Fine) // the central column
            addBox(c.x() - 0.5, c.y() - 0.5, c.x() + 0.5, c.y() + 0.5, 0, 1.6, SwStone, 0, true);
    }
};

// ---------------------------------------------------------------------------------------
// Painters: each draws into a QPainter whose logical units are the patch's metres
// (s to the right, t up), or 0..1 for swatches.
// ---------------------------------------------------------------------------------------

void paintFacade(QPainter &p, const Layout &L, const Patch &pa, double dens)
{
    const Wall &w = *pa.wall;
    const Recipe &r = L.r;
    Rng rng(w.seed);
    const double W = pa.w, H = pa.h, f = pa.light;
    const QColor plaster = shade(w.plaster, f * rng.uniform(0.97, 1.03));
    p.fillRect(QRectF(-2, -2, W + 4, H + 4), plaster);

    const bool detailed = dens >= 4.0;
    // weathering streaks below the eaves and sills
    if (detailed) {
        const int n = int(W / 2.5);
        for (int i = 0; i < n; ++i) {
            const double x = rng.uniform(0, W), sw = rng.uniform(0.2, 1.2), len = rng.uniform(1.0, H * 0.6);
            QLinearGradient g(QPointF(x, H), QPointF(x, H - len));
            g.setColorAt(0, QColor(40, 30, 20, rng.range(14, 34)));
            g.setColorAt(1, QColor(40, 30, 20, 0));
            p.fillRect(QRectF(x, H - len, sw, len), g);
        }
    }
    const QColor frame = shade(r.frame, f);
    const QColor band = shade(mix(w.plaster, r.frame, 0.45), f);
    const QColor glass = shade(r.window, std::sqrt(f));
    const QColor sky = shade(QColor(150, 170, 190), f);
    const QColor wood = shade(r.woodwork, f);
    const double fh = r.floorHeight;
    if (!w.inner)
        p.fillRect(QRectF(-2, -2, W + 4, 2.55), shade(r.stone, f)); // plinth up to 0.55 m
    const int nb = std::max(1, int(W / 3.3));
    const double bay = W / nb;
    static const QColor signs[] = {QColor(122, 34, 30), QColor(38, 74, 52), QColor(36, 52, 92), QColor(92, 62, 34),
                                   QColor(150, 110, 40)};
    for (int k = 0; k < w.floors; ++k) {
        const double b0 = 0.5 + k * fh;
        if (k > 0)
            p.fillRect(QRectF(-2, b0 - 0.1, W + 4, 0.24), band); // string course
        if (w.inner && k > 0 && w.floors > 1) {
            // courtyard gallery: wooden railing along the floor
            p.fillRect(QRectF(-2, b0 + 0.1, W + 4, 0.95), shade(wood, 0.9));
            if (dens >= 8) {
                const QColor bal = shade(r.woodwork, f * 1.35);
                for (double x = 0.1; x < W; x += 0.18)
                    p.fillRect(QRectF(x, b0 + 0.15, 0.05, 0.75), bal);
            }
            p.fillRect(QRectF(-2, b0 + 0.95, W + 4, 0.1), shade(wood, 1.2));
            p.fillRect(QRectF(-2, b0 + fh - 0.5, W + 4, 0.35), QColor(0, 0, 0, 45)); // gallery roof shadow
        }
        for (int i = 0; i < nb; ++i) {
            const double cx = (i + 0.5) * bay + rng.uniform(-0.05, 0.05);
            if (w.gateAt >= 0 && k == 0 && std::fabs(cx - w.gateAt) < 2.4)
                continue;
            if (k == 0 && !w.inner && w.floors > 1) {
                // shopfront with a sign board
                const double sw = std::min(2.3, bay - 0.6);
                p.fillRect(QRectF(cx - sw / 2 - 0.12, b0, sw + 0.24, 2.72), wood);
                p.fillRect(QRectF(cx - sw / 2, b0 + 0.05, sw, 2.55), shade(r.shopfront, f * rng.uniform(0.8, 1.3)));
                if (detailed) {
                    p.fillRect(QRectF(cx - 0.03, b0 + 0.05, 0.06, 2.55), wood);
                    p.fillRect(QRectF(cx - sw / 2, b0 + 1.9, sw, 0.06), wood);
                }
                if (rng.chance(0.7))
                    p.fillRect(QRectF(cx - sw / 2 - 0.1, b0 + 2.75, sw + 0.2, 0.42),
                               shade(signs[rng.range(0, 4)], f));
                continue;
            }
            if (k == 0 && w.inner && rng.chance(0.45)) {
                p.fillRect(QRectF(cx - 0.55, b0, 1.1, 2.25), shade(wood, 0.8)); // door
                p.fillRect(QRectF(cx - 0.45, b0 + 0.1, 0.9, 2.05), shade(wood, 0.55));
                continue;
            }
            const double wy = b0 + (w.inner && k > 0 ? 1.1 : 0.95);
            const double wh = w.inner && k > 0 ? 1.55 : 1.65, ww = 1.1;
            p.fillRect(QRectF(cx - ww / 2 - 0.1, wy - 0.1, ww + 0.2, wh + 0.2), frame);
            const QColor g = mix(glass, sky, rng.uniform(0.0, 0.35));
            p.fillRect(QRectF(cx - ww / 2 + 0.02, wy, ww - 0.04, wh), g);
            if (detailed) {
                p.fillRect(QRectF(cx - ww / 2 + 0.02, wy + wh * 0.55, ww - 0.04, wh * 0.45),
                           mix(g, sky, 0.18)); // upper pane catches the sky
                p.fillRect(QRectF(cx - 0.035, wy, 0.07, wh), frame);
                p.fillRect(QRectF(cx - ww / 2, wy + wh * 0.62, ww, 0.06), frame);
                if (!w.inner)
                    p.fillRect(QRectF(cx - ww / 2 - 0.22, wy - 0.2, ww + 0.44, 0.12), band); // sill
                if (!w.inner && rng.chance(0.35)) { // shutters
                    const QColor sh = shade(QColor(70, 96, 74), f);
                    p.fillRect(QRectF(cx - ww / 2 - 0.52, wy, 0.42, wh), sh);
                    p.fillRect(QRectF(cx + ww / 2 + 0.1, wy, 0.42, wh), sh);
                }
            }
        }
    }
    // eave cornice and the shadow the overhang casts
    p.fillRect(QRectF(-2, H - 0.32, W + 4, 2.4), band);
    p.fillRect(QRectF(-2, H - 0.85, W + 4, 0.53), QColor(0, 0, 0, 50));
    // ground contact darkening
    QLinearGradient ao(QPointF(0, 0), QPointF(0, 1.4));
    ao.setColorAt(0, QColor(0, 0, 0, 70));
    ao.setColorAt(1, QColor(0, 0, 0, 0));
    p.fillRect(QRectF(-2, -2, W + 4, 3.4), ao);
    if (w.gateAt >= 0) {
        const double gx = w.gateAt, gw = 3.2;
        QPainterPath arch;
        arch.setFillRule(Qt::WindingFill);
        arch.addRect(QRectF(gx - gw / 2 - 0.3, 0, gw + 0.6, 2.7));
        arch.addEllipse(QRectF(gx - gw / 2 - 0.3, 2.7 - gw / 2 - 0.3, gw + 0.6, gw + 0.6));
        p.fillPath(arch.simplified(), shade(r.stone, f));
        QPainterPath hole;
        hole.setFillRule(Qt::WindingFill);
        hole.addRect(QRectF(gx - gw / 2, 0, gw, 2.7));
        hole.addEllipse(QRectF(gx - gw / 2, 2.7 - gw / 2, gw, gw));
        p.fillPath(hole.simplified(), shade(QColor(40, 34, 30), f));
    }
}

void paintRoof(QPainter &p, const Layout &, const Patch &pa, double dens)
{
    Rng rng(pa.seed);
    const double W = pa.w, H = pa.h;
    const QColor base = shade(pa.color, pa.light);
    p.fillRect(QRectF(-2, -2, W + 4, H + 4), base);
    const double course = 0.34;
    if (dens * course >= 1.6) {
        for (double t = 0; t < H; t += course) {
            double x = -1;
            while (x < W + 1) {
                const double seg = rng.uniform(0.5, 2.6);
                p.fillRect(QRectF(x, t, seg, course), shade(base, rng.uniform(0.9, 1.07)));
                x += seg;
            }
            p.fillRect(QRectF(-2, t, W + 4, course * 0.24), QColor(35, 12, 6, 80));
        }
    } else {
        for (double t = 0; t < H; t += 1.3)
            p.fillRect(QRectF(-2, t, W + 4, 0.3), shade(base, 0.9));
    }
    // soot, moss and repairs
    const int n = int(W * H / 14) + 1;
    p.setRenderHint(QPainter::Antialiasing, dens >= 4);
    for (int i = 0; i < n; ++i) {
        const double x = rng.uniform(0, W), y = rng.uniform(0, H), rx = rng.uniform(0.4, 2.2), ry = rng.uniform(0.3, 1.2);
        const QColor c = rng.chance(0.6) ? QColor(60, 45, 30, rng.range(18, 45)) : QColor(120, 120, 80, rng.range(15, 35));
        p.setPen(Qt::NoPen);
        p.setBrush(c);
        p.drawEllipse(QRectF(x - rx, y - ry, 2 * rx, 2 * ry));
    }
    p.setRenderHint(QPainter::Antialiasing, false);
    p.fillRect(QRectF(-2, H - 0.22, W + 4, 2.3), shade(base, 0.78)); // ridge tiles
    p.fillRect(QRectF(-2, -2, W + 4, 2.12), shade(base, 0.7));       // eave edge
}

void paintFlatRoof(QPainter &p, const Layout &L, const Patch &pa, double dens)
{
    Rng rng(pa.seed);
    const double W = pa.w, H = pa.h;
    const QColor base = shade(L.r.flatRoof, pa.light);
    p.fillRect(QRectF(-2, -2, W + 4, H + 4), base);
    const int n = int(W * H / 6);
    for (int i = 0; i < n; ++i) {
        const double x = rng.uniform(0, W), y = rng.uniform(0, H), s = rng.uniform(0.3, 1.5);
        p.fillRect(QRectF(x, y, s, s * rng.uniform(0.5, 1.5)), shade(base, rng.uniform(0.9, 1.08)));
    }
    const QColor edge = shade(L.r.towerSpandrel, pa.light);
    p.fillRect(QRectF(-2, -2, W + 4, 2.45), edge);
    p.fillRect(QRectF(-2, H - 0.45, W + 4, 2.45), edge);
    p.fillRect(QRectF(-2, -2, 2.45, H + 4), edge);
    p.fillRect(QRectF(W - 0.45, -2, 2.45, H + 4), edge);
    if (W * H > 150) {
        // HVAC units and a helipad-like marking
        for (int i = 0; i < 4; ++i) {
            const double x = rng.uniform(1.5, W * 0.35), y = rng.uniform(1.5, H - 4);
            p.fillRect(QRectF(x, y, 2.2, 1.6), shade(QColor(175, 178, 180), pa.light));
            p.fillRect(QRectF(x + 0.3, y + 0.3, 0.8, 0.8), shade(QColor(70, 72, 74), pa.light));
        }
        p.setRenderHint(QPainter::Antialiasing, true);
        p.setPen(QPen(shade(QColor(220, 190, 60), pa.light), 0.4));
        p.setBrush(Qt::NoBrush);
        const double R = std::min(W, H) * 0.22;
        p.drawEllipse(QPointF(W * 0.25, H * 0.5), R, R);
        p.setRenderHint(QPainter::Antialiasing, false);
    }
}

void paintTowerFacade(QPainter &p, const Layout &L, const Patch &pa, double dens)
{
    const Recipe &r = L.r;
    Rng rng(pa.seed);
    const double W = pa.w, H = pa.h, f = pa.light, fh = pa.floorHeight;
    const QColor spandrel = shade(r.towerSpandrel, f);
    p.fillRect(QRectF(-2, -2, W + 4, H + 4), spandrel);
    const QColor mull = shade(r.towerMullion, f);
    const double panel = 1.5;
    const int nPanels = std::max(1, int((W - 1.2) / panel));
    const double pw = (W - 1.2) / nPanels;
    const bool entrance = pa.color.red() == 1;
    for (int k = 0; k < pa.floors; ++k) {
        const double t0 = k * fh;
        const double g0 = k == 0 ? t0 + 0.15 : t0 + 0.95;
        const double gh = k == 0 ? fh - 0.35 : fh - 1.15;
        const double sky = 0.85 + 0.35 * double(k) / pa.floors;
        for (int i = 0; i < nPanels; ++i) {
            QColor g = shade(r.towerGlass, f * sky * rng.uniform(0.9, 1.1));
            if (rng.chance(0.1))
                g = shade(QColor(188, 190, 186), f * rng.uniform(0.85, 1.0)); // blinds down
            if (k == 0 && entrance && std::fabs((i + 0.5) * pw - (W - 1.2) / 2) < 3.2)
                g = shade(QColor(40, 46, 52), f);
            p.fillRect(QRectF(0.6 + i * pw, g0, pw, gh), g);
            if (dens >= 6) // reflection of the sky on the upper part of each pane
                p.fillRect(QRectF(0.6 + i * pw, g0 + gh * 0.6, pw, gh * 0.4), QColor(255, 255, 255, 18));
        }
        const double mw = std::max(0.08, 1.0 / std::max(1.0, dens));
        for (int i = 0; i <= nPanels; ++i)
            p.fillRect(QRectF(0.6 + i * pw - mw / 2, g0, mw, gh), mull);
        // slab edge shadow at the top of each glass band
        p.fillRect(QRectF(0.6, g0 + gh - 0.12, W - 1.2, 0.12), QColor(0, 0, 0, 70));
    }
    // crown and corner pilasters
    const double top = pa.floors * fh;
    p.fillRect(QRectF(-2, top, W + 4, H - top + 2), shade(r.towerSpandrel, f * 1.04));
    p.fillRect(QRectF(-2, top + 0.5, W + 4, 0.35), shade(r.towerMullion, f * 1.2));
    p.fillRect(QRectF(-2, -2, 2.6, H + 4), shade(r.towerSpandrel, f * 0.93));
    p.fillRect(QRectF(W - 0.6, -2, 2.6, H + 4), shade(r.towerSpandrel, f * 0.93));
}

void paintSwatch(QPainter &p, const Layout &L, int key)
{
    const int type = key / 100, variant = (key / 10) % 10, level = key % 10;
    const double f = levelLight(level);
    Rng rng(uint64_t(key) * 977 + 13);
    p.setRenderHint(QPainter::Antialiasing, true);
    p.setPen(Qt::NoPen);
    switch (type) {
    case SwFoliage: {
        const QColor base = shade(L.r.foliage.at(variant % L.r.foliage.size()), f);
        p.fillRect(QRectF(-0.1, -0.1, 1.2, 1.2), base);
        for (int i = 0; i < 70; ++i) {
            const double x = rng.uniform(), y = rng.uniform(), s = rng.uniform(0.05, 0.16);
            p.setBrush(shade(base, rng.uniform(0.7, 1.28)));
            p.drawEllipse(QRectF(x - s, y - s * 0.8, 2 * s, 1.6 * s));
        }
        break;
    }
    case SwTrunk:
        p.fillRect(QRectF(-0.1, -0.1, 1.2, 1.2), shade(L.r.trunk, f));
        for (int i = 0; i < 6; ++i)
            p.fillRect(QRectF(rng.uniform(), -0.1, 0.05, 1.2), shade(L.r.trunk, f * 0.75));
        break;
    case SwChimney: {
        const QColor c = shade(QColor(158, 120, 98), f);
        p.fillRect(QRectF(-0.1, -0.1, 1.2, 1.2), c);
        for (double y = 0.1; y < 1; y += 0.16)
            p.fillRect(QRectF(-0.1, y, 1.2, 0.03), shade(c, 0.8));
        p.fillRect(QRectF(-0.1, 0.85, 1.2, 0.3), shade(c, 0.65));
        break;
    }
    case SwStone:
        p.fillRect(QRectF(-0.1, -0.1, 1.2, 1.2), shade(L.r.stone, f * 1.05));
        for (int i = 0; i < 12; ++i)
            p.fillRect(QRectF(rng.uniform(), rng.uniform(), 0.2, 0.1), shade(L.r.stone, f * rng.uniform(0.9, 1.1)));
        break;
    case SwWater: {
        p.fillRect(QRectF(-0.1, -0.1, 1.2, 1.2), L.r.water);
        for (int i = 0; i < 10; ++i) {
            p.setBrush(QColor(255, 255, 255, 40));
            p.drawEllipse(QRectF(rng.uniform(), rng.uniform(), 0.18, 0.05));
        }
        break;
    }
    default: { // concrete (penthouse)
        const QColor c = shade(L.r.towerSpandrel, f * 0.92);
        p.fillRect(QRectF(-0.1, -0.1, 1.2, 1.2), c);
        p.fillRect(QRectF(0.1, 0.05, 0.8, 0.55), shade(QColor(120, 124, 126), f)); // louvres
        for (double y = 0.1; y < 0.6; y += 0.08)
            p.fillRect(QRectF(0.1, y, 0.8, 0.025), shade(QColor(80, 84, 86), f));
        break;
    }
    }
    p.setRenderHint(QPainter::Antialiasing, false);
}

// ---------------------------------------------------------------------------------------
// Atlas: shelf-pack patches, paint them, emit one mesh
// ---------------------------------------------------------------------------------------

ImageData toImageData(const QImage &src)
{
    const QImage img = src.convertToFormat(QImage::Format_RGBA8888);
    ImageData out;
    out.width = img.width();
    out.height = img.height();
    out.rgba.resize(qsizetype(out.width) * out.height * 4);
    const int row = out.width * 4;
    for (int y = 0; y < out.height; ++y) // bottom row first
        memcpy(out.rgba.data() + qsizetype(y) * row, img.constScanLine(out.height - 1 - y), size_t(row));
    return out;
}

struct Slot
{
    int x = 0, y = 0, w = 0, h = 0; ///< inner rectangle, without the gutter
};

bool shelfPack(const std::vector<std::pair<int, int>> &sizes, int atlasW, int atlasH, int gutter,
               std::vector<Slot> &placed, int *usedH)
{
    std::vector<int> order(sizes.size());
    for (size_t i = 0; i < order.size(); ++i)
        order[i] = int(i);
    std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return sizes[size_t(a)].second > sizes[size_t(b)].second; });
    placed.assign(sizes.size(), Slot{});
    int x = 0, y = 0, shelfH = 0;
    for (int i : order) {
        const int w = sizes[size_t(i)].first + 2 * gutter, h = sizes[size_t(i)].second + 2 * gutter;
        if (w > atlasW)
            return false;
        if (x + w > atlasW) {
            y += shelfH;
            x = 0;
            shelfH = 0;
        }
        if (y + h > atlasH)
            return false;
        placed[size_t(i)] = Slot{x + gutter, y + gutter, sizes[size_t(i)].first, sizes[size_t(i)].second};
        x += w;
        shelfH = std::max(shelfH, h);
    }
    *usedH = y + shelfH;
    return true;
}

void buildAtlas(const Layout &L, const std::vector<Patch> &patches, int atlasSize, double maxDensity,
                const Vec3d &origin, TileContent &out)
{
    if (patches.empty())
        return;
    // swatches are shared by key
    std::map<int, int> swatchIndex;
    std::vector<int> swatchKeys;
    double area = 0;
    for (const Patch &pa : patches) {
        if (pa.kind == MatKind::Swatch) {
            if (!swatchIndex.count(pa.swatch)) {
                swatchIndex[pa.swatch] = int(swatchKeys.size());
                swatchKeys.push_back(pa.swatch);
            }
        } else {
            area += pa.w * pa.h;
        }
    }
    const int gutter = atlasSize >= 1024 ? 2 : 1;
    double dens = std::min(maxDensity, std::sqrt(0.82 * double(atlasSize) * atlasSize / std::max(1.0, area)));
    std::vector<Slot> placed;
    std::vector<std::pair<int, int>> sizes;
    int usedH = 0;
    for (int attempt = 0; attempt < 80; ++attempt) {
        sizes.clear();
        const int sw = std::clamp(int(std::lround(dens * 2.0)), 6, 40);
        for (const Patch &pa : patches)
            if (pa.kind != MatKind::Swatch)
                sizes.emplace_back(std::max(2, int(std::ceil(pa.w * dens))), std::max(2, int(std::ceil(pa.h * dens))));
        for (size_t i = 0; i < swatchKeys.size(); ++i)
            sizes.emplace_back(sw, sw);
        if (shelfPack(sizes, atlasSize, atlasSize, gutter, placed, &usedH))
            break;
        dens *= 0.93;
    }
    int texH = 16;
    while (texH < usedH)
        texH *= 2;
    texH = std::min(texH, atlasSize);

    QImage img(atlasSize, texH, QImage::Format_RGB32);
    img.fill(QColor(128, 128, 128));
    QPainter p(&img);
    size_t k = 0;
    std::vector<Slot> patchSlot(patches.size());
    for (size_t i = 0; i < patches.size(); ++i) {
        const Patch &pa = patches[i];
        if (pa.kind == MatKind::Swatch)
            continue;
        const Slot s = placed[k++];
        patchSlot[i] = s;
        p.save();
        p.setClipRect(QRect(s.x - gutter, s.y - gutter, s.w + 2 * gutter, s.h + 2 * gutter));
        const double sx = s.w / pa.w, sy = s.h / pa.h;
        p.setTransform(QTransform(sx, 0, 0, -sy, s.x, s.y + s.h));
        switch (pa.kind) {
        case MatKind::Facade: paintFacade(p, L, pa, std::min(sx, sy)); break;
        case MatKind::TowerFacade: paintTowerFacade(p, L, pa, std::min(sx, sy)); break;
        case MatKind::Roof: paintRoof(p, L, pa, std::min(sx, sy)); break;
        case MatKind::FlatRoof: paintFlatRoof(p, L, pa, std::min(sx, sy)); break;
        default: break;
        }
        p.restore();
    }
    std::vector<Slot> swatchSlot(swatchKeys.size());
    for (size_t i = 0; i < swatchKeys.size(); ++i) {
        const Slot s = placed[k++];
        swatchSlot[i] = s;
        p.save();
        p.setClipRect(QRect(s.x - gutter, s.y - gutter, s.w + 2 * gutter, s.h + 2 * gutter));
        p.setTransform(QTransform(s.w, 0, 0, -s.h, s.x, s.y + s.h));
        paintSwatch(p, L, swatchKeys[i]);
        p.restore();
    }
    p.end();

    MeshData mesh;
    const double W = atlasSize, H = texH;
    for (size_t i = 0; i < patches.size(); ++i) {
        const Patch &pa = patches[i];
        const Slot s = pa.kind == MatKind::Swatch ? swatchSlot[size_t(swatchIndex[pa.swatch])] : patchSlot[i];
        const uint32_t base = uint32_t(mesh.positions.size() / 3);
        for (size_t v = 0; v < pa.pts.size(); ++v) {
            const Vec3d q = pa.pts[v] - origin;
            mesh.positions.push_back(float(q.x));
            mesh.positions.push_back(float(q.y));
            mesh.positions.push_back(float(q.z));
            const double px = s.x + pa.st[v].x() / pa.w * s.w;
            const double py = s.y + s.h - pa.st[v].y() / pa.h * s.h; // image row, top = 0
            mesh.uvs.push_back(float(px / W));
            mesh.uvs.push_back(float(1.0 - py / H));
        }
        for (size_t v = 1; v + 1 < pa.pts.size(); ++v) {
            mesh.indices.push_back(base);
            mesh.indices.push_back(base + uint32_t(v));
            mesh.indices.push_back(base + uint32_t(v + 1));
        }
    }
    out.images.push_back(toImageData(img));
    mesh.imageIndex = int(out.images.size()) - 1;
    mesh.computeBounds();
    out.meshes.push_back(std::move(mesh));
}

// ---------------------------------------------------------------------------------------
// Ground
// ---------------------------------------------------------------------------------------

QPolygonF convexHull(std::vector<QPointF> pts)
{
    std::sort(pts.begin(), pts.end(), [](const QPointF &a, const QPointF &b) {
        return a.x() < b.x() || (a.x() == b.x() && a.y() < b.y());
    });
    auto cross = [](const QPointF &o, const QPointF &a, const QPointF &b) {
        return (a.x() - o.x()) * (b.y() - o.y()) - (a.y() - o.y()) * (b.x() - o.x());
    };
    std::vector<QPointF> h(2 * pts.size());
    size_t k = 0;
    for (size_t i = 0; i < pts.size(); ++i) {
        while (k >= 2 && cross(h[k - 2], h[k - 1], pts[i]) <= 0)
            --k;
        h[k++] = pts[i];
    }
    for (size_t i = pts.size() - 1, t = k + 1; i > 0; --i) {
        while (k >= t && cross(h[k - 2], h[k - 1], pts[i - 1]) <= 0)
            --k;
        h[k++] = pts[i - 1];
    }
    h.resize(k > 0 ? k - 1 : 0);
    return QPolygonF(QList<QPointF>(h.begin(), h.end()));
}

QPolygonF boxShadow(const QRectF &r, double height, QPointF perMetre)
{
    const QPointF off = perMetre * height;
    return convexHull({r.topLeft(), r.topRight(), r.bottomLeft(), r.bottomRight(), r.topLeft() + off,
                       r.topRight() + off, r.bottomLeft() + off, r.bottomRight() + off});
}

double valueNoise(double x, double y, uint64_t seed)
{
    const double fx = std::floor(x), fy = std::floor(y);
    const int64_t ix = int64_t(fx), iy = int64_t(fy);
    const double tx = x - fx, ty = y - fy;
    const double sx = tx * tx * (3 - 2 * tx), sy = ty * ty * (3 - 2 * ty);
    const double a = hash01(ix, iy, seed), b = hash01(ix + 1, iy, seed), c = hash01(ix, iy + 1, seed),
                 d = hash01(ix + 1, iy + 1, seed);
    return (a + (b - a) * sx) + ((c + (d - c) * sx) - (a + (b - a) * sx)) * sy;
}

void paintGround(const Layout &L, const QRectF &R, QImage &img, Detail detail)
{
    const Recipe &r = L.r;
    const double sx = img.width() / R.width(), sy = img.height() / R.height();
    const double dens = std::min(sx, sy);
    const QTransform world(sx, 0, 0, -sy, -R.left() * sx, R.bottom() * sy);
    const QRectF near = R.adjusted(-4, -4, 4, 4);
    QPainter p(&img);
    p.setTransform(world);
    p.fillRect(R.adjusted(-2, -2, 2, 2), r.asphalt);
    Rng rng(r.seed ^ 0xA5A5);

    const int nx = r.cellsX(), ny = r.cellsY();
    // asphalt patches (repairs)
    if (dens >= 3) {
        for (int i = 0; i < 900; ++i) {
            const double x = rng.uniform(0, nx * r.cellSize), y = rng.uniform(0, ny * r.cellSize);
            const double w = rng.uniform(1, 6), h = rng.uniform(1, 4);
            if (near.intersects(QRectF(x, y, w, h)))
                p.fillRect(QRectF(x, y, w, h), shade(r.asphalt, rng.uniform(0.9, 1.1)));
        }
    }
    // cells: sidewalks, courtyards, parks, forecourts
    for (int cy = 0; cy < ny; ++cy) {
        for (int cx = 0; cx < nx; ++cx) {
            const QRectF curb = L.curbRect(cx, cy);
            if (!near.intersects(curb))
                continue;
            const CellKind kind = L.cellKind(cx, cy);
            if (kind == CellKind::Plaza)
                continue;
            p.fillRect(curb, r.sidewalk);
            if (dens >= 8) { // paving joints
                const QColor j = shade(r.sidewalk, 0.88);
                for (double x = curb.left(); x < curb.right(); x += 0.6)
                    p.fillRect(QRectF(x, curb.top(), 0.04, curb.height()), j);
                for (double y = curb.top(); y < curb.bottom(); y += 0.6)
                    p.fillRect(QRectF(curb.left(), y, curb.width(), 0.04), j);
            }
            const double cw = 0.25; // curb stones
            p.fillRect(QRectF(curb.left(), curb.top(), curb.width(), cw), r.curb);
            p.fillRect(QRectF(curb.left(), curb.bottom() - cw, curb.width(), cw), r.curb);
            p.fillRect(QRectF(curb.left(), curb.top(), cw, curb.height()), r.curb);
            p.fillRect(QRectF(curb.right() - cw, curb.top(), cw, curb.height()), r.curb);
            const QRectF site = curb.adjusted(L.sidewalkX(cx), L.sidewalkY(cy), -L.sidewalkX(cx + 1), -L.sidewalkY(cy + 1));
            if (kind == CellKind::Park) {
                p.fillRect(site, r.grass);
                Rng gr(uint64_t(cy * nx + cx) * 131 + r.seed);
                p.setRenderHint(QPainter::Antialiasing, true);
                p.setPen(Qt::NoPen);
                for (int i = 0; i < 160; ++i) {
                    const double x = gr.uniform(site.left(), site.right()), y = gr.uniform(site.top(), site.bottom());
                    const double s = gr.uniform(0.8, 3.5);
                    p.setBrush(shade(r.grass, gr.uniform(0.82, 1.15)));
                    p.drawEllipse(QPointF(x, y), s, s * gr.uniform(0.6, 1.0));
                }
                QPen pen(r.path, 2.4);
                pen.setCapStyle(Qt::FlatCap);
                p.setPen(pen);
                p.drawLine(site.topLeft(), site.bottomRight());
                p.drawLine(site.bottomLeft(), site.topRight());
                p.setBrush(r.path);
                p.setPen(Qt::NoPen);
                p.drawEllipse(site.center(), 5.0, 5.0);
                p.setBrush(shade(r.grass, 1.1));
                p.drawEllipse(site.center(), 3.0, 3.0);
                p.setRenderHint(QPainter::Antialiasing, false);
            } else if (kind == CellKind::Tower) {
                p.fillRect(site, r.plaza.at(0));
                if (dens >= 2) {
                    const QColor j = shade(r.plaza.at(0), 0.9);
                    for (double x = site.left(); x < site.right(); x += 1.5)
                        p.fillRect(QRectF(x, site.top(), 0.06, site.height()), j);
                    for (double y = site.top(); y < site.bottom(); y += 1.5)
                        p.fillRect(QRectF(site.left(), y, site.width(), 0.06), j);
                }
                // entrance canopy band and a driveway
                const QRectF f = L.tower.footprint;
                p.fillRect(QRectF(f.left() + f.width() / 2 - 5, site.top(), 10, f.top() - site.top()), shade(r.asphalt, 1.25));
            }
        }
    }
    for (const Block &b : L.blocks) {
        if (!near.intersects(b.outer))
            continue;
        p.fillRect(b.outer, shade(r.courtyard, 0.8));
        p.fillRect(b.inner, r.courtyard);
        if (dens >= 4) {
            const QColor j = shade(r.courtyard, 0.86);
            for (double x = b.inner.left(); x < b.inner.right(); x += 1.2)
                p.fillRect(QRectF(x, b.inner.top(), 0.05, b.inner.height()), j);
            for (double y = b.inner.top(); y < b.inner.bottom(); y += 1.2)
                p.fillRect(QRectF(b.inner.left(), y, b.inner.width(), 0.05), j);
            // a few bits of courtyard life: planters, stacked goods, a water basin
            Rng cr(uint64_t(b.cy * nx + b.cx) * 313 + 7);
            for (int i = 0; i < 6; ++i) {
                const double x = cr.uniform(b.inner.left() + 0.5, b.inner.right() - 1.5);
                const double y = cr.uniform(b.inner.top() + 0.5, b.inner.bottom() - 1.5);
                p.fillRect(QRectF(x, y, cr.uniform(0.6, 1.6), cr.uniform(0.5, 1.2)),
                           cr.chance(0.5) ? shade(r.foliage.at(0), 0.9) : shade(r.woodwork, 1.1));
            }
        }
    }
    // the plaza
    if (near.intersects(L.plaza)) {
        const QRectF P = L.plaza;
        p.fillRect(P, r.plaza.at(0));
        const double tile = 6.0;
        for (double x = P.left(); x < P.right(); x += tile)
            for (double y = P.top(); y < P.bottom(); y += tile)
                if ((int(std::floor((x - P.left()) / tile)) + int(std::floor((y - P.top()) / tile))) % 2)
                    p.fillRect(QRectF(x, y, tile, tile), shade(r.plaza.at(0), 0.94));
        if (dens >= 3) {
            const QColor j = shade(r.plaza.at(1), 0.95);
            for (double x = P.left(); x < P.right(); x += tile / 4)
                p.fillRect(QRectF(x, P.top(), 0.05, P.height()), shade(r.plaza.at(0), 0.9));
            for (double y = P.top(); y < P.bottom(); y += tile / 4)
                p.fillRect(QRectF(P.left(), y, P.width(), 0.05), shade(r.plaza.at(0), 0.9));
            for (double x = P.left(); x < P.right(); x += tile)
                p.fillRect(QRectF(x - 0.15, P.top(), 0.3, P.height()), j);
            for (double y = P.top(); y < P.bottom(); y += tile)
                p.fillRect(QRectF(P.left(), y - 0.15, P.width(), 0.3), j);
        }
        const double bw = 1.8;
        const QColor border = r.plaza.at(2);
        p.fillRect(QRectF(P.left(), P.top(), P.width(), bw), border);
        p.fillRect(QRectF(P.left(), P.bottom() - bw, P.width(), bw), border);
        p.fillRect(QRectF(P.left(), P.top(), bw, P.height()), border);
        p.fillRect(QRectF(P.right() - bw, P.top(), bw, P.height()), border);
        p.setRenderHint(QPainter::Antialiasing, true);
        // lawns in the four corners break up the paving
        p.setPen(QPen(r.plaza.at(2), 0.6));
        p.setBrush(r.grass);
        const double lawn = std::min(P.width(), P.height()) * 0.2, inset = 8.0;
        for (const QPointF &c : {QPointF(P.left() + inset, P.top() + inset), QPointF(P.right() - inset - lawn, P.top() + inset),
                                 QPointF(P.left() + inset, P.bottom() - inset - lawn),
                                 QPointF(P.right() - inset - lawn, P.bottom() - inset - lawn)})
            p.drawRoundedRect(QRectF(c, QSizeF(lawn, lawn)), 2.0, 2.0);
        p.setBrush(Qt::NoBrush);
        for (double rad : {12.0, 17.0, 24.0}) {
            p.setPen(QPen(r.plaza.at(2), rad == 12.0 ? 1.6 : 0.8));
            p.drawEllipse(L.fountain, rad, rad);
        }
        p.setPen(Qt::NoPen);
        p.setBrush(r.plaza.at(1));
        p.drawEllipse(L.fountain, r.fountainRadius + 1.5, r.fountainRadius + 1.5);
        if (detail == Detail::Root) {
            p.setBrush(r.stone);
            p.drawEllipse(L.fountain, r.fountainRadius, r.fountainRadius);
            p.setBrush(r.water);
            p.drawEllipse(L.fountain, r.fountainRadius - 0.6, r.fountainRadius - 0.6);
        }
        p.setRenderHint(QPainter::Antialiasing, false);
    }
    // road markings
    {
        const QColor white = r.marking, yellow(214, 176, 64);
        auto vertical = [&](int i) { return i % r.mainEvery == 0; };
        for (int i = 0; i <= nx; ++i) {
            const double x = i * r.cellSize;
            for (int j = 0; j < ny; ++j) {
                const double y0 = j * r.cellSize + L.halfCarriageY(j) + 1.0;
                const double y1 = (j + 1) * r.cellSize - L.halfCarriageY(j + 1) - 1.0;
                const QRectF seg(x - 0.2, y0, 0.4, y1 - y0);
                if (!near.intersects(seg.adjusted(-6, -6, 6, 6)) || L.plaza.contains(QPointF(x, (y0 + y1) / 2)))
                    continue;
                if (vertical(i)) {
                    p.fillRect(QRectF(x - 0.3, y0 + 4, 0.15, y1 - y0 - 8), yellow);
                    p.fillRect(QRectF(x + 0.15, y0 + 4, 0.15, y1 - y0 - 8), yellow);
                } else {
                    for (double y = y0 + 4; y < y1 - 4; y += 6)
                        p.fillRect(QRectF(x - 0.075, y, 0.15, std::min(2.0, y1 - 4 - y)), white);
                }
                // zebra crossings at both ends
                const double hw = L.halfCarriageX(i);
                for (double base : {y0 + 0.3, y1 - 3.8}) {
                    for (double xx = x - hw + 0.4; xx < x + hw - 0.4; xx += 1.0)
                        p.fillRect(QRectF(xx, base, 0.5, 3.5), white);
                }
                p.fillRect(QRectF(x - hw, y0 + 4.3, hw, 0.3), white); // stop lines
                p.fillRect(QRectF(x, y1 - 4.6, hw, 0.3), white);
            }
        }
        for (int j = 0; j <= ny; ++j) {
            const double y = j * r.cellSize;
            for (int i = 0; i < nx; ++i) {
                const double x0 = i * r.cellSize + L.halfCarriageX(i) + 1.0;
                const double x1 = (i + 1) * r.cellSize - L.halfCarriageX(i + 1) - 1.0;
                const QRectF seg(x0, y - 0.2, x1 - x0, 0.4);
                if (!near.intersects(seg.adjusted(-6, -6, 6, 6)) || L.plaza.contains(QPointF((x0 + x1) / 2, y)))
                    continue;
                if (j % r.mainEvery == 0) {
                    p.fillRect(QRectF(x0 + 4, y - 0.3, x1 - x0 - 8, 0.15), yellow);
                    p.fillRect(QRectF(x0 + 4, y + 0.15, x1 - x0 - 8, 0.15), yellow);
                } else {
                    for (double x = x0 + 4; x < x1 - 4; x += 6)
                        p.fillRect(QRectF(x, y - 0.075, std::min(2.0, x1 - 4 - x), 0.15), white);
                }
                const double hw = L.halfCarriageY(j);
                for (double base : {x0 + 0.3, x1 - 3.8}) {
                    for (double yy = y - hw + 0.4; yy < y + hw - 0.4; yy += 1.0)
                        p.fillRect(QRectF(base, yy, 3.5, 0.5), white);
                }
                p.fillRect(QRectF(x0 + 4.3, y, 0.3, hw), white);
                p.fillRect(QRectF(x1 - 4.6, y - hw, 0.3, hw), white);
            }
        }
    }
    // trees seen from far away are painted into the ground
    if (detail == Detail::Root) {
        p.setRenderHint(QPainter::Antialiasing, true);
        p.setPen(Qt::NoPen);
        for (const Tree &t : L.trees) {
            if (!near.contains(t.x, t.y))
                continue;
            const QColor c = r.foliage.at(t.foliage % r.foliage.size());
            p.setBrush(shade(c, 0.85));
            p.drawEllipse(QPointF(t.x, t.y), t.crownR, t.crownR);
            p.setBrush(shade(c, 1.15));
            p.drawEllipse(QPointF(t.x + L.sun[0] * t.crownR * 0.4, t.y + L.sun[1] * t.crownR * 0.4), t.crownR * 0.6,
                          t.crownR * 0.6);
        }
    }
    p.end();

    // shadows (and contact darkening) into a mask, then noise, in one pass over the pixels
    QImage mask(img.size(), QImage::Format_Grayscale8);
    mask.fill(0);
    {
        QPainter m(&mask);
        m.setTransform(world);
        m.setRenderHint(QPainter::Antialiasing, true);
        m.setPen(Qt::NoPen);
        const QPointF per = L.shadowPerMetre();
        const double tanp = std::tan(r.roofPitchDeg * kPi / 180.0);
        const QRectF far = R.adjusted(-150, -150, 150, 150);
        m.setBrush(QColor(110, 110, 110));
        for (const Block &b : L.blocks)
            if (far.intersects(b.outer))
                m.drawRect(b.outer.adjusted(-0.7, -0.7, 0.7, 0.7));
        m.setBrush(Qt::white);
        for (const Block &b : L.blocks) {
            if (!far.intersects(b.outer))
                continue;
            for (const Wing &w : b.wings) {
                const double D = std::min(w.x1 - w.x0, w.y1 - w.y0);
                const QRectF fr(QPointF(w.x0, w.y0), QPointF(w.x1, w.y1));
                m.drawPolygon(boxShadow(fr, w.height, per));
                m.drawPolygon(boxShadow(fr.adjusted(D * 0.3, D * 0.3, -D * 0.3, -D * 0.3), w.height + D * 0.35 * tanp, per));
            }
        }
        if (!L.tower.footprint.isEmpty()) {
            m.drawPolygon(boxShadow(L.tower.footprint, L.tower.height(), per));
            m.drawPolygon(boxShadow(L.tower.penthouse, L.tower.height() + L.tower.penthouseHeight, per));
        }
        for (const Tree &t : L.trees) {
            if (!far.contains(t.x, t.y))
                continue;
            const QPointF c = QPointF(t.x, t.y) + per * (t.trunkH + t.crownH * 0.5);
            m.drawEllipse(c, t.crownR * 0.95, t.crownR * 0.95);
        }
        if (!L.plaza.isEmpty())
            m.drawEllipse(L.fountain + per * 0.3, r.fountainRadius, r.fountainRadius);
    }
    const double strength = r.shadowStrength;
    const uint64_t seed = r.seed;
    const int W = img.width(), H = img.height();
    for (int y = 0; y < H; ++y) {
        QRgb *row = reinterpret_cast<QRgb *>(img.scanLine(y));
        const uchar *mrow = mask.constScanLine(y);
        const double wy = R.bottom() - (y + 0.5) / sy;
        for (int x = 0; x < W; ++x) {
            const double wx = R.left() + (x + 0.5) / sx;
            const double n = 1.0 + 0.07 * (valueNoise(wx * 0.5, wy * 0.5, seed) - 0.5)
                             + 0.05 * (valueNoise(wx * 3.1, wy * 3.1, seed + 1) - 0.5);
            const double f = n * (1.0 - strength * mrow[x] / 255.0);
            const QRgb c = row[x];
            row[x] = qRgb(std::min(255, int(qRed(c) * f)), std::min(255, int(qGreen(c) * f)),
                          std::min(255, int(qBlue(c) * f)));
        }
    }
}

void addGround(const Layout &L, const QRectF &R, Detail detail, int px, double gridM, const Vec3d &origin,
               TileContent &out)
{
    QImage img(px, px, QImage::Format_RGB32);
    paintGround(L, R, img, detail);
    out.images.push_back(toImageData(img));
    MeshData mesh;
    mesh.imageIndex = int(out.images.size()) - 1;
    const int nx = std::max(1, int(std::lround(R.width() / gridM)));
    const int ny = std::max(1, int(std::lround(R.height() / gridM)));
    for (int j = 0; j <= ny; ++j) {
        for (int i = 0; i <= nx; ++i) {
            const double u = double(i) / nx, v = double(j) / ny;
            const double x = R.left() + u * R.width(), y = R.top() + v * R.height();
            mesh.positions.push_back(float(x - origin.x));
            mesh.positions.push_back(float(y - origin.y));
            mesh.positions.push_back(float(0.0 - origin.z));
            mesh.uvs.push_back(float(u));
            mesh.uvs.push_back(float(v));
        }
    }
    for (int j = 0; j < ny; ++j) {
        for (int i = 0; i < nx; ++i) {
            const uint32_t a = uint32_t(j * (nx + 1) + i), b = a + 1, c = a + uint32_t(nx + 1) + 1, d = a + uint32_t(nx + 1);
            mesh.indices.insert(mesh.indices.end(), {a, b, c, a, c, d});
        }
    }
    mesh.computeBounds();
    out.meshes.push_back(std::move(mesh));
}

} // namespace

void paintTopView(const Layout &L, const QRectF &R, QImage &img)
{
    paintGround(L, R, img, Detail::Root);

    // The roofs as the meshes build them (with overhangs), painted by the atlas painters in
    // each roof plane's own (s, t) metres, mapped affinely onto the map plane.
    Builder b{L, Detail::Mid, {}};
    for (const Block &blk : L.blocks) {
        if (!R.intersects(blk.outer.adjusted(-2, -2, 2, 2)))
            continue;
        Rng rng(uint64_t(blk.cy * 1000 + blk.cx) * 2654435761ull + L.r.seed);
        for (const Wing &w : blk.wings)
            b.addHipRoof(w, rng);
    }
    if (!L.tower.footprint.isEmpty() && R.intersects(L.tower.footprint))
        b.addTower(L.tower);
    std::vector<const Patch *> roofs;
    for (const Patch &pa : b.patches)
        if ((pa.kind == MatKind::Roof || pa.kind == MatKind::FlatRoof) && pa.pts.size() >= 3)
            roofs.push_back(&pa);
    auto topZ = [](const Patch *pa) {
        double z = -1e30;
        for (const Vec3d &q : pa->pts)
            z = std::max(z, q.z);
        return z;
    };
    std::stable_sort(roofs.begin(), roofs.end(), [&](const Patch *a, const Patch *c) { return topZ(a) < topZ(c); });

    const double sx = img.width() / R.width(), sy = img.height() / R.height();
    const QTransform world(sx, 0, 0, -sy, -R.left() * sx, R.bottom() * sy);
    QPainter p(&img);
    for (const Patch *pa : roofs) {
        QPolygonF poly;
        for (const Vec3d &q : pa->pts)
            poly << QPointF(q.x, q.y);
        // affine map (s, t) -> (x, y) from the first three corners
        const QPointF s0 = pa->st[0], s1 = pa->st[1], s2 = pa->st[2];
        const QPointF p0 = poly[0], p1 = poly[1], p2 = poly[2];
        const double a = s1.x() - s0.x(), c = s2.x() - s0.x(), bb = s1.y() - s0.y(), d = s2.y() - s0.y();
        const double det = a * d - c * bb;
        if (std::fabs(det) < 1e-9)
            continue;
        // [x y]^T = X * S^-1 * ([s t]^T - s0) + p0, with S = [[a c][bb d]], X likewise for x/y
        const double ia = d / det, ic = -c / det, ib = -bb / det, id = a / det;
        const double xa = p1.x() - p0.x(), xc = p2.x() - p0.x(), ya = p1.y() - p0.y(), yc = p2.y() - p0.y();
        const double m11 = xa * ia + xc * ib, m21 = xa * ic + xc * id; // x = m11 s + m21 t + dx
        const double m12 = ya * ia + yc * ib, m22 = ya * ic + yc * id; // y = m12 s + m22 t + dy
        const double dx = p0.x() - m11 * s0.x() - m21 * s0.y(), dy = p0.y() - m12 * s0.x() - m22 * s0.y();
        const QTransform toMap(m11, m12, m21, m22, dx, dy);
        p.save();
        p.setTransform(world);
        QPainterPath clip;
        clip.addPolygon(poly);
        clip.closeSubpath();
        p.setClipPath(clip);
        p.setTransform(toMap * world);
        const double dens = std::min(sx, sy);
        if (pa->kind == MatKind::Roof)
            paintRoof(p, L, *pa, dens);
        else
            paintFlatRoof(p, L, *pa, dens);
        p.restore();
        p.save();
        p.setTransform(world);
        p.setRenderHint(QPainter::Antialiasing, true);
        p.setPen(QPen(QColor(30, 20, 15, 90), 0.25));
        p.setBrush(Qt::NoBrush);
        p.drawPolygon(poly);
        p.restore();
    }
}

RegionContent buildRegion(const Layout &L, const QRectF &R, Detail detail, const Vec3d &origin)
{
    const Recipe &r = L.r;
    RegionContent rc;
    rc.content.origin = origin; // layout (SRS-local) coordinates
    Builder b{L, detail, {}};
    auto anchored = [&](double x, double y) { return x >= R.left() && x < R.right() && y >= R.top() && y < R.bottom(); };

    for (const Block &blk : L.blocks) {
        const QPointF c = L.cellRect(blk.cx, blk.cy).center();
        if (!anchored(c.x(), c.y()))
            continue;
        for (const Wall &w : blk.walls)
            b.addWall(w);
        Rng rng(uint64_t(blk.cy * 1000 + blk.cx) * 2654435761ull + r.seed);
        for (const Wing &w : blk.wings)
            b.addHipRoof(w, rng);
    }
    if (!L.tower.footprint.isEmpty() && anchored(L.tower.footprint.center().x(), L.tower.footprint.center().y()))
        b.addTower(L.tower);
    if (detail != Detail::Root) {
        for (const Tree &t : L.trees)
            if (anchored(t.x, t.y))
                b.addTree(t);
        if (!L.plaza.isEmpty() && anchored(L.fountain.x(), L.fountain.y()))
            b.addFountain(L.fountain, r.fountainRadius);
    }

    int groundPx = r.fineGroundPx, atlasPx = r.fineAtlasPx;
    double maxDensity = r.fineMaxDensity, grid = r.fineGridM;
    if (detail == Detail::Mid) {
        groundPx = r.midGroundPx;
        atlasPx = r.midAtlasPx;
        maxDensity = r.midMaxDensity;
        grid = r.midGridM;
    } else if (detail == Detail::Root) {
        groundPx = r.rootGroundPx;
        atlasPx = r.rootAtlasPx;
        maxDensity = r.rootMaxDensity;
        grid = R.width() / 4;
    }
    addGround(L, R, detail, groundPx, grid, origin, rc.content);
    buildAtlas(L, b.patches, atlasPx, maxDensity, origin, rc.content);

    for (int k = 0; k < 3; ++k) {
        rc.boundsMin[k] = 1e30;
        rc.boundsMax[k] = -1e30;
    }
    const double o[3] = {origin.x, origin.y, origin.z};
    for (const MeshData &m : rc.content.meshes) {
        for (int k = 0; k < 3; ++k) {
            rc.boundsMin[k] = std::min(rc.boundsMin[k], double(m.boundsMin[k]) + o[k]);
            rc.boundsMax[k] = std::max(rc.boundsMax[k], double(m.boundsMax[k]) + o[k]);
        }
    }
    return rc;
}

} // namespace liyuan::demo
