#include "DistrictGis.h"

#include "ArchivePhoto.h"
#include "DistrictBuilder.h"

#include <liyuan/geodata/VectorDataset.h> // registerGdalDrivers

#include <QDir>
#include <QFile>
#include <QImage>
#include <QImageWriter>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPainter>
#include <QPainterPath>

#include <cpl_conv.h>
#include <cpl_error.h>
#include <cpl_string.h>
#include <gdal.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <memory>

namespace liyuan::demo {

namespace {

constexpr double kPi = 3.14159265358979323846;
constexpr int kEpsg = 4549;

double smoothstep(double e0, double e1, double x)
{
    const double t = std::clamp((x - e0) / (e1 - e0), 0.0, 1.0);
    return t * t * (3 - 2 * t);
}

QColor shade(const QColor &c, double f)
{
    auto ch = [f](int v) { return std::clamp(int(std::lround(v * f)), 0, 255); };
    return QColor(ch(c.red()), ch(c.green()), ch(c.blue()));
}

// ---------------------------------------------------------------------------------------
// gis.json
// ---------------------------------------------------------------------------------------

struct JsonErrors
{
    QString error;
    void fail(const QString &e)
    {
        if (error.isEmpty())
            error = e;
    }
    double num(const QJsonObject &o, const char *key, double def)
    {
        const QJsonValue v = o.value(QLatin1String(key));
        if (v.isUndefined())
            return def;
        if (!v.isDouble())
            fail(QStringLiteral("'%1' is not a number").arg(QLatin1String(key)));
        return v.toDouble(def);
    }
    QPointF point(const QJsonValue &v, const QString &what)
    {
        const QJsonArray a = v.toArray();
        if (a.size() != 2 || !a.at(0).isDouble() || !a.at(1).isDouble()) {
            fail(QStringLiteral("%1 must be [x, y]").arg(what));
            return {};
        }
        return QPointF(a.at(0).toDouble(), a.at(1).toDouble());
    }
    GisSpec::Names names(const QJsonValue &v, const QString &what)
    {
        const QJsonArray a = v.toArray();
        if (a.size() != 2 || a.at(0).toString().isEmpty() || a.at(1).toString().isEmpty()) {
            fail(QStringLiteral("%1 must be [\"中文\", \"English\"]").arg(what));
            return {};
        }
        return {a.at(0).toString(), a.at(1).toString()};
    }
    std::vector<GisSpec::Names> nameList(const QJsonValue &v, const QString &what)
    {
        std::vector<GisSpec::Names> out;
        for (const QJsonValue &e : v.toArray())
            out.push_back(names(e, what));
        if (out.empty())
            fail(QStringLiteral("%1 is empty").arg(what));
        return out;
    }
};

// ---------------------------------------------------------------------------------------
// Terrain: one function for the DEM, the orthophoto and the placement of things
// ---------------------------------------------------------------------------------------

class Terrain
{
public:
    Terrain(const GisSpec &s, const Layout &L)
        : T(s.terrain), c0(s.centre), seed(L.r.seed * 2654435761ull + 99),
          district(0, 0, L.r.tilesX * L.r.tileSize, L.r.tilesY * L.r.tileSize)
    {
        const double az = T.upAzimuthDeg * kPi / 180.0;
        ux = std::sin(az);
        uy = std::cos(az);
    }

    const GisSpec::Terrain &T;
    QPointF c0;
    uint64_t seed;
    QRectF district;
    double ux = 0, uy = 1;

