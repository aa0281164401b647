#pragma once
// Reads back an MP4 written by the recorder, for tests: what GstDiscoverer says about it (codec,
// size, duration) and every frame decoded (qtdemux → h264parse → avdec_h264 → appsink).
#include <QImage>
#include <QString>
#include <QVector>

struct Mp4Info
{
    bool ok = false;
    QString error;
    QString videoCaps;     ///< e.g. "video/x-h264, ... profile=(string)high ..."
    int width = 0, height = 0;
    double durationSeconds = 0;
    int fpsNum = 0, fpsDen = 1;
};

/** GstDiscoverer (gst-discoverer-1.0's library) on a file. */
Mp4Info probeMp4(const QString &file);
/** Every frame of the file decoded to RGB32 (empty on a decoding error, *error set). */
QVector<QImage> decodeMp4(const QString &file, QString *error);
/** An image through the video's colour format and back (BGRx → I420 → BGRx, videoconvert): what a
 *  lossless encoding of it would show (4:2:0 halves the colour resolution). */
QImage throughI420(const QImage &image);
/** Mean absolute difference per channel, 0..255 (sizes must match; 255 when they do not). */
double meanAbsDiff(const QImage &a, const QImage &b);
