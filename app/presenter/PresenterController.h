#pragma once
#include <liyuan/geodata/Vec3d.h>

#include <QJsonObject>
#include <QObject>
#include <QQuaternion>
#include <QStringList>
#include <QVariantMap>

namespace liyuan {

class CameraController;
class CameraLayer;
class DrillDownController;
class LayerManager;
class ProjectController;
class SceneClipping;
class SchemeManager;

/**
 * Saved views and tours for presenters (`liyuan.presenter`).
 *
 * A *view* is the camera plus the scene state: layer visibility, active scheme and comparison,
 * drill-down building/floor/explode, open video feeds and projections, section/clipping. A *tour*
 * is an ordered list of steps (a view, a duration, a transition — flight with easing, cut or
 * cross-fade — and a caption in Chinese and English). Both are saved in the project (part
 * "presenter").
 *
 * Playback is driven by a clock (seconds since the tour started); `sampleTour(name, t)` is a pure
 * function of t, so playing, recording a video and following a leader show the same picture at
 * the same time. Presenter keys (PageDown/PageUp/Right/Left, B/., F5/Esc) map to next/previous/
 * blank/play-stop. GUI thread only.
 */
class PresenterController : public QObject
{
    Q_OBJECT
    Q_PROPERTY(QStringList views READ viewNames NOTIFY viewsChanged)
    Q_PROPERTY(QStringList tours READ tourNames NOTIFY toursChanged)
    Q_PROPERTY(QString tour READ currentTour NOTIFY playbackChanged)
    Q_PROPERTY(int step READ currentStep NOTIFY playbackChanged)
    Q_PROPERTY(int stepCount READ stepCount NOTIFY playbackChanged)
    Q_PROPERTY(bool playing READ playing NOTIFY playbackChanged)
    Q_PROPERTY(bool paused READ paused NOTIFY playbackChanged)
    Q_PROPERTY(bool loop READ loop WRITE setLoop NOTIFY playbackChanged)
    Q_PROPERTY(double tourTime READ tourTime NOTIFY playbackChanged)
    Q_PROPERTY(bool blanked READ blanked WRITE setBlanked NOTIFY blankedChanged)
    Q_PROPERTY(QString caption READ caption NOTIFY captionChanged)
    Q_PROPERTY(double fade READ fade NOTIFY fadeChanged)
public:
    enum class Transition { Flight, Cut, CrossFade };
    Q_ENUM(Transition)

    /** What a tour shows at one time: a pure function of (tour, t). */
    struct TourSample
    {
        bool valid = false;
        int step = -1;           ///< step shown (the target of the running transition)
        double stepTime = 0;     ///< seconds into that step
        Vec3d eye;               ///< scene frame, double
        QQuaternion rotation;    ///< CameraController convention
        double fieldOfView = 45; ///< vertical, degrees
        double fade = 0;         ///< 0..1 black cross-fade overlay
        QString captionZh, captionEn;
        bool finished = false;   ///< t is past the end (and the tour does not loop)
    };

    PresenterController(CameraController *camera, LayerManager *layers, SchemeManager *schemes,
                        DrillDownController *drill, CameraLayer *cameras, SceneClipping *clipping,
                        ProjectController *project, QObject *parent = nullptr);
    ~PresenterController() override;

    // --- views ---
    QStringList viewNames() const;
    /** The current camera + scene state as a view named name. */
    QJsonObject captureView(const QString &name) const;
    /** The scene state alone (no camera): layers, scheme, compare, drill, feeds, projections, section. */
    QJsonObject sceneState() const;
    /** Applies a scene state (no camera); false with a message naming what could not be applied. */
    bool applySceneState(const QJsonObject &state, QString *error = nullptr);
    /** Applies a view: scene state, then the camera with the transition over durationMs. */
    bool applyView(const QJsonObject &view, Transition transition, int durationMs, QString *error = nullptr);
    /** The saved view by name or 0-based index ("" when unknown). */
    QJsonObject view(const QString &nameOrIndex) const;
    Q_INVOKABLE void addCurrentView(const QString &name);
    Q_INVOKABLE void renameView(int index, const QString &name);
    Q_INVOKABLE void removeView(int index);
    Q_INVOKABLE void moveView(int from, int to);
    /** Flies to a saved view (name or 0-based index); false when unknown. */
    Q_INVOKABLE bool goToView(const QString &nameOrIndex);

