#pragma once
#include <liyuan/scene/TileReader.h>

namespace liyuan::osgb {

/**
 * Reads OpenSceneGraph tile files (.osgb, .osgt, .ive) into plain TileContent:
 * float positions relative to a tile origin, normals, UVs, triangle indices (strips and
 * fans converted), RGBA textures and the PagedLOD structure with child file names
 * resolved against the file's folder.
 *
 * Thread-safe: read() runs on worker threads concurrently. The file is read into memory
 * first and parsed from a bounded stream, so truncated or random bytes end in an error
 * message naming the file, never a crash or hang.
 */
class OsgbReader : public TileReader
{
public:
    /** Largest file accepted (hostile sizes are refused before parsing). */
    static constexpr qint64 kMaxFileBytes = 512ll * 1024 * 1024;

    QString formatName() const override { return QStringLiteral("OSGB"); }
    bool identify(const QString &path) const override;
    TileReadResult read(const QString &path) const override;
    /** remote: parses a fetched file; child files resolve against `name` (its URL). */
    TileReadResult readData(const QByteArray &bytes, const QString &name) const override;

private:
    TileReadResult parse(QByteArray bytes, const QString &path, bool remote) const;
};

/**
 * Loads OSG's plugins and routes OSG's console chatter to Qt logging; registers an
 * OsgbReader with ReaderRegistry. Call once on the main thread before any read.
 */
void registerOsgbReader();

} // namespace liyuan::osgb
