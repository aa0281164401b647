// CameraCalibration: synthetic correspondences from known poses recover the pose and FOV;
// degenerate and hostile pairs give clear errors, never a crash.
#include <liyuan/calibration/CameraCalibration.h>

#include <QtTest>

#include <cmath>
#include <limits>
#include <random>

using namespace liyuan;
using namespace liyuan::calibration;

Q_DECLARE_METATYPE(liyuan::CameraPose)

namespace {

double angleDiff(double a, double b)
{
    double d = std::fmod(a - b + 540.0, 360.0) - 180.0;
    return std::abs(d);
}

/** n pairs seen by `pose` in a w x h image at depths 10..90 m, pixels moved by Gaussian noise of
 *  noisePx RMS displacement (noisePx / sqrt(2) per axis). */
QVector<PointPair> synthetic(const CameraPose &pose, int w, int h, int n, double noisePx, unsigned seed, bool ground = false)
{
    std::mt19937 rng(seed);
    std::uniform_real_distribution<double> U(0.03, 0.97), D(10.0, 90.0);
    std::normal_distribution<double> N(0.0, 1.0 / std::sqrt(2.0));
    QVector<PointPair> out;
    while (out.size() < n) {
        const double u = U(rng) * w, v = U(rng) * h;
        const Vec3d ray = pose.rayThroughPixel(u, v, w, h);
        double along = D(rng);
        if (ground) { // points picked on the street: where the ray meets z = 0
            if (ray.z > -1e-3)
                continue;
            along = -pose.position.z / ray.z;
            if (along > 150)
                continue;
        }
        const Vec3d p = pose.position + ray * along;
        double pu, pv;
        if (!pose.toPixel(p, w, h, &pu, &pv))
            continue;
        PointPair pp;
        pp.scene = p;
        pp.pixel = QPointF(std::clamp(pu + noisePx * N(rng), 0.0, double(w)), std::clamp(pv + noisePx * N(rng), 0.0, double(h)));
        out << pp;
    }
    return out;
}

CameraPose makePose(double heading, double pitch, double roll, double hfov, int w, int h)
{
    CameraPose p;
    p.position = Vec3d(528630.0 - 528000.0 + 123.4, 250.7, 18.5); // far from the origin: centring matters
    p.heading = heading;
    p.pitch = pitch;
    p.roll = roll;
    p.hfov = hfov;
    p.aspect = double(w) / h;
    return p;
}

} // namespace

class TestCameraCalibration : public QObject
{
    Q_OBJECT
private slots:
    void recoversPose_data();
    void recoversPose();
    void fixedFov();
    void hostile_data();
    void hostile();
    void reprojectionErrorsBehind();
};

void TestCameraCalibration::recoversPose_data()
{
    QTest::addColumn<double>("heading");
    QTest::addColumn<double>("pitch");
    QTest::addColumn<double>("roll");
    QTest::addColumn<double>("hfov");
    QTest::addColumn<int>("width");
    QTest::addColumn<int>("height");
    QTest::addColumn<double>("noise");
    QTest::addColumn<int>("points");
    QTest::addColumn<bool>("ground");

    QTest::newRow("north-level-60") << 0.0 << 0.0 << 0.0 << 60.0 << 640 << 360 << 0.0 << 8 << false;
    QTest::newRow("east-down-20-wide") << 90.0 << -20.0 << 0.0 << 90.0 << 1280 << 720 << 0.0 << 12 << false;
    QTest::newRow("southwest-down-35-rolled") << 225.0 << -35.0 << 4.0 << 50.0 << 640 << 360 << 0.0 << 10 << false;
    QTest::newRow("west-up-5-tele") << 271.5 << 5.0 << -2.5 << 18.0 << 1920 << 1080 << 0.0 << 8 << false;
    QTest::newRow("steep-down-70") << 30.0 << -70.0 << 1.0 << 70.0 << 640 << 480 << 0.0 << 6 << false;
    QTest::newRow("north-level-60-noisy") << 0.0 << 0.0 << 0.0 << 60.0 << 640 << 360 << 0.3 << 40 << false;
    QTest::newRow("east-down-20-wide-noisy") << 90.0 << -20.0 << 0.0 << 90.0 << 1280 << 720 << 0.3 << 40 << false;
    QTest::newRow("southwest-down-35-rolled-noisy") << 225.0 << -35.0 << 4.0 << 50.0 << 640 << 360 << 0.3 << 40 << false;
    QTest::newRow("steep-down-70-noisy") << 30.0 << -70.0 << 1.0 << 70.0 << 640 << 480 << 0.3 << 40 << false;
    // every point on the ground plane (a street camera calibrated on road markings and kerbs)
    QTest::newRow("ground-only-south-down-25") << 180.0 << -25.0 << 0.0 << 60.0 << 640 << 360 << 0.0 << 8 << true;
    QTest::newRow("ground-only-east-down-15-noisy") << 95.0 << -15.0 << 1.5 << 70.0 << 1280 << 720 << 0.3 << 40 << true;
    QTest::newRow("nw-down-15-noisy-720p") << 315.0 << -15.0 << -3.0 << 62.0 << 1280 << 720 << 0.3 << 40 << false;
}

