// The shared pinhole convention (geodata/CameraPose.h): axes, NDC vs the view-projection
// matrix, pixel <-> ray, roll, and the frustum test at its edges.
#include <liyuan/geodata/CameraPose.h>

#include <QtTest>

#include <cmath>

using namespace liyuan;

Q_DECLARE_METATYPE(liyuan::Vec3d)

namespace {

bool near3(const Vec3d &a, const Vec3d &b, double eps = 1e-9)
{
    return (a - b).length() < eps;
}

QString str(const Vec3d &v)
{
    return QStringLiteral("(%1, %2, %3)").arg(v.x, 0, 'g', 12).arg(v.y, 0, 'g', 12).arg(v.z, 0, 'g', 12);
}

} // namespace

class TstCameraPose : public QObject
{
    Q_OBJECT
private slots:
    void axes_data()
    {
        QTest::addColumn<double>("heading");
        QTest::addColumn<double>("pitch");
        QTest::addColumn<double>("roll");
        QTest::addColumn<Vec3d>("forward");
        QTest::addColumn<Vec3d>("right");
        QTest::addColumn<Vec3d>("up");
        QTest::newRow("north") << 0.0 << 0.0 << 0.0 << Vec3d(0, 1, 0) << Vec3d(1, 0, 0) << Vec3d(0, 0, 1);
        QTest::newRow("east") << 90.0 << 0.0 << 0.0 << Vec3d(1, 0, 0) << Vec3d(0, -1, 0) << Vec3d(0, 0, 1);
        QTest::newRow("south") << 180.0 << 0.0 << 0.0 << Vec3d(0, -1, 0) << Vec3d(-1, 0, 0) << Vec3d(0, 0, 1);
        QTest::newRow("west") << 270.0 << 0.0 << 0.0 << Vec3d(-1, 0, 0) << Vec3d(0, 1, 0) << Vec3d(0, 0, 1);
        QTest::newRow("north, looking down 90") << 0.0 << -90.0 << 0.0 << Vec3d(0, 0, -1) << Vec3d(1, 0, 0) << Vec3d(0, 1, 0);
        QTest::newRow("north, up 45") << 0.0 << 45.0 << 0.0 << Vec3d(0, std::sqrt(0.5), std::sqrt(0.5)) << Vec3d(1, 0, 0)
                                      << Vec3d(0, -std::sqrt(0.5), std::sqrt(0.5));
        // roll 90: the camera's up turns towards its (former) right
        QTest::newRow("north, roll 90") << 0.0 << 0.0 << 90.0 << Vec3d(0, 1, 0) << Vec3d(0, 0, -1) << Vec3d(1, 0, 0);
        QTest::newRow("east, roll -30") << 90.0 << 0.0 << -30.0 << Vec3d(1, 0, 0) << Vec3d(0, -std::cos(M_PI / 6), std::sin(M_PI / 6))
                                        << Vec3d(0, std::sin(M_PI / 6), std::cos(M_PI / 6));
    }
    void axes()
    {
        QFETCH(double, heading);
        QFETCH(double, pitch);
        QFETCH(double, roll);
        QFETCH(Vec3d, forward);
        QFETCH(Vec3d, right);
        QFETCH(Vec3d, up);
        CameraPose p;
        p.heading = heading;
        p.pitch = pitch;
        p.roll = roll;
        QVERIFY2(near3(p.forward(), forward), qPrintable(str(p.forward())));
        QVERIFY2(near3(p.right(), right), qPrintable(str(p.right())));
        QVERIFY2(near3(p.up(), up), qPrintable(str(p.up())));
        // orthonormal, right-handed (right x up = -forward: camera looks along -z in eye space)
        QCOMPARE_LT(std::abs(p.forward().dot(p.right())), 1e-12);
        QCOMPARE_LT(std::abs(p.forward().dot(p.up())), 1e-12);
        QVERIFY(near3(p.right().cross(p.forward()), p.up()));
    }

