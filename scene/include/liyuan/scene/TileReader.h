#pragma once
#include "TileContent.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <memory>
#include <vector>

namespace liyuan {

/** Result of reading one tile file: content, or an error message naming the file. */
struct TileReadResult
{
    bool ok = false;
    TileContent content;
    QString error; ///< "FILE: problem" when !ok
    qint64 fileBytes = 0;
};

/**
 * A tile format reader. identify() is cheap (extension/magic only); read() is the heavy
 * parse. Both are called on worker threads concurrently and must be thread-safe and
 * must never crash or hang on hostile bytes.
 */
class TileReader
{
public:
    virtual ~TileReader() = default;
    /** Short format name, e.g. "OSGB". */
    virtual QString formatName() const = 0;
    /** True when this reader can probably read the file (cheap: name and first bytes). */
    virtual bool identify(const QString &path) const = 0;
    /** Reads and converts the whole file to plain data. */
    virtual TileReadResult read(const QString &path) const = 0;
    /**
     * remote: reads a file already in memory — the body of a URL fetched by RemoteSource.
     * `name` is where it came from (the URL): messages name it, and relative child files
     * resolve against it (RemoteUrl::resolved). identify() is asked with the URL first (a
     * reader that accepts URLs decides from the name alone). The default refuses.
     */
    /**
     * remote: true when read() takes URL locations itself and fetches every file it needs
     * (a 3D Tiles tile address needs its tileset.json, external tilesets, a subtree and the
     * content) through FetchContext::fetch(). The streamer then calls read(url) inside a
     * FetchContext::Scope carrying the tile's priority and cancel flag instead of fetching the
     * location for readData(); a read that fails once its tile was cancelled counts as cancelled.
     */
    virtual bool fetchesUrls() const { return false; }
    virtual TileReadResult readData(const QByteArray &bytes, const QString &name) const
    {
        Q_UNUSED(bytes)
        TileReadResult r;
        r.error = QStringLiteral("%1: the %2 reader cannot read from a URL").arg(name, formatName());
        return r;
    }
};

/**
 * The readers known to the app. Readers are registered explicitly at start-up on the
 * main thread (registerOsgbReader(...)); lookups are thread-safe afterwards.
 */
class ReaderRegistry
{
public:
    static ReaderRegistry &instance();
    void add(std::shared_ptr<TileReader> reader);
    /** The first reader whose identify() accepts the file, or nullptr. */
    std::shared_ptr<TileReader> readerFor(const QString &path) const;
    std::vector<std::shared_ptr<TileReader>> readers() const { return m_readers; }

private:
    std::vector<std::shared_ptr<TileReader>> m_readers;
};

} // namespace liyuan
