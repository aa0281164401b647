#include "InfoCommand.h"

#include <liyuan/osgb/OsgbDataset.h>
#include <liyuan/scene/TileReader.h>

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMap>
#include <QSet>
#include <QtConcurrent/QtConcurrentMap>

#include <algorithm>
#include <cstdio>

namespace liyuan {

namespace {

QJsonObject vec(const Vec3d &v)
{
    return QJsonObject{{QStringLiteral("x"), v.x}, {QStringLiteral("y"), v.y}, {QStringLiteral("z"), v.z}};
}

struct Box
{
    Vec3d mn{1e300, 1e300, 1e300}, mx{-1e300, -1e300, -1e300};
    bool valid() const { return mn.x <= mx.x; }
    void add(const Vec3d &p)
    {
        mn = Vec3d(std::min(mn.x, p.x), std::min(mn.y, p.y), std::min(mn.z, p.z));
        mx = Vec3d(std::max(mx.x, p.x), std::max(mx.y, p.y), std::max(mx.z, p.z));
    }
};

/** Bounds of a tile's geometry (mesh bounding boxes) in the dataset's local frame. */
void addContentBounds(const TileContent &c, Box *box)
{
    for (const MeshData &m : c.meshes) {
        if (m.positions.empty())
            continue;
        box->add(c.origin + Vec3d(m.boundsMin[0], m.boundsMin[1], m.boundsMin[2]));
        box->add(c.origin + Vec3d(m.boundsMax[0], m.boundsMax[1], m.boundsMax[2]));
    }
}

struct FileReport
{
    QString file;
    int level = 0;
    TileReadResult result;
};

} // namespace

QJsonObject InfoCommand::describe(const QString &path, bool deep, bool *ok, QString *error)
{
    QJsonObject info;
    const osgb::OsgbDataset ds = osgb::OsgbDataset::open(path);
    if (!ds.ok) {
        *ok = false;
        *error = ds.error;
        return info;
    }
    *ok = true;
    info[QStringLiteral("path")] = QFileInfo(path).absoluteFilePath();
    info[QStringLiteral("format")] = QStringLiteral("OSGB");
    info[QStringLiteral("layout")] = ds.metadataFile.isEmpty() ? QStringLiteral("tiles without metadata.xml")
                                                               : QStringLiteral("ContextCapture production");
    info[QStringLiteral("metadata")] = ds.metadataFile;
    const LocalFrame &frame = ds.frame;
    QJsonObject crs;
    crs[QStringLiteral("georeferenced")] = frame.isGeoreferenced();
    crs[QStringLiteral("name")] = frame.isGeoreferenced() ? frame.crs().name() : QStringLiteral("local (no metadata.xml)");
    crs[QStringLiteral("proj")] = frame.crs().projDefinition();
    crs[QStringLiteral("authority")] = frame.crs().authorityCode();
    if (!frame.crs().warning().isEmpty())
        crs[QStringLiteral("warning")] = frame.crs().warning();
    info[QStringLiteral("crs")] = crs;
    info[QStringLiteral("origin")] = vec(frame.origin());
    info[QStringLiteral("rootTiles")] = int(ds.rootFiles.size());
    info[QStringLiteral("warnings")] = QJsonArray::fromStringList(ds.warnings);

    auto reader = [](const QString &file) {
        FileReport r;
        r.file = file;
        if (auto rd = ReaderRegistry::instance().readerFor(file))
            r.result = rd->read(file);
        else
            r.result.error = QFileInfo::exists(file) ? QStringLiteral("%1: no reader for this file type").arg(file)
                                                     : QStringLiteral("%1: file not found").arg(file);
        return r;
    };

    // level by level (breadth first), each level read in parallel
    Box box;
    QJsonArray levels;
    QJsonArray missing, unreadable;
    int files = 0;
    qint64 totalTriangles = 0, totalTextureBytes = 0;
    QStringList current = ds.rootFiles;
    QSet<QString> seen(current.cbegin(), current.cend());
    int level = 0;
    const int maxLevel = deep ? 1000 : 0;
    while (!current.isEmpty() && level <= maxLevel) {
        const QList<FileReport> reports = QtConcurrent::blockingMapped(current, std::function<FileReport(const QString &)>(reader));
        QStringList next;
        qint64 tri = 0, texBytes = 0;
        int textures = 0, ok = 0;
        for (const FileReport &r : reports) {
            if (!r.result.ok) {
                if (!QFileInfo::exists(r.file))
                    missing.append(r.file);
                else
                    unreadable.append(QJsonObject{{QStringLiteral("file"), r.file}, {QStringLiteral("error"), r.result.error}});
                continue;
            }
            ++ok;
            const TileContent &c = r.result.content;
            tri += c.triangleCount();
            texBytes += c.textureBytes();
            textures += int(c.images.size());
            if (level == 0)
                addContentBounds(c, &box);
            for (const QString &child : c.childFiles())
                if (!seen.contains(child)) {
                    seen.insert(child);
                    next << child;
                }
        }
        files += ok;
        totalTriangles += tri;
        totalTextureBytes += texBytes;
        if (ok > 0)
            levels.append(QJsonObject{{QStringLiteral("level"), level},
                                  {QStringLiteral("files"), ok},
                                  {QStringLiteral("triangles"), double(tri)},
                                  {QStringLiteral("textures"), textures},
                                  {QStringLiteral("textureBytes"), double(texBytes)}});
        if (!deep) {
            // children of the roots exist or not: cheap check only
            break;
        }
        current = next;
        ++level;
    }

    if (box.valid()) {
        info[QStringLiteral("boundsLocal")] = QJsonObject{{QStringLiteral("min"), vec(box.mn)}, {QStringLiteral("max"), vec(box.mx)}};
        info[QStringLiteral("boundsCrs")] = QJsonObject{{QStringLiteral("min"), vec(frame.toCrs(box.mn))},
                                                        {QStringLiteral("max"), vec(frame.toCrs(box.mx))}};
        if (frame.isGeoreferenced()) {
            double w = 1e300, s = 1e300, e = -1e300, n = -1e300, hmin = 1e300, hmax = -1e300;
            bool allOk = true;
            for (int i = 0; i < 8; ++i) {
                const Vec3d corner((i & 1) ? box.mx.x : box.mn.x, (i & 2) ? box.mx.y : box.mn.y, (i & 4) ? box.mx.z : box.mn.z);
                bool ok = false;
                const Vec3d ll = frame.toLonLatHeight(corner, &ok);
                allOk = allOk && ok;
                w = std::min(w, ll.x); e = std::max(e, ll.x);
                s = std::min(s, ll.y); n = std::max(n, ll.y);
                hmin = std::min(hmin, ll.z); hmax = std::max(hmax, ll.z);
            }
            if (allOk)
                info[QStringLiteral("boundsWgs84")] = QJsonObject{
                        {QStringLiteral("west"), w}, {QStringLiteral("south"), s}, {QStringLiteral("east"), e},
                        {QStringLiteral("north"), n}, {QStringLiteral("minHeight"), hmin}, {QStringLiteral("maxHeight"), hmax}};
            bool ok = false;
            const Vec3d oll = frame.toLonLatHeight(Vec3d(), &ok);
            if (ok)
                info[QStringLiteral("originWgs84")] = QJsonObject{{QStringLiteral("lon"), oll.x}, {QStringLiteral("lat"), oll.y},
                                                                  {QStringLiteral("height"), oll.z}};
        }
    }
    if (deep) {
        info[QStringLiteral("files")] = files;
        info[QStringLiteral("lodLevels")] = int(levels.size());
        info[QStringLiteral("levels")] = levels;
        info[QStringLiteral("triangles")] = double(totalTriangles);
        info[QStringLiteral("textureBytes")] = double(totalTextureBytes);
        info[QStringLiteral("missingChildren")] = missing;
        info[QStringLiteral("unreadable")] = unreadable;
    } else {
        info[QStringLiteral("rootTriangles")] = levels.isEmpty() ? 0.0 : levels[0].toObject()[QStringLiteral("triangles")].toDouble();
        if (!unreadable.isEmpty())
            info[QStringLiteral("unreadable")] = unreadable;
    }
    return info;
}

QString InfoCommand::toText(const QJsonObject &i)
{
    QString out;
    auto line = [&](const QString &k, const QString &v) { out += QStringLiteral("%1 %2\n").arg(k + QLatin1Char(':'), -16).arg(v); };
    auto v3 = [](const QJsonObject &o) {
        return QStringLiteral("%1, %2, %3").arg(o[QStringLiteral("x")].toDouble(), 0, 'f', 3)
                .arg(o[QStringLiteral("y")].toDouble(), 0, 'f', 3).arg(o[QStringLiteral("z")].toDouble(), 0, 'f', 3);
    };
    line(QStringLiteral("Path"), i[QStringLiteral("path")].toString());
    line(QStringLiteral("Format"), i[QStringLiteral("format")].toString() + QStringLiteral(" (") + i[QStringLiteral("layout")].toString() + QLatin1Char(')'));
    const QJsonObject crs = i[QStringLiteral("crs")].toObject();
    line(QStringLiteral("CRS"), crs[QStringLiteral("name")].toString()
                 + (crs[QStringLiteral("authority")].toString().isEmpty() ? QString() : QStringLiteral(" [%1]").arg(crs[QStringLiteral("authority")].toString())));
    if (!crs[QStringLiteral("proj")].toString().isEmpty())
        line(QStringLiteral("PROJ"), crs[QStringLiteral("proj")].toString());
    if (crs.contains(QStringLiteral("warning")))
        line(QStringLiteral("CRS note"), crs[QStringLiteral("warning")].toString());
    line(QStringLiteral("Origin"), v3(i[QStringLiteral("origin")].toObject()));
    if (i.contains(QStringLiteral("originWgs84"))) {
        const QJsonObject o = i[QStringLiteral("originWgs84")].toObject();
        line(QStringLiteral("Origin WGS84"), QStringLiteral("lon %1, lat %2").arg(o[QStringLiteral("lon")].toDouble(), 0, 'f', 7).arg(o[QStringLiteral("lat")].toDouble(), 0, 'f', 7));
    }
    if (i.contains(QStringLiteral("boundsCrs"))) {
        const QJsonObject b = i[QStringLiteral("boundsCrs")].toObject();
        line(QStringLiteral("Bounds (CRS)"), v3(b[QStringLiteral("min")].toObject()) + QStringLiteral("  ..  ") + v3(b[QStringLiteral("max")].toObject()));
    }
    if (i.contains(QStringLiteral("boundsWgs84"))) {
        const QJsonObject b = i[QStringLiteral("boundsWgs84")].toObject();
        line(QStringLiteral("Bounds WGS84"), QStringLiteral("W %1  S %2  E %3  N %4")
                     .arg(b[QStringLiteral("west")].toDouble(), 0, 'f', 7).arg(b[QStringLiteral("south")].toDouble(), 0, 'f', 7)
                     .arg(b[QStringLiteral("east")].toDouble(), 0, 'f', 7).arg(b[QStringLiteral("north")].toDouble(), 0, 'f', 7));
    }
    line(QStringLiteral("Root tiles"), QString::number(i[QStringLiteral("rootTiles")].toInt()));
    if (i.contains(QStringLiteral("levels"))) {
        line(QStringLiteral("Files"), QString::number(i[QStringLiteral("files")].toInt()));
        line(QStringLiteral("Triangles"), QString::number(qint64(i[QStringLiteral("triangles")].toDouble())));
        line(QStringLiteral("Texture bytes"), QString::number(qint64(i[QStringLiteral("textureBytes")].toDouble())));
        out += QStringLiteral("LOD levels:\n");
        for (const QJsonValue &l : i[QStringLiteral("levels")].toArray()) {
            const QJsonObject o = l.toObject();
            out += QStringLiteral("  level %1: %2 files, %3 triangles, %4 textures, %5 texture bytes\n")
                           .arg(o[QStringLiteral("level")].toInt()).arg(o[QStringLiteral("files")].toInt())
                           .arg(qint64(o[QStringLiteral("triangles")].toDouble())).arg(o[QStringLiteral("textures")].toInt())
                           .arg(qint64(o[QStringLiteral("textureBytes")].toDouble()));
        }
        const QJsonArray missing = i[QStringLiteral("missingChildren")].toArray();
        line(QStringLiteral("Missing children"), QString::number(missing.size()));
        for (const QJsonValue &m : missing)
            out += QStringLiteral("  %1\n").arg(m.toString());
    }
    const QJsonArray unreadable = i[QStringLiteral("unreadable")].toArray();
    if (!unreadable.isEmpty()) {
        line(QStringLiteral("Unreadable"), QString::number(unreadable.size()));
        for (const QJsonValue &u : unreadable)
            out += QStringLiteral("  %1\n").arg(u.toObject()[QStringLiteral("error")].toString());
    }
    for (const QJsonValue &w : i[QStringLiteral("warnings")].toArray())
        line(QStringLiteral("Warning"), w.toString());
    return out;
}

int InfoCommand::run(const QString &path, bool deep, bool json)
{
    bool ok = false;
    QString error;
    const QJsonObject info = describe(path, deep, &ok, &error);
    if (!ok) {
        if (json) {
            std::printf("%s\n", QJsonDocument(QJsonObject{{QStringLiteral("error"), error}}).toJson(QJsonDocument::Compact).constData());
        }
        std::fprintf(stderr, "liyuan info: %s\n", qPrintable(error));
        return 2;
    }
    if (json)
        std::printf("%s\n", QJsonDocument(info).toJson(QJsonDocument::Indented).constData());
    else
        std::printf("%s", qPrintable(toText(info)));
    return 0;
}

} // namespace liyuan
