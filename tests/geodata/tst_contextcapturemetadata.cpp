// Tests for liyuan::ContextCaptureMetadata: metadata.xml variants, broken and hostile files.
#include "TestRequire.h"
#include <liyuan/geodata/ContextCaptureMetadata.h>
#include <liyuan/geodata/CoordinateTransform.h>

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <sys/stat.h>

#include <cmath>

using liyuan::ContextCaptureMetadata;
using liyuan::Crs;
using liyuan::Vec3d;

Q_DECLARE_METATYPE(liyuan::Vec3d)

namespace {

// Byte-for-byte the <SRS> of shared/data/osgb/Production_5/metadata.xml.
const char *kSampleWkt = R"wkt(PROJCS["LOCAL0 / 3-degree Gauss-Kruger CM 113.36E",
    GEOGCS["China Geodetic Coordinate System 2000",
        DATUM["China_2000",
            SPHEROID["CGCS2000",6378137,298.257222101,
                AUTHORITY["EPSG","1024"]],
            AUTHORITY["EPSG","1043"]],
        PRIMEM["Greenwich",0,
            AUTHORITY["EPSG","8901"]],
        UNIT["degree",0.0174532925199433,
            AUTHORITY["EPSG","9122"]],
        AUTHORITY["EPSG","4490"]],
    PROJECTION["Transverse_Mercator"],
    PARAMETER["latitude_of_origin",0],
    PARAMETER["central_meridian",113.37],
    PARAMETER["scale_factor",1],
    PARAMETER["false_easting",500000],
    PARAMETER["false_northing",90],
    UNIT["metre",1,
        AUTHORITY["EPSG","9001"]],
    AUTHORITY["EPSG","4547"]])wkt";

const char *kWkt1Epsg4549 =
    R"wkt(PROJCS["CGCS2000 / 3-degree Gauss-Kruger CM 120E",GEOGCS["China Geodetic Coordinate System 2000",DATUM["China_2000",SPHEROID["CGCS2000",6378137,298.257222101,AUTHORITY["EPSG","1024"]],AUTHORITY["EPSG","1043"]],PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],AUTHORITY["EPSG","4490"]],PROJECTION["Transverse_Mercator"],PARAMETER["latitude_of_origin",0],PARAMETER["central_meridian",120],PARAMETER["scale_factor",1],PARAMETER["false_easting",500000],PARAMETER["false_northing",0],UNIT["metre",1,AUTHORITY["EPSG","9001"]],AUTHORITY["EPSG","4549"]])wkt";

const char *kWktNoParameters =
    R"wkt(PROJCS["no parameters",GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563]],PRIMEM["Greenwich",0],UNIT["degree",0.0174532925199433]],PROJECTION["Transverse_Mercator"],UNIT["metre",1]])wkt";
const char *kWktNegativeScale =
    R"wkt(PROJCS["negative scale",GEOGCS["China Geodetic Coordinate System 2000",DATUM["China_2000",SPHEROID["CGCS2000",6378137,298.257222101]],PRIMEM["Greenwich",0],UNIT["degree",0.0174532925199433]],PROJECTION["Transverse_Mercator"],PARAMETER["latitude_of_origin",0],PARAMETER["central_meridian",120],PARAMETER["scale_factor",-1],PARAMETER["false_easting",500000],PARAMETER["false_northing",0],UNIT["metre",1]])wkt";

QByteArray metadata(const QByteArray &srs, const QByteArray &origin = QByteArray())
{
    QByteArray x = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ModelMetadata version=\"1\">\n"
                   "    <!--Spatial Reference System-->\n";
    x += "    <SRS>" + srs + "</SRS>\n";
    if (!origin.isNull())
        x += "    <!--Origin in Spatial Reference System-->\n    <SRSOrigin>" + origin + "</SRSOrigin>\n";
    x += "</ModelMetadata>\n";
    return x;
}

// How the test prepares the path handed to read().
enum Mode { WriteFile, Directory, Missing, Oversized };

} // namespace

