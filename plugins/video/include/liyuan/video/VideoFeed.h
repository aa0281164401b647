#pragma once

#include <liyuan/video/VideoOptions.h>

#include <QElapsedTimer>
#include <QImage>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QSize>
#include <QUrl>

#include <atomic>
#include <memory>

class QTimer;
class QVideoFrame;
class QVideoSink;

namespace liyuan::video {

class FeedSession;

/**
 * One live video feed: an RTSP/RTSPS, HTTP(S) (incl. HLS .m3u8) or file:// source decoded by Qt
 * Multimedia (QMediaPlayer, Debian's default GStreamer backend) into a C++ QVideoSink, with its state,
 * automatic reconnect and frames for display and projection.
 *
 * Threads. The object and its API belong to the thread it lives in (the GUI thread). Demuxing and
 * decoding run on GStreamer's streaming threads. With the GStreamer backend of Qt 6.4 a
 * QVideoSink's videoFrameChanged is emitted on the thread the sink lives in (the renderer hands each
 * decoded frame to it; measured by tst_videofeed::frameThread), and opening, stopping or destroying
 * a QMediaPlayer blocks its thread while GStreamer changes state — for 40 s when an RTSP server hangs
 * (TEARDOWN unanswered). So each connection attempt's QMediaPlayer and QVideoSink live on a thread of
 * their own (private FeedSession), created and torn down there; frames are queued from it to the
 * feed's thread, at most two in flight (more are counted in framesDecoded but not shown). Per frame
 * the feed's thread only hands the (reference-counted, not copied) QVideoFrame to the display sinks; the conversion for projection (QVideoFrame::toImage + scaling) runs on the global
 * QThreadPool, at most projectionFps times a second, and frames arriving while a conversion is
 * still running are dropped.
 *
 * States (stateName in brackets):
 * @verbatim
 *   Idle ("idle") --start()--> Connecting ("connecting")
 *   Connecting --first frame--> Playing ("playing")                     [retry delay reset]
 *   Connecting --no frame within connectTimeoutMs / error--> Offline
 *   Playing --no frame for stallTimeoutMs--> Stalled ("stalled") --frame--> Playing
 *                                          [after the very first frame of an attempt: 2 s more, the
 *                                           pause of rtspsrc's jitter-buffer latency after preroll]
 *   Stalled --no frame for another connectTimeoutMs--> Offline
 *   Playing/Stalled --error, or end of a live stream--> Offline ("offline")
 *   Offline --after the retry delay--> Connecting          [delay: retryInitialMs, doubled per
 *                                                           failure up to retryMaxMs]
 *   any --401 Unauthorized--> AuthFailed ("authFailed")    [no automatic retry; setSource() with
 *                                                           other credentials, or start(), retries]
 *   any --stop()--> Idle
 * @endverbatim
 * A file:// source loops: at its end it starts again from the beginning and stays Playing (a file
 * is never "offline" for having ended); a file that cannot be opened or decoded is Offline with the
 * error and is retried with the same back-off (it may appear later).
 *
 * Credentials. setSource() keeps the user and password apart from the URL (user info inside the
 * URL is taken out); they are put into the URL only when it is handed to QMediaPlayer.
 * redactedUrl(), errorString() and every message this class logs never contain the password (nor the
 * user info). Note: Qt's own *debug* category qt.multimedia.player (off by default) prints the URL
 * it is given, credentials included — do not enable it with real credentials.
 */
class VideoFeed : public QObject
{
    Q_OBJECT
    Q_PROPERTY(State state READ state NOTIFY stateChanged)
    Q_PROPERTY(QString stateName READ stateName NOTIFY stateChanged)
    Q_PROPERTY(qint64 framesDecoded READ framesDecoded NOTIFY framesDecodedChanged)
    Q_PROPERTY(QSize frameSize READ frameSize NOTIFY frameSizeChanged)
    Q_PROPERTY(QString errorString READ errorString NOTIFY errorStringChanged)
    Q_PROPERTY(int reconnects READ reconnects NOTIFY reconnectsChanged)
    Q_PROPERTY(int retryDelayMs READ retryDelayMs NOTIFY retryScheduled)
    Q_PROPERTY(QString redactedUrl READ redactedUrl NOTIFY sourceChanged)

public:
    enum class State { Idle, Connecting, Playing, Stalled, Offline, AuthFailed };
    Q_ENUM(State)

