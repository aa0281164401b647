// A dataset's heading and scale in the streamer: the transform itself, selection, bounds and
// pick through a rotated + scaled dataset, and drawables moved without a reload.
#include <liyuan/scene/DatasetTransform.h>
#include <liyuan/scene/TileReader.h>
#include <liyuan/scene/TileStreamer.h>
#include <liyuan/scene/quick/TileDrawable.h>
#include <liyuan/scene/quick/TileDrawableModel.h>

#include <QGuiApplication>
#include <QSignalSpy>
#include <QtTest>

#include <cmath>

using namespace liyuan;

namespace {

/**
 * Serves "bar:<n>": a 2 m wide, 20 m long bar along +Y (north), x in [-1, 1], y in [0, 20],
 * z = 0, in a tile whose origin is (5, 0, 0); its triangles carry feature 42, group 1.
 */
class BarReader : public TileReader
{
public:
    QString formatName() const override { return "bar"; }
    bool identify(const QString &path) const override { return path.startsWith("bar:"); }
    TileReadResult read(const QString &) const override
    {
        TileReadResult r;
        r.ok = true;
        r.content.origin = Vec3d(5, 0, 0);
        MeshData m;
        m.positions = {-6, 0, 0, -4, 0, 0, -4, 20, 0, -6, 20, 0}; // x - 5
        m.indices = {0, 1, 2, 0, 2, 3};
        m.triangleFeatures = {42, 42};
        m.group = 1;
        m.computeBounds();
        r.content.meshes.push_back(m);
        r.content.groups = {MeshGroup{"ground", 0, 3}, MeshGroup{"first", 3, 3}};
        LodNode n;
        n.center = Vec3d(-5, 10, 0);
        n.radius = 10.1;
        n.ranges.push_back(LodRange{0.f, std::numeric_limits<float>::max(), {0}, QString()});
        r.content.nodes.push_back(n);
        return r;
    }
};

ViewState topDown(const Vec3d &center, double height)
{
    ViewState v;
    v.eye = center + Vec3d(0, 0, height);
    v.forward = Vec3d(0, 0, -1);
    v.up = Vec3d(0, 1, 0);
    return v;
}

void settle(TileStreamer &s, const ViewState &v)
{
    QElapsedTimer t;
    t.start();
    do {
        s.update(v);
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
        if (s.isSettled() && s.rootsReady()) {
            s.update(v);
            return;
        }
        QThread::msleep(2);
    } while (t.elapsed() < 10000);
}

bool near(const Vec3d &a, const Vec3d &b, double eps = 1e-6) { return (a - b).length() < eps; }

} // namespace