class tst_ContextCaptureMetadata : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void read_data();
    void read();
    void realSample();
    void fuzzFifoIsRefused();
    void parseUsesFileNameInMessages();
    void hostileBytes_data();
    void hostileBytes();

private:
    QTemporaryDir m_dir;
};

void tst_ContextCaptureMetadata::initTestCase()
{
    QVERIFY(m_dir.isValid());
}

void tst_ContextCaptureMetadata::read_data()
{
    QTest::addColumn<int>("mode");
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<bool>("expectOk");
    QTest::addColumn<int>("kind");
    QTest::addColumn<bool>("hasOrigin");
    QTest::addColumn<Vec3d>("origin");
    QTest::addColumn<QString>("expected"); // substring of error() (or of crs.warning() when ok)

    const int P = int(Crs::Kind::Projected);
    const int E = int(Crs::Kind::Enu);
    const int I = int(Crs::Kind::Invalid);

    QTest::newRow("EPSG + origin") << int(WriteFile) << metadata("EPSG:4549", "528830.555,3992247.635,12.5")
                                   << true << P << true << Vec3d(528830.555, 3992247.635, 12.5) << QString();
    QTest::newRow("ENU, no origin") << int(WriteFile) << metadata("ENU:36.06,120.32") << true << E << false
                                    << Vec3d() << QString();
    QTest::newRow("ENU, zero origin") << int(WriteFile) << metadata("ENU:36.06,120.32", "0,0,0") << true << E
                                      << true << Vec3d() << QString();
    QTest::newRow("plain WKT") << int(WriteFile) << metadata(kWkt1Epsg4549, "528830,3992247,0") << true << P
                               << true << Vec3d(528830, 3992247, 0) << QString();
    QTest::newRow("WKT with contradicting AUTHORITY (sample)")
        << int(WriteFile) << metadata(kSampleWkt, "501027.524000,2488718.808000,0.000000") << true << P << true
        << Vec3d(501027.524, 2488718.808, 0) << "EPSG:4547";
    QTest::newRow("origin with two numbers and spaces") << int(WriteFile) << metadata("EPSG:32650", " 450000 , 3350000 ")
                                                        << true << P << true << Vec3d(450000, 3350000, 0) << QString();
    QTest::newRow("malformed XML") << int(WriteFile)
                                   << QByteArray("<?xml version=\"1.0\"?>\n<ModelMetadata>\n<SRS>EPSG:4549</SRSOrigin>\n</ModelMetadata>\n")
                                   << false << I << false << Vec3d() << "malformed XML at line 3";
    QTest::newRow("truncated XML") << int(WriteFile) << metadata("EPSG:4549", "1,2,3").left(80) << false << I
                                   << false << Vec3d() << "malformed XML";
    QTest::newRow("not XML") << int(WriteFile) << QByteArray("EPSG:4549 1,2,3") << false << I << false << Vec3d()
                             << "malformed XML at line 1";
    QTest::newRow("wrong root") << int(WriteFile) << QByteArray("<Metadata><SRS>EPSG:4549</SRS></Metadata>") << false
                                << I << false << Vec3d() << "expected <ModelMetadata>";
    QTest::newRow("missing SRS") << int(WriteFile)
                                 << QByteArray("<ModelMetadata version=\"1\"><SRSOrigin>1,2,3</SRSOrigin></ModelMetadata>")
                                 << false << I << false << Vec3d() << "<SRS> is missing";
    QTest::newRow("SRS only nested deeper") << int(WriteFile)
                                            << QByteArray("<ModelMetadata><Other><SRS>EPSG:4549</SRS></Other></ModelMetadata>")
                                            << false << I << false << Vec3d() << "<SRS> is missing";
    QTest::newRow("empty SRS") << int(WriteFile) << metadata("  ", "1,2,3") << false << I << false << Vec3d()
                               << "<SRS> is empty";
    QTest::newRow("bad origin: word") << int(WriteFile) << metadata("EPSG:4549", "1,abc,3") << false << I << false
                                      << Vec3d() << "<SRSOrigin> is not three numbers";
    QTest::newRow("bad origin: four numbers") << int(WriteFile) << metadata("EPSG:4549", "1,2,3,4") << false << I
                                              << false << Vec3d() << "<SRSOrigin> is not three numbers";
    QTest::newRow("bad origin: one number") << int(WriteFile) << metadata("EPSG:4549", "1") << false << I << false
                                            << Vec3d() << "<SRSOrigin> is not three numbers";
    QTest::newRow("bad origin: empty") << int(WriteFile) << metadata("EPSG:4549", "") << false << I << false
                                       << Vec3d() << "<SRSOrigin> is not three numbers";
    QTest::newRow("bad origin: nan") << int(WriteFile) << metadata("EPSG:4549", "nan,2,3") << false << I << false
                                     << Vec3d() << "<SRSOrigin> is not three numbers";
    QTest::newRow("bad origin: space separated") << int(WriteFile) << metadata("EPSG:4549", "1 2 3") << false << I
                                                 << false << Vec3d() << "<SRSOrigin> is not three numbers";
    QTest::newRow("unknown SRS") << int(WriteFile) << metadata("EPSG:999999", "1,2,3") << false << I << false
                                 << Vec3d() << "unknown SRS 'EPSG:999999'";
    QTest::newRow("garbage SRS") << int(WriteFile) << metadata("not a crs at all", "1,2,3") << false << I << false
                                 << Vec3d() << "unknown SRS 'not a crs at all'";
    // found by fuzzing the built app: values PROJ and the parser accepted silently
    QTest::newRow("fuzz: origin 1e308") << int(WriteFile) << metadata("EPSG:4549", "1e308,3992247,0") << false << I
                                        << false << Vec3d() << "<SRSOrigin> (1e+308, 3992247) is not plausible";
    QTest::newRow("fuzz: origin height 1e308") << int(WriteFile) << metadata("EPSG:4549", "528830,3992247,1e308")
                                               << false << I << false << Vec3d() << "<SRSOrigin> height";
    QTest::newRow("fuzz: geographic origin latitude 95") << int(WriteFile) << metadata("EPSG:4326", "120.3,95,0")
                                                         << false << I << false << Vec3d()
                                                         << "<SRSOrigin> latitude 95 is outside [-90, 90]";
    QTest::newRow("fuzz: ENU latitude 95") << int(WriteFile) << metadata("ENU:95,120.3") << false << I << false
                                           << Vec3d() << "latitude 95 is outside [-90, 90]";
    QTest::newRow("fuzz: WKT with no parameters") << int(WriteFile) << metadata(kWktNoParameters, "1,2,3") << false
                                                  << I << false << Vec3d() << "no PARAMETER at all";
    QTest::newRow("fuzz: WKT with a negative scale factor") << int(WriteFile)
                                                            << metadata(kWktNegativeScale, "528830,3992247,0") << false
                                                            << I << false << Vec3d() << "must be positive";
    QTest::newRow("empty file") << int(WriteFile) << QByteArray() << false << I << false << Vec3d()
                                << "file is empty";
    QTest::newRow("whitespace file") << int(WriteFile) << QByteArray(" \n\t\n") << false << I << false << Vec3d()
                                     << "file is empty";
    QTest::newRow("directory") << int(Directory) << QByteArray() << false << I << false << Vec3d() << "cannot open";
    QTest::newRow("nonexistent") << int(Missing) << QByteArray() << false << I << false << Vec3d()
                                 << "cannot open: No such file or directory";
    QTest::newRow("oversized") << int(Oversized) << QByteArray() << false << I << false << Vec3d() << "too large";
}