    void ndcMatchesViewProjection_data()
    {
        QTest::addColumn<double>("heading");
        QTest::addColumn<double>("pitch");
        QTest::addColumn<double>("roll");
        QTest::addColumn<double>("hfov");
        QTest::addColumn<double>("aspect");
        QTest::newRow("level 60") << 30.0 << 0.0 << 0.0 << 60.0 << 16.0 / 9.0;
        QTest::newRow("down, rolled") << 200.0 << -35.0 << 12.0 << 45.0 << 4.0 / 3.0;
        QTest::newRow("wide") << 355.0 << 10.0 << -5.0 << 120.0 << 2.0;
        QTest::newRow("narrow tele") << 90.0 << -5.0 << 0.0 << 4.0 << 1.0;
    }
    void ndcMatchesViewProjection()
    {
        QFETCH(double, heading);
        QFETCH(double, pitch);
        QFETCH(double, roll);
        QFETCH(double, hfov);
        QFETCH(double, aspect);
        CameraPose p;
        p.position = Vec3d(500123.25, 3300456.5, 42.0);
        p.heading = heading;
        p.pitch = pitch;
        p.roll = roll;
        p.hfov = hfov;
        p.aspect = aspect;
        p.nearM = 0.5;
        p.farM = 500;
        const Vec3d origin(500000, 3300000, 0);
        double m[16];
        p.viewProjection(m, origin);
        int inside = 0;
        for (double u : {0.05, 0.3, 0.5, 0.77, 0.95})
            for (double v : {0.1, 0.5, 0.9})
                for (double depth : {1.0, 20.0, 300.0}) {
                    const Vec3d dir = p.rayThroughPixel(u * 1920, v * 1080, 1920, 1080);
                    const Vec3d q = p.position + dir * depth;
                    double nx, ny, z;
                    QVERIFY(p.toNdc(q, &nx, &ny, &z));
                    const Vec3d r = q - origin;
                    const double cx = m[0] * r.x + m[4] * r.y + m[8] * r.z + m[12];
                    const double cy = m[1] * r.x + m[5] * r.y + m[9] * r.z + m[13];
                    const double cz = m[2] * r.x + m[6] * r.y + m[10] * r.z + m[14];
                    const double cw = m[3] * r.x + m[7] * r.y + m[11] * r.z + m[15];
                    QVERIFY(cw > 0);
                    QVERIFY2(std::abs(cx / cw - nx) < 1e-7 && std::abs(cy / cw - ny) < 1e-7,
                             qPrintable(QStringLiteral("matrix %1,%2 vs toNdc %3,%4").arg(cx / cw).arg(cy / cw).arg(nx).arg(ny)));
                    QCOMPARE_LE(std::abs(cz / cw), 1.0 + 1e-9); // between near and far
                    QVERIFY(std::abs(cw - z) < 1e-7 * std::max(1.0, z)); // w is the depth
                    ++inside;
                }
        QCOMPARE(inside, 45);
        // the near and far planes map to -1 and +1
        const Vec3d nearPt = p.position + p.forward() * p.nearM - origin, farPt = p.position + p.forward() * p.farM - origin;
        for (const auto &[pt, want] : {std::pair<Vec3d, double>{nearPt, -1.0}, {farPt, 1.0}}) {
            const double cz = m[2] * pt.x + m[6] * pt.y + m[10] * pt.z + m[14];
            const double cw = m[3] * pt.x + m[7] * pt.y + m[11] * pt.z + m[15];
            QVERIFY(std::abs(cz / cw - want) < 1e-6);
        }
    }

