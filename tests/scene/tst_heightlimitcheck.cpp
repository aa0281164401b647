// HeightLimitCheck: zone membership by centroid and by overlap, the most restrictive of
// several zones, limits exactly met, ground sampled by a pick function, the sorted list of
// violations, degenerate input; the XY convex hull a model's footprint is made of, and a
// model turned 45° checked by its hull rather than its axis-aligned bounds.
#include <liyuan/scene/HeightLimitCheck.h>
#include <liyuan/scene/Measurement.h>

#include <QtTest>

#include <cmath>
#include <limits>

using namespace liyuan;

Q_DECLARE_METATYPE(std::vector<liyuan::Vec3d>)
Q_DECLARE_METATYPE(liyuan::HeightLimitCheck::ZoneRule)

namespace {

std::vector<Vec3d> rect(double x0, double y0, double x1, double y1)
{
    return {{x0, y0, 0}, {x1, y0, 0}, {x1, y1, 0}, {x0, y1, 0}};
}

/** core 0..100 (16 m), control 50..200 (24 m, overlapping core in 50..100), hill 300..400 (10 m, ground sampled). */
std::vector<ProtectionZone> zones()
{
    ProtectionZone core{QStringLiteral("core"), QStringLiteral("核心保护范围 Core"), rect(0, 0, 100, 100), 16.0, true, 0.0};
    ProtectionZone control{QStringLiteral("control"), QStringLiteral("建设控制地带 Control"), rect(50, 0, 200, 100), 24.0, true, 0.0};
    ProtectionZone hill{QStringLiteral("hill"), QStringLiteral("Hill"), rect(300, 0, 400, 100), 10.0, false, 0.0};
    return {core, control, hill};
}

/** The eight corners of a box x in [-hx, hx], y in [-hy, hy], z in [0, h], turned clockwise by heading about Z, moved to c. */
std::vector<Vec3d> turnedBox(const Vec3d &c, double hx, double hy, double h, double headingDeg)
{
    const double a = -headingDeg * M_PI / 180.0, co = std::cos(a), si = std::sin(a);
    std::vector<Vec3d> v;
    for (double z : {0.0, h})
        for (double x : {-hx, hx})
            for (double y : {-hy, hy})
                v.emplace_back(c.x + co * x - si * y, c.y + si * x + co * y, c.z + z);
    return v;
}

/** Ground: z = 20 over the hill zone, z = 0 elsewhere. */
bool ground(const Vec3d &o, const Vec3d &d, Vec3d *hit)
{
    if (d.z >= 0)
        return false;
    const double g = (o.x >= 300 && o.x <= 400) ? 20.0 : 0.0;
    *hit = Vec3d(o.x, o.y, g);
    return o.z >= g;
}

} // namespace

