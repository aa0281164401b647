// VideoProjectors: slots, the data the tile material reads (frame atlas cells, depth maps,
// projector rows with CameraPose's view-projection), the depth map made on its worker, and the
// --project-image syntax with hostile rows.
#include <liyuan/scene/quick/VideoProjectors.h>

#include <QImage>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include <cstring>

using namespace liyuan;

namespace {

CameraPose pose(double x = 0)
{
    CameraPose c;
    c.position = {x, -20, 10};
    c.pitch = -20;
    c.hfov = 50;
    c.aspect = 4.0 / 3.0;
    c.nearM = 1;
    c.farM = 120;
    return c;
}

QRgb atlasPixel(const VideoProjectors &p, int x, int y)
{
    const QByteArray d = p.frames()->textureData();
    const int w = p.frames()->size().width();
    const uchar *px = reinterpret_cast<const uchar *>(d.constData()) + (qsizetype(y) * w + x) * 4;
    return qRgba(px[0], px[1], px[2], px[3]);
}

} // namespace

class tst_VideoProjectors : public QObject
{
    Q_OBJECT
private slots:
    void slotsAndProperties()
    {
        VideoProjectors p;
        QSignalSpy changed(&p, &VideoProjectors::changed);
        QCOMPARE(p.count(), 0);
        p.setProjection(1, "cam-1", pose());
        p.setProjection(VideoProjectors::kSlots, "beyond", pose()); // ignored
        p.setProjection(-1, "negative", pose());                   // ignored
        CameraPose bad = pose();
        bad.hfov = 190;
        p.setProjection(2, "bad fov", bad); // ignored
        bad = pose();
        bad.position.x = qQNaN();
        p.setProjection(3, "nan", bad); // ignored
        QCOMPARE(p.count(), 1);
        QCOMPARE(p.slotId(1), QStringLiteral("cam-1"));
        QVERIFY(changed.count() >= 1);
        p.clear(1);
        p.clear(7);
        QCOMPARE(p.count(), 0);
        p.setOpacity(3);
        QCOMPARE(p.opacity(), 1.0);
        p.setOpacity(-1);
        QCOMPARE(p.opacity(), 0.0);
        p.setSoftness(qQNaN());
        QCOMPARE(p.softness(), 0.0);
        QCOMPARE(p.depthSize(), QVector2D(512, 288));
        QCOMPARE(p.depth()->size(), QSize(512, 288 * 4));
        QCOMPARE(p.frames()->size(), QSize(1280, 720));
    }

    void frameGoesIntoItsCell()
    {
        VideoProjectors p;
        QImage img(64, 48, QImage::Format_RGB32);
        img.fill(QColor(10, 200, 30));
        for (int x = 0; x < 64; ++x)
            img.setPixelColor(x, 0, QColor(250, 0, 0)); // the top row red
        p.setProjection(3, "cam-3", pose());
        p.setFrame(3, img);
        p.setFrame(9, img); // ignored
        QTRY_COMPARE(qRed(atlasPixel(p, 640 + 320, 360 + 180)), 10); // slot 3: right column, bottom row, scaled up
        QCOMPARE(qGreen(atlasPixel(p, 640 + 320, 360 + 180)), 200);
        QVERIFY(qRed(atlasPixel(p, 640 + 320, 360)) > 200); // its top row first
        QCOMPARE(atlasPixel(p, 10, 10), qRgba(0, 0, 0, 0)); // slot 0 untouched
    }

