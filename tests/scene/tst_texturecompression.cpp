// TextureCompressor (libsquish BC1/BC3) on the real Production_5 photogrammetry textures, read
// through the OSGB reader, and on hostile sizes; TileDrawableModel's loader-thread conversion.
#include <liyuan/osgb/OsgbReader.h>
#include <liyuan/scene/TextureCompressor.h>
#include <liyuan/scene/quick/TileDrawableModel.h>

#include "TestRequire.h"

#include <QDirIterator>
#include <QStandardPaths>
#include <QtTest>

#include <cmath>

using namespace liyuan;

namespace {

const QString kSample = QStringLiteral(LIYUAN_SHARED_DATA "/osgb/Production_5");

/** A w × h image: smooth gradients with a little texture (photogrammetry-like), opaque. */
ImageData pattern(int w, int h, uchar alpha = 255)
{
    ImageData img;
    img.width = w;
    img.height = h;
    img.rgba.resize(qsizetype(w) * h * 4);
    uchar *p = reinterpret_cast<uchar *>(img.rgba.data());
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x, p += 4) {
            p[0] = uchar((x * 255) / std::max(1, w - 1));
            p[1] = uchar((y * 255) / std::max(1, h - 1));
            p[2] = uchar(128 + 60 * std::sin(x * 0.3) * std::cos(y * 0.2));
            p[3] = alpha;
        }
    return img;
}

} // namespace

class tst_TextureCompression : public QObject
{
    Q_OBJECT

private slots:
    void realPhotogrammetry_data()
    {
        QTest::addColumn<QString>("file");
        QTest::newRow("root tile") << QStringLiteral("Data/Tile_+000_+012/Tile_+000_+012.osgb");
        QTest::newRow("finest tile") << QStringLiteral("Data/Tile_+000_+013/Tile_+000_+013_L19_0uuuu3.osgb");
    }

    void realPhotogrammetry()
    {
        QFETCH(QString, file);
        const QString path = kSample + QLatin1Char('/') + file;
        LIYUAN_REQUIRE(QFileInfo::exists(path), "shared Production_5 missing");
        const TileReadResult r = osgb::OsgbReader().read(path);
        QVERIFY2(r.ok, qPrintable(r.error));
        QVERIFY(!r.content.images.empty());
        for (const ImageData &img : r.content.images) {
            QVERIFY(img.isValid());
            TextureCompressor::Result c;
            QString error;
            QVERIFY2(TextureCompressor::compress(img, TextureCompression::Bc1, 16384, &c, &error), qPrintable(error));
            QCOMPARE(c.format, TextureCompression::Bc1); // JPEG photogrammetry: opaque
            const qsizetype blocks = qsizetype((img.width + 3) / 4) * ((img.height + 3) / 4);
            QCOMPARE(c.byteSize(), blocks * 8);
            QVERIFY(c.byteSize() * 8 <= img.byteSize() + 8 * 64); // an eighth of RGBA8
            const ImageData back = TextureCompressor::decompress(c);
            QCOMPARE(back.width, img.width);
            QCOMPARE(back.height, img.height);
            const double psnr = TextureCompressor::psnr(img, back);
            QVERIFY2(psnr > 27.0, qPrintable(QStringLiteral("%1 %2×%3: PSNR %4 dB").arg(file).arg(img.width).arg(img.height).arg(psnr)));
            // BC3 of the same image: twice the bytes, colour as good
            TextureCompressor::Result c3;
            QVERIFY(TextureCompressor::compress(img, TextureCompression::Bc3, 16384, &c3, &error));
            QCOMPARE(c3.byteSize(), blocks * 16);
            QVERIFY(TextureCompressor::psnr(img, TextureCompressor::decompress(c3)) > 27.0);
        }
    }

    void sizes_data()
    {
        QTest::addColumn<int>("w");
        QTest::addColumn<int>("h");
        QTest::addColumn<qsizetype>("bc1Bytes");
        QTest::newRow("1x1") << 1 << 1 << qsizetype(8);
        QTest::newRow("3x5") << 3 << 5 << qsizetype(16);
        QTest::newRow("5x3") << 5 << 3 << qsizetype(16);
        QTest::newRow("4x4") << 4 << 4 << qsizetype(8);
        QTest::newRow("6x10") << 6 << 10 << qsizetype(48);
        QTest::newRow("1x257") << 1 << 257 << qsizetype(65 * 8);
        QTest::newRow("2048x512") << 2048 << 512 << qsizetype(2048 * 512 / 2);
    }

