#pragma once
#include <liyuan/geodata/Vec3d.h>
#include <liyuan/scene/quick/TileDrawable.h>

#include <QAbstractListModel>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QJsonObject>
#include <QPolygonF>
#include <QSet>
#include <QStringList>
#include <QVariantList>

class QVariantAnimation;

namespace liyuan {

class CameraController;
class SceneClipping;
class TileDrawableModel;

/** One floor of a drill-down building, in the scene frame. */
struct DrillFloor
{
    int number = 0;
    QString name;
    double base = 0;    ///< scene-frame z of the floor's base
    double height = 3;
    int group = -1;     ///< mesh group of a model building (-1: sliced by elevation)
};

/** A building the drill-down can focus: from the registry and/or a model layer. */
struct DrillBuilding
{
    QString id, name, block, district;
    QPolygonF footprint;   ///< scene frame x/y
    QList<DrillFloor> floors; ///< by base elevation, bottom first
    int modelDataset = -1; ///< streamer dataset of its model (-1: photogrammetry/footprint, sliced)
    QString floorSource;   ///< "registry", "ifc-storeys", "node-names", "elevation-slices"
    double top() const;
};

/**
 * One floor slice of a sliced (photogrammetry) building: the same geometry and texture as a
 * tile drawable, drawn again with the tile material's slice (keeps only [z0, z1] inside the
 * footprint) and lifted by the explode animation. GUI thread.
 */
class DrillSlice : public QObject
{
    Q_OBJECT
    Q_PROPERTY(QObject *drawable READ drawable CONSTANT)
    Q_PROPERTY(QQuick3DGeometry *geometry READ geometry CONSTANT)
    Q_PROPERTY(int floorIndex READ floorIndex CONSTANT)
    Q_PROPERTY(double z0 READ z0 NOTIFY changed)
    Q_PROPERTY(double z1 READ z1 NOTIFY changed)
    Q_PROPERTY(double lift READ lift NOTIFY changed)
    Q_PROPERTY(bool shown READ shown NOTIFY changed)
    Q_PROPERTY(bool ghost READ ghost NOTIFY changed)
public:
    /** geometry: the triangles of the drawable near the floor (owned by the slice). */
    DrillSlice(TileDrawable *drawable, QQuick3DGeometry *geometry, int floorIndex, QObject *parent = nullptr);
    ~DrillSlice() override;
    QObject *drawable() const;
    QQuick3DGeometry *geometry() const { return m_geometry; }
    /**
     * The triangles of a drawable's geometry whose bounds meet a scene-frame box (the vertex
     * buffer is shared, only the index buffer is new), or null when none does.
     */
    static QQuick3DGeometry *cut(const TileDrawable *drawable, const QRectF &xy, double z0, double z1);
    TileDrawable *tileDrawable() const { return m_drawable; }
    int floorIndex() const { return m_floor; }
    double z0() const { return m_z0; }
    double z1() const { return m_z1; }
    double lift() const { return m_lift; }
    bool shown() const { return m_shown; }
    bool ghost() const { return m_ghost; }
    void set(double z0, double z1, double lift, bool shown, bool ghost);

signals:
    void changed();

private:
    QPointer<TileDrawable> m_drawable;
    QQuick3DGeometry *m_geometry = nullptr;
    int m_floor = 0;
    double m_z0 = 0, m_z1 = 0, m_lift = 0;
    bool m_shown = true, m_ghost = false;
};

/** The floor slices as a list model (role "slice") for a Repeater3D. GUI thread. */
class DrillSliceModel : public QAbstractListModel
{
    Q_OBJECT
    Q_PROPERTY(int count READ rowCount NOTIFY countChanged)
public:
    using QAbstractListModel::QAbstractListModel;
    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;
    void reset(const QList<DrillSlice *> &slices);
    const QList<DrillSlice *> &slices() const { return m_slices; }

signals:
    void countChanged();

private:
    QList<DrillSlice *> m_slices;
};

/**
 * Drill-down from the district to one floor of one building ("liyuan.drill" in QML).
 *
 *     District ──focus(id)──▶ Building ──explode()──▶ Exploded ──isolate(n)──▶ Floor
 *        ▲                       │  ▲                    │  ▲                    │
 *        └────────back()─────────┘  └──────back()────────┘  └──────back()────────┘
 *     (isolate(n) from Building explodes first; up/down step through the floors)
 *
 * Focus fades everything outside the building's footprint (a focus polygon of
 * SceneClipping) and flies the camera to it. Explode separates the floors vertically with
 * an animation: a model building lifts its floor mesh groups; a photogrammetry building
 * is hidden inside its footprint and redrawn as one slice per floor (DrillSlice copies of
 * the tile drawables over it, cut on the GPU at the floor elevations). Isolate hides (or
 * ghosts) the other floors and cuts the chosen floor open above the cut height so its
 * interior and devices show. GUI thread only.
 */
class DrillDownController : public QObject
{
    Q_OBJECT
    Q_PROPERTY(State state READ state NOTIFY stateChanged)
    Q_PROPERTY(QString stateName READ stateName NOTIFY stateChanged)
    Q_PROPERTY(QString buildingId READ buildingId NOTIFY stateChanged)
    Q_PROPERTY(QString buildingName READ buildingName NOTIFY stateChanged)
    Q_PROPERTY(int floor READ floor NOTIFY stateChanged)
    Q_PROPERTY(int floorIndex READ floorIndex NOTIFY stateChanged)
    Q_PROPERTY(QString floorName READ floorName NOTIFY stateChanged)
    Q_PROPERTY(QString floorSource READ floorSource NOTIFY stateChanged)
    Q_PROPERTY(QStringList breadcrumbs READ breadcrumbs NOTIFY stateChanged)
    Q_PROPERTY(QVariantList floors READ floors NOTIFY stateChanged)
    Q_PROPERTY(double explodeFactor READ explodeFactor NOTIFY explodeFactorChanged)
    Q_PROPERTY(int modelDataset READ modelDataset NOTIFY stateChanged)
    Q_PROPERTY(bool ghostOthers READ ghostOthers WRITE setGhostOthers NOTIFY ghostOthersChanged)
    Q_PROPERTY(double floorGap READ floorGap WRITE setFloorGap NOTIFY floorGapChanged)
    Q_PROPERTY(double cutHeight READ cutHeight WRITE setCutHeight NOTIFY cutHeightChanged)
    Q_PROPERTY(liyuan::DrillSliceModel *slices READ slices CONSTANT)
    Q_PROPERTY(int revision READ revision NOTIFY revisionChanged)
    Q_PROPERTY(int slicePolygon READ slicePolygon NOTIFY revisionChanged)
public:
    enum State { District, Building, Exploded, Floor };
    Q_ENUM(State)

