#include "DistrictModel.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <cmath>

namespace liyuan::demo {

namespace {

constexpr double kPi = 3.14159265358979323846;

class JsonReader
{
public:
    QString error;

    double num(const QJsonObject &o, const char *key, double def, bool required = false)
    {
        const QJsonValue v = o.value(QLatin1String(key));
        if (v.isUndefined()) {
            if (required)
                fail(QStringLiteral("missing number '%1'").arg(QLatin1String(key)));
            return def;
        }
        if (!v.isDouble()) {
            fail(QStringLiteral("'%1' is not a number").arg(QLatin1String(key)));
            return def;
        }
        return v.toDouble();
    }
    QColor color(const QJsonObject &o, const char *key)
    {
        const QColor c(o.value(QLatin1String(key)).toString());
        if (!c.isValid())
            fail(QStringLiteral("palette colour '%1' is missing or invalid").arg(QLatin1String(key)));
        return c;
    }
    QList<QColor> colors(const QJsonObject &o, const char *key)
    {
        QList<QColor> out;
        for (const QJsonValue &v : o.value(QLatin1String(key)).toArray()) {
            const QColor c(v.toString());
            if (!c.isValid()) {
                fail(QStringLiteral("palette '%1' has an invalid colour").arg(QLatin1String(key)));
                return out;
            }
            out << c;
        }
        if (out.isEmpty())
            fail(QStringLiteral("palette '%1' is empty").arg(QLatin1String(key)));
        return out;
    }
    void fail(const QString &e)
    {
        if (error.isEmpty())
            error = e;
    }
};

} // namespace

bool parseRecipe(const QByteArray &json, Recipe &r, QString *error)
{
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &pe);
    if (doc.isNull() || !doc.isObject()) {
        if (error)
            *error = QStringLiteral("recipe is not a JSON object: %1").arg(pe.errorString());
        return false;
    }
    const QJsonObject root = doc.object();
    JsonReader j;
    r.seed = uint64_t(j.num(root, "seed", 1));
    r.srs = root.value(QLatin1String("srs")).toString();
    if (r.srs.isEmpty())
        j.fail(QStringLiteral("missing 'srs'"));
    const QJsonArray o = root.value(QLatin1String("srsOrigin")).toArray();
    if (o.size() != 3)
        j.fail(QStringLiteral("'srsOrigin' must have 3 numbers"));
    for (int i = 0; i < 3 && i < o.size(); ++i)
        r.origin[i] = o.at(i).toDouble();

    const QJsonObject tiles = root.value(QLatin1String("tiles")).toObject();
    r.tilesX = int(j.num(tiles, "x", 4, true));
    r.tilesY = int(j.num(tiles, "y", 4, true));
    r.tileSize = j.num(tiles, "size", 100, true);
    r.cellSize = j.num(root, "cellSize", 50, true);
    if (r.tilesX < 1 || r.tilesY < 1 || r.tilesX > 32 || r.tilesY > 32 || r.tileSize < 20 || r.cellSize < 20
        || std::fabs(r.tileSize / r.cellSize - 2.0) > 1e-9)
        j.fail(QStringLiteral("tile grid must be 1..32 tiles and tile size = 2 x cell size"));

    const QJsonObject st = root.value(QLatin1String("streets")).toObject();
    r.mainEvery = std::max(1, int(j.num(st, "mainEvery", 2)));
    r.mainCarriage = j.num(st, "mainCarriageway", 10);
    r.minorCarriage = j.num(st, "minorCarriageway", 6.5);
    r.mainSidewalk = j.num(st, "mainSidewalk", 3.5);
    r.minorSidewalk = j.num(st, "minorSidewalk", 2.2);
    r.streetTreeSpacing = std::max(4.0, j.num(st, "streetTreeSpacing", 9));

