#include <liyuan/scene/quick/TileDrawableModel.h>
#include <liyuan/scene/quick/TileDrawable.h>
#include <liyuan/scene/TextureCompressor.h>

#include <QtQuick3D/QQuick3DGeometry>
#include <QtQuick3D/QQuick3DTextureData>

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QSet>
#include <QStandardPaths>
#include <QUrl>

#include <atomic>

#include <cstring>

namespace liyuan {
namespace {

/** Worker-made buffers for one mesh. */
struct MeshBuffers
{
    QByteArray vertices; ///< interleaved position (3f) [normal (3f)] [uv (2f)] [colour (4f)]
    QByteArray indices;  ///< uint32 triangles
    int stride = 0;
    bool hasNormal = false; ///< lit meshes only: the others are drawn as captured
    bool hasUv = false;
    bool hasColor = false;
    QVector3D boundsMin, boundsMax;
};

struct PreparedTile
{
    std::vector<MeshBuffers> meshes;
    /** Parallel to TileContent::images: the bytes handed to the renderer (width 0: no texture). */
    std::vector<TextureCompressor::Result> textures;
    /** Parallel to textures: the KTX file of a compressed texture (its data then dropped), else empty. */
    std::vector<QString> files;
};

QQuick3DTextureData::Format textureDataFormat(TextureCompression f)
{
    switch (f) {
    case TextureCompression::Bc1: return QQuick3DTextureData::DXT1_RGB; // Qt 6.4 maps BC1/BC3 to no RHI format ("Unsupported texture format 82")
    case TextureCompression::Bc3: return QQuick3DTextureData::DXT5_RGBA;
    case TextureCompression::None: break;
    }
    return QQuick3DTextureData::RGBA8;
}

class TileGeometry : public QQuick3DGeometry
{
public:
    explicit TileGeometry(const MeshBuffers &b)
    {
        setPrimitiveType(QQuick3DGeometry::PrimitiveType::Triangles);
        setStride(b.stride);
        setVertexData(b.vertices);
        setIndexData(b.indices);
        int offset = 0;
        addAttribute(QQuick3DGeometry::Attribute::PositionSemantic, offset,
                     QQuick3DGeometry::Attribute::F32Type);
        offset += 12;
        if (b.hasNormal) {
            addAttribute(QQuick3DGeometry::Attribute::NormalSemantic, offset,
                         QQuick3DGeometry::Attribute::F32Type);
            offset += 12;
        }
        if (b.hasUv) {
            addAttribute(QQuick3DGeometry::Attribute::TexCoord0Semantic, offset,
                         QQuick3DGeometry::Attribute::F32Type);
            offset += 8;
        }
        if (b.hasColor)
            addAttribute(QQuick3DGeometry::Attribute::ColorSemantic, offset,
                         QQuick3DGeometry::Attribute::F32Type);
        addAttribute(QQuick3DGeometry::Attribute::IndexSemantic, 0, QQuick3DGeometry::Attribute::U32Type);
        setBounds(b.boundsMin, b.boundsMax);
    }
};

} // namespace

TileDrawableModel::TileDrawableModel(QObject *parent) : QAbstractListModel(parent) {}

void TileDrawableModel::setTextureCompression(TextureCompression compression, int maxTextureSide)
{
    m_maxTextureSide = maxTextureSide;
    m_compression = compression;
    if (compression == TextureCompression::None || !m_textureDir.isEmpty())
        return;
    // Qt 6.4's QQuick3DTextureData uploads no compressed data (QSSGLoadedTexture::loadTextureData
    // sizes it by getSizeofFormat(), 0 for compressed formats: "Could not load texture"), but
    // Texture.source reads KTX files with BC blocks as they are. So compressed textures go to
    // files the renderer reads, uploads and forgets: the renderer's copy is the only one.
    const QString root = QDir(QStandardPaths::writableLocation(QStandardPaths::CacheLocation))
                                 .filePath(QStringLiteral("textures"));
    // folders of processes that are gone (a crash leaves its files behind)
    for (const QFileInfo &fi : QDir(root).entryInfoList(QDir::Dirs | QDir::NoDotAndDotDot))
        if (!QFileInfo::exists(QStringLiteral("/proc/") + fi.fileName()))
            QDir(fi.absoluteFilePath()).removeRecursively();
    const QString dir = QDir(root).filePath(QString::number(QCoreApplication::applicationPid()));
    if (!QDir().mkpath(dir)) {
        qWarning("texture compression %s: cannot create %s; textures stay RGBA8",
                 qPrintable(TilesetOptions::compressionName(compression)), qPrintable(dir));
        m_compression = TextureCompression::None;
        return;
    }
    m_textureDir = dir;
}

TileDrawableModel::~TileDrawableModel()
{
    for (auto &e : m_entries) {
        qDeleteAll(e.drawables);
        qDeleteAll(e.owned);
    }
    if (!m_textureDir.isEmpty())
        QDir(m_textureDir).removeRecursively();
}

int TileDrawableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant TileDrawableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size() || role != DrawableRole)
        return {};
    return QVariant::fromValue<QObject *>(m_rows.at(index.row()));
}

