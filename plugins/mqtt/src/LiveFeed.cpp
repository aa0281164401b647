#include <liyuan/mqtt/LiveFeed.h>

#include <mqtt/async_client.h>

#include <QFileInfo>
#include <QMetaObject>
#include <QMutex>
#include <QMutexLocker>
#include <QUuid>

#include <algorithm>
#include <atomic>
#include <deque>
#include <utility>

namespace liyuan::mqtt {

namespace {
constexpr int FlushIntervalMs = 16;
constexpr int MaxErrorLog = 50;

bool validFilter(const QString &f)
{
    if (f.isEmpty())
        return false;
    const QStringList levels = f.split(u'/');
    for (qsizetype i = 0; i < levels.size(); ++i) {
        const QString &l = levels.at(i);
        if (l == QLatin1String("#") && i != levels.size() - 1)
            return false;
        if (l.size() > 1 && (l.contains(u'+') || l.contains(u'#')))
            return false;
    }
    return true;
}

std::atomic<quint64> g_generation{0};
} // namespace

// Everything the Paho threads touch. Owned by the LiveFeed; the client is destroyed (joining
// Paho's threads) before the Shared object goes away.
struct LiveFeed::Shared : public ::mqtt::iaction_listener
{
    struct SubscribeListener : public ::mqtt::iaction_listener
    {
        Shared *s = nullptr;
        void on_success(const ::mqtt::token &) override { s->postConnected({}); }
        void on_failure(const ::mqtt::token &tok) override
        {
            s->postConnected(QStringLiteral("subscribe failed (code %1)").arg(tok.get_return_code()));
        }
    };

    LiveFeed *feed = nullptr;
    const quint64 generation = ++g_generation;
    live::PayloadMapping mapping;
    live::EventMapping eventMapping;
    int maxPending = 0;
    std::unique_ptr<::mqtt::async_client> client;
    ::mqtt::connect_options connectOptions;
    ::mqtt::const_string_collection_ptr topics;
    ::mqtt::iasync_client::qos_collection qos;
    SubscribeListener subscribeListener;
    std::atomic<bool> stopping{false};

    std::atomic<quint64> received{0}, parsed{0}, malformed{0}, unknownDevice{0}, ignored{0},
        dropped{0}, reconnects{0}, events{0},
        eventsMalformed{0};

    QMutex pendingMutex;
    QList<live::Observation> pending;
    QList<live::EventRecord> pendingEvents;
    bool flushQueued = false;

    mutable QMutex errorMutex;
    std::deque<QString> errors;
    QString tlsError; // of the current connect attempt

    template<typename F>
    void post(F &&f)
    {
        if (!stopping.load(std::memory_order_acquire))
            QMetaObject::invokeMethod(feed, std::forward<F>(f), Qt::QueuedConnection);
    }

    void postConnected(const QString &subscribeError)
    {
        LiveFeed *f = feed;
        const quint64 g = generation;
        post([f, g, subscribeError] {
            if (!subscribeError.isEmpty())
                emit f->connectionError(subscribeError);
            f->onConnected(g);
        });
    }

    // Connect succeeded: (re-)subscribe; the feed becomes Connected once the broker acknowledged.
    void on_success(const ::mqtt::token &) override
    {
        takeTlsError();
        if (stopping)
            return;
        try {
            client->subscribe(topics, qos, nullptr, subscribeListener);
        } catch (const ::mqtt::exception &e) {
            postConnected(QStringLiteral("subscribe failed: %1").arg(QString::fromStdString(e.what())));
        }
    }

    void on_failure(const ::mqtt::token &tok) override
    {
        LiveFeed *f = feed;
        const quint64 g = generation;
        const int rc = tok.get_return_code();
        QString what;
        switch (rc) { // MQTT 3.1.1 CONNACK return codes
        case 1: what = QStringLiteral("broker refused: unacceptable protocol version"); break;
        case 2: what = QStringLiteral("broker refused: client identifier rejected"); break;
        case 3: what = QStringLiteral("broker refused: server unavailable"); break;
        case 4: what = QStringLiteral("broker refused: bad user name or password"); break;
        case 5: what = QStringLiteral("broker refused: not authorized (check user name and password)"); break;
        default: {
            const QString tlsError = takeTlsError();
            if (!tlsError.isEmpty())
                what = QStringLiteral("TLS handshake failed: ") + tlsError;
            else
                what = QString::fromStdString(::mqtt::exception::error_str(rc));
        }
        }
        QString msg = QStringLiteral("connect failed");
        if (!what.isEmpty())
            msg += QStringLiteral(": ") + what;
        msg += QStringLiteral(" (code %1").arg(rc);
        const int reason = tok.get_reason_code();
        if (reason != 0 && reason != ::mqtt::MQTTPP_V3_CODE) // 255 is Paho's "MQTT v3, no reason code"
            msg += QStringLiteral(", reason %1").arg(reason);
        msg += u')';
        post([f, g, msg] { f->onConnectFailed(g, msg); });
    }

