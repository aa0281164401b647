// The PagedLOD rule on constructed trees: pixel size, distance, frustum, LOD scale,
// parents kept until children are ready, failed children remembered.
#include <liyuan/scene/TileSelector.h>

#include <QtTest>

#include <cmath>

using namespace liyuan;

Q_DECLARE_METATYPE(liyuan::Vec3d)

namespace {

MeshData quad(float half)
{
    MeshData m;
    m.positions = {-half, -half, 0, half, -half, 0, half, half, 0, -half, half, 0};
    m.indices = {0, 1, 2, 0, 2, 3};
    m.computeBounds();
    return m;
}

/** A ContextCapture-shaped tile: one pixel-size PagedLOD, [0,T) own mesh, [T,inf) child file. */
std::shared_ptr<TileContent> ccTile(const Vec3d &origin, double radius, float threshold, const QString &child)
{
    auto c = std::make_shared<TileContent>();
    c->origin = origin;
    c->meshes.push_back(quad(float(radius * 0.7)));
    LodNode n;
    n.center = Vec3d();
    n.radius = radius;
    n.rangeMode = RangeMode::PixelSizeOnScreen;
    LodRange own;
    own.min = 0;
    own.max = threshold;
    own.meshes = {0};
    n.ranges.push_back(own);
    if (!child.isEmpty()) {
        LodRange far;
        far.min = threshold;
        far.max = 1e30f;
        far.childFile = child;
        n.ranges.push_back(far);
    }
    c->nodes.push_back(n);
    return c;
}

/** Camera at distance d south of the origin-level point, looking north horizontally. */
ViewState viewAt(double d, const Vec3d &target = Vec3d())
{
    ViewState v;
    v.eye = target - Vec3d(0, d, 0);
    v.forward = Vec3d(0, 1, 0);
    v.up = Vec3d(0, 0, 1);
    v.fovYDegrees = 45;
    v.viewportWidth = 1000;
    v.viewportHeight = 800;
    return v;
}

struct Tree
{
    Tile root, child;
    Tree()
    {
        root.file = "root.osgb";
        root.state = TileLoadState::Done;
        root.content = ccTile(Vec3d(0, 0, 0), 50, 300.f, "child.osgb");
        child.file = "child.osgb";
        child.parent = &root;
        root.children = {&child};
        auto cc = ccTile(Vec3d(0, 0, 0), 50, 1e30f, QString());
        child.content = cc;
        child.state = TileLoadState::Unloaded;
    }
    std::vector<TileSelector::Root> roots() { return {{&root, Vec3d()}}; }
};

bool draws(const Selection &s, const Tile *t)
{
    for (const DrawItem &d : s.draw)
        if (d.tile == t)
            return true;
    return false;
}

bool wants(const Selection &s, const Tile *t)
{
    for (const LoadRequest &r : s.wanted)
        if (r.tile == t)
            return true;
    return false;
}

} // namespace

class tst_TileSelector : public QObject
{
    Q_OBJECT
private slots:
    void pixelSizeMatchesOsgFormula_data()
    {
        QTest::addColumn<double>("distance");
        QTest::addColumn<double>("radius");
        QTest::newRow("near") << 100.0 << 50.0;
        QTest::newRow("far") << 5000.0 << 50.0;
        QTest::newRow("big") << 1000.0 << 400.0;
    }
    void pixelSizeMatchesOsgFormula()
    {
        QFETCH(double, distance);
        QFETCH(double, radius);
        const ViewState v = viewAt(distance);
        // OSG: 2r * (H/2) / tan(fovY/2) / depth
        const double expected = 2 * radius * 400.0 / std::tan(22.5 * M_PI / 180.0) / distance;
        QVERIFY(std::abs(v.pixelSize(Vec3d(), radius) - expected) < 1e-9 * expected);
    }

    void farDrawsOwnGeometry()
    {
        Tree t;
        // projected diameter at 2000 m: 100*965.7/2000 ≈ 48 px < 300
        const Selection s = TileSelector().select(t.roots(), viewAt(2000), TilesetOptions{}, 1);
        QVERIFY(draws(s, &t.root));
        QVERIFY(s.wanted.empty());
        QCOMPARE(s.triangles, qint64(2));
    }

    void nearWantsChildAndKeepsParent()
    {
        Tree t;
        // at 100 m: ≈ 966 px > 300 → child wanted; parent stays drawn (no hole)
        const Selection s = TileSelector().select(t.roots(), viewAt(100), TilesetOptions{}, 1);
        QVERIFY(wants(s, &t.child));
        QVERIFY(draws(s, &t.root));
        QCOMPARE(s.fallbacks, 1);
    }

