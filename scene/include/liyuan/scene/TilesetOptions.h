#pragma once
#include <QString>
#include <QStringList>

class QSettings;

namespace liyuan {

/**
 * How tile textures are held, on the CPU (QQuick3DTextureData's bytes) and by the renderer alike:
 * None = RGBA8 (4 bytes per pixel); Bc1 = BC1/DXT1 (0.5 byte per pixel; images with transparent
 * pixels get Bc3); Bc3 = BC3/DXT5 for every image (1 byte per pixel).
 */
enum class TextureCompression { None, Bc1, Bc3 };

/**
 * Every limit of tile streaming, in one place. Set from the command line
 * (--cache-mb, --max-loads, --lod-scale, --frame-budget-ms) and from settings
 * (group "streaming"). Plain value; read on the GUI thread each frame.
 */
struct TilesetOptions
{
    /** Byte budget of the tile cache: geometry + texture memory of loaded tiles. */
    qint64 cacheBytes = 1024ll * 1024 * 1024;
    /** Tile files read at the same time (worker threads). */
    int maxConcurrentLoads = 2;
    /**
     * LOD scale as OpenSceneGraph's LODScale: pixel sizes are divided by it and distances
     * multiplied, so 2 shows coarser levels and 0.5 finer ones. 1 matches osgviewer.
     */
    double lodScale = 1.0;
    /** Milliseconds per frame the GUI thread may spend attaching loaded tiles (at least one tile per frame). */
    double attachBudgetMs = 6.0;
    /**
     * While tiles stream in and nothing moves (no flight, tour or interaction), frames are drawn at
     * most this often: each frame of a large view costs the software rasteriser most of the CPU the
     * tile reads need. 0: every arrival draws a frame at once.
     */
    int streamingFrameIntervalMs = 100;
    /** Photogrammetry carries its own lighting: draw unlit. */
    bool unlit = true;
    /**
     * Mipmapped, trilinear texture filtering: smoother distant textures, but ~15–20 % more
     * rendering time under a software rasteriser and a third more texture memory.
     * Off by default, as ContextCapture's files ask (MIN_FILTER LINEAR) and osgviewer draws.
     */
    bool mipmaps = false;
    /**
     * Block compression of tile textures, done on the loader threads (--texture-compression,
     * setting streaming/textureCompression: none, bc1, bc3). BC1 holds a texture in an eighth of
     * RGBA8's bytes, and only the renderer holds it (KTX files the renderer reads; Qt 6.4's
     * QQuick3DTextureData cannot upload compressed data). See README "Texture memory".
     */
    TextureCompression textureCompression = TextureCompression::Bc1;
    /**
     * Drawables of loaded tiles that are not drawn now but keep their GPU copies ("parked": a
     * Model drawn with zero instances, see TileDrawable). The least recently shown beyond this
     * are hidden instead, and Qt 6.4 releases their copies: showing one again re-uploads it and
     * leaves a cached resource binding behind (QTBUG-126581). Each parked drawable costs the
     * render thread a few microseconds per frame. 0: none parked.
     */
    int maxParkedDrawables = 2048;
    /** A tile texture wider or taller than this is refused (drawn untextured, with a warning naming the file). */
    int maxTextureSide = 16384;
    /**
     * On shutdown, loads still running are told to cancel (LoadCancel) and waited for at most
     * this long; a read that ignores the request is left behind, so exit never hangs on it.
     */
    int shutdownWaitMs = 2000;

    // remote: datasets opened by URL (RemoteSource); --disk-cache-mb, --offline
    /** Size limit of the on-disk cache of downloaded files (least recently used evicted); 0 = no disk cache. */
    qint64 diskCacheBytes = 2048ll * 1024 * 1024;
    /** Folder of the disk cache; empty = <XDG cache>/liyuan/http. Shared safely by several instances. */
    QString diskCacheDir;
    /** Serve URLs from the disk cache only; a miss is an error naming the URL. */
    bool offline = false;
    /** A request that receives no byte for this long is aborted (and retried). */
    int requestTimeoutMs = 15000;
    /** Retries of a request after a 5xx, a timeout, a dropped connection or a truncated body. */
    int maxRetries = 3;
    /** First retry delay; doubled on each further retry. */
    int retryBaseMs = 250;
    /** HTTP requests at the same time (tile loads of URLs may exceed maxConcurrentLoads up to this). */
    int maxConcurrentRequests = 6;

    /** Reads the "streaming" group; keys missing from settings keep their defaults. */
    static TilesetOptions fromSettings(const QSettings &settings, const TilesetOptions &defaults);
    /** Writes the "streaming" group. */
    void save(QSettings &settings) const;
    /** "none", "bc1", "bc3". */
    static QString compressionName(TextureCompression c);
    /** Parses compressionName()'s words (case-insensitive); false for anything else. */
    static bool parseCompression(const QString &name, TextureCompression *out);
    /** Clamps every value to a sane range; returns what was clamped, as messages. */
    QStringList sanitize();
};

} // namespace liyuan
