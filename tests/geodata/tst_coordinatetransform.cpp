// Tests for liyuan::CoordinateTransform and LocalFrame.
//
// Reference values come from PROJ's own command line tools, run in the test:
//   cs2cs -f %.12f SRC DST   (one "a b c" line on stdin)
//   geod +ellps=WGS84 -f %.12f   (direct geodesic problem, for the ENU checks)
//
// cs2cs axis order: cs2cs follows the *authority* axis order of each CRS it is given,
// while our API is always x = easting/longitude, y = northing/latitude. Concretely:
//   EPSG:4326, EPSG:4490 (geographic)            -> cs2cs wants/prints  lat, lon
//   EPSG:4547, EPSG:4549 (CGCS2000 3-degree GK)  -> cs2cs wants/prints  northing, easting
//   EPSG:32650 (UTM), WKT1 without AXIS, +proj=  -> easting, northing (no swap)
//   WKT2 whose CS says north first               -> northing, easting
// Each data row therefore says whether the first two numbers are swapped for cs2cs
// (srcSwap/dstSwap); the test swaps its input/output accordingly. (cs2cs has no option
// to force lon/lat-first for EPSG codes; "+proj=longlat" or OGC:CRS84 would be, but we
// want cs2cs to resolve the same EPSG codes as we do.)
#include <liyuan/geodata/CoordinateTransform.h>
#include <liyuan/geodata/LocalFrame.h>

#include <QProcess>
#include <QStandardPaths>
#include <QThread>
#include <QtConcurrent/QtConcurrent>
#include <QtTest>

#include <cmath>
#include <memory>
#include <vector>

using liyuan::CoordinateTransform;
using liyuan::Crs;
using liyuan::LocalFrame;
using liyuan::Vec3d;

Q_DECLARE_METATYPE(liyuan::Vec3d)

namespace {

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

const Vec3d kSampleOrigin(501027.524, 2488718.808, 0.0);

const char *kWkt2Cm117 =
    R"wkt(PROJCRS["Test TM CM 117",BASEGEOGCRS["China Geodetic Coordinate System 2000",DATUM["China 2000",ELLIPSOID["CGCS2000",6378137,298.257222101,LENGTHUNIT["metre",1]]],PRIMEM["Greenwich",0,ANGLEUNIT["degree",0.0174532925199433]]],CONVERSION["CM 117",METHOD["Transverse Mercator",ID["EPSG",9807]],PARAMETER["Latitude of natural origin",0,ANGLEUNIT["degree",0.0174532925199433]],PARAMETER["Longitude of natural origin",117,ANGLEUNIT["degree",0.0174532925199433]],PARAMETER["Scale factor at natural origin",1,SCALEUNIT["unity",1]],PARAMETER["False easting",500000,LENGTHUNIT["metre",1]],PARAMETER["False northing",0,LENGTHUNIT["metre",1]]],CS[Cartesian,2],AXIS["northing (X)",north,ORDER[1],LENGTHUNIT["metre",1]],AXIS["easting (Y)",east,ORDER[2],LENGTHUNIT["metre",1]]])wkt";

/** Runs a PROJ command line tool with one input line; returns the numbers it printed. */
QVector<double> runTool(const QString &program, const QStringList &args, const QString &input,
                        QString *error)
{
    const QString exe = QStandardPaths::findExecutable(program);
    if (exe.isEmpty()) {
        *error = program + QStringLiteral(" not found (install proj-bin)");
        return {};
    }
    QProcess p;
    p.start(exe, args);
    if (!p.waitForStarted(10000)) {
        *error = program + QStringLiteral(" did not start");
        return {};
    }
    p.write(input.toUtf8() + '\n');
    p.closeWriteChannel();
    if (!p.waitForFinished(30000) || p.exitCode() != 0) {
        *error = program + QStringLiteral(" failed: ") + QString::fromUtf8(p.readAllStandardError());
        return {};
    }
    const QString out = QString::fromUtf8(p.readAllStandardOutput());
    QVector<double> values;
    for (const QString &tok : out.split(QRegularExpression(QStringLiteral("\\s+")), Qt::SkipEmptyParts)) {
        bool ok = false;
        const double v = tok.toDouble(&ok);
        if (!ok) {
            *error = program + QStringLiteral(" printed '") + out.trimmed() + QLatin1Char('\'');
            return {};
        }
        values << v;
    }
    return values;
}

/** cs2cs SRC DST on one point given in OUR axis order; result in OUR axis order. */
bool cs2cs(const QString &src, bool srcSwap, const QString &dst, bool dstSwap, const Vec3d &in,
           Vec3d *out, QString *error)
{
    const double a = srcSwap ? in.y : in.x;
    const double b = srcSwap ? in.x : in.y;
    // "SRC +to DST": a PROJ string must be split into its "+key=value" arguments.
    auto crsArgs = [](const QString &crs) {
        return crs.startsWith(QLatin1Char('+')) ? crs.split(QLatin1Char(' '), Qt::SkipEmptyParts) : QStringList{crs};
    };
    const QStringList args = QStringList{QStringLiteral("-f"), QStringLiteral("%.12f")} + crsArgs(src)
                             + QStringList{QStringLiteral("+to")} + crsArgs(dst);
    const QVector<double> v = runTool(QStringLiteral("cs2cs"), args,
                                      QStringLiteral("%1 %2 %3").arg(a, 0, 'f', 12).arg(b, 0, 'f', 12).arg(in.z, 0, 'f', 6),
                                      error);
    if (v.size() < 3) {
        if (error->isEmpty())
            *error = QStringLiteral("cs2cs printed too few numbers");
        return false;
    }
    *out = dstSwap ? Vec3d(v[1], v[0], v[2]) : Vec3d(v[0], v[1], v[2]);
    return true;
}

/** Great-circle distance in metres between two lon/lat points (good enough for > 50 km). */
double distanceMetres(const Vec3d &a, const Vec3d &b)
{
    const double r = 6371008.8;
    const double d2r = M_PI / 180.0;
    const double dlat = (b.y - a.y) * d2r;
    const double dlon = (b.x - a.x) * d2r;
    const double h = std::sin(dlat / 2) * std::sin(dlat / 2)
                     + std::cos(a.y * d2r) * std::cos(b.y * d2r) * std::sin(dlon / 2) * std::sin(dlon / 2);
    return 2 * r * std::asin(std::sqrt(h));
}

QString str(const Vec3d &v)
{
    return QStringLiteral("(%1, %2, %3)").arg(v.x, 0, 'f', 10).arg(v.y, 0, 'f', 10).arg(v.z, 0, 'f', 6);
}

} // namespace