QHash<int, QByteArray> TileDrawableModel::roleNames() const
{
    return {{DrawableRole, "drawable"}};
}

std::shared_ptr<void> TileDrawableModel::prepareInLoadThread(TileContent &content, qint64 *extraBytes) const
{
    auto prepared = std::make_shared<PreparedTile>();
    qint64 extra = 0;
    prepared->meshes.resize(content.meshes.size());
    for (size_t i = 0; i < content.meshes.size(); ++i) {
        MeshData &m = content.meshes[i];
        MeshBuffers &b = prepared->meshes[i];
        const qsizetype n = m.vertexCount();
        // normals in the tile's frame, like the positions: the Model's rotation and scale (the
        // dataset transform) reach them through the shader's normal matrix
        b.hasNormal = m.lit && m.normals.size() == size_t(n) * 3;
        b.hasUv = m.uvs.size() == size_t(n) * 2 && m.imageIndex >= 0;
        b.hasColor = m.colors.size() == size_t(n) * 4;
        b.stride = int(sizeof(float)) * (3 + (b.hasNormal ? 3 : 0) + (b.hasUv ? 2 : 0) + (b.hasColor ? 4 : 0));
        b.vertices.resize(n * b.stride);
        float *dst = reinterpret_cast<float *>(b.vertices.data());
        for (qsizetype v = 0; v < n; ++v) {
            *dst++ = m.positions[size_t(v) * 3 + 0];
            *dst++ = m.positions[size_t(v) * 3 + 1];
            *dst++ = m.positions[size_t(v) * 3 + 2];
            if (b.hasNormal) {
                *dst++ = m.normals[size_t(v) * 3 + 0];
                *dst++ = m.normals[size_t(v) * 3 + 1];
                *dst++ = m.normals[size_t(v) * 3 + 2];
            }
            if (b.hasUv) {
                *dst++ = m.uvs[size_t(v) * 2 + 0];
                *dst++ = m.uvs[size_t(v) * 2 + 1];
            }
            if (b.hasColor) {
                for (int k = 0; k < 4; ++k)
                    *dst++ = m.colors[size_t(v) * 4 + size_t(k)] / 255.f;
            }
        }
        b.indices = QByteArray(reinterpret_cast<const char *>(m.indices.data()),
                               qsizetype(m.indices.size() * sizeof(uint32_t)));
        b.boundsMin = QVector3D(m.boundsMin[0], m.boundsMin[1], m.boundsMin[2]);
        b.boundsMax = QVector3D(m.boundsMax[0], m.boundsMax[1], m.boundsMax[2]);
        // the renderer keeps its own copy of the buffers (RAM with a software rasteriser)
        extra += 2 * (b.vertices.size() + b.indices.size());
        // drawing no longer needs them; positions and indices stay for picking
        m.uvs.clear();
        m.uvs.shrink_to_fit();
        m.normals.clear();
        m.normals.shrink_to_fit();
        m.colors.clear();
        m.colors.shrink_to_fit();
    }
    // textures: converted here (block compression on this loader thread), then the source
    // image is dropped — the converted bytes are the only CPU copy (QQuick3DTextureData keeps
    // it: Qt 6.4 reloads the texture if they are cleared), the renderer holds the other
    prepared->textures.resize(content.images.size());
    prepared->files.resize(content.images.size());
    static std::atomic<quint64> serial{0};
    for (size_t i = 0; i < content.images.size(); ++i) {
        ImageData &img = content.images[i];
        TextureCompressor::Result &t = prepared->textures[i];
        QString why;
        if (!TextureCompressor::compress(img, m_compression, m_maxTextureSide, &t, &why)) {
            if (img.width > 0 || img.height > 0 || !img.rgba.isEmpty())
                content.warnings << QStringLiteral("%1: image %2: %3").arg(content.sourceFile).arg(i).arg(why);
            t = {};
        }
        const qsizetype bytes = t.byteSize();
        if (t.format != TextureCompression::None && !t.data.isEmpty()) {
            // compressed: a KTX file (with its smaller levels when mipmapped) the renderer reads
            const QString file = QDir(m_textureDir).filePath(QStringLiteral("%1.ktx").arg(++serial));
            QFile f(file);
            const QByteArray ktx = TextureCompressor::toKtx(t, img, m_mipmaps);
            if (f.open(QIODevice::WriteOnly) && f.write(ktx) == ktx.size() && f.flush()) {
                prepared->files[i] = file;
                t.data = QByteArray(); // no CPU copy: the renderer's is the only one
                extra += m_mipmaps ? bytes * 4 / 3 : bytes;
            } else {
                content.warnings << QStringLiteral("%1: image %2: cannot write %3 (%4); not drawn")
                                            .arg(content.sourceFile).arg(i).arg(file, f.errorString());
                f.remove();
                t = {};
            }
        } else {
            // RGBA8: ours (shared with QQuick3DTextureData, which Qt 6.4 reloads if cleared) + the renderer's
            extra += bytes + (m_mipmaps ? bytes * 4 / 3 : bytes);
        }
        img.rgba = QByteArray(); // width/height stay, for reports
    }
    *extraBytes = extra;
    return prepared;
}

