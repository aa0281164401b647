#pragma once
// Private to liyuan_demo: the demo district's surveillance cameras (street corners, the plaza,
// the tower), their registry file (cameras/cameras.json, the LiyuanCameraRegistry schema in
// EPSG:4549) and their background pictures (cameras/bg/<id>.jpg + <id>.depth: the district
// as each camera sees it, drawn by SceneRaster). Deterministic; derived from the Layout.

#include "DistrictModel.h"

#include <liyuan/geodata/CameraPose.h>
#include <liyuan/scene/TileContent.h>

#include <QImage>
#include <QRectF>
#include <QSize>
#include <QString>
#include <QStringList>

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <vector>

namespace liyuan::demo {

/** One demo camera; pose in layout (scene-frame) metres. */
struct DemoCamera
{
    QString id, name, department;
    QStringList tags;
    CameraPose pose;
    bool ptz = false;
    double panMin = 0, panMax = 0, tiltMin = 0, tiltMax = 0, hfovMin = 0, hfovMax = 0;
};

/** The size the backgrounds are rendered at (the main stream's). */
inline QSize cameraBackgroundSize() { return QSize(1280, 720); }
/**
 * Depth files (<id>.depth): "LYDEPTH1", width and height (int32, little-endian), then zlib
 * (qCompress) of the rows' 16-bit inverse depth (kInverseDepthScale / metres, 0 = sky) coded as the
 * residual of a linear prediction from the two pixels to the left. Inverse depth is affine across a
 * plane in the picture, so the residuals are mostly 0 and the file is small; precision 1 cm at 20 m,
 * 0.3 m at 100 m.
 */
constexpr double kInverseDepthScale = 32768.0;
QByteArray encodeDepthFile(const float *depth, int width, int height);
/** Decodes a depth file into metres (+inf = sky); false with *why on a bad or truncated file. */
bool decodeDepthFile(const QByteArray &bytes, int *width, int *height, std::vector<float> *depth, QString *why);

/**
 * The terrain around the district as the app draws it (DEM heights from `height`, NaN = sea: left
 * out; the orthophoto preview draped), as one textured mesh on a `gridM` grid over `extent`, minus
 * the district's own square (its meshes carry their own ground). Layout metres.
 */
TileContent surroundingsContent(const QRectF &district, const QRectF &extent, const QImage &ortho, double gridM,
                                const std::function<double(double, double)> &height);

/** About 40 cameras at street corners, on the plaza and on the tower. */
std::vector<DemoCamera> districtCameras(const Layout &layout);

/** The registry document (LiyuanCameraRegistry v1, positions in the recipe's SRS). */
QByteArray cameraRegistryJson(const Layout &layout, const std::vector<DemoCamera> &cameras);

/**
 * Renders every camera's background from `scene` (meshes in layout metres, e.g. the Mid level of
 * every cell) into bgDir/<id>.jpg (quality 90) and bgDir/<id>.depth (encodeDepthFile); calls step() after each camera.
 * Heavy (a fraction of a second per camera): a worker thread. False with *error naming the file.
 */
bool renderCameraBackgrounds(const std::vector<TileContent> &scene, const std::vector<DemoCamera> &cameras,
                             const QString &bgDir, const std::function<void()> &step, QString *error);

} // namespace liyuan::demo
