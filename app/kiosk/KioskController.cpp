#include "KioskController.h"
#include "PresenterController.h"
#include <liyuan/scene/quick/CameraController.h>

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QGuiApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMutex>
#include <QQuickItem>
#include <QQuickWindow>
#include <QSaveFile>
#include <QScreen>
#include <QSet>
#include <QStandardPaths>

#include <cmath>

namespace liyuan {

namespace {

QMutex g_logMutex;
qint64 g_maxLogBytes = 1024 * 1024;
QtMessageHandler g_previousHandler = nullptr;

void kioskMessageHandler(QtMsgType type, const QMessageLogContext &context, const QString &msg)
{
    if (type != QtDebugMsg && type != QtInfoMsg) {
        static const char *names[] = {"debug", "warning", "critical", "fatal", "info"};
        const int t = int(type);
        KioskController::logLine(QStringLiteral("[%1] %2").arg(QLatin1String(t >= 0 && t < 5 ? names[t] : "?"), msg));
    }
    if (g_previousHandler)
        g_previousHandler(type, context, msg);
}

} // namespace

KioskController::KioskController(const KioskOptions &options, PresenterController *presenter, CameraController *camera,
                                 QObject *parent)
    : QObject(parent), m_options(options), m_presenter(presenter), m_camera(camera)
{
    g_maxLogBytes = options.maxLogBytes;
    if (!m_options.enabled)
        return;
    m_saveTimer.setInterval(m_options.saveIntervalMs);
    connect(&m_saveTimer, &QTimer::timeout, this, [this] {
        QString error;
        if (!saveState(&error))
            logLine(error);
    });
    m_guardTimer.setInterval(m_options.guardIntervalMs);
    connect(&m_guardTimer, &QTimer::timeout, this, &KioskController::guardPass);
    m_expireTimer.setInterval(500);
    connect(&m_expireTimer, &QTimer::timeout, this, &KioskController::expireMessages);
    connect(m_presenter, &PresenterController::message, this, &KioskController::report);
    connect(m_presenter, &PresenterController::playbackChanged, this, [this] {
        if (!m_presenter->currentTour().isEmpty())
            m_lastView.clear();
    });
    connect(qApp, &QCoreApplication::aboutToQuit, this, [this] { saveState(); });
    logLine(QStringLiteral("kiosk mode started (pid %1)").arg(QCoreApplication::applicationPid()));
}

KioskController::~KioskController() = default;

QString KioskController::logFilePath()
{
    return QStandardPaths::writableLocation(QStandardPaths::CacheLocation) + QStringLiteral("/kiosk.log");
}

QString KioskController::stateFilePath()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation) + QStringLiteral("/kiosk-state.json");
}

void KioskController::installLogHandler()
{
    g_previousHandler = qInstallMessageHandler(kioskMessageHandler);
}

void KioskController::logLine(const QString &line)
{
    QMutexLocker lock(&g_logMutex);
    const QString path = logFilePath();
    QDir().mkpath(QFileInfo(path).absolutePath());
    if (QFileInfo(path).size() > g_maxLogBytes) {
        QFile::remove(path + QStringLiteral(".1"));
        QFile::rename(path, path + QStringLiteral(".1"));
    }
    QFile f(path);
    if (!f.open(QIODevice::Append | QIODevice::Text))
        return;
    f.write((QDateTime::currentDateTime().toString(Qt::ISODateWithMs) + QLatin1Char(' ') + line + QLatin1Char('\n')).toUtf8());
}

// --- window -----------------------------------------------------------------------------

void KioskController::attachWindow(QQuickWindow *window)
{
    m_window = window;
    if (!m_options.enabled || !window)
        return;
    QGuiApplication::setOverrideCursor(Qt::BlankCursor);
    placeWindow();
    m_guardTimer.start();
    m_saveTimer.start();
    guardPass();
    // test hook (tst_remoteapp): open every popup of the interface (menus, Popup, Dialog) once,
    // so a test sees the guard close them. (Not the QtQuick.Dialogs file dialogs: without the
    // Qt.labs.folderlistmodel QML module their open() crashes Qt 6.4.)
    if (qEnvironmentVariableIntValue("LIYUAN_TEST_OPEN_POPUPS") > 0)
        QTimer::singleShot(1000, this, [this] {
            if (!m_window)
                return;
            const QList<QObject *> objects = m_window->findChildren<QObject *>();
            for (QObject *o : objects)
                if (o->inherits("QQuickPopup") && QMetaObject::invokeMethod(o, "open"))
                    ++m_testOpened;
            logLine(QStringLiteral("test: opened %1 popups and dialogs").arg(m_testOpened));
            emit guardChanged();
        });
}

