#include "FrameConversion.h"

#include <QVideoFrame>
#include <QVideoFrameFormat>

#include <algorithm>
#include <cmath>

namespace liyuan::video {

namespace {

inline uint rgb(int y, int u, int v)
{
    // BT.601, limited range (what H.264 cameras and x264 send unless told otherwise)
    const int c = (y - 16) * 298, d = u - 128, e = v - 128;
    const int r = std::clamp((c + 409 * e + 128) >> 8, 0, 255);
    const int g = std::clamp((c - 100 * d - 208 * e + 128) >> 8, 0, 255);
    const int b = std::clamp((c + 516 * d + 128) >> 8, 0, 255);
    return 0xff000000u | uint(r) << 16 | uint(g) << 8 | uint(b);
}

} // namespace

QImage frameToImage(const QVideoFrame &input, int maxWidth, QString *why)
{
    QVideoFrame f(input);
    if (!f.isValid() || !f.map(QVideoFrame::ReadOnly)) {
        if (why)
            *why = QStringLiteral("the frame cannot be read");
        return {};
    }
    const int w = f.width(), h = f.height();
    const int step = std::max(1, int(std::ceil(double(w) / std::max(16, maxWidth))));
    const int ow = w / step, oh = h / step;
    if (ow < 1 || oh < 1) {
        f.unmap();
        return {};
    }
    QImage out(ow, oh, QImage::Format_RGB32);
    const QVideoFrameFormat::PixelFormat fmt = f.pixelFormat();
    const uchar *p0 = f.bits(0);
    const int s0 = f.bytesPerLine(0);
    switch (fmt) {
    case QVideoFrameFormat::Format_YUV420P:
    case QVideoFrameFormat::Format_YV12: {
        const bool yv12 = fmt == QVideoFrameFormat::Format_YV12;
        const uchar *pu = f.bits(yv12 ? 2 : 1), *pv = f.bits(yv12 ? 1 : 2);
        const int su = f.bytesPerLine(yv12 ? 2 : 1), sv = f.bytesPerLine(yv12 ? 1 : 2);
        for (int y = 0; y < oh; ++y) {
            const int sy = y * step;
            uint *dst = reinterpret_cast<uint *>(out.scanLine(y));
            const uchar *ly = p0 + sy * s0, *lu = pu + (sy / 2) * su, *lv = pv + (sy / 2) * sv;
            for (int x = 0; x < ow; ++x) {
                const int sx = x * step;
                dst[x] = rgb(ly[sx], lu[sx / 2], lv[sx / 2]);
            }
        }
        break;
    }
    case QVideoFrameFormat::Format_NV12:
    case QVideoFrameFormat::Format_NV21: {
        const bool nv21 = fmt == QVideoFrameFormat::Format_NV21;
        const uchar *puv = f.bits(1);
        const int suv = f.bytesPerLine(1);
        for (int y = 0; y < oh; ++y) {
            const int sy = y * step;
            uint *dst = reinterpret_cast<uint *>(out.scanLine(y));
            const uchar *ly = p0 + sy * s0, *luv = puv + (sy / 2) * suv;
            for (int x = 0; x < ow; ++x) {
                const int sx = x * step, c = (sx / 2) * 2;
                const int u = luv[c + (nv21 ? 1 : 0)], v = luv[c + (nv21 ? 0 : 1)];
                dst[x] = rgb(ly[sx], u, v);
            }
        }
        break;
    }
    case QVideoFrameFormat::Format_YUYV:
    case QVideoFrameFormat::Format_UYVY: {
        const bool uyvy = fmt == QVideoFrameFormat::Format_UYVY;
        for (int y = 0; y < oh; ++y) {
            uint *dst = reinterpret_cast<uint *>(out.scanLine(y));
            const uchar *line = p0 + (y * step) * s0;
            for (int x = 0; x < ow; ++x) {
                const int sx = x * step;
                const uchar *pair = line + (sx / 2) * 4;
                const int yy = uyvy ? pair[1 + (sx & 1) * 2] : pair[(sx & 1) * 2];
                const int u = uyvy ? pair[0] : pair[1], v = uyvy ? pair[2] : pair[3];
                dst[x] = rgb(yy, u, v);
            }
        }
        break;
    }
    default: {
        const QImage::Format imageFormat = QVideoFrameFormat::imageFormatFromPixelFormat(fmt);
        if (imageFormat == QImage::Format_Invalid) {
            f.unmap();
            if (why)
                *why = QStringLiteral("pixel format %1 is not converted").arg(int(fmt));
            return {};
        }
        const QImage view(p0, w, h, s0, imageFormat);
        out = (step == 1 ? view.copy() : view.scaled(ow, oh)).convertToFormat(QImage::Format_RGB32);
        break;
    }
    }
    f.unmap();
    return out;
}

} // namespace liyuan::video
