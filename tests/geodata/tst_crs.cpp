// Tests for liyuan::Crs::fromString: what users and vendors write, and what they should not.
#include <liyuan/geodata/Crs.h>

#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QThread>
#include <QtTest>

#include <memory>
#include <vector>

using liyuan::Crs;

namespace {

// The <SRS> of the real ContextCapture sample (shared/data/osgb/Production_5/metadata.xml):
// the AUTHORITY says EPSG:4547 (CM 114E) but the parameters say CM 113.37E, false northing 90.
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

// WKT1 of EPSG:4549 as PROJ writes it (consistent AUTHORITY).
const char *kWkt1Epsg4549 =
    R"wkt(PROJCS["CGCS2000 / 3-degree Gauss-Kruger CM 120E",GEOGCS["China Geodetic Coordinate System 2000",DATUM["China_2000",SPHEROID["CGCS2000",6378137,298.257222101,AUTHORITY["EPSG","1024"]],AUTHORITY["EPSG","1043"]],PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],AUTHORITY["EPSG","4490"]],PROJECTION["Transverse_Mercator"],PARAMETER["latitude_of_origin",0],PARAMETER["central_meridian",120],PARAMETER["scale_factor",1],PARAMETER["false_easting",500000],PARAMETER["false_northing",0],UNIT["metre",1,AUTHORITY["EPSG","9001"]],AUTHORITY["EPSG","4549"]])wkt";

// A hand-written WKT2 without identifiers, northing first (like the Chinese EPSG codes).
const char *kWkt2Cm117 =
    R"wkt(PROJCRS["Test TM CM 117",BASEGEOGCRS["China Geodetic Coordinate System 2000",DATUM["China 2000",ELLIPSOID["CGCS2000",6378137,298.257222101,LENGTHUNIT["metre",1]]],PRIMEM["Greenwich",0,ANGLEUNIT["degree",0.0174532925199433]]],CONVERSION["CM 117",METHOD["Transverse Mercator",ID["EPSG",9807]],PARAMETER["Latitude of natural origin",0,ANGLEUNIT["degree",0.0174532925199433]],PARAMETER["Longitude of natural origin",117,ANGLEUNIT["degree",0.0174532925199433]],PARAMETER["Scale factor at natural origin",1,SCALEUNIT["unity",1]],PARAMETER["False easting",500000,LENGTHUNIT["metre",1]],PARAMETER["False northing",0,LENGTHUNIT["metre",1]]],CS[Cartesian,2],AXIS["northing (X)",north,ORDER[1],LENGTHUNIT["metre",1]],AXIS["easting (Y)",east,ORDER[2],LENGTHUNIT["metre",1]]])wkt";

} // namespace

class tst_Crs : public QObject
{
    Q_OBJECT

private slots:
    void fromString_data();
    void fromString();
    void sampleWktKeepsItsOwnParameters();
    void enuIsLatitudeFirst();
    void enuFactory();
    void wgs84();
    void equality();
    void hostile_data();
    void hostile();
    void parallelParsing();
};

