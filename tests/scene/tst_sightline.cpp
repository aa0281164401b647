// Sightline against a synthetic box obstacle (exact answers) and against the real
// ContextCapture sample streamed by TileStreamer (its pick as the pick function).
#include "TopDownView.h"
#include "TestRequire.h"
#include <liyuan/osgb/OsgbDataset.h>
#include <liyuan/osgb/OsgbReader.h>
#include <liyuan/scene/Sightline.h>
#include <liyuan/scene/TileStreamer.h>

#include <QtTest>

#include <cmath>
#include <limits>

using namespace liyuan;

Q_DECLARE_METATYPE(liyuan::Vec3d)

namespace {

const QString kSample = QStringLiteral(LIYUAN_SHARED_DATA "/osgb/Production_5");

/** Ray against an axis-aligned box (slab method): nearest hit at t >= 0. */
bool rayBox(const Vec3d &o, const Vec3d &d, const Vec3d &mn, const Vec3d &mx, double *tHit)
{
    double t0 = 0, t1 = std::numeric_limits<double>::infinity();
    const double oo[3] = {o.x, o.y, o.z}, dd[3] = {d.x, d.y, d.z}, lo[3] = {mn.x, mn.y, mn.z}, hi[3] = {mx.x, mx.y, mx.z};
    for (int k = 0; k < 3; ++k) {
        if (std::abs(dd[k]) < 1e-15) {
            if (oo[k] < lo[k] || oo[k] > hi[k])
                return false;
            continue;
        }
        double a = (lo[k] - oo[k]) / dd[k], b = (hi[k] - oo[k]) / dd[k];
        if (a > b)
            std::swap(a, b);
        t0 = std::max(t0, a);
        t1 = std::min(t1, b);
        if (t0 > t1)
            return false;
    }
    *tHit = t0;
    return true;
}

/** Ground plane z = 0 plus a box 10 m wide (x 40..50), y -50..50, 0..20 m high. */
bool boxWorld(const Vec3d &o, const Vec3d &d, Vec3d *hit)
{
    double best = std::numeric_limits<double>::infinity();
    double t;
    if (rayBox(o, d, Vec3d(40, -50, 0), Vec3d(50, 50, 20), &t))
        best = std::min(best, t);
    if (std::abs(d.z) > 1e-15) {
        t = -o.z / d.z;
        if (t >= 0)
            best = std::min(best, t);
    }
    if (!std::isfinite(best))
        return false;
    *hit = o + d * best;
    return true;
}

using liyuan::test::topDown; // 45°, 1280×720

void settle(TileStreamer &s, const ViewState &v, int maxMs = 60000)
{
    QElapsedTimer t;
    t.start();
    int frames = 0;
    do {
        s.update(v);
        ++frames;
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
        if (s.isSettled() && frames > 2) {
            s.update(v);
            if (s.isSettled())
                break;
        }
        QThread::msleep(2);
    } while (t.elapsed() < maxMs);
}

} // namespace

