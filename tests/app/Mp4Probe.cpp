#include "Mp4Probe.h"

#include <gst/app/gstappsink.h>
#include <gst/app/gstappsrc.h>
#include <gst/gst.h>
#include <gst/pbutils/pbutils.h>

#include <QUrl>

#include <cmath>
#include <cstdlib>

namespace {
void ensureInit()
{
    if (!gst_is_initialized())
        gst_init(nullptr, nullptr);
}
} // namespace

Mp4Info probeMp4(const QString &file)
{
    ensureInit();
    Mp4Info info;
    GError *err = nullptr;
    GstDiscoverer *disc = gst_discoverer_new(30 * GST_SECOND, &err);
    if (!disc) {
        info.error = QString::fromUtf8(err ? err->message : "no discoverer");
        if (err)
            g_error_free(err);
        return info;
    }
    const QByteArray uri = QUrl::fromLocalFile(file).toEncoded();
    GstDiscovererInfo *di = gst_discoverer_discover_uri(disc, uri.constData(), &err);
    if (!di || gst_discoverer_info_get_result(di) != GST_DISCOVERER_OK) {
        info.error = QString::fromUtf8(err ? err->message : "discovery failed");
        if (err)
            g_error_free(err);
        if (di)
            gst_discoverer_info_unref(di);
        g_object_unref(disc);
        return info;
    }
    info.durationSeconds = double(gst_discoverer_info_get_duration(di)) / GST_SECOND;
    GList *videos = gst_discoverer_info_get_video_streams(di);
    if (videos) {
        auto *v = GST_DISCOVERER_VIDEO_INFO(videos->data);
        info.width = int(gst_discoverer_video_info_get_width(v));
        info.height = int(gst_discoverer_video_info_get_height(v));
        info.fpsNum = int(gst_discoverer_video_info_get_framerate_num(v));
        info.fpsDen = int(gst_discoverer_video_info_get_framerate_denom(v));
        GstCaps *caps = gst_discoverer_stream_info_get_caps(GST_DISCOVERER_STREAM_INFO(v));
        gchar *s = gst_caps_to_string(caps);
        info.videoCaps = QString::fromUtf8(s);
        g_free(s);
        gst_caps_unref(caps);
        info.ok = true;
    } else {
        info.error = QStringLiteral("no video stream");
    }
    gst_discoverer_stream_info_list_free(videos);
    gst_discoverer_info_unref(di);
    g_object_unref(disc);
    return info;
}

QVector<QImage> decodeMp4(const QString &file, QString *error)
{
    ensureInit();
    QVector<QImage> frames;
    GError *err = nullptr;
    GstElement *pipe = gst_parse_launch("filesrc name=src ! qtdemux ! h264parse ! avdec_h264 ! videoconvert "
                                        "! video/x-raw,format=BGRx ! appsink name=sink sync=false",
                                        &err);
    if (!pipe) {
        *error = QString::fromUtf8(err ? err->message : "no pipeline");
        return frames;
    }
    GstElement *src = gst_bin_get_by_name(GST_BIN(pipe), "src");
    g_object_set(src, "location", file.toLocal8Bit().constData(), nullptr);
    gst_object_unref(src);
    GstElement *sink = gst_bin_get_by_name(GST_BIN(pipe), "sink");
    gst_element_set_state(pipe, GST_STATE_PLAYING);
    for (;;) {
        GstSample *sample = gst_app_sink_try_pull_sample(GST_APP_SINK(sink), 30 * GST_SECOND);
        if (!sample)
            break;
        GstCaps *caps = gst_sample_get_caps(sample);
        const GstStructure *st = gst_caps_get_structure(caps, 0);
        int w = 0, h = 0;
        gst_structure_get_int(st, "width", &w);
        gst_structure_get_int(st, "height", &h);
        GstBuffer *buf = gst_sample_get_buffer(sample);
        GstMapInfo map;
        if (gst_buffer_map(buf, &map, GST_MAP_READ)) {
            QImage img(map.data, w, h, w * 4, QImage::Format_RGB32);
            frames << img.copy();
            gst_buffer_unmap(buf, &map);
        }
        gst_sample_unref(sample);
    }
    GstBus *bus = gst_element_get_bus(pipe);
    if (GstMessage *m = gst_bus_pop_filtered(bus, GST_MESSAGE_ERROR)) {
        GError *e = nullptr;
        gst_message_parse_error(m, &e, nullptr);
        *error = QString::fromUtf8(e ? e->message : "decode error");
        if (e)
            g_error_free(e);
        gst_message_unref(m);
        frames.clear();
    }
    gst_object_unref(bus);
    gst_element_set_state(pipe, GST_STATE_NULL);
    gst_object_unref(sink);
    gst_object_unref(pipe);
    return frames;
}

QImage throughI420(const QImage &image0)
{
    ensureInit();
    const QImage image = image0.convertToFormat(QImage::Format_RGB32);
    const QString launch = QStringLiteral("appsrc name=src format=time caps=video/x-raw,format=BGRx,width=%1,height=%2,"
                                          "framerate=1/1 ! videoconvert ! video/x-raw,format=I420 ! videoconvert "
                                          "! video/x-raw,format=BGRx ! appsink name=sink sync=false")
                                   .arg(image.width()).arg(image.height());
    GstElement *pipe = gst_parse_launch(launch.toUtf8().constData(), nullptr);
    if (!pipe)
        return {};
    GstElement *src = gst_bin_get_by_name(GST_BIN(pipe), "src");
    GstElement *sink = gst_bin_get_by_name(GST_BIN(pipe), "sink");
    gst_element_set_state(pipe, GST_STATE_PLAYING);
    GstBuffer *buf = gst_buffer_new_memdup(image.constBits(), gsize(image.sizeInBytes()));
    GST_BUFFER_PTS(buf) = 0;
    gst_app_src_push_buffer(GST_APP_SRC(src), buf);
    gst_app_src_end_of_stream(GST_APP_SRC(src));
    QImage out;
    if (GstSample *sample = gst_app_sink_try_pull_sample(GST_APP_SINK(sink), 10 * GST_SECOND)) {
        GstBuffer *b = gst_sample_get_buffer(sample);
        GstMapInfo map;
        if (gst_buffer_map(b, &map, GST_MAP_READ)) {
            out = QImage(map.data, image.width(), image.height(), image.width() * 4, QImage::Format_RGB32).copy();
            gst_buffer_unmap(b, &map);
        }
        gst_sample_unref(sample);
    }
    gst_element_set_state(pipe, GST_STATE_NULL);
    gst_object_unref(src);
    gst_object_unref(sink);
    gst_object_unref(pipe);
    return out;
}

double meanAbsDiff(const QImage &a0, const QImage &b0)
{
    if (a0.size() != b0.size() || a0.isNull())
        return 255;
    const QImage a = a0.convertToFormat(QImage::Format_RGB32), b = b0.convertToFormat(QImage::Format_RGB32);
    double sum = 0;
    for (int y = 0; y < a.height(); ++y) {
        const QRgb *pa = reinterpret_cast<const QRgb *>(a.constScanLine(y));
        const QRgb *pb = reinterpret_cast<const QRgb *>(b.constScanLine(y));
        for (int x = 0; x < a.width(); ++x)
            sum += std::abs(qRed(pa[x]) - qRed(pb[x])) + std::abs(qGreen(pa[x]) - qGreen(pb[x]))
                   + std::abs(qBlue(pa[x]) - qBlue(pb[x]));
    }
    return sum / (3.0 * a.width() * a.height());
}
