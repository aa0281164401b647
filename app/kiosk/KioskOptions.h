#pragma once
#include <QStringList>

namespace liyuan {

/** Kiosk-mode settings and limits (one place for all of them). */
struct KioskOptions
{
    bool enabled = false;       ///< --kiosk
    QStringList screens;        ///< --kiosk-screens NAME,NAME (empty = the primary screen)
    int saveIntervalMs = 2000;  ///< the last state is written this often (and on quit)
    int messageSeconds = 8;     ///< an overlay message fades out after this long
    int maxMessages = 5;        ///< overlay messages shown at once
    int guardIntervalMs = 200;  ///< how often open popups/dialogs are looked for (and closed)
    qint64 maxLogBytes = 1024 * 1024; ///< the log file is rotated (kiosk.log.1) beyond this size
};

} // namespace liyuan
