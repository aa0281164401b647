// FeatureTableModel + FeatureTableProxy: columns and headers, numeric and text sorting,
// case-insensitive search (Chinese and English), fid ↔ proxy row, empty and ragged layers.
#include "FeatureTableModel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QtTest>

using namespace liyuan;
using LayerPtr = std::shared_ptr<gdal::VectorLayerData>;

namespace {

gdal::VectorFeatureRecord record(qint64 fid, const QVariantMap &attributes)
{
    gdal::VectorFeatureRecord r;
    r.fid = fid;
    r.kind = VectorFeature::Kind::Polygon;
    r.attributes = attributes;
    return r;
}

/** Five buildings; fid 11 has no floors, fid 14 an attribute no field declares. */
LayerPtr makeLayer(bool withIndex = true)
{
    auto d = std::make_shared<gdal::VectorLayerData>();
    d->id = QStringLiteral("buildings");
    d->layerName = QStringLiteral("buildings");
    d->fields = {{QStringLiteral("name"), QStringLiteral("String")},
                 {QStringLiteral("kind"), QStringLiteral("String")},
                 {QStringLiteral("floors"), QStringLiteral("Integer")},
                 {QStringLiteral("area"), QStringLiteral("Real")}};
    d->features.push_back(record(10, {{"name", QStringLiteral("北京站")}, {"kind", "station"}, {"floors", 3}, {"area", 1200.5}}));
    d->features.push_back(record(11, {{"name", "Tiananmen Square"}, {"kind", "square"}, {"area", 440000.0}}));
    d->features.push_back(record(12, {{"name", QStringLiteral("北京大学")}, {"kind", "School"}, {"floors", 10}, {"area", 99.25}}));
    d->features.push_back(record(13, {{"name", "Qinghua school 10"}, {"kind", "school"}, {"floors", 9}, {"area", 100000.0}}));
    d->features.push_back(record(14, {{"name", QStringLiteral("天坛")}, {"kind", "park"}, {"floors", 2}, {"area", 2730000.0},
                                      {"note", QStringLiteral("世界遗产")}}));
    if (withIndex) {
        for (size_t i = 0; i < d->features.size(); ++i)
            d->indexByFid.insert(d->features[i].fid, int(i));
    }
    return d;
}

QList<qint64> proxyFids(const FeatureTableProxy &proxy)
{
    QList<qint64> fids;
    for (int r = 0; r < proxy.rowCount(); ++r)
        fids << proxy.fidAt(r);
    return fids;
}

} // namespace

class tst_FeatureTableModel : public QObject
{
    Q_OBJECT
private slots:
    void columnsAndRows()
    {
        FeatureTableModel model;
        QAbstractItemModelTester tester(&model);
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(model.columnCount(), 0);
        QSignalSpy layerChanged(&model, &FeatureTableModel::layerChanged);
        model.setLayer(makeLayer());
        QCOMPARE(layerChanged.count(), 1);
        QCOMPARE(model.rowCount(), 5);
        QCOMPARE(model.featureCount(), 5);
        const QStringList columns{"fid", "name", "kind", "floors", "area", "note"};
        QCOMPARE(model.columnCount(), int(columns.size()));
        QCOMPARE(model.columnNames(), columns);
        for (int c = 0; c < columns.size(); ++c)
            QCOMPARE(model.headerData(c, Qt::Horizontal).toString(), columns[c]);
        QCOMPARE(model.headerData(2, Qt::Vertical).toInt(), 3);
        QCOMPARE(model.index(0, 0).data().toString(), QStringLiteral("10"));
        QCOMPARE(model.index(0, 1).data().toString(), QStringLiteral("北京站"));
        QCOMPARE(model.index(0, 4).data().toString(), QStringLiteral("1200.5"));
        QCOMPARE(model.index(0, 3).data(FeatureTableModel::ValueRole), QVariant(3));
        QCOMPARE(model.index(2, 1).data(FeatureTableModel::FidRole).toLongLong(), 12);
        QVERIFY(model.isNumericColumn(0));
        QVERIFY(!model.isNumericColumn(1));
        QVERIFY(model.isNumericColumn(3));
        QVERIFY(model.isNumericColumn(4));
        QVERIFY(!model.isNumericColumn(5));
        QVERIFY(!model.isNumericColumn(99));
        QVERIFY(model.columnCharWidth(1) >= 8);  // "北京大学" is 8 wide
        QVERIFY(model.roleNames().values().contains("display"));
        QVERIFY(model.roleNames().values().contains("featureId"));
    }