class tst_CoordinateTransform : public QObject
{
    Q_OBJECT

private slots:
    void againstCs2cs_data();
    void againstCs2cs();
    void sampleWktOriginIsNotEpsg4547();
    void roundTrip_data();
    void roundTrip();
    void enuHundredMetresEast();
    void enuOriginMapsToZero();
    void projectedToEnu();
    void invalid();
    void failingPoints_data();
    void failingPoints();
    void copies();
    void threads();
    void localFrame();
    void localFrameUngeoreferenced();
};

void tst_CoordinateTransform::againstCs2cs_data()
{
    QTest::addColumn<QString>("src");
    QTest::addColumn<bool>("srcSwap");
    QTest::addColumn<QString>("dst");
    QTest::addColumn<bool>("dstSwap");
    QTest::addColumn<Vec3d>("input"); // our axis order
    QTest::addColumn<double>("tolerance");

    const QString wgs = QStringLiteral("EPSG:4326");
    const Vec3d qingdao(120.32, 36.06, 0.0);
    QTest::newRow("sample WKT origin -> lon/lat")
        << QString::fromUtf8(kSampleWkt) << false << wgs << true << kSampleOrigin << 1e-9;
    QTest::newRow("EPSG:4549 forward (Qingdao)") << wgs << true << "EPSG:4549" << true << qingdao << 1e-5;
    QTest::newRow("EPSG:4549 inverse") << "EPSG:4549" << true << wgs << true
                                       << Vec3d(528830.555, 3992247.635, 0.0) << 1e-9;
    QTest::newRow("EPSG:4549 height passes through")
        << "EPSG:4549" << true << wgs << true << Vec3d(528830.555, 3992247.635, 57.25) << 1e-9;
    QTest::newRow("EPSG:4547 forward (Guangzhou)") << wgs << true << "EPSG:4547" << true
                                                   << Vec3d(113.3, 23.1, 0.0) << 1e-5;
    QTest::newRow("EPSG:4547 inverse") << "EPSG:4547" << true << wgs << true
                                       << Vec3d(428000.0, 2556000.0, 0.0) << 1e-9;
    QTest::newRow("UTM 50N forward") << wgs << true << "EPSG:32650" << false
                                     << Vec3d(117.5, 30.25, 0.0) << 1e-5;
    QTest::newRow("UTM 50N inverse") << "EPSG:32650" << false << wgs << true
                                     << Vec3d(450000.0, 3350000.0, 0.0) << 1e-9;
    QTest::newRow("CGCS2000 geographic -> EPSG:4549") << "EPSG:4490" << true << "EPSG:4549" << true
                                                      << Vec3d(120.5, 36.5, 0.0) << 1e-5;
    QTest::newRow("geographic -> PROJ string") << wgs << true << "+proj=utm +zone=51 +datum=WGS84 +type=crs"
                                               << false << Vec3d(121.47, 31.23, 0.0) << 1e-5;
    QTest::newRow("WKT2 northing-first -> geographic")
        << QString::fromUtf8(kWkt2Cm117) << true << wgs << true << Vec3d(520000.0, 3500000.0, 0.0) << 1e-9;
    QTest::newRow("EPSG:4549 -> UTM 51N (projected to projected)")
        << "EPSG:4549" << true << "EPSG:32651" << false << Vec3d(528830.555, 3992247.635, 0.0) << 1e-5;
    QTest::newRow("geographic -> geocentric") << "EPSG:4979" << true << "EPSG:4978" << false
                                              << Vec3d(120.32, 36.06, 100.0) << 1e-5;
}

