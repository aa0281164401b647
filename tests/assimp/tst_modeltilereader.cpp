// ModelTileReader: a building model as one streamed tile (Z up, metres, floors as groups,
// node ids per triangle, PBR factors and normals for lighting), on the real shared models, on
// glTF written by the demo's GltfWriter and on hostile files.
#include "TestRequire.h"
#include "GltfWriter.h"

#include <liyuan/assimp/ModelLoadProgress.h>
#include <liyuan/assimp/ModelReader.h>
#include <liyuan/assimp/ModelTileReader.h>

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QTemporaryDir>
#include <QTest>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <array>
#include <cmath>

using namespace liyuan;
using namespace liyuan::assimp;

namespace {

const QString kData = QStringLiteral(LIYUAN_SHARED_DATA);
QString ifcPath() { return kData + QStringLiteral("/buildings/AC11-Institute-Var-2-IFC.ifc"); }
QString glbPath() { return kData + QStringLiteral("/buildings/amsterdamcs.glb"); }

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}

/** An OBJ (Y up) with one 10 × 2.8 × 10 m box per object name, the i-th standing at y = 3·i. */
QByteArray boxesObj(const QStringList &names)
{
    QByteArray out;
    int base = 0;
    for (int i = 0; i < names.size(); ++i) {
        out += "o " + names[i].toUtf8() + "\n";
        const double y0 = 3.0 * i, y1 = y0 + 2.8;
        for (int k = 0; k < 8; ++k)
            out += QByteArray("v ") + QByteArray::number(k & 1 ? 10 : 0) + ' '
                   + QByteArray::number(k & 2 ? y1 : y0) + ' ' + QByteArray::number(k & 4 ? 10 : 0) + '\n';
        const int q[6][4] = {{0, 1, 3, 2}, {4, 6, 7, 5}, {0, 4, 5, 1}, {2, 3, 7, 6}, {0, 2, 6, 4}, {1, 5, 7, 3}};
        for (const auto &f : q)
            out += QByteArray("f ") + QByteArray::number(base + f[0] + 1) + ' ' + QByteArray::number(base + f[1] + 1)
                   + ' ' + QByteArray::number(base + f[2] + 1) + ' ' + QByteArray::number(base + f[3] + 1) + '\n';
        base += 8;
    }
    return out;
}

void checkTile(const TileContent &t)
{
    QVERIFY(!t.meshes.empty());
    QCOMPARE(t.nodes.size(), size_t(1));
    QCOMPARE(t.nodes[0].ranges.size(), size_t(1));
    QCOMPARE(t.nodes[0].ranges[0].meshes.size(), t.meshes.size());
    QCOMPARE(t.origin, Vec3d());
    for (const MeshData &m : t.meshes) {
        QCOMPARE(m.triangleFeatures.size(), size_t(m.triangleCount()));
        for (qint64 f : m.triangleFeatures)
            QVERIFY(f >= 0 && f < t.featureNames.size());
        const uint32_t nv = uint32_t(m.vertexCount());
        for (uint32_t i : m.indices)
            QVERIFY(i < nv);
        QVERIFY(m.group >= -1 && m.group < int(t.groups.size()));
        QVERIFY(m.imageIndex < int(t.images.size()));
        QVERIFY(m.uvs.empty() || m.uvs.size() / 2 == m.positions.size() / 3);
        for (float p : m.positions)
            QVERIFY(std::isfinite(p));
    }
    for (size_t i = 1; i < t.groups.size(); ++i)
        QVERIFY(t.groups[i].baseElevation >= t.groups[i - 1].baseElevation);
}

/** Triangles drawn: every node draws its meshes (a mesh under n nodes counts n times). */
qsizetype drawnTriangles(const ModelContent &c)
{
    qsizetype n = 0;
    for (const ModelNode &node : c.nodes)
        for (int m : node.meshes)
            n += c.meshes[size_t(m)].data.triangleCount();
    return n;
}

qsizetype triangles(const TileContent &t)
{
    qsizetype n = 0;
    for (const MeshData &m : t.meshes)
        n += m.triangleCount();
    return n;
}

void bounds(const TileContent &t, double mn[3], double mx[3])
{
    for (int k = 0; k < 3; ++k) {
        mn[k] = 1e300;
        mx[k] = -1e300;
    }
    for (const MeshData &m : t.meshes)
        for (int k = 0; k < 3; ++k) {
            mn[k] = std::min(mn[k], double(m.boundsMin[k]));
            mx[k] = std::max(mx[k], double(m.boundsMax[k]));
        }
}

