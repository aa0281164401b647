#include <liyuan/scene/Sightline.h>

#include <cmath>

namespace liyuan {

Sightline Sightline::compute(const Vec3d &viewpoint, const Vec3d &target, const PickFunction &pick,
                             const Options &options, const QString &label)
{
    Sightline s;
    s.label = label;
    s.viewpoint = viewpoint;
    s.target = target;
    const auto finite = [](const Vec3d &p) { return std::isfinite(p.x) && std::isfinite(p.y) && std::isfinite(p.z); };
    if (!finite(viewpoint) || !finite(target)) {
        s.error = QStringLiteral("the viewpoint or the target is not a finite number");
        return s;
    }
    s.length = (target - viewpoint).length();
    if (!(s.length > 1e-6)) {
        s.error = QStringLiteral("the viewpoint and the target coincide");
        return s;
    }
    if (!pick) {
        s.error = QStringLiteral("nothing to cast the sightline against");
        return s;
    }
    const Vec3d dir = (target - viewpoint) * (1.0 / s.length);
    const double targetTol = std::max(0.0, options.targetTolerance);
    const double viewTol = std::max(0.0, options.viewpointTolerance);
    double start = 0; // distance of the ray origin from the viewpoint
    bool clear = false;
    for (int step = 0; step <= std::max(0, options.maxSteps) && !clear; ++step) {
        const Vec3d origin = viewpoint + dir * start;
        Vec3d hit;
        if (!pick(origin, dir, &hit) || !finite(hit)) {
            clear = true;
            break;
        }
        // distance along the line (the hit projected on it; a pick may return a point slightly off the ray)
        const double d = (hit - viewpoint).dot(dir);
        if (d < viewTol || d - start < 1e-6) {
            // the surface the viewpoint stands on, or one the ray origin lies on: step over it
            start = std::max(start, std::max(d, 0.0)) + std::max(viewTol, 1e-3);
            continue;
        }
        if (d >= s.length - targetTol) {
            clear = true; // the target itself, or beyond it
            break;
        }
        s.visible = false;
        s.obstruction = hit;
        s.distance = d;
        s.fraction = d / s.length;
        s.valid = true;
        return s;
    }
    if (!clear) {
        s.error = QStringLiteral("the viewpoint lies inside a surface (%1 hits next to it)").arg(options.maxSteps + 1);
        return s;
    }
    s.visible = true;
    s.valid = true;
    return s;
}

} // namespace liyuan
