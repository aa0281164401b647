#pragma once
#include <liyuan/scene/TileContent.h>
#include <liyuan/scene/TilesetOptions.h>

#include <QByteArray>
#include <QString>

namespace liyuan {

/**
 * Turns a tile's RGBA8 image into the bytes the renderer is handed: RGBA8 as is, or block
 * compressed (BC1/DXT1, BC3/DXT5) with libsquish. Stateless and reentrant: called on the loader
 * threads (TileDrawableModel::prepareInLoadThread), and by tests and benchmarks on any thread.
 * Rows keep ImageData's order (bottom row first), blocks follow them: as OpenGL expects.
 */
class TextureCompressor
{
public:
    /** The bytes of one texture in the format the renderer gets. */
    struct Result
    {
        int width = 0;
        int height = 0;
        TextureCompression format = TextureCompression::None; ///< Bc1 may become Bc3 (transparent pixels)
        QByteArray data; ///< RGBA8 (shared with the source image) or the compressed blocks
        qsizetype byteSize() const { return data.size(); }
    };

    /**
     * Converts `image` to `requested` (Bc1: Bc3 when a pixel is not opaque). Fails, with a
     * message in `error` (no file name: the caller adds it), for an invalid image or one whose
     * side exceeds `maxSide`. Sizes that are not a multiple of 4 are padded to whole blocks.
     */
    static bool compress(const ImageData &image, TextureCompression requested, int maxSide, Result *out,
                         QString *error);
    /**
     * A KTX 1 file of a compressed texture and, optionally, its smaller levels (each half the
     * previous, down to 1×1, made from `image` by 2×2 box filtering and compressed alike):
     * what Qt Quick 3D's Texture.source uploads as is. Empty for an uncompressed Result.
     */
    static QByteArray toKtx(const Result &level0, const ImageData &image, bool mipLevels);
    /** Decodes a Result back to RGBA8 (bottom row first): for tests and quality measurements. */
    static ImageData decompress(const Result &compressed);
    /** Bytes of a width × height texture in `format` (4×4 blocks: 8 bytes BC1, 16 bytes BC3). */
    static qsizetype byteSize(int width, int height, TextureCompression format);
    /** Whether any pixel of the image has alpha below 255. */
    static bool hasTransparency(const ImageData &image);
    /** Peak signal-to-noise ratio (dB) of b against a over R, G, B (same size; +inf when equal, -1 on a size mismatch). */
    static double psnr(const ImageData &a, const ImageData &b);
};

} // namespace liyuan
