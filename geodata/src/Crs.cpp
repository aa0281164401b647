#include "liyuan/geodata/Crs.h"

#include <QLocale>
#include <QRegularExpression>
#include <QStringList>

#include <proj.h>

#include <cmath>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace liyuan {

namespace {

// Longest CRS text we accept. Real WKT (even compound/bound CRSs) is a few KiB; anything
// much larger is hostile or not a CRS, and PROJ's parser should not be fed megabytes.
constexpr int kMaxCrsTextLength = 64 * 1024;

/** One PROJ context per thread for parsing; errors are captured instead of printed. */
struct ParseContext
{
    PJ_CONTEXT *ctx = nullptr;
    std::string lastLog;

    ParseContext()
    {
        ctx = proj_context_create();
        if (ctx) {
            proj_log_level(ctx, PJ_LOG_ERROR);
            proj_log_func(ctx, this, &ParseContext::log);
        }
    }
    ~ParseContext()
    {
        if (ctx)
            proj_context_destroy(ctx);
    }
    ParseContext(const ParseContext &) = delete;
    ParseContext &operator=(const ParseContext &) = delete;

    static void log(void *self, int, const char *msg)
    {
        if (self && msg)
            static_cast<ParseContext *>(self)->lastLog = msg;
    }

    void resetError() { lastLog.clear(); }

