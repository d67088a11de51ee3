#!/usr/bin/env bash
# Regenerates the committed raster icons from the SVG sources in this directory. Run it after
# changing an SVG and commit the results; the build itself only reads the committed files.
# Needs: rsvg-convert (librsvg2-bin), icotool (icoutils), png2icns (icnsutils).
#
#   app/watchroom-<N>.png        16, 22, 24 from watchroom-small.svg; 32 … 512 from watchroom.svg
#   watchroom.ico                16, 24, 32, 48, 64 and 256 (PNG-compressed) for Windows
#   watchroom.icns               16 … 512 for macOS
#   toolbar/{light,dark}/<name>.png and <name>@2x.png (24 and 48 px): toolbar icons drawn dark
#                                for light themes and light for dark themes
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

for size in 16 22 24; do
    rsvg-convert -w $size -h $size watchroom-small.svg -o app/watchroom-$size.png
done
for size in 32 48 64 128 256 512; do
    rsvg-convert -w $size -h $size watchroom.svg -o app/watchroom-$size.png
done
icotool -c -o watchroom.ico app/watchroom-{16,24,32,48,64}.png -r app/watchroom-256.png
png2icns watchroom.icns app/watchroom-{16,32,48,128,256,512}.png >/dev/null

# The toolbar SVGs draw with currentColor; the root's color attribute is the light-theme ink.
declare -A ink=([light]='#232629' [dark]='#eff0f1')
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for theme in light dark; do
    mkdir -p toolbar/$theme
    for svg in toolbar/*.svg; do
        name=$(basename "$svg" .svg)
        sed "s/color=\"#232629\"/color=\"${ink[$theme]}\"/" "$svg" >"$tmp/$name.svg"
        rsvg-convert -w 24 -h 24 "$tmp/$name.svg" -o toolbar/$theme/$name.png
        rsvg-convert -w 48 -h 48 "$tmp/$name.svg" -o toolbar/$theme/$name@2x.png
    done
done
