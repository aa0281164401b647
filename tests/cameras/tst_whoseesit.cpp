// CameraIndex (who sees it) on constructed geometry: inside/outside the frustum, behind a
// wall, beyond range, PTZ reachable or not, ranking, limits; the grid index agrees with a
// brute-force scan of 12,000 cameras.
#include <liyuan/cameras/CameraIndex.h>

#include <QRandomGenerator>
#include <QtTest>

#include <cmath>

using namespace liyuan;
using namespace liyuan::cameras;

Q_DECLARE_METATYPE(liyuan::Vec3d)

namespace {

CameraRecord cam(const QString &id, const Vec3d &pos, double heading, double pitch = 0, double hfov = 60, double far = 150)
{
    CameraRecord r;
    r.id = id;
    r.position = pos;
    r.heading = heading;
    r.pitch = pitch;
    r.hfov = hfov;
    r.farM = far;
    r.scenePose.position = pos;
    r.scenePose.heading = heading;
    r.scenePose.pitch = pitch;
    r.scenePose.hfov = hfov;
    r.scenePose.aspect = 16.0 / 9.0;
    r.scenePose.nearM = 0.5;
    r.scenePose.farM = far;
    r.resolved = true;
    return r;
}

CameraRecord ptz(CameraRecord r, double panMin, double panMax, double tiltMin, double tiltMax, double hfovMax = 60)
{
    r.ptz.enabled = true;
    r.ptz.panMin = panMin;
    r.ptz.panMax = panMax;
    r.ptz.tiltMin = tiltMin;
    r.ptz.tiltMax = tiltMax;
    r.ptz.hfovMin = 4;
    r.ptz.hfovMax = hfovMax;
    return r;
}

/** A wall: the plane y = 50 between x -10..10, z 0..20 (a quad), seen from both sides. */
bool wall(const Vec3d &o, const Vec3d &d, Vec3d *hit)
{
    if (std::abs(d.y) < 1e-12)
        return false;
    const double t = (50.0 - o.y) / d.y;
    if (t < 0)
        return false;
    const Vec3d p = o + d * t;
    if (p.x < -10 || p.x > 10 || p.z < 0 || p.z > 20)
        return false;
    *hit = p;
    return true;
}

QStringList ids(const QVector<Sighting> &s)
{
    QStringList out;
    for (const Sighting &x : s)
        out << x.id + (x.needsPtz ? QStringLiteral("*") : QString());
    return out;
}

} // namespace

