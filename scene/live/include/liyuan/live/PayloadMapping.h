#pragma once

#include <liyuan/live/Observation.h>

#include <QByteArray>
#include <QHash>
#include <QSet>
#include <QString>
#include <QStringList>
#include <QVector>

namespace liyuan::live {

/// Turns (topic, payload) into an Observation. Immutable once configured: parse() is const,
/// allocation-light and safe to call from any number of threads at once.
///
/// Rules are tried in the order they were added; the first rule whose topic pattern matches
/// decides (a later rule is not tried when the first one fails to parse the payload).
///
/// (a) OGC SensorThings API (addSensorThings): topic `v1.x/Datastreams(<id>)/Observations`
///     (id numeric or quoted 'text'), payload `{"phenomenonTime": ISO8601 or interval "a/b"
///     (the end is used), "result": number|string|bool, ...}`; resultTime is used when
///     phenomenonTime is absent. deviceId = the datastream id, or datastreamToDevice[id] when
///     a table is given (then an id missing from the table is UnknownDevice).
///     MQTT wildcards are whole levels, so subscribe `v1.1/#` and let this rule filter.
/// (b) Configurable JSON (addJson): topic pattern with `+` / `#`, dot paths into the JSON
///     object (`data.value`, `ts`, `readings.0.v` for array index 0).
///
/// When setKnownDevices() was given a non-empty set, any other device id is UnknownDevice.
class PayloadMapping
{
public:
    enum class TimeFormat { Auto, Iso8601, EpochSeconds, EpochMillis };

    struct JsonRule
    {
        QString topicPattern;          ///< e.g. `site/+/sensors/+/telemetry` or `plant/#`
        QString deviceIdPath;          ///< JSON dot path of the device id (string or integer) ...
        int deviceIdTopicLevel = -1;   ///< ... or 0-based topic level holding it (used when path empty)
        QString valuePath;             ///< JSON dot path of the value (number, string or bool)
        QString timePath;              ///< optional; empty: no time in payload (arrival time is used)
        TimeFormat timeFormat = TimeFormat::Auto; ///< Auto: string → ISO 8601, number → epoch s or ms (≥ 1e11 → ms)
    };

    enum class Error {
        None,
        NoMatchingRule,  ///< topic not covered by any rule: ignore, not an error of the sender
        Empty,
        TooLarge,
        BadJson,
        WrongType,
        MissingField,
        UnknownDevice,
    };

    struct Result
    {
        bool ok = false;
        Error error = Error::None;
        QString reason;            ///< human-readable, names the field; empty when ok
        Observation observation;   ///< valid when ok
    };

    static constexpr qsizetype DefaultMaxPayloadBytes = 256 * 1024;

    PayloadMapping() = default;

    /**
     * Reads a mapping file (any thread). Format (UTF-8 JSON):
     * ```
     * { "format"?: "liyuan-mapping", "version"?: 1,
     *   "maxPayloadBytes"?: integer (> 0),
     *   "topics"?: [string]   (subscription filters; default: derived from the rules),
     *   "rules": [
     *     { "type": "sensorthings", "datastreams"?: { "<datastream id>": "<device id>", ... } },
     *     { "type": "json", "topic": "site/+/sensors/+/telemetry",
     *       "deviceId"?: "dot.path"  or  "deviceIdTopicLevel"?: integer,
     *       "value": "dot.path", "time"?: "dot.path",
     *       "timeFormat"?: "auto" | "iso8601" | "epoch-s" | "epoch-ms" } ] }
     * ```
     * Returns false with *error naming `SOURCE: rules[i]: ...` on the first problem.
     */
    static bool fromJson(const QByteArray &json, const QString &source, PayloadMapping *out, QString *error);
    static bool loadFile(const QString &path, PayloadMapping *out, QString *error);
    /** Subscription filters for a LiveFeed: the file's "topics", else one per rule ("v1.1/#" for SensorThings). */
    QStringList subscriptions() const;

    /// Convenience: a mapping holding one SensorThings rule.
    static PayloadMapping sensorThings(const QHash<QString, QString> &datastreamToDevice = {});

    void addSensorThings(const QHash<QString, QString> &datastreamToDevice = {});
    /// Returns false (and sets *error) when the pattern or paths are invalid.
    bool addJson(const JsonRule &rule, QString *error = nullptr);

    void setKnownDevices(const QSet<QString> &deviceIds) { m_knownDevices = deviceIds; }
    void setMaxPayloadBytes(qsizetype bytes) { m_maxPayloadBytes = bytes; }
    qsizetype maxPayloadBytes() const { return m_maxPayloadBytes; }
    bool isEmpty() const { return m_rules.isEmpty(); }

    Result parse(const QString &topic, const QByteArray &payload) const;

    /// MQTT topic filter matching (`+` one level, `#` the rest, incl. the parent level).
    static bool topicMatches(const QString &filter, const QString &topic);
    static QString errorName(Error e);

private:
    struct Rule
    {
        bool sensorThings = false;
        QHash<QString, QString> datastreamToDevice;
        QStringList patternLevels;
        JsonRule json;
        QStringList devicePath, valuePath, timePath;
    };
    Result parseSensorThings(const Rule &r, const QString &topic, const QByteArray &payload) const;
    Result parseJson(const Rule &r, const QString &topic, const QByteArray &payload) const;

    QVector<Rule> m_rules;
    QStringList m_topics;
    QSet<QString> m_knownDevices;
    qsizetype m_maxPayloadBytes = DefaultMaxPayloadBytes;
};

} // namespace liyuan::live
