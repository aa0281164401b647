#include "ContentDecoder.h"
#include "Resource.h"
#include "BoundingVolume.h"
#include "GltfDecoder.h"
#include "TilesetCache.h"

#include <draco/compression/decode.h>

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtEndian>

#include <cmath>
#include <cstring>

namespace liyuan::tiles3d {
namespace {

enum Comp { I8 = 5120, U8 = 5121, I16 = 5122, U16 = 5123, I32 = 5124, U32 = 5125, F32 = 5126, F64 = 5130 };

int compSize(int c)
{
    switch (c) {
    case I8: case U8: return 1;
    case I16: case U16: return 2;
    case I32: case U32: case F32: return 4;
    case F64: return 8;
    default: return 0;
    }
}

int compFromName(const QString &n, int fallback)
{
    static const QHash<QString, int> m{{QStringLiteral("BYTE"), I8}, {QStringLiteral("UNSIGNED_BYTE"), U8},
                                      {QStringLiteral("SHORT"), I16}, {QStringLiteral("UNSIGNED_SHORT"), U16},
                                      {QStringLiteral("INT"), I32}, {QStringLiteral("UNSIGNED_INT"), U32},
                                      {QStringLiteral("FLOAT"), F32}, {QStringLiteral("DOUBLE"), F64}};
    return n.isEmpty() ? fallback : m.value(n, 0);
}

int typeComponents(const QString &t)
{
    static const QHash<QString, int> m{{QStringLiteral("SCALAR"), 1}, {QStringLiteral("VEC2"), 2},
                                      {QStringLiteral("VEC3"), 3}, {QStringLiteral("VEC4"), 4}};
    return m.value(t, 0);
}

double readComp(const char *p, int c)
{
    switch (c) {
    case I8: return double(int8_t(*p));
    case U8: return double(uint8_t(*p));
    case I16: { int16_t v; std::memcpy(&v, p, 2); return v; }
    case U16: { uint16_t v; std::memcpy(&v, p, 2); return v; }
    case I32: { int32_t v; std::memcpy(&v, p, 4); return v; }
    case U32: { uint32_t v; std::memcpy(&v, p, 4); return v; }
    case F32: { float v; std::memcpy(&v, p, 4); return v; }
    case F64: { double v; std::memcpy(&v, p, 8); return v; }
    default: return 0;
    }
}

/** A feature or batch table: JSON header plus binary body. */
struct Table
{
    QJsonObject json;
    QByteArray binary;

    bool has(const char *name) const { return json.contains(QLatin1String(name)); }

