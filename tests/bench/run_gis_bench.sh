#!/usr/bin/env bash
# Builds bench_gis (if needed) and runs it, printing its Markdown table on stdout (progress on
# stderr). Inputs (100k-footprint GeoPackage, 10k × 10k DEM) are generated once into CACHE_DIR
# and reused; delete the folder to time the generation again.
#
#   tests/bench/run_gis_bench.sh
#
# Environment: BUILD_DIR (default /work/build-bench), JOBS (default 2),
# CACHE_DIR (default ${TMPDIR:-/tmp}/liyuan-bench-gis). Run on an otherwise idle machine.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
SRC="$(cd "$HERE/../.." && pwd)"
BUILD_DIR="${BUILD_DIR:-/work/build-bench}"
JOBS="${JOBS:-2}"
CACHE_DIR="${CACHE_DIR:-${TMPDIR:-/tmp}/liyuan-bench-gis}"

command -v ogr2ogr >/dev/null || { echo "ogr2ogr (gdal-bin) is needed" >&2; exit 1; }
if [[ ! -f "$BUILD_DIR/build.ninja" ]]; then
  echo "configuring $BUILD_DIR" >&2
  cmake -S "$SRC" -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >&2
fi
echo "building bench_gis in $BUILD_DIR (-j$JOBS)" >&2
ninja -C "$BUILD_DIR" -j"$JOBS" bench_gis >&2

echo "$(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git -C "$SRC" rev-parse --short HEAD 2>/dev/null || echo '?'), $(nproc) cores" >&2
TIMEFILE="$(mktemp)"
trap 'rm -f "$TIMEFILE"' EXIT
/usr/bin/time -v -o "$TIMEFILE" "$BUILD_DIR/tests/bench/bench_gis" "$CACHE_DIR"
echo
echo "Whole run: peak RSS $(awk -F': ' '/Maximum resident/ {printf "%.0f MB", $2/1024}' "$TIMEFILE"), wall $(awk -F': ' '/Elapsed/ {print $2}' "$TIMEFILE")."
