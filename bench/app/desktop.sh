# Sourced by run.sh and aot-train.sh: a work folder and a desktop of their own (Xvfb on a free display
# with trayer as the tray host). Every process started goes into `pids` and is stopped, by PID, on exit.

work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

# shellcheck source=../lib/desktop.sh
. "$here/../lib/desktop.sh"
start_desktop
