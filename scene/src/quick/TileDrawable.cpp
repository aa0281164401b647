#include <liyuan/scene/quick/TileDrawable.h>

#include <QtQuick3D/QQuick3DGeometry>
#include <QtQuick3D/QQuick3DTextureData>

namespace liyuan {

TileDrawable::TileDrawable(QQuick3DGeometry *geometry, QQuick3DTextureData *texture,
                           const QVector3D &position, const QColor &color, QObject *parent)
    : QObject(parent), m_geometry(geometry), m_texture(texture), m_position(position), m_color(color)
{
}

void TileDrawable::setShown(bool shown)
{
    if (m_shown == shown)
        return;
    m_shown = shown;
    emit shownChanged();
}

} // namespace liyuan
