// bench_cameraicons: CPU cost per frame of the camera layer's icons for 12,000 cameras (the size
// of the largest district platforms): projection, screen clustering, decluttered labels and the
// instance table, over a 300-frame flight from 6 km up down to street level. Peer: the same code
// with clustering off (every camera its own instance: what drawing each camera costs without it).
// Not a ctest test: run build/tests/bench/bench_cameraicons.
#include "CameraIcons.h"

#include <QElapsedTimer>
#include <QGuiApplication>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <random>
#include <vector>

using namespace liyuan;

namespace {
struct Stats
{
    double p50 = 0, p95 = 0, max = 0;
    double instances = 0;
};

Stats run(CameraIcons &icons, double cellPixels)
{
    icons.setCellPixels(cellPixels);
    std::vector<double> ms;
    double instances = 0;
    for (int f = 0; f < 300; ++f) {
        const double t = f / 299.0;
        const double height = 6000.0 * std::pow(30.0 / 6000.0, t); // 6 km → 30 m
        const double a = t * 3.0;
        ViewState v;
        v.eye = Vec3d(std::cos(a) * 500.0 * (1 - t), std::sin(a) * 500.0 * (1 - t), height);
        const Vec3d target(0, 0, 0);
        v.forward = (target + Vec3d(std::sin(a) * height, std::cos(a) * height, 0) - v.eye).normalized();
        const Vec3d right = v.forward.cross(Vec3d(0, 0, 1)).normalized();
        v.up = right.cross(v.forward).normalized();
        v.fovYDegrees = 45;
        v.viewportWidth = 1920;
        v.viewportHeight = 1080;
        QElapsedTimer timer;
        timer.start();
        icons.update(v);
        int n = 0;
        const QByteArray table = icons.instanceBuffer(&n);
        ms.push_back(timer.nsecsElapsed() / 1e6);
        instances += n;
        (void)table;
    }
    std::sort(ms.begin(), ms.end());
    Stats s;
    s.p50 = ms[ms.size() / 2];
    s.p95 = ms[size_t(ms.size() * 0.95)];
    s.max = ms.back();
    s.instances = instances / 300.0;
    return s;
}
} // namespace

int main(int argc, char **argv)
{
    QGuiApplication app(argc, argv);
    std::vector<Vec3d> pts;
    QStringList names;
    std::mt19937 rng(12000);
    std::uniform_real_distribution<double> u(-3000, 3000), h(3, 40);
    for (int i = 0; i < 12000; ++i) {
        pts.push_back(Vec3d(u(rng), u(rng), h(rng)));
        names << QStringLiteral("Camera %1").arg(i);
    }
    CameraIcons icons;
    icons.reset(pts, names);
    const Stats clustered = run(icons, 44);
    const Stats single = run(icons, 1e-3);
    std::printf("camera icons, 12000 cameras, 300-frame flight 6 km -> 30 m, 1920x1080:\n");
    std::printf("  clustered (44 px cells): p50 %.2f ms  p95 %.2f ms  max %.2f ms  instances/frame %.0f\n",
                clustered.p50, clustered.p95, clustered.max, clustered.instances);
    std::printf("  no clustering (peer):    p50 %.2f ms  p95 %.2f ms  max %.2f ms  instances/frame %.0f\n",
                single.p50, single.p95, single.max, single.instances);
    std::printf("  ratio p95 no-clustering / clustered: %.2f; instances %.1fx fewer\n", single.p95 / clustered.p95,
                single.instances / std::max(1.0, clustered.instances));
    return 0;
}
