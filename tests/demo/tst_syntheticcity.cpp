// The synthetic city of `liyuan generate-city` (liyuan::demo::SyntheticCity): file count, every
// file reachable from the roots and readable through OsgbReader with the PagedLOD level structure
// its name says, georeferenced by metadata.xml, the same bytes for the same seed, resumable after a
// cancel, hostile options refused with clear messages and exit codes, and the app renders it.
#include "AppRunner.h"
#include "TestRequire.h"

#include <liyuan/demo/SyntheticCity.h>
#include <liyuan/osgb/OsgbDataset.h>
#include <liyuan/osgb/OsgbReader.h>

#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QtTest>

#include <atomic>
#include <cmath>

using namespace liyuan;
using demo::SyntheticCity;
using demo::SyntheticCityOptions;

namespace {

SyntheticCityOptions opts(double area, int levels, double tile, quint64 seed)
{
    SyntheticCityOptions o;
    o.areaKm2 = area;
    o.levels = levels;
    o.tileSize = tile;
    o.seed = seed;
    o.threads = 2;
    return o;
}

/** Relative path → SHA-1 of every file under dir (hidden ones included). */
QMap<QString, QByteArray> digest(const QString &dir)
{
    QMap<QString, QByteArray> out;
    QDirIterator it(dir, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString f = it.next();
        QFile file(f);
        if (file.open(QIODevice::ReadOnly))
            out.insert(QDir(dir).relativeFilePath(f), QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha1));
    }
    return out;
}

QStringList osgbFiles(const QString &dir)
{
    QStringList out;
    QDirIterator it(dir, {QStringLiteral("*.osgb")}, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext())
        out << QFileInfo(it.next()).absoluteFilePath();
    out.sort();
    return out;
}

} // namespace

class TestSyntheticCity : public QObject
{
    Q_OBJECT
    QTemporaryDir m_tmp;
    QString m_city; // 0.5 km², 6 levels, seed 7: made once in initTestCase
    demo::SyntheticCityResult m_result;

private slots:
    void initTestCase()
    {
        QVERIFY(m_tmp.isValid());
        osgb::registerOsgbReader();
        m_city = m_tmp.filePath(QStringLiteral("city"));
        qint64 last = -1, total = -1;
        m_result = SyntheticCity::generate(m_city, opts(0.5, 6, 500, 7), [&](int64_t d, int64_t t) {
            QVERIFY(d >= last);
            last = d;
            total = t;
        });
        QVERIFY2(m_result.ok, qPrintable(m_result.error));
        QCOMPARE(last, total);
    }

    void expectedFiles_data()
    {
        QTest::addColumn<double>("area");
        QTest::addColumn<int>("levels");
        QTest::addColumn<double>("tile");
        QTest::addColumn<int>("perSide");
        QTest::addColumn<int>("splits");
        QTest::addColumn<qint64>("files");
        // 707 m square: 2x2 blocks of 500 m; splits 500→250→125→62.5; 1+4+16+64+64+64 per block
        QTest::newRow("0.5km2-6levels") << 0.5 << 6 << 500.0 << 2 << 3 << qint64(4 * 213);
        // 30 km²: 5477 m → 11x11 blocks; 1+4+16+64*7 = 469 per block
        QTest::newRow("30km2-10levels") << 30.0 << 10 << 500.0 << 11 << 3 << qint64(121 * 469);
        // 200 m blocks split twice (50 m leaves), then refine: 1+4+16+16
        QTest::newRow("200m-tiles") << 0.16 << 4 << 200.0 << 2 << 2 << qint64(4 * 37);
        // 50 m blocks never split: a chain of 2 files
        QTest::newRow("50m-tiles") << 0.01 << 2 << 50.0 << 2 << 0 << qint64(8);
        // more levels than splits allow: 1+4+16+64 + 12*64
        QTest::newRow("16levels") << 0.25 << 16 << 500.0 << 1 << 3 << qint64(85 + 12 * 64);
    }
    void expectedFiles()
    {
        QFETCH(double, area);
        QFETCH(int, levels);
        QFETCH(double, tile);
        QFETCH(int, perSide);
        QFETCH(int, splits);
        QFETCH(qint64, files);
        const SyntheticCityOptions o = opts(area, levels, tile, 1);
        QVERIFY2(SyntheticCity::validate(o).isEmpty(), qPrintable(SyntheticCity::validate(o)));
        QCOMPARE(SyntheticCity::tilesPerSide(o), perSide);
        QCOMPARE(SyntheticCity::splitLevels(o), splits);
        QCOMPARE(qint64(SyntheticCity::expectedFiles(o)), files);
    }

