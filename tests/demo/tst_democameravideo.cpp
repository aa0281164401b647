// The demo district's surveillance cameras: the registry the generator writes, each camera's
// background (the district as the camera sees it), and DemoCameraVideo's frames (moving people
// and vehicles, a timestamp overlay) — aligned with CameraPose::toPixel.
#include <liyuan/demo/DemoCameraVideo.h>
#include <liyuan/demo/DemoDistrict.h>
#include <liyuan/demo/DemoProject.h>

#include "DistrictModel.h"
#include "DistrictCameras.h"
#include "SceneRaster.h"

#include <QtTest>
#include <QGuiApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>

#include <algorithm>
#include <cmath>
#include <limits>

using namespace liyuan;

namespace {

int differingPixels(const QImage &a, const QImage &b, const QRect &r)
{
    int n = 0;
    for (int y = r.top(); y <= r.bottom(); ++y)
        for (int x = r.left(); x <= r.right(); ++x)
            n += (a.pixel(x, y) & 0xffffff) != (b.pixel(x, y) & 0xffffff);
    return n;
}

/** A camera's background depth (metres, +inf = sky), 1280 x 720. */
struct Depth
{
    int w = 0, h = 0;
    std::vector<float> d;
    QString error;
    explicit Depth(const QString &path)
    {
        QFile f(path);
        if (!f.open(QIODevice::ReadOnly) || !demo::decodeDepthFile(f.readAll(), &w, &h, &d, &error))
            error = path + ": " + (error.isEmpty() ? f.errorString() : error);
    }
    double at(double u, double v) const
    {
        const int x = std::clamp(int(u), 0, w - 1), y = std::clamp(int(v), 0, h - 1);
        return std::isfinite(d[size_t(y) * w + x]) ? d[size_t(y) * w + x] : 1e9;
    }
};

} // namespace

class TestDemoCameraVideo : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void registryValidates();
    void backgroundsAreNonTrivial();
    void towerCornerLandsOnTheTower();
    void framesMoveAndTick();
    void wallClockByDefault();
    void agentsHideBehindBuildings();
    void demoEventsInTheFeed();
    void hostile_data();
    void hostile();
    void brokenBackground_data();
    void brokenBackground();

private:
    QTemporaryDir m_tmp;
    demo::DemoDistrictResult m_result;
    demo::Recipe m_recipe;
    QJsonArray m_cameras;
};

void TestDemoCameraVideo::initTestCase()
{
    QVERIFY(m_tmp.isValid());
    QElapsedTimer timer;
    timer.start();
    int lastDone = 0, lastTotal = 0;
    m_result = demo::generateDemoDistrict(m_tmp.filePath(QStringLiteral("district")), [&](int done, int total) {
        lastDone = done;
        lastTotal = total;
    });
    QVERIFY2(m_result.ok, qPrintable(m_result.error));
    qInfo("generated the district with %d cameras in %lld ms", m_result.cameras, static_cast<long long>(timer.elapsed()));
    QCOMPARE(lastDone, lastTotal);
    QCOMPARE(lastTotal, m_result.files + m_result.gisFiles + m_result.cameras);
    QString err;
    QVERIFY2(demo::loadRecipeResource(m_recipe, &err), qPrintable(err));
}

