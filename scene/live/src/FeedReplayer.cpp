#include <liyuan/live/FeedReplayer.h>

#include <QDateTime>

#include <algorithm>
#include <cmath>

namespace liyuan::live {

namespace {
constexpr int MinBatchGapMs = 16;
constexpr int MaxBackfillBatch = 5000;
constexpr int MaxErrorLog = 50;
constexpr int MaxLiveBatch = 20000; // per tick; the rest follows on the next one
} // namespace

FeedReplayer::FeedReplayer(QObject *parent)
    : QObject(parent)
    , m_mapping(PayloadMapping::sensorThings())
{
    qRegisterMetaType<Observation>();
    qRegisterMetaType<QList<Observation>>();
    qRegisterMetaType<EventRecord>();
    qRegisterMetaType<QList<EventRecord>>();
    m_timer.setSingleShot(true);
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, &FeedReplayer::tick);
}

FeedReplayer::~FeedReplayer() = default;

void FeedReplayer::setClock(std::function<qint64()> clock)
{
    m_clock = std::move(clock);
}

qint64 FeedReplayer::now() const
{
    return m_clock ? m_clock() : QDateTime::currentMSecsSinceEpoch();
}

double FeedReplayer::position() const
{
    if (!m_running)
        return 0;
    const double abs = m_basePos + double(now() - m_baseWallMs) / 1000.0 * m_speed;
    return std::clamp(abs - m_passStart, 0.0, m_rec.duration());
}

void FeedReplayer::setSpeed(double speed)
{
    if (!(speed > 0) || !std::isfinite(speed))
        return;
    const qint64 t = now();
    m_basePos += double(t - m_baseWallMs) / 1000.0 * m_speed;
    m_baseWallMs = t;
    m_speed = speed;
    if (m_running)
        schedule();
}

bool FeedReplayer::startFile(const QString &path)
{
    FeedRecording rec;
    if (!rec.loadFile(path)) {
        m_lastError = rec.error();
        return false;
    }
    return start(rec);
}

bool FeedReplayer::start(const FeedRecording &recording)
{
    stop();
    if (recording.isEmpty()) {
        m_lastError = QStringLiteral("the recording has no messages");
        return false;
    }
    if (m_mapping.isEmpty()) {
        m_lastError = QStringLiteral("the payload mapping has no rules");
        return false;
    }
    m_rec = recording;
    m_counters = {};
    m_errors.clear();
    m_pendingEvents.clear();
    m_lastError.clear();
    m_startWallMs = now();
    m_baseWallMs = m_startWallMs;
    m_basePos = 0;
    m_passStart = 0;
    m_next = m_rec.backfillCount();
    m_backfillNext = 0;
    m_running = true;
    m_sinceEmit.invalidate();
    m_timer.start(0); // backfill, then the messages at t = 0, on the event loop
    return true;
}

void FeedReplayer::stop()
{
    m_timer.stop();
    m_running = false;
}

QStringList FeedReplayer::recentErrors() const
{
    QStringList out;
    for (const QString &e : m_errors)
        out << e;
    return out;
}

void FeedReplayer::logError(const FeedRecording::Message &m, const QString &reason)
{
    m_errors.push_back(QStringLiteral("line %1: %2: %3").arg(m.line).arg(m.topic.left(200), reason));
    while (m_errors.size() > size_t(MaxErrorLog))
        m_errors.pop_front();
}

void FeedReplayer::emitEvents()
{
    if (m_pendingEvents.isEmpty())
        return;
    QList<EventRecord> events;
    events.swap(m_pendingEvents);
    emit eventsReady(events);
}

