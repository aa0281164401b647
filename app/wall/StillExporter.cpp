#include "StillExporter.h"
#include "PngRowWriter.h"
#include "SceneController.h"

#include <liyuan/scene/TileStreamer.h>
#include <liyuan/scene/quick/CameraController.h>

#include <QQuickWindow>

#include <algorithm>
#include <cstdio>
#include <cstring>

namespace liyuan {

StillExporter::StillExporter(SceneController *scene, QObject *parent) : QObject(parent), m_scene(scene) {}

StillExporter::~StillExporter() = default;

QSize StillExporter::tileGrid(const QSize &still, const QSize &tile)
{
    if (still.isEmpty() || tile.isEmpty())
        return {};
    return QSize((still.width() + tile.width() - 1) / tile.width(), (still.height() + tile.height() - 1) / tile.height());
}

WallSubView StillExporter::tileSubView(const QSize &still, const QSize &tile, int col, int row)
{
    const double W = still.width(), H = still.height();
    const double x0 = double(col) * tile.width(), y0 = double(row) * tile.height();
    WallSubView v;
    v.left = -1.0 + 2.0 * x0 / W;
    v.right = -1.0 + 2.0 * (x0 + tile.width()) / W;
    v.top = 1.0 - 2.0 * y0 / H;
    v.bottom = 1.0 - 2.0 * (y0 + tile.height()) / H;
    return v;
}

bool StillExporter::start(const Options &options, QString *error)
{
    if (m_running) {
        *error = QStringLiteral("%1: a still is already being exported").arg(options.file);
        return false;
    }
    QQuickWindow *w = m_scene->window();
    if (!w) {
        *error = QStringLiteral("%1: no window to render the still in").arg(options.file);
        return false;
    }
    const QSize s = options.size;
    if (s.width() < 1 || s.height() < 1 || s.width() > kMaxSide || s.height() > kMaxSide
        || qint64(s.width()) * s.height() > kMaxPixels) {
        *error = QStringLiteral("%1: a still of %2×%3 pixels: each side must be 1..%4")
                         .arg(options.file).arg(s.width()).arg(s.height()).arg(kMaxSide);
        return false;
    }
    CameraController *cam = m_scene->camera();
    const ViewState vs = cam->viewState();
    const qreal dpr = w->effectiveDevicePixelRatio();
    if (vs.viewportWidth != w->width() || vs.viewportHeight != w->height() || dpr != 1.0) {
        *error = QStringLiteral("%1: the 3D view (%2×%3) must fill the window (%4×%5, device pixel ratio %6) to render tiles")
                         .arg(options.file).arg(vs.viewportWidth).arg(vs.viewportHeight).arg(w->width()).arg(w->height()).arg(dpr);
        return false;
    }
    m_options = options;
    m_tile = w->size();
    m_grid = tileGrid(s, m_tile);
    m_writer = std::make_unique<PngRowWriter>();
    if (!m_writer->open(options.file, s.width(), s.height(), error, options.compression))
        return false;
    m_strip = QImage(s.width(), m_tile.height(), QImage::Format_RGB888);
    if (m_strip.isNull()) {
        *error = QStringLiteral("%1: no memory for a row of tiles (%2×%3)").arg(options.file).arg(s.width()).arg(m_tile.height());
        m_writer.reset();
        return false;
    }
    m_hadSubView = cam->offAxis();
    m_savedSub[0] = cam->subLeft();
    m_savedSub[1] = cam->subRight();
    m_savedSub[2] = cam->subBottom();
    m_savedSub[3] = cam->subTop();
    m_savedSub[4] = cam->subFullAspect();
    m_col = m_row = 0;
    m_done = m_unsettled = 0;
    m_total = m_grid.width() * m_grid.height();
    m_running = true;
    m_clock.start();
    emit runningChanged();
    emit progressChanged();
    if (m_options.printProgress) {
        std::printf("still %s: %dx%d in %d tiles (%dx%d of %dx%d)\n", qPrintable(options.file), s.width(), s.height(),
                    m_total, m_grid.width(), m_grid.height(), m_tile.width(), m_tile.height());
        std::fflush(stdout);
    }
    connect(m_scene, &SceneController::frameUpdated, this, &StillExporter::onFrame);
    beginTile();
    return true;
}

void StillExporter::beginTile()
{
    const WallSubView v = tileSubView(m_options.size, m_tile, m_col, m_row);
    m_scene->camera()->setSubView(v.left, v.right, v.bottom, v.top, double(m_options.size.width()) / m_options.size.height());
    m_settledFrames = 0;
    m_tileClock.start();
    if (m_scene->window())
        m_scene->window()->update();
}

void StillExporter::onFrame()
{
    if (!m_running)
        return;
    const bool settled = m_scene->contentSettled() && !m_scene->camera()->flying();
    m_settledFrames = settled ? m_settledFrames + 1 : 0;
    const bool timedOut = m_tileClock.nsecsElapsed() / 1e9 > m_options.tileTimeoutSeconds;
    if (m_settledFrames >= m_options.settleFrames || timedOut) {
        if (!settled)
            ++m_unsettled;
        grabTile();
    } else if (m_scene->window()) {
        m_scene->window()->update(); // a settled scene asks for no frame by itself
    }
}

void StillExporter::grabTile()
{
    QQuickWindow *w = m_scene->window();
    QImage img = w ? w->grabWindow() : QImage();
    if (img.isNull() || img.size() != m_tile) {
        finish(false, QStringLiteral("%1: tile %2,%3 could not be grabbed (%4×%5)")
                              .arg(m_options.file).arg(m_col).arg(m_row).arg(img.width()).arg(img.height()));
        return;
    }
    img.convertTo(QImage::Format_RGB888);
    // the part of the tile inside the still, into the row of tiles
    const int x0 = m_col * m_tile.width();
    const int cw = std::min(m_tile.width(), m_options.size.width() - x0);
    for (int y = 0; y < m_tile.height(); ++y)
        std::memcpy(m_strip.scanLine(y) + size_t(x0) * 3, img.constScanLine(y), size_t(cw) * 3);
    img = QImage();
    ++m_done;
    emit progressChanged();
    if (++m_col < m_grid.width()) {
        beginTile();
        return;
    }
    // a row of tiles is complete: its rows go to the PNG
    const int y0 = m_row * m_tile.height();
    const int rows = std::min(m_tile.height(), m_options.size.height() - y0);
    QString error;
    for (int y = 0; y < rows; ++y) {
        if (!m_writer->writeRow(m_strip.constScanLine(y), &error)) {
            finish(false, error);
            return;
        }
    }
    if (m_options.printProgress) {
        std::printf("still %s: row %d/%d, %d/%d tiles, %.0f ms\n", qPrintable(m_options.file), m_row + 1, m_grid.height(),
                    m_done, m_total, elapsedMs());
        std::fflush(stdout);
    }
    m_col = 0;
    if (++m_row < m_grid.height()) {
        beginTile();
        return;
    }
    if (!m_writer->finish(&error)) {
        finish(false, error);
        return;
    }
    finish(true, QString());
}

void StillExporter::cancel()
{
    if (m_running)
        finish(false, QStringLiteral("%1: cancelled").arg(m_options.file));
}

void StillExporter::finish(bool ok, const QString &error)
{
    disconnect(m_scene, &SceneController::frameUpdated, this, &StillExporter::onFrame);
    m_running = false;
    m_writer.reset(); // an unfinished PNG's part file is removed
    m_strip = QImage();
    CameraController *cam = m_scene->camera();
    if (m_hadSubView)
        cam->setSubView(m_savedSub[0], m_savedSub[1], m_savedSub[2], m_savedSub[3], m_savedSub[4]);
    else
        cam->clearSubView();
    emit runningChanged();
    emit finished(ok, error);
}

} // namespace liyuan
