// libFuzzer target: payload mapping files (liyuan::live::PayloadMapping::fromJson); an accepted
// mapping then parses a few fixed messages.
#include "FuzzSupport.h"

#include <liyuan/live/PayloadMapping.h>

using namespace liyuan;
using liyuan::live::PayloadMapping;

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    fuzz::initQt();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const QString name = QStringLiteral("fuzz/mapping.json");
    const QByteArray json(reinterpret_cast<const char *>(data), qsizetype(size));
    PayloadMapping m;
    QString error;
    if (!PayloadMapping::fromJson(json, name, &m, &error)) {
        fuzz::checkErrorNamesFile(error, name);
        return 0;
    }
    (void)m.subscriptions();
    static const std::pair<const char *, const char *> messages[] = {
        {"v1.1/Datastreams(7)/Observations", R"({"phenomenonTime":"2024-05-01T12:00:00Z","result":21.5})"},
        {"site/a/sensors/T-1/telemetry", R"({"data":{"value":3},"ts":1714564800})"},
        {"plant/hall/3", R"({"dev":3,"v":"4.5","t":1714564800000})"},
        {"a/b/c", R"({"a":{"b":[1,{"c":2}]},"id":"x","value":true,"time":"2024-05-01T12:00:00+08:00"})"},
    };
    for (const auto &[topic, payload] : messages) {
        const PayloadMapping::Result r = m.parse(QString::fromLatin1(topic), QByteArray(payload));
        FUZZ_REQUIRE(r.ok == (r.error == PayloadMapping::Error::None), r.reason);
        if (!r.ok)
            (void)PayloadMapping::errorName(r.error);
    }
    return 0;
}
