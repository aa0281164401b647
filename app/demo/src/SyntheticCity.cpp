#include <liyuan/demo/SyntheticCity.h>

#include "CityModel.h"
#include "CityTileBuilder.h"

#include <liyuan/osgb/OsgbWriter.h>

#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QThread>

#include <atomic>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <mutex>
#include <thread>
#include <vector>

namespace liyuan::demo {
namespace {

constexpr int kVersion = 1;
const char *const kStampName = ".liyuan-city-complete";
const char *const kOptionsName = ".liyuan-city-options";
const char *const kTileStats = ".liyuan-city-tiles"; // one file per finished tile block (resume)
constexpr double kMinNode = 50.0;  // nodes split while the children stay this wide
constexpr int kFirstLevel = 14;    // depth d is ContextCapture level L(14 + d)
// CGCS2000 / 3-degree Gauss-Kruger CM 120E (x = easting in ContextCapture's SRSOrigin), east of the
// demo district: Laoshan district, Qingdao (36.07N 120.34E)
const double kOrigin[3] = {530000.0, 3992000.0, 0.0};

QString tileName(int tx, int ty)
{
    return QString::asprintf("Tile_%+04d_%+04d", tx, ty);
}

QString nodeFileName(const QString &tile, int depth, const QString &path)
{
    if (depth == 0)
        return tile + QStringLiteral(".osgb");
    return QStringLiteral("%1_L%2_%3.osgb").arg(tile).arg(kFirstLevel + depth).arg(path);
}

QByteArray optionsText(const SyntheticCityOptions &o)
{
    return "version=" + QByteArray::number(kVersion) + "\nareaKm2=" + QByteArray::number(o.areaKm2, 'g', 12)
           + "\nlevels=" + QByteArray::number(o.levels) + "\ntileSize=" + QByteArray::number(o.tileSize, 'g', 12)
           + "\nseed=" + QByteArray::number(qulonglong(o.seed)) + "\n";
}

QMap<QString, QString> readKeyValues(const QString &file)
{
    QMap<QString, QString> out;
    QFile f(file);
    if (!f.open(QIODevice::ReadOnly))
        return out;
    for (const QByteArray &l : f.readAll().split('\n')) {
        const int eq = l.indexOf('=');
        if (eq > 0)
            out.insert(QString::fromUtf8(l.left(eq)), QString::fromUtf8(l.mid(eq + 1)).trimmed());
    }
    return out;
}

bool writeText(const QString &path, const QByteArray &text, QString *error)
{
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(text) != text.size() || !f.commit()) {
        *error = QStringLiteral("%1: cannot write: %2").arg(QDir::toNativeSeparators(path), f.errorString());
        return false;
    }
    return true;
}

QByteArray metadataXml()
{
    QByteArray x;
    x += "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n";
    x += "<ModelMetadata version=\"1\">\n";
    x += "\t<!--Liyuan synthetic city (procedural, not a survey): Laoshan district, Qingdao-->\n";
    x += "\t<!--Spatial Reference System-->\n";
    x += "\t<SRS>EPSG:4549</SRS>\n";
    x += "\t<!--Origin in Spatial Reference System-->\n";
    x += "\t<SRSOrigin>" + QByteArray::number(kOrigin[0], 'f', 6) + "," + QByteArray::number(kOrigin[1], 'f', 6) + ","
         + QByteArray::number(kOrigin[2], 'f', 6) + "</SRSOrigin>\n";
    x += "\t<Texture>\n\t\t<ColorSource>Visible</ColorSource>\n\t</Texture>\n";
    x += "</ModelMetadata>\n";
    return x;
}

struct TileStats
{
    int64_t files = 0, bytes = 0, triangles = 0;
};

/** Writes one node file and, recursively, its children (depth first). */
struct TileWriter
{
    const CityModel &city;
    const SyntheticCityOptions &opt;
    int splitLevels;
    QString dir;   ///< the .part folder being written
    QString tile;
    std::atomic<int64_t> &done;
    const std::atomic_bool &stop;
    TileStats stats;
    QString error;

