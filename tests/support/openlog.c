/*
 * libtest_openlog.so — LD_PRELOAD shim for tests: logs every open of a file whose name ends
 * with $TEST_OPENLOG_SUFFIX (e.g. ".ktx") to $TEST_OPENLOG_OUT, one line per open:
 * "<CLOCK_MONOTONIC seconds> <r|w> <path>" (r: opened read-only). Nothing happens when either
 * variable is unset. Lets a test see how often a program reads a file and when, which inotify
 * cannot tell exactly (it merges identical events).
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static pthread_mutex_t g_lock = PTHREAD_MUTEX_INITIALIZER;

static void note(const char *path, int flags)
{
    const char *suffix = getenv("TEST_OPENLOG_SUFFIX");
    const char *out = getenv("TEST_OPENLOG_OUT");
    if (!path || !suffix || !out || !*suffix)
        return;
    const size_t n = strlen(path), m = strlen(suffix);
    if (n < m || strcmp(path + n - m, suffix) != 0)
        return;
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    pthread_mutex_lock(&g_lock);
    FILE *f = fopen(out, "a");
    if (f) {
        fprintf(f, "%.6f %c %s\n", ts.tv_sec + ts.tv_nsec / 1e9, (flags & O_ACCMODE) == O_RDONLY ? 'r' : 'w', path);
        fclose(f);
    }
    pthread_mutex_unlock(&g_lock);
}

#define FORWARD(name, ...)                                                                          \
    static int (*real)(__VA_ARGS__) = NULL;                                                         \
    if (!real)                                                                                      \
        real = (int (*)(__VA_ARGS__))dlsym(RTLD_NEXT, name);

static mode_t modeArg(int flags, va_list ap)
{
    return (flags & (O_CREAT | O_TMPFILE)) ? (mode_t)va_arg(ap, int) : 0;
}

int open(const char *path, int flags, ...)
{
    va_list ap;
    va_start(ap, flags);
    const mode_t mode = modeArg(flags, ap);
    va_end(ap);
    FORWARD("open", const char *, int, ...)
    note(path, flags);
    return real(path, flags, mode);
}

int open64(const char *path, int flags, ...)
{
    va_list ap;
    va_start(ap, flags);
    const mode_t mode = modeArg(flags, ap);
    va_end(ap);
    FORWARD("open64", const char *, int, ...)
    note(path, flags);
    return real(path, flags, mode);
}

int openat(int dir, const char *path, int flags, ...)
{
    va_list ap;
    va_start(ap, flags);
    const mode_t mode = modeArg(flags, ap);
    va_end(ap);
    FORWARD("openat", int, const char *, int, ...)
    note(path, flags);
    return real(dir, path, flags, mode);
}

int openat64(int dir, const char *path, int flags, ...)
{
    va_list ap;
    va_start(ap, flags);
    const mode_t mode = modeArg(flags, ap);
    va_end(ap);
    FORWARD("openat64", int, const char *, int, ...)
    note(path, flags);
    return real(dir, path, flags, mode);
}
