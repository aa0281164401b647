#pragma once
#include <QByteArray>
#include <QString>

namespace liyuan::tiles3d {

/**
 * Where the reader's files come from: a local path or a URL (http://, https://, s3://).
 * Every file of a tileset (tileset.json, external tilesets, subtrees and their buffers,
 * content, external glTF buffers and images) is located with resolve() and read with read(),
 * so a tileset opened by URL is read the same way as a local one. Any thread; read() of a URL
 * blocks (worker threads only).
 */
class Resource
{
public:
    /** True when location is a URL (RemoteUrl::isRemote). */
    static bool isRemote(const QString &location);
    /**
     * uri (as written in a tileset, subtree or glTF: a URI reference, percent-encoded, maybe
     * with a query) resolved against the file base that names it. Local: an absolute clean path
     * (query dropped, percent-decoded). URL: RFC 3986 resolution against the URL base's body
     * came from after HTTP redirects (RemoteSource::finalUrl: a moved tileset's content is
     * beside the final URL, as in browsers and CesiumJS); the query parameters of base
     * that uri does not set are carried over when uri stays on base's server, as CesiumJS does
     * (Resource.getDerivedResource), so a token or presigned parameter of the tileset URL
     * reaches its children.
     */
    static QString resolve(const QString &base, const QString &uri);
    /**
     * Reads location whole, refusing more than maxBytes and (local) anything that is not a
     * regular file (a FIFO would block). A URL is fetched through RemoteSource with the calling
     * thread's FetchContext (priority, cancellation) and its disk cache. False and *error
     * ("FILE: problem", a URL redacted) on failure.
     */
    static bool read(const QString &location, qint64 maxBytes, QByteArray *out, QString *error);
    /** Local: the file exists. URL: true (whether it exists is known only by fetching it). */
    static bool mayExist(const QString &location);
    /** The file-name extension of location, lower case, ignoring query and fragment. */
    static QString suffix(const QString &location);
    /** location safe to print (URL credentials and signatures redacted). */
    static QString shown(const QString &location);
};

} // namespace liyuan::tiles3d
