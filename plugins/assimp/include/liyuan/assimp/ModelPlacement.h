#pragma once
#include <liyuan/assimp/ModelContent.h>
#include <liyuan/geodata/LocalFrame.h>
#include <liyuan/scene/DatasetTransform.h>

#include <QJsonObject>
#include <QString>

namespace liyuan::assimp {

/**
 * Where a building model stands: a CRS and a position in it for the model's origin, heading
 * (degrees clockwise from grid north), uniform scale and the file's up axis; optionally the
 * regular expression naming floor nodes. The JSON shape is shared by the sidecar
 * (`house.glb.geo.json`, else `house.geo.json`, at top level), projects ("placement" of a
 * model) and schemes:
 *
 *     {"crs": "EPSG:4549", "position": [x, y, z], "heading": 0, "scale": 1.0,
 *      "upAxis": "Y" | "Z", "floorPattern": "(?i)^(floor|storey|level)[ _-]?\\d+"}
 *
 * crs and position are required; heading defaults to 0, scale to 1, upAxis to what the
 * file implies (glTF Y). Plain value; any thread.
 */
struct ModelPlacement
{
    static constexpr double kMaxDistanceFromSceneKm = 1000.0;

    QString crs;                    ///< as written, e.g. "EPSG:4549"
    Vec3d position;                 ///< the model origin, in crs (geographic: lon, lat, height)
    double heading = 0.0;           ///< degrees clockwise from grid north
    double scale = 1.0;             ///< > 0
    UpAxis upAxis = UpAxis::Unknown; ///< Unknown: what the file implies
    QString floorPattern;           ///< empty: defaultFloorPattern()

    /** Floor nodes by name: "Floor 3", "storey_2", "Level-1", "楼层1", "F12", … */
    static QString defaultFloorPattern();
    /** floorPattern, or the default when empty. */
    QString effectiveFloorPattern() const;

    /**
     * Parses and validates (CRS known to PROJ, finite numbers, scale > 0, upAxis Y or Z, a
     * valid floorPattern). On failure returns false and *error = "<context>: <field>: problem".
     */
    static bool fromJson(const QJsonObject &o, const QString &context, ModelPlacement *out, QString *error);
    QJsonObject toJson() const;

    /** The sidecar next to modelPath (`<file>.geo.json`, else `<basename>.geo.json`); empty if none. */
    static QString findSidecar(const QString &modelPath);
    /**
     * Reads the sidecar of modelPath. Returns false with an empty *error when there is none,
     * false with *error naming the sidecar when it is unreadable or invalid.
     */
    static bool readSidecar(const QString &modelPath, ModelPlacement *out, QString *error);

    /** The model's own frame: crs with the position as origin (its vertices are metres from it). */
    LocalFrame frame() const;
    /**
     * Where the model goes in a scene frame: offset of its origin, heading turned from the
     * placement CRS's north to the scene's grid north (meridian convergence), scale. False with
     * *error (naming context) when the position cannot be transformed, or lies more than
     * kMaxDistanceFromSceneKm from the scene origin (wrong CRS or swapped axes, usually).
     * An ungeoreferenced scene: offset 0, heading and scale as given.
     */
    bool sceneTransform(const LocalFrame &scene, const QString &context, DatasetTransform *out, QString *error) const;
};

/** "Y"/"Z"/"X", or an empty string for Unknown. */
QString upAxisName(UpAxis axis);

} // namespace liyuan::assimp
