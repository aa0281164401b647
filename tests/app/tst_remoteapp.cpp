// Remote control and kiosk mode through the real `liyuan` binary (under xvfb-run):
// `liyuan --remote 0 PROJECT` on a project holding the real OSGB tile set of the shared data and
// a presenter part (three views, one tour). The test talks to it over HTTP (QNetworkAccessManager)
// and the WebSocket (QWebSocket): tokens refused/accepted, a tour driven (play, next) and seen
// pushed on the WebSocket, hostile requests; the tablet page in a real headless chromium drives
// the tour; `--kiosk` with a bad dataset or a corrupt project opens no popup, lists the message
// and keeps running, and a restart restores the last view.
#include "AppRunner.h"
#include "TestRequire.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QWebSocket>
#include <QtTest>

namespace {

const QString kToken = QStringLiteral("test-token-0123456789abcdef");

const QJsonObject readJson(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? QJsonDocument::fromJson(f.readAll()).object() : QJsonObject();
}

bool writeFile(const QString &path, const QByteArray &data)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(data) == data.size();
}

struct Reply
{
    int status = 0;
    QByteArray body;
    const QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
    QByteArray what() const { return QByteArray::number(status) + " " + body.left(600); }
};

/** One running `liyuan --remote 0 …`: the port read from its stdout, requests and WebSockets. */
class App
{
public:
    ~App() { stop(); }

    bool start(const QStringList &args, const QProcessEnvironment &env, QString *error)
    {
        m_proc.setProcessEnvironment(env);
        m_proc.start(QStringLiteral(LIYUAN_APP), QStringList{"--remote", "0", "--size", "640x480", "--lang", "en"} + args);
        if (!m_proc.waitForStarted(10000)) {
            *error = QStringLiteral("the app did not start");
            return false;
        }
        QElapsedTimer t;
        t.start();
        static const QRegularExpression re(QStringLiteral("remote: http://127\\.0\\.0\\.1:(\\d+)/"));
        while (t.elapsed() < 120000) {
            m_proc.waitForReadyRead(200);
            m_out += QString::fromUtf8(m_proc.readAllStandardOutput());
            const auto m = re.match(m_out);
            if (m.hasMatch()) {
                port = quint16(m.captured(1).toUInt());
                return true;
            }
            if (m_proc.state() != QProcess::Running) {
                *error = QStringLiteral("the app ended: %1\n%2").arg(m_out, QString::fromUtf8(m_proc.readAllStandardError()));
                return false;
            }
        }
        *error = QStringLiteral("no 'remote: http://…' line on stdout: ") + m_out;
        return false;
    }

    QString out()
    {
        m_out += QString::fromUtf8(m_proc.readAllStandardOutput());
        return m_out;
    }
    QString err() { return m_err += QString::fromUtf8(m_proc.readAllStandardError()); }
    bool running() const { return m_proc.state() == QProcess::Running; }

    void stop()
    {
        if (m_proc.state() == QProcess::NotRunning)
            return;
        m_proc.terminate(); // SIGTERM: no clean quit (as a crash or a power cut)
        if (!m_proc.waitForFinished(10000)) {
            m_proc.kill();
            m_proc.waitForFinished(5000);
        }
    }

    Reply request(const QByteArray &method, const QString &path, const QString &token = kToken,
                  const QByteArray &body = {}, const QByteArray &authScheme = "Bearer ")
    {
        QNetworkRequest req(QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(port).arg(path)));
        if (!token.isNull())
            req.setRawHeader("Authorization", authScheme + token.toUtf8());
        if (!body.isEmpty())
            req.setHeader(QNetworkRequest::ContentTypeHeader, "application/json");
        req.setTransferTimeout(30000);
        QNetworkReply *r = m_nam.sendCustomRequest(req, method, body);
        QSignalSpy done(r, &QNetworkReply::finished);
        done.wait(30000);
        Reply out;
        out.status = r->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        out.body = r->readAll();
        r->deleteLater();
        return out;
    }

    const QJsonObject state() { return request("GET", QStringLiteral("/api/state")).json(); }

    /** Polls /api/state until pred holds (or timeoutMs): the last state. */
    template<typename Pred>
    const QJsonObject waitState(Pred pred, int timeoutMs = 60000)
    {
        QElapsedTimer t;
        t.start();
        QJsonObject s;
        while (t.elapsed() < timeoutMs) {
            s = state();
            if (pred(s))
                return s;
            QTest::qWait(250);
        }
        return s;
    }

    quint16 port = 0;

