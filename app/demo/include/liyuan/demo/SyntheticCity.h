#pragma once
#include <QString>

#include <atomic>
#include <cstdint>
#include <functional>

namespace liyuan::demo {

/** What `liyuan generate-city` is asked to write. Plain data, any thread. */
struct SyntheticCityOptions
{
    double areaKm2 = 1.0;   ///< city area (square km); the city is a square grid of tile blocks covering at least this
    int levels = 10;        ///< PagedLOD levels below and including the root file of each tile block
    double tileSize = 500;  ///< edge of one tile block (Data/Tile_+xxx_+yyy), metres
    uint64_t seed = 1;      ///< same seed + options: the same bytes
    int threads = 0;        ///< worker threads (0: QThread::idealThreadCount())

    // limits (validate() enforces them)
    static constexpr double kMinAreaKm2 = 0.01, kMaxAreaKm2 = 2500;
    static constexpr int kMinLevels = 2, kMaxLevels = 16;
    static constexpr double kMinTileSize = 50, kMaxTileSize = 5000;
    static constexpr int64_t kMaxFiles = 5000000;
};

/** Outcome of a generation. */
struct SyntheticCityResult
{
    bool ok = false;
    int exitCode = 0;       ///< 0 ok; 64 bad options; 3 OUT cannot be written; 2 OUT holds something else; 130 cancelled
    QString error;          ///< "PATH: problem" or "--option: problem"
    QString datasetDir;     ///< the production root (metadata.xml, Data/)
    bool reused = false;    ///< OUT was already complete for these options (stamp found): nothing written
    int tilesX = 0, tilesY = 0;
    int64_t files = 0;      ///< .osgb files in the production
    int64_t bytes = 0;      ///< bytes on disk of those files + metadata.xml
    int64_t triangles = 0;  ///< summed over every file
    int levels = 0;
    int splitLevels = 0;    ///< levels that split a node in four (the rest refine the same area)
    double seconds = 0;     ///< wall time of this run
};

/**
 * Writes a synthetic city of any size as a ContextCapture production: metadata.xml (EPSG:4549,
 * CGCS2000 / 3-degree Gauss-Krüger CM 120E, with SRSOrigin) and Data/Tile_+xxx_+yyy/ with a root
 * Tile_+xxx_+yyy.osgb per tile block and a PagedLOD pyramid of `levels` levels below it, named
 * Tile_+xxx_+yyy_L<15+depth>_<path>.osgb (path: one digit per level, the quadrant 0..3).
 * Nodes split in four while the child would stay at least 50 m wide, then refine the same area
 * (denser terrain, roofs, larger textures). Content is procedural: terrain, street blocks with
 * buildings (flat and hip roofs), one small JPEG atlas per file (top view + facades).
 * Tile blocks are written in parallel, each into Data/<tile>.part and renamed when complete, so
 * a run that was stopped resumes where it was; a stamp file (.liyuan-city-complete) marks the end.
 * Deterministic: the same options and seed give the same bytes. Runs on the calling thread
 * (plus workers); progress is called from the calling thread.
 */
class SyntheticCity
{
public:
    /** "--option: problem" for options out of range, else empty. */
    static QString validate(const SyntheticCityOptions &o);
    /** Tile blocks along x and y for the options. */
    static int tilesPerSide(const SyntheticCityOptions &o);
    /** Levels that split in four (the rest refine the same area). */
    static int splitLevels(const SyntheticCityOptions &o);
    /** .osgb files the options produce. */
    static int64_t expectedFiles(const SyntheticCityOptions &o);
    /** The stamp file written last into a complete city folder. */
    static QString stampFileName();

    using Progress = std::function<void(int64_t done, int64_t total)>;
    /** Generates (or resumes, or reuses) the city in outDir. cancel: polled between files. */
    static SyntheticCityResult generate(const QString &outDir, const SyntheticCityOptions &o, const Progress &progress = {},
                                        const std::atomic_bool *cancel = nullptr);
    /** `liyuan generate-city`: progress lines and a summary on stdout, errors on stderr; returns the exit code. */
    static int run(const QString &outDir, const SyntheticCityOptions &o);
};

} // namespace liyuan::demo
