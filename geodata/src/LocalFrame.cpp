#include "liyuan/geodata/LocalFrame.h"

#include "liyuan/geodata/CoordinateTransform.h"

namespace liyuan {

Vec3d LocalFrame::toLonLatHeight(const Vec3d &local, bool *ok) const
{
    return toOther(local, Crs::wgs84(), ok);
}

Vec3d LocalFrame::fromLonLatHeight(const Vec3d &lonLatH, bool *ok) const
{
    return fromOther(lonLatH, Crs::wgs84(), ok);
}

Vec3d LocalFrame::toOther(const Vec3d &local, const Crs &other, bool *ok) const
{
    if (!isGeoreferenced() || !other.isValid()) {
        if (ok)
            *ok = false;
        return local;
    }
    const Vec3d p = toCrs(local);
    if (other == m_crs) {
        if (ok)
            *ok = true;
        return p;
    }
    bool r = false;
    const Vec3d q = CoordinateTransform(m_crs, other).apply(p, &r);
    if (ok)
        *ok = r;
    return r ? q : local;
}

Vec3d LocalFrame::fromOther(const Vec3d &p, const Crs &other, bool *ok) const
{
    if (!isGeoreferenced() || !other.isValid()) {
        if (ok)
            *ok = false;
        return p;
    }
    if (other == m_crs) {
        if (ok)
            *ok = true;
        return fromCrs(p);
    }
    bool r = false;
    const Vec3d q = CoordinateTransform(other, m_crs).apply(p, &r);
    if (ok)
        *ok = r;
    return r ? fromCrs(q) : p;
}

} // namespace liyuan
