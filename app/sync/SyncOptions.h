#pragma once
#include <QString>

namespace liyuan {

/** Settings and limits of the wall's leader/follower synchronisation (one place). */
struct SyncOptions
{
    QString url;                 ///< broker URL (tcp://host:1883, ssl://…)
    QString wallId = QStringLiteral("default"); ///< topic level under liyuan/wall/
    QString screenId;            ///< follower: the screen of the wall layout it shows
    QString username;            ///< broker user (password from LIYUAN_MQTT_PASSWORD)
    QString password;
    QString caFile;
    int leaderTimeoutMs = 1500;  ///< follower: no pose for this long = leader lost
    int heartbeatMs = 250;       ///< leader: pose re-sent (and states polled) while no frame is rendered
    int stateWriteMs = 250;      ///< follower: live --state-json rewritten this often
    int maxSkewSamples = 20000;  ///< follower: skew samples kept for the statistics
    QString logFile;             ///< --sync-log: one line per published (leader) / applied (follower) frame
};

} // namespace liyuan
