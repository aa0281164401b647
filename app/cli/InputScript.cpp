#include "InputScript.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QKeyEvent>
#include <QKeySequence>
#include <QMouseEvent>
#include <QQuickItem>
#include <QQuickWindow>

#include <algorithm>
#include <QRegularExpression>
#include <QWheelEvent>

#include <cmath>

namespace liyuan {

namespace {

constexpr int kFrameWaitMs = 3000;  ///< waited at most for the frame after a step (a hidden window draws none)
constexpr int kStepPauseMs = 60;   ///< between steps: the interface reacts and a frame is drawn
constexpr int kMoveIntervalMs = 16; ///< between the moves of a drag (one frame at 60 Hz)
constexpr qsizetype kMaxScriptBytes = 1 << 20;
constexpr int kMaxDragSteps = 1000;
constexpr double kMaxWaitMs = 600000;

bool parseNumbers(const QString &text, int count, double *out)
{
    const QStringList parts = text.split(QLatin1Char(','));
    if (parts.size() != count)
        return false;
    for (int i = 0; i < count; ++i) {
        bool ok = false;
        out[i] = parts[i].trimmed().toDouble(&ok);
        if (!ok || !std::isfinite(out[i]) || std::abs(out[i]) > 1e9)
            return false;
    }
    return true;
}

bool parsePosition(const QString &token, InputScript::Position *p, QString *why)
{
    if (token.startsWith(QLatin1Char('@'))) {
        double v[3];
        if (!parseNumbers(token.mid(1), 3, v)) {
            *why = QStringLiteral("'%1' is not a scene point @x,y,z").arg(token);
            return false;
        }
        p->kind = InputScript::Position::Kind::Scene;
        p->scene = Vec3d{v[0], v[1], v[2]};
        return true;
    }
    if (token.startsWith(QLatin1Char('#'))) {
        static const QRegularExpression re(QStringLiteral("^#([A-Za-z_][A-Za-z0-9_.]*)(?:([+-][0-9.]+),([+-]?[0-9.]+))?$"));
        const QRegularExpressionMatch m = re.match(token);
        if (!m.hasMatch()) {
            *why = QStringLiteral("'%1' is not an item #name or #name+dx,dy").arg(token);
            return false;
        }
        p->kind = InputScript::Position::Kind::Item;
        p->itemName = m.captured(1);
        if (m.lastCapturedIndex() >= 3)
            p->pixel = QPointF(m.captured(2).toDouble(), m.captured(3).toDouble());
        return true;
    }
    double v[2];
    if (!parseNumbers(token, 2, v)) {
        *why = QStringLiteral("'%1' is not a position (X,Y window pixels, @x,y,z scene point or #item)").arg(token);
        return false;
    }
    p->kind = InputScript::Position::Kind::Window;
    p->pixel = QPointF(v[0], v[1]);
    return true;
}

bool parseButton(const QString &word, Qt::MouseButton *b)
{
    if (word == QLatin1String("left"))
        *b = Qt::LeftButton;
    else if (word == QLatin1String("right"))
        *b = Qt::RightButton;
    else if (word == QLatin1String("middle"))
        *b = Qt::MiddleButton;
    else
        return false;
    return true;
}

bool parseModifier(const QString &word, Qt::KeyboardModifiers *m)
{
    if (word == QLatin1String("ctrl"))
        *m |= Qt::ControlModifier;
    else if (word == QLatin1String("shift"))
        *m |= Qt::ShiftModifier;
    else if (word == QLatin1String("alt"))
        *m |= Qt::AltModifier;
    else if (word == QLatin1String("meta"))
        *m |= Qt::MetaModifier;
    else
        return false;
    return true;
}

QQuickItem *findVisibleItem(QQuickItem *root, const QString &name)
{
    if (!root || !root->isVisible())
        return nullptr;
    if (root->objectName() == name)
        return root;
    const QList<QQuickItem *> children = root->childItems();
    for (QQuickItem *c : children)
        if (QQuickItem *hit = findVisibleItem(c, name))
            return hit;
    return nullptr;
}

} // namespace

InputScript::InputScript(QObject *parent) : QObject(parent)
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &InputScript::next);
}

bool InputScript::load(const QString &file, QString *error)
{
    QFile f(file);
    if (!f.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("%1: cannot read the input script: %2").arg(file, f.errorString());
        return false;
    }
    if (f.size() > kMaxScriptBytes) {
        *error = QStringLiteral("%1: an input script of %2 bytes is larger than the limit of %3")
                         .arg(file).arg(f.size()).arg(kMaxScriptBytes);
        return false;
    }
    return parse(f.readAll(), file, error);
}

