// libFuzzer target: Liyuan project files (liyuan::ProjectFile::load, app/src/ProjectFile.cpp).
// The bytes are written to a scratch *.liyuan.json first, as the app reads a path.
#include "FuzzSupport.h"

#include "ProjectFile.h"

#include <cmath>

using namespace liyuan;

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    fuzz::initQt();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString path = fuzz::writeScratch(QStringLiteral("fuzz.liyuan.json"), data, size);
    ProjectFile p;
    QString error;
    if (!ProjectFile::load(path, &p, &error)) {
        fuzz::checkErrorNamesFile(error, path);
        return 0;
    }
    for (const QString &w : p.warnings)
        fuzz::checkErrorNamesFile(w, path);
    FUZZ_REQUIRE(p.activeScheme >= -1 && p.activeScheme < p.schemes.size(),
                 QStringLiteral("activeScheme %1 of %2 schemes").arg(p.activeScheme).arg(p.schemes.size()));
    for (const ProjectMeasurement &m : p.measurements)
        for (const Vec3d &v : m.points)
            FUZZ_REQUIRE(std::isfinite(v.x) && std::isfinite(v.y) && std::isfinite(v.z), m.kind);
    // what saving writes back must load again
    ProjectFile again;
    QString error2;
    FUZZ_REQUIRE(ProjectFile::fromJson(p.toJson(), path, &again, &error2),
                 QStringLiteral("a loaded project does not load back after toJson: ") + error2);
    return 0;
}
