#pragma once
#include "ProjectFile.h"

#include <liyuan/demo/DemoDistrict.h>

#include <QCoreApplication>
#include <QStringList>

namespace liyuan {

/**
 * The demo district as a project: photogrammetry, terrain with the orthophoto draped, heritage
 * zones as translucent height-limit volumes, buildings, streets and POIs (those the generator
 * made), the photogrammetry's scene frame and the redevelopment schemes (none active). Paths
 * relative to the district's folder. Any thread.
 */
class DemoProject
{
    Q_DECLARE_TR_FUNCTIONS(liyuan::DemoProject)
public:
    /** Problems reading parts of the district (its schemes file) go to *messages. */
    static ProjectFile build(const demo::DemoDistrictResult &result, QStringList *messages);
};

} // namespace liyuan
