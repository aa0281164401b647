#include <liyuan/scene/RemoteFile.h>
#include <liyuan/scene/RemoteSource.h>
#include <liyuan/scene/RemoteUrl.h>

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMutex>
#include <QMutexLocker>
#include <QRegularExpression>
#include <QSaveFile>
#include <QSet>
#include <QStringList>
#include <QTemporaryDir>
#include <QTextStream>
#include <QThreadPool>
#include <QUrl>
#include <QXmlStreamReader>
#include <QtConcurrent/QtConcurrentMap>

#include <functional>

#include <atomic>
#include <vector>

namespace liyuan {

namespace {
QMutex g_mutex;

/** One session copy: its folder, main file and the URL it came from. */
struct Copy
{
    QString folder;
    QString file;
    QString shown;    ///< the URL, redacted
    QString shownDir; ///< the URL's folder, redacted, ending in '/'
};
std::vector<Copy> g_copies;  // guarded by g_mutex
std::atomic<bool> g_anyCopy{false}; // a copy was made (else shownText does nothing, makes no folder)
QSet<QString> g_bundlesDone; // URLs whose companions are all in place; guarded by g_mutex

constexpr int kMaxReferences = 10000; // companions one file may name (a hostile file names millions)

QTemporaryDir &sessionDir()
{
    static QTemporaryDir dir(QDir::tempPath() + QStringLiteral("/liyuan-remote-XXXXXX"));
    return dir;
}

/** What a companion file is to its dataset: how its absence is taken. */
enum class Need {
    Required, ///< the dataset does not open without it: an error
    Optional, ///< may be absent (404): skipped
    Texture   ///< wanted, but the dataset opens without it: a warning
};

struct Reference
{
    QString relative; ///< decoded file path relative to the main file's folder
    Need need;
    QString what; ///< "buffer", "texture", "sidecar" … for messages
};

QByteArray readAll(const QString &file)
{
    QFile f(file);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

/** Empty when `relative` stays inside the copy folder; else why not. */
QString refusal(const QString &relative)
{
    if (relative.isEmpty())
        return QStringLiteral("an empty file reference");
    if (QUrl(relative).scheme().size() > 1) // http:, file:, s3: … (a one-letter "scheme" is a Windows drive)
        return QStringLiteral("an absolute URI; only files next to it (relative references) are fetched");
    if (relative.startsWith(QLatin1Char('/')) || relative.startsWith(QLatin1Char('\\')) || relative.contains(QLatin1Char(':')))
        return QStringLiteral("an absolute path; only files next to it (relative references) are fetched");
    const QStringList parts = QString(relative).replace(QLatin1Char('\\'), QLatin1Char('/')).split(QLatin1Char('/'));
    if (parts.contains(QStringLiteral("..")))
        return QStringLiteral("a path leaving its folder (..); refused");
    return {};
}

/** The directory part ("a/b/") of a relative path ("a/b/c.mtl"), or "". */
QString dirOf(const QString &relative)
{
    const int slash = relative.lastIndexOf(QLatin1Char('/'));
    return slash < 0 ? QString() : relative.left(slash + 1);
}

/** A URI reference of a glTF (percent-encoded) as a file path; data: URIs give "". */
bool gltfUri(const QJsonValue &v, QString *out)
{
    const QString uri = v.toString();
    if (uri.isEmpty() || uri.startsWith(QLatin1String("data:"), Qt::CaseInsensitive))
        return false;
    *out = QUrl::fromPercentEncoding(uri.toUtf8());
    return true;
}

void gltfReferences(const QString &file, QList<Reference> *refs)
{
    const QJsonObject root = QJsonDocument::fromJson(readAll(file)).object(); // a broken file: Assimp says why
    QString rel;
    for (const QJsonValue &b : root.value(QStringLiteral("buffers")).toArray())
        if (gltfUri(b.toObject().value(QStringLiteral("uri")), &rel))
            refs->append({rel, Need::Required, QStringLiteral("buffer")});
    for (const QJsonValue &i : root.value(QStringLiteral("images")).toArray())
        if (gltfUri(i.toObject().value(QStringLiteral("uri")), &rel))
            refs->append({rel, Need::Texture, QStringLiteral("image")});
}

/** `mtllib a.mtl b.mtl` lines of an OBJ. */
void objReferences(const QString &file, QList<Reference> *refs)
{
    QFile f(file);
    if (!f.open(QIODevice::ReadOnly | QIODevice::Text))
        return;
    while (!f.atEnd() && refs->size() < kMaxReferences) {
        const QString line = QString::fromUtf8(f.readLine()).trimmed();
        if (!line.startsWith(QLatin1String("mtllib")) || line.size() < 8 || !line.at(6).isSpace())
            continue;
        for (const QString &name : line.mid(7).split(QRegularExpression(QStringLiteral("\\s+")), Qt::SkipEmptyParts))
            refs->append({name, Need::Texture, QStringLiteral("material library")});
    }
}

/** `map_Kd tex.png` (and map_*, bump, disp, decal, norm, refl) lines of an MTL: the file is the last word. */
void mtlReferences(const QString &file, const QString &dir, QList<Reference> *refs)
{
    QFile f(file);
    if (!f.open(QIODevice::ReadOnly | QIODevice::Text))
        return;
    static const QStringList keys{QStringLiteral("bump"), QStringLiteral("disp"), QStringLiteral("decal"), QStringLiteral("norm"),
                                  QStringLiteral("refl")};
    while (!f.atEnd() && refs->size() < kMaxReferences) {
        const QStringList words = QString::fromUtf8(f.readLine()).trimmed().split(QRegularExpression(QStringLiteral("\\s+")),
                                                                                    Qt::SkipEmptyParts);
        if (words.size() < 2)
            continue;
        const QString key = words.first().toLower();
        if (key.startsWith(QLatin1String("map_")) || keys.contains(key))
            refs->append({dir + words.last(), Need::Texture, QStringLiteral("texture")});
    }
}

/** CityJSON `appearance.textures[].image`. */
void cityJsonReferences(const QString &file, QList<Reference> *refs)
{
    const QJsonObject root = QJsonDocument::fromJson(readAll(file)).object();
    if (root.value(QStringLiteral("type")).toString() != QLatin1String("CityJSON"))
        return;
    for (const QJsonValue &t : root.value(QStringLiteral("appearance")).toObject().value(QStringLiteral("textures")).toArray()) {
        const QString image = t.toObject().value(QStringLiteral("image")).toString();
        if (!image.isEmpty())
            refs->append({image, Need::Texture, QStringLiteral("texture")});
    }
}

/** CityGML appearance `imageURI` elements (any namespace). */
void cityGmlReferences(const QString &file, QList<Reference> *refs)
{
    QFile f(file);
    if (!f.open(QIODevice::ReadOnly))
        return;
    QXmlStreamReader xml(&f);
    while (!xml.atEnd() && refs->size() < kMaxReferences) {
        if (xml.readNext() == QXmlStreamReader::StartElement && xml.name() == QLatin1String("imageURI")) {
            const QString uri = xml.readElementText().trimmed();
            if (!uri.isEmpty())
                refs->append({QUrl::fromPercentEncoding(uri.toUtf8()), Need::Texture, QStringLiteral("texture")});
        }
    }
}

/**
 * Threads of the companions' fetches: their own pool, since localBundle runs on the global one
 * (a map there from a thread of it waits for threads it holds itself).
 */
QThreadPool &fetchPool()
{
    static QThreadPool *pool = [] {
        auto *p = new QThreadPool;
        p->setMaxThreadCount(6); // network-bound; RemoteSource bounds the requests in flight
        p->setExpiryTimeout(2000);
        return p;
    }();
    return *pool;
}

bool offline()
{
    return RemoteSource::instance().options().offline;
}

/**
 * Fetches `ref` (relative to url) into folder. False with *error for a refused reference or a
 * required file that cannot be fetched.
 */
bool fetchReference(const QString &url, const QString &folder, const Reference &ref, QString *local, QString *error,
                    QStringList *warnings)
{
    const QString shown = RemoteUrl::redacted(url);
    if (const QString why = refusal(ref.relative); !why.isEmpty()) {
        *error = QStringLiteral("%1: its %2 \"%3\" is %4").arg(shown, ref.what, ref.relative, why);
        return false;
    }
    QString rel = QDir::cleanPath(QString(ref.relative).replace(QLatin1Char('\\'), QLatin1Char('/')));
    *local = folder + QLatin1Char('/') + rel;
    {
        QMutexLocker lock(&g_mutex);
        if (QFileInfo::exists(*local))
            return true;
    }
    // beside where url came from after HTTP redirects (a moved file's companions moved with it)
    const QString remote = RemoteUrl::resolved(RemoteSource::instance().finalUrl(url), rel);
    const FetchResult f = RemoteSource::instance().fetch(remote);
    if (!f.ok) {
        local->clear();
        const bool absent = f.httpStatus == 404 || f.httpStatus == 403 || f.httpStatus == 410 || offline();
        if (ref.need == Need::Optional && absent)
            return true;
        const QString why = f.error.isEmpty() ? QStringLiteral("%1: download failed").arg(RemoteUrl::redacted(remote)) : f.error;
        if (ref.need == Need::Texture) {
            *warnings << QStringLiteral("%1: its %2 could not be fetched (%3); drawn without it").arg(shown, ref.what, why);
            return true;
        }
        *error = why.contains(RemoteUrl::redacted(remote)) // RemoteSource's errors start with the URL
                         ? QStringLiteral("%1: its %2 could not be fetched: %3").arg(shown, ref.what, why)
                         : QStringLiteral("%1: its %2 %3 could not be fetched: %4").arg(shown, ref.what, RemoteUrl::redacted(remote), why);
        return false;
    }
    QMutexLocker lock(&g_mutex);
    if (QFileInfo::exists(*local))
        return true;
    QDir().mkpath(QFileInfo(*local).absolutePath());
    QSaveFile out(*local);
    if (!out.open(QIODevice::WriteOnly) || out.write(f.data) != f.data.size() || !out.commit()) {
        *error = QStringLiteral("%1: cannot write the downloaded copy of its %2: %3").arg(shown, ref.what, out.errorString());
        return false;
    }
    return true;
}
} // namespace

bool RemoteFile::isGdalFile(const QString &location)
{
    static const QStringList exts{QStringLiteral("tif"),  QStringLiteral("tiff"), QStringLiteral("geotiff"), QStringLiteral("geojson"),
                                  QStringLiteral("json"), QStringLiteral("gpkg"), QStringLiteral("kml"),     QStringLiteral("gml"),
                                  QStringLiteral("fgb"),  QStringLiteral("jp2"),  QStringLiteral("img"),     QStringLiteral("asc")};
    return RemoteUrl::isRemote(location) && exts.contains(RemoteUrl::suffix(location));
}

bool RemoteFile::isShapefile(const QString &location)
{
    return RemoteUrl::isRemote(location) && RemoteUrl::suffix(location) == QLatin1String("shp");
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
    g_copies.push_back({folder, file, shown, RemoteUrl::redacted(RemoteUrl::resolved(url, QStringLiteral(".")))});
    g_anyCopy = true;
    return file;
}

QString RemoteFile::localBundle(const QString &url, QString *error, QStringList *warnings, const QStringList &optionalSiblings)
{
    const QString file = localCopy(url, error);
    if (file.isEmpty())
        return {};
    {
        QMutexLocker lock(&g_mutex);
        if (g_bundlesDone.contains(url))
            return file;
    }
    const QString folder = QFileInfo(file).absolutePath();
    const QString ext = RemoteUrl::suffix(url);
    const QString base = RemoteUrl::fileName(url).left(RemoteUrl::fileName(url).size() - ext.size()); // "roads."
    QList<Reference> refs;
    if (ext == QLatin1String("shp")) {
        const bool upper = RemoteUrl::fileName(url).endsWith(QLatin1String("SHP"));
        auto side = [&](const char *e, Need need) {
            const QString s = QLatin1String(e);
            refs.append({base + (upper ? s.toUpper() : s), need, QStringLiteral("sidecar")});
        };
        side("shx", Need::Required);
        side("dbf", Need::Required);
        side("prj", Need::Optional);
        side("cpg", Need::Optional);
        side("qix", Need::Optional);
    } else if (ext == QLatin1String("gltf")) {
        gltfReferences(file, &refs);
    } else if (ext == QLatin1String("obj")) {
        objReferences(file, &refs);
    } else if (ext == QLatin1String("json")) {
        cityJsonReferences(file, &refs);
    } else if (ext == QLatin1String("gml") || ext == QLatin1String("xml")) {
        cityGmlReferences(file, &refs);
    }
    for (const QString &s : optionalSiblings)
        refs.append({s, Need::Optional, QStringLiteral("sidecar")});
    if (refs.size() > kMaxReferences) {
        *error = QStringLiteral("%1: names more than %2 files beside it; refused").arg(RemoteUrl::redacted(url)).arg(kMaxReferences);
        return {};
    }
    // fetched in parallel (RemoteSource bounds the requests in flight), in two rounds: what the
    // file names, then what its material libraries name
    QStringList textureProblems;
    QSet<QString> seen;
    while (!refs.isEmpty()) {
        QList<Reference> round;
        for (const Reference &ref : std::as_const(refs))
            if (!seen.contains(ref.relative)) {
                seen.insert(ref.relative);
                round.append(ref);
            }
        refs.clear();
        struct Outcome
        {
            QString local, error;
            QStringList warnings;
            bool ok = false;
        };
        const QList<Outcome> outcomes = QtConcurrent::blockingMapped(&fetchPool(), round, std::function<Outcome(const Reference &)>([&](const Reference &ref) {
            Outcome o;
            o.ok = fetchReference(url, folder, ref, &o.local, &o.error, &o.warnings);
            return o;
        }));
        for (int i = 0; i < round.size(); ++i) {
            if (!outcomes[i].ok) {
                *error = outcomes[i].error;
                return {};
            }
            textureProblems << outcomes[i].warnings;
            if (!outcomes[i].local.isEmpty() && round[i].what == QLatin1String("material library"))
                mtlReferences(outcomes[i].local, dirOf(QDir::cleanPath(round[i].relative)), &refs);
        }
        if (seen.size() + refs.size() > kMaxReferences) {
            *error = QStringLiteral("%1: names more than %2 files beside it; refused").arg(RemoteUrl::redacted(url)).arg(kMaxReferences);
            return {};
        }
    }
    if (warnings && !textureProblems.isEmpty()) // one line, not one per texture (a city names thousands)
        *warnings << (textureProblems.size() == 1 ? textureProblems.first()
                                                  : QStringLiteral("%1 (and %2 more files could not be fetched)")
                                                            .arg(textureProblems.first())
                                                            .arg(textureProblems.size() - 1));
    QMutexLocker lock(&g_mutex);
    g_bundlesDone.insert(url);
    return file;
}

QString RemoteFile::jsonKind(const QString &localFile)
{
    const QJsonObject o = QJsonDocument::fromJson(readAll(localFile)).object();
    const QString type = o.value(QStringLiteral("type")).toString();
    if (type == QLatin1String("CityJSON"))
        return QStringLiteral("CityJSON");
    if (o.contains(QStringLiteral("asset")) && o.contains(QStringLiteral("root")))
        return QStringLiteral("tileset");
    static const QStringList geo{QStringLiteral("FeatureCollection"), QStringLiteral("Feature"), QStringLiteral("Point"),
                                 QStringLiteral("MultiPoint"),        QStringLiteral("LineString"), QStringLiteral("MultiLineString"),
                                 QStringLiteral("Polygon"),           QStringLiteral("MultiPolygon"), QStringLiteral("GeometryCollection")};
    return geo.contains(type) ? QStringLiteral("GeoJSON") : QString();
}

QString RemoteFile::shownText(const QString &text)
{
    if (!g_anyCopy || !text.contains(sessionDir().path()))
        return text;
    QString out = text;
    QMutexLocker lock(&g_mutex);
    for (const Copy &c : g_copies) {
        out.replace(c.file, c.shown);
        out.replace(c.folder + QLatin1Char('/'), c.shownDir);
    }
    return out;
}

} // namespace liyuan
