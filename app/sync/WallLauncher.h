#pragma once
#include <QObject>
#include <QProcess>
#include <QStringList>
#include <QTemporaryDir>

#include <memory>
#include <vector>

namespace liyuan {

/**
 * The one-machine wall (`--wall FILE` without `--wall-screen`): starts a private mosquitto on a
 * free loopback port (when no broker is given) and one follower process per screen of the layout
 * (the same binary with `--wall FILE --wall-screen ID --follow URL`); the caller then leads.
 * Children get PR_SET_PDEATHSIG, so none outlives this process even when it is killed, and are
 * terminated when this object goes. GUI thread.
 */
class WallLauncher : public QObject
{
    Q_OBJECT
public:
    struct Spec
    {
        QString program;          ///< the liyuan binary
        QString wallFile;
        QStringList screens;      ///< screen ids (one follower each)
        QString wallId;
        QString brokerUrl;        ///< empty: start a private mosquitto
        QStringList commonArgs;   ///< datasets and options every follower gets
        QString stateDir;         ///< non-empty: follower X writes STATE_DIR/X.json (live --state-json)
        QString logDir;           ///< non-empty: follower X writes LOG_DIR/X.log (--sync-log)
    };

    explicit WallLauncher(QObject *parent = nullptr);
    ~WallLauncher() override;

    /** Starts the broker (when needed) and the followers; false with a message. */
    bool start(const Spec &spec, QString *error);
    /** The broker the followers use (the private one: tcp://127.0.0.1:PORT). */
    QString brokerUrl() const { return m_url; }
    /** Terminates the followers (then kills what is left after 2 s) and the private broker. */
    void stopAll();
    int followerCount() const { return int(m_followers.size()); }

private:
    bool startBroker(QString *error);

    QString m_url;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<QProcess> m_broker;
    std::vector<std::unique_ptr<QProcess>> m_followers;
};

} // namespace liyuan
