#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The data files as GNOME reads them: the metainfo passes appstreamcli
# validate with nothing to say but Debian 0.16's notice about <developer>,
# the desktop file passes desktop-file-validate silently, the schema
# compiles with --strict, and both the desktop file and the metainfo come
# out of the build translated (German). A check whose tool is missing is
# skipped, saying which package brings it. TAP output.
# Usage: test-data-files.sh METAINFO DESKTOP SCHEMA_DIR
set -u
metainfo=$1 desktop=$2 schema_dir=$3
count=0
failed=0

result () {  # STATUS NAME [OUTPUT]
  count=$((count + 1))
  case $1 in
    ok) echo "ok $count - $2" ;;
    skip) echo "ok $count - $2 # SKIP $3" ;;
    *) echo "not ok $count - $2"; sed 's/^/# /' <<<"${3:-}"; failed=$((failed + 1)) ;;
  esac
}

echo "1..5"

if command -v appstreamcli >/dev/null; then
  output=$(appstreamcli validate --no-net --explain "$metainfo" 2>&1)
  status=$?
  # Messages are "T: component:line: tag …"; Debian 12's appstream 0.16
  # does not know <developer> yet, which later versions ask for.
  unexpected=$(grep -E '^[EWI]: ' <<<"$output" | grep -vE ': unknown-tag developer$')
  if [ $status -eq 0 ] && [ -z "$unexpected" ]; then
    result ok "the metainfo validates"
  else
    result fail "the metainfo validates" "$output"
  fi
else
  result skip "the metainfo validates" "no appstreamcli (install appstream)"
fi

if command -v desktop-file-validate >/dev/null; then
  output=$(desktop-file-validate "$desktop" 2>&1)
  if [ $? -eq 0 ] && [ -z "$output" ]; then
    result ok "the desktop file validates"
  else
    result fail "the desktop file validates" "$output"
  fi
else
  result skip "the desktop file validates" "no desktop-file-validate (install desktop-file-utils)"
fi

if command -v glib-compile-schemas >/dev/null; then
  output=$(glib-compile-schemas --strict --dry-run "$schema_dir" 2>&1)
  if [ $? -eq 0 ] && [ -z "$output" ]; then
    result ok "the schema compiles with --strict"
  else
    result fail "the schema compiles with --strict" "$output"
  fi
else
  result skip "the schema compiles with --strict" "no glib-compile-schemas (install libglib2.0-bin)"
fi

if grep -qx 'Comment\[de\]=Fragen und Antworten für Vorstellungsgespräche lernen' "$desktop"; then
  result ok "the desktop file is translated"
else
  result fail "the desktop file is translated" "$(grep '^Comment' "$desktop")"
fi

if grep -q '<summary xml:lang="de">Fragen und Antworten für Vorstellungsgespräche lernen</summary>' \
     "$metainfo" && grep -q '<caption xml:lang="de">' "$metainfo"; then
  result ok "the metainfo is translated, its screenshots' captions too"
else
  result fail "the metainfo is translated, its screenshots' captions too" "$(grep 'xml:lang' "$metainfo")"
fi

[ $failed -eq 0 ]
