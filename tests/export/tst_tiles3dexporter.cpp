// export-3dtiles in process (app/export3dtiles Tiles3dExporter): the shared ContextCapture sample
// Production_5 and a small generated production exported to 3D Tiles 1.1 — tileset structure,
// geometric errors from the PagedLOD ranges (and back through Liyuan's 3D Tiles reader), every glb
// through the Khronos glTF validator (npm gltf-validator), the same place as the OSGB within 0.5 m
// (vertex by vertex in ECEF), and hostile inputs (corrupt .osgb, no metadata.xml, unwritable OUT,
// OUT inside the production, implicit tiling).
#include "ExportFixtures.h"
#include "TestRequire.h"
#include "Tiles3dExporter.h"

#include <liyuan/geodata/LocalFrame.h>
#include <liyuan/osgb/OsgbDataset.h>
#include <liyuan/osgb/OsgbReader.h>
#include <liyuan/tiles3d/Tiles3dDataset.h>
#include <liyuan/tiles3d/Tiles3dReader.h>

#include <QDirIterator>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

using namespace liyuan;

namespace {

QString production5() { return QStringLiteral(LIYUAN_SHARED_DATA "/osgb/Production_5"); }
QString webModules() { return QStringLiteral(LIYUAN_WEB_MODULES); }

QJsonObject readJson(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(f.readAll()).object();
}

QStringList glbFiles(const QString &dir)
{
    QStringList out;
    QDirIterator it(dir, {QStringLiteral("*.glb")}, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext())
        out << it.next();
    out.sort();
    return out;
}

/** Every vertex of a tile in ECEF (double). */
std::vector<Vec3d> ecefVertices(const TileContent &c, const LocalFrame &frame)
{
    const Crs ecef = Crs::fromString(QStringLiteral("EPSG:4978"));
    std::vector<Vec3d> out;
    for (const MeshData &m : c.meshes)
        for (size_t i = 0; i + 2 < m.positions.size(); i += 3) {
            bool ok = false;
            out.push_back(frame.toOther(c.origin + Vec3d(m.positions[i], m.positions[i + 1], m.positions[i + 2]), ecef, &ok));
            if (!ok)
                return {};
        }
    return out;
}

QString addressOf(const QJsonObject &tile, const QString &uri, const QString &address)
{
    if (tile.value("content").toObject().value("uri").toString() == uri)
        return address;
    const QJsonArray children = tile.value("children").toArray();
    for (int i = 0; i < children.size(); ++i) {
        const QString a = addressOf(children[i].toObject(), uri, address + QLatin1Char('.') + QString::number(i));
        if (!a.isEmpty())
            return a;
    }
    return {};
}

} // namespace

class TstTiles3dExporter : public QObject
{
    Q_OBJECT
    QTemporaryDir m_tmp;
    QString m_out5;                  ///< Production_5 exported
    Tiles3dExporter::Result m_res5;
    QString m_genDir, m_genOut;      ///< the generated production and its export
    Tiles3dExporter::Result m_resGen;
    QList<QPair<int, int>> m_progress;

private slots:
    void initTestCase()
    {
        osgb::registerOsgbReader();
        QVERIFY(m_tmp.isValid());
        m_genDir = m_tmp.filePath(QStringLiteral("generated"));
        QString err;
        QVERIFY2(test::GeneratedProduction::write(m_genDir, &err), qPrintable(err));
        m_genOut = m_tmp.filePath(QStringLiteral("generated-3dtiles"));
        m_resGen = Tiles3dExporter().run(m_genDir, m_genOut, [this](int d, int t) { m_progress << qMakePair(d, t); });
        if (QFileInfo(production5()).isDir()) {
            m_out5 = m_tmp.filePath(QStringLiteral("p5"));
            m_res5 = Tiles3dExporter().run(production5(), m_out5);
        }
    }

