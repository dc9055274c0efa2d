#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Builds with warnings as errors and runs every test suite twice: plain, and
# under AddressSanitizer + UndefinedBehaviorSanitizer; then each libFuzzer
# target for 30 s (clang). UI tests run under a virtual X display.
set -euo pipefail
cd "$(dirname "$0")/.."

bash build-aux/install-deps.sh

setup () {
  local dir=$1; shift
  if [ -d "$dir" ]; then
    meson setup "$dir" --reconfigure -Dwerror=true "$@"
  else
    meson setup "$dir" -Dwerror=true "$@"
  fi
  meson compile -C "$dir"
}

setup build
setup build-sanitized -Db_sanitize=address,undefined -Db_lundef=false
CC=clang setup build-fuzz -Dfuzzing=true -Dtests=false -Db_sanitize=address,undefined \
  -Db_lundef=false

status=0
xvfb-run -a -s "-screen 0 1280x800x24" meson test -C build --print-errorlogs || status=1
xvfb-run -a -s "-screen 0 1280x800x24" \
  meson test -C build-sanitized --setup=sanitized --print-errorlogs || status=1
meson test -C build-fuzz --suite fuzz --print-errorlogs || status=1

# One closing line over both runs, counted from meson's own logs.
python3 - build/meson-logs/testlog.json build-sanitized/meson-logs/testlog-sanitized.json \
  build-fuzz/meson-logs/testlog.json <<'PY'
import json, sys
passed = failed = skipped = 0
for path in sys.argv[1:]:
    for line in open(path):
        result = json.loads(line)["result"]
        if result in ("OK", "EXPECTEDFAIL"):
            passed += 1
        elif result == "SKIP":
            skipped += 1
        else:
            failed += 1
print(f"Tests: {passed} passed, {failed} failed, {skipped} skipped")
PY
exit $status
