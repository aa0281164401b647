// Wall layouts: the off-axis maths (each screen's NDC rectangle of the one shared virtual
// camera; bezels hide exactly their share of the view; an off-centre eye), tile rectangles of a
// still, and hostile layout files refused with the file and the screen named.
#include "StillExporter.h"
#include "WallLayout.h"

#include <QtTest>

#include <cmath>

using namespace liyuan;

namespace {
QString fixture(const QString &name)
{
    return QStringLiteral(LIYUAN_SOURCE_DIR "/tests/wall/fixtures/") + name;
}
bool near(double a, double b, double eps = 1e-9) { return std::abs(a - b) <= eps; }
} // namespace

class tst_WallLayout : public QObject
{
    Q_OBJECT
private slots:
    void subViews_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("screen");
        QTest::addColumn<double>("left");
        QTest::addColumn<double>("right");
        QTest::addColumn<double>("bottom");
        QTest::addColumn<double>("top");
        QTest::addColumn<double>("aspect");
        QTest::addColumn<double>("fov"); // for a camera of 45°
        const double a2x1 = 2000.0 / 562.5;
        QTest::newRow("2x1 left") << "wall-2x1.json" << "left" << -1.0 << 0.0 << -1.0 << 1.0 << a2x1 << 45.0;
        QTest::newRow("2x1 right") << "wall-2x1.json" << "right" << 0.0 << 1.0 << -1.0 << 1.0 << a2x1 << 45.0;
        // 2x2, 1000×500 mm active, 10 mm bezels: 2040×1040 mm with bezels, half 1020×520 around the centre
        const double a2x2 = 2040.0 / 1040.0;
        QTest::newRow("2x2 top-left") << "wall-2x2-bezels.json" << "a" << -1010 / 1020.0 << -10 / 1020.0 << 10 / 520.0
                                      << 510 / 520.0 << a2x2 << 45.0;
        QTest::newRow("2x2 top-right") << "wall-2x2-bezels.json" << "b" << 10 / 1020.0 << 1010 / 1020.0 << 10 / 520.0
                                       << 510 / 520.0 << a2x2 << 45.0;
        QTest::newRow("2x2 bottom-left") << "wall-2x2-bezels.json" << "c" << -1010 / 1020.0 << -10 / 1020.0
                                         << -510 / 520.0 << -10 / 520.0 << a2x2 << 45.0;
        QTest::newRow("2x2 bottom-right") << "wall-2x2-bezels.json" << "d" << 10 / 1020.0 << 1010 / 1020.0
                                          << -510 / 520.0 << -10 / 520.0 << a2x2 << 45.0;
        // eye at x 500 of a 2000 mm wall, 1500 mm away: the view reaches 1500 mm to each side of it
        const double fovEye = 2 * std::atan(250.0 / 1500.0) * 180 / M_PI;
        QTest::newRow("eye left, left screen") << "wall-eye-offcentre.json" << "left" << -1 / 3.0 << 1 / 3.0 << -1.0
                                               << 1.0 << 6.0 << fovEye;
        QTest::newRow("eye left, right screen") << "wall-eye-offcentre.json" << "right" << 1 / 3.0 << 1.0 << -1.0
                                                << 1.0 << 6.0 << fovEye;
    }
    void subViews()
    {
        QFETCH(QString, file);
        QFETCH(QString, screen);
        QFETCH(double, left);
        QFETCH(double, right);
        QFETCH(double, bottom);
        QFETCH(double, top);
        QFETCH(double, aspect);
        QFETCH(double, fov);
        WallLayout w;
        QString error;
        QVERIFY2(WallLayout::load(fixture(file), &w, &error), qPrintable(error));
        const int i = w.indexOf(screen);
        QVERIFY(i >= 0);
        const WallSubView v = w.subView(i, 45.0);
        QVERIFY2(near(v.left, left) && near(v.right, right) && near(v.bottom, bottom) && near(v.top, top),
                 qPrintable(QStringLiteral("%1..%2 × %3..%4").arg(v.left).arg(v.right).arg(v.bottom).arg(v.top)));
        QVERIFY(near(w.fullAspect(45.0), aspect));
        QVERIFY2(near(w.fovYDegrees(45.0), fov, 1e-9), qPrintable(QString::number(w.fovYDegrees(45.0))));
    }

    void bezelsHideTheirShare()
    {
        // the NDC gap between neighbours is exactly the bezels' share of the virtual view
        WallLayout w;
        QString error;
        QVERIFY2(WallLayout::load(fixture(QStringLiteral("wall-2x2-bezels.json")), &w, &error), qPrintable(error));
        const WallSubView a = w.subView(w.indexOf(QStringLiteral("a")), 45), b = w.subView(w.indexOf(QStringLiteral("b")), 45);
        const WallSubView c = w.subView(w.indexOf(QStringLiteral("c")), 45);
        const double wallW = w.bounds().width(), wallH = w.bounds().height();
        QVERIFY(near(wallW, 2040) && near(wallH, 1040));
        // horizontally: a's right bezel + b's left bezel = 20 mm of 2040 mm (NDC spans 2 units)
        QVERIFY(near((b.left - a.right) / 2.0, 20.0 / wallW));
        QVERIFY(near((a.bottom - c.top) / 2.0, 20.0 / wallH));
        // and the outer bezels: 10 mm at each edge
        QVERIFY(near((a.left + 1.0) / 2.0, 10.0 / wallW));
        QVERIFY(near((1.0 - a.top) / 2.0, 10.0 / wallH));
        // a screen's picture has the aspect of its active area (no stretching): NDC span × full aspect
        QVERIFY(near((a.right - a.left) / (a.top - a.bottom) * w.fullAspect(45), 1000.0 / 500.0));
    }

    void defaultEyeSubtendsTheCameraFov_data()
    {
        QTest::addColumn<double>("fov");
        QTest::newRow("30") << 30.0;
        QTest::newRow("45") << 45.0;
        QTest::newRow("70") << 70.0;
    }
    void defaultEyeSubtendsTheCameraFov()
    {
        QFETCH(double, fov);
        WallLayout w;
        QString error;
        QVERIFY2(WallLayout::load(fixture(QStringLiteral("wall-2x2-bezels.json")), &w, &error), qPrintable(error));
        QVERIFY(!w.hasEye());
        const WallEye e = w.eye(fov);
        QVERIFY(near(e.x, 1020) && near(e.y, 520));
        QVERIFY(near(2 * std::atan(520.0 / e.distance) * 180 / M_PI, fov, 1e-9));
        QVERIFY(near(w.fovYDegrees(fov), fov, 1e-9));
    }

    void stillTiles_data()
    {
        QTest::addColumn<QSize>("still");
        QTest::addColumn<QSize>("tile");
        QTest::addColumn<QSize>("grid");
        QTest::newRow("2x2 exact") << QSize(1280, 720) << QSize(640, 360) << QSize(2, 2);
        QTest::newRow("partial last") << QSize(1000, 700) << QSize(640, 360) << QSize(2, 2);
        QTest::newRow("16K by 1080p") << QSize(16384, 9216) << QSize(1920, 1080) << QSize(9, 9);
        QTest::newRow("one tile") << QSize(300, 200) << QSize(640, 360) << QSize(1, 1);
    }
    void stillTiles()
    {
        QFETCH(QSize, still);
        QFETCH(QSize, tile);
        QFETCH(QSize, grid);
        QCOMPARE(StillExporter::tileGrid(still, tile), grid);
        // neighbouring tiles meet exactly; the first starts at the still's top-left corner; NDC per pixel is constant
        const WallSubView first = StillExporter::tileSubView(still, tile, 0, 0);
        QVERIFY(near(first.left, -1) && near(first.top, 1));
        for (int r = 0; r < grid.height(); ++r) {
            for (int c = 0; c < grid.width(); ++c) {
                const WallSubView v = StillExporter::tileSubView(still, tile, c, r);
                QVERIFY(near((v.right - v.left) / tile.width(), 2.0 / still.width()));
                QVERIFY(near((v.top - v.bottom) / tile.height(), 2.0 / still.height()));
                if (c + 1 < grid.width())
                    QVERIFY(near(StillExporter::tileSubView(still, tile, c + 1, r).left, v.right));
                if (r + 1 < grid.height())
                    QVERIFY(near(StillExporter::tileSubView(still, tile, c, r + 1).top, v.bottom));
            }
        }
        const WallSubView last = StillExporter::tileSubView(still, tile, grid.width() - 1, grid.height() - 1);
        QVERIFY(last.right >= 1 - 1e-12 && last.bottom <= -1 + 1e-12);
    }

    void hostileLayouts_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("message"); // besides the file name
        QTest::newRow("not JSON") << "bad-not-json.json" << "not a JSON wall layout";
        QTest::newRow("missing file") << "does-not-exist.json" << "cannot read";
        QTest::newRow("overlap") << "bad-overlap.json" << "screens \"a\" and \"b\" overlap";
        QTest::newRow("same grid cell") << "bad-same-cell.json" << "screens \"a\" and \"b\" overlap";
        QTest::newRow("zero size") << "bad-zero-size.json" << "screen \"zero\": \"size\" [0, 500]";
        QTest::newRow("negative size") << "bad-negative-size.json" << "screen \"neg\": \"rect\"";
        QTest::newRow("negative bezel") << "bad-negative-bezel.json" << "screen \"bz\": bezel \"left\"";
        QTest::newRow("huge resolution") << "bad-huge-resolution.json" << "screen \"big\": \"resolution\"";
        QTest::newRow("huge grid index") << "bad-huge-grid.json" << "screen \"far\": \"row\" and \"col\"";
        QTest::newRow("huge count") << "bad-huge-count.json" << "1000 screens (at most 64)";
        QTest::newRow("duplicate id") << "bad-duplicate-id.json" << "screen \"a\": the id is used twice";
        QTest::newRow("no screens") << "bad-no-screens.json" << "\"screens\" must be a non-empty array";
        QTest::newRow("eye too close") << "bad-eye-too-close.json" << "sees the wall under";
        QTest::newRow("unknown key") << "bad-unknown-key.json" << "screen \"typo\": unknown key \"bezels\"";
        QTest::newRow("no resolution") << "bad-no-resolution.json" << "screen \"nores\": needs \"resolution\"";
    }
    void hostileLayouts()
    {
        QFETCH(QString, file);
        QFETCH(QString, message);
        WallLayout w;
        QString error;
        QVERIFY(!WallLayout::load(fixture(file), &w, &error));
        QVERIFY2(error.startsWith(fixture(file) + QStringLiteral(": ")), qPrintable(error));
        QVERIFY2(error.contains(message), qPrintable(error));
    }

    void unknownScreenIsNamed()
    {
        WallLayout w;
        QString error;
        QVERIFY2(WallLayout::load(fixture(QStringLiteral("wall-2x1.json")), &w, &error), qPrintable(error));
        QCOMPARE(w.indexOf(QStringLiteral("middle")), -1);
        const QString m = w.unknownScreenMessage(QStringLiteral("middle"));
        QVERIFY2(m.contains(fixture(QStringLiteral("wall-2x1.json"))) && m.contains(QStringLiteral("no screen \"middle\""))
                         && m.contains(QStringLiteral("left, right")),
                 qPrintable(m));
        QCOMPARE(w.screens().at(1).geometry, QRect(640, 0, 640, 360));
        QCOMPARE(w.screens().at(1).resolution, QSize(640, 360));
    }
};

QTEST_GUILESS_MAIN(tst_WallLayout)
#include "tst_walllayout.moc"
