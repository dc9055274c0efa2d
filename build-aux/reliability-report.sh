#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Usage: build-aux/reliability-report.sh [BUILD_DIR]   (default: build)
#
# Runs the tests that put Rehearse through failures (faults injected into
# SQLite, kills, damaged files, hostile Markdown, read-only and full disks,
# a held write lock), then prints one table: each failure, what the user
# sees, the tests that cover it, their latest figures and their result; and
# writes the same into tests/RELIABILITY.md. The UI tests need a display:
# under xvfb-run when there is none. The fuzzers are not run here (ten
# minutes a target: fuzz/run-fuzzer.sh); their kept crashing inputs are
# counted. Exits 1 when a test failed.
set -u
cd "$(dirname "$0")/.." || exit 2
build=${1:-build}

if [ ! -f "$build/build.ninja" ]; then
  echo "reliability-report: no build in $build (meson setup $build -Dwerror=true)" >&2
  exit 2
fi
meson compile -C "$build" >/dev/null || exit 2

core_tests="faults crash-safety salvage hostile-import cli"
ui_tests="note-editor window"
# One run, so that meson's testlog.json holds every figure.
if [ -z "${DISPLAY:-}" ] && ! command -v xvfb-run >/dev/null; then
  echo "reliability-report: no display and no xvfb-run: the UI tests are not run" >&2
  ui_tests=""
fi
if [ -n "${DISPLAY:-}" ] || [ -z "$ui_tests" ]; then
  # shellcheck disable=SC2086 # the lists are words
  meson test -C "$build" --no-rebuild $core_tests $ui_tests >/dev/null
else
  # shellcheck disable=SC2086
  xvfb-run -a -s "-screen 0 1280x800x24" \
    meson test -C "$build" --no-rebuild $core_tests $ui_tests >/dev/null
fi
status=$?

python3 - "$build/meson-logs/testlog.json" "$(git rev-parse --short HEAD 2>/dev/null)" \
  "$(git status --porcelain 2>/dev/null | head -1)" <<'PY'
import datetime, json, os, re, sys

log_path, commit, dirty = sys.argv[1:4]

# Per test program, per subtest: result and the messages it printed
# (g_test_message's "# ..." lines come before the subtest's "ok" line).
results = {}
for line in open(log_path, encoding="utf-8"):
    record = json.loads(line)
    name = record["name"].split(" / ")[-1]
    subtests, pending = {}, []
    for out in record["stdout"].splitlines():
        match = re.match(r"(not ok|ok) \d+ (?:- )?(.*)", out)
        if match:
            subtests[match.group(2).strip()] = (match.group(1) == "ok", pending)
            pending = []
        elif out.startswith("# ") and not re.match(r"# (random seed|Start of|End of|\w+-\w+-DEBUG|GLib)", out):
            pending.append(out[2:].strip())
    results[name] = (record["result"], subtests)

def cell(test, subtest=None, figures=()):
    """One test in the table: its name, result and the figures printed."""
    if test not in results:
        return f"`{test}`", [], "not run"
    result, subtests = results[test]
    label = f"`{test}`" if subtest is None else f"`{test}` {subtest}"
    if subtest is None:
        ok = result == "OK"
        messages = [m for _, (_, ms) in subtests.items() for m in ms]
    else:
        found = [(k, v) for k, v in subtests.items() if k == subtest or k.endswith(subtest)]
        if not found:
            return label, [], "missing"
        ok = all(v[0] for _, v in found)
        messages = [m for _, (_, ms) in found for m in ms]
    shown = [m for m in messages for pattern in figures if re.search(pattern, m)]
    return label, shown, "pass" if ok else "FAIL"

def hostile_summary():
    if "hostile-import" not in results:
        return ["not run"]
    _, subtests = results["hostile-import"]
    times = []
    for _, (_, messages) in subtests.items():
        for m in messages:
            match = re.match(r"(.*): (\d+) bytes, (\d+) questions, imported in (\d+) ms", m)
            if match:
                times.append((int(match.group(4)), match.group(1), int(match.group(2))))
    if not times:
        return []
    slowest = max(times)
    return [f"{len(times)} cases, {sum(t[2] for t in times) / 1e6:.1f} MB in all; slowest "
            f"“{slowest[1]}”: {slowest[0]} ms ({slowest[2] / 1e6:.2f} MB)"]

