#include <liyuan/scene/GlbBuilder.h>

#include <QJsonDocument>
#include <QtEndian>

#include <algorithm>
#include <cmath>
#include <limits>

namespace liyuan {

// the vertex and index arrays are appended as they lie in memory; glb is little-endian
static_assert(Q_BYTE_ORDER == Q_LITTLE_ENDIAN, "GlbBuilder writes the host's byte order");

namespace {

void pad4(QByteArray &b, char with)
{
    while (b.size() % 4)
        b.append(with);
}

} // namespace

int GlbBuilder::addView(const void *data, qsizetype bytes, int target)
{
    pad4(m_bin, '\0');
    QJsonObject v{{QStringLiteral("buffer"), 0},
                  {QStringLiteral("byteOffset"), double(m_bin.size())},
                  {QStringLiteral("byteLength"), double(bytes)}};
    if (target)
        v.insert(QStringLiteral("target"), target);
    m_bin.append(static_cast<const char *>(data), bytes);
    m_views.append(v);
    return int(m_views.size()) - 1;
}

int GlbBuilder::addFloats(const std::vector<float> &values, int components, bool minMax)
{
    const size_t count = values.size() / size_t(components);
    QJsonObject a{{QStringLiteral("bufferView"), addView(values.data(), qsizetype(values.size() * sizeof(float)), kArrayBuffer)},
                  {QStringLiteral("componentType"), kFloat},
                  {QStringLiteral("count"), double(count)},
                  {QStringLiteral("type"), components == 2 ? QStringLiteral("VEC2") : QStringLiteral("VEC3")}};
    if (minMax) {
        std::vector<double> mn(size_t(components), std::numeric_limits<double>::max());
        std::vector<double> mx(size_t(components), -std::numeric_limits<double>::max());
        for (size_t i = 0; i < count * size_t(components); ++i) {
            const size_t k = i % size_t(components);
            mn[k] = std::min(mn[k], double(values[i]));
            mx[k] = std::max(mx[k], double(values[i]));
        }
        QJsonArray jmn, jmx;
        for (int k = 0; k < components; ++k) {
            jmn.append(mn[size_t(k)]);
            jmx.append(mx[size_t(k)]);
        }
        a.insert(QStringLiteral("min"), jmn);
        a.insert(QStringLiteral("max"), jmx);
    }
    m_accessors.append(a);
    return int(m_accessors.size()) - 1;
}

int GlbBuilder::addIndices(const std::vector<uint32_t> &indices)
{
    m_accessors.append(QJsonObject{
            {QStringLiteral("bufferView"), addView(indices.data(), qsizetype(indices.size() * sizeof(uint32_t)), kElementArrayBuffer)},
            {QStringLiteral("componentType"), kUnsignedInt},
            {QStringLiteral("count"), double(indices.size())},
            {QStringLiteral("type"), QStringLiteral("SCALAR")}});
    return int(m_accessors.size()) - 1;
}

qsizetype GlbBuilder::firstNonFinite(const std::vector<float> &values)
{
    const auto it = std::find_if(values.begin(), values.end(), [](float v) { return !std::isfinite(v); });
    return it == values.end() ? -1 : qsizetype(it - values.begin());
}

QByteArray GlbBuilder::glb(QJsonObject gltf) const
{
    QByteArray bin = m_bin;
    pad4(bin, '\0');
    if (!m_accessors.isEmpty())
        gltf.insert(QStringLiteral("accessors"), m_accessors);
    if (!bin.isEmpty()) {
        gltf.insert(QStringLiteral("bufferViews"), m_views);
        gltf.insert(QStringLiteral("buffers"), QJsonArray{QJsonObject{{QStringLiteral("byteLength"), double(bin.size())}}});
    }
    QByteArray json = QJsonDocument(gltf).toJson(QJsonDocument::Compact);
    pad4(json, ' ');

    const quint32 total = quint32(12 + 8 + json.size() + (bin.isEmpty() ? 0 : 8 + bin.size()));
    QByteArray out;
    out.reserve(total);
    auto u32 = [&out](quint32 v) {
        char le[4];
        qToLittleEndian(v, le);
        out.append(le, 4);
    };
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
