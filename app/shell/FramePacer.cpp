#include "FramePacer.h"

#include <QEvent>
#include <QMetaObject>
#include <QQuickWindow>

namespace liyuan {

FramePacer::FramePacer(QQuickWindow *window) : QObject(window), m_window(window)
{
    m_fallback.setSingleShot(true);
    m_fallback.setInterval(fallbackMs());
    connect(&m_fallback, &QTimer::timeout, this, [this] { frameDone(m_started.load()); });
    // afterAnimating: GUI thread, in polish-and-sync just before the sync of a frame
    connect(window, &QQuickWindow::afterAnimating, this, &FramePacer::frameStarted, Qt::DirectConnection);
    // render thread (the GUI thread waits during the sync): which frame this is, and when it is on screen
    connect(window, &QQuickWindow::beforeSynchronizing, this, [this] { m_synced.store(m_started.load()); },
            Qt::DirectConnection);
    connect(window, &QQuickWindow::frameSwapped, this, [this] {
        QMetaObject::invokeMethod(this, [this, frame = m_synced.load()] { frameDone(frame); }, Qt::QueuedConnection);
    }, Qt::DirectConnection);
    window->installEventFilter(this);
}

void FramePacer::frameStarted()
{
    m_started.fetch_add(1);
    m_inFlight = true;
    m_fallback.start();
}

void FramePacer::frameDone(quint64 frame)
{
    if (frame != m_started.load())
        return; // an earlier frame (after a fallback): the one in flight is still drawn
    m_fallback.stop();
    m_inFlight = false;
    if (m_pending) {
        m_pending = false;
        m_window->requestUpdate(); // the held request, now that the render thread is free
    }
}

bool FramePacer::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_window && event->type() == QEvent::UpdateRequest && m_inFlight) {
        m_pending = true;
        ++m_held;
        return true; // asked again by frameDone()
    }
    return QObject::eventFilter(watched, event);
}

} // namespace liyuan
