// DepthRaster: the CPU z-buffer video fusion occludes with — depths against CameraPose's own
// maths on constructed geometry (ground, a wall in front of it), near-plane clipping, dataset
// transforms, the frustum test, hostile meshes.
#include <liyuan/scene/DepthRaster.h>

#include <QtTest>

#include <cmath>

using namespace liyuan;

namespace {

/** A quad (two triangles) as one mesh of a new TileContent, at `origin`. */
std::shared_ptr<TileContent> quad(const Vec3d &origin, const Vec3d corners[4])
{
    auto c = std::make_shared<TileContent>();
    c->origin = origin;
    MeshData m;
    for (int i = 0; i < 4; ++i)
        for (double v : {corners[i].x, corners[i].y, corners[i].z})
            m.positions.push_back(float(v));
    m.indices = {0, 1, 2, 0, 2, 3};
    m.computeBounds();
    c->meshes.push_back(std::move(m));
    return c;
}

/** The ground (z = 0, 200 m square around the origin) and a wall at y = 10 (x −5…5, z 0…6). */
std::vector<DepthRaster::Item> scene(const DatasetTransform &xf = {})
{
    const Vec3d ground[4] = {{-100, -100, 0}, {100, -100, 0}, {100, 100, 0}, {-100, 100, 0}};
    const Vec3d wall[4] = {{-5, 0, 0}, {5, 0, 0}, {5, 0, 6}, {-5, 0, 6}};
    return {{quad({}, ground), 0, xf}, {quad({0, 10, 0}, wall), 0, xf}};
}

CameraPose camera()
{
    CameraPose c;
    c.position = {0, -20, 10};
    c.heading = 0;
    c.pitch = -20;
    c.hfov = 60;
    c.aspect = 16.0 / 9.0;
    c.nearM = 0.5;
    c.farM = 300;
    return c;
}

/** The pixel (x right, y down) a scene point falls in. */
QPoint pixelOf(const CameraPose &c, const Vec3d &p, int w, int h)
{
    double u = 0, v = 0;
    c.toPixel(p, w, h, &u, &v);
    return QPoint(int(std::floor(u)), int(std::floor(v)));
}

/** The scene point at the centre of pixel (x, y) on the plane z = 0. */
Vec3d groundAtPixel(const CameraPose &c, int x, int y, int w, int h)
{
    const Vec3d d = c.rayThroughPixel(x + 0.5, y + 0.5, w, h);
    return c.position + d * (-c.position.z / d.z);
}

} // namespace

class tst_DepthRaster : public QObject
{
    Q_OBJECT
private slots:
    void depthsMatchTheCamera_data()
    {
        QTest::addColumn<double>("x");
        QTest::addColumn<double>("y");
        QTest::addColumn<double>("z");
        QTest::addColumn<QString>("expect"); // what the pixel holds: ground, wall
        QTest::newRow("ground left of the wall") << -12.0 << 12.0 << 0.0 << "ground";
        QTest::newRow("ground near the camera") << 0.0 << -5.0 << 0.0 << "ground";
        QTest::newRow("ground far away") << 20.0 << 80.0 << 0.0 << "ground";
        QTest::newRow("the wall's face") << 2.0 << 10.0 << 3.0 << "wall";
        QTest::newRow("ground behind the wall") << 1.0 << 14.0 << 0.0 << "wall";
    }
    void depthsMatchTheCamera()
    {
        QFETCH(double, x);
        QFETCH(double, y);
        QFETCH(double, z);
        QFETCH(QString, expect);
        const CameraPose c = camera();
        const int w = 512, h = 288;
        DepthRaster r(w, h);
        r.render(c, scene());
        QCOMPARE(r.trianglesDrawn(), qint64(4));
        const Vec3d p(x, y, z);
        QVERIFY(c.contains(p));
        const QPoint px = pixelOf(c, p, w, h);
        const float d = r.at(px.x(), px.y());
        if (expect == "ground") {
            // the depth of the ground point seen at the pixel's centre
            const Vec3d g = groundAtPixel(c, px.x(), px.y(), w, h);
            QVERIFY2(std::abs(d - c.toCamera(g).z) < 1e-3 * c.toCamera(g).z + 1e-3,
                     qPrintable(QStringLiteral("%1 vs %2").arg(d).arg(c.toCamera(g).z)));
        } else {
            // the wall's plane y = 10 along the pixel's ray
            const Vec3d dir = c.rayThroughPixel(px.x() + 0.5, px.y() + 0.5, w, h);
            const Vec3d onWall = c.position + dir * ((10.0 - c.position.y) / dir.y);
            QVERIFY(std::abs(onWall.x) < 5 && onWall.z > 0 && onWall.z < 6);
            QVERIFY2(std::abs(d - c.toCamera(onWall).z) < 1e-3, qPrintable(QStringLiteral("%1 vs %2").arg(d).arg(c.toCamera(onWall).z)));
            if (p.y > 10.5)
                QVERIFY(d < c.toCamera(p).z - 0.5); // nearer than the point: it is hidden
        }
    }

