#include "RemoteServer.h"
#include "PresenterController.h"

#include <QFile>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QTcpServer>
#include <QTcpSocket>
#include <QUrlQuery>
#include <QWebSocket>

namespace liyuan {

namespace {

using Status = QHttpServerResponder::StatusCode;

QJsonObject errorBody(int status, const QString &message)
{
    return QJsonObject{{QStringLiteral("status"), status}, {QStringLiteral("error"), message}};
}

/** The path split into percent-decoded segments ("/api/views/a%2Fb/go" → api, views, a/b, go). */
QStringList segments(const QUrl &url)
{
    QStringList out;
    const QString encoded = url.path(QUrl::FullyEncoded);
    for (const QString &part : encoded.split(QLatin1Char('/'), Qt::SkipEmptyParts))
        out << QUrl::fromPercentEncoding(part.toUtf8());
    return out;
}

QByteArray header(const QHttpServerRequest &request, const QByteArray &name)
{
    const auto headers = request.headers();
    for (const auto &h : headers)
        if (h.first.compare(name, Qt::CaseInsensitive) == 0)
            return h.second;
    return {};
}

void writeJson(QHttpServerResponder &responder, int status, const QJsonObject &body)
{
    const QByteArray data = QJsonDocument(body).toJson(QJsonDocument::Compact);
    if (status == 401)
        responder.write(data, {{"Content-Type", "application/json"}, {"Cache-Control", "no-store"},
                               {"WWW-Authenticate", "Bearer realm=\"liyuan\""}}, Status(status));
    else
        responder.write(data, {{"Content-Type", "application/json"}, {"Cache-Control", "no-store"},
                               {"X-Content-Type-Options", "nosniff"}}, Status(status));
}

} // namespace

RemoteServer::RemoteServer(PresenterController *presenter, const RemoteOptions &options, QObject *parent)
    : QAbstractHttpServer(parent), m_presenter(presenter), m_options(options)
{
    m_pushTimer.setSingleShot(true);
    m_pushTimer.setInterval(m_options.pushIntervalMs);
    connect(&m_pushTimer, &QTimer::timeout, this, [this] {
        if (!m_pushPending)
            return;
        m_pushPending = false;
        pushState();
        m_pushTimer.start();
    });
    connect(m_presenter, &PresenterController::stateChanged, this, &RemoteServer::schedulePush);
    connect(this, &QAbstractHttpServer::newWebSocketConnection, this, &RemoteServer::onWebSocket);
}

RemoteServer::~RemoteServer()
{
    for (const QPointer<QWebSocket> &c : std::as_const(m_clients))
        delete c.data();
}

bool RemoteServer::start(QString *error)
{
    if (!m_token.load(error))
        return false;
    m_port = listen(m_options.bind, m_options.port);
    if (m_port == 0) {
        *error = QStringLiteral("cannot listen on %1:%2").arg(m_options.bind.toString()).arg(m_options.port);
        if (!servers().isEmpty())
            *error += QStringLiteral(": ") + servers().constFirst()->errorString();
        return false;
    }
    return true;
}

QString RemoteServer::url() const
{
    QString host = m_options.bind.toString();
    if (m_options.bind.protocol() == QAbstractSocket::IPv6Protocol)
        host = QLatin1Char('[') + host + QLatin1Char(']');
    return QStringLiteral("http://%1:%2/").arg(host).arg(m_port);
}

QJsonObject RemoteServer::stateJson() const
{
    int clients = 0;
    for (const QPointer<QWebSocket> &c : m_clients)
        clients += c ? 1 : 0;
    return QJsonObject{{QStringLiteral("port"), m_port},
                       {QStringLiteral("bind"), m_options.bind.toString()},
                       {QStringLiteral("clients"), clients},
                       {QStringLiteral("tokenSource"), m_token.source()},
                       {QStringLiteral("requests"), double(m_requests)},
                       {QStringLiteral("refused"), double(m_refused)}};
}

bool RemoteServer::authorized(const QHttpServerRequest &request, bool allowQuery) const
{
    const QByteArray auth = header(request, "Authorization").trimmed();
    if (auth.size() > 7 && auth.left(7).compare("Bearer ", Qt::CaseInsensitive) == 0)
        return m_token.matches(auth.mid(7).trimmed());
    if (allowQuery) {
        const QUrlQuery q(request.url());
        if (q.hasQueryItem(QStringLiteral("token")))
            return m_token.matches(q.queryItemValue(QStringLiteral("token"), QUrl::FullyDecoded).toUtf8());
    }
    return false;
}

RemoteServer::Result RemoteServer::execute(const QString &command, const QString &name, const QJsonObject &args)
{
    PresenterController *p = m_presenter;
    auto ok = [p](const QString &cmd) {
        return Result{200, QJsonObject{{QStringLiteral("ok"), true}, {QStringLiteral("command"), cmd},
                                       {QStringLiteral("presenter"), p->stateJson()}}};
    };
    if (command == QLatin1String("state"))
        return Result{200, m_stateProvider ? m_stateProvider() : QJsonObject{{QStringLiteral("presenter"), p->stateJson()}}};
    if (command == QLatin1String("views")) {
        QJsonArray views;
        const QStringList names = p->viewNames();
        for (int i = 0; i < names.size(); ++i)
            views.append(QJsonObject{{QStringLiteral("index"), i}, {QStringLiteral("name"), names[i]}});
        return Result{200, QJsonObject{{QStringLiteral("views"), views}}};
    }
    if (command == QLatin1String("tours")) {
        QJsonArray tours;
        const QStringList names = p->tourNames();
        for (int i = 0; i < names.size(); ++i) {
            const QJsonObject t = p->tour(names[i]);
            tours.append(QJsonObject{{QStringLiteral("index"), i}, {QStringLiteral("name"), names[i]},
                                     {QStringLiteral("steps"), t.value(QStringLiteral("steps")).toArray().size()},
                                     {QStringLiteral("duration"), p->tourDuration(names[i])},
                                     {QStringLiteral("loop"), t.value(QStringLiteral("loop")).toBool()}});
        }
        return Result{200, QJsonObject{{QStringLiteral("tours"), tours}, {QStringLiteral("current"), p->currentTour()}}};
    }
    if (command == QLatin1String("go")) {
        if (name.isEmpty())
            return Result{400, errorBody(400, QStringLiteral("go needs a view name"))};
        if (!p->viewNames().contains(name))
            return Result{404, errorBody(404, QStringLiteral("unknown view '%1' (views: %2)").arg(name, p->viewNames().join(QStringLiteral(", "))))};
        if (!p->goToView(name))
            return Result{409, errorBody(409, QStringLiteral("view '%1' could not be applied").arg(name))};
        emit commandExecuted(command, name);
        return ok(command);
    }
    if (command == QLatin1String("play")) {
        if (name.isEmpty())
            return Result{400, errorBody(400, QStringLiteral("play needs a tour name"))};
        if (!p->tourNames().contains(name))
            return Result{404, errorBody(404, QStringLiteral("unknown tour '%1' (tours: %2)").arg(name, p->tourNames().join(QStringLiteral(", "))))};
        const QJsonValue loop = args.value(QStringLiteral("loop"));
        if (!loop.isUndefined() && !loop.isBool())
            return Result{400, errorBody(400, QStringLiteral("\"loop\" must be true or false"))};
        const QJsonValue time = args.value(QStringLiteral("time"));
        if (!time.isUndefined() && (!time.isDouble() || time.toDouble() < 0 || !qIsFinite(time.toDouble())))
            return Result{400, errorBody(400, QStringLiteral("\"time\" must be a number of seconds ≥ 0"))};
        if (!p->playTour(name))
            return Result{409, errorBody(409, QStringLiteral("tour '%1' could not be played").arg(name))};
        if (loop.isBool())
            p->setLoop(loop.toBool());
        if (time.isDouble())
            p->seek(time.toDouble());
        emit commandExecuted(command, name);
        return ok(command);
    }
    if (command == QLatin1String("blank")) {
        const QJsonValue b = args.value(QStringLiteral("blanked"));
        if (!b.isUndefined() && !b.isBool())
            return Result{400, errorBody(400, QStringLiteral("\"blanked\" must be true or false"))};
        if (b.isBool())
            p->setBlanked(b.toBool());
        else
            p->toggleBlank();
        emit commandExecuted(command, name);
        return ok(command);
    }
    static const QStringList simple{QStringLiteral("next"), QStringLiteral("previous"), QStringLiteral("pause"),
                                    QStringLiteral("resume"), QStringLiteral("stop")};
    if (simple.contains(command)) {
        if (command == QLatin1String("next"))
            p->next();
        else if (command == QLatin1String("previous"))
            p->previous();
        else if (command == QLatin1String("pause"))
            p->pause();
        else if (command == QLatin1String("resume"))
            p->resume();
        else
            p->stop();
        emit commandExecuted(command, name);
        return ok(command);
    }
    return Result{404, errorBody(404, QStringLiteral("unknown command '%1'").arg(command))};
}

bool RemoteServer::handleRequest(const QHttpServerRequest &request, QTcpSocket *socket)
{
    ++m_requests;
    const QStringList seg = segments(request.url());
    // A WebSocket upgrade: Qt 6.4 hands the socket to the WebSocket server only when this returns
    // true without writing anything; refused upgrades (wrong path or token) get their answer
    // from missingHandler.
    if (header(request, "Upgrade").compare("websocket", Qt::CaseInsensitive) == 0)
        return seg == QStringList{QStringLiteral("ws")} && authorized(request, true);
    QHttpServerResponder responder = makeResponder(request, socket);
    const bool get = request.method() == QHttpServerRequest::Method::Get || request.method() == QHttpServerRequest::Method::Head;
    const bool post = request.method() == QHttpServerRequest::Method::Post;

    // static files of the tablet page: no secret in them
    static const QHash<QString, QPair<QString, QByteArray>> assets{
            {QStringLiteral("app.js"), {QStringLiteral(":/liyuan/remote/app.js"), "text/javascript; charset=utf-8"}},
            {QStringLiteral("style.css"), {QStringLiteral(":/liyuan/remote/style.css"), "text/css; charset=utf-8"}}};
    const bool page = seg.isEmpty() || (seg.size() == 1 && seg[0] == QLatin1String("index.html"));
    if (get && seg.size() == 1 && assets.contains(seg[0])) {
        QFile f(assets.value(seg[0]).first);
        f.open(QIODevice::ReadOnly);
        responder.write(f.readAll(), {{"Content-Type", assets.value(seg[0]).second}, {"Cache-Control", "no-cache"}}, Status::Ok);
        return true;
    }

    if (!authorized(request, page)) {
        ++m_refused;
        writeJson(responder, 401, errorBody(401, QStringLiteral("missing or wrong token: send 'Authorization: Bearer TOKEN'")));
        return true;
    }
    if (request.body().size() > m_options.maxBodyBytes) {
        writeJson(responder, 413, errorBody(413, QStringLiteral("request body of %1 bytes is larger than the limit of %2 bytes")
                                                         .arg(request.body().size()).arg(m_options.maxBodyBytes)));
        return true;
    }
    if (page) {
        if (!get) {
            writeJson(responder, 405, errorBody(405, QStringLiteral("%1 needs GET").arg(request.url().path())));
            return true;
        }
        QFile f(QStringLiteral(":/liyuan/remote/index.html"));
        f.open(QIODevice::ReadOnly);
        responder.write(f.readAll(),
                        {{"Content-Type", "text/html; charset=utf-8"},
                         {"Cache-Control", "no-store"},
                         {"Referrer-Policy", "no-referrer"},
                         {"Content-Security-Policy",
                          "default-src 'self'; connect-src 'self'; img-src 'self' data:; frame-ancestors 'none'"}},
                        Status::Ok);
        return true;
    }
    if (seg.value(0) != QLatin1String("api")) {
        missingHandler(request, socket);
        return true;
    }

    // /api/<command>, /api/views/<name>/go, /api/tours/<name>/play
    QString command, name;
    bool wantsPost = true;
    if (seg.size() == 2 && (seg[1] == QLatin1String("state") || seg[1] == QLatin1String("views") || seg[1] == QLatin1String("tours"))) {
        command = seg[1];
        wantsPost = false;
    } else if (seg.size() == 4 && seg[1] == QLatin1String("views") && seg[3] == QLatin1String("go")) {
        command = QStringLiteral("go");
        name = seg[2];
    } else if (seg.size() == 4 && seg[1] == QLatin1String("tours") && seg[3] == QLatin1String("play")) {
        command = QStringLiteral("play");
        name = seg[2];
    } else if (seg.size() == 2) {
        static const QStringList known{QStringLiteral("next"), QStringLiteral("previous"), QStringLiteral("pause"),
                                       QStringLiteral("resume"), QStringLiteral("stop"), QStringLiteral("blank")};
        if (known.contains(seg[1]))
            command = seg[1];
    }
    if (command.isEmpty()) {
        missingHandler(request, socket);
        return true;
    }
    if ((wantsPost && !post) || (!wantsPost && !get)) {
        writeJson(responder, 405, errorBody(405, QStringLiteral("%1 needs %2").arg(request.url().path(), wantsPost ? QStringLiteral("POST") : QStringLiteral("GET"))));
        return true;
    }
    QJsonObject args;
    const QByteArray body = request.body().trimmed();
    if (!body.isEmpty()) {
        QJsonParseError pe;
        const QJsonDocument doc = QJsonDocument::fromJson(body, &pe);
        if (pe.error != QJsonParseError::NoError) {
            writeJson(responder, 400, errorBody(400, QStringLiteral("request body is not valid JSON: %1 at offset %2").arg(pe.errorString()).arg(pe.offset)));
            return true;
        }
        if (!doc.isObject()) {
            writeJson(responder, 400, errorBody(400, QStringLiteral("request body must be a JSON object")));
            return true;
        }
        args = doc.object();
    }
    const Result r = execute(command, name, args);
    writeJson(responder, r.status, r.body);
    return true;
}

void RemoteServer::missingHandler(const QHttpServerRequest &request, QTcpSocket *socket)
{
    QHttpServerResponder responder = makeResponder(request, socket);
    if (header(request, "Upgrade").compare("websocket", Qt::CaseInsensitive) == 0) {
        const bool wsPath = segments(request.url()) == QStringList{QStringLiteral("ws")};
        if (wsPath)
            ++m_refused;
        writeJson(responder, wsPath ? 401 : 404,
                  wsPath ? errorBody(401, QStringLiteral("missing or wrong token: open /ws?token=TOKEN"))
                         : errorBody(404, QStringLiteral("no WebSocket at %1 (use /ws)").arg(request.url().path())));
        return;
    }
    writeJson(responder, 404, errorBody(404, QStringLiteral("no such endpoint: %1").arg(request.url().path())));
}

// --- WebSocket ------------------------------------------------------------------------

void RemoteServer::onWebSocket()
{
    while (hasPendingWebSocketConnections()) {
        QWebSocket *ws = nextPendingWebSocketConnection().release();
        if (!ws)
            continue;
        const QUrl url = ws->requestUrl();
        const QUrlQuery q(url);
        QByteArray presented = ws->request().rawHeader("Authorization").trimmed();
        presented = presented.startsWith("Bearer ") ? presented.mid(7).trimmed()
                                                    : q.queryItemValue(QStringLiteral("token"), QUrl::FullyDecoded).toUtf8();
        m_clients.removeAll(QPointer<QWebSocket>());
        QString refusal;
        if (url.path() != QLatin1String("/ws"))
            refusal = QStringLiteral("no WebSocket at %1 (use /ws)").arg(url.path());
        else if (!m_token.matches(presented))
            refusal = QStringLiteral("missing or wrong token");
        else if (m_clients.size() >= m_options.maxClients)
            refusal = QStringLiteral("too many clients (%1)").arg(m_options.maxClients);
        if (!refusal.isEmpty()) {
            ++m_refused;
            ws->sendTextMessage(QString::fromUtf8(QJsonDocument(QJsonObject{{QStringLiteral("type"), QStringLiteral("error")},
                                                                            {QStringLiteral("status"), 401},
                                                                            {QStringLiteral("error"), refusal}})
                                                          .toJson(QJsonDocument::Compact)));
            ws->close(QWebSocketProtocol::CloseCodePolicyViolated, refusal);
            ws->deleteLater();
            continue;
        }
        ws->setParent(this);
        ws->setMaxAllowedIncomingMessageSize(quint64(m_options.maxBodyBytes));
        ws->setMaxAllowedIncomingFrameSize(quint64(m_options.maxBodyBytes));
        m_clients.append(ws);
        connect(ws, &QWebSocket::textMessageReceived, this, [this, ws](const QString &text) { onWebSocketMessage(ws, text); });
        connect(ws, &QWebSocket::binaryMessageReceived, this, [ws] {
            ws->close(QWebSocketProtocol::CloseCodeDatatypeNotSupported, QStringLiteral("JSON text messages only"));
        });
        connect(ws, &QWebSocket::disconnected, ws, &QObject::deleteLater);
        ws->sendTextMessage(QString::fromUtf8(QJsonDocument(QJsonObject{{QStringLiteral("type"), QStringLiteral("state")},
                                                                        {QStringLiteral("presenter"), m_presenter->stateJson()}})
                                                      .toJson(QJsonDocument::Compact)));
    }
}

void RemoteServer::onWebSocketMessage(QWebSocket *socket, const QString &text)
{
    ++m_requests;
    auto reply = [socket](const QJsonObject &o) {
        socket->sendTextMessage(QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact)));
    };
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(text.toUtf8(), &pe);
    if (pe.error != QJsonParseError::NoError || !doc.isObject()) {
        QJsonObject e = errorBody(400, pe.error != QJsonParseError::NoError
                                               ? QStringLiteral("message is not valid JSON: %1 at offset %2").arg(pe.errorString()).arg(pe.offset)
                                               : QStringLiteral("message must be a JSON object"));
        e.insert(QStringLiteral("type"), QStringLiteral("error"));
        reply(e);
        return;
    }
    const QJsonObject o = doc.object();
    const QString command = o.value(QStringLiteral("command")).toString();
    if (command.isEmpty()) {
        QJsonObject e = errorBody(400, QStringLiteral("message needs a \"command\" (next, previous, pause, resume, stop, blank, go, play, state, views, tours)"));
        e.insert(QStringLiteral("type"), QStringLiteral("error"));
        reply(e);
        return;
    }
    const QString name = command == QLatin1String("go") ? o.value(QStringLiteral("view")).toString()
                                                        : o.value(QStringLiteral("tour")).toString();
    Result r = execute(command, name, o);
    r.body.insert(QStringLiteral("type"), r.status == 200 ? QStringLiteral("reply") : QStringLiteral("error"));
    r.body.insert(QStringLiteral("command"), command);
    if (o.contains(QStringLiteral("id")))
        r.body.insert(QStringLiteral("id"), o.value(QStringLiteral("id")));
    reply(r.body);
}

