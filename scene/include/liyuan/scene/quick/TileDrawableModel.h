#pragma once
#include <list>
#include <liyuan/scene/TileRenderer.h>
#include <liyuan/scene/TilesetOptions.h>

#include <QAbstractListModel>
#include <QHash>
#include <QList>
#include <QStringList>

namespace liyuan {

class TileDrawable;

/**
 * The Qt Quick 3D side of tile streaming: a list model of TileDrawable objects (role
 * "drawable") that a Repeater3D turns into Models, and the TileRenderer the streamer
 * drives. prepareInLoadThread builds interleaved vertex and index buffers on the worker;
 * prepareInMainThread only wraps them (QByteArray sharing, no copy) in QQuick3DGeometry /
 * QQuick3DTextureData objects. Textures are converted (block compressed, TextureCompressor)
 * on the worker too, and the tile's RGBA image dropped. Memory accounting counts our copy and
 * the renderer's copy of every texture (with mipmaps) and vertex buffer: with a software
 * rasteriser it lives in RAM.
 */
class TileDrawableModel : public QAbstractListModel, public TileRenderer
{
    Q_OBJECT
    Q_PROPERTY(int count READ rowCount NOTIFY countChanged)
public:
    enum Roles { DrawableRole = Qt::UserRole + 1 };

    explicit TileDrawableModel(QObject *parent = nullptr);
    ~TileDrawableModel() override;

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    std::shared_ptr<void> prepareInLoadThread(TileContent &content, qint64 *extraBytes) const override;
    void prepareInMainThread(Tile &tile, const DatasetTransform &datasetTransform) override;
    /** Moves every attached drawable of the dataset (GUI thread; no reload). */
    void datasetTransformChanged(int dataset, const DatasetTransform &transform) override;
    void free(Tile &tile) override;
    void setDrawn(const std::vector<DrawItem> &items) override;
    /** Whether textures get mipmaps (affects the memory accounted per tile). Set before loading. */
    void setMipmaps(bool on) { m_mipmaps = on; }
    /**
     * How textures are converted on the loader threads, and the largest side accepted (larger:
     * drawn untextured, with a warning naming the file). Set before loading (GUI thread).
     * Compressed textures become KTX files in <cache>/textures/<pid> (TileDrawable::textureSource),
     * read by the renderer: no CPU copy stays. The folder goes with the model (and, after a
     * crash, with the next start).
     */
    void setTextureCompression(TextureCompression compression, int maxTextureSide);
    /** The compression textures actually get (None when the texture folder cannot be made). */
    TextureCompression textureCompression() const { return m_compression; }
    /** Bytes of the textures of attached tiles as handed to the renderer (compressed sizes), GUI thread. */
    qint64 textureBytes() const { return m_textureBytes; }
    /** Opacity of every drawable of a dataset (layer opacity), now and for tiles attached later. */
    void setDatasetOpacity(int dataset, float opacity);
    /** The drawables shown this frame, each with its dataset (GUI thread). */
    QList<QPair<TileDrawable *, int>> shownWithDataset() const;
    /** Bumps whenever the shown set changes. */
    quint64 shownRevision() const { return m_shownRevision; }
    /**
     * How many drawables not shown keep their GPU copies (TileDrawable::parked); the least
     * recently shown beyond it are unparked (hidden). GUI thread.
     */
    void setMaxParked(int maxParked);
    /** Drawables parked now. */
    int parkedCount() const { return int(m_parked.size()); }

signals:
    void countChanged();

private:
    void unpark(TileDrawable *d);
    void trimParked();

    struct TileEntry
    {
        QList<TileDrawable *> drawables; ///< index = mesh index (nullptr for empty meshes)
        QList<QObject *> owned;          ///< geometries and textures
        qint64 textureBytes = 0;         ///< bytes of its textures' data
        QStringList files;               ///< its compressed textures' KTX files (removed when freed)
    };
    QList<TileDrawable *> m_rows;
    QHash<const Tile *, TileEntry> m_entries;
    QList<TileDrawable *> m_shown;
    std::list<TileDrawable *> m_parked; ///< least recently shown first
    QHash<TileDrawable *, std::list<TileDrawable *>::iterator> m_parkedAt;
    int m_maxParked = 2048;
    QHash<int, float> m_opacity;
    bool m_mipmaps = false;
    TextureCompression m_compression = TextureCompression::None; ///< set by setTextureCompression (SceneController: the options' Bc1)
    int m_maxTextureSide = 16384;
    qint64 m_textureBytes = 0;
    QString m_textureDir; ///< <cache>/textures/<pid>: KTX files of compressed textures
    quint64 m_shownRevision = 0;
};

} // namespace liyuan
