#pragma once
#include "ProjectFile.h"
#include "ReviewOverlayGeometry.h"

#include <liyuan/geodata/VectorDataset.h>
#include <liyuan/scene/HeightLimitCheck.h>
#include <liyuan/scene/Measurement.h>
#include <liyuan/scene/ReviewExport.h>
#include <liyuan/scene/Sightline.h>
#include <liyuan/scene/TileStreamer.h>
#include <liyuan/scene/ViewState.h>

#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QStringList>
#include <QTimer>
#include <QVariantList>

#include <functional>
#include <vector>

namespace liyuan {

class CameraController;
class LayerManager;

/**
 * The review tools ("liyuan.review" in QML): measurements of distance (3D, horizontal,
 * vertical), area (horizontal and 3D, perimeter) and height above the ground built from
 * picks on any surface; sightlines from a viewpoint (raised by an eye height) to a target;
 * the height-limit check of placed models (footprint: the convex hull of the model's vertices
 * as placed, TileStreamer::footprint) and extruded footprints against the protection zones of
 * vector layers with a max-height attribute (re-run when layers change); the 3D
 * overlay (lines, violation boxes) and projected labels; export to CSV and GeoJSON through
 * ReviewExport; the "review" part of --state-json; the measurements of a project (saved as
 * their points, recomputed on open: distances and areas at once, heights and sightlines — they
 * pick on the scene — once the view has settled).
 *
 * Picks go through TileStreamer::pick (meshes drawn in the last frame) filtered by layer:
 * clicks and sightlines hit every surface except protection-zone volumes; the ground of
 * the height tool and of the height check is the terrain (photogrammetry when there is
 * no terrain layer). Zone and footprint geometry is read from the vector files once per
 * layer (OGR, on the calling thread) and cached. GUI thread only.
 */
class ReviewController : public QObject
{
    Q_OBJECT
    /** "" (off), "distance", "area", "height", "sightline". */
    Q_PROPERTY(QString tool READ tool WRITE setTool NOTIFY toolChanged)
    /** Points picked for the measurement in progress. */
    Q_PROPERTY(int pendingPoints READ pendingPoints NOTIFY pendingChanged)
    /** Measurements and sightlines, oldest first: {index, type, kind, label, text, valid}. */
    Q_PROPERTY(QVariantList results READ results NOTIFY resultsChanged)
    /** Height-check results, violations first: {id, name, source, zone, limit, height, excess, violation}. */
    Q_PROPERTY(QVariantList heightChecks READ heightChecks NOTIFY heightCheckChanged)
    Q_PROPERTY(int violationCount READ violationCount NOTIFY heightCheckChanged)
    Q_PROPERTY(int zoneCount READ zoneCount NOTIFY heightCheckChanged)
    Q_PROPERTY(int candidateCount READ candidateCount NOTIFY heightCheckChanged)
    /** Why the height check found nothing to check ("" when it ran). */
    Q_PROPERTY(QString heightCheckMessage READ heightCheckMessage NOTIFY heightCheckChanged)
    /** Re-run the height check when layers, their visibility or placement change. */
    Q_PROPERTY(bool autoHeightCheck READ autoHeightCheck WRITE setAutoHeightCheck NOTIFY heightCheckChanged)
    /** Metres added to a sightline's picked viewpoint (default 1.6). */
    Q_PROPERTY(double eyeHeight READ eyeHeight WRITE setEyeHeight NOTIFY optionsChanged)
    /**
     * Which zones a building stands in: "centroid" (default; its footprint's centroid lies in
     * the zone) or "overlap" (its footprint overlaps the zone with a positive area).
     */
    Q_PROPERTY(QString zoneRule READ zoneRule WRITE setZoneRule NOTIFY optionsChanged)
    /** Attributes holding a zone's height limit, first found wins. */
    Q_PROPERTY(QStringList zoneAttributes READ zoneAttributes WRITE setZoneAttributes NOTIFY optionsChanged)
    /** Last error or outcome of an action (export, pick), for the panel. */
    Q_PROPERTY(QString status READ status NOTIFY statusChanged)
    /** Overlay line geometry (scene frame) and violation boxes. */
    Q_PROPERTY(QQuick3DGeometry *lines READ lines CONSTANT)
    Q_PROPERTY(QQuick3DGeometry *boxes READ boxes CONSTANT)
    /** Labels projected for the last frame: {x, y, text, color}. */
    Q_PROPERTY(QVariantList labels READ labels NOTIFY labelsChanged)
public:
    ReviewController(TileStreamer *streamer, LayerManager *layers, CameraController *camera, QObject *parent = nullptr);