    /** The best description of the last PROJ failure. */
    QString lastError() const
    {
        if (!lastLog.empty())
            return QString::fromStdString(lastLog);
        const int err = proj_context_errno(ctx);
        if (err != 0) {
            if (const char *s = proj_context_errno_string(ctx, err))
                return QString::fromUtf8(s);
        }
        return QStringLiteral("PROJ could not interpret it");
    }
};

ParseContext &parseContext()
{
    thread_local ParseContext c;
    return c;
}

struct PjDeleter
{
    void operator()(PJ *p) const { proj_destroy(p); }
};
using PjPtr = std::unique_ptr<PJ, PjDeleter>;

QString number(double v)
{
    return QString::number(v, 'g', QLocale::FloatingPointShortest);
}

QString elided(const QString &s, int max = 60)
{
    QString t = s.simplified();
    if (t.size() > max)
        t = t.left(max) + QStringLiteral("...");
    return t;
}

Crs::Kind kindOf(PJ_CONTEXT *ctx, const PJ *crs, int depth = 0)
{
    if (!crs || depth > 4)
        return Crs::Kind::Other;
    switch (proj_get_type(crs)) {
    case PJ_TYPE_GEOGRAPHIC_CRS:
    case PJ_TYPE_GEOGRAPHIC_2D_CRS:
    case PJ_TYPE_GEOGRAPHIC_3D_CRS:
        return Crs::Kind::Geographic;
    case PJ_TYPE_GEOCENTRIC_CRS:
        return Crs::Kind::Geocentric;
    case PJ_TYPE_PROJECTED_CRS:
        return Crs::Kind::Projected;
    case PJ_TYPE_BOUND_CRS: {
        PjPtr base(proj_get_source_crs(ctx, crs));
        return kindOf(ctx, base.get(), depth + 1);
    }
    case PJ_TYPE_COMPOUND_CRS: {
        PjPtr horizontal(proj_crs_get_sub_crs(ctx, crs, 0));
        return kindOf(ctx, horizontal.get(), depth + 1);
    }
    default:
        return Crs::Kind::Other;
    }
}

/** Lists the [begin, end) ranges of AUTHORITY[...] / ID[...] nodes that are direct
 *  children of the WKT root node (including the comma before them). */
QString stripTopLevelIdentifiers(const QString &wkt)
{
    std::vector<std::pair<int, int>> ranges;
    int depth = 0;
    bool inQuote = false;
    int lastSeparator = -1; // position of the last ',' at depth 1
    const int n = wkt.size();
    for (int i = 0; i < n; ++i) {
        const QChar c = wkt.at(i);
        if (inQuote) {
            if (c == u'"')
                inQuote = false;
            continue;
        }
        if (c == u'"') {
            inQuote = true;
        } else if (c == u'[' || c == u'(') {
            ++depth;
        } else if (c == u']' || c == u')') {
            --depth;
        } else if (depth == 1 && c == u',') {
            lastSeparator = i;
        } else if (depth == 1 && c.isLetter() && lastSeparator >= 0) {
            // Is this keyword the first token after the last separator?
            bool first = true;
            for (int k = lastSeparator + 1; k < i; ++k) {
                if (!wkt.at(k).isSpace()) {
                    first = false;
                    break;
                }
            }
            int j = i;
            while (j < n && (wkt.at(j).isLetterOrNumber() || wkt.at(j) == u'_'))
                ++j;
            const QString keyword = wkt.mid(i, j - i).toUpper();
            int open = j;
            while (open < n && wkt.at(open).isSpace())
                ++open;
            if (first && (keyword == QLatin1String("AUTHORITY") || keyword == QLatin1String("ID"))
                && open < n && (wkt.at(open) == u'[' || wkt.at(open) == u'(')) {
                // Find the matching close bracket.
                int d = 0;
                bool q = false;
                int close = -1;
                for (int k = open; k < n; ++k) {
                    const QChar ck = wkt.at(k);
                    if (q) {
                        if (ck == u'"')
                            q = false;
                        continue;
                    }
                    if (ck == u'"')
                        q = true;
                    else if (ck == u'[' || ck == u'(')
                        ++d;
                    else if (ck == u']' || ck == u')') {
                        if (--d == 0) {
                            close = k;
                            break;
                        }
                    }
                }
                if (close < 0)
                    break;
                ranges.emplace_back(lastSeparator, close + 1);
                i = close;
                continue;
            }
            i = j - 1;
        }
    }
    QString out = wkt;
    for (auto it = ranges.rbegin(); it != ranges.rend(); ++it)
        out.remove(it->first, it->second - it->first);
    return out;
}

QString joinStringList(PROJ_STRING_LIST list)
{
    QStringList parts;
    for (PROJ_STRING_LIST p = list; p && *p; ++p)
        parts << QString::fromUtf8(*p);
    return parts.join(QStringLiteral("; "));
}

PjPtr createFromWkt(ParseContext &pc, const QString &wkt, QString *error, QStringList *warningsOut = nullptr)
{
    const QByteArray utf8 = wkt.toUtf8();
    const char *const options[] = {"STRICT=NO", nullptr};
    PROJ_STRING_LIST warnings = nullptr;
    PROJ_STRING_LIST grammarErrors = nullptr;
    pc.resetError();
    PjPtr obj(proj_create_from_wkt(pc.ctx, utf8.constData(), options, &warnings, &grammarErrors));
    if (!obj && error) {
        QString e = joinStringList(grammarErrors);
        if (e.isEmpty())
            e = pc.lastError();
        *error = e;
    }
    if (warningsOut)
        for (PROJ_STRING_LIST p = warnings; p && *p; ++p)
            *warningsOut << QString::fromUtf8(*p);
    proj_string_list_destroy(warnings);
    proj_string_list_destroy(grammarErrors);
    return obj;
}

/**
 * What a projected WKT hides behind PROJ's defaults: a PROJECTION without any PARAMETER
 * (PROJ quietly uses 0 for every origin and 1 for the scale), or a scale factor that is not
 * positive. Returns the problem (the CRS is refused) or empty; *notes gets the parameters
 * PROJ had to default when only some are missing.
 */
QString checkConversion(PJ_CONTEXT *ctx, const PJ *crs, const QString &wkt, const QStringList &projWarnings,
                        QString *notes)
{
    PjPtr base;
    if (proj_get_type(crs) == PJ_TYPE_BOUND_CRS) {
        base.reset(proj_get_source_crs(ctx, crs));
        crs = base.get();
    }
    if (!crs || proj_get_type(crs) != PJ_TYPE_PROJECTED_CRS)
        return QString();
    QStringList defaulted;
    for (const QString &w : projWarnings)
        if (w.contains(QLatin1String("lacks a value"), Qt::CaseInsensitive))
            defaulted << w;
    thread_local const QRegularExpression parameterRe(QStringLiteral("\\bPARAMETER\\s*[\\[\\(]"),
                                                      QRegularExpression::CaseInsensitiveOption);
    if (!parameterRe.match(wkt).hasMatch())
        return QStringLiteral("the WKT projection has no PARAMETER at all (PROJ would silently put every origin at 0 "
                              "and the scale at 1)");
    PjPtr conv(proj_crs_get_coordoperation(ctx, crs));
    if (conv) {
        for (int i = 0, n = proj_coordoperation_get_param_count(ctx, conv.get()); i < n; ++i) {
            const char *name = nullptr, *category = nullptr;
            double value = 0;
            if (!proj_coordoperation_get_param(ctx, conv.get(), i, &name, nullptr, nullptr, &value, nullptr, nullptr,
                                               nullptr, nullptr, nullptr, &category))
                continue;
            const QString pname = QString::fromUtf8(name ? name : "?");
            if (!std::isfinite(value))
                return QStringLiteral("the WKT parameter '%1' is not a finite number").arg(pname);
            const bool scale = (category && QByteArray(category) == "scale")
                || pname.contains(QLatin1String("scale factor"), Qt::CaseInsensitive);
            if (scale && !(value > 0.0))
                return QStringLiteral("the WKT parameter '%1' is %2: a scale factor must be positive")
                    .arg(pname, number(value));
        }
    }
    if (!defaulted.isEmpty())
        *notes = QStringLiteral("PROJ defaulted missing WKT parameters: %1").arg(defaulted.join(QStringLiteral("; ")));
    return QString();
}

/** True when both CRSs describe the same thing, ignoring axis order. */
bool equivalentIgnoringAxisOrder(PJ_CONTEXT *ctx, const PJ *a, const PJ *b)
{
    PjPtr na(proj_normalize_for_visualization(ctx, a));
    PjPtr nb(proj_normalize_for_visualization(ctx, b));
    if (!na || !nb)
        return proj_is_equivalent_to_with_ctx(ctx, a, b, PJ_COMP_EQUIVALENT_EXCEPT_AXIS_ORDER_GEOGCRS) != 0;
    return proj_is_equivalent_to_with_ctx(ctx, na.get(), nb.get(), PJ_COMP_EQUIVALENT) != 0;
}

} // namespace

