// Navigation: pan keeps the grabbed point under the cursor, orbit pivots about the picked
// point, zoom moves toward the cursor and never through the surface, Home frames the data,
// fly-to animates to the target.
#include <liyuan/scene/quick/CameraController.h>

#include <QtTest>

#include <cmath>

using namespace liyuan;

namespace {

/** The ground is the plane z = 0. */
bool groundPick(const Vec3d &o, const Vec3d &d, Vec3d *hit)
{
    if (d.z >= -1e-9)
        return false;
    *hit = o + d * (-o.z / d.z);
    return true;
}

/** Pixel of a world point in the camera's view (x right, y down). */
QPointF project(const CameraController &c, const Vec3d &p)
{
    const ViewState v = c.viewState();
    const Vec3d rel = p - v.eye;
    const double z = rel.dot(v.forward);
    const double tanY = std::tan(v.fovYDegrees * M_PI / 360.0);
    const double tanX = tanY * v.aspect();
    const double nx = rel.dot(v.right()) / (z * tanX);
    const double ny = rel.dot(v.up) / (z * tanY);
    return QPointF((nx + 1) * 0.5 * v.viewportWidth - 0.5, (1 - ny) * 0.5 * v.viewportHeight - 0.5);
}

CameraController *makeCamera(QObject *parent)
{
    auto *c = new CameraController(parent);
    c->setViewportSize(1000, 600);
    c->setPickFunction(groundPick);
    c->setPose(Vec3d(0, -300, 300), 0.0, -45.0);
    return c;
}

} // namespace

class tst_CameraController : public QObject
{
    Q_OBJECT
private slots:
    void headingPitchRoundTrip_data()
    {
        QTest::addColumn<double>("heading");
        QTest::addColumn<double>("pitch");
        QTest::newRow("north, 45 down") << 0.0 << -45.0;
        QTest::newRow("east, 30 down") << 90.0 << -30.0;
        QTest::newRow("south-west, steep") << 225.0 << -80.0;
    }
    void headingPitchRoundTrip()
    {
        QFETCH(double, heading);
        QFETCH(double, pitch);
        CameraController c;
        c.setPose(Vec3d(1, 2, 3), heading, pitch);
        QVERIFY(std::abs(c.heading() - heading) < 1e-3);
        QVERIFY(std::abs(c.pitch() - pitch) < 1e-3);
    }

    void projectInvertsRayThrough_data()
    {
        QTest::addColumn<QPointF>("pixel");
        QTest::addColumn<double>("distance");
        QTest::newRow("centre") << QPointF(499.5, 299.5) << 50.0;
        QTest::newRow("top left") << QPointF(0, 0) << 10.0;
        QTest::newRow("bottom right") << QPointF(999, 599) << 3000.0;
        QTest::newRow("off centre") << QPointF(123.25, 456.75) << 777.0;
    }
    void projectInvertsRayThrough()
    {
        QFETCH(QPointF, pixel);
        QFETCH(double, distance);
        ViewState v;
        v.eye = Vec3d(100, -50, 80);
        v.forward = Vec3d(0.3, 0.8, -0.5).normalized();
        v.up = v.forward.cross(Vec3d(0, 0, 1)).cross(v.forward).normalized();
        v.viewportWidth = 1000;
        v.viewportHeight = 600;
        v.fovYDegrees = 40;
        Vec3d o, d;
        v.rayThrough(pixel.x(), pixel.y(), &o, &d);
        double x = -1, y = -1;
        QVERIFY(v.project(o + d * distance, &x, &y));
        QVERIFY2(std::abs(x - pixel.x()) < 1e-6 && std::abs(y - pixel.y()) < 1e-6, qPrintable(QStringLiteral("%1 %2").arg(x).arg(y)));
        QVERIFY(!v.project(o - d * distance, &x, &y)); // behind the eye
        QVERIFY(!v.project(v.eye, &x, &y));
    }

    void osgConventionIdentityLooksDown()
    {
        CameraController c;
        c.setPose(Vec3d(0, 0, 100), QQuaternion());
        const ViewState v = c.viewState();
        QVERIFY(std::abs(v.forward.z + 1) < 1e-6); // −Z
        QVERIFY(std::abs(v.up.y - 1) < 1e-6);      // +Y up
    }

