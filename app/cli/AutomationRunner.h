#pragma once
#include "AppOptions.h"
#include "InputScript.h"

#include <liyuan/scene/AnimationPath.h>

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

namespace liyuan {

class SceneController;
class StillExporter;

/** Exit codes of the scripted modes (README, "Exit codes"). */
enum AutomationExit : int {
    kExitBadInput = 2,        ///< a path, script, spec or project that cannot be used
    kExitCannotWrite = 3,     ///< the screenshot, state or project could not be written; no window
    kExitUnsettled = 4,       ///< --screenshot: the view did not settle within --timeout (not with --allow-unsettled)
    kExitDatasetProblem = 5,  ///< --screenshot: a dataset failed or yields nothing to draw (named on stderr)
};

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
    /**
     * True when what was opened has finished loading and no visible layer has anything to draw
     * (no geometry, its file failed): waiting longer would show nothing (GUI thread).
     */
    bool nothingToShow() const;
    void finishFrames();
    /** Layers and datasets that failed or yield nothing to draw, each "FILE: problem". */
    QStringList datasetProblems(bool settled) const;
    bool writeState(const QJsonObject &extra);
    /** "FILE: problem" for each PATH of the command line that produced nothing: a dataset whose
     *  every root tile failed (a corrupt model, an unreadable tile set) or a layer marked failed.
     *  A project's missing layer does not count (the project opens). GUI thread. */
    QStringList unreadableInputs() const;
    /** Exit code of a --screenshot run when an input could not be read (as for a PATH that does not open). */
    static constexpr int kExitUnreadableInput = kExitBadInput;
    void fail(const QString &message, int code = 2);
    void simulateDrop();
    void playInput();
    /** wall: --export-still once the view has settled: tiles through StillExporter, then exit. */
    void startStill();

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
    StillExporter *m_still = nullptr; // wall:
};

} // namespace liyuan
