#include "WallLayout.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QSet>

#include <algorithm>
#include <cmath>

namespace liyuan {

namespace {
constexpr double kPi = 3.14159265358979323846;
constexpr double kDeg = kPi / 180.0;
constexpr double kOverlapMm = 1e-6;

/** A JSON number, finite and within [lo, hi]. */
bool number(const QJsonValue &v, double lo, double hi, double *out)
{
    if (!v.isDouble())
        return false;
    const double d = v.toDouble();
    if (!std::isfinite(d) || d < lo || d > hi)
        return false;
    *out = d;
    return true;
}

/** A JSON array of exactly n numbers. */
bool numbers(const QJsonValue &v, int n, QList<double> *out)
{
    if (!v.isArray() || v.toArray().size() != n)
        return false;
    out->clear();
    for (const QJsonValue &e : v.toArray()) {
        if (!e.isDouble() || !std::isfinite(e.toDouble()))
            return false;
        out->append(e.toDouble());
    }
    return true;
}

bool integral(double d) { return std::floor(d) == d; }
} // namespace

bool WallLayout::load(const QString &fileName, WallLayout *out, QString *error, const WallLimits &limits)
{
    QFile f(fileName);
    if (!f.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("%1: cannot read the wall layout: %2").arg(fileName, f.errorString());
        return false;
    }
    if (f.size() > limits.maxFileBytes) {
        *error = QStringLiteral("%1: the wall layout is %2 bytes (at most %3)").arg(fileName).arg(f.size()).arg(limits.maxFileBytes);
        return false;
    }
    return parse(f.readAll(), fileName, out, error, limits);
}

bool WallLayout::parse(const QByteArray &json, const QString &fileName, WallLayout *out, QString *error,
                       const WallLimits &limits)
{
    auto fail = [&](const QString &why) {
        *error = QStringLiteral("%1: %2").arg(fileName, why);
        return false;
    };
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &pe);
    if (pe.error != QJsonParseError::NoError)
        return fail(QStringLiteral("not a JSON wall layout: %1 at offset %2").arg(pe.errorString()).arg(pe.offset));
    if (!doc.isObject())
        return fail(QStringLiteral("a wall layout is a JSON object with \"screens\""));
    const QJsonObject root = doc.object();
    WallLayout w;
    w.m_fileName = fileName;
    const QJsonValue idv = root.value(QStringLiteral("wall"));
    if (!idv.isUndefined() && !idv.isString())
        return fail(QStringLiteral("\"wall\" (the wall's id) must be a string"));
    w.m_id = idv.toString();
    const QJsonValue sv = root.value(QStringLiteral("screens"));
    if (!sv.isArray() || sv.toArray().isEmpty())
        return fail(QStringLiteral("\"screens\" must be a non-empty array"));
    const QJsonArray arr = sv.toArray();
    if (arr.size() > limits.maxScreens)
        return fail(QStringLiteral("%1 screens (at most %2)").arg(arr.size()).arg(limits.maxScreens));

