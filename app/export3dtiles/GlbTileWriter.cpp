#include "GlbTileWriter.h"

#include <liyuan/scene/GlbBuilder.h>

#include <QJsonArray>
#include <QJsonObject>

#include <cmath>
#include <limits>

namespace liyuan {

int GlbTileWriter::addImage(QByteArray bytes, const QString &mimeType)
{
    m_images.push_back({std::move(bytes), mimeType});
    return int(m_images.size() - 1);
}

void GlbTileWriter::addPrimitive(Primitive primitive)
{
    if (primitive.indices.size() < 3 || primitive.positions.empty())
        return;
    m_primitives.push_back(std::move(primitive));
}

qsizetype GlbTileWriter::triangleCount() const
{
    qsizetype n = 0;
    for (const Primitive &p : m_primitives)
        n += qsizetype(p.indices.size() / 3);
    return n;
}

QByteArray GlbTileWriter::glb(QString *error) const
{
    GlbBuilder glb;
    QJsonArray meshPrimitives, materials, textures, images;

    for (const Image &im : m_images) {
        const int view = glb.addView(im.bytes.constData(), im.bytes.size());
        images.append(QJsonObject{{QStringLiteral("bufferView"), view}, {QStringLiteral("mimeType"), im.mimeType}});
        textures.append(QJsonObject{{QStringLiteral("sampler"), 0}, {QStringLiteral("source"), int(images.size() - 1)}});
    }

    for (const Primitive &p : m_primitives) {
        const size_t nv = p.positions.size() / 3;
        if (p.positions.size() % 3 || nv == 0 || p.indices.size() % 3) {
            *error = QStringLiteral("a primitive has %1 position values and %2 indices (not whole vertices/triangles)")
                             .arg(p.positions.size()).arg(p.indices.size());
            return {};
        }
        if (nv > size_t(std::numeric_limits<uint32_t>::max())) {
            *error = QStringLiteral("a primitive has too many vertices (%1)").arg(nv);
            return {};
        }
        const bool textured = p.image >= 0 && p.image < int(m_images.size()) && p.uvs.size() == nv * 2;
        if (const qsizetype bad = GlbBuilder::firstNonFinite(p.positions); bad >= 0) {
            *error = QStringLiteral("vertex %1 is not finite").arg(bad / 3);
            return {};
        }
        uint32_t maxIndex = 0;
        for (uint32_t i : p.indices)
            maxIndex = std::max(maxIndex, i);
        if (maxIndex >= nv) {
            *error = QStringLiteral("index %1 out of range (%2 vertices)").arg(maxIndex).arg(nv);
            return {};
        }
        QJsonObject attributes;
        attributes.insert(QStringLiteral("POSITION"), glb.addFloats(p.positions, 3, true));
        if (textured)
            attributes.insert(QStringLiteral("TEXCOORD_0"), glb.addFloats(p.uvs, 2));
        const int idxAccessor = glb.addIndices(p.indices);

        QJsonObject pbr{{QStringLiteral("baseColorFactor"), QJsonArray{p.color[0], p.color[1], p.color[2], p.color[3]}},
                        {QStringLiteral("metallicFactor"), 0.0}, {QStringLiteral("roughnessFactor"), 1.0}};
        if (textured)
            pbr.insert(QStringLiteral("baseColorTexture"), QJsonObject{{QStringLiteral("index"), p.image}});
        QJsonObject material{{QStringLiteral("pbrMetallicRoughness"), pbr}, {QStringLiteral("doubleSided"), true},
                             {QStringLiteral("extensions"), QJsonObject{{QStringLiteral("KHR_materials_unlit"), QJsonObject{}}}}};
        if (p.color[3] < 1.f)
            material.insert(QStringLiteral("alphaMode"), QStringLiteral("BLEND"));
        materials.append(material);
        meshPrimitives.append(QJsonObject{{QStringLiteral("attributes"), attributes},
                                          {QStringLiteral("indices"), idxAccessor},
                                          {QStringLiteral("material"), int(materials.size() - 1)},
                                          {QStringLiteral("mode"), 4}});
    }

    QJsonObject gltf;
    gltf.insert(QStringLiteral("asset"), QJsonObject{{QStringLiteral("version"), QStringLiteral("2.0")},
                                                     {QStringLiteral("generator"), QStringLiteral("Liyuan export-3dtiles")}});
    gltf.insert(QStringLiteral("scene"), 0);
    QJsonObject node{{QStringLiteral("translation"), QJsonArray{m_translation[0], m_translation[1], m_translation[2]}}};
    if (!m_name.isEmpty())
        node.insert(QStringLiteral("name"), m_name);
    if (!meshPrimitives.isEmpty()) {
        node.insert(QStringLiteral("mesh"), 0);
        gltf.insert(QStringLiteral("meshes"), QJsonArray{QJsonObject{{QStringLiteral("primitives"), meshPrimitives}}});
        gltf.insert(QStringLiteral("materials"), materials);
        gltf.insert(QStringLiteral("extensionsUsed"), QJsonArray{QStringLiteral("KHR_materials_unlit")});
    }
    gltf.insert(QStringLiteral("nodes"), QJsonArray{node});
    gltf.insert(QStringLiteral("scenes"), QJsonArray{QJsonObject{{QStringLiteral("nodes"), QJsonArray{0}}}});
    if (!images.isEmpty()) {
        gltf.insert(QStringLiteral("images"), images);
        gltf.insert(QStringLiteral("textures"), textures);
        // LINEAR / LINEAR_MIPMAP_LINEAR, clamped (atlas textures of photogrammetry)
        gltf.insert(QStringLiteral("samplers"), QJsonArray{QJsonObject{{QStringLiteral("magFilter"), 9729},
                                                                       {QStringLiteral("minFilter"), 9987},
                                                                       {QStringLiteral("wrapS"), 33071},
                                                                       {QStringLiteral("wrapT"), 33071}}});
    }
    return glb.glb(gltf);
}

} // namespace liyuan
