// FootfallHeatmap: extent, kernel shape, normalisation, colour ramp, orientation, hostile input.
#include "FootfallHeatmap.h"

#include <QGuiApplication>
#include <QtTest>

#include <cmath>

using liyuan::FootfallHeatmap;
using Point = FootfallHeatmap::Point;

class TestFootfallHeatmap : public QObject
{
    Q_OBJECT
private slots:
    void ramp_data();
    void ramp();
    void extent_data();
    void extent();
    void kernelAndNormalisation();
    void orientation();
    void unchangedIsNoop();
    void hostile_data();
    void hostile();
};

void TestFootfallHeatmap::ramp_data()
{
    QTest::addColumn<double>("t");
    QTest::addColumn<QColor>("expect");
    QTest::newRow("0 blue") << 0.0 << QColor(0, 0, 255);
    QTest::newRow("0.5 yellow") << 0.5 << QColor(255, 255, 0);
    QTest::newRow("1 red") << 1.0 << QColor(255, 0, 0);
    QTest::newRow("below clamps") << -3.0 << QColor(0, 0, 255);
    QTest::newRow("above clamps") << 7.0 << QColor(255, 0, 0);
    QTest::newRow("NaN is 0") << std::nan("") << QColor(0, 0, 255);
}

void TestFootfallHeatmap::ramp()
{
    QFETCH(double, t);
    QFETCH(QColor, expect);
    QCOMPARE(FootfallHeatmap::ramp(t).rgb(), expect.rgb());
}

void TestFootfallHeatmap::extent_data()
{
    QTest::addColumn<QVector<Point>>("points");
    QTest::addColumn<double>("radius");
    QTest::addColumn<QVector3D>("center");
    QTest::addColumn<float>("side");
    QTest::newRow("one point") << QVector<Point>{{10, 20, 3, 5}} << 25.0 << QVector3D(10, 20, 3) << 50.0f;
    QTest::newRow("wide pair") << QVector<Point>{{0, 0, 2, 1}, {100, 10, 1, 1}} << 25.0 << QVector3D(50, 5, 1) << 150.0f;
    QTest::newRow("tall pair, small radius") << QVector<Point>{{0, -40, 0, 1}, {5, 60, 0, 3}} << 5.0 << QVector3D(2.5f, 10, 0) << 110.0f;
}

void TestFootfallHeatmap::extent()
{
    QFETCH(QVector<Point>, points);
    QFETCH(double, radius);
    QFETCH(QVector3D, center);
    QFETCH(float, side);
    FootfallHeatmap h;
    h.setRadius(radius);
    QVERIFY(h.isEmpty());
    QSignalSpy spy(&h, &FootfallHeatmap::extentChanged);
    QVERIFY(h.update(points));
    QCOMPARE(spy.size(), 1);
    QVERIFY(!h.isEmpty());
    QCOMPARE(h.center(), center);
    QCOMPARE(h.extentSize(), QVector3D(side, side, 0));
    QCOMPARE(h.size(), QSize(256, 256));
    QCOMPARE(h.format(), QQuick3DTextureData::RGBA8);
    QCOMPARE(h.textureData().size(), 256 * 256 * 4);
    for (const Point &p : points) // every counter is hot where it stands
        QVERIFY(h.intensityAt(p.x, p.y) > 0.2);
}

void TestFootfallHeatmap::kernelAndNormalisation()
{
    FootfallHeatmap h;
    h.setRadius(20);
    QVERIFY(h.update({{0, 0, 0, 200}, {60, 0, 0, 50}}));
    QVERIFY(h.intensityAt(0, 0) > 0.98);                                   // hottest = 1
    QVERIFY(std::abs(h.intensityAt(60, 0) - 0.25) < 0.05);                 // weight ratio
    QVERIFY(h.intensityAt(10, 0) < h.intensityAt(3, 0));                   // falls off
    QVERIFY(h.intensityAt(10, 0) > 0.1);
    QCOMPARE(h.intensityAt(30, 0), 0.0);                                   // beyond the radius of both
    QCOMPARE(h.intensityAt(0, 21), 0.0);
    QCOMPARE(h.intensityAt(1e6, 0), 0.0);                                  // outside the texture
    // colour and alpha follow the intensity
    const int n = h.resolution();
    auto pixelOf = [&](double x, double y) {
        const double side = h.extentSize().x(), west = h.center().x() - side / 2, north = h.center().y() + side / 2;
        return h.pixelAt(int((x - west) / side * n), int((north - y) / side * n));
    };
    const QColor hot = pixelOf(0, 0), warm = pixelOf(60, 0), cold = pixelOf(30, 0);
    QVERIFY(hot.red() > 240 && hot.green() < 20 && hot.alpha() > 200);
    QVERIFY(warm.blue() > 100 && warm.alpha() < hot.alpha() && warm.alpha() > 20);
    QCOMPARE(cold.alpha(), 0);
}

