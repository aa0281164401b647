#pragma once

#include <QDateTime>
#include <QList>
#include <QMetaType>
#include <QString>

#include <cmath>
#include <limits>

namespace liyuan::live {

/// One sensor reading, decoded from one MQTT message.
struct Observation
{
    QString deviceId;      ///< registry device id (or SensorThings datastream id when unmapped)
    double value = std::numeric_limits<double>::quiet_NaN(); ///< NaN when the result is text only
    QString text;          ///< textual result (string results, "true"/"false" for booleans)
    QDateTime time;        ///< UTC; when the payload has no time the LiveFeed stamps the arrival time
    QString topic;         ///< MQTT topic the message arrived on

    bool hasValue() const { return !std::isnan(value); }
};

} // namespace liyuan::live

Q_DECLARE_METATYPE(liyuan::live::Observation)
