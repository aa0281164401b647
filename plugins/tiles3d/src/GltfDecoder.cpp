#include "GltfDecoder.h"
#include "TilesetCache.h"

#include <tiny_gltf.h>
#include <meshoptimizer.h>
#include <draco/compression/decode.h>

#include <QDir>
#include <QFileInfo>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrl>
#include <QtEndian>

#include <cmath>
#include <cstring>
#include <map>

namespace liyuan::tiles3d {
namespace {

bool keepImageBytes(tinygltf::Image *image, const int, std::string *, std::string *, int, int,
                    const unsigned char *bytes, int size, void *)
{
    image->image.assign(bytes, bytes + size); // encoded; decoded by Qt below
    image->as_is = true;
    return true;
}

/**
 * Debian's tinygltf refuses two valid shapes before we see the model, so the glTF JSON is
 * adjusted first: gltfpack's EXT_meshopt_compression fallback buffer (no uri, byteLength
 * larger than the BIN chunk; never read, its views are decoded from the compressed buffer)
 * gets byteLength 1; a KHR_draco_mesh_compression primitive loses its "indices" accessor
 * (it has no bufferView; the indices come from the Draco stream). Returns changed.
 */
bool patchJson(QJsonObject &root)
{
    bool changed = false;
    QJsonArray buffers = root.value(QLatin1String("buffers")).toArray();
    for (int i = 1; i < buffers.size(); ++i) {
        QJsonObject b = buffers[i].toObject();
        if (!b.contains(QLatin1String("uri"))
            && b.value(QLatin1String("extensions")).toObject().value(QLatin1String("EXT_meshopt_compression")).toObject()
                       .value(QLatin1String("fallback")).toBool()) {
            b.insert(QLatin1String("byteLength"), 1);
            buffers[i] = b;
            changed = true;
        }
    }
    if (changed)
        root.insert(QLatin1String("buffers"), buffers);
    QJsonArray meshes = root.value(QLatin1String("meshes")).toArray();
    bool meshesChanged = false;
    for (int m = 0; m < meshes.size(); ++m) {
        QJsonObject mesh = meshes[m].toObject();
        QJsonArray prims = mesh.value(QLatin1String("primitives")).toArray();
        bool primsChanged = false;
        for (int p = 0; p < prims.size(); ++p) {
            QJsonObject prim = prims[p].toObject();
            if (prim.value(QLatin1String("extensions")).toObject().contains(QLatin1String("KHR_draco_mesh_compression"))
                && prim.contains(QLatin1String("indices"))) {
                prim.remove(QLatin1String("indices"));
                prims[p] = prim;
                primsChanged = true;
            }
        }
        if (primsChanged) {
            mesh.insert(QLatin1String("primitives"), prims);
            meshes[m] = mesh;
            meshesChanged = true;
        }
    }
    if (meshesChanged)
        root.insert(QLatin1String("meshes"), meshes);
    return changed || meshesChanged;
}

QByteArray patchForTinyGltf(const QByteArray &input)
{
    if (!input.contains("EXT_meshopt_compression") && !input.contains("KHR_draco_mesh_compression"))
        return input;
    if (!input.startsWith("glTF")) {
        QJsonDocument doc = QJsonDocument::fromJson(input);
        QJsonObject root = doc.object();
        return doc.isObject() && patchJson(root) ? QJsonDocument(root).toJson(QJsonDocument::Compact) : input;
    }
    const QByteArray &glb = input;
    if (glb.size() < 20)
        return glb;
    const auto *p = reinterpret_cast<const uchar *>(glb.constData());
    const quint32 jsonLen = qFromLittleEndian<quint32>(p + 12);
    if (qFromLittleEndian<quint32>(p + 16) != 0x4E4F534Au || jsonLen > quint32(glb.size() - 20))
        return glb;
    QJsonDocument doc = QJsonDocument::fromJson(glb.mid(20, qsizetype(jsonLen)));
    QJsonObject root = doc.object();
    if (!doc.isObject() || !patchJson(root))
        return glb;
    QByteArray json = QJsonDocument(root).toJson(QJsonDocument::Compact);
    while (json.size() % 4)
        json.append(' ');
    QByteArray out = glb.left(12);
    QByteArray hdr(8, '\0');
    qToLittleEndian<quint32>(quint32(json.size()), hdr.data());
    qToLittleEndian<quint32>(0x4E4F534Au, hdr.data() + 4);
    out += hdr + json + glb.mid(20 + qsizetype(jsonLen));
    qToLittleEndian<quint32>(quint32(out.size()), out.data() + 8);
    return out;
}

bool decodeMeshopt(tinygltf::Model &model, QString *what)
{
    for (size_t i = 0; i < model.bufferViews.size(); ++i) {
        tinygltf::BufferView &bv = model.bufferViews[i];
        auto it = bv.extensions.find("EXT_meshopt_compression");
        if (it == bv.extensions.end())
            continue;
        const tinygltf::Value &e = it->second;
        const int buffer = e.Get("buffer").GetNumberAsInt();
        const size_t off = size_t(e.Get("byteOffset").IsNumber() ? e.Get("byteOffset").GetNumberAsDouble() : 0);
        const size_t len = size_t(e.Get("byteLength").GetNumberAsDouble());
        const size_t stride = size_t(e.Get("byteStride").GetNumberAsDouble());
        const size_t count = size_t(e.Get("count").GetNumberAsDouble());
        const std::string mode = e.Get("mode").Get<std::string>();
        const std::string filter = e.Has("filter") ? e.Get("filter").Get<std::string>() : std::string("NONE");
        if (buffer < 0 || size_t(buffer) >= model.buffers.size() || off + len > model.buffers[size_t(buffer)].data.size()
            || stride == 0 || stride > 256 || count > (1u << 28)) {
            *what = QStringLiteral("bufferViews[%1]: EXT_meshopt_compression range outside its buffer").arg(i);
            return false;
        }
        std::vector<unsigned char> dst(count * stride);
        const unsigned char *src = model.buffers[size_t(buffer)].data.data() + off;
        int rc = -1;
        if (mode == "ATTRIBUTES")
            rc = meshopt_decodeVertexBuffer(dst.data(), count, stride, src, len);
        else if (mode == "TRIANGLES" && (stride == 2 || stride == 4))
            rc = meshopt_decodeIndexBuffer(dst.data(), count, stride, src, len);
        else if (mode == "INDICES" && (stride == 2 || stride == 4))
            rc = meshopt_decodeIndexSequence(dst.data(), count, stride, src, len);
        if (rc != 0) {
            *what = QStringLiteral("bufferViews[%1]: EXT_meshopt_compression %2 data does not decode (%3)")
                            .arg(i).arg(QString::fromStdString(mode)).arg(rc);
            return false;
        }
        if (filter == "OCTAHEDRAL" && (stride == 4 || stride == 8))
            meshopt_decodeFilterOct(dst.data(), count, stride);
        else if (filter == "QUATERNION" && stride == 8)
            meshopt_decodeFilterQuat(dst.data(), count, stride);
        else if (filter == "EXPONENTIAL" && stride % 4 == 0)
            meshopt_decodeFilterExp(dst.data(), count, stride);
        else if (filter != "NONE") {
            *what = QStringLiteral("bufferViews[%1]: EXT_meshopt_compression filter %2 with stride %3")
                            .arg(i).arg(QString::fromStdString(filter)).arg(stride);
            return false;
        }
        tinygltf::Buffer nb;
        nb.data = std::move(dst);
        model.buffers.push_back(std::move(nb));
        bv.buffer = int(model.buffers.size() - 1);
        bv.byteOffset = 0;
        bv.byteLength = model.buffers.back().data.size();
        bv.byteStride = mode == "ATTRIBUTES" ? stride : 0;
        bv.extensions.erase(it);
    }
    return true;
}

/** A bounds-checked view of an accessor's elements. */
struct Accessor
{
    const unsigned char *data = nullptr;
    size_t stride = 0;
    int componentType = 0;
    int components = 0;
    size_t count = 0;
    bool normalized = false;
    const double *owned = nullptr; ///< decoded (Draco) values, components per element

