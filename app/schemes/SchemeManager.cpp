#include "SchemeManager.h"

#include "LayerManager.h"

#include <liyuan/geodata/Crs.h>
#include <liyuan/geodata/LocalFrame.h>
#include <liyuan/scene/TileStreamer.h>

#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QUrl>

#include <algorithm>

namespace liyuan {

namespace {

const QString kOwner = QStringLiteral("scheme");

QString str(const QJsonObject &o, const char *key) { return o.value(QLatin1String(key)).toString(); }

/** Model paths of a scheme record resolved against base (absolute) or made relative to it. */
QJsonObject rebasePaths(QJsonObject record, const QDir &from, const QDir *to)
{
    QJsonArray models = record.value(QStringLiteral("models")).toArray();
    for (qsizetype i = 0; i < models.size(); ++i) {
        QJsonObject m = models[i].toObject();
        const QString abs = QDir::cleanPath(from.absoluteFilePath(m.value(QStringLiteral("path")).toString()));
        m[QStringLiteral("path")] = to ? to->relativeFilePath(abs) : abs;
        models[i] = m;
    }
    if (!models.isEmpty())
        record[QStringLiteral("models")] = models;
    return record;
}

/** Validates scheme records the way a project does (ProjectFile owns the rules). */
bool validate(const QJsonArray &schemes, const QString &file, QString *error)
{
    ProjectFile unused;
    const QJsonObject probe{{QStringLiteral("format"), QLatin1String(ProjectFile::kFormat)},
                            {QStringLiteral("version"), ProjectFile::kVersion},
                            {QStringLiteral("schemes"), schemes}};
    return ProjectFile::fromJson(probe, file, &unused, error);
}

} // namespace

SchemeManager::SchemeManager(LayerManager *layers, TileStreamer *streamer, SceneClipping *clipping, QObject *parent)
    : QObject(parent), m_layers(layers), m_streamer(streamer), m_clipping(clipping)
{
}

QVariantList SchemeManager::schemes() const
{
    QVariantList list;
    for (int i = 0; i < int(m_schemes.size()); ++i) {
        const QJsonObject &r = m_schemes[i].record;
        list << QVariantMap{{QStringLiteral("name"), str(r, "name")},
                            {QStringLiteral("id"), str(r, "id")},
                            {QStringLiteral("description"), str(r, "description")},
                            {QStringLiteral("models"), int(r.value(QStringLiteral("models")).toArray().size())},
                            {QStringLiteral("areas"), int(r.value(QStringLiteral("areas")).toArray().size())},
                            {QStringLiteral("active"), i == m_active},
                            {QStringLiteral("compared"), i == m_compare && m_compareMode != QLatin1String("off")}};
    }
    return list;
}

QString SchemeManager::activeName() const
{
    return m_active >= 0 ? str(m_schemes[m_active].record, "name") : QString();
}

void SchemeManager::setActiveScheme(int index)
{
    if (index < -1 || index >= count()) {
        emit message(tr("There is no scheme %1 (%2 loaded)").arg(index).arg(count()));
        return;
    }
    if (index == m_active)
        return;
    m_active = index;
    applyVisibility();
    applyAreas();
    emit activeSchemeChanged();
    emit schemesChanged();
    emit changed();
    bump();
}

void SchemeManager::setCompareMode(const QString &mode)
{
    const QString m = mode.trimmed().toLower();
    if (m != QLatin1String("off") && m != QLatin1String("split") && m != QLatin1String("swipe")) {
        emit message(tr("Unknown compare mode '%1' (off, split or swipe)").arg(mode));
        return;
    }
    if (m == m_compareMode)
        return;
    m_compareMode = m;
    applyVisibility();
    applyAreas();
    emit compareChanged();
    emit schemesChanged();
    bump();
}

void SchemeManager::setCompareScheme(int index)
{
    if (index < -1 || index >= count()) {
        emit message(tr("There is no scheme %1 (%2 loaded)").arg(index).arg(count()));
        return;
    }
    if (index == m_compare)
        return;
    m_compare = index;
    applyVisibility();
    applyAreas();
    emit compareChanged();
    emit schemesChanged();
    bump();
}

void SchemeManager::setSwipePosition(double position)
{
    const double p = std::clamp(position, 0.0, 1.0);
    if (p == m_swipe)
        return;
    m_swipe = p;
    emit swipePositionChanged();
}

int SchemeManager::find(const QString &input) const
{
    const QString key = input.trimmed();
    if (key.isEmpty())
        return -1;
    for (int i = 0; i < count(); ++i)
        if (str(m_schemes[i].record, "name") == key)
            return i;
    for (int i = 0; i < count(); ++i)
        if (str(m_schemes[i].record, "id").compare(key, Qt::CaseInsensitive) == 0)
            return i;
    bool isNumber = false;
    const int n = key.toInt(&isNumber);
    if (isNumber)
        return n >= 0 && n < count() ? n : -1;
    int found = -1;
    for (int i = 0; i < count(); ++i) {
        if (str(m_schemes[i].record, "name").contains(key, Qt::CaseInsensitive)) {
            if (found >= 0)
                return -1; // ambiguous
            found = i;
        }
    }
    return found;
}

int SchemeManager::schemeOfDataset(int dataset) const
{
    return m_datasetScheme.value(dataset, -1);
}

bool SchemeManager::showsDataset(int dataset, int slot, int) const
{
    const int s = schemeOfDataset(dataset);
    if (s < 0)
        return true;
    return slot == 0 ? s == m_active : s == m_compare;
}

bool SchemeManager::isAreaTarget(int dataset) const
{
    const auto &ds = m_streamer->datasets();
    return dataset >= 0 && dataset < int(ds.size()) && ds[size_t(dataset)].format == QLatin1String("OSGB");
}

bool SchemeManager::readSchemesFile(const QString &path, const QDir &baseDir, QJsonArray *out, QString *error)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("%1: cannot open: %2").arg(path, f.errorString());
        return false;
    }
    if (f.size() > ProjectFile::kMaxBytes) {
        *error = QStringLiteral("%1: too large for a schemes file").arg(path);
        return false;
    }
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(f.readAll(), &pe);
    if (pe.error != QJsonParseError::NoError) {
        *error = QStringLiteral("%1: not valid JSON: %2").arg(path, pe.errorString());
        return false;
    }
    const QJsonValue list = doc.isArray() ? QJsonValue(doc.array()) : doc.object().value(QStringLiteral("schemes"));
    if (!list.isArray() || list.toArray().isEmpty()) {
        *error = QStringLiteral("%1: no \"schemes\" array").arg(path);
        return false;
    }
    if (!validate(list.toArray(), path, error))
        return false;
    const QDir from = QFileInfo(path).absoluteDir();
    QJsonArray result;
    for (const QJsonValue &v : list.toArray())
        result.append(rebasePaths(v.toObject(), from, &baseDir));
    *out = result;
    return true;
}