    void readyChildReplacesParent()
    {
        Tree t;
        t.child.state = TileLoadState::Done;
        const Selection s = TileSelector().select(t.roots(), viewAt(100), TilesetOptions{}, 5);
        QVERIFY(draws(s, &t.child));
        QVERIFY(!draws(s, &t.root));
        QVERIFY(s.wanted.empty());
        QCOMPARE(t.child.lastUsedFrame, quint64(5));
        QCOMPARE(t.root.lastUsedFrame, quint64(5));
    }

    void failedChildIsRememberedNotRequested()
    {
        Tree t;
        t.child.state = TileLoadState::Failed;
        for (quint64 frame = 1; frame < 4; ++frame) {
            const Selection s = TileSelector().select(t.roots(), viewAt(100), TilesetOptions{}, frame);
            QVERIFY(!wants(s, &t.child));
            QVERIFY(draws(s, &t.root));
        }
    }

    void lodScale_data()
    {
        QTest::addColumn<double>("scale");
        QTest::addColumn<bool>("wantsChild");
        // at 250 m the sphere is ≈ 386 px: over 300 at scale 1, under at 2, far over at 0.5
        QTest::newRow("1") << 1.0 << true;
        QTest::newRow("2 (coarser)") << 2.0 << false;
        QTest::newRow("0.5 (finer)") << 0.5 << true;
    }
    void lodScale()
    {
        QFETCH(double, scale);
        QFETCH(bool, wantsChild);
        Tree t;
        TilesetOptions o;
        o.lodScale = scale;
        const Selection s = TileSelector().select(t.roots(), viewAt(250), o, 1);
        QCOMPARE(wants(s, &t.child), wantsChild);
    }

    void frustumCulls_data()
    {
        QTest::addColumn<Vec3d>("forward");
        QTest::addColumn<bool>("visible");
        QTest::newRow("looking at it") << Vec3d(0, 1, 0) << true;
        QTest::newRow("looking away") << Vec3d(0, -1, 0) << false;
        QTest::newRow("looking east") << Vec3d(1, 0, 0) << false;
    }
    void frustumCulls()
    {
        QFETCH(Vec3d, forward);
        QFETCH(bool, visible);
        Tree t;
        ViewState v = viewAt(500);
        v.forward = forward;
        const Selection s = TileSelector().select(t.roots(), v, TilesetOptions{}, 1);
        QCOMPARE(draws(s, &t.root), visible);
        QCOMPARE(s.culledNodes, visible ? 0 : 1);
    }

    void distanceMode()
    {
        Tree t;
        auto c = std::make_shared<TileContent>(*t.root.content);
        c->nodes[0].rangeMode = RangeMode::DistanceFromEye;
        // ranges: [0,300) own mesh, [300,inf) child — in distance mode the child shows far away
        t.root.content = c;
        const Selection nearSel = TileSelector().select(t.roots(), viewAt(100), TilesetOptions{}, 1);
        QVERIFY(draws(nearSel, &t.root));
        QVERIFY(!wants(nearSel, &t.child));
        const Selection farSel = TileSelector().select(t.roots(), viewAt(1000), TilesetOptions{}, 2);
        QVERIFY(wants(farSel, &t.child));
    }

    void unloadedRootIsWantedFirst()
    {
        Tree t;
        t.root.state = TileLoadState::Unloaded;
        const Selection s = TileSelector().select(t.roots(), viewAt(100), TilesetOptions{}, 1);
        QCOMPARE(int(s.wanted.size()), 1);
        QCOMPARE(s.wanted[0].tile, &t.root);
        QVERIFY(s.draw.empty());
    }

    void siblingsReplaceTheParentTogether()
    {
        // a quadtree-style node: two child files for the same range
        Tree t;
        Tile second;
        second.file = "second.osgb";
        second.content = t.child.content;
        auto c = std::make_shared<TileContent>(*t.root.content);
        LodRange r = c->nodes[0].ranges[1];
        r.childFile = "second.osgb";
        c->nodes[0].ranges.push_back(r);
        t.root.content = c;
        t.root.children = {&t.child, &second};
        t.child.state = TileLoadState::Done;
        second.state = TileLoadState::Loading;
        Selection s = TileSelector().select(t.roots(), viewAt(100), TilesetOptions{}, 1);
        QVERIFY(draws(s, &t.root));     // parent kept…
        QVERIFY(!draws(s, &t.child));   // …and no half-replaced overlap
        QCOMPARE(t.child.lastUsedFrame, quint64(1)); // the ready child stays cached
        QVERIFY(wants(s, &second));
        second.state = TileLoadState::Done;
        s = TileSelector().select(t.roots(), viewAt(100), TilesetOptions{}, 2);
        QVERIFY(!draws(s, &t.root));
        QVERIFY(draws(s, &t.child) && draws(s, &second));
    }

