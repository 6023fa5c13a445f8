#!/usr/bin/env bash
# Regenerates the committed PNG/ICO icon resources from the hand-written SVGs in svg/.
#
# This is a developer step, not part of the build: Maven only packages what this script
# wrote into src/main/resources/dev/keydesk/icons/, so run it after editing an SVG and
# commit the results alongside the SVG.
#
# Needs: rsvg-convert (Debian: librsvg2-bin) and, for keydesk.ico, ImageMagick.
#   apt-get update && apt-get install -y librsvg2-bin imagemagick
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
src="$here/svg"
out="$here/src/main/resources/dev/keydesk/icons"

command -v rsvg-convert >/dev/null || {
  echo "render.sh: rsvg-convert not found (apt-get install -y librsvg2-bin)" >&2; exit 1; }

mkdir -p "$out"

render() { # render SVG SIZE OUT
  rsvg-convert --width "$2" --height "$2" --keep-aspect-ratio --format png "$1" --output "$3"
}

# App icon. 16 and 24 px come from the hand-hinted small variants; the rest from the master.
app_sizes=(16 24 32 48 64 128 256 512)
for s in "${app_sizes[@]}"; do
  case "$s" in
    16) svg="$src/keydesk-16.svg" ;;
    24) svg="$src/keydesk-24.svg" ;;
    *)  svg="$src/keydesk.svg" ;;
  esac
  render "$svg" "$s" "$out/keydesk-$s.png"
done

# Environment badges, at 1x and 2x (HiDPI).
for env in production staging sandbox; do
  for s in 16 32; do
    render "$src/env-$env.svg" "$s" "$out/env-$env-$s.png"
  done
done

# Sources ship too (AppIcons.svgSource), e.g. for the About dialog or SVGPath extraction.
cp "$src"/*.svg "$out/"

# Windows icon (installer / jpackage --icon). Optional: skipped without ImageMagick.
if command -v magick >/dev/null; then im=(magick)
elif command -v convert >/dev/null && convert -version 2>/dev/null | grep -q ImageMagick; then im=(convert)
else im=()
fi
if ((${#im[@]})); then
  "${im[@]}" "$out"/keydesk-{16,24,32,48,64,128,256}.png "$out/keydesk.ico"
else
  echo "render.sh: ImageMagick not found, keydesk.ico left as it was" >&2
fi

echo "render.sh: wrote $(find "$out" -maxdepth 1 -type f | wc -l) files to ${out#"$here/"}"
