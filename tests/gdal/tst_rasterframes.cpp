// Real-world rasters in a metric scene frame: terrain or imagery decided from the data, a
// geographic first dataset gets a UTM frame, and every raster lands where GDAL puts it.
//
// Fixtures are made here with gdal_translate / gdalwarp from the shared rasters (Alexandria
// Float32 lidar DTM in EPSG:26918, WebODM RGBA orthophoto in EPSG:32615): a DEM in lon/lat
// (EPSG:4326, as SRTM is delivered), an Int16 DEM, a one-band Byte and a one-band UInt16 grey
// image, a 4-band RGBN image without colour interpretation, the RGBA orthophoto, the
// orthophoto in NAD27 / Minnesota Central (US survey feet) and in lon/lat. Into each the test
// writes a marker with the GDAL API (a bright square in a dark ring; on DEMs a 100 m block),
// opens it as the first dataset of a scene (LocalFrame::forExtent, as the app does: lon/lat
// and feet get a UTM frame), reads
// it through Liyuan's pipeline into that frame and finds the marker's centroid. Reference:
// `gdaltransform -t_srs <scene CRS> FILE` of the marker's centre pixel. Expected: < 0.5 m.
#include "TestRequire.h"
#include <liyuan/gdal/TerrainTileReader.h>
#include <liyuan/geodata/CoordinateTransform.h>
#include <liyuan/geodata/LocalFrame.h>
#include <liyuan/geodata/RasterDataset.h>
#include <liyuan/geodata/VectorDataset.h>

#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include <gdal.h>

#include <algorithm>
#include <cmath>

using namespace liyuan;

namespace {

const QString kDtm = QStringLiteral(LIYUAN_SHARED_DATA "/gis/alexandria_va/dtm.tif");
const QString kOrtho = QStringLiteral(LIYUAN_SHARED_DATA "/gis/webodm/orthophoto.tif");

bool haveTool(const char *name)
{
    return !QStandardPaths::findExecutable(QString::fromLatin1(name)).isEmpty();
}

QString run(const QString &program, const QStringList &args, const QByteArray &input, bool *ok)
{
    QProcess p;
    p.start(program, args);
    p.write(input);
    p.closeWriteChannel();
    *ok = p.waitForFinished(120000) && p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
    if (!*ok)
        qWarning() << program << args << p.readAllStandardError();
    return QString::fromUtf8(p.readAllStandardOutput());
}

struct Marker
{
    int c0 = 0, r0 = 0, size = 0, ring = 0;
    double cx() const { return c0 + size / 2.0; }
    double cy() const { return r0 + size / 2.0; }
};

/** Writes the marker into the file (GDAL API): images a bright square in a dark ring, DEMs +100 m. */
bool burnMarker(const QString &file, bool dem, Marker *m, QString *error)
{
    GDALDatasetH ds = GDALOpen(file.toUtf8().constData(), GA_Update);
    if (!ds) {
        *error = file + QStringLiteral(": cannot open for update");
        return false;
    }
    const int w = GDALGetRasterXSize(ds), h = GDALGetRasterYSize(ds), bands = GDALGetRasterCount(ds);
    m->size = dem ? 4 : 8;
    m->ring = dem ? 0 : 4;
    m->c0 = w / 2 - m->size / 2;
    m->r0 = h / 2 - m->size / 2;
    bool ok = true;
    if (dem) {
        std::vector<float> v(size_t(m->size) * m->size);
        GDALRasterBandH b = GDALGetRasterBand(ds, 1);
        ok = GDALRasterIO(b, GF_Read, m->c0, m->r0, m->size, m->size, v.data(), m->size, m->size, GDT_Float32, 0, 0) == CE_None;
        for (float &x : v)
            x += 100.f;
        ok = ok && GDALRasterIO(b, GF_Write, m->c0, m->r0, m->size, m->size, v.data(), m->size, m->size, GDT_Float32, 0, 0) == CE_None;
    } else {
        const int outer = m->size + 2 * m->ring;
        for (int bi = 1; bi <= bands && ok; ++bi) {
            GDALRasterBandH b = GDALGetRasterBand(ds, bi);
            const bool alpha = GDALGetRasterColorInterpretation(b) == GCI_AlphaBand;
            const double top = GDALGetRasterDataType(b) == GDT_UInt16 ? 65535.0 : 255.0;
            std::vector<double> v(size_t(outer) * outer, alpha ? top : 0.0);
            for (int y = 0; y < outer && !alpha; ++y)
                for (int x = 0; x < outer; ++x)
                    if (x >= m->ring && x < m->ring + m->size && y >= m->ring && y < m->ring + m->size)
                        v[size_t(y) * outer + x] = top;
            ok = GDALRasterIO(b, GF_Write, m->c0 - m->ring, m->r0 - m->ring, outer, outer, v.data(), outer, outer,
                              GDT_Float64, 0, 0) == CE_None;
        }
    }
    GDALClose(ds);
    if (!ok)
        *error = file + QStringLiteral(": cannot write the marker");
    return ok;
}

QString crsArg(const Crs &crs)
{
    return crs.authorityCode().isEmpty() ? crs.projDefinition() : crs.authorityCode();
}

/** gdaltransform of pixel/line (col,row) of file into the target CRS. */
bool gdalTransformPixel(const QString &file, const Crs &target, double col, double row, double *x, double *y)
{
    bool ok = false;
    const QString out = run(QStringLiteral("gdaltransform"), {QStringLiteral("-t_srs"), crsArg(target), file},
                            QStringLiteral("%1 %2\n").arg(col, 0, 'f', 6).arg(row, 0, 'f', 6).toUtf8(), &ok);
    const QStringList parts = out.simplified().split(QLatin1Char(' '));
    if (!ok || parts.size() < 2)
        return false;
    *x = parts[0].toDouble(&ok);
    bool ok2 = false;
    *y = parts[1].toDouble(&ok2);
    return ok && ok2;
}

/** The layer's extent in the scene frame as LayerManager computes it (edges sampled). */
Box2d localExtent(const RasterInfo &info, const LocalFrame &frame)
{
    CoordinateTransform ct(info.crs, frame.crs());
    double minX = 1e300, minY = 1e300, maxX = -1e300, maxY = -1e300;
    const Box2d &b = info.bounds;
    for (int i = 0; i <= 16; ++i) {
        const double t = i / 16.0;
        for (const Vec3d &p : {Vec3d(b.minX + t * b.width(), b.minY, 0), Vec3d(b.minX + t * b.width(), b.maxY, 0),
                               Vec3d(b.minX, b.minY + t * b.height(), 0), Vec3d(b.maxX, b.minY + t * b.height(), 0)}) {
            bool ok = false;
            const Vec3d q = frame.fromCrs(ct.apply(p, &ok));
            if (!ok)
                continue;
            minX = std::min(minX, q.x);
            minY = std::min(minY, q.y);
            maxX = std::max(maxX, q.x);
            maxY = std::max(maxY, q.y);
        }
    }
    return Box2d{minX, minY, maxX, maxY};
}

} // namespace

