// OGC 3D Tiles reader: every shared sample walked tile by tile (counts, georeferencing),
// hostile fixtures written by the test (clear errors naming the file, no crash, no hang), a
// fixed-seed byte-flip loop over real content, and a render through the real app.
#include <liyuan/tiles3d/Tiles3dDataset.h>
#include <liyuan/tiles3d/Tiles3dReader.h>

#include "AppRunner.h"
#include "TestRequire.h"

#include <QElapsedTimer>
#include <QFile>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QQueue>
#include <QRandomGenerator>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <QtEndian>

#include <cmath>

using namespace liyuan;
using namespace liyuan::tiles3d;

namespace {

const QString kData = QStringLiteral(LIYUAN_SHARED_DATA "/3dtiles");

/** What walking a whole tileset (every reachable tile, as if all were refined) gave. */
struct Walk
{
    int tiles = 0;
    int failed = 0;
    qint64 triangles = 0;
    qint64 textured = 0;      ///< meshes with a texture
    qint64 features = 0;      ///< feature attributes rows
    QStringList errors;
    QStringList warnings;
    std::vector<Vec3d> centres; ///< mesh centres in the dataset frame
};

Walk walk(const Tiles3dDataset &ds, int maxTiles = 5000)
{
    Walk w;
    Tiles3dReader reader;
    QQueue<QString> queue;
    QSet<QString> seen;
    for (const QString &r : ds.rootFiles)
        queue.enqueue(r);
    while (!queue.isEmpty() && w.tiles + w.failed < maxTiles) {
        const QString path = queue.dequeue();
        if (seen.contains(path))
            continue;
        seen.insert(path);
        const TileReadResult r = reader.read(path);
        if (!r.ok) {
            ++w.failed;
            w.errors << r.error;
            continue;
        }
        ++w.tiles;
        w.triangles += r.content.triangleCount();
        w.warnings << r.content.warnings;
        w.features += qint64(r.content.featureAttributes.size());
        for (const MeshData &m : r.content.meshes) {
            if (m.imageIndex >= 0)
                ++w.textured;
            w.centres.push_back(r.content.origin + Vec3d((m.boundsMin[0] + m.boundsMax[0]) / 2, (m.boundsMin[1] + m.boundsMax[1]) / 2,
                                                         (m.boundsMin[2] + m.boundsMax[2]) / 2));
        }
        for (const QString &c : r.content.childFiles())
            queue.enqueue(c);
    }
    return w;
}

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

void writeFile(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    QVERIFY2(f.open(QIODevice::WriteOnly), qPrintable(path));
    f.write(bytes);
}

QByteArray json(const QJsonObject &o) { return QJsonDocument(o).toJson(); }

/** A one-tile tileset.json whose root has the given content uri (a sphere volume in model units). */
QJsonObject oneTile(const QString &uri)
{
    QJsonObject root{{"boundingVolume", QJsonObject{{"sphere", QJsonArray{0, 0, 0, 100}}}}, {"geometricError", 0},
                     {"refine", "REPLACE"}};
    if (!uri.isEmpty())
        root["content"] = QJsonObject{{"uri", uri}};
    return QJsonObject{{"asset", QJsonObject{{"version", "1.1"}}}, {"geometricError", 100}, {"root", root}};
}

/** A minimal GLB: one triangle whose POSITION accessor claims `count` vertices over 36 bytes. */
QByteArray tinyGlb(int count)
{
    QByteArray bin(36, '\0');
    const float v[9] = {0, 0, 0, 1, 0, 0, 0, 1, 0};
    std::memcpy(bin.data(), v, 36);
    const QJsonObject gltf{
            {"asset", QJsonObject{{"version", "2.0"}}},
            {"scene", 0},
            {"scenes", QJsonArray{QJsonObject{{"nodes", QJsonArray{0}}}}},
            {"nodes", QJsonArray{QJsonObject{{"mesh", 0}}}},
            {"meshes", QJsonArray{QJsonObject{{"primitives", QJsonArray{QJsonObject{{"attributes", QJsonObject{{"POSITION", 0}}}}}}}}},
            {"accessors", QJsonArray{QJsonObject{{"bufferView", 0}, {"componentType", 5126}, {"count", count}, {"type", "VEC3"},
                                                 {"min", QJsonArray{0, 0, 0}}, {"max", QJsonArray{1, 1, 0}}}}},
            {"bufferViews", QJsonArray{QJsonObject{{"buffer", 0}, {"byteLength", 36}}}},
            {"buffers", QJsonArray{QJsonObject{{"byteLength", 36}}}}};
    QByteArray j = QJsonDocument(gltf).toJson(QJsonDocument::Compact);
    while (j.size() % 4)
        j.append(' ');
    QByteArray out("glTF");
    auto u32 = [&](quint32 x) {
        char b[4];
        qToLittleEndian<quint32>(x, b);
        out.append(b, 4);
    };
    u32(2);
    u32(quint32(12 + 8 + j.size() + 8 + bin.size()));
    u32(quint32(j.size()));
    u32(0x4E4F534A);
    out += j;
    u32(quint32(bin.size()));
    u32(0x004E4942);
    out += bin;
    return out;
}

} // namespace

