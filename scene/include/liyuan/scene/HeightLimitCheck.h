#pragma once
#include "PickFunction.h"

#include <liyuan/geodata/Vec3d.h>

#include <QString>
#include <QStringList>

#include <vector>

namespace liyuan {

/** A protection zone with a height limit, in the scene frame. Plain data. */
struct ProtectionZone
{
    QString id;
    QString name;
    std::vector<Vec3d> polygon;    ///< outer ring, XY used (z ignored); closing vertex optional
    double maxHeight = 0;          ///< metres above the ground
    bool hasGroundElevation = false;
    double groundElevation = 0;    ///< scene z of the ground the limit is measured from (when hasGroundElevation)
    std::vector<std::vector<Vec3d>> holes; ///< inner rings: not part of the zone (a courtyard, an exempt plot)
};

/** A building to check: a placed model or an extruded footprint, in the scene frame. Plain data. */
struct CandidateBuilding
{
    QString id;
    QString name;
    QString source;                ///< "model" or "footprint"
    std::vector<Vec3d> footprint;  ///< footprint polygon or XY hull (z ignored)
    double baseElevation = 0;      ///< scene z of its base
    double topElevation = 0;       ///< scene z of its highest point
};

/** The check of one building. Plain data. */
struct HeightCheckResult
{
    QString buildingId;
    QString buildingName;
    QString source;
    std::vector<Vec3d> footprint;  ///< as given
    Vec3d centroid;                ///< of the footprint (XY), z = ground elevation
    QStringList zoneIds;           ///< every zone it stands in, in zone order
    QStringList zoneNames;
    int governingZone = -1;        ///< index into the zones of the most restrictive one, -1 when in none
    QString zoneId;                ///< the governing zone
    QString zoneName;
    double groundElevation = 0;    ///< ground the governing limit is measured from
    double limit = 0;              ///< the governing zone's maxHeight (metres above ground)
    double limitElevation = 0;     ///< groundElevation + limit (scene z)
    double height = 0;             ///< actual height: topElevation - groundElevation
    double excess = 0;             ///< height - limit; > 0 is a violation (0 when in no zone)
    bool inZone = false;
    bool violation = false;        ///< excess > HeightLimitCheck::kTolerance
};

/**
 * Checks buildings against the height limits of the protection zones they stand in.
 *
 * Which zones a building stands in (ZoneRule): Centroid (default) — the zones containing the
 * area centroid of its footprint; Overlap — the zones its footprint overlaps with a positive
 * area (touching edges do not count). A zone's holes (inner rings) are not part of it. When several zones apply the most restrictive one
 * (lowest absolute limit elevation) governs.
 * The ground a limit is measured from: the zone's groundElevation when it has one, else the
 * ground pick (a vertical ray down at the footprint centroid) when set and it hits, else the
 * building's baseElevation.
 * Plain C++; run it on the thread that owns the pick function (GUI thread for TileStreamer::pick).
 */
class HeightLimitCheck
{
public:
    enum class ZoneRule { Centroid, Overlap };
    /** Excess at or below this (metres) is not a violation: a building exactly at the limit passes. */
    static constexpr double kTolerance = 1e-6;

    void setZones(std::vector<ProtectionZone> zones) { m_zones = std::move(zones); }
    const std::vector<ProtectionZone> &zones() const { return m_zones; }
    void setZoneRule(ZoneRule rule) { m_rule = rule; }
    ZoneRule zoneRule() const { return m_rule; }
    /** Where zones have no groundElevation; may be empty. */
    void setGroundPick(PickFunction pick) { m_groundPick = std::move(pick); }

    /** One result per building, in input order. */
    std::vector<HeightCheckResult> check(const std::vector<CandidateBuilding> &buildings) const;
    /** Only the violations, largest excess first (ties: by building id). */
    static std::vector<HeightCheckResult> violations(const std::vector<HeightCheckResult> &results);

    /** True when two polygons (XY) overlap with a positive area. */
    static bool overlaps(const std::vector<Vec3d> &a, const std::vector<Vec3d> &b);
    /** True when the point (XY) lies in the zone: inside its outer ring and not strictly inside a hole. */
    static bool zoneContains(const ProtectionZone &zone, double x, double y);
    /** True when polygon a (XY) overlaps the zone's area with a positive area (not only its holes). */
    static bool overlapsZone(const std::vector<Vec3d> &a, const ProtectionZone &zone);

private:
    std::vector<ProtectionZone> m_zones;
    ZoneRule m_rule = ZoneRule::Centroid;
    PickFunction m_groundPick;
};

} // namespace liyuan
