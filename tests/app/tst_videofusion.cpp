// Video fusion through the real app (xvfb-run): a test pattern projected with --project-image
// from a known pose onto a scene the test writes (a ground and a wall, an OBJ model) lands
// where CameraPose says, the wall keeps it off the ground behind it, nothing outside the
// frustum or at opacity 0, a shifted pose moves it, four projections at once.
#include "TestRequire.h"
#include "AppRunner.h"

#include <liyuan/geodata/CameraPose.h>

#include <QDir>
#include <QFile>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPainter>
#include <QQuaternion>
#include <QTemporaryDir>
#include <QVector3D>

#include <cmath>
#include <functional>

using liyuan::CameraPose;
using liyuan::Vec3d;

namespace {

// the view camera of every screenshot: from the south, high, looking at the ground north of the wall
const QVector3D kEye(0, -75, 95), kTarget(0, -8, 0);
const int kW = 800, kH = 600;

/**
 * The scene: a 140 m × 140 m grey ground at z = 0 around the origin and a wall 10 m long
 * (x 6…16), 0.5 m thick (y −20.25…−19.75), 8 m high; OBJ is Y up (scene (x, y, z) = OBJ (x, z, −y)).
 */
bool writeScene(const QString &dir)
{
    QFile mtl(dir + "/scene.mtl"), obj(dir + "/scene.obj");
    if (!mtl.open(QIODevice::WriteOnly) || !obj.open(QIODevice::WriteOnly))
        return false;
    mtl.write("newmtl ground\nKd 0.55 0.55 0.55\nnewmtl wall\nKd 0.75 0.72 0.68\n");
    QByteArray o = "mtllib scene.mtl\no scene\n";
    auto v = [&o](double x, double y, double z) { o += QStringLiteral("v %1 %2 %3\n").arg(x).arg(z).arg(-y).toUtf8(); };
    v(-70, -70, 0), v(70, -70, 0), v(70, 70, 0), v(-70, 70, 0);
    o += "usemtl ground\nf 1 2 3\nf 1 3 4\n";
    const double x0 = 6, x1 = 16, y0 = -20.25, y1 = -19.75, h = 8;
    for (int k = 0; k < 8; ++k) // 5 + k: corner k (bit 0 x, bit 1 y, bit 2 z)
        v(k & 1 ? x1 : x0, k & 2 ? y1 : y0, k & 4 ? h : 0);
    o += "usemtl wall\n";
    const int quads[6][4] = {{0, 1, 5, 4}, {2, 6, 7, 3}, {0, 4, 6, 2}, {1, 3, 7, 5}, {4, 5, 7, 6}, {0, 2, 3, 1}};
    for (const auto &q : quads)
        o += QStringLiteral("f %1 %2 %3\nf %1 %3 %4\n").arg(q[0] + 5).arg(q[1] + 5).arg(q[2] + 5).arg(q[3] + 5).toUtf8();
    return obj.write(o) == o.size();
}

const QColor kTopLeft(230, 20, 20), kTopRight(20, 200, 20), kBottomLeft(20, 40, 230), kBottomRight(240, 220, 0);

/** A 400 × 300 test pattern: four coloured quadrants and a centre disc of `centre` colour (radius 30 px). */
bool writePattern(const QString &file, const QColor &centre)
{
    QImage img(400, 300, QImage::Format_RGB32);
    QPainter p(&img);
    p.fillRect(0, 0, 200, 150, kTopLeft);
    p.fillRect(200, 0, 200, 150, kTopRight);
    p.fillRect(0, 150, 200, 150, kBottomLeft);
    p.fillRect(200, 150, 200, 150, kBottomRight);
    p.setPen(Qt::NoPen);
    p.setBrush(centre);
    p.drawEllipse(QPointF(200, 150), 30, 30);
    p.end();
    return img.save(file);
}

/** The projector: 40 m south of the origin, 20 m up, looking north 30° down, 60° wide, 4:3. */
CameraPose projector(double dx = 0)
{
    CameraPose c;
    c.position = Vec3d(dx, -40, 20);
    c.heading = 0;
    c.pitch = -30;
    c.hfov = 60;
    c.aspect = 4.0 / 3.0;
    c.nearM = 1;
    c.farM = 150;
    return c;
}

QString spec(const QString &png, const CameraPose &c)
{
    return QStringLiteral("%1@%2,%3,%4,%5,%6,%7,%8,%9,%10,%11")
            .arg(png)
            .arg(c.position.x)
            .arg(c.position.y)
            .arg(c.position.z)
            .arg(c.heading)
            .arg(c.pitch)
            .arg(c.roll)
            .arg(c.hfov)
            .arg(c.aspect)
            .arg(c.nearM)
            .arg(c.farM);
}

/** Camera path (two equal keys) at eye looking at target, Z up (identity looks down −Z, +Y up). */
QString writeLookAt(const QString &file, const QVector3D &eye, const QVector3D &target)
{
    const QVector3D forward = (target - eye).normalized();
    const QVector3D right = QVector3D::crossProduct(forward, QVector3D(0, 0, 1)).normalized();
    const QVector3D up = QVector3D::crossProduct(right, forward);
    const QQuaternion q = QQuaternion::fromAxes(right, up, -forward);
    QFile f(file);
    f.open(QIODevice::WriteOnly);
    for (int t = 0; t < 2; ++t)
        f.write(QStringLiteral("%1 %2 %3 %4 %5 %6 %7 %8\n").arg(t).arg(eye.x()).arg(eye.y()).arg(eye.z())
                        .arg(q.x(), 0, 'g', 9).arg(q.y(), 0, 'g', 9).arg(q.z(), 0, 'g', 9).arg(q.scalar(), 0, 'g', 9).toUtf8());
    return file;
}

/** Where a scene point lands in a w × h screenshot from eye looking at target (the viewer's 45° vertical field of view). */
QPoint screen(const Vec3d &p, const QVector3D &kEye = ::kEye, const QVector3D &kTarget = ::kTarget, int kW = ::kW, int kH = ::kH)
{
    const QVector3D forward = (kTarget - kEye).normalized();
    const QVector3D right = QVector3D::crossProduct(forward, QVector3D(0, 0, 1)).normalized();
    const QVector3D up = QVector3D::crossProduct(right, forward);
    const QVector3D d = QVector3D(float(p.x), float(p.y), float(p.z)) - kEye;
    const double t = std::tan(22.5 * M_PI / 180.0), depth = QVector3D::dotProduct(d, forward);
    return QPoint(int(std::lround(kW / 2.0 + QVector3D::dotProduct(d, right) / depth / t * kH / 2.0)),
                  int(std::lround(kH / 2.0 - QVector3D::dotProduct(d, up) / depth / t * kH / 2.0)));
}

/** Mean colour of the 5 × 5 pixels around the screen point of p. */
QColor at(const QImage &img, const Vec3d &p)
{
    const QPoint c = screen(p);
    int sum[3] = {0, 0, 0}, n = 0;
    for (int y = c.y() - 2; y <= c.y() + 2; ++y)
        for (int x = c.x() - 2; x <= c.x() + 2; ++x, ++n) {
            const QColor q = img.pixelColor(x, y);
            sum[0] += q.red(), sum[1] += q.green(), sum[2] += q.blue();
        }
    return QColor(sum[0] / n, sum[1] / n, sum[2] / n);
}

int distance(const QColor &a, const QColor &b)
{
    return std::abs(a.red() - b.red()) + std::abs(a.green() - b.green()) + std::abs(a.blue() - b.blue());
}

QByteArray describe(const QColor &c)
{
    return QStringLiteral("rgb(%1,%2,%3)").arg(c.red()).arg(c.green()).arg(c.blue()).toUtf8();
}

/** The ground point the projector's ray through normalised image point (nx, ny) hits (z = 0). */
Vec3d groundAt(const CameraPose &c, double nx, double ny)
{
    const Vec3d d = (c.forward() + c.right() * (nx * c.tanHalfH()) + c.up() * (ny * c.tanHalfV())).normalized();
    return c.position + d * (-c.position.z / d.z);
}

/** Centroid (screen pixels) of the pixels `match` accepts; false when none. */
bool centroidOf(const QImage &img, const std::function<bool(const QColor &)> &match, QPointF *centroid, int *count)
{
    double sx = 0, sy = 0;
    int n = 0;
    for (int y = 0; y < img.height(); ++y)
        for (int x = 0; x < img.width(); ++x)
            if (match(img.pixelColor(x, y)))
                sx += x, sy += y, ++n;
    *count = n;
    if (n == 0)
        return false;
    *centroid = QPointF(sx / n, sy / n);
    return true;
}

/** Within `tolerance` (sum of channel differences) of c. */
std::function<bool(const QColor &)> near(const QColor &c, int tolerance)
{
    return [c, tolerance](const QColor &q) { return distance(q, c) <= tolerance; };
}

} // namespace

