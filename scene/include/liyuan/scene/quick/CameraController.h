#pragma once
#include <liyuan/scene/ViewState.h>

#include <QMatrix4x4>
#include <QObject>
#include <QQuaternion>
#include <QVector3D>

#include <functional>

class QVariantAnimation;

namespace liyuan {

/**
 * The viewer's camera in the scene's local frame (Z up, metres, double precision) and the
 * navigation a GIS user expects: orbit and tilt about a picked point, pan that keeps the
 * grabbed point under the cursor, zoom toward the cursor, keyboard moves, Home, and
 * smooth animated fly-to. Orientation follows OpenSceneGraph's camera convention
 * (identity looks down −Z with +Y up), so AnimationPath poses apply directly.
 * QML binds a PerspectiveCamera (inside a Node rotated −90° about X) to position/rotation.
 * Sub-view (wall screens, still tiles): setSubView() makes the view show only an NDC
 * rectangle of the symmetric full view; QML then uses a CustomCamera with `projection` while
 * `offAxis` is true, and viewState() (selection, culling, picking) honours it.
 * GUI thread only.
 */
class CameraController : public QObject
{
    Q_OBJECT
    Q_PROPERTY(QVector3D position READ position NOTIFY poseChanged)
    Q_PROPERTY(QQuaternion rotation READ rotation NOTIFY poseChanged)
    Q_PROPERTY(float fieldOfView READ fieldOfView WRITE setFieldOfView NOTIFY fieldOfViewChanged)
    Q_PROPERTY(float clipNear READ clipNear NOTIFY poseChanged)
    Q_PROPERTY(float clipFar READ clipFar NOTIFY poseChanged)
    Q_PROPERTY(double heading READ heading NOTIFY poseChanged)
    Q_PROPERTY(double pitch READ pitch NOTIFY poseChanged)
    Q_PROPERTY(bool flying READ flying NOTIFY flyingChanged)
    // wall: sub-view (asymmetric frustum)
    Q_PROPERTY(bool offAxis READ offAxis NOTIFY subViewChanged)
    Q_PROPERTY(QMatrix4x4 projection READ projection NOTIFY projectionChanged)
public:
    /** Finds the surface point under a ray; returns false when nothing is hit. */
    using PickFunction = std::function<bool(const Vec3d &origin, const Vec3d &dir, Vec3d *hit)>;

    explicit CameraController(QObject *parent = nullptr);

    QVector3D position() const;
    QQuaternion rotation() const { return m_rotation; }
    Vec3d eye() const { return m_eye; }
    float fieldOfView() const { return m_fov; }
    void setFieldOfView(float fov);
    float clipNear() const { return m_near; }
    float clipFar() const { return m_far; }
    /** Compass heading of the view direction, degrees clockwise from north. */
    double heading() const;
    /** Pitch of the view direction, degrees (negative looks down). */
    double pitch() const;
    bool flying() const;

    void setViewportSize(int width, int height);
    /** The camera as the tile selector sees it. */
    ViewState viewState() const;

    /** Sets the pose directly (stops any flight). */
    void setPose(const Vec3d &eye, const QQuaternion &rotation);
    /** Pose from heading/pitch (degrees) at eye. */
    void setPose(const Vec3d &eye, double headingDeg, double pitchDeg);
    /**
     * Pose that frames a box: looking at 45° down across its longer horizontal side, at the
     * distance where every corner is inside the view.
     */
    void lookAtBox(const Vec3d &min, const Vec3d &max, bool animate);
    /** Animates to a pose over durationMs (smooth in/out, arcs up when far). */
    void flyTo(const Vec3d &eye, const QQuaternion &rotation, int durationMs = 1200);
    /** The box Home frames; set when the data's bounds are known. */
    void setHomeBox(const Vec3d &min, const Vec3d &max);
    bool hasHome() const { return m_homeRadius > 0; }
    /** Whether the user moved the camera since start (then Home is not applied automatically). */
    bool userMoved() const { return m_userMoved; }

    void setPickFunction(PickFunction pick) { m_pick = std::move(pick); }

