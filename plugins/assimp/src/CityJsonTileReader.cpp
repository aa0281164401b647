#include <liyuan/assimp/CityJsonReader.h>
#include <liyuan/assimp/CityJsonTileReader.h>
#include <liyuan/scene/AlwaysDrawnNode.h>

#include <QFile>
#include <QDir>
#include <QFileInfo>
#include <QHash>
#include <QRegularExpression>

#include <cmath>

namespace liyuan::assimp {
namespace {

/** Colour per city-object type (RGB), unknown types grey. */
void typeColour(const QString &type, uint8_t rgb[3])
{
    static const QHash<QString, quint32> colours{
            {QStringLiteral("Building"), 0xe8dcc8},     {QStringLiteral("BuildingPart"), 0xe8dcc8},
            {QStringLiteral("BuildingInstallation"), 0xd0c4b0}, {QStringLiteral("Road"), 0x6b6b6b},
            {QStringLiteral("TransportSquare"), 0x8a8a8a}, {QStringLiteral("Railway"), 0x5a4a3a},
            {QStringLiteral("WaterBody"), 0x5b8fc7},    {QStringLiteral("PlantCover"), 0x6fa35a},
            {QStringLiteral("SolitaryVegetationObject"), 0x4f8a3c}, {QStringLiteral("LandUse"), 0xb9c49a},
            {QStringLiteral("TINRelief"), 0xa89f85},    {QStringLiteral("Bridge"), 0x9a9a9a},
            {QStringLiteral("CityFurniture"), 0x7a7a90}, {QStringLiteral("GenericCityObject"), 0xb0b0b0}};
    const quint32 c = colours.value(type, 0xb0b0b0);
    rgb[0] = uint8_t((c >> 16) & 0xff);
    rgb[1] = uint8_t((c >> 8) & 0xff);
    rgb[2] = uint8_t(c & 0xff);
}

} // namespace

bool CityJsonTileReader::identify(const QString &path) const
{
    return CityJsonReader::identify(path);
}

QString CityJsonTileReader::referenceSystem(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    // metadata is usually near the start or the end of the file
    QByteArray head = f.read(4 * 1024 * 1024);
    static const QRegularExpression re(QStringLiteral("\"referenceSystem\"\\s*:\\s*\"([^\"]+)\""));
    auto find = [](const QByteArray &bytes) -> QString {
        const QRegularExpressionMatch m = re.match(QString::fromUtf8(bytes));
        if (!m.hasMatch())
            return {};
        const QString uri = m.captured(1);
        // "urn:ogc:def:crs:EPSG::7415", "https://www.opengis.net/def/crs/EPSG/0/7415", "EPSG:7415"
        static const QRegularExpression code(QStringLiteral("EPSG(?:/0/|::|:)(\\d+)"));
        const QRegularExpressionMatch c = code.match(uri);
        return c.hasMatch() ? QStringLiteral("EPSG:%1").arg(c.captured(1)) : uri;
    };
    QString rs = find(head);
    if (rs.isEmpty() && f.size() > head.size()) {
        f.seek(std::max<qint64>(head.size(), f.size() - 4 * 1024 * 1024));
        rs = find(f.readAll());
    }
    return rs;
}

TileReadResult CityJsonTileReader::read(const QString &path) const
{
    TileReadResult out;
    out.fileBytes = QFileInfo(path).size();
    const CityJsonReadResult r = CityJsonReader().read(path);
    if (!r.ok) {
        out.error = r.error;
        return out;
    }
    const CityJsonContent &c = r.content;
    TileContent &t = out.content;
    t.sourceFile = path;
    t.origin = c.origin; // the dataset frame is the file's reference system with origin 0
    for (const QString &w : c.warnings) // "FILE: problem", as TileContent asks
        t.warnings << QStringLiteral("%1: %2").arg(QDir::toNativeSeparators(path), w);
    QHash<QString, int> meshOfType;
    const Vec3d light = Vec3d(0.35, 0.5, 0.8).normalized();
    for (size_t o = 0; o < c.objects.size(); ++o) {
        const CityObject &obj = c.objects[o];
        t.featureNames << obj.id;
        QVariantMap attributes = obj.attributes; // for the attribute panel
        attributes.insert(QStringLiteral("id"), obj.id);
        attributes.insert(QStringLiteral("type"), obj.type);
        if (!obj.lod.isEmpty())
            attributes.insert(QStringLiteral("lod"), obj.lod);
        t.featureAttributes.push_back(attributes);
        if (obj.indices.empty())
            continue;
        int mi = meshOfType.value(obj.type, -1);
        if (mi < 0) {
            mi = int(t.meshes.size());
            meshOfType.insert(obj.type, mi);
            t.meshes.emplace_back();
        }
        MeshData &m = t.meshes[size_t(mi)];
        uint8_t rgb[3];
        typeColour(obj.type, rgb);
        const size_t nv = obj.positions.size() / 3;
        for (size_t i = 0; i + 2 < obj.indices.size(); i += 3) {
            const uint32_t a = obj.indices[i], b = obj.indices[i + 1], d = obj.indices[i + 2];
            if (a >= nv || b >= nv || d >= nv)
                continue;
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
                for (int k = 0; k < 3; ++k)
                    m.colors.push_back(uint8_t(std::min(255.0, rgb[k] * shade)));
                m.colors.push_back(255);
            }
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

void registerCityJsonReader()
{
    static const bool once = [] {
        ReaderRegistry::instance().add(std::make_shared<CityJsonTileReader>());
        return true;
    }();
    Q_UNUSED(once);
}

} // namespace liyuan::assimp
