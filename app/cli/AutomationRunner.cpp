#include "AutomationRunner.h"
#include "SceneController.h"
#include "LayerListModel.h"
#include "LayerManager.h"
#include "StillExporter.h" // wall:

#include <liyuan/scene/TileStreamer.h>

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QDropEvent>
#include <QImage>
#include <QMimeData>
#include <QUrl>
#include <QJsonArray>
#include <QJsonDocument>
#include <QQuickItem>
#include <QQuickWindow>
#include <QSaveFile>
#include <QSet>

#include <algorithm>
#include <cstdio>

namespace liyuan {

namespace {
qint64 peakRssKb()
{
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    const QList<QByteArray> lines = f.readAll().split('\n');
    for (const QByteArray &l : lines)
        if (l.startsWith("VmHWM:"))
            return l.mid(6).trimmed().split(' ').value(0).toLongLong();
    return -1;
}

double percentile(std::vector<double> v, double p)
{
    if (v.empty())
        return 0;
    std::sort(v.begin(), v.end());
    const size_t i = std::min(v.size() - 1, size_t(p * double(v.size() - 1) + 0.5));
    return v[i];
}
} // namespace

AutomationRunner::AutomationRunner(const AppOptions &options, SceneController *scene, QObject *parent)
    : QObject(parent), m_options(options), m_scene(scene)
{
}

bool AutomationRunner::prepare(QString *error)
{
    if (!m_options.cameraPath.isEmpty()) {
        if (!m_path.load(m_options.cameraPath, error))
            return false;
        m_hasPath = true;
        m_scene->setAutoHome(false);
    }
    if (!m_options.input.isEmpty()) {
        if (!m_input.load(m_options.input, error))
            return false;
        m_hasInput = true;
    }
    return true;
}

void AutomationRunner::start()
{
    m_clock.start();
    if (!m_options.stateJson.isEmpty())
        m_scene->stallMeter()->start(); // gui.maxStallMs / stallsOver50Ms (only a reported run pays its 200 Hz timer)
    connect(m_scene, &SceneController::frameUpdated, this, &AutomationRunner::onFrame);
    if (m_hasPath) {
        m_scene->setFrameHook([this] {
            double t;
            if (m_options.frames > 0) {
                if (!m_flightStarted)
                    return;
                const double dur = std::max(m_path.duration(), 1e-9);
                t = m_path.firstTime() + std::fmod(m_flightClock.nsecsElapsed() / 1e9, dur);
            } else {
                t = m_options.timeSet ? m_options.time : m_path.firstTime();
            }
            const AnimationPath::ControlPoint p = m_path.sample(t);
            m_scene->camera()->setPose(p.position, p.rotation);
        });
        // place the camera before the first frame
        const AnimationPath::ControlPoint p = m_path.sample(m_options.timeSet ? m_options.time : m_path.firstTime());
        m_scene->camera()->setPose(p.position, p.rotation);
    } else if (m_options.frames > 0) {
        m_scene->setFrameHook([] {}); // keep frames coming
    }
    if (!m_options.exportStill.isEmpty()) {
        // wall: from the start the view is the still's first tile (Home frames the still's aspect)
        const QSize still = m_options.stillSize.isValid() ? m_options.stillSize : m_options.size;
        const WallSubView v = StillExporter::tileSubView(still, m_options.size, 0, 0);
        m_scene->camera()->setSubView(v.left, v.right, v.bottom, v.top, double(still.width()) / still.height());
    }
    m_timeout.setSingleShot(true);
    connect(&m_timeout, &QTimer::timeout, this, [this] {
        if (m_options.frames > 0)
            finishFrames();
        else
            finishScreenshot(true);
    });
    // a --frames run ends after its frames, or at an explicit --timeout (a soak), else at 600 s at the latest
    const double limit = m_options.frames > 0 && !m_options.timeoutSet ? std::max(m_options.timeoutSeconds, 600.0)
                                                                          : m_options.timeoutSeconds;
    m_timeout.start(int(limit * 1000));
    if (m_scene->window())
        m_scene->window()->update();
}

void AutomationRunner::simulateDrop()
{
    // test hook (LIYUAN_TEST_DROP=path[;path…]): a real drag-enter/move/drop on the window's
    // centre, through Qt Quick's event delivery to the DropArea, as a file manager would do
    const QStringList paths = qEnvironmentVariable("LIYUAN_TEST_DROP").split(QLatin1Char(';'), Qt::SkipEmptyParts);
    QQuickWindow *w = m_scene->window();
    if (paths.isEmpty() || !w)
        return;
    auto *mime = new QMimeData;
    QList<QUrl> urls;
    for (const QString &p : paths)
        urls << QUrl::fromLocalFile(p);
    mime->setUrls(urls);
    const QPointF centre(w->width() / 2.0, w->height() / 2.0);
    QDragEnterEvent enter(centre.toPoint(), Qt::CopyAction, mime, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(w, &enter);
    QDragMoveEvent move(centre.toPoint(), Qt::CopyAction, mime, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(w, &move);
    QDropEvent drop(centre, Qt::CopyAction, mime, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(w, &drop);
    delete mime;
}

void AutomationRunner::onFrame()
{
    if (m_finished)
        return;
    if (!m_dropped && qEnvironmentVariableIsSet("LIYUAN_TEST_DROP")) {
        m_dropped = true;
        simulateDrop();
        return;
    }
    TileStreamer *s = m_scene->streamer();
    if (m_options.frames > 0) {
        // the flight starts once the roots are in (as osgviewer's first frame has them)
        if (!m_flightStarted) {
            if (!s->rootsReady() || (!m_hasPath && m_options.follow.isEmpty() && !m_scene->homeApplied())) // sync: a follower's view comes from its leader
                return;
            m_flightStarted = true;
            m_flightClock.start();
            m_scene->resetFrameTimes();
            return;
        }
        if (++m_framesPlayed >= m_options.frames)
            finishFrames();
        return;
    }
    if (!m_input.isPlaying() && nothingToShow()) {
        // reported at once, naming the layers and why, instead of an empty picture after the timeout
        m_finished = true;
        m_timeout.stop();
        for (const QString &m : m_scene->messages())
            std::fprintf(stderr, "liyuan: %s\n", qPrintable(m));
        std::fprintf(stderr, "liyuan: nothing to show: no layer has anything to draw; no screenshot written\n");
        std::fflush(stderr);
        writeState(QJsonObject{{QStringLiteral("nothingToShow"), true}});
        QCoreApplication::exit(kExitBadInput);
        return;
    }
    // Home is framed once something has bounds; when every root is in (or failed) and nothing
    // has any, there is nothing to frame and waiting longer changes nothing
    Vec3d boundsMin, boundsMax;
    const bool framed = m_hasPath || m_scene->homeApplied() || !m_options.follow.isEmpty() // sync:
                        || (s->rootsReady() && !m_scene->layers()->busy() && !s->sceneBounds(&boundsMin, &boundsMax));
    // video fusion: --project-image applied and its depth maps made for this view
    const bool fused = m_options.projectImages.size() <= m_scene->fusion()->count();
    const bool ready = framed && fused && m_scene->contentSettled();
    if (qEnvironmentVariableIsSet("LIYUAN_DEBUG_SETTLE"))
        std::fprintf(stderr, "settle: roots %d home %d settled %d inflight %d ready %d\n", s->rootsReady(),
                     m_scene->homeApplied(), s->isSettled(), s->stats().loading, int(s->stats().waitingAttach));
    if (m_input.isPlaying())
        return;
    m_settledFrames = ready ? m_settledFrames + 1 : 0;
    if (m_settledFrames >= 3 && m_hasInput && !m_inputDone) { // attached drawables need a sync to show
        playInput();
        return;
    }
    if (m_settledFrames >= 3)
        finishScreenshot(false);
    else if (ready && m_scene->window())
        m_scene->window()->update(); // a settled scene asks for no frame by itself

}

bool AutomationRunner::nothingToShow() const
{
    const LayerManager *layers = m_scene->layers();
    const QList<LayerEntry> entries = layers->model()->layers();
    if (layers->busy() || entries.isEmpty())
        return false;
    bool anyVisible = false, tiles = false;
    for (const LayerEntry &l : entries) {
        if (!l.visible)
            continue;
        anyVisible = true;
        if (l.status == QLatin1String("failed"))
            continue;
        if (l.status == QLatin1String("loading") || l.dataset < 0)
            return false; // still loading, or drawn without tiles (points as markers, draped imagery)
        tiles = true;
    }
    if (!anyVisible)
        return false; // everything hidden on purpose: the empty picture is what was asked for
    if (!tiles)
        return true; // every visible layer failed
    // tile layers whose every root failed (an unreadable city model, a broken tile) show nothing
    const TileStreamer *s = m_scene->streamer();
    Vec3d mn, mx;
    return s->rootsReady() && s->isSettled() && s->stats().failed > 0 && !s->sceneBounds(&mn, &mx);
}

void AutomationRunner::playInput()
{
    QQuickWindow *w = m_scene->window();
    QQuickItem *view = w ? w->findChild<QQuickItem *>(QStringLiteral("sceneView")) : nullptr;
    if (!view) {
        fail(QStringLiteral("%1: the window has no 3D view to play input into").arg(m_options.input));
        return;
    }
    connect(&m_input, &InputScript::finished, this, [this] {
        m_inputDone = true;
        m_settledFrames = 0;
        std::printf("input %s: %d steps played\n", qPrintable(m_options.input), int(m_input.steps().size()));
        std::fflush(stdout);
        if (m_scene->window())
            m_scene->window()->update();
    });
    connect(&m_input, &InputScript::failed, this, [this](const QString &why) { fail(why); });
    CameraController *camera = m_scene->camera();
    TileStreamer *streamer = m_scene->streamer();
    m_input.play(
            w, view,
            [camera](const Vec3d &p, QPointF *pixel) {
                double x = 0, y = 0;
                if (!camera->viewState().project(p, &x, &y))
                    return false;
                *pixel = QPointF(x, y);
                return true;
            },
            [streamer, camera] { return !streamer->isSettled() || camera->flying(); });
}

bool AutomationRunner::writeState(const QJsonObject &extra)
{
    // review: --measure and restored measurements are done before the project is saved
    m_scene->review()->recomputeRestored();
    m_scene->review()->runPendingSpecs();
    m_scene->events()->resolvePending(); // events: placed and on the ground where the scene allows
    if (!m_options.addView.isEmpty()) // presenter: --add-view NAME into the saved project
        m_scene->presenter()->addCurrentView(m_options.addView);
    if (!m_options.saveProject.isEmpty() && !m_scene->project()->saveAs(m_options.saveProject)) {
        std::fprintf(stderr, "liyuan: cannot save the project %s\n", qPrintable(m_options.saveProject));
        return false;
    }
    if (m_options.stateJson.isEmpty())
        return true;
    QJsonObject state = m_scene->stateJson();
    for (auto it = extra.begin(); it != extra.end(); ++it)
        state.insert(it.key(), it.value());
    QSaveFile f(m_options.stateJson);
    if (!f.open(QIODevice::WriteOnly) || f.write(QJsonDocument(state).toJson(QJsonDocument::Indented)) < 0 || !f.commit()) {
        std::fprintf(stderr, "liyuan: cannot write %s: %s\n", qPrintable(m_options.stateJson), qPrintable(f.errorString()));
        return false;
    }
    return true;
}

void AutomationRunner::fail(const QString &message, int code)
{
    m_finished = true;
    std::fprintf(stderr, "liyuan: %s\n", qPrintable(message));
    std::fflush(stderr);
    QCoreApplication::exit(code);
}

void AutomationRunner::finishScreenshot(bool timedOut)
{
    if (m_finished)
        return;
    if (!m_options.exportStill.isEmpty()) { // wall: each tile settles on its own
        m_finished = true;
        m_timeout.stop();
        startStill();
        return;
    }
    m_finished = true;
    m_timeout.stop();
    const double settleMs = m_clock.nsecsElapsed() / 1e6;
    QQuickWindow *w = m_scene->window();
    if (!w) {
        fail(QStringLiteral("no window to grab"));
        return;
    }
    const QImage image = w->grabWindow();
    if (image.isNull()) {
        fail(QStringLiteral("could not grab the window (no OpenGL?)"));
        return;
    }
    if (!image.save(m_options.screenshot, "PNG")) {
        fail(QStringLiteral("cannot write %1").arg(m_options.screenshot));
        return;
    }
    const StreamingStats &s = m_scene->streamer()->stats();
    const bool settled = !timedOut;
    std::printf("screenshot %s: %dx%d, tiles drawn %d, triangles %lld, settled %s in %.0f ms, loads pending %d, failed %d\n",
                qPrintable(m_options.screenshot), image.width(), image.height(), s.tilesDrawn,
                static_cast<long long>(s.trianglesDrawn), settled ? "yes" : "NO (timeout)", settleMs,
                s.loading + s.queued + s.waitingAttach, s.failed);
    std::fflush(stdout);
    const QStringList problems = datasetProblems(settled);
    QJsonObject extra{{QStringLiteral("screenshot"),
                       QJsonObject{{QStringLiteral("file"), QFileInfo(m_options.screenshot).absoluteFilePath()},
                                   {QStringLiteral("width"), image.width()},
                                   {QStringLiteral("height"), image.height()},
                                   {QStringLiteral("settled"), settled},
                                   {QStringLiteral("settleMs"), settleMs},
                                   {QStringLiteral("problems"), QJsonArray::fromStringList(problems)}}}};
    if (!writeState(extra)) {
        QCoreApplication::exit(kExitCannotWrite);
        return;
    }
    for (const QString &p : problems)
        std::fprintf(stderr, "liyuan: %s\n", qPrintable(p));
    // an input named on the command line that could not be read at all (a model, tile set or
    // layer whose every root failed): the screenshot does not show what was asked for
    const QStringList unreadable = unreadableInputs();
    if (!unreadable.isEmpty()) {
        for (const QString &why : unreadable)
            if (!problems.contains(why))
                std::fprintf(stderr, "liyuan: %s\n", qPrintable(why));
        std::fflush(stderr);
        QCoreApplication::exit(kExitUnreadableInput);
        return;
    }
    if (timedOut) {
        std::fprintf(stderr, "liyuan: %s: the view did not settle within %.1f s (loads pending %d); the screenshot shows "
                             "what was loaded%s\n",
                     qPrintable(m_options.screenshot), m_options.timeoutSeconds, s.loading + s.queued + s.waitingAttach,
                     m_options.allowUnsettled ? "" : " (exit code 4; --allow-unsettled accepts it)");
        if (!m_options.allowUnsettled) {
            QCoreApplication::exit(kExitUnsettled);
            return;
        }
    }
    QCoreApplication::exit(problems.isEmpty() ? 0 : kExitDatasetProblem);
}

QStringList AutomationRunner::datasetProblems(bool settled) const
{
    // what the user asked for that cannot be shown, each naming its file
    QStringList problems;
    const std::vector<TileDataset> &datasets = m_scene->streamer()->datasets();
    for (const LayerEntry &l : m_scene->layers()->model()->layers()) {
        if (l.status == QLatin1String("failed")) {
            problems << (l.message.isEmpty() ? QStringLiteral("%1: could not be opened").arg(l.path) : l.message);
            continue;
        }
        if (l.status == QLatin1String("ready") && l.featureCount == 0) {
            problems << QStringLiteral("%1: layer \"%2\" has nothing to draw (no features)").arg(l.path, l.name);
            continue;
        }
        if (l.dataset < 0 || size_t(l.dataset) >= datasets.size() || !l.visible)
            continue;
        const TileDataset &d = datasets[size_t(l.dataset)];
        if (d.removed)
            continue;
        if (d.tilesLoaded == 0 && d.tilesFailed > 0)
            problems << (d.lastError.isEmpty() ? QStringLiteral("%1: could not be read").arg(d.path) : d.lastError);
        else if (settled && d.tilesLoaded > 0 && d.trianglesLoaded == 0)
            problems << QStringLiteral("%1: layer \"%2\" has nothing to draw (%3 tile(s) read, no geometry)")
                                .arg(d.path, l.name)
                                .arg(d.tilesLoaded);
    }
    return problems;
}

QStringList AutomationRunner::unreadableInputs() const
{
    // only what was named on the command line: a project's missing layer keeps the project open
    QSet<QString> inputs;
    for (const QString &p : m_options.paths)
        inputs.insert(QFileInfo(p.startsWith(QLatin1String("file:")) ? QUrl(p).toLocalFile() : p).absoluteFilePath());
    const TileStreamer *s = m_scene->streamer();
    const std::vector<TileDataset> &datasets = s->datasets();
    std::vector<int> roots(datasets.size(), 0), failedRoots(datasets.size(), 0);
    std::vector<QStringList> errors(datasets.size());
    for (const Tile *t : s->tiles()) {
        if (t->depth != 0 || t->dataset < 0 || size_t(t->dataset) >= datasets.size())
            continue;
        ++roots[size_t(t->dataset)];
        if (t->state == TileLoadState::Failed) {
            ++failedRoots[size_t(t->dataset)];
            errors[size_t(t->dataset)] << t->error;
        }
    }
    QStringList out;
    for (const LayerEntry &l : m_scene->layers()->model()->layers()) {
        if (!inputs.contains(QFileInfo(l.path).absoluteFilePath()))
            continue;
        const size_t d = size_t(l.dataset);
        if (l.status == QLatin1String("failed"))
            out << (l.message.isEmpty() ? QStringLiteral("%1: could not be read").arg(l.path) : l.message);
        else if (l.dataset >= 0 && d < datasets.size() && !datasets[d].removed && roots[d] > 0
                 && failedRoots[d] == roots[d])
            out << errors[d].join(QStringLiteral("; "));
    }
    out.removeDuplicates();
    return out;
}

void AutomationRunner::finishFrames()
{
    if (m_finished)
        return;
    m_finished = true;
    m_timeout.stop();
    const std::vector<double> &ft = m_scene->frameTimes();
    const double wall = m_flightStarted ? m_flightClock.nsecsElapsed() / 1e9 : 0;
    const double p50 = percentile(ft, 0.5), p95 = percentile(ft, 0.95);
    const double mx = ft.empty() ? 0 : *std::max_element(ft.begin(), ft.end());
    const StreamingStats &s = m_scene->streamer()->stats();
    const qint64 rss = peakRssKb();
    std::printf("frames %d in %.2f s: frame ms p50 %.2f p95 %.2f max %.2f; tiles loaded %d, evicted %d, drawn %d; "
                "peak RSS %.0f MB; GUI update ms max %.2f\n",
                int(ft.size()), wall, p50, p95, mx, s.loadedTotal, s.evictedTotal, s.tilesDrawn, rss / 1024.0,
                s.maxUpdateMs);
    std::fflush(stdout);
    QJsonObject extra{{QStringLiteral("frames"),
                       QJsonObject{{QStringLiteral("count"), int(ft.size())},
                                   {QStringLiteral("wallSeconds"), wall},
                                   {QStringLiteral("p50Ms"), p50},
                                   {QStringLiteral("p95Ms"), p95},
                                   {QStringLiteral("maxMs"), mx},
                                   {QStringLiteral("tilesLoaded"), s.loadedTotal},
                                   {QStringLiteral("peakRssMB"), rss / 1024.0},
                                   {QStringLiteral("maxGuiUpdateMs"), s.maxUpdateMs}}}};
    QCoreApplication::exit(writeState(extra) ? 0 : kExitCannotWrite);
}

void AutomationRunner::startStill()
{
    // wall: --export-still
    m_still = new StillExporter(m_scene, this);
    StillExporter::Options o;
    o.file = m_options.exportStill;
    o.size = m_options.stillSize.isValid() ? m_options.stillSize : m_options.size;
    o.tileTimeoutSeconds = m_options.timeoutSeconds;
    connect(m_still, &StillExporter::finished, this, [this, o](bool ok, const QString &error) {
        if (!ok) {
            std::fprintf(stderr, "liyuan: %s\n", qPrintable(error));
            std::fflush(stderr);
            QCoreApplication::exit(kExitCannotWrite);
            return;
        }
        const int unsettled = m_still->unsettledTiles();
        const QSize grid = StillExporter::tileGrid(o.size, m_options.size);
        const double rssMb = peakRssKb() / 1024.0;
        std::printf("still %s: %dx%d, %d tiles, %.0f ms, unsettled tiles %d, peak RSS %.0f MB\n", qPrintable(o.file),
                    o.size.width(), o.size.height(), grid.width() * grid.height(), m_still->elapsedMs(), unsettled, rssMb);
        std::fflush(stdout);
        const QJsonObject extra{{QStringLiteral("still"),
                                 QJsonObject{{QStringLiteral("file"), QFileInfo(o.file).absoluteFilePath()},
                                             {QStringLiteral("width"), o.size.width()},
                                             {QStringLiteral("height"), o.size.height()},
                                             {QStringLiteral("tiles"), grid.width() * grid.height()},
                                             {QStringLiteral("unsettledTiles"), unsettled},
                                             {QStringLiteral("ms"), m_still->elapsedMs()},
                                             {QStringLiteral("peakRssMB"), rssMb}}}};
        if (!writeState(extra)) {
            QCoreApplication::exit(kExitCannotWrite);
            return;
        }
        const QStringList problems = datasetProblems(unsettled == 0);
        for (const QString &p : problems)
            std::fprintf(stderr, "liyuan: %s\n", qPrintable(p));
        if (unsettled > 0) {
            std::fprintf(stderr, "liyuan: %s: %d tile(s) did not settle within %.1f s each%s\n", qPrintable(o.file),
                         unsettled, m_options.timeoutSeconds,
                         m_options.allowUnsettled ? "" : " (exit code 4; --allow-unsettled accepts it)");
            if (!m_options.allowUnsettled) {
                QCoreApplication::exit(kExitUnsettled);
                return;
            }
        }
        QCoreApplication::exit(problems.isEmpty() ? 0 : kExitDatasetProblem);
    });
    QString error;
    if (!m_still->start(o, &error)) {
        std::fprintf(stderr, "liyuan: %s\n", qPrintable(error));
        std::fflush(stderr);
        QCoreApplication::exit(kExitCannotWrite);
    }
}

} // namespace liyuan