    // --- wall: sub-view ---
    /**
     * Shows only the NDC rectangle [left, right] × [bottom, top] (full view NDC, −1..1, y up) of
     * the symmetric full view with vertical field of view fieldOfView() and aspect fullAspect
     * (width/height). The viewport size (setViewportSize) is this sub-view's pixel size.
     * False (and nothing changes) for an empty rectangle or a non-positive aspect.
     */
    bool setSubView(double left, double right, double bottom, double top, double fullAspect);
    /** Back to the ordinary symmetric view. */
    void clearSubView();
    /** True while a sub-view is set. */
    bool offAxis() const { return m_offAxis; }
    /** NDC rectangle of the sub-view (left, right, bottom, top); ±1 without one. */
    double subLeft() const { return m_subLeft; }
    double subRight() const { return m_subRight; }
    double subBottom() const { return m_subBottom; }
    double subTop() const { return m_subTop; }
    /** The full view's aspect with a sub-view; 0 without one. */
    double subFullAspect() const { return m_subAspect; }
    /**
     * OpenGL-style projection (camera looks down −Z, y up, NDC z −1..1) of the current view:
     * the sub-view's asymmetric frustum when offAxis, else the symmetric one of the viewport.
     * For Qt Quick 3D's CustomCamera.projection.
     */
    QMatrix4x4 projection() const;
    /** The same projection for any NDC sub-rectangle of a full view of aspect fullAspect (this camera's
     *  field of view and clip planes): the compare view's swipe half uses it. */
    Q_INVOKABLE QMatrix4x4 projectionFor(double left, double right, double bottom, double top, double fullAspect) const;

    // --- navigation, in window pixels (QML calls these) ---
    Q_INVOKABLE void home();
    /** Starts a drag at a pixel: picks the grabbed point. */
    Q_INVOKABLE void beginDrag(double x, double y);
    /** Pan so the grabbed point stays under the cursor. */
    Q_INVOKABLE void panTo(double x, double y);
    /** Orbit about the grabbed point: dx → heading, dy → tilt (pixels moved). */
    Q_INVOKABLE void orbitBy(double dx, double dy);
    /** Tilt only, about the grabbed point. */
    Q_INVOKABLE void tiltBy(double dy);
    /** Zoom toward the point under the cursor; steps > 0 zoom in (one wheel notch = 1). */
    Q_INVOKABLE void zoomAt(double x, double y, double steps);
    /** Keyboard move in the view's horizontal frame; units are fractions of the height above ground. */
    Q_INVOKABLE void moveBy(double right, double forward, double up);
    /** Turn in place (degrees). */
    Q_INVOKABLE void turnBy(double headingDeg, double pitchDeg);
    /** Flies to look at a point from the current direction at a distance. */
    Q_INVOKABLE void flyToPoint(const QVector3D &target, double distance);
    /** The scene point under a pixel (picked, or on the ground plane); valid=false if none. */
    Q_INVOKABLE QVector3D pickPoint(double x, double y, bool *valid = nullptr) const;

signals:
    void poseChanged();
    void fieldOfViewChanged();
    void flyingChanged();
    void subViewChanged();    ///< wall: offAxis or the sub-rectangle changed
    void projectionChanged(); ///< wall: projection() changed (pose, clip planes, field of view, sub-view)

private:
    void applyPose(const Vec3d &eye, const QQuaternion &rotation, bool user);
    void updateClipPlanes();
    Vec3d pickOrGround(double x, double y, double groundZ, bool *ok) const;
    Vec3d forward() const;
    Vec3d up() const;

    Vec3d m_eye{0, -500, 500};
    QQuaternion m_rotation;
    float m_fov = 45.f;
    float m_near = 0.5f;
    float m_far = 100000.f;
    int m_width = 1280;
    int m_height = 720;
    Vec3d m_homeMin, m_homeMax;
    Vec3d m_homeCenter;
    double m_homeRadius = 0;
    bool m_userMoved = false;
    PickFunction m_pick;
    // drag state
    Vec3d m_grab;
    bool m_grabValid = false;
    // flight
    QVariantAnimation *m_flight = nullptr;
    Vec3d m_flyFromEye, m_flyToEye;
    QQuaternion m_flyFromRot, m_flyToRot;
    double m_flyArc = 0;
    // wall: sub-view
    bool m_offAxis = false;
    double m_subLeft = -1, m_subRight = 1, m_subBottom = -1, m_subTop = 1;
    double m_subAspect = 0;
};

} // namespace liyuan
