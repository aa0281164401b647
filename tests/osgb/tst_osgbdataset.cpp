// Opening what users open: a production root, Data/, a Tile_ folder, one file, and bad paths.
#include "TestRequire.h"
#include <liyuan/osgb/OsgbDataset.h>

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

using namespace liyuan;

namespace {
const QString kSample = QStringLiteral(LIYUAN_SHARED_DATA "/osgb/Production_5");
}

class tst_OsgbDataset : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase()
    {
        if (!QFileInfo::exists(kSample + QStringLiteral("/metadata.xml")))
            LIYUAN_SKIP("shared sample data not found (LIYUAN_SHARED_DATA)");
    }

    void layouts_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<int>("roots");
        QTest::addColumn<bool>("georeferenced");
        QTest::newRow("production root") << kSample << 3 << true;
        QTest::newRow("metadata.xml itself") << kSample + "/metadata.xml" << 3 << true;
        QTest::newRow("Data folder") << kSample + "/Data" << 3 << true;
        QTest::newRow("one Tile folder") << kSample + "/Data/Tile_+000_+013" << 1 << true;
        QTest::newRow("single root file") << kSample + "/Data/Tile_+000_+013/Tile_+000_+013.osgb" << 1 << true;
    }
    void layouts()
    {
        QFETCH(QString, path);
        QFETCH(int, roots);
        QFETCH(bool, georeferenced);
        const osgb::OsgbDataset ds = osgb::OsgbDataset::open(path);
        QVERIFY2(ds.ok, qPrintable(ds.error));
        QCOMPARE(ds.rootFiles.size(), roots);
        QCOMPARE(ds.frame.isGeoreferenced(), georeferenced);
        // the WKT's own parameters: CM 113.37E, FN 90 → origin near 113.380E 22.495N
        bool ok = false;
        const Vec3d ll = ds.frame.toLonLatHeight(Vec3d(), &ok);
        QVERIFY(ok);
        QVERIFY2(std::abs(ll.x - 113.379986) < 1e-5, qPrintable(QString::number(ll.x, 'f', 7)));
        QVERIFY2(std::abs(ll.y - 22.495137) < 1e-5, qPrintable(QString::number(ll.y, 'f', 7)));
        for (const QString &r : ds.rootFiles)
            QVERIFY(QFileInfo(r).isAbsolute() && QFileInfo::exists(r));
    }

    void withoutMetadataUsesLocalFrame()
    {
        QTemporaryDir dir;
        const QString tileDir = dir.filePath("Tile_+000_+013");
        QVERIFY(QDir().mkpath(tileDir));
        QVERIFY(QFile::copy(kSample + "/Data/Tile_+000_+013/Tile_+000_+013.osgb", tileDir + "/Tile_+000_+013.osgb"));
        const osgb::OsgbDataset ds = osgb::OsgbDataset::open(tileDir);
        QVERIFY2(ds.ok, qPrintable(ds.error));
        QVERIFY(!ds.frame.isGeoreferenced());
        QVERIFY(ds.warnings.join(' ').contains("no metadata.xml"));
    }

    void unreadableMetadataIsReported()
    {
        QTemporaryDir dir;
        QVERIFY(QDir().mkpath(dir.filePath("Data/Tile_+000_+013")));
        QVERIFY(QFile::copy(kSample + "/Data/Tile_+000_+013/Tile_+000_+013.osgb",
                            dir.filePath("Data/Tile_+000_+013/Tile_+000_+013.osgb")));
        QFile md(dir.filePath("metadata.xml"));
        QVERIFY(md.open(QIODevice::WriteOnly));
        md.write("<ModelMetadata><SRS>EPSG:4549</SRS><SRSOrigin>1,2"); // cut off
        md.close();
        const osgb::OsgbDataset ds = osgb::OsgbDataset::open(dir.path());
        QVERIFY2(ds.ok, qPrintable(ds.error)); // tiles still open, in a local frame
        QVERIFY(!ds.frame.isGeoreferenced());
        QVERIFY2(ds.warnings.join(' ').contains("metadata.xml"), qPrintable(ds.warnings.join(' ')));
    }

    void badPaths_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("fragment");
        QTest::newRow("missing") << "/nonexistent/liyuan/dataset" << "no such file";
        QTest::newRow("not a tile file") << kSample + "/../../SOURCES.md" << "not an OSGB";
    }
    void badPaths()
    {
        QFETCH(QString, path);
        QFETCH(QString, fragment);
        const osgb::OsgbDataset ds = osgb::OsgbDataset::open(path);
        QVERIFY(!ds.ok);
        QVERIFY2(ds.error.contains(fragment), qPrintable(ds.error));
        QVERIFY2(ds.error.contains(QDir::toNativeSeparators(path)), qPrintable(ds.error));
    }

    void emptyFolder()
    {
        QTemporaryDir dir;
        const osgb::OsgbDataset ds = osgb::OsgbDataset::open(dir.path());
        QVERIFY(!ds.ok);
        QVERIFY2(ds.error.contains("no tiles found"), qPrintable(ds.error));
    }
};

QTEST_GUILESS_MAIN(tst_OsgbDataset)
#include "tst_osgbdataset.moc"