void tst_ContextCaptureMetadata::read()
{
    QFETCH(int, mode);
    QFETCH(QByteArray, content);
    QFETCH(bool, expectOk);
    QFETCH(int, kind);
    QFETCH(bool, hasOrigin);
    QFETCH(Vec3d, origin);
    QFETCH(QString, expected);

    static int counter = 0;
    QString path = m_dir.filePath(QStringLiteral("case%1/metadata.xml").arg(++counter));
    QVERIFY(QDir().mkpath(QFileInfo(path).absolutePath()));
    switch (Mode(mode)) {
    case WriteFile: {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        QCOMPARE(f.write(content), qint64(content.size()));
        break;
    }
    case Directory:
        QVERIFY(QDir().mkpath(path));
        break;
    case Missing:
        break;
    case Oversized: {
        // A valid metadata.xml padded with a comment to just over 1 MiB.
        QByteArray big = metadata("EPSG:4549", "1,2,3");
        big.insert(big.indexOf("<ModelMetadata"), "<!--" + QByteArray(1024 * 1024, 'x') + "-->\n");
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        QCOMPARE(f.write(big), qint64(big.size()));
        break;
    }
    }

    QElapsedTimer timer;
    timer.start();
    const ContextCaptureMetadata m = ContextCaptureMetadata::read(path);
    QVERIFY(timer.elapsed() < 10000);
    QCOMPARE(m.file, path);
    QCOMPARE(m.ok, expectOk);
    if (!expectOk) {
        QVERIFY(!m.error.isEmpty());
        QVERIFY2(m.error.startsWith(path + QStringLiteral(": ")), qPrintable(m.error));
        QVERIFY2(m.error.contains(expected), qPrintable(m.error));
        return;
    }
    QVERIFY2(m.error.isEmpty(), qPrintable(m.error));
    QCOMPARE(int(m.crs.kind()), kind);
    QCOMPARE(m.hasOrigin, hasOrigin);
    QCOMPARE(m.srsOrigin, origin);
    QVERIFY(!m.srsText.isEmpty());
    if (expected.isEmpty())
        QVERIFY2(m.crs.warning().isEmpty(), qPrintable(m.crs.warning()));
    else
        QVERIFY2(m.crs.warning().contains(expected), qPrintable(m.crs.warning()));

    // The frame is usable: its origin maps to somewhere in China.
    bool ok = false;
    const Vec3d ll = m.frame().toLonLatHeight(Vec3d(), &ok);
    QVERIFY(ok);
    QVERIFY2(ll.x > 73 && ll.x < 135 && ll.y > 18 && ll.y < 54,
             qPrintable(QStringLiteral("%1 %2").arg(ll.x, 0, 'f', 9).arg(ll.y, 0, 'f', 9)));
}

