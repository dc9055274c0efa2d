#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Takes the README's screenshots from the real app under a virtual display:
# light, dark, and narrow (360 px), notes, a quiz (question, answer
# revealed with its key points, summary), and the progress page. Usage: build-aux/screenshots.sh
# [BUILD_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
out=data/screenshots
mkdir -p "$out"

profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
export XDG_DATA_HOME=$profile/data XDG_CONFIG_HOME=$profile/config GSETTINGS_BACKEND=keyfile
export GSETTINGS_SCHEMA_DIR=$PWD/$build/data REHEARSE_BUNDLED_DECKS_DIR=$PWD/data/decks
export GDK_BACKEND=x11

shoot () {  # NAME WIDTH HEIGHT SCHEME QUESTION [X Y to click before the shot]
  local name=$1 width=$2 height=$3 scheme=$4 question=$5 click=${6:+xdotool mousemove $6 $7 click 1}
  xvfb-run -a -s "-screen 0 ${width}x${height}x24" dbus-run-session -- bash -c "
    gsettings set io.github.rehearse.Rehearse color-scheme $scheme
    gsettings set io.github.rehearse.Rehearse window-width $width
    gsettings set io.github.rehearse.Rehearse window-height $height
    gsettings set io.github.rehearse.Rehearse last-question '$question'
    $build/src/rehearse & pid=\$!
    sleep 4
    ${click:-true}
    sleep 1
    import -window root '$out/$name.png'
    kill \$pid"
}

# A quiz of the first 20 questions (Ctrl+R, Start): the first card, an
# answer typed and revealed, then every card graded, two of them missed.
shoot_quiz () {  # PREFIX WIDTH HEIGHT SCHEME
  local prefix=$1 width=$2 height=$3 scheme=$4
  xvfb-run -a -s "-screen 0 ${width}x${height}x24" dbus-run-session -- bash -c "
    gsettings set io.github.rehearse.Rehearse color-scheme $scheme
    gsettings set io.github.rehearse.Rehearse window-width $width
    gsettings set io.github.rehearse.Rehearse window-height $height
    $build/src/rehearse & pid=\$!
    sleep 4
    xdotool key ctrl+r; sleep 2; xdotool key Return; sleep 2
    import -window root '$out/$prefix-question.png'
    xdotool type --delay 40 'A lightweight alternative to containers: smaller binaries, faster startup'
    xdotool key ctrl+Return; sleep 2
    import -window root '$out/$prefix-revealed.png'
    xdotool key 2
    for grade in 3 1 3 4 3 3 3 2 3 3 1 3 3 4 3 3 3 3 3; do
      sleep 0.5; xdotool key space; sleep 0.5; xdotool key \$grade
    done
    sleep 2
    import -window root '$out/$prefix-summary.png'
    kill \$pid"
}

# A first run imports the bundled deck.
shoot first 1100 760 default docker-interview-questions/301 >/dev/null 2>&1 || true
rm -f "$out/first.png"
shoot light 1100 760 light docker-interview-questions/319
shoot dark 1100 760 dark docker-interview-questions/312
shoot narrow 360 720 default docker-interview-questions/358

# Bookmarks with labels and a note, the Bookmarked collection open.
cli="$build/src/rehearse-cli --db $XDG_DATA_HOME/io.github.rehearse.Rehearse/library.db"
$cli bookmark docker-interview-questions/304 --label weak >/dev/null
$cli bookmark docker-interview-questions/352 --label "asked at ACME" >/dev/null
$cli bookmark docker-interview-questions/303 --label "asked at ACME" >/dev/null
$cli note docker-interview-questions/303 - >/dev/null <<'NOTE'
Kata = **a lightweight VM per pod**, not a shared kernel.

- compare with gVisor (user-space kernel, 304)
- asked at ACME: when is the VM overhead worth it?
NOTE
shoot notes 1100 760 default docker-interview-questions/303 100 155
shoot_quiz quiz 1100 760 default

# Five months of reviews and an interview in three weeks: the progress page.
python3 build-aux/made-up-history.py "$build/src/rehearse-cli" \
  "$XDG_DATA_HOME/io.github.rehearse.Rehearse/library.db" >/dev/null
$cli plan --set-date "$(date -d '+21 days' +%F)" --daily-minutes 30 >/dev/null
shoot_progress () {  # NAME WIDTH HEIGHT SCHEME
  local name=$1 width=$2 height=$3 scheme=$4
  xvfb-run -a -s "-screen 0 ${width}x${height}x24" dbus-run-session -- bash -c "
    gsettings set io.github.rehearse.Rehearse color-scheme $scheme
    gsettings set io.github.rehearse.Rehearse window-width $width
    gsettings set io.github.rehearse.Rehearse window-height $height
    $build/src/rehearse & pid=\$!
    sleep 4
    xdotool key ctrl+shift+p
    sleep 3
    import -window root '$out/$name.png'
    kill \$pid"
}
shoot_progress progress 1100 760 default
echo "Screenshots in $out/"