/**
 * Every mesh is lit and has one unit normal per vertex; with `flat`, each triangle's three
 * normals are its own face normal (counter-clockwise front, sharp edges). Returns the number of
 * triangles whose corners were checked against their face.
 */
qsizetype checkNormals(const TileContent &t, bool flat)
{
    qsizetype checked = 0;
    for (const MeshData &m : t.meshes) {
        if (!m.lit)
            return -1;
        if (m.normals.size() != m.positions.size())
            return -2;
        for (size_t v = 0; v + 2 < m.normals.size(); v += 3) {
            const double len = std::hypot(m.normals[v], m.normals[v + 1], m.normals[v + 2]);
            if (std::abs(len - 1.0) > 1e-3)
                return -3;
        }
        if (!flat)
            continue;
        for (size_t k = 0; k + 2 < m.indices.size(); k += 3) {
            const float *p[3], *n[3];
            for (int c = 0; c < 3; ++c) {
                p[c] = &m.positions[size_t(m.indices[k + size_t(c)]) * 3];
                n[c] = &m.normals[size_t(m.indices[k + size_t(c)]) * 3];
            }
            const double u[3] = {p[1][0] - p[0][0], p[1][1] - p[0][1], p[1][2] - p[0][2]};
            const double w[3] = {p[2][0] - p[0][0], p[2][1] - p[0][1], p[2][2] - p[0][2]};
            double f[3] = {u[1] * w[2] - u[2] * w[1], u[2] * w[0] - u[0] * w[2], u[0] * w[1] - u[1] * w[0]};
            const double len = std::hypot(f[0], f[1], f[2]);
            if (len < 1e-9)
                continue;
            for (int c = 0; c < 3; ++c)
                if ((f[0] * n[c][0] + f[1] * n[c][1] + f[2] * n[c][2]) / len < 0.999)
                    return -4;
            ++checked;
        }
    }
    return checked;
}

/** A cube of side s at `at` (glTF axes) as 8 shared corners and 12 triangles (outward, CCW), no normals. */
demo::GltfWriter::Primitive sharedCube(float s, const std::array<float, 3> &at, int material)
{
    demo::GltfWriter::Primitive p;
    p.material = material;
    for (int k = 0; k < 8; ++k)
        p.positions.insert(p.positions.end(), {at[0] + (k & 1 ? s : 0.f), at[1] + (k & 2 ? s : 0.f), at[2] + (k & 4 ? s : 0.f)});
    const uint32_t quads[6][4] = {{0, 2, 3, 1}, {4, 5, 7, 6}, {0, 1, 5, 4}, {2, 6, 7, 3}, {0, 4, 6, 2}, {1, 3, 7, 5}};
    for (const auto &q : quads)
        p.indices.insert(p.indices.end(), {q[0], q[1], q[2], q[0], q[2], q[3]});
    return p;
}

} // namespace

