// remote: "a URL anywhere a PATH is accepted" for every file-based kind — the real app and
// `liyuan info` open a shapefile (with its sidecars), a .gltf with external buffer and image, an
// .obj with its material library and texture, a .glb, an IFC, CityJSON (with textures), CityGML
// (with a roof texture) and GeoJSON named .json from a real nginx by URL: the same description as
// the local file, the layer keeps the URL (state, saved project), its messages name the URL (never
// the session's temporary copy), a saved project reopens --offline from the disk cache; a missing
// .dbf, a .gltf whose buffer is 404 or escapes its folder, a .json that is none of the kinds: clear
// errors naming the URL, exit code 2.
#include "AppRunner.h"
#include "CityGmlFixtures.h"
#include "NginxServer.h"
#include "TestRequire.h"

#include <QDir>
#include <QFile>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtEndian>
#include <QtTest>

using liyuan::test::NginxServer;

namespace {
const QString kData = QStringLiteral(LIYUAN_SHARED_DATA);

QJsonObject readJson(const QString &file)
{
    QFile f(file);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(f.readAll()).object();
}

QByteArray readAll(const QString &file)
{
    QFile f(file);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

bool write(const QString &file, const QByteArray &bytes)
{
    QDir().mkpath(QFileInfo(file).absolutePath());
    QFile f(file);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}

/**
 * A .glb split into a .gltf with an external buffer (bin/NAME.bin) and external images
 * (tex/imageN.png): the layout of glTF served as loose files. Returns the glTF JSON.
 */
QJsonObject splitGlb(const QString &glb, const QString &dir, const QString &name)
{
    const QByteArray data = readAll(glb);
    if (data.size() < 28 || !data.startsWith("glTF"))
        return {};
    const quint32 jsonLength = qFromLittleEndian<quint32>(data.constData() + 12);
    QJsonObject root = QJsonDocument::fromJson(data.mid(20, int(jsonLength))).object();
    const int binStart = 20 + int(jsonLength);
    const quint32 binLength = qFromLittleEndian<quint32>(data.constData() + binStart);
    const QByteArray bin = data.mid(binStart + 8, int(binLength));
    QJsonArray buffers = root.value(QStringLiteral("buffers")).toArray();
    QJsonObject b0 = buffers.at(0).toObject();
    b0[QStringLiteral("uri")] = QStringLiteral("bin/%1.bin").arg(name);
    buffers[0] = b0;
    root[QStringLiteral("buffers")] = buffers;
    if (!write(dir + QStringLiteral("/bin/%1.bin").arg(name), bin))
        return {};
    const QJsonArray views = root.value(QStringLiteral("bufferViews")).toArray();
    QJsonArray images = root.value(QStringLiteral("images")).toArray();
    for (int i = 0; i < images.size(); ++i) {
        QJsonObject im = images[i].toObject();
        const QJsonObject v = views.at(im.value(QStringLiteral("bufferView")).toInt()).toObject();
        const QString ext = im.value(QStringLiteral("mimeType")).toString().endsWith(QLatin1String("png")) ? QStringLiteral("png")
                                                                                                            : QStringLiteral("jpg");
        const QString rel = QStringLiteral("tex/image%1.%2").arg(i).arg(ext);
        if (!write(dir + QLatin1Char('/') + rel,
                   bin.mid(v.value(QStringLiteral("byteOffset")).toInt(), v.value(QStringLiteral("byteLength")).toInt())))
            return {};
        im.remove(QStringLiteral("bufferView"));
        im.remove(QStringLiteral("mimeType"));
        im[QStringLiteral("uri")] = rel;
        images[i] = im;
    }
    root[QStringLiteral("images")] = images;
    return root;
}

/** A textured cube as OBJ + MTL + JPEG. */
bool writeObj(const QString &dir, const QString &texture)
{
    QByteArray obj = "# a cube\nmtllib cube.mtl\n";
    for (int i = 0; i < 8; ++i)
        obj += QStringLiteral("v %1 %2 %3\n").arg(i & 1 ? 5 : -5).arg(i & 2 ? 5 : -5).arg(i & 4 ? 10 : 0).toUtf8();
    obj += "vt 0 0\nvt 1 0\nvt 1 1\nvt 0 1\nusemtl wall\n";
    const int faces[6][4] = {{1, 3, 4, 2}, {5, 6, 8, 7}, {1, 2, 6, 5}, {3, 7, 8, 4}, {1, 5, 7, 3}, {2, 4, 8, 6}};
    for (const auto &f : faces)
        obj += QStringLiteral("f %1/1 %2/2 %3/3 %4/4\n").arg(f[0]).arg(f[1]).arg(f[2]).arg(f[3]).toUtf8();
    return write(dir + QStringLiteral("/cube.obj"), obj)
           && write(dir + QStringLiteral("/cube.mtl"), "newmtl wall\nKd 1 1 1\nmap_Kd -s 1 1 1 tex/wall.jpg\n")
           && write(dir + QStringLiteral("/tex/wall.jpg"), readAll(texture));
}

} // namespace

class TestAnyUrlApp : public QObject
{
    Q_OBJECT
    QTemporaryDir m_tmp;
    NginxServer m_nginx;
    QString m_www;