private:
    QProcess m_proc;
    QString m_out, m_err;
    QNetworkAccessManager m_nam;
};

/** A WebSocket client that keeps every message. */
struct WsClient
{
    QWebSocket ws;
    QList<QJsonObject> messages;
    WsClient()
    {
        QObject::connect(&ws, &QWebSocket::textMessageReceived, [this](const QString &t) {
            messages << QJsonDocument::fromJson(t.toUtf8()).object();
        });
    }
    bool open(quint16 port, const QString &query)
    {
        QSignalSpy connected(&ws, &QWebSocket::connected);
        ws.open(QUrl(QStringLiteral("ws://127.0.0.1:%1/ws%2").arg(port).arg(query)));
        return connected.wait(10000);
    }
    /** Waits for a message matching pred (already received or new). */
    template<typename Pred>
    const QJsonObject waitFor(Pred pred, int timeoutMs = 10000)
    {
        QElapsedTimer t;
        t.start();
        while (true) {
            for (const QJsonObject &m : std::as_const(messages))
                if (pred(m))
                    return m;
            if (t.elapsed() > timeoutMs)
                return {};
            QTest::qWait(5);
        }
    }
};

} // namespace

class tst_RemoteApp : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString m_project;
    QJsonObject m_views; ///< name → camera eye
    QProcessEnvironment m_env;

    QString osgb() const { return QStringLiteral(LIYUAN_SHARED_DATA "/osgb/Production_5"); }