void TestCameraCalibration::recoversPose()
{
    QFETCH(double, heading);
    QFETCH(double, pitch);
    QFETCH(double, roll);
    QFETCH(double, hfov);
    QFETCH(int, width);
    QFETCH(int, height);
    QFETCH(double, noise);
    QFETCH(int, points);
    QFETCH(bool, ground);

    const CameraPose truth = makePose(heading, pitch, roll, hfov, width, height);
    const QVector<PointPair> pairs = synthetic(truth, width, height, points, noise, 7u + unsigned(heading), ground);
    CameraPose initial; // a wrong guess on purpose: only near/far are taken from it
    initial.hfov = 45;
    initial.nearM = 0.7;
    initial.farM = 321;
    QElapsedTimer timer;
    timer.start();
    const CalibrationResult r = CameraCalibration::solve(pairs, QSize(width, height), initial);
    const double ms = timer.nsecsElapsed() / 1e6;
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(r.perPointPx.size(), pairs.size());
    QVERIFY2(r.rmsPx < 0.5, qPrintable(QString::number(r.rmsPx)));
    const double dPos = (r.pose.position - truth.position).length();
    QVERIFY2(dPos < 0.1, qPrintable(QStringLiteral("position off by %1 m").arg(dPos)));
    qInfo("rms %.4f px, position %.4f m, hfov %.4f deg off, %.1f ms", r.rmsPx, dPos, std::abs(r.pose.hfov - hfov), ms);
    QVERIFY2(std::abs(r.pose.hfov - hfov) < 0.2, qPrintable(QStringLiteral("hfov %1 vs %2").arg(r.pose.hfov).arg(hfov)));
    QVERIFY2(angleDiff(r.pose.heading, heading) < 0.2, qPrintable(QString::number(r.pose.heading)));
    QVERIFY2(std::abs(r.pose.pitch - pitch) < 0.2, qPrintable(QString::number(r.pose.pitch)));
    QVERIFY2(angleDiff(r.pose.roll, roll) < 0.2, qPrintable(QString::number(r.pose.roll)));
    QCOMPARE(r.pose.nearM, 0.7);
    QCOMPARE(r.pose.farM, 321.0);
    QVERIFY(std::abs(r.pose.aspect - double(width) / height) < 1e-12);
    if (noise == 0.0)
        QVERIFY2(r.rmsPx < 1e-3, qPrintable(QString::number(r.rmsPx)));

    // the reported RMS is through CameraPose::toPixel (the convention everyone draws with)
    double rms = 0;
    const QVector<double> e = CameraCalibration::reprojectionErrors(pairs, QSize(width, height), r.pose, &rms);
    QCOMPARE(e, r.perPointPx);
    QVERIFY(std::abs(rms - r.rmsPx) < 1e-9);
    // and the truth itself fits as well as the noise allows
    double truthRms = 0;
    CameraCalibration::reprojectionErrors(pairs, QSize(width, height), truth, &truthRms);
    QVERIFY2(r.rmsPx <= truthRms + 1e-3, qPrintable(QStringLiteral("%1 vs truth %2").arg(r.rmsPx).arg(truthRms)));
}

void TestCameraCalibration::fixedFov()
{
    const CameraPose truth = makePose(140, -25, 0, 55, 640, 360);
    const QVector<PointPair> pairs = synthetic(truth, 640, 360, 10, 0.0, 3);
    CameraPose initial;
    initial.hfov = 55;
    CalibrationOptions o;
    o.solveFov = false;
    const CalibrationResult r = CameraCalibration::solve(pairs, QSize(640, 360), initial, o);
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(r.pose.hfov, 55.0);
    QVERIFY((r.pose.position - truth.position).length() < 0.01);
    // a wrong fixed FOV fits worse than the solved one
    initial.hfov = 40;
    const CalibrationResult wrong = CameraCalibration::solve(pairs, QSize(640, 360), initial, o);
    QVERIFY(!wrong.ok || wrong.rmsPx > 1.0);
}

