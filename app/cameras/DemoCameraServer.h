#pragma once
#include <QObject>
#include <QString>

#include <memory>

namespace liyuan {

namespace rtsp {
class RtspServer;
}
namespace demo {
class DemoCameraVideo;
}

/**
 * The demo district's cameras, live: an RTSP server embedded in the app on loopback serving
 * each demo camera's picture (the demo scene as the camera sees it, with moving people and
 * vehicles and a timestamp — DemoCameraVideo) as `/<id>/main` (1280x720) and `/<id>/sub`
 * (640x360). Streams are encoded only while a client watches them. Listens on 8554 when free,
 * otherwise on a free port; rewrite() turns the registry's `rtsp://127.0.0.1:8554/…` addresses
 * into the real port. GUI thread for start/stop; the server runs on its own thread.
 */
class DemoCameraServer : public QObject
{
    Q_OBJECT
public:
    explicit DemoCameraServer(QObject *parent = nullptr);
    ~DemoCameraServer() override;

    /** Starts serving the cameras of the demo district in demoDir; false with *error when it cannot. */
    bool start(const QString &demoDir, QString *error);
    void stop();
    bool isRunning() const;
    quint16 port() const;
    /** The registry's demo address with the real port (other URLs unchanged). */
    QString rewrite(const QString &url) const;

private:
    std::unique_ptr<rtsp::RtspServer> m_server;
    std::shared_ptr<demo::DemoCameraVideo> m_video;
    QString m_dir;
};

} // namespace liyuan
