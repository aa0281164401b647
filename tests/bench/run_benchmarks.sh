#!/usr/bin/env bash
# Builds what the benchmarks need (if needed) and runs them one after the other, printing a
# Markdown summary on stdout (progress on stderr).
#
#   tests/bench/run_benchmarks.sh [N_FRAMES]        (default 400)
#
# Environment: BUILD_DIR (default /work/build-bench), JOBS (default 2), READER_REPS (default 5),
# SAMPLE, plus everything run_flight.sh reads (REPEAT: runs of each viewer, default 3;
# LIYUAN_ARGS, OSG_THREADS, STRACE, OUT...).
# The machine should be otherwise idle: the figures are wall-clock times.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
SRC="$(cd "$HERE/../.." && pwd)"
N="${1:-400}"
export BUILD_DIR="${BUILD_DIR:-/work/build-bench}"
JOBS="${JOBS:-2}"
READER_REPS="${READER_REPS:-5}"
export SAMPLE="${SAMPLE:-$SRC/../shared/data/osgb/Production_5}"

if [[ ! -f "$BUILD_DIR/build.ninja" ]]; then
  echo "configuring $BUILD_DIR" >&2
  cmake -S "$SRC" -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >&2
fi
echo "building liyuan bench_reader bench_swaptimes in $BUILD_DIR (-j$JOBS)" >&2
ninja -C "$BUILD_DIR" -j"$JOBS" liyuan bench_reader bench_swaptimes >&2

echo "## Liyuan benchmarks"
echo
echo "$(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git -C "$SRC" rev-parse --short HEAD 2>/dev/null || echo '?')" \
     "$(git -C "$SRC" diff --quiet HEAD 2>/dev/null || echo '(with local changes)'), $(nproc) cores," \
     "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), no GPU (Mesa llvmpipe)," \
     "OpenSceneGraph $(osgversion 2>/dev/null | awk 'NF {print $NF; exit}'), Qt $(qtpaths6 --qt-version 2>/dev/null || echo '?')."
echo
echo "### OSGB reader throughput"
echo
echo "running bench_reader ($READER_REPS passes)" >&2
"$BUILD_DIR/tests/bench/bench_reader" --reps "$READER_REPS" "$SAMPLE"
echo
echo "running the flight ($N frames, liyuan then osgviewer)" >&2
"$HERE/run_flight.sh" "$N"
