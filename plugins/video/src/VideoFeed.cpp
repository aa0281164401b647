#include "FrameConversion.h"
#include <liyuan/video/VideoFeed.h>

#include "FeedSession.h"

#include <QCoreApplication>
#include <QLoggingCategory>
#include <QThread>
#include <QThreadPool>
#include <QTimer>
#include <QVideoFrame>
#include <QVideoSink>

namespace liyuan::video {

Q_LOGGING_CATEGORY(lcFeed, "liyuan.video.feed")

namespace {

constexpr int kTickMs = 250;
constexpr int kPrerollPauseMs = 2000;

bool isAuthError(const QString &message)
{
    // rtspsrc (401 on DESCRIBE) and souphttpsrc report GST_RESOURCE_ERROR_NOT_AUTHORIZED; Qt 6.4's
    // GStreamer backend passes the element's text on as a ResourceError: "Unauthorized"
    // (measured: tst_videofeed::wrongCredentials)
    return message.contains(QLatin1String("Unauthorized"), Qt::CaseInsensitive)
        || message.contains(QLatin1String("Not authorized"), Qt::CaseInsensitive)
        || message.contains(QLatin1String("401"));
}

} // namespace

VideoFeed::VideoFeed(const VideoOptions &options, QObject *parent)
    : QObject(parent), m_options(options), m_projectionBusy(std::make_shared<std::atomic<bool>>(false))
{
    m_tick = new QTimer(this);
    m_tick->setInterval(kTickMs);
    connect(m_tick, &QTimer::timeout, this, &VideoFeed::onTick);
    m_retry = new QTimer(this);
    m_retry->setSingleShot(true);
    connect(m_retry, &QTimer::timeout, this, [this] {
        m_retryDelayMs = 0;
        connectNow();
    });
}

VideoFeed::~VideoFeed()
{
    dropPlayer();
}

void VideoFeed::setOptions(const VideoOptions &options)
{
    m_options = options;
}

QString VideoFeed::stateName(State state)
{
    switch (state) {
    case State::Idle:
        return QStringLiteral("idle");
    case State::Connecting:
        return QStringLiteral("connecting");
    case State::Playing:
        return QStringLiteral("playing");
    case State::Stalled:
        return QStringLiteral("stalled");
    case State::Offline:
        return QStringLiteral("offline");
    case State::AuthFailed:
        return QStringLiteral("authFailed");
    }
    return {};
}

void VideoFeed::setSource(const QUrl &url, const QString &user, const QString &password)
{
    QUrl clean = url;
    QString u = user;
    QString p = password;
    if (u.isEmpty() && p.isEmpty()) {
        u = url.userName();
        p = url.password();
    }
    clean.setUserInfo(QString());
    const bool changed = clean != m_url || u != m_user || p != m_password;
    m_url = clean;
    m_user = u;
    m_password = p;
    if (changed)
        Q_EMIT sourceChanged();
    if (changed && m_state != State::Idle)
        start();
}

QString VideoFeed::redactedUrl() const
{
    return m_url.toString(QUrl::RemoveUserInfo);
}

bool VideoFeed::isFile() const
{
    return m_url.isLocalFile() || m_url.scheme() == QLatin1String("qrc");
}

QString VideoFeed::redact(QString text) const
{
    if (!m_password.isEmpty()) {
        text.replace(m_password, QLatin1String("***"));
        const QString encoded = QString::fromUtf8(QUrl::toPercentEncoding(m_password));
        if (encoded != m_password)
            text.replace(encoded, QLatin1String("***"));
    }
    return text;
}

void VideoFeed::start()
{
    m_retry->stop();
    m_retryDelayMs = 0;
    m_nextDelayMs = qMax(1, m_options.retryInitialMs);
    m_attempts = 0;
    connectNow();
}

void VideoFeed::stop()
{
    m_retry->stop();
    m_tick->stop();
    m_retryDelayMs = 0;
    dropPlayer();
    setError(QString());
    setState(State::Idle);
}

void VideoFeed::dropPlayer()
{
    if (m_session) {
        m_frames += m_session->decoded();
        m_session->close(); // torn down on its own thread: a hung server cannot block this one
        m_session = nullptr;
    }
}

bool VideoFeed::waitForTeardown(int timeoutMs)
{
    QElapsedTimer t;
    t.start();
    while (FeedSession::alive() > 0 && t.elapsed() < timeoutMs)
        QThread::msleep(10);
    return FeedSession::alive() == 0;
}

void VideoFeed::connectNow()
{
    dropPlayer();
    if (!m_url.isValid() || m_url.isEmpty()) {
        m_tick->stop();
        const QString shown = redact(m_url.toString(QUrl::RemoveUserInfo));
        setError(QStringLiteral("%1: not a valid video URL").arg(shown.isEmpty() ? QStringLiteral("(no URL)") : shown));
        setState(State::Offline);
        return;
    }
    ++m_attempts;
    ++m_generation;
    setError(QString());
    setState(State::Connecting);
    QUrl withCredentials = m_url;
    if (!m_user.isEmpty())
        withCredentials.setUserName(m_user);
    if (!m_password.isEmpty())
        withCredentials.setPassword(m_password);
    m_sinceAttempt.start();
    m_sinceFrame.invalidate();
    m_framesThisAttempt = 0;
    m_tick->start();
    qCDebug(lcFeed) << "connecting to" << redactedUrl() << "attempt" << m_attempts;
    // a fresh player per attempt, on a thread of its own (FeedSession): nothing late from the
    // previous pipeline reaches this one, and no GStreamer state change blocks this thread
    m_session = FeedSession::open(withCredentials, isFile());
    const int generation = m_generation;
    connect(m_session, &FeedSession::frame, this, [this, generation](const QVideoFrame &frame) {
        if (generation == m_generation && m_session) {
            m_session->frameTaken();
            onFrame(frame);
        }
    });
    connect(m_session, &FeedSession::failed, this, [this, generation](const QString &message) {
        if (generation == m_generation)
            onError(message);
    });
    connect(m_session, &FeedSession::ended, this, [this, generation] {
        if (generation == m_generation && (m_state == State::Connecting || m_state == State::Playing || m_state == State::Stalled))
            fail(QStringLiteral("the stream ended"));
    });
}

void VideoFeed::onFrame(const QVideoFrame &frame)
{
    if (!frame.isValid() || !m_session)
        return;
    ++m_framesThisAttempt;
    m_sinceFrame.start();
    if (frame.size() != m_frameSize) {
        m_frameSize = frame.size();
        Q_EMIT frameSizeChanged();
    }
    if (m_state != State::Playing) {
        if (m_state == State::Connecting && m_attempts > 1) {
            ++m_reconnects;
            Q_EMIT reconnectsChanged();
        }
        m_nextDelayMs = qMax(1, m_options.retryInitialMs); // success: back-off starts over
        setError(QString());
        setState(State::Playing);
        m_framesNotified = framesDecoded();
        Q_EMIT framesDecodedChanged();
    }
    for (int i = 0; i < m_displaySinks.size();) {
        if (QVideoSink *sink = m_displaySinks.at(i)) {
            sink->setVideoFrame(frame);
            ++i;
        } else {
            m_displaySinks.removeAt(i);
        }
    }
    if (m_projectionWanted) {
        const int fps = qMax(1, m_options.projectionFps);
        const bool due = !m_sinceProjection.isValid() || m_sinceProjection.elapsed() >= 1000 / fps;
        if (due && !m_projectionBusy->exchange(true)) {
            m_sinceProjection.start();
            const int maxWidth = qMax(16, m_options.projectionMaxWidth);
            QPointer<VideoFeed> self(this);
            auto busy = m_projectionBusy;
            QThreadPool::globalInstance()->start([frame, maxWidth, self, busy] {
                QImage image = frameToImage(frame, maxWidth); // not toImage(): see FrameConversion.h
                busy->store(false);
                if (image.isNull())
                    return;
                QMetaObject::invokeMethod(
                    QCoreApplication::instance(),
                    [self, image] {
                        if (self && self->m_projectionWanted)
                            Q_EMIT self->projectionFrame(image);
                    },
                    Qt::QueuedConnection);
            });
        }
    }
}

void VideoFeed::onError(const QString &message)
{
    if (!m_session || m_state == State::Offline || m_state == State::AuthFailed || m_state == State::Idle)
        return;
    if (isAuthError(message)) {
        m_tick->stop();
        m_retry->stop();
        m_retryDelayMs = 0;
        dropPlayer();
        setError(QStringLiteral("%1: authentication failed (%2); check the user name and password")
                     .arg(redactedUrl(), redact(message)));
        qCWarning(lcFeed).noquote() << m_error;
        setState(State::AuthFailed);
        return;
    }
    fail(message.isEmpty() ? QStringLiteral("playback error") : message);
}

qint64 VideoFeed::framesDecoded() const
{
    return m_frames + (m_session ? m_session->decoded() : 0);
}

void VideoFeed::onTick()
{
    const qint64 frames = framesDecoded();
    if (frames != m_framesNotified) {
        m_framesNotified = frames;
        Q_EMIT framesDecodedChanged();
    }
    switch (m_state) {
    case State::Connecting:
        if (m_sinceAttempt.elapsed() > m_options.connectTimeoutMs)
            fail(QStringLiteral("no picture within %1 ms").arg(m_options.connectTimeoutMs));
        break;
    case State::Playing: {
        // the first (preroll) frame of an RTSP stream is followed by a pause as long as rtspsrc's
        // jitter-buffer latency (2 s by default) before playback proper starts
        const qint64 limit = qint64(m_options.stallTimeoutMs) + (m_framesThisAttempt < 2 ? kPrerollPauseMs : 0);
        if (m_sinceFrame.isValid() && m_sinceFrame.elapsed() > limit)
            setState(State::Stalled);
        break;
    }
    case State::Stalled:
        if (m_sinceFrame.elapsed() > qint64(m_options.stallTimeoutMs) + m_options.connectTimeoutMs)
            fail(QStringLiteral("no picture for %1 ms").arg(m_sinceFrame.elapsed()));
        break;
    default:
        break;
    }
}

void VideoFeed::fail(const QString &problem)
{
    m_tick->stop();
    setError(QStringLiteral("%1: %2").arg(redactedUrl(), redact(problem)));
    qCWarning(lcFeed).noquote() << m_error;
    dropPlayer();
    m_retryDelayMs = qMax(1, m_nextDelayMs);
    m_nextDelayMs = qMin(qMax(1, m_options.retryMaxMs), m_retryDelayMs * 2);
    setState(State::Offline);
    m_retry->start(m_retryDelayMs);
    Q_EMIT retryScheduled(m_retryDelayMs);
}

void VideoFeed::setState(State state)
{
    if (state == m_state)
        return;
    m_state = state;
    Q_EMIT stateChanged(state);
}

void VideoFeed::setError(const QString &error)
{
    if (error == m_error)
        return;
    m_error = error;
    Q_EMIT errorStringChanged();
}

void VideoFeed::addDisplaySink(QVideoSink *sink)
{
    if (sink && !m_displaySinks.contains(sink))
        m_displaySinks.append(sink);
}

void VideoFeed::removeDisplaySink(QVideoSink *sink)
{
    m_displaySinks.removeAll(sink);
}

void VideoFeed::setProjectionWanted(bool wanted)
{
    m_projectionWanted = wanted;
    if (!wanted)
        m_sinceProjection.invalidate();
}

} // namespace liyuan::video