    QStringList common(const QString &name)
    {
        return {QStringLiteral("--screenshot"), m_tmp.filePath(name + QStringLiteral(".png")), QStringLiteral("--size"),
                QStringLiteral("320x240"), QStringLiteral("--state-json"), m_tmp.filePath(name + QStringLiteral(".json")),
                QStringLiteral("--timeout"), QStringLiteral("40"), QStringLiteral("--disk-cache-dir"),
                m_tmp.filePath(QStringLiteral("cache"))};
    }

private slots:
    void initTestCase()
    {
        LIYUAN_REQUIRE(QFileInfo::exists(kData + QStringLiteral("/footprints/alexandria_va/buildings.shp")), "shared footprints missing");
        LIYUAN_REQUIRE(QFileInfo::exists(kData + QStringLiteral("/3dtiles/gltf_meshopt_duck/Duck.glb")), "shared Duck.glb missing");
        LIYUAN_REQUIRE(QFileInfo::exists(kData + QStringLiteral("/citymodels/rotterdam/rotterdam_subset.json")), "shared CityJSON missing");
        LIYUAN_REQUIRE(!NginxServer::binary().isEmpty(), "nginx is not installed");
        m_www = m_tmp.filePath(QStringLiteral("www"));
        QDir().mkpath(m_www);
        for (const char *d : {"footprints", "citymodels", "buildings"})
            QVERIFY(QFile::link(kData + QLatin1Char('/') + QLatin1String(d), m_www + QLatin1Char('/') + QLatin1String(d)));
        // loose glTF: the shared Duck.glb as .gltf + bin/duck.bin + tex/image0.png
        const QString gltf = m_www + QStringLiteral("/gltf");
        QJsonObject duck = splitGlb(kData + QStringLiteral("/3dtiles/gltf_meshopt_duck/Duck.glb"), gltf, QStringLiteral("duck"));
        QVERIFY(!duck.isEmpty());
        QVERIFY(write(gltf + QStringLiteral("/duck.gltf"), QJsonDocument(duck).toJson()));
        QJsonArray buffers = duck.value(QStringLiteral("buffers")).toArray();
        QJsonObject b0 = buffers.at(0).toObject();
        b0[QStringLiteral("uri")] = QStringLiteral("bin/nope.bin"); // 404
        buffers[0] = b0;
        duck[QStringLiteral("buffers")] = buffers;
        QVERIFY(write(gltf + QStringLiteral("/missingbuffer.gltf"), QJsonDocument(duck).toJson()));
        b0[QStringLiteral("uri")] = QStringLiteral("../../etc/passwd"); // leaves its folder
        buffers[0] = b0;
        duck[QStringLiteral("buffers")] = buffers;
        QVERIFY(write(gltf + QStringLiteral("/escape.gltf"), QJsonDocument(duck).toJson()));
        b0[QStringLiteral("uri")] = QStringLiteral("http://elsewhere.invalid/duck.bin"); // another host
        buffers[0] = b0;
        duck[QStringLiteral("buffers")] = buffers;
        QVERIFY(write(gltf + QStringLiteral("/absolute.gltf"), QJsonDocument(duck).toJson()));
        b0[QStringLiteral("uri")] = QStringLiteral("/etc/passwd"); // an absolute path
        buffers[0] = b0;
        duck[QStringLiteral("buffers")] = buffers;
        QVERIFY(write(gltf + QStringLiteral("/rootpath.gltf"), QJsonDocument(duck).toJson()));
        b0[QStringLiteral("uri")] = QStringLiteral("bin\\..\\..\\..\\secret.bin"); // Windows separators, still leaving
        buffers[0] = b0;
        duck[QStringLiteral("buffers")] = buffers;
        QVERIFY(write(gltf + QStringLiteral("/backslash.gltf"), QJsonDocument(duck).toJson()));
        // OBJ + MTL + texture
        QVERIFY(writeObj(m_www + QStringLiteral("/obj"), kData + QStringLiteral("/citymodels/rotterdam/appearances/0320_4_15.jpg")));
        QVERIFY(write(m_www + QStringLiteral("/obj/escape.obj"), "mtllib ../../secret.mtl\nv 0 0 0\nv 1 0 0\nv 0 1 0\nf 1 2 3\n"));
        // CityGML with a roof texture
        QImage roof(16, 16, QImage::Format_RGB32);
        roof.fill(Qt::red);
        QDir().mkpath(m_www + QStringLiteral("/gml/tex"));
        QVERIFY(roof.save(m_www + QStringLiteral("/gml/tex/roof.png")));
        QVERIFY(write(m_www + QStringLiteral("/gml/house.gml"),
                      liyuan::test::cityGml2Lod2(QStringLiteral("urn:ogc:def:crs,crs:EPSG::25832,crs:EPSG::7837"), liyuan::test::kCologneE, liyuan::test::kCologneN, 50.0, false,
                                   QStringLiteral("tex/roof.png"))));
        // a shapefile without its .dbf; a .json that is none of the kinds
        QDir().mkpath(m_www + QStringLiteral("/nodbf"));
        for (const char *e : {"shp", "shx", "prj"})
            QVERIFY(QFile::copy(kData + QStringLiteral("/footprints/alexandria_va/buildings.") + QLatin1String(e),
                                m_www + QStringLiteral("/nodbf/buildings.") + QLatin1String(e)));
        QVERIFY(write(m_www + QStringLiteral("/json/other.json"), "{\"hello\": [1, 2, 3]}"));
        QVERIFY(QFile::link(kData + QStringLiteral("/footprints/alexandria_va/buildings.geojson"), m_www + QStringLiteral("/json/buildings.json")));
        QString error;
        // /old/…: nothing but a 302 per file to where it really is (its companions are only there)
        QVERIFY2(m_nginx.start(m_tmp.filePath(QStringLiteral("nginx")), m_www,
                               QStringLiteral("location = /old/duck.gltf { return 302 /gltf/duck.gltf; }\n"
                                              "location = /old/cube.obj { return 302 /obj/cube.obj; }\n"
                                              "location = /old/buildings.shp { return 302 /footprints/alexandria_va/buildings.shp; }"),
                               &error),
                 qPrintable(error));
    }

