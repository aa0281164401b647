#include <liyuan/cameras/CredentialStore.h>

#include "CameraRegistryReader.h"

#include <qt6keychain/keychain.h>

#include <QJsonDocument>
#include <QJsonObject>
#include <QPointer>
#include <QTimer>

#include <memory>

namespace liyuan::cameras {

struct CredentialStore::Private
{
    int timeoutMs = 10000;
};

namespace {

/** The user-facing text of a keychain failure (never includes the secret). */
QString errorText(QKeychain::Error code, const QString &detail, const QString &key)
{
    const QString why = detail.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(detail);
    const bool noService = detail.contains(QLatin1String("org.freedesktop.secrets"), Qt::CaseInsensitive)
            || detail.contains(QLatin1String("ServiceUnknown"), Qt::CaseInsensitive)
            || detail.contains(QLatin1String("secret service"), Qt::CaseInsensitive)
            || detail.contains(QLatin1String("D-Bus"), Qt::CaseInsensitive) || detail.contains(QLatin1String("DBus"), Qt::CaseInsensitive);
    const bool noBus = detail.contains(QLatin1String("Could not connect"), Qt::CaseInsensitive)
            || detail.contains(QLatin1String("DBUS_SESSION_BUS_ADDRESS")) || detail.contains(QLatin1String("autolaunch"), Qt::CaseInsensitive)
            || detail.contains(QLatin1String("dbus-launch"), Qt::CaseInsensitive);
    if (noBus && code != QKeychain::EntryNotFound)
        return QStringLiteral("no keychain is available: the session D-Bus cannot be reached, so no Secret Service "
                              "(gnome-keyring, KWallet) can answer%1")
                .arg(why);
    switch (code) {
    case QKeychain::NoError:
        return {};
    case QKeychain::EntryNotFound:
        return QStringLiteral("no credentials are stored under \"%1\" in the keychain").arg(key);
    case QKeychain::CouldNotDeleteEntry:
        return QStringLiteral("the keychain could not delete \"%1\"%2").arg(key, why);
    case QKeychain::AccessDeniedByUser:
        return QStringLiteral("access to the keychain was refused (declined, or the keychain is locked)%1").arg(why);
    case QKeychain::AccessDenied:
        return QStringLiteral("access to the keychain was denied%1").arg(why);
    case QKeychain::NoBackendAvailable:
        return QStringLiteral("no keychain is available: no Secret Service (gnome-keyring, KWallet) answers on the "
                              "session D-Bus%1")
                .arg(why);
    case QKeychain::NotImplemented:
        return QStringLiteral("the keychain does not support this on this system%1").arg(why);
    case QKeychain::OtherError:
        break;
    }
    if (noService)
        return QStringLiteral("no keychain is available: no Secret Service (gnome-keyring, KWallet) answers on the "
                              "session D-Bus%1")
                .arg(why);
    return QStringLiteral("keychain error%1").arg(why.isEmpty() ? QStringLiteral(" (unknown)") : why);
}

QString timeoutText(int ms)
{
    return QStringLiteral("the keychain did not answer within %1 s: is a Secret Service (gnome-keyring, KWallet) running "
                          "and unlocked on the session D-Bus?")
            .arg(ms / 1000.0, 0, 'g', 3);
}

/**
 * Starts job with a watchdog: done(job) runs once when the job finishes, timedOut() once
 * when it has not after ms; whichever comes first wins.
 */
template<typename Done, typename TimedOut>
void startWithTimeout(QObject *owner, QKeychain::Job *job, int ms, Done done, TimedOut timedOut)
{
    auto finished = std::make_shared<bool>(false);
    QObject::connect(job, &QKeychain::Job::finished, owner, [finished, done](QKeychain::Job *j) {
        if (*finished)
            return;
        *finished = true;
        done(j);
    });
    QTimer::singleShot(ms, owner, [finished, timedOut]() {
        if (*finished)
            return;
        *finished = true;
        timedOut();
    });
    job->start();
}

} // namespace

CredentialStore::CredentialStore(QObject *parent) : QObject(parent), d(std::make_unique<Private>())
{
}

CredentialStore::~CredentialStore() = default;

QString CredentialStore::serviceName()
{
    return QStringLiteral("Liyuan");
}

QString CredentialStore::keyFor(const QString &ref)
{
    return QStringLiteral("camera/") + ref;
}

int CredentialStore::timeoutMs() const
{
    return d->timeoutMs;
}

void CredentialStore::setTimeoutMs(int ms)
{
    d->timeoutMs = std::max(1, ms);
}

void CredentialStore::read(const QString &ref)
{
    const QString problem = CameraRegistryReader::credentialRefProblem(ref);
    if (!problem.isEmpty()) {
        QMetaObject::invokeMethod(this, [this, ref, problem] {
            Q_EMIT readFinished(ref, false, {}, {}, QStringLiteral("the credentials reference %1").arg(problem));
        }, Qt::QueuedConnection);
        return;
    }
    auto *job = new QKeychain::ReadPasswordJob(serviceName(), this);
    job->setAutoDelete(true);
    job->setInsecureFallback(false);
    job->setKey(keyFor(ref));
    const QString key = keyFor(ref);
    startWithTimeout(
        this, job, d->timeoutMs,
        [this, ref, key](QKeychain::Job *j) {
            if (j->error() != QKeychain::NoError) {
                Q_EMIT readFinished(ref, false, {}, {}, errorText(j->error(), j->errorString(), key));
                return;
            }
            const QString secret = static_cast<QKeychain::ReadPasswordJob *>(j)->textData();
            const QJsonDocument doc = QJsonDocument::fromJson(secret.toUtf8());
            if (doc.isObject()) {
                const QJsonObject o = doc.object();
                Q_EMIT readFinished(ref, true, o.value(QLatin1String("user")).toString(),
                                    o.value(QLatin1String("password")).toString(), {});
            } else {
                // an entry made by another tool: the whole secret is the password
                Q_EMIT readFinished(ref, true, {}, secret, {});
            }
        },
        [this, ref, ms = d->timeoutMs] { Q_EMIT readFinished(ref, false, {}, {}, timeoutText(ms)); });
}

void CredentialStore::write(const QString &ref, const QString &user, const QString &password)
{
    const QString problem = CameraRegistryReader::credentialRefProblem(ref);
    if (!problem.isEmpty()) {
        QMetaObject::invokeMethod(this, [this, ref, problem] {
            Q_EMIT writeFinished(ref, false, QStringLiteral("the credentials reference %1").arg(problem));
        }, Qt::QueuedConnection);
        return;
    }
    auto *job = new QKeychain::WritePasswordJob(serviceName(), this);
    job->setAutoDelete(true);
    job->setInsecureFallback(false);
    job->setKey(keyFor(ref));
    job->setTextData(QString::fromUtf8(QJsonDocument(QJsonObject{{QStringLiteral("user"), user},
                                                                 {QStringLiteral("password"), password}})
                                           .toJson(QJsonDocument::Compact)));
    const QString key = keyFor(ref);
    startWithTimeout(
        this, job, d->timeoutMs,
        [this, ref, key](QKeychain::Job *j) {
            const bool ok = j->error() == QKeychain::NoError;
            Q_EMIT writeFinished(ref, ok, ok ? QString() : errorText(j->error(), j->errorString(), key));
        },
        [this, ref, ms = d->timeoutMs] { Q_EMIT writeFinished(ref, false, timeoutText(ms)); });
}

void CredentialStore::remove(const QString &ref)
{
    const QString problem = CameraRegistryReader::credentialRefProblem(ref);
    if (!problem.isEmpty()) {
        QMetaObject::invokeMethod(this, [this, ref, problem] {
            Q_EMIT removeFinished(ref, false, QStringLiteral("the credentials reference %1").arg(problem));
        }, Qt::QueuedConnection);
        return;
    }
    auto *job = new QKeychain::DeletePasswordJob(serviceName(), this);
    job->setAutoDelete(true);
    job->setInsecureFallback(false);
    job->setKey(keyFor(ref));
    const QString key = keyFor(ref);
    startWithTimeout(
        this, job, d->timeoutMs,
        [this, ref, key](QKeychain::Job *j) {
            const bool ok = j->error() == QKeychain::NoError || j->error() == QKeychain::EntryNotFound;
            Q_EMIT removeFinished(ref, ok, ok ? QString() : errorText(j->error(), j->errorString(), key));
        },
        [this, ref, ms = d->timeoutMs] { Q_EMIT removeFinished(ref, false, timeoutText(ms)); });
}

} // namespace liyuan::cameras
