// libFuzzer target: GeoJSON through the vector path — OGR (GDAL's /vsimem/, no disk) →
// VectorDataset → VectorTileReader::load (reprojection, GEOS validation and triangulation,
// chunking) → read() of every chunk (meshes), as the app streams a vector layer.
#include "FuzzSupport.h"

#include <liyuan/gdal/VectorTileReader.h>
#include <liyuan/geodata/Crs.h>
#include <liyuan/geodata/VectorDataset.h>

#include <cpl_vsi.h>

using namespace liyuan;
using namespace liyuan::gdal;

namespace {
LocalFrame g_frame;
}

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    fuzz::initQt();
    registerGdalDrivers();
    QString error;
    // Web Mercator is defined nearly everywhere: features anywhere on earth reproject
    const Crs crs = Crs::fromString(QStringLiteral("EPSG:3857"), &error);
    if (!crs.isValid())
        qFatal("fuzz_geojson: %s", qPrintable(error));
    g_frame = LocalFrame(crs, Vec3d(0, 0, 0));
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *path = "/vsimem/fuzz.geojson";
    // GDAL does not own the buffer (bTakeOwnership = FALSE); the file is unlinked below
    VSILFILE *f = VSIFileFromMemBuffer(path, const_cast<GByte *>(data), vsi_l_offset(size), FALSE);
    if (!f)
        return 0;
    VSIFCloseL(f);

    const std::shared_ptr<VectorTileReader> reader = VectorTileReader::instance();
    VectorLayerSource src;
    src.id = QStringLiteral("fuzz");
    src.file = QString::fromLatin1(path);
    src.frame = g_frame;
    src.assumeCrs = Crs::wgs84();
    QString error;
    const auto layer = reader->load(src, {}, &error);
    if (!layer) {
        fuzz::checkErrorNamesFile(error, QStringLiteral("fuzz.geojson"));
    } else {
        for (const QString &chunk : reader->rootFiles(src.id)) {
            const TileReadResult r = reader->read(chunk);
            if (r.ok)
                fuzz::checkTileContent(r.content);
            else
                fuzz::checkErrorNamesFile(r.error, chunk);
        }
    }
    reader->removeLayer(src.id);
    VSIUnlink(path);
    return 0;
}
