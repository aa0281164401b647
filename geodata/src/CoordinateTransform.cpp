#include "liyuan/geodata/CoordinateTransform.h"

#include <proj.h>

#include <cmath>
#include <memory>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace liyuan {

namespace {

/** WGS84 lon/lat/ellipsoidal height: the hub between ENU frames and real CRSs. */
constexpr const char *kHubCrs = "EPSG:4979";
/** Above this many cached operations on one thread the cache is simply flushed. */
constexpr std::size_t kMaxCachedOperations = 128;

struct Step
{
    PJ *pj = nullptr;
    PJ_DIRECTION direction = PJ_FWD;
};

/** The PROJ operations for one (source, target) pair, owned by one thread. */
struct Operation
{
    std::vector<Step> steps;
    bool ok = false;
    std::string error;

    Operation() = default;
    Operation(const Operation &) = delete;
    Operation &operator=(const Operation &) = delete;
    ~Operation()
    {
        for (const Step &s : steps)
            proj_destroy(s.pj);
    }
};

/** Per-thread PROJ context and operation cache (PJ objects are not thread-safe). */
struct ThreadCache
{
    PJ_CONTEXT *ctx = nullptr;
    std::string lastLog;
    std::unordered_map<std::string, std::unique_ptr<Operation>> operations;

    ThreadCache()
    {
        ctx = proj_context_create();
        if (ctx) {
            proj_log_level(ctx, PJ_LOG_ERROR);
            proj_log_func(ctx, this, &ThreadCache::log);
        }
    }
    ~ThreadCache()
    {
        operations.clear(); // PJ objects must go before their context
        if (ctx)
            proj_context_destroy(ctx);
    }
    ThreadCache(const ThreadCache &) = delete;
    ThreadCache &operator=(const ThreadCache &) = delete;

    static void log(void *self, int, const char *msg)
    {
        if (self && msg)
            static_cast<ThreadCache *>(self)->lastLog = msg;
    }

    std::string lastError() const
    {
        if (!lastLog.empty())
            return lastLog;
        const int err = proj_context_errno(ctx);
        if (err != 0) {
            if (const char *s = proj_context_errno_string(ctx, err))
                return s;
        }
        return "unknown PROJ error";
    }
};

ThreadCache &threadCache()
{
    thread_local ThreadCache cache;
    return cache;
}

struct PjDeleter
{
    void operator()(PJ *p) const { proj_destroy(p); }
};
using PjPtr = std::unique_ptr<PJ, PjDeleter>;

bool finite3(double x, double y, double z)
{
    return std::isfinite(x) && std::isfinite(y) && std::isfinite(z);
}

/** What identifies a transformation: plain strings and flags, no PROJ objects. */
struct TransformSpec
{
    std::string sourceDefinition;
    std::string targetDefinition;
    bool sourceIsEnu = false;
    bool targetIsEnu = false;
    std::string key;
};

/** Builds a normalised (x = east/lon first, degrees) CRS-to-CRS operation. */
PjPtr createCrsToCrs(ThreadCache &tc, const std::string &source, const std::string &target,
                     std::string *error)
{
    tc.lastLog.clear();
    PjPtr s(proj_create(tc.ctx, source.c_str()));
    if (!s || !proj_is_crs(s.get())) {
        *error = "cannot create source CRS: " + tc.lastError();
        return nullptr;
    }
    PjPtr t(proj_create(tc.ctx, target.c_str()));
    if (!t || !proj_is_crs(t.get())) {
        *error = "cannot create target CRS: " + tc.lastError();
        return nullptr;
    }
    PjPtr op(proj_create_crs_to_crs_from_pj(tc.ctx, s.get(), t.get(), nullptr, nullptr));
    if (!op) {
        *error = "no coordinate operation: " + tc.lastError();
        return nullptr;
    }
    PjPtr normalized(proj_normalize_for_visualization(tc.ctx, op.get()));
    if (!normalized) {
        *error = "cannot normalise axis order: " + tc.lastError();
        return nullptr;
    }
    return normalized;
}

PjPtr createPipeline(ThreadCache &tc, const std::string &definition, std::string *error)
{
    tc.lastLog.clear();
    PjPtr p(proj_create(tc.ctx, definition.c_str()));
    if (!p) {
        *error = "cannot create ENU pipeline: " + tc.lastError();
        return nullptr;
    }
    return p;
}

std::unique_ptr<Operation> buildOperation(ThreadCache &tc, const TransformSpec &d)
{
    auto op = std::make_unique<Operation>();
    if (!tc.ctx) {
        op->error = "cannot create a PROJ context";
        return op;
    }
    std::string error;
    auto add = [&](PjPtr pj, PJ_DIRECTION dir) {
        if (!pj)
            return false;
        op->steps.push_back({pj.release(), dir});
        return true;
    };

    bool ok = true;
    if (d.sourceIsEnu && d.targetIsEnu) {
        if (d.sourceDefinition != d.targetDefinition) {
            ok = add(createPipeline(tc, d.sourceDefinition, &error), PJ_INV)
                 && add(createPipeline(tc, d.targetDefinition, &error), PJ_FWD);
        }
    } else if (d.sourceIsEnu) {
        ok = add(createPipeline(tc, d.sourceDefinition, &error), PJ_INV)
             && add(createCrsToCrs(tc, kHubCrs, d.targetDefinition, &error), PJ_FWD);
    } else if (d.targetIsEnu) {
        ok = add(createCrsToCrs(tc, d.sourceDefinition, kHubCrs, &error), PJ_FWD)
             && add(createPipeline(tc, d.targetDefinition, &error), PJ_FWD);
    } else {
        ok = add(createCrsToCrs(tc, d.sourceDefinition, d.targetDefinition, &error), PJ_FWD);
    }
    op->ok = ok;
    op->error = error;
    return op;
}

/** The operation for d on the calling thread, built on first use. */
const Operation &operationFor(const TransformSpec &d)
{
    ThreadCache &tc = threadCache();
    auto it = tc.operations.find(d.key);
    if (it != tc.operations.end())
        return *it->second;
    if (tc.operations.size() >= kMaxCachedOperations)
        tc.operations.clear();
    auto op = buildOperation(tc, d);
    return *tc.operations.emplace(d.key, std::move(op)).first->second;
}

} // namespace

