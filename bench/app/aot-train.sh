#!/usr/bin/env bash
# Writes the developer launcher's AOT cache (app/target/legitimera.aot, JDK 25: JEP 483/514/515) from a
# training run on its own Xvfb + trayer: the tray app starts, a legitimera:// link opens the login dialog,
# an empty launch opens the main window, then the app is stopped and the JVM writes the cache.
#
#   bench/app/aot-train.sh [target-folder]      (default app/target; another folder: a copy of an older build)
#
# The launcher uses the cache while no jar is newer than it (a rebuild makes it stale: run this again) and
# otherwise falls back to its dynamic CDS archive, so a missing or stale cache only costs start-up time.
# Stops only the processes it started, by PID.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
target="${1:-$here/../../app/target}"
launcher="$target/legitimera"
cache="$target/legitimera.aot"
[ -x "$launcher" ] || { echo "build the launcher first: ./mvnw -B -q -pl app -am package -DskipTests" >&2; exit 1; }
# shellcheck source=desktop.sh
. "$here/desktop.sh"

await_line() { # pattern
  for _ in $(seq 600); do
    grep -q "$1" "$work/legitimera.log" 2>/dev/null && return 0
    sleep 0.05
  done
  echo "aot-train: timed out waiting for '$1'; app output: $(tail -n 20 "$work/out.txt")" >&2; exit 1
}

export LEGITIMERA_JAVA_OPTS="-Dlegitimera.logdir=$work -Dlegitimera.runtimedir=$work/run"
rm -f "$cache"
LEGITIMERA_AOT_TRAINING=1 "$launcher" --minimized >"$work/out.txt" 2>&1 & app=$!; pids+=($app)
await_line " ready in "
"$launcher" 'legitimera://auth?service=https%3A%2F%2Fidp.example.se&token=aottrainingaottraining' >/dev/null 2>&1
await_line "Login dialog shown"
"$launcher" >/dev/null 2>&1
sleep 3 # the main window lays out and paints
kill "$app"
wait "$app" 2>/dev/null || true # the JVM assembles the cache before it exits
[ -s "$cache" ] || { echo "aot-train: no cache written; app output: $(tail -n 20 "$work/out.txt")" >&2; exit 1; }
echo "AOT cache: $cache ($(du -h "$cache" | cut -f1))"