    void panKeepsGrabbedPointUnderCursor()
    {
        QObject owner;
        CameraController *c = makeCamera(&owner);
        bool ok = false;
        const QVector3D grabbed = c->pickPoint(500, 300, &ok);
        QVERIFY(ok);
        c->beginDrag(500, 300);
        c->panTo(620, 380);
        const QPointF p = project(*c, Vec3d(grabbed.x(), grabbed.y(), grabbed.z()));
        QVERIFY2(std::abs(p.x() - 620) < 0.5 && std::abs(p.y() - 380) < 0.5,
                 qPrintable(QStringLiteral("%1,%2").arg(p.x()).arg(p.y())));
        QVERIFY(std::abs(c->eye().z - 300) < 1e-6); // panning does not change height
        QVERIFY(c->userMoved());
    }

    void orbitPivotsAboutThePickedPoint()
    {
        QObject owner;
        CameraController *c = makeCamera(&owner);
        bool ok = false;
        const QVector3D pivot = c->pickPoint(700, 200, &ok);
        QVERIFY(ok);
        c->beginDrag(700, 200);
        const double headingBefore = c->heading();
        const double pitchBefore = c->pitch();
        c->orbitBy(100, -40);
        const QPointF p = project(*c, Vec3d(pivot.x(), pivot.y(), pivot.z()));
        QVERIFY2(std::abs(p.x() - 700) < 1.0 && std::abs(p.y() - 200) < 1.0,
                 qPrintable(QStringLiteral("%1,%2").arg(p.x()).arg(p.y())));
        QVERIFY(std::abs(c->heading() - headingBefore) > 10);
        QVERIFY(std::abs(c->pitch() - pitchBefore) > 5);
        // tilt never goes past straight down or above the horizon
        c->orbitBy(0, -100000);
        QVERIFY(c->pitch() >= -89.6);
        c->orbitBy(0, 100000);
        QVERIFY(c->pitch() <= -0.9);
    }

    void zoomTowardTheCursor()
    {
        QObject owner;
        CameraController *c = makeCamera(&owner);
        bool ok = false;
        const QVector3D target = c->pickPoint(200, 450, &ok);
        QVERIFY(ok);
        const Vec3d t(target.x(), target.y(), target.z());
        const double before = (t - c->eye()).length();
        c->zoomAt(200, 450, 3);
        const double after = (t - c->eye()).length();
        QVERIFY(after < before * 0.6);
        const QPointF p = project(*c, t);
        QVERIFY2(std::abs(p.x() - 200) < 0.5 && std::abs(p.y() - 450) < 0.5, "the point under the cursor stays there");
        // zooming in a lot never passes through the surface
        c->zoomAt(200, 450, 200);
        QVERIFY(c->eye().z > 0);
        c->zoomAt(200, 450, -2);
        QVERIFY((t - c->eye()).length() > 1.0);
    }

    void homeFramesTheBox()
    {
        QObject owner;
        CameraController *c = makeCamera(&owner);
        const Vec3d mn(-200, 1000, 0), mx(300, 1100, 80);
        c->setHomeBox(mn, mx);
        c->lookAtBox(mn, mx, false);
        for (int i = 0; i < 8; ++i) {
            const Vec3d corner((i & 1) ? mx.x : mn.x, (i & 2) ? mx.y : mn.y, (i & 4) ? mx.z : mn.z);
            const QPointF p = project(*c, corner);
            QVERIFY2(p.x() >= -1 && p.x() <= 1001 && p.y() >= -1 && p.y() <= 601,
                     qPrintable(QStringLiteral("corner %1 at %2,%3").arg(i).arg(p.x()).arg(p.y())));
        }
        QVERIFY(std::abs(c->pitch() + 45) < 1e-3);
        QVERIFY(c->clipNear() > 0 && c->clipFar() > 1000);
    }

    void flyToAnimatesToTheTarget()
    {
        QObject owner;
        CameraController *c = makeCamera(&owner);
        QSignalSpy poses(c, &CameraController::poseChanged);
        const Vec3d target(500, 500, 120);
        c->flyTo(target, QQuaternion::fromAxisAndAngle(1, 0, 0, 60), 300);
        QVERIFY(c->flying());
        QTRY_VERIFY_WITH_TIMEOUT(!c->flying(), 3000);
        QVERIFY(poses.count() > 3); // in steps, not a jump
        QVERIFY((c->eye() - target).length() < 1e-6);
    }

    void keyboardMovesHorizontally()
    {
        QObject owner;
        CameraController *c = makeCamera(&owner);
        const Vec3d before = c->eye();
        c->moveBy(0, 1, 0); // forward: north, same height
        QVERIFY(c->eye().y > before.y + 1);
        QVERIFY(std::abs(c->eye().z - before.z) < 1e-9);
        c->moveBy(0, 0, 1);
        QVERIFY(c->eye().z > before.z);
    }
};

QTEST_GUILESS_MAIN(tst_CameraController)
#include "tst_cameracontroller.moc"
