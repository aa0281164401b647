#pragma once
#include <liyuan/geodata/CameraPose.h>
#include <liyuan/geodata/Vec3d.h>

#include <QObject>
#include <QPointF>
#include <QSize>
#include <QVariantList>
#include <QVector>

namespace liyuan {

namespace calibration {
struct CalibrationResult;
}
class CameraLayer;
class CameraController;

/**
 * Calibrating one camera (QML `liyuan.calibration`): the user picks a point in the camera's
 * picture, then the same point in the scene, at least six times; solve() finds the camera's
 * position, heading, pitch, roll and field of view (liyuan_calibration, OpenCV) and reports the
 * reprojection error in pixels; preview shows the solved pose (frustum, projection) before
 * save() writes it into the registry. GUI thread.
 *
 * States: Idle → PickVideo ⇄ PickScene (pairs grow) → Solved (preview on/off) → saved or
 * cancelled (the camera's pose back as it was).
 */
class CalibrationSession : public QObject
{
    Q_OBJECT
    Q_PROPERTY(bool active READ active NOTIFY changed)
    Q_PROPERTY(QString cameraId READ cameraId NOTIFY changed)
    Q_PROPERTY(QString step READ step NOTIFY changed)
    Q_PROPERTY(QVariantList pairs READ pairs NOTIFY changed)
    Q_PROPERTY(bool solved READ solved NOTIFY changed)
    Q_PROPERTY(double rmsPx READ rmsPx NOTIFY changed)
    Q_PROPERTY(QString resultText READ resultText NOTIFY changed)
    Q_PROPERTY(bool previewing READ previewing NOTIFY changed)
    Q_PROPERTY(int minPairs READ minPairs CONSTANT)
public:
    CalibrationSession(CameraLayer *cameras, CameraController *view, QObject *parent = nullptr);

    bool active() const { return !m_cameraId.isEmpty(); }
    QString cameraId() const { return m_cameraId; }
    /** "video": the next pick is in the picture; "scene": in the 3D view. */
    QString step() const { return m_waitingScene ? QStringLiteral("scene") : QStringLiteral("video"); }
    QVariantList pairs() const;
    bool solved() const { return m_solved; }
    double rmsPx() const { return m_rms; }
    QString resultText() const { return m_result; }
    bool previewing() const { return m_previewing; }
    int minPairs() const;

    /** Starts calibrating a camera whose picture is imageSize pixels (the feed's frame size). */
    Q_INVOKABLE bool start(const QString &cameraId, const QSize &imageSize);
    Q_INVOKABLE void cancel();
    /** A point picked in the picture, in pixels (u right, v down) of a width x height picture. */
    Q_INVOKABLE void addVideoPoint(double u, double v, double width, double height);
    /** A point picked in the 3D view at window pixels; false when nothing is there. */
    Q_INVOKABLE bool addScenePointAt(double x, double y);
    void addScenePoint(const Vec3d &p);
    Q_INVOKABLE void removePair(int index);
    /** Solves pose and field of view from the pairs on a worker (solveFinished, resultText); false when busy. */
    Q_INVOKABLE bool solve();
    bool solving() const { return m_solving; }
    /** Shows the solved pose on the camera (frustum, projection) or the original again. */
    Q_INVOKABLE void setPreview(bool on);
    /** Keeps the solved pose and writes it into the registry file. */
    Q_INVOKABLE bool save();

    CameraPose solvedPose() const { return m_solvedPose; }

signals:
    void changed();
    void message(const QString &text);
    void solveFinished(bool ok);

private:
    void applyResult(const calibration::CalibrationResult &r, int pairCount);
    struct Pair
    {
        QPointF pixel;
        Vec3d scene;
        bool hasScene = false;
        double errorPx = -1;
    };
    CameraLayer *m_cameras;
    CameraController *m_view;
    QString m_cameraId;
    QSize m_image;
    CameraPose m_original;
    CameraPose m_solvedPose;
    QVector<Pair> m_pairs;
    bool m_waitingScene = false;
    bool m_solved = false;
    bool m_solving = false;
    quint64 m_generation = 0;
    bool m_previewing = false;
    double m_rms = 0;
    QString m_result;
};

} // namespace liyuan
