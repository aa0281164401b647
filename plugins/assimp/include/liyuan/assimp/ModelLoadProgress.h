#pragma once
#include <QHash>
#include <QMutex>
#include <QString>

namespace liyuan::assimp {

/**
 * Read progress of model files, per file, for the GUI to poll: loader threads set(), the GUI
 * thread value()/all(). A file is listed from its first report until finished() or clear().
 * Thread-safe (one mutex; reports are throttled by the caller to a few per file).
 */
class ModelLoadProgress
{
public:
    static ModelLoadProgress &instance();

    /** Loader thread: file is at fraction (0..1, clamped). */
    void set(const QString &file, double fraction);
    /** Loader thread: the read of file ended (ok or not); it leaves the list. */
    void finished(const QString &file);
    /** Any thread: the fraction of a file being read, or -1 when it is not being read. */
    double value(const QString &file) const;
    /** Any thread: every file being read, with its fraction. */
    QHash<QString, double> all() const;
    /** Any thread: the mean fraction over the files being read (1 when none). */
    double overall() const;

private:
    mutable QMutex m_mutex;
    QHash<QString, double> m_progress;
};

} // namespace liyuan::assimp