void KioskController::placeWindow()
{
    const QList<QScreen *> all = QGuiApplication::screens();
    QList<QScreen *> chosen;
    QStringList unknown, names;
    for (QScreen *s : all)
        names << s->name();
    for (const QString &name : std::as_const(m_options.screens)) {
        QScreen *found = nullptr;
        for (QScreen *s : all)
            if (s->name() == name)
                found = s;
        if (found)
            chosen << found;
        else
            unknown << name;
    }
    if (!unknown.isEmpty())
        report(tr("Kiosk: no screen named %1 (screens: %2); using %3")
                       .arg(unknown.join(QStringLiteral(", ")), names.join(QStringLiteral(", ")),
                            chosen.isEmpty() ? QGuiApplication::primaryScreen()->name() : chosen.first()->name()));
    if (chosen.isEmpty())
        chosen << QGuiApplication::primaryScreen();
    if (chosen.size() == 1) {
        m_window->setScreen(chosen.first());
        m_window->setGeometry(chosen.first()->geometry());
        m_window->showFullScreen();
    } else {
        // several outputs: one frameless window over their union (a wall without bezel maths)
        QRect united;
        for (QScreen *s : std::as_const(chosen))
            united = united.united(s->geometry());
        m_window->setFlags(m_window->flags() | Qt::FramelessWindowHint | Qt::WindowStaysOnTopHint);
        m_window->setScreen(chosen.first());
        m_window->setGeometry(united);
        m_window->show();
    }
    QStringList used;
    for (QScreen *s : std::as_const(chosen))
        used << s->name();
    logLine(QStringLiteral("window on %1 (%2x%3)").arg(used.join(QStringLiteral(", "))).arg(m_window->width()).arg(m_window->height()));
}

void KioskController::guardPass()
{
    if (!m_window)
        return;
    // every popup (menus, dialogs, Popup) and every QtQuick.Dialogs dialog of the window tree …
    QSet<QObject *> open;
    const QList<QObject *> objects = m_window->findChildren<QObject *>();
    for (QObject *o : objects) {
        if (o->inherits("QQuickPopup")) {
            if (o->property("opened").toBool() || o->property("visible").toBool())
                open.insert(o);
        } else if (o->inherits("QQuickAbstractDialog")) {
            if (o->property("visible").toBool())
                open.insert(o);
        }
    }
    // … and whatever the overlay layer shows (popups created at run time, file dialog implementations)
    if (auto *overlay = qvariant_cast<QQuickItem *>(m_window->property("overlay"))) {
        const QList<QQuickItem *> items = overlay->childItems();
        for (QQuickItem *item : items)
            if (item->isVisible() && item->inherits("QQuickPopupItem") && item->parent())
                open.insert(item->parent());
    }
    // other top-level windows (native dialogs)
    const QList<QWindow *> windows = QGuiApplication::topLevelWindows();
    int otherWindows = 0;
    for (QWindow *w : windows)
        if (w != m_window && w->isVisible() && (w->type() == Qt::Dialog || w->type() == Qt::Popup || w->type() == Qt::Tool)) {
            ++otherWindows;
            logLine(QStringLiteral("closed a window that opened over the wall: %1").arg(w->title()));
            w->close();
            ++m_closedPopups;
        }
    const int found = int(open.size()) + otherWindows;
    for (QObject *o : std::as_const(open)) {
        logLine(QStringLiteral("closed a %1 that opened over the wall (%2)")
                        .arg(QString::fromLatin1(o->metaObject()->className()), o->objectName()));
        if (!QMetaObject::invokeMethod(o, "close"))
            o->setProperty("visible", false);
        ++m_closedPopups;
    }
    int stillOpen = 0;
    for (QObject *o : std::as_const(open))
        stillOpen += (o->property("opened").toBool() || o->property("visible").toBool()) ? 1 : 0;
    if (found > 0 || stillOpen != m_openPopups) {
        m_openPopups = stillOpen;
        emit guardChanged();
    }
}

