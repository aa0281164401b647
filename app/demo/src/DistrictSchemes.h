#pragma once
// Private to liyuan_demo: redevelopment schemes for part of the historic core
// (assets/demo/schemes.json): building models written as glTF (.glb) by GltfWriter, each with
// a MODEL.geo.json placement sidecar, and <folder>/schemes.json listing the schemes with their
// models and the replaced areas (the old blocks' footprints, to be flattened).

#include "DistrictGis.h"
#include "DistrictModel.h"

#include <QString>
#include <QStringList>

namespace liyuan::demo {

struct SchemesResult
{
    QString folder;       ///< absolute path of the schemes folder
    QString indexFile;    ///< <folder>/schemes.json
    QStringList files;    ///< relative to the folder: schemes.json, *.glb, *.glb.geo.json
    int schemes = 0;
    int models = 0;
};

/**
 * Writes the schemes of the recipe json into outDir/<folder> (created). Model positions use
 * the terrain's ground height at the site (districtGroundHeight). Errors name the file or
 * the recipe field.
 */
bool writeDistrictSchemes(const Layout &layout, const GisSpec &gis, const QByteArray &recipeJson, const QString &outDir,
                          SchemesResult *out, QString *error);

} // namespace liyuan::demo
