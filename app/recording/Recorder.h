#pragma once
#include "RecordOptions.h"

#include <liyuan/geodata/Vec3d.h>
#include <liyuan/scene/AnimationPath.h>

#include <QElapsedTimer>
#include <QFutureWatcher>
#include <QObject>
#include <QPointer>
#include <QQuaternion>
#include <QStringList>

#include <memory>

class QQuickWindow;
class QTimer;

namespace liyuan {

class SceneController;
class VideoEncoder;

/**
 * Records a tour or a camera path to an H.264 MP4 by deterministic offline rendering
 * (`liyuan.recorder` in QML as `recorder`; `--record-tour NAME OUT.mp4`, `--record OUT.mp4
 * --camera-path FILE`). Frame k shows the source at t = k/fps: the tour through
 * PresenterController::sampleTour + applySample, the camera path's pose at its first time + k/fps.
 * Each frame waits until streaming has settled for that view (RecordOptions::settleFrames in a
 * row, at most settleTimeoutMs; a frame that cannot settle is recorded anyway and counted), is
 * grabbed from the window and handed to the encoder (VideoEncoder: GStreamer threads). Cancel
 * (cancel(), Esc in the window, SIGINT/SIGTERM with installSignalCancel()) stops at the next
 * frame and finalises a valid shorter MP4 holding the frames recorded so far; with no frame
 * recorded yet the file is removed. GUI thread.
 */
class Recorder : public QObject
{
    Q_OBJECT
    Q_PROPERTY(bool active READ active NOTIFY activeChanged)
    Q_PROPERTY(int frame READ frame NOTIFY progressChanged)
    Q_PROPERTY(int frameCount READ frameCount NOTIFY progressChanged)
    Q_PROPERTY(double progress READ progress NOTIFY progressChanged)
    Q_PROPERTY(QString status READ status NOTIFY statusChanged)
    Q_PROPERTY(QStringList tours READ tours NOTIFY toursChanged)
public:
    /** Exit codes of a command-line recording (README). */
    enum Exit { Ok = 0, BadInput = 2, CannotWrite = 3, Cancelled = 130 };
    Q_ENUM(Exit)

    explicit Recorder(SceneController *scene, QObject *parent = nullptr);
    ~Recorder() override;

    bool active() const { return m_active; }
    int frame() const { return m_frame; }
    int frameCount() const { return m_frameCount; }
    double progress() const { return m_frameCount > 0 ? double(m_frame) / m_frameCount : 0; }
    QString status() const { return m_status; }
    QStringList tours() const;
    int unsettledFrames() const { return m_unsettled; }

    /** Prints "record: frame k/N" and the summary on stdout (command line). */
    void setPrintProgress(bool on) { m_print = on; }
    /** Starts a recording; false with *error (naming the file) and *code (Exit) when it cannot start. */
    bool start(const RecordOptions &options, QString *error, int *code = nullptr);
    /** From the dialog: a tour (or "" with a camera path FILE in cameraPath), OUT (path or file:// URL). */
    Q_INVOKABLE bool startRecording(const QString &tour, const QString &cameraPath, const QString &output, int fps,
                                    int width, int height, int quality);
    /** Stops at the next frame; the MP4 keeps the frames recorded so far (none: removed). */
    Q_INVOKABLE void cancel();
    /** SIGINT and SIGTERM cancel the running recording (process-wide; call once). */
    void installSignalCancel();

signals:
    void activeChanged();
    void progressChanged();
    void statusChanged();
    void toursChanged();
    /** The recording ended: exit code (Exit), message naming OUT. */
    void finished(int code, const QString &message);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void onFrame();
    void applyFrame(int k);
    void applyPose();
    void grabAndPush(bool settled);
    void end(int code, const QString &message, bool finalise);
    void setStatus(const QString &s);
    bool settledNow() const;

    SceneController *m_scene;
    QPointer<QQuickWindow> m_window;
    RecordOptions m_options;
    std::unique_ptr<VideoEncoder> m_encoder;
    AnimationPath m_path;
    bool m_active = false;
    bool m_started = false;   ///< frame 0 applied (the data is in)
    bool m_cancel = false;
    bool m_ending = false;
    bool m_print = false;
    int m_frame = 0;
    int m_frameCount = 0;
    int m_settledFrames = 0;
    int m_unsettled = 0;
    double m_duration = 0;
    QString m_status;
    QSize m_size;
    QElapsedTimer m_clock;      ///< whole recording
    QElapsedTimer m_frameClock; ///< this frame's settle wait
    // the pose of the current frame (re-applied before each streaming update)
    bool m_hasPose = false;
    Vec3d m_eye;
    QQuaternion m_rotation;
    double m_fov = 0;
    double m_grabMs = 0;        ///< total time in grabWindow
    double m_cpuStart = 0;      ///< process CPU seconds at the start
    double m_pushMs = 0;        ///< total time handing frames to the encoder (waiting when it lags)
    QFutureWatcher<QString> m_finishing;
    QTimer *m_signalPoll = nullptr;
};

} // namespace liyuan
