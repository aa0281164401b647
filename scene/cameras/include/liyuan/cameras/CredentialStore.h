#pragma once
#include <QObject>
#include <QString>

#include <memory>

namespace liyuan::cameras {

/**
 * Camera user names and passwords in the system keychain (QtKeychain: the Secret Service on
 * Linux — gnome-keyring, KWallet), never in a file: service "Liyuan", key "camera/<ref>",
 * the secret a small JSON {"user": …, "password": …}. A registry record holds only <ref>.
 *
 * Asynchronous: each call starts a keychain job and returns; the matching *Finished signal
 * follows on this object's thread (also for an invalid reference, queued). A job that has
 * not answered after timeoutMs (no Secret Service that answers, a locked keychain waiting
 * for a prompt) finishes with ok = false and a clear error; errors never hold the password.
 * QtKeychain runs its jobs one after another: a job that timed out may still delay the next
 * ones until the keychain answers it. Lives on the GUI thread (or any thread with an event loop).
 */
class CredentialStore : public QObject
{
    Q_OBJECT
public:
    explicit CredentialStore(QObject *parent = nullptr);
    ~CredentialStore() override;

    /** The keychain service name all entries use. */
    static QString serviceName();
    /** The key of a reference ("camera/<ref>"). */
    static QString keyFor(const QString &ref);

    /** Longest wait for one keychain job (default 10 s). */
    int timeoutMs() const;
    void setTimeoutMs(int ms);

    /** Reads ref's user and password; readFinished follows. */
    void read(const QString &ref);
    /** Stores (replaces) ref's user and password; writeFinished follows. */
    void write(const QString &ref, const QString &user, const QString &password);
    /** Deletes ref's entry (absent counts as done); removeFinished follows. */
    void remove(const QString &ref);

Q_SIGNALS:
    void readFinished(const QString &ref, bool ok, const QString &user, const QString &password, const QString &error);
    void writeFinished(const QString &ref, bool ok, const QString &error);
    void removeFinished(const QString &ref, bool ok, const QString &error);

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace liyuan::cameras
