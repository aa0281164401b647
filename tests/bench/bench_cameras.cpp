// bench_cameras: the camera registry and who-sees-it at the scale of a district platform.
//   - registry load for 12,000 cameras: JSON and GeoPackage (median of 5 runs), and resolve;
//   - who-sees-it for 12,000 cameras WITH occlusion: a constructed city grid of ~2,000 box
//     buildings (ray casts through a uniform-grid accelerator, plus the ground plane), 2,000
//     query points in the streets: p50/p95/max per query, sightings and ray casts per query;
//   - screen clustering of 12,000 icons (p50/p95).
// Not a ctest test: run build/tests/bench/bench_cameras.
#include <liyuan/cameras/CameraIndex.h>
#include <liyuan/cameras/CameraRegistry.h>
#include <liyuan/cameras/ScreenClusters.h>
#include <liyuan/geodata/VectorDataset.h>

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QTemporaryDir>

#include <gdal.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdio>
#include <limits>
#include <vector>

using namespace liyuan;
using namespace liyuan::cameras;

namespace {

constexpr int kCameras = 12000;
constexpr double kPitch = 40.0;  // block pitch (m)
constexpr int kBlocks = 45;      // 45 x 45 = 2,025 buildings
constexpr double kStreet = 12.0; // street width between buildings

struct Box
{
    Vec3d mn, mx;
};

/** Box buildings on a grid of blocks, one per block, with a grid accelerator for ray casts. */
struct City
{
    std::vector<Box> boxes; // boxes[i] stands in block cell i
    std::atomic<long> casts{0};

    City()
    {
        QRandomGenerator rng(7);
        for (int j = 0; j < kBlocks; ++j)
            for (int i = 0; i < kBlocks; ++i) {
                const double h = 8 + rng.bounded(60.0);
                boxes.push_back(Box{Vec3d(i * kPitch + kStreet / 2, j * kPitch + kStreet / 2, 0),
                                    Vec3d((i + 1) * kPitch - kStreet / 2, (j + 1) * kPitch - kStreet / 2, h)});
            }
    }

    static bool rayBox(const Vec3d &o, const Vec3d &d, const Box &b, double *tHit)
    {
        double t0 = 0, t1 = std::numeric_limits<double>::infinity();
        const double oo[3] = {o.x, o.y, o.z}, dd[3] = {d.x, d.y, d.z}, lo[3] = {b.mn.x, b.mn.y, b.mn.z}, hi[3] = {b.mx.x, b.mx.y, b.mx.z};
        for (int k = 0; k < 3; ++k) {
            if (std::abs(dd[k]) < 1e-15) {
                if (oo[k] < lo[k] || oo[k] > hi[k])
                    return false;
                continue;
            }
            double a = (lo[k] - oo[k]) / dd[k], c = (hi[k] - oo[k]) / dd[k];
            if (a > c)
                std::swap(a, c);
            t0 = std::max(t0, a);
            t1 = std::min(t1, c);
            if (t0 > t1)
                return false;
        }
        *tHit = t0;
        return true;
    }

