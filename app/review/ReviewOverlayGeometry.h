#pragma once
#include <liyuan/geodata/Vec3d.h>

#include <QColor>
#include <QQuick3DGeometry>
#include <QVector3D>

#include <vector>

namespace liyuan {

/**
 * Geometry of the review overlay in the scene frame (x east, y north, z up; the QML node
 * that holds it turns Z up into Qt's Y up): coloured line segments (measurements,
 * sightlines — visible part green, obstructed part red —, point crosses, violation
 * outlines) or coloured triangles (translucent violation boxes). Built on the GUI thread
 * by ReviewController; uploaded by Qt Quick 3D on its render thread via update().
 */
class ReviewOverlayGeometry : public QQuick3DGeometry
{
    Q_OBJECT
    Q_PROPERTY(int vertexCount READ vertexCount NOTIFY changed)
public:
    enum class Mode { Lines, Triangles };

    explicit ReviewOverlayGeometry(Mode mode = Mode::Lines, QObject *parent = nullptr);

    /** Starts a new set of primitives (commit() uploads them). */
    void clear();
    /** Lines mode: one segment. */
    void addSegment(const Vec3d &a, const Vec3d &b, const QColor &color);
    /** Lines mode: a 3D cross of three segments of length size centred on p (a picked point). */
    void addCross(const Vec3d &p, double size, const QColor &color);
    /** Lines mode: the twelve edges of an axis-aligned box. */
    void addBoxEdges(const Vec3d &min, const Vec3d &max, const QColor &color);
    /** Triangles mode: one triangle. */
    void addTriangle(const Vec3d &a, const Vec3d &b, const Vec3d &c, const QColor &color);
    /** Triangles mode: the six faces of an axis-aligned box. */
    void addBox(const Vec3d &min, const Vec3d &max, const QColor &color);
    /** Lines mode: the edges of a vertical prism over a ring (XY, z ignored) from zLo to zHi. */
    void addPrismEdges(const std::vector<Vec3d> &ring, double zLo, double zHi, const QColor &color);
    /** Triangles mode: a vertical prism over a convex ring (counter-clockwise in XY) from zLo to zHi, faces outwards. */
    void addPrism(const std::vector<Vec3d> &ring, double zLo, double zHi, const QColor &color);
    /** Uploads what was added since clear() (bounds included) and emits changed(). */
    void commit();

    Mode mode() const { return m_mode; }
    int vertexCount() const { return int(m_vertices.size() / kFloatsPerVertex); }
    /** Vertices as x, y, z, r, g, b, a floats (for tests). */
    const std::vector<float> &vertices() const { return m_vertices; }

signals:
    void changed();

private:
    static constexpr int kFloatsPerVertex = 7;
    void addVertex(const Vec3d &p, const QColor &color);

    Mode m_mode;
    std::vector<float> m_vertices;
};

} // namespace liyuan
