#include <liyuan/osgb/OsgbWriter.h>

#include <osg/Geode>
#include <osg/Geometry>
#include <osg/Image>
#include <osg/Material>
#include <osg/PagedLOD>
#include <osg/Texture2D>
#include <osgDB/Callbacks>
#include <osgDB/Options>
#include <osgDB/ReaderWriter>
#include <osgDB/Registry>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>

#include <algorithm>
#include <cfloat>
#include <fstream>
#include <map>
#include <mutex>
#include <new>
#include <string>

namespace liyuan::osgb {
namespace {

/*
 * How JPEG bytes get into the .osgb: the osg2 plugin's "WriteImageHint=IncludeFile" copies
 * the bytes of the file named by osg::Image::getFileName() into the stream, and that name
 * is stored next to them (ContextCapture stores a bare "Tile_..._0_1.jpg"). OSG looks the
 * file up with osgDB::findDataFile(name) WITHOUT the write options, so a bare name would
 * only be found relative to the current directory. We therefore encode each JPEG into a
 * private temporary folder and install a FindFileCallback that resolves the bare names of
 * the images the CURRENT THREAD is writing (a thread_local table) and defers to whatever
 * callback or default lookup was there before for everything else.
 */
thread_local const std::map<std::string, std::string> *t_embeddedImages = nullptr;

class EmbedFindFileCallback : public osgDB::FindFileCallback
{
public:
    explicit EmbedFindFileCallback(osgDB::FindFileCallback *previous) : m_previous(previous) {}

    std::string findDataFile(const std::string &filename, const osgDB::Options *options,
                             osgDB::CaseSensitivity cs) override
    {
        if (const auto *table = t_embeddedImages) {
            auto it = table->find(filename);
            if (it != table->end())
                return it->second;
        }
        if (m_previous.valid())
            return m_previous->findDataFile(filename, options, cs);
        return osgDB::Registry::instance()->findDataFileImplementation(filename, options, cs);
    }

    std::string findLibraryFile(const std::string &filename, const osgDB::Options *options,
                                osgDB::CaseSensitivity cs) override
    {
        if (m_previous.valid())
            return m_previous->findLibraryFile(filename, options, cs);
        return osgDB::Registry::instance()->findLibraryFileImplementation(filename, options, cs);
    }

private:
    osg::ref_ptr<osgDB::FindFileCallback> m_previous;
};

std::mutex g_callbackMutex;

void ensureFindFileCallback()
{
    std::lock_guard<std::mutex> lock(g_callbackMutex);
    osgDB::Registry *reg = osgDB::Registry::instance();
    if (dynamic_cast<EmbedFindFileCallback *>(reg->getFindFileCallback()))
        return;
    reg->setFindFileCallback(new EmbedFindFileCallback(reg->getFindFileCallback()));
}

/** Sets the thread's table for the duration of one write. */
struct EmbeddedImagesScope
{
    explicit EmbeddedImagesScope(const std::map<std::string, std::string> *t) { t_embeddedImages = t; }
    ~EmbeddedImagesScope() { t_embeddedImages = nullptr; }
};

osg::ref_ptr<osg::Image> toOsgImageRgb(const ImageData &src)
{
    osg::ref_ptr<osg::Image> img = new osg::Image;
    img->allocateImage(src.width, src.height, 1, GL_RGB, GL_UNSIGNED_BYTE, 1);
    img->setInternalTextureFormat(GL_RGB);
    const uchar *s = reinterpret_cast<const uchar *>(src.rgba.constData());
    uchar *d = img->data();
    const size_t n = size_t(src.width) * size_t(src.height);
    for (size_t i = 0; i < n; ++i, s += 4, d += 3) {
        d[0] = s[0];
        d[1] = s[1];
        d[2] = s[2];
    }
    // ImageData rows are bottom row first, which is OSG's default (BOTTOM_LEFT) origin.
    img->setOrigin(osg::Image::BOTTOM_LEFT);
    return img;
}

class GraphBuilder
{
public:
    GraphBuilder(const TileContent &c, const QString &dir, std::vector<osg::ref_ptr<osg::Texture2D>> textures)
        : m_c(c), m_dir(dir), m_textures(std::move(textures))
    {
    }

