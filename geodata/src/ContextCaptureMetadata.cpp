#include "liyuan/geodata/ContextCaptureMetadata.h"

#include <QFile>
#include <QFileInfo>
#include <QStringList>
#include <QXmlStreamReader>

#include <cmath>

namespace liyuan {

namespace {

/** metadata.xml is a few hundred bytes; anything above this is refused unread. */
constexpr qint64 kMaxMetadataBytes = 1024 * 1024;

QString elided(const QString &s, int max = 80)
{
    QString t = s.simplified();
    if (t.size() > max)
        t = t.left(max) + QStringLiteral("...");
    return t;
}

ContextCaptureMetadata failed(ContextCaptureMetadata m, const QString &problem)
{
    m.ok = false;
    m.error = (m.file.isEmpty() ? QStringLiteral("metadata.xml") : m.file) + QStringLiteral(": ") + problem;
    return m;
}

QString num(double v)
{
    return QString::number(v, 'g', 12);
}

/**
 * An origin no real production has: longitude/latitude out of range for a geographic SRS,
 * or coordinates beyond kMaxProjected metres (eight times the Earth's circumference, room for
 * zone-prefixed eastings) and heights beyond kMaxHeight. Empty when plausible.
 */
QString implausibleOrigin(const Crs &crs, const Vec3d &o)
{
    constexpr double kMaxProjected = 1e8, kMaxHeight = 1e7;
    if (std::abs(o.z) > kMaxHeight)
        return QStringLiteral("height %1 is not plausible (more than %2 m)").arg(num(o.z), num(kMaxHeight));
    if (crs.isGeographic()) {
        if (o.y < -90.0 || o.y > 90.0)
            return QStringLiteral("latitude %1 is outside [-90, 90] (the SRS is geographic: x = longitude, "
                                  "y = latitude)").arg(num(o.y));
        if (o.x < -180.0 || o.x > 360.0)
            return QStringLiteral("longitude %1 is outside [-180, 360]").arg(num(o.x));
        return QString();
    }
    if (std::abs(o.x) > kMaxProjected || std::abs(o.y) > kMaxProjected)
        return QStringLiteral("(%1, %2) is not plausible: coordinates beyond %3 m").arg(num(o.x), num(o.y),
                                                                                      num(kMaxProjected));
    return QString();
}

} // namespace

ContextCaptureMetadata ContextCaptureMetadata::read(const QString &path)
{
    ContextCaptureMetadata m;
    m.file = path;
    if (path.isEmpty())
        return failed(m, QStringLiteral("cannot open: empty path"));
    const QFileInfo info(path);
    if (!info.exists())
        return failed(m, QStringLiteral("cannot open: No such file or directory"));
    if (info.isDir())
        return failed(m, QStringLiteral("cannot open: Is a directory"));
    if (!info.isFile()) // reading a FIFO or device would block for ever
        return failed(m, QStringLiteral("cannot open: not a regular file (a FIFO, socket or device)"));
    if (info.size() > kMaxMetadataBytes)
        return failed(m, QStringLiteral("file is too large (%1 bytes; a metadata.xml is at most 1 MiB)")
                             .arg(info.size()));
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return failed(m, QStringLiteral("cannot open: %1").arg(f.errorString()));
    // Read at most one byte past the limit: special files may report size 0.
    const QByteArray bytes = f.read(kMaxMetadataBytes + 1);
    if (f.error() != QFileDevice::NoError)
        return failed(m, QStringLiteral("cannot read: %1").arg(f.errorString()));
    if (bytes.size() > kMaxMetadataBytes)
        return failed(m, QStringLiteral("file is too large (more than 1 MiB; a metadata.xml is a few hundred bytes)"));
    return parse(bytes, path);
}

ContextCaptureMetadata ContextCaptureMetadata::parse(const QByteArray &xml, const QString &fileName)
{
    ContextCaptureMetadata m;
    m.file = fileName;
    if (xml.size() > kMaxMetadataBytes)
        return failed(m, QStringLiteral("file is too large (%1 bytes; a metadata.xml is at most 1 MiB)")
                             .arg(xml.size()));
    if (xml.trimmed().isEmpty())
        return failed(m, QStringLiteral("file is empty"));

    QXmlStreamReader reader(xml);
    bool sawRoot = false;
    bool haveSrs = false;
    QString originText;
    bool haveOrigin = false;

    while (!reader.atEnd()) {
        const QXmlStreamReader::TokenType token = reader.readNext();
        if (token != QXmlStreamReader::StartElement)
            continue;
        if (!sawRoot) {
            sawRoot = true;
            if (reader.name() != QLatin1String("ModelMetadata"))
                return failed(m, QStringLiteral("root element is <%1>, expected <ModelMetadata>")
                                     .arg(elided(reader.name().toString(), 40)));
            continue;
        }
        const QString name = reader.name().toString();
        if (name == QLatin1String("SRS") && !haveSrs) {
            m.srsText = reader.readElementText(QXmlStreamReader::IncludeChildElements).trimmed();
            haveSrs = true;
        } else if (name == QLatin1String("SRSOrigin") && !haveOrigin) {
            originText = reader.readElementText(QXmlStreamReader::IncludeChildElements).trimmed();
            haveOrigin = true;
        } else {
            reader.skipCurrentElement();
        }
    }
    if (reader.hasError())
        return failed(m, QStringLiteral("malformed XML at line %1: %2")
                             .arg(reader.lineNumber())
                             .arg(reader.errorString()));
    if (!sawRoot)
        return failed(m, QStringLiteral("no XML element found (expected <ModelMetadata>)"));
    if (!haveSrs)
        return failed(m, QStringLiteral("<SRS> is missing"));
    if (m.srsText.isEmpty())
        return failed(m, QStringLiteral("<SRS> is empty"));

    if (haveOrigin) {
        const QStringList parts = originText.split(QLatin1Char(','));
        double v[3] = {0.0, 0.0, 0.0};
        bool good = parts.size() == 2 || parts.size() == 3;
        for (int i = 0; good && i < parts.size(); ++i) {
            v[i] = parts.at(i).trimmed().toDouble(&good);
            good = good && std::isfinite(v[i]);
        }
        if (!good)
            return failed(m, QStringLiteral("<SRSOrigin> is not three numbers: '%1'").arg(elided(originText, 60)));
        m.srsOrigin = Vec3d(v[0], v[1], v[2]);
        m.hasOrigin = true;
    }

    QString crsError;
    m.crs = Crs::fromString(m.srsText, &crsError);
    if (!m.crs.isValid())
        return failed(m, QStringLiteral("unknown SRS '%1' (%2)").arg(elided(m.srsText, 60), crsError));
    if (m.hasOrigin) {
        const QString problem = implausibleOrigin(m.crs, m.srsOrigin);
        if (!problem.isEmpty())
            return failed(m, QStringLiteral("<SRSOrigin> %1").arg(problem));
    }
    m.ok = true;
    return m;
}

} // namespace liyuan
