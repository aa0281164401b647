#pragma once
#include "AppOptions.h"
#include "InputScript.h"

#include <liyuan/scene/AnimationPath.h>

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

namespace liyuan {

class SceneController;

/**
 * Runs the scripted modes of the command line in the real window: --screenshot (wait until
 * nothing is pending for the view, at most --timeout, then grab and write the PNG) and
 * --frames (play N frames along --camera-path in real time and print frame-time
 * statistics); both can write --state-json. Prints one summary line and quits the app
 * with 0, or non-zero and a message when it cannot. With --input, the screenshot mode plays a
 * user-input script into the window once the view has settled, then waits to settle again.
 * GUI thread.
 */
class AutomationRunner : public QObject
{
    Q_OBJECT
public:
    AutomationRunner(const AppOptions &options, SceneController *scene, QObject *parent = nullptr);

    /** Loads the camera path and the input script (if any); false with *error when it cannot. */
    bool prepare(QString *error);
    /** Starts watching frames. */
    void start();

private:
    void onFrame();
    void finishScreenshot(bool timedOut);
    void finishFrames();
    bool writeState(const QJsonObject &extra);
    void fail(const QString &message, int code = 2);
    void simulateDrop();
    void playInput();

    AppOptions m_options;
    SceneController *m_scene;
    AnimationPath m_path;
    bool m_hasPath = false;
    QElapsedTimer m_clock;
    QElapsedTimer m_flightClock;
    QTimer m_timeout;
    int m_settledFrames = 0;
    int m_framesPlayed = 0;
    bool m_finished = false;
    bool m_flightStarted = false;
    bool m_dropped = false;
    InputScript m_input;
    bool m_hasInput = false;
    bool m_inputDone = false;
};

} // namespace liyuan