    double get(size_t i, int c) const
    {
        if (owned)
            return owned[i * size_t(components) + size_t(c)];
        const unsigned char *p = data + i * stride;
        switch (componentType) {
        case TINYGLTF_COMPONENT_TYPE_FLOAT: { float f; std::memcpy(&f, p + 4 * c, 4); return f; }
        case TINYGLTF_COMPONENT_TYPE_BYTE: { const double v = double(int8_t(p[c])); return normalized ? std::max(v / 127.0, -1.0) : v; }
        case TINYGLTF_COMPONENT_TYPE_UNSIGNED_BYTE: { const double v = p[c]; return normalized ? v / 255.0 : v; }
        case TINYGLTF_COMPONENT_TYPE_SHORT: { int16_t s; std::memcpy(&s, p + 2 * c, 2); return normalized ? std::max(s / 32767.0, -1.0) : s; }
        case TINYGLTF_COMPONENT_TYPE_UNSIGNED_SHORT: { uint16_t s; std::memcpy(&s, p + 2 * c, 2); return normalized ? s / 65535.0 : s; }
        case TINYGLTF_COMPONENT_TYPE_UNSIGNED_INT: { uint32_t s; std::memcpy(&s, p + 4 * c, 4); return s; }
        default: return 0;
        }
    }
};

bool accessor(const tinygltf::Model &m, int index, Accessor *out, QString *what)
{
    if (index < 0 || size_t(index) >= m.accessors.size()) {
        *what = QStringLiteral("accessor %1 does not exist").arg(index);
        return false;
    }
    const tinygltf::Accessor &a = m.accessors[size_t(index)];
    const int comps = tinygltf::GetNumComponentsInType(uint32_t(a.type));
    const int csize = tinygltf::GetComponentSizeInBytes(uint32_t(a.componentType));
    if (comps <= 0 || csize <= 0) {
        *what = QStringLiteral("accessor %1 has an unknown type").arg(index);
        return false;
    }
    if (a.bufferView < 0 || size_t(a.bufferView) >= m.bufferViews.size()) {
        *what = QStringLiteral("accessor %1 has no bufferView").arg(index);
        return false;
    }
    if (a.sparse.isSparse) {
        *what = QStringLiteral("accessor %1 is sparse (not supported)").arg(index);
        return false;
    }
    const tinygltf::BufferView &bv = m.bufferViews[size_t(a.bufferView)];
    if (bv.buffer < 0 || size_t(bv.buffer) >= m.buffers.size()) {
        *what = QStringLiteral("bufferView %1 names no buffer").arg(a.bufferView);
        return false;
    }
    const tinygltf::Buffer &b = m.buffers[size_t(bv.buffer)];
    const size_t elem = size_t(comps) * size_t(csize);
    const size_t stride = bv.byteStride ? bv.byteStride : elem;
    if (bv.byteOffset > b.data.size() || bv.byteLength > b.data.size() - bv.byteOffset) {
        *what = QStringLiteral("bufferView %1 (offset %2, length %3) lies outside buffer %4 (%5 bytes)")
                        .arg(a.bufferView).arg(bv.byteOffset).arg(bv.byteLength).arg(bv.buffer).arg(b.data.size());
        return false;
    }
    if (a.count > 0
        && (a.byteOffset > bv.byteLength || (a.count - 1) > (bv.byteLength - a.byteOffset) / stride
            || a.byteOffset + (a.count - 1) * stride + elem > bv.byteLength)) {
        *what = QStringLiteral("accessor %1 (%2 elements of %3 bytes from offset %4) reads past its bufferView %5 (%6 bytes)")
                        .arg(index).arg(a.count).arg(elem).arg(a.byteOffset).arg(a.bufferView).arg(bv.byteLength);
        return false;
    }
    out->data = b.data.data() + bv.byteOffset + a.byteOffset;
    out->stride = stride;
    out->componentType = a.componentType;
    out->components = comps;
    out->count = a.count;
    out->normalized = a.normalized;
    return true;
}

Mat4 nodeMatrix(const tinygltf::Node &n)
{
    Mat4 m;
    if (n.matrix.size() == 16) {
        for (int i = 0; i < 16; ++i)
            m.m[i] = n.matrix[size_t(i)];
        return m;
    }
    Mat4 t, r, s;
    if (n.translation.size() == 3)
        t = Mat4::translation({n.translation[0], n.translation[1], n.translation[2]});
    if (n.rotation.size() == 4) {
        const double x = n.rotation[0], y = n.rotation[1], z = n.rotation[2], w = n.rotation[3];
        r = Mat4::fromColumns({1 - 2 * (y * y + z * z), 2 * (x * y + z * w), 2 * (x * z - y * w)},
                              {2 * (x * y - z * w), 1 - 2 * (x * x + z * z), 2 * (y * z + x * w)},
                              {2 * (x * z + y * w), 2 * (y * z - x * w), 1 - 2 * (x * x + y * y)}, {});
    }
    if (n.scale.size() == 3) {
        s.m[0] = n.scale[0];
        s.m[5] = n.scale[1];
        s.m[10] = n.scale[2];
    }
    return t * r * s;
}

ImageData toImageData(const QImage &src, int maxSide)
{
    ImageData out;
    if (src.isNull())
        return out;
    QImage img = src;
    if (img.width() > maxSide || img.height() > maxSide)
        img = img.scaled(maxSide, maxSide, Qt::KeepAspectRatio, Qt::SmoothTransformation);
    img = img.convertToFormat(QImage::Format_RGBA8888);
    out.width = img.width();
    out.height = img.height();
    out.rgba.resize(qsizetype(out.width) * out.height * 4);
    const qsizetype row = qsizetype(out.width) * 4;
    for (int y = 0; y < out.height; ++y)
        std::memcpy(out.rgba.data() + row * y, img.constScanLine(out.height - 1 - y), size_t(row));
    return out;
}

struct Decoder
{
    const tinygltf::Model &model;
    QString file;
    QString baseDir;
    const Tiles3dOptions &options;
    qint64 featureOffset;
    DecodedContent *out;
    Mat4 root; ///< rtc · yUpToZUp
    std::map<int, int> imageMap; ///< glTF image → out->images index (-1: unusable)
    QStringList missingExtensions;
    int nodesVisited = 0;