    static const QSet<QString> known{QStringLiteral("id"), QStringLiteral("row"), QStringLiteral("col"),
                                     QStringLiteral("rect"), QStringLiteral("size"), QStringLiteral("bezel"),
                                     QStringLiteral("output"), QStringLiteral("geometry"), QStringLiteral("resolution")};
    const double maxMm = limits.maxMillimetres;
    QSet<QString> ids;
    QList<QSizeF> sizes; // active sizes of grid screens (mm)
    for (int i = 0; i < arr.size(); ++i) {
        if (!arr[i].isObject())
            return fail(QStringLiteral("screen #%1 is not a JSON object").arg(i + 1));
        const QJsonObject o = arr[i].toObject();
        WallScreen s;
        if (!o.value(QStringLiteral("id")).isString() || o.value(QStringLiteral("id")).toString().trimmed().isEmpty())
            return fail(QStringLiteral("screen #%1 has no \"id\" (a non-empty string)").arg(i + 1));
        s.id = o.value(QStringLiteral("id")).toString();
        const QString name = QStringLiteral("screen \"%1\"").arg(s.id);
        if (ids.contains(s.id))
            return fail(QStringLiteral("%1: the id is used twice").arg(name));
        ids.insert(s.id);
        for (auto it = o.begin(); it != o.end(); ++it)
            if (!known.contains(it.key()) && !it.key().startsWith(QLatin1Char('_')))
                return fail(QStringLiteral("%1: unknown key \"%2\"").arg(name, it.key()));

        // bezels: one number for all sides or {left,right,top,bottom}
        const QJsonValue bz = o.value(QStringLiteral("bezel"));
        if (bz.isDouble()) {
            double b = 0;
            if (!number(bz, 0, limits.maxBezelMm, &b))
                return fail(QStringLiteral("%1: \"bezel\" must be 0..%2 mm").arg(name).arg(limits.maxBezelMm));
            s.bezelLeft = s.bezelRight = s.bezelTop = s.bezelBottom = b;
        } else if (bz.isObject()) {
            const QJsonObject bo = bz.toObject();
            const std::pair<const char *, double *> sides[] = {
                    {"left", &s.bezelLeft}, {"right", &s.bezelRight}, {"top", &s.bezelTop}, {"bottom", &s.bezelBottom}};
            for (auto it = bo.begin(); it != bo.end(); ++it)
                if (it.key() != QLatin1String("left") && it.key() != QLatin1String("right")
                    && it.key() != QLatin1String("top") && it.key() != QLatin1String("bottom"))
                    return fail(QStringLiteral("%1: unknown bezel side \"%2\"").arg(name, it.key()));
            for (const auto &side : sides) {
                const QJsonValue v = bo.value(QLatin1String(side.first));
                if (!v.isUndefined() && !number(v, 0, limits.maxBezelMm, side.second))
                    return fail(QStringLiteral("%1: bezel \"%2\" must be 0..%3 mm").arg(name, QLatin1String(side.first)).arg(limits.maxBezelMm));
            }
        } else if (!bz.isUndefined()) {
            return fail(QStringLiteral("%1: \"bezel\" must be a number or {left,right,top,bottom} in mm").arg(name));
        }

        // placement: a grid cell with the active size, or an explicit active rectangle
        const bool hasRow = o.contains(QStringLiteral("row")), hasCol = o.contains(QStringLiteral("col"));
        const bool hasRect = o.contains(QStringLiteral("rect"));
        QList<double> v;
        if (hasRect) {
            if (hasRow || hasCol)
                return fail(QStringLiteral("%1: give either \"rect\" or \"row\"/\"col\", not both").arg(name));
            if (!numbers(o.value(QStringLiteral("rect")), 4, &v))
                return fail(QStringLiteral("%1: \"rect\" must be [x, y, width, height] in mm").arg(name));
            if (std::abs(v[0]) > maxMm || std::abs(v[1]) > maxMm || !(v[2] > 0) || !(v[3] > 0) || v[2] > maxMm || v[3] > maxMm)
                return fail(QStringLiteral("%1: \"rect\" [%2, %3, %4, %5] mm: width and height must be > 0, everything within %6 mm")
                                    .arg(name).arg(v[0]).arg(v[1]).arg(v[2]).arg(v[3]).arg(maxMm));
            if (o.contains(QStringLiteral("size")))
                return fail(QStringLiteral("%1: \"size\" is given by \"rect\"").arg(name));
            s.active = QRectF(v[0], v[1], v[2], v[3]);
        } else {
            if (!hasRow || !hasCol)
                return fail(QStringLiteral("%1: needs \"row\" and \"col\" (grid) or \"rect\" [x, y, w, h] mm").arg(name));
            double r = 0, c = 0;
            if (!number(o.value(QStringLiteral("row")), 0, limits.maxGridIndex, &r) || !integral(r)
                || !number(o.value(QStringLiteral("col")), 0, limits.maxGridIndex, &c) || !integral(c))
                return fail(QStringLiteral("%1: \"row\" and \"col\" must be whole numbers 0..%2").arg(name).arg(limits.maxGridIndex));
            s.row = int(r);
            s.col = int(c);
            if (!numbers(o.value(QStringLiteral("size")), 2, &v))
                return fail(QStringLiteral("%1: \"size\" must be [width, height] of the active area in mm").arg(name));
            if (!(v[0] > 0) || !(v[1] > 0) || v[0] > maxMm || v[1] > maxMm)
                return fail(QStringLiteral("%1: \"size\" [%2, %3] mm: width and height must be > 0 and at most %4 mm")
                                    .arg(name).arg(v[0]).arg(v[1]).arg(maxMm));
            s.active = QRectF(0, 0, v[0], v[1]);
        }

        // where the window goes and its pixels
        const QJsonValue outv = o.value(QStringLiteral("output"));
        if (!outv.isUndefined() && !outv.isString())
            return fail(QStringLiteral("%1: \"output\" must be a screen name (QScreen::name, e.g. \"DP-1\")").arg(name));
        s.output = outv.toString();
        if (o.contains(QStringLiteral("geometry"))) {
            if (!numbers(o.value(QStringLiteral("geometry")), 4, &v) || !integral(v[0]) || !integral(v[1])
                || !integral(v[2]) || !integral(v[3]))
                return fail(QStringLiteral("%1: \"geometry\" must be [x, y, width, height] in whole pixels").arg(name));
            if (v[2] < 1 || v[3] < 1 || v[2] > limits.maxPixels || v[3] > limits.maxPixels
                || std::abs(v[0]) > 16 * limits.maxPixels || std::abs(v[1]) > 16 * limits.maxPixels)
                return fail(QStringLiteral("%1: \"geometry\" %2×%3 pixels: each side must be 1..%4").arg(name).arg(v[2]).arg(v[3]).arg(limits.maxPixels));
            s.geometry = QRect(int(v[0]), int(v[1]), int(v[2]), int(v[3]));
            s.resolution = s.geometry.size();
        }
        if (o.contains(QStringLiteral("resolution"))) {
            if (!numbers(o.value(QStringLiteral("resolution")), 2, &v) || !integral(v[0]) || !integral(v[1])
                || v[0] < 1 || v[1] < 1 || v[0] > limits.maxPixels || v[1] > limits.maxPixels)
                return fail(QStringLiteral("%1: \"resolution\" must be [width, height] in pixels, each 1..%2").arg(name).arg(limits.maxPixels));
            const QSize res{int(v[0]), int(v[1])};
            if (!s.geometry.isNull() && res != s.geometry.size())
                return fail(QStringLiteral("%1: \"resolution\" %2×%3 differs from the geometry's %4×%5")
                                    .arg(name).arg(res.width()).arg(res.height()).arg(s.geometry.width()).arg(s.geometry.height()));
            s.resolution = res;
        }
        if (s.resolution.isEmpty())
            return fail(QStringLiteral("%1: needs \"resolution\" [w, h] pixels or a window \"geometry\"").arg(name));
        w.m_screens.append(s);
    }

