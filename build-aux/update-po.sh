#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The translations against the strings in the sources (po/POTFILES.in),
# extracted as `i18n.gettext(preset: 'glib')` does.
#
#   build-aux/update-po.sh          merges each po/LL.po listed in po/LINGUAS with
#                                   them (msgmerge): new strings arrive untranslated,
#                                   changed ones fuzzy; then lists what needs work.
#                                   Also `meson compile -C build update-po`.
#   build-aux/update-po.sh --check  changes nothing; fails naming every message a
#                                   translation lacks or marks fuzzy, and any
#                                   msgfmt --check error (the data test).
set -euo pipefail
cd "$(dirname "$0")/.."

check=false
if [ "${1:-}" = "--check" ]; then
  check=true
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

xgettext --package-name=rehearse --directory=. --files-from=po/POTFILES.in \
  --output="$work/rehearse.pot" --from-code=UTF-8 --add-comments \
  --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 --keyword=g_dcgettext:2 \
  --keyword=g_dngettext:2,3 --keyword=g_dpgettext2:2c,3 \
  --flag=N_:1:pass-c-format --flag=C_:2:pass-c-format --flag=NC_:2:pass-c-format \
  --flag=g_dngettext:2:pass-c-format --flag=g_strdup_printf:1:c-format \
  --flag=g_string_printf:2:c-format --flag=g_string_append_printf:2:c-format \
  --flag=g_error_new:3:c-format --flag=g_set_error:4:c-format \
  --flag=g_markup_printf_escaped:1:c-format --flag=g_log:3:c-format \
  --flag=g_print:1:c-format --flag=g_printerr:1:c-format --flag=g_printf:1:c-format \
  --flag=g_fprintf:2:c-format --flag=g_sprintf:2:c-format --flag=g_snprintf:3:c-format

# The msgids of the entries msgattrib selects, one a line.
msgids () {
  msgattrib "$@" --no-obsolete --no-wrap --no-location \
    | sed -n -e 's/^msgctxt "\(.*\)"$/[\1] /p' -e 's/^msgid "\(..*\)"$/\1/p' \
    | sed -e '/^\[.*\] $/{N;s/\n//}'
}

status=0
for language in $(sed -e 's/#.*//' po/LINGUAS); do
  po=po/$language.po
  merged=$work/$language.po

  if ! msgfmt --check --output-file=/dev/null "$po"; then
    echo "$po: msgfmt --check fails (above)"
    status=1
  fi

  msgmerge --quiet --previous --output-file="$merged" "$po" "$work/rehearse.pot"
  if ! $check; then
    cp "$merged" "$po"
  fi

  untranslated=$(msgids --untranslated "$merged")
  fuzzy=$(msgids --only-fuzzy "$merged" | grep -v '^$' || true)
  echo "$po: $(msgfmt --statistics --output-file=/dev/null "$merged" 2>&1)"
  if [ -n "$untranslated" ] || [ -n "$fuzzy" ]; then
    status=1
    [ -n "$untranslated" ] && sed "s|^|$po: untranslated: |" <<<"$untranslated"
    [ -n "$fuzzy" ] && sed "s|^|$po: fuzzy: |" <<<"$fuzzy"
  fi
done

if [ $status -ne 0 ]; then
  if $check; then
    echo "Run build-aux/update-po.sh (or meson compile -C build update-po), then translate" \
         "the messages above in po/LL.po and remove their fuzzy flags."
  else
    echo "Translate the messages above in po/LL.po and remove their fuzzy flags."
  fi
fi
exit $status
