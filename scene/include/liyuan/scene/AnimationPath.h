#pragma once
#include <liyuan/geodata/Vec3d.h>

#include <QQuaternion>
#include <QString>

#include <vector>

namespace liyuan {

/**
 * A camera flight in OpenSceneGraph's AnimationPath text format: one control point per
 * line, `time x y z qx qy qz qw`, in the dataset's local frame (Z up); the rotation is the
 * camera's (identity looks down −Z with +Y up), so `osgviewer -p FILE` plays the same
 * flight. Plain value; any thread.
 */
class AnimationPath
{
public:
    struct ControlPoint
    {
        double time = 0;
        Vec3d position;
        QQuaternion rotation;
    };

    /** Parses a file; on failure returns false and sets *error ("FILE:LINE: problem"). */
    bool load(const QString &path, QString *error);
    /** Parses text; fileName is used in messages. */
    bool parse(const QByteArray &text, const QString &fileName, QString *error);
    /** Writes the path in the same text format. */
    bool save(const QString &path, QString *error) const;

    bool isEmpty() const { return m_points.empty(); }
    double firstTime() const { return m_points.empty() ? 0 : m_points.front().time; }
    double lastTime() const { return m_points.empty() ? 0 : m_points.back().time; }
    double duration() const { return lastTime() - firstTime(); }
    const std::vector<ControlPoint> &points() const { return m_points; }
    void append(const ControlPoint &p) { m_points.push_back(p); }

    /** Pose at time t (clamped to the path), linear position and slerped rotation, as OSG's. */
    ControlPoint sample(double t) const;

private:
    std::vector<ControlPoint> m_points;
};

} // namespace liyuan
