#pragma once
#include <liyuan/geodata/Vec3d.h>

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <QVariantMap>

#include <cstdint>
#include <limits>
#include <vector>

namespace liyuan {

/**
 * A decoded image, plain data (any thread).
 * Pixels are RGBA8, rows stored bottom row first (OpenGL/OSG order), tightly packed.
 */
struct ImageData
{
    int width = 0;
    int height = 0;
    QByteArray rgba; ///< width * height * 4 bytes

    qsizetype byteSize() const { return rgba.size(); }
    bool isValid() const { return width > 0 && height > 0 && rgba.size() == qsizetype(width) * height * 4; }
};

/**
 * One drawable triangle mesh with at most one texture, plain data (any thread).
 * Positions are float metres relative to TileContent::origin; indices are triangles.
 */
struct MeshData
{
    std::vector<float> positions; ///< x,y,z per vertex, relative to TileContent::origin
    std::vector<float> normals;   ///< empty or x,y,z per vertex
    std::vector<float> uvs;       ///< empty or u,v per vertex
    std::vector<uint32_t> indices; ///< 3 per triangle
    std::vector<uint8_t> colors;   ///< empty or RGBA8 per vertex (vector layers: style colours with baked shading)
    std::vector<qint64> triangleFeatures; ///< empty or the feature id of each triangle (vector layers: feature id; models: node index), for picking
    int group = -1;                ///< index into TileContent::groups (a floor), -1 for none
    int imageIndex = -1;           ///< index into TileContent::images or -1
    float color[4] = {1.f, 1.f, 1.f, 1.f}; ///< base colour when there is no texture
    /// Drawn with the scene's sun and sky (building models, which need normals) rather than as
    /// captured (photogrammetry has its light in the texture; vector meshes bake theirs in colours).
    bool lit = false;
    float metallic = 0.f;          ///< PBR metallic factor, 0..1 (lit meshes)
    float roughness = 1.f;         ///< PBR roughness factor, 0..1 (lit meshes)
    float emissive[3] = {0.f, 0.f, 0.f}; ///< emitted colour, linear RGB (lit meshes)
    float boundsMin[3] = {0.f, 0.f, 0.f};
    float boundsMax[3] = {0.f, 0.f, 0.f};

    qsizetype vertexCount() const { return qsizetype(positions.size() / 3); }
    qsizetype triangleCount() const { return qsizetype(indices.size() / 3); }
    /** Bytes of geometry data held (positions, normals, uvs, indices). */
    qsizetype byteSize() const
    {
        return qsizetype((positions.size() + normals.size() + uvs.size()) * sizeof(float)
                         + indices.size() * sizeof(uint32_t) + colors.size()
                         + triangleFeatures.size() * sizeof(qint64));
    }
    /** Recomputes boundsMin/boundsMax from positions. */
    void computeBounds();
    /**
     * Fills normals with each triangle's face normal (counter-clockwise front), for meshes that
     * have none. A vertex shared by triangles facing different ways is split (positions, uvs and
     * colours copied), so edges stay sharp; unshared vertices keep their index. Degenerate
     * triangles leave their vertices alone; a vertex no triangle gave a normal gets (0, 0, 1).
     */
    void generateFlatNormals();
    /**
     * Normals that cannot be normalised (zero, not finite: exporters write them for degenerate
     * faces) become the sum of their triangles' area-weighted face normals, else (0, 0, 1).
     * Returns how many were replaced.
     */
    qsizetype repairNormals();
};

/**
 * How a LOD node's ranges are interpreted (as osg::LOD::RangeMode). PixelSizeAtNearestPoint is
 * the pixel diameter the sphere would have at the distance of its nearest point from the eye
 * (0 inside it: no limit) — 3D Tiles' screen-space error measures distance to the volume, not
 * to its centre.
 */
enum class RangeMode { DistanceFromEye, PixelSizeOnScreen, PixelSizeAtNearestPoint };

/**
 * One range of a LOD node: shown while the node's LOD value lies in [min, max).
 * Its content is either inline meshes (plus nested LOD nodes) or one child file.
 */
struct LodRange
{
    float min = 0.f;
    float max = std::numeric_limits<float>::max();
    std::vector<int> meshes; ///< indices into TileContent::meshes drawn for this range
    QString childFile;       ///< absolute path of the child file; empty for inline ranges
};

/**
 * A PagedLOD/LOD node (or plain geometry, as one always-active range).
 * Nested nodes name their parent: they are only considered while that range is active.
 */
struct LodNode
{
    Vec3d center;            ///< relative to TileContent::origin
    double radius = 0.0;     ///< bounding sphere radius, metres
    RangeMode rangeMode = RangeMode::DistanceFromEye;
    std::vector<LodRange> ranges;
    int parentNode = -1;     ///< index into TileContent::nodes, or -1 for a top-level node
    int parentRange = -1;    ///< index into the parent node's ranges
};

/** A named group of meshes, e.g. one floor of a building model (elevations in the tile's frame, metres). */
struct MeshGroup
{
    QString name;
    double baseElevation = 0.0; ///< z of the group's floor, relative to TileContent::origin
    double height = 0.0;        ///< up to the next group's base (the last: to the top of its geometry)
};

/**
 * What a reader makes of one tile file: plain data, built on a worker thread,
 * handed to the GUI thread as is. No Qt object, no third-party type.
 */
struct TileContent
{
    QString sourceFile;
    Vec3d origin;                 ///< in the dataset's local frame
    std::vector<MeshData> meshes;
    std::vector<ImageData> images;
    std::vector<LodNode> nodes;
    std::vector<MeshGroup> groups;  ///< empty, or the groups MeshData::group refers to (ordered bottom up)
    QStringList featureNames;       ///< empty, or the name of feature id i (models: node names by node index)
    std::vector<QVariantMap> featureAttributes; ///< empty, or the attributes of feature id i (city models: measuredHeight, function, …)
    QStringList warnings;           ///< non-fatal problems, "FILE: problem"

    qsizetype triangleCount() const;
    qsizetype geometryBytes() const;
    qsizetype textureBytes() const;
    qsizetype byteSize() const { return geometryBytes() + textureBytes(); }
    /** Absolute paths of every child file named by a range, in order, without duplicates. */
    QStringList childFiles() const;
};

} // namespace liyuan
