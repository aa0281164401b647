// libFuzzer target: OpenSceneGraph binary tiles (liyuan::osgb::OsgbReader::read, the path every
// .osgb of a production goes through). The bytes are written to a scratch file first.
#include "FuzzSupport.h"

#include <liyuan/osgb/OsgbReader.h>

using namespace liyuan;

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    fuzz::initQt();
    osgb::registerOsgbReader();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString path = fuzz::writeScratch(QStringLiteral("Tile_fuzz.osgb"), data, size);
    const TileReadResult r = osgb::OsgbReader().read(path);
    if (!r.ok) {
        fuzz::checkErrorNamesFile(r.error, path);
        return 0;
    }
    fuzz::checkTileContent(r.content);
    return 0;
}
