#include <liyuan/mqtt/MqttClient.h>

#include <mqtt/async_client.h>

#include <QFileInfo>
#include <QMetaObject>
#include <QUuid>

#include <algorithm>
#include <atomic>

namespace liyuan::mqtt {

namespace {
std::atomic<quint64> g_clientGeneration{0};

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
} // namespace

// Everything Paho's threads touch; the client is destroyed (joining Paho's threads) before it goes.
struct MqttClient::Impl : public ::mqtt::iaction_listener
{
    struct SubscribeListener : public ::mqtt::iaction_listener
    {
        Impl *s = nullptr;
        void on_success(const ::mqtt::token &) override { s->postConnected({}); }
        void on_failure(const ::mqtt::token &tok) override
        {
            s->postConnected(QStringLiteral("subscribe failed (code %1)").arg(tok.get_return_code()));
        }
    };

    MqttClient *owner = nullptr;
    const quint64 generation = ++g_clientGeneration;
    std::unique_ptr<::mqtt::async_client> client;
    ::mqtt::connect_options connectOptions;
    ::mqtt::const_string_collection_ptr topics;
    ::mqtt::iasync_client::qos_collection qos;
    SubscribeListener subscribeListener;
    std::atomic<bool> stopping{false};
    std::atomic<quint64> received{0}, published{0}, publishDropped{0}, reconnects{0};

    template<typename F>
    void post(F &&f)
    {
        if (!stopping.load(std::memory_order_acquire))
            QMetaObject::invokeMethod(owner, std::forward<F>(f), Qt::QueuedConnection);
    }

    void postConnected(const QString &subscribeError)
    {
        MqttClient *o = owner;
        const quint64 g = generation;
        post([o, g, subscribeError] {
            if (!subscribeError.isEmpty())
                emit o->connectionError(subscribeError);
            o->onConnected(g);
        });
    }

    void on_success(const ::mqtt::token &) override
    {
        if (stopping)
            return;
        if (!topics || topics->empty()) {
            postConnected({});
            return;
        }
        try {
            client->subscribe(topics, qos, nullptr, subscribeListener);
        } catch (const ::mqtt::exception &e) {
            postConnected(QStringLiteral("subscribe failed: %1").arg(QString::fromStdString(e.what())));
        }
    }

    void on_failure(const ::mqtt::token &tok) override
    {
        const int rc = tok.get_return_code();
        QString what;
        switch (rc) {
        case 4: what = QStringLiteral("broker refused: bad user name or password"); break;
        case 5: what = QStringLiteral("broker refused: not authorized"); break;
        default: what = QString::fromStdString(::mqtt::exception::error_str(rc));
        }
        const QString msg = QStringLiteral("connect failed%1 (code %2)")
                                    .arg(what.isEmpty() ? QString() : QStringLiteral(": ") + what)
                                    .arg(rc);
        MqttClient *o = owner;
        const quint64 g = generation;
        post([o, g, msg] { o->onConnectFailed(g, msg); });
    }

    void onMessage(const ::mqtt::const_message_ptr &msg)
    {
        if (stopping.load(std::memory_order_relaxed))
            return;
        received.fetch_add(1, std::memory_order_relaxed);
        const std::string &t = msg->get_topic();
        QString topic = QString::fromUtf8(t.data(), qsizetype(t.size()));
        const ::mqtt::binary_ref &p = msg->get_payload_ref();
        QByteArray payload = p ? QByteArray(p.data(), qsizetype(p.size())) : QByteArray();
        MqttClient *o = owner;
        const quint64 g = generation;
        post([o, g, topic = std::move(topic), payload = std::move(payload)] {
            if (o->m_impl && o->m_impl->generation == g)
                emit o->messageReceived(topic, payload);
        });
    }

    void onConnectionLost(const std::string &cause)
    {
        MqttClient *o = owner;
        const quint64 g = generation;
        const QString c = QString::fromStdString(cause);
        post([o, g, c] { o->onConnectionLost(g, c); });
    }
};

MqttClient::MqttClient(QObject *parent)
    : QObject(parent)
{
    m_retryTimer.setSingleShot(true);
    connect(&m_retryTimer, &QTimer::timeout, this, &MqttClient::connectNow);
}

MqttClient::~MqttClient()
{
    stop();
}

bool MqttClient::start(const Settings &settings)
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
    const bool tls = url.startsWith(QLatin1String("ssl://")) || url.startsWith(QLatin1String("wss://"));
    if (!tls && !url.startsWith(QLatin1String("tcp://")) && !url.startsWith(QLatin1String("ws://")))
        return refuse(QStringLiteral("unsupported broker URL '%1' (use tcp://, mqtt://, ssl://, mqtts://, ws:// or wss://)")
                              .arg(settings.url));
    for (const QString &t : settings.subscriptions)
        if (!validFilter(t))
            return refuse(QStringLiteral("invalid topic filter '%1'").arg(t));
    if (tls && !settings.caFile.isEmpty() && !QFileInfo(settings.caFile).isReadable())
        return refuse(QStringLiteral("CA file '%1' is not readable").arg(settings.caFile));

