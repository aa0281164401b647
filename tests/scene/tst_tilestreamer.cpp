// Streaming the real ContextCapture sample without a window: load order, settling,
// failed children remembered, LRU eviction under the byte budget.
#include "TestRequire.h"
#include "TopDownView.h"
#include <liyuan/osgb/OsgbDataset.h>
#include <liyuan/osgb/OsgbReader.h>
#include <liyuan/geodata/LoadCancel.h>
#include <liyuan/scene/TileReader.h>
#include <liyuan/scene/TileStreamer.h>

#include <QtTest>

using namespace liyuan;
using liyuan::test::topDown;

namespace {

const QString kSample = QStringLiteral(LIYUAN_SHARED_DATA "/osgb/Production_5");


/** Runs frames until the streamer settles (or the limit). */
int settle(TileStreamer &s, const ViewState &v, int maxMs = 60000)
{
    QElapsedTimer t;
    t.start();
    int frames = 0;
    do {
        s.update(v);
        ++frames;
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
        if (s.isSettled() && frames > 2) {
            s.update(v);
            if (s.isSettled())
                break;
        }
        QThread::msleep(2);
    } while (t.elapsed() < maxMs);
    return frames;
}

TileDataset sample()
{
    const osgb::OsgbDataset ds = osgb::OsgbDataset::open(kSample);
    TileDataset td;
    td.path = kSample;
    td.format = "OSGB";
    td.frame = ds.frame;
    td.rootFiles = ds.rootFiles;
    return td;
}

/** Serves "fake:<z>:<fid>" tiles: one 200 m square at height z; fid >= 0 marks its triangles as that feature. */
class FakeReader : public TileReader
{
public:
    QString formatName() const override { return "fake"; }
    bool identify(const QString &path) const override { return path.startsWith("fake:"); }
    TileReadResult read(const QString &path) const override
    {
        const QStringList p = path.split(':');
        TileReadResult r;
        r.ok = true;
        MeshData m;
        const float z = p[1].toFloat();
        m.positions = {-100, -100, z, 100, -100, z, 100, 100, z, -100, 100, z};
        m.indices = {0, 1, 2, 0, 2, 3};
        const qint64 fid = p[2].toLongLong();
        if (fid >= 0)
            m.triangleFeatures = {fid, fid};
        m.computeBounds();
        r.content.meshes.push_back(m);
        LodNode n;
        n.radius = 150;
        n.ranges.push_back(LodRange{0.f, std::numeric_limits<float>::max(), {0}, QString()});
        r.content.nodes.push_back(n);
        return r;
    }
};

} // namespace

/**
 * Serves "slow:<ms>:<polls>" tiles: the read takes <ms> milliseconds; with polls = 1 it
 * stops as soon as LoadCancel::requested() (as GDAL reads do), with 0 it ignores it (a
 * reader stuck in a library call). Counts reads that got to the end.
 */
class SlowReader : public TileReader
{
public:
    static inline std::atomic_int started{0}, finished{0};
    QString formatName() const override { return "slow"; }
    bool identify(const QString &path) const override { return path.startsWith("slow:"); }
    TileReadResult read(const QString &path) const override
    {
        const QStringList p = path.split(':');
        const int ms = p.value(1).toInt();
        const bool polls = p.value(2) == QLatin1String("1");
        ++started;
        QElapsedTimer t;
        t.start();
        TileReadResult r;
        while (t.elapsed() < ms) {
            if (polls && LoadCancel::requested()) {
                r.error = path + QStringLiteral(": cancelled");
                return r;
            }
            QThread::msleep(5);
        }
        ++finished;
        r.error = path + QStringLiteral(": done (no content)");
        return r;
    }
};

