#pragma once
// Private to liyuan_demo: the district's recipe (assets/demo/district.json) and its layout.

#include <QColor>
#include <QList>
#include <QPoint>
#include <QRectF>
#include <QString>

#include <cmath>
#include <cstdint>
#include <vector>

namespace liyuan::demo {

/** Small deterministic random generator (splitmix64): same output on every platform. */
class Rng
{
public:
    explicit Rng(uint64_t seed) : m_s(seed * 0x9E3779B97F4A7C15ull + 0x632BE59BD9B4E019ull) {}
    uint64_t next()
    {
        uint64_t z = (m_s += 0x9E3779B97F4A7C15ull);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    }
    double uniform() { return double(next() >> 11) * (1.0 / 9007199254740992.0); }
    double uniform(double a, double b) { return a + (b - a) * uniform(); }
    int range(int a, int b) { return a + int(next() % uint64_t(b - a + 1)); } ///< inclusive
    bool chance(double p) { return uniform() < p; }

private:
    uint64_t m_s;
};

/** Hash of integers to [0,1): stateless noise for textures. */
inline double hash01(int64_t x, int64_t y, uint64_t seed)
{
    uint64_t h = uint64_t(x) * 0x8DA6B343ull ^ uint64_t(y) * 0xD8163841ull ^ seed * 0xCB1AB31Full;
    h ^= h >> 33;
    h *= 0xFF51AFD7ED558CCDull;
    h ^= h >> 33;
    h *= 0xC4CEB9FE1A85EC53ull;
    h ^= h >> 33;
    return double(h >> 11) * (1.0 / 9007199254740992.0);
}

/** Smooth value noise in [0,1) (one lattice cell per unit). */
inline double smoothNoise(double x, double y, uint64_t seed)
{
    const double fx = std::floor(x), fy = std::floor(y);
    const int64_t ix = int64_t(fx), iy = int64_t(fy);
    const double tx = x - fx, ty = y - fy;
    const double sx = tx * tx * (3 - 2 * tx), sy = ty * ty * (3 - 2 * ty);
    const double a = hash01(ix, iy, seed), b = hash01(ix + 1, iy, seed), c = hash01(ix, iy + 1, seed),
                 d = hash01(ix + 1, iy + 1, seed);
    const double lo = a + (b - a) * sx, hi = c + (d - c) * sx;
    return lo + (hi - lo) * sy;
}

struct Recipe
{
    uint64_t seed = 1;
    QString srs;
    double origin[3] = {0, 0, 0};
    int tilesX = 4, tilesY = 4;
    double tileSize = 100, cellSize = 50;

    int mainEvery = 2;
    double mainCarriage = 10, minorCarriage = 6.5, mainSidewalk = 3.5, minorSidewalk = 2.2;
    double streetTreeSpacing = 9;

    double depthMin = 9, depthMax = 11.5;
    int floorsMin = 2, floorsMax = 3;
    double lowSideChance = 0.1, floorHeight = 3.4, roofPitchDeg = 31, overhang = 0.45, setbackMax = 1.5;
    double crossWingChance = 0.3;
    int chimneysPerWing = 2;
    double courtyardTreeChance = 0.4;

    QRect plazaCells;       ///< inclusive cell range
    double fountainRadius = 7.5;
    QList<QPoint> parks;

    QPoint towerCell;
    double towerW = 30, towerD = 22;
    int towerFloors = 24;
    double towerFloorHeight = 3.6, towerCrown = 2.4;
    double penthouse[3] = {11, 8, 4.2};

    QList<QColor> plaster, roof, foliage, plaza;
    QColor window, frame, stone, shopfront, woodwork, asphalt, sidewalk, curb, marking, courtyard, grass, path,
            water, trunk, towerGlass, towerSpandrel, towerMullion, flatRoof;

    double sunAzimuthDeg = 205, sunElevationDeg = 42, shadowStrength = 0.42;

    int rootGroundPx = 256, rootAtlasPx = 512, midGroundPx = 512, midAtlasPx = 512, fineGroundPx = 1024,
        fineAtlasPx = 1024;
    double rootMaxDensity = 3, midMaxDensity = 6, fineMaxDensity = 16, midGridM = 5, fineGridM = 1;
    float rootSwitchPx = 200, midSwitchPx = 420;

    int cellsX() const { return int(tilesX * tileSize / cellSize + 0.5); }
    int cellsY() const { return int(tilesY * tileSize / cellSize + 0.5); }
};

/** Loads the built-in recipe (:/liyuan/assets/demo/district.json); false with *error naming it. */
bool loadRecipeResource(Recipe &out, QString *error);

/** Loads the recipe from a JSON document; false with *error on a missing or bad field. */
bool parseRecipe(const QByteArray &json, Recipe &out, QString *error);

/** One storey-wall of a building, as seen from outside: a vertical rectangle. */
struct Wall
{
    double ax, ay, bx, by; ///< bottom edge from a to b; outward normal = (b - a) x z
    double height;
    int floors;
    bool inner = false;    ///< faces a courtyard
    double gateAt = -1;    ///< distance along the wall of a gate arch, or -1
    QColor plaster;
    uint32_t seed = 0;
};

/** A box with a hip roof (one wing of a courtyard block). */
struct Wing
{
    double x0, y0, x1, y1;
    double height;  ///< wall height
    int floors;
    QColor roof;
    uint32_t seed = 0;
    bool chimneys = true;
};

struct Block
{
    int cx = 0, cy = 0;
    QRectF outer, inner;          ///< footprint and courtyard (x right, y up; QRectF y = min y)
    std::vector<Wing> wings;
    std::vector<Wall> walls;
    std::vector<QRectF> crossWings; ///< footprints of wings crossing the courtyard (not courtyard)
};

struct Tower
{
    QRectF footprint;
    int floors = 24;
    double floorHeight = 3.6, crown = 2.4;
    QRectF penthouse;
    double penthouseHeight = 4;
    double height() const { return floors * floorHeight + crown; }
};

struct Tree
{
    double x, y;
    double trunkH, crownR, crownH;
    int foliage;
    uint32_t seed;
};

enum class CellKind { Block, Plaza, Tower, Park };

/** The whole district, in local metres (x east, y north) relative to the SRS origin. */
struct Layout
{
    Recipe r;
    std::vector<CellKind> cells; ///< cellsX * cellsY, index cy * cellsX + cx
    std::vector<Block> blocks;
    Tower tower;
    std::vector<Tree> trees;
    QRectF plaza;
    QPointF fountain;
    double sun[3] = {0, 0, 1}; ///< unit vector towards the sun

    CellKind cellKind(int cx, int cy) const { return cells[size_t(cy * r.cellsX() + cx)]; }
    QRectF cellRect(int cx, int cy) const
    {
        return QRectF(cx * r.cellSize, cy * r.cellSize, r.cellSize, r.cellSize);
    }
    /** Half carriageway width of the street along vertical line i (x = i * cell). */
    double halfCarriageX(int i) const;
    double halfCarriageY(int j) const;
    double sidewalkX(int i) const;
    double sidewalkY(int j) const;
    /** The area between the curbs of the four streets around a cell. */
    QRectF curbRect(int cx, int cy) const;
    bool inPlaza(double x, double y) const { return plaza.contains(x, y); }
    /** Brightness of a surface with this normal relative to flat ground (baked light). */
    double light(double nx, double ny, double nz) const;
    /** Horizontal shadow offset per metre of height. */
    QPointF shadowPerMetre() const;
};

Layout makeLayout(const Recipe &r);

} // namespace liyuan::demo
