#pragma once
// Work on a thread pool, its result handed to a callback on the thread of a context object.

#include <QFutureWatcher>
#include <QObject>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentRun>

#include <type_traits>
#include <utility>

namespace liyuan {

/**
 * Runs `work()` on `pool` and calls `done(result)` on `context`'s thread once it has finished;
 * never if `context` is destroyed first. Call from `context`'s thread.
 *
 * This replaces `QtConcurrent::run(...).then(context, ...)`: in Qt 6.4, a continuation attached
 * with a context while the work is finishing on the pool can run twice, the second time with a
 * moved-from promise, and the application crashes in QFutureInterfaceBase::reportStarted()
 * (seen under load in tst_placementapp). A QFutureWatcher connected before setFuture() has no
 * such race: it reports a future that has already finished as well.
 */
template<typename Work, typename Done>
void runThen(QThreadPool *pool, QObject *context, Work &&work, Done &&done)
{
    using Result = std::invoke_result_t<std::decay_t<Work>>;
    auto *watcher = new QFutureWatcher<Result>(context);
    QObject::connect(watcher, &QFutureWatcherBase::finished, context,
                     [watcher, done = std::forward<Done>(done)]() mutable {
                         watcher->deleteLater();
                         QFuture<Result> future = watcher->future();
                         if (future.resultCount() > 0)
                             done(future.takeResult());
                     });
    watcher->setFuture(QtConcurrent::run(pool, std::forward<Work>(work)));
}

/** runThen() on the global thread pool. */
template<typename Work, typename Done>
void runThen(QObject *context, Work &&work, Done &&done)
{
    runThen(QThreadPool::globalInstance(), context, std::forward<Work>(work), std::forward<Done>(done));
}

} // namespace liyuan
