#include "Recorder.h"
#include "VideoEncoder.h"
#include "SceneController.h"
#include "LayerManager.h"
#include "PresenterController.h"

#include <liyuan/scene/TileStreamer.h>

#include <QCoreApplication>
#include <QFile>
#include <QKeyEvent>
#include <QQuickWindow>
#include <QTimer>
#include <QUrl>
#include <QtConcurrent/QtConcurrentRun>

#include <atomic>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <sys/resource.h>

namespace liyuan {

namespace {
std::atomic<int> g_signal{0};
/** CPU time of the whole process (every thread: renderer, loaders, encoder), seconds. */
double cpuSeconds()
{
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return double(u.ru_utime.tv_sec + u.ru_stime.tv_sec) + double(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}
extern "C" void onCancelSignal(int sig)
{
    g_signal.store(sig);
}
} // namespace

Recorder::Recorder(SceneController *scene, QObject *parent) : QObject(parent), m_scene(scene)
{
    if (PresenterController *p = m_scene->presenter())
        connect(p, &PresenterController::toursChanged, this, &Recorder::toursChanged);
    connect(&m_finishing, &QFutureWatcher<QString>::finished, this, [this] {
        const QString error = m_finishing.result();
        const int frames = m_frame;
        const double secs = m_clock.nsecsElapsed() / 1e9;
        QString message;
        int code = Ok;
        if (!error.isEmpty()) {
            message = error;
            code = CannotWrite;
        } else if (m_cancel) {
            message = QStringLiteral("%1: cancelled at frame %2/%3; the file holds the %2 frame(s) recorded")
                              .arg(m_options.output).arg(frames).arg(m_frameCount);
            code = Cancelled;
        } else {
            message = QStringLiteral("%1: %2 frames at %3 fps (%4 s), %5x%6, %7 frame(s) recorded unsettled, "
                                     "%8 s (%9 frames/s; per frame: grab %10 ms, to the encoder %11 ms, CPU %12 ms)")
                              .arg(m_options.output).arg(frames).arg(m_options.fps)
                              .arg(double(frames) / m_options.fps, 0, 'f', 2)
                              .arg(m_size.width()).arg(m_size.height()).arg(m_unsettled)
                              .arg(secs, 0, 'f', 2).arg(secs > 0 ? frames / secs : 0, 0, 'f', 2)
                              .arg(frames > 0 ? m_grabMs / frames : 0, 0, 'f', 1)
                              .arg(frames > 0 ? m_pushMs / frames : 0, 0, 'f', 1)
                              .arg(frames > 0 ? (cpuSeconds() - m_cpuStart) * 1000.0 / frames : 0, 0, 'f', 1);
        }
        m_ending = false;
        m_active = false;
        setStatus(message);
        emit activeChanged();
        emit finished(code, message);
    });
}

Recorder::~Recorder()
{
    if (m_finishing.isRunning())
        m_finishing.waitForFinished();
    if (m_active && m_encoder) {
        m_encoder->abort();
        QFile::remove(m_options.output);
    }
}

QStringList Recorder::tours() const
{
    return m_scene->presenter() ? m_scene->presenter()->tourNames() : QStringList();
}

void Recorder::setStatus(const QString &s)
{
    if (m_status == s)
        return;
    m_status = s;
    emit statusChanged();
}

void Recorder::installSignalCancel()
{
    std::signal(SIGINT, onCancelSignal);
    std::signal(SIGTERM, onCancelSignal);
    if (!m_signalPoll) {
        m_signalPoll = new QTimer(this);
        connect(m_signalPoll, &QTimer::timeout, this, [this] {
            const int sig = g_signal.exchange(0);
            if (sig == 0)
                return;
            if (m_active) {
                std::fprintf(stderr, "liyuan: %s: cancelling the recording\n", strsignal(sig));
                cancel();
            } else {
                QCoreApplication::exit(128 + sig);
            }
        });
        m_signalPoll->start(50);
    }
}

bool Recorder::startRecording(const QString &tour, const QString &cameraPath, const QString &output, int fps, int width,
                              int height, int quality)
{
    RecordOptions o;
    o.tour = tour;
    o.cameraPath = cameraPath.startsWith(QLatin1String("file:")) ? QUrl(cameraPath).toLocalFile() : cameraPath;
    o.output = output.startsWith(QLatin1String("file:")) ? QUrl(output).toLocalFile() : output;
    o.fps = fps;
    if (width > 0 && height > 0)
        o.size = QSize(width, height);
    o.quality = quality;
    QString error;
    if (!start(o, &error)) {
        setStatus(error);
        return false;
    }
    return true;
}

bool Recorder::start(const RecordOptions &options, QString *error, int *code)
{
    auto fail = [&](const QString &why, int exit = BadInput) {
        if (error)
            *error = why;
        if (code)
            *code = exit;
        return false;
    };
    if (m_active)
        return fail(QStringLiteral("%1: a recording is already running").arg(options.output));
    if (options.output.isEmpty())
        return fail(QStringLiteral("no output file for the recording"));
    if (options.fps < 1 || options.fps > 120)
        return fail(QStringLiteral("%1: the frame rate must be 1..120, not %2").arg(options.output).arg(options.fps));
    if (options.size.isValid() && (options.size.width() % 2 || options.size.height() % 2 || options.size.width() < 16
                                   || options.size.height() < 16 || options.size.width() > 7680 || options.size.height() > 4320))
        return fail(QStringLiteral("%1: the video size must be even, 16×16 to 7680×4320, not %2×%3")
                            .arg(options.output).arg(options.size.width()).arg(options.size.height()));
    if (options.tour.isEmpty() == options.cameraPath.isEmpty())
        return fail(QStringLiteral("%1: record either a tour or a camera path").arg(options.output));
    m_window = m_scene->window();
    if (!m_window)
        return fail(QStringLiteral("%1: no window to record").arg(options.output));
    m_path = AnimationPath();
    if (!options.cameraPath.isEmpty()) {
        QString why;
        if (!m_path.load(options.cameraPath, &why))
            return fail(why);
    }
    m_options = options;
    m_size = options.size.isValid() ? options.size : QSize(m_window->width() & ~1, m_window->height() & ~1);
    m_encoder = std::make_unique<VideoEncoder>();
    QString why;
    if (!m_encoder->open(m_options, m_size, &why)) {
        m_encoder.reset();
        return fail(why, CannotWrite);
    }
    m_active = true;
    m_started = m_cancel = m_ending = false;
    m_frame = m_frameCount = m_settledFrames = m_unsettled = 0;
    m_grabMs = m_pushMs = 0;
    m_cpuStart = cpuSeconds();
    m_hasPose = false;
    m_clock.start();
    m_frameClock.start();
    m_scene->setAutoHome(false); // the source drives the view (Home must not move it)
    m_scene->setFrameHook([this] { applyPose(); });
    connect(m_scene, &SceneController::frameUpdated, this, &Recorder::onFrame, Qt::UniqueConnection);
    m_window->installEventFilter(this);
    setStatus(tr("Recording %1…").arg(m_options.output));
    emit activeChanged();
    emit progressChanged();
    m_window->update();
    return true;
}

void Recorder::cancel()
{
    if (!m_active || m_ending)
        return;
    m_cancel = true;
    // a window that renders nothing more still ends the recording
    QTimer::singleShot(0, this, [this] {
        if (m_active && !m_ending)
            end(Cancelled, QString(), true);
    });
}

bool Recorder::eventFilter(QObject *watched, QEvent *event)
{
    if (m_active && watched == m_window && event->type() == QEvent::KeyPress
        && static_cast<QKeyEvent *>(event)->key() == Qt::Key_Escape) {
        cancel();
        return true;
    }
    return QObject::eventFilter(watched, event);
}

void Recorder::applyPose()
{
    if (!m_hasPose)
        return;
    CameraController *camera = m_scene->camera();
    if (m_fov > 0 && std::abs(camera->fieldOfView() - m_fov) > 1e-4)
        camera->setFieldOfView(float(m_fov));
    camera->setPose(m_eye, m_rotation);
}

void Recorder::applyFrame(int k)
{
    const double t = double(k) / m_options.fps;
    if (!m_options.tour.isEmpty()) {
        PresenterController *p = m_scene->presenter();
        const PresenterController::TourSample s = p->sampleTour(m_options.tour, std::min(t, m_duration));
        p->applySample(m_options.tour, s);
        m_eye = s.eye;
        m_rotation = s.rotation;
        m_fov = s.fieldOfView;
        m_hasPose = s.valid;
    } else {
        const AnimationPath::ControlPoint c = m_path.sample(m_path.firstTime() + t);
        m_eye = c.position;
        m_rotation = c.rotation;
        m_fov = 0;
        m_hasPose = true;
    }
    applyPose();
    m_settledFrames = 0;
    m_frameClock.start();
}

bool Recorder::settledNow() const
{
    return m_scene->contentSettled() && !m_scene->camera()->flying();
}

void Recorder::onFrame()
{
    if (!m_active || m_ending)
        return;
    if (m_cancel) {
        end(Cancelled, QString(), true);
        return;
    }
    if (!m_started) {
        // frame 0 once the data is open (the project's tours with it)
        const bool ready = m_scene->streamer()->rootsReady() && !m_scene->layers()->busy() && !m_scene->busy();
        if (!ready) {
            if (m_frameClock.elapsed() > m_options.startTimeoutMs)
                end(BadInput, QStringLiteral("%1: the data did not open within %2 s; nothing recorded")
                                      .arg(m_options.output).arg(m_options.startTimeoutMs / 1000.0), false);
            return;
        }
        if (!m_options.tour.isEmpty()) {
            PresenterController *p = m_scene->presenter();
            const QStringList names = p ? p->tourNames() : QStringList();
            if (!p || !names.contains(m_options.tour)) {
                end(BadInput, QStringLiteral("%1: no tour named \"%2\" in the project (tours: %3); nothing recorded")
                                      .arg(m_options.output, m_options.tour,
                                           names.isEmpty() ? QStringLiteral("none") : names.join(QStringLiteral(", "))),
                    false);
                return;
            }
            m_duration = p->tourDuration(m_options.tour);
            if (p->playing())
                p->stop(); // the recording's clock drives the tour, not the frames' wall time
        } else {
            m_duration = m_path.duration();
        }
        if (!(m_duration > 0) || !std::isfinite(m_duration)) {
            end(BadInput, QStringLiteral("%1: the %2 lasts no time; nothing recorded")
                                  .arg(m_options.output, m_options.tour.isEmpty() ? QStringLiteral("camera path")
                                                                                   : QStringLiteral("tour")),
                false);
            return;
        }
        const double frames = std::ceil(m_duration * m_options.fps - 1e-6);
        if (frames > m_options.maxFrames) {
            end(BadInput, QStringLiteral("%1: %2 s at %3 fps is more than %4 frames; nothing recorded")
                                  .arg(m_options.output).arg(m_duration).arg(m_options.fps).arg(m_options.maxFrames),
                false);
            return;
        }
        m_frameCount = std::max(1, int(frames));
        m_started = true;
        emit progressChanged();
        applyFrame(0);
        m_window->update();
        return;
    }
    m_settledFrames = settledNow() ? m_settledFrames + 1 : 0;
    // the first view loads from nothing: it gets the start limit
    const int limitMs = m_frame == 0 ? std::max(m_options.settleTimeoutMs, m_options.startTimeoutMs) : m_options.settleTimeoutMs;
    const bool timedOut = m_frameClock.elapsed() > limitMs;
    if (timedOut && m_settledFrames < m_options.settleFrames) {
        // say what the frame waited for
        const TileStreamer *s = m_scene->streamer();
        const StreamingStats &st = s->stats();
        QStringList waiting;
        if (!s->isSettled())
            waiting << QStringLiteral("tiles (loading %1, queued %2, to attach %3)").arg(st.loading).arg(st.queued).arg(st.waitingAttach);
        if (m_scene->camera()->flying())
            waiting << QStringLiteral("the camera flight");
        if (!m_scene->fusion()->settled())
            waiting << QStringLiteral("projection depth maps");
        if (!m_scene->camerasSettled())
            waiting << QStringLiteral("camera feeds");
        if (m_scene->presenter() && !m_scene->presenter()->settled())
            waiting << QStringLiteral("the view's scene state");
        std::fprintf(stderr, "liyuan: %s: frame %d did not settle within %.1f s, recorded as it is (waiting for %s)\n",
                     qPrintable(m_options.output), m_frame + 1, limitMs / 1000.0,
                     qPrintable(waiting.join(QStringLiteral(", "))));
    }
    if (m_settledFrames >= m_options.settleFrames || timedOut) {
        grabAndPush(!timedOut || m_settledFrames >= m_options.settleFrames);
        if (!m_active || m_ending)
            return;
        if (m_frame >= m_frameCount) {
            end(Ok, QString(), true);
            return;
        }
        applyFrame(m_frame);
    }
    m_window->update();
}

void Recorder::grabAndPush(bool settled)
{
    QElapsedTimer timer;
    timer.start();
    const QImage image = m_window->grabWindow();
    m_grabMs += timer.nsecsElapsed() / 1e6;
    if (image.isNull()) {
        end(CannotWrite, QStringLiteral("%1: could not grab the window (no OpenGL?)").arg(m_options.output), false);
        return;
    }
    QString why;
    timer.start();
    const bool pushed = m_encoder->push(image, &why);
    m_pushMs += timer.nsecsElapsed() / 1e6;
    if (!pushed) {
        end(CannotWrite, why, false);
        return;
    }
    if (!settled)
        ++m_unsettled;
    ++m_frame;
    if (m_print) {
        std::printf("record: frame %d/%d%s\n", m_frame, m_frameCount, settled ? "" : " (unsettled)");
        std::fflush(stdout);
    }
    emit progressChanged();
}

void Recorder::end(int code, const QString &message, bool finalise)
{
    if (m_ending || !m_active)
        return;
    m_ending = true;
    m_scene->setFrameHook(nullptr);
    m_scene->setAutoHome(true);
    disconnect(m_scene, &SceneController::frameUpdated, this, &Recorder::onFrame);
    if (m_window)
        m_window->removeEventFilter(this);
    if (!finalise || !m_encoder || m_encoder->framesPushed() == 0) {
        // nothing usable: no file is left behind
        if (m_encoder)
            m_encoder->abort();
        m_encoder.reset();
        QFile::remove(m_options.output);
        const QString text = !message.isEmpty() ? message
                : QStringLiteral("%1: cancelled before the first frame; no file written").arg(m_options.output);
        m_ending = false;
        m_active = false;
        setStatus(text);
        emit activeChanged();
        emit finished(code, text);
        return;
    }
    Q_UNUSED(code)
    setStatus(tr("Finishing %1…").arg(m_options.output));
    // the encoder drains and mp4mux writes the index off the GUI thread
    VideoEncoder *encoder = m_encoder.release();
    const int timeout = m_options.finishTimeoutMs;
    m_finishing.setFuture(QtConcurrent::run([encoder, timeout] {
        QString why;
        encoder->finish(timeout, &why);
        delete encoder;
        return why;
    }));
}

} // namespace liyuan
