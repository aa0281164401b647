#pragma once
#include <QString>

namespace liyuan {

/**
 * Every setting and limit of `liyuan export-3dtiles`, in one place. Plain value, set on the
 * main thread before Tiles3dExporter::run, read by its worker threads.
 */
struct ExportOptions
{
    enum class Tiling { Explicit, Implicit };
    /** --tiling explicit|implicit. Implicit is refused for ContextCapture trees (irregular). */
    Tiling tiling = Tiling::Explicit;
    /**
     * The screen-space error (pixels) the geometric errors are computed for: a 3D Tiles viewer
     * refining at this SSE (CesiumJS and Liyuan default 16) switches level at the distance the
     * OSGB PagedLOD switched: geometricError = sse · 2r / t (see Tiles3dExporter).
     */
    double maximumScreenSpaceError = 16.0;
    /** Focal length in pixels assumed for PagedLODs in distance mode (1080 px high, 60° field of view). */
    double nominalFocalPixels = 935.3;
    /** JPEG quality of opaque textures (textures with transparency are written as PNG). */
    int jpegQuality = 90;
    /** Worker threads (0: QThreadPool's ideal count). */
    int threads = 0;
};

} // namespace liyuan