class tst_DatasetTransform : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase() { ReaderRegistry::instance().add(std::make_shared<BarReader>()); }

    void transform_data()
    {
        QTest::addColumn<double>("heading");
        QTest::addColumn<double>("scale");
        QTest::addColumn<Vec3d>("local");
        QTest::addColumn<Vec3d>("scene"); // with offset (100, 200, 3)
        QTest::newRow("identity") << 0.0 << 1.0 << Vec3d(1, 2, 3) << Vec3d(101, 202, 6);
        QTest::newRow("heading 90: north onto east") << 90.0 << 1.0 << Vec3d(0, 10, 0) << Vec3d(110, 200, 3);
        QTest::newRow("heading 90: east onto south") << 90.0 << 1.0 << Vec3d(10, 0, 0) << Vec3d(100, 190, 3);
        QTest::newRow("heading -90: north onto west") << -90.0 << 1.0 << Vec3d(0, 10, 0) << Vec3d(90, 200, 3);
        QTest::newRow("heading 180") << 180.0 << 1.0 << Vec3d(1, 2, 0) << Vec3d(99, 198, 3);
        QTest::newRow("scale 2 scales z too") << 0.0 << 2.0 << Vec3d(1, 2, 3) << Vec3d(102, 204, 9);
        QTest::newRow("heading 45, scale 0.5")
                << 45.0 << 0.5 << Vec3d(0, 2 * std::sqrt(2.0), 0) << Vec3d(101, 201, 3);
    }
    void transform()
    {
        QFETCH(double, heading);
        QFETCH(double, scale);
        QFETCH(Vec3d, local);
        QFETCH(Vec3d, scene);
        const DatasetTransform t{Vec3d(100, 200, 3), heading, scale};
        QVERIFY(t.isValid());
        QVERIFY2(near(t.toScene(local), scene), qPrintable(QStringLiteral("%1 %2 %3").arg(t.toScene(local).x).arg(t.toScene(local).y).arg(t.toScene(local).z)));
        QVERIFY(near(t.toLocal(scene), local));
        // a ray keeps its parameter: o + t·d ↔ toLocal(o) + t·vectorToLocal(d)
        const Vec3d o(7, -3, 50), d(0.3, 0.2, -1);
        QVERIFY(near(t.toScene(t.toLocal(o) + t.vectorToLocal(d) * 12.5), o + d * 12.5));
    }

    void invalidTransformsAreRefused_data()
    {
        QTest::addColumn<double>("heading");
        QTest::addColumn<double>("scale");
        QTest::newRow("scale 0") << 0.0 << 0.0;
        QTest::newRow("scale negative") << 0.0 << -1.0;
        QTest::newRow("nan heading") << qQNaN() << 1.0;
        QTest::newRow("inf scale") << 0.0 << qInf();
    }
    void invalidTransformsAreRefused()
    {
        QFETCH(double, heading);
        QFETCH(double, scale);
        TileStreamer s;
        TileDataset ds;
        ds.rootFiles = {"bar:invalid"};
        const int i = s.addDataset(ds);
        QVERIFY(!s.setDatasetTransform(i, Vec3d(1, 2, 3), heading, scale));
        QCOMPARE(s.datasets()[0].offset, Vec3d());
        QCOMPARE(s.datasets()[0].scale, 1.0);
        QVERIFY(!s.setDatasetTransform(7, Vec3d(), 0, 1)); // unknown index
    }

    void pickBoundsAndSelectionFollowTheTransform()
    {
        TileStreamer s;
        TileDataset ds;
        ds.rootFiles = {"bar:1"};
        ds.headingDeg = 90;
        ds.scale = 2;
        const int index = s.addDataset(ds);
        QCOMPARE(s.datasets()[size_t(index)].headingDeg, 90.0); // kept by addDataset
        QVERIFY(s.setDatasetTransform(index, Vec3d(100, 0, 0), 90, 2));
        settle(s, topDown(Vec3d(120, 0, 0), 200));
        QCOMPARE(s.lastSelection().draw.size(), size_t(1));
        // the bar (dataset frame: x −1..1, y 0..20) turned east and doubled: x 100..140, y −2..2
        Vec3d mn, mx;
        QVERIFY(s.bounds(index, &mn, &mx));
        QVERIFY2(near(mn, Vec3d(100, -2, 0), 1e-4) && near(mx, Vec3d(140, 2, 0), 1e-4),
                 qPrintable(QStringLiteral("%1 %2 / %3 %4").arg(mn.x).arg(mn.y).arg(mx.x).arg(mx.y)));
        PickResult hit;
        QVERIFY(s.pick(Vec3d(130, 1.5, 50), Vec3d(0, 0, -1), &hit));
        QVERIFY(near(hit.point, Vec3d(130, 1.5, 0), 1e-6));
        QCOMPARE(hit.featureId, qint64(42));
        QCOMPARE(hit.group, 1);
        QCOMPARE(hit.dataset, index);
        // where the bar would lie without heading and scale: nothing
        QVERIFY(!s.pick(Vec3d(105, 15, 50), Vec3d(0, 0, -1), &hit));
        QVERIFY(!s.pick(Vec3d(130, 2.5, 50), Vec3d(0, 0, -1), &hit)); // just beside the doubled width
        // a slanted ray: the same parameter in both frames, so the point is on the plane z = 0
        QVERIFY(s.pick(Vec3d(120, 0, 30), Vec3d(0.5, 0, -1).normalized(), &hit));
        QVERIFY(near(hit.point, Vec3d(135, 0, 0), 1e-6));

        // interactive move: no reload, the pick follows
        const int loaded = s.stats().loadedTotal;
        QSignalSpy moved(&s, &TileStreamer::datasetTransformChanged);
        QVERIFY(moved.isValid());
        QVERIFY(s.setDatasetTransform(index, Vec3d(0, 0, 0), 0, 1));
        QCOMPARE(moved.count(), 1);
        QVERIFY(s.setDatasetTransform(index, Vec3d(0, 0, 0), 0, 1)); // unchanged: no signal
        QCOMPARE(moved.count(), 1);
        settle(s, topDown(Vec3d(0, 10, 0), 200));
        QCOMPARE(s.stats().loadedTotal, loaded);
        QVERIFY(s.pick(Vec3d(0.5, 15, 50), Vec3d(0, 0, -1), &hit));
        QVERIFY(near(hit.point, Vec3d(0.5, 15, 0), 1e-6));
        QVERIFY(!s.pick(Vec3d(130, 0, 50), Vec3d(0, 0, -1), &hit));

        // selection uses the transformed sphere: scaled far away and out of this view → culled
        QVERIFY(s.setDatasetTransform(index, Vec3d(5000, 0, 0), 0, 1));
        s.update(topDown(Vec3d(0, 10, 0), 200));
        QCOMPARE(s.lastSelection().draw.size(), size_t(0));
        // turned east from x = −2000: 8 km long, 800 m wide, across the view — only the scaled sphere reaches it
        QVERIFY(s.setDatasetTransform(index, Vec3d(-2000, 0, 0), 90, 400));
        s.update(topDown(Vec3d(0, 10, 0), 200));
        QCOMPARE(s.lastSelection().draw.size(), size_t(1));
        QVERIFY(s.pick(Vec3d(0, 10, 50), Vec3d(0, 0, -1), &hit));
        QVERIFY(near(hit.point, Vec3d(0, 10, 0), 1e-6));
    }

    void drawablesMoveWithoutReload()
    {
        TileStreamer s;
        TileDrawableModel model;
        s.setRenderer(&model);
        TileDataset ds;
        ds.rootFiles = {"bar:2"};
        const int index = s.addDataset(ds);
        QVERIFY(s.setDatasetTransform(index, Vec3d(100, 0, 0), 90, 2));
        settle(s, topDown(Vec3d(120, -10, 0), 200));
        QCOMPARE(model.rowCount(), 1);
        auto *d = qobject_cast<TileDrawable *>(model.data(model.index(0), TileDrawableModel::DrawableRole).value<QObject *>());
        QVERIFY(d);
        QVERIFY(d->shown());
        QCOMPARE(d->group(), 1);
        QCOMPARE(d->dataset(), index);
        // position = offset + R·S·tile origin = (100,0,0) + R(−90°)·2·(5,0,0) = (100, −10, 0)
        QVERIFY(qFuzzyCompare(d->position(), QVector3D(100, -10, 0)));
        QVERIFY(qFuzzyCompare(d->scale(), QVector3D(2, 2, 2)));
        const QVector3D north = d->rotation().rotatedVector(QVector3D(0, 1, 0));
        QVERIFY2((north - QVector3D(1, 0, 0)).length() < 1e-5, "heading 90 must turn +Y onto +X");
        QSignalSpy changed(d, &TileDrawable::transformChanged);
        const int loaded = s.stats().loadedTotal;
        QVERIFY(s.setDatasetTransform(index, Vec3d(10, 20, 30), 0, 1));
        QCOMPARE(changed.count(), 1);
        QCOMPARE(model.rowCount(), 1); // same drawable, moved
        QVERIFY(qFuzzyCompare(d->position(), QVector3D(15, 20, 30)));
        QVERIFY(qFuzzyCompare(d->scale(), QVector3D(1, 1, 1)));
        QVERIFY((d->rotation().rotatedVector(QVector3D(0, 1, 0)) - QVector3D(0, 1, 0)).length() < 1e-5);
        QCOMPARE(s.stats().loadedTotal, loaded);
    }
};

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    tst_DatasetTransform t;
    return QTest::qExec(&t, argc, argv);
}
#include "tst_datasettransform.moc"