    void generatedStructure()
    {
        QVERIFY2(m_resGen.ok, qPrintable(m_resGen.error + m_resGen.errors.join(QLatin1Char('\n'))));
        QCOMPARE(m_resGen.files, 3);
        QCOMPARE(m_resGen.glbs, 3);
        QCOMPARE(m_resGen.triangles, 6);
        // the missing child is reported by name and skipped
        QVERIFY2(m_resGen.warnings.join(QLatin1Char('\n')).contains(QStringLiteral("Tile_+000_+000_L17_2.osgb is missing")),
                 qPrintable(m_resGen.warnings.join(QLatin1Char('\n'))));
        // progress: every file counted, the last line says all done
        QVERIFY(!m_progress.isEmpty());
        QCOMPARE(m_progress.last(), qMakePair(3, 3));

        const QJsonObject ts = readJson(m_genOut + QStringLiteral("/tileset.json"));
        QCOMPARE(ts.value("asset").toObject().value("version").toString(), QStringLiteral("1.1"));
        QVERIFY(!QFile::exists(m_genOut + QStringLiteral("/tileset.json.part")));
        const QJsonObject root = ts.value("root").toObject();
        QCOMPARE(root.value("transform").toArray().size(), 16);
        QCOMPARE(root.value("refine").toString(), QStringLiteral("REPLACE"));
        QCOMPARE(root.value("content").toObject().value("uri").toString(), QStringLiteral("Data/Tile_+000_+000/Tile_+000_+000.glb"));
        QCOMPARE(root.value("children").toArray().size(), 2);
        // geometricError = 16 · 2r / t of the PagedLOD whose child takes over first (the largest)
        QCOMPARE(root.value("geometricError").toDouble(), 16.0 * 2 * test::GeneratedProduction::kRadius / test::GeneratedProduction::kThreshold);
        for (const QJsonValue &c : root.value("children").toArray()) {
            QCOMPARE(c.toObject().value("geometricError").toDouble(), 0.0);
            QCOMPARE(c.toObject().value("boundingVolume").toObject().value("box").toArray().size(), 12);
        }
        // root transform: ENU at the SRSOrigin, in ECEF
        const QJsonArray t = root.value("transform").toArray();
        const LocalFrame frame(Crs::fromString(QStringLiteral("EPSG:4549")), Vec3d(test::GeneratedProduction::kOriginX,
                               test::GeneratedProduction::kOriginY, test::GeneratedProduction::kOriginZ));
        bool ok = false;
        const Vec3d o = frame.toOther(Vec3d(), Crs::fromString(QStringLiteral("EPSG:4978")), &ok);
        QVERIFY(ok);
        QVERIFY2((Vec3d(t[12].toDouble(), t[13].toDouble(), t[14].toDouble()) - o).length() < 0.01, "root transform is not at the SRSOrigin");
    }

    void production5Structure()
    {
        LIYUAN_REQUIRE(!m_out5.isEmpty(), "shared sample osgb/Production_5 missing (LIYUAN_SHARED_DATA)");
        QVERIFY2(m_res5.ok, qPrintable(m_res5.error + m_res5.errors.join(QLatin1Char('\n'))));
        QCOMPARE(m_res5.files, 35);
        QCOMPARE(glbFiles(m_out5).size(), m_res5.glbs);
        const QJsonObject ts = readJson(m_out5 + QStringLiteral("/tileset.json"));
        const QJsonObject root = ts.value("root").toObject();
        QCOMPARE(root.value("children").toArray().size(), 3); // Tile_+000_+012/013/014
        QVERIFY(ts.value("geometricError").toDouble() >= root.value("geometricError").toDouble());
        // every tile: a box, REPLACE, parent error ≥ child error, content that exists and is a glb
        int contents = 0;
        std::function<void(const QJsonObject &, double)> walk = [&](const QJsonObject &tile, double parentGe) {
            const double ge = tile.value("geometricError").toDouble(-1);
            QVERIFY(ge >= 0 && ge <= parentGe);
            QCOMPARE(tile.value("boundingVolume").toObject().value("box").toArray().size(), 12);
            QCOMPARE(tile.value("refine").toString(), QStringLiteral("REPLACE"));
            if (tile.contains("content")) {
                QFile f(m_out5 + QLatin1Char('/') + tile.value("content").toObject().value("uri").toString());
                QVERIFY2(f.open(QIODevice::ReadOnly), qPrintable(f.fileName()));
                QCOMPARE(f.read(4), QByteArray("glTF"));
                ++contents;
            }
            for (const QJsonValue &c : tile.value("children").toArray())
                walk(c.toObject(), ge);
        };
        walk(root, ts.value("geometricError").toDouble());
        QCOMPARE(contents, m_res5.glbs);
    }