    explicit VideoFeed(const VideoOptions &options = {}, QObject *parent = nullptr);
    ~VideoFeed() override;

    /** Options used from the next start(). */
    void setOptions(const VideoOptions &options);
    const VideoOptions &options() const { return m_options; }

    /** The source and its credentials (user info inside url is moved into user/password when
     *  those are empty). When the feed is running (not Idle) it reconnects to the new source at
     *  once — also out of AuthFailed. */
    void setSource(const QUrl &url, const QString &user = {}, const QString &password = {});
    /** The URL without user info (safe to show and log). */
    QString redactedUrl() const;
    QUrl source() const { return m_url; }

    /** Starts (or restarts) connecting; also the way out of AuthFailed with unchanged credentials. */
    Q_INVOKABLE void start();
    /** Disconnects, cancels any retry; state Idle. Nothing is decoded while Idle. */
    Q_INVOKABLE void stop();

    State state() const { return m_state; }
    static QString stateName(State state);
    QString stateName() const { return stateName(m_state); }
    /** Frames delivered by the decoder since construction (framesDecodedChanged at most 4 times a second). */
    qint64 framesDecoded() const;
    QSize frameSize() const { return m_frameSize; }
    /** Why the feed is Offline/AuthFailed: the redacted URL and the problem; empty otherwise. */
    QString errorString() const { return m_error; }
    /** Successful reconnections: attempts after the first since start() that got a picture
     *  (a Stalled feed whose frames resume is not a reconnection). */
    int reconnects() const { return m_reconnects; }
    /** Connection attempts since start() (the first one included). */
    int attempts() const { return m_attempts; }
    /** Delay of the currently scheduled reconnect (0: none scheduled). */
    int retryDelayMs() const { return m_retryDelayMs; }

    /** Frames are forwarded to sink (e.g. QML VideoOutput.videoSink) until it is removed or destroyed. */
    Q_INVOKABLE void addDisplaySink(QVideoSink *sink);
    Q_INVOKABLE void removeDisplaySink(QVideoSink *sink);

    /** Waits (blocking, at most timeoutMs) until every feed's pipeline of this process has been torn
     *  down on its session thread; for the end of main() or of a test. True when none is left. */
    static bool waitForTeardown(int timeoutMs);

    /** Whether projectionFrame is emitted (off by default: no conversion cost). */
    void setProjectionWanted(bool wanted);
    bool projectionWanted() const { return m_projectionWanted; }

Q_SIGNALS:
    void stateChanged(liyuan::video::VideoFeed::State state);
    void framesDecodedChanged();
    void frameSizeChanged();
    void errorStringChanged();
    void reconnectsChanged();
    void sourceChanged();
    /** A reconnect is scheduled in delayMs (Offline). */
    void retryScheduled(int delayMs);
    /** A frame converted for projection (≤ projectionMaxWidth wide, ≤ projectionFps per second),
     *  emitted on the feed's thread. */
    void projectionFrame(const QImage &image);

private:
    void connectNow();
    void dropPlayer();
    void onFrame(const QVideoFrame &frame);
    void onError(const QString &message);
    void onTick();
    void fail(const QString &problem);
    void setState(State state);
    void setError(const QString &error);
    QString redact(QString text) const;
    bool isFile() const;

    VideoOptions m_options;
    QUrl m_url; ///< without user info
    QString m_user;
    QString m_password;
    State m_state = State::Idle;
    FeedSession *m_session = nullptr;
    int m_generation = 0;
    QTimer *m_tick = nullptr;
    QTimer *m_retry = nullptr;
    QList<QPointer<QVideoSink>> m_displaySinks;
    QElapsedTimer m_sinceAttempt;
    QElapsedTimer m_sinceFrame;
    QElapsedTimer m_sinceProjection;
    qint64 m_frames = 0; ///< decoded by sessions already closed
    qint64 m_framesNotified = 0;
    QSize m_frameSize;
    QString m_error;
    int m_reconnects = 0;
    int m_attempts = 0;
    int m_nextDelayMs = 0;
    int m_retryDelayMs = 0;
    qint64 m_framesThisAttempt = 0;
    bool m_projectionWanted = false;
    std::shared_ptr<std::atomic<bool>> m_projectionBusy;
};

} // namespace liyuan::video
