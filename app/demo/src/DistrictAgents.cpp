#include "DistrictAgents.h"

#include <algorithm>
#include <cmath>

namespace liyuan::demo {
namespace {
constexpr double kPi = 3.14159265358979323846;
const uint32_t kShirts[] = {0xffc0392bu, 0xff2e86c1u, 0xfff1c40fu, 0xffecf0f1u, 0xff27ae60u, 0xff8e44adu,
                            0xffe67e22u, 0xff34495eu, 0xffd35400u, 0xff16a085u, 0xfffadbd8u, 0xff1b2631u};
const uint32_t kTrousers[] = {0xff1c2833u, 0xff2c3e50u, 0xff5d4037u, 0xff212121u, 0xff3e4a61u, 0xff7b7d7du};
const uint32_t kCars[] = {0xffeeeeeeu, 0xffc8ccd0u, 0xff1e1e1eu, 0xffa93226u, 0xff1f4e79u, 0xff7f8c8du,
                          0xfff4f6f7u, 0xff2b2b2bu, 0xff3d6e3au, 0xffd4ac0du};
} // namespace

DistrictAgents::DistrictAgents(const Layout &L)
{
    const Recipe &r = L.r;
    Rng rng(r.seed * 9176 + 11);
    const double W = r.tilesX * r.tileSize, H = r.tilesY * r.tileSize;
    const QRectF plaza = L.plaza;
    auto addPath = [&](Path p) {
        p.length = p.circle ? 2 * kPi * p.bx : std::hypot(p.bx - p.ax, p.by - p.ay);
        if (p.length < 1.0)
            return -1;
        m_paths.push_back(p);
        return int(m_paths.size()) - 1;
    };
    auto addMovers = [&](int path, int n, Agent::Kind kind, double vMin, double vMax) {
        if (path < 0)
            return;
        for (int k = 0; k < n; ++k) {
            Mover m;
            m.path = path;
            m.offset = rng.uniform(0, m_paths[size_t(path)].length);
            m.speed = rng.uniform(vMin, vMax);
            m.kind = kind;
            if (kind == Agent::Person) {
                m.color = kShirts[rng.range(0, int(std::size(kShirts)) - 1)];
                m.color2 = kTrousers[rng.range(0, int(std::size(kTrousers)) - 1)];
            } else if (kind == Agent::Bus) {
                m.color = rng.chance(0.5) ? 0xff2e86c1u : 0xff1e8449u;
                m.color2 = 0xff2c3e50u;
            } else {
                m.color = kCars[rng.range(0, int(std::size(kCars)) - 1)];
                m.color2 = 0xff22303au;
            }
            m_movers.push_back(m);
        }
    };
    // a lane from a to b, cut where it would cross the plaza
    auto lane = [&](double ax, double ay, double bx, double by, int n, Agent::Kind kind, double vMin, double vMax) {
        const bool vertical = std::abs(ax - bx) < 1e-9;
        const double c = vertical ? ax : ay;
        const bool crosses = vertical ? (c > plaza.left() && c < plaza.right()) : (c > plaza.top() && c < plaza.bottom());
        if (!crosses) {
            addMovers(addPath(Path{ax, ay, bx, by}), n, kind, vMin, vMax);
            return;
        }
        const double lo = vertical ? plaza.top() : plaza.left(), hi = vertical ? plaza.bottom() : plaza.right();
        const double s0 = vertical ? ay : ax, s1 = vertical ? by : bx;
        const double sign = s1 > s0 ? 1 : -1;
        // two pieces: before and after the plaza (in the direction of travel)
        const double p0a = s0, p0b = sign > 0 ? lo - 1 : hi + 1, p1a = sign > 0 ? hi + 1 : lo - 1, p1b = s1;
        for (const auto &[a, b] : {std::pair<double, double>(p0a, p0b), std::pair<double, double>(p1a, p1b)}) {
            Path p = vertical ? Path{c, a, c, b} : Path{a, c, b, c};
            addMovers(addPath(p), std::max(1, n / 2), kind, vMin, vMax);
        }
    };
    const int nx = r.cellsX(), ny = r.cellsY();
    for (int i = 1; i < nx; ++i) {
        const double X = i * r.cellSize, hc = L.halfCarriageX(i), sw = L.sidewalkX(i);
        const bool main = i % r.mainEvery == 0;
        lane(X + hc / 2, 0, X + hc / 2, H, main ? 4 : 2, Agent::Car, 6, 11);
        lane(X - hc / 2, H, X - hc / 2, 0, main ? 4 : 2, Agent::Car, 6, 11);
        if (main && i % 4 == 0)
            lane(X + hc / 2, 0, X + hc / 2, H, 1, Agent::Bus, 5, 7);
        for (double side : {-1.0, 1.0}) {
            const double x = X + side * (hc + sw * 0.72); // outside the street trees (hc + 1.4)
            addMovers(addPath(Path{x, 0, x, H}), 7, Agent::Person, 1.0, 1.6);
            addMovers(addPath(Path{x, H, x, 0}), 7, Agent::Person, 1.0, 1.6);
        }
    }
    for (int j = 1; j < ny; ++j) {
        const double Y = j * r.cellSize, hc = L.halfCarriageY(j), sw = L.sidewalkY(j);
        const bool main = j % r.mainEvery == 0;
        lane(W, Y + hc / 2, 0, Y + hc / 2, main ? 4 : 2, Agent::Car, 6, 11);
        lane(0, Y - hc / 2, W, Y - hc / 2, main ? 4 : 2, Agent::Car, 6, 11);
        if (main && j % 4 == 2)
            lane(0, Y - hc / 2, W, Y - hc / 2, 1, Agent::Bus, 5, 7);
        for (double side : {-1.0, 1.0}) {
            const double y = Y + side * (hc + sw * 0.72);
            addMovers(addPath(Path{0, y, W, y}), 7, Agent::Person, 1.0, 1.6);
            addMovers(addPath(Path{W, y, 0, y}), 7, Agent::Person, 1.0, 1.6);
        }
    }
    // the plaza: strolling round the fountain and walking across
    if (!plaza.isEmpty()) {
        const QPointF c = L.fountain;
        for (double radius : {r.fountainRadius + 3.0, r.fountainRadius + 9.0, r.fountainRadius + 18.0, r.fountainRadius + 28.0}) {
            Path p{c.x(), c.y(), radius, 0, true};
            const int id = addPath(p);
            addMovers(id, 5, Agent::Person, 0.8, 1.4);
            addMovers(id, 4, Agent::Person, -1.4, -0.8);
        }
        for (int k = 0; k < 10; ++k) {
            const double a = rng.uniform(0, 2 * kPi);
            const double rad = std::min(plaza.width(), plaza.height()) * 0.45;
            // a chord avoiding the fountain: offset from the centre
            const double off = (r.fountainRadius + 4 + rng.uniform(0, 12)) * (rng.chance(0.5) ? 1 : -1);
            const double ux = std::cos(a), uy = std::sin(a), vx = -uy, vy = ux;
            Path p{c.x() + vx * off - ux * rad, c.y() + vy * off - uy * rad, c.x() + vx * off + ux * rad,
                   c.y() + vy * off + uy * rad};
            p.pingPong = true;
            addMovers(addPath(p), 3, Agent::Person, 0.9, 1.5);
        }
    }
}

void DistrictAgents::at(double t, std::vector<Agent> &out) const
{
    out.clear();
    out.reserve(m_movers.size());
    for (const Mover &m : m_movers) {
        const Path &p = m_paths[size_t(m.path)];
        Agent a;
        a.kind = m.kind;
        a.color = m.color;
        a.color2 = m.color2;
        double s = std::fmod(m.offset + m.speed * t, p.circle ? p.length : (p.pingPong ? 2 * p.length : p.length));
        if (s < 0)
            s += p.circle ? p.length : (p.pingPong ? 2 * p.length : p.length);
        if (p.circle) {
            const double ang = s / p.bx;
            a.x = p.ax + p.bx * std::cos(ang);
            a.y = p.ay + p.bx * std::sin(ang);
            const double dir = m.speed >= 0 ? 1 : -1;
            a.dx = -std::sin(ang) * dir;
            a.dy = std::cos(ang) * dir;
        } else {
            double ux = (p.bx - p.ax) / p.length, uy = (p.by - p.ay) / p.length;
            if (p.pingPong && s > p.length) {
                s = 2 * p.length - s;
                a.x = p.ax + ux * s;
                a.y = p.ay + uy * s;
                ux = -ux;
                uy = -uy;
            } else {
                a.x = p.ax + ux * s;
                a.y = p.ay + uy * s;
            }
            a.dx = ux;
            a.dy = uy;
        }
        a.phase = (std::abs(m.speed) * t) / 0.7 * kPi + m.offset;
        out.push_back(a);
    }
}

} // namespace liyuan::demo
