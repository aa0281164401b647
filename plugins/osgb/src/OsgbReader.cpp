#include <liyuan/osgb/OsgbReader.h>

#include "JpegRgbaReaderWriter.h"

#include <osg/Geode>
#include <osg/Geometry>
#include <osg/Image>
#include <osg/LOD>
#include <osg/Material>
#include <osg/MatrixTransform>
#include <osg/NodeVisitor>
#include <osg/Notify>
#include <osg/PagedLOD>
#include <osg/ProxyNode>
#include <osg/Texture2D>
#include <osg/TriangleIndexFunctor>
#include <osgDB/ObjectWrapper>
#include <osgDB/Options>
#include <osgDB/ReaderWriter>
#include <osgDB/Registry>

#include <liyuan/scene/RemoteSource.h>
#include <liyuan/scene/RemoteUrl.h>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QSet>

#include <cctype>
#include <cstring>
#include <istream>
#include <map>
#include <mutex>
#include <new>
#include <stdexcept>
#include <streambuf>
#include <unordered_map>

Q_LOGGING_CATEGORY(lcOsg, "liyuan.osg", QtWarningMsg)

namespace liyuan::osgb {
namespace {

/**
 * A read-only stream buffer over bytes in memory that THROWS when a reader asks for data
 * past the end. OSG's InputStream keeps looping on a failed std::istream (a random-byte
 * file can spin for ever); with exceptions(badbit) the throw unwinds out of OSG instead.
 */
class BoundedBuffer : public std::streambuf
{
public:
    explicit BoundedBuffer(QByteArray bytes) : m_bytes(std::move(bytes))
    {
        char *b = m_bytes.data();
        setg(b, b, b + m_bytes.size());
    }

protected:
    int_type underflow() override { throw std::runtime_error("read past the end of the data"); }
    pos_type seekoff(off_type off, std::ios_base::seekdir dir, std::ios_base::openmode) override
    {
        char *p = dir == std::ios_base::beg ? eback() + off
                : dir == std::ios_base::cur ? gptr() + off
                                            : egptr() + off;
        if (p < eback() || p > egptr())
            return pos_type(off_type(-1));
        setg(eback(), p, egptr());
        return pos_type(p - eback());
    }
    pos_type seekpos(pos_type pos, std::ios_base::openmode m) override
    {
        return seekoff(off_type(pos), std::ios_base::beg, m);
    }

private:
    QByteArray m_bytes;
};

/** OSG's warnings while this thread reads a file (see NotifyCapture); null when not reading. */
thread_local QStringList *t_notifyCapture = nullptr;

/**
 * Collects what OSG prints (osg::notify: "Unsupported wrapper class …", "InputStream: Failed to
 * read …") while the calling thread reads one file, so the reader turns it into one message
 * naming the file instead of anonymous lines on stderr.
 */
class NotifyCapture
{
public:
    NotifyCapture() : m_previous(t_notifyCapture) { t_notifyCapture = &m_lines; }
    ~NotifyCapture() { t_notifyCapture = m_previous; }
    NotifyCapture(const NotifyCapture &) = delete;
    NotifyCapture &operator=(const NotifyCapture &) = delete;
    /** The distinct lines, in order, at most `max` (then "… N more"). */
    QString summary(int max = 3) const
    {
        QStringList distinct;
        for (const QString &l : m_lines)
            if (!distinct.contains(l))
                distinct << l;
        QString s = distinct.mid(0, max).join(QStringLiteral("; "));
        if (distinct.size() > max)
            s += QStringLiteral("; … %1 more").arg(distinct.size() - max);
        return s;
    }
    bool isEmpty() const { return m_lines.isEmpty(); }

private:
    QStringList m_lines;
    QStringList *m_previous;
};

/** Routes OSG's console output to Qt logging (category liyuan.osg), or to the reading thread's NotifyCapture. */
class QtNotifyHandler : public osg::NotifyHandler
{
public:
    void notify(osg::NotifySeverity severity, const char *message) override
    {
        QByteArray m(message);
        while (m.endsWith('\n'))
            m.chop(1);
        if (m.isEmpty())
            return;
        if (severity <= osg::WARN && t_notifyCapture) {
            if (t_notifyCapture->size() < 1000)
                *t_notifyCapture << QString::fromUtf8(m).simplified();
            return;
        }
        if (severity <= osg::WARN)
            qCWarning(lcOsg, "%s", m.constData());
        else
            qCDebug(lcOsg, "%s", m.constData());
    }
};

/**
 * The first class named in an osg2 binary stream that OSG has no wrapper for, or empty.
 * Class names are length-prefixed strings ("osg::Geometry"); a damaged name makes OSG skip
 * the object and read the rest misaligned, which can crash inside OSG (a renamed
 * osg::StateSet ends in Geometry::addElementBufferObjectIfRequired with a null primitive set),
 * so such a file is refused before OSG reads it.
 */
QString unknownWrapperClass(const QByteArray &bytes)
{
    constexpr int kMaxNames = 256; // distinct names looked up (each unknown one may probe for a plugin)
    osgDB::ObjectWrapperManager *wrappers = osgDB::Registry::instance()->getObjectWrapperManager();
    if (!wrappers)
        return QString();
    auto ident = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; };
    const char *d = bytes.constData();
    const qsizetype n = bytes.size();
    QSet<QByteArray> checked;
    for (qsizetype i = bytes.indexOf("::"); i >= 0 && checked.size() < kMaxNames; i = bytes.indexOf("::", i + 2)) {
        qsizetype b = i, e = i + 2;
        while (b > 0 && ident(d[b - 1]) && i - b < 64)
            --b;
        while (e < n && ident(d[e]) && e - i < 64)
            ++e;
        if (b == i || e == i + 2 || b < 4)
            continue;
        const uchar *l = reinterpret_cast<const uchar *>(d + b - 4);
        const quint32 length = quint32(l[0]) | quint32(l[1]) << 8 | quint32(l[2]) << 16 | quint32(l[3]) << 24;
        if (length != quint32(e - b))
            continue; // not a length-prefixed string: some other bytes that happen to hold "::"
        const QByteArray name(d + b, e - b);
        if (checked.contains(name))
            continue;
        checked.insert(name);
        if (!wrappers->findWrapper(name.toStdString()))
            return QString::fromLatin1(name);
    }
    return QString();
}

/** " (OpenSceneGraph: …)" with what OSG printed while reading, or empty. */
QString osgSays(const NotifyCapture &c)
{
    return c.isEmpty() ? QString() : QStringLiteral(" (OpenSceneGraph: %1)").arg(c.summary());
}

QString extensionOf(const QString &path)
{
    if (RemoteUrl::isRemote(path))
        return RemoteUrl::suffix(path);
    return QFileInfo(path).suffix().toLower();
}

/** Converts an osg::Image to tightly packed RGBA8, bottom row first. False if unsupported. */
bool convertImage(const osg::Image &img, ImageData &out, QString *why)
{
    const int w = img.s(), h = img.t();
    if (w <= 0 || h <= 0 || !img.data()) {
        *why = QStringLiteral("empty image");
        return false;
    }
    if (img.getDataType() != GL_UNSIGNED_BYTE) {
        *why = QStringLiteral("unsupported pixel type 0x%1").arg(img.getDataType(), 0, 16);
        return false;
    }
    int channels = 0;
    bool bgr = false;
    switch (img.getPixelFormat()) {
    case GL_RGB: channels = 3; break;
    case GL_RGBA: channels = 4; break;
    case GL_BGR: channels = 3; bgr = true; break;
    case GL_BGRA: channels = 4; bgr = true; break;
    case GL_LUMINANCE: channels = 1; break;
    case GL_LUMINANCE_ALPHA: channels = 2; break;
    case GL_ALPHA: channels = 1; break;
    default:
        *why = QStringLiteral("unsupported pixel format 0x%1").arg(img.getPixelFormat(), 0, 16);
        return false;
    }
    const unsigned int rowStep = img.getRowStepInBytes();
    if (rowStep < unsigned(w * channels) || img.getTotalSizeInBytes() < rowStep * unsigned(h)) {
        *why = QStringLiteral("image data smaller than its size");
        return false;
    }
    out.width = w;
    out.height = h;
    const bool flip = img.getOrigin() == osg::Image::TOP_LEFT;
    if (channels == 4 && !bgr && !flip && rowStep == unsigned(w) * 4) {
        // already RGBA8, bottom row first: JpegRgbaReaderWriter's buffer is shared, others copied
        const auto *owned = dynamic_cast<const PixelBuffer *>(img.getUserData());
        if (owned && owned->bytes.constData() == reinterpret_cast<const char *>(img.data()))
            out.rgba = owned->bytes;
        else
            out.rgba = QByteArray(reinterpret_cast<const char *>(img.data()), qsizetype(w) * h * 4);
        return true;
    }
    out.rgba.resize(qsizetype(w) * h * 4);
    uchar *dst = reinterpret_cast<uchar *>(out.rgba.data());
    if (channels == 3 && !bgr) {
        for (int y = 0; y < h; ++y) {
            const uchar *src = img.data() + size_t(flip ? h - 1 - y : y) * rowStep;
            uchar *d = dst + size_t(y) * w * 4;
            for (int x = 0; x < w; ++x, d += 4, src += 3) {
                d[0] = src[0];
                d[1] = src[1];
                d[2] = src[2];
                d[3] = 255;
            }
        }
        return true;
    }
    for (int y = 0; y < h; ++y) {
        const uchar *src = img.data() + size_t(flip ? h - 1 - y : y) * rowStep;
        uchar *d = dst + size_t(y) * w * 4;
        for (int x = 0; x < w; ++x, d += 4, src += channels) {
            switch (channels) {
            case 4:
                d[0] = src[bgr ? 2 : 0]; d[1] = src[1]; d[2] = src[bgr ? 0 : 2]; d[3] = src[3];
                break;
            case 3:
                d[0] = src[bgr ? 2 : 0]; d[1] = src[1]; d[2] = src[bgr ? 0 : 2]; d[3] = 255;
                break;
            case 2:
                d[0] = d[1] = d[2] = src[0]; d[3] = src[1];
                break;
            default:
                d[0] = d[1] = d[2] = src[0]; d[3] = 255;
                break;
            }
        }
    }
    return true;
}

struct TriangleCollector
{
    std::vector<uint32_t> *indices = nullptr;
    unsigned int vertexCount = 0;
    void operator()(unsigned int a, unsigned int b, unsigned int c)
    {
        if (a >= vertexCount || b >= vertexCount || c >= vertexCount)
            return; // corrupt index: drop the triangle
        indices->push_back(a);
        indices->push_back(b);
        indices->push_back(c);
    }
};

/**
 * Walks a freshly read OSG graph (private to this thread) and fills TileContent.
 * Each LOD/PagedLOD becomes a LodNode; geometry outside any LOD goes to one implicit
 * always-on node; geometry inside an inline range belongs to that range.
 */
class ContentBuilder
{
public:
    ContentBuilder(TileContent &content, const QString &dir) : m_c(content), m_dir(dir) {}

