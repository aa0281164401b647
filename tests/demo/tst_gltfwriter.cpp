// GltfWriter (the demo's own glTF 2.0 binary writer): the GLB container layout, and a
// read-back through Assimp (liyuan::assimp::ModelReader): node tree and names, triangle
// counts, PBR base colours, bounds; inconsistent scenes and unwritable paths fail clearly.
#include "GltfWriter.h"

#include <liyuan/assimp/ModelReader.h>

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtEndian>
#include <QtTest>

#include <cmath>
#include <limits>

using namespace liyuan;
using demo::GltfWriter;

namespace {

/** A unit cube 0..s in each axis, 12 triangles, with normals. */
GltfWriter::Primitive cube(float s, int material)
{
    GltfWriter::Primitive p;
    p.material = material;
    const float n[6][3] = {{1, 0, 0}, {-1, 0, 0}, {0, 1, 0}, {0, -1, 0}, {0, 0, 1}, {0, 0, -1}};
    for (int f = 0; f < 6; ++f) {
        const int axis = f / 2;
        const float c = (f % 2 == 0) ? s : 0;
        const int u = (axis + 1) % 3, v = (axis + 2) % 3;
        const uint32_t base = uint32_t(p.positions.size() / 3);
        const float uv[4][2] = {{0, 0}, {s, 0}, {s, s}, {0, s}};
        for (const auto &q : uv) {
            float pos[3];
            pos[axis] = c;
            pos[u] = q[0];
            pos[v] = q[1];
            p.positions.insert(p.positions.end(), pos, pos + 3);
            p.normals.insert(p.normals.end(), n[f], n[f] + 3);
        }
        p.indices.insert(p.indices.end(), {base, base + 1, base + 2, base, base + 2, base + 3});
    }
    return p;
}

GltfWriter twoFloors()
{
    GltfWriter w;
    const int red = w.addMaterial(QStringLiteral("red"), QColor(200, 40, 30));
    const int glass = w.addMaterial(QStringLiteral("glass"), QColor(120, 160, 200, 128), 0.5, 0.1);
    const int root = w.addNode(QStringLiteral("测试楼 Test building"));
    w.addNode(QStringLiteral("Floor 01"), root, w.addMesh(QStringLiteral("Floor 01"), {cube(3, red)}));
    // the second floor: two primitives (two materials), translated up by 3 m
    w.addNode(QStringLiteral("Floor 02"), root, w.addMesh(QStringLiteral("Floor 02"), {cube(3, red), cube(1, glass)}), {0, 3, 0});
    w.addNode(QStringLiteral("Empty"), root);
    return w;
}

quint32 u32(const QByteArray &b, int at)
{
    return qFromLittleEndian<quint32>(b.constData() + at);
}

} // namespace

Q_DECLARE_METATYPE(GltfWriter)

class tst_GltfWriter : public QObject
{
    Q_OBJECT
private slots:
    void glbContainer()
    {
        QString err;
        const QByteArray b = twoFloors().glb(&err);
        QVERIFY2(!b.isEmpty(), qPrintable(err));
        QCOMPARE(u32(b, 0), quint32(0x46546C67)); // "glTF"
        QCOMPARE(u32(b, 4), quint32(2));
        QCOMPARE(u32(b, 8), quint32(b.size()));
        const quint32 jsonLength = u32(b, 12);
        QCOMPARE(u32(b, 16), quint32(0x4E4F534A));
        QCOMPARE(jsonLength % 4, quint32(0));
        const int binAt = 20 + int(jsonLength);
        QCOMPARE(u32(b, binAt + 4), quint32(0x004E4942));
        const quint32 binLength = u32(b, binAt);
        QCOMPARE(binLength % 4, quint32(0));
        QCOMPARE(quint32(binAt + 8) + binLength, quint32(b.size()));
        QJsonParseError pe;
        const QJsonObject j = QJsonDocument::fromJson(b.mid(20, int(jsonLength)), &pe).object();
        QCOMPARE(pe.error, QJsonParseError::NoError);
        QCOMPARE(j.value(QStringLiteral("asset")).toObject().value(QStringLiteral("version")).toString(), QStringLiteral("2.0"));
        QCOMPARE(j.value(QStringLiteral("buffers")).toArray()[0].toObject().value(QStringLiteral("byteLength")).toInt(),
                 int(binLength));
        // every buffer view lies inside the buffer, 4-byte aligned
        for (const QJsonValue &v : j.value(QStringLiteral("bufferViews")).toArray()) {
            const int off = v.toObject().value(QStringLiteral("byteOffset")).toInt();
            const int len = v.toObject().value(QStringLiteral("byteLength")).toInt();
            QCOMPARE(off % 4, 0);
            QVERIFY(off + len <= int(binLength));
        }
        // position accessors carry min/max (required by the spec)
        for (const QJsonValue &a : j.value(QStringLiteral("accessors")).toArray())
            if (a.toObject().value(QStringLiteral("type")).toString() == QLatin1String("VEC3")
                && a.toObject().contains(QStringLiteral("min")))
                QCOMPARE(a.toObject().value(QStringLiteral("max")).toArray().size(), 3);
        QCOMPARE(twoFloors().triangleCount(), qsizetype(36));
    }