# Each failure: what the user sees, and the tests (program, subtest, the
# figures to show) that cover it.
rows = [
    ("Disk full or I/O error at each write of an import",
     "The import fails naming the file and the reason (“the disk is full”, “disk I/O error”); "
     "the deck stays as it was",
     [("faults", "/faults/import", [r"^faults import"])]),
    ("… of a note save",
     "“Not Saved” and the reason; the text stays in the editor and in a draft file",
     [("faults", "/faults/note", [r"^faults note"]),
      ("note-editor", "/note-editor/refused-save-keeps-the-text", []),
      ("window", "/window/close-keeps-a-refused-note", []),
      ("window", "/window/quit-keeps-a-draft", [])]),
    ("… of a bookmark", "The star goes back and the reason is shown",
     [("faults", "/faults/bookmark", [r"^faults bookmark"])]),
    ("… of a review", "The grade is not counted and the reason is shown",
     [("faults", "/faults/review", [r"^faults review"])]),
    ("… of a backup", "The backup fails; no partial backup is left, the library is untouched",
     [("faults", "/faults/backup", [r"^faults backup"])]),
    ("Library file or folder read-only",
     "A banner: “This library is read-only: changes cannot be saved. The file “…” cannot be "
     "written.”; Edit, Add Note and the bookmark are insensitive; reading, search, check and "
     "export work",
     [("faults", "/faults/read-only-file", []),
      ("window", "/window/read-only-library-said", []),
      ("cli", "check works on a read-only library", []),
      ("cli", "a save into a read-only library says so, naming it", [])]),
    ("Disk full when the library is opened",
     "Opened read-only without shared memory; the banner says “The disk that holds “…” is "
     "full.”; reading and exporting notes work; a save says “Not saved: the disk is full”",
     [("faults", "/faults/disk-full-at-open", []),
      ("window", "/window/full-disk-said", [])]),
    ("A note save waits for the write lock (another program holds it, up to 60 s)",
     "“Saving”; the text is written to a draft file within 0.5 s, so a crash meanwhile loses "
     "nothing and the next start offers it back",
     [("note-editor", "/note-editor/draft-while-waiting-for-the-lock", [r"^draft written"]),
      ("window", "/window/crash-while-waiting-leaves-a-draft", [])]),
    ("Crash (SIGKILL) with a refused note",
     "The next start offers the unsaved note back",
     [("window", "/window/crash-leaves-a-draft", [])]),
    ("Crash (SIGKILL) during note and bookmark saves",
     "Every save that returned is in the library after the restart",
     [("crash-safety", None, [r"^crash safety: runs"])]),
    ("Crash (SIGKILL) during an import or a deck removal",
     "The deck is wholly the old version or wholly the new one",
     [("crash-safety", None, [r"^kill during import"])]),
    ("Damaged pages in the library file",
     "A banner names the file, says nothing more is saved, and offers Repair…; the repair "
     "recovers user data row by row",
     [("salvage", None, [r"^notes recovered", r"overwritten"]),
      ("window", "/window/damaged-library-said", [])]),
    ("Hostile Markdown (cmark's pathological shapes, huge lines)",
     "Each file imports without losing text, within the bounds",
     [("hostile-import", None, [])]),
    ("Broken search index", "Rebuilt at start, and the user is told",
     [("window", "/window/search-index-mended", [])]),
    ("A library from a newer Rehearse", "“Made by a Newer Rehearse”: nothing in it is changed",
     [("window", "/window/newer-library-said", [])]),
]

table = ["| Failure | What the user sees | Covered by | Latest figures | Result |",
         "|---|---|---|---|---|"]
failed = 0
for failure, sees, tests in rows:
    labels, figures, verdicts = [], [], []
    for test, subtest, patterns in tests:
        label, shown, verdict = cell(test, subtest, patterns)
        labels.append(label)
        figures += shown
        verdicts.append(verdict)
        if verdict in ("FAIL", "missing"):
            failed += 1
    if tests[0][0] == "hostile-import":
        figures += hostile_summary() + ["target: 2 s a file"]
    result = "pass" if all(v == "pass" for v in verdicts) else \
             ", ".join(f"{l}: {v}" for l, v in zip(labels, verdicts) if v != "pass")
    table.append("| " + " | ".join([failure, sees, "<br>".join(labels),
                                     "<br>".join(figures) or "—", result]) + " |")

regressions = 0
for root, _, files in os.walk("fuzz/regressions"):
    regressions += len([f for f in files if f != ".keep"])

when = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
stamp = f"{when}, commit {commit or 'unknown'}{' with changes not committed' if dirty else ''}"

print("\n".join(table))
print(f"\n{failed} test(s) failed or missing; {stamp}")

document = f"""# Reliability

What Rehearse does when things go wrong, and the tests that check it.
**Generated** by `build-aux/reliability-report.sh [BUILD_DIR]`, which runs
those tests (`faults`, `crash-safety`, `salvage`, `hostile-import`, `cli`,
and under a display `note-editor` and `window`) and takes the figures they
print; do not edit the table by hand. Latest run: {stamp}.

## How faults are made

- **A failing or full disk**: `tests/fault-vfs.c`, an SQLite VFS over the
  unix one that fails the Nth write, sync, truncation or shared-memory map
  (an I/O error once, or a full disk that stays full: `SQLITE_FULL`, errno
  `ENOSPC`). `tests/test-faults.c` runs each operation with N = 1, 2, …
  until it completes without meeting the fault, so every write step is hit;
  after each run the library, opened again, must pass `quick_check`, be as
  before or as after the operation (never half), have lost no row, and the
  error must name the reason.
- **A read-only file and folder**: `chmod 0444`/`0555`; the tests may run as
  root, so the window test drops `CAP_DAC_OVERRIDE` in a subprocess and the
  CLI test runs as `nobody` (`setpriv`).
- **A held write lock**: another connection's `BEGIN IMMEDIATE`.
- **Crashes**: `SIGKILL` at random moments (`tests/crash-writer.c`,
  `tests/crash-importer.c`, `tests/crash-note-editor.c`).
- **Damage**: pages of the file overwritten (`tests/test-damage.h`).

## Results

{chr(10).join(table)}

## Not run by the script

- The libFuzzer targets (`fuzz/`: text repair, the parser, inline markup to
  Pango, the notes file): `fuzz/run-fuzzer.sh TARGET SECONDS SEEDS` for the
  long runs; `build-aux/test.sh` runs each for 30 s. Crashing inputs kept
  as regression tests in `fuzz/regressions/`: {regressions}.
- The benchmarks of hostile answers in the window (`meson test --benchmark
  -C build hostile-answers`) and of cmark's pathological shapes
  (`pathological`): they print times against their targets, not pass/fail.
"""
with open("tests/RELIABILITY.md", "w", encoding="utf-8") as f:
    f.write(document)
sys.exit(1 if failed else 0)
PY
report=$?
[ "$status" -eq 0 ] && [ "$report" -eq 0 ]
