#pragma once
#include <QList>
#include <QRect>
#include <QRectF>
#include <QSize>
#include <QString>

namespace liyuan {

/** Limits of a wall layout file (hostile sizes are refused, naming the file and the screen). */
struct WallLimits
{
    int maxScreens = 64;          ///< screens in one layout
    int maxGridIndex = 63;        ///< row / col
    double maxMillimetres = 1e5;  ///< any size, bezel or position (100 m)
    double maxBezelMm = 1000.0;
    int maxPixels = 16384;        ///< per side of a screen's resolution / window geometry
    qint64 maxFileBytes = 4 << 20;
};

/** One screen of a wall as the layout file describes it (millimetres from the wall's top-left, y down). */
struct WallScreen
{
    QString id;
    int row = -1;          ///< grid placement (row, col ≥ 0), or −1 with an explicit rect
    int col = -1;
    QRectF active;         ///< the active (picture) area, mm, resolved (grid or rect)
    double bezelLeft = 0, bezelRight = 0, bezelTop = 0, bezelBottom = 0; ///< mm
    QString output;        ///< QScreen::name() the window goes to (may be empty)
    QRect geometry;        ///< explicit window geometry in virtual-desktop pixels (null = the output's)
    QSize resolution;      ///< window pixels (from "resolution", else the geometry's size)

    /** The active area with its bezels (mm). */
    QRectF outer() const { return active.adjusted(-bezelLeft, -bezelTop, bezelRight, bezelBottom); }
};

/** An NDC rectangle (x right, y up, −1..1 = the full view) of the wall's shared virtual camera. */
struct WallSubView
{
    double left = -1, right = 1, bottom = -1, top = 1;
};

/** The viewer's eye in wall millimetres: x from the left, y from the top, distance from the wall plane. */
struct WallEye
{
    double x = 0, y = 0, distance = 0;
};

/**
 * A video wall: screens with physical sizes and bezels, where each window goes, and the viewer's
 * eye; and the off-axis maths that cuts one shared virtual camera into per-screen sub-views.
 *
 * The shared camera is a symmetric perspective view centred on the eye's foot point on the wall,
 * wide and high enough to cover the whole wall including bezels: half-width = the larger
 * horizontal distance from the foot point to the wall's outer edges, half-height likewise, so
 * its aspect is halfWidth/halfHeight and its vertical field of view 2·atan(halfHeight/distance).
 * A screen shows the NDC rectangle of its active area; what lies behind bezels is not drawn.
 * Without an eye in the file the foot point is the wall's centre and the distance is the one at
 * which the wall's height subtends the camera's own vertical field of view.
 *
 * Plain value; any thread.
 */
class WallLayout
{
public:
    /** Reads and validates a layout file; false with *error naming the file (and screen). */
    static bool load(const QString &fileName, WallLayout *out, QString *error, const WallLimits &limits = {});
    /** Parses and validates JSON text; fileName only names it in errors. */
    static bool parse(const QByteArray &json, const QString &fileName, WallLayout *out, QString *error,
                      const WallLimits &limits = {});

    QString id() const { return m_id; }
    QString fileName() const { return m_fileName; }
    const QList<WallScreen> &screens() const { return m_screens; }
    /** Index of a screen by id, −1 when there is none. */
    int indexOf(const QString &screenId) const;
    /** "FILE: no screen "X" (screens: A, B)" — the message for an unknown --wall-screen. */
    QString unknownScreenMessage(const QString &screenId) const;
    /** The wall's outer extent including bezels (mm). */
    QRectF bounds() const { return m_bounds; }
    bool hasEye() const { return m_hasEye; }
    /** The eye point: the file's, or the default for a camera with vertical field of view cameraFovY. */
    WallEye eye(double cameraFovYDegrees) const;
    /** Vertical field of view (degrees) of the shared virtual camera. */
    double fovYDegrees(double cameraFovYDegrees) const;
    /** Aspect (width/height) of the shared virtual camera. */
    double fullAspect(double cameraFovYDegrees) const;
    /** The NDC sub-rectangle of screen `index`'s active area in the shared virtual camera. */
    WallSubView subView(int index, double cameraFovYDegrees) const;

private:
    /** Half extents of the shared view around the eye's foot point (mm). */
    void halfExtents(const WallEye &e, double *halfW, double *halfH) const;

    QString m_id;
    QString m_fileName;
    QList<WallScreen> m_screens;
    QRectF m_bounds;
    bool m_hasEye = false;
    WallEye m_eye;
};

} // namespace liyuan
