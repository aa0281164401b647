#pragma once
#include <liyuan/geodata/Vec3d.h>
#include <liyuan/scene/PickClipping.h>
#include <liyuan/scene/ViewState.h>

#include <QJsonObject>
#include <QObject>
#include <QPointF>
#include <QString>
#include <QVector3D>

#include <functional>

namespace liyuan {

class LayerManager;
class TileStreamer;

/**
 * Interactive placement of building models ("liyuan.placement" in QML): place a model file
 * at a picked point of the mesh/terrain, then move / rotate / scale a model layer, snapping
 * it to the ground. GUI thread only.
 *
 * The edited model is described in the scene frame (x east, y north, z up, metres from the
 * scene origin): position = the model origin, heading = degrees clockwise from the scene's
 * grid north, scale. Every change goes through LayerManager::setModelPlacement with a
 * ModelPlacement in the scene CRS (a placement in another CRS is converted once, at the first
 * change: position transformed, heading turned by the grid convergence), so the project
 * saves it and the streamer moves the model without a reload.
 *
 * Snapping: the model origin's height becomes the ground height under the model's footprint
 * centre (the centre of its scene bounds; the origin before the model has loaded), the ground
 * being the terrain (or draped imagery) below it, else the first photogrammetry surface — the
 * model itself, other models and vector layers are stepped over, and so are the mesh's roofs
 * where a terrain lies below. Picks use what was drawn in the last frame.
 *
 * An ungeoreferenced scene (tiles without metadata.xml) has no CRS a placement can name:
 * the editor refuses with a message (the model stays where it was shown, in the local frame).
 */
class PlacementEditor : public QObject
{
    Q_OBJECT
    Q_PROPERTY(bool active READ active NOTIFY layerChanged)
    Q_PROPERTY(QString layerId READ layerId NOTIFY layerChanged)
    Q_PROPERTY(QString layerName READ layerName NOTIFY layerChanged)
    Q_PROPERTY(bool placing READ placing NOTIFY placingChanged)
    Q_PROPERTY(QString placingPath READ placingPath NOTIFY placingChanged)
    Q_PROPERTY(bool editMode READ editMode WRITE setEditMode NOTIFY editModeChanged)
    Q_PROPERTY(QVector3D position READ position WRITE setPosition NOTIFY placementChanged)
    // the origin in the scene CRS: easting, northing, height (doubles: a float loses decimetres there)
    Q_PROPERTY(double crsX READ crsX NOTIFY placementChanged)
    Q_PROPERTY(double crsY READ crsY NOTIFY placementChanged)
    Q_PROPERTY(double crsZ READ crsZ NOTIFY placementChanged)
    Q_PROPERTY(QString crsName READ crsName NOTIFY layerChanged)
    Q_PROPERTY(double heading READ heading WRITE setHeading NOTIFY placementChanged)
    Q_PROPERTY(double scale READ scale WRITE setScale NOTIFY placementChanged)
    Q_PROPERTY(bool snapToGround READ snapToGround WRITE setSnapToGround NOTIFY snapToGroundChanged)
    Q_PROPERTY(bool dirty READ dirty NOTIFY placementChanged)
    Q_PROPERTY(QString lastError READ lastError NOTIFY lastErrorChanged)
    // handle geometry for PlacementHandles.qml (scene frame, updated every frame while active)
    Q_PROPERTY(QVector3D handleCenter READ handleCenter NOTIFY handlesChanged)
    Q_PROPERTY(double handleRadius READ handleRadius NOTIFY handlesChanged)
    Q_PROPERTY(QVector3D boundsMin READ boundsMin NOTIFY handlesChanged)
    Q_PROPERTY(QVector3D boundsMax READ boundsMax NOTIFY handlesChanged)
    Q_PROPERTY(QString activeHandle READ activeHandle NOTIFY activeHandleChanged)
public:
    /** camera gives the current view (for screen → ray); may be empty (then screen calls fail). */
    PlacementEditor(TileStreamer *streamer, LayerManager *layers, std::function<ViewState()> camera,
                    QObject *parent = nullptr);

