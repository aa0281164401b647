#include <liyuan/scene/TileContent.h>

#include <QSet>

#include <algorithm>

namespace liyuan {

void MeshData::computeBounds()
{
    if (positions.size() < 3) {
        std::fill(boundsMin, boundsMin + 3, 0.f);
        std::fill(boundsMax, boundsMax + 3, 0.f);
        return;
    }
    for (int k = 0; k < 3; ++k) {
        boundsMin[k] = positions[k];
        boundsMax[k] = positions[k];
    }
    for (size_t i = 3; i + 2 < positions.size(); i += 3) {
        for (int k = 0; k < 3; ++k) {
            boundsMin[k] = std::min(boundsMin[k], positions[i + k]);
            boundsMax[k] = std::max(boundsMax[k], positions[i + k]);
        }
    }
}

qsizetype TileContent::triangleCount() const
{
    qsizetype n = 0;
    for (const MeshData &m : meshes)
        n += m.triangleCount();
    return n;
}

qsizetype TileContent::geometryBytes() const
{
    qsizetype n = 0;
    for (const MeshData &m : meshes)
        n += m.byteSize();
    return n;
}

qsizetype TileContent::textureBytes() const
{
    qsizetype n = 0;
    for (const ImageData &i : images)
        n += i.byteSize();
    return n;
}

QStringList TileContent::childFiles() const
{
    QStringList out;
    QSet<QString> seen;
    for (const LodNode &node : nodes) {
        for (const LodRange &r : node.ranges) {
            if (!r.childFile.isEmpty() && !seen.contains(r.childFile)) {
                seen.insert(r.childFile);
                out << r.childFile;
            }
        }
    }
    return out;
}

} // namespace liyuan
