#pragma once
// Runs the liyuan executable for tests and collects its output.
#include <QProcess>
#include <QProcessEnvironment>
#include <QStringList>
#include <QtTest>

struct AppRun
{
    int exitCode = -1;
    bool finished = false;
    QString out;
    QString err;
};

inline AppRun runApp(const QStringList &args, int timeoutMs = 120000, const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment())
{
    QProcess p;
    p.setProcessEnvironment(env);
    p.start(QStringLiteral(LIYUAN_APP), args);
    AppRun r;
    if (!p.waitForStarted(10000))
        return r;
    r.finished = p.waitForFinished(timeoutMs);
    if (!r.finished) {
        p.kill();
        p.waitForFinished(5000);
    }
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2;
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}
