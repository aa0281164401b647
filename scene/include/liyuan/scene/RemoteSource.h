#pragma once
#include "TilesetOptions.h"

#include <QByteArray>
#include <QString>

#include <functional>
#include <memory>

namespace liyuan {

class DiskCache;

/** What one fetch gave. */
struct FetchResult
{
    bool ok = false;
    QByteArray data;
    QString error;          ///< "URL: problem" (URL redacted) when !ok
    bool cancelled = false; ///< the caller's cancel flag stopped it (not an error)
    bool fromCache = false;
    int httpStatus = 0;     ///< last HTTP status seen (0: none)
    int attempts = 0;       ///< requests made (1 + retries)
    /**
     * The URL the body came from after HTTP redirects (301/302/303/307/308), from the network or
     * remembered with the disk cache entry; empty when there was no redirect. Relative references
     * inside the body resolve against it (RemoteSource::finalUrl). Not redacted: never print it,
     * print RemoteUrl::redacted(finalUrl).
     */
    QString finalUrl;
    /** finalUrl, or `requested` when there was no redirect. */
    QString effectiveUrl(const QString &requested) const { return finalUrl.isEmpty() ? requested : finalUrl; }
};

/** Counters of the fetch layer (process-wide, since start), for --state-json. */
struct RemoteStats
{
    int requestsInFlight = 0;
    qint64 requests = 0;        ///< HTTP requests made (retries included)
    qint64 bytesDownloaded = 0; ///< bodies received
    qint64 cacheHits = 0;
    qint64 cacheMisses = 0;
    qint64 retries = 0;
    qint64 failures = 0;        ///< fetches that ended in an error
    qint64 cancelled = 0;       ///< fetches stopped because their tile was no longer wanted
    qint64 diskCacheBytes = 0;
};

/**
 * The fetch layer of remote datasets: URL (http://, https://, s3:// — see RemoteUrl) → bytes,
 * through a bounded on-disk cache (DiskCache), with retries and exponential back-off on 5xx,
 * timeouts, dropped connections and truncated bodies (fewer bytes than Content-Length), and
 * offline use from the cache.
 *
 * Threads: fetch() is a blocking call made on worker threads (the TileStreamer's loaders, a
 * dataset being opened on the thread pool) — never on the GUI thread. Each worker thread has
 * its own QNetworkAccessManager driven by a local event loop, so no request waits for the GUI
 * thread. At most TilesetOptions::maxConcurrentRequests requests run at once; waiting ones are
 * admitted highest priority first (the streamer passes the tile's screen size). The cancel
 * callback is polled while waiting, while the request runs (the reply is aborted) and during
 * back-off: a tile no longer wanted stops its download.
 */
class RemoteSource
{
public:
    /** The process-wide instance. */
    static RemoteSource &instance();
    /**
     * Takes the remote limits (disk cache size and folder, offline, timeouts, retries). Another
     * cache folder forgets the redirects seen so far (finalUrl). Any thread.
     */
    void configure(const TilesetOptions &options);
    TilesetOptions options() const;
    /** Fetches `url`; blocks until done, failed or cancelled. Never on the GUI thread. */
    FetchResult fetch(const QString &url, double priority = 0.0, const std::function<bool()> &cancelled = {});
    /**
     * The URL that `url`'s body last came from after HTTP redirects, as seen by a fetch of `url`
     * in this process (from the network or its disk cache entry, so also offline), or `url`
     * itself when it was not redirected or not fetched. Readers resolve the relative references
     * of a fetched document against it, as browsers and CesiumJS do. Any thread.
     */
    QString finalUrl(const QString &url) const;
    /** Counters so far. Any thread. */
    RemoteStats stats() const;

    RemoteSource();
    ~RemoteSource();
    RemoteSource(const RemoteSource &) = delete;
    RemoteSource &operator=(const RemoteSource &) = delete;

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace liyuan
