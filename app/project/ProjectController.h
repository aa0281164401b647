#pragma once
#include "ProjectFile.h"

#include <QDir>
#include <QObject>
#include <QStringList>

#include <functional>

class QTimer;

namespace liyuan {

class CameraController;
class LayerManager;
class TileStreamer;

/**
 * The project lifecycle as QML sees it (`liyuan.project`): open, new, save / save as, recent
 * projects, bookmarks, the unsaved-changes flag, autosave every 20 s while dirty and recovery of
 * an autosave at the next start. It writes and reads the layers, the scene frame and the camera
 * itself; each other capability (schemes, review, live data) joins through a Part that saves its
 * piece into the ProjectFile and restores it. GUI thread only.
 */
class ProjectController : public QObject
{
    Q_OBJECT
    Q_PROPERTY(QString path READ path NOTIFY changed)
    Q_PROPERTY(bool dirty READ dirty NOTIFY changed)
    Q_PROPERTY(QStringList bookmarks READ bookmarkNames NOTIFY changed)
    Q_PROPERTY(QStringList recent READ recentProjects NOTIFY changed)
    Q_PROPERTY(bool recoveryAvailable READ recoveryAvailable NOTIFY changed)
    Q_PROPERTY(QString recoveryTime READ recoveryTime NOTIFY changed)
public:
    /** One capability's piece of the project: save into the file, restore from it, forget it (New). */
    struct Part
    {
        std::function<void(ProjectFile *project, const QDir &base)> save;
        /** `file` names the project (or autosave) for messages. */
        std::function<void(const ProjectFile &project, const QDir &base, const QString &file)> load;
        std::function<void()> clear;
    };

    ProjectController(TileStreamer *streamer, LayerManager *layers, CameraController *camera, QObject *parent = nullptr);

    /** Adds a capability's part; parts save and load in the order they were added. */
    void addPart(Part part) { m_parts.push_back(std::move(part)); }

    /** The current project file ("" when the scene was never saved or is the demo's). */
    QString path() const { return m_path; }
    /** The scene has changes that are not saved. */
    bool dirty() const { return m_dirty; }
    QStringList bookmarkNames() const;
    /** The last ten projects opened or saved (user settings), newest first. */
    QStringList recentProjects() const;
    bool recoveryAvailable() const { return !m_recoveryFile.isEmpty(); }
    QString recoveryTime() const;
    /** True while a project replaces the scene (changes then do not make it dirty). */
    bool loading() const { return m_loading; }

    /** Opens a *.liyuan.json project (path or file:// URL), replacing the scene; false with a message naming the file. */
    Q_INVOKABLE bool open(const QString &path);
    /** Empties the scene (no layers, no project file). */
    Q_INVOKABLE void newProject();
    /** Saves to the current project file (false when there is none yet: use saveAs). */
    Q_INVOKABLE bool save();
    /** Saves to path (adds ".liyuan.json" when missing) and makes it the current project. */
    Q_INVOKABLE bool saveAs(const QString &path);
    /** A bookmark of the current view ("" names it "View N"). */
    Q_INVOKABLE void addBookmark(const QString &name);
    Q_INVOKABLE void goToBookmark(int index);
    Q_INVOKABLE void removeBookmark(int index);
    /** Replaces the scene with the autosaved state found at start (recoveryAvailable). */
    Q_INVOKABLE bool recoverAutosave();
    Q_INVOKABLE void discardAutosave();
    /** Something saved in the project changed (ignored while a project loads). */
    void markDirty();
    /** Keeps the scene but forgets its file (the demo's project stays in the cache: Save asks where). */
    void forgetPath();

    /** The project as it would be saved now (paths relative to baseDir). */
    ProjectFile currentProject(const QString &baseDir) const;
    /** Writes the autosave file now (also done by a timer while dirty). */
    bool autosave();
    /** Where the current project's autosave goes (cache folder, one file per project path). */
    QString autosavePath() const;
    /** Moves an autosave left by an earlier session aside (*.recover.liyuan.json); returns its path. */
    static QString setAsideForRecovery(const QString &autosave);

signals:
    void changed();
    /** A problem to show (names the file). */
    void message(const QString &text);
    /** A project replaced the scene; hasCamera: it set the view (no automatic Home). */
    void applied(bool hasCamera);
    /** New project: the scene was emptied. */
    void cleared();

private:
    bool apply(const ProjectFile &project, const QString &baseDir, const QString &file);
    void addRecent(const QString &path);

    TileStreamer *m_streamer;
    LayerManager *m_layers;
    CameraController *m_camera;
    std::vector<Part> m_parts;
    QString m_path;
    bool m_dirty = false;
    bool m_loading = false;
    QList<Bookmark> m_bookmarks;
    QString m_recoveryFile;
    QTimer *m_autosaveTimer = nullptr;
    int m_layerMessages = 0;   ///< messages the layers gave so far (a failed layer's reason)
    QString m_lastLayerMessage;
};

} // namespace liyuan
