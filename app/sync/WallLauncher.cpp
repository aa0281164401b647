#include "WallLauncher.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QHostAddress>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QThread>

#include <csignal>
#include <sys/prctl.h>
#include <unistd.h>

namespace liyuan {

WallLauncher::WallLauncher(QObject *parent) : QObject(parent) {}

WallLauncher::~WallLauncher()
{
    stopAll();
}

bool WallLauncher::startBroker(QString *error)
{
    QString exe = QStandardPaths::findExecutable(QStringLiteral("mosquitto"));
    if (exe.isEmpty())
        exe = QStandardPaths::findExecutable(QStringLiteral("mosquitto"),
                                             {QStringLiteral("/usr/sbin"), QStringLiteral("/usr/local/sbin")});
    if (exe.isEmpty()) {
        *error = QStringLiteral("--wall without --lead starts a private MQTT broker, but 'mosquitto' is not installed "
                                "(Debian: apt install mosquitto); or give a broker with --lead tcp://HOST:1883");
        return false;
    }
    m_dir = std::make_unique<QTemporaryDir>(QDir::tempPath() + QStringLiteral("/liyuan-wall-XXXXXX"));
    if (!m_dir->isValid()) {
        *error = QStringLiteral("cannot create a temporary folder for the broker's configuration");
        return false;
    }
    for (int attempt = 0; attempt < 3; ++attempt) {
        quint16 port = 0;
        {
            QTcpServer probe;
            if (probe.listen(QHostAddress::LocalHost, 0))
                port = probe.serverPort();
        }
        if (!port) {
            *error = QStringLiteral("no free loopback port for the private broker");
            return false;
        }
        const QString conf = m_dir->filePath(QStringLiteral("mosquitto.conf"));
        QFile f(conf);
        if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
            *error = QStringLiteral("cannot write %1").arg(conf);
            return false;
        }
        f.write(QStringLiteral("listener %1 127.0.0.1\nallow_anonymous true\npersistence false\n"
                               "log_dest stderr\nlog_type error\nmax_queued_messages 1000\n").arg(port).toUtf8());
        if (::geteuid() == 0)
            f.write("user root\n"); // a change of user would clear PDEATHSIG
        f.close();
        m_broker = std::make_unique<QProcess>();
        m_broker->setProcessChannelMode(QProcess::ForwardedErrorChannel);
        m_broker->setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGKILL); });
        m_broker->start(exe, {QStringLiteral("-c"), conf});
        if (!m_broker->waitForStarted(5000)) {
            *error = QStringLiteral("mosquitto did not start: %1").arg(m_broker->errorString());
            return false;
        }
        QElapsedTimer t;
        t.start();
        while (t.elapsed() < 5000 && m_broker->state() == QProcess::Running) {
            QTcpSocket s;
            s.connectToHost(QHostAddress::LocalHost, port);
            if (s.waitForConnected(200)) {
                m_url = QStringLiteral("tcp://127.0.0.1:%1").arg(port);
                return true;
            }
            QThread::msleep(50);
        }
        m_broker->kill(); // the port was taken meanwhile: try another
        m_broker->waitForFinished(2000);
    }
    *error = QStringLiteral("the private mosquitto did not start listening on a loopback port");
    return false;
}

bool WallLauncher::start(const Spec &spec, QString *error)
{
    stopAll();
    m_url = spec.brokerUrl;
    if (m_url.isEmpty() && !startBroker(error))
        return false;
    for (const QString &screen : spec.screens) {
        QStringList args = spec.commonArgs;
        args << QStringLiteral("--wall") << spec.wallFile << QStringLiteral("--wall-screen") << screen
             << QStringLiteral("--follow") << m_url << QStringLiteral("--wall-id") << spec.wallId;
        if (!spec.stateDir.isEmpty())
            args << QStringLiteral("--state-json") << QDir(spec.stateDir).filePath(screen + QStringLiteral(".json"));
        if (!spec.logDir.isEmpty())
            args << QStringLiteral("--sync-log") << QDir(spec.logDir).filePath(screen + QStringLiteral(".log"));
        auto p = std::make_unique<QProcess>();
        p->setProcessChannelMode(QProcess::ForwardedChannels);
        p->setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGTERM); });
        p->start(spec.program, args);
        if (!p->waitForStarted(10000)) {
            *error = QStringLiteral("the follower for screen %1 did not start: %2").arg(screen, p->errorString());
            stopAll();
            return false;
        }
        m_followers.push_back(std::move(p));
    }
    return true;
}

void WallLauncher::stopAll()
{
    for (auto &p : m_followers)
        if (p->state() != QProcess::NotRunning)
            p->terminate();
    for (auto &p : m_followers)
        if (p->state() != QProcess::NotRunning && !p->waitForFinished(2000)) {
            p->kill();
            p->waitForFinished(2000);
        }
    m_followers.clear();
    if (m_broker && m_broker->state() != QProcess::NotRunning) {
        m_broker->terminate();
        if (!m_broker->waitForFinished(2000)) {
            m_broker->kill();
            m_broker->waitForFinished(2000);
        }
    }
    m_broker.reset();
    m_dir.reset();
}

} // namespace liyuan
