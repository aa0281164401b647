// Navigation: pan keeps the grabbed point under the cursor, orbit pivots about the picked
// point, zoom moves toward the cursor and never through the surface, Home frames the data,
// fly-to animates to the target.
#include <liyuan/scene/quick/CameraController.h>

#include <QSignalSpy>
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
    // wall: a sub-view (NDC rectangle of the full view) sees exactly the full view's pixels
    void subViewPixelsMatchFullView_data()
    {
        QTest::addColumn<double>("left");
        QTest::addColumn<double>("right");
        QTest::addColumn<double>("bottom");
        QTest::addColumn<double>("top");
        QTest::addColumn<QPointF>("pixel"); // in the sub-view
        // full view 1000×600: quadrants are 500×300, NDC x −1..0 is full-view pixels 0..500
        QTest::newRow("top-left quadrant") << -1.0 << 0.0 << 0.0 << 1.0 << QPointF(10, 20);
        QTest::newRow("top-right quadrant") << 0.0 << 1.0 << 0.0 << 1.0 << QPointF(499, 0);
        QTest::newRow("bottom-right quadrant") << 0.0 << 1.0 << -1.0 << 0.0 << QPointF(250.5, 299);
        QTest::newRow("off-centre band") << -0.3 << 0.7 << -0.9 << 0.2 << QPointF(123.25, 45.75);
        QTest::newRow("whole view") << -1.0 << 1.0 << -1.0 << 1.0 << QPointF(999, 599);
    }
    void subViewPixelsMatchFullView()
    {
        QFETCH(double, left);
        QFETCH(double, right);
        QFETCH(double, bottom);
        QFETCH(double, top);
        QFETCH(QPointF, pixel);
        const int fullW = 1000, fullH = 600;
        QObject owner;
        CameraController *full = makeCamera(&owner);
        full->setViewportSize(fullW, fullH);
        CameraController *sub = makeCamera(&owner);
        const int w = int(std::lround((right - left) / 2 * fullW)), h = int(std::lround((top - bottom) / 2 * fullH));
        sub->setViewportSize(w, h);
        QSignalSpy offAxisSpy(sub, &CameraController::subViewChanged);
        QVERIFY(sub->setSubView(left, right, bottom, top, double(fullW) / fullH));
        QVERIFY(sub->offAxis());
        QCOMPARE(offAxisSpy.count(), 1);
        const ViewState vs = sub->viewState();
        QCOMPARE(vs.isSubView(), !(left == -1 && right == 1 && bottom == -1 && top == 1));
        // the full-view pixel under the sub-view's pixel
        const QPointF fullPixel(pixel.x() + (left + 1) / 2 * fullW, pixel.y() + (1 - top) / 2 * fullH);
        Vec3d o1, d1, o2, d2;
        vs.rayThrough(pixel.x(), pixel.y(), &o1, &d1);
        full->viewState().rayThrough(fullPixel.x(), fullPixel.y(), &o2, &d2);
        QVERIFY2((d1 - d2).length() < 1e-9, "the sub-view's ray differs from the full view's");
        // project inverts it in the sub-view's pixels
        double x = 0, y = 0;
        QVERIFY(vs.project(o1 + d1 * 321.0, &x, &y));
        // (a controller's forward/up come from a float quaternion: orthogonal to ~1e-7)
        QVERIFY2(std::abs(x - pixel.x()) < 1e-3 && std::abs(y - pixel.y()) < 1e-3,
                 qPrintable(QStringLiteral("%1 %2").arg(x).arg(y)));
        // picking through the sub-view's pixel finds the full view's point
        bool ok1 = false, ok2 = false;
        const QVector3D p1 = sub->pickPoint(pixel.x(), pixel.y(), &ok1);
        const QVector3D p2 = full->pickPoint(fullPixel.x(), fullPixel.y(), &ok2);
        QCOMPARE(ok1, ok2);
        if (ok1)
            QVERIFY2((p1 - p2).length() < 1e-3f * std::max(1.f, p2.length()), "picking differs in the sub-view");
        // the CustomCamera projection agrees with ViewState::project: eye space x right, y up, −z forward
        const Vec3d world = o1 + d1 * 500.0;
        const Vec3d rel = world - vs.eye;
        const QVector4D clip = sub->projection() * QVector4D(float(rel.dot(vs.right())), float(rel.dot(vs.up)),
                                                             float(-rel.dot(vs.forward)), 1.f);
        const double nx = clip.x() / clip.w(), ny = clip.y() / clip.w(), nz = clip.z() / clip.w();
        QVERIFY2(std::abs((nx + 1) / 2 * w - 0.5 - pixel.x()) < 1e-2 && std::abs((1 - ny) / 2 * h - 0.5 - pixel.y()) < 1e-2,
                 qPrintable(QStringLiteral("projection() puts it at %1 %2").arg((nx + 1) / 2 * w - 0.5).arg((1 - ny) / 2 * h - 0.5)));
        QVERIFY(nz > -1 && nz < 1);
        sub->clearSubView();
        QVERIFY(!sub->offAxis());
        QVERIFY(!sub->viewState().isSubView());
        QCOMPARE(offAxisSpy.count(), 2);
    }

    void subViewRejectsEmptyRectangles_data()
    {
        QTest::addColumn<double>("left");
        QTest::addColumn<double>("right");
        QTest::addColumn<double>("bottom");
        QTest::addColumn<double>("top");
        QTest::addColumn<double>("aspect");
        QTest::newRow("zero width") << 0.2 << 0.2 << -1.0 << 1.0 << 1.5;
        QTest::newRow("inverted") << 0.5 << -0.5 << -1.0 << 1.0 << 1.5;
        QTest::newRow("zero height") << -1.0 << 1.0 << 0.0 << 0.0 << 1.5;
        QTest::newRow("no aspect") << -1.0 << 1.0 << -1.0 << 1.0 << 0.0;
        QTest::newRow("negative aspect") << -1.0 << 1.0 << -1.0 << 1.0 << -2.0;
        QTest::newRow("nan") << qQNaN() << 1.0 << -1.0 << 1.0 << 1.0;
        QTest::newRow("infinite aspect") << -1.0 << 1.0 << -1.0 << 1.0 << qInf();
    }
    void subViewRejectsEmptyRectangles()
    {
        QFETCH(double, left);
        QFETCH(double, right);
        QFETCH(double, bottom);
        QFETCH(double, top);
        QFETCH(double, aspect);
        CameraController c;
        QVERIFY(!c.setSubView(left, right, bottom, top, aspect));
        QVERIFY(!c.offAxis());
    }

    void symmetricProjectionMatchesPerspective()
    {
        // without a sub-view, projection() is the ordinary perspective of the viewport
        CameraController c;
        c.setViewportSize(800, 400);
        const float f = 1.f / std::tan(c.fieldOfView() * float(M_PI) / 360.f);
        const QMatrix4x4 p = c.projection();
        QVERIFY(std::abs(p(0, 0) - f / 2.f) < 1e-5f);
        QVERIFY(std::abs(p(1, 1) - f) < 1e-5f);
        QCOMPARE(p(0, 2), 0.f);
        QCOMPARE(p(1, 2), 0.f);
        QCOMPARE(p(3, 2), -1.f);
    }
};

QTEST_GUILESS_MAIN(tst_CameraController)
#include "tst_cameracontroller.moc"
