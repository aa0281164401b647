#include "GltfDecoder.h"
#include "Resource.h"
#include "TilesetCache.h"

#include <draco/compression/decode.h>
#include <meshoptimizer.h>

#include <QDir>
#include <QFileInfo>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrl>
#include <QtEndian>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <map>

// The glTF JSON is read with Qt, not tinygltf: Debian's libtinygltf.so is built without
// Draco, its header-only build needs nlohmann-json (not installed), and libdraco.so.7
// exports its own, different tinygltf whose symbols win over libtinygltf's once Assimp
// has loaded libdraco first — the app crashed freeing tinygltf::Model. Draco and meshopt
// are still decoded by their libraries.

namespace liyuan::tiles3d {
namespace {

enum Comp { I8 = 5120, U8 = 5121, I16 = 5122, U16 = 5123, U32 = 5125, F32 = 5126 };

int compSize(int c)
{
    switch (c) {
    case I8: case U8: return 1;
    case I16: case U16: return 2;
    case U32: case F32: return 4;
    default: return 0;
    }
}

int typeComponents(const QString &t)
{
    static const QHash<QString, int> m{{QStringLiteral("SCALAR"), 1}, {QStringLiteral("VEC2"), 2}, {QStringLiteral("VEC3"), 3},
                                      {QStringLiteral("VEC4"), 4}, {QStringLiteral("MAT2"), 4}, {QStringLiteral("MAT3"), 9},
                                      {QStringLiteral("MAT4"), 16}};
    return m.value(t, 0);
}

/** A bounds-checked view of an accessor's elements (or decoded Draco values). */
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
        case F32: { float f; std::memcpy(&f, p + 4 * c, 4); return f; }
        case I8: { const double v = double(int8_t(p[c])); return normalized ? std::max(v / 127.0, -1.0) : v; }
        case U8: { const double v = p[c]; return normalized ? v / 255.0 : v; }
        case I16: { int16_t s; std::memcpy(&s, p + 2 * c, 2); return normalized ? std::max(s / 32767.0, -1.0) : s; }
        case U16: { uint16_t s; std::memcpy(&s, p + 2 * c, 2); return normalized ? s / 65535.0 : s; }
        case U32: { uint32_t s; std::memcpy(&s, p + 4 * c, 4); return s; }
        default: return 0;
        }
    }
};

struct View
{
    int buffer = -1;
    qint64 offset = 0;
    qint64 length = 0;
    qint64 stride = 0;
};

QJsonObject obj(const QJsonValue &v) { return v.toObject(); }
QJsonArray arr(const QJsonObject &o, const char *k) { return o.value(QLatin1String(k)).toArray(); }

