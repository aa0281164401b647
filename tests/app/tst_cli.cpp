// The command-line contract: --help, bad arguments, `liyuan info` on the real sample and on bad input.
#include "AppRunner.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

namespace {
const QString kSample = QStringLiteral(LIYUAN_SHARED_DATA "/osgb/Production_5");

QJsonObject parseJson(const QString &text)
{
    QJsonParseError e;
    const QJsonDocument d = QJsonDocument::fromJson(text.toUtf8(), &e);
    if (e.error != QJsonParseError::NoError)
        qWarning() << "JSON error" << e.errorString() << text.left(400);
    return d.object();
}
} // namespace

class tst_Cli : public QObject
{
    Q_OBJECT
private slots:
    void helpListsTheContract()
    {
        const AppRun r = runApp({"--help"});
        QCOMPARE(r.exitCode, 0);
        for (const char *opt : {"--screenshot", "--size", "--camera-path", "--time", "--timeout", "--frames",
                                "--state-json", "--cache-mb", "--max-loads", "--lod-scale", "--lang", "info",
                                "--deep", "--json"})
            QVERIFY2(r.out.contains(QLatin1String(opt)), opt);
    }

    void badArguments_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("fragment");
        QTest::newRow("unknown option") << QStringList{"--frobnicate"} << "frobnicate";
        QTest::newRow("bad size") << QStringList{"--size", "huge", "--screenshot", "x.png"} << "--size";
        QTest::newRow("bad cache") << QStringList{"--cache-mb", "-5"} << "--cache-mb";
        QTest::newRow("bad lang") << QStringList{"--lang", "fr"} << "--lang";
        QTest::newRow("state-json alone") << QStringList{"--state-json", "x.json"} << "--state-json";
        QTest::newRow("info without path") << QStringList{"info"} << "PATH";
    }
    void badArguments()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, fragment);
        const AppRun r = runApp(args);
        QVERIFY(r.finished);
        QVERIFY(r.exitCode != 0);
        QVERIFY2(r.err.contains(fragment), qPrintable(r.err));
    }

    void infoJsonOnTheSample()
    {
        if (!QFileInfo::exists(kSample))
            QSKIP("shared sample data not found");
        const AppRun r = runApp({"info", "--json", kSample});
        QCOMPARE(r.exitCode, 0);
        const QJsonObject o = parseJson(r.out);
        QCOMPARE(o["format"].toString(), QStringLiteral("OSGB"));
        QCOMPARE(o["rootTiles"].toInt(), 3);
        const QJsonObject crs = o["crs"].toObject();
        QVERIFY(crs["proj"].toString().contains("+lon_0=113.37"));
        QVERIFY(crs["proj"].toString().contains("+y_0=90"));
        QVERIFY(crs["name"].toString().contains("Gauss-Kruger"));
        QCOMPARE(o["origin"].toObject()["x"].toDouble(), 501027.524);
        const QJsonObject ll = o["boundsWgs84"].toObject();
        QVERIFY(ll["west"].toDouble() > 113.37 && ll["east"].toDouble() < 113.39);
        QVERIFY(ll["south"].toDouble() > 22.48 && ll["north"].toDouble() < 22.51);
        QVERIFY(ll["west"].toDouble() < ll["east"].toDouble());
        const QJsonObject b = o["boundsCrs"].toObject();
        QVERIFY(b["min"].toObject()["x"].toDouble() > 500000 && b["max"].toObject()["y"].toDouble() > 2488000);
    }

    void infoDeepJsonOnTheSample()
    {
        if (!QFileInfo::exists(kSample))
            QSKIP("shared sample data not found");
        const AppRun r = runApp({"info", "--deep", "--json", kSample});
        QCOMPARE(r.exitCode, 0);
        const QJsonObject o = parseJson(r.out);
        QCOMPARE(o["files"].toInt(), 35);
        QCOMPARE(qint64(o["triangles"].toDouble()), qint64(319858));
        QCOMPARE(o["lodLevels"].toInt(), 6); // L14 (root) … L19
        QCOMPARE(o["missingChildren"].toArray().size(), 89);
        QCOMPARE(o["unreadable"].toArray().size(), 0);
        const QJsonArray levels = o["levels"].toArray();
        QCOMPARE(levels[0].toObject()["files"].toInt(), 3);
        QVERIFY(levels[5].toObject()["textureBytes"].toDouble() > levels[0].toObject()["textureBytes"].toDouble());
        for (const QJsonValue &m : o["missingChildren"].toArray())
            QVERIFY(m.toString().contains("_L20_"));
    }

    void infoText()
    {
        if (!QFileInfo::exists(kSample))
            QSKIP("shared sample data not found");
        const AppRun r = runApp({"info", kSample});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains("CRS:"));
        QVERIFY(r.out.contains("+proj=tmerc"));
        QVERIFY(r.out.contains("Root tiles:"));
    }

    void infoOnBadInput()
    {
        // a production whose tile is corrupt and whose child is missing: described, not crashed
        if (!QFileInfo::exists(kSample))
            QSKIP("shared sample data not found");
        QTemporaryDir dir;
        QVERIFY(QDir().mkpath(dir.filePath("Data/Tile_+000_+013")));
        QVERIFY(QFile::copy(kSample + "/metadata.xml", dir.filePath("metadata.xml")));
        QFile in(kSample + "/Data/Tile_+000_+013/Tile_+000_+013.osgb");
        QVERIFY(in.open(QIODevice::ReadOnly));
        QFile out(dir.filePath("Data/Tile_+000_+013/Tile_+000_+013.osgb"));
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(in.readAll()); // the root is fine; its L15 child is absent
        out.close();
        QVERIFY(QDir().mkpath(dir.filePath("Data/Tile_+000_+099")));
        QFile bad(dir.filePath("Data/Tile_+000_+099/Tile_+000_+099.osgb"));
        QVERIFY(bad.open(QIODevice::WriteOnly));
        bad.write(in.readAll().left(0) + QByteArray(1000, 'x'));
        bad.close();
        const AppRun r = runApp({"info", "--deep", "--json", dir.path()});
        QCOMPARE(r.exitCode, 0);
        const QJsonObject o = parseJson(r.out);
        QCOMPARE(o["missingChildren"].toArray().size(), 1);
        QCOMPARE(o["unreadable"].toArray().size(), 1);
        QVERIFY(o["unreadable"].toArray()[0].toObject()["error"].toString().contains("Tile_+000_+099.osgb"));

        const AppRun missing = runApp({"info", "--json", "/nonexistent/liyuan"});
        QCOMPARE(missing.exitCode, 2);
        QVERIFY(missing.err.contains("/nonexistent/liyuan"));
    }
};

QTEST_GUILESS_MAIN(tst_Cli)
#include "tst_cli.moc"
