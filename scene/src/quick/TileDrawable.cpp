#include <liyuan/scene/quick/TileDrawable.h>

#include <QtQuick3D/QQuick3DGeometry>
#include <QtQuick3D/QQuick3DTextureData>

namespace liyuan {

TileDrawable::TileDrawable(QQuick3DGeometry *geometry, QQuick3DTextureData *texture, const Vec3d &tileOrigin,
                           const DatasetTransform &transform, const QColor &color, bool vertexColors, int dataset,
                           int group, QObject *parent)
    : QObject(parent),
      m_geometry(geometry),
      m_texture(texture),
      m_tileOrigin(tileOrigin),
      m_color(color),
      m_vertexColors(vertexColors),
      m_dataset(dataset),
      m_group(group)
{
    m_transform.scale = 0.0; // differs from any valid transform: setTransform computes everything
    setTransform(transform);
}

void TileDrawable::setTransform(const DatasetTransform &transform)
{
    if (transform == m_transform)
        return;
    m_transform = transform;
    const Vec3d p = transform.toScene(m_tileOrigin);
    m_position = QVector3D(float(p.x), float(p.y), float(p.z));
    m_rotation = QQuaternion::fromAxisAndAngle(0.f, 0.f, 1.f, float(-transform.headingDeg));
    m_scale = QVector3D(float(transform.scale), float(transform.scale), float(transform.scale));
    emit transformChanged();
}

void TileDrawable::setSurface(bool lit, float metallic, float roughness, const QVector3D &emissive)
{
    m_lit = lit;
    m_metallic = metallic;
    m_roughness = roughness;
    m_emissive = emissive;
}

void TileDrawable::setOpacity(float opacity)
{
    if (qFuzzyCompare(m_opacity, opacity))
        return;
    m_opacity = opacity;
    emit opacityChanged();
}

void TileDrawable::setParked(bool parked)
{
    if (m_parked == parked)
        return;
    m_parked = parked;
    emit parkedChanged();
}

void TileDrawable::setShown(bool shown)
{
    if (m_shown == shown)
        return;
    m_shown = shown;
    emit shownChanged();
}

} // namespace liyuan
