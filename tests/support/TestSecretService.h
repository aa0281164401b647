#pragma once
// A real Secret Service for tests: a private D-Bus session bus (dbus-daemon, no service
// activation) and gnome-keyring-daemon on it, unlocked with a throw-away password, keyrings in
// the test's hermetic XDG_DATA_HOME. The test process talks to that bus only (start() sets
// DBUS_SESSION_BUS_ADDRESS); exportTo() hands it to child processes (the app).

#include <liyuan/cameras/CredentialStore.h>

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QProcess>
#include <QProcessEnvironment>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QThread>
#include <QTimer>

namespace liyuan::test {

class SecretService
{
public:
    ~SecretService() { stop(); }

    /** Starts bus + keyring; false with *why (a missing tool, a daemon that did not come up). */
    bool start(QString *why)
    {
        for (const char *tool : {"dbus-daemon", "dbus-send", "gnome-keyring-daemon"})
            if (QStandardPaths::findExecutable(QString::fromLatin1(tool)).isEmpty()) {
                *why = QStringLiteral("%1 is not installed (packages dbus, gnome-keyring)").arg(QLatin1String(tool));
                return false;
            }
        if (!m_dir.isValid()) {
            *why = QStringLiteral("no temporary folder for the bus");
            return false;
        }
        QFile conf(m_dir.filePath(QStringLiteral("bus.conf")));
        if (!conf.open(QIODevice::WriteOnly)) {
            *why = conf.errorString();
            return false;
        }
        conf.write(QStringLiteral("<!DOCTYPE busconfig PUBLIC \"-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN\" "
                                  "\"http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd\">\n"
                                  "<busconfig><type>session</type><listen>unix:dir=%1</listen>"
                                  "<policy context=\"default\"><allow send_destination=\"*\" eavesdrop=\"true\"/>"
                                  "<allow eavesdrop=\"true\"/><allow own=\"*\"/></policy></busconfig>\n")
                           .arg(m_dir.path())
                           .toUtf8());
        conf.close();
        m_bus.start(QStringLiteral("dbus-daemon"), {QStringLiteral("--config-file=") + conf.fileName(), QStringLiteral("--nofork"),
                                                    QStringLiteral("--print-address=1")});
        if (!m_bus.waitForStarted(5000)) {
            *why = m_bus.errorString();
            return false;
        }
        QElapsedTimer t;
        t.start();
        while (!m_bus.canReadLine() && t.elapsed() < 5000)
            m_bus.waitForReadyRead(100);
        m_address = QString::fromUtf8(m_bus.readLine()).trimmed();
        if (m_address.isEmpty()) {
            *why = QStringLiteral("dbus-daemon printed no address");
            return false;
        }
        qputenv("DBUS_SESSION_BUS_ADDRESS", m_address.toUtf8());
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"), m_address);
        m_keyring.setProcessEnvironment(env);
        m_keyring.start(QStringLiteral("gnome-keyring-daemon"),
                        {QStringLiteral("--foreground"), QStringLiteral("--unlock"), QStringLiteral("--components=secrets")});
        if (!m_keyring.waitForStarted(5000)) {
            *why = m_keyring.errorString();
            return false;
        }
        m_keyring.write("test-keyring-password");
        m_keyring.waitForBytesWritten(5000); // QProcess writes from the event loop otherwise
        m_keyring.closeWriteChannel();
        t.restart();
        while (!hasService() && t.elapsed() < 10000) {
            QCoreApplication::processEvents();
            QThread::msleep(100);
        }
        if (!hasService()) {
            *why = QStringLiteral("gnome-keyring did not register org.freedesktop.secrets: %1")
                           .arg(QString::fromUtf8(m_keyring.readAllStandardError()));
            return false;
        }
        return true;
    }

    /** Stores credentials under a camera reference through the app's CredentialStore. */
    bool store(const QString &ref, const QString &user, const QString &password, QString *why)
    {
        cameras::CredentialStore s;
        bool done = false, ok = false;
        QEventLoop loop;
        QObject::connect(&s, &cameras::CredentialStore::writeFinished, &loop, [&](const QString &, bool good, const QString &error) {
            done = true;
            ok = good;
            *why = error;
            loop.quit();
        });
        QTimer::singleShot(20000, &loop, &QEventLoop::quit);
        s.write(ref, user, password);
        if (!done)
            loop.exec();
        if (!done)
            *why = QStringLiteral("the keychain did not answer");
        return ok;
    }

    QString address() const { return m_address; }
    void exportTo(QProcessEnvironment *env) const { env->insert(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"), m_address); }

    void stop()
    {
        for (QProcess *p : {&m_keyring, &m_bus})
            if (p->state() != QProcess::NotRunning) {
                p->terminate();
                if (!p->waitForFinished(3000))
                    p->kill();
                p->waitForFinished(1000);
            }
    }

private:
    bool hasService() const
    {
        QProcess p;
        p.start(QStringLiteral("dbus-send"), {QStringLiteral("--bus=") + m_address, QStringLiteral("--print-reply"),
                                              QStringLiteral("--dest=org.freedesktop.DBus"), QStringLiteral("/org/freedesktop/DBus"),
                                              QStringLiteral("org.freedesktop.DBus.ListNames")});
        p.waitForFinished(5000);
        return QString::fromUtf8(p.readAllStandardOutput()).contains(QStringLiteral("\"org.freedesktop.secrets\""));
    }

    QTemporaryDir m_dir;
    QProcess m_bus;
    QProcess m_keyring;
    QString m_address;
};

} // namespace liyuan::test
