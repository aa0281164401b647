#pragma once

#include <QByteArray>
#include <QString>
#include <QVector>

namespace liyuan::live {

/**
 * A recorded MQTT feed, replayed without a broker by FeedReplayer. Plain data, any thread.
 *
 * File format (UTF-8 JSON Lines, `.jsonl`; blank lines and lines starting with `//` are skipped):
 * ```
 * {"format": "liyuan-feed", "version": 1, "duration": 300, "loop": true}      (optional header, first line)
 * {"t": -86400, "topic": "v1.1/Datastreams(7)/Observations", "payload": {"phenomenonTime": "…", "result": 41.2}}
 * {"t": 2.5, "topic": "liyuan/demo/tower/tower-F03-co2/telemetry", "payload": "{\"id\":\"tower-F03-co2\",\"value\":612}"}
 * ```
 * `t`: seconds since the start of the recording (number; finite). Lines with t < 0 are backfill
 * (history delivered at once when a replay starts); lines with t >= 0 are the live part, played
 * in time order and looped. `payload`: a string (sent as its UTF-8 bytes) or any JSON value (sent
 * compact). `duration` (>= the last t, default: the last t) is the loop length; `loop` defaults to
 * true. Lines need not be sorted: messages are sorted by t, keeping the file order of equal times.
 */
class FeedRecording
{
public:
    struct Message
    {
        double t = 0;       ///< seconds since the recording start (< 0: backfill)
        QString topic;
        QByteArray payload;
        int line = 0;       ///< 1-based line in the source
    };

    /** Replaces the content; false with error() naming `FILE:LINE` on the first problem. */
    bool loadFile(const QString &path);
    bool loadData(const QByteArray &data, const QString &source);

    QString error() const { return m_error; }
    const QVector<Message> &messages() const { return m_messages; }
    /** Messages with t < 0 come first in messages(); this many of them. */
    int backfillCount() const { return m_backfill; }
    double duration() const { return m_duration; }
    bool loops() const { return m_loop; }
    bool isEmpty() const { return m_messages.isEmpty(); }

    /** Writing helpers: the header line and one message line (each ends with '\n'). */
    static QByteArray headerLine(double duration, bool loop);
    static QByteArray messageLine(double t, const QString &topic, const QByteArray &payload);

    static constexpr qsizetype MaxLineBytes = 1024 * 1024;

private:
    QVector<Message> m_messages;
    QString m_error;
    double m_duration = 0;
    int m_backfill = 0;
    bool m_loop = true;
};

} // namespace liyuan::live