void RemoteServer::schedulePush()
{
    // leading edge: pushed at the next turn of the event loop (a burst of changes from one command
    // is one push), then at most once per interval with the latest state; a new tour, step,
    // caption or pause/blank is pushed at once even while the interval runs (the clock alone is not)
    const PresenterController *p = m_presenter;
    const QString key = QStringLiteral("%1|%2|%3|%4|%5|%6").arg(p->currentTour()).arg(p->currentStep())
                                .arg(int(p->playing()) + 2 * int(p->paused()) + 4 * int(p->blanked())).arg(p->caption())
                                .arg(p->viewNames().size()).arg(p->tourNames().size());
    const bool significant = key != m_pushedKey;
    m_pushedKey = key;
    if (m_pushTimer.isActive() && !significant) {
        m_pushPending = true;
        return;
    }
    QTimer::singleShot(0, this, &RemoteServer::pushState);
    m_pushTimer.start();
}

void RemoteServer::pushState()
{
    m_clients.removeAll(QPointer<QWebSocket>());
    if (m_clients.isEmpty())
        return;
    const QString msg = QString::fromUtf8(QJsonDocument(QJsonObject{{QStringLiteral("type"), QStringLiteral("state")},
                                                                    {QStringLiteral("presenter"), m_presenter->stateJson()}})
                                                  .toJson(QJsonDocument::Compact));
    for (const QPointer<QWebSocket> &c : std::as_const(m_clients))
        if (c && c->state() == QAbstractSocket::ConnectedState)
            c->sendTextMessage(msg);
}

} // namespace liyuan
