#pragma once
// The glTF 2.0 binary container (.glb), shared by every writer of glb files (the demo's scheme
// models, export-3dtiles' tiles): our own code, no library.

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>

#include <cstdint>
#include <vector>

namespace liyuan {

/**
 * Collects the binary buffer of one glb — buffer views aligned to 4 bytes, float and index
 * accessors (positions with the min/max glTF requires) — and writes the container: the 12-byte
 * header, the JSON chunk padded with spaces and the BIN chunk padded with zeros. The caller
 * builds the rest of the glTF JSON (meshes, materials, nodes, …) around the returned indices.
 * Plain value type; use from one thread at a time.
 */
class GlbBuilder
{
public:
    static constexpr int kFloat = 5126;
    static constexpr int kUnsignedInt = 5125;
    static constexpr int kArrayBuffer = 34962;
    static constexpr int kElementArrayBuffer = 34963;

    /** Appends bytes to the BIN chunk at a 4-byte boundary as a buffer view (target 0: none, e.g. an image). Returns its index. */
    int addView(const void *data, qsizetype bytes, int target = 0);
    /**
     * A float accessor of `components` (2: VEC2, 3: VEC3) values per element over a new vertex
     * buffer view; with minMax, the per-component min and max. Returns the accessor's index.
     */
    int addFloats(const std::vector<float> &values, int components, bool minMax = false);
    /** An unsigned-int SCALAR accessor over a new element-array buffer view. Returns its index. */
    int addIndices(const std::vector<uint32_t> &indices);
    /** The index of the first value that is not finite (NaN, ±inf), or -1. */
    static qsizetype firstNonFinite(const std::vector<float> &values);

    /**
     * The .glb bytes of gltf plus the collected accessors, bufferViews and buffers (each only when
     * not empty; no BIN chunk without binary data).
     */
    QByteArray glb(QJsonObject gltf) const;

private:
    QByteArray m_bin;
    QJsonArray m_views;
    QJsonArray m_accessors;
};

} // namespace liyuan