bool FeedReplayer::process(const FeedRecording::Message &m, qint64 timeMs, QList<Observation> *batch)
{
    ++m_counters.received;
    if (!m_eventMapping.isEmpty() && m_eventMapping.matches(m.topic)) { // an event topic: events only
        EventMapping::Result e = m_eventMapping.parse(m.topic, m.payload);
        if (!e.ok) {
            ++m_counters.eventsMalformed;
            logError(m, e.reason);
            return false;
        }
        ++m_counters.events;
        if (!e.event.time.isValid())
            e.event.time = QDateTime::fromMSecsSinceEpoch(timeMs, Qt::UTC);
        m_pendingEvents.append(std::move(e.event));
        return true;
    }
    PayloadMapping::Result r = m_mapping.parse(m.topic, m.payload);
    if (!r.ok) {
        switch (r.error) {
        case PayloadMapping::Error::NoMatchingRule: ++m_counters.ignored; return false;
        case PayloadMapping::Error::UnknownDevice: ++m_counters.unknownDevice; break;
        default: ++m_counters.malformed; break;
        }
        logError(m, r.reason);
        return false;
    }
    ++m_counters.parsed;
    r.observation.time = QDateTime::fromMSecsSinceEpoch(timeMs, Qt::UTC);
    batch->append(std::move(r.observation));
    return true;
}

void FeedReplayer::deliverBackfill()
{
    QList<Observation> batch;
    const int end = std::min(m_rec.backfillCount(), m_backfillNext + MaxBackfillBatch);
    for (; m_backfillNext < end; ++m_backfillNext) {
        const FeedRecording::Message &m = m_rec.messages().at(m_backfillNext);
        process(m, m_startWallMs + qint64(std::llround(m.t * 1000.0)), &batch);
    }
    m_sinceEmit.restart();
    emitEvents();
    if (!batch.isEmpty() && m_running)
        emit observationsReady(batch);
}

void FeedReplayer::tick()
{
    if (!m_running)
        return;
    if (m_backfillNext < m_rec.backfillCount()) {
        deliverBackfill();
        if (m_running)
            m_timer.start(m_backfillNext < m_rec.backfillCount() ? 0 : MinBatchGapMs);
        return;
    }
    const qint64 wall = now();
    const double pos = m_basePos + double(wall - m_baseWallMs) / 1000.0 * m_speed; // absolute
    const auto &msgs = m_rec.messages();
    const int liveEnd = int(msgs.size());
    const double duration = m_rec.duration();
    QList<Observation> batch;
    int delivered = 0;
    bool finishedNow = false;
    while (delivered < MaxLiveBatch) {
        if (m_next >= liveEnd) {
            // end of the live part: loop when its duration has passed
            if (!m_rec.loops() || m_rec.backfillCount() == liveEnd) {
                finishedNow = true;
                break;
            }
            if (pos < m_passStart + duration || duration <= 0)
                break;
            m_passStart += duration;
            m_next = m_rec.backfillCount();
            ++m_counters.loops;
            emit looped(int(m_counters.loops));
            if (!m_running)
                return;
            continue;
        }
        const FeedRecording::Message &m = msgs.at(m_next);
        if (m_passStart + m.t > pos)
            break;
        process(m, wall, &batch);
        ++m_next;
        ++delivered;
    }
    if (!m_pendingEvents.isEmpty()) {
        m_sinceEmit.restart();
        emitEvents();
        if (!m_running)
            return;
    }
    if (!batch.isEmpty()) {
        m_sinceEmit.restart();
        emit observationsReady(batch);
    }
    if (finishedNow) {
        m_running = false;
        emit finished();
        return;
    }
    if (m_running)
        schedule();
}

void FeedReplayer::schedule()
{
    if (!m_running)
        return;
    if (m_backfillNext < m_rec.backfillCount()) {
        m_timer.start(0);
        return;
    }
    const auto &msgs = m_rec.messages();
    double due; // absolute position of the next event
    if (m_next < msgs.size())
        due = m_passStart + msgs.at(m_next).t;
    else if (m_rec.loops())
        due = m_passStart + m_rec.duration();
    else
        due = m_basePos; // finish now
    const double pos = m_basePos + double(now() - m_baseWallMs) / 1000.0 * m_speed;
    double waitMs = std::max(0.0, (due - pos) * 1000.0 / m_speed);
    const qint64 sinceEmit = m_sinceEmit.isValid() ? m_sinceEmit.elapsed() : MinBatchGapMs;
    waitMs = std::max(waitMs, double(MinBatchGapMs - sinceEmit));
    m_timer.start(int(std::min(std::ceil(waitMs), 60000.0)));
}

} // namespace liyuan::live
