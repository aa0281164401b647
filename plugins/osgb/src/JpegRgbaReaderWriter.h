#pragma once
#include <osg/Referenced>
#include <osgDB/ReaderWriter>

#include <QByteArray>

namespace liyuan::osgb {

/**
 * Owns the pixels of an image decoded by JpegRgbaReaderWriter (attached as the image's
 * user data): the reader hands the same QByteArray to the renderer, without a copy.
 */
class PixelBuffer : public osg::Referenced
{
public:
    explicit PixelBuffer(QByteArray b) : bytes(std::move(b)) {}
    const QByteArray bytes;
};

/**
 * An OpenSceneGraph image reader for JPEG that decodes straight to RGBA (libjpeg-turbo's
 * JCS_EXT_RGBA), bottom row first as OSG stores images. Registered ahead of OSG's own jpeg
 * plugin so textures embedded in .osgb files arrive in the layout the renderer takes,
 * without a per-pixel conversion. Thread-safe (no shared state).
 */
class JpegRgbaReaderWriter : public osgDB::ReaderWriter
{
public:
    JpegRgbaReaderWriter();
    const char *className() const override { return "Liyuan JPEG → RGBA reader"; }
    ReadResult readImage(std::istream &in, const Options *options = nullptr) const override;
    ReadResult readImage(const std::string &file, const Options *options = nullptr) const override;
};

} // namespace liyuan::osgb
