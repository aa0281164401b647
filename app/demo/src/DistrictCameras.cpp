#include "DistrictCameras.h"

#include "SceneRaster.h"

#include <QDir>
#include <QSaveFile>
#include <QImage>
#include <QImageWriter>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <cmath>
#include <limits>
#include <map>
#include <memory>

namespace liyuan::demo {
namespace {

constexpr double kPi = 3.14159265358979323846;

/** A pose at `eye` looking at `target` (layout metres). */
CameraPose lookAt(const Vec3d &eye, const Vec3d &target, double hfov, double farM)
{
    CameraPose p;
    p.position = eye;
    const Vec3d d = target - eye;
    double h = std::atan2(d.x, d.y) * 180.0 / kPi;
    if (h < 0)
        h += 360.0;
    p.heading = std::round(h * 100.0) / 100.0;
    p.pitch = std::round(std::atan2(d.z, std::hypot(d.x, d.y)) * 180.0 / kPi * 100.0) / 100.0;
    p.roll = 0;
    p.hfov = hfov;
    p.aspect = 16.0 / 9.0;
    p.nearM = 0.5;
    p.farM = farM;
    return p;
}

double r2(double v) { return std::round(v * 100.0) / 100.0; }

} // namespace

std::vector<DemoCamera> districtCameras(const Layout &L)
{
    const Recipe &r = L.r;
    std::vector<DemoCamera> out;
    auto add = [&](DemoCamera c) {
        c.id = QStringLiteral("cam-%1").arg(int(out.size()) + 1, 2, 10, QLatin1Char('0'));
        c.pose.position = Vec3d(r2(c.pose.position.x), r2(c.pose.position.y), r2(c.pose.position.z));
        out.push_back(std::move(c));
    };

    // --- the tower: four on the roof edges (one a PTZ), two over the forecourt and the entrance
    const Tower &T = L.tower;
    const QRectF f = T.footprint;
    const double roofZ = T.height() + 1.2;
    const QPointF pc = L.plaza.center();
    {
        DemoCamera c;
        c.name = QStringLiteral("大厦楼顶 西 Tower roof west (plaza)");
        c.department = QStringLiteral("police");
        c.tags = {QStringLiteral("tower"), QStringLiteral("plaza"), QStringLiteral("overview"), QStringLiteral("公安")};
        c.pose = lookAt(Vec3d(f.left() - 0.6, f.center().y(), roofZ), Vec3d(pc.x() + 5, pc.y(), 0), 62, 260);
        c.ptz = true;
        c.panMin = -170; c.panMax = 170; c.tiltMin = -85; c.tiltMax = 5; c.hfovMin = 3.5; c.hfovMax = 62;
        add(c);
        c = DemoCamera();
        c.name = QStringLiteral("大厦楼顶 南 Tower roof south");
        c.department = QStringLiteral("property");
        c.tags = {QStringLiteral("tower"), QStringLiteral("street"), QStringLiteral("物业")};
        c.pose = lookAt(Vec3d(f.center().x(), f.top() - 0.6, roofZ), Vec3d(f.center().x() - 10, f.top() - 70, 0), 60, 260);
        add(c);
        c = DemoCamera();
        c.name = QStringLiteral("大厦楼顶 北 Tower roof north");
        c.department = QStringLiteral("property");
        c.tags = {QStringLiteral("tower"), QStringLiteral("street"), QStringLiteral("物业")};
        c.pose = lookAt(Vec3d(f.center().x(), f.bottom() + 0.6, roofZ), Vec3d(f.center().x() - 15, f.bottom() + 65, 0), 60, 260);
        add(c);
        c = DemoCamera();
        c.name = QStringLiteral("大厦楼顶 东 Tower roof east");
        c.department = QStringLiteral("urban-management");
        c.tags = {QStringLiteral("tower"), QStringLiteral("street"), QStringLiteral("城管")};
        c.pose = lookAt(Vec3d(f.right() + 0.6, f.center().y(), roofZ), Vec3d(f.right() + 60, f.center().y() - 10, 0), 60, 260);
        add(c);
        c = DemoCamera();
        c.name = QStringLiteral("大厦入口 Tower entrance");
        c.department = QStringLiteral("property");
        c.tags = {QStringLiteral("tower"), QStringLiteral("entrance"), QStringLiteral("物业")};
        c.pose = lookAt(Vec3d(f.center().x() + 6, f.top() - 0.6, 4.5), Vec3d(f.center().x() - 6, f.top() - 18, 0), 75, 120);
        add(c);
        c = DemoCamera();
        c.name = QStringLiteral("大厦前庭 Tower forecourt");
        c.department = QStringLiteral("property");
        c.tags = {QStringLiteral("tower"), QStringLiteral("forecourt"), QStringLiteral("物业")};
        c.pose = lookAt(Vec3d(f.left() - 0.6, f.top() + 2, 5.0), Vec3d(f.left() - 22, f.center().y() + 8, 0), 75, 120);
        add(c);
    }

    // --- the plaza: one in the middle of each side looking at the fountain, two PTZ on tall
    // masts above the tree ring, two by the fountain looking out
    {
        const QRectF P = L.plaza;
        struct Side { double x, y; const char *zh, *en; };
        const Side sides[] = {{pc.x() + 6, P.top() + 1, "广场南", "Plaza south"},
                              {P.right() - 1, pc.y() + 6, "广场东", "Plaza east"},
                              {pc.x() - 6, P.bottom() - 1, "广场北", "Plaza north"},
                              {P.left() + 1, pc.y() - 6, "广场西", "Plaza west"}};
        int k = 0;
        for (const Side &s : sides) {
            DemoCamera c;
            c.name = QString::fromUtf8(s.zh) + QLatin1Char(' ') + QLatin1String(s.en);
            c.department = k % 2 == 0 ? QStringLiteral("police") : QStringLiteral("urban-management");
            c.tags = {QStringLiteral("plaza"), QStringLiteral("public"), k % 2 == 0 ? QStringLiteral("公安") : QStringLiteral("城管")};
            const Vec3d eye(s.x, s.y, 7.0);
            const Vec3d towards = (Vec3d(pc.x(), pc.y(), 0) - Vec3d(s.x, s.y, 0)) * 0.72;
            c.pose = lookAt(eye, Vec3d(s.x + towards.x, s.y + towards.y, 0), 70, 150);
            add(c);
            ++k;
        }
        const QPointF masts[2] = {P.topLeft() + QPointF(2, 2), P.bottomRight() - QPointF(2, 2)};
        const char *mastNames[2] = {"广场西南高杆 Plaza south-west mast (PTZ)", "广场东北高杆 Plaza north-east mast (PTZ)"};
        for (int i = 0; i < 2; ++i) {
            DemoCamera c;
            c.name = QString::fromUtf8(mastNames[i]);
            c.department = QStringLiteral("police");
            c.tags = {QStringLiteral("plaza"), QStringLiteral("public"), QStringLiteral("ptz"), QStringLiteral("公安")};
            c.pose = lookAt(Vec3d(masts[i].x(), masts[i].y(), 14.0), Vec3d(pc.x(), pc.y(), 0), 58, 180);
            c.ptz = true;
            c.panMin = -175; c.panMax = 175; c.tiltMin = -80; c.tiltMax = 10; c.hfovMin = 4; c.hfovMax = 58;
            add(c);
        }
        const double rr = r.fountainRadius + 2.5;
        DemoCamera c;
        c.name = QStringLiteral("喷泉 南向 Fountain, looking south");
        c.department = QStringLiteral("urban-management");
        c.tags = {QStringLiteral("plaza"), QStringLiteral("fountain"), QStringLiteral("城管")};
        c.pose = lookAt(Vec3d(pc.x() + 1.5, pc.y() - rr, 4.5), Vec3d(pc.x() + 1.5, P.top() - 6, 0), 72, 150);
        add(c);
        c.name = QStringLiteral("喷泉 东向 Fountain, looking east");
        c.pose = lookAt(Vec3d(pc.x() + rr, pc.y() + 1.5, 4.5), Vec3d(P.right() + 10, pc.y() + 1.5, 0), 72, 150);
        add(c);
    }

    // --- a school's gates (the courtyard block of cell (1, 5) is a primary school)
    {
        const int sx = 1, sy = 5;
        const double x0 = sx * r.cellSize, x1 = (sx + 1) * r.cellSize, y0 = sy * r.cellSize;
        DemoCamera c;
        c.name = QStringLiteral("广西路小学 南门 Guangxi Road Primary School, south gate");
        c.department = QStringLiteral("school");
        c.tags = {QStringLiteral("school"), QStringLiteral("gate"), QStringLiteral("学校")};
        c.pose = lookAt(Vec3d(x0 + 12, y0 + L.halfCarriageY(sy) + L.sidewalkY(sy) * 0.5, 4.0),
                        Vec3d(x1 - 8, y0, 0), 70, 100);
        add(c);
        c.name = QStringLiteral("广西路小学 东门 Guangxi Road Primary School, east gate");
        c.pose = lookAt(Vec3d(x1 - L.halfCarriageX(sx + 1) - L.sidewalkX(sx + 1) * 0.5, y0 + 10, 4.0),
                        Vec3d(x1, y0 + r.cellSize - 6, 0), 70, 100);
        add(c);
    }

    // --- street corners: every junction whose indices sum to an even number (not the fountain's),
    // looking along one of its streets; main x main junctions belong to the traffic police
    const int nx = r.cellsX(), ny = r.cellsY();
    const QPoint plazaJunction(int(std::lround(pc.x() / r.cellSize)), int(std::lround(pc.y() / r.cellSize)));
    const char *dirZh[4] = {"北向", "东向", "南向", "西向"};
    const char *dirEn[4] = {"north", "east", "south", "west"};
    for (int j = 1; j < ny; ++j) {
        for (int i = 1; i < nx; ++i) {
            if ((i + j) % 2 != 0 || QPoint(i, j) == plazaJunction)
                continue;
            const double X = i * r.cellSize, Y = j * r.cellSize;
            const double hx = L.halfCarriageX(i), hy = L.halfCarriageY(j);
            const int dir = (i * 3 + j * 5) % 4; // 0 N, 1 E, 2 S, 3 W
            const double dx[4] = {0, 1, 0, -1}, dy[4] = {1, 0, -1, 0};
            // behind the junction, on the street's left edge (a mast on the corner)
            const double back = -(dir % 2 == 0 ? hy : hx) - 1.0;
            const double left = (dir % 2 == 0 ? hx : hy) - 0.8;
            const double lx = -dy[dir], ly = dx[dir]; // left of the direction
            Vec3d eye(X + dx[dir] * back + lx * left, Y + dy[dir] * back + ly * left, 7.0);
            Vec3d target(X + dx[dir] * 38, Y + dy[dir] * 38, 0);
            const bool mainMain = i % r.mainEvery == 0 && j % r.mainEvery == 0;
            const bool plazaSide = L.plaza.adjusted(-12, -12, 12, 12).contains(X, Y);
            DemoCamera c;
            c.name = QStringLiteral("路口 %1-%2 %3 Junction %1-%2, looking %4")
                         .arg(i)
                         .arg(j)
                         .arg(QString::fromUtf8(dirZh[dir]), QLatin1String(dirEn[dir]));
            if (mainMain) {
                c.department = QStringLiteral("traffic-police");
                c.tags = {QStringLiteral("junction"), QStringLiteral("traffic"), QStringLiteral("交警")};
            } else if (plazaSide || (i + j) % 4 == 0) {
                c.department = QStringLiteral("police");
                c.tags = {QStringLiteral("junction"), QStringLiteral("street"), QStringLiteral("公安")};
            } else {
                c.department = QStringLiteral("urban-management");
                c.tags = {QStringLiteral("junction"), QStringLiteral("street"), QStringLiteral("城管")};
            }
            if (plazaSide)
                c.tags << QStringLiteral("plaza");
            c.pose = lookAt(eye, target, mainMain ? 64 : 58, 150);
            if (mainMain && (i + j) % 8 == 0) { // a few junction PTZs
                c.ptz = true;
                c.panMin = -170; c.panMax = 170; c.tiltMin = -70; c.tiltMax = 5; c.hfovMin = 4; c.hfovMax = 64;
                c.tags << QStringLiteral("ptz");
            }
            add(c);
        }
    }
    return out;
}

QByteArray cameraRegistryJson(const Layout &L, const std::vector<DemoCamera> &cams)
{
    const Recipe &r = L.r;
    QJsonArray list;
    for (const DemoCamera &c : cams) {
        const CameraPose &p = c.pose;
        QJsonObject o{{"id", c.id},
                      {"name", c.name},
                      {"department", c.department},
                      {"tags", QJsonArray::fromStringList(c.tags)},
                      {"position", QJsonArray{r2(r.origin[0] + p.position.x), r2(r.origin[1] + p.position.y),
                                              r2(r.origin[2] + p.position.z)}},
                      {"heightAboveGround", false},
                      {"heading", p.heading},
                      {"pitch", p.pitch},
                      {"roll", p.roll},
                      {"hfov", p.hfov},
                      {"aspect", 1.7778},
                      {"near", p.nearM},
                      {"far", p.farM},
                      {"streams", QJsonObject{{"main", QStringLiteral("rtsp://127.0.0.1:8554/%1/main").arg(c.id)},
                                              {"sub", QStringLiteral("rtsp://127.0.0.1:8554/%1/sub").arg(c.id)}}}};
        if (c.ptz)
            o.insert("ptz", QJsonObject{{"pan", QJsonArray{c.panMin, c.panMax}},
                                        {"tilt", QJsonArray{c.tiltMin, c.tiltMax}},
                                        {"hfov", QJsonArray{c.hfovMin, c.hfovMax}}});
        list.append(o);
    }
    const QJsonObject doc{
        {"type", "LiyuanCameraRegistry"},
        {"version", 1},
        {"_about", QStringLiteral("Liyuan demo district surveillance cameras (generated). Positions in EPSG:4549 "
                                  "(x east, y north, z elevation m); heading clockwise from north, pitch up, degrees. "
                                  "Their video is drawn by liyuan::demo::DemoCameraVideo (the district as each camera "
                                  "sees it, people, vehicles, a timestamp) and served by the app's embedded RTSP server.")},
        {"crs", r.srs},
        {"cameras", list}};
    return QJsonDocument(doc).toJson(QJsonDocument::Indented);
}

TileContent surroundingsContent(const QRectF &district, const QRectF &extent, const QImage &orthoIn, double gridM,
                                const std::function<double(double, double)> &height)
{
    TileContent tc;
    if (orthoIn.isNull() || extent.isEmpty() || gridM <= 0)
        return tc;
    const QImage ortho = orthoIn.convertToFormat(QImage::Format_RGBA8888);
    ImageData img;
    img.width = ortho.width();
    img.height = ortho.height();
    img.rgba.resize(qsizetype(img.width) * img.height * 4);
    for (int y = 0; y < img.height; ++y) // bottom row first
        memcpy(img.rgba.data() + qsizetype(y) * img.width * 4, ortho.constScanLine(img.height - 1 - y), size_t(img.width) * 4);
    tc.images.push_back(img);
    MeshData m;
    m.imageIndex = 0;
    const int n = std::max(1, int(std::lround(extent.width() / gridM)));
    const double step = extent.width() / n;
    std::vector<int> index(size_t(n + 1) * size_t(n + 1), -1);
    auto vertex = [&](int i, int j) {
        int &k = index[size_t(j) * (n + 1) + i];
        if (k >= 0)
            return k;
        const double x = extent.left() + i * step, y = extent.top() + j * step;
        double z = height(x, y);
        if (!std::isfinite(z))
            z = 0; // the shore of a cell that reaches the sea
        m.positions.insert(m.positions.end(), {float(x), float(y), float(z)});
        m.uvs.insert(m.uvs.end(), {float((x - extent.left()) / extent.width()), float((y - extent.top()) / extent.height())});
        k = int(m.positions.size() / 3) - 1;
        return k;
    };
    for (int j = 0; j < n; ++j) {
        for (int i = 0; i < n; ++i) {
            const QRectF cell(extent.left() + i * step, extent.top() + j * step, step, step);
            if (district.contains(cell.center()))
                continue;
            // a cell entirely in the sea is left out (the app draws nothing there either)
            if (!std::isfinite(height(cell.center().x(), cell.center().y())))
                continue;
            const uint32_t a = uint32_t(vertex(i, j)), b = uint32_t(vertex(i + 1, j)), c = uint32_t(vertex(i + 1, j + 1)),
                           d = uint32_t(vertex(i, j + 1));
            m.indices.insert(m.indices.end(), {a, b, c, a, c, d});
        }
    }
    m.computeBounds();
    tc.meshes.push_back(std::move(m));
    return tc;
}

QByteArray encodeDepthFile(const float *depth, int w, int h)
{
    QByteArray residuals(qsizetype(w) * h * 2, Qt::Uninitialized);
    uchar *o = reinterpret_cast<uchar *>(residuals.data());
    for (int y = 0; y < h; ++y) {
        int p1 = 0, p2 = 0; // the two values to the left
        for (int x = 0; x < w; ++x) {
            const float m = depth[size_t(y) * w + x];
            const int v = !(m < 1e6f) ? 0 : int(std::clamp(std::lround(kInverseDepthScale / std::max(0.5f, m)), 1l, 65535l));
            const int pred = x == 0 ? 0 : x == 1 ? p1 : 2 * p1 - p2;
            const uint16_t r = uint16_t(v - pred);
            *o++ = uchar(r & 0xff);
            *o++ = uchar(r >> 8);
            p2 = p1;
            p1 = v;
        }
    }
    QByteArray out("LYDEPTH1");
    for (int v : {w, h})
        for (int k = 0; k < 4; ++k)
            out += char((uint32_t(v) >> (8 * k)) & 0xff);
    out += qCompress(residuals, 9);
    return out;
}

bool decodeDepthFile(const QByteArray &bytes, int *width, int *height, std::vector<float> *depth, QString *why)
{
    if (bytes.size() < 16 || !bytes.startsWith("LYDEPTH1")) {
        *why = QStringLiteral("not a Liyuan depth file");
        return false;
    }
    auto i32 = [&](int at) {
        uint32_t v = 0;
        for (int k = 0; k < 4; ++k)
            v |= uint32_t(uchar(bytes.at(at + k))) << (8 * k);
        return int(v);
    };
    const int w = i32(8), h = i32(12);
    if (w <= 0 || h <= 0 || w > 8192 || h > 8192) {
        *why = QStringLiteral("bad size %1 x %2").arg(w).arg(h);
        return false;
    }
    const QByteArray residuals = qUncompress(bytes.mid(16));
    if (residuals.size() != qsizetype(w) * h * 2) {
        *why = QStringLiteral("truncated or corrupt data");
        return false;
    }
    depth->resize(size_t(w) * size_t(h));
    const uchar *in = reinterpret_cast<const uchar *>(residuals.constData());
    for (int y = 0; y < h; ++y) {
        int p1 = 0, p2 = 0;
        for (int x = 0; x < w; ++x) {
            const int r = int(in[0]) | int(in[1]) << 8;
            in += 2;
            const int pred = x == 0 ? 0 : x == 1 ? p1 : 2 * p1 - p2;
            const int v = (pred + r) & 0xffff;
            (*depth)[size_t(y) * w + x] = v == 0 ? std::numeric_limits<float>::infinity() : float(kInverseDepthScale / v);
            p2 = p1;
            p1 = v;
        }
    }
    *width = w;
    *height = h;
    return true;
}

namespace {

/** Renders and writes one camera's background; false with *error naming the file. Any thread. */
bool renderOne(const std::vector<TileContent> &scene, const std::vector<std::vector<std::shared_ptr<MipTexture>>> &textures,
               const DemoCamera &c, const QString &bgDir, QString *error)
{
    const QSize size = cameraBackgroundSize();
    CameraPose pose = c.pose;
    pose.aspect = double(size.width()) / size.height();
    SceneRaster raster(pose, size.width(), size.height());
    raster.clearSkyAndGround();
    for (size_t i = 0; i < scene.size(); ++i)
        raster.drawContent(scene[i], textures[i]);
    raster.applyHaze(450.0);
    const QImage color = raster.toImage().convertToFormat(QImage::Format_RGB888);
    const QString path = QDir(bgDir).filePath(c.id + QStringLiteral(".jpg"));
    QImageWriter w(path, "jpeg");
    w.setQuality(90);
    if (!w.write(color)) {
        *error = QStringLiteral("%1: cannot write: %2").arg(QDir::toNativeSeparators(path), w.errorString());
        return false;
    }
    const QString dpath = QDir(bgDir).filePath(c.id + QStringLiteral(".depth"));
    const QByteArray bytes = encodeDepthFile(raster.depth(), size.width(), size.height());
    QSaveFile f(dpath);
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size() || !f.commit()) {
        *error = QStringLiteral("%1: cannot write: %2").arg(QDir::toNativeSeparators(dpath), f.errorString());
        return false;
    }
    return true;
}

} // namespace