bool SchemeManager::importSchemes(const QString &path)
{
    QString error;
    if (!importSchemes(path, &error)) {
        emit message(error);
        return false;
    }
    return true;
}

bool SchemeManager::importSchemes(const QString &input, QString *error)
{
    const QString path = input.startsWith(QLatin1String("file:")) ? QUrl(input).toLocalFile() : input;
    QJsonArray records;
    const QDir root(QStringLiteral("/"));
    if (!readSchemesFile(path, root, &records, error))
        return false;
    for (const QJsonValue &v : std::as_const(records))
        addScheme(v.toObject(), root);
    applyVisibility();
    applyAreas();
    emit schemesChanged();
    emit changed();
    bump();
    tryPending();
    return true;
}

bool SchemeManager::addScheme(QJsonObject record, const QDir &baseDir)
{
    record = rebasePaths(record, baseDir, nullptr);
    // names key the model layers' scheme: keep them unique
    const QString base = str(record, "name").trimmed();
    QString name = base;
    for (int n = 2;; ++n) {
        const bool taken = std::any_of(m_schemes.cbegin(), m_schemes.cend(),
                                       [&](const Scheme &s) { return str(s.record, "name") == name; });
        if (!taken)
            break;
        name = QStringLiteral("%1 (%2)").arg(base).arg(n);
    }
    record[QStringLiteral("name")] = name;
    Scheme s;
    const int k = int(m_schemes.size());
    QJsonArray models = record.value(QStringLiteral("models")).toArray();
    for (qsizetype i = 0; i < models.size(); ++i) {
        QJsonObject m = models[i].toObject();
        QString id = str(m, "id");
        const LayerEntry *existing = id.isEmpty() ? nullptr : m_layers->model()->layer(id);
        if (existing && existing->kind == QLatin1String("model") && existing->scheme == name) {
            s.layerIds << id; // the project already holds this scheme's layer
            continue;
        }
        if (id.isEmpty() || existing) {
            for (int n = 0;; ++n) {
                id = n == 0 ? QStringLiteral("scheme-%1-%2").arg(k + 1).arg(i + 1)
                            : QStringLiteral("scheme-%1-%2-%3").arg(k + 1).arg(i + 1).arg(n);
                if (!m_layers->model()->layer(id))
                    break;
            }
        }
        const QString path = str(m, "path");
        const QString layerName = str(m, "name").isEmpty() ? QFileInfo(path).completeBaseName() : str(m, "name");
        const QJsonObject settings{{QStringLiteral("id"), id},
                                   {QStringLiteral("name"), layerName},
                                   {QStringLiteral("kind"), QStringLiteral("model")},
                                   {QStringLiteral("placement"), m.value(QStringLiteral("placement"))},
                                   {QStringLiteral("scheme"), name},
                                   {QStringLiteral("visible"), false}};
        if (m_layers->addPath(path, settings)) {
            s.layerIds << id;
        } else {
            s.layerIds << QString();
            emit message(tr("Scheme '%1': the model %2 cannot be opened").arg(name, path));
        }
        m[QStringLiteral("id")] = id;
        models[i] = m;
    }
    if (!models.isEmpty())
        record[QStringLiteral("models")] = models;
    s.record = record;
    m_schemes << s;
    return true;
}