    double up(double x, double y) const { return (x - c0.x()) * ux + (y - c0.y()) * uy; }
    double along(double x, double y) const { return -(x - c0.x()) * uy + (y - c0.y()) * ux; }
    QPointF at(double t, double s) const { return QPointF(c0.x() + ux * t - uy * s, c0.y() + uy * t + ux * s); }
    double wobble(double s) const
    {
        return T.coastWobble * (0.55 * std::sin(s / 140.0 + 0.7) + 0.9 * (smoothNoise(s / 85.0, 0.37, seed) - 0.5));
    }
    /** Signed distance-like value: > 0 on land, < 0 in the sea (metres, roughly). */
    double coast(double x, double y) const { return up(x, y) + T.coastDistance + wobble(along(x, y)); }
    /** The point where coast() == c at along-shore position s. */
    QPointF coastPoint(double s, double c) const { return at(c - T.coastDistance - wobble(s), s); }
    double distanceToDistrict(double x, double y) const
    {
        const double dx = std::max({district.left() - x, 0.0, x - district.right()});
        const double dy = std::max({district.top() - y, 0.0, y - district.bottom()});
        return std::hypot(dx, dy);
    }
    /** Ground height (m); NaN in the sea. Exactly 0 inside the district and its flat margin. */
    double height(double x, double y) const
    {
        const double c = coast(x, y);
        if (c < 0)
            return std::numeric_limits<double>::quiet_NaN();
        const double flat = smoothstep(T.flatMargin, T.flatMargin + T.blend, distanceToDistrict(x, y));
        if (flat <= 0)
            return 0.0;
        const double t = up(x, y) - T.slopeStart;
        const double k = 60.0;
        const double rise = T.slope * (t / k > 30 ? t : k * std::log1p(std::exp(t / k)));
        double hills = 0;
        for (const GisSpec::Hill &h : T.hills) {
            const double d2 = (x - h.at.x()) * (x - h.at.x()) + (y - h.at.y()) * (y - h.at.y());
            hills += h.height * std::exp(-d2 / (2 * h.radius * h.radius));
        }
        const double land = rise + hills;
        const double n = T.hillNoise * 2 * (smoothNoise(x / 55.0, y / 55.0, seed + 1) - 0.5)
                         + 0.4 * T.hillNoise * (smoothNoise(x / 17.0, y / 17.0, seed + 2) - 0.5);
        const double beach = T.beachHeight * smoothstep(0, T.beachWidth, c);
        return flat * std::max(0.0, beach + land + n * smoothstep(0, 12, land));
    }
};

// ---------------------------------------------------------------------------------------
// Features
// ---------------------------------------------------------------------------------------

struct BuildingRec
{
    int id = 0;
    QString name, nameEn, use, grade, address, addressEn;
    double height = 0, eaveHeight = 0;
    int floors = 0, year = 0;
    std::vector<QPolygonF> rings; ///< outer first (counter-clockwise), then holes (clockwise)
    QPointF gate;                 ///< where its POI goes (inside the footprint)
};

struct StreetRec
{
    QString name, nameEn, cls;
    double width = 0;
    QPolygonF line;
};

struct PoiRec
{
    int id = 0;
    GisSpec::Poi spec;
    QPointF pos;
    QString description, descriptionEn, address, photo;
    int building = -1; ///< index into the buildings, or -1
};

struct Features
{
    std::vector<BuildingRec> buildings;
    std::vector<StreetRec> streets;
    std::vector<PoiRec> pois;
};

QPolygonF rectRing(const QRectF &r, bool ccw)
{
    QPolygonF p;
    if (ccw)
        p << QPointF(r.left(), r.top()) << QPointF(r.right(), r.top()) << QPointF(r.right(), r.bottom())
          << QPointF(r.left(), r.bottom());
    else
        p << QPointF(r.left(), r.top()) << QPointF(r.left(), r.bottom()) << QPointF(r.right(), r.bottom())
          << QPointF(r.right(), r.top());
    return p;
}

QString ordinalZh(int n)
{
    static const char *const digits[] = {"", "二", "三", "四", "五", "六", "七", "八", "九"};
    return n >= 1 && n <= 8 ? QString::fromUtf8(digits[n]) : QString::number(n + 1);
}

QString gradeEn(const QString &g)
{
    if (g == QStringLiteral("省级文物保护单位"))
        return QStringLiteral("a provincial protected heritage site");
    if (g == QStringLiteral("市级文物保护单位"))
        return QStringLiteral("a municipal protected heritage site");
    if (g == QStringLiteral("历史建筑"))
        return QStringLiteral("a listed historic building");
    return {};
}

bool isProtected(const QString &g)
{
    return g.endsWith(QStringLiteral("文物保护单位"));
}

/** Style phrases of the archive photo kinds. */
std::pair<QString, QString> styleOf(const QString &kind)
{
    if (kind == QLatin1String("liyuan"))
        return {QStringLiteral("典型的青岛里院建筑，砖木结构，临街为商铺，院内有天井和回廊"),
                QStringLiteral("a typical Qingdao liyuan courtyard building of brick and timber, with shops on the street and galleries around the courtyard")};
    if (kind == QLatin1String("shop"))
        return {QStringLiteral("临街商业建筑，底层为店面，楼上为住宅"),
                QStringLiteral("a street-front commercial building with shops below and dwellings above")};
    if (kind == QLatin1String("villa"))
        return {QStringLiteral("依山而建的独立洋楼，带花园"), QStringLiteral("a detached villa on the hillside with a garden")};
    if (kind == QLatin1String("school"))
        return {QStringLiteral("砖石结构的公共建筑，立面对称，中部有山花"),
                QStringLiteral("a symmetrical public building of brick and stone with a central pediment")};
    if (kind == QLatin1String("church"))
        return {QStringLiteral("带钟楼的小型礼拜堂"), QStringLiteral("a small chapel with a bell tower")};
    if (kind == QLatin1String("tower"))
        return {QStringLiteral("现代高层办公楼，玻璃幕墙"), QStringLiteral("a modern high-rise office tower with a curtain wall")};
    if (kind == QLatin1String("pavilion"))
        return {QStringLiteral("山顶观景亭，可俯瞰海湾"), QStringLiteral("a hilltop pavilion overlooking the bay")};
    if (kind == QLatin1String("lighthouse"))
        return {QStringLiteral("石砌塔楼"), QStringLiteral("a masonry tower")};
    if (kind == QLatin1String("pier"))
        return {QStringLiteral("石砌码头与海滨步道"), QStringLiteral("a stone pier and seaside promenade")};
    if (kind == QLatin1String("temple"))
        return {QStringLiteral("传统院落式庙宇"), QStringLiteral("a traditional courtyard temple")};
    if (kind == QLatin1String("park"))
        return {QStringLiteral("街区绿地，设有步道和树阵"), QStringLiteral("a neighbourhood green with paths and rows of trees")};
    return {QStringLiteral("开放式城市广场，中央有喷泉"), QStringLiteral("an open city square with a fountain in the middle")};
}

Features buildFeatures(const Layout &L, const GisSpec &spec, const Terrain &terrain)
{
    const Recipe &r = L.r;
    Features F;
    const double tanp = std::tan(r.roofPitchDeg * kPi / 180.0);
    Rng rng(r.seed * 4099 + 7);

    const GisSpec::Zone *core = nullptr;
    for (const GisSpec::Zone &z : spec.zones)
        if (z.type == QLatin1String("core") && !core)
            core = &z;
    auto inCore = [&](const QPointF &p) { return core && core->ring.containsPoint(p, Qt::OddEvenFill); };

    // --- buildings: one per courtyard block, then the tower
    for (size_t k = 0; k < L.blocks.size(); ++k) {
        const Block &b = L.blocks[k];
        BuildingRec rec;
        rec.id = int(F.buildings.size()) + 1;
        const GisSpec::Names &li = spec.li[k % spec.li.size()];
        const int round = int(k / spec.li.size());
        rec.name = li.first + (round ? ordinalZh(round) : QString());
        rec.nameEn = li.second + (round ? QStringLiteral(" %1").arg(round + 1) : QString());
        for (const Wing &w : b.wings) {
            const double D = std::min(w.x1 - w.x0, w.y1 - w.y0);
            rec.height = std::max(rec.height, w.height + D / 2 * tanp); // the ridge
            rec.eaveHeight = std::max(rec.eaveHeight, w.height);
            rec.floors = std::max(rec.floors, w.floors);
        }
        rec.rings.push_back(rectRing(b.outer, true));
        // courtyards: the inner rectangle, split by a cross wing
        std::vector<QRectF> yards{b.inner};
        for (const QRectF &cw : b.crossWings) {
            std::vector<QRectF> next;
            for (const QRectF &y : yards) {
                if (!y.intersects(cw)) {
                    next.push_back(y);
                    continue;
                }
                if (cw.width() >= y.width() - 0.1) { // across x: split in y
                    if (cw.top() > y.top() + 0.5)
                        next.push_back(QRectF(QPointF(y.left(), y.top()), QPointF(y.right(), cw.top())));
                    if (cw.bottom() < y.bottom() - 0.5)
                        next.push_back(QRectF(QPointF(y.left(), cw.bottom()), QPointF(y.right(), y.bottom())));
                } else {
                    if (cw.left() > y.left() + 0.5)
                        next.push_back(QRectF(QPointF(y.left(), y.top()), QPointF(cw.left(), y.bottom())));
                    if (cw.right() < y.right() - 0.5)
                        next.push_back(QRectF(QPointF(cw.right(), y.top()), QPointF(y.right(), y.bottom())));
                }
            }
            yards = next;
        }
        for (const QRectF &y : yards)
            rec.rings.push_back(rectRing(y, false));
        // the gate (street address) and a point 2 m inside the footprint behind it
        int streetJ = b.cy;
        double gx = b.outer.center().x();
        bool northSide = false;
        for (const Wall &w : b.walls) {
            if (w.inner || w.gateAt < 0)
                continue;
            const double len = std::hypot(w.bx - w.ax, w.by - w.ay);
            gx = w.ax + (w.bx - w.ax) * w.gateAt / len;
            northSide = std::fabs(w.ay - b.outer.bottom()) < 1e-6; // QRectF bottom = max y
            streetJ = northSide ? b.cy + 1 : b.cy;
        }
        rec.gate = QPointF(gx, northSide ? b.outer.bottom() - 2.0 : b.outer.top() + 2.0);
        const GisSpec::Names &street = spec.eastWest[size_t(std::clamp(streetJ, 0, int(spec.eastWest.size()) - 1))];
        // the block lies north of a street on its south side: even numbers there
        const int number = 2 * int(gx / 10.0) + (northSide ? 1 : 2);
        rec.address = QStringLiteral("%1%2号").arg(street.first).arg(number);
        rec.addressEn = QStringLiteral("%1 %2").arg(number).arg(street.second);
        rec.year = rng.range(1899, 1937);
        rec.use = rng.chance(0.7) ? QStringLiteral("residential") : QStringLiteral("commercial");
        rec.grade = inCore(b.outer.center()) && rng.chance(0.45) ? QStringLiteral("历史建筑") : QStringLiteral("none");
        F.buildings.push_back(rec);
    }
    int towerIndex = -1;
    if (!L.tower.footprint.isEmpty()) {
        BuildingRec rec;
        rec.id = int(F.buildings.size()) + 1;
        rec.name = QStringLiteral("海泊国际大厦");
        rec.nameEn = QStringLiteral("Haibo International Tower");
        rec.height = L.tower.height() + L.tower.penthouseHeight; // top of the rooftop penthouse
        rec.eaveHeight = L.tower.height();
        rec.floors = L.tower.floors;
        rec.use = QStringLiteral("office");
        rec.year = 2012;
        rec.grade = QStringLiteral("none");
        rec.rings.push_back(rectRing(L.tower.footprint, true));
        rec.gate = L.tower.footprint.center();
        const int j = int(std::floor(L.tower.footprint.center().y() / r.cellSize + 0.5));
        const GisSpec::Names &street = spec.eastWest[size_t(std::clamp(j, 0, int(spec.eastWest.size()) - 1))];
        const int number = 2 * int(L.tower.footprint.center().x() / 10.0) + 1;
        rec.address = QStringLiteral("%1%2号").arg(street.first).arg(number);
        rec.addressEn = QStringLiteral("%1 %2").arg(number).arg(street.second);
        towerIndex = int(F.buildings.size());
        F.buildings.push_back(rec);
    }

    // --- streets: the grid lines (split by the plaza); main streets run on beyond the district
    const int nx = r.cellsX(), ny = r.cellsY();
    const double Wd = nx * r.cellSize, Hd = ny * r.cellSize;
    const double half = spec.size / 2;
    const QRectF extent(spec.centre.x() - half, spec.centre.y() - half, spec.size, spec.size);
    auto runOut = [&](QPointF p, QPointF dir) { // from the district edge to the extent edge or the beach
        QPointF last = p;
        for (int i = 1; i < 2000; ++i) {
            const QPointF q = p + dir * (5.0 * i);
            if (!extent.adjusted(2, 2, -2, -2).contains(q) || terrain.coast(q.x(), q.y()) < terrain.T.beachWidth + 8)
                break;
            last = q;
        }
        return last;
    };
    auto addGridStreet = [&](const GisSpec::Names &names, bool main, double width, QPolygonF pts) {
        // drop the segments through the plaza, keep the runs between
        QPolygonF run;
        auto flush = [&] {
            if (run.size() >= 2)
                F.streets.push_back(StreetRec{names.first, names.second,
                                              main ? QStringLiteral("main") : QStringLiteral("minor"), width, run});
            run.clear();
        };
        for (int i = 0; i + 1 < pts.size(); ++i) {
            const QPointF mid = (pts[i] + pts[i + 1]) / 2;
            if (L.plaza.contains(mid)) {
                flush();
                continue;
            }
            if (run.isEmpty())
                run << pts[i];
            run << pts[i + 1];
        }
        flush();
    };
    for (int i = 0; i <= nx; ++i) {
        const double x = i * r.cellSize;
        const bool main = i % r.mainEvery == 0;
        QPolygonF pts;
        if (main)
            pts << runOut(QPointF(x, 0), QPointF(0, -1));
        for (int j = 0; j <= ny; ++j)
            pts << QPointF(x, j * r.cellSize);
        if (main)
            pts << runOut(QPointF(x, Hd), QPointF(0, 1));
        pts.erase(std::unique(pts.begin(), pts.end()), pts.end());
        addGridStreet(spec.northSouth[size_t(std::min<int>(i, int(spec.northSouth.size()) - 1))], main, 2 * L.halfCarriageX(i), pts);
    }
    for (int j = 0; j <= ny; ++j) {
        const double y = j * r.cellSize;
        const bool main = j % r.mainEvery == 0;
        QPolygonF pts;
        if (main)
            pts << runOut(QPointF(0, y), QPointF(-1, 0));
        for (int i = 0; i <= nx; ++i)
            pts << QPointF(i * r.cellSize, y);
        if (main)
            pts << runOut(QPointF(Wd, y), QPointF(1, 0));
        pts.erase(std::unique(pts.begin(), pts.end()), pts.end());
        addGridStreet(spec.eastWest[size_t(std::min<int>(j, int(spec.eastWest.size()) - 1))], main, 2 * L.halfCarriageY(j), pts);
    }
    { // the coastal road: the longest run inside the extent
        QPolygonF best, run;
        for (double s = -spec.size * 1.5; s <= spec.size * 1.5; s += 15) {
            const QPointF p = terrain.coastPoint(s, terrain.T.beachWidth + 12);
            if (extent.contains(p)) {
                run << p;
            } else {
                if (run.size() > best.size())
                    best = run;
                run.clear();
            }
        }
        if (run.size() > best.size())
            best = run;
        if (best.size() >= 2)
            F.streets.push_back(StreetRec{spec.coastal.first, spec.coastal.second, QStringLiteral("coastal"), 12, best});
    }
    if (!spec.terrain.hills.empty()) { // a road winding up the first hill from the district's far corner
        const QPointF a(Wd, Hd), b = spec.terrain.hills.front().at;
        const QPointF d = b - a;
        const double len = std::hypot(d.x(), d.y());
        const QPointF perp(-d.y() / len, d.x() / len);
        QPolygonF pts;
        for (int k = 0; k <= 48; ++k) {
            const double u = k / 48.0;
            pts << a + d * u * 0.97 + perp * (42.0 * std::sin(2.5 * kPi * u) * std::sin(kPi * u));
        }
        F.streets.push_back(StreetRec{spec.hill.first, spec.hill.second, QStringLiteral("hill"), 6, pts});
    }

    // --- points of interest
    std::vector<int> coreBlocks, otherBlocks;
    for (size_t k = 0; k < L.blocks.size(); ++k)
        (inCore(L.blocks[k].outer.center()) ? coreBlocks : otherBlocks).push_back(int(k));
    Rng pr(r.seed * 131 + 3);
    auto shuffle = [&](std::vector<int> &v) {
        for (size_t i = v.size(); i > 1; --i)
            std::swap(v[i - 1], v[size_t(pr.next() % i)]);
    };
    shuffle(coreBlocks);
    shuffle(otherBlocks);
    auto takeBlock = [&](bool preferCore) {
        std::vector<int> &first = preferCore ? coreBlocks : otherBlocks, &second = preferCore ? otherBlocks : coreBlocks;
        std::vector<int> &from = !first.empty() ? first : second;
        if (from.empty())
            return -1;
        const int b = from.back();
        from.pop_back();
        return b;
    };
    std::vector<QPoint> parks;
    for (const QPoint &c : r.parks)
        if (c.x() >= 0 && c.y() >= 0 && c.x() < nx && c.y() < ny && L.cellKind(c.x(), c.y()) == CellKind::Park)
            parks.push_back(c);

    for (const GisSpec::Poi &p : spec.pois) {
        PoiRec rec;
        rec.id = int(F.pois.size()) + 1;
        rec.spec = p;
        QString whereZh, whereEn;
        if (p.place == QLatin1String("block")) {
            const int b = takeBlock(isProtected(p.grade));
            if (b < 0)
                continue; // more POIs than blocks: skip the rest
            BuildingRec &bld = F.buildings[size_t(b)];
            rec.building = b;
            rec.pos = bld.gate;
            rec.address = bld.address;
            whereZh = bld.name + QStringLiteral("，") + bld.address;
            whereEn = bld.nameEn + QStringLiteral(", ") + bld.addressEn;
            if (!p.grade.isEmpty())
                bld.grade = p.grade;
            if (isProtected(bld.grade))
                bld.use = QStringLiteral("heritage");
            else if (p.category == QLatin1String("former_residence"))
                bld.use = QStringLiteral("residential");
            else
                bld.use = QStringLiteral("commercial");
            if (p.year > 0 && p.year < 1945)
                bld.year = p.year;
        } else if (p.place == QLatin1String("tower")) {
            if (towerIndex < 0)
                continue;
            BuildingRec &bld = F.buildings[size_t(towerIndex)];
            bld.name = p.name;
            bld.nameEn = p.nameEn;
            if (p.year > 0)
                bld.year = p.year;
            rec.building = towerIndex;
            rec.pos = bld.gate;
            rec.address = bld.address;
            whereZh = bld.address;
            whereEn = bld.addressEn;
        } else if (p.place == QLatin1String("plaza")) {
            rec.pos = QPointF(L.plaza.center().x(), L.plaza.top() + 9);
        } else if (p.place == QLatin1String("fountain")) {
            rec.pos = L.fountain;
        } else if (p.place == QLatin1String("park")) {
            if (p.index < 0 || p.index >= int(parks.size()))
                continue;
            rec.pos = L.cellRect(parks[size_t(p.index)].x(), parks[size_t(p.index)].y()).center();
        } else if (p.place == QLatin1String("coast")) {
            rec.pos = terrain.coastPoint(p.along, 6);
            whereZh = spec.coastal.first + QStringLiteral("海滨");
            whereEn = QStringLiteral("on the shore of ") + spec.coastal.second;
        } else { // "at": nudge inland when the point fell into the sea
            rec.pos = p.at;
            for (int i = 0; i < 200 && terrain.coast(rec.pos.x(), rec.pos.y()) < 8; ++i)
                rec.pos = rec.pos + QPointF(terrain.ux, terrain.uy) * 5.0;
        }
        if (whereZh.isEmpty()) {
            if (L.plaza.adjusted(-5, -5, 5, 5).contains(rec.pos) || QRectF(0, 0, Wd, Hd).contains(rec.pos)) {
                whereZh = QStringLiteral("大鲍岛街区");
                whereEn = QStringLiteral("in the Dabaodao quarter");
            } else {
                whereZh = QStringLiteral("大鲍岛街区外围");
                whereEn = QStringLiteral("on the edge of the Dabaodao quarter");
                for (const GisSpec::Hill &h : spec.terrain.hills) {
                    if (std::hypot(rec.pos.x() - h.at.x(), rec.pos.y() - h.at.y()) < 1.4 * h.radius) {
                        whereZh = h.name;
                        whereEn = QStringLiteral("on ") + h.nameEn;
                        break;
                    }
                }
            }
        } else if (!whereEn.startsWith(QLatin1String("on "))) {
            whereEn = QStringLiteral("at ") + whereEn;
        }
        const auto style = styleOf(p.photo);
        rec.description = QStringLiteral("%1，%2年建，%3，位于%4。").arg(p.name).arg(p.year).arg(style.first, whereZh);
        rec.descriptionEn = QStringLiteral("%1, built in %2: %3, %4.").arg(p.nameEn).arg(p.year).arg(style.second, whereEn);
        if (!p.grade.isEmpty()) {
            rec.description += QStringLiteral("现为%1。").arg(p.grade);
            rec.descriptionEn += QStringLiteral(" Now %1.").arg(gradeEn(p.grade));
        }
        rec.photo = QStringLiteral("photos/poi_%1.jpg").arg(rec.id, 2, 10, QLatin1Char('0'));
        F.pois.push_back(rec);
    }
    return F;
}

// ---------------------------------------------------------------------------------------
// GDAL helpers
// ---------------------------------------------------------------------------------------

/** Keeps GDAL quiet on this thread and resets the error state; lastError() reads it. */
class GdalQuiet
{
public:
    GdalQuiet()
    {
        CPLPushErrorHandler(CPLQuietErrorHandler);
        CPLErrorReset();
    }
    ~GdalQuiet() { CPLPopErrorHandler(); }
    static QString lastError()
    {
        const QString m = QString::fromUtf8(CPLGetLastErrorMsg());
        return m.isEmpty() ? QStringLiteral("unknown GDAL error") : m;
    }
};

struct SrsDeleter
{
    void operator()(void *s) const { OSRDestroySpatialReference(static_cast<OGRSpatialReferenceH>(s)); }
};
using SrsPtr = std::unique_ptr<void, SrsDeleter>;

SrsPtr makeSrs()
{
    OGRSpatialReferenceH srs = OSRNewSpatialReference(nullptr);
    if (OSRImportFromEPSG(srs, kEpsg) != OGRERR_NONE) {
        OSRDestroySpatialReference(srs);
        return SrsPtr(nullptr);
    }
    OSRSetAxisMappingStrategy(srs, OAMS_TRADITIONAL_GIS_ORDER); // x = easting
    return SrsPtr(srs);
}

/** Thread-local GDAL config options for the duration of a scope. */
class ConfigScope
{
public:
    void set(const char *key, const char *value)
    {
        CPLSetThreadLocalConfigOption(key, value);
        m_keys.push_back(key);
    }
    ~ConfigScope()
    {
        for (const char *k : m_keys)
            CPLSetThreadLocalConfigOption(k, nullptr);
    }

private:
    std::vector<const char *> m_keys;
};

struct GeoGrid
{
    double minX, maxY, pixel; ///< absolute (EPSG:4549) north-west corner
    int width, height;
};

/** Creates a tiled GeoTIFF; nullptr with *error on failure. */
GDALDatasetH createTiff(const QString &path, const GeoGrid &g, int bands, GDALDataType type,
                        const QList<QByteArray> &options, QString *error)
{
    GDALDriverH drv = GDALGetDriverByName("GTiff");
    if (!drv) {
        *error = QStringLiteral("%1: GDAL has no GTiff driver").arg(QDir::toNativeSeparators(path));
        return nullptr;
    }
    char **opts = nullptr;
    opts = CSLSetNameValue(opts, "TILED", "YES");
    opts = CSLSetNameValue(opts, "BLOCKXSIZE", "256");
    opts = CSLSetNameValue(opts, "BLOCKYSIZE", "256");
    for (const QByteArray &o : options) {
        const int eq = o.indexOf('=');
        opts = CSLSetNameValue(opts, o.left(eq).constData(), o.mid(eq + 1).constData());
    }
    GDALDatasetH ds = GDALCreate(drv, QFile::encodeName(path).constData(), g.width, g.height, bands, type, opts);
    CSLDestroy(opts);
    if (!ds) {
        *error = QStringLiteral("%1: cannot create: %2").arg(QDir::toNativeSeparators(path), GdalQuiet::lastError());
        return nullptr;
    }
    double gt[6] = {g.minX, g.pixel, 0, g.maxY, 0, -g.pixel};
    GDALSetGeoTransform(ds, gt);
    SrsPtr srs = makeSrs();
    if (!srs || GDALSetSpatialRef(ds, static_cast<OGRSpatialReferenceH>(srs.get())) != CE_None) {
        *error = QStringLiteral("%1: cannot set EPSG:%2: %3").arg(QDir::toNativeSeparators(path)).arg(kEpsg).arg(GdalQuiet::lastError());
        GDALClose(ds);
        return nullptr;
    }
    GDALSetMetadataItem(ds, "AREA_OR_POINT", "Area", nullptr);
    GDALSetMetadataItem(ds, "TIFFTAG_IMAGEDESCRIPTION", "Liyuan procedural demo district (not a survey)", nullptr);
    return ds;
}

bool buildOverviewsAndClose(GDALDatasetH ds, const QString &path, const char *resampling, int minSize, QString *error)
{
    std::vector<int> levels;
    int w = GDALGetRasterXSize(ds), h = GDALGetRasterYSize(ds);
    for (int f = 2; std::max(w, h) / f >= minSize; f *= 2)
        levels.push_back(f);
    if (!levels.empty()
        && GDALBuildOverviews(ds, resampling, int(levels.size()), levels.data(), 0, nullptr, nullptr, nullptr) != CE_None) {
        *error = QStringLiteral("%1: cannot build overviews: %2").arg(QDir::toNativeSeparators(path), GdalQuiet::lastError());
        GDALClose(ds);
        return false;
    }
    CPLErrorReset();
    GDALClose(ds);
    if (CPLGetLastErrorType() >= CE_Failure) {
        *error = QStringLiteral("%1: cannot finish writing: %2").arg(QDir::toNativeSeparators(path), GdalQuiet::lastError());
        return false;
    }
    return true;
}

// ---------------------------------------------------------------------------------------
// DEM
// ---------------------------------------------------------------------------------------

struct DemGrid
{
    int width = 0, height = 0;
    double minX = 0, maxY = 0, pixel = 1; ///< local metres
    std::vector<float> h;                 ///< NaN in the sea
    /** Bilinear height at local (x, y), sea treated as 0. */
    double sample(double x, double y) const
    {
        const double fx = std::clamp((x - minX) / pixel - 0.5, 0.0, width - 1.001);
        const double fy = std::clamp((maxY - y) / pixel - 0.5, 0.0, height - 1.001);
        const int ix = int(fx), iy = int(fy);
        const double tx = fx - ix, ty = fy - iy;
        auto v = [&](int i, int j) {
            const float f = h[size_t(j) * width + i];
            return std::isnan(f) ? 0.0 : double(f);
        };
        return (v(ix, iy) * (1 - tx) + v(ix + 1, iy) * tx) * (1 - ty) + (v(ix, iy + 1) * (1 - tx) + v(ix + 1, iy + 1) * tx) * ty;
    }
};

DemGrid computeDem(const GisSpec &spec, const Terrain &terrain)
{
    DemGrid g;
    g.pixel = spec.demPixel;
    g.width = g.height = int(std::lround(spec.size / spec.demPixel));
    g.minX = spec.centre.x() - spec.size / 2;
    g.maxY = spec.centre.y() + spec.size / 2;
    g.h.resize(size_t(g.width) * g.height);
    for (int j = 0; j < g.height; ++j) {
        const double y = g.maxY - (j + 0.5) * g.pixel;
        for (int i = 0; i < g.width; ++i)
            g.h[size_t(j) * g.width + i] = float(terrain.height(g.minX + (i + 0.5) * g.pixel, y));
    }
    return g;
}

bool writeDem(const DemGrid &g, const Recipe &r, const GisSpec &spec, const QString &path, QString *error)
{
    GdalQuiet quiet;
    const GeoGrid geo{r.origin[0] + g.minX, r.origin[1] + g.maxY, g.pixel, g.width, g.height};
    GDALDatasetH ds = createTiff(path, geo, 1, GDT_Float32,
                                 {"COMPRESS=DEFLATE", "PREDICTOR=3", "ZLEVEL=6"}, error);
    if (!ds)
        return false;
    GDALRasterBandH band = GDALGetRasterBand(ds, 1);
    const float nodata = float(spec.terrain.nodata);
    std::vector<float> out(g.h);
    for (float &v : out)
        if (std::isnan(v))
            v = nodata;
    GDALSetRasterNoDataValue(band, nodata);
    GDALSetRasterUnitType(band, "m");
    GDALSetDescription(band, "ground height above sea level (CGCS2000 / district z)");
    if (GDALRasterIO(band, GF_Write, 0, 0, g.width, g.height, out.data(), g.width, g.height, GDT_Float32, 0, 0) != CE_None) {
        *error = QStringLiteral("%1: cannot write heights: %2").arg(QDir::toNativeSeparators(path), GdalQuiet::lastError());
        GDALClose(ds);
        return false;
    }
    ConfigScope cfg;
    cfg.set("COMPRESS_OVERVIEW", "DEFLATE");
    cfg.set("PREDICTOR_OVERVIEW", "3");
    return buildOverviewsAndClose(ds, path, "AVERAGE", 64, error);
}

// ---------------------------------------------------------------------------------------
// Orthophoto
// ---------------------------------------------------------------------------------------

QImage paintOrtho(const Layout &L, const GisSpec &spec, const Terrain &terrain, const DemGrid &dem, const Features &F)
{
    const Recipe &r = L.r;
    const double px = spec.orthoPixel;
    const int N = int(std::lround(spec.size / px));
    const double minX = spec.centre.x() - spec.size / 2, maxY = spec.centre.y() + spec.size / 2;
    QImage img(N, N, QImage::Format_RGB32);
    const uint64_t seed = r.seed * 7717 + 5;
    const auto &T = spec.terrain;

    // hill shading per DEM cell
    std::vector<float> shadeGrid(size_t(dem.width) * dem.height, 1.0f);
    for (int j = 1; j + 1 < dem.height; ++j) {
        for (int i = 1; i + 1 < dem.width; ++i) {
            auto hv = [&](int a, int b) {
                const float f = dem.h[size_t(b) * dem.width + a];
                return std::isnan(f) ? 0.0 : double(f);
            };
            const double gx = (hv(i + 1, j) - hv(i - 1, j)) / (2 * dem.pixel);
            const double gy = (hv(i, j - 1) - hv(i, j + 1)) / (2 * dem.pixel); // row 0 = north
            const double n = std::sqrt(gx * gx + gy * gy + 1);
            shadeGrid[size_t(j) * dem.width + i] = float(L.light(-gx / n, -gy / n, 1 / n));
        }
    }
    auto shadeAt = [&](double x, double y) {
        const int i = std::clamp(int((x - dem.minX) / dem.pixel), 0, dem.width - 1);
        const int j = std::clamp(int((dem.maxY - y) / dem.pixel), 0, dem.height - 1);
        return double(shadeGrid[size_t(j) * dem.width + i]);
    };

    const QColor fieldColors[] = {QColor(0x8a, 0x9a, 0x55), QColor(0xb0, 0xa0, 0x60), QColor(0x7d, 0x6b, 0x4e),
                                  QColor(0x6e, 0x8a, 0x3e), QColor(0x9a, 0xa8, 0x6a), QColor(0xa0, 0x8a, 0x5a)};
    const QColor forest(0x3d, 0x57, 0x2c), hedge(0x6f, 0x74, 0x4a), sand(0xd8, 0xc7, 0x9c), wetSand(0xae, 0xa0, 0x7c),
            shallow(0x5f, 0x97, 0x9c), deep(0x2a, 0x55, 0x6c);
    const double fa = 12 * kPi / 180, fc = std::cos(fa), fs = std::sin(fa);
    auto forestWeight = [&](double x, double y, double h) {
        return smoothstep(20, 36, h + 14 * (smoothNoise(x / 70.0, y / 70.0, seed + 3) - 0.5));
    };

    for (int j = 0; j < N; ++j) {
        QRgb *row = reinterpret_cast<QRgb *>(img.scanLine(j));
        const double y = maxY - (j + 0.5) * px;
        for (int i = 0; i < N; ++i) {
            const double x = minX + (i + 0.5) * px;
            const double c = terrain.coast(x, y);
            const double grain = 1.0 + 0.06 * (hash01(i, j, seed) - 0.5);
            double R, G, B;
            if (c < 0) {
                const double d = smoothstep(0, 160, -c);
                const double wave = 1.0 + 0.05 * std::sin((terrain.along(x, y) + 9 * smoothNoise(x / 9.0, y / 9.0, seed + 4)) / 2.3);
                const double foam = c > -3 ? 0.35 * (1 + c / 3) : 0.0;
                R = (shallow.red() + (deep.red() - shallow.red()) * d) * wave;
                G = (shallow.green() + (deep.green() - shallow.green()) * d) * wave;
                B = (shallow.blue() + (deep.blue() - shallow.blue()) * d) * wave;
                R += (235 - R) * foam;
                G += (240 - G) * foam;
                B += (235 - B) * foam;
            } else if (c < T.beachWidth * 0.8) {
                const double wet = 1 - smoothstep(0, 5, c);
                R = sand.red() + (wetSand.red() - sand.red()) * wet;
                G = sand.green() + (wetSand.green() - sand.green()) * wet;
                B = sand.blue() + (wetSand.blue() - sand.blue()) * wet;
            } else {
                const double h = dem.sample(x, y);
                // fields: a rotated grid of plots with crop rows
                const double fx = x * fc + y * fs, fy = -x * fs + y * fc;
                const double cw = 46, ch = 70;
                const double cx = std::floor(fx / cw), cy = std::floor(fy / ch);
                const double ex = std::min(fx - cx * cw, (cx + 1) * cw - fx), ey = std::min(fy - cy * ch, (cy + 1) * ch - fy);
                const int kind = int(hash01(int64_t(cx), int64_t(cy), seed + 7) * 6);
                QColor fcol = fieldColors[kind];
                double rows = 1.0;
                if (kind != 2 && kind != 5)
                    rows += 0.07 * std::sin(fx * (2 * kPi / 1.6));
                else
                    rows += 0.05 * std::sin(fy * (2 * kPi / 2.2));
                double fr = fcol.red() * rows, fg = fcol.green() * rows, fb = fcol.blue() * rows;
                if (std::min(ex, ey) < 1.2) {
                    fr = hedge.red();
                    fg = hedge.green();
                    fb = hedge.blue();
                }
                const double w = forestWeight(x, y, h);
                const double fn = 0.85 + 0.3 * smoothNoise(x / 6.0, y / 6.0, seed + 9);
                // near the district: mown grass verges instead of crops
                const double verge = 1 - smoothstep(T.flatMargin, T.flatMargin + 25, terrain.distanceToDistrict(x, y));
                fr += (r.grass.red() - fr) * verge;
                fg += (r.grass.green() - fg) * verge;
                fb += (r.grass.blue() - fb) * verge;
                const double landFade = smoothstep(T.beachWidth * 0.8, T.beachWidth * 1.3, c);
                R = (fr + (forest.red() * fn - fr) * w);
                G = (fg + (forest.green() * fn - fg) * w);
                B = (fb + (forest.blue() * fn - fb) * w);
                R = sand.red() + (R - sand.red()) * landFade;
                G = sand.green() + (G - sand.green()) * landFade;
                B = sand.blue() + (B - sand.blue()) * landFade;
                const double s = std::pow(shadeAt(x, y), 0.8);
                R *= s;
                G *= s;
                B *= s;
            }
            row[i] = qRgb(std::clamp(int(R * grain), 0, 255), std::clamp(int(G * grain), 0, 255),
                          std::clamp(int(B * grain), 0, 255));
        }
    }

    QPainter p(&img);
    const double sc = 1.0 / px;
    const QTransform world(sc, 0, 0, -sc, -minX * sc, maxY * sc);
    p.setTransform(world);
    p.setRenderHint(QPainter::Antialiasing, true);
    p.setPen(Qt::NoPen);

    // trees: forest on the hills, hedgerow trees between the fields
    {
        Rng tr(seed + 11);
        const QPointF per = L.shadowPerMetre();
        const double step = 4.5;
        for (double y = maxY - step / 2; y > maxY - spec.size; y -= step) {
            for (double x = minX + step / 2; x < minX + spec.size; x += step) {
                const double jx = x + tr.uniform(-1.8, 1.8), jy = y + tr.uniform(-1.8, 1.8);
                const double rad = tr.uniform(1.7, 3.1);
                const int fol = tr.range(0, int(r.foliage.size()) - 1);
                const double pick = tr.uniform();
                const double c = terrain.coast(jx, jy);
                if (c < T.beachWidth * 1.2 || terrain.distanceToDistrict(jx, jy) < T.flatMargin + 6)
                    continue;
                const double h = dem.sample(jx, jy);
                double prob = 0.88 * forestWeight(jx, jy, h);
                const double fx = jx * fc + jy * fs, fy = -jx * fs + jy * fc;
                const double ex = std::fabs(std::remainder(fx, 46.0)), ey = std::fabs(std::remainder(fy, 70.0));
                if (std::min(ex, ey) < 2.5)
                    prob = std::max(prob, 0.3);
                if (pick >= prob)
                    continue;
                const QColor col = r.foliage.at(fol);
                p.setBrush(QColor(0, 0, 0, 70));
                p.drawEllipse(QPointF(jx, jy) + per * (rad * 1.6), rad * 0.95, rad * 0.95);
                p.setBrush(shade(col, 0.82));
                p.drawEllipse(QPointF(jx, jy), rad, rad);
                p.setBrush(shade(col, 1.12));
                p.drawEllipse(QPointF(jx + L.sun[0] * rad * 0.35, jy + L.sun[1] * rad * 0.35), rad * 0.55, rad * 0.55);
            }
        }
    }

    // roads outside the district (the district's own streets are in its top view)
    for (const StreetRec &s : F.streets) {
        QPainterPath path;
        path.moveTo(s.line.front());
        for (int k = 1; k < s.line.size(); ++k)
            path.lineTo(s.line[k]);
        QPen curb(r.sidewalk, s.width + (s.cls == QLatin1String("minor") ? 4.4 : 6.0), Qt::SolidLine, Qt::FlatCap, Qt::RoundJoin);
        p.strokePath(path, curb);
        QPen asphalt(r.asphalt, s.width, Qt::SolidLine, Qt::FlatCap, Qt::RoundJoin);
        p.strokePath(path, asphalt);
        if (s.cls != QLatin1String("minor")) {
            QPen mark(s.cls == QLatin1String("main") ? QColor(214, 176, 64) : r.marking, 0.18, Qt::CustomDashLine, Qt::FlatCap);
            mark.setDashPattern({2.0 / 0.18, 4.0 / 0.18});
            p.strokePath(path, mark);
        }
    }
    // the pier and lighthouse of the harbour
    for (const PoiRec &poi : F.pois) {
        if (poi.spec.place != QLatin1String("coast"))
            continue;
        const QPointF out(-terrain.ux, -terrain.uy), side(-terrain.uy, terrain.ux);
        if (poi.spec.photo == QLatin1String("pier")) {
            const QPointF a = poi.pos, b = poi.pos + out * 70.0;
            QPolygonF pier;
            pier << a - side * 3.0 << a + side * 3.0 << b + side * 3.0 << b - side * 3.0;
            p.setBrush(QColor(0, 0, 0, 60));
            p.drawPolygon(pier.translated(L.shadowPerMetre() * 1.5));
            p.setBrush(r.stone);
            p.drawPolygon(pier);
        } else if (poi.spec.photo == QLatin1String("lighthouse")) {
            p.setBrush(QColor(0, 0, 0, 70));
            p.drawEllipse(poi.pos + L.shadowPerMetre() * 8.0, 2.2, 2.2);
            p.setBrush(QColor(235, 232, 225));
            p.drawEllipse(poi.pos, 2.6, 2.6);
            p.setBrush(QColor(150, 40, 35));
            p.drawEllipse(poi.pos, 1.2, 1.2);
        }
    }

    // the district: its outer sidewalks and half streets, then its own top view
    const double Wd = r.cellsX() * r.cellSize, Hd = r.cellsY() * r.cellSize;
    p.setRenderHint(QPainter::Antialiasing, false);
    const double hx = L.halfCarriageX(0), sw = L.sidewalkX(0);
    p.fillRect(QRectF(-hx - sw, -hx - sw, Wd + 2 * (hx + sw), Hd + 2 * (hx + sw)), r.sidewalk);
    p.fillRect(QRectF(-hx, -hx, Wd + 2 * hx, Hd + 2 * hx), r.asphalt);
    p.end();
    QImage district(int(std::lround(Wd / px)), int(std::lround(Hd / px)), QImage::Format_RGB32);
    paintTopView(L, QRectF(0, 0, Wd, Hd), district);
    QPainter q(&img);
    q.drawImage(QPointF((0 - minX) / px, (maxY - Hd) / px), district);
    q.end();
    return img;
}

bool writeOrtho(const QImage &img, const Recipe &r, const GisSpec &spec, const QString &path, QString *error)
{
    GdalQuiet quiet;
    const GeoGrid geo{r.origin[0] + spec.centre.x() - spec.size / 2, r.origin[1] + spec.centre.y() + spec.size / 2,
                      spec.orthoPixel, img.width(), img.height()};
    const QByteArray quality = "JPEG_QUALITY=" + QByteArray::number(spec.jpegQuality);
    GDALDatasetH ds = createTiff(path, geo, 3, GDT_Byte, {"COMPRESS=JPEG", "PHOTOMETRIC=YCBCR", quality}, error);
    if (!ds)
        return false;
    const QImage rgb = img.convertToFormat(QImage::Format_RGB888);
    int bands[3] = {1, 2, 3};
    if (GDALDatasetRasterIO(ds, GF_Write, 0, 0, rgb.width(), rgb.height(), const_cast<uchar *>(rgb.constBits()),
                            rgb.width(), rgb.height(), GDT_Byte, 3, bands, 3, rgb.bytesPerLine(), 1)
        != CE_None) {
        *error = QStringLiteral("%1: cannot write pixels: %2").arg(QDir::toNativeSeparators(path), GdalQuiet::lastError());
        GDALClose(ds);
        return false;
    }
    ConfigScope cfg;
    const QByteArray q = QByteArray::number(spec.jpegQuality);
    cfg.set("COMPRESS_OVERVIEW", "JPEG");
    cfg.set("PHOTOMETRIC_OVERVIEW", "YCBCR");
    cfg.set("INTERLEAVE_OVERVIEW", "PIXEL");
    cfg.set("JPEG_QUALITY_OVERVIEW", q.constData());
    return buildOverviewsAndClose(ds, path, "AVERAGE", 128, error);
}

// ---------------------------------------------------------------------------------------
// GeoPackage
// ---------------------------------------------------------------------------------------

struct FieldDef
{
    const char *name;
    OGRFieldType type;
};

class GpkgWriter
{
public:
    GpkgWriter(const QString &path, const Recipe &r) : m_path(path), m_ox(r.origin[0]), m_oy(r.origin[1]) {}
    ~GpkgWriter()
    {
        if (m_ds)
            GDALClose(m_ds);
    }

