#include <liyuan/scene/RemoteUrl.h>

#include <QRegularExpression>
#include <QUrl>
#include <QUrlQuery>

namespace liyuan {

namespace {

bool isSecretKey(const QString &key)
{
    const QString k = key.toLower();
    static const char *const secrets[] = {"signature", "credential", "token", "secret", "password", "passwd",
                                          "key", "awsaccesskeyid", "sig", "auth"};
    for (const char *s : secrets)
        if (k.contains(QLatin1String(s)))
            return true;
    return false;
}

} // namespace

bool RemoteUrl::isRemote(const QString &location)
{
    return location.startsWith(QLatin1String("http://"), Qt::CaseInsensitive)
           || location.startsWith(QLatin1String("https://"), Qt::CaseInsensitive)
           || location.startsWith(QLatin1String("s3://"), Qt::CaseInsensitive);
}

QString RemoteUrl::toHttp(const QString &location)
{
    if (!location.startsWith(QLatin1String("s3://"), Qt::CaseInsensitive))
        return location;
    const QString rest = location.mid(5); // bucket/key or host:port/bucket/key
    const QString endpoint = qEnvironmentVariable("LIYUAN_S3_ENDPOINT").trimmed();
    if (!endpoint.isEmpty()) {
        QString e = endpoint;
        while (e.endsWith(QLatin1Char('/')))
            e.chop(1);
        return e + QLatin1Char('/') + rest;
    }
    const int slash = rest.indexOf(QLatin1Char('/'));
    const QString authority = slash < 0 ? rest : rest.left(slash);
    const QString path = slash < 0 ? QString() : rest.mid(slash + 1);
    if (authority.contains(QLatin1Char(':')))
        return QStringLiteral("http://") + authority + QLatin1Char('/') + path;
    return QStringLiteral("https://") + authority + QStringLiteral(".s3.amazonaws.com/") + path;
}

QString RemoteUrl::redacted(const QString &location)
{
    if (!isRemote(location))
        return location;
    QUrl url(location, QUrl::TolerantMode);
    if (!url.isValid())
        return QStringLiteral("<invalid URL>");
    if (!url.userInfo().isEmpty())
        url.setUserInfo(QStringLiteral("***"));
    if (url.hasQuery()) {
        QUrlQuery q(url);
        const auto items = q.queryItems(QUrl::FullyEncoded);
        QUrlQuery out;
        for (const auto &it : items)
            out.addQueryItem(it.first, isSecretKey(it.first) ? QStringLiteral("REDACTED") : it.second);
        url.setQuery(out);
    }
    return url.toString(QUrl::FullyEncoded);
}

QString RemoteUrl::redactText(const QString &text)
{
    static const QRegularExpression re(QStringLiteral("(?:https?|s3)://[^\\s\"'<>]+"),
                                       QRegularExpression::CaseInsensitiveOption);
    QString out;
    qsizetype last = 0;
    auto it = re.globalMatch(text);
    while (it.hasNext()) {
        const QRegularExpressionMatch m = it.next();
        QString url = m.captured(0);
        QString tail; // ": problem" after a URL ends it
        while (!url.isEmpty() && (url.endsWith(QLatin1Char(':')) || url.endsWith(QLatin1Char(',')) || url.endsWith(QLatin1Char(')')))) {
            tail.prepend(url.back());
            url.chop(1);
        }
        out += text.mid(last, m.capturedStart() - last) + redacted(url) + tail;
        last = m.capturedEnd();
    }
    out += text.mid(last);
    return out;
}

QString RemoteUrl::resolved(const QString &base, const QString &relative)
{
    if (isRemote(relative))
        return relative;
    QString rel = relative;
    rel.replace(QLatin1Char('\\'), QLatin1Char('/'));
    // a child name is a file name, not a URL: '#', '?' and '%' are part of it
    const QUrl r = QUrl::fromEncoded(QUrl::toPercentEncoding(rel, "/+:@!$&'()*,;=-._~"));
    return QUrl(base, QUrl::TolerantMode).resolved(r).toString(QUrl::FullyEncoded);
}

QString RemoteUrl::suffix(const QString &location)
{
    const QString name = fileName(location);
    const int dot = name.lastIndexOf(QLatin1Char('.'));
    return dot < 0 ? QString() : name.mid(dot + 1).toLower();
}

QString RemoteUrl::fileName(const QString &location)
{
    const QUrl url(location, QUrl::TolerantMode);
    const QStringList parts = url.path().split(QLatin1Char('/'), Qt::SkipEmptyParts);
    return parts.isEmpty() ? url.host() : parts.constLast();
}

} // namespace liyuan
