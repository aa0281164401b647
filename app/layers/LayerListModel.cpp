#include "LayerListModel.h"

#include <QFileInfo>

namespace liyuan {

int LayerListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_layers.size());
}

QVariant LayerListModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_layers.size())
        return {};
    const LayerEntry &l = m_layers.at(index.row());
    switch (role) {
    case IdRole: return l.id;
    case NameRole: return l.name;
    case KindRole: return l.kind;
    case PathRole: return l.path;
    case VisibleRole: return l.visible;
    case OpacityRole: return l.opacity;
    case StatusRole: return l.status;
    case ProgressRole: return l.progress;
    case MessageRole: return l.message;
    case FeatureCountRole: return l.featureCount;
    case RasterAsRole: return l.rasterAs;
    case RasterReasonRole: return l.rasterReason;
    case GroupRole: {
        int same = 0;
        for (const LayerEntry &o : m_layers)
            same += o.path == l.path ? 1 : 0;
        return same > 1 ? QFileInfo(l.path).fileName() : QString();
    }
    default: return {};
    }
}

QHash<int, QByteArray> LayerListModel::roleNames() const
{
    return {{IdRole, "layerId"},       {NameRole, "name"},         {KindRole, "kind"},
            {PathRole, "path"},        {VisibleRole, "layerVisible"}, {OpacityRole, "layerOpacity"},
            {StatusRole, "status"},    {ProgressRole, "progress"}, {MessageRole, "message"},
            {FeatureCountRole, "featureCount"}, {GroupRole, "group"},
            {RasterAsRole, "rasterAs"},  {RasterReasonRole, "rasterReason"}};
}

int LayerListModel::indexOf(const QString &id) const
{
    for (int i = 0; i < m_layers.size(); ++i)
        if (m_layers[i].id == id)
            return i;
    return -1;
}

const LayerEntry *LayerListModel::layer(const QString &id) const
{
    const int i = indexOf(id);
    return i < 0 ? nullptr : &m_layers[i];
}

void LayerListModel::add(const LayerEntry &entry)
{
    beginInsertRows({}, 0, 0);
    m_layers.prepend(entry);
    endInsertRows();
    emit dataChanged(index(0), index(int(m_layers.size()) - 1), {GroupRole});
    emit countChanged();
}

void LayerListModel::remove(const QString &id)
{
    const int row = indexOf(id);
    if (row < 0)
        return;
    beginRemoveRows({}, row, row);
    m_layers.removeAt(row);
    endRemoveRows();
    emit countChanged();
}

void LayerListModel::move(int from, int to)
{
    if (from < 0 || to < 0 || from >= m_layers.size() || to >= m_layers.size() || from == to)
        return;
    beginMoveRows({}, from, from, {}, to > from ? to + 1 : to);
    m_layers.move(from, to);
    endMoveRows();
}

void LayerListModel::clear()
{
    beginResetModel();
    m_layers.clear();
    endResetModel();
    emit countChanged();
}

} // namespace liyuan
