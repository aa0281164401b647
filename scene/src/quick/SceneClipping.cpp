#include <liyuan/scene/quick/SceneClipping.h>

#include <QtQuick3D/QQuick3DTextureData>

#include <algorithm>
#include <cstring>

namespace liyuan {

SceneClipping::SceneClipping(QObject *parent) : QObject(parent), m_texture(new QQuick3DTextureData)
{
    m_texture->setParent(this);
    m_texture->setFormat(QQuick3DTextureData::RGBA32F);
    m_texture->setHasTransparency(false);
    rebuild();
}

SceneClipping::~SceneClipping() = default;

int SceneClipping::setPolygons(const QString &owner, const QList<Polygon> &polygons)
{
    QList<Polygon> clean;
    for (Polygon p : polygons) {
        if (p.ring.size() > 1 && p.ring.first() == p.ring.last())
            p.ring.removeLast();
        if ((p.mode == Focus || p.mode == Hide) || p.slot < 0 || p.slot >= kSlots)
            p.slot = 0;
        if (p.ring.size() >= 3)
            clean << p;
    }
    // budget: 2 descriptor texels per polygon plus its vertices
    qsizetype texels = 0;
    for (const auto &o : std::as_const(m_owners))
        if (o.first != owner)
            for (const Polygon &p : o.second)
                texels += 2 + p.ring.size();
    for (const Polygon &p : std::as_const(clean))
        texels += 2 + p.ring.size();
    if (texels > kMaxTexels)
        return -1;
    bool found = false;
    for (auto &o : m_owners) {
        if (o.first == owner) {
            o.second = clean;
            found = true;
        }
    }
    if (!found)
        m_owners.append({owner, clean});
    m_owners.erase(std::remove_if(m_owners.begin(), m_owners.end(), [](const auto &o) { return o.second.isEmpty(); }),
                   m_owners.end());
    rebuild();
    emit polygonsChanged();
    return firstIndex(owner);
}

int SceneClipping::firstIndex(const QString &owner) const
{
    int index = 0;
    for (const auto &o : m_owners) {
        if (o.first == owner)
            return o.second.isEmpty() ? -1 : index;
        index += int(o.second.size());
    }
    return -1;
}

void SceneClipping::rebuild()
{
    m_polygons.clear();
    for (const auto &o : std::as_const(m_owners))
        m_polygons << o.second;
    m_modes = 0;
    m_flattenSlots = 0;
    m_clipSlots = 0;
    qsizetype texels = 2 * m_polygons.size();
    for (const Polygon &p : std::as_const(m_polygons)) {
        texels += p.ring.size();
        m_modes |= 1 << int(p.mode);
        if (p.mode == Flatten)
            m_flattenSlots |= 1 << p.slot;
        else if (p.mode == Clip)
            m_clipSlots |= 1 << p.slot;
    }
    const int width = kRowTexels;
    const int rows = std::max(1, int((texels + width - 1) / width));
    QByteArray data(qsizetype(width) * rows * 4 * qsizetype(sizeof(float)), '\0');
    float *t = reinterpret_cast<float *>(data.data());
    qsizetype next = 2 * m_polygons.size();
    for (qsizetype i = 0; i < m_polygons.size(); ++i) {
        const Polygon &p = m_polygons.at(i);
        const QRectF b = p.ring.boundingRect();
        float *d = t + 4 * (2 * i);
        d[0] = float(next);
        d[1] = float(p.ring.size());
        d[2] = float(int(p.mode) + 16 * p.slot);
        d[3] = float(p.height);
        d[4] = float(b.left());
        d[5] = float(b.top());
        d[6] = float(b.right());
        d[7] = float(b.bottom());
        for (const QPointF &v : p.ring) {
            float *e = t + 4 * next;
            e[0] = float(v.x());
            e[1] = float(v.y());
            ++next;
        }
    }
    m_texture->setSize(QSize(width, rows));
    m_texture->setTextureData(data);
}

bool SceneClipping::inside(double x, double y, Mode mode, double *height, int slot) const
{
    for (const Polygon &p : m_polygons) {
        if (p.mode != mode || ((mode == Flatten || mode == Clip) && p.slot != slot))
            continue;
        if (p.ring.containsPoint(QPointF(x, y), Qt::OddEvenFill)) {
            if (height)
                *height = p.height;
            return true;
        }
    }
    return false;
}

void SceneClipping::setBoxEnabled(bool on)
{
    if (m_boxEnabled == on)
        return;
    m_boxEnabled = on;
    emit boxChanged();
}

void SceneClipping::setBox(const QVector3D &min, const QVector3D &max)
{
    const QVector3D lo(std::min(min.x(), max.x()), std::min(min.y(), max.y()), std::min(min.z(), max.z()));
    const QVector3D hi(std::max(min.x(), max.x()), std::max(min.y(), max.y()), std::max(min.z(), max.z()));
    if (lo == m_boxMin && hi == m_boxMax)
        return;
    m_boxMin = lo;
    m_boxMax = hi;
    emit boxChanged();
}

void SceneClipping::setPlaneEnabled(bool on)
{
    if (m_planeEnabled == on)
        return;
    m_planeEnabled = on;
    emit planeChanged();
}

void SceneClipping::setPlane(const QVector4D &plane)
{
    if (plane == m_plane)
        return;
    m_plane = plane;
    emit planeChanged();
}

void SceneClipping::setSectionDataset(int dataset)
{
    if (m_sectionDataset == dataset)
        return;
    m_sectionDataset = dataset;
    emit sectionDatasetChanged();
}

bool SceneClipping::sectionRemoves(const Vec3d &p, int dataset) const
{
    if (m_sectionDataset >= 0 && dataset != m_sectionDataset)
        return false;
    if (m_boxEnabled
        && (p.x < m_boxMin.x() || p.y < m_boxMin.y() || p.z < m_boxMin.z() || p.x > m_boxMax.x()
            || p.y > m_boxMax.y() || p.z > m_boxMax.z()))
        return true;
    if (m_planeEnabled && m_plane.x() * p.x + m_plane.y() * p.y + m_plane.z() * p.z + m_plane.w() > 0)
        return true;
    return false;
}

bool SceneClipping::extent(Mode mode, int slot, double out[4]) const
{
    bool any = false;
    for (const Polygon &p : m_polygons) {
        if (p.mode != mode || p.slot != slot || p.ring.isEmpty())
            continue;
        const QRectF r = p.ring.boundingRect();
        if (!any) {
            out[0] = r.left(), out[1] = r.top(), out[2] = r.right(), out[3] = r.bottom();
            any = true;
        } else {
            out[0] = std::min(out[0], r.left()), out[1] = std::min(out[1], r.top());
            out[2] = std::max(out[2], r.right()), out[3] = std::max(out[3], r.bottom());
        }
    }
    return any;
}

PickClipping SceneClipping::pickClipping(int slot, std::function<bool(int dataset)> polygonTarget) const
{
    PickClipping c;
    c.flattenTarget = polygonTarget;
    c.flattenAt = [this, slot](double x, double y, double *height) { return inside(x, y, Flatten, height, slot); };
    c.flattenExtent = [this, slot](double out[4]) { return extent(Flatten, slot, out); };
    c.removes = [this, slot, polygonTarget](int dataset, const Vec3d &p) {
        if (sectionRemoves(p, dataset))
            return true;
        return (m_clipSlots & (1 << slot)) && polygonTarget && polygonTarget(dataset) && inside(p.x, p.y, Clip, nullptr, slot);
    };
    return c;
}

} // namespace liyuan
