#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Builds Rehearse and runs it, uninstalled, with the bundled Docker deck.
set -euo pipefail
cd "$(dirname "$0")/.."

bash build-aux/install-deps.sh
if [ -d build ]; then
  meson setup build --reconfigure
else
  meson setup build
fi
meson compile -C build

if [ -x build/src/rehearse ]; then
  exec meson devenv -C build rehearse "$@"
fi

# Until the window exists: the bundled deck through rehearse-cli, in a
# throw-away library.
library=$(mktemp -d)/library.db
meson devenv -C build rehearse-cli --db "$library" import "$PWD/data/decks/docker-interview-questions"
meson devenv -C build rehearse-cli --db "$library" topics
meson devenv -C build rehearse-cli --db "$library" show docker-interview-questions/301