    void missingAttributes()
    {
        FeatureTableModel model;
        model.setLayer(makeLayer());
        // fid 11 has no floors, only fid 14 has a note
        QCOMPARE(model.index(1, 3).data().toString(), QString());
        QVERIFY(!model.index(1, 3).data(FeatureTableModel::ValueRole).isValid());
        QCOMPARE(model.index(0, 5).data().toString(), QString());
        QCOMPARE(model.index(4, 5).data().toString(), QStringLiteral("世界遗产"));
        // missing values sort first
        FeatureTableProxy proxy;
        proxy.setTable(&model);
        proxy.sort(3, Qt::AscendingOrder);
        QCOMPARE(proxy.fidAt(0), 11);
    }

    void emptyLayer()
    {
        auto d = makeLayer();
        d->features.clear();
        d->indexByFid.clear();
        FeatureTableModel model;
        QAbstractItemModelTester tester(&model);
        model.setLayer(d);
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(model.columnCount(), 5);
        FeatureTableProxy proxy;
        QAbstractItemModelTester proxyTester(&proxy);
        proxy.setTable(&model);
        proxy.setSearch(QStringLiteral("x"));
        proxy.sort(3);
        QCOMPARE(proxy.count(), 0);
        QCOMPARE(proxy.fidAt(0), -1);
        QCOMPARE(proxy.proxyRowOfFid(10), -1);
        model.setLayer(nullptr);
        QCOMPARE(model.columnCount(), 0);
        QCOMPARE(proxy.columnCount(), 0);
    }

    void sorting_data()
    {
        QTest::addColumn<int>("column");
        QTest::addColumn<int>("order");
        QTest::addColumn<QList<qint64>>("fids");
        QTest::newRow("floors-asc") << 3 << int(Qt::AscendingOrder) << QList<qint64>{11, 14, 10, 13, 12};   // 9 < 10
        QTest::newRow("floors-desc") << 3 << int(Qt::DescendingOrder) << QList<qint64>{12, 13, 10, 14, 11};
        QTest::newRow("area-asc") << 4 << int(Qt::AscendingOrder) << QList<qint64>{12, 10, 13, 11, 14};
        QTest::newRow("fid-desc") << 0 << int(Qt::DescendingOrder) << QList<qint64>{14, 13, 12, 11, 10};
        QTest::newRow("kind-asc") << 2 << int(Qt::AscendingOrder) << QList<qint64>{14, 12, 13, 11, 10};  // case-insensitive, stable
    }
    void sorting()
    {
        QFETCH(int, column);
        QFETCH(int, order);
        QFETCH(QList<qint64>, fids);
        FeatureTableModel model;
        model.setLayer(makeLayer());
        FeatureTableProxy proxy;
        QAbstractItemModelTester tester(&proxy);
        proxy.setTable(&model);
        QSignalSpy sortChanged(&proxy, &FeatureTableProxy::sortChanged);
        proxy.sort(column, Qt::SortOrder(order));
        QCOMPARE(sortChanged.count(), 1);
        QCOMPARE(proxy.sortColumn(), column);
        QCOMPARE(proxyFids(proxy), fids);
    }

    void toggleSort()
    {
        FeatureTableModel model;
        model.setLayer(makeLayer());
        FeatureTableProxy proxy;
        proxy.setTable(&model);
        QCOMPARE(proxy.sortColumn(), -1);
        proxy.toggleSort(3);
        QCOMPARE(proxy.sortOrder(), Qt::AscendingOrder);
        QCOMPARE(proxyFids(proxy).last(), 12);
        proxy.toggleSort(3);
        QCOMPARE(proxy.sortOrder(), Qt::DescendingOrder);
        QCOMPARE(proxyFids(proxy).first(), 12);
        proxy.toggleSort(4);
        QCOMPARE(proxy.sortColumn(), 4);
        QCOMPARE(proxy.sortOrder(), Qt::AscendingOrder);
    }

