#pragma once
#include "ExportOptions.h"

#include <QString>
#include <QStringList>

#include <functional>

namespace liyuan {

/**
 * `liyuan export-3dtiles PRODUCTION OUT`: converts a ContextCapture OSGB production
 * (metadata.xml + Data/Tile_*, or one Tile_* folder; a local folder or an http(s)/s3 URL fetched
 * through RemoteSource, the server listing Data/) to OGC 3D Tiles 1.1.
 *
 * - One glb per OSGB file (OUT/Data/Tile_x/Tile_x_L15_0.glb mirrors the production), read with
 *   the OSGB plugin (osgb::OsgbReader): textured unlit primitives, JPEG/PNG textures embedded,
 *   float vertices relative to the tile's centre, which is the glb node's translation.
 * - Georeferencing: every vertex goes local frame → production SRS → ECEF (PROJ, in double) →
 *   an east-north-up frame tangent at the production's SRSOrigin; tileset.json's root
 *   `transform` takes that ENU frame to ECEF.
 * - tileset.json (explicit tiling, REPLACE) mirrors the PagedLOD tree: one tile per file, its
 *   children the child files. Bounding volumes are ENU boxes around the tile's content and its
 *   children. geometricError = sse · 2r / t for a PagedLOD in pixel-size mode (r its bounding-sphere
 *   radius, t the pixel size at which its child file takes over, sse =
 *   ExportOptions::maximumScreenSpaceError), so a viewer refining at that SSE switches at the
 *   distance OSG did; Liyuan's Tiles3dReader maps it back to t' = sse · 2r' / geometricError with
 *   r' its own bounding sphere (same switching distance). Several PagedLODs in one file: the largest.
 *   Distance mode (child within distance D): sse · D / nominalFocalPixels. Leaves: 0.
 * - Missing child files (remote: HTTP 404/410) are reported (warnings) and skipped; an unreadable file is an error naming
 *   it, and then no tileset.json is written. tileset.json is written as tileset.json.part and renamed.
 *
 * Blocking: call from the main thread of a command-line run; the files are converted on a
 * QThreadPool's worker threads.
 */
class Tiles3dExporter
{
public:
    struct Result
    {
        bool ok = false;
        int exitCode = 0;       ///< 0 done, 2 unusable input, 3 OUT cannot be written
        QString error;          ///< what failed, naming the file
        QStringList errors;     ///< every unreadable file ("FILE: problem")
        QStringList warnings;   ///< missing children, …
        QString tilesetFile;    ///< OUT/tileset.json when ok
        int files = 0;          ///< OSGB files converted
        int glbs = 0;           ///< glb files written (files with geometry)
        qint64 triangles = 0;
    };
    /** Called on the calling thread or a worker thread (serialised): done of total known so far. */
    using Progress = std::function<void(int done, int total)>;

    explicit Tiles3dExporter(const ExportOptions &options = {}) : m_options(options) {}

    /** Runs the export; blocks until done. */
    Result run(const QString &production, const QString &out, const Progress &progress = {}) const;

    /** The CLI: prints `progress N/M` lines and a summary on stdout, problems on stderr; returns the exit code. */
    static int runCommand(const QString &production, const QString &out, const ExportOptions &options);

private:
    ExportOptions m_options;
};

} // namespace liyuan