void TestDemoCameraVideo::registryValidates()
{
    QCOMPARE(m_result.camerasFile, QDir(m_result.datasetDir).filePath(QStringLiteral("cameras/cameras.json")));
    QFile f(m_result.camerasFile);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(f.readAll(), &pe);
    QVERIFY2(doc.isObject(), qPrintable(pe.errorString()));
    const QJsonObject root = doc.object();
    QCOMPARE(root.value("type").toString(), QStringLiteral("LiyuanCameraRegistry"));
    QCOMPARE(root.value("version").toInt(), 1);
    QCOMPARE(root.value("crs").toString(), QStringLiteral("EPSG:4549"));
    m_cameras = root.value("cameras").toArray();
    QVERIFY2(m_cameras.size() >= 35 && m_cameras.size() <= 45, qPrintable(QString::number(m_cameras.size())));
    QCOMPARE(m_cameras.size(), m_result.cameras);
    QSet<QString> ids, departments;
    int ptz = 0, tower = 0, plaza = 0, junction = 0;
    const double W = m_recipe.tilesX * m_recipe.tileSize;
    for (const QJsonValue &v : m_cameras) {
        const QJsonObject c = v.toObject();
        const QString id = c.value("id").toString();
        QVERIFY2(!id.isEmpty() && !ids.contains(id), qPrintable(id));
        ids.insert(id);
        const QJsonArray p = c.value("position").toArray();
        QCOMPARE(p.size(), 3);
        const double x = p.at(0).toDouble() - m_recipe.origin[0], y = p.at(1).toDouble() - m_recipe.origin[1],
                     z = p.at(2).toDouble();
        QVERIFY2(x > 0 && x < W && y > 0 && y < W && z > 2 && z < 100, qPrintable(id));
        QCOMPARE(c.value("heightAboveGround").toBool(true), false);
        const double heading = c.value("heading").toDouble(-1), pitch = c.value("pitch").toDouble(99),
                     hfov = c.value("hfov").toDouble(), far = c.value("far").toDouble();
        QVERIFY2(heading >= 0 && heading < 360, qPrintable(id));
        QVERIFY2(pitch < 0 && pitch > -89, qPrintable(id)); // every camera looks down at the street
        QVERIFY2(hfov > 10 && hfov < 120 && far > c.value("near").toDouble() && far <= 300, qPrintable(id));
        QCOMPARE(c.value("streams").toObject().value("main").toString(), QStringLiteral("rtsp://127.0.0.1:8554/%1/main").arg(id));
        QCOMPARE(c.value("streams").toObject().value("sub").toString(), QStringLiteral("rtsp://127.0.0.1:8554/%1/sub").arg(id));
        QVERIFY(!c.contains("credentials") || !c.value("credentials").toString().contains(QLatin1Char(':')));
        departments.insert(c.value("department").toString());
        const QStringList tags = c.value("tags").toVariant().toStringList();
        tower += tags.contains("tower");
        plaza += tags.contains("plaza");
        junction += tags.contains("junction");
        if (c.contains("ptz")) {
            ++ptz;
            const QJsonObject z = c.value("ptz").toObject();
            for (const char *k : {"pan", "tilt", "hfov"}) {
                const QJsonArray r = z.value(QLatin1String(k)).toArray();
                QVERIFY2(r.size() == 2 && r.at(0).toDouble() < r.at(1).toDouble(), qPrintable(id));
            }
            QVERIFY(z.value("hfov").toArray().at(1).toDouble() >= hfov - 1e-9);
        }
    }
    for (const char *dep : {"police", "traffic-police", "urban-management", "school", "property"})
        QVERIFY2(departments.contains(QLatin1String(dep)), dep);
    QVERIFY2(ptz >= 3 && ptz <= 8, qPrintable(QString::number(ptz)));
    QVERIFY(tower >= 4 && plaza >= 8 && junction >= 20);

    // the project names the registry and the events mapping
    QString err;
    QVERIFY2(demo::writeDemoProject(m_result, demo::DemoProjectNames(), &err), qPrintable(err));
    QFile pf(m_result.projectFile);
    QVERIFY(pf.open(QIODevice::ReadOnly));
    const QJsonObject project = QJsonDocument::fromJson(pf.readAll()).object();
    QCOMPARE(project.value("cameras").toObject().value("registry").toString(), QStringLiteral("cameras/cameras.json"));
    QCOMPARE(project.value("live").toObject().value("eventMapping").toString(), QStringLiteral("iot/events.json"));
}

