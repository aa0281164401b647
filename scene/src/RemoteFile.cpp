#include <liyuan/scene/RemoteFile.h>
#include <liyuan/scene/RemoteSource.h>
#include <liyuan/scene/RemoteUrl.h>

#include <QCryptographicHash>
#include <QDir>
#include <QFileInfo>
#include <QMutex>
#include <QMutexLocker>
#include <QRegularExpression>
#include <QSaveFile>
#include <QStringList>
#include <QTemporaryDir>

namespace liyuan {

namespace {
QMutex g_mutex;

QTemporaryDir &sessionDir()
{
    static QTemporaryDir dir(QDir::tempPath() + QStringLiteral("/liyuan-remote-XXXXXX"));
    return dir;
}
} // namespace

bool RemoteFile::isGdalFile(const QString &location)
{
    static const QStringList exts{QStringLiteral("tif"),  QStringLiteral("tiff"), QStringLiteral("geotiff"), QStringLiteral("geojson"),
                                  QStringLiteral("json"), QStringLiteral("gpkg"), QStringLiteral("kml"),     QStringLiteral("gml"),
                                  QStringLiteral("fgb"),  QStringLiteral("jp2"),  QStringLiteral("img"),     QStringLiteral("asc")};
    return RemoteUrl::isRemote(location) && exts.contains(RemoteUrl::suffix(location));
}

QString RemoteFile::localCopy(const QString &url, QString *error)
{
    const QString shown = RemoteUrl::redacted(url);
    if (!sessionDir().isValid()) {
        *error = QStringLiteral("%1: cannot make a temporary folder for the download: %2").arg(shown, sessionDir().errorString());
        return {};
    }
    const QString key = QString::fromLatin1(QCryptographicHash::hash(url.toUtf8(), QCryptographicHash::Sha1).toHex().left(16));
    QString name = RemoteUrl::fileName(url);
    name.replace(QRegularExpression(QStringLiteral("[^A-Za-z0-9._+-]")), QStringLiteral("_"));
    if (name.isEmpty() || name.startsWith(QLatin1Char('.')))
        name.prepend(QStringLiteral("data"));
    const QString folder = sessionDir().filePath(key);
    const QString file = folder + QLatin1Char('/') + name;
    {
        QMutexLocker lock(&g_mutex);
        if (QFileInfo::exists(file))
            return file;
    }
    const FetchResult f = RemoteSource::instance().fetch(url); // disk cache, retries, offline
    if (!f.ok) {
        *error = f.error.isEmpty() ? QStringLiteral("%1: download failed").arg(shown) : f.error;
        return {};
    }
    QMutexLocker lock(&g_mutex);
    if (QFileInfo::exists(file))
        return file;
    QDir().mkpath(folder);
    QSaveFile out(file);
    if (!out.open(QIODevice::WriteOnly) || out.write(f.data) != f.data.size() || !out.commit()) {
        *error = QStringLiteral("%1: cannot write the downloaded copy: %2").arg(shown, out.errorString());
        return {};
    }
    return file;
}

} // namespace liyuan
