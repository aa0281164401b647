#pragma once
#include "HeightLimitCheck.h"
#include "Measurement.h"
#include "Sightline.h"

#include <liyuan/geodata/LocalFrame.h>

#include <QByteArray>
#include <QString>

#include <vector>

namespace liyuan {

/**
 * Exports review results (measurements, sightlines, height checks) made in the scene frame:
 * CSV (UTF-8, header row, one row per result, RFC 4180 quoting, coordinates in the frame's
 * CRS) and GeoJSON (RFC 7946: lon/lat in EPSG:4326 transformed from the frame through PROJ;
 * or, as an option, the frame's projected CRS named by a "crs" member). Files are written
 * atomically (QSaveFile); errors name the file. Plain C++, any thread.
 */
class ReviewExport
{
public:
    enum class Table { Measurements, Sightlines, HeightChecks };
    enum class GeoJsonCrs {
        Wgs84,     ///< RFC 7946: EPSG:4326 longitude, latitude (degrees), height as in the frame
        Projected, ///< the frame's CRS (must have an EPSG code), with a "crs" member naming it
    };

    explicit ReviewExport(const LocalFrame &frame = LocalFrame()) : m_frame(frame) {}

    void setFrame(const LocalFrame &frame) { m_frame = frame; }
    const LocalFrame &frame() const { return m_frame; }
    void setMeasurements(std::vector<Measurement> m) { m_measurements = std::move(m); }
    void setSightlines(std::vector<Sightline> s) { m_sightlines = std::move(s); }
    void setHeightChecks(std::vector<HeightCheckResult> h) { m_heightChecks = std::move(h); }
    const std::vector<Measurement> &measurements() const { return m_measurements; }
    const std::vector<Sightline> &sightlines() const { return m_sightlines; }
    const std::vector<HeightCheckResult> &heightChecks() const { return m_heightChecks; }

    /** One table as CSV (coordinates in the frame's CRS; local metres when not georeferenced). */
    QByteArray csv(Table table) const;
    /** Every result as one GeoJSON FeatureCollection; empty with *error when a transform fails. */
    QByteArray geoJson(GeoJsonCrs crs, QString *error) const;

    /** Writes csv(table) to path atomically. */
    bool writeCsv(const QString &path, Table table, QString *error) const;
    /** Writes geoJson(crs) to path atomically. */
    bool writeGeoJson(const QString &path, GeoJsonCrs crs, QString *error) const;
    /** Writes bytes to path atomically (QSaveFile); *error names the file. */
    static bool writeFile(const QString &path, const QByteArray &bytes, QString *error);
    /** Quotes a CSV field when it holds a comma, quote, CR or LF (RFC 4180). */
    static QByteArray csvField(const QString &text);

private:
    LocalFrame m_frame;
    std::vector<Measurement> m_measurements;
    std::vector<Sightline> m_sightlines;
    std::vector<HeightCheckResult> m_heightChecks;
};

} // namespace liyuan
