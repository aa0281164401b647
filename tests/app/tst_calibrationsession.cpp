// CalibrationSession (app/cameras) on a real CameraLayer with a registry file: picks in the picture
// and in the scene made from a known "true" pose; solve() on a worker recovers it; preview moves the
// camera's pose and cancel restores it; save() writes the calibrated pose into the registry file,
// which then loads with the new pose. Hostile flows: too few pairs, a scene pick without a picture
// pick, picks outside the picture, an unknown camera.
#include "CalibrationSession.h"
#include "CameraLayer.h"

#include <liyuan/scene/TileStreamer.h>
#include <liyuan/scene/quick/CameraController.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace liyuan;

class tst_CalibrationSession : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    TileStreamer *m_streamer = nullptr;
    CameraController *m_view = nullptr;
    CameraLayer *m_cameras = nullptr;
    QString m_file;

    // the registry says the camera stands here; the truth is a bit off (a misplaced camera)
    static CameraPose registered()
    {
        CameraPose p;
        p.position = Vec3d(100, 200, 12);
        p.heading = 30;
        p.pitch = -20;
        p.hfov = 60;
        p.aspect = 16.0 / 9.0;
        p.farM = 200;
        return p;
    }
    static CameraPose truth()
    {
        CameraPose p = registered();
        p.position = Vec3d(102.5, 198.8, 13.1);
        p.heading = 33.5;
        p.pitch = -17.2;
        p.roll = 1.5;
        p.hfov = 52;
        return p;
    }
    static QVector<Vec3d> scenePoints()
    {
        // points the true camera sees, spread over the picture and in depth (not on one plane)
        const CameraPose t = truth();
        const double px[8][3] = {{200, 150, 25}, {1000, 120, 60}, {640, 360, 40}, {300, 600, 18},
                                 {1100, 650, 22}, {800, 500, 35}, {150, 400, 50}, {950, 300, 30}};
        QVector<Vec3d> out;
        for (const auto &q : px)
            out << t.position + t.rayThroughPixel(q[0], q[1], 1280, 720) * q[2];
        return out;
    }

    bool waitReady()
    {
        QElapsedTimer t;
        t.start();
        while (m_cameras->status() != QLatin1String("ready") && t.elapsed() < 20000) {
            QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
            m_cameras->onFrame();
        }
        return m_cameras->status() == QLatin1String("ready");
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_file = m_dir.filePath("registry.json");
        const CameraPose p = registered();
        QJsonObject cam{{"id", "cam-a"}, {"name", "Gate"}, {"position", QJsonArray{p.position.x, p.position.y, p.position.z}},
                        {"heading", p.heading}, {"pitch", p.pitch}, {"hfov", p.hfov}, {"aspect", p.aspect}, {"far", p.farM},
                        {"streams", QJsonObject{{"main", "rtsp://127.0.0.1:9/a"}}}};
        QFile f(m_file);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QJsonDocument(QJsonObject{{"type", "LiyuanCameraRegistry"}, {"version", 1}, {"cameras", QJsonArray{cam}}}).toJson());
        f.close();
        m_streamer = new TileStreamer(this);
        m_streamer->setSceneFrame(LocalFrame()); // a local frame: registry coordinates are scene coordinates
        m_view = new CameraController(this);
        m_cameras = new CameraLayer(m_streamer, m_view, nullptr, this);
        QVERIFY(m_cameras->open(m_file));
        QVERIFY2(waitReady(), qPrintable(m_cameras->errorText()));
    }

    void recoversTheTruePose()
    {
        CalibrationSession s(m_cameras, m_view);
        QVERIFY(s.start("cam-a", QSize(1280, 720)));
        QVERIFY(s.active());
        QCOMPARE(s.step(), QStringLiteral("video"));
        const CameraPose t = truth();
        for (const Vec3d &p : scenePoints()) {
            double u, v;
            QVERIFY(t.toPixel(p, 1280, 720, &u, &v));
            s.addVideoPoint(u, v, 1280, 720);
            QCOMPARE(s.step(), QStringLiteral("scene"));
            s.addScenePoint(p);
            QCOMPARE(s.step(), QStringLiteral("video"));
        }
        QCOMPARE(s.pairs().size(), scenePoints().size());
        QSignalSpy done(&s, &CalibrationSession::solveFinished);
        QVERIFY(s.solve());
        QVERIFY(done.wait(30000));
        QVERIFY2(done.first().first().toBool(), qPrintable(s.resultText()));
        QVERIFY(s.solved());
        QVERIFY2(s.rmsPx() < 0.5, qPrintable(s.resultText()));
        const CameraPose r = s.solvedPose();
        QVERIFY2((r.position - t.position).length() < 0.1, qPrintable(s.resultText()));
        QVERIFY(std::abs(r.hfov - t.hfov) < 0.5);
        QVERIFY(std::abs(r.heading - t.heading) < 0.2);

        // preview moves the camera; cancel puts it back
        s.setPreview(true);
        QVERIFY((m_cameras->pose("cam-a").position - t.position).length() < 0.1);
        s.cancel();
        QVERIFY((m_cameras->pose("cam-a").position - registered().position).length() < 1e-6);
        QVERIFY(!s.active());
    }

    void saveWritesTheRegistry()
    {
        CalibrationSession s(m_cameras, m_view);
        QVERIFY(s.start("cam-a", QSize(1280, 720)));
        const CameraPose t = truth();
        for (const Vec3d &p : scenePoints()) {
            double u, v;
            t.toPixel(p, 1280, 720, &u, &v);
            s.addVideoPoint(u, v, 1280, 720);
            s.addScenePoint(p);
        }
        QSignalSpy done(&s, &CalibrationSession::solveFinished);
        QVERIFY(s.solve());
        QVERIFY(done.wait(30000));
        QVERIFY(s.save());
        QVERIFY((m_cameras->pose("cam-a").position - t.position).length() < 0.1);
        // the file holds the calibrated pose: a fresh load finds it
        QString error;
        const cameras::CameraRegistry again = cameras::CameraRegistry::load(m_file, &error);
        QVERIFY2(again.isValid(), qPrintable(error));
        const cameras::CameraRecord &c = again.cameras().first();
        QVERIFY2((c.position - t.position).length() < 0.1, qPrintable(QStringLiteral("%1 %2 %3").arg(c.position.x).arg(c.position.y).arg(c.position.z)));
        QVERIFY(std::abs(c.hfov - t.hfov) < 0.5);
    }

    void hostileFlows()
    {
        CalibrationSession s(m_cameras, m_view);
        QVERIFY(!s.start("no-such-camera", QSize(1280, 720)));
        QVERIFY(!s.active());
        QVERIFY(s.start("cam-a", QSize(1280, 720)));
        // a scene point with no picture point first is ignored
        s.addScenePoint(Vec3d(1, 2, 3));
        QCOMPARE(s.pairs().size(), 0);
        // picks outside the picture or with no picture size are ignored
        s.addVideoPoint(-5, 10, 1280, 720);
        s.addVideoPoint(10, 900, 1280, 720);
        s.addVideoPoint(10, 10, 0, 0);
        s.addVideoPoint(qQNaN(), 10, 1280, 720);
        QCOMPARE(s.pairs().size(), 0);
        // too few pairs: a clear error, nothing solved
        const CameraPose t = truth();
        for (int i = 0; i < 4; ++i) {
            double u, v;
            t.toPixel(scenePoints()[i], 1280, 720, &u, &v);
            s.addVideoPoint(u, v, 1280, 720);
            s.addScenePoint(scenePoints()[i]);
        }
        QSignalSpy done(&s, &CalibrationSession::solveFinished);
        QVERIFY(s.solve());
        QVERIFY(done.wait(30000));
        QVERIFY(!done.first().first().toBool());
        QVERIFY(!s.solved());
        QVERIFY(s.resultText().contains("6"));
        QVERIFY(!s.save());
        s.removePair(0);
        QCOMPARE(s.pairs().size(), 3);
        s.cancel();
    }
};

QTEST_MAIN(tst_CalibrationSession)
#include "tst_calibrationsession.moc"