    QString error;

    bool open()
    {
        GDALDriverH drv = GDALGetDriverByName("GPKG");
        if (!drv)
            return fail(QStringLiteral("GDAL has no GPKG driver"));
        QFile::remove(m_path);
        m_ds = GDALCreate(drv, QFile::encodeName(m_path).constData(), 0, 0, 0, GDT_Unknown, nullptr);
        if (!m_ds)
            return fail(QStringLiteral("cannot create: %1").arg(GdalQuiet::lastError()));
        m_srs = makeSrs();
        if (!m_srs)
            return fail(QStringLiteral("no EPSG:%1 in PROJ's database").arg(kEpsg));
        return true;
    }

    OGRLayerH layer(const char *name, OGRwkbGeometryType type, const char *description, std::initializer_list<FieldDef> fields)
    {
        char **opts = nullptr;
        opts = CSLSetNameValue(opts, "FID", "fid");
        opts = CSLSetNameValue(opts, "GEOMETRY_NAME", "geom");
        opts = CSLSetNameValue(opts, "DESCRIPTION", description);
        opts = CSLSetNameValue(opts, "SPATIAL_INDEX", "YES");
        OGRLayerH l = GDALDatasetCreateLayer(m_ds, name, static_cast<OGRSpatialReferenceH>(m_srs.get()), type, opts);
        CSLDestroy(opts);
        if (!l) {
            fail(QStringLiteral("cannot create layer '%1': %2").arg(QLatin1String(name), GdalQuiet::lastError()));
            return nullptr;
        }
        for (const FieldDef &f : fields) {
            OGRFieldDefnH fd = OGR_Fld_Create(f.name, f.type);
            if (f.type == OFTString)
                OGR_Fld_SetWidth(fd, 0);
            const OGRErr e = OGR_L_CreateField(l, fd, TRUE);
            OGR_Fld_Destroy(fd);
            if (e != OGRERR_NONE) {
                fail(QStringLiteral("layer '%1': cannot add field %2: %3")
                             .arg(QLatin1String(name), QLatin1String(f.name), GdalQuiet::lastError()));
                return nullptr;
            }
        }
        m_layers << QString::fromLatin1(name);
        return l;
    }

