// Tests for liyuan::RasterDataset (GDAL underneath).
//
// Real data: the shared Alexandria DSM (EPSG:26918, COG, Float32, 283×259, 2 m) and the
// WebODM orthophoto (EPSG:32615, RGBA). Reference values come from GDAL's own command line
// tools run in the test (gdal-bin): `gdal_translate -of XYZ` (every pixel centre and value),
// `gdallocationinfo -valonly [-wgs84]` (the pixel under a point, nearest neighbour).
// Hostile fixtures are made in a temporary folder by the test itself.
#include "TestRequire.h"
#include <liyuan/geodata/CoordinateTransform.h>
#include <liyuan/geodata/RasterDataset.h>
#include <liyuan/geodata/VectorDataset.h>

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtConcurrent/QtConcurrent>
#include <QtTest>

#include <cmath>

using namespace liyuan;

namespace {

QString sharedData(const QString &rel)
{
    return QStringLiteral(LIYUAN_SHARED_DATA "/") + rel;
}

const QString kDsm = QStringLiteral("gis/alexandria_va/dsm.tif");
const QString kOrtho = QStringLiteral("gis/webodm/orthophoto.tif");

Crs crs(const char *text)
{
    QString err;
    Crs c = Crs::fromString(QString::fromLatin1(text), &err);
    if (!c.isValid())
        qWarning() << "bad CRS" << text << err;
    return c;
}

/** Runs a tool and returns its stdout; QVERIFY-style failure through *ok. */
QString run(const QString &program, const QStringList &args, bool *ok)
{
    QProcess p;
    p.start(program, args);
    *ok = p.waitForFinished(60000) && p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
    if (!*ok)
        qWarning() << program << args << p.readAllStandardError();
    return QString::fromUtf8(p.readAllStandardOutput());
}

bool haveTool(const char *name)
{
    return !QStandardPaths::findExecutable(QString::fromLatin1(name)).isEmpty();
}

} // namespace

class TestRasterDataset : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_tmp;
    QString fixture(const QString &name) const { return m_tmp.filePath(name); }