    /** The geometric error and the PagedLOD range give the same switching distance in Liyuan's reader. */
    void geometricErrorRoundTrip()
    {
        LIYUAN_REQUIRE(!m_out5.isEmpty(), "shared sample osgb/Production_5 missing (LIYUAN_SHARED_DATA)");
        QVERIFY(m_res5.ok);
        const osgb::OsgbDataset ds = osgb::OsgbDataset::open(production5());
        const TileReadResult o = osgb::OsgbReader().read(ds.rootFiles.first());
        QVERIFY2(o.ok, qPrintable(o.error));
        double osgRatio = 0; // the smallest t / 2r over the child-file ranges: pixel size ∝ 2r/d, so d_switch ∝ 2r/t
        for (const LodNode &n : o.content.nodes)
            for (const LodRange &r : n.ranges)
                if (!r.childFile.isEmpty() && r.min > 0)
                    osgRatio = std::max(osgRatio, 2.0 * n.radius / r.min);
        QVERIFY(osgRatio > 0);
        tiles3d::Tiles3dReader::clearCache();
        const QString tileset = m_out5 + QStringLiteral("/tileset.json");
        const TileReadResult t = tiles3d::Tiles3dReader().read(tileset + QStringLiteral("#r.0"));
        QVERIFY2(t.ok, qPrintable(t.error));
        QCOMPARE(t.content.nodes.size(), size_t(1));
        const LodNode &n = t.content.nodes.front();
        float threshold = 0;
        for (const LodRange &r : n.ranges)
            if (!r.childFile.isEmpty())
                threshold = r.min;
        QVERIFY(threshold > 0);
        const double liyuanRatio = 2.0 * n.radius / threshold;
        QVERIFY2(std::abs(liyuanRatio / osgRatio - 1.0) < 1e-4,
                 qPrintable(QStringLiteral("switching distance differs: OSGB 2r/t %1, 3D Tiles %2").arg(osgRatio).arg(liyuanRatio)));
    }

