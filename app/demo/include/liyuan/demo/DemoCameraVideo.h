#pragma once
#include <liyuan/geodata/CameraPose.h>

#include <QDateTime>
#include <QImage>
#include <QString>

#include <memory>

namespace liyuan::demo {

/**
 * The demo cameras' video, drawn by our code: each frame is the demo district as the camera sees
 * it (the background rendered at generation, <demo>/cameras/bg/<id>.jpg, with its depth
 * <id>.depth.png), people and vehicles moving along the streets and across the plaza (projected
 * with the same CameraPose, hidden behind buildings by the background's depth), and a CCTV-style
 * overlay (date and time, camera name and id).
 *
 * Built from the demo folder (reads cameras/cameras.json and the recipe); backgrounds are loaded
 * and scaled to a frame size on first use and kept. draw() is const and thread-safe: the RTSP
 * server's streaming threads may call it concurrently (one call per frame, ~1-3 ms at 640x360).
 */
class DemoCameraVideo
{
public:
    /** Loads `<demoDir>/cameras/cameras.json`; check isValid()/errorString(). Any thread. */
    explicit DemoCameraVideo(const QString &demoDir);
    ~DemoCameraVideo();
    DemoCameraVideo(const DemoCameraVideo &) = delete;
    DemoCameraVideo &operator=(const DemoCameraVideo &) = delete;

    bool isValid() const;
    /** Why not valid, naming the file. */
    QString errorString() const;
    int cameraCount() const;
    /** Index of the camera with this id, or -1. */
    int indexOf(const QString &id) const;
    QString cameraId(int index) const;
    QString cameraName(int index) const;
    /** The camera's pose in the demo's scene frame (the production's SRS origin). */
    CameraPose scenePose(int index) const;

    /**
     * Which time a frame shows. Wall clock (the default): the current local time, whatever `ms`
     * draw() is given — every stream, started whenever a client connected, shows the right time and
     * the same people and vehicles at the same moment. Off: startTime() + ms (deterministic: tests).
     * Not thread-safe: set before streaming.
     */
    void setWallClock(bool on);
    bool wallClock() const;
    /** The time shown at ms = 0 when the wall clock is off (default: when this object was built). */
    void setStartTime(const QDateTime &start);
    QDateTime startTime() const;

    /**
     * Draws camera `cameraIndex`'s picture at stream time `ms` into `frame` (its size and format are
     * kept: RGB32/ARGB32 directly, other formats through QPainter). The time shown and the agents'
     * positions follow wallClock() or startTime() + ms. An unknown index or a missing background
     * draws a "NO SIGNAL" card. Any thread.
     */
    void draw(int cameraIndex, QImage &frame, qint64 ms) const;

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace liyuan::demo
