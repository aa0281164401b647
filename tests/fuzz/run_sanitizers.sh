#!/usr/bin/env bash
# Builds the unit tests with AddressSanitizer + UndefinedBehaviorSanitizer (build-asan, clang,
# -DLIYUAN_SANITIZE=ON) and runs them through ctest. Left out: the tests that drive the app
# binary or render in a window (the render tests), and the benchmarks.
#
#   tests/fuzz/run_sanitizers.sh [CTEST_ARGS...]      e.g. -R tst_cityjson
#
# Any sanitizer report fails the test that triggered it (halt_on_error). Leak checking is off:
# Qt, GDAL, PROJ and OSG keep process-lifetime singletons that LeakSanitizer would report.
# Installs clang-14 with apt-get when it is missing.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
BUILD="${LIYUAN_ASAN_BUILD:-$ROOT/build-asan}"
DATA="${LIYUAN_SHARED_DATA:-$ROOT/../shared/data}"
# the app-binary and window tests (render tests)
EXCLUDE='^(tst_cli|tst_render|tst_livecli|tst_placementapp|tst_reviewcontroller|tst_schemes|tst_inputscript|tst_eventsapp)$'

if ! command -v clang++ >/dev/null; then
  sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends clang-14
fi
if [ ! -f "$BUILD/CMakeCache.txt" ]; then
  CC=clang CXX=clang++ cmake -S "$ROOT" -B "$BUILD" -G Ninja -DLIYUAN_SANITIZE=ON \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo -DLIYUAN_SHARED_DATA="$DATA" >/dev/null
fi
mapfile -t TESTS < <(ctest --test-dir "$BUILD" -N | sed -n 's/^ *Test *#[0-9]*: *\(tst_[a-z0-9_]*\)$/\1/p' \
                     | grep -Ev "$EXCLUDE")
echo "== building ${#TESTS[@]} unit tests with ASan+UBSan in $BUILD"
start=$(date +%s)
cmake --build "$BUILD" --target "${TESTS[@]}"
built=$(date +%s)

export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=0:detect_odr_violation=0:halt_on_error=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}"
run=(ctest --test-dir "$BUILD" --output-on-failure -E "$EXCLUDE" "$@")
rc=0
if command -v xvfb-run >/dev/null; then
  xvfb-run -a -s "-screen 0 1280x1024x24" "${run[@]}" || rc=$?
else
  QT_QPA_PLATFORM=offscreen "${run[@]}" || rc=$?
fi
echo "== ASan+UBSan unit tests: build $((built - start)) s, tests $(( $(date +%s) - built )) s"
exit $rc
