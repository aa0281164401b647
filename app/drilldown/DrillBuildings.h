#pragma once
#include "DrillDownController.h"

#include <liyuan/geodata/LocalFrame.h>

namespace liyuan {
namespace live { class BuildingRegistry; }

/**
 * The registry's buildings as drill-down targets in the scene frame: footprints and floor
 * elevations converted from the registry's CRS (scene metres when it has none). Floors come
 * from the registry ("registry"; sliced by elevation unless a model layer takes over).
 * *errors gets one line per building that could not be placed. Any thread.
 */
QList<DrillBuilding> drillBuildingsFromRegistry(const live::BuildingRegistry &registry, const LocalFrame &scene,
                                                QStringList *errors);

} // namespace liyuan
