#!/usr/bin/env bash
# sync: (1) follower skew on loopback — a leader flying the Production_5 camera path and two
# followers over a private mosquitto; skew = leader's current frame (its newest published frame at
# the follower's apply time, CLOCK_MONOTONIC from the --sync-log files) minus the applied frame,
# and the follower's own skew in ms (wall clock at apply − leader's wall clock at publish).
# (2) frame time of a 2×2 wall on one machine (the launcher: leader + 4 follower windows of
# 640×360) against one window of 1280×720, same camera path. Prints a Markdown table.
#
#   tests/bench/run_sync_bench.sh [N_FRAMES]     (default 300)
# Environment: BUILD_DIR, LIYUAN, DATA (default $LIYUAN_SHARED_DATA/osgb/Production_5), OUT.
# Runs under xvfb-run when there is no DISPLAY.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
SRC="$(cd "$HERE/../.." && pwd)"
FRAMES="${1:-300}"
BUILD_DIR="${BUILD_DIR:-$SRC/build}"
LIYUAN="${LIYUAN:-$BUILD_DIR/app/liyuan}"
DATA="${DATA:-${LIYUAN_SHARED_DATA:-/work/shared/data}/osgb/Production_5}"
PATHFILE="$HERE/production5_flight.path"
OUT="${OUT:-$(mktemp -d)}"
mkdir -p "$OUT"
if [ -z "${DISPLAY:-}" ]; then
  exec xvfb-run -a -s "-screen 0 2600x1600x24" "$0" "$@"
fi
command -v mosquitto >/dev/null || PATH="$PATH:/usr/sbin"
command -v mosquitto >/dev/null || { echo "mosquitto is not installed" >&2; exit 2; }

# --- (1) skew: private broker, two followers, one leader ---
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
printf 'listener %s 127.0.0.1\nallow_anonymous true\npersistence false\n' "$PORT" > "$OUT/mosquitto.conf"
[ "$(id -u)" = 0 ] && echo "user root" >> "$OUT/mosquitto.conf"
mosquitto -c "$OUT/mosquitto.conf" 2>"$OUT/mosquitto.log" & BROKER=$!
FOLLOWERS=()
cleanup() { kill "${FOLLOWERS[@]}" "$BROKER" 2>/dev/null || true; }
trap cleanup EXIT
sleep 0.5
URL="tcp://127.0.0.1:$PORT"
for f in f1 f2; do
  "$LIYUAN" "$DATA" --follow "$URL" --wall-id bench --size 640x360 --state-json "$OUT/$f.json" --sync-log "$OUT/$f.log" \
      >"$OUT/$f.out" 2>&1 & FOLLOWERS+=($!)
done
sleep 8
"$LIYUAN" "$DATA" --lead "$URL" --wall-id bench --camera-path "$PATHFILE" --frames "$FRAMES" --size 640x360 \
    --sync-log "$OUT/lead.log" >"$OUT/lead.out" 2>&1
sleep 1.5
kill "${FOLLOWERS[@]}" 2>/dev/null || true
FOLLOWERS=()

# --- (2) 2x2 wall of 640x360 (launcher) vs one 1280x720 window ---
cat > "$OUT/wall2x2.json" <<JSON
{"wall":"bench2x2","screens":[
 {"id":"a","row":0,"col":0,"size":[1000,562.5],"geometry":[0,0,640,360]},
 {"id":"b","row":0,"col":1,"size":[1000,562.5],"geometry":[640,0,640,360]},
 {"id":"c","row":1,"col":0,"size":[1000,562.5],"geometry":[0,400,640,360]},
 {"id":"d","row":1,"col":1,"size":[1000,562.5],"geometry":[640,400,640,360]}]}
JSON
mkdir -p "$OUT/wall"
"$LIYUAN" "$DATA" --camera-path "$PATHFILE" --frames "$FRAMES" --size 1280x720 >"$OUT/single.out" 2>&1
"$LIYUAN" "$DATA" --wall "$OUT/wall2x2.json" --camera-path "$PATHFILE" --frames "$FRAMES" --size 640x360 \
    --follower-state-dir "$OUT/wall" >"$OUT/wall.out" 2>&1

python3 - "$OUT" <<'PY'
import bisect, json, sys, os
out = sys.argv[1]
def log(name):
    rows = []
    for line in open(os.path.join(out, name)):
        p = line.split()
        if len(p) == 4: rows.append((p[1], int(p[2]), float(p[3])))
    return rows
def pct(v, p):
    v = sorted(v); return v[min(len(v) - 1, int(p * (len(v) - 1) + 0.5))] if v else float('nan')
lead = log('lead.log'); times = [r[2] for r in lead]; sess = lead[0][0]
print("| measure | p50 | p95 | max | samples |\n|---|---|---|---|---|")
for f in ('f1', 'f2'):
    sk = []
    for s, fr, t in log(f + '.log'):
        if s != sess: continue
        i = bisect.bisect_right(times, t) - 1
        if i >= 0: sk.append(lead[i][1] - fr)
    st = json.load(open(os.path.join(out, f + '.json')))['sync']
    print(f"| follower {f} skew, leader frames (logs) | {pct(sk,.5):.0f} | {pct(sk,.95):.0f} | {max(sk):.0f} | {len(sk)} |")
    ms = st['skewMs']
    print(f"| follower {f} skew, ms (pose age at apply) | {ms['p50']:.1f} | {ms['p95']:.1f} | {ms['max']:.1f} | {ms['samples']} |")
def frames(path):
    for line in open(path):
        if line.startswith('frames '): return line.strip()
    return '(no frames line)'
print()
print("single 1280x720 window:", frames(os.path.join(out, 'single.out')))
print("2x2 wall, leader console 640x360:", frames(os.path.join(out, 'wall.out')))
for s in 'abcd':
    p = os.path.join(out, 'wall', s + '.json')
    if os.path.exists(p):
        st = json.load(open(p))['sync']; fm = st['frameMs']
        print(f"2x2 wall follower {s} (640x360): frame ms p50 {fm['p50']:.2f} p95 {fm['p95']:.2f} ({fm['samples']} frames), "
              f"skew frames p95 {st['skewFrames']['p95']:.0f}")
PY
echo "logs: $OUT"
