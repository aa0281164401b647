// SceneClipping: polygons packed for the GPU with the view slot a scheme's areas apply to
// (descriptor mode = mode + 16 × slot), per-slot flatten/clip bits, the CPU mirror by slot.
#include <liyuan/scene/quick/SceneClipping.h>

#include <QtTest>

using liyuan::SceneClipping;

namespace {
SceneClipping::Polygon square(double x0, double y0, double size, SceneClipping::Mode mode, int slot, double height = 0)
{
    SceneClipping::Polygon p;
    p.ring << QPointF(x0, y0) << QPointF(x0 + size, y0) << QPointF(x0 + size, y0 + size) << QPointF(x0, y0 + size);
    p.mode = mode;
    p.slot = slot;
    p.height = height;
    return p;
}

/** The descriptor texel (first, count, mode code, height) of polygon i. */
QVector4D descriptor(const SceneClipping &c, int i)
{
    const QByteArray data = c.polygonData()->textureData();
    const float *t = reinterpret_cast<const float *>(data.constData()) + 4 * (2 * i);
    return QVector4D(t[0], t[1], t[2], t[3]);
}
} // namespace

class tst_SceneClipping : public QObject
{
    Q_OBJECT
private slots:
    void slotsAreEncoded_data()
    {
        QTest::addColumn<int>("mode");
        QTest::addColumn<int>("slot");
        QTest::addColumn<int>("code");       // what the shaders read
        QTest::addColumn<int>("flattenBits");
        QTest::addColumn<int>("clipBits");
        QTest::newRow("flatten main") << int(SceneClipping::Flatten) << 0 << 0 << 1 << 0;
        QTest::newRow("flatten compared") << int(SceneClipping::Flatten) << 1 << 16 << 2 << 0;
        QTest::newRow("clip main") << int(SceneClipping::Clip) << 0 << 1 << 0 << 1;
        QTest::newRow("clip compared") << int(SceneClipping::Clip) << 1 << 17 << 0 << 2;
        // focus and hide belong to every view: always slot 0
        QTest::newRow("focus in slot 1 stays 0") << int(SceneClipping::Focus) << 1 << 2 << 0 << 0;
        QTest::newRow("hide in slot 3 stays 0") << int(SceneClipping::Hide) << 3 << 3 << 0 << 0;
        // hostile slots fall back to the main view
        QTest::newRow("slot 99") << int(SceneClipping::Clip) << 99 << 1 << 0 << 1;
        QTest::newRow("slot -1") << int(SceneClipping::Flatten) << -1 << 0 << 1 << 0;
    }

    void slotsAreEncoded()
    {
        QFETCH(int, mode);
        QFETCH(int, slot);
        QFETCH(int, code);
        QFETCH(int, flattenBits);
        QFETCH(int, clipBits);
        SceneClipping c;
        QCOMPARE(c.setPolygons("scheme", {square(0, 0, 10, SceneClipping::Mode(mode), slot, 4.5)}), 0);
        QCOMPARE(c.polygonCount(), 1);
        const QVector4D d = descriptor(c, 0);
        QCOMPARE(int(d.z()), code);
        QCOMPARE(int(d.y()), 4);
        QCOMPARE(d.w(), 4.5f);
        QCOMPARE(c.flattenSlots(), flattenBits);
        QCOMPARE(c.clipSlots(), clipBits);
    }

    void insideFollowsTheSlot()
    {
        SceneClipping c;
        QSignalSpy spy(&c, &SceneClipping::polygonsChanged);
        c.setPolygons("scheme", {square(0, 0, 10, SceneClipping::Flatten, 0, 2.0), square(20, 0, 10, SceneClipping::Clip, 1)});
        QCOMPARE(spy.count(), 1);
        double h = -1;
        QVERIFY(c.inside(5, 5, SceneClipping::Flatten, &h));
        QCOMPARE(h, 2.0);
        QVERIFY(!c.inside(5, 5, SceneClipping::Flatten, nullptr, 1)); // not the compared view's area
        QVERIFY(!c.inside(25, 5, SceneClipping::Clip));               // the compared view's clip
        QVERIFY(c.inside(25, 5, SceneClipping::Clip, nullptr, 1));
        QVERIFY(!c.inside(15, 5, SceneClipping::Clip, nullptr, 1));   // between the two
        QCOMPARE(c.flattenSlots(), 1);
        QCOMPARE(c.clipSlots(), 2);
        QVERIFY(c.flattenOn() && c.clipOn());
        // another owner keeps the scheme's polygons; clearing the scheme's leaves the other's
        c.setPolygons("focus", {square(100, 100, 5, SceneClipping::Focus, 0)});
        QCOMPARE(c.polygonCount(), 3);
        QCOMPARE(int(descriptor(c, 1).z()), 17);
        c.setPolygons("scheme", {});
        QCOMPARE(c.polygonCount(), 1);
        QCOMPARE(c.flattenSlots(), 0);
        QCOMPARE(c.clipSlots(), 0);
        QVERIFY(c.focusOn());
    }
};

QTEST_GUILESS_MAIN(tst_SceneClipping)
#include "tst_sceneclipping.moc"
