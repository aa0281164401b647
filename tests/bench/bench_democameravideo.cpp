// bench_democameravideo: the demo cameras' video — generating the district with its 40 camera
// backgrounds, then DemoCameraVideo::draw per frame at 640x360 and 1280x720 (median, p95), one
// thread and two threads drawing different cameras at once (two RTSP streams); and
// CameraCalibration::solve for 6 … 200 pairs. Not a ctest test: run
//   build/tests/bench/bench_democameravideo [DEMO_DIR]
// (without DEMO_DIR the district is generated into a temporary folder first).
#include <liyuan/calibration/CameraCalibration.h>
#include <liyuan/demo/DemoCameraVideo.h>
#include <liyuan/demo/DemoDistrict.h>

#include <QDir>
#include <QElapsedTimer>
#include <QGuiApplication>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>
#include <random>
#include <thread>
#include <vector>

using namespace liyuan;

namespace {

struct Stats
{
    double median = 0, p95 = 0;
};

Stats stats(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return {v[v.size() / 2], v[std::min(v.size() - 1, v.size() * 95 / 100)]};
}

std::vector<double> drawMany(const demo::DemoCameraVideo &video, QSize size, int frames, int firstCamera, int step)
{
    QImage frame(size, QImage::Format_RGB32);
    for (int i = 0; i < video.cameraCount(); ++i)
        video.draw(i, frame, 0); // load + scale the backgrounds once
    std::vector<double> ms;
    QElapsedTimer t;
    for (int k = 0; k < frames; ++k) {
        t.start();
        video.draw((firstCamera + k * step) % video.cameraCount(), frame, 40 * k);
        ms.push_back(t.nsecsElapsed() / 1e6);
    }
    return ms;
}

} // namespace

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    QTemporaryDir tmp;
    QString dir = argc > 1 ? QString::fromLocal8Bit(argv[1]) : tmp.filePath(QStringLiteral("district"));
    if (argc <= 1) {
        QElapsedTimer t;
        t.start();
        const demo::DemoDistrictResult r = demo::generateDemoDistrict(dir);
        if (!r.ok) {
            std::fprintf(stderr, "%s\n", qPrintable(r.error));
            return 1;
        }
        std::printf("district with %d cameras generated in %.1f s (%d threads)\n", r.cameras, t.elapsed() / 1000.0,
                    int(std::thread::hardware_concurrency()));
    }
    demo::DemoCameraVideo video(dir);
    video.setWallClock(false);
    if (!video.isValid()) {
        std::fprintf(stderr, "%s\n", qPrintable(video.errorString()));
        return 1;
    }
    for (const QSize size : {QSize(640, 360), QSize(1280, 720)}) {
        const Stats one = stats(drawMany(video, size, 400, 0, 1));
        std::vector<double> a, b;
        std::thread t1([&] { a = drawMany(video, size, 400, 0, 2); });
        std::thread t2([&] { b = drawMany(video, size, 400, 1, 2); });
        t1.join();
        t2.join();
        a.insert(a.end(), b.begin(), b.end());
        const Stats two = stats(a);
        std::printf("draw %dx%d: one thread median %.2f ms, p95 %.2f ms; two threads at once median %.2f ms, p95 %.2f ms\n",
                    size.width(), size.height(), one.median, one.p95, two.median, two.p95);
    }

    // calibration: pairs seen by a known camera, 0.5 px noise
    std::mt19937 rng(3);
    std::uniform_real_distribution<double> U(0.03, 0.97), D(10, 90);
    std::normal_distribution<double> N(0, 0.35);
    CameraPose pose;
    pose.position = Vec3d(120, 80, 9);
    pose.heading = 35;
    pose.pitch = -18;
    pose.hfov = 58;
    for (int n : {6, 12, 40, 200}) {
        QVector<calibration::PointPair> pairs;
        while (pairs.size() < n) {
            const double u = U(rng) * 1280, v = U(rng) * 720;
            calibration::PointPair p;
            p.scene = pose.position + pose.rayThroughPixel(u, v, 1280, 720) * D(rng);
            double pu = 0, pv = 0;
            pose.toPixel(p.scene, 1280, 720, &pu, &pv);
            p.pixel = QPointF(std::clamp(pu + N(rng), 0.0, 1280.0), std::clamp(pv + N(rng), 0.0, 720.0));
            pairs << p;
        }
        std::vector<double> ms;
        calibration::CalibrationResult r;
        for (int k = 0; k < 10; ++k) {
            QElapsedTimer t;
            t.start();
            r = calibration::CameraCalibration::solve(pairs, QSize(1280, 720), CameraPose());
            ms.push_back(t.nsecsElapsed() / 1e6);
        }
        const Stats s = stats(ms);
        std::printf("calibration, %3d pairs: median %.1f ms; rms %.2f px, position off %.3f m, hfov off %.3f deg\n", n, s.median,
                    r.rmsPx, (r.pose.position - pose.position).length(), std::abs(r.pose.hfov - pose.hfov));
    }
    return 0;
}
