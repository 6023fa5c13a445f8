#!/usr/bin/env bash
# Runs a desktop program on an X display, waits, photographs the whole screen, and stops it.
#
#   tools/screenshot.sh OUT.png [SECONDS] -- COMMAND [ARGS...]
#
# - With $DISPLAY unset, starts its own Xvfb on a free display (1280x800x24 by default),
#   and stops it afterwards. With $DISPLAY set, uses that display and leaves it alone
#   (set SCREENSHOT_XVFB=1 to get a private Xvfb anyway).
# - Runs COMMAND in the background, in a process group of its own, with DISPLAY set;
#   its stdout and stderr go to this script's stderr (or to $SCREENSHOT_LOG if set).
# - Waits SECONDS (default 15; decimals allowed), then `import -window root OUT.png`.
# - Stops the COMMAND's whole process group (TERM, then KILL after 5 s) and the Xvfb,
#   also on Ctrl-C or any error (trap).
# - Prints OUT.png's path on stdout, alone, so that  png=$(tools/screenshot.sh ...)  works.
#
# Exit status: 0 on success; 1 if COMMAND had already exited by the time of the shot
# (the PNG is still written, to show what was on screen); 2 on bad usage; 3 if the X
# server or the screenshot failed.
#
# Environment:
#   SCREENSHOT_SCREEN  Xvfb screen, WIDTHxHEIGHTxDEPTH (default 1280x800x24)
#   SCREENSHOT_XVFB    1: start a private Xvfb even when $DISPLAY is set
#   SCREENSHOT_LOG     file for COMMAND's output instead of stderr
#
# Example (the KeyDesk app; software rendering is the safe choice under Xvfb):
#   tools/screenshot.sh /tmp/keydesk.png 20 -- mvn -q -pl app javafx:run -Dprism.order=sw
#
# Needs: Xvfb, xauth, ImageMagick (import): tools/install-desktop-deps.sh installs them.
set -euo pipefail

prog="${0##*/}"
usage() {
  echo "usage: $prog OUT.png [SECONDS] -- COMMAND [ARGS...]" >&2
  exit 2
}
die() { echo "$prog: $*" >&2; exit 3; }

# ---- arguments --------------------------------------------------------------------------
(($# >= 3)) || usage
out="$1"; shift
seconds=15
if [[ "$1" != "--" ]]; then
  seconds="$1"; shift
  [[ "$seconds" =~ ^[0-9]+([.][0-9]+)?$ ]] || { echo "$prog: SECONDS must be a number: $seconds" >&2; usage; }
fi
[[ "${1:-}" == "--" ]] || usage
shift
(($# >= 1)) || usage
[[ "$out" == *.png ]] || { echo "$prog: OUT must end in .png: $out" >&2; usage; }

out_dir="$(dirname -- "$out")"
mkdir -p -- "$out_dir"
out="$(cd -- "$out_dir" && pwd)/$(basename -- "$out")"

command -v import >/dev/null || die "import (ImageMagick) not found; run tools/install-desktop-deps.sh"
command -v setsid >/dev/null || die "setsid (util-linux) not found"

# ---- cleanup ----------------------------------------------------------------------------
work="$(mktemp -d "${TMPDIR:-/tmp}/screenshot.XXXXXX")"
xvfb_pid=""
cmd_pid=""

# Stops a process group (or a single pid with the group flag off): TERM, wait, KILL.
stop() { # stop PID IS_GROUP
  local pid="$1" target="$1" i
  [[ "$2" == 1 ]] && target="-$1"
  kill -0 "$pid" 2>/dev/null || { [[ "$2" == 1 ]] && kill -KILL -- "$target" 2>/dev/null; return 0; }
  kill -TERM -- "$target" 2>/dev/null || true
  for ((i = 0; i < 50; i++)); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  # KILL whatever is left: the leader if it ignored TERM, or children still in the group.
  kill -KILL -- "$target" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

cleanup() {
  local rc=$?
  trap - EXIT INT TERM HUP
  [[ -n "$cmd_pid" ]] && stop "$cmd_pid" 1
  [[ -n "$xvfb_pid" ]] && stop "$xvfb_pid" 0
  rm -rf -- "$work"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

# ---- X server ---------------------------------------------------------------------------
start_xvfb() {
  command -v Xvfb >/dev/null || die "Xvfb not found; run tools/install-desktop-deps.sh"
  command -v xauth >/dev/null || die "xauth not found; run tools/install-desktop-deps.sh"
  local screen="${SCREENSHOT_SCREEN:-1280x800x24}" n attempt cookie i
  export XAUTHORITY="$work/Xauthority"
  : >"$XAUTHORITY"
  cookie="$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"
  n=99
  for ((attempt = 0; attempt < 20; attempt++, n++)); do
    # Skip displays that look taken; Xvfb itself is the final judge (it fails if taken).
    if [[ -e "/tmp/.X$n-lock" || -e "/tmp/.X11-unix/X$n" ]]; then continue; fi
    xauth -q -f "$XAUTHORITY" add ":$n" . "$cookie"
    # -displayfd: Xvfb writes the display number to fd 3 once it accepts connections.
    Xvfb ":$n" -screen 0 "$screen" -nolisten tcp -auth "$XAUTHORITY" -displayfd 3 \
      3>"$work/displayfd" >"$work/xvfb.log" 2>&1 &
    xvfb_pid=$!
    for ((i = 0; i < 100; i++)); do          # up to 10 s
      [[ -s "$work/displayfd" ]] && { export DISPLAY=":$n"; return 0; }
      kill -0 "$xvfb_pid" 2>/dev/null || break
      sleep 0.1
    done
    stop "$xvfb_pid" 0; xvfb_pid=""
    : >"$work/displayfd"
  done
  cat "$work/xvfb.log" >&2 2>/dev/null || true
  die "could not start Xvfb (tried displays :99 to :$((n - 1)))"
}

if [[ -z "${DISPLAY:-}" || "${SCREENSHOT_XVFB:-0}" == 1 ]]; then
  start_xvfb
fi
echo "$prog: display $DISPLAY, running: $*" >&2

# ---- the program ------------------------------------------------------------------------
# setsid: the command leads a new session and process group (its pid is the group id),
# so that everything it starts (a JVM forked by mvn, say) is stopped together.
if [[ -n "${SCREENSHOT_LOG:-}" ]]; then
  setsid "$@" </dev/null >"$SCREENSHOT_LOG" 2>&1 &
else
  setsid "$@" </dev/null >&2 2>&1 &
fi
cmd_pid=$!

# Wait SECONDS, in small steps, noticing an early exit.
cmd_exited=""
deadline_ds=$(awk -v s="$seconds" 'BEGIN { printf "%d", s * 10 + 0.5 }')
for ((i = 0; i < deadline_ds; i++)); do
  if ! kill -0 "$cmd_pid" 2>/dev/null; then cmd_exited=1; break; fi
  sleep 0.1
done

# ---- the shot ---------------------------------------------------------------------------
if [[ -n "$cmd_exited" ]]; then
  set +e; wait "$cmd_pid"; cmd_rc=$?; set -e
  cmd_pid=""
  echo "$prog: warning: the command exited (status $cmd_rc) before the screenshot" >&2
fi
rm -f -- "$out"
import -window root "$out" || die "import failed on display $DISPLAY"
[[ -s "$out" ]] || die "import wrote nothing to $out"
echo "$out"
[[ -z "$cmd_exited" ]] || exit 1
