// sync: the real `liyuan` binary as a wall — a leader and followers over a real mosquitto on a
// free loopback port (under xvfb). The leader flies a --camera-path; both followers' applied
// leader frames stay within one frame of the leader's current frame (p95, from the --sync-log
// monotonic timestamps of the three processes); a follower started after the leader catches up
// from the retained pose/scene/presenter state; a killed leader leaves the followers "lost" with
// their last pose; a restarted leader is followed again; malformed messages on the topics are
// named and ignored. The one-machine launcher (--wall without --wall-screen) starts a private
// mosquitto and one follower per screen, which end with it.
#include "AppRunner.h"
#include "TestBroker.h"
#include "TestRequire.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <csignal>
#include <map>
#include <sys/prctl.h>

using namespace liyuan_test;

namespace {
const QString kSample = QStringLiteral(LIYUAN_SHARED_DATA "/osgb/Production_5");
const QString kPath = QStringLiteral(LIYUAN_SOURCE_DIR "/tests/bench/production5_flight.path");

struct LogLine
{
    QString session;
    qint64 frame;
    double ms;
};

QList<LogLine> readLog(const QString &file)
{
    QList<LogLine> out;
    QFile f(file);
    if (!f.open(QIODevice::ReadOnly))
        return out;
    for (const QByteArray &line : f.readAll().split('\n')) {
        const QList<QByteArray> parts = line.split(' ');
        if (parts.size() == 4)
            out.append({QString::fromLatin1(parts[1]), parts[2].toLongLong(), parts[3].toDouble()});
    }
    return out;
}
} // namespace

