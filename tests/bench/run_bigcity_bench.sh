#!/usr/bin/env bash
# generate-city: a synthetic city (default 30 km², 10 levels) — how long generating it takes, its
# file count and size; then time to first frame, time to full detail and peak RSS at two fixed
# views, opened locally and by URL from a real nginx (loopback) with a cold and a warm disk cache;
# and osgviewer on the same local files as the peer (full detail and peak RSS). Prints Markdown.
#
#   tests/bench/run_bigcity_bench.sh
#
# Environment (all optional):
#   BUILD_DIR  build tree holding app/liyuan and tests/bench/libbench_swaptimes.so (default <source>/build)
#   CITY       the city folder (default /tmp/liyuan-bigcity/city<AREA>); generated when not complete
#   AREA LEVELS TILE SEED   generate-city options (default 30 10 500 1)
#   REPEAT     runs per case (default 3; the table gives the median)
#   OSG        1 (default): also run osgviewer; 0 to skip
#   OSG_FRAMES frames osgviewer runs at a view (default 900; its full detail must come before the end)
#   OUT        folder for logs (default: a new mktemp -d)
#
# Views (OSG AnimationPath files with one pose, local frame = the city's SRS-local metres):
#   overview  the whole city from the south at 45° down (the framing of liyuan's home view)
#   street    250 m up, 600 m south of the centre, looking north 30° down: the deep levels load
# Measures, each in a fresh process under Xvfb (1280x720):
#   first frame  first buffer swap after exec (libbench_swaptimes.so; same clock as the launcher)
#   full detail  liyuan: the last swap of a --screenshot run (it quits once no load is pending
#                for the view) since exec; "settle after window" is its own "settled in X ms"
#                (clock started once the window exists, start-up excluded); osgviewer: last .osgb opened (strace) since exec, in a run of
#                OSG_FRAMES frames at the same pose (its DatabasePager has no "settled" signal)
#   peak RSS     /usr/bin/time -v
# "cold" wipes liyuan's disk cache before each run; "warm" reuses the cache the cold run filled
# (the files themselves stay in the OS page cache in every case: no root to drop it).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
SRC="$(cd "$HERE/../.." && pwd)"
BUILD_DIR="${BUILD_DIR:-$SRC/build}"
LIYUAN="${LIYUAN:-$BUILD_DIR/app/liyuan}"
SHIM="${SHIM:-$BUILD_DIR/tests/bench/libbench_swaptimes.so}"
AREA="${AREA:-30}"; LEVELS="${LEVELS:-10}"; TILE="${TILE:-500}"; SEED="${SEED:-1}"
CITY="${CITY:-/tmp/liyuan-bigcity/city$AREA}"
REPEAT="${REPEAT:-3}"
OSG="${OSG:-1}"
OSG_FRAMES="${OSG_FRAMES:-900}"
OUT="${OUT:-$(mktemp -d /tmp/liyuan-bigcity-bench.XXXXXX)}"
die() { echo "run_bigcity_bench.sh: $*" >&2; exit 1; }
[[ -x "$LIYUAN" ]] || die "no liyuan at $LIYUAN"
[[ -f "$SHIM" ]] || die "no $SHIM (build it: cmake --build $BUILD_DIR --target bench_swaptimes)"
[[ -x /usr/bin/time ]] || die "/usr/bin/time not found"
NGINX="$(command -v nginx || echo /usr/sbin/nginx)"
[[ -x "$NGINX" ]] || die "nginx not found"
mkdir -p "$OUT" "$(dirname "$CITY")"

# --- the city ------------------------------------------------------------------------------
GEN="reused (complete)"
if [[ ! -f "$CITY/.liyuan-city-complete" ]]; then
  /usr/bin/time -v -o "$OUT/generate.time" "$LIYUAN" generate-city "$CITY" --area-km2 "$AREA" --levels "$LEVELS" \
      --tile-size "$TILE" --seed "$SEED" > "$OUT/generate.log" 2>&1 || die "generate-city failed: $(tail -3 "$OUT/generate.log")"
  GEN="$(sed -n 's/.*Elapsed (wall clock) time.*: //p' "$OUT/generate.time") wall, $(sed -n 's/.*Percent of CPU this job got: //p' "$OUT/generate.time") CPU, peak RSS $(( $(sed -n 's/.*Maximum resident set size (kbytes): //p' "$OUT/generate.time") / 1024 )) MB"
fi
CITY="$(cd "$CITY" && pwd)"
stamp() { sed -n "s/^$1=//p" "$CITY/.liyuan-city-complete"; }
FILES="$(stamp files)"; BYTES="$(stamp bytes)"; TRIS="$(stamp triangles)"; PER_SIDE="$(stamp tilesPerSide)"
TILE_M="$(stamp tileSize)"; LEVELS_GOT="$(stamp levels)"
W="$(python3 -c "print($PER_SIDE*$TILE_M)")"
DU="$(du -sm "$CITY" | cut -f1)"

