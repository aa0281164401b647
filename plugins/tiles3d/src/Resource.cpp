#include "Resource.h"

#include <liyuan/scene/FetchContext.h>
#include <liyuan/scene/RemoteSource.h>
#include <liyuan/scene/RemoteUrl.h>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QUrl>
#include <QUrlQuery>

namespace liyuan::tiles3d {

bool Resource::isRemote(const QString &location)
{
    return RemoteUrl::isRemote(location);
}

QString Resource::resolve(const QString &base, const QString &uri)
{
    if (!isRemote(base)) {
        QString u = uri;
        const int q = u.indexOf(QLatin1Char('?'));
        if (q >= 0)
            u.truncate(q);
        if (isRemote(u))
            return uri; // an absolute URL inside a local tileset
        u = QUrl::fromPercentEncoding(u.toUtf8());
        return QDir::cleanPath(QFileInfo(base).dir().absoluteFilePath(u));
    }
    // the document named base may have come from elsewhere (HTTP redirects): its references
    // are relative to where it came from, as in a browser
    const QString finalBase = RemoteSource::instance().finalUrl(base);
    const QUrl b(finalBase, QUrl::TolerantMode);
    const QUrl r(uri, QUrl::TolerantMode);
    QUrl out = b.resolved(r);
    out.setFragment(QString());
    // CesiumJS: the derived resource keeps the parent's query parameters it does not override
    // (those of the final URL first, then those of the URL as asked for, each on its own server)
    const QUrl asked(RemoteUrl::toHttp(base), QUrl::TolerantMode);
    for (const QUrl &parent : {b, asked}) {
        const bool sameServer = out.scheme() == parent.scheme() && out.host() == parent.host() && out.port() == parent.port();
        if (!sameServer || !parent.hasQuery())
            continue;
        QUrlQuery merged(out.query(QUrl::FullyEncoded));
        const QUrlQuery pq(parent.query(QUrl::FullyEncoded));
        for (const auto &item : pq.queryItems(QUrl::FullyEncoded))
            if (!merged.hasQueryItem(item.first))
                merged.addQueryItem(item.first, item.second);
        out.setQuery(merged.query(QUrl::FullyEncoded), QUrl::StrictMode);
        if (finalBase == base)
            break;
    }
    return out.toString(QUrl::FullyEncoded);
}

bool Resource::read(const QString &location, qint64 maxBytes, QByteArray *out, QString *error)
{
    if (isRemote(location)) {
        const FetchResult f = FetchContext::fetch(location);
        if (!f.ok) {
            *error = f.error.isEmpty() ? QStringLiteral("%1: fetch failed").arg(shown(location)) : f.error;
            return false;
        }
        if (f.data.size() > maxBytes) {
            *error = QStringLiteral("%1: %2 bytes, more than the limit of %3").arg(shown(location)).arg(f.data.size()).arg(maxBytes);
            return false;
        }
        *out = f.data;
        return true;
    }
    const QFileInfo fi(location);
    if (!fi.exists()) {
        *error = QStringLiteral("%1: no such file").arg(location);
        return false;
    }
    if (!fi.isFile()) {
        *error = QStringLiteral("%1: not a regular file").arg(location);
        return false;
    }
    if (fi.size() > maxBytes) {
        *error = QStringLiteral("%1: %2 bytes, more than the limit of %3").arg(location).arg(fi.size()).arg(maxBytes);
        return false;
    }
    QFile f(location);
    if (!f.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("%1: %2").arg(location, f.errorString());
        return false;
    }
    *out = f.read(maxBytes + 1);
    if (out->size() > maxBytes) {
        *error = QStringLiteral("%1: more than %2 bytes").arg(location).arg(maxBytes);
        return false;
    }
    return true;
}

bool Resource::mayExist(const QString &location)
{
    return isRemote(location) || QFileInfo::exists(location);
}

QString Resource::suffix(const QString &location)
{
    if (isRemote(location))
        return RemoteUrl::suffix(location);
    return QFileInfo(location).suffix().toLower();
}

QString Resource::shown(const QString &location)
{
    return RemoteUrl::redacted(location);
}

} // namespace liyuan::tiles3d
