#include "JpegRgbaReaderWriter.h"

#include <osg/Image>
#include <osgDB/FileNameUtils>
#include <osgDB/FileUtils>

#include <csetjmp>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <vector>

#include <jpeglib.h>

namespace liyuan::osgb {
namespace {

struct ErrorManager
{
    jpeg_error_mgr pub;
    std::jmp_buf jump;
};

void onError(j_common_ptr cinfo)
{
    auto *err = reinterpret_cast<ErrorManager *>(cinfo->err);
    std::longjmp(err->jump, 1);
}

void onMessage(j_common_ptr) {} // warnings (e.g. corrupt data) are not printed

/** Decodes JPEG bytes into a new RGBA image (rows bottom first); nullptr on failure. */
osg::Image *decode(const unsigned char *data, size_t size)
{
    if (size < 4)
        return nullptr;
    jpeg_decompress_struct cinfo;
    ErrorManager err;
    cinfo.err = jpeg_std_error(&err.pub);
    err.pub.error_exit = onError;
    err.pub.output_message = onMessage;
    QByteArray buffer;
    if (setjmp(err.jump)) {
        jpeg_destroy_decompress(&cinfo);
        return nullptr;
    }
    jpeg_create_decompress(&cinfo);
    jpeg_mem_src(&cinfo, data, static_cast<unsigned long>(size));
    if (jpeg_read_header(&cinfo, TRUE) != JPEG_HEADER_OK) {
        jpeg_destroy_decompress(&cinfo);
        return nullptr;
    }
    cinfo.out_color_space = JCS_EXT_RGBA;
    jpeg_start_decompress(&cinfo);
    const unsigned w = cinfo.output_width, h = cinfo.output_height;
    if (w == 0 || h == 0 || w > 32768 || h > 32768 || cinfo.output_components != 4) {
        jpeg_destroy_decompress(&cinfo);
        return nullptr;
    }
    buffer = QByteArray(qsizetype(w) * h * 4, Qt::Uninitialized);
    unsigned char *pixels = reinterpret_cast<unsigned char *>(buffer.data());
    while (cinfo.output_scanline < h) {
        // JPEG rows come top first; OSG images are bottom row first
        JSAMPROW row = pixels + size_t(h - 1 - cinfo.output_scanline) * w * 4;
        jpeg_read_scanlines(&cinfo, &row, 1);
    }
    jpeg_finish_decompress(&cinfo);
    jpeg_destroy_decompress(&cinfo);
    // the pixels stay owned by the QByteArray (kept alive as user data): the reader can
    // share them with the renderer instead of copying
    auto *image = new osg::Image;
    image->setImage(int(w), int(h), 1, GL_RGBA8, GL_RGBA, GL_UNSIGNED_BYTE, pixels, osg::Image::NO_DELETE);
    image->setUserData(new PixelBuffer(buffer));
    return image;
}

} // namespace

JpegRgbaReaderWriter::JpegRgbaReaderWriter()
{
    supportsExtension("jpg", "JPEG image, decoded to RGBA");
    supportsExtension("jpeg", "JPEG image, decoded to RGBA");
}

osgDB::ReaderWriter::ReadResult JpegRgbaReaderWriter::readImage(std::istream &in, const Options *) const
{
    std::vector<unsigned char> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    osg::Image *img = decode(bytes.data(), bytes.size());
    if (!img)
        return ReadResult::ERROR_IN_READING_FILE;
    return img;
}

osgDB::ReaderWriter::ReadResult JpegRgbaReaderWriter::readImage(const std::string &file, const Options *options) const
{
    if (!acceptsExtension(osgDB::getLowerCaseFileExtension(file)))
        return ReadResult::FILE_NOT_HANDLED;
    const std::string path = osgDB::findDataFile(file, options);
    if (path.empty())
        return ReadResult::FILE_NOT_FOUND;
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return ReadResult::ERROR_IN_READING_FILE;
    ReadResult r = readImage(in, options);
    if (r.validImage())
        r.getImage()->setFileName(file);
    return r;
}

} // namespace liyuan::osgb
