#pragma once

#include <liyuan/live/EventRecord.h>

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <QVector>

namespace liyuan::live {

/**
 * Turns (topic, payload) into an EventRecord. Immutable once configured: parse() is const and
 * safe to call from any number of threads at once (LiveFeed calls it on Paho's threads).
 *
 * Mapping file (UTF-8 JSON):
 * ```
 * { "type": "LiyuanEventMapping", "version": 1, "maxPayloadBytes"?: integer,
 *   "rules": [ { "topic": "liyuan/demo/events",            (MQTT filter, + and # whole levels)
 *                "id": "id", "type": "type", "x": "position.x", "y": "position.y",
 *                "z"?: "position.z", "crs"?: "EPSG:4549" | {"path": "crs"},
 *                "time"?: "time", "severity"?: "severity", "text"?: "text" } ] }
 * ```
 * Values are JSON dot paths into the payload (`a.b.0.c`: index 0 of array b). The first rule
 * whose topic matches decides. Payload rules (each violation is an error naming the field):
 * - the payload is a JSON object of at most maxPayloadBytes (default 64 KiB);
 * - id: non-empty string (≤ 200 characters) or integer — a missing id is an error (events are
 *   acknowledged and updated by id, so none is made up);
 * - type: non-empty string (≤ 100 characters);
 * - x, y: finite numbers with |v| ≤ 1e8; z (when the rule names it): a finite number, or
 *   missing/null = on the ground;
 * - severity: "info" | "low" | "medium" | "high" | "critical" (any case) or an integer 0–4;
 *   anything else is an error; missing (or no path in the rule) = "medium";
 * - time: ISO 8601 string or epoch number (≥ 1e11: milliseconds); missing = arrival time;
 * - text: string (numbers/bools are written out), cut at 2000 characters;
 * - crs: the rule's string (checked when the file loads), or the payload's string at the
 *   rule's path (checked per message: an unknown CRS is an error); no crs = scene frame.
 */
class EventMapping
{
public:
    struct Rule
    {
        QString topicPattern;
        QString idPath, typePath, xPath, yPath, zPath, timePath, severityPath, textPath;
        QString crs;       ///< fixed CRS (validated), or empty
        QString crsPath;   ///< dot path of the CRS in the payload, or empty
    };

    enum class Error { None, NoMatchingRule, Empty, TooLarge, BadJson, WrongType, MissingField, BadValue };

    struct Result
    {
        bool ok = false;
        Error error = Error::None;
        QString reason;    ///< human readable, names the field; empty when ok
        EventRecord event; ///< valid when ok
    };

    static constexpr qsizetype DefaultMaxPayloadBytes = 64 * 1024;

    EventMapping() = default;

    /** Parses a mapping file's bytes; false with *error = `SOURCE: rules[i]: problem` (any thread). */
    static bool fromJson(const QByteArray &json, const QString &source, EventMapping *out, QString *error);
    /** Reads and parses a mapping file; errors name the file. */
    static bool loadFile(const QString &path, EventMapping *out, QString *error);

    /** Adds a rule (paths checked, fixed CRS validated); false with *error. */
    bool addRule(const Rule &rule, QString *error = nullptr);
    const QVector<Rule> &rules() const { return m_rules; }
    bool isEmpty() const { return m_rules.isEmpty(); }
    /** Subscription filters: one per distinct rule topic. */
    QStringList subscriptions() const;
    /** True when some rule's topic filter matches (such a message is an event, never an observation). */
    bool matches(const QString &topic) const;

    void setMaxPayloadBytes(qsizetype bytes) { m_maxPayloadBytes = bytes; }
    qsizetype maxPayloadBytes() const { return m_maxPayloadBytes; }

    Result parse(const QString &topic, const QByteArray &payload) const;

    static QString errorName(Error e);
    /** 0..4 → "info" … "critical"; others → "". */
    static QString severityName(int level);
    /** "info" … "critical" (any case) → 0..4; anything else → -1. */
    static int severityLevel(const QString &name);

private:
    struct Compiled
    {
        Rule rule;
        QStringList levels;
        QStringList id, type, x, y, z, time, severity, text, crsPath;
    };
    QVector<Rule> m_rules;
    QVector<Compiled> m_compiled;
    qsizetype m_maxPayloadBytes = DefaultMaxPayloadBytes;
};

} // namespace liyuan::live