void TileDrawableModel::prepareInMainThread(Tile &tile, const DatasetTransform &transform)
{
    if (m_entries.contains(&tile))
        return;
    auto *prepared = static_cast<PreparedTile *>(tile.renderData.get());
    if (!prepared || !tile.content)
        return;
    const TileContent &c = *tile.content;
    TileEntry entry;
    std::vector<QQuick3DTextureData *> textures(prepared->textures.size(), nullptr);
    std::vector<QUrl> sources(prepared->textures.size());
    for (size_t i = 0; i < prepared->textures.size(); ++i) {
        const TextureCompressor::Result &img = prepared->textures[i];
        if (!prepared->files[i].isEmpty()) {
            sources[i] = QUrl::fromLocalFile(prepared->files[i]);
            entry.files << prepared->files[i];
            entry.textureBytes += TextureCompressor::byteSize(img.width, img.height, img.format);
            continue;
        }
        if (img.data.isEmpty())
            continue;
        auto *tex = new QQuick3DTextureData;
        tex->setSize(QSize(img.width, img.height));
        tex->setFormat(textureDataFormat(img.format));
        tex->setHasTransparency(img.format == TextureCompression::Bc3);
        tex->setTextureData(img.data); // shared, not copied
        textures[i] = tex;
        entry.owned << tex;
        entry.textureBytes += img.byteSize();
    }
    m_textureBytes += entry.textureBytes;
    const int first = int(m_rows.size());
    QList<TileDrawable *> newRows;
    entry.drawables.resize(qsizetype(c.meshes.size()), nullptr);
    for (size_t i = 0; i < c.meshes.size() && i < prepared->meshes.size(); ++i) {
        const MeshBuffers &b = prepared->meshes[i];
        if (b.indices.isEmpty())
            continue;
        auto *geom = new TileGeometry(b);
        entry.owned << geom;
        const MeshData &m = c.meshes[i];
        const bool mapped = b.hasUv && m.imageIndex >= 0 && size_t(m.imageIndex) < textures.size();
        QQuick3DTextureData *tex = mapped ? textures[size_t(m.imageIndex)] : nullptr;
        const QUrl source = mapped ? sources[size_t(m.imageIndex)] : QUrl();
        const QColor color = QColor::fromRgbF(m.color[0], m.color[1], m.color[2], m.color[3]);
        auto *d = new TileDrawable(geom, tex, c.origin, transform, tex || !source.isEmpty() ? QColor(Qt::white) : color,
                                   b.hasColor, tile.dataset, m.group);
        d->setTextureSource(source);
        d->setOpacity(m_opacity.value(tile.dataset, 1.f));
        if (b.hasNormal)
            d->setSurface(true, m.metallic, m.roughness, QVector3D(m.emissive[0], m.emissive[1], m.emissive[2]));
        entry.drawables[qsizetype(i)] = d;
        newRows << d;
    }
    // the worker's buffers now live in the geometries (shared); drop our reference
    tile.renderData.reset();
    if (!newRows.isEmpty()) {
        beginInsertRows({}, first, first + int(newRows.size()) - 1);
        m_rows << newRows;
        endInsertRows();
        emit countChanged();
    }
    m_entries.insert(&tile, entry);
}