void tst_CoordinateTransform::againstCs2cs()
{
    QFETCH(QString, src);
    QFETCH(bool, srcSwap);
    QFETCH(QString, dst);
    QFETCH(bool, dstSwap);
    QFETCH(Vec3d, input);
    QFETCH(double, tolerance);

    Vec3d expected;
    QString error;
    QVERIFY2(cs2cs(src, srcSwap, dst, dstSwap, input, &expected, &error), qPrintable(error));

    const Crs s = Crs::fromString(src, &error);
    QVERIFY2(s.isValid(), qPrintable(error));
    const Crs t = Crs::fromString(dst, &error);
    QVERIFY2(t.isValid(), qPrintable(error));
    const CoordinateTransform ct(s, t);
    QVERIFY2(ct.isValid(), qPrintable(ct.error()));
    bool ok = false;
    const Vec3d got = ct.apply(input, &ok);
    QVERIFY(ok);
    const QString msg = QStringLiteral("got %1 expected %2").arg(str(got), str(expected));
    QVERIFY2(std::abs(got.x - expected.x) < tolerance, qPrintable(msg));
    QVERIFY2(std::abs(got.y - expected.y) < tolerance, qPrintable(msg));
    QVERIFY2(std::abs(got.z - expected.z) < 1e-4, qPrintable(msg));

    // And back.
    const CoordinateTransform back(t, s);
    QVERIFY2(back.isValid(), qPrintable(back.error()));
    const Vec3d again = back.apply(got, &ok);
    QVERIFY(ok);
    const double backTol = s.isGeographic() ? 1e-9 : 1e-5;
    QVERIFY2(std::abs(again.x - input.x) < backTol && std::abs(again.y - input.y) < backTol,
             qPrintable(str(again) + " vs " + str(input)));
}

void tst_CoordinateTransform::sampleWktOriginIsNotEpsg4547()
{
    const CoordinateTransform fromWkt(Crs::fromString(QString::fromUtf8(kSampleWkt)), Crs::wgs84());
    QVERIFY2(fromWkt.isValid(), qPrintable(fromWkt.error()));
    bool ok = false;
    const Vec3d p = fromWkt.apply(kSampleOrigin, &ok);
    QVERIFY(ok);
    // PROJ following the WKT parameters (cs2cs gives 113.379985671 22.495136792).
    QVERIFY2(std::abs(p.x - 113.379985671) < 1e-7, qPrintable(str(p)));
    QVERIFY2(std::abs(p.y - 22.495136792) < 1e-7, qPrintable(str(p)));

    const CoordinateTransform fromEpsg(Crs::fromString(QStringLiteral("EPSG:4547")), Crs::wgs84());
    QVERIFY(fromEpsg.isValid());
    const Vec3d q = fromEpsg.apply(kSampleOrigin, &ok);
    QVERIFY(ok);
    const double d = distanceMetres(p, q);
    QVERIFY2(d > 50000.0, qPrintable(QString::number(d)));
}

