#pragma once
#include <QAbstractListModel>
#include <QString>
#include <QVector>

namespace liyuan {

class EventController;

/**
 * The event list of EventPanel: the controller's events, filtered (type, minimum severity,
 * unacknowledged only) and sorted newest first. Rows are rebuilt when the events change
 * (refresh(); at most maxEvents rows). GUI thread only.
 *
 * Roles: eventId, type, severity (0–4), severityName, time (ISO 8601 UTC), timeText (local
 * hh:mm:ss), text, acknowledged, distance (metres from the camera eye, -1 when not placed),
 * source, x, y, z (scene frame), grounded, selected.
 */
class EventListModel : public QAbstractListModel
{
    Q_OBJECT
    Q_PROPERTY(QString typeFilter READ typeFilter WRITE setTypeFilter NOTIFY filterChanged)
    Q_PROPERTY(int minSeverity READ minSeverity WRITE setMinSeverity NOTIFY filterChanged)
    Q_PROPERTY(bool unacknowledgedOnly READ unacknowledgedOnly WRITE setUnacknowledgedOnly NOTIFY filterChanged)
    Q_PROPERTY(int count READ count NOTIFY countChanged)
public:
    enum Role {
        EventIdRole = Qt::UserRole + 1,
        TypeRole,
        SeverityRole,
        SeverityNameRole,
        TimeRole,
        TimeTextRole,
        TextRole,
        AcknowledgedRole,
        DistanceRole,
        SourceRole,
        XRole,
        YRole,
        ZRole,
        GroundedRole,
        SelectedRole,
    };
    Q_ENUM(Role)

    explicit EventListModel(EventController *controller);

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    QString typeFilter() const { return m_type; }
    /** "" = every type. */
    void setTypeFilter(const QString &type);
    int minSeverity() const { return m_minSeverity; }
    void setMinSeverity(int severity);
    bool unacknowledgedOnly() const { return m_unackOnly; }
    void setUnacknowledgedOnly(bool on);
    int count() const { return int(m_rows.size()); }

    /** Re-reads the controller's events (filter + sort). */
    void refresh();
    /** Distances changed (the camera moved): signals the distance role only. */
    Q_INVOKABLE void refreshDistances();
    /** The event id of a row ("" for a bad row). */
    Q_INVOKABLE QString idAt(int row) const;

signals:
    void filterChanged();
    void countChanged();

private:
    EventController *m_controller;
    QVector<int> m_rows; ///< indices into the controller's events
    QString m_type;
    int m_minSeverity = 0;
    bool m_unackOnly = false;
};

} // namespace liyuan