    QStringList warnings;

    void build(osg::Node &root)
    {
        const osg::BoundingSphere bs = root.getBound();
        m_c.origin = bs.valid() ? Vec3d(bs.center().x(), bs.center().y(), bs.center().z()) : Vec3d();
        visit(root, osg::Matrixd::identity(), -1, -1, {});
    }

private:
    using StateStack = std::vector<const osg::StateSet *>;

    int implicitNode()
    {
        if (m_implicit < 0) {
            LodNode n; // bounds grow with each mesh added (growImplicitBounds)
            n.rangeMode = RangeMode::DistanceFromEye;
            n.ranges.push_back(LodRange{});
            m_c.nodes.push_back(std::move(n));
            m_implicit = int(m_c.nodes.size()) - 1;
        }
        return m_implicit;
    }

    void visit(osg::Node &node, const osg::Matrixd &m, int ownerNode, int ownerRange, StateStack states)
    {
        if (const osg::StateSet *ss = node.getStateSet())
            states.push_back(ss);

        if (auto *plod = dynamic_cast<osg::PagedLOD *>(&node)) {
            visitLod(*plod, plod, m, ownerNode, ownerRange, states);
            return;
        }
        if (auto *lod = dynamic_cast<osg::LOD *>(&node)) {
            visitLod(*lod, nullptr, m, ownerNode, ownerRange, states);
            return;
        }
        if (auto *xf = dynamic_cast<osg::Transform *>(&node)) {
            osg::Matrixd local = m;
            xf->computeLocalToWorldMatrix(local, nullptr);
            if (auto *g = node.asGroup())
                for (unsigned i = 0; i < g->getNumChildren(); ++i)
                    visit(*g->getChild(i), local, ownerNode, ownerRange, states);
            return;
        }
        if (auto *geode = node.asGeode()) {
            for (unsigned i = 0; i < geode->getNumDrawables(); ++i)
                if (auto *geom = geode->getDrawable(i)->asGeometry())
                    addGeometry(*geom, m, ownerNode, ownerRange, states);
            return;
        }
        if (auto *geom = node.asGeometry()) {
            addGeometry(*geom, m, ownerNode, ownerRange, states);
            return;
        }
        if (auto *g = node.asGroup()) {
            for (unsigned i = 0; i < g->getNumChildren(); ++i)
                visit(*g->getChild(i), m, ownerNode, ownerRange, states);
        }
    }