    void companionsBesideFinalUrl_data()
    {
        QTest::addColumn<QString>("oldPath");
        QTest::addColumn<QString>("path"); // where the 302 leads
        QTest::addColumn<QStringList>("fetched");
        QTest::newRow("gltf-external") << "old/duck.gltf" << "gltf/duck.gltf" << QStringList{"/gltf/bin/duck.bin", "/gltf/tex/image0.png"};
        QTest::newRow("obj-mtl") << "old/cube.obj" << "obj/cube.obj" << QStringList{"/obj/cube.mtl", "/obj/tex/wall.jpg"};
        QTest::newRow("shapefile") << "old/buildings.shp" << "footprints/alexandria_va/buildings.shp"
                                   << QStringList{"/footprints/alexandria_va/buildings.shx", "/footprints/alexandria_va/buildings.dbf"};
    }
    void companionsBesideFinalUrl()
    {
        // a file reached through an HTTP redirect: the files it names are fetched beside the final URL
        QFETCH(QString, oldPath);
        QFETCH(QString, path);
        QFETCH(QStringList, fetched);
        const QString url = m_nginx.url(oldPath);
        const AppRun l = runApp({QStringLiteral("info"), QStringLiteral("--json"), m_www + QLatin1Char('/') + path}, 50000);
        const int logBefore = m_nginx.accessLog().size();
        const AppRun r = runApp({QStringLiteral("info"), QStringLiteral("--json"), QStringLiteral("--disk-cache-dir"),
                                 m_tmp.filePath(QStringLiteral("moved-cache")), url},
                                50000);
        QVERIFY2(l.finished && l.exitCode == 0, l.what().constData());
        QVERIFY2(r.finished && r.exitCode == 0, r.what().constData());
        const QJsonObject li = QJsonDocument::fromJson(l.out.toUtf8()).object();
        const QJsonObject ri = QJsonDocument::fromJson(r.out.toUtf8()).object();
        QCOMPARE(ri.value(QStringLiteral("path")).toString(), url);
        for (const char *k : {"format", "bounds", "crs", "featureCount", "triangles", "meshes"})
            QVERIFY2(ri.value(QLatin1String(k)) == li.value(QLatin1String(k)), qPrintable(QString::fromLatin1(k)));
        const QStringList log = m_nginx.accessLog().mid(logBefore);
        for (const QString &f : fetched)
            QVERIFY2(log.join(QLatin1Char('\n')).contains(f), qPrintable(f + QStringLiteral(" not asked of nginx")));
        for (const QString &line : log)
            if (line.contains(QLatin1String("/old/")))
                QVERIFY2(line.contains(QLatin1Char('/') + oldPath + QLatin1Char(' ')), qPrintable(line)); // no companion asked at the old place
    }

