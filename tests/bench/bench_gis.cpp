// GIS benchmark: time and memory of the vector and terrain layers on large inputs.
//
//   bench_gis [CACHE_DIR]     (default $TMPDIR/liyuan-bench-gis; inputs are generated once and reused)
//
// Inputs (generated, timed separately):
//  - buildings.gpkg: 100,000 footprints (rectangles and L-shapes, `height` 6..60 m) on a grid
//    in EPSG:4549 around 36.06N 120.32E, written as GeoJSONSeq and converted by ogr2ogr;
//  - dem.tif: 10,000 × 10,000 Float32 GeoTIFF (2 m pixels, 20 km square, tiled, DEFLATE) with
//    value-noise hills, overviews built by GDAL (GDALBuildOverviews, average).
// Measured:
//  - VectorTileReader::load of the 100k GeoPackage: time, peak RSS delta;
//  - read() of every chunk (2 threads, QtConcurrent): time, triangles, mesh bytes, peak RSS;
//  - RasterDataset::open of the DEM; TerrainTileReader::read() of the quadtree down to level 4
//    (341 tiles) and of a path from the root to the deepest level (2 threads): time, peak RSS —
//    the 400 MB DEM is never loaded whole.
// Peak RSS is VmHWM, reset before each phase via /proc/self/clear_refs. Markdown on stdout.
#include <liyuan/gdal/TerrainTileReader.h>
#include <liyuan/gdal/VectorTileReader.h>
#include <liyuan/geodata/VectorDataset.h>

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrent>

#include <gdal.h>
#include <cpl_conv.h>
#include <cpl_string.h>
#include <ogr_srs_api.h>

#include <atomic>
#include <numeric>
#include <cmath>
#include <cstdio>
#include <random>

using namespace liyuan;
using namespace liyuan::gdal;

namespace {

constexpr double kOriginX = 528630, kOriginY = 3992050; // EPSG:4549, Qingdao (36.06N 120.32E)
constexpr int kBuildings = 100000;
constexpr int kDem = 10000;
constexpr double kDemPixel = 2.0;

double procKb(const char *key)
{
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray &line : f.readAll().split('\n'))
        if (line.startsWith(key))
            return line.mid(int(qstrlen(key))).trimmed().split(' ').first().toDouble();
    return 0;
}
double rssMb() { return procKb("VmRSS:") / 1024.0; }
double peakMb() { return procKb("VmHWM:") / 1024.0; }
void resetPeak()
{
    QFile f(QStringLiteral("/proc/self/clear_refs"));
    if (f.open(QIODevice::WriteOnly))
        f.write("5");
}

struct Row
{
    QString what, time, rss, notes;
};
QList<Row> g_rows;
void row(const QString &what, double ms, const QString &rss, const QString &notes)
{
    g_rows.append({what, QString::number(ms / 1000.0, 'f', 2) + QStringLiteral(" s"), rss, notes});
    fprintf(stderr, "%s: %.2f s, %s, %s\n", qPrintable(what), ms / 1000.0, qPrintable(rss), qPrintable(notes));
}

