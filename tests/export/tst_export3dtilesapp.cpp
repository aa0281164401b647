// `liyuan export-3dtiles` through the real binary: progress lines, summary and exit codes, hostile
// command lines and inputs (the file named on stderr), and the exported tileset opened in Liyuan
// itself next to the OSGB it came from — both layers at the same place in the scene within 0.5 m
// (--screenshot under xvfb-run, --state-json layer bounds).
#include "AppRunner.h"
#include "ExportFixtures.h"
#include "TestRequire.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

using namespace liyuan;

class TstExport3dTilesApp : public QObject
{
    Q_OBJECT
    QTemporaryDir m_tmp;

    static QString production5() { return QStringLiteral(LIYUAN_SHARED_DATA "/osgb/Production_5"); }

private slots:
    void progressAndSummary()
    {
        LIYUAN_REQUIRE(QFileInfo(production5()).isDir(), "shared sample osgb/Production_5 missing (LIYUAN_SHARED_DATA)");
        const QString out = m_tmp.filePath(QStringLiteral("p5"));
        const AppRun r = runApp({QStringLiteral("export-3dtiles"), production5(), out, QStringLiteral("--tiling"),
                                             QStringLiteral("explicit")},
                                            60000);
        QVERIFY2(r.exitCode == 0, r.what().constData());
        const QRegularExpression re(QStringLiteral("^progress (\\d+)/(\\d+)$"), QRegularExpression::MultilineOption);
        int lines = 0, lastDone = 0, lastTotal = 0;
        for (auto it = re.globalMatch(r.out); it.hasNext();) {
            const QRegularExpressionMatch m = it.next();
            ++lines;
            QVERIFY(m.captured(1).toInt() <= m.captured(2).toInt());
            QVERIFY(m.captured(1).toInt() > lastDone); // counts up
            lastDone = m.captured(1).toInt();
            lastTotal = m.captured(2).toInt();
        }
        QCOMPARE(lines, 35);
        QCOMPARE(lastDone, 35);
        QCOMPARE(lastTotal, 35);
        QVERIFY2(r.out.contains(QStringLiteral("exported 35 files (35 glb")), qPrintable(r.out));
        // Production_5 names level-20 children it does not ship: reported, skipped, not fatal
        QVERIFY2(r.err.contains(QStringLiteral("Tile_+000_+012_L20_0uuuu37.osgb is missing (skipped)")), qPrintable(r.err));
        QVERIFY(QFile::exists(out + QStringLiteral("/tileset.json")));
    }

