#!/usr/bin/env bash
# Fuzzes every parser of Liyuan with libFuzzer (clang 14) under ASan+UBSan, each for a bounded time.
#
#   tests/fuzz/run_fuzz.sh [SECONDS_PER_TARGET] [TARGET...]     (default 120 s; all targets)
#   tests/fuzz/run_fuzz.sh --replay TARGET FILE...                run inputs once (a fixed bug stays fixed)
#   tests/fuzz/run_fuzz.sh --minimize TARGET FILE                 shrink a crash/timeout input
#
# Targets: metadata osgb project registry payloadmapping payload cityjson geojson
# (tests/fuzz/fuzz_<target>.cpp). Builds build-fuzz (CC=clang CXX=clang++ -DLIYUAN_FUZZ=ON: only
# the libraries the targets need, not the app), seeds the corpora from the shared sample data
# ($LIYUAN_SHARED_DATA, default ../shared/data), the generated demo district and
# tests/fuzz/fixtures/, and runs each target with a per-input timeout (hangs), an RSS limit and
# -max_total_time. Corpora persist in build-fuzz/fuzz/corpus/<target>; crashes, timeouts and
# out-of-memory inputs go to build-fuzz/fuzz/findings/<target>/. Exits 1 when there are findings.
# Installs clang-14 and libclang-rt-14-dev with apt-get when they are missing.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
BUILD="${LIYUAN_FUZZ_BUILD:-$ROOT/build-fuzz}"
WORK="$BUILD/fuzz"
DATA="${LIYUAN_SHARED_DATA:-$ROOT/../shared/data}"
ALL_TARGETS=(metadata osgb project registry payloadmapping payload cityjson geojson)
TIMEOUT_S="${LIYUAN_FUZZ_TIMEOUT:-10}"   # one input running longer is a hang
RSS_MB="${LIYUAN_FUZZ_RSS_MB:-2048}"

export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=0:allocator_may_return_null=1:detect_odr_violation=0}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}"
export QT_QPA_PLATFORM=offscreen

