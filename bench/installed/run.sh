#!/usr/bin/env bash
# Start-up, memory per user and link-to-dialog of the INSTALLED Legitimera (the DEB under /opt/legitimera),
# started as a user's session starts it, with the virtual SITHS card in a reader and without. Medians of runs.
#
#   sudo flock /tmp/legitimera-stack.lock bench/installed/run.sh [runs] [idle-seconds] [variant...]
#        (defaults: 5 runs, 60 s idle, one variant "installed:")
#
# Environment:
#   DEB=file.deb    install this package first (and remove it at the end); without DEB an installed legitimera
#                   is used, and when none is installed installer/target/installers/legitimera_*.deb is.
#   USERS="1 5 10"  the N-users test: N instances side by side, each with its own HOME and runtime folder
#                   (same Unix user: page sharing between processes does not depend on the uid).
#   CARDS="present absent"   card states to run.   KEEP_INSTALLED=1   leave a package this script installed.
# A variant is NAME:SETTINGS, SETTINGS being shell words: LAUNCHER=path (another installed copy, e.g. an
# older DEB unpacked elsewhere, see README.md) and VAR=value for the app's environment (e.g.
# JAVA_TOOL_OPTIONS=...). Variants take turns within each run, so a machine whose load changes weighs on all.
#
# CI runs the short form after the installer smoke test: `USERS="1 3" bench/installed/run.sh 1 10`; it fails
# only when the app does not start (no ready line, no dialog, an instance that died), never on a figure.
#
# Each run and card state, per variant:
#   1. the autostart entry's command line (/etc/xdg/autostart) in a fresh HOME: JVM start (the command
#      started) to the log's "ready in" line, by its timestamp: tray icon ready;
#   2. after the idle time: RSS, anonymous (private) memory and PSS (/proc/PID/smaps_rollup);
#   3. link click: the menu entry's command line (/usr/share/applications, %u = a legitimera:// link) started;
#      its wall clock to exit, and the click to the running app's "Login dialog shown" line, by timestamps
#      (cold: JavaFX starts for this first window); then a second link (warm);
#   4. the windows are closed (WM_DELETE_WINDOW, as a window manager's close button), idle again, memory again;
#   5. the menu entry without a link while no app runs: JVM start to ready (main window shown).
# Then per N in USERS (card as the first of CARDS): N apps from the autostart line, one after the other, idle,
# total PSS / N and what one more user costs ((total(N) - total(previous N)) / (N - previous N)).
# Starts its own Xvfb + trayer, the devkit virtual card (and pcscd when none runs); stops only those, by PID.
set -euo pipefail

