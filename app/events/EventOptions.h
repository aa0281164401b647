#pragma once
#include <QStringList>

namespace liyuan {

/** The limits and choices of the events capability in one place (plain data, GUI thread). */
struct EventOptions
{
    double nearbyRadius = 150.0;   ///< Nearby: horizontal radius in metres (scene frame)
    QStringList nearbyLayers;      ///< Nearby: point layer ids to search; empty = every point layer
    int maxNearby = 20;            ///< Nearby: at most this many features per event, nearest first
    int topFeeds = 4;              ///< Go: open the feeds of this many best seeing cameras
    double flyDistance = 90.0;     ///< Go: the camera stops this far from the event (metres)
    int maxEvents = 1000;          ///< the oldest events beyond this are dropped
    double markerSize = 3.0;       ///< marker diameter in metres before the pulse (far away: see EventMarkers)
    int groundRetryMs = 500;       ///< events without z: a ground pick is retried this often until it hits
    int groundPicksPerPass = 16;   ///< … for at most this many events per pass
};

} // namespace liyuan
