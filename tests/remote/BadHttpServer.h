#pragma once
// A misbehaving HTTP server for tests (GUI/test thread): answers every request with a
// Content-Length of `announced` bytes but sends only `sent`, then closes the connection
// (Truncate) or keeps it open without sending more (Stall).
#include <QTcpServer>
#include <QTcpSocket>

namespace liyuan::test {

class BadHttpServer : public QObject
{
public:
    enum Mode { Truncate, Stall };
    BadHttpServer(Mode mode, int announced, int sent) : m_mode(mode), m_announced(announced), m_sent(sent)
    {
        m_server.listen(QHostAddress::LocalHost, 0);
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *s = m_server.nextPendingConnection()) {
                connect(s, &QTcpSocket::readyRead, s, [this, s] {
                    m_buffer[s] += s->readAll();
                    if (!m_buffer[s].contains("\r\n\r\n"))
                        return;
                    ++m_requests;
                    m_buffer.remove(s);
                    QByteArray reply = "HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: "
                                       + QByteArray::number(m_announced) + "\r\nConnection: close\r\n\r\n";
                    reply += QByteArray(m_sent, 'x');
                    s->write(reply);
                    s->flush();
                    if (m_mode == Truncate)
                        s->disconnectFromHost();
                    // Stall: the socket stays open, silent
                });
                connect(s, &QTcpSocket::disconnected, s, &QObject::deleteLater);
            }
        });
    }
    quint16 port() const { return m_server.serverPort(); }
    QString url(const QString &path) const { return QStringLiteral("http://127.0.0.1:%1/%2").arg(port()).arg(path); }
    int requests() const { return m_requests; }

private:
    QTcpServer m_server;
    Mode m_mode;
    int m_announced, m_sent;
    int m_requests = 0;
    QHash<QTcpSocket *, QByteArray> m_buffer;
};

} // namespace liyuan::test
