#include "CameraRegistryReader.h"

#include <liyuan/geodata/Crs.h>
#include <liyuan/geodata/VectorDataset.h>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMutex>
#include <QSet>
#include <QUrl>

#include <cpl_conv.h>
#include <gdal.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>

#include <cmath>
#include <memory>

namespace liyuan::cameras {

namespace {

constexpr int kMaxWarnings = 100;

const QSet<QString> &knownRecordKeys()
{
    static const QSet<QString> keys{
        QStringLiteral("id"), QStringLiteral("name"), QStringLiteral("department"), QStringLiteral("tags"),
        QStringLiteral("position"), QStringLiteral("heightAboveGround"), QStringLiteral("heading"),
        QStringLiteral("pitch"), QStringLiteral("roll"), QStringLiteral("hfov"), QStringLiteral("aspect"),
        QStringLiteral("near"), QStringLiteral("far"), QStringLiteral("ptz"), QStringLiteral("streams"),
        QStringLiteral("credentials"), QStringLiteral("crs")};
    return keys;
}

QString jsonTypeName(const QJsonValue &v)
{
    switch (v.type()) {
    case QJsonValue::Null: return QStringLiteral("null");
    case QJsonValue::Bool: return QStringLiteral("a boolean");
    case QJsonValue::Double: return QStringLiteral("a number");
    case QJsonValue::String: return QStringLiteral("a string");
    case QJsonValue::Array: return QStringLiteral("an array");
    case QJsonValue::Object: return QStringLiteral("an object");
    case QJsonValue::Undefined: break;
    }
    return QStringLiteral("undefined");
}

QString num(double v)
{
    return QString::number(v, 'g', 10);
}

/**
 * Deepest nesting of arrays/objects in a JSON text (strings skipped); stops early beyond
 * limit. Linear, no allocation: run before QJsonDocument so a hostile "[[[[…" never reaches
 * a recursive parser.
 */
int nestingDepth(const QByteArray &data, int limit)
{
    int depth = 0, deepest = 0;
    bool inString = false, escape = false;
    for (const char c : data) {
        if (inString) {
            if (escape)
                escape = false;
            else if (c == '\\')
                escape = true;
            else if (c == '"')
                inString = false;
            continue;
        }
        if (c == '"')
            inString = true;
        else if (c == '[' || c == '{') {
            deepest = std::max(deepest, ++depth);
            if (deepest > limit)
                return deepest;
        } else if (c == ']' || c == '}')
            --depth;
    }
    return deepest;
}

bool hasControlChars(const QString &s)
{
    for (const QChar c : s)
        if (c.unicode() < 0x20 || c.unicode() == 0x7f)
            return true;
    return false;
}

/** Parsed CRS strings (Crs::fromString is a PROJ call: once per distinct string). */
struct CrsCache
{
    QMutex mutex;
    QHash<QString, QString> problems; // text → problem ("" when valid)
};
CrsCache &crsCache()
{
    static CrsCache cache;
    return cache;
}

} // namespace

CameraRegistryReader::CameraRegistryReader(const QString &path, const CameraRegistryOptions &options)
    : m_path(path), m_file(QDir::toNativeSeparators(path)), m_options(options)
{
}

void CameraRegistryReader::warn(const QString &w)
{
    if (m_warnings.size() < kMaxWarnings)
        m_warnings << m_file + QStringLiteral(": ") + w;
    else
        ++m_droppedWarnings;
}

QString CameraRegistryReader::recordLabel(const QString &id, int index, const QString &unit) const
{
    if (id.isEmpty())
        return QStringLiteral("%1 #%2").arg(unit).arg(index);
    return QStringLiteral("camera '%1' (%2 #%3)").arg(id.left(80)).arg(unit).arg(index);
}

QString CameraRegistryReader::urlProblem(const QString &url)
{
    const QUrl u(url, QUrl::StrictMode);
    if (!u.isValid())
        return QStringLiteral("is not a valid URL");
    if (!u.userInfo().isEmpty())
        return QStringLiteral("holds a user name or password (%1); credentials belong in the keychain: "
                              "use \"credentials\" with a reference")
                .arg(u.adjusted(QUrl::RemoveUserInfo).toString());
    const QString scheme = u.scheme().toLower();
    static const QStringList schemes{QStringLiteral("rtsp"), QStringLiteral("rtsps"), QStringLiteral("http"),
                                     QStringLiteral("https"), QStringLiteral("file")};
    if (!schemes.contains(scheme))
        return QStringLiteral("has the scheme '%1' (%2); allowed: rtsp, rtsps, http, https, file")
                .arg(scheme.isEmpty() ? QStringLiteral("none") : scheme.left(20), u.toString().left(200));
    if (scheme == QLatin1String("file")) {
        if (u.path().isEmpty())
            return QStringLiteral("is a file URL without a path");
    } else if (u.host().isEmpty()) {
        return QStringLiteral("has no host (%1)").arg(u.toString().left(200));
    }
    return {};
}

QString CameraRegistryReader::credentialRefProblem(const QString &ref)
{
    if (ref.isEmpty())
        return QStringLiteral("is empty");
    if (ref.size() > 200)
        return QStringLiteral("is longer than 200 characters");
    for (const QChar c : ref) {
        const bool ok = (c >= QLatin1Char('a') && c <= QLatin1Char('z')) || (c >= QLatin1Char('A') && c <= QLatin1Char('Z'))
                || (c >= QLatin1Char('0') && c <= QLatin1Char('9')) || QStringLiteral("._-@:/+").contains(c);
        if (!ok)
            return QStringLiteral("holds '%1' (allowed: letters, digits and . _ - @ : / +); it is a keychain "
                                  "reference, not a secret")
                    .arg(c.isPrint() ? QString(c) : QStringLiteral("U+%1").arg(c.unicode(), 4, 16, QLatin1Char('0')));
    }
    return {};
}

QString CameraRegistryReader::crsProblem(const QString &crs)
{
    CrsCache &cache = crsCache();
    {
        QMutexLocker lock(&cache.mutex);
        auto it = cache.problems.constFind(crs);
        if (it != cache.problems.constEnd())
            return *it;
    }
    QString error;
    const Crs c = Crs::fromString(crs, &error);
    QString problem;
    if (!c.isValid())
        problem = QStringLiteral("the CRS '%1' is unknown%2").arg(crs.left(200), error.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(error));
    else if (c.kind() == Crs::Kind::Geocentric)
        problem = QStringLiteral("the CRS '%1' is geocentric; use a projected or geographic CRS").arg(crs.left(200));
    QMutexLocker lock(&cache.mutex);
    if (cache.problems.size() > 1000)
        cache.problems.clear();
    cache.problems.insert(crs, problem);
    return problem;
}

void CameraRegistryReader::validate(const CameraRecord &r, QStringList *p) const
{
    const auto finite3 = [](const Vec3d &v) { return std::isfinite(v.x) && std::isfinite(v.y) && std::isfinite(v.z); };
    if (!finite3(r.position))
        p->append(QStringLiteral("position is not finite"));
    else if (std::abs(r.position.x) > 1e9 || std::abs(r.position.y) > 1e9 || std::abs(r.position.z) > 1e6)
        p->append(QStringLiteral("position %1, %2, %3 is out of range").arg(num(r.position.x), num(r.position.y), num(r.position.z)));
    auto range = [&](const char *name, double v, double lo, double hi, bool openLo, bool openHi) {
        const bool bad = !std::isfinite(v) || (openLo ? v <= lo : v < lo) || (openHi ? v >= hi : v > hi);
        if (bad)
            p->append(QStringLiteral("%1 %2 is outside %3%4, %5%6")
                              .arg(QLatin1String(name), num(v), openLo ? QStringLiteral("(") : QStringLiteral("["), num(lo), num(hi),
                                   openHi ? QStringLiteral(")") : QStringLiteral("]")));
    };
    range("heading", r.heading, -360, 360, false, false);
    range("pitch", r.pitch, -90, 90, false, false);
    range("roll", r.roll, -180, 180, false, false);
    range("hfov", r.hfov, 0, 180, true, true);
    range("aspect", r.aspect, 0, 100, true, false);
    range("near", r.nearM, 0, 1e5, true, false);
    range("far", r.farM, 0, 1e5, true, false);
    if (std::isfinite(r.nearM) && std::isfinite(r.farM) && r.nearM >= r.farM)
        p->append(QStringLiteral("near %1 is not less than far %2").arg(num(r.nearM), num(r.farM)));
    if (r.ptz.enabled) {
        auto pair = [&](const char *name, double lo, double hi, double min, double max, bool openLo, bool openHi) {
            range(name, lo, min, max, openLo, openHi);
            range(name, hi, min, max, openLo, openHi);
            if (std::isfinite(lo) && std::isfinite(hi) && lo > hi)
                p->append(QStringLiteral("%1 range [%2, %3] is reversed").arg(QLatin1String(name), num(lo), num(hi)));
        };
        pair("ptz pan", r.ptz.panMin, r.ptz.panMax, -360, 360, false, false);
        pair("ptz tilt", r.ptz.tiltMin, r.ptz.tiltMax, -90, 90, false, false);
        pair("ptz hfov", r.ptz.hfovMin, r.ptz.hfovMax, 0, 180, true, true);
    }
    for (const auto &[key, url] : {std::pair<const char *, QString>{"main", r.mainUrl}, {"sub", r.subUrl}}) {
        if (url.isEmpty())
            continue;
        if (url.size() > m_options.maxTextLength) {
            p->append(QStringLiteral("the %1 stream URL is longer than %2 characters").arg(QLatin1String(key)).arg(m_options.maxTextLength));
            continue;
        }
        const QString problem = urlProblem(url);
        if (!problem.isEmpty())
            p->append(QStringLiteral("the %1 stream URL %2").arg(QLatin1String(key), problem));
    }
    if (!r.credentialRef.isNull()) {
        const QString problem = credentialRefProblem(r.credentialRef);
        if (!problem.isEmpty())
            p->append(QStringLiteral("credentials reference %1").arg(problem));
    }
    if (!r.crs.isEmpty()) {
        const QString problem = crsProblem(r.crs);
        if (!problem.isEmpty())
            p->append(problem);
    }
    for (const QString *text : {&r.id, &r.name, &r.department, &r.crs})
        if (text->size() > m_options.maxTextLength)
            p->append(QStringLiteral("a text field is longer than %1 characters").arg(m_options.maxTextLength));
    if (r.tags.size() > m_options.maxTags)
        p->append(QStringLiteral("%1 tags (at most %2)").arg(r.tags.size()).arg(m_options.maxTags));
    if (hasControlChars(r.id))
        p->append(QStringLiteral("the id holds control characters"));
}

bool CameraRegistryReader::recordFromJson(const QJsonValue &value, int index, CameraRecord *r, QStringList *p)
{
    if (!value.isObject()) {
        p->append(QStringLiteral("is %1, not an object").arg(jsonTypeName(value)));
        return false;
    }
    const QJsonObject o = value.toObject();
    auto text = [&](const char *key, QString *out, bool required) {
        const QJsonValue v = o.value(QLatin1String(key));
        if (v.isUndefined() || v.isNull()) {
            if (required)
                p->append(QStringLiteral("%1 is missing").arg(QLatin1String(key)));
            return;
        }
        if (!v.isString()) {
            p->append(QStringLiteral("%1 is %2, not a string").arg(QLatin1String(key), jsonTypeName(v)));
            return;
        }
        *out = v.toString();
        if (required && out->isEmpty())
            p->append(QStringLiteral("%1 is empty").arg(QLatin1String(key)));
    };
    auto number = [&](const char *key, double *out, bool required) {
        const QJsonValue v = o.value(QLatin1String(key));
        if (v.isUndefined() || v.isNull()) {
            if (required)
                p->append(QStringLiteral("%1 is missing").arg(QLatin1String(key)));
            return;
        }
        if (!v.isDouble()) {
            p->append(QStringLiteral("%1 is %2, not a number").arg(QLatin1String(key), jsonTypeName(v)));
            return;
        }
        *out = v.toDouble();
    };
    text("id", &r->id, true);
    text("name", &r->name, false);
    text("department", &r->department, false);
    text("crs", &r->crs, false);
    const QJsonValue tags = o.value(QLatin1String("tags"));
    if (!tags.isUndefined() && !tags.isNull()) {
        if (!tags.isArray()) {
            p->append(QStringLiteral("tags is %1, not an array of strings").arg(jsonTypeName(tags)));
        } else {
            const QJsonArray a = tags.toArray();
            if (a.size() > m_options.maxTags)
                p->append(QStringLiteral("%1 tags (at most %2)").arg(a.size()).arg(m_options.maxTags));
            else
                for (const QJsonValue &t : a) {
                    if (!t.isString()) {
                        p->append(QStringLiteral("a tag is %1, not a string").arg(jsonTypeName(t)));
                        break;
                    }
                    r->tags << t.toString();
                }
        }
    }
    const QJsonValue pos = o.value(QLatin1String("position"));
    bool twoD = false;
    if (pos.isUndefined() || pos.isNull()) {
        p->append(QStringLiteral("position is missing"));
    } else if (!pos.isArray()) {
        p->append(QStringLiteral("position is %1, not an array [x, y] or [x, y, z]").arg(jsonTypeName(pos)));
    } else {
        const QJsonArray a = pos.toArray();
        if (a.size() != 2 && a.size() != 3) {
            p->append(QStringLiteral("position has %1 values (2 or 3 expected)").arg(a.size()));
        } else {
            double c[3] = {0, 0, 0};
            bool ok = true;
            for (int k = 0; k < int(a.size()); ++k) {
                if (!a.at(k).isDouble()) {
                    p->append(QStringLiteral("position[%1] is %2, not a number").arg(k).arg(jsonTypeName(a.at(k))));
                    ok = false;
                    break;
                }
                c[k] = a.at(k).toDouble();
            }
            if (ok)
                r->position = Vec3d(c[0], c[1], c[2]);
            twoD = a.size() == 2;
        }
    }
    const QJsonValue hag = o.value(QLatin1String("heightAboveGround"));
    if (hag.isUndefined() || hag.isNull())
        r->heightAboveGround = twoD;
    else if (!hag.isBool())
        p->append(QStringLiteral("heightAboveGround is %1, not true/false").arg(jsonTypeName(hag)));
    else
        r->heightAboveGround = hag.toBool();
    number("heading", &r->heading, true);
    number("pitch", &r->pitch, false);
    number("roll", &r->roll, false);
    number("hfov", &r->hfov, false);
    number("aspect", &r->aspect, false);
    number("near", &r->nearM, false);
    number("far", &r->farM, false);

    const QJsonValue ptz = o.value(QLatin1String("ptz"));
    if (!ptz.isUndefined() && !ptz.isNull()) {
        if (!ptz.isObject()) {
            p->append(QStringLiteral("ptz is %1, not an object").arg(jsonTypeName(ptz)));
        } else {
            const QJsonObject po = ptz.toObject();
            r->ptz.enabled = true;
            r->ptz.hfovMin = r->ptz.hfovMax = r->hfov;
            auto range = [&](const char *key, double *lo, double *hi) {
                const QJsonValue v = po.value(QLatin1String(key));
                if (v.isUndefined() || v.isNull())
                    return;
                const QJsonArray a = v.toArray();
                if (!v.isArray() || a.size() != 2 || !a.at(0).isDouble() || !a.at(1).isDouble()) {
                    p->append(QStringLiteral("ptz %1 is %2, not [min, max]").arg(QLatin1String(key), jsonTypeName(v)));
                    return;
                }
                *lo = a.at(0).toDouble();
                *hi = a.at(1).toDouble();
            };
            range("pan", &r->ptz.panMin, &r->ptz.panMax);
            range("tilt", &r->ptz.tiltMin, &r->ptz.tiltMax);
            range("hfov", &r->ptz.hfovMin, &r->ptz.hfovMax);
            for (auto it = po.begin(); it != po.end(); ++it)
                if (it.key() != QLatin1String("pan") && it.key() != QLatin1String("tilt") && it.key() != QLatin1String("hfov"))
                    warn(QStringLiteral("%1: unknown ptz field '%2' ignored").arg(recordLabel(r->id, index), it.key().left(80)));
        }
    }
    const QJsonValue streams = o.value(QLatin1String("streams"));
    if (!streams.isUndefined() && !streams.isNull()) {
        if (!streams.isObject()) {
            p->append(QStringLiteral("streams is %1, not an object {\"main\": URL, \"sub\": URL}").arg(jsonTypeName(streams)));
        } else {
            const QJsonObject so = streams.toObject();
            for (auto it = so.begin(); it != so.end(); ++it) {
                QString *target = it.key() == QLatin1String("main") ? &r->mainUrl
                        : it.key() == QLatin1String("sub")          ? &r->subUrl
                                                                     : nullptr;
                if (!target) {
                    warn(QStringLiteral("%1: unknown stream '%2' ignored (main and sub are read)").arg(recordLabel(r->id, index), it.key().left(80)));
                    continue;
                }
                if (!it.value().isString())
                    p->append(QStringLiteral("the %1 stream is %2, not a URL string").arg(it.key(), jsonTypeName(it.value())));
                else
                    *target = it.value().toString();
            }
        }
    }
    const QJsonValue cred = o.value(QLatin1String("credentials"));
    if (!cred.isUndefined() && !cred.isNull()) {
        if (!cred.isString())
            p->append(QStringLiteral("credentials is %1, not a keychain reference string (user names and passwords never "
                                     "belong in the registry)")
                              .arg(jsonTypeName(cred)));
        else
            r->credentialRef = cred.toString();
    }
    for (auto it = o.begin(); it != o.end(); ++it)
        if (!it.key().startsWith(QLatin1Char('_')) && !knownRecordKeys().contains(it.key()))
            warn(QStringLiteral("%1: unknown field '%2' ignored").arg(recordLabel(r->id, index), it.key().left(80)));
    if (p->isEmpty())
        validate(*r, p);
    return p->isEmpty();
}

bool CameraRegistryReader::finish(QVector<CameraRecord> &records, const QVector<QString> &labels,
                                  QVector<QStringList> &problems, CameraRegistry *registry, QString *error)
{
    // duplicates (first one wins; the later ones are the problem)
    QHash<QString, int> seen;
    seen.reserve(records.size());
    for (int i = 0; i < int(records.size()); ++i) {
        const QString &id = records.at(i).id;
        if (id.isEmpty())
            continue;
        auto it = seen.constFind(id);
        if (it != seen.constEnd())
            problems[i].append(QStringLiteral("duplicate id (first used by %1)").arg(labels.at(*it)));
        else
            seen.insert(id, i);
    }
    QStringList errors;
    int errorCount = 0;
    QVector<CameraRecord> kept;
    kept.reserve(records.size());
    for (int i = 0; i < int(records.size()); ++i) {
        if (problems.at(i).isEmpty()) {
            kept.append(std::move(records[i]));
            continue;
        }
        ++errorCount;
        if (errors.size() < m_options.maxReportedErrors)
            errors << QStringLiteral("%1: %2: %3").arg(m_file, labels.at(i), problems.at(i).join(QStringLiteral("; ")));
    }
    if (errorCount > errors.size())
        errors << QStringLiteral("%1: … and %2 more invalid records").arg(m_file).arg(errorCount - errors.size());
    if (m_droppedWarnings > 0)
        m_warnings << QStringLiteral("%1: … and %2 more warnings").arg(m_file).arg(m_droppedWarnings);
    if (errorCount > 0 && !m_options.skipInvalidRecords) {
        if (error)
            *error = errors.join(QLatin1Char('\n'));
        return false;
    }
    registry->m_cameras = std::move(kept);
    registry->m_recordErrors = errors;
    registry->m_skipped = errorCount;
    registry->m_warnings += m_warnings;
    registry->m_path = m_path;
    registry->m_valid = true;
    registry->rebuildIndex();
    return true;
}

bool CameraRegistryReader::readJson(CameraRegistry *registry, QString *error)
{
    auto fail = [&](const QString &why) {
        if (error)
            *error = QStringLiteral("%1: %2").arg(m_file, why);
        return false;
    };
    QFile f(m_path);
    if (!f.open(QIODevice::ReadOnly))
        return fail(QStringLiteral("cannot open the file: %1").arg(f.errorString()));
    if (f.size() > m_options.maxFileBytes)
        return fail(QStringLiteral("the file is %1 bytes, more than the limit of %2 bytes for a camera registry")
                            .arg(f.size()).arg(m_options.maxFileBytes));
    const QByteArray data = f.read(m_options.maxFileBytes + 1);
    if (data.size() > m_options.maxFileBytes)
        return fail(QStringLiteral("the file is larger than the limit of %1 bytes for a camera registry").arg(m_options.maxFileBytes));
    if (nestingDepth(data, m_options.maxNestingDepth) > m_options.maxNestingDepth)
        return fail(QStringLiteral("the JSON is nested deeper than %1 levels (the registry schema needs 4)").arg(m_options.maxNestingDepth));
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(data, &pe);
    if (pe.error != QJsonParseError::NoError) {
        const qsizetype before = std::max<qsizetype>(0, pe.offset);
        const int line = int(data.left(before).count('\n')) + 1;
        return fail(QStringLiteral("not valid JSON: %1 at line %2 (offset %3)").arg(pe.errorString()).arg(line).arg(pe.offset));
    }
    if (!doc.isObject())
        return fail(QStringLiteral("the top level is not a JSON object {\"type\": \"LiyuanCameraRegistry\", …}"));
    const QJsonObject top = doc.object();
    const QJsonValue type = top.value(QLatin1String("type"));
    if (type.toString() != QLatin1String("LiyuanCameraRegistry"))
        return fail(type.isUndefined() ? QStringLiteral("\"type\" is missing (expected \"LiyuanCameraRegistry\")")
                                       : QStringLiteral("\"type\" is %1, not \"LiyuanCameraRegistry\"")
                                                 .arg(type.isString() ? QStringLiteral("\"%1\"").arg(type.toString().left(80)) : jsonTypeName(type)));
    const QJsonValue version = top.value(QLatin1String("version"));
    if (!version.isUndefined() && (!version.isDouble() || version.toDouble() != 1.0))
        return fail(QStringLiteral("version %1 is not supported (this Liyuan reads version 1)")
                            .arg(version.isDouble() ? num(version.toDouble()) : jsonTypeName(version)));
    const QJsonValue crs = top.value(QLatin1String("crs"));
    if (!crs.isUndefined() && !crs.isNull()) {
        if (!crs.isString())
            return fail(QStringLiteral("\"crs\" is %1, not a CRS string such as \"EPSG:4549\"").arg(jsonTypeName(crs)));
        const QString problem = crsProblem(crs.toString());
        if (!problem.isEmpty())
            return fail(QStringLiteral("registry %1").arg(problem));
        registry->m_crs = crs.toString();
    }
    const QJsonValue cams = top.value(QLatin1String("cameras"));
    if (!cams.isArray())
        return fail(cams.isUndefined() ? QStringLiteral("\"cameras\" is missing")
                                       : QStringLiteral("\"cameras\" is %1, not an array").arg(jsonTypeName(cams)));
    const QJsonArray array = cams.toArray();
    if (array.size() > m_options.maxCameras)
        return fail(QStringLiteral("%1 cameras, more than the limit of %2").arg(array.size()).arg(m_options.maxCameras));
    for (auto it = top.begin(); it != top.end(); ++it)
        if (!it.key().startsWith(QLatin1Char('_')) // "_about", "_comment": notes for people, as in the building registry
            && !QStringList{QStringLiteral("type"), QStringLiteral("version"), QStringLiteral("crs"), QStringLiteral("cameras")}.contains(it.key()))
            warn(QStringLiteral("unknown top-level field '%1' ignored").arg(it.key().left(80)));

    QVector<CameraRecord> records(array.size());
    QVector<QString> labels(array.size());
    QVector<QStringList> problems(array.size());
    for (int i = 0; i < int(array.size()); ++i) {
        recordFromJson(array.at(i), i, &records[i], &problems[i]);
        labels[i] = recordLabel(records.at(i).id, i);
    }
    registry->m_format = CameraRegistry::Format::Json;
    return finish(records, labels, problems, registry, error);
}

bool CameraRegistryReader::readRecords(const QVector<CameraRecord> &in, const QString &crs, CameraRegistry *registry,
                                       QString *error)
{
    if (!crs.isEmpty()) {
        const QString problem = crsProblem(crs);
        if (!problem.isEmpty()) {
            if (error)
                *error = QStringLiteral("%1: registry %2").arg(m_file, problem);
            return false;
        }
    }
    registry->m_crs = crs;
    QVector<CameraRecord> records = in;
    QVector<QString> labels(records.size());
    QVector<QStringList> problems(records.size());
    for (int i = 0; i < int(records.size()); ++i) {
        records[i].resolved = false;
        if (records.at(i).id.isEmpty())
            problems[i] << QStringLiteral("id is missing");
        validate(records.at(i), &problems[i]);
        labels[i] = recordLabel(records.at(i).id, i);
    }
    return finish(records, labels, problems, registry, error);
}

namespace {

struct OgrDatasetCloser
{
    void operator()(void *ds) const { GDALClose(GDALDatasetH(ds)); }
};

/** The CRS of an OGR layer as a string Crs::fromString understands ("EPSG:n" when it is one, else WKT2). */
QString layerCrsString(OGRLayerH layer)
{
    OGRSpatialReferenceH srs = OGR_L_GetSpatialRef(layer);
    if (!srs)
        return {};
    const char *name = OSRGetAuthorityName(srs, nullptr);
    const char *code = OSRGetAuthorityCode(srs, nullptr);
    if (name && code && QByteArray(name).compare("EPSG", Qt::CaseInsensitive) == 0)
        return QStringLiteral("EPSG:%1").arg(QString::fromLatin1(code));
    char *wkt = nullptr;
    const char *options[] = {"FORMAT=WKT2_2019", nullptr};
    if (OSRExportToWktEx(srs, &wkt, options) != OGRERR_NONE || !wkt) {
        CPLFree(wkt);
        return QStringLiteral("<an SRS OGR cannot export>");
    }
    const QString s = QString::fromUtf8(wkt);
    CPLFree(wkt);
    return s;
}

} // namespace

bool CameraRegistryReader::readGeoPackage(CameraRegistry *registry, QString *error)
{
    auto fail = [&](const QString &why) {
        if (error)
            *error = QStringLiteral("%1: %2").arg(m_file, why);
        return false;
    };
    const QFileInfo fi(m_path);
    if (!fi.isFile())
        return fail(QStringLiteral("not a file"));
    if (fi.size() > m_options.maxFileBytes)
        return fail(QStringLiteral("the file is %1 bytes, more than the limit of %2 bytes for a camera registry")
                            .arg(fi.size()).arg(m_options.maxFileBytes));
    registerGdalDrivers();
    CPLPushErrorHandler(CPLQuietErrorHandler);
    const char *drivers[] = {"GPKG", nullptr};
    std::unique_ptr<void, OgrDatasetCloser> ds(
        GDALOpenEx(m_path.toUtf8().constData(), GDAL_OF_VECTOR | GDAL_OF_READONLY, drivers, nullptr, nullptr));
    const QString openError = QString::fromUtf8(CPLGetLastErrorMsg());
    CPLPopErrorHandler();
    if (!ds)
        return fail(QStringLiteral("not a readable GeoPackage%1").arg(openError.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(openError)));
    OGRLayerH layer = nullptr;
    const int layerCount = GDALDatasetGetLayerCount(ds.get());
    QStringList names;
    for (int i = 0; i < layerCount; ++i) {
        OGRLayerH l = GDALDatasetGetLayer(ds.get(), i);
        const QString name = QString::fromUtf8(OGR_L_GetName(l));
        names << name;
        const OGRwkbGeometryType gt = OGR_GT_Flatten(OGR_L_GetGeomType(l));
        if (!m_options.gpkgLayer.isEmpty() ? name == m_options.gpkgLayer : gt == wkbPoint) {
            layer = l;
            break;
        }
    }
    if (!layer)
        return fail(m_options.gpkgLayer.isEmpty()
                            ? QStringLiteral("no point layer (layers: %1)").arg(names.isEmpty() ? QStringLiteral("none") : names.join(QStringLiteral(", ")))
                            : QStringLiteral("no layer '%1' (layers: %2)").arg(m_options.gpkgLayer, names.join(QStringLiteral(", "))));
    const QString layerName = QString::fromUtf8(OGR_L_GetName(layer));
    if (OGR_GT_Flatten(OGR_L_GetGeomType(layer)) != wkbPoint)
        return fail(QStringLiteral("layer '%1' is not a point layer").arg(layerName));
    const GIntBig count = OGR_L_GetFeatureCount(layer, TRUE);
    if (count > m_options.maxCameras)
        return fail(QStringLiteral("layer '%1' has %2 cameras, more than the limit of %3").arg(layerName).arg(count).arg(m_options.maxCameras));
    const QString crs = layerCrsString(layer);
    if (!crs.isEmpty()) {
        const QString problem = crsProblem(crs);
        if (!problem.isEmpty())
            return fail(QStringLiteral("layer '%1': %2").arg(layerName, problem));
    } else {
        warn(QStringLiteral("layer '%1' has no SRS; positions are taken in the scene's CRS").arg(layerName));
    }
    registry->m_crs = crs;

    OGRFeatureDefnH defn = OGR_L_GetLayerDefn(layer);
    auto fieldIndex = [&](const char *name) { return OGR_FD_GetFieldIndex(defn, name); };
    if (fieldIndex("id") < 0)
        return fail(QStringLiteral("layer '%1' has no 'id' field").arg(layerName));
    if (fieldIndex("heading") < 0)
        return fail(QStringLiteral("layer '%1' has no 'heading' field").arg(layerName));
    static const char *const known[] = {"id", "name", "department", "tags", "z", "height_above_ground", "heading", "pitch",
                                        "roll", "hfov", "aspect", "near", "far", "pan_min", "pan_max", "tilt_min", "tilt_max",
                                        "hfov_min", "hfov_max", "main_url", "sub_url", "credentials"};
    for (int i = 0; i < OGR_FD_GetFieldCount(defn); ++i) {
        const QByteArray n = OGR_Fld_GetNameRef(OGR_FD_GetFieldDefn(defn, i));
        if (std::find_if(std::begin(known), std::end(known), [&](const char *k) { return n == k; }) == std::end(known))
            warn(QStringLiteral("layer '%1': unknown field '%2' ignored").arg(layerName, QString::fromUtf8(n).left(80)));
    }

    QVector<CameraRecord> records;
    QVector<QString> labels;
    QVector<QStringList> problems;
    records.reserve(int(std::max<GIntBig>(0, count)));
    OGR_L_ResetReading(layer);
    int index = 0;
    while (OGRFeatureH f = OGR_L_GetNextFeature(layer)) {
        if (index >= m_options.maxCameras) {
            OGR_F_Destroy(f);
            return fail(QStringLiteral("layer '%1' has more than %2 cameras").arg(layerName).arg(m_options.maxCameras));
        }
        CameraRecord r;
        QStringList p;
        const qint64 fid = OGR_F_GetFID(f);
        auto set = [&](const char *name) {
            const int i = fieldIndex(name);
            return i >= 0 && OGR_F_IsFieldSetAndNotNull(f, i);
        };
        auto text = [&](const char *name) {
            const int i = fieldIndex(name);
            return i >= 0 && OGR_F_IsFieldSetAndNotNull(f, i) ? QString::fromUtf8(OGR_F_GetFieldAsString(f, i)) : QString();
        };
        auto number = [&](const char *name, double *out, bool required) {
            const int i = fieldIndex(name);
            if (i < 0 || !OGR_F_IsFieldSetAndNotNull(f, i)) {
                if (required)
                    p << QStringLiteral("%1 is missing").arg(QLatin1String(name));
                return false;
            }
            const OGRFieldType t = OGR_Fld_GetType(OGR_FD_GetFieldDefn(defn, i));
            if (t == OFTReal || t == OFTInteger || t == OFTInteger64) {
                *out = OGR_F_GetFieldAsDouble(f, i);
                return true;
            }
            bool ok = false;
            const double v = QString::fromUtf8(OGR_F_GetFieldAsString(f, i)).trimmed().toDouble(&ok);
            if (!ok) {
                p << QStringLiteral("%1 '%2' is not a number").arg(QLatin1String(name), QString::fromUtf8(OGR_F_GetFieldAsString(f, i)).left(80));
                return false;
            }
            *out = v;
            return true;
        };
        r.id = text("id").trimmed();
        if (r.id.isEmpty())
            p << QStringLiteral("id is missing");
        r.name = text("name");
        r.department = text("department");
        const QString tags = text("tags");
        for (const QString &t : tags.split(QLatin1Char(','), Qt::SkipEmptyParts))
            if (!t.trimmed().isEmpty())
                r.tags << t.trimmed();
        OGRGeometryH g = OGR_F_GetGeometryRef(f);
        if (!g || OGR_G_IsEmpty(g)) {
            p << QStringLiteral("has no geometry (a point is required)");
        } else if (OGR_GT_Flatten(OGR_G_GetGeometryType(g)) != wkbPoint) {
            p << QStringLiteral("geometry is a %1, not a point").arg(QString::fromUtf8(OGR_G_GetGeometryName(g)));
        } else {
            r.position = Vec3d(OGR_G_GetX(g, 0), OGR_G_GetY(g, 0), OGR_G_GetZ(g, 0));
            const bool hasZ = OGR_G_Is3D(g);
            double z = 0;
            if (number("z", &z, false))
                r.position.z = z;
            else if (!hasZ)
                r.heightAboveGround = true;
        }
        double hag = 0;
        if (number("height_above_ground", &hag, false))
            r.heightAboveGround = hag != 0;
        number("heading", &r.heading, true);
        number("pitch", &r.pitch, false);
        number("roll", &r.roll, false);
        number("hfov", &r.hfov, false);
        number("aspect", &r.aspect, false);
        number("near", &r.nearM, false);
        number("far", &r.farM, false);
        r.ptz.hfovMin = r.ptz.hfovMax = r.hfov;
        for (const char *k : {"pan_min", "pan_max", "tilt_min", "tilt_max", "hfov_min", "hfov_max"})
            r.ptz.enabled = r.ptz.enabled || set(k);
        number("pan_min", &r.ptz.panMin, false);
        number("pan_max", &r.ptz.panMax, false);
        number("tilt_min", &r.ptz.tiltMin, false);
        number("tilt_max", &r.ptz.tiltMax, false);
        number("hfov_min", &r.ptz.hfovMin, false);
        number("hfov_max", &r.ptz.hfovMax, false);
        r.mainUrl = text("main_url");
        r.subUrl = text("sub_url");
        if (set("credentials"))
            r.credentialRef = text("credentials");
        OGR_F_Destroy(f);
        if (p.isEmpty())
            validate(r, &p);
        labels << recordLabel(r.id, int(fid), QStringLiteral("feature"));
        records << std::move(r);
        problems << p;
        ++index;
    }
    registry->m_format = CameraRegistry::Format::GeoPackage;
    return finish(records, labels, problems, registry, error);
}

} // namespace liyuan::cameras
