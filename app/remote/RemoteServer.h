#pragma once
#include "RemoteOptions.h"
#include "RemoteToken.h"

#include <QAbstractHttpServer>
#include <QJsonObject>
#include <QList>
#include <QPointer>
#include <QTimer>
#include <functional>

QT_BEGIN_NAMESPACE
class QWebSocket;
QT_END_NAMESPACE

namespace liyuan {

class PresenterController;

/**
 * Remote control of the presenter over HTTP and a WebSocket (`--remote PORT`).
 *
 * Every request needs `Authorization: Bearer TOKEN` (the page `/` and the WebSocket `/ws` also
 * take `?token=`); a missing or wrong token gets 401. JSON endpoints: GET /api/state, /api/views,
 * /api/tours; POST /api/views/{name}/go, /api/tours/{name}/play, /api/next, /api/previous,
 * /api/pause, /api/resume, /api/stop, /api/blank. The WebSocket pushes the presenter's
 * stateJson() on every change (throttled) and takes the same commands as JSON messages
 * (`{"command":"next"}`, `{"command":"go","view":NAME}`, `{"command":"play","tour":NAME}`…).
 * GET / serves the tablet page from the resources. Lives and answers on the GUI thread.
 */
class RemoteServer : public QAbstractHttpServer
{
    Q_OBJECT
public:
    /** What one command did: an HTTP status and the JSON answer. */
    struct Result
    {
        int status = 200;
        QJsonObject body;
    };

    RemoteServer(PresenterController *presenter, const RemoteOptions &options, QObject *parent = nullptr);
    ~RemoteServer() override;

    /** Loads the token and listens; false with a message when either fails. */
    bool start(QString *error);
    /** The port listened on (0 before start). */
    quint16 port() const { return m_port; }
    /** http://ADDR:PORT/ */
    QString url() const;
    /** Where the token comes from (environment or the file path) — never the token. */
    QString tokenSource() const { return m_token.source(); }
    /** The full state for GET /api/state (default: {"presenter": stateJson()}). */
    void setStateProvider(std::function<QJsonObject()> provider) { m_stateProvider = std::move(provider); }
    /** {"port", "bind", "clients", "tokenSource", "requests", "refused"} for --state-json. */
    QJsonObject stateJson() const;
    /** Runs one command (next, previous, pause, resume, stop, blank, go, play, state, views, tours). */
    Result execute(const QString &command, const QString &name, const QJsonObject &args);

signals:
    /** A command changed something (for the kiosk's saved state): command and name. */
    void commandExecuted(const QString &command, const QString &name);

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override;
    void missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) override;

private:
    bool authorized(const QHttpServerRequest &request, bool allowQuery) const;
    void onWebSocket();
    void onWebSocketMessage(QWebSocket *socket, const QString &text);
    void pushState();
    void schedulePush();

    PresenterController *m_presenter;
    RemoteOptions m_options;
    RemoteToken m_token;
    quint16 m_port = 0;
    QList<QPointer<QWebSocket>> m_clients;
    QTimer m_pushTimer;
    bool m_pushPending = false; ///< a change came while the throttle interval ran
    QString m_pushedKey;        ///< tour, step, flags, caption of the last change seen
    std::function<QJsonObject()> m_stateProvider;
    qint64 m_requests = 0;
    qint64 m_refused = 0;
};

} // namespace liyuan