    /** A smooth synthetic texture keeps its detail (the real photographs are tested above). */
    void smoothGradient()
    {
        const ImageData img = pattern(512, 256);
        TextureCompressor::Result c;
        QString error;
        QVERIFY(TextureCompressor::compress(img, TextureCompression::Bc1, 16384, &c, &error));
        const double psnr = TextureCompressor::psnr(img, TextureCompressor::decompress(c));
        QVERIFY2(psnr > 28.0, qPrintable(QString::number(psnr)));
    }

    void sizes()
    {
        QFETCH(int, w);
        QFETCH(int, h);
        QFETCH(qsizetype, bc1Bytes);
        // one colour: BC1 holds it (to 5:6:5 rounding), so every decoded pixel, padding aside, is near it
        ImageData img = pattern(w, h);
        for (qsizetype i = 0; i < img.rgba.size(); i += 4) {
            img.rgba[i] = char(200);
            img.rgba[i + 1] = char(100);
            img.rgba[i + 2] = char(50);
        }
        TextureCompressor::Result c;
        QString error;
        QVERIFY2(TextureCompressor::compress(img, TextureCompression::Bc1, 16384, &c, &error), qPrintable(error));
        QCOMPARE(c.byteSize(), bc1Bytes);
        QCOMPARE(TextureCompressor::byteSize(w, h, TextureCompression::Bc1), bc1Bytes);
        const ImageData back = TextureCompressor::decompress(c);
        QCOMPARE(back.width, w);
        QCOMPARE(back.height, h);
        QVERIFY(back.isValid());
        QVERIFY2(TextureCompressor::psnr(img, back) > 38.0, qPrintable(QString::number(TextureCompressor::psnr(img, back))));
        // none: the same bytes, shared
        TextureCompressor::Result raw;
        QVERIFY(TextureCompressor::compress(img, TextureCompression::None, 16384, &raw, &error));
        QCOMPARE(raw.byteSize(), img.byteSize());
        QVERIFY(raw.data.constData() == img.rgba.constData());
    }

    void transparencyGetsBc3()
    {
        ImageData img = pattern(16, 8);
        reinterpret_cast<uchar *>(img.rgba.data())[4 * 37 + 3] = 100; // one soft pixel
        TextureCompressor::Result c;
        QString error;
        QVERIFY(TextureCompressor::compress(img, TextureCompression::Bc1, 16384, &c, &error));
        QCOMPARE(c.format, TextureCompression::Bc3);
        QCOMPARE(c.byteSize(), qsizetype(4 * 2 * 16));
        const ImageData back = TextureCompressor::decompress(c);
        QVERIFY(qAbs(int(uchar(back.rgba[4 * 37 + 3])) - 100) < 12); // alpha kept (BC3's 8-level alpha)
    }

    void hostile_data()
    {
        QTest::addColumn<int>("w");
        QTest::addColumn<int>("h");
        QTest::addColumn<qsizetype>("bytes");
        QTest::addColumn<int>("maxSide");
        QTest::addColumn<QString>("message");
        QTest::newRow("side over the limit") << 20000 << 1 << qsizetype(20000 * 4) << 16384
                                             << QStringLiteral("texture 20000×1 exceeds the largest texture side 16384");
        QTest::newRow("height over a small limit") << 4 << 65 << qsizetype(4 * 65 * 4) << 64
                                                   << QStringLiteral("texture 4×65 exceeds the largest texture side 64");
        QTest::newRow("short data") << 8 << 8 << qsizetype(100) << 16384 << QStringLiteral("texture 8×8 has 100 bytes");
        QTest::newRow("zero size") << 0 << 0 << qsizetype(0) << 16384 << QStringLiteral("not an RGBA8 image");
        QTest::newRow("negative size") << -4 << 4 << qsizetype(0) << 16384 << QStringLiteral("not an RGBA8 image");
    }