    const QJsonObject b = root.value(QLatin1String("blocks")).toObject();
    r.depthMin = j.num(b, "depthMin", 9);
    r.depthMax = j.num(b, "depthMax", 11.5);
    r.floorsMin = int(j.num(b, "floorsMin", 2));
    r.floorsMax = int(j.num(b, "floorsMax", 3));
    r.lowSideChance = j.num(b, "lowSideChance", 0.1);
    r.floorHeight = j.num(b, "floorHeight", 3.4);
    r.roofPitchDeg = j.num(b, "roofPitchDeg", 31);
    r.overhang = j.num(b, "overhang", 0.45);
    r.setbackMax = j.num(b, "setbackMax", 1.5);
    r.crossWingChance = j.num(b, "crossWingChance", 0.3);
    r.chimneysPerWing = int(j.num(b, "chimneysPerWing", 2));
    r.courtyardTreeChance = j.num(b, "courtyardTreeChance", 0.4);
    if (r.floorsMin < 1 || r.floorsMax < r.floorsMin || r.floorsMax > 6 || r.depthMin < 5
        || r.depthMax < r.depthMin)
        j.fail(QStringLiteral("bad 'blocks' values"));

    const QJsonObject pz = root.value(QLatin1String("plaza")).toObject();
    const QJsonArray pc = pz.value(QLatin1String("cells")).toArray();
    if (pc.size() == 4)
        r.plazaCells = QRect(QPoint(pc.at(0).toInt(), pc.at(1).toInt()), QPoint(pc.at(2).toInt(), pc.at(3).toInt()));
    else
        j.fail(QStringLiteral("'plaza.cells' must be [x0, y0, x1, y1]"));
    r.fountainRadius = j.num(pz, "fountainRadius", 7.5);
    for (const QJsonValue &v : root.value(QLatin1String("parks")).toArray()) {
        const QJsonArray a = v.toArray();
        if (a.size() == 2)
            r.parks << QPoint(a.at(0).toInt(), a.at(1).toInt());
    }

    const QJsonObject t = root.value(QLatin1String("tower")).toObject();
    const QJsonArray tc = t.value(QLatin1String("cell")).toArray();
    if (tc.size() == 2)
        r.towerCell = QPoint(tc.at(0).toInt(), tc.at(1).toInt());
    else
        j.fail(QStringLiteral("'tower.cell' must be [x, y]"));
    const QJsonArray tf = t.value(QLatin1String("footprint")).toArray();
    if (tf.size() == 2) {
        r.towerW = tf.at(0).toDouble();
        r.towerD = tf.at(1).toDouble();
    }
    r.towerFloors = int(j.num(t, "floors", 24, true));
    r.towerFloorHeight = j.num(t, "floorHeight", 3.6);
    r.towerCrown = j.num(t, "crown", 2.4);
    const QJsonArray ph = t.value(QLatin1String("penthouse")).toArray();
    for (int i = 0; i < 3 && i < ph.size(); ++i)
        r.penthouse[i] = ph.at(i).toDouble();
    if (r.towerFloors < 1 || r.towerFloors > 120 || r.towerW < 8 || r.towerD < 8)
        j.fail(QStringLiteral("bad 'tower' values"));

    const QJsonObject p = root.value(QLatin1String("palette")).toObject();
    r.plaster = j.colors(p, "plaster");
    r.roof = j.colors(p, "roof");
    r.foliage = j.colors(p, "foliage");
    r.plaza = j.colors(p, "plaza");
    if (r.plaza.size() < 3)
        j.fail(QStringLiteral("palette 'plaza' needs 3 colours"));
    r.window = j.color(p, "window");
    r.frame = j.color(p, "frame");
    r.stone = j.color(p, "stone");
    r.shopfront = j.color(p, "shopfront");
    r.woodwork = j.color(p, "woodwork");
    r.asphalt = j.color(p, "asphalt");
    r.sidewalk = j.color(p, "sidewalk");
    r.curb = j.color(p, "curb");
    r.marking = j.color(p, "marking");
    r.courtyard = j.color(p, "courtyard");
    r.grass = j.color(p, "grass");
    r.path = j.color(p, "path");
    r.water = j.color(p, "water");
    r.trunk = j.color(p, "trunk");
    r.towerGlass = j.color(p, "towerGlass");
    r.towerSpandrel = j.color(p, "towerSpandrel");
    r.towerMullion = j.color(p, "towerMullion");
    r.flatRoof = j.color(p, "flatRoof");

    const QJsonObject sun = root.value(QLatin1String("sun")).toObject();
    r.sunAzimuthDeg = j.num(sun, "azimuthDeg", 205);
    r.sunElevationDeg = std::clamp(j.num(sun, "elevationDeg", 42), 10.0, 89.0);
    r.shadowStrength = std::clamp(j.num(sun, "shadowStrength", 0.42), 0.0, 1.0);