    // OpenSSL's error lines from the Paho thread (e.g. "...:certificate verify failed").
    void addTlsError(const std::string &line)
    {
        QMutexLocker lock(&errorMutex);
        QString l = QString::fromStdString(line).trimmed();
        // "<thread>:error:<code>:<lib>:<function>:<reason>:<file>:<line>:" → the reason
        const QStringList fields = l.split(u':');
        if (fields.size() >= 6 && fields.at(1) == QLatin1String("error") && !fields.at(5).isEmpty())
            l = fields.at(5);
        if (l.isEmpty() || tlsError.contains(l) || tlsError.size() > 400)
            return;
        if (!tlsError.isEmpty())
            tlsError += QStringLiteral("; ");
        tlsError += l.left(200);
    }
    QString takeTlsError()
    {
        QMutexLocker lock(&errorMutex);
        return std::exchange(tlsError, QString());
    }

    void logError(const QString &reason)
    {
        QMutexLocker lock(&errorMutex);
        errors.push_back(reason);
        while (errors.size() > MaxErrorLog)
            errors.pop_front();
    }

    void onMessage(const ::mqtt::const_message_ptr &msg)
    {
        if (stopping.load(std::memory_order_relaxed))
            return;
        received.fetch_add(1, std::memory_order_relaxed);
        const std::string &t = msg->get_topic();
        const QString topic = QString::fromUtf8(t.data(), qsizetype(t.size()));
        const ::mqtt::binary_ref &p = msg->get_payload_ref();
        const QByteArray payload = p ? QByteArray(p.data(), qsizetype(p.size())) : QByteArray();
        if (!eventMapping.isEmpty() && eventMapping.matches(topic)) { // an event topic: events only
            onEvent(topic, payload);
            return;
        }
        live::PayloadMapping::Result r = mapping.parse(topic, payload);
        if (!r.ok) {
            switch (r.error) {
            case live::PayloadMapping::Error::NoMatchingRule:
                ignored.fetch_add(1, std::memory_order_relaxed);
                return;
            case live::PayloadMapping::Error::UnknownDevice:
                unknownDevice.fetch_add(1, std::memory_order_relaxed);
                break;
            default:
                malformed.fetch_add(1, std::memory_order_relaxed);
                break;
            }
            logError(topic.left(200) + QStringLiteral(": ") + r.reason);
            return;
        }
        parsed.fetch_add(1, std::memory_order_relaxed);
        if (!r.observation.time.isValid())
            r.observation.time = QDateTime::currentDateTimeUtc();
        bool needPost = false;
        {
            QMutexLocker lock(&pendingMutex);
            if (pending.size() >= maxPending) {
                dropped.fetch_add(1, std::memory_order_relaxed);
                return;
            }
            pending.append(std::move(r.observation));
            needPost = !flushQueued;
            flushQueued = true;
        }
        if (needPost)
            postFlush();
    }

    void onEvent(const QString &topic, const QByteArray &payload)
    {
        live::EventMapping::Result e = eventMapping.parse(topic, payload);
        if (!e.ok) {
            eventsMalformed.fetch_add(1, std::memory_order_relaxed);
            logError(topic.left(200) + QStringLiteral(": ") + e.reason);
            return;
        }
        events.fetch_add(1, std::memory_order_relaxed);
        if (!e.event.time.isValid())
            e.event.time = QDateTime::currentDateTimeUtc();
        bool needPost = false;
        {
            QMutexLocker lock(&pendingMutex);
            if (pendingEvents.size() >= maxPending) {
                dropped.fetch_add(1, std::memory_order_relaxed);
                return;
            }
            pendingEvents.append(std::move(e.event));
            needPost = !flushQueued;
            flushQueued = true;
        }
        if (needPost)
            postFlush();
    }

    void postFlush()
    {
        LiveFeed *f = feed;
        const quint64 g = generation;
        post([f, g] {
            if (f->m_shared && f->m_shared->generation == g)
                f->requestFlush();
        });
    }

