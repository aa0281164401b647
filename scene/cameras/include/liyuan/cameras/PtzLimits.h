#pragma once

namespace liyuan::cameras {

/**
 * What a pan-tilt-zoom camera can reach (degrees). Present in a registry record as "ptz";
 * enabled is false for a fixed camera. pan is relative to the record's heading (positive
 * turns clockwise seen from above), tilt is the absolute pitch range (negative looks down),
 * hfov the zoom range of the horizontal field of view. Plain value, any thread.
 */
struct PtzLimits
{
    bool enabled = false;
    double panMin = -180.0;
    double panMax = 180.0;
    double tiltMin = -90.0;
    double tiltMax = 90.0;
    double hfovMin = 60.0;
    double hfovMax = 60.0;
};

} // namespace liyuan::cameras
