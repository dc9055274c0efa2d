#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Every source file with translatable text is listed in po/POTFILES.in, and
# every file listed there exists: otherwise its strings never reach
# translators, or xgettext stops.
set -euo pipefail
cd "$(dirname "$0")/.."

listed=$(sed -e '/^#/d' -e '/^$/d' po/POTFILES.in)
status=0

for file in $listed; do
  if [ ! -f "$file" ]; then
    echo "po/POTFILES.in lists $file, which does not exist"
    status=1
  fi
done

for file in $(grep -rlE '\b(N?C?_|g_dngettext|ngettext)\(|translatable="yes"' src --include='*.c' --include='*.ui' | sort); do
  if ! grep -qxF "$file" <<<"$listed"; then
    echo "$file has translatable text but is not in po/POTFILES.in"
    status=1
  fi
done

# Sorted, so that branches adding files merge without conflicts.
if ! sed -e '/^#/d' -e '/^$/d' po/POTFILES.in | LC_ALL=C sort -c 2>/dev/null; then
  echo "po/POTFILES.in is not sorted (LC_ALL=C sort)"
  status=1
fi

exit $status