    void visitLod(osg::LOD &lod, osg::PagedLOD *plod, const osg::Matrixd &m, int ownerNode,
                  int ownerRange, const StateStack &states)
    {
        LodNode n;
        osg::Vec3d c = lod.getCenterMode() == osg::LOD::USER_DEFINED_CENTER
                               || lod.getCenterMode() == osg::LOD::UNION_OF_BOUNDING_SPHERE_AND_USER_DEFINED
                           ? osg::Vec3d(lod.getCenter())
                           : osg::Vec3d(lod.getBound().center());
        double r = lod.getRadius() > 0 ? lod.getRadius() : lod.getBound().radius();
        if (lod.getCenterMode() == osg::LOD::UNION_OF_BOUNDING_SPHERE_AND_USER_DEFINED) {
            c = lod.getBound().center();
            r = lod.getBound().radius();
        }
        const osg::Vec3d cw = c * m;
        // scale radius by the largest axis scale of m
        const double sx = osg::Vec3d(m(0, 0), m(0, 1), m(0, 2)).length();
        const double sy = osg::Vec3d(m(1, 0), m(1, 1), m(1, 2)).length();
        const double sz = osg::Vec3d(m(2, 0), m(2, 1), m(2, 2)).length();
        n.center = Vec3d(cw.x(), cw.y(), cw.z()) - m_c.origin;
        n.radius = r * std::max({sx, sy, sz});
        n.rangeMode = lod.getRangeMode() == osg::LOD::PIXEL_SIZE_ON_SCREEN ? RangeMode::PixelSizeOnScreen
                                                                          : RangeMode::DistanceFromEye;
        n.parentNode = ownerNode;
        n.parentRange = ownerRange;
        const unsigned numRanges = lod.getNumRanges();
        n.ranges.resize(numRanges);
        for (unsigned i = 0; i < numRanges; ++i) {
            n.ranges[i].min = lod.getMinRange(i);
            n.ranges[i].max = lod.getMaxRange(i);
            if (plod && i >= lod.getNumChildren() && i < plod->getNumFileNames()) {
                const std::string &fn = plod->getFileName(i);
                if (!fn.empty()) {
                    QString name = QString::fromStdString(fn);
                    if (RemoteUrl::isRemote(m_dir)) {
                        // remote: m_dir is the file's URL; children resolve against it, or against
                        // where it came from after HTTP redirects (a moved production)
                        const QString db = QString::fromStdString(plod->getDatabasePath());
                        n.ranges[i].childFile = RemoteUrl::resolved(RemoteSource::instance().finalUrl(m_dir),
                                                                    db.isEmpty() ? name : db + QLatin1Char('/') + name);
                        continue;
                    }
                    QString base = m_dir;
                    if (!plod->getDatabasePath().empty())
                        base = QDir(m_dir).filePath(QString::fromStdString(plod->getDatabasePath()));
                    n.ranges[i].childFile = QDir::cleanPath(QDir(base).absoluteFilePath(name));
                }
            }
        }
        m_c.nodes.push_back(std::move(n));
        const int self = int(m_c.nodes.size()) - 1;
        for (unsigned i = 0; i < lod.getNumChildren(); ++i) {
            // children beyond the range list are never shown by OSG; keep them out
            if (i >= numRanges)
                break;
            visit(*lod.getChild(i), m, self, int(i), states);
        }
    }

