#!/usr/bin/env bash
# Fuzzes every parser of Liyuan with libFuzzer (clang 14) under ASan+UBSan, each for a bounded time.
#
#   tests/fuzz/run_fuzz.sh [SECONDS_PER_TARGET] [TARGET...]     (default 120 s; all targets)
#   tests/fuzz/run_fuzz.sh --replay TARGET FILE...                run inputs once (a fixed bug stays fixed)
#   tests/fuzz/run_fuzz.sh --minimize TARGET FILE                 shrink a crash/timeout input
#
# Targets: metadata osgb project registry payloadmapping payload eventmapping cityjson geojson
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
DATA="${LIYUAN_SHARED_DATA:-$ROOT/../shared/data}"   # the build's LIYUAN_SHARED_DATA when it is configured
ALL_TARGETS=(metadata osgb project registry payloadmapping payload eventmapping cityjson geojson)
TIMEOUT_S="${LIYUAN_FUZZ_TIMEOUT:-10}"   # one input running longer is a hang
RSS_MB="${LIYUAN_FUZZ_RSS_MB:-2048}"     # resident memory of the whole process
MALLOC_MB="${LIYUAN_FUZZ_MALLOC_MB:-2048}"  # one allocation larger than this is a finding

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
  if [ -z "${LIYUAN_SHARED_DATA:-}" ]; then
    local cached
    cached="$(sed -n 's/^LIYUAN_SHARED_DATA:PATH=//p' "$BUILD/CMakeCache.txt")"
    [ -n "$cached" ] && DATA="$cached"
  fi
  [ -d "$DATA" ] || echo "note: no shared sample data at $DATA: seeds from the demo district only" >&2
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
    cp "$f" "$s/osgb/$(basename "$f")"; done || true
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
    key = m["topic"]
    if key in seen:
        continue
    seen.add(key)
    with open(f"{sys.argv[2]}/feed{len(seen)}", "w", encoding="utf-8") as f:
        f.write(m["topic"] + "\n" + p)
    if len(seen) >= 20:
        break
PY
  # event mappings and "topic\npayload" event messages (the demo's, when it has them, and the contract's)
  [ -f "$demo/iot/events.json" ] && cp "$demo/iot/events.json" "$s/eventmapping/demo.json"
  cat >"$s/eventmapping/contract.json" <<'JSON'
{ "type": "LiyuanEventMapping", "version": 1,
  "rules": [ { "topic": "liyuan/demo/events", "id": "id", "type": "type",
               "x": "position.x", "y": "position.y", "z": "position.z", "crs": "EPSG:4549",
               "time": "time", "severity": "severity", "text": "text" },
             { "topic": "city/+/alerts", "id": "meta.ref", "type": "kind", "x": "loc.0", "y": "loc.1", "crs": {"path": "srs"} } ] }
JSON
  printf '%s\n%s' 'liyuan/demo/events' '{"id":"ev-0001","type":"fire","position":{"x":528712.4,"y":3992131.8},"time":"2026-05-04T09:30:00Z","severity":"high","text":"Smoke"}' >"$s/eventmapping/msg1"
  printf '%s\n%s' 'city/qd/alerts' '{"meta":{"ref":"A-7"},"kind":"flood","loc":[120.32,36.06],"srs":"EPSG:4326","level":3}' >"$s/eventmapping/msg2"
  printf '%s\n%s' 'local/x' '{"id":"p","type":"t","x":-5,"y":6.5,"z":-1}' >"$s/eventmapping/msg3"
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

# OSG's serializers (osgdb_serializers_osg, not ours) reserve whatever element count a hostile
# .osgb claims before the read runs out of bytes: gigabytes of untouched virtual memory, then
# OsgbReader's "truncated or corrupt" error. Without ASan that costs nothing (overcommit); the
# osgb target allows such allocations so that it finds other problems (see README, Fuzzing).
limits_for() {
  case "$1" in
    osgb) echo "-malloc_limit_mb=65536 -rss_limit_mb=$((RSS_MB * 2))" ;;
    *) echo "-malloc_limit_mb=$MALLOC_MB -rss_limit_mb=$RSS_MB" ;;
  esac
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
    # shellcheck disable=SC2046
    exec "$bin" -timeout="$TIMEOUT_S" $(limits_for "$target") "$@"
  fi
  out="$WORK/minimized-$(basename "$1")"
  # shellcheck disable=SC2046
  "$bin" -minimize_crash=1 -max_total_time=120 -timeout="$TIMEOUT_S" $(limits_for "$target") \
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
  # shellcheck disable=SC2207
  args=(-timeout="$TIMEOUT_S" $(limits_for "$t") -print_final_stats=1 -artifact_prefix="$findings/")
  [ -n "${LIYUAN_FUZZ_MAX_LEN:-}" ] && args+=(-max_len="$LIYUAN_FUZZ_MAX_LEN")
  d="$(dict_for "$t")"; [ -n "$d" ] && args+=(-dict="$d")
  echo "== fuzz_$t: ${SECONDS_PER}s (log: $WORK/$t.log)"
  : >"$WORK/$t.log"
  # libFuzzer stops at the first crash: start it again on the grown corpus until the time is up
  end=$(( $(date +%s) + SECONDS_PER ))
  while :; do
    left=$(( end - $(date +%s) ))
    [ "$left" -le 0 ] && break
    "$bin" "${args[@]}" -max_total_time="$left" "$corpus" "$WORK/seeds/$t" >>"$WORK/$t.log" 2>&1 || true
    # an input of the corpus that crashes would stop every restart at once: take it out
    # (corpus files and artifacts are both named by the SHA-1 of their bytes)
    for f in "$findings"/*; do
      [ -f "$f" ] && rm -f "$corpus/${f##*-}" "$WORK/seeds/$t/${f##*-}"
    done
    find "$WORK/seeds/$t" -type f -exec sha1sum {} + | while read -r h f; do
      [ -n "$(ls "$findings" | grep -- "-$h$" || true)" ] && rm -f "$f"; done || true
  done
  after=$(ls "$findings" | wc -l)
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$WORK/$t.log" | awk '{s+=$1} END {print s+0}')
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