    void byUrlLikeLocal_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("format");
        QTest::addColumn<QStringList>("fetched"); // companions nginx must have been asked for
        QTest::newRow("shapefile") << "footprints/alexandria_va/buildings.shp" << "vector"
                                   << QStringList{"buildings.shx", "buildings.dbf", "buildings.prj", "buildings.cpg", "buildings.qix"};
        QTest::newRow("gltf-external") << "gltf/duck.gltf" << "model" << QStringList{"gltf/bin/duck.bin", "gltf/tex/image0.png", "duck.gltf.geo.json"};
        QTest::newRow("obj-mtl") << "obj/cube.obj" << "model" << QStringList{"obj/cube.mtl", "obj/tex/wall.jpg"};
        QTest::newRow("glb") << "buildings/amsterdamcs.glb" << "model" << QStringList{"amsterdamcs.geo.json"};
        QTest::newRow("ifc") << "buildings/AC11-Institute-Var-2-IFC.ifc" << "model" << QStringList{"AC11-Institute-Var-2-IFC.ifc.geo.json"};
        QTest::newRow("cityjson-textured") << "citymodels/rotterdam/rotterdam_subset.json" << "cityjson"
                                           << QStringList{"rotterdam/appearances/0320_4_15.jpg"};
        QTest::newRow("citygml-textured") << "gml/house.gml" << "citygml" << QStringList{"gml/tex/roof.png"};
        QTest::newRow("geojson-as-json") << "json/buildings.json" << "vector" << QStringList{};
    }
    void byUrlLikeLocal()
    {
        QFETCH(QString, path);
        QFETCH(QString, format);
        QFETCH(QStringList, fetched);
        const QString url = m_nginx.url(path);
        const QString local = m_www + QLatin1Char('/') + path;
        const AppRun l = runApp({QStringLiteral("info"), QStringLiteral("--json"), local}, 50000);
        const AppRun r = runApp({QStringLiteral("info"), QStringLiteral("--json"), QStringLiteral("--disk-cache-dir"),
                                 m_tmp.filePath(QStringLiteral("info-cache")), url},
                                50000);
        QVERIFY2(l.finished && l.exitCode == 0, l.what().constData());
        QVERIFY2(r.finished && r.exitCode == 0, r.what().constData());
        QVERIFY2(!r.out.contains(QLatin1String("liyuan-remote-")) && !r.err.contains(QLatin1String("liyuan-remote-")), r.what().constData());
        QJsonObject li = QJsonDocument::fromJson(l.out.toUtf8()).object();
        QJsonObject ri = QJsonDocument::fromJson(r.out.toUtf8()).object();
        QCOMPARE(ri.value(QStringLiteral("format")).toString().toLower(), format);
        QCOMPARE(ri.value(QStringLiteral("path")).toString(), url);
        for (auto it = li.constBegin(); it != li.constEnd(); ++it) { // the same counts, bounds, CRS …
            if (it.key() == QLatin1String("path") || it.key() == QLatin1String("file") || it.key() == QLatin1String("warnings")
                || it.key() == QLatin1String("layers") || it.key() == QLatin1String("name"))
                continue;
            QVERIFY2(ri.value(it.key()) == it.value(),
                     qPrintable(QStringLiteral("%1: local %2, URL %3")
                                        .arg(it.key(), QString::fromUtf8(QJsonDocument(QJsonObject{{"v", it.value()}}).toJson(QJsonDocument::Compact)),
                                             QString::fromUtf8(QJsonDocument(QJsonObject{{"v", ri.value(it.key())}}).toJson(QJsonDocument::Compact)))));
        }
        const QJsonArray ll = li.value(QStringLiteral("layers")).toArray(), rl = ri.value(QStringLiteral("layers")).toArray();
        QCOMPARE(rl.size(), ll.size());
        for (int i = 0; i < ll.size(); ++i)
            QCOMPARE(rl[i].toObject().value(QStringLiteral("featureCount")), ll[i].toObject().value(QStringLiteral("featureCount")));
        for (const QString &f : fetched)
            QVERIFY2(m_nginx.requestsFor(f) >= 1, qPrintable(f + QStringLiteral(" not asked of nginx")));

        // the real app: a ready layer whose path is the URL; no message names the temporary copy
        const QString name = QStringLiteral("app-") + QString::fromLatin1(QTest::currentDataTag());
        const AppRun app = runApp(common(name) << url, 50000);
        QVERIFY2(app.finished && app.exitCode == 0, app.what().constData());
        QVERIFY2(!app.err.contains(QLatin1String("liyuan-remote-")) && !app.out.contains(QLatin1String("liyuan-remote-")), app.what().constData());
        const QByteArray stateText = readAll(m_tmp.filePath(name + QStringLiteral(".json")));
        QVERIFY2(!stateText.contains("liyuan-remote-"), stateText.constData());
        const QJsonObject state = QJsonDocument::fromJson(stateText).object();
        const QJsonObject layer = stateLayerWithPath(state, url);
        QVERIFY2(!layer.isEmpty(), qPrintable(QJsonDocument(state.value(QStringLiteral("layers")).toArray()).toJson()));
        QCOMPARE(layer.value(QStringLiteral("status")).toString(), QStringLiteral("ready"));
    }

