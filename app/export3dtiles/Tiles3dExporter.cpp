#include "Tiles3dExporter.h"
#include "GlbTileWriter.h"

#include <liyuan/geodata/CoordinateTransform.h>
#include <liyuan/osgb/OsgbDataset.h>
#include <liyuan/osgb/OsgbReader.h>
#include <liyuan/scene/RemoteSource.h>
#include <liyuan/scene/RemoteUrl.h>

#include <QBuffer>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QImageWriter>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QSet>
#include <QThreadPool>
#include <QUrl>

#include <cmath>
#include <cstdio>
#include <limits>
#include <map>
#include <mutex>

namespace liyuan {

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

/** An axis-aligned box in the tileset's ENU frame (metres). */
struct Box
{
    Vec3d min{kInf, kInf, kInf};
    Vec3d max{-kInf, -kInf, -kInf};
    bool valid() const { return min.x <= max.x; }
    void add(const Vec3d &p)
    {
        min = {std::min(min.x, p.x), std::min(min.y, p.y), std::min(min.z, p.z)};
        max = {std::max(max.x, p.x), std::max(max.y, p.y), std::max(max.z, p.z)};
    }
    void add(const Box &b)
    {
        if (b.valid())
            add(b.min), add(b.max);
    }
    Vec3d centre() const { return (min + max) * 0.5; }
    QJsonArray json() const
    {
        const Vec3d c = centre();
        const Vec3d h = (max - min) * 0.5;
        auto half = [](double v) { return std::max(v, 0.01); }; // flat tiles: no degenerate box
        return QJsonArray{c.x, c.y, c.z, half(h.x), 0, 0, 0, half(h.y), 0, 0, 0, half(h.z)};
    }
};

/** The production's frame → the tileset's ENU frame, through ECEF (PROJ). Thread-safe. */
struct Georef
{
    LocalFrame frame;
    CoordinateTransform toEcef{Crs(), Crs()};
    Vec3d ecef0, east, north, up;