Mat4 nodeMatrix(const QJsonObject &n)
{
    Mat4 m;
    if (m.fromJson(n.value(QLatin1String("matrix"))))
        return m;
    Mat4 t, r, s;
    const QJsonArray tr = arr(n, "translation"), ro = arr(n, "rotation"), sc = arr(n, "scale");
    if (tr.size() == 3)
        t = Mat4::translation({tr[0].toDouble(), tr[1].toDouble(), tr[2].toDouble()});
    if (ro.size() == 4) {
        const double x = ro[0].toDouble(), y = ro[1].toDouble(), z = ro[2].toDouble(), w = ro[3].toDouble();
        r = Mat4::fromColumns({1 - 2 * (y * y + z * z), 2 * (x * y + z * w), 2 * (x * z - y * w)},
                              {2 * (x * y - z * w), 1 - 2 * (x * x + z * z), 2 * (y * z + x * w)},
                              {2 * (x * z + y * w), 2 * (y * z - x * w), 1 - 2 * (x * x + y * y)}, {});
    }
    if (sc.size() == 3) {
        s.m[0] = sc[0].toDouble();
        s.m[5] = sc[1].toDouble();
        s.m[10] = sc[2].toDouble();
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
    QJsonObject gltf;
    QString file;
    QString baseFile; ///< external URIs resolve against it (Resource::resolve)
    const Tiles3dOptions &options;
    qint64 featureOffset = 0;
    DecodedContent *out = nullptr;
    std::vector<QByteArray> buffers;
    std::vector<View> views;
    Mat4 root; ///< rtc · yUpToZUp
    std::map<int, int> imageMap; ///< glTF image → out->images index (-1: unusable)
    QStringList missingExtensions;
    int nodesVisited = 0;

    bool loadUri(const QString &uri, QByteArray *data, QString *what)
    {
        if (uri.startsWith(QLatin1String("data:"))) {
            const int comma = uri.indexOf(QLatin1Char(','));
            if (comma < 0 || !uri.left(comma).endsWith(QLatin1String(";base64"))) {
                *what = QStringLiteral("a data URI that is not base64");
                return false;
            }
            *data = QByteArray::fromBase64(uri.mid(comma + 1).toLatin1());
            return true;
        }
        const QString path = Resource::resolve(baseFile, uri); // local or URL
        return TilesetCache::readFile(path, options.maxFileBytes, data, what);
    }

    bool loadBuffers(const QByteArray &bin, bool hasBin, QString *what)
    {
        const QJsonArray jb = arr(gltf, "buffers");
        for (int i = 0; i < jb.size(); ++i) {
            const QJsonObject b = jb[i].toObject();
            const double len = b.value(QLatin1String("byteLength")).toDouble(-1);
            if (len < 0 || len > double(options.maxFileBytes)) {
                *what = QStringLiteral("buffers[%1].byteLength is missing or too large").arg(i);
                return false;
            }
            QByteArray data;
            if (b.contains(QLatin1String("uri"))) {
                if (!loadUri(b.value(QLatin1String("uri")).toString(), &data, what)) {
                    *what = QStringLiteral("buffers[%1]: %2").arg(i).arg(*what);
                    return false;
                }
            } else if (i == 0 && hasBin) {
                data = bin;
            } else if (obj(obj(b.value(QLatin1String("extensions"))).value(QLatin1String("EXT_meshopt_compression")))
                               .value(QLatin1String("fallback")).toBool()) {
                buffers.emplace_back(); // never read: its views are decoded from the compressed buffer
                continue;
            } else {
                *what = QStringLiteral("buffers[%1] has no uri and no GLB binary chunk").arg(i);
                return false;
            }
            if (data.size() < qint64(len)) {
                *what = QStringLiteral("buffers[%1] holds %2 bytes, byteLength says %3").arg(i).arg(data.size()).arg(qint64(len));
                return false;
            }
            buffers.push_back(data);
        }
        const QJsonArray jv = arr(gltf, "bufferViews");
        for (int i = 0; i < jv.size(); ++i) {
            const QJsonObject v = jv[i].toObject();
            View w;
            w.buffer = v.value(QLatin1String("buffer")).toInt(-1);
            w.offset = qint64(v.value(QLatin1String("byteOffset")).toDouble(0));
            w.length = qint64(v.value(QLatin1String("byteLength")).toDouble(-1));
            w.stride = qint64(v.value(QLatin1String("byteStride")).toDouble(0));
            const QJsonObject mo = obj(obj(v.value(QLatin1String("extensions"))).value(QLatin1String("EXT_meshopt_compression")));
            if (!mo.isEmpty() && !decodeMeshopt(i, mo, &w, what))
                return false;
            if (w.buffer < 0 || size_t(w.buffer) >= buffers.size() || w.offset < 0 || w.length < 0 || w.stride < 0 || w.stride > 252
                || w.offset + w.length > buffers[size_t(w.buffer)].size()) {
                *what = QStringLiteral("bufferViews[%1] (buffer %2, offset %3, length %4) lies outside its buffer")
                                .arg(i).arg(w.buffer).arg(w.offset).arg(w.length);
                return false;
            }
            views.push_back(w);
        }
        return true;
    }

    bool decodeMeshopt(int i, const QJsonObject &e, View *w, QString *what)
    {
        const int buffer = e.value(QLatin1String("buffer")).toInt(-1);
        const qint64 off = qint64(e.value(QLatin1String("byteOffset")).toDouble(0));
        const qint64 len = qint64(e.value(QLatin1String("byteLength")).toDouble(-1));
        const qint64 stride = qint64(e.value(QLatin1String("byteStride")).toDouble(0));
        const qint64 count = qint64(e.value(QLatin1String("count")).toDouble(-1));
        const QString mode = e.value(QLatin1String("mode")).toString();
        const QString filter = e.value(QLatin1String("filter")).toString(QStringLiteral("NONE"));
        if (buffer < 0 || size_t(buffer) >= buffers.size() || off < 0 || len < 0 || off + len > buffers[size_t(buffer)].size()
            || stride <= 0 || stride > 256 || count < 0 || count * stride > options.maxFileBytes) {
            *what = QStringLiteral("bufferViews[%1]: EXT_meshopt_compression range outside its buffer").arg(i);
            return false;
        }
        QByteArray dst(qsizetype(count * stride), '\0');
        const auto *src = reinterpret_cast<const unsigned char *>(buffers[size_t(buffer)].constData() + off);
        int rc = -1;
        if (mode == QLatin1String("ATTRIBUTES"))
            rc = meshopt_decodeVertexBuffer(dst.data(), size_t(count), size_t(stride), src, size_t(len));
        else if (mode == QLatin1String("TRIANGLES") && (stride == 2 || stride == 4))
            rc = meshopt_decodeIndexBuffer(dst.data(), size_t(count), size_t(stride), src, size_t(len));
        else if (mode == QLatin1String("INDICES") && (stride == 2 || stride == 4))
            rc = meshopt_decodeIndexSequence(dst.data(), size_t(count), size_t(stride), src, size_t(len));
        if (rc != 0) {
            *what = QStringLiteral("bufferViews[%1]: EXT_meshopt_compression %2 data does not decode (%3)").arg(i).arg(mode).arg(rc);
            return false;
        }
        if (filter == QLatin1String("OCTAHEDRAL") && (stride == 4 || stride == 8))
            meshopt_decodeFilterOct(dst.data(), size_t(count), size_t(stride));
        else if (filter == QLatin1String("QUATERNION") && stride == 8)
            meshopt_decodeFilterQuat(dst.data(), size_t(count), size_t(stride));
        else if (filter == QLatin1String("EXPONENTIAL") && stride % 4 == 0)
            meshopt_decodeFilterExp(dst.data(), size_t(count), size_t(stride));
        else if (filter != QLatin1String("NONE")) {
            *what = QStringLiteral("bufferViews[%1]: EXT_meshopt_compression filter %2 with stride %3").arg(i).arg(filter).arg(stride);
            return false;
        }
        buffers.push_back(dst);
        w->buffer = int(buffers.size() - 1);
        w->offset = 0;
        w->length = dst.size();
        w->stride = mode == QLatin1String("ATTRIBUTES") ? stride : 0;
        return true;
    }

    bool accessor(int index, Accessor *a, QString *what) const
    {
        const QJsonArray acc = arr(gltf, "accessors");
        if (index < 0 || index >= acc.size()) {
            *what = QStringLiteral("accessor %1 does not exist").arg(index);
            return false;
        }
        const QJsonObject o = acc[index].toObject();
        const int comps = typeComponents(o.value(QLatin1String("type")).toString());
        const int ct = o.value(QLatin1String("componentType")).toInt();
        const int cs = compSize(ct);
        const double count = o.value(QLatin1String("count")).toDouble(-1);
        if (comps == 0 || cs == 0 || count < 0) {
            *what = QStringLiteral("accessor %1 has an unknown type, componentType or count").arg(index);
            return false;
        }
        if (o.contains(QLatin1String("sparse"))) {
            *what = QStringLiteral("accessor %1 is sparse (not supported)").arg(index);
            return false;
        }
        const int vi = o.value(QLatin1String("bufferView")).toInt(-1);
        if (vi < 0 || size_t(vi) >= views.size()) {
            *what = QStringLiteral("accessor %1 has no bufferView").arg(index);
            return false;
        }
        const View &v = views[size_t(vi)];
        const qint64 elem = qint64(comps) * cs;
        const qint64 stride = v.stride ? v.stride : elem;
        const qint64 off = qint64(o.value(QLatin1String("byteOffset")).toDouble(0));
        const qint64 n = qint64(count);
        if (off < 0 || (n > 0 && (off > v.length || (n - 1) > (v.length - off) / stride || off + (n - 1) * stride + elem > v.length))) {
            *what = QStringLiteral("accessor %1 (%2 elements of %3 bytes from offset %4) reads past its bufferView %5 (%6 bytes)")
                            .arg(index).arg(n).arg(elem).arg(off).arg(vi).arg(v.length);
            return false;
        }
        a->data = reinterpret_cast<const unsigned char *>(buffers[size_t(v.buffer)].constData()) + v.offset + off;
        a->stride = size_t(stride);
        a->componentType = ct;
        a->components = comps;
        a->count = size_t(n);
        a->normalized = o.value(QLatin1String("normalized")).toBool();
        a->owned = nullptr;
        return true;
    }

    int imageFor(int textureIndex)
    {
        const QJsonArray textures = arr(gltf, "textures");
        if (textureIndex < 0 || textureIndex >= textures.size())
            return -1;
        const QJsonObject t = textures[textureIndex].toObject();
        const QJsonObject ext = obj(t.value(QLatin1String("extensions")));
        int source = t.value(QLatin1String("source")).toInt(-1);
        if (source < 0) {
            for (const char *e : {"KHR_texture_basisu", "EXT_texture_webp"})
                if (ext.contains(QLatin1String(e)) && !missingExtensions.contains(QLatin1String(e)))
                    missingExtensions << QLatin1String(e);
            return -1;
        }
        const QJsonArray images = arr(gltf, "images");
        if (source >= images.size())
            return -1;
        if (auto it = imageMap.find(source); it != imageMap.end())
            return it->second;
        const QJsonObject im = images[source].toObject();
        const QString mime = im.value(QLatin1String("mimeType")).toString();
        QByteArray bytes;
        QString err;
        if (im.contains(QLatin1String("uri"))) {
            if (!loadUri(im.value(QLatin1String("uri")).toString(), &bytes, &err))
                out->warnings << QStringLiteral("%1: image %2: %3").arg(file).arg(source).arg(err);
        } else {
            const int vi = im.value(QLatin1String("bufferView")).toInt(-1);
            if (vi >= 0 && size_t(vi) < views.size())
                bytes = buffers[size_t(views[size_t(vi)].buffer)].mid(qsizetype(views[size_t(vi)].offset), qsizetype(views[size_t(vi)].length));
        }
        int result = -1;
        if (mime == QLatin1String("image/ktx2") || bytes.startsWith("\xABKTX 20")) {
            if (!missingExtensions.contains(QLatin1String("KHR_texture_basisu")))
                missingExtensions << QStringLiteral("KHR_texture_basisu");
        } else if (!bytes.isEmpty()) {
            const QImage img = QImage::fromData(bytes);
            if (img.isNull()) {
                out->warnings << QStringLiteral("%1: image %2 (%3) does not decode; drawn untextured").arg(file).arg(source).arg(mime);
            } else {
                out->images.push_back(toImageData(img, options.maxTextureSide));
                result = int(out->images.size() - 1);
            }
        }
        imageMap[source] = result;
        return result;
    }

    bool node(int index, const Mat4 &parent, int depth, QString *what)
    {
        const QJsonArray nodes = arr(gltf, "nodes");
        if (index < 0 || index >= nodes.size() || depth > 64 || ++nodesVisited > 100000) {
            *what = QStringLiteral("node %1 does not exist or the node graph is cyclic").arg(index);
            return false;
        }
        const QJsonObject n = nodes[index].toObject();
        const Mat4 m = parent * nodeMatrix(n);
        const int mesh = n.value(QLatin1String("mesh")).toInt(-1);
        if (mesh >= 0 && !meshAt(mesh, m, what))
            return false;
        for (const QJsonValue &c : arr(n, "children"))
            if (!node(c.toInt(-1), m, depth + 1, what))
                return false;
        return true;
    }

    bool meshAt(int mesh, const Mat4 &m, QString *what)
    {
        const QJsonArray meshes = arr(gltf, "meshes");
        if (mesh >= meshes.size()) {
            *what = QStringLiteral("mesh %1 does not exist").arg(mesh);
            return false;
        }
        const QJsonArray prims = arr(meshes[mesh].toObject(), "primitives");
        for (int p = 0; p < prims.size(); ++p)
            if (!primitive(prims[p].toObject(), m, what)) {
                *what = QStringLiteral("mesh %1 primitive %2: %3").arg(mesh).arg(p).arg(*what);
                return false;
            }
        return true;
    }

    bool primitive(const QJsonObject &prim, const Mat4 &nodeXf, QString *what)
    {
        const int mode = prim.value(QLatin1String("mode")).toInt(4);
        if (mode != 4 && mode != 5 && mode != 6 && mode != 0)
            return true; // lines are not drawn
        const QJsonObject attrs = obj(prim.value(QLatin1String("attributes")));
        // KHR_draco_mesh_compression: attributes and indices come from the Draco stream
        std::map<QString, std::vector<double>> dracoData;
        std::map<QString, int> dracoComps;
        std::vector<uint32_t> dracoIndices;
        bool draco = false;
        size_t dracoPoints = 0;
        const QJsonObject dext = obj(obj(prim.value(QLatin1String("extensions"))).value(QLatin1String("KHR_draco_mesh_compression")));
        if (!dext.isEmpty()) {
            draco = true;
            const int vi = dext.value(QLatin1String("bufferView")).toInt(-1);
            if (vi < 0 || size_t(vi) >= views.size()) {
                *what = QStringLiteral("KHR_draco_mesh_compression.bufferView %1 does not exist").arg(vi);
                return false;
            }
            const View &v = views[size_t(vi)];
            draco::DecoderBuffer buf;
            buf.Init(buffers[size_t(v.buffer)].constData() + v.offset, size_t(v.length));
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
            const QJsonObject da = obj(dext.value(QLatin1String("attributes")));
            for (auto it = da.begin(); it != da.end(); ++it) {
                const draco::PointAttribute *a = dm->GetAttributeByUniqueId(uint32_t(it.value().toInt(-1)));
                if (!a || a->num_components() < 1 || a->num_components() > 4)
                    continue;
                const int nc = a->num_components();
                std::vector<double> &vals = dracoData[it.key()];
                vals.resize(dracoPoints * size_t(nc));
                float tmp[4];
                for (size_t i = 0; i < dracoPoints; ++i) {
                    if (!a->ConvertValue<float>(a->mapped_index(draco::PointIndex(uint32_t(i))), int8_t(nc), tmp)) {
                        *what = QStringLiteral("Draco attribute %1 does not convert").arg(it.key());
                        return false;
                    }
                    for (int k = 0; k < nc; ++k)
                        vals[i * size_t(nc) + size_t(k)] = tmp[k];
                }
                dracoComps[it.key()] = nc;
            }
            dracoIndices.reserve(size_t(dm->num_faces()) * 3);
            for (uint32_t f = 0; f < dm->num_faces(); ++f) {
                const draco::Mesh::Face &face = dm->face(draco::FaceIndex(f));
                for (int k = 0; k < 3; ++k)
                    dracoIndices.push_back(face[k].value());
            }
        }
        auto has = [&](const char *name) { return attrs.contains(QLatin1String(name)) || dracoData.count(QLatin1String(name)) > 0; };
        auto source = [&](const char *name, Accessor *a) {
            auto it = dracoData.find(QLatin1String(name));
            if (it != dracoData.end()) {
                a->owned = it->second.data();
                a->components = dracoComps[QLatin1String(name)];
                a->count = dracoPoints;
                a->normalized = false;
                return true;
            }
            return accessor(attrs.value(QLatin1String(name)).toInt(-1), a, what);
        };
        Accessor pos;
        if (!source("POSITION", &pos) || pos.components != 3) {
            *what = QStringLiteral("POSITION: %1").arg(what->isEmpty() ? QStringLiteral("not VEC3") : *what);
            return false;
        }
        if (out->vertexCount() + qint64(pos.count) > options.maxVerticesPerTile) {
            *what = QStringLiteral("more than %1 vertices").arg(options.maxVerticesPerTile);
            return false;
        }
        const Mat4 xf = root * nodeXf;
        DecodedMesh d;
        d.points = mode == 0;
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
        // material: base colour, its texture (or a KHR_techniques_webgl texture value)
        bool unlit = false;
        int texCoord = 0;
        QJsonObject texInfo;
        const QJsonArray materials = arr(gltf, "materials");
        const int mi = prim.value(QLatin1String("material")).toInt(-1);
        if (mi >= 0 && mi < materials.size()) {
            const QJsonObject mat = materials[mi].toObject();
            const QJsonObject pbr = obj(mat.value(QLatin1String("pbrMetallicRoughness")));
            const QJsonArray f = arr(pbr, "baseColorFactor");
            if (f.size() == 4)
                for (int k = 0; k < 4; ++k)
                    d.color[k] = float(std::clamp(f[k].toDouble(1.0), 0.0, 1.0));
            const QJsonObject mext = obj(mat.value(QLatin1String("extensions")));
            unlit = mext.contains(QLatin1String("KHR_materials_unlit"));
            texInfo = obj(pbr.value(QLatin1String("baseColorTexture")));
            int tex = texInfo.value(QLatin1String("index")).toInt(-1);
            texCoord = texInfo.value(QLatin1String("texCoord")).toInt(0);
            if (tex < 0) {
                const QJsonObject values = obj(obj(mext.value(QLatin1String("KHR_techniques_webgl"))).value(QLatin1String("values")));
                for (auto it = values.begin(); it != values.end() && tex < 0; ++it)
                    tex = obj(it.value()).value(QLatin1String("index")).toInt(-1);
                texInfo = {};
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
            const QJsonObject tt = obj(obj(texInfo.value(QLatin1String("extensions"))).value(QLatin1String("KHR_texture_transform")));
            if (arr(tt, "offset").size() == 2)
                off[0] = arr(tt, "offset")[0].toDouble(), off[1] = arr(tt, "offset")[1].toDouble();
            if (arr(tt, "scale").size() == 2)
                sc[0] = arr(tt, "scale")[0].toDouble(1), sc[1] = arr(tt, "scale")[1].toDouble(1);
            rot = tt.value(QLatin1String("rotation")).toDouble(0);
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
        if (has("COLOR_0") && source("COLOR_0", &a) && a.count == pos.count && (a.components == 3 || a.components == 4)) {
            d.colors.resize(pos.count * 4);
            const bool bytes = !a.owned && !a.normalized && a.componentType != F32; // Draco: values as stored
            for (size_t i = 0; i < pos.count; ++i)
                for (int k = 0; k < 4; ++k) {
                    double c = k < a.components ? a.get(i, k) : 1.0;
                    if (bytes || (a.owned && c > 1.0))
                        c /= 255.0;
                    d.colors[i * 4 + size_t(k)] = uint8_t(std::clamp(c, 0.0, 1.0) * 255.0 + 0.5);
                }
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
        const int ii = prim.value(QLatin1String("indices")).toInt(-1);
        if (draco) {
            for (uint32_t v : dracoIndices)
                if (v >= pos.count) {
                    *what = QStringLiteral("Draco index %1 beyond the %2 vertices").arg(v).arg(pos.count);
                    return false;
                }
            idx = std::move(dracoIndices);
        } else if (ii >= 0) {
            if (!accessor(ii, &a, what) || a.components != 1 || a.componentType == F32) {
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
            if (mode == 4) {
                idx.resize(idx.size() / 3 * 3);
                d.indices = std::move(idx);
            } else {
                for (size_t i = 2; i < idx.size(); ++i) {
                    if (mode == 5)
                        d.indices.insert(d.indices.end(), i % 2 == 0 ? std::initializer_list<uint32_t>{idx[i - 2], idx[i - 1], idx[i]}
                                                                     : std::initializer_list<uint32_t>{idx[i - 1], idx[i - 2], idx[i]});
                    else
                        d.indices.insert(d.indices.end(), {idx[0], idx[i - 1], idx[i]});
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

bool GltfDecoder::decode(const QByteArray &input, const QString &file, const QString &baseFile,
                         const Tiles3dOptions &options, qint64 featureOffset, DecodedContent *out, QString *error)
{
    auto fail = [&](const QString &what) {
        *error = QStringLiteral("%1: %2").arg(file, what);
        return false;
    };
    QByteArray json, bin;
    bool hasBin = false;
    if (input.startsWith("glTF")) {
        if (input.size() < 20)
            return fail(QStringLiteral("GLB header cut short (%1 bytes)").arg(input.size()));
        const auto *p = reinterpret_cast<const uchar *>(input.constData());
        const quint32 version = qFromLittleEndian<quint32>(p + 4);
        const quint32 length = qFromLittleEndian<quint32>(p + 8);
        if (version != 2)
            return fail(QStringLiteral("GLB version %1 (2 expected)").arg(version));
        if (length > quint32(input.size()))
            return fail(QStringLiteral("GLB truncated: the header says %1 bytes, there are %2").arg(length).arg(input.size()));
        quint64 at = 12;
        for (int chunk = 0; at + 8 <= length; ++chunk) {
            const quint32 clen = qFromLittleEndian<quint32>(p + at);
            const quint32 ctype = qFromLittleEndian<quint32>(p + at + 4);
            if (at + 8 + clen > length)
                return fail(QStringLiteral("GLB chunk %1 (%2 bytes) runs past the end").arg(chunk).arg(clen));
            if (chunk == 0 && ctype == 0x4E4F534Au)
                json = input.mid(qsizetype(at + 8), qsizetype(clen));
            else if (chunk == 1 && ctype == 0x004E4942u) {
                bin = input.mid(qsizetype(at + 8), qsizetype(clen));
                hasBin = true;
            }
            at += 8 + clen;
        }
        if (json.isEmpty())
            return fail(QStringLiteral("GLB has no JSON chunk"));
    } else {
        json = input;
    }
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &pe);
    if (!doc.isObject())
        return fail(QStringLiteral("glTF JSON: %1 at offset %2").arg(pe.errorString()).arg(pe.offset));
    Decoder d{doc.object(), file, baseFile, options, featureOffset, out, {}, {}, Mat4::yUpToZUp(), {}, {}, 0};
    const QString version = obj(d.gltf.value(QLatin1String("asset"))).value(QLatin1String("version")).toString();
    if (!version.startsWith(QLatin1String("2.")))
        return fail(QStringLiteral("glTF asset.version \"%1\" (2.0 expected; glTF 1.0 is not read)").arg(version));
    QString what;
    if (!d.loadBuffers(bin, hasBin, &what))
        return fail(what);
    const QJsonArray rtc = arr(obj(obj(d.gltf.value(QLatin1String("extensions"))).value(QLatin1String("CESIUM_RTC"))), "center");
    if (rtc.size() == 3)
        d.root = Mat4::translation({rtc[0].toDouble(), rtc[1].toDouble(), rtc[2].toDouble()}) * d.root;
    const size_t before = out->meshes.size();
    const QJsonArray scenes = arr(d.gltf, "scenes");
    const int scene = d.gltf.value(QLatin1String("scene")).toInt(0);
    bool ok = true;
    if (scene >= 0 && scene < scenes.size()) {
        for (const QJsonValue &n : arr(scenes[scene].toObject(), "nodes"))
            if (!(ok = d.node(n.toInt(-1), Mat4(), 0, &what)))
                break;
    } else {
        for (int m = 0; ok && m < arr(d.gltf, "meshes").size(); ++m)
            ok = d.meshAt(m, Mat4(), &what);
    }
    if (!ok) {
        out->meshes.resize(before);
        return fail(what);
    }
    if (!d.missingExtensions.isEmpty())
        out->warnings << QStringLiteral("%1: textures need %2, which has no decoder here (no KTX2/Basis transcoder in Debian 12); "
                                        "geometry loaded untextured")
                                 .arg(file, d.missingExtensions.join(QStringLiteral(", ")));
    static const QStringList known{QStringLiteral("KHR_draco_mesh_compression"), QStringLiteral("EXT_meshopt_compression"),
                                   QStringLiteral("KHR_mesh_quantization"), QStringLiteral("KHR_texture_transform"),
                                   QStringLiteral("KHR_materials_unlit"), QStringLiteral("CESIUM_RTC"),
                                   QStringLiteral("KHR_texture_basisu"), QStringLiteral("KHR_techniques_webgl")};
    for (const QJsonValue &e : arr(d.gltf, "extensionsRequired"))
        if (!known.contains(e.toString()))
            out->warnings << QStringLiteral("%1: required extension %2 is not supported; drawn without it").arg(file, e.toString());
    return true;
}

} // namespace liyuan::tiles3d
