/*
 * libbench_swaptimes.so — LD_PRELOAD shim that timestamps every buffer swap of a GL program
 * (glXSwapBuffers, eglSwapBuffers), so osgviewer and liyuan get the same frame-time
 * measurement without touching either. At exit, writes one CLOCK_MONOTONIC time in seconds
 * per line to $BENCH_SWAPTIMES_OUT (nothing when unset). run_flight.sh turns the last N
 * intervals into p50/p95/max.
 *
 * Optional check that two viewers show the same view: with BENCH_GRAB_AT=S and
 * BENCH_GRAB_OUT=FILE.ppm, the first frame swapped at least S seconds after the first swap is
 * read back (default framebuffer, back buffer, current viewport or BENCH_GRAB_SIZE=WxH) and
 * written as a PPM.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#define MAX_SWAPS 200000

static double g_times[MAX_SWAPS];
static int g_count = 0;
static pthread_mutex_t g_lock = PTHREAD_MUTEX_INITIALIZER;

static void record(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    pthread_mutex_lock(&g_lock);
    if (g_count < MAX_SWAPS)
        g_times[g_count++] = (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
    pthread_mutex_unlock(&g_lock);
}

typedef void (*GetIntegervFn)(unsigned int, int *);
typedef void (*ReadPixelsFn)(int, int, int, int, unsigned int, unsigned int, void *);
typedef void (*BindFramebufferFn)(unsigned int, unsigned int);
typedef void (*ReadBufferFn)(unsigned int);

static int g_grabbed = 0;

/* Called before the real swap, on the thread that owns the current context. */
static void maybeGrab(void)
{
    const char *at = getenv("BENCH_GRAB_AT");
    const char *out = getenv("BENCH_GRAB_OUT");
    if (g_grabbed || !at || !out)
        return;
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    const double now = (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
    if (g_count == 0 || now - g_times[0] < atof(at))
        return;
    g_grabbed = 1;
    GetIntegervFn getIntegerv = (GetIntegervFn)dlsym(RTLD_DEFAULT, "glGetIntegerv");
    ReadPixelsFn readPixels = (ReadPixelsFn)dlsym(RTLD_DEFAULT, "glReadPixels");
    BindFramebufferFn bindFramebuffer = (BindFramebufferFn)dlsym(RTLD_DEFAULT, "glBindFramebuffer");
    ReadBufferFn readBuffer = (ReadBufferFn)dlsym(RTLD_DEFAULT, "glReadBuffer");
    if (!getIntegerv || !readPixels)
        return;
    int vp[4] = {0, 0, 0, 0};
    getIntegerv(0x0BA2 /* GL_VIEWPORT */, vp);
    if (bindFramebuffer)
        bindFramebuffer(0x8CA8 /* GL_READ_FRAMEBUFFER */, 0);
    if (readBuffer)
        readBuffer(0x0405 /* GL_BACK */);
    int w = vp[2], h = vp[3];
    const char *size = getenv("BENCH_GRAB_SIZE"); /* WxH: read this much instead of the viewport */
    if (size && sscanf(size, "%dx%d", &w, &h) != 2)
        w = vp[2], h = vp[3];
    if (w <= 0 || h <= 0)
        return;
    unsigned char *pixels = malloc((size_t)w * h * 3);
    if (!pixels)
        return;
    typedef void (*PixelStoreiFn)(unsigned int, int);
    PixelStoreiFn pixelStorei = (PixelStoreiFn)dlsym(RTLD_DEFAULT, "glPixelStorei");
    if (pixelStorei)
        pixelStorei(0x0D05 /* GL_PACK_ALIGNMENT */, 1);
    readPixels(0, 0, w, h, 0x1907 /* GL_RGB */, 0x1401 /* GL_UNSIGNED_BYTE */, pixels);
    FILE *f = fopen(out, "wb");
    if (f) {
        fprintf(f, "P6\n%d %d\n255\n", w, h);
        for (int y = h - 1; y >= 0; --y)
            fwrite(pixels + (size_t)y * w * 3, 1, (size_t)w * 3, f);
        fclose(f);
    }
    free(pixels);
}

typedef void (*GlxSwapFn)(void *, unsigned long);
typedef unsigned int (*EglSwapFn)(void *, void *);

void glXSwapBuffers(void *dpy, unsigned long drawable)
{
    static GlxSwapFn real = NULL;
    if (!real)
        real = (GlxSwapFn)dlsym(RTLD_NEXT, "glXSwapBuffers");
    maybeGrab();
    real(dpy, drawable);
    record();
}

unsigned int eglSwapBuffers(void *dpy, void *surface)
{
    static EglSwapFn real = NULL;
    if (!real)
        real = (EglSwapFn)dlsym(RTLD_NEXT, "eglSwapBuffers");
    maybeGrab();
    unsigned int r = real(dpy, surface);
    record();
    return r;
}

__attribute__((destructor)) static void dump(void)
{
    const char *out = getenv("BENCH_SWAPTIMES_OUT");
    if (!out || !*out || g_count == 0) /* not the GL program (e.g. a helper that inherited the preload) */
        return;
    FILE *f = fopen(out, "w");
    if (!f)
        return;
    pthread_mutex_lock(&g_lock);
    for (int i = 0; i < g_count; ++i)
        fprintf(f, "%.6f\n", g_times[i]);
    pthread_mutex_unlock(&g_lock);
    fclose(f);
}
