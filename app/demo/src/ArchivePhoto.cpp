#include "ArchivePhoto.h"

#include "DistrictModel.h" // Rng, hash01

#include <QPainter>
#include <QPainterPath>
#include <QPolygonF>

#include <algorithm>
#include <cmath>

namespace liyuan::demo {
namespace {

constexpr double kPi = 3.14159265358979323846;

const char *const kKinds[] = {"liyuan", "shop", "villa", "school", "church", "tower",
                              "pavilion", "lighthouse", "pier", "temple", "park", "plaza"};

QColor grey(int v, int a = 255)
{
    v = std::clamp(v, 0, 255);
    return QColor(v, v, v, a);
}

/** Drawing helpers in image pixels (y down). */
class Scene
{
public:
    Scene(QImage &img, uint64_t seed) : p(&img), W(img.width()), H(img.height()), rng(seed)
    {
        p.setRenderHint(QPainter::Antialiasing, true);
        p.setPen(Qt::NoPen);
    }

    QPainter p;
    const double W, H;
    Rng rng;

    void sky(double horizon)
    {
        QLinearGradient g(0, 0, 0, horizon);
        g.setColorAt(0, grey(196));
        g.setColorAt(1, grey(232));
        p.fillRect(QRectF(0, 0, W, horizon + 1), g);
        for (int i = 0; i < 7; ++i) { // soft clouds
            const double x = rng.uniform(0, W), y = rng.uniform(0, horizon * 0.7), r = rng.uniform(30, 90);
            p.setBrush(grey(240, 70));
            p.drawEllipse(QPointF(x, y), r * 1.8, r * 0.5);
        }
    }

    void street(double horizon, int tone = 150)
    {
        QLinearGradient g(0, horizon, 0, H);
        g.setColorAt(0, grey(tone + 20));
        g.setColorAt(1, grey(tone - 45));
        p.fillRect(QRectF(0, horizon, W, H - horizon), g);
        // cobbles: rows getting wider towards the viewer, joints converging to the centre
        QPen pen(grey(tone - 60, 90), 1.0);
        p.setPen(pen);
        double y = horizon + 3, step = 2.5;
        while (y < H) {
            p.drawLine(QPointF(0, y), QPointF(W, y));
            y += step;
            step *= 1.22;
        }
        for (int k = -14; k <= 14; ++k)
            p.drawLine(QPointF(W / 2 + k * 6, horizon), QPointF(W / 2 + k * 70, H));
        p.setPen(Qt::NoPen);
    }

    void sea(double horizon, int tone = 120)
    {
        QLinearGradient g(0, horizon, 0, H);
        g.setColorAt(0, grey(tone + 40));
        g.setColorAt(1, grey(tone - 20));
        p.fillRect(QRectF(0, horizon, W, H - horizon), g);
        p.setPen(QPen(grey(tone + 70, 110), 1.2));
        for (int i = 0; i < 90; ++i) {
            const double y = horizon + std::pow(rng.uniform(0, 1), 1.6) * (H - horizon);
            const double len = 4 + (y - horizon) * 0.25 * rng.uniform(0.5, 1.5);
            const double x = rng.uniform(0, W);
            p.drawLine(QPointF(x, y), QPointF(x + len, y));
        }
        p.setPen(Qt::NoPen);
    }

    void person(double x, double baseY, double h)
    {
        const int tone = rng.range(25, 70);
        p.setBrush(grey(tone));
        const bool robe = rng.chance(0.5); // a long gown, or jacket and trousers
        const double sh = h * 0.24, hip = baseY - h * (robe ? 0.05 : 0.47);
        QPolygonF body;
        body << QPointF(x - sh / 2, baseY - h * 0.8) << QPointF(x + sh / 2, baseY - h * 0.8)
             << QPointF(x + sh * (robe ? 0.65 : 0.4), hip) << QPointF(x - sh * (robe ? 0.65 : 0.4), hip);
        p.drawPolygon(body);
        if (!robe) {
            p.drawRect(QRectF(x - sh * 0.38, hip - 1, sh * 0.3, baseY - hip + 1));
            p.drawRect(QRectF(x + sh * 0.08, hip - 1, sh * 0.3, baseY - hip + 1));
        }
        p.drawRect(QRectF(x - sh * 0.12, baseY - h * 0.86, sh * 0.24, h * 0.07)); // neck
        p.drawEllipse(QPointF(x, baseY - h * 0.91), h * 0.065, h * 0.075);
        if (rng.chance(0.45)) // a hat
            p.drawRect(QRectF(x - h * 0.11, baseY - h * 0.985, h * 0.22, h * 0.025));
    }

