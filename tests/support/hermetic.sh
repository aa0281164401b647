#!/usr/bin/env bash
# Runs one test program in a home of its own: HOME and the XDG folders point into a fresh
# temporary folder that is removed afterwards, so no test reads the user's settings or caches,
# writes into them, or depends on an earlier test or an earlier launch of the app.
# Usage: hermetic.sh PROGRAM [ARGS...]; the program's exit code is returned.
set -u
root=$(mktemp -d "${TMPDIR:-/tmp}/liyuan-test-XXXXXX") || exit 1
cleanup() { chmod -R u+w "$root" 2>/dev/null; rm -rf "$root"; }
trap cleanup EXIT
export HOME="$root/home"
export XDG_CONFIG_HOME="$root/config" XDG_CACHE_HOME="$root/cache" XDG_DATA_HOME="$root/data"
export XDG_STATE_HOME="$root/state" XDG_RUNTIME_DIR="$root/runtime"
export TMPDIR="$root/tmp"
mkdir -p "$HOME" "$XDG_CONFIG_HOME" "$XDG_CACHE_HOME" "$XDG_DATA_HOME" "$XDG_STATE_HOME" "$XDG_RUNTIME_DIR" "$TMPDIR"
chmod 700 "$XDG_RUNTIME_DIR"
# nothing of the caller's app environment leaks in
unset LIYUAN_DEMO_DIR LIYUAN_MQTT_PASSWORD LIYUAN_TEST_DROP LIYUAN_REMOTE_TOKEN LIYUAN_TEST_OPEN_POPUPS
"$@"
rc=$?
exit $rc
