#pragma once
#include "PickFunction.h"

#include <liyuan/geodata/Vec3d.h>

#include <QString>

#include <vector>

namespace liyuan {

/**
 * One measurement between picked points, in the scene frame (double metres, x east, y north,
 * z up), with its results. Value type; the static functions are pure geometry and safe on any
 * thread; height() calls the pick function on the calling thread (the GUI thread
 * when it is TileStreamer::pick).
 */
class Measurement
{
public:
    enum class Kind {
        Distance,          ///< two points: 3D, horizontal and vertical distance
        Polyline,          ///< n >= 2 points: summed 3D and horizontal length
        Area,              ///< n >= 3 points, a closed ring (not repeated): areas and perimeter
        HeightAboveGround, ///< one point: its height above the ground below (or above) it
    };

    Kind kind = Kind::Distance;
    QString label;                 ///< free text given by the user (exported as is)
    std::vector<Vec3d> points;     ///< as picked; for HeightAboveGround: the point
    bool valid = false;            ///< false: see error (too few points, no ground found, …)
    QString error;

    // Results (metres, square metres); those not meaningful for the kind stay 0.
    double distance3d = 0;         ///< Distance: |b - a|; Polyline: summed 3D length
    double horizontal = 0;         ///< Distance / Polyline: length of the projection on the XY plane
    double vertical = 0;           ///< Distance: b.z - a.z (signed: > 0 when b is higher)
    double horizontalArea = 0;     ///< Area: area of the ring projected on the XY plane
    double area3d = 0;             ///< Area: true area of the (planar) ring in 3D
    double perimeter = 0;          ///< Area: closed 3D perimeter
    double planarDeviation = 0;    ///< Area: largest distance of a vertex from the ring's best plane
    double heightAboveGround = 0;  ///< HeightAboveGround: point.z - ground.z (negative below ground)
    Vec3d ground;                  ///< HeightAboveGround: the ground point found

    /** Distance between two points. */
    static Measurement distance(const Vec3d &a, const Vec3d &b, const QString &label = {});
    /** Length of an open polyline (>= 2 points). */
    static Measurement polyline(const std::vector<Vec3d> &points, const QString &label = {});
    /** Areas and perimeter of a closed ring (>= 3 points; a repeated closing point is ignored). */
    static Measurement area(const std::vector<Vec3d> &ring, const QString &label = {});
    /**
     * Height of a point above the ground: a vertical ray goes down from the point (then up,
     * when the point is below the ground) through groundPick. Invalid when it hits nothing.
     */
    static Measurement height(const Vec3d &point, const PickFunction &groundPick,
                              const QString &label = {});

    /** |b - a|. */
    static double distance3D(const Vec3d &a, const Vec3d &b);
    /** Distance of the projections on the XY plane. */
    static double horizontalDistance(const Vec3d &a, const Vec3d &b);
    /** b.z - a.z. */
    static double verticalDistance(const Vec3d &a, const Vec3d &b) { return b.z - a.z; }
    /** Summed 3D length of an open polyline. */
    static double polylineLength(const std::vector<Vec3d> &points);
    /** Summed horizontal length of an open polyline. */
    static double horizontalPolylineLength(const std::vector<Vec3d> &points);
    /** Area of the ring projected on the XY plane (shoelace, always >= 0). */
    static double projectedArea(const std::vector<Vec3d> &ring);
    /** Signed projected area: > 0 when the ring runs counter-clockwise seen from above. */
    static double signedProjectedArea(const std::vector<Vec3d> &ring);
    /**
     * True 3D area of a planar ring (half the length of Newell's normal); for a non-planar
     * ring this is the area of its projection on its best plane.
     */
    static double planarArea(const std::vector<Vec3d> &ring);
    /** Closed 3D perimeter of a ring. */
    static double perimeterOf(const std::vector<Vec3d> &ring);
    /** Largest distance of a ring vertex from the plane through its centroid with Newell's normal. */
    static double planarityDeviation(const std::vector<Vec3d> &ring);
    /** Area-weighted centroid of the ring's XY projection (z = mean z); the mean point when degenerate. */
    static Vec3d projectedCentroid(const std::vector<Vec3d> &ring);
    /** Even-odd point-in-polygon test on the XY projection. */
    static bool containsXY(const std::vector<Vec3d> &ring, double x, double y);
    /** The ring without a repeated closing vertex and without consecutive duplicates. */
    static std::vector<Vec3d> openRing(const std::vector<Vec3d> &ring);
    /**
     * Convex hull of the points' XY projection: counter-clockwise, no repeated or collinear
     * vertex, z = 0; non-finite points are ignored. Fewer than 3 vertices when the points are
     * all on one line (or fewer than 3 distinct). O(n log n).
     */
    static std::vector<Vec3d> convexHullXY(std::vector<Vec3d> points);
};

/** Name of a measurement kind as written in exports ("distance", "polyline", "area", "height"). */
QString measurementKindName(Measurement::Kind kind);

} // namespace liyuan
