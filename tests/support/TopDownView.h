#pragma once
// The view tests of selection and streaming use most: straight down at a point from a height.
#include <liyuan/scene/ViewState.h>

namespace liyuan::test {

/** Looks straight down (north up) at center from height metres above it, 45° field of view, 1280×720. */
inline ViewState topDown(const Vec3d &center, double height)
{
    ViewState v;
    v.eye = center + Vec3d(0, 0, height);
    v.forward = Vec3d(0, 0, -1);
    v.up = Vec3d(0, 1, 0);
    v.fovYDegrees = 45;
    v.viewportWidth = 1280;
    v.viewportHeight = 720;
    return v;
}

} // namespace liyuan::test
