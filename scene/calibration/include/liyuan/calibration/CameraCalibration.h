#pragma once
#include <liyuan/geodata/CameraPose.h>
#include <liyuan/geodata/Vec3d.h>

#include <QPointF>
#include <QSize>
#include <QString>
#include <QVector>

namespace liyuan::calibration {

/** One correspondence: a pixel picked in the video (CameraPose::toPixel convention: u right,
 *  v down, (0, 0) the top-left corner of the image) and the scene point picked on the mesh
 *  (scene frame, metres). Value type, any thread. */
struct PointPair
{
    QPointF pixel;
    Vec3d scene;
};

/** Limits and switches of CameraCalibration::solve (one place for all of them). */
struct CalibrationOptions
{
    int minPairs = 6;          ///< fewer pairs: an error
    int maxPairs = 10000;      ///< more pairs: an error (hostile sizes)
    bool solveFov = true;      ///< false: keep the initial pose's hfov, solve the pose only
    double minHfov = 3.0;      ///< search range of the horizontal FOV, degrees
    double maxHfov = 150.0;
    double fovToleranceDeg = 1e-4; ///< golden-section stop: bracket width in degrees
    /// Degeneracy thresholds: scene points closer than this (metres) or pixels closer than
    /// minPixelSeparation count as duplicates; the scene points' spread across their main axis must
    /// be at least minSpreadRatio of their spread along it (else they are collinear).
    double minPointSeparation = 1e-3;
    double minPixelSeparation = 0.5;
    double minSpreadRatio = 1e-3;
    double maxRmsPx = 50.0;    ///< a fit worse than this is reported as an error (pairs don't fit one camera)
};

/** Outcome of a calibration. Value type, any thread. */
struct CalibrationResult
{
    bool ok = false;
    QString error;             ///< why not ok, naming the pair (index) when one is at fault
    CameraPose pose;           ///< the solved pose; aspect = image width / height, near/far from the initial pose
    double rmsPx = 0.0;        ///< reprojection RMS in pixels, through CameraPose::toPixel
    QVector<double> perPointPx;///< reprojection error of each pair, pixels
};

/**
 * Solves a camera's position, heading, pitch, roll and horizontal FOV from pixel <-> scene point
 * pairs, for a pinhole with square pixels and the principal point at the image centre
 * (CameraPose's model): OpenCV's SQPnP + Levenberg-Marquardt pose refinement inside a search over
 * the focal length (a coarse scan, then golden section on the reprojection RMS). Scene points are
 * centred on their centroid before they reach OpenCV. Stateless and reentrant: any thread; a solve
 * takes up to ~0.1 s (about 100 pose solves), so not on the GUI thread.
 */
class CameraCalibration
{
public:
    /**
     * Solves from `pairs` in an image of `image` pixels. `initial` gives near/far (kept), the
     * hfov used when options.solveFov is false, and a hint for the FOV search. Degenerate input
     * (fewer than minPairs pairs, NaN/infinite values, duplicate points, collinear scene points,
     * pixels outside the image, points behind the solved camera, an RMS above maxRmsPx) gives
     * ok = false and a clear error; never throws.
     */
    static CalibrationResult solve(const QVector<PointPair> &pairs, QSize image, const CameraPose &initial,
                                   const CalibrationOptions &options = {});

    /** Reprojection errors (pixels) of `pairs` through pose.toPixel; a point behind the camera counts as +inf. */
    static QVector<double> reprojectionErrors(const QVector<PointPair> &pairs, QSize image, const CameraPose &pose,
                                              double *rms = nullptr);
};

} // namespace liyuan::calibration
