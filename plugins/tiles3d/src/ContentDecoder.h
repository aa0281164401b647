#pragma once
#include "DecodedContent.h"
#include "Mat4.h"

#include <liyuan/tiles3d/Tiles3dOptions.h>

#include <QByteArray>
#include <QString>

namespace liyuan::tiles3d {

/**
 * Decodes one 3D Tiles content file by its magic: b3dm (feature table RTC_CENTER, batch
 * table → feature attributes), i3dm (instances: POSITION / POSITION_QUANTIZED,
 * NORMAL_UP/NORMAL_RIGHT (also oct-encoded), EAST_NORTH_UP, SCALE / SCALE_NON_UNIFORM,
 * embedded or referenced glTF), pnts (POSITION / POSITION_QUANTIZED, RGBA / RGB / RGB565 /
 * CONSTANT_RGBA, 3DTILES_draco_point_compression), cmpt (recursively) and glb/glTF.
 * Positions come out in the tile's frame, Z up. Every length is checked against the
 * file. Any thread.
 */
class ContentDecoder
{
public:
    /**
     * Decodes bytes of file. tileToTileset (the tile's accumulated transform) places i3dm
     * instances on the ellipsoid for EAST_NORTH_UP. False and *error ("FILE: problem") on failure.
     */
    static bool decode(const QByteArray &bytes, const QString &file, const Mat4 &tileToTileset,
                       const Tiles3dOptions &options, DecodedContent *out, QString *error);
};

} // namespace liyuan::tiles3d
