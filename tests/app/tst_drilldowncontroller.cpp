// The drill-down state machine (focus → explode → isolate → back), floor lifts, model
// groups, slices cut from real geometry, and hostile requests.
#include "DrillDownController.h"

#include <liyuan/scene/quick/CameraController.h>
#include <liyuan/scene/quick/SceneClipping.h>
#include <liyuan/scene/quick/TileDrawable.h>
#include <liyuan/scene/quick/TileDrawableModel.h>

#include <QtQuick3D/QQuick3DGeometry>
#include <QtTest>

using namespace liyuan;

namespace {
DrillBuilding tower(int floors, int modelDataset = -1)
{
    DrillBuilding b;
    b.id = QStringLiteral("tower");
    b.name = QStringLiteral("Tower");
    b.block = QStringLiteral("Block A");
    b.district = QStringLiteral("Old town");
    b.footprint = QPolygonF(QRectF(0, 0, 30, 20));
    b.modelDataset = modelDataset;
    // given out of order: the controller sorts by base elevation
    for (int i = floors - 1; i >= 0; --i)
        b.floors << DrillFloor{i + 1, QStringLiteral("%1F").arg(i + 1), i * 3.6, 3.6, modelDataset >= 0 ? i : -1};
    return b;
}

class Geometry : public QQuick3DGeometry
{
public:
    Geometry(const QByteArray &v, const QByteArray &i)
    {
        setStride(12);
        setVertexData(v);
        setIndexData(i);
        addAttribute(Attribute::PositionSemantic, 0, Attribute::F32Type);
        addAttribute(Attribute::IndexSemantic, 0, Attribute::U32Type);
    }
};
} // namespace

class tst_DrillDownController : public QObject
{
    Q_OBJECT
private slots:
    void stateMachine()
    {
        SceneClipping clip;
        DrillDownController d(nullptr, &clip, nullptr);
        d.setAnimated(false);
        d.setBuildings({tower(24)});
        QCOMPARE(d.state(), DrillDownController::District);
        QCOMPARE(d.breadcrumbs().size(), 1);

        QVERIFY(d.focus(QStringLiteral("tower")));
        QCOMPARE(d.state(), DrillDownController::Building);
        QCOMPARE(d.breadcrumbs(), (QStringList{QStringLiteral("Old town"), QStringLiteral("Block A"), QStringLiteral("Tower")}));
        QVERIFY(clip.focusOn());
        QVERIFY(clip.inside(15, 10, SceneClipping::Focus));
        QVERIFY(!clip.inside(60, 10, SceneClipping::Focus));
        QCOMPARE(d.floors().size(), 24);
        QCOMPARE(d.floors().first().toMap().value(QStringLiteral("number")).toInt(), 24); // top first

        QVERIFY(d.explode());
        QCOMPARE(d.state(), DrillDownController::Exploded);
        QCOMPARE(d.explodeFactor(), 1.0);
        QVERIFY(clip.hideOn()); // photogrammetry is redrawn by slices
        QCOMPARE(d.floorLift(0), 0.0);
        QCOMPARE(d.floorLift(10), 10 * d.floorGap());

        QVERIFY(d.isolate(12));
        QCOMPARE(d.state(), DrillDownController::Floor);
        QCOMPARE(d.floor(), 12);
        QCOMPARE(d.floorName(), QStringLiteral("12F"));
        QCOMPARE(d.breadcrumbs().last(), QStringLiteral("12F"));

        QVERIFY(d.floorUp());
        QCOMPARE(d.floor(), 13);
        QVERIFY(d.floorDown());
        QVERIFY(d.floorDown());
        QCOMPARE(d.floor(), 11);

        d.back();
        QCOMPARE(d.state(), DrillDownController::Exploded);
        d.back();
        QCOMPARE(d.state(), DrillDownController::Building);
        QCOMPARE(d.explodeFactor(), 0.0);
        QVERIFY(!clip.hideOn());
        d.back();
        QCOMPARE(d.state(), DrillDownController::District);
        QVERIFY(!clip.focusOn());
    }

    void isolateFromBuildingExplodes()
    {
        DrillDownController d(nullptr, nullptr, nullptr);
        d.setAnimated(false);
        d.setBuildings({tower(5)});
        QVERIFY(d.focus(QStringLiteral("tower")));
        QVERIFY(d.isolate(3));
        QCOMPARE(d.state(), DrillDownController::Floor);
        QCOMPARE(d.explodeFactor(), 1.0);
        QVERIFY(d.floorUp());
        QCOMPARE(d.floor(), 4);
        QCOMPARE(d.state(), DrillDownController::Floor);
        QVERIFY(d.floorDown());
        QCOMPARE(d.floor(), 3);
        // the top floor has no floor above
        QVERIFY(d.isolate(5));
        QVERIFY(!d.floorUp());
        QCOMPARE(d.floor(), 5);
        QCOMPARE(d.state(), DrillDownController::Floor);
        // and the lowest none below
        QVERIFY(d.isolate(1));
        QVERIFY(!d.floorDown());
        QCOMPARE(d.floor(), 1);
    }