    // --- tours ---
    QStringList tourNames() const;
    /** A tour as JSON: {name, loop, steps:[{view, duration, transition, transitionDuration, caption:{zh,en}}]}. */
    QJsonObject tour(const QString &nameOrIndex) const;
    /** Adds or replaces a tour from JSON (same shape); false with a message when malformed. */
    bool setTour(const QJsonObject &tour, QString *error = nullptr);
    /** Total duration of a tour in seconds (one pass). */
    Q_INVOKABLE double tourDuration(const QString &nameOrIndex) const;
    /** What the tour shows t seconds after it starts (pure; wraps when it loops). */
    TourSample sampleTour(const QString &nameOrIndex, double t) const;
    /** Applies a sample (camera pose, fade, caption; the step's scene state when the step changed). */
    void applySample(const QString &nameOrIndex, const TourSample &sample);
    // editing from QML (the tour editor); each change goes through setTour, errors as message()
    /** tour(name) as a QVariantMap ({} when unknown). */
    Q_INVOKABLE QVariantMap tourInfo(const QString &nameOrIndex) const;
    /** Appends a step showing a saved view (creating the tour when it does not exist). */
    Q_INVOKABLE bool addTourStep(const QString &tour, const QString &view);
    /** Changes a step: any of view, duration, transition, transitionDuration, captionZh, captionEn. */
    Q_INVOKABLE bool setTourStep(const QString &tour, int index, const QVariantMap &changes);
    Q_INVOKABLE void moveTourStep(const QString &tour, int from, int to);
    Q_INVOKABLE void removeTourStep(const QString &tour, int index);
    Q_INVOKABLE void setTourLoop(const QString &tour, bool loop);
    Q_INVOKABLE void removeTour(const QString &tour);

    // --- playback (frame-driven; the clock can be external: recording, following) ---
    QString currentTour() const;
    int currentStep() const;
    int stepCount() const;
    bool playing() const;
    bool paused() const;
    bool loop() const;
    void setLoop(bool loop);
    double tourTime() const;
    bool blanked() const;
    void setBlanked(bool blanked);
    QString caption() const;
    double fade() const;
    /** The interface language ("zh_CN", "en", …): captions show in Chinese for "zh*", else English. */
    void setLanguage(const QString &language);
    QString language() const;
    /** No part of an applied scene state is waiting for its data (drill registry, camera registry). */
    bool settled() const;

    Q_INVOKABLE bool playTour(const QString &nameOrIndex);
    Q_INVOKABLE void pause();
    Q_INVOKABLE void resume();
    Q_INVOKABLE void togglePause();
    Q_INVOKABLE void next();
    Q_INVOKABLE void previous();
    Q_INVOKABLE void stop();
    Q_INVOKABLE void toggleBlank();
    /** Seeks the current tour to t seconds (applies the sample). */
    Q_INVOKABLE void seek(double t);
    /** A presenter key (Qt::Key); true when it was handled. */
    Q_INVOKABLE bool handleKey(int key);
    /** Advances the tour clock by the frame's duration (called each frame by the scene). */
    void advance(double seconds);
    /** Shows a caption set from outside, in Chinese and English (a follower mirrors its leader's; "" hides it). sync: */
    void setCaptions(const QString &zh, const QString &en);
    /** Sets the black cross-fade from outside (0..1; a follower mirrors its leader's). sync: */
    void setFade(double fade);
    /**
     * At start-up (--view, --tour, --tour-time): once the project's layers are in, applies the view
     * and/or plays the tour (held at tourTime when >= 0). An unknown name emits startFailed.
     */
    void setPendingStart(const QString &view, const QString &tour, double tourTime);

    /** Playback and list state for --state-json, the remote API and followers. */
    QJsonObject stateJson() const;
    /** The project part "presenter": {views:[…], tours:[…]}. */
    QJsonObject toJson() const;
    bool fromJson(const QJsonObject &json, QString *error = nullptr);
    void clear();

signals:
    void viewsChanged();
    void toursChanged();
    void playbackChanged();
    void blankedChanged();
    void captionChanged();
    void fadeChanged();
    /** Something in sceneState() changed (layers, scheme, drill, feeds, section). */
    void sceneStateChanged();
    /** Any of the above: the remote API pushes stateJson() on it. */
    void stateChanged();
    void message(const QString &text);
    /** A start-up view or tour (setPendingStart) is not in the project: the text names it. */
    void startFailed(const QString &text);

private:
    bool applyDrill(const QJsonObject &drill, QString *error);
    /** Shows the current tour at t: samples, applies, updates step/playing. */
    void showTime(double t);
    void applyStart();

    struct Private;
    Private *d;
};

} // namespace liyuan
