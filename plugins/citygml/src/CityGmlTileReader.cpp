#include <liyuan/citygml/CityGmlReader.h>
#include <liyuan/citygml/CityGmlTileReader.h>
#include <liyuan/scene/AlwaysDrawnNode.h>

#include <QFileInfo>
#include <QHash>
#include <QImage>

#include <algorithm>
#include <cmath>
#include <cstring>

namespace liyuan::citygml {
namespace {

/** RGB of a triangle: its boundary surface, else (LoD0/1, no surfaces) its object type. */
quint32 colourOf(const QString &type, SurfaceKind kind)
{
    switch (kind) {
    case SurfaceKind::Wall:
        return 0xe8dcc8;
    case SurfaceKind::Roof:
        return 0xb4533c;
    case SurfaceKind::Ground:
        return 0x8a8a8a;
    case SurfaceKind::Closure:
        return 0xc8ccd4;
    case SurfaceKind::Other:
        return 0xd0c4b0;
    case SurfaceKind::None:
        break;
    }
    // the CityJSON palette for the same types
    static const QHash<QString, quint32> colours{
            {QStringLiteral("Building"), 0xe8dcc8},       {QStringLiteral("BuildingPart"), 0xe8dcc8},
            {QStringLiteral("BuildingInstallation"), 0xd0c4b0}, {QStringLiteral("Road"), 0x6b6b6b},
            {QStringLiteral("Square"), 0x8a8a8a},          {QStringLiteral("TransportationObject"), 0x6b6b6b},
            {QStringLiteral("Railway"), 0x5a4a3a},         {QStringLiteral("Track"), 0x7a6a5a},
            {QStringLiteral("WaterBody"), 0x5b8fc7},       {QStringLiteral("PlantCover"), 0x6fa35a},
            {QStringLiteral("SolitaryVegetationObject"), 0x4f8a3c}, {QStringLiteral("LandUse"), 0xb9c49a},
            {QStringLiteral("TINRelief"), 0xa89f85},       {QStringLiteral("ReliefFeature"), 0xa89f85},
            {QStringLiteral("Bridge"), 0x9a9a9a},          {QStringLiteral("BridgePart"), 0x9a9a9a},
            {QStringLiteral("Tunnel"), 0x8a8070},          {QStringLiteral("CityFurniture"), 0x7a7a90},
            {QStringLiteral("GenericCityObject"), 0xb0b0b0}};
    return colours.value(type, 0xb0b0b0);
}

/** An image file as RGBA8, bottom row first (CityGML texture coordinates start bottom left). */
bool loadTexture(const QString &path, ImageData *out)
{
    QImage img(path);
    if (img.isNull() || img.width() <= 0 || img.height() <= 0)
        return false;
    const int side = CityGmlTileReader::kMaxTextureSide;
    if (img.width() > side || img.height() > side)
        img = img.scaled(std::min(img.width(), side), std::min(img.height(), side), Qt::KeepAspectRatio, Qt::SmoothTransformation);
    img = img.convertToFormat(QImage::Format_RGBA8888).mirrored();
    out->width = img.width();
    out->height = img.height();
    out->rgba.resize(qsizetype(out->width) * out->height * 4);
    for (int y = 0; y < out->height; ++y)
        std::memcpy(out->rgba.data() + qsizetype(y) * out->width * 4, img.constScanLine(y), size_t(out->width) * 4);
    return true;
}

} // namespace

bool CityGmlTileReader::identify(const QString &path) const
{
    return CityGmlReader::identify(path);
}

TileReadResult CityGmlTileReader::read(const QString &path) const
{
    TileReadResult out;
    out.fileBytes = QFileInfo(path).size();
    const CityGmlReadResult r = CityGmlReader().read(path);
    if (!r.ok) {
        out.error = r.error;
        return out;
    }
    const CityGmlContent &c = r.content;
    TileContent &t = out.content;
    t.sourceFile = path;
    t.origin = c.origin; // the dataset frame is the file's reference system with origin 0
    t.warnings = c.warnings;
    // textures: decoded once each; a missing one leaves its triangles in their surface colour
    std::vector<int> imageOf(size_t(c.textures.size()), -1);
    for (int i = 0; i < c.textures.size(); ++i) {
        ImageData image;
        if (loadTexture(c.textures[i], &image)) {
            imageOf[size_t(i)] = int(t.images.size());
            t.images.push_back(std::move(image));
        } else if (t.warnings.size() < CityGmlReader::kMaxWarnings) {
            t.warnings << QStringLiteral("%1: texture %2 is missing or not an image; its surfaces keep their colour").arg(path, c.textures[i]);
        }
    }
    QHash<QString, int> meshOf; // "type/surface" or "texture/N"
    const Vec3d light = Vec3d(0.35, 0.5, 0.8).normalized();
    for (size_t o = 0; o < c.objects.size(); ++o) {
        const CityGmlObject &obj = c.objects[o];
        t.featureNames << obj.id;
        QVariantMap attributes = obj.attributes;
        attributes.insert(QStringLiteral("gml:id"), obj.id);
        attributes.insert(QStringLiteral("type"), obj.type);
        if (obj.lod >= 0)
            attributes.insert(QStringLiteral("lod"), obj.lod);
        if (!obj.parentId.isEmpty())
            attributes.insert(QStringLiteral("parent"), obj.parentId);
        t.featureAttributes.push_back(attributes);
        const size_t nv = obj.positions.size() / 3;
        for (size_t i = 0; i + 2 < obj.indices.size(); i += 3) {
            const uint32_t a = obj.indices[i], b = obj.indices[i + 1], d = obj.indices[i + 2];
            if (a >= nv || b >= nv || d >= nv)
                continue;
            const SurfaceKind kind = obj.triangleSurfaces[i / 3];
            const int texture = obj.triangleTextures[i / 3];
            const int image = texture >= 0 && size_t(texture) < imageOf.size() ? imageOf[size_t(texture)] : -1;
            const bool textured = image >= 0 && obj.uvs.size() == nv * 2;
            const QString key = textured ? QStringLiteral("texture/%1").arg(image)
                                         : obj.type + QLatin1Char('/') + QString::number(int(kind));
            int mi = meshOf.value(key, -1);
            if (mi < 0) {
                mi = int(t.meshes.size());
                meshOf.insert(key, mi);
                t.meshes.emplace_back();
                t.meshes.back().imageIndex = textured ? image : -1;
            }
            MeshData &m = t.meshes[size_t(mi)];
            const quint32 rgb = textured ? 0xffffff : colourOf(obj.type, kind); // a texture is shaded, not tinted
            const Vec3d pa(obj.positions[a * 3], obj.positions[a * 3 + 1], obj.positions[a * 3 + 2]);
            const Vec3d pb(obj.positions[b * 3], obj.positions[b * 3 + 1], obj.positions[b * 3 + 2]);
            const Vec3d pd(obj.positions[d * 3], obj.positions[d * 3 + 1], obj.positions[d * 3 + 2]);
            Vec3d n = (pb - pa).cross(pd - pa);
            const double len = n.length();
            n = len > 0 ? n * (1.0 / len) : Vec3d(0, 0, 1);
            const double shade = 0.55 + 0.45 * std::abs(n.dot(light));
            const uint32_t base = uint32_t(m.positions.size() / 3);
            for (const Vec3d &p : {pa, pb, pd}) {
                m.positions.push_back(float(p.x));
                m.positions.push_back(float(p.y));
                m.positions.push_back(float(p.z));
                for (int k = 2; k >= 0; --k)
                    m.colors.push_back(uint8_t(std::min(255.0, double((rgb >> (8 * k)) & 0xff) * shade)));
                m.colors.push_back(255);
            }
            if (textured)
                for (uint32_t v : {a, b, d})
                    m.uvs.insert(m.uvs.end(), {obj.uvs[v * 2], obj.uvs[v * 2 + 1]});
            m.indices.insert(m.indices.end(), {base, base + 1, base + 2});
            m.triangleFeatures.push_back(qint64(o));
        }
    }
    for (MeshData &m : t.meshes)
        m.computeBounds();
    addAlwaysDrawnNode(t, Vec3d(c.boundsMin[0], c.boundsMin[1], c.boundsMin[2]),
                       Vec3d(c.boundsMax[0], c.boundsMax[1], c.boundsMax[2]));
    out.ok = true;
    return out;
}

void registerCityGmlReader()
{
    static const bool once = [] {
        ReaderRegistry::instance().add(std::make_shared<CityGmlTileReader>());
        return true;
    }();
    Q_UNUSED(once);
}

} // namespace liyuan::citygml
