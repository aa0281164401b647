#pragma once
#include <liyuan/scene/TileContent.h>

#include <QString>

namespace liyuan::osgb {

/**
 * Writes plain tile content as a binary .osgb file through OSG's osg2 plugin, in the
 * shape ContextCapture produces: each LodNode becomes an osg::PagedLOD
 * (USER_DEFINED_CENTER, its range mode and ranges); inline ranges become Geodes with one
 * textured Geometry per mesh; child-file ranges name the file relative to the written
 * file's folder. Images are embedded as JPEG. Positions are written as
 * content.origin + position (ContextCapture vertices are relative to the SRS origin).
 * Any thread; returns false and sets *error ("FILE: problem") on failure.
 */
bool writeTile(const TileContent &content, const QString &path, QString *error = nullptr);

} // namespace liyuan::osgb
