// Render tests: the real app in a real window (xvfb-run), screenshots of the real sample and
// of the generated demo district, checked for coverage and texture; hostile datasets.
#include "TestRequire.h"
#include "AppRunner.h"
#include "CityGmlFixtures.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QImage>
#include <QQuaternion>
#include <QVector3D>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QStandardPaths>
#include <QTemporaryDir>

#include <algorithm>
#include <cmath>

namespace {
const QString kSample = QStringLiteral(LIYUAN_SHARED_DATA "/osgb/Production_5");
const QColor kSky(0x9d, 0xb8, 0xd2); // the viewer's clear colour

struct ImageStats
{
    double coverage = 0;  ///< fraction of pixels that are not sky
    int distinctColors = 0;
    double lumaStdDev = 0;
};

ImageStats analyse(const QImage &img)
{
    ImageStats s;
    QSet<QRgb> colors;
    qint64 covered = 0, n = 0;
    double sum = 0, sum2 = 0;
    for (int y = 0; y < img.height(); ++y) {
        for (int x = 0; x < img.width(); ++x) {
            const QColor c = img.pixelColor(x, y);
            ++n;
            const bool sky = std::abs(c.red() - kSky.red()) <= 3 && std::abs(c.green() - kSky.green()) <= 3
                             && std::abs(c.blue() - kSky.blue()) <= 3;
            if (sky)
                continue;
            ++covered;
            colors.insert(c.rgb() & 0xF8F8F8);
            const double l = 0.299 * c.red() + 0.587 * c.green() + 0.114 * c.blue();
            sum += l;
            sum2 += l * l;
        }
    }
    s.coverage = double(covered) / std::max<qint64>(1, n);
    s.distinctColors = colors.size();
    if (covered > 0) {
        const double mean = sum / covered;
        s.lumaStdDev = std::sqrt(std::max(0.0, sum2 / covered - mean * mean));
    }
    return s;
}

QJsonObject readJson(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(f.readAll()).object();
}

/** A camera path looking straight down (identity = looking down −Z, +Y up) from a height. */
QString writeTopDownPath(const QString &dir, double x, double y, double z)
{
    const QString path = dir + "/topdown.path";
    QFile f(path);
    f.open(QIODevice::WriteOnly);
    f.write(QStringLiteral("0 %1 %2 %3 0 0 0 1\n1 %1 %2 %3 0 0 0 1\n").arg(x, 0, 'f', 3).arg(y, 0, 'f', 3).arg(z, 0, 'f', 3).toUtf8());
    return path;
}

/** Sample tile centre (local frame) from `liyuan info --json`. */
bool sampleCenter(double *x, double *y, double *zTop)
{
    const AppRun r = runApp({"info", "--json", kSample});
    const QJsonObject o = QJsonDocument::fromJson(r.out.toUtf8()).object();
    const QJsonObject b = o["boundsLocal"].toObject();
    if (b.isEmpty())
        return false;
    const QJsonObject mn = b["min"].toObject(), mx = b["max"].toObject();
    *x = 0.5 * (mn["x"].toDouble() + mx["x"].toDouble());
    *y = 0.5 * (mn["y"].toDouble() + mx["y"].toDouble());
    *zTop = mx["z"].toDouble();
    return true;
}

/**
 * A 20 m box standing on the origin (scene x, y −10..10, z 0..20) as an OBJ (Y up) with its
 * material library; faces share their corners and there are no normals (the reader makes
 * them). `eastMaterial` paints the model's +x face: "grey" like the rest, or "red".
 */
bool writeBox(const QString &dir, const QByteArray &eastMaterial)
{
    QFile mtl(dir + "/box.mtl"), obj(dir + "/box.obj");
    if (!mtl.open(QIODevice::WriteOnly) || !obj.open(QIODevice::WriteOnly))
        return false;
    mtl.write("newmtl grey\nKd 0.8 0.8 0.8\nnewmtl red\nKd 0.8 0.2 0.2\n");
    QByteArray o = "mtllib box.mtl\no box\n";
    for (int k = 0; k < 8; ++k) // OBJ (x, y, z) is scene (x, −z, y)
        o += QByteArray("v ") + (k & 1 ? "10" : "-10") + (k & 2 ? " 20" : " 0") + (k & 4 ? " 10\n" : " -10\n");
    const int quads[6][4] = {{0, 1, 3, 2}, {4, 6, 7, 5}, {0, 4, 5, 1}, {2, 3, 7, 6}, {0, 2, 6, 4}, {1, 5, 7, 3}};
    for (int f = 0; f < 6; ++f) {
        o += "usemtl " + (f == 5 ? eastMaterial : QByteArray("grey")) + "\n"; // quad 5: x = +10
        o += "f";
        for (int i : quads[f])
            o += ' ' + QByteArray::number(i + 1);
        o += '\n';
    }
    return obj.write(o) == o.size();
}

/** Camera path (two equal keys) at eye looking at target, Z up. */
QString writeLookAt(const QString &file, const QVector3D &eye, const QVector3D &target)
{
    const QVector3D forward = (target - eye).normalized();
    const QVector3D right = QVector3D::crossProduct(forward, QVector3D(0, 0, 1)).normalized();
    const QVector3D up = QVector3D::crossProduct(right, forward);
    const QQuaternion q = QQuaternion::fromAxes(right, up, -forward); // identity looks down −Z, +Y up
    QFile f(file);
    f.open(QIODevice::WriteOnly);
    for (int t = 0; t < 2; ++t)
        f.write(QStringLiteral("%1 %2 %3 %4 %5 %6 %7 %8\n").arg(t).arg(eye.x()).arg(eye.y()).arg(eye.z())
                    .arg(q.x(), 0, 'g', 9).arg(q.y(), 0, 'g', 9).arg(q.z(), 0, 'g', 9).arg(q.scalar(), 0, 'g', 9).toUtf8());
    return file;
}

/** Where a scene point lands in a w × h screenshot from that camera (45° vertical field of view). */
QPoint project(const QVector3D &p, const QVector3D &eye, const QVector3D &target, int w, int h)
{
    const QVector3D forward = (target - eye).normalized();
    const QVector3D right = QVector3D::crossProduct(forward, QVector3D(0, 0, 1)).normalized();
    const QVector3D up = QVector3D::crossProduct(right, forward);
    const QVector3D d = p - eye;
    const double t = std::tan(22.5 * M_PI / 180.0), depth = QVector3D::dotProduct(d, forward);
    return QPoint(int(std::lround(w / 2.0 + QVector3D::dotProduct(d, right) / depth / t * h / 2.0)),
                  int(std::lround(h / 2.0 - QVector3D::dotProduct(d, up) / depth / t * h / 2.0)));
}

/** Mean colour of the 11 × 11 pixels around c, and their largest deviation from it (grey levels). */
QColor patch(const QImage &img, QPoint c, int *spread)
{
    double sum[3] = {0, 0, 0};
    int n = 0;
    for (int y = c.y() - 5; y <= c.y() + 5; ++y)
        for (int x = c.x() - 5; x <= c.x() + 5; ++x, ++n) {
            const QColor p = img.pixelColor(x, y);
            sum[0] += p.red(); sum[1] += p.green(); sum[2] += p.blue();
        }
    const QColor mean(int(std::lround(sum[0] / n)), int(std::lround(sum[1] / n)), int(std::lround(sum[2] / n)));
    *spread = 0;
    for (int y = c.y() - 5; y <= c.y() + 5; ++y)
        for (int x = c.x() - 5; x <= c.x() + 5; ++x) {
            const QColor p = img.pixelColor(x, y);
            *spread = std::max({*spread, std::abs(p.red() - mean.red()), std::abs(p.green() - mean.green()),
                                std::abs(p.blue() - mean.blue())});
        }
    return mean;
}

int luma(const QColor &c) { return qGray(c.rgb()); }
} // namespace

class tst_Render : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QTemporaryDir m_demo; // the generated demo district, shared by the tests that need it

    /** The environment that opens the shared demo district, generated first when a test runs alone. */
    QProcessEnvironment demoEnvironment(QString *failure)
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert("LIYUAN_DEMO_DIR", m_demo.filePath("district"));
        if (!QFileInfo::exists(m_demo.filePath("district/demo.liyuan.json"))) {
            const AppRun g = runApp({"--screenshot", m_dir.filePath("demo-gen.png"), "--size", "320x240"}, 300000, env);
            if (g.exitCode != 0)
                *failure = QString::fromLocal8Bit(g.what());
        }
        return env;
    }

