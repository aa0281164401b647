#pragma once
#include <QSize>
#include <QString>

namespace liyuan {

/**
 * Every setting and limit of a video recording in one place (CLI --record-*, RecordDialog).
 * Plain data; any thread.
 */
struct RecordOptions
{
    QString output;              ///< OUT.mp4
    QString tour;                ///< tour name (empty: the camera path)
    QString cameraPath;          ///< --camera-path FILE (when no tour)
    int fps = 30;                ///< --record-fps N (1..120)
    QSize size;                  ///< --record-size WxH (even; invalid = the window size)
    int quality = 20;            ///< --record-quality Q: x264 constant quantizer 0 (lossless) .. 51 (worst)
    int bitrateKbps = 0;         ///< --record-bitrate KBPS: constant bit rate instead of constant quality (0 = off)
    QString speedPreset = QStringLiteral("faster"); ///< x264 speed-preset
    int settleTimeoutMs = 20000; ///< longest wait for one frame's streaming to settle; then recorded anyway (counted)
    int settleFrames = 1;        ///< consecutive settled frames before a frame is grabbed (the grab renders once more)
    int startTimeoutMs = 120000; ///< longest wait for the data to open before frame 0
    int queueFrames = 8;         ///< frames buffered ahead of the encoder (memory bound; the grabber waits beyond)
    int finishTimeoutMs = 60000; ///< longest wait for the encoder to drain and the MP4 to be finalised
    int maxFrames = 1000000;     ///< hostile durations: at most this many frames
};

} // namespace liyuan
