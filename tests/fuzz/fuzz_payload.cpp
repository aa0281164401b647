// libFuzzer target: MQTT messages through a fixed PayloadMapping (SensorThings + JSON rules).
// Input: the topic, a newline, then the payload.
#include "FuzzSupport.h"

#include <liyuan/live/PayloadMapping.h>

using namespace liyuan;
using liyuan::live::PayloadMapping;

namespace {

const PayloadMapping &mapping()
{
    static const PayloadMapping m = [] {
        PayloadMapping m = PayloadMapping::sensorThings({{QStringLiteral("7"), QStringLiteral("T-7")}});
        QString err;
        PayloadMapping::JsonRule a;
        a.topicPattern = QStringLiteral("site/+/sensors/+/telemetry");
        a.deviceIdTopicLevel = 3;
        a.valuePath = QStringLiteral("data.value");
        a.timePath = QStringLiteral("ts");
        PayloadMapping::JsonRule b;
        b.topicPattern = QStringLiteral("plant/#");
        b.deviceIdPath = QStringLiteral("dev");
        b.valuePath = QStringLiteral("v");
        b.timePath = QStringLiteral("t");
        b.timeFormat = PayloadMapping::TimeFormat::EpochMillis;
        PayloadMapping::JsonRule c;
        c.topicPattern = QStringLiteral("iso/+");
        c.deviceIdPath = QStringLiteral("meta.id");
        c.valuePath = QStringLiteral("readings.0.v");
        c.timePath = QStringLiteral("time");
        c.timeFormat = PayloadMapping::TimeFormat::Iso8601;
        PayloadMapping::JsonRule d;
        d.topicPattern = QStringLiteral("epoch/+");
        d.deviceIdTopicLevel = 1;
        d.valuePath = QStringLiteral("value");
        d.timePath = QStringLiteral("t");
        d.timeFormat = PayloadMapping::TimeFormat::EpochSeconds;
        PayloadMapping::JsonRule e;
        e.topicPattern = QStringLiteral("auto/+");
        e.deviceIdTopicLevel = 1;
        e.valuePath = QStringLiteral("value");
        e.timePath = QStringLiteral("t");
        if (!m.addJson(a, &err) || !m.addJson(b, &err) || !m.addJson(c, &err) || !m.addJson(d, &err)
            || !m.addJson(e, &err))
            qFatal("fuzz_payload: rule rejected: %s", qPrintable(err));
        return m;
    }();
    return m;
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    fuzz::initQt();
    (void)mapping();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    const qsizetype nl = bytes.indexOf('\n');
    const QString topic = QString::fromUtf8(nl < 0 ? bytes : bytes.left(nl));
    const QByteArray payload = nl < 0 ? QByteArray() : bytes.mid(nl + 1);
    const PayloadMapping::Result r = mapping().parse(topic, payload);
    FUZZ_REQUIRE(r.ok == (r.error == PayloadMapping::Error::None), r.reason);
    if (r.ok) {
        FUZZ_REQUIRE(!r.observation.deviceId.isEmpty(), QStringLiteral("accepted without a device id"));
        FUZZ_REQUIRE(!r.observation.time.isValid() || r.observation.time.timeSpec() == Qt::UTC
                         || r.observation.time.offsetFromUtc() == 0,
                     QStringLiteral("time not in UTC"));
    } else if (r.error != PayloadMapping::Error::NoMatchingRule) {
        FUZZ_REQUIRE(!r.reason.isEmpty(), PayloadMapping::errorName(r.error));
    }
    return 0;
}
