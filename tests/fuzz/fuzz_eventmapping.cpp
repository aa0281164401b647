// libFuzzer target: event mappings and event payloads (liyuan::live::EventMapping).
// Each input is used twice: (1) as a mapping file (EventMapping::fromJson; an accepted mapping
// then parses a few fixed messages) and (2) as an MQTT message "topic\npayload" through a
// fixed mapping (the contract's rule, a payload CRS rule and a scene-frame rule).
#include "FuzzSupport.h"

#include <liyuan/live/EventMapping.h>

#include <cmath>

using namespace liyuan;
using liyuan::live::EventMapping;

namespace {

const EventMapping &fixedMapping()
{
    static const EventMapping m = [] {
        EventMapping m;
        QString err;
        const QByteArray json = R"({"type":"LiyuanEventMapping","version":1,"rules":[
            {"topic":"liyuan/demo/events","id":"id","type":"type","x":"position.x","y":"position.y","z":"position.z",
             "crs":"EPSG:4549","time":"time","severity":"severity","text":"text"},
            {"topic":"city/+/alerts","id":"meta.ref","type":"kind","x":"loc.0","y":"loc.1","crs":{"path":"srs"},"severity":"level"},
            {"topic":"local/#","id":"id","type":"type","x":"x","y":"y","z":"z"}]})";
        if (!EventMapping::fromJson(json, QStringLiteral("fixed.json"), &m, &err))
            qFatal("fuzz_eventmapping: %s", qPrintable(err));
        return m;
    }();
    return m;
}

void checkResult(const EventMapping::Result &r)
{
    FUZZ_REQUIRE(r.ok == (r.error == EventMapping::Error::None), r.reason);
    if (!r.ok) {
        FUZZ_REQUIRE(!r.reason.isEmpty(), EventMapping::errorName(r.error));
        return;
    }
    const auto &e = r.event;
    FUZZ_REQUIRE(!e.id.isEmpty() && e.id.size() <= 200, e.id.left(50));
    FUZZ_REQUIRE(!e.type.isEmpty() && e.type.size() <= 100, e.type.left(50));
    FUZZ_REQUIRE(std::isfinite(e.position.x) && std::isfinite(e.position.y) && std::isfinite(e.position.z), e.id);
    FUZZ_REQUIRE(e.severity >= 0 && e.severity <= 4, e.id);
    FUZZ_REQUIRE(e.severityName == EventMapping::severityName(e.severity), e.severityName);
    FUZZ_REQUIRE(e.text.size() <= 2000, e.id);
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    fuzz::initQt();
    (void)fixedMapping();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    // (1) a mapping file
    static const QString name = QStringLiteral("fuzz/events.json");
    EventMapping m;
    QString error;
    if (!EventMapping::fromJson(bytes, name, &m, &error)) {
        fuzz::checkErrorNamesFile(error, name);
    } else {
        (void)m.subscriptions();
        static const std::pair<const char *, const char *> messages[] = {
            {"liyuan/demo/events", R"({"id":"ev-0001","type":"fire","position":{"x":528712.4,"y":3992131.8},"time":"2026-05-04T09:30:00Z","severity":"high","text":"t"})"},
            {"a/b", R"({"id":1,"type":"x","x":1,"y":2,"z":3,"crs":"EPSG:4326","severity":4})"},
            {"a/b/c", R"({"a":{"b":[1,{"c":2}]},"id":"x","x":[1,2],"y":{"z":null}})"},
        };
        for (const auto &[topic, payload] : messages)
            checkResult(m.parse(QString::fromLatin1(topic), QByteArray(payload)));
    }
    // (2) a message through the fixed mapping
    const qsizetype nl = bytes.indexOf('\n');
    if (nl >= 0) {
        const QString topic = QString::fromUtf8(bytes.left(nl));
        const EventMapping::Result r = fixedMapping().parse(topic, bytes.mid(nl + 1));
        checkResult(r);
        FUZZ_REQUIRE(r.error != EventMapping::Error::NoMatchingRule || !fixedMapping().matches(topic), topic.left(100));
    }
    return 0;
}
