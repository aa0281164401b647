#pragma once
// Private to liyuan_demo: writes glTF 2.0 binary (.glb) files — our own code, no library.

#include <QByteArray>
#include <QColor>
#include <QString>

#include <array>
#include <cstdint>
#include <vector>

namespace liyuan::demo {

/**
 * Builds a glTF 2.0 scene in memory — meshes of triangle primitives (positions, normals,
 * 32-bit indices), PBR metallic-roughness materials with a base colour factor, a node tree
 * with names and translations — and writes it as one binary .glb (JSON chunk + BIN chunk).
 * Coordinates are glTF's: metres, Y up, right-handed (+Z towards the viewer / south when
 * X is east). Plain value type; use from one thread at a time.
 */
class GltfWriter
{
public:
    struct Primitive
    {
        std::vector<float> positions;   ///< x,y,z per vertex
        std::vector<float> normals;     ///< empty or x,y,z per vertex (unit length)
        std::vector<uint32_t> indices;  ///< 3 per triangle
        int material = -1;              ///< index from addMaterial, or -1 (glTF default material)
    };

    /** A material; color is sRGB (as picked), written as glTF's linear baseColorFactor. Returns its index. */
    int addMaterial(const QString &name, const QColor &color, double metallic = 0.0, double roughness = 0.8);
    /** A mesh of primitives. Returns its index. */
    int addMesh(const QString &name, std::vector<Primitive> primitives);
    /** A node under parent (-1: a root of the scene), drawing mesh (-1: none). Returns its index. */
    int addNode(const QString &name, int parent = -1, int mesh = -1, const std::array<double, 3> &translation = {0, 0, 0});

    int nodeCount() const { return int(m_nodes.size()); }
    qsizetype triangleCount() const;
    /** glTF's linear value of an sRGB channel in [0,1]. */
    static double srgbToLinear(double c);

    /** The .glb bytes; empty with *error when the scene is inconsistent (indices out of range, …). */
    QByteArray glb(QString *error) const;
    /** Writes glb() to path atomically; *error names the file. */
    bool write(const QString &path, QString *error) const;

private:
    struct Material
    {
        QString name;
        double color[4];
        double metallic, roughness;
    };
    struct Mesh
    {
        QString name;
        std::vector<Primitive> primitives;
    };
    struct Node
    {
        QString name;
        int parent, mesh;
        std::array<double, 3> translation;
    };
    std::vector<Material> m_materials;
    std::vector<Mesh> m_meshes;
    std::vector<Node> m_nodes;
};

} // namespace liyuan::demo
