#pragma once
#include "Subtree.h"

#include <QByteArray>
#include <QHash>
#include <QJsonObject>
#include <QMutex>
#include <QString>

#include <memory>

namespace liyuan::tiles3d {

/**
 * Parsed tileset.json and subtree files shared by the reader's worker threads (a tile read
 * walks from the top tileset down, so the same JSON is needed by every tile). Bounded: the
 * whole cache is dropped past kMaxEntries. Thread-safe.
 */
class TilesetCache
{
public:
    static constexpr int kMaxEntries = 512;
    static TilesetCache &instance();

    /**
     * Resource::read(): a regular file or a URL, whole, refusing more than maxBytes and anything that is not a
     * regular file (a FIFO would block). False and *error ("FILE: problem") on failure.
     */
    static bool readFile(const QString &path, qint64 maxBytes, QByteArray *out, QString *error);

    /** The parsed tileset.json at path (checked: an object with asset.version and root). */
    std::shared_ptr<const QJsonObject> tileset(const QString &path, qint64 maxBytes, QString *error);
    /** The parsed subtree at path for this tiling. */
    std::shared_ptr<const Subtree> subtree(const QString &path, const SubtreeShape &shape, qint64 maxBytes, QString *error);
    void clear();

private:
    QMutex m_mutex;
    QHash<QString, std::shared_ptr<const QJsonObject>> m_tilesets;
    QHash<QString, std::shared_ptr<const Subtree>> m_subtrees;
    QHash<QString, QString> m_errors;
};

} // namespace liyuan::tiles3d