    bool init(const LocalFrame &f, QString *error)
    {
        frame = f;
        QString err;
        const Crs ecef = Crs::fromString(QStringLiteral("EPSG:4978"), &err);
        toEcef = CoordinateTransform(f.crs(), ecef);
        if (!ecef.isValid() || !toEcef.isValid()) {
            *error = QStringLiteral("no transformation from %1 to ECEF (%2)").arg(f.crs().name(), err.isEmpty() ? toEcef.error() : err);
            return false;
        }
        bool ok1 = false, ok2 = false;
        const Vec3d llh = f.toLonLatHeight(Vec3d(), &ok1);
        ecef0 = toEcef.apply(f.toCrs(Vec3d()), &ok2);
        if (!ok1 || !ok2) {
            *error = QStringLiteral("the origin %1 does not transform to WGS84").arg(f.crs().name());
            return false;
        }
        const double lon = llh.x * M_PI / 180.0, lat = llh.y * M_PI / 180.0;
        east = {-std::sin(lon), std::cos(lon), 0};
        north = {-std::sin(lat) * std::cos(lon), -std::sin(lat) * std::sin(lon), std::cos(lat)};
        up = {std::cos(lat) * std::cos(lon), std::cos(lat) * std::sin(lon), std::sin(lat)};
        return true;
    }
    /** Local (production frame) → ENU. */
    bool toEnu(const Vec3d &local, Vec3d *enu) const
    {
        Vec3d p = frame.toCrs(local);
        if (!toEcef.transform(p))
            return false;
        const Vec3d d = p - ecef0;
        *enu = {d.dot(east), d.dot(north), d.dot(up)};
        return true;
    }
    /** ENU → ECEF, column-major 4×4 (tileset.json's root transform). */
    QJsonArray transform() const
    {
        return QJsonArray{east.x, east.y, east.z, 0, north.x, north.y, north.z, 0, up.x, up.y, up.z, 0, ecef0.x, ecef0.y, ecef0.z, 1};
    }
};

/** What one OSGB file became. */
struct TileRecord
{
    bool ok = false;
    QString error;
    QStringList warnings;
    bool missing = false;   ///< remote: the server has no such file (404/410): skipped
    QString glbRelative;    ///< relative to OUT; empty when the file has no geometry
    QStringList children;   ///< absolute child files (existing, first reference only)
    double geometricError = 0;
    Box content;
    qint64 triangles = 0;
};

/** Encodes an OSG-order (bottom row first) RGBA image as JPEG (opaque) or PNG. */
bool encodeImage(const ImageData &im, int quality, QByteArray *bytes, QString *mime)
{
    if (!im.isValid())
        return false;
    const QImage view(reinterpret_cast<const uchar *>(im.rgba.constData()), im.width, im.height, im.width * 4,
                      QImage::Format_RGBA8888);
    const QImage img = view.mirrored(); // top row first, as image files and glTF's UVs have it
    bool opaque = true;
    for (qsizetype i = 3; i < im.rgba.size() && opaque; i += 4)
        opaque = uchar(im.rgba[i]) == 255;
    QBuffer buf(bytes);
    buf.open(QIODevice::WriteOnly);
    if (opaque) {
        QImageWriter w(&buf, "jpeg");
        w.setQuality(quality);
        if (w.write(img.convertToFormat(QImage::Format_RGB888))) {
            *mime = QStringLiteral("image/jpeg");
            return true;
        }
        bytes->clear();
        buf.seek(0);
    }
    QImageWriter w(&buf, "png");
    if (!w.write(img))
        return false;
    *mime = QStringLiteral("image/png");
    return true;
}

/** The glb's path for an OSGB file, relative to OUT (mirrors the production's layout). */
QString glbPathFor(const QString &file, const QString &productionRoot)
{
    QString rel;
    if (RemoteUrl::isRemote(file)) // remote: the path below the production's URL
        rel = file.startsWith(productionRoot) ? QUrl::fromPercentEncoding(file.mid(productionRoot.size()).section(QLatin1Char('?'), 0, 0).toUtf8())
                                              : QStringLiteral("../") + RemoteUrl::fileName(file);
    else
        rel = QDir(productionRoot).relativeFilePath(file);
    if (rel.startsWith(QLatin1String("../")))
        rel = QStringLiteral("outside/") + QFileInfo(file).fileName();
    const int dot = rel.lastIndexOf(QLatin1Char('.'));
    return (dot > rel.lastIndexOf(QLatin1Char('/')) ? rel.left(dot) : rel) + QStringLiteral(".glb");
}

TileRecord convertFile(const QString &file, const Georef &geo, const ExportOptions &opt, const QString &productionRoot,
                       const QString &outDir)
{
    TileRecord rec;
    static const osgb::OsgbReader reader;
    TileReadResult read;
    if (RemoteUrl::isRemote(file)) { // remote: fetched through RemoteSource (disk cache, retries)
        const FetchResult fetched = RemoteSource::instance().fetch(file);
        if (!fetched.ok && (fetched.httpStatus == 404 || fetched.httpStatus == 410)) {
            rec.ok = rec.missing = true;
            rec.warnings << QStringLiteral("%1: missing on the server (HTTP %2), skipped").arg(RemoteUrl::redacted(file)).arg(fetched.httpStatus);
            return rec;
        }
        if (!fetched.ok) {
            rec.error = fetched.error;
            return rec;
        }
        read = reader.readData(fetched.data, file);
    } else {
        read = reader.read(file);
    }
    if (!read.ok) {
        rec.error = read.error.isEmpty() ? QStringLiteral("%1: unreadable").arg(file) : read.error;
        return rec;
    }
    TileContent &c = read.content;
    rec.warnings = c.warnings;

    // geometric error from the PagedLOD ranges that hand over to a child file
    for (const LodNode &node : c.nodes)
        for (const LodRange &range : node.ranges) {
            if (range.childFile.isEmpty())
                continue;
            double ge = 0;
            if (node.rangeMode == RangeMode::DistanceFromEye)
                ge = range.max < std::numeric_limits<float>::max() ? opt.maximumScreenSpaceError * range.max / opt.nominalFocalPixels : 0;
            else if (range.min > 0)
                ge = opt.maximumScreenSpaceError * 2.0 * node.radius / range.min;
            if (std::isfinite(ge))
                rec.geometricError = std::max(rec.geometricError, ge);
        }
    rec.children = c.childFiles();

    // every vertex to ENU (double), then float relative to the tile's centre
    std::vector<std::vector<Vec3d>> enu(c.meshes.size());
    for (size_t m = 0; m < c.meshes.size(); ++m) {
        const MeshData &mesh = c.meshes[m];
        if (mesh.indices.size() < 3)
            continue;
        const size_t nv = mesh.positions.size() / 3;
        enu[m].resize(nv);
        for (size_t i = 0; i < nv; ++i) {
            const Vec3d local = c.origin + Vec3d(mesh.positions[i * 3], mesh.positions[i * 3 + 1], mesh.positions[i * 3 + 2]);
            if (!geo.toEnu(local, &enu[m][i])) {
                rec.error = QStringLiteral("%1: vertex %2 of mesh %3 does not transform to ECEF").arg(file).arg(i).arg(m);
                return rec;
            }
            rec.content.add(enu[m][i]);
        }
    }
    if (rec.content.valid()) {
        const Vec3d centre = rec.content.centre();
        GlbTileWriter writer;
        writer.setName(QFileInfo(file).fileName());
        writer.setTranslation({centre.x, centre.z, -centre.y}); // glTF: x east, y up, z south
        std::map<int, int> images;
        for (size_t m = 0; m < c.meshes.size(); ++m) {
            const MeshData &mesh = c.meshes[m];
            if (enu[m].empty())
                continue;
            GlbTileWriter::Primitive p;
            p.positions.resize(enu[m].size() * 3);
            for (size_t i = 0; i < enu[m].size(); ++i) {
                const Vec3d d = enu[m][i] - centre;
                p.positions[i * 3] = float(d.x), p.positions[i * 3 + 1] = float(d.z), p.positions[i * 3 + 2] = float(-d.y);
            }
            p.indices = mesh.indices;
            std::copy(mesh.color, mesh.color + 4, p.color);
            if (mesh.imageIndex >= 0 && mesh.imageIndex < int(c.images.size()) && mesh.uvs.size() == enu[m].size() * 2) {
                auto it = images.find(mesh.imageIndex);
                if (it == images.end()) {
                    QByteArray bytes;
                    QString mime;
                    int index = -1;
                    if (encodeImage(c.images[size_t(mesh.imageIndex)], opt.jpegQuality, &bytes, &mime))
                        index = writer.addImage(std::move(bytes), mime);
                    else
                        rec.warnings << QStringLiteral("%1: texture %2 could not be encoded; drawn untextured").arg(file).arg(mesh.imageIndex);
                    it = images.emplace(mesh.imageIndex, index).first;
                }
                p.image = it->second;
                if (p.image >= 0) {
                    p.uvs = mesh.uvs;
                    for (size_t i = 1; i < p.uvs.size(); i += 2)
                        p.uvs[i] = 1.f - p.uvs[i]; // OSG: v = 0 at the bottom row; glTF: at the top
                }
            }
            writer.addPrimitive(std::move(p));
        }
        QString err;
        const QByteArray glb = writer.glb(&err);
        if (glb.isEmpty()) {
            rec.error = QStringLiteral("%1: %2").arg(file, err);
            return rec;
        }
        rec.glbRelative = glbPathFor(file, productionRoot);
        const QString target = QDir(outDir).filePath(rec.glbRelative);
        QDir().mkpath(QFileInfo(target).absolutePath());
        QSaveFile out(target);
        if (!out.open(QIODevice::WriteOnly) || out.write(glb) != glb.size() || !out.commit()) {
            rec.error = QStringLiteral("%1: cannot be written (%2)").arg(target, out.errorString());
            return rec;
        }
        rec.triangles = writer.triangleCount();
    }
    rec.ok = true;
    return rec;
}

bool isInside(const QString &path, const QString &dir)
{
    const QString p = QDir::cleanPath(path), d = QDir::cleanPath(dir);
    return p == d || p.startsWith(d + QLatin1Char('/'));
}

/** The canonical form of a path that may not exist yet (its nearest existing ancestor resolved). */
QString canonicalish(const QString &path)
{
    QFileInfo fi(QFileInfo(path).absoluteFilePath());
    QStringList tail;
    while (!fi.exists() && !fi.isRoot() && fi.absoluteFilePath() != fi.absolutePath()) {
        tail.prepend(fi.fileName());
        fi.setFile(fi.absolutePath());
    }
    QString base = fi.exists() ? fi.canonicalFilePath() : fi.absoluteFilePath();
    for (const QString &t : tail)
        base += QLatin1Char('/') + t;
    return QDir::cleanPath(base);
}

} // namespace