    void smallCityHasTheExpectedFiles()
    {
        QCOMPARE(m_result.tilesX, 2);
        QCOMPARE(m_result.levels, 6);
        QCOMPARE(qint64(m_result.files), qint64(852));
        const QStringList files = osgbFiles(m_city);
        QCOMPARE(files.size(), 852);
        qint64 bytes = QFileInfo(QDir(m_city).filePath("metadata.xml")).size();
        for (const QString &f : files)
            bytes += QFileInfo(f).size();
        QCOMPARE(qint64(m_result.bytes), bytes); // the reported disk size is the real one
        QVERIFY(m_result.triangles > 100000);
        QVERIFY(QFileInfo::exists(QDir(m_city).filePath(SyntheticCity::stampFileName())));
        // ContextCapture layout: Data/Tile_+xxx_+yyy/Tile_+xxx_+yyy[_Lnn_path].osgb, nothing left over
        static const QRegularExpression name(QStringLiteral("/Data/(Tile_[+-]\\d{3}_[+-]\\d{3})/\\1(_L(1[5-9])_([0-3]+))?\\.osgb$"));
        for (const QString &f : files)
            QVERIFY2(name.match(f).hasMatch(), qPrintable(f));
        QDirIterator it(m_city, QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString f = it.next();
            QVERIFY2(!f.endsWith(".part") && !f.contains(".tmp"), qPrintable(f));
        }
    }

    void everyFileReachableReadableWithItsLevel()
    {
        const osgb::OsgbDataset ds = osgb::OsgbDataset::open(m_city);
        QVERIFY2(ds.ok, qPrintable(ds.error));
        QCOMPARE(ds.rootFiles.size(), 4);
        const osgb::OsgbReader reader;
        QSet<QString> seen;
        QList<QPair<QString, int>> queue; // file, depth
        for (const QString &r : ds.rootFiles)
            queue.append({QFileInfo(r).absoluteFilePath(), 0});
        static const QRegularExpression level(QStringLiteral("_L(\\d+)_([0-3]+)\\.osgb$"));
        int leaves = 0;
        while (!queue.isEmpty()) {
            const auto [file, depth] = queue.takeFirst();
            QVERIFY2(!seen.contains(file), qPrintable(file + " reached twice"));
            seen.insert(file);
            const TileReadResult r = reader.read(file);
            QVERIFY2(r.ok, qPrintable(r.error));
            const QRegularExpressionMatch m = level.match(file);
            if (depth == 0) {
                QVERIFY2(!m.hasMatch(), qPrintable(file));
            } else {
                QVERIFY2(m.hasMatch(), qPrintable(file));
                QCOMPARE(m.captured(1).toInt(), 14 + depth); // ContextCapture level
                QCOMPARE(m.captured(2).size(), depth);       // one quadrant digit per level
            }
            QCOMPARE(int(r.content.images.size()), 1); // one JPEG atlas per file
            QVERIFY(r.content.images[0].isValid());
            QVERIFY(!r.content.meshes.empty());
            for (const MeshData &mesh : r.content.meshes) {
                QVERIFY(mesh.triangleCount() > 0);
                QCOMPARE(mesh.imageIndex, 0);
                QCOMPARE(mesh.uvs.size() / 2, mesh.positions.size() / 3);
            }
            const QStringList children = r.content.childFiles();
            if (depth == 5) {
                QVERIFY2(children.isEmpty(), qPrintable(file));
                ++leaves;
                continue;
            }
            QCOMPARE(children.size(), depth < 3 ? 4 : 1); // quadtree splits, then refinement of the same area
            QCOMPARE(int(r.content.nodes.size()), children.size());
            for (const LodNode &n : r.content.nodes) {
                QCOMPARE(n.rangeMode, RangeMode::PixelSizeOnScreen);
                QCOMPARE(int(n.ranges.size()), 2);
                QVERIFY(n.radius > 10);
                QVERIFY(n.ranges[1].min == n.ranges[0].max);
            }
            for (const QString &c : children) {
                QVERIFY2(QFileInfo::exists(c), qPrintable(file + " names a missing child " + c));
                queue.append({QFileInfo(c).absoluteFilePath(), depth + 1});
            }
        }
        QCOMPARE(leaves, 256);
        const QStringList onDisk = osgbFiles(m_city);
        QCOMPARE(seen.size(), onDisk.size());
        for (const QString &f : onDisk)
            QVERIFY2(seen.contains(f), qPrintable(f + " is not reachable from a root"));
    }