private slots:
    void initTestCase()
    {
        LIYUAN_REQUIRE(QFileInfo::exists(osgb() + "/metadata.xml"), "shared data osgb/Production_5 missing");
        m_env = QProcessEnvironment::systemEnvironment();
        m_env.insert("LIYUAN_REMOTE_TOKEN", kToken);
        // a project of the real tile set, then three views and a tour added to its presenter part
        const QString base = m_dir.filePath("base.liyuan.json"), shot = m_dir.filePath("base.png"), state = m_dir.filePath("base.json");
        const AppRun run = runApp({osgb(), "--screenshot", shot, "--size", "320x240", "--state-json", state,
                                   "--save-project", base, "--timeout", "120", "--allow-unsettled"});
        QVERIFY2(run.exitCode == 0, run.what().constData());
        QJsonObject project = readJson(base); // (a copy to edit)
        QVERIFY(!project.isEmpty());
        const QJsonObject local = readJson(state)["camera"].toObject()["local"].toObject();
        const double x = local["x"].toDouble(), y = local["y"].toDouble(), z = local["z"].toDouble();
        const QJsonArray rot = readJson(state)["camera"].toObject()["rotation"].toArray();
        QVERIFY(rot.size() == 4);
        QJsonArray views;
        const QList<QPair<QString, QJsonArray>> eyes{{"North", QJsonArray{x, y, z}},
                                                     {"East", QJsonArray{x + 60, y + 20, z - 30}},
                                                     {"South", QJsonArray{x - 40, y - 50, z + 40}}};
        for (const auto &e : eyes) {
            views.append(QJsonObject{{"name", e.first},
                                     {"camera", QJsonObject{{"eye", e.second}, {"rotation", rot}, {"fov", 45}}}});
            m_views.insert(e.first, e.second);
        }
        QJsonArray steps;
        for (const QString &v : {QStringLiteral("North"), QStringLiteral("East"), QStringLiteral("South")})
            steps.append(QJsonObject{{"view", v}, {"duration", 60}, {"transition", "cut"}, {"transitionDuration", 0},
                                     {"caption", QJsonObject{{"zh", v + QStringLiteral("（中）")}, {"en", v + " caption"}}}});
        project["presenter"] = QJsonObject{{"views", views},
                                           {"tours", QJsonArray{QJsonObject{{"name", "Walk"}, {"loop", false}, {"steps", steps}}}}};
        m_project = m_dir.filePath("remote.liyuan.json");
        QVERIFY(writeFile(m_project, QJsonDocument(project).toJson()));
    }

    void commandLineErrors_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        QTest::newRow("port not a number") << QStringList{"--remote", "http"} << "--remote must be a port";
        QTest::newRow("port too large") << QStringList{"--remote", "70000"} << "--remote must be a port";
        QTest::newRow("bind not an address") << QStringList{"--remote", "0", "--remote-bind", "example.org"} << "--remote-bind must be an IP address";
        QTest::newRow("bind without remote") << QStringList{"--remote-bind", "127.0.0.1"} << "--remote-bind needs --remote";
        QTest::newRow("screens without kiosk") << QStringList{"--kiosk-screens", "HDMI-1"} << "--kiosk-screens needs --kiosk";
    }

    void commandLineErrors()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        const AppRun r = runApp(args, 30000);
        QVERIFY2(r.exitCode == 64, r.what().constData());
        QVERIFY2(r.err.contains(message), r.what().constData());
    }

    void shortTokenRefused()
    {
        QProcessEnvironment env = m_env;
        env.insert("LIYUAN_REMOTE_TOKEN", "short");
        const AppRun r = runApp({"--remote", "0", osgb()}, 60000, env);
        QVERIFY2(r.exitCode == 2, r.what().constData());
        QVERIFY2(r.err.contains("LIYUAN_REMOTE_TOKEN is too short"), r.what().constData());
        QVERIFY(!r.err.contains("short\n") && !r.out.contains("short"));
    }

    void tokenRefusedOrAccepted_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("token");      // null: no Authorization header
        QTest::addColumn<QByteArray>("scheme");
        QTest::addColumn<int>("status");
        QTest::newRow("no token") << "/api/state" << QString() << QByteArray("Bearer ") << 401;
        QTest::newRow("wrong token") << "/api/views" << "test-token-0123456789abcdeX" << QByteArray("Bearer ") << 401;
        QTest::newRow("empty token") << "/api/views" << "" << QByteArray("Bearer ") << 401;
        QTest::newRow("prefix of the token") << "/api/views" << kToken.left(10) << QByteArray("Bearer ") << 401;
        QTest::newRow("basic scheme") << "/api/views" << kToken << QByteArray("Basic ") << 401;
        QTest::newRow("query token on the API") << "/api/views?token=" + kToken << QString() << QByteArray("Bearer ") << 401;
        QTest::newRow("page without token") << "/" << QString() << QByteArray("Bearer ") << 401;
        QTest::newRow("page with query token") << "/?token=" + kToken << QString() << QByteArray("Bearer ") << 200;
        QTest::newRow("right token: state") << "/api/state" << kToken << QByteArray("Bearer ") << 200;
        QTest::newRow("right token: views") << "/api/views" << kToken << QByteArray("Bearer ") << 200;
        QTest::newRow("right token: tours") << "/api/tours" << kToken << QByteArray("Bearer ") << 200;
    }

    void tokenRefusedOrAccepted()
    {
        static App *app = nullptr; // one app for all rows
        if (!app) {
            app = new App;
            QString error;
            QVERIFY2(app->start({m_project}, m_env, &error), qPrintable(error));
            QVERIFY(app->out().contains("remote: token from LIYUAN_REMOTE_TOKEN"));
            QVERIFY(!app->out().contains(kToken));
        }
        QFETCH(QString, path);
        QFETCH(QString, token);
        QFETCH(QByteArray, scheme);
        QFETCH(int, status);
        const Reply r = app->request("GET", path, token, {}, scheme);
        QVERIFY2(r.status == status, r.what());
        if (status == 401) {
            QVERIFY2(r.json()["error"].toString().contains("token"), r.what());
            QVERIFY(!r.body.contains(kToken.toUtf8()));
        }
        if (QByteArray(QTest::currentDataTag()) == "right token: views") {
            QStringList names;
            for (const QJsonValue &v : r.json()["views"].toArray())
                names << v["name"].toString();
            QCOMPARE(names, QStringList({"North", "East", "South"}));
        }
        if (QByteArray(QTest::currentDataTag()) == "right token: tours") {
            QCOMPARE(r.json()["tours"].toArray().size(), 1);
            QCOMPARE(r.json()["tours"][0]["name"].toString(), QStringLiteral("Walk"));
            QCOMPARE(r.json()["tours"][0]["steps"].toInt(), 3);
        }
        if (QByteArray(QTest::currentDataTag()) == "right token: state") {
            QVERIFY(!r.body.contains(kToken.toUtf8())); // never in the state
            QCOMPARE(r.json()["remote"]["tokenSource"].toString(), QStringLiteral("LIYUAN_REMOTE_TOKEN"));
            QVERIFY(r.json()["remote"]["refused"].toInt() > 0);
        }
        if (QByteArray(QTest::currentDataTag()) == "right token: tours") { // the last row
            delete app;
            app = nullptr;
        }
    }

    void generatedTokenFile()
    {
        // no LIYUAN_REMOTE_TOKEN: a token is made once, kept 0600, named by path only
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove("LIYUAN_REMOTE_TOKEN");
        const QString file = QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation) + "/Liyuan/liyuan/remote-token";
        QFile::remove(file);
        QString token;
        for (int run = 0; run < 2; ++run) {
            App app;
            QString error;
            QVERIFY2(app.start({osgb()}, env, &error), qPrintable(error));
            QVERIFY2(app.out().contains("remote: token in " + file), qPrintable(app.out()));
            QFile f(file);
            QVERIFY(f.open(QIODevice::ReadOnly));
            const QString now = QString::fromUtf8(f.readAll()).trimmed();
            QVERIFY(now.size() >= 40);
            QCOMPARE(int(f.permissions() & (QFile::ReadGroup | QFile::WriteGroup | QFile::ReadOther | QFile::WriteOther)), 0);
            if (run == 0)
                token = now;
            QCOMPARE(now, token); // the same token on the second start
            QVERIFY(!app.out().contains(token));
            QVERIFY(!app.err().contains(token));
            QCOMPARE(app.request("GET", "/api/views", token).status, 200);
            QCOMPARE(app.request("GET", "/api/views", kToken).status, 401);
        }
        // a token file readable by others is tightened to 0600 before it is used
        QVERIFY(QFile::setPermissions(file, QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup | QFile::ReadOther));
        {
            App app;
            QString error;
            QVERIFY2(app.start({osgb()}, env, &error), qPrintable(error));
            QCOMPARE(int(QFile::permissions(file) & (QFile::ReadGroup | QFile::ReadOther)), 0);
            QCOMPARE(app.request("GET", "/api/views", token).status, 200);
        }
        // a token file too short to be a token: the app says so (naming the file) and exits 2
        QVERIFY(writeFile(file, "abc\n"));
        const AppRun r = runApp({"--remote", "0", osgb()}, 60000, env);
        QVERIFY2(r.exitCode == 2 && r.err.contains(file) && r.err.contains("shorter than 16"), r.what().constData());
    }

    void hostileRequests_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("message");
        QTest::newRow("bad JSON") << QByteArray("POST") << "/api/tours/Walk/play" << QByteArray("{\"loop\": tru") << 400 << "not valid JSON";
        QTest::newRow("JSON array") << QByteArray("POST") << "/api/next" << QByteArray("[1,2]") << 400 << "JSON object";
        QTest::newRow("loop not a bool") << QByteArray("POST") << "/api/tours/Walk/play" << QByteArray("{\"loop\":\"yes\"}") << 400 << "loop";
        QTest::newRow("negative time") << QByteArray("POST") << "/api/tours/Walk/play" << QByteArray("{\"time\":-5}") << 400 << "time";
        QTest::newRow("unknown view") << QByteArray("POST") << "/api/views/Nowhere/go" << QByteArray() << 404 << "unknown view 'Nowhere'";
        QTest::newRow("encoded slash in view") << QByteArray("POST") << "/api/views/North%2F..%2F/go" << QByteArray() << 404 << "unknown view 'North/../'";
        QTest::newRow("unknown tour") << QByteArray("POST") << "/api/tours/Nope/play" << QByteArray() << 404 << "unknown tour 'Nope'";
        QTest::newRow("unknown endpoint") << QByteArray("GET") << "/api/secrets" << QByteArray() << 404 << "no such endpoint";
        QTest::newRow("GET on a command") << QByteArray("GET") << "/api/next" << QByteArray() << 405 << "needs POST";
        QTest::newRow("DELETE on state") << QByteArray("DELETE") << "/api/state" << QByteArray() << 405 << "needs GET";
        QTest::newRow("huge body") << QByteArray("POST") << "/api/next" << QByteArray(4 * 1024 * 1024, 'x') << 413 << "larger than the limit";
    }

    void hostileRequests()
    {
        static App *app = nullptr;
        if (!app) {
            app = new App;
            QString error;
            QVERIFY2(app->start({m_project}, m_env, &error), qPrintable(error));
            QVERIFY(!app->waitState([](const QJsonObject &s) { return !s["presenter"]["views"].toArray().isEmpty(); })
                             ["presenter"]["views"].toArray().isEmpty());
        }
        QFETCH(QByteArray, method);
        QFETCH(QString, path);
        QFETCH(QByteArray, body);
        QFETCH(int, status);
        QFETCH(QString, message);
        const Reply r = app->request(method, path, kToken, body);
        QVERIFY2(r.status == status, r.what());
        QVERIFY2(r.json()["error"].toString().contains(message), r.what());
        // the app is still there and answers
        QCOMPARE(app->request("GET", "/api/state").status, 200);
        QVERIFY(app->running());
        if (QByteArray(QTest::currentDataTag()) == "huge body") { // the last row
            delete app;
            app = nullptr;
        }
    }

    void tourDrivenOverHttpAndWebSocket()
    {
        App app;
        QString error;
        QVERIFY2(app.start({m_project}, m_env, &error), qPrintable(error));
        app.waitState([](const QJsonObject &s) { return s["presenter"]["tours"].toArray().size() == 1; });

        // WebSockets: the handshake is refused without the token, with a wrong one or on another path
        for (const QString &query : {QString(), QStringLiteral("?token=wrong-token-0123456789"), QStringLiteral("/../api?token=") + kToken}) {
            WsClient bad;
            QVERIFY2(!bad.open(app.port, query), qPrintable(query));
            QVERIFY(bad.messages.isEmpty());
        }
        QVERIFY(app.state()["remote"]["refused"].toInt() >= 2);

        WsClient ws;
        QVERIFY(ws.open(app.port, "?token=" + kToken));
        QVERIFY(ws.waitFor([](const QJsonObject &m) { return m["type"] == "state"; }).contains("presenter"));

        Reply r = app.request("POST", "/api/tours/Walk/play");
        QVERIFY2(r.status == 200, r.what());
        QCOMPARE(r.json()["presenter"]["tour"].toString(), QStringLiteral("Walk"));
        QCOMPARE(r.json()["presenter"]["step"].toInt(), 0);
        r = app.request("POST", "/api/next");
        QVERIFY2(r.status == 200, r.what());
        QCOMPARE(r.json()["presenter"]["step"].toInt(), 1);
        // pushed on the WebSocket
        const QJsonObject pushed = ws.waitFor([](const QJsonObject &m) {
            return m["type"] == "state" && m["presenter"]["tour"] == "Walk" && m["presenter"]["step"].toInt() == 1;
        });
        QVERIFY2(!pushed.isEmpty(), "the step change was not pushed on the WebSocket");
        QVERIFY(pushed["presenter"]["caption"].toString().contains("East"));

        // the same commands as WebSocket messages
        ws.ws.sendTextMessage(R"({"command":"next","id":7})");
        const QJsonObject reply = ws.waitFor([](const QJsonObject &m) { return m["type"] == "reply" && m["id"].toInt() == 7; });
        QVERIFY2(reply["ok"].toBool(), QJsonDocument(reply).toJson().constData());
        QCOMPARE(reply["presenter"]["step"].toInt(), 2);
        ws.ws.sendTextMessage(R"({"command":"go","view":"Atlantis","id":8})");
        const QJsonObject missing = ws.waitFor([](const QJsonObject &m) { return m["id"].toInt() == 8; });
        QCOMPARE(missing["type"].toString(), QStringLiteral("error"));
        QCOMPARE(missing["status"].toInt(), 404);
        ws.ws.sendTextMessage(R"({"command": "next", )");
        QVERIFY(ws.waitFor([](const QJsonObject &m) { return m["type"] == "error" && m["error"].toString().contains("not valid JSON"); })
                        .contains("error"));
        ws.ws.sendTextMessage(R"({"command":"previous","id":9})");
        QCOMPARE(ws.waitFor([](const QJsonObject &m) { return m["id"].toInt() == 9; })["presenter"]["step"].toInt(), 1);

        r = app.request("POST", "/api/pause");
        QVERIFY(r.json()["presenter"]["paused"].toBool());
        r = app.request("POST", "/api/resume");
        QVERIFY(!r.json()["presenter"]["paused"].toBool());
        r = app.request("POST", "/api/blank");
        QVERIFY(r.json()["presenter"]["blanked"].toBool());
        QVERIFY(!ws.waitFor([](const QJsonObject &m) { return m["type"] == "state" && m["presenter"]["blanked"].toBool(); }).isEmpty());
        r = app.request("POST", "/api/blank", kToken, R"({"blanked":false})");
        QVERIFY(!r.json()["presenter"]["blanked"].toBool());
        // the app's own state shows it
        const QJsonObject s = app.state();
        QCOMPARE(s["presenter"]["tour"].toString(), QStringLiteral("Walk"));
        QCOMPARE(s["presenter"]["step"].toInt(), 1);
        QCOMPARE(s["remote"]["clients"].toInt(), 1);
        r = app.request("POST", "/api/stop");
        QVERIFY2(r.status == 200, r.what());
        QVERIFY(!r.json()["presenter"]["playing"].toBool());
        // a view by name
        r = app.request("POST", "/api/views/East/go");
        QVERIFY2(r.status == 200, r.what());

        // figures (printed, not asserted): command round trip and the push that follows it
        QCOMPARE(app.request("POST", "/api/tours/Walk/play").status, 200);
        std::vector<double> http, push;
        for (int i = 0; i < 20; ++i) {
            ws.messages.clear();
            const int want = (i % 2 == 0) ? 1 : 0;
            QElapsedTimer t;
            t.start();
            const Reply step = app.request("POST", want == 1 ? "/api/next" : "/api/previous");
            http.push_back(t.nsecsElapsed() / 1e6);
            QCOMPARE(step.json()["presenter"]["step"].toInt(), want);
            QVERIFY(!ws.waitFor([want](const QJsonObject &m) { return m["type"] == "state" && m["presenter"]["step"].toInt() == want; }).isEmpty());
            push.push_back(t.nsecsElapsed() / 1e6);
        }
        std::sort(http.begin(), http.end());
        std::sort(push.begin(), push.end());
        qInfo("remote: command round trip p50 %.1f ms max %.1f ms; WebSocket push after the command p50 %.1f ms max %.1f ms (20 runs)",
              http[10], http.back(), push[10], push.back());
    }

    void tabletPageInChromium()
    {
        const QString chromium = QStandardPaths::findExecutable("chromium");
        LIYUAN_REQUIRE(!chromium.isEmpty(), "chromium is not installed");
        App app;
        QString error;
        QVERIFY2(app.start({m_project}, m_env, &error), qPrintable(error));
        app.waitState([](const QJsonObject &s) { return s["presenter"]["tours"].toArray().size() == 1; });
        QCOMPARE(app.state()["presenter"]["tour"].toString(), QString());

        // the page clicks the tour in its list, then its Next button, and writes what it saw
        QProcess c;
        c.start(chromium, {"--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions",
                           "--user-data-dir=" + m_dir.filePath("chromium"), "--virtual-time-budget=20000", "--dump-dom",
                           QStringLiteral("http://127.0.0.1:%1/?token=%2&autotest=play:Walk,next,next").arg(app.port).arg(kToken)});
        QVERIFY(c.waitForStarted(10000));
        QVERIFY2(c.waitForFinished(120000), "chromium did not finish");
        const QString dom = QString::fromUtf8(c.readAllStandardOutput());
        static const QRegularExpression re(QStringLiteral("<pre id=\"autotest-result\">(.*?)</pre>"),
                                           QRegularExpression::DotMatchesEverythingOption);
        const auto m = re.match(dom);
        QVERIFY2(m.hasMatch(), qPrintable(dom.left(3000) + QString::fromUtf8(c.readAllStandardError()).right(2000)));
        QString text = m.captured(1);
        text.replace("&quot;", "\"").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
        const QJsonObject result = QJsonDocument::fromJson(text.toUtf8()).object();
        QVERIFY2(result["done"].toBool(), qPrintable(text));
        const QJsonArray actions = result["actions"].toArray();
        QCOMPARE(actions.size(), 3);
        for (const QJsonValue &a : actions)
            QVERIFY2(a["status"].toInt() == 200, qPrintable(text));
        QCOMPARE(actions[2]["stepIndex"].toInt(), 2);
        // the WebSocket pushed the new step to the page, which shows it
        QCOMPARE(result["pushed"]["step"].toInt(), 2);
        QCOMPARE(result["pushed"]["tour"].toString(), QStringLiteral("Walk"));
        QVERIFY2(result["shown"].toString().contains("step 3 / 3"), qPrintable(text));
        // and the app itself is on the tour's third step
        const QJsonObject s = app.state();
        QCOMPARE(s["presenter"]["tour"].toString(), QStringLiteral("Walk"));
        QCOMPARE(s["presenter"]["step"].toInt(), 2);
        QVERIFY(!dom.contains(kToken)); // the token left the address bar
    }

    void kioskShowsNoDialogOnBadInput_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QByteArray>("content"); // written to path first when not empty
        QTest::addColumn<QString>("expect");     // in the overlay message
        QTest::addColumn<QStringList>("extra");  // more arguments
        QTest::newRow("missing dataset") << m_dir.filePath("nowhere/Production_9") << QByteArray() << "Production_9" << QStringList();
        QTest::newRow("corrupt project") << m_dir.filePath("corrupt.liyuan.json") << QByteArray("{\"layers\": [ {\"path\": ")
                                         << "corrupt.liyuan.json" << QStringList();
        QTest::newRow("project of a missing dataset")
                << m_dir.filePath("dangling.liyuan.json")
                << QByteArray(R"({"format":"liyuan-project","version":1,"layers":[{"id":"a","path":"/nonexistent/Data","kind":"osgb"}]})")
                << "dangling" << QStringList();
        QTest::newRow("unknown screen") << osgb() << QByteArray() << "no screen named HDMI-9" << QStringList{"--kiosk-screens", "HDMI-9"};
    }

    void kioskShowsNoDialogOnBadInput()
    {
        QFETCH(QString, path);
        QFETCH(QByteArray, content);
        QFETCH(QString, expect);
        QFETCH(QStringList, extra);
        if (!content.isEmpty())
            QVERIFY(writeFile(path, content));
        QFile::remove(QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) + "/Liyuan/liyuan/kiosk-state.json");
        App app;
        QString error;
        QProcessEnvironment env = m_env;
        env.insert("LIYUAN_TEST_OPEN_POPUPS", "1"); // the app opens every popup and dialog it has once
        QVERIFY2(app.start(QStringList{"--kiosk", path} + extra, env, &error), qPrintable(error));
        const QJsonObject s = app.waitState([&](const QJsonObject &s) {
            for (const QJsonValue &m : s["kiosk"]["reported"].toArray())
                if (m.toString().contains(expect))
                    return true;
            return false;
        });
        QVERIFY2(s["kiosk"]["enabled"].toBool(), QJsonDocument(s["kiosk"].toObject()).toJson().constData());
        bool named = false;
        for (const QJsonValue &m : s["kiosk"]["reported"].toArray())
            named = named || m.toString().contains(expect);
        QVERIFY2(named, QJsonDocument(s["kiosk"].toObject()).toJson().constData());
        QCOMPARE(s["kiosk"]["openPopups"].toInt(), 0);
        // still running a while later, still no popup, and the message is in the log file
        QTest::qWait(3000);
        QVERIFY(app.running());
        const QJsonObject later = app.state();
        QCOMPARE(later["kiosk"]["openPopups"].toInt(), 0);
        // the guard closed what the test hook opened (menus, file dialogs, the help popup …)
        const int opened = later["kiosk"]["testOpenedPopups"].toInt();
        QVERIFY2(opened >= 3, QJsonDocument(later["kiosk"].toObject()).toJson().constData());
        QVERIFY2(later["kiosk"]["closedPopups"].toInt() >= opened, QJsonDocument(later["kiosk"].toObject()).toJson().constData());
        QFile log(later["kiosk"]["logFile"].toString());
        QVERIFY2(log.open(QIODevice::ReadOnly), qPrintable(log.fileName()));
        QVERIFY(QString::fromUtf8(log.readAll()).contains(expect));
    }

    void kioskRestoresTheLastView()
    {
        const QString stateFile = QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) + "/Liyuan/liyuan/kiosk-state.json";
        QFile::remove(stateFile);
        {
            App app;
            QString error;
            QVERIFY2(app.start({"--kiosk", m_project}, m_env, &error), qPrintable(error));
            app.waitState([](const QJsonObject &s) { return s["presenter"]["views"].toArray().size() == 3; });
            const Reply r = app.request("POST", "/api/views/East/go");
            QVERIFY2(r.status == 200, r.what());
            // saved every 2 s: wait for a save that holds the view and the camera at rest
            QElapsedTimer t;
            t.start();
            bool saved = false;
            const QJsonArray east = m_views["East"].toArray();
            while (!saved && t.elapsed() < 30000) {
                QTest::qWait(500);
                const QJsonObject st = readJson(stateFile);
                const QJsonArray eye = st["camera"]["eye"].toArray();
                saved = st["view"].toString() == "East" && eye.size() == 3 && std::abs(eye[0].toDouble() - east[0].toDouble()) < 0.5
                        && std::abs(eye[1].toDouble() - east[1].toDouble()) < 0.5 && std::abs(eye[2].toDouble() - east[2].toDouble()) < 0.5;
            }
            QVERIFY2(saved, QJsonDocument(readJson(stateFile)).toJson().constData());
            app.stop(); // SIGTERM, as a crash: only the regular saves count
        }
        App again;
        QString error;
        QVERIFY2(again.start({"--kiosk", m_project}, m_env, &error), qPrintable(error));
        const QJsonObject s = again.waitState([](const QJsonObject &s) { return s["kiosk"]["restored"]["view"] == "East"; });
        QVERIFY2(s["kiosk"]["restored"]["view"] == "East", QJsonDocument(s["kiosk"].toObject()).toJson().constData());
        const QJsonObject local = s["camera"]["local"].toObject();
        const QJsonArray east = m_views["East"].toArray();
        QVERIFY2(std::abs(local["x"].toDouble() - east[0].toDouble()) < 0.5 && std::abs(local["y"].toDouble() - east[1].toDouble()) < 0.5
                         && std::abs(local["z"].toDouble() - east[2].toDouble()) < 0.5,
                 QJsonDocument(local).toJson().constData());

        // a tour paused on its second step comes back on that step, paused
        QCOMPARE(again.request("POST", "/api/tours/Walk/play").status, 200);
        QCOMPARE(again.request("POST", "/api/next").json()["presenter"]["step"].toInt(), 1);
        QVERIFY(again.request("POST", "/api/pause").json()["presenter"]["paused"].toBool());
        QElapsedTimer t;
        t.start();
        while (t.elapsed() < 30000 && !(readJson(stateFile)["tour"] == "Walk" && readJson(stateFile)["paused"].toBool()))
            QTest::qWait(300);
        QCOMPARE(readJson(stateFile)["step"].toInt(), 1);
        again.stop();
        App third;
        QVERIFY2(third.start({"--kiosk", m_project}, m_env, &error), qPrintable(error));
        const QJsonObject s3 = third.waitState([](const QJsonObject &s) { return s["kiosk"]["restored"]["tour"] == "Walk"; });
        QVERIFY2(s3["kiosk"]["restored"]["tour"] == "Walk", QJsonDocument(s3["kiosk"].toObject()).toJson().constData());
        QCOMPARE(s3["presenter"]["tour"].toString(), QStringLiteral("Walk"));
        QCOMPARE(s3["presenter"]["step"].toInt(), 1);
        QVERIFY(s3["presenter"]["paused"].toBool());
    }
};

QTEST_MAIN(tst_RemoteApp)
#include "tst_remoteapp.moc"
