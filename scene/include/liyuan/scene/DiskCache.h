#pragma once
#include <QByteArray>
#include <QString>

#include <atomic>
#include <mutex>

namespace liyuan {

/**
 * A bounded on-disk cache of downloaded files, keyed by URL, shared safely by several processes.
 *
 * One file per URL (<dir>/<sha1 of the URL>.lyc) holding a header (magic, the URL redacted — then,
 * when the server redirected it, a tab and the final URL, credentials removed —, the body length)
 * and the body. Entries written before final URLs were stored (no tab) read as "not redirected";
 * older builds read the new entries too (they skip the URL line). Writes go to a temporary file in the same folder and are renamed
 * over the entry atomically (QSaveFile), so a reader — in this process or another — sees a whole
 * entry or none; an entry whose length does not match its header is treated as a miss and
 * removed. Least recently used eviction: a hit sets the file's modification time; when the total
 * passes the limit, the oldest entries are deleted until it is at 90 %, under a lock file so two
 * processes do not evict at once (a file deleted while another process reads it stays readable).
 * Survives restarts: the index is the folder itself (sizes and mtimes scanned once per process).
 *
 * Thread-safe: get()/put() are called from tile-loading worker threads concurrently.
 */
class DiskCache
{
public:
    /** A cache in `dir` (created when needed) limited to `maxBytes` (0 = disabled). */
    DiskCache(const QString &dir, qint64 maxBytes);
    QString dir() const { return m_dir; }
    qint64 maxBytes() const { return m_maxBytes; }
    bool enabled() const { return m_maxBytes > 0 && !m_dir.isEmpty(); }
    /**
     * The cached body of `url` (and marks it used), or false. *finalUrl (if given): the URL the
     * body came from after redirects, as stored by put(), or empty (not redirected).
     */
    bool get(const QString &url, QByteArray *body, QString *finalUrl = nullptr);
    /**
     * Stores `body` for `url` (and `finalUrl`, the URL it came from after redirects, or empty),
     * then evicts if over the limit. False (and *error) when the write failed.
     */
    bool put(const QString &url, const QByteArray &body, QString *error = nullptr, const QString &finalUrl = QString());
    /** Bytes on disk as last scanned plus what this process wrote since. */
    qint64 approximateBytes() const { return m_bytes.load(); }
    /** Scans the folder and deletes least recently used entries until ≤ 90 % of the limit. */
    void evict();
    /** The entry file of `url` (exists or not). */
    QString fileFor(const QString &url) const;

private:
    void scanOnce();
    QString m_dir;
    qint64 m_maxBytes = 0;
    std::atomic<qint64> m_bytes{0};
    std::once_flag m_scanned;
};

} // namespace liyuan
