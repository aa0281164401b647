// OpenSceneGraph AnimationPath text: parse, sample, round trip, bad files.
#include <liyuan/scene/AnimationPath.h>

#include <QTemporaryDir>
#include <QtTest>

using namespace liyuan;

class tst_AnimationPath : public QObject
{
    Q_OBJECT
private slots:
    void parseAndSample()
    {
        AnimationPath p;
        QString error;
        QVERIFY2(p.parse("0 0 0 100 0 0 0 1\n# comment\n\n2 20 0 100 0 0 0.7071068 0.7071068\n", "x.path", &error), qPrintable(error));
        QCOMPARE(int(p.points().size()), 2);
        QCOMPARE(p.duration(), 2.0);
        const auto mid = p.sample(1.0);
        QCOMPARE(mid.position.x, 10.0);
        QCOMPARE(mid.position.z, 100.0);
        // halfway between identity and 90° about Z is 45° about Z
        const QVector3D f = mid.rotation.rotatedVector(QVector3D(1, 0, 0));
        QVERIFY(std::abs(f.x() - 0.7071f) < 1e-3f && std::abs(f.y() - 0.7071f) < 1e-3f);
        QCOMPARE(p.sample(-5).position.x, 0.0);
        QCOMPARE(p.sample(50).position.x, 20.0);
    }

    void roundTrip()
    {
        AnimationPath p;
        p.append({0, Vec3d(1.5, -2.25, 30), QQuaternion(1, 0, 0, 0)});
        p.append({1.5, Vec3d(10, 20, 40), QQuaternion::fromAxisAndAngle(1, 0, 0, 60)});
        QTemporaryDir dir;
        QString error;
        const QString file = dir.filePath("flight.path");
        QVERIFY(p.save(file, &error));
        AnimationPath q;
        QVERIFY2(q.load(file, &error), qPrintable(error));
        QCOMPARE(int(q.points().size()), 2);
        QCOMPARE(q.points()[1].position.y, 20.0);
        QVERIFY(qFuzzyCompare(q.points()[1].rotation.scalar(), p.points()[1].rotation.scalar()));
    }

    void bad_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QString>("fragment");
        QTest::newRow("empty") << QByteArray() << "no control points";
        QTest::newRow("short line") << QByteArray("0 1 2 3\n") << "x.path:1";
        QTest::newRow("not a number") << QByteArray("0 1 2 3 0 0 0 one\n") << "not a number";
        QTest::newRow("backwards") << QByteArray("1 0 0 0 0 0 0 1\n0 0 0 0 0 0 0 1\n") << "backwards";
        QTest::newRow("nan") << QByteArray("0 nan 0 0 0 0 0 1\n") << "not a number";
    }
    void bad()
    {
        QFETCH(QByteArray, text);
        QFETCH(QString, fragment);
        AnimationPath p;
        QString error;
        QVERIFY(!p.parse(text, "x.path", &error));
        QVERIFY2(error.contains(fragment), qPrintable(error));
        QVERIFY(p.isEmpty());
    }

    void missingFile()
    {
        AnimationPath p;
        QString error;
        QVERIFY(!p.load("/nonexistent/flight.path", &error));
        QVERIFY(error.contains("/nonexistent/flight.path"));
    }
};

QTEST_APPLESS_MAIN(tst_AnimationPath)
#include "tst_animationpath.moc"
