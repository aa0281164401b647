#include "FeedSession.h"

#include <QMediaPlayer>
#include <QThread>
#include <QVideoSink>

namespace liyuan::video {

namespace {
std::atomic<int> g_alive{0};
} // namespace

int FeedSession::alive()
{
    return g_alive;
}

FeedSession::FeedSession(const QUrl &url, bool loop) : m_url(url), m_loop(loop)
{
    ++g_alive;
}

FeedSession::~FeedSession()
{
    // on the session thread: this is where a stuck pipeline may block
    if (m_player) {
        m_player->disconnect(this);
        m_sink->disconnect(this);
    }
    delete m_player;
    m_player = nullptr;
    delete m_sink;
    m_sink = nullptr;
    m_thread->quit();
    --g_alive;
}

FeedSession *FeedSession::open(const QUrl &url, bool loop)
{
    auto *session = new FeedSession(url, loop);
    session->m_thread = new QThread;
    session->m_thread->setObjectName(QStringLiteral("liyuan-video-feed"));
    QObject::connect(session->m_thread, &QThread::finished, session->m_thread, &QObject::deleteLater);
    session->moveToThread(session->m_thread);
    session->m_thread->start();
    QMetaObject::invokeMethod(session, [session] { session->start(); }, Qt::QueuedConnection);
    return session;
}

void FeedSession::close()
{
    disconnect(); // nothing more reaches the feed
    QMetaObject::invokeMethod(this, [this] { delete this; }, Qt::QueuedConnection);
}

void FeedSession::start()
{
    m_player = new QMediaPlayer;
    m_sink = new QVideoSink;
    m_player->setVideoOutput(m_sink);
    connect(m_sink, &QVideoSink::videoFrameChanged, this, &FeedSession::onFrame, Qt::DirectConnection);
    connect(m_player, &QMediaPlayer::errorOccurred, this, [this](QMediaPlayer::Error, const QString &message) {
        if (!m_reported) {
            m_reported = true;
            Q_EMIT failed(message.isEmpty() ? QStringLiteral("playback error") : message);
        }
    });
    connect(m_player, &QMediaPlayer::mediaStatusChanged, this, [this](QMediaPlayer::MediaStatus status) {
        if (status == QMediaPlayer::EndOfMedia) {
            if (m_loop) {
                // setLoops(Infinite) starts again by itself; should the backend stop anyway, restart
                if (m_player->playbackState() != QMediaPlayer::PlayingState) {
                    m_player->setPosition(0);
                    m_player->play();
                }
            } else if (!m_reported) {
                m_reported = true;
                Q_EMIT ended();
            }
        } else if (status == QMediaPlayer::InvalidMedia && !m_reported) {
            m_reported = true;
            Q_EMIT failed(m_player->errorString().isEmpty() ? QStringLiteral("invalid media") : m_player->errorString());
        }
    });
    if (m_loop)
        m_player->setLoops(QMediaPlayer::Infinite);
    m_player->setSource(m_url);
    m_url = QUrl(); // the credentials are not kept longer than needed
    m_player->play();
}

void FeedSession::onFrame(const QVideoFrame &frame)
{
    if (!frame.isValid())
        return;
    ++m_decoded;
    if (m_inFlight >= 2)
        return; // the feed's thread is behind: this frame is counted, not shown
    ++m_inFlight;
    Q_EMIT this->frame(frame);
}

} // namespace liyuan::video
