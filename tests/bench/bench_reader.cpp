// bench_reader — OSGB reader throughput: plain osgDB::readNodeFile vs liyuan's OsgbReader::read
// (the same OSG parse plus conversion to plain TileContent).
//
//   bench_reader [--reps N] [--json FILE|-] [PATH...]
//
// PATH: a ContextCapture production folder, a Data/ or Tile_* folder, or tile files; every
// file reachable from their roots through PagedLOD children is read. Default: the shared
// Production_5 sample. Single thread, warm file cache (one untimed pass first), passes of
// both readers alternate so drift (other load on the machine) hits both alike. Each timed
// read includes releasing its result (OSG graph, or TileContent), as a viewer pays both.
// Then a 2-thread run of OsgbReader (and of plain OSG for reference) over the same files.

#include <liyuan/osgb/OsgbDataset.h>
#include <liyuan/osgb/OsgbReader.h>

#include <osg/Node>
#include <osgDB/Options>
#include <osgDB/ReadFile>
#include <osgDB/ReaderWriter>
#include <osgDB/Registry>

#include <QCoreApplication>
#include <QDir>
#include <QProcess>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QSysInfo>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <functional>
#include <istream>
#include <streambuf>
#include <thread>
#include <vector>

#ifndef LIYUAN_SHARED_DATA
#define LIYUAN_SHARED_DATA "../shared/data"
#endif

using namespace liyuan;
using Clock = std::chrono::steady_clock;

