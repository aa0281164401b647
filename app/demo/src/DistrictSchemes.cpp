#include "DistrictSchemes.h"

#include "GltfWriter.h"

#include <QColor>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRectF>
#include <QSaveFile>

#include <cmath>

namespace liyuan::demo {

namespace {

struct ModelSpec
{
    QString file, name, form;
    QPoint cell;
    double inset = 0, depth = 10, floorHeight = 3.4, roof = 1.0;
    double size[2] = {0, 0};
    int floors = 1;
    QColor wall, ground, roofColor;
};

struct SchemeSpec
{
    QString id, name, description;
    QList<QPoint> replace;
    std::vector<ModelSpec> models;
};

bool writeBytes(const QString &path, const QByteArray &bytes, QString *error)
{
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size() || !f.commit()) {
        *error = QStringLiteral("%1: cannot write: %2").arg(QDir::toNativeSeparators(path), f.errorString());
        return false;
    }
    return true;
}

QPoint cellOf(const QJsonValue &v, bool *ok)
{
    const QJsonArray a = v.toArray();
    *ok = a.size() == 2 && a[0].isDouble() && a[1].isDouble();
    return *ok ? QPoint(a[0].toInt(), a[1].toInt()) : QPoint();
}

bool parseSchemes(const QByteArray &json, QString *folder, double *margin, QString *crs, std::vector<SchemeSpec> *out,
                  QString *error)
{
    QJsonParseError pe;
    const QJsonObject root = QJsonDocument::fromJson(json, &pe).object();
    if (pe.error != QJsonParseError::NoError) {
        *error = QStringLiteral("not JSON: %1").arg(pe.errorString());
        return false;
    }
    *folder = root.value(QStringLiteral("folder")).toString(QStringLiteral("schemes"));
    *margin = root.value(QStringLiteral("areaMargin")).toDouble(1.5);
    *crs = root.value(QStringLiteral("crs")).toString();
    const QJsonArray schemes = root.value(QStringLiteral("schemes")).toArray();
    if (schemes.isEmpty()) {
        *error = QStringLiteral("no \"schemes\"");
        return false;
    }
    for (const QJsonValue &sv : schemes) {
        const QJsonObject so = sv.toObject();
        SchemeSpec s;
        s.id = so.value(QStringLiteral("id")).toString();
        s.name = so.value(QStringLiteral("name")).toString();
        s.description = so.value(QStringLiteral("description")).toString();
        if (s.name.isEmpty()) {
            *error = QStringLiteral("a scheme without \"name\"");
            return false;
        }
        for (const QJsonValue &c : so.value(QStringLiteral("replace")).toArray()) {
            bool ok = false;
            s.replace << cellOf(c, &ok);
            if (!ok) {
                *error = QStringLiteral("%1: bad \"replace\" cell").arg(s.name);
                return false;
            }
        }
        for (const QJsonValue &mv : so.value(QStringLiteral("models")).toArray()) {
            const QJsonObject mo = mv.toObject();
            ModelSpec m;
            m.file = mo.value(QStringLiteral("file")).toString();
            m.name = mo.value(QStringLiteral("name")).toString();
            m.form = mo.value(QStringLiteral("form")).toString();
            bool ok = false;
            m.cell = cellOf(mo.value(QStringLiteral("cell")), &ok);
            m.inset = mo.value(QStringLiteral("inset")).toDouble(0);
            m.depth = mo.value(QStringLiteral("depth")).toDouble(10);
            m.floors = mo.value(QStringLiteral("floors")).toInt(0);
            m.floorHeight = mo.value(QStringLiteral("floorHeight")).toDouble(0);
            m.roof = mo.value(QStringLiteral("roof")).toDouble(0);
            const QJsonArray size = mo.value(QStringLiteral("size")).toArray();
            if (size.size() == 2) {
                m.size[0] = size[0].toDouble();
                m.size[1] = size[1].toDouble();
            }
            m.wall = QColor(mo.value(QStringLiteral("wall")).toString());
            m.ground = QColor(mo.value(QStringLiteral("ground")).toString());
            m.roofColor = QColor(mo.value(QStringLiteral("roofColor")).toString());
            const QString where = s.name + QStringLiteral(" / ") + m.file;
            if (!ok || m.file.isEmpty() || !m.file.endsWith(QLatin1String(".glb")) || m.file.contains(QLatin1Char('/'))) {
                *error = QStringLiteral("%1: needs \"file\" (a .glb name) and \"cell\"").arg(where);
                return false;
            }
            if (m.form != QLatin1String("courtyard") && m.form != QLatin1String("block")) {
                *error = QStringLiteral("%1: unknown form \"%2\"").arg(where, m.form);
                return false;
            }
            if (m.floors < 1 || m.floors > 99 || !(m.floorHeight > 0) || m.roof < 0) {
                *error = QStringLiteral("%1: needs 1..99 floors, a positive floorHeight and roof >= 0").arg(where);
                return false;
            }
            if (!m.wall.isValid() || !m.roofColor.isValid()) {
                *error = QStringLiteral("%1: bad \"wall\" or \"roofColor\"").arg(where);
                return false;
            }
            if (!m.ground.isValid())
                m.ground = m.wall;
            s.models.push_back(m);
        }
        if (s.models.empty()) {
            *error = QStringLiteral("%1: no models").arg(s.name);
            return false;
        }
        out->push_back(s);
    }
    return true;
}

/** Appends a box (east x0..x1, north n0..n1, up z0..z1) in glTF axes (X east, Y up, Z south), outward faces. */
void addBox(GltfWriter::Primitive &p, double x0, double x1, double n0, double n1, double z0, double z1)
{
    auto v = [](double e, double n, double u) { return std::array<float, 3>{float(e), float(u), float(-n)}; };
    auto quad = [&p](std::array<float, 3> a, std::array<float, 3> b, std::array<float, 3> c, std::array<float, 3> d,
                     std::array<float, 3> n) {
        // wind counter-clockwise seen from outside (along n)
        const float e1[3] = {b[0] - a[0], b[1] - a[1], b[2] - a[2]}, e2[3] = {c[0] - a[0], c[1] - a[1], c[2] - a[2]};
        const float cr[3] = {e1[1] * e2[2] - e1[2] * e2[1], e1[2] * e2[0] - e1[0] * e2[2], e1[0] * e2[1] - e1[1] * e2[0]};
        if (cr[0] * n[0] + cr[1] * n[1] + cr[2] * n[2] < 0)
            std::swap(b, d);
        const uint32_t base = uint32_t(p.positions.size() / 3);
        for (const auto &q : {a, b, c, d}) {
            p.positions.insert(p.positions.end(), q.begin(), q.end());
            p.normals.insert(p.normals.end(), n.begin(), n.end());
        }
        p.indices.insert(p.indices.end(), {base, base + 1, base + 2, base, base + 2, base + 3});
    };
    // glTF normals: east (+X), west (-X), north (-Z), south (+Z), up (+Y), down (-Y)
    quad(v(x1, n0, z0), v(x1, n1, z0), v(x1, n1, z1), v(x1, n0, z1), {1, 0, 0});
    quad(v(x0, n0, z0), v(x0, n1, z0), v(x0, n1, z1), v(x0, n0, z1), {-1, 0, 0});
    quad(v(x0, n1, z0), v(x1, n1, z0), v(x1, n1, z1), v(x0, n1, z1), {0, 0, -1});
    quad(v(x0, n0, z0), v(x1, n0, z0), v(x1, n0, z1), v(x0, n0, z1), {0, 0, 1});
    quad(v(x0, n0, z1), v(x1, n0, z1), v(x1, n1, z1), v(x0, n1, z1), {0, 1, 0});
    quad(v(x0, n0, z0), v(x1, n0, z0), v(x1, n1, z0), v(x0, n1, z0), {0, -1, 0});
}

/** The boxes of one level of a form, relative to the footprint centre (w × d). */
void addLevel(GltfWriter::Primitive &p, const ModelSpec &m, double w, double d, double z0, double z1)
{
    const double hw = w / 2, hd = d / 2;
    if (m.form == QLatin1String("courtyard")) {
        const double k = std::min(m.depth, std::min(w, d) * 0.4);
        addBox(p, -hw, hw, -hd, -hd + k, z0, z1);           // south wing
        addBox(p, -hw, hw, hd - k, hd, z0, z1);             // north wing
        addBox(p, -hw, -hw + k, -hd + k, hd - k, z0, z1);   // west wing
        addBox(p, hw - k, hw, -hd + k, hd - k, z0, z1);     // east wing
    } else {
        addBox(p, -hw, hw, -hd, hd, z0, z1);
    }
}

QJsonArray xyz(double x, double y, double z)
{
    auto r = [](double v) { return std::round(v * 1000.0) / 1000.0; };
    return QJsonArray{r(x), r(y), r(z)};
}

} // namespace

