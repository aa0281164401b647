#pragma once
#include <QImage>
#include <QSize>
#include <QString>

#include <memory>

namespace liyuan {

struct RecordOptions;

/**
 * H.264 MP4 writer: GStreamer appsrc → queue → videoconvert → x264enc → h264parse → mp4mux →
 * filesink. push() copies the frame into the pipeline and returns; conversion and encoding run
 * on GStreamer's streaming threads (at most RecordOptions::queueFrames frames wait, then push
 * blocks: memory stays bounded). finish() sends end-of-stream and waits until the MP4 is
 * finalised (moov written), so the file plays. Created, pushed to and finished on one thread
 * (the GUI thread or a worker); errors name the output file.
 */
class VideoEncoder
{
public:
    VideoEncoder();
    ~VideoEncoder();
    VideoEncoder(const VideoEncoder &) = delete;
    VideoEncoder &operator=(const VideoEncoder &) = delete;

    /** Builds and starts the pipeline for frames of size at options.fps into options.output;
     *  false with *error ("OUT: …") when an element is missing or the file cannot be written. */
    bool open(const RecordOptions &options, QSize size, QString *error);
    /** Frame k (timestamp k/fps); scaled when its size differs. False with *error on a pipeline error. */
    bool push(const QImage &frame, QString *error);
    /** End of stream, wait for the MP4 to be finalised (at most timeoutMs); false with *error. */
    bool finish(int timeoutMs, QString *error);
    /** Stops without finalising (the file is incomplete; the caller removes it). */
    void abort();
    int framesPushed() const;
    bool isOpen() const;

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace liyuan
