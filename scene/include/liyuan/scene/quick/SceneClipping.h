#pragma once
#include <liyuan/geodata/Vec3d.h>
#include <liyuan/scene/PickClipping.h>

#include <QList>
#include <QObject>
#include <QPointF>
#include <QPolygonF>
#include <QVector3D>
#include <QVector4D>

#include <QtQuick3D/QQuick3DTextureData>

namespace liyuan {

/**
 * What the tile material (app/shell/TileMaterial.qml, shaders tile.vert/tile.frag) cuts away
 * or reshapes on the GPU, as data: polygons in the scene frame packed into a float texture,
 * a clipping box and a section plane. Tiles are never rewritten: the vertex stage flattens
 * photogrammetry inside flatten polygons, the fragment stage discards what clip polygons,
 * the box, the plane or a floor slice remove and fades what lies outside focus polygons.
 *
 * Polygon texture layout (RGBA32F, 512 texels a row): texel 2i = (first vertex texel,
 * vertex count, mode + 16 × slot, height), 2i+1 = bounding box (minx, miny, maxx, maxy),
 * then the vertices (x, y, 0, 0). The slot says which view a flatten/clip polygon applies
 * to (0: the main view, 1: the compared scheme's view; material uniform schemeSlot);
 * focus and hide polygons are always slot 0 and apply in every view. GUI thread only.
 */
class SceneClipping : public QObject
{
    Q_OBJECT
    Q_PROPERTY(QQuick3DTextureData *polygonData READ polygonData CONSTANT)
    Q_PROPERTY(int polygonCount READ polygonCount NOTIFY polygonsChanged)
    Q_PROPERTY(int polygonModes READ polygonModes NOTIFY polygonsChanged)
    Q_PROPERTY(bool flattenOn READ flattenOn NOTIFY polygonsChanged)
    Q_PROPERTY(bool clipOn READ clipOn NOTIFY polygonsChanged)
    Q_PROPERTY(bool focusOn READ focusOn NOTIFY polygonsChanged)
    Q_PROPERTY(bool hideOn READ hideOn NOTIFY polygonsChanged)
    Q_PROPERTY(int flattenSlots READ flattenSlots NOTIFY polygonsChanged)
    Q_PROPERTY(int clipSlots READ clipSlots NOTIFY polygonsChanged)
    Q_PROPERTY(bool boxEnabled READ boxEnabled WRITE setBoxEnabled NOTIFY boxChanged)
    Q_PROPERTY(QVector3D boxMin READ boxMin NOTIFY boxChanged)
    Q_PROPERTY(QVector3D boxMax READ boxMax NOTIFY boxChanged)
    Q_PROPERTY(bool planeEnabled READ planeEnabled WRITE setPlaneEnabled NOTIFY planeChanged)
    Q_PROPERTY(QVector4D plane READ plane NOTIFY planeChanged)
    Q_PROPERTY(int sectionDataset READ sectionDataset WRITE setSectionDataset NOTIFY sectionDatasetChanged)
public:
    /** What a polygon does. */
    enum Mode {
        Flatten = 0, ///< photogrammetry inside is lowered to the polygon's height
        Clip = 1,    ///< photogrammetry inside is cut away
        Focus = 2,   ///< everything outside every focus polygon is faded
        Hide = 3     ///< everything inside is hidden (an exploded building is drawn by its slices)
    };
    Q_ENUM(Mode)

    struct Polygon
    {
        QPolygonF ring;     ///< scene frame x/y, metres; open or closed
        Mode mode = Flatten;
        double height = 0;  ///< flatten target elevation (scene frame z)
        int slot = 0;       ///< flatten/clip: the view it applies to (0 main, 1 compared; < kSlots)
    };
    static constexpr int kSlots = 4;

    static constexpr int kRowTexels = 512;
    static constexpr int kMaxTexels = kRowTexels * 128;

    explicit SceneClipping(QObject *parent = nullptr);
    ~SceneClipping() override;

