// bench_tiles3d — 3D Tiles reader throughput against a plain glTF read of the same content.
//
//   bench_tiles3d [--reps N] [DIR...]
//
// DIR: folders searched for tileset.json (default: the shared samples, $LIYUAN_SHARED_DATA/3dtiles).
// Every tile reachable from each tileset's root (explicit children, external tilesets, implicit
// subtrees) whose content is glTF (b3dm, glb, gltf) is read, each content file once:
//   liyuan   tiles3d::Tiles3dReader::read(address): container parse, glTF decode (Draco, meshopt),
//            textures decoded to RGBA, tile transforms, ECEF → dataset frame, plain TileContent
//   assimp   the same glTF bytes (b3dm: its embedded glb) through Assimp::Importer::ReadFileFromMemory
//            (aiProcess_Triangulate only: the least a viewer needs), embedded textures left compressed
//   assimp+tex  the same plus decoding the embedded textures (QImage), which liyuan always does
// Single thread, warm file cache (one untimed pass of each first), passes alternate; each read
// includes freeing its result. Content Assimp cannot read (EXT_meshopt_compression, KTX2) is
// listed and left out of both sides. Prints a Markdown table: MB/s of content bytes, tiles/s, ratio.
#include <liyuan/tiles3d/Tiles3dReader.h>

#include "TileResolver.h" // private to liyuan_tiles3d: address → content file (benchmark only)

#include <assimp/Importer.hpp>
#include <assimp/postprocess.h>
#include <assimp/scene.h>

#include <QCoreApplication>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QSet>
#include <QtEndian>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <map>
#include <vector>

#ifndef LIYUAN_SHARED_DATA
#define LIYUAN_SHARED_DATA "../shared/data"
#endif

using namespace liyuan;
using Clock = std::chrono::steady_clock;

namespace {

struct Content
{
    QString tileset;  ///< sample folder name
    QString address;  ///< Tiles3dReader address
    QString file;     ///< content file
    qint64 bytes = 0;
};

/** The glTF inside a content file: b3dm's embedded glb, or the glb itself; empty when not glTF. */
QByteArray gltfBytes(const QByteArray &data, const QString &file, QString *hint)
{
    if (data.startsWith("b3dm") && data.size() >= 28) {
        const auto u32 = [&](int at) { return qFromLittleEndian<quint32>(data.constData() + at); };
        const qint64 skip = 28ll + u32(12) + u32(16) + u32(20) + u32(24);
        if (skip >= data.size())
            return {};
        *hint = QStringLiteral("glb");
        return data.mid(skip);
    }
    if (data.startsWith("glTF")) {
        *hint = QStringLiteral("glb");
        return data;
    }
    if (file.endsWith(QLatin1String(".gltf"), Qt::CaseInsensitive)) {
        *hint = QStringLiteral("gltf");
        return data;
    }
    return {};
}

/** Reads with Assimp; decodeTextures: also decodes embedded (compressed) textures. False on failure. */
bool assimpRead(const Content &c, bool decodeTextures, QString *why = nullptr, qint64 *texBytes = nullptr)
{
    QFile f(c.file);
    if (!f.open(QIODevice::ReadOnly))
        return false;
    QString hint;
    const QByteArray gltf = gltfBytes(f.readAll(), c.file, &hint);
    if (gltf.isEmpty())
        return false;
    Assimp::Importer importer;
    const aiScene *scene = hint == QLatin1String("gltf")
            ? importer.ReadFile(QFile::encodeName(c.file).toStdString(), aiProcess_Triangulate)
            : importer.ReadFileFromMemory(gltf.constData(), size_t(gltf.size()), aiProcess_Triangulate, "glb");
    if (!scene || !scene->mRootNode || scene->mNumMeshes == 0) {
        if (why)
            *why = QString::fromLocal8Bit(importer.GetErrorString());
        return false;
    }
    if (decodeTextures) {
        for (unsigned i = 0; i < scene->mNumTextures; ++i) {
            const aiTexture *t = scene->mTextures[i];
            if (t->mHeight == 0) {
                const QImage img = QImage::fromData(reinterpret_cast<const uchar *>(t->pcData), int(t->mWidth))
                                           .convertToFormat(QImage::Format_RGBA8888);
                if (texBytes)
                    *texBytes += img.sizeInBytes();
            }
        }
    }
    return true;
}

double seconds(Clock::time_point a, Clock::time_point b)
{
    return std::chrono::duration<double>(b - a).count();
}

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v.empty() ? 0 : v[v.size() / 2];
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    int reps = 5;
    QStringList dirs;
    const QStringList args = app.arguments().mid(1);
    for (int i = 0; i < args.size(); ++i) {
        if (args[i] == QLatin1String("--reps") && i + 1 < args.size())
            reps = std::max(1, args[++i].toInt());
        else
            dirs << args[i];
    }
    if (dirs.isEmpty())
        dirs << QStringLiteral(LIYUAN_SHARED_DATA "/3dtiles");