Crs Crs::enu(double latDeg, double lonDeg, double h)
{
    if (!std::isfinite(latDeg) || !std::isfinite(lonDeg) || !std::isfinite(h) || latDeg < -90.0
        || latDeg > 90.0 || lonDeg < -180.0 || lonDeg > 360.0 || std::abs(h) > 1.0e7)
        return Crs();
    Crs c;
    c.m_kind = Kind::Enu;
    c.m_name = QStringLiteral("ENU %1,%2").arg(number(latDeg), number(lonDeg));
    if (h != 0.0)
        c.m_name += QLatin1Char(',') + number(h);
    // From WGS84 lon/lat (degrees)/ellipsoidal height to the topocentric frame.
    c.m_proj = QStringLiteral("+proj=pipeline +step +proj=unitconvert +xy_in=deg +xy_out=rad "
                              "+step +proj=cart +ellps=WGS84 "
                              "+step +proj=topocentric +ellps=WGS84 +lat_0=%1 +lon_0=%2 +h_0=%3")
                   .arg(number(latDeg), number(lonDeg), number(h));
    c.m_definition = c.m_proj;
    c.m_enuOrigin = Vec3d(lonDeg, latDeg, h);
    return c;
}

Crs Crs::wgs84()
{
    static const Crs c = Crs::fromString(QStringLiteral("EPSG:4979"));
    return c;
}