    void addGeometry(osg::Geometry &geom, const osg::Matrixd &m, int ownerNode, int ownerRange,
                     StateStack states)
    {
        const osg::Array *va = geom.getVertexArray();
        if (!va || va->getNumElements() == 0)
            return;
        if (const osg::StateSet *ss = geom.getStateSet())
            states.push_back(ss);

        MeshData mesh;
        const unsigned nv = va->getNumElements();
        mesh.positions.resize(size_t(nv) * 3);
        const bool identity = m.isIdentity();
        auto put = [&](unsigned i, const osg::Vec3d &p0) {
            const osg::Vec3d p = identity ? p0 : p0 * m;
            mesh.positions[i * 3 + 0] = float(p.x() - m_c.origin.x);
            mesh.positions[i * 3 + 1] = float(p.y() - m_c.origin.y);
            mesh.positions[i * 3 + 2] = float(p.z() - m_c.origin.z);
        };
        if (auto *v3 = dynamic_cast<const osg::Vec3Array *>(va)) {
            for (unsigned i = 0; i < nv; ++i)
                put(i, osg::Vec3d((*v3)[i]));
        } else if (auto *v3d = dynamic_cast<const osg::Vec3dArray *>(va)) {
            for (unsigned i = 0; i < nv; ++i)
                put(i, (*v3d)[i]);
        } else {
            warnings << QStringLiteral("skipped a geometry with an unsupported vertex array type");
            return;
        }

        if (auto *na = dynamic_cast<const osg::Vec3Array *>(geom.getNormalArray());
            na && na->getBinding() == osg::Array::BIND_PER_VERTEX && na->size() == nv) {
            mesh.normals.resize(size_t(nv) * 3);
            for (unsigned i = 0; i < nv; ++i) {
                osg::Vec3d n = identity ? osg::Vec3d((*na)[i]) : osg::Matrixd::transform3x3(m, osg::Vec3d((*na)[i]));
                n.normalize();
                mesh.normals[i * 3 + 0] = float(n.x());
                mesh.normals[i * 3 + 1] = float(n.y());
                mesh.normals[i * 3 + 2] = float(n.z());
            }
        }
        if (auto *ta = dynamic_cast<const osg::Vec2Array *>(geom.getTexCoordArray(0)); ta && ta->size() == nv) {
            mesh.uvs.resize(size_t(nv) * 2);
            std::memcpy(mesh.uvs.data(), ta->getDataPointer(), size_t(nv) * 2 * sizeof(float));
        }

        osg::TriangleIndexFunctor<TriangleCollector> tif;
        tif.indices = &mesh.indices;
        tif.vertexCount = nv;
        geom.accept(tif);
        if (mesh.indices.empty())
            return;

        // texture and colour: innermost state set wins
        for (auto it = states.rbegin(); it != states.rend(); ++it) {
            const auto *tex = dynamic_cast<const osg::Texture *>(
                    (*it)->getTextureAttribute(0, osg::StateAttribute::TEXTURE));
            if (tex && tex->getImage(0)) {
                mesh.imageIndex = imageIndex(*tex->getImage(0));
                break;
            }
        }
        if (auto *ca = dynamic_cast<const osg::Vec4Array *>(geom.getColorArray()); ca && !ca->empty()) {
            for (int k = 0; k < 4; ++k)
                mesh.color[k] = (*ca)[0][k];
        } else {
            for (auto it = states.rbegin(); it != states.rend(); ++it) {
                if (auto *mat = dynamic_cast<const osg::Material *>((*it)->getAttribute(osg::StateAttribute::MATERIAL))) {
                    const osg::Vec4 d = mat->getDiffuse(osg::Material::FRONT);
                    for (int k = 0; k < 4; ++k)
                        mesh.color[k] = d[k];
                    break;
                }
            }
        }
        if (mesh.uvs.empty())
            mesh.imageIndex = -1;
        mesh.computeBounds();

        m_c.meshes.push_back(std::move(mesh));
        const int meshIndex = int(m_c.meshes.size()) - 1;
        if (ownerNode < 0) {
            const int n = implicitNode();
            m_c.nodes[size_t(n)].ranges.front().meshes.push_back(meshIndex);
            growImplicitBounds(m_c.meshes.back());
        } else {
            m_c.nodes[size_t(ownerNode)].ranges[size_t(ownerRange)].meshes.push_back(meshIndex);
        }
    }

