#pragma once
#include <QByteArray>
#include <QString>

namespace liyuan {

/**
 * The remote-control token: from LIYUAN_REMOTE_TOKEN, else generated once (32 random bytes,
 * base64url) and kept in the user's config folder in a file readable by the user alone (0600).
 * The token itself never reaches a log, stdout or --state-json: only where it comes from does.
 * Any thread (no shared state).
 */
class RemoteToken
{
public:
    /** Loads or creates the token; false with a message (naming the file) when it cannot. */
    bool load(QString *error);
    /** Constant-time comparison with a presented token (SHA-256 of both, compared byte by byte). */
    bool matches(const QByteArray &presented) const;
    /** "LIYUAN_REMOTE_TOKEN" or the path of the token file. */
    QString source() const { return m_source; }
    /** True when the token was taken from the environment. */
    bool fromEnvironment() const { return m_fromEnv; }
    /** Path of the token file in the config folder (whether or not it is used). */
    static QString filePath();
    /** Shortest token accepted from the environment. */
    static constexpr int kMinLength = 16;

private:
    QByteArray m_token;
    QString m_source;
    bool m_fromEnv = false;
};

} // namespace liyuan