    m_settings = settings;
    const QString clientId = settings.clientId.isEmpty()
        ? QStringLiteral("liyuan-") + QUuid::createUuid().toString(QUuid::Id128).left(12)
        : settings.clientId;
    auto s = std::make_shared<Impl>();
    s->owner = this;
    s->subscribeListener.s = s.get();
    try {
        s->client = std::make_unique<::mqtt::async_client>(url.toStdString(), clientId.toStdString());
    } catch (const ::mqtt::exception &e) {
        return refuse(QStringLiteral("cannot create MQTT client for '%1': %2").arg(url, QString::fromStdString(e.what())));
    }
    Impl *raw = s.get();
    s->client->set_message_callback([raw](::mqtt::const_message_ptr m) { raw->onMessage(m); });
    s->client->set_connection_lost_handler([raw](const std::string &cause) { raw->onConnectionLost(cause); });

    ::mqtt::connect_options &o = s->connectOptions;
    o.set_clean_session(true);
    o.set_automatic_reconnect(false);
    o.set_keep_alive_interval(std::max(1, settings.keepAliveSeconds));
    o.set_connect_timeout(5);
    o.set_mqtt_version(MQTTVERSION_3_1_1);
    if (!settings.username.isEmpty())
        o.set_user_name(settings.username.toStdString());
    if (!settings.password.isEmpty())
        o.set_password(settings.password.toStdString());
    if (!settings.willTopic.isEmpty())
        o.set_will(::mqtt::will_options(settings.willTopic.toStdString(), settings.willPayload.constData(),
                                        size_t(settings.willPayload.size()), 1, settings.willRetained));
    if (tls) {
        ::mqtt::ssl_options ssl;
        if (!settings.caFile.isEmpty())
            ssl.set_trust_store(settings.caFile.toStdString());
        ssl.set_enable_server_cert_auth(true);
        ssl.set_verify(true);
        o.set_ssl(ssl);
    }
    std::vector<std::string> topics;
    for (const QString &t : settings.subscriptions)
        topics.push_back(t.toStdString());
    s->qos.assign(topics.size(), 0);
    s->topics = ::mqtt::string_collection::create(std::move(topics));

    m_impl = std::move(s);
    m_retryMs = std::max(1, settings.minRetryMs);
    m_everConnected = false;
    m_lastError.clear();
    setState(State::Connecting);
    connectNow();
    return true;
}

void MqttClient::stop()
{
    m_retryTimer.stop();
    if (m_impl && m_impl->client) {
        Impl &s = *m_impl;
        s.stopping.store(true, std::memory_order_release);
        try {
            if (s.client->is_connected())
                s.client->disconnect(500)->wait_for(std::chrono::milliseconds(1000));
        } catch (const ::mqtt::exception &) {
        }
        s.client.reset(); // joins Paho's threads
    }
    setState(State::Disconnected);
}

bool MqttClient::publish(const QString &topic, const QByteArray &payload, int qos, bool retained)
{
    if (!m_impl || !m_impl->client || m_state != State::Connected) {
        if (m_impl)
            m_impl->publishDropped.fetch_add(1, std::memory_order_relaxed);
        return false;
    }
    try {
        m_impl->client->publish(topic.toStdString(), payload.constData(), size_t(payload.size()),
                                std::clamp(qos, 0, 2), retained);
    } catch (const ::mqtt::exception &) {
        m_impl->publishDropped.fetch_add(1, std::memory_order_relaxed);
        return false;
    }
    m_impl->published.fetch_add(1, std::memory_order_relaxed);
    return true;
}

MqttClient::Counters MqttClient::counters() const
{
    Counters c;
    if (!m_impl)
        return c;
    c.received = m_impl->received.load();
    c.published = m_impl->published.load();
    c.publishDropped = m_impl->publishDropped.load();
    c.reconnects = m_impl->reconnects.load();
    return c;
}

void MqttClient::setState(State s)
{
    if (m_state == s)
        return;
    m_state = s;
    emit stateChanged(s);
}

void MqttClient::connectNow()
{
    if (!m_impl || !m_impl->client)
        return;
    try {
        m_impl->client->connect(m_impl->connectOptions, nullptr, *m_impl);
    } catch (const ::mqtt::exception &e) {
        onConnectFailed(m_impl->generation, QStringLiteral("connect failed: %1").arg(QString::fromStdString(e.what())));
    }
}

void MqttClient::scheduleReconnect()
{
    m_retryTimer.start(m_retryMs);
    m_retryMs = std::min(std::max(m_retryMs, 1) * 2, std::max(m_settings.maxRetryMs, m_settings.minRetryMs));
}

void MqttClient::onConnected(quint64 generation)
{
    if (!m_impl || !m_impl->client || m_impl->generation != generation)
        return;
    if (m_everConnected)
        m_impl->reconnects.fetch_add(1, std::memory_order_relaxed);
    m_everConnected = true;
    m_retryMs = std::max(1, m_settings.minRetryMs);
    setState(State::Connected);
    emit connected();
}

void MqttClient::onConnectFailed(quint64 generation, const QString &message)
{
    if (!m_impl || !m_impl->client || m_impl->generation != generation)
        return;
    m_lastError = message;
    emit connectionError(message);
    setState(State::Reconnecting);
    scheduleReconnect();
}

void MqttClient::onConnectionLost(quint64 generation, const QString &cause)
{
    if (!m_impl || !m_impl->client || m_impl->generation != generation)
        return;
    m_lastError = cause.isEmpty() ? QStringLiteral("connection lost") : QStringLiteral("connection lost: ") + cause;
    emit connectionError(m_lastError);
    m_retryMs = std::max(1, m_settings.minRetryMs);
    setState(State::Reconnecting);
    scheduleReconnect();
}

} // namespace liyuan::mqtt