    QString error;

    osg::ref_ptr<osg::Node> build()
    {
        const int nNodes = int(m_c.nodes.size());
        std::vector<bool> meshUsed(m_c.meshes.size(), false);
        for (const LodNode &n : m_c.nodes) {
            for (const LodRange &r : n.ranges)
                for (int m : r.meshes) {
                    if (m < 0 || m >= int(m_c.meshes.size())) {
                        error = QStringLiteral("a LOD range names mesh %1 of %2").arg(m).arg(m_c.meshes.size());
                        return {};
                    }
                    meshUsed[size_t(m)] = true;
                }
        }
        for (int i = 0; i < nNodes; ++i) {
            const LodNode &n = m_c.nodes[size_t(i)];
            if (n.parentNode >= nNodes || n.parentNode == i
                || (n.parentNode >= 0
                    && (n.parentRange < 0 || n.parentRange >= int(m_c.nodes[size_t(n.parentNode)].ranges.size())))) {
                error = QStringLiteral("LOD node %1 names a missing parent").arg(i);
                return {};
            }
        }

        std::vector<osg::ref_ptr<osg::Node>> top;
        for (int i = 0; i < nNodes; ++i) {
            if (m_c.nodes[size_t(i)].parentNode < 0) {
                osg::ref_ptr<osg::Node> n = buildNode(i, 0);
                if (!n)
                    return {};
                top.push_back(n);
            }
        }
        std::vector<int> loose;
        for (size_t m = 0; m < meshUsed.size(); ++m)
            if (!meshUsed[m])
                loose.push_back(int(m));
        if (!loose.empty())
            top.push_back(buildGeode(loose));

        if (top.empty()) {
            error = QStringLiteral("nothing to write (no meshes and no LOD nodes)");
            return {};
        }
        if (top.size() == 1)
            return top.front();
        osg::ref_ptr<osg::Group> g = new osg::Group;
        for (auto &n : top)
            g->addChild(n);
        return g;
    }

private:
    static bool isPlain(const LodNode &n)
    {
        return n.ranges.size() == 1 && n.ranges[0].childFile.isEmpty() && n.ranges[0].min <= 0.f
               && n.ranges[0].max >= 1e30f;
    }

    osg::ref_ptr<osg::Node> rangeContent(int nodeIndex, int rangeIndex, int depth)
    {
        const LodRange &r = m_c.nodes[size_t(nodeIndex)].ranges[size_t(rangeIndex)];
        std::vector<osg::ref_ptr<osg::Node>> parts;
        if (!r.meshes.empty())
            parts.push_back(buildGeode(r.meshes));
        for (int j = 0; j < int(m_c.nodes.size()); ++j) {
            const LodNode &c = m_c.nodes[size_t(j)];
            if (c.parentNode == nodeIndex && c.parentRange == rangeIndex) {
                osg::ref_ptr<osg::Node> n = buildNode(j, depth + 1);
                if (!n)
                    return {};
                parts.push_back(n);
            }
        }
        if (parts.size() == 1)
            return parts.front();
        osg::ref_ptr<osg::Group> g = new osg::Group; // possibly empty: keeps child indices aligned
        for (auto &p : parts)
            g->addChild(p);
        return g;
    }

