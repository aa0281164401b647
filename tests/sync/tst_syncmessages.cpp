// The wall's pose message: round trip, and every malformed payload refused with a message
// naming the problem (never a crash, never a half-applied pose).
#include "SyncMessages.h"

#include <QtTest>

using namespace liyuan;

class tst_SyncMessages : public QObject
{
    Q_OBJECT
private slots:
    void roundTrip()
    {
        PoseMessage p;
        p.session = QStringLiteral("abc123");
        p.frame = 123456789;
        p.monoMs = 98765.4321;
        p.wallMs = 1.7e12 + 0.5;
        p.frameMs = 16.7;
        p.eye = Vec3d(1234567.125, -7654321.5, 432.25);
        p.rotation = QQuaternion::fromEulerAngles(30, 40, 50);
        p.fieldOfView = 37.5;
        const QByteArray bytes = SyncMessages::encodePose(p);
        QVERIFY2(bytes.size() < 400, bytes.constData()); // compact: one UDP-sized packet per frame
        PoseMessage q;
        QString error;
        QVERIFY2(SyncMessages::decodePose(bytes, &q, &error), qPrintable(error));
        QCOMPARE(q.session, p.session);
        QCOMPARE(q.frame, p.frame);
        QCOMPARE(q.monoMs, p.monoMs);
        QCOMPARE(q.wallMs, p.wallMs);
        QCOMPARE(q.eye.x, p.eye.x); // doubles survive exactly
        QCOMPARE(q.eye.y, p.eye.y);
        QCOMPARE(q.eye.z, p.eye.z);
        QVERIFY(qFuzzyCompare(q.rotation, p.rotation));
        QCOMPARE(q.fieldOfView, 37.5);
        QVERIFY(!q.heartbeat);
    }

    void malformed_data()
    {
        QTest::addColumn<QByteArray>("payload");
        QTest::addColumn<QString>("reason");
        const QByteArray ok = R"({"s":"a","f":1,"t":1,"w":1,"e":[0,0,0],"q":[1,0,0,0],"fov":45})";
        PoseMessage base;
        QString baseError;
        QVERIFY2(SyncMessages::decodePose(ok, &base, &baseError), qPrintable(baseError)); // the rows below break one thing each
        QTest::newRow("empty") << QByteArray() << "empty payload";
        QTest::newRow("not json") << QByteArray("{pose") << "not JSON";
        QTest::newRow("array") << QByteArray("[1,2]") << "not a JSON object";
        QTest::newRow("binary") << QByteArray("\x00\xff\xfe", 3) << "not JSON";
        QTest::newRow("no frame") << QByteArray(R"({"s":"a","t":1,"w":1,"e":[0,0,0],"q":[1,0,0,0],"fov":45})") << "'f'";
        QTest::newRow("negative frame") << QByteArray(R"({"s":"a","f":-3,"t":1,"w":1,"e":[0,0,0],"q":[1,0,0,0],"fov":45})") << "'f'";
        QTest::newRow("fractional frame") << QByteArray(R"({"s":"a","f":1.5,"t":1,"w":1,"e":[0,0,0],"q":[1,0,0,0],"fov":45})") << "'f'";
        QTest::newRow("eye short") << QByteArray(R"({"s":"a","f":1,"t":1,"w":1,"e":[0,0],"q":[1,0,0,0],"fov":45})") << "'e'";
        QTest::newRow("eye text") << QByteArray(R"({"s":"a","f":1,"t":1,"w":1,"e":[0,"x",0],"q":[1,0,0,0],"fov":45})") << "'e'";
        QTest::newRow("eye far") << QByteArray(R"({"s":"a","f":1,"t":1,"w":1,"e":[1e300,0,0],"q":[1,0,0,0],"fov":45})") << "'e'";
        QTest::newRow("zero quaternion") << QByteArray(R"({"s":"a","f":1,"t":1,"w":1,"e":[0,0,0],"q":[0,0,0,0],"fov":45})") << "'q'";
        QTest::newRow("fov zero") << QByteArray(R"({"s":"a","f":1,"t":1,"w":1,"e":[0,0,0],"q":[1,0,0,0],"fov":0})") << "'fov'";
        QTest::newRow("fov huge") << QByteArray(R"({"s":"a","f":1,"t":1,"w":1,"e":[0,0,0],"q":[1,0,0,0],"fov":500})") << "'fov'";
        QTest::newRow("fov string") << QByteArray(R"({"s":"a","f":1,"t":1,"w":1,"e":[0,0,0],"q":[1,0,0,0],"fov":"45"})") << "'fov'";
        QTest::newRow("no session") << QByteArray(R"({"f":1,"t":1,"w":1,"e":[0,0,0],"q":[1,0,0,0],"fov":45})") << "'s'";
        QTest::newRow("oversized") << QByteArray(5000, ' ') << "over the limit";
    }

    void malformed()
    {
        QFETCH(QByteArray, payload);
        QFETCH(QString, reason);
        PoseMessage p;
        p.frame = 77;
        QString error;
        QVERIFY(!SyncMessages::decodePose(payload, &p, &error));
        QVERIFY2(error.contains(reason), qPrintable(error));
        QCOMPARE(p.frame, qint64(77)); // untouched
    }

    void wallIds_data()
    {
        QTest::addColumn<QString>("id");
        QTest::addColumn<bool>("valid");
        QTest::newRow("plain") << "hall-A_2.main" << true;
        QTest::newRow("empty") << "" << false;
        QTest::newRow("slash") << "a/b" << false;
        QTest::newRow("wildcard") << "a#" << false;
        QTest::newRow("plus") << "+" << false;
        QTest::newRow("long") << QString(65, QLatin1Char('a')) << false;
    }

    void wallIds()
    {
        QFETCH(QString, id);
        QFETCH(bool, valid);
        QCOMPARE(SyncMessages::validWallId(id), valid);
        if (valid)
            QCOMPARE(SyncMessages::topic(id, QStringLiteral("pose")), QStringLiteral("liyuan/wall/%1/pose").arg(id));
    }
};

QTEST_GUILESS_MAIN(tst_SyncMessages)
#include "tst_syncmessages.moc"
