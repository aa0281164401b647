#pragma once

#include <QImage>
#include <QSize>
#include <QString>
#include <QStringList>

#include <functional>
#include <memory>

namespace liyuan::rtsp {

/**
 * An RTSP server for tests and the demo (gst-rtsp-server, hidden behind a pimpl).
 *
 * Every stream is H.264 (x264enc tune=zerolatency speed-preset=ultrafast, one key frame a second,
 * SPS/PPS repeated) in RTP, mounted at a path such as "/cam-01/main". The media of a path is built
 * only when the first client asks for it (DESCRIBE) and is shared by all clients watching it
 * (gst_rtsp_media_factory_set_shared), so registering 40 streams costs nothing until one is
 * watched; when the last client leaves, the media is torn down again.
 *
 * The server runs its own GMainContext + GMainLoop on a thread of its own; streaming, encoding and
 * the draw callbacks of addGenerated() run on GStreamer's streaming threads. The API may be called
 * from any one thread (normally the thread that owns the object); streams may be added before or
 * after start().
 *
 * setCredentials() turns on RTSP Basic authentication for every path: a client without or with
 * wrong credentials gets 401 Unauthorized. The password is kept in memory only and never logged.
 */
class RtspServer
{
public:
    /** Draws one frame (QImage::Format_RGB32, the stream's size) for the time ptsMs since the stream
     *  began. Called on a GStreamer streaming thread, once per frame per shared media. */
    using DrawFunction = std::function<void(QImage &frame, qint64 ptsMs)>;

    RtspServer();
    ~RtspServer(); ///< stop()s

    RtspServer(const RtspServer &) = delete;
    RtspServer &operator=(const RtspServer &) = delete;

    /** Address to bind (default "127.0.0.1"); set before start(). */
    void setAddress(const QString &address);
    QString address() const;

    /** Listens on port (0: a free port, see port()) and serves on the server thread. False with
     *  *error (e.g. the port is in use, the address is not local) when it cannot listen. */
    bool start(quint16 port, QString *error);
    /** The port listened on once start() succeeded, else 0. */
    quint16 port() const;
    bool isRunning() const;
    /** rtsp://address:port/path for a mounted path (no credentials). */
    QString url(const QString &path) const;

    /** Mounts a videotestsrc pattern of size at fps; kind (testPatternKinds()): "ball" (a moving ball
     *  on black: cheapest), "smpte" (still colour bars), "scroll" (colour bars scrolling: every
     *  macroblock moves, like a panning camera), "snow" (noise: the worst case for the codec); an
     *  unknown kind is "ball". The bitrate scales with size × fps (1080p25 ≈ 4 Mbit/s). */
    void addTestPattern(const QString &path, QSize size, int fps, const QString &kind = QStringLiteral("ball"));
    static QStringList testPatternKinds();
    /** Mounts a stream whose frames draw() fills (see DrawFunction) at fps, timestamps n/fps.
     *  For both kinds of stream the size is clamped to 16×16 … 7680×4320 and fps to 1 … 120; adding a
     *  path again replaces its stream. */
    void addGenerated(const QString &path, QSize size, int fps, DrawFunction draw);
    /** Mounted paths in the order added. */
    QStringList paths() const;

    /** RTSP Basic authentication for every path (empty user: none). Takes effect for clients
     *  connecting afterwards. */
    void setCredentials(const QString &user, const QString &password);

    /** Closes every client connection, stops listening, ends the server thread. Idempotent. */
    void stop();

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace liyuan::rtsp