class tst_SyncApp : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    std::unique_ptr<Broker> m_broker;
    QString m_url;
    std::map<QString, std::unique_ptr<QProcess>> m_procs;

    QProcess *spawn(const QString &name, const QStringList &args)
    {
        auto p = std::make_unique<QProcess>();
        p->setProcessChannelMode(QProcess::ForwardedErrorChannel);
        p->setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGKILL); });
        p->start(QStringLiteral(LIYUAN_APP), args);
        QProcess *raw = p.get();
        m_procs[name] = std::move(p);
        return raw;
    }
    QProcess *follower(const QString &name, const QString &wallId)
    {
        return spawn(name, {kSample, "--follow", m_url, "--wall-id", wallId, "--size", "320x240", "--state-json",
                            m_dir.filePath(name + ".json"), "--sync-log", m_dir.filePath(name + ".log"),
                            "--sync-timeout-ms", "1500"});
    }
    QJsonObject sync(const QString &name) const
    {
        QFile f(m_dir.filePath(name + ".json"));
        if (!f.open(QIODevice::ReadOnly))
            return {};
        return QJsonDocument::fromJson(f.readAll()).object().value("sync").toObject();
    }
    QString status(const QString &name) const { return sync(name).value("status").toString(); }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        const QString exe = findTool(QStringLiteral("mosquitto"));
        LIYUAN_REQUIRE(!exe.isEmpty(), "mosquitto not installed");
        LIYUAN_REQUIRE(QFileInfo::exists(kSample), "shared sample data (osgb/Production_5) not found");
        m_broker = std::make_unique<Broker>(exe, freeLoopbackPort());
        QString error;
        QVERIFY2(m_broker->start(&error), qPrintable(error));
        m_url = QStringLiteral("tcp://127.0.0.1:%1").arg(m_broker->port());
    }

    void cleanup()
    {
        for (auto &[name, p] : m_procs)
            if (p->state() != QProcess::NotRunning) {
                p->kill();
                p->waitForFinished(5000);
            }
        m_procs.clear();
    }

    void leaderAndTwoFollowers()
    {
        const QString wall = QStringLiteral("appwall");
        follower("f1", wall);
        follower("f2", wall);
        QTRY_VERIFY_WITH_TIMEOUT(status("f1") == "waiting" && status("f2") == "waiting", 90000);

        // --- the leader flies the camera path; both followers within one frame ---
        const AppRun a = runApp({kSample, "--lead", m_url, "--wall-id", wall, "--camera-path", kPath, "--frames", "150",
                                 "--size", "320x240", "--sync-log", m_dir.filePath("lead.log"), "--state-json",
                                 m_dir.filePath("lead.json"), "--section-height", "30"},
                                300000);
        QVERIFY2(a.exitCode == 0, a.what().constData());
        QTest::qWait(1000); // the followers flush their logs every 250 ms
        const QList<LogLine> lead = readLog(m_dir.filePath("lead.log"));
        QVERIFY2(lead.size() >= 150, qPrintable(QString::number(lead.size())));
        const QString sessionA = lead.first().session;
        for (const QString name : {"f1", "f2"}) {
            std::vector<double> skew;
            for (const LogLine &f : readLog(m_dir.filePath(name + ".log"))) {
                if (f.session != sessionA)
                    continue;
                // the leader's current frame when the follower applied frame f: the newest one it had published by then
                auto it = std::upper_bound(lead.begin(), lead.end(), f.ms, [](double t, const LogLine &l) { return t < l.ms; });
                QVERIFY2(it != lead.begin(), "a frame applied before the leader published it");
                skew.push_back(double((it - 1)->frame - f.frame));
            }
            QVERIFY2(skew.size() >= 50, qPrintable(QStringLiteral("%1 applied only %2 frames").arg(name).arg(skew.size())));
            std::sort(skew.begin(), skew.end());
            const double p50 = skew[skew.size() / 2], p95 = skew[size_t(0.95 * double(skew.size() - 1) + 0.5)];
            qInfo("%s: %zu frames applied, skew behind the leader p50 %.0f p95 %.0f max %.0f frames", qPrintable(name),
                  skew.size(), p50, p95, skew.back());
            QVERIFY2(skew.front() >= 0, "a follower ahead of its leader");
            QVERIFY2(p95 <= 1.0, qPrintable(QStringLiteral("%1: p95 skew %2 frames").arg(name).arg(p95)));
        }
        // the leader ended cleanly: "offline" → lost, the last frame shown
        QTRY_VERIFY_WITH_TIMEOUT(status("f1") == "lost" && status("f2") == "lost", 10000);
        QCOMPARE(sync("f1")["lastFrameApplied"].toInt(), int(lead.last().frame));
        QCOMPARE(sync("f2")["lastFrameApplied"].toInt(), int(lead.last().frame));
        QCOMPARE(sync("f1")["leaderOnline"].toBool(), false);

        // --- late join: a third follower catches up from the retained messages ---
        follower("f3", wall);
        QTRY_VERIFY_WITH_TIMEOUT(sync("f3")["lastFrameApplied"].toInt() == int(lead.last().frame), 90000);
        const QJsonObject f1 = sync("f1"), f3 = sync("f3");
        QCOMPARE(f3["status"].toString(), QStringLiteral("lost")); // the leader is offline: the last picture
        QCOMPARE(f3["pose"].toObject()["eye"].toArray(), f1["pose"].toObject()["eye"].toArray());
        QCOMPARE(f3["pose"].toObject()["rotation"].toArray(), f1["pose"].toObject()["rotation"].toArray());
        const QJsonObject scene1 = f1["sceneState"].toObject(), scene3 = f3["sceneState"].toObject();
        QVERIFY(scene3["received"].toBool());
        QCOMPARE(scene3["state"].toObject(), scene1["state"].toObject());
        QVERIFY(f3["presenterState"].toObject().contains("caption"));
        // the leader's --section-height reached the late follower through the retained scene state
        const QJsonObject leaderSection = scene1["state"].toObject()["section"].toObject();
        QVERIFY2(!leaderSection.isEmpty() && !leaderSection["plane"].isNull(), qPrintable(QJsonDocument(scene1).toJson()));
        QTRY_VERIFY_WITH_TIMEOUT(sync("f3")["sceneState"].toObject()["applied"].toBool(), 30000);
        QCOMPARE(sync("f3")["sceneStateNow"].toObject()["section"].toObject(), leaderSection);

        // --- a leader in the interactive mode; killed; the followers hold their last pose ---
        QProcess *b = spawn("leaderB", {kSample, "--lead", m_url, "--wall-id", wall, "--size", "320x240"});
        QTRY_VERIFY_WITH_TIMEOUT(status("f1") == "following" && status("f3") == "following", 90000);
        QVERIFY(sync("f1")["timesResumed"].toInt() >= 1);
        QTest::qWait(1500);
        b->kill(); // SIGKILL: no goodbye, the broker sends the last will
        b->waitForFinished(5000);
        QTRY_VERIFY_WITH_TIMEOUT(status("f1") == "lost" && status("f2") == "lost", 10000);
        const QJsonObject lost = sync("f1");
        QTest::qWait(1000);
        const QJsonObject later = sync("f1");
        QCOMPARE(later["status"].toString(), QStringLiteral("lost"));
        QCOMPARE(later["pose"].toObject(), lost["pose"].toObject());
        QCOMPARE(later["lastFrameApplied"].toInt(), later["lastFrameReceived"].toInt());

        // --- hostile messages on the topics: named, ignored, no crash ---
        const QString pub = findTool(QStringLiteral("mosquitto_pub"));
        LIYUAN_REQUIRE(!pub.isEmpty(), "mosquitto_pub not installed");
        const QList<QPair<QString, QByteArray>> bad{{"pose", "{broken"},
                                                    {"pose", R"({"s":"x","f":1,"t":1,"w":1,"e":[0,0],"q":[1,0,0,0],"fov":45})"},
                                                    {"scene", "[]"},
                                                    {"leader", "perhaps"}};
        for (const auto &[leaf, payload] : bad) {
            QProcess p;
            p.start(pub, {"-h", "127.0.0.1", "-p", QString::number(m_broker->port()), "-t",
                          QStringLiteral("liyuan/wall/%1/%2").arg(wall, leaf), "-m", QString::fromUtf8(payload)});
            QVERIFY(p.waitForFinished(5000) && p.exitCode() == 0);
        }
        QTRY_VERIFY_WITH_TIMEOUT(sync("f2")["malformed"].toInt() >= 4, 10000);
        const QString errors = QJsonDocument(sync("f2")["recentErrors"].toArray()).toJson();
        QVERIFY2(errors.contains("liyuan/wall/appwall/pose: not JSON") && errors.contains("'e'"), qPrintable(errors));
        QCOMPARE(sync("f2")["pose"].toObject(), lost["pose"].toObject());
        for (const QString name : {"f1", "f2", "f3"})
            QVERIFY2(m_procs[name]->state() == QProcess::Running, qPrintable(name + " ended"));

        // --- the leader restarted: followed again ---
        const AppRun c = runApp({kSample, "--lead", m_url, "--wall-id", wall, "--camera-path", kPath, "--frames", "60",
                                 "--size", "320x240", "--state-json", m_dir.filePath("leadC.json")},
                                300000);
        QVERIFY2(c.exitCode == 0, c.what().constData());
        QFile cj(m_dir.filePath("leadC.json"));
        QVERIFY(cj.open(QIODevice::ReadOnly));
        const QJsonObject cs = QJsonDocument::fromJson(cj.readAll()).object()["sync"].toObject();
        QCOMPARE(cs["role"].toString(), QStringLiteral("leader"));
        for (const QString name : {"f1", "f2", "f3"}) {
            QTRY_VERIFY_WITH_TIMEOUT(sync(name)["leaderSession"].toString() == cs["session"].toString(), 10000);
            QVERIFY(sync(name)["timesResumed"].toInt() >= 1);
            QCOMPARE(sync(name)["lastFrameApplied"].toInt(), cs["frame"].toInt());
        }
    }

    void oneMachineLauncher()
    {
        const QString layout = m_dir.filePath("wall2.json");
        QFile f(layout);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(R"({"wall":"launchwall","screens":[
            {"id":"left","row":0,"col":0,"size":[1000,562.5],"geometry":[0,0,320,180]},
            {"id":"right","row":0,"col":1,"size":[1000,562.5],"geometry":[320,0,320,180]}]})");
        f.close();
        const QString dir = m_dir.filePath("launch");
        QVERIFY(QDir().mkpath(dir));
        const AppRun r = runApp({kSample, "--wall", layout, "--camera-path", kPath, "--frames", "120", "--size", "320x180",
                                 "--follower-state-dir", dir},
                                300000);
        QVERIFY2(r.exitCode == 0, r.what().constData());
        QVERIFY2(r.out.contains("wall: 2 follower(s) over tcp://127.0.0.1:"), qPrintable(r.out));
        for (const QString screen : {"left", "right"}) {
            QFile sf(QDir(dir).filePath(screen + ".json"));
            QVERIFY2(sf.open(QIODevice::ReadOnly), qPrintable(screen));
            const QJsonObject s = QJsonDocument::fromJson(sf.readAll()).object()["sync"].toObject();
            QCOMPARE(s["wallId"].toString(), QStringLiteral("launchwall"));
            QVERIFY2(s["framesApplied"].toInt() > 10, qPrintable(QJsonDocument(s).toJson()));
            // no orphans: the follower ended with its leader
            const QString proc = QStringLiteral("/proc/%1").arg(s["pid"].toInt());
            QTRY_VERIFY_WITH_TIMEOUT(!QFileInfo::exists(proc), 10000);
        }
    }

    void badWallArguments_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("message");
        QTest::newRow("lead and follow") << QStringList{"--lead", "tcp://127.0.0.1:1", "--follow", "tcp://127.0.0.1:1"} << 64 << "exclude";
        QTest::newRow("screen without wall") << QStringList{"--wall-screen", "a"} << 64 << "--wall-screen needs --wall";
        QTest::newRow("bad url") << QStringList{"--follow", "http://x"} << 2 << "unsupported broker URL";
        QTest::newRow("bad wall id") << QStringList{"--lead", "tcp://127.0.0.1:1", "--wall-id", "a/b"} << 2 << "wall id 'a/b'";
        QTest::newRow("missing layout") << QStringList{"--wall", "/nonexistent/wall.json"} << 2 << "/nonexistent/wall.json";
        QTest::newRow("unknown screen") << QStringList{"--wall", "LAYOUT", "--wall-screen", "zz", "--follow", "tcp://127.0.0.1:1"} << 2 << "zz";
    }

    void badWallArguments()
    {
        QFETCH(QStringList, args);
        QFETCH(int, code);
        QFETCH(QString, message);
        const QString layout = m_dir.filePath("wallbad.json");
        QFile f(layout);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(R"({"wall":"bad","screens":[{"id":"a","row":0,"col":0,"size":[1000,562.5],"resolution":[160,90]}]})");
        f.close();
        args.replaceInStrings("LAYOUT", layout);
        const AppRun r = runApp(QStringList{kSample} + args + QStringList{"--size", "160x120"}, 60000);
        QCOMPARE(r.exitCode, code);
        QVERIFY2(r.err.contains(message), qPrintable(r.err));
    }
};

QTEST_GUILESS_MAIN(tst_SyncApp)
#include "tst_syncapp.moc"
