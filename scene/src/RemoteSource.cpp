#include <liyuan/scene/RemoteSource.h>

#include <liyuan/geodata/LoadCancel.h>
#include <liyuan/scene/DiskCache.h>
#include <liyuan/scene/RemoteUrl.h>

#include <QElapsedTimer>
#include <QEventLoop>
#include <QHash>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QStandardPaths>
#include <QThread>
#include <QTimer>
#include <QUrl>

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <set>

Q_LOGGING_CATEGORY(lcRemote, "liyuan.remote")

namespace liyuan {

namespace {

/** Redirects followed for one request; more is an error (a loop). */
constexpr int kMaxRedirects = 20;
/** URLs whose redirect target RemoteSource remembers; past it the memory starts again. */
constexpr int kMaxRememberedRedirects = 1 << 16;

/** Largest body accepted (a hostile Content-Length is refused before downloading). */
constexpr qint64 kMaxBody = 1024ll * 1024 * 1024;

struct Attempt
{
    bool ok = false;
    bool retryable = false;
    bool cancelled = false;
    int status = 0;
    QByteArray body;
    QString error;
    QString finalUrl; ///< after redirects; empty when none
};

Attempt httpGet(const QString &httpUrl, int timeoutMs, const std::function<bool()> &isCancelled, std::atomic<qint64> &bytes)
{
    thread_local std::unique_ptr<QNetworkAccessManager> nam;
    if (!nam) {
        nam = std::make_unique<QNetworkAccessManager>();
        nam->setRedirectPolicy(QNetworkRequest::NoLessSafeRedirectPolicy);
    }
    Attempt a;
    QNetworkRequest req{QUrl(httpUrl, QUrl::TolerantMode)};
    req.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    req.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
    req.setRawHeader("User-Agent", "Liyuan");
    // redirects are followed by Qt under the manager's NoLessSafeRedirectPolicy: to another host
    // yes, from https to http never (InsecureRedirectError)
    req.setMaximumRedirectsAllowed(kMaxRedirects);
    QNetworkReply *reply = nam->get(req);
    QEventLoop loop;
    QElapsedTimer sinceData;
    sinceData.start();
    bool timedOut = false, cancelled = false, tooLarge = false, redirected = false;
    qint64 finalTotal = -1; // the length the last response announced (after redirects)
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QObject::connect(reply, &QNetworkReply::redirected, &loop, [&](const QUrl &) {
        // the redirect's own Content-Length can still be the reply's header afterwards: the
        // length to check is what the final response announces (its downloadProgress total)
        redirected = true;
        finalTotal = -1;
    });
    QObject::connect(reply, &QNetworkReply::downloadProgress, &loop, [&](qint64 received, qint64 total) {
        finalTotal = total;
        sinceData.restart();
        if (total > kMaxBody || received > kMaxBody) {
            tooLarge = true;
            reply->abort();
        }
    });
    QObject::connect(reply, &QNetworkReply::metaDataChanged, &loop, [&] { sinceData.restart(); });
    QTimer poll;
    poll.setInterval(20);
    QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
        if (isCancelled()) {
            cancelled = true;
            reply->abort();
        } else if (sinceData.elapsed() > timeoutMs) {
            timedOut = true;
            reply->abort();
        }
    });
    poll.start();
    if (!reply->isFinished())
        loop.exec(QEventLoop::ExcludeUserInputEvents);
    poll.stop();

