#pragma once
#include "CameraRecord.h"
#include "Sighting.h"
#include "WhoSeesOptions.h"

#include <liyuan/scene/PickFunction.h>

#include <QVector>

namespace liyuan::cameras {

/**
 * "Who sees it": a uniform grid over the scene positions of resolved cameras; each camera is
 * listed in every cell its range circle (the distance of its far-plane corners) touches, so a query reads one cell
 * and tests only the cameras whose far range can reach the point (cameras reaching more
 * than kMaxCellsPerCamera cells are kept in a short list tested always).
 *
 * whoSees(point):
 *  1. range: within the camera's reach (the grid cell);
 *  2. view: CameraPose::contains(point) for the current pose (depth between nearM and farM,
 *     inside the picture); or, for a PTZ camera within nearM..farM of the point, the
 *     point's pan (azimuth relative to the record's heading) and tilt (elevation) lie within
 *     the reachable ranges widened by half the widest field of view (needsPtz = true);
 *  3. line of sight (options.lineOfSight and an occluder given): Sightline from the camera
 *     towards the point through the occluder; blocked when a hit lies before the point minus
 *     options.targetTolerance (hits within options.cameraTolerance of the camera are stepped
 *     over);
 *  4. ranking: score = 0.5 * (1 - min(1, distance / farM)) + 0.5 * (1 - min(1, offAxis / (hfov / 2))),
 *     in [0, 1]; times options.ptzPenalty when the camera must move. Best (highest) first,
 *     ties by distance; at most options.maxResults.
 *
 * Built once from the resolved cameras (unresolved records are ignored), then read-only:
 * whoSees() is const and safe from several threads at once if the occluder is.
 */
class CameraIndex
{
public:
    static constexpr int kMaxCellsPerCamera = 1024;

    CameraIndex() = default;
    explicit CameraIndex(const QVector<CameraRecord> &resolvedCameras);

    /** The cameras that see point (scene frame), ranked best first. Runs on the calling thread (occluder calls included). */
    QVector<Sighting> whoSees(const Vec3d &point, const PickFunction &occluder, const WhoSeesOptions &options) const;
    QVector<Sighting> whoSees(const Vec3d &point, const PickFunction &occluder) const
    {
        return whoSees(point, occluder, WhoSeesOptions());
    }

    /** How many cameras are indexed. */
    int size() const { return int(m_cams.size()); }
    /** The grid cell size chosen (m). */
    double cellSize() const { return m_cell; }

private:
    struct Cam
    {
        int index;
        QString id;
        CameraPose pose;
        PtzLimits ptz;
        double baseHeading;
        double reach; ///< farthest visible distance (far-plane corners)
    };
    QVector<Cam> m_cams;
    double m_cell = 100.0;
    double m_minX = 0, m_minY = 0;
    int m_cols = 0, m_rows = 0;
    QVector<int> m_cellStart; ///< CSR: cells' camera lists in m_cellItems
    QVector<int> m_cellItems;
    QVector<int> m_always;    ///< cameras with huge ranges, tested for every query
};

} // namespace liyuan::cameras
