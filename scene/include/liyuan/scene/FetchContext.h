#pragma once
#include "RemoteSource.h"

#include <QString>

#include <functional>

namespace liyuan {

/**
 * The priority and cancel test of the tile load running on the calling thread, for readers
 * that fetch their own files by URL (TileReader::fetchesUrls(), e.g. 3D Tiles: one tile needs
 * its tileset.json, maybe external tilesets and a subtree, then its content).
 *
 * The TileStreamer installs a Scope around such a reader's read() on its worker thread (the
 * tile's screen-size priority and its "no longer wanted" flag); the reader fetches through
 * FetchContext::fetch(), so every request of that tile is admitted by its priority and stops
 * when the tile is dropped. Without a Scope (a dataset opened on the thread pool, `liyuan info`)
 * fetches run at priority 0 and are never cancelled. A Scope belongs to the thread that made
 * it; scopes nest (the previous one is restored). Worker threads only (fetches block).
 */
class FetchContext
{
public:
    /** Makes (priority, cancelled) the calling thread's context until destroyed. */
    class Scope
    {
    public:
        Scope(double priority, std::function<bool()> cancelled);
        ~Scope();
        Scope(const Scope &) = delete;
        Scope &operator=(const Scope &) = delete;

    private:
        double m_previousPriority;
        std::function<bool()> m_previousCancelled;
    };

    /** The calling thread's priority (0 without a Scope). */
    static double priority();
    /** True when the calling thread's load is no longer wanted. */
    static bool cancelled();
    /** RemoteSource::instance().fetch(url) with this thread's priority and cancel test. Blocks. */
    static FetchResult fetch(const QString &url);
};

} // namespace liyuan
