// libFuzzer target: building registry JSON (liyuan::live::BuildingRegistry::loadJson).
#include "FuzzSupport.h"

#include <liyuan/live/BuildingRegistry.h>

#include <cmath>

using namespace liyuan;
using liyuan::live::BuildingRegistry;

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    fuzz::initQt();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const QString name = QStringLiteral("fuzz/registry.json");
    const QByteArray json(reinterpret_cast<const char *>(data), qsizetype(size));
    BuildingRegistry reg;
    const bool ok = reg.loadJson(json, name);
    if (!ok) {
        FUZZ_REQUIRE(!reg.errors().isEmpty(), QStringLiteral("failed without an error"));
        FUZZ_REQUIRE(reg.buildings().isEmpty(), QStringLiteral("failed but kept buildings"));
        for (const QString &e : reg.errors())
            fuzz::checkErrorNamesFile(e, name);
        return 0;
    }
    FUZZ_REQUIRE(reg.errors().isEmpty(), reg.errors().join(QLatin1Char('\n')));
    for (const BuildingRegistry::Building &b : reg.buildings()) {
        FUZZ_REQUIRE(!b.floors.isEmpty(), b.id);
        for (const BuildingRegistry::Floor &f : b.floors)
            FUZZ_REQUIRE(std::isfinite(f.baseElevation) && std::isfinite(f.height) && f.height > 0, b.id);
        for (const BuildingRegistry::Device &d : b.devices) {
            FUZZ_REQUIRE(b.floor(d.floor) != nullptr, d.id);
            FUZZ_REQUIRE(reg.device(d.id) == &d || reg.device(d.id) != nullptr, d.id);
            FUZZ_REQUIRE(d.staleSeconds > 0, d.id);
        }
        for (const BuildingRegistry::Meter &m : b.meters)
            FUZZ_REQUIRE(reg.device(m.deviceId) != nullptr, m.deviceId);
    }
    return 0;
}
