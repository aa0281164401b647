#include "DrillBuildings.h"

#include <liyuan/geodata/Crs.h>
#include <liyuan/live/BuildingRegistry.h>

namespace liyuan {

QList<DrillBuilding> drillBuildingsFromRegistry(const live::BuildingRegistry &registry, const LocalFrame &scene,
                                                QStringList *errors)
{
    QList<DrillBuilding> out;
    const bool convert = !registry.crs().isEmpty() && scene.isGeoreferenced();
    const Crs crs = convert ? Crs::fromString(registry.crs()) : Crs();
    auto toScene = [&](double x, double y, double z, bool *ok) {
        if (!convert) {
            *ok = true;
            return Vec3d(x, y, z);
        }
        return scene.fromOther(Vec3d(x, y, z), crs, ok);
    };
    for (const auto &b : registry.buildings()) {
        DrillBuilding d;
        d.id = b.id;
        d.name = b.name.isEmpty() ? b.id : b.name;
        d.block = b.block;
        d.district = registry.districtName();
        d.floorSource = QStringLiteral("registry");
        bool ok = true;
        double z0 = 0;
        if (!b.floors.isEmpty())
            z0 = b.floors.first().baseElevation;
        for (const QPointF &p : b.footprint) {
            bool pok = false;
            const Vec3d s = toScene(p.x(), p.y(), z0, &pok);
            ok = ok && pok;
            d.footprint << QPointF(s.x, s.y);
        }
        for (const auto &f : b.floors) {
            bool fok = false;
            const QPointF c = b.footprint.isEmpty() ? QPointF() : b.footprint.first();
            const Vec3d s = toScene(c.x(), c.y(), f.baseElevation, &fok);
            ok = ok && fok;
            d.floors << DrillFloor{f.number, f.name, s.z, f.height, -1};
        }
        if (!ok) {
            if (errors)
                errors->append(QStringLiteral("%1: building %2 could not be placed in the scene frame").arg(registry.crs(), b.id));
            continue;
        }
        out << d;
    }
    return out;
}

} // namespace liyuan