bool InputScript::parse(const QByteArray &text, const QString &source, QString *error)
{
    m_source = source;
    m_steps.clear();
    const QList<QByteArray> lines = text.split('\n');
    for (int n = 0; n < lines.size(); ++n) {
        const QString raw = QString::fromUtf8(lines[n]);
        auto bad = [&](const QString &why) {
            *error = QStringLiteral("%1:%2: %3").arg(source).arg(n + 1).arg(why);
            m_steps.clear();
            return false;
        };
        if (raw.contains(QChar(0)) || raw.contains(QChar::ReplacementCharacter))
            return bad(QStringLiteral("not UTF-8 text"));
        const QString line = raw.trimmed();
        if (line.isEmpty() || line.startsWith(QLatin1Char('#')))
            continue;
        QStringList words = line.split(QRegularExpression(QStringLiteral("\\s+")), Qt::SkipEmptyParts);
        const qsizetype comment = words.indexOf(QStringLiteral("#")); // a '#' word of its own
        if (comment >= 0 && !words.constFirst().startsWith(QLatin1String("text"), Qt::CaseInsensitive))
            words = words.mid(0, comment);
        Step s;
        s.line = n + 1;
        const QString cmd = words.takeFirst().toLower();
        QString why;
        auto takePosition = [&](Position *p) {
            if (words.isEmpty()) {
                why = QStringLiteral("'%1' needs a position").arg(cmd);
                return false;
            }
            return parsePosition(words.takeFirst(), p, &why);
        };
        auto takeOptions = [&](bool button, bool steps) {
            while (!words.isEmpty()) {
                const QString w = words.takeFirst().toLower();
                if (button && parseButton(w, &s.button))
                    continue;
                if (parseModifier(w, &s.modifiers))
                    continue;
                if (steps && w == QLatin1String("steps") && !words.isEmpty()) {
                    bool ok = false;
                    s.steps = words.takeFirst().toInt(&ok);
                    if (!ok || s.steps < 1 || s.steps > kMaxDragSteps) {
                        why = QStringLiteral("steps must be 1 to %1").arg(kMaxDragSteps);
                        return false;
                    }
                    continue;
                }
                why = QStringLiteral("unexpected '%1'").arg(w);
                return false;
            }
            return true;
        };
        if (cmd == QLatin1String("click") || cmd == QLatin1String("double-click") || cmd == QLatin1String("press")
            || cmd == QLatin1String("release")) {
            s.kind = cmd == QLatin1String("click") ? Step::Kind::Click
                    : cmd == QLatin1String("press") ? Step::Kind::Press
                    : cmd == QLatin1String("release") ? Step::Kind::Release
                                                      : Step::Kind::DoubleClick;
            if (!takePosition(&s.a) || !takeOptions(true, false))
                return bad(why);
        } else if (cmd == QLatin1String("move")) {
            s.kind = Step::Kind::Move;
            if (!takePosition(&s.a) || !takeOptions(false, false))
                return bad(why);
        } else if (cmd == QLatin1String("drag")) {
            s.kind = Step::Kind::Drag;
            if (!takePosition(&s.a) || !takePosition(&s.b) || !takeOptions(true, true))
                return bad(why);
        } else if (cmd == QLatin1String("wheel")) {
            s.kind = Step::Kind::Wheel;
            if (!takePosition(&s.a))
                return bad(why);
            bool ok = false;
            s.amount = words.isEmpty() ? 0 : words.takeFirst().toDouble(&ok);
            if (!ok || !std::isfinite(s.amount) || std::abs(s.amount) > 100)
                return bad(QStringLiteral("wheel needs a number of notches (-100 to 100)"));
            if (!takeOptions(false, false))
                return bad(why);
        } else if (cmd == QLatin1String("key")) {
            s.kind = Step::Kind::Key;
            if (words.size() != 1)
                return bad(QStringLiteral("key needs one key sequence, e.g. Up or Ctrl+S"));
            s.text = words.takeFirst();
            const QKeySequence seq = QKeySequence::fromString(s.text, QKeySequence::PortableText);
            if (seq.count() != 1 || seq[0].key() == Qt::Key_unknown || seq[0].key() == 0)
                return bad(QStringLiteral("'%1' is not a key (use Qt's names: Up, Escape, Return, Ctrl+S…)").arg(s.text));
            s.key = seq[0].key();
            s.modifiers = seq[0].keyboardModifiers();
        } else if (cmd == QLatin1String("text")) {
            s.kind = Step::Kind::Text;
            s.text = line.section(QRegularExpression(QStringLiteral("\\s+")), 1);
            if (s.text.isEmpty())
                return bad(QStringLiteral("text needs the characters to type"));
        } else if (cmd == QLatin1String("wait")) {
            s.kind = Step::Kind::Wait;
            bool ok = false;
            s.amount = words.size() == 1 ? words.takeFirst().toDouble(&ok) : 0;
            if (!ok || !(s.amount >= 0 && s.amount <= kMaxWaitMs))
                return bad(QStringLiteral("wait needs milliseconds (0 to %1)").arg(kMaxWaitMs));
        } else if (cmd == QLatin1String("settle")) {
            s.kind = Step::Kind::Settle;
            if (!words.isEmpty())
                return bad(QStringLiteral("settle takes no argument"));
        } else {
            return bad(QStringLiteral("unknown step '%1' (click, double-click, press, move, release, drag, wheel, key, "
                                      "text, wait, settle)").arg(cmd));
        }
        m_steps.push_back(s);
    }
    if (m_steps.empty()) {
        *error = QStringLiteral("%1: the input script has no steps").arg(source);
        return false;
    }
    return true;
}