    void people(double baseY, double h, int n)
    {
        for (int i = 0; i < n; ++i) {
            const double depth = rng.uniform(0, 1);
            person(rng.uniform(0.05 * W, 0.95 * W), baseY + depth * (H - baseY) * 0.5, h * (0.8 + depth * 0.7));
        }
    }

    void tree(double x, double baseY, double h)
    {
        p.setBrush(grey(60));
        p.drawRect(QRectF(x - h * 0.03, baseY - h * 0.45, h * 0.06, h * 0.45));
        for (int i = 0; i < 14; ++i) {
            const double a = rng.uniform(0, 2 * kPi), d = rng.uniform(0, h * 0.28);
            p.setBrush(grey(rng.range(55, 100), 220));
            p.drawEllipse(QPointF(x + std::cos(a) * d, baseY - h * 0.68 + std::sin(a) * d * 0.8), h * rng.uniform(0.12, 0.2),
                          h * rng.uniform(0.1, 0.17));
        }
    }

    void texturedWall(const QRectF &r, int tone)
    {
        p.fillRect(r, grey(tone));
        for (int i = 0; i < int(r.width() * r.height() / 300); ++i) {
            const double x = rng.uniform(r.left(), r.right()), y = rng.uniform(r.top(), r.bottom());
            p.setBrush(grey(tone + rng.range(-22, 12), 60));
            p.drawEllipse(QPointF(x, y), rng.uniform(2, 9), rng.uniform(1, 5));
        }
    }

    void window(const QRectF &r, bool arched = false)
    {
        p.setBrush(grey(222));
        p.drawRect(r.adjusted(-2, -2, 2, 3));
        p.setBrush(grey(rng.range(38, 62)));
        if (arched) {
            QPainterPath path;
            path.moveTo(r.bottomLeft());
            path.lineTo(r.left(), r.top() + r.width() / 2);
            path.arcTo(QRectF(r.left(), r.top(), r.width(), r.width()), 180, -180);
            path.lineTo(r.bottomRight());
            path.closeSubpath();
            p.drawPath(path);
        } else {
            p.drawRect(r);
        }
        p.setPen(QPen(grey(200), std::max(1.0, r.width() * 0.06)));
        p.drawLine(QPointF(r.center().x(), r.top() + 1), QPointF(r.center().x(), r.bottom()));
        p.drawLine(QPointF(r.left(), r.top() + r.height() * 0.35), QPointF(r.right(), r.top() + r.height() * 0.35));
        p.setPen(Qt::NoPen);
    }

    /** A hip roof seen from the front above a wall running x0..x1 at y = top. */
    void hipRoof(double x0, double x1, double top, double h, int tone, int chimneys)
    {
        const double o = h * 0.12;
        QPolygonF roof;
        roof << QPointF(x0 - o, top) << QPointF(x1 + o, top) << QPointF(x1 - h * 1.2, top - h)
             << QPointF(x0 + h * 1.2, top - h);
        p.setBrush(grey(tone));
        p.drawPolygon(roof);
        p.setPen(QPen(grey(tone - 25, 150), 1.0));
        for (double y = top - 4; y > top - h; y -= 5) {
            const double f = (top - y) / h;
            p.drawLine(QPointF(x0 - o + f * (h * 1.2 + o), y), QPointF(x1 + o - f * (h * 1.2 + o), y));
        }
        p.setPen(Qt::NoPen);
        p.fillRect(QRectF(x0 - o, top - 2, x1 - x0 + 2 * o, 4), grey(tone - 30));
        for (int i = 0; i < chimneys; ++i) {
            const double x = rng.uniform(x0 + h * 1.5, x1 - h * 1.5);
            p.fillRect(QRectF(x, top - h - h * 0.35, h * 0.22, h * 0.55), grey(tone + 25));
            p.fillRect(QRectF(x - 2, top - h - h * 0.38, h * 0.22 + 4, 4), grey(tone - 10));
        }
    }

