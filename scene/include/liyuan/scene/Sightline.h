#pragma once
#include "PickFunction.h"

#include <liyuan/geodata/Vec3d.h>

#include <QString>

namespace liyuan {

/**
 * A line of sight from a viewpoint to a target, in the scene frame: visible, or the first
 * obstruction along it. Value type; compute() calls the pick function on the calling thread
 * (the GUI thread when it is TileStreamer::pick).
 */
class Sightline
{
public:
    /** Tolerances, metres. */
    struct Options
    {
        /** Hits closer than this to the target count as the target itself (it is usually picked on a surface). */
        double targetTolerance = 0.5;
        /** Hits closer than this to the viewpoint are stepped over (a viewpoint picked on a surface). */
        double viewpointTolerance = 0.05;
        /** How many hits near the viewpoint are stepped over before giving up. */
        int maxSteps = 8;
    };

    QString label;
    Vec3d viewpoint;
    Vec3d target;
    bool valid = false;        ///< false: see error (coincident or non-finite points, no pick function)
    QString error;
    bool visible = false;      ///< nothing between viewpoint and target
    Vec3d obstruction;         ///< the first obstruction (when !visible)
    double length = 0;         ///< |target - viewpoint|
    double distance = 0;       ///< from the viewpoint to the obstruction (when !visible)
    double fraction = 0;       ///< distance / length, in (0, 1) (when !visible)

    /** Casts the ray from viewpoint towards target through pick. */
    static Sightline compute(const Vec3d &viewpoint, const Vec3d &target, const PickFunction &pick,
                             const Options &options, const QString &label = {});
    static Sightline compute(const Vec3d &viewpoint, const Vec3d &target, const PickFunction &pick)
    {
        return compute(viewpoint, target, pick, Options());
    }
};

} // namespace liyuan
