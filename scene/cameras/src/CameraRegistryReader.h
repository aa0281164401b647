#pragma once
// Internal (not installed): reading and validating registry files for CameraRegistry.
#include <liyuan/cameras/CameraRegistry.h>

#include <QJsonObject>

namespace liyuan::cameras {

/**
 * Parses and validates camera registries: JSON (QJsonDocument) and GeoPackage point layers
 * (OGR C API). Collects problems as "FILE: camera 'id' (record #n): problem" lines. One
 * reader per load; any thread.
 */
class CameraRegistryReader
{
public:
    CameraRegistryReader(const QString &path, const CameraRegistryOptions &options);

    /** Fills registry from the file; false when it cannot be used (*error: the problems). */
    bool readJson(CameraRegistry *registry, QString *error);
    bool readGeoPackage(CameraRegistry *registry, QString *error);
    /** Validates in-memory records (fromRecords). */
    bool readRecords(const QVector<CameraRecord> &records, const QString &crs, CameraRegistry *registry, QString *error);

    /** The file as named in messages. */
    QString fileName() const { return m_file; }

    /** Validates a stream URL: empty problem when fine (the message never repeats a password). */
    static QString urlProblem(const QString &url);
    /** Validates a credentials reference. */
    static QString credentialRefProblem(const QString &ref);
    /** Validates a CRS string (cached parse); empty when fine. */
    static QString crsProblem(const QString &crs);

private:
    /** One record's JSON → record; false with problems appended. */
    bool recordFromJson(const QJsonValue &value, int index, CameraRecord *out, QStringList *problems);
    /** Checks numbers, ranges, URLs, CRS of a filled record; appends problems. */
    void validate(const CameraRecord &r, QStringList *problems) const;
    /** "camera 'id' (record #n)" / "record #n". */
    QString recordLabel(const QString &id, int index, const QString &unit = QStringLiteral("record")) const;
    /** Merges per-record problems into the registry (or the error), checks duplicates. */
    bool finish(QVector<CameraRecord> &records, const QVector<QString> &labels, QVector<QStringList> &problems,
                CameraRegistry *registry, QString *error);
    void warn(const QString &w);

    QString m_path;
    QString m_file;
    CameraRegistryOptions m_options;
    QStringList m_warnings;
    int m_droppedWarnings = 0;
};

} // namespace liyuan::cameras
