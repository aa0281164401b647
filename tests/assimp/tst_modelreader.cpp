#include <liyuan/assimp/ModelReader.h>
#include <liyuan/assimp/ModelTileReader.h>

#include <assimp/cimport.h>
#include <assimp/postprocess.h>
#include <assimp/scene.h>

#include <QFile>
#include <QImage>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <thread>

using namespace liyuan;
using namespace liyuan::assimp;

namespace {

const QString kData = QStringLiteral(LIYUAN_SHARED_DATA);
QString ifcPath() { return kData + QStringLiteral("/buildings/AC11-Institute-Var-2-IFC.ifc"); }
QString glbPath() { return kData + QStringLiteral("/buildings/amsterdamcs.glb"); }

// The flags ModelReader uses (kept in sync by hand; the comparison below would catch a drift).
constexpr unsigned kFlags = aiProcess_Triangulate | aiProcess_ValidateDataStructure | aiProcess_GenNormals;

struct AssimpCounts { int nodes = 0; int meshes = 0; qsizetype triangles = 0; int materials = 0; int textures = 0; };

int countNodes(const aiNode *n)
{
    int c = 1;
    for (unsigned i = 0; i < n->mNumChildren; ++i)
        c += countNodes(n->mChildren[i]);
    return c;
}

AssimpCounts assimpCounts(const QString &path)
{
    AssimpCounts r;
    const aiScene *s = aiImportFile(QFile::encodeName(path).constData(), kFlags);
    if (!s)
        return r;
    r.nodes = countNodes(s->mRootNode);
    r.meshes = int(s->mNumMeshes);
    for (unsigned i = 0; i < s->mNumMeshes; ++i)
        for (unsigned f = 0; f < s->mMeshes[i]->mNumFaces; ++f)
            r.triangles += s->mMeshes[i]->mFaces[f].mNumIndices == 3 ? 1 : 0;
    r.materials = int(s->mNumMaterials);
    r.textures = int(s->mNumTextures);
    aiReleaseImport(s);
    return r;
}

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}

QByteArray randomBytes(int n, quint32 seed)
{
    QRandomGenerator g(seed);
    QByteArray b(n, Qt::Uninitialized);
    for (int i = 0; i < n; ++i)
        b[i] = char(g.bounded(256));
    return b;
}

const char *kCubeObj =
    "mtllib %1\n"
    "v 0 0 0\nv 1 0 0\nv 1 1 0\nv 0 1 0\nv 0 0 1\nv 1 0 1\nv 1 1 1\nv 0 1 1\n"
    "vt 0 0\nvt 1 0\nvt 1 1\nvt 0 1\n"
    "usemtl brick\n"
    "f 1/1 4/4 3/3 2/2\nf 5/1 6/2 7/3 8/4\nf 1/1 2/2 6/3 5/4\n"
    "f 2/1 3/2 7/3 6/4\nf 3/1 4/2 8/3 7/4\nf 4/1 1/2 5/3 8/4\n";

void checkConsistent(const ModelContent &c)
{
    QCOMPARE(c.counts.nodes, qsizetype(c.nodes.size()));
    QCOMPARE(c.counts.meshes, qsizetype(c.meshes.size()));
    qsizetype tris = 0;
    for (size_t i = 0; i < c.nodes.size(); ++i) {
        QVERIFY(c.nodes[i].parent < int(i));
        for (int m : c.nodes[i].meshes)
            QVERIFY(m >= 0 && m < int(c.meshes.size()));
    }
    for (const ModelMesh &m : c.meshes) {
        tris += m.data.triangleCount();
        const uint32_t nv = uint32_t(m.data.vertexCount());
        for (uint32_t i : m.data.indices)
            QVERIFY(i < nv);
        QVERIFY(m.material < int(c.materials.size()));
        QVERIFY(m.data.imageIndex < int(c.textures.size()));
        QVERIFY(m.data.normals.empty() || m.data.normals.size() == m.data.positions.size());
        QVERIFY(m.data.uvs.empty() || m.data.uvs.size() / 2 == m.data.positions.size() / 3);
    }
    QCOMPARE(c.counts.triangles, tris);
    for (const ModelTexture &t : c.textures)
        QVERIFY(t.image.isValid());
}

} // namespace

