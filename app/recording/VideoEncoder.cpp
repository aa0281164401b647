#include "VideoEncoder.h"
#include "RecordOptions.h"

#include <gst/app/gstappsrc.h>
#include <gst/gst.h>

#include <QFile>
#include <QFileInfo>

namespace liyuan {

struct VideoEncoder::Private
{
    GstElement *pipeline = nullptr;
    GstElement *appsrc = nullptr;
    GstBus *bus = nullptr;
    QSize size;
    int fps = 30;
    int frames = 0;
    QString output;

    QString busError()
    {
        if (!bus)
            return {};
        GstMessage *msg = gst_bus_pop_filtered(bus, GST_MESSAGE_ERROR);
        if (!msg)
            return {};
        QString text = describe(msg);
        gst_message_unref(msg);
        return text;
    }
    QString describe(GstMessage *msg) const
    {
        GError *err = nullptr;
        gchar *dbg = nullptr;
        gst_message_parse_error(msg, &err, &dbg);
        const QString text = QStringLiteral("%1: the video encoder failed: %2").arg(output,
                QString::fromUtf8(err ? err->message : "unknown error"));
        if (err)
            g_error_free(err);
        g_free(dbg);
        return text;
    }
    void teardown()
    {
        if (pipeline)
            gst_element_set_state(pipeline, GST_STATE_NULL);
        if (appsrc)
            gst_object_unref(appsrc);
        if (bus)
            gst_object_unref(bus);
        if (pipeline)
            gst_object_unref(pipeline);
        pipeline = appsrc = nullptr;
        bus = nullptr;
    }
};

namespace {
void freeImage(gpointer p)
{
    delete static_cast<QImage *>(p);
}
} // namespace

VideoEncoder::VideoEncoder() : d(std::make_unique<Private>()) {}

VideoEncoder::~VideoEncoder()
{
    d->teardown();
}

bool VideoEncoder::open(const RecordOptions &o, QSize size, QString *error)
{
    d->teardown();
    d->output = o.output;
    d->frames = 0;
    auto fail = [&](const QString &why) {
        if (error)
            *error = why;
        d->teardown();
        return false;
    };
    if (size.width() < 16 || size.height() < 16 || size.width() % 2 || size.height() % 2)
        return fail(QStringLiteral("%1: the video size must be even and at least 16×16, not %2×%3")
                            .arg(o.output).arg(size.width()).arg(size.height()));
    if (!gst_is_initialized())
        gst_init(nullptr, nullptr);
    struct Need { const char *element, *package; };
    for (const Need &n : {Need{"appsrc", "gstreamer1.0-plugins-base"}, Need{"videoconvert", "gstreamer1.0-plugins-base"},
                          Need{"x264enc", "gstreamer1.0-plugins-ugly"}, Need{"h264parse", "gstreamer1.0-plugins-bad"},
                          Need{"mp4mux", "gstreamer1.0-plugins-good"}, Need{"filesink", "gstreamer1.0 (core)"}}) {
        GstElementFactory *f = gst_element_factory_find(n.element);
        if (!f)
            return fail(QStringLiteral("cannot record %1: the GStreamer element %2 is missing (install %3)")
                                .arg(o.output, QString::fromLatin1(n.element), QString::fromLatin1(n.package)));
        gst_object_unref(f);
    }
    // the file must be writable before anything is rendered
    {
        QFile probe(o.output);
        if (QFileInfo(o.output).isDir() || !probe.open(QIODevice::WriteOnly | QIODevice::Truncate))
            return fail(QStringLiteral("cannot write %1: %2").arg(o.output,
                    QFileInfo(o.output).isDir() ? QStringLiteral("is a directory") : probe.errorString()));
    }
    const qint64 frameBytes = qint64(size.width()) * size.height() * 4;
    const QString rate = o.bitrateKbps > 0
            ? QStringLiteral("pass=cbr bitrate=%1").arg(o.bitrateKbps)
            : QStringLiteral("pass=qual quantizer=%1").arg(qBound(0, o.quality, 51));
    const QString launch =
            QStringLiteral("appsrc name=src format=time is-live=false block=true max-bytes=%1 "
                           "caps=video/x-raw,format=BGRx,width=%2,height=%3,framerate=%4/1 "
                           "! queue max-size-buffers=%5 max-size-bytes=0 max-size-time=0 ! videoconvert "
                           "! video/x-raw,format=I420 "
                           "! x264enc %6 speed-preset=%7 key-int-max=%8 "
                           "! h264parse ! mp4mux ! filesink name=sink")
                    .arg(frameBytes * qMax(1, o.queueFrames / 2))
                    .arg(size.width())
                    .arg(size.height())
                    .arg(o.fps)
                    .arg(qMax(1, o.queueFrames / 2))
                    .arg(rate, o.speedPreset)
                    .arg(qMax(1, o.fps * 2));
    GError *err = nullptr;
    d->pipeline = gst_parse_launch(launch.toUtf8().constData(), &err);
    if (err) {
        const QString why = QString::fromUtf8(err->message);
        g_error_free(err);
        return fail(QStringLiteral("cannot record %1: %2").arg(o.output, why));
    }
    d->appsrc = gst_bin_get_by_name(GST_BIN(d->pipeline), "src");
    GstElement *sink = gst_bin_get_by_name(GST_BIN(d->pipeline), "sink");
    g_object_set(sink, "location", QFile::encodeName(o.output).constData(), nullptr);
    gst_object_unref(sink);
    d->bus = gst_element_get_bus(d->pipeline);
    d->size = size;
    d->fps = o.fps;
    if (gst_element_set_state(d->pipeline, GST_STATE_PLAYING) == GST_STATE_CHANGE_FAILURE) {
        const QString why = d->busError();
        return fail(why.isEmpty() ? QStringLiteral("cannot write %1: the encoder did not start").arg(o.output) : why);
    }
    return true;
}

bool VideoEncoder::push(const QImage &frame, QString *error)
{
    if (!d->pipeline) {
        if (error)
            *error = QStringLiteral("%1: the encoder is not open").arg(d->output);
        return false;
    }
    const QString why = d->busError();
    if (!why.isEmpty()) {
        if (error)
            *error = why;
        return false;
    }
    auto *image = new QImage(frame.size() == d->size
                                     ? frame.convertToFormat(QImage::Format_RGB32)
                                     : frame.scaled(d->size, Qt::IgnoreAspectRatio, Qt::SmoothTransformation)
                                               .convertToFormat(QImage::Format_RGB32));
    GstBuffer *buffer = gst_buffer_new_wrapped_full(GST_MEMORY_FLAG_READONLY, const_cast<uchar *>(image->constBits()),
                                                    gsize(image->sizeInBytes()), 0, gsize(image->sizeInBytes()),
                                                    image, freeImage);
    GST_BUFFER_PTS(buffer) = gst_util_uint64_scale(guint64(d->frames), GST_SECOND, guint64(d->fps));
    GST_BUFFER_DURATION(buffer) = gst_util_uint64_scale(guint64(d->frames + 1), GST_SECOND, guint64(d->fps))
                                  - GST_BUFFER_PTS(buffer);
    if (gst_app_src_push_buffer(GST_APP_SRC(d->appsrc), buffer) != GST_FLOW_OK) { // takes the buffer
        const QString bus = d->busError();
        if (error)
            *error = bus.isEmpty() ? QStringLiteral("%1: the encoder refused frame %2").arg(d->output).arg(d->frames) : bus;
        return false;
    }
    ++d->frames;
    return true;
}

bool VideoEncoder::finish(int timeoutMs, QString *error)
{
    if (!d->pipeline) {
        if (error)
            *error = QStringLiteral("%1: the encoder is not open").arg(d->output);
        return false;
    }
    gst_app_src_end_of_stream(GST_APP_SRC(d->appsrc));
    GstMessage *msg = gst_bus_timed_pop_filtered(d->bus, GstClockTime(qMax(1, timeoutMs)) * GST_MSECOND,
                                                 GstMessageType(GST_MESSAGE_EOS | GST_MESSAGE_ERROR));
    bool ok = false;
    QString why;
    if (!msg) {
        why = QStringLiteral("%1: the encoder did not finish within %2 s").arg(d->output).arg(timeoutMs / 1000.0);
    } else if (GST_MESSAGE_TYPE(msg) == GST_MESSAGE_ERROR) {
        why = d->describe(msg);
    } else {
        ok = true;
    }
    if (msg)
        gst_message_unref(msg);
    d->teardown();
    if (!ok && error)
        *error = why;
    return ok;
}

void VideoEncoder::abort()
{
    d->teardown();
}

int VideoEncoder::framesPushed() const
{
    return d->frames;
}

bool VideoEncoder::isOpen() const
{
    return d->pipeline != nullptr;
}

} // namespace liyuan
