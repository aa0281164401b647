#pragma once

#include <liyuan/live/EventMapping.h>
#include <liyuan/live/FeedRecording.h>
#include <liyuan/live/Observation.h>
#include <liyuan/live/PayloadMapping.h>

#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QStringList>
#include <QTimer>

#include <deque>
#include <functional>

namespace liyuan::live {

/**
 * Plays a FeedRecording as if it came from a broker: each message goes through the same
 * PayloadMapping as LiveFeed and the observations arrive as `observationsReady` batches (at
 * most one per ~16 ms), so the app wires a replayer exactly like a LiveFeed. GUI thread
 * (QTimer-driven); all methods on the thread the object lives in.
 *
 * Times are rewritten to the wall clock: a live message (t >= 0) gets the time it is delivered,
 * a backfill message (t < 0) the start time + t. Backfill is delivered right after start(), once
 * (in batches of at most 5000); the live part loops when the recording says so.
 *
 * Events: with an event mapping (setEventMapping), a message whose topic matches an event rule
 * is an event only (never also an observation): parsed events arrive as `eventsReady` batches
 * (their time rewritten like observations' when the payload has none), rejected ones are
 * counted in eventsMalformed and listed in recentErrors().
 */
class FeedReplayer : public QObject
{
    Q_OBJECT
public:
    struct Counters
    {
        quint64 received = 0;      ///< messages replayed
        quint64 parsed = 0;
        quint64 malformed = 0;
        quint64 unknownDevice = 0;
        quint64 ignored = 0;       ///< topic not covered by the mapping
        quint64 loops = 0;         ///< completed passes over the live part
        quint64 events = 0;        ///< messages turned into events
        quint64 eventsMalformed = 0; ///< messages on an event topic that were rejected
    };

    explicit FeedReplayer(QObject *parent = nullptr);
    ~FeedReplayer() override;

    /** Used from the next start(); default: SensorThings. */
    void setMapping(const PayloadMapping &mapping) { m_mapping = mapping; }
    /** Event rules, used from the next start(); default: none (no events). */
    void setEventMapping(const EventMapping &mapping) { m_eventMapping = mapping; }
    /** Playback speed (> 0; 1 = real time). Changing it keeps the current position. */
    void setSpeed(double speed);
    double speed() const { return m_speed; }
    /** Wall clock in UTC ms (tests inject one); default QDateTime::currentMSecsSinceEpoch. */
    void setClock(std::function<qint64()> clock);

    /** Starts (or restarts) playing; false with lastError() when the recording is empty or the mapping has no rules. */
    bool start(const FeedRecording &recording);
    /** Loads the file and starts; false with lastError() (naming FILE:LINE) on failure. */
    bool startFile(const QString &path);
    void stop();
    bool isRunning() const { return m_running; }

    /** Position in the live part, seconds (0..duration). */
    double position() const;
    Counters counters() const { return m_counters; }
    /** Up to the last 50 malformed / unknown-device reasons, oldest first. */
    QStringList recentErrors() const;
    QString lastError() const { return m_lastError; }

signals:
    void observationsReady(const QList<liyuan::live::Observation> &batch);
    /** Events decoded from messages on event topics (emitted before the observations of the same tick). */
    void eventsReady(const QList<liyuan::live::EventRecord> &events);
    /** A pass over the live part ended (looping: it starts again). */
    void looped(int passes);
    void finished();

private:
    void tick();
    void deliverBackfill();
    void schedule();
    bool process(const FeedRecording::Message &m, qint64 timeMs, QList<Observation> *batch);
    void logError(const FeedRecording::Message &m, const QString &reason);
    void emitEvents();
    qint64 now() const;

    FeedRecording m_rec;
    PayloadMapping m_mapping;
    EventMapping m_eventMapping;
    QList<EventRecord> m_pendingEvents;
    std::function<qint64()> m_clock;
    QTimer m_timer;
    QElapsedTimer m_sinceEmit;
    qint64 m_startWallMs = 0;     ///< wall time of recording time 0 of the current pass
    double m_speed = 1.0;
    double m_basePos = 0;         ///< live position (s, absolute over passes) when m_baseWall was taken
    qint64 m_baseWallMs = 0;
    double m_passStart = 0;       ///< absolute position where the current pass started
    int m_next = 0;               ///< next live message index
    int m_backfillNext = 0;
    bool m_running = false;
    Counters m_counters;
    std::deque<QString> m_errors;
    QString m_lastError;
};

} // namespace liyuan::live
