// Tests for liyuan::gdal::VectorTileReader: vector layers as streamed chunk meshes.
//
// Real data: the shared Alexandria building footprints (84 MultiPolygons in EPSG:4326,
// HEIGHT in metres, features 59 and 65 without HEIGHT) on the shared Alexandria DTM
// (EPSG:26918, 2 m), in a scene frame of EPSG:26918 with its origin at the DTM centre.
// Reference values come from tools run by the test: `gdallocationinfo` (DTM heights under
// the meshes' vertices) and `cs2cs` (PROJ; a footprint vertex from EPSG:4326). Hostile
// fixtures and a 20,000-footprint GeoPackage (via ogr2ogr) are written by the test.
#include "TestRequire.h"
#include <liyuan/gdal/VectorTileReader.h>
#include <liyuan/geodata/VectorDataset.h>

#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSet>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtConcurrent/QtConcurrent>
#include <QtTest>

#include <cmath>

using namespace liyuan;
using namespace liyuan::gdal;

namespace {

QString sharedData(const QString &rel)
{
    return QStringLiteral(LIYUAN_SHARED_DATA "/") + rel;
}

const QString kGeoJson = QStringLiteral("footprints/alexandria_va/buildings.geojson");
const QString kDtm = QStringLiteral("gis/alexandria_va/dtm.tif");
// DTM centre (gdalinfo): the scene origin; z = 10 exercises the vertical origin offset.
const Vec3d kOrigin(321781.0, 4297759.0, 10.0);

bool haveTool(const char *name)
{
    return !QStandardPaths::findExecutable(QString::fromLatin1(name)).isEmpty();
}

QByteArray run(const QString &program, const QStringList &args, const QByteArray &input, bool *ok)
{
    QProcess p;
    p.start(program, args);
    p.write(input);
    p.closeWriteChannel();
    *ok = p.waitForFinished(120000) && p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
    if (!*ok)
        qWarning() << program << args << p.readAllStandardError();
    return p.readAllStandardOutput();
}

/** DTM heights (metres, NaN outside) at scene-local points, by gdallocationinfo. */
std::vector<double> dtmAt(const std::vector<Vec3d> &local)
{
    QByteArray input;
    for (const Vec3d &p : local)
        input += QByteArray::number(p.x + kOrigin.x, 'f', 4) + ' ' + QByteArray::number(p.y + kOrigin.y, 'f', 4) + '\n';
    bool ok = false;
    const QByteArray out = run(QStringLiteral("gdallocationinfo"),
                               {QStringLiteral("-valonly"), QStringLiteral("-geoloc"), sharedData(kDtm)}, input, &ok);
    std::vector<double> h;
    if (!ok)
        return h;
    for (const QByteArray &line : out.split('\n')) {
        if (h.size() == local.size())
            break;
        bool num = false;
        const double v = line.trimmed().toDouble(&num);
        h.push_back(num && v > -9000 ? v : NAN);
    }
    return h;
}

/**
 * The range [lo, hi] of the DTM posts (pixel centres, by gdallocationinfo) around each
 * scene-local point: the 2×2 posts that bracket it, grown by `grow` posts on every side.
 * Interpolated ground under the point lies in it (grow covers ribbons' sideways offsets).
 */
std::vector<std::pair<double, double>> dtmRange(const std::vector<Vec3d> &local, int grow)
{
    // dtm.tif: 283 × 259 pixels of 2 m, upper left corner (321498, 4298018)
    const int W = 283, H = 259;
    QByteArray input;
    std::vector<std::pair<int, int>> first;
    const int side = 2 + 2 * grow;
    for (const Vec3d &p : local) {
        const double fx = (p.x + kOrigin.x - 321498.0) / 2.0 - 0.5, fy = (4298018.0 - (p.y + kOrigin.y)) / 2.0 - 0.5;
        first.emplace_back(int(std::floor(fx)) - grow, int(std::floor(fy)) - grow);
        for (int j = 0; j < side; ++j)
            for (int i = 0; i < side; ++i)
                input += QByteArray::number(std::clamp(first.back().first + i, 0, W - 1)) + ' '
                         + QByteArray::number(std::clamp(first.back().second + j, 0, H - 1)) + '\n';
    }
    bool ok = false;
    const QByteArray out = run(QStringLiteral("gdallocationinfo"), {QStringLiteral("-valonly"), sharedData(kDtm)}, input, &ok);
    std::vector<std::pair<double, double>> ranges;
    if (!ok)
        return ranges;
    const QList<QByteArray> lines = out.split('\n');
    if (lines.size() < qsizetype(local.size()) * side * side)
        return ranges;
    for (size_t k = 0; k < local.size(); ++k) {
        double lo = INFINITY, hi = -INFINITY;
        for (int m = 0; m < side * side; ++m) {
            const double v = lines[qsizetype(k) * side * side + m].trimmed().toDouble();
            if (v < -9000) { // nodata around: no reference
                lo = hi = NAN;
                break;
            }
            lo = std::min(lo, v);
            hi = std::max(hi, v);
        }
        ranges.emplace_back(lo, hi);
    }
    return ranges;
}

/** One feature's part of the meshes, in scene-local coordinates. */
struct FeatureMesh
{
    std::vector<Vec3d> verts;      ///< 3 per triangle
    std::vector<QColor> colors;    ///< per entry of verts
    int triangles = 0;
    double zMin = INFINITY, zMax = -INFINITY;
    double area = 0;               ///< horizontal area of triangles facing up (roof/fill)

