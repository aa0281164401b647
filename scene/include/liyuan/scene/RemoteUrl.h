#pragma once
#include <QString>

namespace liyuan {

/**
 * Helpers for dataset locations that are URLs (http://, https://, s3://) rather than local
 * paths. Pure functions on strings; any thread.
 *
 * s3://bucket/key is fetched as a plain HTTP GET (public or presigned objects), path-style on
 * the endpoint in LIYUAN_S3_ENDPOINT (e.g. http://127.0.0.1:9000); without it,
 * s3://host:port/bucket/key (an authority with a port) means http://host:port/bucket/key, and
 * s3://bucket/key means https://bucket.s3.amazonaws.com/key.
 */
class RemoteUrl
{
public:
    /** True for http://, https:// and s3:// locations. */
    static bool isRemote(const QString &location);
    /** The http(s) URL a GET for `location` goes to (s3:// mapped as above; others unchanged). */
    static QString toHttp(const QString &location);
    /**
     * `location` safe to print: user:password@ replaced by ***@, and the values of query
     * parameters that carry secrets (S3/SigV2/SigV4 signatures, credentials, tokens, keys)
     * replaced by REDACTED. Non-URLs are returned unchanged.
     */
    static QString redacted(const QString &location);
    /** Every URL inside `text` (a message) redacted. */
    static QString redactText(const QString &text);
    /** `relative` (a child file name, maybe with ../) resolved against the URL of the file `base`. */
    static QString resolved(const QString &base, const QString &relative);
    /** The last path segment's extension, lower case ("osgb"), ignoring query and fragment. */
    static QString suffix(const QString &location);
    /** The last non-empty path segment ("Production_5" for …/Production_5/). */
    static QString fileName(const QString &location);
};

} // namespace liyuan