void TestDemoCameraVideo::backgroundsAreNonTrivial()
{
    const QDir bg(QDir(m_result.datasetDir).filePath(QStringLiteral("cameras/bg")));
    qint64 colourBytes = 0, depthBytes = 0;
    for (const QFileInfo &fi : bg.entryInfoList(QDir::Files))
        (fi.fileName().endsWith(".depth") ? depthBytes : colourBytes) += fi.size();
    qInfo("backgrounds: %.1f MB of pictures, %.1f MB of depth", colourBytes / 1048576.0, depthBytes / 1048576.0);
    QVERIFY2(colourBytes + depthBytes < 20ll * 1024 * 1024, qPrintable(QString::number(colourBytes + depthBytes)));
    QCOMPARE(bg.entryList(QDir::Files).size(), 2 * m_result.cameras);
    for (const QJsonValue &v : m_cameras) {
        const QString id = v.toObject().value("id").toString();
        const QImage img(bg.filePath(id + ".jpg"));
        const Depth depth(bg.filePath(id + ".depth"));
        QVERIFY2(depth.error.isEmpty(), qPrintable(depth.error));
        QVERIFY2(img.size() == QSize(1280, 720) && depth.w == 1280 && depth.h == 720, qPrintable(id));
        QSet<QRgb> colours;
        for (int y = 0; y < img.height(); y += 4)
            for (int x = 0; x < img.width(); x += 4)
                colours.insert(img.pixel(x, y));
        int scene = 0, total = 0;
        for (int y = 0; y < depth.h; y += 4)
            for (int x = 0; x < depth.w; x += 4, ++total)
                scene += depth.at(x, y) < 1e6;
        // a picture, not one colour; and the camera looks at the district, not the sky
        QVERIFY2(colours.size() > 2000, qPrintable(QStringLiteral("%1: %2 colours").arg(id).arg(colours.size())));
        QVERIFY2(scene > total * 6 / 10, qPrintable(QStringLiteral("%1: %2 of %3 pixels show the scene").arg(id).arg(scene).arg(total)));
    }
}

void TestDemoCameraVideo::towerCornerLandsOnTheTower()
{
    // Known scene points — the tower's four vertical edges at several heights — projected by
    // CameraPose::toPixel into each camera that sees them: the background shows the tower there
    // (its depth and its blue-grey glass), and a point 3 m out beyond the same edge shows
    // something farther away (the edge is where the pose says).
    const demo::Layout L = demo::makeLayout(m_recipe);
    const QRectF f = L.tower.footprint;
    demo::DemoCameraVideo video(m_result.datasetDir);
    QVERIFY2(video.isValid(), qPrintable(video.errorString()));
    const QDir bg(QDir(m_result.datasetDir).filePath(QStringLiteral("cameras/bg")));
    int seen = 0, edgeRight = 0;
    for (int i = 0; i < video.cameraCount(); ++i) {
        CameraPose pose = video.scenePose(i);
        pose.aspect = 1280.0 / 720.0;
        const QImage img(bg.filePath(video.cameraId(i) + ".jpg"));
        const Depth dimg(bg.filePath(video.cameraId(i) + ".depth"));
        QVERIFY2(dimg.error.isEmpty(), qPrintable(dimg.error));
        auto depthAt = [&](double u, double v) { return dimg.at(u, v); };
        const double sx[4] = {-1, 1, 1, -1}, sy[4] = {-1, -1, 1, 1};
        const QPointF corners[4] = {f.topLeft(), f.topRight(), f.bottomRight(), f.bottomLeft()};
        for (int k = 0; k < 4; ++k) {
            for (double z : {6.0, 20.0, 45.0, 80.0}) {
                // 0.3 m inside the edge, on the facade
                const Vec3d p(corners[k].x() - sx[k] * 0.3, corners[k].y() - sy[k] * 0.3, z);
                double nx = 0, ny = 0, depth = 0, u = 0, v = 0;
                if (!pose.toNdc(p, &nx, &ny, &depth) || std::abs(nx) > 0.95 || std::abs(ny) > 0.95)
                    continue;
                pose.toPixel(p, 1280, 720, &u, &v);
                if (std::abs(depthAt(u, v) - depth) > 1.5)
                    continue; // something stands in front of it in this view, or the edge faces away
                ++seen;
                const QColor c = img.pixelColor(int(u), int(v));
                // glass, mullions, spandrels, haze: neutral or blue-grey, never the yellow plaster or red roofs
                QVERIFY2(c.blue() >= c.red() - 20, qPrintable(QStringLiteral("%1: %2").arg(video.cameraId(i), c.name())));
                const Vec3d out(corners[k].x() + sx[k] * 3.0, corners[k].y() + sy[k] * 3.0, z);
                double uo, vo;
                if (pose.toPixel(out, 1280, 720, &uo, &vo) && uo >= 0 && vo >= 0 && uo < 1280 && vo < 720)
                    edgeRight += depthAt(uo, vo) > depth + 2.0;
                qInfo("%s sees tower edge %d at z %.0f: pixel (%.0f, %.0f), %.1f m, colour %s", qPrintable(video.cameraId(i)), k, z,
                      u, v, depth, qPrintable(c.name()));
            }
        }
    }
    QVERIFY2(seen >= 3, qPrintable(QString::number(seen)));
    QVERIFY2(edgeRight >= seen / 2, qPrintable(QStringLiteral("%1 of %2").arg(edgeRight).arg(seen)));
}

