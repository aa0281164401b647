#pragma once
#include "WallLayout.h"

class QQuickWindow;

namespace liyuan {

class CameraController;

/**
 * One screen of a wall in this process: the camera shows the screen's sub-view of the wall's
 * shared virtual camera, the window sits on the screen's output (or its geometry), full screen,
 * without a frame or cursor. Used by `--wall FILE --wall-screen ID` and by wall followers.
 * GUI thread.
 */
class WallScreenView
{
public:
    /** Sets the camera's field of view and sub-view for screen `index` (idempotent). */
    static void applyCamera(const WallLayout &layout, int index, CameraController *camera);
    /**
     * Places the window for screen `index`: its "geometry", else the full screen of its "output"
     * (QScreen::name), else the primary screen's; frameless, cursor hidden. False with *error
     * naming the layout file, the screen and the outputs there are when the output is missing.
     */
    static bool placeWindow(const WallLayout &layout, int index, QQuickWindow *window, QString *error);
};

} // namespace liyuan
