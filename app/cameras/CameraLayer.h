#pragma once
#include "CameraIcons.h"
#include "FeedGrid.h"
#include "FeedPool.h"

#include <liyuan/cameras/CameraRegistry.h>
#include <liyuan/scene/PickFunction.h>

#include <QDir>
#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QVariantList>
#include <QVariantMap>

#include <memory>

namespace liyuan {

class CameraController;
class TileStreamer;
class VideoProjectors;
class ReviewOverlayGeometry;
namespace cameras {
class CameraIndex;
class CredentialStore;
}

/**
 * The surveillance-camera layer (QML `liyuan.cameras`): a registry in the scene, its icons
 * (clustered, decluttered labels, coloured by state), the frustum and ground footprint of the
 * selected and hovered cameras, filters, the video grid, projections onto the mesh (through
 * VideoProjectors) and the who-sees-it query. GUI thread; loading and resolving run on a worker.
 *
 * States of the registry: Empty → Loading → Ready (or Failed, with a message naming the file).
 * A camera's state: unknown until something is known; streaming while a feed of it plays;
 * offline / authFailed when its feed says so; online once a feed played and stopped.
 */
class CameraLayer : public QObject
{
    Q_OBJECT
    Q_PROPERTY(QString status READ status NOTIFY registryChanged)
    Q_PROPERTY(QString registryFile READ registryFile NOTIFY registryChanged)
    Q_PROPERTY(int count READ count NOTIFY registryChanged)
    Q_PROPERTY(bool visible READ isVisible WRITE setVisible NOTIFY visibleChanged)
    Q_PROPERTY(QStringList departments READ departments NOTIFY registryChanged)
    Q_PROPERTY(QStringList tags READ tags NOTIFY registryChanged)
    Q_PROPERTY(QString departmentFilter READ departmentFilter WRITE setDepartmentFilter NOTIFY filterChanged)
    Q_PROPERTY(QString tagFilter READ tagFilter WRITE setTagFilter NOTIFY filterChanged)
    Q_PROPERTY(QString stateFilter READ stateFilter WRITE setStateFilter NOTIFY filterChanged)
    Q_PROPERTY(QString textFilter READ textFilter WRITE setTextFilter NOTIFY filterChanged)
    Q_PROPERTY(int shownCount READ shownCount NOTIFY filterChanged)
    Q_PROPERTY(QString selectedId READ selectedId NOTIFY selectionChanged)
    Q_PROPERTY(QVariantMap selected READ selectedInfo NOTIFY selectionChanged)
    Q_PROPERTY(liyuan::CameraIcons *icons READ icons CONSTANT)
    Q_PROPERTY(QObject *frustums READ frustumGeometry CONSTANT)
    Q_PROPERTY(liyuan::FeedGrid *grid READ grid CONSTANT)
    Q_PROPERTY(QStringList projected READ projected NOTIFY projectionsChanged)
    Q_PROPERTY(int maxProjections READ maxProjections CONSTANT)
public:
    explicit CameraLayer(TileStreamer *streamer, CameraController *camera, VideoProjectors *projectors,
                         QObject *parent = nullptr);
    ~CameraLayer() override;

    /** Where the pick for line of sight and ground comes from (the app passes the main view's pick). */
    void setPickFunction(PickFunction pick) { m_pick = std::move(pick); }
    /** Rewrites stream URLs after a load (the demo's embedded server: its real port). */
    void setUrlRewriter(std::function<QString(const QString &)> rewrite) { m_rewrite = std::move(rewrite); }

    QString status() const { return m_status; }
    QString registryFile() const { return m_file; }
    /** Why the last registry failed to load (names the file and the records); empty otherwise. */
    QString errorText() const { return m_error; }
    int count() const { return m_registry.size(); }
    bool isVisible() const { return m_visible; }
    void setVisible(bool v);
    QStringList departments() const { return m_departments; }
    QStringList tags() const { return m_tags; }

    QString departmentFilter() const { return m_department; }
    void setDepartmentFilter(const QString &d);
    QString tagFilter() const { return m_tag; }
    void setTagFilter(const QString &t);
    /** "", "online", "streaming", "offline", "authFailed", "unknown". */
    QString stateFilter() const { return m_state; }
    void setStateFilter(const QString &s);
    QString textFilter() const { return m_text; }
    void setTextFilter(const QString &t);
    int shownCount() const { return m_shownCount; }

    QString selectedId() const { return m_selected >= 0 ? m_registry.cameras()[m_selected].id : QString(); }
    QVariantMap selectedInfo() const;
    CameraIcons *icons() const { return m_icons; }
    QObject *frustumGeometry() const;
    FeedGrid *grid() const { return m_grid; }
    FeedPool *pool() const { return m_pool; }
    QStringList projected() const;
    int maxProjections() const;
    const cameras::CameraRegistry &registry() const { return m_registry; }