    QString tool() const { return m_tool; }
    void setTool(const QString &tool);
    int pendingPoints() const { return int(m_pending.size()); }
    QVariantList results() const;
    QVariantList heightChecks() const;
    int violationCount() const { return int(m_violations.size()); }
    int zoneCount() const { return m_zoneCount; }
    int candidateCount() const { return m_candidateCount; }
    QString heightCheckMessage() const { return m_heightCheckMessage; }
    bool autoHeightCheck() const { return m_autoHeightCheck; }
    void setAutoHeightCheck(bool on);
    double eyeHeight() const { return m_eyeHeight; }
    void setEyeHeight(double metres);
    QStringList zoneAttributes() const { return m_zoneAttributes; }
    void setZoneAttributes(const QStringList &names);
    QString zoneRule() const;
    /** "centroid" or "overlap"; anything else is ignored (false). */
    bool setZoneRule(const QString &rule);
    QString status() const { return m_status; }
    QQuick3DGeometry *lines() const { return m_lines; }
    QQuick3DGeometry *boxes() const { return m_boxes; }
    QVariantList labels() const { return m_labels; }

    /** A click at a pixel of the view with the current tool; false when nothing was hit or no tool is on. */
    Q_INVOKABLE bool click(double x, double y);
    /** The same for a ray in the scene frame. */
    bool clickRay(const Vec3d &origin, const Vec3d &direction);
    /** The current tool takes a point as if it had been picked there. */
    bool addPoint(const Vec3d &point);
    /** Closes the area in progress (needs three distinct points); false otherwise. */
    Q_INVOKABLE bool finish();
    /** Drops the measurement in progress. */
    Q_INVOKABLE void cancel();
    /** Removes every measurement and sightline (the height check stays). */
    Q_INVOKABLE void clear();
    Q_INVOKABLE void removeResult(int index);
    /** Runs the height-limit check now; false with heightCheckMessage when there is nothing to check. */
    Q_INVOKABLE bool runHeightCheck();
    /** Runs the automatic height check again now, without a message (after a scheme switch;
     *  the zones may not be loaded yet). Nothing when the automatic check is off. GUI thread. */
    void recheckQuietly();

    /**
     * Writes the measurements to path (CSV, coordinates in the scene frame's CRS) and, when
     * there are any, the sightlines and height checks next to it (STEM-sightlines.csv,
     * STEM-heightcheck.csv). path may be a file:// URL. False with status naming the file.
     */
    Q_INVOKABLE bool exportCsv(const QString &path);
    /** Every result as one GeoJSON FeatureCollection: WGS84 (RFC 7946) or the scene frame's projected CRS. */
    Q_INVOKABLE bool exportGeoJson(const QString &path, bool projected = false);

    /**
     * Runs one --measure specification "KIND:x,y,z;x,y,z…" (scene frame; KIND distance,
     * area, height or sightline) through the same computation as clicks. False with *error.
     */
    bool runSpec(const QString &spec, QString *error);
    /** Checks the syntax of a --measure specification (for the command line). */
    static bool parseSpec(const QString &spec, QString *kind, std::vector<Vec3d> *points, QString *error);
    /** Specifications run once the view has settled (or at the latest by stateJson()). */
    void setPendingSpecs(const QStringList &specs) { m_pendingSpecs = specs; }
    /**
     * Which datasets the main view draws (a model of a scheme that only the compare view shows
     * is not a candidate of the height check). Unset: every visible layer.
     */
    void setShownFilter(std::function<bool(int dataset)> shown) { m_shownFilter = std::move(shown); }
    /** The main view's GPU cuts: measurements and sightlines hit surfaces where they are drawn. */
    void setPickClipping(PickClipping clipping) { m_pickClipping = std::move(clipping); }
    /** Runs the pending specifications now (messages for the bad ones). */
    void runPendingSpecs();

    /** The measurements and sightlines as a project keeps them (points, kind, label), in panel order. */
    std::vector<ProjectMeasurement> projectMeasurements() const;
    /**
     * Replaces the measurements and sightlines with a project's: distances, polylines and areas
     * are computed now; heights and sightlines (which pick on the scene) show as pending and
     * are recomputed once the streamer has settled (onFrame, or at the latest by stateJson()).
     * Records the project file cannot hold (unknown kind, wrong point count) get a message.
     */
    void restoreMeasurements(const std::vector<ProjectMeasurement> &saved, const QString &fileForMessages);
    /** Recomputes the restored heights and sightlines now. */
    void recomputeRestored();
    /** True while restored heights or sightlines wait for the scene. */
    bool hasPendingRecompute() const { return m_recomputePending; }

