#include "GltfWriter.h"

#include <liyuan/scene/GlbBuilder.h>

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

#include <cmath>
#include <limits>

namespace liyuan::demo {

namespace {
constexpr int kTriangles = 4;
} // namespace

double GltfWriter::srgbToLinear(double c)
{
    return c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
}

int GltfWriter::addMaterial(const QString &name, const QColor &color, double metallic, double roughness)
{
    Material m{name, {srgbToLinear(color.redF()), srgbToLinear(color.greenF()), srgbToLinear(color.blueF()), color.alphaF()},
               metallic, roughness};
    m_materials.push_back(m);
    return int(m_materials.size()) - 1;
}

int GltfWriter::addMesh(const QString &name, std::vector<Primitive> primitives)
{
    m_meshes.push_back(Mesh{name, std::move(primitives)});
    return int(m_meshes.size()) - 1;
}

int GltfWriter::addNode(const QString &name, int parent, int mesh, const std::array<double, 3> &translation)
{
    m_nodes.push_back(Node{name, parent, mesh, translation});
    return int(m_nodes.size()) - 1;
}

qsizetype GltfWriter::triangleCount() const
{
    qsizetype n = 0;
    for (const Node &node : m_nodes)
        if (node.mesh >= 0 && node.mesh < int(m_meshes.size()))
            for (const Primitive &p : m_meshes[size_t(node.mesh)].primitives)
                n += qsizetype(p.indices.size() / 3);
    return n;
}

QByteArray GltfWriter::glb(QString *error) const
{
    auto fail = [error](const QString &why) {
        if (error)
            *error = why;
        return QByteArray();
    };
    if (m_nodes.empty())
        return fail(QStringLiteral("the scene has no nodes"));

    GlbBuilder glb;
    QJsonArray meshes, materials, nodes, roots;

    for (size_t mi = 0; mi < m_meshes.size(); ++mi) {
        const Mesh &mesh = m_meshes[mi];
        QJsonArray prims;
        for (size_t pi = 0; pi < mesh.primitives.size(); ++pi) {
            const Primitive &p = mesh.primitives[pi];
            const QString where = QStringLiteral("mesh \"%1\" primitive %2").arg(mesh.name).arg(pi);
            if (p.positions.empty() || p.positions.size() % 3)
                return fail(QStringLiteral("%1: %2 position values (not a positive multiple of 3)").arg(where).arg(p.positions.size()));
            const size_t vertices = p.positions.size() / 3;
            if (vertices > std::numeric_limits<uint32_t>::max())
                return fail(QStringLiteral("%1: too many vertices").arg(where));
            if (!p.normals.empty() && p.normals.size() != p.positions.size())
                return fail(QStringLiteral("%1: %2 normal values for %3 vertices").arg(where).arg(p.normals.size()).arg(vertices));
            if (p.indices.empty() || p.indices.size() % 3)
                return fail(QStringLiteral("%1: %2 indices (not whole triangles)").arg(where).arg(p.indices.size()));
            for (uint32_t i : p.indices)
                if (i >= vertices)
                    return fail(QStringLiteral("%1: index %2 out of range (%3 vertices)").arg(where).arg(i).arg(vertices));
            if (p.material < -1 || p.material >= int(m_materials.size()))
                return fail(QStringLiteral("%1: material %2 does not exist").arg(where).arg(p.material));
            if (const qsizetype bad = GlbBuilder::firstNonFinite(p.positions); bad >= 0)
                return fail(QStringLiteral("%1: position %2 is not finite").arg(where).arg(bad / 3));
            QJsonObject attributes;
            attributes.insert(QStringLiteral("POSITION"), glb.addFloats(p.positions, 3, true));
            if (!p.normals.empty())
                attributes.insert(QStringLiteral("NORMAL"), glb.addFloats(p.normals, 3));
            const int indices = glb.addIndices(p.indices);
            QJsonObject prim{{QStringLiteral("attributes"), attributes},
                             {QStringLiteral("indices"), indices},
                             {QStringLiteral("mode"), kTriangles}};
            if (p.material >= 0)
                prim.insert(QStringLiteral("material"), p.material);
            prims.append(prim);
        }
        if (prims.isEmpty())
            return fail(QStringLiteral("mesh \"%1\" has no primitives").arg(mesh.name));
        meshes.append(QJsonObject{{QStringLiteral("name"), mesh.name}, {QStringLiteral("primitives"), prims}});
    }

    for (const Material &m : m_materials) {
        QJsonObject pbr{{QStringLiteral("baseColorFactor"), QJsonArray{m.color[0], m.color[1], m.color[2], m.color[3]}},
                        {QStringLiteral("metallicFactor"), m.metallic},
                        {QStringLiteral("roughnessFactor"), m.roughness}};
        QJsonObject mat{{QStringLiteral("name"), m.name}, {QStringLiteral("pbrMetallicRoughness"), pbr}};
        if (m.color[3] < 1.0)
            mat.insert(QStringLiteral("alphaMode"), QStringLiteral("BLEND"));
        materials.append(mat);
    }

    std::vector<QJsonArray> children(m_nodes.size());
    for (size_t i = 0; i < m_nodes.size(); ++i) {
        const Node &n = m_nodes[i];
        // parents come first: no cycles, every node reachable once
        if (n.parent < -1 || n.parent >= int(i))
            return fail(QStringLiteral("node \"%1\": parent %2 is not an earlier node").arg(n.name).arg(n.parent));
        if (n.mesh < -1 || n.mesh >= int(m_meshes.size()))
            return fail(QStringLiteral("node \"%1\": mesh %2 does not exist").arg(n.name).arg(n.mesh));
        for (double t : n.translation)
            if (!std::isfinite(t))
                return fail(QStringLiteral("node \"%1\": translation is not finite").arg(n.name));
        if (n.parent >= 0)
            children[size_t(n.parent)].append(int(i));
        else
            roots.append(int(i));
    }
    for (size_t i = 0; i < m_nodes.size(); ++i) {
        const Node &n = m_nodes[i];
        QJsonObject node{{QStringLiteral("name"), n.name}};
        if (n.mesh >= 0)
            node.insert(QStringLiteral("mesh"), n.mesh);
        if (!children[i].isEmpty())
            node.insert(QStringLiteral("children"), children[i]);
        if (n.translation[0] != 0 || n.translation[1] != 0 || n.translation[2] != 0)
            node.insert(QStringLiteral("translation"), QJsonArray{n.translation[0], n.translation[1], n.translation[2]});
        nodes.append(node);
    }
    QJsonObject root{
        {QStringLiteral("asset"), QJsonObject{{QStringLiteral("version"), QStringLiteral("2.0")},
                                              {QStringLiteral("generator"), QStringLiteral("Liyuan demo district (GltfWriter)")}}},
        {QStringLiteral("scene"), 0},
        {QStringLiteral("scenes"), QJsonArray{QJsonObject{{QStringLiteral("nodes"), roots}}}},
        {QStringLiteral("nodes"), nodes},
        {QStringLiteral("meshes"), meshes},
    };
    if (!materials.isEmpty())
        root.insert(QStringLiteral("materials"), materials);
    return glb.glb(root);
}

bool GltfWriter::write(const QString &path, QString *error) const
{
    QString why;
    const QByteArray bytes = glb(&why);
    if (bytes.isEmpty()) {
        if (error)
            *error = QStringLiteral("%1: %2").arg(QDir::toNativeSeparators(path), why);
        return false;
    }
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size() || !f.commit()) {
        if (error)
            *error = QStringLiteral("%1: cannot write: %2").arg(QDir::toNativeSeparators(path), f.errorString());
        return false;
    }
    return true;
}

} // namespace liyuan::demo