    bool begin() { return GDALDatasetStartTransaction(m_ds, FALSE) == OGRERR_NONE || fail(QStringLiteral("cannot start a transaction")); }
    bool commit()
    {
        if (GDALDatasetCommitTransaction(m_ds) != OGRERR_NONE)
            return fail(QStringLiteral("cannot commit: %1").arg(GdalQuiet::lastError()));
        return true;
    }
    bool close()
    {
        CPLErrorReset();
        GDALClose(m_ds);
        m_ds = nullptr;
        if (CPLGetLastErrorType() >= CE_Failure)
            return fail(QStringLiteral("cannot finish writing: %1").arg(GdalQuiet::lastError()));
        return true;
    }

    // geometry in local metres -> EPSG:4549
    OGRGeometryH ring(const QPolygonF &pts, bool close)
    {
        OGRGeometryH g = OGR_G_CreateGeometry(close ? wkbLinearRing : wkbLineString);
        for (const QPointF &p : pts)
            OGR_G_AddPoint_2D(g, m_ox + p.x(), m_oy + p.y());
        if (close && !pts.isEmpty())
            OGR_G_AddPoint_2D(g, m_ox + pts.front().x(), m_oy + pts.front().y());
        return g;
    }
    OGRGeometryH polygon(const std::vector<QPolygonF> &rings)
    {
        OGRGeometryH g = OGR_G_CreateGeometry(wkbPolygon);
        for (const QPolygonF &r : rings)
            OGR_G_AddGeometryDirectly(g, ring(r, true));
        return g;
    }
    OGRGeometryH point(const QPointF &p)
    {
        OGRGeometryH g = OGR_G_CreateGeometry(wkbPoint);
        OGR_G_SetPoint_2D(g, 0, m_ox + p.x(), m_oy + p.y());
        return g;
    }

