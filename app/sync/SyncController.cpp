#include "SyncController.h"

#include "PresenterController.h"

#include <liyuan/mqtt/MqttClient.h>
#include <liyuan/scene/quick/CameraController.h>

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>
#include <QUuid>

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace liyuan {

namespace {
double percentile(std::vector<double> v, double p)
{
    if (v.empty())
        return 0;
    std::sort(v.begin(), v.end());
    return v[std::min(v.size() - 1, size_t(p * double(v.size() - 1) + 0.5))];
}

QJsonObject stats(const std::vector<double> &v)
{
    return QJsonObject{{QStringLiteral("p50"), percentile(v, 0.5)},
                       {QStringLiteral("p95"), percentile(v, 0.95)},
                       {QStringLiteral("max"), v.empty() ? 0.0 : *std::max_element(v.begin(), v.end())},
                       {QStringLiteral("samples"), int(v.size())}};
}

void pushCapped(std::vector<double> &v, double x, int cap)
{
    if (int(v.size()) >= cap)
        v.erase(v.begin(), v.begin() + cap / 4);
    v.push_back(x);
}
} // namespace

SyncController::SyncController(CameraController *camera, PresenterController *presenter, QObject *parent)
    : QObject(parent), m_camera(camera), m_presenter(presenter)
{
    m_heartbeat.setTimerType(Qt::PreciseTimer);
    connect(&m_heartbeat, &QTimer::timeout, this, &SyncController::onHeartbeat);
    m_watchdog.setInterval(100);
    connect(&m_watchdog, &QTimer::timeout, this, &SyncController::onWatchdog);
    connect(&m_stateTimer, &QTimer::timeout, this, &SyncController::writeState);
}

SyncController::~SyncController()
{
    stop();
}

bool SyncController::startClient(const SyncOptions &options, bool leader, QString *error)
{
    if (!SyncMessages::validWallId(options.wallId)) {
        *error = QStringLiteral("wall id '%1' is not usable as a topic level (letters, digits, '-', '_', '.'; at most 64)")
                         .arg(options.wallId);
        return false;
    }
    stop();
    m_options = options;
    m_client = new mqtt::MqttClient(this);
    mqtt::MqttClient::Settings s;
    s.url = options.url;
    s.username = options.username;
    s.password = options.password;
    s.caFile = options.caFile;
    if (leader) {
        s.willTopic = SyncMessages::topic(options.wallId, QStringLiteral("leader"));
        s.willPayload = "offline";
        s.willRetained = true;
    } else {
        s.subscriptions = {SyncMessages::topic(options.wallId, QStringLiteral("#"))};
    }
    if (!m_client->start(s)) {
        *error = m_client->lastError();
        delete m_client;
        m_client = nullptr;
        return false;
    }
    connect(m_client, &mqtt::MqttClient::connected, this, &SyncController::onConnected);
    connect(m_client, &mqtt::MqttClient::messageReceived, this, &SyncController::onMessage);
    connect(m_client, &mqtt::MqttClient::connectionError, this, [this](const QString &why) {
        if (!m_lastReport.isValid() || m_lastReport.elapsed() > 5000) {
            m_lastReport.start();
            std::fprintf(stderr, "liyuan: sync: broker %s: %s\n", qPrintable(m_options.url), qPrintable(why));
            std::fflush(stderr);
        }
    });
    if (!options.logFile.isEmpty()) {
        m_log.setFileName(options.logFile);
        if (!m_log.open(QIODevice::WriteOnly | QIODevice::Truncate | QIODevice::Text)) {
            *error = QStringLiteral("cannot write the sync log %1: %2").arg(options.logFile, m_log.errorString());
            stop();
            return false;
        }
    }
    return true;
}

bool SyncController::startLeader(const SyncOptions &options, QString *error)
{
    if (!startClient(options, true, error))
        return false;
    m_session = QUuid::createUuid().toString(QUuid::Id128).left(16);
    m_frame = -1;
    m_role = QStringLiteral("leader");
    m_heartbeat.start(std::max(20, options.heartbeatMs));
    if (m_presenter) {
        connect(m_presenter, &PresenterController::sceneStateChanged, this, [this] { publishStates(false); });
        connect(m_presenter, &PresenterController::stateChanged, this, [this] { publishStates(false); });
    }
    emit roleChanged();
    return true;
}

bool SyncController::startFollower(const SyncOptions &options, QString *error)
{
    if (!startClient(options, false, error))
        return false;
    m_role = QStringLiteral("follower");
    m_watchdog.start();
    // the log is flushed on the heartbeat too
    m_heartbeat.start(std::max(100, options.heartbeatMs));
    setStatus(QStringLiteral("waiting"));
    emit roleChanged();
    return true;
}

void SyncController::stop()
{
    m_heartbeat.stop();
    m_watchdog.stop();
    if (m_client) {
        if (m_role == QLatin1String("leader"))
            m_client->publish(SyncMessages::topic(m_options.wallId, QStringLiteral("leader")), "offline", 1, true);
        m_client->stop();
        delete m_client;
        m_client = nullptr;
    }
    if (m_log.isOpen())
        m_log.close();
    if (m_stateTimer.isActive()) {
        m_stateTimer.stop();
        writeState();
    }
}

void SyncController::onConnected()
{
    if (m_role != QLatin1String("leader"))
        return;
    m_client->publish(SyncMessages::topic(m_options.wallId, QStringLiteral("leader")), "online", 1, true);
    publishStates(true);
    if (m_frame >= 0)
        publishPose(true);
}

void SyncController::onFrame()
{
    const double now = SyncMessages::monotonicMs();
    if (m_role == QLatin1String("leader")) {
        if (m_lastFrameMono > 0) {
            const double dt = now - m_lastFrameMono;
            if (dt < 250)
                m_frameMs = m_frameMs <= 0 ? dt : 0.9 * m_frameMs + 0.1 * dt;
        }
        m_lastFrameMono = now;
        ++m_frame;
        publishPose(false);
        return;
    }
    if (m_role != QLatin1String("follower"))
        return;
    if (m_lastFollowerFrameMono > 0 && now - m_lastFollowerFrameMono < 250)
        pushCapped(m_followerFrameMs, now - m_lastFollowerFrameMono, m_options.maxSkewSamples);
    m_lastFollowerFrameMono = now;
    if (m_posePending && m_havePose) {
        m_posePending = false;
        m_camera->setPose(m_latest.eye, m_latest.rotation);
        if (m_latest.fieldOfView != m_appliedFov) {
            m_appliedFov = m_latest.fieldOfView;
            if (m_applyFov)
                m_applyFov(m_latest.fieldOfView);
            else
                m_camera->setFieldOfView(float(m_latest.fieldOfView));
        }
        m_appliedFrame = m_latest.frame;
        m_appliedSession = m_latest.session;
        ++m_framesApplied;
        // skew: how long ago (and how many leader frames ago) the leader showed this pose
        const double skewMs = std::max(0.0, SyncMessages::wallClockMs() - m_latest.wallMs);
        pushCapped(m_skewMs, skewMs, m_options.maxSkewSamples);
        if (m_latest.frameMs > 0)
            pushCapped(m_skewFrames, std::floor(skewMs / m_latest.frameMs), m_options.maxSkewSamples);
        log(m_appliedFrame, now);
    }
    if (m_scenePending && m_presenter && (!m_sceneReady || m_sceneReady())) {
        m_scenePending = false;
        QString error;
        m_sceneApplied = m_presenter->applySceneState(m_pendingScene, &error);
        m_sceneError = m_sceneApplied ? QString()
                                      : (error.isEmpty() ? QStringLiteral("the scene state was not applied") : error);
        if (!m_sceneApplied)
            emit message(tr("The leader's scene state could not be applied: %1").arg(m_sceneError));
    }
}

void SyncController::publishPose(bool heartbeat)
{
    if (!m_client || m_frame < 0)
        return;
    PoseMessage p;
    p.session = m_session;
    p.frame = m_frame;
    p.monoMs = SyncMessages::monotonicMs();
    p.wallMs = SyncMessages::wallClockMs();
    p.frameMs = m_frameMs;
    p.eye = m_camera->eye();
    p.rotation = m_camera->rotation();
    p.fieldOfView = m_camera->fieldOfView();
    p.heartbeat = heartbeat;
    if (m_client->publish(SyncMessages::topic(m_options.wallId, QStringLiteral("pose")), SyncMessages::encodePose(p), 0, true)
        && !heartbeat) {
        ++m_framesPublished;
        log(m_frame, p.monoMs);
    }
    m_lastPublishMono = p.monoMs;
}

void SyncController::publishStates(bool force)
{
    if (!m_client || !m_presenter || m_role != QLatin1String("leader"))
        return;
    const QByteArray scene = SyncMessages::encodeObject(m_presenter->sceneState());
    if ((force || scene != m_sentScene)
        && m_client->publish(SyncMessages::topic(m_options.wallId, QStringLiteral("scene")), scene, 1, true))
        m_sentScene = scene;
    QJsonObject presenterState = m_presenter->stateJson();
    presenterState.remove(QStringLiteral("tourTime")); // changes every frame; the pose carries the motion
    const QJsonObject overlay{{QStringLiteral("caption"), m_presenter->caption()},
                              {QStringLiteral("captionZh"), presenterState.value(QLatin1String("captionZh")).toString()},
                              {QStringLiteral("captionEn"), presenterState.value(QLatin1String("captionEn")).toString()},
                              {QStringLiteral("fade"), m_presenter->fade()},
                              {QStringLiteral("blanked"), m_presenter->blanked()},
                              {QStringLiteral("presenter"), presenterState}};
    const QByteArray presenter = SyncMessages::encodeObject(overlay);
    if ((force || presenter != m_sentPresenter)
        && m_client->publish(SyncMessages::topic(m_options.wallId, QStringLiteral("presenter")), presenter, 1, true))
        m_sentPresenter = presenter;
}

void SyncController::onHeartbeat()
{
    if (m_log.isOpen())
        m_log.flush();
    if (m_role != QLatin1String("leader"))
        return;
    if (SyncMessages::monotonicMs() - m_lastPublishMono >= m_options.heartbeatMs * 0.9)
        publishPose(true);
    publishStates(false); // changes without a signal (layers toggled in the panel) are caught here
}

void SyncController::onMessage(const QString &topic, const QByteArray &payload)
{
    const QString prefix = SyncMessages::topic(m_options.wallId, QString());
    if (!topic.startsWith(prefix))
        return;
    const QString leaf = topic.mid(prefix.size());
    QString error;
    if (leaf == QLatin1String("pose")) {
        PoseMessage p;
        if (!SyncMessages::decodePose(payload, &p, &error))
            return reject(topic, error);
        const bool fresh = !m_havePose || p.session != m_latest.session || p.frame != m_latest.frame;
        m_latest = p;
        m_havePose = true;
        m_poseSinceOffline = true;
        m_lastPoseMono = SyncMessages::monotonicMs();
        if (fresh) {
            m_posePending = true;
            emit frameRequested();
        }
        onWatchdog();
    } else if (leaf == QLatin1String("leader")) {
        if (payload == "online")
            m_leaderOnline = true;
        else if (payload == "offline")
            m_leaderOnline = m_poseSinceOffline = false; // a returning leader is followed once it sends a pose
        else
            return reject(topic, QStringLiteral("presence must be \"online\" or \"offline\""));
        onWatchdog();
    } else if (leaf == QLatin1String("scene")) {
        QJsonObject o;
        if (!SyncMessages::decodeObject(payload, &o, &error))
            return reject(topic, error);
        m_pendingScene = o;
        m_scenePending = true;
        m_sceneReceived = true;
        emit frameRequested();
    } else if (leaf == QLatin1String("presenter")) {
        QJsonObject o;
        if (!SyncMessages::decodeObject(payload, &o, &error))
            return reject(topic, error);
        const QJsonValue c = o.value(QLatin1String("caption")), f = o.value(QLatin1String("fade")),
                         b = o.value(QLatin1String("blanked")), zh = o.value(QLatin1String("captionZh")),
                         en = o.value(QLatin1String("captionEn"));
        if ((!c.isUndefined() && !c.isString()) || (!zh.isUndefined() && !zh.isString()) || (!en.isUndefined() && !en.isString()) || (!f.isUndefined() && (!f.isDouble() || !std::isfinite(f.toDouble())))
            || (!b.isUndefined() && !b.isBool()))
            return reject(topic, QStringLiteral("'caption' must be a string, 'fade' a number, 'blanked' a boolean"));
        applyPresenterState(o);
        emit frameRequested();
    }
    // other leaves (future additions) are ignored
}

void SyncController::applyPresenterState(const QJsonObject &state)
{
    m_presenterState = state;
    if (!m_presenter)
        return;
    const QString caption = state.value(QLatin1String("caption")).toString();
    const QString zh = state.value(QLatin1String("captionZh")).toString(), en = state.value(QLatin1String("captionEn")).toString();
    if (zh.isEmpty() && en.isEmpty())
        m_presenter->setCaptions(caption, caption); // a leader without per-language captions
    else
        m_presenter->setCaptions(zh, en);
    m_presenter->setFade(state.value(QLatin1String("fade")).toDouble());
    m_presenter->setBlanked(state.value(QLatin1String("blanked")).toBool());
}

void SyncController::reject(const QString &topic, const QString &reason)
{
    ++m_malformed;
    const QString text = QStringLiteral("%1: %2").arg(topic.left(200), reason);
    m_recentErrors << text;
    while (m_recentErrors.size() > 20)
        m_recentErrors.removeFirst();
    std::fprintf(stderr, "liyuan: sync: malformed message ignored: %s\n", qPrintable(text));
    std::fflush(stderr);
    emit message(tr("Malformed sync message ignored: %1").arg(text));
}

void SyncController::onWatchdog()
{
    if (m_role != QLatin1String("follower"))
        return;
    const bool connected = m_client && m_client->isConnected();
    const bool fresh = m_havePose && m_poseSinceOffline && SyncMessages::monotonicMs() - m_lastPoseMono <= m_options.leaderTimeoutMs;
    if (connected && m_leaderOnline && fresh)
        setStatus(QStringLiteral("following"));
    else if (m_havePose || m_status == QLatin1String("following"))
        setStatus(QStringLiteral("lost"));
    else
        setStatus(QStringLiteral("waiting"));
}

void SyncController::setStatus(const QString &status)
{
    if (m_status == status)
        return;
    if (status == QLatin1String("lost"))
        ++m_lostCount;
    if (status == QLatin1String("following") && m_status == QLatin1String("lost"))
        ++m_resumedCount;
    m_status = status;
    std::fprintf(stderr, "liyuan: sync: %s\n", qPrintable(status));
    std::fflush(stderr);
    emit statusChanged();
    emit frameRequested(); // the overlay shows or hides
}

void SyncController::log(qint64 frame, double monoMs)
{
    if (!m_log.isOpen())
        return;
    const QByteArray line = QByteArray(m_role == QLatin1String("leader") ? "L " : "F ") + m_session.toLatin1()
                            + (m_role == QLatin1String("leader") ? QByteArray() : m_appliedSession.toLatin1()) + ' '
                            + QByteArray::number(frame) + ' ' + QByteArray::number(monoMs, 'f', 3) + '\n';
    m_log.write(line);
}

void SyncController::startStateWriter(const QString &path, std::function<QJsonObject()> state)
{
    m_statePath = path;
    m_stateFn = std::move(state);
    m_stateTimer.start(std::max(50, m_options.stateWriteMs));
}

void SyncController::writeState()
{
    if (m_statePath.isEmpty() || !m_stateFn)
        return;
    QSaveFile f(m_statePath);
    if (!f.open(QIODevice::WriteOnly))
        return;
    f.write(QJsonDocument(m_stateFn()).toJson());
    f.commit();
}

QJsonObject SyncController::stateJson() const
{
    QJsonObject o{{QStringLiteral("role"), m_role.isEmpty() ? QStringLiteral("none") : m_role}};
    if (m_role.isEmpty())
        return o;
    o[QStringLiteral("wallId")] = m_options.wallId;
    o[QStringLiteral("broker")] = m_options.url;
    o[QStringLiteral("connected")] = m_client && m_client->isConnected();
    o[QStringLiteral("monotonicMs")] = SyncMessages::monotonicMs();
    o[QStringLiteral("pid")] = double(QCoreApplication::applicationPid());
    if (m_role == QLatin1String("leader")) {
        o[QStringLiteral("session")] = m_session;
        o[QStringLiteral("frame")] = double(m_frame);
        o[QStringLiteral("framesPublished")] = double(m_framesPublished);
        o[QStringLiteral("frameMs")] = m_frameMs;
        return o;
    }
    o[QStringLiteral("screen")] = m_options.screenId;
    o[QStringLiteral("status")] = m_status;
    o[QStringLiteral("leaderOnline")] = m_leaderOnline;
    o[QStringLiteral("leaderLost")] = leaderLost();
    o[QStringLiteral("timesLost")] = m_lostCount;
    o[QStringLiteral("timesResumed")] = m_resumedCount;
    o[QStringLiteral("leaderSession")] = m_appliedSession;
    o[QStringLiteral("lastFrameApplied")] = double(m_appliedFrame);
    o[QStringLiteral("lastFrameReceived")] = m_havePose ? double(m_latest.frame) : -1.0;
    o[QStringLiteral("framesApplied")] = double(m_framesApplied);
    if (m_havePose)
        o[QStringLiteral("pose")] = QJsonObject{
                {QStringLiteral("eye"), QJsonArray{m_camera->eye().x, m_camera->eye().y, m_camera->eye().z}},
                {QStringLiteral("rotation"), QJsonArray{m_camera->rotation().scalar(), m_camera->rotation().x(),
                                                        m_camera->rotation().y(), m_camera->rotation().z()}},
                {QStringLiteral("fieldOfView"), m_camera->fieldOfView()}};
    o[QStringLiteral("skewMs")] = stats(m_skewMs);
    o[QStringLiteral("skewFrames")] = stats(m_skewFrames);
    o[QStringLiteral("frameMs")] = stats(m_followerFrameMs);
    o[QStringLiteral("sceneState")] = QJsonObject{{QStringLiteral("received"), m_sceneReceived},
                                                  {QStringLiteral("applied"), m_sceneApplied},
                                                  {QStringLiteral("error"), m_sceneError},
                                                  {QStringLiteral("state"), m_pendingScene}};
    if (m_presenter) // what this follower shows now, to compare with the leader's
        o[QStringLiteral("sceneStateNow")] = m_presenter->sceneState();
    o[QStringLiteral("presenterState")] = m_presenterState;
    o[QStringLiteral("malformed")] = double(m_malformed);
    o[QStringLiteral("recentErrors")] = QJsonArray::fromStringList(m_recentErrors);
    return o;
}

} // namespace liyuan