    void nestedNodesFollowTheirRange()
    {
        // an inline range holding a nested LOD: only considered while the range is active
        Tile tile;
        tile.state = TileLoadState::Done;
        auto c = std::make_shared<TileContent>();
        c->meshes = {quad(10), quad(5)};
        LodNode outer;
        outer.radius = 20;
        outer.rangeMode = RangeMode::DistanceFromEye;
        LodRange r0; r0.min = 0; r0.max = 500; r0.meshes = {0};
        outer.ranges = {r0};
        LodNode inner;
        inner.radius = 10;
        inner.rangeMode = RangeMode::DistanceFromEye;
        inner.parentNode = 0;
        inner.parentRange = 0;
        LodRange r1; r1.min = 0; r1.max = 200; r1.meshes = {1};
        inner.ranges = {r1};
        c->nodes = {outer, inner};
        tile.content = c;
        const std::vector<TileSelector::Root> roots{{&tile, Vec3d()}};
        QCOMPARE(int(TileSelector().select(roots, viewAt(100), TilesetOptions{}, 1).draw.size()), 2);
        QCOMPARE(int(TileSelector().select(roots, viewAt(300), TilesetOptions{}, 2).draw.size()), 1);
        QCOMPARE(int(TileSelector().select(roots, viewAt(800), TilesetOptions{}, 3).draw.size()), 0);
    }
    // wall: a sub-view's SSE uses the full view's pixel density; its frustum is asymmetric
    void subViewPixelSizeIsTheFullViews_data()
    {
        QTest::addColumn<double>("bottom");
        QTest::addColumn<double>("top");
        QTest::addColumn<int>("height");
        QTest::newRow("top half, half the pixels") << 0.0 << 1.0 << 400;
        QTest::newRow("a fifth, a fifth of the pixels") << -0.2 << 0.2 << 160;
        QTest::newRow("whole") << -1.0 << 1.0 << 800;
    }
    void subViewPixelSizeIsTheFullViews()
    {
        QFETCH(double, bottom);
        QFETCH(double, top);
        QFETCH(int, height);
        const ViewState full = viewAt(1000);
        ViewState sub = full;
        sub.ndcBottom = bottom;
        sub.ndcTop = top;
        sub.viewportHeight = height;
        sub.fullAspect = full.aspect();
        const double a = full.pixelSize(Vec3d(), 50), b = sub.pixelSize(Vec3d(), 50);
        QVERIFY2(std::abs(a - b) < 1e-9 * a, qPrintable(QStringLiteral("%1 vs %2").arg(a).arg(b)));
    }

    void subViewCullsAsymmetrically_data()
    {
        QTest::addColumn<double>("x");        // sphere centre east of the view axis, at 1000 m ahead
        QTest::addColumn<double>("radius");
        QTest::addColumn<bool>("inLeft");     // NDC x −1..0
        QTest::addColumn<bool>("inRight");    // NDC x 0..1
        // tan(22.5°)·1.25 = 0.5178: the full view's half width at 1000 m is 517.8 m
        QTest::newRow("far left") << -400.0 << 10.0 << true << false;
        QTest::newRow("far right") << 400.0 << 10.0 << false << true;
        QTest::newRow("on the seam") << 0.0 << 10.0 << true << true;
        QTest::newRow("just right of the seam") << 12.0 << 10.0 << false << true;
        QTest::newRow("touching the seam") << 9.0 << 10.0 << true << true;
        QTest::newRow("outside the full view") << 600.0 << 10.0 << false << false;
    }
    void subViewCullsAsymmetrically()
    {
        QFETCH(double, x);
        QFETCH(double, radius);
        QFETCH(bool, inLeft);
        QFETCH(bool, inRight);
        const ViewState full = viewAt(1000);
        ViewState left = full, right = full;
        left.viewportWidth = right.viewportWidth = 500;
        left.fullAspect = right.fullAspect = full.aspect();
        left.ndcRight = 0;
        right.ndcLeft = 0;
        const Vec3d c(x, 0, 0);
        QCOMPARE(left.sphereVisible(c, radius), inLeft);
        QCOMPARE(right.sphereVisible(c, radius), inRight);
        QCOMPARE(full.sphereVisible(c, radius), inLeft || inRight);
    }
};

QTEST_APPLESS_MAIN(tst_TileSelector)
#include "tst_tileselector.moc"
