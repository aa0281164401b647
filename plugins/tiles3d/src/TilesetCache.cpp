#include "TilesetCache.h"
#include "Resource.h"

#include <QJsonDocument>
#include <QMutexLocker>

namespace liyuan::tiles3d {

TilesetCache &TilesetCache::instance()
{
    static TilesetCache cache;
    return cache;
}

bool TilesetCache::readFile(const QString &path, qint64 maxBytes, QByteArray *out, QString *error)
{
    return Resource::read(path, maxBytes, out, error);
}

std::shared_ptr<const QJsonObject> TilesetCache::tileset(const QString &path, qint64 maxBytes, QString *error)
{
    {
        QMutexLocker lock(&m_mutex);
        if (auto it = m_tilesets.constFind(path); it != m_tilesets.constEnd())
            return *it;
        if (auto it = m_errors.constFind(path); it != m_errors.constEnd()) {
            *error = *it;
            return {};
        }
    }
    QByteArray bytes;
    std::shared_ptr<const QJsonObject> result;
    QString err;
    bool transient = false;
    if (!readFile(path, maxBytes, &bytes, &err)) {
        transient = Resource::isRemote(path); // remote: a failed or cancelled fetch may succeed later
    } else {
        QJsonParseError pe;
        const QJsonDocument doc = QJsonDocument::fromJson(bytes, &pe);
        if (!doc.isObject())
            err = QStringLiteral("%1: not a JSON object (%2 at offset %3)").arg(path, pe.errorString()).arg(pe.offset);
        else if (!doc.object().value(QLatin1String("asset")).toObject().value(QLatin1String("version")).isString())
            err = QStringLiteral("%1: no \"asset\": {\"version\": …}: not a 3D Tiles tileset").arg(path);
        else if (!doc.object().value(QLatin1String("root")).isObject())
            err = QStringLiteral("%1: no \"root\" tile").arg(path);
        else
            result = std::make_shared<const QJsonObject>(doc.object());
    }
    QMutexLocker lock(&m_mutex);
    if (m_tilesets.size() + m_errors.size() > kMaxEntries) {
        m_tilesets.clear();
        m_errors.clear();
    }
    if (result)
        m_tilesets.insert(path, result);
    else {
        if (!transient)
            m_errors.insert(path, err);
        *error = err;
    }
    return result;
}

std::shared_ptr<const Subtree> TilesetCache::subtree(const QString &path, const SubtreeShape &shape, qint64 maxBytes,
                                                     QString *error)
{
    const QString key = QStringLiteral("%1\n%2/%3").arg(path).arg(shape.subtreeLevels).arg(shape.octree);
    {
        QMutexLocker lock(&m_mutex);
        if (auto it = m_subtrees.constFind(key); it != m_subtrees.constEnd())
            return *it;
        if (auto it = m_errors.constFind(key); it != m_errors.constEnd()) {
            *error = *it;
            return {};
        }
    }
    QByteArray bytes;
    QString err;
    std::shared_ptr<Subtree> result;
    bool transient = false;
    if (!readFile(path, maxBytes, &bytes, &err)) {
        transient = Resource::isRemote(path); // remote: a failed or cancelled fetch may succeed later
    } else {
        auto s = std::make_shared<Subtree>();
        if (Subtree::parse(bytes, path, shape, maxBytes, s.get(), &err))
            result = s;
    }
    QMutexLocker lock(&m_mutex);
    if (m_subtrees.size() + m_errors.size() > kMaxEntries) {
        m_subtrees.clear();
        m_errors.clear();
    }
    if (result)
        m_subtrees.insert(key, result);
    else {
        if (!transient)
            m_errors.insert(key, err);
        *error = err;
    }
    return result;
}

void TilesetCache::clear()
{
    QMutexLocker lock(&m_mutex);
    m_tilesets.clear();
    m_subtrees.clear();
    m_errors.clear();
}

} // namespace liyuan::tiles3d
