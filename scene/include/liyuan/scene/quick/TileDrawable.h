#pragma once
#include <QColor>
#include <QObject>
#include <QVector3D>
#include <QtQuick3D/QQuick3DGeometry>
#include <QtQuick3D/QQuick3DTextureData>

namespace liyuan {

/**
 * One drawable mesh of a tile as QML sees it: a Repeater3D delegate binds a Model to
 * geometry, texture, position and shown. GUI thread only.
 */
class TileDrawable : public QObject
{
    Q_OBJECT
    Q_PROPERTY(QQuick3DGeometry *geometry READ geometry CONSTANT)
    Q_PROPERTY(QQuick3DTextureData *texture READ texture CONSTANT)
    Q_PROPERTY(bool hasTexture READ hasTexture CONSTANT)
    Q_PROPERTY(QVector3D position READ position CONSTANT)
    Q_PROPERTY(QColor baseColor READ baseColor CONSTANT)
    Q_PROPERTY(bool hasVertexColors READ hasVertexColors CONSTANT)
    Q_PROPERTY(bool shown READ shown NOTIFY shownChanged)
    Q_PROPERTY(float opacity READ opacity NOTIFY opacityChanged)
public:
    TileDrawable(QQuick3DGeometry *geometry, QQuick3DTextureData *texture, const QVector3D &position,
                 const QColor &color, bool vertexColors, QObject *parent = nullptr);

    QQuick3DGeometry *geometry() const { return m_geometry; }
    QQuick3DTextureData *texture() const { return m_texture; }
    bool hasTexture() const { return m_texture != nullptr; }
    QVector3D position() const { return m_position; }
    QColor baseColor() const { return m_color; }
    bool hasVertexColors() const { return m_vertexColors; }
    bool shown() const { return m_shown; }
    void setShown(bool shown);
    /** Layer opacity, 0..1. */
    float opacity() const { return m_opacity; }
    void setOpacity(float opacity);

signals:
    void shownChanged();
    void opacityChanged();

private:
    QQuick3DGeometry *m_geometry = nullptr;
    QQuick3DTextureData *m_texture = nullptr;
    QVector3D m_position;
    QColor m_color;
    bool m_vertexColors = false;
    bool m_shown = false;
    float m_opacity = 1.f;
};

} // namespace liyuan
