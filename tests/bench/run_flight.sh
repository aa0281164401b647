#!/usr/bin/env bash
# Flight benchmark: liyuan vs osgviewer, same camera path, same frame count, same window, both
# on Mesa llvmpipe under Xvfb. Prints a Markdown report on stdout; raw logs stay in $OUT.
#
#   tests/bench/run_flight.sh [N_FRAMES]            (default 400)
#
# Environment (all optional):
#   BUILD_DIR     build tree holding app/liyuan and tests/bench/libbench_swaptimes.so
#                 (default /work/build-bench)
#   LIYUAN        the liyuan binary (default $BUILD_DIR/app/liyuan)
#   SAMPLE        ContextCapture production folder (default <source>/../shared/data/osgb/Production_5)
#   FLIGHT        camera path (default tests/bench/production5_flight.path)
#   SIZE          window size WxH (default 1280x720)
#   LIYUAN_ARGS   extra liyuan options, e.g. "--max-loads 1"
#   OSG_THREADS   osgviewer DatabasePager threads reading local files (default 2 = liyuan's
#                 default --max-loads); set as OSG_NUM_DATABASE_THREADS=N, OSG_NUM_HTTP_DATABASE_THREADS=0
#   OUT           folder for logs (default: a new mktemp -d)
#   ONLY          "liyuan" or "osg": run one side only
#   STRACE        1 (default): count the .osgb files each viewer opens (strace --seccomp-bpf,
#                 openat only, on both sides alike: negligible overhead); 0 to skip
#   REPEAT        runs of each viewer, alternating liyuan / osgviewer (default 3); the report
#                 gives the median and the range. The machine is shared: wall times drift, so
#                 compare the CPU time per frame too.
#
# How each side is measured:
#   - frame times: libbench_swaptimes.so (LD_PRELOAD) timestamps every glXSwapBuffers of
#     either program; the last N swap-to-swap intervals are the flight's frames. liyuan also
#     reports its own frame times (afterAnimating to afterAnimating) and tiles loaded.
#   - peak RSS and process wall time (start-up and root loading included): /usr/bin/time -v.
#   - flight wall time: liyuan's flight clock (starts once the root tiles are in); for
#     osgviewer, first to last swap. osgviewer's AnimationPathManipulator starts the path at
#     its first frame (init() -> home() sets the time offset at frame 1; the roots are read
#     before, synchronously), liyuan at the first frame whose roots are ready: same origin.
#   - osgviewer's field of view is set to liyuan's 45 degrees (OSG_SCREEN_HEIGHT/DISTANCE;
#     its default, from a 0.26 m screen at 0.5 m, is 29 degrees) so both pick the same
#     PIXEL_SIZE_ON_SCREEN levels along the path.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
SRC="$(cd "$HERE/../.." && pwd)"
N="${1:-400}"
BUILD_DIR="${BUILD_DIR:-/work/build-bench}"
LIYUAN="${LIYUAN:-$BUILD_DIR/app/liyuan}"
SHIM="${SHIM:-$BUILD_DIR/tests/bench/libbench_swaptimes.so}"
SAMPLE="${SAMPLE:-$SRC/../shared/data/osgb/Production_5}"
FLIGHT="${FLIGHT:-$HERE/production5_flight.path}"
SIZE="${SIZE:-1280x720}"
OSG_THREADS="${OSG_THREADS:-2}"
STRACE="${STRACE:-1}"
ONLY="${ONLY:-}"
REPEAT="${REPEAT:-3}"
OUT="${OUT:-$(mktemp -d /tmp/liyuan-flight.XXXXXX)}"
mkdir -p "$OUT"
W="${SIZE%x*}"
H="${SIZE#*x}"

die() { echo "run_flight.sh: $*" >&2; exit 1; }
[[ -x "$LIYUAN" ]] || die "no liyuan binary at $LIYUAN (build it: ninja -C $BUILD_DIR liyuan)"
[[ -f "$SHIM" ]] || die "no $SHIM (build it: ninja -C $BUILD_DIR bench_swaptimes)"
[[ -d "$SAMPLE" ]] || die "no sample at $SAMPLE"
[[ -f "$FLIGHT" ]] || die "no flight at $FLIGHT"
command -v osgviewer >/dev/null || die "osgviewer not found"
command -v xvfb-run >/dev/null || die "xvfb-run not found"
[[ -x /usr/bin/time ]] || die "/usr/bin/time not found (apt-get install time)"
SAMPLE="$(cd "$SAMPLE" && pwd)"
mapfile -t ROOTS < <(find "$SAMPLE/Data" -mindepth 2 -maxdepth 2 -name 'Tile_*.osgb' | sort \
    | while read -r f; do d="$(basename "$(dirname "$f")")"; [[ "$(basename "$f")" == "$d.osgb" ]] && echo "$f"; done)
