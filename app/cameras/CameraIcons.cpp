#include "CameraIcons.h"

#include <QHash>
#include <QVariantMap>

#include <algorithm>
#include <cmath>
#include <cstring>

namespace liyuan {

namespace {
constexpr int kEntryBytes = 20 * sizeof(float);
// the order in which a cluster shows its members' states: what an operator must see first
int urgency(int state)
{
    static const int order[] = {0, 1, 4, 3, 2}; // unknown, online, streaming, offline, auth failed
    return order[std::clamp(state, 0, 4)];
}
bool sameView(const ViewState &a, const ViewState &b)
{
    return a.eye == b.eye && a.forward == b.forward && a.up == b.up && a.fovYDegrees == b.fovYDegrees
           && a.viewportWidth == b.viewportWidth && a.viewportHeight == b.viewportHeight
           && a.ndcLeft == b.ndcLeft && a.ndcRight == b.ndcRight && a.ndcBottom == b.ndcBottom // wall: sub-view
           && a.ndcTop == b.ndcTop && a.fullAspect == b.fullAspect;
}
} // namespace

CameraIcons::CameraIcons(QQuick3DObject *parent) : QQuick3DInstancing(parent) {}

QColor CameraIcons::colorFor(State s)
{
    switch (s) {
    case Online: return QColor(0x2f, 0x9e, 0x44);
    case Streaming: return QColor(0x19, 0x71, 0xc2);
    case Offline: return QColor(0xc9, 0x2a, 0x2a);
    case AuthFailed: return QColor(0xe8, 0x59, 0x0c);
    case Unknown: break;
    }
    return QColor(0x86, 0x8e, 0x96);
}

void CameraIcons::reset(const std::vector<Vec3d> &positions, const QStringList &names)
{
    m_positions = positions;
    m_names = names;
    m_shown.assign(positions.size(), true);
    m_states.assign(positions.size(), quint8(Unknown));
    m_selected = m_hovered = -1;
    m_dirty = true;
    markDirty();
}

void CameraIcons::setPositions(const std::vector<Vec3d> &positions)
{
    if (positions.size() != m_positions.size())
        return;
    m_positions = positions;
    m_dirty = true;
}

void CameraIcons::setShown(const std::vector<bool> &shown)
{
    if (shown.size() != m_positions.size() || shown == m_shown)
        return;
    m_shown = shown;
    m_dirty = true;
}

void CameraIcons::setState(int index, State state)
{
    if (index < 0 || index >= int(m_states.size()) || m_states[size_t(index)] == quint8(state))
        return;
    m_states[size_t(index)] = quint8(state);
    m_dirty = true;
}

void CameraIcons::setHighlighted(int selected, int hovered)
{
    if (selected == m_selected && hovered == m_hovered)
        return;
    m_selected = selected;
    m_hovered = hovered;
    m_dirty = true;
}

void CameraIcons::update(const ViewState &view)
{
    if (!m_dirty && m_haveView && sameView(view, m_lastView))
        return;
    rebuild(view);
    m_lastView = view;
    m_haveView = true;
    m_dirty = false;
    markDirty();
    emit clustersChanged();
}

void CameraIcons::rebuild(const ViewState &view)
{
    m_clusters.clear();
    m_labels.clear();
    m_inView = 0;
    const double cell = std::max(4.0, m_cellPixels);
    const int w = std::max(1, view.viewportWidth), h = std::max(1, view.viewportHeight);
    // a pixel grid: every camera in view joins its cell's cluster, except the highlighted ones
    QHash<qint64, int> cells;
    cells.reserve(1024);
    const int gx = int(std::ceil(w / cell)) + 2;
    for (size_t i = 0; i < m_positions.size(); ++i) {
        if (!m_shown[i])
            continue;
        const Vec3d &p = m_positions[i];
        if (view.depth(p) <= 0.5)
            continue;
        double sx, sy;
        if (!view.project(p, &sx, &sy) || sx < -cell || sy < -cell || sx > w + cell || sy > h + cell)
            continue;
        ++m_inView;
        const bool lone = int(i) == m_selected || int(i) == m_hovered;
        int slot = -1;
        qint64 key = -1;
        if (!lone) {
            key = qint64(std::floor(sy / cell) + 1) * gx + qint64(std::floor(sx / cell) + 1);
            slot = cells.value(key, -1);
        }
        if (slot < 0) {
            slot = int(m_clusters.size());
            m_clusters.push_back({});
            if (key >= 0)
                cells.insert(key, slot);
        }
        Cluster &c = m_clusters[size_t(slot)];
        c.members.push_back(int(i));
        c.center += p;
        if (urgency(m_states[i]) > urgency(c.state))
            c.state = m_states[i];
    }
    for (Cluster &c : m_clusters) {
        c.center = c.center * (1.0 / double(c.members.size()));
        view.project(c.center, &c.screenX, &c.screenY);
        c.distance = view.distance(c.center);
    }
    // instances: sized to keep iconPixels on screen (clusters grow with their count)
    // (wall: a sub-view's pixels span ndcTop − ndcBottom of the full view's 2 NDC units)
    const double f = (h / std::max(view.ndcTop - view.ndcBottom, 1e-9)) / std::tan(view.fovYDegrees * 3.14159265358979323846 / 360.0);
    m_buffer.resize(qsizetype(m_clusters.size()) * kEntryBytes);
    char *dst = m_buffer.data();
    for (const Cluster &c : m_clusters) {
        const bool lone = c.members.size() == 1;
        const bool hi = lone && (c.members[0] == m_selected || c.members[0] == m_hovered);
        const double px = m_iconPixels * (lone ? (hi ? 1.5 : 1.0) : std::min(2.2, 1.2 + 0.25 * std::log2(double(c.members.size()))));
        const float s = float(px * std::max(c.distance, 1.0) / f / 100.0); // #Sphere is 100 units across
        const QColor col = colorFor(State(c.state));
        const float e[20] = {s, 0, 0, float(c.center.x), 0, s, 0, float(c.center.y), 0, 0, s, float(c.center.z),
                             float(col.redF()), float(col.greenF()), float(col.blueF()), 1.0f,
                             float(c.state), float(c.members.size()), hi ? 1.0f : 0.0f, 0};
        std::memcpy(dst, e, sizeof e);
        dst += kEntryBytes;
    }
    // labels: nearest first, each kept only where it does not overlap one already placed
    std::vector<int> order(m_clusters.size());
    for (size_t i = 0; i < order.size(); ++i)
        order[i] = int(i);
    std::sort(order.begin(), order.end(), [this](int a, int b) { return m_clusters[size_t(a)].distance < m_clusters[size_t(b)].distance; });
    struct Box { double x0, y0, x1, y1; };
    std::vector<Box> placed;
    for (int k : order) {
        if (int(m_labels.size()) >= m_maxLabels)
            break;
        const Cluster &c = m_clusters[size_t(k)];
        const bool lone = c.members.size() == 1;
        const bool hi = lone && (c.members[0] == m_selected || c.members[0] == m_hovered);
        if (lone && !hi && c.distance > m_labelDistance)
            continue;
        const QString text = lone ? m_names.value(c.members[0]) : QString::number(c.members.size());
        const double tw = 7.0 * text.size() + 8, th = 16;
        const Box b{c.screenX + 10, c.screenY - th / 2, c.screenX + 10 + tw, c.screenY + th / 2};
        bool overlaps = false;
        for (const Box &o : placed)
            if (b.x0 < o.x1 && o.x0 < b.x1 && b.y0 < o.y1 && o.y0 < b.y1) {
                overlaps = true;
                break;
            }
        if (overlaps && !hi)
            continue;
        placed.push_back(b);
        m_labels.append(QVariantMap{{QStringLiteral("x"), c.screenX},
                                    {QStringLiteral("y"), c.screenY},
                                    {QStringLiteral("text"), text},
                                    {QStringLiteral("count"), int(c.members.size())},
                                    {QStringLiteral("camera"), lone ? c.members[0] : -1},
                                    {QStringLiteral("highlighted"), hi},
                                    {QStringLiteral("color"), colorFor(State(c.state))}});
    }
}

int CameraIcons::clusterAt(double x, double y, double radiusPixels) const
{
    int best = -1;
    double bestD = radiusPixels * radiusPixels;
    for (size_t i = 0; i < m_clusters.size(); ++i) {
        const double dx = m_clusters[i].screenX - x, dy = m_clusters[i].screenY - y;
        const double d = dx * dx + dy * dy;
        if (d <= bestD) {
            bestD = d;
            best = int(i);
        }
    }
    return best;
}

QByteArray CameraIcons::getInstanceBuffer(int *instanceCount)
{
    if (instanceCount)
        *instanceCount = int(m_clusters.size());
    return m_buffer;
}

} // namespace liyuan