    bool write(const QRectF &rect, int depth, const QString &path)
    {
        if (stop.load())
            return false;
        CityNodeSpec spec;
        spec.rect = rect;
        spec.depth = depth;
        spec.splitLevels = splitLevels;
        spec.levels = opt.levels;
        std::vector<std::pair<QRectF, QString>> children; // area, path
        if (depth + 1 < opt.levels) {
            if (depth < splitLevels) {
                const double w = rect.width() / 2, h = rect.height() / 2;
                for (int q = 0; q < 4; ++q) // 0 SW, 1 SE, 2 NW, 3 NE
                    children.emplace_back(QRectF(rect.left() + (q % 2) * w, rect.top() + (q / 2) * h, w, h), path + QString::number(q));
            } else {
                children.emplace_back(rect, path + QLatin1Char('0'));
            }
        }
        if (children.empty()) {
            spec.pieces = {rect};
        } else {
            for (const auto &c : children) {
                spec.pieces.push_back(c.first);
                spec.childFiles << QDir(dir).filePath(nodeFileName(tile, depth + 1, c.second));
            }
        }
        TileContent content = buildCityFile(city, spec);
        const QString file = QDir(dir).filePath(nodeFileName(tile, depth, path));
        content.sourceFile = file;
        if (!osgb::writeTile(content, file, &error))
            return false;
        stats.files += 1;
        stats.bytes += QFileInfo(file).size();
        stats.triangles += content.triangleCount();
        done.fetch_add(1);
        content = TileContent(); // free before the children
        for (const auto &c : children)
            if (!write(c.first, depth + 1, c.second))
                return false;
        return true;
    }
};

std::atomic_bool g_interrupted{false};
void onInterrupt(int)
{
    g_interrupted.store(true);
}

} // namespace

QString SyntheticCity::validate(const SyntheticCityOptions &o)
{
    using O = SyntheticCityOptions;
    if (!(o.areaKm2 >= O::kMinAreaKm2 && o.areaKm2 <= O::kMaxAreaKm2))
        return QStringLiteral("--area-km2 must be from %1 to %2 square km, not %3").arg(O::kMinAreaKm2).arg(O::kMaxAreaKm2).arg(o.areaKm2);
    if (o.levels < O::kMinLevels || o.levels > O::kMaxLevels)
        return QStringLiteral("--levels must be from %1 to %2, not %3").arg(O::kMinLevels).arg(O::kMaxLevels).arg(o.levels);
    if (!(o.tileSize >= O::kMinTileSize && o.tileSize <= O::kMaxTileSize))
        return QStringLiteral("--tile-size must be from %1 to %2 metres, not %3").arg(O::kMinTileSize).arg(O::kMaxTileSize).arg(o.tileSize);
    if (std::sqrt(o.areaKm2 * 1e6) / o.tileSize > 1000)
        return QStringLiteral("--tile-size %1 gives more than 1000 tile blocks per side for %2 square km; use larger tiles")
                .arg(o.tileSize).arg(o.areaKm2);
    const int64_t files = expectedFiles(o);
    if (files > O::kMaxFiles)
        return QStringLiteral("these options make %1 files (more than %2): use fewer --levels, a larger --tile-size or a smaller --area-km2")
                .arg(files).arg(O::kMaxFiles);
    return {};
}

int SyntheticCity::tilesPerSide(const SyntheticCityOptions &o)
{
    return std::max(1, int(std::ceil(std::sqrt(o.areaKm2 * 1e6) / o.tileSize - 1e-9)));
}

int SyntheticCity::splitLevels(const SyntheticCityOptions &o)
{
    int s = 0;
    double w = o.tileSize;
    while (s < o.levels - 1 && w / 2 >= kMinNode) {
        w /= 2;
        ++s;
    }
    return s;
}

int64_t SyntheticCity::expectedFiles(const SyntheticCityOptions &o)
{
    const int S = splitLevels(o);
    int64_t perTile = 0;
    for (int d = 0; d < o.levels; ++d)
        perTile += int64_t(1) << (2 * std::min(d, S));
    const int64_t n = tilesPerSide(o);
    return perTile * n * n;
}

QString SyntheticCity::stampFileName()
{
    return QString::fromLatin1(kStampName);
}