void TestFootfallHeatmap::orientation()
{
    // one counter north-west, one south-east: row 0 is north, column 0 is west
    FootfallHeatmap h;
    h.setRadius(10);
    h.setResolution(64);
    QVERIFY(h.update({{0, 100, 0, 10}, {100, 0, 0, 10}}));
    int nwAlpha = 0, seAlpha = 0, neAlpha = 0;
    for (int r = 0; r < 16; ++r)
        for (int c = 0; c < 16; ++c) {
            nwAlpha += h.pixelAt(c, r).alpha();
            neAlpha += h.pixelAt(63 - c, r).alpha();
            seAlpha += h.pixelAt(63 - c, 63 - r).alpha();
        }
    QVERIFY(nwAlpha > 0);
    QVERIFY(seAlpha > 0);
    QCOMPARE(neAlpha, 0);
}

void TestFootfallHeatmap::unchangedIsNoop()
{
    FootfallHeatmap h;
    const QVector<Point> pts{{1, 2, 0, 10}, {30, 2, 0, 20}};
    QVERIFY(h.update(pts));
    QSignalSpy dirty(&h, &QQuick3DTextureData::textureDataNodeDirty);
    QVERIFY(!h.update(pts));
    QVERIFY(h.update({{1, 2, 0, 11}, {30, 2, 0, 20}}));
    h.setRadius(40);
    QVERIFY(h.update({{1, 2, 0, 11}, {30, 2, 0, 20}})); // same points, new radius
    QCOMPARE(h.extentSize().x(), 29.0f + 80.0f);
    h.setResolution(32);
    QVERIFY(h.update({{1, 2, 0, 11}, {30, 2, 0, 20}}));
    QCOMPARE(h.size(), QSize(32, 32));
    QCOMPARE(h.textureData().size(), 32 * 32 * 4);
    QVERIFY(h.update({}));
    QVERIFY(h.isEmpty());
}

void TestFootfallHeatmap::hostile_data()
{
    QTest::addColumn<QVector<Point>>("points");
    QTest::addColumn<bool>("empty");
    const double nan = std::nan("");
    QTest::newRow("all zero counts") << QVector<Point>{{0, 0, 0, 0}, {10, 0, 0, 0}} << false;
    QTest::newRow("negative counts") << QVector<Point>{{0, 0, 0, -50}, {10, 0, 0, 5}} << false;
    QTest::newRow("NaN position dropped") << QVector<Point>{{nan, 0, 0, 5}} << true;
    QTest::newRow("inf position dropped") << QVector<Point>{{0, INFINITY, 0, 5}, {1, 1, 0, 2}} << false;
    QTest::newRow("NaN weight is 0") << QVector<Point>{{0, 0, 0, nan}} << false;
    QTest::newRow("huge weight") << QVector<Point>{{0, 0, 0, 1e300}, {20, 0, 0, 1}} << false;
    QTest::newRow("far apart") << QVector<Point>{{-1e6, 0, 0, 1}, {1e6, 0, 0, 1}} << false;
    QTest::newRow("same place") << QVector<Point>{{5, 5, 0, 1}, {5, 5, 0, 1}, {5, 5, 0, 1}} << false;
}

void TestFootfallHeatmap::hostile()
{
    QFETCH(QVector<Point>, points);
    QFETCH(bool, empty);
    FootfallHeatmap h;
    h.update(points);
    QCOMPARE(h.isEmpty(), empty);
    QCOMPARE(h.textureData().size(), 256 * 256 * 4);
    for (int r = 0; r < 256; r += 17)
        for (int c = 0; c < 256; c += 13)
            QVERIFY(h.pixelAt(c, r).isValid());
    QVERIFY(std::isfinite(h.center().x()) && std::isfinite(h.extentSize().x()));
    for (const Point &p : points) { // intensities stay finite and within 0..1
        const double v = h.intensityAt(p.x, p.y);
        QVERIFY2(std::isfinite(v) && v >= 0.0 && v <= 1.0, qPrintable(QString::number(v)));
    }
    if (QByteArray(QTest::currentDataTag()) == "huge weight")
        QVERIFY(h.intensityAt(0, 0) > 0.99 && h.intensityAt(20, 0) < 0.07); // exp(-2.88) of the big one
    h.setRadius(-1);
    h.setRadius(std::nan(""));
    QCOMPARE(h.radius(), 25.0);
    h.setResolution(0);
    QCOMPARE(h.resolution(), 16);
    h.setResolution(1 << 20);
    QCOMPARE(h.resolution(), 2048);
    QCOMPARE(h.pixelAt(-1, 0), QColor());
}

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("DISPLAY") && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    TestFootfallHeatmap t;
    return QTest::qExec(&t, argc, argv);
}

#include "tst_footfallheatmap.moc"
