#pragma once
// Small handwritten CityGML 1.0 / 2.0 documents for the tests (no CityGML file is in the shared data).
#include <QByteArray>
#include <QFile>
#include <QString>

#include <array>
#include <vector>

namespace liyuan::test {

using Ring = std::vector<std::array<double, 3>>;

/** A corner of the Cologne cathedral square in ETRS89 / UTM 32N (PROJ: 6.958°E 50.9413°N). */
constexpr double kCologneE = 356539.185, kCologneN = 5645282.719;
constexpr double kCologneLon = 6.958, kCologneLat = 50.9413;

inline QString posList(const Ring &ring)
{
    QString s;
    for (size_t i = 0; i <= ring.size(); ++i) { // closed: the first point again
        const auto &p = ring[i % ring.size()];
        s += QStringLiteral("%1 %2 %3 ").arg(p[0], 0, 'f', 3).arg(p[1], 0, 'f', 3).arg(p[2], 0, 'f', 3);
    }
    return s.trimmed();
}

inline QString polygonMember(const QString &id, const Ring &ring)
{
    return QStringLiteral("<gml:surfaceMember><gml:Polygon gml:id=\"%1\"><gml:exterior><gml:LinearRing gml:id=\"%1_ring\">"
                          "<gml:posList srsDimension=\"3\">%2</gml:posList></gml:LinearRing></gml:exterior>"
                          "</gml:Polygon></gml:surfaceMember>\n")
            .arg(id, posList(ring));
}

/** The six faces of a box (x, y at its south-west ground corner), outward counter-clockwise. */
struct BoxFaces
{
    Ring ground, roof;
    std::vector<Ring> walls;
};

inline BoxFaces boxFaces(double x, double y, double z, double w, double d, double h)
{
    BoxFaces f;
    const double X = x + w, Y = y + d, Z = z + h;
    f.ground = {{x, y, z}, {x, Y, z}, {X, Y, z}, {X, y, z}};
    f.roof = {{x, y, Z}, {X, y, Z}, {X, Y, Z}, {x, Y, Z}};
    f.walls = {{{x, y, z}, {X, y, z}, {X, y, Z}, {x, y, Z}},
               {{X, y, z}, {X, Y, z}, {X, Y, Z}, {X, y, Z}},
               {{X, Y, z}, {x, Y, z}, {x, Y, Z}, {X, Y, Z}},
               {{x, Y, z}, {x, y, z}, {x, y, Z}, {x, Y, Z}}};
    return f;
}

inline QString envelope(const QString &srsName, double x, double y, double z, double w, double d, double h)
{
    const QString srs = srsName.isEmpty() ? QString() : QStringLiteral(" srsName=\"%1\"").arg(srsName);
    return QStringLiteral("<gml:boundedBy><gml:Envelope%1 srsDimension=\"3\"><gml:lowerCorner>%2 %3 %4</gml:lowerCorner>"
                          "<gml:upperCorner>%5 %6 %7</gml:upperCorner></gml:Envelope></gml:boundedBy>\n")
            .arg(srs)
            .arg(x, 0, 'f', 3).arg(y, 0, 'f', 3).arg(z, 0, 'f', 3)
            .arg(x + w, 0, 'f', 3).arg(y + d, 0, 'f', 3).arg(z + h, 0, 'f', 3);
}

/** LoD1 solid of a box (CityGML 1.0 and 2.0 write it the same way). */
inline QString lod1Solid(const QString &id, const BoxFaces &f)
{
    QString s = QStringLiteral("<bldg:lod1Solid><gml:Solid><gml:exterior><gml:CompositeSurface>\n");
    s += polygonMember(id + QStringLiteral("_g"), f.ground);
    s += polygonMember(id + QStringLiteral("_r"), f.roof);
    for (size_t i = 0; i < f.walls.size(); ++i)
        s += polygonMember(id + QStringLiteral("_w%1").arg(i), f.walls[i]);
    return s + QStringLiteral("</gml:CompositeSurface></gml:exterior></gml:Solid></bldg:lod1Solid>\n");
}

inline QString boundary(const QString &type, const QString &id, const std::vector<Ring> &rings)
{
    QString s = QStringLiteral("<bldg:boundedBy><bldg:%1 gml:id=\"%2\"><bldg:lod2MultiSurface><gml:MultiSurface>\n").arg(type, id);
    for (size_t i = 0; i < rings.size(); ++i)
        s += polygonMember(id + QStringLiteral("_p%1").arg(i), rings[i]);
    return s + QStringLiteral("</gml:MultiSurface></bldg:lod2MultiSurface></bldg:%1></bldg:boundedBy>\n").arg(type);
}

/**
 * CityGML 2.0, one LoD2 building (10 × 8 m, 12 m high: ground, four walls, a flat roof = 12
 * triangles) with gml:name, function, measuredHeight and two generic attributes; withLod1 adds
 * the same box as an LoD1 solid (only the LoD2 is drawn); roofTexture (an image path relative
 * to the file) textures the roof in appearance theme "rgbTexture" (the image's corners on the
 * roof's corners).
 */
inline QByteArray cityGml2Lod2(const QString &srsName, double x = kCologneE, double y = kCologneN, double z = 50.0,
                               bool withLod1 = false, const QString &roofTexture = QString())
{
    const BoxFaces f = boxFaces(x, y, z, 10, 8, 12);
    QString s = QStringLiteral(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            "<core:CityModel xmlns:core=\"http://www.opengis.net/citygml/2.0\" "
            "xmlns:bldg=\"http://www.opengis.net/citygml/building/2.0\" "
            "xmlns:gen=\"http://www.opengis.net/citygml/generics/2.0\" xmlns:gml=\"http://www.opengis.net/gml\" "
            "xmlns:app=\"http://www.opengis.net/citygml/appearance/2.0\">\n");
    s += envelope(srsName, x, y, z, 10, 8, 12);
    s += QStringLiteral("<core:cityObjectMember><bldg:Building gml:id=\"DENW_B1\">\n"
                        "<gml:name>Haus am Dom</gml:name>\n"
                        "<gen:stringAttribute name=\"DatenquelleDachhoehe\"><gen:value>1000</gen:value></gen:stringAttribute>\n"
                        "<gen:doubleAttribute name=\"Grundrissflaeche\"><gen:value>80.0</gen:value></gen:doubleAttribute>\n"
                        "<bldg:function>31001_1000</bldg:function>\n"
                        "<bldg:measuredHeight uom=\"urn:adv:uom:m\">12.0</bldg:measuredHeight>\n"
                        "<bldg:storeysAboveGround>4</bldg:storeysAboveGround>\n");
    if (withLod1)
        s += lod1Solid(QStringLiteral("DENW_B1_lod1"), f);
    s += boundary(QStringLiteral("GroundSurface"), QStringLiteral("DENW_B1_G"), {f.ground});
    s += boundary(QStringLiteral("WallSurface"), QStringLiteral("DENW_B1_W"), f.walls);
    s += boundary(QStringLiteral("RoofSurface"), QStringLiteral("DENW_B1_R"), {f.roof});
    s += QStringLiteral("</bldg:Building></core:cityObjectMember>\n");
    if (!roofTexture.isEmpty())
        s += QStringLiteral("<app:appearanceMember><app:Appearance><app:theme>rgbTexture</app:theme><app:surfaceDataMember>"
                            "<app:ParameterizedTexture><app:imageURI>%1</app:imageURI><app:mimeType>image/png</app:mimeType>"
                            "<app:target uri=\"#DENW_B1_R_p0\"><app:TexCoordList>"
                            "<app:textureCoordinates ring=\"#DENW_B1_R_p0_ring\">0 0 1 0 1 1 0 1 0 0</app:textureCoordinates>"
                            "</app:TexCoordList></app:target></app:ParameterizedTexture></app:surfaceDataMember>"
                            "</app:Appearance></app:appearanceMember>\n")
                     .arg(roofTexture);
    s += QStringLiteral("</core:CityModel>\n");
    return s.toUtf8();
}

/** CityGML 1.0 (default namespace, no prefix), two LoD1 buildings (12 triangles each). */
inline QByteArray cityGml1Lod1(const QString &srsName, double x = kCologneE, double y = kCologneN, double z = 50.0)
{
    QString s = QStringLiteral(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            "<CityModel xmlns=\"http://www.opengis.net/citygml/1.0\" "
            "xmlns:bldg=\"http://www.opengis.net/citygml/building/1.0\" "
            "xmlns:gen=\"http://www.opengis.net/citygml/generics/1.0\" xmlns:gml=\"http://www.opengis.net/gml\">\n");
    s += envelope(srsName, x, y, z, 40, 8, 20);
    for (int b = 0; b < 2; ++b) {
        const QString id = QStringLiteral("LOD1_B%1").arg(b + 1);
        s += QStringLiteral("<cityObjectMember><bldg:Building gml:id=\"%1\">\n"
                            "<bldg:measuredHeight uom=\"m\">%2</bldg:measuredHeight>\n")
                     .arg(id)
                     .arg(b == 0 ? 9.5 : 20.0);
        s += lod1Solid(id, boxFaces(x + 30.0 * b, y, z, 10, 8, b == 0 ? 9.5 : 20.0));
        s += QStringLiteral("</bldg:Building></cityObjectMember>\n");
    }
    s += QStringLiteral("</CityModel>\n");
    return s.toUtf8();
}

inline bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}

} // namespace liyuan::test
