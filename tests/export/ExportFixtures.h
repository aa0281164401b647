#pragma once
// Small ContextCapture-shaped productions for the export tests, written with the OSGB plugin's
// writer (osgb::writeTile): metadata.xml (EPSG:4549 + SRSOrigin) and Data/Tile_+000_+000 with a
// root file (a textured 100 m square, PagedLOD radius kRadius, child takes over at kThreshold px),
// two children (25 m quads, leaves) and a third child that is missing on purpose.
#include <liyuan/osgb/OsgbWriter.h>

#include <QDir>
#include <QFile>
#include <QString>

namespace liyuan::test {

struct GeneratedProduction
{
    static constexpr double kRadius = 70.0;     ///< root PagedLOD radius (m)
    static constexpr double kThreshold = 280.0; ///< pixel size where the children take over
    static constexpr double kOriginX = 500000.0, kOriginY = 4000000.0, kOriginZ = 10.0; ///< SRSOrigin (EPSG:4549)

    static MeshData quad(double x0, double y0, double size, double z)
    {
        MeshData m;
        m.positions = {float(x0), float(y0), float(z), float(x0 + size), float(y0), float(z),
                       float(x0 + size), float(y0 + size), float(z + 2), float(x0), float(y0 + size), float(z + 2)};
        m.uvs = {0, 0, 1, 0, 1, 1, 0, 1};
        m.indices = {0, 1, 2, 0, 2, 3};
        m.imageIndex = 0;
        m.computeBounds();
        return m;
    }
    static ImageData image(int seed)
    {
        ImageData im;
        im.width = im.height = 32;
        im.rgba.resize(32 * 32 * 4);
        for (int i = 0; i < 32 * 32; ++i) {
            im.rgba[i * 4] = char((i * 7 + seed) & 0xff), im.rgba[i * 4 + 1] = char(i / 32 * 8), im.rgba[i * 4 + 2] = char(seed * 40);
            im.rgba[i * 4 + 3] = char(0xff);
        }
        return im;
    }

    /** Writes the production under dir; false and *error when the OSGB writer fails. */
    static bool write(const QString &dir, QString *error, bool withMetadata = true)
    {
        const QString tileDir = dir + QStringLiteral("/Data/Tile_+000_+000");
        QDir().mkpath(tileDir);
        if (withMetadata) {
            QFile meta(dir + QStringLiteral("/metadata.xml"));
            if (!meta.open(QIODevice::WriteOnly))
                return false;
            meta.write(QStringLiteral("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<ModelMetadata version=\"1\">\n"
                                      "  <SRS>EPSG:4549</SRS>\n  <SRSOrigin>%1,%2,%3</SRSOrigin>\n</ModelMetadata>\n")
                               .arg(kOriginX, 0, 'f', 3).arg(kOriginY, 0, 'f', 3).arg(kOriginZ, 0, 'f', 3).toUtf8());
        }
        const QString root = tileDir + QStringLiteral("/Tile_+000_+000.osgb");
        const QString c0 = tileDir + QStringLiteral("/Tile_+000_+000_L17_0.osgb");
        const QString c1 = tileDir + QStringLiteral("/Tile_+000_+000_L17_1.osgb");
        const QString missing = tileDir + QStringLiteral("/Tile_+000_+000_L17_2.osgb");
        TileContent rc;
        rc.origin = Vec3d(0, 0, 0);
        rc.meshes.push_back(quad(0, 0, 100, 5));
        rc.images.push_back(image(1));
        LodNode n;
        n.center = Vec3d(50, 50, 6);
        n.radius = kRadius;
        n.rangeMode = RangeMode::PixelSizeOnScreen;
        n.ranges.push_back({0.f, float(kThreshold), {0}, {}});
        n.ranges.push_back({float(kThreshold), 1e30f, {}, c0});
        rc.nodes.push_back(n);
        LodNode n2 = n; // a second PagedLOD in the same file with a smaller error (the larger one wins)
        n2.ranges = {{float(kThreshold * 2), 1e30f, {}, c1}};
        n2.ranges.push_back({float(kThreshold * 2), 1e30f, {}, missing});
        rc.nodes.push_back(n2);
        if (!osgb::writeTile(rc, root, error))
            return false;
        for (int i = 0; i < 2; ++i) {
            TileContent cc;
            cc.origin = Vec3d(0, 0, 0);
            cc.meshes.push_back(quad(i * 50, 0, 50, 5.5));
            cc.images.push_back(image(2 + i));
            LodNode leaf;
            leaf.center = Vec3d(i * 50 + 25, 25, 6);
            leaf.radius = 40;
            leaf.rangeMode = RangeMode::PixelSizeOnScreen;
            leaf.ranges.push_back({0.f, 1e30f, {0}, {}});
            cc.nodes.push_back(leaf);
            if (!osgb::writeTile(cc, i == 0 ? c0 : c1, error))
                return false;
        }
        return true;
    }
};

} // namespace liyuan::test