void tst_Crs::fromString_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("authority"); // "*" = not checked
    QTest::addColumn<QString>("name");      // substring
    QTest::addColumn<QStringList>("projContains");
    QTest::addColumn<QString>("warningContains"); // empty = no warning expected

    QTest::newRow("EPSG:4549") << "EPSG:4549" << int(Crs::Kind::Projected) << "EPSG:4549"
                               << "CGCS2000 / 3-degree Gauss-Kruger CM 120E"
                               << QStringList{"+proj=tmerc", "+lon_0=120"} << QString();
    QTest::newRow("epsg lower case") << "epsg:4326" << int(Crs::Kind::Geographic) << "EPSG:4326"
                                     << "WGS 84" << QStringList{"+proj=longlat"} << QString();
    QTest::newRow("EPSG spaces") << "  EPSG : 32650 " << int(Crs::Kind::Projected) << "EPSG:32650"
                                 << "UTM zone 50N" << QStringList{"+proj=utm", "+zone=50"} << QString();
    QTest::newRow("EPSG:4547") << "EPSG:4547" << int(Crs::Kind::Projected) << "EPSG:4547"
                               << "CM 114E" << QStringList{"+lon_0=114"} << QString();
    QTest::newRow("EPSG:4978 geocentric") << "EPSG:4978" << int(Crs::Kind::Geocentric) << "EPSG:4978"
                                          << "WGS 84" << QStringList{"+proj=geocent"} << QString();
    QTest::newRow("EPSG:4979 geographic 3D") << "EPSG:4979" << int(Crs::Kind::Geographic) << "EPSG:4979"
                                             << "WGS 84" << QStringList{"+proj=longlat"} << QString();
    QTest::newRow("EPSG compound UTM32 + DHHN2016") << "EPSG:25832+7837" << int(Crs::Kind::Projected) << "EPSG:25832+7837"
                                                   << "ETRS89 / UTM zone 32N + DHHN2016 height"
                                                   << QStringList{"+proj=utm", "+zone=32"} << QString();
    QTest::newRow("ENU") << "ENU:36.06,120.32" << int(Crs::Kind::Enu) << QString() << "ENU 36.06,120.32"
                         << QStringList{"+proj=topocentric", "+lat_0=36.06", "+lon_0=120.32", "+h_0=0"}
                         << QString();
    QTest::newRow("ENU with height, spaces, lower case")
        << "enu: 36.06 , 120.32 , 12.5" << int(Crs::Kind::Enu) << QString() << "ENU 36.06,120.32,12.5"
        << QStringList{"+lat_0=36.06", "+lon_0=120.32", "+h_0=12.5"} << QString();
    QTest::newRow("WKT1 sample, contradicting AUTHORITY")
        << QString::fromUtf8(kSampleWkt) << int(Crs::Kind::Projected) << QString()
        << "LOCAL0 / 3-degree Gauss-Kruger CM 113.36E"
        << QStringList{"+proj=tmerc", "+lon_0=113.37", "+y_0=90", "+x_0=500000"} << "EPSG:4547";
    QTest::newRow("WKT1 of EPSG:4549") << QString::fromUtf8(kWkt1Epsg4549) << int(Crs::Kind::Projected)
                                       << "EPSG:4549" << "CM 120E" << QStringList{"+lon_0=120"} << QString();
    QTest::newRow("WKT1 of EPSG:4549 without AUTHORITY (identified)")
        << QString::fromUtf8(kWkt1Epsg4549).replace(QStringLiteral(",AUTHORITY[\"EPSG\",\"4549\"]"), QString())
        << int(Crs::Kind::Projected) << "EPSG:4549" << "CM 120E" << QStringList{"+lon_0=120"} << QString();
    QTest::newRow("WKT2 northing first, no ID")
        << QString::fromUtf8(kWkt2Cm117) << int(Crs::Kind::Projected) << "*" << "Test TM CM 117"
        << QStringList{"+proj=tmerc", "+lon_0=117"} << QString();
    QTest::newRow("PROJ string utm") << "+proj=utm +zone=50 +datum=WGS84 +units=m +no_defs"
                                     << int(Crs::Kind::Projected) << "*" << QString()
                                     << QStringList{"+proj=utm", "+zone=50"} << QString();
    QTest::newRow("URN") << "urn:ogc:def:crs:EPSG::4326" << int(Crs::Kind::Geographic) << "EPSG:4326" << "WGS 84"
                         << QStringList{"+proj=longlat"} << QString();
    QTest::newRow("OGC:CRS84") << "OGC:CRS84" << int(Crs::Kind::Geographic) << QString() << "WGS 84"
                               << QStringList{"+proj=longlat"} << QString();
    QTest::newRow("PROJ string longlat") << "+proj=longlat +ellps=GRS80 +type=crs"
                                         << int(Crs::Kind::Geographic) << "*" << QString()
                                         << QStringList{"+proj=longlat", "+ellps=GRS80"} << QString();
}

