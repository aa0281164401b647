#pragma once
#include <QObject>
#include <QTimer>

#include <atomic>

class QQuickWindow;

namespace liyuan {

/**
 * Keeps the GUI thread from waiting on the render thread (threaded render loop).
 *
 * Qt Quick asks for the next frame (QEvent::UpdateRequest → polish and sync) as soon as anything
 * changes — a moving camera, a bound text, an animation step — even while the render thread is
 * still drawing the previous frame. The GUI thread then blocks in that sync until the frame is
 * done: a whole frame with a software rasteriser (50–200 ms on llvmpipe), in which no input,
 * timer or network event is handled. FramePacer, an event filter on the window, holds such an
 * update request back while a frame is in flight (from afterAnimating, just before its sync,
 * until its frameSwapped) and asks again once that frame is on screen, so the GUI thread only
 * ever waits for the sync itself. The frame rate stays the renderer's.
 *
 * States: Idle → (afterAnimating: frame n) InFlight(n) → (frameSwapped of frame n, or no swap
 * within fallbackMs()) Idle; an update request seen InFlight is held and re-asked on the way back
 * to Idle. Frames are numbered (the render thread notes the number at its sync and reports it
 * with the swap), so a late swap of an earlier frame never ends the one in flight.
 * GUI thread only (the two render-thread hooks touch only the atomics).
 */
class FramePacer : public QObject
{
    Q_OBJECT
public:
    /** Paces window (installs itself as its event filter; parented to it). */
    explicit FramePacer(QQuickWindow *window);

    /** Update requests held back until the frame in flight was swapped, since start. */
    int heldRequests() const { return m_held; }
    /** A frame that never reaches the screen (a hidden window) releases a held request after this. */
    static constexpr int fallbackMs() { return 1000; }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void frameStarted();
    void frameDone(quint64 frame);

    QQuickWindow *m_window = nullptr;
    QTimer m_fallback;
    std::atomic<quint64> m_started{0}; ///< number of the last frame begun (GUI thread writes)
    std::atomic<quint64> m_synced{0};  ///< number of the frame the render thread synced last (render thread writes)
    bool m_inFlight = false;
    bool m_pending = false;
    int m_held = 0;
};

} // namespace liyuan
