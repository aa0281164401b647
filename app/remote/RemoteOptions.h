#pragma once
#include <QHostAddress>
#include <QString>

namespace liyuan {

/** Limits and settings of the remote-control server (one place for all of them). */
struct RemoteOptions
{
    QHostAddress bind = QHostAddress::LocalHost; ///< --remote-bind ADDR
    quint16 port = 0;                            ///< --remote PORT (0 = a free port)
    qint64 maxBodyBytes = 64 * 1024;             ///< larger request bodies and WebSocket messages → 413 / closed
    int maxClients = 32;                         ///< WebSocket clients at the same time
    int pushIntervalMs = 100;                    ///< WebSocket state pushes are throttled to this interval
};

} // namespace liyuan