void tst_CoordinateTransform::roundTrip_data()
{
    QTest::addColumn<QString>("a");
    QTest::addColumn<QString>("b");
    QTest::addColumn<Vec3d>("input");
    QTest::addColumn<double>("tolerance");

    QTest::newRow("lonlat -> ENU -> lonlat") << "EPSG:4979" << "ENU:36.06,120.32" << Vec3d(120.33, 36.05, 20.0) << 1e-9;
    QTest::newRow("lonlat far -> ENU -> lonlat") << "EPSG:4979" << "ENU:36.06,120.32" << Vec3d(121.5, 37.0, -30.0) << 1e-9;
    QTest::newRow("ENU -> lonlat -> ENU") << "ENU:36.06,120.32,15" << "EPSG:4979" << Vec3d(100.0, -250.0, 3.0) << 1e-6;
    QTest::newRow("ENU -> EPSG:4549 -> ENU") << "ENU:36.06,120.32" << "EPSG:4549" << Vec3d(100.0, 200.0, 5.0) << 1e-6;
    QTest::newRow("EPSG:4549 -> ENU -> EPSG:4549") << "EPSG:4549" << "ENU:36.06,120.32" << Vec3d(528000.0, 3990000.0, 8.0) << 1e-6;
    QTest::newRow("ENU -> other ENU -> ENU") << "ENU:36.06,120.32" << "ENU:36.1,120.4,30" << Vec3d(-40.0, 75.0, 2.0) << 1e-6;
    QTest::newRow("sample WKT -> ENU -> sample WKT") << QString::fromUtf8(kSampleWkt) << "ENU:22.5,113.38"
                                                     << kSampleOrigin << 1e-6;
    QTest::newRow("UTM -> EPSG:4547 -> UTM") << "EPSG:32650" << "EPSG:4547" << Vec3d(300000.0, 2500000.0, 0.0) << 1e-6;
}

void tst_CoordinateTransform::roundTrip()
{
    QFETCH(QString, a);
    QFETCH(QString, b);
    QFETCH(Vec3d, input);
    QFETCH(double, tolerance);
    const Crs ca = Crs::fromString(a);
    const Crs cb = Crs::fromString(b);
    QVERIFY(ca.isValid() && cb.isValid());
    const CoordinateTransform there(ca, cb);
    const CoordinateTransform back(cb, ca);
    QVERIFY2(there.isValid(), qPrintable(there.error()));
    QVERIFY2(back.isValid(), qPrintable(back.error()));
    bool ok1 = false, ok2 = false;
    const Vec3d mid = there.apply(input, &ok1);
    const Vec3d out = back.apply(mid, &ok2);
    QVERIFY(ok1 && ok2);
    QVERIFY(mid != input);
    const QString msg = str(input) + " -> " + str(mid) + " -> " + str(out);
    QVERIFY2(std::abs(out.x - input.x) < tolerance, qPrintable(msg));
    QVERIFY2(std::abs(out.y - input.y) < tolerance, qPrintable(msg));
    QVERIFY2(std::abs(out.z - input.z) < 1e-5, qPrintable(msg));
}

void tst_CoordinateTransform::enuHundredMetresEast()
{
    // geod: the point 100 m from (36.06N, 120.32E) at azimuth 90 (east), on the ellipsoid.
    QString error;
    const QVector<double> g = runTool(QStringLiteral("geod"),
                                      {QStringLiteral("+ellps=WGS84"), QStringLiteral("-f"), QStringLiteral("%.12f")},
                                      QStringLiteral("36.06 120.32 90 100"), &error);
    QVERIFY2(g.size() >= 2, qPrintable(error));
    const Vec3d east(g[1], g[0], 0.0); // geod prints lat lon

    const CoordinateTransform toEnu(Crs::wgs84(), Crs::fromString(QStringLiteral("ENU:36.06,120.32")));
    QVERIFY2(toEnu.isValid(), qPrintable(toEnu.error()));
    bool ok = false;
    const Vec3d e = toEnu.apply(east, &ok);
    QVERIFY(ok);
    // On the tangent plane: x = 100 m; the ellipsoid drops ~0.8 mm below it at 100 m and
    // the eastward geodesic bends south by < 1 mm.
    QVERIFY2(std::abs(e.x - 100.0) < 1e-3, qPrintable(str(e)));
    QVERIFY2(std::abs(e.y) < 2e-3, qPrintable(str(e)));
    QVERIFY2(e.z < 0.0 && e.z > -2e-3, qPrintable(str(e)));
}