    const QJsonObject l = root.value(QLatin1String("lod")).toObject();
    auto px = [&](const char *k, int def) {
        const int v = int(j.num(l, k, def));
        if (v < 16 || v > 4096 || (v & (v - 1)) != 0)
            j.fail(QStringLiteral("'lod.%1' must be a power of two in 16..4096").arg(QLatin1String(k)));
        return v;
    };
    r.rootGroundPx = px("rootGroundPx", 256);
    r.rootAtlasPx = px("rootAtlasPx", 512);
    r.midGroundPx = px("midGroundPx", 512);
    r.midAtlasPx = px("midAtlasPx", 512);
    r.fineGroundPx = px("fineGroundPx", 1024);
    r.fineAtlasPx = px("fineAtlasPx", 1024);
    r.rootMaxDensity = j.num(l, "rootMaxDensity", 3);
    r.midMaxDensity = j.num(l, "midMaxDensity", 6);
    r.fineMaxDensity = j.num(l, "fineMaxDensity", 16);
    r.midGridM = std::max(0.5, j.num(l, "midGridM", 5));
    r.fineGridM = std::max(0.5, j.num(l, "fineGridM", 1));
    r.rootSwitchPx = float(j.num(l, "rootSwitchPx", 200));
    r.midSwitchPx = float(j.num(l, "midSwitchPx", 420));

    const int cx = r.cellsX(), cy = r.cellsY();
    auto inside = [&](QPoint c) { return c.x() >= 0 && c.y() >= 0 && c.x() < cx && c.y() < cy; };
    if (!inside(r.plazaCells.topLeft()) || !inside(r.plazaCells.bottomRight()) || !inside(r.towerCell))
        j.fail(QStringLiteral("plaza or tower cell outside the grid"));

    if (!j.error.isEmpty()) {
        if (error)
            *error = QStringLiteral("recipe: %1").arg(j.error);
        return false;
    }
    return true;
}

double Layout::halfCarriageX(int i) const
{
    return 0.5 * (i % r.mainEvery == 0 ? r.mainCarriage : r.minorCarriage);
}
double Layout::halfCarriageY(int j) const
{
    return 0.5 * (j % r.mainEvery == 0 ? r.mainCarriage : r.minorCarriage);
}
double Layout::sidewalkX(int i) const
{
    return i % r.mainEvery == 0 ? r.mainSidewalk : r.minorSidewalk;
}
double Layout::sidewalkY(int j) const
{
    return j % r.mainEvery == 0 ? r.mainSidewalk : r.minorSidewalk;
}

QRectF Layout::curbRect(int cx, int cy) const
{
    const double x0 = cx * r.cellSize + halfCarriageX(cx);
    const double x1 = (cx + 1) * r.cellSize - halfCarriageX(cx + 1);
    const double y0 = cy * r.cellSize + halfCarriageY(cy);
    const double y1 = (cy + 1) * r.cellSize - halfCarriageY(cy + 1);
    return QRectF(x0, y0, x1 - x0, y1 - y0);
}

double Layout::light(double nx, double ny, double nz) const
{
    const double amb = 0.5, dif = 0.55;
    const double flat = amb + dif * sun[2];
    const double d = std::max(0.0, nx * sun[0] + ny * sun[1] + nz * sun[2]);
    return (amb + dif * d) / flat;
}

QPointF Layout::shadowPerMetre() const
{
    return QPointF(-sun[0] / sun[2], -sun[1] / sun[2]);
}