void TestDemoCameraVideo::framesMoveAndTick()
{
    demo::DemoCameraVideo video(m_result.datasetDir);
    QVERIFY2(video.isValid(), qPrintable(video.errorString()));
    QCOMPARE(video.cameraCount(), m_result.cameras);
    QVERIFY(video.wallClock());
    video.setWallClock(false);
    video.setStartTime(QDateTime(QDate(2026, 3, 2), QTime(9, 30, 0)));
    const QRect stamp(0, 0, 320, 30);
    int moving = 0;
    for (int i = 0; i < video.cameraCount(); ++i) {
        QImage a(640, 360, QImage::Format_RGB32), b(640, 360, QImage::Format_RGB32), c(640, 360, QImage::Format_RGB32);
        video.draw(i, a, 0);
        video.draw(i, b, 1000);
        video.draw(i, c, 1000);
        QCOMPARE(b, c); // deterministic
        QVERIFY2(differingPixels(a, b, stamp) > 20, qPrintable(video.cameraId(i))); // the seconds tick
        const int below = differingPixels(a, b, QRect(0, 40, 640, 280));
        moving += below > 30;
        // LIYUAN_TEST_ARTIFACTS=DIR keeps every camera's frame for a look
        if (!qEnvironmentVariableIsEmpty("LIYUAN_TEST_ARTIFACTS"))
            a.save(QDir(qEnvironmentVariable("LIYUAN_TEST_ARTIFACTS")).filePath(video.cameraId(i) + "-frame.png"));
    }
    // people and vehicles move in (nearly) every camera's picture
    QVERIFY2(moving >= video.cameraCount() * 8 / 10, qPrintable(QString::number(moving)));
    // other frame formats and sizes are drawn too
    QImage rgb(1280, 720, QImage::Format_RGB888);
    rgb.fill(Qt::black);
    video.draw(0, rgb, 500);
    QImage ref(1280, 720, QImage::Format_RGB32);
    video.draw(0, ref, 500);
    QCOMPARE(rgb.convertToFormat(QImage::Format_RGB32), ref);
}

void TestDemoCameraVideo::wallClockByDefault()
{
    // streams pass their own stream time; by default the picture shows the wall clock regardless
    demo::DemoCameraVideo video(m_result.datasetDir);
    QImage a(640, 360, QImage::Format_RGB32), b(640, 360, QImage::Format_RGB32);
    video.draw(7, a, 0);
    QTest::qWait(1100);
    video.draw(7, b, 0);
    QVERIFY(differingPixels(a, b, QRect(0, 0, 320, 30)) > 20);
}

void TestDemoCameraVideo::agentsHideBehindBuildings()
{
    // The per-frame raster over a background: a wall 10 m away covers the left half of the
    // picture; a red box 20 m away across the middle shows only in the right half, and where
    // CameraPose::toPixel puts its front face.
    CameraPose pose;
    pose.position = Vec3d(0, 0, 1.5);
    pose.hfov = 60;
    pose.aspect = 16.0 / 9.0;
    const int w = 640, h = 360;
    std::vector<uint32_t> color(size_t(w) * h, 0xff000000u);
    std::vector<float> depth(size_t(w) * h, std::numeric_limits<float>::infinity());
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w / 2; ++x)
            depth[size_t(y) * w + x] = 10.0f;
    demo::SceneRaster raster(pose, w, h, color.data(), depth.data());
    const double sun[3] = {0, -1, 0}; // lights the face turned to the camera fully
    raster.drawBox(0, 20, 1, 0, 8, 1, 0, 3, 0xffc00000u, sun);
    auto at = [&](const Vec3d &p) {
        double u = 0, v = 0;
        if (!pose.toPixel(p, w, h, &u, &v))
            return 0u;
        return color[size_t(int(v)) * w + size_t(int(u))];
    };
    const uint32_t right = at(Vec3d(2, 19.5, 1.5)), left = at(Vec3d(-2, 19.5, 1.5)), beside = at(Vec3d(6, 19.5, 1.5));
    QVERIFY2(((right >> 16) & 0xff) > 150 && (right & 0xff) < 30, qPrintable(QString::number(right, 16)));
    QCOMPARE(left, 0xff000000u);   // behind the wall
    QCOMPARE(beside, 0xff000000u); // beside the box
    // the box's depth went into the buffer: a second box behind it stays hidden
    raster.drawBox(0, 30, 1, 0, 8, 1, 0, 3, 0xff00c000u, sun);
    QCOMPARE(at(Vec3d(2, 19.5, 1.5)), right);
    // exactly where the corner projects (to the pixel), the box begins
    double u = 0, v = 0;
    QVERIFY(pose.toPixel(Vec3d(4, 19.5, 2.0), w, h, &u, &v));
    QVERIFY(((color[size_t(int(v)) * w + size_t(int(u) - 2)] >> 16) & 0xff) > 150);
    QCOMPARE(color[size_t(int(v)) * w + size_t(int(u) + 2)], 0xff000000u);
}