class TestRasterFrames : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_tmp;
    QHash<QString, Marker> m_markers;
    QString fixture(const QString &name) const { return m_tmp.filePath(name); }

private slots:
    void initTestCase()
    {
        registerGdalDrivers();
        QVERIFY(m_tmp.isValid());
        if (!QFileInfo::exists(kDtm) || !QFileInfo::exists(kOrtho))
            LIYUAN_SKIP("shared sample data not found (LIYUAN_SHARED_DATA=" LIYUAN_SHARED_DATA ")");
        for (const char *tool : {"gdal_translate", "gdalwarp", "gdaltransform"})
            QVERIFY2(haveTool(tool), tool); // gdal-bin is installed by .ci/install-deps.sh
        struct Make
        {
            const char *name;
            QString program;
            QStringList args;
            bool dem;
        };
        const QString q = QStringLiteral("-q");
        const QList<Make> makes = {
            {"geo_dem.tif", "gdalwarp", {q, "-t_srs", "EPSG:4326", "-r", "bilinear", kDtm}, true},
            {"int16_dem.tif", "gdal_translate", {q, "-ot", "Int16", kDtm}, true},
            {"byte.tif", "gdal_translate", {q, "-b", "1", "-ot", "Byte", "-colorinterp", "gray", kOrtho}, false},
            {"uint16.tif", "gdal_translate", {q, "-b", "1", "-ot", "UInt16", "-scale", "0", "255", "0", "65535",
                                              "-colorinterp", "gray", kOrtho}, false},
            {"rgbn.tif", "gdal_translate", {q, "-b", "1", "-b", "2", "-b", "3", "-b", "1", "-colorinterp",
                                            "undefined,undefined,undefined,undefined", kOrtho}, false},
            {"rgba.tif", "gdal_translate", {q, kOrtho}, false},
            {"nad27_ft.tif", "gdalwarp", {q, "-t_srs", "EPSG:26792", "-r", "bilinear", kOrtho}, false},
            {"geo_image.tif", "gdalwarp", {q, "-t_srs", "EPSG:4326", "-r", "bilinear", kOrtho}, false},
        };
        for (const Make &m : makes) {
            bool ok = false;
            run(m.program, m.args + QStringList{fixture(QString::fromLatin1(m.name))}, {}, &ok);
            QVERIFY2(ok, m.name);
            Marker marker;
            QString error;
            QVERIFY2(burnMarker(fixture(QString::fromLatin1(m.name)), m.dem, &marker, &error), qPrintable(error));
            m_markers.insert(QString::fromLatin1(m.name), marker);
        }
    }

    void placedInAMetricFrame_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("role");
        QTest::addColumn<QString>("frameCrs"); // authority code of the scene frame it sets as first dataset
        QTest::newRow("DEM in EPSG:4326") << "geo_dem.tif" << "terrain" << "EPSG:32618";
        QTest::newRow("Int16 DEM") << "int16_dem.tif" << "terrain" << "EPSG:26918";
        QTest::newRow("1-band Byte image") << "byte.tif" << "imagery" << "EPSG:32615";
        QTest::newRow("1-band UInt16 image") << "uint16.tif" << "imagery" << "EPSG:32615";
        QTest::newRow("RGBN, no colour interpretation") << "rgbn.tif" << "imagery" << "EPSG:32615";
        QTest::newRow("RGBA orthophoto") << "rgba.tif" << "imagery" << "EPSG:32615";
        QTest::newRow("NAD27 State Plane, US feet") << "nad27_ft.tif" << "imagery" << "EPSG:32615";
        QTest::newRow("image in EPSG:4326") << "geo_image.tif" << "imagery" << "EPSG:32615";
    }

    void placedInAMetricFrame()
    {
        QFETCH(QString, file);
        QFETCH(QString, role);
        QFETCH(QString, frameCrs);
        const QString path = fixture(file);
        QString error;
        const RasterDataset r = RasterDataset::open(path, &error);
        QVERIFY2(r.isValid(), qPrintable(error));
        const RasterInfo &info = r.info();
        QString reason;
        QCOMPARE(RasterDataset::roleName(RasterDataset::classify(info, &reason)), role);
        qInfo("%s: %s (%s)", qPrintable(file), qPrintable(role), qPrintable(reason));

        const LocalFrame frame = LocalFrame::forExtent(info.crs, info.bounds.minX, info.bounds.minY, info.bounds.maxX,
                                                       info.bounds.maxY, &error);
        QVERIFY2(frame.isGeoreferenced(), qPrintable(error));
        QCOMPARE(frame.crs().authorityCode(), frameCrs);
        QVERIFY(!frame.crs().isGeographic());
        QVERIFY(LocalFrame::isMetric(frame.crs()));

        // the extent is metres of the real size, not degrees (the orthophoto is 106 m, the DTM 566 m wide)
        const Box2d ext = localExtent(info, frame);
        const double expectedWidth = role == QLatin1String("terrain") ? 566.0 : 106.0;
        QVERIFY2(std::abs(ext.width() - expectedWidth) < 0.05 * expectedWidth,
                 qPrintable(QStringLiteral("extent %1 x %2 m").arg(ext.width()).arg(ext.height())));

        // the marker: gdaltransform of its centre pixel vs its centroid read through the pipeline
        const Marker m = m_markers.value(file);
        double ex = 0, ey = 0, ex1 = 0, ey1 = 0;
        QVERIFY(gdalTransformPixel(path, frame.crs(), m.cx(), m.cy(), &ex, &ey));
        QVERIFY(gdalTransformPixel(path, frame.crs(), m.cx() + 1, m.cy(), &ex1, &ey1));
        const double pixel = std::hypot(ex1 - ex, ey1 - ey); // metres
        const double half = (m.size / 2.0 + (m.ring > 0 ? 0.75 * m.ring : 1.5)) * pixel;
        const int n = 160;
        const Box2d box{ex - half, ey - half, ex + half, ey + half};
        double sx = 0, sy = 0, count = 0;
        if (role == QLatin1String("terrain")) {
            HeightGrid g;
            QVERIFY2(r.readHeights(frame.crs(), box, n, n, &g, &error), qPrintable(error));
            std::vector<float> sorted;
            for (float h : g.heights)
                if (!std::isnan(h))
                    sorted.push_back(h);
            QVERIFY(!sorted.empty());
            std::sort(sorted.begin(), sorted.end());
            const float ground = sorted[sorted.size() / 10];
            for (int y = 0; y < n; ++y)
                for (int x = 0; x < n; ++x)
                    if (g.at(x, y) > ground + 50.f) {
                        sx += box.minX + (x + 0.5) * box.width() / n;
                        sy += box.maxY - (y + 0.5) * box.height() / n;
                        ++count;
                    }
        } else {
            RasterImage img;
            QVERIFY2(r.readImage(frame.crs(), box, n, n, &img, &error), qPrintable(error));
            const auto *px = reinterpret_cast<const uchar *>(img.rgba.constData());
            for (int y = 0; y < n; ++y)
                for (int x = 0; x < n; ++x) {
                    const uchar *p = px + (size_t(y) * n + x) * 4;
                    if (p[3] > 0 && p[0] > 127) {
                        sx += box.minX + (x + 0.5) * box.width() / n;
                        sy += box.maxY - (y + 0.5) * box.height() / n;
                        ++count;
                    }
                }
        }
        QVERIFY2(count > 10, "the marker is found where gdaltransform puts it");
        const double dx = sx / count - ex, dy = sy / count - ey;
        qInfo("%s: marker off by (%.3f, %.3f) m in %s", qPrintable(file), dx, dy, qPrintable(frameCrs));
        QVERIFY2(std::hypot(dx, dy) < 0.5, qPrintable(QStringLiteral("off by %1 m").arg(std::hypot(dx, dy))));
    }

    /** Imagery on no terrain: a flat plane cut to the image, no skirts hanging from it. */
    void imageryPlaneHasNoSkirts_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<double>("minCover"); // covered fraction of the extent's box
        QTest::newRow("1-band Byte (axis-aligned)") << "byte.tif" << 0.97;
        QTest::newRow("lon/lat image (turned in UTM)") << "geo_image.tif" << 0.3;
        QTest::newRow("NAD27 feet image") << "nad27_ft.tif" << 0.3;
    }

    void imageryPlaneHasNoSkirts()
    {
        QFETCH(QString, file);
        QFETCH(double, minCover);
        QString error;
        const RasterDataset r = RasterDataset::open(fixture(file), &error);
        QVERIFY2(r.isValid(), qPrintable(error));
        const RasterInfo &info = r.info();
        const LocalFrame frame = LocalFrame::forExtent(info.crs, info.bounds.minX, info.bounds.minY, info.bounds.maxX,
                                                       info.bounds.maxY, &error);
        QVERIFY2(frame.isGeoreferenced(), qPrintable(error));
        gdal::TerrainSource src;
        src.id = QStringLiteral("plane-") + QFileInfo(file).baseName();
        src.drape = r;
        src.frame = frame;
        src.extent = localExtent(info, frame);
        src.planeHeight = 7.0;
        src.gridSize = 3;
        src.maxLevel = 1;
        auto reader = gdal::TerrainTileReader::instance();
        reader->addSource(src);
        double area = 0;
        int meshes = 0;
        for (int y = 0; y < 2; ++y)
            for (int x = 0; x < 2; ++x) {
                const TileReadResult t = reader->read(gdal::TerrainTileReader::tileName(src.id, 1, x, y));
                QVERIFY2(t.ok, qPrintable(t.error));
                for (const MeshData &mesh : t.content.meshes) {
                    ++meshes;
                    for (size_t i = 0; i < mesh.positions.size(); i += 3) {
                        const double vx = mesh.positions[i] + t.content.origin.x;
                        const double vy = mesh.positions[i + 1] + t.content.origin.y;
                        const double vz = mesh.positions[i + 2] + t.content.origin.z;
                        QVERIFY2(std::abs(vz - 7.0) < 1e-4, "every vertex lies on the plane: no skirts");
                        QVERIFY(vx >= src.extent.minX - 1e-3 && vx <= src.extent.maxX + 1e-3);
                        QVERIFY(vy >= src.extent.minY - 1e-3 && vy <= src.extent.maxY + 1e-3);
                    }
                    for (size_t i = 0; i < mesh.indices.size(); i += 3) {
                        const float *a = &mesh.positions[mesh.indices[i] * 3], *b = &mesh.positions[mesh.indices[i + 1] * 3],
                                    *c = &mesh.positions[mesh.indices[i + 2] * 3];
                        const double cross = (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]);
                        QVERIFY2(cross > 0, "counter-clockwise seen from above");
                        area += cross / 2;
                    }
                }
            }
        reader->removeSource(src.id);
        QVERIFY(meshes > 0);
        const double boxArea = src.extent.width() * src.extent.height();
        qInfo("%s: plane covers %.1f%% of its box", qPrintable(file), 100 * area / boxArea);
        QVERIFY(area <= boxArea * 1.0001);
        QVERIFY(area >= minCover * boxArea);
    }

    /** Metric frames for lon/lat data anywhere: UTM zones by longitude and hemisphere, TM near the poles. */
    void metricFrame_data()
    {
        QTest::addColumn<double>("lon");
        QTest::addColumn<double>("lat");
        QTest::addColumn<QString>("authority");
        QTest::newRow("Alexandria") << -77.05 << 38.81 << "EPSG:32618";
        QTest::newRow("Qingdao") << 120.38 << 36.07 << "EPSG:32651";
        QTest::newRow("Sydney (south)") << 151.2 << -33.9 << "EPSG:32756";
        QTest::newRow("antimeridian west") << -180.0 << 10.0 << "EPSG:32601";
        QTest::newRow("antimeridian east") << 179.99 << 10.0 << "EPSG:32660";
        QTest::newRow("Svalbard, beyond 84N") << 15.0 << 85.0 << "";
        QTest::newRow("Antarctica") << 0.0 << -85.0 << "";
    }

    void metricFrame()
    {
        QFETCH(double, lon);
        QFETCH(double, lat);
        QFETCH(QString, authority);
        const double d = 0.002;
        QString error;
        const LocalFrame f = LocalFrame::forExtent(Crs::fromString(QStringLiteral("EPSG:4326")), lon - d, lat - d,
                                                   std::min(180.0, lon + d), lat + d, &error);
        QVERIFY2(f.isGeoreferenced(), qPrintable(error));
        QCOMPARE(f.crs().kind(), Crs::Kind::Projected);
        if (!authority.isEmpty())
            QCOMPARE(f.crs().authorityCode(), authority);
        else
            QVERIFY2(f.crs().projDefinition().contains("tmerc"), qPrintable(f.crs().projDefinition()));
        // the origin is the centre of the data: local (0,0) goes back to it
        bool ok = false;
        const Vec3d ll = f.toLonLatHeight(Vec3d(0, 0, 0), &ok);
        QVERIFY(ok);
        QVERIFY2(std::abs(ll.x - 0.5 * (lon - d + std::min(180.0, lon + d))) < 1e-7 && std::abs(ll.y - lat) < 1e-7,
                 qPrintable(QStringLiteral("%1 %2").arg(ll.x, 0, 'f', 9).arg(ll.y, 0, 'f', 9)));
        // metres: 0.004° of latitude is ~445 m
        const Vec3d north = f.fromLonLatHeight(Vec3d(lon, lat + d, 0), &ok);
        QVERIFY(ok);
        QVERIFY2(std::abs(north.y - 222.4) < 1.5, qPrintable(QString::number(north.y)));
    }

    void badFrames_data()
    {
        QTest::addColumn<QString>("crs");
        QTest::addColumn<double>("minX");
        QTest::addColumn<double>("minY");
        QTest::addColumn<QString>("errorHas");
        QTest::newRow("no CRS") << "" << 0.0 << 0.0 << "no CRS";
        QTest::newRow("NaN bounds") << "EPSG:4326" << std::nan("") << 0.0 << "finite";
        QTest::newRow("latitude 300") << "EPSG:4326" << 10.0 << 300.0 << "";
    }

    void badFrames()
    {
        QFETCH(QString, crs);
        QFETCH(double, minX);
        QFETCH(double, minY);
        QFETCH(QString, errorHas);
        QString error;
        const LocalFrame f = LocalFrame::forExtent(Crs::fromString(crs), minX, minY, minX + 1, minY + 1, &error);
        QVERIFY(!f.isGeoreferenced());
        QVERIFY2(!error.isEmpty() && error.contains(errorHas), qPrintable(error));
    }
};

QTEST_GUILESS_MAIN(TestRasterFrames)
#include "tst_rasterframes.moc"
