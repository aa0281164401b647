#pragma once
#include <QColor>
#include <QVector3D>
#include <QVector>
#include <QtQuick3D/QQuick3DTextureData>

namespace liyuan {

/**
 * Footfall heatmap texture for a ground quad: Gaussian kernels (σ = radius / 3, cut at radius)
 * around each people counter, weighted by its count, summed into a square grid covering the
 * counters' extent plus one radius of margin, normalised to the hottest cell and coloured
 * blue → yellow → red with alpha proportional to the intensity. RGBA8, straight alpha.
 *
 * Orientation: row 0 is the north edge (largest scene y), column 0 the west edge (smallest x),
 * like a map image. center() / size() give the quad in the scene frame (z = lowest counter).
 * GUI thread (a QQuick3DTextureData).
 */
class FootfallHeatmap : public QQuick3DTextureData
{
    Q_OBJECT
    Q_PROPERTY(double radius READ radius WRITE setRadius NOTIFY radiusChanged)
    Q_PROPERTY(int resolution READ resolution WRITE setResolution NOTIFY resolutionChanged)
    Q_PROPERTY(QVector3D center READ center NOTIFY extentChanged)
    Q_PROPERTY(QVector3D size READ extentSize NOTIFY extentChanged)
    Q_PROPERTY(bool empty READ isEmpty NOTIFY extentChanged)
public:
    /** One people counter in the scene frame; weight = its count (negative counts as 0). */
    struct Point { double x = 0, y = 0, z = 0, weight = 0; };

    explicit FootfallHeatmap(QQuick3DObject *parent = nullptr);

    double radius() const { return m_radius; }
    /** Kernel radius in metres (> 0; default 25). Takes effect at the next update(). */
    void setRadius(double metres);
    int resolution() const { return m_resolution; }
    /** Texture side in pixels (16..2048; default 256). Takes effect at the next update(). */
    void setResolution(int pixels);

    /** Rebuilds the image from the points; returns false (image unchanged) when nothing changed. */
    bool update(const QVector<Point> &points);

    QVector3D center() const { return m_center; }
    /** Side lengths of the covered square (x, y; z = 0). */
    QVector3D extentSize() const { return m_size; }
    bool isEmpty() const { return m_points.isEmpty(); }

    /** Test accessors: a pixel's colour, and the normalised intensity (0..1) at a scene point. */
    QColor pixelAt(int column, int row) const;
    double intensityAt(double x, double y) const;

    /** The colour ramp: 0 blue, 0.5 yellow, 1 red (alpha not included). */
    static QColor ramp(double t);

signals:
    void radiusChanged();
    void resolutionChanged();
    void extentChanged();

private:
    void rebuild();

    QVector<Point> m_points;
    QVector<float> m_intensity; ///< resolution², row-major from the north edge, normalised
    QByteArray m_rgba;
    QVector3D m_center, m_size;
    double m_radius = 25.0;
    int m_resolution = 256;
    bool m_paramsChanged = false;
};

} // namespace liyuan