    QQuick3DTextureData *polygonData() const { return m_texture; }
    int polygonCount() const { return int(m_polygons.size()); }
    /** Bit (1 << mode) set for every mode present. */
    int polygonModes() const { return m_modes; }
    bool flattenOn() const { return m_modes & (1 << Flatten); }
    bool clipOn() const { return m_modes & (1 << Clip); }
    bool focusOn() const { return m_modes & (1 << Focus); }
    bool hideOn() const { return m_modes & (1 << Hide); }
    /** Bit (1 << slot) set for every slot with a flatten polygon. */
    int flattenSlots() const { return m_flattenSlots; }
    /** Bit (1 << slot) set for every slot with a clip polygon. */
    int clipSlots() const { return m_clipSlots; }

    /**
     * Replaces the polygons of one owner (e.g. "scheme", "focus", "explode"); the texture
     * holds every owner's. Returns the index of the owner's first polygon in the texture
     * (what a slice's slicePoly refers to), or -1 when the texture would overflow.
     */
    int setPolygons(const QString &owner, const QList<Polygon> &polygons);
    /** Index in the texture of an owner's first polygon, -1 when it has none. */
    int firstIndex(const QString &owner) const;
    const QList<Polygon> &polygons() const { return m_polygons; }

    /**
     * CPU mirror of the shaders (for picking and tests): is (x, y) inside a polygon of mode
     * (flatten/clip: of that slot; focus/hide: any)?
     */
    bool inside(double x, double y, Mode mode, double *height = nullptr, int slot = 0) const;
    /** The height a flattened surface has at (x, y), or false when no flatten polygon covers it. */
    bool flattenHeightAt(double x, double y, double *height) const { return inside(x, y, Flatten, height); }

    bool boxEnabled() const { return m_boxEnabled; }
    void setBoxEnabled(bool on);
    QVector3D boxMin() const { return m_boxMin; }
    QVector3D boxMax() const { return m_boxMax; }
    /** Box in the scene frame. */
    Q_INVOKABLE void setBox(const QVector3D &min, const QVector3D &max);

    bool planeEnabled() const { return m_planeEnabled; }
    void setPlaneEnabled(bool on);
    /** Plane (nx, ny, nz, d) in the scene frame: points with n·p + d > 0 are cut away. */
    QVector4D plane() const { return m_plane; }
    Q_INVOKABLE void setPlane(const QVector4D &plane);
    /** Dataset the box and the plane apply to (-1: every dataset). */
    int sectionDataset() const { return m_sectionDataset; }
    void setSectionDataset(int dataset);
    /** True when the box/plane cut away (x, y, z) for a dataset. */
    bool sectionRemoves(const Vec3d &p, int dataset) const;
    /** XY extent (x0, y0, x1, y1) of the flatten or clip polygons of a slot; false when there are none. */
    bool extent(Mode mode, int slot, double out[4]) const;
    /**
     * The cuts of the view drawing `slot`, for TileStreamer::pick: flatten and clip polygons on
     * the datasets `polygonTarget` takes (the tile material's schemeTarget), box and plane on
     * sectionDataset (or all). The callbacks read this object's live state; it must outlive them.
     */
    PickClipping pickClipping(int slot, std::function<bool(int dataset)> polygonTarget) const;

signals:
    void polygonsChanged();
    void boxChanged();
    void planeChanged();
    void sectionDatasetChanged();

private:
    void rebuild();

    QQuick3DTextureData *m_texture = nullptr;
    QList<QPair<QString, QList<Polygon>>> m_owners;
    QList<Polygon> m_polygons;
    int m_modes = 0;
    int m_flattenSlots = 0;
    int m_clipSlots = 0;
    bool m_boxEnabled = false;
    QVector3D m_boxMin{-1e6f, -1e6f, -1e6f}, m_boxMax{1e6f, 1e6f, 1e6f};
    bool m_planeEnabled = false;
    QVector4D m_plane{0, 0, 1, -1e6f};
    int m_sectionDataset = -1;
};

} // namespace liyuan
