#pragma once
#include <liyuan/geodata/LocalFrame.h>

#include <QString>
#include <QStringList>

namespace liyuan::osgb {

/**
 * What a path the user opened holds: a ContextCapture production root (metadata.xml +
 * Data/Tile_*), a bare Data/ folder, one Tile_* folder, or a single tile file.
 * Cheap (directory listing + metadata.xml only); any thread.
 */
struct OsgbDataset
{
    bool ok = false;
    QString path;            ///< what was opened
    QString error;           ///< "PATH: problem" when !ok
    QStringList warnings;    ///< e.g. "no metadata.xml: using a local frame"
    QString metadataFile;    ///< empty when none
    LocalFrame frame;        ///< CRS + origin, or an ungeoreferenced local frame
    QStringList rootFiles;   ///< absolute paths of the root tile files, sorted

    /**
     * Locates the dataset at path. remote: path may be an http://, https:// or s3:// URL of a
     * production (its Data/ listed by the server), metadata.xml, Data/, a Tile_* folder or a
     * tile file; then it fetches (RemoteSource) and must run on a worker thread, not the GUI thread.
     */
    static OsgbDataset open(const QString &path);
};

} // namespace liyuan::osgb
