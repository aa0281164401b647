// OGC 3D Tiles reader: every shared sample walked tile by tile (counts, georeferencing),
// hostile fixtures written by the test (clear errors naming the file, no crash, no hang), a
// fixed-seed byte-flip loop over real content, and a render through the real app.
#include <liyuan/tiles3d/Tiles3dDataset.h>
#include <liyuan/tiles3d/Tiles3dReader.h>
#include <liyuan/scene/TileSelector.h>

#include "AppRunner.h"
#include "TestRequire.h"

#include <QDir>
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
#include <cstring>
#include <limits>

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
    int contentTiles = 0;     ///< tiles with at least one mesh
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
        if (!r.content.meshes.empty())
            ++w.contentTiles;
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
        QTest::addColumn<int>("tiles");        // tiles read (every reachable tile)
        QTest::addColumn<int>("contentTiles"); // tiles with geometry
        QTest::addColumn<qint64>("triangles"); // over every tile (a point is a quad: 2 triangles)
        QTest::addColumn<double>("lon");       // of the mean mesh centre; NaN: not georeferenced
        QTest::addColumn<double>("lat");
        QTest::addColumn<bool>("textured");
        QTest::addColumn<qint64>("features");  // batch table rows (attributes for picking)
        QTest::addColumn<QString>("warning");  // a warning that must be given, or empty
        const double nan = std::nan("");
        // implicit quadtree (1.0 asset with implicitTiling), ADD, Draco b3dm, Dover DE
        QTest::newRow("delaware") << "delaware" << 81 << 59 << qint64(440818) << -75.532 << 39.144 << false << qint64(0) << QString();
        // 3D Tiles 1.1 binary subtrees: 63 available tiles, content only at level 5
        QTest::newRow("SparseImplicitQuadtree") << "SparseImplicitQuadtree" << 63 << 32 << qint64(64) << nan << nan << false
                                                << qint64(0) << "not georeferenced";
        // REPLACE chain whose leaf file is missing from the sample: left out with a warning
        QTest::newRow("TilesetWithDiscreteLOD") << "TilesetWithDiscreteLOD" << 2 << 2 << qint64(2312 + 14782) << -75.612 << 40.0425
                                                << false << qint64(0) << "dragon_high.b3dm";
        // external tileset, ADD, b3dm + pnts (125,000 points) with their own transforms
        QTest::newRow("TilesetWithRequestVolume") << "TilesetWithRequestVolume" << 9 << 6 << qint64(66094 + 250000 + 4 * 120)
                                                  << -75.612 << 40.0426 << false << qint64(40) << QString();
        // i3dm, EAST_NORTH_UP, textured glb; the billboard needs KHR_techniques_webgl
        QTest::newRow("TilesetWithTreeBillboards") << "TilesetWithTreeBillboards" << 2 << 2 << qint64(51950) << -75.612 << 40.0425
                                                   << true << qint64(50) << QString();
        QTest::newRow("agi_ktx2") << "agi_ktx2" << 2 << 1 << qint64(18916) << -75.5967 << 40.0388 << false << qint64(0)
                                  << "KHR_texture_basisu";
        QTest::newRow("BatchedTextured") << "cesium_specs/BatchedTextured" << 1 << 1 << qint64(120) << -75.612 << 40.0425 << true
                                         << qint64(10) << QString();
        QTest::newRow("BatchedWithBatchTable") << "cesium_specs/BatchedWithBatchTable" << 1 << 1 << qint64(120) << -75.612
                                               << 40.0425 << false << qint64(10) << QString();
        QTest::newRow("Composite") << "cesium_specs/Composite" << 1 << 1 << qint64(420) << -75.612 << 40.0425 << false
                                   << qint64(35) << QString();
        QTest::newRow("CompositeOfInstanced") << "cesium_specs/CompositeOfInstanced" << 1 << 1 << qint64(600) << -75.612
                                              << 40.0425 << false << qint64(50) << QString();
        QTest::newRow("InstancedOrientation") << "cesium_specs/InstancedOrientation" << 1 << 1 << qint64(300) << -75.612
                                              << 40.0425 << false << qint64(25) << QString();
        QTest::newRow("PointCloudRGB") << "cesium_specs/PointCloudRGB" << 1 << 1 << qint64(2000) << -75.612 << 40.0425 << false
                                       << qint64(0) << QString();
        // REPLACE parent → ADD child whose content is an external tileset (root without content, 4 leaves)
        QTest::newRow("TilesetReplacement3") << "cesium_specs/TilesetReplacement3" << 7 << 5 << qint64(600) << -75.612 << 40.0426
                                             << false << qint64(50) << QString();
    }

    void samples()
    {
        QFETCH(QString, tileset);
        QFETCH(int, tiles);
        QFETCH(int, contentTiles);
        QFETCH(qint64, triangles);
        QFETCH(double, lon);
        QFETCH(double, lat);
        QFETCH(bool, textured);
        QFETCH(qint64, features);
        QFETCH(QString, warning);
        if (!QFileInfo::exists(kData))
            LIYUAN_SKIP("shared 3D Tiles samples not found (LIYUAN_SHARED_DATA)");
        const QString path = kData + "/" + tileset + "/tileset.json";
        QVERIFY(Tiles3dDataset::identify(path));
        const Tiles3dDataset ds = Tiles3dDataset::open(path);
        QVERIFY2(ds.ok, qPrintable(ds.error));
        QCOMPARE(ds.rootFiles.size(), 1);
        const Walk w = walk(ds);
        QVERIFY2(w.failed == 0, qPrintable(w.errors.join('\n')));
        QCOMPARE(w.tiles, tiles);
        QCOMPARE(w.contentTiles, contentTiles);
        QCOMPARE(w.triangles, triangles);
        QCOMPARE(w.textured > 0, textured);
        QCOMPARE(w.features, features);
        if (!warning.isEmpty()) {
            const QStringList all = ds.warnings + w.warnings;
            QVERIFY2(all.join('\n').contains(warning), qPrintable(all.join('\n')));
        }
        Vec3d c;
        for (const Vec3d &p : w.centres)
            c += p;
        c = c * (1.0 / double(w.centres.size()));
        if (std::isnan(lon)) {
            QVERIFY(!ds.frame.isGeoreferenced());
            return;
        }
        QVERIFY(ds.frame.isGeoreferenced());
        QVERIFY2(ds.frame.crs().projDefinition().contains("topocentric"), qPrintable(ds.frame.crs().projDefinition()));
        bool ok = false;
        const Vec3d ll = ds.frame.toLonLatHeight(c, &ok);
        QVERIFY(ok);
        QVERIFY2(std::abs(ll.x - lon) < 0.01 && std::abs(ll.y - lat) < 0.01,
                 qPrintable(QStringLiteral("centre at %1, %2").arg(ll.x, 0, 'f', 5).arg(ll.y, 0, 'f', 5)));
        QVERIFY2(ll.z > -100 && ll.z < 1000, qPrintable(QString::number(ll.z))); // on the ground, not in orbit
    }

    /** Geometric error → screen-space error: the threshold pixel size of REPLACE and ADD tiles. */
    void screenSpaceErrorRanges()
    {
        if (!QFileInfo::exists(kData))
            LIYUAN_SKIP("shared 3D Tiles samples not found (LIYUAN_SHARED_DATA)");
        Tiles3dReader reader;
        // TilesetReplacement3: root REPLACE, geometricError 70, own content and one child
        const Tiles3dDataset ds = Tiles3dDataset::open(kData + "/cesium_specs/TilesetReplacement3/tileset.json");
        QVERIFY(ds.ok);
        TileReadResult r = reader.read(ds.rootFiles.first());
        QVERIFY2(r.ok, qPrintable(r.error));
        QCOMPARE(r.content.nodes.size(), size_t(1));
        const LodNode n = r.content.nodes[0];
        QCOMPARE(n.rangeMode, RangeMode::PixelSizeAtNearestPoint);
        QCOMPARE(n.ranges.size(), size_t(2));
        const double expected = Tiles3dReader::options().maximumScreenSpaceError * 2.0 * n.radius / 70.0;
        QVERIFY(std::abs(n.ranges[0].max - expected) < 1e-3 * expected); // own meshes until the SSE exceeds 16 px
        QCOMPARE(n.ranges[0].min, 0.f);
        QVERIFY(!n.ranges[0].meshes.empty());
        QCOMPARE(n.ranges[1].min, n.ranges[0].max); // then the child replaces it
        QVERIFY(n.ranges[1].childFile.endsWith("#r.0"));
        // its child is ADD and names an external tileset: the child's child is that tileset's root
        r = reader.read(n.ranges[1].childFile);
        QVERIFY2(r.ok, qPrintable(r.error));
        QCOMPARE(r.content.childFiles(), QStringList{n.ranges[1].childFile + "|r"});
        // TilesetWithRequestVolume: ADD root keeps its content drawn whatever the refinement
        const Tiles3dDataset add = Tiles3dDataset::open(kData + "/TilesetWithRequestVolume/tileset.json");
        r = reader.read(add.rootFiles.first());
        QVERIFY2(r.ok, qPrintable(r.error));
        for (const LodRange &range : r.content.nodes[0].ranges)
            if (!range.meshes.empty())
                QCOMPARE(range.max, std::numeric_limits<float>::max());
        QCOMPARE(r.content.childFiles().size(), 3);
        // the dragon's REPLACE root: coarse below the threshold, the child above it
        const Tiles3dDataset lod = Tiles3dDataset::open(kData + "/TilesetWithDiscreteLOD/tileset.json");
        r = reader.read(lod.rootFiles.first());
        QVERIFY2(r.ok, qPrintable(r.error));
        QCOMPARE(r.content.triangleCount(), qint64(2312));
        QVERIFY(r.content.nodes[0].ranges[0].max < std::numeric_limits<float>::max());
    }

    /** The selector measures 3D Tiles' screen-space error from the sphere's nearest point, not its centre. */
    void nearestPointRefines()
    {
        auto content = std::make_shared<TileContent>();
        MeshData m;
        m.positions = {0, 0, 0, 1, 0, 0, 0, 1, 0};
        m.indices = {0, 1, 2};
        m.computeBounds();
        content->meshes.push_back(m);
        LodNode n;
        n.radius = 100;
        n.rangeMode = RangeMode::PixelSizeAtNearestPoint;
        ViewState view;
        view.eye = Vec3d(0, -150, 0); // looking +Y at the centre, 50 m from the sphere
        const double atCentre = view.pixelSize(Vec3d(), 100);
        const float threshold = float(atCentre * 2); // below it from the centre, above it (×3) from the nearest point
        n.ranges.push_back({0.f, threshold, {0}, {}});
        n.ranges.push_back({threshold, std::numeric_limits<float>::max(), {}, "child"});
        content->nodes.push_back(n);
        Tile root, child;
        root.file = "root";
        root.state = TileLoadState::Done;
        root.content = content;
        child.file = "child";
        child.parent = &root;
        root.children.push_back(&child);
        TileSelector selector;
        TilesetOptions options;
        Selection s = selector.select({{&root, {}, 0.0, 1.0}}, view, options, 1);
        QCOMPARE(s.wanted.size(), size_t(1)); // refines: the child is wanted
        QCOMPARE(s.wanted[0].tile, &child);
        QCOMPARE(s.draw.size(), size_t(1));   // the parent stays drawn while it loads
        content->nodes[0].rangeMode = RangeMode::PixelSizeOnScreen; // the OSG rule would not refine here
        s = selector.select({{&root, {}, 0.0, 1.0}}, view, options, 2);
        QVERIFY(s.wanted.empty());
        content->nodes[0].rangeMode = RangeMode::PixelSizeAtNearestPoint;
        view.eye = Vec3d(0, -50, 0); // inside the sphere: always refine
        s = selector.select({{&root, {}, 0.0, 1.0}}, view, options, 3);
        QCOMPARE(s.wanted.size(), size_t(1));
    }

    void batchTableAttributes()
    {
        if (!QFileInfo::exists(kData))
            LIYUAN_SKIP("shared 3D Tiles samples not found (LIYUAN_SHARED_DATA)");
        const Tiles3dDataset ds = Tiles3dDataset::open(kData + "/cesium_specs/BatchedWithBatchTable/tileset.json");
        QVERIFY(ds.ok);
        const TileReadResult r = Tiles3dReader().read(ds.rootFiles.first());
        QVERIFY2(r.ok, qPrintable(r.error));
        QCOMPARE(r.content.featureAttributes.size(), size_t(10));
        const QVariantMap &a = r.content.featureAttributes[3];
        QCOMPARE(a.value("id").toInt(), 3);
        QVERIFY(a.contains("Height") && a.contains("Longitude") && a.contains("info") && a.contains("rooms"));
        // every triangle names its building, so a pick finds its attributes
        qint64 withFeature = 0;
        QSet<qint64> ids;
        for (const MeshData &m : r.content.meshes) {
            QCOMPARE(m.triangleFeatures.size(), size_t(m.triangleCount()));
            for (qint64 f : m.triangleFeatures) {
                ++withFeature;
                ids.insert(f);
            }
        }
        QCOMPARE(withFeature, qint64(120));
        QCOMPARE(ids.size(), 10);
    }

    /** EXT_meshopt_compression + KHR_mesh_quantization decode to the same duck as the plain file. */
    void meshoptMatchesPlain()
    {
        const QString dir = kData + "/gltf_meshopt_duck";
        if (!QFileInfo::exists(dir))
            LIYUAN_SKIP("shared 3D Tiles samples not found (LIYUAN_SHARED_DATA)");
        MeshData plain, packed;
        for (const auto &[file, out] : {std::pair<QString, MeshData *>{"Duck.glb", &plain}, {"Duck-vp-12-vt-12-vn-12.glb", &packed}}) {
            QTemporaryDir d;
            writeFile(d.filePath("tileset.json"), json(oneTile(dir + "/" + file)));
            const Tiles3dDataset ds = Tiles3dDataset::open(d.filePath("tileset.json"));
            QVERIFY2(ds.ok, qPrintable(ds.error));
            const TileReadResult r = Tiles3dReader().read(ds.rootFiles.first());
            QVERIFY2(r.ok, qPrintable(r.error));
            QCOMPARE(r.content.meshes.size(), size_t(1));
            *out = r.content.meshes[0];
            for (int k = 0; k < 3; ++k) { // into the same frame (origins differ with the volume)
                out->boundsMin[k] += float((&r.content.origin.x)[k]);
                out->boundsMax[k] += float((&r.content.origin.x)[k]);
            }
            QVERIFY(out->imageIndex >= 0); // PNG texture, KHR_texture_transform applied
        }
        QCOMPARE(plain.triangleCount(), qint64(4212));
        QCOMPARE(packed.triangleCount(), plain.triangleCount());
        const double size = plain.boundsMax[0] - plain.boundsMin[0];
        for (int k = 0; k < 3; ++k) {
            QVERIFY2(std::abs(packed.boundsMin[k] - plain.boundsMin[k]) < 0.01 * size, qPrintable(QString::number(k)));
            QVERIFY2(std::abs(packed.boundsMax[k] - plain.boundsMax[k]) < 0.01 * size, qPrintable(QString::number(k)));
        }
    }

    void hostile_data()
    {
        QTest::addColumn<QString>("fixture");
        QTest::addColumn<QString>("message"); // in the error (or warning) next to the file's name
        QTest::newRow("truncated b3dm") << "truncated" << "truncated";
        QTest::newRow("wrong magic") << "magic" << "unknown content";
        QTest::newRow("glTF accessor out of range") << "accessor" << "accessor";
        QTest::newRow("glTF index out of range") << "index" << "beyond the";
        QTest::newRow("subtree with wrong lengths") << "subtree" << "subtree lengths wrong";
        QTest::newRow("subtree bitstream too short") << "bitstream" << "bitstream has";
        QTest::newRow("cyclic external tilesets") << "cycle" << "cyclic external tilesets";
        QTest::newRow("10000 missing children") << "missing" << "10000 child tile(s) name content that does not exist";
        QTest::newRow("malformed tileset.json") << "json" << "not a JSON object";
        QTest::newRow("transform of 15 numbers") << "transform" << "\"transform\" is not 16 finite numbers";
        QTest::newRow("region in degrees") << "region" << "not in radians";
        QTest::newRow("i3dm with a huge INSTANCES_LENGTH") << "instances" << "INSTANCES_LENGTH";
    }

    void hostile()
    {
        QFETCH(QString, fixture);
        QFETCH(QString, message);
        const QString dir = m_dir.filePath(fixture);
        QVERIFY(QDir().mkpath(dir));
        const QString ts = dir + "/tileset.json";
        QString culprit = ts; // the file the message must name
        const QByteArray b3dm = readAll(kData + "/cesium_specs/BatchedTextured/batchedTextured.b3dm");
        auto needSamples = [&] { return QFileInfo::exists(kData); };
        if (fixture == "truncated" || fixture == "magic") {
            if (!needSamples())
                LIYUAN_SKIP("shared 3D Tiles samples not found (LIYUAN_SHARED_DATA)");
            QByteArray bytes = fixture == "truncated" ? b3dm.left(b3dm.size() / 2) : "abcd" + b3dm.mid(4);
            culprit = dir + "/t.b3dm";
            writeFile(culprit, bytes);
            writeFile(ts, json(oneTile("t.b3dm")));
        } else if (fixture == "accessor" || fixture == "index") {
            culprit = dir + "/a.glb";
            writeFile(culprit, tinyGlb(1000000)); // a POSITION accessor of a million vertices over 36 bytes
            if (fixture == "index") {
                // glTF JSON with an embedded buffer: positions (36 bytes) + 3 uint16 indices (0, 1, 77)
                QByteArray bin(36 + 8, '\0');
                const float v[9] = {0, 0, 0, 1, 0, 0, 0, 1, 0};
                std::memcpy(bin.data(), v, 36);
                const quint16 idx[3] = {0, 1, 77};
                std::memcpy(bin.data() + 36, idx, 6);
                const QJsonObject gltf{
                        {"asset", QJsonObject{{"version", "2.0"}}},
                        {"scenes", QJsonArray{QJsonObject{{"nodes", QJsonArray{0}}}}},
                        {"nodes", QJsonArray{QJsonObject{{"mesh", 0}}}},
                        {"meshes", QJsonArray{QJsonObject{{"primitives", QJsonArray{QJsonObject{
                                                                  {"attributes", QJsonObject{{"POSITION", 0}}}, {"indices", 1}}}}}}},
                        {"accessors", QJsonArray{QJsonObject{{"bufferView", 0}, {"componentType", 5126}, {"count", 3}, {"type", "VEC3"}},
                                                 QJsonObject{{"bufferView", 1}, {"componentType", 5123}, {"count", 3}, {"type", "SCALAR"}}}},
                        {"bufferViews", QJsonArray{QJsonObject{{"buffer", 0}, {"byteLength", 36}},
                                                   QJsonObject{{"buffer", 0}, {"byteOffset", 36}, {"byteLength", 6}}}},
                        {"buffers", QJsonArray{QJsonObject{{"byteLength", 44},
                                                           {"uri", QString("data:application/octet-stream;base64,") + bin.toBase64()}}}}};
                culprit = dir + "/a.gltf";
                writeFile(culprit, QJsonDocument(gltf).toJson());
                writeFile(ts, json(oneTile("a.gltf")));
            } else {
                writeFile(ts, json(oneTile("a.glb")));
            }
        } else if (fixture == "subtree" || fixture == "bitstream") {
            if (!needSamples())
                LIYUAN_SKIP("shared 3D Tiles samples not found (LIYUAN_SHARED_DATA)");
            QVERIFY(QFile::copy(kData + "/SparseImplicitQuadtree/tileset.json", ts));
            QDir(dir).mkpath("subtrees");
            culprit = dir + "/subtrees/0.0.0.subtree";
            QByteArray sub = readAll(kData + "/SparseImplicitQuadtree/subtrees/0.0.0.subtree");
            QVERIFY(sub.size() > 24);
            if (fixture == "subtree") {
                qToLittleEndian<quint64>(quint64(1) << 40, sub.data() + 8); // a JSON length past the end of the file
            } else {
                // the JSON says the bitstream views are 1 byte long
                const quint64 jl = qFromLittleEndian<quint64>(sub.constData() + 8);
                QJsonObject j = QJsonDocument::fromJson(sub.mid(24, qsizetype(jl))).object();
                QJsonArray views = j["bufferViews"].toArray();
                for (int i = 0; i < views.size(); ++i) {
                    QJsonObject v = views[i].toObject();
                    v["byteLength"] = 1;
                    views[i] = v;
                }
                j["bufferViews"] = views;
                QByteArray nj = QJsonDocument(j).toJson(QJsonDocument::Compact);
                while (nj.size() % 8)
                    nj.append(' ');
                QByteArray out = sub.left(24);
                qToLittleEndian<quint64>(quint64(nj.size()), out.data() + 8);
                sub = out + nj + sub.mid(24 + qsizetype(jl));
            }
            writeFile(culprit, sub);
        } else if (fixture == "cycle") {
            QJsonObject a = oneTile("b.json");
            QJsonObject root = a["root"].toObject();
            root["geometricError"] = 10;
            a["root"] = root;
            writeFile(ts, json(a));
            writeFile(dir + "/b.json", json(oneTile("tileset.json")));
            culprit = dir + "/b.json";
        } else if (fixture == "missing") {
            QJsonObject t = oneTile(QString());
            QJsonObject root = t["root"].toObject();
            root["geometricError"] = 10;
            QJsonArray children;
            for (int i = 0; i < 10000; ++i)
                children.append(QJsonObject{{"boundingVolume", QJsonObject{{"sphere", QJsonArray{i, 0, 0, 1}}}},
                                            {"geometricError", 0}, {"content", QJsonObject{{"uri", QString("c%1.b3dm").arg(i)}}}});
            root["children"] = children;
            t["root"] = root;
            writeFile(ts, json(t));
        } else if (fixture == "json") {
            writeFile(ts, "{\"asset\": {\"version\": \"1.1\"}, \"geometricError\": 1, \"root\": {");
        } else if (fixture == "transform") {
            QJsonObject t = oneTile(QString());
            QJsonObject root = t["root"].toObject();
            root["transform"] = QJsonArray{1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0};
            t["root"] = root;
            writeFile(ts, json(t));
        } else if (fixture == "region") {
            QJsonObject t = oneTile(QString());
            QJsonObject root = t["root"].toObject();
            root["boundingVolume"] = QJsonObject{{"region", QJsonArray{-75.6, 40.0, -75.5, 40.1, 0, 10}}};
            t["root"] = root;
            writeFile(ts, json(t));
        } else if (fixture == "instances") {
            QByteArray ftj = "{\"INSTANCES_LENGTH\":4000000000,\"POSITION\":{\"byteOffset\":0}}";
            while (ftj.size() % 8)
                ftj.append(' ');
            QByteArray i3dm("i3dm");
            QByteArray hdr(28, '\0');
            qToLittleEndian<quint32>(1, hdr.data());
            qToLittleEndian<quint32>(quint32(32 + ftj.size()), hdr.data() + 4);
            qToLittleEndian<quint32>(quint32(ftj.size()), hdr.data() + 8);
            qToLittleEndian<quint32>(1, hdr.data() + 24);
            culprit = dir + "/i.i3dm";
            writeFile(culprit, i3dm + hdr + ftj);
            writeFile(ts, json(oneTile("i.i3dm")));
        }
        QElapsedTimer timer;
        timer.start();
        Tiles3dReader::clearCache();
        const Tiles3dDataset ds = Tiles3dDataset::open(ts);
        QStringList messages;
        if (!ds.ok) {
            messages << ds.error;
        } else {
            const Walk w = walk(ds, 200);
            messages << w.errors << w.warnings;
        }
        qInfo("%s: %s (%lld ms)", qPrintable(fixture), qPrintable(messages.join(" | ")), timer.elapsed());
        QVERIFY2(timer.elapsed() < 10000, "no hang");
        const QString all = messages.join('\n');
        QVERIFY2(all.contains(message), qPrintable(all));
        bool named = false;
        for (const QString &m : std::as_const(messages))
            named = named || (m.contains(message) && m.contains(culprit));
        QVERIFY2(named, qPrintable(QStringLiteral("no message names %1 with \"%2\": %3").arg(culprit, message, all)));
    }

    /** Random byte flips and cuts of real content (fixed seed): an error naming the file or a tile, never a crash. */
    void byteFlips_data()
    {
        QTest::addColumn<QString>("file");
        QTest::newRow("b3dm textured") << "cesium_specs/BatchedTextured/batchedTextured.b3dm";
        QTest::newRow("b3dm Draco") << "delaware/content/2_0_1.b3dm";
        QTest::newRow("glb meshopt") << "gltf_meshopt_duck/Duck-vp-12-vt-12-vn-12.glb";
        QTest::newRow("i3dm") << "cesium_specs/InstancedOrientation/instancedOrientation.i3dm";
        QTest::newRow("pnts") << "cesium_specs/PointCloudRGB/pointCloudRGB.pnts";
        QTest::newRow("cmpt") << "cesium_specs/Composite/composite.cmpt";
    }

    void byteFlips()
    {
        QFETCH(QString, file);
        const QByteArray original = readAll(kData + "/" + file);
        if (original.isEmpty())
            LIYUAN_SKIP("shared 3D Tiles samples not found (LIYUAN_SHARED_DATA)");
        const QString suffix = QFileInfo(file).suffix();
        QTemporaryDir d;
        const QString content = d.filePath("c." + suffix);
        writeFile(d.filePath("tileset.json"), json(oneTile("c." + suffix)));
        QRandomGenerator rng(20261206);
        int ok = 0, failed = 0;
        for (int i = 0; i < 150; ++i) {
            QByteArray bytes = original;
            if (i % 5 == 4) {
                bytes.truncate(int(rng.bounded(bytes.size())));
            } else {
                const int flips = 1 + int(rng.bounded(16));
                for (int k = 0; k < flips; ++k) {
                    // bias to the headers and JSON, where lengths and counts live
                    const int at = int(rng.bounded(k % 2 ? bytes.size() : std::min<qsizetype>(bytes.size(), 2048)));
                    bytes[at] = char(bytes[at] ^ (1 << rng.bounded(8)));
                }
            }
            writeFile(content, bytes);
            Tiles3dReader::clearCache();
            const Tiles3dDataset ds = Tiles3dDataset::open(d.filePath("tileset.json"));
            QVERIFY(ds.ok);
            const TileReadResult r = Tiles3dReader().read(ds.rootFiles.first());
            if (r.ok) {
                ++ok;
            } else {
                ++failed;
                QVERIFY2(r.error.contains(content), qPrintable(r.error));
            }
        }
        qInfo("%s: %d decoded, %d refused with a message", qPrintable(file), ok, failed);
        QVERIFY(failed > 0);
    }

    /** The real app opens a tileset, georeferenced, and draws it (not only sky). */
    void renderInApp_data()
    {
        QTest::addColumn<QString>("tileset");
        QTest::addColumn<double>("lat");
        QTest::newRow("TilesetWithRequestVolume") << "TilesetWithRequestVolume" << 40.04;
        QTest::newRow("delaware") << "delaware" << 39.15;
        QTest::newRow("TilesetWithTreeBillboards") << "TilesetWithTreeBillboards" << 40.04;
    }

    void renderInApp()
    {
        QFETCH(QString, tileset);
        QFETCH(double, lat);
        if (!QFileInfo::exists(kData))
            LIYUAN_SKIP("shared 3D Tiles samples not found (LIYUAN_SHARED_DATA)");
        if (qEnvironmentVariableIsEmpty("DISPLAY") && qEnvironmentVariable("QT_QPA_PLATFORM") != "offscreen")
            LIYUAN_SKIP("no display: run under xvfb-run");
        const QString png = m_dir.filePath(tileset + ".png"), state = m_dir.filePath(tileset + ".json");
        const AppRun r = runApp({"--screenshot", png, "--size", "640x360", "--state-json", state, "--timeout", "120",
                                 kData + "/" + tileset + "/tileset.json"},
                                240000);
        QVERIFY2(r.exitCode == 0, r.what().constData());
        const QImage img(png);
        QCOMPARE(img.size(), QSize(640, 360));
        const QColor sky = img.pixelColor(0, 0);
        qint64 covered = 0;
        QSet<QRgb> colours;
        for (int y = 0; y < img.height(); ++y)
            for (int x = 0; x < img.width(); ++x) {
                const QColor c = img.pixelColor(x, y);
                if (std::abs(c.red() - sky.red()) + std::abs(c.green() - sky.green()) + std::abs(c.blue() - sky.blue()) > 12) {
                    ++covered;
                    colours.insert(c.rgb() & 0xF8F8F8);
                }
            }
        qInfo("%s: %.1f %% covered, %d colours; %s", qPrintable(tileset), 100.0 * covered / (640 * 360), int(colours.size()),
              qPrintable(r.out.trimmed()));
        QVERIFY2(covered > 640 * 360 / 1000, "the tileset is drawn, not only sky");
        QVERIFY(colours.size() > 1);
        QFile f(state);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QJsonObject st = QJsonDocument::fromJson(f.readAll()).object();
        const QJsonObject ll = st["camera"].toObject()["lonLatHeight"].toObject();
        QVERIFY2(std::abs(ll["lat"].toDouble() - lat) < 0.5, qPrintable(QJsonDocument(ll).toJson())); // the camera frames the data from its south
        QVERIFY(st["tiles"].toObject()["drawn"].toInt() >= 1);
    }
};

QTEST_GUILESS_MAIN(TestTiles3dReader)
#include "tst_tiles3dreader.moc"