    /** A liyuan / shop facade: floors of windows, shop openings, an optional gate arch. */
    void facade(double x0, double x1, double base, int floors, double fh, bool gate, bool shops, int tone)
    {
        const double top = base - floors * fh;
        texturedWall(QRectF(x0, top, x1 - x0, floors * fh), tone);
        const int bays = std::max(3, int((x1 - x0) / (fh * 0.85)));
        const double bw = (x1 - x0) / bays;
        const int gateBay = gate ? bays / 2 : -1;
        for (int f = 0; f < floors; ++f) {
            const double fy = base - (f + 1) * fh;
            p.fillRect(QRectF(x0, fy + fh - 3, x1 - x0, 3), grey(tone - 28)); // string course
            for (int b = 0; b < bays; ++b) {
                const double cx = x0 + (b + 0.5) * bw;
                if (f == 0 && b == gateBay) {
                    QPainterPath arch;
                    const double w = bw * 0.7, h = fh * 0.92;
                    arch.moveTo(cx - w / 2, base);
                    arch.lineTo(cx - w / 2, base - h + w / 2);
                    arch.arcTo(QRectF(cx - w / 2, base - h, w, w), 180, -180);
                    arch.lineTo(cx + w / 2, base);
                    arch.closeSubpath();
                    p.setBrush(grey(225));
                    p.drawRect(QRectF(cx - w / 2 - 5, base - h - 5, w + 10, h + 5));
                    p.setBrush(grey(28));
                    p.drawPath(arch);
                    continue;
                }
                if (f == 0 && shops) {
                    p.setBrush(grey(rng.range(30, 55)));
                    p.drawRect(QRectF(cx - bw * 0.4, base - fh * 0.8, bw * 0.8, fh * 0.8));
                    p.setBrush(grey(200));
                    for (int k = 1; k < 4; ++k)
                        p.drawRect(QRectF(cx - bw * 0.4 + k * bw * 0.2 - 1, base - fh * 0.8, 2, fh * 0.8));
                    continue;
                }
                window(QRectF(cx - bw * 0.2, fy + fh * 0.22, bw * 0.4, fh * 0.55), f == floors - 1 && floors > 2);
            }
            if (f == 1 && shops) { // balcony railing
                p.setPen(QPen(grey(45), 1.4));
                p.drawLine(QPointF(x0, fy + fh * 0.8), QPointF(x1, fy + fh * 0.8));
                for (double x = x0; x < x1; x += 7)
                    p.drawLine(QPointF(x, fy + fh * 0.8), QPointF(x, fy + fh));
                p.setPen(Qt::NoPen);
            }
        }
        p.fillRect(QRectF(x0 - 4, top - 4, x1 - x0 + 8, 6), grey(tone + 30)); // cornice
    }

    void gableHouse(double x0, double x1, double base, int floors, double fh, int tone, double pitch)
    {
        texturedWall(QRectF(x0, base - floors * fh, x1 - x0, floors * fh), tone);
        const double top = base - floors * fh, w = x1 - x0;
        for (int f = 0; f < floors; ++f)
            for (int b = 0; b < 3; ++b)
                window(QRectF(x0 + w * (0.16 + b * 0.29), base - (f + 1) * fh + fh * 0.25, w * 0.12, fh * 0.5), f == 0);
        QPolygonF gable;
        gable << QPointF(x0 - 8, top) << QPointF(x1 + 8, top) << QPointF((x0 + x1) / 2, top - w * pitch);
        p.setBrush(grey(85));
        p.drawPolygon(gable);
        p.setBrush(grey(tone + 10));
        QPolygonF inner;
        inner << QPointF(x0 + 10, top) << QPointF(x1 - 10, top) << QPointF((x0 + x1) / 2, top - w * pitch + 14);
        p.drawPolygon(inner);
        window(QRectF((x0 + x1) / 2 - w * 0.05, top - w * pitch * 0.5, w * 0.1, w * pitch * 0.3), true);
    }

