// CredentialStore through a real Secret Service: the test starts a private D-Bus session bus
// (dbus-daemon) and gnome-keyring-daemon on it (unlocked with a throw-away password, keyrings
// in the hermetic XDG_DATA_HOME), then writes, reads back and removes camera credentials.
// Without a Secret Service (a bus with no gnome-keyring, or no bus at all) the store answers
// with a clear error, without hanging: checked in child processes of this test.
#include "TestRequire.h"

#include <liyuan/cameras/CameraRegistry.h>
#include <liyuan/cameras/CredentialStore.h>

#include <QElapsedTimer>
#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include <csignal>
#include <cstdio>

using namespace liyuan;
using namespace liyuan::cameras;

namespace {

const char kBusConfig[] = R"(<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:dir=%1</listen>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
)";

/** A private session bus (no service activation: nothing starts by itself on it). */
struct Bus
{
    QProcess daemon;
    QString address;
    bool start(const QString &dir, QString *error)
    {
        QFile conf(dir + QStringLiteral("/bus.conf"));
        if (!conf.open(QIODevice::WriteOnly)) {
            *error = conf.errorString();
            return false;
        }
        conf.write(QString::fromLatin1(kBusConfig).arg(dir).toUtf8());
        conf.close();
        daemon.start(QStringLiteral("dbus-daemon"), {QStringLiteral("--config-file=") + conf.fileName(), QStringLiteral("--nofork"),
                                                     QStringLiteral("--print-address=1")});
        if (!daemon.waitForStarted(5000)) {
            *error = daemon.errorString();
            return false;
        }
        QElapsedTimer t;
        t.start();
        while (!daemon.canReadLine() && t.elapsed() < 5000)
            daemon.waitForReadyRead(100);
        address = QString::fromUtf8(daemon.readLine()).trimmed();
        if (address.isEmpty()) {
            *error = QStringLiteral("dbus-daemon printed no address: %1").arg(QString::fromUtf8(daemon.readAllStandardError()));
            return false;
        }
        return true;
    }
    ~Bus()
    {
        if (daemon.state() != QProcess::NotRunning) {
            daemon.terminate();
            if (!daemon.waitForFinished(3000))
                daemon.kill();
            daemon.waitForFinished(1000);
        }
    }
};

bool serviceOnBus(const QString &address, const QString &name)
{
    QProcess p;
    p.start(QStringLiteral("dbus-send"), {QStringLiteral("--bus=") + address, QStringLiteral("--print-reply"),
                                          QStringLiteral("--dest=org.freedesktop.DBus"), QStringLiteral("/org/freedesktop/DBus"),
                                          QStringLiteral("org.freedesktop.DBus.ListNames")});
    p.waitForFinished(5000);
    return QString::fromUtf8(p.readAllStandardOutput()).contains(QStringLiteral("\"%1\"").arg(name));
}

/** Child mode: one write through a CredentialStore, result on stdout as "ok|error". */
int childMain(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    CredentialStore store;
    store.setTimeoutMs(qEnvironmentVariableIntValue("LIYUAN_CREDSTORE_TIMEOUT_MS"));
    int rc = 3;
    QObject::connect(&store, &CredentialStore::writeFinished, &app, [&](const QString &, bool ok, const QString &error) {
        std::printf("%s|%s\n", ok ? "ok" : "failed", qPrintable(error));
        std::fflush(stdout);
        rc = ok ? 0 : 1;
        app.quit();
    });
    store.write(QStringLiteral("child"), QStringLiteral("operator"), QStringLiteral("Sup3rS3cret"));
    app.exec();
    return rc;
}

} // namespace

