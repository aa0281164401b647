#pragma once
#include <liyuan/demo/DemoDistrict.h>

#include <QString>

namespace liyuan::demo {

/** The names the demo project gives its layers (in the interface language). */
struct DemoProjectNames
{
    QString pois = QStringLiteral("Points of interest");
    QString zones = QStringLiteral("Heritage protection zones (height limits)");
    QString streets = QStringLiteral("Streets");
    QString buildings = QStringLiteral("Building footprints");
    QString district = QStringLiteral("Liyuan district (photogrammetry)");
    QString ortho = QStringLiteral("Orthophoto");
    QString dem = QStringLiteral("Terrain (DEM)");
};

/** The demo project's file name inside the demo district's folder. */
inline QString demoProjectFileName() { return QStringLiteral("demo.liyuan.json"); }

/**
 * Writes `<r.datasetDir>/demo.liyuan.json`: the demo district as a Liyuan project — the
 * photogrammetry (its frame is the scene frame), terrain with the orthophoto draped, heritage
 * zones as height-limit volumes, streets, footprints, POIs, and the redevelopment schemes (none
 * shown). Paths are relative to the folder, so the folder can be moved. Atomic (QSaveFile).
 * Any thread. False with *error naming the file.
 */
bool writeDemoProject(const DemoDistrictResult &r, const DemoProjectNames &names, QString *error);

} // namespace liyuan::demo
