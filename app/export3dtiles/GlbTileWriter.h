#pragma once
#include <QByteArray>
#include <QString>

#include <array>
#include <cstdint>
#include <vector>

namespace liyuan {

/**
 * Builds the glb (glTF 2.0 binary) content of one 3D tile: textured triangle primitives with
 * KHR_materials_unlit (photogrammetry carries its light in the texture), float positions relative
 * to the node's translation (the tile centre, double), TEXCOORD_0, 32-bit indices, images embedded
 * in the BIN chunk (JPEG or PNG). Axes are glTF's (Y up); a 3D Tiles viewer turns them Z up.
 * Unlike app/demo's GltfWriter (untextured, lit scheme models) it carries UVs and images.
 * Plain value type; one thread at a time (each export worker has its own).
 */
class GlbTileWriter
{
public:
    struct Primitive
    {
        std::vector<float> positions;  ///< x,y,z per vertex (glTF axes, relative to the translation)
        std::vector<float> uvs;        ///< empty or u,v per vertex (glTF: v = 0 at the image's top row)
        std::vector<uint32_t> indices; ///< 3 per triangle
        int image = -1;                ///< index from addImage, or -1 (baseColor only)
        float color[4] = {1.f, 1.f, 1.f, 1.f}; ///< base colour factor (linear)
    };

    /** An encoded image (bytes of a JPEG or PNG file, mimeType image/jpeg or image/png). Returns its index. */
    int addImage(QByteArray bytes, const QString &mimeType);
    /** Adds a primitive; empty ones (no triangle) are ignored. */
    void addPrimitive(Primitive primitive);
    /** The node's translation (glTF axes): the tile centre the positions are relative to. */
    void setTranslation(const std::array<double, 3> &t) { m_translation = t; }
    /** A name for the asset's generator field and the node. */
    void setName(const QString &name) { m_name = name; }

    int primitiveCount() const { return int(m_primitives.size()); }
    qsizetype triangleCount() const;

    /** The .glb bytes; empty with *error when a primitive is inconsistent (index out of range, …). */
    QByteArray glb(QString *error) const;

private:
    struct Image
    {
        QByteArray bytes;
        QString mimeType;
    };
    std::vector<Image> m_images;
    std::vector<Primitive> m_primitives;
    std::array<double, 3> m_translation{0, 0, 0};
    QString m_name;
};

} // namespace liyuan
