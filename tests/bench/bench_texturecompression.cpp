// bench_texturecompression: BC1 compression of the real Production_5 textures (every image of
// the files reachable from the roots, read through OsgbReader): milliseconds per MPixel and PSNR
// of the decoded image, for libsquish's range fit, cluster fit (TextureCompressor's choice) and
// iterative cluster fit, one thread. Not a ctest test: `build/tests/bench/bench_texturecompression [MAX_FILES]`.
#include <liyuan/osgb/OsgbReader.h>
#include <liyuan/scene/TextureCompressor.h>

#include <QCoreApplication>
#include <QDirIterator>
#include <QElapsedTimer>

#include <squish.h>

#include <cstdio>

using namespace liyuan;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const int maxFiles = argc > 1 ? std::atoi(argv[1]) : 12;
    const QString sample = QStringLiteral(LIYUAN_SHARED_DATA "/osgb/Production_5/Data");
    std::vector<ImageData> images;
    QDirIterator it(sample, {QStringLiteral("*.osgb")}, QDir::Files, QDirIterator::Subdirectories);
    QStringList files;
    while (it.hasNext())
        files << it.next();
    files.sort();
    for (const QString &f : files.mid(0, maxFiles)) {
        const TileReadResult r = osgb::OsgbReader().read(f);
        for (const ImageData &img : r.content.images)
            if (img.isValid())
                images.push_back(img);
    }
    double mpix = 0;
    for (const ImageData &img : images)
        mpix += double(img.width) * img.height / 1e6;
    std::printf("%d images from %d files, %.1f MPixel, RGBA8 %.1f MB, BC1 %.1f MB\n", int(images.size()),
                int(std::min<qsizetype>(maxFiles, files.size())), mpix, mpix * 4, mpix / 2);
    struct Mode { const char *name; int flags; };
    const Mode modes[] = {{"range fit", squish::kDxt1 | squish::kColourRangeFit},
                          {"cluster fit (used)", squish::kDxt1 | squish::kColourClusterFit},
                          {"iterative cluster fit", squish::kDxt1 | squish::kColourIterativeClusterFit}};
    for (const Mode &m : modes) {
        double ms = 0, psnrSum = 0, psnrMin = 1e9;
        for (const ImageData &img : images) {
            TextureCompressor::Result c;
            c.width = img.width;
            c.height = img.height;
            c.format = TextureCompression::Bc1;
            c.data.resize(TextureCompressor::byteSize(img.width, img.height, TextureCompression::Bc1));
            QElapsedTimer t;
            t.start();
            squish::CompressImage(reinterpret_cast<const squish::u8 *>(img.rgba.constData()), img.width, img.height,
                                  c.data.data(), m.flags);
            ms += t.nsecsElapsed() / 1e6;
            const double p = TextureCompressor::psnr(img, TextureCompressor::decompress(c));
            psnrSum += p;
            psnrMin = std::min(psnrMin, p);
        }
        std::printf("BC1 %-22s %7.1f ms/MPixel (%.0f ms in all), PSNR mean %.2f dB, min %.2f dB\n", m.name, ms / mpix, ms,
                    psnrSum / images.size(), psnrMin);
        std::fflush(stdout);
    }
    return 0;
}
