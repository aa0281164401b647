#pragma once
#include "DecodedContent.h"
#include "Mat4.h"

#include <liyuan/tiles3d/Tiles3dOptions.h>

#include <QByteArray>
#include <QString>

namespace liyuan::tiles3d {

/**
 * Decodes a glTF 2.0 asset (GLB or JSON; JSON read with Qt): triangle, strip, fan and point
 * primitives of the default scene with their node transforms, positions/normals/UVs/colours
 * through any accessor component type (KHR_mesh_quantization), KHR_draco_mesh_compression
 * (libdraco), EXT_meshopt_compression (meshoptimizer), CESIUM_RTC,
 * KHR_texture_transform on the base colour texture, PNG/JPEG textures (Qt); KTX2/Basis
 * textures are reported as missing (no transcoder) and the geometry is kept. The result is
 * turned from glTF's Y up to Z up. Every accessor and index is bounds-checked. Any thread.
 */
class GltfDecoder
{
public:
    /**
     * Decodes bytes (the asset of file, external URIs resolved against the file or URL baseFile) and appends to out.
     * featureOffset is added to batch ids (_BATCHID / _FEATURE_ID_0). False and *error
     * ("FILE: problem") on failure.
     */
    static bool decode(const QByteArray &bytes, const QString &file, const QString &baseFile,
                       const Tiles3dOptions &options, qint64 featureOffset, DecodedContent *out, QString *error);
};

} // namespace liyuan::tiles3d