namespace {

struct FileInfo
{
    QString path;
    std::string nativePath;
    qint64 bytes = 0;
    qint64 triangles = 0;
    qint64 textureBytes = 0;
};

double seconds(Clock::time_point a, Clock::time_point b)
{
    return std::chrono::duration<double>(b - a).count();
}

double median(std::vector<double> v)
{
    if (v.empty())
        return 0;
    std::sort(v.begin(), v.end());
    const size_t n = v.size();
    return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

/** Every file reachable from the roots of the inputs (breadth first, existing files only). */
bool collectFiles(const QStringList &inputs, std::vector<FileInfo> *files, int *missingChildren)
{
    const osgb::OsgbReader reader;
    QStringList queue;
    for (const QString &in : inputs) {
        const QFileInfo fi(in);
        if (fi.isFile()) {
            queue << fi.absoluteFilePath();
            continue;
        }
        const osgb::OsgbDataset ds = osgb::OsgbDataset::open(in);
        if (!ds.ok) {
            std::fprintf(stderr, "bench_reader: %s\n", qPrintable(ds.error));
            return false;
        }
        queue << ds.rootFiles;
    }
    QSet<QString> seen(queue.begin(), queue.end());
    *missingChildren = 0;
    for (int i = 0; i < queue.size(); ++i) {
        const TileReadResult r = reader.read(queue[i]);
        if (!r.ok) {
            std::fprintf(stderr, "bench_reader: %s\n", qPrintable(r.error));
            return false;
        }
        FileInfo f;
        f.path = queue[i];
        f.nativePath = QFile::encodeName(queue[i]).toStdString();
        f.bytes = r.fileBytes;
        f.triangles = r.content.triangleCount();
        f.textureBytes = r.content.textureBytes();
        files->push_back(f);
        for (const QString &child : r.content.childFiles()) {
            if (seen.contains(child))
                continue;
            seen.insert(child);
            if (QFileInfo(child).isFile())
                queue << child;
            else
                ++*missingChildren;
        }
    }
    return true;
}

/** Plain OpenSceneGraph: what osgviewer's DatabasePager does per file (read, later release). */
bool readOsg(const FileInfo &f)
{
    osg::ref_ptr<osg::Node> node = osgDB::readRefNodeFile(f.nativePath);
    return node.valid();
}

/** A read-only stream buffer over bytes in memory (valid files only: no bounds policing). */
class MemoryBuffer : public std::streambuf
{
public:
    explicit MemoryBuffer(QByteArray bytes) : m_bytes(std::move(bytes))
    {
        char *b = m_bytes.data();
        setg(b, b, b + m_bytes.size());
    }

protected:
    pos_type seekoff(off_type off, std::ios_base::seekdir dir, std::ios_base::openmode) override
    {
        char *p = dir == std::ios_base::beg ? eback() + off : dir == std::ios_base::cur ? gptr() + off : egptr() + off;
        if (p < eback() || p > egptr())
            return pos_type(off_type(-1));
        setg(eback(), p, egptr());
        return pos_type(p - eback());
    }
    pos_type seekpos(pos_type pos, std::ios_base::openmode m) override { return seekoff(off_type(pos), std::ios_base::beg, m); }

private:
    QByteArray m_bytes;
};

/**
 * Diagnostic: OsgbReader's first half alone — the whole file into memory, then OSG's osg2
 * plugin parsing from a stream — without the conversion to TileContent. ours minus this is
 * the conversion's cost.
 */
bool readOsgFromMemory(const FileInfo &f)
{
    QFile file(f.path);
    if (!file.open(QIODevice::ReadOnly))
        return false;
    static osgDB::ReaderWriter *rw = osgDB::Registry::instance()->getReaderWriterForExtension("osgb");
    osg::ref_ptr<osgDB::Options> options = new osgDB::Options;
    options->setDatabasePath(QFile::encodeName(QFileInfo(f.path).absolutePath()).toStdString());
    options->setObjectCacheHint(osgDB::Options::CACHE_NONE);
    MemoryBuffer buffer(file.readAll());
    std::istream in(&buffer);
    osgDB::ReaderWriter::ReadResult rr = rw->readNode(in, options.get());
    return rr.validNode();
}

bool readOurs(const osgb::OsgbReader &reader, const FileInfo &f)
{
    const TileReadResult r = reader.read(f.path);
    return r.ok;
}

/** One single-threaded pass over all files; returns seconds, or -1 on a failed read. */
double pass(const std::vector<FileInfo> &files, const std::function<bool(const FileInfo &)> &read)
{
    const auto t0 = Clock::now();
    for (const FileInfo &f : files)
        if (!read(f))
            return -1;
    return seconds(t0, Clock::now());
}

/** threads workers share `rounds` passes over the files; returns wall seconds. */
double concurrent(const std::vector<FileInfo> &files, int threads, int rounds,
                  const std::function<bool(const FileInfo &)> &read, bool *ok)
{
    std::atomic<size_t> next{0};
    std::atomic<bool> good{true};
    const size_t total = files.size() * size_t(rounds);
    const auto t0 = Clock::now();
    std::vector<std::thread> pool;
    for (int t = 0; t < threads; ++t)
        pool.emplace_back([&] {
            for (size_t i; (i = next.fetch_add(1)) < total;)
                if (!read(files[i % files.size()]))
                    good = false;
        });
    for (std::thread &t : pool)
        t.join();
    *ok = good;
    return seconds(t0, Clock::now());
}

double loadAverage()
{
    QFile f(QStringLiteral("/proc/loadavg"));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    return f.readAll().split(' ').value(0).toDouble();
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    int reps = 5;
    QString jsonOut;
    bool stockChild = false;
    QStringList inputs;
    const QStringList args = app.arguments().mid(1);
    for (int i = 0; i < args.size(); ++i) {
        const QString &a = args[i];
        if (a == QLatin1String("--reps") && i + 1 < args.size()) {
            reps = std::max(1, args[++i].toInt());
        } else if (a == QLatin1String("--json") && i + 1 < args.size()) {
            jsonOut = args[++i];
        } else if (a == QLatin1String("--stock-osg-child")) {
            stockChild = true;
        } else if (a == QLatin1String("-h") || a == QLatin1String("--help")) {
            std::printf("usage: bench_reader [--reps N] [--json FILE|-] [PATH...]\n"
                        "Default PATH: %s/osgb/Production_5\n", LIYUAN_SHARED_DATA);
            return 0;
        } else if (a.startsWith(QLatin1String("--"))) {
            std::fprintf(stderr, "bench_reader: unknown option %s\n", qPrintable(a));
            return 64;
        } else {
            inputs << a;
        }
    }
    if (inputs.isEmpty())
        inputs << QDir::cleanPath(QStringLiteral(LIYUAN_SHARED_DATA "/osgb/Production_5"));

    // Liyuan registers its own RGBA JPEG decoder ahead of OSG's jpeg plugin. The stock-OSG
    // baseline therefore runs in a child process that never registers it.
    if (!stockChild)
        osgb::registerOsgbReader();
    // no object cache for plain OSG either (this is OSG's default; made explicit)
    osg::ref_ptr<osgDB::Options> osgOptions = new osgDB::Options;
    osgOptions->setObjectCacheHint(osgDB::Options::CACHE_NONE);
    osgDB::Registry::instance()->setOptions(osgOptions.get());

    std::vector<FileInfo> files;
    int missing = 0;
    if (!collectFiles(inputs, &files, &missing))
        return 1;
    if (files.empty()) {
        std::fprintf(stderr, "bench_reader: no tile files found\n");
        return 1;
    }
    qint64 bytes = 0, triangles = 0, texBytes = 0;
    for (const FileInfo &f : files) {
        bytes += f.bytes;
        triangles += f.triangles;
        texBytes += f.textureBytes;
    }

    const osgb::OsgbReader reader;
    auto osgRead = [](const FileInfo &f) { return readOsg(f); };
    if (stockChild) {
        pass(files, osgRead); // warm-up
        std::vector<double> t;
        for (int r = 0; r < reps; ++r)
            t.push_back(pass(files, osgRead));
        std::printf("%.6f %.6f\n", median(t), *std::min_element(t.begin(), t.end()));
        return 0;
    }
    // the stock baseline: plain osgDB::readNodeFile with OSG's own plugins, in its own process
    double stockMedian = -1, stockBest = -1;
    {
        QProcess child;
        QStringList childArgs{QStringLiteral("--stock-osg-child"), QStringLiteral("--reps"), QString::number(reps)};
        childArgs << inputs;
        child.start(QCoreApplication::applicationFilePath(), childArgs);
        if (child.waitForFinished(600000) && child.exitCode() == 0) {
            const QList<QByteArray> v = child.readAllStandardOutput().trimmed().split(' ');
            if (v.size() == 2) {
                stockMedian = v[0].toDouble();
                stockBest = v[1].toDouble();
            }
        }
        if (stockMedian <= 0) {
            std::fprintf(stderr, "bench_reader: the stock-OSG child run failed\n");
            return 1;
        }
    }
    auto ourRead = [&reader](const FileInfo &f) { return readOurs(reader, f); };

    const double load0 = loadAverage();
    // warm-up (file cache, plugin state, allocator), untimed
    if (pass(files, osgRead) < 0 || pass(files, ourRead) < 0) {
        std::fprintf(stderr, "bench_reader: a read failed during warm-up\n");
        return 1;
    }
    auto memRead = [](const FileInfo &f) { return readOsgFromMemory(f); };
    std::vector<double> tOsg, tOurs, tMem;
    for (int r = 0; r < reps; ++r) {
        // alternate the order so a slow moment of the machine does not favour one side
        const bool osgFirst = r % 2 == 0;
        for (int k = 0; k < 3; ++k) {
            const int which = k == 2 ? 2 : ((k == 0) == osgFirst ? 0 : 1);
            const double s = which == 0 ? pass(files, osgRead) : which == 1 ? pass(files, ourRead) : pass(files, memRead);
            if (s < 0) {
                std::fprintf(stderr, "bench_reader: a read failed\n");
                return 1;
            }
            (which == 0 ? tOsg : which == 1 ? tOurs : tMem).push_back(s);
        }
    }
    bool ok1 = true, ok2 = true;
    const int rounds = std::max(2, reps);
    const double t2Ours = concurrent(files, 2, rounds, ourRead, &ok1);
    const double t2Osg = concurrent(files, 2, rounds, osgRead, &ok2);
    const double load1 = loadAverage();
    if (!ok1 || !ok2) {
        std::fprintf(stderr, "bench_reader: a read failed in the 2-thread run\n");
        return 1;
    }

    const double mOsg = median(tOsg), mOurs = median(tOurs);
    const double minOsg = *std::min_element(tOsg.begin(), tOsg.end());
    const double minOurs = *std::min_element(tOurs.begin(), tOurs.end());
    const double mMem = median(tMem), minMem = *std::min_element(tMem.begin(), tMem.end());
    const double n = double(files.size()), mb = bytes / 1048576.0;
    const double f2Ours = n * rounds / t2Ours, f2Osg = n * rounds / t2Osg;

    std::printf("bench_reader: %zu files (%d referenced children absent), %.1f MB OSGB, %lld triangles, "
                "%.1f MB decoded RGBA textures\n",
                files.size(), missing, mb, static_cast<long long>(triangles), texBytes / 1048576.0);
    std::printf("%d cores, load average %.2f -> %.2f; %d timed passes each, single thread, warm file cache; "
                "median (best) pass\n\n",
                int(std::thread::hardware_concurrency()), load0, load1, reps);
    std::printf("| reader (1 thread)              | pass s          | files/s | MB/s   | Mtriangles/s |\n");
    std::printf("|--------------------------------|-----------------|---------|--------|--------------|\n");
    auto row = [&](const char *name, double m, double best) {
        std::printf("| %-30s | %6.3f (%6.3f) | %7.1f | %6.1f | %12.2f |\n", name, m, best, n / m, mb / m,
                    triangles / m / 1e6);
    };
    row("osgDB::readNodeFile (stock OSG)", stockMedian, stockBest);
    row("osgDB::readNodeFile (+RGBA jpg)", mOsg, minOsg);
    row("OsgbReader::read (+convert)", mOurs, minOurs);
    row("  readAll+osg2 only, no convert", mMem, minMem);
    std::printf("\nratio ours/stock OSG (time per pass): %.2fx median, %.2fx best (target <= 1.25x)\n",
                mOurs / stockMedian, minOurs / stockBest);
    std::printf("(the second row is OSG reading with Liyuan's RGBA JPEG decoder registered, as inside the app)\n");
    std::printf("conversion to TileContent (ours minus the diagnostic row): %.0f ms per pass, %.0f%% of ours\n",
                (mOurs - mMem) * 1e3, 100.0 * (mOurs - mMem) / mOurs);
    std::printf("\n| 2 threads, %d rounds            | wall s | files/s | speed-up vs 1 thread |\n", rounds);
    std::printf("|--------------------------------|--------|---------|----------------------|\n");
    std::printf("| OsgbReader::read (+convert)    | %6.3f | %7.1f | %19.2fx |\n", t2Ours, f2Ours, f2Ours / (n / mOurs));
    std::printf("| osgDB::readNodeFile            | %6.3f | %7.1f | %19.2fx |\n", t2Osg, f2Osg, f2Osg / (n / mOsg));
    std::fflush(stdout);

    if (!jsonOut.isEmpty()) {
        auto side = [&](double m, double best, const std::vector<double> &all) {
            QJsonArray passes;
            for (double s : all)
                passes.append(s);
            return QJsonObject{{QStringLiteral("medianPassSeconds"), m},
                               {QStringLiteral("bestPassSeconds"), best},
                               {QStringLiteral("passes"), passes},
                               {QStringLiteral("filesPerSecond"), n / m},
                               {QStringLiteral("mbPerSecond"), mb / m},
                               {QStringLiteral("trianglesPerSecond"), triangles / m}};
        };
        QJsonObject o{
                {QStringLiteral("inputs"), QJsonArray::fromStringList(inputs)},
                {QStringLiteral("files"), int(files.size())},
                {QStringLiteral("missingChildren"), missing},
                {QStringLiteral("bytes"), bytes},
                {QStringLiteral("triangles"), triangles},
                {QStringLiteral("textureBytes"), texBytes},
                {QStringLiteral("reps"), reps},
                {QStringLiteral("cores"), int(std::thread::hardware_concurrency())},
                {QStringLiteral("loadAverage"), QJsonArray{load0, load1}},
                {QStringLiteral("osg"), side(mOsg, minOsg, tOsg)},
                {QStringLiteral("ours"), side(mOurs, minOurs, tOurs)},
                {QStringLiteral("osgFromMemoryNoConversion"), side(mMem, minMem, tMem)},
                {QStringLiteral("ratioMedian"), mOurs / stockMedian},
                {QStringLiteral("ratioBest"), minOurs / stockBest},
                {QStringLiteral("stockOsgMedianPassSeconds"), stockMedian},
                {QStringLiteral("twoThreads"),
                 QJsonObject{{QStringLiteral("rounds"), rounds},
                             {QStringLiteral("oursSeconds"), t2Ours},
                             {QStringLiteral("oursFilesPerSecond"), f2Ours},
                             {QStringLiteral("osgSeconds"), t2Osg},
                             {QStringLiteral("osgFilesPerSecond"), f2Osg}}}};
        const QByteArray text = QJsonDocument(o).toJson(QJsonDocument::Indented);
        if (jsonOut == QLatin1String("-")) {
            std::fwrite(text.constData(), 1, size_t(text.size()), stdout);
        } else {
            QFile f(jsonOut);
            if (!f.open(QIODevice::WriteOnly) || f.write(text) != text.size()) {
                std::fprintf(stderr, "bench_reader: cannot write %s\n", qPrintable(jsonOut));
                return 3;
            }
        }
    }
    return 0;
}
