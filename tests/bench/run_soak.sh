#!/usr/bin/env bash
# Soak: a looping flight over the shared Production_5 for N minutes; RSS sampled once per second.
# Prints the linear slope of RSS (MB/min, least squares over the samples after the first
# minute, when the cache has filled) and the GUI thread's longest stall (--state-json gui.*,
# GuiStallMeter: delay of a 5 ms timer on the GUI thread beyond its period).
#
#   tests/bench/run_soak.sh [MINUTES]        (default 10)
#
# Environment (optional): LIYUAN_SHARED_DATA (default <source>/../shared/data), BUILD_DIR (default <source>/build), LIYUAN, SAMPLE, FLIGHT, SIZE
# (default 1280x720), LIYUAN_ARGS (e.g. "--texture-compression bc1"), OUT (logs folder).
# liyuan's --frames mode ends at an explicit --timeout (writing its state JSON), so the run ends
# after MINUTES with the GUI figures.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
SRC="$(cd "$HERE/../.." && pwd)"
MIN="${1:-10}"
BUILD_DIR="${BUILD_DIR:-$SRC/build}"
LIYUAN="${LIYUAN:-$BUILD_DIR/app/liyuan}"
SAMPLE="${SAMPLE:-${LIYUAN_SHARED_DATA:-$SRC/../shared/data}/osgb/Production_5}"
FLIGHT="${FLIGHT:-$HERE/production5_flight.path}"
SIZE="${SIZE:-1280x720}"
OUT="${OUT:-$(mktemp -d /tmp/liyuan-soak.XXXXXX)}"
mkdir -p "$OUT"
W="${SIZE%x*}"; H="${SIZE#*x}"
die() { echo "run_soak.sh: $*" >&2; exit 1; }
[[ -x "$LIYUAN" ]] || die "no liyuan binary at $LIYUAN"
[[ -d "$SAMPLE" ]] || die "no sample at $SAMPLE"
[[ -f "$FLIGHT" ]] || die "no flight at $FLIGHT"
command -v xvfb-run >/dev/null || die "xvfb-run not found"
SECS=$((MIN * 60))

# shellcheck disable=SC2086
XDG_CONFIG_HOME="$OUT/config" HOME="$OUT/home" xvfb-run -a -s "-screen 0 ${W}x${H}x24" \
    "$LIYUAN" --frames 10000000 --timeout "$SECS" --camera-path "$FLIGHT" --size "$SIZE" \
    --state-json "$OUT/state.json" ${LIYUAN_ARGS:-} "$SAMPLE" >"$OUT/liyuan.out" 2>"$OUT/liyuan.err" &
RUNNER=$!
PID=""
for _ in $(seq 1 100); do # xvfb-run's child: the liyuan process
  PID="$(pgrep -n -P "$(pgrep -n -P $RUNNER xvfb-run || echo $RUNNER)" liyuan 2>/dev/null || true)"
  [[ -z "$PID" ]] && PID="$(pgrep -n -f "^$LIYUAN --frames 10000000 --timeout $SECS" || true)"
  [[ -n "$PID" ]] && break
  sleep 0.1
done
[[ -n "$PID" ]] || die "liyuan did not start: $(tail -3 "$OUT/liyuan.err")"
echo "run_soak.sh: liyuan pid $PID, $MIN min, logs in $OUT" >&2
: >"$OUT/rss.tsv"
T0=$EPOCHREALTIME
while kill -0 "$PID" 2>/dev/null; do
  rss=$(awk '/^VmRSS:/{print $2}' "/proc/$PID/status" 2>/dev/null || true)
  el=$(awk -v a="$T0" -v b="$EPOCHREALTIME" 'BEGIN{printf "%.1f", b-a}')
  [[ -n "$rss" ]] && echo -e "$el\t$rss" >>"$OUT/rss.tsv"
  if awk -v e="$el" -v s="$SECS" 'BEGIN{exit !(e > s + 5)}'; then
    kill -TERM "$PID" 2>/dev/null || true # a run under 10 min: stopped here
    break
  fi
  sleep 1
done
wait $RUNNER || true

python3 - "$OUT" "$MIN" "${LIYUAN_ARGS:-}" <<'PY'
import json, os, sys
out, minutes, extra = sys.argv[1], float(sys.argv[2]), sys.argv[3]
rows = [tuple(map(float, l.split())) for l in open(os.path.join(out, "rss.tsv")) if l.strip()]
if not rows:
    sys.exit("run_soak.sh: no RSS samples")
t = [r[0] for r in rows]; mb = [r[1] / 1024 for r in rows]
use = [(a, b) for a, b in zip(t, mb) if a >= 60] or list(zip(t, mb))
n = len(use); mx = sum(a for a, _ in use) / n; my = sum(b for _, b in use) / n
sxx = sum((a - mx) ** 2 for a, _ in use)
slope = (sum((a - mx) * (b - my) for a, b in use) / sxx * 60) if sxx > 0 else 0.0
resid = [b - (my + slope / 60 * (a - mx)) for a, b in use]
sd = (sum(r * r for r in resid) / max(1, n - 2)) ** 0.5
print(f"## Soak: looping flight, {minutes:g} min {('(' + extra + ')') if extra else ''}")
print(f"- RSS samples: {len(rows)} (1/s); peak {max(mb):.0f} MB; after the first minute: mean {my:.0f} MB, "
      f"min {min(b for _, b in use):.0f}, max {max(b for _, b in use):.0f}")
print(f"- RSS slope (least squares, t >= 60 s): {slope:+.2f} MB/min (residual sd {sd:.1f} MB; "
      f"drift over the run {slope * (use[-1][0] - use[0][0]) / 60:+.1f} MB)")
p = os.path.join(out, "state.json")
if os.path.exists(p):
    s = json.load(open(p))
    g, f, tl = s.get("gui", {}), s.get("frames", {}), s.get("tiles", {})
    print(f"- GUI thread: longest stall {g.get('maxStallMs', 0):.1f} ms, stalls over 50 ms: {g.get('stallsOver50Ms', 0)}, "
          f"longest frame gap {g.get('maxFrameGapMs', 0):.1f} ms, longest streamer update {g.get('maxUpdateMs', 0):.1f} ms, "
          f"longest own frame work {g.get('maxFrameWorkMs', 0):.1f} ms (over 50 ms: {g.get('frameWorkOver50Ms', 0)})")
    print(f"- frames {f.get('count', 0)} (p50 {f.get('p50Ms', 0):.1f} ms, p95 {f.get('p95Ms', 0):.1f} ms); "
          f"tiles loaded {tl.get('loadedTotal', 0)}, evicted {tl.get('evictedTotal', 0)}; "
          f"texture bytes at the end {s.get('textures', {}).get('bytes', 0) / 2**20:.1f} MB "
          f"({s.get('textures', {}).get('compression', '?')})")
else:
    print("- no state JSON (run stopped before liyuan's own end): no GUI-stall figures")
PY