void SchemeManager::loadProject(const ProjectFile &project, const QDir &baseDir)
{
    clear();
    for (const QJsonValue &v : project.schemes)
        addScheme(v.toObject(), baseDir);
    m_active = project.activeScheme >= -1 && project.activeScheme < count() ? project.activeScheme : -1;
    applyVisibility();
    applyAreas();
    emit schemesChanged();
    emit activeSchemeChanged();
    emit compareChanged();
    bump();
    tryPending();
}

void SchemeManager::saveProject(ProjectFile *project, const QDir &baseDir) const
{
    QJsonArray schemes;
    for (const Scheme &s : m_schemes) {
        QJsonObject r = s.record;
        QJsonArray models = r.value(QStringLiteral("models")).toArray();
        for (qsizetype i = 0; i < models.size(); ++i) {
            QJsonObject m = models[i].toObject();
            const QString id = s.layerIds.value(int(i));
            const LayerEntry *e = id.isEmpty() ? nullptr : m_layers->model()->layer(id);
            if (e && !e->placement.isEmpty())
                m[QStringLiteral("placement")] = e->placement; // moved in the app: saved where it stands
            models[i] = m;
        }
        if (!models.isEmpty())
            r[QStringLiteral("models")] = models;
        schemes.append(rebasePaths(r, QDir(QStringLiteral("/")), &baseDir));
    }
    project->schemes = schemes;
    project->activeScheme = m_active;
    const QStringList ids = modelLayerIds();
    QJsonArray layers;
    for (const QJsonValue &l : std::as_const(project->layers))
        if (!ids.contains(l.toObject().value(QStringLiteral("id")).toString()))
            layers.append(l);
    project->layers = layers;
}