# --- views -----------------------------------------------------------------------------------
python3 - "$W" "$OUT" <<'PY'
import sys
w = float(sys.argv[1]); out = sys.argv[2]
poses = {
    "overview": (w / 2, -0.425 * w, 0.983 * w, 0.3826834, 0.9238795),   # 45° down, looking north
    "street": (w / 2, w / 2 - 600, 250.0, 0.5, 0.8660254),               # 30° down, looking north
}
for name, (x, y, z, qx, qw) in poses.items():
    with open(f"{out}/{name}.path", "w") as f:
        for t in (0.0, 100.0):
            f.write(f"{t:.2f} {x:.3f} {y:.3f} {z:.3f} {qx:.7f} 0 0 {qw:.7f}\n")
PY

# --- nginx -----------------------------------------------------------------------------------
mkdir -p "$OUT/www" "$OUT/nginx/logs" "$OUT/nginx/tmp"
ln -sfn "$CITY" "$OUT/www/city"
PORT="$(python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])')"
USER_LINE=""; [[ "$(id -u)" == 0 ]] && USER_LINE="user root;"
cat > "$OUT/nginx/nginx.conf" <<CONF
$USER_LINE
worker_processes 1;
error_log $OUT/nginx/logs/error.log warn;
pid $OUT/nginx/logs/nginx.pid;
events { worker_connections 256; }
http {
  access_log $OUT/nginx/logs/access.log;
  client_body_temp_path $OUT/nginx/tmp/body; proxy_temp_path $OUT/nginx/tmp/proxy;
  fastcgi_temp_path $OUT/nginx/tmp/fcgi; uwsgi_temp_path $OUT/nginx/tmp/uwsgi; scgi_temp_path $OUT/nginx/tmp/scgi;
  server { listen 127.0.0.1:$PORT; root $OUT/www; location / { autoindex on; } }
}
CONF
"$NGINX" -p "$OUT/nginx" -c "$OUT/nginx/nginx.conf" -g 'daemon off;' &
NGINX_PID=$!
trap 'kill $NGINX_PID 2>/dev/null || true' EXIT
for _ in $(seq 50); do (echo > /dev/tcp/127.0.0.1/$PORT) 2>/dev/null && break; sleep 0.1; done

# --- runs ------------------------------------------------------------------------------------
XVFB=(xvfb-run -a -s "-screen 0 1280x720x24")
# exec's the command after writing CLOCK_MONOTONIC: the swap shim's clock
LAUNCH=(python3 -c 'import os,sys,time; open(sys.argv[1],"w").write(repr(time.monotonic())); os.execvp(sys.argv[2], sys.argv[2:])')
median() { sort -n | awk '{a[NR]=$1} END {if (NR==0) print "-"; else print a[int((NR+1)/2)]}'; }
first_ms() { python3 - "$1" "$2" "${3:-0}" <<'PY'
import sys
try:
    start = float(open(sys.argv[1]).read()); swaps = [float(l) for l in open(sys.argv[2]) if l.strip()]
    print(round((swaps[-1 if sys.argv[3] == "1" else 0] - start) * 1000) if swaps else "-")
except Exception:
    print("-")
PY
}
rss_mb() { awk -F': ' '/Maximum resident/ {printf "%d\n", $2/1024}' "$1"; }
json_field() { python3 -c "import json,sys; t=json.load(open(sys.argv[1]))['tiles']; print(t.get(sys.argv[2],'-'))" "$1" "$2" 2>/dev/null || echo -; }