void tst_CoordinateTransform::enuOriginMapsToZero()
{
    const CoordinateTransform toEnu(Crs::wgs84(), Crs::enu(36.06, 120.32, 12.0));
    QVERIFY(toEnu.isValid());
    bool ok = false;
    const Vec3d e = toEnu.apply(Vec3d(120.32, 36.06, 12.0), &ok);
    QVERIFY(ok);
    QVERIFY2(e.length() < 1e-6, qPrintable(str(e)));
    // Straight up is +z.
    const Vec3d up = toEnu.apply(Vec3d(120.32, 36.06, 112.0), &ok);
    QVERIFY(ok);
    QVERIFY2(std::abs(up.z - 100.0) < 1e-6 && std::abs(up.x) < 1e-6 && std::abs(up.y) < 1e-6, qPrintable(str(up)));
    // North is +y.
    const Vec3d north = toEnu.apply(Vec3d(120.32, 36.07, 12.0), &ok);
    QVERIFY(ok);
    QVERIFY2(north.y > 1000.0 && std::abs(north.x) < 1e-6, qPrintable(str(north)));
}

void tst_CoordinateTransform::projectedToEnu()
{
    // The EPSG:4549 coordinates of the ENU origin (cs2cs, northing first) must map to ENU 0,0.
    Vec3d projected;
    QString error;
    QVERIFY2(cs2cs(QStringLiteral("EPSG:4326"), true, QStringLiteral("EPSG:4549"), true, Vec3d(120.32, 36.06, 0.0),
                   &projected, &error),
             qPrintable(error));
    projected.z = 25.0; // 2D CRS: z is taken as ellipsoidal height
    const CoordinateTransform ct(Crs::fromString(QStringLiteral("EPSG:4549")),
                                 Crs::fromString(QStringLiteral("ENU:36.06,120.32,25")));
    QVERIFY2(ct.isValid(), qPrintable(ct.error()));
    bool ok = false;
    const Vec3d e = ct.apply(projected, &ok);
    QVERIFY(ok);
    QVERIFY2(std::abs(e.x) < 1e-4 && std::abs(e.y) < 1e-4 && std::abs(e.z) < 1e-4, qPrintable(str(e)));
}

void tst_CoordinateTransform::invalid()
{
    const CoordinateTransform a(Crs(), Crs::wgs84());
    QVERIFY(!a.isValid());
    QVERIFY(!a.error().isEmpty());
    Vec3d p(1, 2, 3);
    QVERIFY(!a.transform(p));
    QCOMPARE(p, Vec3d(1, 2, 3));
    bool ok = true;
    QCOMPARE(a.apply(p, &ok), p);
    QVERIFY(!ok);

    const CoordinateTransform b(Crs::wgs84(), Crs::fromString(QStringLiteral("garbage")));
    QVERIFY(!b.isValid());
    QVERIFY(b.error().contains(QLatin1String("target")));

    // A vertical CRS cannot be transformed to a projected one.
    const Crs vertical = Crs::fromString(QStringLiteral("EPSG:5773"));
    QVERIFY(vertical.isValid());
    const CoordinateTransform c(vertical, Crs::fromString(QStringLiteral("EPSG:4549")));
    QVERIFY(!c.isValid());
    QVERIFY(!c.error().isEmpty());
}

void tst_CoordinateTransform::failingPoints_data()
{
    QTest::addColumn<QString>("src");
    QTest::addColumn<QString>("dst");
    QTest::addColumn<Vec3d>("input");

    QTest::newRow("NaN") << "EPSG:4979" << "EPSG:4549" << Vec3d(qQNaN(), 36.0, 0.0);
    QTest::newRow("infinity") << "EPSG:4549" << "EPSG:4979" << Vec3d(500000.0, qInf(), 0.0);
    QTest::newRow("latitude 95") << "EPSG:4326" << "EPSG:32650" << Vec3d(117.0, 95.0, 0.0);
    QTest::newRow("latitude 95 to ENU") << "EPSG:4979" << "ENU:36.06,120.32" << Vec3d(120.0, 95.0, 0.0);
    QTest::newRow("HUGE_VAL") << "EPSG:32650" << "EPSG:4326" << Vec3d(HUGE_VAL, 0.0, 0.0);
}