class tst_HeightLimitCheck : public QObject
{
    Q_OBJECT
private slots:
    void check_data()
    {
        QTest::addColumn<std::vector<Vec3d>>("footprint");
        QTest::addColumn<double>("base");
        QTest::addColumn<double>("top");
        QTest::addColumn<HeightLimitCheck::ZoneRule>("rule");
        QTest::addColumn<QStringList>("zoneIds");
        QTest::addColumn<QString>("governing");
        QTest::addColumn<double>("limit");
        QTest::addColumn<double>("height");
        QTest::addColumn<double>("excess");
        QTest::addColumn<bool>("violation");
        const auto C = HeightLimitCheck::ZoneRule::Centroid;
        const auto O = HeightLimitCheck::ZoneRule::Overlap;
        QTest::newRow("low, in the core") << rect(10, 10, 20, 20) << 0.0 << 12.0 << C << QStringList{"core"} << "core" << 16.0
                                          << 12.0 << -4.0 << false;
        QTest::newRow("exactly at the limit") << rect(10, 10, 20, 20) << 0.0 << 16.0 << C << QStringList{"core"} << "core"
                                              << 16.0 << 16.0 << 0.0 << false;
        QTest::newRow("1 cm over") << rect(10, 10, 20, 20) << 0.0 << 16.01 << C << QStringList{"core"} << "core" << 16.0 << 16.01
                                   << 0.01 << true;
        QTest::newRow("in two zones: the stricter governs") << rect(60, 10, 80, 30) << 0.0 << 20.0 << C
                                                             << QStringList{"core", "control"} << "core" << 16.0 << 20.0 << 4.0
                                                             << true;
        QTest::newRow("control only") << rect(120, 10, 140, 30) << 0.0 << 20.0 << C << QStringList{"control"} << "control"
                                      << 24.0 << 20.0 << -4.0 << false;
        QTest::newRow("in no zone") << rect(240, 10, 260, 30) << 0.0 << 80.0 << C << QStringList{} << "" << 0.0 << 80.0 << 0.0
                                    << false;
        QTest::newRow("ground sampled on the hill") << rect(320, 10, 340, 30) << 20.0 << 35.0 << C << QStringList{"hill"}
                                                    << "hill" << 10.0 << 15.0 << 5.0 << true;
        // centroid (117.5, 50) lies in control only; the footprint reaches into the core
        QTest::newRow("straddling, by centroid") << rect(95, 40, 140, 60) << 0.0 << 20.0 << C << QStringList{"control"}
                                                 << "control" << 24.0 << 20.0 << -4.0 << false;
        QTest::newRow("straddling, by overlap") << rect(95, 40, 140, 60) << 0.0 << 20.0 << O << QStringList{"core", "control"}
                                                << "core" << 16.0 << 20.0 << 4.0 << true;
        QTest::newRow("touching the core's edge only, by overlap") << rect(100, 40, 140, 60) << 0.0 << 20.0 << O
                                                                   << QStringList{"control"} << "control" << 24.0 << 20.0
                                                                   << -4.0 << false;
        QTest::newRow("zone inside the footprint, by overlap") << rect(290, -10, 410, 110) << 20.0 << 40.0 << O
                                                               << QStringList{"hill"} << "hill" << 10.0 << 20.0 << 10.0 << true;
        QTest::newRow("empty footprint") << std::vector<Vec3d>{} << 0.0 << 50.0 << C << QStringList{} << "" << 0.0 << 50.0 << 0.0
                                         << false;
    }
    void check()
    {
        QFETCH(std::vector<Vec3d>, footprint);
        QFETCH(double, base);
        QFETCH(double, top);
        QFETCH(HeightLimitCheck::ZoneRule, rule);
        QFETCH(QStringList, zoneIds);
        QFETCH(QString, governing);
        QFETCH(double, limit);
        QFETCH(double, height);
        QFETCH(double, excess);
        QFETCH(bool, violation);
        HeightLimitCheck c;
        c.setZones(zones());
        c.setZoneRule(rule);
        c.setGroundPick(ground);
        const std::vector<HeightCheckResult> r =
            c.check({CandidateBuilding{QStringLiteral("b1"), QStringLiteral("楼 1"), QStringLiteral("model"), footprint, base, top}});
        QCOMPARE(r.size(), size_t(1));
        QCOMPARE(r[0].buildingId, QStringLiteral("b1"));
        QCOMPARE(r[0].zoneIds, zoneIds);
        QCOMPARE(r[0].zoneId, governing);
        QCOMPARE(r[0].inZone, !governing.isEmpty());
        QVERIFY2(std::abs(r[0].limit - limit) < 1e-9, qPrintable(QString::number(r[0].limit)));
        QVERIFY2(std::abs(r[0].height - height) < 1e-9, qPrintable(QString::number(r[0].height)));
        QVERIFY2(std::abs(r[0].excess - excess) < 1e-9, qPrintable(QString::number(r[0].excess)));
        QCOMPARE(r[0].violation, violation);
    }

