#include "TileResolver.h"
#include "TilesetCache.h"
#include "Resource.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QRegularExpression>
#include <QUrl>

#include <cmath>

namespace liyuan::tiles3d {
namespace {

/** A content uri resolved against the file naming it (Resource::resolve: local or URL). */
QString resolveUri(const QString &baseFile, const QString &uri)
{
    return Resource::resolve(baseFile, uri);
}

QString contentUri(const QJsonObject &tile)
{
    QJsonObject c = tile.value(QLatin1String("content")).toObject();
    if (c.isEmpty()) {
        const QJsonArray cs = tile.value(QLatin1String("contents")).toArray();
        if (!cs.isEmpty())
            c = cs.first().toObject();
    }
    QString uri = c.value(QLatin1String("uri")).toString();
    if (uri.isEmpty())
        uri = c.value(QLatin1String("url")).toString(); // 3D Tiles 0.0
    return uri;
}

bool isTilesetUri(const QString &path) { return Resource::suffix(path) == QLatin1String("json"); }

bool tileTransform(const QJsonObject &tile, Mat4 *xf, QString *error)
{
    const QJsonValue t = tile.value(QLatin1String("transform"));
    if (t.isUndefined())
        return true;
    Mat4 m;
    if (!m.fromJson(t)) {
        *error = QStringLiteral("\"transform\" is not 16 finite numbers");
        return false;
    }
    *xf = *xf * m;
    return true;
}

bool tileRefine(const QJsonObject &tile, bool *add, QString *error)
{
    const QJsonValue r = tile.value(QLatin1String("refine"));
    if (r.isUndefined())
        return true;
    const QString s = r.toString().toUpper();
    if (s == QLatin1String("ADD"))
        *add = true;
    else if (s == QLatin1String("REPLACE"))
        *add = false;
    else {
        *error = QStringLiteral("\"refine\": \"%1\" is neither ADD nor REPLACE").arg(r.toString());
        return false;
    }
    return true;
}

QString fillTemplate(QString uri, int level, quint64 x, quint64 y, quint64 z)
{
    uri.replace(QLatin1String("{level}"), QString::number(level));
    uri.replace(QLatin1String("{x}"), QString::number(x));
    uri.replace(QLatin1String("{y}"), QString::number(y));
    uri.replace(QLatin1String("{z}"), QString::number(z));
    return uri;
}

} // namespace

bool TileResolver::isAddress(const QString &text)
{
    // remote: a URL may carry a query (a token) between ".json" and the tile part
    static const QRegularExpression re(QStringLiteral("\\.json(\\?[^#]*)?#r[0-9.|r@]*$"), QRegularExpression::CaseInsensitiveOption);
    return re.match(text).hasMatch();
}

bool TileResolver::resolve(const QString &address, const Tiles3dOptions &options, ResolvedTile *out, QString *error)
{
    const int hash = address.lastIndexOf(QLatin1String("#r"));
    if (hash < 0 || !isAddress(address)) {
        *error = QStringLiteral("%1: not a 3D Tiles tile address").arg(address);
        return false;
    }
    ResolvedTile r;
    r.address = address;
    r.topFile = address.left(hash);
    QStringList segments = address.mid(hash + 1).split(QLatin1Char('|'));
    QString implicitPart;
    {
        QString &last = segments.last();
        const int at = last.indexOf(QLatin1Char('@'));
        if (at >= 0) {
            implicitPart = last.mid(at + 1);
            last.truncate(at);
        }
    }
    if (segments.size() > options.maxNesting) {
        *error = QStringLiteral("%1: external tilesets nested deeper than %2").arg(r.topFile).arg(options.maxNesting);
        return false;
    }
    QString file = r.topFile;
    QStringList chain{file};
    Mat4 xf;
    bool add = false;
    QJsonObject tile;
    for (int s = 0; s < segments.size(); ++s) {
        const std::shared_ptr<const QJsonObject> doc = TilesetCache::instance().tileset(file, options.maxFileBytes, error);
        if (!doc)
            return false;
        tile = doc->value(QLatin1String("root")).toObject();
        const QStringList steps = segments[s].split(QLatin1Char('.'));
        if (steps.isEmpty() || steps.first() != QLatin1String("r")) {
            *error = QStringLiteral("%1: malformed tile address %2").arg(file, address);
            return false;
        }
        for (int k = 0;; ++k) {
            QString what;
            if (!tileTransform(tile, &xf, &what) || !tileRefine(tile, &add, &what)) {
                *error = QStringLiteral("%1: tile %2: %3").arg(file, steps.mid(0, k + 1).join(QLatin1Char('.')), what);
                return false;
            }
            if (k + 1 >= steps.size())
                break;
            bool okIdx = false;
            const int idx = steps[k + 1].toInt(&okIdx);
            const QJsonArray children = tile.value(QLatin1String("children")).toArray();
            if (!okIdx || idx < 0 || idx >= children.size()) {
                *error = QStringLiteral("%1: tile %2 has no child %3").arg(file, steps.mid(0, k + 1).join(QLatin1Char('.')), steps[k + 1]);
                return false;
            }
            tile = children[idx].toObject();
        }
        if (s + 1 < segments.size()) {
            const QString uri = contentUri(tile);
            const QString next = resolveUri(file, uri);
            if (uri.isEmpty() || !isTilesetUri(next)) {
                *error = QStringLiteral("%1: tile %2 names no external tileset").arg(file, segments[s]);
                return false;
            }
            if (chain.contains(next)) {
                *error = QStringLiteral("%1: cyclic external tilesets: %2 → %3").arg(file, chain.join(QStringLiteral(" → ")), next);
                return false;
            }
            chain << next;
            file = next;
        }
    }
    r.tilesetFile = file;
    const QString tileLabel = QStringLiteral("%1: tile %2").arg(file, segments.last());
    QString what;
    if (!BoundingVolume::fromJson(tile.value(QLatin1String("boundingVolume")).toObject(), &r.volume, &what)) {
        *error = QStringLiteral("%1: %2").arg(tileLabel, what);
        return false;
    }
    const QJsonValue ge = tile.value(QLatin1String("geometricError"));
    if (!ge.isDouble() || !std::isfinite(ge.toDouble()) || ge.toDouble() < 0) {
        *error = QStringLiteral("%1: \"geometricError\" is missing or negative").arg(tileLabel);
        return false;
    }
    r.geometricError = ge.toDouble();
    r.transform = xf;
    r.add = add;
    const QString ownUri = contentUri(tile);

    const QJsonObject implicit = tile.value(QLatin1String("implicitTiling")).toObject();
    if (!implicit.isEmpty()) {
        // implicit tiling: this explicit tile is level 0 of a quadtree/octree
        const QString scheme = implicit.value(QLatin1String("subdivisionScheme")).toString();
        SubtreeShape shape;
        shape.octree = scheme == QLatin1String("OCTREE");
        if (!shape.octree && scheme != QLatin1String("QUADTREE")) {
            *error = QStringLiteral("%1: implicitTiling.subdivisionScheme \"%2\" is neither QUADTREE nor OCTREE").arg(tileLabel, scheme);
            return false;
        }
        shape.subtreeLevels = implicit.value(QLatin1String("subtreeLevels")).toInt(0);
        int available = implicit.value(QLatin1String("availableLevels")).toInt(0);
        if (available == 0)
            available = implicit.value(QLatin1String("maximumLevel")).toInt(-1) + 1; // draft
        if (shape.subtreeLevels < 1 || shape.subtreeLevels > (shape.octree ? 8 : 12) || available < 1 || available > 30) {
            *error = QStringLiteral("%1: implicitTiling subtreeLevels %2 / availableLevels %3 out of range")
                             .arg(tileLabel).arg(shape.subtreeLevels).arg(available);
            return false;
        }
        const QString subtreeUri = implicit.value(QLatin1String("subtrees")).toObject().value(QLatin1String("uri")).toString();
        if (subtreeUri.isEmpty()) {
            *error = QStringLiteral("%1: implicitTiling has no subtrees.uri").arg(tileLabel);
            return false;
        }
        int level = 0;
        quint64 x = 0, y = 0, z = 0;
        if (!implicitPart.isEmpty()) {
            const QStringList c = implicitPart.split(QLatin1Char('.'));
            bool ok = c.size() == (shape.octree ? 4 : 3);
            if (ok) {
                level = c[0].toInt(&ok);
                if (ok)
                    x = c[1].toULongLong(&ok);
                if (ok)
                    y = c[2].toULongLong(&ok);
                if (ok && shape.octree)
                    z = c[3].toULongLong(&ok);
            }
            if (!ok || level < 0 || level >= available || x >> level || y >> level || z >> level) {
                *error = QStringLiteral("%1: implicit tile %2 out of range").arg(tileLabel, implicitPart);
                return false;
            }
        }
        const int subLevel = (level / shape.subtreeLevels) * shape.subtreeLevels;
        const int local = level - subLevel;
        const quint64 sx = x >> local, sy = y >> local, sz = z >> local;
        const QString subtreeFile = resolveUri(file, fillTemplate(subtreeUri, subLevel, sx, sy, sz));
        const std::shared_ptr<const Subtree> sub =
                TilesetCache::instance().subtree(subtreeFile, shape, options.maxFileBytes, error);
        if (!sub)
            return false;
        const quint64 lx = x - (sx << local), ly = y - (sy << local), lz = z - (sz << local);
        const qint64 bit = shape.levelOffset(local) + qint64(mortonIndex(lx, ly, lz, shape.octree));
        if (!sub->tiles.at(bit)) {
            *error = QStringLiteral("%1: implicit tile %2.%3.%4 is not available in %5").arg(tileLabel).arg(level).arg(x).arg(y).arg(subtreeFile);
            return false;
        }
        r.volume = r.volume.subdivided(level, x, y, z, shape.octree);
        r.geometricError = r.geometricError / std::ldexp(1.0, level);
        if (!ownUri.isEmpty() && sub->content.at(bit))
            r.contentFile = resolveUri(file, fillTemplate(ownUri, level, x, y, z));
        if (level + 1 < available) {
            const QString base = address.left(address.size() - (implicitPart.isEmpty() ? 0 : implicitPart.size() + 1));
            for (int c = 0; c < shape.branching(); ++c) {
                const quint64 cx = 2 * x + (c & 1), cy = 2 * y + ((c >> 1) & 1), cz = 2 * z + ((c >> 2) & 1);
                bool avail;
                if (local + 1 < shape.subtreeLevels) {
                    const qint64 cb = shape.levelOffset(local + 1)
                                      + qint64(mortonIndex(cx - (sx << (local + 1)), cy - (sy << (local + 1)),
                                                           cz - (sz << (local + 1)), shape.octree));
                    avail = sub->tiles.at(cb);
                } else {
                    avail = sub->childSubtrees.at(qint64(mortonIndex(cx - (sx << (local + 1)), cy - (sy << (local + 1)),
                                                                     cz - (sz << (local + 1)), shape.octree)));
                }
                if (!avail)
                    continue;
                QString child = QStringLiteral("%1@%2.%3.%4").arg(base).arg(level + 1).arg(cx).arg(cy);
                if (shape.octree)
                    child += QStringLiteral(".%1").arg(cz);
                r.children << child;
            }
        }
        *out = r;
        return true;
    }

    if (!ownUri.isEmpty()) {
        const QString path = resolveUri(file, ownUri);
        if (isTilesetUri(path)) {
            if (chain.contains(path)) {
                *error = QStringLiteral("%1: cyclic external tilesets: %2 → %3").arg(tileLabel, chain.join(QStringLiteral(" → ")), path);
                return false;
            }
            if (!Resource::mayExist(path)) {
                *error = QStringLiteral("%1: external tileset %2 does not exist").arg(tileLabel, path);
                return false;
            }
            r.children << address + QStringLiteral("|r");
            *out = r;
            return true;
        }
        r.contentFile = path;
    }
    const QJsonArray children = tile.value(QLatin1String("children")).toArray();
    if (children.size() > options.maxChildren) {
        *error = QStringLiteral("%1: %2 children, more than the limit of %3").arg(tileLabel).arg(children.size()).arg(options.maxChildren);
        return false;
    }
    int missing = 0;
    QString firstMissing;
    for (int i = 0; i < children.size(); ++i) {
        const QJsonObject c = children[i].toObject();
        const QString uri = contentUri(c);
        // a leaf whose content file is absent would only fail: left out, with one warning for all
        if (!uri.isEmpty() && !uri.contains(QLatin1Char('{')) && c.value(QLatin1String("children")).toArray().isEmpty()
            && !Resource::mayExist(resolveUri(file, uri))) {
            if (missing++ == 0)
                firstMissing = resolveUri(file, uri);
            continue;
        }
        r.children << QStringLiteral("%1.%2").arg(address).arg(i);
    }
    if (missing > 0)
        r.warnings << QStringLiteral("%1: %2 child tile(s) name content that does not exist (first: %3); left out")
                              .arg(tileLabel).arg(missing).arg(firstMissing);
    *out = r;
    return true;
}

} // namespace liyuan::tiles3d