ensure_toolchain() {
  if command -v clang++ >/dev/null && ls /usr/lib/llvm-14/lib/clang/*/lib/linux/libclang_rt.fuzzer-x86_64.a >/dev/null 2>&1; then
    return
  fi
  local sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  echo "== installing clang-14 and libclang-rt-14-dev"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends clang-14 libclang-rt-14-dev
}

build() {
  ensure_toolchain
  local cxx cc
  cxx="$(command -v clang++ || echo clang++-14)"; cc="$(command -v clang || echo clang-14)"
  if [ ! -f "$BUILD/CMakeCache.txt" ]; then
    CC="$cc" CXX="$cxx" cmake -S "$ROOT" -B "$BUILD" -G Ninja -DLIYUAN_FUZZ=ON \
      -DCMAKE_BUILD_TYPE=RelWithDebInfo -DLIYUAN_SHARED_DATA="$DATA" >/dev/null
  fi
  cmake --build "$BUILD" --target liyuan_fuzzers
}

# One seed folder per target (rebuilt each run; the fuzzers' own corpora are kept).
seed() {
  local s="$WORK/seeds"
  rm -rf "$s"
  for t in "${ALL_TARGETS[@]}"; do mkdir -p "$s/$t"; done
  local gen="$WORK/generated"
  if [ ! -f "$gen/project/demo.liyuan.json" ]; then
    echo "== generating the demo district for seeds"
    "$BUILD/tests/fuzz/fuzz_make_seeds" "$gen" >/dev/null
  fi
  local demo="$gen/demo"
  cp "$demo/metadata.xml" "$s/metadata/demo.xml"
  [ -f "$DATA/osgb/Production_5/metadata.xml" ] && cp "$DATA/osgb/Production_5/metadata.xml" "$s/metadata/production5.xml"
  cp "$gen"/osgb/*.osgb "$s/osgb/"
  # the smallest real tiles (large textured tiles make each run slow)
  find "$DATA/osgb" "$demo/Data" -name '*.osgb' -size -64k 2>/dev/null | head -n 8 | while read -r f; do
    cp "$f" "$s/osgb/$(basename "$f")"; done
  cp "$gen/project/demo.liyuan.json" "$s/project/"
  cp "$demo/iot/registry.json" "$s/registry/demo.json"
  cp "$demo/iot/mapping.json" "$s/payloadmapping/demo.json"
  # feed lines as "topic\npayload"
  python3 - "$demo/iot/feed.jsonl" "$s/payload" <<'PY'
import json, sys
seen = set()
for line in open(sys.argv[1], encoding="utf-8"):
    line = line.strip()
    if not line or line.startswith("//"):
        continue
    m = json.loads(line)
    if "topic" not in m:
        continue
    p = m["payload"]
    p = p if isinstance(p, str) else json.dumps(p, separators=(",", ":"))
    key = (m["topic"].split("/")[0], p[:12])
    if key in seen:
        continue
    seen.add(key)
    with open(f"{sys.argv[2]}/feed{len(seen)}", "w", encoding="utf-8") as f:
        f.write(m["topic"] + "\n" + p)
    if len(seen) >= 20:
        break
PY
  for f in "$DATA"/citymodels/rotterdam/*.json; do [ -f "$f" ] && cp "$f" "$s/cityjson/"; done
  [ -f "$DATA/footprints/alexandria_va/buildings.geojson" ] && cp "$DATA/footprints/alexandria_va/buildings.geojson" "$s/geojson/alexandria.geojson"
  if command -v ogr2ogr >/dev/null; then
    for l in $(ogrinfo -q "$demo/gis/district.gpkg" 2>/dev/null | sed -n 's/^[0-9]*: \([^ ]*\).*/\1/p'); do
      ogr2ogr -f GeoJSON -lco RFC7946=YES "$s/geojson/demo_$l.geojson" "$demo/gis/district.gpkg" "$l" 2>/dev/null || true
    done
  fi
  # the named fixtures of earlier findings (every crash found so far, fixed)
  for t in "${ALL_TARGETS[@]}"; do
    [ -d "$ROOT/tests/fuzz/fixtures/$t" ] && cp "$ROOT/tests/fuzz/fixtures/$t"/* "$s/$t/" 2>/dev/null || true
  done
  return 0
}

dict_for() {
  case "$1" in
    metadata) echo "$ROOT/tests/fuzz/dicts/xml.dict" ;;
    osgb) echo "" ;;
    *) echo "$ROOT/tests/fuzz/dicts/json.dict" ;;
  esac
}

if [ "${1:-}" = "--replay" ] || [ "${1:-}" = "--minimize" ]; then
  mode="$1"; target="$2"; shift 2
  build >/dev/null
  bin="$BUILD/tests/fuzz/fuzz_$target"
  if [ "$mode" = "--replay" ]; then
    exec "$bin" -timeout="$TIMEOUT_S" -rss_limit_mb="$RSS_MB" "$@"
  fi
  out="$WORK/minimized-$(basename "$1")"
  "$bin" -minimize_crash=1 -max_total_time=120 -timeout="$TIMEOUT_S" -rss_limit_mb="$RSS_MB" \
    -exact_artifact_path="$out" "$1" || true
  echo "minimized: $out ($(stat -c %s "$out" 2>/dev/null || echo ?) bytes)"
  exit 0
fi

SECONDS_PER="${1:-120}"; [ $# -gt 0 ] && shift
TARGETS=("$@"); [ ${#TARGETS[@]} -eq 0 ] && TARGETS=("${ALL_TARGETS[@]}")

build
seed
status=0
summary=()
for t in "${TARGETS[@]}"; do
  bin="$BUILD/tests/fuzz/fuzz_$t"
  corpus="$WORK/corpus/$t"; findings="$WORK/findings/$t"
  mkdir -p "$corpus" "$findings"
  before=$(ls "$findings" | wc -l)
  args=(-max_total_time="$SECONDS_PER" -timeout="$TIMEOUT_S" -rss_limit_mb="$RSS_MB" -malloc_limit_mb="$RSS_MB"
        -max_len="${LIYUAN_FUZZ_MAX_LEN:-65536}" -print_final_stats=1 -artifact_prefix="$findings/"
        -fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1)
  d="$(dict_for "$t")"; [ -n "$d" ] && args+=(-dict="$d")
  echo "== fuzz_$t: ${SECONDS_PER}s (log: $WORK/$t.log)"
  "$bin" "${args[@]}" "$corpus" "$WORK/seeds/$t" >"$WORK/$t.log" 2>&1 || true
  after=$(ls "$findings" | wc -l)
  execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$WORK/$t.log" | tail -1 | grep -o '[0-9]*$' || true)
  [ -z "$execs" ] && execs=$(grep -o '#[0-9]*' "$WORK/$t.log" | tail -1 | tr -d '#' || true)
  summary+=("$(printf '%-16s %10s execs  corpus %5d  new findings %d' "$t" "${execs:-?}" "$(ls "$corpus" | wc -l)" $((after - before)))")
  [ "$after" -gt "$before" ] && status=1
done
echo "== summary"
printf '%s\n' "${summary[@]}"
if [ $status -ne 0 ]; then
  echo "findings (crash-*, timeout-*, oom-*) in $WORK/findings/:"
  find "$WORK/findings" -type f -newer "$WORK/seeds" | sed 's/^/  /'
fi
exit $status