    void paint(const QString &kind)
    {
        const double horizon = H * (0.6 + rng.uniform(-0.04, 0.04));
        if (kind == QLatin1String("liyuan") || kind == QLatin1String("shop")) {
            sky(horizon);
            street(horizon + H * 0.12);
            const int floors = kind == QLatin1String("shop") ? 3 : rng.range(2, 3);
            const double fh = H * 0.16 * (floors == 3 ? 0.9 : 1.0);
            const double base = horizon + H * 0.12;
            const bool shop = kind == QLatin1String("shop");
            const double x0 = shop ? W * 0.14 : -W * 0.05, x1 = shop ? W * 0.86 : W * 1.05;
            if (shop) { // neighbours at the sides
                facade(-W * 0.2, W * 0.13, base, 2, fh, false, true, 150);
                hipRoof(-W * 0.2, W * 0.13, base - 2 * fh, fh * 0.55, 80, 1);
                facade(W * 0.87, W * 1.2, base, 2, fh, false, true, 160);
                hipRoof(W * 0.87, W * 1.2, base - 2 * fh, fh * 0.55, 80, 1);
            }
            facade(x0, x1, base, floors, fh, !shop, true, rng.range(165, 190));
            hipRoof(x0, x1, base - floors * fh, fh * 0.7, rng.range(70, 95), shop ? 2 : 3);
            if (shop) { // awnings and a blank signboard
                p.setBrush(grey(70, 220));
                for (double x = x0 + 10; x < x1 - 40; x += (x1 - x0) / 4) {
                    QPolygonF aw;
                    aw << QPointF(x, base - fh * 0.82) << QPointF(x + (x1 - x0) / 4 - 16, base - fh * 0.82)
                       << QPointF(x + (x1 - x0) / 4 - 8, base - fh * 0.62) << QPointF(x - 8, base - fh * 0.62);
                    p.drawPolygon(aw);
                }
                p.setBrush(grey(60));
                p.drawRect(QRectF(W * 0.3, base - fh * 1.08, W * 0.4, fh * 0.18));
                p.setBrush(grey(200));
                p.drawRect(QRectF(W * 0.31, base - fh * 1.06, W * 0.38, fh * 0.14));
            }
            people(base, fh * 0.55, rng.range(4, 9));
        } else if (kind == QLatin1String("villa")) {
            sky(horizon * 0.85);
            QPolygonF hill; // slope
            hill << QPointF(0, horizon * 0.95) << QPointF(W, horizon * 0.75) << QPointF(W, H) << QPointF(0, H);
            p.setBrush(grey(120));
            p.drawPolygon(hill);
            for (int i = 0; i < 6; ++i)
                tree(rng.uniform(0, W), horizon * 0.9 + rng.uniform(0, H * 0.08), H * rng.uniform(0.22, 0.35));
            gableHouse(W * 0.3, W * 0.7, horizon * 1.12, 2, H * 0.14, rng.range(175, 200), 0.38);
            p.fillRect(QRectF(W * 0.55, horizon * 1.12 - H * 0.28 - W * 0.1, W * 0.04, W * 0.12), grey(110)); // chimney
            for (double x = 0; x < W; x += 14) // fence
                p.fillRect(QRectF(x, horizon * 1.2, 4, H * 0.06), grey(70));
            p.fillRect(QRectF(0, horizon * 1.2 + H * 0.015, W, 3), grey(70));
            for (int i = 0; i < 3; ++i)
                tree(rng.uniform(0, W * 0.25) + (i == 2 ? W * 0.75 : 0), horizon * 1.3, H * rng.uniform(0.35, 0.5));
        } else if (kind == QLatin1String("school") || kind == QLatin1String("temple")) {
            sky(horizon);
            street(horizon + H * 0.1, 160);
            const double base = horizon + H * 0.1;
            if (kind == QLatin1String("school")) {
                const double fh = H * 0.13;
                facade(W * 0.04, W * 0.96, base, 3, fh, false, false, rng.range(170, 195));
                hipRoof(W * 0.04, W * 0.96, base - 3 * fh, fh * 0.6, 85, 2);
                // central risalit with pediment and a clock
                texturedWall(QRectF(W * 0.4, base - 3.4 * fh, W * 0.2, 3.4 * fh), 205);
                QPolygonF ped;
                ped << QPointF(W * 0.38, base - 3.4 * fh) << QPointF(W * 0.62, base - 3.4 * fh)
                    << QPointF(W * 0.5, base - 4.1 * fh);
                p.setBrush(grey(95));
                p.drawPolygon(ped);
                p.setBrush(grey(235));
                p.drawEllipse(QPointF(W * 0.5, base - 3.6 * fh), fh * 0.18, fh * 0.18);
                p.setBrush(grey(30));
                p.drawRect(QRectF(W * 0.46, base - fh * 0.9, W * 0.08, fh * 0.9));
                for (int s = 0; s < 4; ++s) // steps
                    p.fillRect(QRectF(W * 0.42 - s * 6, base + s * 4, W * 0.16 + s * 12, 4), grey(215 - s * 12));
                people(base + 10, fh * 0.5, rng.range(2, 6));
            } else {
                const double fh = H * 0.2;
                texturedWall(QRectF(-10, base - fh, W + 20, fh), 165); // enclosure wall
                p.fillRect(QRectF(-10, base - fh - 8, W + 20, 10), grey(80));
                // gate hall with a curved roof
                texturedWall(QRectF(W * 0.34, base - fh * 1.5, W * 0.32, fh * 1.5), 185);
                QPainterPath roof;
                roof.moveTo(W * 0.24, base - fh * 1.45);
                roof.quadTo(W * 0.34, base - fh * 1.55, W * 0.4, base - fh * 2.1);
                roof.lineTo(W * 0.6, base - fh * 2.1);
                roof.quadTo(W * 0.66, base - fh * 1.55, W * 0.76, base - fh * 1.45);
                roof.closeSubpath();
                p.setBrush(grey(70));
                p.drawPath(roof);
                p.setBrush(grey(30));
                p.drawRect(QRectF(W * 0.45, base - fh * 0.95, W * 0.1, fh * 0.95));
                tree(W * 0.15, base - fh * 0.3, H * 0.55);
                tree(W * 0.87, base - fh * 0.2, H * 0.5);
                people(base + 8, fh * 0.4, rng.range(1, 4));
            }
        } else if (kind == QLatin1String("church")) {
            sky(horizon);
            street(horizon + H * 0.1, 165);
            const double base = horizon + H * 0.1;
            gableHouse(W * 0.3, W * 0.62, base, 2, H * 0.16, 190, 0.55);
            p.setBrush(grey(40));
            p.drawEllipse(QPointF(W * 0.46, base - H * 0.42), W * 0.04, W * 0.04);
            texturedWall(QRectF(W * 0.62, base - H * 0.55, W * 0.12, H * 0.55), 200); // bell tower
            QPolygonF spire;
            spire << QPointF(W * 0.61, base - H * 0.55) << QPointF(W * 0.75, base - H * 0.55)
                  << QPointF(W * 0.68, base - H * 0.85);
            p.setBrush(grey(75));
            p.drawPolygon(spire);
            p.fillRect(QRectF(W * 0.678, base - H * 0.93, 3, H * 0.09), grey(50));
            p.fillRect(QRectF(W * 0.668, base - H * 0.9, 16, 3), grey(50));
            window(QRectF(W * 0.66, base - H * 0.47, W * 0.04, H * 0.1), true);
            tree(W * 0.12, base, H * 0.5);
            tree(W * 0.9, base, H * 0.45);
            people(base + 6, H * 0.08, rng.range(2, 5));
        } else if (kind == QLatin1String("tower")) {
            sky(H);
            const double base = H * 0.9;
            QPolygonF t; // seen from below: converging upwards
            t << QPointF(W * 0.22, base) << QPointF(W * 0.78, base) << QPointF(W * 0.64, H * 0.04) << QPointF(W * 0.36, H * 0.04);
            p.setBrush(grey(150));
            p.drawPolygon(t);
            for (int f = 0; f < 24; ++f) {
                const double y0 = base - (base - H * 0.04) * (1 - std::pow(1 - f / 24.0, 1.35));
                const double y1 = base - (base - H * 0.04) * (1 - std::pow(1 - (f + 1) / 24.0, 1.35));
                const double k0 = (base - y0) / (base - H * 0.04), k1 = (base - y1) / (base - H * 0.04);
                const double xl0 = W * (0.22 + 0.14 * k0), xr0 = W * (0.78 - 0.14 * k0);
                const double xl1 = W * (0.22 + 0.14 * k1), xr1 = W * (0.78 - 0.14 * k1);
                QPolygonF band;
                band << QPointF(xl0, y0 - (y0 - y1) * 0.3) << QPointF(xr0, y0 - (y0 - y1) * 0.3) << QPointF(xr1, y1 + 1)
                     << QPointF(xl1, y1 + 1);
                p.setBrush(grey(70 + (f % 3) * 8));
                p.drawPolygon(band);
            }
            p.setPen(QPen(grey(200, 160), 1.2));
            for (int k = 1; k < 12; ++k) {
                const double f = k / 12.0;
                p.drawLine(QPointF(W * (0.22 + 0.56 * f), base), QPointF(W * (0.36 + 0.28 * f), H * 0.04));
            }
            p.setPen(Qt::NoPen);
            street(base, 150);
            facade(-W * 0.1, W * 0.2, base, 2, H * 0.1, false, true, 170);
            facade(W * 0.8, W * 1.1, base, 2, H * 0.1, false, true, 160);
            people(base, H * 0.07, rng.range(5, 10));
        } else if (kind == QLatin1String("pavilion")) {
            sky(horizon);
            sea(horizon, 130);
            QPolygonF hill;
            hill << QPointF(0, H * 0.72) << QPointF(W * 0.35, H * 0.64) << QPointF(W * 0.7, H * 0.66) << QPointF(W, H * 0.78)
                 << QPointF(W, H) << QPointF(0, H);
            p.setBrush(grey(95));
            p.drawPolygon(hill);
            const double base = H * 0.66, cx = W * 0.5, w = W * 0.32;
            p.fillRect(QRectF(cx - w * 0.6, base - 6, w * 1.2, 10), grey(190));
            for (int k = 0; k < 4; ++k)
                p.fillRect(QRectF(cx - w / 2 + k * w / 3 - 4, base - H * 0.22, 8, H * 0.22), grey(60));
            for (int tier = 0; tier < 2; ++tier) {
                const double ty = base - H * 0.22 - tier * H * 0.1, tw = w * (0.75 - tier * 0.25);
                QPainterPath roof;
                roof.moveTo(cx - tw, ty - 6);
                roof.quadTo(cx - tw * 0.6, ty, cx - tw * 0.35, ty - H * 0.09);
                roof.lineTo(cx + tw * 0.35, ty - H * 0.09);
                roof.quadTo(cx + tw * 0.6, ty, cx + tw, ty - 6);
                roof.lineTo(cx + tw * 0.8, ty + 4);
                roof.lineTo(cx - tw * 0.8, ty + 4);
                roof.closeSubpath();
                p.setBrush(grey(55));
                p.drawPath(roof);
            }
            p.fillRect(QRectF(cx - 2, base - H * 0.45, 4, H * 0.05), grey(50));
            for (int i = 0; i < 4; ++i)
                tree(rng.chance(0.5) ? rng.uniform(0, W * 0.2) : rng.uniform(W * 0.8, W), H * 0.8, H * rng.uniform(0.3, 0.45));
        } else if (kind == QLatin1String("lighthouse") || kind == QLatin1String("pier")) {
            sky(horizon);
            sea(horizon, 125);
            if (kind == QLatin1String("lighthouse")) {
                QPolygonF rocks;
                rocks << QPointF(W * 0.2, H) << QPointF(W * 0.3, H * 0.78) << QPointF(W * 0.45, H * 0.74)
                      << QPointF(W * 0.7, H * 0.77) << QPointF(W * 0.85, H);
                p.setBrush(grey(70));
                p.drawPolygon(rocks);
                const double base = H * 0.76, cx = W * 0.52;
                QPolygonF tower;
                tower << QPointF(cx - W * 0.06, base) << QPointF(cx + W * 0.06, base) << QPointF(cx + W * 0.035, H * 0.2)
                      << QPointF(cx - W * 0.035, H * 0.2);
                p.setBrush(grey(225));
                p.drawPolygon(tower);
                p.fillRect(QRectF(cx - W * 0.05, H * 0.45, W * 0.1, H * 0.05), grey(90)); // band
                p.fillRect(QRectF(cx - W * 0.045, H * 0.13, W * 0.09, H * 0.07), grey(60)); // lantern
                p.fillRect(QRectF(cx - W * 0.055, H * 0.2, W * 0.11, 5), grey(40));
                QPolygonF cap;
                cap << QPointF(cx - W * 0.05, H * 0.13) << QPointF(cx + W * 0.05, H * 0.13) << QPointF(cx, H * 0.08);
                p.setBrush(grey(45));
                p.drawPolygon(cap);
                gableHouse(W * 0.64, W * 0.8, base + 4, 1, H * 0.1, 200, 0.4);
            } else {
                QPolygonF pier; // converging into the distance
                pier << QPointF(W * 0.15, H) << QPointF(W * 0.85, H) << QPointF(W * 0.53, horizon + 6) << QPointF(W * 0.47, horizon + 6);
                p.setBrush(grey(175));
                p.drawPolygon(pier);
                p.setPen(QPen(grey(120, 140), 1.0));
                for (double f = 0.05; f < 1; f += 0.06) {
                    const double y = horizon + 6 + (H - horizon - 6) * f * f;
                    const double hw = W * (0.03 + 0.32 * f * f);
                    p.drawLine(QPointF(W / 2 - hw, y), QPointF(W / 2 + hw, y));
                }
                p.setPen(Qt::NoPen);
                for (double f = 0.1; f < 1; f += 0.12) { // lamp posts
                    const double y = horizon + 6 + (H - horizon - 6) * f * f, hw = W * (0.03 + 0.32 * f * f), ph = 8 + 110 * f * f;
                    p.fillRect(QRectF(W / 2 - hw, y - ph, 2 + 3 * f, ph), grey(40));
                    p.fillRect(QRectF(W / 2 + hw - 2, y - ph, 2 + 3 * f, ph), grey(40));
                }
                for (int b = 0; b < 3; ++b) { // boats
                    const double x = rng.chance(0.5) ? rng.uniform(W * 0.02, W * 0.3) : rng.uniform(W * 0.7, W * 0.95);
                    const double y = horizon + rng.uniform(10, 60), s = (y - horizon) / 60 + 0.4;
                    QPolygonF hull;
                    hull << QPointF(x - 30 * s, y) << QPointF(x + 30 * s, y) << QPointF(x + 22 * s, y + 9 * s) << QPointF(x - 22 * s, y + 9 * s);
                    p.setBrush(grey(45));
                    p.drawPolygon(hull);
                    p.fillRect(QRectF(x - 1, y - 50 * s, 2, 50 * s), grey(50));
                    QPolygonF sail;
                    sail << QPointF(x + 2, y - 48 * s) << QPointF(x + 2, y - 6 * s) << QPointF(x + 26 * s, y - 6 * s);
                    p.setBrush(grey(200));
                    p.drawPolygon(sail);
                }
                people(horizon + (H - horizon) * 0.55, H * 0.14, rng.range(2, 4));
            }
        } else { // park, plaza
            sky(horizon);
            const bool park = kind == QLatin1String("park");
            if (park) {
                p.fillRect(QRectF(0, horizon, W, H - horizon), grey(115));
                QPolygonF path;
                path << QPointF(W * 0.3, H) << QPointF(W * 0.7, H) << QPointF(W * 0.52, horizon) << QPointF(W * 0.48, horizon);
                p.setBrush(grey(185));
                p.drawPolygon(path);
                for (int i = 0; i < 12; ++i) {
                    const double f = rng.uniform(0.05, 1.0), side = rng.chance(0.5) ? -1 : 1;
                    const double y = horizon + (H - horizon) * f * 0.6;
                    tree(W / 2 + side * W * (0.06 + 0.45 * f + rng.uniform(0, 0.1)), y, H * (0.15 + 0.5 * f));
                }
                p.fillRect(QRectF(W * 0.72, H * 0.8, W * 0.12, 6), grey(60)); // a bench
                p.fillRect(QRectF(W * 0.73, H * 0.8, 4, 18), grey(60));
                p.fillRect(QRectF(W * 0.82, H * 0.8, 4, 18), grey(60));
            } else {
                for (int i = 0; i < 5; ++i) { // buildings behind
                    const double x0 = -W * 0.05 + i * W * 0.22;
                    facade(x0, x0 + W * 0.2, horizon, rng.range(2, 3), H * 0.09, false, true, rng.range(150, 185));
                }
                street(horizon, 175);
                const QPointF c(W * 0.5, horizon + (H - horizon) * 0.45);
                p.setBrush(grey(200));
                p.drawEllipse(c, W * 0.3, (H - horizon) * 0.22);
                p.setBrush(grey(110));
                p.drawEllipse(c, W * 0.26, (H - horizon) * 0.17);
                p.setPen(QPen(grey(235, 200), 2.0));
                for (int k = -5; k <= 5; ++k)
                    p.drawLine(QPointF(c.x(), c.y() - H * 0.25), QPointF(c.x() + k * W * 0.02, c.y() - 4));
                p.setPen(Qt::NoPen);
                p.fillRect(QRectF(c.x() - 6, c.y() - H * 0.25, 12, H * 0.25), grey(150));
            }
            people(horizon + (H - horizon) * 0.3, H * 0.12, rng.range(4, 9));
        }
    }
};

/** Sepia tone, fading, vignette, grain, dust and scratches, and a paper border. */
void ageImage(QImage &img, uint64_t seed)
{
    const int W = img.width(), H = img.height();
    Rng rng(seed * 7 + 3);
    const double fade = rng.uniform(0.78, 0.9), lift = rng.uniform(18, 32);
    const double blotX = rng.uniform(0, 100), blotY = rng.uniform(0, 100);
    double tone[256];
    for (int i = 0; i < 256; ++i)
        tone[i] = lift + fade * 255.0 * std::pow(i / 255.0, 1.12);
    for (int y = 0; y < H; ++y) {
        QRgb *row = reinterpret_cast<QRgb *>(img.scanLine(y));
        for (int x = 0; x < W; ++x) {
            const QRgb c = row[x];
            double l = tone[(77 * qRed(c) + 151 * qGreen(c) + 28 * qBlue(c)) >> 8];
            const double dx = (x - W * 0.5) / (W * 0.5), dy = (y - H * 0.5) / (H * 0.5);
            const double d2 = (dx * dx + dy * dy) * 0.5;
            l *= 1.0 - 0.62 * d2 * (0.55 + 0.45 * d2);
            l += 26.0 * (smoothNoise(x / 90.0 + blotX, y / 90.0 + blotY, seed) - 0.5); // uneven development
            l += 34.0 * (hash01(x, y, seed) - 0.5);                                // grain
            const int r = std::clamp(int(l * 1.0 + 26), 0, 255);
            const int g = std::clamp(int(l * 0.86 + 10), 0, 255);
            const int b = std::clamp(int(l * 0.64), 0, 255);
            row[x] = qRgb(r, g, b);
        }
    }
    QPainter p(&img);
    p.setRenderHint(QPainter::Antialiasing, true);
    for (int i = 0; i < rng.range(3, 8); ++i) { // scratches
        const double x = rng.uniform(0, W), wob = rng.uniform(-6, 6);
        const double y0 = rng.uniform(0, H * 0.5), y1 = y0 + rng.uniform(H * 0.2, H);
        p.setPen(QPen(QColor(240, 228, 200, rng.range(50, 120)), rng.uniform(0.6, 1.4)));
        p.drawLine(QPointF(x, y0), QPointF(x + wob, y1));
    }
    p.setPen(Qt::NoPen);
    for (int i = 0; i < 70; ++i) { // dust
        const bool dark = rng.chance(0.6);
        p.setBrush(dark ? QColor(40, 28, 18, rng.range(60, 160)) : QColor(245, 235, 210, rng.range(60, 160)));
        p.drawEllipse(QPointF(rng.uniform(0, W), rng.uniform(0, H)), rng.uniform(0.5, 2.2), rng.uniform(0.5, 2.2));
    }
    // paper border, a little uneven
    const QColor paper(236, 226, 202);
    const double b = std::max(8.0, W * 0.028);
    QPainterPath frame;
    frame.addRect(QRectF(0, 0, W, H));
    QPolygonF inner;
    const int n = 40;
    for (int k = 0; k < n; ++k)
        inner << QPointF(b + (W - 2 * b) * k / n, b + rng.uniform(-1.2, 1.2));
    for (int k = 0; k < n; ++k)
        inner << QPointF(W - b + rng.uniform(-1.2, 1.2), b + (H - 2 * b) * k / n);
    for (int k = 0; k < n; ++k)
        inner << QPointF(W - b - (W - 2 * b) * k / n, H - b + rng.uniform(-1.2, 1.2));
    for (int k = 0; k < n; ++k)
        inner << QPointF(b + rng.uniform(-1.2, 1.2), H - b - (H - 2 * b) * k / n);
    QPainterPath hole;
    hole.addPolygon(inner);
    hole.closeSubpath();
    p.setBrush(paper);
    p.drawPath(frame.subtracted(hole));
    p.setBrush(Qt::NoBrush);
    p.setPen(QPen(QColor(90, 70, 50, 90), 1.0));
    p.drawPolygon(inner);
    // a yellowed corner stain
    QRadialGradient stain(QPointF(W * rng.uniform(0.7, 1.0), H * rng.uniform(0, 0.3)), W * 0.35);
    stain.setColorAt(0, QColor(190, 150, 80, 60));
    stain.setColorAt(1, QColor(190, 150, 80, 0));
    p.setPen(Qt::NoPen);
    p.setBrush(stain);
    p.drawRect(QRectF(0, 0, W, H));
}

} // namespace

bool isArchivePhotoKind(const QString &kind)
{
    for (const char *k : kKinds)
        if (kind == QLatin1String(k))
            return true;
    return false;
}

QImage drawArchivePhoto(const QString &kind, uint64_t seed, int width, int height)
{
    QImage img(width, height, QImage::Format_RGB32);
    img.fill(QColor(200, 200, 200));
    {
        Scene s(img, seed * 0x9E3779B97F4A7C15ull + 11);
        s.paint(kind);
    }
    ageImage(img, seed);
    return img;
}

} // namespace liyuan::demo
