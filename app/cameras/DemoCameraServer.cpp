#include "DemoCameraServer.h"

#include <liyuan/demo/DemoCameraVideo.h>
#include <liyuan/rtsp/RtspServer.h>

#include <QUrl>

namespace liyuan {

namespace {
constexpr quint16 kDemoPort = 8554;
}

DemoCameraServer::DemoCameraServer(QObject *parent) : QObject(parent) {}

DemoCameraServer::~DemoCameraServer()
{
    stop();
}

bool DemoCameraServer::start(const QString &demoDir, QString *error)
{
    if (m_server && m_dir == demoDir)
        return true;
    stop();
    auto video = std::make_shared<demo::DemoCameraVideo>(demoDir);
    QString why;
    if (!video->isValid()) {
        if (error)
            *error = video->errorString();
        return false;
    }
    auto server = std::make_unique<rtsp::RtspServer>();
    server->setAddress(QStringLiteral("127.0.0.1"));
    for (int i = 0; i < video->cameraCount(); ++i) {
        const QString id = video->cameraId(i);
        // drawn on the server's streaming threads; DemoCameraVideo::draw is thread-safe
        server->addGenerated(QStringLiteral("/%1/main").arg(id), QSize(1280, 720), 15,
                             [video, i](QImage &frame, qint64 ms) { video->draw(i, frame, ms); });
        server->addGenerated(QStringLiteral("/%1/sub").arg(id), QSize(640, 360), 15,
                             [video, i](QImage &frame, qint64 ms) { video->draw(i, frame, ms); });
    }
    if (!server->start(kDemoPort, nullptr) && !server->start(0, &why)) {
        if (error)
            *error = why;
        return false;
    }
    m_server = std::move(server);
    m_video = video;
    m_dir = demoDir;
    return true;
}

void DemoCameraServer::stop()
{
    if (m_server)
        m_server->stop();
    m_server.reset();
    m_video.reset();
    m_dir.clear();
}

bool DemoCameraServer::isRunning() const
{
    return m_server && m_server->isRunning();
}

quint16 DemoCameraServer::port() const
{
    return m_server ? m_server->port() : 0;
}

QString DemoCameraServer::rewrite(const QString &url) const
{
    if (!m_server)
        return url;
    QUrl u(url);
    if (u.scheme() == QLatin1String("rtsp") && u.host() == QLatin1String("127.0.0.1") && u.port() == kDemoPort) {
        u.setPort(m_server->port());
        return u.toString();
    }
    return url;
}

} // namespace liyuan