    /** Projects the labels for a view; call once per frame (GUI thread). */
    void updateLabels(const ViewState &view);
    /** Called each frame: runs pending specifications once the streamer has settled. */
    void onFrame();

    /** {"measurements", "sightlines", "heightCheck"}; refreshes an automatic height check first. */
    QJsonObject stateJson();

    const std::vector<Measurement> &measurements() const { return m_measurements; }
    const std::vector<Sightline> &sightlines() const { return m_sightlines; }
    const std::vector<HeightCheckResult> &heightCheckResults() const { return m_checks; }
    const std::vector<HeightCheckResult> &violations() const { return m_violations; }

    /**
     * Nearest hit of a ray among datasets accepted by accept(dataset): hits on other
     * datasets are stepped over (up to 64). skipNear: hits closer to the origin are stepped
     * over too. False when nothing accepted is hit.
     */
    bool pickFiltered(const Vec3d &origin, const Vec3d &direction, const std::function<bool(int)> &accept,
                      PickResult *result, double skipNear = 0) const;
    /** Accepts every visible surface except protection-zone volumes. */
    bool isSurfaceDataset(int dataset) const;
    /** Accepts the ground: terrain datasets (photogrammetry when no terrain layer is visible). */
    bool isGroundDataset(int dataset) const;
    /** True when a vector layer's fields include one of zoneAttributes (and its name then). */
    bool isZoneLayer(const QString &layerId, QString *attribute = nullptr) const;

signals:
    void toolChanged();
    void pendingChanged();
    void resultsChanged();
    void heightCheckChanged();
    void optionsChanged();
    void statusChanged();
    void labelsChanged();
    /** Something worth telling the user (bad --measure, no zones on an explicit run). */
    void message(const QString &text);
    /** A measurement or sightline was added or removed, or the zone rule changed (the project has unsaved changes). */
    void edited();

private:
    struct LabelAnchor
    {
        Vec3d point;
        QString text;
        QString color;
    };
    struct Entry
    {
        bool sightline = false;
        int index = 0; ///< into m_measurements or m_sightlines
        bool recompute = false; ///< restored from a project: computed once the scene has settled
    };

    PickFunction surfacePick() const;
    PickFunction groundPick() const;
    void addMeasurement(Measurement m);
    void addSightline(Sightline s);
    QString nextLabel(const QString &kindText);
    void setStatus(const QString &text);
    void scheduleHeightCheck();
    bool doHeightCheck(bool quiet);
    const std::vector<VectorFeature> *geometryOf(const QString &layerId, QString *error);
    void rebuildOverlay();
    /** Empties the results, the pending points and the numbering (no signal). */
    void resetResults();
    ReviewExport exporter() const;
    static QString localPath(const QString &pathOrUrl);

    TileStreamer *m_streamer;
    LayerManager *m_layers;
    QPointer<CameraController> m_camera;
    QString m_tool;
    std::vector<Vec3d> m_pending;
    std::vector<Measurement> m_measurements;
    std::vector<Sightline> m_sightlines;
    std::vector<Entry> m_entries;
    int m_counter = 0;
    std::vector<HeightCheckResult> m_checks;
    std::vector<HeightCheckResult> m_violations;
    int m_zoneCount = 0;
    int m_candidateCount = 0;
    QString m_heightCheckMessage;
    bool m_autoHeightCheck = true;
    bool m_checkDirty = true;
    QTimer *m_checkTimer = nullptr;
    double m_eyeHeight = 1.6;
    QStringList m_zoneAttributes{QStringLiteral("max_height"), QStringLiteral("MAX_HEIGHT"), QStringLiteral("height_limit")};
    QString m_status;
    QStringList m_pendingSpecs;
    bool m_recomputePending = false;
    HeightLimitCheck::ZoneRule m_zoneRule = HeightLimitCheck::ZoneRule::Centroid;
    struct CachedGeometry
    {
        QString key;
        std::vector<VectorFeature> features;
    };
    QHash<QString, CachedGeometry> m_geometry;
    ReviewOverlayGeometry *m_lines = nullptr;
    ReviewOverlayGeometry *m_boxes = nullptr;
    std::vector<LabelAnchor> m_anchors;
    QVariantList m_labels;
    std::function<bool(int)> m_shownFilter;
    PickClipping m_pickClipping;
};

} // namespace liyuan
