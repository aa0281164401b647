#pragma once
#include <liyuan/geodata/Vec3d.h>

#include <QString>
#include <QStringList>
#include <QVariantMap>

#include <cstdint>
#include <vector>

namespace liyuan::assimp {

/** One CityJSON city object with its chosen (highest LoD1/LoD2...) geometry, triangulated. */
struct CityObject
{
    QString id;
    QString type;                   ///< e.g. "Building", "Road"
    QVariantMap attributes;         ///< e.g. measuredHeight
    QString lod;                    ///< "1", "2", "2.2", ... empty when the object has no usable geometry
    QString geometryType;           ///< "MultiSurface", "CompositeSurface", "Solid", ...
    QStringList parents;
    QStringList children;
    std::vector<double> positions;  ///< x,y,z per vertex, real coordinates minus CityJsonContent::origin
    std::vector<uint32_t> indices;  ///< 3 per triangle

    qsizetype triangleCount() const { return qsizetype(indices.size() / 3); }
};

struct CityJsonContent
{
    QString sourceFile;
    QString version;                ///< "1.0", "1.1", "2.0"
    QString referenceSystem;        ///< "EPSG:7415"; empty when the file has none (a warning says so)
    QString referenceSystemUri;     ///< as written in the file
    Vec3d origin;                   ///< real coordinates of the vertex bounding-box centre
    double boundsMin[3] = {0, 0, 0}; ///< real coordinates
    double boundsMax[3] = {0, 0, 0};
    qsizetype vertexCount = 0;
    std::vector<CityObject> objects;
    QStringList warnings;

    qsizetype countOfType(const QString &type) const;
    qsizetype triangleCount() const;
};

struct CityJsonReadResult
{
    bool ok = false;
    QString error;                  ///< starts with the file name when !ok
    CityJsonContent content;
};

/**
 * Reads CityJSON 1.0/1.1/2.0 (plain JSON, any thread): transform, vertices, CityObjects with
 * MultiSurface / CompositeSurface / Solid / MultiSolid / CompositeSolid geometry (highest LoD
 * per object), triangulating planar polygons with holes by ear clipping.
 * Hostile input (not JSON, not CityJSON, out-of-range indices, huge rings) gives an error or
 * warnings, never a crash.
 */
class CityJsonReader
{
public:
    static constexpr qint64 kMaxFileBytes = 1ll * 1024 * 1024 * 1024;
    static constexpr int kMaxEarClipRing = 4096; ///< larger polygons are fanned (with a warning)

    static bool identify(const QString &path);
    CityJsonReadResult read(const QString &path) const;
    CityJsonReadResult readData(const QByteArray &json, const QString &name) const;
};

} // namespace liyuan::assimp