    void growImplicitBounds(const MeshData &mesh)
    {
        LodNode &n = m_c.nodes[size_t(m_implicit)];
        osg::BoundingBoxd box;
        if (n.radius > 0) {
            box.expandBy(osg::BoundingSphered(osg::Vec3d(n.center.x, n.center.y, n.center.z), n.radius));
        }
        box.expandBy(osg::Vec3d(mesh.boundsMin[0], mesh.boundsMin[1], mesh.boundsMin[2]));
        box.expandBy(osg::Vec3d(mesh.boundsMax[0], mesh.boundsMax[1], mesh.boundsMax[2]));
        const osg::Vec3d c = box.center();
        n.center = Vec3d(c.x(), c.y(), c.z());
        n.radius = box.radius();
    }

    int imageIndex(const osg::Image &img)
    {
        auto it = m_images.find(&img);
        if (it != m_images.end())
            return it->second;
        ImageData data;
        QString why;
        int index = -1;
        if (convertImage(img, data, &why)) {
            m_c.images.push_back(std::move(data));
            index = int(m_c.images.size()) - 1;
        } else {
            warnings << QStringLiteral("texture '%1' skipped: %2")
                                .arg(QString::fromStdString(img.getFileName()), why);
        }
        m_images.emplace(&img, index);
        return index;
    }