void tst_Crs::fromString()
{
    QFETCH(QString, text);
    QFETCH(int, kind);
    QFETCH(QString, authority);
    QFETCH(QString, name);
    QFETCH(QStringList, projContains);
    QFETCH(QString, warningContains);

    QString error = QStringLiteral("stale");
    const Crs crs = Crs::fromString(text, &error);
    QVERIFY2(crs.isValid(), qPrintable(error));
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(int(crs.kind()), kind);
    if (authority != QLatin1String("*"))
        QCOMPARE(crs.authorityCode(), authority);
    QVERIFY2(crs.name().contains(name), qPrintable(crs.name()));
    QVERIFY(!crs.name().isEmpty());
    QVERIFY(!crs.definition().isEmpty());
    for (const QString &s : projContains)
        QVERIFY2(crs.projDefinition().contains(s), qPrintable(crs.projDefinition() + " lacks " + s));
    if (warningContains.isEmpty())
        QVERIFY2(crs.warning().isEmpty(), qPrintable(crs.warning()));
    else
        QVERIFY2(crs.warning().contains(warningContains), qPrintable(crs.warning()));

    // Parsing our own definition again gives the same CRS.
    if (crs.kind() != Crs::Kind::Enu) {
        const Crs again = Crs::fromString(crs.definition());
        QVERIFY(again.isValid());
        QCOMPARE(int(again.kind()), kind);
        QCOMPARE(again.projDefinition(), crs.projDefinition());
    }
}

void tst_Crs::sampleWktKeepsItsOwnParameters()
{
    const Crs crs = Crs::fromString(QString::fromUtf8(kSampleWkt));
    QVERIFY(crs.isValid());
    // The definition used for PROJ must not carry the contradicting code anywhere...
    QVERIFY2(!crs.definition().contains(QLatin1String("4547")), qPrintable(crs.definition()));
    QVERIFY(crs.authorityCode().isEmpty());
    // ...and must not be the EPSG:4547 definition.
    const Crs epsg = Crs::fromString(QStringLiteral("EPSG:4547"));
    QVERIFY(epsg.isValid());
    QVERIFY(crs.projDefinition() != epsg.projDefinition());
    QVERIFY(crs != epsg);
}

void tst_Crs::enuIsLatitudeFirst()
{
    const Crs crs = Crs::fromString(QStringLiteral("ENU:36.06,120.32,5"));
    QVERIFY(crs.isValid());
    QCOMPARE(crs.enuOrigin().x, 120.32); // lon
    QCOMPARE(crs.enuOrigin().y, 36.06);  // lat
    QCOMPARE(crs.enuOrigin().z, 5.0);
    // 120.32 cannot be a latitude.
    QString error;
    QVERIFY(!Crs::fromString(QStringLiteral("ENU:120.32,36.06"), &error).isValid());
    QVERIFY2(error.contains(QLatin1String("latitude")), qPrintable(error));
}

void tst_Crs::enuFactory()
{
    const Crs a = Crs::enu(36.06, 120.32);
    const Crs b = Crs::fromString(QStringLiteral("ENU:36.06,120.32"));
    QVERIFY(a.isValid());
    QCOMPARE(int(a.kind()), int(Crs::Kind::Enu));
    QVERIFY(a == b);
    QVERIFY(a != Crs::enu(36.06, 120.33));
    QVERIFY(!Crs::enu(qQNaN(), 0).isValid());
    QVERIFY(!Crs::enu(95, 0).isValid());
    QVERIFY(!Crs::enu(0, qInf()).isValid());
}

void tst_Crs::wgs84()
{
    const Crs w = Crs::wgs84();
    QVERIFY(w.isValid());
    QVERIFY(w.isGeographic());
    QCOMPARE(w.authorityCode(), QStringLiteral("EPSG:4979"));
}