bool writeDistrictSchemes(const Layout &L, const GisSpec &gis, const QByteArray &recipeJson, const QString &outDir,
                          SchemesResult *out, QString *error)
{
    QString folderName, crs;
    double margin = 1.5;
    std::vector<SchemeSpec> specs;
    QString why;
    if (!parseSchemes(recipeJson, &folderName, &margin, &crs, &specs, &why)) {
        *error = QStringLiteral("schemes recipe: %1").arg(why);
        return false;
    }
    if (crs.isEmpty())
        crs = L.r.srs;
    const QDir dir(QDir(outDir).filePath(folderName));
    if (!QDir().mkpath(dir.path())) {
        *error = QStringLiteral("%1: cannot create the folder").arg(QDir::toNativeSeparators(dir.path()));
        return false;
    }
    out->folder = dir.absolutePath();
    out->indexFile = dir.filePath(QStringLiteral("schemes.json"));

    auto blockAt = [&L](const QPoint &cell) -> const Block * {
        for (const Block &b : L.blocks)
            if (b.cx == cell.x() && b.cy == cell.y())
                return &b;
        return nullptr;
    };
    const double ox = L.r.origin[0], oy = L.r.origin[1], oz = L.r.origin[2];
    auto ground = [&](double x, double y) {
        const double g = districtGroundHeight(L, gis, x, y);
        return std::isfinite(g) ? g : 0.0;
    };

    QJsonArray schemesJson;
    for (const SchemeSpec &s : specs) {
        QJsonArray models, areas;
        for (const ModelSpec &m : s.models) {
            const Block *b = blockAt(m.cell);
            if (!b) {
                *error = QStringLiteral("schemes recipe: %1 / %2: cell %3,%4 holds no courtyard block")
                             .arg(s.name, m.file).arg(m.cell.x()).arg(m.cell.y());
                return false;
            }
            QRectF fp = b->outer.adjusted(m.inset, m.inset, -m.inset, -m.inset);
            if (m.size[0] > 0 && m.size[1] > 0)
                fp = QRectF(b->outer.center().x() - m.size[0] / 2, b->outer.center().y() - m.size[1] / 2, m.size[0], m.size[1]);
            const QPointF c = fp.center();
            const double g = ground(c.x(), c.y());

            GltfWriter w;
            const int wall = w.addMaterial(QStringLiteral("wall"), m.wall, 0.0, 0.85);
            const int groundMat = w.addMaterial(QStringLiteral("ground floor"), m.ground, 0.0, 0.8);
            const int roofMat = w.addMaterial(QStringLiteral("roof"), m.roofColor, 0.0, 0.7);
            const int root = w.addNode(m.name);
            for (int f = 0; f < m.floors; ++f) {
                GltfWriter::Primitive p;
                p.material = f == 0 ? groundMat : wall;
                addLevel(p, m, fp.width(), fp.height(), f * m.floorHeight, (f + 1) * m.floorHeight);
                const QString name = QStringLiteral("Floor %1").arg(f + 1, 2, 10, QLatin1Char('0'));
                w.addNode(name, root, w.addMesh(name, {p}));
            }
            if (m.roof > 0) {
                GltfWriter::Primitive p;
                p.material = roofMat;
                const double z0 = m.floors * m.floorHeight;
                addLevel(p, m, fp.width(), fp.height(), z0, z0 + m.roof);
                w.addNode(QStringLiteral("Roof"), root, w.addMesh(QStringLiteral("Roof"), {p}));
            }
            if (!w.write(dir.filePath(m.file), error))
                return false;

            const QJsonObject placement{{QStringLiteral("crs"), crs},
                                        {QStringLiteral("position"), xyz(ox + c.x(), oy + c.y(), oz + g)},
                                        {QStringLiteral("heading"), 0.0},
                                        {QStringLiteral("scale"), 1.0},
                                        {QStringLiteral("upAxis"), QStringLiteral("Y")}};
            if (!writeBytes(dir.filePath(m.file + QStringLiteral(".geo.json")), QJsonDocument(placement).toJson(), error))
                return false;
            out->files << m.file << m.file + QStringLiteral(".geo.json");
            ++out->models;
            models.append(QJsonObject{{QStringLiteral("path"), m.file},
                                      {QStringLiteral("name"), m.name},
                                      {QStringLiteral("floors"), m.floors},
                                      {QStringLiteral("height"), std::round((m.floors * m.floorHeight + m.roof) * 1000) / 1000},
                                      {QStringLiteral("placement"), placement}});
        }
        for (const QPoint &cell : s.replace) {
            const Block *b = blockAt(cell);
            if (!b) {
                *error = QStringLiteral("schemes recipe: %1: replaced cell %2,%3 holds no courtyard block")
                             .arg(s.name).arg(cell.x()).arg(cell.y());
                return false;
            }
            const QRectF a = b->outer.adjusted(-margin, -margin, margin, margin);
            // counter-clockwise, closed ring not repeated
            const QJsonArray ring{QJsonArray{ox + a.left(), oy + a.top()}, QJsonArray{ox + a.right(), oy + a.top()},
                                  QJsonArray{ox + a.right(), oy + a.bottom()}, QJsonArray{ox + a.left(), oy + a.bottom()}};
            const QPointF c = a.center();
            areas.append(QJsonObject{{QStringLiteral("mode"), QStringLiteral("flatten")},
                                     {QStringLiteral("height"), std::round((oz + ground(c.x(), c.y())) * 1000) / 1000},
                                     {QStringLiteral("crs"), crs},
                                     {QStringLiteral("polygon"), ring}});
        }
        schemesJson.append(QJsonObject{{QStringLiteral("id"), s.id},
                                       {QStringLiteral("name"), s.name},
                                       {QStringLiteral("description"), s.description},
                                       {QStringLiteral("models"), models},
                                       {QStringLiteral("areas"), areas}});
        ++out->schemes;
    }
    const QJsonObject index{{QStringLiteral("schemes"), schemesJson}};
    if (!writeBytes(out->indexFile, QJsonDocument(index).toJson(), error))
        return false;
    out->files.prepend(QStringLiteral("schemes.json"));
    return true;
}

} // namespace liyuan::demo