    void hostile()
    {
        QFETCH(int, w);
        QFETCH(int, h);
        QFETCH(qsizetype, bytes);
        QFETCH(int, maxSide);
        QFETCH(QString, message);
        ImageData img;
        img.width = w;
        img.height = h;
        img.rgba = QByteArray(bytes, char(90));
        TextureCompressor::Result c;
        QString error;
        QVERIFY(!TextureCompressor::compress(img, TextureCompression::Bc1, maxSide, &c, &error));
        QVERIFY2(error.contains(message), qPrintable(error));
        QVERIFY(c.data.isEmpty());
    }

    /** The loader-thread bridge: the source image is dropped, an oversized one is refused by name. */
    void loaderThreadConversion()
    {
        TileContent content;
        content.sourceFile = QStringLiteral("/data/Tile_x.osgb");
        content.images.push_back(pattern(64, 32));
        content.images.push_back(pattern(70, 2)); // over the limit below
        MeshData m;
        m.positions = {0, 0, 0, 1, 0, 0, 0, 1, 0};
        m.uvs = {0, 0, 1, 0, 0, 1};
        m.indices = {0, 1, 2};
        m.imageIndex = 0;
        content.meshes.push_back(m);
        TileDrawableModel model;
        model.setTextureCompression(TextureCompression::Bc1, 64);
        qint64 extra = 0;
        const auto prepared = model.prepareInLoadThread(content, &extra);
        QVERIFY(prepared);
        QVERIFY(content.images[0].rgba.isEmpty()); // one CPU copy: the converted bytes
        QCOMPARE(content.images[0].width, 64);
        QCOMPARE(content.textureBytes(), qsizetype(0));
        QCOMPARE(content.warnings.size(), 1);
        QVERIFY2(content.warnings[0].contains(QStringLiteral("/data/Tile_x.osgb: image 1: texture 70×2 exceeds the largest texture side 64")),
                 qPrintable(content.warnings[0]));
        // the budget: the renderer's copy only (the KTX file is read and forgotten), plus the
        // geometry buffers (2 × (3×5 floats + 3 indices))
        QCOMPARE(model.textureCompression(), TextureCompression::Bc1);
        const qint64 geometry = 2 * (3 * 5 * 4 + 3 * 4);
        QCOMPARE(extra, geometry + qint64(64 * 32 / 2));
        const QString dir = QStandardPaths::writableLocation(QStandardPaths::CacheLocation) + QStringLiteral("/textures/")
                + QString::number(QCoreApplication::applicationPid());
        const QStringList ktx = QDir(dir).entryList({QStringLiteral("*.ktx")}, QDir::Files);
        QCOMPARE(ktx.size(), 1);
        QFile f(QDir(dir).filePath(ktx.first()));
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray head = f.read(64);
        QVERIFY(head.startsWith("\xABKTX 11\xBB"));
        QCOMPARE(f.size(), qint64(64 + 4 + 64 * 32 / 2)); // one level: header, size, blocks
    }

    /** KTX with the smaller levels: each level's blocks, down to 1×1. */
    void ktxMipLevels()
    {
        const ImageData img = pattern(64, 16);
        TextureCompressor::Result c;
        QString error;
        QVERIFY(TextureCompressor::compress(img, TextureCompression::Bc1, 16384, &c, &error));
        const QByteArray ktx = TextureCompressor::toKtx(c, img, true);
        // levels 64×16, 32×8, 16×4, 8×2, 4×1, 2×1, 1×1: 64+16+4+2+1+1+1 blocks
        QCOMPARE(ktx.size(), qsizetype(64 + 7 * 4 + (64 + 16 + 4 + 2 + 1 + 1 + 1) * 8));
        QVERIFY(TextureCompressor::toKtx(TextureCompressor::Result{}, img, true).isEmpty());
    }

    void optionNames()
    {
        TextureCompression c = TextureCompression::None;
        QVERIFY(TilesetOptions::parseCompression(QStringLiteral("BC1"), &c));
        QCOMPARE(c, TextureCompression::Bc1);
        QVERIFY(TilesetOptions::parseCompression(QStringLiteral("bc3"), &c));
        QCOMPARE(c, TextureCompression::Bc3);
        QVERIFY(!TilesetOptions::parseCompression(QStringLiteral("bc7"), &c));
        QVERIFY(!TilesetOptions::parseCompression(QString(), &c));
        QCOMPARE(TilesetOptions::compressionName(TextureCompression::None), QStringLiteral("none"));
    }
};

QTEST_GUILESS_MAIN(tst_TextureCompression)
#include "tst_texturecompression.moc"