void tst_Crs::equality()
{
    QVERIFY(Crs::fromString("EPSG:4549") == Crs::fromString("epsg:4549"));
    QVERIFY(Crs::fromString("EPSG:4549") != Crs::fromString("EPSG:4547"));
    QVERIFY(Crs() == Crs());
    QVERIFY(!Crs().isValid());
}

void tst_Crs::hostile_data()
{
    QTest::addColumn<QString>("text");

    QTest::newRow("empty") << QString();
    QTest::newRow("blank") << QStringLiteral(" \t\n ");
    QTest::newRow("EPSG:") << QStringLiteral("EPSG:");
    QTest::newRow("EPSG:999999") << QStringLiteral("EPSG:999999");
    QTest::newRow("EPSG:abc") << QStringLiteral("EPSG:abc");
    QTest::newRow("EPSG:-1") << QStringLiteral("EPSG:-1");
    QTest::newRow("EPSG huge number") << QStringLiteral("EPSG:99999999999999999999999");
    QTest::newRow("EPSG ellipsoid code") << QStringLiteral("EPSG:7019");
    QTest::newRow("EPSG datum code") << QStringLiteral("EPSG:6326");
    QTest::newRow("EPSG with trailing junk") << QStringLiteral("EPSG:4549 junk");
    QTest::newRow("EPSG compound of two projected") << QStringLiteral("EPSG:25832+25833");
    QTest::newRow("EPSG compound, unknown vertical") << QStringLiteral("EPSG:25832+999999");
    QTest::newRow("EPSG compound, three parts") << QStringLiteral("EPSG:25832+7837+5783");
    QTest::newRow("ENU:") << QStringLiteral("ENU:");
    QTest::newRow("ENU one number") << QStringLiteral("ENU:36.06");
    QTest::newRow("ENU four numbers") << QStringLiteral("ENU:1,2,3,4");
    QTest::newRow("ENU lat 91") << QStringLiteral("ENU:91,120");
    QTest::newRow("ENU nan") << QStringLiteral("ENU:nan,120");
    QTest::newRow("ENU inf") << QStringLiteral("ENU:36,inf");
    QTest::newRow("ENU words") << QStringLiteral("ENU:north,east");
    QTest::newRow("truncated WKT") << QStringLiteral("PROJCS[");
    QTest::newRow("WKT no content") << QStringLiteral("PROJCS[\"x\"]");
    QTest::newRow("WKT unbalanced") << QString::fromUtf8(kSampleWkt).left(300);
    QTest::newRow("WKT deeply nested") << (QStringLiteral("GEOGCS") + QString(100000, QLatin1Char('[')));
    QTest::newRow("fuzz: WKT projection with no parameters")
        << QStringLiteral("PROJCS[\"x\",GEOGCS[\"WGS 84\",DATUM[\"WGS_1984\",SPHEROID[\"WGS 84\",6378137,298.257223563]],"
                          "PRIMEM[\"Greenwich\",0],UNIT[\"degree\",0.0174532925199433]],PROJECTION[\"Transverse_Mercator\"],"
                          "UNIT[\"metre\",1]]");
    QTest::newRow("fuzz: WKT negative scale factor")
        << QStringLiteral("PROJCS[\"x\",GEOGCS[\"WGS 84\",DATUM[\"WGS_1984\",SPHEROID[\"WGS 84\",6378137,298.257223563]],"
                          "PRIMEM[\"Greenwich\",0],UNIT[\"degree\",0.0174532925199433]],PROJECTION[\"Transverse_Mercator\"],"
                          "PARAMETER[\"central_meridian\",117],PARAMETER[\"scale_factor\",-0.9996],UNIT[\"metre\",1]]");
    QTest::newRow("fuzz: WKT zero scale factor")
        << QStringLiteral("PROJCS[\"x\",GEOGCS[\"WGS 84\",DATUM[\"WGS_1984\",SPHEROID[\"WGS 84\",6378137,298.257223563]],"
                          "PRIMEM[\"Greenwich\",0],UNIT[\"degree\",0.0174532925199433]],PROJECTION[\"Transverse_Mercator\"],"
                          "PARAMETER[\"central_meridian\",117],PARAMETER[\"scale_factor\",0],UNIT[\"metre\",1]]");
    QTest::newRow("unknown proj") << QStringLiteral("+proj=doesnotexist +type=crs");
    QTest::newRow("proj pipeline is not a CRS") << QStringLiteral("+proj=pipeline +step +proj=cart");
    QTest::newRow("words") << QStringLiteral("hello world, this is not a CRS");
    QTest::newRow("CRS name is not accepted") << QStringLiteral("WGS 84");
    QTest::newRow("unknown authority") << QStringLiteral("FOO:1234");
    QTest::newRow("broken PROJJSON") << QStringLiteral("{\"type\": \"ProjectedCRS\"");
    QTest::newRow("embedded NUL") << QString::fromLatin1("EPSG:4549\0garbage", 17);
    QTest::newRow("1 MB of A") << QString(1024 * 1024, QLatin1Char('A'));
    QTest::newRow("1 MB WKT-looking") << (QStringLiteral("PROJCS[\"") + QString(1024 * 1024, QLatin1Char('x')));

    QRandomGenerator rng(20240601);
    for (int i = 0; i < 20; ++i) {
        QByteArray bytes(int(rng.bounded(1, 400)), Qt::Uninitialized);
        for (char &c : bytes)
            c = char(rng.bounded(256));
        if (i % 2)
            bytes.prepend("PROJCS[");
        QTest::addRow("random bytes %d", i) << QString::fromLatin1(bytes);
    }
}

