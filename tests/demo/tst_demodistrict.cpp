// The procedural demo district: generation, ContextCapture-like structure, read-back
// through plain OpenSceneGraph and through liyuan::osgb::OsgbReader, the GIS layers
// (DEM, orthophoto, GeoPackage, POI photos) read back through Liyuan's GDAL readers and
// checked against the meshes, and the cache behaviour of ensureDemoDistrict.
#include <liyuan/assimp/ModelReader.h>
#include <liyuan/demo/DemoDistrict.h>
#include <liyuan/geodata/RasterDataset.h>
#include <liyuan/geodata/VectorDataset.h>
#include <liyuan/live/BuildingRegistry.h>
#include <liyuan/live/DeviceStore.h>
#include <liyuan/live/FeedRecording.h>
#include <liyuan/live/PayloadMapping.h>
#include <liyuan/osgb/OsgbReader.h>
#include <liyuan/osgb/OsgbWriter.h>
#include <liyuan/scene/HeightLimitCheck.h>
#include <liyuan/scene/Measurement.h>

#include <osg/Geode>
#include <osg/Geometry>
#include <osg/NodeVisitor>
#include <osg/PagedLOD>
#include <osg/Texture2D>
#include <osg/TriangleIndexFunctor>
#include <osgDB/ReadFile>

#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPolygonF>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QtTest>

#include <cfloat>
#include <cmath>
#include <map>
#include <set>

using namespace liyuan;

namespace {

struct TriCounter
{
    qint64 *n = nullptr;
    void operator()(unsigned, unsigned, unsigned) { ++*n; }
};

/** Counts what plain OSG sees in one file: PagedLODs, triangles, embedded textures, child names. */
class OsgCensus : public osg::NodeVisitor
{
public:
    OsgCensus() : osg::NodeVisitor(TRAVERSE_ALL_CHILDREN) {}
    int pagedLods = 0;
    int userCenters = 0;
    int pixelSize = 0;
    qint64 triangles = 0;
    int textures = 0;
    int texturesWithPixels = 0;
    QStringList childFiles;
    std::set<std::string> imageNames;

    void apply(osg::PagedLOD &p) override
    {
        ++pagedLods;
        if (p.getCenterMode() == osg::LOD::USER_DEFINED_CENTER)
            ++userCenters;
        if (p.getRangeMode() == osg::LOD::PIXEL_SIZE_ON_SCREEN)
            ++pixelSize;
        for (unsigned i = 0; i < p.getNumFileNames(); ++i)
            if (!p.getFileName(i).empty())
                childFiles << QString::fromStdString(p.getFileName(i));
        traverse(p);
    }
    void apply(osg::Geode &g) override
    {
        for (unsigned i = 0; i < g.getNumDrawables(); ++i) {
            osg::Geometry *geom = g.getDrawable(i)->asGeometry();
            if (!geom)
                continue;
            osg::TriangleIndexFunctor<TriCounter> f;
            f.n = &triangles;
            geom->accept(f);
            if (osg::StateSet *ss = geom->getStateSet()) {
                if (auto *t = dynamic_cast<osg::Texture2D *>(ss->getTextureAttribute(0, osg::StateAttribute::TEXTURE))) {
                    ++textures;
                    if (osg::Image *img = t->getImage()) {
                        imageNames.insert(img->getFileName());
                        if (img->data() && img->s() > 0 && img->t() > 0)
                            ++texturesWithPixels;
                    }
                }
            }
        }
        traverse(g);
    }
};

const QString kTileRe = QStringLiteral("^Tile_[+-]\\d{3}_[+-]\\d{3}$");

/** The production's SRSOrigin (easting, northing, height) from metadata.xml. */
Vec3d srsOrigin(const QString &dataset)
{
    QFile meta(QDir(dataset).filePath(QStringLiteral("metadata.xml")));
    if (!meta.open(QIODevice::ReadOnly))
        return {};
    const QRegularExpression re(QStringLiteral("<SRSOrigin>\\s*([-0-9.]+),([-0-9.]+),([-0-9.]+)\\s*</SRSOrigin>"));
    const QRegularExpressionMatch m = re.match(QString::fromUtf8(meta.readAll()));
    return m.hasMatch() ? Vec3d(m.captured(1).toDouble(), m.captured(2).toDouble(), m.captured(3).toDouble()) : Vec3d();
}

const VectorLayerInfo *layerInfo(const VectorInfo &info, const QString &name, int *index = nullptr)
{
    for (int i = 0; i < info.layers.size(); ++i) {
        if (info.layers[i].name == name) {
            if (index)
                *index = i;
            return &info.layers[i];
        }
    }
    return nullptr;
}

QStringList fieldNames(const VectorLayerInfo &l)
{
    QStringList out;
    for (const VectorField &f : l.fields)
        out << f.name;
    return out;
}

/** The outer ring of a polygon feature in SRS-local metres. */
QPolygonF localRing(const VectorFeature &f, const Vec3d &origin, int ring = 0)
{
    QPolygonF p;
    for (const Vec3d &v : f.parts.at(0).at(size_t(ring)))
        p << QPointF(v.x - origin.x, v.y - origin.y);
    return p;
}

bool isJpeg(const QString &path, QSize *size)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return false;
    const QByteArray b = f.readAll();
    if (b.size() < 1000 || !b.startsWith("\xFF\xD8\xFF") || !b.endsWith("\xFF\xD9"))
        return false;
    QImage img;
    if (!img.loadFromData(b, "JPG"))
        return false;
    *size = img.size();
    return true;
}

QStringList rootFiles(const QString &dataset)
{
    QStringList roots;
    QDir data(QDir(dataset).filePath(QStringLiteral("Data")));
    for (const QString &t : data.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name)) {
        const QString f = data.filePath(t + QLatin1Char('/') + t + QStringLiteral(".osgb"));
        if (QFileInfo::exists(f))
            roots << f;
    }
    return roots;
}

} // namespace

class TestDemoDistrict : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void generatesContextCaptureProduction();
    void plainOsgReadsEveryFile();
    void osgbReaderReadsEveryFile();
    void deterministic();
    void writerRoundTrip();
    void demCoversDistrictWithSea();
    void orthoIsRgbWithOverviews();
    void geoPackageLayers();
    void buildingHeightsMatchMeshes();
    void poiPhotosAreJpegs();
    void iotRegistryMappingAndFeed();
    void ensureUsesStampAndRegeneratesStale();
    void defaultDirHonoursEnvironment();
    // review tools: redevelopment schemes
    void schemesIndex();
    void schemeModelsReadBack_data();
    void schemeModelsReadBack();
    void heightCheckFlagsOnlyTheHighRise();

private:
    QTemporaryDir m_tmp;
    QString m_dataset;
    demo::DemoDistrictResult m_result;
};

void TestDemoDistrict::initTestCase()
{
    QVERIFY(m_tmp.isValid());
    osgb::registerOsgbReader();
    m_dataset = m_tmp.filePath(QStringLiteral("district"));
    QElapsedTimer timer;
    timer.start();
    int lastDone = -1, lastTotal = 0;
    bool monotonic = true;
    m_result = demo::generateDemoDistrict(m_dataset, [&](int done, int total) {
        if (done < lastDone)
            monotonic = false;
        lastDone = done;
        lastTotal = total;
    });
    qInfo("generated %d files, %lld triangles, %d LOD levels in %lld ms", m_result.files,
          static_cast<long long>(m_result.triangles), m_result.lodLevels, static_cast<long long>(timer.elapsed()));
    QVERIFY2(m_result.ok, qPrintable(m_result.error));
    QVERIFY(monotonic);
    QCOMPARE(lastDone, lastTotal);
    QCOMPARE(lastTotal, m_result.files + m_result.gisFiles + m_result.cameras); // .osgb files, GIS files, camera backgrounds
    QVERIFY(m_result.cameras >= 35);
    registerGdalDrivers();
}