    /** Which datasets the main view draws (models of schemes not shown there cannot be clicked);
     *  unset: all. GUI thread. */
    void setShownInMainView(std::function<bool(int dataset)> shown) { m_shownInMainView = std::move(shown); }
    /** The main view's GPU cuts (flatten/clip areas, section box): picks and ground snaps follow them. */
    void setPickClipping(PickClipping clipping) { m_pickClipping = std::move(clipping); }

    bool active() const { return !m_layerId.isEmpty(); }
    QString layerId() const { return m_layerId; }
    QString layerName() const;
    bool placing() const { return !m_placingPath.isEmpty(); }
    QString placingPath() const { return m_placingPath; }
    bool editMode() const { return m_editMode; }
    void setEditMode(bool on);
    QVector3D position() const { return QVector3D(float(m_position.x), float(m_position.y), float(m_position.z)); }
    /** The exact scene-frame position (double). */
    Vec3d scenePosition() const { return m_position; }
    /** The origin in the scene CRS (easting, northing, height). */
    Vec3d crsPosition() const;
    double crsX() const { return crsPosition().x; }
    double crsY() const { return crsPosition().y; }
    double crsZ() const { return crsPosition().z; }
    QString crsName() const;
    double heading() const { return m_heading; }
    double scale() const { return m_scale; }
    bool snapToGround() const { return m_snap; }
    void setSnapToGround(bool on);
    bool dirty() const;
    QString lastError() const { return m_lastError; }
    QVector3D handleCenter() const { return m_handleCenter; }
    double handleRadius() const { return m_handleRadius; }
    QVector3D boundsMin() const { return m_boundsMin; }
    QVector3D boundsMax() const { return m_boundsMax; }
    QString activeHandle() const { return m_dragHandle; }

    /**
     * Arms placing a model file: the next clickAt() on the scene adds it as a model layer at
     * the picked point (in the scene CRS, snapped to the ground) and starts editing it. False
     * with lastError for a file that is not a model or an ungeoreferenced scene.
     */
    Q_INVOKABLE bool beginPlaceNew(const QString &path);
    /** Adds path as a model layer with its origin at a scene-frame point (snapped when on); edits it. */
    bool placeNewAt(const QString &path, const Vec3d &scenePoint);
    /** Selects a model layer for editing (commits the previous one). False with lastError otherwise. */
    Q_INVOKABLE bool edit(const QString &layerId);
    /**
     * A left click on the view (window pixels of the view): places the armed file, or in edit
     * mode selects the model clicked. True when the click was used (the scene should not pick).
     */
    Q_INVOKABLE bool clickAt(double x, double y);

    /**
     * Moves the model origin to where the ray through a view pixel meets the ground (the model
     * itself stepped over), else the horizontal plane at its current height; z snapped to the
     * ground under the footprint centre when snapToGround. False with lastError.
     */
    Q_INVOKABLE bool moveTo(double x, double y);
    /** Moves the origin to a scene-frame x, y (z: snapped, else unchanged). */
    bool moveToScene(double x, double y);
    Q_INVOKABLE bool setPosition(const QVector3D &p);
    /** Sets the origin in the scene CRS (easting, northing, height); height snapped when snapToGround. */
    Q_INVOKABLE bool setCrsPosition(double easting, double northing, double height);
    Q_INVOKABLE bool nudge(double dx, double dy, double dz);
    Q_INVOKABLE bool rotateBy(double degrees);
    Q_INVOKABLE bool setHeading(double degrees);
    Q_INVOKABLE bool setScale(double scale);
    Q_INVOKABLE bool scaleBy(double factor);
    /** Snaps the origin height to the ground under the footprint centre now. */
    Q_INVOKABLE bool snapNow();
    /** Ends editing, keeping the placement (already applied and marked for saving). */
    Q_INVOKABLE void commit();
    /** Restores the placement at edit start and ends editing (also disarms placing a file). */
    Q_INVOKABLE void cancel();

