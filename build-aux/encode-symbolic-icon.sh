#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# encode-symbolic-icon.sh ENCODER SVG SIZE OUTPUT
# Renders a symbolic SVG icon at SIZE×SIZE pixels as GTK's pre-rendered
# ".symbolic.png" (still recoloured by the theme), so that showing it does not
# load librsvg: about 6 MB of resident memory and a dlopen at start-up.
set -eu
encoder=$1 svg=$2 size=$3 output=$4
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
"$encoder" -o "$dir" "$svg" "${size}x${size}"
mv "$dir"/*.symbolic.png "$output"
