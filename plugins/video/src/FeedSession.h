#pragma once

#include <QObject>
#include <QString>
#include <QUrl>
#include <QVideoFrame>

#include <atomic>

class QMediaPlayer;
class QThread;
class QVideoSink;

namespace liyuan::video {

/**
 * One connection attempt of a VideoFeed (private): a QMediaPlayer and its QVideoSink living on a
 * thread of their own. Opening, stopping and destroying a GStreamer pipeline can block for tens of
 * seconds (rtspsrc waits for a hung server's TEARDOWN reply: measured 40 s), so none of it happens
 * on the feed's (GUI) thread: the session is created there, moved to its thread, and closed there;
 * the thread ends and is deleted when the session is gone.
 *
 * Signals are emitted on the session thread; the feed receives them queued. At most two frames are
 * in flight towards the feed; further ones are counted but not queued (the GUI thread fell behind).
 */
class FeedSession : public QObject
{
    Q_OBJECT
public:
    /** url carries the credentials; loop: play a file again from the start at its end. */
    static FeedSession *open(const QUrl &url, bool loop);
    /** Disconnects and closes asynchronously (the pipeline is torn down on the session thread). */
    void close();

    /** Frames the decoder delivered in this session (any thread). */
    qint64 decoded() const { return m_decoded; }
    /** The receiver took a frame (feed thread). */
    void frameTaken() { --m_inFlight; }
    /** Sessions not yet torn down, in the whole process. */
    static int alive();

Q_SIGNALS:
    void frame(const QVideoFrame &frame);
    void failed(const QString &message);
    void ended();

private:
    FeedSession(const QUrl &url, bool loop);
    ~FeedSession() override;
    void start();
    void onFrame(const QVideoFrame &frame);

    QUrl m_url;
    bool m_loop = false;
    QThread *m_thread = nullptr;
    QMediaPlayer *m_player = nullptr;
    QVideoSink *m_sink = nullptr;
    std::atomic<qint64> m_decoded{0};
    std::atomic<int> m_inFlight{0};
    bool m_reported = false;
};

} // namespace liyuan::video
