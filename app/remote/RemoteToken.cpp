#include "RemoteToken.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QStandardPaths>

namespace liyuan {

namespace {
constexpr QFileDevice::Permissions kOwnerOnly = QFileDevice::ReadOwner | QFileDevice::WriteOwner;
}

QString RemoteToken::filePath()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation) + QStringLiteral("/remote-token");
}

bool RemoteToken::load(QString *error)
{
    const QByteArray env = qgetenv("LIYUAN_REMOTE_TOKEN").trimmed();
    if (!env.isEmpty()) {
        if (env.size() < kMinLength) {
            *error = QStringLiteral("LIYUAN_REMOTE_TOKEN is too short: at least %1 characters").arg(kMinLength);
            return false;
        }
        m_token = env;
        m_fromEnv = true;
        m_source = QStringLiteral("LIYUAN_REMOTE_TOKEN");
        return true;
    }
    const QString path = filePath();
    QFile file(path);
    if (file.exists()) {
        if (file.permissions() & ~(kOwnerOnly | QFileDevice::ReadUser | QFileDevice::WriteUser)) {
            // readable by others: tighten it before trusting it
            if (!file.setPermissions(kOwnerOnly)) {
                *error = QStringLiteral("%1: readable by other users and its permissions cannot be set to 0600").arg(path);
                return false;
            }
        }
        if (!file.open(QIODevice::ReadOnly)) {
            *error = QStringLiteral("%1: cannot read the token: %2").arg(path, file.errorString());
            return false;
        }
        m_token = file.read(4096).trimmed();
        if (m_token.size() < kMinLength) {
            *error = QStringLiteral("%1: the token is shorter than %2 characters; delete the file to get a new one")
                             .arg(path).arg(kMinLength);
            return false;
        }
        m_source = path;
        return true;
    }
    if (!QDir().mkpath(QFileInfo(path).absolutePath())) {
        *error = QStringLiteral("%1: cannot create the folder").arg(QFileInfo(path).absolutePath());
        return false;
    }
    QByteArray raw(32, Qt::Uninitialized);
    QRandomGenerator::system()->generate(reinterpret_cast<quint32 *>(raw.data()),
                                         reinterpret_cast<quint32 *>(raw.data() + raw.size()));
    m_token = raw.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    // created 0600 from the start (never briefly readable by others)
    if (!file.open(QIODevice::WriteOnly | QIODevice::NewOnly, kOwnerOnly) || file.write(m_token + '\n') < 0 || !file.flush()) {
        *error = QStringLiteral("%1: cannot write the token: %2").arg(path, file.errorString());
        return false;
    }
    file.close();
    m_source = path;
    return true;
}

bool RemoteToken::matches(const QByteArray &presented) const
{
    if (m_token.isEmpty())
        return false;
    // hashing first makes the comparison independent of the lengths
    const QByteArray a = QCryptographicHash::hash(m_token, QCryptographicHash::Sha256);
    const QByteArray b = QCryptographicHash::hash(presented, QCryptographicHash::Sha256);
    unsigned char diff = 0;
    for (int i = 0; i < a.size(); ++i)
        diff |= static_cast<unsigned char>(a[i] ^ b[i]);
    return diff == 0 && !presented.isEmpty();
}

} // namespace liyuan