    a.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QString reason = reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toString();
    const QVariant lengthHeader = reply->header(QNetworkRequest::ContentLengthHeader);
    const qint64 expected = redirected ? finalTotal : lengthHeader.isValid() ? lengthHeader.toLongLong() : -1;
    a.body = reply->isOpen() ? reply->readAll() : QByteArray();
    bytes += a.body.size();
    const QNetworkReply::NetworkError err = reply->error();
    const QString errString = reply->errorString();
    const QUrl finalUrl = reply->url(); // where the last redirect led
    if (finalUrl != reply->request().url())
        a.finalUrl = finalUrl.toString(QUrl::FullyEncoded);
    delete reply; // not deleteLater: this pool thread may run no event loop again soon
    if (cancelled) {
        a.cancelled = true;
        return a;
    }
    if (tooLarge) {
        a.error = QStringLiteral("refused: larger than %1 MB").arg(kMaxBody >> 20);
        return a;
    }
    if (timedOut) {
        a.retryable = true;
        a.error = a.body.isEmpty() && a.status == 0
                          ? QStringLiteral("timed out: no response for %1 ms").arg(timeoutMs)
                          : QStringLiteral("timed out: the server stalled mid-response (%1 of %2 bytes, nothing for %3 ms)")
                                    .arg(a.body.size())
                                    .arg(expected >= 0 ? QString::number(expected) : QStringLiteral("?"))
                                    .arg(timeoutMs);
        return a;
    }
    if (err == QNetworkReply::TooManyRedirectsError) {
        // a loop (or a very long chain): asking again gives the same answer
        a.error = QStringLiteral("too many HTTP redirects (more than %1; a redirect loop?), last to %2")
                          .arg(kMaxRedirects)
                          .arg(RemoteUrl::redacted(a.finalUrl.isEmpty() ? httpUrl : a.finalUrl));
        return a;
    }
    if (err == QNetworkReply::InsecureRedirectError) {
        a.error = QStringLiteral("refused an HTTP redirect to a less safe URL (https to http)");
        return a;
    }
    if (a.status >= 400) {
        a.retryable = a.status >= 500 || a.status == 408 || a.status == 429;
        a.error = QStringLiteral("HTTP %1 %2").arg(a.status).arg(reason).trimmed();
        return a;
    }
    if (err != QNetworkReply::NoError) {
        a.retryable = true;
        if (expected >= 0 && a.body.size() < expected)
            a.error = QStringLiteral("truncated: received %1 of %2 bytes (%3)").arg(a.body.size()).arg(expected).arg(errString);
        else
            a.error = errString;
        return a;
    }
    if (expected >= 0 && a.body.size() != expected) {
        a.retryable = true;
        a.error = QStringLiteral("truncated: received %1 of %2 bytes").arg(a.body.size()).arg(expected);
        return a;
    }
    if (a.status != 0 && (a.status < 200 || a.status >= 300)) {
        a.error = QStringLiteral("HTTP %1 %2").arg(a.status).arg(reason).trimmed();
        return a;
    }
    a.ok = true;
    return a;
}

} // namespace

struct RemoteSource::Private
{
    mutable std::mutex mutex;
    TilesetOptions options;
    std::shared_ptr<DiskCache> cache;
    // priority gate
    std::condition_variable gate;
    int running = 0;
    std::multiset<double> waiting;
    // requested URL → final URL, for the URLs that were redirected
    mutable std::mutex redirectMutex;
    QHash<QString, QString> redirects;

    void remember(const QString &url, const QString &finalUrl)
    {
        std::lock_guard<std::mutex> lock(redirectMutex);
        if (finalUrl.isEmpty() || finalUrl == url) {
            redirects.remove(url);
            return;
        }
        if (redirects.size() >= kMaxRememberedRedirects)
            redirects.clear();
        redirects.insert(url, finalUrl);
    }

    std::atomic<int> inFlight{0};
    std::atomic<qint64> requests{0}, bytes{0}, hits{0}, misses{0}, retries{0}, failures{0}, cancelled{0};

    bool acquire(double priority, const std::function<bool()> &isCancelled)
    {
        std::unique_lock<std::mutex> lock(mutex);
        const auto me = waiting.insert(priority);
        for (;;) {
            if (running < options.maxConcurrentRequests && *waiting.rbegin() <= priority) {
                waiting.erase(me);
                ++running;
                return true;
            }
            if (isCancelled()) {
                waiting.erase(me);
                gate.notify_all();
                return false;
            }
            gate.wait_for(lock, std::chrono::milliseconds(25));
        }
    }
    void release()
    {
        std::lock_guard<std::mutex> lock(mutex);
        --running;
        gate.notify_all();
    }
};

RemoteSource &RemoteSource::instance()
{
    static RemoteSource source;
    return source;
}

RemoteSource::RemoteSource() : d(std::make_unique<Private>())
{
    configure(TilesetOptions{});
}

RemoteSource::~RemoteSource() = default;

void RemoteSource::configure(const TilesetOptions &options)
{
    std::lock_guard<std::mutex> lock(d->mutex);
    d->options = options;
    QString dir = options.diskCacheDir;
    if (dir.isEmpty())
        dir = QStandardPaths::writableLocation(QStandardPaths::GenericCacheLocation) + QStringLiteral("/liyuan/http");
    if (!d->cache || d->cache->dir() != dir || d->cache->maxBytes() != options.diskCacheBytes) {
        if (d->cache && d->cache->dir() != dir) {
            // another cache is another session: redirects are learnt again (from it, or the network)
            std::lock_guard<std::mutex> redirectLock(d->redirectMutex);
            d->redirects.clear();
        }
        d->cache = std::make_shared<DiskCache>(dir, options.diskCacheBytes);
    }
}

TilesetOptions RemoteSource::options() const
{
    std::lock_guard<std::mutex> lock(d->mutex);
    return d->options;
}

