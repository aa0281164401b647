#pragma once

#include <liyuan/geodata/Vec3d.h>

#include <QDateTime>
#include <QList>
#include <QMetaType>
#include <QString>

namespace liyuan::live {

/**
 * One reported event (fire, intrusion, accident, …), decoded from one MQTT message by an
 * EventMapping, given on the command line (`--event`) or placed by a click. Plain data, any thread.
 *
 * The position is in `crs` (empty: the scene frame — metres, x east, y north, z up, relative
 * to the scene's LocalFrame origin). Without z (hasZ false) the event stands on the ground:
 * the app puts it there with a ground pick.
 */
struct EventRecord
{
    QString id;            ///< unique per event; a later record with the same id updates it
    QString type;          ///< "fire", "intrusion", … (free text, not empty)
    QString text;          ///< human-readable description (may be empty)
    QString severityName;  ///< "info", "low", "medium", "high" or "critical"
    int severity = 2;      ///< 0 info … 4 critical (matches severityName)
    Vec3d position;        ///< in `crs`; z only meaningful when hasZ
    QString crs;           ///< CRS string ("EPSG:4549", …); empty = scene frame
    bool hasZ = false;
    QDateTime time;        ///< UTC; invalid when the payload had none (the receiver stamps the arrival time)
    QString topic;         ///< MQTT topic it arrived on (empty for --event / clicks)
};

} // namespace liyuan::live

Q_DECLARE_METATYPE(liyuan::live::EventRecord)
