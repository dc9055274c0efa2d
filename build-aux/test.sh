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

# One closing line over all three runs, counted from meson's own logs, after
# the name and the last lines of every test that did not pass. It is also
# written to build/test-summary.txt, which .ci/run prints again at its very
# end: CI shows only the tail of what it ran.
python3 - build/meson-logs/testlog.json build-sanitized/meson-logs/testlog-sanitized.json \
  build-fuzz/meson-logs/testlog.json <<'PY' | tee build/test-summary.txt
import json, sys
passed = failed = skipped = 0
for path in sys.argv[1:]:
    for line in open(path):
        test = json.loads(line)
        result = test["result"]
        if result in ("OK", "EXPECTEDFAIL"):
            passed += 1
        elif result == "SKIP":
            skipped += 1
        else:
            failed += 1
            print(f"== {result}: {test['name']} ({path.split('/')[0]})")
            for stream in ("stdout", "stderr"):
                lines = (test.get(stream) or "").splitlines()
                tail = [line for line in lines if not line.endswith("- not reached")][-25:]
                print("\n".join(f"   {line}" for line in tail))
print(f"Tests: {passed} passed, {failed} failed, {skipped} skipped")
PY
exit $status
