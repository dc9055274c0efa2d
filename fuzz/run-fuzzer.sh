#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Usage: [FUZZ_SEED=N] run-fuzzer.sh FUZZER SECONDS SEED_DIR...
# Replays every input kept in fuzz/regressions/NAME (inputs that once
# crashed), then fuzzes for SECONDS from the seeds, in a corpus of its own.
# A crash leaves its input in that folder, which is kept and named.
# The test command fixes FUZZ_SEED, so that its 30 s are the start of the
# long runs made before a change lands and a CI run cannot fail on luck;
# FUZZ_SEED=0 lets libFuzzer pick a new seed, for exploring.
set -u
fuzzer=$1; seconds=$2; shift 2
name=$(basename "$fuzzer")
regressions="$(dirname "$0")/regressions/${name#fuzz-}"

kept=$(find "$regressions" -type f ! -name .keep 2>/dev/null)
if [ -n "$kept" ]; then
  # shellcheck disable=SC2086 # one argument a file; no file name has a space
  "$fuzzer" -runs=0 $kept || exit 1
fi

corpus=$(mktemp -d "${TMPDIR:-/tmp}/rehearse-$name-XXXXXX")
# A parse may take memory and time, never gigabytes or a minute (the
# limit is loose: a busy machine once stalled an ordinary input 11 s).
if "$fuzzer" -seed="${FUZZ_SEED:-0}" -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=60 \
     -artifact_prefix="$corpus/" "$corpus" "$@"; then
  rm -rf "$corpus"
  exit 0
fi
echo "$name failed: its input is kept in $corpus (copy it to $regressions)" >&2
exit 1