void TestDemoDistrict::generatesContextCaptureProduction()
{
    QFile meta(QDir(m_dataset).filePath(QStringLiteral("metadata.xml")));
    QVERIFY(meta.open(QIODevice::ReadOnly));
    const QString xml = QString::fromUtf8(meta.readAll());
    QVERIFY(xml.contains(QStringLiteral("<SRS>EPSG:4549</SRS>")));
    // easting, northing, height in Qingdao's Shinan district (CM 120E: easting ~ 5xx xxx)
    const QRegularExpression re(QStringLiteral("<SRSOrigin>\\s*([-0-9.]+),([-0-9.]+),([-0-9.]+)\\s*</SRSOrigin>"));
    const QRegularExpressionMatch m = re.match(xml);
    QVERIFY2(m.hasMatch(), qPrintable(xml));
    const double e = m.captured(1).toDouble(), n = m.captured(2).toDouble();
    QVERIFY2(e > 525000 && e < 535000, qPrintable(m.captured(1)));
    QVERIFY2(n > 3985000 && n < 3998000, qPrintable(m.captured(2)));

    QVERIFY(m_result.lodLevels >= 3);
    QVERIFY(m_result.files >= 16 * 3);
    QVERIFY(m_result.triangles > 100000);

    const QStringList roots = rootFiles(m_dataset);
    QCOMPARE(roots.size(), 16);
    QDir data(QDir(m_dataset).filePath(QStringLiteral("Data")));
    const QRegularExpression tileRe(kTileRe);
    for (const QString &t : data.entryList(QDir::Dirs | QDir::NoDotAndDotDot))
        QVERIFY2(tileRe.match(t).hasMatch(), qPrintable(t));

    qint64 total = 0, maxRoot = 0;
    int count = 0;
    QDirIterator it(data.path(), {QStringLiteral("*.osgb")}, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QFileInfo fi(it.next());
        total += fi.size();
        ++count;
        if (roots.contains(fi.absoluteFilePath()))
            maxRoot = std::max(maxRoot, fi.size());
    }
    QCOMPARE(count, m_result.files);
    QVERIFY2(total < 60ll * 1024 * 1024, qPrintable(QString::number(total)));
    QVERIFY2(maxRoot < 400 * 1024, qPrintable(QString::number(maxRoot)));
    // no stray temporaries (JPEGs are embedded, part files renamed; GDAL left no .aux.xml,
    // .ovr or GeoPackage journal), and everything together stays small
    const QString gisDir = QDir(m_dataset).filePath(QStringLiteral("gis"));
    QCOMPARE(m_result.gisDir, gisDir);
    QCOMPARE(m_result.demFile, QDir(gisDir).filePath(QStringLiteral("dem.tif")));
    QCOMPARE(m_result.orthoFile, QDir(gisDir).filePath(QStringLiteral("ortho.tif")));
    QCOMPARE(m_result.vectorFile, QDir(gisDir).filePath(QStringLiteral("district.gpkg")));
    QCOMPARE(m_result.layers, (QStringList{QStringLiteral("buildings"), QStringLiteral("heritage_zones"),
                                           QStringLiteral("streets"), QStringLiteral("pois")}));
    int gisFiles = 0, schemeFiles = 0;
    const QString schemesDir = QDir(m_dataset).filePath(QStringLiteral("schemes"));
    qint64 all = 0;
    QDirIterator stray(m_dataset, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (stray.hasNext()) {
        const QString f = stray.next();
        all += QFileInfo(f).size();
        if (f.startsWith(gisDir + QLatin1Char('/'))) {
            ++gisFiles;
            const QString rel = f.mid(gisDir.size() + 1);
            QVERIFY2(rel == QLatin1String("dem.tif") || rel == QLatin1String("ortho.tif") || rel == QLatin1String("district.gpkg")
                         || QRegularExpression(QStringLiteral("^photos/poi_\\d+\\.jpg$")).match(rel).hasMatch(),
                     qPrintable(f));
            continue;
        }
        // review tools: schemes/schemes.json, *.glb and their *.glb.geo.json sidecars
        if (f.startsWith(schemesDir + QLatin1Char('/'))) {
            ++schemeFiles;
            QVERIFY2(QRegularExpression(QStringLiteral("^(schemes\\.json|[a-z_]+\\.glb|[a-z_]+\\.glb\\.geo\\.json)$"))
                         .match(f.mid(schemesDir.size() + 1)).hasMatch(),
                     qPrintable(f));
            continue;
        }
        if (f.startsWith(m_result.iotDir + QLatin1Char('/'))) {
            const QString rel = f.mid(m_result.iotDir.size() + 1);
            QVERIFY2(rel == QLatin1String("registry.json") || rel == QLatin1String("mapping.json") || rel == QLatin1String("feed.jsonl")
                         || rel == QLatin1String("events.json"),
                     qPrintable(f));
            continue;
        }
        // surveillance cameras: the registry and one background picture + depth per camera
        const QString camerasDir = QDir(m_dataset).filePath(QStringLiteral("cameras"));
        if (f.startsWith(camerasDir + QLatin1Char('/'))) {
            QVERIFY2(QRegularExpression(QStringLiteral("^(cameras\\.json|bg/cam-\\d+\\.(jpg|depth))$"))
                         .match(f.mid(camerasDir.size() + 1)).hasMatch(),
                     qPrintable(f));
            continue;
        }
        QVERIFY2(f.endsWith(QLatin1String(".osgb")) || f.endsWith(QLatin1String("metadata.xml")), qPrintable(f));
    }
    QCOMPARE(schemeFiles, 1 + 2 * m_result.schemeModels);
    QCOMPARE(gisFiles, m_result.gisFiles);
    qInfo("production: %.1f MB in all, %d GIS files", all / 1048576.0, gisFiles);
    QVERIFY2(all < 80ll * 1024 * 1024, qPrintable(QString::number(all)));
}

void TestDemoDistrict::plainOsgReadsEveryFile()
{
    // Walk the pyramid from the roots with plain OSG, as osgviewer would page it in.
    QStringList queue = rootFiles(m_dataset);
    QSet<QString> seen;
    int depthLevels = 0;
    qint64 triangles = 0;
    QList<int> levelOf;
    QMap<QString, int> level;
    for (const QString &r : queue)
        level[r] = 0;
    while (!queue.isEmpty()) {
        const QString f = queue.takeFirst();
        if (seen.contains(f))
            continue;
        seen.insert(f);
        osg::ref_ptr<osg::Node> node = osgDB::readNodeFile(f.toStdString());
        QVERIFY2(node, qPrintable(f));
        OsgCensus c;
        node->accept(c);
        QVERIFY2(c.triangles > 0, qPrintable(f));
        QVERIFY2(c.textures > 0 && c.texturesWithPixels == c.textures, qPrintable(f));
        for (const std::string &name : c.imageNames)
            QVERIFY2(QString::fromStdString(name).endsWith(QLatin1String(".jpg")), name.c_str());
        QCOMPARE(c.userCenters, c.pagedLods);
        QCOMPARE(c.pixelSize, c.pagedLods);
        if (level[f] == 0)
            QCOMPARE(c.pagedLods, 1); // a root: one PagedLOD, own geometry + one child file
        triangles += c.triangles;
        depthLevels = std::max(depthLevels, level[f] + 1);
        for (const QString &child : c.childFiles) {
            const QString abs = QFileInfo(f).dir().absoluteFilePath(child);
            QVERIFY2(QFileInfo::exists(abs), qPrintable(abs));
            level[abs] = level[f] + 1;
            queue << abs;
        }
        if (level[f] > 0 && c.childFiles.isEmpty())
            QVERIFY2(c.triangles >= 1000, qPrintable(f)); // finest files carry full detail
    }
    QCOMPARE(seen.size(), m_result.files);
    QVERIFY(depthLevels >= 3);
    QCOMPARE(depthLevels, m_result.lodLevels);
    QCOMPARE(triangles, m_result.triangles);
}

void TestDemoDistrict::osgbReaderReadsEveryFile()
{
    auto reader = ReaderRegistry::instance().readerFor(rootFiles(m_dataset).value(0));
    QVERIFY2(reader, "OsgbReader is not registered");
    QStringList queue = rootFiles(m_dataset);
    QSet<QString> seen;
    qint64 triangles = 0;
    int roots = 0;
    while (!queue.isEmpty()) {
        const QString f = QFileInfo(queue.takeFirst()).absoluteFilePath();
        if (seen.contains(f))
            continue;
        seen.insert(f);
        const TileReadResult r = reader->read(f);
        QVERIFY2(r.ok, qPrintable(r.error));
        QVERIFY2(r.content.triangleCount() > 0, qPrintable(f));
        QVERIFY2(!r.content.images.empty(), qPrintable(f));
        for (const ImageData &img : r.content.images)
            QVERIFY2(img.isValid(), qPrintable(f));
        for (const MeshData &m : r.content.meshes)
            QVERIFY2(m.imageIndex >= 0 && m.uvs.size() == m.positions.size() / 3 * 2, qPrintable(f));
        triangles += r.content.triangleCount();
        const bool isRoot = QRegularExpression(QStringLiteral("Tile_[+-]\\d{3}_[+-]\\d{3}\\.osgb$")).match(f).hasMatch();
        if (isRoot) {
            ++roots;
            QCOMPARE(int(r.content.nodes.size()), 1);
            const LodNode &n = r.content.nodes.front();
            QCOMPARE(n.rangeMode, RangeMode::PixelSizeOnScreen);
            QCOMPARE(int(n.ranges.size()), 2);
            // root centres lie inside the district (0..400 m, local to the SRS origin)
            const Vec3d c = r.content.origin + n.center;
            QVERIFY2(c.x > 0 && c.x < 400 && c.y > 0 && c.y < 400 && c.z >= 0 && c.z < 120,
                     qPrintable(QStringLiteral("%1: %2 %3 %4").arg(f).arg(c.x).arg(c.y).arg(c.z)));
            QVERIFY(n.radius > 50 && n.radius < 200);
        }
        for (const QString &child : r.content.childFiles()) {
            QVERIFY2(QFileInfo::exists(child), qPrintable(child));
            queue << child;
        }
    }
    QCOMPARE(roots, 16);
    QCOMPARE(seen.size(), m_result.files);
    QCOMPARE(triangles, m_result.triangles);
}

void TestDemoDistrict::deterministic()
{
    // Same recipe, same output: compare one finest tile (geometry + decoded texture sizes).
    QTemporaryDir other;
    QVERIFY(other.isValid());
    const demo::DemoDistrictResult again = demo::generateDemoDistrict(other.filePath(QStringLiteral("d")));
    QVERIFY2(again.ok, qPrintable(again.error));
    QCOMPARE(again.files, m_result.files);
    QCOMPARE(again.triangles, m_result.triangles);
    const QString rel = QStringLiteral("Data/Tile_+001_+002/Tile_+001_+002_L16_01.osgb");
    QCOMPARE(again.gisFiles, m_result.gisFiles);
    for (const QString &f : {rel, QStringLiteral("gis/dem.tif"), QStringLiteral("gis/ortho.tif"), QStringLiteral("gis/photos/poi_01.jpg"),
                             QStringLiteral("iot/registry.json"), QStringLiteral("iot/mapping.json"), QStringLiteral("iot/feed.jsonl"),
                             QStringLiteral("iot/events.json"), QStringLiteral("cameras/cameras.json"), QStringLiteral("cameras/bg/cam-07.jpg"),
                             QStringLiteral("cameras/bg/cam-07.depth")}) {
        QFile a(QDir(m_dataset).filePath(f)), b(QDir(other.filePath(QStringLiteral("d"))).filePath(f));
        QVERIFY(a.open(QIODevice::ReadOnly) && b.open(QIODevice::ReadOnly));
        QVERIFY2(a.readAll() == b.readAll(), qPrintable(f));
    }
}

void TestDemoDistrict::demCoversDistrictWithSea()
{
    QString err;
    const RasterDataset dem = RasterDataset::open(m_result.demFile, &err);
    QVERIFY2(dem.isValid(), qPrintable(err));
    const RasterInfo &info = dem.info();
    QCOMPARE(info.driver, QStringLiteral("GTiff"));
    QCOMPARE(info.bands, 1);
    QCOMPARE(info.bandTypes.value(0), QStringLiteral("Float32"));
    QCOMPARE(info.crs.authorityCode(), QStringLiteral("EPSG:4549"));
    QVERIFY2(std::abs(info.pixelSizeX - 2) < 1e-9 && std::abs(info.pixelSizeY - 2) < 1e-9, qPrintable(QString::number(info.pixelSizeX)));
    QVERIFY2(!info.overviews.isEmpty(), "the DEM has no overviews");
    QVERIFY(info.nodata.size() == 1 && info.nodata[0].has_value());
    QCOMPARE(*info.nodata[0], -9999.0);

    // a wider area than the district (0..400 m from the SRS origin), centred on it
    const Vec3d o = srsOrigin(m_dataset);
    const Box2d district{o.x, o.y, o.x + 400, o.y + 400};
    QVERIFY(info.bounds.minX < district.minX - 500 && info.bounds.maxX > district.maxX + 500);
    QVERIFY(info.bounds.minY < district.minY - 500 && info.bounds.maxY > district.maxY + 500);
    QVERIFY(info.bounds.width() >= 1500 && info.bounds.width() <= 2500);
    QVERIFY(info.boundsWgs84.minX > 120.2 && info.boundsWgs84.maxX < 120.45); // Qingdao
    QVERIFY(info.boundsWgs84.minY > 35.95 && info.boundsWgs84.maxY < 36.15);

    // exactly the mesh's ground (z = 0) under the district and a little around it
    HeightGrid inside;
    const Box2d near{district.minX - 6, district.minY - 6, district.maxX + 6, district.maxY + 6};
    QVERIFY2(dem.readHeights(Crs(), near, 103, 103, &inside, &err), qPrintable(err));
    for (float h : inside.heights)
        QVERIFY2(h == 0.0f, qPrintable(QString::number(h)));

    // the whole area: sea (nodata holes) in the south-west, hills rising to the north-east
    HeightGrid all;
    QVERIFY2(dem.readHeights(Crs(), info.bounds, 160, 160, &all, &err), qPrintable(err));
    int sea = 0, seaSW = 0;
    float maxH = -1;
    double ne = 0, sw = 0;
    int nNe = 0, nSw = 0;
    for (int y = 0; y < all.height; ++y) {
        for (int x = 0; x < all.width; ++x) {
            const float h = all.at(x, y);
            const bool west = x < all.width / 2, south = y >= all.height / 2; // row 0 = north
            if (std::isnan(h)) {
                ++sea;
                if (x < y) // south-west of the diagonal through the district's centre
                    ++seaSW;
                continue;
            }
            QVERIFY2(h >= 0 && h < 200, qPrintable(QString::number(h)));
            maxH = std::max(maxH, h);
            if (!west && !south) {
                ne += h;
                ++nNe;
            } else if (west && south) {
                sw += h;
                ++nSw;
            }
        }
    }
    qInfo("DEM: %d of %d samples are sea, highest %.1f m", sea, all.width * all.height, double(maxH));
    QVERIFY2(sea > all.width * all.height / 20 && sea < all.width * all.height / 2, qPrintable(QString::number(sea)));
    QCOMPARE(seaSW, sea);
    QVERIFY(std::isnan(all.at(0, all.height - 1)));  // south-west corner: sea
    QVERIFY(!std::isnan(all.at(all.width - 1, 0))); // north-east corner: land
    QVERIFY2(maxH > 40 && maxH < 150, qPrintable(QString::number(maxH)));
    QVERIFY(nNe > 0 && nSw > 0 && ne / nNe > sw / nSw + 15);
}

void TestDemoDistrict::orthoIsRgbWithOverviews()
{
    QString err;
    const RasterDataset ortho = RasterDataset::open(m_result.orthoFile, &err);
    QVERIFY2(ortho.isValid(), qPrintable(err));
    const RasterInfo &info = ortho.info();
    QVERIFY(info.isImage());
    QCOMPARE(info.bands, 3);
    QCOMPARE(info.colorInterpretation, (QStringList{QStringLiteral("Red"), QStringLiteral("Green"), QStringLiteral("Blue")}));
    QCOMPARE(info.crs.authorityCode(), QStringLiteral("EPSG:4549"));
    QVERIFY(std::abs(info.pixelSizeX - 0.5) < 1e-9);
    QVERIFY2(info.overviews.size() >= 3, qPrintable(QString::number(info.overviews.size())));
    const RasterInfo demInfo = RasterDataset::open(m_result.demFile).info();
    QVERIFY(std::abs(info.bounds.minX - demInfo.bounds.minX) < 1e-6 && std::abs(info.bounds.maxY - demInfo.bounds.maxY) < 1e-6);
    QVERIFY(std::abs(info.bounds.maxX - demInfo.bounds.maxX) < 1e-6 && std::abs(info.bounds.minY - demInfo.bounds.minY) < 1e-6);

    auto meanRgb = [&](const Box2d &box, int px, double rgb[3]) {
        RasterImage img;
        if (!ortho.readImage(Crs(), box, px, px, &img, &err))
            return false;
        rgb[0] = rgb[1] = rgb[2] = 0;
        const uchar *p = reinterpret_cast<const uchar *>(img.rgba.constData());
        for (int i = 0; i < px * px; ++i)
            for (int k = 0; k < 3; ++k)
                rgb[k] += p[i * 4 + k] / double(px * px);
        return true;
    };
    // the sea in the south-west corner is blue; the overview level (a small read) agrees
    double sea[3];
    const Box2d corner{info.bounds.minX + 10, info.bounds.minY + 10, info.bounds.minX + 110, info.bounds.minY + 110};
    QVERIFY2(meanRgb(corner, 8, sea), qPrintable(err));
    QVERIFY2(sea[2] > sea[0] + 20, qPrintable(QStringLiteral("%1 %2 %3").arg(sea[0]).arg(sea[1]).arg(sea[2])));

    // the roofs line up with the building footprints: a wing of every block is roof-red
    const VectorDataset gpkg = VectorDataset::open(m_result.vectorFile, &err);
    QVERIFY2(gpkg.isValid(), qPrintable(err));
    int layer = -1;
    QVERIFY(layerInfo(gpkg.info(), QStringLiteral("buildings"), &layer));
    std::vector<VectorFeature> buildings;
    QStringList warnings;
    QVERIFY2(gpkg.readFeatures(layer, Crs(), Crs(), &buildings, &warnings, &err), qPrintable(err));
    int checked = 0;
    for (const VectorFeature &b : buildings) {
        if (b.attributes.value(QStringLiteral("use")).toString() == QLatin1String("office"))
            continue;
        const QRectF outer = localRing(b, Vec3d()).boundingRect(); // absolute coordinates here
        // the middle of the southern wing: 1.5..4.5 m inside the south wall
        const Box2d wing{outer.center().x() - 3, outer.top() + 1.5, outer.center().x() + 3, outer.top() + 4.5};
        double c[3];
        QVERIFY2(meanRgb(wing, 6, c), qPrintable(err));
        QVERIFY2(c[0] > c[2] + 30 && c[0] > c[1],
                 qPrintable(QStringLiteral("%1: %2 %3 %4").arg(b.attributes.value(QStringLiteral("name")).toString())
                                    .arg(c[0]).arg(c[1]).arg(c[2])));
        ++checked;
    }
    QVERIFY(checked >= 50);
}

void TestDemoDistrict::geoPackageLayers()
{
    QString err;
    const VectorDataset gpkg = VectorDataset::open(m_result.vectorFile, &err);
    QVERIFY2(gpkg.isValid(), qPrintable(err));
    const VectorInfo &info = gpkg.info();
    QCOMPARE(info.driver, QStringLiteral("GPKG"));
    const Vec3d o = srsOrigin(m_dataset);

    struct Expect
    {
        QString name, geometry;
        int minCount, maxCount;
        QStringList fields;
    };
    const QList<Expect> expected{
        {QStringLiteral("buildings"), QStringLiteral("Polygon"), 50, 80,
         {QStringLiteral("id"), QStringLiteral("name"), QStringLiteral("name_en"), QStringLiteral("height"),
          QStringLiteral("floors"), QStringLiteral("use"), QStringLiteral("year_built"), QStringLiteral("heritage_grade")}},
        {QStringLiteral("heritage_zones"), QStringLiteral("Polygon"), 2, 3,
         {QStringLiteral("name"), QStringLiteral("name_en"), QStringLiteral("max_height")}},
        {QStringLiteral("streets"), QStringLiteral("LineString"), 18, 60, {QStringLiteral("name"), QStringLiteral("name_en")}},
        {QStringLiteral("pois"), QStringLiteral("Point"), 40, 100,
         {QStringLiteral("name"), QStringLiteral("name_en"), QStringLiteral("category"), QStringLiteral("year"),
          QStringLiteral("description"), QStringLiteral("photo")}},
    };
    QCOMPARE(info.layers.size(), expected.size());
    std::map<QString, std::vector<VectorFeature>> features;
    for (const Expect &e : expected) {
        int index = -1;
        const VectorLayerInfo *l = layerInfo(info, e.name, &index);
        QVERIFY2(l, qPrintable(e.name));
        QCOMPARE(l->geometryType, e.geometry);
        QVERIFY2(l->featureCount >= e.minCount && l->featureCount <= e.maxCount,
                 qPrintable(QStringLiteral("%1: %2 features").arg(e.name).arg(l->featureCount)));
        QCOMPARE(l->crs.authorityCode(), QStringLiteral("EPSG:4549"));
        const QStringList names = fieldNames(*l);
        for (const QString &f : e.fields)
            QVERIFY2(names.contains(f), qPrintable(e.name + QStringLiteral(" lacks ") + f));
        QStringList warnings;
        QVERIFY2(gpkg.readFeatures(index, Crs(), Crs(), &features[e.name], &warnings, &err), qPrintable(err));
        QVERIFY2(warnings.isEmpty(), qPrintable(warnings.join(QLatin1Char('\n'))));
        QCOMPARE(qint64(features[e.name].size()), l->featureCount);
        qInfo("%s: %lld features", qPrintable(e.name), static_cast<long long>(l->featureCount));
    }

    // buildings: inside the district; courtyard blocks have holes; Chinese names round-trip
    const QStringList uses{QStringLiteral("residential"), QStringLiteral("commercial"), QStringLiteral("office"),
                           QStringLiteral("heritage")};
    const QStringList grades{QStringLiteral("省级文物保护单位"), QStringLiteral("市级文物保护单位"),
                             QStringLiteral("历史建筑"), QStringLiteral("none")};
    int withHoles = 0, towers = 0, listed = 0;
    QSet<QString> names;
    double towerHeight = 0;
    QPointF towerCentre;
    for (const VectorFeature &b : features[QStringLiteral("buildings")]) {
        QCOMPARE(b.kind, VectorFeature::Kind::Polygon);
        QCOMPARE(int(b.parts.size()), 1);
        const QRectF box = localRing(b, o).boundingRect();
        QVERIFY2(box.left() > 0 && box.top() > 0 && box.right() < 400 && box.bottom() < 400,
                 qPrintable(QStringLiteral("%1 %2 %3 %4").arg(box.left()).arg(box.top()).arg(box.right()).arg(box.bottom())));
        if (b.parts[0].size() > 1)
            ++withHoles;
        const QVariantMap &a = b.attributes;
        const QString name = a.value(QStringLiteral("name")).toString();
        QVERIFY2(!name.isEmpty() && !a.value(QStringLiteral("name_en")).toString().isEmpty(), qPrintable(name));
        names.insert(name);
        QVERIFY2(uses.contains(a.value(QStringLiteral("use")).toString()), qPrintable(a.value(QStringLiteral("use")).toString()));
        QVERIFY2(grades.contains(a.value(QStringLiteral("heritage_grade")).toString()),
                 qPrintable(a.value(QStringLiteral("heritage_grade")).toString()));
        if (a.value(QStringLiteral("heritage_grade")).toString().endsWith(QStringLiteral("文物保护单位")))
            ++listed;
        const double h = a.value(QStringLiteral("height")).toDouble();
        const int floors = a.value(QStringLiteral("floors")).toInt();
        const int year = a.value(QStringLiteral("year_built")).toInt();
        QVERIFY(floors >= 1 && h > floors * 2.5 && year > 1850 && year < 2030);
        if (a.value(QStringLiteral("use")).toString() == QLatin1String("office")) {
            ++towers;
            towerHeight = h;
            towerCentre = box.center();
            QCOMPARE(name, QStringLiteral("海泊国际大厦"));
            QVERIFY(floors >= 20);
        } else {
            QVERIFY2(name.contains(QStringLiteral("里")), qPrintable(name)); // liyuan compounds: "…里"
            QVERIFY(h < 20);
        }
    }
    QCOMPARE(towers, 1);
    QVERIFY(withHoles >= 40);
    QVERIFY(listed >= 5);
    QCOMPARE(names.size(), int(features[QStringLiteral("buildings")].size())); // unique names
    QVERIFY(names.contains(QStringLiteral("广兴里")));

    // heritage zones: a core zone, and a zone around the tower whose height limit it exceeds
    bool core = false, towerOverLimit = false;
    for (const VectorFeature &z : features[QStringLiteral("heritage_zones")]) {
        const QString name = z.attributes.value(QStringLiteral("name")).toString();
        const double maxH = z.attributes.value(QStringLiteral("max_height")).toDouble();
        QVERIFY2(maxH > 5 && maxH < 100, qPrintable(name));
        if (name.contains(QStringLiteral("核心保护范围")))
            core = true;
        if (localRing(z, o).containsPoint(towerCentre, Qt::OddEvenFill) && maxH < towerHeight)
            towerOverLimit = true;
    }
    QVERIFY(core);
    QVERIFY2(towerOverLimit, "no heritage zone around the tower limits height below the tower's");

    // streets: real liyuan street names, centre lines along the grid
    QSet<QString> streetNames;
    for (const VectorFeature &s : features[QStringLiteral("streets")]) {
        QCOMPARE(s.kind, VectorFeature::Kind::Line);
        QVERIFY(s.parts.at(0).at(0).size() >= 2);
        streetNames.insert(s.attributes.value(QStringLiteral("name")).toString());
    }
    for (const char *n : {"四方路", "海泊路", "易州路", "博山路", "黄岛路", "高密路", "济宁路", "胶州路"})
        QVERIFY2(streetNames.contains(QString::fromUtf8(n)), n);

    // POIs: Chinese names, categories, years, descriptions; inside the DEM's area
    const RasterInfo demInfo = RasterDataset::open(m_result.demFile).info();
    QSet<QString> categories;
    for (const VectorFeature &p : features[QStringLiteral("pois")]) {
        QCOMPARE(p.kind, VectorFeature::Kind::Point);
        const Vec3d v = p.parts.at(0).at(0).at(0);
        QVERIFY(v.x > demInfo.bounds.minX && v.x < demInfo.bounds.maxX && v.y > demInfo.bounds.minY && v.y < demInfo.bounds.maxY);
        const QVariantMap &a = p.attributes;
        const QString name = a.value(QStringLiteral("name")).toString();
        QVERIFY2(std::any_of(name.begin(), name.end(), [](QChar c) { return c.unicode() >= 0x4E00 && c.unicode() <= 0x9FFF; }),
                 qPrintable(name));
        QVERIFY(a.value(QStringLiteral("description")).toString().startsWith(name));
        QVERIFY(a.value(QStringLiteral("year")).toInt() > 1800);
        categories.insert(a.value(QStringLiteral("category")).toString());
    }
    for (const char *c : {"historic_building", "former_residence", "museum", "school", "venue"})
        QVERIFY2(categories.contains(QLatin1String(c)), c);

    // POIs with a street address sit inside their building's footprint (not in a courtyard)
    int addressed = 0;
    for (const VectorFeature &p : features[QStringLiteral("pois")]) {
        const QString address = p.attributes.value(QStringLiteral("address")).toString();
        if (address.isEmpty())
            continue;
        ++addressed;
        const Vec3d v = p.parts.at(0).at(0).at(0);
        const QPointF pt(v.x - o.x, v.y - o.y);
        bool inside = false;
        for (const VectorFeature &b : features[QStringLiteral("buildings")]) {
            if (b.attributes.value(QStringLiteral("address")).toString() != address)
                continue;
            inside = localRing(b, o).containsPoint(pt, Qt::OddEvenFill);
            for (size_t h = 1; h < b.parts[0].size(); ++h)
                inside = inside && !localRing(b, o, int(h)).containsPoint(pt, Qt::OddEvenFill);
        }
        QVERIFY2(inside, qPrintable(p.attributes.value(QStringLiteral("name")).toString()));
    }
    QVERIFY(addressed >= 25);
}

void TestDemoDistrict::buildingHeightsMatchMeshes()
{
    // Every footprint's height is the highest point of the mesh over it: the tower on its
    // finest tile (with the rooftop penthouse), the courtyard blocks' ridges on the root
    // tiles (no chimneys there).
    QString err;
    const VectorDataset gpkg = VectorDataset::open(m_result.vectorFile, &err);
    QVERIFY2(gpkg.isValid(), qPrintable(err));
    int layer = -1;
    QVERIFY(layerInfo(gpkg.info(), QStringLiteral("buildings"), &layer));
    std::vector<VectorFeature> buildings;
    QStringList warnings;
    QVERIFY2(gpkg.readFeatures(layer, Crs(), Crs(), &buildings, &warnings, &err), qPrintable(err));
    const Vec3d o = srsOrigin(m_dataset);

    std::map<QString, TileContent> tiles;
    auto tile = [&](const QString &rel) -> const TileContent * {
        auto it = tiles.find(rel);
        if (it == tiles.end()) {
            const QString path = QDir(m_dataset).filePath(rel);
            auto reader = ReaderRegistry::instance().readerFor(path);
            if (!reader)
                return nullptr;
            TileReadResult r = reader->read(path);
            if (!r.ok)
                return nullptr;
            it = tiles.emplace(rel, std::move(r.content)).first;
        }
        return &it->second;
    };
    auto maxZ = [](const TileContent &c, const QRectF &box) {
        double z = -1e30;
        for (const MeshData &m : c.meshes) {
            for (size_t i = 0; i + 2 < m.positions.size(); i += 3) {
                const double x = c.origin.x + m.positions[i], y = c.origin.y + m.positions[i + 1];
                if (box.contains(x, y))
                    z = std::max(z, c.origin.z + m.positions[i + 2]);
            }
        }
        return z;
    };
    int checked = 0;
    for (const VectorFeature &b : buildings) {
        const QRectF box = localRing(b, o).boundingRect().adjusted(-0.3, -0.3, 0.3, 0.3);
        const int cx = int(box.center().x() / 50), cy = int(box.center().y() / 50);
        const QString tileName = QString::asprintf("Tile_%+04d_%+04d", cx / 2, cy / 2);
        const bool tower = b.attributes.value(QStringLiteral("use")).toString() == QLatin1String("office");
        const QString rel = tower ? QStringLiteral("Data/%1/%1_L16_0%2.osgb").arg(tileName).arg(cx % 2 + 2 * (cy % 2))
                                  : QStringLiteral("Data/%1/%1.osgb").arg(tileName);
        const TileContent *c = tile(rel);
        QVERIFY2(c, qPrintable(rel));
        const double mesh = maxZ(*c, box);
        const double attr = b.attributes.value(QStringLiteral("height")).toDouble();
        QVERIFY2(std::abs(mesh - attr) < 0.5, qPrintable(QStringLiteral("%1 (%2): height %3, mesh %4")
                                                             .arg(b.attributes.value(QStringLiteral("name")).toString(), rel)
                                                             .arg(attr).arg(mesh)));
        if (tower)
            qInfo("tower: height attribute %.2f m, mesh top %.2f m", attr, mesh);
        ++checked;
    }
    QCOMPARE(checked, int(buildings.size()));
}

void TestDemoDistrict::poiPhotosAreJpegs()
{
    QString err;
    const VectorDataset gpkg = VectorDataset::open(m_result.vectorFile, &err);
    QVERIFY2(gpkg.isValid(), qPrintable(err));
    int layer = -1;
    QVERIFY(layerInfo(gpkg.info(), QStringLiteral("pois"), &layer));
    std::vector<VectorFeature> pois;
    QStringList warnings;
    QVERIFY2(gpkg.readFeatures(layer, Crs(), Crs(), &pois, &warnings, &err), qPrintable(err));
    QVERIFY(pois.size() >= 40);
    QSet<QString> photos;
    for (const VectorFeature &p : pois) {
        const QString rel = p.attributes.value(QStringLiteral("photo")).toString();
        QVERIFY2(rel.startsWith(QLatin1String("photos/")) && QDir::isRelativePath(rel), qPrintable(rel));
        photos.insert(rel);
        const QString path = QDir(m_result.gisDir).filePath(rel); // relative to the GeoPackage's folder
        QSize size;
        QVERIFY2(isJpeg(path, &size), qPrintable(path));
        QVERIFY(size.width() >= 320 && size.height() >= 240);
    }
    QCOMPARE(photos.size(), int(pois.size()));
    // sepia: warm, desaturated (red >= green >= blue) at the centre of a photo
    QImage img(QDir(m_result.gisDir).filePath(*photos.begin()));
    QVERIFY(!img.isNull());
    const QRgb c = img.pixel(img.width() / 2, img.height() / 2);
    QVERIFY2(qRed(c) >= qGreen(c) && qGreen(c) >= qBlue(c), qPrintable(QStringLiteral("%1 %2 %3").arg(qRed(c)).arg(qGreen(c)).arg(qBlue(c))));
}

void TestDemoDistrict::writerRoundTrip()
{
    // A tiny tile: a nested PagedLOD (like a middle-level file) and a textured quad.
    TileContent c;
    c.origin = Vec3d(10, 20, 0);
    MeshData m;
    m.positions = {0, 0, 0, 4, 0, 0, 4, 4, 0, 0, 4, 0};
    m.uvs = {0, 0, 1, 0, 1, 1, 0, 1};
    m.indices = {0, 1, 2, 0, 2, 3};
    m.imageIndex = 0;
    c.meshes.push_back(m);
    ImageData img;
    img.width = 8;
    img.height = 4;
    img.rgba.resize(8 * 4 * 4);
    for (int i = 0; i < 8 * 4; ++i) { // bottom rows red, top rows blue
        const bool top = i / 8 >= 2;
        img.rgba[i * 4 + 0] = char(top ? 0 : 250);
        img.rgba[i * 4 + 1] = char(0);
        img.rgba[i * 4 + 2] = char(top ? 250 : 0);
        img.rgba[i * 4 + 3] = char(255);
    }
    c.images.push_back(img);
    LodNode group; // plain container
    group.ranges.resize(1);
    group.ranges[0].min = 0;
    group.ranges[0].max = FLT_MAX;
    c.nodes.push_back(group);
    LodNode n;
    n.center = Vec3d(2, 2, 0);
    n.radius = 3;
    n.rangeMode = RangeMode::PixelSizeOnScreen;
    n.parentNode = 0;
    n.parentRange = 0;
    LodRange file;
    file.min = 100;
    file.max = 1e30f;
    file.childFile = m_tmp.filePath(QStringLiteral("rt/child.osgb"));
    LodRange own;
    own.min = 0;
    own.max = 100;
    own.meshes = {0};
    n.ranges = {file, own}; // file range first: the writer must reorder for OSG
    c.nodes.push_back(n);

    const QString path = m_tmp.filePath(QStringLiteral("rt/tile.osgb"));
    QString err;
    QVERIFY2(osgb::writeTile(c, path, &err), qPrintable(err));
    QVERIFY(!QFileInfo::exists(path + QStringLiteral(".part")));

    osg::ref_ptr<osg::Node> node = osgDB::readNodeFile(path.toStdString());
    QVERIFY(node);
    OsgCensus census;
    node->accept(census);
    QCOMPARE(census.pagedLods, 1);
    QCOMPARE(census.triangles, qint64(2));
    QCOMPARE(census.texturesWithPixels, 1);
    QCOMPARE(census.childFiles, QStringList{QStringLiteral("child.osgb")});

    auto reader = ReaderRegistry::instance().readerFor(path);
    QVERIFY(reader);
    const TileReadResult r = reader->read(path);
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(int(r.content.images.size()), 1);
    const ImageData &back = r.content.images.front();
    QCOMPARE(back.width, 8);
    QCOMPARE(back.height, 4);
    const uchar *px = reinterpret_cast<const uchar *>(back.rgba.constData());
    QVERIFY2(px[0] > 180 && px[2] < 80, "bottom row should stay red (row order preserved)");
    const uchar *topPx = px + (3 * 8) * 4;
    QVERIFY2(topPx[2] > 180 && topPx[0] < 80, "top row should stay blue");
    bool foundLod = false;
    for (const LodNode &ln : r.content.nodes) {
        if (ln.ranges.size() != 2)
            continue;
        foundLod = true;
        const Vec3d center = r.content.origin + ln.center;
        QVERIFY(std::abs(center.x - 12) < 1e-3 && std::abs(center.y - 22) < 1e-3);
        QCOMPARE(ln.ranges[1].childFile, QFileInfo(file.childFile).absoluteFilePath());
    }
    QVERIFY(foundLod);
    const MeshData &mb = r.content.meshes.front();
    QVERIFY(std::abs(r.content.origin.x + mb.positions[3] - 14) < 1e-3);

    // errors name the file
    TileContent bad = c;
    bad.meshes[0].indices = {0, 1, 9};
    QVERIFY(!osgb::writeTile(bad, path, &err));
    QVERIFY2(err.startsWith(QDir::toNativeSeparators(path) + QStringLiteral(": ")), qPrintable(err));
}

void TestDemoDistrict::iotRegistryMappingAndFeed()
{
    using namespace liyuan::live;
    QCOMPARE(m_result.iotDir, QDir(m_dataset).absoluteFilePath(QStringLiteral("iot")));
    BuildingRegistry reg;
    QVERIFY2(reg.loadFile(m_result.registryFile), qPrintable(reg.errors().join(QLatin1Char('\n'))));
    QCOMPARE(reg.crs(), QStringLiteral("EPSG:4549"));
    QCOMPARE(reg.buildings().size(), 2);
    const BuildingRegistry::Building &tower = reg.buildings().at(0);
    QCOMPARE(tower.id, QStringLiteral("tower"));
    QVERIFY(tower.name.contains(QStringLiteral("海泊国际大厦")));
    QVERIFY(!tower.block.isEmpty());
    QCOMPARE(tower.floors.size(), 24);

    // the footprint is the tower's footprint in the GeoPackage (same CRS, exact)
    QString err;
    const VectorDataset gpkg = VectorDataset::open(m_result.vectorFile, &err);
    QVERIFY2(gpkg.isValid(), qPrintable(err));
    int index = -1;
    QVERIFY(layerInfo(gpkg.info(), QStringLiteral("buildings"), &index));
    std::vector<VectorFeature> buildings;
    QStringList warnings;
    QVERIFY2(gpkg.readFeatures(index, Crs(), Crs(), &buildings, &warnings, &err), qPrintable(err));
    QRectF gpkgTower, regTower;
    double towerHeight = 0;
    for (const VectorFeature &b : buildings) {
        if (b.attributes.value(QStringLiteral("use")).toString() != QLatin1String("office"))
            continue;
        QPolygonF ring;
        for (const Vec3d &v : b.parts.at(0).at(0))
            ring << QPointF(v.x, v.y);
        gpkgTower = ring.boundingRect();
        towerHeight = b.attributes.value(QStringLiteral("height")).toDouble();
    }
    regTower = QPolygonF(tower.footprint).boundingRect();
    QVERIFY(gpkgTower.isValid());
    QCOMPARE(tower.footprint.size(), 4);
    QVERIFY2(std::abs(regTower.left() - gpkgTower.left()) < 0.01 && std::abs(regTower.right() - gpkgTower.right()) < 0.01
                 && std::abs(regTower.top() - gpkgTower.top()) < 0.01 && std::abs(regTower.bottom() - gpkgTower.bottom()) < 0.01,
             "registry footprint differs from the GeoPackage tower");
    // floors stack from the ground (0 m in the district) at 3.6 m up to the mesh's roof
    const Vec3d o = srsOrigin(m_dataset);
    for (int i = 0; i < tower.floors.size(); ++i) {
        const BuildingRegistry::Floor &f = tower.floors.at(i);
        QCOMPARE(f.number, i + 1);
        QVERIFY(qFuzzyCompare(1.0 + f.baseElevation, 1.0 + o.z + i * 3.6));
        QCOMPARE(f.height, 3.6);
        QVERIFY(!f.name.isEmpty());
    }
    QVERIFY(tower.floors.last().baseElevation + tower.floors.last().height < towerHeight);

    // every floor: >= 5 devices inside the floor, a power and a water meter, tenants
    QSet<QString> types;
    for (const BuildingRegistry::Floor &f : tower.floors) {
        int n = 0, tenants = 0, power = 0, water = 0;
        for (const BuildingRegistry::Device &d : tower.devices) {
            if (d.floor != f.number)
                continue;
            ++n;
            types.insert(d.type);
            QVERIFY2(regTower.contains(d.positionD[0], d.positionD[1]), qPrintable(d.id));
            QVERIFY2(d.positionD[2] > f.baseElevation && d.positionD[2] < f.baseElevation + f.height, qPrintable(d.id));
        }
        for (const BuildingRegistry::Tenant &t : tower.tenants)
            tenants += t.floor == f.number ? 1 : 0;
        for (const BuildingRegistry::Meter &m : tower.meters) {
            power += m.floor == f.number && m.kind == BuildingRegistry::MeterKind::Power ? 1 : 0;
            water += m.floor == f.number && m.kind == BuildingRegistry::MeterKind::Water ? 1 : 0;
        }
        QVERIFY2(n >= 5 && tenants >= 1 && power == 1 && water == 1, qPrintable(f.name));
    }
    for (const char *t : {"power", "water", "temperature", "co2", "smoke", "camera", "people"})
        QVERIFY2(types.contains(QLatin1String(t)), t);
    int outdoorCounters = 0;
    for (const BuildingRegistry::Device &d : reg.buildings().at(1).devices)
        outdoorCounters += d.type == QLatin1String("people") ? 1 : 0;
    QVERIFY(outdoorCounters >= 4);

    // the mapping and the feed: every message maps to a registry device
    PayloadMapping mapping;
    QVERIFY2(PayloadMapping::loadFile(m_result.mappingFile, &mapping, &err), qPrintable(err));
    QVERIFY(mapping.subscriptions().contains(QStringLiteral("v1.1/#")));
    mapping.setKnownDevices(reg.deviceIds());
    FeedRecording rec;
    QElapsedTimer timer;
    timer.start();
    QVERIFY2(rec.loadFile(m_result.feedFile), qPrintable(rec.error()));
    qInfo("feed: %d messages (%d backfill), loaded in %lld ms", int(rec.messages().size()), rec.backfillCount(),
          static_cast<long long>(timer.elapsed()));
    QCOMPARE(rec.duration(), 300.0);
    QVERIFY(rec.loops());
    QVERIFY(rec.backfillCount() >= 48 * 96);
    QCOMPARE(rec.messages().first().t, -86400.0);
    QVERIFY(rec.messages().size() - rec.backfillCount() > 5000);

    // played into a store with times = start + t: 24 h charts full, alarms raised and cleared, a stale sensor
    DeviceStore store(reg);
    const qint64 start = QDateTime(QDate(2024, 6, 1), QTime(15, 0), Qt::UTC).toMSecsSinceEpoch();
    QSet<QString> perSensorThings, perJson;
    QMap<QString, double> lastTime;
    int maxGapDevice = 0;
    int demoEvents = 0;
    for (const FeedRecording::Message &m : rec.messages()) {
        if (m.topic == QLatin1String("liyuan/demo/events")) {
            // demo events: the events pipeline's (iot/events.json), not the device mapping's
            QVERIFY(m.t >= 0 && m.t < 300);
            const QJsonObject ev = QJsonDocument::fromJson(m.payload).object();
            QVERIFY2(ev.value("id").toString().startsWith("ev-") && ev.value("position").toObject().contains("x"), m.payload.constData());
            ++demoEvents;
            continue;
        }
        PayloadMapping::Result r = mapping.parse(m.topic, m.payload);
        QVERIFY2(r.ok, qPrintable(QStringLiteral("line %1: %2").arg(m.line).arg(r.reason)));
        (m.topic.startsWith(QLatin1String("v1.1/")) ? perSensorThings : perJson).insert(r.observation.deviceId);
        r.observation.time = QDateTime::fromMSecsSinceEpoch(start + qint64(m.t * 1000), Qt::UTC);
        QVERIFY(store.apply(r.observation));
        if (m.t >= 0) {
            if (lastTime.contains(r.observation.deviceId))
                maxGapDevice = std::max(maxGapDevice, int(m.t - lastTime.value(r.observation.deviceId)));
            lastTime[r.observation.deviceId] = m.t;
        }
        if (m.t >= 0 && m.t < 100)
            store.updateStaleness(start + qint64(m.t * 1000));
    }
    store.updateStaleness(start + 300'000);
    QVERIFY2(demoEvents >= 5, qPrintable(QString::number(demoEvents)));
    QVERIFY(perSensorThings.size() > 30 && perJson.size() > 30);
    QCOMPARE(store.counters().rejected, 0ull);
    QVERIFY2(store.counters().alarmsRaised >= 2 && store.counters().alarmsCleared >= 2,
             qPrintable(QStringLiteral("%1 raised, %2 cleared").arg(store.counters().alarmsRaised).arg(store.counters().alarmsCleared)));
    QVERIFY(maxGapDevice <= 15); // cameras every 15 s, sensors every 2–5 s
    int stale = 0;
    for (int i = 0; i < store.deviceCount(); ++i)
        stale += store.device(i).state == DeviceStore::State::Stale ? 1 : 0;
    QVERIFY(stale >= 1);
    for (int n : {1, 12, 24}) {
        const DeviceStore::FloorSeries p = store.floorPower(QStringLiteral("tower"), n, start + 300'000);
        int filled = 0;
        for (double v : p.series)
            filled += std::isnan(v) ? 0 : 1;
        QVERIFY2(filled >= 95, qPrintable(QStringLiteral("floor %1: %2 buckets").arg(n).arg(filled)));
        QVERIFY(p.current > 10 && p.current < 150);
        QVERIFY(store.floorWater(QStringLiteral("tower"), n, start + 300'000).current > 0);
    }
    QVERIFY(store.footfall().size() >= 5);
}

void TestDemoDistrict::ensureUsesStampAndRegeneratesStale()
{
    const QString dir = m_tmp.filePath(QStringLiteral("cache/demo"));
    int calls = 0;
    const demo::DemoDistrictResult first = demo::ensureDemoDistrict(dir, [&](int, int) { ++calls; });
    QVERIFY2(first.ok, qPrintable(first.error));
    QVERIFY(calls > 0);
    QCOMPARE(first.datasetDir, QDir(dir).absolutePath());
    QVERIFY(QFileInfo::exists(QDir(dir).filePath(QStringLiteral("metadata.xml"))));
    QCOMPARE(first.gisDir, QDir(dir).absoluteFilePath(QStringLiteral("gis"))); // the final folder, not the temporary one
    QVERIFY(QFileInfo::exists(first.demFile) && QFileInfo::exists(first.orthoFile) && QFileInfo::exists(first.vectorFile));
    QCOMPARE(first.layers.size(), 4);
    QVERIFY(first.gisFiles >= 43);
    // nothing left beside it
    const QStringList siblings = QDir(m_tmp.filePath(QStringLiteral("cache"))).entryList(QDir::AllEntries | QDir::NoDotAndDotDot);
    QCOMPARE(siblings, QStringList{QStringLiteral("demo")});

    // second call: stamp found, no generation
    const QString marker = QDir(dir).filePath(QStringLiteral("Data/marker.txt"));
    {
        QFile f(marker);
        QVERIFY(f.open(QIODevice::WriteOnly));
    }
    calls = 0;
    const demo::DemoDistrictResult second = demo::ensureDemoDistrict(dir, [&](int, int) { ++calls; });
    QVERIFY2(second.ok, qPrintable(second.error));
    QCOMPARE(calls, 0);
    QCOMPARE(second.files, first.files);
    QCOMPARE(second.triangles, first.triangles);
    QCOMPARE(second.lodLevels, first.lodLevels);
    QCOMPARE(second.gisFiles, first.gisFiles);
    QCOMPARE(second.layers, first.layers);
    QCOMPARE(second.gisDir, first.gisDir);
    QCOMPARE(second.demFile, first.demFile);
    QCOMPARE(second.orthoFile, first.orthoFile);
    QCOMPARE(second.vectorFile, first.vectorFile);
    QVERIFY(QFileInfo::exists(marker));

    // a stamp of another version: regenerated from scratch
    QDir d(dir);
    QStringList stamps = d.entryList({QStringLiteral(".liyuan-demo*")}, QDir::Files | QDir::Hidden);
    QCOMPARE(stamps.size(), 1);
    {
        QFile f(d.filePath(stamps.front()));
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write("version=" + QByteArray::number(demo::demoDistrictVersion() + 100) + "\n");
    }
    calls = 0;
    const demo::DemoDistrictResult third = demo::ensureDemoDistrict(dir, [&](int, int) { ++calls; });
    QVERIFY2(third.ok, qPrintable(third.error));
    QVERIFY(calls > 0);
    QVERIFY(!QFileInfo::exists(marker));
    QCOMPARE(third.files, first.files);

    // a folder without any stamp (an interrupted old-style run) is regenerated too
    QVERIFY(QFile::remove(d.filePath(stamps.front())));
    calls = 0;
    const demo::DemoDistrictResult fourth = demo::ensureDemoDistrict(dir, [&](int, int) { ++calls; });
    QVERIFY2(fourth.ok, qPrintable(fourth.error));
    QVERIFY(calls > 0);

    QVERIFY(QFileInfo::exists(first.registryFile) && QFileInfo::exists(first.feedFile) && QFileInfo::exists(first.mappingFile));
    QCOMPARE(second.feedFile, first.feedFile);
    // a stamped folder whose GIS layers went missing is regenerated too
    QVERIFY(QFile::remove(fourth.vectorFile));
    calls = 0;
    const demo::DemoDistrictResult fifth = demo::ensureDemoDistrict(dir, [&](int, int) { ++calls; });
    QVERIFY2(fifth.ok, qPrintable(fifth.error));
    QVERIFY(calls > 0);
    QVERIFY(QFileInfo::exists(fifth.vectorFile));
    QCOMPARE(QDir(m_tmp.filePath(QStringLiteral("cache"))).entryList(QDir::AllEntries | QDir::NoDotAndDotDot),
             QStringList{QStringLiteral("demo")});
}

void TestDemoDistrict::defaultDirHonoursEnvironment()
{
    const QByteArray old = qgetenv("LIYUAN_DEMO_DIR");
    qputenv("LIYUAN_DEMO_DIR", m_tmp.filePath(QStringLiteral("custom")).toUtf8());
    QCOMPARE(demo::defaultDemoDistrictDir(), m_tmp.filePath(QStringLiteral("custom")));
    qunsetenv("LIYUAN_DEMO_DIR");
    const QString def = demo::defaultDemoDistrictDir();
    QVERIFY2(def.endsWith(QStringLiteral("/demo-district-v%1").arg(demo::demoDistrictVersion())), qPrintable(def));
    if (!old.isEmpty())
        qputenv("LIYUAN_DEMO_DIR", old);
}


// ---------------------------------------------------------------------------------------
// Redevelopment schemes (review tools)
// ---------------------------------------------------------------------------------------

namespace {

QJsonObject schemesIndexOf(const QString &file)
{
    QFile f(file);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(f.readAll()).object();
}

/** Ground pick on the demo DEM (scene frame = the production's SRS origin): a vertical ray only. */
PickFunction demGround(const QString &demFile, const Vec3d &origin)
{
    const RasterDataset dem = RasterDataset::open(demFile);
    return [dem, origin](const Vec3d &o, const Vec3d &d, Vec3d *hit) {
        if (!dem.isValid() || d.x != 0 || d.y != 0 || d.z >= 0)
            return false;
        const double x = o.x + origin.x, y = o.y + origin.y;
        HeightGrid g;
        QString err;
        if (!dem.readHeights(Crs(), Box2d{x - 1, y - 1, x + 1, y + 1}, 1, 1, &g, &err) || g.heights.empty()
            || std::isnan(g.heights[0]))
            return false;
        *hit = Vec3d(o.x, o.y, double(g.heights[0]) - origin.z);
        return hit->z <= o.z;
    };
}

} // namespace

void TestDemoDistrict::schemesIndex()
{
    QCOMPARE(m_result.schemesFile, QDir(m_dataset).filePath(QStringLiteral("schemes/schemes.json")));
    QCOMPARE(m_result.schemes, 3);
    QCOMPARE(m_result.schemeModels, 4);
    const QJsonObject index = schemesIndexOf(m_result.schemesFile);
    const QJsonArray schemes = index.value(QStringLiteral("schemes")).toArray();
    QCOMPARE(schemes.size(), 3);
    const QStringList names{QStringLiteral("方案A 院落修缮 Courtyard restoration"), QStringLiteral("方案B 文化中心 Cultural centre"),
                            QStringLiteral("方案C 高层综合体 High-rise complex")};
    const Vec3d o = srsOrigin(m_dataset);
    const QString dem = m_result.demFile;
    const PickFunction ground = demGround(dem, o);
    for (int i = 0; i < schemes.size(); ++i) {
        const QJsonObject s = schemes[i].toObject();
        QCOMPARE(s.value(QStringLiteral("name")).toString(), names[i]);
        QVERIFY(!s.value(QStringLiteral("description")).toString().isEmpty());
        const QJsonArray models = s.value(QStringLiteral("models")).toArray();
        QVERIFY(!models.isEmpty());
        for (const QJsonValue &mv : models) {
            const QJsonObject m = mv.toObject();
            const QString path = QDir(QFileInfo(m_result.schemesFile).path()).filePath(m.value(QStringLiteral("path")).toString());
            QVERIFY2(QFileInfo(path).size() > 1000, qPrintable(path));
            // the sidecar equals the placement in the index
            QFile sidecar(path + QStringLiteral(".geo.json"));
            QVERIFY2(sidecar.open(QIODevice::ReadOnly), qPrintable(sidecar.fileName()));
            const QJsonObject placement = QJsonDocument::fromJson(sidecar.readAll()).object();
            QCOMPARE(placement, m.value(QStringLiteral("placement")).toObject());
            QCOMPARE(placement.value(QStringLiteral("crs")).toString(), QStringLiteral("EPSG:4549"));
            QCOMPARE(placement.value(QStringLiteral("upAxis")).toString(), QStringLiteral("Y"));
            QCOMPARE(placement.value(QStringLiteral("scale")).toDouble(), 1.0);
            QCOMPARE(placement.value(QStringLiteral("heading")).toDouble(), 0.0);
            const QJsonArray pos = placement.value(QStringLiteral("position")).toArray();
            QCOMPARE(pos.size(), 3);
            // inside the district, standing on the DEM's ground
            const Vec3d local(pos[0].toDouble() - o.x, pos[1].toDouble() - o.y, pos[2].toDouble() - o.z);
            QVERIFY(local.x > 0 && local.x < 400 && local.y > 0 && local.y < 400);
            Vec3d g;
            QVERIFY(ground(Vec3d(local.x, local.y, 1000), Vec3d(0, 0, -1), &g));
            QVERIFY2(std::abs(g.z - local.z) < 0.01, qPrintable(QStringLiteral("%1 vs DEM %2").arg(local.z).arg(g.z)));
        }
        // replaced areas: flatten polygons around the old blocks, at the ground's height
        const QJsonArray areas = s.value(QStringLiteral("areas")).toArray();
        QVERIFY(!areas.isEmpty());
        for (const QJsonValue &av : areas) {
            const QJsonObject a = av.toObject();
            QCOMPARE(a.value(QStringLiteral("mode")).toString(), QStringLiteral("flatten"));
            QCOMPARE(a.value(QStringLiteral("crs")).toString(), QStringLiteral("EPSG:4549"));
            const QJsonArray poly = a.value(QStringLiteral("polygon")).toArray();
            QCOMPARE(poly.size(), 4);
            std::vector<Vec3d> ring;
            for (const QJsonValue &p : poly)
                ring.emplace_back(p.toArray()[0].toDouble() - o.x, p.toArray()[1].toDouble() - o.y, 0);
            const double area = Measurement::signedProjectedArea(ring);
            QVERIFY2(area > 30 * 30 && area < 50 * 50, qPrintable(QString::number(area))); // one block, counter-clockwise
            const Vec3d c = Measurement::projectedCentroid(ring);
            Vec3d g;
            QVERIFY(ground(Vec3d(c.x, c.y, 1000), Vec3d(0, 0, -1), &g));
            QVERIFY(std::abs(a.value(QStringLiteral("height")).toDouble() - (g.z + o.z)) < 0.01);
            // each model of the scheme stands inside one of its areas, or outside all of them (none here)
        }
        for (const QJsonValue &mv : models) {
            const QJsonArray pos = mv.toObject().value(QStringLiteral("placement")).toObject().value(QStringLiteral("position")).toArray();
            bool inside = false;
            for (const QJsonValue &av : areas) {
                std::vector<Vec3d> ring;
                for (const QJsonValue &p : av.toObject().value(QStringLiteral("polygon")).toArray())
                    ring.emplace_back(p.toArray()[0].toDouble(), p.toArray()[1].toDouble(), 0);
                inside = inside || Measurement::containsXY(ring, pos[0].toDouble(), pos[1].toDouble());
            }
            QVERIFY2(inside, "a scheme's model stands on one of its replaced areas");
        }
    }
}

void TestDemoDistrict::schemeModelsReadBack_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<int>("floors");
    QTest::addColumn<int>("trianglesPerFloor");
    QTest::addColumn<double>("height");
    // from assets/demo/schemes.json: courtyard = 4 wing boxes (48 triangles) per floor, block = 1 box (12)
    QTest::newRow("A west courtyard") << QStringLiteral("a_courtyard_west.glb") << 3 << 48 << 3 * 3.4 + 1.6;
    QTest::newRow("A east courtyard") << QStringLiteral("a_courtyard_east.glb") << 2 << 48 << 2 * 3.6 + 1.6;
    QTest::newRow("B cultural centre") << QStringLiteral("b_cultural_centre.glb") << 4 << 12 << 4 * 3.5 + 1.0;
    QTest::newRow("C tower") << QStringLiteral("c_tower.glb") << 12 << 12 << 12 * 3.5 + 1.0;
}

void TestDemoDistrict::schemeModelsReadBack()
{
    QFETCH(QString, file);
    QFETCH(int, floors);
    QFETCH(int, trianglesPerFloor);
    QFETCH(double, height);
    const QString path = QDir(QFileInfo(m_result.schemesFile).path()).filePath(file);
    QVERIFY(assimp::ModelReader::identify(path));
    const assimp::ModelReadResult r = assimp::ModelReader().read(path);
    QVERIFY2(r.ok, qPrintable(r.error));
    const assimp::ModelContent &c = r.content;
    const QRegularExpression floorRe(QStringLiteral("^Floor (\\d{2})$"));
    QStringList floorNames;
    int roof = -1;
    for (size_t i = 0; i < c.nodes.size(); ++i) {
        const assimp::ModelNode &n = c.nodes[i];
        qsizetype tris = 0;
        for (int m : n.meshes)
            tris += c.meshes[size_t(m)].data.triangleCount();
        const QRegularExpressionMatch fm = floorRe.match(n.name);
        if (fm.hasMatch()) {
            floorNames << n.name;
            QCOMPARE(tris, qsizetype(trianglesPerFloor));
        } else if (n.name == QLatin1String("Roof")) {
            roof = int(i);
            QCOMPARE(tris, qsizetype(trianglesPerFloor));
        }
    }
    QStringList expected;
    for (int f = 1; f <= floors; ++f)
        expected << QStringLiteral("Floor %1").arg(f, 2, 10, QLatin1Char('0'));
    QCOMPARE(floorNames, expected);
    QVERIFY(roof >= 0);
    QCOMPARE(c.counts.triangles, qsizetype((floors + 1) * trianglesPerFloor));
    // Y up, standing on y = 0, centred on the placement point
    QVERIFY(c.hasBounds);
    QVERIFY2(std::abs(c.boundsMin[1]) < 1e-4 && std::abs(c.boundsMax[1] - height) < 1e-3,
             qPrintable(QStringLiteral("%1..%2").arg(c.boundsMin[1]).arg(c.boundsMax[1])));
    QVERIFY(std::abs(c.boundsMin[0] + c.boundsMax[0]) < 1e-3 && std::abs(c.boundsMin[2] + c.boundsMax[2]) < 1e-3);
    QVERIFY(c.boundsMax[0] > 5 && c.boundsMax[0] < 25);
}

void TestDemoDistrict::heightCheckFlagsOnlyTheHighRise()
{
    const Vec3d o = srsOrigin(m_dataset);
    // the heritage zones from the GeoPackage, into the scene frame
    QString err;
    const VectorDataset gpkg = VectorDataset::open(m_result.vectorFile, &err);
    QVERIFY2(gpkg.isValid(), qPrintable(err));
    int layer = -1;
    QVERIFY(layerInfo(gpkg.info(), QStringLiteral("heritage_zones"), &layer));
    std::vector<VectorFeature> features;
    QStringList warnings;
    QVERIFY2(gpkg.readFeatures(layer, Crs(), Crs(), &features, &warnings, &err), qPrintable(err));
    std::vector<ProtectionZone> zones;
    for (const VectorFeature &f : features) {
        ProtectionZone z;
        z.id = QString::number(f.fid);
        z.name = f.attributes.value(QStringLiteral("name_en")).toString();
        z.maxHeight = f.attributes.value(QStringLiteral("max_height")).toDouble();
        for (const Vec3d &p : f.parts.at(0).at(0))
            z.polygon.push_back(p - Vec3d(o.x, o.y, 0));
        zones.push_back(z);
    }
    QCOMPARE(zones.size(), size_t(3));

    // every scheme model as a candidate: footprint and height from the model read back, placed
    std::vector<CandidateBuilding> buildings;
    const QJsonArray schemes = schemesIndexOf(m_result.schemesFile).value(QStringLiteral("schemes")).toArray();
    for (const QJsonValue &sv : schemes) {
        for (const QJsonValue &mv : sv.toObject().value(QStringLiteral("models")).toArray()) {
            const QJsonObject m = mv.toObject();
            const QString path = QDir(QFileInfo(m_result.schemesFile).path()).filePath(m.value(QStringLiteral("path")).toString());
            const assimp::ModelReadResult r = assimp::ModelReader().read(path);
            QVERIFY2(r.ok, qPrintable(r.error));
            const QJsonArray pos = m.value(QStringLiteral("placement")).toObject().value(QStringLiteral("position")).toArray();
            const Vec3d at(pos[0].toDouble() - o.x, pos[1].toDouble() - o.y, pos[2].toDouble() - o.z);
            const double *mn = r.content.boundsMin, *mx = r.content.boundsMax;
            // glTF: x east, y up, z south (north = -z); heading 0, scale 1
            CandidateBuilding b;
            b.id = m.value(QStringLiteral("path")).toString();
            b.name = m.value(QStringLiteral("name")).toString();
            b.source = QStringLiteral("model");
            b.footprint = {{at.x + mn[0], at.y - mx[2], 0}, {at.x + mx[0], at.y - mx[2], 0}, {at.x + mx[0], at.y - mn[2], 0},
                           {at.x + mn[0], at.y - mn[2], 0}};
            b.baseElevation = at.z + mn[1];
            b.topElevation = at.z + mx[1];
            buildings.push_back(b);
        }
    }
    QCOMPARE(buildings.size(), size_t(4));

    HeightLimitCheck check;
    check.setZones(zones);
    check.setGroundPick(demGround(m_result.demFile, o));
    for (HeightLimitCheck::ZoneRule rule : {HeightLimitCheck::ZoneRule::Centroid, HeightLimitCheck::ZoneRule::Overlap}) {
        check.setZoneRule(rule);
        const std::vector<HeightCheckResult> results = check.check(buildings);
        for (const HeightCheckResult &r : results) {
            // every model stands in all three nested zones; the core zone (16 m) governs
            QVERIFY2(r.zoneIds.size() == 3, qPrintable(r.buildingId + QStringLiteral(": ") + r.zoneIds.join(QLatin1Char(','))));
            QCOMPARE(r.zoneName, QStringLiteral("Dabaodao Liyuan Core Protection Area"));
            QCOMPARE(r.limit, 16.0);
        }
        const std::vector<HeightCheckResult> v = HeightLimitCheck::violations(results);
        QCOMPARE(v.size(), size_t(1));
        QCOMPARE(v[0].buildingId, QStringLiteral("c_tower.glb"));
        // 12 floors × 3.5 m + 1 m roof = 43 m on flat ground: 27 m over the 16 m limit
        QVERIFY2(std::abs(v[0].height - 43.0) < 0.01, qPrintable(QString::number(v[0].height)));
        QVERIFY2(std::abs(v[0].excess - 27.0) < 0.01, qPrintable(QString::number(v[0].excess)));
    }
}

QTEST_GUILESS_MAIN(TestDemoDistrict)
#include "tst_demodistrict.moc"
