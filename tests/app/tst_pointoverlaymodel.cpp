// PointOverlayModel: projection (inverse of ViewState::rayThrough), culling, greedy screen
// clustering, stable rows, picking, label language, photo URLs, and a 10,000-point timing.
#include "PointOverlayModel.h"

#include <QAbstractItemModelTester>
#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QtTest>

#include <cmath>

Q_DECLARE_METATYPE(liyuan::Vec3d)

using namespace liyuan;
using LayerPtr = std::shared_ptr<gdal::VectorLayerData>;

namespace {

LayerPtr makeLayer(const std::vector<Vec3d> &points, const QString &file = QString())
{
    auto d = std::make_shared<gdal::VectorLayerData>();
    d->id = QStringLiteral("layer");
    d->file = file;
    d->layerName = QStringLiteral("pois");
    d->geometryType = QStringLiteral("Point");
    d->fields = {{QStringLiteral("name"), QStringLiteral("String")}, {QStringLiteral("kind"), QStringLiteral("String")}};
    for (size_t i = 0; i < points.size(); ++i) {
        gdal::VectorFeatureRecord r;
        r.fid = qint64(i) + 1;
        r.kind = VectorFeature::Kind::Point;
        r.anchor = points[i];
        r.attributes = {{QStringLiteral("name"), QStringLiteral("P%1").arg(r.fid)},
                        {QStringLiteral("kind"), (i % 2) ? QStringLiteral("shop") : QStringLiteral("school")}};
        d->indexByFid.insert(r.fid, int(i));
        d->features.push_back(r);
    }
    return d;
}

/** Looking straight down from height h above the origin, north up. */
ViewState lookDown(double h, double x = 0.0, double y = 0.0)
{
    ViewState v;
    v.eye = {x, y, h};
    v.forward = {0, 0, -1};
    v.up = {0, 1, 0};
    v.fovYDegrees = 45.0;
    v.viewportWidth = 1280;
    v.viewportHeight = 720;
    return v;
}

/** An oblique view: from eye toward target, Z up. */
ViewState lookAt(const Vec3d &eye, const Vec3d &target, int w = 1280, int h = 720)
{
    ViewState v;
    v.eye = eye;
    v.forward = (target - eye).normalized();
    const Vec3d right = v.forward.cross(Vec3d(0, 0, 1)).normalized();
    v.up = right.cross(v.forward).normalized();
    v.viewportWidth = w;
    v.viewportHeight = h;
    return v;
}

/** Ten points 1 m apart along x, centred on the origin. */
std::vector<Vec3d> lineOfTen()
{
    std::vector<Vec3d> pts;
    for (int i = 0; i < 10; ++i)
        pts.push_back({i - 4.5, 0.0, 0.0});
    return pts;
}

int countSum(const PointOverlayModel &m)
{
    int sum = 0;
    for (int r = 0; r < m.rowCount(); ++r)
        sum += m.index(r).data(PointOverlayModel::CountRole).toInt();
    return sum;
}

} // namespace

class tst_PointOverlayModel : public QObject
{
    Q_OBJECT
private slots:
    void projection_data()
    {
        QTest::addColumn<Vec3d>("eye");
        QTest::addColumn<Vec3d>("target");
        QTest::addColumn<double>("px");
        QTest::addColumn<double>("py");
        QTest::addColumn<double>("distance");
        QTest::newRow("down-centre") << Vec3d(0, 0, 100) << Vec3d(0, 0.001, 0) << 639.5 << 359.5 << 100.0;
        QTest::newRow("down-corner") << Vec3d(0, 0, 100) << Vec3d(0, 0.001, 0) << 10.0 << 700.0 << 250.0;
        QTest::newRow("oblique") << Vec3d(50, -300, 120) << Vec3d(0, 0, 0) << 1000.25 << 123.75 << 400.0;
        QTest::newRow("oblique-near") << Vec3d(-20, 40, 5) << Vec3d(10, 60, 0) << 3.0 << 717.0 << 2.0;
    }
    void projection()
    {
        QFETCH(Vec3d, eye);
        QFETCH(Vec3d, target);
        QFETCH(double, px);
        QFETCH(double, py);
        QFETCH(double, distance);
        const ViewState view = lookAt(eye, target);
        Vec3d o, d;
        view.rayThrough(px, py, &o, &d);
        const Vec3d p = o + d * distance;

        PointOverlayModel model;
        QAbstractItemModelTester tester(&model);
        model.setLayer(QStringLiteral("a"), makeLayer({p}), QString(), QStringLiteral("kind"));
        model.update(view);
        QCOMPARE(model.rowCount(), 1);
        const QModelIndex i = model.index(0);
        QVERIFY2(std::abs(i.data(PointOverlayModel::XRole).toDouble() - px) < 1e-6,
                 qPrintable(QString::number(i.data(PointOverlayModel::XRole).toDouble())));
        QVERIFY2(std::abs(i.data(PointOverlayModel::YRole).toDouble() - py) < 1e-6,
                 qPrintable(QString::number(i.data(PointOverlayModel::YRole).toDouble())));
        QVERIFY(std::abs(i.data(PointOverlayModel::DepthRole).toDouble() - distance) < 1e-6);
        QCOMPARE(i.data(PointOverlayModel::CountRole).toInt(), 1);
        QCOMPARE(i.data(PointOverlayModel::LayerIdRole).toString(), QStringLiteral("a"));
        QCOMPARE(i.data(PointOverlayModel::FidRole).toLongLong(), 1);
        QCOMPARE(i.data(PointOverlayModel::LabelRole).toString(), QStringLiteral("P1"));
        QCOMPARE(i.data(PointOverlayModel::CategoryRole).toString(), QStringLiteral("school"));
    }