SyntheticCityResult SyntheticCity::generate(const QString &outDir, const SyntheticCityOptions &o, const Progress &progress,
                                            const std::atomic_bool *cancel)
{
    QElapsedTimer clock;
    clock.start();
    SyntheticCityResult res;
    res.datasetDir = QDir::cleanPath(QDir(outDir).absolutePath());
    res.error = validate(o);
    if (!res.error.isEmpty()) {
        res.exitCode = 64;
        return res;
    }
    const int n = tilesPerSide(o);
    res.tilesX = res.tilesY = n;
    res.levels = o.levels;
    res.splitLevels = splitLevels(o);
    const int64_t total = expectedFiles(o);
    const QDir out(res.datasetDir);
    const QString native = QDir::toNativeSeparators(res.datasetDir);
    auto fail = [&](int code, const QString &msg) {
        res.exitCode = code;
        res.error = msg;
        res.seconds = clock.elapsed() / 1000.0;
        return res;
    };

    // 1. OUT: new, empty, or a city of the same options (complete: reuse; partial: resume)
    const QFileInfo oi(res.datasetDir);
    if (oi.exists() && !oi.isDir())
        return fail(3, QStringLiteral("%1: exists and is not a folder").arg(native));
    const QByteArray wanted = optionsText(o);
    if (oi.exists()) {
        const QString optFile = out.filePath(QString::fromLatin1(kOptionsName));
        const bool empty = out.entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden | QDir::System).isEmpty();
        if (!empty) {
            QFile f(optFile);
            if (!f.open(QIODevice::ReadOnly))
                return fail(2, QStringLiteral("%1: the folder is not empty and holds no synthetic city; choose a new or empty folder").arg(native));
            const QByteArray have = f.readAll();
            if (have != wanted)
                return fail(2, QStringLiteral("%1: holds a synthetic city made with other options (%2); remove it or choose another folder")
                                       .arg(native, QString::fromUtf8(have).trimmed().replace(QLatin1Char('\n'), QLatin1Char(' '))));
            const QMap<QString, QString> stamp = readKeyValues(out.filePath(QString::fromLatin1(kStampName)));
            if (!stamp.isEmpty()) {
                res.ok = true;
                res.reused = true;
                res.files = stamp.value(QStringLiteral("files")).toLongLong();
                res.bytes = stamp.value(QStringLiteral("bytes")).toLongLong();
                res.triangles = stamp.value(QStringLiteral("triangles")).toLongLong();
                res.seconds = clock.elapsed() / 1000.0;
                if (progress)
                    progress(res.files, res.files);
                return res;
            }
        }
    }
    if (!QDir().mkpath(out.filePath(QStringLiteral("Data"))))
        return fail(3, QStringLiteral("%1: cannot create the folder").arg(native));
    if (!writeText(out.filePath(QString::fromLatin1(kOptionsName)), wanted, &res.error)
        || !writeText(out.filePath(QStringLiteral("metadata.xml")), metadataXml(), &res.error)
        || !QDir().mkpath(out.filePath(QString::fromLatin1(kTileStats))))
        return fail(3, res.error.isEmpty() ? QStringLiteral("%1: cannot write").arg(native) : res.error);

    // 2. tile blocks in parallel; a finished block is Data/<tile> (renamed from <tile>.part) + its stats file
    const CityModel city(o.seed, n * o.tileSize, n * o.tileSize);
    std::atomic<int64_t> done{0};
    std::atomic<int> next{0};
    std::atomic_bool stop{false};
    std::mutex mutex;
    TileStats sum;
    QString firstError;
    int errorCode = 0;
    auto worker = [&] {
        for (;;) {
            const int index = next.fetch_add(1);
            if (index >= n * n || stop.load())
                return;
            const int tx = index % n, ty = index / n;
            const QString tile = tileName(tx, ty);
            const QString finalDir = out.filePath(QStringLiteral("Data/") + tile);
            const QString statsFile = out.filePath(QString::fromLatin1(kTileStats) + QLatin1Char('/') + tile);
            const QMap<QString, QString> st = readKeyValues(statsFile);
            if (!st.isEmpty() && QFileInfo(finalDir).isDir()) { // finished by an earlier run
                TileStats t{st.value(QStringLiteral("files")).toLongLong(), st.value(QStringLiteral("bytes")).toLongLong(),
                            st.value(QStringLiteral("triangles")).toLongLong()};
                done.fetch_add(t.files);
                std::lock_guard<std::mutex> lock(mutex);
                sum.files += t.files;
                sum.bytes += t.bytes;
                sum.triangles += t.triangles;
                continue;
            }
            const QString partDir = finalDir + QStringLiteral(".part");
            QDir(partDir).removeRecursively();
            QDir(finalDir).removeRecursively(); // renamed but its stats were not written
            TileWriter w{city, o, res.splitLevels, partDir, tile, done, stop, {}, {}};
            int code = 3;
            bool ok = QDir().mkpath(partDir);
            if (!ok)
                w.error = QStringLiteral("%1: cannot create the folder").arg(QDir::toNativeSeparators(partDir));
            else
                ok = w.write(QRectF(tx * o.tileSize, ty * o.tileSize, o.tileSize, o.tileSize), 0, QString());
            if (ok && !QDir().rename(partDir, finalDir)) {
                ok = false;
                w.error = QStringLiteral("%1: cannot rename to %2").arg(QDir::toNativeSeparators(partDir), tile);
            }
            if (ok) {
                const QByteArray text = "files=" + QByteArray::number(qlonglong(w.stats.files)) + "\nbytes="
                                        + QByteArray::number(qlonglong(w.stats.bytes)) + "\ntriangles="
                                        + QByteArray::number(qlonglong(w.stats.triangles)) + "\n";
                ok = writeText(statsFile, text, &w.error);
            }
            if (!ok && stop.load() && w.error.isEmpty())
                code = 130; // cancelled between files
            std::lock_guard<std::mutex> lock(mutex);
            if (!ok) {
                QDir(partDir).removeRecursively();
                if (firstError.isEmpty()) {
                    firstError = w.error.isEmpty() ? QStringLiteral("cancelled") : w.error;
                    errorCode = code;
                }
                stop.store(true);
                return;
            }
            sum.files += w.stats.files;
            sum.bytes += w.stats.bytes;
            sum.triangles += w.stats.triangles;
        }
    };
    const int threads = std::clamp(o.threads > 0 ? o.threads : QThread::idealThreadCount(), 1, 64);
    std::vector<std::thread> pool;
    for (int i = 0; i < threads; ++i)
        pool.emplace_back(worker);
    int64_t reported = -1;
    if (progress) {
        progress(0, total);
        reported = 0;
    }
    for (;;) {
        bool running = false;
        {
            std::lock_guard<std::mutex> lock(mutex);
            running = !(next.load() >= n * n + threads || stop.load());
        }
        if (cancel && cancel->load() && !stop.load()) {
            stop.store(true);
            std::lock_guard<std::mutex> lock(mutex);
            if (firstError.isEmpty()) {
                firstError = QStringLiteral("%1: cancelled; run the same command again to resume").arg(native);
                errorCode = 130;
            }
        }
        const int64_t d = done.load();
        if (progress && d != reported) {
            progress(d, total);
            reported = d;
        }
        if (!running)
            break;
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    for (std::thread &t : pool)
        t.join();
    if (progress && done.load() != reported)
        progress(done.load(), total);
    if (!firstError.isEmpty())
        return fail(errorCode ? errorCode : 3, firstError);
    if (sum.files != total)
        return fail(3, QStringLiteral("%1: wrote %2 files instead of %3").arg(native).arg(sum.files).arg(total));

    // 3. the stamp marks a complete city
    res.files = sum.files;
    res.bytes = sum.bytes + QFileInfo(out.filePath(QStringLiteral("metadata.xml"))).size();
    res.triangles = sum.triangles;
    const QByteArray stamp = wanted + "files=" + QByteArray::number(qlonglong(res.files)) + "\nbytes="
                             + QByteArray::number(qlonglong(res.bytes)) + "\ntriangles=" + QByteArray::number(qlonglong(res.triangles))
                             + "\ntilesPerSide=" + QByteArray::number(n) + "\nsplitLevels=" + QByteArray::number(res.splitLevels) + "\n";
    if (!writeText(out.filePath(QString::fromLatin1(kStampName)), stamp, &res.error))
        return fail(3, res.error);
    QDir(out.filePath(QString::fromLatin1(kTileStats))).removeRecursively();
    res.ok = true;
    res.seconds = clock.elapsed() / 1000.0;
    return res;
}