    void pixelRayRoundTrip_data()
    {
        QTest::addColumn<double>("roll");
        QTest::addColumn<double>("u");
        QTest::addColumn<double>("v");
        QTest::newRow("centre") << 0.0 << 640.0 << 360.0;
        QTest::newRow("top-left pixel") << 0.0 << 0.5 << 0.5;
        QTest::newRow("bottom-right") << 0.0 << 1279.5 << 719.5;
        QTest::newRow("rolled off-centre") << 25.0 << 100.0 << 600.0;
        QTest::newRow("rolled negative") << -70.0 << 1000.0 << 50.0;
    }
    void pixelRayRoundTrip()
    {
        QFETCH(double, roll);
        QFETCH(double, u);
        QFETCH(double, v);
        CameraPose p;
        p.position = Vec3d(10, -20, 30);
        p.heading = 123;
        p.pitch = -25;
        p.roll = roll;
        p.hfov = 70;
        p.aspect = 1280.0 / 720.0;
        const Vec3d dir = p.rayThroughPixel(u, v, 1280, 720);
        QVERIFY(std::abs(dir.length() - 1.0) < 1e-12);
        double uu, vv;
        QVERIFY(p.toPixel(p.position + dir * 37.0, 1280, 720, &uu, &vv));
        QVERIFY2(std::abs(uu - u) < 1e-6 && std::abs(vv - v) < 1e-6, qPrintable(QStringLiteral("%1,%2").arg(uu).arg(vv)));
        // the image's top edge is up: a point straight above the centre ray has v < centre (roll 0)
        if (roll == 0.0) {
            double cu, cv;
            QVERIFY(p.toPixel(p.position + p.forward() * 10 + p.up() * 1, 1280, 720, &cu, &cv));
            QCOMPARE_LT(cv, 360.0);
            QVERIFY(p.toPixel(p.position + p.forward() * 10 + p.right() * 1, 1280, 720, &cu, &cv));
            QCOMPARE_GT(cu, 640.0);
        }
    }

    void rollTurnsTheImage()
    {
        // a point to the camera's world-right (east of a north-looking camera): with roll 90
        // the image up is world-east, so the point appears at the top of the picture
        CameraPose p;
        p.heading = 0;
        p.roll = 90;
        p.hfov = 90;
        p.aspect = 1;
        double u, v;
        QVERIFY(p.toPixel(Vec3d(5, 10, 0), 100, 100, &u, &v));
        QVERIFY2(std::abs(u - 50) < 1e-9 && v < 50, qPrintable(QStringLiteral("%1,%2").arg(u).arg(v)));
        // and a point above appears on the left
        QVERIFY(p.toPixel(Vec3d(0, 10, 5), 100, 100, &u, &v));
        QVERIFY2(u < 50 && std::abs(v - 50) < 1e-9, qPrintable(QStringLiteral("%1,%2").arg(u).arg(v)));
    }

    void containsAtEdges_data()
    {
        QTest::addColumn<Vec3d>("point");
        QTest::addColumn<bool>("inside");
        // camera at origin looking north, hfov 90, aspect 2 (vfov 2*atan(0.5)), near 1, far 100
        QTest::newRow("on axis") << Vec3d(0, 50, 0) << true;
        QTest::newRow("right edge, just inside") << Vec3d(49.999, 50, 0) << true;
        QTest::newRow("right edge, just outside") << Vec3d(50.001, 50, 0) << false;
        QTest::newRow("left edge, just inside") << Vec3d(-49.999, 50, 0) << true;
        QTest::newRow("top edge, just inside") << Vec3d(0, 50, 24.999) << true;
        QTest::newRow("top edge, just outside") << Vec3d(0, 50, 25.001) << false;
        QTest::newRow("corner inside") << Vec3d(49.9, 50, -24.9) << true;
        QTest::newRow("at near") << Vec3d(0, 1.0, 0) << true;
        QTest::newRow("before near") << Vec3d(0, 0.999, 0) << false;
        QTest::newRow("at far") << Vec3d(0, 100.0, 0) << true;
        QTest::newRow("beyond far") << Vec3d(0, 100.001, 0) << false;
        QTest::newRow("behind") << Vec3d(0, -50, 0) << false;
        QTest::newRow("at the camera") << Vec3d(0, 0, 0) << false;
    }
    void containsAtEdges()
    {
        QFETCH(Vec3d, point);
        QFETCH(bool, inside);
        CameraPose p;
        p.hfov = 90;
        p.aspect = 2;
        p.nearM = 1;
        p.farM = 100;
        QCOMPARE(p.contains(point), inside);
    }

    void offAxisAndVfov()
    {
        CameraPose p;
        p.hfov = 90;
        p.aspect = 1;
        QVERIFY(std::abs(p.vfov() - 90) < 1e-9);
        QVERIFY(std::abs(p.offAxisDegrees(Vec3d(1, 1, 0)) - 45) < 1e-9);
        QVERIFY(std::abs(p.offAxisDegrees(Vec3d(0, -1, 0)) - 180) < 1e-9);
    }
};

QTEST_APPLESS_MAIN(TstCameraPose)
#include "tst_camerapose.moc"