    // every glTF content reachable from each tileset's root, once
    std::vector<Content> contents;
    QSet<QString> seen;
    QStringList skipped;
    const tiles3d::Tiles3dOptions options = tiles3d::Tiles3dReader::options();
    for (const QString &dir : dirs) {
        QDirIterator it(dir, {QStringLiteral("tileset.json")}, QDir::Files, QDirIterator::Subdirectories);
        QStringList tilesets;
        while (it.hasNext())
            tilesets << it.next();
        tilesets.sort();
        for (const QString &ts : tilesets) {
            const QString sample = QDir(dir).relativeFilePath(QFileInfo(ts).absolutePath());
            QStringList queue{tiles3d::TileResolver::rootAddress(QFileInfo(ts).absoluteFilePath())};
            int visited = 0;
            while (!queue.isEmpty() && visited < 20000) {
                const QString address = queue.takeFirst();
                ++visited;
                tiles3d::ResolvedTile t;
                QString error;
                if (!tiles3d::TileResolver::resolve(address, options, &t, &error)) {
                    skipped << error;
                    continue;
                }
                queue << t.children;
                if (t.contentFile.isEmpty() || seen.contains(t.contentFile))
                    continue;
                seen.insert(t.contentFile);
                QFile f(t.contentFile);
                if (!f.open(QIODevice::ReadOnly))
                    continue;
                QString hint;
                if (gltfBytes(f.readAll(), t.contentFile, &hint).isEmpty())
                    continue; // pnts, i3dm, cmpt: no plain glTF to compare with
                Content c{sample, address, t.contentFile, QFileInfo(t.contentFile).size()};
                QString why;
                if (!assimpRead(c, false, &why)) {
                    skipped << QStringLiteral("%1: Assimp cannot read it (%2)").arg(QDir(dir).relativeFilePath(c.file), why.left(120));
                    continue;
                }
                if (!tiles3d::Tiles3dReader().read(address).ok) {
                    skipped << QStringLiteral("%1: liyuan cannot read it").arg(address);
                    continue;
                }
                contents.push_back(c);
            }
        }
    }
    if (contents.empty()) {
        std::fprintf(stderr, "bench_tiles3d: no glTF content found under %s\n", qPrintable(dirs.join(QLatin1Char(' '))));
        return 1;
    }

    // per sample: timed passes, alternating
    std::map<QString, std::vector<const Content *>> bySample;
    for (const Content &c : contents)
        bySample[c.tileset].push_back(&c);
    std::vector<std::pair<QString, std::vector<const Content *>>> rows(bySample.begin(), bySample.end());
    rows.emplace_back(QStringLiteral("**all**"), std::vector<const Content *>{});
    for (const Content &c : contents)
        rows.back().second.push_back(&c);

    std::printf("3D Tiles reader throughput vs a plain glTF read (Assimp) of the same content; single thread, "
                "warm file cache, median of %d passes\n\n", reps);
    std::printf("| sample | tiles | content MB | liyuan MB/s | liyuan tiles/s | Assimp MB/s | Assimp+textures MB/s | liyuan / Assimp | liyuan / Assimp+textures |\n");
    std::printf("|---|---|---|---|---|---|---|---|---|\n");
    for (const auto &[sample, list] : rows) {
        qint64 bytes = 0;
        for (const Content *c : list)
            bytes += c->bytes;
        auto pass = [&](int which) {
            const auto t0 = Clock::now();
            for (const Content *c : list) {
                if (which == 0) {
                    const TileReadResult r = tiles3d::Tiles3dReader().read(c->address);
                    (void)r;
                } else {
                    assimpRead(*c, which == 2);
                }
            }
            return seconds(t0, Clock::now());
        };
        for (int w = 0; w < 3; ++w)
            pass(w); // warm: file cache, tileset/subtree cache
        std::vector<double> t[3];
        for (int r = 0; r < reps; ++r)
            for (int w = 0; w < 3; ++w)
                t[w].push_back(pass(w));
        const double s0 = median(t[0]), s1 = median(t[1]), s2 = median(t[2]);
        const double mb = bytes / 1048576.0;
        std::printf("| %s | %d | %.2f | %.1f | %.0f | %.1f | %.1f | %.2f | %.2f |\n", qPrintable(sample), int(list.size()), mb, mb / s0,
                    list.size() / s0, mb / s1, mb / s2, s1 / s0, s2 / s0);
    }
    std::printf("\nratio > 1: liyuan faster. Left out (%d):\n", int(skipped.size()));
    for (const QString &s : skipped)
        std::printf("- %s\n", qPrintable(s));
    return 0;
}