class tst_Sightline : public QObject
{
    Q_OBJECT
private slots:
    void box_data()
    {
        QTest::addColumn<Vec3d>("viewpoint");
        QTest::addColumn<Vec3d>("target");
        QTest::addColumn<bool>("visible");
        QTest::addColumn<double>("distance");
        QTest::addColumn<Vec3d>("obstruction");
        QTest::newRow("through the box") << Vec3d(0, 0, 10) << Vec3d(100, 0, 10) << false << 40.0 << Vec3d(40, 0, 10);
        QTest::newRow("over the box") << Vec3d(0, 0, 30) << Vec3d(100, 0, 30) << true << 0.0 << Vec3d();
        QTest::newRow("grazing over the top") << Vec3d(0, 0, 20.5) << Vec3d(100, 0, 20.5) << true << 0.0 << Vec3d();
        QTest::newRow("descending into the west face") << Vec3d(0, 0, 30) << Vec3d(100, 0, 0) << false
                                                       << std::hypot(40.0, 12.0) << Vec3d(40, 0, 18);
        // z = 40 - 4/3 (x - 30) reaches the roof (z = 20) at x = 45, 25 m from the viewpoint
        QTest::newRow("down onto the roof") << Vec3d(30, 0, 40) << Vec3d(60, 0, 0) << false << 25.0 << Vec3d(45, 0, 20);
        QTest::newRow("target on the box face") << Vec3d(0, 0, 10) << Vec3d(40, 0, 10) << true << 0.0 << Vec3d();
        QTest::newRow("target just behind the face") << Vec3d(0, 0, 10) << Vec3d(40.4, 0, 10) << true << 0.0 << Vec3d();
        QTest::newRow("target 1 m inside") << Vec3d(0, 0, 10) << Vec3d(41, 0, 10) << false << 40.0 << Vec3d(40, 0, 10);
        QTest::newRow("viewpoint on the ground") << Vec3d(0, 0, 0) << Vec3d(30, 0, 30) << true << 0.0 << Vec3d();
        QTest::newRow("viewpoint on the roof, looking up") << Vec3d(45, 0, 20) << Vec3d(100, 0, 40) << true << 0.0 << Vec3d();
        QTest::newRow("ground beyond the box hidden") << Vec3d(0, 0, 10) << Vec3d(80, 0, 0) << false << std::hypot(40.0, 5.0)
                                                      << Vec3d(40, 0, 5);
    }
    void box()
    {
        QFETCH(Vec3d, viewpoint);
        QFETCH(Vec3d, target);
        QFETCH(bool, visible);
        QFETCH(double, distance);
        QFETCH(Vec3d, obstruction);
        const Sightline s = Sightline::compute(viewpoint, target, boxWorld);
        QVERIFY2(s.valid, qPrintable(s.error));
        QCOMPARE(s.visible, visible);
        QVERIFY(std::abs(s.length - (target - viewpoint).length()) < 1e-9);
        if (visible)
            return;
        QVERIFY2(std::abs(s.distance - distance) < 1e-6, qPrintable(QString::number(s.distance)));
        QVERIFY(std::abs(s.fraction - distance / s.length) < 1e-9);
        QVERIFY(s.fraction > 0 && s.fraction < 1);
        QVERIFY2((s.obstruction - obstruction).length() < 1e-6,
                 qPrintable(QStringLiteral("%1 %2 %3").arg(s.obstruction.x).arg(s.obstruction.y).arg(s.obstruction.z)));
    }

    void hostile_data()
    {
        QTest::addColumn<Vec3d>("viewpoint");
        QTest::addColumn<Vec3d>("target");
        const double nan = std::numeric_limits<double>::quiet_NaN();
        const double inf = std::numeric_limits<double>::infinity();
        QTest::newRow("same point") << Vec3d(1, 2, 3) << Vec3d(1, 2, 3);
        QTest::newRow("NaN target") << Vec3d(0, 0, 10) << Vec3d(nan, 0, 0);
        QTest::newRow("infinite viewpoint") << Vec3d(inf, 0, 10) << Vec3d(0, 0, 0);
    }
    void hostile()
    {
        QFETCH(Vec3d, viewpoint);
        QFETCH(Vec3d, target);
        const Sightline s = Sightline::compute(viewpoint, target, boxWorld);
        QVERIFY(!s.valid);
        QVERIFY(!s.error.isEmpty());
    }

    void noPickFunctionOrInsideSurface()
    {
        QVERIFY(!Sightline::compute(Vec3d(0, 0, 0), Vec3d(1, 0, 0), PickFunction()).valid);
        // a pick that always hits the origin itself: the viewpoint is inside a surface
        const PickFunction stuck = [](const Vec3d &o, const Vec3d &, Vec3d *h) {
            *h = o;
            return true;
        };
        const Sightline s = Sightline::compute(Vec3d(0, 0, 0), Vec3d(10, 0, 0), stuck);
        QVERIFY(!s.valid);
        QVERIFY(s.error.contains(QLatin1String("inside")));
    }

