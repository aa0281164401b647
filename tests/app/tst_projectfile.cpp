// Project files: round trip, atomic save, hostile files.
#include "ProjectFile.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QtTest>

using namespace liyuan;

namespace {
ProjectFile sample()
{
    ProjectFile p;
    p.hasFrame = true;
    p.crs = QStringLiteral("EPSG:4549");
    p.origin = Vec3d(528630, 3992050, 0);
    p.hasCamera = true;
    p.eye = Vec3d(120.5, -340.25, 210);
    p.rotation = QQuaternion::fromAxisAndAngle(1, 0, 0, 45);
    p.fovY = 50;
    p.layers.append(QJsonObject{{"id", "district"}, {"name", "示范街区"}, {"kind", "photogrammetry"},
                                {"path", "demo"}, {"visible", true}, {"opacity", 1.0}});
    p.layers.append(QJsonObject{{"id", "dem"}, {"name", "DEM"}, {"kind", "terrain"}, {"path", "gis/dem.tif"},
                                {"visible", false}, {"opacity", 0.5},
                                {"style", QJsonObject{{"verticalOffset", -0.3}}}});
    p.bookmarks << Bookmark{QStringLiteral("广场"), Vec3d(1, 2, 3), QQuaternion()};
    return p;
}

void write(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(bytes);
}
} // namespace

class tst_ProjectFile : public QObject
{
    Q_OBJECT
private slots:
    void roundTrip()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("a.liyuan.json");
        QString error;
        QVERIFY2(sample().save(path, &error), qPrintable(error));
        ProjectFile back;
        QVERIFY2(ProjectFile::load(path, &back, &error), qPrintable(error));
        QCOMPARE(back.toJson(), sample().toJson());
        QCOMPARE(back.layers.size(), 2);
        QCOMPARE(back.bookmarks.first().name, QStringLiteral("广场"));
        QCOMPARE(back.eye.y, -340.25);
        // readable JSON
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QVERIFY(f.readAll().contains("\"format\": \"liyuan-project\""));
    }

    void saveIsAtomic()
    {
        // a save that cannot complete leaves the previous file as it was
        QTemporaryDir dir;
        const QString path = dir.filePath("p.liyuan.json");
        QString error;
        QVERIFY(sample().save(path, &error));
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray before = f.readAll();
        f.close();
        QVERIFY(QFile::setPermissions(dir.path(), QFileDevice::ReadOwner | QFileDevice::ExeOwner));
        ProjectFile changed = sample();
        changed.layers = {};
        const bool ok = changed.save(path, &error);
        QFile::setPermissions(dir.path(), QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
        if (ok)
            QSKIP("running as root: the folder stays writable");
        QVERIFY(error.contains(path));
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), before);
        // no temporary file left behind next to it
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files).size(), 1);
    }

    void hostile_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("fragment");
        QTest::newRow("not-json") << QByteArray("{\"format\": \"liyuan-project\",\n \"version\": 1,,}") << "not valid JSON at line 2";
        QTest::newRow("array-top") << QByteArray("[1,2,3]") << "not an object";
        QTest::newRow("wrong-format") << QByteArray("{\"format\": \"qgis\", \"version\": 1}") << "not a Liyuan project";
        QTest::newRow("future-version") << QByteArray("{\"format\": \"liyuan-project\", \"version\": 99}") << "unsupported project version 99";
        QTest::newRow("layers-not-array") << QByteArray("{\"format\": \"liyuan-project\", \"version\": 1, \"layers\": 5}") << "\"layers\" must be an array";
        QTest::newRow("layer-without-path") << QByteArray("{\"format\": \"liyuan-project\", \"version\": 1, \"layers\": [{\"id\": \"x\"}]}") << "needs a \"path\"";
        QTest::newRow("bad-camera") << QByteArray("{\"format\": \"liyuan-project\", \"version\": 1, \"camera\": {\"position\": [1, 2]}}") << "camera needs";
        QTest::newRow("nan-origin") << QByteArray("{\"format\": \"liyuan-project\", \"version\": 1, \"scene\": {\"crs\": \"EPSG:4549\", \"origin\": [1, \"x\", 3]}}") << "scene.origin";
        QTest::newRow("empty") << QByteArray() << "not valid JSON";
    }
    void hostile()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, fragment);
        QTemporaryDir dir;
        const QString path = dir.filePath("bad.liyuan.json");
        write(path, bytes);
        ProjectFile p;
        QString error;
        QVERIFY(!ProjectFile::load(path, &p, &error));
        QVERIFY2(error.startsWith(path), qPrintable(error));
        QVERIFY2(error.contains(fragment), qPrintable(error));
    }

    void missingAndHuge()
    {
        ProjectFile p;
        QString error;
        QVERIFY(!ProjectFile::load("/nonexistent/x.liyuan.json", &p, &error));
        QVERIFY(error.contains("no such file"));
        QTemporaryDir dir;
        const QString path = dir.filePath("huge.liyuan.json");
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        QVERIFY(f.resize(ProjectFile::kMaxBytes + 1));
        f.close();
        QVERIFY(!ProjectFile::load(path, &p, &error));
        QVERIFY(error.contains("too large"));
    }
};

QTEST_APPLESS_MAIN(tst_ProjectFile)
#include "tst_projectfile.moc"