Tiles3dExporter::Result Tiles3dExporter::run(const QString &production, const QString &out, const Progress &progress) const
{
    Result res;
    auto fail = [&res](int code, const QString &msg) {
        res.exitCode = code;
        res.error = msg;
        return res;
    };
    const bool remote = RemoteUrl::isRemote(production);
    osgb::OsgbDataset ds;
    { // remote: open() fetches metadata.xml and the Data/ listing, off the calling thread
        QThreadPool opener;
        opener.start([&] { ds = osgb::OsgbDataset::open(production); });
        opener.waitForDone();
    }
    if (!ds.ok)
        return fail(2, ds.error);
    if (ds.metadataFile.isEmpty() || !ds.frame.isGeoreferenced())
        return fail(2, QStringLiteral("%1: no metadata.xml with SRS and SRSOrigin: a 3D tileset must be georeferenced, so an "
                                      "ungeoreferenced production cannot be exported").arg(production));
    if (ds.rootFiles.isEmpty())
        return fail(2, QStringLiteral("%1: no root tile files (Data/Tile_*/Tile_*.osgb)").arg(production));
    if (m_options.tiling == ExportOptions::Tiling::Implicit)
        return fail(2, QStringLiteral("%1: --tiling implicit does not fit an OSGB production: implicit tiling addresses tiles by "
                                      "splitting each volume into equal quadrants/octants, while a ContextCapture PagedLOD tree "
                                      "splits by content (each file has 1 to 8+ children of irregular extent, Tile_* roots on their "
                                      "own grid); use --tiling explicit").arg(production));
    const QString productionRoot = remote ? RemoteUrl::resolved(ds.metadataFile, QStringLiteral("./"))
                                          : QFileInfo(ds.metadataFile).absolutePath();
    const QString outDir = canonicalish(out);
    if (!remote && isInside(outDir, canonicalish(productionRoot)))
        return fail(3, QStringLiteral("%1: OUT lies inside the production %2; choose a folder outside it").arg(out, productionRoot));
    if (!QDir().mkpath(outDir) || !QFileInfo(outDir).isDir())
        return fail(3, QStringLiteral("%1: cannot create the output folder").arg(out));
    {
        QFile probe(QDir(outDir).filePath(QStringLiteral(".liyuan-write-test")));
        if (!probe.open(QIODevice::WriteOnly))
            return fail(3, QStringLiteral("%1: cannot write in the output folder (%2)").arg(out, probe.errorString()));
        probe.close();
        probe.remove();
    }
    const QString tilesetFile = QDir(outDir).filePath(QStringLiteral("tileset.json"));
    QFile::remove(tilesetFile); // never leave an earlier tileset.json claiming this export
    Georef geo;
    QString err;
    if (!geo.init(ds.frame, &err))
        return fail(2, QStringLiteral("%1: %2").arg(ds.metadataFile, err));

    // convert every reachable file on worker threads; a finished file queues its children
    QThreadPool pool;
    if (m_options.threads > 0)
        pool.setMaxThreadCount(m_options.threads);
    std::mutex mutex;
    std::map<QString, TileRecord> records;
    QSet<QString> seen;
    int total = 0, done = 0;
    std::function<void(const QString &)> submit; // called with mutex held
    submit = [&](const QString &file) {
        seen.insert(file);
        ++total;
        pool.start([&, file] {
            TileRecord rec = convertFile(file, geo, m_options, productionRoot, outDir);
            std::lock_guard<std::mutex> lock(mutex);
            QStringList kept;
            for (const QString &child : std::as_const(rec.children)) {
                if (!RemoteUrl::isRemote(child) && !QFileInfo(child).isFile())
                    rec.warnings << QStringLiteral("%1: child %2 is missing (skipped)").arg(file, child);
                else if (seen.contains(child))
                    rec.warnings << QStringLiteral("%1: child %2 is already used by another tile (skipped here)").arg(file, child);
                else {
                    kept << child;
                    submit(child);
                }
            }
            rec.children = kept;
            ++done;
            if (progress)
                progress(done, total);
            records[file] = std::move(rec);
        });
    };
    {
        std::lock_guard<std::mutex> lock(mutex);
        for (const QString &root : ds.rootFiles)
            submit(root);
    }
    pool.waitForDone();

    for (const auto &[file, rec] : records) {
        res.warnings << rec.warnings;
        if (!rec.ok)
            res.errors << rec.error;
        res.files += rec.ok && !rec.missing;
        res.glbs += !rec.glbRelative.isEmpty();
        res.triangles += rec.triangles;
    }
    if (!res.errors.isEmpty())
        return fail(2, QStringLiteral("%1 of %2 files could not be converted; no tileset.json written").arg(res.errors.size()).arg(records.size()));

    // tileset.json: one tile per file, bounds from the content and the children
    std::function<QJsonObject(const QString &, Box *, double *)> tileJson = [&](const QString &file, Box *bounds, double *ge) {
        const TileRecord &rec = records.at(file);
        Box box = rec.content;
        QJsonArray children;
        for (const QString &child : rec.children) {
            Box cb;
            double cge = 0;
            const QJsonObject cj = tileJson(child, &cb, &cge);
            if (cb.valid()) {
                children.append(cj);
                box.add(cb);
            }
        }
        *bounds = box;
        *ge = children.isEmpty() ? 0.0 : rec.geometricError;
        QJsonObject t{{QStringLiteral("boundingVolume"), QJsonObject{{QStringLiteral("box"), box.json()}}},
                      {QStringLiteral("geometricError"), *ge},
                      {QStringLiteral("refine"), QStringLiteral("REPLACE")}};
        if (!rec.glbRelative.isEmpty())
            t.insert(QStringLiteral("content"), QJsonObject{{QStringLiteral("uri"), rec.glbRelative}});
        if (!children.isEmpty())
            t.insert(QStringLiteral("children"), children);
        return t;
    };
    Box all;
    double maxGe = 0;
    QJsonArray roots;
    for (const QString &root : ds.rootFiles) {
        Box b;
        double ge = 0;
        const QJsonObject t = tileJson(root, &b, &ge);
        if (!b.valid())
            continue;
        roots.append(t);
        all.add(b);
        maxGe = std::max(maxGe, ge);
    }
    if (!all.valid())
        return fail(2, QStringLiteral("%1: no geometry in any tile file").arg(production));
    // the root has no content of its own: an error large enough that a viewer seeing the whole
    // production already descends to the Tile_* roots
    const double rootGe = std::max(2.0 * maxGe, (all.max - all.min).length());
    QJsonObject root{{QStringLiteral("boundingVolume"), QJsonObject{{QStringLiteral("box"), all.json()}}},
                     {QStringLiteral("geometricError"), rootGe},
                     {QStringLiteral("refine"), QStringLiteral("REPLACE")},
                     {QStringLiteral("children"), roots}};
    if (roots.size() == 1) // one Tile_* root (a Tile_* folder exported): it is the tileset's root
        root = roots.first().toObject();
    root.insert(QStringLiteral("transform"), geo.transform());
    const Vec3d llh = ds.frame.toLonLatHeight(Vec3d());
    QJsonObject tileset{
        {QStringLiteral("asset"), QJsonObject{{QStringLiteral("version"), QStringLiteral("1.1")},
                                              {QStringLiteral("generator"), QStringLiteral("Liyuan export-3dtiles")}}},
        {QStringLiteral("geometricError"), roots.size() == 1 ? std::max(rootGe, root.value(QStringLiteral("geometricError")).toDouble()) : rootGe},
        {QStringLiteral("root"), root},
        {QStringLiteral("extras"), QJsonObject{{QStringLiteral("liyuan"), QJsonObject{
            {QStringLiteral("source"), remote ? RemoteUrl::redacted(productionRoot) : QDir(productionRoot).absolutePath()},
            {QStringLiteral("srs"), ds.frame.crs().name()},
            {QStringLiteral("srsOrigin"), QJsonArray{ds.frame.origin().x, ds.frame.origin().y, ds.frame.origin().z}},
            {QStringLiteral("originLonLatHeight"), QJsonArray{llh.x, llh.y, llh.z}},
            {QStringLiteral("maximumScreenSpaceError"), m_options.maximumScreenSpaceError}}}}}};
    const QByteArray json = QJsonDocument(tileset).toJson(QJsonDocument::Indented);
    const QString part = tilesetFile + QStringLiteral(".part");
    QFile f(part);
    if (!f.open(QIODevice::WriteOnly) || f.write(json) != json.size() || !f.flush()) {
        const QString why = f.errorString();
        f.close();
        QFile::remove(part);
        return fail(3, QStringLiteral("%1: cannot be written (%2)").arg(part, why));
    }
    f.close();
    if (std::rename(QFile::encodeName(part).constData(), QFile::encodeName(tilesetFile).constData()) != 0) {
        QFile::remove(part);
        return fail(3, QStringLiteral("%1: cannot be renamed to tileset.json").arg(part));
    }
    res.ok = true;
    res.tilesetFile = tilesetFile;
    return res;
}

int Tiles3dExporter::runCommand(const QString &production, const QString &out, const ExportOptions &options)
{
    const Tiles3dExporter exporter(options);
    const Result r = exporter.run(production, out, [](int done, int total) {
        std::printf("progress %d/%d\n", done, total);
        std::fflush(stdout);
    });
    for (const QString &w : r.warnings)
        std::fprintf(stderr, "liyuan: warning: %s\n", qPrintable(w));
    for (const QString &e : r.errors)
        std::fprintf(stderr, "liyuan: %s\n", qPrintable(e));
    if (!r.ok) {
        std::fprintf(stderr, "liyuan: export-3dtiles: %s\n", qPrintable(r.error));
        return r.exitCode ? r.exitCode : 2;
    }
    std::printf("exported %d files (%d glb, %lld triangles) to %s\n", r.files, r.glbs, r.triangles, qPrintable(r.tilesetFile));
    return 0;
}

} // namespace liyuan
