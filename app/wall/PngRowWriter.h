#pragma once
#include <QString>

#include <memory>

namespace liyuan {

/**
 * Writes an 8-bit RGB PNG one row at a time (libpng), so an image far larger than memory would
 * hold as one QImage (a 16384×9216 still) needs only the rows at hand. Writes to FILE.part and
 * renames it to FILE on finish(); an unfinished writer removes the part file. One thread.
 */
class PngRowWriter
{
public:
    PngRowWriter();
    ~PngRowWriter();
    PngRowWriter(const PngRowWriter &) = delete;
    PngRowWriter &operator=(const PngRowWriter &) = delete;

    /** Starts a width×height RGB PNG; false with *error naming the file. compression 0..9. */
    bool open(const QString &fileName, int width, int height, QString *error, int compression = 2);
    /** Appends the next row: width×3 bytes R, G, B. */
    bool writeRow(const unsigned char *rgb, QString *error);
    /** Ends the image (all rows written) and moves it into place. */
    bool finish(QString *error);
    int rowsWritten() const;

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

} // namespace liyuan
