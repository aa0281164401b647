// The project lifecycle (app/project ProjectController) on real files: save as and reopen with a
// real GeoJSON layer, a missing layer kept as a placeholder naming the file, bookmarks, the
// capabilities' parts saved and restored in order, the dirty flag, autosave and recovery at the
// next start, and hostile project files refused with a message naming the file.
#include "LayerManager.h"
#include "ProjectController.h"

#include <liyuan/geodata/VectorDataset.h>
#include <liyuan/scene/TileStreamer.h>
#include <liyuan/scene/quick/CameraController.h>
#include <liyuan/scene/quick/TileDrawableModel.h>

#include <QFile>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>

using namespace liyuan;

namespace {
void write(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(bytes);
}

/** One scene: streamer, drawables, layers, camera and the project controller over them. */
struct Scene
{
    TileStreamer streamer;
    TileDrawableModel tiles;
    LayerManager layers{&streamer, &tiles};
    CameraController camera;
    ProjectController project{&streamer, &layers, &camera};
    QStringList messages;
    QStringList calls; ///< parts' save/load/clear, in order
    QString zoneRule;  ///< what the test part saves and restores

    Scene()
    {
        streamer.setRenderer(&tiles);
        QObject::connect(&project, &ProjectController::message, [this](const QString &m) { messages << m; });
        QObject::connect(&layers, &LayerManager::message, [this](const QString &m) { messages << m; });
        for (const QString &name : {QStringLiteral("a"), QStringLiteral("b")})
            project.addPart({[this, name](ProjectFile *p, const QDir &) {
                                 calls << QStringLiteral("save:") + name;
                                 if (name == QLatin1String("a"))
                                     p->zoneRule = zoneRule;
                             },
                             [this, name](const ProjectFile &p, const QDir &, const QString &file) {
                                 calls << QStringLiteral("load:%1:%2").arg(name, QFileInfo(file).fileName());
                                 if (name == QLatin1String("a"))
                                     zoneRule = p.zoneRule;
                             },
                             [this, name] { calls << QStringLiteral("clear:") + name; }});
    }
};
} // namespace

