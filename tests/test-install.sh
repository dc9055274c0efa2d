#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# `meson install --destdir` into a temporary folder, then: every file where
# GNOME looks for it (desktop file, metainfo, icons, schema, translations,
# the bundled deck, a D-Bus service if the desktop file asks for D-Bus
# activation), and the installed programs start from there: rehearse-cli
# imports the installed deck and speaks German with the installed
# translations; the app stays up under the display when there is one.
# TAP output. Usage: test-install.sh BUILD_DIR BINDIR DATADIR LOCALEDIR APP_ID
set -u
build=$1 bindir=$2 datadir=$3 localedir=$4 app_id=$5
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
dest=$work/dest
count=0
failed=0

result () {  # NAME STATUS [DETAIL]
  count=$((count + 1))
  if [ "$2" = ok ]; then
    echo "ok $count - $1"
  elif [ "$2" = skip ]; then
    echo "ok $count - $1 # SKIP $3"
  else
    echo "not ok $count - $1"
    [ -n "${3:-}" ] && sed 's/^/# /' <<<"$3"
    failed=$((failed + 1))
  fi
}

installed () {  # NAME PATH: a file installed at PATH (below the destdir)
  if [ -s "$dest$2" ]; then result "$1" ok; else result "$1" fail "missing: $2"; fi
}

echo "1..15"

if output=$(meson install -C "$build" --destdir "$dest" --no-rebuild --quiet 2>&1); then
  result "meson install --destdir" ok
else
  result "meson install --destdir" fail "$output"
fi

desktop=$datadir/applications/$app_id.desktop
installed "the programs in bindir" "$bindir/rehearse-cli"
installed "the desktop file in applications/" "$desktop"
installed "the metainfo in metainfo/" "$datadir/metainfo/$app_id.metainfo.xml"
installed "the schema in glib-2.0/schemas/" "$datadir/glib-2.0/schemas/$app_id.gschema.xml"
installed "the German translation in locale/" "$localedir/de/LC_MESSAGES/rehearse.mo"
installed "the bundled deck" "$datadir/rehearse/decks/docker-interview-questions/301-350-expert-docker-experimental-tech.md"

# GNOME Software shows 64 and 128 px icons that appstream makes from the
# scalable one (no PNG needed); the shell and panels the symbolic one.
icon=$dest$datadir/icons/hicolor/scalable/apps/$app_id.svg
if [ -s "$icon" ] && grep -q 'viewBox="0 0 128 128"' "$icon"; then
  result "the app icon, scalable, drawn on GNOME's 128 px grid" ok
else
  result "the app icon, scalable, drawn on GNOME's 128 px grid" fail "$icon"
fi
installed "the symbolic icon" "$datadir/icons/hicolor/symbolic/apps/$app_id-symbolic.svg"

# The desktop file names what was installed.
if grep -qx "Icon=$app_id" "$dest$desktop" && grep -q "^Exec=rehearse\b" "$dest$desktop" \
   && [ -x "$dest$bindir/rehearse" ]; then
  result "the desktop file's Icon and Exec are installed" ok
else
  result "the desktop file's Icon and Exec are installed" fail "$(cat "$dest$desktop")"
fi
if grep -q "<launchable type=\"desktop-id\">$app_id.desktop</launchable>" \
     "$dest$datadir/metainfo/$app_id.metainfo.xml"; then
  result "the metainfo launches the installed desktop file" ok
else
  result "the metainfo launches the installed desktop file" fail
fi
if grep -qix 'DBusActivatable=true' "$dest$desktop"; then
  installed "the D-Bus service of a D-Bus activatable app" "$datadir/dbus-1/services/$app_id.service"
else
  result "no D-Bus service needed: the desktop file is not DBusActivatable" ok
fi

# The installed rehearse-cli, with the installed deck and translations.
cli=$dest$bindir/rehearse-cli
deck=$dest$datadir/rehearse/decks/docker-interview-questions
output=$("$cli" --db "$work/library.db" import "$deck" 2>&1 \
         && "$cli" --db "$work/library.db" list 2>&1)
if grep -q '100 questions' <<<"$output" && [ "$(grep -c $'^docker-interview-questions/[0-9]*\t' <<<"$output")" -eq 100 ]; then
  result "the installed rehearse-cli imports the installed deck" ok
else
  result "the installed rehearse-cli imports the installed deck" fail "$output"
fi

source_dir=$(dirname "$0")
if locpath=$(sh "$source_dir/german-locale.sh" "$work"); then
  output=$(LOCPATH=${locpath:-${LOCPATH:-}} LC_ALL=de_DE.UTF-8 LANGUAGE=de \
           REHEARSE_LOCALEDIR="$dest$localedir" "$cli" --help 2>&1)
  if grep -q '^Befehle:' <<<"$output"; then
    result "the installed translation is read" ok
  else
    result "the installed translation is read" fail "$output"
  fi
else
  result "the installed translation is read" skip "no German locale"
fi

# The app, from the destdir: its schema compiled there (meson compiles
# schemas only when installing for real), its deck and icons there.
if [ -n "${DISPLAY:-}" ] && command -v dbus-run-session >/dev/null; then
  glib-compile-schemas "$dest$datadir/glib-2.0/schemas"
  GSETTINGS_SCHEMA_DIR=$dest$datadir/glib-2.0/schemas GSETTINGS_BACKEND=memory \
    REHEARSE_BUNDLED_DECKS_DIR=$deck XDG_DATA_HOME=$work/data XDG_CONFIG_HOME=$work/config \
    XDG_DATA_DIRS=$dest$datadir:${XDG_DATA_DIRS:-/usr/local/share:/usr/share} \
    timeout 5 dbus-run-session -- "$dest$bindir/rehearse" >"$work/app.log" 2>&1
  status=$?
  # Still running when timeout stopped it (124): it started and stayed up.
  if [ $status -eq 124 ]; then
    result "the installed app starts and stays up" ok
  else
    result "the installed app starts and stays up" fail "exit status $status
$(tail -20 "$work/app.log")"
  fi
else
  result "the installed app starts and stays up" skip "no display"
fi

[ $failed -eq 0 ]
