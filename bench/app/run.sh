#!/usr/bin/env bash
# Start-up, idle memory and link hand-over of the Legitimera tray app, as medians of several runs.
#
#   bench/app/run.sh [runs] [idle-seconds] [variant...]      (defaults: 5 runs, 60 s idle, one variant)
#
# A variant is NAME:SETTINGS, SETTINGS being shell words VAR=value for the launcher's environment, and
# JAVA_OPTS=... for extra JVM options (BENCH_JAVA_OPTS applies to every variant), and LAUNCHER=path for another
# build's launcher (e.g. a copy of app/target made before a change). Variants take turns within
# each run, so a machine whose load changes over time weighs on all of them alike. Example:
#   bench/app/run.sh 5 60 'dynamic-cds:LEGITIMERA_AOT=none' 'aot-cache:' 'prewarm:JAVA_OPTS="-Dlegitimera.prewarm=true"'
#
# Needs the developer launcher (./mvnw -pl app -am package), Xvfb and trayer (scripts/install-test-stack.sh).
# Starts its own Xvfb and trayer on a free display and stops only those (by PID). Each run:
#   1. starts `legitimera --minimized` and waits for the log's "ready in N ms" line (tray icon ready);
#   2. after the idle time reads VmRSS from /proc/PID/status (JavaFX not started: tray only) and tells
#      whether a card sat in a reader then (pcscd and vpcd are shared; the bench inserts no card itself);
#   3. runs a second `legitimera legitimera://...`, which hands the link over and exits; the running app
#      logs "Login dialog shown N ms after the hand-over" (cold: JavaFX starts for this first window);
#   4. hands over a second link (warm: JavaFX already up) and reads VmRSS again.
# Targets: start-up < 1500 ms, idle RSS < 120 MB, dialog < 300 ms.
set -euo pipefail

runs=${1:-5}
idle=${2:-60}
shift $(($# < 2 ? $# : 2))
variants=("$@")
[ ${#variants[@]} -gt 0 ] || variants=("default:")
here=$(cd "$(dirname "$0")" && pwd)
launcher="$here/../../app/target/legitimera"
[ -x "$launcher" ] || { echo "build the launcher first: ./mvnw -B -q -pl app -am package -DskipTests" >&2; exit 1; }
# shellcheck source=desktop.sh
. "$here/desktop.sh"

now_ms() { date +%s%3N; }
rss_mb() { awk '/^VmRSS/ {printf "%.1f\n", $2 / 1024}' "/proc/$1/status"; }
median() { sort -n | awk '{v[NR] = $1} END {if (NR % 2) print v[(NR + 1) / 2]; else printf "%.1f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }
await_line() { # file pattern [n-th occurrence]
  for _ in $(seq 400); do
    count=$(grep -c "$2" "$1" 2>/dev/null || true)
    [ "${count:-0}" -ge "${3:-1}" ] && return 0
    sleep 0.025
  done
  echo "timed out waiting for '$2' in $1" >&2; return 1
}
link='legitimera://auth?service=https%3A%2F%2Fidp.example.se&token=benchmarkbenchmark01'

for run in $(seq "$runs"); do
  for variant in "${variants[@]}"; do
    name=${variant%%:*}
    eval "words=(${variant#*:})"
    environment=() extra="" app_launcher="$launcher"
    for word in "${words[@]}"; do
      case "$word" in
        JAVA_OPTS=*) extra="${word#JAVA_OPTS=}" ;;
        LAUNCHER=*) app_launcher="${word#LAUNCHER=}" ;;
        *=*) environment+=("$word") ;;
      esac
    done
    out="$work/$name"; dir="$out/run$run"; mkdir -p "$dir"
    opts="-Dlegitimera.logdir=$dir -Dlegitimera.runtimedir=$dir/run -Dprism.order=sw $extra ${BENCH_JAVA_OPTS:-}"
    start=$(now_ms)
    env "${environment[@]}" LEGITIMERA_JAVA_OPTS="$opts" "$app_launcher" --minimized >"$dir/out.txt" 2>&1 & app=$!; pids+=($app)
    await_line "$dir/legitimera.log" " ready in "
    echo $(( $(now_ms) - start )) >>"$out/startup_wall"
    line=$(grep " ready in " "$dir/legitimera.log")
    grep -q "(tray icon)" <<<"$line" || { echo "$name run $run: no tray icon: $line" >&2; exit 1; }
    sed -E 's/.* ready in ([0-9]+) ms.*/\1/' <<<"$line" >>"$out/startup_log"

    sleep "$idle"
    rss_mb "$app" >>"$out/rss_idle"
    # pcscd and the virtual readers are shared: say whether a card sat in a reader when RSS was read.
    last=$(grep -E "Card event: (card inserted|CardRemoved|ReaderRemoved|ServiceUnavailable)" "$dir/legitimera.log" | tail -n 1)
    case "$last" in *"card inserted"*) card=yes ;; *) card=no ;; esac

    for n in 1 2; do
      handover=$(now_ms)
      env "${environment[@]}" LEGITIMERA_JAVA_OPTS="$opts" "$app_launcher" "$link" >"$dir/second$n.txt" 2>&1
      echo $(( $(now_ms) - handover )) >>"$out/handover_wall"
      await_line "$dir/legitimera.log" "Login dialog shown" "$n"
    done
    grep "Login dialog shown" "$dir/legitimera.log" | sed -E 's/.*shown ([0-9]+) ms.*/\1/' | sed -n 1p >>"$out/dialog_cold"
    grep "Login dialog shown" "$dir/legitimera.log" | sed -E 's/.*shown ([0-9]+) ms.*/\1/' | sed -n 2p >>"$out/dialog_warm"
    sleep 2
    rss_mb "$app" >>"$out/rss_dialog"
    kill "$app"; wait "$app" 2>/dev/null || true
    echo "$name run $run: ready $(tail -1 "$out/startup_log") ms (wall $(tail -1 "$out/startup_wall") ms)," \
         "idle RSS $(tail -1 "$out/rss_idle") MB (card $card), dialog cold $(tail -1 "$out/dialog_cold") ms /" \
         "warm $(tail -1 "$out/dialog_warm") ms, RSS with JavaFX $(tail -1 "$out/rss_dialog") MB"
  done
done

for variant in "${variants[@]}"; do
  name=${variant%%:*}; out="$work/$name"
  echo
  echo "$name (${variant#*:}): medians of $runs runs (idle ${idle} s), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg):"
  printf '  start to tray icon ready (log, from main)   %8s ms   target < 1500\n' "$(median <"$out/startup_log")"
  printf '  start to ready line (wall clock, launcher)  %8s ms\n' "$(median <"$out/startup_wall")"
  printf '  idle RSS, tray only                         %8s MB   target < 120\n' "$(median <"$out/rss_idle")"
  printf '  link hand-over to dialog shown, cold        %8s ms   target < 300 (first window)\n' "$(median <"$out/dialog_cold")"
  printf '  link hand-over to dialog shown, warm        %8s ms   target < 300\n' "$(median <"$out/dialog_warm")"
  printf '  second launch, start to exit (wall clock)   %8s ms\n' "$(median <"$out/handover_wall")"
  printf '  RSS once a window has been shown            %8s MB\n' "$(median <"$out/rss_dialog")"
done