    // grid: a column is as wide as its widest screen with bezels, a row as high as its highest
    QMap<int, double> colWidth, rowHeight;
    for (const WallScreen &s : std::as_const(w.m_screens)) {
        if (s.row < 0)
            continue;
        const QRectF o = s.outer();
        colWidth[s.col] = std::max(colWidth.value(s.col), o.width());
        rowHeight[s.row] = std::max(rowHeight.value(s.row), o.height());
    }
    for (WallScreen &s : w.m_screens) {
        if (s.row < 0)
            continue;
        double x = 0, y = 0;
        for (int c = 0; c < s.col; ++c)
            x += colWidth.value(c); // an empty column takes no room
        for (int r = 0; r < s.row; ++r)
            y += rowHeight.value(r);
        s.active.moveTopLeft(QPointF(x + s.bezelLeft, y + s.bezelTop));
    }
    // no two screens (with bezels) may overlap
    for (int i = 0; i < w.m_screens.size(); ++i) {
        for (int j = i + 1; j < w.m_screens.size(); ++j) {
            const QRectF a = w.m_screens[i].outer(), b = w.m_screens[j].outer();
            const double ox = std::min(a.right(), b.right()) - std::max(a.left(), b.left());
            const double oy = std::min(a.bottom(), b.bottom()) - std::max(a.top(), b.top());
            if (ox > kOverlapMm && oy > kOverlapMm)
                return fail(QStringLiteral("screens \"%1\" and \"%2\" overlap (%3 × %4 mm, bezels included)")
                                    .arg(w.m_screens[i].id, w.m_screens[j].id).arg(ox).arg(oy));
        }
    }
    QRectF bounds;
    for (const WallScreen &s : std::as_const(w.m_screens))
        bounds = bounds.isNull() ? s.outer() : bounds.united(s.outer());
    w.m_bounds = bounds;

