#pragma once
#include <liyuan/assimp/ModelContent.h>

#include <QString>

#include <functional>

namespace liyuan::assimp {

/**
 * Reads building models through Assimp 5.2 (IFC 2x3, glTF 2.0 / GLB incl. Draco, OBJ, FBX,
 * DAE, 3DS, PLY, STL, ...) into plain ModelContent.
 *
 * Thread-safe: each read() uses its own Assimp::Importer; call from any thread.
 * Refused before Assimp sees them (clear error naming the file): IFC4 (this Assimp fails on it),
 * truncated GLB, files without a known extension or magic, files larger than kMaxFileBytes.
 * Assimp errors and exceptions are turned into error messages.
 */
class ModelReader
{
public:
    static constexpr qint64 kMaxFileBytes = 2ll * 1024 * 1024 * 1024;

    /** Cheap check: a known extension, and for GLB / IFC a matching magic. */
    static bool identify(const QString &path);

    /** progress receives values in [0,1] (may be called from the calling thread only). */
    ModelReadResult read(const QString &path, const std::function<void(double)> &progress = {}) const;
};

} // namespace liyuan::assimp
