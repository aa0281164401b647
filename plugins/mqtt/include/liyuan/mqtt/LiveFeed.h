#pragma once

#include <liyuan/live/EventMapping.h>
#include <liyuan/live/Observation.h>
#include <liyuan/live/PayloadMapping.h>

#include <QElapsedTimer>
#include <QObject>
#include <QStringList>
#include <QTimer>

#include <memory>

namespace liyuan::mqtt {

/// Live MQTT feed. The API is for the GUI thread (the thread the object lives in).
///
/// The MQTT client (Eclipse Paho, hidden) receives on its own threads, parses each message
/// there with the PayloadMapping (pure, thread-safe) and appends it to a bounded buffer; the
/// GUI thread gets the buffer as one `observationsReady` batch at most once per ~16 ms, so a
/// flood never blocks it. Messages beyond `maxPending()` waiting observations are dropped and
/// counted.
///
/// Connection: clean session, QoS 0 subscriptions to Settings::topics. When the connection
/// drops (or the first connect fails) the state becomes Reconnecting and a reconnect is tried
/// after minRetryMs, doubling up to maxRetryMs; after each successful connect every topic is
/// subscribed again. `ssl://` (or `mqtts://`) URLs use TLS, verified against caFile.
///
/// Events: with an event mapping (setEventMapping), a message whose topic matches an event rule
/// is parsed as an event only — never also as an observation (so one topic cannot feed both,
/// and an event topic under a broad observation filter such as `site/#` is not a malformed
/// observation). Events arrive as `eventsReady` batches with the same ~16 ms throttle, emitted
/// just before the observations of the same flush; rejected ones count in eventsMalformed.
/// Subscribe to the event mapping's subscriptions() too.
///
/// The password lives only in memory (in this object's copy of the Settings); it is never
/// written to disk, logs or error messages.
class LiveFeed : public QObject
{
    Q_OBJECT
public:
    enum class State { Disconnected, Connecting, Connected, Reconnecting };
    Q_ENUM(State)

    struct Settings
    {
        QString url;            ///< tcp://host:1883, mqtt://…, ssl://host:8883, mqtts://…
        QString clientId;       ///< empty: a random one
        QString username;
        QString password;
        QString caFile;         ///< PEM CA bundle for ssl:// (empty: the system trust store)
        QStringList topics;     ///< subscription filters, e.g. "v1.1/#"
        int keepAliveSeconds = 20;
        int minRetryMs = 250;
        int maxRetryMs = 8000;
    };

    struct Counters
    {
        quint64 received = 0;      ///< messages delivered by the broker
        quint64 parsed = 0;        ///< turned into observations
        quint64 malformed = 0;     ///< empty, too large, bad JSON, wrong type, missing field
        quint64 unknownDevice = 0;
        quint64 ignored = 0;       ///< topic not covered by the mapping (e.g. v1.1/Things under v1.1/#)
        quint64 dropped = 0;       ///< parsed but discarded because the GUI side fell behind
        quint64 reconnects = 0;    ///< successful connects after the first one
        quint64 events = 0;        ///< messages turned into events
        quint64 eventsMalformed = 0; ///< messages on an event topic that were rejected
    };

    explicit LiveFeed(QObject *parent = nullptr);
    ~LiveFeed() override;

    /// Used for messages received after the next start(); default: SensorThings.
    void setMapping(const live::PayloadMapping &mapping);
    /// Event rules, used for messages received after the next start(); default: none.
    void setEventMapping(const live::EventMapping &mapping) { m_eventMapping = mapping; }
    void setMaxPending(int n) { m_maxPending = n; }
    int maxPending() const { return m_maxPending; }

    /// Returns false (with lastError()) when the settings are unusable; otherwise connects
    /// asynchronously. Calling start() again restarts with the new settings.
    bool start(const Settings &settings);
    /** Whether a broker URL is encrypted: ssl://, mqtts:// and wss:// (MQTT over secure WebSockets). */
    static bool usesTls(const QString &url);
    /// Disconnects (waits up to ~1 s for a clean disconnect) and stops reconnecting.
    void stop();

    State state() const { return m_state; }
    Counters counters() const;
    /// Up to the last 50 malformed / unknown-device reasons, oldest first.
    QStringList recentErrors() const;
    QString lastError() const { return m_lastError; }

signals:
    void stateChanged(liyuan::mqtt::LiveFeed::State state);
    void observationsReady(const QList<liyuan::live::Observation> &batch);
    /// Events decoded on the Paho threads, delivered on the GUI thread (time stamped on arrival when the payload had none).
    void eventsReady(const QList<liyuan::live::EventRecord> &events);
    void connectionError(const QString &message);

private:
    struct Shared;
    void setState(State s);
    void connectNow();
    void scheduleReconnect();
    void onConnected(quint64 generation);
    void onConnectFailed(quint64 generation, const QString &message);
    void onConnectionLost(quint64 generation, const QString &cause);
    void requestFlush();
    void flush();

    std::shared_ptr<Shared> m_shared;
    Settings m_settings;
    live::PayloadMapping m_mapping;
    live::EventMapping m_eventMapping;
    State m_state = State::Disconnected;
    QString m_lastError;
    QTimer m_retryTimer;
    QTimer m_flushTimer;
    QElapsedTimer m_sinceFlush;
    int m_retryMs = 0;
    int m_maxPending = 200000;
    bool m_everConnected = false;
};

} // namespace liyuan::mqtt
