#pragma once
#include "TileContent.h"

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