class tst_TileStreamer : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase()
    {
        if (!QFileInfo::exists(kSample + QStringLiteral("/metadata.xml")))
            LIYUAN_SKIP("shared sample data not found (LIYUAN_SHARED_DATA)");
        osgb::registerOsgbReader();
    }

    void farViewSettlesOnRoots()
    {
        TileStreamer s;
        s.addDataset(sample());
        // first frame: only roots wanted
        s.update(topDown(Vec3d(50, 150, 0), 5000));
        QCOMPARE(s.stats().loading + s.stats().queued, 3);
        settle(s, topDown(Vec3d(50, 150, 0), 5000));
        QVERIFY(s.rootsReady());
        QVERIFY(s.isSettled());
        Vec3d mn, mx;
        QVERIFY(s.sceneBounds(&mn, &mx));
        const Vec3d c = (mn + mx) * 0.5;
        const double r = (mx - mn).length() * 0.5;
        QVERIFY2(r > 100 && r < 500, qPrintable(QString::number(r)));
        // far away only the three roots are drawn
        s.update(topDown(c, 20000));
        QCOMPARE(s.stats().tilesDrawn, 3);
        QCOMPARE(s.stats().failed, 0);
    }

    void closeViewRefinesAndRemembersMissingChildren()
    {
        TileStreamer s;
        TilesetOptions o;
        o.maxConcurrentLoads = 2;
        s.setOptions(o);
        s.addDataset(sample());
        settle(s, topDown(Vec3d(0, 0, 0), 5000));
        Vec3d mn, mx;
        QVERIFY(s.sceneBounds(&mn, &mx));
        const Vec3d c = (mn + mx) * 0.5;
        const ViewState close = topDown(c, 60);
        settle(s, close);
        QVERIFY(s.isSettled());
        // every finest level file in view is drawn, its absent L20 children failed once each
        const int failed = s.stats().failed;
        QVERIFY2(failed > 0, "the sample's L19 tiles reference absent L20 children");
        for (const QString &f : s.failures())
            QVERIFY2(f.contains("_L20_") && f.contains("file not found"), qPrintable(f));
        const int loaded = s.stats().loadedTotal;
        for (int i = 0; i < 30; ++i) {
            s.update(close);
            QCoreApplication::processEvents();
        }
        QCOMPARE(s.stats().failed, failed);         // never re-requested
        QCOMPARE(s.stats().loadedTotal, loaded);    // nothing reloaded either
        QCOMPARE(s.stats().loading + s.stats().queued, 0);
        // drawn tiles are deeper than the roots
        int maxDepth = 0;
        for (const DrawItem &d : s.lastSelection().draw)
            maxDepth = std::max(maxDepth, d.tile->depth);
        QVERIFY2(maxDepth >= 4, qPrintable(QString::number(maxDepth)));
    }

    void evictsUnderBudget()
    {
        TileStreamer s;
        TilesetOptions o;
        o.cacheBytes = 40ll << 20;
        s.setOptions(o);
        s.addDataset(sample());
        settle(s, topDown(Vec3d(0, 0, 0), 5000));
        Vec3d mn, mx;
        QVERIFY(s.sceneBounds(&mn, &mx));
        const Vec3d c = (mn + mx) * 0.5;
        // visit each tile closely, one after another: the cache must stay near the budget
        for (double x : {-100.0, 0.0, 100.0}) {
            settle(s, topDown(c + Vec3d(x, 0, 0), 50));
            s.update(topDown(c + Vec3d(x, 0, 0), 50));
        }
        QVERIFY(s.stats().evictedTotal > 0);
        // after the last view settles, everything beyond the current view was evicted
        s.update(topDown(c + Vec3d(100, 0, 0), 50));
        qint64 inView = 0;
        for (const Tile *t : s.tiles())
            if (t->lastUsedFrame == s.frameNumber() && t->content)
                inView += t->bytes;
        QVERIFY2(s.stats().cacheBytes <= std::max(o.cacheBytes, inView),
                 qPrintable(QStringLiteral("%1 > %2").arg(s.stats().cacheBytes).arg(o.cacheBytes)));
        // and what was evicted streams back when looked at again
        settle(s, topDown(c + Vec3d(-100, 0, 0), 50));
        QVERIFY(s.isSettled());
        QVERIFY(s.stats().tilesDrawn > 0);
    }

    // found by fuzzing the built app: a render of a huge VRT wrote its screenshot and then never
    // exited, because shutdown joined a loader thread still reading
    void fuzzShutdownCancelsLoadsInFlight_data()
    {
        QTest::addColumn<bool>("polls");
        QTest::addColumn<int>("maxMs");
        QTest::newRow("fuzz: a read that polls LoadCancel stops at once") << true << 1000;
        QTest::newRow("fuzz: a read that ignores it is left behind after shutdownWaitMs") << false << 1500;
    }
    void fuzzShutdownCancelsLoadsInFlight()
    {
        QFETCH(bool, polls);
        QFETCH(int, maxMs);
        static bool registered = false;
        if (!registered) {
            ReaderRegistry::instance().add(std::make_shared<SlowReader>());
            registered = true;
        }
        SlowReader::started = 0;
        SlowReader::finished = 0;
        auto s = std::make_unique<TileStreamer>();
        TilesetOptions o = s->options();
        o.shutdownWaitMs = 500;
        s->setOptions(o);
        TileDataset td;
        td.path = "slow";
        td.format = "slow";
        // 20 s reads: far longer than the test may wait
        td.rootFiles = {QStringLiteral("slow:20000:%1:a").arg(polls ? 1 : 0), QStringLiteral("slow:20000:%1:b").arg(polls ? 1 : 0)};
        s->addDataset(td);
        s->update(topDown(Vec3d(0, 0, 0), 1000));
        QTRY_COMPARE_WITH_TIMEOUT(SlowReader::started.load(), 2, 5000);
        QElapsedTimer t;
        t.start();
        s.reset(); // the destructor: cancel, wait at most shutdownWaitMs, never join a stuck read
        QVERIFY2(t.elapsed() < maxMs, qPrintable(QStringLiteral("shutdown took %1 ms").arg(t.elapsed())));
        QCOMPARE(SlowReader::finished.load(), 0);
    }

    void missingRootIsReportedOnce()
    {
        TileStreamer s;
        TileDataset td = sample();
        td.rootFiles << kSample + "/Data/Tile_+000_+099/Tile_+000_+099.osgb";
        s.addDataset(td);
        QSignalSpy failed(&s, &TileStreamer::tileFailed);
        settle(s, topDown(Vec3d(0, 0, 0), 5000));
        QVERIFY(s.rootsReady());
        QCOMPARE(failed.count(), 1);
        QVERIFY(failed.at(0).at(1).toString().contains("Tile_+000_+099.osgb"));
    }

    void pickPrefersAFeatureOnTheSameSurface_data()
    {
        QTest::addColumn<QString>("mesh");
        QTest::addColumn<QString>("feature");
        QTest::addColumn<qint64>("expectedFid");
        QTest::newRow("feature just below the mesh surface") << "fake:10:-1" << "fake:9.8:7" << qint64(7);
        QTest::newRow("feature above") << "fake:10:-1" << "fake:12:7" << qint64(7);
        QTest::newRow("feature far below: the mesh hides it") << "fake:10:-1" << "fake:-40:7" << qint64(-1);
    }
    void pickPrefersAFeatureOnTheSameSurface()
    {
        QFETCH(QString, mesh);
        QFETCH(QString, feature);
        QFETCH(qint64, expectedFid);
        static const bool registered = [] {
            ReaderRegistry::instance().add(std::make_shared<FakeReader>());
            return true;
        }();
        Q_UNUSED(registered);
        TileStreamer s;
        TileDataset a, b;
        a.rootFiles = {mesh};
        b.rootFiles = {feature};
        s.addDataset(a);
        s.addDataset(b);
        const ViewState v = topDown(Vec3d(0, 0, 0), 300);
        settle(s, v);
        PickResult hit;
        QVERIFY(s.pick(v.eye, Vec3d(0, 0, -1), &hit));
        QCOMPARE(hit.featureId, expectedFid);
    }

    void pickHitsTheMesh()
    {
        TileStreamer s;
        s.addDataset(sample());
        settle(s, topDown(Vec3d(0, 0, 0), 5000));
        Vec3d mn, mx;
        QVERIFY(s.sceneBounds(&mn, &mx));
        const Vec3d c = (mn + mx) * 0.5;
        const double r = (mx - mn).length() * 0.5;
        const ViewState v = topDown(c, 400);
        settle(s, v);
        Vec3d hit;
        QVERIFY(s.pick(v.eye, Vec3d(0, 0, -1), &hit));
        QVERIFY(hit.z < v.eye.z && hit.z > c.z - r);
        QVERIFY(!s.pick(v.eye, Vec3d(0, 0, 1), &hit)); // the sky
    }
};

QTEST_GUILESS_MAIN(tst_TileStreamer)
#include "tst_tilestreamer.moc"
