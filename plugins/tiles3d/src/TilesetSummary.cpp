#include <liyuan/tiles3d/TilesetSummary.h>
#include <liyuan/tiles3d/Tiles3dDataset.h>
#include <liyuan/tiles3d/Tiles3dReader.h>

#include "BoundingVolume.h"
#include "Resource.h"
#include "TileResolver.h"
#include "TilesetCache.h"

#include <liyuan/scene/RemoteUrl.h>

#include <QJsonArray>
#include <QMap>
#include <QSet>
#include <QtConcurrent/QtConcurrentMap>

#include <algorithm>
#include <cmath>
#include <functional>

namespace liyuan::tiles3d {
namespace {

/** Every "implicitTiling" object in a tile tree (JSON). */
void findImplicit(const QJsonObject &tile, QJsonArray *out, int depth = 0)
{
    if (depth > 64)
        return;
    const QJsonObject it = tile.value(QLatin1String("implicitTiling")).toObject();
    if (!it.isEmpty())
        out->append(it);
    for (const QJsonValue &c : tile.value(QLatin1String("children")).toArray())
        findImplicit(c.toObject(), out, depth + 1);
}

/** The content type from the first bytes. */
QString magicType(const QByteArray &b)
{
    if (b.startsWith("b3dm"))
        return QStringLiteral("b3dm");
    if (b.startsWith("i3dm"))
        return QStringLiteral("i3dm");
    if (b.startsWith("pnts"))
        return QStringLiteral("pnts");
    if (b.startsWith("cmpt"))
        return QStringLiteral("cmpt");
    if (b.startsWith("glTF"))
        return QStringLiteral("glb");
    if (b.trimmed().startsWith("{"))
        return QStringLiteral("gltf");
    return QStringLiteral("unknown");
}

struct Visit
{
    bool ok = false;
    ResolvedTile tile;
    QString error;
    QString magic; ///< deep: the content's type by magic
    QString readError;
};

} // namespace

QJsonObject TilesetSummary::describe(const QString &input, bool deep, bool *ok, QString *error)
{
    QJsonObject info;
    const Tiles3dDataset ds = Tiles3dDataset::open(input);
    const bool remote = Resource::isRemote(input);
    auto shown = [remote](const QString &s) { return remote ? RemoteUrl::redactText(s) : s; };
    if (!ds.ok) {
        *ok = false;
        *error = ds.error;
        return info;
    }
    *ok = true;
    const Tiles3dOptions options = Tiles3dReader::options();
    info[QStringLiteral("path")] = Resource::shown(ds.path);
    info[QStringLiteral("format")] = QStringLiteral("3dtiles");
    info[QStringLiteral("version")] = ds.version;
    QString err;
    const auto top = TilesetCache::instance().tileset(ds.path, options.maxFileBytes, &err);
    if (top) {
        const QString tv = top->value(QLatin1String("asset")).toObject().value(QLatin1String("tilesetVersion")).toString();
        if (!tv.isEmpty())
            info[QStringLiteral("tilesetVersion")] = tv;
        info[QStringLiteral("geometricError")] = top->value(QLatin1String("geometricError")).toDouble();
    }
    info[QStringLiteral("georeferenced")] = ds.frame.isGeoreferenced();

    // root bounds as lon/lat (+ heights): the root volume's surface points through the root transform
    ResolvedTile root;
    if (TileResolver::resolve(TileResolver::rootAddress(ds.path), options, &root, &err) && ds.frame.isGeoreferenced()) {
        double w = 1e300, s = 1e300, e = -1e300, n = -1e300, hmin = 1e300, hmax = -1e300;
        for (const Vec3d &p : root.volume.samplePoints(root.transform)) {
            const Vec3d ll = ecefToLonLatHeight(p);
            w = std::min(w, ll.x), e = std::max(e, ll.x), s = std::min(s, ll.y), n = std::max(n, ll.y);
            hmin = std::min(hmin, ll.z), hmax = std::max(hmax, ll.z);
        }
        if (root.volume.kind == BoundingVolume::Kind::Region) { // exact: the region itself
            const double k = 180.0 / M_PI;
            w = root.volume.v[0] * k, s = root.volume.v[1] * k, e = root.volume.v[2] * k, n = root.volume.v[3] * k;
            hmin = root.volume.v[4], hmax = root.volume.v[5];
        }
        info[QStringLiteral("boundsWgs84")] = QJsonObject{{QStringLiteral("west"), w}, {QStringLiteral("south"), s},
                                                          {QStringLiteral("east"), e}, {QStringLiteral("north"), n},
                                                          {QStringLiteral("minHeight"), hmin}, {QStringLiteral("maxHeight"), hmax}};
    }

    // the tree, breadth first
    std::function<Visit(const QString &)> visit = [&options, deep](const QString &address) {
        Visit v;
        v.ok = TileResolver::resolve(address, options, &v.tile, &v.error);
        if (v.ok && deep && !v.tile.contentFile.isEmpty()) {
            QByteArray bytes;
            if (Resource::read(v.tile.contentFile, options.maxFileBytes, &bytes, &v.readError))
                v.magic = magicType(bytes.left(64));
        }
        return v;
    };
    QStringList current = ds.rootFiles;
    QSet<QString> tilesets;
    QMap<QString, int> types;
    QJsonArray implicit, unreadable, missing;
    int tiles = 0, depth = -1, withContent = 0;
    int externalNotOpened = 0, implicitRootLevel = -1;
    bool truncated = false;
    // mend: without deep, only the top tileset.json is read (and the root subtree of implicit
    // tiling): external tilesets are counted, not opened, and no further subtree is fetched
    auto implicitLevel = [](const QString &address) {
        const int at = address.lastIndexOf(QLatin1Char('@'));
        return at < 0 ? -1 : QStringView(address).mid(at + 1).split(QLatin1Char('.')).value(0).toInt();
    };
    while (!current.isEmpty()) {
        if (tiles + current.size() > kMaxTiles) {
            truncated = true;
            break;
        }
        const QList<Visit> visits = QtConcurrent::blockingMapped(current, visit);
        QStringList next;
        bool any = false;
        for (const Visit &v : visits) {
            if (!v.ok) {
                unreadable.append(shown(v.error));
                continue;
            }
            any = true;
            ++tiles;
            if (!tilesets.contains(v.tile.tilesetFile)) {
                tilesets.insert(v.tile.tilesetFile);
                if (const auto doc = TilesetCache::instance().tileset(v.tile.tilesetFile, options.maxFileBytes, &err))
                    findImplicit(doc->value(QLatin1String("root")).toObject(), &implicit);
            }
            if (!v.tile.contentFile.isEmpty()) {
                ++withContent;
                if (deep) {
                    if (v.magic.isEmpty())
                        missing.append(shown(v.readError));
                    else
                        ++types[v.magic];
                } else {
                    ++types[Resource::suffix(v.tile.contentFile)];
                }
            }
            if (implicitRootLevel < 0 && !v.tile.address.contains(QLatin1Char('@'))
                && std::any_of(v.tile.children.cbegin(), v.tile.children.cend(), [](const QString &c) { return c.contains(QLatin1Char('@')); }))
                implicitRootLevel = depth + 1;
            for (const QString &c : v.tile.children) {
                if (!deep && c.endsWith(QLatin1String("|r"))) {
                    ++externalNotOpened;
                    continue;
                }
                const int subtreeLevels = implicit.isEmpty() ? 0 : implicit.first().toObject().value(QLatin1String("subtreeLevels")).toInt();
                if (!deep && subtreeLevels > 0 && implicitLevel(c) >= subtreeLevels)
                    continue; // in a child subtree
                next << c;
            }
        }
        if (any)
            ++depth;
        current = next;
    }
    QString tiling = QStringLiteral("explicit");
    if (!implicit.isEmpty()) {
        const QJsonObject it = implicit.first().toObject();
        tiling = it.value(QLatin1String("subdivisionScheme")).toString() == QLatin1String("OCTREE") ? QStringLiteral("implicit octree")
                                                                                                     : QStringLiteral("implicit quadtree");
        info[QStringLiteral("subtreeLevels")] = it.value(QLatin1String("subtreeLevels")).toInt();
        info[QStringLiteral("availableLevels")] = it.value(QLatin1String("availableLevels")).toInt(it.value(QLatin1String("maximumLevel")).toInt(-1) + 1);
        if (!deep && implicitRootLevel >= 0) // the levels below the root subtree, from availableLevels
            depth = std::max(depth, implicitRootLevel + info[QStringLiteral("availableLevels")].toInt() - 1);
    }
    info[QStringLiteral("tiling")] = tiling;
    info[QStringLiteral("tilesets")] = int(tilesets.size()); // the top one and every external tileset reached
    info[QStringLiteral("tiles")] = tiles;
    info[QStringLiteral("tilesWithContent")] = withContent;
    info[QStringLiteral("levels")] = depth + 1;
    info[QStringLiteral("truncated")] = truncated;
    // what was walked: without deep, the top tileset (and root subtree); tiles, tilesWithContent and
    // contentTypes then count only those, and external tilesets are counted without being opened
    info[QStringLiteral("walked")] = deep ? QStringLiteral("all") : QStringLiteral("top tileset");
    if (!deep)
        info[QStringLiteral("externalTilesetsNotOpened")] = externalNotOpened;
    QJsonObject typeJson;
    QJsonArray typeNames;
    for (auto it = types.cbegin(); it != types.cend(); ++it) {
        typeJson[it.key()] = it.value();
        typeNames.append(it.key());
    }
    info[QStringLiteral("contentTypes")] = typeNames;
    if (deep) {
        info[QStringLiteral("contentCounts")] = typeJson;
        info[QStringLiteral("missingContent")] = missing;
    }
    info[QStringLiteral("unreadable")] = unreadable;
    QJsonArray warnings;
    for (const QString &w : ds.warnings)
        warnings.append(w);
    info[QStringLiteral("warnings")] = warnings;
    return info;
}

} // namespace liyuan::tiles3d
