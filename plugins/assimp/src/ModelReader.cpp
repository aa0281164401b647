#include <liyuan/assimp/ModelReader.h>

#include <assimp/BaseImporter.h>
#include <assimp/Importer.hpp>
#include <assimp/importerdesc.h>
#include <assimp/ProgressHandler.hpp>
#include <assimp/material.h>
#include <assimp/postprocess.h>
#include <assimp/scene.h>

#include <liyuan/geodata/LoadCancel.h>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QImage>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSet>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <exception>

namespace liyuan::assimp {
namespace {

// Flags chosen to be safe: no flag that rewrites the node tree or merges meshes (counts stay
// as the file has them), validation so broken data fails the import instead of crashing later.
// Missing normals are made here (MeshData::generateFlatNormals), not by aiProcess_GenNormals:
// that one gives a vertex shared by several faces the normal of the last face only.
constexpr unsigned kImportFlags = aiProcess_Triangulate | aiProcess_ValidateDataStructure;

/**
 * Leaves only the importers that claim `ext` in `importer`: Assimp otherwise tries every
 * importer by content when the right one refuses a damaged file, and a corrupt .glb ends up
 * reported as an OBJ parse error. Returns the number of importers left.
 */
int pinImportersTo(Assimp::Importer &importer, const QString &ext)
{
    std::vector<Assimp::BaseImporter *> others;
    int kept = 0;
    for (size_t i = 0; i < importer.GetImporterCount(); ++i) {
        const aiImporterDesc *d = importer.GetImporterInfo(i);
        const QStringList exts = d && d->mFileExtensions
                ? QString::fromLatin1(d->mFileExtensions).toLower().split(QLatin1Char(' '), Qt::SkipEmptyParts)
                : QStringList();
        if (exts.contains(ext))
            ++kept;
        else
            others.push_back(importer.GetImporter(i));
    }
    if (kept == 0)
        return 0; // nothing claims it: leave Assimp's own choice
    for (Assimp::BaseImporter *imp : others)
        if (importer.UnregisterLoader(imp) == aiReturn_SUCCESS)
            delete imp; // unregistered loaders are no longer the importer's to delete
    return kept;
}

/**
 * A STEP file ends with "END-ISO-10303-21;" after the DATA section's "ENDSEC;". A file cut
 * short still imports whatever entities came before the cut, so this says what is missing
 * (empty when the end is there).
 */
QString stepTruncation(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return QString();
    const qint64 size = f.size();
    f.seek(std::max<qint64>(0, size - 4096));
    const QByteArray tail = f.read(4096).toUpper();
    const bool end = tail.contains("END-ISO-10303-21");
    const bool endsec = tail.contains("ENDSEC");
    if (end && endsec)
        return QString();
    return QStringLiteral("truncated or incomplete IFC: the file does not end with %1 — only the part before the "
                          "cut is loaded")
            .arg(endsec ? QStringLiteral("END-ISO-10303-21;") : QStringLiteral("ENDSEC; and END-ISO-10303-21;"));
}

const QStringList &knownExtensions()
{
    static const QStringList ext = {
        QStringLiteral("ifc"), QStringLiteral("glb"), QStringLiteral("gltf"), QStringLiteral("obj"),
        QStringLiteral("fbx"), QStringLiteral("dae"), QStringLiteral("3ds"), QStringLiteral("ply"),
        QStringLiteral("stl"), QStringLiteral("3mf"), QStringLiteral("x3d"), QStringLiteral("lwo"),
        QStringLiteral("off"), QStringLiteral("ac"), QStringLiteral("ms3d"), QStringLiteral("x"),
    };
    return ext;
}

class Progress : public Assimp::ProgressHandler
{
public:
    explicit Progress(const std::function<void(double)> &f) : m_f(f) {}
    bool Update(float percentage) override
    {
        if (m_f && percentage >= 0.f)
            m_f(0.8 * std::clamp(double(percentage), 0.0, 1.0));
        return !LoadCancel::requested(); // false: Assimp abandons the import

    }

private:
    const std::function<void(double)> &m_f;
};

struct Mat4
{
    double m[16] = {1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1};
    Mat4 operator*(const Mat4 &o) const
    {
        Mat4 r;
        for (int i = 0; i < 4; ++i)
            for (int j = 0; j < 4; ++j) {
                double s = 0;
                for (int k = 0; k < 4; ++k)
                    s += m[i * 4 + k] * o.m[k * 4 + j];
                r.m[i * 4 + j] = s;
            }
        return r;
    }
    void apply(const double p[3], double out[3]) const
    {
        for (int i = 0; i < 3; ++i)
            out[i] = m[i * 4] * p[0] + m[i * 4 + 1] * p[1] + m[i * 4 + 2] * p[2] + m[i * 4 + 3];
    }
};

QString aiStr(const aiString &s) { return QString::fromUtf8(s.C_Str(), int(s.length)); }

/** RGBA8, bottom row first, tightly packed. */
ImageData toImageData(const QImage &src)
{
    ImageData out;
    if (src.isNull())
        return out;
    const QImage img = src.convertToFormat(QImage::Format_RGBA8888);
    out.width = img.width();
    out.height = img.height();
    out.rgba.resize(qsizetype(out.width) * out.height * 4);
    const qsizetype row = qsizetype(out.width) * 4;
    for (int y = 0; y < out.height; ++y)
        std::memcpy(out.rgba.data() + row * y, img.constScanLine(out.height - 1 - y), size_t(row));
    return out;
}

ImageData decodeEmbedded(const aiTexture *t)
{
    if (!t || !t->pcData)
        return {};
    if (t->mHeight == 0) { // compressed file data of mWidth bytes
        QImage img;
        img.loadFromData(reinterpret_cast<const uchar *>(t->pcData), int(t->mWidth));
        return toImageData(img);
    }
    if (t->mWidth > 32768 || t->mHeight > 32768)
        return {};
    QImage img(int(t->mWidth), int(t->mHeight), QImage::Format_RGBA8888);
    for (unsigned y = 0; y < t->mHeight; ++y) {
        uchar *line = img.scanLine(int(y));
        for (unsigned x = 0; x < t->mWidth; ++x) {
            const aiTexel &px = t->pcData[size_t(y) * t->mWidth + x];
            line[x * 4] = px.r; line[x * 4 + 1] = px.g; line[x * 4 + 2] = px.b; line[x * 4 + 3] = px.a;
        }
    }
    return toImageData(img);
}

/** IFC schema named by FILE_SCHEMA in a STEP header, e.g. "IFC2X3", "IFC4"; empty if none. */
QString stepSchema(const QByteArray &head)
{
    static const QRegularExpression re(QStringLiteral("FILE_SCHEMA\\s*\\(\\s*\\(\\s*'([^']*)'"),
                                       QRegularExpression::CaseInsensitiveOption);
    const auto m = re.match(QString::fromLatin1(head));
    return m.hasMatch() ? m.captured(1).trimmed().toUpper() : QString();
}

/** mtllib / usemtl names of an OBJ file. */
void scanObj(const QString &path, QStringList &mtllibs, QStringList &usemtl, const QByteArray &keyA = "mtllib ",
             const QByteArray &keyB = "usemtl ")
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return;
    while (!f.atEnd()) {
        const QByteArray line = f.readLine(1 << 16).trimmed();
        if (line.startsWith(keyA)) {
            const QString name = QString::fromUtf8(line.mid(keyA.size())).trimmed();
            if (!name.isEmpty() && !mtllibs.contains(name))
                mtllibs << name;
        } else if (line.startsWith(keyB)) {
            const QString name = QString::fromUtf8(line.mid(keyB.size())).trimmed();
            if (!name.isEmpty() && !usemtl.contains(name))
                usemtl << name;
        }
    }
}

/** Decodes a STEP string literal body ('' quotes, \X2\hhhh\X0\ UTF-16, \X\hh Latin-1, \S\c). */
QString decodeStepString(const QByteArray &in)
{
    QString out;
    for (qsizetype i = 0; i < in.size(); ++i) {
        const char ch = in[i];
        if (ch == '\'' && i + 1 < in.size() && in[i + 1] == '\'') {
            out += QLatin1Char('\'');
            ++i;
        } else if (in.mid(i, 4) == "\\X2\\") {
            const qsizetype end = in.indexOf("\\X0\\", i + 4);
            if (end < 0)
                break;
            const QByteArray hex = in.mid(i + 4, end - i - 4);
            for (qsizetype k = 0; k + 4 <= hex.size(); k += 4)
                out += QChar(char16_t(hex.mid(k, 4).toUShort(nullptr, 16)));
            i = end + 3;
        } else if (in.mid(i, 3) == "\\X\\" && i + 4 < in.size()) {
            out += QChar(char16_t(in.mid(i + 3, 2).toUShort(nullptr, 16)));
            i += 4;
        } else if (in.mid(i, 3) == "\\S\\" && i + 3 < in.size()) {
            out += QChar(char16_t(uchar(in[i + 3]) + 128));
            i += 3;
        } else {
            out += QLatin1Char(ch);
        }
    }
    return out;
}

/** GlobalId -> Name of every IfcBuildingStorey in a STEP file (Assimp drops spaces from node names). */
QHash<QString, QString> ifcStoreyNames(const QString &path)
{
    QHash<QString, QString> names;
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return names;
    static const QRegularExpression re(
        QStringLiteral("IFCBUILDINGSTOREY\\s*\\(\\s*'([^']*)'\\s*,[^,]*,\\s*'((?:[^']|'')*)'"),
        QRegularExpression::CaseInsensitiveOption);
    QByteArray entity;
    while (!f.atEnd()) {
        const QByteArray line = f.readLine(1 << 20);
        if (entity.isEmpty() && !line.toUpper().contains("IFCBUILDINGSTOREY"))
            continue;
        entity += line.trimmed();
        if (!entity.endsWith(';') && entity.size() < (1 << 16))
            continue;
        const auto m = re.match(QString::fromLatin1(entity));
        if (m.hasMatch())
            names.insert(m.captured(1), decodeStepString(m.captured(2).toLatin1()));
        entity.clear();
    }
    return names;
}

QString resolveExternal(const QString &dir, const QString &ref)
{
    QString p = ref;
    p.replace(QLatin1Char('\\'), QLatin1Char('/'));
    if (p.startsWith(QLatin1String("file://")))
        p = p.mid(7);
    const QFileInfo direct(QFileInfo(p).isAbsolute() ? p : QDir(dir).filePath(p));
    if (direct.isFile())
        return direct.absoluteFilePath();
    const QFileInfo byName(QDir(dir).filePath(QFileInfo(p).fileName())); // exporters often write foreign absolute paths
    if (byName.isFile())
        return byName.absoluteFilePath();
    return {};
}

} // namespace

