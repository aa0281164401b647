#pragma once
#include <QString>

namespace liyuan::cameras {

/**
 * One camera that sees a point (CameraIndex::whoSees): its index in the camera list, its id,
 * the distance (m) from the camera to the point, the angle off the camera's current viewing
 * axis (degrees), the ranking score (higher is better, see CameraIndex) and whether the PTZ
 * camera must turn (or zoom) to see it. Plain value.
 */
struct Sighting
{
    int index = -1;
    QString id;
    double distance = 0.0;
    double offAxisDeg = 0.0;
    double score = 0.0;
    bool needsPtz = false;
};

} // namespace liyuan::cameras
