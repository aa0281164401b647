#include "GlbTileWriter.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtEndian>

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

namespace {

void align4(QByteArray &bin, char pad = 0)
{
    while (bin.size() % 4)
        bin.append(pad);
}

} // namespace

QByteArray GlbTileWriter::glb(QString *error) const
{
    QByteArray bin;
    QJsonArray bufferViews, accessors, meshPrimitives, materials, textures, images;

    auto addView = [&](const void *data, qsizetype bytes, int target) {
        align4(bin);
        QJsonObject v{{QStringLiteral("buffer"), 0}, {QStringLiteral("byteOffset"), bin.size()},
                      {QStringLiteral("byteLength"), bytes}};
        if (target)
            v.insert(QStringLiteral("target"), target);
        bin.append(static_cast<const char *>(data), bytes);
        bufferViews.append(v);
        return int(bufferViews.size() - 1);
    };

    for (const Image &im : m_images) {
        const int view = addView(im.bytes.constData(), im.bytes.size(), 0);
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
        double mn[3] = {std::numeric_limits<double>::max(), std::numeric_limits<double>::max(), std::numeric_limits<double>::max()};
        double mx[3] = {-mn[0], -mn[1], -mn[2]};
        for (size_t i = 0; i < nv; ++i)
            for (int k = 0; k < 3; ++k) {
                const float v = p.positions[i * 3 + k];
                if (!std::isfinite(v)) {
                    *error = QStringLiteral("vertex %1 is not finite").arg(i);
                    return {};
                }
                mn[k] = std::min(mn[k], double(v));
                mx[k] = std::max(mx[k], double(v));
            }
        uint32_t maxIndex = 0;
        for (uint32_t i : p.indices)
            maxIndex = std::max(maxIndex, i);
        if (maxIndex >= nv) {
            *error = QStringLiteral("index %1 out of range (%2 vertices)").arg(maxIndex).arg(nv);
            return {};
        }
        QJsonObject attributes;
        const int posView = addView(p.positions.data(), qsizetype(p.positions.size() * sizeof(float)), 34962);
        accessors.append(QJsonObject{{QStringLiteral("bufferView"), posView}, {QStringLiteral("componentType"), 5126},
                                     {QStringLiteral("count"), qint64(nv)}, {QStringLiteral("type"), QStringLiteral("VEC3")},
                                     {QStringLiteral("min"), QJsonArray{float(mn[0]), float(mn[1]), float(mn[2])}},
                                     {QStringLiteral("max"), QJsonArray{float(mx[0]), float(mx[1]), float(mx[2])}}});
        attributes.insert(QStringLiteral("POSITION"), int(accessors.size() - 1));
        if (textured) {
            const int uvView = addView(p.uvs.data(), qsizetype(p.uvs.size() * sizeof(float)), 34962);
            accessors.append(QJsonObject{{QStringLiteral("bufferView"), uvView}, {QStringLiteral("componentType"), 5126},
                                         {QStringLiteral("count"), qint64(nv)}, {QStringLiteral("type"), QStringLiteral("VEC2")}});
            attributes.insert(QStringLiteral("TEXCOORD_0"), int(accessors.size() - 1));
        }
        const int idxView = addView(p.indices.data(), qsizetype(p.indices.size() * sizeof(uint32_t)), 34963);
        accessors.append(QJsonObject{{QStringLiteral("bufferView"), idxView}, {QStringLiteral("componentType"), 5125},
                                     {QStringLiteral("count"), qint64(p.indices.size())}, {QStringLiteral("type"), QStringLiteral("SCALAR")}});
        const int idxAccessor = int(accessors.size() - 1);

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
    align4(bin);

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
        gltf.insert(QStringLiteral("accessors"), accessors);
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
    if (!bin.isEmpty()) {
        gltf.insert(QStringLiteral("buffers"), QJsonArray{QJsonObject{{QStringLiteral("byteLength"), bin.size()}}});
        gltf.insert(QStringLiteral("bufferViews"), bufferViews);
    }
    QByteArray json = QJsonDocument(gltf).toJson(QJsonDocument::Compact);
    align4(json, ' ');

    QByteArray out;
    const quint32 total = quint32(12 + 8 + json.size() + (bin.isEmpty() ? 0 : 8 + bin.size()));
    auto u32 = [&out](quint32 v) {
        const quint32 le = qToLittleEndian(v);
        out.append(reinterpret_cast<const char *>(&le), 4);
    };
    out.reserve(total);
    u32(0x46546C67); // "glTF"
    u32(2);
    u32(total);
    u32(quint32(json.size()));
    u32(0x4E4F534A); // "JSON"
    out.append(json);
    if (!bin.isEmpty()) {
        u32(quint32(bin.size()));
        u32(0x004E4942); // "BIN\0"
        out.append(bin);
    }
    return out;
}

} // namespace liyuan
