// CameraIcons (app/cameras): screen clustering of camera icons, state colours, highlighted
// cameras kept apart, decluttered labels, hit testing; and FeedGrid: layouts, sub/main stream
// switching on maximise (hidden tiles not decoded), oldest tile replaced in a full grid.
#include "CameraIcons.h"
#include "FeedGrid.h"
#include "FeedPool.h"

#include <QtTest>

#include <random>

using namespace liyuan;

namespace {
ViewState topDown(double height, int w = 1000, int h = 800)
{
    ViewState v;
    v.eye = Vec3d(0, 0, height);
    v.forward = Vec3d(0, 0, -1);
    v.up = Vec3d(0, 1, 0);
    v.fovYDegrees = 60;
    v.viewportWidth = w;
    v.viewportHeight = h;
    return v;
}
} // namespace

class tst_CameraIcons : public QObject
{
    Q_OBJECT
private slots:
    void clustersByScreenDistance_data()
    {
        QTest::addColumn<double>("height");
        QTest::addColumn<bool>("merged");
        QTest::newRow("far: one cluster") << 5000.0 << true;
        QTest::newRow("near: apart") << 60.0 << false;
    }
    void clustersByScreenDistance()
    {
        QFETCH(double, height);
        QFETCH(bool, merged);
        CameraIcons icons;
        // two cameras 8 m apart
        icons.reset({Vec3d(-4, 0, 0), Vec3d(4, 0, 0)}, {"a", "b"});
        icons.update(topDown(height));
        QCOMPARE(icons.inViewCount(), 2);
        QCOMPARE(icons.clusterCount(), merged ? 1 : 2);
        if (merged) {
            const CameraIcons::Cluster &c = icons.clusters().front();
            QCOMPARE(int(c.members.size()), 2);
            QVERIFY(std::abs(c.center.x) < 1e-9); // the members' mean
        }
    }

    void behindAndOutsideAreNotShown()
    {
        CameraIcons icons;
        icons.reset({Vec3d(0, 0, 0), Vec3d(0, 0, 200), Vec3d(5000, 0, 0)}, {"ground", "above the eye", "far aside"});
        icons.update(topDown(100));
        QCOMPARE(icons.inViewCount(), 1);
    }

    void stateColoursTheCluster()
    {
        CameraIcons icons;
        icons.reset({Vec3d(0, 0, 0), Vec3d(1, 0, 0), Vec3d(2, 0, 0)}, {"a", "b", "c"});
        icons.setState(1, CameraIcons::Offline);
        icons.setState(2, CameraIcons::Online);
        icons.update(topDown(3000));
        QCOMPARE(icons.clusterCount(), 1);
        QCOMPARE(icons.clusters().front().state, int(CameraIcons::Offline)); // the most urgent
        icons.setState(0, CameraIcons::Streaming);
        icons.update(topDown(3000));
        QCOMPARE(icons.clusters().front().state, int(CameraIcons::Streaming));
        QVERIFY(CameraIcons::colorFor(CameraIcons::Offline) != CameraIcons::colorFor(CameraIcons::Online));
    }

    void movedKeepStateAndFilter()
    {
        CameraIcons icons;
        icons.reset({Vec3d(-30, 0, 0), Vec3d(30, 0, 0)}, {"a", "b"});
        icons.setState(0, CameraIcons::Offline);
        icons.setShown({true, false});
        icons.setPositions({Vec3d(-20, 5, 0), Vec3d(20, 5, 0)}); // calibrated / grounded
        icons.setPositions({Vec3d(0, 0, 0)});                     // wrong count: ignored
        icons.update(topDown(100));
        QCOMPARE(icons.inViewCount(), 1);
        QCOMPARE(icons.state(0), CameraIcons::Offline);
        QCOMPARE(icons.clusters().front().center.x, -20.0);
    }

    void highlightedStaysApart()
    {
        CameraIcons icons;
        icons.reset({Vec3d(0, 0, 0), Vec3d(1, 0, 0), Vec3d(2, 0, 0)}, {"a", "b", "c"});
        icons.setHighlighted(1, -1);
        icons.update(topDown(3000));
        QCOMPARE(icons.clusterCount(), 2);
        bool lone = false;
        for (const CameraIcons::Cluster &c : icons.clusters())
            lone |= c.members.size() == 1 && c.members[0] == 1;
        QVERIFY(lone);
    }

    void filterHidesCameras()
    {
        CameraIcons icons;
        icons.reset({Vec3d(-30, 0, 0), Vec3d(30, 0, 0)}, {"a", "b"});
        icons.setShown({true, false});
        icons.update(topDown(100));
        QCOMPARE(icons.inViewCount(), 1);
        QCOMPARE(icons.clusters().front().members.front(), 0);
    }