    /** Nearest hit with the buildings or the ground (z = 0): 2D DDA over the block grid. */
    bool pick(const Vec3d &o, const Vec3d &d, Vec3d *hit)
    {
        ++casts;
        double best = std::numeric_limits<double>::infinity();
        if (d.z < -1e-15 && o.z >= 0)
            best = -o.z / d.z;
        const double size = kBlocks * kPitch;
        // clip the ray to the grid's square
        double tEnter = 0, tExit = best;
        for (const auto &[oc, dc] : {std::pair<double, double>{o.x, d.x}, {o.y, d.y}}) {
            if (std::abs(dc) < 1e-15) {
                if (oc < 0 || oc >= size)
                    tExit = -1;
                continue;
            }
            double a = (0 - oc) / dc, b = (size - oc) / dc;
            if (a > b)
                std::swap(a, b);
            tEnter = std::max(tEnter, a);
            tExit = std::min(tExit, b);
        }
        if (tEnter <= tExit) {
            const Vec3d p = o + d * tEnter;
            int ix = std::clamp(int(p.x / kPitch), 0, kBlocks - 1), iy = std::clamp(int(p.y / kPitch), 0, kBlocks - 1);
            const int sx = d.x > 0 ? 1 : -1, sy = d.y > 0 ? 1 : -1;
            const double inf = std::numeric_limits<double>::infinity();
            double tMaxX = std::abs(d.x) < 1e-15 ? inf : (((ix + (sx > 0 ? 1 : 0)) * kPitch) - o.x) / d.x;
            double tMaxY = std::abs(d.y) < 1e-15 ? inf : (((iy + (sy > 0 ? 1 : 0)) * kPitch) - o.y) / d.y;
            const double tDeltaX = std::abs(d.x) < 1e-15 ? inf : kPitch / std::abs(d.x);
            const double tDeltaY = std::abs(d.y) < 1e-15 ? inf : kPitch / std::abs(d.y);
            while (ix >= 0 && ix < kBlocks && iy >= 0 && iy < kBlocks) {
                double t;
                if (rayBox(o, d, boxes[size_t(iy * kBlocks + ix)], &t) && t < best)
                    best = t;
                const double cellExit = std::min(tMaxX, tMaxY);
                if (best <= cellExit || cellExit > tExit)
                    break;
                if (tMaxX < tMaxY) {
                    tMaxX += tDeltaX;
                    ix += sx;
                } else {
                    tMaxY += tDeltaY;
                    iy += sy;
                }
            }
        }
        if (!std::isfinite(best))
            return false;
        *hit = o + d * best;
        return true;
    }
};

/** A street point: on the grid lines between the buildings. */
Vec3d streetPoint(QRandomGenerator &rng, double z)
{
    const double along = rng.bounded(kBlocks * kPitch);
    const double across = (1 + rng.bounded(kBlocks - 1)) * kPitch + (rng.bounded(kStreet) - kStreet / 2) * 0.8;
    return rng.bounded(2) ? Vec3d(along, across, z) : Vec3d(across, along, z);
}

QByteArray registryJson(const std::vector<Vec3d> &pos, const std::vector<double> &headings)
{
    QJsonArray cams;
    for (size_t i = 0; i < pos.size(); ++i) {
        QJsonObject c{{QStringLiteral("id"), QStringLiteral("cam-%1").arg(i, 5, 10, QLatin1Char('0'))},
                      {QStringLiteral("name"), QStringLiteral("Camera %1").arg(i)},
                      {QStringLiteral("department"), QStringLiteral("dept-%1").arg(i % 12)},
                      {QStringLiteral("tags"), QJsonArray{QStringLiteral("street")}},
                      {QStringLiteral("position"), QJsonArray{500000 + pos[i].x, 3300000 + pos[i].y, pos[i].z}},
                      {QStringLiteral("heading"), headings[i]},
                      {QStringLiteral("pitch"), -12},
                      {QStringLiteral("hfov"), 60},
                      {QStringLiteral("far"), 150},
                      {QStringLiteral("streams"), QJsonObject{{QStringLiteral("main"), QStringLiteral("rtsp://10.2.%1.%2/main").arg(i / 250).arg(i % 250)},
                                                             {QStringLiteral("sub"), QStringLiteral("rtsp://10.2.%1.%2/sub").arg(i / 250).arg(i % 250)}}},
                      {QStringLiteral("credentials"), QStringLiteral("dept-%1").arg(i % 12)}};
        if (i % 10 == 0)
            c[QStringLiteral("ptz")] = QJsonObject{{QStringLiteral("pan"), QJsonArray{-170, 170}}, {QStringLiteral("tilt"), QJsonArray{-60, 10}},
                                                   {QStringLiteral("hfov"), QJsonArray{4, 60}}};
        cams.append(c);
    }
    return QJsonDocument(QJsonObject{{QStringLiteral("type"), QStringLiteral("LiyuanCameraRegistry")},
                                     {QStringLiteral("version"), 1},
                                     {QStringLiteral("crs"), QStringLiteral("EPSG:4549")},
                                     {QStringLiteral("cameras"), cams}})
            .toJson(QJsonDocument::Compact);
}

bool writeGpkg(const QString &path, const std::vector<Vec3d> &pos, const std::vector<double> &headings)
{
    registerGdalDrivers();
    GDALDatasetH ds = GDALCreate(GDALGetDriverByName("GPKG"), path.toUtf8().constData(), 0, 0, 0, GDT_Unknown, nullptr);
    if (!ds)
        return false;
    OGRSpatialReferenceH srs = OSRNewSpatialReference(nullptr);
    OSRImportFromEPSG(srs, 4549);
    OSRSetAxisMappingStrategy(srs, OAMS_TRADITIONAL_GIS_ORDER);
    OGRLayerH layer = GDALDatasetCreateLayer(ds, "cameras", srs, wkbPoint, nullptr);
    OSRDestroySpatialReference(srs);
    for (const auto &[name, type] : {std::pair<const char *, OGRFieldType>{"id", OFTString}, {"name", OFTString}, {"department", OFTString},
                                     {"z", OFTReal}, {"heading", OFTReal}, {"pitch", OFTReal}, {"hfov", OFTReal}, {"far", OFTReal},
                                     {"main_url", OFTString}, {"sub_url", OFTString}, {"credentials", OFTString}}) {
        OGRFieldDefnH fd = OGR_Fld_Create(name, type);
        OGR_L_CreateField(layer, fd, TRUE);
        OGR_Fld_Destroy(fd);
    }
    OGR_L_StartTransaction(layer);
    for (size_t i = 0; i < pos.size(); ++i) {
        OGRFeatureH f = OGR_F_Create(OGR_L_GetLayerDefn(layer));
        OGR_F_SetFieldString(f, 0, QStringLiteral("cam-%1").arg(i).toUtf8().constData());
        OGR_F_SetFieldString(f, 1, QStringLiteral("Camera %1").arg(i).toUtf8().constData());
        OGR_F_SetFieldString(f, 2, QStringLiteral("dept-%1").arg(i % 12).toUtf8().constData());
        OGR_F_SetFieldDouble(f, 3, pos[i].z);
        OGR_F_SetFieldDouble(f, 4, headings[i]);
        OGR_F_SetFieldDouble(f, 5, -12);
        OGR_F_SetFieldDouble(f, 6, 60);
        OGR_F_SetFieldDouble(f, 7, 150);
        OGR_F_SetFieldString(f, 8, QStringLiteral("rtsp://10.2.%1.%2/main").arg(i / 250).arg(i % 250).toUtf8().constData());
        OGR_F_SetFieldString(f, 9, QStringLiteral("rtsp://10.2.%1.%2/sub").arg(i / 250).arg(i % 250).toUtf8().constData());
        OGR_F_SetFieldString(f, 10, QStringLiteral("dept-%1").arg(i % 12).toUtf8().constData());
        OGRGeometryH g = OGR_G_CreateGeometry(wkbPoint);
        OGR_G_SetPoint_2D(g, 0, 500000 + pos[i].x, 3300000 + pos[i].y);
        OGR_F_SetGeometryDirectly(f, g);
        OGR_L_CreateFeature(layer, f);
        OGR_F_Destroy(f);
    }
    OGR_L_CommitTransaction(layer);
    GDALClose(ds);
    return true;
}

double percentile(std::vector<double> v, double p)
{
    if (v.empty())
        return 0;
    std::sort(v.begin(), v.end());
    return v[std::min(v.size() - 1, size_t(p * double(v.size() - 1) + 0.5))];
}

template<typename F>
double medianMs(int runs, F f)
{
    std::vector<double> t;
    for (int i = 0; i < runs; ++i) {
        QElapsedTimer timer;
        timer.start();
        f();
        t.push_back(timer.nsecsElapsed() / 1e6);
    }
    return percentile(t, 0.5);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QTemporaryDir dir;
    City city;
    QRandomGenerator rng(11);
    std::vector<Vec3d> pos;
    std::vector<double> headings;
    for (int i = 0; i < kCameras; ++i) {
        Vec3d p = streetPoint(rng, 4 + rng.bounded(6.0));
        pos.push_back(p);
        headings.push_back(rng.bounded(360.0));
    }
    const QByteArray json = registryJson(pos, headings);
    const QString jsonPath = dir.filePath(QStringLiteral("cameras-12000.json"));
    QFile f(jsonPath);
    f.open(QIODevice::WriteOnly);
    f.write(json);
    f.close();
    const QString gpkgPath = dir.filePath(QStringLiteral("cameras-12000.gpkg"));
    if (!writeGpkg(gpkgPath, pos, headings)) {
        std::fprintf(stderr, "cannot write the GeoPackage\n");
        return 1;
    }
    std::printf("bench_cameras: %d cameras, %zu box buildings (%d x %d blocks, %.0f m), JSON %.1f MB\n", kCameras, city.boxes.size(), kBlocks,
                kBlocks, kPitch, json.size() / 1e6);

    QString error;
    CameraRegistry reg;
    const double jsonMs = medianMs(5, [&] { reg = CameraRegistry::load(jsonPath, &error); });
    if (!reg.isValid()) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        return 1;
    }
    CameraRegistry gpkg;
    const double gpkgMs = medianMs(5, [&] { gpkg = CameraRegistry::load(gpkgPath, &error); });
    if (!gpkg.isValid() || gpkg.size() != kCameras) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        return 1;
    }
    const LocalFrame scene(Crs::fromString(QStringLiteral("EPSG:4549")), Vec3d(500000, 3300000, 0));
    const LocalFrame utm(Crs::fromString(QStringLiteral("EPSG:32651")), Vec3d(-90000, 3300000, 0));
    const double resolveMs = medianMs(5, [&] { reg.resolve(scene, [](double, double, double *z) { *z = 0; return true; }, &error); });
    CameraRegistry other = reg;
    const double resolveOtherMs = medianMs(5, [&] { other.resolve(utm, {}, &error); });
    reg.resolve(scene, {}, &error);
    std::printf("registry load, 12,000 cameras: JSON %.0f ms, GeoPackage %.0f ms (median of 5)\n", jsonMs, gpkgMs);
    std::printf("resolve, 12,000 cameras: same CRS %.1f ms, EPSG:4549 -> EPSG:32651 %.1f ms\n", resolveMs, resolveOtherMs);

    QElapsedTimer t;
    t.start();
    const CameraIndex index(reg.cameras());
    std::printf("CameraIndex build: %.1f ms (cell %.0f m)\n", t.nsecsElapsed() / 1e6, index.cellSize());

    const PickFunction pick = [&city](const Vec3d &o, const Vec3d &d, Vec3d *hit) { return city.pick(o, d, hit); };
    std::vector<double> times;
    long sightings = 0, withAny = 0;
    const int queries = 2000;
    for (int q = 0; q < queries; ++q) {
        const Vec3d p = streetPoint(rng, 1.5);
        t.restart();
        const QVector<Sighting> s = index.whoSees(p, pick);
        times.push_back(t.nsecsElapsed() / 1e6);
        sightings += s.size();
        withAny += s.isEmpty() ? 0 : 1;
    }
    std::printf("who-sees-it with occlusion, %d queries: p50 %.3f ms, p95 %.3f ms, max %.3f ms; %.1f sightings and %.1f ray casts per "
                "query, %ld%% of points seen by a camera\n",
                queries, percentile(times, 0.5), percentile(times, 0.95), *std::max_element(times.begin(), times.end()),
                double(sightings) / queries, double(city.casts.load()) / queries, withAny * 100 / queries);
    WhoSeesOptions all;
    all.maxResults = 1000;
    times.clear();
    city.casts = 0;
    for (int q = 0; q < queries; ++q) {
        const Vec3d p = streetPoint(rng, 1.5);
        t.restart();
        index.whoSees(p, pick, all);
        times.push_back(t.nsecsElapsed() / 1e6);
    }
    std::printf("who-sees-it, all sightings (maxResults 1000): p50 %.3f ms, p95 %.3f ms, %.1f ray casts per query\n", percentile(times, 0.5),
                percentile(times, 0.95), double(city.casts.load()) / queries);

    QVector<Vec3d> positions;
    for (const CameraRecord &r : reg.cameras())
        positions << r.scenePose.position;
    CameraPose view;
    view.position = Vec3d(900, -600, 900);
    view.pitch = -45;
    view.hfov = 60;
    view.farM = 10000;
    times.clear();
    int clusters = 0;
    for (int k = 0; k < 200; ++k) {
        t.restart();
        clusters = int(ScreenClusters::compute(positions, view, QSizeF(1920, 1080), 64).size());
        times.push_back(t.nsecsElapsed() / 1e6);
    }
    std::printf("screen clustering, 12,000 icons, 1920x1080, 64 px cells: p50 %.3f ms, p95 %.3f ms (%d clusters)\n", percentile(times, 0.5),
                percentile(times, 0.95), clusters);
    return 0;
}
