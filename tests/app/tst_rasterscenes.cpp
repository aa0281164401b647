// Real-world rasters and a metric frame, through the real app (xvfb-run): a GeoJSON or a
// Shapefile in lon/lat opened alone is drawn in a UTM frame where gdaltransform puts it; a DEM
// in EPSG:4326 is terrain of its real size; a one-band Byte image is imagery, a flat plane;
// `PATH#terrain`, `--as` and the layer panel's "Show as" buttons override the data's verdict,
// and the choice is saved in the project. Fixtures: the shared Alexandria footprints and DTM,
// the shared WebODM orthophoto, turned by gdalwarp / gdal_translate here.
#include "TestRequire.h"
#include "AppRunner.h"

#include <QDir>
#include <QRegularExpression>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardPaths>
#include <QTemporaryDir>

#include <algorithm>
#include <cmath>
#include <functional>

namespace {

const QString kData = QStringLiteral(LIYUAN_SHARED_DATA);
const QString kFootprints = kData + QStringLiteral("/footprints/alexandria_va/buildings");
const QString kDtm = kData + QStringLiteral("/gis/alexandria_va/dtm.tif");
const QString kOrtho = kData + QStringLiteral("/gis/webodm/orthophoto.tif");

QJsonObject readJson(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(f.readAll()).object();
}

QString tool(const QString &program, const QStringList &args, const QByteArray &input, bool *ok)
{
    QProcess p;
    p.start(program, args);
    p.write(input);
    p.closeWriteChannel();
    *ok = p.waitForFinished(120000) && p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
    if (!*ok)
        qWarning() << program << args << p.readAllStandardError();
    return QString::fromUtf8(p.readAllStandardOutput());
}

/** gdaltransform of "x y" lines from one CRS to another; false on failure. */
bool transformPoints(const QString &from, const QString &to, const QList<QPointF> &in, QList<QPointF> *out)
{
    QByteArray text;
    for (const QPointF &p : in)
        text += QByteArray::number(p.x(), 'f', 10) + ' ' + QByteArray::number(p.y(), 'f', 10) + '\n';
    bool ok = false;
    const QStringList lines = tool(QStringLiteral("gdaltransform"), {"-s_srs", from, "-t_srs", to}, text, &ok)
                                      .split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    if (!ok || lines.size() != in.size())
        return false;
    for (const QString &l : lines) {
        const QStringList v = l.simplified().split(QLatin1Char(' '));
        out->append(QPointF(v.value(0).toDouble(), v.value(1).toDouble()));
    }
    return true;
}

QJsonObject layerOf(const QJsonObject &state, int index = 0)
{
    return state[QStringLiteral("layers")].toArray().at(index).toObject();
}

} // namespace

class TestRasterScenes : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString file(const QString &name) const { return m_dir.filePath(name); }

    /** Runs the app on args with a screenshot and a state; QVERIFY-fails on a bad run. */
    QJsonObject shoot(const QString &name, const QStringList &args, QString *stdoutText = nullptr)
    {
        const QString json = file(name + ".json");
        QFile::remove(json);
        const AppRun r = runApp(QStringList{"--screenshot", file(name + ".png"), "--size", "640x480", "--state-json", json}
                                        + args,
                                180000);
        if (stdoutText)
            *stdoutText = r.out + r.err;
        if (r.exitCode != 0)
            qWarning().noquote() << r.what();
        return r.exitCode == 0 ? readJson(json) : QJsonObject{};
    }

    static void verifyDrawn(const QJsonObject &st)
    {
        const QJsonObject tiles = st["tiles"].toObject();
        QVERIFY2(tiles["drawn"].toInt() > 0, "tiles are drawn");
        QVERIFY2(tiles["triangles"].toDouble() > 0, "triangles are drawn");
        QVERIFY2(tiles["settled"].toBool(), "the view settles");
        QCOMPARE(tiles["pending"].toInt(), 0);
    }

    /** The scene frame is a metric projected one, its CRS as given. */
    static void verifyMetricFrame(const QJsonObject &st, const QString &authority)
    {
        const QJsonObject f = st["sceneFrame"].toObject();
        QCOMPARE(f["kind"].toString(), QStringLiteral("projected"));
        QCOMPARE(f["authority"].toString(), authority);
        QVERIFY2(f["proj"].toString().contains("+units=m"), qPrintable(f["proj"].toString()));
    }