bool renderCameraBackgrounds(const std::vector<TileContent> &scene, const std::vector<DemoCamera> &cameras,
                             const QString &bgDir, const std::function<void()> &step, QString *error)
{
    if (!QDir().mkpath(bgDir)) {
        *error = QStringLiteral("%1: cannot create the folder").arg(QDir::toNativeSeparators(bgDir));
        return false;
    }
    // textures once, with their mip levels (read-only afterwards: shared by the workers)
    std::vector<std::vector<std::shared_ptr<MipTexture>>> textures(scene.size());
    for (size_t i = 0; i < scene.size(); ++i)
        for (const ImageData &img : scene[i].images)
            textures[i].push_back(MipTexture::fromImage(img));
    // worker threads render and write; this thread reports progress (the callback's thread)
    std::mutex mutex;
    std::condition_variable cv;
    size_t next = 0, done = 0;
    bool failed = false;
    QString firstError;
    auto work = [&] {
        for (;;) {
            size_t i;
            {
                std::lock_guard<std::mutex> lock(mutex);
                if (failed || next >= cameras.size())
                    return;
                i = next++;
            }
            QString e;
            const bool ok = renderOne(scene, textures, cameras[i], bgDir, &e);
            std::lock_guard<std::mutex> lock(mutex);
            ++done;
            if (!ok && !failed) {
                failed = true;
                firstError = e;
            }
            cv.notify_all();
        }
    };
    const int threads = int(std::clamp(std::thread::hardware_concurrency(), 1u, 4u));
    std::vector<std::thread> pool;
    for (int t = 0; t < threads; ++t)
        pool.emplace_back(work);
    size_t reported = 0;
    {
        std::unique_lock<std::mutex> lock(mutex);
        while (reported < cameras.size()) {
            cv.wait(lock, [&] { return done > reported || failed; });
            if (failed)
                break;
            const size_t now = done;
            lock.unlock();
            for (; reported < now; ++reported)
                if (step)
                    step();
            lock.lock();
        }
    }
    for (std::thread &t : pool)
        t.join();
    if (failed) {
        *error = firstError;
        return false;
    }
    return true;
}

} // namespace liyuan::demo
