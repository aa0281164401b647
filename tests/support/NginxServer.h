#pragma once
// A real nginx for tests: started on a free loopback port with its config, logs, pid and temp
// files inside a test-owned folder (nginx -p DIR -c DIR/nginx.conf -g 'daemon off;'), stopped
// (by its own process id) when the object dies. extraLocations adds `location` blocks, e.g.
// "location = /err/500.osgb { return 500; }". serve() is the usual set-up: links to shared data.
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QPair>
#include <QProcess>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QThread>

#include <unistd.h>

namespace liyuan::test {

class NginxServer
{
public:
    ~NginxServer() { stop(); }

    static QString binary()
    {
        for (const QString &p : {QStringLiteral("/usr/sbin/nginx"), QStringLiteral("/usr/local/sbin/nginx")})
            if (QFile::exists(p))
                return p;
        return QStandardPaths::findExecutable(QStringLiteral("nginx"));
    }

    /** Starts nginx serving `root` in `dir`; false and *error when it did not come up. */
    bool start(const QString &dir, const QString &root, const QString &extraLocations = {}, QString *error = nullptr,
               const QString &serverExtra = {})
    {
        m_dir = dir;
        QDir().mkpath(dir + QStringLiteral("/logs"));
        QDir().mkpath(dir + QStringLiteral("/tmp"));
        for (int attempt = 0; attempt < 5; ++attempt) {
            {
                QTcpServer probe;
                if (!probe.listen(QHostAddress::LocalHost, 0))
                    continue;
                m_port = probe.serverPort();
            }
            QFile conf(dir + QStringLiteral("/nginx.conf"));
            if (!conf.open(QIODevice::WriteOnly | QIODevice::Truncate))
                return false;
            conf.write(QStringLiteral(
                    "%6"
                    "worker_processes 1;\n"
                    "error_log %1/logs/error.log warn;\n"
                    "pid %1/logs/nginx.pid;\n"
                    "events { worker_connections 256; }\n"
                    "http {\n"
                    "  access_log %1/logs/access.log;\n"
                    "  client_body_temp_path %1/tmp/body; proxy_temp_path %1/tmp/proxy; fastcgi_temp_path %1/tmp/fcgi;\n"
                    "  uwsgi_temp_path %1/tmp/uwsgi; scgi_temp_path %1/tmp/scgi;\n"
                    "  types { application/xml xml; application/octet-stream osgb; }\n"
                    "  server {\n"
                    "    listen 127.0.0.1:%2;\n"
                    "    root %3;\n"
                    "    location / { autoindex on; }\n"
                    "    %4\n"
                    "    %5\n"
                    "  }\n"
                    "}\n")
                               .arg(dir)
                               .arg(m_port)
                               .arg(root, extraLocations, serverExtra,
                                    // as root, nginx's workers would run as nobody and not read the test's 0700 folders
                                    ::geteuid() == 0 ? QStringLiteral("user root;\n") : QString())
                               .toUtf8());
            conf.close();
            m_process = std::make_unique<QProcess>();
            m_process->setProcessChannelMode(QProcess::MergedChannels);
            m_process->start(binary(), {QStringLiteral("-p"), dir, QStringLiteral("-c"), dir + QStringLiteral("/nginx.conf"),
                                        QStringLiteral("-g"), QStringLiteral("daemon off;")});
            if (!m_process->waitForStarted(5000)) {
                if (error)
                    *error = QStringLiteral("nginx did not start: %1").arg(m_process->errorString());
                return false;
            }
            for (int i = 0; i < 100; ++i) { // up to 5 s for the port to answer
                QTcpSocket s;
                s.connectToHost(QHostAddress::LocalHost, m_port);
                if (s.waitForConnected(50))
                    return true;
                if (m_process->state() != QProcess::Running)
                    break;
                QThread::msleep(50);
            }
            const QString out = QString::fromLocal8Bit(m_process->readAll());
            stop();
            if (error)
                *error = QStringLiteral("nginx did not listen on %1: %2").arg(m_port).arg(out);
        }
        return false;
    }

    /**
     * The common set-up: makes dir/www holding a link per (name, target) — a shared data folder
     * served at /name/ — and starts nginx on it with its files in dir/nginx. root() is dir/www
     * (a test may write more files there, before or after).
     */
    bool serve(const QString &dir, const QList<QPair<QString, QString>> &links, QString *error = nullptr,
               const QString &extraLocations = {})
    {
        const QString www = dir + QStringLiteral("/www");
        QDir().mkpath(www);
        for (const auto &[name, target] : links) {
            const QString link = www + QLatin1Char('/') + name;
            QDir().mkpath(QFileInfo(link).absolutePath());
            if (!QFileInfo(link).isSymLink() && !QFile::link(target, link)) {
                if (error)
                    *error = QStringLiteral("cannot link %1 to %2").arg(link, target);
                return false;
            }
        }
        m_root = www;
        return start(dir + QStringLiteral("/nginx"), www, extraLocations, error);
    }
    /** The folder serve() serves. */
    QString root() const { return m_root; }

    void stop()
    {
        if (m_process && m_process->state() != QProcess::NotRunning) {
            m_process->terminate(); // SIGTERM to our nginx master (by its pid), which stops its worker
            if (!m_process->waitForFinished(5000)) {
                m_process->kill();
                m_process->waitForFinished(2000);
            }
        }
        m_process.reset();
    }

    quint16 port() const { return m_port; }
    QString url(const QString &path = {}) const { return QStringLiteral("http://127.0.0.1:%1/%2").arg(m_port).arg(path); }
    /** Lines of the access log so far (one per request). */
    QStringList accessLog() const
    {
        QFile f(m_dir + QStringLiteral("/logs/access.log"));
        if (!f.open(QIODevice::ReadOnly))
            return {};
        return QString::fromUtf8(f.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    }
    /** Requests for paths containing `part`. */
    int requestsFor(const QString &part) const
    {
        int n = 0;
        for (const QString &l : accessLog())
            n += l.contains(part) ? 1 : 0;
        return n;
    }

private:
    QString m_dir;
    QString m_root;
    quint16 m_port = 0;
    std::unique_ptr<QProcess> m_process;
};

} // namespace liyuan::test