[[ ${#ROOTS[@]} -gt 0 ]] || die "no root tiles under $SAMPLE/Data"

TRACE=()
if [[ "$STRACE" == 1 ]] && command -v strace >/dev/null; then
  TRACE=(strace -f --seccomp-bpf -qq -e trace=openat -e signal=none -o)
fi
XVFB=(xvfb-run -a -s "-screen 0 ${W}x${H}x24")

run_liyuan() { # $1: folder for this run's logs
  local d="$1"
  # shellcheck disable=SC2086
  XDG_CONFIG_HOME="$d/config" "${XVFB[@]}" /usr/bin/time -v -o "$d/liyuan.time" \
      "${TRACE[@]/%/}" ${TRACE[0]:+"$d/liyuan.strace"} \
      env LD_PRELOAD="$SHIM" BENCH_SWAPTIMES_OUT="$d/liyuan.swaps" \
      "$LIYUAN" --frames "$N" --camera-path "$FLIGHT" --size "$SIZE" --state-json "$d/liyuan.json" \
      ${LIYUAN_ARGS:-} "$SAMPLE" >"$d/liyuan.out" 2>"$d/liyuan.err" \
      || die "liyuan failed: $(tail -3 "$d/liyuan.err")"
}

run_osg() { # $1: folder for this run's logs
  local d="$1"
  # field of view 45 degrees like liyuan: vfov = 2 atan(height/2 / distance)
  "${XVFB[@]}" /usr/bin/time -v -o "$d/osg.time" \
      "${TRACE[@]/%/}" ${TRACE[0]:+"$d/osg.strace"} \
      env LD_PRELOAD="$SHIM" BENCH_SWAPTIMES_OUT="$d/osg.swaps" \
      OSG_RUN_FRAME_COUNT="$N" OSG_NUM_DATABASE_THREADS="$OSG_THREADS" OSG_NUM_HTTP_DATABASE_THREADS=0 \
      OSG_SCREEN_DISTANCE=0.5 OSG_SCREEN_HEIGHT=0.414214 OSG_SCREEN_WIDTH="$(python3 -c "print(0.414214*$W/$H)")" \
      osgviewer --window 0 0 "$W" "$H" -p "$FLIGHT" "${ROOTS[@]}" >"$d/osg.out" 2>"$d/osg.err" \
      || die "osgviewer failed: $(tail -3 "$d/osg.err")"
}

LOAD0="$(cut -d' ' -f1-3 /proc/loadavg)"
for ((r = 1; r <= REPEAT; ++r)); do
  d="$OUT/run$r"
  rm -rf "$d"
  mkdir -p "$d"
  echo "run_flight.sh: run $r/$REPEAT ($N frames) -> $d" >&2
  [[ "$ONLY" == osg ]] || run_liyuan "$d"
  [[ "$ONLY" == liyuan ]] || run_osg "$d"
done
LOAD1="$(cut -d' ' -f1-3 /proc/loadavg)"

# --- report -------------------------------------------------------------------------------
python3 - "$OUT" "$N" "$SIZE" "$OSG_THREADS" "$SAMPLE" "$FLIGHT" "${LIYUAN_ARGS:-}" "$REPEAT" "$LOAD0" "$LOAD1" <<'PY'
import json, os, re, statistics, sys

out, n, size, osg_threads, sample, flight, extra, repeat, load0, load1 = sys.argv[1:11]
n, repeat = int(n), int(repeat)

def pct(v, p):
    s = sorted(v)
    return s[min(len(s) - 1, int(p * (len(s) - 1) + 0.5))]

def swaps(d, name):
    p = os.path.join(d, name + ".swaps")
    if not os.path.exists(p):
        return {}
    t = [float(x) for x in open(p).read().split()][-(n + 1):]  # the flight: the last N frames
    iv = [(b - a) * 1e3 for a, b in zip(t, t[1:])]
    if not iv:
        return {}
    wall = t[-1] - t[0]
    return {"swapWall": wall, "fps": len(iv) / wall, "mean": sum(iv) / len(iv), "p50": pct(iv, .5),
            "p95": pct(iv, .95), "max": max(iv), "firstMs": iv[0], "frames": len(iv)}

def gnutime(d, name):
    p = os.path.join(d, name + ".time")
    if not os.path.exists(p):
        return {}
    txt = open(p).read()
    def field(label):
        return re.search(re.escape(label) + r":\s*(.+)", txt).group(1).strip()
    secs = 0.0
    for part in field("Elapsed (wall clock) time (h:mm:ss or m:ss)").split(":"):
        secs = secs * 60 + float(part)
    cpu = float(field("User time (seconds)")) + float(field("System time (seconds)"))
    return {"procWall": secs, "rssMB": int(field("Maximum resident set size (kbytes)")) / 1024.0,
            "cpuS": cpu, "cpuPct": float(field("Percent of CPU this job got").rstrip("%"))}

def tiles(d, name):
    r = {}
    p = os.path.join(d, name + ".strace")
    if os.path.exists(p):
        ok = set()
        for line in open(p):
            m = re.search(r'openat\([^"]*"([^"]+\.osgb)"', line)
            if m and "ENOENT" not in line:
                ok.add(m.group(1))
        r["opened"] = len(ok)
    p = os.path.join(d, name + ".err")
    if os.path.exists(p):
        hits = [re.search(r"(\S+\.osgb)", l).group(1) for l in open(p) if "file not found" in l and ".osgb" in l]
        r["absentRequests"], r["absentFiles"] = len(hits), len(set(hits))
    return r

runs = []
for r in range(1, repeat + 1):
    d = os.path.join(out, f"run{r}")
    run = {}
    for name in ("liyuan", "osg"):
        m = {**swaps(d, name), **gnutime(d, name), **tiles(d, name)}
        if name == "liyuan" and os.path.exists(os.path.join(d, "liyuan.json")):
            fr = json.load(open(os.path.join(d, "liyuan.json"))).get("frames", {})
            m.update({"flightWall": fr.get("wallSeconds"), "ownP50": fr.get("p50Ms"), "ownP95": fr.get("p95Ms"),
                      "ownMax": fr.get("maxMs"), "tilesLoaded": fr.get("tilesLoaded"),
                      "guiMaxMs": fr.get("maxGuiUpdateMs")})
        elif name == "osg" and m.get("swapWall"):
            m["flightWall"] = m["swapWall"]
        if m.get("cpuS") is not None and m.get("frames"):
            m["cpuMsPerFrame"] = m["cpuS"] * 1e3 / n
        run[name] = m
    runs.append(run)

def agg(name, key):
    v = [r[name][key] for r in runs if r[name].get(key) is not None]
    return (statistics.median(v), min(v), max(v)) if v else None

def cell(a, fmt):
    if a is None:
        return "n/a"
    m, lo, hi = a
    return fmt.format(m) if repeat == 1 or lo == hi else f"{fmt.format(m)} ({fmt.format(lo)}–{fmt.format(hi)})"

def ratio(key, invert=False):
    # median of the per-run ratios (runs are paired: liyuan then osgviewer, back to back)
    v = [r["liyuan"][key] / r["osg"][key] for r in runs
         if r["liyuan"].get(key) is not None and r["osg"].get(key)]
    return "n/a" if not v else "{:.2f}x".format(statistics.median(v))

rows = [
    ("flight wall time, s", "flightWall", "{:.2f}"),
    ("frames per second", "fps", "{:.1f}"),
    ("frame ms, mean", "mean", "{:.1f}"),
    ("frame ms, p50", "p50", "{:.1f}"),
    ("frame ms, p95", "p95", "{:.1f}"),
    ("frame ms, max", "max", "{:.0f}"),
    ("CPU ms per frame (whole process: user+sys / N)", "cpuMsPerFrame", "{:.1f}"),
    ("CPU use, % of one core", "cpuPct", "{:.0f}"),
    ("process wall time (start-up, roots, flight), s", "procWall", "{:.2f}"),
    ("peak RSS, MB", "rssMB", "{:.0f}"),
    ("tile files opened", "opened", "{:.0f}"),
    ("absent child files: requests", "absentRequests", "{:.0f}"),
]
print(f"### Flight: {n} frames at {size} along {os.path.basename(flight)}, {repeat} run(s) of each viewer")
print()
print(f"- {os.cpu_count()} cores, no GPU: both viewers draw with Mesa llvmpipe (desktop GL) under Xvfb. "
      f"Load average before/after: {load0} / {load1} (the machine is shared).")
print(f"- liyuan: default options{' + `' + extra + '`' if extra else ''} (2 loader threads). osgviewer 3.6: "
      f"`OSG_NUM_DATABASE_THREADS={osg_threads} OSG_NUM_HTTP_DATABASE_THREADS=0` ({osg_threads} pager threads "
      f"reading local files), field of view 45° like liyuan (`OSG_SCREEN_HEIGHT`/`OSG_SCREEN_DISTANCE`).")
print("- Frame times of both from buffer swaps (LD_PRELOAD shim), the last N frames; flight wall time: "
      "liyuan's flight clock, osgviewer's first to last swap. Cells: median (min–max) over the runs; "
      "ratios: median of the per-run ratios.")
print()
print("| | liyuan | osgviewer | liyuan / osgviewer |")
print("|---|---|---|---|")
for label, key, fmt in rows:
    a, b = agg("liyuan", key), agg("osg", key)
    if a is None and b is None:
        continue
    rt = ratio(key) if key not in ("opened", "absentRequests") else ""
    print(f"| {label} | {cell(a, fmt)} | {cell(b, fmt)} | {rt} |")
L = runs[-1]["liyuan"]
if L.get("tilesLoaded") is not None:
    print()
    print(f"liyuan's own report (last run): frame ms p50 {L['ownP50']:.1f}, p95 {L['ownP95']:.1f}, "
          f"max {L['ownMax']:.1f}; tiles loaded {L['tilesLoaded']}; GUI-thread update max {L['guiMaxMs']:.1f} ms.")
print()
print(f"Logs: `{out}` (run*/: *.swaps, *.time, *.err, liyuan.json); summary: `{out}/flight.json`.")
json.dump({"frames": n, "size": size, "repeat": repeat, "runs": runs}, open(os.path.join(out, "flight.json"), "w"), indent=1)
PY
