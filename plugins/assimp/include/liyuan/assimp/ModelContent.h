#pragma once
#include <liyuan/scene/TileContent.h>

#include <QString>
#include <QStringList>

#include <array>
#include <vector>

namespace liyuan::assimp {

/** Axis that points up in a model file. */
enum class UpAxis { Unknown, X, Y, Z };

/** One node of the model's scene graph (plain data). */
struct ModelNode
{
    QString name;
    int parent = -1;                ///< index into ModelContent::nodes, -1 for the root
    std::array<double, 16> transform{1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1}; ///< local, row-major (row r, column c at [r*4+c]); translation in [3],[7],[11]
    std::vector<int> meshes;        ///< indices into ModelContent::meshes
};

/** A base-colour/metallic-roughness material. */
struct ModelMaterial
{
    QString name;
    float baseColor[4] = {1.f, 1.f, 1.f, 1.f};
    float metallic = 0.f;
    float roughness = 1.f;
    float emissive[3] = {0.f, 0.f, 0.f}; ///< emitted colour, linear RGB
    int baseColorTexture = -1;      ///< index into ModelContent::textures, -1 for none (or missing)
};

/** A texture: decoded image (embedded or from a file next to the model). */
struct ModelTexture
{
    QString name;                   ///< embedded: "*N" or the embedded file name; external: the path as written in the model
    QString filePath;               ///< absolute path of an external texture, empty for embedded ones
    bool embedded = false;
    ImageData image;                ///< RGBA8, bottom row first
};

/** One mesh: triangles only (points and lines are dropped), positions as stored in the file. */
struct ModelMesh
{
    QString name;
    int material = -1;              ///< index into ModelContent::materials, -1 for none
    /// data.imageIndex is the material's texture index into ModelContent::textures; data.color,
    /// metallic, roughness, emissive its factors; data.lit is set and data.normals always filled
    /// (generated flat where the file has none)
    MeshData data;
};

/** An IFC building storey found in the node tree. */
struct ModelStorey
{
    QString name;                   ///< e.g. "Erdgeschoss"
    QString globalId;               ///< IFC GlobalId (22 characters) or empty
    int node = -1;                  ///< index into ModelContent::nodes
    bool hasElevation = false;
    double elevation = 0.0;         ///< along the stored up axis (Y), in model units
};

struct ModelCounts
{
    qsizetype nodes = 0;
    qsizetype meshes = 0;
    qsizetype triangles = 0;
    qsizetype materials = 0;
    qsizetype texturesEmbedded = 0;
    qsizetype texturesExternal = 0;
    qsizetype texturesMissing = 0;
};

/**
 * What ModelReader makes of one building-model file: plain data, no third-party type.
 * Geometry is Y-up as Assimp stores it (glTF is Y-up by definition; Assimp converts IFC's Z-up
 * to Y-up); fileUpAxis records what the file itself declares or implies.
 */
struct ModelContent
{
    QString sourceFile;
    QString format;                 ///< Assimp's importer name, e.g. "glTF2 Importer"
    UpAxis storedUpAxis = UpAxis::Y;
    UpAxis fileUpAxis = UpAxis::Unknown;
    double unitScale = 1.0;         ///< metres per model unit when the file says so (FBX UnitScaleFactor), else 1
    std::vector<ModelNode> nodes;   ///< nodes[0] is the root; parents come before children
    std::vector<ModelMesh> meshes;
    std::vector<ModelMaterial> materials;
    std::vector<ModelTexture> textures;
    QStringList missingTextures;    ///< texture paths named by materials that could not be found or decoded
    QStringList missingFiles;       ///< other referenced files that do not exist (e.g. an OBJ's .mtl)
    QStringList missingMaterials;   ///< material names used but not defined (e.g. OBJ usemtl without its .mtl)
    std::vector<ModelStorey> storeys; ///< ordered by elevation when known, else by node order
    bool hasBounds = false;
    double boundsMin[3] = {0, 0, 0}; ///< of all meshes with their nodes' global transforms
    double boundsMax[3] = {0, 0, 0};
    ModelCounts counts;
    QStringList warnings;
};

struct ModelReadResult
{
    bool ok = false;
    QString error;                  ///< starts with the file name when !ok
    ModelContent content;
};

} // namespace liyuan::assimp
