#pragma once
// Private to liyuan_demo: people and vehicles moving through the demo district over time —
// vehicles in the lanes of the streets, people on the sidewalks, around the fountain and across
// the plaza. Deterministic: the same time gives the same positions (layout metres).

#include "DistrictModel.h"

#include <cstdint>
#include <vector>

namespace liyuan::demo {

struct Agent
{
    enum Kind { Person, Car, Bus };
    Kind kind = Person;
    double x = 0, y = 0;   ///< ground position, layout metres
    double dx = 1, dy = 0; ///< unit heading
    uint32_t color = 0xff808080u; ///< shirt or body colour (0xffRRGGBB)
    uint32_t color2 = 0xff303030u; ///< trousers or cabin colour
    double phase = 0;      ///< walking phase, radians
};

class DistrictAgents
{
public:
    explicit DistrictAgents(const Layout &layout);
    /** Every agent at time t (seconds; any value). */
    void at(double t, std::vector<Agent> &out) const;
    int count() const { return int(m_movers.size()); }

private:
    struct Path
    {
        double ax, ay, bx, by; ///< a straight path (cx, cy, radius when circle)
        bool circle = false;
        bool pingPong = false;
        double length = 0;
    };
    struct Mover
    {
        int path = 0;
        double offset = 0, speed = 1; ///< metres, m/s (negative: the other way round a circle)
        Agent::Kind kind = Agent::Person;
        uint32_t color = 0, color2 = 0;
    };
    std::vector<Path> m_paths;
    std::vector<Mover> m_movers;
};

} // namespace liyuan::demo
