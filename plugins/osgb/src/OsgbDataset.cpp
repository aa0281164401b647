#include <liyuan/osgb/OsgbDataset.h>

#include <liyuan/geodata/ContextCaptureMetadata.h>

#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>

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

} // namespace

OsgbDataset OsgbDataset::open(const QString &path)
{
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