private slots:
    void initTestCase()
    {
        if (qEnvironmentVariableIsEmpty("DISPLAY") && qEnvironmentVariable("QT_QPA_PLATFORM") != "offscreen")
            LIYUAN_SKIP("no display: run under xvfb-run");
    }

    void homeViewOfTheSample()
    {
        if (!QFileInfo::exists(kSample))
            LIYUAN_SKIP("shared sample data not found");
        const QString png = m_dir.filePath("home.png"), json = m_dir.filePath("home.json");
        const AppRun r = runApp({"--screenshot", png, "--size", "800x450", "--state-json", json, "--timeout", "120", kSample}, 180000);
        QVERIFY2(r.exitCode == 0, r.what().constData());
        QVERIFY2(r.out.contains("tiles drawn") && r.out.contains("triangles") && r.out.contains("settled yes"), qPrintable(r.out));
        const QImage img(png);
        QCOMPARE(img.size(), QSize(800, 450));
        const ImageStats s = analyse(img);
        qInfo("home: coverage %.2f, colours %d, luma sd %.1f", s.coverage, s.distinctColors, s.lumaStdDev);
        QVERIFY2(s.coverage > 0.25, "the Home view frames the data");
        QVERIFY2(s.distinctColors > 1500 && s.lumaStdDev > 15, "textured, not flat colour");
        const QJsonObject st = readJson(json);
        QVERIFY(st["datasets"].toArray()[0].toObject()["crs"].toObject()["proj"].toString().contains("+lon_0=113.37"));
        const QJsonObject tiles = st["tiles"].toObject();
        QVERIFY(tiles["drawn"].toInt() >= 3);
        QCOMPARE(tiles["litMeshesDrawn"].toInt(), 0); // photogrammetry is drawn as captured
        QCOMPARE(tiles["pending"].toInt(), 0);
        QVERIFY(tiles["settled"].toBool());
        const QJsonObject ll = st["camera"].toObject()["lonLatHeight"].toObject();
        QVERIFY(std::abs(ll["lat"].toDouble() - 22.5) < 0.05 && std::abs(ll["lon"].toDouble() - 113.38) < 0.05);
    }

    void closeViewFillsTheFrameAndRefines()
    {
        if (!QFileInfo::exists(kSample))
            LIYUAN_SKIP("shared sample data not found");
        double x, y, top;
        QVERIFY(sampleCenter(&x, &y, &top));
        const QString path = writeTopDownPath(m_dir.path(), x, y, top + 20);
        const QString png = m_dir.filePath("close.png"), json = m_dir.filePath("close.json");
        const AppRun r = runApp({"--screenshot", png, "--size", "800x600", "--camera-path", path, "--state-json", json, kSample}, 180000);
        QVERIFY2(r.exitCode == 0, r.what().constData());
        const ImageStats s = analyse(QImage(png));
        qInfo("close: coverage %.2f, colours %d, luma sd %.1f", s.coverage, s.distinctColors, s.lumaStdDev);
        QVERIFY2(s.coverage > 0.9, "the mesh fills the frame");
        QVERIFY2(s.distinctColors > 3000 && s.lumaStdDev > 15, "textured, not flat colour");
        const QJsonObject st = readJson(json);
        const QJsonObject home = readJson(m_dir.filePath("home.json"));
        QVERIFY(st["tiles"].toObject()["settled"].toBool());
        if (!home.isEmpty())
            QVERIFY2(st["tiles"].toObject()["maxDepthDrawn"].toInt() > home["tiles"].toObject()["maxDepthDrawn"].toInt(),
                     "closer views draw finer levels");
        QVERIFY2(st["tiles"].toObject()["maxDepthDrawn"].toInt() >= 4, "L18 or finer up close");
        // the finest files reference absent L20 children: reported with their names, never retried
        for (const QJsonValue &f : st["tiles"].toObject()["failed"].toArray())
            QVERIFY(f.toObject()["file"].toString().contains("_L20_"));
        const QJsonObject cam = st["camera"].toObject()["local"].toObject();
        QVERIFY(std::abs(cam["x"].toDouble() - x) < 0.01 && std::abs(cam["z"].toDouble() - (top + 20)) < 0.01);
    }

    void corruptTileIsReportedAndTheRestDraws()
    {
        if (!QFileInfo::exists(kSample))
            LIYUAN_SKIP("shared sample data not found");
        // copy the sample, cut one L15 file in half
        QTemporaryDir copy;
        const QString src = kSample;
        QDir().mkpath(copy.filePath("Data"));
        QFile::copy(src + "/metadata.xml", copy.filePath("metadata.xml"));
        for (const QString &t : QDir(src + "/Data").entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
            QDir().mkpath(copy.filePath("Data/" + t));
            for (const QString &f : QDir(src + "/Data/" + t).entryList(QDir::Files))
                QFile::copy(src + "/Data/" + t + "/" + f, copy.filePath("Data/" + t + "/" + f));
        }
        const QString victim = copy.filePath("Data/Tile_+000_+013/Tile_+000_+013_L15_0u.osgb");
        QFile v(victim);
        QVERIFY(v.open(QIODevice::ReadWrite));
        QVERIFY(v.resize(v.size() / 2));
        v.close();
        double x, y, top;
        QVERIFY(sampleCenter(&x, &y, &top));
        const QString path = writeTopDownPath(m_dir.path(), x, y, top + 25);
        const QString png = m_dir.filePath("corrupt.png"), json = m_dir.filePath("corrupt.json");
        const AppRun r = runApp({"--screenshot", png, "--size", "640x480", "--camera-path", path, "--state-json", json, copy.path()}, 180000);
        QVERIFY2(r.exitCode == 0, r.what().constData());
        QVERIFY2(r.err.contains("Tile_+000_+013_L15_0u.osgb"), "reported by name");
        QCOMPARE(r.err.count("Tile_+000_+013_L15_0u.osgb"), 1); // once
        const QJsonObject st = readJson(json);
        bool listed = false;
        for (const QJsonValue &f : st["tiles"].toObject()["failed"].toArray())
            listed = listed || f.toObject()["file"].toString() == QDir::cleanPath(victim);
        QVERIFY(listed);
        QVERIFY2(analyse(QImage(png)).coverage > 0.8, "the parent stays drawn where the child failed");
    }

    void framesAlongACameraPath()
    {
        if (!QFileInfo::exists(kSample))
            LIYUAN_SKIP("shared sample data not found");
        double x, y, top;
        QVERIFY(sampleCenter(&x, &y, &top));
        const QString path = m_dir.filePath("flight.path");
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QStringLiteral("0 %1 %2 %3 0 0 0 1\n2 %1 %4 %5 0 0 0 1\n").arg(x).arg(y - 100).arg(top + 400).arg(y + 100).arg(top + 60).toUtf8());
        f.close();
        const QString json = m_dir.filePath("frames.json");
        const AppRun r = runApp({"--frames", "40", "--camera-path", path, "--size", "640x360", "--state-json", json, kSample}, 180000);
        QVERIFY2(r.exitCode == 0, r.what().constData());
        QVERIFY2(r.out.contains("p50") && r.out.contains("p95") && r.out.contains("peak RSS"), qPrintable(r.out));
        const QJsonObject st = readJson(json);
        const QJsonObject fr = st["frames"].toObject();
        QVERIFY(fr["count"].toInt() >= 39);
        const double p50 = fr["p50Ms"].toDouble(-1), p95 = fr["p95Ms"].toDouble(-1), mx = fr["maxMs"].toDouble(-1);
        qInfo("frames: p50 %.2f p95 %.2f max %.2f ms, tiles loaded %d, peak RSS %.0f MB", p50, p95, mx,
              fr["tilesLoaded"].toInt(-1), fr["peakRssMB"].toDouble(-1));
        QVERIFY2(p50 > 0 && p50 <= p95 && p95 <= mx, "0 < p50 <= p95 <= max");
        QVERIFY2(mx < 60000, "a frame took longer than a minute");
        QVERIFY2(fr["wallSeconds"].toDouble() > 0, "wall time measured");
        QVERIFY2(fr["tilesLoaded"].toInt() > 0, "tiles were loaded during the flight");
        QVERIFY2(fr["peakRssMB"].toDouble() > 20 && fr["peakRssMB"].toDouble() < 24 * 1024, "peak RSS present and plausible");
        // the printed line carries the same figures
        QVERIFY2(r.out.contains(QStringLiteral("p50 %1").arg(p50, 0, 'f', 2)), qPrintable(r.out));
    }

    void demoDistrictByDefault()
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert("LIYUAN_DEMO_DIR", m_demo.filePath("district"));
        const QString png = m_dir.filePath("demo.png"), json = m_dir.filePath("demo.json");
        const AppRun r = runApp({"--screenshot", png, "--size", "960x540", "--state-json", json}, 300000, env);
        QVERIFY2(r.exitCode == 0, r.what().constData());
        const ImageStats s = analyse(QImage(png));
        qInfo("demo: coverage %.2f, colours %d, luma sd %.1f", s.coverage, s.distinctColors, s.lumaStdDev);
        QVERIFY2(s.coverage > 0.25, "the Home view frames the demo district");
        QVERIFY2(s.distinctColors > 300 && s.lumaStdDev > 10, "textured, not flat colour");
        const QJsonObject st = readJson(json);
        QCOMPARE(st["sceneFrame"].toObject()["authority"].toString(), QStringLiteral("EPSG:4549"));
        // the demo opens as a project: photogrammetry, terrain, orthophoto, zones, buildings, streets, POIs
        QStringList kinds;
        for (const QJsonValue &l : st["layers"].toArray())
            kinds << l.toObject()["kind"].toString();
        for (const char *k : {"photogrammetry", "terrain", "imagery", "vector", "points"})
            QVERIFY2(kinds.contains(QLatin1String(k)), qPrintable(kinds.join(',')));
        for (const QJsonValue &l : st["layers"].toArray())
            QCOMPARE(l.toObject()["status"].toString(), QStringLiteral("ready"));
        const QJsonObject ll = st["camera"].toObject()["lonLatHeight"].toObject();
        QVERIFY(std::abs(ll["lat"].toDouble() - 36.06) < 0.05 && std::abs(ll["lon"].toDouble() - 120.32) < 0.05);
        QVERIFY(st["tiles"].toObject()["settled"].toBool());
    }

    void drillDownTheDemoTower()
    {
        // photogrammetry sliced by the registry's floor elevations: focus, explode, isolate
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert("LIYUAN_DEMO_DIR", m_demo.filePath("district"));
        auto shot = [&](const QStringList &drill, const QString &name, QJsonObject *state) {
            const QString png = m_dir.filePath(name + ".png"), json = m_dir.filePath(name + ".json");
            const AppRun r = runApp(QStringList{"--screenshot", png, "--size", "800x600", "--state-json", json} + drill, 300000, env);
            if (r.exitCode != 0)
                qWarning("%s", qPrintable(r.err));
            *state = readJson(json);
            return QImage(png).convertToFormat(QImage::Format_RGB32);
        };
        QJsonObject focused, exploded, floor;
        const QImage a = shot({"--focus", "tower"}, "drill-focus", &focused);
        const QImage b = shot({"--focus", "tower", "--explode"}, "drill-explode", &exploded);
        const QImage c = shot({"--focus", "tower/12", "--explode"}, "drill-floor", &floor);
        QVERIFY(!a.isNull() && !b.isNull() && !c.isNull());
        QCOMPARE(focused["drill"].toObject()["state"].toString(), QStringLiteral("building"));
        QCOMPARE(focused["drill"].toObject()["floors"].toInt(), 24);
        QCOMPARE(focused["drill"].toObject()["floorSource"].toString(), QStringLiteral("registry"));
        QCOMPARE(exploded["drill"].toObject()["state"].toString(), QStringLiteral("exploded"));
        QVERIFY(exploded["drill"].toObject()["slices"].toInt() >= 24);
        const QJsonObject f = floor["drill"].toObject();
        QCOMPARE(f["state"].toString(), QStringLiteral("floor"));
        QCOMPARE(f["floor"].toInt(), 12);
        QCOMPARE(f["breadcrumbs"].toArray().size(), 4); // district › block › building › floor
        QVERIFY(exploded["tiles"].toObject()["settled"].toBool());
        // the slices are drawn where the floors are: every floor has triangles cut from the
        // photogrammetry inside its own height band and over the tower's footprint, each floor
        // lifted one gap more than the one below
        const QJsonArray floors = exploded["drill"].toObject()["sliceFloors"].toArray();
        QCOMPARE(floors.size(), 24);
        const QJsonArray fb = exploded["drill"].toObject()["footprintBounds"].toArray();
        QCOMPARE(fb.size(), 4);
        const QRectF footprint(QPointF(fb[0].toDouble(), fb[1].toDouble()), QPointF(fb[2].toDouble(), fb[3].toDouble()));
        double gap = -1;
        for (int i = 0; i < floors.size(); ++i) {
            const QJsonObject fl = floors[i].toObject();
            const QByteArray what = QJsonDocument(fl).toJson(QJsonDocument::Compact);
            QVERIFY2(fl["slices"].toInt() >= 1 && fl["triangles"].toInt() > 0, what.constData());
            QVERIFY2(fl["shown"].toBool() && !fl["ghost"].toBool(), what.constData());
            const double base = fl["base"].toDouble(), height = fl["height"].toDouble();
            if (i > 0) { // floors stack without gaps
                const QJsonObject below = floors[i - 1].toObject();
                QVERIFY2(std::abs(below["base"].toDouble() + below["height"].toDouble() - base) < 0.01, what.constData());
            }
            // the band kept: the floor's own storey (the lowest down to the ground, the top one past the roof)
            QVERIFY2(std::abs(fl["z0"].toDouble() - (i == 0 ? base - 50 : base)) < 0.01, what.constData());
            QVERIFY2(std::abs(fl["z1"].toDouble() - (i == 23 ? base + height + 200 : base + height)) < 0.01, what.constData());
            // the triangles cut for it meet that band and lie over the footprint
            const QJsonArray lo = fl["boundsMin"].toArray(), hi = fl["boundsMax"].toArray();
            QVERIFY2(hi[2].toDouble() >= fl["z0"].toDouble() - 0.5 && lo[2].toDouble() <= fl["z1"].toDouble() + 0.5,
                     what.constData());
            const QRectF cut(QPointF(lo[0].toDouble(), lo[1].toDouble()), QPointF(hi[0].toDouble(), hi[1].toDouble()));
            QVERIFY2(cut.intersects(footprint), what.constData());
            QVERIFY2(footprint.adjusted(-15, -15, 15, 15).contains(cut), what.constData());
            // exploded: floor i is lifted i gaps
            if (i == 1)
                gap = fl["lift"].toDouble();
            QVERIFY2(std::abs(fl["lift"].toDouble() - i * gap) < 1e-6, what.constData());
        }
        QVERIFY2(gap > 0, "exploded floors are lifted apart");
        // floor 12 isolated: only its slices are shown, cut open above the floor
        const QJsonArray isolated = f["sliceFloors"].toArray();
        QCOMPARE(isolated.size(), 24);
        for (const QJsonValue &v : isolated) {
            const QJsonObject fl = v.toObject();
            const QByteArray what = QJsonDocument(fl).toJson(QJsonDocument::Compact);
            if (fl["floor"].toInt() == 12) {
                QVERIFY2(fl["shown"].toBool() && fl["triangles"].toInt() > 0, what.constData());
                const double cutAt = fl["z1"].toDouble() - fl["base"].toDouble();
                QVERIFY2(cutAt > 0.5 && cutAt < fl["height"].toDouble(), what.constData());
            } else {
                QVERIFY2(!fl["shown"].toBool() || fl["ghost"].toBool(), what.constData());
            }
        }
        // focus fades the district: the corners lose their colour
        auto saturation = [](const QImage &img, QRect r) {
            double sum = 0;
            int n = 0;
            for (int y = r.top(); y <= r.bottom(); y += 4)
                for (int x = r.left(); x <= r.right(); x += 4) {
                    sum += QColor(img.pixel(x, y)).hsvSaturationF();
                    ++n;
                }
            return sum / std::max(1, n);
        };
        const double corner = saturation(a, QRect(0, 0, 160, 120));
        qInfo("focused corner saturation %.3f", corner);
        QVERIFY2(corner < 0.15, "the district around the focused building is faded");
        // exploding changes what is drawn around the tower (same camera for building and exploded
        // except the stack height): the two images differ clearly
        double diff = 0;
        for (int y = 0; y < a.height(); y += 2)
            for (int x = 0; x < a.width(); x += 2)
                diff += std::abs(qGray(a.pixel(x, y)) - qGray(b.pixel(x, y)));
        diff /= (a.width() / 2) * (a.height() / 2);
        qInfo("focus vs explode: mean grey difference %.1f", diff);
        QVERIFY(diff > 3.0);
    }

    void clickAndKeysDrillIntoTheTower()
    {
        // the drill-down as a user drives it (--input: real mouse and key events): a click on the
        // tower's south facade (from the Home view) focuses it; ↑ three times isolates floors 1,
        // 2, 3 (facade hits lie on the footprint's edge: they must still find the building)
        QString failure;
        const QProcessEnvironment env = demoEnvironment(&failure);
        QVERIFY2(failure.isEmpty(), qPrintable(failure));
        const QJsonObject project = readJson(m_demo.filePath("district/demo.liyuan.json"));
        const QJsonObject registry = readJson(m_demo.filePath("district/iot/registry.json"));
        const QJsonArray origin = project["scene"].toObject()["origin"].toArray();
        QCOMPARE(origin.size(), 3);
        double minX = 1e300, maxX = -1e300, minY = 1e300;
        for (const QJsonValue &b : registry["buildings"].toArray()) {
            if (b.toObject()["id"].toString() != "tower")
                continue;
            for (const QJsonValue &p : b.toObject()["footprint"].toArray()) {
                minX = std::min(minX, p.toArray()[0].toDouble());
                maxX = std::max(maxX, p.toArray()[0].toDouble());
                minY = std::min(minY, p.toArray()[1].toDouble());
            }
        }
        QVERIFY(maxX > minX);
        const double x = 0.5 * (minX + maxX) - origin[0].toDouble(), y = minY - origin[1].toDouble();
        const QString script = m_dir.filePath("drill-input.txt"), json = m_dir.filePath("drill-input.json");
        QFile f(script);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QStringLiteral("click @%1,%2,50\nkey Up\nkey Up\nkey Up\n").arg(x, 0, 'f', 3).arg(y, 0, 'f', 3).toUtf8());
        f.close();
        const AppRun r = runApp({"--input", script, "--screenshot", m_dir.filePath("drill-input.png"), "--size", "1280x720",
                                 "--lang", "en", "--state-json", json}, 300000, env);
        QVERIFY2(r.exitCode == 0, r.what().constData());
        const QJsonObject d = readJson(json)["drill"].toObject();
        QCOMPARE(d["building"].toString(), QStringLiteral("tower"));
        QCOMPARE(d["state"].toString(), QStringLiteral("floor"));
        QCOMPARE(d["floor"].toInt(), 3);
        QCOMPARE(d["breadcrumbs"].toArray().size(), 4);
        // the building's own panels, not its tile's attributes
        QVERIFY(!readJson(json).contains("selection"));
    }

    void poiOverlayStaysInsideTheView()
    {
        // a point of interest on the view's top edge (its icon and label would reach into the tool
        // bar) with the interface shown (--input): the tool bar looks exactly as it does with the
        // points hidden (the status line shows changing figures; the same clip holds every edge)
        QString failure;
        const QProcessEnvironment env = demoEnvironment(&failure);
        QVERIFY2(failure.isEmpty(), qPrintable(failure));
        const QString ogr2ogr = QStandardPaths::findExecutable("ogr2ogr");
        LIYUAN_REQUIRE(!ogr2ogr.isEmpty(), "ogr2ogr (gdal-bin) is needed to read the POIs");
        QProcess dump;
        dump.start(ogr2ogr, {"-f", "CSV", "/vsistdout/", m_demo.filePath("district/gis/district.gpkg"), "pois", "-lco",
                             "GEOMETRY=AS_XY"});
        QVERIFY(dump.waitForFinished(60000) && dump.exitCode() == 0);
        const QStringList rows = QString::fromUtf8(dump.readAllStandardOutput()).split('\n', Qt::SkipEmptyParts);
        QVERIFY(rows.size() > 10);
        const QStringList first = rows[1].split(',');
        const double px = first.value(0).toDouble(), py = first.value(1).toDouble();
        QJsonObject project = readJson(m_demo.filePath("district/demo.liyuan.json"));
        const QJsonArray origin = project["scene"].toObject()["origin"].toArray();
        QVERIFY(origin.size() == 3 && px != 0 && py != 0);
        const double x = px - origin[0].toDouble(), y = py - origin[1].toDouble();
        // straight down from 600 m (identity rotation: north up), moved south so the point
        // projects ~15 px above the view's top edge (vertical field of view 45°)
        const double height = 600, viewHalf = 270;
        const double south = (height - 10) * std::tan(22.5 * M_PI / 180) * (1 + 15 / viewHalf);
        const QString path = m_dir.filePath("poi.path"), script = m_dir.filePath("poi-input.txt");
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QStringLiteral("0 %1 %2 %3 0 0 0 1\n").arg(x, 0, 'f', 3).arg(y - south, 0, 'f', 3).arg(height).toUtf8());
        f.close();
        QFile in(script);
        QVERIFY(in.open(QIODevice::WriteOnly));
        in.write("wait 200\n");
        in.close();
        // the same view with the points hidden
        QJsonArray layers = project["layers"].toArray();
        for (int i = 0; i < layers.size(); ++i) {
            QJsonObject l = layers[i].toObject();
            if (l["kind"].toString() == "points") {
                l["visible"] = false;
                layers[i] = l;
            }
        }
        project["layers"] = layers;
        const QString hidden = m_demo.filePath("district/no-pois.liyuan.json");
        QFile pf(hidden);
        QVERIFY(pf.open(QIODevice::WriteOnly));
        pf.write(QJsonDocument(project).toJson());
        pf.close();
        auto shot = [&](const QString &projectFile, const QString &name) {
            const QString png = m_dir.filePath(name);
            const AppRun r = runApp({projectFile, "--camera-path", path, "--input", script, "--screenshot", png, "--size",
                                     "800x600", "--lang", "en"}, 300000, env);
            if (r.exitCode != 0)
                qWarning("%s", r.what().constData());
            return QImage(png).convertToFormat(QImage::Format_RGB32);
        };
        const QImage with = shot(m_demo.filePath("district/demo.liyuan.json"), "poi-shown.png");
        const QImage without = shot(hidden, "poi-hidden.png");
        QVERIFY(!with.isNull() && !without.isNull());
        QCOMPARE(with.size(), without.size());
        // pixels whose colour changes clearly (the software rasteriser varies by a level or two
        // from run to run)
        auto rowsDiffer = [&](int y0, int y1) {
            int n = 0;
            for (int yy = y0; yy < y1; ++yy)
                for (int xx = 0; xx < with.width(); ++xx) {
                    const QColor p = with.pixelColor(xx, yy), q = without.pixelColor(xx, yy);
                    n += std::abs(p.red() - q.red()) + std::abs(p.green() - q.green()) + std::abs(p.blue() - q.blue()) > 40;
                }
            return n;
        };
        // the view starts below the tool bar (about 30 px): the point sits on that edge, its icon
        // cut by it — visible just inside the view, nothing of it over the tool bar
        const int toolbar = rowsDiffer(0, 28), edge = rowsDiffer(29, 44);
        qInfo("pixels changed by the points: tool bar rows %d, first view rows %d", toolbar, edge);
        QVERIFY2(edge > 20, "the point of interest lies at the view's top edge (the test's premise)");
        QCOMPARE(toolbar, 0);
    }

    void recoverAfterACrash()
    {
        // a user moves the camera in the default launch (the demo) and the app is killed before
        // saving; the next default launch still offers the autosave once the demo has opened, and
        // Recover (a real click) brings the moved camera back
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert("LIYUAN_DEMO_DIR", m_demo.filePath("district"));
        const QString config = m_dir.filePath("crash-config"), cache = m_dir.filePath("crash-cache");
        env.insert("XDG_CONFIG_HOME", config);
        env.insert("XDG_CACHE_HOME", cache);
        QVERIFY(QDir().mkpath(config + "/Liyuan"));
        QFile conf(config + "/Liyuan/liyuan.conf");
        QVERIFY(conf.open(QIODevice::WriteOnly));
        conf.write("[projects]\nautosaveSeconds=2\n");
        conf.close();
        const QString moveScript = m_dir.filePath("crash-move.txt");
        QFile ms(moveScript);
        QVERIFY(ms.open(QIODevice::WriteOnly));
        ms.write("drag 640,360 760,420 steps 6\nwait 60000\n");
        ms.close();
        QProcess app;
        app.setProcessEnvironment(env);
        app.start(QStringLiteral(LIYUAN_APP), {"--input", moveScript, "--screenshot", m_dir.filePath("crash-a.png"), "--size",
                                               "1280x720", "--lang", "en", "--timeout", "280"});
        QVERIFY(app.waitForStarted(10000));
        const QDir autosaveDir(cache + "/Liyuan/liyuan/autosave");
        QString autosave;
        QElapsedTimer clock;
        clock.start();
        while (autosave.isEmpty() && app.state() != QProcess::NotRunning && clock.elapsed() < 280000) {
            app.waitForFinished(250);
            const QStringList files = autosaveDir.entryList({"*.liyuan.json"}, QDir::Files);
            if (!files.isEmpty())
                autosave = autosaveDir.filePath(files.first());
        }
        if (app.state() != QProcess::NotRunning) {
            QTest::qWait(500); // the write is atomic; let it finish
            app.kill(); // the crash: no save, no clean exit
            app.waitForFinished(10000);
        }
        QVERIFY2(!autosave.isEmpty(), (QByteArray("no autosave was written before the app ended\n")
                                       + app.readAllStandardError()).constData());
        const QJsonObject saved = readJson(autosave);
        const QJsonArray eye = saved["camera"].toObject()["position"].toArray();
        QCOMPARE(eye.size(), 3);

        // the next default launch: the offer is there once the demo is open; Recover
        const QString recoverScript = m_dir.filePath("crash-recover.txt"), json = m_dir.filePath("crash-b.json");
        QFile rs(recoverScript);
        QVERIFY(rs.open(QIODevice::WriteOnly));
        rs.write("click #recoverButton\n");
        rs.close();
        const AppRun r = runApp({"--input", recoverScript, "--screenshot", m_dir.filePath("crash-b.png"), "--size", "1280x720",
                                 "--lang", "en", "--state-json", json}, 300000, env);
        QVERIFY2(r.exitCode == 0, r.what().constData());
        const QJsonObject st = readJson(json);
        const QJsonObject lo = st["camera"].toObject()["local"].toObject();
        const QJsonArray local{lo["x"], lo["y"], lo["z"]};
        QVERIFY2(lo.contains("x") && lo.contains("y") && lo.contains("z"), QJsonDocument(st["camera"].toObject()).toJson().constData());
        for (int k = 0; k < 3; ++k)
            QVERIFY2(std::abs(local[k].toDouble() - eye[k].toDouble()) < 0.05,
                     qPrintable(QStringLiteral("camera %1 vs autosaved %2")
                                        .arg(QString::fromUtf8(QJsonDocument(local).toJson(QJsonDocument::Compact)),
                                             QString::fromUtf8(QJsonDocument(eye).toJson(QJsonDocument::Compact)))));
        // the offer is used up: nothing left aside to recover
        QVERIFY(autosaveDir.entryList({"*.recover.liyuan.json"}, QDir::Files).isEmpty());
    }

    void clicksLookThroughTranslucentZones()
    {
        // the demo's heritage zones are translucent volumes up to their height limit (the
        // environmental coordination zone covers the whole district, 45 m): a click on a
        // courtyard roof selects the photogrammetry seen through the zone; a second click on the
        // same spot selects the zone in front
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert("LIYUAN_DEMO_DIR", m_demo.filePath("district"));
        if (!QFileInfo::exists(m_demo.filePath("district/demo.liyuan.json"))) {
            const AppRun g = runApp({"--screenshot", m_dir.filePath("zone-gen.png"), "--size", "320x240"}, 300000, env);
            QVERIFY2(g.exitCode == 0, g.what().constData());
        }
        // a roof of the east courtyard block (a scheme area of the demo), 3 m inside its south edge
        const QJsonObject project = readJson(m_demo.filePath("district/demo.liyuan.json"));
        const QJsonArray origin = project["scene"].toObject()["origin"].toArray();
        const QJsonArray ring = readJson(m_demo.filePath("district/schemes/schemes.json"))["schemes"].toArray()[1]
                                        .toObject()["areas"].toArray()[0].toObject()["polygon"].toArray();
        QVERIFY(origin.size() == 3 && ring.size() >= 4);
        double minX = 1e300, maxX = -1e300, minY = 1e300;
        for (const QJsonValue &v : ring) {
            minX = std::min(minX, v.toArray()[0].toDouble());
            maxX = std::max(maxX, v.toArray()[0].toDouble());
            minY = std::min(minY, v.toArray()[1].toDouble());
        }
        const double x = 0.5 * (minX + maxX) - origin[0].toDouble(), y = minY + 3 - origin[1].toDouble();
        auto clickTwice = [&](int clicks, QJsonObject *state) {
            const QString script = m_dir.filePath(QStringLiteral("zone-%1.txt").arg(clicks));
            const QString json = m_dir.filePath(QStringLiteral("zone-%1.json").arg(clicks));
            QFile f(script);
            if (!f.open(QIODevice::WriteOnly))
                return false;
            for (int i = 0; i < clicks; ++i)
                f.write(QStringLiteral("click @%1,%2,8\nwait 700\n").arg(x, 0, 'f', 2).arg(y, 0, 'f', 2).toUtf8());
            f.close();
            const AppRun r = runApp({"--input", script, "--screenshot", m_dir.filePath("zone.png"), "--size", "1280x720",
                                     "--lang", "en", "--state-json", json}, 300000, env);
            if (r.exitCode != 0)
                qWarning("%s", qPrintable(r.err));
            *state = readJson(json);
            return r.exitCode == 0;
        };
        QJsonObject once, twice;
        QVERIFY(clickTwice(1, &once));
        QVERIFY(clickTwice(2, &twice));
        const QString first = once["selection"].toObject()["layerId"].toString();
        const QString second = twice["selection"].toObject()["layerId"].toString();
        qInfo("one click: '%s'; the same spot again: '%s'", qPrintable(first), qPrintable(second));
        QVERIFY2(!first.isEmpty() && first != "heritage_zones", qPrintable(first));
        QCOMPARE(second, QStringLiteral("heritage_zones"));
    }

    void sectionPlaneAndClipBox()
    {
        // any layer: a clipping box keeping only what lies above 15 m leaves mostly sky; a
        // section plane at 20 m cuts the tower (the rest of the district, lower, stays)
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert("LIYUAN_DEMO_DIR", m_demo.filePath("district"));
        auto shot = [&](const QStringList &extra, const QString &name, QJsonObject *state) {
            const QString png = m_dir.filePath(name + ".png"), json = m_dir.filePath(name + ".json");
            const AppRun r = runApp(QStringList{"--screenshot", png, "--size", "640x480", "--state-json", json} + extra, 300000, env);
            if (r.exitCode != 0)
                qWarning("%s", qPrintable(r.err));
            *state = readJson(json);
            return QImage(png);
        };
        QJsonObject plain, cut, boxed;
        const QImage ia = shot({}, "section-none", &plain);
        const QImage ib = shot({"--section-height", "20"}, "section-20", &cut);
        const QImage ic = shot({"--clip-box", "-5000,-5000,15,5000,5000,1000"}, "section-box", &boxed);
        QVERIFY(!ia.isNull() && ia.size() == ib.size() && ia.size() == ic.size());
        // fraction of pixels that changed clearly against the uncut view (same Home camera)
        auto changed = [&](const QImage &x) {
            qint64 n = 0, d = 0;
            for (int y = 0; y < ia.height(); y += 2)
                for (int xx = 0; xx < ia.width(); xx += 2, ++n)
                    d += std::abs(qGray(ia.pixel(xx, y)) - qGray(x.pixel(xx, y))) > 24 ? 1 : 0;
            return double(d) / std::max<qint64>(1, n);
        };
        const double planeChanged = changed(ib), boxChanged = changed(ic);
        qInfo("changed pixels: plane at 20 m %.3f, box above 15 m %.3f", planeChanged, boxChanged);
        QVERIFY(cut["clipping"].toObject()["plane"].toBool());
        QVERIFY(boxed["clipping"].toObject()["box"].toBool());
        QVERIFY2(planeChanged > 0.002, "the plane cuts the tower (and the zone volumes) above 20 m");
        QVERIFY2(planeChanged < 0.25, "below the plane the district stays as it was");
        QVERIFY2(boxChanged > 0.3, "the box removes the roofs, streets and ground below 15 m");
        // bad values are refused before any window opens
        QVERIFY(runApp({"--clip-box", "1,2,3"}).exitCode != 0);
        QVERIFY(runApp({"--section-height", "high"}).exitCode != 0);
    }

    void cityJsonDelft()
    {
        const QString file = QStringLiteral(LIYUAN_SHARED_DATA "/citymodels/delft.json");
        if (!QFileInfo::exists(file))
            LIYUAN_SKIP("shared CityJSON sample not found");
        const QString png = m_dir.filePath("delft.png"), json = m_dir.filePath("delft.json");
        const AppRun r = runApp({file, "--screenshot", png, "--size", "640x480", "--state-json", json});
        QVERIFY2(r.exitCode == 0, r.what().constData());
        const ImageStats s = analyse(QImage(png));
        qInfo("delft: coverage %.3f, colours %d", s.coverage, s.distinctColors);
        QVERIFY2(s.coverage > 0.05, "the city model is drawn");
        QVERIFY2(s.distinctColors > 20, "shaded by type and orientation");
        const QJsonObject st = readJson(json);
        QCOMPARE(st["layers"].toArray().first().toObject()["kind"].toString(), QStringLiteral("citymodel"));
        QCOMPARE(st["sceneFrame"].toObject()["authority"].toString(), QStringLiteral("EPSG:7415"));
        QVERIFY(st["tiles"].toObject()["triangles"].toDouble() > 10000);
        QCOMPARE(st["tiles"].toObject()["litMeshesDrawn"].toInt(), 0); // shading baked by type and orientation
    }

    void cityGml_data()
    {
        QTest::addColumn<QByteArray>("xml");
        QTest::addColumn<QString>("crsName");
        QTest::addColumn<QString>("title");
        QTest::addColumn<QString>("measuredHeight");
        QTest::newRow("CityGML 2.0 LoD2, ETRS89/UTM32 + DHHN2016")
                << liyuan::test::cityGml2Lod2("urn:ogc:def:crs,crs:EPSG::25832,crs:EPSG::7837") << "DHHN2016"
                << "Haus am Dom" << "12";
        QTest::newRow("CityGML 1.0 LoD1, EPSG:25832") << liyuan::test::cityGml1Lod1("EPSG:25832") << "UTM zone 32N"
                                                      << "LOD1_B1" << "9.5";
    }
    void cityGml()
    {
        // a CityGML file opened alone: read by libcitygml (not OGR), placed in its CRS, settled,
        // drawn; a click on the first building's roof shows its attributes
        QFETCH(QByteArray, xml);
        QFETCH(QString, crsName);
        QFETCH(QString, title);
        QFETCH(QString, measuredHeight);
        const QString tag = QString::fromLatin1(QTest::currentDataTag()).left(12).replace(QLatin1Char(' '), QLatin1Char('_'));
        const QString file = m_dir.filePath(tag + ".gml"), png = m_dir.filePath(tag + ".png"), json = m_dir.filePath(tag + ".json");
        QVERIFY(liyuan::test::writeFile(file, xml));
        // the roof of the first building (10 × 8 m from the corner; LoD1: 9.5 m high, LoD2: 12 m, from 50 m)
        const double roofZ = measuredHeight == "12" ? 62.0 : 59.5;
        const QString script = m_dir.filePath(tag + ".txt");
        QFile f(script);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QStringLiteral("click @%1,%2,%3\n").arg(liyuan::test::kCologneE + 5, 0, 'f', 3)
                        .arg(liyuan::test::kCologneN + 4, 0, 'f', 3).arg(roofZ).toUtf8());
        f.close();
        const AppRun r = runApp({file, "--input", script, "--screenshot", png, "--size", "640x480", "--lang", "en",
                                 "--state-json", json, "--timeout", "60"}, 120000);
        QVERIFY2(r.exitCode == 0, r.what().constData());
        const QJsonObject st = readJson(json);
        QVERIFY2(st["screenshot"].toObject()["settled"].toBool(), r.what().constData());
        QCOMPARE(st["layers"].toArray().first().toObject()["kind"].toString(), QStringLiteral("citymodel"));
        QVERIFY2(st["sceneFrame"].toObject()["crs"].toString().contains(crsName), qPrintable(QJsonDocument(st["sceneFrame"].toObject()).toJson()));
        QVERIFY(st["tiles"].toObject()["triangles"].toDouble() >= 12);
        QVERIFY(analyse(QImage(png)).coverage > 0.02);
        const QJsonObject sel = st["selection"].toObject();
        QCOMPARE(sel["kind"].toString(), QStringLiteral("cityobject"));
        QCOMPARE(sel["title"].toString(), title);
        QString height;
        for (const QJsonValue &a : sel["attributes"].toArray())
            if (a.toObject()["name"].toString() == "measuredHeight")
                height = a.toObject()["value"].toString();
        QCOMPARE(height, measuredHeight);
    }

    void layerWithoutGeometry_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("layer");
        QTest::newRow("GeoJSON, null geometries")
                << "nulls.geojson"
                << QByteArray("{\"type\": \"FeatureCollection\", \"features\": ["
                              "{\"type\": \"Feature\", \"properties\": {\"id\": 1}, \"geometry\": null},"
                              "{\"type\": \"Feature\", \"properties\": {\"id\": 2}, \"geometry\": null}]}")
                << "layer nulls has no geometry (2 features, none with a geometry)";
        QTest::newRow("CSV, no geometry column") << "table.csv" << QByteArray("id,name\n1,Dom\n2,Rathaus\n")
                                                 << "layer table has no geometry (an attribute table of 2 rows)";
    }
    void layerWithoutGeometry()
    {
        // alone: reported at once by name, exit 2, no picture — not an empty one after the timeout
        QFETCH(QString, name);
        QFETCH(QByteArray, content);
        QFETCH(QString, layer);
        const QString file = m_dir.filePath(name), png = m_dir.filePath(name + ".png");
        QVERIFY(liyuan::test::writeFile(file, content));
        QElapsedTimer clock;
        clock.start();
        const AppRun r = runApp({file, "--screenshot", png, "--size", "320x240", "--timeout", "60"}, 90000);
        QVERIFY2(r.finished && r.exitCode == 2, r.what().constData());
        QVERIFY2(clock.elapsed() < 30000, qPrintable(QStringLiteral("took %1 ms").arg(clock.elapsed())));
        QVERIFY2(r.err.contains(file + ": " + layer), r.what().constData());
        QVERIFY(!QFileInfo::exists(png));

        // beside a city model it does not hold the view: the model is drawn, the layer named
        const QString gml = m_dir.filePath("beside.gml"), png2 = m_dir.filePath(name + "-beside.png"), json = png2 + ".json";
        QVERIFY(liyuan::test::writeFile(gml, liyuan::test::cityGml1Lod1("EPSG:25832")));
        clock.restart();
        const AppRun both = runApp({gml, file, "--screenshot", png2, "--size", "320x240", "--timeout", "60", "--state-json", json}, 90000);
        QVERIFY2(both.exitCode == 0, both.what().constData());
        QVERIFY2(clock.elapsed() < 30000, qPrintable(QStringLiteral("took %1 ms").arg(clock.elapsed())));
        const QJsonObject st = readJson(json);
        QVERIFY(st["screenshot"].toObject()["settled"].toBool());
        QVERIFY(st["tiles"].toObject()["triangles"].toDouble() >= 24);
        bool named = false;
        for (const QJsonValue &m : st["messages"].toArray())
            named = named || m.toString().contains(file + ": " + layer);
        QVERIFY2(named, qPrintable(QJsonDocument(st["messages"].toArray()).toJson()));
    }

    void unreadableCityGmlAlone()
    {
        // a truncated CityGML file: its tile fails; the run ends at once naming the file
        const QString file = m_dir.filePath("cut.gml"), png = m_dir.filePath("cut.png");
        const QByteArray whole = liyuan::test::cityGml2Lod2("EPSG:25832");
        QVERIFY(liyuan::test::writeFile(file, whole.left(whole.size() / 2)));
        QElapsedTimer clock;
        clock.start();
        const AppRun r = runApp({file, "--screenshot", png, "--size", "320x240", "--timeout", "60"}, 90000);
        QVERIFY2(r.finished && r.exitCode == 2, r.what().constData());
        QVERIFY2(clock.elapsed() < 30000, qPrintable(QStringLiteral("took %1 ms").arg(clock.elapsed())));
        QVERIFY2(r.err.contains(file + ": not well-formed XML (line"), r.what().constData());
        QVERIFY(!QFileInfo::exists(png));
    }

    void litModelFacesTakeTheSun()
    {
        // a grey box (one material: unlit, its roof and walls were one flat colour) seen from
        // the south-east: the afternoon sun (south-west, 45° high) lights the roof most, the
        // south wall half, and leaves the east wall to the sky
        const QVector3D eye(45, -45, 40), target(0, 0, 10);
        const int w = 640, h = 480;
        const QPoint roof = project({0, 0, 20}, eye, target, w, h), south = project({0, -10, 10}, eye, target, w, h),
                     east = project({10, 0, 10}, eye, target, w, h);
        const QString path = writeLookAt(m_dir.filePath("box.path"), eye, target);
        auto shoot = [&](const QString &dir, const QString &png) {
            const AppRun r = runApp({dir + "/box.obj", "--camera-path", path, "--screenshot", png, "--size", "640x480",
                                     "--state-json", png + ".json"});
            if (r.exitCode != 0)
                qWarning("%s", qPrintable(r.err));
            return QImage(png).convertToFormat(QImage::Format_RGB32);
        };
        QVERIFY(QDir().mkpath(m_dir.filePath("box")));
        QVERIFY(writeBox(m_dir.filePath("box"), "grey"));
        const QImage a = shoot(m_dir.filePath("box"), m_dir.filePath("box.png"));
        QCOMPARE(a.size(), QSize(w, h));
        QCOMPARE(readJson(m_dir.filePath("box.png.json"))["tiles"].toObject()["litMeshesDrawn"].toInt(), 1);
        int sr = 0, ss = 0, se = 0;
        const QColor cr = patch(a, roof, &sr), cs = patch(a, south, &ss), ce = patch(a, east, &se);
        qInfo("grey box: roof %d, south wall %d, east wall %d (grey levels; flat 204 when unlit)", luma(cr), luma(cs), luma(ce));
        for (const QColor &c : {cr, cs, ce})
            QVERIFY2(std::abs(c.red() - kSky.red()) + std::abs(c.green() - kSky.green()) + std::abs(c.blue() - kSky.blue()) > 30,
                     "each sample lies on the box, not on the sky");
        QVERIFY2(sr <= 3 && ss <= 3 && se <= 3, "a flat face is evenly lit (flat normals)");
        QVERIFY2(luma(cs) - luma(ce) > 40, "the south wall takes the sun, the east wall is in shade");
        QVERIFY2(luma(cr) - luma(cs) > 10, "the roof faces the high sun more than the south wall");
        QVERIFY2(luma(ce) > 80, "the shaded wall stays readable (sky light)");

        // the same box turned by its placement (heading 90°: the model's east face, painted
        // red, now faces south): its normals turn with it, so the red face is lit as the south
        // wall was and the model's north face, now east, is in shade
        const QString rot = m_dir.filePath("box-rot");
        QVERIFY(QDir().mkpath(rot));
        QVERIFY(writeBox(rot, "red"));
        QFile sidecar(rot + "/box.obj.geo.json");
        QVERIFY(sidecar.open(QIODevice::WriteOnly));
        sidecar.write(R"({"crs":"EPSG:4549","position":[500000,4000000,0],"heading":90})");
        sidecar.close();
        const QImage b = shoot(rot, m_dir.filePath("box-rot.png"));
        QCOMPARE(b.size(), QSize(w, h));
        int rs = 0, re = 0;
        const QColor bs = patch(b, south, &rs), be = patch(b, east, &re);
        qInfo("turned box: south wall rgb %d,%d,%d (grey box %d,%d,%d), east wall %d (grey box %d)", bs.red(), bs.green(),
              bs.blue(), cs.red(), cs.green(), cs.blue(), luma(be), luma(ce));
        QVERIFY2(bs.red() > 2 * bs.green(), "the red face turned to the south");
        QVERIFY2(std::abs(bs.red() - cs.red()) <= 6, "and is lit as a south wall (same red albedo)");
        QVERIFY2(std::abs(luma(be) - luma(ce)) <= 6, "the face turned to the east is in shade");
    }

    void drillDownIfcStoreys()
    {
        const QString ifc = QStringLiteral(LIYUAN_SHARED_DATA "/buildings/AC11-Institute-Var-2-IFC.ifc");
        if (!QFileInfo::exists(ifc))
            LIYUAN_SKIP("shared IFC sample not found");
        const QString png = m_dir.filePath("ifc-floor.png"), json = m_dir.filePath("ifc-floor.json");
        const AppRun r = runApp({ifc, "--focus", "AC11-Institute-Var-2-IFC/2", "--screenshot", png, "--size", "800x600",
                                 "--state-json", json});
        QVERIFY2(r.exitCode == 0, r.what().constData());
        const QJsonObject d = readJson(json)["drill"].toObject();
        QCOMPARE(d["floorSource"].toString(), QStringLiteral("ifc-storeys"));
        QCOMPARE(d["floors"].toInt(), 5);
        QCOMPARE(d["state"].toString(), QStringLiteral("floor"));
        QCOMPARE(d["floorName"].toString(), QStringLiteral("1. Obergeschoss"));
        const ImageStats s = analyse(QImage(png));
        QVERIFY2(s.coverage > 0.05, "the isolated storey is drawn");
        // a floor that does not exist is reported, the app still renders
        const QString badJson = m_dir.filePath("ifc-floor-42.json");
        const AppRun bad = runApp({ifc, "--focus", "AC11-Institute-Var-2-IFC/42", "--screenshot", png, "--size", "400x300",
                                   "--state-json", badJson});
        QVERIFY2(bad.exitCode == 0, bad.what().constData());
        const QJsonObject badState = readJson(badJson);
        const QStringList messages = badState["messages"].toVariant().toStringList();
        QVERIFY2(messages.filter("has no floor '42'").size() == 1, qPrintable(messages.join('\n')));
        QVERIFY2(messages.filter("has no floor '42'").constFirst().contains("AC11-Institute-Var-2-IFC"),
                 qPrintable(messages.join('\n')));
        // the building is focused, no floor isolated
        QCOMPARE(badState["drill"].toObject()["state"].toString(), QStringLiteral("building"));
        const AppRun badBuilding = runApp({ifc, "--explode"});
        QVERIFY(badBuilding.exitCode != 0);
        QVERIFY(badBuilding.err.contains("--explode needs --focus"));
    }

    void footprintsOverTerrain()
    {
        // Alexandria: DTM as terrain, the 84 footprints extruded by HEIGHT standing on it
        const QString dtm = QStringLiteral(LIYUAN_SHARED_DATA "/gis/alexandria_va/dtm.tif");
        const QString fp = QStringLiteral(LIYUAN_SHARED_DATA "/footprints/alexandria_va/buildings.geojson");
        if (!QFileInfo::exists(dtm) || !QFileInfo::exists(fp))
            LIYUAN_SKIP("shared sample data not found");
        const QString bare = m_dir.filePath("dtm.png"), both = m_dir.filePath("dtm-fp.png"), json = m_dir.filePath("dtm-fp.json");
        // the same camera for both: straight down over the block from 400 m
        const QString path = writeTopDownPath(m_dir.path(), 0, 0, 400);
        AppRun r = runApp({"--screenshot", bare, "--size", "640x480", "--camera-path", path, dtm}, 180000);
        QVERIFY2(r.exitCode == 0, r.what().constData());
        r = runApp({"--screenshot", both, "--size", "640x480", "--camera-path", path, "--state-json", json, dtm, fp}, 180000);
        QVERIFY2(r.exitCode == 0, r.what().constData());
        const QJsonObject st = readJson(json);
        bool vectorReady = false;
        for (const QJsonValue &l : st["layers"].toArray())
            if (l.toObject()["kind"].toString() == "vector")
                vectorReady = l.toObject()["status"].toString() == "ready";
        QVERIFY(vectorReady);
        const QImage a(bare), b(both);
        QCOMPARE(a.size(), b.size());
        qint64 changed = 0;
        for (int y = 0; y < a.height(); ++y)
            for (int x = 0; x < a.width(); ++x) {
                const QColor ca = a.pixelColor(x, y), cb = b.pixelColor(x, y);
                if (std::abs(ca.red() - cb.red()) + std::abs(ca.green() - cb.green()) + std::abs(ca.blue() - cb.blue()) > 30)
                    ++changed;
            }
        const double fraction = double(changed) / (a.width() * a.height());
        qInfo("footprints change %.1f%% of the frame", fraction * 100);
        QVERIFY2(fraction > 0.05, "the buildings are drawn over the terrain");
        QVERIFY2(analyse(a).coverage > 0.9, "the terrain fills the view");
    }

    void projectRoundTrip()
    {
        // save what the demo shows as a project, open it again: same layers, styles and camera
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert("LIYUAN_DEMO_DIR", m_demo.filePath("district"));
        const QString project = m_dir.filePath("trip/demo-copy.liyuan.json");
        QDir().mkpath(m_dir.filePath("trip"));
        const AppRun first = runApp({"--screenshot", m_dir.filePath("trip1.png"), "--size", "640x360", "--save-project", project,
                                     "--state-json", m_dir.filePath("trip1.json")}, 300000, env);
        QVERIFY2(first.exitCode == 0, first.what().constData());
        QVERIFY(QFileInfo::exists(project));
        const QString project2 = m_dir.filePath("trip/again.liyuan.json");
        const AppRun second = runApp({"--screenshot", m_dir.filePath("trip2.png"), "--size", "640x360", "--save-project", project2,
                                      "--state-json", m_dir.filePath("trip2.json"), project}, 300000, env);
        QVERIFY2(second.exitCode == 0, second.what().constData());
        const QJsonObject a = readJson(project), b = readJson(project2);
        QCOMPARE(a["format"].toString(), QStringLiteral("liyuan-project"));
        QVERIFY(a["layers"].toArray().size() >= 5);
        QCOMPARE(b["layers"], a["layers"]);       // ids, names, kinds, relative paths, visibility, opacity, styles
        QCOMPARE(b["scene"], a["scene"]);
        const QJsonArray pa = a["camera"].toObject()["position"].toArray(), pb = b["camera"].toObject()["position"].toArray();
        for (int i = 0; i < 3; ++i)
            QVERIFY2(std::abs(pa[i].toDouble() - pb[i].toDouble()) < 1e-3, "the camera comes back where it was");
        // paths are relative to the project file
        for (const QJsonValue &l : a["layers"].toArray())
            QVERIFY(QFileInfo(l.toObject()["path"].toString()).isRelative());
        const QJsonObject s1 = readJson(m_dir.filePath("trip1.json")), s2 = readJson(m_dir.filePath("trip2.json"));
        QCOMPARE(s2["layers"].toArray().size(), s1["layers"].toArray().size());
    }

    void screenshotsTellTheTruth()
    {
        // a view that did not settle within --timeout exits 4 (the picture is still written),
        // unless --allow-unsettled; a dataset that gives nothing to draw exits 5, naming it
        LIYUAN_REQUIRE(QFileInfo::exists(kSample), "shared sample data not found");
        const QString png = m_dir.filePath("unsettled.png"), json = m_dir.filePath("unsettled.json");
        const AppRun r = runApp({"--screenshot", png, "--size", "640x360", "--timeout", "0.1", "--state-json", json, kSample},
                                180000);
        QVERIFY2(r.exitCode == 4, r.what().constData());
        QVERIFY2(r.err.contains("did not settle") && r.err.contains("unsettled.png"), qPrintable(r.err));
        QVERIFY2(r.out.contains("settled NO"), qPrintable(r.out));
        QVERIFY(QFileInfo::exists(png));
        QCOMPARE(readJson(json)["screenshot"].toObject()["settled"].toBool(true), false);
        const AppRun allowed = runApp({"--screenshot", png, "--size", "640x360", "--timeout", "0.1", "--allow-unsettled", kSample},
                                      180000);
        QVERIFY2(allowed.exitCode == 0, allowed.what().constData());
        QVERIFY2(allowed.err.contains("did not settle"), qPrintable(allowed.err));

        // a glTF with a node and no mesh: read, but nothing to draw
        const QString empty = m_dir.filePath("empty.gltf");
        QFile g(empty);
        QVERIFY(g.open(QIODevice::WriteOnly));
        g.write(R"({"asset": {"version": "2.0"}, "scene": 0, "scenes": [{"nodes": [0]}], "nodes": [{"name": "nothing"}]})");
        g.close();
        const QString ejson = m_dir.filePath("empty.json");
        const AppRun e = runApp({"--screenshot", m_dir.filePath("empty.png"), "--size", "320x240", "--timeout", "60",
                                 "--state-json", ejson, empty}, 120000);
        QVERIFY2(e.exitCode == 5 || e.exitCode == 2, e.what().constData());
        QVERIFY2(e.err.contains("empty.gltf"), qPrintable(e.err));
    }

    void projectWithAMissingLayerStillOpens()
    {
        if (!QFileInfo::exists(kSample))
            LIYUAN_SKIP("shared sample data not found");
        const QString project = m_dir.filePath("missing.liyuan.json");
        QFile f(project);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QStringLiteral("{\"format\": \"liyuan-project\", \"version\": 1, \"layers\": ["
                               "{\"id\": \"gone\", \"path\": \"no/such/dem.tif\", \"kind\": \"terrain\"},"
                               "{\"id\": \"sample\", \"path\": \"%1\"}]}").arg(kSample).toUtf8());
        f.close();
        const QString json = m_dir.filePath("missing.json");
        const AppRun r = runApp({"--screenshot", m_dir.filePath("missing.png"), "--size", "480x270", "--state-json", json, project}, 180000);
        // the screenshot is written and the rest drawn, but the run says what is missing (exit 5)
        QVERIFY2(r.exitCode == 5, r.what().constData());
        QVERIFY2(r.err.contains("no/such/dem.tif"), qPrintable(r.err));
        QVERIFY(QFileInfo::exists(m_dir.filePath("missing.png")));
        const QJsonArray problems = readJson(json)["screenshot"].toObject()["problems"].toArray();
        QCOMPARE(problems.size(), 1);
        QVERIFY(problems[0].toString().contains("no/such/dem.tif"));
        const QJsonArray layers = readJson(json)["layers"].toArray();
        QCOMPARE(layers.size(), 2); // the missing layer is kept (and saved back), marked failed
        bool failedKept = false;
        for (const QJsonValue &l : layers)
            failedKept = failedKept || (l.toObject()["id"].toString() == "gone" && l.toObject()["status"].toString() == "failed");
        QVERIFY(failedKept);
    }

    void dropAFileOntoTheWindow()
    {
        // an empty project, then a DEM dropped onto the window (a real drop event through Qt
        // Quick to the DropArea): it becomes a terrain layer
        const QString dtm = QStringLiteral(LIYUAN_SHARED_DATA "/gis/alexandria_va/dtm.tif");
        if (!QFileInfo::exists(dtm))
            LIYUAN_SKIP("shared sample data not found");
        const QString project = m_dir.filePath("empty.liyuan.json");
        QFile f(project);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("{\"format\": \"liyuan-project\", \"version\": 1, \"layers\": []}");
        f.close();
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert("LIYUAN_TEST_DROP", dtm);
        const QString json = m_dir.filePath("drop.json");
        const AppRun r = runApp({"--screenshot", m_dir.filePath("drop.png"), "--size", "480x270", "--state-json", json, project}, 120000, env);
        QVERIFY2(r.exitCode == 0, r.what().constData());
        const QJsonArray layers = readJson(json)["layers"].toArray();
        QCOMPARE(layers.size(), 1);
        QCOMPARE(layers[0].toObject()["kind"].toString(), QStringLiteral("terrain"));
        QCOMPARE(layers[0].toObject()["path"].toString(), QDir::cleanPath(dtm));
        QVERIFY(analyse(QImage(m_dir.filePath("drop.png"))).coverage > 0.2);
    }

    void cannotOpen()
    {
        const AppRun r = runApp({"--screenshot", m_dir.filePath("none.png"), "/nonexistent/production"});
        QVERIFY(r.exitCode != 0);
        QVERIFY2(r.err.contains("/nonexistent/production"), qPrintable(r.err));
        QVERIFY(!QFileInfo::exists(m_dir.filePath("none.png")));
    }

    void badCameraPath()
    {
        const QString path = m_dir.filePath("bad.path");
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("0 1 2\n");
        f.close();
        const AppRun r = runApp({"--screenshot", m_dir.filePath("bad.png"), "--camera-path", path, kSample});
        QVERIFY(r.exitCode != 0);
        QVERIFY2(r.err.contains("bad.path:1"), qPrintable(r.err));
    }
};

QTEST_GUILESS_MAIN(tst_Render)
#include "tst_render.moc"