void TestCameraCalibration::hostile_data()
{
    QTest::addColumn<QVector<PointPair>>("pairs");
    QTest::addColumn<QSize>("size");
    QTest::addColumn<QString>("expect");

    const CameraPose truth = makePose(60, -20, 0, 60, 640, 360);
    const QVector<PointPair> good = synthetic(truth, 640, 360, 12, 0.0, 11);
    const QSize sz(640, 360);

    QTest::newRow("none") << QVector<PointPair>() << sz << "at least 6";
    QTest::newRow("five-pairs") << good.mid(0, 5) << sz << "at least 6";
    QTest::newRow("zero-image") << good << QSize(0, 0) << "not a valid video size";
    QTest::newRow("hostile-image") << good << QSize(1 << 30, 1 << 30) << "not a valid video size";
    {
        QVector<PointPair> p = good;
        p[3].pixel.setX(std::numeric_limits<double>::quiet_NaN());
        QTest::newRow("nan-pixel") << p << sz << "pair 4: the pixel is not a finite number";
    }
    {
        QVector<PointPair> p = good;
        p[5].scene.z = std::numeric_limits<double>::infinity();
        QTest::newRow("inf-scene") << p << sz << "pair 6: the scene point is not a finite number";
    }
    {
        QVector<PointPair> p = good;
        p[2].pixel = QPointF(700, 10);
        QTest::newRow("pixel-outside") << p << sz << "pair 3: the pixel (700, 10) is outside";
    }
    {
        QVector<PointPair> p = good;
        p[7].scene = p[1].scene;
        QTest::newRow("duplicate-scene") << p << sz << "pairs 2 and 8 use the same scene point";
    }
    {
        QVector<PointPair> p = good;
        p[4].pixel = p[0].pixel;
        QTest::newRow("duplicate-pixel") << p << sz << "pairs 1 and 5 use the same pixel";
    }
    {
        QVector<PointPair> p;
        for (int i = 0; i < 8; ++i) {
            PointPair q;
            q.scene = Vec3d(10 + 3 * i, 20 + 2 * i, 1.0 + 0.5 * i);
            q.pixel = QPointF(50 + 60 * i, 40 + 31 * (i % 3));
            p << q;
        }
        QTest::newRow("collinear-scene") << p << sz << "lie on one line";
    }
    {
        QVector<PointPair> p = good;
        for (int i = 0; i < p.size(); ++i)
            p[i].pixel = QPointF(30 + 40 * i, 300 - 20 * i);
        QTest::newRow("collinear-pixels") << p << sz << "pixels lie on one line";
    }
    {
        // half the points mirrored through the camera centre: same pixels, behind the camera
        QVector<PointPair> p = good;
        for (int i = 0; i < p.size(); i += 2)
            p[i].scene = truth.position * 2.0 - p[i].scene;
        QTest::newRow("behind-camera") << p << sz << "the pairs do not fit one camera";
    }
    {
        QVector<PointPair> p = good;
        std::mt19937 rng(5);
        std::uniform_real_distribution<double> U(0, 1);
        for (PointPair &q : p)
            q.pixel = QPointF(U(rng) * 640, U(rng) * 360);
        QTest::newRow("random-pixels") << p << sz << "";
    }
}

void TestCameraCalibration::hostile()
{
    QFETCH(QVector<PointPair>, pairs);
    QFETCH(QSize, size);
    QFETCH(QString, expect);
    const CalibrationResult r = CameraCalibration::solve(pairs, size, CameraPose());
    QVERIFY2(!r.ok, qPrintable(QStringLiteral("accepted with rms %1").arg(r.rmsPx)));
    QVERIFY(!r.error.isEmpty());
    if (!expect.isEmpty())
        QVERIFY2(r.error.contains(expect), qPrintable(r.error));
    qInfo("%s", qPrintable(r.error));
}

void TestCameraCalibration::reprojectionErrorsBehind()
{
    CameraPose pose;
    QVector<PointPair> p(1);
    p[0].scene = Vec3d(0, -10, 0); // behind a camera looking north
    double rms = 0;
    const QVector<double> e = CameraCalibration::reprojectionErrors(p, QSize(640, 360), pose, &rms);
    QVERIFY(std::isinf(e.at(0)));
    QVERIFY(std::isinf(rms));
}

QTEST_GUILESS_MAIN(TestCameraCalibration)
#include "tst_cameracalibration.moc"