    DrillDownController(TileDrawableModel *tiles, SceneClipping *clipping, CameraController *camera,
                        QObject *parent = nullptr);
    ~DrillDownController() override;

    /** Buildings that can be focused (replaces the list; resets to District when the focused one is gone). */
    void setBuildings(const QList<DrillBuilding> &buildings);
    const QList<DrillBuilding> &buildings() const { return m_buildings; }
    const DrillBuilding *building(const QString &id) const;
    /**
     * The building whose footprint contains (x, y), or "" (a model pick should pass its dataset).
     * A point outside every footprint but within `tolerance` metres of one (a hit on a facade
     * lies on the footprint's edge, a roof's eaves overhang it) gives the nearest such building.
     */
    QString buildingAt(double x, double y, int dataset = -1, double tolerance = 1.0) const;
    /** Streamer datasets whose tiles are sliced by elevation (photogrammetry, extruded footprints). */
    void setSliceDatasets(const QSet<int> &datasets) { m_sliceDatasets = datasets; }
    /** Animations and camera flights on (off in automation: every step is applied at once). */
    void setAnimated(bool on) { m_animated = on; }

    State state() const { return m_state; }
    QString stateName() const;
    QString buildingId() const { return m_building; }
    QString buildingName() const;
    /** Number of the isolated floor (registry numbering); meaningful in Floor state. */
    int floor() const;
    int floorIndex() const { return m_floorIndex; }
    QString floorName() const;
    QString floorSource() const;
    QStringList breadcrumbs() const;
    QVariantList floors() const;
    double explodeFactor() const { return m_factor; }
    int modelDataset() const;
    bool ghostOthers() const { return m_ghost; }
    void setGhostOthers(bool on);
    double floorGap() const { return m_gap; }
    void setFloorGap(double metres);
    double cutHeight() const { return m_cut; }
    void setCutHeight(double metres);
    DrillSliceModel *slices() const { return m_slices; }
    int revision() const { return m_revision; }
    /** SceneClipping index of the polygon the slices keep (the exploded footprint), -1 none. */
    int slicePolygon() const { return m_slicePoly; }