namespace {

void addTree(Layout &L, Rng &rng, double x, double y, double scale = 1.0)
{
    Tree t;
    t.x = x;
    t.y = y;
    t.crownR = rng.uniform(2.3, 3.6) * scale;
    t.crownH = t.crownR * rng.uniform(1.5, 1.9);
    t.trunkH = rng.uniform(1.8, 2.8) * scale;
    t.foliage = rng.range(0, int(L.r.foliage.size()) - 1);
    t.seed = uint32_t(rng.next());
    L.trees.push_back(t);
}

/** Builds one courtyard block (ring of hip-roofed wings) inside rect `o`. */
Block makeBlock(const Layout &L, Rng &rng, int cx, int cy, QRectF o)
{
    const Recipe &r = L.r;
    Block b;
    b.cx = cx;
    b.cy = cy;
    b.outer = o;
    const double d = std::min(rng.uniform(r.depthMin, r.depthMax), std::min(o.width(), o.height()) * 0.3);
    b.inner = o.adjusted(d, d, -d, -d);

    const QColor plaster = r.plaster.at(rng.range(0, int(r.plaster.size()) - 1));
    const QColor roof = r.roof.at(rng.range(0, int(r.roof.size()) - 1));

    // sides: 0 = south (y0), 1 = east (x1), 2 = north (y1), 3 = west (x0)
    int floors[4];
    double h[4];
    for (int s = 0; s < 4; ++s) {
        floors[s] = rng.range(r.floorsMin, r.floorsMax);
        if (rng.chance(r.lowSideChance))
            floors[s] = 1;
        h[s] = floors[s] * r.floorHeight + 0.5;
    }
    // the street sides (south, north) of a block are never the lowest: they carry the gate
    const int gateSide = rng.chance(0.5) ? 0 : 2;
    floors[gateSide] = std::max(floors[gateSide], r.floorsMin);
    h[gateSide] = floors[gateSide] * r.floorHeight + 0.5;

    auto neighbourAt = [](int side, bool endB) { return endB ? (side + 1) % 4 : (side + 3) % 4; };

    const double X0 = o.left(), X1 = o.right(), Y0 = o.top(), Y1 = o.bottom(); // QRectF: top = min y
    for (int s = 0; s < 4; ++s) {
        const int nStart = neighbourAt(s, false), nEnd = neighbourAt(s, true);
        // a corner square belongs to the taller of its two wings (to both on a tie)
        const bool ownStart = h[s] >= h[nStart] - 1e-9;
        const bool ownEnd = h[s] >= h[nEnd] - 1e-9;
        const bool exclStart = ownStart && h[s] > h[nStart] + 1e-9;
        const bool exclEnd = ownEnd && h[s] > h[nEnd] + 1e-9;
        // neighbour covers the corner when it owns it (ties: both cover)
        const bool nCoversStart = h[nStart] >= h[s] - 1e-9;
        const bool nCoversEnd = h[nEnd] >= h[s] - 1e-9;

        Wing w;
        w.height = h[s];
        w.floors = floors[s];
        w.roof = roof;
        w.seed = uint32_t(rng.next());
        w.chimneys = floors[s] > 1;
        Wall outer, inner;
        outer.height = inner.height = h[s];
        outer.floors = inner.floors = floors[s];
        outer.plaster = inner.plaster = plaster;
        outer.seed = uint32_t(rng.next());
        inner.seed = uint32_t(rng.next());
        inner.inner = true;
        // along-side parameter runs in the wall's drawing direction (outward normal = z x dir)
        const double a0 = ownStart ? 0.0 : d;         // box start offset along the side
        const double len = (s % 2 == 0) ? (X1 - X0) : (Y1 - Y0);
        const double a1 = ownEnd ? len : len - d;     // box end
        const double i0 = nCoversStart ? d : a0;      // inner wall start
        const double i1 = nCoversEnd ? len - d : a1;  // inner wall end
        switch (s) {
        case 0: // south: runs west -> east along y = Y0, outward -y
            w.x0 = X0 + a0; w.x1 = X0 + a1; w.y0 = Y0; w.y1 = Y0 + d;
            outer.ax = X0 + a0; outer.ay = Y0; outer.bx = X0 + a1; outer.by = Y0;
            inner.ax = X0 + i1; inner.ay = Y0 + d; inner.bx = X0 + i0; inner.by = Y0 + d;
            break;
        case 1: // east: south -> north along x = X1, outward +x
            w.x0 = X1 - d; w.x1 = X1; w.y0 = Y0 + a0; w.y1 = Y0 + a1;
            outer.ax = X1; outer.ay = Y0 + a0; outer.bx = X1; outer.by = Y0 + a1;
            inner.ax = X1 - d; inner.ay = Y0 + i1; inner.bx = X1 - d; inner.by = Y0 + i0;
            break;
        case 2: // north: east -> west along y = Y1, outward +y
            w.x0 = X1 - a1; w.x1 = X1 - a0; w.y0 = Y1 - d; w.y1 = Y1;
            outer.ax = X1 - a0; outer.ay = Y1; outer.bx = X1 - a1; outer.by = Y1;
            inner.ax = X1 - i1; inner.ay = Y1 - d; inner.bx = X1 - i0; inner.by = Y1 - d;
            break;
        default: // west: north -> south along x = X0, outward -x
            w.x0 = X0; w.x1 = X0 + d; w.y0 = Y1 - a1; w.y1 = Y1 - a0;
            outer.ax = X0; outer.ay = Y1 - a0; outer.bx = X0; outer.by = Y1 - a1;
            inner.ax = X0 + d; inner.ay = Y1 - i1; inner.bx = X0 + d; inner.by = Y1 - i0;
            break;
        }
        if (s == gateSide)
            outer.gateAt = (a1 - a0) * rng.uniform(0.4, 0.6);
        b.wings.push_back(w);
        b.walls.push_back(outer);
        if (i1 - i0 > 0.5)
            b.walls.push_back(inner);

        // end walls where this wing alone covers a corner: the outer face of the corner square
        auto endWall = [&](double ax, double ay, double bx, double by) {
            Wall e = outer;
            e.ax = ax; e.ay = ay; e.bx = bx; e.by = by;
            e.gateAt = -1;
            e.seed = uint32_t(rng.next());
            b.walls.push_back(e);
        };
        if (exclStart) {
            switch (s) {
            case 0: endWall(X0, Y0 + d, X0, Y0); break;     // west face of the SW corner
            case 1: endWall(X1 - d, Y0, X1, Y0); break;     // south face of the SE corner
            case 2: endWall(X1, Y1 - d, X1, Y1); break;     // east face of the NE corner
            default: endWall(X0 + d, Y1, X0, Y1); break;    // north face of the NW corner
            }
        }
        if (exclEnd) {
            switch (s) {
            case 0: endWall(X1, Y0, X1, Y0 + d); break;     // east face of the SE corner
            case 1: endWall(X1, Y1, X1 - d, Y1); break;     // north face of the NE corner
            case 2: endWall(X0, Y1, X0, Y1 - d); break;     // west face of the NW corner
            default: endWall(X0, Y0, X0 + d, Y0); break;    // south face of the SW corner
            }
        }
    }

    // a wing across the courtyard, making two courtyards
    if (rng.chance(r.crossWingChance)) {
        const bool alongX = b.inner.width() < b.inner.height();
        const double dc = 7.5;
        const double span = alongX ? b.inner.height() : b.inner.width();
        if (span > dc + 12) {
            Wing w;
            w.floors = 2;
            w.height = 2 * r.floorHeight + 0.5;
            w.roof = roof;
            w.seed = uint32_t(rng.next());
            const double c = alongX ? b.inner.center().y() : b.inner.center().x();
            Wall wa, wb;
            wa.height = wb.height = w.height;
            wa.floors = wb.floors = 2;
            wa.inner = wb.inner = true;
            wa.plaster = wb.plaster = plaster;
            wa.seed = uint32_t(rng.next());
            wb.seed = uint32_t(rng.next());
            if (alongX) {
                w.x0 = b.inner.left() - 0.01; w.x1 = b.inner.right() + 0.01;
                w.y0 = c - dc / 2; w.y1 = c + dc / 2;
                wa = Wall{b.inner.left(), w.y0, b.inner.right(), w.y0, w.height, 2, true, -1, plaster, wa.seed};
                wb = Wall{b.inner.right(), w.y1, b.inner.left(), w.y1, w.height, 2, true, -1, plaster, wb.seed};
            } else {
                w.y0 = b.inner.top() - 0.01; w.y1 = b.inner.bottom() + 0.01;
                w.x0 = c - dc / 2; w.x1 = c + dc / 2;
                wa = Wall{w.x1, b.inner.top(), w.x1, b.inner.bottom(), w.height, 2, true, -1, plaster, wa.seed};
                wb = Wall{w.x0, b.inner.bottom(), w.x0, b.inner.top(), w.height, 2, true, -1, plaster, wb.seed};
            }
            b.wings.push_back(w);
            b.walls.push_back(wa);
            b.walls.push_back(wb);
            b.crossWings.push_back(QRectF(QPointF(w.x0, w.y0), QPointF(w.x1, w.y1)));
        }
    }
    return b;
}

} // namespace