void TestDemoCameraVideo::demoEventsInTheFeed()
{
    QFile em(m_result.eventMappingFile);
    QVERIFY(em.open(QIODevice::ReadOnly));
    const QJsonObject mapping = QJsonDocument::fromJson(em.readAll()).object();
    QCOMPARE(mapping.value("type").toString(), QStringLiteral("LiyuanEventMapping"));
    const QJsonObject rule = mapping.value("rules").toArray().at(0).toObject();
    QCOMPARE(rule.value("topic").toString(), QStringLiteral("liyuan/demo/events"));
    QCOMPARE(rule.value("crs").toString(), QStringLiteral("EPSG:4549"));

    QFile feed(m_result.feedFile);
    QVERIFY(feed.open(QIODevice::ReadOnly));
    demo::DemoCameraVideo video(m_result.datasetDir);
    QSet<QString> severities, ids;
    int events = 0;
    while (!feed.atEnd()) {
        const QByteArray line = feed.readLine();
        if (!line.contains("liyuan/demo/events"))
            continue;
        const QJsonObject o = QJsonDocument::fromJson(line).object();
        QCOMPARE(o.value("topic").toString(), QStringLiteral("liyuan/demo/events"));
        const double t = o.value("t").toDouble(-1);
        QVERIFY(t >= 0 && t < 300);
        const QJsonObject p = o.value("payload").toObject();
        ids.insert(p.value("id").toString());
        severities.insert(p.value("severity").toString());
        QVERIFY(!p.value("type").toString().isEmpty() && !p.value("text").toString().isEmpty());
        QVERIFY(QDateTime::fromString(p.value("time").toString(), Qt::ISODate).isValid());
        const Vec3d pos(p.value("position").toObject().value("x").toDouble() - m_recipe.origin[0],
                        p.value("position").toObject().value("y").toDouble() - m_recipe.origin[1], 0.8);
        // a demo camera sees the place (in view, nothing in front of it)
        int seeing = 0;
        for (int i = 0; i < video.cameraCount(); ++i) {
            CameraPose pose = video.scenePose(i);
            double nx = 0, ny = 0, depth = 0;
            if (!pose.toNdc(pos, &nx, &ny, &depth) || std::abs(nx) > 0.95 || std::abs(ny) > 0.95 || depth > pose.farM)
                continue;
            double u = 0, v = 0;
            pose.aspect = 1280.0 / 720.0;
            pose.toPixel(pos, 1280, 720, &u, &v);
            const Depth dimg(QDir(m_result.datasetDir).filePath("cameras/bg/" + video.cameraId(i) + ".depth"));
            const double d = dimg.at(u, v);
            seeing += d > depth - 1.5;
        }
        qInfo("%s (%s) seen by %d cameras", qPrintable(p.value("id").toString()), qPrintable(p.value("type").toString()), seeing);
        QVERIFY2(seeing >= 1, qPrintable(QStringLiteral("%1 seen by %2 cameras").arg(p.value("id").toString()).arg(seeing)));
        ++events;
    }
    QVERIFY2(events >= 5, qPrintable(QString::number(events)));
    QCOMPARE(ids.size(), events);
    QVERIFY2(severities.size() >= 4, qPrintable(QStringList(severities.values()).join(',')));
}

void TestDemoCameraVideo::hostile_data()
{
    QTest::addColumn<QByteArray>("registry");
    QTest::addColumn<QString>("expect");
    QTest::newRow("missing") << QByteArray() << "cannot open";
    QTest::newRow("not-json") << QByteArray("{cameras: [") << "not a JSON object";
    QTest::newRow("no-cameras") << QByteArray(R"({"type":"LiyuanCameraRegistry","version":1,"cameras":[]})") << "no cameras";
    QTest::newRow("no-position") << QByteArray(R"({"cameras":[{"id":"a","heading":3}]})") << "camera 1: needs an id";
    QTest::newRow("no-id") << QByteArray(R"({"cameras":[{"position":[1,2,3],"heading":3}]})") << "camera 1: needs an id";
}

