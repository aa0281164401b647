#include "FootfallHeatmap.h"

#include <algorithm>
#include <cmath>

namespace liyuan {

FootfallHeatmap::FootfallHeatmap(QQuick3DObject *parent) : QQuick3DTextureData(parent)
{
    setFormat(QQuick3DTextureData::RGBA8);
    setHasTransparency(true);
}

void FootfallHeatmap::setRadius(double metres)
{
    if (!(metres > 0.0) || !std::isfinite(metres) || metres == m_radius)
        return;
    m_radius = metres;
    m_paramsChanged = true;
    emit radiusChanged();
}

void FootfallHeatmap::setResolution(int pixels)
{
    pixels = std::clamp(pixels, 16, 2048);
    if (pixels == m_resolution)
        return;
    m_resolution = pixels;
    m_paramsChanged = true;
    emit resolutionChanged();
}

QColor FootfallHeatmap::ramp(double t)
{
    t = std::clamp(std::isfinite(t) ? t : 0.0, 0.0, 1.0);
    if (t < 0.5) { // blue → yellow
        const double u = t / 0.5;
        return QColor::fromRgbF(float(u), float(u), float(1.0 - u));
    }
    const double u = (t - 0.5) / 0.5; // yellow → red
    return QColor::fromRgbF(1.0f, float(1.0 - u), 0.0f);
}

bool FootfallHeatmap::update(const QVector<Point> &points)
{
    QVector<Point> clean;
    clean.reserve(points.size());
    for (const Point &p : points) {
        if (!std::isfinite(p.x) || !std::isfinite(p.y) || !std::isfinite(p.z))
            continue;
        Point q = p;
        // clamp: the float grid must not overflow (a hostile count of 1e300 is just 'very many')
        q.weight = std::isfinite(p.weight) ? std::clamp(p.weight, 0.0, 1e12) : 0.0;
        clean.append(q);
    }
    auto same = [](const QVector<Point> &a, const QVector<Point> &b) {
        if (a.size() != b.size())
            return false;
        for (int i = 0; i < a.size(); ++i)
            if (a[i].x != b[i].x || a[i].y != b[i].y || a[i].z != b[i].z || a[i].weight != b[i].weight)
                return false;
        return true;
    };
    if (!m_paramsChanged && same(clean, m_points) && !m_rgba.isEmpty())
        return false;
    m_points = clean;
    m_paramsChanged = false;
    rebuild();
    return true;
}

void FootfallHeatmap::rebuild()
{
    const int n = m_resolution;
    const QVector3D oldCenter = m_center, oldSize = m_size;
    m_intensity.fill(0.0f, n * n);
    if (m_points.isEmpty()) {
        m_center = {};
        m_size = {};
    } else {
        double minX = m_points[0].x, maxX = minX, minY = m_points[0].y, maxY = minY, minZ = m_points[0].z;
        for (const Point &p : m_points) {
            minX = std::min(minX, p.x);
            maxX = std::max(maxX, p.x);
            minY = std::min(minY, p.y);
            maxY = std::max(maxY, p.y);
            minZ = std::min(minZ, p.z);
        }
        const double side = std::max(maxX - minX, maxY - minY) + 2.0 * m_radius;
        const double cx = 0.5 * (minX + maxX), cy = 0.5 * (minY + maxY);
        m_center = QVector3D(float(cx), float(cy), float(minZ));
        m_size = QVector3D(float(side), float(side), 0.0f);
        const double west = cx - side / 2, north = cy + side / 2, pixel = side / n;
        const double sigma = m_radius / 3.0, inv2s2 = 1.0 / (2.0 * sigma * sigma), r2 = m_radius * m_radius;
        for (const Point &p : m_points) {
            if (p.weight <= 0)
                continue;
            const int c0 = std::max(0, int(std::floor((p.x - m_radius - west) / pixel)));
            const int c1 = std::min(n - 1, int(std::ceil((p.x + m_radius - west) / pixel)));
            const int r0 = std::max(0, int(std::floor((north - (p.y + m_radius)) / pixel)));
            const int r1 = std::min(n - 1, int(std::ceil((north - (p.y - m_radius)) / pixel)));
            for (int r = r0; r <= r1; ++r) {
                const double dy = (north - (r + 0.5) * pixel) - p.y;
                float *row = m_intensity.data() + qsizetype(r) * n;
                for (int c = c0; c <= c1; ++c) {
                    const double dx = (west + (c + 0.5) * pixel) - p.x;
                    const double d2 = dx * dx + dy * dy;
                    if (d2 <= r2)
                        row[c] += float(p.weight * std::exp(-d2 * inv2s2));
                }
            }
        }
        const float peak = *std::max_element(m_intensity.cbegin(), m_intensity.cend());
        if (peak > 0)
            for (float &v : m_intensity)
                v /= peak;
    }
    // colour lookup table: 256 steps of the ramp
    static const QVector<QRgb> lut = [] {
        QVector<QRgb> t(256);
        for (int i = 0; i < 256; ++i)
            t[i] = ramp(i / 255.0).rgb();
        return t;
    }();
    m_rgba.resize(qsizetype(n) * n * 4);
    uchar *out = reinterpret_cast<uchar *>(m_rgba.data());
    for (qsizetype i = 0; i < qsizetype(n) * n; ++i) {
        const int level = int(std::lround(std::clamp(m_intensity.at(i), 0.0f, 1.0f) * 255.0f));
        const QRgb c = lut.at(level);
        out[4 * i + 0] = uchar(qRed(c));
        out[4 * i + 1] = uchar(qGreen(c));
        out[4 * i + 2] = uchar(qBlue(c));
        out[4 * i + 3] = uchar(level * 220 / 255); // alpha ∝ intensity, never fully opaque
    }
    setSize(QSize(n, n));
    setTextureData(m_rgba);
    if (oldCenter != m_center || oldSize != m_size)
        emit extentChanged();
}

QColor FootfallHeatmap::pixelAt(int column, int row) const
{
    const int n = m_resolution;
    if (column < 0 || row < 0 || column >= n || row >= n || m_rgba.size() != qsizetype(n) * n * 4)
        return {};
    const uchar *p = reinterpret_cast<const uchar *>(m_rgba.constData()) + (qsizetype(row) * n + column) * 4;
    return QColor(p[0], p[1], p[2], p[3]);
}

double FootfallHeatmap::intensityAt(double x, double y) const
{
    const int n = m_resolution;
    if (m_points.isEmpty() || m_intensity.size() != n * n || m_size.x() <= 0)
        return 0.0;
    const double side = m_size.x();
    const double west = m_center.x() - side / 2, north = m_center.y() + side / 2, pixel = side / n;
    // compared as doubles first: a NaN, infinite or far-away point is outside, and converting
    // it to int would be undefined (found by the UBSan build, tests/fuzz/run_sanitizers.sh)
    const double fc = std::floor((x - west) / pixel), fr = std::floor((north - y) / pixel);
    if (!(fc >= 0 && fr >= 0 && fc < n && fr < n))
        return 0.0;
    const int c = int(fc), r = int(fr);
    return m_intensity.at(r * n + c);
}

} // namespace liyuan
