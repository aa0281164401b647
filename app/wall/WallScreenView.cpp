#include "WallScreenView.h"

#include <liyuan/scene/quick/CameraController.h>

#include <QGuiApplication>
#include <QQuickWindow>
#include <QScreen>

namespace liyuan {

void WallScreenView::applyCamera(const WallLayout &layout, int index, CameraController *camera)
{
    // without an eye in the file the shared camera keeps the camera's own field of view
    const double fov = layout.fovYDegrees(camera->fieldOfView());
    camera->setFieldOfView(float(fov));
    const WallSubView v = layout.subView(index, fov);
    camera->setSubView(v.left, v.right, v.bottom, v.top, layout.fullAspect(fov));
}

bool WallScreenView::placeWindow(const WallLayout &layout, int index, QQuickWindow *window, QString *error)
{
    const WallScreen &s = layout.screens().at(index);
    window->setFlag(Qt::FramelessWindowHint, true);
    window->setCursor(Qt::BlankCursor);
    if (!s.geometry.isNull()) {
        window->setGeometry(s.geometry);
        window->show();
        return true;
    }
    QScreen *target = QGuiApplication::primaryScreen();
    if (!s.output.isEmpty()) {
        target = nullptr;
        QStringList names;
        for (QScreen *q : QGuiApplication::screens()) {
            names << q->name();
            if (q->name() == s.output)
                target = q;
        }
        if (!target) {
            *error = QStringLiteral("%1: screen \"%2\": no output \"%3\" (outputs: %4)")
                             .arg(layout.fileName(), s.id, s.output, names.join(QStringLiteral(", ")));
            return false;
        }
    }
    if (target) {
        window->setScreen(target);
        window->setGeometry(target->geometry());
    }
    window->showFullScreen();
    return true;
}

} // namespace liyuan