void TestDemoCameraVideo::hostile()
{
    QFETCH(QByteArray, registry);
    QFETCH(QString, expect);
    QTemporaryDir dir;
    if (!registry.isEmpty()) {
        QDir(dir.path()).mkpath("cameras");
        QFile f(QDir(dir.path()).filePath("cameras/cameras.json"));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(registry);
    }
    demo::DemoCameraVideo video(dir.path());
    QVERIFY(!video.isValid());
    QVERIFY2(video.errorString().contains(expect), qPrintable(video.errorString()));
    QVERIFY2(video.errorString().contains("cameras.json"), qPrintable(video.errorString()));
    // drawing anyway: a NO SIGNAL card, no crash
    QImage frame(320, 180, QImage::Format_RGB32);
    frame.fill(Qt::red);
    video.draw(0, frame, 0);
    QVERIFY(frame.pixelColor(160, 90) != QColor(Qt::red));
    QImage null;
    video.draw(0, null, 0);
    QImage tiny(2, 2, QImage::Format_RGB32);
    video.draw(-5, tiny, -100);
}

void TestDemoCameraVideo::brokenBackground_data()
{
    QTest::addColumn<QByteArray>("jpg");
    QTest::addColumn<QByteArray>("depth");
    QTest::addColumn<QString>("warning");
    QFile bgFile(QDir(m_result.datasetDir).filePath("cameras/bg/cam-01.jpg")), dFile(QDir(m_result.datasetDir).filePath("cameras/bg/cam-01.depth"));
    QVERIFY(bgFile.open(QIODevice::ReadOnly) && dFile.open(QIODevice::ReadOnly));
    const QByteArray jpg = bgFile.readAll(), depth = dFile.readAll();
    QTest::newRow("no-files") << QByteArray() << QByteArray() << "cam-01.jpg: missing or unreadable camera background";
    QTest::newRow("no-depth") << jpg << QByteArray() << "cam-01.depth: missing or unreadable camera background depth";
    QTest::newRow("truncated-depth") << jpg << depth.left(depth.size() / 2) << "cam-01.depth: truncated or corrupt data";
    QTest::newRow("not-depth") << jpg << QByteArray("GIF89a garbage") << "cam-01.depth: not a Liyuan depth file";
    QByteArray huge = depth;
    huge[8] = char(0xff);
    huge[9] = char(0xff);
    huge[10] = char(0xff);
    huge[11] = char(0x7f);
    QTest::newRow("hostile-size") << jpg << huge << "cam-01.depth: bad size";
    QTest::newRow("garbage-jpg") << QByteArray("\xff\xd8 not a jpeg") << depth << "cam-01.jpg: missing or unreadable";
}

void TestDemoCameraVideo::brokenBackground()
{
    QFETCH(QByteArray, jpg);
    QFETCH(QByteArray, depth);
    QFETCH(QString, warning);
    QTemporaryDir dir;
    QDir(dir.path()).mkpath("cameras/bg");
    QVERIFY(QFile::copy(m_result.camerasFile, QDir(dir.path()).filePath("cameras/cameras.json")));
    for (const auto &[name, bytes] : {std::pair<QString, QByteArray>("cam-01.jpg", jpg), std::pair<QString, QByteArray>("cam-01.depth", depth)}) {
        if (bytes.isEmpty())
            continue;
        QFile f(QDir(dir.path()).filePath("cameras/bg/" + name));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(bytes);
    }
    demo::DemoCameraVideo video(dir.path());
    QVERIFY2(video.isValid(), qPrintable(video.errorString()));
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QRegularExpression::escape(warning)));
    QImage frame(640, 360, QImage::Format_RGB32);
    frame.fill(Qt::red);
    video.draw(0, frame, 0);
    // the NO SIGNAL card (dark), with the overlay; warned once only
    QVERIFY(qGray(frame.pixel(320, 300)) < 80);
    video.draw(0, frame, 40);
}

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    TestDemoCameraVideo t;
    return QTest::qExec(&t, argc, argv);
}

#include "tst_democameravideo.moc"
