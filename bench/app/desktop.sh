# Sourced by run.sh and aot-train.sh: a work folder and a desktop of their own (Xvfb on a free display
# with trayer as the tray host). Every process started goes into `pids` and is stopped, by PID, on exit.
command -v Xvfb >/dev/null && command -v trayer >/dev/null || { echo "needs Xvfb and trayer" >&2; exit 1; }

work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

display=150
while [ -e "/tmp/.X11-unix/X$display" ] || [ -e "/tmp/.X$display-lock" ]; do display=$((display + 1)); done
Xvfb ":$display" -screen 0 1280x1024x24 -nolisten tcp >"$work/xvfb.log" 2>&1 & pids+=($!)
export DISPLAY=":$display"
for _ in $(seq 50); do [ -e "/tmp/.X11-unix/X$display" ] && break; sleep 0.1; done
trayer --edge top --widthtype request >"$work/trayer.log" 2>&1 & pids+=($!)
sleep 1