    int imageFor(int textureIndex)
    {
        if (textureIndex < 0 || size_t(textureIndex) >= model.textures.size())
            return -1;
        const tinygltf::Texture &t = model.textures[size_t(textureIndex)];
        int source = t.source;
        if (source < 0) {
            for (const char *ext : {"KHR_texture_basisu", "EXT_texture_webp"})
                if (t.extensions.count(ext)) {
                    if (!missingExtensions.contains(QLatin1String(ext)))
                        missingExtensions << QLatin1String(ext);
                    return -1;
                }
            return -1;
        }
        if (size_t(source) >= model.images.size())
            return -1;
        if (auto it = imageMap.find(source); it != imageMap.end())
            return it->second;
        const tinygltf::Image &im = model.images[size_t(source)];
        QByteArray bytes;
        if (!im.image.empty())
            bytes = QByteArray(reinterpret_cast<const char *>(im.image.data()), qsizetype(im.image.size()));
        else if (!im.uri.empty() && im.uri.rfind("data:", 0) != 0) {
            QString err;
            const QString path = QDir(baseDir).absoluteFilePath(QUrl::fromPercentEncoding(QByteArray::fromStdString(im.uri)));
            if (!TilesetCache::readFile(path, options.maxFileBytes, &bytes, &err))
                out->warnings << QStringLiteral("%1: texture %2").arg(file, err);
        }
        int result = -1;
        if (im.mimeType == "image/ktx2" || bytes.startsWith("\xABKTX 20")) {
            if (!missingExtensions.contains(QLatin1String("KHR_texture_basisu")))
                missingExtensions << QStringLiteral("KHR_texture_basisu");
        } else if (!bytes.isEmpty()) {
            const QImage img = QImage::fromData(bytes);
            if (img.isNull())
                out->warnings << QStringLiteral("%1: image %2 (%3) does not decode; drawn untextured")
                                         .arg(file).arg(source).arg(QString::fromStdString(im.mimeType));
            else {
                out->images.push_back(toImageData(img, options.maxTextureSide));
                result = int(out->images.size() - 1);
            }
        }
        imageMap[source] = result;
        return result;
    }

