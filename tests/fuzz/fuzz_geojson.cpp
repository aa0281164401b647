// libFuzzer target: GeoJSON through the vector path — OGR (GDAL's /vsimem/, no disk) →
// VectorDataset → VectorTileReader::load (reprojection, GEOS validation and triangulation,
// chunking) → read() of every chunk (meshes), as the app streams a vector layer.
#include "FuzzSupport.h"

#include <liyuan/gdal/VectorTileReader.h>
#include <liyuan/geodata/Crs.h>
#include <liyuan/geodata/VectorDataset.h>

#include <cpl_conv.h>
#include <cpl_vsi.h>

#include <cstring>

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
    // A new name each time: the per-thread dataset cache (geodata/src/GdalSupport.cpp) keys on
    // the path and cannot see a /vsimem/ file change. GDAL owns a copy of the bytes, so a
    // dataset still cached after the unlink below never reads freed memory.
    static quint64 counter = 0;
    const QByteArray path = "/vsimem/fuzz" + QByteArray::number(++counter) + ".geojson";
    auto *copy = static_cast<GByte *>(CPLMalloc(size ? size : 1));
    if (size)
        memcpy(copy, data, size);
    VSILFILE *f = VSIFileFromMemBuffer(path.constData(), copy, vsi_l_offset(size), TRUE);
    if (!f) {
        CPLFree(copy);
        return 0;
    }
    VSIFCloseL(f);

    const std::shared_ptr<VectorTileReader> reader = VectorTileReader::instance();
    VectorLayerSource src;
    src.id = QStringLiteral("fuzz");
    src.file = QString::fromLatin1(path);
    const QString fileName = QString::fromLatin1(path.mid(path.lastIndexOf('/') + 1));
    src.frame = g_frame;
    src.assumeCrs = Crs::wgs84();
    QString error;
    const auto layer = reader->load(src, {}, &error);
    if (!layer) {
        fuzz::checkErrorNamesFile(error, fileName);
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
    VSIUnlink(path.constData());
    return 0;
}
