#pragma once
#include <liyuan/geodata/Crs.h>

#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QQuaternion>
#include <QString>
#include <QStringList>

#include <vector>

namespace liyuan {

/** A named camera pose. */
struct Bookmark
{
    QString name;
    Vec3d eye;
    QQuaternion rotation;
};

/**
 * A review measurement or sightline as kept in a project: what was picked, not its results
 * (recomputed on open). Plain value.
 */
struct ProjectMeasurement
{
    QString kind;              ///< "distance", "polyline", "area", "height" or "sightline"
    QString label;             ///< may be empty
    std::vector<Vec3d> points; ///< scene frame, metres; sightline: viewpoint (eye height included), target
};

/**
 * A Liyuan project (`*.liyuan.json`): readable JSON with the layers (paths relative to the
 * file), their styles, the scene frame, the camera and named bookmarks. Saving is atomic
 * (QSaveFile: a crash mid-save leaves the old file intact). Plain value; any thread.
 */
struct ProjectFile
{
    static constexpr const char *kFormat = "liyuan-project";
    static constexpr int kVersion = 1;
    static constexpr qint64 kMaxBytes = 64ll * 1024 * 1024;

    QJsonArray layers;        ///< as LayerManager::toJson (paths relative to the file's folder)
    QString crs;              ///< the scene CRS definition (empty: not georeferenced)
    Vec3d origin;             ///< the scene frame origin
    bool hasFrame = false;
    bool hasCamera = false;
    Vec3d eye;
    QQuaternion rotation;
    double fovY = 45.0;
    QList<Bookmark> bookmarks;
    QJsonObject options;      ///< streaming options
    QJsonObject live;         ///< live data: broker URL, client id, user, CA file, registry, mapping (never the password)
    QJsonObject cameras;      ///< surveillance cameras: registry path, filters, open feeds, projections (never a credential)
    /** presenter: saved views and tours {"views": […], "tours": […]} (PresenterController::toJson; checked there). */
    QJsonObject presenter;
    /**
     * Placed models outside any scheme: [{"path", "name"?, "placement": ModelPlacement JSON}]
     * (paths kept as written: relative to the file's folder, or absolute).
     */
    QJsonArray models;
    /**
     * Design schemes: [{"name", "description"?, "models": [as models], "areas": [{"mode":
     * "flatten"|"clip", "height"?, "crs", "polygon": [[x,y],…]}]}]. Validated on load.
     */
    QJsonArray schemes;
    int activeScheme = -1;    ///< index into schemes, -1 for none
    QString basePath;         ///< folder relative paths resolve against (autosaves keep the original's)
    /** Review measurements and sightlines, in the order of the review panel ("review": {"measurements": […]}). */
    std::vector<ProjectMeasurement> measurements;
    /** The height check's zone rule ("review": {"zoneRule"}): "centroid" or "overlap"; empty: the default. */
    QString zoneRule;
    /**
     * Parts of the file skipped on load without failing it (malformed measurements), each
     * "FILE: where: problem". Not saved.
     */
    QStringList warnings;

    /** Absolute scene-frame coordinates beyond this (metres) are refused in a measurement. */
    static constexpr double kMaxCoordinate = 1e7;
    /**
     * Checks one measurement record ({"kind", "label"?, "points": [[x,y,z],…]}): a known kind
     * with its number of points (distance and sightline 2, height 1, polyline 2 or more, area 3
     * or more distinct ones), finite numbers within kMaxCoordinate. False with *error (the problem).
     */
    /**
     * One layer record as loaded: fields of the wrong type or out of range (`opacity` not a
     * number 0..1, `visible` not a bool, an unknown `kind`, `id`/`name` not strings, `style`
     * not an object, `sourceLayer` not an index) are removed, so their defaults apply, each
     * with a warning "FILE: layers[i] (PATH): "field" is VALUE, …". The layer itself is kept.
     */
    static QJsonObject checkedLayer(QJsonObject layer, int index, const QString &fileName, QStringList *warnings);
    static bool readMeasurement(const QJsonValue &value, ProjectMeasurement *out, QString *error);
    static QJsonObject measurementJson(const ProjectMeasurement &m);

    QJsonObject toJson() const;
    /** Parses; on failure returns false with *error naming fileName and the problem. */
    static bool fromJson(const QJsonObject &o, const QString &fileName, ProjectFile *out, QString *error);
    /** Writes atomically. */
    bool save(const QString &path, QString *error) const;
    /** Reads and parses; hostile input (too large, not JSON, wrong format) gives a clear error. */
    static bool load(const QString &path, ProjectFile *out, QString *error);
};

} // namespace liyuan