    void badCommandLines_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("message");
        QTest::newRow("no OUT") << QStringList{"export-3dtiles", "somewhere"} << 64 << "PRODUCTION and OUT";
        QTest::newRow("bad tiling") << QStringList{"export-3dtiles", "a", "b", "--tiling", "octree"} << 64 << "--tiling must be explicit or implicit";
        QTest::newRow("tiling without export") << QStringList{"--tiling", "explicit", "x"} << 64 << "--tiling belongs to";
        QTest::newRow("missing production") << QStringList{"export-3dtiles", "/nonexistent/prod", "@OUT"} << 2 << "/nonexistent/prod";
        QTest::newRow("unreachable URL") << QStringList{"export-3dtiles", "http://127.0.0.1:9/prod", "@OUT"} << 2 << "127.0.0.1:9";
    }
    void badCommandLines()
    {
        QFETCH(QStringList, args);
        QFETCH(int, exitCode);
        QFETCH(QString, message);
        args.replaceInStrings(QStringLiteral("@OUT"), m_tmp.filePath(QStringLiteral("bad-out")));
        const AppRun r = runApp(args, 30000);
        QVERIFY2(r.exitCode == exitCode, r.what().constData());
        QVERIFY2(r.err.contains(message), qPrintable(r.err));
    }

    void hostileProduction_data()
    {
        QTest::addColumn<QString>("fixture");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("message");
        QTest::newRow("corrupt osgb") << "corrupt" << 2 << "Tile_+000_+000_L17_1.osgb";
        QTest::newRow("no metadata.xml") << "nometadata" << 2 << "no metadata.xml";
        QTest::newRow("OUT inside") << "inside" << 3 << "inside the production";
        QTest::newRow("implicit") << "implicit" << 2 << "--tiling implicit does not fit";
    }
    void hostileProduction()
    {
        QFETCH(QString, fixture);
        QFETCH(int, exitCode);
        QFETCH(QString, message);
        QTemporaryDir tmp;
        const QString prod = tmp.filePath(QStringLiteral("prod"));
        QString out = tmp.filePath(QStringLiteral("out")), err;
        QVERIFY2(test::GeneratedProduction::write(prod, &err, fixture != QLatin1String("nometadata")), qPrintable(err));
        QStringList args{QStringLiteral("export-3dtiles"), prod, out};
        if (fixture == QLatin1String("corrupt")) {
            QFile f(prod + QStringLiteral("/Data/Tile_+000_+000/Tile_+000_+000_L17_1.osgb"));
            QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
            f.write(QByteArray(300, '\x01'));
        } else if (fixture == QLatin1String("inside")) {
            args[2] = prod + QStringLiteral("/out");
        } else if (fixture == QLatin1String("implicit")) {
            args << QStringLiteral("--tiling") << QStringLiteral("implicit");
        }
        const AppRun r = runApp(args, 30000);
        QVERIFY2(r.exitCode == exitCode, r.what().constData());
        QVERIFY2(r.err.contains(message), qPrintable(r.err));
        QVERIFY(!QFile::exists(args[2] + QStringLiteral("/tileset.json")));
        QVERIFY(!QFile::exists(args[2] + QStringLiteral("/tileset.json.part")));
    }

    /** The tileset of one Tile_* folder and the folder itself, both opened in the app: same place. */
    void opensInLiyuanAtTheSamePlace()
    {
        LIYUAN_REQUIRE(QFileInfo(production5()).isDir(), "shared sample osgb/Production_5 missing (LIYUAN_SHARED_DATA)");
        if (qEnvironmentVariableIsEmpty("DISPLAY") && qEnvironmentVariable("QT_QPA_PLATFORM") != QLatin1String("offscreen"))
            LIYUAN_SKIP("no display: run under xvfb-run");
        const QString tileFolder = production5() + QStringLiteral("/Data/Tile_+000_+012");
        const QString out = m_tmp.filePath(QStringLiteral("t12"));
        const AppRun e = runApp({QStringLiteral("export-3dtiles"), tileFolder, out}, 60000);
        QVERIFY2(e.exitCode == 0, e.what().constData());
        const QString png = m_tmp.filePath(QStringLiteral("t12.png")), state = m_tmp.filePath(QStringLiteral("t12.json"));
        const AppRun r = runApp({QStringLiteral("--screenshot"), png, QStringLiteral("--size"), QStringLiteral("320x240"),
                                             QStringLiteral("--state-json"), state, QStringLiteral("--timeout"), QStringLiteral("45"),
                                             out + QStringLiteral("/tileset.json"), tileFolder},
                                            55000);
        QVERIFY2(r.exitCode == 0, r.what().constData());
        QFile f(state);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QJsonArray layers = QJsonDocument::fromJson(f.readAll()).object().value("layers").toArray();
        QCOMPARE(layers.size(), 2);
        QJsonArray a, b; // the tileset's and the OSGB's bounds in the scene frame
        for (const QJsonValue &l : layers)
            (l.toObject().value("path").toString().contains(QLatin1String("tileset.json")) ? a : b) = l.toObject().value("bounds").toArray();
        QCOMPARE(a.size(), 6);
        QCOMPARE(b.size(), 6);
        double worst = 0;
        for (int i = 0; i < 6; ++i)
            worst = std::max(worst, std::abs(a[i].toDouble() - b[i].toDouble()));
        qInfo("tileset and OSGB root bounds in the scene differ by at most %.3f m; %s", worst, qPrintable(r.out.trimmed()));
        QVERIFY2(worst < 0.5, qPrintable(QStringLiteral("the exported tileset lies %1 m from the OSGB").arg(worst)));
        QVERIFY(std::abs(a[3].toDouble() - a[0].toDouble()) > 50); // real extents, not empty boxes
    }
};

QTEST_GUILESS_MAIN(TstExport3dTilesApp)
#include "tst_export3dtilesapp.moc"
