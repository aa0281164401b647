#pragma once
// Shared helpers of the libFuzzer targets in tests/fuzz (not part of the app).
//
// Each target feeds the fuzzer's bytes to one parser the way the app does, then checks the
// parser's contract: a failure has a message naming the file, a success has consistent
// content (indices inside their arrays, sizes that match). A broken contract aborts, and
// libFuzzer saves the input as a crash.

#include <liyuan/scene/TileContent.h>

#include <QByteArray>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QString>
#include <QTemporaryDir>

#include <cstdint>
#include <cstdio>
#include <cstdlib>

namespace liyuan::fuzz {

/** Aborts (a libFuzzer crash) with the broken contract when cond is false. */
#define FUZZ_REQUIRE(cond, what)                                                                   \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            std::fprintf(stderr, "FUZZ CONTRACT BROKEN (%s:%d): %s: %s\n", __FILE__, __LINE__,      \
                         #cond, qPrintable(QString(what)));                                        \
            std::abort();                                                                          \
        }                                                                                          \
    } while (0)

/**
 * Once per process: a QCoreApplication (some readers use Qt's event machinery), and Qt
 * warnings silenced (parsers warn on every hostile input) unless LIYUAN_FUZZ_VERBOSE is set.
 */
inline void initQt()
{
    static int argc = 1;
    static char arg0[] = "fuzz";
    static char *argv[] = {arg0, nullptr};
    static QCoreApplication *app = nullptr;
    if (app)
        return;
    if (!qEnvironmentVariableIsSet("LIYUAN_FUZZ_VERBOSE"))
        qInstallMessageHandler([](QtMsgType type, const QMessageLogContext &, const QString &msg) {
            if (type == QtFatalMsg) {
                std::fprintf(stderr, "qFatal: %s\n", qPrintable(msg));
                std::abort();
            }
        });
    app = new QCoreApplication(argc, argv);
}

/** A per-process scratch folder (under $TMPDIR) for parsers that read a path. */
inline QString scratchFile(const QString &name)
{
    static QTemporaryDir dir(QDir::tempPath() + QStringLiteral("/liyuan-fuzz-XXXXXX"));
    return dir.filePath(name);
}

/** Writes the fuzzer's bytes to scratchFile(name) and returns its path. */
inline QString writeScratch(const QString &name, const uint8_t *data, size_t size)
{
    const QString path = scratchFile(name);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
        std::abort();
    if (size && f.write(reinterpret_cast<const char *>(data), qint64(size)) != qint64(size))
        std::abort();
    return path;
}

/** Checks what a renderer relies on in a TileContent: every index inside its array. */
inline void checkTileContent(const TileContent &c)
{
    for (const MeshData &m : c.meshes) {
        FUZZ_REQUIRE(m.positions.size() % 3 == 0, c.sourceFile);
        FUZZ_REQUIRE(m.indices.size() % 3 == 0, c.sourceFile);
        const size_t n = m.positions.size() / 3;
        FUZZ_REQUIRE(m.normals.empty() || m.normals.size() == n * 3, c.sourceFile);
        FUZZ_REQUIRE(m.uvs.empty() || m.uvs.size() == n * 2, c.sourceFile);
        FUZZ_REQUIRE(m.colors.empty() || m.colors.size() == n * 4, c.sourceFile);
        FUZZ_REQUIRE(m.triangleFeatures.empty() || m.triangleFeatures.size() == m.indices.size() / 3,
                     c.sourceFile);
        for (uint32_t i : m.indices)
            FUZZ_REQUIRE(i < n, QStringLiteral("%1: index %2 >= %3 vertices").arg(c.sourceFile).arg(i).arg(n));
        FUZZ_REQUIRE(m.imageIndex < int(c.images.size()), c.sourceFile);
        FUZZ_REQUIRE(m.group < int(c.groups.size()), c.sourceFile);
    }
    for (const ImageData &img : c.images)
        FUZZ_REQUIRE(img.isValid(), c.sourceFile + QStringLiteral(": image size does not match its bytes"));
    for (size_t k = 0; k < c.nodes.size(); ++k) {
        const LodNode &node = c.nodes[k];
        FUZZ_REQUIRE(node.parentNode < int(k), c.sourceFile);
        if (node.parentNode >= 0)
            FUZZ_REQUIRE(node.parentRange >= 0
                             && size_t(node.parentRange) < c.nodes[size_t(node.parentNode)].ranges.size(),
                         c.sourceFile);
        for (const LodRange &r : node.ranges)
            for (int mesh : r.meshes)
                FUZZ_REQUIRE(mesh >= 0 && size_t(mesh) < c.meshes.size(), c.sourceFile);
    }
}

/** A failed read's message must name the file it was given. */
inline void checkErrorNamesFile(const QString &error, const QString &file)
{
    FUZZ_REQUIRE(!error.trimmed().isEmpty(), QStringLiteral("empty error for ") + file);
    FUZZ_REQUIRE(error.contains(file) || error.contains(QDir::toNativeSeparators(file)),
                 QStringLiteral("error does not name the file: ") + error);
}

} // namespace liyuan::fuzz
