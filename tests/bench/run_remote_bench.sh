#!/usr/bin/env bash
# remote: time to full detail of Production_5 opened locally vs by URL from a real nginx
# (loopback), cold disk cache vs warm, and over a throttled link (nginx limit_rate per
# connection, a stand-in for a WAN). Prints a Markdown table; logs stay in $OUT.
#
#   tests/bench/run_remote_bench.sh
#
# Environment (all optional):
#   BUILD_DIR  build tree holding app/liyuan (default <source>/build)
#   SAMPLE     production folder (default $LIYUAN_SHARED_DATA/osgb/Production_5, else <source>/../shared/data/…)
#   FLIGHT     camera path (default tests/bench/production5_flight.path)
#   FRAMES     frames of the flight run (default 300)
#   RATE       limit_rate of the throttled case (default 2m = 2 MB/s per connection)
#   REPEAT     runs per case (default 3; the table gives the median)
#   OUT        folder for logs (default: a new mktemp -d)
#
# Measured per case, each in a fresh liyuan process under Xvfb:
#   home   --screenshot at the home view: "settled in X ms" = time from start until every tile the
#          view wants is loaded and attached (full detail), start-up included
#   end    the same at the flight's end point (--camera-path FLIGHT --time 20)
#   flight --frames FRAMES along FLIGHT in real time: tiles loaded during the flight, frame p95
# "cold" wipes the disk cache before each run; "warm" reuses the cache the cold runs filled.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
SRC="$(cd "$HERE/../.." && pwd)"
BUILD_DIR="${BUILD_DIR:-$SRC/build}"
LIYUAN="${LIYUAN:-$BUILD_DIR/app/liyuan}"
SAMPLE="${SAMPLE:-${LIYUAN_SHARED_DATA:-$SRC/../shared/data}/osgb/Production_5}"
FLIGHT="${FLIGHT:-$HERE/production5_flight.path}"
FRAMES="${FRAMES:-300}"
RATE="${RATE:-2m}"
REPEAT="${REPEAT:-3}"
OUT="${OUT:-$(mktemp -d /tmp/liyuan-remote.XXXXXX)}"
die() { echo "run_remote_bench.sh: $*" >&2; exit 1; }
[[ -x "$LIYUAN" ]] || die "no liyuan at $LIYUAN"
NGINX="$(command -v nginx || echo /usr/sbin/nginx)"
[[ -x "$NGINX" ]] || die "nginx not found"
SAMPLE="$(cd "$SAMPLE" && pwd)"
mkdir -p "$OUT/www" "$OUT/nginx/logs" "$OUT/nginx/tmp"
ln -sfn "$SAMPLE" "$OUT/www/Production_5"
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
  server {
    listen 127.0.0.1:$PORT;
    root $OUT/www;
    location / { autoindex on; }
    location /slow/ { alias $OUT/www/; autoindex on; limit_rate $RATE; }
  }
}
CONF
"$NGINX" -p "$OUT/nginx" -c "$OUT/nginx/nginx.conf" -g 'daemon off;' &
NGINX_PID=$!
trap 'kill $NGINX_PID 2>/dev/null || true' EXIT
for _ in $(seq 50); do (echo > /dev/tcp/127.0.0.1/$PORT) 2>/dev/null && break; sleep 0.1; done

XVFB=(xvfb-run -a -s "-screen 0 1280x720x24")
run() { # $1 log, rest: liyuan args
  local log="$1"; shift
  XDG_CONFIG_HOME="$OUT/config" "${XVFB[@]}" "$LIYUAN" --size 1280x720 --timeout 300 "$@" > "$log" 2>&1 || true
}
settled() { sed -n 's/.*settled yes in \([0-9]*\) ms.*/\1/p' "$1" | tail -1; }
flightline() { sed -n 's/.*tiles loaded \([0-9]*\),.*/\1/p' "$1" | tail -1; }
median() { sort -n | awk '{a[NR]=$1} END {if (NR==0) print "-"; else print a[int((NR+1)/2)]}'; }

declare -A RES
case_run() { # name location cachemode(cold|warm|none)
  local name="$1" loc="$2" mode="$3"
  local cache="$OUT/cache-$name"; [[ "$mode" == warm ]] && cache="$OUT/cache-${name%-warm}-cold"
  for what in home end flight; do
    : > "$OUT/$name.$what.values"
    for r in $(seq "$REPEAT"); do
      [[ "$mode" == cold ]] && rm -rf "$cache"
      local log="$OUT/$name.$what.$r.log"
      local args=(--disk-cache-dir "$cache")
      case "$what" in
        home) run "$log" "${args[@]}" --screenshot "$OUT/$name.$what.png" "$loc"; settled "$log" >> "$OUT/$name.$what.values" ;;
        end) run "$log" "${args[@]}" --screenshot "$OUT/$name.$what.png" --camera-path "$FLIGHT" --time 20 "$loc"; settled "$log" >> "$OUT/$name.$what.values" ;;
        flight) run "$log" "${args[@]}" --frames "$FRAMES" --camera-path "$FLIGHT" "$loc"; flightline "$log" >> "$OUT/$name.$what.values" ;;
      esac
    done
    RES[$name.$what]="$(median < "$OUT/$name.$what.values")"
  done
}
BASE="http://127.0.0.1:$PORT"
case_run local "$SAMPLE" none
case_run http-cold "$BASE/Production_5/" cold
case_run http-warm "$BASE/Production_5/" warm
case_run slow-cold "$BASE/slow/Production_5/" cold
case_run slow-warm "$BASE/slow/Production_5/" warm

echo "| case | home: full detail (ms) | flight end: full detail (ms) | tiles loaded in a ${FRAMES}-frame flight |"
echo "|---|---|---|---|"
for c in local http-cold http-warm slow-cold slow-warm; do
  echo "| $c | ${RES[$c.home]} | ${RES[$c.end]} | ${RES[$c.flight]} |"
done
echo
echo "nginx requests: $(wc -l < "$OUT/nginx/logs/access.log"); median of $REPEAT runs; logs in $OUT; slow = limit_rate $RATE per connection"
