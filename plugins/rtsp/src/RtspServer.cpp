#include <liyuan/rtsp/RtspServer.h>

#include <gst/app/gstappsrc.h>
#include <gst/gst.h>
#include <gst/rtsp-server/rtsp-server.h>

#include <QMutex>
#include <QMutexLocker>

#include <atomic>
#include <thread>
#include <vector>

namespace liyuan::rtsp {

namespace {

constexpr const char *kRole = "liyuan-viewer";

/** x264 settings shared by every stream: cheap, low latency, a key frame each second with SPS/PPS
 *  repeated, so a client joining a shared media starts within a second. */
QString encoderChain(QSize size, int fps)
{
    // about 0.08 bit per pixel: 1080p25 ≈ 4.1 Mbit/s, 720p25 ≈ 1.8 Mbit/s, like CCTV main streams
    const qint64 kbps = qBound(qint64(256), qint64(size.width()) * size.height() * fps / 12500, qint64(20000));
    return QStringLiteral("x264enc tune=zerolatency speed-preset=ultrafast key-int-max=%1 bitrate=%2 "
                          "! video/x-h264,profile=constrained-baseline "
                          "! rtph264pay name=pay0 pt=96 config-interval=-1")
        .arg(qMax(1, fps))
        .arg(kbps);
}

/** One generated stream: what its appsrc needs per media. */
struct Generated
{
    QSize size;
    int fps = 25;
    RtspServer::DrawFunction draw;
};

/** Per media (per shared pipeline) state of a generated stream. */
struct GeneratedMedia
{
    std::shared_ptr<Generated> gen;
    guint64 frame = 0;
};

void freeImage(gpointer p)
{
    delete static_cast<QImage *>(p);
}

void needData(GstElement *appsrc, guint, gpointer user)
{
    auto *m = static_cast<GeneratedMedia *>(user);
    const Generated &g = *m->gen;
    auto *image = new QImage(g.size, QImage::Format_RGB32);
    image->fill(Qt::black);
    const GstClockTime pts = gst_util_uint64_scale(m->frame, GST_SECOND, guint64(g.fps));
    const GstClockTime next = gst_util_uint64_scale(m->frame + 1, GST_SECOND, guint64(g.fps));
    if (g.draw)
        g.draw(*image, qint64(pts / GST_MSECOND));
    if (image->size() != g.size || image->format() != QImage::Format_RGB32) // the callback replaced it
        *image = image->scaled(g.size).convertToFormat(QImage::Format_RGB32);
    const gsize bytes = gsize(image->sizeInBytes());
    GstBuffer *buffer = gst_buffer_new_wrapped_full(GST_MEMORY_FLAG_READONLY, const_cast<uchar *>(image->constBits()),
                                                    bytes, 0, bytes, image, freeImage);
    GST_BUFFER_PTS(buffer) = pts;
    GST_BUFFER_DURATION(buffer) = next - pts;
    ++m->frame;
    gst_app_src_push_buffer(GST_APP_SRC(appsrc), buffer); // takes the buffer
}

void freeGeneratedMedia(gpointer p, GClosure *)
{
    delete static_cast<GeneratedMedia *>(p);
}

void mediaConfigure(GstRTSPMediaFactory *, GstRTSPMedia *media, gpointer user)
{
    auto *shared = static_cast<std::shared_ptr<Generated> *>(user);
    GstElement *element = gst_rtsp_media_get_element(media);
    GstElement *appsrc = gst_bin_get_by_name_recurse_up(GST_BIN(element), "src");
    if (appsrc) {
        const Generated &g = **shared;
        GstCaps *caps = gst_caps_new_simple("video/x-raw", "format", G_TYPE_STRING, "BGRx", "width", G_TYPE_INT,
                                            g.size.width(), "height", G_TYPE_INT, g.size.height(), "framerate",
                                            GST_TYPE_FRACTION, g.fps, 1, nullptr);
        g_object_set(appsrc, "caps", caps, "format", GST_FORMAT_TIME, "max-bytes", guint64(2 * g.size.width() * g.size.height() * 4),
                     nullptr);
        gst_caps_unref(caps);
        auto *m = new GeneratedMedia{*shared, 0};
        g_signal_connect_data(appsrc, "need-data", G_CALLBACK(needData), m, freeGeneratedMedia, GConnectFlags(0));
        gst_object_unref(appsrc);
    }
    gst_object_unref(element);
}

void freeSharedGenerated(gpointer p, GClosure *)
{
    delete static_cast<std::shared_ptr<Generated> *>(p);
}

GstRTSPFilterResult removeClient(GstRTSPServer *, GstRTSPClient *, gpointer)
{
    return GST_RTSP_FILTER_REMOVE;
}

GstRTSPFilterResult removeSession(GstRTSPSessionPool *, GstRTSPSession *, gpointer)
{
    return GST_RTSP_FILTER_REMOVE;
}

gboolean cleanupSessions(gpointer server)
{
    GstRTSPSessionPool *pool = gst_rtsp_server_get_session_pool(GST_RTSP_SERVER(server));
    gst_rtsp_session_pool_cleanup(pool);
    g_object_unref(pool);
    return G_SOURCE_CONTINUE;
}

} // namespace

struct RtspServer::Private
{
    mutable QMutex mutex;
    QString address = QStringLiteral("127.0.0.1");
    QStringList paths;
    QString user;
    GstRTSPServer *server = nullptr;
    GstRTSPMountPoints *mounts = nullptr;
    GMainContext *context = nullptr;
    GMainLoop *loop = nullptr;
    GSource *source = nullptr;
    GSource *cleanup = nullptr;
    std::thread thread;
    std::atomic<quint16> port{0};