// --- messages -----------------------------------------------------------------------------

QStringList KioskController::messages() const
{
    QStringList out;
    for (const Message &m : m_messages)
        out << m.text;
    return out;
}

void KioskController::report(const QString &text)
{
    if (text.isEmpty())
        return;
    logLine(text);
    m_reported.append(text);
    while (m_reported.size() > 20)
        m_reported.removeFirst();
    if (!m_options.enabled)
        return;
    m_messages.append({text, QDateTime::currentDateTimeUtc().addSecs(m_options.messageSeconds)});
    while (m_messages.size() > m_options.maxMessages)
        m_messages.removeFirst();
    m_expireTimer.start();
    emit messagesChanged();
}

void KioskController::expireMessages()
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const qsizetype before = m_messages.size();
    m_messages.erase(std::remove_if(m_messages.begin(), m_messages.end(), [&](const Message &m) { return m.until <= now; }),
                     m_messages.end());
    if (m_messages.size() != before)
        emit messagesChanged();
    if (m_messages.isEmpty())
        m_expireTimer.stop();
}

// --- state ----------------------------------------------------------------------------------

QJsonObject KioskController::currentState() const
{
    const Vec3d eye = m_camera->eye();
    const QQuaternion r = m_camera->rotation();
    QJsonObject s{{QStringLiteral("version"), 1},
                  {QStringLiteral("savedAt"), QDateTime::currentDateTimeUtc().toString(Qt::ISODate)},
                  {QStringLiteral("paths"), QJsonArray::fromStringList(m_paths)},
                  {QStringLiteral("camera"), QJsonObject{{QStringLiteral("eye"), QJsonArray{eye.x, eye.y, eye.z}},
                                                         {QStringLiteral("rotation"), QJsonArray{r.scalar(), r.x(), r.y(), r.z()}}}},
                  {QStringLiteral("scene"), m_presenter->sceneState()},
                  {QStringLiteral("blanked"), m_presenter->blanked()}};
    if (!m_lastView.isEmpty())
        s.insert(QStringLiteral("view"), m_lastView);
    if (!m_presenter->currentTour().isEmpty()) {
        s.insert(QStringLiteral("tour"), m_presenter->currentTour());
        s.insert(QStringLiteral("step"), m_presenter->currentStep());
        s.insert(QStringLiteral("tourTime"), m_presenter->tourTime());
        s.insert(QStringLiteral("paused"), m_presenter->paused());
        s.insert(QStringLiteral("playing"), m_presenter->playing());
    }
    return s;
}

bool KioskController::saveState(QString *error) const
{
    if (!m_options.enabled)
        return true;
    const QString path = stateFilePath();
    QDir().mkpath(QFileInfo(path).absolutePath());
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(QJsonDocument(currentState()).toJson()) < 0 || !f.commit()) {
        if (error)
            *error = QStringLiteral("%1: the kiosk state cannot be saved: %2").arg(path, f.errorString());
        return false;
    }
    return true;
}

bool KioskController::loadSavedState()
{
    const QString path = stateFilePath();
    QFile f(path);
    if (!f.exists())
        return false;
    if (!f.open(QIODevice::ReadOnly)) {
        report(tr("%1: the saved kiosk state cannot be read: %2").arg(path, f.errorString()));
        return false;
    }
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(f.read(4 * 1024 * 1024), &pe);
    if (pe.error != QJsonParseError::NoError || !doc.isObject() || doc.object().value(QStringLiteral("version")).toInt() != 1) {
        report(tr("%1: the saved kiosk state is not valid (%2); starting without it")
                       .arg(path, pe.error != QJsonParseError::NoError ? pe.errorString() : tr("not a version 1 object")));
        return false;
    }
    m_saved = doc.object();
    return true;
}

QStringList KioskController::savedPaths() const
{
    QStringList out;
    const QJsonArray paths = m_saved.value(QStringLiteral("paths")).toArray();
    for (const QJsonValue &v : paths) {
        const QString p = v.toString();
        const QString file = p.section(QLatin1Char('#'), 0, 0); // PATH#terrain
        if (!p.isEmpty() && QFileInfo::exists(file))
            out << p;
    }
    return out;
}