    std::vector<Vec3d> uniqueXY(double atZ, double tol = 1e-3) const
    {
        std::vector<Vec3d> out;
        for (const Vec3d &v : verts) {
            if (std::abs(v.z - atZ) > tol)
                continue;
            bool dup = false;
            for (const Vec3d &o : out)
                dup = dup || (std::abs(o.x - v.x) < 1e-3 && std::abs(o.y - v.y) < 1e-3);
            if (!dup)
                out.push_back(v);
        }
        return out;
    }
    /** Colours of the triangles lying flat at the top. */
    QSet<QRgb> roofColors() const
    {
        QSet<QRgb> out;
        for (size_t i = 0; i + 2 < verts.size(); i += 3)
            if (std::abs(verts[i].z - zMax) < 1e-3 && std::abs(verts[i + 1].z - zMax) < 1e-3
                && std::abs(verts[i + 2].z - zMax) < 1e-3)
                for (int k = 0; k < 3; ++k)
                    out.insert(colors[i + size_t(k)].rgba());
        return out;
    }
    QSet<QRgb> colorsAt(double atZ, double tol = 1e-3) const
    {
        QSet<QRgb> out;
        for (size_t i = 0; i < verts.size(); ++i)
            if (std::abs(verts[i].z - atZ) <= tol)
                out.insert(colors[i].rgba());
        return out;
    }
};

FeatureMesh featureMesh(const std::vector<TileContent> &contents, qint64 fid)
{
    FeatureMesh f;
    for (const TileContent &c : contents)
        for (const MeshData &m : c.meshes)
            for (size_t t = 0; t < m.triangleFeatures.size(); ++t) {
                if (m.triangleFeatures[t] != fid)
                    continue;
                ++f.triangles;
                Vec3d tri[3];
                for (int k = 0; k < 3; ++k) {
                    const uint32_t i = m.indices[t * 3 + size_t(k)];
                    tri[k] = c.origin + Vec3d(m.positions[i * 3], m.positions[i * 3 + 1], m.positions[i * 3 + 2]);
                    f.verts.push_back(tri[k]);
                    f.colors.push_back(QColor(m.colors[i * 4], m.colors[i * 4 + 1], m.colors[i * 4 + 2], m.colors[i * 4 + 3]));
                    f.zMin = std::min(f.zMin, tri[k].z);
                    f.zMax = std::max(f.zMax, tri[k].z);
                }
                const double a2 = (tri[1].x - tri[0].x) * (tri[2].y - tri[0].y) - (tri[2].x - tri[0].x) * (tri[1].y - tri[0].y);
                if (a2 > 0)
                    f.area += a2 / 2;
            }
    return f;
}

QSet<qint64> allFeatureIds(const std::vector<TileContent> &contents)
{
    QSet<qint64> ids;
    for (const TileContent &c : contents)
        for (const MeshData &m : c.meshes)
            for (qint64 fid : m.triangleFeatures)
                ids.insert(fid);
    return ids;
}

bool anyContains(const QStringList &list, const QString &text)
{
    for (const QString &s : list)
        if (s.contains(text))
            return true;
    return false;
}

QByteArray utmCollection(const QByteArray &features)
{
    return R"({"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::26918"}},"features":[)"
           + features + "]}";
}

/** A square footprint in EPSG:26918 at local (x, y) with side s, as GeoJSON coordinates. */
QByteArray square(double x, double y, double s)
{
    const double X = x + kOrigin.x, Y = y + kOrigin.y;
    auto pt = [](double a, double b) { return "[" + QByteArray::number(a, 'f', 3) + "," + QByteArray::number(b, 'f', 3) + "]"; };
    return "[[" + pt(X, Y) + "," + pt(X + s, Y) + "," + pt(X + s, Y + s) + "," + pt(X, Y + s) + "," + pt(X, Y) + "]]";
}

QByteArray polygonFeature(const QByteArray &rings, const QByteArray &props)
{
    return R"({"type":"Feature","properties":)" + props + R"(,"geometry":{"type":"Polygon","coordinates":)" + rings + "}}";
}

} // namespace

class TestVectorTileReader : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_tmp;
    LocalFrame m_frame;
    TerrainSource m_terrain;
    std::shared_ptr<VectorTileReader> m_reader;
    std::shared_ptr<const VectorLayerData> m_alex;
    std::vector<TileContent> m_alexContent;
    QList<double> m_progress;

    QString fixture(const QString &name) const { return m_tmp.filePath(name); }
    void write(const QString &name, const QByteArray &data)
    {
        QFile f(fixture(name));
        QVERIFY(f.open(QIODevice::WriteOnly));
        QCOMPARE(f.write(data), data.size());
    }

    VectorLayerSource source(const QString &id, const QString &file, bool terrain = true) const
    {
        VectorLayerSource s;
        s.id = id;
        s.file = file;
        s.frame = m_frame;
        s.assumeCrs = m_frame.crs();
        if (terrain)
            s.terrain = m_terrain;
        return s;
    }

    std::vector<TileContent> readAll(const QString &id, QStringList *errors = nullptr) const
    {
        std::vector<TileContent> out;
        for (const QString &file : m_reader->rootFiles(id)) {
            TileReadResult r = m_reader->read(file);
            if (!r.ok && errors)
                *errors << r.error;
            if (r.ok)
                out.push_back(std::move(r.content));
        }
        return out;
    }

