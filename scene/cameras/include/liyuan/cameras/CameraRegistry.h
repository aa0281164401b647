#pragma once
#include "CameraRecord.h"
#include "CameraRegistryOptions.h"

#include <liyuan/geodata/LocalFrame.h>

#include <QString>
#include <QStringList>
#include <QVector>
#include <QHash>

#include <functional>

namespace liyuan::cameras {

/**
 * A registry of surveillance cameras: loaded from a JSON file ("type": "LiyuanCameraRegistry",
 * schema in the README) or from a point layer of a GeoPackage (any layer SRS), validated,
 * resolved into the scene frame, saved back as JSON.
 *
 * Every load error names the file, the record (id, or #index when the id itself is the
 * problem) and the problem. Credentials are references only: a stream URL with a user or
 * password inside is rejected.
 *
 * Value type. load(), resolve() and saveJson() do file I/O and PROJ work: call them on a
 * worker thread (12,000 cameras load in well under a second, see the README). A registry
 * object must not be used by two threads at once.
 */
class CameraRegistry
{
public:
    /** The kind of file load() read. */
    enum class Format { None, Json, GeoPackage };

    /**
     * Cheap sniff (no full parse): a JSON file whose first 64 KiB declare
     * "type": "LiyuanCameraRegistry", or a GeoPackage (SQLite header, .gpkg) with a point
     * layer holding "id" and "heading" fields. Any thread.
     */
    static bool identify(const QString &path);

    /**
     * Reads and validates path (JSON or GeoPackage, by content). On failure returns an
     * empty registry (isValid() false) and *error holds one line per problem, each naming
     * the file and the record. Limits: options.
     */
    static CameraRegistry load(const QString &path, const CameraRegistryOptions &options, QString *error);
    static CameraRegistry load(const QString &path, QString *error) { return load(path, CameraRegistryOptions(), error); }

    /** A registry from records already in memory (validated like a file's; file named "<memory>"). */
    static CameraRegistry fromRecords(const QVector<CameraRecord> &records, const QString &crs, QString *error);

    bool isValid() const { return m_valid; }
    /** The file it was loaded from. */
    QString path() const { return m_path; }
    Format format() const { return m_format; }
    /** The registry CRS ("crs" at the top of a JSON file; the layer SRS of a GeoPackage); empty when none. */
    QString crs() const { return m_crs; }
    /** Load and resolve warnings (e.g. no registry CRS: the scene's assumed), each naming the file. */
    QStringList warnings() const { return m_warnings; }
    /** With CameraRegistryOptions::skipInvalidRecords: the problems of the records left out. */
    QStringList recordErrors() const { return m_recordErrors; }
    /** How many records were left out (may exceed recordErrors().size()). */
    int skippedRecords() const { return m_skipped; }

    const QVector<CameraRecord> &cameras() const { return m_cameras; }
    int size() const { return int(m_cameras.size()); }
    /** Index of the camera with this id, -1 when none. O(1). */
    int indexOf(const QString &id) const;

    /** Signature of the ground query resolve() uses for heightAboveGround: scene x, y → ground z. */
    using GroundFunction = std::function<bool(double x, double y, double *groundZ)>;

    /**
     * Transforms every record's position from its CRS (record crs, else registry crs, else
     * the scene's CRS with a warning) into the scene frame and fills scenePose (resolved =
     * true). heightAboveGround adds the ground z from `ground` (no ground there: z above 0,
     * with a warning). Heading is turned from the record CRS's north to the scene frame's
     * grid north (meridian convergence). z is in the record CRS's linear unit (feet for a
     * US-feet CRS; metres for a geographic CRS). Returns false when some record cannot be
     * placed (*error names them; the others are resolved).
     */
    bool resolve(const LocalFrame &scene, const GroundFunction &ground, QString *error);

    /**
     * Writes the registry as JSON (schema of the README; records in their own CRS; the poses
     * set by setPose() converted back into it). Never writes any credential but the reference.
     */
    bool saveJson(const QString &path, QString *error) const;

    /**
     * Stores a calibrated scene-frame pose for camera index (scenePose, resolved = true);
     * saveJson() writes it back into the record's own CRS (position, heading, pitch, roll,
     * hfov, aspect). Needs the scene frame of the last resolve(). Ignored for a bad index.
     */
    void setPose(int index, const CameraPose &scenePose);

    /** The scene frame of the last resolve() (invalid before). */
    const LocalFrame &sceneFrame() const { return m_scene; }

private:
    friend class CameraRegistryReader;
    void rebuildIndex();

    bool m_valid = false;
    QString m_path;
    Format m_format = Format::None;
    QString m_crs;
    QStringList m_warnings;
    QStringList m_recordErrors;
    int m_skipped = 0;
    QVector<CameraRecord> m_cameras;
    QHash<QString, int> m_index;
    LocalFrame m_scene;
    bool m_haveScene = false;
    QVector<bool> m_poseEdited;
};

} // namespace liyuan::cameras