    /** Adds a feature; values by field name (QString, int, double). */
    bool add(OGRLayerH l, OGRGeometryH geom, const std::vector<std::pair<const char *, QVariant>> &values)
    {
        OGRFeatureH f = OGR_F_Create(OGR_L_GetLayerDefn(l));
        for (const auto &[name, v] : values) {
            const int idx = OGR_F_GetFieldIndex(f, name);
            if (idx < 0)
                continue;
            switch (v.typeId()) {
            case QMetaType::Int: OGR_F_SetFieldInteger(f, idx, v.toInt()); break;
            case QMetaType::Double: OGR_F_SetFieldDouble(f, idx, v.toDouble()); break;
            default: OGR_F_SetFieldString(f, idx, v.toString().toUtf8().constData()); break;
            }
        }
        OGR_F_SetGeometryDirectly(f, geom);
        const OGRErr e = OGR_L_CreateFeature(l, f);
        OGR_F_Destroy(f);
        if (e != OGRERR_NONE)
            return fail(QStringLiteral("cannot add a feature to '%1': %2")
                                .arg(QString::fromUtf8(OGR_L_GetName(l)), GdalQuiet::lastError()));
        return true;
    }

    QStringList layers() const { return m_layers; }

private:
    bool fail(const QString &why)
    {
        if (error.isEmpty())
            error = QStringLiteral("%1: %2").arg(QDir::toNativeSeparators(m_path), why);
        return false;
    }

