#pragma once
#include "KioskOptions.h"

#include <QDateTime>
#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QStringList>
#include <QTimer>

QT_BEGIN_NAMESPACE
class QQuickWindow;
QT_END_NAMESPACE

namespace liyuan {

class CameraController;
class PresenterController;

/**
 * Kiosk mode (`--kiosk`, `liyuan.kiosk` in QML as context property `kiosk`): the window full
 * screen on the chosen outputs with the cursor hidden; no popup or dialog stays open (a guard
 * closes any that opens and logs it); messages go to a fading overlay and to a log file in the
 * cache folder; the last state (dataset paths, camera + scene state, last view, tour + time,
 * blank) is written every few seconds to the data folder and restored after a restart.
 * GUI thread only.
 */
class KioskController : public QObject
{
    Q_OBJECT
    Q_PROPERTY(bool enabled READ enabled CONSTANT)
    Q_PROPERTY(QStringList messages READ messages NOTIFY messagesChanged)
    Q_PROPERTY(int openPopups READ openPopups NOTIFY guardChanged)
    Q_PROPERTY(int closedPopups READ closedPopups NOTIFY guardChanged)
public:
    KioskController(const KioskOptions &options, PresenterController *presenter, CameraController *camera,
                    QObject *parent = nullptr);
    ~KioskController() override;

    bool enabled() const { return m_options.enabled; }
    /** Messages shown on the overlay now (newest last; each fades after messageSeconds). */
    QStringList messages() const;
    /** Popups/dialogs found open at the last guard pass (0 once the guard closed them). */
    int openPopups() const { return m_openPopups; }
    /** Popups/dialogs the guard has closed since the start. */
    int closedPopups() const { return m_closedPopups; }

    /** Places the window full screen on the chosen screens, hides the cursor, starts the guard. */
    void attachWindow(QQuickWindow *window);
    /** A message for the overlay and the log file (any text; never a credential). */
    Q_INVOKABLE void report(const QString &text);
    /** Reads the saved state; false (with a message on the overlay) when there is none or it is unreadable. */
    bool loadSavedState();
    /** Dataset/project paths of the saved state that still exist. */
    QStringList savedPaths() const;
    /** The paths opened now (saved with the state, made absolute). */
    void setPaths(const QStringList &paths);
    /** Applies the saved view/tour/blank once the scene is ready (call once). */
    void restore();
    /** Remembers the last view shown by name (the remote API's "go"); cleared when a tour plays. */
    void setLastView(const QString &name) { m_lastView = name; }
    /** Writes the state file now (atomically). */
    bool saveState(QString *error = nullptr) const;
    /** {"enabled","screens","messages","openPopups","closedPopups","logFile","stateFile","restored"}. */
    QJsonObject stateJson() const;

    /** The log file (cache folder). */
    static QString logFilePath();
    /** The saved-state file (data folder). */
    static QString stateFilePath();
    /** Routes Qt warnings and errors to the log file too (process-wide; call once). */
    static void installLogHandler();
    /** Appends one time-stamped line to the log file (any thread). */
    static void logLine(const QString &line);

signals:
    void messagesChanged();
    void guardChanged();

private:
    struct Message
    {
        QString text;
        QDateTime until;
    };
    QJsonObject currentState() const;
    void placeWindow();
    void guardPass();
    void expireMessages();

    KioskOptions m_options;
    PresenterController *m_presenter;
    CameraController *m_camera;
    QPointer<QQuickWindow> m_window;
    QList<Message> m_messages;
    QStringList m_reported;   ///< the last messages reported (overlay or not), for stateJson
    QTimer m_saveTimer;
    QTimer m_guardTimer;
    QTimer m_expireTimer;
    QJsonObject m_saved;      ///< the state read at start
    QJsonObject m_restored;   ///< what restore() applied
    QStringList m_paths;
    QString m_lastView;
    int m_openPopups = 0;
    int m_closedPopups = 0;
    int m_testOpened = 0;     ///< popups opened by the LIYUAN_TEST_OPEN_POPUPS hook
};

} // namespace liyuan