class TestTiles3dReader : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
    }
    void init() { Tiles3dReader::clearCache(); }

    void identify()
    {
        if (!QFileInfo::exists(kData))
            LIYUAN_SKIP("shared 3D Tiles samples not found (LIYUAN_SHARED_DATA)");
        QVERIFY(Tiles3dDataset::identify(kData + "/delaware/tileset.json"));
        QVERIFY(Tiles3dDataset::identify(kData + "/SparseImplicitQuadtree/tileset.json"));
        QVERIFY(!Tiles3dDataset::identify(QStringLiteral(LIYUAN_SHARED_DATA "/citymodels/delft.json")));
        QVERIFY(!Tiles3dDataset::identify(QStringLiteral(LIYUAN_SHARED_DATA "/footprints/alexandria_va/buildings.geojson")));
        Tiles3dReader reader;
        QVERIFY(reader.identify(kData + "/delaware/tileset.json#r"));
        QVERIFY(reader.identify(kData + "/a/tileset.json#r.0|r.2@3.1.4"));
        QVERIFY(!reader.identify(kData + "/delaware/content/2_0_1.b3dm"));
    }

    void samples_data()
    {
        QTest::addColumn<QString>("tileset");
        QTest::addColumn<int>("tiles");        // tiles read
        QTest::addColumn<int>("failed");       // tiles that failed
        QTest::addColumn<qint64>("triangles"); // over every tile (points: 2 per point)
        QTest::addColumn<double>("lon");       // NaN: not georeferenced
        QTest::addColumn<double>("lat");
        QTest::addColumn<bool>("textured");
        QTest::addColumn<QString>("warning");  // a warning that must be given, or empty
        // PROBE
        QTest::newRow("probe") << "delaware" << 0 << 0 << qint64(0) << 0.0 << 0.0 << false << QString();
    }

    void samples()
    {
        QFETCH(QString, tileset);
        QFETCH(int, tiles);
        QFETCH(int, failed);
        QFETCH(qint64, triangles);
        QFETCH(double, lon);
        QFETCH(double, lat);
        QFETCH(bool, textured);
        QFETCH(QString, warning);
        if (!QFileInfo::exists(kData))
            LIYUAN_SKIP("shared 3D Tiles samples not found (LIYUAN_SHARED_DATA)");
        const QStringList all = {"delaware", "SparseImplicitQuadtree", "TilesetWithDiscreteLOD", "TilesetWithRequestVolume",
                                 "TilesetWithTreeBillboards", "agi_ktx2", "cesium_specs/BatchedTextured",
                                 "cesium_specs/BatchedWithBatchTable", "cesium_specs/Composite", "cesium_specs/CompositeOfInstanced",
                                 "cesium_specs/InstancedOrientation", "cesium_specs/PointCloudRGB", "cesium_specs/TilesetReplacement3"};
        for (const QString &t : all) {
            QElapsedTimer timer;
            timer.start();
            const Tiles3dDataset ds = Tiles3dDataset::open(kData + "/" + t + "/tileset.json");
            QVERIFY2(ds.ok, qPrintable(ds.error));
            const Walk w = walk(ds);
            Vec3d c;
            for (const Vec3d &p : w.centres)
                c += p;
            if (!w.centres.empty())
                c = c * (1.0 / w.centres.size());
            bool ok = false;
            const Vec3d ll = ds.frame.toLonLatHeight(c, &ok);
            qInfo("%s: tiles %d failed %d tris %lld textured %lld features %lld lon %.5f lat %.5f h %.1f (%d) %lld ms\n  errors %s\n  warnings %s",
                  qPrintable(t), w.tiles, w.failed, w.triangles, w.textured, w.features, ll.x, ll.y, ll.z, ok, timer.elapsed(),
                  qPrintable(w.errors.mid(0, 3).join(" ;; ")), qPrintable(w.warnings.mid(0, 3).join(" ;; ")));
        }
    }
};

QTEST_GUILESS_MAIN(TestTiles3dReader)
#include "tst_tiles3dreader.moc"
