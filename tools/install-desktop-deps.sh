#!/usr/bin/env bash
# Installs, from Debian's packages, what tools/screenshot.sh needs to run a desktop
# program (the KeyDesk JavaFX app included) under a virtual X server and photograph it.
#
# Idempotent and quiet: installs only what is missing, prints one line, and shows apt's
# output only when it fails. Runs apt-get as root, or through sudo when not root.
#
#   tools/install-desktop-deps.sh            # install what is missing
#   tools/install-desktop-deps.sh --check    # only report; exit 1 if something is missing
set -euo pipefail

packages=(
  xvfb             # the virtual X server
  xauth            # X authority cookies (screenshot.sh, xvfb-run)
  imagemagick      # `import` takes the screenshot; `convert`/`magick` to crop or compare
  xdotool          # find, focus, click, type into windows of the program under test
  x11-utils        # xdpyinfo, xwininfo, xprop, xmessage: inspection and a trivial test client
  libgtk-3-0       # JavaFX's glass toolkit on Linux is GTK 3
  libxtst6         # linked by JavaFX glass and AWT
  libxxf86vm1      # linked by JavaFX prism (es2)
  libgl1           # GL for prism es2 (it falls back to the software pipeline without it)
  fonts-dejavu-core  # at least one font, or text renders as boxes / JavaFX warns
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed'; then
    missing+=("$p")
  fi
done

if ((${#missing[@]} == 0)); then
  echo "install-desktop-deps: all ${#packages[@]} packages already installed"
  exit 0
fi
if [[ "${1:-}" == "--check" ]]; then
  echo "install-desktop-deps: missing: ${missing[*]}" >&2
  exit 1
fi

if ((EUID == 0)); then
  as_root=()
elif command -v sudo >/dev/null; then
  as_root=(sudo -n)
else
  echo "install-desktop-deps: need root (or sudo) to install: ${missing[*]}" >&2
  exit 1
fi

log="$(mktemp "${TMPDIR:-/tmp}/install-desktop-deps.XXXXXX.log")"
trap 'rm -f "$log"' EXIT
export DEBIAN_FRONTEND=noninteractive
if ! { "${as_root[@]}" apt-get update -qq &&
       "${as_root[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"; } >"$log" 2>&1; then
  echo "install-desktop-deps: apt-get failed installing: ${missing[*]}" >&2
  cat "$log" >&2
  exit 1
fi
echo "install-desktop-deps: installed ${missing[*]}"