    TileContent &m_c;
    QString m_dir;
    int m_implicit = -1;
    std::map<const osg::Image *, int> m_images;
};

std::once_flag g_registerOnce;

} // namespace

bool OsgbReader::identify(const QString &path) const
{
    const QString ext = extensionOf(path);
    if (ext != QLatin1String("osgb") && ext != QLatin1String("osgt") && ext != QLatin1String("ive"))
        return false;
    if (RemoteUrl::isRemote(path))
        return true; // remote: decided from the name; the bytes come from RemoteSource
    return QFileInfo(path).isFile();
}

TileReadResult OsgbReader::read(const QString &path) const
{
    TileReadResult result;
    auto fail = [&](const QString &why) {
        result.ok = false;
        result.error = QStringLiteral("%1: %2").arg(QDir::toNativeSeparators(path), why);
        return result;
    };

    QFile file(path);
    if (!file.exists())
        return fail(QStringLiteral("file not found"));
    if (!file.open(QIODevice::ReadOnly))
        return fail(QStringLiteral("cannot open: %1").arg(file.errorString()));
    const qint64 size = file.size();
    result.fileBytes = size;
    if (size == 0)
        return fail(QStringLiteral("empty file"));
    if (size > kMaxFileBytes)
        return fail(QStringLiteral("file too large (%1 MB; limit %2 MB)").arg(size >> 20).arg(kMaxFileBytes >> 20));

    QByteArray bytes = file.readAll();
    if (bytes.size() != size)
        return fail(QStringLiteral("short read: %1").arg(file.errorString()));
    file.close();
    return parse(std::move(bytes), path, false);
}

TileReadResult OsgbReader::readData(const QByteArray &bytes, const QString &name) const
{
    TileReadResult result;
    result.fileBytes = bytes.size();
    if (bytes.isEmpty()) {
        result.error = QStringLiteral("%1: empty file").arg(name);
        return result;
    }
    if (bytes.size() > kMaxFileBytes) {
        result.error = QStringLiteral("%1: file too large (%2 MB; limit %3 MB)").arg(name).arg(bytes.size() >> 20).arg(kMaxFileBytes >> 20);
        return result;
    }
    return parse(bytes, name, RemoteUrl::isRemote(name));
}