class tst_ProjectController : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase()
    {
        // own settings and cache: recent projects and autosaves never touch the user's
        QVERIFY(m_home.isValid());
        qputenv("XDG_CONFIG_HOME", m_home.filePath(QStringLiteral("config")).toUtf8());
        qputenv("XDG_CACHE_HOME", m_home.filePath(QStringLiteral("cache")).toUtf8());
        QCoreApplication::setOrganizationName(QStringLiteral("LiyuanTest"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_projectcontroller"));
        registerGdalDrivers();
        QVERIFY(QDir().mkpath(m_data.filePath(QStringLiteral("gis"))));
        write(m_data.filePath(QStringLiteral("gis/pois.geojson")),
              R"({"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name":"Plaza"},
                  "geometry":{"type":"Point","coordinates":[120.32,36.06]}}]})");
    }

    void saveAsAndReopen()
    {
        QString saved;
        {
            Scene s;
            QVERIFY(!s.project.save()); // untitled: Save needs Save as
            QVERIFY2(s.layers.addPath(m_data.filePath(QStringLiteral("gis/pois.geojson"))), qPrintable(s.messages.join('\n')));
            s.layers.addPlaceholder(m_data.filePath(QStringLiteral("gis/gone.geojson")),
                                    QJsonObject{{"id", "gone"}, {"name", "Gone"}, {"kind", "vector"}},
                                    QStringLiteral("no such file"));
            s.camera.setPose(Vec3d(10, -200, 150), QQuaternion::fromAxisAndAngle(1, 0, 0, 50));
            s.project.addBookmark(QStringLiteral("  Plaza  "));
            s.project.addBookmark(QString());
            QVERIFY(s.project.dirty());
            QCOMPARE(s.project.bookmarkNames(), (QStringList{"Plaza", "View 2"}));
            s.zoneRule = QStringLiteral("overlap");
            QSignalSpy changed(&s.project, &ProjectController::changed);
            QVERIFY2(s.project.saveAs(m_data.filePath(QStringLiteral("district"))), qPrintable(s.messages.join('\n')));
            saved = m_data.filePath(QStringLiteral("district.liyuan.json"));
            QCOMPARE(s.project.path(), saved);
            QVERIFY(QFileInfo::exists(saved));
            QVERIFY(!s.project.dirty());
            QVERIFY(changed.count() >= 1);
            QCOMPARE(s.project.recentProjects().value(0), saved);
            QCOMPARE(s.calls, (QStringList{"save:a", "save:b"}));
            QVERIFY(s.project.save()); // now it has a file
        }
        Scene s;
        QSignalSpy applied(&s.project, &ProjectController::applied);
        // the missing layer's file: a placeholder, marked failed, with the reason naming the file
        QVERIFY(s.project.open(QUrl::fromLocalFile(saved).toString()));
        QCOMPARE(applied.count(), 1);
        QCOMPARE(applied.at(0).at(0).toBool(), true); // the saved camera
        QCOMPARE(s.project.path(), saved);
        QVERIFY(!s.project.dirty());
        QCOMPARE(s.layers.model()->layers().size(), 2);
        const LayerEntry *gone = s.layers.model()->layer(QStringLiteral("gone"));
        QVERIFY(gone);
        QCOMPARE(gone->status, QStringLiteral("failed"));
        QVERIFY2(gone->message.contains(QStringLiteral("gone.geojson")), qPrintable(gone->message));
        QVERIFY(s.layers.model()->layer(QStringLiteral("pois")));
        QCOMPARE(s.project.bookmarkNames(), (QStringList{"Plaza", "View 2"}));
        QCOMPARE(s.calls, (QStringList{"load:a:district.liyuan.json", "load:b:district.liyuan.json"}));
        QCOMPARE(s.zoneRule, QStringLiteral("overlap"));
        QVERIFY((s.camera.eye() - Vec3d(10, -200, 150)).length() < 1e-6);
        // changes while loading did not make it dirty; a real change does
        s.project.markDirty();
        QVERIFY(s.project.dirty());
        s.project.removeBookmark(0);
        QCOMPARE(s.project.bookmarkNames(), QStringList{"View 2"});
        s.project.removeBookmark(7); // out of range: nothing
        QCOMPARE(s.project.bookmarkNames().size(), 1);

        // New: parts cleared, layers and file gone
        QSignalSpy cleared(&s.project, &ProjectController::cleared);
        s.calls.clear();
        s.project.newProject();
        QCOMPARE(cleared.count(), 1);
        QCOMPARE(s.calls, (QStringList{"clear:a", "clear:b"}));
        QVERIFY(s.layers.model()->layers().isEmpty());
        QVERIFY(s.project.path().isEmpty());
        QVERIFY(!s.project.dirty());
        QVERIFY(s.project.bookmarkNames().isEmpty());
    }

    void autosaveIsRecoveredAtTheNextStart()
    {
        QString autosave;
        {
            Scene s;
            QVERIFY(!s.project.recoveryAvailable());
            QVERIFY(s.layers.addPath(m_data.filePath(QStringLiteral("gis/pois.geojson"))));
            s.zoneRule = QStringLiteral("overlap");
            QVERIFY(s.project.dirty());
            QVERIFY2(s.project.autosave(), qPrintable(s.messages.join('\n')));
            autosave = s.project.autosavePath();
            QVERIFY2(autosave.startsWith(m_home.path()), qPrintable(autosave));
            QVERIFY(QFileInfo::exists(autosave));
        } // the session ends without saving
        Scene s;
        QVERIFY(s.project.recoveryAvailable());
        QVERIFY(!s.project.recoveryTime().isEmpty());
        QVERIFY(s.project.recoverAutosave());
        QVERIFY(!s.project.recoveryAvailable());
        QVERIFY(s.project.dirty()); // recovered changes are not saved yet
        QCOMPARE(s.layers.model()->layers().size(), 1);
        QCOMPARE(s.zoneRule, QStringLiteral("overlap"));
        // saving removes the autosave: nothing left to recover
        QVERIFY(s.project.saveAs(m_data.filePath(QStringLiteral("recovered.liyuan.json"))));
        QVERIFY(!QFileInfo::exists(autosave));
        Scene next;
        QVERIFY(!next.project.recoveryAvailable());
    }

    void discardRemovesTheAutosave()
    {
        QString autosave;
        {
            Scene s;
            QVERIFY(s.project.autosave());
            autosave = s.project.autosavePath();
        }
        Scene s;
        QVERIFY(s.project.recoveryAvailable());
        s.project.discardAutosave();
        QVERIFY(!s.project.recoveryAvailable());
        QVERIFY(!QFileInfo::exists(autosave));
    }

    void hostileProjects_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::newRow("empty") << QByteArray();
        QTest::newRow("not json") << QByteArray("<project/>");
        QTest::newRow("array") << QByteArray("[1,2,3]");
        QTest::newRow("truncated") << QByteArray(R"({"format":"liyuan-project","layers":[{"id":)");
    }

    void hostileProjects()
    {
        QFETCH(QByteArray, bytes);
        const QString path = m_data.filePath(QStringLiteral("hostile-%1.liyuan.json").arg(QTest::currentDataTag()).replace(' ', '-'));
        write(path, bytes);
        Scene s;
        QSignalSpy applied(&s.project, &ProjectController::applied);
        QVERIFY(!s.project.open(path));
        QCOMPARE(applied.count(), 0);
        QVERIFY(s.project.path().isEmpty());
        QCOMPARE(s.messages.size(), 1);
        QVERIFY2(s.messages.constFirst().contains(QFileInfo(path).fileName()), qPrintable(s.messages.constFirst()));
        // the missing file too
        QVERIFY(!s.project.open(m_data.filePath(QStringLiteral("nowhere.liyuan.json"))));
        QVERIFY2(s.messages.constLast().contains(QStringLiteral("nowhere.liyuan.json")), qPrintable(s.messages.constLast()));
    }

private:
    QTemporaryDir m_home;
    QTemporaryDir m_data;
};

QTEST_MAIN(tst_ProjectController)
#include "tst_projectcontroller.moc"
