#pragma once
// A real liyuan-rtsp-server process for tests and benchmarks: started on a loopback port, waited
// for until it prints "READY <port>", killed or stopped on demand.

#include <QElapsedTimer>
#include <QFileInfo>
#include <QProcess>
#include <QProcessEnvironment>
#include <QStringList>
#include <QTcpServer>
#include <QThread>

#include <csignal>

namespace liyuan::test {

inline QString rtspServerBinary()
{
    return QStringLiteral(LIYUAN_BINARY_DIR "/plugins/rtsp/liyuan-rtsp-server");
}

/** A loopback port nobody listens on right now. */
inline quint16 freeLoopbackPort()
{
    QTcpServer s;
    s.listen(QHostAddress::LocalHost, 0);
    return s.serverPort();
}

class RtspServerProcess
{
public:
    ~RtspServerProcess() { stop(); }

    /** Starts the server with args (plus --port/--address); true once it printed READY. */
    bool start(const QStringList &args, quint16 port = 0, const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment(),
               int timeoutMs = 15000)
    {
        stop();
        m_process.setProcessEnvironment(env);
        m_process.setProcessChannelMode(QProcess::SeparateChannels);
        m_process.start(rtspServerBinary(), QStringList{QStringLiteral("--port"), QString::number(port),
                                                        QStringLiteral("--address"), QStringLiteral("127.0.0.1")}
                                                + args);
        if (!m_process.waitForStarted(timeoutMs))
            return false;
        QElapsedTimer t;
        t.start();
        QByteArray out;
        while (t.elapsed() < timeoutMs && m_process.state() == QProcess::Running) {
            m_process.waitForReadyRead(200);
            out += m_process.readAllStandardOutput();
            const int i = out.indexOf("READY ");
            if (i >= 0 && out.indexOf('\n', i) > i) {
                m_port = quint16(out.mid(i + 6, out.indexOf('\n', i) - i - 6).trimmed().toUInt());
                return m_port != 0;
            }
        }
        m_stderr = m_process.readAllStandardError();
        return false;
    }
    quint16 port() const { return m_port; }
    QString url(const QString &path) const { return QStringLiteral("rtsp://127.0.0.1:%1%2").arg(m_port).arg(path); }
    qint64 pid() const { return m_process.processId(); }
    QByteArray standardError() { return m_stderr + m_process.readAllStandardError(); }
    /** SIGKILL: the server vanishes without closing anything. */
    void kill()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.kill();
            m_process.waitForFinished(5000);
        }
    }
    /** SIGTERM and wait; the exit code (-1 when it did not end). */
    int stop()
    {
        if (m_process.state() == QProcess::NotRunning)
            return m_process.exitStatus() == QProcess::NormalExit ? m_process.exitCode() : -1;
        m_process.terminate();
        if (!m_process.waitForFinished(10000)) {
            m_process.kill();
            m_process.waitForFinished(5000);
            return -1;
        }
        return m_process.exitStatus() == QProcess::NormalExit ? m_process.exitCode() : -1;
    }

private:
    QProcess m_process;
    QByteArray m_stderr;
    quint16 m_port = 0;
};

} // namespace liyuan::test
