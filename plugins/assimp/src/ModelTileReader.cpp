#include <liyuan/assimp/ModelTileReader.h>

#include <liyuan/assimp/ModelLoadProgress.h>
#include <liyuan/assimp/ModelReader.h>

#include <QDir>
#include <QFileInfo>
#include <QHash>
#include <QMutex>
#include <QMutexLocker>
#include <QRegularExpression>

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <map>
#include <tuple>

namespace liyuan::assimp {
namespace {

/** Row-major 4×4 (row r, column c at [r*4+c]). */
using Mat4 = std::array<double, 16>;

Mat4 identity() { return {1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1}; }

Mat4 mul(const Mat4 &a, const Mat4 &b)
{
    Mat4 r{};
    for (int i = 0; i < 4; ++i)
        for (int j = 0; j < 4; ++j) {
            double s = 0;
            for (int k = 0; k < 4; ++k)
                s += a[size_t(i * 4 + k)] * b[size_t(k * 4 + j)];
            r[size_t(i * 4 + j)] = s;
        }
    return r;
}

double det3(const Mat4 &m)
{
    return m[0] * (m[5] * m[10] - m[6] * m[9]) - m[1] * (m[4] * m[10] - m[6] * m[8]) + m[2] * (m[4] * m[9] - m[5] * m[8]);
}

/** Stored axes → Z up, times unitScale (metres). */
Mat4 toZUp(UpAxis stored, double unitScale)
{
    Mat4 m = identity();
    if (stored == UpAxis::Y) // (x, y, z) → (x, −z, y): +Y up becomes +Z, glTF's front (+Z) faces south
        m = {1, 0, 0, 0, 0, 0, -1, 0, 0, 1, 0, 0, 0, 0, 0, 1};
    else if (stored == UpAxis::X) // (x, y, z) → (y, z, x)
        m = {0, 1, 0, 0, 0, 0, 1, 0, 1, 0, 0, 0, 0, 0, 0, 1};
    for (int i = 0; i < 3; ++i)
        for (int j = 0; j < 3; ++j)
            m[size_t(i * 4 + j)] *= unitScale;
    return m;
}

struct PlacementRegistry
{
    QMutex mutex;
    QHash<QString, ModelPlacement> placements;
};

PlacementRegistry &registry()
{
    static PlacementRegistry r;
    return r;
}

} // namespace

QStringList ModelTileReader::extensions()
{
    return {QStringLiteral("glb"), QStringLiteral("gltf"), QStringLiteral("ifc"), QStringLiteral("fbx"),
            QStringLiteral("obj"), QStringLiteral("dae"), QStringLiteral("3ds")};
}

QString ModelTileReader::instancePath(const QString &file, const QString &key)
{
    return key.isEmpty() ? file : file + QLatin1Char('#') + key;
}

QString ModelTileReader::filePath(const QString &tilePath)
{
    const qsizetype hash = tilePath.lastIndexOf(QLatin1Char('#'));
    if (hash <= 0)
        return tilePath;
    const QString key = tilePath.mid(hash + 1);
    if (key.contains(QLatin1Char('/')) || key.contains(QLatin1Char('\\')))
        return tilePath; // a '#' in a folder name
    const QString file = tilePath.left(hash);
    return extensions().contains(QFileInfo(file).suffix().toLower()) ? file : tilePath;
}

bool ModelTileReader::identify(const QString &path) const
{
    const QString file = filePath(path);
    if (!extensions().contains(QFileInfo(file).suffix().toLower()))
        return false;
    return ModelReader::identify(file);
}

void ModelTileReader::setPlacement(const QString &tilePath, const ModelPlacement &placement)
{
    PlacementRegistry &r = registry();
    QMutexLocker lock(&r.mutex);
    r.placements.insert(tilePath, placement);
}

void ModelTileReader::clearPlacement(const QString &tilePath)
{
    PlacementRegistry &r = registry();
    QMutexLocker lock(&r.mutex);
    r.placements.remove(tilePath);
}

bool ModelTileReader::placementFor(const QString &tilePath, ModelPlacement *out, QString *warning)
{
    {
        PlacementRegistry &r = registry();
        QMutexLocker lock(&r.mutex);
        const auto it = r.placements.constFind(tilePath);
        if (it != r.placements.constEnd()) {
            *out = it.value();
            return true;
        }
    }
    QString error;
    if (ModelPlacement::readSidecar(filePath(tilePath), out, &error))
        return true;
    if (warning)
        *warning = error;
    return false;
}

TileReadResult ModelTileReader::read(const QString &path) const
{
    const QString file = filePath(path);
    ModelLoadProgress &progress = ModelLoadProgress::instance();
    progress.set(path, 0.0);
    double last = 0.0;
    ModelReadResult r = ModelReader().read(file, [&](double f) {
        if (f - last >= 0.01 || f >= 1.0) { // a few reports per file, not one per Assimp step
            last = f;
            progress.set(path, 0.9 * f);
        }
    });
    if (!r.ok) {
        progress.finished(path);
        TileReadResult out;
        out.error = r.error;
        return out;
    }
    ModelPlacement placement;
    QString warning;
    const bool placed = placementFor(path, &placement, &warning);
    TileReadResult out = convert(std::move(r.content), placed ? placement.upAxis : UpAxis::Unknown,
                                 placed ? placement.floorPattern : QString());
    if (!warning.isEmpty())
        out.content.warnings << warning;
    out.fileBytes = QFileInfo(file).size();
    progress.finished(path);
    return out;
}

TileReadResult ModelTileReader::convert(ModelContent &&c, UpAxis upAxis, const QString &floorPattern)
{
    TileReadResult out;
    TileContent &t = out.content;
    t.sourceFile = c.sourceFile;
    const QString name = QDir::toNativeSeparators(c.sourceFile);
    for (const QString &w : std::as_const(c.warnings))
        t.warnings << QStringLiteral("%1: %2").arg(name, w);

    // Up axis: the placement's overrides what the file implies, unless Assimp already converted
    // the file's axes (IFC is Z-up, Assimp stores it Y-up).
    UpAxis stored = c.storedUpAxis == UpAxis::Unknown ? UpAxis::Y : c.storedUpAxis;
    if (upAxis != UpAxis::Unknown) {
        const bool converted = c.fileUpAxis != UpAxis::Unknown && c.fileUpAxis != c.storedUpAxis;
        if (!converted)
            stored = upAxis;
        else if (upAxis != c.fileUpAxis)
            t.warnings << QStringLiteral("%1: the placement says up axis %2 but the file is %3-up; the file wins")
                                  .arg(name, upAxisName(upAxis), upAxisName(c.fileUpAxis));
    }
    const double unit = (std::isfinite(c.unitScale) && c.unitScale > 0) ? c.unitScale : 1.0;
    const Mat4 axes = toZUp(stored, unit);

    // Global transforms in the tile frame (parents come before children).
    const size_t nn = c.nodes.size();
    std::vector<Mat4> global(nn);
    for (size_t i = 0; i < nn; ++i) {
        const ModelNode &n = c.nodes[i];
        global[i] = n.parent >= 0 && size_t(n.parent) < i ? mul(global[size_t(n.parent)], n.transform)
                                                          : mul(axes, n.transform);
    }
    t.featureNames.reserve(qsizetype(nn));
    for (const ModelNode &n : c.nodes)
        t.featureNames << n.name;

    // Groups: storeys, else nodes named like floors.
    std::vector<int> groupOfNode(nn, -1);
    std::vector<MeshGroup> groups;
    std::vector<bool> hasElevation;
    std::vector<int> groupNode;
    if (!c.storeys.empty()) {
        for (const ModelStorey &s : c.storeys) {
            if (s.node < 0 || size_t(s.node) >= nn)
                continue;
            groupOfNode[size_t(s.node)] = int(groups.size());
            MeshGroup g;
            g.name = s.name;
            // the storey's placement (or its geometry's bottom, filled in below)
            g.baseElevation = s.hasElevation ? s.elevation * unit : 0.0;
            hasElevation.push_back(s.hasElevation);
            groupNode.push_back(s.node);
            groups.push_back(g);
        }
    } else {
        const QRegularExpression re(floorPattern.isEmpty() ? ModelPlacement::defaultFloorPattern() : floorPattern);
        if (!re.isValid()) {
            t.warnings << QStringLiteral("%1: floor pattern is not a valid regular expression: %2").arg(name, re.errorString());
        } else {
            for (size_t i = 0; i < nn; ++i) {
                const int p = c.nodes[i].parent;
                if (p >= 0 && groupOfNode[size_t(p)] >= 0)
                    continue; // inside a floor already: a nested match is part of it
                if (!re.match(c.nodes[i].name).hasMatch())
                    continue;
                groupOfNode[i] = int(groups.size());
                MeshGroup g;
                g.name = c.nodes[i].name;
                hasElevation.push_back(false);
                groupNode.push_back(int(i));
                groups.push_back(g);
            }
        }
    }
    for (size_t i = 0; i < nn; ++i) { // a node belongs to its nearest grouped ancestor
        const int p = c.nodes[i].parent;
        if (groupOfNode[i] < 0 && p >= 0 && size_t(p) < i)
            groupOfNode[i] = groupOfNode[size_t(p)];
    }

    // How often each mesh is drawn: its data can go once its last instance is converted.
    std::vector<int> uses(c.meshes.size(), 0);
    for (const ModelNode &n : c.nodes)
        for (int m : n.meshes)
            if (m >= 0 && size_t(m) < c.meshes.size())
                ++uses[size_t(m)];

    // Merge by (group, look): materials that draw the same (texture, base colour, metallic,
    // roughness, emissive) share a mesh — exporters (IFC) often make one material per element.
    using Key = std::tuple<int, int, quint32, quint32, quint32, bool, bool>;
    auto bytes = [](const float *v, int n) {
        quint32 r = 0;
        for (int k = 0; k < n; ++k)
            r = (r << 8) | quint32(std::clamp(v[k], 0.f, 1.f) * 255.f + 0.5f);
        return r;
    };
    std::map<Key, size_t> bucket;
    std::vector<double> zMin(groups.size(), std::numeric_limits<double>::max());
    std::vector<double> zMax(groups.size(), -std::numeric_limits<double>::max());
    for (size_t ni = 0; ni < nn; ++ni) {
        const Mat4 &g = global[ni];
        const double det = det3(g);
        const bool flip = det < 0.0;
        // normals by the inverse transpose: the cofactor matrix (times det's sign keeps their side)
        const double sg = flip ? -1.0 : 1.0;
        const double nm[9] = {sg * (g[5] * g[10] - g[6] * g[9]), sg * (g[6] * g[8] - g[4] * g[10]), sg * (g[4] * g[9] - g[5] * g[8]),
                              sg * (g[2] * g[9] - g[1] * g[10]), sg * (g[0] * g[10] - g[2] * g[8]), sg * (g[1] * g[8] - g[0] * g[9]),
                              sg * (g[1] * g[6] - g[2] * g[5]), sg * (g[2] * g[4] - g[0] * g[6]), sg * (g[0] * g[5] - g[1] * g[4])};
        const int group = groupOfNode[ni];
        for (int mi : c.nodes[ni].meshes) {
            if (mi < 0 || size_t(mi) >= c.meshes.size())
                continue;
            ModelMesh &src = c.meshes[size_t(mi)];
            if (src.data.normals.size() != src.data.positions.size())
                src.data.generateFlatNormals(); // ModelReader fills them; content made elsewhere may not
            const MeshData &d = src.data;
            const size_t nv = d.positions.size() / 3;
            if (nv == 0 || d.indices.empty()) {
                --uses[size_t(mi)];
                continue;
            }
            const bool hasUv = d.imageIndex >= 0 && d.uvs.size() == nv * 2;
            const bool hasColor = d.colors.size() == nv * 4;
            const float pbr[2] = {d.metallic, d.roughness};
            const Key key{group, d.imageIndex, bytes(d.color, 4), bytes(pbr, 2), bytes(d.emissive, 3), hasUv, hasColor};
            auto it = bucket.find(key);
            if (it == bucket.end()) {
                it = bucket.emplace(key, t.meshes.size()).first;
                MeshData m;
                m.group = group;
                m.imageIndex = d.imageIndex;
                std::copy(d.color, d.color + 4, m.color);
                m.lit = true;
                m.metallic = d.metallic;
                m.roughness = d.roughness;
                std::copy(d.emissive, d.emissive + 3, m.emissive);
                t.meshes.push_back(std::move(m));
            }
            MeshData &dst = t.meshes[it->second];
            const uint32_t base = uint32_t(dst.positions.size() / 3);
            dst.positions.reserve(dst.positions.size() + nv * 3);
            dst.normals.reserve(dst.normals.size() + nv * 3);
            for (size_t v = 0; v < nv; ++v) {
                const double x = d.positions[v * 3], y = d.positions[v * 3 + 1], z = d.positions[v * 3 + 2];
                const double px = g[0] * x + g[1] * y + g[2] * z + g[3];
                const double py = g[4] * x + g[5] * y + g[6] * z + g[7];
                const double pz = g[8] * x + g[9] * y + g[10] * z + g[11];
                dst.positions.push_back(float(px));
                dst.positions.push_back(float(py));
                dst.positions.push_back(float(pz));
                if (group >= 0) {
                    zMin[size_t(group)] = std::min(zMin[size_t(group)], pz);
                    zMax[size_t(group)] = std::max(zMax[size_t(group)], pz);
                }
                {
                    const double a = d.normals[v * 3], b = d.normals[v * 3 + 1], cc = d.normals[v * 3 + 2];
                    double qx = nm[0] * a + nm[1] * b + nm[2] * cc, qy = nm[3] * a + nm[4] * b + nm[5] * cc,
                           qz = nm[6] * a + nm[7] * b + nm[8] * cc;
                    const double len = std::sqrt(qx * qx + qy * qy + qz * qz);
                    if (len > 0) {
                        qx /= len; qy /= len; qz /= len;
                    }
                    dst.normals.push_back(float(qx));
                    dst.normals.push_back(float(qy));
                    dst.normals.push_back(float(qz));
                }
            }
            if (hasUv)
                dst.uvs.insert(dst.uvs.end(), d.uvs.begin(), d.uvs.end());
            if (hasColor)
                dst.colors.insert(dst.colors.end(), d.colors.begin(), d.colors.end());
            dst.indices.reserve(dst.indices.size() + d.indices.size());
            for (size_t k = 0; k + 2 < d.indices.size(); k += 3) {
                const uint32_t a = d.indices[k], b = d.indices[k + 1], cc = d.indices[k + 2];
                dst.indices.push_back(base + a);
                dst.indices.push_back(base + (flip ? cc : b));
                dst.indices.push_back(base + (flip ? b : cc));
            }
            dst.triangleFeatures.insert(dst.triangleFeatures.end(), d.indices.size() / 3, qint64(ni));
            if (--uses[size_t(mi)] == 0)
                src.data = MeshData(); // converted for the last time: free it now (peak memory)
        }
    }

    // Group elevations: storeys without one, and floors by name, start at their geometry's bottom;
    // groups without geometry are dropped; order bottom up; heights up to the next floor.
    std::vector<int> order;
    for (size_t gi = 0; gi < groups.size(); ++gi) {
        const bool hasGeometry = zMin[gi] <= zMax[gi];
        if (!hasElevation[gi]) {
            if (!hasGeometry)
                continue;
            groups[gi].baseElevation = zMin[gi];
        }
        order.push_back(int(gi));
    }
    std::stable_sort(order.begin(), order.end(),
                     [&](int a, int b) { return groups[size_t(a)].baseElevation < groups[size_t(b)].baseElevation; });
    std::vector<int> remap(groups.size(), -1);
    for (size_t k = 0; k < order.size(); ++k) {
        const size_t gi = size_t(order[k]);
        remap[gi] = int(k);
        MeshGroup g = groups[gi];
        if (k + 1 < order.size())
            g.height = groups[size_t(order[k + 1])].baseElevation - g.baseElevation;
        else
            g.height = zMin[gi] <= zMax[gi] ? std::max(0.0, zMax[gi] - g.baseElevation) : 0.0;
        t.groups.push_back(g);
    }
    for (MeshData &m : t.meshes) {
        if (m.group >= 0)
            m.group = remap[size_t(m.group)];
        m.computeBounds();
    }

    // Textures keep their indices (MeshData::imageIndex).
    t.images.reserve(c.textures.size());
    for (ModelTexture &tex : c.textures)
        t.images.push_back(std::move(tex.image));

    // One always-drawn LOD node around everything.
    if (t.meshes.empty()) {
        out.error = QStringLiteral("%1: no triangles under any node").arg(name);
        return out;
    }
    float mn[3] = {t.meshes[0].boundsMin[0], t.meshes[0].boundsMin[1], t.meshes[0].boundsMin[2]};
    float mx[3] = {t.meshes[0].boundsMax[0], t.meshes[0].boundsMax[1], t.meshes[0].boundsMax[2]};
    LodNode node;
    LodRange range;
    for (size_t i = 0; i < t.meshes.size(); ++i) {
        for (int k = 0; k < 3; ++k) {
            mn[k] = std::min(mn[k], t.meshes[i].boundsMin[k]);
            mx[k] = std::max(mx[k], t.meshes[i].boundsMax[k]);
        }
        range.meshes.push_back(int(i));
    }
    node.center = Vec3d((mn[0] + mx[0]) * 0.5, (mn[1] + mx[1]) * 0.5, (mn[2] + mx[2]) * 0.5);
    node.radius = std::max(0.01, 0.5 * Vec3d(mx[0] - mn[0], mx[1] - mn[1], mx[2] - mn[2]).length());
    node.ranges.push_back(range);
    t.nodes.push_back(node);
    out.ok = true;
    return out;
}

bool ModelTileReader::makeDataset(const QString &tilePath, const ModelPlacement &placement,
                                  const LocalFrame &sceneFrame, TileDataset *out, QString *error)
{
    const QString name = QDir::toNativeSeparators(filePath(tilePath));
    TileDataset ds;
    ds.path = tilePath;
    ds.format = QStringLiteral("Model");
    ds.frame = placement.frame();
    if (!ds.frame.isGeoreferenced()) {
        *error = QStringLiteral("%1: placement crs: unknown CRS '%2'").arg(name, placement.crs);
        return false;
    }
    DatasetTransform xf;
    if (!placement.sceneTransform(sceneFrame, name, &xf, error))
        return false;
    ds.headingDeg = xf.headingDeg;
    ds.scale = xf.scale;
    ds.rootFiles = {tilePath};
    setPlacement(tilePath, placement);
    *out = ds;
    return true;
}

void registerModelReader()
{
    static const bool once = [] {
        ReaderRegistry::instance().add(std::make_shared<ModelTileReader>());
        return true;
    }();
    Q_UNUSED(once);
}

} // namespace liyuan::assimp
