// Building-model import: time and peak memory of ModelReader (Assimp → plain data) and
// ModelTileReader (that + Z-up, baked transforms, merge by floor/look) on the shared models
// and a generated 1,000,000-triangle glTF binary. Not a ctest test:
//     build/tests/bench/bench_models [RUNS]
// Peak memory: one read in a child process (`bench_models --one READER FILE`, a fresh heap),
// its VmHWM after the read minus its VmRSS before.
#include <liyuan/assimp/ModelReader.h>
#include <liyuan/assimp/ModelTileReader.h>

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <vector>


using namespace liyuan;
using namespace liyuan::assimp;

namespace {

qint64 statusKb(const char *key)
{
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : f.readAll().split('\n'))
        if (line.startsWith(key))
            return line.mid(int(std::strlen(key))).trimmed().split(' ').first().toLongLong();
    return -1;
}

/** A glTF 2.0 binary with one mesh: a cols × rows grid of quads (2 triangles each), 1 m cells, Y up. */
bool writeGridGlb(const QString &path, int cols, int rows)
{
    const int vx = cols + 1, vy = rows + 1;
    QByteArray bin;
    bin.resize(qsizetype(vx) * vy * 12 + qsizetype(cols) * rows * 6 * 4);
    float *p = reinterpret_cast<float *>(bin.data());
    for (int j = 0; j < vy; ++j)
        for (int i = 0; i < vx; ++i) {
            *p++ = float(i);
            *p++ = float((i * 7 + j * 13) % 5) * 0.1f; // a little relief
            *p++ = float(-j);
        }
    const qsizetype posBytes = qsizetype(vx) * vy * 12;
    uint32_t *idx = reinterpret_cast<uint32_t *>(bin.data() + posBytes);
    for (int j = 0; j < rows; ++j)
        for (int i = 0; i < cols; ++i) {
            const uint32_t a = uint32_t(j * vx + i), b = a + 1, c = a + uint32_t(vx), d = c + 1;
            *idx++ = a; *idx++ = b; *idx++ = d;
            *idx++ = a; *idx++ = d; *idx++ = c;
        }
    const qsizetype idxBytes = qsizetype(cols) * rows * 6 * 4;
    const QJsonObject gltf{
            {"asset", QJsonObject{{"version", "2.0"}, {"generator", "liyuan bench_models"}}},
            {"scene", 0},
            {"scenes", QJsonArray{QJsonObject{{"nodes", QJsonArray{0}}}}},
            {"nodes", QJsonArray{QJsonObject{{"name", "grid"}, {"mesh", 0}}}},
            {"meshes", QJsonArray{QJsonObject{{"primitives", QJsonArray{QJsonObject{
                                                       {"attributes", QJsonObject{{"POSITION", 0}}}, {"indices", 1}}}}}}},
            {"accessors", QJsonArray{QJsonObject{{"bufferView", 0}, {"componentType", 5126}, {"count", vx * vy}, {"type", "VEC3"},
                                                 {"min", QJsonArray{0, 0, -rows}}, {"max", QJsonArray{cols, 0.4, 0}}},
                                     QJsonObject{{"bufferView", 1}, {"componentType", 5125}, {"count", cols * rows * 6},
                                                 {"type", "SCALAR"}}}},
            {"bufferViews", QJsonArray{QJsonObject{{"buffer", 0}, {"byteOffset", 0}, {"byteLength", double(posBytes)}},
                                       QJsonObject{{"buffer", 0}, {"byteOffset", double(posBytes)}, {"byteLength", double(idxBytes)}}}},
            {"buffers", QJsonArray{QJsonObject{{"byteLength", double(bin.size())}}}}};
    QByteArray json = QJsonDocument(gltf).toJson(QJsonDocument::Compact);
    while (json.size() % 4)
        json += ' ';
    while (bin.size() % 4)
        bin += '\0';
    QByteArray out;
    auto u32 = [&out](quint32 v) { out.append(reinterpret_cast<const char *>(&v), 4); };
    out.append("glTF", 4);
    u32(2);
    u32(quint32(12 + 8 + json.size() + 8 + bin.size()));
    u32(quint32(json.size()));
    out.append("JSON", 4);
    out += json;
    u32(quint32(bin.size()));
    out.append("BIN\0", 4);
    out += bin;
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(out) == out.size();
}