runs=${1:-5}
idle=${2:-60}
shift $(($# < 2 ? $# : 2))
variants=("$@")
[ ${#variants[@]} -gt 0 ] || variants=("installed:")
users=${USERS:-1 5 10}
cards=${CARDS:-present absent}
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
devkit_jar="$repo/devkit/target/legitimera-devkit.jar"
autostart_entry=/etc/xdg/autostart/se.legitimera.Legitimera-autostart.desktop
menu_entry=/usr/share/applications/se.legitimera.Legitimera.desktop
vpcd_port=35963
link='legitimera://auth?service=https%3A%2F%2Fidp.example.se&token=benchmarkbenchmark01'

[ "$(id -u)" -eq 0 ] || { echo "run as root (it installs the DEB and may start pcscd)" >&2; exit 1; }
for tool in Xvfb trayer python3 pcscd; do
  command -v "$tool" >/dev/null || { echo "needs $tool (scripts/install-test-stack.sh)" >&2; exit 1; }
done

work=$(mktemp -d /tmp/legitimera-bench-installed.XXXXXX)
pids=() installed_here=false card_pid="" card_count=0
cleanup() {
  local pid
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  if $installed_here && [ -z "${KEEP_INSTALLED:-}" ]; then
    apt-get purge -y -q legitimera >/dev/null 2>&1 || echo "run.sh: could not remove the package it installed" >&2
  fi
  rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "bench/installed: FAIL: $*" >&2; exit 1; }

# --- the package
if [ -n "${DEB:-}" ] || ! dpkg -s legitimera >/dev/null 2>&1; then
  deb=${DEB:-$(ls "$repo"/installer/target/installers/legitimera_*.deb 2>/dev/null | head -n 1)}
  [ -f "$deb" ] || fail "no DEB to install (build: ./mvnw -B -Pinstaller package -DskipTests)"
  dpkg -s legitimera >/dev/null 2>&1 && apt-get purge -y -q legitimera >/dev/null
  apt-get install -y -q "$(readlink -f "$deb")" >"$work/apt.log" 2>&1 || { cat "$work/apt.log" >&2; fail "apt-get install failed"; }
  installed_here=true
  echo "installed $(basename "$deb") ($(stat -c %s "$deb") bytes)"
fi
echo "package: legitimera $(dpkg-query -W -f='${Version}' legitimera), installed size $(du -sh /opt/legitimera | cut -f1)"
autostart_cmd=$(sed -n 's/^Exec=//p' "$autostart_entry")
menu_cmd=$(sed -n 's/^Exec=//p' "$menu_entry")
echo "autostart entry: $autostart_cmd; menu entry: $menu_cmd"

# --- desktop: Xvfb on a free display, trayer as the tray host
# shellcheck source=../lib/desktop.sh
. "$here/../lib/desktop.sh"
start_desktop

# --- the card: pcscd with vpcd (reused when running), the devkit virtual SITHS card on reader 0
if ! pgrep -x pcscd >/dev/null; then
  pcscd -f >"$work/pcscd.log" 2>&1 & pids+=($!)
  for _ in $(seq 50); do [ -S /run/pcscd/pcscd.comm ] && break; sleep 0.2; done
fi
card_in() {
  [ -z "$card_pid" ] || return 0
  [ -f "$devkit_jar" ] || fail "$devkit_jar is missing: ./mvnw -B -q -pl devkit -am package -DskipTests"
  mkdir -p "$work/card"; touch "$work/card.log"
  "$JAVA_HOME/bin/java" -jar "$devkit_jar" card --vpcd "127.0.0.1:$vpcd_port" --state "$work/card" >>"$work/card.log" 2>&1 &
  card_pid=$!; pids+=($card_pid)
  # In the reader before an app starts (as at log-in): the devkit says so once connected, pcscd looks soon after.
  for _ in $(seq 50); do [ "$(grep -c "Card inserted" "$work/card.log")" -gt "$card_count" ] && break; sleep 0.2; done
  card_count=$(grep -c "Card inserted" "$work/card.log" || true)
  sleep 2
  kill -0 "$card_pid" 2>/dev/null || fail "the virtual card exited: $(tail -n 5 "$work/card.log")"
}
card_out() {
  [ -n "$card_pid" ] || return 0
  kill "$card_pid" 2>/dev/null || true; wait "$card_pid" 2>/dev/null || true; card_pid=""
  sleep 1
}

# --- helpers
now_ms() { date +%s%3N; }
median() { sort -n | awk '{v[NR] = $1} END {if (NR == 0) print "-"; else if (NR % 2) print v[(NR + 1) / 2]; else printf "%.1f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }
# mem PID: "RSS ANON PSS" in MB
mem() { awk '/^Rss:/ {r = $2} /^Pss:/ {p = $2} /^Anonymous:/ {a = $2} END {printf "%.1f %.1f %.1f\n", r / 1024, a / 1024, p / 1024}' "/proc/$1/smaps_rollup"; }
pss_kb() { awk '/^Pss:/ {print $2}' "/proc/$1/smaps_rollup"; }
# log_ms FILE PATTERN N: epoch ms of the N-th line matching PATTERN (its logback timestamp), waiting up to 40 s
log_ms() {
  local line=""
  for _ in $(seq 800); do
    line=$(grep -- "$2" "$1" 2>/dev/null | sed -n "${3:-1}p")
    [ -n "$line" ] && break
    sleep 0.05
  done
  [ -n "$line" ] || return 1
  date -d "${line%% *}" +%s%3N
}
# A fresh user: HOME, XDG folders and a private runtime folder (as a login session's XDG_RUNTIME_DIR).
user_env() { # folder -> prints env words
  mkdir -p "$1/home/config" "$1/home/state" "$1/runtime"; chmod 700 "$1/runtime"
  echo "HOME=$1/home XDG_CONFIG_HOME=$1/home/config XDG_STATE_HOME=$1/home/state XDG_RUNTIME_DIR=$1/runtime"
}
# Sends WM_DELETE_WINDOW to every mapped top-level window of PID (its _NET_WM_PID, which GTK sets), as a window
# manager's close button does. libX11 through python3's ctypes: no tool beyond the smoke test's.
close_windows() {
  python3 - "$1" <<'PY'
import ctypes, sys
pid = int(sys.argv[1])
x = ctypes.cdll.LoadLibrary("libX11.so.6")
x.XOpenDisplay.restype = ctypes.c_void_p
x.XDefaultRootWindow.restype = ctypes.c_ulong
x.XDefaultRootWindow.argtypes = [ctypes.c_void_p]
x.XInternAtom.restype = ctypes.c_ulong
x.XInternAtom.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int]
x.XQueryTree.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.POINTER(ctypes.c_ulong),
                         ctypes.POINTER(ctypes.c_ulong), ctypes.POINTER(ctypes.POINTER(ctypes.c_ulong)),
                         ctypes.POINTER(ctypes.c_uint)]
x.XGetWindowProperty.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_long, ctypes.c_long,
                                 ctypes.c_int, ctypes.c_ulong, ctypes.POINTER(ctypes.c_ulong),
                                 ctypes.POINTER(ctypes.c_int), ctypes.POINTER(ctypes.c_ulong),
                                 ctypes.POINTER(ctypes.c_ulong), ctypes.POINTER(ctypes.c_void_p)]
x.XSendEvent.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_int, ctypes.c_long, ctypes.c_void_p]
x.XFlush.argtypes = [ctypes.c_void_p]
x.XFree.argtypes = [ctypes.c_void_p]
class Attributes(ctypes.Structure):  # XWindowAttributes, up to map_state
    _fields_ = [("x", ctypes.c_int), ("y", ctypes.c_int), ("width", ctypes.c_int), ("height", ctypes.c_int),
                ("border_width", ctypes.c_int), ("depth", ctypes.c_int), ("visual", ctypes.c_void_p),
                ("root", ctypes.c_ulong), ("c_class", ctypes.c_int), ("bit_gravity", ctypes.c_int),
                ("win_gravity", ctypes.c_int), ("backing_store", ctypes.c_int), ("backing_planes", ctypes.c_ulong),
                ("backing_pixel", ctypes.c_ulong), ("save_under", ctypes.c_int), ("colormap", ctypes.c_ulong),
                ("map_installed", ctypes.c_int), ("map_state", ctypes.c_int), ("pad", ctypes.c_long * 8)]
class ClientMessage(ctypes.Structure):
    _fields_ = [("type", ctypes.c_int), ("serial", ctypes.c_ulong), ("send_event", ctypes.c_int),
                ("display", ctypes.c_void_p), ("window", ctypes.c_ulong), ("message_type", ctypes.c_ulong),
                ("format", ctypes.c_int), ("data", ctypes.c_long * 5)]
class Event(ctypes.Union):
    _fields_ = [("xclient", ClientMessage), ("pad", ctypes.c_long * 24)]
x.XGetWindowAttributes.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.POINTER(Attributes)]
d = x.XOpenDisplay(None)
if not d:
    sys.exit("close_windows: no X display")
net_wm_pid = x.XInternAtom(d, b"_NET_WM_PID", 0)
protocols = x.XInternAtom(d, b"WM_PROTOCOLS", 0)
delete = x.XInternAtom(d, b"WM_DELETE_WINDOW", 0)
def window_pid(w):
    kind, fmt, count, left, data = ctypes.c_ulong(), ctypes.c_int(), ctypes.c_ulong(), ctypes.c_ulong(), ctypes.c_void_p()
    if x.XGetWindowProperty(d, w, net_wm_pid, 0, 1, 0, 6, ctypes.byref(kind), ctypes.byref(fmt), ctypes.byref(count),
                            ctypes.byref(left), ctypes.byref(data)) != 0 or not data.value:
        return None
    value = ctypes.cast(data, ctypes.POINTER(ctypes.c_ulong))[0] if count.value else None
    x.XFree(data)
    return value
root_return, parent, children, n = ctypes.c_ulong(), ctypes.c_ulong(), ctypes.POINTER(ctypes.c_ulong)(), ctypes.c_uint()
x.XQueryTree(d, x.XDefaultRootWindow(d), ctypes.byref(root_return), ctypes.byref(parent), ctypes.byref(children), ctypes.byref(n))
closed = 0
for i in range(n.value):
    w = children[i]
    attributes = Attributes()
    if window_pid(w) != pid or not x.XGetWindowAttributes(d, w, ctypes.byref(attributes)) or attributes.map_state != 2:
        continue  # 2: IsViewable
    e = Event()
    e.xclient.type = 33  # ClientMessage
    e.xclient.window = w
    e.xclient.message_type = protocols
    e.xclient.format = 32
    e.xclient.data[0] = delete
    x.XSendEvent(d, w, 0, 0, ctypes.byref(e))
    closed += 1
x.XFlush(d)
print(closed)
PY
}
# launch VARIANT-ENV... -- COMMAND...: starts COMMAND with the variant's launcher in place of /usr/bin/legitimera
run_cmd() { # folder outfile command-line (with /usr/bin/legitimera) -> pid in $started
  local folder=$1 out=$2 line=$3
  line=${line//\/usr\/bin\/legitimera/$launcher}
  # shellcheck disable=SC2086 # the entry's command line and the env words split as the session splits them
  env $(user_env "$folder") "${environment[@]}" $line >"$out" 2>&1 &
  started=$!; pids+=($started)
}

for run in $(seq "$runs"); do
  for card in $cards; do
    if [ "$card" = present ]; then card_in; else card_out; fi
    for variant in "${variants[@]}"; do
      name=${variant%%:*}
      eval "words=(${variant#*:})"
      environment=() launcher=/usr/bin/legitimera
      for word in "${words[@]}"; do
        case "$word" in
          LAUNCHER=*) launcher="${word#LAUNCHER=}" ;;
          *=*) environment+=("$word") ;;
        esac
      done
      out="$work/$name/$card"; dir="$out/run$run"; mkdir -p "$dir"
      log="$dir/home/state/legitimera/logs/legitimera.log"

      start=$(now_ms)
      run_cmd "$dir" "$dir/app.out" "$autostart_cmd"; app=$started
      ready=$(log_ms "$log" " ready in ") || fail "$name: no ready line: $(tail -n 5 "$dir/app.out")"
      grep -q "(tray icon)" <(grep " ready in " "$log") || fail "$name: not in the tray: $(grep ' ready in ' "$log")"
      echo $((ready - start)) >>"$out/ready_wall"
      grep -m1 " ready in " "$log" | sed -E 's/.* ready in ([0-9]+) ms.*/\1/' >>"$out/ready_main"
      grep -q /opt/legitimera/lib/app/legitimera.aot "/proc/$app/maps" && echo yes >>"$out/aot" || echo no >>"$out/aot"
      sleep "$idle"
      kill -0 "$app" 2>/dev/null || fail "$name: the app died while idle: $(tail -n 5 "$dir/app.out")"
      read -r rss anon pss < <(mem "$app")
      echo "$rss" >>"$out/rss_idle"; echo "$anon" >>"$out/anon_idle"; echo "$pss" >>"$out/pss_idle"
      # Mesa's software GL (libLLVM, ~45 MB resident) in a process that has not opened a window yet
      grep -q libLLVM "/proc/$app/maps" && echo yes >>"$out/llvm_idle" || echo no >>"$out/llvm_idle"
      [ "$card" = absent ] || grep -q "card inserted" "$log" || echo "$name run $run: the app did not see the card" >&2

      for n in 1 2; do
        menu_link=${menu_cmd//%u/$link}
        click=$(now_ms)
        run_cmd "$dir" "$dir/second$n.out" "$menu_link"
        wait "$started" || fail "$name: the second launch failed: $(tail -n 5 "$dir/second$n.out")"
        echo $(($(now_ms) - click)) >>"$out/second_wall_$n"
        shown=$(log_ms "$log" "Login dialog shown" "$n") || fail "$name: no login dialog after the link: $(tail -n 5 "$log")"
        echo $((shown - click)) >>"$out/click_dialog_$n"
        sleep 1
      done
      close_windows "$app" >/dev/null
      sleep "$idle"
      kill -0 "$app" 2>/dev/null || fail "$name: the app quit when its windows were closed"
      read -r rss anon pss < <(mem "$app")
      echo "$rss" >>"$out/rss_window"; echo "$anon" >>"$out/anon_window"; echo "$pss" >>"$out/pss_window"
      kill "$app"; wait "$app" 2>/dev/null || true

      # The menu entry while no app runs: the main window opens.
      mdir="$dir/menu"; mlog="$mdir/home/state/legitimera/logs/legitimera.log"
      start=$(now_ms)
      run_cmd "$mdir" "$mdir.out" "${menu_cmd//%u/}"; menu_app=$started
      ready=$(log_ms "$mlog" " ready in ") || fail "$name: the menu entry did not start the app: $(tail -n 5 "$mdir.out")"
      echo $((ready - start)) >>"$out/menu_ready_wall"
      kill "$menu_app"; wait "$menu_app" 2>/dev/null || true

      echo "$name card $card run $run: ready $(tail -1 "$out/ready_wall") ms, idle RSS/anon/PSS" \
        "$(tail -1 "$out/rss_idle")/$(tail -1 "$out/anon_idle")/$(tail -1 "$out/pss_idle") MB, click to dialog" \
        "$(tail -1 "$out/click_dialog_1")/$(tail -1 "$out/click_dialog_2") ms (second launch $(tail -1 "$out/second_wall_1")/$(tail -1 "$out/second_wall_2") ms)," \
        "after window $(tail -1 "$out/rss_window")/$(tail -1 "$out/anon_window")/$(tail -1 "$out/pss_window") MB, menu entry ready $(tail -1 "$out/menu_ready_wall") ms"
    done
  done

  # N users on one host
  card=${cards%% *}
  if [ "$card" = present ]; then card_in; else card_out; fi
  for variant in "${variants[@]}"; do
    name=${variant%%:*}
    eval "words=(${variant#*:})"
    environment=() launcher=/usr/bin/legitimera
    for word in "${words[@]}"; do
      case "$word" in LAUNCHER=*) launcher="${word#LAUNCHER=}" ;; *=*) environment+=("$word") ;; esac
    done
    previous_n=0 previous_total=0
    for n in $users; do
      apps=()
      for u in $(seq "$n"); do
        udir="$work/$name/users/run$run-n$n/user$u"
        run_cmd "$udir" "$udir.out" "$autostart_cmd"; apps+=("$started")
        log_ms "$udir/home/state/legitimera/logs/legitimera.log" " ready in " >/dev/null \
          || fail "$name: user $u of $n did not start: $(tail -n 5 "$udir.out")"
      done
      sleep "$idle"
      total=0
      for app in "${apps[@]}"; do
        kill -0 "$app" 2>/dev/null || fail "$name: an instance of $n died"
        total=$((total + $(pss_kb "$app")))
      done
      per_user=$(awk -v t="$total" -v n="$n" 'BEGIN {printf "%.1f", t / n / 1024}')
      marginal=$(awk -v t="$total" -v p="$previous_total" -v n="$n" -v m="$previous_n" 'BEGIN {printf "%.1f", (t - p) / (n - m) / 1024}')
      echo "$per_user" >>"$work/$name/users_per_$n"; echo "$marginal" >>"$work/$name/users_marginal_$n"
      echo "$name run $run: $n users: total PSS $((total / 1024)) MB, $per_user MB per user, one more user $marginal MB"
      for app in "${apps[@]}"; do kill "$app" 2>/dev/null || true; done
      for app in "${apps[@]}"; do wait "$app" 2>/dev/null || true; done
      previous_n=$n previous_total=$total
    done
  done
