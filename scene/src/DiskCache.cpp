#include <liyuan/scene/DiskCache.h>

#include <liyuan/scene/RemoteUrl.h>

#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLockFile>
#include <QSaveFile>
#include <QUrl>

#include <algorithm>
#include <vector>

namespace liyuan {

namespace {
constexpr char kMagic[] = "LIYUAN-CACHE-1\n";
constexpr qint64 kMaxHeader = 16 * 1024;
/** Longest final URL stored (a longer one is not remembered: "not redirected"). */
constexpr qint64 kMaxFinalUrl = 32 * 1024;
} // namespace

DiskCache::DiskCache(const QString &dir, qint64 maxBytes) : m_dir(dir), m_maxBytes(std::max<qint64>(0, maxBytes)) {}

QString DiskCache::fileFor(const QString &url) const
{
    const QByteArray h = QCryptographicHash::hash(url.toUtf8(), QCryptographicHash::Sha1).toHex();
    return m_dir + QLatin1Char('/') + QString::fromLatin1(h) + QStringLiteral(".lyc");
}

void DiskCache::scanOnce()
{
    std::call_once(m_scanned, [this] {
        QDir().mkpath(m_dir);
        qint64 total = 0;
        const QFileInfoList files = QDir(m_dir).entryInfoList({QStringLiteral("*.lyc")}, QDir::Files);
        for (const QFileInfo &f : files)
            total += f.size();
        m_bytes += total;
    });
}

bool DiskCache::get(const QString &url, QByteArray *body, QString *finalUrl)
{
    if (!enabled())
        return false;
    scanOnce();
    const QString path = fileFor(url);
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return false;
    const QByteArray head = f.read(qint64(sizeof(kMagic) - 1));
    bool ok = head == QByteArray(kMagic);
    QByteArray urlLine, lenLine;
    if (ok) {
        urlLine = f.readLine(kMaxHeader + kMaxFinalUrl + 2);
        lenLine = f.readLine(64).trimmed();
    }
    qint64 len = ok ? lenLine.toLongLong(&ok) : -1;
    if (ok && len >= 0 && f.size() - f.pos() == len) {
        QByteArray data = f.read(len);
        if (data.size() == len) {
            f.close();
            // least recently used: a hit is a use
            QFile touch(path);
            if (touch.open(QIODevice::ReadWrite))
                touch.setFileTime(QDateTime::currentDateTimeUtc(), QFileDevice::FileModificationTime);
            *body = std::move(data);
            if (finalUrl) {
                const int tab = urlLine.indexOf('\t');
                const QByteArray stored = tab >= 0 ? urlLine.mid(tab + 1).trimmed() : QByteArray();
                if (stored.startsWith('/')) // on the requested server: its path and query
                    *finalUrl = QUrl(RemoteUrl::toHttp(url), QUrl::TolerantMode)
                                        .resolved(QUrl::fromEncoded(stored))
                                        .toString(QUrl::FullyEncoded);
                else
                    *finalUrl = QString::fromUtf8(stored);
            }
            return true;
        }
    }
    // damaged (never written by us: a disk error or a foreign file): drop it
    f.close();
    QFile::remove(path);
    return false;
}

bool DiskCache::put(const QString &url, const QByteArray &body, QString *error, const QString &finalUrl)
{
    if (!enabled())
        return true;
    scanOnce();
    const QString path = fileFor(url);
    QSaveFile f(path); // temporary file in the same folder, renamed over the entry on commit
    if (!f.open(QIODevice::WriteOnly)) {
        if (error)
            *error = QStringLiteral("%1: cannot write to the disk cache: %2").arg(path, f.errorString());
        return false;
    }
    QByteArray header(kMagic);
    header += RemoteUrl::redacted(url).toUtf8().left(kMaxHeader - 100).replace('\n', ' ').replace('\t', ' ');
    if (!finalUrl.isEmpty() && finalUrl != url) {
        // the final URL is needed whole (its path and query are the base of relative references),
        // but a user:password@ never: it is not part of resolving and must not sit in a file
        // (on the requested server, only the path and query are stored: get() puts the requested
        // authority back, so the user:password@ of a request survives without being written)
        const QUrl u(finalUrl, QUrl::StrictMode);
        const QUrl requested(RemoteUrl::toHttp(url), QUrl::TolerantMode);
        QByteArray stored;
        if (u.isValid() && u.scheme() == requested.scheme() && u.authority() == requested.authority())
            stored = u.toEncoded(QUrl::RemoveScheme | QUrl::RemoveAuthority | QUrl::RemoveFragment);
        else if (u.isValid())
            stored = u.toEncoded(QUrl::RemoveUserInfo | QUrl::RemoveFragment);
        if (!stored.isEmpty() && stored.size() <= kMaxFinalUrl && !stored.contains('\n') && !stored.contains('\t'))
            header += '\t' + stored;
    }
    header += '\n';
    header += QByteArray::number(body.size()) + '\n';
    f.write(header);
    f.write(body);
    if (!f.commit()) {
        if (error)
            *error = QStringLiteral("%1: cannot write to the disk cache: %2").arg(path, f.errorString());
        return false;
    }
    if ((m_bytes += header.size() + body.size()) > m_maxBytes)
        evict();
    return true;
}

void DiskCache::evict()
{
    if (!enabled())
        return;
    scanOnce();
    QLockFile lock(m_dir + QStringLiteral("/evict.lock"));
    lock.setStaleLockTime(30000);
    if (!lock.tryLock(0))
        return; // another thread or process is evicting
    struct Entry
    {
        QString path;
        qint64 size;
        qint64 mtime;
    };
    std::vector<Entry> entries;
    qint64 total = 0;
    const QFileInfoList files = QDir(m_dir).entryInfoList(QDir::Files | QDir::Hidden);
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    for (const QFileInfo &f : files) {
        if (f.suffix() == QLatin1String("lyc")) {
            entries.push_back({f.absoluteFilePath(), f.size(), f.lastModified().toMSecsSinceEpoch()});
            total += f.size();
        } else if (f.fileName() != QLatin1String("evict.lock")
                   && now - f.lastModified().toMSecsSinceEpoch() > 3600 * 1000) {
            QFile::remove(f.absoluteFilePath()); // a temporary file left by a crashed writer
        }
    }
    std::sort(entries.begin(), entries.end(), [](const Entry &a, const Entry &b) { return a.mtime < b.mtime; });
    const qint64 target = m_maxBytes / 10 * 9;
    for (const Entry &e : entries) {
        if (total <= target)
            break;
        if (QFile::remove(e.path) || !QFileInfo::exists(e.path))
            total -= e.size;
    }
    m_bytes = total;
}

} // namespace liyuan
