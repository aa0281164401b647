// libFuzzer target: ContextCapture metadata.xml (liyuan::ContextCaptureMetadata::parse).
#include "FuzzSupport.h"

#include <liyuan/geodata/ContextCaptureMetadata.h>

#include <cmath>

using namespace liyuan;

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    fuzz::initQt();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const QString name = QStringLiteral("fuzz/metadata.xml");
    const QByteArray xml(reinterpret_cast<const char *>(data), qsizetype(size));
    const ContextCaptureMetadata m = ContextCaptureMetadata::parse(xml, name);
    if (!m.ok) {
        fuzz::checkErrorNamesFile(m.error, name);
        return 0;
    }
    FUZZ_REQUIRE(m.crs.isValid(), QStringLiteral("accepted without a valid CRS: ") + m.srsText);
    FUZZ_REQUIRE(std::isfinite(m.srsOrigin.x) && std::isfinite(m.srsOrigin.y) && std::isfinite(m.srsOrigin.z),
                 QStringLiteral("accepted a non-finite origin"));
    (void)m.frame();
    return 0;
}
