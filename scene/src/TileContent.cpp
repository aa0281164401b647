#include <liyuan/scene/TileContent.h>
#include <liyuan/scene/AlwaysDrawnNode.h>

#include <QSet>

#include <algorithm>
#include <cmath>

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

void MeshData::generateFlatNormals()
{
    const size_t nv = positions.size() / 3;
    const bool hasUv = uvs.size() == nv * 2;
    const bool hasColor = colors.size() == nv * 4;
    normals.assign(nv * 3, 0.f);
    std::vector<char> assigned(nv, 0);
    std::vector<int64_t> nextCopy(nv, -1); // vertex → its next copy with another normal
    for (size_t t = 0; t + 2 < indices.size(); t += 3) {
        const uint32_t i0 = indices[t], i1 = indices[t + 1], i2 = indices[t + 2];
        if (i0 >= nv || i1 >= nv || i2 >= nv)
            continue;
        const float *a = &positions[size_t(i0) * 3], *b = &positions[size_t(i1) * 3], *c = &positions[size_t(i2) * 3];
        const double ux = double(b[0]) - a[0], uy = double(b[1]) - a[1], uz = double(b[2]) - a[2];
        const double vx = double(c[0]) - a[0], vy = double(c[1]) - a[1], vz = double(c[2]) - a[2];
        double n[3] = {uy * vz - uz * vy, uz * vx - ux * vz, ux * vy - uy * vx};
        const double len = std::sqrt(n[0] * n[0] + n[1] * n[1] + n[2] * n[2]);
        if (!(len > 0.0))
            continue;
        for (double &x : n)
            x /= len;
        for (int k = 0; k < 3; ++k) {
            uint32_t u = indices[t + size_t(k)];
            const uint32_t original = u;
            for (;;) {
                float *m = &normals[size_t(u) * 3];
                if (!assigned[u]) {
                    m[0] = float(n[0]); m[1] = float(n[1]); m[2] = float(n[2]);
                    assigned[u] = 1;
                    break;
                }
                if (m[0] * n[0] + m[1] * n[1] + m[2] * n[2] > 0.9999)
                    break;
                if (nextCopy[u] >= 0) {
                    u = uint32_t(nextCopy[u]);
                    continue;
                }
                const uint32_t w = uint32_t(positions.size() / 3); // a copy of the vertex facing this way
                const size_t o = original;
                const float p[3] = {positions[o * 3], positions[o * 3 + 1], positions[o * 3 + 2]};
                positions.insert(positions.end(), p, p + 3);
                if (hasUv) {
                    const float uv[2] = {uvs[o * 2], uvs[o * 2 + 1]};
                    uvs.insert(uvs.end(), uv, uv + 2);
                }
                if (hasColor) {
                    const uint8_t rgba[4] = {colors[o * 4], colors[o * 4 + 1], colors[o * 4 + 2], colors[o * 4 + 3]};
                    colors.insert(colors.end(), rgba, rgba + 4);
                }
                normals.push_back(float(n[0]));
                normals.push_back(float(n[1]));
                normals.push_back(float(n[2]));
                assigned.push_back(1);
                nextCopy.push_back(-1);
                nextCopy[u] = int64_t(w);
                u = w;
                break;
            }
            indices[t + size_t(k)] = u;
        }
    }
    for (size_t v = 0; v < assigned.size(); ++v)
        if (!assigned[v])
            normals[v * 3 + 2] = 1.f;
}

qsizetype MeshData::repairNormals()
{
    const size_t nv = positions.size() / 3;
    if (normals.size() != nv * 3)
        return 0;
    auto bad = [&](size_t v) {
        const double x = normals[v * 3], y = normals[v * 3 + 1], z = normals[v * 3 + 2];
        const double len2 = x * x + y * y + z * z;
        return !std::isfinite(len2) || len2 < 1e-12;
    };
    std::vector<char> broken(nv, 0);
    qsizetype count = 0;
    for (size_t v = 0; v < nv; ++v)
        if (bad(v)) {
            broken[v] = 1;
            ++count;
            normals[v * 3] = normals[v * 3 + 1] = normals[v * 3 + 2] = 0.f;
        }
    if (count == 0)
        return 0;
    for (size_t t = 0; t + 2 < indices.size(); t += 3) {
        const uint32_t i[3] = {indices[t], indices[t + 1], indices[t + 2]};
        if (i[0] >= nv || i[1] >= nv || i[2] >= nv || !(broken[i[0]] || broken[i[1]] || broken[i[2]]))
            continue;
        const float *a = &positions[size_t(i[0]) * 3], *b = &positions[size_t(i[1]) * 3], *c = &positions[size_t(i[2]) * 3];
        const float u[3] = {b[0] - a[0], b[1] - a[1], b[2] - a[2]}, w[3] = {c[0] - a[0], c[1] - a[1], c[2] - a[2]};
        const float n[3] = {u[1] * w[2] - u[2] * w[1], u[2] * w[0] - u[0] * w[2], u[0] * w[1] - u[1] * w[0]};
        for (uint32_t k : i)
            if (broken[k])
                for (int j = 0; j < 3; ++j)
                    normals[size_t(k) * 3 + size_t(j)] += n[j];
    }
    for (size_t v = 0; v < nv; ++v) {
        if (!broken[v])
            continue;
        float *n = &normals[v * 3];
        const double len = std::sqrt(double(n[0]) * n[0] + double(n[1]) * n[1] + double(n[2]) * n[2]);
        if (std::isfinite(len) && len > 0.0) {
            for (int j = 0; j < 3; ++j)
                n[j] = float(n[j] / len);
        } else {
            n[0] = n[1] = 0.f;
            n[2] = 1.f;
        }
    }
    return count;
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

void addAlwaysDrawnNode(TileContent &t, const Vec3d &min, const Vec3d &max)
{
    LodNode node;
    node.center = (min + max) * 0.5 - t.origin;
    node.radius = std::max(1.0, (max - min).length() * 0.5);
    LodRange range;
    for (int i = 0; i < int(t.meshes.size()); ++i)
        range.meshes.push_back(i);
    node.ranges.push_back(range);
    t.nodes.push_back(node);
}

} // namespace liyuan
