#pragma once
#include <liyuan/scene/DatasetTransform.h>

#include <QColor>
#include <QObject>
#include <QQuaternion>
#include <QUrl>
#include <QVector3D>
#include <QtQuick3D/QQuick3DGeometry>
#include <QtQuick3D/QQuick3DTextureData>

namespace liyuan {

/**
 * One drawable mesh of a tile as QML sees it: a Repeater3D delegate binds a Model to
 * geometry, texture, position, rotation, scale and shown. A drawable that is not shown stays a
 * visible Model with zero instances while parked (Main.qml; TilesetOptions::maxParkedDrawables): Qt 6.4 releases the GPU copies of a
 * hidden Model at the next frame and makes them again when it shows, leaving a cached resource
 * binding behind each time (QTBUG-126581, fixed in 6.5) — RSS then grows with every level switch.
 * A parked Model keeps them and draws nothing; the tile cache's budget already counts them. Coordinates are the scene frame's
 * (Z up; the QML parent node turns them into Qt's Y-up space), so a dataset's heading is a
 * rotation about Z. GUI thread only.
 */
class TileDrawable : public QObject
{
    Q_OBJECT
    Q_PROPERTY(QQuick3DGeometry *geometry READ geometry CONSTANT)
    Q_PROPERTY(QQuick3DTextureData *texture READ texture CONSTANT)
    Q_PROPERTY(QUrl textureSource READ textureSource CONSTANT) // texmem: a block-compressed KTX file, when not textureData
    Q_PROPERTY(bool hasTexture READ hasTexture CONSTANT)
    Q_PROPERTY(QVector3D position READ position NOTIFY transformChanged)
    Q_PROPERTY(QQuaternion rotation READ rotation NOTIFY transformChanged)
    Q_PROPERTY(QVector3D scale READ scale NOTIFY transformChanged)
    Q_PROPERTY(QColor baseColor READ baseColor CONSTANT)
    Q_PROPERTY(bool hasVertexColors READ hasVertexColors CONSTANT)
    Q_PROPERTY(bool lit READ lit CONSTANT)
    Q_PROPERTY(float metallic READ metallic CONSTANT)
    Q_PROPERTY(float roughness READ roughness CONSTANT)
    Q_PROPERTY(QVector3D emissive READ emissive CONSTANT)
    Q_PROPERTY(int group READ group CONSTANT)
    Q_PROPERTY(int dataset READ dataset CONSTANT)
    Q_PROPERTY(bool shown READ shown NOTIFY shownChanged)
    Q_PROPERTY(bool parked READ parked NOTIFY parkedChanged)
    Q_PROPERTY(float opacity READ opacity NOTIFY opacityChanged)
public:
    /** tileOrigin: the tile's origin in its dataset's frame; transform places that frame in the scene. */
    TileDrawable(QQuick3DGeometry *geometry, QQuick3DTextureData *texture, const Vec3d &tileOrigin,
                 const DatasetTransform &transform, const QColor &color, bool vertexColors, int dataset = -1,
                 int group = -1, QObject *parent = nullptr);

    QQuick3DGeometry *geometry() const { return m_geometry; }
    QQuick3DTextureData *texture() const { return m_texture; }
    bool hasTexture() const { return m_texture != nullptr || !m_textureSource.isEmpty(); }
    /** A block-compressed texture (KTX file) the renderer reads itself, instead of texture(); empty for none. */
    QUrl textureSource() const { return m_textureSource; }
    /** Sets textureSource (before the drawable is shown: the property is constant). */
    void setTextureSource(const QUrl &url) { m_textureSource = url; }
    /** offset + R·S·tileOrigin, scene frame. */
    QVector3D position() const { return m_position; }
    /** The dataset's heading: about Z by −heading degrees. */
    QQuaternion rotation() const { return m_rotation; }
    /** The dataset's uniform scale. */
    QVector3D scale() const { return m_scale; }
    QColor baseColor() const { return m_color; }
    bool hasVertexColors() const { return m_vertexColors; }
    /** Lit by the scene's sun and sky with the PBR factors below (models: the geometry has normals); else drawn as captured. */
    bool lit() const { return m_lit; }
    float metallic() const { return m_metallic; }
    float roughness() const { return m_roughness; }
    /** Emitted colour, linear RGB. */
    QVector3D emissive() const { return m_emissive; }
    /** Before QML sees the drawable (the properties are constant). */
    void setSurface(bool lit, float metallic, float roughness, const QVector3D &emissive);
    /** The mesh's group (a model's floor, MeshData::group), -1 for none. */
    int group() const { return m_group; }
    /** Index of the dataset the tile belongs to. */
    int dataset() const { return m_dataset; }
    bool shown() const { return m_shown; }
    void setShown(bool shown);
    /** Not shown, but its GPU copies are kept: the delegate stays a visible Model with zero instances. */
    bool parked() const { return m_parked; }
    void setParked(bool parked);
    /** Layer opacity, 0..1. */
    float opacity() const { return m_opacity; }
    void setOpacity(float opacity);
    /** The tile's origin in its dataset's frame (the geometry's vertices are relative to it). */
    const Vec3d &tileOrigin() const { return m_tileOrigin; }
    /** Where the dataset sits in the scene frame. */
    const DatasetTransform &transform() const { return m_transform; }
    /** Places the drawable by its dataset's transform (emits transformChanged when it moved). */
    void setTransform(const DatasetTransform &transform);

signals:
    void shownChanged();
    void parkedChanged();
    void opacityChanged();
    void transformChanged();

private:
    QQuick3DGeometry *m_geometry = nullptr;
    QQuick3DTextureData *m_texture = nullptr;
    QUrl m_textureSource;
    Vec3d m_tileOrigin;
    DatasetTransform m_transform;
    QVector3D m_position;
    QQuaternion m_rotation;
    QVector3D m_scale{1.f, 1.f, 1.f};
    QColor m_color;
    bool m_vertexColors = false;
    bool m_lit = false;
    float m_metallic = 0.f;
    float m_roughness = 1.f;
    QVector3D m_emissive;
    int m_dataset = -1;
    int m_group = -1;
    bool m_shown = false;
    bool m_parked = false;
    float m_opacity = 1.f;
};

} // namespace liyuan