    void violationsSortedByExcess()
    {
        HeightLimitCheck c;
        c.setZones(zones());
        c.setGroundPick(ground);
        const std::vector<CandidateBuilding> b{
            {"ok", "ok", "footprint", rect(10, 10, 20, 20), 0, 10},
            {"small", "small", "model", rect(10, 10, 20, 20), 0, 17},
            {"big", "big", "model", rect(60, 10, 80, 30), 0, 46},
            {"none", "none", "footprint", rect(240, 10, 260, 30), 0, 99},
            {"mid", "mid", "footprint", rect(320, 10, 340, 30), 20, 40},
        };
        const std::vector<HeightCheckResult> all = c.check(b);
        QCOMPARE(all.size(), b.size());
        for (size_t i = 0; i < b.size(); ++i)
            QCOMPARE(all[i].buildingId, b[i].id); // input order
        const std::vector<HeightCheckResult> v = HeightLimitCheck::violations(all);
        QCOMPARE(v.size(), size_t(3));
        QCOMPARE(v[0].buildingId, QStringLiteral("big"));   // 30 m over
        QCOMPARE(v[1].buildingId, QStringLiteral("mid"));   // 10 m over (ground 20)
        QCOMPARE(v[2].buildingId, QStringLiteral("small")); // 1 m over
        QVERIFY(std::abs(v[0].excess - 30.0) < 1e-9);
    }

    void hostile()
    {
        HeightLimitCheck c;
        // no zones at all
        std::vector<HeightCheckResult> r = c.check({{"a", "a", "model", rect(0, 0, 1, 1), 0, 10}});
        QCOMPARE(r.size(), size_t(1));
        QVERIFY(!r[0].inZone);
        QVERIFY(!r[0].violation);
        // a zone with a NaN limit is skipped; a degenerate zone polygon contains nothing
        ProtectionZone nanZone{"nan", "nan", rect(0, 0, 100, 100), std::numeric_limits<double>::quiet_NaN(), true, 0};
        ProtectionZone line{"line", "line", {{0, 0, 0}, {100, 100, 0}}, 5, true, 0};
        c.setZones({nanZone, line});
        c.setZoneRule(HeightLimitCheck::ZoneRule::Overlap);
        r = c.check({{"a", "a", "model", rect(10, 10, 20, 20), 0, 10}});
        QVERIFY(!r[0].inZone);
        // NaN top: never a violation
        c.setZones(zones());
        r = c.check({{"n", "n", "model", rect(10, 10, 20, 20), 0, std::numeric_limits<double>::quiet_NaN()}});
        QVERIFY(r[0].inZone);
        QVERIFY(!r[0].violation);
        // a ground pick that misses falls back to the building base
        c.setGroundPick([](const Vec3d &, const Vec3d &, Vec3d *) { return false; });
        r = c.check({{"h", "h", "model", rect(320, 10, 340, 30), 7, 20}});
        QVERIFY(std::abs(r[0].groundElevation - 7.0) < 1e-9);
        QVERIFY(std::abs(r[0].excess - 3.0) < 1e-9);
    }

