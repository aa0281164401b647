#include <liyuan/scene/quick/CameraController.h>

#include <QEasingCurve>
#include <QVariantAnimation>

#include <algorithm>
#include <cmath>

namespace liyuan {
namespace {
constexpr double kPi = 3.14159265358979323846;
constexpr double kDeg = kPi / 180.0;

QQuaternion rotationFromHeadingPitch(double headingDeg, double pitchDeg)
{
    // identity looks down -Z with +Y up; +90° about X looks north with Z up
    return QQuaternion::fromAxisAndAngle(0, 0, 1, float(-headingDeg))
           * QQuaternion::fromAxisAndAngle(1, 0, 0, float(90.0 + pitchDeg));
}

Vec3d toVec(const QVector3D &v) { return Vec3d(v.x(), v.y(), v.z()); }
} // namespace

CameraController::CameraController(QObject *parent) : QObject(parent)
{
    m_rotation = rotationFromHeadingPitch(0, -45);
    updateClipPlanes();
    // wall: the projection follows the clip planes (pose), the field of view and the sub-view
    connect(this, &CameraController::poseChanged, this, &CameraController::projectionChanged);
    connect(this, &CameraController::fieldOfViewChanged, this, &CameraController::projectionChanged);
    connect(this, &CameraController::subViewChanged, this, &CameraController::projectionChanged);
}

QVector3D CameraController::position() const
{
    return QVector3D(float(m_eye.x), float(m_eye.y), float(m_eye.z));
}

void CameraController::setFieldOfView(float fov)
{
    fov = std::clamp(fov, 5.f, 120.f);
    if (qFuzzyCompare(m_fov, fov))
        return;
    m_fov = fov;
    emit fieldOfViewChanged();
}

Vec3d CameraController::forward() const { return toVec(m_rotation.rotatedVector(QVector3D(0, 0, -1))).normalized(); }
Vec3d CameraController::up() const { return toVec(m_rotation.rotatedVector(QVector3D(0, 1, 0))).normalized(); }

double CameraController::heading() const
{
    const Vec3d f = forward();
    double h = std::atan2(f.x, f.y) / kDeg;
    return h < 0 ? h + 360.0 : h;
}

double CameraController::pitch() const
{
    return std::asin(std::clamp(forward().z, -1.0, 1.0)) / kDeg;
}

bool CameraController::flying() const
{
    return m_flight && m_flight->state() == QAbstractAnimation::Running;
}

void CameraController::setViewportSize(int width, int height)
{
    m_width = std::max(1, width);
    m_height = std::max(1, height);
}

ViewState CameraController::viewState() const
{
    ViewState v;
    v.eye = m_eye;
    v.forward = forward();
    v.up = up();
    v.fovYDegrees = m_fov;
    v.viewportWidth = m_width;
    v.viewportHeight = m_height;
    v.farPlane = m_far;
    if (m_offAxis) { // wall: sub-view
        v.ndcLeft = m_subLeft;
        v.ndcRight = m_subRight;
        v.ndcBottom = m_subBottom;
        v.ndcTop = m_subTop;
        v.fullAspect = m_subAspect;
    }
    return v;
}

bool CameraController::setSubView(double left, double right, double bottom, double top, double fullAspect)
{
    if (!(right > left) || !(top > bottom) || !(fullAspect > 0) || !std::isfinite(left) || !std::isfinite(right)
        || !std::isfinite(bottom) || !std::isfinite(top) || !std::isfinite(fullAspect))
        return false;
    if (m_offAxis && m_subLeft == left && m_subRight == right && m_subBottom == bottom && m_subTop == top
        && m_subAspect == fullAspect)
        return true;
    m_offAxis = true;
    m_subLeft = left;
    m_subRight = right;
    m_subBottom = bottom;
    m_subTop = top;
    m_subAspect = fullAspect;
    emit subViewChanged();
    return true;
}

void CameraController::clearSubView()
{
    if (!m_offAxis)
        return;
    m_offAxis = false;
    m_subLeft = m_subBottom = -1;
    m_subRight = m_subTop = 1;
    m_subAspect = 0;
    emit subViewChanged();
}

QMatrix4x4 CameraController::projection() const
{
    return projectionFor(m_subLeft, m_subRight, m_subBottom, m_subTop,
                         m_offAxis ? m_subAspect : double(m_width) / std::max(1, m_height));
}

QMatrix4x4 CameraController::projectionFor(double left, double right, double bottom, double top, double a) const
{
    const double f = 1.0 / std::tan(0.5 * m_fov * kDeg);
    const double n = m_near, fa = m_far;
    // full-view NDC x' = (x − cx)/sx restricted to the sub-rectangle
    const double sx = 0.5 * (right - left), cx = 0.5 * (right + left);
    const double sy = 0.5 * (top - bottom), cy = 0.5 * (top + bottom);
    return QMatrix4x4(float(f / (a * sx)), 0, float(cx / sx), 0,
                      0, float(f / sy), float(cy / sy), 0,
                      0, 0, float(-(fa + n) / (fa - n)), float(-2 * fa * n / (fa - n)),
                      0, 0, -1, 0);
}

void CameraController::applyPose(const Vec3d &eye, const QQuaternion &rotation, bool user)
{
    m_eye = eye;
    m_rotation = rotation.normalized();
    if (user)
        m_userMoved = true;
    updateClipPlanes();
    emit poseChanged();
}

void CameraController::setPose(const Vec3d &eye, const QQuaternion &rotation)
{
    if (m_flight)
        m_flight->stop();
    applyPose(eye, rotation, false);
}

void CameraController::setPose(const Vec3d &eye, double headingDeg, double pitchDeg)
{
    setPose(eye, rotationFromHeadingPitch(headingDeg, pitchDeg));
}

void CameraController::updateClipPlanes()
{
    const double groundZ = m_homeRadius > 0 ? m_homeCenter.z - 0.5 * m_homeRadius : 0.0;
    const double h = std::max(1.0, std::abs(m_eye.z - groundZ));
    m_near = float(std::clamp(h / 300.0, 0.1, 50.0));
    const double extent = std::max({h, m_homeRadius, 100.0});
    m_far = float(std::max(5000.0, 60.0 * extent));
}

void CameraController::setHomeBox(const Vec3d &min, const Vec3d &max)
{
    m_homeMin = min;
    m_homeMax = max;
    m_homeCenter = (min + max) * 0.5;
    m_homeRadius = std::max((max - min).length() * 0.5, 1.0);
    updateClipPlanes();
}

void CameraController::lookAtBox(const Vec3d &min, const Vec3d &max, bool animate)
{
    const Vec3d size = max - min;
    const double headingDeg = size.x >= size.y ? 0.0 : 90.0; // the longer side across the screen
    const QQuaternion rot = rotationFromHeadingPitch(headingDeg, -45);
    const Vec3d f = toVec(rot.rotatedVector(QVector3D(0, 0, -1))).normalized();
    const Vec3d u = toVec(rot.rotatedVector(QVector3D(0, 1, 0))).normalized();
    const Vec3d r = f.cross(u).normalized();
    const double tanY = std::tan(0.5 * m_fov * kDeg) * 0.95; // a small margin
    const double tanX = tanY * viewState().fullViewAspect(); // wall: the full view frames the box
    const Vec3d c = (min + max) * 0.5;
    double dist = 1.0;
    for (int i = 0; i < 8; ++i) {
        const Vec3d p((i & 1) ? max.x : min.x, (i & 2) ? max.y : min.y, (i & 4) ? max.z : min.z);
        const Vec3d v = p - c;
        const double x = v.dot(r), y = v.dot(u), z = v.dot(f);
        dist = std::max({dist, std::abs(x) / tanX - z, std::abs(y) / tanY - z});
    }
    const Vec3d eye = c - f * dist;
    if (animate)
        flyTo(eye, rot);
    else
        setPose(eye, rot);
}

void CameraController::home()
{
    if (m_homeRadius > 0)
        lookAtBox(m_homeMin, m_homeMax, true);
}

void CameraController::flyTo(const Vec3d &eye, const QQuaternion &rotation, int durationMs)
{
    if (!m_flight) {
        m_flight = new QVariantAnimation(this);
        m_flight->setStartValue(0.0);
        m_flight->setEndValue(1.0);
        m_flight->setEasingCurve(QEasingCurve::InOutCubic);
        connect(m_flight, &QVariantAnimation::valueChanged, this, [this](const QVariant &v) {
            const double t = v.toDouble();
            Vec3d e = m_flyFromEye + (m_flyToEye - m_flyFromEye) * t;
            e.z += m_flyArc * 4.0 * t * (1.0 - t);
            applyPose(e, QQuaternion::slerp(m_flyFromRot, m_flyToRot, float(t)), true);
        });
        connect(m_flight, &QVariantAnimation::stateChanged, this, &CameraController::flyingChanged);
    }
    m_flight->stop();
    m_flyFromEye = m_eye;
    m_flyToEye = eye;
    m_flyFromRot = m_rotation;
    m_flyToRot = rotation.normalized();
    const double travel = (eye - m_eye).length();
    m_flyArc = travel > 200.0 ? 0.25 * travel : 0.0;
    m_flight->setDuration(std::max(1, durationMs));
    m_flight->start();
}

void CameraController::flyToPoint(const QVector3D &target, double distance)
{
    const Vec3d t = toVec(target);
    const Vec3d f = forward();
    flyTo(t - f * std::max(1.0, distance), m_rotation);
}

Vec3d CameraController::pickOrGround(double x, double y, double groundZ, bool *ok) const
{
    Vec3d o, d;
    viewState().rayThrough(x, y, &o, &d);
    Vec3d hit;
    if (m_pick && m_pick(o, d, &hit)) {
        *ok = true;
        return hit;
    }
    if (std::abs(d.z) > 1e-6) {
        const double t = (groundZ - o.z) / d.z;
        if (t > 0) {
            *ok = true;
            return o + d * t;
        }
    }
    *ok = false;
    return {};
}

QVector3D CameraController::pickPoint(double x, double y, bool *valid) const
{
    bool ok = false;
    const double groundZ = m_homeRadius > 0 ? m_homeCenter.z : 0.0;
    const Vec3d p = pickOrGround(x, y, groundZ, &ok);
    if (valid)
        *valid = ok;
    return QVector3D(float(p.x), float(p.y), float(p.z));
}

void CameraController::beginDrag(double x, double y)
{
    if (m_flight)
        m_flight->stop();
    const double groundZ = m_homeRadius > 0 ? m_homeCenter.z : 0.0;
    m_grab = pickOrGround(x, y, groundZ, &m_grabValid);
    if (!m_grabValid) {
        // looking at the sky: orbit about a point ahead
        m_grab = m_eye + forward() * std::max(100.0, m_homeRadius);
        m_grabValid = true;
    }
}

void CameraController::panTo(double x, double y)
{
    if (!m_grabValid)
        return;
    Vec3d o, d;
    viewState().rayThrough(x, y, &o, &d);
    if (std::abs(d.z) < 1e-3)
        return;
    const double t = (m_grab.z - o.z) / d.z;
    if (t <= 0)
        return;
    Vec3d hit = o + d * t;
    Vec3d delta = m_grab - hit;
    // never jump further than the distance to the grabbed point (grazing rays)
    const double limit = (m_grab - m_eye).length();
    if (delta.length() > limit)
        delta = delta.normalized() * limit;
    applyPose(m_eye + delta, m_rotation, true);
}

void CameraController::orbitBy(double dx, double dy)
{
    if (!m_grabValid)
        beginDrag(m_width / 2.0, m_height / 2.0);
    const double dHeading = dx * 0.3;
    double dPitch = -dy * 0.3;
    const double p = pitch();
    const double newPitch = std::clamp(p + dPitch, -89.5, -1.0);
    dPitch = newPitch - p;
    const Vec3d r = toVec(m_rotation.rotatedVector(QVector3D(1, 0, 0))).normalized();
    const QQuaternion R = QQuaternion::fromAxisAndAngle(0, 0, 1, float(-dHeading))
                          * QQuaternion::fromAxisAndAngle(QVector3D(float(r.x), float(r.y), float(r.z)), float(dPitch));
    const Vec3d v = m_eye - m_grab;
    const QVector3D vr = R.rotatedVector(QVector3D(float(v.x), float(v.y), float(v.z)));
    applyPose(m_grab + toVec(vr), R * m_rotation, true);
}

void CameraController::tiltBy(double dy)
{
    orbitBy(0, dy);
}

void CameraController::zoomAt(double x, double y, double steps)
{
    if (m_flight)
        m_flight->stop();
    bool ok = false;
    const double groundZ = m_homeRadius > 0 ? m_homeCenter.z : 0.0;
    const Vec3d p = pickOrGround(x, y, groundZ, &ok);
    Vec3d dir;
    double dist;
    if (ok) {
        dir = (p - m_eye);
        dist = dir.length();
        dir = dir.normalized();
    } else {
        dir = forward();
        dist = std::max(100.0, m_homeRadius);
    }
    double move;
    if (steps > 0)
        move = dist * (1.0 - std::pow(0.8, steps));
    else
        move = -dist * (std::pow(1.25, -steps) - 1.0);
    move = std::min(move, dist - 1.0); // never through the surface
    applyPose(m_eye + dir * move, m_rotation, true);
}

void CameraController::moveBy(double right, double fwd, double upAmount)
{
    const double groundZ = m_homeRadius > 0 ? m_homeCenter.z : 0.0;
    const double h = std::max(5.0, std::abs(m_eye.z - groundZ));
    Vec3d f = forward();
    f.z = 0;
    if (f.length() < 1e-6)
        f = up();
    f.z = 0;
    f = f.normalized();
    const Vec3d r = f.cross(Vec3d(0, 0, 1)).normalized();
    const Vec3d delta = (r * right + f * fwd + Vec3d(0, 0, 1) * upAmount) * (0.1 * h);
    applyPose(m_eye + delta, m_rotation, true);
}

void CameraController::turnBy(double headingDeg, double pitchDeg)
{
    const double p = std::clamp(pitch() + pitchDeg, -89.5, 89.5);
    applyPose(m_eye, rotationFromHeadingPitch(heading() + headingDeg, p), true);
}

} // namespace liyuan
