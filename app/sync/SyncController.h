#pragma once
#include "SyncMessages.h"
#include "SyncOptions.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonObject>
#include <QObject>
#include <QStringList>
#include <QTimer>

#include <functional>
#include <vector>

namespace liyuan {

class CameraController;
class PresenterController;
namespace mqtt { class MqttClient; }

/**
 * One picture across many machines (`liyuan.sync`): a *leader* publishes each frame its camera
 * pose, clock and frame number (QoS 0, retained), and on change the presenter's scene state and
 * overlay state (retained), with a retained presence that its last will turns "offline";
 * *followers* apply the latest pose at each of their frames, the scene state once their scene
 * is ready, and the caption/blank/fade, catch up on join from the retained messages, and hold the
 * last picture with an overlay when the leader goes offline or stops sending (leaderTimeoutMs).
 * Malformed messages are counted and reported (topic + reason), never applied.
 * GUI thread only; the MQTT client's threads stay inside mqtt::MqttClient.
 */
class SyncController : public QObject
{
    Q_OBJECT
    /** "", "leader" or "follower". */
    Q_PROPERTY(QString role READ role NOTIFY roleChanged)
    /** Follower: "waiting" (no leader seen yet), "following" or "lost". */
    Q_PROPERTY(QString status READ status NOTIFY statusChanged)
    Q_PROPERTY(bool leaderLost READ leaderLost NOTIFY statusChanged)
public:
    SyncController(CameraController *camera, PresenterController *presenter, QObject *parent = nullptr);
    ~SyncController() override;

    /** Whether the scene can take a scene state now (layers loaded); checked each frame. */
    void setSceneReadyFunction(std::function<bool()> ready) { m_sceneReady = std::move(ready); }

    /**
     * Follower: how the leader's field of view is applied (a wall screen keeps its layout's field of
     * view and sub-view); default: CameraController::setFieldOfView. Called only when it changes.
     */
    void setFieldOfViewFunction(std::function<void(double leaderFov)> apply) { m_applyFov = std::move(apply); }

    /** Starts leading on options.url; false with a message when the settings are unusable. */
    bool startLeader(const SyncOptions &options, QString *error);
    /** Starts following on options.url; false with a message when the settings are unusable. */
    bool startFollower(const SyncOptions &options, QString *error);
    /** Leader: says "offline" (retained) and disconnects; follower: disconnects. */
    void stop();

    /** Called by the scene each frame after the frame hook: a follower applies the newest pose, a leader publishes its pose. */
    void onFrame();

    /** Follower: rewrites this JSON file (atomically) every stateWriteMs with what state() returns. */
    void startStateWriter(const QString &path, std::function<QJsonObject()> state);

    QString role() const { return m_role; }
    QString status() const { return m_status; }
    bool leaderLost() const { return m_status == QLatin1String("lost"); }
    bool active() const { return !m_role.isEmpty(); }
    qint64 framesPublished() const { return m_framesPublished; }
    qint64 lastFrameApplied() const { return m_appliedFrame; }

    /** The `sync` part of --state-json. */
    QJsonObject stateJson() const;

signals:
    void roleChanged();
    void statusChanged();
    /** A new pose or state arrived: the window should render a frame. */
    void frameRequested();
    /** A problem worth the user's attention (malformed message, broker error). */
    void message(const QString &text);

private:
    bool startClient(const SyncOptions &options, bool leader, QString *error);
    void onConnected();
    void onMessage(const QString &topic, const QByteArray &payload);
    void onHeartbeat();
    void onWatchdog();
    void publishPose(bool heartbeat);
    void publishStates(bool force);
    void applyPresenterState(const QJsonObject &state);
    void reject(const QString &topic, const QString &reason);
    void setStatus(const QString &status);
    void log(qint64 frame, double monoMs);
    void writeState();

    CameraController *m_camera = nullptr;
    PresenterController *m_presenter = nullptr;
    mqtt::MqttClient *m_client = nullptr;
    std::function<bool()> m_sceneReady;
    std::function<void(double)> m_applyFov;
    double m_appliedFov = -1;
    SyncOptions m_options;
    QString m_role;
    QString m_status;
    QString m_session;
    QTimer m_heartbeat;
    QTimer m_watchdog;
    QTimer m_stateTimer;
    QString m_statePath;
    std::function<QJsonObject()> m_stateFn;
    QFile m_log;

    // leader
    qint64 m_frame = -1;
    qint64 m_framesPublished = 0;
    double m_lastPublishMono = 0;
    double m_lastFrameMono = 0;
    double m_frameMs = 0;
    QByteArray m_sentScene, m_sentPresenter;

    // follower
    PoseMessage m_latest;
    bool m_havePose = false;
    bool m_poseSinceOffline = false;
    bool m_posePending = false;
    double m_lastPoseMono = 0; ///< local monotonic ms when the last pose (or heartbeat) arrived
    bool m_leaderOnline = false;
    qint64 m_appliedFrame = -1;
    QString m_appliedSession;
    qint64 m_framesApplied = 0;
    QJsonObject m_pendingScene;
    bool m_scenePending = false;
    bool m_sceneApplied = false;
    bool m_sceneReceived = false;
    QString m_sceneError;
    QJsonObject m_presenterState;
    std::vector<double> m_skewMs, m_skewFrames, m_followerFrameMs;
    double m_lastFollowerFrameMono = 0;
    quint64 m_malformed = 0;
    QStringList m_recentErrors;
    QElapsedTimer m_lastReport;
    int m_lostCount = 0;
    int m_resumedCount = 0;
};

} // namespace liyuan
