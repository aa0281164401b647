// TileDrawableModel's parking: drawables that leave the view stay parked (GPU copies kept, drawn
// with zero instances) up to a budget, least recently shown hidden first; a shown drawable is
// never parked; freeing a tile forgets its drawables. GUI-thread API only, no window.
#include <liyuan/scene/Tile.h>
#include <liyuan/scene/TileContent.h>
#include <liyuan/scene/TileSelector.h>
#include <liyuan/scene/quick/TileDrawable.h>
#include <liyuan/scene/quick/TileDrawableModel.h>

#include <QtTest>

#include <memory>
#include <vector>

using namespace liyuan;

class tst_TileDrawableModel : public QObject
{
    Q_OBJECT

    /** n tiles of one triangle each, attached (as the streamer does after a load). */
    static std::vector<std::unique_ptr<Tile>> attach(TileDrawableModel &model, int n)
    {
        std::vector<std::unique_ptr<Tile>> tiles;
        for (int i = 0; i < n; ++i) {
            auto t = std::make_unique<Tile>();
            t->content = std::make_shared<TileContent>();
            MeshData m;
            m.positions = {0.f, 0.f, 0.f, 1.f, 0.f, 0.f, 0.f, 1.f, 0.f};
            m.indices = {0, 1, 2};
            t->content->meshes.push_back(m);
            qint64 extra = 0;
            t->renderData = model.prepareInLoadThread(*t->content, &extra);
            model.prepareInMainThread(*t, DatasetTransform{});
            tiles.push_back(std::move(t));
        }
        return tiles;
    }
    static TileDrawable *drawable(TileDrawableModel &model, int row)
    {
        return qobject_cast<TileDrawable *>(model.data(model.index(row), TileDrawableModel::DrawableRole).value<QObject *>());
    }
    static void show(TileDrawableModel &model, const std::vector<std::unique_ptr<Tile>> &tiles, std::initializer_list<int> which)
    {
        std::vector<DrawItem> items;
        for (int i : which)
            items.push_back(DrawItem{tiles[size_t(i)].get(), 0});
        model.setDrawn(items);
    }

private slots:
    void parksWhatLeavesTheView_data()
    {
        QTest::addColumn<int>("budget");
        QTest::addColumn<QList<bool>>("parkedAfter"); // tiles 0..4 after showing {0,1}, {2}, {3}, {4}
        // 0 and 1 leave first (parked first), then 2, then 3; 4 is shown
        QTest::newRow("room for all") << 10 << QList<bool>{true, true, true, true, false};
        QTest::newRow("budget 2: the two most recent") << 2 << QList<bool>{false, false, true, true, false};
        QTest::newRow("budget 0: none") << 0 << QList<bool>{false, false, false, false, false};
        QTest::newRow("hostile negative budget: none") << -5 << QList<bool>{false, false, false, false, false};
    }
    void parksWhatLeavesTheView()
    {
        QFETCH(int, budget);
        QFETCH(QList<bool>, parkedAfter);
        TileDrawableModel model;
        model.setMaxParked(budget);
        auto tiles = attach(model, 5);
        QCOMPARE(model.rowCount(), 5);
        for (int i = 0; i < 5; ++i)
            QVERIFY(!drawable(model, i)->parked() && !drawable(model, i)->shown()); // never shown: not parked
        show(model, tiles, {0, 1});
        show(model, tiles, {2});
        show(model, tiles, {3});
        show(model, tiles, {4});
        int parked = 0;
        for (int i = 0; i < 5; ++i) {
            QCOMPARE(drawable(model, i)->parked(), parkedAfter[i]);
            QVERIFY(!(drawable(model, i)->parked() && drawable(model, i)->shown()));
            parked += parkedAfter[i];
        }
        QCOMPARE(model.parkedCount(), parked);
    }

    void showingAgainUnparksAndRefreshes()
    {
        TileDrawableModel model;
        model.setMaxParked(2);
        auto tiles = attach(model, 4);
        QSignalSpy parkedSpy(drawable(model, 0), &TileDrawable::parkedChanged);
        show(model, tiles, {0});
        show(model, tiles, {1}); // 0 parked
        QVERIFY(drawable(model, 0)->parked());
        show(model, tiles, {0}); // shown again: no longer parked; 1 parked
        QVERIFY(drawable(model, 0)->shown() && !drawable(model, 0)->parked());
        QVERIFY(drawable(model, 1)->parked());
        show(model, tiles, {2}); // 0 and 1 parked (0 the most recent)
        show(model, tiles, {3}); // budget 2: 1, the least recently shown, goes
        QVERIFY(!drawable(model, 1)->parked());
        QVERIFY(drawable(model, 0)->parked() && drawable(model, 2)->parked());
        QCOMPARE(model.parkedCount(), 2);
        QCOMPARE(parkedSpy.count(), 3); // parked, unparked, parked
        // a smaller budget applies at once
        model.setMaxParked(1);
        QCOMPARE(model.parkedCount(), 1);
        QVERIFY(drawable(model, 2)->parked() && !drawable(model, 0)->parked());
    }

    void freeingATileForgetsItsParkedDrawables()
    {
        TileDrawableModel model;
        auto tiles = attach(model, 3);
        show(model, tiles, {0, 1});
        show(model, tiles, {2});
        QCOMPARE(model.parkedCount(), 2);
        model.free(*tiles[0]);
        QCOMPARE(model.parkedCount(), 1);
        QCOMPARE(model.rowCount(), 2);
        show(model, tiles, {1}); // 2 parked, 1 shown: nothing dangling from the freed tile
        QCOMPARE(model.parkedCount(), 1);
        model.free(*tiles[1]);
        model.free(*tiles[2]);
        QCOMPARE(model.parkedCount(), 0);
        QCOMPARE(model.rowCount(), 0);
    }
};

QTEST_GUILESS_MAIN(tst_TileDrawableModel)
#include "tst_tiledrawablemodel.moc"
