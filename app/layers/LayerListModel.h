#pragma once
#include <QAbstractListModel>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace liyuan {

/** One layer of the scene as the layer panel and the project file see it. Plain data. */
struct LayerEntry
{
    QString id;            ///< unique within the scene
    QString name;          ///< shown in the panel (file name by default)
    QString kind;          ///< "photogrammetry", "terrain", "imagery", "vector", "points", "model", "citymodel"
    QString path;          ///< absolute source path
    int sourceLayer = 0;   ///< layer index inside a multi-layer vector file
    bool visible = true;
    double opacity = 1.0;
    QJsonObject style;     ///< kind-specific style (vector colours, heights, …)
    QString status;        ///< "", "loading", "ready", "failed"
    double progress = 0;   ///< 0..1 while loading
    QString message;       ///< last warning/error for this layer
    int dataset = -1;      ///< TileStreamer dataset index, or -1
    qint64 featureCount = -1;
    QJsonObject placement; ///< model layers: ModelPlacement JSON (CRS, position, heading, scale, up axis)
    QString scheme;        ///< model layers: the scheme the model belongs to ("" = always shown)
    QString rasterAs;      ///< rasters: "terrain"/"imagery" chosen by the user (PATH#…, --as, the panel); "" = decided from the data
    QString rasterReason;  ///< rasters: why the data made it terrain or imagery
};

/**
 * The layer panel's model: order (first row = top), visibility, opacity, status and
 * progress of every layer. Pure bookkeeping; SceneController applies changes to the
 * scene. GUI thread only.
 */
class LayerListModel : public QAbstractListModel
{
    Q_OBJECT
    Q_PROPERTY(int count READ rowCount NOTIFY countChanged)
public:
    enum Roles {
        IdRole = Qt::UserRole + 1,
        NameRole,
        KindRole,
        PathRole,
        VisibleRole,
        OpacityRole,
        StatusRole,
        ProgressRole,
        MessageRole,
        FeatureCountRole,
        GroupRole, ///< the file's name when several layers come from it (a GeoPackage), else ""
        RasterAsRole, ///< rasters: the user's choice "terrain"/"imagery", "" = automatic
        RasterReasonRole, ///< rasters: why the data made it terrain or imagery
    };

    explicit LayerListModel(QObject *parent = nullptr) : QAbstractListModel(parent) {}

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    const QList<LayerEntry> &layers() const { return m_layers; }
    /** Index of a layer by id, or -1. */
    int indexOf(const QString &id) const;
    const LayerEntry *layer(const QString &id) const;
    /** Adds at the top (row 0). */
    void add(const LayerEntry &entry);
    void remove(const QString &id);
    /** Applies fn to the entry and notifies views. */
    template<typename Fn>
    void update(const QString &id, Fn fn)
    {
        const int row = indexOf(id);
        if (row < 0)
            return;
        fn(m_layers[row]);
        emit dataChanged(index(row), index(row));
    }
    /** Moves a layer to another row (0 = top). */
    Q_INVOKABLE void move(int from, int to);
    void clear();

signals:
    void countChanged();

private:
    QList<LayerEntry> m_layers;
};

} // namespace liyuan
