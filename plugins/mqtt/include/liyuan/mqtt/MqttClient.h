#pragma once

#include <QByteArray>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QTimer>

#include <memory>

namespace liyuan::mqtt {

/**
 * A small MQTT publish/subscribe client (Eclipse Paho behind a pimpl) for the wall's
 * leader/follower synchronisation. The API is for the thread the object lives in (the GUI thread).
 *
 * Messages arrive on Paho's threads and are delivered one by one as `messageReceived` on the
 * object's thread (queued, in arrival order). `publish` never blocks: it hands the message to
 * Paho and returns false when not connected (QoS 0 messages are then dropped and counted).
 *
 * Connection: clean session, an optional last will (retained), subscriptions renewed after each
 * connect; a lost connection or a failed connect is retried after minRetryMs, doubling up to
 * maxRetryMs. `connected()` is emitted after every (re)connect once the subscriptions are
 * acknowledged, so a caller can (re)publish its retained presence there. ssl:// / mqtts:// use TLS.
 * The password stays in memory only.
 */
class MqttClient : public QObject
{
    Q_OBJECT
public:
    enum class State { Disconnected, Connecting, Connected, Reconnecting };
    Q_ENUM(State)

    struct Settings
    {
        QString url;              ///< tcp://host:1883, mqtt://…, ssl://…, mqtts://…, ws://…
        QString clientId;         ///< empty: a random one
        QString username;
        QString password;
        QString caFile;           ///< PEM CA bundle for TLS (empty: the system trust store)
        QStringList subscriptions;///< filters subscribed with QoS 0 (may be empty: publish only)
        QString willTopic;        ///< empty: no last will
        QByteArray willPayload;
        bool willRetained = true;
        int keepAliveSeconds = 5;
        int minRetryMs = 200;
        int maxRetryMs = 4000;
    };

    struct Counters
    {
        quint64 received = 0;
        quint64 published = 0;
        quint64 publishDropped = 0; ///< publish() while not connected or refused by Paho
        quint64 reconnects = 0;
    };

    explicit MqttClient(QObject *parent = nullptr);
    ~MqttClient() override;

    /** Checks the settings (false with lastError()) and connects asynchronously; restarts when running. */
    bool start(const Settings &settings);
    /** Disconnects cleanly (at most ~1 s; the broker then does not send the will) and stops retrying. */
    void stop();
    /** Publishes without blocking; false (counted) when not connected. */
    bool publish(const QString &topic, const QByteArray &payload, int qos = 0, bool retained = false);

    State state() const { return m_state; }
    bool isConnected() const { return m_state == State::Connected; }
    Counters counters() const;
    QString lastError() const { return m_lastError; }
    /** The URL as given, for messages and state (never contains the password). */
    QString url() const { return m_settings.url; }

signals:
    void stateChanged(liyuan::mqtt::MqttClient::State state);
    /** Connected and subscribed (after each reconnect too). */
    void connected();
    void messageReceived(const QString &topic, const QByteArray &payload);
    void connectionError(const QString &message);

private:
    struct Impl;
    void setState(State s);
    void connectNow();
    void scheduleReconnect();
    void onConnected(quint64 generation);
    void onConnectFailed(quint64 generation, const QString &message);
    void onConnectionLost(quint64 generation, const QString &cause);

    std::shared_ptr<Impl> m_impl;
    Settings m_settings;
    State m_state = State::Disconnected;
    QString m_lastError;
    QTimer m_retryTimer;
    int m_retryMs = 0;
    bool m_everConnected = false;
};

} // namespace liyuan::mqtt
