#include "DemoProject.h"

#include "SchemeManager.h"

#include <liyuan/geodata/ContextCaptureMetadata.h>

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>

namespace liyuan {

ProjectFile DemoProject::build(const demo::DemoDistrictResult &r, QStringList *messages)
{
    // the demo opens as a project: photogrammetry, terrain with the orthophoto draped,
    // heritage zones as translucent height-limit volumes, buildings, streets and POIs
    const QDir base(r.datasetDir);
    auto rel = [&](const QString &p) { return base.relativeFilePath(p); };
    ProjectFile p;
    auto layer = [&](const QString &id, const QString &name, const QString &kind, const QString &path, int sourceLayer,
                     bool visible, double opacity, const QJsonObject &style) {
        QJsonObject o{{QStringLiteral("id"), id},     {QStringLiteral("name"), name},
                      {QStringLiteral("kind"), kind}, {QStringLiteral("path"), path},
                      {QStringLiteral("visible"), visible}, {QStringLiteral("opacity"), opacity}};
        if (sourceLayer > 0)
            o[QStringLiteral("sourceLayer")] = sourceLayer;
        if (!style.isEmpty())
            o[QStringLiteral("style")] = style;
        p.layers.append(o);
    };
    const bool gis = !r.vectorFile.isEmpty() && QFileInfo::exists(r.vectorFile);
    int buildings = 0, zones = 1, streets = 2, pois = 3;
    if (gis) {
        buildings = int(r.layers.indexOf(QStringLiteral("buildings")));
        zones = int(r.layers.indexOf(QStringLiteral("heritage_zones")));
        streets = int(r.layers.indexOf(QStringLiteral("streets")));
        pois = int(r.layers.indexOf(QStringLiteral("pois")));
    }
    // top of the panel first
    if (gis && pois >= 0)
        layer(QStringLiteral("pois"), tr("Points of interest"), QStringLiteral("points"), rel(r.vectorFile), pois, true, 1.0, {});
    if (gis && zones >= 0)
        layer(QStringLiteral("heritage_zones"), tr("Heritage protection zones (height limits)"), QStringLiteral("vector"),
              rel(r.vectorFile), zones, true, 0.2,
              QJsonObject{{QStringLiteral("colorMode"), QStringLiteral("graduated")},
                          {QStringLiteral("attribute"), QStringLiteral("max_height")},
                          {QStringLiteral("ranges"), QJsonArray{
                                   QJsonObject{{QStringLiteral("min"), 0}, {QStringLiteral("max"), 20}, {QStringLiteral("color"), QStringLiteral("#d6336c")}},
                                   QJsonObject{{QStringLiteral("min"), 20}, {QStringLiteral("max"), 30}, {QStringLiteral("color"), QStringLiteral("#f08c00")}},
                                   QJsonObject{{QStringLiteral("min"), 30}, {QStringLiteral("max"), 1000}, {QStringLiteral("color"), QStringLiteral("#37b24d")}}}},
                          {QStringLiteral("heightAttributes"), QJsonArray{QStringLiteral("max_height")}},
                          {QStringLiteral("extrude"), true}});
    if (gis && streets >= 0)
        layer(QStringLiteral("streets"), tr("Streets"), QStringLiteral("vector"), rel(r.vectorFile), streets, false, 1.0,
              QJsonObject{{QStringLiteral("lineColor"), QStringLiteral("#ffd43b")}, {QStringLiteral("lineWidth"), 3.0}});
    if (gis && buildings >= 0)
        layer(QStringLiteral("buildings"), tr("Building footprints"), QStringLiteral("vector"), rel(r.vectorFile), buildings,
              false, 1.0,
              QJsonObject{{QStringLiteral("colorMode"), QStringLiteral("categorized")},
                          {QStringLiteral("attribute"), QStringLiteral("use")},
                          {QStringLiteral("categories"), QJsonArray{
                                   QJsonObject{{QStringLiteral("value"), QStringLiteral("residential")}, {QStringLiteral("color"), QStringLiteral("#e9c46a")}},
                                   QJsonObject{{QStringLiteral("value"), QStringLiteral("commercial")}, {QStringLiteral("color"), QStringLiteral("#e76f51")}},
                                   QJsonObject{{QStringLiteral("value"), QStringLiteral("office")}, {QStringLiteral("color"), QStringLiteral("#4dabf7")}},
                                   QJsonObject{{QStringLiteral("value"), QStringLiteral("heritage")}, {QStringLiteral("color"), QStringLiteral("#b5179e")}}}}});
    layer(QStringLiteral("district"), tr("Liyuan district (photogrammetry)"), QStringLiteral("photogrammetry"), QStringLiteral("."), 0, true, 1.0, {});
    if (!r.orthoFile.isEmpty() && QFileInfo::exists(r.orthoFile))
        layer(QStringLiteral("ortho"), tr("Orthophoto"), QStringLiteral("imagery"), rel(r.orthoFile), 0, true, 1.0, {});
    if (!r.demFile.isEmpty() && QFileInfo::exists(r.demFile))
        layer(QStringLiteral("dem"), tr("Terrain (DEM)"), QStringLiteral("terrain"), rel(r.demFile), 0, true, 1.0, {});
    // the scene frame is the photogrammetry's (camera paths are in its local frame)
    const ContextCaptureMetadata md = ContextCaptureMetadata::read(base.filePath(QStringLiteral("metadata.xml")));
    if (md.ok) {
        p.hasFrame = true;
        p.crs = md.crs.definition();
        p.origin = md.srsOrigin;
    }
    // schemes: the demo's redevelopment schemes, none active (the district shows as today)
    if (!r.schemesFile.isEmpty() && QFileInfo::exists(r.schemesFile)) {
        QString schemesError;
        if (!SchemeManager::readSchemesFile(r.schemesFile, base, &p.schemes, &schemesError) && messages)
            *messages << schemesError;
    }
    return p;
}

} // namespace liyuan