    void culling_data()
    {
        QTest::addColumn<Vec3d>("point");
        QTest::addColumn<bool>("shown");
        // camera 100 m up looking down: the window spans about ±73.6 m × ±41.4 m on the ground
        QTest::newRow("centre") << Vec3d(0, 0, 0) << true;
        QTest::newRow("behind") << Vec3d(0, 0, 150) << false;
        QTest::newRow("at-eye-plane") << Vec3d(5, 0, 100) << false;
        QTest::newRow("just-above-eye") << Vec3d(0, 0, 100.01) << false;
        QTest::newRow("left-outside") << Vec3d(-90, 0, 0) << false;
        QTest::newRow("left-in-margin") << Vec3d(-75, 0, 0) << true;  // ~12 px outside: icon partly shown
        QTest::newRow("below-outside") << Vec3d(0, -60, 0) << false;
        QTest::newRow("top-inside") << Vec3d(0, 40, 0) << true;
    }
    void culling()
    {
        QFETCH(Vec3d, point);
        QFETCH(bool, shown);
        PointOverlayModel model;
        model.setLayer(QStringLiteral("a"), makeLayer({point}), QString(), QString());
        model.update(lookDown(100));
        QCOMPARE(model.rowCount(), shown ? 1 : 0);
        QCOMPARE(model.visiblePoints(), shown ? 1 : 0);
    }

    void nonPointFeaturesIgnored()
    {
        auto layer = makeLayer({{0, 0, 0}, {1, 1, 0}});
        layer->features[1].kind = VectorFeature::Kind::Polygon;
        PointOverlayModel model;
        model.setClusterPixels(0);
        model.setLayer(QStringLiteral("a"), layer, QString(), QString());
        model.update(lookDown(100));
        QCOMPARE(model.rowCount(), 1);
    }

    void clustering_data()
    {
        QTest::addColumn<double>("height");
        QTest::addColumn<int>("clusterPixels");
        QTest::addColumn<int>("rows");
        QTest::addColumn<int>("visible");
        // 1 m at height h is 869.1/h px: 0.87 px at 1000 m, 8.7 px at 100 m, 87 px at 10 m
        QTest::newRow("far") << 1000.0 << 56 << 1 << 10;
        QTest::newRow("mid") << 100.0 << 56 << 2 << 10;      // seeds at 0 and 7 (7 × 8.7 = 61 px ≥ 56)
        QTest::newRow("mid-small") << 100.0 << 8 << 10 << 10;  // 8.7 px apart > 8
        QTest::newRow("near") << 10.0 << 56 << 10 << 10;     // zoomed in: all separate
        QTest::newRow("very-near") << 1.0 << 56 << 2 << 2;    // only the points at ±0.5 m on screen
        QTest::newRow("no-clustering") << 1000.0 << 0 << 10 << 10;
    }
    void clustering()
    {
        QFETCH(double, height);
        QFETCH(int, clusterPixels);
        QFETCH(int, rows);
        QFETCH(int, visible);
        PointOverlayModel model;
        QAbstractItemModelTester tester(&model);
        model.setClusterPixels(clusterPixels);
        model.setLayer(QStringLiteral("a"), makeLayer(lineOfTen()), QString(), QString());
        const ViewState view = lookDown(height);
        model.update(view);
        QCOMPARE(model.rowCount(), rows);
        QCOMPARE(model.visiblePoints(), visible);
        QCOMPARE(countSum(model), visible);

        // seeds are at least clusterPixels apart; members lie within clusterPixels of their seed
        for (int a = 0; a < model.rowCount(); ++a) {
            const QVariantMap ra = model.get(a);
            for (int b = a + 1; b < model.rowCount() && clusterPixels > 0; ++b) {
                const QVariantMap rb = model.get(b);
                QVERIFY(std::hypot(ra["x"].toDouble() - rb["x"].toDouble(), ra["y"].toDouble() - rb["y"].toDouble())
                        >= clusterPixels);
            }
            const QVariantList members = model.membersOf(a);
            QCOMPARE(members.size(), ra["count"].toInt());
            for (const QVariant &mv : members) {
                const QVariantMap m = mv.toMap();
                QCOMPARE(m["layerId"].toString(), QStringLiteral("a"));
                const double sx = (m["x"].toDouble() - view.eye.x) * 869.1168 / height + 639.5;
                QVERIFY(std::abs(sx - ra["x"].toDouble()) < std::max(clusterPixels, 1));
            }
        }
    }