    void metadataGeoreferences()
    {
        const osgb::OsgbDataset ds = osgb::OsgbDataset::open(m_city);
        QVERIFY2(ds.ok, qPrintable(ds.error));
        QVERIFY(ds.frame.isGeoreferenced());
        QCOMPARE(ds.frame.origin().x, 530000.0);
        QCOMPARE(ds.frame.origin().y, 3992000.0);
        bool ok = false;
        // the city's centre (500 m, 500 m from the origin) is in Laoshan district, Qingdao
        const Vec3d llh = ds.frame.toLonLatHeight(Vec3d(500, 500, 0), &ok);
        QVERIFY(ok);
        QVERIFY2(std::fabs(llh.x - 120.3385) < 0.01 && std::fabs(llh.y - 36.062) < 0.01,
                 qPrintable(QStringLiteral("%1 %2").arg(llh.x, 0, 'f', 6).arg(llh.y, 0, 'f', 6)));
        QFile meta(QDir(m_city).filePath("metadata.xml"));
        QVERIFY(meta.open(QIODevice::ReadOnly));
        const QByteArray xml = meta.readAll();
        QVERIFY(xml.contains("<SRS>EPSG:4549</SRS>"));
        QVERIFY(xml.contains("<SRSOrigin>530000.000000,3992000.000000,0.000000</SRSOrigin>"));
    }

    void sameSeedSameBytes()
    {
        const QString a = m_tmp.filePath("det-a"), b = m_tmp.filePath("det-b"), c = m_tmp.filePath("det-c");
        QVERIFY(SyntheticCity::generate(a, opts(0.16, 4, 200, 11)).ok);
        SyntheticCityOptions one = opts(0.16, 4, 200, 11);
        one.threads = 1; // another scheduling: still the same bytes
        QVERIFY(SyntheticCity::generate(b, one).ok);
        QVERIFY(SyntheticCity::generate(c, opts(0.16, 4, 200, 12)).ok);
        const auto da = digest(a), db = digest(b), dc = digest(c);
        QCOMPARE(da.size(), 148 + 3); // the .osgb files, metadata.xml, the options and the stamp
        QCOMPARE(da, db);
        int differ = 0;
        for (auto it = da.begin(); it != da.end(); ++it)
            if (it.key().endsWith(".osgb") && dc.value(it.key()) != it.value())
                ++differ;
        QVERIFY2(differ > 140, qPrintable(QString::number(differ))); // another seed, another city
    }

