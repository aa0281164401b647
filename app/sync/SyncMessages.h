#pragma once
#include <liyuan/geodata/Vec3d.h>

#include <QByteArray>
#include <QJsonObject>
#include <QQuaternion>
#include <QString>

namespace liyuan {

/**
 * The wall's MQTT messages (pure functions, any thread). Topics under `liyuan/wall/<wallId>/`:
 * `pose` (each leader frame, QoS 0, retained: compact JSON, see PoseMessage), `scene` (retained:
 * the presenter's scene state), `presenter` (retained: caption, fade, blanked and the presenter's
 * stateJson), `leader` (retained presence "online"; the last will says "offline").
 */
struct PoseMessage
{
    QString session;          ///< the leader run (a restarted leader has a new one)
    qint64 frame = 0;         ///< leader frame number (from 0 in each session)
    double monoMs = 0;        ///< leader's monotonic clock (CLOCK_MONOTONIC, ms)
    double wallMs = 0;        ///< leader's wall clock (ms since the epoch)
    double frameMs = 0;       ///< leader's recent frame interval (ms; 0 = unknown)
    Vec3d eye;                ///< scene frame, double
    QQuaternion rotation;     ///< CameraController convention
    double fieldOfView = 45;  ///< vertical, degrees
    bool heartbeat = false;   ///< re-sent while the leader renders no frame (not a new frame)
};

namespace SyncMessages {

/** Largest payload accepted on any sync topic (bytes). */
constexpr int MaxPayloadBytes = 1 << 20;

QString topic(const QString &wallId, const QString &leaf);
/** Wall ids are one topic level: letters, digits, '-', '_', '.' (1–64 characters). */
bool validWallId(const QString &wallId);

QByteArray encodePose(const PoseMessage &pose);
/** False with a message naming the problem (not JSON, missing or non-finite field, bad rotation/fov). */
bool decodePose(const QByteArray &payload, PoseMessage *pose, QString *error);

/** A retained state message (scene or presenter): one JSON object. */
QByteArray encodeObject(const QJsonObject &object);
bool decodeObject(const QByteArray &payload, QJsonObject *object, QString *error);

/** Monotonic clock in milliseconds (same clock in every process of one machine). */
double monotonicMs();
/** Wall clock in milliseconds since the epoch (sub-millisecond resolution). */
double wallClockMs();

} // namespace SyncMessages
} // namespace liyuan