    /**
     * Reads property name as count elements of n components (binary reference with
     * componentType, default defComp; or a JSON array of count·n numbers, or n numbers when
     * count is 1). False with *what when malformed or out of bounds.
     */
    bool read(const char *name, qint64 count, int n, int defComp, std::vector<double> *out, QString *what) const
    {
        const QJsonValue v = json.value(QLatin1String(name));
        out->clear();
        if (v.isArray()) {
            const QJsonArray a = v.toArray();
            if (a.size() != count * n) {
                *what = QStringLiteral("%1 has %2 numbers, %3 expected").arg(QLatin1String(name)).arg(a.size()).arg(count * n);
                return false;
            }
            out->reserve(size_t(a.size()));
            for (const QJsonValue &x : a)
                out->push_back(x.toDouble());
            return true;
        }
        const QJsonObject o = v.toObject();
        const double off = o.value(QLatin1String("byteOffset")).toDouble(-1);
        const int comp = compFromName(o.value(QLatin1String("componentType")).toString(), defComp);
        const int cs = compSize(comp);
        if (off < 0 || cs == 0) {
            *what = QStringLiteral("%1 has no byteOffset or a wrong componentType").arg(QLatin1String(name));
            return false;
        }
        if (off + double(count) * n * cs > double(binary.size())) {
            *what = QStringLiteral("%1: %2 × %3 values from byte %4 run past the binary body (%5 bytes)")
                            .arg(QLatin1String(name)).arg(count).arg(n).arg(qint64(off)).arg(binary.size());
            return false;
        }
        out->resize(size_t(count * n));
        const char *p = binary.constData() + qsizetype(off);
        for (qint64 i = 0; i < count * n; ++i)
            (*out)[size_t(i)] = readComp(p + i * cs, comp);
        return true;
    }
};

/** Header of b3dm/i3dm/pnts: magic, version, byteLength, then `lengths` uint32 lengths. */
bool header(const QByteArray &b, const QString &file, const char *magic, int headerBytes, quint32 *lengths, int nLengths,
            QString *error)
{
    if (b.size() < headerBytes) {
        *error = QStringLiteral("%1: %2 header cut short (%3 bytes, %4 needed)").arg(file, QLatin1String(magic)).arg(b.size()).arg(headerBytes);
        return false;
    }
    const auto *p = reinterpret_cast<const uchar *>(b.constData());
    const quint32 byteLength = qFromLittleEndian<quint32>(p + 8);
    if (byteLength > quint32(b.size())) {
        *error = QStringLiteral("%1: truncated: the header says %2 bytes, the file has %3").arg(file).arg(byteLength).arg(b.size());
        return false;
    }
    quint64 sum = quint64(headerBytes);
    for (int i = 0; i < nLengths; ++i) {
        lengths[i] = qFromLittleEndian<quint32>(p + 12 + 4 * i);
        if (i < 4) // table lengths (i3dm's fifth word is gltfFormat)
            sum += lengths[i];
    }
    if (sum > byteLength) {
        *error = QStringLiteral("%1: feature/batch table lengths (%2 bytes with the header) exceed the tile's %3 bytes")
                         .arg(file).arg(sum).arg(byteLength);
        return false;
    }
    return true;
}

bool parseTable(const QByteArray &b, qsizetype at, quint32 jsonLen, quint32 binLen, const QString &file,
                const char *which, Table *t, QString *error)
{
    if (jsonLen > 0) {
        QJsonParseError pe;
        const QJsonDocument d = QJsonDocument::fromJson(b.mid(at, jsonLen).trimmed(), &pe);
        if (!d.isObject()) {
            *error = QStringLiteral("%1: %2 JSON: %3").arg(file, QLatin1String(which), pe.errorString());
            return false;
        }
        t->json = d.object();
    }
    t->binary = b.mid(at + jsonLen, binLen);
    return true;
}

void batchTable(const Table &bt, qint64 batchLength, qint64 offset, DecodedContent *out, const QString &file)
{
    if (batchLength <= 0 || bt.json.isEmpty())
        return;
    if (batchLength > 1'000'000) {
        out->warnings << QStringLiteral("%1: BATCH_LENGTH %2 too large; batch table ignored").arg(file).arg(batchLength);
        return;
    }
    if (qint64(out->featureAttributes.size()) < offset + batchLength)
        out->featureAttributes.resize(size_t(offset + batchLength));
    for (auto it = bt.json.begin(); it != bt.json.end(); ++it) {
        if (it.key() == QLatin1String("extensions") || it.key() == QLatin1String("extras"))
            continue;
        if (it.value().isArray()) {
            const QJsonArray a = it.value().toArray();
            for (qint64 i = 0; i < batchLength && i < a.size(); ++i)
                out->featureAttributes[size_t(offset + i)].insert(it.key(), a[i].toVariant());
        } else if (it.value().isObject()) {
            const QJsonObject o = it.value().toObject();
            const int n = typeComponents(o.value(QLatin1String("type")).toString());
            std::vector<double> v;
            QString what;
            const QByteArray key = it.key().toUtf8();
            if (n == 0 || !bt.read(key.constData(), batchLength, n, 0, &v, &what)) {
                out->warnings << QStringLiteral("%1: batch table property %2: %3").arg(file, it.key(),
                                                                                      what.isEmpty() ? QStringLiteral("unknown type") : what);
                continue;
            }
            for (qint64 i = 0; i < batchLength; ++i) {
                if (n == 1)
                    out->featureAttributes[size_t(offset + i)].insert(it.key(), v[size_t(i)]);
                else {
                    QVariantList l;
                    for (int k = 0; k < n; ++k)
                        l << v[size_t(i * n + k)];
                    out->featureAttributes[size_t(offset + i)].insert(it.key(), l);
                }
            }
        }
    }
}

Vec3d octDecode(double x, double y, double range)
{
    double fx = x / range * 2.0 - 1.0, fy = y / range * 2.0 - 1.0;
    Vec3d v(fx, fy, 1.0 - std::abs(fx) - std::abs(fy));
    if (v.z < 0) {
        const double ox = v.x;
        v.x = (1.0 - std::abs(v.y)) * (ox >= 0 ? 1 : -1);
        v.y = (1.0 - std::abs(ox)) * (v.y >= 0 ? 1 : -1);
    }
    return v.normalized();
}

bool decodeAny(const QByteArray &b, const QString &file, const Mat4 &xf, const Tiles3dOptions &o, DecodedContent *out,
               QString *error, int depth);

void shift(DecodedContent *c, size_t from, const Vec3d &t)
{
    for (size_t m = from; m < c->meshes.size(); ++m)
        for (size_t i = 0; i + 2 < c->meshes[m].positions.size(); i += 3) {
            c->meshes[m].positions[i] += t.x;
            c->meshes[m].positions[i + 1] += t.y;
            c->meshes[m].positions[i + 2] += t.z;
        }
}

Vec3d rtcCenter(const Table &ft, QString *what, bool *ok)
{
    *ok = true;
    if (!ft.has("RTC_CENTER"))
        return {};
    std::vector<double> v;
    if (!ft.read("RTC_CENTER", 1, 3, F32, &v, what)) {
        *ok = false;
        return {};
    }
    return {v[0], v[1], v[2]};
}

bool decodeB3dm(const QByteArray &b, const QString &file, const Tiles3dOptions &o, DecodedContent *out, QString *error)
{
    quint32 len[4];
    if (!header(b, file, "b3dm", 28, len, 4, error))
        return false;
    if (len[2] >= 570425344u || len[3] >= 570425344u) {
        *error = QStringLiteral("%1: legacy b3dm header (batchLength/batchTableByteLength) is not supported").arg(file);
        return false;
    }
    Table ft, bt;
    if (!parseTable(b, 28, len[0], len[1], file, "feature table", &ft, error)
        || !parseTable(b, 28 + len[0] + len[1], len[2], len[3], file, "batch table", &bt, error))
        return false;
    QString what;
    bool ok;
    const Vec3d rtc = rtcCenter(ft, &what, &ok);
    if (!ok) {
        *error = QStringLiteral("%1: feature table: %2").arg(file, what);
        return false;
    }
    const qint64 batchLength = qint64(ft.json.value(QLatin1String("BATCH_LENGTH")).toDouble(0));
    const qint64 offset = qint64(out->featureAttributes.size());
    const qsizetype glbAt = 28 + len[0] + len[1] + len[2] + len[3];
    const quint32 byteLength = qFromLittleEndian<quint32>(reinterpret_cast<const uchar *>(b.constData()) + 8);
    const size_t before = out->meshes.size();
    if (!GltfDecoder::decode(b.mid(glbAt, qsizetype(byteLength) - glbAt), file, file, o, offset,
                             out, error))
        return false;
    shift(out, before, rtc);
    batchTable(bt, batchLength, offset, out, file);
    return true;
}

bool decodeI3dm(const QByteArray &b, const QString &file, const Mat4 &xf, const Tiles3dOptions &o, DecodedContent *out,
                QString *error)
{
    quint32 len[5];
    if (!header(b, file, "i3dm", 32, len, 5, error))
        return false;
    Table ft, bt;
    if (!parseTable(b, 32, len[0], len[1], file, "feature table", &ft, error)
        || !parseTable(b, 32 + len[0] + len[1], len[2], len[3], file, "batch table", &bt, error))
        return false;
    const quint32 gltfFormat = len[4];
    auto fail = [&](const QString &what) {
        *error = QStringLiteral("%1: %2").arg(file, what);
        return false;
    };
    const double nInst = ft.json.value(QLatin1String("INSTANCES_LENGTH")).toDouble(-1);
    if (nInst < 0 || nInst > double(o.maxInstances))
        return fail(QStringLiteral("INSTANCES_LENGTH %1 missing or over the limit of %2").arg(nInst).arg(o.maxInstances));
    const qint64 n = qint64(nInst);
    QString what;
    std::vector<double> pos, up, right, scale, scale3, batch;
    if (ft.has("POSITION")) {
        if (!ft.read("POSITION", n, 3, F32, &pos, &what))
            return fail(what);
    } else if (ft.has("POSITION_QUANTIZED")) {
        std::vector<double> q, qo, qs;
        if (!ft.read("POSITION_QUANTIZED", n, 3, U16, &q, &what) || !ft.read("QUANTIZED_VOLUME_OFFSET", 1, 3, F32, &qo, &what)
            || !ft.read("QUANTIZED_VOLUME_SCALE", 1, 3, F32, &qs, &what))
            return fail(what);
        pos.resize(q.size());
        for (size_t i = 0; i < q.size(); ++i)
            pos[i] = qo[i % 3] + q[i] / 65535.0 * qs[i % 3];
    } else {
        return fail(QStringLiteral("no POSITION or POSITION_QUANTIZED"));
    }
    if (ft.has("NORMAL_UP") && ft.has("NORMAL_RIGHT")) {
        if (!ft.read("NORMAL_UP", n, 3, F32, &up, &what) || !ft.read("NORMAL_RIGHT", n, 3, F32, &right, &what))
            return fail(what);
    } else if (ft.has("NORMAL_UP_OCT32P") && ft.has("NORMAL_RIGHT_OCT32P")) {
        std::vector<double> a, c;
        if (!ft.read("NORMAL_UP_OCT32P", n, 2, U16, &a, &what) || !ft.read("NORMAL_RIGHT_OCT32P", n, 2, U16, &c, &what))
            return fail(what);
        for (qint64 i = 0; i < n; ++i) {
            const Vec3d u = octDecode(a[size_t(i * 2)], a[size_t(i * 2 + 1)], 65535.0);
            const Vec3d r = octDecode(c[size_t(i * 2)], c[size_t(i * 2 + 1)], 65535.0);
            up.insert(up.end(), {u.x, u.y, u.z});
            right.insert(right.end(), {r.x, r.y, r.z});
        }
    }
    if (ft.has("SCALE") && !ft.read("SCALE", n, 1, F32, &scale, &what))
        return fail(what);
    if (ft.has("SCALE_NON_UNIFORM") && !ft.read("SCALE_NON_UNIFORM", n, 3, F32, &scale3, &what))
        return fail(what);
    if (ft.has("BATCH_ID") && !ft.read("BATCH_ID", n, 1, U16, &batch, &what))
        return fail(what);
    bool ok;
    const Vec3d rtc = rtcCenter(ft, &what, &ok);
    if (!ok)
        return fail(what);
    const bool enu = ft.json.value(QLatin1String("EAST_NORTH_UP")).toBool(false);

    // the model
    const qsizetype at = 32 + len[0] + len[1] + len[2] + len[3];
    const quint32 byteLength = qFromLittleEndian<quint32>(reinterpret_cast<const uchar *>(b.constData()) + 8);
    QByteArray gltf = b.mid(at, qsizetype(byteLength) - at);
    QString gltfFile = file;
    if (gltfFormat == 0) {
        QString uri = QString::fromUtf8(gltf).remove(QChar(0)).trimmed();
        gltfFile = Resource::resolve(file, uri); // local or URL
        if (!TilesetCache::readFile(gltfFile, o.maxFileBytes, &gltf, error))
            return false;
    } else if (gltfFormat != 1) {
        return fail(QStringLiteral("gltfFormat %1 (0 or 1 expected)").arg(gltfFormat));
    }
    DecodedContent model;
    if (!GltfDecoder::decode(gltf, gltfFile, gltfFile, o, 0, &model, error))
        return false;
    if (model.vertexCount() * n > o.maxVerticesPerTile)
        return fail(QStringLiteral("%1 instances of %2 vertices exceed the limit of %3 vertices")
                            .arg(n).arg(model.vertexCount()).arg(o.maxVerticesPerTile));
    const qint64 offset = qint64(out->featureAttributes.size());
    const size_t firstImage = out->images.size();
    for (ImageData &img : model.images)
        out->images.push_back(std::move(img));
    out->warnings << model.warnings;
    for (const DecodedMesh &src : model.meshes) {
        DecodedMesh d;
        d.imageIndex = src.imageIndex >= 0 ? int(firstImage) + src.imageIndex : -1;
        std::copy(src.color, src.color + 4, d.color);
        d.lit = src.lit;
        d.points = src.points;
        const size_t nv = size_t(src.vertexCount());
        for (qint64 i = 0; i < n; ++i) {
            const Vec3d p(pos[size_t(i * 3)] + rtc.x, pos[size_t(i * 3 + 1)] + rtc.y, pos[size_t(i * 3 + 2)] + rtc.z);
            Vec3d ax(1, 0, 0), ay(0, 1, 0), az(0, 0, 1);
            if (!up.empty()) {
                ay = Vec3d(up[size_t(i * 3)], up[size_t(i * 3 + 1)], up[size_t(i * 3 + 2)]).normalized();
                ax = Vec3d(right[size_t(i * 3)], right[size_t(i * 3 + 1)], right[size_t(i * 3 + 2)]).normalized();
                az = ax.cross(ay);
            } else if (enu) {
                const Vec3d q = xf.point(p);
                if (q.length() > 1e6) {
                    const Vec3d llh = ecefToLonLatHeight(q);
                    const double lon = llh.x * M_PI / 180.0, lat = llh.y * M_PI / 180.0;
                    ax = Vec3d(-std::sin(lon), std::cos(lon), 0);
                    ay = Vec3d(-std::sin(lat) * std::cos(lon), -std::sin(lat) * std::sin(lon), std::cos(lat));
                    az = Vec3d(std::cos(lat) * std::cos(lon), std::cos(lat) * std::sin(lon), std::sin(lat));
                }
            }
            Vec3d s(1, 1, 1);
            if (!scale.empty())
                s = Vec3d(scale[size_t(i)], scale[size_t(i)], scale[size_t(i)]);
            if (!scale3.empty())
                s = Vec3d(s.x * scale3[size_t(i * 3)], s.y * scale3[size_t(i * 3 + 1)], s.z * scale3[size_t(i * 3 + 2)]);
            const Mat4 m = Mat4::fromColumns(ax * s.x, ay * s.y, az * s.z, p);
            const Mat4 r = Mat4::fromColumns(ax, ay, az, {});
            const uint32_t base = uint32_t(d.vertexCount());
            for (size_t v = 0; v < nv; ++v) {
                const Vec3d q = m.point({src.positions[v * 3], src.positions[v * 3 + 1], src.positions[v * 3 + 2]});
                d.positions.insert(d.positions.end(), {q.x, q.y, q.z});
                if (!src.normals.empty()) {
                    const Vec3d nn = r.vector({src.normals[v * 3], src.normals[v * 3 + 1], src.normals[v * 3 + 2]});
                    d.normals.insert(d.normals.end(), {float(nn.x), float(nn.y), float(nn.z)});
                }
            }
            d.uvs.insert(d.uvs.end(), src.uvs.begin(), src.uvs.end());
            d.colors.insert(d.colors.end(), src.colors.begin(), src.colors.end());
            for (uint32_t idx : src.indices)
                d.indices.push_back(base + idx);
            const qint64 feature = offset + (batch.empty() ? i : qint64(batch[size_t(i)]));
            d.features.insert(d.features.end(), d.points ? nv : src.indices.size() / 3, feature);
        }
        out->meshes.push_back(std::move(d));
    }
    const qint64 batchLength = batch.empty() ? n : qint64(ft.json.value(QLatin1String("BATCH_LENGTH")).toDouble(double(n)));
    batchTable(bt, batchLength, offset, out, file);
    if (qint64(out->featureAttributes.size()) < offset + n)
        out->featureAttributes.resize(size_t(offset + n));
    return true;
}

bool decodePnts(const QByteArray &b, const QString &file, const Tiles3dOptions &o, DecodedContent *out, QString *error)
{
    quint32 len[4];
    if (!header(b, file, "pnts", 28, len, 4, error))
        return false;
    Table ft, bt;
    if (!parseTable(b, 28, len[0], len[1], file, "feature table", &ft, error)
        || !parseTable(b, 28 + len[0] + len[1], len[2], len[3], file, "batch table", &bt, error))
        return false;
    auto fail = [&](const QString &what) {
        *error = QStringLiteral("%1: %2").arg(file, what);
        return false;
    };
    const double nPts = ft.json.value(QLatin1String("POINTS_LENGTH")).toDouble(-1);
    if (nPts < 0 || nPts > double(o.maxPoints))
        return fail(QStringLiteral("POINTS_LENGTH %1 missing or over the limit of %2").arg(nPts).arg(o.maxPoints));
    const qint64 n = qint64(nPts);
    QString what;
    std::vector<double> pos, col, batch;
    int colComps = 0;
    const QJsonObject draco = ft.json.value(QLatin1String("extensions")).toObject()
                                      .value(QLatin1String("3DTILES_draco_point_compression")).toObject();
    if (!draco.isEmpty()) {
        const double off = draco.value(QLatin1String("byteOffset")).toDouble(-1);
        const double dl = draco.value(QLatin1String("byteLength")).toDouble(-1);
        if (off < 0 || dl < 0 || off + dl > double(ft.binary.size()))
            return fail(QStringLiteral("3DTILES_draco_point_compression range outside the feature table body"));
        draco::DecoderBuffer buf;
        buf.Init(ft.binary.constData() + qsizetype(off), size_t(dl));
        draco::Decoder decoder;
        auto res = decoder.DecodePointCloudFromBuffer(&buf);
        if (!res.ok())
            return fail(QStringLiteral("Draco point cloud does not decode: %1").arg(QString::fromStdString(res.status().error_msg_string())));
        const std::unique_ptr<draco::PointCloud> pc = std::move(res).value();
        if (qint64(pc->num_points()) != n)
            return fail(QStringLiteral("Draco holds %1 points, POINTS_LENGTH says %2").arg(pc->num_points()).arg(n));
        const QJsonObject props = draco.value(QLatin1String("properties")).toObject();
        auto get = [&](const char *name, int comps, std::vector<double> *dst) {
            if (!props.contains(QLatin1String(name)))
                return true;
            const draco::PointAttribute *a = pc->GetAttributeByUniqueId(uint32_t(props.value(QLatin1String(name)).toInt(-1)));
            if (!a || a->num_components() < comps)
                return false;
            dst->resize(size_t(n * comps));
            float v[4];
            for (qint64 i = 0; i < n; ++i) {
                if (!a->ConvertValue<float>(a->mapped_index(draco::PointIndex(uint32_t(i))), int8_t(comps), v))
                    return false;
                for (int k = 0; k < comps; ++k)
                    (*dst)[size_t(i * comps + k)] = v[k];
            }
            return true;
        };
        if (!get("POSITION", 3, &pos))
            return fail(QStringLiteral("Draco POSITION attribute missing or malformed"));
        if (props.contains(QLatin1String("RGBA"))) {
            colComps = 4;
            if (!get("RGBA", 4, &col))
                return fail(QStringLiteral("Draco RGBA attribute malformed"));
        } else if (props.contains(QLatin1String("RGB"))) {
            colComps = 3;
            if (!get("RGB", 3, &col))
                return fail(QStringLiteral("Draco RGB attribute malformed"));
        }
        // Draco gives colours as stored (0–255 for unsigned bytes)
    }
    if (pos.empty()) {
        if (ft.has("POSITION")) {
            if (!ft.read("POSITION", n, 3, F32, &pos, &what))
                return fail(what);
        } else if (ft.has("POSITION_QUANTIZED")) {
            std::vector<double> q, qo, qs;
            if (!ft.read("POSITION_QUANTIZED", n, 3, U16, &q, &what) || !ft.read("QUANTIZED_VOLUME_OFFSET", 1, 3, F32, &qo, &what)
                || !ft.read("QUANTIZED_VOLUME_SCALE", 1, 3, F32, &qs, &what))
                return fail(what);
            pos.resize(q.size());
            for (size_t i = 0; i < q.size(); ++i)
                pos[i] = qo[i % 3] + q[i] / 65535.0 * qs[i % 3];
        } else {
            return fail(QStringLiteral("no POSITION or POSITION_QUANTIZED"));
        }
    }
    if (col.empty()) {
        if (ft.has("RGBA")) {
            colComps = 4;
            if (!ft.read("RGBA", n, 4, U8, &col, &what))
                return fail(what);
        } else if (ft.has("RGB")) {
            colComps = 3;
            if (!ft.read("RGB", n, 3, U8, &col, &what))
                return fail(what);
        } else if (ft.has("RGB565")) {
            std::vector<double> c;
            if (!ft.read("RGB565", n, 1, U16, &c, &what))
                return fail(what);
            colComps = 3;
            col.resize(size_t(n * 3));
            for (qint64 i = 0; i < n; ++i) {
                const quint16 v = quint16(c[size_t(i)]);
                col[size_t(i * 3)] = ((v >> 11) & 31) * 255.0 / 31.0;
                col[size_t(i * 3 + 1)] = ((v >> 5) & 63) * 255.0 / 63.0;
                col[size_t(i * 3 + 2)] = (v & 31) * 255.0 / 31.0;
            }
        }
    }
    if (ft.has("BATCH_ID") && !ft.read("BATCH_ID", n, 1, U16, &batch, &what))
        return fail(what);
    bool ok;
    const Vec3d rtc = rtcCenter(ft, &what, &ok);
    if (!ok)
        return fail(what);
    DecodedMesh d;
    d.points = true;
    d.positions.resize(size_t(n * 3));
    for (qint64 i = 0; i < n; ++i) {
        d.positions[size_t(i * 3)] = pos[size_t(i * 3)] + rtc.x;
        d.positions[size_t(i * 3 + 1)] = pos[size_t(i * 3 + 1)] + rtc.y;
        d.positions[size_t(i * 3 + 2)] = pos[size_t(i * 3 + 2)] + rtc.z;
    }
    std::vector<double> constant;
    if (col.empty() && ft.has("CONSTANT_RGBA") && ft.read("CONSTANT_RGBA", 1, 4, U8, &constant, &what))
        for (int k = 0; k < 4; ++k)
            d.color[k] = float(constant[size_t(k)] / 255.0);
    if (!col.empty()) {
        d.colors.resize(size_t(n * 4));
        for (qint64 i = 0; i < n; ++i)
            for (int k = 0; k < 4; ++k)
                d.colors[size_t(i * 4 + k)] = uint8_t(std::clamp(k < colComps ? col[size_t(i * colComps + k)] : 255.0, 0.0, 255.0));
    }
    const qint64 offset = qint64(out->featureAttributes.size());
    if (!batch.empty()) {
        d.features.resize(size_t(n));
        for (qint64 i = 0; i < n; ++i)
            d.features[size_t(i)] = offset + qint64(batch[size_t(i)]);
        batchTable(bt, qint64(ft.json.value(QLatin1String("BATCH_LENGTH")).toDouble(0)), offset, out, file);
    }
    out->meshes.push_back(std::move(d));
    return true;
}

bool decodeCmpt(const QByteArray &b, const QString &file, const Mat4 &xf, const Tiles3dOptions &o, DecodedContent *out,
                QString *error, int depth)
{
    if (b.size() < 16) {
        *error = QStringLiteral("%1: cmpt header cut short").arg(file);
        return false;
    }
    const auto *p = reinterpret_cast<const uchar *>(b.constData());
    const quint32 byteLength = qFromLittleEndian<quint32>(p + 8);
    const quint32 tiles = qFromLittleEndian<quint32>(p + 12);
    if (byteLength > quint32(b.size())) {
        *error = QStringLiteral("%1: truncated: the header says %2 bytes, the file has %3").arg(file).arg(byteLength).arg(b.size());
        return false;
    }
    qsizetype at = 16;
    for (quint32 t = 0; t < tiles; ++t) {
        if (at + 12 > qsizetype(byteLength)) {
            *error = QStringLiteral("%1: inner tile %2 of %3 lies past the end").arg(file).arg(t).arg(tiles);
            return false;
        }
        const quint32 len = qFromLittleEndian<quint32>(p + at + 8);
        if (len < 12 || at + qsizetype(len) > qsizetype(byteLength)) {
            *error = QStringLiteral("%1: inner tile %2 has length %3, past the end").arg(file).arg(t).arg(len);
            return false;
        }
        if (!decodeAny(b.mid(at, len), QStringLiteral("%1 [inner tile %2]").arg(file).arg(t), xf, o, out, error, depth + 1))
            return false;
        at += len;
    }
    return true;
}

bool decodeAny(const QByteArray &b, const QString &file, const Mat4 &xf, const Tiles3dOptions &o, DecodedContent *out,
               QString *error, int depth)
{
    if (depth > o.maxNesting) {
        *error = QStringLiteral("%1: composite tiles nested deeper than %2").arg(file).arg(o.maxNesting);
        return false;
    }
    const QString label = file.contains(QLatin1String(" [inner")) ? file.left(file.indexOf(QLatin1String(" ["))) : file;
    if (b.startsWith("b3dm"))
        return decodeB3dm(b, file, o, out, error);
    if (b.startsWith("i3dm"))
        return decodeI3dm(b, file, xf, o, out, error);
    if (b.startsWith("pnts"))
        return decodePnts(b, file, o, out, error);
    if (b.startsWith("cmpt"))
        return decodeCmpt(b, file, xf, o, out, error, depth);
    if (b.startsWith("glTF") || b.trimmed().startsWith("{"))
        return GltfDecoder::decode(b, file, label, o, qint64(out->featureAttributes.size()), out, error);
    *error = QStringLiteral("%1: unknown content (magic \"%2\"; b3dm, i3dm, pnts, cmpt, glb or glTF expected)")
                     .arg(file, QString::fromLatin1(b.left(4).toHex()));
    return false;
}

} // namespace

bool ContentDecoder::decode(const QByteArray &bytes, const QString &file, const Mat4 &xf, const Tiles3dOptions &options,
                            DecodedContent *out, QString *error)
{
    return decodeAny(bytes, file, xf, options, out, error, 0);
}

} // namespace liyuan::tiles3d
