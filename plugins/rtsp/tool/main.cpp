// liyuan-rtsp-server: serves H.264 test streams over RTSP (tests, benchmarks, demos).
//
//   liyuan-rtsp-server [--port N] [--address A] --pattern PATH[=WxH[@FPS]][:KIND] ... [--user U --password-env VAR]
//
// Prints "READY <port>" on stdout once listening, serves until SIGTERM or SIGINT, then stops
// cleanly (exit 0). Bad arguments: a message on stderr, exit 64; cannot listen: exit 1.
#include <liyuan/rtsp/RtspServer.h>

#include <QRegularExpression>
#include <QString>

#include <csignal>
#include <cstdio>
#include <pthread.h>

namespace {

int usage(const char *message)
{
    std::fprintf(stderr,
                 "liyuan-rtsp-server: %s\n"
                 "usage: liyuan-rtsp-server [--port N] [--address A] --pattern PATH[=WxH[@FPS]][:KIND] ... "
                 "[--user U --password-env VAR]\n"
                 "  --port N            port to listen on (0, the default: a free port)\n"
                 "  --address A         address to bind (default 127.0.0.1)\n"
                 "  --pattern PATH=WxH@FPS:KIND  an H.264 test pattern at rtsp://A:N/PATH (default 320x240@25:ball;\n"
                 "                      KIND: ball, smpte, scroll (moving bars), snow (noise))\n"
                 "  --user U            require RTSP Basic authentication with user U and the password\n"
                 "  --password-env VAR  read from the environment variable VAR (never from the command line)\n"
                 "prints \"READY <port>\" once listening; stops on SIGTERM/SIGINT\n",
                 message);
    return 64;
}

} // namespace

int main(int argc, char **argv)
{
    // block the stop signals before any thread exists, so every GStreamer thread inherits the mask
    // and sigwait() below receives them
    sigset_t stopSignals;
    sigemptyset(&stopSignals);
    sigaddset(&stopSignals, SIGTERM);
    sigaddset(&stopSignals, SIGINT);
    pthread_sigmask(SIG_BLOCK, &stopSignals, nullptr);

    struct Pattern
    {
        QString path;
        QSize size;
        int fps;
        QString kind;
    };
    QVector<Pattern> patterns;
    int port = 0;
    QString address = QStringLiteral("127.0.0.1");
    QString user;
    QString passwordEnv;
    const QRegularExpression patternRe(QStringLiteral("^(/?[A-Za-z0-9_./-]+)(?:=(\\d{1,9})x(\\d{1,9})(?:@(\\d{1,9}))?)?(?::([a-z]+))?$"));
    for (int i = 1; i < argc; ++i) {
        const QString arg = QString::fromLocal8Bit(argv[i]);
        auto value = [&](QString *out) {
            if (i + 1 >= argc)
                return false;
            *out = QString::fromLocal8Bit(argv[++i]);
            return true;
        };
        QString v;
        if (arg == QLatin1String("--help") || arg == QLatin1String("-h")) {
            usage("serves H.264 test streams over RTSP");
            return 0;
        } else if (arg == QLatin1String("--port")) {
            bool ok = false;
            if (!value(&v) || (port = v.toInt(&ok), !ok) || port < 0 || port > 65535)
                return usage("--port needs a number 0-65535");
        } else if (arg == QLatin1String("--address")) {
            if (!value(&address) || address.isEmpty())
                return usage("--address needs an address");
        } else if (arg == QLatin1String("--pattern")) {
            if (!value(&v))
                return usage("--pattern needs PATH[=WxH[@FPS]]");
            const auto m = patternRe.match(v);
            if (!m.hasMatch())
                return usage(qPrintable(QStringLiteral("malformed --pattern '%1' (PATH[=WxH[@FPS]])").arg(v)));
            Pattern p{m.captured(1), QSize(320, 240), 25, QStringLiteral("ball")};
            if (!m.captured(5).isEmpty())
                p.kind = m.captured(5);
            if (!liyuan::rtsp::RtspServer::testPatternKinds().contains(p.kind))
                return usage(qPrintable(QStringLiteral("--pattern '%1': unknown pattern '%2' (%3)")
                                            .arg(v, p.kind, liyuan::rtsp::RtspServer::testPatternKinds().join(QLatin1String(", ")))));
            if (!m.captured(2).isEmpty())
                p.size = QSize(m.captured(2).toInt(), m.captured(3).toInt());
            if (!m.captured(4).isEmpty())
                p.fps = m.captured(4).toInt();
            if (p.size.width() < 16 || p.size.height() < 16 || p.size.width() > 7680 || p.size.height() > 4320 || p.fps < 1
                || p.fps > 120)
                return usage(qPrintable(QStringLiteral("--pattern '%1': size 16x16-7680x4320, fps 1-120").arg(v)));
            patterns.append(p);
        } else if (arg == QLatin1String("--user")) {
            if (!value(&user) || user.isEmpty())
                return usage("--user needs a name");
        } else if (arg == QLatin1String("--password-env")) {
            if (!value(&passwordEnv) || passwordEnv.isEmpty())
                return usage("--password-env needs a variable name");
        } else {
            return usage(qPrintable(QStringLiteral("unknown argument '%1'").arg(arg)));
        }
    }
    if (patterns.isEmpty())
        return usage("give at least one --pattern");
    if (!passwordEnv.isEmpty() && user.isEmpty())
        return usage("--password-env needs --user");
    if (!user.isEmpty() && passwordEnv.isEmpty())
        return usage("--user needs --password-env VAR (the password is never read from the command line)");
    if (!passwordEnv.isEmpty() && !qEnvironmentVariableIsSet(passwordEnv.toLocal8Bit().constData()))
        return usage(qPrintable(QStringLiteral("the environment variable %1 is not set").arg(passwordEnv)));

    liyuan::rtsp::RtspServer server;
    server.setAddress(address);
    for (const Pattern &p : patterns)
        server.addTestPattern(p.path, p.size, p.fps, p.kind);
    if (!user.isEmpty())
        server.setCredentials(user, qEnvironmentVariable(passwordEnv.toLocal8Bit().constData()));
    QString error;
    if (!server.start(quint16(port), &error)) {
        std::fprintf(stderr, "liyuan-rtsp-server: %s\n", qPrintable(error));
        return 1;
    }
    std::printf("READY %u\n", unsigned(server.port()));
    std::fflush(stdout);
    for (const QString &path : server.paths())
        std::fprintf(stderr, "liyuan-rtsp-server: serving %s\n", qPrintable(server.url(path)));

    int sig = 0;
    sigwait(&stopSignals, &sig);
    server.stop();
    std::fprintf(stderr, "liyuan-rtsp-server: stopped (%s)\n", sig == SIGTERM ? "SIGTERM" : "SIGINT");
    return 0;
}