    Q_INVOKABLE bool focus(const QString &buildingId);
    Q_INVOKABLE bool explode();
    /** Isolates the floor with this registry number. */
    Q_INVOKABLE bool isolate(int floorNumber);
    Q_INVOKABLE bool isolateIndex(int index);
    Q_INVOKABLE bool floorUp();
    Q_INVOKABLE bool floorDown();
    Q_INVOKABLE void back();
    /** Back to the district at once. */
    Q_INVOKABLE void reset();
    /** Goes back to the level of a breadcrumb (0 district, 1 block, 2 building, 3 floor). */
    Q_INVOKABLE void goToCrumb(int level);

    /** Vertical offset of a model mesh group (QML binds drawables to it). */
    Q_INVOKABLE double liftFor(int dataset, int group) const;
    /** Whether a model mesh group is drawn ghosted / hidden / cut open (sliceZ1) now. */
    Q_INVOKABLE bool groupGhost(int dataset, int group) const;
    Q_INVOKABLE bool groupHidden(int dataset, int group) const;
    Q_INVOKABLE double groupCutTop(int dataset, int group) const;
    /** Whether a tile drawable lies over the exploded building (only those need the hide cut). */
    Q_INVOKABLE bool isSliceSource(QObject *drawable) const;
    /** Lift of a floor (index) at the current explode factor. */
    double floorLift(int index) const;

    /** Per frame (GUI thread): keeps the slices in step with the tiles the streamer shows. */
    void updateSlices();
    /** For --state-json. */
    QJsonObject stateJson() const;

signals:
    void stateChanged();
    void explodeFactorChanged();
    void ghostOthersChanged();
    void floorGapChanged();
    void cutHeightChanged();
    void revisionChanged();
    /** Floor lifts changed (markers follow). */
    void liftsChanged();

private:
    void setState(State s);
    void applyClipping();
    void animateFactor(double to);
    void setFactor(double f);
    void refreshSlices(bool rebuild);
    void flyToBuilding();
    void flyToFloor();
    void bump();
    const DrillBuilding *current() const { return building(m_building); }

    TileDrawableModel *m_tiles = nullptr;
    SceneClipping *m_clipping = nullptr;
    CameraController *m_camera = nullptr;
    QList<DrillBuilding> m_buildings;
    State m_state = District;
    QString m_building;
    int m_floorIndex = -1;
    double m_factor = 0;
    double m_gap = 4.0;
    double m_cut = 1.4;
    bool m_ghost = false;
    bool m_animated = true;
    int m_revision = 0;
    int m_slicePoly = -1;
    QVariantAnimation *m_anim = nullptr;
    DrillSliceModel *m_slices = nullptr;
    QList<TileDrawable *> m_sliceSources;
    QSet<int> m_sliceDatasets;
};

} // namespace liyuan