void tst_CoordinateTransform::failingPoints()
{
    QFETCH(QString, src);
    QFETCH(QString, dst);
    QFETCH(Vec3d, input);
    const CoordinateTransform ct(Crs::fromString(src), Crs::fromString(dst));
    QVERIFY2(ct.isValid(), qPrintable(ct.error()));
    Vec3d p = input;
    QVERIFY(!ct.transform(p));
    // Untouched (compare bitwise: NaN != NaN).
    QVERIFY(std::memcmp(&p, &input, sizeof p) == 0);
    // A good point still works afterwards (errno was reset).
    Vec3d good = src == QLatin1String("EPSG:4549") ? Vec3d(528830.0, 3992247.0, 0.0)
                 : src == QLatin1String("EPSG:32650") ? Vec3d(450000.0, 3350000.0, 0.0)
                                                      : Vec3d(120.3, 36.0, 0.0);
    QVERIFY(ct.transform(good));
}

void tst_CoordinateTransform::copies()
{
    const CoordinateTransform a(Crs::fromString(QStringLiteral("EPSG:4549")), Crs::wgs84());
    CoordinateTransform b{Crs(), Crs()};
    QVERIFY(!b.isValid());
    b = a;
    QVERIFY(b.isValid());
    const CoordinateTransform c(b);
    bool ok1 = false, ok2 = false;
    QCOMPARE(a.apply(Vec3d(528830.0, 3992247.0, 0.0), &ok1), c.apply(Vec3d(528830.0, 3992247.0, 0.0), &ok2));
    QVERIFY(ok1 && ok2);
}

void tst_CoordinateTransform::threads()
{
    const Crs epsg4549 = Crs::fromString(QStringLiteral("EPSG:4549"));
    const Crs sample = Crs::fromString(QString::fromUtf8(kSampleWkt));
    const Crs enu = Crs::fromString(QStringLiteral("ENU:36.06,120.32"));
    const Crs wgs = Crs::wgs84();

    std::vector<Vec3d> points;
    for (int i = 0; i < 1500; ++i)
        points.emplace_back(500000.0 + 37.0 * i, 3980000.0 + 23.0 * i, 0.5 * i);

    std::vector<Vec3d> lonLats;
    for (int i = 0; i < 1500; ++i)
        lonLats.emplace_back(120.2 + 1e-4 * i, 36.0 + 7e-5 * i, 0.25 * i);

    struct Job
    {
        Crs src, dst;
        bool lonLatInput;
    };
    const std::vector<Job> jobs = {{epsg4549, wgs, false}, {epsg4549, enu, false}, {enu, epsg4549, false},
                                   {sample, wgs, false}, {wgs, enu, true}, {wgs, epsg4549, true}};
    std::vector<CoordinateTransform> shared;
    for (const Job &j : jobs)
        shared.emplace_back(j.src, j.dst);

    auto runAll = [&](bool ownTransforms) {
        std::vector<Vec3d> out;
        out.reserve(3000 * jobs.size());
        for (std::size_t j = 0; j < jobs.size(); ++j) {
            const CoordinateTransform ct = ownTransforms ? CoordinateTransform(jobs[j].src, jobs[j].dst) : shared[j];
            for (const Vec3d &p : jobs[j].lonLatInput ? lonLats : points) {
                bool ok = false;
                out.push_back(ct.apply(p, &ok));
                if (!ok)
                    out.back() = Vec3d(qQNaN(), 0, 0);
            }
        }
        return out;
    };
    const std::vector<Vec3d> reference = runAll(false);
    for (const Vec3d &v : reference)
        QVERIFY(std::isfinite(v.x));

    // Plain QThreads, more than cores, half using the shared transforms, half their own.
    constexpr int kThreads = 8;
    std::vector<std::vector<Vec3d>> results(kThreads);
    std::vector<std::unique_ptr<QThread>> threads;
    for (int t = 0; t < kThreads; ++t)
        threads.emplace_back(QThread::create([&, t] { results[t] = runAll(t % 2 == 0); }));
    for (auto &t : threads)
        t->start();
    for (auto &t : threads)
        QVERIFY(t->wait(120000));
    for (int t = 0; t < kThreads; ++t) {
        QCOMPARE(results[t].size(), reference.size());
        for (std::size_t i = 0; i < reference.size(); ++i) {
            if (results[t][i] != reference[i])
                QFAIL(qPrintable(QStringLiteral("thread %1 point %2: %3 != %4")
                                     .arg(t)
                                     .arg(i)
                                     .arg(str(results[t][i]), str(reference[i]))));
        }
    }

    // QtConcurrent over the points with one shared transform.
    const CoordinateTransform ct = shared[1];
    const QList<Vec3d> mapped = QtConcurrent::blockingMapped<QList<Vec3d>>(
        points, [&ct](const Vec3d &p) { return ct.apply(p); });
    QCOMPARE(std::size_t(mapped.size()), points.size());
    for (std::size_t i = 0; i < points.size(); ++i)
        QCOMPARE(mapped[int(i)], reference[points.size() + i]);
}