bool generateBuildings(const QString &gpkg)
{
    const QString seq = gpkg + QStringLiteral(".geojsons");
    QFile f(seq);
    if (!f.open(QIODevice::WriteOnly))
        return false;
    std::mt19937 rng(42);
    std::uniform_real_distribution<double> u(0, 1);
    const int side = int(std::ceil(std::sqrt(double(kBuildings))));
    const double pitch = 25.0; // 100k lots of 25 m: 7.9 km square
    QByteArray buf;
    for (int k = 0; k < kBuildings; ++k) {
        const double cx = kOriginX - side * pitch / 2 + (k % side + 0.5) * pitch;
        const double cy = kOriginY - side * pitch / 2 + (k / side + 0.5) * pitch;
        const double w = 8 + 12 * u(rng), d = 8 + 12 * u(rng);
        const double x0 = cx - w / 2, y0 = cy - d / 2, x1 = cx + w / 2, y1 = cy + d / 2;
        auto pt = [](double x, double y) { return "[" + QByteArray::number(x, 'f', 2) + "," + QByteArray::number(y, 'f', 2) + "]"; };
        QByteArray ring;
        if (u(rng) < 0.3) { // L-shape: a corner cut out
            const double xm = x0 + w * (0.4 + 0.3 * u(rng)), ym = y0 + d * (0.4 + 0.3 * u(rng));
            ring = pt(x0, y0) + "," + pt(x1, y0) + "," + pt(x1, ym) + "," + pt(xm, ym) + "," + pt(xm, y1) + "," + pt(x0, y1) + "," + pt(x0, y0);
        } else {
            ring = pt(x0, y0) + "," + pt(x1, y0) + "," + pt(x1, y1) + "," + pt(x0, y1) + "," + pt(x0, y0);
        }
        const double h = 6 + 54 * std::pow(u(rng), 3.0);
        buf += R"({"type":"Feature","properties":{"id":)" + QByteArray::number(k) + R"(,"height":)" + QByteArray::number(h, 'f', 1)
               + R"(},"geometry":{"type":"Polygon","coordinates":[[)" + ring + "]]}}\n";
        if (buf.size() > (1 << 20)) {
            f.write(buf);
            buf.clear();
        }
    }
    f.write(buf);
    f.close();
    QProcess p;
    p.start(QStringLiteral("ogr2ogr"), {QStringLiteral("-f"), QStringLiteral("GPKG"), QStringLiteral("-a_srs"), QStringLiteral("EPSG:4549"),
                                        QStringLiteral("-nln"), QStringLiteral("buildings"), QStringLiteral("-gt"), QStringLiteral("65536"),
                                        gpkg + QStringLiteral(".tmp.gpkg"), seq});
    if (!p.waitForFinished(-1) || p.exitCode() != 0) {
        fprintf(stderr, "ogr2ogr failed: %s\n", p.readAllStandardError().constData());
        return false;
    }
    QFile::remove(seq);
    return QFile::rename(gpkg + QStringLiteral(".tmp.gpkg"), gpkg);
}

/** Cheap value noise: bilinear interpolation of a hashed lattice, smoothstep. */
float lattice(int x, int y, uint32_t seed)
{
    uint32_t h = uint32_t(x) * 374761393u + uint32_t(y) * 668265263u + seed * 2246822519u;
    h = (h ^ (h >> 13)) * 1274126177u;
    return float((h ^ (h >> 16)) & 0xffff) / 65535.f;
}
float noise(double x, double y, uint32_t seed)
{
    const int xi = int(std::floor(x)), yi = int(std::floor(y));
    const float fx = float(x - xi), fy = float(y - yi);
    const float sx = fx * fx * (3 - 2 * fx), sy = fy * fy * (3 - 2 * fy);
    const float a = lattice(xi, yi, seed), b = lattice(xi + 1, yi, seed), c = lattice(xi, yi + 1, seed), d = lattice(xi + 1, yi + 1, seed);
    return (a + (b - a) * sx) + ((c + (d - c) * sx) - (a + (b - a) * sx)) * sy;
}