    void onConnectionLost(const std::string &cause)
    {
        LiveFeed *f = feed;
        const quint64 g = generation;
        const QString c = QString::fromStdString(cause);
        post([f, g, c] { f->onConnectionLost(g, c); });
    }
};

LiveFeed::LiveFeed(QObject *parent)
    : QObject(parent)
    , m_mapping(live::PayloadMapping::sensorThings())
{
    qRegisterMetaType<live::Observation>();
    qRegisterMetaType<QList<live::Observation>>();
    qRegisterMetaType<live::EventRecord>();
    qRegisterMetaType<QList<live::EventRecord>>();
    m_retryTimer.setSingleShot(true);
    m_flushTimer.setSingleShot(true);
    m_flushTimer.setTimerType(Qt::PreciseTimer);
    connect(&m_retryTimer, &QTimer::timeout, this, &LiveFeed::connectNow);
    connect(&m_flushTimer, &QTimer::timeout, this, &LiveFeed::flush);
}

LiveFeed::~LiveFeed()
{
    stop();
}

void LiveFeed::setMapping(const live::PayloadMapping &mapping)
{
    m_mapping = mapping;
}

bool LiveFeed::usesTls(const QString &url)
{
    const QString u = url.trimmed().toLower();
    return u.startsWith(QLatin1String("ssl://")) || u.startsWith(QLatin1String("mqtts://"))
           || u.startsWith(QLatin1String("wss://"));
}

bool LiveFeed::start(const Settings &settings)
{
    stop();
    auto refuse = [this](const QString &msg) {
        m_lastError = msg;
        return false;
    };
    QString url = settings.url.trimmed();
    if (url.startsWith(QLatin1String("mqtt://")))
        url = QStringLiteral("tcp://") + url.mid(7);
    else if (url.startsWith(QLatin1String("mqtts://")))
        url = QStringLiteral("ssl://") + url.mid(8);
    const bool tls = usesTls(url);
    if (!tls && !url.startsWith(QLatin1String("tcp://")) && !url.startsWith(QLatin1String("ws://")))
        return refuse(QStringLiteral("unsupported broker URL '%1' (use tcp://, mqtt://, ssl://, mqtts://, ws:// or wss://)")
                              .arg(settings.url));
    if (settings.topics.isEmpty())
        return refuse(QStringLiteral("no topics to subscribe to"));
    for (const QString &t : settings.topics)
        if (!validFilter(t))
            return refuse(QStringLiteral("invalid topic filter '%1' (wildcards '+'/'#' must fill a whole level)").arg(t));
    if (tls && !settings.caFile.isEmpty() && !QFileInfo(settings.caFile).isReadable())
        return refuse(QStringLiteral("CA file '%1' is not readable").arg(settings.caFile));
    if (m_mapping.isEmpty() && m_eventMapping.isEmpty())
        return refuse(QStringLiteral("the payload mapping has no rules"));

    m_settings = settings;
    const QString clientId = settings.clientId.isEmpty()
        ? QStringLiteral("liyuan-") + QUuid::createUuid().toString(QUuid::Id128).left(12)
        : settings.clientId;

    auto s = std::make_shared<Shared>();
    s->feed = this;
    s->mapping = m_mapping;
    s->eventMapping = m_eventMapping;
    s->maxPending = std::max(1, m_maxPending);
    s->subscribeListener.s = s.get();
    try {
        s->client = std::make_unique<::mqtt::async_client>(url.toStdString(), clientId.toStdString());
    } catch (const ::mqtt::exception &e) {
        return refuse(QStringLiteral("cannot create MQTT client for '%1': %2").arg(url, QString::fromStdString(e.what())));
    }
    Shared *raw = s.get();
    s->client->set_message_callback([raw](::mqtt::const_message_ptr m) { raw->onMessage(m); });
    s->client->set_connection_lost_handler([raw](const std::string &cause) { raw->onConnectionLost(cause); });

    ::mqtt::connect_options &o = s->connectOptions;
    o.set_clean_session(true);
    o.set_automatic_reconnect(false); // we reconnect ourselves: millisecond back-off, re-subscription
    o.set_keep_alive_interval(std::max(1, settings.keepAliveSeconds));
    o.set_connect_timeout(10);
    o.set_mqtt_version(MQTTVERSION_3_1_1); // no silent 3.1 fallback attempt on each retry
    if (!settings.username.isEmpty())
        o.set_user_name(settings.username.toStdString());
    if (!settings.password.isEmpty())
        o.set_password(settings.password.toStdString());
    if (tls) {
        ::mqtt::ssl_options ssl;
        if (!settings.caFile.isEmpty())
            ssl.set_trust_store(settings.caFile.toStdString());
        ssl.set_enable_server_cert_auth(true);
        ssl.set_verify(true);
        ssl.set_error_handler([raw](const std::string &msg) { raw->addTlsError(msg); });
        o.set_ssl(ssl);
    }
    std::vector<std::string> topics;
    for (const QString &t : settings.topics)
        topics.push_back(t.toStdString());
    s->qos.assign(topics.size(), 0);
    s->topics = ::mqtt::string_collection::create(std::move(topics));

    m_shared = std::move(s);
    m_retryMs = std::max(1, settings.minRetryMs);
    m_everConnected = false;
    m_lastError.clear();
    setState(State::Connecting);
    connectNow();
    return true;
}

void LiveFeed::stop()
{
    m_retryTimer.stop();
    m_flushTimer.stop();
    if (m_shared && m_shared->client) {
        Shared &s = *m_shared;
        s.stopping.store(true, std::memory_order_release);
        try {
            if (s.client->is_connected())
                s.client->disconnect(500)->wait_for(std::chrono::milliseconds(1000));
        } catch (const ::mqtt::exception &) {
        }
        s.client.reset(); // joins Paho's threads: no callback runs after this
        QMutexLocker lock(&s.pendingMutex);
        s.pending.clear();
        s.pendingEvents.clear();
        s.flushQueued = false;
    }
    // Keep m_shared (without client) so counters() still reports the finished session.
    setState(State::Disconnected);
}

void LiveFeed::setState(State s)
{
    if (m_state == s)
        return;
    m_state = s;
    emit stateChanged(s);
}

void LiveFeed::connectNow()
{
    if (!m_shared || !m_shared->client)
        return;
    try {
        m_shared->client->connect(m_shared->connectOptions, nullptr, *m_shared);
    } catch (const ::mqtt::exception &e) {
        onConnectFailed(m_shared->generation, QStringLiteral("connect failed: %1").arg(QString::fromStdString(e.what())));
    }
}

void LiveFeed::scheduleReconnect()
{
    m_retryTimer.start(m_retryMs);
    m_retryMs = std::min(std::max(m_retryMs, 1) * 2, std::max(m_settings.maxRetryMs, m_settings.minRetryMs));
}

void LiveFeed::onConnected(quint64 generation)
{
    if (!m_shared || !m_shared->client || m_shared->generation != generation)
        return;
    if (m_everConnected)
        m_shared->reconnects.fetch_add(1, std::memory_order_relaxed);
    m_everConnected = true;
    m_retryMs = std::max(1, m_settings.minRetryMs);
    setState(State::Connected);
}

void LiveFeed::onConnectFailed(quint64 generation, const QString &message)
{
    if (!m_shared || !m_shared->client || m_shared->generation != generation)
        return;
    m_lastError = message;
    emit connectionError(message);
    setState(State::Reconnecting);
    scheduleReconnect();
}

void LiveFeed::onConnectionLost(quint64 generation, const QString &cause)
{
    if (!m_shared || !m_shared->client || m_shared->generation != generation)
        return;
    m_lastError = cause.isEmpty() ? QStringLiteral("connection lost") : QStringLiteral("connection lost: ") + cause;
    emit connectionError(m_lastError);
    m_retryMs = std::max(1, m_settings.minRetryMs);
    setState(State::Reconnecting);
    scheduleReconnect();
}

void LiveFeed::requestFlush()
{
    if (m_flushTimer.isActive())
        return;
    const qint64 since = m_sinceFlush.isValid() ? m_sinceFlush.elapsed() : FlushIntervalMs;
    m_flushTimer.start(int(std::max<qint64>(0, FlushIntervalMs - since)));
}

void LiveFeed::flush()
{
    if (!m_shared)
        return;
    QList<live::Observation> batch;
    QList<live::EventRecord> events;
    {
        QMutexLocker lock(&m_shared->pendingMutex);
        batch.swap(m_shared->pending);
        events.swap(m_shared->pendingEvents);
        m_shared->flushQueued = false;
    }
    m_sinceFlush.restart();
    const std::shared_ptr<Shared> keep = m_shared; // a slot may restart or stop this feed
    if (!events.isEmpty())
        emit eventsReady(events);
    if (!batch.isEmpty() && m_shared == keep)
        emit observationsReady(batch);
}

LiveFeed::Counters LiveFeed::counters() const
{
    Counters c;
    if (!m_shared)
        return c;
    const Shared &s = *m_shared;
    c.received = s.received.load();
    c.parsed = s.parsed.load();
    c.malformed = s.malformed.load();
    c.unknownDevice = s.unknownDevice.load();
    c.ignored = s.ignored.load();
    c.dropped = s.dropped.load();
    c.reconnects = s.reconnects.load();
    c.events = s.events.load();
    c.eventsMalformed = s.eventsMalformed.load();
    return c;
}

QStringList LiveFeed::recentErrors() const
{
    QStringList out;
    if (!m_shared)
        return out;
    QMutexLocker lock(&m_shared->errorMutex);
    for (const QString &e : m_shared->errors)
        out << e;
    return out;
}

} // namespace liyuan::mqtt
