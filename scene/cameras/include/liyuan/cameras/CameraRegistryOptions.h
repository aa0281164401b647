#pragma once
#include <QString>

namespace liyuan::cameras {

/** Limits and policies of CameraRegistry::load() (one place for them). Plain value. */
struct CameraRegistryOptions
{
    /** A larger file is refused before it is read (a 12,000-camera JSON is about 6 MB). */
    qint64 maxFileBytes = 256ll * 1024 * 1024;
    /** More records than this are refused. */
    int maxCameras = 200000;
    /** Longest accepted text field (id, name, URL, …), in characters. */
    int maxTextLength = 4096;
    /** Most tags per camera. */
    int maxTags = 64;
    /** Deepest accepted JSON nesting (the schema needs 4). */
    int maxNestingDepth = 16;
    /** At most this many record errors are reported (the rest are counted). */
    int maxReportedErrors = 50;
    /**
     * false (default): any invalid record fails the load, *error lists the problems.
     * true: invalid records are left out; their problems are in recordErrors().
     */
    bool skipInvalidRecords = false;
    /** Which layer of a GeoPackage holds the cameras; empty: the first point layer. */
    QString gpkgLayer;
};

} // namespace liyuan::cameras
