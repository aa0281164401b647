#include "EventListModel.h"

#include "EventController.h"

#include <algorithm>

namespace liyuan {

EventListModel::EventListModel(EventController *controller) : QAbstractListModel(controller), m_controller(controller) {}

int EventListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QHash<int, QByteArray> EventListModel::roleNames() const
{
    return {{EventIdRole, "eventId"},   {TypeRole, "type"},         {SeverityRole, "severity"},
            {SeverityNameRole, "severityName"}, {TimeRole, "time"}, {TimeTextRole, "timeText"},
            {TextRole, "text"},         {AcknowledgedRole, "acknowledged"}, {DistanceRole, "distance"},
            {SourceRole, "source"},     {XRole, "x"}, {YRole, "y"}, {ZRole, "z"},
            {GroundedRole, "grounded"}, {SelectedRole, "selected"}};
}

QVariant EventListModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() < 0 || index.row() >= m_rows.size())
        return {};
    const int i = m_rows.at(index.row());
    if (i < 0 || i >= m_controller->events().size())
        return {};
    const EventController::Event &e = m_controller->events().at(i);
    switch (role) {
    case Qt::DisplayRole:
    case EventIdRole: return e.record.id;
    case TypeRole: return e.record.type;
    case SeverityRole: return e.record.severity;
    case SeverityNameRole: return e.record.severityName;
    case TimeRole: return e.record.time.toUTC().toString(Qt::ISODateWithMs);
    case TimeTextRole: return e.record.time.toLocalTime().toString(QStringLiteral("HH:mm:ss"));
    case TextRole: return e.record.text;
    case AcknowledgedRole: return e.acknowledged;
    case DistanceRole: {
        if (!e.placed)
            return -1.0;
        const Vec3d d = e.scene - m_controller->eye();
        return d.length();
    }
    case SourceRole: return e.source;
    case XRole: return e.scene.x;
    case YRole: return e.scene.y;
    case ZRole: return e.scene.z;
    case GroundedRole: return e.grounded;
    case SelectedRole: return e.record.id == m_controller->selectedId();
    default: break;
    }
    return {};
}

void EventListModel::setTypeFilter(const QString &type)
{
    if (type == m_type)
        return;
    m_type = type;
    emit filterChanged();
    refresh();
}

void EventListModel::setMinSeverity(int severity)
{
    severity = std::clamp(severity, 0, 4);
    if (severity == m_minSeverity)
        return;
    m_minSeverity = severity;
    emit filterChanged();
    refresh();
}

void EventListModel::setUnacknowledgedOnly(bool on)
{
    if (on == m_unackOnly)
        return;
    m_unackOnly = on;
    emit filterChanged();
    refresh();
}

void EventListModel::refresh()
{
    const auto &events = m_controller->events();
    QVector<int> rows;
    rows.reserve(events.size());
    for (int i = 0; i < events.size(); ++i) {
        const EventController::Event &e = events.at(i);
        if (!m_type.isEmpty() && e.record.type != m_type)
            continue;
        if (e.record.severity < m_minSeverity)
            continue;
        if (m_unackOnly && e.acknowledged)
            continue;
        rows.append(i);
    }
    std::stable_sort(rows.begin(), rows.end(), [&events](int a, int b) {
        return events.at(a).record.time > events.at(b).record.time; // newest first
    });
    const int before = count();
    beginResetModel();
    m_rows = rows;
    endResetModel();
    if (before != count())
        emit countChanged();
}

void EventListModel::refreshDistances()
{
    if (!m_rows.isEmpty())
        emit dataChanged(index(0), index(int(m_rows.size()) - 1), {DistanceRole});
}

QString EventListModel::idAt(int row) const
{
    if (row < 0 || row >= m_rows.size() || m_rows.at(row) >= m_controller->events().size())
        return {};
    return m_controller->events().at(m_rows.at(row)).record.id;
}

} // namespace liyuan