declare -A RES
liyuan_case() { # name location view cachemode(cold|warm|none)
  local name="$1" loc="$2" view="$3" mode="$4"
  local cache="$OUT/cache-$view"
  for k in first full settle rss tiles depth; do : > "$OUT/$name.$view.$k"; done
  for r in $(seq "$REPEAT"); do
    [[ "$mode" == cold ]] && rm -rf "$cache"
    local p="$OUT/$name.$view.$r"
    XDG_CONFIG_HOME="$OUT/config" "${XVFB[@]}" /usr/bin/time -v -o "$p.time" \
        env LD_PRELOAD="$SHIM" BENCH_SWAPTIMES_OUT="$p.swaps" "${LAUNCH[@]}" "$p.start" \
        "$LIYUAN" --size 1280x720 --timeout 600 --disk-cache-dir "$cache" --disk-cache-mb 8192 \
        --camera-path "$OUT/$view.path" --time 0 --screenshot "$p.png" --state-json "$p.json" "$loc" > "$p.log" 2>&1 || true
    first_ms "$p.start" "$p.swaps" >> "$OUT/$name.$view.first"
    # full detail since exec: the last swap (--screenshot quits once the view settled; an unsettled view has no figure)
    if grep -q "settled yes" "$p.log"; then first_ms "$p.start" "$p.swaps" 1 >> "$OUT/$name.$view.full"; fi
    sed -n 's/.*settled yes in \([0-9]*\) ms.*/\1/p' "$p.log" | tail -1 >> "$OUT/$name.$view.settle"
    rss_mb "$p.time" >> "$OUT/$name.$view.rss"
    json_field "$p.json" drawn >> "$OUT/$name.$view.tiles"
    json_field "$p.json" maxDepthDrawn >> "$OUT/$name.$view.depth"
  done
  for k in first full settle rss tiles depth; do RES[$name.$view.$k]="$(median < "$OUT/$name.$view.$k")"; done
}
ROOTS=()
for d in "$CITY"/Data/Tile_*/; do d="${d%/}"; [[ -f "$d/${d##*/}.osgb" ]] && ROOTS+=("$d/${d##*/}.osgb"); done
osg_case() { # view
  local view="$1"
  for k in first full rss files; do : > "$OUT/osg.$view.$k"; done
  for r in $(seq "$REPEAT"); do
    local p="$OUT/osg.$view.$r"
    "${XVFB[@]}" /usr/bin/time -v -o "$p.time" \
        strace -f --seccomp-bpf -qq -ttt -e trace=openat,execve -e signal=none -o "$p.strace" \
        env LD_PRELOAD="$SHIM" BENCH_SWAPTIMES_OUT="$p.swaps" \
        OSG_RUN_FRAME_COUNT="$OSG_FRAMES" OSG_NUM_DATABASE_THREADS=2 OSG_NUM_HTTP_DATABASE_THREADS=0 \
        OSG_SCREEN_DISTANCE=0.5 OSG_SCREEN_HEIGHT=0.414214 OSG_SCREEN_WIDTH=0.736381 \
        "${LAUNCH[@]}" "$p.start" osgviewer --window 0 0 1280 720 -p "$OUT/$view.path" "${ROOTS[@]}" > "$p.log" 2>&1 || true
    first_ms "$p.start" "$p.swaps" >> "$OUT/osg.$view.first"
    python3 - "$p.strace" "$p.swaps" "$OSG_FRAMES" >> "$OUT/osg.$view.full" <<'PY'
import re, sys
t0 = None; last = None; files = set()
for l in open(sys.argv[1]):
    m = re.match(r'\s*\d+\s+([\d.]+)\s+(\w+)\((?:AT_FDCWD, )?"([^"]*)"', l)
    if not m: continue
    t = float(m.group(1))
    if m.group(2) == "execve" and t0 is None: t0 = t
    if m.group(3).endswith(".osgb") and "= -1" not in l:
        files.add(m.group(3)); last = t
# (the last file read must come well before the run ended: compare with the .swaps file)
print(round((last - t0) * 1000) if (t0 and last) else "-")
open(sys.argv[1] + ".files", "w").write(str(len(files)))
PY
    rss_mb "$p.time" >> "$OUT/osg.$view.rss"
    cat "$p.strace.files" >> "$OUT/osg.$view.files"; echo >> "$OUT/osg.$view.files"
  done
  for k in first full rss files; do RES[osg.$view.$k]="$(median < "$OUT/osg.$view.$k")"; done
}

BASE="http://127.0.0.1:$PORT/city/"
for view in overview street; do
  liyuan_case local "$CITY" "$view" none
  liyuan_case http-cold "$BASE" "$view" cold
  liyuan_case http-warm "$BASE" "$view" warm
  [[ "$OSG" == 1 ]] && osg_case "$view"
done

echo "Synthetic city: $(stamp areaKm2) km² asked, ${PER_SIDE}x${PER_SIDE} tile blocks of ${TILE_M} m ($W m square), $LEVELS_GOT levels,"
echo "$FILES .osgb files, $(python3 -c "print(round($BYTES/1048576))") MB of tiles ($DU MB on disk), $TRIS triangles; generation: $GEN."
echo
echo "| view | case | first frame (ms) | full detail (ms) | settle after window (ms) | peak RSS (MB) | tiles drawn | deepest level drawn |"
echo "|---|---|---|---|---|---|---|---|"
for view in overview street; do
  for c in local http-cold http-warm; do
    echo "| $view | liyuan $c | ${RES[$c.$view.first]} | ${RES[$c.$view.full]} | ${RES[$c.$view.settle]} | ${RES[$c.$view.rss]} | ${RES[$c.$view.tiles]} | ${RES[$c.$view.depth]} |"
  done
  [[ "$OSG" == 1 ]] && echo "| $view | osgviewer local | ${RES[osg.$view.first]} | ${RES[osg.$view.full]} (last .osgb read) | - | ${RES[osg.$view.rss]} | ${RES[osg.$view.files]} files read | - |"
done
echo
echo "median of $REPEAT runs; nginx requests: $(wc -l < "$OUT/nginx/logs/access.log"); load $(cut -d' ' -f1-3 /proc/loadavg); logs in $OUT"