    QString m_path;
    double m_ox, m_oy;
    GDALDatasetH m_ds = nullptr;
    SrsPtr m_srs;
    QStringList m_layers;
};

double round2(double v)
{
    return std::round(v * 100.0) / 100.0;
}

bool writeGpkg(const Features &F, const GisSpec &spec, const Recipe &r, const QString &path, QStringList *layers, QString *error)
{
    GdalQuiet quiet;
    GpkgWriter w(path, r);
    auto failed = [&] {
        *error = w.error;
        return false;
    };
    if (!w.open())
        return failed();
    OGRLayerH buildings = w.layer("buildings", wkbPolygon, "Building footprints of the demo district (courtyard blocks with their courtyards as holes, the tower)",
                                  {{"id", OFTInteger}, {"name", OFTString}, {"name_en", OFTString}, {"height", OFTReal},
                                   {"eave_height", OFTReal}, {"floors", OFTInteger}, {"use", OFTString},
                                   {"year_built", OFTInteger}, {"heritage_grade", OFTString}, {"address", OFTString},
                                   {"address_en", OFTString}});
    OGRLayerH zones = buildings ? w.layer("heritage_zones", wkbPolygon, "Heritage protection zones with building height limits",
                                          {{"id", OFTInteger}, {"name", OFTString}, {"name_en", OFTString},
                                           {"zone_type", OFTString}, {"max_height", OFTReal}})
                                : nullptr;
    OGRLayerH streets = zones ? w.layer("streets", wkbLineString, "Street centre lines",
                                        {{"id", OFTInteger}, {"name", OFTString}, {"name_en", OFTString},
                                         {"class", OFTString}, {"width", OFTReal}})
                              : nullptr;
    OGRLayerH pois = streets ? w.layer("pois", wkbPoint, "Points of interest with archive photos (photo: path relative to this file's folder)",
                                       {{"id", OFTInteger}, {"name", OFTString}, {"name_en", OFTString},
                                        {"category", OFTString}, {"year", OFTInteger}, {"description", OFTString},
                                        {"description_en", OFTString}, {"heritage_grade", OFTString},
                                        {"address", OFTString}, {"photo", OFTString}})
                             : nullptr;
    if (!pois || !w.begin())
        return failed();
    for (const BuildingRec &b : F.buildings) {
        if (!w.add(buildings, w.polygon(b.rings),
                   {{"id", b.id}, {"name", b.name}, {"name_en", b.nameEn}, {"height", round2(b.height)},
                    {"eave_height", round2(b.eaveHeight)}, {"floors", b.floors}, {"use", b.use}, {"year_built", b.year},
                    {"heritage_grade", b.grade}, {"address", b.address}, {"address_en", b.addressEn}}))
            return failed();
    }
    int id = 0;
    for (const GisSpec::Zone &z : spec.zones) {
        if (!w.add(zones, w.polygon({z.ring}),
                   {{"id", ++id}, {"name", z.name}, {"name_en", z.nameEn}, {"zone_type", z.type}, {"max_height", z.maxHeight}}))
            return failed();
    }
    id = 0;
    for (const StreetRec &s : F.streets) {
        if (!w.add(streets, w.ring(s.line, false),
                   {{"id", ++id}, {"name", s.name}, {"name_en", s.nameEn}, {"class", s.cls}, {"width", s.width}}))
            return failed();
    }
    for (const PoiRec &p : F.pois) {
        const QString grade = p.spec.grade.isEmpty() ? QStringLiteral("none") : p.spec.grade;
        if (!w.add(pois, w.point(p.pos),
                   {{"id", p.id}, {"name", p.spec.name}, {"name_en", p.spec.nameEn}, {"category", p.spec.category},
                    {"year", p.spec.year}, {"description", p.description}, {"description_en", p.descriptionEn},
                    {"heritage_grade", grade}, {"address", p.address}, {"photo", p.photo}}))
            return failed();
    }
    if (!w.commit() || !w.close())
        return failed();
    *layers = w.layers();
    return true;
}

} // namespace

// ---------------------------------------------------------------------------------------

bool parseGisSpec(const QByteArray &json, GisSpec &s, QString *error)
{
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &pe);
    if (!doc.isObject()) {
        if (error)
            *error = QStringLiteral("not a JSON object: %1").arg(pe.errorString());
        return false;
    }
    const QJsonObject root = doc.object();
    JsonErrors j;
    const QJsonObject ext = root.value(QLatin1String("extent")).toObject();
    s.centre = j.point(ext.value(QLatin1String("centre")), QStringLiteral("'extent.centre'"));
    s.size = j.num(ext, "size", 1600);
    s.demPixel = j.num(root, "demPixel", 2);
    s.orthoPixel = j.num(root, "orthoPixel", 0.5);
    s.jpegQuality = int(j.num(root, "orthoJpegQuality", 82));
    if (s.size < 100 || s.size > 20000 || s.demPixel < 0.25 || s.orthoPixel < 0.1 || s.size / s.demPixel > 8192
        || s.size / s.orthoPixel > 16384 || s.jpegQuality < 10 || s.jpegQuality > 100)
        j.fail(QStringLiteral("bad extent, pixel sizes or JPEG quality"));

