#include <liyuan/scene/TextureCompressor.h>

#include <squish.h>

#include <cmath>
#include <limits>

namespace liyuan {
namespace {

int squishFlags(TextureCompression f)
{
    // cluster fit: the default quality of libsquish; range fit is ~4x faster and visibly worse
    // on photogrammetry (README "Texture memory")
    return (f == TextureCompression::Bc3 ? squish::kDxt5 : squish::kDxt1) | squish::kColourClusterFit;
}

} // namespace

qsizetype TextureCompressor::byteSize(int width, int height, TextureCompression format)
{
    if (width <= 0 || height <= 0)
        return 0;
    if (format == TextureCompression::None)
        return qsizetype(width) * height * 4;
    const qsizetype blocks = qsizetype((width + 3) / 4) * ((height + 3) / 4);
    return blocks * (format == TextureCompression::Bc1 ? 8 : 16);
}

bool TextureCompressor::hasTransparency(const ImageData &image)
{
    const uchar *p = reinterpret_cast<const uchar *>(image.rgba.constData());
    const qsizetype n = image.rgba.size();
    for (qsizetype i = 3; i < n; i += 4)
        if (p[i] != 255)
            return true;
    return false;
}

bool TextureCompressor::compress(const ImageData &image, TextureCompression requested, int maxSide, Result *out,
                                 QString *error)
{
    *out = Result{};
    if (!image.isValid()) {
        *error = QStringLiteral("texture %1×%2 has %3 bytes, not %1×%2×4: not an RGBA8 image")
                         .arg(image.width).arg(image.height).arg(image.rgba.size());
        return false;
    }
    if (image.width > maxSide || image.height > maxSide) {
        *error = QStringLiteral("texture %1×%2 exceeds the largest texture side %3: not loaded")
                         .arg(image.width).arg(image.height).arg(maxSide);
        return false;
    }
    out->width = image.width;
    out->height = image.height;
    TextureCompression f = requested;
    if (f == TextureCompression::Bc1 && hasTransparency(image))
        f = TextureCompression::Bc3; // BC1's one-bit alpha would cut soft edges
    out->format = f;
    if (f == TextureCompression::None) {
        out->data = image.rgba; // shared, not copied
        return true;
    }
    const int flags = squishFlags(f);
    const qsizetype bytes = byteSize(image.width, image.height, f);
    if (squish::GetStorageRequirements(image.width, image.height, flags) != bytes) {
        *error = QStringLiteral("texture %1×%2: unexpected block size").arg(image.width).arg(image.height);
        return false;
    }
    out->data.resize(bytes);
    squish::CompressImage(reinterpret_cast<const squish::u8 *>(image.rgba.constData()), image.width, image.height,
                          out->data.data(), flags);
    return true;
}

ImageData TextureCompressor::decompress(const Result &c)
{
    ImageData img;
    if (c.width <= 0 || c.height <= 0 || c.data.size() != byteSize(c.width, c.height, c.format))
        return img;
    img.width = c.width;
    img.height = c.height;
    if (c.format == TextureCompression::None) {
        img.rgba = c.data;
        return img;
    }
    img.rgba.resize(qsizetype(c.width) * c.height * 4);
    squish::DecompressImage(reinterpret_cast<squish::u8 *>(img.rgba.data()), c.width, c.height, c.data.constData(),
                            squishFlags(c.format));
    return img;
}

double TextureCompressor::psnr(const ImageData &a, const ImageData &b)
{
    if (a.width != b.width || a.height != b.height || !a.isValid() || !b.isValid())
        return -1.0;
    const uchar *p = reinterpret_cast<const uchar *>(a.rgba.constData());
    const uchar *q = reinterpret_cast<const uchar *>(b.rgba.constData());
    double sum = 0.0;
    const qsizetype n = a.rgba.size();
    for (qsizetype i = 0; i < n; i += 4)
        for (int k = 0; k < 3; ++k) {
            const double d = double(p[i + k]) - double(q[i + k]);
            sum += d * d;
        }
    const double mse = sum / (double(n / 4) * 3.0);
    if (mse <= 0.0)
        return std::numeric_limits<double>::infinity();
    return 10.0 * std::log10(255.0 * 255.0 / mse);
}

} // namespace liyuan
