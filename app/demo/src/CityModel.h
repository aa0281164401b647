#pragma once
// Private to liyuan_demo: the procedural city of `liyuan generate-city` (terrain, street blocks,
// buildings), queried by region. Stateless apart from the seed: any thread, deterministic.

#include <QRectF>
#include <QRgb>

#include <cstdint>
#include <vector>

namespace liyuan::demo {

/** One building: a rectangular footprint extruded from the terrain, flat or hip roof. */
struct CityBuilding
{
    double x0 = 0, y0 = 0, x1 = 0, y1 = 0; ///< footprint, city metres (x east, y north)
    double base = 0;                       ///< ground height under the footprint (lowest corner)
    double height = 0;                     ///< eaves above base
    bool hip = false;                      ///< hip roof (else flat)
    int facade = 0;                        ///< facade variant 0..3
    QRgb roof = 0;                         ///< roof colour
    double centerX() const { return (x0 + x1) / 2; }
    double centerY() const { return (y0 + y1) / 2; }
    double top() const; ///< highest point (ridge of a hip roof)
};

/**
 * The city: a `width` × `height` metre square (origin at its south-west corner) of 100 m
 * street blocks (14 m streets), parks and parcels with buildings, taller towards the centre,
 * on gently rolling terrain. Everything derives from the seed.
 */
class CityModel
{
public:
    static constexpr double kBlock = 100.0, kStreet = 14.0;

    CityModel(uint64_t seed, double width, double height);

    /** Terrain height (metres) at city coordinates. */
    double terrain(double x, double y) const;
    /** Whether block (bx, by) is a park. */
    bool isPark(int bx, int by) const;
    /** Buildings whose footprint centre lies in region ([left, right) × [top, bottom)), in a fixed order. */
    std::vector<CityBuilding> buildings(const QRectF &region) const;
    uint64_t seed() const { return m_seed; }

private:
    void blockBuildings(int bx, int by, std::vector<CityBuilding> &out) const;
    uint64_t m_seed;
    double m_width, m_height;
};

} // namespace liyuan::demo