    const QJsonObject t = root.value(QLatin1String("terrain")).toObject();
    auto &T = s.terrain;
    T.upAzimuthDeg = j.num(t, "upAzimuthDeg", T.upAzimuthDeg);
    T.slopeStart = j.num(t, "slopeStart", T.slopeStart);
    T.slope = j.num(t, "slope", T.slope);
    T.coastDistance = j.num(t, "coastDistance", T.coastDistance);
    T.coastWobble = j.num(t, "coastWobble", T.coastWobble);
    T.beachWidth = std::max(1.0, j.num(t, "beachWidth", T.beachWidth));
    T.beachHeight = j.num(t, "beachHeight", T.beachHeight);
    T.flatMargin = j.num(t, "flatMargin", T.flatMargin);
    T.blend = std::max(1.0, j.num(t, "blend", T.blend));
    T.hillNoise = j.num(t, "hillNoise", T.hillNoise);
    T.nodata = j.num(t, "nodata", T.nodata);
    for (const QJsonValue &v : t.value(QLatin1String("hills")).toArray()) {
        const QJsonObject o = v.toObject();
        GisSpec::Hill h;
        h.at = j.point(o.value(QLatin1String("at")), QStringLiteral("'terrain.hills[].at'"));
        h.height = j.num(o, "height", 0);
        h.radius = std::max(1.0, j.num(o, "radius", 100));
        h.name = o.value(QLatin1String("name")).toString();
        h.nameEn = o.value(QLatin1String("name_en")).toString();
        T.hills.push_back(h);
    }