    void realPhotogrammetry()
    {
        if (!QFileInfo::exists(kSample + QStringLiteral("/metadata.xml")))
            LIYUAN_SKIP("shared sample data not found (LIYUAN_SHARED_DATA)");
        osgb::registerOsgbReader();
        const osgb::OsgbDataset ds = osgb::OsgbDataset::open(kSample);
        TileDataset td;
        td.path = kSample;
        td.format = QStringLiteral("OSGB");
        td.frame = ds.frame;
        td.rootFiles = ds.rootFiles;
        TileStreamer streamer;
        streamer.addDataset(td);
        settle(streamer, topDown(Vec3d(0, 0, 0), 5000));
        Vec3d mn, mx;
        QVERIFY(streamer.sceneBounds(&mn, &mx));
        const Vec3d c = (mn + mx) * 0.5;
        const ViewState v = topDown(c, 400);
        settle(streamer, v);
        const PickFunction pick = [&streamer](const Vec3d &o, const Vec3d &d, Vec3d *hit) { return streamer.pick(o, d, hit); };

        // the surface below the centre, picked like a user would
        Vec3d surface;
        QVERIFY(streamer.pick(v.eye, Vec3d(0, 0, -1), &surface));
        // from high above straight down to that surface: visible (the target itself is hit)
        const Sightline down = Sightline::compute(surface + Vec3d(0, 0, 300), surface, pick);
        QVERIFY2(down.valid, qPrintable(down.error));
        QVERIFY(down.visible);
        // to a point 20 m below the surface: the surface obstructs, 300 m down the line
        const Sightline under = Sightline::compute(surface + Vec3d(0, 0, 300), surface - Vec3d(0, 0, 20), pick);
        QVERIFY(under.valid);
        QVERIFY(!under.visible);
        QVERIFY2(std::abs(under.distance - 300.0) < 0.01, qPrintable(QString::number(under.distance)));
        QVERIFY(std::abs(under.fraction - 300.0 / 320.0) < 1e-4);
        QVERIFY((under.obstruction - surface).length() < 0.01);
        // the same line reversed, from below the mesh: the mesh is in the way at most 20 m up
        // (sooner when another layer of the mesh lies under the picked surface)
        const Sightline up = Sightline::compute(surface - Vec3d(0, 0, 20), surface + Vec3d(0, 0, 300), pick);
        QVERIFY(up.valid);
        QVERIFY(!up.visible);
        QVERIFY2(up.distance > 0 && up.distance < 20.01, qPrintable(QString::number(up.distance)));
        QVERIFY(std::abs(up.obstruction.x - surface.x) < 1e-6 && std::abs(up.obstruction.y - surface.y) < 1e-6);

        // an oblique line from above one end of the sample to below the other must cross the
        // mesh (a height field): the obstruction lies on the line and on the mesh
        const Vec3d a(mn.x - 20, c.y, mx.z + 20), b(mx.x + 20, c.y, mn.z - 20);
        const Sightline across = Sightline::compute(a, b, pick);
        QVERIFY(across.valid);
        qInfo("surface %.2f %.2f %.2f; across the sample: %s at %.2f m of %.2f m; tiles drawn %d", surface.x, surface.y,
              surface.z, across.visible ? "visible" : "blocked", across.distance, across.length, streamer.stats().tilesDrawn);
        QVERIFY(streamer.stats().tilesDrawn > 3); // refined beyond the roots
        QVERIFY(!across.visible);
        QVERIFY(across.fraction > 0 && across.fraction < 1);
        const Vec3d onLine = a + (b - a) * across.fraction;
        QVERIFY((onLine - across.obstruction).length() < 0.05);
        Vec3d again;
        QVERIFY(streamer.pick(across.obstruction - (b - a).normalized() * 0.5, (b - a), &again));
        QVERIFY((again - across.obstruction).length() < 0.05);
        // high above everything: visible
        const Sightline sky = Sightline::compute(Vec3d(mn.x, c.y, mx.z + 50), Vec3d(mx.x, c.y, mx.z + 50), pick);
        QVERIFY(sky.valid);
        QVERIFY(sky.visible);
    }
};

QTEST_GUILESS_MAIN(tst_Sightline)
#include "tst_sightline.moc"
