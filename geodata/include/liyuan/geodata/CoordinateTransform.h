#pragma once
#include "Crs.h"

#include <QString>

#include <memory>

namespace liyuan {

/**
 * Transforms points between two Crs (PROJ underneath). Axis order is always x/lon first.
 * Geographic coordinates are degrees. Safe to use from any thread: PROJ objects live in
 * a per-thread cache (one PJ_CONTEXT per thread), created on first use on that thread.
 */
class CoordinateTransform
{
public:
    CoordinateTransform(const Crs &source, const Crs &target);
    ~CoordinateTransform();
    CoordinateTransform(const CoordinateTransform &);
    CoordinateTransform &operator=(const CoordinateTransform &);

    /** False when PROJ cannot build the operation; error() says why. */
    bool isValid() const;
    QString error() const;
    /** Transforms one point; returns false (and leaves p) when PROJ fails for it. */
    bool transform(Vec3d &p) const;
    /** Convenience: returns the transformed point; *ok tells success. */
    Vec3d apply(const Vec3d &p, bool *ok = nullptr) const;

private:
    struct Private;
    std::shared_ptr<const Private> d;
};

} // namespace liyuan