void tst_ContextCaptureMetadata::fuzzFifoIsRefused()
{
    // found by fuzzing the built app: a FIFO named metadata.xml blocked the read for ever
    const QString path = m_dir.filePath(QStringLiteral("fifo/metadata.xml"));
    QVERIFY(QDir().mkpath(QFileInfo(path).absolutePath()));
    QVERIFY(::mkfifo(QFile::encodeName(path).constData(), 0600) == 0);
    QElapsedTimer timer;
    timer.start();
    const ContextCaptureMetadata m = ContextCaptureMetadata::read(path);
    QVERIFY(timer.elapsed() < 5000);
    QVERIFY(!m.ok);
    QVERIFY2(m.error.startsWith(path + QStringLiteral(": cannot open: not a regular file")), qPrintable(m.error));
}

void tst_ContextCaptureMetadata::realSample()
{
    const QString path = QStringLiteral(LIYUAN_SHARED_DATA "/osgb/Production_5/metadata.xml");
    if (!QFileInfo::exists(path))
        LIYUAN_SKIP("shared sample data not present");
    const ContextCaptureMetadata m = ContextCaptureMetadata::read(path);
    QVERIFY2(m.ok, qPrintable(m.error));
    QCOMPARE(int(m.crs.kind()), int(Crs::Kind::Projected));
    QVERIFY(m.hasOrigin);
    QCOMPARE(m.srsOrigin, Vec3d(501027.524, 2488718.808, 0.0));
    QVERIFY(m.crs.authorityCode().isEmpty());
    QVERIFY2(m.crs.warning().contains(QLatin1String("EPSG:4547")), qPrintable(m.crs.warning()));
    QVERIFY(m.srsText.startsWith(QLatin1String("PROJCS[")));
    // Same CRS as the copy embedded above.
    QVERIFY(m.crs == Crs::fromString(QString::fromUtf8(kSampleWkt)));

    bool ok = false;
    const Vec3d ll = m.frame().toLonLatHeight(Vec3d(), &ok);
    QVERIFY(ok);
    QVERIFY2(std::abs(ll.x - 113.379985671) < 1e-7 && std::abs(ll.y - 22.495136792) < 1e-7,
             qPrintable(QStringLiteral("%1 %2").arg(ll.x, 0, 'f', 9).arg(ll.y, 0, 'f', 9)));
}