    void skyIsEmptyAndTheFrameIsTopRowFirst()
    {
        const CameraPose c = camera();
        DepthRaster r(64, 36);
        r.render(c, scene());
        // pitch −20° with a 36.5° high view: the top row looks above the horizon, the bottom row at the ground
        QCOMPARE(r.at(32, 0), DepthRaster::empty());
        QVERIFY(r.at(32, 35) < 40.0f);
        QCOMPARE(r.at(-1, 0), DepthRaster::empty());
        QCOMPARE(r.at(64, 0), DepthRaster::empty());
    }

    void clippedAtTheNearPlane()
    {
        // the ground reaches under and behind the camera: only what lies beyond near is drawn
        CameraPose c = camera();
        // (2 m up, 60° down: the axis meets the ground 2.31 m away, the bottom row 2.04 m away)
        c.position = {0, -20, 2};
        c.pitch = -60;
        c.nearM = 2.2;
        DepthRaster r(128, 72);
        r.render(c, scene());
        float nearest = DepthRaster::empty();
        for (float d : r.depths())
            nearest = std::min(nearest, d);
        QVERIFY(nearest >= 2.2f - 1e-4f);
        QVERIFY(nearest < 2.3f);
        QCOMPARE(r.at(64, 71), DepthRaster::empty()); // before the near plane
        QVERIFY(std::abs(r.at(64, 36) - 2.0 / std::sin(M_PI / 3)) < 0.02);
    }

    void datasetTransformPlacesTheMeshes()
    {
        // the same scene built turned by −90° and moved, placed back by its transform (heading 90:
        // the dataset's north onto scene east) gives the same depth map as the scene itself
        const CameraPose c = camera();
        DepthRaster plain(96, 54), placed(96, 54);
        plain.render(c, scene());
        DatasetTransform xf;
        xf.offset = {3, 4, 0};
        xf.headingDeg = 90;
        std::vector<DepthRaster::Item> items;
        const Vec3d ground[4] = {{-100, -100, 0}, {100, -100, 0}, {100, 100, 0}, {-100, 100, 0}};
        auto toLocal = [&xf](const Vec3d &p) { return xf.toLocal(p); };
        Vec3d g[4], w[4];
        const Vec3d wall[4] = {{-5, 10, 0}, {5, 10, 0}, {5, 10, 6}, {-5, 10, 6}};
        for (int i = 0; i < 4; ++i)
            g[i] = toLocal(ground[i]), w[i] = toLocal(wall[i]);
        items.push_back({quad({}, g), 0, xf});
        items.push_back({quad({}, w), 0, xf});
        placed.render(c, items);
        double worst = 0;
        for (size_t i = 0; i < plain.depths().size(); ++i)
            if (plain.depths()[i] < DepthRaster::empty())
                worst = std::max(worst, double(std::abs(plain.depths()[i] - placed.depths()[i])));
            else
                QCOMPARE(placed.depths()[i], DepthRaster::empty());
        QVERIFY2(worst < 1e-3, qPrintable(QString::number(worst)));
    }

    void mayBeSeen_data()
    {
        QTest::addColumn<double>("x");
        QTest::addColumn<double>("y");
        QTest::addColumn<double>("z");
        QTest::addColumn<bool>("seen");
        QTest::newRow("ahead") << 0.0 << 20.0 << 0.0 << true;
        QTest::newRow("behind") << 0.0 << -60.0 << 0.0 << false;
        QTest::newRow("far to the east") << 200.0 << 0.0 << 0.0 << false;
        QTest::newRow("beyond far") << 0.0 << 400.0 << 0.0 << false;
        QTest::newRow("overlapping the border") << 19.0 << 10.0 << 0.0 << true;
    }
    void mayBeSeen()
    {
        QFETCH(double, x);
        QFETCH(double, y);
        QFETCH(double, z);
        QFETCH(bool, seen);
        const Vec3d half(2, 2, 2);
        QCOMPARE(DepthRaster::mayBeSeen(camera(), {}, Vec3d(x, y, z) - half, Vec3d(x, y, z) + half), seen);
    }

    void hostileMeshes()
    {
        auto c = std::make_shared<TileContent>();
        MeshData m;
        m.positions = {0, 5, 0, 1, 5, 0, 0, 5, 1};
        m.indices = {0, 1, 7, 0, 1}; // an index beyond the vertices, a trailing partial triangle
        c->meshes.push_back(m);
        MeshData nan;
        nan.positions = {std::nanf(""), 5, 0, 1, 5, 0, 0, 5, 1};
        nan.indices = {0, 1, 2};
        c->meshes.push_back(nan);
        MeshData degenerate;
        degenerate.positions = {0, 5, 0, 0, 5, 0, 0, 5, 0};
        degenerate.indices = {0, 1, 2};
        c->meshes.push_back(degenerate);
        DepthRaster r(32, 18);
        r.render(camera(), {{c, 0, {}}, {c, 1, {}}, {c, 2, {}}, {c, 7, {}}, {nullptr, 0, {}}, {c, -1, {}}});
        QCOMPARE(r.trianglesDrawn(), qint64(0));
        for (float d : r.depths())
            QCOMPARE(d, DepthRaster::empty());
        DepthRaster none(0, -5); // a hostile size is one pixel, not a crash
        none.render(camera(), scene());
        QCOMPARE(none.width(), 1);
    }
};

QTEST_GUILESS_MAIN(tst_DepthRaster)
#include "tst_depthraster.moc"