void SchemeManager::clear()
{
    const bool had = !m_schemes.isEmpty() || m_active >= 0 || m_compare >= 0 || m_compareMode != QLatin1String("off");
    m_schemes.clear();
    m_active = -1;
    m_compare = -1;
    m_compareMode = QStringLiteral("off");
    m_clipping->setPolygons(kOwner, {});
    if (had) {
        emit schemesChanged();
        emit activeSchemeChanged();
        emit compareChanged();
        bump();
    }
}

QStringList SchemeManager::modelLayerIds() const
{
    QStringList ids;
    for (const Scheme &s : m_schemes)
        for (const QString &id : s.layerIds)
            if (!id.isEmpty())
                ids << id;
    return ids;
}

void SchemeManager::applyVisibility()
{
    const bool comparing = m_compareMode != QLatin1String("off");
    for (int i = 0; i < count(); ++i) {
        const bool shown = i == m_active || (comparing && i == m_compare);
        for (const QString &id : std::as_const(m_schemes[i].layerIds))
            if (!id.isEmpty())
                m_layers->setVisible(id, shown);
    }
}

QList<SceneClipping::Polygon> SchemeManager::areaPolygons(int index, int slot) const
{
    QList<SceneClipping::Polygon> out;
    if (index < 0 || index >= count())
        return out;
    const LocalFrame frame = m_streamer->sceneFrame();
    for (const QJsonValue &v : m_schemes[index].record.value(QStringLiteral("areas")).toArray()) {
        const QJsonObject a = v.toObject();
        const Crs crs = Crs::fromString(str(a, "crs"));
        const double height = a.value(QStringLiteral("height")).toDouble(0.0);
        SceneClipping::Polygon p;
        p.mode = str(a, "mode") == QLatin1String("clip") ? SceneClipping::Clip : SceneClipping::Flatten;
        p.slot = slot;
        bool allOk = crs.isValid() && m_streamer->hasSceneFrame() && frame.isGeoreferenced();
        double zSum = 0;
        const QJsonArray pts = a.value(QStringLiteral("polygon")).toArray();
        for (const QJsonValue &pt : pts) {
            const QJsonArray xy = pt.toArray();
            bool ok = false;
            const Vec3d local = allOk ? frame.fromOther(Vec3d(xy.at(0).toDouble(), xy.at(1).toDouble(), height), crs, &ok)
                                      : Vec3d();
            allOk = allOk && ok;
            p.ring << QPointF(local.x, local.y);
            zSum += local.z;
        }
        if (!allOk || pts.isEmpty()) {
            emit const_cast<SchemeManager *>(this)->message(
                    tr("Scheme '%1': an area in %2 cannot be placed in the scene frame")
                            .arg(str(m_schemes[index].record, "name"), str(a, "crs")));
            continue;
        }
        p.height = zSum / double(pts.size());
        out << p;
    }
    return out;
}

void SchemeManager::applyAreas()
{
    QList<SceneClipping::Polygon> polygons = areaPolygons(m_active, 0);
    if (m_compareMode != QLatin1String("off"))
        polygons << areaPolygons(m_compare, 1);
    if (m_clipping->setPolygons(kOwner, polygons) < 0 && !polygons.isEmpty())
        emit message(tr("The scheme areas have too many vertices for the GPU clipping texture"));
}

void SchemeManager::setPending(const QString &scheme, const QString &compare)
{
    m_pendingScheme = scheme;
    m_pendingCompare = compare;
}