    void projectSavesUrlsThenOffline()
    {
        const QStringList urls{m_nginx.url(QStringLiteral("footprints/alexandria_va/buildings.shp")),
                               m_nginx.url(QStringLiteral("gltf/duck.gltf")), m_nginx.url(QStringLiteral("obj/cube.obj"))};
        const QString project = m_tmp.filePath(QStringLiteral("urls.liyuan.json"));
        const QString cache = m_tmp.filePath(QStringLiteral("project-cache"));
        QStringList args = common(QStringLiteral("psave"));
        args.last() = cache;
        const AppRun save = runApp(args << QStringLiteral("--save-project") << project << urls, 50000);
        QVERIFY2(save.finished && save.exitCode == 0, save.what().constData());
        const QByteArray text = readAll(project);
        for (const QString &u : urls)
            QVERIFY2(text.contains(u.toUtf8()), text.constData());
        QVERIFY2(!text.contains("liyuan-remote-"), text.constData());
        // --offline: everything from the disk cache, not one request
        const int requests = m_nginx.accessLog().size();
        args = common(QStringLiteral("poffline"));
        args.last() = cache;
        const AppRun off = runApp(args << QStringLiteral("--offline") << project, 50000);
        QVERIFY2(off.finished && off.exitCode == 0, off.what().constData());
        QCOMPARE(m_nginx.accessLog().size(), requests);
        const QJsonObject state = readJson(m_tmp.filePath(QStringLiteral("poffline.json")));
        for (const QString &u : urls)
            QVERIFY2(stateLayerWithPath(state, u).value(QStringLiteral("status")).toString() == QLatin1String("ready"), qPrintable(u));
    }

