// LRU eviction under a byte budget.
#include <liyuan/scene/TileCache.h>

#include <QtTest>

using namespace liyuan;

class tst_TileCache : public QObject
{
    Q_OBJECT
private slots:
    void accounting()
    {
        Tile a, b;
        a.bytes = 100;
        b.bytes = 50;
        TileCache c;
        c.add(&a);
        c.add(&b);
        c.add(&a); // twice: counted once
        QCOMPARE(c.totalBytes(), qint64(150));
        QCOMPARE(c.size(), 2);
        c.remove(&a);
        QCOMPARE(c.totalBytes(), qint64(50));
        c.remove(&a);
        QCOMPARE(c.totalBytes(), qint64(50));
    }

    void evictsLeastRecentlyUsedFirst()
    {
        Tile t[5];
        TileCache c;
        for (int i = 0; i < 5; ++i) {
            t[i].bytes = 100;
            t[i].lastUsedFrame = quint64(10 + i);
            c.add(&t[i]);
        }
        // t[0] is used again later: it becomes the most recent
        t[0].lastUsedFrame = 20;
        const std::vector<Tile *> v = c.evictionCandidates(250, 21);
        QCOMPARE(int(v.size()), 3);
        QCOMPARE(v[0], &t[1]);
        QCOMPARE(v[1], &t[2]);
        QCOMPARE(v[2], &t[3]);
    }

    void underBudgetEvictsNothing()
    {
        Tile a;
        a.bytes = 10;
        TileCache c;
        c.add(&a);
        QVERIFY(c.evictionCandidates(10, 100).empty());
    }

    void tilesOfTheCurrentFrameAreKept()
    {
        Tile a, b;
        a.bytes = b.bytes = 100;
        a.lastUsedFrame = 7;
        b.lastUsedFrame = 7;
        TileCache c;
        c.add(&a);
        c.add(&b);
        // the view needs both: the budget is exceeded rather than punching holes
        QVERIFY(c.evictionCandidates(50, 7).empty());
        QCOMPARE(int(c.evictionCandidates(50, 8).size()), 2);
    }
};

QTEST_APPLESS_MAIN(tst_TileCache)
#include "tst_tilecache.moc"
