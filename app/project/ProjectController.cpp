#include "ProjectController.h"

#include "LayerManager.h"

#include <liyuan/scene/RemoteUrl.h>
#include <liyuan/geodata/Crs.h>
#include <liyuan/scene/TileStreamer.h>
#include <liyuan/scene/quick/CameraController.h>

#include <QCryptographicHash>
#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QSettings>
#include <QStandardPaths>
#include <QTimer>
#include <QUrl>

#include <algorithm>

namespace liyuan {

namespace {
QString localPath(const QString &input)
{
    return input.startsWith(QLatin1String("file:")) ? QUrl(input).toLocalFile() : input;
}
} // namespace

ProjectController::ProjectController(TileStreamer *streamer, LayerManager *layers, CameraController *camera, QObject *parent)
    : QObject(parent), m_streamer(streamer), m_layers(layers), m_camera(camera)
{
    connect(m_layers, &LayerManager::message, this, [this](const QString &text) {
        ++m_layerMessages;
        m_lastLayerMessage = text;
    });
    connect(m_layers, &LayerManager::changed, this, &ProjectController::markDirty);
    connect(m_camera, &CameraController::poseChanged, this, [this] {
        if (m_camera->userMoved() && !m_camera->flying())
            markDirty();
    });
    m_autosaveTimer = new QTimer(this);
    // how often unsaved changes are written aside (Settings: projects/autosaveSeconds, 2..3600)
    m_autosaveTimer->setInterval(
            int(std::clamp(QSettings().value(QStringLiteral("projects/autosaveSeconds"), 20.0).toDouble(), 2.0, 3600.0) * 1000));
    connect(m_autosaveTimer, &QTimer::timeout, this, [this] {
        if (m_dirty)
            autosave();
    });
    m_autosaveTimer->start();
    // an untitled session that ended without saving can be recovered
    if (QFileInfo::exists(autosavePath()))
        m_recoveryFile = setAsideForRecovery(autosavePath());
}

void ProjectController::markDirty()
{
    if (m_loading || m_dirty)
        return;
    m_dirty = true;
    emit changed();
}

void ProjectController::forgetPath()
{
    m_path.clear();
    emit changed();
}

QStringList ProjectController::bookmarkNames() const
{
    QStringList names;
    for (const Bookmark &b : m_bookmarks)
        names << b.name;
    return names;
}

QStringList ProjectController::recentProjects() const
{
    return QSettings().value(QStringLiteral("projects/recent")).toStringList();
}

void ProjectController::addRecent(const QString &path)
{
    QSettings settings;
    QStringList recent = settings.value(QStringLiteral("projects/recent")).toStringList();
    recent.removeAll(path);
    recent.prepend(path);
    while (recent.size() > 10)
        recent.removeLast();
    settings.setValue(QStringLiteral("projects/recent"), recent);
}

QString ProjectController::recoveryTime() const
{
    return m_recoveryFile.isEmpty() ? QString()
                                    : QFileInfo(m_recoveryFile).lastModified().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
}

QString ProjectController::setAsideForRecovery(const QString &autosave)
{
    // the session that starts now autosaves to the same path: the old session's file moves
    // aside, so the offer survives (the default launch opening the demo, new changes) until
    // the user recovers or discards it
    const QFileInfo fi(autosave);
    const QString aside = fi.absoluteDir().filePath(fi.fileName().section(QLatin1Char('.'), 0, 0)
                                                    + QStringLiteral(".recover.liyuan.json"));
    if (aside == autosave)
        return autosave;
    QFile::remove(aside);
    return QFile::rename(autosave, aside) ? aside : autosave;
}

QString ProjectController::autosavePath() const
{
    const QString key = m_path.isEmpty() ? QStringLiteral("untitled") : m_path;
    const QByteArray hash = QCryptographicHash::hash(key.toUtf8(), QCryptographicHash::Sha1).toHex().left(16);
    return QStandardPaths::writableLocation(QStandardPaths::CacheLocation) + QStringLiteral("/autosave/")
           + QString::fromLatin1(hash) + QStringLiteral(".liyuan.json");
}

ProjectFile ProjectController::currentProject(const QString &baseDir) const
{
    ProjectFile p;
    const QDir base(baseDir);
    p.layers = m_layers->toJson(base);
    const LocalFrame &frame = m_streamer->sceneFrame();
    if (m_streamer->hasSceneFrame() && frame.isGeoreferenced()) {
        p.hasFrame = true;
        p.crs = frame.crs().definition();
        p.origin = frame.origin();
    }
    p.hasCamera = true;
    p.eye = m_camera->eye();
    p.rotation = m_camera->rotation();
    p.fovY = m_camera->fieldOfView();
    p.bookmarks = m_bookmarks;
    for (const Part &part : m_parts)
        if (part.save)
            part.save(&p, base);
    return p;
}

bool ProjectController::autosave()
{
    const QString path = autosavePath();
    QDir().mkpath(QFileInfo(path).absolutePath());
    const QString baseDir = m_path.isEmpty() ? QDir::homePath() : QFileInfo(m_path).absolutePath();
    ProjectFile p = currentProject(baseDir);
    p.basePath = baseDir;
    QString error;
    if (!p.save(path, &error)) {
        emit message(error);
        return false;
    }
    return true;
}

bool ProjectController::save()
{
    if (m_path.isEmpty())
        return false;
    return saveAs(m_path);
}

bool ProjectController::saveAs(const QString &input)
{
    QString path = localPath(input);
    if (!path.endsWith(QLatin1String(".liyuan.json"), Qt::CaseInsensitive))
        path += QStringLiteral(".liyuan.json");
    path = QFileInfo(path).absoluteFilePath();
    const ProjectFile p = currentProject(QFileInfo(path).absolutePath());
    QString error;
    if (!p.save(path, &error)) {
        emit message(error);
        return false;
    }
    const QString oldAutosave = autosavePath();
    m_path = path;
    QFile::remove(oldAutosave); // saved: nothing left to recover
    QFile::remove(autosavePath());
    m_dirty = false;
    addRecent(path);
    emit changed();
    return true;
}

bool ProjectController::apply(const ProjectFile &project, const QString &baseDir, const QString &file)
{
    m_loading = true;
    m_layers->clear();
    m_streamer->resetSceneFrame();
    if (project.hasFrame && !project.crs.isEmpty()) {
        QString error;
        const Crs crs = Crs::fromString(project.crs, &error);
        if (crs.isValid())
            m_streamer->setSceneFrame(LocalFrame(crs, project.origin));
        else
            emit message(QStringLiteral("%1: the scene CRS cannot be used (%2); the first layer defines it").arg(file, error));
    }
    // bottom layer first: each new layer goes on top
    for (int i = int(project.layers.size()) - 1; i >= 0; --i) {
        const QJsonObject l = project.layers[i].toObject();
        const QString rel = l.value(QStringLiteral("path")).toString();
        const QString abs = RemoteUrl::isRemote(rel) ? rel : QDir::cleanPath(QDir(baseDir).absoluteFilePath(rel)); // remote: URLs as they are
        const int before = m_layerMessages;
        if (!m_layers->addPath(abs, l)) {
            const QString why = m_layerMessages > before ? m_lastLayerMessage : QStringLiteral("cannot be opened");
            m_layers->addPlaceholder(abs, l, why);
        }
    }
    m_bookmarks = project.bookmarks;
    // parts of the file skipped on load (malformed measurements), one message each
    for (const QString &w : project.warnings)
        emit message(w);
    for (const Part &part : m_parts)
        if (part.load)
            part.load(project, QDir(baseDir), file);
    if (project.hasCamera) {
        m_camera->setFieldOfView(float(project.fovY));
        m_camera->setPose(project.eye, project.rotation);
    }
    m_loading = false;
    emit applied(project.hasCamera);
    return true;
}

bool ProjectController::open(const QString &input)
{
    const QString path = QFileInfo(localPath(input)).absoluteFilePath();
    ProjectFile project;
    QString error;
    if (!ProjectFile::load(path, &project, &error)) {
        emit message(error);
        return false;
    }
    apply(project, QFileInfo(path).absolutePath(), path);
    m_path = path;
    m_dirty = false;
    addRecent(path);
    // an autosave newer than the file means the last session ended without saving (an offer
    // still pending, e.g. an untitled session's, stays)
    const QString as = autosavePath();
    if (QFileInfo::exists(as) && QFileInfo(as).lastModified() > QFileInfo(path).lastModified())
        m_recoveryFile = setAsideForRecovery(as);
    emit changed();
    return true;
}

void ProjectController::newProject()
{
    for (const Part &part : m_parts)
        if (part.clear)
            part.clear();
    m_layers->clear();
    m_streamer->resetSceneFrame();
    m_bookmarks.clear();
    m_path.clear();
    m_dirty = false;
    emit cleared();
    emit changed();
}

bool ProjectController::recoverAutosave()
{
    if (m_recoveryFile.isEmpty())
        return false;
    ProjectFile project;
    QString error;
    if (!ProjectFile::load(m_recoveryFile, &project, &error)) {
        emit message(error);
        m_recoveryFile.clear();
        emit changed();
        return false;
    }
    const QString base = project.basePath.isEmpty() ? QFileInfo(m_recoveryFile).absolutePath() : project.basePath;
    apply(project, base, m_recoveryFile);
    QFile::remove(m_recoveryFile); // its content is the session's now (autosaved again when changed)
    m_recoveryFile.clear();
    m_dirty = true; // recovered changes are not saved yet
    emit changed();
    return true;
}

void ProjectController::discardAutosave()
{
    if (!m_recoveryFile.isEmpty())
        QFile::remove(m_recoveryFile);
    m_recoveryFile.clear();
    emit changed();
}

void ProjectController::addBookmark(const QString &name)
{
    Bookmark b;
    b.name = name.trimmed().isEmpty() ? tr("View %1").arg(m_bookmarks.size() + 1) : name.trimmed();
    b.eye = m_camera->eye();
    b.rotation = m_camera->rotation();
    m_bookmarks << b;
    m_dirty = true;
    emit changed();
}

void ProjectController::goToBookmark(int index)
{
    if (index < 0 || index >= m_bookmarks.size())
        return;
    m_camera->flyTo(m_bookmarks[index].eye, m_bookmarks[index].rotation);
}

void ProjectController::removeBookmark(int index)
{
    if (index < 0 || index >= m_bookmarks.size())
        return;
    m_bookmarks.removeAt(index);
    m_dirty = true;
    emit changed();
}

} // namespace liyuan