    const QJsonValue ev = root.value(QStringLiteral("eye"));
    if (!ev.isUndefined()) {
        if (!ev.isObject())
            return fail(QStringLiteral("\"eye\" must be {\"x\", \"y\", \"distance\"} in mm"));
        const QJsonObject eo = ev.toObject();
        WallEye e;
        e.x = bounds.width() / 2;
        e.y = bounds.height() / 2;
        if (eo.contains(QStringLiteral("x")) && !number(eo.value(QStringLiteral("x")), -maxMm, maxMm, &e.x))
            return fail(QStringLiteral("eye \"x\" must be a number of mm from the wall's left edge"));
        if (eo.contains(QStringLiteral("y")) && !number(eo.value(QStringLiteral("y")), -maxMm, maxMm, &e.y))
            return fail(QStringLiteral("eye \"y\" must be a number of mm from the wall's top edge"));
        if (!number(eo.value(QStringLiteral("distance")), 1e-3, maxMm, &e.distance))
            return fail(QStringLiteral("eye \"distance\" must be > 0 and at most %1 mm").arg(maxMm));
        w.m_eye = e;
        w.m_hasEye = true;
        const double fov = w.fovYDegrees(45.0);
        if (fov < 5.0 || fov > 120.0)
            return fail(QStringLiteral("the eye at %1 mm sees the wall under %2° vertically (5..120° possible)")
                                .arg(e.distance).arg(fov, 0, 'f', 1));
    }
    *out = w;
    return true;
}

int WallLayout::indexOf(const QString &screenId) const
{
    for (int i = 0; i < m_screens.size(); ++i)
        if (m_screens[i].id == screenId)
            return i;
    return -1;
}

QString WallLayout::unknownScreenMessage(const QString &screenId) const
{
    QStringList ids;
    for (const WallScreen &s : m_screens)
        ids << s.id;
    return QStringLiteral("%1: no screen \"%2\" (screens: %3)").arg(m_fileName, screenId, ids.join(QStringLiteral(", ")));
}

WallEye WallLayout::eye(double cameraFovYDegrees) const
{
    if (m_hasEye)
        return m_eye;
    WallEye e;
    e.x = m_bounds.width() / 2;
    e.y = m_bounds.height() / 2;
    const double fov = std::clamp(cameraFovYDegrees, 1.0, 179.0);
    e.distance = 0.5 * m_bounds.height() / std::tan(0.5 * fov * kDeg);
    return e;
}

void WallLayout::halfExtents(const WallEye &e, double *halfW, double *halfH) const
{
    *halfW = std::max(e.x, m_bounds.width() - e.x);
    *halfH = std::max(e.y, m_bounds.height() - e.y);
}

double WallLayout::fovYDegrees(double cameraFovYDegrees) const
{
    const WallEye e = eye(cameraFovYDegrees);
    double hw = 0, hh = 0;
    halfExtents(e, &hw, &hh);
    return 2.0 * std::atan(hh / e.distance) / kDeg;
}

double WallLayout::fullAspect(double cameraFovYDegrees) const
{
    double hw = 0, hh = 0;
    halfExtents(eye(cameraFovYDegrees), &hw, &hh);
    return hw / hh;
}

WallSubView WallLayout::subView(int index, double cameraFovYDegrees) const
{
    WallSubView v;
    if (index < 0 || index >= m_screens.size())
        return v;
    const WallEye e = eye(cameraFovYDegrees);
    double hw = 0, hh = 0;
    halfExtents(e, &hw, &hh);
    // wall millimetres relative to the bounds' top-left (x right, y down) → NDC (y up)
    const QRectF a = m_screens[index].active.translated(-m_bounds.topLeft());
    v.left = (a.left() - e.x) / hw;
    v.right = (a.right() - e.x) / hw;
    v.top = (e.y - a.top()) / hh;
    v.bottom = (e.y - a.bottom()) / hh;
    return v;
}

} // namespace liyuan
