#include <liyuan/calibration/CameraCalibration.h>

#include <opencv2/calib3d.hpp>
#include <opencv2/core.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

namespace liyuan::calibration {
namespace {

constexpr double kPi = 3.14159265358979323846;
constexpr double kInf = std::numeric_limits<double>::infinity();

bool finite(double v) { return std::isfinite(v); }

/** Ratio sqrt(second / largest eigenvalue) of the covariance of centred 2D or 3D points. */
double spreadRatio(const cv::Mat &cov)
{
    cv::Mat values;
    if (!cv::eigen(cov, values) || values.rows < 2)
        return 0.0;
    const double l0 = values.at<double>(0), l1 = values.at<double>(1);
    if (!(l0 > 0.0))
        return 0.0;
    return std::sqrt(std::max(0.0, l1) / l0);
}

QString validate(const QVector<PointPair> &pairs, QSize image, const CameraPose &initial, const CalibrationOptions &o)
{
    if (image.width() <= 0 || image.height() <= 0 || image.width() > 100000 || image.height() > 100000)
        return QStringLiteral("the image size %1 x %2 is not a valid video size").arg(image.width()).arg(image.height());
    if (pairs.size() < std::max(6, o.minPairs))
        return QStringLiteral("%1 point pairs given: at least %2 are needed to solve a camera's pose and field of view")
            .arg(pairs.size())
            .arg(std::max(6, o.minPairs));
    if (pairs.size() > o.maxPairs)
        return QStringLiteral("%1 point pairs given: at most %2 are accepted").arg(pairs.size()).arg(o.maxPairs);
    if (!o.solveFov && !(initial.hfov > 0.0 && initial.hfov < 180.0))
        return QStringLiteral("the initial field of view %1 is not in (0, 180) degrees").arg(initial.hfov);
    if (!(o.minHfov > 0.0 && o.maxHfov < 180.0 && o.minHfov < o.maxHfov))
        return QStringLiteral("the field-of-view search range %1..%2 degrees is not valid").arg(o.minHfov).arg(o.maxHfov);
    for (int i = 0; i < pairs.size(); ++i) {
        const PointPair &p = pairs.at(i);
        if (!finite(p.pixel.x()) || !finite(p.pixel.y()))
            return QStringLiteral("pair %1: the pixel is not a finite number").arg(i + 1);
        if (!finite(p.scene.x) || !finite(p.scene.y) || !finite(p.scene.z))
            return QStringLiteral("pair %1: the scene point is not a finite number").arg(i + 1);
        if (p.pixel.x() < 0 || p.pixel.y() < 0 || p.pixel.x() > image.width() || p.pixel.y() > image.height())
            return QStringLiteral("pair %1: the pixel (%2, %3) is outside the %4 x %5 image")
                .arg(i + 1)
                .arg(p.pixel.x())
                .arg(p.pixel.y())
                .arg(image.width())
                .arg(image.height());
    }
    for (int i = 0; i < pairs.size(); ++i) {
        for (int j = i + 1; j < pairs.size(); ++j) {
            if ((pairs.at(i).scene - pairs.at(j).scene).length() < o.minPointSeparation)
                return QStringLiteral("pairs %1 and %2 use the same scene point").arg(i + 1).arg(j + 1);
            const QPointF d = pairs.at(i).pixel - pairs.at(j).pixel;
            if (std::hypot(d.x(), d.y()) < o.minPixelSeparation)
                return QStringLiteral("pairs %1 and %2 use the same pixel").arg(i + 1).arg(j + 1);
        }
    }
    // collinear scene points (or pixels) cannot fix a rotation about their line
    Vec3d c;
    QPointF pc;
    for (const PointPair &p : pairs) {
        c += p.scene;
        pc += p.pixel;
    }
    c = c * (1.0 / pairs.size());
    pc /= pairs.size();
    cv::Mat cov3 = cv::Mat::zeros(3, 3, CV_64F), cov2 = cv::Mat::zeros(2, 2, CV_64F);
    for (const PointPair &p : pairs) {
        const double d[3] = {p.scene.x - c.x, p.scene.y - c.y, p.scene.z - c.z};
        for (int a = 0; a < 3; ++a)
            for (int b = 0; b < 3; ++b)
                cov3.at<double>(a, b) += d[a] * d[b];
        const double e[2] = {p.pixel.x() - pc.x(), p.pixel.y() - pc.y()};
        for (int a = 0; a < 2; ++a)
            for (int b = 0; b < 2; ++b)
                cov2.at<double>(a, b) += e[a] * e[b];
    }
    if (spreadRatio(cov3) < o.minSpreadRatio)
        return QStringLiteral("the scene points lie on one line: pick points that are not collinear");
    if (spreadRatio(cov2) < o.minSpreadRatio)
        return QStringLiteral("the pixels lie on one line: pick points spread over the picture");
    return {};
}

/** Pose and fit for one focal length (pixels). */
struct Fit
{
    bool ok = false;
    double rms = kInf;
    cv::Mat rvec, tvec;
};

Fit fitAt(const std::vector<cv::Point3d> &obj, const std::vector<cv::Point2d> &img, double f, double cx, double cy)
{
    Fit fit;
    const cv::Matx33d K(f, 0, cx, 0, f, cy, 0, 0, 1);
    try {
        cv::Mat rvec, tvec;
        if (!cv::solvePnP(obj, img, K, cv::noArray(), rvec, tvec, false, cv::SOLVEPNP_SQPNP))
            return fit;
        cv::solvePnPRefineLM(obj, img, K, cv::noArray(), rvec, tvec);
        std::vector<cv::Point2d> proj;
        cv::projectPoints(obj, rvec, tvec, K, cv::noArray(), proj);
        double s = 0;
        for (size_t i = 0; i < proj.size(); ++i) {
            const cv::Point2d d = proj[i] - img[i];
            s += d.dot(d);
        }
        fit.rms = std::sqrt(s / double(proj.size()));
        if (!std::isfinite(fit.rms))
            return fit;
        fit.ok = true;
        fit.rvec = rvec;
        fit.tvec = tvec;
    } catch (const cv::Exception &) {
        fit.ok = false;
    }
    return fit;
}

double focalFor(double hfov, int width) { return width / (2.0 * std::tan(hfov * kPi / 360.0)); }

} // namespace

QVector<double> CameraCalibration::reprojectionErrors(const QVector<PointPair> &pairs, QSize image, const CameraPose &pose,
                                                      double *rms)
{
    QVector<double> out;
    out.reserve(pairs.size());
    double s = 0;
    for (const PointPair &p : pairs) {
        double u, v;
        double e = kInf;
        if (pose.toPixel(p.scene, image.width(), image.height(), &u, &v))
            e = std::hypot(u - p.pixel.x(), v - p.pixel.y());
        out << e;
        s += e * e;
    }
    if (rms)
        *rms = pairs.isEmpty() ? 0.0 : std::sqrt(s / pairs.size());
    return out;
}

CalibrationResult CameraCalibration::solve(const QVector<PointPair> &pairs, QSize image, const CameraPose &initial,
                                           const CalibrationOptions &o)
{
    CalibrationResult res;
    res.pose = initial;
    res.error = validate(pairs, image, initial, o);
    if (!res.error.isEmpty())
        return res;

    // centre the scene points: OpenCV sees small, well-conditioned numbers
    Vec3d centroid;
    for (const PointPair &p : pairs)
        centroid += p.scene;
    centroid = centroid * (1.0 / pairs.size());
    std::vector<cv::Point3d> obj;
    std::vector<cv::Point2d> img;
    for (const PointPair &p : pairs) {
        obj.emplace_back(p.scene.x - centroid.x, p.scene.y - centroid.y, p.scene.z - centroid.z);
        img.emplace_back(p.pixel.x(), p.pixel.y());
    }
    const double cx = image.width() / 2.0, cy = image.height() / 2.0;
    auto at = [&](double hfov) { return fitAt(obj, img, focalFor(hfov, image.width()), cx, cy); };

    double hfov = initial.hfov;
    Fit best;
    if (o.solveFov) {
        // coarse scan over the FOV range (plus the initial guess), then golden section around the best
        const int steps = 60;
        double bestH = 0, lo = o.minHfov, hi = o.maxHfov;
        const double step = (o.maxHfov - o.minHfov) / steps;
        for (int i = 0; i <= steps; ++i) {
            const double h = o.minHfov + i * step;
            const Fit f = at(h);
            if (f.ok && f.rms < best.rms) {
                best = f;
                bestH = h;
                lo = std::max(o.minHfov, h - step);
                hi = std::min(o.maxHfov, h + step);
            }
        }
        if (initial.hfov > o.minHfov && initial.hfov < o.maxHfov) {
            const Fit f = at(initial.hfov);
            if (f.ok && f.rms < best.rms) {
                best = f;
                bestH = initial.hfov;
                lo = std::max(o.minHfov, bestH - step);
                hi = std::min(o.maxHfov, bestH + step);
            }
        }
        if (!best.ok) {
            res.error = QStringLiteral("no camera fits these pairs (the solver found no pose for any field of view)");
            return res;
        }
        const double g = (std::sqrt(5.0) - 1.0) / 2.0;
        double a = lo, b = hi;
        double x1 = b - g * (b - a), x2 = a + g * (b - a);
        Fit f1 = at(x1), f2 = at(x2);
        for (int it = 0; it < 200 && b - a > o.fovToleranceDeg; ++it) {
            if (f1.rms < f2.rms) {
                b = x2;
                x2 = x1;
                f2 = f1;
                x1 = b - g * (b - a);
                f1 = at(x1);
            } else {
                a = x1;
                x1 = x2;
                f1 = f2;
                x2 = a + g * (b - a);
                f2 = at(x2);
            }
        }
        for (const auto &[h, f] : {std::pair<double, Fit>(x1, f1), std::pair<double, Fit>(x2, f2)}) {
            if (f.ok && f.rms < best.rms) {
                best = f;
                bestH = h;
            }
        }
        hfov = bestH;
    } else {
        best = at(hfov);
        if (!best.ok) {
            res.error = QStringLiteral("no camera pose fits these pairs");
            return res;
        }
    }

    // OpenCV camera axes: x right, y down, z forward; rows of R in the (centred) scene frame
    cv::Mat R;
    cv::Rodrigues(best.rvec, R);
    const Vec3d right(R.at<double>(0, 0), R.at<double>(0, 1), R.at<double>(0, 2));
    const Vec3d forward(R.at<double>(2, 0), R.at<double>(2, 1), R.at<double>(2, 2));
    const cv::Mat C = -R.t() * best.tvec;
    CameraPose pose = initial;
    pose.position = Vec3d(C.at<double>(0) + centroid.x, C.at<double>(1) + centroid.y, C.at<double>(2) + centroid.z);
    pose.hfov = hfov;
    pose.aspect = double(image.width()) / image.height();
    const double fz = std::clamp(forward.z, -1.0, 1.0);
    pose.pitch = std::asin(fz) * 180.0 / kPi;
    double heading = std::atan2(forward.x, forward.y) * 180.0 / kPi;
    if (heading < 0)
        heading += 360.0;
    pose.heading = heading;
    const double h = heading * kPi / 180.0;
    const Vec3d r0(std::cos(h), -std::sin(h), 0.0);
    const Vec3d u0 = r0.cross(pose.forward());
    pose.roll = std::atan2(-right.dot(u0), right.dot(r0)) * 180.0 / kPi;
    res.pose = pose;

    for (int i = 0; i < pairs.size(); ++i) {
        if (!(pose.toCamera(pairs.at(i).scene).z > 0.0)) {
            res.error = QStringLiteral("pair %1: the scene point lies behind the solved camera; the pairs do not fit one camera")
                            .arg(i + 1);
            return res;
        }
    }
    res.perPointPx = reprojectionErrors(pairs, image, pose, &res.rmsPx);
    if (!(res.rmsPx <= o.maxRmsPx)) {
        res.error = QStringLiteral("the best camera still misses the picked pixels by %1 px RMS (limit %2 px): "
                                   "check the pairs")
                        .arg(res.rmsPx, 0, 'f', 1)
                        .arg(o.maxRmsPx);
        return res;
    }
    res.ok = true;
    return res;
}

} // namespace liyuan::calibration