    void addFactory(const QString &path, GstRTSPMediaFactory *factory)
    {
        gst_rtsp_media_factory_set_shared(factory, TRUE);
        // the role every authenticated client gets (setCredentials); without an auth object the
        // server checks no permission, so the role is harmless then
        gst_rtsp_media_factory_add_role(factory, kRole, GST_RTSP_PERM_MEDIA_FACTORY_ACCESS, G_TYPE_BOOLEAN, TRUE,
                                        GST_RTSP_PERM_MEDIA_FACTORY_CONSTRUCT, G_TYPE_BOOLEAN, TRUE, nullptr);
        const QString p = path.startsWith(QLatin1Char('/')) ? path : QLatin1Char('/') + path;
        gst_rtsp_mount_points_add_factory(mounts, p.toUtf8().constData(), factory); // takes the factory
        QMutexLocker lock(&mutex);
        paths.removeAll(p);
        paths.append(p);
    }
};

RtspServer::RtspServer() : d(std::make_unique<Private>())
{
    if (!gst_is_initialized())
        gst_init(nullptr, nullptr);
    d->server = gst_rtsp_server_new();
    d->mounts = gst_rtsp_server_get_mount_points(d->server);
}

RtspServer::~RtspServer()
{
    stop();
    g_object_unref(d->mounts);
    g_object_unref(d->server);
}

void RtspServer::setAddress(const QString &address)
{
    QMutexLocker lock(&d->mutex);
    d->address = address;
}

QString RtspServer::address() const
{
    QMutexLocker lock(&d->mutex);
    return d->address;
}

bool RtspServer::start(quint16 port, QString *error)
{
    if (isRunning())
        return true;
    const QString address = this->address();
    gst_rtsp_server_set_address(d->server, address.toUtf8().constData());
    gst_rtsp_server_set_service(d->server, QByteArray::number(port).constData()); // "0": the OS picks a free port
    GError *err = nullptr;
    GSource *source = gst_rtsp_server_create_source(d->server, nullptr, &err); // binds and listens
    if (!source) {
        if (error)
            *error = QStringLiteral("RTSP server: cannot listen on %1:%2: %3")
                         .arg(address)
                         .arg(port)
                         .arg(err ? QString::fromUtf8(err->message) : QStringLiteral("unknown error"));
        g_clear_error(&err);
        return false;
    }
    d->context = g_main_context_new();
    d->loop = g_main_loop_new(d->context, FALSE);
    d->source = source;
    g_source_attach(d->source, d->context);
    d->cleanup = g_timeout_source_new(2000);
    g_source_set_callback(d->cleanup, cleanupSessions, d->server, nullptr);
    g_source_attach(d->cleanup, d->context);
    d->port = quint16(gst_rtsp_server_get_bound_port(d->server));
    GMainLoop *loop = d->loop;
    GMainContext *context = d->context;
    d->thread = std::thread([loop, context] {
        g_main_context_push_thread_default(context);
        g_main_loop_run(loop);
        g_main_context_pop_thread_default(context);
    });
    return true;
}

quint16 RtspServer::port() const
{
    return d->port;
}

bool RtspServer::isRunning() const
{
    return d->port != 0;
}

QString RtspServer::url(const QString &path) const
{
    const QString p = path.startsWith(QLatin1Char('/')) ? path : QLatin1Char('/') + path;
    QString host = address();
    if (host.contains(QLatin1Char(':')))
        host = QLatin1Char('[') + host + QLatin1Char(']');
    return QStringLiteral("rtsp://%1:%2%3").arg(host).arg(port()).arg(p);
}

QStringList RtspServer::testPatternKinds()
{
    return {QStringLiteral("ball"), QStringLiteral("smpte"), QStringLiteral("scroll"), QStringLiteral("snow")};
}

void RtspServer::addTestPattern(const QString &path, QSize size, int fps, const QString &kind)
{
    fps = qBound(1, fps, 120);
    size = size.expandedTo(QSize(16, 16)).boundedTo(QSize(7680, 4320));
    QString source = QStringLiteral("pattern=ball");
    if (kind == QLatin1String("smpte"))
        source = QStringLiteral("pattern=smpte");
    else if (kind == QLatin1String("scroll"))
        source = QStringLiteral("pattern=smpte horizontal-speed=4");
    else if (kind == QLatin1String("snow"))
        source = QStringLiteral("pattern=snow");
    const QString launch = QStringLiteral("( videotestsrc is-live=true %5 "
                                          "! video/x-raw,width=%1,height=%2,framerate=%3/1 ! videoconvert ! %4 )")
                               .arg(size.width())
                               .arg(size.height())
                               .arg(fps)
                               .arg(encoderChain(size, fps), source);
    GstRTSPMediaFactory *factory = gst_rtsp_media_factory_new();
    gst_rtsp_media_factory_set_launch(factory, launch.toUtf8().constData());
    d->addFactory(path, factory);
}

void RtspServer::addGenerated(const QString &path, QSize size, int fps, DrawFunction draw)
{
    fps = qBound(1, fps, 120);
    size = size.expandedTo(QSize(16, 16)).boundedTo(QSize(7680, 4320));
    const QString launch = QStringLiteral("( appsrc name=src ! videoconvert ! video/x-raw,format=I420 ! %1 )").arg(encoderChain(size, fps));
    GstRTSPMediaFactory *factory = gst_rtsp_media_factory_new();
    gst_rtsp_media_factory_set_launch(factory, launch.toUtf8().constData());
    auto gen = std::make_shared<Generated>(Generated{size, fps, std::move(draw)});
    g_signal_connect_data(factory, "media-configure", G_CALLBACK(mediaConfigure), new std::shared_ptr<Generated>(gen),
                          freeSharedGenerated, GConnectFlags(0));
    d->addFactory(path, factory);
}

QStringList RtspServer::paths() const
{
    QMutexLocker lock(&d->mutex);
    return d->paths;
}

void RtspServer::setCredentials(const QString &user, const QString &password)
{
    {
        QMutexLocker lock(&d->mutex);
        d->user = user;
    }
    if (user.isEmpty()) {
        gst_rtsp_server_set_auth(d->server, nullptr);
        return;
    }
    GstRTSPAuth *auth = gst_rtsp_auth_new();
    GstRTSPToken *token = gst_rtsp_token_new(GST_RTSP_TOKEN_MEDIA_FACTORY_ROLE, G_TYPE_STRING, kRole, nullptr);
    gchar *basic = gst_rtsp_auth_make_basic(user.toUtf8().constData(), password.toUtf8().constData());
    gst_rtsp_auth_add_basic(auth, basic, token);
    g_free(basic);
    gst_rtsp_token_unref(token);
    gst_rtsp_server_set_auth(d->server, auth);
    g_object_unref(auth);
}

void RtspServer::stop()
{
    if (!d->thread.joinable())
        return;
    // on the server thread: drop every client and session (their media stop), then end the loop
    struct Stop
    {
        GstRTSPServer *server;
        GMainLoop *loop;
    };
    auto *s = new Stop{d->server, d->loop};
    GSource *idle = g_idle_source_new();
    g_source_set_callback(
        idle,
        [](gpointer p) -> gboolean {
            auto *s = static_cast<Stop *>(p);
            gst_rtsp_server_client_filter(s->server, removeClient, nullptr);
            GstRTSPSessionPool *pool = gst_rtsp_server_get_session_pool(s->server);
            g_list_free_full(gst_rtsp_session_pool_filter(pool, removeSession, nullptr), g_object_unref);
            g_object_unref(pool);
            g_main_loop_quit(s->loop);
            return G_SOURCE_REMOVE;
        },
        s, [](gpointer p) { delete static_cast<Stop *>(p); });
    g_source_attach(idle, d->context);
    g_source_unref(idle);
    d->thread.join();
    g_source_destroy(d->source);
    g_source_unref(d->source);
    d->source = nullptr;
    g_source_destroy(d->cleanup);
    g_source_unref(d->cleanup);
    d->cleanup = nullptr;
    // let what the client removal queued (watch destruction) run to completion
    while (g_main_context_iteration(d->context, FALSE)) {
    }
    g_main_loop_unref(d->loop);
    d->loop = nullptr;
    g_main_context_unref(d->context);
    d->context = nullptr;
    d->port = 0;
}

} // namespace liyuan::rtsp