private slots:
    void initTestCase()
    {
        registerGdalDrivers();
        QVERIFY(m_tmp.isValid());
        if (!QFileInfo::exists(QStringLiteral(LIYUAN_SHARED_DATA)))
            LIYUAN_SKIP("shared sample data not found (LIYUAN_SHARED_DATA=" LIYUAN_SHARED_DATA ")");
        QVERIFY2(QFileInfo::exists(sharedData(kDsm)), qPrintable(sharedData(kDsm)));
        QVERIFY(QFileInfo::exists(sharedData(kOrtho)));
        if (!haveTool("gdallocationinfo") || !haveTool("gdal_translate"))
            LIYUAN_SKIP("gdal-bin (gdallocationinfo, gdal_translate) is needed for the reference values");

        // Truncated GeoTIFF: the first half of dsm.tif.
        QFile dsm(sharedData(kDsm));
        QVERIFY(dsm.open(QIODevice::ReadOnly));
        const QByteArray bytes = dsm.readAll();
        auto write = [this](const QString &name, const QByteArray &data) {
            QFile f(fixture(name));
            QVERIFY(f.open(QIODevice::WriteOnly));
            QCOMPARE(f.write(data), data.size());
        };
        write(QStringLiteral("truncated.tif"), bytes.left(bytes.size() / 2));
        // Random bytes with a .tif name.
        QByteArray noise(64 * 1024, Qt::Uninitialized);
        QRandomGenerator rng(42);
        for (char &c : noise)
            c = char(rng.bounded(256));
        write(QStringLiteral("random.tif"), noise);
        write(QStringLiteral("empty.tif"), QByteArray());
        // A raster without CRS: ESRI ASCII grid, no .prj, 4×3 cells of 10 m, two nodata cells.
        write(QStringLiteral("nocrs.asc"),
              "ncols 4\nnrows 3\nxllcorner 1000\nyllcorner 2000\ncellsize 10\nNODATA_value -9999\n"
              "1 2 3 4\n5 -9999 7 8\n9 10 11 -9999\n");
        // A vector file given to the raster reader.
        QVERIFY(QFile::copy(sharedData(QStringLiteral("footprints/alexandria_va/buildings.geojson")),
                            fixture(QStringLiteral("vector.geojson"))));
        QVERIFY(QDir(m_tmp.path()).mkpath(QStringLiteral("folder.tif")));
    }

    // --- errors -----------------------------------------------------------------------------

    void openErrors_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("expected");
        QTest::newRow("missing file") << fixture(QStringLiteral("nope.tif")) << QStringLiteral("no such file");
        QTest::newRow("zero-byte file") << fixture(QStringLiteral("empty.tif")) << QStringLiteral("empty (0 bytes)");
        QTest::newRow("random bytes") << fixture(QStringLiteral("random.tif")) << QStringLiteral("not a raster");
        QTest::newRow("truncated GeoTIFF") << fixture(QStringLiteral("truncated.tif"))
                                           << QStringLiteral("truncated or corrupt GeoTIFF");
        QTest::newRow("vector file") << fixture(QStringLiteral("vector.geojson"))
                                     << QStringLiteral("vector file (GeoJSON), not a raster");
        QTest::newRow("folder") << fixture(QStringLiteral("folder.tif")) << QStringLiteral("folder");
        QTest::newRow("empty name") << QString() << QStringLiteral("no raster file name");
    }
    void openErrors()
    {
        QFETCH(QString, file);
        QFETCH(QString, expected);
        QString error;
        const RasterDataset r = RasterDataset::open(file, &error);
        QVERIFY(!r.isValid());
        QVERIFY2(error.contains(expected), qPrintable(error));
        if (!file.isEmpty())
            QVERIFY2(error.startsWith(QDir::toNativeSeparators(file) + QStringLiteral(": ")), qPrintable(error));
        // Calls on an invalid handle fail cleanly.
        HeightGrid g;
        QVERIFY(!r.readHeights(Crs(), {0, 0, 1, 1}, 2, 2, &g, &error));
        QVERIFY(!r.ensureOverviews(m_tmp.path(), 16, {}, &error));
    }

    void hostileReads_data()
    {
        QTest::addColumn<int>("width");
        QTest::addColumn<int>("height");
        QTest::addColumn<bool>("validBox");
        QTest::addColumn<QString>("expected");
        QTest::newRow("200000x200000 request") << 200000 << 200000 << true << QStringLiteral("too large to read at once");
        QTest::newRow("9000x9000 request") << 9000 << 9000 << true << QStringLiteral("too large to read at once");
        QTest::newRow("zero width") << 0 << 10 << true << QStringLiteral("invalid read size");
        QTest::newRow("negative height") << 10 << -5 << true << QStringLiteral("invalid read size");
        QTest::newRow("empty box") << 10 << 10 << false << QStringLiteral("invalid read bounds");
    }
    void hostileReads()
    {
        QFETCH(int, width);
        QFETCH(int, height);
        QFETCH(bool, validBox);
        QFETCH(QString, expected);
        const RasterDataset r = RasterDataset::open(sharedData(kDsm));
        QVERIFY(r.isValid());
        const Box2d box = validBox ? r.info().bounds : Box2d{5, 5, 5, 5};
        QString error;
        HeightGrid g;
        QVERIFY(!r.readHeights(r.info().crs, box, width, height, &g, &error));
        QVERIFY2(error.contains(expected) && error.contains(QStringLiteral("dsm.tif")), qPrintable(error));
        RasterImage img;
        QVERIFY(!r.readImage(r.info().crs, box, width, height, &img, &error));
        QVERIFY2(error.contains(expected), qPrintable(error));
    }

    void noCrs()
    {
        QString error;
        const RasterDataset r = RasterDataset::open(fixture(QStringLiteral("nocrs.asc")), &error);
        QVERIFY2(r.isValid(), qPrintable(error));
        QCOMPARE(r.info().driver, QStringLiteral("AAIGrid"));
        QVERIFY(!r.info().crs.isValid());
        QVERIFY(!r.info().boundsWgs84.isValid());
        QCOMPARE(r.info().bounds.minX, 1000.0);
        QCOMPARE(r.info().bounds.maxY, 2030.0);
        HeightGrid g;
        QVERIFY(!r.readHeights(crs("EPSG:26918"), {1000, 2000, 1040, 2030}, 4, 3, &g, &error));
        QVERIFY2(error.contains(QStringLiteral("nocrs.asc")) && error.contains(QStringLiteral("has no CRS")),
                 qPrintable(error));
        // Without a target CRS the raster's own coordinates are used; nodata becomes NaN.
        QVERIFY2(r.readHeights(Crs(), {1000, 2000, 1040, 2030}, 4, 3, &g, &error), qPrintable(error));
        const float expected[12] = {1, 2, 3, 4, 5, NAN, 7, 8, 9, 10, 11, NAN};
        for (int i = 0; i < 12; ++i) {
            if (std::isnan(expected[i]))
                QVERIFY2(std::isnan(g.heights[i]), qPrintable(QString::number(i)));
            else
                QCOMPARE(g.heights[i], expected[i]);
        }
    }

    // --- terrain or imagery -----------------------------------------------------------------------

    /** RasterDataset::classify on headers as GDAL reports them (the files are in tst_rasterframes). */
    void classify_data()
    {
        QTest::addColumn<QStringList>("types");
        QTest::addColumn<QStringList>("interp");
        QTest::addColumn<QString>("unit");
        QTest::addColumn<bool>("palette");
        QTest::addColumn<double>("minimum"); // NaN: no stored range
        QTest::addColumn<double>("maximum");
        QTest::addColumn<QString>("expected");
        QTest::addColumn<QString>("reasonHas");
        const QString T = QStringLiteral("terrain"), I = QStringLiteral("imagery");
        const double none = std::nan("");
        auto n = [](int count, const char *v) { return QStringList(count, QString::fromLatin1(v)); };
        QTest::newRow("Float32 DEM (lidar)") << n(1, "Float32") << n(1, "Gray") << "" << false << none << none << T << "Float32";
        QTest::newRow("Float32 DEM, range -5..830 m") << n(1, "Float32") << n(1, "Gray") << "m" << false << -5.0 << 830.0 << T << "";
        QTest::newRow("Int16 SRTM") << n(1, "Int16") << n(1, "Undefined") << "" << false << none << none << T << "Int16";
        QTest::newRow("Int16 SRTM, void -32768 kept") << n(1, "Int16") << n(1, "Gray") << "" << false << -32768.0 << 4100.0 << T << "";
        QTest::newRow("Float64 DEM") << n(1, "Float64") << n(1, "Gray") << "" << false << none << none << T << "";
        QTest::newRow("Byte panchromatic") << n(1, "Byte") << n(1, "Gray") << "" << false << none << none << I << "grey image";
        QTest::newRow("Byte scanned map, no interp") << n(1, "Byte") << n(1, "Undefined") << "" << false << 0.0 << 255.0 << I << "";
        QTest::newRow("UInt16 panchromatic") << n(1, "UInt16") << n(1, "Gray") << "" << false << none << none << I << "UInt16";
        QTest::newRow("UInt16 with a metre unit but 16-bit range") << n(1, "UInt16") << n(1, "Gray") << "m" << false << 0.0 << 65535.0 << I << "";
        QTest::newRow("UInt16 heights in metres") << n(1, "UInt16") << n(1, "Gray") << "metre" << false << 12.0 << 2900.0 << T << "heights";
        QTest::newRow("Byte heights in feet") << n(1, "Byte") << n(1, "Gray") << "ft" << false << none << none << T << "";
        QTest::newRow("Byte paletted (scanned map)") << n(1, "Byte") << n(1, "Palette") << "" << true << none << none << I << "Palette";
        QTest::newRow("Float32 radiance far above 9 km") << n(1, "Float32") << n(1, "Gray") << "" << false << 0.0 << 48000.0 << I << "no heights";
        QTest::newRow("Float32 band marked Red") << n(1, "Float32") << n(1, "Red") << "" << false << none << none << I << "colour";
        QTest::newRow("grey + alpha") << n(2, "Byte") << (QStringList{"Gray", "Alpha"}) << "" << false << none << none << I << "Alpha";
        QTest::newRow("RGB") << n(3, "Byte") << (QStringList{"Red", "Green", "Blue"}) << "" << false << none << none << I << "";
        QTest::newRow("RGBA orthophoto") << n(4, "Byte") << (QStringList{"Red", "Green", "Blue", "Alpha"}) << "" << false << none << none << I << "";
        QTest::newRow("RGBN without colour interpretation") << n(4, "UInt16") << n(4, "Undefined") << "" << false << none << none << I << "4 bands";
        QTest::newRow("two Float32 bands") << n(2, "Float32") << n(2, "Undefined") << "m" << false << none << none << I << "2 bands";
    }

    void classify()
    {
        QFETCH(QStringList, types);
        QFETCH(QStringList, interp);
        QFETCH(QString, unit);
        QFETCH(bool, palette);
        QFETCH(double, minimum);
        QFETCH(double, maximum);
        QFETCH(QString, expected);
        QFETCH(QString, reasonHas);
        RasterInfo info;
        info.bands = int(types.size());
        info.bandTypes = types;
        info.colorInterpretation = interp;
        info.units = QStringList(info.bands, QString());
        info.units[0] = unit;
        info.hasColorTable = palette;
        if (!std::isnan(minimum)) {
            info.minimum = minimum;
            info.maximum = maximum;
        }
        QString reason;
        const RasterRole role = RasterDataset::classify(info, &reason);
        QCOMPARE(RasterDataset::roleName(role), expected);
        QVERIFY2(!reason.isEmpty() && reason.contains(reasonHas), qPrintable(reason));
        QCOMPARE(info.isElevation(), expected == QLatin1String("terrain"));
        QCOMPARE(info.isImage(), expected == QLatin1String("imagery"));
    }

    void parseRole_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("ok");
        QTest::addColumn<QString>("role");
        QTest::newRow("terrain") << "terrain" << true << "terrain";
        QTest::newRow("Imagery, spaced") << " Imagery " << true << "imagery";
        QTest::newRow("empty") << "" << false << "";
        QTest::newRow("dem") << "dem" << false << "";
        QTest::newRow("hostile") << QString(10000, QLatin1Char('x')) << false << "";
    }

    void parseRole()
    {
        QFETCH(QString, text);
        QFETCH(bool, ok);
        QFETCH(QString, role);
        RasterRole r = RasterRole::Imagery;
        QCOMPARE(RasterDataset::parseRole(text, &r), ok);
        if (ok)
            QCOMPARE(RasterDataset::roleName(r), role);
    }

    // --- DSM ------------------------------------------------------------------------------------

    void dsmInfo()
    {
        QString error;
        const RasterDataset r = RasterDataset::open(sharedData(kDsm), &error);
        QVERIFY2(r.isValid(), qPrintable(error));
        const RasterInfo &i = r.info();
        QCOMPARE(i.driver, QStringLiteral("GTiff"));
        QCOMPARE(i.width, 283);
        QCOMPARE(i.height, 259);
        QCOMPARE(i.bands, 1);
        QCOMPARE(i.bandTypes, QStringList{QStringLiteral("Float32")});
        QCOMPARE(i.colorInterpretation, QStringList{QStringLiteral("Gray")});
        QVERIFY(i.isElevation());
        QVERIFY(!i.isImage());
        QCOMPARE(i.crs.authorityCode(), QStringLiteral("EPSG:26918"));
        QCOMPARE(int(i.nodata.size()), 1);
        QVERIFY(i.nodata[0].has_value());
        QCOMPARE(*i.nodata[0], -9999.0);
        QCOMPARE(i.pixelSizeX, 2.0);
        QCOMPARE(i.pixelSizeY, 2.0);
        QCOMPARE(i.bounds.minX, 321498.0);
        QCOMPARE(i.bounds.maxX, 322064.0);
        QCOMPARE(i.bounds.minY, 4297500.0);
        QCOMPARE(i.bounds.maxY, 4298018.0);
        QCOMPARE(i.overviews, QList<QSize>{QSize(142, 130)}); // the COG's internal overview
        // gdalinfo: corners 77°3'21.31"W..77°2'57.38"W, 38°48'29.52"N..38°48'46.72"N.
        QVERIFY(i.boundsWgs84.isValid());
        QVERIFY(std::abs(i.boundsWgs84.minX - -(77 + 3 / 60.0 + 21.31 / 3600)) < 1e-4);
        QVERIFY(std::abs(i.boundsWgs84.maxX - -(77 + 2 / 60.0 + 57.38 / 3600)) < 1e-4);
        QVERIFY(std::abs(i.boundsWgs84.minY - (38 + 48 / 60.0 + 29.52 / 3600)) < 1e-4);
        QVERIFY(std::abs(i.boundsWgs84.maxY - (38 + 48 / 60.0 + 46.72 / 3600)) < 1e-4);
    }

    /** At native resolution in the raster's own CRS every sample equals the stored pixel. */
    void heightsNative()
    {
        const RasterDataset r = RasterDataset::open(sharedData(kDsm));
        QVERIFY(r.isValid());
        HeightGrid g;
        QString error;
        QVERIFY2(r.readHeights(crs("EPSG:26918"), r.info().bounds, 283, 259, &g, &error), qPrintable(error));
        QCOMPARE(g.width, 283);
        QCOMPARE(g.height, 259);
        QCOMPARE(int(g.heights.size()), 283 * 259);

        // Every pixel, against gdal_translate -of XYZ (x y z of each pixel centre, rows from the top).
        bool ok = false;
        const QString xyz = run(QStringLiteral("gdal_translate"),
                                {QStringLiteral("-q"), QStringLiteral("-of"), QStringLiteral("XYZ"), sharedData(kDsm),
                                 QStringLiteral("/vsistdout/")},
                                &ok);
        QVERIFY(ok);
        const QStringList lines = xyz.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 283 * 259);
        int mismatches = 0;
        for (int k = 0; k < lines.size(); ++k) {
            const QStringList f = lines.at(k).split(QLatin1Char(' '), Qt::SkipEmptyParts);
            const float expected = f.at(2).toFloat();
            const float got = g.heights[size_t(k)];
            if (!(std::abs(got - expected) <= 1e-4f))
                ++mismatches;
        }
        QCOMPARE(mismatches, 0);

        // A few pixels by gdallocationinfo (pixel/line).
        const QList<QPoint> pixels{{0, 0}, {141, 129}, {282, 258}, {17, 200}, {250, 13}};
        for (const QPoint &p : pixels) {
            const QString v = run(QStringLiteral("gdallocationinfo"),
                                  {QStringLiteral("-valonly"), sharedData(kDsm), QString::number(p.x()),
                                   QString::number(p.y())},
                                  &ok);
            QVERIFY(ok);
            QCOMPARE(g.at(p.x(), p.y()), v.trimmed().toFloat());
        }
    }

    void heightsOutsideAreNaN()
    {
        const RasterDataset r = RasterDataset::open(sharedData(kDsm));
        const Box2d b = r.info().bounds;
        // Twice as wide, extending east: the east half has no data.
        HeightGrid g;
        QString error;
        QVERIFY2(r.readHeights(r.info().crs, {b.minX, b.minY, b.maxX + b.width(), b.maxY}, 100, 50, &g, &error),
                 qPrintable(error));
        QVERIFY(!std::isnan(g.at(10, 25)));
        QVERIFY(std::isnan(g.at(90, 25)));
        QVERIFY(std::isnan(g.at(60, 0)));
    }

    /** Read into another CRS: the sample at a source pixel centre equals gdallocationinfo -wgs84 there. */
    void heightsOtherCrs_data()
    {
        QTest::addColumn<QString>("target");
        QTest::addColumn<double>("cell"); // target units
        QTest::newRow("EPSG:4326 (lon/lat)") << QStringLiteral("EPSG:4326") << 2e-7;
        QTest::newRow("EPSG:32617 (UTM 17N)") << QStringLiteral("EPSG:32617") << 0.02;
        QTest::newRow("EPSG:3857") << QStringLiteral("EPSG:3857") << 0.02;
        QTest::newRow("ENU at the block") << QStringLiteral("ENU:38.81,-77.052") << 0.02;
    }
    void heightsOtherCrs()
    {
        QFETCH(QString, target);
        QFETCH(double, cell);
        const Crs dst = Crs::fromString(target);
        QVERIFY(dst.isValid());
        const RasterDataset r = RasterDataset::open(sharedData(kDsm));
        const CoordinateTransform toTarget(r.info().crs, dst);
        const CoordinateTransform toWgs84(r.info().crs, crs("EPSG:4326"));
        QVERIFY(toTarget.isValid() && toWgs84.isValid());
        const QList<QPoint> pixels{{20, 20}, {141, 129}, {270, 240}, {100, 30}};
        for (const QPoint &px : pixels) {
            const Vec3d centre(321498.0 + 2.0 * (px.x() + 0.5), 4298018.0 - 2.0 * (px.y() + 0.5), 0.0);
            bool ok = false;
            const Vec3d t = toTarget.apply(centre, &ok);
            QVERIFY(ok);
            const Vec3d ll = toWgs84.apply(centre, &ok);
            QVERIFY(ok);
            // 3×3 tiny cells centred on the point: sample (1, 1) lies on the pixel centre.
            HeightGrid g;
            QString error;
            const Box2d box{t.x - 1.5 * cell, t.y - 1.5 * cell, t.x + 1.5 * cell, t.y + 1.5 * cell};
            QVERIFY2(r.readHeights(dst, box, 3, 3, &g, &error), qPrintable(error));
            const QString v = run(QStringLiteral("gdallocationinfo"),
                                  {QStringLiteral("-valonly"), QStringLiteral("-wgs84"), sharedData(kDsm),
                                   QString::number(ll.x, 'f', 10), QString::number(ll.y, 'f', 10)},
                                  &ok);
            QVERIFY(ok);
            const float expected = v.trimmed().toFloat();
            QVERIFY2(std::abs(g.at(1, 1) - expected) < 0.01f,
                     qPrintable(QStringLiteral("pixel %1,%2: read %3, gdallocationinfo %4")
                                    .arg(px.x())
                                    .arg(px.y())
                                    .arg(g.at(1, 1))
                                    .arg(expected)));
        }
    }

    /** A coarse read of the whole DSM in lon/lat looks like the native one (sanity of warping). */
    void heightsCoarseWgs84()
    {
        const RasterDataset r = RasterDataset::open(sharedData(kDsm));
        const Box2d ll = r.info().boundsWgs84;
        HeightGrid g;
        QString error;
        QVERIFY2(r.readHeights(crs("EPSG:4326"), ll, 64, 64, &g, &error), qPrintable(error));
        int valid = 0;
        for (float h : g.heights) {
            if (!std::isnan(h)) {
                ++valid;
                QVERIFY(h > 6.0f && h < 40.0f); // DSM range 6.96..39.05 m (SOURCES.md)
            }
        }
        QVERIFY(valid > 64 * 64 * 9 / 10);
    }

    // --- orthophoto -----------------------------------------------------------------------------

    void orthoInfo()
    {
        QString error;
        const RasterDataset r = RasterDataset::open(sharedData(kOrtho), &error);
        QVERIFY2(r.isValid(), qPrintable(error));
        const RasterInfo &i = r.info();
        QCOMPARE(i.width, 212);
        QCOMPARE(i.height, 212);
        QCOMPARE(i.bands, 4);
        QVERIFY(i.isImage());
        QCOMPARE(i.bandTypes, QStringList(4, QStringLiteral("Byte")));
        QCOMPARE(i.colorInterpretation,
                 (QStringList{QStringLiteral("Red"), QStringLiteral("Green"), QStringLiteral("Blue"),
                              QStringLiteral("Alpha")}));
        QCOMPARE(i.crs.authorityCode(), QStringLiteral("EPSG:32615"));
        QVERIFY(std::abs(i.pixelSizeX - 0.500329) < 1e-6);
        QVERIFY(std::abs(i.boundsWgs84.minX - -91.99) < 0.02);
        QVERIFY(std::abs(i.boundsWgs84.minY - 46.84) < 0.02);
    }

    void orthoImageNative()
    {
        const RasterDataset r = RasterDataset::open(sharedData(kOrtho));
        RasterImage img;
        QString error;
        QVERIFY2(r.readImage(r.info().crs, r.info().bounds, 212, 212, &img, &error), qPrintable(error));
        QCOMPARE(img.width, 212);
        QCOMPARE(img.height, 212);
        QCOMPARE(img.rgba.size(), 212 * 212 * 4);
        auto px = [&](int x, int y, int c) { return int(uchar(img.rgba[(y * 212 + x) * 4 + c])); };
        int transparent = 0;
        for (int k = 0; k < 212 * 212; ++k)
            transparent += uchar(img.rgba[k * 4 + 3]) == 0;
        QVERIFY(transparent > 100); // ODM leaves a transparent border
        QVERIFY(transparent < 212 * 212 / 2);
        const QList<QPoint> pixels{{0, 0}, {106, 106}, {50, 150}, {180, 40}, {211, 211}};
        for (const QPoint &p : pixels) {
            bool ok = false;
            const QStringList v = run(QStringLiteral("gdallocationinfo"),
                                      {QStringLiteral("-valonly"), sharedData(kOrtho), QString::number(p.x()),
                                       QString::number(p.y())},
                                      &ok)
                                      .split(QLatin1Char('\n'), Qt::SkipEmptyParts);
            QVERIFY(ok);
            QCOMPARE(v.size(), 4);
            const int alpha = v[3].toInt();
            QCOMPARE(px(p.x(), p.y(), 3), alpha);
            if (alpha == 255) {
                for (int c = 0; c < 3; ++c)
                    QCOMPARE(px(p.x(), p.y(), c), v[c].toInt());
            }
        }
    }

    void orthoImageOtherCrs()
    {
        const RasterDataset r = RasterDataset::open(sharedData(kOrtho));
        RasterImage img;
        QString error;
        // Lon/lat box 1.5× the raster: the margin must be transparent, the middle opaque.
        Box2d b = r.info().boundsWgs84;
        const double mx = b.width() * 0.25, my = b.height() * 0.25;
        b = {b.minX - mx, b.minY - my, b.maxX + mx, b.maxY + my};
        QVERIFY2(r.readImage(crs("EPSG:4326"), b, 96, 96, &img, &error), qPrintable(error));
        QCOMPARE(img.rgba.size(), 96 * 96 * 4);
        QCOMPARE(int(uchar(img.rgba[(2 * 96 + 2) * 4 + 3])), 0);
        QCOMPARE(int(uchar(img.rgba[(48 * 96 + 48) * 4 + 3])), 255);
        // Coarse (average resampling) and grey sources work too.
        QVERIFY2(r.readImage(r.info().crs, r.info().bounds, 16, 16, &img, &error), qPrintable(error));
        const RasterDataset dsm = RasterDataset::open(sharedData(kDsm));
        QVERIFY2(dsm.readImage(dsm.info().crs, dsm.info().bounds, 32, 32, &img, &error), qPrintable(error));
        const int c = (16 * 32 + 16) * 4;
        QCOMPARE(img.rgba[c], img.rgba[c + 1]); // grey
        QCOMPARE(int(uchar(img.rgba[c + 3])), 255);
    }

    // --- overviews ------------------------------------------------------------------------------

    void overviewsNextToFile()
    {
        // dsm.tif copied without its internal overview (gdal_translate to a plain GeoTIFF).
        QTemporaryDir dir;
        const QString copy = dir.filePath(QStringLiteral("dsm.tif"));
        bool ok = false;
        run(QStringLiteral("gdal_translate"), {QStringLiteral("-q"), sharedData(kDsm), copy}, &ok);
        QVERIFY(ok);
        RasterDataset r = RasterDataset::open(copy);
        QVERIFY(r.isValid());
        QVERIFY(r.info().overviews.isEmpty());
        QString error;
        // Not larger than minSize: nothing is built.
        QVERIFY(r.ensureOverviews(dir.filePath(QStringLiteral("cache")), 300, {}, &error));
        QVERIFY(!QFileInfo::exists(copy + QStringLiteral(".ovr")));

        double last = -1.0;
        int calls = 0;
        QVERIFY2(r.ensureOverviews(dir.filePath(QStringLiteral("cache")), 128,
                                   [&](double p) {
                                       QVERIFY(p >= last);
                                       last = p;
                                       ++calls;
                                   },
                                   &error),
                 qPrintable(error));
        QVERIFY(calls > 0);
        QCOMPARE(last, 1.0);
        QVERIFY(QFileInfo::exists(copy + QStringLiteral(".ovr")));
        QVERIFY(!QFileInfo::exists(dir.filePath(QStringLiteral("cache"))));
        r = RasterDataset::open(copy);
        QCOMPARE(r.info().overviews, QList<QSize>{QSize(142, 130)}); // 283×259 / 2, last level < 256
        // Coarse read (uses the overview) matches a native read averaged loosely.
        HeightGrid coarse;
        QVERIFY2(r.readHeights(r.info().crs, r.info().bounds, 71, 65, &coarse, &error), qPrintable(error));
        for (float h : coarse.heights)
            QVERIFY(h > 6.0f && h < 40.0f);
        // Second call: already there.
        QVERIFY(r.ensureOverviews(QString(), 128, {}, &error));
    }

    void overviewsReadOnlyFolder()
    {
        QTemporaryDir dir;
        const QString ro = dir.filePath(QStringLiteral("readonly"));
        QVERIFY(QDir().mkpath(ro));
        const QString copy = ro + QStringLiteral("/orthophoto.tif"); // RGBA, no overviews
        QVERIFY(QFile::copy(sharedData(kOrtho), copy));
        QVERIFY(QFile::setPermissions(ro, QFile::ReadOwner | QFile::ExeOwner | QFile::ReadGroup | QFile::ExeGroup
                                              | QFile::ReadOther | QFile::ExeOther));
        const auto restore = qScopeGuard([&] {
            QFile::setPermissions(ro, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        });
        const QString cache = dir.filePath(QStringLiteral("cache"));
        const RasterDataset r = RasterDataset::open(copy);
        QString error;
        QVERIFY(!r.ensureOverviews(QString(), 128, {}, &error));
        QVERIFY2(error.contains(QStringLiteral("no cache folder")), qPrintable(error));

        QVERIFY(r.info().overviews.isEmpty());
        RasterImage before;
        QVERIFY(r.readImage(r.info().crs, r.info().bounds, 212, 212, &before, &error));
        QVERIFY2(r.ensureOverviews(cache, 128, {}, &error), qPrintable(error));
        QVERIFY(!QFileInfo::exists(copy + QStringLiteral(".ovr")));
        const QStringList cached = QDir(cache).entryList(QDir::Files);
        QCOMPARE(cached.size(), 2);
        QVERIFY(cached.filter(QStringLiteral("_orthophoto.tif.vrt.ovr")).size() == 1);

        // A new handle sees the overviews; reads go through the cached VRT and are unchanged.
        const RasterDataset again = RasterDataset::open(copy);
        QCOMPARE(again.info().driver, QStringLiteral("GTiff"));
        QCOMPARE(again.info().overviews, QList<QSize>{QSize(106, 106)});
        RasterImage after;
        QVERIFY2(again.readImage(again.info().crs, again.info().bounds, 212, 212, &after, &error), qPrintable(error));
        QVERIFY(before.rgba == after.rgba);
        // The old handle reads through the cache too (a coarse read that can use the overview).
        QVERIFY2(r.readImage(r.info().crs, r.info().bounds, 53, 53, &after, &error), qPrintable(error));
        QCOMPARE(int(uchar(after.rgba[(26 * 53 + 26) * 4 + 3])), 255);
        // Calling again reuses the cache.
        QVERIFY2(r.ensureOverviews(cache, 128, {}, &error), qPrintable(error));
    }

    // --- threads --------------------------------------------------------------------------------

    void concurrentReads()
    {
        const RasterDataset dsm = RasterDataset::open(sharedData(kDsm));
        const RasterDataset ortho = RasterDataset::open(sharedData(kOrtho));
        struct Job
        {
            int kind; // 0 heights 26918, 1 heights 4326, 2 image
            int size;
        };
        QList<Job> jobs;
        for (int i = 0; i < 48; ++i)
            jobs << Job{i % 3, 32 + (i % 4) * 16};
        auto runJob = [&](const Job &j) -> QByteArray {
            QString error;
            if (j.kind == 2) {
                RasterImage img;
                if (!ortho.readImage(ortho.info().crs, ortho.info().bounds, j.size, j.size, &img, &error))
                    return error.toUtf8();
                return img.rgba;
            }
            HeightGrid g;
            const bool ok = j.kind == 0
                ? dsm.readHeights(dsm.info().crs, dsm.info().bounds, j.size, j.size, &g, &error)
                : dsm.readHeights(Crs::fromString(QStringLiteral("EPSG:4326")), dsm.info().boundsWgs84, j.size,
                                  j.size, &g, &error);
            if (!ok)
                return error.toUtf8();
            return QByteArray(reinterpret_cast<const char *>(g.heights.data()), qsizetype(g.heights.size() * 4));
        };
        QList<QByteArray> serial;
        for (const Job &j : jobs)
            serial << runJob(j);
        QThreadPool pool;
        pool.setMaxThreadCount(6);
        const QList<QByteArray> parallel = QtConcurrent::blockingMapped(&pool, jobs, runJob);
        QCOMPARE(parallel.size(), serial.size());
        for (int i = 0; i < jobs.size(); ++i) {
            QVERIFY(serial[i].size() > 100);
            QVERIFY2(parallel[i] == serial[i], qPrintable(QString::number(i)));
        }
    }
};

QTEST_GUILESS_MAIN(TestRasterDataset)
#include "tst_rasterdataset.moc"