void SchemeManager::tryPending()
{
    if (m_pendingScheme.isEmpty() && m_pendingCompare.isEmpty())
        return;
    const QString scheme = m_pendingScheme, compare = m_pendingCompare;
    m_pendingScheme.clear();
    m_pendingCompare.clear();
    if (!scheme.isEmpty()) {
        const bool none = scheme.compare(QLatin1String("none"), Qt::CaseInsensitive) == 0 || scheme == QLatin1String("-1");
        const int index = none ? -1 : find(scheme);
        if (!none && index < 0) {
            QStringList names;
            for (const Scheme &s : std::as_const(m_schemes))
                names << str(s.record, "name");
            emit pendingFailed(tr("No scheme matches '%1' (schemes: %2)")
                                       .arg(scheme, names.isEmpty() ? tr("none loaded") : names.join(QStringLiteral("; "))));
            return;
        }
        setActiveScheme(index);
    }
    if (!compare.isEmpty()) {
        const QString mode = compare.section(QLatin1Char(':'), 0, 0).trimmed().toLower();
        const QString second = compare.section(QLatin1Char(':'), 1);
        if (mode != QLatin1String("off") && mode != QLatin1String("split") && mode != QLatin1String("swipe")) {
            emit pendingFailed(tr("Unknown compare mode '%1' (off, split or swipe)").arg(mode));
            return;
        }
        int index = -1;
        if (!second.isEmpty() && second.compare(QLatin1String("none"), Qt::CaseInsensitive) != 0) {
            index = find(second);
            if (index < 0) {
                emit pendingFailed(tr("No scheme matches '%1' to compare with").arg(second));
                return;
            }
        }
        setCompareScheme(index);
        setCompareMode(mode);
    }
}

void SchemeManager::bump()
{
    m_datasetScheme.clear();
    for (int i = 0; i < count(); ++i)
        for (const QString &id : std::as_const(m_schemes[i].layerIds)) {
            const LayerEntry *e = id.isEmpty() ? nullptr : m_layers->model()->layer(id);
            if (e && e->dataset >= 0)
                m_datasetScheme.insert(e->dataset, i);
        }
    ++m_revision;
    emit revisionChanged();
}

QJsonObject SchemeManager::stateJson() const
{
    QJsonArray list, models;
    const auto &ds = m_streamer->datasets();
    for (int i = 0; i < count(); ++i) {
        const Scheme &s = m_schemes[i];
        const QJsonArray recModels = s.record.value(QStringLiteral("models")).toArray();
        list.append(QJsonObject{{QStringLiteral("name"), str(s.record, "name")},
                                {QStringLiteral("id"), str(s.record, "id")},
                                {QStringLiteral("models"), int(recModels.size())},
                                {QStringLiteral("areas"), int(s.record.value(QStringLiteral("areas")).toArray().size())},
                                {QStringLiteral("active"), i == m_active}});
        for (qsizetype m = 0; m < recModels.size(); ++m) {
            const QString id = s.layerIds.value(int(m));
            const LayerEntry *e = id.isEmpty() ? nullptr : m_layers->model()->layer(id);
            QJsonObject o{{QStringLiteral("layer"), id},
                          {QStringLiteral("scheme"), str(s.record, "name")},
                          {QStringLiteral("file"), str(recModels[m].toObject(), "path")},
                          {QStringLiteral("placement"), e ? QJsonValue(e->placement) : recModels[m].toObject().value(QStringLiteral("placement"))},
                          {QStringLiteral("loaded"), e != nullptr},
                          {QStringLiteral("visible"), e && e->visible}};
            if (e && e->dataset >= 0 && e->dataset < int(ds.size()))
                o[QStringLiteral("dataset")] = e->dataset;
            models.append(o);
        }
    }
    int polygons = 0;
    for (const SceneClipping::Polygon &p : m_clipping->polygons())
        polygons += (p.mode == SceneClipping::Flatten || p.mode == SceneClipping::Clip) ? 1 : 0;
    return QJsonObject{
            {QStringLiteral("active"), m_active >= 0 ? QJsonValue(activeName()) : QJsonValue()},
            {QStringLiteral("activeIndex"), m_active},
            {QStringLiteral("compare"),
             QJsonObject{{QStringLiteral("mode"), m_compareMode},
                         {QStringLiteral("scheme"), m_compare >= 0 ? QJsonValue(str(m_schemes[m_compare].record, "name")) : QJsonValue()},
                         {QStringLiteral("swipe"), m_swipe}}},
            {QStringLiteral("areaPolygons"), polygons},
            {QStringLiteral("list"), list},
            {QStringLiteral("models"), models},
    };
}

} // namespace liyuan