int SyntheticCity::run(const QString &outDir, const SyntheticCityOptions &o)
{
    g_interrupted.store(false);
    auto oldInt = std::signal(SIGINT, onInterrupt);
    auto oldTerm = std::signal(SIGTERM, onInterrupt);
    std::printf("generate-city: %s, %g km2, %d levels, %g m tiles, seed %llu: %lld files\n",
                qPrintable(QDir::toNativeSeparators(QDir(outDir).absolutePath())), o.areaKm2, o.levels, o.tileSize,
                qulonglong(o.seed), qlonglong(validate(o).isEmpty() ? expectedFiles(o) : 0));
    std::fflush(stdout);
    const SyntheticCityResult r = generate(outDir, o, [](int64_t d, int64_t t) {
        std::printf("progress %lld/%lld\n", qlonglong(d), qlonglong(t));
        std::fflush(stdout);
    }, &g_interrupted);
    std::signal(SIGINT, oldInt);
    std::signal(SIGTERM, oldTerm);
    if (!r.ok) {
        std::fprintf(stderr, "liyuan: generate-city: %s\n", qPrintable(r.error));
        return r.exitCode ? r.exitCode : 3;
    }
    std::printf("generated %s: %dx%d tile blocks, %d levels (%d splitting), %lld files, %.1f MB on disk, %lld triangles, %.1f s%s\n",
                qPrintable(QDir::toNativeSeparators(r.datasetDir)), r.tilesX, r.tilesY, r.levels, r.splitLevels, qlonglong(r.files),
                r.bytes / 1048576.0, qlonglong(r.triangles), r.seconds, r.reused ? " (already complete: nothing written)" : "");
    return 0;
}

} // namespace liyuan::demo