struct Measure
{
    double ms = 0;
    qint64 peakMb = 0;
    qint64 triangles = 0;
    qint64 meshes = 0;
    qint64 textures = 0;
    bool ok = false;
    QString error;
};

/** Peak MB of one read in a child process. */
qint64 childPeakMb(const char *reader, const QString &file)
{
    QProcess p;
    p.start(QCoreApplication::applicationFilePath(), {QStringLiteral("--one"), QString::fromLatin1(reader), file});
    if (!p.waitForFinished(600000))
        return -1;
    return p.readAllStandardOutput().trimmed().toLongLong() / 1024;
}

template<typename F>
Measure measure(int runs, F &&read)
{
    std::vector<double> times;
    Measure m;
    for (int r = 0; r < runs; ++r) {
        QElapsedTimer t;
        t.start();
        m = read();
        times.push_back(t.nsecsElapsed() / 1e6);
    }
    std::sort(times.begin(), times.end());
    m.ms = times[times.size() / 2];
    return m;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    if (argc == 4 && std::strcmp(argv[1], "--one") == 0) { // child: one read, print the peak kB
        const qint64 before = statusKb("VmRSS:");
        const QString file = QString::fromLocal8Bit(argv[3]);
        if (std::strcmp(argv[2], "tile") == 0)
            ModelTileReader().read(file);
        else
            ModelReader().read(file);
        std::printf("%lld\n", statusKb("VmHWM:") - before);
        return 0;
    }
    const int runs = argc > 1 ? std::max(1, atoi(argv[1])) : 3;
    const QString data = QStringLiteral(LIYUAN_SHARED_DATA);
    const QString tmp = QDir::temp().filePath(QStringLiteral("liyuan-bench-models"));
    QDir().mkpath(tmp);
    const QString grid = tmp + QStringLiteral("/grid-1m.glb");
    if (!QFileInfo::exists(grid) && !writeGridGlb(grid, 1000, 500)) {
        std::fprintf(stderr, "cannot write %s\n", qPrintable(grid));
        return 1;
    }
    const QStringList files = {data + QStringLiteral("/buildings/AC11-Institute-Var-2-IFC.ifc"),
                               data + QStringLiteral("/buildings/amsterdamcs.glb"), grid};
    std::printf("%d runs each, median time; peak = VmHWM − VmRSS before the read, one read in a fresh process\n\n", runs);
    std::printf("| model | MB | reader | ms | peak MB | triangles | meshes | textures |\n");
    std::printf("|---|---|---|---|---|---|---|---|\n");
    for (const QString &file : files) {
        const double mb = QFileInfo(file).size() / 1048576.0;
        Measure a = measure(runs, [&] {
            Measure m;
            const ModelReadResult r = ModelReader().read(file);
            m.ok = r.ok;
            m.error = r.error;
            m.triangles = r.content.counts.triangles;
            m.meshes = r.content.counts.meshes;
            m.textures = qint64(r.content.textures.size());
            return m;
        });
        Measure b = measure(runs, [&] {
            Measure m;
            const TileReadResult r = ModelTileReader().read(file);
            m.ok = r.ok;
            m.error = r.error;
            m.triangles = r.content.triangleCount();
            m.meshes = qint64(r.content.meshes.size());
            m.textures = qint64(r.content.images.size());
            return m;
        });
        a.peakMb = childPeakMb("model", file);
        b.peakMb = childPeakMb("tile", file);
        for (const auto &[name, m] : {std::pair<const char *, Measure>{"ModelReader", a}, {"ModelTileReader", b}}) {
            if (!m.ok) {
                std::printf("| %s | %.1f | %s | failed: %s |\n", qPrintable(QFileInfo(file).fileName()), mb, name,
                            qPrintable(m.error));
                continue;
            }
            std::printf("| %s | %.1f | %s | %.0f | %lld | %lld | %lld | %lld |\n", qPrintable(QFileInfo(file).fileName()), mb,
                        name, m.ms, m.peakMb, m.triangles, m.meshes, m.textures);
        }
    }
    return 0;
}