    void convexHull()
    {
        // a square with points inside and on its edges, shuffled, some twice
        std::vector<Vec3d> p{{5, 5, 1}, {10, 0, 2}, {0, 0, 3}, {5, 0, 0}, {10, 10, 0}, {0, 10, 0}, {10, 5, 0},
                             {2, 3, 0}, {0, 0, 9}, {10, 10, 0}, {0, 7, 0}};
        std::vector<Vec3d> h = Measurement::convexHullXY(p);
        QCOMPARE(h.size(), size_t(4)); // no collinear or repeated vertex
        QVERIFY(Measurement::signedProjectedArea(h) > 0); // counter-clockwise
        QCOMPARE(Measurement::projectedArea(h), 100.0);
        for (const Vec3d &v : h)
            QCOMPARE(v.z, 0.0);
        // non-finite points are ignored
        p.push_back({std::numeric_limits<double>::quiet_NaN(), 50, 0});
        p.push_back({50, std::numeric_limits<double>::infinity(), 0});
        QCOMPARE(Measurement::projectedArea(Measurement::convexHullXY(p)), 100.0);
        // degenerate: nothing, one point, one line (its two ends)
        QVERIFY(Measurement::convexHullXY({}).empty());
        QCOMPARE(Measurement::convexHullXY({{1, 2, 3}, {1, 2, 4}}).size(), size_t(1));
        h = Measurement::convexHullXY({{0, 0, 0}, {2, 2, 0}, {1, 1, 5}, {3, 3, 0}});
        QCOMPARE(h.size(), size_t(2));
        // far from the origin (projected coordinates): still exact for a 1 m square
        h = Measurement::convexHullXY({{528630, 3992050, 0}, {528631, 3992050, 0}, {528631, 3992051, 0}, {528630, 3992051, 0},
                                       {528630.5, 3992050.5, 0}});
        QCOMPARE(h.size(), size_t(4));
        QVERIFY(std::abs(Measurement::projectedArea(h) - 1.0) < 1e-9);
        // a circle of 720 points: every point on the hull
        std::vector<Vec3d> circle;
        for (int i = 0; i < 720; ++i)
            circle.emplace_back(100 * std::cos(i * M_PI / 360), 100 * std::sin(i * M_PI / 360), 0);
        QCOMPARE(Measurement::convexHullXY(circle).size(), size_t(720));
    }

    void turnedModelByItsHull()
    {
        // a 60 m × 8 m slab, 30 m tall, turned 45°: its bounds are a 48 m square, its hull the slab
        const std::vector<Vec3d> corners = turnedBox(Vec3d(0, 0, 0), 30, 4, 30, 45);
        const std::vector<Vec3d> hull = Measurement::convexHullXY(corners);
        QCOMPARE(hull.size(), size_t(4));
        QVERIFY(std::abs(Measurement::projectedArea(hull) - 480.0) < 1e-9);
        double mn[2] = {1e300, 1e300}, mx[2] = {-1e300, -1e300};
        for (const Vec3d &c : corners) {
            mn[0] = std::min(mn[0], c.x), mn[1] = std::min(mn[1], c.y);
            mx[0] = std::max(mx[0], c.x), mx[1] = std::max(mx[1], c.y);
        }
        const std::vector<Vec3d> box = rect(mn[0], mn[1], mx[0], mx[1]);
        QVERIFY(std::abs(Measurement::projectedArea(box) - 2312.0) < 1e-6); // (2 · 34/√2)²
        // a 12 m zone in the empty north-east corner of the bounds: 14 m from the slab
        ProtectionZone corner{"ne", "north-east", rect(10, 10, 30, 30), 12.0, true, 0.0};
        // and one over the slab's south-east end
        ProtectionZone end{"se", "south-east", rect(15, -35, 35, -15), 12.0, true, 0.0};
        HeightLimitCheck c;
        c.setZones({corner, end});
        c.setZoneRule(HeightLimitCheck::ZoneRule::Overlap);
        const std::vector<HeightCheckResult> r = c.check({{"hull", "slab", "model", hull, 0, 30}, {"box", "slab", "model", box, 0, 30}});
        QCOMPARE(r[0].zoneIds, QStringList{"se"});           // where it stands
        QCOMPARE(r[1].zoneIds, (QStringList{"ne", "se"}));   // the bounds reach into the corner zone too
        // the corner zone alone: the hull passes, the bounds would have flagged it
        c.setZones({corner});
        const std::vector<HeightCheckResult> only = c.check({{"hull", "slab", "model", hull, 0, 30}, {"box", "slab", "model", box, 0, 30}});
        QVERIFY(!only[0].inZone && !only[0].violation);
        QVERIFY(only[1].inZone && only[1].violation);
        QVERIFY(std::abs(only[1].excess - 18.0) < 1e-9);
        // by centroid both are in no zone: hull and bounds share the centre of a symmetric slab
        c.setZoneRule(HeightLimitCheck::ZoneRule::Centroid);
        c.setZones({corner, end});
        for (const HeightCheckResult &x : c.check({{"hull", "slab", "model", hull, 0, 30}, {"box", "slab", "model", box, 0, 30}}))
            QVERIFY(!x.inZone);
    }