    osg::ref_ptr<osg::Node> buildNode(int index, int depth)
    {
        if (depth > 64) {
            error = QStringLiteral("LOD nodes nest too deeply (a cycle?)");
            return {};
        }
        const LodNode &n = m_c.nodes[size_t(index)];
        if (isPlain(n))
            return rangeContent(index, 0, depth);

        osg::ref_ptr<osg::PagedLOD> plod = new osg::PagedLOD;
        plod->setCenterMode(osg::LOD::USER_DEFINED_CENTER);
        const Vec3d c = m_c.origin + n.center;
        plod->setCenter(osg::Vec3(float(c.x), float(c.y), float(c.z)));
        plod->setRadius(float(n.radius));
        plod->setRangeMode(n.rangeMode == RangeMode::PixelSizeOnScreen ? osg::LOD::PIXEL_SIZE_ON_SCREEN
                                                                      : osg::LOD::DISTANCE_FROM_EYE_POINT);
        // OSG pairs child i with range i, so inline ranges come first, file ranges after.
        std::vector<int> order;
        for (int i = 0; i < int(n.ranges.size()); ++i)
            if (n.ranges[size_t(i)].childFile.isEmpty())
                order.push_back(i);
        const size_t nInline = order.size();
        for (int i = 0; i < int(n.ranges.size()); ++i)
            if (!n.ranges[size_t(i)].childFile.isEmpty())
                order.push_back(i);

        for (size_t k = 0; k < order.size(); ++k) {
            const LodRange &r = n.ranges[size_t(order[k])];
            if (k < nInline) {
                osg::ref_ptr<osg::Node> content = rangeContent(index, order[k], depth);
                if (!content)
                    return {};
                plod->addChild(content.get(), r.min, r.max);
            } else {
                QString name = r.childFile;
                if (QFileInfo(name).isAbsolute())
                    name = QDir(m_dir).relativeFilePath(name);
                plod->setFileName(unsigned(k), name.toStdString());
                plod->setRange(unsigned(k), r.min, r.max);
            }
        }
        return plod;
    }

    osg::ref_ptr<osg::Geode> buildGeode(const std::vector<int> &meshes)
    {
        osg::ref_ptr<osg::Geode> geode = new osg::Geode;
        for (int m : meshes)
            if (osg::ref_ptr<osg::Geometry> g = buildGeometry(m_c.meshes[size_t(m)]))
                geode->addDrawable(g);
        return geode;
    }

    osg::ref_ptr<osg::Geometry> buildGeometry(const MeshData &mesh)
    {
        const size_t nv = mesh.positions.size() / 3;
        osg::ref_ptr<osg::Geometry> geom = new osg::Geometry;
        geom->setDataVariance(osg::Object::STATIC);
        geom->setUseDisplayList(false);
        geom->setUseVertexBufferObjects(true);

        osg::ref_ptr<osg::Vec3Array> v = new osg::Vec3Array(unsigned(nv));
        for (size_t i = 0; i < nv; ++i) {
            (*v)[i].set(float(m_c.origin.x + mesh.positions[i * 3 + 0]),
                        float(m_c.origin.y + mesh.positions[i * 3 + 1]),
                        float(m_c.origin.z + mesh.positions[i * 3 + 2]));
        }
        geom->setVertexArray(v);

        const bool hasNormals = mesh.normals.size() == nv * 3 && nv > 0;
        if (hasNormals) {
            osg::ref_ptr<osg::Vec3Array> na = new osg::Vec3Array(unsigned(nv));
            for (size_t i = 0; i < nv; ++i)
                (*na)[i].set(mesh.normals[i * 3 + 0], mesh.normals[i * 3 + 1], mesh.normals[i * 3 + 2]);
            geom->setNormalArray(na, osg::Array::BIND_PER_VERTEX);
        }
        const bool hasUvs = mesh.uvs.size() == nv * 2 && nv > 0;
        if (hasUvs) {
            osg::ref_ptr<osg::Vec2Array> ta = new osg::Vec2Array(unsigned(nv));
            for (size_t i = 0; i < nv; ++i)
                (*ta)[i].set(mesh.uvs[i * 2 + 0], mesh.uvs[i * 2 + 1]);
            geom->setTexCoordArray(0, ta, osg::Array::BIND_PER_VERTEX);
        }

        size_t nIdx = mesh.indices.size() - mesh.indices.size() % 3;
        for (size_t i = 0; i < nIdx; ++i) {
            if (mesh.indices[i] >= nv) {
                error = QStringLiteral("mesh index %1 out of range (%2 vertices)").arg(mesh.indices[i]).arg(nv);
                return {};
            }
        }
        if (nv <= 65535) {
            osg::ref_ptr<osg::DrawElementsUShort> de = new osg::DrawElementsUShort(GL_TRIANGLES);
            de->reserve(nIdx);
            for (size_t i = 0; i < nIdx; ++i)
                de->push_back(GLushort(mesh.indices[i]));
            geom->addPrimitiveSet(de);
        } else {
            osg::ref_ptr<osg::DrawElementsUInt> de = new osg::DrawElementsUInt(GL_TRIANGLES);
            de->reserve(nIdx);
            for (size_t i = 0; i < nIdx; ++i)
                de->push_back(GLuint(mesh.indices[i]));
            geom->addPrimitiveSet(de);
        }

        osg::StateSet *ss = geom->getOrCreateStateSet();
        ss->setDataVariance(osg::Object::STATIC);
        const bool textured = hasUvs && mesh.imageIndex >= 0 && mesh.imageIndex < int(m_textures.size())
                              && m_textures[size_t(mesh.imageIndex)].valid();
        if (textured) {
            // Like ContextCapture: a white material (switched off) and the texture.
            osg::ref_ptr<osg::Material> mat = new osg::Material;
            mat->setAmbient(osg::Material::FRONT_AND_BACK, osg::Vec4(1, 1, 1, 1));
            mat->setDiffuse(osg::Material::FRONT_AND_BACK, osg::Vec4(1, 1, 1, 1));
            mat->setSpecular(osg::Material::FRONT_AND_BACK, osg::Vec4(0, 0, 0, 1));
            mat->setEmission(osg::Material::FRONT_AND_BACK, osg::Vec4(0, 0, 0, 1));
            mat->setShininess(osg::Material::FRONT_AND_BACK, 0.f);
            ss->setAttribute(mat, osg::StateAttribute::OFF);
            ss->setTextureAttributeAndModes(0, m_textures[size_t(mesh.imageIndex)].get(), osg::StateAttribute::ON);
        } else {
            osg::ref_ptr<osg::Vec4Array> col = new osg::Vec4Array(1);
            (*col)[0].set(mesh.color[0], mesh.color[1], mesh.color[2], mesh.color[3]);
            geom->setColorArray(col, osg::Array::BIND_OVERALL);
        }
        if (!hasNormals) // shading is baked into the texture (photogrammetry); no normals to light with
            ss->setMode(GL_LIGHTING, osg::StateAttribute::OFF);
        return geom;
    }

