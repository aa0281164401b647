#include <liyuan/osgb/OsgbDataset.h>

#include <liyuan/geodata/ContextCaptureMetadata.h>
#include <liyuan/scene/RemoteSource.h>
#include <liyuan/scene/RemoteUrl.h>

#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>
#include <QUrl>

namespace liyuan::osgb {
namespace {

bool isTileFile(const QFileInfo &fi)
{
    const QString ext = fi.suffix().toLower();
    return fi.isFile() && (ext == QLatin1String("osgb") || ext == QLatin1String("osgt") || ext == QLatin1String("ive"));
}

/** The root file of one Tile_* folder: <folder>/<folder>.osgb (or .osgt/.ive). */
QString rootFileOfTileFolder(const QDir &tileDir)
{
    const QString name = tileDir.dirName();
    for (const char *ext : {".osgb", ".osgt", ".ive"}) {
        const QFileInfo fi(tileDir.filePath(name + QLatin1String(ext)));
        if (fi.isFile())
            return fi.absoluteFilePath();
    }
    return {};
}

QStringList rootsOfDataFolder(const QDir &dataDir, QStringList *warnings)
{
    QStringList roots;
    const QStringList tiles = dataDir.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
    for (const QString &t : tiles) {
        const QString root = rootFileOfTileFolder(QDir(dataDir.filePath(t)));
        if (!root.isEmpty())
            roots << root;
        else if (t.startsWith(QLatin1String("Tile_")))
            *warnings << QStringLiteral("%1: no root file %2.osgb").arg(QDir::toNativeSeparators(dataDir.filePath(t)), t);
    }
    return roots;
}

/** Looks for metadata.xml in dir and its parent (Data/ sits beside metadata.xml). */
QString findMetadata(const QDir &start, int levelsUp)
{
    QDir d = start;
    for (int i = 0; i <= levelsUp; ++i) {
        const QFileInfo fi(d.filePath(QStringLiteral("metadata.xml")));
        if (fi.exists())
            return fi.absoluteFilePath();
        if (!d.cdUp())
            break;
    }
    return {};
}

/** remote: reads a fetched metadata.xml into ds (frame or a warning). */
void applyMetadata(OsgbDataset &ds, const QByteArray &xml, const QString &url)
{
    ds.metadataFile = url;
    const ContextCaptureMetadata md = ContextCaptureMetadata::parse(xml, RemoteUrl::redacted(url));
    if (!md.ok) {
        ds.warnings << RemoteUrl::redactText(md.error) + QStringLiteral(" — using a local, ungeoreferenced frame");
        ds.frame = LocalFrame();
    } else {
        ds.frame = md.frame();
        if (!md.crs.warning().isEmpty())
            ds.warnings << QStringLiteral("%1: %2").arg(RemoteUrl::redacted(url), md.crs.warning());
    }
}

/**
 * remote: the Tile_* folders under a production's Data/ URL, from the server's listing: an HTML
 * index (nginx autoindex, Apache) or an S3 ListObjectsV2 answer (s3:// URLs).
 */
QStringList listTileFolders(const QString &dataUrl, QString *error, QString *listedUrl)
{
    *listedUrl = dataUrl;
    QString listUrl = dataUrl;
    const bool s3 = dataUrl.startsWith(QLatin1String("s3://"), Qt::CaseInsensitive);
    QString s3Prefix;
    if (s3) {
        // s3://bucket/prefix/Data/ → GET bucket?list-type=2&delimiter=/&prefix=prefix/Data/
        const QString http = RemoteUrl::toHttp(dataUrl);
        const QUrl u(http);
        QStringList parts = u.path().split(QLatin1Char('/'), Qt::SkipEmptyParts);
        const bool virtualHost = u.host().contains(QLatin1String(".s3.amazonaws.com"));
        const QString bucketPath = virtualHost || parts.isEmpty() ? QStringLiteral("/") : QLatin1Char('/') + parts.takeFirst() + QLatin1Char('/');
        s3Prefix = parts.join(QLatin1Char('/')) + QLatin1Char('/');
        QUrl list(u);
        list.setPath(bucketPath);
        list.setQuery(QStringLiteral("list-type=2&delimiter=/&prefix=") + QString::fromLatin1(QUrl::toPercentEncoding(s3Prefix)));
        listUrl = list.toString();
    }
    const FetchResult f = RemoteSource::instance().fetch(listUrl, 1e9);
    if (!f.ok) {
        *error = f.error;
        return {};
    }
    if (!s3 && !f.finalUrl.isEmpty()) // redirected (e.g. …/Data → …/Data/, or a moved production)
        *listedUrl = f.finalUrl;
    QStringList tiles;
    const QString body = QString::fromUtf8(f.data);
    if (s3) {
        static const QRegularExpression prefix(QStringLiteral("<Prefix>([^<]*)</Prefix>"));
        for (auto it = prefix.globalMatch(body); it.hasNext();) {
            QString p = it.next().captured(1);
            if (!p.startsWith(s3Prefix) || p == s3Prefix)
                continue;
            p = p.mid(s3Prefix.size());
            if (p.endsWith(QLatin1Char('/')))
                p.chop(1);
            if (p.startsWith(QLatin1String("Tile_")) && !p.contains(QLatin1Char('/')))
                tiles << p;
        }
    } else {
        static const QRegularExpression href(QStringLiteral("href=\"([^\"?#]+)/\""), QRegularExpression::CaseInsensitiveOption);
        for (auto it = href.globalMatch(body); it.hasNext();) {
            const QString p = QUrl::fromPercentEncoding(it.next().captured(1).toUtf8());
            if (p.startsWith(QLatin1String("Tile_")) && !p.contains(QLatin1Char('/')))
                tiles << p;
        }
    }
    tiles.removeDuplicates();
    tiles.sort();
    if (tiles.isEmpty())
        *error = QStringLiteral("%1: the server lists no Tile_* folders (serve Data/ with a directory listing, e.g. nginx "
                                "'autoindex on', or open a root tile's .osgb URL)")
                         .arg(RemoteUrl::redacted(dataUrl));
    return tiles;
}

/** remote: a production, its Data/ folder, a Tile_* folder, metadata.xml or one tile file, by URL. */
OsgbDataset openRemote(const QString &url)
{
    OsgbDataset ds;
    ds.path = url;
    auto fail = [&](const QString &why) {
        ds.ok = false;
        ds.error = why;
        return ds;
    };
    const QString name = RemoteUrl::fileName(url);
    const QString ext = RemoteUrl::suffix(url);
    QString base = url; // a folder URL, ending in '/'
    QStringList metadataCandidates;
    if (name.compare(QLatin1String("metadata.xml"), Qt::CaseInsensitive) == 0) {
        base = RemoteUrl::resolved(url, QStringLiteral("./"));
    } else if (ext == QLatin1String("osgb") || ext == QLatin1String("osgt") || ext == QLatin1String("ive")) {
        ds.rootFiles << url;
        metadataCandidates << RemoteUrl::resolved(url, QStringLiteral("../../metadata.xml"))
                           << RemoteUrl::resolved(url, QStringLiteral("../metadata.xml"));
        base.clear();
    } else {
        if (!base.endsWith(QLatin1Char('/')))
            base += QLatin1Char('/');
    }
    if (!base.isEmpty()) {
        const bool tileFolder = name.startsWith(QLatin1String("Tile_"));
        const bool dataFolder = name == QLatin1String("Data");
        if (tileFolder) {
            ds.rootFiles << RemoteUrl::resolved(base, name + QStringLiteral(".osgb"));
            metadataCandidates << RemoteUrl::resolved(base, QStringLiteral("../../metadata.xml"));
        } else {
            const QString dataUrl = dataFolder ? base : RemoteUrl::resolved(base, QStringLiteral("Data/"));
            QString error;
            QString listedUrl; // the listing's URL after redirects: the folders are relative to it
            const QStringList tiles = listTileFolders(dataUrl, &error, &listedUrl);
            if (tiles.isEmpty())
                return fail(error);
            for (const QString &t : tiles)
                ds.rootFiles << RemoteUrl::resolved(listedUrl, t + QLatin1Char('/') + t + QStringLiteral(".osgb"));
            metadataCandidates << RemoteUrl::resolved(base, dataFolder ? QStringLiteral("../metadata.xml") : QStringLiteral("metadata.xml"));
            if (listedUrl != dataUrl) // the Data/ listing was redirected: the production moved with it
                metadataCandidates.prepend(RemoteUrl::resolved(listedUrl, QStringLiteral("../metadata.xml")));
            metadataCandidates.removeDuplicates();
        }
    }
    QString lastError;
    for (const QString &m : std::as_const(metadataCandidates)) {
        const FetchResult f = RemoteSource::instance().fetch(m, 1e9);
        if (f.ok) {
            applyMetadata(ds, f.data, m);
            ds.ok = true;
            return ds;
        }
        lastError = f.error;
        if (f.httpStatus != 404 && f.httpStatus != 403)
            break; // a network failure, not a missing file: say so
    }
    ds.warnings << QStringLiteral("%1: no metadata.xml (%2): using a local, ungeoreferenced frame")
                           .arg(RemoteUrl::redacted(url), lastError);
    ds.frame = LocalFrame();
    ds.ok = true;
    return ds;
}

} // namespace

OsgbDataset OsgbDataset::open(const QString &path)
{
    if (RemoteUrl::isRemote(path))
        return openRemote(path);
    OsgbDataset ds;
    ds.path = path;
    const QFileInfo fi(path);
    auto fail = [&](const QString &why) {
        ds.ok = false;
        ds.error = QStringLiteral("%1: %2").arg(QDir::toNativeSeparators(path), why);
        return ds;
    };
    if (!fi.exists())
        return fail(QStringLiteral("no such file or folder"));

    int metadataSearchDepth = 0;
    QDir base;
    if (fi.isFile()) {
        if (fi.fileName().compare(QLatin1String("metadata.xml"), Qt::CaseInsensitive) == 0)
            return open(fi.absolutePath());
        if (!isTileFile(fi))
            return fail(QStringLiteral("not an OSGB/OSGT/IVE tile file or dataset folder"));
        ds.rootFiles << fi.absoluteFilePath();
        base = fi.absoluteDir();
        metadataSearchDepth = 2; // Tile_x/ → Data/ → production root
    } else {
        const QDir dir(fi.absoluteFilePath());
        if (QFileInfo(dir.filePath(QStringLiteral("Data"))).isDir()) {
            ds.rootFiles = rootsOfDataFolder(QDir(dir.filePath(QStringLiteral("Data"))), &ds.warnings);
            metadataSearchDepth = 0;
        } else if (const QString root = rootFileOfTileFolder(dir); !root.isEmpty()) {
            ds.rootFiles << root;
            metadataSearchDepth = 2;
        } else {
            ds.rootFiles = rootsOfDataFolder(dir, &ds.warnings);
            metadataSearchDepth = 1;
            if (ds.rootFiles.isEmpty()) {
                // a folder of loose tile files: every file is a root
                const QFileInfoList files = dir.entryInfoList(QDir::Files, QDir::Name);
                for (const QFileInfo &f : files)
                    if (isTileFile(f))
                        ds.rootFiles << f.absoluteFilePath();
            }
        }
        base = dir;
    }
    if (ds.rootFiles.isEmpty())
        return fail(QStringLiteral("no tiles found (expected metadata.xml + Data/Tile_*/Tile_*.osgb, a Data/ folder, a Tile_* folder or a tile file)"));

    ds.metadataFile = findMetadata(base, metadataSearchDepth);
    if (ds.metadataFile.isEmpty()) {
        ds.warnings << QStringLiteral("%1: no metadata.xml found: using a local, ungeoreferenced frame")
                               .arg(QDir::toNativeSeparators(path));
        ds.frame = LocalFrame();
    } else {
        const ContextCaptureMetadata md = ContextCaptureMetadata::read(ds.metadataFile);
        if (!md.ok) {
            ds.warnings << md.error + QStringLiteral(" — using a local, ungeoreferenced frame");
            ds.frame = LocalFrame();
        } else {
            ds.frame = md.frame();
            if (!md.crs.warning().isEmpty())
                ds.warnings << QStringLiteral("%1: %2").arg(QDir::toNativeSeparators(ds.metadataFile), md.crs.warning());
        }
    }
    ds.ok = true;
    return ds;
}

} // namespace liyuan::osgb