void tst_CoordinateTransform::localFrame()
{
    const LocalFrame frame(Crs::fromString(QString::fromUtf8(kSampleWkt)), kSampleOrigin);
    QVERIFY(frame.isGeoreferenced());
    bool ok = false;
    const Vec3d ll = frame.toLonLatHeight(Vec3d(0, 0, 0), &ok);
    QVERIFY(ok);
    QVERIFY2(std::abs(ll.x - 113.379985671) < 1e-7 && std::abs(ll.y - 22.495136792) < 1e-7, qPrintable(str(ll)));
    const Vec3d local = frame.fromLonLatHeight(Vec3d(ll.x, ll.y, 7.0), &ok);
    QVERIFY(ok);
    QVERIFY2(std::abs(local.x) < 1e-5 && std::abs(local.y) < 1e-5 && std::abs(local.z - 7.0) < 1e-6,
             qPrintable(str(local)));

    // 1 km east in the local frame is ~1 km east on the ground.
    const Vec3d ll2 = frame.toLonLatHeight(Vec3d(1000, 0, 0), &ok);
    QVERIFY(ok);
    const double d = distanceMetres(ll, ll2);
    QVERIFY2(std::abs(d - 1000.0) < 5.0, qPrintable(QString::number(d)));

    // toOther / fromOther through ENU.
    const Crs enu = Crs::enu(ll.y, ll.x, 0.0);
    const Vec3d e = frame.toOther(Vec3d(0, 0, 0), enu, &ok);
    QVERIFY(ok);
    QVERIFY2(e.length() < 1e-4, qPrintable(str(e)));
    const Vec3d back = frame.fromOther(Vec3d(10, 20, 30), enu, &ok);
    QVERIFY(ok);
    QVERIFY2(std::abs(back.x - 10) < 0.05 && std::abs(back.y - 20) < 0.05 && std::abs(back.z - 30) < 0.05,
             qPrintable(str(back)));

    // Same CRS: just the origin.
    QCOMPARE(frame.toOther(Vec3d(1, 2, 3), frame.crs(), &ok), kSampleOrigin + Vec3d(1, 2, 3));
    QVERIFY(ok);

    // ENU frame: local = ENU coordinates.
    const LocalFrame enuFrame(Crs::fromString(QStringLiteral("ENU:36.06,120.32")), Vec3d());
    const Vec3d o = enuFrame.toLonLatHeight(Vec3d(), &ok);
    QVERIFY(ok);
    QVERIFY2(std::abs(o.x - 120.32) < 1e-9 && std::abs(o.y - 36.06) < 1e-9 && std::abs(o.z) < 1e-6, qPrintable(str(o)));
}

void tst_CoordinateTransform::localFrameUngeoreferenced()
{
    const LocalFrame frame;
    QVERIFY(!frame.isGeoreferenced());
    bool ok = true;
    frame.toLonLatHeight(Vec3d(1, 2, 3), &ok);
    QVERIFY(!ok);
    ok = true;
    frame.fromLonLatHeight(Vec3d(1, 2, 3), &ok);
    QVERIFY(!ok);
    ok = true;
    frame.toOther(Vec3d(1, 2, 3), Crs::wgs84(), &ok);
    QVERIFY(!ok);
    ok = true;
    frame.fromOther(Vec3d(1, 2, 3), Crs::wgs84(), &ok);
    QVERIFY(!ok);
    // A georeferenced frame asked about an invalid CRS.
    const LocalFrame g(Crs::wgs84(), Vec3d());
    ok = true;
    g.toOther(Vec3d(1, 2, 3), Crs(), &ok);
    QVERIFY(!ok);
}

QTEST_GUILESS_MAIN(tst_CoordinateTransform)
#include "tst_coordinatetransform.moc"
