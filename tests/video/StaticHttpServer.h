#pragma once
// A minimal HTTP/1.1 file server on a free loopback port for tests (GET/HEAD of files in one folder,
// byte ranges, Connection: close), enough for GStreamer's souphttpsrc and hlsdemux.

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QTcpServer>
#include <QTcpSocket>

namespace liyuan::test {

class StaticHttpServer : public QObject
{
public:
    explicit StaticHttpServer(const QString &root) : m_root(root)
    {
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *s = m_server.nextPendingConnection()) {
                connect(s, &QTcpSocket::readyRead, this, [this, s] { serve(s); });
                connect(s, &QTcpSocket::disconnected, s, &QObject::deleteLater);
            }
        });
    }
    bool listen() { return m_server.listen(QHostAddress::LocalHost, 0); }
    QString url(const QString &file) const { return QStringLiteral("http://127.0.0.1:%1/%2").arg(m_server.serverPort()).arg(file); }
    int requests() const { return m_requests; }

private:
    void serve(QTcpSocket *s)
    {
        QByteArray &buf = m_buffers[s];
        buf += s->readAll();
        const int end = buf.indexOf("\r\n\r\n");
        if (end < 0)
            return;
        const QByteArray head = buf.left(end);
        m_buffers.remove(s);
        ++m_requests;
        const QList<QByteArray> lines = head.split('\n');
        const QList<QByteArray> request = lines.value(0).trimmed().split(' ');
        const QByteArray method = request.value(0);
        const QString name = QString::fromUtf8(QByteArray::fromPercentEncoding(request.value(1))).section(QLatin1Char('?'), 0, 0);
        QFile f(QDir(m_root).filePath(name.mid(1)));
        if (name.contains(QLatin1String("..")) || !f.open(QIODevice::ReadOnly)) {
            s->write("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
            s->disconnectFromHost();
            return;
        }
        const QByteArray data = f.readAll();
        qint64 from = 0, to = data.size() - 1;
        bool partial = false;
        for (const QByteArray &l : lines) {
            const auto m = QRegularExpression(QStringLiteral("^range:\\s*bytes=(\\d+)-(\\d*)"), QRegularExpression::CaseInsensitiveOption)
                               .match(QString::fromLatin1(l.trimmed()));
            if (m.hasMatch()) {
                partial = true;
                from = m.captured(1).toLongLong();
                if (!m.captured(2).isEmpty())
                    to = qMin<qint64>(to, m.captured(2).toLongLong());
            }
        }
        const QByteArray type = name.endsWith(QLatin1String(".m3u8")) ? "application/vnd.apple.mpegurl"
                              : name.endsWith(QLatin1String(".ts"))   ? "video/mp2t"
                              : name.endsWith(QLatin1String(".mp4"))  ? "video/mp4"
                                                                      : "application/octet-stream";
        const QByteArray body = from <= to ? data.mid(from, to - from + 1) : QByteArray();
        QByteArray reply = partial ? "HTTP/1.1 206 Partial Content\r\n" : "HTTP/1.1 200 OK\r\n";
        reply += "Content-Type: " + type + "\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n";
        if (partial)
            reply += "Content-Range: bytes " + QByteArray::number(from) + '-' + QByteArray::number(to) + '/'
                + QByteArray::number(data.size()) + "\r\n";
        reply += "Accept-Ranges: bytes\r\nConnection: close\r\n\r\n";
        s->write(reply);
        if (method != "HEAD")
            s->write(body);
        s->disconnectFromHost();
    }

    QString m_root;
    QTcpServer m_server;
    QHash<QTcpSocket *, QByteArray> m_buffers;
    int m_requests = 0;
};

} // namespace liyuan::test