    void cancelThenResume()
    {
        const QString dir = m_tmp.filePath("resume");
        std::atomic_bool cancel{false};
        SyntheticCityOptions o = opts(0.16, 4, 200, 11);
        o.threads = 1;
        const auto r1 = SyntheticCity::generate(dir, o, [&](int64_t d, int64_t) {
            if (d >= 40)
                cancel.store(true);
        }, &cancel);
        QVERIFY(!r1.ok);
        QCOMPARE(r1.exitCode, 130);
        QVERIFY2(r1.error.contains("resume"), qPrintable(r1.error));
        QVERIFY(!QFileInfo::exists(QDir(dir).filePath(SyntheticCity::stampFileName())));
        const int partial = osgbFiles(dir).size();
        QVERIFY2(partial >= 37 && partial < 148, qPrintable(QString::number(partial))); // at least one block done, not all
        const auto r2 = SyntheticCity::generate(dir, o);
        QVERIFY2(r2.ok, qPrintable(r2.error));
        QCOMPARE(qint64(r2.files), qint64(148));
        QCOMPARE(digest(dir), digest(m_tmp.filePath("det-a"))); // as if never interrupted
        const auto r3 = SyntheticCity::generate(dir, o);     // complete: reused, nothing written
        QVERIFY(r3.ok);
        QVERIFY(r3.reused);
        QCOMPARE(qint64(r3.bytes), qint64(r2.bytes));
    }