private slots:
    void initTestCase()
    {
        registerGdalDrivers();
        QVERIFY(m_tmp.isValid());
        if (!QFileInfo::exists(QStringLiteral(LIYUAN_SHARED_DATA)))
            LIYUAN_SKIP("shared sample data not found (LIYUAN_SHARED_DATA=" LIYUAN_SHARED_DATA ")");
        QVERIFY(QFileInfo::exists(sharedData(kGeoJson)));
        QVERIFY(QFileInfo::exists(sharedData(kDtm)));
        QString error;
        const Crs utm = Crs::fromString(QStringLiteral("EPSG:26918"), &error);
        QVERIFY2(utm.isValid(), qPrintable(error));
        m_frame = LocalFrame(utm, kOrigin);
        m_terrain.id = QStringLiteral("dtm");
        m_terrain.dem = RasterDataset::open(sharedData(kDtm), &error);
        QVERIFY2(m_terrain.dem->isValid(), qPrintable(error));
        m_terrain.frame = m_frame;
        m_reader = VectorTileReader::instance();
        QVERIFY(m_reader);

        m_alex = m_reader->load(source(QStringLiteral("alexandria"), sharedData(kGeoJson)),
                                [this](double p) { m_progress << p; }, &error);
        QVERIFY2(m_alex, qPrintable(error));
        QStringList errors;
        m_alexContent = readAll(QStringLiteral("alexandria"), &errors);
        QVERIFY2(errors.isEmpty(), qPrintable(errors.join('\n')));
    }

    void registration()
    {
        QVERIFY(m_reader == VectorTileReader::instance());
        bool found = false;
        for (const auto &r : ReaderRegistry::instance().readers())
            found = found || r == m_reader;
        QVERIFY(found);
        const QString name = m_reader->rootFiles(QStringLiteral("alexandria")).value(0);
        QVERIFY(name.startsWith(QLatin1String("liyuan-vector:alexandria/0/")));
        QVERIFY(ReaderRegistry::instance().readerFor(name) == m_reader);
        QVERIFY(!m_reader->identify(QStringLiteral("/data/tile.osgb")));
        QVERIFY(!m_reader->identify(QStringLiteral("liyuan-terrain:dtm/0/0/0")));
    }

    void badNames_data()
    {
        QTest::addColumn<QString>("name");
        QTest::newRow("no scheme") << "alexandria/0/0";
        QTest::newRow("no chunk") << "liyuan-vector:alexandria/0";
        QTest::newRow("not numbers") << "liyuan-vector:alexandria/x/y";
        QTest::newRow("negative") << "liyuan-vector:alexandria/0/-1";
        QTest::newRow("chunk out of range") << "liyuan-vector:alexandria/0/99";
        QTest::newRow("future generation") << "liyuan-vector:alexandria/99/0";
        QTest::newRow("unknown layer") << "liyuan-vector:nosuchlayer/0/0";
    }

    void badNames()
    {
        QFETCH(QString, name);
        const TileReadResult r = m_reader->read(name);
        QVERIFY(!r.ok);
        QVERIFY2(r.error.startsWith(name + QStringLiteral(": ")), qPrintable(r.error));
    }

    void alexandriaRecords()
    {
        QCOMPARE(m_alex->id, QStringLiteral("alexandria"));
        QCOMPARE(m_alex->features.size(), size_t(84));
        QCOMPARE(m_alex->layerName, QStringLiteral("buildings"));
        QCOMPARE(m_alex->heightAttribute, QStringLiteral("HEIGHT"));
        QVERIFY2(m_alex->warnings.isEmpty(), qPrintable(m_alex->warnings.join('\n')));
        QCOMPARE(m_alex->indexByFid.size(), 84);
        for (qint64 fid = 0; fid < 84; ++fid) {
            const VectorFeatureRecord *r = m_alex->feature(fid);
            QVERIFY(r);
            QCOMPARE(r->kind, VectorFeature::Kind::Polygon);
            const QVariant h = r->attributes.value(QStringLiteral("HEIGHT"));
            if (fid == 59 || fid == 65) {
                QVERIFY(h.isNull());
                QVERIFY(std::isnan(r->height));
                QCOMPARE(r->anchor.z, r->groundZ);
            } else {
                QCOMPARE(r->height, h.toDouble());
                QCOMPARE(r->anchor.z, r->groundZ + r->height);
            }
            QVERIFY(r->bounds.isValid());
            QVERIFY(r->anchor.x > r->bounds.minX && r->anchor.x < r->bounds.maxX);
            // inside the DTM (566 × 518 m around the origin)
            QVERIFY(std::abs(r->anchor.x) < 283 && std::abs(r->anchor.y) < 259);
        }
        QVERIFY(m_alex->bounds.isValid());
        QVERIFY(!m_progress.isEmpty());
        QCOMPARE(m_progress.last(), 1.0);
        for (int i = 1; i < m_progress.size(); ++i)
            QVERIFY(m_progress[i] >= m_progress[i - 1]);
    }

    void alexandriaChunks()
    {
        const QStringList files = m_reader->rootFiles(QStringLiteral("alexandria"));
        QCOMPARE(files.size(), 1); // 84 features: one chunk
        QCOMPARE(m_alexContent.size(), size_t(1));
        const TileContent &c = m_alexContent[0];
        QCOMPARE(c.sourceFile, files[0]);
        QCOMPARE(m_reader->chunkFeatures(QStringLiteral("alexandria"), 0).size(), size_t(84));
        QCOMPARE(c.nodes.size(), size_t(1));
        const LodNode &n = c.nodes[0];
        QCOMPARE(n.ranges.size(), size_t(1));
        QVERIFY(n.ranges[0].childFile.isEmpty());
        QCOMPARE(n.ranges[0].meshes.size(), c.meshes.size());
        QVERIFY(n.ranges[0].max > 1e30f);
        for (const MeshData &m : c.meshes) {
            QCOMPARE(m.colors.size(), size_t(m.vertexCount()) * 4);
            QCOMPARE(m.triangleFeatures.size(), size_t(m.triangleCount()));
            for (size_t v = 0; v < size_t(m.vertexCount()); ++v) {
                const Vec3d p(m.positions[v * 3], m.positions[v * 3 + 1], m.positions[v * 3 + 2]);
                QVERIFY((p - n.center).length() <= n.radius * 1.0001);
            }
        }
    }

    void alexandriaFeatureIds()
    {
        QSet<qint64> expected;
        for (qint64 fid = 0; fid < 84; ++fid)
            expected.insert(fid);
        QCOMPARE(allFeatureIds(m_alexContent), expected);
    }

    /** Blocks stand on the DTM (lowest DTM height under the footprint) and reach HEIGHT above it. */
    void alexandriaBlocks_data()
    {
        QTest::addColumn<qint64>("fid");
        for (qint64 fid : {0, 1, 2, 10, 33, 42, 58, 60, 83})
            QTest::addRow("fid %lld", fid) << fid;
    }

    void alexandriaBlocks()
    {
        if (!haveTool("gdallocationinfo"))
            LIYUAN_SKIP("gdallocationinfo (gdal-bin) is needed for the reference heights");
        QFETCH(qint64, fid);
        const VectorFeatureRecord *r = m_alex->feature(fid);
        QVERIFY(r);
        const FeatureMesh f = featureMesh(m_alexContent, fid);
        QVERIFY(f.triangles > 0);
        // roof = base + HEIGHT (float positions: millimetres)
        QVERIFY2(std::abs((f.zMax - f.zMin) - r->height) < 2e-3,
                 qPrintable(QStringLiteral("%1 vs %2").arg(f.zMax - f.zMin).arg(r->height)));
        QVERIFY(std::abs(f.zMin - r->groundZ) < 2e-3);
        // base against gdallocationinfo under the footprint's vertices
        const std::vector<Vec3d> foot = f.uniqueXY(f.zMin);
        QVERIFY(foot.size() >= 3);
        const std::vector<double> dtm = dtmAt(foot);
        QCOMPARE(dtm.size(), foot.size());
        double lowest = INFINITY;
        for (double h : dtm)
            if (!std::isnan(h))
                lowest = std::min(lowest, h);
        QVERIFY(std::isfinite(lowest));
        const double baseCrs = f.zMin + kOrigin.z;
        QVERIFY2(std::abs(baseCrs - lowest) < 0.5,
                 qPrintable(QStringLiteral("base %1 m, DTM %2 m").arg(baseCrs).arg(lowest)));
        // interpolated: the base lies within the posts around the footprint's lowest point
        const auto ranges = dtmRange(foot, 0);
        QCOMPARE(ranges.size(), foot.size());
        double lo = INFINITY, hi = INFINITY;
        for (const auto &r : ranges) {
            if (std::isnan(r.first))
                continue; // nodata next to the vertex
            lo = std::min(lo, r.first);
            hi = std::min(hi, r.second);
        }
        QVERIFY(std::isfinite(lo));
        QVERIFY2(baseCrs >= lo - 1e-3 && baseCrs <= hi + 1e-3, qPrintable(QStringLiteral("base %1 m, posts %2..%3").arg(baseCrs).arg(lo).arg(hi)));
        // the roof covers the footprint: its area is the footprint's in EPSG:26918 (OGR/SpatiaLite)
        QVERIFY(haveTool("ogrinfo"));
        bool ok = false;
        const QByteArray out = run(QStringLiteral("ogrinfo"), {QStringLiteral("-q"), QStringLiteral("-dialect"), QStringLiteral("sqlite"),
                                   QStringLiteral("-sql"), QStringLiteral("select ST_Area(ST_Transform(geometry, 26918)) as a from buildings where rowid = %1").arg(fid),
                                   sharedData(kGeoJson)}, {}, &ok);
        QVERIFY(ok);
        const int at = out.indexOf("a (Real) = ");
        QVERIFY(at >= 0);
        const double area = out.mid(at + 11).split('\n').first().trimmed().toDouble();
        QVERIFY2(std::abs(f.area - area) < 0.01 * area, qPrintable(QStringLiteral("roof %1 m², footprint %2 m²").arg(f.area).arg(area)));
    }

    /** Every block: roof − base = HEIGHT; the roof's area equals the footprint's. */
    void alexandriaAllHeights()
    {
        int blocks = 0;
        for (const VectorFeatureRecord &r : m_alex->features) {
            if (std::isnan(r.height))
                continue;
            ++blocks;
            const FeatureMesh f = featureMesh(m_alexContent, r.fid);
            QVERIFY2(std::abs((f.zMax - f.zMin) - r.height) < 2e-3, qPrintable(QString::number(r.fid)));
        }
        QCOMPARE(blocks, 82);
    }

    /** Features without HEIGHT: a flat fill 0.2 m and outlines 0.3 m above the DTM. */
    void alexandriaFlat_data()
    {
        QTest::addColumn<qint64>("fid");
        QTest::newRow("fid 59") << qint64(59);
        QTest::newRow("fid 65") << qint64(65);
    }

    void alexandriaFlat()
    {
        if (!haveTool("gdallocationinfo"))
            LIYUAN_SKIP("gdallocationinfo (gdal-bin) is needed for the reference heights");
        QFETCH(qint64, fid);
        const FeatureMesh f = featureMesh(m_alexContent, fid);
        QVERIFY(f.triangles > 0);
        // ground interpolated between the DTM posts (outline ribbons: sideways by half their width)
        const auto ranges = dtmRange(f.verts, 2);
        QCOMPARE(ranges.size(), f.verts.size());
        int checked = 0;
        for (size_t i = 0; i < f.verts.size(); ++i) {
            const double z = f.verts[i].z + kOrigin.z;
            if (std::isnan(ranges[i].first))
                continue;
            QVERIFY2(z >= ranges[i].first + 0.2 - 1e-3 && z <= ranges[i].second + 0.3 + 1e-3,
                     qPrintable(QStringLiteral("z %1, posts %2..%3").arg(z).arg(ranges[i].first).arg(ranges[i].second)));
            ++checked;
        }
        QVERIFY(checked > 0);
        // fill in the style colour, outline in the line colour
        const VectorStyle style;
        const QSet<QRgb> colors = [&] {
            QSet<QRgb> s;
            for (const QColor &c : f.colors)
                s.insert(c.rgba());
            return s;
        }();
        QVERIFY(colors.contains(style.colorFor({}).rgba()));
        QVERIFY(colors.contains(style.outlineColor().rgba()));
    }

    /** A footprint vertex lands where cs2cs puts it (EPSG:4326 → EPSG:26918). */
    void alexandriaPlacement_data()
    {
        QTest::addColumn<int>("feature");
        QTest::addColumn<int>("vertex");
        QTest::newRow("feature 0, vertex 0") << 0 << 0;
        QTest::newRow("feature 0, vertex 5") << 0 << 5;
        QTest::newRow("feature 42, vertex 2") << 42 << 2;
        QTest::newRow("feature 83, vertex 1") << 83 << 1;
    }

    void alexandriaPlacement()
    {
        if (!haveTool("cs2cs"))
            LIYUAN_SKIP("cs2cs (proj-bin) is needed for the reference coordinates");
        QFETCH(int, feature);
        QFETCH(int, vertex);
        QFile f(sharedData(kGeoJson));
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QJsonArray features = QJsonDocument::fromJson(f.readAll()).object().value("features").toArray();
        const QJsonArray ring = features.at(feature).toObject().value("geometry").toObject().value("coordinates")
                                    .toArray().at(0).toArray().at(0).toArray();
        const double lon = ring.at(vertex).toArray().at(0).toDouble(), lat = ring.at(vertex).toArray().at(1).toDouble();
        bool ok = false;
        const QByteArray out = run(QStringLiteral("cs2cs"),
                                   {QStringLiteral("-f"), QStringLiteral("%.4f"), QStringLiteral("EPSG:4326"), QStringLiteral("EPSG:26918")},
                                   QByteArray::number(lat, 'f', 8) + ' ' + QByteArray::number(lon, 'f', 8) + '\n', &ok);
        QVERIFY(ok);
        const QList<QByteArray> cols = out.simplified().split(' ');
        QVERIFY(cols.size() >= 2);
        const double e = cols[0].toDouble() - kOrigin.x, n = cols[1].toDouble() - kOrigin.y;
        const FeatureMesh m = featureMesh(m_alexContent, feature); // GeoJSON fids are the feature order
        double best = INFINITY;
        for (const Vec3d &v : m.verts)
            best = std::min(best, std::hypot(v.x - e, v.y - n));
        QVERIFY2(best < 0.05, qPrintable(QStringLiteral("nearest mesh vertex %1 m away").arg(best)));
    }

    /** Baked lighting of one square block: roof brightest, north/west walls lighter, darker at the bottom. */
    void shading()
    {
        write(QStringLiteral("square.geojson"), utmCollection(polygonFeature(square(10, 10, 20), R"({"height":15})")));
        VectorLayerSource s = source(QStringLiteral("square"), fixture(QStringLiteral("square.geojson")), false);
        s.style.color = QColor(200, 180, 160);
        QString error;
        const auto data = m_reader->load(s, {}, &error);
        QVERIFY2(data, qPrintable(error));
        const std::vector<TileContent> contents = readAll(QStringLiteral("square"));
        const FeatureMesh f = featureMesh(contents, 0);
        QCOMPARE(f.triangles, 2 + 4 * 2);
        QCOMPARE(f.zMin, 0.0); // no terrain, 2D data: ground at local z 0
        QCOMPARE(f.zMax, 15.0);
        QCOMPARE(f.roofColors(), QSet<QRgb>{QColor(200, 180, 160).rgba()});
        QVERIFY(std::abs(f.area - 400) < 1e-3);
        // the brightness of each wall at its top, by its facing
        auto wallTop = [&](double nx, double ny) {
            for (size_t i = 0; i + 2 < f.verts.size(); i += 3) {
                const Vec3d &a = f.verts[i], &b = f.verts[i + 1], &c = f.verts[i + 2];
                const Vec3d normal = (b - a).cross(c - a).normalized();
                if (std::abs(normal.z) > 0.5 || normal.dot(Vec3d(nx, ny, 0)) < 0.99)
                    continue;
                for (int k = 0; k < 3; ++k)
                    if (f.verts[i + size_t(k)].z == 15.0)
                        return f.colors[i + size_t(k)].lightness();
            }
            return -1;
        };
        const int north = wallTop(0, 1), west = wallTop(-1, 0), south = wallTop(0, -1), east = wallTop(1, 0);
        QVERIFY(north > 0 && west > 0 && south > 0 && east > 0); // outward normals, CCW from outside
        QCOMPARE(north, west);
        QCOMPARE(south, east);
        QVERIFY(north > south);
        QVERIFY(QColor(200, 180, 160).lightness() > north); // the roof is brightest
        int bottom = 256;
        for (size_t i = 0; i < f.verts.size(); ++i)
            if (f.verts[i].z == 0.0)
                bottom = std::min(bottom, f.colors[i].lightness());
        QVERIFY(bottom < south); // darker near the ground
        // the anchor of a block is on its roof
        QCOMPARE(data->features[0].anchor.z, 15.0);
        QCOMPARE(data->features[0].anchor.x, 20.0);
    }

    /** Styles give the expected roof colours; setStyle bumps the generation. */
    void styles_data()
    {
        QTest::addColumn<QByteArray>("styleJson");
        QTest::addColumn<QString>("rule"); // how the test computes the expected colour from HEIGHT

        QTest::newRow("single") << QByteArray(R"({"colorMode":"single","color":[51,102,153]})") << "single";
        QTest::newRow("categorized") << QByteArray(R"({"colorMode":"categorized","attribute":"HEIGHT",)"
            R"("categories":[{"value":17.530000686645508,"color":[255,0,0]},{"value":6.619999885559082,"color":[0,255,0]}],)"
            R"("defaultColor":[0,0,255]})") << "categorized";
        QTest::newRow("graduated") << QByteArray(R"({"colorMode":"graduated","attribute":"HEIGHT",)"
            R"("ranges":[{"min":0,"max":6,"color":[255,0,0]},{"min":6,"max":10,"color":[0,255,0]},{"min":10,"max":1000,"color":[0,0,255]}],)"
            R"("defaultColor":[128,128,128]})") << "graduated";
    }

    void styles()
    {
        QFETCH(QByteArray, styleJson);
        QFETCH(QString, rule);
        const QString id = QStringLiteral("alexandria-style");
        QString error;
        if (m_reader->generation(id) < 0)
            QVERIFY2(m_reader->load(source(id, sharedData(kGeoJson)), {}, &error), qPrintable(error));
        QStringList warnings;
        const VectorStyle style = VectorStyle::fromJson(QJsonDocument::fromJson(styleJson).object(), &warnings);
        QVERIFY2(warnings.isEmpty(), qPrintable(warnings.join('\n')));
        const int before = m_reader->generation(id);
        const QStringList oldFiles = m_reader->rootFiles(id);
        const auto data = m_reader->setStyle(id, style);
        QVERIFY(data);
        QCOMPARE(m_reader->generation(id), before + 1);
        const QStringList files = m_reader->rootFiles(id);
        QCOMPARE(files.size(), oldFiles.size());
        QVERIFY(files != oldFiles);
        QVERIFY(files[0].contains(QStringLiteral("/%1/").arg(before + 1)));
        QVERIFY(*m_reader->style(id) == style);
        const std::vector<TileContent> contents = readAll(id);
        QCOMPARE(contents.size(), size_t(1));

        auto expected = [&](const QVariant &h) -> QColor {
            if (rule == QLatin1String("single"))
                return QColor(0x33, 0x66, 0x99);
            if (rule == QLatin1String("categorized")) {
                if (h.isNull())
                    return QColor(0, 0, 255);
                if (h.toDouble() == 17.530000686645508)
                    return QColor(255, 0, 0);
                if (h.toDouble() == 6.619999885559082)
                    return QColor(0, 255, 0);
                return QColor(0, 0, 255);
            }
            if (h.isNull())
                return QColor(128, 128, 128);
            const double d = h.toDouble();
            return d < 6 ? QColor(255, 0, 0) : d < 10 ? QColor(0, 255, 0) : QColor(0, 0, 255);
        };
        QSet<QRgb> seen;
        for (const VectorFeatureRecord &r : data->features) {
            const FeatureMesh f = featureMesh(contents, r.fid);
            const QColor want = expected(r.attributes.value(QStringLiteral("HEIGHT")));
            seen.insert(want.rgba());
            if (std::isnan(r.height)) {
                bool found = false;
                for (const QColor &c : f.colors)
                    found = found || c.rgba() == want.rgba();
                QVERIFY2(found, qPrintable(QStringLiteral("fid %1").arg(r.fid)));
            } else {
                QCOMPARE(f.roofColors(), QSet<QRgb>{want.rgba()});
            }
        }
        if (rule != QLatin1String("single"))
            QCOMPARE(seen.size(), rule == QLatin1String("graduated") ? 4 : 3); // every colour of the style is used (+ default)
        // the old generation is still readable (served with the new style)
        QVERIFY(m_reader->read(oldFiles[0]).ok);
    }

    void styleFlatAndHeights()
    {
        const QString id = QStringLiteral("alexandria-flat");
        QString error;
        QVERIFY2(m_reader->load(source(id, sharedData(kGeoJson)), {}, &error), qPrintable(error));
        VectorStyle flat;
        flat.extrude = false;
        auto data = m_reader->setStyle(id, flat);
        QVERIFY(data);
        for (const VectorFeatureRecord &r : data->features) {
            QVERIFY(std::isnan(r.height));
            QCOMPARE(r.anchor.z, r.groundZ);
        }
        std::vector<TileContent> contents = readAll(id);
        for (qint64 fid : {0, 42}) {
            const FeatureMesh f = featureMesh(contents, fid);
            QVERIFY(f.triangles > 0);
            for (size_t i = 0; i + 2 < f.verts.size(); i += 3) { // draped, not a block: nothing vertical
                const Vec3d n = (f.verts[i + 1] - f.verts[i]).cross(f.verts[i + 2] - f.verts[i]).normalized();
                QVERIFY(std::abs(n.z) > 0.2);
            }
        }
        // default height for those without HEIGHT, floors for a custom attribute
        VectorStyle def;
        def.defaultHeight = 4.0;
        def.baseOffset = -1.0;
        data = m_reader->setStyle(id, def);
        QCOMPARE(data->feature(59)->height, 4.0);
        QCOMPARE(data->feature(0)->height, data->feature(0)->attributes.value("HEIGHT").toDouble());
        QCOMPARE(data->feature(59)->anchor.z, data->feature(59)->groundZ - 1.0 + 4.0);
        contents = readAll(id);
        const FeatureMesh f = featureMesh(contents, 59);
        QVERIFY(std::abs(f.zMax - f.zMin - 4.0) < 1e-3);
        QVERIFY(std::abs(f.zMin - (data->feature(59)->groundZ - 1.0)) < 1e-3);
        m_reader->removeLayer(id);
        QVERIFY(m_reader->rootFiles(id).isEmpty());
        QVERIFY(!m_reader->data(id));
        const TileReadResult r = m_reader->read(VectorTileReader::chunkName(id, 2, 0));
        QVERIFY(!r.ok);
        QVERIFY(r.error.contains(QStringLiteral("removed")));
        // a reload never reuses old names
        QVERIFY(m_reader->load(source(id, sharedData(kGeoJson)), {}, &error));
        QCOMPARE(m_reader->generation(id), 3);
        m_reader->removeLayer(id);
    }

    /** Lines: flat ribbons of lineWidth, densified to the DTM resolution, 0.3 m above it. */
    void lines()
    {
        if (!haveTool("gdallocationinfo"))
            LIYUAN_SKIP("gdallocationinfo (gdal-bin) is needed for the reference heights");
        auto pt = [](double x, double y) {
            return "[" + QByteArray::number(x + kOrigin.x, 'f', 3) + "," + QByteArray::number(y + kOrigin.y, 'f', 3) + "]";
        };
        write(QStringLiteral("lines.geojson"),
              utmCollection(R"({"type":"Feature","properties":{"name":"straight"},"geometry":{"type":"LineString","coordinates":[)"
                            + pt(-200, -150) + "," + pt(200, 150) + R"(]}},)"
            R"({"type":"Feature","properties":{"name":"zigzag"},"geometry":{"type":"MultiLineString","coordinates":[[)"
                            + pt(-200, 100) + "," + pt(-150, 200) + "," + pt(-100, 100) + "," + pt(-50, 200) + "],[" + pt(0, 0)
                            + "," + pt(0, 0) + "," + pt(30, 0) + R"(]]}},)"
            R"({"type":"Feature","properties":{"name":"point"},"geometry":{"type":"Point","coordinates":)" + pt(5, 5) + "}}"));
        VectorLayerSource s = source(QStringLiteral("lines"), fixture(QStringLiteral("lines.geojson")));
        s.style.lineWidth = 4.0;
        s.style.lineColor = QColor(255, 200, 0);
        QString error;
        const auto data = m_reader->load(s, {}, &error);
        QVERIFY2(data, qPrintable(error));
        QCOMPARE(data->features.size(), size_t(3));
        QCOMPARE(data->features[0].kind, VectorFeature::Kind::Line);
        QCOMPARE(data->features[2].kind, VectorFeature::Kind::Point);
        QVERIFY(std::isnan(data->features[0].height));
        const std::vector<TileContent> contents = readAll(QStringLiteral("lines"));
        QCOMPARE(allFeatureIds(contents), (QSet<qint64>{0, 1})); // points are not meshed
        const FeatureMesh f = featureMesh(contents, 0);
        // 500 m at 2 m DTM cells: densified (≥ 200 segments, 2 triangles each)
        QVERIFY2(f.triangles >= 400, qPrintable(QString::number(f.triangles)));
        for (const QColor &c : f.colors)
            QCOMPARE(c, QColor(255, 200, 0));
        // ribbon width: every vertex 2 m from the centre line
        const Vec3d dir = Vec3d(400, 300, 0).normalized();
        for (const Vec3d &v : f.verts) {
            const Vec3d rel = v - Vec3d(-200, -150, 0);
            const double off = std::abs(rel.x * dir.y - rel.y * dir.x);
            QVERIFY2(std::abs(off - 2.0) < 1e-3, qPrintable(QString::number(off)));
        }
        const auto ranges = dtmRange(f.verts, 1); // vertices are 2 m (one post) beside the centre line
        QCOMPARE(ranges.size(), f.verts.size());
        size_t checked = 0;
        for (size_t i = 0; i < f.verts.size(); ++i) {
            const double z = f.verts[i].z + kOrigin.z - 0.3;
            if (std::isnan(ranges[i].first))
                continue; // a nodata hole in the DTM: interpolated along the line
            ++checked;
            QVERIFY2(z >= ranges[i].first - 1e-3 && z <= ranges[i].second + 1e-3,
                     qPrintable(QStringLiteral("z %1 - 0.3, posts %2..%3").arg(z).arg(ranges[i].first).arg(ranges[i].second)));
        }
        QVERIFY(checked > f.verts.size() / 2);
        // and close to the nearest post on this gentle line
        const std::vector<double> dtm = dtmAt(f.verts);
        double worst = 0;
        for (size_t i = 0; i < f.verts.size(); ++i)
            worst = std::max(worst, std::abs(f.verts[i].z + kOrigin.z - 0.3 - dtm[i]));
        QVERIFY2(worst < 1.5, qPrintable(QString::number(worst)));
        // the zigzag's sharp joins stay bounded (miter limit), its repeated point is harmless
        const FeatureMesh z = featureMesh(contents, 1);
        QVERIFY(z.triangles > 0);
        for (const Vec3d &v : z.verts)
            QVERIFY(v.x > -215 && v.x < 40 && v.y > -10 && v.y < 215);
        // the point record stands on the DTM
        const std::vector<double> h = dtmAt({data->features[2].anchor});
        QVERIFY(std::abs(data->features[2].groundZ + kOrigin.z - h[0]) < 0.5);
        m_reader->removeLayer(QStringLiteral("lines"));
    }

    /** A large flat polygon with a hole: the fill is subdivided to follow the DTM, the hole stays open. */
    void drapedArea()
    {
        if (!haveTool("gdallocationinfo"))
            LIYUAN_SKIP("gdallocationinfo (gdal-bin) is needed for the reference heights");
        write(QStringLiteral("park.geojson"),
              utmCollection(polygonFeature(square(-100, -100, 200).chopped(1) + "," + square(-20, -20, 40).mid(1),
                                           R"({"landuse":"park"})")));
        QString error;
        const auto data = m_reader->load(source(QStringLiteral("park"), fixture(QStringLiteral("park.geojson"))), {}, &error);
        QVERIFY2(data, qPrintable(error));
        QVERIFY(std::isnan(data->features[0].height));
        const FeatureMesh f = featureMesh(readAll(QStringLiteral("park")), 0);
        QVERIFY2(f.triangles > 2000, qPrintable(QString::number(f.triangles))); // 200 m at 2 m posts
        const auto ranges = dtmRange(f.verts, 2);
        QCOMPARE(ranges.size(), f.verts.size());
        size_t checked = 0;
        for (size_t i = 0; i < f.verts.size(); ++i) {
            const Vec3d &v = f.verts[i];
            QVERIFY2(!(std::abs(v.x) < 18.9 && std::abs(v.y) < 18.9), "a vertex inside the hole");
            QVERIFY(std::abs(v.x) < 102 && std::abs(v.y) < 102);
            if (std::isnan(ranges[i].first))
                continue;
            ++checked;
            const double z = v.z + kOrigin.z;
            QVERIFY2(z >= ranges[i].first + 0.2 - 1e-3 && z <= ranges[i].second + 0.3 + 1e-3,
                     qPrintable(QStringLiteral("z %1, posts %2..%3").arg(z).arg(ranges[i].first).arg(ranges[i].second)));
        }
        QVERIFY(checked > f.verts.size() / 2);
        // the fill covers the polygon: 200² − 40² m² of up-facing fill (+ the outline ribbons)
        QVERIFY2(f.area > 38400 * 0.999 && f.area < 38400 + 2 * (800 + 160) + 50, qPrintable(QString::number(f.area)));
        m_reader->removeLayer(QStringLiteral("park"));
    }

    /** Hostile input: loads (or fails) cleanly with warnings naming the file. */
    void hostile_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QByteArray>("content");      // empty: use the shared footprints
        QTest::addColumn<QStringList>("heightAttributes"); // empty: default
        QTest::addColumn<bool>("loads");
        QTest::addColumn<int>("records");
        QTest::addColumn<int>("meshed");              // features with triangles
        QTest::addColumn<QString>("warning");         // expected substring (or error substring)

        QTest::newRow("bow-tie")
            << "bowtie.geojson"
            << utmCollection(polygonFeature(
                   "[[" + QByteArray("[321781,4297759],[321791,4297769],[321791,4297759],[321781,4297769],[321781,4297759]")
                       + "]]",
                   R"({"height":10})"))
            << QStringList() << true << 1 << 1 << "invalid polygon repaired";
        QTest::newRow("degenerate ring (collinear)")
            << "collinear.geojson"
            << utmCollection(polygonFeature("[[[321781,4297759],[321791,4297759],[321801,4297759],[321781,4297759]]]",
                                            R"({"height":10})")
                             + "," + polygonFeature(square(50, 50, 10), R"({"height":5})"))
            << QStringList() << true << 2 << 1 << "degenerate polygon";
        QTest::newRow("degenerate ring (2 distinct points)")
            << "twopoints.geojson"
            << utmCollection(polygonFeature("[[[321781,4297759],[321781,4297759],[321786,4297764],[321781,4297759]]]",
                                            R"({"height":10})")
                             + "," + polygonFeature(square(50, 50, 10), R"({"height":5})"))
            << QStringList() << true << 2 << 1 << "outer ring has 2 distinct points";
        QTest::newRow("only points")
            << "points.geojson"
            << utmCollection(R"({"type":"Feature","properties":{"n":1},"geometry":{"type":"Point","coordinates":[321781,4297759]}},)"
            R"({"type":"Feature","properties":{"n":2},"geometry":{"type":"Point","coordinates":[321800,4297700]}},)"
            R"({"type":"Feature","properties":{"n":3},"geometry":{"type":"MultiPoint","coordinates":[[321700,4297700],[321710,4297710]]}})")
            << QStringList() << true << 3 << 0 << "";
        QTest::newRow("empty collection")
            << "empty.geojson" << QByteArray(R"({"type":"FeatureCollection","features":[]})") << QStringList() << true << 0
            << 0 << "has no features";
        QTest::newRow("height attribute not found")
            << "" << QByteArray() << QStringList{"hgt"} << true << 84 << 84
            << "attribute 'hgt' not found in " + QDir::toNativeSeparators(sharedData(kGeoJson))
                   + "; available: HEIGHT, SQMETERS";
        QTest::newRow("absurd height")
            << "tall.geojson" << utmCollection(polygonFeature(square(0, 0, 10), R"({"height":5000})")) << QStringList()
            << true << 1 << 1 << "height 5000 m (height) is absurd; clamped to 2000 m";
        QTest::newRow("NaN coordinates")
            << "nan.geojson"
            << utmCollection(polygonFeature("[[[321781,4297759],[NaN,4297769],[321791,4297769],[321781,4297759]]]",
                                            R"({"height":10})")
                             + "," + polygonFeature(square(50, 50, 10), R"({"height":5})"))
            << QStringList() << true << 1 << 1 << "non-finite";
        QTest::newRow("no CRS: assumed")
            << "nocrs.csv"
            << QByteArray("WKT,height\n\"POLYGON ((321781 4297759,321791 4297759,321791 4297769,321781 4297769,321781 4297759))\",7\n")
            << QStringList() << true << 1 << 1 << "has no CRS";
        QTest::newRow("polygon with hole and a line")
            << "hole.geojson"
            << utmCollection(polygonFeature(square(0, 0, 30).chopped(1) + "," + square(10, 10, 10).mid(1), R"({"height":8})")
                             + R"(,{"type":"Feature","properties":{},"geometry":{"type":"LineString","coordinates":[[321781,4297759],[321781,4297759]]}})")
            << QStringList() << true << 2 << 1 << "";
        QTest::newRow("not a vector file")
            << "garbage.geojson" << QByteArray("this is not json {") << QStringList() << false << 0 << 0 << "garbage.geojson";
        QTest::newRow("no such file")
            << "missing.geojson" << QByteArray() << QStringList() << false << 0 << 0 << "no such file";
    }

    void hostile()
    {
        QFETCH(QString, file);
        QFETCH(QByteArray, content);
        QFETCH(QStringList, heightAttributes);
        QFETCH(bool, loads);
        QFETCH(int, records);
        QFETCH(int, meshed);
        QFETCH(QString, warning);
        QString path = sharedData(kGeoJson);
        if (!file.isEmpty()) {
            path = fixture(file);
            if (!content.isEmpty())
                write(file, content);
        }
        VectorLayerSource s = source(QStringLiteral("hostile"), path);
        if (!heightAttributes.isEmpty())
            s.style.heightAttributes = heightAttributes;
        QString error;
        const auto data = m_reader->load(s, {}, &error);
        if (!loads) {
            QVERIFY(!data);
            QVERIFY2(error.contains(warning), qPrintable(error));
            QVERIFY2(error.contains(QFileInfo(path).fileName()), qPrintable(error));
            return;
        }
        QVERIFY2(data, qPrintable(error));
        QCOMPARE(int(data->features.size()), records);
        if (!warning.isEmpty())
            QVERIFY2(anyContains(data->warnings, warning), qPrintable(data->warnings.join('\n')));
        for (const QString &w : data->warnings)
            QVERIFY2(w.contains(QFileInfo(path).fileName()), qPrintable(w));
        QStringList errors;
        const std::vector<TileContent> contents = readAll(QStringLiteral("hostile"), &errors);
        QVERIFY2(errors.isEmpty(), qPrintable(errors.join('\n')));
        QCOMPARE(allFeatureIds(contents).size(), meshed);
        if (meshed == 0)
            QVERIFY(m_reader->rootFiles(QStringLiteral("hostile")).isEmpty());
        for (const TileContent &c : contents)
            for (const MeshData &m : c.meshes)
                for (float p : m.positions)
                    QVERIFY(std::isfinite(p));
        if (file == QLatin1String("bowtie.geojson")) {
            // GEOSMakeValid: two triangles of 25 m² each, a roof at 10 m
            const FeatureMesh f = featureMesh(contents, 0);
            QVERIFY2(std::abs(f.area - 50) < 1e-2, qPrintable(QString::number(f.area)));
            QVERIFY(std::abs(f.zMax - f.zMin - 10) < 1e-3);
        }
        if (file == QLatin1String("tall.geojson"))
            QCOMPARE(data->features[0].height, 2000.0);
        if (file == QLatin1String("hole.geojson")) {
            const FeatureMesh f = featureMesh(contents, 0);
            const double roof = f.zMax;
            double roofArea = 0;
            for (size_t i = 0; i + 2 < f.verts.size(); i += 3)
                if (f.verts[i].z == roof && f.verts[i + 1].z == roof && f.verts[i + 2].z == roof) {
                    const Vec3d &a = f.verts[i], &b = f.verts[i + 1], &c = f.verts[i + 2];
                    roofArea += ((b.x - a.x) * (c.y - a.y) - (c.x - a.x) * (b.y - a.y)) / 2;
                }
            QVERIFY2(std::abs(roofArea - (900 - 100)) < 1e-2, qPrintable(QString::number(roofArea)));
            QCOMPARE(f.triangles - 8 /*roof tris of a square with a square hole*/, 8 * 2);
        }
        if (file == QLatin1String("points.geojson"))
            for (const VectorFeatureRecord &r : data->features)
                QCOMPARE(r.kind, VectorFeature::Kind::Point);
        m_reader->removeLayer(QStringLiteral("hostile"));
    }

    // found by fuzzing the built app: a 1,000,000-vertex polygon took 45 s to load
    void fuzzMillionVertexPolygon_data()
    {
        QTest::addColumn<int>("vertices");
        QTest::addColumn<bool>("extruded");
        QTest::newRow("fuzz: 1,000,000-vertex footprint, extruded") << 1000000 << true;
        QTest::newRow("fuzz: 1,000,000-vertex area, draped flat") << 1000000 << false;
        QTest::newRow("fuzz: 40,000-vertex footprint (under the limit), extruded") << 40000 << true;
    }
    void fuzzMillionVertexPolygon()
    {
        QFETCH(int, vertices);
        QFETCH(bool, extruded);
        // a star-shaped outline (not convex: every other vertex pulled in) of 400 m radius
        QByteArray ring = "[[";
        ring.reserve(vertices * 40);
        for (int i = 0; i <= vertices; ++i) {
            const double a = 2 * M_PI * (i % vertices) / vertices, r = (i % 2) ? 399.9 : 400.0;
            if (i)
                ring += ',';
            ring += '[' + QByteArray::number(kOrigin.x + r * std::cos(a), 'f', 4) + ','
                    + QByteArray::number(kOrigin.y + r * std::sin(a), 'f', 4) + ']';
        }
        ring += "]]";
        const QString name = QStringLiteral("million-%1.geojson").arg(extruded ? "block" : "area");
        write(name, utmCollection(polygonFeature(ring, extruded ? R"({"height":12})" : R"({"landuse":"park"})")));
        QElapsedTimer timer;
        timer.start();
        QString error;
        const auto data = m_reader->load(source(QStringLiteral("million"), fixture(name), false), {}, &error);
        QVERIFY2(data, qPrintable(error));
        QStringList errors;
        const std::vector<TileContent> contents = readAll(QStringLiteral("million"), &errors);
        const qint64 ms = timer.elapsed();
        QVERIFY2(errors.isEmpty(), qPrintable(errors.join('\n')));
        QCOMPARE(data->features.size(), size_t(1));
        qint64 triangles = 0;
        for (const TileContent &c : contents)
            for (const MeshData &m : c.meshes)
                triangles += qint64(std::count(m.triangleFeatures.begin(), m.triangleFeatures.end(), qint64(0)));
        const VectorLayerSource defaults;
        if (vertices > defaults.maxPolygonVertices) {
            // bounded: simplified under the limit, with a warning naming the file and the limit
            QVERIFY2(anyContains(data->warnings, QStringLiteral("a polygon of %1 vertices thinned to").arg(vertices)),
                     qPrintable(data->warnings.join('\n')));
            QVERIFY2(anyContains(data->warnings, QStringLiteral("maxPolygonVertices")), qPrintable(data->warnings.join('\n')));
            for (const QString &w : data->warnings)
                QVERIFY2(w.contains(name), qPrintable(w));
            QVERIFY(triangles > 0);
        } else {
            // under the limit: every vertex kept, a roof of n - 2 triangles plus the walls
            QVERIFY2(data->warnings.isEmpty(), qPrintable(data->warnings.join('\n')));
            QVERIFY2(triangles >= vertices - 2 + 2 * vertices, qPrintable(QString::number(triangles)));
        }
        QVERIFY2(ms < 30000, qPrintable(QStringLiteral("load + mesh took %1 ms").arg(ms)));
        qInfo("%d vertices (%s): %lld ms, %lld triangles", vertices, extruded ? "extruded" : "flat", ms, triangles);
        m_reader->removeLayer(QStringLiteral("million"));
    }

    /** 20,000 footprints in a GeoPackage: several chunks of ≤ 2,000, every feature once, meshes split on demand. */
    void largeGeoPackage()
    {
        if (!haveTool("ogr2ogr"))
            LIYUAN_SKIP("ogr2ogr (gdal-bin) is needed to write the GeoPackage");
        const int cols = 200, rows = 100;
        QByteArray features;
        features.reserve(cols * rows * 200);
        for (int j = 0; j < rows; ++j)
            for (int i = 0; i < cols; ++i) {
                if (!features.isEmpty())
                    features += ",\n";
                const int n = j * cols + i;
                features += polygonFeature(square(-2000 + i * 20.0, -1000 + j * 20.0, 12),
                                           "{\"n\":" + QByteArray::number(n) + ",\"height\":" + QByteArray::number(3 + n % 40) + "}");
            }
        write(QStringLiteral("big.geojson"), utmCollection(features));
        bool ok = false;
        run(QStringLiteral("ogr2ogr"),
            {QStringLiteral("-f"), QStringLiteral("GPKG"), fixture(QStringLiteral("big.gpkg")), fixture(QStringLiteral("big.geojson"))},
            {}, &ok);
        QVERIFY(ok);

        QElapsedTimer timer;
        timer.start();
        QString error;
        const auto data = m_reader->load(source(QStringLiteral("big"), fixture(QStringLiteral("big.gpkg")), false), {}, &error);
        QVERIFY2(data, qPrintable(error));
        const qint64 loadMs = timer.elapsed();
        QCOMPARE(data->features.size(), size_t(20000));
        QVERIFY2(data->warnings.isEmpty(), qPrintable(data->warnings.join('\n')));
        const QStringList files = m_reader->rootFiles(QStringLiteral("big"));
        QVERIFY2(files.size() >= 10 && files.size() <= 40, qPrintable(QString::number(files.size())));
        QSet<int> seen;
        for (const QString &file : files) {
            const int chunk = file.section(QLatin1Char('/'), -1).toInt();
            const std::vector<int> fs = m_reader->chunkFeatures(QStringLiteral("big"), chunk);
            QVERIFY(!fs.empty());
            QVERIFY(fs.size() <= size_t(VectorTileReader::kChunkFeatures));
            for (int i : fs) {
                QVERIFY(!seen.contains(i));
                seen.insert(i);
            }
        }
        QCOMPARE(seen.size(), 20000);

        // read every chunk concurrently, as the streamer does
        timer.restart();
        const std::vector<TileReadResult> results = QtConcurrent::blockingMapped<std::vector<TileReadResult>>(
            files, [this](const QString &f) { return m_reader->read(f); });
        const qint64 readMs = timer.elapsed();
        std::vector<TileContent> contents;
        qint64 triangles = 0;
        for (const TileReadResult &r : results) {
            QVERIFY2(r.ok, qPrintable(r.error));
            const int chunk = r.content.sourceFile.section(QLatin1Char('/'), -1).toInt();
            const size_t n = m_reader->chunkFeatures(QStringLiteral("big"), chunk).size();
            QCOMPARE(r.content.triangleCount(), qsizetype(n * 10)); // roof 2 + walls 8 per square
            triangles += r.content.triangleCount();
            contents.push_back(r.content);
        }
        QCOMPARE(triangles, qint64(200000));
        const QSet<qint64> ids = allFeatureIds(contents);
        QCOMPARE(ids.size(), 20000);
        QVERIFY(ids.contains(1) && ids.contains(20000)); // GeoPackage fids start at 1
        // heights from the attribute on a few
        for (qint64 fid : {1, 777, 20000}) {
            const VectorFeatureRecord *r = data->feature(fid);
            QVERIFY(r);
            QCOMPARE(r->height, double(3 + r->attributes.value("n").toInt() % 40));
        }
        qInfo("20,000 footprints: load %lld ms, %lld chunks read in %lld ms", loadMs, qint64(files.size()), readMs);

        // a chunk over the vertex limit is split into several meshes
        m_reader->setMaxVerticesPerMesh(5000);
        const TileReadResult split = m_reader->read(files[0]);
        m_reader->setMaxVerticesPerMesh(1000000);
        QVERIFY(split.ok);
        QVERIFY(split.content.meshes.size() > 1);
        qsizetype tris = 0;
        for (const MeshData &m : split.content.meshes) {
            QVERIFY(m.vertexCount() <= 5000);
            tris += m.triangleCount();
        }
        QCOMPARE(tris, results[0].content.triangleCount());
        QCOMPARE(split.content.nodes[0].ranges[0].meshes.size(), split.content.meshes.size());
        m_reader->removeLayer(QStringLiteral("big"));
    }
};

QTEST_GUILESS_MAIN(TestVectorTileReader)
#include "tst_vectortilereader.moc"