    void labelsDoNotOverlap()
    {
        CameraIcons icons;
        std::vector<Vec3d> pts;
        QStringList names;
        std::mt19937 rng(7);
        std::uniform_real_distribution<double> u(-60, 60);
        for (int i = 0; i < 300; ++i) {
            pts.push_back(Vec3d(u(rng), u(rng), 0));
            names << QStringLiteral("camera %1").arg(i);
        }
        icons.reset(pts, names);
        icons.setCellPixels(4); // clusters rarely merge: many labels compete
        icons.setLabelLimits(1000, 1e6);
        icons.update(topDown(150));
        const QVariantList labels = icons.labels();
        QVERIFY(labels.size() > 5);
        QVERIFY(labels.size() < 300);
        struct Box { double x0, y0, x1, y1; };
        std::vector<Box> boxes;
        for (const QVariant &v : labels) {
            const QVariantMap m = v.toMap();
            const double x = m.value("x").toDouble() + 10, y = m.value("y").toDouble() - 8;
            boxes.push_back({x, y, x + 7.0 * m.value("text").toString().size() + 8, y + 16});
        }
        for (size_t i = 0; i < boxes.size(); ++i)
            for (size_t j = i + 1; j < boxes.size(); ++j)
                QVERIFY(!(boxes[i].x0 < boxes[j].x1 && boxes[j].x0 < boxes[i].x1 && boxes[i].y0 < boxes[j].y1
                          && boxes[j].y0 < boxes[i].y1));
    }

    void hitTest()
    {
        CameraIcons icons;
        icons.reset({Vec3d(0, 0, 0)}, {"a"});
        icons.update(topDown(100));
        const CameraIcons::Cluster &c = icons.clusters().front();
        QCOMPARE(icons.clusterAt(c.screenX + 3, c.screenY - 3), 0);
        QCOMPARE(icons.clusterAt(c.screenX + 40, c.screenY), -1);
        QVERIFY(std::abs(c.screenX - 500) < 1 && std::abs(c.screenY - 400) < 1); // straight below the eye
    }

    void twelveThousandCameras()
    {
        CameraIcons icons;
        std::vector<Vec3d> pts;
        QStringList names;
        std::mt19937 rng(1);
        std::uniform_real_distribution<double> u(-3000, 3000);
        for (int i = 0; i < 12000; ++i) {
            pts.push_back(Vec3d(u(rng), u(rng), 10));
            names << QString::number(i);
        }
        icons.reset(pts, names);
        icons.update(topDown(6000));
        QVERIFY(icons.inViewCount() > 10000);
        QVERIFY(icons.clusterCount() < 1000); // one draw of a few hundred instances, not 12,000
        int members = 0;
        for (const CameraIcons::Cluster &c : icons.clusters())
            members += int(c.members.size());
        QCOMPARE(members, icons.inViewCount());
    }

    void gridStreams()
    {
        video::VideoOptions o;
        FeedPool pool(o);
        FeedGrid grid(&pool);
        const QString dead = QStringLiteral("rtsp://127.0.0.1:9/");
        auto cam = [&](const QString &id, bool sub) {
            FeedGrid::Camera c;
            c.id = id;
            c.mainUrl = QUrl(dead + id + "/main");
            if (sub)
                c.subUrl = QUrl(dead + id + "/sub");
            return c;
        };
        grid.setLayout(4);
        QCOMPARE(grid.columns(), 2);
        grid.open(cam("a", true));
        grid.open(cam("b", false));
        // a grid shows sub streams (the main one when a camera has none)
        QVERIFY(pool.find("a", "sub") && !pool.find("a", "main"));
        QVERIFY(pool.find("b", "main"));
        // maximised: main stream; the hidden tile is not decoded
        grid.setMaximised(0);
        QVERIFY(pool.find("a", "main") && !pool.find("a", "sub"));
        QVERIFY(!pool.find("b", "main"));
        QCOMPARE(pool.feeds().size(), 1);
        grid.setMaximised(-1);
        QVERIFY(pool.find("a", "sub") && pool.find("b", "main"));
        // opening the same camera again changes nothing; a full grid drops its oldest tile
        QCOMPARE(grid.open(cam("a", true)), 0);
        grid.open(cam("c", true));
        grid.open(cam("d", true));
        grid.open(cam("e", true));
        QCOMPARE(grid.count(), 4);
        QCOMPARE(grid.cameraIds(), QStringList({"b", "c", "d", "e"}));
        QVERIFY(!pool.find("a", "sub"));
        // a smaller layout closes the newest tiles beyond it
        grid.setLayout(1);
        QCOMPARE(grid.cameraIds(), QStringList({"b"}));
        grid.closeAll();
        QCOMPARE(pool.feeds().size(), 0);
        grid.setLayout(7);
        QCOMPARE(grid.layout(), 9);
    }
};

QTEST_MAIN(tst_CameraIcons)
#include "tst_cameraicons.moc"