Crs Crs::fromString(const QString &text, QString *error)
{
    auto fail = [error](const QString &message) {
        if (error)
            *error = message;
        return Crs();
    };
    if (error)
        error->clear();

    const QString t = text.trimmed();
    if (t.isEmpty())
        return fail(QStringLiteral("empty CRS string"));
    if (t.size() > kMaxCrsTextLength)
        return fail(QStringLiteral("CRS string is too long (%1 characters, limit %2)")
                        .arg(t.size())
                        .arg(kMaxCrsTextLength));
    if (t.contains(QChar(0)))
        return fail(QStringLiteral("CRS string contains NUL characters"));

    // --- ContextCapture "ENU:lat,lon[,h]" (latitude first) -------------------------------
    thread_local const QRegularExpression enuRe(QStringLiteral("^ENU\\s*:(.*)$"),
                                          QRegularExpression::CaseInsensitiveOption
                                              | QRegularExpression::DotMatchesEverythingOption);
    if (const auto m = enuRe.match(t); m.hasMatch()) {
        const QStringList parts = m.captured(1).split(QLatin1Char(','));
        if (parts.size() < 2 || parts.size() > 3)
            return fail(QStringLiteral("'%1': ENU needs 'ENU:lat,lon' or 'ENU:lat,lon,h'").arg(elided(t)));
        double v[3] = {0.0, 0.0, 0.0};
        for (int i = 0; i < parts.size(); ++i) {
            bool ok = false;
            v[i] = parts.at(i).trimmed().toDouble(&ok);
            if (!ok || !std::isfinite(v[i]))
                return fail(QStringLiteral("'%1': '%2' is not a number").arg(elided(t), elided(parts.at(i).trimmed(), 30)));
        }
        if (v[0] < -90.0 || v[0] > 90.0)
            return fail(QStringLiteral("'%1': latitude %2 is outside [-90, 90] (ENU is latitude first)")
                            .arg(elided(t), number(v[0])));
        if (v[1] < -180.0 || v[1] > 360.0)
            return fail(QStringLiteral("'%1': longitude %2 is outside [-180, 360]").arg(elided(t), number(v[1])));
        if (std::abs(v[2]) > 1.0e7)
            return fail(QStringLiteral("'%1': height %2 is not plausible").arg(elided(t), number(v[2])));
        return enu(v[0], v[1], v[2]);
    }

    ParseContext &pc = parseContext();
    if (!pc.ctx)
        return fail(QStringLiteral("cannot create a PROJ context"));

    Crs c;
    PjPtr obj;

    // Fills the common fields from a PROJ CRS object.
    auto finish = [&](PJ *crs) -> bool {
        if (!proj_is_crs(crs))
            return false;
        c.m_kind = kindOf(pc.ctx, crs);
        if (const char *name = proj_get_name(crs))
            c.m_name = QString::fromUtf8(name);
        if (const char *ps = proj_as_proj_string(pc.ctx, crs, PJ_PROJ_5, nullptr))
            c.m_proj = QString::fromUtf8(ps);
        return true;
    };

    // --- EPSG:n ------------------------------------------------------------------------
    thread_local const QRegularExpression epsgRe(QStringLiteral("^EPSG\\s*:\\s*(.*)$"),
                                           QRegularExpression::CaseInsensitiveOption
                                               | QRegularExpression::DotMatchesEverythingOption);
    if (const auto m = epsgRe.match(t); m.hasMatch()) {
        const QString code = m.captured(1).trimmed();
        thread_local const QRegularExpression digits(QStringLiteral("^[0-9]{1,9}$"));
        if (code.isEmpty())
            return fail(QStringLiteral("'%1': the EPSG code is missing").arg(elided(t)));
        // compound "EPSG:horizontal+vertical" (e.g. EPSG:25832+7837, ETRS89 / UTM 32N + DHHN2016)
        thread_local const QRegularExpression compound(QStringLiteral("^([0-9]{1,9})\\s*\\+\\s*([0-9]{1,9})$"));
        if (const auto cm = compound.match(code); cm.hasMatch()) {
            const QString normalized = QStringLiteral("EPSG:%1+%2").arg(cm.captured(1).toLongLong()).arg(cm.captured(2).toLongLong());
            const QByteArray utf8 = normalized.toUtf8();
            pc.resetError();
            obj.reset(proj_create(pc.ctx, utf8.constData()));
            if (!obj)
                return fail(QStringLiteral("'%1' is not a compound CRS PROJ knows: %2").arg(elided(t), pc.lastError()));
            if (!finish(obj.get()) || proj_get_type(obj.get()) != PJ_TYPE_COMPOUND_CRS)
                return fail(QStringLiteral("%1 is not a horizontal + vertical coordinate reference system").arg(normalized));
            c.m_definition = normalized;
            c.m_authority = normalized;
            return c;
        }
        if (!digits.match(code).hasMatch())
            return fail(QStringLiteral("'%1': '%2' is not an EPSG code").arg(elided(t), elided(code, 30)));
        const QString normalized = QString::number(code.toLongLong());
        const QByteArray codeUtf8 = normalized.toUtf8();
        pc.resetError();
        obj.reset(proj_create_from_database(pc.ctx, "EPSG", codeUtf8.constData(), PJ_CATEGORY_CRS,
                                            false, nullptr));
        if (!obj)
            return fail(QStringLiteral("unknown CRS code EPSG:%1").arg(normalized));
        if (!finish(obj.get()))
            return fail(QStringLiteral("EPSG:%1 is not a coordinate reference system").arg(normalized));
        c.m_definition = QStringLiteral("EPSG:") + normalized;
        c.m_authority = c.m_definition;
        return c;
    }

    // --- WKT (1 or 2) ------------------------------------------------------------------
    thread_local const QRegularExpression wktRe(QStringLiteral("^[A-Za-z_][A-Za-z0-9_]*\\s*[\\[\\(]"));
    if (wktRe.match(t).hasMatch()) {
        QString wktError;
        QStringList projWarnings;
        obj = createFromWkt(pc, t, &wktError, &projWarnings);
        if (!obj)
            return fail(QStringLiteral("invalid WKT: %1").arg(wktError));
        if (!proj_is_crs(obj.get()))
            return fail(QStringLiteral("the WKT does not describe a coordinate reference system"));
        QString defaultedNote;
        const QString conversionProblem = checkConversion(pc.ctx, obj.get(), t, projWarnings, &defaultedNote);
        if (!conversionProblem.isEmpty())
            return fail(conversionProblem);

        const char *auth = proj_get_id_auth_name(obj.get(), 0);
        const char *code = proj_get_id_code(obj.get(), 0);
        if (auth && code) {
            const QString claimed = QStringLiteral("%1:%2").arg(QString::fromUtf8(auth), QString::fromUtf8(code));
            pc.resetError();
            PjPtr db(proj_create_from_database(pc.ctx, auth, code, PJ_CATEGORY_CRS, false, nullptr));
            if (db && equivalentIgnoringAxisOrder(pc.ctx, obj.get(), db.get())) {
                if (QString::fromUtf8(auth).compare(QLatin1String("EPSG"), Qt::CaseInsensitive) == 0)
                    c.m_authority = QStringLiteral("EPSG:") + QString::fromUtf8(code);
            } else {
                QString dbName;
                if (db) {
                    if (const char *n = proj_get_name(db.get()))
                        dbName = QString::fromUtf8(n);
                }
                c.m_warning = db ? QStringLiteral("the WKT says AUTHORITY %1 (%2) but its own parameters differ; "
                                                  "using the WKT parameters and ignoring the code")
                                       .arg(claimed, dbName)
                                 : QStringLiteral("the WKT says AUTHORITY %1, which PROJ does not know; "
                                                  "using the WKT parameters")
                                       .arg(claimed);
                // Make sure nothing downstream (operation search, exports) can pick up the
                // contradicting code: rebuild the CRS without its top-level identifier.
                const QString stripped = stripTopLevelIdentifiers(t);
                if (stripped != t) {
                    PjPtr clean = createFromWkt(pc, stripped, nullptr);
                    if (clean && proj_is_crs(clean.get()))
                        obj = std::move(clean);
                }
            }
        } else {
            // No identifier: name the EPSG code only when PROJ is certain it is that code.
            int *confidence = nullptr;
            PJ_OBJ_LIST *matches = proj_identify(pc.ctx, obj.get(), "EPSG", nullptr, &confidence);
            if (matches && confidence && proj_list_get_count(matches) > 0 && confidence[0] == 100) {
                PjPtr best(proj_list_get(pc.ctx, matches, 0));
                if (best && equivalentIgnoringAxisOrder(pc.ctx, obj.get(), best.get())) {
                    if (const char *bc = proj_get_id_code(best.get(), 0))
                        c.m_authority = QStringLiteral("EPSG:") + QString::fromUtf8(bc);
                }
            }
            proj_int_list_destroy(confidence);
            proj_list_destroy(matches);
        }
        if (!finish(obj.get()))
            return fail(QStringLiteral("the WKT does not describe a coordinate reference system"));
        if (const char *w2 = proj_as_wkt(pc.ctx, obj.get(), PJ_WKT2_2019, nullptr))
            c.m_definition = QString::fromUtf8(w2);
        else
            c.m_definition = stripTopLevelIdentifiers(t);
        if (c.m_name.isEmpty())
            c.m_name = QStringLiteral("unnamed WKT CRS");
        if (!defaultedNote.isEmpty())
            c.m_warning = c.m_warning.isEmpty() ? defaultedNote : c.m_warning + QStringLiteral("; ") + defaultedNote;
        return c;
    }

    // --- PROJ string, PROJJSON, URN or "AUTH:code" ---------------------------------------
    // (Free text such as CRS names is not handed to PROJ: its name search is slow and
    // matches loosely, which is the wrong trade for vendor files and typing mistakes.)
    QString def = t;
    const bool projString = t.startsWith(QLatin1Char('+')) || t.startsWith(QLatin1String("proj="));
    if (!projString && !t.startsWith(QLatin1Char('{')) && !t.contains(QLatin1Char(':')))
        return fail(QStringLiteral("'%1' is not a CRS: expected EPSG:n, ENU:lat,lon, WKT or a PROJ string")
                        .arg(elided(t)));
    // A bare "+proj=tmerc ..." means the CRS; a pipeline is an operation, not a CRS.
    if (projString && !t.contains(QLatin1String("type=crs")) && !t.contains(QLatin1String("proj=pipeline")))
        def += QStringLiteral(" +type=crs");
    const QByteArray utf8 = def.toUtf8();
    pc.resetError();
    obj.reset(proj_create(pc.ctx, utf8.constData()));
    if (!obj)
        return fail(QStringLiteral("'%1' is not a CRS PROJ understands: %2").arg(elided(t), pc.lastError()));
    if (!finish(obj.get()))
        return fail(QStringLiteral("'%1' is not a coordinate reference system").arg(elided(t)));
    const char *auth = proj_get_id_auth_name(obj.get(), 0);
    const char *code = proj_get_id_code(obj.get(), 0);
    if (auth && code && QString::fromUtf8(auth).compare(QLatin1String("EPSG"), Qt::CaseInsensitive) == 0)
        c.m_authority = QStringLiteral("EPSG:") + QString::fromUtf8(code);
    c.m_definition = def;
    if (c.m_name.isEmpty() || c.m_name == QLatin1String("unknown"))
        c.m_name = c.m_proj.isEmpty() ? elided(t) : elided(c.m_proj, 80);
    return c;
}

} // namespace liyuan
