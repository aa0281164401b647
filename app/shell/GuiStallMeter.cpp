#include "GuiStallMeter.h"

#include <algorithm>

namespace liyuan {

GuiStallMeter::GuiStallMeter(QObject *parent) : QObject(parent)
{
    m_timer.setTimerType(Qt::PreciseTimer);
    m_timer.setInterval(intervalMs());
    connect(&m_timer, &QTimer::timeout, this, &GuiStallMeter::tick);
}

void GuiStallMeter::start()
{
    if (m_timer.isActive())
        return;
    m_last.start();
    m_timer.start();
}

void GuiStallMeter::stop()
{
    m_timer.stop();
}

void GuiStallMeter::reset()
{
    m_maxStallMs = 0;
    m_over50 = 0;
    if (m_last.isValid())
        m_last.restart();
}

void GuiStallMeter::tick()
{
    const double ms = m_last.nsecsElapsed() / 1e6;
    m_last.restart();
    ++m_ticks;
    const double stall = std::max(0.0, ms - intervalMs());
    m_maxStallMs = std::max(m_maxStallMs, stall);
    if (stall > 50.0)
        ++m_over50;
}

} // namespace liyuan