QString RemoteSource::finalUrl(const QString &url) const
{
    std::lock_guard<std::mutex> lock(d->redirectMutex);
    return d->redirects.value(url, url);
}

RemoteStats RemoteSource::stats() const
{
    RemoteStats s;
    s.requestsInFlight = d->inFlight.load();
    s.requests = d->requests.load();
    s.bytesDownloaded = d->bytes.load();
    s.cacheHits = d->hits.load();
    s.cacheMisses = d->misses.load();
    s.retries = d->retries.load();
    s.failures = d->failures.load();
    s.cancelled = d->cancelled.load();
    std::lock_guard<std::mutex> lock(d->mutex);
    s.diskCacheBytes = d->cache ? d->cache->approximateBytes() : 0;
    return s;
}

FetchResult RemoteSource::fetch(const QString &url, double priority, const std::function<bool()> &cancelled)
{
    FetchResult r;
    const QString shown = RemoteUrl::redacted(url);
    const std::function<bool()> isCancelled = [&cancelled] { return (cancelled && cancelled()) || LoadCancel::requested(); };
    TilesetOptions o;
    std::shared_ptr<DiskCache> cache;
    {
        std::lock_guard<std::mutex> lock(d->mutex);
        o = d->options;
        cache = d->cache;
    }
    auto fail = [&](const QString &why) {
        ++d->failures;
        r.ok = false;
        r.error = QStringLiteral("%1: %2").arg(shown, why);
        return r;
    };
    if (!RemoteUrl::isRemote(url))
        return fail(QStringLiteral("not an http://, https:// or s3:// URL"));
    if (cache && cache->enabled()) {
        if (cache->get(url, &r.data, &r.finalUrl)) {
            ++d->hits;
            r.ok = true;
            r.fromCache = true;
            d->remember(url, r.finalUrl);
            return r;
        }
        ++d->misses;
    }
    if (o.offline)
        return fail(cache && cache->enabled() ? QStringLiteral("not in the disk cache (offline; cache %1)").arg(cache->dir())
                                              : QStringLiteral("offline, and the disk cache is off"));
    const QString httpUrl = RemoteUrl::toHttp(url);
    const QUrl parsed(httpUrl, QUrl::TolerantMode);
    if (!parsed.isValid() || parsed.host().isEmpty())
        return fail(QStringLiteral("not a valid URL"));

    QString lastError;
    for (int attempt = 0; attempt <= o.maxRetries; ++attempt) {
        if (attempt > 0) {
            ++d->retries;
            const qint64 delay = qint64(o.retryBaseMs) << std::min(attempt - 1, 10);
            qCInfo(lcRemote, "%s: %s; retry %d of %d in %lld ms", qPrintable(shown), qPrintable(lastError), attempt,
                   o.maxRetries, delay);
            QElapsedTimer waited;
            waited.start();
            while (waited.elapsed() < delay) {
                if (isCancelled()) {
                    ++d->cancelled;
                    r.cancelled = true;
                    r.error = QStringLiteral("%1: cancelled").arg(shown);
                    return r;
                }
                QThread::msleep(std::min<qint64>(20, delay - waited.elapsed() + 1));
            }
        }
        if (!d->acquire(priority, isCancelled)) {
            ++d->cancelled;
            r.cancelled = true;
            r.error = QStringLiteral("%1: cancelled").arg(shown);
            return r;
        }
        ++d->inFlight;
        ++d->requests;
        ++r.attempts;
        Attempt a = httpGet(httpUrl, o.requestTimeoutMs, isCancelled, d->bytes);
        --d->inFlight;
        d->release();
        r.httpStatus = a.status;
        if (a.cancelled) {
            ++d->cancelled;
            r.cancelled = true;
            r.error = QStringLiteral("%1: cancelled").arg(shown);
            return r;
        }
        if (a.ok) {
            QString err;
            if (!a.finalUrl.isEmpty())
                qCInfo(lcRemote, "%s: redirected to %s", qPrintable(shown), qPrintable(RemoteUrl::redacted(a.finalUrl)));
            if (cache && !cache->put(url, a.body, &err, a.finalUrl))
                qCWarning(lcRemote, "%s", qPrintable(err));
            d->remember(url, a.finalUrl);
            r.ok = true;
            r.finalUrl = a.finalUrl;
            r.data = std::move(a.body);
            return r;
        }
        lastError = a.error;
        if (!a.retryable)
            return fail(lastError);
    }
    return fail(r.attempts > 1 ? QStringLiteral("%1 (gave up after %2 attempts)").arg(lastError).arg(r.attempts) : lastError);
}

} // namespace liyuan