    void search_data()
    {
        QTest::addColumn<QString>("search");
        QTest::addColumn<QList<qint64>>("fids");
        QTest::newRow("empty") << "" << QList<qint64>{10, 11, 12, 13, 14};
        QTest::newRow("blank") << "   " << QList<qint64>{10, 11, 12, 13, 14};
        QTest::newRow("chinese") << QStringLiteral("北京") << QList<qint64>{10, 12};
        QTest::newRow("chinese-one") << QStringLiteral("坛") << QList<qint64>{14};
        QTest::newRow("extra-column") << QStringLiteral("遗产") << QList<qint64>{14};
        QTest::newRow("english-case") << "SCHOOL" << QList<qint64>{12, 13};
        QTest::newRow("english-trimmed") << " square " << QList<qint64>{11};
        QTest::newRow("number") << "10" << QList<qint64>{10, 12, 13};  // fid 10, floors 10, "school 10"
        QTest::newRow("real") << "99.25" << QList<qint64>{12};
        QTest::newRow("none") << "zzz" << QList<qint64>{};
        QTest::newRow("not-across-cells") << "station北" << QList<qint64>{};
    }
    void search()
    {
        QFETCH(QString, search);
        QFETCH(QList<qint64>, fids);
        FeatureTableModel model;
        model.setLayer(makeLayer());
        FeatureTableProxy proxy;
        QAbstractItemModelTester tester(&proxy);
        proxy.setTable(&model);
        proxy.setSearch(search);
        QCOMPARE(proxy.search(), search);
        QCOMPARE(proxyFids(proxy), fids);
        QCOMPARE(proxy.count(), int(fids.size()));
        QCOMPARE(proxy.totalCount(), 5);
    }

    void searchSignals()
    {
        FeatureTableModel model;
        model.setLayer(makeLayer());
        FeatureTableProxy proxy;
        proxy.setTable(&model);
        QSignalSpy searchChanged(&proxy, &FeatureTableProxy::searchChanged);
        QSignalSpy countChanged(&proxy, &FeatureTableProxy::countChanged);
        proxy.setSearch(QStringLiteral("北京"));
        QCOMPARE(searchChanged.count(), 1);
        QVERIFY(countChanged.count() >= 1);
        proxy.setSearch(QStringLiteral("北京"));
        QCOMPARE(searchChanged.count(), 1);
        proxy.setProperty("search", QString());
        QCOMPARE(searchChanged.count(), 2);
        QCOMPARE(proxy.count(), 5);
        // a new layer resets the search results, not the search
        proxy.setSearch(QStringLiteral("天"));
        QCOMPARE(proxy.count(), 1);
        model.setLayer(makeLayer());
        QCOMPARE(proxy.count(), 1);
    }

    void fidMapping_data()
    {
        QTest::addColumn<bool>("withIndex");
        QTest::addColumn<QString>("search");
        QTest::addColumn<qint64>("fid");
        QTest::addColumn<int>("row");  // after sorting by floors descending
        QTest::newRow("plain") << true << "" << qint64(12) << 0;
        QTest::newRow("last") << true << "" << qint64(11) << 4;
        QTest::newRow("filtered") << true << QStringLiteral("北京") << qint64(10) << 1;
        QTest::newRow("filtered-out") << true << QStringLiteral("北京") << qint64(13) << -1;
        QTest::newRow("absent") << true << "" << qint64(999) << -1;
        QTest::newRow("no-index") << false << "" << qint64(14) << 3;
        QTest::newRow("no-index-absent") << false << "" << qint64(-1) << -1;
    }
    void fidMapping()
    {
        QFETCH(bool, withIndex);
        QFETCH(QString, search);
        QFETCH(qint64, fid);
        QFETCH(int, row);
        FeatureTableModel model;
        model.setLayer(makeLayer(withIndex));
        FeatureTableProxy proxy;
        proxy.setTable(&model);
        proxy.sort(3, Qt::DescendingOrder);
        proxy.setSearch(search);
        QCOMPARE(proxy.proxyRowOfFid(fid), row);
        if (row >= 0)
            QCOMPARE(proxy.fidAt(row), fid);
        QCOMPARE(proxy.fidAt(-1), -1);
        QCOMPARE(proxy.fidAt(proxy.rowCount()), -1);
    }

    void mismatchedIndex()
    {
        // an index that does not describe the features is not trusted
        auto d = makeLayer();
        d->indexByFid.insert(10, 4);
        d->indexByFid.insert(14, 0);
        FeatureTableModel model;
        model.setLayer(d);
        QCOMPARE(model.rowOfFid(10), 0);
        QCOMPARE(model.rowOfFid(14), 4);
    }
};

QTEST_GUILESS_MAIN(tst_FeatureTableModel)
#include "tst_featuretablemodel.moc"