class TstWhoSeesIt : public QObject
{
    Q_OBJECT
private slots:
    void sees_data()
    {
        QTest::addColumn<QVector<CameraRecord>>("cameras");
        QTest::addColumn<Vec3d>("point");
        QTest::addColumn<bool>("withWall");
        QTest::addColumn<QStringList>("expected"); // ids best first, "*" = needs PTZ
        const Vec3d origin(0, 0, 5);
        QTest::newRow("inside the frustum") << QVector<CameraRecord>{cam("a", origin, 0)} << Vec3d(0, 30, 5) << false << QStringList{"a"};
        QTest::newRow("outside: behind the camera") << QVector<CameraRecord>{cam("a", origin, 0)} << Vec3d(0, -30, 5) << false << QStringList{};
        QTest::newRow("outside: beside the view") << QVector<CameraRecord>{cam("a", origin, 0)} << Vec3d(40, 30, 5) << false << QStringList{};
        QTest::newRow("outside: above the view") << QVector<CameraRecord>{cam("a", origin, 0)} << Vec3d(0, 30, 40) << false << QStringList{};
        QTest::newRow("behind a wall") << QVector<CameraRecord>{cam("a", origin, 0)} << Vec3d(0, 80, 5) << true << QStringList{};
        QTest::newRow("wall beside the line of sight") << QVector<CameraRecord>{cam("a", Vec3d(30, 0, 5), 0)} << Vec3d(30, 80, 5) << true
                                                       << QStringList{"a"};
        QTest::newRow("over the wall") << QVector<CameraRecord>{cam("a", Vec3d(0, 0, 30), 0, -10)} << Vec3d(0, 100, 25) << true << QStringList{"a"};
        QTest::newRow("before the wall") << QVector<CameraRecord>{cam("a", origin, 0)} << Vec3d(0, 40, 5) << true << QStringList{"a"};
        QTest::newRow("on the wall (target tolerance)") << QVector<CameraRecord>{cam("a", origin, 0)} << Vec3d(0, 50, 5) << true << QStringList{"a"};
        QTest::newRow("just behind the wall (beyond tolerance)") << QVector<CameraRecord>{cam("a", origin, 0)} << Vec3d(0, 51, 5) << true << QStringList{};
        QTest::newRow("camera on the wall looking away (camera tolerance)") << QVector<CameraRecord>{cam("a", Vec3d(0, 50, 5), 0)}
                                                                            << Vec3d(0, 90, 5) << true << QStringList{"a"};
        QTest::newRow("beyond range") << QVector<CameraRecord>{cam("a", origin, 0, 0, 60, 100)} << Vec3d(0, 100.5, 5) << false << QStringList{};
        QTest::newRow("just within range") << QVector<CameraRecord>{cam("a", origin, 0, 0, 60, 100)} << Vec3d(0, 99.5, 5) << false << QStringList{"a"};
        QTest::newRow("PTZ: reachable by panning") << QVector<CameraRecord>{ptz(cam("p", origin, 0), -170, 170, -60, 10)} << Vec3d(0, -30, 5) << false
                                                   << QStringList{"p*"};
        QTest::newRow("PTZ: in view now, no move") << QVector<CameraRecord>{ptz(cam("p", origin, 0), -170, 170, -60, 10)} << Vec3d(0, 30, 5) << false
                                                   << QStringList{"p"};
        QTest::newRow("PTZ: pan range too narrow") << QVector<CameraRecord>{ptz(cam("p", origin, 0), -30, 30, -60, 10)} << Vec3d(0, -30, 5) << false
                                                   << QStringList{};
        QTest::newRow("PTZ: pan edge plus half the widest fov") << QVector<CameraRecord>{ptz(cam("p", origin, 0), -30, 30, -60, 10, 60)}
                                                                << Vec3d(30 * std::sin(59.0 * M_PI / 180), 30 * std::cos(59.0 * M_PI / 180), 5) << false
                                                                << QStringList{"p*"};
        QTest::newRow("PTZ: pan relative to heading") << QVector<CameraRecord>{ptz(cam("p", origin, 180), -30, 30, -60, 10, 20)} << Vec3d(0, -30, 5) << false
                                                      << QStringList{"p"};
        QTest::newRow("PTZ: pan range across south") << QVector<CameraRecord>{ptz(cam("p", origin, 0), 150, 210, -60, 10, 20)} << Vec3d(0, -30, 5) << false
                                                     << QStringList{"p*"};
        QTest::newRow("PTZ: below the tilt range") << QVector<CameraRecord>{ptz(cam("p", Vec3d(0, 0, 50), 0), -170, 170, -30, 10, 20)} << Vec3d(0, 5, 0)
                                                   << false << QStringList{};
        QTest::newRow("PTZ: within the tilt range") << QVector<CameraRecord>{ptz(cam("p", Vec3d(0, 0, 50), 0), -170, 170, -80, 10, 20)} << Vec3d(0, 5, 0)
                                                    << false << QStringList{"p*"};
        QTest::newRow("PTZ: reachable but behind the wall") << QVector<CameraRecord>{ptz(cam("p", Vec3d(0, 100, 5), 0), -180, 180, -60, 10)}
                                                            << Vec3d(0, 20, 5) << true << QStringList{};
        QTest::newRow("PTZ: reachable but out of range") << QVector<CameraRecord>{ptz(cam("p", origin, 0, 0, 60, 20), -180, 180, -60, 10)}
                                                         << Vec3d(0, -30, 5) << false << QStringList{};
        QTest::newRow("ranking: near and on axis first")
                << QVector<CameraRecord>{cam("far", Vec3d(0, -100, 5), 0), cam("near", Vec3d(0, 0, 5), 0), cam("offaxis", Vec3d(-5, -5, 5), 0),
                                         ptz(cam("ptz", Vec3d(0, 60, 5), 90), -180, 180, -60, 10)}
                << Vec3d(0, 20, 5) << false << QStringList{"near", "offaxis", "far", "ptz*"};
        QTest::newRow("unresolved camera ignored") << [] { auto c = cam("a", Vec3d(0, 0, 5), 0); c.resolved = false; return QVector<CameraRecord>{c}; }()
                                                   << Vec3d(0, 30, 5) << false << QStringList{};
    }
    void sees()
    {
        QFETCH(QVector<CameraRecord>, cameras);
        QFETCH(Vec3d, point);
        QFETCH(bool, withWall);
        QFETCH(QStringList, expected);
        const CameraIndex index(cameras);
        const QVector<Sighting> s = index.whoSees(point, withWall ? PickFunction(wall) : PickFunction());
        QCOMPARE(ids(s), expected);
        for (const Sighting &x : s) {
            QCOMPARE(cameras.at(x.index).id, x.id);
            const CameraPose &p = cameras.at(x.index).scenePose;
            QVERIFY(std::abs(x.distance - (point - p.position).length()) < 1e-9);
            QVERIFY(std::abs(x.offAxisDeg - p.offAxisDegrees(point)) < 1e-9);
            // the documented score
            double score = 0.5 * (1 - std::min(1.0, x.distance / p.farM)) + 0.5 * (1 - std::min(1.0, x.offAxisDeg / (p.hfov / 2)));
            if (x.needsPtz)
                score *= WhoSeesOptions().ptzPenalty;
            QVERIFY(std::abs(x.score - score) < 1e-12);
        }
    }

