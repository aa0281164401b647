#pragma once
#include "FeedPool.h"

#include <QAbstractListModel>
#include <QVector>

namespace liyuan {

/**
 * The video panel's grid: the open feeds, in order, for a QML GridView of VideoOutputs. GUI thread.
 *
 * Layout 1, 4, 9 or 16 tiles; opening a feed into a full grid replaces the oldest tile. In a grid
 * each tile shows its camera's sub stream (the main stream when it has none); a maximised tile
 * switches to the main stream and the others stop decoding until it is restored — a feed that
 * is not shown is not decoded. Each tile's VideoFeed reports its state (connecting, playing,
 * stalled, offline, auth failed) and reconnects by itself with back-off.
 */
class FeedGrid : public QAbstractListModel
{
    Q_OBJECT
    Q_PROPERTY(int layout READ layout WRITE setLayout NOTIFY layoutChanged)
    Q_PROPERTY(int columns READ columns NOTIFY layoutChanged)
    Q_PROPERTY(int maximised READ maximised WRITE setMaximised NOTIFY maximisedChanged)
    Q_PROPERTY(int count READ count NOTIFY countChanged)
public:
    enum Role { CameraIdRole = Qt::UserRole + 1, NameRole, FeedRole, StreamRole, StateRole, FramesRole, ErrorRole, ShownRole };

    /** What the grid needs of a camera. */
    struct Camera
    {
        QString id;
        QString name;
        QUrl mainUrl;
        QUrl subUrl;
        QString credentialRef;
    };

    explicit FeedGrid(FeedPool *pool, QObject *parent = nullptr);
    ~FeedGrid() override;

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    int layout() const { return m_layout; }
    /** 1, 4, 9 or 16 (others round up to the next); shrinking closes the newest tiles beyond it. */
    void setLayout(int tiles);
    int columns() const;
    int maximised() const { return m_maximised; }
    /** Shows one tile alone on its main stream (-1: the grid again). */
    void setMaximised(int row);
    int count() const { return int(m_tiles.size()); }

    /** Opens a camera's feed in the grid (no-op when open); returns its row. */
    int open(const Camera &camera);
    Q_INVOKABLE void close(int row);
    Q_INVOKABLE void closeAll();
    Q_INVOKABLE int rowOf(const QString &cameraId) const;
    QStringList cameraIds() const;
    /** Connects a QML VideoOutput's videoSink to a tile (and disconnects it from any other). */
    Q_INVOKABLE void attachSink(int row, QObject *videoSink);
    Q_INVOKABLE void detachSink(QObject *videoSink);
    video::VideoFeed *feedAt(int row) const;

signals:
    void layoutChanged();
    void maximisedChanged();
    void countChanged();

private:
    struct Tile
    {
        Camera camera;
        video::VideoFeed *feed = nullptr;
        QString stream;
        QList<QObject *> sinks;
    };
    void applyStreams();
    void setTileStream(int row, const QString &stream);
    void feedChanged(video::VideoFeed *feed);

    FeedPool *m_pool;
    QVector<Tile> m_tiles;
    int m_layout = 4;
    int m_maximised = -1;
};

} // namespace liyuan