void tst_Crs::hostile()
{
    QFETCH(QString, text);
    QElapsedTimer timer;
    timer.start();
    QString error;
    const Crs crs = Crs::fromString(text, &error);
    QVERIFY(!crs.isValid());
    QCOMPARE(int(crs.kind()), int(Crs::Kind::Invalid));
    QVERIFY(!error.isEmpty());
    QVERIFY(crs.definition().isEmpty());
    QVERIFY2(timer.elapsed() < 5000, "rejecting garbage must be quick");
    // Also without an error pointer.
    QVERIFY(!Crs::fromString(text).isValid());
}

void tst_Crs::parallelParsing()
{
    const QStringList inputs = {QStringLiteral("EPSG:4549"), QString::fromUtf8(kSampleWkt), QStringLiteral("ENU:36.06,120.32"),
                                QString::fromUtf8(kWkt2Cm117), QStringLiteral("+proj=utm +zone=50 +datum=WGS84"),
                                QStringLiteral("EPSG:999999"), QStringLiteral("garbage")};
    auto parseAll = [&inputs] {
        QStringList out;
        for (int round = 0; round < 5; ++round) {
            for (const QString &s : inputs) {
                QString error;
                const Crs c = Crs::fromString(s, &error);
                out << QStringLiteral("%1|%2|%3|%4|%5|%6").arg(int(c.kind())).arg(c.name(), c.projDefinition(),
                                                                                 c.authorityCode(), c.warning(), error);
            }
        }
        return out;
    };
    const QStringList reference = parseAll();
    std::vector<QStringList> results(6);
    std::vector<std::unique_ptr<QThread>> threads;
    for (std::size_t t = 0; t < results.size(); ++t)
        threads.emplace_back(QThread::create([&, t] { results[t] = parseAll(); }));
    for (auto &t : threads)
        t->start();
    for (auto &t : threads)
        QVERIFY(t->wait(120000));
    for (const QStringList &r : results)
        QCOMPARE(r, reference);
}

QTEST_APPLESS_MAIN(tst_Crs)
#include "tst_crs.moc"