struct CoordinateTransform::Private : TransformSpec
{
    bool valid = false;
    QString error;
};

CoordinateTransform::CoordinateTransform(const Crs &source, const Crs &target)
{
    auto p = std::make_shared<Private>();
    if (!source.isValid()) {
        p->error = QStringLiteral("the source CRS is invalid");
    } else if (!target.isValid()) {
        p->error = QStringLiteral("the target CRS is invalid");
    } else {
        p->sourceDefinition = source.definition().toStdString();
        p->targetDefinition = target.definition().toStdString();
        p->sourceIsEnu = source.kind() == Crs::Kind::Enu;
        p->targetIsEnu = target.kind() == Crs::Kind::Enu;
        p->key.reserve(p->sourceDefinition.size() + p->targetDefinition.size() + 8);
        p->key += p->sourceIsEnu ? "E|" : "C|";
        p->key += p->sourceDefinition;
        p->key += p->targetIsEnu ? "\n>E|" : "\n>C|";
        p->key += p->targetDefinition;
        // Build once on this thread to learn whether PROJ can do it at all.
        const Operation &op = operationFor(*p);
        p->valid = op.ok;
        if (!op.ok)
            p->error = QStringLiteral("cannot transform from '%1' to '%2': %3")
                           .arg(source.name(), target.name(), QString::fromStdString(op.error));
    }
    d = std::move(p);
}

CoordinateTransform::~CoordinateTransform() = default;
CoordinateTransform::CoordinateTransform(const CoordinateTransform &) = default;
CoordinateTransform &CoordinateTransform::operator=(const CoordinateTransform &) = default;

bool CoordinateTransform::isValid() const
{
    return d && d->valid;
}

QString CoordinateTransform::error() const
{
    return d ? d->error : QString();
}

bool CoordinateTransform::transform(Vec3d &p) const
{
    if (!isValid() || !finite3(p.x, p.y, p.z))
        return false;
    const Operation &op = operationFor(*d);
    if (!op.ok)
        return false;
    // t = HUGE_VAL: no epoch (time-dependent operations use their reference epoch).
    PJ_COORD c = proj_coord(p.x, p.y, p.z, HUGE_VAL);
    for (const Step &s : op.steps) {
        proj_errno_reset(s.pj);
        c = proj_trans(s.pj, s.direction, c);
        if (proj_errno(s.pj) != 0 || c.xyz.x == HUGE_VAL || c.xyz.y == HUGE_VAL
            || c.xyz.z == HUGE_VAL || !finite3(c.xyz.x, c.xyz.y, c.xyz.z)) {
            proj_errno_reset(s.pj);
            return false;
        }
    }
    p = Vec3d(c.xyz.x, c.xyz.y, c.xyz.z);
    return true;
}

Vec3d CoordinateTransform::apply(const Vec3d &p, bool *ok) const
{
    Vec3d q = p;
    const bool r = transform(q);
    if (ok)
        *ok = r;
    return r ? q : p;
}

} // namespace liyuan