bool generateDem(const QString &file)
{
    const QString tmp = file + QStringLiteral(".tmp.tif");
    GDALDriverH drv = GDALGetDriverByName("GTiff");
    char **opts = nullptr;
    opts = CSLSetNameValue(opts, "TILED", "YES");
    opts = CSLSetNameValue(opts, "COMPRESS", "DEFLATE");
    opts = CSLSetNameValue(opts, "ZLEVEL", "1");
    opts = CSLSetNameValue(opts, "PREDICTOR", "3");
    opts = CSLSetNameValue(opts, "NUM_THREADS", "2");
    opts = CSLSetNameValue(opts, "BIGTIFF", "IF_SAFER");
    GDALDatasetH ds = GDALCreate(drv, tmp.toUtf8().constData(), kDem, kDem, 1, GDT_Float32, opts);
    CSLDestroy(opts);
    if (!ds)
        return false;
    const double half = kDem * kDemPixel / 2;
    double gt[6] = {kOriginX - half, kDemPixel, 0, kOriginY + half, 0, -kDemPixel};
    GDALSetGeoTransform(ds, gt);
    OGRSpatialReferenceH srs = OSRNewSpatialReference(nullptr);
    OSRImportFromEPSG(srs, 4549);
    GDALSetSpatialRef(ds, srs);
    OSRDestroySpatialReference(srs);
    GDALRasterBandH band = GDALGetRasterBand(ds, 1);
    GDALSetRasterNoDataValue(band, -9999);
    const int rowsPerBlock = 256;
    std::vector<float> buf(size_t(kDem) * rowsPerBlock);
    for (int y0 = 0; y0 < kDem; y0 += rowsPerBlock) {
        const int rows = std::min(rowsPerBlock, kDem - y0);
        std::vector<int> rowIndex(static_cast<size_t>(rows));
        std::iota(rowIndex.begin(), rowIndex.end(), 0);
        QtConcurrent::blockingMap(QThreadPool::globalInstance(), rowIndex, [&](int r) {
            const double y = (y0 + r) * kDemPixel;
            for (int x = 0; x < kDem; ++x) {
                const double X = x * kDemPixel;
                float h = 0, amp = 120, freq = 1.0 / 3000;
                for (int o = 0; o < 6; ++o, amp *= 0.45f, freq *= 2.1)
                    h += amp * noise(X * freq, y * freq, uint32_t(o + 1));
                buf[size_t(r) * kDem + x] = h;
            }
        });
        if (GDALRasterIO(band, GF_Write, 0, y0, kDem, rows, buf.data(), kDem, rows, GDT_Float32, 0, 0) != CE_None)
            return false;
    }
    int levels[] = {2, 4, 8, 16, 32, 64};
    const bool ok = GDALBuildOverviews(ds, "AVERAGE", 6, levels, 0, nullptr, nullptr, nullptr) == CE_None;
    GDALClose(ds);
    return ok && QFile::rename(tmp, file);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    registerGdalDrivers();
    CPLSetConfigOption("GDAL_NUM_THREADS", "2");
    QThreadPool::globalInstance()->setMaxThreadCount(2);
    const QString dir = argc > 1 ? QString::fromLocal8Bit(argv[1]) : QDir::temp().filePath(QStringLiteral("liyuan-bench-gis"));
    QDir().mkpath(dir);
    const QString gpkg = QDir(dir).filePath(QStringLiteral("buildings.gpkg")), dem = QDir(dir).filePath(QStringLiteral("dem.tif"));
    QElapsedTimer t;

    if (!QFileInfo::exists(gpkg)) {
        t.start();
        if (!generateBuildings(gpkg))
            return 1;
        row(QStringLiteral("generate 100k footprints (GeoJSONSeq + ogr2ogr → GPKG)"), t.elapsed(), QStringLiteral("—"),
            QStringLiteral("%1 MB").arg(QFileInfo(gpkg).size() / 1048576.0, 0, 'f', 1));
    }
    if (!QFileInfo::exists(dem)) {
        t.start();
        if (!generateDem(dem))
            return 1;
        row(QStringLiteral("generate 10k × 10k Float32 DEM + overviews"), t.elapsed(), QStringLiteral("—"),
            QStringLiteral("%1 MB on disk (400 MB raw)").arg(QFileInfo(dem).size() / 1048576.0, 0, 'f', 1));
    }
    if (!g_rows.isEmpty()) {
        // generation grew the heap and GDAL's block cache: measure in a fresh process
        QProcess self;
        self.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        self.start(QCoreApplication::applicationFilePath(), {dir});
        self.waitForFinished(-1);
        const QByteArray out = self.readAllStandardOutput();
        const int table = out.indexOf("| Step |");
        printf("%s", out.left(out.indexOf('\n', table) + 1).constData());
        printf("|---|---|---|---|\n");
        for (const Row &r : g_rows)
            printf("| %s | %s | %s | %s |\n", qPrintable(r.what), qPrintable(r.time), qPrintable(r.rss), qPrintable(r.notes));
        printf("%s", out.mid(out.indexOf('\n', out.indexOf("|---", table)) + 1).constData());
        return self.exitCode();
    }
    const Crs crs = Crs::fromString(QStringLiteral("EPSG:4549"));
    const LocalFrame frame(crs, Vec3d(kOriginX, kOriginY, 0));
    const double base = rssMb();

    // vector: load
    auto reader = VectorTileReader::instance();
    VectorLayerSource src;
    src.id = QStringLiteral("bench");
    src.file = gpkg;
    src.frame = frame;
    resetPeak();
    double before = rssMb();
    t.start();
    QString error;
    auto data = reader->load(src, {}, &error);
    if (!data) {
        fprintf(stderr, "%s\n", qPrintable(error));
        return 1;
    }
    row(QStringLiteral("VectorTileReader::load, 100k footprints"), t.elapsed(),
        QStringLiteral("peak +%1 MB, after +%2 MB").arg(peakMb() - before, 0, 'f', 0).arg(rssMb() - before, 0, 'f', 0),
        QStringLiteral("%1 features, %2 chunks").arg(data->features.size()).arg(reader->rootFiles(src.id).size()));

    // vector: all chunk meshes, 2 threads
    const QStringList chunks = reader->rootFiles(src.id);
    std::atomic<qint64> tris{0}, bytes{0}, failed{0};
    resetPeak();
    before = rssMb();
    t.start();
    QtConcurrent::blockingMap(QThreadPool::globalInstance(), chunks, [&](const QString &name) {
        const TileReadResult r = reader->read(name);
        if (!r.ok) {
            ++failed;
            return;
        }
        tris += r.content.triangleCount();
        bytes += r.content.byteSize();
    });
    row(QStringLiteral("read() all %1 chunks (2 threads)").arg(chunks.size()), t.elapsed(),
        QStringLiteral("peak +%1 MB").arg(peakMb() - before, 0, 'f', 0),
        QStringLiteral("%1 M triangles, %2 MB meshes, %3 failed").arg(tris / 1e6, 0, 'f', 2).arg(bytes / 1048576.0, 0, 'f', 0)
            .arg(failed.load()));
    reader->removeLayer(src.id);
    data.reset();

    // terrain
    resetPeak();
    before = rssMb();
    t.start();
    TerrainSource ts;
    ts.id = QStringLiteral("benchdem");
    ts.dem = RasterDataset::open(dem, &error);
    if (!ts.dem->isValid()) {
        fprintf(stderr, "%s\n", qPrintable(error));
        return 1;
    }
    row(QStringLiteral("RasterDataset::open, 10k × 10k DEM"), t.elapsed(), QStringLiteral("+%1 MB").arg(rssMb() - before, 0, 'f', 0),
        QStringLiteral("%1 overviews").arg(ts.dem->info().overviews.size()));
    const Box2d b = ts.dem->info().bounds;
    ts.frame = frame;
    ts.extent = Box2d{b.minX - kOriginX, b.minY - kOriginY, b.maxX - kOriginX, b.maxY - kOriginY};
    ts.maxLevel = 9; // 20 km / 2^9 = 39 m tiles, 33 posts: ~1.2 m, finer than the DEM
    auto terrain = TerrainTileReader::instance();
    terrain->addSource(ts);
    auto readTiles = [&](const QStringList &names, const QString &what) {
        std::atomic<qint64> tt{0}, tb{0}, tf{0};
        resetPeak();
        const double b0 = rssMb();
        QElapsedTimer tm;
        tm.start();
        QtConcurrent::blockingMap(QThreadPool::globalInstance(), names, [&](const QString &name) {
            const TileReadResult r = terrain->read(name);
            if (!r.ok) {
                ++tf;
                fprintf(stderr, "%s\n", qPrintable(r.error));
                return;
            }
            tt += r.content.triangleCount();
            tb += r.content.byteSize();
        });
        row(what, tm.elapsed(), QStringLiteral("peak +%1 MB (peak RSS %2 MB)").arg(peakMb() - b0, 0, 'f', 0).arg(peakMb(), 0, 'f', 0),
            QStringLiteral("%1 tiles, %2 k triangles, %3 MB geometry+textures, %4 failed, %5 ms/tile")
                .arg(names.size()).arg(tt / 1000.0, 0, 'f', 0).arg(tb / 1048576.0, 0, 'f', 1).arg(tf.load())
                .arg(double(tm.elapsed()) / names.size(), 0, 'f', 1));
    };
    QStringList quad;
    for (int level = 0; level <= 4; ++level)
        for (int y = 0; y < (1 << level); ++y)
            for (int x = 0; x < (1 << level); ++x)
                quad << TerrainTileReader::tileName(ts.id, level, x, y);
    readTiles(quad, QStringLiteral("terrain quadtree levels 0-4 (2 threads)"));
    QStringList path;
    for (int level = 0; level <= ts.maxLevel; ++level)
        path << TerrainTileReader::tileName(ts.id, level, (1 << level) / 2, (1 << level) / 2);
    readTiles(path, QStringLiteral("terrain path root → level %1 (2 threads)").arg(ts.maxLevel));

    printf("## GIS benchmark (bench_gis)\n\n");
    printf("Inputs: %s (100,000 footprints, EPSG:4549), %s (10,000 × 10,000 Float32, 2 m, overviews). "
           "Base RSS %.0f MB, final RSS %.0f MB. Peaks are per step (VmHWM reset before each).\n\n",
           qPrintable(gpkg), qPrintable(dem), base, rssMb());
    printf("| Step | Time | Memory (RSS) | Notes |\n|---|---|---|---|\n");
    for (const Row &r : g_rows)
        printf("| %s | %s | %s | %s |\n", qPrintable(r.what), qPrintable(r.time), qPrintable(r.rss), qPrintable(r.notes));
    return 0;
}
