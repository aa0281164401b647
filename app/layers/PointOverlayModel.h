#pragma once
#include <liyuan/gdal/VectorLayerData.h>
#include <liyuan/scene/ViewState.h>

#include <QAbstractListModel>
#include <QString>
#include <QVariantList>
#include <QVariantMap>

#include <memory>
#include <vector>

namespace liyuan {

/**
 * Points of interest of vector layers as screen-space billboards: every visible point
 * feature projected into the window each frame, greedily clustered on a screen grid when
 * dense, exposed as rows for a QML Repeater drawn on top of the View3D (PointOverlay.qml).
 *
 * Rows are stable: a cluster is identified by its seed point (the first point, in layer
 * order, that founded it), so a cluster that survives from one frame to the next keeps its
 * row and only its changed roles are signalled; vanished clusters are removed and new ones
 * appended. x/y are window coordinates in the convention of ViewState::rayThrough
 * (rayThrough(x, y) passes through the point).
 *
 * Only features of kind Point are shown. GUI thread only.
 */
class PointOverlayModel : public QAbstractListModel
{
    Q_OBJECT
    Q_PROPERTY(int clusterPixels READ clusterPixels WRITE setClusterPixels NOTIFY clusterPixelsChanged)
    Q_PROPERTY(QString labelLanguage READ labelLanguage WRITE setLabelLanguage NOTIFY labelLanguageChanged)
    Q_PROPERTY(int visiblePoints READ visiblePoints NOTIFY visiblePointsChanged)
    /** Radius in pixels of a single POI's icon and of a cluster's circle (QML draws them this size). */
    Q_PROPERTY(double iconRadius READ iconRadius CONSTANT)
    Q_PROPERTY(double clusterRadius READ clusterRadius CONSTANT)
public:
    enum Role {
        XRole = Qt::UserRole + 1,
        YRole,
        LabelRole,
        CountRole,
        LayerIdRole,
        FidRole,
        CategoryRole,
        PhotoRole,
        DepthRole,
        ShowLabelRole, ///< false when a nearer POI's label already occupies the place (decluttering)
    };
    Q_ENUM(Role)

    explicit PointOverlayModel(QObject *parent = nullptr);
    ~PointOverlayModel() override;

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    /**
     * Adds (or replaces, same id) a layer. labelAttribute names the label ("name" when
     * empty); iconKey the attribute that picks the icon (the category role). The attribute
     * `photo` (a path relative to the layer's file folder, or absolute) becomes the photo role.
     */
    void setLayer(const QString &layerId, std::shared_ptr<const gdal::VectorLayerData> data,
                  const QString &labelAttribute, const QString &iconKey);
    void removeLayer(const QString &layerId);
    void setLayerVisible(const QString &layerId, bool visible);
    bool hasLayer(const QString &layerId) const;
    QStringList layerIds() const;

    /** "zh_CN": the label attribute; "en": `<label>_en` or `name_en` when present, else the label. */
    QString labelLanguage() const { return m_language; }
    void setLabelLanguage(const QString &language);
    int clusterPixels() const { return m_clusterPixels; }
    /** Points closer than this on screen merge into one cluster (≤ 0: never cluster). Default 56. */
    void setClusterPixels(int pixels);
    /** Points in the window at the last update (sum of the counts). */
    int visiblePoints() const { return m_visiblePoints; }
    double iconRadius() const { return 12.0; }
    double clusterRadius() const { return 18.0; }

    /**
     * Projects, culls and clusters every visible point for this camera and updates the rows
     * (in place; only what changed is signalled). Call once per frame; returns at once when
     * neither the view nor the layers changed since the last call.
     */
    void update(const ViewState &view);

    /** The nearest row whose icon (or cluster circle) contains (x, y): its roles plus "row"; empty when none. */
    Q_INVOKABLE QVariantMap itemAt(double x, double y) const;
    /** The points of a row's cluster: {layerId, fid, x, y, z (local anchor)} each; empty for a bad row. */
    Q_INVOKABLE QVariantList membersOf(int row) const;
    /** Roles of a row as a map (plus "row"); empty for a bad row. */
    Q_INVOKABLE QVariantMap get(int row) const;

signals:
    void clusterPixelsChanged();
    void labelLanguageChanged();
    void visiblePointsChanged();

private:
    struct Layer;
    struct Row;
    void relayout();
    QVariantMap rowMap(int row) const;

    std::vector<std::unique_ptr<Layer>> m_layers;  ///< in the order added (earlier layers seed clusters first)
    std::vector<Row> m_rows;
    /** Points in the window at the last update: (layer serial, point index) → cluster slot of m_rows. */
    struct Assignment { quint32 serial; quint32 point; int row; };
    std::vector<Assignment> m_assigned;
    ViewState m_view;
    bool m_haveView = false;
    bool m_dirty = true;
    quint32 m_nextSerial = 1;
    int m_clusterPixels = 56;
    int m_visiblePoints = 0;
    QString m_language = QStringLiteral("zh_CN");
    // scratch buffers reused every update
    std::vector<int> m_cellHead;
    std::vector<int> m_clusterNext;
};

} // namespace liyuan
