// The procedural demo district: generation, ContextCapture-like structure, read-back
// through plain OpenSceneGraph and through liyuan::osgb::OsgbReader, and the cache
// behaviour of ensureDemoDistrict.
#include <liyuan/demo/DemoDistrict.h>
#include <liyuan/osgb/OsgbReader.h>
#include <liyuan/osgb/OsgbWriter.h>

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
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QtTest>

#include <cfloat>
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
    void ensureUsesStampAndRegeneratesStale();
    void defaultDirHonoursEnvironment();

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
    QCOMPARE(lastTotal, m_result.files);
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
    // no stray temporaries (JPEGs are embedded, part files renamed)
    QDirIterator stray(m_dataset, QDir::Files, QDirIterator::Subdirectories);
    while (stray.hasNext()) {
        const QString f = stray.next();
        QVERIFY2(f.endsWith(QLatin1String(".osgb")) || f.endsWith(QLatin1String("metadata.xml")), qPrintable(f));
    }
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
    QFile a(QDir(m_dataset).filePath(rel)), b(QDir(other.filePath(QStringLiteral("d"))).filePath(rel));
    QVERIFY(a.open(QIODevice::ReadOnly) && b.open(QIODevice::ReadOnly));
    QVERIFY(a.readAll() == b.readAll());
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

void TestDemoDistrict::ensureUsesStampAndRegeneratesStale()
{
    const QString dir = m_tmp.filePath(QStringLiteral("cache/demo"));
    int calls = 0;
    const demo::DemoDistrictResult first = demo::ensureDemoDistrict(dir, [&](int, int) { ++calls; });
    QVERIFY2(first.ok, qPrintable(first.error));
    QVERIFY(calls > 0);
    QCOMPARE(first.datasetDir, QDir(dir).absolutePath());
    QVERIFY(QFileInfo::exists(QDir(dir).filePath(QStringLiteral("metadata.xml"))));
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

QTEST_GUILESS_MAIN(TestDemoDistrict)
#include "tst_demodistrict.moc"