    void zoomInSplitsClusters()
    {
        PointOverlayModel model;
        QAbstractItemModelTester tester(&model);
        model.setLayer(QStringLiteral("a"), makeLayer(lineOfTen()), QString(), QString());
        model.update(lookDown(1000));
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.get(0)["count"].toInt(), 10);
        QCOMPARE(model.membersOf(0).size(), 10);
        // zooming in: the cluster's seed keeps its row, the others appear as new rows
        QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
        model.update(lookDown(10));
        QCOMPARE(model.rowCount(), 10);
        QCOMPARE(removed.count(), 0);
        QCOMPARE(model.get(0)["fid"].toLongLong(), 1);
        for (int r = 0; r < 10; ++r)
            QCOMPARE(model.get(r)["count"].toInt(), 1);
        // and back out
        model.update(lookDown(1000));
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(countSum(model), 10);
    }

    void stableRows()
    {
        PointOverlayModel model;
        QAbstractItemModelTester tester(&model);
        model.setClusterPixels(0);
        model.setLayer(QStringLiteral("a"), makeLayer(lineOfTen()), QString(), QString());
        model.update(lookDown(100));
        QCOMPARE(model.rowCount(), 10);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        model.update(lookDown(100));  // same view: nothing
        QCOMPARE(changed.count() + inserted.count() + removed.count(), 0);
        model.update(lookDown(100, 0.5, 0));  // pan east: x (and distance) change, y does not; one signal for all rows
        QCOMPARE(inserted.count() + removed.count() + reset.count(), 0);
        QCOMPARE(changed.count(), 1);
        const auto roles = changed.at(0).at(2).value<QList<int>>();
        QVERIFY(roles.contains(PointOverlayModel::XRole));
        QVERIFY(!roles.contains(PointOverlayModel::YRole));
        QVERIFY(!roles.contains(PointOverlayModel::LabelRole));
        QCOMPARE(changed.at(0).at(0).value<QModelIndex>().row(), 0);
        QCOMPARE(changed.at(0).at(1).value<QModelIndex>().row(), 9);
    }

    void hiddenLayer()
    {
        PointOverlayModel model;
        QAbstractItemModelTester tester(&model);
        model.setLayer(QStringLiteral("a"), makeLayer(lineOfTen()), QString(), QString());
        model.setLayer(QStringLiteral("b"), makeLayer({{30, 20, 0}}), QString(), QString());
        model.update(lookDown(100));
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(countSum(model), 11);
        model.setLayerVisible(QStringLiteral("a"), false);
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.get(0)["layerId"].toString(), QStringLiteral("b"));
        model.setLayerVisible(QStringLiteral("b"), false);
        QCOMPARE(model.rowCount(), 0);
        model.update(lookDown(90));
        QCOMPARE(model.rowCount(), 0);
        model.setLayerVisible(QStringLiteral("a"), true);
        QCOMPARE(countSum(model), 10);
        model.removeLayer(QStringLiteral("a"));
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(model.layerIds(), QStringList{QStringLiteral("b")});
        // replacing a layer keeps its visibility
        model.setLayer(QStringLiteral("b"), makeLayer({{0, 0, 0}, {10, 0, 0}}), QString(), QString());
        QCOMPARE(model.rowCount(), 0);
        model.setLayerVisible(QStringLiteral("b"), true);
        QCOMPARE(model.rowCount(), 2);
    }

    void itemAt_data()
    {
        QTest::addColumn<double>("dx");
        QTest::addColumn<double>("dy");
        QTest::addColumn<qint64>("fid");
        QTest::newRow("centre") << 0.0 << 0.0 << qint64(1);
        QTest::newRow("inside") << 6.0 << -7.0 << qint64(1);
        QTest::newRow("edge-miss") << 12.0 << 5.0 << qint64(-1);
        QTest::newRow("other") << 86.9 << 1.0 << qint64(2);
        QTest::newRow("between") << 43.0 << 0.0 << qint64(-1);
    }
    void itemAt()
    {
        QFETCH(double, dx);
        QFETCH(double, dy);
        QFETCH(qint64, fid);
        PointOverlayModel model;
        model.setLayer(QStringLiteral("a"), makeLayer({{0, 0, 0}, {10, 0, 0}}), QString(), QString());
        model.update(lookDown(100));  // 86.9 px apart
        QCOMPARE(model.rowCount(), 2);
        const QVariantMap hit = model.itemAt(639.5 + dx, 359.5 + dy);
        if (fid < 0) {
            QVERIFY(hit.isEmpty());
        } else {
            QCOMPARE(hit.value("fid").toLongLong(), fid);
            QCOMPARE(hit.value("layerId").toString(), QStringLiteral("a"));
            QCOMPARE(hit.value("count").toInt(), 1);
        }
    }

    void itemAtCluster()
    {
        PointOverlayModel model;
        model.setLayer(QStringLiteral("a"), makeLayer(lineOfTen()), QString(), QString());
        model.update(lookDown(1000));
        const QVariantMap row = model.get(0);
        const QVariantMap hit = model.itemAt(row["x"].toDouble() + 15, row["y"].toDouble());  // within 18 px
        QCOMPARE(hit.value("count").toInt(), 10);
        QCOMPARE(hit.value("row").toInt(), 0);
        QCOMPARE(model.membersOf(hit.value("row").toInt()).size(), 10);
        QVERIFY(model.membersOf(5).isEmpty());
        QVERIFY(model.membersOf(-1).isEmpty());
    }

    void language()
    {
        auto layer = makeLayer({{0, 0, 0}, {10, 0, 0}});
        layer->features[0].attributes.insert(QStringLiteral("name"), QStringLiteral("北京站"));
        layer->features[0].attributes.insert(QStringLiteral("name_en"), QStringLiteral("Beijing Railway Station"));
        layer->features[1].attributes.insert(QStringLiteral("name"), QStringLiteral("天坛"));
        PointOverlayModel model;
        QAbstractItemModelTester tester(&model);
        model.setLayer(QStringLiteral("a"), layer, QStringLiteral("name"), QStringLiteral("kind"));
        model.update(lookDown(100));
        QCOMPARE(model.get(0)["label"].toString(), QStringLiteral("北京站"));
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        QSignalSpy languageChanged(&model, &PointOverlayModel::labelLanguageChanged);
        model.setLabelLanguage(QStringLiteral("en"));
        QCOMPARE(languageChanged.count(), 1);
        QCOMPARE(model.get(0)["label"].toString(), QStringLiteral("Beijing Railway Station"));
        QCOMPARE(model.get(1)["label"].toString(), QStringLiteral("天坛"));  // no name_en: falls back
        QVERIFY(changed.count() >= 1);
        QCOMPARE(changed.at(0).at(2).value<QList<int>>(), QList<int>{PointOverlayModel::LabelRole});
        QCOMPARE(changed.at(0).at(1).value<QModelIndex>().row(), 0);  // only the row that changed
        for (int i = 1; i < changed.count(); ++i) // the longer label may now need decluttering
            QCOMPARE(changed.at(i).at(2).value<QList<int>>(), QList<int>{PointOverlayModel::ShowLabelRole});
        model.setLabelLanguage(QStringLiteral("en"));
        QCOMPARE(languageChanged.count(), 1);
        model.setLabelLanguage(QStringLiteral("zh_CN"));
        QCOMPARE(model.get(0)["label"].toString(), QStringLiteral("北京站"));
    }

    void labelsAreDecluttered()
    {
        // two POIs a few pixels apart with long labels: only the nearer one's label shows;
        // closer in, there is room for both
        auto layer = makeLayer({{0, 0, 0}, {6, 0, 0}});
        layer->features[0].attributes.insert(QStringLiteral("name"), QStringLiteral("Former Jiao'ao Police Station"));
        layer->features[1].attributes.insert(QStringLiteral("name"), QStringLiteral("Former Tongtai Trading Company"));
        PointOverlayModel model;
        model.setClusterPixels(4); // keep them apart as two rows
        model.setLayer(QStringLiteral("a"), layer, QStringLiteral("name"), QString());
        model.update(lookDown(400));
        QCOMPARE(model.rowCount(), 2);
        const int shown = int(model.get(0)["showLabel"].toBool()) + int(model.get(1)["showLabel"].toBool());
        QCOMPARE(shown, 1);
        model.update(lookDown(5));
        const bool apart = model.rowCount() == 2 && model.get(0)["showLabel"].toBool() && model.get(1)["showLabel"].toBool();
        QVERIFY2(apart || model.rowCount() < 2, "zoomed in, both labels fit");
    }

    void photo_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("photo");
        QTest::addColumn<QString>("url");
        QTest::newRow("relative") << "/data/city/pois.geojson" << "img/a.jpg" << "file:///data/city/img/a.jpg";
        QTest::newRow("dot-dot") << "/data/city/pois.geojson" << "../photos/b c.png"
                                 << QUrl::fromLocalFile("/data/photos/b c.png").toString();
        QTest::newRow("backslash") << "/data/city/pois.geojson" << "img\\d.jpg" << "file:///data/city/img/d.jpg";
        QTest::newRow("absolute") << "/data/city/pois.geojson" << "/srv/p/c.jpg" << "file:///srv/p/c.jpg";
        QTest::newRow("http") << "/data/city/pois.geojson" << "https://example.org/x.jpg" << "https://example.org/x.jpg";
        QTest::newRow("chinese") << "/data/城市/pois.geojson" << "照片/门.jpg" << QUrl::fromLocalFile("/data/城市/照片/门.jpg").toString();
        QTest::newRow("none") << "/data/city/pois.geojson" << "" << "";
    }
    void photo()
    {
        QFETCH(QString, file);
        QFETCH(QString, photo);
        QFETCH(QString, url);
        auto layer = makeLayer({{0, 0, 0}}, file);
        if (!photo.isEmpty())
            layer->features[0].attributes.insert(QStringLiteral("photo"), photo);
        PointOverlayModel model;
        model.setLayer(QStringLiteral("a"), layer, QString(), QString());
        model.update(lookDown(100));
        QCOMPARE(model.get(0)["photo"].toString(), url);
    }

    void roleNames()
    {
        PointOverlayModel model;
        const auto names = model.roleNames().values();
        for (const char *n : {"x", "y", "label", "count", "layerId", "fid", "category", "photo", "depth"})
            QVERIFY2(names.contains(QByteArray(n)), n);
    }

    void performance()
    {
        // 10,000 POIs over a 4 km square, an oblique camera orbiting a little every frame
        std::vector<Vec3d> pts;
        QRandomGenerator rng(42);
        for (int i = 0; i < 10000; ++i)
            pts.push_back({rng.bounded(4000.0) - 2000.0, rng.bounded(4000.0) - 2000.0, rng.bounded(30.0)});
        PointOverlayModel model;
        model.setLayer(QStringLiteral("a"), makeLayer(pts), QString(), QStringLiteral("kind"));
        const auto viewAt = [](int frame, double height) {
            const double a = frame * 0.002;
            return lookAt({1500 * std::sin(a), -1500 * std::cos(a), height}, {0, 0, 0}, 1920, 1080);
        };
        for (const double height : {1200.0, 150.0}) {
            model.update(viewAt(0, height));
            QElapsedTimer t;
            qint64 worst = 0, total = 0;
            const int frames = 100;
            for (int f = 1; f <= frames; ++f) {
                t.start();
                model.update(viewAt(f, height));
                const qint64 ns = t.nsecsElapsed();
                worst = std::max(worst, ns);
                total += ns;
            }
            const double avgMs = total / 1e6 / frames;
            qInfo("10,000 points, camera at %.0f m: %d rows, %d visible, update %.3f ms average, %.3f ms worst", height,
                  model.rowCount(), model.visiblePoints(), avgMs, worst / 1e6);
            QVERIFY(model.visiblePoints() > 0);
            QCOMPARE(countSum(model), model.visiblePoints());
            QVERIFY2(avgMs < 20.0, qPrintable(QString::number(avgMs)));
        }
    }
};

QTEST_GUILESS_MAIN(tst_PointOverlayModel)
#include "tst_pointoverlaymodel.moc"
