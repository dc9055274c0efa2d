#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Usage: german-locale.sh DIR. Prints the LOCPATH under which the
# de_DE.UTF-8 locale exists: nothing when the system has it, else DIR,
# where it is compiled from the `locales` package's sources (no root
# needed). Exits 77, the skip status, when neither can be.
dir=$1

if locale -a 2>/dev/null | grep -qix 'de_DE.utf-\{0,1\}8'; then
  exit 0
fi
if ! command -v localedef >/dev/null || [ ! -e /usr/share/i18n/locales/de_DE ]; then
  echo "no de_DE.UTF-8 locale and no localedef to make one (install the locales package)" >&2
  exit 77
fi
localedef -i de_DE -f UTF-8 "$dir/de_DE.UTF-8" >/dev/null 2>&1
if [ ! -e "$dir/de_DE.UTF-8/LC_MESSAGES" ]; then
  echo "localedef could not make de_DE.UTF-8 in $dir" >&2
  exit 77
fi
echo "$dir"
