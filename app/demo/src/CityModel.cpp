#include "CityModel.h"
#include "DistrictModel.h" // Rng, hash01, smoothNoise

#include <algorithm>
#include <cmath>

namespace liyuan::demo {

double CityBuilding::top() const
{
    if (!hip)
        return base + height;
    const double d = std::min(x1 - x0, y1 - y0);
    return base + height + d / 2 * 0.55; // ~29° pitch
}

CityModel::CityModel(uint64_t seed, double width, double height) : m_seed(seed), m_width(width), m_height(height) {}

double CityModel::terrain(double x, double y) const
{
    // two octaves of smooth noise: hills of ~1.5 km, bumps of ~300 m, 0..28 m
    return 22.0 * smoothNoise(x / 1500.0, y / 1500.0, m_seed ^ 0x51ull) + 6.0 * smoothNoise(x / 300.0, y / 300.0, m_seed ^ 0x77ull);
}

bool CityModel::isPark(int bx, int by) const
{
    return hash01(bx, by, m_seed ^ 0x9A4Bull) < 0.09;
}

void CityModel::blockBuildings(int bx, int by, std::vector<CityBuilding> &out) const
{
    if (bx < 0 || by < 0 || (bx + 1) * kBlock > m_width + 1e-6 || (by + 1) * kBlock > m_height + 1e-6)
        return;
    if (isPark(bx, by))
        return;
    Rng rng(m_seed * 1000003ull ^ (uint64_t(uint32_t(bx)) << 32 | uint32_t(by)));
    const double half = kStreet / 2;
    const double lx0 = bx * kBlock + half, ly0 = by * kBlock + half;
    const double lot = kBlock - kStreet;
    // height scale: towers in the middle of the city, low houses at its edge
    const double cx = (bx + 0.5) * kBlock - m_width / 2, cy = (by + 0.5) * kBlock - m_height / 2;
    const double r = std::sqrt(cx * cx + cy * cy) / std::max(1.0, 0.5 * std::min(m_width, m_height));
    const double core = std::clamp(1.0 - r, 0.0, 1.0);
    const int nx = rng.range(1, 3), ny = rng.range(1, 3);
    for (int j = 0; j < ny; ++j) {
        for (int i = 0; i < nx; ++i) {
            if (rng.chance(0.08))
                continue; // an empty parcel
            const double pw = lot / nx, ph = lot / ny;
            const double sx = rng.uniform(1.5, 4.0), sy = rng.uniform(1.5, 4.0);
            CityBuilding b;
            b.x0 = lx0 + i * pw + sx;
            b.x1 = lx0 + (i + 1) * pw - rng.uniform(1.5, 4.0);
            b.y0 = ly0 + j * ph + sy;
            b.y1 = ly0 + (j + 1) * ph - rng.uniform(1.5, 4.0);
            if (b.x1 - b.x0 < 4 || b.y1 - b.y0 < 4)
                continue;
            const double floors = rng.uniform(2, 6) + core * core * rng.uniform(0, 36);
            b.height = std::round(floors) * 3.2;
            b.hip = b.height < 14 && rng.chance(0.7);
            b.facade = rng.range(0, 3);
            static const QRgb roofs[] = {qRgb(150, 70, 52), qRgb(120, 118, 112), qRgb(95, 98, 104), qRgb(170, 160, 140),
                                         qRgb(80, 100, 90), qRgb(140, 90, 70)};
            b.roof = roofs[rng.range(0, 5)];
            b.base = std::min({terrain(b.x0, b.y0), terrain(b.x1, b.y0), terrain(b.x0, b.y1), terrain(b.x1, b.y1)}) - 0.3;
            out.push_back(b);
        }
    }
}

std::vector<CityBuilding> CityModel::buildings(const QRectF &region) const
{
    std::vector<CityBuilding> all, out;
    const int bx0 = int(std::floor(region.left() / kBlock)), bx1 = int(std::floor(region.right() / kBlock));
    const int by0 = int(std::floor(region.top() / kBlock)), by1 = int(std::floor(region.bottom() / kBlock));
    for (int by = by0; by <= by1; ++by)
        for (int bx = bx0; bx <= bx1; ++bx)
            blockBuildings(bx, by, all);
    for (const CityBuilding &b : all) {
        const double x = b.centerX(), y = b.centerY();
        if (x >= region.left() && x < region.right() && y >= region.top() && y < region.bottom())
            out.push_back(b);
    }
    return out;
}

} // namespace liyuan::demo
