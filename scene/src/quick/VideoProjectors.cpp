#include <liyuan/scene/quick/VideoProjectors.h>

#include <liyuan/scene/RunThen.h>
#include <liyuan/scene/TileStreamer.h>
#include <liyuan/scene/quick/TileDrawable.h>

#include <QtQuick3D/QQuick3DGeometry>

#include <QFileInfo>
#include <QImageReader>
#include <QJsonObject>
#include <QPainter>
#include <QThreadPool>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>

namespace liyuan {

namespace {

bool validPose(const CameraPose &p)
{
    const double v[] = {p.position.x, p.position.y, p.position.z, p.heading, p.pitch, p.roll, p.hfov, p.aspect, p.nearM, p.farM};
    for (double d : v)
        if (!std::isfinite(d))
            return false;
    return p.hfov > 0.0 && p.hfov < 180.0 && p.aspect > 0.0 && p.nearM > 0.0 && p.farM > p.nearM;
}

bool samePose(const CameraPose &a, const CameraPose &b)
{
    return a.position == b.position && a.heading == b.heading && a.pitch == b.pitch && a.roll == b.roll && a.hfov == b.hfov
           && a.aspect == b.aspect && a.nearM == b.nearM && a.farM == b.farM;
}

quint64 mix(quint64 h, quint64 v)
{
    h ^= v + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
    return h;
}

quint64 bitsOf(double d)
{
    quint64 u;
    std::memcpy(&u, &d, sizeof u);
    return u;
}

} // namespace

VideoProjectors::VideoProjectors(QObject *parent, const VideoProjectorsOptions &options)
    : QObject(parent), m_options(options), m_frames(new QQuick3DTextureData), m_depth(new QQuick3DTextureData),
      m_params(new QQuick3DTextureData), m_pool(new QThreadPool(this))
{
    m_options.depthWidth = std::clamp(m_options.depthWidth, 16, 4096);
    m_options.depthHeight = std::clamp(m_options.depthHeight, 16, 4096);
    m_options.frameWidth = std::clamp(m_options.frameWidth, 16, 4096);
    m_options.frameHeight = std::clamp(m_options.frameHeight, 16, 4096);
    m_pool->setMaxThreadCount(1); // one depth map at a time: the render thread keeps a core
    m_frames->setParent(this);
    m_depth->setParent(this);
    m_params->setParent(this);

    m_frameAtlas = QByteArray(qsizetype(m_options.frameWidth) * 2 * m_options.frameHeight * 2 * 4, char(0));
    m_frames->setFormat(QQuick3DTextureData::RGBA8);
    m_frames->setSize(QSize(m_options.frameWidth * 2, m_options.frameHeight * 2));
    m_frames->setTextureData(m_frameAtlas);

    m_depthAtlas = QByteArray(qsizetype(m_options.depthWidth) * m_options.depthHeight * kSlots * 4, char(0));
    {
        float *d = reinterpret_cast<float *>(m_depthAtlas.data());
        std::fill(d, d + qsizetype(m_options.depthWidth) * m_options.depthHeight * kSlots, DepthRaster::empty());
    }
    m_depth->setFormat(QQuick3DTextureData::R32F);
    m_depth->setSize(QSize(m_options.depthWidth, m_options.depthHeight * kSlots));
    m_depth->setTextureData(m_depthAtlas);

    m_params->setFormat(QQuick3DTextureData::RGBA32F);
    m_params->setSize(QSize(8, kSlots));
    m_params->setTextureData(QByteArray(8 * kSlots * 16, char(0)));

    m_frameTimer.setSingleShot(true);
    m_frameTimer.setInterval(m_options.frameIntervalMs);
    connect(&m_frameTimer, &QTimer::timeout, this, [this] { m_frames->setTextureData(m_frameAtlas); });
    m_depthTimer.setSingleShot(true);
    connect(&m_depthTimer, &QTimer::timeout, this, &VideoProjectors::refresh);
}

VideoProjectors::~VideoProjectors()
{
    m_pool->clear();
    m_pool->waitForDone();
}

int VideoProjectors::count() const
{
    int n = 0;
    for (const Slot &s : m_slots)
        n += s.posed ? 1 : 0;
    return n;
}

QString VideoProjectors::slotId(int slot) const
{
    return slot >= 0 && slot < kSlots ? m_slots[size_t(slot)].id : QString();
}

CameraPose VideoProjectors::pose(int slot) const
{
    return slot >= 0 && slot < kSlots ? m_slots[size_t(slot)].pose : CameraPose();
}

std::shared_ptr<const DepthRaster> VideoProjectors::depthMap(int slot) const
{
    return slot >= 0 && slot < kSlots ? m_slots[size_t(slot)].depth : nullptr;
}

void VideoProjectors::setOpacity(double opacity)
{
    opacity = std::isfinite(opacity) ? std::clamp(opacity, 0.0, 1.0) : 1.0;
    if (opacity == m_opacity)
        return;
    m_opacity = opacity;
    emit opacityChanged();
}

void VideoProjectors::setSoftness(double softness)
{
    softness = std::isfinite(softness) ? std::clamp(softness, 0.0, 1.0) : 0.0;
    if (softness == m_softness)
        return;
    m_softness = softness;
    emit softnessChanged();
}

void VideoProjectors::setProjection(int slot, const QString &id, const CameraPose &scenePose)
{
    if (slot < 0 || slot >= kSlots || !validPose(scenePose))
        return;
    Slot &s = m_slots[size_t(slot)];
    const bool moved = !s.posed || !samePose(s.pose, scenePose);
    s.posed = true;
    s.id = id;
    if (moved) {
        s.pose = scenePose;
        ++s.poseRevision;
        s.dirty = true;
        s.moved = true;
    }
    emit changed();
    refresh();
}

void VideoProjectors::setFrame(int slot, const QImage &frame)
{
    if (slot < 0 || slot >= kSlots || frame.isNull())
        return;
    Slot &s = m_slots[size_t(slot)];
    const int cw = m_options.frameWidth, ch = m_options.frameHeight;
    QImage cell = frame.size() == QSize(cw, ch) ? frame : frame.scaled(cw, ch, Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
    cell = cell.convertToFormat(QImage::Format_RGBA8888);
    const int x0 = (slot % 2) * cw, y0 = (slot / 2) * ch;
    const qsizetype stride = qsizetype(cw) * 2 * 4;
    char *dst = m_frameAtlas.data(); // detaches from what the texture holds
    for (int y = 0; y < ch; ++y)
        std::memcpy(dst + (y0 + y) * stride + qsizetype(x0) * 4, cell.constScanLine(y), size_t(cw) * 4);
    const bool first = !s.hasFrame;
    s.hasFrame = true;
    s.frameSize = frame.size();
    scheduleFrameUpload();
    if (first) {
        rebuildParams();
        emit changed();
    }
}

void VideoProjectors::scheduleFrameUpload()
{
    if (!m_frameTimer.isActive())
        m_frameTimer.start();
}

bool VideoProjectors::projectImage(int slot, const QString &file, const CameraPose &scenePose, QString *error)
{
    if (slot < 0 || slot >= kSlots) {
        *error = QStringLiteral("%1: no projection slot %2 (0 to %3)").arg(file).arg(slot).arg(kSlots - 1);
        return false;
    }
    if (!validPose(scenePose)) {
        *error = QStringLiteral("%1: the projection pose is not valid (hfov between 0 and 180, aspect > 0, 0 < near < far)").arg(file);
        return false;
    }
    QImageReader reader(file);
    reader.setAutoTransform(true);
    const QSize size = reader.size();
    if (size.isValid() && qint64(size.width()) * size.height() > 64LL * 1024 * 1024) {
        *error = QStringLiteral("%1: the picture is too large to project (%2 x %3 pixels)").arg(file).arg(size.width()).arg(size.height());
        return false;
    }
    const QImage image = reader.read();
    if (image.isNull()) {
        *error = QStringLiteral("%1: cannot read the picture: %2").arg(file, reader.errorString());
        return false;
    }
    setProjection(slot, QFileInfo(file).fileName(), scenePose);
    m_slots[size_t(slot)].source = QFileInfo(file).absoluteFilePath();
    setFrame(slot, image);
    m_frames->setTextureData(m_frameAtlas); // at once: a still picture
    m_frameTimer.stop();
    return true;
}

void VideoProjectors::clear(int slot)
{
    if (slot < 0 || slot >= kSlots || !m_slots[size_t(slot)].posed)
        return;
    Slot &s = m_slots[size_t(slot)];
    const quint64 revision = s.poseRevision + 1;
    s = Slot();
    s.poseRevision = revision; // a depth map still being made for it is dropped
    rebuildParams();
    emit changed();
}

quint64 VideoProjectors::signatureFor(const Slot &s) const
{
    quint64 h = 1469598103934665603ULL;
    if (!m_streamer)
        return h;
    const std::vector<TileDataset> &datasets = m_streamer->datasets();
    for (const DrawItem &item : m_streamer->lastSelection().draw) {
        const Tile *t = item.tile;
        if (!t || !t->content || size_t(t->dataset) >= datasets.size() || (m_filter && !m_filter(t->dataset)))
            continue;
        const MeshData &m = t->content->meshes[size_t(item.mesh)];
        const DatasetTransform xf = datasets[size_t(t->dataset)].transform();
        const Vec3d o = t->content->origin;
        if (!DepthRaster::mayBeSeen(s.pose, xf, o + Vec3d(m.boundsMin[0], m.boundsMin[1], m.boundsMin[2]),
                                    o + Vec3d(m.boundsMax[0], m.boundsMax[1], m.boundsMax[2])))
            continue;
        h = mix(h, quint64(quintptr(t->content.get())));
        h = mix(h, quint64(item.mesh));
        h = mix(mix(mix(h, bitsOf(xf.offset.x)), bitsOf(xf.offset.y)), bitsOf(xf.offset.z));
        h = mix(mix(h, bitsOf(xf.headingDeg)), bitsOf(xf.scale));
    }
    return h;
}

void VideoProjectors::refresh()
{
    int waiting = std::numeric_limits<int>::max();
    for (int i = 0; i < kSlots; ++i) {
        Slot &s = m_slots[size_t(i)];
        if (!s.posed)
            continue;
        if (!s.dirty && !s.inFlight && signatureFor(s) != s.signature)
            s.dirty = true;
        if (!s.dirty || s.inFlight)
            continue;
        const qint64 since = s.lastStart.isValid() ? s.lastStart.elapsed() : std::numeric_limits<qint64>::max();
        const int interval = s.moved || !s.depth ? m_options.depthIntervalMs : m_options.sceneIntervalMs;
        if (since >= interval)
            startDepth(i);
        else
            waiting = std::min<int>(waiting, int(interval - since));
    }
    if (waiting != std::numeric_limits<int>::max() && !m_depthTimer.isActive())
        m_depthTimer.start(std::max(1, waiting));
}

void VideoProjectors::startDepth(int slot)
{
    Slot &s = m_slots[size_t(slot)];
    std::vector<DepthRaster::Item> items;
    if (m_streamer) {
        const std::vector<TileDataset> &datasets = m_streamer->datasets();
        for (const DrawItem &item : m_streamer->lastSelection().draw) {
            const Tile *t = item.tile;
            if (!t || !t->content || size_t(t->dataset) >= datasets.size() || (m_filter && !m_filter(t->dataset)))
                continue;
            const MeshData &m = t->content->meshes[size_t(item.mesh)];
            const DatasetTransform xf = datasets[size_t(t->dataset)].transform();
            const Vec3d o = t->content->origin;
            if (!DepthRaster::mayBeSeen(s.pose, xf, o + Vec3d(m.boundsMin[0], m.boundsMin[1], m.boundsMin[2]),
                                        o + Vec3d(m.boundsMax[0], m.boundsMax[1], m.boundsMax[2])))
                continue;
            items.push_back({t->content, item.mesh, xf});
        }
    }
    s.signature = signatureFor(s);
    s.dirty = false;
    s.moved = false;
    s.inFlight = true;
    s.inFlightRevision = s.poseRevision;
    s.lastStart.start();
    const CameraPose pose = s.pose;
    const quint64 revision = s.poseRevision;
    const int w = m_options.depthWidth, h = m_options.depthHeight;
    struct Result
    {
        std::shared_ptr<DepthRaster> raster;
        double ms = 0;
    };
    runThen(
            m_pool, this,
            [pose, items = std::move(items), w, h] {
                QElapsedTimer clock;
                clock.start();
                auto raster = std::make_shared<DepthRaster>(w, h);
                raster->render(pose, items);
                return Result{raster, clock.nsecsElapsed() / 1e6};
            },
            [this, slot, pose, revision](Result r) {
                Slot &s = m_slots[size_t(slot)];
                if (s.poseRevision != revision || !s.posed) { // moved or cleared meanwhile
                    if (s.inFlightRevision == revision) // (not a newer job started after a clear)
                        s.inFlight = false;
                    s.dirty = s.posed;
                    s.moved = s.posed;
                    refresh();
                    return;
                }
                s.inFlight = false;
                s.depth = r.raster;
                s.depthPose = pose;
                s.depthMs = r.ms;
                ++s.depthMaps;
                const qsizetype cell = qsizetype(r.raster->width()) * r.raster->height();
                float *dst = reinterpret_cast<float *>(m_depthAtlas.data()) + cell * slot;
                std::memcpy(dst, r.raster->depths().data(), size_t(cell) * sizeof(float));
                m_depth->setTextureData(m_depthAtlas);
                rebuildParams();
                emit changed();
                emit depthReady(slot);
                refresh(); // the drawn meshes may have changed meanwhile
            });
}

void VideoProjectors::rebuildParams()
{
    QByteArray data(8 * kSlots * 16, char(0));
    float *p = reinterpret_cast<float *>(data.data());
    int k = 0;
    for (int i = 0; i < kSlots; ++i) {
        const Slot &s = m_slots[size_t(i)];
        if (!s.posed || !s.hasFrame || !s.depth)
            continue;
        double m[16];
        s.depthPose.viewProjection(m);
        float *row = p + k * 8 * 4;
        for (int j = 0; j < 16; ++j)
            row[j] = float(m[j]);
        row[16] = float(s.depthPose.position.x);
        row[17] = float(s.depthPose.position.y);
        row[18] = float(s.depthPose.position.z);
        row[19] = float(i);
        row[20] = float(s.depthPose.nearM);
        row[21] = float(s.depthPose.farM);
        row[22] = float(2.0 * s.depthPose.tanHalfH() / m_options.depthWidth);
        ++k;
    }
    m_params->setTextureData(data);
    m_activeCount = k;
    ++m_revision;
}

bool VideoProjectors::reaches(QObject *drawable, int, const QVector3D &) const
{
    const auto *d = qobject_cast<const TileDrawable *>(drawable);
    if (!d || !d->geometry() || m_activeCount == 0)
        return false;
    const QVector3D lo = d->geometry()->boundsMin(), hi = d->geometry()->boundsMax();
    const Vec3d bmin = d->tileOrigin() + Vec3d(lo.x(), lo.y(), lo.z()), bmax = d->tileOrigin() + Vec3d(hi.x(), hi.y(), hi.z());
    for (const Slot &s : m_slots)
        if (s.posed && s.hasFrame && s.depth && DepthRaster::mayBeSeen(s.depthPose, d->transform(), bmin, bmax))
            return true;
    return false;
}

bool VideoProjectors::settled() const
{
    for (const Slot &s : m_slots)
        if (s.posed && (s.inFlight || s.dirty || !s.depth || signatureFor(s) != s.signature))
            return false;
    return true;
}

QJsonArray VideoProjectors::stateJson() const
{
    QJsonArray out;
    for (int i = 0; i < kSlots; ++i) {
        const Slot &s = m_slots[size_t(i)];
        if (!s.posed)
            continue;
        const CameraPose &p = s.pose;
        QJsonObject o{{QStringLiteral("slot"), i},
                      {QStringLiteral("id"), s.id},
                      {QStringLiteral("pose"),
                       QJsonObject{{QStringLiteral("position"), QJsonArray{p.position.x, p.position.y, p.position.z}},
                                   {QStringLiteral("heading"), p.heading},
                                   {QStringLiteral("pitch"), p.pitch},
                                   {QStringLiteral("roll"), p.roll},
                                   {QStringLiteral("hfov"), p.hfov},
                                   {QStringLiteral("aspect"), p.aspect},
                                   {QStringLiteral("near"), p.nearM},
                                   {QStringLiteral("far"), p.farM}}},
                      {QStringLiteral("hasFrame"), s.hasFrame},
                      {QStringLiteral("depthReady"), bool(s.depth) && samePose(s.depthPose, s.pose)},
                      {QStringLiteral("drawn"), bool(s.depth) && s.hasFrame},
                      {QStringLiteral("depthMaps"), s.depthMaps},
                      {QStringLiteral("depthMs"), s.depthMs},
                      {QStringLiteral("depthTriangles"), s.depth ? double(s.depth->trianglesDrawn()) : 0.0}};
        PickResult hit;
        if (m_streamer && m_streamer->pick(p.position, p.forward(), &hit, m_filter)
            && (hit.point - p.position).dot(p.forward()) <= p.farM) // where its axis meets what occludes
            o.insert(QStringLiteral("axisHit"), QJsonArray{hit.point.x, hit.point.y, hit.point.z});
        if (!s.source.isEmpty())
            o.insert(QStringLiteral("source"), s.source);
        if (s.hasFrame)
            o.insert(QStringLiteral("frameSize"), QJsonArray{s.frameSize.width(), s.frameSize.height()});
        out.append(o);
    }
    return out;
}

bool VideoProjectors::projectImageSpec(int slot, const QString &spec, QString *error)
{
    QString file;
    CameraPose pose;
    bool aspectGiven = false;
    if (!parseImageSpec(spec, &file, &pose, &aspectGiven, error))
        return false;
    if (!aspectGiven) {
        const QSize size = QImageReader(file).size();
        if (size.width() > 0 && size.height() > 0)
            pose.aspect = double(size.width()) / size.height();
    }
    return projectImage(slot, file, pose, error);
}

bool VideoProjectors::parseImageSpec(const QString &spec, QString *file, CameraPose *pose, bool *aspectGiven, QString *error)
{
    const int at = spec.lastIndexOf(QLatin1Char('@'));
    if (at <= 0) {
        *error = QStringLiteral("--project-image needs FILE@x,y,z,heading,pitch,roll,hfov[,aspect,near,far], not '%1'").arg(spec);
        return false;
    }
    *file = spec.left(at);
    const QStringList parts = spec.mid(at + 1).split(QLatin1Char(','));
    if (parts.size() != 7 && parts.size() != 8 && parts.size() != 10) {
        *error = QStringLiteral("--project-image %1: needs 7, 8 or 10 numbers after '@' "
                                "(x,y,z,heading,pitch,roll,hfov[,aspect[,near,far]]), got %2")
                         .arg(spec)
                         .arg(parts.size());
        return false;
    }
    double v[10] = {0, 0, 0, 0, 0, 0, 60, 0, 0.5, 200};
    for (int i = 0; i < parts.size(); ++i) {
        bool ok = false;
        v[i] = parts[i].trimmed().toDouble(&ok);
        if (!ok || !std::isfinite(v[i]) || std::abs(v[i]) > 1e8) {
            *error = QStringLiteral("--project-image %1: '%2' is not a number").arg(spec, parts[i]);
            return false;
        }
    }
    CameraPose p;
    p.position = Vec3d(v[0], v[1], v[2]);
    p.heading = v[3];
    p.pitch = v[4];
    p.roll = v[5];
    p.hfov = v[6];
    p.aspect = v[7] > 0 ? v[7] : 16.0 / 9.0;
    p.nearM = v[8];
    p.farM = v[9];
    if (!(p.hfov > 0 && p.hfov < 180)) {
        *error = QStringLiteral("--project-image %1: hfov must lie between 0 and 180 degrees").arg(spec);
        return false;
    }
    if (v[7] < 0) {
        *error = QStringLiteral("--project-image %1: aspect must be positive (0: the picture's)").arg(spec);
        return false;
    }
    if (!(p.nearM > 0 && p.farM > p.nearM)) {
        *error = QStringLiteral("--project-image %1: needs 0 < near < far").arg(spec);
        return false;
    }
    *pose = p;
    *aspectGiven = v[7] > 0;
    return true;
}

} // namespace liyuan