void InputScript::play(QQuickWindow *window, QQuickItem *view, SceneProjector projector, BusyProbe busy)
{
    m_window = window;
    m_view = view;
    m_project = std::move(projector);
    m_busy = std::move(busy);
    m_index = 0;
    m_subStep = 0;
    m_held = {};
    m_playing = true;
    m_clock.start();
    m_frameWait = FrameWait::None;
    // a step is followed by a frame that begins after it (afterAnimating, where the app's frame
    // work runs) and reaches the screen (frameSwapped, render thread, counted on the GUI thread):
    // what the step changed is drawn and the interface has reacted, whatever the frame rate or pacing
    disconnect(m_begun);
    disconnect(m_swapped);
    m_begun = connect(window, &QQuickWindow::afterAnimating, this, [this] {
        if (m_frameWait == FrameWait::Begin)
            m_frameWait = FrameWait::Swap;
    });
    m_swapped = connect(window, &QQuickWindow::frameSwapped, this, [this] {
        if (m_frameWait == FrameWait::Swap)
            m_frameWait = FrameWait::None;
    }, Qt::QueuedConnection);
    m_timer.start(0);
}

bool InputScript::resolve(const Position &p, QPointF *windowPos, QString *error) const
{
    switch (p.kind) {
    case Position::Kind::Window:
        *windowPos = p.pixel;
        break;
    case Position::Kind::Item: {
        QQuickItem *item = findVisibleItem(m_window ? m_window->contentItem() : nullptr, p.itemName);
        if (!item) {
            *error = QStringLiteral("no visible item named '%1'").arg(p.itemName);
            return false;
        }
        *windowPos = item->mapToScene(QPointF(item->width() / 2, item->height() / 2)) + p.pixel;
        break;
    }
    case Position::Kind::Scene: {
        QPointF v;
        if (!m_view || !m_project || !m_project(p.scene, &v)) {
            *error = QStringLiteral("the scene point %1,%2,%3 is behind the camera")
                             .arg(p.scene.x, 0, 'f', 2).arg(p.scene.y, 0, 'f', 2).arg(p.scene.z, 0, 'f', 2);
            return false;
        }
        *windowPos = m_view->mapToScene(v);
        break;
    }
    }
    if (!m_window || windowPos->x() < 0 || windowPos->y() < 0 || windowPos->x() >= m_window->width()
        || windowPos->y() >= m_window->height()) {
        *error = QStringLiteral("position %1,%2 lies outside the %3x%4 window")
                         .arg(windowPos->x(), 0, 'f', 1).arg(windowPos->y(), 0, 'f', 1)
                         .arg(m_window ? m_window->width() : 0).arg(m_window ? m_window->height() : 0);
        return false;
    }
    return true;
}

void InputScript::sendMouse(int type, const QPointF &pos, Qt::MouseButton button, Qt::MouseButtons buttons,
                            Qt::KeyboardModifiers mods)
{
    if (!m_window)
        return;
    QMouseEvent ev(QEvent::Type(type), pos, pos, m_window->mapToGlobal(pos), button, buttons, mods);
    ev.setTimestamp(ulong(m_clock.elapsed()));
    QCoreApplication::sendEvent(m_window, &ev);
}

void InputScript::fail(const Step &s, const QString &why)
{
    m_playing = false;
    emit failed(QStringLiteral("%1:%2: %3").arg(m_source).arg(s.line).arg(why));
}