    void hostileOptions_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("message");
        const QString out = m_tmp.filePath("hostile-out");
        QTest::newRow("negative-area") << QStringList{"generate-city", out, "--area-km2", "-5"} << 64 << "--area-km2 must be from";
        QTest::newRow("huge-area") << QStringList{"generate-city", out, "--area-km2", "1e9"} << 64 << "--area-km2 must be from";
        QTest::newRow("nan-area") << QStringList{"generate-city", out, "--area-km2", "nan"} << 64 << "--area-km2 must be from";
        QTest::newRow("text-area") << QStringList{"generate-city", out, "--area-km2", "big"} << 64 << "take numbers";
        QTest::newRow("zero-levels") << QStringList{"generate-city", out, "--levels", "0"} << 64 << "--levels must be from 2 to 16, not 0";
        QTest::newRow("30-levels") << QStringList{"generate-city", out, "--levels", "30"} << 64 << "--levels must be from 2 to 16, not 30";
        QTest::newRow("tiny-tiles") << QStringList{"generate-city", out, "--tile-size", "1"} << 64 << "--tile-size must be from";
        QTest::newRow("too-many-files") << QStringList{"generate-city", out, "--area-km2", "2500", "--levels", "16", "--tile-size", "100"} << 64 << "files (more than";
        QTest::newRow("negative-seed") << QStringList{"generate-city", out, "--seed", "-1"} << 64 << "whole numbers";
        QTest::newRow("no-out") << QStringList{"generate-city"} << 64 << "exactly one OUT";
        QTest::newRow("two-outs") << QStringList{"generate-city", out, out} << 64 << "exactly one OUT";
        QTest::newRow("levels-without-subcommand") << QStringList{"--levels", "4"} << 64 << "belong to 'liyuan generate-city'";
        QTest::newRow("out-under-a-file") << QStringList{"generate-city", m_tmp.filePath("a-file/city"), "--area-km2", "0.01", "--levels", "2"} << 3 << "a-file/city: cannot create the folder";
        QTest::newRow("out-is-a-file") << QStringList{"generate-city", m_tmp.filePath("a-file"), "--area-km2", "0.01", "--levels", "2"} << 3 << "a-file: exists and is not a folder";
        QTest::newRow("foreign-folder") << QStringList{"generate-city", m_tmp.filePath("foreign"), "--area-km2", "0.01", "--levels", "2"} << 2 << "holds no synthetic city";
        QTest::newRow("other-options") << QStringList{"generate-city", m_city, "--area-km2", "0.01", "--levels", "2"} << 2 << "made with other options";
    }
    void hostileOptions()
    {
        QFETCH(QStringList, args);
        QFETCH(int, exitCode);
        QFETCH(QString, message);
        {
            QFile f(m_tmp.filePath("a-file"));
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("not a folder");
        }
        QVERIFY(QDir().mkpath(m_tmp.filePath("foreign/photos")));
        const QMap<QString, QByteArray> before = digest(m_city);
        const AppRun r = runApp(args, 30000);
        QVERIFY2(r.finished && r.exitCode == exitCode, r.what());
        QVERIFY2(r.err.contains(message), r.what());
        QVERIFY2(!r.err.contains("crashed"), r.what());
        QVERIFY(!QFileInfo::exists(m_tmp.filePath("hostile-out"))); // nothing written on a refusal
        QVERIFY(QFileInfo::exists(m_tmp.filePath("foreign/photos")));
        QCOMPARE(digest(m_city), before); // an existing city is never touched
    }

    void cliPrintsProgressAndSize()
    {
        const QString out = m_tmp.filePath("cli city");
        const AppRun r = runApp({"generate-city", out, "--area-km2", "0.16", "--levels", "4", "--tile-size", "200", "--seed", "11"}, 60000);
        QVERIFY2(r.finished && r.exitCode == 0, r.what());
        static const QRegularExpression prog(QStringLiteral("^progress (\\d+)/148$"), QRegularExpression::MultilineOption);
        auto it = prog.globalMatch(r.out);
        int lines = 0, last = -1;
        while (it.hasNext()) {
            const int n = it.next().captured(1).toInt();
            QVERIFY(n >= last);
            last = n;
            ++lines;
        }
        QVERIFY2(lines >= 2 && last == 148, r.what());
        QVERIFY2(r.out.contains(QRegularExpression("148 files, [0-9.]+ MB on disk")), r.what());
        QCOMPARE(digest(out), digest(m_tmp.filePath("det-a"))); // the CLI writes what the library writes
        const AppRun again = runApp({"generate-city", out, "--area-km2", "0.16", "--levels", "4", "--tile-size", "200", "--seed", "11"}, 60000);
        QVERIFY2(again.exitCode == 0 && again.out.contains("already complete"), again.what());
    }

    void appRendersTheCity()
    {
        if (qEnvironmentVariableIsEmpty("DISPLAY") && qEnvironmentVariable("QT_QPA_PLATFORM") != "offscreen")
            LIYUAN_SKIP("no display: run under xvfb-run");
        const QString png = m_tmp.filePath("city.png"), json = m_tmp.filePath("city.json");
        // the default view of the whole city
        const AppRun r = runApp({"--screenshot", png, "--size", "640x400", "--state-json", json, "--timeout", "60", m_city}, 90000);
        QVERIFY2(r.finished && r.exitCode == 0, r.what());
        QFile f(json);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QJsonObject s = QJsonDocument::fromJson(f.readAll()).object();
        const QJsonObject tiles = s.value("tiles").toObject();
        QVERIFY(tiles.value("settled").toBool());
        QVERIFY(tiles.value("drawn").toInt() >= 4);
        QCOMPARE(tiles.value("failed").toArray().size(), 0);
        QVERIFY(tiles.value("triangles").toInt() > 1000);
        QVERIFY2(QJsonDocument(s.value("datasets").toArray()).toJson().contains("4549"), qPrintable(QJsonDocument(s.value("datasets").toArray()).toJson()));
        const QImage img(png);
        QCOMPARE(img.size(), QSize(640, 400));
        // the city fills the middle of the picture: not the sky colour there, and varied (textured)
        QSet<QRgb> colours;
        for (int y = 180; y < 400; y += 7)
            for (int x = 100; x < 540; x += 7)
                colours.insert(img.pixel(x, y));
        QVERIFY2(colours.size() > 100, qPrintable(QString::number(colours.size())));
    }
};

QTEST_GUILESS_MAIN(TestSyntheticCity)
#include "tst_syntheticcity.moc"