    void zoneWithAHole_data()
    {
        // a zone 0..100 with a courtyard hole 40..60 (not in the zone): a 24 m building
        QTest::addColumn<HeightLimitCheck::ZoneRule>("rule");
        QTest::addColumn<std::vector<Vec3d>>("footprint");
        QTest::addColumn<bool>("inZone");
        using R = HeightLimitCheck::ZoneRule;
        QTest::newRow("centroid in the hole") << R::Centroid << rect(45, 45, 55, 55) << false;
        QTest::newRow("centroid in the zone") << R::Centroid << rect(10, 10, 20, 20) << true;
        QTest::newRow("centroid on the hole's edge (zone boundary)") << R::Centroid << rect(35, 45, 45, 55) << true;
        QTest::newRow("overlap: wholly in the hole") << R::Overlap << rect(42, 42, 58, 58) << false;
        QTest::newRow("overlap: filling the hole exactly") << R::Overlap << rect(40, 40, 60, 60) << false;
        QTest::newRow("overlap: across the hole's edge") << R::Overlap << rect(35, 45, 45, 55) << true;
        QTest::newRow("overlap: around the hole") << R::Overlap << rect(30, 30, 70, 70) << true;
        QTest::newRow("overlap: in the zone") << R::Overlap << rect(5, 5, 15, 15) << true;
    }
    void zoneWithAHole()
    {
        QFETCH(HeightLimitCheck::ZoneRule, rule);
        QFETCH(std::vector<Vec3d>, footprint);
        QFETCH(bool, inZone);
        ProtectionZone z{QStringLiteral("ring"), QStringLiteral("Ring zone"), rect(0, 0, 100, 100), 16.0, true, 0.0};
        z.holes.push_back(rect(40, 40, 60, 60));
        HeightLimitCheck check;
        check.setZones({z});
        check.setZoneRule(rule);
        const std::vector<HeightCheckResult> r = check.check({CandidateBuilding{"b", "B", "footprint", footprint, 0.0, 24.0}});
        QCOMPARE(r.size(), size_t(1));
        QCOMPARE(r[0].inZone, inZone);
        QCOMPARE(r[0].violation, inZone);
        if (inZone)
            QCOMPARE(r[0].excess, 8.0);
        // without the hole every one of them is in the zone
        z.holes.clear();
        check.setZones({z});
        QVERIFY(check.check({CandidateBuilding{"b", "B", "footprint", footprint, 0.0, 24.0}})[0].inZone);
    }

    void overlapsPredicate()
    {
        QVERIFY(HeightLimitCheck::overlaps(rect(0, 0, 10, 10), rect(5, 5, 15, 15)));
        QVERIFY(HeightLimitCheck::overlaps(rect(0, 0, 10, 10), rect(0, 0, 10, 10)));   // identical
        QVERIFY(HeightLimitCheck::overlaps(rect(0, 0, 10, 10), rect(2, 2, 4, 4)));     // contained
        QVERIFY(HeightLimitCheck::overlaps(rect(0, 4, 10, 6), rect(4, 0, 6, 10)));     // cross, no vertex inside
        QVERIFY(!HeightLimitCheck::overlaps(rect(0, 0, 10, 10), rect(10, 0, 20, 10))); // shared edge
        QVERIFY(!HeightLimitCheck::overlaps(rect(0, 0, 10, 10), rect(10, 10, 20, 20))); // shared corner
        QVERIFY(!HeightLimitCheck::overlaps(rect(0, 0, 10, 10), rect(30, 30, 40, 40)));
        QVERIFY(!HeightLimitCheck::overlaps({}, rect(0, 0, 1, 1)));
    }
};

QTEST_GUILESS_MAIN(tst_HeightLimitCheck)
#include "tst_heightlimitcheck.moc"
