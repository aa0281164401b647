#pragma once
#include "Mat4.h"

#include <liyuan/geodata/LocalFrame.h>
#include <liyuan/tiles3d/Tiles3dOptions.h>

#include <QString>
#include <QStringList>

namespace liyuan::tiles3d {

/**
 * The frame of a tileset (from its top tileset.json) and the map from the tileset frame
 * into it: for a georeferenced tileset an ENU frame at the root volume's centre, with
 * ECEF → ENU taken from PROJ (an exact rigid map, sampled once); else identity. Cached per
 * file; any thread.
 */
struct DatasetFrame
{
    LocalFrame frame;
    bool georeferenced = false;
    Mat4 tilesetToLocal;
    QStringList warnings;
    QString version;

    static bool forTileset(const QString &topFile, const Tiles3dOptions &options, DatasetFrame *out, QString *error);
};

} // namespace liyuan::tiles3d
