#include "Subtree.h"
#include "Resource.h"
#include "TilesetCache.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrl>
#include <QtEndian>

#include <vector>

namespace liyuan::tiles3d {

qint64 SubtreeShape::tileBits() const
{
    const qint64 b = branching();
    qint64 n = 0, p = 1;
    for (int i = 0; i < subtreeLevels; ++i, p *= b)
        n += p;
    return n;
}

qint64 SubtreeShape::childBits() const
{
    qint64 p = 1;
    for (int i = 0; i < subtreeLevels; ++i)
        p *= branching();
    return p;
}

qint64 SubtreeShape::levelOffset(int level) const
{
    const qint64 b = branching();
    qint64 n = 0, p = 1;
    for (int i = 0; i < level; ++i, p *= b)
        n += p;
    return n;
}

quint64 mortonIndex(quint64 x, quint64 y, quint64 z, bool octree)
{
    quint64 r = 0;
    const int dims = octree ? 3 : 2;
    for (int bit = 0; bit < (octree ? 21 : 32); ++bit) {
        r |= ((x >> bit) & 1ull) << (bit * dims);
        r |= ((y >> bit) & 1ull) << (bit * dims + 1);
        if (octree)
            r |= ((z >> bit) & 1ull) << (bit * dims + 2);
    }
    return r;
}

namespace {

bool parseAvailability(const QJsonObject &root, const char *name, const std::vector<QByteArray> &views,
                       qint64 bits, bool required, Availability *out, QString *error)
{
    QJsonValue v = root.value(QLatin1String(name));
    if (v.isArray()) // contentAvailability is an array (one per content); the first content is read
        v = v.toArray().isEmpty() ? QJsonValue() : v.toArray().first();
    if (!v.isObject()) {
        if (required) {
            *error = QStringLiteral("no %1").arg(QLatin1String(name));
            return false;
        }
        *out = Availability{true, false, {}};
        return true;
    }
    const QJsonObject o = v.toObject();
    QJsonValue bs = o.value(QLatin1String("bitstream"));
    if (bs.isUndefined())
        bs = o.value(QLatin1String("bufferView")); // 3DTILES_implicit_tiling draft
    if (!bs.isUndefined()) {
        const int idx = bs.toInt(-1);
        if (idx < 0 || idx >= int(views.size())) {
            *error = QStringLiteral("%1.bitstream %2 names no bufferView").arg(QLatin1String(name)).arg(idx);
            return false;
        }
        const QByteArray &b = views[size_t(idx)];
        if (b.size() < (bits + 7) / 8) {
            *error = QStringLiteral("%1: bitstream has %2 bytes, %3 bits need %4")
                             .arg(QLatin1String(name)).arg(b.size()).arg(bits).arg((bits + 7) / 8);
            return false;
        }
        *out = Availability{false, false, b};
        return true;
    }
    const QJsonValue c = o.value(QLatin1String("constant"));
    if (!c.isDouble() || (c.toInt(-1) != 0 && c.toInt(-1) != 1)) {
        *error = QStringLiteral("%1 has neither a bitstream nor a constant 0/1").arg(QLatin1String(name));
        return false;
    }
    *out = Availability{true, c.toInt() == 1, {}};
    return true;
}

} // namespace

bool Subtree::parse(const QByteArray &bytes, const QString &file, const SubtreeShape &shape, qint64 maxBytes,
                    Subtree *out, QString *error)
{
    auto fail = [&](const QString &what) {
        *error = QStringLiteral("%1: %2").arg(file, what);
        return false;
    };
    QByteArray json;
    QByteArray binary;
    bool hasBinary = false;
    if (bytes.startsWith("subt")) {
        if (bytes.size() < 24)
            return fail(QStringLiteral("subtree header cut short (%1 bytes, 24 needed)").arg(bytes.size()));
        const auto *p = reinterpret_cast<const uchar *>(bytes.constData());
        const quint32 version = qFromLittleEndian<quint32>(p + 4);
        const quint64 jsonLen = qFromLittleEndian<quint64>(p + 8);
        const quint64 binLen = qFromLittleEndian<quint64>(p + 16);
        if (version != 1)
            return fail(QStringLiteral("subtree version %1 (1 expected)").arg(version));
        const quint64 avail = quint64(bytes.size()) - 24;
        if (jsonLen > avail || binLen > avail - jsonLen)
            return fail(QStringLiteral("subtree lengths wrong: JSON %1 + binary %2 bytes, the file holds %3 after its header")
                                .arg(jsonLen).arg(binLen).arg(avail));
        json = bytes.mid(24, qsizetype(jsonLen));
        binary = bytes.mid(24 + qsizetype(jsonLen), qsizetype(binLen));
        hasBinary = true;
    } else {
        json = bytes;
    }
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &pe);
    if (!doc.isObject())
        return fail(QStringLiteral("subtree JSON: %1 at offset %2").arg(pe.errorString()).arg(pe.offset));
    const QJsonObject root = doc.object();
    // buffers: the binary chunk (no uri) or external files
    std::vector<QByteArray> buffers;
    const QJsonArray jb = root.value(QLatin1String("buffers")).toArray();
    bool usedBinary = false;
    for (int i = 0; i < jb.size(); ++i) {
        const QJsonObject b = jb[i].toObject();
        const double len = b.value(QLatin1String("byteLength")).toDouble(-1);
        if (len < 0 || len > double(maxBytes))
            return fail(QStringLiteral("buffers[%1].byteLength %2 is missing or too large").arg(i).arg(len));
        QByteArray data;
        if (b.contains(QLatin1String("uri"))) {
            const QString uri = b.value(QLatin1String("uri")).toString();
            const QString path = Resource::resolve(file, uri); // local or URL
            if (!TilesetCache::readFile(path, maxBytes, &data, error))
                return false;
        } else {
            if (!hasBinary || usedBinary)
                return fail(QStringLiteral("buffers[%1] has no uri and no binary chunk is left").arg(i));
            data = binary;
            usedBinary = true;
        }
        if (data.size() < qsizetype(len))
            return fail(QStringLiteral("buffers[%1] has %2 bytes, byteLength says %3").arg(i).arg(data.size()).arg(qint64(len)));
        buffers.push_back(data);
    }
    std::vector<QByteArray> views;
    const QJsonArray jv = root.value(QLatin1String("bufferViews")).toArray();
    for (int i = 0; i < jv.size(); ++i) {
        const QJsonObject v = jv[i].toObject();
        const int buffer = v.value(QLatin1String("buffer")).toInt(-1);
        const double off = v.value(QLatin1String("byteOffset")).toDouble(0);
        const double len = v.value(QLatin1String("byteLength")).toDouble(-1);
        if (buffer < 0 || buffer >= int(buffers.size()))
            return fail(QStringLiteral("bufferViews[%1].buffer %2 names no buffer").arg(i).arg(buffer));
        if (off < 0 || len < 0 || off + len > double(buffers[size_t(buffer)].size()))
            return fail(QStringLiteral("bufferViews[%1] (offset %2, length %3) lies outside buffer %4 (%5 bytes)")
                                .arg(i).arg(qint64(off)).arg(qint64(len)).arg(buffer).arg(buffers[size_t(buffer)].size()));
        views.push_back(buffers[size_t(buffer)].mid(qsizetype(off), qsizetype(len)));
    }
    Subtree s;
    QString what;
    if (!parseAvailability(root, "tileAvailability", views, shape.tileBits(), true, &s.tiles, &what)
        || !parseAvailability(root, "contentAvailability", views, shape.tileBits(), false, &s.content, &what)
        || !parseAvailability(root, "childSubtreeAvailability", views, shape.childBits(), true, &s.childSubtrees, &what))
        return fail(what);
    *out = s;
    return true;
}

} // namespace liyuan::tiles3d
