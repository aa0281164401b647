// SyncController leader → follower in one process over a real mosquitto on a free loopback
// port: the follower applies the leader's pose at its frame, a late follower catches up from the
// retained messages, a stopped leader (presence "offline") or a silent one (no pose for the
// timeout) is "lost" with the last pose kept, a restarted leader (new session, frame 0) is
// followed again, and malformed messages on every topic are counted and named, never applied.
#include "SyncController.h"
#include "TestBroker.h"
#include "TestRequire.h"

#include <liyuan/mqtt/MqttClient.h>
#include <liyuan/scene/quick/CameraController.h>

#include <QJsonArray>
#include <QtTest>

using namespace liyuan;
using namespace liyuan_test;

class tst_SyncController : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<Broker> m_broker;
    QString m_url;
    int m_wall = 0;

    SyncOptions options(int timeoutMs = 1500, int heartbeatMs = 100)
    {
        SyncOptions o;
        o.url = m_url;
        o.wallId = QStringLiteral("unit%1").arg(m_wall);
        o.leaderTimeoutMs = timeoutMs;
        o.heartbeatMs = heartbeatMs;
        return o;
    }
    static bool sameEye(const Vec3d &a, const Vec3d &b) { return a.x == b.x && a.y == b.y && a.z == b.z; }

