#pragma once
#include "BoundingVolume.h"
#include "Mat4.h"
#include "Subtree.h"

#include <liyuan/tiles3d/Tiles3dOptions.h>

#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace liyuan::tiles3d {

/** What one tile address resolves to (see Tiles3dReader for the addressing). Plain value. */
struct ResolvedTile
{
    QString address;
    QString topFile;       ///< the tileset.json the user opened
    QString tilesetFile;   ///< the tileset.json holding this tile
    Mat4 transform;        ///< accumulated tile transforms (tile → tileset frame)
    BoundingVolume volume;
    double geometricError = 0.0;
    bool add = false;      ///< refine ADD (else REPLACE)
    QString contentFile;   ///< absolute path of its content (not an external tileset), or empty
    QStringList children;  ///< addresses of its child tiles
    QStringList warnings;
};

/**
 * Walks a tile address from the top tileset down (explicit children, external tilesets
 * with cycle detection, implicit tiles through subtree availability) and lists the tile's
 * children. Any thread (shares TilesetCache).
 */
class TileResolver
{
public:
    /** The address of a tileset's root tile. */
    static QString rootAddress(const QString &tilesetFile) { return tilesetFile + QStringLiteral("#r"); }
    /** True when text looks like a tile address (`….json#r…`). */
    static bool isAddress(const QString &text);
    /** Resolves address; false and *error ("FILE: problem") when it cannot. */
    static bool resolve(const QString &address, const Tiles3dOptions &options, ResolvedTile *out, QString *error);
};

} // namespace liyuan::tiles3d