    void options()
    {
        QVector<CameraRecord> cams;
        for (int i = 0; i < 20; ++i)
            cams << cam(QStringLiteral("c%1").arg(i), Vec3d(0, -i * 2.0, 5), 0);
        cams << ptz(cam(QStringLiteral("p"), Vec3d(0, 40, 5), 0), -180, 180, -60, 10);
        const CameraIndex index(cams);
        WhoSeesOptions o;
        QCOMPARE(index.whoSees(Vec3d(0, 20, 5), {}, o).size(), 10);
        o.maxResults = 3;
        QCOMPARE(ids(index.whoSees(Vec3d(0, 20, 5), {}, o)), (QStringList{"c0", "c1", "c2"}));
        o.maxResults = 100;
        QCOMPARE(index.whoSees(Vec3d(0, 20, 5), {}, o).size(), 21);
        o.includePtz = false;
        QCOMPARE(index.whoSees(Vec3d(0, 20, 5), {}, o).size(), 20);
        // line of sight off: the wall does not matter
        const QVector<CameraRecord> one{cam("a", Vec3d(0, 0, 5), 0)};
        const CameraIndex single(one);
        WhoSeesOptions noLos;
        noLos.lineOfSight = false;
        QCOMPARE(single.whoSees(Vec3d(0, 80, 5), wall, noLos).size(), 1);
        QCOMPARE(single.whoSees(Vec3d(0, 80, 5), wall).size(), 0);
        // hostile points
        QCOMPARE(single.whoSees(Vec3d(std::nan(""), 0, 0), wall).size(), 0);
        QCOMPARE(single.whoSees(Vec3d(1e300, 1e300, 0), wall).size(), 0);
        QCOMPARE(CameraIndex().whoSees(Vec3d(0, 10, 5), wall).size(), 0);
    }

    void hugeRangeCamera()
    {
        // a camera whose range covers a huge part of the grid is kept on the always-tested list
        QVector<CameraRecord> cams;
        for (int i = 0; i < 100; ++i)
            cams << cam(QStringLiteral("c%1").arg(i), Vec3d(i * 30.0, 0, 5), 0, 0, 60, 50);
        cams << cam(QStringLiteral("tele"), Vec3d(1500, -20000, 50), 0, 0, 10, 30000);
        const CameraIndex index(cams);
        const QVector<Sighting> s = index.whoSees(Vec3d(1500, 5000, 50), {});
        QCOMPARE(ids(s), QStringList{"tele"});
    }

    void gridAgreesWithBruteForce()
    {
        QRandomGenerator rng(42);
        QVector<CameraRecord> cams;
        for (int i = 0; i < 12000; ++i) {
            auto c = cam(QStringLiteral("c%1").arg(i), Vec3d(rng.bounded(4000.0), rng.bounded(4000.0), 3 + rng.bounded(20.0)), rng.bounded(360.0),
                         -rng.bounded(40.0), 30 + rng.bounded(60.0), 50 + rng.bounded(250.0));
            if (i % 7 == 0)
                c = ptz(c, -90 - rng.bounded(90.0), 90 + rng.bounded(90.0), -70, 10, 60);
            cams << c;
        }
        const CameraIndex index(cams);
        WhoSeesOptions o;
        o.maxResults = 100000;
        int total = 0;
        for (int q = 0; q < 300; ++q) {
            const Vec3d p(rng.bounded(4000.0), rng.bounded(4000.0), rng.bounded(10.0));
            const QVector<Sighting> s = index.whoSees(p, {}, o);
            // brute force: fixed cameras that contain the point (the PTZ rule is tested above)
            int fixedSeen = 0;
            for (const CameraRecord &c : cams)
                if (c.scenePose.contains(p))
                    ++fixedSeen;
            int fixedFound = 0;
            for (const Sighting &x : s)
                fixedFound += x.needsPtz ? 0 : 1;
            QCOMPARE(fixedFound, fixedSeen);
            for (int k = 1; k < int(s.size()); ++k)
                QVERIFY(s.at(k - 1).score >= s.at(k).score);
            total += int(s.size());
        }
        QVERIFY(total > 300); // the test exercised something
    }
};

QTEST_APPLESS_MAIN(TstWhoSeesIt)
#include "tst_whoseesit.moc"