private slots:
    void initTestCase()
    {
        if (qEnvironmentVariableIsEmpty("DISPLAY") && qEnvironmentVariable("QT_QPA_PLATFORM") != "offscreen")
            LIYUAN_SKIP("no display: run under xvfb-run");
        if (!QFileInfo::exists(kDtm) || !QFileInfo::exists(kOrtho) || !QFileInfo::exists(kFootprints + ".geojson"))
            LIYUAN_SKIP("shared sample data not found (LIYUAN_SHARED_DATA=" LIYUAN_SHARED_DATA ")");
        for (const char *t : {"gdal_translate", "gdalwarp", "gdaltransform"})
            QVERIFY2(!QStandardPaths::findExecutable(QString::fromLatin1(t)).isEmpty(), t);
        QVERIFY(m_dir.isValid());
        bool ok = false;
        tool("gdalwarp", {"-q", "-t_srs", "EPSG:4326", "-r", "bilinear", kDtm, file("geo_dem.tif")}, {}, &ok);
        QVERIFY(ok);
        tool("gdal_translate", {"-q", "-b", "1", "-ot", "Byte", "-colorinterp", "gray", kOrtho, file("byte.tif")}, {}, &ok);
        QVERIFY(ok);
    }

    /** The 84 Alexandria footprints (RFC 7946 lon/lat) opened alone: drawn, in UTM 18N, where gdaltransform puts them. */
    void footprintsAlone_data()
    {
        QTest::addColumn<QString>("path");
        QTest::newRow("GeoJSON") << kFootprints + ".geojson";
        QTest::newRow("Shapefile in EPSG:4326") << kFootprints + ".shp";
    }

    void footprintsAlone()
    {
        QFETCH(QString, path);
        QString out;
        const QJsonObject st = shoot(QFileInfo(path).suffix(), {path}, &out);
        QVERIFY2(!st.isEmpty(), qPrintable(out));
        QVERIFY2(!out.contains("degenerate"), qPrintable(out));
        for (const QJsonValue &m : st["messages"].toArray())
            QVERIFY2(!m.toString().contains("degenerate"), qPrintable(m.toString()));
        verifyMetricFrame(st, "EPSG:32618");
        verifyDrawn(st);
        const QJsonObject layer = layerOf(st);
        QCOMPARE(layer["status"].toString(), QStringLiteral("ready"));
        QCOMPARE(layer["kind"].toString(), QStringLiteral("vector"));

        // every vertex of the GeoJSON through gdaltransform into the scene CRS: the same box
        QFile f(kFootprints + ".geojson");
        QVERIFY(f.open(QIODevice::ReadOnly));
        QList<QPointF> lonLat;
        std::function<void(const QJsonValue &)> collect = [&](const QJsonValue &v) {
            const QJsonArray a = v.toArray();
            if (a.size() >= 2 && a[0].isDouble() && a[1].isDouble())
                lonLat.append(QPointF(a[0].toDouble(), a[1].toDouble()));
            else
                for (const QJsonValue &c : a)
                    collect(c);
        };
        for (const QJsonValue &feat : QJsonDocument::fromJson(f.readAll())["features"].toArray())
            collect(feat.toObject()["geometry"].toObject()["coordinates"]);
        QVERIFY(lonLat.size() > 84 * 4);
        QList<QPointF> utm;
        QVERIFY(transformPoints("EPSG:4326", "EPSG:32618", lonLat, &utm));
        const QJsonObject o = st["sceneFrame"].toObject()["origin"].toObject();
        const double origin[2] = {o["x"].toDouble(), o["y"].toDouble()};
        double minX = 1e300, minY = 1e300, maxX = -1e300, maxY = -1e300;
        for (const QPointF &p : utm) {
            minX = std::min(minX, p.x() - origin[0]);
            maxX = std::max(maxX, p.x() - origin[0]);
            minY = std::min(minY, p.y() - origin[1]);
            maxY = std::max(maxY, p.y() - origin[1]);
        }
        const QJsonArray b = layer["bounds"].toArray();
        QCOMPARE(b.size(), 6);
        const double d[4] = {b[0].toDouble() - minX, b[1].toDouble() - minY, b[3].toDouble() - maxX, b[4].toDouble() - maxY};
        qInfo("%s: bounds off by %.3f %.3f %.3f %.3f m (%.0f x %.0f m)", qPrintable(QFileInfo(path).fileName()), d[0], d[1],
              d[2], d[3], maxX - minX, maxY - minY);
        for (double v : d)
            QVERIFY2(std::abs(v) < 0.5, "the footprints lie where gdaltransform puts them");
        QVERIFY2(maxX - minX > 300 && maxX - minX < 400, "metres, not degrees");
        QVERIFY2(b[5].toDouble() - b[2].toDouble() > 3, "the footprints are extruded");
    }

    /** A DEM in EPSG:4326 (as SRTM comes): terrain of its real size in UTM 18N, not a needle. */
    void geographicDemAlone()
    {
        const QJsonObject st = shoot("geo_dem", {file("geo_dem.tif")});
        QVERIFY(!st.isEmpty());
        verifyMetricFrame(st, "EPSG:32618");
        verifyDrawn(st);
        const QJsonObject layer = layerOf(st);
        QCOMPARE(layer["kind"].toString(), QStringLiteral("terrain"));
        QCOMPARE(layer["as"].toString(), QString());
        QVERIFY(layer["reason"].toString().contains("Float32"));
        // the raster's edges through gdaltransform (pixel/line → UTM 18N): the same box
        bool ok = false;
        QByteArray pixels;
        const QJsonObject info = QJsonDocument::fromJson(tool("gdalinfo", {"-json", file("geo_dem.tif")}, {}, &ok).toUtf8()).object();
        QVERIFY(ok);
        const int w = info["size"].toArray()[0].toInt(), h = info["size"].toArray()[1].toInt();
        for (int i = 0; i <= 16; ++i) {
            const double t = i / 16.0;
            pixels += QByteArray::number(t * w) + " 0\n" + QByteArray::number(t * w) + ' ' + QByteArray::number(h) + '\n'
                      + "0 " + QByteArray::number(t * h) + '\n' + QByteArray::number(w) + ' ' + QByteArray::number(t * h) + '\n';
        }
        const QStringList lines = tool("gdaltransform", {"-t_srs", "EPSG:32618", file("geo_dem.tif")}, pixels, &ok)
                                          .split('\n', Qt::SkipEmptyParts);
        QVERIFY(ok && lines.size() == 68);
        const QJsonObject o = st["sceneFrame"].toObject()["origin"].toObject();
        const double origin[2] = {o["x"].toDouble(), o["y"].toDouble()};
        double minX = 1e300, minY = 1e300, maxX = -1e300, maxY = -1e300;
        for (const QString &l : lines) {
            const QStringList v = l.simplified().split(' ');
            minX = std::min(minX, v[0].toDouble() - origin[0]);
            maxX = std::max(maxX, v[0].toDouble() - origin[0]);
            minY = std::min(minY, v[1].toDouble() - origin[1]);
            maxY = std::max(maxY, v[1].toDouble() - origin[1]);
        }
        const QJsonArray b = layer["bounds"].toArray();
        QCOMPARE(b.size(), 6);
        for (double v : {b[0].toDouble() - minX, b[1].toDouble() - minY, b[3].toDouble() - maxX, b[4].toDouble() - maxY})
            QVERIFY2(std::abs(v) < 0.5, qPrintable(QStringLiteral("off by %1 m").arg(v)));
        const double width = b[3].toDouble() - b[0].toDouble(), relief = b[5].toDouble() - b[2].toDouble();
        qInfo("geographic DEM: %.1f m wide, %.1f m of relief", width, relief);
        QVERIFY2(width > 540 && width < 600, "566 m of Alexandria, in metres");
        QVERIFY2(relief > 1 && relief < 100, "heights in metres over a metric extent: no needle");
    }

    /** A one-band Byte image: imagery, a flat plane (no skirts), unless the user says terrain. */
    void oneBandImage_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("as");
        QTest::newRow("from the data") << QStringList{"byte.tif"} << "imagery" << "";
        QTest::newRow("PATH#terrain") << QStringList{"byte.tif#terrain"} << "terrain" << "terrain";
        QTest::newRow("--as terrain") << QStringList{"--as", "terrain", "byte.tif"} << "terrain" << "terrain";
        QTest::newRow("--as imagery, PATH#terrain wins") << QStringList{"--as", "imagery", "byte.tif#terrain"} << "terrain"
                                                         << "terrain";
    }

    void oneBandImage()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, kind);
        QFETCH(QString, as);
        for (QString &a : args)
            if (a.startsWith("byte.tif"))
                a = file(a);
        const QString name = QStringLiteral("byte-%1").arg(QTest::currentDataTag()).replace(QRegularExpression("[^a-z0-9-]"), "_");
        const QString project = file(name + ".liyuan.json");
        const QJsonObject st = shoot(name, args + QStringList{"--save-project", project});
        QVERIFY(!st.isEmpty());
        verifyDrawn(st);
        verifyMetricFrame(st, "EPSG:32615");
        const QJsonObject layer = layerOf(st);
        QCOMPARE(layer["kind"].toString(), kind);
        QCOMPARE(layer["as"].toString(), as);
        QVERIFY2(layer["reason"].toString().contains("Byte"), qPrintable(layer["reason"].toString()));
        const QJsonArray b = layer["bounds"].toArray();
        QCOMPARE(b.size(), 6);
        if (kind == QLatin1String("imagery")) // a flat plane: no skirts hanging below it
            QVERIFY2(b[5].toDouble() - b[2].toDouble() < 0.01, qPrintable(QStringLiteral("%1 m thick").arg(b[5].toDouble() - b[2].toDouble())));
        else // the grey values became heights (the user asked for it)
            QVERIFY(b[5].toDouble() - b[2].toDouble() > 10);
        // saved in the project, and the project opens the same way
        const QJsonObject saved = readJson(project)["layers"].toArray()[0].toObject();
        QCOMPARE(saved["as"].toString(), as);
        if (!as.isEmpty()) {
            const QJsonObject again = shoot(name + "-again", {project});
            QCOMPARE(layerOf(again)["kind"].toString(), kind);
            QCOMPARE(layerOf(again)["as"].toString(), as);
        }
    }

    /** The layer panel's "Show as" buttons switch a raster between terrain and imagery and rebuild it. */
    void layerPanelSwitchesKind()
    {
        const QString script = file("switch.input");
        QFile f(script);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("click #layerExpand_byte\nsettle\nclick #layerAs_terrain_byte\nsettle\n");
        f.close();
        const QString project = file("switch.liyuan.json");
        const QJsonObject st = shoot("switch", {"--input", script, "--save-project", project, file("byte.tif")});
        QVERIFY(!st.isEmpty());
        verifyDrawn(st);
        QCOMPARE(layerOf(st)["kind"].toString(), QStringLiteral("terrain"));
        QCOMPARE(layerOf(st)["as"].toString(), QStringLiteral("terrain"));
        QCOMPARE(readJson(project)["layers"].toArray()[0].toObject()["as"].toString(), QStringLiteral("terrain"));

        // and back to what the data says
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("click #layerExpand_byte\nsettle\nclick #layerAs_auto_byte\nsettle\n");
        f.close();
        const QJsonObject back = shoot("switch-back", {"--input", script, project});
        QVERIFY(!back.isEmpty());
        verifyDrawn(back);
        QCOMPARE(layerOf(back)["kind"].toString(), QStringLiteral("imagery"));
        QCOMPARE(layerOf(back)["as"].toString(), QString());
    }

    /** #imagery on a vector file: it opens as a vector, and the message area says the suffix does not apply. */
    void suffixOnAVector()
    {
        const QJsonObject st = shoot("suffix-vector", {kFootprints + ".geojson#imagery"});
        QVERIFY(!st.isEmpty());
        QCOMPARE(layerOf(st)["kind"].toString(), QStringLiteral("vector"));
        bool said = false;
        for (const QJsonValue &m : st["messages"].toArray())
            said = said || (m.toString().contains("buildings.geojson") && m.toString().contains("not a raster"));
        QVERIFY2(said, qPrintable(QJsonDocument(st["messages"].toArray()).toJson()));
    }

    /** A project whose "as" is neither word: a message naming the file, the data decides. */
    void projectWithABadAs()
    {
        const QString project = file("bad-as.liyuan.json");
        QFile f(project);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QJsonDocument(QJsonObject{{"format", "liyuan-project"},
                                          {"version", 1},
                                          {"layers", QJsonArray{QJsonObject{{"id", "byte"}, {"path", "byte.tif"}, {"as", "dem"}}}}})
                        .toJson());
        f.close();
        const QJsonObject st = shoot("bad-as", {project});
        QVERIFY(!st.isEmpty());
        QCOMPARE(layerOf(st)["kind"].toString(), QStringLiteral("imagery"));
        bool said = false;
        for (const QJsonValue &m : st["messages"].toArray())
            said = said || (m.toString().contains("byte.tif") && m.toString().contains("\"dem\""));
        QVERIFY2(said, qPrintable(QJsonDocument(st["messages"].toArray()).toJson()));
    }
};

QTEST_GUILESS_MAIN(TestRasterScenes)
#include "tst_rasterscenes.moc"