TileReadResult OsgbReader::parse(QByteArray bytes, const QString &path, bool remote) const
{
    TileReadResult result;
    result.fileBytes = bytes.size();
    const QString shown = remote ? RemoteUrl::redacted(path) : QDir::toNativeSeparators(path);
    auto fail = [&](const QString &why) {
        result.ok = false;
        result.error = QStringLiteral("%1: %2").arg(shown, why);
        return result;
    };

    const QString ext = extensionOf(path);
    if (ext == QLatin1String("osgb") && bytes.size() >= 8) {
        // osg2 binary magic: 0x1AFB4545 0x6C910EA1 (low word first)
        const uchar *b = reinterpret_cast<const uchar *>(bytes.constData());
        const quint32 w0 = quint32(b[0]) | quint32(b[1]) << 8 | quint32(b[2]) << 16 | quint32(b[3]) << 24;
        if (w0 != 0x6C910EA1u)
            return fail(QStringLiteral("not an OpenSceneGraph binary file (bad header)"));
    }

    NotifyCapture osgSaid; // OSG's own warnings while reading become part of this file's message
    if (ext == QLatin1String("osgb")) {
        const QString unknown = unknownWrapperClass(bytes);
        if (!unknown.isEmpty())
            return fail(QStringLiteral("corrupt or unsupported: Unsupported wrapper class %1 (the file is damaged, "
                                       "or needs an OpenSceneGraph plugin this build lacks)")
                                .arg(unknown));
    }

    osgDB::ReaderWriter *rw = osgDB::Registry::instance()->getReaderWriterForExtension(ext.toStdString());
    if (!rw)
        return fail(QStringLiteral("no OpenSceneGraph plugin for .%1").arg(ext));

    osg::ref_ptr<osgDB::Options> options = new osgDB::Options;
    // remote: children resolve against the file's URL (ContentBuilder); no local database path
    const QString dir = remote ? path : QFileInfo(path).absolutePath();
    if (!remote)
        options->setDatabasePath(dir.toStdString());
    options->setObjectCacheHint(osgDB::Options::CACHE_NONE);

    osg::ref_ptr<osg::Node> root;
    try {
        BoundedBuffer buffer(std::move(bytes));
        std::istream in(&buffer);
        in.exceptions(std::ios::badbit);
        osgDB::ReaderWriter::ReadResult rr = rw->readNode(in, options.get());
        if (!rr.validNode()) {
            QString msg = QString::fromStdString(rr.message()).trimmed();
            if (msg.isEmpty())
                msg = QStringLiteral("OpenSceneGraph could not read it (status %1)").arg(int(rr.status()));
            return fail(QStringLiteral("corrupt or unsupported: %1%2").arg(msg, osgSays(osgSaid)));
        }
        root = rr.getNode();
    } catch (const std::bad_alloc &) {
        return fail(QStringLiteral("corrupt: asks for more memory than is available%1").arg(osgSays(osgSaid)));
    } catch (const std::exception &e) {
        return fail(QStringLiteral("truncated or corrupt (%1)%2").arg(QString::fromLatin1(e.what()), osgSays(osgSaid)));
    } catch (...) {
        return fail(QStringLiteral("corrupt (the OpenSceneGraph reader failed)%1").arg(osgSays(osgSaid)));
    }
    if (!osgSaid.isEmpty()) {
        // OSG complained but still returned a scene: the file is damaged; its message names the file
        const QString warning = QStringLiteral("%1: damaged: parts may be missing%2")
                                        .arg(shown, osgSays(osgSaid));
        result.content.warnings << warning;
        qCWarning(lcOsg, "%s", qPrintable(warning));
    }

    result.content.sourceFile = remote ? path : QFileInfo(path).absoluteFilePath();
    try {
        ContentBuilder builder(result.content, dir);
        builder.build(*root);
        for (const QString &w : builder.warnings)
            qCWarning(lcOsg, "%s: %s", qPrintable(shown), qPrintable(w));
    } catch (const std::bad_alloc &) {
        result.content = TileContent{};
        return fail(QStringLiteral("out of memory converting the tile"));
    }
    result.ok = true;
    return result;
}

void registerOsgbReader()
{
    std::call_once(g_registerOnce, [] {
        osg::setNotifyHandler(new QtNotifyHandler);
        osg::setNotifyLevel(osg::WARN);
        osgDB::Registry *reg = osgDB::Registry::instance();
        // JPEG textures decode straight to RGBA: ahead of OSG's own jpeg plugin
        reg->addReaderWriter(new JpegRgbaReaderWriter);
        // load plugins on this (main) thread, before worker threads read
        for (const char *ext : {"osgb", "ive", "png"})
            reg->getReaderWriterForExtension(ext);
        ReaderRegistry::instance().add(std::make_shared<OsgbReader>());
    });
}

} // namespace liyuan::osgb