void KioskController::setPaths(const QStringList &paths)
{
    m_paths.clear();
    for (const QString &p : paths) {
        const QString file = p.section(QLatin1Char('#'), 0, 0);
        const QString suffix = p.mid(file.size());
        m_paths << (file.contains(QStringLiteral("://")) ? p : QFileInfo(file).absoluteFilePath() + suffix);
    }
}

void KioskController::restore()
{
    if (!m_options.enabled || m_saved.isEmpty())
        return;
    QStringList savedPaths;
    for (const QJsonValue &v : m_saved.value(QStringLiteral("paths")).toArray())
        savedPaths << v.toString();
    if (savedPaths != m_paths) {
        logLine(QStringLiteral("the saved state was for other data (%1); not restored").arg(savedPaths.join(QStringLiteral(", "))));
        return;
    }
    QJsonObject done;
    const QJsonObject scene = m_saved.value(QStringLiteral("scene")).toObject();
    const QString view = m_saved.value(QStringLiteral("view")).toString();
    const QString tour = m_saved.value(QStringLiteral("tour")).toString();
    if (!tour.isEmpty()) {
        if (m_presenter->tourNames().contains(tour) && m_presenter->playTour(tour)) {
            m_presenter->seek(m_saved.value(QStringLiteral("tourTime")).toDouble());
            if (m_saved.value(QStringLiteral("paused")).toBool())
                m_presenter->pause();
            done.insert(QStringLiteral("tour"), tour);
            done.insert(QStringLiteral("tourTime"), m_saved.value(QStringLiteral("tourTime")));
        } else {
            report(tr("Kiosk: the saved tour '%1' is not in the project any more").arg(tour));
        }
    } else {
        if (!scene.isEmpty()) {
            QString error;
            if (!m_presenter->applySceneState(scene, &error) && !error.isEmpty())
                report(tr("Kiosk: the saved scene state was not fully applied: %1").arg(error));
        }
        if (!view.isEmpty()) {
            if (m_presenter->viewNames().contains(view)) {
                QString error;
                m_presenter->applyView(m_presenter->view(view), PresenterController::Transition::Cut, 0, &error);
                done.insert(QStringLiteral("view"), view);
            } else {
                report(tr("Kiosk: the saved view '%1' is not in the project any more").arg(view));
            }
            m_lastView = view;
        }
        const QJsonObject cam = m_saved.value(QStringLiteral("camera")).toObject();
        const QJsonArray e = cam.value(QStringLiteral("eye")).toArray();
        const QJsonArray r = cam.value(QStringLiteral("rotation")).toArray();
        if (e.size() == 3 && r.size() == 4) {
            const Vec3d eye{e[0].toDouble(), e[1].toDouble(), e[2].toDouble()};
            const QQuaternion rot(float(r[0].toDouble()), float(r[1].toDouble()), float(r[2].toDouble()), float(r[3].toDouble()));
            if (std::isfinite(eye.x) && std::isfinite(eye.y) && std::isfinite(eye.z) && !rot.isNull()) {
                m_camera->setPose(eye, rot.normalized());
                done.insert(QStringLiteral("camera"), cam);
            }
        }
    }
    if (m_saved.value(QStringLiteral("blanked")).toBool()) {
        m_presenter->setBlanked(true);
        done.insert(QStringLiteral("blanked"), true);
    }
    m_restored = done;
    logLine(QStringLiteral("restored the last state: %1").arg(QString::fromUtf8(QJsonDocument(done).toJson(QJsonDocument::Compact))));
}

QJsonObject KioskController::stateJson() const
{
    return QJsonObject{{QStringLiteral("enabled"), m_options.enabled},
                       {QStringLiteral("screens"), QJsonArray::fromStringList(m_options.screens)},
                       {QStringLiteral("messages"), QJsonArray::fromStringList(messages())},
                       {QStringLiteral("reported"), QJsonArray::fromStringList(m_reported)},
                       {QStringLiteral("openPopups"), m_openPopups},
                       {QStringLiteral("closedPopups"), m_closedPopups},
                       {QStringLiteral("testOpenedPopups"), m_testOpened},
                       {QStringLiteral("logFile"), logFilePath()},
                       {QStringLiteral("stateFile"), stateFilePath()},
                       {QStringLiteral("restored"), m_restored},
                       {QStringLiteral("lastView"), m_lastView}};
}

} // namespace liyuan
