#pragma once
#include <liyuan/scene/TileContent.h>

#include <QStringList>
#include <QVariantMap>

#include <cstdint>
#include <vector>

namespace liyuan::tiles3d {

/** One decoded mesh (or point set) in the tile's own frame, Z up, double positions. Plain data. */
struct DecodedMesh
{
    std::vector<double> positions;   ///< x,y,z per vertex
    std::vector<float> normals;      ///< empty or x,y,z per vertex
    std::vector<float> uvs;          ///< empty or u,v per vertex (OpenGL: v up)
    std::vector<uint8_t> colors;     ///< empty or RGBA8 per vertex
    std::vector<uint32_t> indices;   ///< triangles (empty for points)
    std::vector<qint64> features;    ///< empty, or the feature id per triangle (points: per point)
    int imageIndex = -1;
    float color[4] = {1.f, 1.f, 1.f, 1.f};
    bool points = false;             ///< a point cloud: drawn as small quads
    bool lit = false;

    qsizetype vertexCount() const { return qsizetype(positions.size() / 3); }
};

/** What a content file decodes to, before it is placed in the dataset frame. Plain data. */
struct DecodedContent
{
    std::vector<DecodedMesh> meshes;
    std::vector<ImageData> images;
    QStringList featureNames;
    std::vector<QVariantMap> featureAttributes;
    QStringList warnings;

    qint64 vertexCount() const
    {
        qint64 n = 0;
        for (const DecodedMesh &m : meshes)
            n += m.vertexCount();
        return n;
    }
};

} // namespace liyuan::tiles3d