    /** The handle under a view pixel: "move", "moveX", "moveY", "rotate", "scale" or "". */
    Q_INVOKABLE QString handleAt(double x, double y) const;
    /** Starts dragging the handle under (x, y); false when there is none. */
    Q_INVOKABLE bool beginDrag(double x, double y);
    Q_INVOKABLE bool dragTo(double x, double y);
    Q_INVOKABLE void endDrag();
    /** Key handling while editing (arrows, [ ], + −, Enter, Esc; Shift ×10). True when used. */
    Q_INVOKABLE bool handleKey(int key, int modifiers);
    /** Scene point → view pixel; false behind the camera. */
    bool project(const Vec3d &p, QPointF *out) const;

    /**
     * Ground height under a scene-frame x, y: the first photogrammetry/terrain/imagery surface
     * hit straight down, the edited model and other non-ground layers stepped over.
     */
    bool groundHeight(double x, double y, double *z) const;

    /** "LAYERID:x,y[,z][,heading[,scale]]" (scene frame); false with *error. */
    struct PlaceSpec
    {
        QString layerId;
        double x = 0, y = 0, z = 0;
        bool hasZ = false;
        double heading = 0;
        bool hasHeading = false;
        double scale = 1;
        bool hasScale = false;
    };
    static bool parsePlaceSpec(const QString &text, PlaceSpec *out, QString *error);

    /**
     * The "placement" part of --state-json: the model being edited, every placed model (its
     * placement as saved, offset, heading and scale in the scene) and, while editing, the handles
     * as drawn (centre on the ground, ring radius, scale cube corner; scene frame).
     */
    QJsonObject stateJson() const;
    /** Applies a --place spec through the same editing path (edit, move, heading, scale, commit). */
    bool applySpec(const PlaceSpec &spec, QString *error);

    /** Recomputes the handle geometry from the streamer's bounds (call once per frame). */
    Q_INVOKABLE void refreshHandles();

signals:
    void layerChanged();
    void placingChanged();
    void editModeChanged();
    void placementChanged();
    void snapToGroundChanged();
    void lastErrorChanged();
    void handlesChanged();
    void activeHandleChanged();
    /** A message for the user (errors too). */
    void message(const QString &text);

private:
    bool fail(const QString &why);
    bool apply();
    /** Applies a new origin/heading/scale (validated; rolled back on failure), then snaps when asked. */
    bool change(const Vec3d &position, double heading, double scale, bool snap);
    bool checkFinite(std::initializer_list<double> values, const char *what);
    /**
     * The first ground hit of a ray, stepping over the rest; preferTerrain: a terrain/imagery
     * surface below the photogrammetry wins (roofs of today's buildings are not the ground).
     */
    bool rayGround(const Vec3d &origin, const Vec3d &direction, Vec3d *hit, bool preferTerrain = false) const;
    /** 0 not ground (the edited model, other models, vectors), 1 photogrammetry, 2 terrain/imagery. */
    int groundKind(int dataset) const;
    bool footprintOffset(Vec3d *offset) const;
    bool planePoint(double x, double y, double z, Vec3d *out) const;
    void snapZ();
    QJsonObject placementJson() const;
    int datasetOfLayer() const;

    TileStreamer *m_streamer;
    LayerManager *m_layers;
    std::function<ViewState()> m_camera;
    std::function<bool(int dataset)> m_shownInMainView;
    PickClipping m_pickClipping;

    QString m_layerId;
    QJsonObject m_startPlacement; ///< the layer's placement JSON at edit start (cancel restores it)
    Vec3d m_startPosition;
    double m_startHeading = 0;
    double m_startScale = 1;
    Vec3d m_position;             ///< model origin, scene frame
    double m_heading = 0;         ///< scene grid, degrees clockwise from north
    double m_scale = 1;
    bool m_snap = true;
    bool m_editMode = false;
    bool m_pendingSnap = false;   ///< snapped before the model was in: snap under its footprint once it is
    QString m_placingPath;
    QString m_lastError;

    QVector3D m_handleCenter, m_boundsMin, m_boundsMax;
    double m_handleRadius = 0;

    QString m_dragHandle;
    Vec3d m_dragStartPoint;       ///< where the drag started on the handle plane
    Vec3d m_dragStartPosition;
    double m_dragStartHeading = 0;
    double m_dragStartScale = 1;
};

} // namespace liyuan
