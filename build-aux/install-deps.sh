#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Installs what Rehearse needs to build, run and test on Debian 12.
set -euo pipefail

packages=(
  # build
  gcc libc6-dev pkg-config meson ninja-build gettext
  libglib2.0-dev libglib2.0-dev-bin libgtk-4-dev libadwaita-1-dev libgtksourceview-5-dev
  libsqlite3-dev libjson-glib-dev  # cmark-gfm: subprojects/, Debian's is too old
  libgtk-4-bin  # gtk4-encode-symbolic-svg pre-renders the app's own icons
  libx11-dev libxdamage-dev  # bench-peer watches windows from outside
  clang libclang-rt-14-dev   # the libFuzzer targets (fuzz/)
  # what GTK loads at run time (theme icons may be SVG; settings persist through dconf)
  librsvg2-common adwaita-icon-theme hicolor-icon-theme shared-mime-info
  dconf-gsettings-backend gsettings-desktop-schemas
  # data validation
  desktop-file-utils appstream
  # German in the tests: they compile de_DE.UTF-8 from its sources (localedef)
  locales
  # a real window under a virtual display, driven through AT-SPI
  xvfb xauth dbus dbus-x11 at-spi2-core python3 python3-gi gir1.2-atspi-2.0 xdotool
  fonts-noto-color-emoji fonts-cantarell imagemagick
)

sudo=""
if [ "$(id -u)" -ne 0 ]; then
  sudo="sudo"
fi

missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" \
    || missing+=("$package")
done

if [ ${#missing[@]} -gt 0 ]; then
  $sudo apt-get update
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y --no-install-recommends "${missing[@]}"
fi