class TstCredentialStore : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase()
    {
        LIYUAN_REQUIRE(!QStandardPaths::findExecutable(QStringLiteral("dbus-daemon")).isEmpty(), "dbus-daemon (package dbus) is not installed");
        LIYUAN_REQUIRE(!QStandardPaths::findExecutable(QStringLiteral("dbus-send")).isEmpty(), "dbus-send (package dbus) is not installed");
        LIYUAN_REQUIRE(!QStandardPaths::findExecutable(QStringLiteral("gnome-keyring-daemon")).isEmpty(),
                       "gnome-keyring-daemon (package gnome-keyring) is not installed");
        QVERIFY(m_dir.isValid());
        QString error;
        QVERIFY2(m_bus.start(m_dir.path(), &error), qPrintable(error));
        // everything below (QtKeychain, libsecret) talks to this bus only
        qputenv("DBUS_SESSION_BUS_ADDRESS", m_bus.address.toUtf8());
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"), m_bus.address);
        m_keyring.setProcessEnvironment(env);
        m_keyring.start(QStringLiteral("gnome-keyring-daemon"),
                        {QStringLiteral("--foreground"), QStringLiteral("--unlock"), QStringLiteral("--components=secrets")});
        QVERIFY2(m_keyring.waitForStarted(5000), qPrintable(m_keyring.errorString()));
        m_keyring.write("test-keyring-password");
        m_keyring.closeWriteChannel();
        QElapsedTimer t;
        t.start();
        while (!serviceOnBus(m_bus.address, QStringLiteral("org.freedesktop.secrets")) && t.elapsed() < 10000)
            QTest::qWait(100);
        QVERIFY2(serviceOnBus(m_bus.address, QStringLiteral("org.freedesktop.secrets")),
                 qPrintable(QStringLiteral("gnome-keyring did not register org.freedesktop.secrets: %1")
                                    .arg(QString::fromUtf8(m_keyring.readAllStandardError()))));
    }
    void cleanupTestCase()
    {
        if (m_keyring.state() != QProcess::NotRunning) {
            m_keyring.terminate();
            if (!m_keyring.waitForFinished(3000))
                m_keyring.kill();
            m_keyring.waitForFinished(1000);
        }
    }

    void writeReadRemove_data()
    {
        QTest::addColumn<QString>("ref");
        QTest::addColumn<QString>("user");
        QTest::addColumn<QString>("password");
        QTest::newRow("plain") << "district-police" << "operator" << "Sup3rS3cret";
        QTest::newRow("unicode and quotes") << "schools/north:gate" << "管理员" << "p\"a\\ss {json} 密码";
        QTest::newRow("empty user") << "anon" << "" << "only-a-password";
    }
    void writeReadRemove()
    {
        QFETCH(QString, ref);
        QFETCH(QString, user);
        QFETCH(QString, password);
        CredentialStore store;
        QSignalSpy written(&store, &CredentialStore::writeFinished);
        QSignalSpy read(&store, &CredentialStore::readFinished);
        QSignalSpy removed(&store, &CredentialStore::removeFinished);
        store.write(ref, user, password);
        QVERIFY(written.wait(15000));
        QCOMPARE(written.first().at(0).toString(), ref);
        QVERIFY2(written.first().at(1).toBool(), qPrintable(written.first().at(2).toString()));

        // a second store (as after a restart) reads it back
        CredentialStore other;
        QSignalSpy read2(&other, &CredentialStore::readFinished);
        other.read(ref);
        QVERIFY(read2.wait(15000));
        QVERIFY2(read2.first().at(1).toBool(), qPrintable(read2.first().at(4).toString()));
        QCOMPARE(read2.first().at(2).toString(), user);
        QCOMPARE(read2.first().at(3).toString(), password);

        // it is in the Secret Service under service "Liyuan", key "camera/<ref>"
        QProcess lookup;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"), m_bus.address);
        lookup.setProcessEnvironment(env);
        if (!QStandardPaths::findExecutable(QStringLiteral("secret-tool")).isEmpty()) {
            lookup.start(QStringLiteral("secret-tool"), {QStringLiteral("search"), QStringLiteral("server"), QStringLiteral("Liyuan"),
                                                         QStringLiteral("user"), CredentialStore::keyFor(ref)});
            QVERIFY(lookup.waitForFinished(10000));
            const QString out = QString::fromUtf8(lookup.readAllStandardOutput() + lookup.readAllStandardError());
            QVERIFY2(out.contains(CredentialStore::keyFor(ref)), qPrintable(out));
        }

        // replace
        store.write(ref, user, password + QStringLiteral("-2"));
        QVERIFY(written.wait(15000));
        QVERIFY(written.at(1).at(1).toBool());
        store.read(ref);
        QVERIFY(read.wait(15000));
        QCOMPARE(read.first().at(3).toString(), password + QStringLiteral("-2"));

        store.remove(ref);
        QVERIFY(removed.wait(15000));
        QVERIFY2(removed.first().at(1).toBool(), qPrintable(removed.first().at(2).toString()));
        store.read(ref);
        QVERIFY(read.wait(15000));
        QVERIFY(!read.at(1).at(1).toBool());
        const QString error = read.at(1).at(4).toString();
        QVERIFY2(error.contains(QStringLiteral("no credentials are stored under \"camera/%1\"").arg(ref)), qPrintable(error));
        // removing what is not there is fine
        store.remove(ref);
        QVERIFY(removed.wait(15000));
        QVERIFY(removed.at(1).at(1).toBool());
    }

    void badReference_data()
    {
        QTest::addColumn<QString>("ref");
        QTest::addColumn<QString>("problem");
        QTest::newRow("empty") << "" << "is empty";
        QTest::newRow("space") << "a b" << "holds ' '";
        QTest::newRow("newline") << "a\nb" << "U+000a";
        QTest::newRow("too long") << QString(500, QLatin1Char('r')) << "longer than 200";
    }
    void badReference()
    {
        QFETCH(QString, ref);
        QFETCH(QString, problem);
        CredentialStore store;
        QSignalSpy read(&store, &CredentialStore::readFinished);
        QSignalSpy written(&store, &CredentialStore::writeFinished);
        store.read(ref);
        QCOMPARE(read.size(), 0); // queued, never synchronous
        QVERIFY(read.wait(2000));
        QVERIFY(!read.first().at(1).toBool());
        QVERIFY2(read.first().at(4).toString().contains(problem), qPrintable(read.first().at(4).toString()));
        store.write(ref, QStringLiteral("u"), QStringLiteral("Sup3rS3cret"));
        QVERIFY(written.wait(2000));
        QVERIFY(!written.first().at(1).toBool());
        QVERIFY(!written.first().at(2).toString().contains(QLatin1String("Sup3rS3cret")));
    }

    void credentialsNeverInTheRegistryFile()
    {
        // the registry names the reference; saving it never writes what the keychain holds
        CredentialStore store;
        QSignalSpy written(&store, &CredentialStore::writeFinished);
        store.write(QStringLiteral("saved-ref"), QStringLiteral("operator"), QStringLiteral("Sup3rS3cret"));
        QVERIFY(written.wait(15000));
        QVERIFY(written.first().at(1).toBool());
        CameraRecord r;
        r.id = QStringLiteral("c1");
        r.heading = 0;
        r.mainUrl = QStringLiteral("rtsp://10.0.0.5/main");
        r.credentialRef = QStringLiteral("saved-ref");
        QString error;
        const CameraRegistry reg = CameraRegistry::fromRecords({r}, QStringLiteral("EPSG:4549"), &error);
        QVERIFY2(reg.isValid(), qPrintable(error));
        const QString path = m_dir.filePath(QStringLiteral("saved.json"));
        QVERIFY(reg.saveJson(path, &error));
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray saved = f.readAll();
        QVERIFY(saved.contains("\"credentials\": \"saved-ref\""));
        QVERIFY(!saved.contains("Sup3rS3cret"));
        QVERIFY(!saved.contains("operator"));
    }

    void noSecretService_data()
    {
        QTest::addColumn<bool>("withBus");
        QTest::newRow("a session bus without a Secret Service") << true;
        QTest::newRow("no session bus at all") << false;
    }
    void noSecretService()
    {
        QFETCH(bool, withBus);
        QTemporaryDir dir;
        Bus empty;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        if (withBus) {
            QString error;
            QVERIFY2(empty.start(dir.path(), &error), qPrintable(error));
            env.insert(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"), empty.address);
        } else {
            env.insert(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"), QStringLiteral("unix:path=%1/no-such-bus").arg(dir.path()));
        }
        env.insert(QStringLiteral("LIYUAN_CREDSTORE_CHILD"), QStringLiteral("1"));
        env.insert(QStringLiteral("LIYUAN_CREDSTORE_TIMEOUT_MS"), QStringLiteral("4000"));
        QProcess child;
        child.setProcessEnvironment(env);
        QElapsedTimer t;
        t.start();
        child.start(QCoreApplication::applicationFilePath(), {});
        QVERIFY(child.waitForFinished(30000));
        const qint64 ms = t.elapsed();
        const QString out = QString::fromUtf8(child.readAllStandardOutput()).trimmed();
        const QString err = QString::fromUtf8(child.readAllStandardError());
        qInfo("%s: %lld ms: %s", withBus ? "bus without secrets" : "no bus", ms, qPrintable(out));
        QCOMPARE(child.exitCode(), 1);
        QVERIFY2(out.startsWith(QStringLiteral("failed|")), qPrintable(out + err));
        QVERIFY2(out.contains(QStringLiteral("Secret Service")), qPrintable(out));
        QVERIFY2(!out.contains(QLatin1String("Sup3rS3cret")) && !err.contains(QLatin1String("Sup3rS3cret")), qPrintable(out + err));
        QVERIFY2(ms < 15000, "no Secret Service must give an answer, not a hang");
    }

private:
    QTemporaryDir m_dir;
    Bus m_bus;
    QProcess m_keyring;
};

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsSet("LIYUAN_CREDSTORE_CHILD"))
        return childMain(argc, argv);
    QCoreApplication app(argc, argv);
    TstCredentialStore t;
    return QTest::qExec(&t, argc, argv);
}

#include "tst_credentialstore.moc"
