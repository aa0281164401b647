// The real liyuan renders the shared Production_5 with BC1 textures (the default) and with
// --texture-compression none: the pictures agree, and --state-json reports the compressed bytes.
#include "AppRunner.h"
#include "TestRequire.h"

#include <QImage>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>

namespace {
const QString kSample = QStringLiteral(LIYUAN_SHARED_DATA "/osgb/Production_5");

QJsonObject readJson(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? QJsonDocument::fromJson(f.readAll()).object() : QJsonObject{};
}

/** PSNR (dB) of b against a over RGB; -1 on a size mismatch. */
double psnr(const QImage &a0, const QImage &b0)
{
    const QImage a = a0.convertToFormat(QImage::Format_RGB32), b = b0.convertToFormat(QImage::Format_RGB32);
    if (a.size() != b.size() || a.isNull())
        return -1;
    double sum = 0;
    for (int y = 0; y < a.height(); ++y) {
        const QRgb *p = reinterpret_cast<const QRgb *>(a.constScanLine(y));
        const QRgb *q = reinterpret_cast<const QRgb *>(b.constScanLine(y));
        for (int x = 0; x < a.width(); ++x) {
            const double dr = qRed(p[x]) - qRed(q[x]), dg = qGreen(p[x]) - qGreen(q[x]), db = qBlue(p[x]) - qBlue(q[x]);
            sum += dr * dr + dg * dg + db * db;
        }
    }
    const double mse = sum / (3.0 * a.width() * a.height());
    return mse <= 0 ? 99.0 : 10 * std::log10(255.0 * 255.0 / mse);
}
} // namespace

class tst_TextureCompressionApp : public QObject
{
    Q_OBJECT
    QTemporaryDir m_tmp;

    AppRun shoot(const QString &name, const QStringList &extra)
    {
        return runApp(QStringList{QStringLiteral("--screenshot"), m_tmp.filePath(name + QStringLiteral(".png")),
                                  QStringLiteral("--size"), QStringLiteral("640x400"), QStringLiteral("--state-json"),
                                  m_tmp.filePath(name + QStringLiteral(".json")), QStringLiteral("--timeout"),
                                  QStringLiteral("50")}
                              + extra + QStringList{kSample},
                      55000);
    }

private slots:
    void compressedMatchesUncompressed()
    {
        LIYUAN_REQUIRE(QFileInfo::exists(kSample + QStringLiteral("/metadata.xml")), "shared Production_5 missing");
        const AppRun bc1 = shoot(QStringLiteral("bc1"), {});
        QVERIFY2(bc1.finished && bc1.exitCode == 0, bc1.what());
        const AppRun none = shoot(QStringLiteral("none"), {QStringLiteral("--texture-compression"), QStringLiteral("none")});
        QVERIFY2(none.finished && none.exitCode == 0, none.what());
        QVERIFY2(!bc1.err.contains(QLatin1String("Could not load texture")), qPrintable(bc1.err.left(2000)));

        const QJsonObject sb = readJson(m_tmp.filePath(QStringLiteral("bc1.json")));
        const QJsonObject sn = readJson(m_tmp.filePath(QStringLiteral("none.json")));
        QCOMPARE(sb.value(QStringLiteral("textures")).toObject().value(QStringLiteral("compression")).toString(), QStringLiteral("bc1"));
        QCOMPARE(sn.value(QStringLiteral("textures")).toObject().value(QStringLiteral("compression")).toString(), QStringLiteral("none"));
        const double bytesBc1 = sb.value(QStringLiteral("textures")).toObject().value(QStringLiteral("bytes")).toDouble();
        const double bytesNone = sn.value(QStringLiteral("textures")).toObject().value(QStringLiteral("bytes")).toDouble();
        QVERIFY2(bytesNone > 1e6, qPrintable(QString::number(bytesNone)));
        // the same tiles: BC1 is an eighth of RGBA8 (blocks round sizes up a little)
        QVERIFY2(std::abs(bytesBc1 * 8 / bytesNone - 1.0) < 0.02,
                 qPrintable(QStringLiteral("bc1 %1 bytes, none %2 bytes").arg(bytesBc1).arg(bytesNone)));
        // and the cache budget counts them: less in all
        const double cacheBc1 = sb.value(QStringLiteral("tiles")).toObject().value(QStringLiteral("cacheBytes")).toDouble();
        const double cacheNone = sn.value(QStringLiteral("tiles")).toObject().value(QStringLiteral("cacheBytes")).toDouble();
        QVERIFY2(cacheBc1 < cacheNone - bytesNone, qPrintable(QStringLiteral("cache %1 vs %2").arg(cacheBc1).arg(cacheNone)));
        // --state-json starts the GUI stall meter (it is off otherwise): a loading, rendering run has stalls
        QVERIFY(sb.value(QStringLiteral("gui")).toObject().contains(QStringLiteral("maxStallMs")));
        QVERIFY2(sb.value(QStringLiteral("gui")).toObject().value(QStringLiteral("maxStallMs")).toDouble() > 0.0,
                 qPrintable(QJsonDocument(sb.value(QStringLiteral("gui")).toObject()).toJson(QJsonDocument::Compact)));

        const QImage a(m_tmp.filePath(QStringLiteral("none.png"))), b(m_tmp.filePath(QStringLiteral("bc1.png")));
        QVERIFY(!a.isNull() && !b.isNull());
        const double p = psnr(a, b);
        QVERIFY2(p > 30.0, qPrintable(QStringLiteral("screenshot PSNR %1 dB").arg(p)));
        qInfo("screenshot PSNR bc1 vs none: %.2f dB; texture bytes %.1f MB vs %.1f MB", p, bytesBc1 / 1048576, bytesNone / 1048576);
    }
};

QTEST_GUILESS_MAIN(tst_TextureCompressionApp)
#include "tst_texturecompressionapp.moc"
