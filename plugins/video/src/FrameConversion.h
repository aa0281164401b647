#pragma once
#include <QImage>
#include <QString>

class QVideoFrame;

namespace liyuan::video {

/**
 * A decoded frame as an RGB32 image at most maxWidth wide (every n-th pixel; n = ceil(width /
 * maxWidth)), converted on the CPU from the mapped planes: YUV 4:2:0 (I420, YV12, NV12, NV21),
 * packed 4:2:2 (YUYV, UYVY; BT.601 limited range) and the RGB formats. Any thread — unlike
 * QVideoFrame::toImage(), which in Qt 6.4 sets up an offscreen GPU context per calling thread
 * and corrupted the heap when called from a worker. Null image with *why for other formats.
 */
QImage frameToImage(const QVideoFrame &frame, int maxWidth, QString *why = nullptr);

} // namespace liyuan::video
