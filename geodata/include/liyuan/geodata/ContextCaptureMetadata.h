#pragma once
#include "LocalFrame.h"

#include <QByteArray>
#include <QString>

namespace liyuan {

/**
 * A ContextCapture / Smart3D `metadata.xml`: `<SRS>` (EPSG:n, ENU:lat,lon or WKT) and
 * `<SRSOrigin>` (x,y,z in that SRS; for ENU usually absent or 0,0,0).
 * Plain data; read() may run on any thread.
 */
struct ContextCaptureMetadata
{
    bool ok = false;
    QString file;        ///< path it was read from
    QString error;       ///< "FILE: problem" when !ok
    QString srsText;     ///< the <SRS> text as written
    Crs crs;
    Vec3d srsOrigin;
    bool hasOrigin = false;

    /** The frame the tile vertices are expressed in (crs + srsOrigin). */
    LocalFrame frame() const { return LocalFrame(crs, srsOrigin); }

    /** Reads and parses a metadata.xml file; never throws. */
    static ContextCaptureMetadata read(const QString &path);
    /** Parses metadata.xml bytes; fileName is used in messages only. */
    static ContextCaptureMetadata parse(const QByteArray &xml, const QString &fileName);
};

} // namespace liyuan
