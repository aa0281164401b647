#pragma once

namespace liyuan::video {

/** Limits of one VideoFeed (all times in milliseconds). Plain data, any thread. */
struct VideoOptions
{
    /** Connecting: no first frame within this time → Offline (then a retry). */
    int connectTimeoutMs = 10000;
    /** Playing: no frame for this long → Stalled; Stalled for another connectTimeoutMs → Offline. */
    int stallTimeoutMs = 3000;
    /** First reconnect delay after a failure; doubles per failed attempt up to retryMaxMs, back to
     *  retryInitialMs once a frame arrives. */
    int retryInitialMs = 1000;
    int retryMaxMs = 30000;
    /** Projection frames (VideoFeed::projectionFrame) are scaled down to at most this width… */
    int projectionMaxWidth = 1024;
    /** …and emitted at most this many times a second. */
    int projectionFps = 10;
};

} // namespace liyuan::video