    void hostile_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QStringList>("expected"); // on stderr, all of them
        QTest::newRow("shapefile-without-dbf") << "nodbf/buildings.shp"
                                               << QStringList{"nodbf/buildings.shp: its sidecar", "nodbf/buildings.dbf", "HTTP 404"};
        QTest::newRow("gltf-buffer-404") << "gltf/missingbuffer.gltf"
                                         << QStringList{"gltf/missingbuffer.gltf: its buffer", "gltf/bin/nope.bin", "HTTP 404"};
        QTest::newRow("gltf-escapes-folder") << "gltf/escape.gltf"
                                             << QStringList{"gltf/escape.gltf: its buffer \"../../etc/passwd\"", "leaving its folder"};
        QTest::newRow("gltf-absolute-uri") << "gltf/absolute.gltf" << QStringList{"gltf/absolute.gltf: its buffer", "absolute URI"};
        QTest::newRow("gltf-absolute-path") << "gltf/rootpath.gltf" << QStringList{"gltf/rootpath.gltf: its buffer", "absolute path"};
        QTest::newRow("gltf-backslash-escape") << "gltf/backslash.gltf" << QStringList{"gltf/backslash.gltf: its buffer", "leaving its folder"};
        QTest::newRow("obj-mtllib-escapes") << "obj/escape.obj"
                                            << QStringList{"obj/escape.obj: its material library \"../../secret.mtl\"", "leaving its folder"};
        QTest::newRow("json-neither") << "json/other.json"
                                      << QStringList{"json/other.json: neither a 3D Tiles tileset", "CityJSON", "GeoJSON"};
        QTest::newRow("model-404") << "gltf/nope.glb" << QStringList{"gltf/nope.glb: HTTP 404"};
    }
    void hostile()
    {
        QFETCH(QString, path);
        QFETCH(QStringList, expected);
        const QString url = m_nginx.url(path);
        const QString prefix = m_nginx.url();
        const QString name = QStringLiteral("bad-") + QString::fromLatin1(QTest::currentDataTag());
        const AppRun app = runApp(common(name) << url, 50000);
        QVERIFY2(app.finished && app.exitCode == 2, app.what().constData()); // README: 2, a PATH that does not open
        for (const QString &e : expected)
            QVERIFY2(app.err.contains(e.startsWith(QLatin1String("HTTP")) || !e.contains(QLatin1Char('/')) ? e : prefix + e), app.what().constData());
        QVERIFY2(!app.err.contains(QLatin1String("liyuan-remote-")), app.what().constData());
        const AppRun info = runApp({QStringLiteral("info"), QStringLiteral("--disk-cache-dir"), m_tmp.filePath(QStringLiteral("info-cache")), url}, 50000);
        QVERIFY2(info.finished && info.exitCode == 2, info.what().constData());
        QVERIFY2(info.err.contains(prefix + expected.first().section(QLatin1Char(':'), 0, 0)), info.what().constData());
    }
};

QTEST_GUILESS_MAIN(TestAnyUrlApp)
#include "tst_anyurlapp.moc"
