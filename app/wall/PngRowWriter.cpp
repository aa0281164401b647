#include "PngRowWriter.h"

#include <QFile>

#include <cerrno>
#include <csetjmp>
#include <cstdio>
#include <cstring>
#include <png.h>

namespace liyuan {

struct PngRowWriter::Impl
{
    QString fileName;
    QString partName;
    FILE *file = nullptr;
    png_structp png = nullptr;
    png_infop info = nullptr;
    int width = 0, height = 0, rows = 0;
    char message[256] = {0};

    static void onError(png_structp p, png_const_charp msg)
    {
        auto *self = static_cast<Impl *>(png_get_error_ptr(p));
        std::snprintf(self->message, sizeof self->message, "%s", msg);
        png_longjmp(p, 1);
    }
    static void onWarning(png_structp, png_const_charp) {}

    void close(bool keep)
    {
        if (png)
            png_destroy_write_struct(&png, info ? &info : nullptr);
        png = nullptr;
        info = nullptr;
        if (file)
            std::fclose(file);
        file = nullptr;
        if (!keep && !partName.isEmpty())
            QFile::remove(partName);
    }
    ~Impl() { close(false); }
};

PngRowWriter::PngRowWriter() : d(std::make_unique<Impl>()) {}
PngRowWriter::~PngRowWriter() = default;

int PngRowWriter::rowsWritten() const { return d->rows; }

bool PngRowWriter::open(const QString &fileName, int width, int height, QString *error, int compression)
{
    d->close(false);
    d->fileName = fileName;
    d->partName = fileName + QStringLiteral(".part");
    d->width = width;
    d->height = height;
    d->rows = 0;
    if (width < 1 || height < 1) {
        *error = QStringLiteral("%1: an image of %2×%3 pixels cannot be written").arg(fileName).arg(width).arg(height);
        return false;
    }
    d->file = std::fopen(QFile::encodeName(d->partName).constData(), "wb");
    if (!d->file) {
        *error = QStringLiteral("%1: cannot write: %2").arg(fileName, QString::fromLocal8Bit(std::strerror(errno)));
        d->partName.clear();
        return false;
    }
    d->png = png_create_write_struct(PNG_LIBPNG_VER_STRING, d.get(), &Impl::onError, &Impl::onWarning);
    d->info = d->png ? png_create_info_struct(d->png) : nullptr;
    if (!d->png || !d->info) {
        *error = QStringLiteral("%1: libpng could not start").arg(fileName);
        d->close(false);
        return false;
    }
    if (setjmp(png_jmpbuf(d->png))) {
        *error = QStringLiteral("%1: %2").arg(fileName, QString::fromLocal8Bit(d->message));
        d->close(false);
        return false;
    }
    png_init_io(d->png, d->file);
    png_set_compression_level(d->png, compression);
    png_set_filter(d->png, PNG_FILTER_TYPE_BASE, PNG_FILTER_SUB | PNG_FILTER_UP);
    png_set_IHDR(d->png, d->info, png_uint_32(width), png_uint_32(height), 8, PNG_COLOR_TYPE_RGB, PNG_INTERLACE_NONE,
                 PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    png_write_info(d->png, d->info);
    return true;
}

bool PngRowWriter::writeRow(const unsigned char *rgb, QString *error)
{
    if (!d->png || d->rows >= d->height) {
        *error = QStringLiteral("%1: row %2 of %3 cannot be written").arg(d->fileName).arg(d->rows + 1).arg(d->height);
        return false;
    }
    if (setjmp(png_jmpbuf(d->png))) {
        *error = QStringLiteral("%1: %2").arg(d->fileName, QString::fromLocal8Bit(d->message));
        d->close(false);
        return false;
    }
    png_write_row(d->png, const_cast<png_bytep>(rgb));
    ++d->rows;
    return true;
}

bool PngRowWriter::finish(QString *error)
{
    if (!d->png || d->rows != d->height) {
        *error = QStringLiteral("%1: only %2 of %3 rows were written").arg(d->fileName).arg(d->rows).arg(d->height);
        d->close(false);
        return false;
    }
    if (setjmp(png_jmpbuf(d->png))) {
        *error = QStringLiteral("%1: %2").arg(d->fileName, QString::fromLocal8Bit(d->message));
        d->close(false);
        return false;
    }
    png_write_end(d->png, nullptr);
    png_destroy_write_struct(&d->png, &d->info);
    d->png = nullptr;
    d->info = nullptr;
    const bool flushed = std::fflush(d->file) == 0;
    const bool closed = std::fclose(d->file) == 0;
    d->file = nullptr;
    if (!flushed || !closed) {
        *error = QStringLiteral("%1: cannot write: %2").arg(d->fileName, QString::fromLocal8Bit(std::strerror(errno)));
        d->close(false);
        return false;
    }
    QFile::remove(d->fileName);
    if (!QFile::rename(d->partName, d->fileName)) {
        *error = QStringLiteral("%1: cannot move %2 into place").arg(d->fileName, d->partName);
        d->close(false);
        return false;
    }
    d->partName.clear();
    return true;
}

} // namespace liyuan
