#!/bin/sh
# The installed app's AOT cache (JDK 25, JEP 483/514/515: classes loaded, linked and profiled ahead of time),
# for a quicker start and classes shared between users (bench/installed/README.md). The installed launcher
# (build-packages.sh) names lib/app/legitimera.aot when it is there; a cache the JVM refuses is skipped
# silently (-Xlog:aot=off), and the smoke test checks that the installed app maps it.
#
#   aot-cache.sh train APP_IMAGE    at build time: a training run under Xvfb records what the app loads
#                                   (lib/app/legitimera.aotconf), then the cache is made for this folder
#   aot-cache.sh create APP_IMAGE   at install time: makes lib/app/legitimera.aot from the record
#
# A cache only fits the folder it was made for (module path checked), so the packages ship the record and
# their post-install makes the cache where the app lives. Options and module path come from the launcher's
# own lib/app/legitimera.cfg, so the cache is made for exactly the JVM the launcher starts.
set -eu

mode=${1:-} image=${2:-}
[ -n "$mode" ] && [ -d "$image/lib/app" ] || { echo "usage: aot-cache.sh train|create APP_IMAGE" >&2; exit 2; }
image=$(cd "$image" && pwd)
appdir="$image/lib/app"
cfg=$(ls "$appdir"/*.cfg | head -n 1)
java="$image/lib/runtime/bin/java"
record="$appdir/legitimera.aotconf"
cache="$appdir/legitimera.aot"
# One option a line in the cfg (the module path among them), none with a space; the cache options themselves
# are left out.
options=$(sed -n 's/^java-options=//p' "$cfg" | grep -v -e '^-XX:AOTCache=' -e '^-Xlog:' | sed "s|\$APPDIR|$appdir|g")
main=$(sed -n 's/^app.mainmodule=//p' "$cfg")
case "$options" in *--module-path*) ;; *) echo "aot-cache.sh: no module path in $cfg" >&2; exit 1 ;; esac
[ -n "$main" ] || { echo "aot-cache.sh: no main module in $cfg" >&2; exit 1; }

create() {
  rm -f "$cache" "$cache.new"
  # Written beside and renamed: the launcher names the cache whenever the file exists, so never a half one.
  # shellcheck disable=SC2086 # options: one word each
  "$java" $options -XX:AOTMode=create -XX:AOTConfiguration="$record" -XX:AOTCache="$cache.new" -Xlog:aot=error -m "$main"
  mv -f "$cache.new" "$cache"
}

case "$mode" in
  create)
    [ -f "$record" ] || { echo "aot-cache.sh: no training record $record" >&2; exit 1; }
    create
    ;;
  train)
    rm -f "$record" "$cache"
    if ! command -v Xvfb >/dev/null; then
      echo "aot-cache.sh: no Xvfb, so no training run: the app-image is built without an AOT cache" >&2
      exit 0
    fi
    work=$(mktemp -d)
    pids=""
    trap 'for pid in $pids; do kill "$pid" 2>/dev/null || true; done; for pid in $pids; do wait "$pid" 2>/dev/null || true; done; rm -rf "$work"' EXIT
    display=150
    while [ -e "/tmp/.X11-unix/X$display" ] || [ -e "/tmp/.X$display-lock" ]; do display=$((display + 1)); done
    Xvfb ":$display" -screen 0 1280x1024x24 -nolisten tcp >"$work/xvfb.log" 2>&1 & pids="$pids $!"
    export DISPLAY=":$display"
    for _ in $(seq 50); do [ -e "/tmp/.X11-unix/X$display" ] && break; sleep 0.1; done
    # With a tray the app starts in the tray, as at log-in; without one it opens its main window.
    if command -v trayer >/dev/null; then
      trayer --edge top --widthtype request >"$work/trayer.log" 2>&1 & pids="$pids $!"
      sleep 1
    fi
    # With AOT_TRAINING_CARD (a command that runs the devkit's virtual card, e.g. "java -jar legitimera-devkit.jar")
    # and a pcscd running with vpcd, the training has a card in a reader, as most users have: what reading its
    # certificates loads is then in the cache too (shared by all users, less private memory each). Else none.
    if [ -n "${AOT_TRAINING_CARD:-}" ] && [ -S /run/pcscd/pcscd.comm ]; then
      # shellcheck disable=SC2086 # a command line
      $AOT_TRAINING_CARD card --vpcd 127.0.0.1:35963 --state "$work/card" >"$work/card.log" 2>&1 & pids="$pids $!"
      for _ in $(seq 50); do grep -q "Card inserted" "$work/card.log" 2>/dev/null && break; sleep 0.2; done
      if grep -q "Card inserted" "$work/card.log" 2>/dev/null; then
        sleep 2 # pcscd's next look at its readers
        echo "aot-cache.sh: training with the devkit's virtual card in vpcd's reader"
      else
        echo "aot-cache.sh: the virtual card did not connect, training without a card: $(tail -n 3 "$work/card.log")" >&2
      fi
    fi
    export HOME="$work/home" XDG_CONFIG_HOME="$work/home/config" XDG_STATE_HOME="$work/home/state"
    run="-Dlegitimera.logdir=$work -Dlegitimera.runtimedir=$work/run -Dprism.order=sw"
    await() {
      for _ in $(seq 600); do grep -q "$1" "$work/legitimera.log" 2>/dev/null && return 0; sleep 0.05; done
      echo "aot-cache.sh: the training run did not log '$1': $(tail -n 20 "$work/out.txt")" >&2; exit 1
    }
    # shellcheck disable=SC2086
    "$java" $options $run -XX:AOTMode=record -XX:AOTConfiguration="$record" -Xlog:aot=error -m "$main" --minimized >"$work/out.txt" 2>&1 & app=$!; pids="$pids $app"
    await " ready in "
    # A card in a reader (a build host with pcscd and the devkit's virtual card) has its certificates read now;
    # what that loads (ASN.1, revocation, HTTP) goes into the cache too.
    sleep 3
    # A later launch hands a link over (the login dialog), then an empty one (the main window).
    # shellcheck disable=SC2086
    "$java" $options $run -m "$main" \
      'legitimera://auth?service=https%3A%2F%2Fidp.example.se&token=aottrainingaottraining' >/dev/null 2>&1
    await "Login dialog shown"
    # shellcheck disable=SC2086
    "$java" $options $run -m "$main" >/dev/null 2>&1
    sleep 3
    kill "$app"
    wait "$app" 2>/dev/null || true # the JVM writes the record as it exits
    [ -s "$record" ] || { echo "aot-cache.sh: the training run wrote no record: $(tail -n 20 "$work/out.txt")" >&2; exit 1; }
    create
    echo "AOT cache: $cache ($(du -h "$cache" | cut -f1)), training record $(du -h "$record" | cut -f1)"
    ;;
  *) echo "usage: aot-cache.sh train|create APP_IMAGE" >&2; exit 2 ;;
esac