    void gltfValidator_data()
    {
        QTest::addColumn<QString>("which");
        QTest::newRow("generated") << QStringLiteral("generated");
        QTest::newRow("Production_5") << QStringLiteral("p5");
    }
    void gltfValidator()
    {
        QFETCH(QString, which);
        LIYUAN_REQUIRE(QFile::exists(webModules() + QStringLiteral("/gltf-validator/package.json")),
                       "npm gltf-validator missing: npm ci --prefix tests/web (LIYUAN_WEB_MODULES)");
        const QString node = QStandardPaths::findExecutable(QStringLiteral("node"));
        LIYUAN_REQUIRE(!node.isEmpty(), "node is not installed");
        const QString dir = which == QLatin1String("p5") ? m_out5 : m_genOut;
        LIYUAN_REQUIRE(!dir.isEmpty(), "shared sample osgb/Production_5 missing (LIYUAN_SHARED_DATA)");
        const QStringList files = glbFiles(dir);
        QVERIFY(!files.isEmpty());
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("NODE_PATH"), webModules());
        p.setProcessEnvironment(env);
        p.start(node, QStringList{QStringLiteral(LIYUAN_SOURCE_DIR "/tests/web/validate-gltf.mjs")} + files);
        QVERIFY(p.waitForFinished(50000));
        const QString out = QString::fromUtf8(p.readAllStandardOutput());
        QVERIFY2(p.exitCode() == 0, qPrintable(out + QString::fromUtf8(p.readAllStandardError())));
        QCOMPARE(out.count(QStringLiteral("RESULT 0 ")), files.size()); // "RESULT errors warnings infos FILE"
        // textured: the first glb embeds its texture as a JPEG (the sample's textures are opaque)
        QFile glb(files.first());
        QVERIFY(glb.open(QIODevice::ReadOnly));
        const QByteArray bytes = glb.readAll();
        QVERIFY(bytes.contains("\"mimeType\":\"image/jpeg\""));
        QVERIFY(bytes.contains(QByteArray::fromHex("ffd8ffe0")) || bytes.contains(QByteArray::fromHex("ffd8ffe1"))
                || bytes.contains(QByteArray::fromHex("ffd8ffdb")));
    }

    /** Liyuan's 3D Tiles reader puts every vertex where the OSGB reader puts it (ECEF, < 0.5 m). */
    void samePlaceAsOsgb_data()
    {
        QTest::addColumn<QString>("which");
        QTest::addColumn<QString>("tile");  ///< 3D Tiles address suffix
        QTest::addColumn<QString>("osgb");  ///< relative to the production
        QTest::newRow("generated root") << "generated" << "#r" << "Data/Tile_+000_+000/Tile_+000_+000.osgb";
        QTest::newRow("generated child") << "generated" << "#r.1" << "Data/Tile_+000_+000/Tile_+000_+000_L17_1.osgb";
        QTest::newRow("P5 root 0") << "p5" << "#r.0" << "Data/Tile_+000_+012/Tile_+000_+012.osgb";
        QTest::newRow("P5 root 2") << "p5" << "#r.2" << "Data/Tile_+000_+014/Tile_+000_+014.osgb";
        QTest::newRow("P5 deep") << "p5" << "" << "Data/Tile_+000_+013/Tile_+000_+013_L19_0uuuu5.osgb";
    }
    void samePlaceAsOsgb()
    {
        QFETCH(QString, which);
        QFETCH(QString, tile);
        QFETCH(QString, osgb);
        const bool p5 = which == QLatin1String("p5");
        LIYUAN_REQUIRE(!p5 || !m_out5.isEmpty(), "shared sample osgb/Production_5 missing (LIYUAN_SHARED_DATA)");
        const QString production = p5 ? production5() : m_genDir;
        const QString tileset = (p5 ? m_out5 : m_genOut) + QStringLiteral("/tileset.json");
        const osgb::OsgbDataset ods = osgb::OsgbDataset::open(production);
        QVERIFY2(ods.ok, qPrintable(ods.error));
        const TileReadResult o = osgb::OsgbReader().read(production + QLatin1Char('/') + osgb);
        QVERIFY2(o.ok, qPrintable(o.error));
        tiles3d::Tiles3dReader::clearCache();
        const tiles3d::Tiles3dDataset tds = tiles3d::Tiles3dDataset::open(tileset);
        QVERIFY2(tds.ok, qPrintable(tds.error));
        QVERIFY(tds.frame.isGeoreferenced());
        if (tile.isEmpty()) // the address of the tile whose content is the glb made from `osgb`
            tile = addressOf(readJson(tileset).value("root").toObject(), QString(osgb).replace(QStringLiteral(".osgb"), QStringLiteral(".glb")),
                             QStringLiteral("#r"));
        QVERIFY2(!tile.isEmpty(), qPrintable(osgb));
        const TileReadResult t = tiles3d::Tiles3dReader().read(tileset + tile);
        QVERIFY2(t.ok, qPrintable(t.error));
        const std::vector<Vec3d> a = ecefVertices(o.content, ods.frame);
        const std::vector<Vec3d> b = ecefVertices(t.content, tds.frame);
        QVERIFY(!a.empty());
        QCOMPARE(b.size(), a.size());
        double worst = 0;
        for (size_t i = 0; i < a.size(); ++i)
            worst = std::max(worst, (a[i] - b[i]).length());
        qInfo("%s %s: %zu vertices, largest distance %.4f m", qPrintable(which), qPrintable(tile), a.size(), worst);
        QVERIFY2(worst < 0.5, qPrintable(QStringLiteral("a vertex moved %1 m").arg(worst)));
        // textured where the OSGB is
        QCOMPARE(t.content.images.size() > 0, o.content.images.size() > 0);
    }

    void hostile_data()
    {
        QTest::addColumn<QString>("fixture");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("message"); ///< in the error
        QTest::newRow("corrupt osgb") << "corrupt" << 2 << "Tile_+000_+000_L17_0.osgb";
        QTest::newRow("missing metadata.xml") << "nometadata" << 2 << "metadata.xml";
        QTest::newRow("unwritable OUT") << "unwritable" << 3 << "cannot create";
        QTest::newRow("OUT inside the production") << "inside" << 3 << "inside the production";
        QTest::newRow("implicit tiling") << "implicit" << 2 << "implicit";
        QTest::newRow("not a production") << "empty" << 2 << "no tiles found";
    }
    void hostile()
    {
        QFETCH(QString, fixture);
        QFETCH(int, exitCode);
        QFETCH(QString, message);
        QTemporaryDir tmp;
        const QString prod = tmp.filePath(QStringLiteral("prod"));
        QString out = tmp.filePath(QStringLiteral("out"));
        QString err;
        QVERIFY2(test::GeneratedProduction::write(prod, &err, fixture != QLatin1String("nometadata")), qPrintable(err));
        ExportOptions opt;
        if (fixture == QLatin1String("corrupt")) {
            QDir().mkpath(out); // a tileset.json of an earlier export must not survive a failed one
            QFile stale(out + QStringLiteral("/tileset.json"));
            QVERIFY(stale.open(QIODevice::WriteOnly));
            stale.write("{\"asset\":{\"version\":\"1.1\"}}");
            stale.close();
            QFile f(prod + QStringLiteral("/Data/Tile_+000_+000/Tile_+000_+000_L17_0.osgb"));
            QVERIFY(f.open(QIODevice::ReadWrite));
            const QByteArray head = f.read(64);
            f.resize(0);
            f.write(head + QByteArray(200, '\x5a'));
        } else if (fixture == QLatin1String("unwritable")) {
            QFile blocker(tmp.filePath(QStringLiteral("file")));
            QVERIFY(blocker.open(QIODevice::WriteOnly));
            out = blocker.fileName() + QStringLiteral("/out"); // a path under a regular file (root ignores permissions)
        } else if (fixture == QLatin1String("inside")) {
            out = prod + QStringLiteral("/Data/3dtiles");
        } else if (fixture == QLatin1String("implicit")) {
            opt.tiling = ExportOptions::Tiling::Implicit;
        } else if (fixture == QLatin1String("empty")) {
            QDir(prod).removeRecursively();
            QDir().mkpath(prod);
        }
        const Tiles3dExporter::Result r = Tiles3dExporter(opt).run(prod, out);
        const QString all = r.error + QLatin1Char('\n') + r.errors.join(QLatin1Char('\n'));
        QVERIFY(!r.ok);
        QCOMPARE(r.exitCode, exitCode);
        QVERIFY2(all.contains(message), qPrintable(all));
        QVERIFY2(!QFile::exists(out + QStringLiteral("/tileset.json")), "a failed export left a tileset.json");
        QVERIFY(!QFile::exists(out + QStringLiteral("/tileset.json.part")));
    }
};

QTEST_GUILESS_MAIN(TstTiles3dExporter)
#include "tst_tiles3dexporter.moc"
