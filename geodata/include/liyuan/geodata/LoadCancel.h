#pragma once

#include <atomic>
#include <memory>

namespace liyuan {

/**
 * Cooperative cancellation of long reads (GDAL warps and overview builds, and any reader that
 * asks): a worker thread installs its owner's flag with a Scope for the duration of a load, and
 * the read's progress callbacks poll requested(). cancelAll() stops every read in the process
 * (used on exit, so shutting down never waits for a raster that takes hours to read).
 * All functions are thread-safe; a Scope belongs to the thread that made it.
 */
class LoadCancel
{
public:
    using Flag = std::shared_ptr<const std::atomic_bool>;

    /** Makes `flag` the calling thread's cancel flag until destroyed (restores the previous one). */
    class Scope
    {
    public:
        explicit Scope(Flag flag);
        ~Scope();
        Scope(const Scope &) = delete;
        Scope &operator=(const Scope &) = delete;

    private:
        Flag m_previous;
    };

    /** True when the calling thread's flag is set or cancelAll() was called. */
    static bool requested();
    /** Cancels every read from now on, in every thread (process shutdown). */
    static void cancelAll();
};

} // namespace liyuan