void tst_ContextCaptureMetadata::parseUsesFileNameInMessages()
{
    const ContextCaptureMetadata m = ContextCaptureMetadata::parse(QByteArray("<ModelMetadata/>"), "mem.xml");
    QVERIFY(!m.ok);
    QCOMPARE(m.error, QStringLiteral("mem.xml: <SRS> is missing"));

    const ContextCaptureMetadata good = ContextCaptureMetadata::parse(metadata("EPSG:4549", "1,2,3"), "x.xml");
    QVERIFY2(good.ok, qPrintable(good.error));
    QCOMPARE(good.file, QStringLiteral("x.xml"));
    QCOMPARE(good.crs.authorityCode(), QStringLiteral("EPSG:4549"));
}

void tst_ContextCaptureMetadata::hostileBytes_data()
{
    QTest::addColumn<QByteArray>("bytes");

    QTest::newRow("billion laughs") << QByteArray(
        "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n <!ENTITY lol \"lol\">\n"
        " <!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n"
        " <!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">\n"
        " <!ENTITY lol4 \"&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;\">\n"
        " <!ENTITY lol5 \"&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;\">\n"
        " <!ENTITY lol6 \"&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;\">\n"
        " <!ENTITY lol7 \"&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;\">\n"
        " <!ENTITY lol8 \"&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;\">\n"
        " <!ENTITY lol9 \"&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;\">\n"
        "]>\n<ModelMetadata><SRS>&lol9;</SRS></ModelMetadata>\n");
    QTest::newRow("external entity") << QByteArray(
        "<?xml version=\"1.0\"?>\n<!DOCTYPE m [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n"
        "<ModelMetadata><SRS>&x;</SRS></ModelMetadata>\n");
    QByteArray deep = "<ModelMetadata>";
    for (int i = 0; i < 100000; ++i)
        deep += "<a>";
    QTest::newRow("deep nesting, unterminated") << deep;
    QByteArray deepClosed = "<ModelMetadata>";
    for (int i = 0; i < 50000; ++i)
        deepClosed += "<a>";
    for (int i = 0; i < 50000; ++i)
        deepClosed += "</a>";
    deepClosed += "</ModelMetadata>";
    QTest::newRow("deep nesting, closed") << deepClosed;
    QTest::newRow("NUL bytes") << QByteArray("<ModelMetadata><SRS>EPSG\0:4549</SRS></ModelMetadata>", 52);
    QTest::newRow("huge SRS text") << metadata(QByteArray(900 * 1024, 'A'), "1,2,3");
    QTest::newRow("huge origin") << metadata("EPSG:4549", QByteArray(900 * 1024, '9'));
    QTest::newRow("over 1 MiB in memory") << QByteArray(1024 * 1024 + 1, ' ');
    QByteArray random(4096, Qt::Uninitialized);
    QRandomGenerator rng(7);
    for (char &c : random)
        c = char(rng.bounded(256));
    QTest::newRow("random bytes") << random;
    QTest::newRow("random after root") << ("<ModelMetadata><SRS>" + random);
}

void tst_ContextCaptureMetadata::hostileBytes()
{
    QFETCH(QByteArray, bytes);
    QElapsedTimer timer;
    timer.start();
    const ContextCaptureMetadata m = ContextCaptureMetadata::parse(bytes, QStringLiteral("hostile.xml"));
    QVERIFY(!m.ok);
    QVERIFY2(m.error.startsWith(QLatin1String("hostile.xml: ")), qPrintable(m.error));
    QVERIFY2(m.error.size() < 1000, "error messages stay short");
    QVERIFY(timer.elapsed() < 10000);
}

QTEST_GUILESS_MAIN(tst_ContextCaptureMetadata)
#include "tst_contextcapturemetadata.moc"
