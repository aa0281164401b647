#include <liyuan/cameras/CameraRegistry.h>

#include "CameraRegistryReader.h"

#include <liyuan/geodata/CoordinateTransform.h>
#include <liyuan/geodata/Crs.h>
#include <liyuan/geodata/VectorDataset.h>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSaveFile>
#include <QUrl>

#include <gdal.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>

#include <algorithm>
#include <cmath>
#include <memory>

namespace liyuan::cameras {

namespace {

constexpr double kPi = 3.14159265358979323846;

bool isSqlite(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return false;
    return f.read(16) == QByteArray("SQLite format 3\0", 16);
}

/** Metres per unit of the CRS's linear (horizontal) axis: 0.3048006 for US feet; 1 for geographic/ENU. */
double linearUnitToMetres(const Crs &crs)
{
    if (crs.kind() != Crs::Kind::Projected && crs.kind() != Crs::Kind::Other)
        return 1.0;
    OGRSpatialReferenceH srs = OSRNewSpatialReference(nullptr);
    CPLPushErrorHandler(CPLQuietErrorHandler);
    double factor = 1.0;
    if (OSRSetFromUserInput(srs, crs.definition().toUtf8().constData()) == OGRERR_NONE) {
        const double f = OSRGetLinearUnits(srs, nullptr);
        if (std::isfinite(f) && f > 0)
            factor = f;
    }
    CPLPopErrorHandler();
    OSRDestroySpatialReference(srs);
    return factor;
}

/** One source CRS and what resolving from it needs. */
struct SourceCrs
{
    Crs crs;               ///< invalid: the scene's own CRS (no transform)
    QString problem;
    double unit = 1.0;     ///< metres per z unit
    std::unique_ptr<CoordinateTransform> toScene;
    std::unique_ptr<CoordinateTransform> fromScene;
};

/** Clockwise angle in degrees from the scene's +y to the direction vector (x, y). */
double azimuthDeg(double x, double y)
{
    return std::atan2(x, y) * 180.0 / kPi;
}

} // namespace

bool CameraRegistry::identify(const QString &path)
{
    const QFileInfo fi(path);
    if (!fi.isFile())
        return false;
    if (isSqlite(path)) {
        if (fi.suffix().toLower() != QLatin1String("gpkg"))
            return false;
        registerGdalDrivers();
        CPLPushErrorHandler(CPLQuietErrorHandler);
        const char *drivers[] = {"GPKG", nullptr};
        GDALDatasetH ds = GDALOpenEx(path.toUtf8().constData(), GDAL_OF_VECTOR | GDAL_OF_READONLY, drivers, nullptr, nullptr);
        bool found = false;
        for (int i = 0; ds && i < GDALDatasetGetLayerCount(ds) && !found; ++i) {
            OGRLayerH l = GDALDatasetGetLayer(ds, i);
            OGRFeatureDefnH defn = OGR_L_GetLayerDefn(l);
            found = OGR_GT_Flatten(OGR_L_GetGeomType(l)) == wkbPoint && OGR_FD_GetFieldIndex(defn, "id") >= 0
                    && OGR_FD_GetFieldIndex(defn, "heading") >= 0;
        }
        if (ds)
            GDALClose(ds);
        CPLPopErrorHandler();
        return found;
    }
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return false;
    const QByteArray head = f.read(64 * 1024);
    int i = 0;
    while (i < head.size() && (head.at(i) == ' ' || head.at(i) == '\n' || head.at(i) == '\r' || head.at(i) == '\t'))
        ++i;
    if (head.startsWith("\xEF\xBB\xBF"))
        i = 3;
    if (i >= head.size() || head.at(i) != '{')
        return false;
    static const QRegularExpression re(QStringLiteral("\"type\"\\s*:\\s*\"LiyuanCameraRegistry\""));
    return re.match(QString::fromUtf8(head)).hasMatch();
}

CameraRegistry CameraRegistry::load(const QString &path, const CameraRegistryOptions &options, QString *error)
{
    CameraRegistry registry;
    CameraRegistryReader reader(path, options);
    const QFileInfo fi(path);
    if (!fi.exists()) {
        if (error)
            *error = QStringLiteral("%1: file not found").arg(reader.fileName());
        return registry;
    }
    if (!fi.isFile()) {
        if (error)
            *error = QStringLiteral("%1: not a regular file").arg(reader.fileName());
        return registry;
    }
    const bool ok = isSqlite(path) ? reader.readGeoPackage(&registry, error) : reader.readJson(&registry, error);
    if (!ok)
        return CameraRegistry();
    return registry;
}

CameraRegistry CameraRegistry::fromRecords(const QVector<CameraRecord> &records, const QString &crs, QString *error)
{
    CameraRegistry registry;
    CameraRegistryReader reader(QStringLiteral("<memory>"), CameraRegistryOptions());
    if (!reader.readRecords(records, crs, &registry, error))
        return CameraRegistry();
    registry.m_path.clear();
    return registry;
}

void CameraRegistry::rebuildIndex()
{
    m_index.clear();
    m_index.reserve(m_cameras.size());
    for (int i = 0; i < int(m_cameras.size()); ++i)
        m_index.insert(m_cameras.at(i).id, i);
    m_poseEdited = QVector<bool>(m_cameras.size(), false);
}

int CameraRegistry::indexOf(const QString &id) const
{
    return m_index.value(id, -1);
}

bool CameraRegistry::resolve(const LocalFrame &scene, const GroundFunction &ground, QString *error)
{
    const QString file = m_path.isEmpty() ? QStringLiteral("<memory>") : QDir::toNativeSeparators(m_path);
    m_scene = scene;
    m_haveScene = true;
    QHash<QString, std::shared_ptr<SourceCrs>> sources;
    auto sourceFor = [&](const QString &text) {
        auto it = sources.constFind(text);
        if (it != sources.constEnd())
            return *it;
        auto s = std::make_shared<SourceCrs>();
        if (!text.isEmpty()) {
            QString why;
            s->crs = Crs::fromString(text, &why);
            if (!s->crs.isValid())
                s->problem = QStringLiteral("the CRS '%1' is unknown (%2)").arg(text.left(200), why);
            else if (!scene.isGeoreferenced())
                s->problem = QStringLiteral("it is in %1 but the scene is not georeferenced").arg(s->crs.name());
            else if (s->crs != scene.crs()) {
                s->unit = linearUnitToMetres(s->crs);
                s->toScene = std::make_unique<CoordinateTransform>(s->crs, scene.crs());
                s->fromScene = std::make_unique<CoordinateTransform>(scene.crs(), s->crs);
                if (!s->toScene->isValid())
                    s->problem = QStringLiteral("no transformation from %1 to the scene's %2: %3")
                                         .arg(s->crs.name(), scene.crs().name(), s->toScene->error());
            } else {
                s->unit = linearUnitToMetres(s->crs);
                s->crs = Crs(); // the scene's own CRS: no transform
            }
        }
        sources.insert(text, s);
        return s;
    };

    // the warnings of an earlier resolve() are replaced
    static const QString resolveTag = QStringLiteral(" [resolve]");
    m_warnings.erase(std::remove_if(m_warnings.begin(), m_warnings.end(), [](const QString &w) { return w.endsWith(resolveTag); }),
                     m_warnings.end());
    bool warnedNoCrs = false;
    int noGround = 0;
    QString firstNoGround;
    QStringList errors;
    int failed = 0;
    for (int i = 0; i < int(m_cameras.size()); ++i) {
        CameraRecord &r = m_cameras[i];
        r.resolved = false;
        const QString crsText = !r.crs.isEmpty() ? r.crs : m_crs;
        if (crsText.isEmpty() && !warnedNoCrs) {
            warnedNoCrs = true;
            m_warnings << QStringLiteral("%1: no CRS in the registry; positions are taken in the scene's CRS (%2)%3")
                                  .arg(file, scene.isGeoreferenced() ? scene.crs().name() : QStringLiteral("a local frame"), resolveTag);
        }
        const std::shared_ptr<SourceCrs> s = sourceFor(crsText);
        auto recordFail = [&](const QString &why) {
            ++failed;
            if (errors.size() < 50)
                errors << QStringLiteral("%1: camera '%2' (#%3): cannot be placed: %4").arg(file, r.id).arg(i).arg(why);
        };
        if (!s->problem.isEmpty()) {
            recordFail(s->problem);
            continue;
        }
        const double zMetres = r.position.z * s->unit;
        Vec3d local;
        double convergence = 0.0;
        if (!s->toScene) {
            // the scene's own CRS (or no CRS at all): absolute scene-CRS coordinates, z in metres
            local = scene.fromCrs(Vec3d(r.position.x, r.position.y, r.heightAboveGround ? scene.origin().z : zMetres));
        } else {
            bool ok = false;
            const Vec3d q = s->toScene->apply(Vec3d(r.position.x, r.position.y, r.heightAboveGround ? 0.0 : zMetres), &ok);
            const double step = s->crs.isGeographic() ? 1e-5 : 1.0;
            bool okN = false;
            const Vec3d qn = s->toScene->apply(Vec3d(r.position.x, r.position.y + step, 0.0), &okN);
            if (!ok || !std::isfinite(q.x) || !std::isfinite(q.y)) {
                recordFail(QStringLiteral("its position %1, %2 cannot be transformed from %3 to %4")
                                   .arg(r.position.x, 0, 'g', 12).arg(r.position.y, 0, 'g', 12).arg(s->crs.name(), scene.crs().name()));
                continue;
            }
            if (okN)
                convergence = azimuthDeg(qn.x - q.x, qn.y - q.y);
            local = scene.fromCrs(q);
            if (r.heightAboveGround)
                local.z = 0.0;
        }
        if (r.heightAboveGround) {
            double gz = 0.0;
            if (ground && ground(local.x, local.y, &gz) && std::isfinite(gz)) {
                local.z = gz + zMetres;
            } else {
                local.z = zMetres;
                if (noGround++ == 0)
                    firstNoGround = r.id;
            }
        }
        CameraPose &pose = r.scenePose;
        pose.position = local;
        pose.heading = r.heading + convergence;
        pose.pitch = r.pitch;
        pose.roll = r.roll;
        pose.hfov = r.hfov;
        pose.aspect = r.aspect;
        pose.nearM = r.nearM;
        pose.farM = r.farM;
        r.resolved = true;
        if (i < int(m_poseEdited.size()))
            m_poseEdited[i] = false;
    }
    if (noGround > 0)
        m_warnings << QStringLiteral("%1: no ground under %2 camera%3 with a height above ground (first: '%4'); their height is taken above z = 0%5")
                              .arg(file).arg(noGround).arg(noGround == 1 ? QString() : QStringLiteral("s"), firstNoGround, resolveTag);
    if (failed > errors.size())
        errors << QStringLiteral("%1: … and %2 more cameras cannot be placed").arg(file).arg(failed - errors.size());
    if (failed > 0) {
        if (error)
            *error = errors.join(QLatin1Char('\n'));
        return false;
    }
    return true;
}

void CameraRegistry::setPose(int index, const CameraPose &scenePose)
{
    if (index < 0 || index >= int(m_cameras.size()))
        return;
    CameraRecord &r = m_cameras[index];
    r.scenePose = scenePose;
    r.resolved = true;
    if (m_poseEdited.size() != m_cameras.size())
        m_poseEdited = QVector<bool>(m_cameras.size(), false);
    m_poseEdited[index] = true;
}

bool CameraRegistry::saveJson(const QString &path, QString *error) const
{
    const QString file = QDir::toNativeSeparators(path);
    QJsonArray cams;
    QHash<QString, std::shared_ptr<SourceCrs>> sources;
    for (int i = 0; i < int(m_cameras.size()); ++i) {
        CameraRecord r = m_cameras.at(i);
        if (i < int(m_poseEdited.size()) && m_poseEdited.at(i)) {
            // a calibrated scene pose back into the record's own CRS
            const CameraPose &p = r.scenePose;
            const QString crsText = !r.crs.isEmpty() ? r.crs : m_crs;
            Crs crs;
            if (!crsText.isEmpty())
                crs = Crs::fromString(crsText);
            const double unit = crs.isValid() ? linearUnitToMetres(crs) : 1.0;
            Vec3d pos;
            double convergence = 0;
            if (!crs.isValid() || !m_scene.isGeoreferenced() || crs == m_scene.crs()) {
                pos = m_scene.toCrs(p.position);
            } else {
                bool ok = false;
                pos = m_scene.toOther(p.position, crs, &ok);
                if (!ok) {
                    if (error)
                        *error = QStringLiteral("%1: camera '%2': its calibrated pose cannot be transformed into %3")
                                         .arg(file, r.id, crs.name());
                    return false;
                }
                const double step = crs.isGeographic() ? 1e-5 : 1.0;
                bool okN = false;
                const Vec3d qn = m_scene.fromOther(Vec3d(pos.x, pos.y + step, 0.0), crs, &okN);
                const Vec3d q = m_scene.fromOther(Vec3d(pos.x, pos.y, 0.0), crs, &okN);
                if (okN)
                    convergence = azimuthDeg(qn.x - q.x, qn.y - q.y);
                // z: the scene elevation, not PROJ's (2D CRSs pass it through)
                pos.z = m_scene.toCrs(p.position).z;
            }
            pos.z /= unit;
            r.position = pos;
            r.heightAboveGround = false;
            double h = p.heading - convergence;
            h = std::fmod(h, 360.0);
            if (h < 0)
                h += 360.0;
            r.heading = h;
            r.pitch = p.pitch;
            r.roll = p.roll;
            r.hfov = p.hfov;
            r.aspect = p.aspect;
            r.nearM = p.nearM;
            r.farM = p.farM;
        }
        QJsonObject o;
        o[QStringLiteral("id")] = r.id;
        if (!r.name.isEmpty())
            o[QStringLiteral("name")] = r.name;
        if (!r.department.isEmpty())
            o[QStringLiteral("department")] = r.department;
        if (!r.tags.isEmpty())
            o[QStringLiteral("tags")] = QJsonArray::fromStringList(r.tags);
        o[QStringLiteral("position")] = QJsonArray{r.position.x, r.position.y, r.position.z};
        o[QStringLiteral("heightAboveGround")] = r.heightAboveGround;
        o[QStringLiteral("heading")] = r.heading;
        o[QStringLiteral("pitch")] = r.pitch;
        o[QStringLiteral("roll")] = r.roll;
        o[QStringLiteral("hfov")] = r.hfov;
        o[QStringLiteral("aspect")] = r.aspect;
        o[QStringLiteral("near")] = r.nearM;
        o[QStringLiteral("far")] = r.farM;
        if (r.ptz.enabled)
            o[QStringLiteral("ptz")] = QJsonObject{{QStringLiteral("pan"), QJsonArray{r.ptz.panMin, r.ptz.panMax}},
                                                   {QStringLiteral("tilt"), QJsonArray{r.ptz.tiltMin, r.ptz.tiltMax}},
                                                   {QStringLiteral("hfov"), QJsonArray{r.ptz.hfovMin, r.ptz.hfovMax}}};
        QJsonObject streams;
        // defensive: never write a URL with user info (validated records have none)
        for (const auto &[key, url] : {std::pair<QString, QString>{QStringLiteral("main"), r.mainUrl}, {QStringLiteral("sub"), r.subUrl}})
            if (!url.isEmpty())
                streams[key] = QUrl(url).adjusted(QUrl::RemoveUserInfo).toString();
        if (!streams.isEmpty())
            o[QStringLiteral("streams")] = streams;
        if (!r.credentialRef.isEmpty())
            o[QStringLiteral("credentials")] = r.credentialRef;
        if (!r.crs.isEmpty())
            o[QStringLiteral("crs")] = r.crs;
        cams.append(o);
    }
    QJsonObject top{{QStringLiteral("type"), QStringLiteral("LiyuanCameraRegistry")}, {QStringLiteral("version"), 1}};
    if (!m_crs.isEmpty())
        top[QStringLiteral("crs")] = m_crs;
    top[QStringLiteral("cameras")] = cams;
    QSaveFile out(path);
    if (!out.open(QIODevice::WriteOnly)) {
        if (error)
            *error = QStringLiteral("%1: cannot write: %2").arg(file, out.errorString());
        return false;
    }
    out.write(QJsonDocument(top).toJson(QJsonDocument::Indented));
    if (!out.commit()) {
        if (error)
            *error = QStringLiteral("%1: cannot write: %2").arg(file, out.errorString());
        return false;
    }
    return true;
}

} // namespace liyuan::cameras
