// Measurement against known geometry: distances, polylines, areas of horizontal, tilted and
// vertical rings, height above a synthetic ground; hostile input (too few, NaN, duplicates).
#include <liyuan/scene/Measurement.h>

#include <QtTest>

#include <cmath>
#include <limits>

using namespace liyuan;

Q_DECLARE_METATYPE(liyuan::Vec3d)
Q_DECLARE_METATYPE(std::vector<liyuan::Vec3d>)

namespace {

/** Ground: the plane z = 5 + 0.1 x; a roof slab z = 20 over x, y in [0, 10]. */
bool groundPick(const Vec3d &o, const Vec3d &d, Vec3d *hit)
{
    // plane n·p = c with n = (-0.1, 0, 1), c = 5
    const Vec3d n(-0.1, 0, 1);
    const double denom = n.dot(d);
    if (std::abs(denom) < 1e-12)
        return false;
    const double t = (5.0 - n.dot(o)) / denom;
    if (t < 0)
        return false;
    *hit = o + d * t;
    return true;
}

const double kNaN = std::numeric_limits<double>::quiet_NaN();

} // namespace

class tst_Measurement : public QObject
{
    Q_OBJECT
private slots:
    void distance_data()
    {
        QTest::addColumn<Vec3d>("a");
        QTest::addColumn<Vec3d>("b");
        QTest::addColumn<double>("d3");
        QTest::addColumn<double>("horizontal");
        QTest::addColumn<double>("vertical");
        QTest::newRow("3-4-12") << Vec3d(0, 0, 0) << Vec3d(3, 4, 12) << 13.0 << 5.0 << 12.0;
        QTest::newRow("downwards") << Vec3d(1, 1, 10) << Vec3d(1, 1, 2) << 8.0 << 0.0 << -8.0;
        QTest::newRow("horizontal") << Vec3d(-5, 2, 3) << Vec3d(1, 10, 3) << 10.0 << 10.0 << 0.0;
        QTest::newRow("same point") << Vec3d(7, 7, 7) << Vec3d(7, 7, 7) << 0.0 << 0.0 << 0.0;
        // far from the origin: still millimetre-exact in doubles
        QTest::newRow("projected coordinates") << Vec3d(528630.0, 3992050.0, 12.0) << Vec3d(528633.0, 3992054.0, 12.0)
                                               << 5.0 << 5.0 << 0.0;
    }
    void distance()
    {
        QFETCH(Vec3d, a);
        QFETCH(Vec3d, b);
        QFETCH(double, d3);
        QFETCH(double, horizontal);
        QFETCH(double, vertical);
        const Measurement m = Measurement::distance(a, b, QStringLiteral("d"));
        QVERIFY(m.valid);
        QCOMPARE(m.kind, Measurement::Kind::Distance);
        QVERIFY(std::abs(m.distance3d - d3) < 1e-9);
        QVERIFY(std::abs(m.horizontal - horizontal) < 1e-9);
        QVERIFY(std::abs(m.vertical - vertical) < 1e-9);
        QCOMPARE(m.points.size(), size_t(2));
    }

    void distanceRejectsNaN()
    {
        const Measurement m = Measurement::distance(Vec3d(0, 0, 0), Vec3d(kNaN, 1, 1));
        QVERIFY(!m.valid);
        QVERIFY(!m.error.isEmpty());
    }

    void polyline_data()
    {
        QTest::addColumn<std::vector<Vec3d>>("points");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<double>("length");
        QTest::addColumn<double>("horizontal");
        QTest::newRow("L shape") << std::vector<Vec3d>{{0, 0, 0}, {10, 0, 0}, {10, 5, 0}} << true << 15.0 << 15.0;
        QTest::newRow("stairs") << std::vector<Vec3d>{{0, 0, 0}, {3, 0, 4}, {3, 0, 8}} << true << 9.0 << 3.0;
        QTest::newRow("one point") << std::vector<Vec3d>{{1, 2, 3}} << false << 0.0 << 0.0;
        QTest::newRow("empty") << std::vector<Vec3d>{} << false << 0.0 << 0.0;
        QTest::newRow("NaN inside") << std::vector<Vec3d>{{0, 0, 0}, {kNaN, 0, 0}, {1, 1, 1}} << false << 0.0 << 0.0;
    }
    void polyline()
    {
        QFETCH(std::vector<Vec3d>, points);
        QFETCH(bool, valid);
        QFETCH(double, length);
        QFETCH(double, horizontal);
        const Measurement m = Measurement::polyline(points);
        QCOMPARE(m.valid, valid);
        if (!valid) {
            QVERIFY(!m.error.isEmpty());
            return;
        }
        QVERIFY(std::abs(m.distance3d - length) < 1e-9);
        QVERIFY(std::abs(m.horizontal - horizontal) < 1e-9);
    }