void InputScript::next()
{
    if (!m_playing)
        return;
    if (!m_window) {
        m_playing = false;
        emit failed(QStringLiteral("%1: the window is gone").arg(m_source));
        return;
    }
    if (m_index >= m_steps.size()) {
        m_playing = false;
        emit finished();
        return;
    }
    if (m_frameWait != FrameWait::None && m_waitClock.elapsed() < kFrameWaitMs) {
        m_timer.start(10); // the last step's frame is not on screen yet
        return;
    }
    m_frameWait = FrameWait::None;
    const Step &s = m_steps[m_index];
    QString why;
    auto done = [&](int pauseMs = kStepPauseMs) {
        ++m_index;
        m_subStep = 0;
        m_frameWait = FrameWait::Begin;
        m_waitClock.start();
        m_window->update();
        m_timer.start(pauseMs);
    };
    switch (s.kind) {
    case Step::Kind::Click:
    case Step::Kind::Press:
    case Step::Kind::Release:
    case Step::Kind::Move: {
        QPointF p;
        if (!resolve(s.a, &p, &why))
            return fail(s, why);
        if (s.kind == Step::Kind::Move) {
            sendMouse(QEvent::MouseMove, p, Qt::NoButton, m_held, s.modifiers);
        } else {
            if (s.kind != Step::Kind::Release) {
                m_held |= s.button;
                sendMouse(QEvent::MouseButtonPress, p, s.button, m_held, s.modifiers);
            }
            if (s.kind != Step::Kind::Press) {
                m_held &= ~Qt::MouseButtons(s.button);
                sendMouse(QEvent::MouseButtonRelease, p, s.button, m_held, s.modifiers);
            }
        }
        return done();
    }
    case Step::Kind::DoubleClick: {
        QPointF p;
        if (!resolve(s.a, &p, &why))
            return fail(s, why);
        // what a window system delivers: press, release, press, double-click, release
        sendMouse(QEvent::MouseButtonPress, p, s.button, s.button, s.modifiers);
        sendMouse(QEvent::MouseButtonRelease, p, s.button, {}, s.modifiers);
        sendMouse(QEvent::MouseButtonPress, p, s.button, s.button, s.modifiers);
        sendMouse(QEvent::MouseButtonDblClick, p, s.button, s.button, s.modifiers);
        sendMouse(QEvent::MouseButtonRelease, p, s.button, {}, s.modifiers);
        return done();
    }
    case Step::Kind::Drag: {
        if (m_subStep == 0) {
            // both ends are resolved before anything moves (the drag may move the camera)
            if (!resolve(s.a, &m_from, &why) || !resolve(s.b, &m_to, &why))
                return fail(s, why);
            m_held |= s.button;
            sendMouse(QEvent::MouseButtonPress, m_from, s.button, m_held, s.modifiers);
            ++m_subStep;
            m_timer.start(kMoveIntervalMs);
            return;
        }
        if (m_subStep <= s.steps) {
            const double t = double(m_subStep) / s.steps;
            sendMouse(QEvent::MouseMove, m_from + (m_to - m_from) * t, Qt::NoButton, m_held, s.modifiers);
            ++m_subStep;
            m_timer.start(kMoveIntervalMs);
            return;
        }
        m_held &= ~Qt::MouseButtons(s.button);
        sendMouse(QEvent::MouseButtonRelease, m_to, s.button, m_held, s.modifiers);
        return done();
    }
    case Step::Kind::Wheel: {
        QPointF p;
        if (!resolve(s.a, &p, &why))
            return fail(s, why);
        QWheelEvent ev(p, m_window->mapToGlobal(p), QPoint(), QPoint(0, int(std::lround(s.amount * 120))), m_held,
                       s.modifiers, Qt::NoScrollPhase, false);
        ev.setTimestamp(ulong(m_clock.elapsed()));
        QCoreApplication::sendEvent(m_window, &ev);
        return done();
    }
    case Step::Kind::Key: {
        const QString text = (s.modifiers & ~Qt::ShiftModifier) == Qt::NoModifier && s.key >= Qt::Key_Space
                        && s.key <= Qt::Key_AsciiTilde
                ? QString(QChar(s.key)).toLower()
                : QString();
        QKeyEvent press(QEvent::KeyPress, s.key, s.modifiers, text);
        QCoreApplication::sendEvent(m_window, &press);
        QKeyEvent release(QEvent::KeyRelease, s.key, s.modifiers, text);
        QCoreApplication::sendEvent(m_window, &release);
        return done();
    }
    case Step::Kind::Text: {
        for (const QChar c : s.text) {
            const int key = c.toUpper().unicode() < 0x7f ? c.toUpper().unicode() : 0;
            QKeyEvent press(QEvent::KeyPress, key, Qt::NoModifier, QString(c));
            QCoreApplication::sendEvent(m_window, &press);
            QKeyEvent release(QEvent::KeyRelease, key, Qt::NoModifier, QString(c));
            QCoreApplication::sendEvent(m_window, &release);
        }
        return done();
    }
    case Step::Kind::Wait:
        return done(int(s.amount));
    case Step::Kind::Settle:
        if (m_busy && m_busy()) {
            m_window->update();
            m_timer.start(50);
            return;
        }
        return done();
    }
}

} // namespace liyuan