class tst_VideoFusion : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString m_path;

    /** Screenshot of the scene with the given extra arguments; its state JSON in *state. */
    QImage shoot(const QString &name, const QStringList &extra, QJsonObject *state = nullptr)
    {
        const QString png = m_dir.filePath(name + ".png"), json = m_dir.filePath(name + ".json");
        QStringList args{m_dir.filePath("scene/scene.obj"), "--camera-path", m_path, "--screenshot", png,
                         "--size", QStringLiteral("%1x%2").arg(kW).arg(kH), "--state-json", json};
        const AppRun r = runApp(args + extra, 180000);
        if (r.exitCode != 0) {
            qWarning("%s", r.what().constData());
            return {};
        }
        if (state) {
            QFile f(json);
            f.open(QIODevice::ReadOnly);
            *state = QJsonDocument::fromJson(f.readAll()).object();
        }
        return QImage(png).convertToFormat(QImage::Format_RGB32);
    }

private slots:
    void initTestCase()
    {
        if (qEnvironmentVariableIsEmpty("DISPLAY") && qEnvironmentVariable("QT_QPA_PLATFORM") != "offscreen")
            LIYUAN_SKIP("no display: run under xvfb-run");
        QVERIFY(m_dir.isValid());
        if (qEnvironmentVariableIsSet("LIYUAN_KEEP_TEST_FILES")) { // to look at the screenshots
            m_dir.setAutoRemove(false);
            qInfo("files kept in %s", qPrintable(m_dir.path()));
        }
        QVERIFY(QDir().mkpath(m_dir.filePath("scene")));
        QVERIFY(writeScene(m_dir.filePath("scene")));
        QVERIFY(writePattern(m_dir.filePath("pattern.png"), Qt::magenta));
        m_path = writeLookAt(m_dir.filePath("view.path"), kEye, kTarget);
    }

    void patternLandsWhereTheCameraLooks()
    {
        const CameraPose cam = projector();
        const QImage base = shoot("base", {});
        QVERIFY(!base.isNull());
        QJsonObject state;
        const QImage img = shoot("one", {"--project-image", spec(m_dir.filePath("pattern.png"), cam)}, &state);
        QVERIFY(!img.isNull());

        const QJsonArray projections = state["projections"].toArray();
        QCOMPARE(projections.size(), 1);
        const QJsonObject p0 = projections[0].toObject();
        QCOMPARE(p0["slot"].toInt(), 0);
        QCOMPARE(p0["id"].toString(), QStringLiteral("pattern.png"));
        QVERIFY(p0["depthReady"].toBool());
        QVERIFY(p0["drawn"].toBool());
        QVERIFY2(p0["depthTriangles"].toDouble() >= 4, "the ground and the wall are in the depth map");
        QCOMPARE(p0["pose"].toObject()["pitch"].toDouble(), -30.0);

        // the centre of the picture on the ground where the projector's axis meets it
        const Vec3d centre = groundAt(cam, 0, 0);
        QVERIFY2(distance(at(img, centre), Qt::magenta) < 40, describe(at(img, centre)));
        // each quadrant where CameraPose puts it (well inside: away from the disc and the soft border)
        const struct { double nx, ny; QColor c; } quads[] = {{-0.5, 0.5, kTopLeft}, {0.5, 0.5, kTopRight},
                                                            {-0.5, -0.5, kBottomLeft}, {0.3, -0.5, kBottomRight}};
        for (const auto &q : quads) {
            const Vec3d g = groundAt(cam, q.nx, q.ny);
            QVERIFY2(distance(at(img, g), q.c) < 40, describe(at(img, g)) + " expected " + describe(q.c));
        }
        // behind the wall (as the projector sees it) in the bottom-right quadrant: the ground as it was
        const Vec3d hidden(10, -10, 0);
        double nx = 0, ny = 0;
        QVERIFY(cam.toNdc(hidden, &nx, &ny));
        QVERIFY2(nx > 0.2 && nx < 0.8 && ny < -0.05 && ny > -0.8, "the hidden point lies in the frustum");
        QVERIFY2(distance(at(img, hidden), at(base, hidden)) < 12,
                 describe(at(img, hidden)) + " was " + describe(at(base, hidden)));
        // the wall's face turned to the projector takes the picture
        const Vec3d wallFace(12, -20.25, 6);
        QVERIFY(cam.contains(wallFace));
        QVERIFY2(distance(at(img, wallFace), at(base, wallFace)) > 60, describe(at(img, wallFace)));
        // outside the frustum (to the east): untouched
        const Vec3d outside(45, 0, 0);
        QVERIFY(!cam.contains(outside));
        QVERIFY2(distance(at(img, outside), at(base, outside)) < 12, describe(at(img, outside)));

        // opacity 0: nothing projected anywhere
        const QImage none = shoot("opacity0", {"--project-image", spec(m_dir.filePath("pattern.png"), cam),
                                               "--projection-opacity", "0"});
        QVERIFY(!none.isNull());
        QVERIFY2(distance(at(none, centre), at(base, centre)) < 12, describe(at(none, centre)));
        int differing = 0;
        for (int y = 0; y < kH; y += 4)
            for (int x = 0; x < kW; x += 4)
                differing += distance(none.pixelColor(x, y), base.pixelColor(x, y)) > 12 ? 1 : 0;
        QCOMPARE(differing, 0);
        // half opacity: half way
        const QImage half = shoot("opacity05", {"--project-image", spec(m_dir.filePath("pattern.png"), cam),
                                                "--projection-opacity", "0.5"});
        const QColor mid = at(half, centre), was = at(base, centre);
        QVERIFY2(std::abs(mid.red() - (was.red() + 255) / 2) < 20 && std::abs(mid.green() - was.green() / 2) < 20,
                 describe(mid));
    }

    void misplacedCameraShowsMisaligned()
    {
        // the same picture from a pose 4 m further east: the disc moves 4 m east on the ground
        int n0 = 0, n1 = 0;
        QPointF c0, c1;
        const QImage a = shoot("aligned", {"--project-image", spec(m_dir.filePath("pattern.png"), projector())});
        const QImage b = shoot("shifted", {"--project-image", spec(m_dir.filePath("pattern.png"), projector(4))});
        QVERIFY(!a.isNull() && !b.isNull());
        QVERIFY(centroidOf(a, near(Qt::magenta, 40), &c0, &n0));
        QVERIFY(centroidOf(b, near(Qt::magenta, 40), &c1, &n1));
        const QPoint expected0 = screen(groundAt(projector(), 0, 0)), expected1 = screen(groundAt(projector(4), 0, 0));
        qInfo("disc centroid %.1f,%.1f (expected %d,%d), shifted %.1f,%.1f (expected %d,%d)", c0.x(), c0.y(), expected0.x(),
              expected0.y(), c1.x(), c1.y(), expected1.x(), expected1.y());
        QVERIFY(n0 > 50 && n1 > 50);
        // (the disc's centroid on screen lies a little off its centre's image: perspective)
        QVERIFY(std::hypot(c0.x() - expected0.x(), c0.y() - expected0.y()) < 6);
        QVERIFY(std::hypot(c1.x() - expected1.x(), c1.y() - expected1.y()) < 6);
        QVERIFY2(std::abs((c1.x() - c0.x()) - (expected1.x() - expected0.x())) < 2 && std::abs(c1.y() - c0.y()) < 2,
                 "the disc moved east with the camera, as far as the camera");
        QVERIFY(expected1.x() - expected0.x() > 15);
    }

    void fourProjectionsAtOnce()
    {
        const QColor centres[4] = {Qt::magenta, Qt::cyan, QColor(255, 128, 0), Qt::white};
        QStringList args;
        CameraPose poses[4];
        for (int i = 0; i < 4; ++i) {
            const QString png = m_dir.filePath(QStringLiteral("pattern%1.png").arg(i));
            QVERIFY(writePattern(png, centres[i]));
            poses[i] = projector();
            poses[i].position = Vec3d(-45 + 30 * i, 10, 15); // four cameras side by side, looking north-ish
            poses[i].heading = 0;
            poses[i].hfov = 40;
            poses[i].pitch = -45;
            args << "--project-image" << spec(png, poses[i]);
        }
        QJsonObject state;
        const QImage img = shoot("four", args, &state);
        QVERIFY(!img.isNull());
        const QJsonArray projections = state["projections"].toArray();
        QCOMPARE(projections.size(), 4);
        for (int i = 0; i < 4; ++i) {
            QVERIFY(projections[i].toObject()["drawn"].toBool());
            const Vec3d c = groundAt(poses[i], 0, 0);
            QVERIFY2(distance(at(img, c), centres[i]) < 40,
                     QByteArray::number(i) + ": " + describe(at(img, c)) + " expected " + describe(centres[i]));
        }
        // a fifth is refused on the command line
        const AppRun r = runApp({"--project-image", spec(m_dir.filePath("pattern.png"), projector()), "--project-image",
                                 spec(m_dir.filePath("pattern.png"), projector()), "--project-image",
                                 spec(m_dir.filePath("pattern.png"), projector()), "--project-image",
                                 spec(m_dir.filePath("pattern.png"), projector()), "--project-image",
                                 spec(m_dir.filePath("pattern.png"), projector()), "--screenshot", m_dir.filePath("x.png")});
        QCOMPARE(r.exitCode, 64);
        QVERIFY2(r.err.contains("at most 4"), qPrintable(r.err));
    }

    void demoDistrictPhotogrammetry()
    {
        // the demo district (photogrammetry, terrain, footprints: the unlit stages): the pattern
        // projected over its plaza from 45 m up; the disc lands where the projector's axis meets
        // the mesh (reported in --state-json) as the view camera sees that point
        QTemporaryDir demo;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert("LIYUAN_DEMO_DIR", demo.filePath("district"));
        const AppRun g = runApp({"--screenshot", demo.filePath("gen.png"), "--size", "320x240", "--state-json",
                                 demo.filePath("gen.json")}, 300000, env);
        QVERIFY2(g.exitCode == 0, g.what());
        QFile gj(demo.filePath("gen.json"));
        QVERIFY(gj.open(QIODevice::ReadOnly));
        QJsonArray bounds;
        for (const QJsonValue &l : QJsonDocument::fromJson(gj.readAll()).object()["layers"].toArray())
            if (l.toObject()["kind"].toString() == "photogrammetry")
                bounds = l.toObject()["bounds"].toArray();
        QCOMPARE(bounds.size(), 6);
        const double cx = 0.5 * (bounds[0].toDouble() + bounds[3].toDouble()), cy = 0.5 * (bounds[1].toDouble() + bounds[4].toDouble());
        CameraPose cam;
        cam.position = Vec3d(cx, cy - 100, 45);
        cam.pitch = -30;
        cam.hfov = 60;
        cam.aspect = 4.0 / 3.0;
        cam.nearM = 1;
        cam.farM = 250;
        const QVector3D eye(float(cx), float(cy - 180), 160), target(float(cx), float(cy - 10), 0);
        const QString path = writeLookAt(demo.filePath("view.path"), eye, target);
        const QString png = demo.filePath("fused.png"), json = demo.filePath("fused.json");
        const AppRun r = runApp({"--screenshot", png, "--size", "800x600", "--camera-path", path, "--state-json", json,
                                 "--project-image", spec(m_dir.filePath("pattern.png"), cam)}, 300000, env);
        QVERIFY2(r.exitCode == 0, r.what());
        QFile f(json);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QJsonObject p0 = QJsonDocument::fromJson(f.readAll()).object()["projections"].toArray()[0].toObject();
        QVERIFY(p0["drawn"].toBool());
        QVERIFY2(p0["depthTriangles"].toDouble() > 1000, "the district's meshes are in the depth map");
        const QJsonArray hit = p0["axisHit"].toArray();
        QCOMPARE(hit.size(), 3);
        const Vec3d axisHit(hit[0].toDouble(), hit[1].toDouble(), hit[2].toDouble());
        QVERIFY2(std::abs(axisHit.x - cx) < 1 && axisHit.y > cy - 100 && axisHit.y < cy + 100, "the axis meets the plaza");
        const QImage img = QImage(png).convertToFormat(QImage::Format_RGB32);
        QPointF c;
        int n = 0;
        // magenta under the district's translucent heritage-zone volumes (drawn over it, tinted)
        auto magentaLike = [](const QColor &q) { return q.red() > 170 && q.blue() > 140 && q.green() < 100; };
        const QPoint expected = screen(axisHit, eye, target, 800, 600);
        const QRect around(expected - QPoint(80, 80), QSize(161, 161)); // (POI icons elsewhere are magenta too)
        QVERIFY(centroidOf(img.copy(around), magentaLike, &c, &n));
        c += around.topLeft();
        qInfo("demo: magenta disc %d px around %.1f,%.1f; the axis hit projects to %d,%d", n, c.x(), c.y(), expected.x(),
              expected.y());
        QVERIFY2(n > 300, "the disc is drawn on the photogrammetry");
        QVERIFY(std::hypot(c.x() - expected.x(), c.y() - expected.y()) < 10);
    }

    void badSpecs_data()
    {
        QTest::addColumn<QString>("spec");
        QTest::addColumn<QString>("message");
        QTest::newRow("no @") << "pattern.png" << "needs FILE@";
        QTest::newRow("too few numbers") << "p.png@1,2,3" << "needs 7, 8 or 10 numbers";
        QTest::newRow("not a number") << "p.png@1,2,3,0,0,0,sixty" << "'sixty' is not a number";
        QTest::newRow("hfov 180") << "p.png@1,2,3,0,0,0,180" << "hfov must lie between 0 and 180";
        QTest::newRow("near beyond far") << "p.png@1,2,3,0,0,0,60,1.5,10,5" << "0 < near < far";
        QTest::newRow("negative aspect") << "p.png@1,2,3,0,0,0,60,-1" << "aspect must be positive";
        QTest::newRow("hostile number") << "p.png@1e300,2,3,0,0,0,60" << "is not a number";
    }
    void badSpecs()
    {
        QFETCH(QString, spec);
        QFETCH(QString, message);
        const AppRun r = runApp({"--project-image", spec, "--screenshot", m_dir.filePath("bad.png")});
        QCOMPARE(r.exitCode, 64);
        QVERIFY2(r.err.contains(message), qPrintable(r.err));
    }

    void badOpacity_data()
    {
        QTest::addColumn<QString>("value");
        QTest::newRow("above 1") << "2";
        QTest::newRow("negative") << "-0.5";
        QTest::newRow("text") << "half";
        QTest::newRow("nan") << "nan";
    }
    void badOpacity()
    {
        QFETCH(QString, value);
        const AppRun r = runApp({"--projection-opacity", value, "--screenshot", m_dir.filePath("bad.png")});
        QCOMPARE(r.exitCode, 64);
        QVERIFY2(r.err.contains("--projection-opacity must be a number from 0 to 1"), qPrintable(r.err));
    }

    void unreadablePictureIsNamed()
    {
        const QString junk = m_dir.filePath("junk.png");
        QFile f(junk);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("not a picture at all");
        f.close();
        const QString png = m_dir.filePath("junk-shot.png");
        const AppRun r = runApp({m_dir.filePath("scene/scene.obj"), "--camera-path", m_path, "--screenshot", png,
                                 "--project-image", spec(junk, projector())},
                                180000);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(junk) && r.err.contains("cannot read the picture"), qPrintable(r.err));
    }
};

QTEST_GUILESS_MAIN(tst_VideoFusion)
#include "tst_videofusion.moc"
