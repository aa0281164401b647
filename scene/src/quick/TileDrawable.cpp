#include <liyuan/scene/quick/TileDrawable.h>

#include <QtQuick3D/QQuick3DGeometry>
#include <QtQuick3D/QQuick3DTextureData>

namespace liyuan {

TileDrawable::TileDrawable(QQuick3DGeometry *geometry, QQuick3DTextureData *texture,
                           const QVector3D &position, const QColor &color, bool vertexColors, QObject *parent)
    : QObject(parent),
      m_geometry(geometry),
      m_texture(texture),
      m_position(position),
      m_color(color),
      m_vertexColors(vertexColors)
{
}

void TileDrawable::setOpacity(float opacity)
{
    if (qFuzzyCompare(m_opacity, opacity))
        return;
    m_opacity = opacity;
    emit opacityChanged();
}

void TileDrawable::setShown(bool shown)
{
    if (m_shown == shown)
        return;
    m_shown = shown;
    emit shownChanged();
}

} // namespace liyuan