private slots:
    void initTestCase()
    {
        const QString exe = findTool(QStringLiteral("mosquitto"));
        LIYUAN_REQUIRE(!exe.isEmpty(), "mosquitto not installed");
        m_broker = std::make_unique<Broker>(exe, freeLoopbackPort());
        QString error;
        QVERIFY2(m_broker->start(&error), qPrintable(error));
        m_url = QStringLiteral("tcp://127.0.0.1:%1").arg(m_broker->port());
    }
    void init() { ++m_wall; } // each test its own wall id: no retained messages from the previous one

    void followerAppliesPoseAtItsFrame()
    {
        CameraController lc, fc;
        SyncController leader(&lc, nullptr), follower(&fc, nullptr);
        QString error;
        QVERIFY2(leader.startLeader(options(), &error), qPrintable(error));
        QVERIFY2(follower.startFollower(options(), &error), qPrintable(error));
        QCOMPARE(follower.status(), QStringLiteral("waiting"));
        QTRY_VERIFY(leader.stateJson()["connected"].toBool());
        const Vec3d eye(1234.5, -987.25, 321.125);
        lc.setPose(eye, 45.0, -30.0);
        lc.setFieldOfView(33.f);
        leader.onFrame();
        QTRY_COMPARE_WITH_TIMEOUT(follower.status(), QStringLiteral("following"), 5000);
        QVERIFY(!sameEye(fc.eye(), eye)); // not before the follower's frame
        follower.onFrame();
        QVERIFY(sameEye(fc.eye(), eye));
        QVERIFY(qFuzzyCompare(fc.rotation(), lc.rotation()));
        QCOMPARE(fc.fieldOfView(), 33.f);
        QCOMPARE(follower.lastFrameApplied(), 0);
        // a second frame: the newest pose wins
        lc.setPose(Vec3d(1, 2, 3), 10.0, -10.0);
        leader.onFrame();
        QTRY_COMPARE(follower.stateJson()["lastFrameReceived"].toInt(), 1);
        follower.onFrame();
        QVERIFY(sameEye(fc.eye(), Vec3d(1, 2, 3)));
        QCOMPARE(follower.lastFrameApplied(), 1);
        const QJsonObject st = follower.stateJson();
        QCOMPARE(st["role"].toString(), QStringLiteral("follower"));
        QVERIFY(st["leaderOnline"].toBool());
        QCOMPARE(st["skewMs"].toObject()["samples"].toInt(), 2);
    }

    void lateJoinCatchesUpFromRetained()
    {
        CameraController lc, fc;
        SyncController leader(&lc, nullptr);
        QString error;
        QVERIFY2(leader.startLeader(options(), &error), qPrintable(error));
        QTRY_VERIFY(leader.stateJson()["connected"].toBool());
        const Vec3d eye(-50.5, 60.25, 70.125);
        lc.setPose(eye, 90.0, -45.0);
        for (int i = 0; i < 6; ++i)
            leader.onFrame();
        QTest::qWait(200);
        SyncController follower(&fc, nullptr); // joins after the leader's last frame
        QVERIFY2(follower.startFollower(options(), &error), qPrintable(error));
        QTRY_COMPARE_WITH_TIMEOUT(follower.status(), QStringLiteral("following"), 5000);
        follower.onFrame();
        QVERIFY(sameEye(fc.eye(), eye));
        QCOMPARE(follower.lastFrameApplied(), 5);
    }

    void leaderStopIsLostAndRestartIsFollowed()
    {
        CameraController lc, fc;
        auto leader = std::make_unique<SyncController>(&lc, nullptr);
        SyncController follower(&fc, nullptr);
        QString error;
        QVERIFY(leader->startLeader(options(), &error));
        QVERIFY(follower.startFollower(options(), &error));
        QTRY_VERIFY(leader->stateJson()["connected"].toBool());
        lc.setPose(Vec3d(10, 20, 30), 0.0, -20.0);
        for (int i = 0; i < 40; ++i)
            leader->onFrame();
        QTRY_COMPARE_WITH_TIMEOUT(follower.status(), QStringLiteral("following"), 5000);
        QTRY_COMPARE(follower.stateJson()["lastFrameReceived"].toInt(), 39);
        follower.onFrame();
        leader.reset(); // says "offline"
        QTRY_COMPARE_WITH_TIMEOUT(follower.status(), QStringLiteral("lost"), 5000);
        QVERIFY(follower.leaderLost());
        follower.onFrame();
        QVERIFY(sameEye(fc.eye(), Vec3d(10, 20, 30))); // the last picture stays
        // a restarted leader: new session, frames from 0 again
        leader = std::make_unique<SyncController>(&lc, nullptr);
        QVERIFY(leader->startLeader(options(), &error));
        QTRY_VERIFY(leader->stateJson()["connected"].toBool());
        lc.setPose(Vec3d(11, 21, 31), 0.0, -20.0);
        leader->onFrame();
        QTRY_COMPARE_WITH_TIMEOUT(follower.status(), QStringLiteral("following"), 5000);
        follower.onFrame();
        QVERIFY(sameEye(fc.eye(), Vec3d(11, 21, 31)));
        QCOMPARE(follower.lastFrameApplied(), 0);
        QCOMPARE(follower.stateJson()["timesResumed"].toInt(), 1);
    }

    void silentLeaderIsLostAfterTheTimeout()
    {
        CameraController lc, fc;
        SyncController leader(&lc, nullptr), follower(&fc, nullptr);
        QString error;
        QVERIFY(leader.startLeader(options(1500, 60000), &error)); // no heartbeat: silence after the frame
        QVERIFY(follower.startFollower(options(400), &error));
        QTRY_VERIFY(leader.stateJson()["connected"].toBool());
        leader.onFrame();
        QTRY_COMPARE_WITH_TIMEOUT(follower.status(), QStringLiteral("following"), 5000);
        QElapsedTimer t;
        t.start();
        QTRY_COMPARE_WITH_TIMEOUT(follower.status(), QStringLiteral("lost"), 5000);
        QVERIFY2(t.elapsed() >= 250, "not lost before the timeout");
        QVERIFY(follower.stateJson()["leaderOnline"].toBool()); // present, but silent
    }

    void malformedMessagesAreCountedNotApplied_data()
    {
        QTest::addColumn<QString>("leaf");
        QTest::addColumn<QByteArray>("payload");
        QTest::addColumn<QString>("reason");
        QTest::newRow("pose not json") << "pose" << QByteArray("{{{") << "not JSON";
        QTest::newRow("pose nan eye") << "pose" << QByteArray(R"({"s":"x","f":1,"t":1,"w":1,"e":[0,null,0],"q":[1,0,0,0],"fov":45})") << "'e'";
        QTest::newRow("pose bad fov") << "pose" << QByteArray(R"({"s":"x","f":1,"t":1,"w":1,"e":[0,0,0],"q":[1,0,0,0],"fov":-1})") << "'fov'";
        QTest::newRow("presence") << "leader" << QByteArray("maybe") << "presence";
        QTest::newRow("scene array") << "scene" << QByteArray("[1]") << "not a JSON object";
        QTest::newRow("presenter types") << "presenter" << QByteArray(R"({"caption":5,"fade":"x"})") << "'caption'";
        QTest::newRow("binary") << "pose" << QByteArray("\x00\x01\x02\xff", 4) << "not JSON";
    }

    void malformedMessagesAreCountedNotApplied()
    {
        QFETCH(QString, leaf);
        QFETCH(QByteArray, payload);
        QFETCH(QString, reason);
        CameraController fc;
        const Vec3d before = fc.eye();
        SyncController follower(&fc, nullptr);
        QString error;
        QVERIFY(follower.startFollower(options(), &error));
        mqtt::MqttClient pub;
        mqtt::MqttClient::Settings s;
        s.url = m_url;
        QVERIFY(pub.start(s));
        QTRY_VERIFY(pub.isConnected());
        QTRY_VERIFY(follower.stateJson()["connected"].toBool());
        const QString topic = SyncMessages::topic(options().wallId, leaf);
        QVERIFY(pub.publish(topic, payload));
        QTRY_COMPARE_WITH_TIMEOUT(follower.stateJson()["malformed"].toInt(), 1, 5000);
        const QString named = follower.stateJson()["recentErrors"].toArray().at(0).toString();
        QVERIFY2(named.startsWith(topic) && named.contains(reason), qPrintable(named));
        follower.onFrame();
        QVERIFY(sameEye(fc.eye(), before));
        QCOMPARE(follower.lastFrameApplied(), -1);
        QCOMPARE(follower.status(), QStringLiteral("waiting"));
    }
};

QTEST_GUILESS_MAIN(tst_SyncController)
#include "tst_synccontroller.moc"
