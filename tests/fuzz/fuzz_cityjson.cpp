// libFuzzer target: CityJSON (liyuan::assimp::CityJsonReader::readData).
#include "FuzzSupport.h"

#include <liyuan/assimp/CityJsonReader.h>

#include <cmath>

using namespace liyuan;
using liyuan::assimp::CityJsonReader;

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    fuzz::initQt();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const QString name = QStringLiteral("fuzz/city.json");
    const QByteArray json(reinterpret_cast<const char *>(data), qsizetype(size));
    const auto r = CityJsonReader().readData(json, name);
    if (!r.ok) {
        fuzz::checkErrorNamesFile(r.error, name);
        return 0;
    }
    for (const auto &o : r.content.objects) {
        FUZZ_REQUIRE(o.positions.size() % 3 == 0, o.id);
        FUZZ_REQUIRE(o.indices.size() % 3 == 0, o.id);
        const size_t n = o.positions.size() / 3;
        for (uint32_t i : o.indices)
            FUZZ_REQUIRE(i < n, QStringLiteral("%1: index %2 >= %3 vertices").arg(o.id).arg(i).arg(n));
        for (double v : o.positions)
            FUZZ_REQUIRE(std::isfinite(v), o.id + QStringLiteral(": non-finite vertex"));
    }
    return 0;
}
