#include <liyuan/demo/DemoCameraVideo.h>

#include "DistrictAgents.h"
#include "DistrictCameras.h"
#include "DistrictModel.h"
#include "SceneRaster.h"

#include <QDir>
#include <QFile>
#include <QFont>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QPainter>

#include <cmath>
#include <limits>
#include <map>
#include <mutex>

namespace liyuan::demo {
namespace {

struct Background
{
    int w = 0, h = 0;
    std::vector<uint32_t> color;
    std::vector<float> depth;
};

struct Cam
{
    QString id, name;
    CameraPose pose; // scene frame
};

const char *const kWeekdays[] = {"星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日"};

void outlinedText(QPainter &p, const QRect &r, int flags, const QString &text)
{
    p.setPen(QColor(0, 0, 0, 200));
    for (const QPoint &o : {QPoint(-1, 0), QPoint(1, 0), QPoint(0, -1), QPoint(0, 1), QPoint(1, 1)})
        p.drawText(r.translated(o), flags, text);
    p.setPen(QColor(255, 255, 255));
    p.drawText(r, flags, text);
}

} // namespace

struct DemoCameraVideo::Private
{
    QString dir;
    QString error;
    std::vector<Cam> cams;
    QDateTime start = QDateTime::currentDateTime();
    bool wallClock = true;
    std::unique_ptr<DistrictAgents> agents;
    double sun[3] = {0, 0, 1};
    mutable std::mutex mutex;
    mutable std::map<std::tuple<int, int, int>, std::shared_ptr<const Background>> cache;
    mutable std::map<int, bool> missingLogged;

