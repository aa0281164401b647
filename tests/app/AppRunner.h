#pragma once
// Runs the liyuan executable for tests and collects its output.
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
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

    /** For a failed check: how the run ended (exit code, crash, timeout), stderr and the end of stdout. */
    QByteArray what() const
    {
        const QString how = !finished ? QStringLiteral("did not finish in time")
                : exitCode == -2      ? QStringLiteral("crashed")
                                      : QStringLiteral("exit code %1").arg(exitCode);
        return (how + QStringLiteral("\n-- stderr:\n") + err + QStringLiteral("-- stdout (end):\n") + out.right(2000))
                .toLocal8Bit();
    }
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

/** A --state-json (or any JSON object) file; empty when missing or not an object. */
inline QJsonObject readStateJson(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? QJsonDocument::fromJson(f.readAll()).object() : QJsonObject{};
}

/** The entry of a --state-json "layers" array whose path is path; empty when none. */
inline QJsonObject stateLayerWithPath(const QJsonObject &state, const QString &path)
{
    for (const QJsonValue &l : state.value(QStringLiteral("layers")).toArray())
        if (l.toObject().value(QStringLiteral("path")).toString() == path)
            return l.toObject();
    return {};
}