    /** Loads a registry (JSON or GeoPackage) on a worker; false at once when the file is unreadable. */
    Q_INVOKABLE bool open(const QString &path);
    Q_INVOKABLE void close();
    /** The command line's registry: opened now and kept when a project (the demo's too) loads its own. */
    bool openPinned(const QString &path);
    /** A project is closing or opening: the layer empties unless the command line pinned its registry. */
    void resetForProject();
    /** Cameras matching the filters, up to limit, as {id, name, department, state} (the panel's list). */
    Q_INVOKABLE QVariantList list(int limit = 300) const;
    Q_INVOKABLE void select(const QString &id);
    /** Hover/click on the view at window pixels: the camera icon there (a click on a cluster zooms to it). */
    Q_INVOKABLE void hoverAt(double x, double y);
    Q_INVOKABLE bool clickAt(double x, double y);
    /** Opens the camera's live picture in the video grid. */
    Q_INVOKABLE bool openFeed(const QString &id);
    /** Projects the camera's live picture onto the scene (a free slot, or the oldest one). */
    Q_INVOKABLE bool project(const QString &id);
    Q_INVOKABLE void stopProjection(const QString &id);
    Q_INVOKABLE void stopAllProjections();
    Q_INVOKABLE bool isProjected(const QString &id) const { return projected().contains(id); }
    /** Flies the view to stand where the camera stands, looking where it looks. */
    Q_INVOKABLE bool lookThrough(const QString &id);
    /** Flies to frame the camera and what it sees. */
    Q_INVOKABLE bool flyTo(const QString &id);
    /** Cameras that see a scene point (frustum or PTZ range, range, unobstructed), best first:
     *  [{id, name, distance, offAxis, score, ptz}]. */
    Q_INVOKABLE QVariantList whoSees(const QVector3D &point, int maxResults = 8) const;
    QVariantList whoSees(const Vec3d &point, int maxResults = 8) const;
    /** Stores a new scene pose for a camera (calibration) and redraws frustum/projection. */
    void setPose(const QString &id, const CameraPose &pose);
    CameraPose pose(const QString &id, bool *ok = nullptr) const;
    /** Saves the registry (with calibrated poses) back to its file. */
    Q_INVOKABLE bool saveRegistry();

    /** Once per frame (GUI thread): icons, labels, frustums, ground pass. */
    void onFrame();
    /** True when the registry is loaded (or failed) and every open feed and projection has a frame or failed. */
    bool settled() const;
    /** --state-json "cameras". */
    QJsonObject stateJson() const;
    /** Project part: registry path (relative to base), open feeds, projections, filters. */
    QJsonObject projectJson(const QDir &base) const;
    void applyProjectJson(const QJsonObject &o, const QDir &base);
    /** Pending --open-video / --project-video ids, applied once the registry is ready. */
    void setPending(const QStringList &openIds, const QStringList &projectIds);

signals:
    void registryChanged();
    void visibleChanged();
    void filterChanged();
    void selectionChanged();
    void projectionsChanged();
    void message(const QString &text);
    /** A registry finished loading (ok or not). */
    void registryLoaded(bool ok);
    void pendingFailed(const QString &why);
    void edited();

private:
    struct Projection
    {
        QString id;
        video::VideoFeed *feed = nullptr;
        bool hasFrame = false;
    };
    void applyLoaded(cameras::CameraRegistry registry, const QString &error, quint64 generation);
    void applyFilter();
    void rebuildFrustums();
    void groundPass();
    /** Poses changed (ground pass, calibration): icons, who-sees-it index and frustums follow. */
    void camerasMoved();
    void applyPending();
    void onFeedState(const QString &cameraId, const QString &state);
    FeedGrid::Camera gridCamera(int index) const;
    FeedPool::Source projectionSource(int index) const;
    int indexOf(const QString &id) const { return m_registry.indexOf(id); }

    TileStreamer *m_streamer;
    CameraController *m_camera;
    QPointer<VideoProjectors> m_projectors; ///< may go first when the scene is torn down
    PickFunction m_pick;
    std::function<QString(const QString &)> m_rewrite;
    cameras::CameraRegistry m_registry;
    std::unique_ptr<cameras::CameraIndex> m_index;
    cameras::CredentialStore *m_credentials = nullptr;
    CameraIcons *m_icons;
    ReviewOverlayGeometry *m_frustums;
    FeedPool *m_pool;
    FeedGrid *m_grid;
    QVector<Projection> m_projections;
    QString m_status = QStringLiteral("empty");
    QString m_file;
    QString m_error;
    quint64 m_generation = 0;
    bool m_visible = true;
    QStringList m_departments, m_tags;
    QString m_department, m_tag, m_state, m_text;
    int m_shownCount = 0;
    int m_selected = -1, m_hovered = -1;
    int m_frustumSelected = -2, m_frustumHovered = -2;
    std::vector<int> m_groundTodo;    ///< heightAboveGround cameras still to set on the picked ground
    QStringList m_pendingOpen, m_pendingProject;
    bool m_pendingSet = false;
    bool m_pinned = false;      ///< --cameras: a project's registry does not replace it
};

} // namespace liyuan