    s.li = j.nameList(root.value(QLatin1String("li")), QStringLiteral("'li'"));
    const QJsonObject st = root.value(QLatin1String("streets")).toObject();
    s.northSouth = j.nameList(st.value(QLatin1String("northSouth")), QStringLiteral("'streets.northSouth'"));
    s.eastWest = j.nameList(st.value(QLatin1String("eastWest")), QStringLiteral("'streets.eastWest'"));
    s.coastal = j.names(st.value(QLatin1String("coastal")), QStringLiteral("'streets.coastal'"));
    s.hill = j.names(st.value(QLatin1String("hill")), QStringLiteral("'streets.hill'"));

    for (const QJsonValue &v : root.value(QLatin1String("heritageZones")).toArray()) {
        const QJsonObject o = v.toObject();
        GisSpec::Zone z;
        z.name = o.value(QLatin1String("name")).toString();
        z.nameEn = o.value(QLatin1String("name_en")).toString();
        z.type = o.value(QLatin1String("zone_type")).toString();
        z.maxHeight = j.num(o, "max_height", 0);
        for (const QJsonValue &p : o.value(QLatin1String("ring")).toArray())
            z.ring << j.point(p, QStringLiteral("'heritageZones[].ring'"));
        if (z.name.isEmpty() || z.nameEn.isEmpty() || z.type.isEmpty() || z.ring.size() < 3 || z.maxHeight <= 0)
            j.fail(QStringLiteral("a heritage zone needs name, name_en, zone_type, max_height and a ring of >= 3 points"));
        s.zones.push_back(z);
    }

    for (const QJsonValue &v : root.value(QLatin1String("pois")).toObject().value(QLatin1String("items")).toArray()) {
        const QJsonObject o = v.toObject();
        GisSpec::Poi p;
        p.name = o.value(QLatin1String("name")).toString();
        p.nameEn = o.value(QLatin1String("name_en")).toString();
        p.category = o.value(QLatin1String("category")).toString();
        p.place = o.value(QLatin1String("place")).toString();
        p.grade = o.value(QLatin1String("grade")).toString();
        p.photo = o.value(QLatin1String("photo")).toString();
        p.year = int(j.num(o, "year", 0));
        p.index = int(j.num(o, "index", 0));
        p.along = j.num(o, "along", 0);
        if (p.place == QLatin1String("at"))
            p.at = j.point(o.value(QLatin1String("at")), QStringLiteral("'%1'.at").arg(p.nameEn));
        static const QStringList places{QStringLiteral("block"), QStringLiteral("tower"), QStringLiteral("plaza"),
                                        QStringLiteral("fountain"), QStringLiteral("park"), QStringLiteral("coast"),
                                        QStringLiteral("at")};
        if (p.name.isEmpty() || p.nameEn.isEmpty() || p.category.isEmpty() || !places.contains(p.place))
            j.fail(QStringLiteral("POI '%1' needs name, name_en, category and a known place").arg(p.nameEn));
        if (!isArchivePhotoKind(p.photo))
            j.fail(QStringLiteral("POI '%1' has an unknown photo kind '%2'").arg(p.nameEn, p.photo));
        s.pois.push_back(p);
    }
    if (s.pois.empty())
        j.fail(QStringLiteral("no POIs"));
    if (!j.error.isEmpty()) {
        if (error)
            *error = j.error;
        return false;
    }
    return true;
}

double districtGroundHeight(const Layout &layout, const GisSpec &spec, double x, double y)
{
    return Terrain(spec, layout).height(x, y);
}

int gisFileCount(const GisSpec &spec)
{
    return 3 + int(spec.pois.size());
}

bool writeDistrictGis(const Layout &L, const GisSpec &spec, const QString &gisDir, GisResult *out, QString *error,
                      const std::function<void()> &step)
{
    registerGdalDrivers();
    const QDir dir(gisDir);
    if (!QDir().mkpath(dir.filePath(QStringLiteral("photos")))) {
        *error = QStringLiteral("%1: cannot create the folder").arg(QDir::toNativeSeparators(dir.filePath(QStringLiteral("photos"))));
        return false;
    }
    const Terrain terrain(spec, L);
    const Features F = buildFeatures(L, spec, terrain);
    auto done = [&](const QString &rel) {
        out->files << rel;
        if (step)
            step();
    };

    const DemGrid dem = computeDem(spec, terrain);
    if (!writeDem(dem, L.r, spec, dir.filePath(QStringLiteral("dem.tif")), error))
        return false;
    done(QStringLiteral("dem.tif"));

    {
        const QImage ortho = paintOrtho(L, spec, terrain, dem, F);
        if (!writeOrtho(ortho, L.r, spec, dir.filePath(QStringLiteral("ortho.tif")), error))
            return false;
        // a 2 m preview for the demo cameras' view of the surroundings
        out->orthoPreview = ortho.scaled(ortho.width() / 4, ortho.height() / 4, Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
        out->orthoExtent = QRectF(spec.centre.x() - spec.size / 2, spec.centre.y() - spec.size / 2, spec.size, spec.size);
    }
    done(QStringLiteral("ortho.tif"));

    if (!writeGpkg(F, spec, L.r, dir.filePath(QStringLiteral("district.gpkg")), &out->layers, error))
        return false;
    done(QStringLiteral("district.gpkg"));

    for (const PoiRec &p : F.pois) {
        const QString path = dir.filePath(p.photo);
        const QImage photo = drawArchivePhoto(p.spec.photo, uint64_t(p.id) * 977 + L.r.seed);
        QImageWriter writer(path, "jpeg");
        writer.setQuality(80);
        writer.setOptimizedWrite(true);
        if (!writer.write(photo)) {
            *error = QStringLiteral("%1: cannot write the photo: %2").arg(QDir::toNativeSeparators(path), writer.errorString());
            return false;
        }
        done(p.photo);
    }
    // POIs skipped for lack of blocks/parks still count as steps
    for (int k = int(F.pois.size()); k < int(spec.pois.size()); ++k)
        if (step)
            step();

    out->buildings = int(F.buildings.size());
    out->zones = int(spec.zones.size());
    out->streets = int(F.streets.size());
    out->pois = int(F.pois.size());
    return true;
}

} // namespace liyuan::demo
