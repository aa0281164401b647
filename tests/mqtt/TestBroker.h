#pragma once
// Test helper: a real mosquitto broker on a free loopback port (dies with the test process).

#include <QElapsedTimer>
#include <QFile>
#include <QHostAddress>
#include <QProcess>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>

#include <signal.h>
#include <sys/prctl.h>
#include <unistd.h>

namespace liyuan_test {

inline QString findTool(const QString &name)
{
    QString p = QStandardPaths::findExecutable(name);
    if (p.isEmpty())
        p = QStandardPaths::findExecutable(name, {QStringLiteral("/usr/sbin"), QStringLiteral("/usr/local/sbin"),
                                                  QStringLiteral("/usr/bin"), QStringLiteral("/usr/local/bin")});
    return p;
}

inline quint16 freeLoopbackPort()
{
    QTcpServer s;
    if (!s.listen(QHostAddress::LocalHost, 0))
        return 0;
    const quint16 port = s.serverPort();
    s.close();
    return port;
}

// Guard: the broker process dies with this object (and with the test process, via PDEATHSIG).
// extraConfig is appended to the generated mosquitto.conf after the plain listener, so it can add
// options for that listener (cafile/certfile/keyfile…) and override earlier ones (the last
// allow_anonymous wins), e.g. "password_file /x\nallow_anonymous false\n".
class Broker
{
public:
    Broker(QString exe, quint16 port, QString extraConfig = {})
        : m_exe(std::move(exe)), m_port(port), m_extraConfig(std::move(extraConfig)) {}
    ~Broker() { stop(); }
    Broker(const Broker &) = delete;
    Broker &operator=(const Broker &) = delete;

    bool start(QString *error)
    {
        stop();
        const QString conf = m_dir.filePath(QStringLiteral("mosquitto.conf"));
        QFile f(conf);
        if (!m_dir.isValid() || !f.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
            *error = QStringLiteral("cannot write %1").arg(conf);
            return false;
        }
        f.write(QStringLiteral("listener %1 127.0.0.1\nallow_anonymous true\npersistence false\n"
                               "log_dest stderr\nlog_type error\nlog_type warning\nmax_queued_messages 0\n")
                    .arg(m_port).toUtf8());
        // as root mosquitto drops to user "mosquitto", and a change of user clears PDEATHSIG: a
        // crashed test would leave its broker behind. Staying root keeps "dies with the test".
        if (::geteuid() == 0)
            f.write("user root\n");
        if (!m_extraConfig.isEmpty())
            f.write(m_extraConfig.toUtf8() + '\n');
        f.close();
        m_proc = std::make_unique<QProcess>();
        m_proc->setProcessChannelMode(QProcess::ForwardedErrorChannel);
        m_proc->setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGKILL); });
        m_proc->start(m_exe, {QStringLiteral("-c"), conf});
        if (!m_proc->waitForStarted(5000)) {
            *error = QStringLiteral("mosquitto did not start: %1").arg(m_proc->errorString());
            return false;
        }
        QElapsedTimer t;
        t.start();
        while (t.elapsed() < 5000) { // ready when the port accepts connections
            QTcpSocket probe;
            probe.connectToHost(QHostAddress::LocalHost, m_port);
            if (probe.waitForConnected(200))
                return true;
            if (m_proc->state() != QProcess::Running)
                break;
            QTest::qWait(50);
        }
        *error = QStringLiteral("mosquitto is not listening on port %1 (exit code %2)").arg(m_port).arg(m_proc->exitCode());
        return false;
    }

    void stop()
    {
        if (m_proc && m_proc->state() != QProcess::NotRunning) {
            m_proc->kill();
            m_proc->waitForFinished(5000);
        }
        m_proc.reset();
    }

    bool running() const { return m_proc && m_proc->state() == QProcess::Running; }
    quint16 port() const { return m_port; }

private:
    QString m_exe;
    quint16 m_port;
    QString m_extraConfig;
    QTemporaryDir m_dir;
    std::unique_ptr<QProcess> m_proc;
};

} // namespace liyuan_test
