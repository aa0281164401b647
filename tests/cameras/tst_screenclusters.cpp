// ScreenClusters: icons binned by screen cell, from a CameraPose or a QMatrix4x4 (Qt Quick 3D
// Y-up, through sceneToQtAxes()); members, counts and centroids; hostile viewports.
#include <liyuan/cameras/ScreenClusters.h>

#include <QElapsedTimer>
#include <QtTest>

using namespace liyuan;
using namespace liyuan::cameras;

class TstScreenClusters : public QObject
{
    Q_OBJECT
private slots:
    void binsByCell()
    {
        // looking straight down from 100 m: hfov 90, aspect 1, a 1000 x 1000 viewport covers 200 x 200 m
        CameraPose view;
        view.position = Vec3d(0, 0, 100);
        view.pitch = -90;
        view.hfov = 90;
        view.aspect = 1;
        view.farM = 1000;
        const QVector<Vec3d> pts{Vec3d(-5, 1, 0), Vec3d(-4, 2, 0), Vec3d(-3, 1, 0), // together near the centre
                                 Vec3d(-80, 80, 0),                             // top-left (north-west)
                                 Vec3d(0, 0, 200),                              // behind the viewer
                                 Vec3d(5000, 0, 0)};                            // far outside
        const QVector<ScreenClusters::Cluster> cl = ScreenClusters::compute(pts, view, QSizeF(1000, 1000), 64);
        QCOMPARE(cl.size(), 2);
        const ScreenClusters::Cluster &a = cl.at(0);
        QCOMPARE(a.count, 3);
        QCOMPARE(a.members, (QVector<int>{0, 1, 2}));
        QVERIFY((a.sceneCentroid - Vec3d(-4, 4.0 / 3, 0)).length() < 1e-9);
        // x east → right, y north → up (smaller v)
        QVERIFY(std::abs(a.centroid.x() - (500 - 4 * 5)) < 1e-6);
        QVERIFY(std::abs(a.centroid.y() - (500 - 4.0 / 3 * 5)) < 1e-6);
        QCOMPARE(cl.at(1).count, 1);
        QCOMPARE(cl.at(1).members, QVector<int>{3});
        QVERIFY(std::abs(cl.at(1).centroid.x() - 100) < 1e-6 && std::abs(cl.at(1).centroid.y() - 100) < 1e-6);
    }

    void qtMatrixAgrees()
    {
        CameraPose view;
        view.position = Vec3d(10, -300, 120);
        view.heading = 20;
        view.pitch = -25;
        view.hfov = 60;
        view.aspect = 1.6;
        view.farM = 5000;
        QVector<Vec3d> pts;
        for (int i = 0; i < 2000; ++i)
            pts << Vec3d((i % 50) * 12.0 - 300, (i / 50) * 12.0 - 100, (i % 7) * 3.0);
        const auto a = ScreenClusters::compute(pts, view, QSizeF(1600, 1000), 48);
        // the same view as a Qt Quick 3D (Y-up) matrix: projection * view(Qt) * sceneToQtAxes
        QMatrix4x4 proj;
        proj.perspective(float(view.vfov()), float(view.aspect), float(view.nearM), float(view.farM));
        const Vec3d e = view.position, f = view.forward(), u = view.up();
        QMatrix4x4 look;
        look.lookAt(QVector3D(float(e.x), float(e.z), float(-e.y)), QVector3D(float(e.x + f.x), float(e.z + f.z), float(-(e.y + f.y))),
                    QVector3D(float(u.x), float(u.z), float(-u.y)));
        const auto b = ScreenClusters::compute(pts, proj * look * ScreenClusters::sceneToQtAxes(), QSizeF(1600, 1000), 48);
        QVERIFY(a.size() > 10);
        QCOMPARE(b.size(), a.size());
        int same = 0;
        for (int i = 0; i < int(a.size()); ++i)
            same += a.at(i).members == b.at(i).members ? 1 : 0;
        QVERIFY2(same >= int(a.size()) - 2, qPrintable(QStringLiteral("%1 of %2").arg(same).arg(a.size()))); // float rounding at cell borders
    }

    void hostile()
    {
        CameraPose view;
        const QVector<Vec3d> pts{Vec3d(0, 10, 0), Vec3d(std::nan(""), 1, 1)};
        QCOMPARE(ScreenClusters::compute(pts, view, QSizeF(0, 100), 64).size(), 0);
        QCOMPARE(ScreenClusters::compute(pts, view, QSizeF(100, 100), 0).size(), 0);
        QCOMPARE(ScreenClusters::compute(pts, view, QSizeF(1e9, 1e9), 1).size(), 0);
        QCOMPARE(ScreenClusters::compute(pts, view, QSizeF(100, 100), 10).size(), 1); // the NaN point is left out
    }

    void twelveThousand()
    {
        CameraPose view;
        view.position = Vec3d(1100, -500, 800);
        view.pitch = -45;
        view.farM = 10000;
        QVector<Vec3d> pts;
        for (int i = 0; i < 12000; ++i)
            pts << Vec3d((i % 110) * 20.0, (i / 110) * 20.0, 6);
        QElapsedTimer t;
        t.start();
        int total = 0;
        for (int k = 0; k < 10; ++k)
            for (const auto &c : ScreenClusters::compute(pts, view, QSizeF(1920, 1080), 64))
                total += c.count;
        qInfo("12,000 positions clustered in %.2f ms", t.nsecsElapsed() / 1e6 / 10);
        QVERIFY(total > 0 && total <= 120000);
    }
};

QTEST_APPLESS_MAIN(TstScreenClusters)
#include "tst_screenclusters.moc"
