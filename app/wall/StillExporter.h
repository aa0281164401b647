#pragma once
#include "WallLayout.h"

#include <QElapsedTimer>
#include <QImage>
#include <QObject>
#include <QSize>
#include <QString>

#include <memory>

namespace liyuan {

class SceneController;
class PngRowWriter;

/**
 * Renders the current view as a still far larger than the window: the still is cut into
 * window-sized tiles, each a sub-view (CameraController::setSubView) of the same camera, each
 * grabbed once streaming has settled for it, and written row-wise into one PNG (PngRowWriter):
 * only one row of tiles (still width × window height) is held at a time. Progress on stdout
 * and through `progress`. GUI thread.
 */
class StillExporter : public QObject
{
    Q_OBJECT
    Q_PROPERTY(bool running READ running NOTIFY runningChanged)
    Q_PROPERTY(double progress READ progress NOTIFY progressChanged)
public:
    struct Options
    {
        QString file;                 ///< OUT.png
        QSize size;                   ///< still pixels
        double tileTimeoutSeconds = 60; ///< a tile that does not settle is grabbed anyway and counted
        int settleFrames = 3;         ///< settled frames before a tile is grabbed
        int compression = 2;          ///< zlib level of the PNG
        bool printProgress = true;    ///< one stdout line per row of tiles
    };
    /** Largest still side (pixels) and pixel count. */
    static constexpr int kMaxSide = 16384;
    static constexpr qint64 kMaxPixels = qint64(16384) * 16384;

    explicit StillExporter(SceneController *scene, QObject *parent = nullptr);
    ~StillExporter() override;

    /** Tiles across and down for a still of `still` pixels cut into `tile`-sized tiles. */
    static QSize tileGrid(const QSize &still, const QSize &tile);
    /** The NDC sub-rectangle of tile (col, row) (window-sized; the last ones reach past the still). */
    static WallSubView tileSubView(const QSize &still, const QSize &tile, int col, int row);

    /** Starts exporting (the camera's current pose); false with *error when it cannot start. */
    bool start(const Options &options, QString *error);
    /** Stops; the part file is removed and finished(false, …) is emitted. */
    Q_INVOKABLE void cancel();
    bool running() const { return m_running; }
    double progress() const { return m_total > 0 ? double(m_done) / m_total : 0.0; }
    /** Tiles grabbed before they had settled (timeout). */
    int unsettledTiles() const { return m_unsettled; }
    double elapsedMs() const { return m_clock.isValid() ? m_clock.nsecsElapsed() / 1e6 : 0.0; }

signals:
    void runningChanged();
    void progressChanged();
    /** Done: ok, or error names the file and the problem. */
    void finished(bool ok, const QString &error);

private:
    void onFrame();
    void beginTile();
    void grabTile();
    void finish(bool ok, const QString &error);

    SceneController *m_scene;
    Options m_options;
    std::unique_ptr<PngRowWriter> m_writer;
    QImage m_strip; ///< one row of tiles, RGB888, still width × tile height
    QSize m_tile, m_grid;
    int m_col = 0, m_row = 0;
    int m_done = 0, m_total = 0, m_unsettled = 0;
    int m_settledFrames = 0;
    bool m_running = false;
    bool m_hadSubView = false;
    double m_savedSub[5] = {-1, 1, -1, 1, 0};
    QElapsedTimer m_clock, m_tileClock;
};

} // namespace liyuan
