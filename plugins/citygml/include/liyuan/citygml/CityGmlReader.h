#pragma once
#include <liyuan/geodata/Vec3d.h>

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>
#include <QVariantMap>

#include <cstdint>
#include <vector>

namespace liyuan::citygml {

/** What a triangle of a city object is part of (CityGML boundary surfaces; LoD1 solids have none). */
enum class SurfaceKind : uint8_t { None, Wall, Roof, Ground, Closure, Other };

/**
 * One CityGML feature (Building, BuildingPart, BuildingInstallation, Road, …) with the
 * triangles of its highest LoD, its boundary surfaces (walls, roofs, grounds) folded in.
 */
struct CityGmlObject
{
    QString id;                     ///< gml:id
    QString type;                   ///< e.g. "Building", "BuildingPart"
    QString name;                   ///< gml:name, empty when none
    QString parentId;               ///< the feature it is part of (a BuildingPart's Building), or empty
    QVariantMap attributes;         ///< measuredHeight, function, storeysAboveGround, generic attributes, name, …
    int lod = -1;                   ///< the LoD drawn (highest found), -1 when the object has no geometry
    QList<int> lods;                ///< every LoD the object has geometry in
    std::vector<double> positions;  ///< x,y,z per vertex, real coordinates minus CityGmlContent::origin
    std::vector<uint32_t> indices;  ///< 3 per triangle
    std::vector<SurfaceKind> triangleSurfaces; ///< one per triangle
    std::vector<float> uvs;         ///< u,v per vertex (0, 0 where the polygon has no texture)
    std::vector<int> triangleTextures; ///< one per triangle: index into CityGmlContent::textures, -1 for none

    qsizetype triangleCount() const { return qsizetype(indices.size() / 3); }
};

/** What CityGmlReader makes of one CityGML file: plain data, no libcitygml type. */
struct CityGmlContent
{
    QString sourceFile;
    QString version;                ///< "1.0" or "2.0" (from the CityGML namespace)
    QString srsName;                ///< as written in the file (first srsName), empty when it has none
    QString referenceSystem;        ///< normalised for PROJ ("EPSG:25832", "EPSG:25832+7837"), empty when none
    Vec3d origin;                   ///< real coordinates of the vertex bounding-box centre
    double boundsMin[3] = {0, 0, 0}; ///< real coordinates
    double boundsMax[3] = {0, 0, 0};
    qsizetype vertexCount = 0;
    std::vector<CityGmlObject> objects;
    QString theme;                  ///< the appearance theme whose textures are used (the first), empty when none
    QStringList textures;           ///< absolute paths of the texture images triangles refer to (files not read here)
    QStringList warnings;           ///< "FILE: problem"

    qsizetype countOfType(const QString &type) const;
    qsizetype triangleCount() const;
};

struct CityGmlReadResult
{
    bool ok = false;
    QString error;                  ///< starts with the file name when !ok
    CityGmlContent content;
};

/**
 * Reads CityGML 1.0 / 2.0 (any thread; libcitygml parses, one file at a time): city objects
 * with their attributes and LoD0–4 geometry, triangulated by libcitygml; each object keeps its
 * highest LoD, with the texture coordinates of the first appearance theme. The XML is checked first, so truncated or broken files name the line; a file
 * without city objects or geometry, a CityGML 3.0 file, non-finite or absurd coordinates give
 * an error naming the file, never a crash.
 */
class CityGmlReader
{
public:
    static constexpr qint64 kMaxFileBytes = 1ll * 1024 * 1024 * 1024;
    static constexpr double kMaxCoordinate = 1.0e8; ///< |x|, |y|, |z| above this (metres or degrees) are refused
    static constexpr int kMaxWarnings = 50;

    /** CityGML versions identify() recognises. */
    enum class Version { None, V1, V2, V3 };

    /**
     * The CityGML version of a file from its root element (cheap: the first kilobytes only;
     * any thread): a CityModel in a CityGML 1.0, 2.0 or 3.0 namespace, else None.
     */
    static Version sniff(const QString &path);
    /** True for CityGML 1.0/2.0 (and 3.0, which read() refuses with a clear message). */
    static bool identify(const QString &path) { return sniff(path) != Version::None; }
    /**
     * The first srsName of a file, found without parsing it whole (GUI thread: the dataset's
     * frame is needed before it streams); empty when the first megabytes name none.
     */
    static QString srsNameOf(const QString &path);
    /**
     * An srsName as PROJ understands it: "EPSG:4326", "urn:ogc:def:crs:EPSG::25832",
     * "http://www.opengis.net/def/crs/EPSG/0/25832" → "EPSG:25832"; the compound
     * "urn:ogc:def:crs,crs:EPSG::25832,crs:EPSG::7837" → "EPSG:25832+7837"; German AdV names
     * ("urn:adv:crs:ETRS89_UTM32*DE_DHHN2016_NH") → their EPSG codes; anything else unchanged.
     */
    static QString referenceSystemOf(const QString &srsName);

    CityGmlReadResult read(const QString &path) const;
    /** Reads a document held in memory; name stands for the file in messages. */
    CityGmlReadResult readData(const QByteArray &xml, const QString &name) const;
};

} // namespace liyuan::citygml
