#include <liyuan/cameras/CameraIndex.h>

#include <liyuan/scene/Sightline.h>

#include <algorithm>
#include <cmath>

namespace liyuan::cameras {

namespace {

constexpr double kRadToDeg = 180.0 / 3.14159265358979323846;
constexpr qint64 kMaxCells = 4'000'000;

bool finite(const Vec3d &p)
{
    return std::isfinite(p.x) && std::isfinite(p.y) && std::isfinite(p.z);
}

/** -180 < a <= 180 */
double wrap180(double a)
{
    a = std::fmod(a, 360.0);
    if (a > 180.0)
        a -= 360.0;
    else if (a <= -180.0)
        a += 360.0;
    return a;
}

/** How far from the camera a point can be and still be seen: the far plane's corners (the spherical far range for a PTZ camera). */
double reachOf(const CameraPose &p, bool ptz)
{
    const double th = p.tanHalfH(), tv = p.tanHalfV();
    const double corners = p.farM * std::sqrt(1.0 + th * th + tv * tv);
    const double reach = std::isfinite(corners) ? corners : 1e12;
    return ptz ? std::max(reach, p.farM) : reach;
}

} // namespace

CameraIndex::CameraIndex(const QVector<CameraRecord> &cameras)
{
    QVector<double> fars;
    for (int i = 0; i < int(cameras.size()); ++i) {
        const CameraRecord &r = cameras.at(i);
        const CameraPose &p = r.scenePose;
        if (!r.resolved || !finite(p.position) || !(p.farM > 0) || !std::isfinite(p.farM))
            continue;
        const double reach = reachOf(p, r.ptz.enabled);
        m_cams.append(Cam{i, r.id, p, r.ptz, p.heading, reach});
        fars.append(reach);
    }
    if (m_cams.isEmpty())
        return;
    std::nth_element(fars.begin(), fars.begin() + fars.size() / 2, fars.end());
    m_cell = std::clamp(fars.at(fars.size() / 2), 10.0, 5000.0);
    // cameras reaching much farther than most go on the always-tested list, not into the bounds
    const double cap = 16.0 * m_cell;
    double minX = 1e300, minY = 1e300, maxX = -1e300, maxY = -1e300;
    for (const Cam &c : m_cams) {
        const double reach = std::min(c.reach, cap);
        minX = std::min(minX, c.pose.position.x - reach);
        minY = std::min(minY, c.pose.position.y - reach);
        maxX = std::max(maxX, c.pose.position.x + reach);
        maxY = std::max(maxY, c.pose.position.y + reach);
    }
    // keep the grid bounded whatever the spread of the cameras
    while (std::ceil((maxX - minX) / m_cell) * std::ceil((maxY - minY) / m_cell) > double(kMaxCells))
        m_cell *= 2.0;
    m_minX = minX;
    m_minY = minY;
    m_cols = std::max(1, int(std::ceil((maxX - minX) / m_cell)));
    m_rows = std::max(1, int(std::ceil((maxY - minY) / m_cell)));

    // two passes (count, fill): a compressed cell → cameras table
    const qint64 cells = qint64(m_cols) * m_rows;
    QVector<int> counts(cells + 1, 0);
    auto cellRange = [&](const Cam &c, int *c0, int *c1, int *r0, int *r1) {
        const Vec3d &p = c.pose.position;
        const double cx0 = std::clamp((p.x - c.reach - m_minX) / m_cell, 0.0, double(m_cols - 1));
        const double cx1 = std::clamp((p.x + c.reach - m_minX) / m_cell, 0.0, double(m_cols - 1));
        const double cy0 = std::clamp((p.y - c.reach - m_minY) / m_cell, 0.0, double(m_rows - 1));
        const double cy1 = std::clamp((p.y + c.reach - m_minY) / m_cell, 0.0, double(m_rows - 1));
        *c0 = int(cx0);
        *c1 = int(cx1);
        *r0 = int(cy0);
        *r1 = int(cy1);
        return qint64(*c1 - *c0 + 1) * (*r1 - *r0 + 1);
    };
    for (int k = 0; k < int(m_cams.size()); ++k) {
        int c0, c1, r0, r1;
        if (m_cams.at(k).reach > cap || cellRange(m_cams.at(k), &c0, &c1, &r0, &r1) > kMaxCellsPerCamera) {
            m_always.append(k);
            continue;
        }
        for (int r = r0; r <= r1; ++r)
            for (int c = c0; c <= c1; ++c)
                ++counts[qint64(r) * m_cols + c + 1];
    }
    for (qint64 i = 1; i <= cells; ++i)
        counts[i] += counts[i - 1];
    m_cellStart = counts;
    m_cellItems.resize(counts.at(cells));
    QVector<int> fill(counts.begin(), counts.end() - 1);
    for (int k = 0; k < int(m_cams.size()); ++k) {
        int c0, c1, r0, r1;
        if (m_cams.at(k).reach > cap || cellRange(m_cams.at(k), &c0, &c1, &r0, &r1) > kMaxCellsPerCamera)
            continue;
        for (int r = r0; r <= r1; ++r)
            for (int c = c0; c <= c1; ++c)
                m_cellItems[fill[qint64(r) * m_cols + c]++] = k;
    }
}

QVector<Sighting> CameraIndex::whoSees(const Vec3d &point, const PickFunction &occluder, const WhoSeesOptions &options) const
{
    QVector<Sighting> out;
    if (m_cams.isEmpty() || !finite(point) || options.maxResults <= 0)
        return out;
    struct Candidate
    {
        int cam;
        Sighting s;
    };
    QVector<Candidate> candidates;
    auto consider = [&](int k) {
        const Cam &c = m_cams.at(k);
        const CameraPose &pose = c.pose;
        const Vec3d d = point - pose.position;
        const double dist = d.length();
        if (!(dist <= c.reach) || !(dist > 1e-9))
            return;
        bool needsPtz = false;
        if (!pose.contains(point)) {
            if (!c.ptz.enabled || !options.includePtz || dist < pose.nearM || dist > pose.farM)
                return;
            const double hh = std::clamp(c.ptz.hfovMax, 0.0, 179.0) * 0.5;
            const double vh = std::atan(std::tan(hh / kRadToDeg) / (pose.aspect > 0 ? pose.aspect : 1.0)) * kRadToDeg;
            const double pan = wrap180(std::atan2(d.x, d.y) * kRadToDeg - c.baseHeading);
            const double tilt = std::atan2(d.z, std::hypot(d.x, d.y)) * kRadToDeg;
            bool panOk = c.ptz.panMax - c.ptz.panMin + 2 * hh >= 360.0;
            for (double a : {pan, pan + 360.0, pan - 360.0})
                panOk = panOk || (a >= c.ptz.panMin - hh && a <= c.ptz.panMax + hh);
            const bool tiltOk = tilt >= c.ptz.tiltMin - vh && tilt <= c.ptz.tiltMax + vh;
            if (!panOk || !tiltOk)
                return;
            needsPtz = true;
        }
        Sighting s;
        s.index = c.index;
        s.distance = dist;
        s.offAxisDeg = pose.offAxisDegrees(point);
        const double halfFov = std::max(1e-6, pose.hfov * 0.5);
        s.score = 0.5 * (1.0 - std::min(1.0, dist / pose.farM)) + 0.5 * (1.0 - std::min(1.0, s.offAxisDeg / halfFov));
        if (needsPtz)
            s.score *= options.ptzPenalty;
        s.needsPtz = needsPtz;
        candidates.append(Candidate{k, s}); // the id is filled for the winners only
    };
    const int col = int(std::floor((point.x - m_minX) / m_cell));
    const int row = int(std::floor((point.y - m_minY) / m_cell));
    if (col >= 0 && col < m_cols && row >= 0 && row < m_rows) {
        const qint64 cell = qint64(row) * m_cols + col;
        for (int i = m_cellStart.at(cell); i < m_cellStart.at(cell + 1); ++i)
            consider(m_cellItems.at(i));
    }
    for (int k : m_always)
        consider(k);
    std::sort(candidates.begin(), candidates.end(), [](const Candidate &a, const Candidate &b) {
        return a.s.score != b.s.score ? a.s.score > b.s.score : a.s.distance < b.s.distance;
    });
    Sightline::Options so;
    so.targetTolerance = std::max(0.0, options.targetTolerance);
    so.viewpointTolerance = std::max(0.0, options.cameraTolerance);
    const bool cast = options.lineOfSight && bool(occluder);
    // best first: line-of-sight casts stop once maxResults cameras are found
    for (const Candidate &cand : candidates) {
        const Cam &c = m_cams.at(cand.cam);
        Sighting s = cand.s;
        if (cast) {
            const Sightline line = Sightline::compute(c.pose.position, point, occluder, so);
            if (!line.valid || !line.visible)
                continue;
        }
        s.id = c.id;
        out.append(s);
        if (out.size() >= options.maxResults)
            break;
    }
    return out;
}

} // namespace liyuan::cameras