    const TileContent &m_c;
    QString m_dir;
    std::vector<osg::ref_ptr<osg::Texture2D>> m_textures;
};

} // namespace

bool writeTile(const TileContent &content, const QString &path, QString *error)
{
    auto fail = [&](const QString &why) {
        if (error)
            *error = QStringLiteral("%1: %2").arg(QDir::toNativeSeparators(path), why);
        return false;
    };
    try {
        const QFileInfo fi(path);
        const QString dir = fi.absolutePath();
        if (!QDir().mkpath(dir))
            return fail(QStringLiteral("cannot create folder %1").arg(dir));

        osgDB::Registry *reg = osgDB::Registry::instance();
        osgDB::ReaderWriter *osgbRw = reg->getReaderWriterForExtension("osgb");
        if (!osgbRw)
            return fail(QStringLiteral("no OpenSceneGraph plugin for .osgb"));

        // 1. Encode each used image as JPEG into a private temporary folder.
        std::vector<bool> used(content.images.size(), false);
        for (const MeshData &m : content.meshes)
            if (m.imageIndex >= 0 && m.imageIndex < int(content.images.size()) && !m.uvs.empty())
                used[size_t(m.imageIndex)] = true;

        QTemporaryDir tmp(QDir::tempPath() + QStringLiteral("/liyuan-osgb-XXXXXX"));
        std::map<std::string, std::string> table;
        std::vector<osg::ref_ptr<osg::Texture2D>> textures(content.images.size());
        const QString base = fi.completeBaseName();
        bool anyImage = false;
        for (size_t i = 0; i < content.images.size(); ++i) {
            if (!used[i])
                continue;
            const ImageData &src = content.images[i];
            if (!src.isValid())
                return fail(QStringLiteral("image %1 is invalid (%2x%3, %4 bytes)")
                                    .arg(i).arg(src.width).arg(src.height).arg(src.rgba.size()));
            if (!anyImage) {
                if (!tmp.isValid())
                    return fail(QStringLiteral("cannot create a temporary folder: %1").arg(tmp.errorString()));
                anyImage = true;
            }
            osgDB::ReaderWriter *jpegRw = nullptr;
            for (int attempt = 0; attempt < 2 && !jpegRw; ++attempt) {
                for (const auto &rw : reg->getReaderWriterList())
                    if (rw->acceptsExtension("jpg") && (rw->supportedFeatures() & osgDB::ReaderWriter::FEATURE_WRITE_IMAGE)) {
                        jpegRw = rw.get();
                        break;
                    }
                if (!jpegRw)
                    reg->loadLibrary(reg->createLibraryNameForExtension("jpeg"));
            }
            if (!jpegRw)
                return fail(QStringLiteral("no OpenSceneGraph plugin for .jpg"));
            osg::ref_ptr<osg::Image> img = toOsgImageRgb(src);
            const std::string name = QStringLiteral("%1_%2.jpg").arg(base).arg(i).toStdString();
            const std::string tmpPath = QDir(tmp.path()).filePath(QString::fromStdString(name)).toStdString();
            {
                std::ofstream out(tmpPath, std::ios::out | std::ios::binary | std::ios::trunc);
                if (!out)
                    return fail(QStringLiteral("cannot write a temporary JPEG"));
                osg::ref_ptr<osgDB::Options> jopt = new osgDB::Options("JPEG_QUALITY 82");
                const osgDB::ReaderWriter::WriteResult wr = jpegRw->writeImage(*img, out, jopt.get());
                out.close();
                if (!wr.success() || !out)
                    return fail(QStringLiteral("JPEG encoding of image %1 failed: %2")
                                        .arg(i).arg(QString::fromStdString(wr.message())));
            }
            img->setFileName(name);
            img->setWriteHint(osg::Image::STORE_INLINE);
            table[name] = tmpPath;

            osg::ref_ptr<osg::Texture2D> tex = new osg::Texture2D(img.get());
            tex->setDataVariance(osg::Object::STATIC);
            tex->setWrap(osg::Texture::WRAP_S, osg::Texture::CLAMP_TO_EDGE);
            tex->setWrap(osg::Texture::WRAP_T, osg::Texture::CLAMP_TO_EDGE);
            tex->setWrap(osg::Texture::WRAP_R, osg::Texture::CLAMP_TO_EDGE);
            tex->setFilter(osg::Texture::MIN_FILTER, osg::Texture::LINEAR_MIPMAP_LINEAR);
            tex->setFilter(osg::Texture::MAG_FILTER, osg::Texture::LINEAR);
            tex->setUnRefImageDataAfterApply(true);
            textures[i] = tex;
        }

        // 2. Build the scene graph.
        GraphBuilder builder(content, dir, textures);
        osg::ref_ptr<osg::Node> root = builder.build();
        if (!root || !builder.error.isEmpty())
            return fail(builder.error.isEmpty() ? QStringLiteral("cannot build the scene graph") : builder.error);

        // 3. Serialise to a part file, then rename into place.
        if (anyImage)
            ensureFindFileCallback();
        const QString partPath = path + QStringLiteral(".part");
        {
            std::ofstream out(QFile::encodeName(partPath).toStdString(),
                              std::ios::out | std::ios::binary | std::ios::trunc);
            if (!out)
                return fail(QStringLiteral("cannot open for writing"));
            osg::ref_ptr<osgDB::Options> opt = new osgDB::Options("WriteImageHint=IncludeFile");
            osgDB::ReaderWriter::WriteResult wr;
            {
                EmbeddedImagesScope scope(&table);
                wr = osgbRw->writeNode(*root, out, opt.get());
            }
            out.flush();
            const bool streamOk = bool(out);
            out.close();
            if (!wr.success() || !streamOk) {
                QFile::remove(partPath);
                const QString msg = QString::fromStdString(wr.message());
                return fail(msg.isEmpty() ? QStringLiteral("write failed (disk full?)") : msg);
            }
        }
        QFile::remove(path);
        if (!QFile::rename(partPath, path)) {
            QFile::remove(partPath);
            return fail(QStringLiteral("cannot move the written file into place"));
        }
        return true;
    } catch (const std::bad_alloc &) {
        return fail(QStringLiteral("out of memory"));
    } catch (const std::exception &e) {
        return fail(QString::fromLocal8Bit(e.what()));
    }
}

} // namespace liyuan::osgb
