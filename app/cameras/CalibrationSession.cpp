#include "CalibrationSession.h"

#include "CameraLayer.h"

#include <liyuan/calibration/CameraCalibration.h>
#include <liyuan/scene/RunThen.h>
#include <liyuan/scene/quick/CameraController.h>

#include <QVariantMap>

#include <cmath>

namespace liyuan {

CalibrationSession::CalibrationSession(CameraLayer *cameras, CameraController *view, QObject *parent)
    : QObject(parent), m_cameras(cameras), m_view(view)
{
}

int CalibrationSession::minPairs() const
{
    return calibration::CalibrationOptions().minPairs;
}

QVariantList CalibrationSession::pairs() const
{
    QVariantList out;
    for (const Pair &p : m_pairs)
        out.append(QVariantMap{{QStringLiteral("u"), p.pixel.x()},
                               {QStringLiteral("v"), p.pixel.y()},
                               {QStringLiteral("hasScene"), p.hasScene},
                               {QStringLiteral("x"), p.scene.x},
                               {QStringLiteral("y"), p.scene.y},
                               {QStringLiteral("z"), p.scene.z},
                               {QStringLiteral("errorPx"), p.errorPx}});
    return out;
}

bool CalibrationSession::start(const QString &cameraId, const QSize &imageSize)
{
    bool ok = false;
    const CameraPose pose = m_cameras->pose(cameraId, &ok);
    if (!ok) {
        emit message(tr("Calibration: no camera %1").arg(cameraId));
        return false;
    }
    if (active())
        cancel();
    m_cameraId = cameraId;
    m_image = imageSize.isValid() && !imageSize.isEmpty() ? imageSize
                                                          : QSize(1280, int(std::lround(1280 / std::max(0.1, pose.aspect))));
    m_original = pose;
    m_pairs.clear();
    m_waitingScene = false;
    m_solved = false;
    m_previewing = false;
    m_rms = 0;
    m_result = tr("Pick a point in the picture, then the same point in the scene (%1 pairs at least).").arg(minPairs());
    emit changed();
    return true;
}

void CalibrationSession::cancel()
{
    if (!active())
        return;
    if (m_previewing)
        m_cameras->setPose(m_cameraId, m_original);
    m_cameraId.clear();
    m_pairs.clear();
    ++m_generation;
    m_waitingScene = m_solved = m_previewing = false;
    m_result.clear();
    emit changed();
}

void CalibrationSession::addVideoPoint(double u, double v, double width, double height)
{
    if (!active() || !(width >= 1 && height >= 1) || !(u >= 0 && v >= 0 && u <= width && v <= height))
        return;
    m_image = QSize(int(std::lround(width)), int(std::lround(height)));
    if (m_waitingScene && !m_pairs.isEmpty())
        m_pairs.last().pixel = QPointF(u, v); // picked again: the last picture point moves
    else {
        Pair p;
        p.pixel = QPointF(u, v);
        m_pairs.append(p);
    }
    m_waitingScene = true;
    m_solved = false;
    emit changed();
}

bool CalibrationSession::addScenePointAt(double x, double y)
{
    if (!active() || !m_waitingScene)
        return false;
    bool valid = false;
    const QVector3D p = m_view->pickPoint(x, y, &valid);
    if (!valid)
        return false;
    addScenePoint(Vec3d(p.x(), p.y(), p.z()));
    return true;
}

void CalibrationSession::addScenePoint(const Vec3d &p)
{
    if (!active() || !m_waitingScene || m_pairs.isEmpty())
        return;
    m_pairs.last().scene = p;
    m_pairs.last().hasScene = true;
    m_waitingScene = false;
    emit changed();
}

void CalibrationSession::removePair(int index)
{
    if (index < 0 || index >= m_pairs.size())
        return;
    m_pairs.removeAt(index);
    ++m_generation;
    m_waitingScene = !m_pairs.isEmpty() && !m_pairs.last().hasScene;
    m_solved = false;
    emit changed();
}

bool CalibrationSession::solve()
{
    QVector<calibration::PointPair> pairs;
    for (const Pair &p : m_pairs)
        if (p.hasScene)
            pairs.append({p.pixel, p.scene});
    if (!active() || m_solving)
        return false;
    // 15-300 ms of pose searches: on a worker; the answer comes back if the session is unchanged
    m_solving = true;
    m_result = tr("Solving…");
    emit changed();
    const QSize image = m_image;
    const CameraPose initial = m_original;
    const quint64 generation = ++m_generation;
    runThen(this, [pairs, image, initial] { return calibration::CameraCalibration::solve(pairs, image, initial); },
            [this, generation, pairs](calibration::CalibrationResult r) {
                m_solving = false;
                if (generation != m_generation) {
                    emit changed();
                    return;
                }
                applyResult(r, int(pairs.size()));
            });
    return true;
}

void CalibrationSession::applyResult(const calibration::CalibrationResult &r, int pairCount)
{
    m_solved = r.ok;
    if (!r.ok) {
        m_result = tr("Not solved: %1").arg(r.error);
        emit changed();
        emit solveFinished(false);
        return;
    }
    m_solvedPose = r.pose;
    m_rms = r.rmsPx;
    int k = 0;
    for (Pair &p : m_pairs)
        if (p.hasScene)
            p.errorPx = r.perPointPx.value(k++, -1);
    const Vec3d moved = r.pose.position - m_original.position;
    m_result = tr("Reprojection error %1 px (RMS of %2 pairs); moved %3 m, heading %4°, pitch %5°, field of view %6°")
                       .arg(r.rmsPx, 0, 'f', 2).arg(pairCount).arg(moved.length(), 0, 'f', 2)
                       .arg(r.pose.heading, 0, 'f', 1).arg(r.pose.pitch, 0, 'f', 1).arg(r.pose.hfov, 0, 'f', 1);
    emit changed();
    emit solveFinished(true);
}

void CalibrationSession::setPreview(bool on)
{
    if (!active() || (on && !m_solved) || on == m_previewing)
        return;
    m_previewing = on;
    m_cameras->setPose(m_cameraId, on ? m_solvedPose : m_original);
    emit changed();
}

bool CalibrationSession::save()
{
    if (!active() || !m_solved)
        return false;
    m_cameras->setPose(m_cameraId, m_solvedPose);
    const bool ok = m_cameras->saveRegistry();
    if (ok) {
        emit message(tr("Camera %1 calibrated (%2 px) and saved into %3").arg(m_cameraId).arg(m_rms, 0, 'f', 2)
                             .arg(m_cameras->registryFile()));
        m_previewing = false;
        m_original = m_solvedPose;
        m_cameraId.clear();
        m_pairs.clear();
        m_solved = false;
        emit changed();
    }
    return ok;
}

} // namespace liyuan
