// HeightLimitCheck: zone membership by centroid and by overlap, the most restrictive of
// several zones, limits exactly met, ground sampled by a pick function, the sorted list of
// violations, degenerate input.
#include <liyuan/scene/HeightLimitCheck.h>

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
