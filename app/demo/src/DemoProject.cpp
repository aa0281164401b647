#include <liyuan/demo/DemoProject.h>

#include <liyuan/geodata/ContextCaptureMetadata.h>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

namespace liyuan::demo {

namespace {

QJsonObject layer(const QString &id, const QString &name, const QString &kind, const QString &path, int sourceLayer,
                  bool visible, double opacity, const QJsonObject &style = {})
{
    QJsonObject o{{QStringLiteral("id"), id},     {QStringLiteral("name"), name},
                  {QStringLiteral("kind"), kind}, {QStringLiteral("path"), path},
                  {QStringLiteral("visible"), visible}, {QStringLiteral("opacity"), opacity}};
    if (sourceLayer > 0)
        o[QStringLiteral("sourceLayer")] = sourceLayer;
    if (!style.isEmpty())
        o[QStringLiteral("style")] = style;
    return o;
}

QJsonObject range(double min, double max, const char *color)
{
    return QJsonObject{{QStringLiteral("min"), min}, {QStringLiteral("max"), max}, {QStringLiteral("color"), QLatin1String(color)}};
}

QJsonObject category(const char *value, const char *color)
{
    return QJsonObject{{QStringLiteral("value"), QLatin1String(value)}, {QStringLiteral("color"), QLatin1String(color)}};
}

/** The schemes of schemes.json with their model paths made relative to base. */
bool readSchemes(const QString &file, const QDir &base, QJsonArray *out, QString *error)
{
    QFile f(file);
    if (!f.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("%1: cannot open: %2").arg(QDir::toNativeSeparators(file), f.errorString());
        return false;
    }
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(f.readAll(), &pe);
    const QJsonArray list = doc.object().value(QStringLiteral("schemes")).toArray();
    if (pe.error != QJsonParseError::NoError || list.isEmpty()) {
        *error = QStringLiteral("%1: no \"schemes\" array").arg(QDir::toNativeSeparators(file));
        return false;
    }
    const QDir from = QFileInfo(file).absoluteDir();
    for (const QJsonValue &v : list) {
        QJsonObject s = v.toObject();
        QJsonArray models = s.value(QStringLiteral("models")).toArray();
        for (qsizetype i = 0; i < models.size(); ++i) {
            QJsonObject m = models[i].toObject();
            m[QStringLiteral("path")] =
                    base.relativeFilePath(QDir::cleanPath(from.absoluteFilePath(m.value(QStringLiteral("path")).toString())));
            models[i] = m;
        }
        s[QStringLiteral("models")] = models;
        out->append(s);
    }
    return true;
}

} // namespace

bool writeDemoProject(const DemoDistrictResult &r, const DemoProjectNames &names, QString *error)
{
    const QDir base(r.datasetDir);
    auto rel = [&](const QString &p) { return base.relativeFilePath(p); };
    QJsonArray layers;
    const bool gis = !r.vectorFile.isEmpty() && QFileInfo::exists(r.vectorFile);
    const int buildings = int(r.layers.indexOf(QStringLiteral("buildings")));
    const int zones = int(r.layers.indexOf(QStringLiteral("heritage_zones")));
    const int streets = int(r.layers.indexOf(QStringLiteral("streets")));
    const int pois = int(r.layers.indexOf(QStringLiteral("pois")));
    // top of the layer panel first
    if (gis && pois >= 0)
        layers.append(layer(QStringLiteral("pois"), names.pois, QStringLiteral("points"), rel(r.vectorFile), pois, true, 1.0));
    if (gis && zones >= 0)
        layers.append(layer(QStringLiteral("heritage_zones"), names.zones, QStringLiteral("vector"), rel(r.vectorFile), zones,
                            true, 0.2,
                            QJsonObject{{QStringLiteral("colorMode"), QStringLiteral("graduated")},
                                        {QStringLiteral("attribute"), QStringLiteral("max_height")},
                                        {QStringLiteral("ranges"), QJsonArray{range(0, 20, "#d6336c"), range(20, 30, "#f08c00"),
                                                                              range(30, 1000, "#37b24d")}},
                                        {QStringLiteral("heightAttributes"), QJsonArray{QStringLiteral("max_height")}},
                                        {QStringLiteral("extrude"), true}}));
    if (gis && streets >= 0)
        layers.append(layer(QStringLiteral("streets"), names.streets, QStringLiteral("vector"), rel(r.vectorFile), streets,
                            false, 1.0,
                            QJsonObject{{QStringLiteral("lineColor"), QStringLiteral("#ffd43b")},
                                        {QStringLiteral("lineWidth"), 3.0}}));
    if (gis && buildings >= 0)
        layers.append(layer(QStringLiteral("buildings"), names.buildings, QStringLiteral("vector"), rel(r.vectorFile),
                            buildings, false, 1.0,
                            QJsonObject{{QStringLiteral("colorMode"), QStringLiteral("categorized")},
                                        {QStringLiteral("attribute"), QStringLiteral("use")},
                                        {QStringLiteral("categories"),
                                         QJsonArray{category("residential", "#e9c46a"), category("commercial", "#e76f51"),
                                                    category("office", "#4dabf7"), category("heritage", "#b5179e")}}}));
    layers.append(layer(QStringLiteral("district"), names.district, QStringLiteral("photogrammetry"), QStringLiteral("."), 0,
                        true, 1.0));
    if (!r.orthoFile.isEmpty() && QFileInfo::exists(r.orthoFile))
        layers.append(layer(QStringLiteral("ortho"), names.ortho, QStringLiteral("imagery"), rel(r.orthoFile), 0, true, 1.0));
    if (!r.demFile.isEmpty() && QFileInfo::exists(r.demFile))
        layers.append(layer(QStringLiteral("dem"), names.dem, QStringLiteral("terrain"), rel(r.demFile), 0, true, 1.0));

    QJsonObject project{{QStringLiteral("format"), QStringLiteral("liyuan-project")},
                        {QStringLiteral("version"), 1},
                        {QStringLiteral("layers"), layers},
                        {QStringLiteral("bookmarks"), QJsonArray{}}};
    // the scene frame is the photogrammetry's (camera paths are in its local frame)
    const ContextCaptureMetadata md = ContextCaptureMetadata::read(base.filePath(QStringLiteral("metadata.xml")));
    if (!md.ok) {
        *error = md.error;
        return false;
    }
    project[QStringLiteral("scene")] = QJsonObject{
            {QStringLiteral("crs"), md.crs.definition()},
            {QStringLiteral("origin"), QJsonArray{md.srsOrigin.x, md.srsOrigin.y, md.srsOrigin.z}}};
    // the redevelopment schemes, none shown (the district as it is today)
    if (!r.schemesFile.isEmpty() && QFileInfo::exists(r.schemesFile)) {
        QJsonArray schemes;
        if (!readSchemes(r.schemesFile, base, &schemes, error))
            return false;
        project[QStringLiteral("schemes")] = schemes;
        project[QStringLiteral("activeScheme")] = -1;
    }
    // surveillance cameras (their video comes from the app's embedded demo RTSP server)
    if (!r.camerasFile.isEmpty() && QFileInfo::exists(r.camerasFile))
        project[QStringLiteral("cameras")] = QJsonObject{{QStringLiteral("registry"), rel(r.camerasFile)}};
    // the mapping of the recorded feed's demo events (the registry, device mapping and feed are opened
    // by the app's demo path, which leaves a user's --registry/--mapping/--mqtt alone)
    if (!r.eventMappingFile.isEmpty() && QFileInfo::exists(r.eventMappingFile))
        project[QStringLiteral("live")] = QJsonObject{{QStringLiteral("eventMapping"), rel(r.eventMappingFile)}};
    const QString file = base.filePath(demoProjectFileName());
    const QByteArray bytes = QJsonDocument(project).toJson(QJsonDocument::Indented);
    QSaveFile f(file);
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size() || !f.commit()) {
        *error = QStringLiteral("%1: cannot write: %2").arg(QDir::toNativeSeparators(file), f.errorString());
        return false;
    }
    return true;
}

} // namespace liyuan::demo
