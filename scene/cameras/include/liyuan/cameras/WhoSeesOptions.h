#pragma once

namespace liyuan::cameras {

/** What CameraIndex::whoSees() looks for (one place for its limits). Plain value. */
struct WhoSeesOptions
{
    /** At most this many sightings, best first. */
    int maxResults = 10;
    /** PTZ cameras that must turn/zoom to see the point are listed (needsPtz = true). */
    bool includePtz = true;
    /** Cast a line of sight through the occluder (when one is given). */
    bool lineOfSight = true;
    /** A hit within this distance (m) before the point counts as the point itself (it usually lies on a surface). */
    double targetTolerance = 0.5;
    /** Hits this close (m) to the camera are stepped over (a camera mounted on a wall or pole). */
    double cameraTolerance = 0.3;
    /** Score multiplier for a PTZ camera that must move (it sees nothing there right now). */
    double ptzPenalty = 0.5;
};

} // namespace liyuan::cameras