    std::shared_ptr<const Background> background(int index, int w, int h) const;
};

std::shared_ptr<const Background> DemoCameraVideo::Private::background(int index, int w, int h) const
{
    const auto key = std::make_tuple(index, w, h);
    {
        std::lock_guard<std::mutex> lock(mutex);
        const auto it = cache.find(key);
        if (it != cache.end())
            return it->second;
    }
    // load outside the lock (two threads may both load: same result)
    const QString bgDir = QDir(dir).filePath(QStringLiteral("cameras/bg"));
    const QString id = cams[size_t(index)].id;
    QImage color(QDir(bgDir).filePath(id + QStringLiteral(".jpg")));
    std::vector<float> depth;
    int dw = 0, dh = 0;
    QString why;
    QFile df(QDir(bgDir).filePath(id + QStringLiteral(".depth")));
    const bool haveDepth = df.open(QIODevice::ReadOnly) && decodeDepthFile(df.read(64 * 1024 * 1024), &dw, &dh, &depth, &why);
    std::shared_ptr<Background> bg;
    if (!color.isNull() && haveDepth) {
        bg = std::make_shared<Background>();
        bg->w = w;
        bg->h = h;
        if (color.size() != QSize(w, h))
            color = color.scaled(w, h, Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
        color = color.convertToFormat(QImage::Format_RGB32);
        bg->color.resize(size_t(w) * size_t(h));
        for (int y = 0; y < h; ++y)
            memcpy(bg->color.data() + size_t(y) * w, color.constScanLine(y), size_t(w) * 4);
        bg->depth.resize(size_t(w) * size_t(h));
        for (int y = 0; y < h; ++y) {
            const float *row = depth.data() + size_t(std::min(dh - 1, int((y + 0.5) * dh / h))) * size_t(dw);
            for (int x = 0; x < w; ++x)
                bg->depth[size_t(y) * w + x] = row[std::min(dw - 1, int((x + 0.5) * dw / w))];
        }
    }
    std::lock_guard<std::mutex> lock(mutex);
    if (!bg && !missingLogged[index]) {
        missingLogged[index] = true;
        if (color.isNull())
            qWarning("%s: missing or unreadable camera background",
                     qPrintable(QDir::toNativeSeparators(QDir(bgDir).filePath(id + QStringLiteral(".jpg")))));
        else
            qWarning("%s: %s", qPrintable(QDir::toNativeSeparators(df.fileName())),
                     qPrintable(why.isEmpty() ? QStringLiteral("missing or unreadable camera background depth") : why));
    }
    if (bg)
        cache[key] = bg;
    return bg;
}

DemoCameraVideo::DemoCameraVideo(const QString &demoDir) : d(std::make_unique<Private>())
{
    d->dir = QDir(demoDir).absolutePath();
    Recipe recipe;
    if (!loadRecipeResource(recipe, &d->error))
        return;
    const Layout layout = makeLayout(recipe);
    d->agents = std::make_unique<DistrictAgents>(layout);
    for (int k = 0; k < 3; ++k)
        d->sun[k] = layout.sun[k];

    const QString path = QDir(d->dir).filePath(QStringLiteral("cameras/cameras.json"));
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        d->error = QStringLiteral("%1: cannot open: %2").arg(QDir::toNativeSeparators(path), f.errorString());
        return;
    }
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(f.read(64 * 1024 * 1024), &pe);
    if (!doc.isObject()) {
        d->error = QStringLiteral("%1: not a JSON object: %2").arg(QDir::toNativeSeparators(path), pe.errorString());
        return;
    }
    const QJsonArray list = doc.object().value(QStringLiteral("cameras")).toArray();
    for (int i = 0; i < list.size(); ++i) {
        const QJsonObject o = list.at(i).toObject();
        const QJsonArray p = o.value(QStringLiteral("position")).toArray();
        Cam c;
        c.id = o.value(QStringLiteral("id")).toString();
        c.name = o.value(QStringLiteral("name")).toString(c.id);
        if (c.id.isEmpty() || p.size() != 3 || !o.value(QStringLiteral("heading")).isDouble()) {
            d->error = QStringLiteral("%1: camera %2: needs an id, a 3D position and a heading").arg(QDir::toNativeSeparators(path)).arg(i + 1);
            d->cams.clear();
            return;
        }
        c.pose.position = Vec3d(p.at(0).toDouble() - recipe.origin[0], p.at(1).toDouble() - recipe.origin[1],
                                p.at(2).toDouble() - recipe.origin[2]);
        c.pose.heading = o.value(QStringLiteral("heading")).toDouble();
        c.pose.pitch = o.value(QStringLiteral("pitch")).toDouble(0);
        c.pose.roll = o.value(QStringLiteral("roll")).toDouble(0);
        c.pose.hfov = o.value(QStringLiteral("hfov")).toDouble(60);
        c.pose.aspect = o.value(QStringLiteral("aspect")).toDouble(16.0 / 9.0);
        c.pose.nearM = o.value(QStringLiteral("near")).toDouble(0.5);
        c.pose.farM = o.value(QStringLiteral("far")).toDouble(150);
        d->cams.push_back(c);
    }
    if (d->cams.empty())
        d->error = QStringLiteral("%1: no cameras").arg(QDir::toNativeSeparators(path));
}

DemoCameraVideo::~DemoCameraVideo() = default;

bool DemoCameraVideo::isValid() const { return d->error.isEmpty() && !d->cams.empty(); }
QString DemoCameraVideo::errorString() const { return d->error; }
int DemoCameraVideo::cameraCount() const { return int(d->cams.size()); }

int DemoCameraVideo::indexOf(const QString &id) const
{
    for (size_t i = 0; i < d->cams.size(); ++i)
        if (d->cams[i].id == id)
            return int(i);
    return -1;
}

QString DemoCameraVideo::cameraId(int index) const
{
    return index >= 0 && index < cameraCount() ? d->cams[size_t(index)].id : QString();
}

QString DemoCameraVideo::cameraName(int index) const
{
    return index >= 0 && index < cameraCount() ? d->cams[size_t(index)].name : QString();
}

CameraPose DemoCameraVideo::scenePose(int index) const
{
    return index >= 0 && index < cameraCount() ? d->cams[size_t(index)].pose : CameraPose();
}

void DemoCameraVideo::setWallClock(bool on) { d->wallClock = on; }
bool DemoCameraVideo::wallClock() const { return d->wallClock; }
void DemoCameraVideo::setStartTime(const QDateTime &start) { d->start = start; }
QDateTime DemoCameraVideo::startTime() const { return d->start; }

void DemoCameraVideo::draw(int cameraIndex, QImage &frame, qint64 ms) const
{
    if (frame.isNull() || frame.width() < 16 || frame.height() < 16)
        return;
    const int w = frame.width(), h = frame.height();
    const QDateTime now = d->wallClock ? QDateTime::currentDateTime() : d->start.addMSecs(ms);
    thread_local std::vector<uint32_t> color;
    thread_local std::vector<float> depth;
    thread_local std::vector<Agent> agents;

    const bool known = cameraIndex >= 0 && cameraIndex < cameraCount();
    const std::shared_ptr<const Background> bg = known ? d->background(cameraIndex, w, h) : nullptr;
    color.resize(size_t(w) * size_t(h));
    if (bg) {
        color = bg->color;
        depth = bg->depth;
        const Cam &cam = d->cams[size_t(cameraIndex)];
        CameraPose pose = cam.pose;
        const QSize bs = cameraBackgroundSize();
        pose.aspect = double(bs.width()) / bs.height(); // the background's projection, stretched to the frame
        SceneRaster raster(pose, w, h, color.data(), depth.data());
        // simulation time: the shown wall-clock time (seconds of the day), so cameras agree
        const double t = (now.time().msecsSinceStartOfDay()) / 1000.0;
        d->agents->at(t, agents);
        const Vec3d fwd = pose.forward(), right = pose.right(), up = pose.up();
        const double tanH = pose.tanHalfH() * 1.05, tanV = pose.tanHalfV() * 1.05;
        const double *sun = d->sun;
        for (const Agent &a : agents) {
            const Vec3d dd = Vec3d(a.x, a.y, 1.0) - pose.position;
            const double z = dd.dot(fwd);
            if (z < 1.0 || z > 260.0)
                continue;
            const double margin = a.kind == Agent::Person ? 1.0 : 6.0;
            if (std::abs(dd.dot(right)) > z * tanH + margin || std::abs(dd.dot(up)) > z * tanV + margin + 2.0)
                continue;
            switch (a.kind) {
            case Agent::Person: {
                const double swing = std::sin(a.phase) * 0.14;
                const double sx = -a.dy * 0.1, sy = a.dx * 0.1;
                raster.drawBox(a.x + sx + a.dx * swing, a.y + sy + a.dy * swing, a.dx, a.dy, 0.22, 0.17, 0.0, 0.84, a.color2, sun);
                raster.drawBox(a.x - sx - a.dx * swing, a.y - sy - a.dy * swing, a.dx, a.dy, 0.22, 0.17, 0.0, 0.84, a.color2, sun);
                raster.drawBox(a.x, a.y, a.dx, a.dy, 0.28, 0.46, 0.84, 1.44, a.color, sun);
                raster.drawBox(a.x, a.y, a.dx, a.dy, 0.22, 0.2, 1.46, 1.72, 0xffd9a982u, sun);
                break;
            }
            case Agent::Car:
                raster.drawBox(a.x, a.y, a.dx, a.dy, 3.7, 1.6, 0.0, 0.32, 0xff151515u, sun);
                raster.drawBox(a.x, a.y, a.dx, a.dy, 4.4, 1.8, 0.32, 1.0, a.color, sun);
                raster.drawBox(a.x - a.dx * 0.3, a.y - a.dy * 0.3, a.dx, a.dy, 2.3, 1.62, 1.0, 1.46, a.color2, sun);
                break;
            case Agent::Bus:
                raster.drawBox(a.x, a.y, a.dx, a.dy, 10.5, 2.5, 0.3, 2.0, a.color, sun);
                raster.drawBox(a.x, a.y, a.dx, a.dy, 10.5, 2.52, 2.0, 2.9, a.color2, sun);
                raster.drawBox(a.x, a.y, a.dx, a.dy, 10.5, 2.5, 2.9, 3.1, 0xffeeeeeeu, sun);
                break;
            }
        }
    } else {
        // NO SIGNAL: a dark card with a slow diagonal sweep, so the stream still changes
        for (int y = 0; y < h; ++y)
            for (int x = 0; x < w; ++x) {
                const int band = ((x + y + int(now.time().msecsSinceStartOfDay() / 20)) / 24) % 2;
                color[size_t(y) * w + x] = band ? 0xff1d232bu : 0xff252c35u;
            }
    }

    QImage canvas(reinterpret_cast<uchar *>(color.data()), w, h, w * 4, QImage::Format_RGB32);
    {
        QPainter p(&canvas);
        p.setRenderHint(QPainter::TextAntialiasing, true);
        QFont font(QStringLiteral("Noto Sans CJK SC"));
        font.setStyleHint(QFont::SansSerif);
        font.setPixelSize(std::max(10, h / 24));
        font.setBold(true);
        p.setFont(font);
        const int m = std::max(4, h / 60);
        const int weekday = std::clamp(now.date().dayOfWeek(), 1, 7) - 1;
        const QString stamp = now.toString(QStringLiteral("yyyy-MM-dd ")) + QString::fromUtf8(kWeekdays[weekday])
                              + now.toString(QStringLiteral(" HH:mm:ss"));
        const QRect area(m, m, w - 2 * m, h - 2 * m);
        outlinedText(p, area, Qt::AlignLeft | Qt::AlignTop, stamp);
        const QString id = known ? d->cams[size_t(cameraIndex)].id : QStringLiteral("camera %1").arg(cameraIndex);
        outlinedText(p, area, Qt::AlignRight | Qt::AlignTop, id);
        outlinedText(p, area, Qt::AlignLeft | Qt::AlignBottom,
                     known ? d->cams[size_t(cameraIndex)].name : QStringLiteral("?"));
        if (!bg) {
            QFont big = font;
            big.setPixelSize(std::max(12, h / 10));
            p.setFont(big);
            outlinedText(p, area, Qt::AlignCenter, QStringLiteral("无信号 NO SIGNAL"));
        }
    }
    const QImage::Format fmt = frame.format();
    if (fmt == QImage::Format_RGB32 || fmt == QImage::Format_ARGB32 || fmt == QImage::Format_ARGB32_Premultiplied) {
        for (int y = 0; y < h; ++y)
            memcpy(frame.scanLine(y), color.data() + size_t(y) * w, size_t(w) * 4);
    } else {
        QPainter p(&frame);
        p.setCompositionMode(QPainter::CompositionMode_Source);
        p.drawImage(0, 0, canvas);
    }
}

} // namespace liyuan::demo