void TileDrawableModel::free(Tile &tile)
{
    auto it = m_entries.find(&tile);
    if (it == m_entries.end())
        return;
    TileEntry entry = it.value();
    m_entries.erase(it);
    m_textureBytes -= entry.textureBytes;
    for (TileDrawable *d : std::as_const(entry.drawables)) {
        if (!d)
            continue;
        if (m_shown.removeOne(d))
            ++m_shownRevision;
        unpark(d);
        const int row = int(m_rows.indexOf(d));
        if (row >= 0) {
            beginRemoveRows({}, row, row);
            m_rows.removeAt(row);
            endRemoveRows();
        }
    }
    emit countChanged();
    // the delegates are gone (rows removed synchronously); delete on the next event loop pass
    for (TileDrawable *d : std::as_const(entry.drawables))
        if (d)
            d->deleteLater();
    for (QObject *o : std::as_const(entry.owned))
        o->deleteLater();
    // the Textures reading them go with their delegates, now; the renderer has its copy
    for (const QString &f : std::as_const(entry.files))
        QFile::remove(f);
}

void TileDrawableModel::setDatasetOpacity(int dataset, float opacity)
{
    m_opacity.insert(dataset, opacity);
    for (auto it = m_entries.cbegin(); it != m_entries.cend(); ++it) {
        if (it.key()->dataset != dataset)
            continue;
        for (TileDrawable *d : it->drawables)
            if (d)
                d->setOpacity(opacity);
    }
}

QList<QPair<TileDrawable *, int>> TileDrawableModel::shownWithDataset() const
{
    QList<QPair<TileDrawable *, int>> out;
    out.reserve(m_shown.size());
    for (TileDrawable *d : m_shown)
        out.append({d, d->dataset()});
    return out;
}

void TileDrawableModel::datasetTransformChanged(int dataset, const DatasetTransform &transform)
{
    for (auto it = m_entries.cbegin(); it != m_entries.cend(); ++it) {
        if (it.key()->dataset != dataset)
            continue;
        for (TileDrawable *d : it->drawables)
            if (d)
                d->setTransform(transform);
    }
}

void TileDrawableModel::setDrawn(const std::vector<DrawItem> &items)
{
    QList<TileDrawable *> shown;
    shown.reserve(qsizetype(items.size()));
    for (const DrawItem &item : items) {
        auto it = m_entries.constFind(item.tile);
        if (it == m_entries.constEnd() || item.mesh < 0 || item.mesh >= it->drawables.size())
            continue;
        if (TileDrawable *d = it->drawables.at(item.mesh))
            shown << d;
    }
    const QSet<TileDrawable *> next(shown.cbegin(), shown.cend());
    if (shown != m_shown)
        ++m_shownRevision;
    for (TileDrawable *d : std::as_const(shown)) {
        d->setShown(true); // no-op (no signal) when already shown; before unpark: the Model stays visible
        unpark(d);
    }
    // leaving the view: parked (kept on the GPU, drawn with no instances), newest last
    for (TileDrawable *d : std::as_const(m_shown))
        if (!next.contains(d)) {
            if (m_maxParked > 0) { // parked first: the delegate's Model never turns invisible
                m_parkedAt.insert(d, m_parked.insert(m_parked.end(), d));
                d->setParked(true);
            }
            d->setShown(false);
        }
    m_shown = shown;
    trimParked();
}

void TileDrawableModel::setMaxParked(int maxParked)
{
    m_maxParked = std::max(0, maxParked);
    trimParked();
}

void TileDrawableModel::unpark(TileDrawable *d)
{
    const auto it = m_parkedAt.find(d);
    if (it == m_parkedAt.end())
        return;
    m_parked.erase(it.value());
    m_parkedAt.erase(it);
    d->setParked(false);
}

void TileDrawableModel::trimParked()
{
    while (int(m_parked.size()) > m_maxParked)
        unpark(m_parked.front()); // the least recently shown: hidden, its GPU copies released
}

} // namespace liyuan