    void drawnOnceItHasAPictureAndADepthMap()
    {
        VideoProjectors p; // no streamer: nothing occludes, the depth map is empty
        QSignalSpy ready(&p, &VideoProjectors::depthReady);
        const CameraPose c = pose(5);
        p.setProjection(2, "cam-2", c);
        QVERIFY(ready.wait(5000));
        QCOMPARE(p.activeCount(), 0); // no picture yet
        QVERIFY(p.settled());
        QImage img(32, 24, QImage::Format_RGB32);
        img.fill(Qt::white);
        p.setFrame(2, img);
        QCOMPARE(p.activeCount(), 1);
        // row 0 of the projector rows: the pose's view-projection, position and slot, near/far
        const QByteArray rows = p.params()->textureData();
        const float *f = reinterpret_cast<const float *>(rows.constData());
        double m[16];
        c.viewProjection(m);
        for (int i = 0; i < 16; ++i)
            QVERIFY(std::abs(f[i] - float(m[i])) < 1e-5f * std::max(1.0, std::abs(m[i])));
        QCOMPARE(f[16], 5.0f);
        QCOMPARE(f[19], 2.0f);
        QCOMPARE(f[20], 1.0f);
        QCOMPARE(f[21], 120.0f);
        QVERIFY(p.depthMap(2));
        QCOMPARE(p.depthMap(2)->at(10, 10), DepthRaster::empty());
        const QJsonArray state = p.stateJson();
        QCOMPARE(state.size(), 1);
        QCOMPARE(state[0].toObject()["slot"].toInt(), 2);
        QVERIFY(state[0].toObject()["drawn"].toBool());
        // moved: a new depth map for the new pose, drawn with it once made
        p.setProjection(2, "cam-2", pose(7));
        QVERIFY(!p.settled());
        QVERIFY(ready.wait(5000));
        QCOMPARE(reinterpret_cast<const float *>(p.params()->textureData().constData())[16], 7.0f);
        p.clear(2);
        QCOMPARE(p.activeCount(), 0);
    }

    void imageSpecs_data()
    {
        QTest::addColumn<QString>("spec");
        QTest::addColumn<bool>("ok");
        QTest::addColumn<QString>("message");
        QTest::newRow("seven numbers") << "a.png@1,2,3,90,-10,0,60" << true << "";
        QTest::newRow("with aspect") << "a.png@1,2,3,90,-10,0,60,1.5" << true << "";
        QTest::newRow("with near and far") << "a.png@1,2,3,90,-10,0,60,0,2,80" << true << "";
        QTest::newRow("an @ in the file name") << "me@home.png@1,2,3,90,-10,0,60" << true << "";
        QTest::newRow("no @") << "a.png" << false << "needs FILE@";
        QTest::newRow("empty file") << "@1,2,3,0,0,0,60" << false << "needs FILE@";
        QTest::newRow("nine numbers") << "a.png@1,2,3,0,0,0,60,1,2" << false << "needs 7, 8 or 10 numbers";
        QTest::newRow("text") << "a.png@1,2,3,0,0,0,wide" << false << "'wide' is not a number";
        QTest::newRow("infinity") << "a.png@inf,2,3,0,0,0,60" << false << "is not a number";
        QTest::newRow("zero fov") << "a.png@1,2,3,0,0,0,0" << false << "hfov";
        QTest::newRow("far before near") << "a.png@1,2,3,0,0,0,60,0,9,3" << false << "0 < near < far";
    }
    void imageSpecs()
    {
        QFETCH(QString, spec);
        QFETCH(bool, ok);
        QFETCH(QString, message);
        QString file, error;
        CameraPose c;
        bool aspectGiven = false;
        QCOMPARE(VideoProjectors::parseImageSpec(spec, &file, &c, &aspectGiven, &error), ok);
        if (!ok) {
            QVERIFY2(error.contains(message), qPrintable(error));
            return;
        }
        QVERIFY(file.endsWith(".png"));
        QCOMPARE(c.position.x, 1.0);
        QCOMPARE(c.heading, 90.0);
        QCOMPARE(c.pitch, -10.0);
    }

    void unreadablePicture()
    {
        QTemporaryDir dir;
        const QString junk = dir.filePath("junk.jpg");
        QFile f(junk);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("\xff\xd8 not really a jpeg");
        f.close();
        VideoProjectors p;
        QString error;
        QVERIFY(!p.projectImageSpec(0, junk + "@0,0,10,0,-30,0,60", &error));
        QVERIFY2(error.contains(junk) && error.contains("cannot read"), qPrintable(error));
        QVERIFY(!p.projectImageSpec(0, dir.filePath("missing.png") + "@0,0,10,0,-30,0,60", &error));
        QVERIFY2(error.contains("missing.png"), qPrintable(error));
        QCOMPARE(p.count(), 0);
    }
};

QTEST_GUILESS_MAIN(tst_VideoProjectors)
#include "tst_videoprojectors.moc"
