#pragma once
#include <liyuan/geodata/Vec3d.h>

#include <QElapsedTimer>
#include <QObject>
#include <QPointF>
#include <QPointer>
#include <QString>
#include <QTimer>

#include <functional>
#include <vector>

class QQuickWindow;
class QQuickItem;

namespace liyuan {

/**
 * A user-input script (`--input FILE`): mouse and keyboard input played into the app's
 * window through Qt Quick's own event delivery, as a user's hand would give it, so scripts
 * and tests drive the real interface (handles, panels, picking, keys). Plain text, one step
 * per line; `#` at the start of a line or as a word of its own starts a comment:
 *
 *     click    POS [left|right|middle] [MODIFIERS]      press and release
 *     double-click POS [left|right|middle] [MODIFIERS]
 *     press    POS [button] [MODIFIERS]   move POS   release POS [button]
 *     drag     POS POS [button] [MODIFIERS] [steps N]  press, N moves (default 12), release
 *     wheel    POS NOTCHES [MODIFIERS]                  positive: away from the user (zoom in)
 *     key      KEYS                                     a QKeySequence, e.g. Up, Ctrl+S, Escape
 *     text     STRING                                   typed characters (rest of the line)
 *     wait     MS
 *     settle                                            wait until nothing is loading for the view
 *
 * POS is `X,Y` in window pixels, `@x,y,z` a point of the scene frame (metres, Z up) projected
 * through the current camera into the 3D view, or `#name` the centre of the visible QML item
 * with that objectName (`#name+dx,dy` offsets it). MODIFIERS are `ctrl`, `shift`, `alt`, `meta`.
 *
 * Parsed up front (errors name the file and the line); positions are resolved when their
 * step runs, so they follow the camera and the interface. GUI thread.
 */
class InputScript : public QObject
{
    Q_OBJECT
public:
    /** Where a step acts. */
    struct Position
    {
        enum class Kind { Window, Scene, Item };
        Kind kind = Kind::Window;
        QPointF pixel;      ///< Window: window pixels; Item: offset from the item's centre
        Vec3d scene;        ///< Scene: a point of the scene frame
        QString itemName;   ///< Item: objectName
    };

    /** One parsed line. */
    struct Step
    {
        enum class Kind { Click, DoubleClick, Press, Move, Release, Drag, Wheel, Key, Text, Wait, Settle };
        Kind kind = Kind::Wait;
        Position a, b;
        Qt::MouseButton button = Qt::LeftButton;
        Qt::KeyboardModifiers modifiers;
        int key = 0;          ///< Key: Qt::Key
        QString text;         ///< Text: the characters; Key: the sequence as written
        int steps = 12;       ///< Drag: intermediate moves
        double amount = 0;    ///< Wheel: notches; Wait: milliseconds
        int line = 0;         ///< 1-based line in the file
    };

    /** Resolves a scene-frame point to pixels of the 3D view item; false when it is behind the camera. */
    using SceneProjector = std::function<bool(const Vec3d &scene, QPointF *viewPixel)>;
    /** True while something is still loading for the view (for `settle`). */
    using BusyProbe = std::function<bool()>;

    explicit InputScript(QObject *parent = nullptr);

    /** Reads and parses FILE; false with *error ("FILE:LINE: …") when it cannot. Any thread. */
    bool load(const QString &file, QString *error);
    /** Parses script text; `source` names it in errors. */
    bool parse(const QByteArray &text, const QString &source, QString *error);

    const std::vector<Step> &steps() const { return m_steps; }
    QString source() const { return m_source; }

    /**
     * Plays the steps into `window` (its 3D view item is `view`, whose pixels the projector
     * returns). Emits finished() at the end or failed() with a message naming the file and
     * line (an item that is not there, a scene point behind the camera).
     */
    void play(QQuickWindow *window, QQuickItem *view, SceneProjector projector, BusyProbe busy);
    bool isPlaying() const { return m_playing; }

signals:
    void finished();
    void failed(const QString &message);

private:
    void next();
    bool resolve(const Position &p, QPointF *windowPos, QString *error) const;
    void sendMouse(int type, const QPointF &pos, Qt::MouseButton button, Qt::MouseButtons buttons,
                   Qt::KeyboardModifiers mods);
    void fail(const Step &s, const QString &why);

    std::vector<Step> m_steps;
    QString m_source;
    QPointer<QQuickWindow> m_window;
    QPointer<QQuickItem> m_view;
    SceneProjector m_project;
    BusyProbe m_busy;
    size_t m_index = 0;
    int m_subStep = 0;           ///< progress inside a multi-event step (drag, double-click)
    QPointF m_from, m_to;        ///< the current drag's resolved ends
    Qt::MouseButtons m_held;     ///< buttons held between press and release steps
    QTimer m_timer;
    QElapsedTimer m_clock;
    bool m_playing = false;
    /** After a step: waiting for a frame to begin after it, then for that frame to reach the screen. */
    enum class FrameWait { None, Begin, Swap };
    FrameWait m_frameWait = FrameWait::None;
    QMetaObject::Connection m_begun;   ///< to the window's afterAnimating
    QMetaObject::Connection m_swapped; ///< to the window's frameSwapped
    QElapsedTimer m_waitClock;         ///< since the step (the wait is given up after kFrameWaitMs)
};

} // namespace liyuan