done
card_out

echo
echo "medians of $runs runs, idle ${idle} s, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), DEB $(dpkg-query -W -f='${Version}' legitimera)"
for variant in "${variants[@]}"; do
  name=${variant%%:*}
  for card in $cards; do
    out="$work/$name/$card"
    echo "$name (${variant#*:}), card $card, AOT cache mapped: $(sort "$out/aot" | uniq -c | tr -s ' ' | tr '\n' ' ')," \
      "libLLVM mapped while idle: $(sort "$out/llvm_idle" | uniq -c | tr -s ' ' | tr '\n' ' ')"
    printf '  JVM start to tray icon ready (wall)        %8s ms   target <= 500\n' "$(median <"$out/ready_wall")"
    printf '    of which from main (the log)             %8s ms\n' "$(median <"$out/ready_main")"
    printf '  idle RSS                                   %8s MB   target <= 110\n' "$(median <"$out/rss_idle")"
    printf '  idle anonymous (private)                   %8s MB   target <= 50\n' "$(median <"$out/anon_idle")"
    printf '  idle PSS                                   %8s MB\n' "$(median <"$out/pss_idle")"
    printf '  link click to dialog, cold                 %8s ms   target <= 300\n' "$(median <"$out/click_dialog_1")"
    printf '  link click to dialog, warm                 %8s ms   target <= 100\n' "$(median <"$out/click_dialog_2")"
    printf '    second launch wall clock, cold / warm    %8s / %s ms\n' "$(median <"$out/second_wall_1")" "$(median <"$out/second_wall_2")"
    printf '  RSS / anon / PSS after a window, idle      %8s / %s / %s MB\n' "$(median <"$out/rss_window")" "$(median <"$out/anon_window")" "$(median <"$out/pss_window")"
    printf '  menu entry, no app running: start to ready %8s ms\n' "$(median <"$out/menu_ready_wall")"
  done
  for n in $users; do
    printf '  %2s users (card %s): PSS per user %6s MB, one more user %6s MB   target <= 60\n' "$n" "${cards%% *}" \
      "$(median <"$work/$name/users_per_$n")" "$(median <"$work/$name/users_marginal_$n")"
  done
done