    bool node(int index, const Mat4 &parent, int depth, QString *what)
    {
        if (index < 0 || size_t(index) >= model.nodes.size() || depth > 64 || ++nodesVisited > 100000) {
            *what = QStringLiteral("node %1 does not exist or the node graph is cyclic").arg(index);
            return false;
        }
        const tinygltf::Node &n = model.nodes[size_t(index)];
        const Mat4 m = parent * nodeMatrix(n);
        if (n.mesh >= 0) {
            if (size_t(n.mesh) >= model.meshes.size()) {
                *what = QStringLiteral("node %1 names mesh %2 which does not exist").arg(index).arg(n.mesh);
                return false;
            }
            const tinygltf::Mesh &mesh = model.meshes[size_t(n.mesh)];
            for (size_t p = 0; p < mesh.primitives.size(); ++p)
                if (!primitive(mesh.primitives[p], m, what)) {
                    *what = QStringLiteral("mesh %1 primitive %2: %3").arg(n.mesh).arg(p).arg(*what);
                    return false;
                }
        }
        for (int c : n.children)
            if (!node(c, m, depth + 1, what))
                return false;
        return true;
    }

    bool primitive(const tinygltf::Primitive &prim, const Mat4 &nodeXf, QString *what)
    {
        const int mode = prim.mode < 0 ? TINYGLTF_MODE_TRIANGLES : prim.mode;
        if (mode != TINYGLTF_MODE_TRIANGLES && mode != TINYGLTF_MODE_TRIANGLE_STRIP && mode != TINYGLTF_MODE_TRIANGLE_FAN
            && mode != TINYGLTF_MODE_POINTS)
            return true; // lines are not drawn
        auto attr = [&](const char *name) {
            auto it = prim.attributes.find(name);
            return it == prim.attributes.end() ? -1 : it->second;
        };
        // KHR_draco_mesh_compression: attributes and indices come from the Draco stream
        std::map<std::string, std::vector<double>> dracoData;
        std::map<std::string, int> dracoComps;
        std::vector<uint32_t> dracoIndices;
        bool draco = false;
        size_t dracoPoints = 0;
        if (auto it = prim.extensions.find("KHR_draco_mesh_compression"); it != prim.extensions.end()) {
            draco = true;
            const tinygltf::Value &e = it->second;
            const int view = e.Get("bufferView").GetNumberAsInt();
            if (view < 0 || size_t(view) >= model.bufferViews.size()) {
                *what = QStringLiteral("KHR_draco_mesh_compression.bufferView %1 does not exist").arg(view);
                return false;
            }
            const tinygltf::BufferView &bv = model.bufferViews[size_t(view)];
            if (bv.buffer < 0 || size_t(bv.buffer) >= model.buffers.size()
                || bv.byteOffset + bv.byteLength > model.buffers[size_t(bv.buffer)].data.size()) {
                *what = QStringLiteral("Draco bufferView %1 lies outside its buffer").arg(view);
                return false;
            }
            draco::DecoderBuffer buf;
            buf.Init(reinterpret_cast<const char *>(model.buffers[size_t(bv.buffer)].data.data() + bv.byteOffset), bv.byteLength);
            draco::Decoder decoder;
            auto res = decoder.DecodeMeshFromBuffer(&buf);
            if (!res.ok()) {
                *what = QStringLiteral("Draco mesh does not decode: %1").arg(QString::fromStdString(res.status().error_msg_string()));
                return false;
            }
            const std::unique_ptr<draco::Mesh> dm = std::move(res).value();
            dracoPoints = dm->num_points();
            if (qint64(dracoPoints) > options.maxVerticesPerTile) {
                *what = QStringLiteral("Draco mesh of %1 points exceeds the limit").arg(dracoPoints);
                return false;
            }
            const tinygltf::Value &attrs = e.Get("attributes");
            for (const std::string &name : attrs.Keys()) {
                const draco::PointAttribute *a = dm->GetAttributeByUniqueId(uint32_t(attrs.Get(name).GetNumberAsInt()));
                if (!a || a->num_components() < 1 || a->num_components() > 4)
                    continue;
                const int nc = a->num_components();
                std::vector<double> &v = dracoData[name];
                v.resize(dracoPoints * size_t(nc));
                float tmp[4];
                for (size_t i = 0; i < dracoPoints; ++i) {
                    if (!a->ConvertValue<float>(a->mapped_index(draco::PointIndex(uint32_t(i))), int8_t(nc), tmp)) {
                        *what = QStringLiteral("Draco attribute %1 does not convert").arg(QString::fromStdString(name));
                        return false;
                    }
                    for (int k = 0; k < nc; ++k)
                        v[i * size_t(nc) + size_t(k)] = tmp[k];
                }
                dracoComps[name] = nc;
            }
            dracoIndices.reserve(size_t(dm->num_faces()) * 3);
            for (uint32_t f = 0; f < dm->num_faces(); ++f) {
                const draco::Mesh::Face &face = dm->face(draco::FaceIndex(f));
                for (int k = 0; k < 3; ++k)
                    dracoIndices.push_back(face[k].value());
            }
        }
        auto source = [&](const char *name, Accessor *a) {
            if (draco) {
                auto it = dracoData.find(name);
                if (it != dracoData.end()) {
                    a->owned = it->second.data();
                    a->components = dracoComps[name];
                    a->count = dracoPoints;
                    a->normalized = false;
                    return true;
                }
            }
            return accessor(model, attr(name), a, what);
        };
        auto has = [&](const char *name) { return attr(name) >= 0 || dracoData.count(name) > 0; };
        Accessor pos;
        if (!source("POSITION", &pos) || pos.components != 3) {
            if (pos.components != 3 && what->isEmpty())
                *what = QStringLiteral("POSITION is not VEC3");
            *what = QStringLiteral("POSITION: %1").arg(*what);
            return false;
        }
        if (out->vertexCount() + qint64(pos.count) > options.maxVerticesPerTile) {
            *what = QStringLiteral("more than %1 vertices").arg(options.maxVerticesPerTile);
            return false;
        }
        const Mat4 xf = root * nodeXf;
        DecodedMesh d;
        d.points = mode == TINYGLTF_MODE_POINTS;
        d.positions.resize(pos.count * 3);
        for (size_t i = 0; i < pos.count; ++i) {
            const Vec3d p = xf.point({pos.get(i, 0), pos.get(i, 1), pos.get(i, 2)});
            if (!std::isfinite(p.x) || !std::isfinite(p.y) || !std::isfinite(p.z)) {
                *what = QStringLiteral("POSITION %1 is not finite").arg(i);
                return false;
            }
            d.positions[i * 3] = p.x, d.positions[i * 3 + 1] = p.y, d.positions[i * 3 + 2] = p.z;
        }
        Accessor a;
        if (has("NORMAL")) {
            if (!source("NORMAL", &a) || a.count != pos.count || a.components != 3) {
                *what = QStringLiteral("NORMAL: %1").arg(what->isEmpty() ? QStringLiteral("count or type wrong") : *what);
                return false;
            }
            d.normals.resize(pos.count * 3);
            for (size_t i = 0; i < pos.count; ++i) {
                const Vec3d n = xf.vector({a.get(i, 0), a.get(i, 1), a.get(i, 2)}).normalized();
                d.normals[i * 3] = float(n.x), d.normals[i * 3 + 1] = float(n.y), d.normals[i * 3 + 2] = float(n.z);
            }
        }
        // material
        bool unlit = false;
        int texCoord = 0;
        const tinygltf::ExtensionMap *texExt = nullptr;
        if (prim.material >= 0 && size_t(prim.material) < model.materials.size()) {
            const tinygltf::Material &mat = model.materials[size_t(prim.material)];
            const auto &f = mat.pbrMetallicRoughness.baseColorFactor;
            if (f.size() == 4)
                for (int k = 0; k < 4; ++k)
                    d.color[k] = float(f[size_t(k)]);
            unlit = mat.extensions.count("KHR_materials_unlit") > 0;
            int tex = mat.pbrMetallicRoughness.baseColorTexture.index;
            texCoord = mat.pbrMetallicRoughness.baseColorTexture.texCoord;
            texExt = &mat.pbrMetallicRoughness.baseColorTexture.extensions;
            if (tex < 0) {
                // KHR_techniques_webgl (3D Tiles 1.0 billboards): its first texture value
                auto it = mat.extensions.find("KHR_techniques_webgl");
                if (it != mat.extensions.end() && it->second.Has("values")) {
                    const tinygltf::Value &vals = it->second.Get("values");
                    for (const std::string &k : vals.Keys())
                        if (vals.Get(k).IsObject() && vals.Get(k).Has("index")) {
                            tex = vals.Get(k).Get("index").GetNumberAsInt();
                            texExt = nullptr;
                            break;
                        }
                }
            }
            if (tex >= 0)
                d.imageIndex = imageFor(tex);
        }
        const char *uvAttr = texCoord == 1 ? "TEXCOORD_1" : "TEXCOORD_0";
        if (d.imageIndex >= 0 && has(uvAttr)) {
            if (!source(uvAttr, &a) || a.count != pos.count || a.components != 2) {
                *what = QStringLiteral("TEXCOORD: %1").arg(what->isEmpty() ? QStringLiteral("count or type wrong") : *what);
                return false;
            }
            double off[2] = {0, 0}, sc[2] = {1, 1}, rot = 0;
            if (texExt) {
                auto it = texExt->find("KHR_texture_transform");
                if (it != texExt->end()) {
                    const tinygltf::Value &t = it->second;
                    if (t.Has("offset") && t.Get("offset").ArrayLen() == 2)
                        off[0] = t.Get("offset").Get(0).GetNumberAsDouble(), off[1] = t.Get("offset").Get(1).GetNumberAsDouble();
                    if (t.Has("scale") && t.Get("scale").ArrayLen() == 2)
                        sc[0] = t.Get("scale").Get(0).GetNumberAsDouble(), sc[1] = t.Get("scale").Get(1).GetNumberAsDouble();
                    if (t.Has("rotation"))
                        rot = t.Get("rotation").GetNumberAsDouble();
                }
            }
            const double cr = std::cos(rot), sr = std::sin(rot);
            d.uvs.resize(pos.count * 2);
            for (size_t i = 0; i < pos.count; ++i) {
                const double u = a.get(i, 0) * sc[0], v = a.get(i, 1) * sc[1];
                const double tu = cr * u + sr * v + off[0], tv = -sr * u + cr * v + off[1];
                d.uvs[i * 2] = float(tu);
                d.uvs[i * 2 + 1] = float(1.0 - tv); // glTF v runs down, images are stored bottom row first
            }
        } else {
            d.imageIndex = -1;
        }
        if (has("COLOR_0") && source("COLOR_0", &a) && a.count == pos.count
            && (a.components == 3 || a.components == 4)) {
            d.colors.resize(pos.count * 4);
            for (size_t i = 0; i < pos.count; ++i)
                for (int k = 0; k < 4; ++k)
                    d.colors[i * 4 + size_t(k)] =
                            uint8_t(std::clamp(k < a.components ? a.get(i, k) : 1.0, 0.0, 1.0) * 255.0 + 0.5);
        }
        what->clear();
        std::vector<qint64> vertexFeature;
        const char *fid = has("_BATCHID") ? "_BATCHID" : has("BATCHID") ? "BATCHID" : has("_FEATURE_ID_0") ? "_FEATURE_ID_0" : nullptr;
        if (fid && source(fid, &a) && a.count == pos.count) {
            vertexFeature.resize(pos.count);
            for (size_t i = 0; i < pos.count; ++i)
                vertexFeature[i] = qint64(a.get(i, 0)) + featureOffset;
        }
        what->clear();
        // indices
        std::vector<uint32_t> idx;
        if (draco) {
            for (uint32_t v : dracoIndices)
                if (v >= pos.count) {
                    *what = QStringLiteral("Draco index %1 beyond the %2 vertices").arg(v).arg(pos.count);
                    return false;
                }
            idx = std::move(dracoIndices);
        } else if (prim.indices >= 0) {
            if (!accessor(model, prim.indices, &a, what) || a.components != 1
                || a.componentType == TINYGLTF_COMPONENT_TYPE_FLOAT) {
                *what = QStringLiteral("indices: %1").arg(what->isEmpty() ? QStringLiteral("not scalar integers") : *what);
                return false;
            }
            idx.resize(a.count);
            for (size_t i = 0; i < a.count; ++i) {
                const double v = a.get(i, 0);
                if (v < 0 || v >= double(pos.count)) {
                    *what = QStringLiteral("index %1 is %2, beyond the %3 vertices").arg(i).arg(qint64(v)).arg(pos.count);
                    return false;
                }
                idx[i] = uint32_t(v);
            }
        } else {
            idx.resize(pos.count);
            for (size_t i = 0; i < pos.count; ++i)
                idx[i] = uint32_t(i);
        }
        if (d.points) {
            d.features = vertexFeature;
        } else {
            if (mode == TINYGLTF_MODE_TRIANGLES) {
                idx.resize(idx.size() / 3 * 3);
                d.indices = std::move(idx);
            } else {
                for (size_t i = 2; i < idx.size(); ++i) {
                    if (mode == TINYGLTF_MODE_TRIANGLE_STRIP) {
                        if (i % 2 == 0)
                            d.indices.insert(d.indices.end(), {idx[i - 2], idx[i - 1], idx[i]});
                        else
                            d.indices.insert(d.indices.end(), {idx[i - 1], idx[i - 2], idx[i]});
                    } else {
                        d.indices.insert(d.indices.end(), {idx[0], idx[i - 1], idx[i]});
                    }
                }
            }
            if (!vertexFeature.empty()) {
                d.features.resize(d.indices.size() / 3);
                for (size_t t = 0; t < d.features.size(); ++t)
                    d.features[t] = vertexFeature[d.indices[t * 3]];
            }
        }
        d.lit = !unlit && !d.normals.empty() && d.imageIndex < 0 && d.colors.empty() && !d.points;
        out->meshes.push_back(std::move(d));
        return true;
    }
};

} // namespace

bool GltfDecoder::decode(const QByteArray &input, const QString &file, const QString &baseDir,
                         const Tiles3dOptions &options, qint64 featureOffset, DecodedContent *out, QString *error)
{
    tinygltf::Model model;
    std::string err, warn;
    bool ok = false;
    try {
        tinygltf::TinyGLTF loader;
        loader.SetImageLoader(keepImageBytes, nullptr);
        loader.SetStoreOriginalJSONForExtrasAndExtensions(false);
        const QByteArray bytes = patchForTinyGltf(input);
        if (bytes.startsWith("glTF")) {
            ok = loader.LoadBinaryFromMemory(&model, &err, &warn, reinterpret_cast<const unsigned char *>(bytes.constData()),
                                             unsigned(bytes.size()), baseDir.toStdString());
        } else {
            ok = loader.LoadASCIIFromString(&model, &err, &warn, bytes.constData(), unsigned(bytes.size()),
                                            baseDir.toStdString());
        }
    } catch (const std::exception &e) {
        err = e.what();
        ok = false;
    }
    if (!ok) {
        *error = QStringLiteral("%1: glTF does not load: %2").arg(file, QString::fromStdString(err).trimmed());
        return false;
    }
    QString what;
    if (!decodeMeshopt(model, &what)) {
        *error = QStringLiteral("%1: %2").arg(file, what);
        return false;
    }
    Decoder d{model, file, baseDir, options, featureOffset, out, Mat4::yUpToZUp(), {}, {}, 0};
    auto rtc = model.extensions.find("CESIUM_RTC");
    if (rtc != model.extensions.end() && rtc->second.Has("center") && rtc->second.Get("center").ArrayLen() == 3) {
        const tinygltf::Value &c = rtc->second.Get("center");
        d.root = Mat4::translation({c.Get(0).GetNumberAsDouble(), c.Get(1).GetNumberAsDouble(), c.Get(2).GetNumberAsDouble()})
                 * d.root;
    }
    const size_t before = out->meshes.size();
    const int scene = model.defaultScene >= 0 ? model.defaultScene : 0;
    if (size_t(scene) < model.scenes.size()) {
        for (int n : model.scenes[size_t(scene)].nodes)
            if (!d.node(n, Mat4(), 0, &what)) {
                *error = QStringLiteral("%1: %2").arg(file, what);
                out->meshes.resize(before);
                return false;
            }
    } else {
        for (size_t m = 0; m < model.meshes.size(); ++m)
            for (const tinygltf::Primitive &p : model.meshes[m].primitives)
                if (!d.primitive(p, Mat4(), &what)) {
                    *error = QStringLiteral("%1: mesh %2: %3").arg(file).arg(m).arg(what);
                    out->meshes.resize(before);
                    return false;
                }
    }
    if (!d.missingExtensions.isEmpty())
        out->warnings << QStringLiteral("%1: textures need %2, which has no decoder here (no KTX2/Basis transcoder in Debian 12); "
                                        "geometry loaded untextured")
                                 .arg(file, d.missingExtensions.join(QStringLiteral(", ")));
    for (const std::string &ext : model.extensionsRequired) {
        static const QStringList known{QStringLiteral("KHR_draco_mesh_compression"), QStringLiteral("EXT_meshopt_compression"),
                                       QStringLiteral("KHR_mesh_quantization"), QStringLiteral("KHR_texture_transform"),
                                       QStringLiteral("KHR_materials_unlit"), QStringLiteral("CESIUM_RTC"),
                                       QStringLiteral("KHR_texture_basisu"), QStringLiteral("KHR_techniques_webgl")};
        if (!known.contains(QString::fromStdString(ext)))
            out->warnings << QStringLiteral("%1: required extension %2 is not supported; drawn without it")
                                     .arg(file, QString::fromStdString(ext));
    }
    return true;
}

} // namespace liyuan::tiles3d