class tst_ModelTileReader : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase()
    {
        if (!QFile::exists(ifcPath()) || !QFile::exists(glbPath()))
            LIYUAN_SKIP("shared sample data not found (LIYUAN_SHARED_DATA)");
        QVERIFY(m_tmp.isValid());
    }

    void identify_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<bool>("expected");
        QTest::newRow("ifc") << ifcPath() << true;
        QTest::newRow("glb") << glbPath() << true;
        QTest::newRow("glb instance") << ModelTileReader::instancePath(glbPath(), "scheme-2/tower") << false; // '/' in key
        QTest::newRow("glb instance key") << ModelTileReader::instancePath(glbPath(), "s2") << true;
        QTest::newRow("CityJSON LoD1") << kData + "/citymodels/delft.json" << false;
        QTest::newRow("CityJSON LoD2") << kData + "/citymodels/rotterdam/rotterdam_subset.json" << false;
        QTest::newRow("osgb") << kData + "/osgb/Production_5/Data/Tile_+000_+012/Tile_+000_+012.osgb" << false;
        QTest::newRow("GeoTIFF") << kData + "/gis/webodm/orthophoto.tif" << false;
        QTest::newRow("missing glb") << m_tmp.filePath("nothing.glb") << false;
        QTest::newRow("ply (Assimp reads it, not a building format here)") << m_tmp.filePath("x.ply") << false;
    }
    void identify()
    {
        QFETCH(QString, path);
        QFETCH(bool, expected);
        QCOMPARE(ModelTileReader().identify(path), expected);
    }

    void instancePaths()
    {
        const QString p = ModelTileReader::instancePath("/a/b#c/house.glb", "3");
        QCOMPARE(p, QString("/a/b#c/house.glb#3"));
        QCOMPARE(ModelTileReader::filePath(p), QString("/a/b#c/house.glb"));
        QCOMPARE(ModelTileReader::filePath("/a/b#c/house.glb"), QString("/a/b#c/house.glb"));
        QCOMPARE(ModelTileReader::filePath("/a/notes.txt#3"), QString("/a/notes.txt#3"));
    }

    void ifcStoreysBecomeGroups()
    {
        const ModelReadResult mr = ModelReader().read(ifcPath());
        QVERIFY2(mr.ok, qPrintable(mr.error));
        const TileReadResult r = ModelTileReader().read(ifcPath());
        QVERIFY2(r.ok, qPrintable(r.error));
        const TileContent &t = r.content;
        checkTile(t);
        // IFC mapped items (the same window in many places) are instanced: every instance is drawn
        QCOMPARE(triangles(t), drawnTriangles(mr.content));
        QVERIFY(triangles(t) >= mr.content.counts.triangles);
        QCOMPARE(t.featureNames.size(), mr.content.counts.nodes);
        QCOMPARE(t.groups.size(), size_t(5));
        const char *names[] = {"Keller", "Erdgeschoss", "1. Obergeschoss", "2. Obergeschoss", "Dachgeschoss"};
        const double elev[] = {-3, 0, 3, 6, 9};
        for (int i = 0; i < 5; ++i) {
            QCOMPARE(t.groups[size_t(i)].name, QString::fromUtf8(names[i]));
            QVERIFY2(std::abs(t.groups[size_t(i)].baseElevation - elev[i]) < 0.05,
                     qPrintable(QString::number(t.groups[size_t(i)].baseElevation)));
            QVERIFY(t.groups[size_t(i)].height > 0);
            if (i < 4)
                QVERIFY(std::abs(t.groups[size_t(i)].height - 3.0) < 0.05);
        }
        // merged by (storey, material): far fewer drawables than Assimp's meshes, every storey has some
        QVERIFY2(t.meshes.size() < size_t(mr.content.counts.meshes), qPrintable(QString::number(t.meshes.size())));
        std::vector<qsizetype> perGroup(5, 0);
        for (const MeshData &m : t.meshes)
            if (m.group >= 0)
                perGroup[size_t(m.group)] += m.triangleCount();
        for (int i = 0; i < 5; ++i)
            QVERIFY2(perGroup[size_t(i)] > 0, names[i]);
        // Z up: the building stands from the basement (−3 m) upwards; a storey's geometry sits on or above its floor
        double mn[3], mx[3];
        bounds(t, mn, mx);
        QVERIFY2(mn[2] > -3.6 && mn[2] < -2.4, qPrintable(QString::number(mn[2])));
        QVERIFY2(mx[2] > 9 && mx[2] < 20, qPrintable(QString::number(mx[2])));
        for (const MeshData &m : t.meshes)
            if (m.group >= 1)
                QVERIFY2(m.boundsMin[2] > t.groups[size_t(m.group)].baseElevation - 1.0,
                         qPrintable(QStringLiteral("%1 %2").arg(m.group).arg(m.boundsMin[2])));
        // the IFC axes are kept: x/y extents match Assimp's x / −z (it stores IFC Y-up)
        QVERIFY(std::abs(mn[0] - mr.content.boundsMin[0]) < 0.01);
        QVERIFY(std::abs(mx[1] + mr.content.boundsMin[2]) < 0.01);
        // node names map the triangle ids back
        QVERIFY(t.featureNames.filter("IfcBuildingStorey_").size() == 5);
    }

    void glbTexturesAndAxes()
    {
        const ModelReadResult mr = ModelReader().read(glbPath());
        QVERIFY2(mr.ok, qPrintable(mr.error));
        const TileReadResult r = ModelTileReader().read(glbPath());
        QVERIFY2(r.ok, qPrintable(r.error));
        const TileContent &t = r.content;
        checkTile(t);
        QCOMPARE(t.images.size(), size_t(31));
        for (const ImageData &img : t.images)
            QVERIFY(img.isValid());
        QCOMPARE(triangles(t), drawnTriangles(mr.content));
        QCOMPARE(mr.content.counts.triangles, qsizetype(9175)); // distinct meshes; some nodes share one
        QVERIFY(triangles(t) > mr.content.counts.triangles);
        QVERIFY(t.groups.empty()); // no storeys, no node named like a floor
        for (const MeshData &m : t.meshes)
            QCOMPARE(m.group, -1);
        QVERIFY(t.meshes.size() <= size_t(mr.content.counts.materials) + 4);
        int textured = 0;
        for (const MeshData &m : t.meshes)
            textured += m.imageIndex >= 0 && !m.uvs.empty();
        QVERIFY(textured >= 20);
        // glTF Y up → Z up: tile z = model y, tile y = −model z
        double mn[3], mx[3];
        bounds(t, mn, mx);
        QVERIFY(std::abs(mn[2] - mr.content.boundsMin[1]) < 1e-3);
        QVERIFY(std::abs(mx[2] - mr.content.boundsMax[1]) < 1e-3);
        QVERIFY(std::abs(mn[1] + mr.content.boundsMax[2]) < 1e-3);
        QVERIFY(std::abs(mx[0] - mr.content.boundsMax[0]) < 1e-3);
    }

    void normalsForEveryModelMesh_data()
    {
        QTest::addColumn<QString>("file"); // empty: an OBJ without normals, written here
        QTest::addColumn<bool>("flat");
        QTest::newRow("IFC 2x3") << ifcPath() << false;
        QTest::newRow("glTF with normals") << glbPath() << false;
        QTest::newRow("OBJ without normals") << QString() << true;
    }
    void normalsForEveryModelMesh()
    {
        QFETCH(QString, file);
        QFETCH(bool, flat);
        if (file.isEmpty()) {
            file = m_tmp.filePath("no_normals.obj");
            QVERIFY(!boxesObj({"a"}).contains("vn "));
            QVERIFY(writeFile(file, boxesObj({"a", "b"}))); // corners shared by three faces each
        }
        const TileReadResult r = ModelTileReader().read(file);
        QVERIFY2(r.ok, qPrintable(r.error));
        checkTile(r.content);
        const qsizetype checked = checkNormals(r.content, flat);
        qInfo("%zu meshes, %lld triangles with flat normals", r.content.meshes.size(), qlonglong(checked));
        QVERIFY2(checked >= 0, "every mesh lit, one unit normal per vertex (and flat where generated)");
        if (flat)
            QCOMPARE(checked, triangles(r.content));
    }

    void pbrFactorsOfTheSharedGlb()
    {
        // amsterdamcs.glb: metallicFactor 0 everywhere; roughnessFactor 0.4 on "Material" (grey
        // 0.8, untextured), 0.5 on the 43 others
        const ModelReadResult mr = ModelReader().read(glbPath());
        QVERIFY2(mr.ok, qPrintable(mr.error));
        const auto byName = std::find_if(mr.content.materials.begin(), mr.content.materials.end(),
                                         [](const ModelMaterial &m) { return m.name == QLatin1String("Material"); });
        QVERIFY(byName != mr.content.materials.end());
        QVERIFY(std::abs(byName->roughness - 0.4f) < 1e-5f);
        const TileReadResult r = ModelTileReader().read(glbPath());
        QVERIFY2(r.ok, qPrintable(r.error));
        int rough04 = 0, rough05 = 0;
        for (const MeshData &m : r.content.meshes) {
            QVERIFY(m.lit);
            QCOMPARE(m.metallic, 0.f);
            QVERIFY(m.emissive[0] == 0.f && m.emissive[1] == 0.f && m.emissive[2] == 0.f);
            if (std::abs(m.roughness - 0.4f) < 1e-5f) {
                ++rough04;
                QVERIFY(std::abs(m.color[0] - 0.8f) < 1e-5f && m.imageIndex < 0);
            } else {
                QVERIFY2(std::abs(m.roughness - 0.5f) < 1e-5f, qPrintable(QString::number(m.roughness)));
                ++rough05;
            }
        }
        qInfo("meshes with roughness 0.4: %d, 0.5: %d", rough04, rough05);
        QVERIFY(rough04 >= 1 && rough05 >= 20);
    }

    void pbrFactorsOfAWrittenGlb()
    {
        // the demo's GltfWriter: known metallic/roughness; cubes with shared corners and no
        // normals (a per-vertex normal from the last face, as aiProcess_GenNormals makes, fails)
        demo::GltfWriter w;
        const int steel = w.addMaterial(QStringLiteral("steel"), QColor(180, 180, 190), 1.0, 0.25);
        const int stone = w.addMaterial(QStringLiteral("stone"), QColor(200, 190, 170), 0.0, 0.9);
        const int root = w.addNode(QStringLiteral("building"));
        w.addNode(QStringLiteral("frame"), root, w.addMesh(QStringLiteral("frame"), {sharedCube(2, {0, 0, 0}, steel)}));
        w.addNode(QStringLiteral("walls"), root, w.addMesh(QStringLiteral("walls"), {sharedCube(3, {5, 0, 0}, stone)}));
        const QString path = m_tmp.filePath("pbr.glb");
        QString error;
        QVERIFY2(w.write(path, &error), qPrintable(error));
        const TileReadResult r = ModelTileReader().read(path);
        QVERIFY2(r.ok, qPrintable(r.error));
        checkTile(r.content);
        QCOMPARE(r.content.meshes.size(), size_t(2));
        QCOMPARE(checkNormals(r.content, true), qsizetype(24));
        for (const MeshData &m : r.content.meshes) {
            const bool isSteel = m.boundsMax[0] < 2.5f;
            QCOMPARE(m.metallic, isSteel ? 1.f : 0.f);
            QVERIFY(std::abs(m.roughness - (isSteel ? 0.25f : 0.9f)) < 1e-5f);
            QVERIFY(m.vertexCount() == 24); // 8 corners, each split for its three faces
        }
    }

    void emissiveFromAnObjMaterial()
    {
        const QString dir = m_tmp.filePath("lamp");
        QVERIFY(QDir().mkpath(dir));
        QVERIFY(writeFile(dir + "/lamp.mtl", "newmtl glow\nKd 0.2 0.2 0.2\nKe 1.0 0.5 0.0\n"));
        QVERIFY(writeFile(dir + "/lamp.obj", "mtllib lamp.mtl\n" + boxesObj({"lamp"}).replace("o lamp\n", "o lamp\nusemtl glow\n")));
        const TileReadResult r = ModelTileReader().read(dir + "/lamp.obj");
        QVERIFY2(r.ok, qPrintable(r.error));
        QCOMPARE(r.content.meshes.size(), size_t(1));
        const MeshData &m = r.content.meshes[0];
        QVERIFY(m.lit);
        QVERIFY2(std::abs(m.emissive[0] - 1.f) < 1e-5f && std::abs(m.emissive[1] - 0.5f) < 1e-5f && m.emissive[2] == 0.f,
                 qPrintable(QStringLiteral("%1 %2 %3").arg(m.emissive[0]).arg(m.emissive[1]).arg(m.emissive[2])));
        QVERIFY(std::abs(m.color[0] - 0.2f) < 1e-5f);
    }

    void floorsByName_data()
    {
        QTest::addColumn<QStringList>("objects");
        QTest::addColumn<QString>("pattern"); // empty: the default
        QTest::addColumn<QStringList>("groups");
        QTest::newRow("default pattern") << QStringList{"Floor_1", "Floor_2", "Floor_3", "Roof"} << QString()
                                         << QStringList{"Floor_1", "Floor_2", "Floor_3"};
        QTest::newRow("Chinese names") << QStringList{QStringLiteral("楼层1"), QStringLiteral("楼层2")} << QString()
                                       << QStringList{QStringLiteral("楼层1"), QStringLiteral("楼层2")};
        QTest::newRow("own pattern") << QStringList{"Etage0", "Etage1", "Dach"} << "^Etage\\d+"
                                     << QStringList{"Etage0", "Etage1"};
        QTest::newRow("nothing matches") << QStringList{"Wall", "Roof"} << QString() << QStringList{};
        QTest::newRow("order is by height, not by name")
                << QStringList{"Level_3", "Level_1", "Level_2"} << QString() << QStringList{"Level_3", "Level_1", "Level_2"};
    }
    void floorsByName()
    {
        QFETCH(QStringList, objects);
        QFETCH(QString, pattern);
        QFETCH(QStringList, groups);
        const QString path = m_tmp.filePath(QStringLiteral("floors_%1.obj").arg(QTest::currentDataTag()).replace(' ', '_'));
        QVERIFY(writeFile(path, boxesObj(objects)));
        if (!pattern.isEmpty()) {
            ModelPlacement p;
            p.crs = "EPSG:4549";
            p.floorPattern = pattern;
            ModelTileReader::setPlacement(path, p);
        }
        const TileReadResult r = ModelTileReader().read(path);
        ModelTileReader::clearPlacement(path);
        QVERIFY2(r.ok, qPrintable(r.error));
        checkTile(r.content);
        QStringList got;
        for (const MeshGroup &g : r.content.groups)
            got << g.name;
        QCOMPARE(got, groups);
        for (size_t i = 0; i < r.content.groups.size(); ++i) {
            // the i-th object stands at 3·i m (OBJ Y up → Z up)
            const int index = int(objects.indexOf(r.content.groups[i].name));
            QVERIFY(std::abs(r.content.groups[i].baseElevation - 3.0 * index) < 1e-4);
            QVERIFY(std::abs(r.content.groups[i].height - (i + 1 < r.content.groups.size() ? 3.0 : 2.8)) < 1e-4);
        }
        for (const MeshData &m : r.content.meshes)
            if (m.group >= 0)
                QVERIFY(std::abs(m.boundsMin[2] - r.content.groups[size_t(m.group)].baseElevation) < 1e-4);
    }

    void upAxisFromThePlacement()
    {
        const QString path = m_tmp.filePath("zup.obj");
        QVERIFY(writeFile(path, boxesObj({"Floor_1", "Floor_2"})));
        // the sidecar says the file is Z-up: its y (0..5.8) stays y
        QVERIFY(writeFile(path + ".geo.json", R"({"crs":"EPSG:4549","position":[0,0,0],"upAxis":"Z"})"));
        const TileReadResult r = ModelTileReader().read(path);
        QVERIFY2(r.ok, qPrintable(r.error));
        double mn[3], mx[3];
        bounds(r.content, mn, mx);
        QVERIFY(std::abs(mx[1] - 5.8) < 1e-4 && std::abs(mx[2] - 10) < 1e-4);
        // the project's placement wins over the sidecar
        ModelPlacement p;
        p.crs = "EPSG:4549";
        p.upAxis = UpAxis::Y;
        const QString instance = ModelTileReader::instancePath(path, "a");
        ModelTileReader::setPlacement(instance, p);
        const TileReadResult r2 = ModelTileReader().read(instance);
        ModelTileReader::clearPlacement(instance);
        QVERIFY2(r2.ok, qPrintable(r2.error));
        bounds(r2.content, mn, mx);
        QVERIFY(std::abs(mx[2] - 5.8) < 1e-4 && std::abs(mn[1] + 10) < 1e-4);
        // a broken sidecar: still read (defaults), with a warning naming it
        QVERIFY(writeFile(path + ".geo.json", R"({"crs":"EPSG:4549","position":[0,0]})"));
        const TileReadResult r3 = ModelTileReader().read(path);
        QVERIFY2(r3.ok, qPrintable(r3.error));
        QVERIFY2(r3.content.warnings.join('\n').contains("zup.obj.geo.json: position"),
                 qPrintable(r3.content.warnings.join('\n')));
    }

    void hostile_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<bool>("ok");
        QTest::addColumn<QString>("message"); // in the error, or in a warning when ok
        QFile glb(glbPath());
        QVERIFY(glb.open(QIODevice::ReadOnly));
        const QByteArray whole = glb.readAll();
        QTest::newRow("truncated glb") << "cut.glb" << whole.left(whole.size() / 3) << false << "truncated glTF binary";
        QTest::newRow("glb header only") << "head.glb" << whole.left(10) << false << "truncated";
        QByteArray zeroed = whole;
        std::fill(zeroed.begin() + 20, zeroed.begin() + 2000, '\0');
        QTest::newRow("glb with zeroed JSON chunk") << "zeroed.glb" << zeroed << false << "zeroed.glb";
        QTest::newRow("OBJ without its .mtl")
                << "nomtl.obj" << QByteArray("mtllib missing.mtl\nusemtl brick\n" + boxesObj({"Floor 1"})) << true
                << "missing.mtl";
        QTest::newRow("IFC4") << "new.ifc"
                              << QByteArray("ISO-10303-21;\nHEADER;\nFILE_DESCRIPTION((''),'2;1');\n"
                                            "FILE_NAME('x','2024-01-01',(''),(''),'','','');\n"
                                            "FILE_SCHEMA(('IFC4'));\nENDSEC;\nDATA;\nENDSEC;\nEND-ISO-10303-21;\n")
                              << false << "IFC4 is not supported";
        QTest::newRow("empty obj") << "empty.obj" << QByteArray() << false << "empty";
        QTest::newRow("OBJ without faces") << "points.obj" << QByteArray("v 0 0 0\nv 1 0 0\n") << false << "points.obj";
    }
    void hostile()
    {
        QFETCH(QString, name);
        QFETCH(QByteArray, bytes);
        QFETCH(bool, ok);
        QFETCH(QString, message);
        const QString path = m_tmp.filePath(name);
        QVERIFY(writeFile(path, bytes));
        const TileReadResult r = ModelTileReader().read(path);
        QCOMPARE(r.ok, ok);
        if (!ok) {
            QVERIFY2(r.error.contains(name) && r.error.contains(message), qPrintable(r.error));
        } else {
            QVERIFY2(r.content.warnings.join('\n').contains(message), qPrintable(r.content.warnings.join('\n')));
            QVERIFY(triangles(r.content) > 0);
        }
        QCOMPARE(ModelLoadProgress::instance().value(path), -1.0); // finished either way
    }

    void progressCanBePolled()
    {
        const QString path = ModelTileReader::instancePath(ifcPath(), "progress");
        QFuture<TileReadResult> f = QtConcurrent::run([path] { return ModelTileReader().read(path); });
        double seenMax = -1, seenMin = 2;
        int samples = 0;
        while (!f.isFinished()) {
            const double v = ModelLoadProgress::instance().value(path);
            if (v >= 0) {
                seenMin = std::min(seenMin, v);
                seenMax = std::max(seenMax, v);
                ++samples;
                QVERIFY(ModelLoadProgress::instance().all().contains(path));
            }
            QThread::usleep(200);
        }
        QVERIFY(f.result().ok);
        QVERIFY2(samples > 0, "never saw the file in ModelLoadProgress");
        QVERIFY(seenMin >= 0 && seenMax <= 1.0);
        QVERIFY2(seenMax > seenMin, qPrintable(QStringLiteral("%1 .. %2").arg(seenMin).arg(seenMax)));
        QCOMPARE(ModelLoadProgress::instance().value(path), -1.0);
        QCOMPARE(ModelLoadProgress::instance().overall(), 1.0);
    }

    void makeDataset()
    {
        const LocalFrame scene(Crs::fromString("EPSG:4549"), Vec3d(527000, 3992000, 0));
        ModelPlacement p;
        QString why;
        QVERIFY(ModelPlacement::fromJson(QJsonObject{{"crs", "EPSG:4549"}, {"position", QJsonArray{527100, 3992050, 3}},
                                                     {"heading", 30}, {"scale", 1.5}},
                                         "x", &p, &why));
        TileDataset ds;
        const QString tile = ModelTileReader::instancePath(glbPath(), "s1");
        QVERIFY2(ModelTileReader::makeDataset(tile, p, scene, &ds, &why), qPrintable(why));
        QCOMPARE(ds.rootFiles, QStringList{tile});
        QCOMPARE(ds.headingDeg, 30.0);
        QCOMPARE(ds.scale, 1.5);
        QCOMPARE(ds.frame.origin(), Vec3d(527100, 3992050, 3));
        ModelPlacement back;
        QVERIFY(ModelTileReader::placementFor(tile, &back));
        QCOMPARE(back.position, p.position);
        ModelTileReader::clearPlacement(tile);
        p.position = Vec3d(102.7, 25.0, 0);
        p.crs = "EPSG:4326";
        QVERIFY(!ModelTileReader::makeDataset(tile, p, scene, &ds, &why));
        QVERIFY2(why.contains("amsterdamcs.glb") && why.contains("km from the scene origin"), qPrintable(why));
    }

private:
    QTemporaryDir m_tmp;
};

QTEST_GUILESS_MAIN(tst_ModelTileReader)
#include "tst_modeltilereader.moc"