    void buildingAtFacadesAndEaves_data()
    {
        QTest::addColumn<QPointF>("point");
        QTest::addColumn<QString>("expected");
        // the tower's footprint is (0,0)–(30,20); a neighbour stands at (40,0)–(50,20)
        QTest::newRow("inside") << QPointF(15, 10) << "tower";
        QTest::newRow("on the south facade") << QPointF(15, 0) << "tower";
        QTest::newRow("a hair outside the facade (float rounding)") << QPointF(15, -0.005) << "tower";
        QTest::newRow("under the eaves, 0.8 m out") << QPointF(-0.8, 10) << "tower";
        QTest::newRow("the neighbour's west facade") << QPointF(39.9, 5) << "neighbour";
        QTest::newRow("between them, nearer the neighbour") << QPointF(39.2, 5) << "neighbour";
        QTest::newRow("in the street, 3 m out") << QPointF(15, -3) << "";
        QTest::newRow("far away") << QPointF(500, 500) << "";
    }
    void buildingAtFacadesAndEaves()
    {
        QFETCH(QPointF, point);
        QFETCH(QString, expected);
        DrillDownController d(nullptr, nullptr, nullptr);
        DrillBuilding n = tower(3);
        n.id = QStringLiteral("neighbour");
        n.footprint = QPolygonF(QRectF(40, 0, 10, 20));
        d.setBuildings({tower(5), n});
        QCOMPARE(d.buildingAt(point.x(), point.y()), expected);
    }

    void modelGroups()
    {
        DrillDownController d(nullptr, nullptr, nullptr);
        d.setAnimated(false);
        d.setBuildings({tower(5, 7)});
        QCOMPARE(d.buildingAt(0, 0, 7), QStringLiteral("tower")); // a pick on the model's dataset
        QVERIFY(d.focus(QStringLiteral("tower")));
        QCOMPARE(d.liftFor(7, 3), 0.0);
        QVERIFY(d.explode());
        QCOMPARE(d.liftFor(7, 3), 3 * d.floorGap());
        QCOMPARE(d.liftFor(8, 3), 0.0); // another dataset never moves
        QVERIFY(d.isolate(2)); // group 1
        // hidden by default, ghosted on request; the isolated floor is cut open above its base
        QVERIFY(d.groupHidden(7, 3));
        QVERIFY(!d.groupHidden(7, 1));
        QCOMPARE(d.groupCutTop(7, 1), 3.6 + d.cutHeight());
        QVERIFY(d.groupCutTop(7, 3) > 1e8);
        d.setGhostOthers(true);
        QVERIFY(d.groupGhost(7, 3));
        QVERIFY(!d.groupHidden(7, 3));
    }

    void hostile_data()
    {
        QTest::addColumn<QString>("focus");
        QTest::addColumn<int>("floor");
        QTest::newRow("unknown building") << QStringLiteral("nope") << 1;
        QTest::newRow("empty id") << QString() << 1;
        QTest::newRow("floor below") << QStringLiteral("tower") << -5;
        QTest::newRow("floor above") << QStringLiteral("tower") << 99;
    }
    void hostile()
    {
        QFETCH(QString, focus);
        QFETCH(int, floor);
        DrillDownController d(nullptr, nullptr, nullptr);
        d.setAnimated(false);
        d.setBuildings({tower(4)});
        const bool focused = d.focus(focus);
        QCOMPARE(focused, focus == QLatin1String("tower"));
        QVERIFY(!d.isolate(floor));
        QVERIFY(d.state() != DrillDownController::Floor);
        d.back();
        d.back();
        d.back();
        QCOMPARE(d.state(), DrillDownController::District);
        // no buildings at all: nothing to explode
        DrillDownController empty(nullptr, nullptr, nullptr);
        QVERIFY(!empty.explode());
        QVERIFY(!empty.floorUp());
        empty.back();
        QCOMPARE(empty.state(), DrillDownController::District);
    }

    void removingTheFocusedBuildingResets()
    {
        DrillDownController d(nullptr, nullptr, nullptr);
        d.setAnimated(false);
        d.setBuildings({tower(4)});
        QVERIFY(d.focus(QStringLiteral("tower")));
        d.setBuildings({});
        QCOMPARE(d.state(), DrillDownController::District);
        QVERIFY(d.buildingId().isEmpty());
    }

    void sliceKeepsOnlyTrianglesNearTheFloor()
    {
        // two triangles: one at z 0..1 over the footprint, one at z 50 far away in x
        const float v[] = {0, 0, 0, 10, 0, 1, 0, 10, 0.5f, 100, 100, 50, 110, 100, 50, 100, 110, 50};
        const uint32_t i[] = {0, 1, 2, 3, 4, 5};
        auto *g = new Geometry(QByteArray(reinterpret_cast<const char *>(v), sizeof v),
                               QByteArray(reinterpret_cast<const char *>(i), sizeof i));
        TileDrawable d(g, nullptr, Vec3d(0, 0, 0), DatasetTransform{}, Qt::white, false, 0, -1);
        std::unique_ptr<QQuick3DGeometry> near(DrillSlice::cut(&d, QRectF(-1, -1, 32, 22), -1, 4));
        QVERIFY(near);
        QCOMPARE(near->indexData().size(), qsizetype(3 * sizeof(uint32_t)));
        QCOMPARE(near->vertexData(), g->vertexData()); // shared, not copied
        QVERIFY(!DrillSlice::cut(&d, QRectF(-1, -1, 32, 22), 10, 20)); // no triangle at that height
        delete g;
    }
};

QTEST_MAIN(tst_DrillDownController)
#include "tst_drilldowncontroller.moc"