Layout makeLayout(const Recipe &r)
{
    Layout L;
    L.r = r;
    const double az = r.sunAzimuthDeg * kPi / 180.0, el = r.sunElevationDeg * kPi / 180.0;
    L.sun[0] = std::cos(el) * std::sin(az);
    L.sun[1] = std::cos(el) * std::cos(az);
    L.sun[2] = std::sin(el);

    const int nx = r.cellsX(), ny = r.cellsY();
    L.cells.assign(size_t(nx * ny), CellKind::Block);
    for (int cy = r.plazaCells.top(); cy <= r.plazaCells.bottom(); ++cy)
        for (int cx = r.plazaCells.left(); cx <= r.plazaCells.right(); ++cx)
            L.cells[size_t(cy * nx + cx)] = CellKind::Plaza;
    for (const QPoint &p : r.parks)
        if (p.x() >= 0 && p.y() >= 0 && p.x() < nx && p.y() < ny)
            L.cells[size_t(p.y() * nx + p.x())] = CellKind::Park;
    L.cells[size_t(r.towerCell.y() * nx + r.towerCell.x())] = CellKind::Tower;

    {
        const QRectF a = L.curbRect(r.plazaCells.left(), r.plazaCells.top());
        const QRectF b = L.curbRect(r.plazaCells.right(), r.plazaCells.bottom());
        L.plaza = a.united(b);
        L.fountain = L.plaza.center();
    }

    Rng rng(r.seed);
    for (int cy = 0; cy < ny; ++cy) {
        for (int cx = 0; cx < nx; ++cx) {
            Rng cr(r.seed * 1000003ull + uint64_t(cy * nx + cx) * 7919ull);
            const CellKind kind = L.cellKind(cx, cy);
            const QRectF curb = L.curbRect(cx, cy);
            const double swL = L.sidewalkX(cx), swR = L.sidewalkX(cx + 1);
            const double swB = L.sidewalkY(cy), swT = L.sidewalkY(cy + 1);
            if (kind == CellKind::Block) {
                QRectF o = curb.adjusted(swL + cr.uniform(0, r.setbackMax), swB + cr.uniform(0, r.setbackMax),
                                         -swR - cr.uniform(0, r.setbackMax), -swT - cr.uniform(0, r.setbackMax));
                Block b = makeBlock(L, cr, cx, cy, o);
                if (cr.chance(r.courtyardTreeChance)) {
                    // one or two old trees in the (largest) courtyard
                    QRectF yard = b.inner.adjusted(3, 3, -3, -3);
                    int n = cr.chance(0.4) ? 2 : 1;
                    for (int k = 0; k < n && yard.width() > 2 && yard.height() > 2; ++k) {
                        double x = cr.uniform(yard.left(), yard.right());
                        double y = cr.uniform(yard.top(), yard.bottom());
                        bool blocked = false;
                        for (const QRectF &cw : b.crossWings)
                            if (cw.adjusted(-3.5, -3.5, 3.5, 3.5).contains(x, y))
                                blocked = true;
                        if (!blocked)
                            addTree(L, cr, x, y, 0.85);
                    }
                }
                L.blocks.push_back(std::move(b));
            } else if (kind == CellKind::Tower) {
                const QRectF site = curb.adjusted(swL, swB, -swR, -swT);
                Tower t;
                const double w = std::min(r.towerW, site.width() - 4), dd = std::min(r.towerD, site.height() - 4);
                // towards the plaza (west) and slightly south: a forecourt on the street side
                t.footprint = QRectF(site.left() + 4, site.center().y() - dd / 2 - 2, w, dd);
                t.floors = r.towerFloors;
                t.floorHeight = r.towerFloorHeight;
                t.crown = r.towerCrown;
                const double pw = std::min(r.penthouse[0], w - 4), pd = std::min(r.penthouse[1], dd - 4);
                t.penthouse = QRectF(t.footprint.center().x() - pw / 2 + 3, t.footprint.center().y() - pd / 2, pw, pd);
                t.penthouseHeight = r.penthouse[2];
                L.tower = t;
                // a row of trees along the east side of the forecourt
                for (double y = site.top() + 4; y < site.bottom() - 2; y += 8)
                    addTree(L, cr, site.right() - 3, y, 0.9);
            } else if (kind == CellKind::Park) {
                const QRectF green = curb.adjusted(swL + 1, swB + 1, -swR - 1, -swT - 1);
                const int n = int(green.width() * green.height() / 75.0);
                for (int k = 0; k < n; ++k) {
                    double x = cr.uniform(green.left() + 2, green.right() - 2);
                    double y = cr.uniform(green.top() + 2, green.bottom() - 2);
                    // keep the diagonal paths clear
                    const double u = (x - green.left()) / green.width(), v = (y - green.top()) / green.height();
                    if (std::fabs(u - v) < 0.09 || std::fabs(u + v - 1) < 0.09)
                        continue;
                    addTree(L, cr, x, y, cr.uniform(0.9, 1.25));
                }
            }
        }
    }

    // plaza: ring of trees, open in the middle of each side
    {
        Rng pr(r.seed * 31 + 17);
        const QRectF ring = L.plaza.adjusted(5, 5, -5, -5);
        auto side = [&](QPointF a, QPointF b) {
            const double len = std::hypot(b.x() - a.x(), b.y() - a.y());
            const int n = int(len / 10.0);
            for (int k = 0; k <= n; ++k) {
                const double f = double(k) / n;
                if (std::fabs(f - 0.5) < 0.12)
                    continue;
                addTree(L, pr, a.x() + (b.x() - a.x()) * f, a.y() + (b.y() - a.y()) * f, 1.0);
            }
        };
        side(ring.topLeft(), ring.topRight());
        side(ring.bottomLeft(), ring.bottomRight());
        side(QPointF(ring.left(), ring.top() + 10), QPointF(ring.left(), ring.bottom() - 10));
        side(QPointF(ring.right(), ring.top() + 10), QPointF(ring.right(), ring.bottom() - 10));
    }

    // street trees along the main streets (both sides), clear of crossings and the plaza
    {
        Rng sr(r.seed * 77 + 5);
        const double W = r.tilesX * r.tileSize, H = r.tilesY * r.tileSize;
        auto nearCrossing = [&](double v, bool vertical) {
            const int n = vertical ? ny : nx;
            for (int k = 0; k <= n; ++k) {
                const double c = k * r.cellSize;
                const double hw = vertical ? L.halfCarriageY(k) : L.halfCarriageX(k);
                if (std::fabs(v - c) < hw + 4.0)
                    return true;
            }
            return false;
        };
        auto blockedByTower = [&](double x, double y) {
            return L.tower.footprint.adjusted(-3, -3, 3, 3).contains(x, y);
        };
        for (int i = 0; i <= nx; i += r.mainEvery) {
            const double x = i * r.cellSize, off = L.halfCarriageX(i) + 1.4;
            for (double y = 4; y < H - 2; y += r.streetTreeSpacing) {
                for (double sx : {x - off, x + off}) {
                    const double yy = y + sr.uniform(-0.8, 0.8);
                    if (sx < 1 || sx > W - 1 || nearCrossing(yy, true) || L.plaza.adjusted(-1, -1, 1, 1).contains(sx, yy)
                        || blockedByTower(sx, yy))
                        continue;
                    addTree(L, sr, sx, yy, 0.85);
                }
            }
        }
        for (int j = 0; j <= ny; j += r.mainEvery) {
            const double y = j * r.cellSize, off = L.halfCarriageY(j) + 1.4;
            for (double x = 4; x < W - 2; x += r.streetTreeSpacing) {
                for (double sy : {y - off, y + off}) {
                    const double xx = x + sr.uniform(-0.8, 0.8);
                    if (sy < 1 || sy > H - 1 || nearCrossing(xx, false) || L.plaza.adjusted(-1, -1, 1, 1).contains(xx, sy)
                        || blockedByTower(xx, sy))
                        continue;
                    addTree(L, sr, xx, sy, 0.85);
                }
            }
        }
    }
    return L;
}

} // namespace liyuan::demo
