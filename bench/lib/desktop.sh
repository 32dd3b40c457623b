# Sourced by the bench scripts: start_desktop gives the caller a desktop of its own, Xvfb on a free display
# with trayer as the tray host, and exports DISPLAY. Expects the caller's `work` folder and `pids` array;
# the caller stops what is in `pids`, by PID, on exit.
start_desktop() {
  command -v Xvfb >/dev/null && command -v trayer >/dev/null || { echo "needs Xvfb and trayer" >&2; exit 1; }
  local display=150
  while [ -e "/tmp/.X11-unix/X$display" ] || [ -e "/tmp/.X$display-lock" ]; do display=$((display + 1)); done
  Xvfb ":$display" -screen 0 1280x1024x24 -nolisten tcp >"$work/xvfb.log" 2>&1 & pids+=($!)
  export DISPLAY=":$display"
  for _ in $(seq 50); do [ -e "/tmp/.X11-unix/X$display" ] && break; sleep 0.1; done
  trayer --edge top --widthtype request >"$work/trayer.log" 2>&1 & pids+=($!)
  sleep 1
}
