#pragma once
#include <QString>

#include <functional>

namespace liyuan::demo {

/** Outcome of generating the demo district. */
struct DemoDistrictResult
{
    bool ok = false;
    QString error;        ///< what went wrong, naming the file
    QString datasetDir;   ///< the production root (holds metadata.xml and Data/)
    int files = 0;        ///< .osgb files written
    qint64 triangles = 0; ///< summed over all files and levels
    int lodLevels = 0;
};

/** Progress callback: files done so far, total files. Called on the generating thread. */
using DemoProgress = std::function<void(int done, int total)>;

/**
 * Generates the procedural demo district (Qingdao liyuan courtyard blocks, streets, a
 * plaza, a 20+ floor tower) into outDir as a ContextCapture production in EPSG:4549 with
 * origin in Qingdao's Shinan district and >= 3 PagedLOD levels with procedural textures.
 * Heavy: call on a worker thread. Overwrites outDir's content.
 */
DemoDistrictResult generateDemoDistrict(const QString &outDir, const DemoProgress &progress = {});

/** Version of the generator's output; bump when the output changes. */
int demoDistrictVersion();

/**
 * The cache folder the app uses for the demo district
 * (QStandardPaths::CacheLocation/demo-district-v<version>, or $LIYUAN_DEMO_DIR).
 */
QString defaultDemoDistrictDir();

/**
 * Returns the demo district's folder, generating it first when it is missing or was made
 * by another generator version (a stamp file marks a complete generation).
 */
DemoDistrictResult ensureDemoDistrict(const QString &outDir, const DemoProgress &progress = {});

} // namespace liyuan::demo