class TestModelReader : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY2(QFile::exists(ifcPath()), qPrintable(ifcPath()));
        QVERIFY2(QFile::exists(glbPath()), qPrintable(glbPath()));
        QVERIFY(m_tmp.isValid());
    }

    void identify_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QByteArray>("bytes"); // written to path under the temp dir when not empty
        QTest::addColumn<bool>("expected");
        QTest::newRow("ifc") << ifcPath() << QByteArray() << true;
        QTest::newRow("glb") << glbPath() << QByteArray() << true;
        QTest::newRow("glb-bad-magic") << QStringLiteral("bad.glb") << randomBytes(64, 1) << false;
        QTest::newRow("ifc-not-step") << QStringLiteral("bad.ifc") << QByteArray("hello") << false;
        QTest::newRow("obj") << QStringLiteral("x.obj") << QByteArray("v 0 0 0\n") << true;
        QTest::newRow("unknown-ext") << QStringLiteral("x.bin") << randomBytes(64, 2) << false;
        QTest::newRow("cityjson") << kData + QStringLiteral("/citymodels/delft.json") << QByteArray() << false;
        QTest::newRow("missing") << QStringLiteral("/nonexistent/x.glb") << QByteArray() << false;
    }
    void identify()
    {
        QFETCH(QString, path);
        QFETCH(QByteArray, bytes);
        QFETCH(bool, expected);
        if (!bytes.isEmpty()) {
            path = m_tmp.filePath(path);
            QVERIFY(writeFile(path, bytes));
        }
        QCOMPARE(ModelReader::identify(path), expected);
    }

    void ifcInstitute()
    {
        std::vector<double> steps;
        const ModelReadResult r = ModelReader().read(ifcPath(), [&](double p) { steps.push_back(p); });
        QVERIFY2(r.ok, qPrintable(r.error));
        const ModelContent &c = r.content;
        checkConsistent(c);
        QCOMPARE(c.format, QStringLiteral("IFC"));
        QCOMPARE(c.fileUpAxis, UpAxis::Z);
        QCOMPARE(c.storedUpAxis, UpAxis::Y);

        // SOURCES.md: 1,917 nodes. Mesh and face counts depend on post-processing: compare with
        // Assimp itself run with the same flags.
        const AssimpCounts a = assimpCounts(ifcPath());
        QCOMPARE(c.counts.nodes, qsizetype(1917));
        QCOMPARE(c.counts.nodes, qsizetype(a.nodes));
        QCOMPARE(c.counts.meshes, qsizetype(a.meshes));
        QCOMPARE(c.counts.triangles, a.triangles);
        QCOMPARE(c.counts.materials, qsizetype(a.materials));
        qInfo("IFC: %lld nodes, %lld meshes, %lld triangles, %lld materials",
              qlonglong(c.counts.nodes), qlonglong(c.counts.meshes), qlonglong(c.counts.triangles),
              qlonglong(c.counts.materials));

        // Storeys, bottom to top.
        const QStringList expectedNames = {QStringLiteral("Keller"), QStringLiteral("Erdgeschoss"),
                                           QStringLiteral("1. Obergeschoss"), QStringLiteral("2. Obergeschoss"),
                                           QStringLiteral("Dachgeschoss")};
        const double expectedElevation[] = {-3.0, 0.0, 3.0, 6.0, 9.0};
        QCOMPARE(int(c.storeys.size()), 5);
        for (int i = 0; i < 5; ++i) {
            const ModelStorey &s = c.storeys[size_t(i)];
            qInfo("storey %s (%s) elevation %s%g", qPrintable(s.name), qPrintable(s.globalId),
                  s.hasElevation ? "" : "unknown ", s.elevation);
            QCOMPARE(s.name, expectedNames[i]);
            QCOMPARE(s.globalId.size(), 22);
            QVERIFY(s.node > 0 && s.node < int(c.nodes.size()));
            // Assimp drops spaces from node names ("1.Obergeschoss"); the reader takes the IFC name.
            const QString &nodeName = c.nodes[size_t(s.node)].name;
            QVERIFY(nodeName.startsWith(QStringLiteral("IfcBuildingStorey_")));
            QVERIFY(nodeName.endsWith(QLatin1Char('_') + s.globalId));
            QVERIFY(s.hasElevation);
            QVERIFY2(std::abs(s.elevation - expectedElevation[i]) < 0.05, qPrintable(QString::number(s.elevation)));
        }
        QVERIFY(c.hasBounds);
        QVERIFY(c.boundsMax[1] - c.boundsMin[1] > 9.0); // five storeys high
        QVERIFY(!steps.empty());
        QCOMPARE(steps.back(), 1.0);
        for (size_t i = 1; i < steps.size(); ++i)
            QVERIFY(steps[i] >= steps[i - 1]);
    }

    void glbAmsterdam()
    {
        const ModelReadResult r = ModelReader().read(glbPath());
        QVERIFY2(r.ok, qPrintable(r.error));
        const ModelContent &c = r.content;
        checkConsistent(c);
        QCOMPARE(c.fileUpAxis, UpAxis::Y);
        QCOMPARE(c.counts.triangles, qsizetype(9175));
        QCOMPARE(c.counts.materials, qsizetype(44));
        QCOMPARE(c.counts.texturesEmbedded, qsizetype(31));
        QCOMPARE(c.counts.texturesMissing, qsizetype(0));
        QCOMPARE(c.counts.texturesExternal, qsizetype(0));
        QCOMPARE(int(c.textures.size()), 31);
        for (const ModelTexture &t : c.textures) {
            QVERIFY(t.embedded);
            QVERIFY(t.image.isValid());
        }
        const AssimpCounts a = assimpCounts(glbPath());
        QCOMPARE(c.counts.nodes, qsizetype(a.nodes)); // 264 glTF nodes under Assimp's root
        QCOMPARE(c.counts.meshes, qsizetype(a.meshes)); // glTF primitives become Assimp meshes
        QCOMPARE(c.counts.triangles, a.triangles);
        QVERIFY(c.storeys.empty());
        int textured = 0;
        for (const ModelMesh &m : c.meshes)
            textured += m.data.imageIndex >= 0 && !m.data.uvs.empty() ? 1 : 0;
        QVERIFY(textured > 0);
        int materialsWithTexture = 0;
        for (const ModelMaterial &m : c.materials)
            materialsWithTexture += m.baseColorTexture >= 0 ? 1 : 0;
        QVERIFY(materialsWithTexture >= 1);
        QVERIFY(c.hasBounds);
    }

    void concurrentReads()
    {
        ModelReadResult a, b;
        std::thread t1([&] { a = ModelReader().read(glbPath()); });
        std::thread t2([&] { b = ModelReader().read(glbPath()); });
        t1.join();
        t2.join();
        QVERIFY(a.ok && b.ok);
        QCOMPARE(a.content.counts.triangles, b.content.counts.triangles);
        QCOMPARE(a.content.counts.texturesEmbedded, qsizetype(31));
    }

    void objMaterials_data()
    {
        QTest::addColumn<bool>("writeMtl");
        QTest::addColumn<bool>("writeTexture");
        QTest::addColumn<QStringList>("missingFiles");
        QTest::addColumn<QStringList>("missingMaterials");
        QTest::addColumn<QStringList>("missingTextures");
        QTest::newRow("mtl missing") << false << false << QStringList{QStringLiteral("cube.mtl")}
                                     << QStringList{QStringLiteral("brick")} << QStringList{};
        QTest::newRow("texture missing") << true << false << QStringList{} << QStringList{}
                                         << QStringList{QStringLiteral("brick.png")};
        QTest::newRow("all present") << true << true << QStringList{} << QStringList{} << QStringList{};
    }
    void objMaterials()
    {
        QFETCH(bool, writeMtl);
        QFETCH(bool, writeTexture);
        QFETCH(QStringList, missingFiles);
        QFETCH(QStringList, missingMaterials);
        QFETCH(QStringList, missingTextures);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString obj = dir.filePath(QStringLiteral("cube.obj"));
        QVERIFY(writeFile(obj, QByteArray(kCubeObj).replace("%1", "cube.mtl")));
        if (writeMtl)
            QVERIFY(writeFile(dir.filePath(QStringLiteral("cube.mtl")),
                              "newmtl brick\nKd 0.8 0.3 0.2\nmap_Kd brick.png\n"));
        if (writeTexture) {
            QImage img(4, 2, QImage::Format_RGBA8888);
            img.fill(Qt::red);
            img.setPixelColor(0, 0, Qt::blue); // top-left
            QVERIFY(img.save(dir.filePath(QStringLiteral("brick.png"))));
        }
        const ModelReadResult r = ModelReader().read(obj);
        QVERIFY2(r.ok, qPrintable(r.error));
        const ModelContent &c = r.content;
        checkConsistent(c);
        QCOMPARE(c.counts.triangles, qsizetype(12));
        QCOMPARE(c.missingFiles, missingFiles);
        QCOMPARE(c.missingMaterials, missingMaterials);
        QCOMPARE(c.missingTextures, missingTextures);
        QCOMPARE(c.counts.texturesMissing, qsizetype(missingTextures.size()));
        if (!missingFiles.isEmpty())
            QVERIFY(c.warnings.join(QLatin1Char('\n')).contains(QStringLiteral("cube.mtl")));
        if (writeMtl) {
            bool found = false;
            for (const ModelMaterial &m : c.materials)
                if (m.name == QLatin1String("brick")) {
                    found = true;
                    QVERIFY(std::abs(m.baseColor[0] - 0.8f) < 1e-5f);
                    QCOMPARE(m.baseColorTexture >= 0, writeTexture);
                }
            QVERIFY(found);
        }
        if (writeTexture) {
            QCOMPARE(c.counts.texturesExternal, qsizetype(1));
            const ImageData &img = c.textures.at(0).image;
            QCOMPARE(img.width, 4);
            QCOMPARE(img.height, 2);
            // Bottom row first: the top-left blue pixel is in the last row.
            const uchar *topLeft = reinterpret_cast<const uchar *>(img.rgba.constData()) + 4 * 4;
            QCOMPARE(int(topLeft[2]), 255);
            QCOMPARE(int(topLeft[0]), 0);
            QCOMPARE(c.meshes.at(0).data.imageIndex, 0);
        }
    }

    void hostile_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("expectedError"); // empty: only "no crash, error names the file if any"

        QFile glb(glbPath());
        QVERIFY(glb.open(QIODevice::ReadOnly));
        const QByteArray glbBytes = glb.readAll();
        QTest::newRow("truncated glb") << QStringLiteral("half.glb") << glbBytes.left(glbBytes.size() / 2)
                                       << QStringLiteral("truncated glTF binary");
        QTest::newRow("glb header only") << QStringLiteral("head.glb") << glbBytes.left(8)
                                         << QStringLiteral("truncated glTF binary");
        QByteArray badChunk = glbBytes.left(12) + randomBytes(glbBytes.size() - 12, 7);
        QTest::newRow("glb with garbage chunks") << QStringLiteral("garbage.glb") << badChunk << QString();
        QTest::newRow("ifc4 header")
            << QStringLiteral("model4.ifc")
            << QByteArray("ISO-10303-21;\nHEADER;\nFILE_DESCRIPTION(('ViewDefinition [ReferenceView]'),'2;1');\n"
                          "FILE_NAME('model4.ifc','2024-01-01T00:00:00',(''),(''),'','','');\n"
                          "FILE_SCHEMA(('IFC4'));\nENDSEC;\nDATA;\n#1=IFCPROJECT('0YvctVUKr0kugbFTf53O9L',$,'P',$,$,$,$,$,$);\nENDSEC;\nEND-ISO-10303-21;\n")
            << QStringLiteral("model4.ifc: IFC4 is not supported by this Assimp (5.2); export as IFC 2x3 or glTF");
        QTest::newRow("ifc4x3 header")
            << QStringLiteral("model43.ifc")
            << QByteArray("ISO-10303-21;\nHEADER;\nFILE_SCHEMA(('IFC4X3_ADD2'));\nENDSEC;\nDATA;\nENDSEC;\nEND-ISO-10303-21;\n")
            << QStringLiteral("is not supported by this Assimp (5.2); export as IFC 2x3 or glTF");
        QTest::newRow("ifc2x3 no data")
            << QStringLiteral("empty23.ifc")
            << QByteArray("ISO-10303-21;\nHEADER;\nFILE_SCHEMA(('IFC2X3'));\nENDSEC;\nDATA;\nENDSEC;\nEND-ISO-10303-21;\n")
            << QString();
        QTest::newRow("random bytes .bin") << QStringLiteral("random.bin") << randomBytes(4096, 3)
                                           << QStringLiteral("unknown format");
        QTest::newRow("random bytes .glb") << QStringLiteral("random.glb") << randomBytes(4096, 4)
                                           << QStringLiteral("not a glTF binary");
        QTest::newRow("random bytes .ifc") << QStringLiteral("random.ifc") << randomBytes(4096, 5)
                                           << QStringLiteral("not an IFC STEP file");
        QTest::newRow("random bytes .obj") << QStringLiteral("random.obj") << randomBytes(4096, 6) << QString();
        QTest::newRow("random bytes .fbx") << QStringLiteral("random.fbx") << randomBytes(4096, 8) << QString();
        QTest::newRow("random bytes .gltf") << QStringLiteral("random.gltf") << randomBytes(4096, 9) << QString();
        QTest::newRow("empty .glb") << QStringLiteral("empty.glb") << QByteArray() << QStringLiteral("file is empty");
        QTest::newRow("obj without faces") << QStringLiteral("points.obj") << QByteArray("v 0 0 0\nv 1 0 0\n")
                                           << QString();
    }
    void hostile()
    {
        QFETCH(QString, name);
        QFETCH(QByteArray, bytes);
        QFETCH(QString, expectedError);
        const QString path = m_tmp.filePath(name);
        QVERIFY(writeFile(path, bytes));
        const ModelReadResult r = ModelReader().read(path);
        if (!expectedError.isEmpty()) {
            QVERIFY(!r.ok);
            QVERIFY2(r.error.contains(expectedError), qPrintable(r.error));
        }
        if (!r.ok) {
            QVERIFY2(r.error.contains(name), qPrintable(r.error));
            qInfo("%s", qPrintable(r.error));
        } else {
            checkConsistent(r.content);
        }
    }

    // found by fuzzing the built app: a cut IFC loaded part of its triangles without a word
    void fuzzTruncatedIfcWarns_data()
    {
        QTest::addColumn<double>("keep"); // fraction of the file kept
        QTest::addColumn<int>("dropTail"); // bytes removed from the end (after keep)
        QTest::newRow("fuzz: IFC cut in its DATA section") << 0.6 << 0;
        QTest::newRow("fuzz: IFC cut near its start") << 0.2 << 0;
        QTest::newRow("fuzz: IFC without END-ISO-10303-21") << 1.0 << int(sizeof("END-ISO-10303-21;\n"));
    }
    void fuzzTruncatedIfcWarns()
    {
        QFETCH(double, keep);
        QFETCH(int, dropTail);
        QFile in(ifcPath());
        QVERIFY(in.open(QIODevice::ReadOnly));
        QByteArray bytes = in.readAll();
        bytes = bytes.left(qsizetype(bytes.size() * keep));
        bytes.chop(dropTail);
        const QString path = m_tmp.filePath(QStringLiteral("cut-%1.ifc").arg(QTest::currentDataTag()).replace(' ', '_'));
        QVERIFY(writeFile(path, bytes));
        const ModelReadResult r = ModelReader().read(path);
        QVERIFY2(r.ok, qPrintable(r.error)); // Assimp loads what comes before the cut (220 triangles at 60 %)
        QVERIFY(r.content.counts.triangles > 0);
        const QString warnings = r.content.warnings.join(QLatin1Char('\n'));
        QVERIFY2(warnings.contains(QStringLiteral("truncated or incomplete IFC")), qPrintable(warnings));
        QVERIFY2(warnings.contains(QStringLiteral("END-ISO-10303-21")), qPrintable(warnings));
        // the drawn model's warning names the file
        const TileReadResult tile = ModelTileReader().read(path);
        QVERIFY2(tile.ok, qPrintable(tile.error));
        bool named = false;
        for (const QString &w : tile.content.warnings)
            named = named || (w.startsWith(path + QStringLiteral(": ")) && w.contains(QStringLiteral("truncated")));
        QVERIFY2(named, qPrintable(tile.content.warnings.join(QLatin1Char('\n'))));
    }

    void fuzzIntactIfcHasNoTruncationWarning()
    {
        const ModelReadResult r = ModelReader().read(ifcPath());
        QVERIFY2(r.ok, qPrintable(r.error));
        QVERIFY2(!r.content.warnings.join(QLatin1Char('\n')).contains(QStringLiteral("truncated")),
                 qPrintable(r.content.warnings.join(QLatin1Char('\n'))));
    }

    // found by fuzzing the built app: Assimp fell back to other importers on a damaged .glb and
    // reported an OBJ parse error
    void fuzzCorruptGlbIsNotReadAsObj_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::newRow("fuzz: glb whose JSON chunk is OBJ text") << QByteArray("v 0 0 0\nv 1 0 0\nv 0 1 0\nf 1 2 3 x\n");
        QTest::newRow("fuzz: glb with a dangling accessor")
            << QByteArray("{\"asset\":{\"version\":\"2.0\"},\"meshes\":[{\"primitives\":[{\"attributes\":{\"POSITION\":7}}]}]}");
        QTest::newRow("fuzz: glb with broken JSON") << QByteArray("{\"asset\":{\"version\":");
    }
    void fuzzCorruptGlbIsNotReadAsObj()
    {
        QFETCH(QByteArray, json);
        while (json.size() % 4)
            json += ' ';
        auto u32 = [](quint32 v) { return QByteArray(reinterpret_cast<const char *>(&v), 4); };
        const QByteArray glb = QByteArray("glTF") + u32(2) + u32(quint32(12 + 8 + json.size())) + u32(quint32(json.size()))
                + QByteArray("JSON") + json;
        const QString path = m_tmp.filePath(QStringLiteral("corrupt.glb"));
        QVERIFY(writeFile(path, glb));
        const ModelReadResult r = ModelReader().read(path);
        QVERIFY(!r.ok);
        QVERIFY2(r.error.startsWith(path + QStringLiteral(": ")), qPrintable(r.error));
        QVERIFY2(!r.error.contains(QStringLiteral("OBJ")), qPrintable(r.error)); // Assimp's OBJ importer says "OBJ"
        QVERIFY2(r.error.contains(QStringLiteral("glTF"), Qt::CaseInsensitive), qPrintable(r.error));
    }

    void missingFile()
    {
        const ModelReadResult r = ModelReader().read(m_tmp.filePath(QStringLiteral("nope.glb")));
        QVERIFY(!r.ok);
        QVERIFY(r.error.contains(QStringLiteral("nope.glb")));
    }

private:
    QTemporaryDir m_tmp;
};

QTEST_GUILESS_MAIN(TestModelReader)
#include "tst_modelreader.moc"
