#pragma once
#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

namespace liyuan {

/**
 * Measures how long the GUI thread's event loop goes without turning: a precise timer fires
 * every intervalMs(), and each late firing's delay beyond that interval is a stall (a blocking
 * read, a long attach, the render loop's sync waiting on the render thread). Reported in
 * --state-json as gui.maxStallMs / gui.stallsOver50Ms. Lives and runs on the GUI thread.
 *
 * It does not run by itself: whoever reports it (AutomationRunner for --state-json) starts it,
 * so interactive and kiosk sessions have no 200 Hz wake-ups.
 */
class GuiStallMeter : public QObject
{
    Q_OBJECT
public:
    explicit GuiStallMeter(QObject *parent = nullptr);

    /** Starts measuring (idempotent). */
    void start();
    /** Stops measuring; what was measured stays until reset(). */
    void stop();
    /** True between start() and stop(). */
    bool isRunning() const { return m_timer.isActive(); }
    /** Timer firings since construction (0 while never started). */
    qint64 ticks() const { return m_ticks; }
    /** Forgets what was measured (e.g. when a flight starts after loading). */
    void reset();
    /** Longest stall since start()/reset(), milliseconds. */
    double maxStallMs() const { return m_maxStallMs; }
    /** Stalls longer than 50 ms since start()/reset(). */
    int stallsOver50Ms() const { return m_over50; }
    /** The timer's period. */
    static constexpr int intervalMs() { return 5; }

private:
    void tick();

    QTimer m_timer;
    QElapsedTimer m_last;
    double m_maxStallMs = 0;
    int m_over50 = 0;
    qint64 m_ticks = 0;
};

} // namespace liyuan