    void area_data()
    {
        QTest::addColumn<std::vector<Vec3d>>("ring");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<double>("horizontalArea");
        QTest::addColumn<double>("area3d");
        QTest::addColumn<double>("perimeter");
        const double s = std::sqrt(2.0);
        QTest::newRow("square 10 m, ccw") << std::vector<Vec3d>{{0, 0, 5}, {10, 0, 5}, {10, 10, 5}, {0, 10, 5}} << true
                                          << 100.0 << 100.0 << 40.0;
        QTest::newRow("square, clockwise, closed") << std::vector<Vec3d>{{0, 0, 0}, {0, 10, 0}, {10, 10, 0}, {10, 0, 0}, {0, 0, 0}}
                                                   << true << 100.0 << 100.0 << 40.0;
        // a roof plane tilted 45° about the x axis: projected 10 × 10, true 10 × 10√2
        QTest::newRow("tilted 45°") << std::vector<Vec3d>{{0, 0, 0}, {10, 0, 0}, {10, 10, 10}, {0, 10, 10}} << true << 100.0
                                    << 100.0 * s << 20.0 + 20.0 * s;
        QTest::newRow("vertical wall") << std::vector<Vec3d>{{0, 0, 0}, {4, 0, 0}, {4, 0, 3}, {0, 0, 3}} << true << 0.0 << 12.0
                                       << 14.0;
        QTest::newRow("L-shaped (concave)")
            << std::vector<Vec3d>{{0, 0, 0}, {20, 0, 0}, {20, 10, 0}, {10, 10, 0}, {10, 20, 0}, {0, 20, 0}} << true << 300.0
            << 300.0 << 80.0;
        QTest::newRow("triangle 3-4-5") << std::vector<Vec3d>{{0, 0, 1}, {3, 0, 1}, {0, 4, 1}} << true << 6.0 << 6.0 << 12.0;
        QTest::newRow("far from origin")
            << std::vector<Vec3d>{{528600, 3992000, 0}, {528610, 3992000, 0}, {528610, 3992010, 0}, {528600, 3992010, 0}} << true
            << 100.0 << 100.0 << 40.0;
        QTest::newRow("two points") << std::vector<Vec3d>{{0, 0, 0}, {1, 1, 1}} << false << 0.0 << 0.0 << 0.0;
        QTest::newRow("duplicates only") << std::vector<Vec3d>{{1, 1, 1}, {1, 1, 1}, {1, 1, 1}} << false << 0.0 << 0.0 << 0.0;
        QTest::newRow("NaN vertex") << std::vector<Vec3d>{{0, 0, 0}, {1, 0, 0}, {kNaN, 1, 0}} << false << 0.0 << 0.0 << 0.0;
    }
    void area()
    {
        QFETCH(std::vector<Vec3d>, ring);
        QFETCH(bool, valid);
        QFETCH(double, horizontalArea);
        QFETCH(double, area3d);
        QFETCH(double, perimeter);
        const Measurement m = Measurement::area(ring);
        QCOMPARE(m.valid, valid);
        if (!valid) {
            QVERIFY(!m.error.isEmpty());
            return;
        }
        QVERIFY2(std::abs(m.horizontalArea - horizontalArea) < 1e-6, qPrintable(QString::number(m.horizontalArea)));
        QVERIFY2(std::abs(m.area3d - area3d) < 1e-6, qPrintable(QString::number(m.area3d)));
        QVERIFY2(std::abs(m.perimeter - perimeter) < 1e-6, qPrintable(QString::number(m.perimeter)));
        QVERIFY(m.planarDeviation < 1e-9);
    }

    void nonPlanarRingReportsDeviation()
    {
        const Measurement m = Measurement::area({{0, 0, 0}, {10, 0, 0}, {10, 10, 0}, {0, 10, 2}});
        QVERIFY(m.valid);
        QVERIFY2(m.planarDeviation > 0.1, qPrintable(QString::number(m.planarDeviation)));
    }

    void centroidAndContains()
    {
        const std::vector<Vec3d> l{{0, 0, 0}, {20, 0, 0}, {20, 10, 0}, {10, 10, 0}, {10, 20, 0}, {0, 20, 0}};
        const Vec3d c = Measurement::projectedCentroid(l);
        // L of area 300: the 20×10 bar (centroid 10,5) + the 10×10 square (5,15)
        QVERIFY(std::abs(c.x - (200 * 10.0 + 100 * 5.0) / 300) < 1e-9);
        QVERIFY(std::abs(c.y - (200 * 5.0 + 100 * 15.0) / 300) < 1e-9);
        QVERIFY(Measurement::containsXY(l, 5, 15));
        QVERIFY(!Measurement::containsXY(l, 15, 15)); // the notch
        QVERIFY(!Measurement::containsXY(l, kNaN, 1));
        QVERIFY(!Measurement::containsXY({}, 0, 0));
    }

    void heightAboveGround_data()
    {
        QTest::addColumn<Vec3d>("point");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<double>("height");
        QTest::newRow("above the sloping ground") << Vec3d(10, 3, 26) << true << 20.0; // ground 6
        QTest::newRow("on the ground") << Vec3d(0, 0, 5) << true << 0.0;
        QTest::newRow("below the ground") << Vec3d(20, 0, 1) << true << -6.0; // ground 7
        QTest::newRow("NaN") << Vec3d(kNaN, 0, 1) << false << 0.0;
    }
    void heightAboveGround()
    {
        QFETCH(Vec3d, point);
        QFETCH(bool, valid);
        QFETCH(double, height);
        const Measurement m = Measurement::height(point, groundPick);
        QCOMPARE(m.valid, valid);
        if (!valid)
            return;
        QVERIFY2(std::abs(m.heightAboveGround - height) < 1e-9, qPrintable(QString::number(m.heightAboveGround)));
        QVERIFY(std::abs(m.ground.x - point.x) < 1e-9 && std::abs(m.ground.y - point.y) < 1e-9);
    }

    void heightWithoutGround()
    {
        const Measurement none = Measurement::height(Vec3d(0, 0, 0), PickFunction());
        QVERIFY(!none.valid);
        const Measurement miss = Measurement::height(
            Vec3d(0, 0, 0), [](const Vec3d &, const Vec3d &, Vec3d *) { return false; });
        QVERIFY(!miss.valid);
        QVERIFY(miss.error.contains(QLatin1String("no ground")));
    }
};

QTEST_GUILESS_MAIN(tst_Measurement)
#include "tst_measurement.moc"