bool ModelReader::identify(const QString &path)
{
    const QFileInfo fi(path);
    const QString ext = fi.suffix().toLower();
    if (!knownExtensions().contains(ext))
        return false;
    if (ext == QLatin1String("glb") || ext == QLatin1String("ifc")) {
        QFile f(path);
        if (!f.open(QIODevice::ReadOnly))
            return false;
        const QByteArray head = f.read(16);
        if (ext == QLatin1String("glb"))
            return head.startsWith("glTF");
        return head.trimmed().startsWith("ISO-10303-21");
    }
    return fi.isFile();
}

ModelReadResult ModelReader::read(const QString &path, const std::function<void(double)> &progress) const
{
    ModelReadResult result;
    ModelContent &c = result.content;
    c.sourceFile = path;
    auto fail = [&](const QString &why) {
        result.ok = false;
        result.error = QStringLiteral("%1: %2").arg(QDir::toNativeSeparators(path), why);
        return result;
    };

    const QFileInfo fi(path);
    if (!fi.isFile())
        return fail(QStringLiteral("file does not exist"));
    if (fi.size() == 0)
        return fail(QStringLiteral("file is empty"));
    if (fi.size() > kMaxFileBytes)
        return fail(QStringLiteral("file is too large (%1 bytes)").arg(fi.size()));
    const QString ext = fi.suffix().toLower();
    QByteArray head;
    {
        QFile f(path);
        if (!f.open(QIODevice::ReadOnly))
            return fail(QStringLiteral("cannot open: %1").arg(f.errorString()));
        head = f.read(64 * 1024);
    }

    // Sniff and refuse what this Assimp cannot or must not read.
    const bool isGlb = head.startsWith("glTF");
    const bool isStep = head.trimmed().startsWith("ISO-10303-21");
    if (isGlb) {
        if (head.size() < 12)
            return fail(QStringLiteral("truncated glTF binary (header incomplete)"));
        quint32 version = 0, length = 0;
        std::memcpy(&version, head.constData() + 4, 4);
        std::memcpy(&length, head.constData() + 8, 4);
        if (version != 2)
            return fail(QStringLiteral("glTF binary version %1 is not supported (only 2)").arg(version));
        if (qint64(length) > fi.size())
            return fail(QStringLiteral("truncated glTF binary (%1 of %2 bytes)").arg(fi.size()).arg(length));
    } else if (ext == QLatin1String("glb")) {
        return fail(QStringLiteral("not a glTF binary (bad magic)"));
    }
    if (isStep) {
        const QString schema = stepSchema(head);
        if (schema.startsWith(QLatin1String("IFC4")))
            return fail(QStringLiteral("%1 is not supported by this Assimp (5.2); export as IFC 2x3 or glTF")
                            .arg(schema == QLatin1String("IFC4") ? schema : QStringLiteral("IFC4 (%1)").arg(schema)));
        if (!schema.startsWith(QLatin1String("IFC")))
            return fail(QStringLiteral("STEP file with schema '%1' is not IFC").arg(schema));
    } else if (ext == QLatin1String("ifc")) {
        return fail(QStringLiteral("not an IFC STEP file (no ISO-10303-21 header)"));
    }
    if (!isGlb && !isStep && !knownExtensions().contains(ext))
        return fail(QStringLiteral("unknown format (extension '%1')").arg(ext));

    QStringList objMtllibs, objUsemtl, objDefined;
    if (ext == QLatin1String("obj")) {
        scanObj(path, objMtllibs, objUsemtl);
        for (const QString &m : objMtllibs) {
            const QString file = resolveExternal(fi.absolutePath(), m);
            if (file.isEmpty()) {
                c.missingFiles << m;
                c.warnings << QStringLiteral("material library %1 not found").arg(m);
            } else {
                QStringList unused;
                scanObj(file, objDefined, unused, "newmtl ", "\x01");
            }
        }
    }

    Assimp::Importer importer;
    if (knownExtensions().contains(ext))
        pinImportersTo(importer, ext);
    importer.SetPropertyBool(AI_CONFIG_IMPORT_NO_SKELETON_MESHES, true);
    importer.SetProgressHandler(new Progress(progress)); // owned by the importer
    const aiScene *scene = nullptr;
    try {
        scene = importer.ReadFile(QFile::encodeName(fi.absoluteFilePath()).constData(), kImportFlags);
    } catch (const std::exception &e) {
        return fail(QStringLiteral("Assimp failed: %1").arg(QString::fromUtf8(e.what())));
    } catch (...) {
        return fail(QStringLiteral("Assimp failed with an unknown exception"));
    }
    if (!scene) {
        const QString why = QString::fromUtf8(importer.GetErrorString());
        if (why.contains(QLatin1String("No suitable reader")) && isGlb) {
            // the glTF importer (the only one left) refused it while probing: say what is wrong
            quint32 jsonLength = 0;
            if (head.size() >= 20)
                std::memcpy(&jsonLength, head.constData() + 12, 4);
            QJsonParseError pe{};
            if (head.mid(16, 4) != "JSON")
                return fail(QStringLiteral("damaged glTF binary: its first chunk is not JSON"));
            QJsonDocument::fromJson(head.mid(20, qsizetype(std::min<quint32>(jsonLength, 64 * 1024))), &pe);
            if (pe.error != QJsonParseError::NoError && jsonLength <= 64 * 1024 - 20)
                return fail(QStringLiteral("damaged glTF binary: its JSON chunk is not valid JSON (%1 at offset %2)")
                                .arg(pe.errorString())
                                .arg(pe.offset));
            return fail(QStringLiteral("damaged glTF binary: Assimp's glTF 2.0 importer refuses its JSON "
                                       "(accessors, buffers or views that do not add up)"));
        }
        if (why.contains(QLatin1String("No suitable reader")) && knownExtensions().contains(ext))
            return fail(QStringLiteral("Assimp's importer for .%1 files cannot read it (damaged file?)").arg(ext));
        if (why.contains(QLatin1String("No suitable reader")))
            return fail(QStringLiteral("unknown format (%1)").arg(why));
        return fail(QStringLiteral("Assimp could not read it: %1").arg(why));
    }
    if (!scene->mRootNode)
        return fail(QStringLiteral("Assimp returned a scene without nodes"));
    if (scene->mNumMeshes == 0)
        return fail(QStringLiteral("no geometry in the file"));

    // Format and up axis.
    const size_t importerIndex = importer.GetImporterIndex(ext.toLatin1().constData());
    if (importerIndex != size_t(-1))
        if (const aiImporterDesc *d = importer.GetImporterInfo(importerIndex))
            c.format = QString::fromUtf8(d->mName);
    if (c.format.isEmpty())
        c.format = ext.toUpper();
    if (isStep) {
        const QString truncated = stepTruncation(path);
        if (!truncated.isEmpty())
            c.warnings << truncated;
        c.format = QStringLiteral("IFC");
        c.fileUpAxis = UpAxis::Z; // IFC is Z-up; Assimp's IFC loader rotates it to Y-up
    } else if (isGlb || ext == QLatin1String("gltf")) {
        c.format = QStringLiteral("glTF 2.0");
        c.fileUpAxis = UpAxis::Y;
    }
    if (scene->mMetaData) {
        int up = -1;
        if (scene->mMetaData->Get("UpAxis", up) && up >= 0 && up <= 2) {
            c.fileUpAxis = up == 0 ? UpAxis::X : (up == 1 ? UpAxis::Y : UpAxis::Z);
            c.storedUpAxis = c.fileUpAxis; // formats with this metadata (FBX) are not converted by Assimp
        }
        double unitD = 0.0;
        float unitF = 0.f;
        if (scene->mMetaData->Get("UnitScaleFactor", unitD) && std::isfinite(unitD) && unitD > 0.0)
            c.unitScale = unitD / 100.0; // FBX: centimetres per unit
        else if (scene->mMetaData->Get("UnitScaleFactor", unitF) && std::isfinite(unitF) && unitF > 0.f)
            c.unitScale = double(unitF) / 100.0;
    }

    // Textures: embedded first (index == Assimp's embedded index), external appended.
    for (unsigned i = 0; i < scene->mNumTextures; ++i) {
        const aiTexture *t = scene->mTextures[i];
        ModelTexture tex;
        tex.embedded = true;
        tex.name = (t && t->mFilename.length) ? aiStr(t->mFilename) : QStringLiteral("*%1").arg(i);
        tex.image = decodeEmbedded(t);
        if (!tex.image.isValid()) {
            c.warnings << QStringLiteral("embedded texture %1 could not be decoded").arg(tex.name);
            c.missingTextures << tex.name;
        } else {
            ++c.counts.texturesEmbedded;
        }
        c.textures.push_back(std::move(tex));
    }
    QHash<QString, int> externalIndex;
    QSet<QString> missingSet;
    auto textureFor = [&](const aiString &ref) -> int {
        const QString name = aiStr(ref);
        if (name.isEmpty())
            return -1;
        if (name.startsWith(QLatin1Char('*'))) {
            bool ok = false;
            const int i = name.mid(1).toInt(&ok);
            if (ok && i >= 0 && i < int(scene->mNumTextures))
                return c.textures[size_t(i)].image.isValid() ? i : -1;
        }
        for (unsigned i = 0; i < scene->mNumTextures; ++i) // embedded by file name (FBX)
            if (scene->mTextures[i] && scene->mTextures[i]->mFilename.length
                && aiStr(scene->mTextures[i]->mFilename) == name)
                return c.textures[i].image.isValid() ? int(i) : -1;
        if (externalIndex.contains(name))
            return externalIndex.value(name);
        int index = -1;
        const QString file = resolveExternal(fi.absolutePath(), name);
        if (!file.isEmpty()) {
            ModelTexture tex;
            tex.name = name;
            tex.filePath = file;
            tex.image = toImageData(QImage(file));
            if (tex.image.isValid()) {
                index = int(c.textures.size());
                c.textures.push_back(std::move(tex));
                ++c.counts.texturesExternal;
            } else {
                c.warnings << QStringLiteral("texture %1 could not be decoded").arg(file);
            }
        }
        if (index < 0 && !missingSet.contains(name)) {
            missingSet.insert(name);
            c.missingTextures << name;
        }
        externalIndex.insert(name, index);
        return index;
    };

    // Materials (Assimp's unused trailing default material is dropped).
    std::vector<bool> materialUsed(scene->mNumMaterials, false);
    for (unsigned i = 0; i < scene->mNumMeshes; ++i)
        if (scene->mMeshes[i] && scene->mMeshes[i]->mMaterialIndex < scene->mNumMaterials)
            materialUsed[scene->mMeshes[i]->mMaterialIndex] = true;
    unsigned materialCount = scene->mNumMaterials;
    if (materialCount > 0 && !materialUsed[materialCount - 1] && scene->mMaterials[materialCount - 1]
        && (aiStr(scene->mMaterials[materialCount - 1]->GetName()) == QLatin1String(AI_DEFAULT_MATERIAL_NAME)
            || scene->mMaterials[materialCount - 1]->GetName().length == 0))
        --materialCount;
    for (unsigned i = 0; i < materialCount; ++i) {
        const aiMaterial *m = scene->mMaterials[i];
        ModelMaterial mat;
        if (m) {
            mat.name = aiStr(m->GetName());
            aiColor4D col;
            if (m->Get(AI_MATKEY_BASE_COLOR, col) == AI_SUCCESS || m->Get(AI_MATKEY_COLOR_DIFFUSE, col) == AI_SUCCESS) {
                mat.baseColor[0] = col.r; mat.baseColor[1] = col.g; mat.baseColor[2] = col.b; mat.baseColor[3] = col.a;
            }
            float opacity = 1.f;
            if (m->Get(AI_MATKEY_OPACITY, opacity) == AI_SUCCESS && opacity < 1.f)
                mat.baseColor[3] = std::min(mat.baseColor[3], std::max(0.f, opacity));
            float f = 0.f;
            if (m->Get(AI_MATKEY_METALLIC_FACTOR, f) == AI_SUCCESS)
                mat.metallic = f;
            if (m->Get(AI_MATKEY_ROUGHNESS_FACTOR, f) == AI_SUCCESS)
                mat.roughness = f;
            mat.metallic = std::isfinite(mat.metallic) ? std::clamp(mat.metallic, 0.f, 1.f) : 0.f;
            mat.roughness = std::isfinite(mat.roughness) ? std::clamp(mat.roughness, 0.f, 1.f) : 1.f;
            aiColor3D emissive;
            if (m->Get(AI_MATKEY_COLOR_EMISSIVE, emissive) == AI_SUCCESS) {
                const float e[3] = {emissive.r, emissive.g, emissive.b};
                for (int k = 0; k < 3; ++k)
                    mat.emissive[k] = std::isfinite(e[k]) ? std::clamp(e[k], 0.f, 1.f) : 0.f;
            }
            aiString texPath;
            if (m->GetTexture(aiTextureType_BASE_COLOR, 0, &texPath) == AI_SUCCESS
                || m->GetTexture(aiTextureType_DIFFUSE, 0, &texPath) == AI_SUCCESS)
                mat.baseColorTexture = textureFor(texPath);
        }
        c.materials.push_back(std::move(mat));
    }
    c.counts.texturesMissing = c.missingTextures.size();
    if (!objUsemtl.isEmpty()) { // Assimp invents a material for an undefined usemtl: compare with the .mtl files
        for (const QString &u : objUsemtl)
            if (!objDefined.contains(u)) {
                c.missingMaterials << u;
                c.warnings << QStringLiteral("material %1 is used but not defined").arg(u);
            }
    }
    if (progress)
        progress(0.85);

    // Meshes: triangles only.
    c.meshes.resize(scene->mNumMeshes);
    for (unsigned i = 0; i < scene->mNumMeshes; ++i) {
        const aiMesh *m = scene->mMeshes[i];
        ModelMesh &out = c.meshes[i];
        if (!m)
            continue;
        out.name = aiStr(m->mName);
        out.material = m->mMaterialIndex < materialCount ? int(m->mMaterialIndex) : -1;
        MeshData &d = out.data;
        const unsigned nv = m->mNumVertices;
        if (!m->mVertices)
            continue;
        d.positions.resize(size_t(nv) * 3);
        for (unsigned v = 0; v < nv; ++v) {
            d.positions[v * 3] = m->mVertices[v].x;
            d.positions[v * 3 + 1] = m->mVertices[v].y;
            d.positions[v * 3 + 2] = m->mVertices[v].z;
        }
        if (m->mNormals) {
            d.normals.resize(size_t(nv) * 3);
            for (unsigned v = 0; v < nv; ++v) {
                d.normals[v * 3] = m->mNormals[v].x;
                d.normals[v * 3 + 1] = m->mNormals[v].y;
                d.normals[v * 3 + 2] = m->mNormals[v].z;
            }
        }
        if (m->mTextureCoords[0]) {
            d.uvs.resize(size_t(nv) * 2);
            for (unsigned v = 0; v < nv; ++v) {
                d.uvs[v * 2] = m->mTextureCoords[0][v].x;
                d.uvs[v * 2 + 1] = m->mTextureCoords[0][v].y;
            }
        }
        if (m->mColors[0]) {
            d.colors.resize(size_t(nv) * 4);
            for (unsigned v = 0; v < nv; ++v) {
                const aiColor4D &col = m->mColors[0][v];
                const float ch[4] = {col.r, col.g, col.b, col.a};
                for (int k = 0; k < 4; ++k)
                    d.colors[v * 4 + k] = uint8_t(std::clamp(ch[k], 0.f, 1.f) * 255.f + 0.5f);
            }
        }
        d.indices.reserve(size_t(m->mNumFaces) * 3);
        for (unsigned f = 0; f < m->mNumFaces; ++f) {
            const aiFace &face = m->mFaces[f];
            if (face.mNumIndices != 3 || !face.mIndices)
                continue;
            if (face.mIndices[0] >= nv || face.mIndices[1] >= nv || face.mIndices[2] >= nv)
                continue;
            d.indices.insert(d.indices.end(), face.mIndices, face.mIndices + 3);
        }
        if (out.material >= 0) {
            const ModelMaterial &mat = c.materials[size_t(out.material)];
            d.imageIndex = mat.baseColorTexture;
            std::copy(mat.baseColor, mat.baseColor + 4, d.color);
            d.metallic = mat.metallic;
            d.roughness = mat.roughness;
            std::copy(mat.emissive, mat.emissive + 3, d.emissive);
        }
        d.lit = true; // a model is drawn in the scene's light
        if (d.normals.size() != d.positions.size())
            d.generateFlatNormals();
        else
            d.repairNormals(); // zero normals (degenerate faces) would light as nothing
        d.computeBounds();
        c.counts.triangles += d.triangleCount();
    }
    if (progress)
        progress(0.95);

    // Nodes, depth first with an explicit stack (parents before children), global transforms.
    std::vector<Mat4> global;
    struct Item { const aiNode *node; int parent; };
    std::vector<Item> stack{{scene->mRootNode, -1}};
    QSet<const aiNode *> seen;
    while (!stack.empty()) {
        const Item it = stack.back();
        stack.pop_back();
        if (!it.node || seen.contains(it.node))
            continue;
        seen.insert(it.node);
        ModelNode n;
        n.name = aiStr(it.node->mName);
        n.parent = it.parent;
        const aiMatrix4x4 &t = it.node->mTransformation;
        const float src[16] = {t.a1, t.a2, t.a3, t.a4, t.b1, t.b2, t.b3, t.b4,
                               t.c1, t.c2, t.c3, t.c4, t.d1, t.d2, t.d3, t.d4};
        Mat4 local;
        for (int k = 0; k < 16; ++k)
            local.m[k] = n.transform[size_t(k)] = src[k];
        global.push_back(it.parent >= 0 ? global[size_t(it.parent)] * local : local);
        for (unsigned k = 0; k < it.node->mNumMeshes; ++k)
            if (it.node->mMeshes && it.node->mMeshes[k] < scene->mNumMeshes)
                n.meshes.push_back(int(it.node->mMeshes[k]));
        const int index = int(c.nodes.size());
        c.nodes.push_back(std::move(n));
        for (unsigned k = it.node->mNumChildren; k > 0; --k)
            if (it.node->mChildren)
                stack.push_back({it.node->mChildren[k - 1], index});
    }

    // Bounds (mesh boxes under the nodes' global transforms).
    auto growBox = [](double *mn, double *mx, bool &has, const double p[3]) {
        for (int k = 0; k < 3; ++k) {
            mn[k] = has ? std::min(mn[k], p[k]) : p[k];
            mx[k] = has ? std::max(mx[k], p[k]) : p[k];
        }
        has = true;
    };
    std::vector<double> subtreeMin(c.nodes.size() * 3), subtreeMax(c.nodes.size() * 3);
    std::vector<char> subtreeHas(c.nodes.size(), 0);
    for (size_t i = 0; i < c.nodes.size(); ++i) {
        for (int mi : c.nodes[i].meshes) {
            const MeshData &d = c.meshes[size_t(mi)].data;
            if (d.positions.empty())
                continue;
            for (int corner = 0; corner < 8; ++corner) {
                const double p[3] = {corner & 1 ? d.boundsMax[0] : d.boundsMin[0],
                                     corner & 2 ? d.boundsMax[1] : d.boundsMin[1],
                                     corner & 4 ? d.boundsMax[2] : d.boundsMin[2]};
                double q[3];
                global[i].apply(p, q);
                growBox(c.boundsMin, c.boundsMax, c.hasBounds, q);
                bool has = subtreeHas[i];
                growBox(&subtreeMin[i * 3], &subtreeMax[i * 3], has, q);
                subtreeHas[i] = has;
            }
        }
    }
    for (size_t i = c.nodes.size(); i-- > 1;) { // children come after parents: fold upwards
        const int p = c.nodes[i].parent;
        if (p < 0 || !subtreeHas[i])
            continue;
        bool has = subtreeHas[size_t(p)];
        growBox(&subtreeMin[size_t(p) * 3], &subtreeMax[size_t(p) * 3], has, &subtreeMin[i * 3]);
        growBox(&subtreeMin[size_t(p) * 3], &subtreeMax[size_t(p) * 3], has, &subtreeMax[i * 3]);
        subtreeHas[size_t(p)] = has;
    }

    // IFC storeys: nodes "IfcBuildingStorey_<Name>_<GlobalId>".
    static const QLatin1String prefix("IfcBuildingStorey_");
    static const QRegularExpression gid(QStringLiteral("^(.*)_([0-9A-Za-z_$]{22})$"));
    QHash<QString, QString> stepNames;
    bool anyStorey = false, anyPlacement = false;
    const int up = c.storedUpAxis == UpAxis::X ? 0 : (c.storedUpAxis == UpAxis::Z ? 2 : 1);
    for (size_t i = 0; i < c.nodes.size(); ++i)
        if (c.nodes[i].name.startsWith(prefix)) {
            anyStorey = true;
            anyPlacement = anyPlacement || std::abs(global[i].m[up * 4 + 3]) > 1e-9;
        }
    if (anyStorey && isStep)
        stepNames = ifcStoreyNames(path);
    for (size_t i = 0; i < c.nodes.size(); ++i) {
        const QString &name = c.nodes[i].name;
        if (!name.startsWith(prefix))
            continue;
        ModelStorey s;
        s.node = int(i);
        const QString rest = name.mid(prefix.size());
        const auto m = gid.match(rest);
        s.name = m.hasMatch() ? m.captured(1) : rest;
        s.globalId = m.hasMatch() ? m.captured(2) : QString();
        if (stepNames.contains(s.globalId))
            s.name = stepNames.value(s.globalId);
        const double *g = global[i].m;
        if (anyPlacement) { // the storey placements carry the elevations
            s.hasElevation = true;
            s.elevation = g[up * 4 + 3];
        } else if (subtreeHas[i]) { // else the bottom of its geometry
            s.hasElevation = true;
            s.elevation = subtreeMin[i * 3 + size_t(up)];
        }
        c.storeys.push_back(std::move(s));
    }
    const bool allElev = std::all_of(c.storeys.begin(), c.storeys.end(), [](const ModelStorey &s) { return s.hasElevation; });
    if (allElev)
        std::stable_sort(c.storeys.begin(), c.storeys.end(),
                         [](const ModelStorey &a, const ModelStorey &b) { return a.elevation < b.elevation; });

    c.counts.nodes = qsizetype(c.nodes.size());
    c.counts.meshes = qsizetype(c.meshes.size());
    c.counts.materials = qsizetype(c.materials.size());
    if (c.counts.triangles == 0)
        return fail(QStringLiteral("no triangles in the file"));
    if (progress)
        progress(1.0);
    result.ok = true;
    return result;
}

} // namespace liyuan::assimp