    void readBackThroughAssimp()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("two_floors.glb"));
        QString err;
        QVERIFY2(twoFloors().write(path, &err), qPrintable(err));
        QVERIFY(assimp::ModelReader::identify(path));
        const assimp::ModelReadResult r = assimp::ModelReader().read(path);
        QVERIFY2(r.ok, qPrintable(r.error));
        const assimp::ModelContent &c = r.content;
        QCOMPARE(c.counts.triangles, qsizetype(36));
        QCOMPARE(c.counts.materials >= 2, true);
        // the node tree: names kept, floors under the building
        int building = -1;
        QHash<QString, int> byName;
        for (size_t i = 0; i < c.nodes.size(); ++i)
            byName.insert(c.nodes[i].name, int(i));
        building = byName.value(QStringLiteral("测试楼 Test building"), -1);
        QVERIFY2(building >= 0, "the building node keeps its (UTF-8) name");
        for (const QString &n : {QStringLiteral("Floor 01"), QStringLiteral("Floor 02"), QStringLiteral("Empty")}) {
            QVERIFY2(byName.contains(n), qPrintable(n));
            QCOMPARE(c.nodes[size_t(byName[n])].parent, building);
        }
        auto trianglesOf = [&](const QString &node) {
            qsizetype t = 0;
            for (int m : c.nodes[size_t(byName[node])].meshes)
                t += c.meshes[size_t(m)].data.triangleCount();
            return t;
        };
        QCOMPARE(trianglesOf(QStringLiteral("Floor 01")), qsizetype(12));
        QCOMPARE(trianglesOf(QStringLiteral("Floor 02")), qsizetype(24));
        QCOMPARE(trianglesOf(QStringLiteral("Empty")), qsizetype(0));
        // translation of floor 2: bounds reach 6 m up (Y)
        QVERIFY(c.hasBounds);
        QVERIFY2(std::abs(c.boundsMax[1] - 6.0) < 1e-4, qPrintable(QString::number(c.boundsMax[1])));
        QVERIFY(std::abs(c.boundsMin[1]) < 1e-4);
        // PBR colours: sRGB in, linear factors out
        bool sawRed = false, sawGlass = false;
        for (const assimp::ModelMaterial &m : c.materials) {
            if (m.name == QLatin1String("red")) {
                sawRed = true;
                QVERIFY(std::abs(m.baseColor[0] - float(GltfWriter::srgbToLinear(200 / 255.0))) < 1e-4f);
                QVERIFY(std::abs(m.baseColor[2] - float(GltfWriter::srgbToLinear(30 / 255.0))) < 1e-4f);
            } else if (m.name == QLatin1String("glass")) {
                sawGlass = true;
                QVERIFY(std::abs(m.baseColor[3] - 128 / 255.0f) < 1e-3f);
                QVERIFY(std::abs(m.metallic - 0.5f) < 1e-4f);
                QVERIFY(std::abs(m.roughness - 0.1f) < 1e-4f);
            }
        }
        QVERIFY(sawRed && sawGlass);
        // normals survive
        for (const assimp::ModelMesh &m : c.meshes)
            QCOMPARE(m.data.normals.size(), m.data.positions.size());
    }

    void inconsistentScenes_data()
    {
        QTest::addColumn<GltfWriter>("writer");
        QTest::addColumn<QString>("message");
        {
            GltfWriter w;
            QTest::newRow("no nodes") << w << QStringLiteral("no nodes");
        }
        {
            GltfWriter w;
            GltfWriter::Primitive p = cube(1, -1);
            p.indices.back() = 999;
            w.addNode(QStringLiteral("n"), -1, w.addMesh(QStringLiteral("bad"), {p}));
            QTest::newRow("index out of range") << w << QStringLiteral("index 999 out of range");
        }
        {
            GltfWriter w;
            GltfWriter::Primitive p = cube(1, 7);
            w.addNode(QStringLiteral("n"), -1, w.addMesh(QStringLiteral("m"), {p}));
            QTest::newRow("missing material") << w << QStringLiteral("material 7");
        }
        {
            GltfWriter w;
            GltfWriter::Primitive p = cube(1, -1);
            p.positions.pop_back();
            w.addNode(QStringLiteral("n"), -1, w.addMesh(QStringLiteral("m"), {p}));
            QTest::newRow("positions not whole") << w << QStringLiteral("not a positive multiple of 3");
        }
        {
            GltfWriter w;
            GltfWriter::Primitive p = cube(1, -1);
            p.positions[4] = std::numeric_limits<float>::quiet_NaN();
            w.addNode(QStringLiteral("n"), -1, w.addMesh(QStringLiteral("m"), {p}));
            QTest::newRow("NaN position") << w << QStringLiteral("not finite");
        }
        {
            GltfWriter w;
            GltfWriter::Primitive p = cube(1, -1);
            p.normals.resize(6);
            w.addNode(QStringLiteral("n"), -1, w.addMesh(QStringLiteral("m"), {p}));
            QTest::newRow("normals short") << w << QStringLiteral("normal values");
        }
        {
            GltfWriter w;
            w.addNode(QStringLiteral("a"), 1);
            w.addNode(QStringLiteral("b"), 0);
            QTest::newRow("cycle") << w << QStringLiteral("not an earlier node");
        }
        {
            GltfWriter w;
            w.addNode(QStringLiteral("a"), -1, 3);
            QTest::newRow("missing mesh") << w << QStringLiteral("mesh 3 does not exist");
        }
        {
            GltfWriter w;
            w.addNode(QStringLiteral("a"), -1, w.addMesh(QStringLiteral("empty"), {}));
            QTest::newRow("mesh without primitives") << w << QStringLiteral("no primitives");
        }
    }
    void inconsistentScenes()
    {
        QFETCH(GltfWriter, writer);
        QFETCH(QString, message);
        QString err;
        QVERIFY(writer.glb(&err).isEmpty());
        QVERIFY2(err.contains(message), qPrintable(err));
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("bad.glb"));
        QVERIFY(!writer.write(path, &err));
        QVERIFY2(err.contains(QLatin1String("bad.glb")), qPrintable(err));
        QVERIFY(!QFile::exists(path)); // nothing half-written
    }

    void unwritablePath()
    {
        QTemporaryDir dir;
        QString err;
        QVERIFY(!twoFloors().write(dir.filePath(QStringLiteral("no/such/dir/m.glb")), &err));
        QVERIFY2(err.contains(QLatin1String("m.glb")), qPrintable(err));
    }

    void srgb()
    {
        QCOMPARE(GltfWriter::srgbToLinear(0.0), 0.0);
        QVERIFY(std::abs(GltfWriter::srgbToLinear(1.0) - 1.0) < 1e-12);
        QVERIFY(std::abs(GltfWriter::srgbToLinear(0.5) - 0.214041) < 1e-5);
    }
};

QTEST_GUILESS_MAIN(tst_GltfWriter)
#include "tst_gltfwriter.moc"
