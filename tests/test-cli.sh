#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# rehearse-cli driven as a user drives it, on the bundled deck and a real
# database file, with TAP output. Usage: test-cli.sh RehEARSE_CLI SOURCE_ROOT
set -u

cli=$1
source_root=$2
deck="$source_root/data/decks/docker-interview-questions"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
db="$work/library.db"
count=0
failed=0

# ok NAME COMMAND...: one TAP line for a command that must succeed.
ok () {
  name=$1; shift
  count=$((count + 1))
  if "$@" >"$work/out" 2>"$work/err"; then
    echo "ok $count - $name"
  else
    echo "not ok $count - $name"
    sed 's/^/# /' "$work/out" "$work/err"
    failed=$((failed + 1))
  fi
}

# output_has TEXT: the last command's stdout contains TEXT.
output_has () { grep -qF -- "$1" "$work/out"; }
output_lines () { test "$(wc -l < "$work/out")" -eq "$1"; }

# fails_with CODE TEXT COMMAND...: exits with CODE and says TEXT in one line on stderr.
fails_with () {
  code=$1; text=$2; shift 2
  "$@" >"$work/out" 2>"$work/err"
  status=$?
  [ "$status" -eq "$code" ] && [ "$(wc -l < "$work/err")" -eq 1 ] \
    && grep -q '^rehearse-cli: ' "$work/err" && grep -qF -- "$text" "$work/err"
}

# ok_says NAME TEXT COMMAND...: a command that must succeed and print TEXT.
ok_says () {
  name=$1; text=$2; shift 2
  count=$((count + 1))
  if "$@" >"$work/out" 2>"$work/err" && output_has "$text"; then
    echo "ok $count - $name"
  else
    echo "not ok $count - $name"
    sed 's/^/# /' "$work/out" "$work/err"
    failed=$((failed + 1))
  fi
}

# refused NAME CODE TEXT COMMAND...: one TAP line for fails_with.
refused () {
  name=$1; shift
  count=$((count + 1))
  if fails_with "$@"; then
    echo "ok $count - $name"
  else
    echo "not ok $count - $name"
    sed 's/^/# /' "$work/out" "$work/err"
    failed=$((failed + 1))
  fi
}

echo "1..125"

ok "import the bundled deck" "$cli" --db "$db" import "$deck"
count=$((count + 1)); if output_has 'Imported “Docker Interview Questions”: 6 topics, 100 questions' \
  && output_has 'repaired: '; then echo "ok $count - import reports deck and repairs"; else
  echo "not ok $count - import reports deck and repairs"; sed 's/^/# /' "$work/out"; failed=$((failed + 1)); fi

ok "import again changes nothing" sh -c "'$cli' --db '$db' import '$deck' | grep -q '^Unchanged “Docker Interview Questions”'"
ok "decks lists the deck" sh -c "'$cli' --db '$db' decks | grep -q 'docker-interview-questions.*6 topics.*100 questions'"
ok "topics lists six topics in order" sh -c "'$cli' --db '$db' topics docker-interview-questions > '$work/topics' && test \$(wc -l < '$work/topics') -eq 6 && head -1 '$work/topics' | grep -q '🧪 Expert Docker: Experimental Tech & Advanced Production'"
topic_id=$(sed -n 2p "$work/topics" | cut -f1)
ok "list --topic lists its ten questions" sh -c "'$cli' --db '$db' list --topic '$topic_id' > '$work/list' && test \$(wc -l < '$work/list') -eq 10 && head -1 '$work/list' | grep -q '^docker-interview-questions/351'"
ok "show prints question and answer" sh -c "'$cli' --db '$db' show docker-interview-questions/358 | grep -q 'What’s the best way to run cron jobs in Docker?'"
ok "show prints the In-depth part" sh -c "'$cli' --db '$db' show docker-interview-questions/301 | grep -q '^## In-depth'"
ok "search finds a question by a word of its answer" sh -c "'$cli' --db '$db' search cron | grep -q '^docker-interview-questions/358'"
ok "search as you type: a prefix" sh -c "'$cli' --db '$db' search zomb | grep -q '^docker-interview-questions/351'"
ok "search --json is valid JSON with snippets" sh -c "'$cli' --db '$db' --json search kata | python3 -c 'import json,sys; r=json.load(sys.stdin); assert r and \"[\" in r[0][\"snippet\"], r'"
ok "check reports integrity and counts" sh -c "'$cli' --db '$db' check > '$work/check' && grep -q 'Integrity: ok' '$work/check' && grep -q '^Questions: 100' '$work/check' && grep -q '^Decks: 1' '$work/check'"
ok "export then import gives the same deck" sh -c "'$cli' --db '$db' export docker-interview-questions > '$work/exported.md' && '$cli' --db '$work/copy.db' import '$work/exported.md' | grep -q 'Imported “Docker Interview Questions”: 6 topics, 100 questions'"

printf '' > "$work/empty.md"
count=$((count + 1)); if fails_with 1 "empty.md: the file is empty" "$cli" --db "$db" import "$work/empty.md"; then
  echo "ok $count - an empty file fails with one line naming it"; else echo "not ok $count - empty file"; sed 's/^/# /' "$work/err"; failed=$((failed + 1)); fi

count=$((count + 1)); if fails_with 1 "no-such/42" "$cli" --db "$db" show no-such/42; then
  echo "ok $count - an unknown key fails with one line"; else echo "not ok $count - unknown key"; sed 's/^/# /' "$work/err"; failed=$((failed + 1)); fi

head -c 4096 /dev/urandom > "$work/garbage.db"
count=$((count + 1)); if fails_with 1 "garbage.db" "$cli" --db "$work/garbage.db" decks; then
  echo "ok $count - a damaged database is refused with its name"; else echo "not ok $count - damaged database"; sed 's/^/# /' "$work/err"; failed=$((failed + 1)); fi

count=$((count + 1)); if fails_with 2 "unknown command" "$cli" --db "$db" frobnicate; then
  echo "ok $count - an unknown command fails"; else echo "not ok $count - unknown command"; sed 's/^/# /' "$work/err"; failed=$((failed + 1)); fi

ok "the library still checks out after the failures" sh -c "'$cli' --db '$db' check | grep -q '^Questions: 100'"

# ---- Bookmarks and notes, and the notes file that carries them ----------------
wasm=docker-interview-questions/301
cron=docker-interview-questions/358
tab=$(printf '\t')

ok_says "bookmark with a label" "Bookmarked $wasm, labelled “asked at ACME”" \
  "$cli" --db "$db" bookmark "$wasm" --label "asked at ACME"
# Bookmarks list newest first and the notes file keeps dates to the second:
# a second apart, the order is the dates' and must survive the round trip.
sleep 1
ok_says "bookmark without a label" "Bookmarked $cron" "$cli" --db "$db" bookmark "$cron"
ok_says "a note from the command line" "Saved the note of $wasm" \
  "$cli" --db "$db" note "$wasm" 'Images are **templates**: see `docker history`.'
printf 'Run cron in a **sidecar**.\n\n- one process per container\n- logs to stdout\n' > "$work/cron-note.md"
ok_says "a note from stdin" "Saved the note of $cron" \
  sh -c "'$cli' --db '$db' note '$cron' - < '$work/cron-note.md'"
ok "note prints the note byte for byte" sh -c "'$cli' --db '$db' note '$cron' > '$work/out-note' && cmp '$work/out-note' '$work/cron-note.md'"
ok "a question without a note prints nothing" sh -c "test -z \"\$('$cli' --db '$db' note docker-interview-questions/302)\""

"$cli" --db "$db" bookmarks > "$work/bookmarks"
count=$((count + 1)); if [ "$(wc -l < "$work/bookmarks")" -eq 2 ] \
  && [ "$(sed -n 1p "$work/bookmarks")" = "$cron$tab${tab}What’s the best way to run cron jobs in Docker?" ] \
  && [ "$(sed -n 2p "$work/bookmarks")" = "$wasm${tab}asked at ACME${tab}What is WASM (WebAssembly) and how does it relate to Docker?" ]; then
  echo "ok $count - bookmarks lists newest first with labels"; else echo "not ok $count - bookmarks listing"; sed 's/^/# /' "$work/bookmarks"; failed=$((failed + 1)); fi
ok "bookmarks --label lists only that label" sh -c "'$cli' --db '$db' bookmarks --label 'asked at ACME' > '$work/labelled' && test \$(wc -l < '$work/labelled') -eq 1 && grep -q '^$wasm' '$work/labelled'"
"$cli" --db "$db" notes > "$work/notes"
count=$((count + 1)); if [ "$(wc -l < "$work/notes")" -eq 2 ] \
  && [ "$(sed -n 1p "$work/notes")" = "$cron${tab}What’s the best way to run cron jobs in Docker?${tab}Run cron in a **sidecar**." ] \
  && [ "$(sed -n 2p "$work/notes")" = "$wasm${tab}What is WASM (WebAssembly) and how does it relate to Docker?${tab}Images are **templates**: see \`docker history\`." ]; then
  echo "ok $count - notes lists the latest edit first with first lines"; else echo "not ok $count - notes listing"; sed 's/^/# /' "$work/notes"; failed=$((failed + 1)); fi

refused "a note for an unknown key is refused" 1 "There is no question “no-such/42”" \
  "$cli" --db "$db" note no-such/42 "text"
refused "a blank note for an unknown key is refused too" 1 "no-such/42" \
  "$cli" --db "$db" note no-such/42 ""
refused "unbookmark of an unknown key is refused" 1 "no-such/42" \
  "$cli" --db "$db" unbookmark no-such/42

notes_file="$work/my notes.md"
ok_says "export-notes writes the file and counts" "Exported 2 notes and 2 bookmarks of 2 questions to $notes_file" \
  "$cli" --db "$db" export-notes "$notes_file"
ok "the notes file is Markdown with the question, label and note" sh -c "
  iconv -f UTF-8 -t UTF-8 '$notes_file' >/dev/null &&
  grep -qx '<!-- rehearse-notes version=2 -->' '$notes_file' &&
  tail -1 '$notes_file' | grep -qx '<!-- rehearse-end entries=2 -->' &&
  grep -qx '## 301. What is WASM (WebAssembly) and how does it relate to Docker?' '$notes_file' &&
  grep -qx '## 358. What’s the best way to run cron jobs in Docker?' '$notes_file' &&
  grep -qxF '**Bookmarked:** asked at ACME' '$notes_file' &&
  grep -qxF 'Images are **templates**: see \`docker history\`.' '$notes_file' &&
  grep -qxF -- '- one process per container' '$notes_file'"
ok "export-notes - prints the same Markdown" sh -c "'$cli' --db '$db' export-notes - > '$work/stdout-notes.md' && cmp '$work/stdout-notes.md' '$notes_file'"
ok "export-notes --json counts" sh -c "'$cli' --db '$db' --json export-notes '$work/json-notes.md' | python3 -c 'import json,sys; r=json.load(sys.stdin); assert (r[\"questions\"], r[\"bookmarks\"], r[\"notes\"]) == (2, 2, 2), r'"

fresh="$work/fresh.db"
"$cli" --db "$fresh" import "$deck" > /dev/null
ok_says "import-notes into a fresh library restores all" "Restored 2 bookmarks and 2 notes of 2 questions from $notes_file" \
  "$cli" --db "$fresh" import-notes "$notes_file"
ok "restored notes are identical" sh -c "
  for key in '$wasm' '$cron'; do
    '$cli' --db '$db' note \"\$key\" > '$work/a' && '$cli' --db '$fresh' note \"\$key\" > '$work/b' && cmp '$work/a' '$work/b' || exit 1
  done"
ok "restored bookmarks list identically" sh -c "'$cli' --db '$fresh' bookmarks | cmp - '$work/bookmarks'"
ok "restored notes list identically" sh -c "'$cli' --db '$fresh' notes | cmp - '$work/notes'"
ok "the fresh library exports the same notes file" sh -c "'$cli' --db '$fresh' export-notes - | cmp - '$notes_file'"
ok_says "importing the same file again changes nothing" "Restored 0 bookmarks and 0 notes of 2 questions" \
  "$cli" --db "$fresh" import-notes "$notes_file"
count=$((count + 1)); if output_has "  2 unchanged: already in the library" && output_lines 2; then
  echo "ok $count - and says both were unchanged"; else echo "not ok $count - unchanged count"; sed 's/^/# /' "$work/out"; failed=$((failed + 1)); fi
ok "import-notes --json from stdin counts" sh -c "'$cli' --db '$fresh' --json import-notes - < '$notes_file' | python3 -c 'import json,sys; r=json.load(sys.stdin); assert (r[\"bookmarks_restored\"], r[\"notes_restored\"], r[\"unchanged\"], r[\"orphaned\"]) == (0, 0, 2, 0), r'"

bare="$work/bare.db"
ok_says "import-notes into a library without the deck keeps orphans" "2 orphaned: no deck holds the question" \
  "$cli" --db "$bare" import-notes "$notes_file"
"$cli" --db "$bare" orphans > "$work/orphans"
count=$((count + 1)); if [ "$(wc -l < "$work/orphans")" -eq 2 ] \
  && grep -qxF "$wasm${tab}bookmark, note${tab}What is WASM (WebAssembly) and how does it relate to Docker?" "$work/orphans" \
  && grep -qxF "$cron${tab}bookmark, note${tab}What’s the best way to run cron jobs in Docker?" "$work/orphans"; then
  echo "ok $count - orphans lists them"; else echo "not ok $count - orphans listing"; sed 's/^/# /' "$work/orphans"; failed=$((failed + 1)); fi
ok "an orphan's note is still the same" sh -c "'$cli' --db '$bare' note '$cron' | cmp - '$work/cron-note.md'"
ok "orphans are in no list" sh -c "test -z \"\$('$cli' --db '$bare' bookmarks)\" && test -z \"\$('$cli' --db '$bare' notes)\""
ok "the orphans' notes file is the same" sh -c "'$cli' --db '$bare' export-notes - | cmp - '$notes_file'"
ok "an orphan's bookmark and note can be removed" sh -c "'$cli' --db '$bare' unbookmark '$wasm' | grep -q '^Removed the bookmark of' && '$cli' --db '$bare' note '$wasm' '' | grep -q '^Deleted the note of' && test \$('$cli' --db '$bare' orphans | wc -l) -eq 1"

# A refused notes file leaves the library exactly as it was.
"$cli" --db "$db" check > "$work/check-before"
"$cli" --db "$db" export-notes - > "$work/notes-before"
unchanged () { "$cli" --db "$db" check | cmp -s - "$work/check-before" && "$cli" --db "$db" export-notes - | cmp -s - "$work/notes-before"; }
head -c 4096 /dev/urandom > "$work/random.md"
refused "random bytes are refused naming the file" 1 "random.md" "$cli" --db "$db" import-notes "$work/random.md"
"$cli" --db "$db" export docker-interview-questions > "$work/deck.md"
refused "a deck is not a notes file" 1 "deck.md is not a Rehearse notes file" "$cli" --db "$db" import-notes "$work/deck.md"
refused "an empty notes file is refused" 1 "empty.md is empty" "$cli" --db "$db" import-notes "$work/empty.md"
refused "a missing notes file is refused" 1 "missing.md" "$cli" --db "$db" import-notes "$work/missing.md"
ok "the library is unchanged by the refused files" unchanged

# fsrs-replay: the scheduler against ts-fsrs, on the histories it computed.
histories="$source_root/tests/data/fsrs/histories.jsonl"
count=$((count + 1))
if "$cli" --db "$work/none/library.db" fsrs-replay "$histories" > "$work/replayed" 2>"$work/err" \
  && python3 "$source_root/tests/data/fsrs/compare.py" "$histories" "$work/replayed" > "$work/out" 2>&1; then
  echo "ok $count - fsrs-replay agrees with ts-fsrs"; sed 's/^/# /' "$work/out"
else
  echo "not ok $count - fsrs-replay agrees with ts-fsrs"; sed 's/^/# /' "$work/out" "$work/err"; failed=$((failed + 1))
fi
ok "fsrs-replay touches no library" test ! -e "$work/none"
ok "fsrs-replay - reads the standard input" sh -c "'$cli' fsrs-replay - < '$histories' | cmp - '$work/replayed'"
printf '%s\n' '{"start": "2022-11-29T12:30:00Z", "reviews": []}' \
  '{"start": "2022-11-29T12:30:00Z", "reviews": [{"t": "2022-11-29T12:30:00Z", "grade": 5}]}' \
  > "$work/bad-grade.jsonl"
refused "fsrs-replay names the file and line of bad input" 1 "bad-grade.jsonl:2: a review's \"grade\" must be 1, 2, 3 or 4" \
  "$cli" fsrs-replay "$work/bad-grade.jsonl"
printf '%s\n' '{"start": "2022-11-29T12:30:00Z", "reviews": [{"t": "2022-11-30T12:30:00Z", "grade": 3},' \
  '{"t": "2022-11-29T12:30:00Z", "grade": 3}]}' | tr -d '\n' > "$work/disorder.jsonl"
refused "fsrs-replay refuses reviews out of time order" 1 "disorder.jsonl:1: the reviews must be in time order" \
  "$cli" fsrs-replay "$work/disorder.jsonl"

# ---- Spaced repetition: review, due -------------------------------------------
quiz="$work/quiz.db"
"$cli" --db "$quiz" import "$deck" > /dev/null
easy=docker-interview-questions/302
ok_says "review records a review and prints the next due date" \
  "Reviewed $wasm (Good); next review 2025-01-06T09:10:00Z, in 10 min" \
  "$cli" --db "$quiz" review "$wasm" 3 --at 2025-01-06T09:00:00Z
ok_says "review takes a time zone and the grade's name" "next review 2025-01-06T09:01:00Z, in 1 min" \
  "$cli" --db "$quiz" review "$cron" again --at 2025-01-06T10:00:00+01:00
ok_says "review --json gives the new state" '"due" : "' \
  "$cli" --db "$quiz" --json review "$easy" 4 --at=2025-01-06T09:00:00Z
ok "due before anything falls due prints nothing" sh -c "test -z \"\$('$cli' --db '$quiz' due --at 2025-01-06T09:00:30Z)\""
"$cli" --db "$quiz" due --at 2025-01-06T09:30:00Z > "$work/due"
count=$((count + 1)); if [ "$(wc -l < "$work/due")" -eq 2 ] \
  && [ "$(sed -n 1p "$work/due")" = "$cron${tab}2025-01-06T09:01:00Z${tab}What’s the best way to run cron jobs in Docker?" ] \
  && [ "$(sed -n 2p "$work/due")" = "$wasm${tab}2025-01-06T09:10:00Z${tab}What is WASM (WebAssembly) and how does it relate to Docker?" ]; then
  echo "ok $count - due lists the most overdue first: key, due time, text"; else echo "not ok $count - due listing"; sed 's/^/# /' "$work/due"; failed=$((failed + 1)); fi
ok "due --deck and a date alone: all three a year on" sh -c "'$cli' --db '$quiz' due --deck docker-interview-questions --at 2026-01-06 > '$work/due-deck' && test \$(wc -l < '$work/due-deck') -eq 3 && tail -1 '$work/due-deck' | grep -q '^$easy'"
ok "due --json has keys and due times" sh -c "'$cli' --db '$quiz' --json due --at 2025-01-06T09:30:00Z | python3 -c 'import json,sys; r=json.load(sys.stdin); assert [(q[\"key\"], q[\"due\"]) for q in r] == [(\"$cron\", \"2025-01-06T09:01:00Z\"), (\"$wasm\", \"2025-01-06T09:10:00Z\")], r'"
ok_says "review without --at is now" "in 10 min" "$cli" --db "$quiz" review docker-interview-questions/303 good
ok "due without --at is now: the review just made is not due" \
  sh -c "! '$cli' --db '$quiz' due | grep -q '^docker-interview-questions/303'"
ok "REHEARSE_CLOCK_OFFSET moves now on: an hour later it is" \
  sh -c "REHEARSE_CLOCK_OFFSET=1h '$cli' --db '$quiz' due | grep -q '^docker-interview-questions/303'"
ok_says "an offset that is not one is said" "REHEARSE_CLOCK_OFFSET=“soon” is not an offset" \
  sh -c "REHEARSE_CLOCK_OFFSET=soon '$cli' --db '$quiz' due 2>&1"
ok "... and the real time used" \
  sh -c "! REHEARSE_CLOCK_OFFSET=soon '$cli' --db '$quiz' due 2>/dev/null | grep -q '^docker-interview-questions/303'"
ok_says "check counts the reviews" "Reviews: 4" "$cli" --db "$quiz" check

# A search index out of step with the library (a ghost row in it, as a
# crash of an older SQLite could leave): check says so, --repair rebuilds it.
cp "$quiz" "$work/ghost.db"
python3 -c "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute(\"INSERT INTO questions_fts (rowid, text, answer, in_depth) VALUES (999999, 'ghost', 'phantom', '')\"); c.commit()" "$work/ghost.db"
refused "check finds a search index out of step" 1 "search index of" "$cli" --db "$work/ghost.db" check
ok_says "check --repair rebuilds it" "Search index: was damaged, rebuilt" \
  "$cli" --db "$work/ghost.db" check --repair
ok_says "... after which check passes, the ghost gone from the index" "Indexed for search: 100" \
  "$cli" --db "$work/ghost.db" check
refused "check refuses another argument" 1 "usage: rehearse-cli check" "$cli" --db "$quiz" check --fix

# ---- Backups ------------------------------------------------------------------
backed="$work/backed/library.db"
mkdir -p "$work/backed"
"$cli" --db "$backed" import "$deck" > /dev/null
"$cli" --db "$backed" note "$wasm" "Before the backup" > /dev/null
ok_says "backup makes one beside the library" "Backed up to $work/backed/backups/library-" \
  "$cli" --db "$backed" backup
"$cli" --db "$backed" note "$wasm" "After the backup" > /dev/null
ok "backups lists it: time, size, path" sh -c "'$cli' --db '$backed' backups | grep -q '^20[0-9-]*T[0-9:]*Z	[0-9.]*.kB	$work/backed/backups/library-'"
backup_file=$("$cli" --db "$backed" backups | head -1 | cut -f3)
sleep 1   # the next backup's name is the next second
ok_says "restore puts the library back, backing it up first" "Restored $backup_file; the library as it was is backed up to" \
  "$cli" --db "$backed" restore "$backup_file"
ok_says "... the note as it was in the backup" "Before the backup" "$cli" --db "$backed" note "$wasm"
ok "... and two backups now" sh -c "test \$('$cli' --db '$backed' backups | wc -l) -eq 2"
printf 'Not a library, only words in a file that is long enough.' > "$work/not-a-backup.db"
refused "restore names a file that is not a backup" 1 "not-a-backup.db” cannot be restored" \
  "$cli" --db "$backed" restore "$work/not-a-backup.db"
refused "review of an unknown key names it" 1 "There is no question “no-such/42”" \
  "$cli" --db "$quiz" review no-such/42 3
refused "review refuses a grade out of 1-4" 1 "not “5”" "$cli" --db "$quiz" review "$wasm" 5
refused "review refuses a time that is not ISO 8601" 1 "“tomorrow” is not an ISO 8601 time" \
  "$cli" --db "$quiz" review "$wasm" 3 --at tomorrow
refused "review refuses a time before the last review" 1 "would come before its last review" \
  "$cli" --db "$quiz" review "$wasm" 3 --at 2025-01-05T09:00:00Z
refused "due names an unknown deck" 1 "There is no deck “no-such-deck”" \
  "$cli" --db "$quiz" due --deck no-such-deck
refused "due refuses a stray argument" 1 "usage: rehearse-cli due" "$cli" --db "$quiz" due now
ok_says "the refused reviews wrote nothing" "Reviews: 4" "$cli" --db "$quiz" check

# import --dry-run: the outline of a real file, and no library touched.
real="$source_root/tests/data/real-world"
dry="$work/dry/library.db"
ok_says "dry run says what would be imported" \
  "Would import “Kubernetes”: 47 topics, 341 questions, 26 with no answer in the source" \
  "$cli" --db "$dry" import --dry-run "$real/devops-exercises-kubernetes.md"
ok_says "dry run lists topics with their counts" \
  "  Misc: 21 questions (11 with no answer in the source)" \
  "$cli" --db "$dry" import --dry-run "$real/devops-exercises-kubernetes.md"
ok_says "dry run says what was left out and where" \
  "  left out: devops-exercises-kubernetes.md:15: a table of contents" \
  "$cli" --db "$dry" import --dry-run "$real/devops-exercises-kubernetes.md"
ok "dry run created no library" test ! -e "$work/dry"
ok "dry run --json has the outline" sh -c "'$cli' --db '$dry' --json import --dry-run '$real/front-end-javascript-questions.md' | python3 -c 'import json,sys; r=json.load(sys.stdin)[0]; assert (r[\"questions\"], r[\"unanswered\"], [t[\"questions\"] for t in r[\"outline\"]]) == (49, 49, [45, 4]), r'"
refused "dry run of a file without questions fails like an import" 1 \
  "no-questions.md: no questions found" \
  "$cli" --db "$dry" import --dry-run "$source_root/tests/data/decks/no-questions.md"

# A library damaged on disk: two pages of its questions overwritten in the
# middle of the file. check says so; check --repair keeps the damaged file,
# salvages the notes and bookmarks and imports the deck again; export-notes
# --from reads the notes of the damaged copy.
damaged="$work/damaged/library.db"
mkdir -p "$work/damaged"
"$cli" --db "$damaged" import "$deck" >/dev/null
"$cli" --db "$damaged" note docker-interview-questions/358 "Cron in its own container." >/dev/null
"$cli" --db "$damaged" bookmark docker-interview-questions/351 >/dev/null
python3 - "$damaged" <<'PY'
import sqlite3, sys
path = sys.argv[1]
db = sqlite3.connect(path)
pages = [row[0] for row in db.execute(
    "SELECT pageno FROM dbstat WHERE name = 'questions' AND pagetype = 'leaf' ORDER BY pageno")]
page_size = db.execute("PRAGMA page_size").fetchone()[0]
db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
db.close()
with open(path, "r+b") as f:
    for page in pages[len(pages) // 2:len(pages) // 2 + 2]:
        f.seek((page - 1) * page_size)
        f.write(b"\xa5" * page_size)
PY
refused "check finds the damage" 1 "is damaged" "$cli" --db "$damaged" check
ok_says "check --repair salvages the user data" "notes: 1 row recovered" \
  sh -c "'$cli' --db '$damaged' check --repair | tee '$work/repair'"
ok "check --repair imports the deck again" \
  grep -qF "Deck imported again: Docker Interview Questions" "$work/repair"
ok "the damaged file is kept beside the library" sh -c "ls '$work/damaged' | grep -q '^library.db.damaged-'"
ok_says "the repaired library has the note, the bookmark and the deck" "Questions: 100" \
  sh -c "'$cli' --db '$damaged' bookmarks | grep -q 351 && '$cli' --db '$damaged' note docker-interview-questions/358 | grep -q 'Cron in its own' && '$cli' --db '$damaged' check | grep -q 'Orphaned questions: 0' && '$cli' --db '$damaged' check"
ok_says "export-notes --from reads the damaged copy" "Cron in its own container." \
  sh -c "'$cli' --db '$work/other.db' export-notes --from \"\$(ls -d '$work'/damaged/library.db.damaged-* | grep -v -- -wal | head -1)\" -"

# A library on read-only storage (its file and folder not writable): read,
# checked and exported, never written. Root writes anyway: as nobody.
as_reader () {
  if [ "$(id -u)" -eq 0 ]; then
    setpriv --reuid=nobody --regid=nogroup --clear-groups -- "$@"
  else
    "$@"
  fi
}
mkdir -p "$work/ro"
"$cli" --db "$work/ro/library.db" import "$deck" >/dev/null
"$cli" --db "$work/ro/library.db" note docker-interview-questions/358 "Read on read-only media." \
  >/dev/null
chmod 755 "$work"
chmod 444 "$work/ro/library.db"
chmod 555 "$work/ro"
ok_says "check works on a read-only library" "Integrity: ok" \
  as_reader "$cli" --db "$work/ro/library.db" check
ok_says "a read-only library's notes are read" "Read on read-only media." \
  as_reader "$cli" --db "$work/ro/library.db" export-notes -
ok_says "a read-only library is searched" "docker-interview-questions/358" \
  as_reader "$cli" --db "$work/ro/library.db" search cron
refused "a save into a read-only library says so, naming it" 1 "ro/library.db” is read-only" \
  as_reader "$cli" --db "$work/ro/library.db" note docker-interview-questions/351 "Not kept."
chmod 755 "$work/ro"
# ---- Progress and the study plan ----------------------------------------------
# Fixed times, and the time zone from TZ: 23:30 UTC on 6 January is the 7th
# in Berlin.
progress="$work/progress/library.db"
mkdir -p "$work/progress"
"$cli" --db "$progress" import "$deck" > /dev/null
at=2025-01-07T10:00:00Z
ok_says "stats before any review" "Questions seen: 0 of 100" \
  env TZ=UTC "$cli" --db "$progress" stats --at $at
"$cli" --db "$progress" review docker-interview-questions/301 3 --at 2025-01-06T09:00:00Z > /dev/null
"$cli" --db "$progress" review docker-interview-questions/302 4 --at 2025-01-06T23:30:00Z > /dev/null
ok_says "stats counts the questions seen" "Questions seen: 2 of 100" \
  env TZ=UTC "$cli" --db "$progress" stats --at $at
ok_says "stats counts the reviews" "Reviews: 2 (0 s spent)" \
  env TZ=UTC "$cli" --db "$progress" stats --at $at
ok_says "stats: in UTC both reviews were yesterday, one day (singular)" \
  "Streak: 1 day (longest 1 day)" env TZ=UTC "$cli" --db "$progress" stats --at $at
ok_says "stats: in Berlin the second was today, two days (plural)" \
  "Streak: 2 days (longest 2 days)" env TZ=Europe/Berlin "$cli" --db "$progress" stats --at $at
ok_says "stats lists mastery per topic, weakest first" "Mastery per topic (weakest first):" \
  env TZ=UTC "$cli" --db "$progress" stats --at $at
ok "stats --json: the days in UTC" sh -c "TZ=UTC '$cli' --db '$progress' --json stats --at $at | python3 -c 'import json,sys; r=json.load(sys.stdin); d=r[\"reviews_per_day\"]; assert len(d) == 365 and d[-1] == {\"date\": \"2025-01-07\", \"reviews\": 0} and d[-2] == {\"date\": \"2025-01-06\", \"reviews\": 2}, d[-2:]; assert (r[\"questions_seen\"], r[\"reviews_total\"], len(r[\"forecast\"])) == (2, 2, 30), r'"
ok "stats --json: the days in Berlin" sh -c "TZ=Europe/Berlin '$cli' --db '$progress' --json stats --at $at | python3 -c 'import json,sys; d=json.load(sys.stdin)[\"reviews_per_day\"]; assert [x[\"reviews\"] for x in d[-2:]] == [1, 1], d[-2:]'"
ok_says "plan without a date says how to set one" "No interview date is set" \
  "$cli" --db "$progress" plan --at $at
ok_says "plan --set-date stores the plan" \
  "Interview date set to 2025-01-14, for every deck; a day: no limit in minutes, 20 cards" \
  "$cli" --db "$progress" plan --set-date 2025-01-14 --daily-cards 20
ok_says "plan shows the days left" "Interview: 2025-01-14, in 7 days" \
  env TZ=UTC "$cli" --db "$progress" plan --at $at
ok "plan shows today's work first" sh -c "TZ=UTC '$cli' --db '$progress' plan --at $at | head -1 | grep -Eq '^Today: [0-9]+ new, [0-9]+ reviews? — [0-9]+ min\$'"
ok "plan --json: a week within 20 cards a day, every question seen" sh -c "TZ=UTC '$cli' --db '$progress' --json plan --at $at | python3 -c 'import json,sys; p=json.load(sys.stdin)[\"plan\"]; d=p[\"days\"]; assert len(d) == 7 and d[0][\"date\"] == \"2025-01-07\", d; assert all(x[\"new\"] + x[\"reviews\"] <= 20 for x in d), d; assert sum(x[\"new\"] for x in d) == 98 and p[\"unstudied\"] == 0, p; assert p[\"reaches_retention\"] and len(p[\"topics\"]) == 6, p'"
ok_says "plan --set-date with a deck" "for 1 deck, 0 topics" \
  "$cli" --db "$progress" plan --set-date 2025-01-01 --deck docker-interview-questions
ok_says "plan after the interview says there is nothing to plan" \
  "The interview date, 2025-01-01, has passed: there is nothing to plan." \
  env TZ=UTC "$cli" --db "$progress" plan --at $at
ok_says "check passes with a plan stored" "Integrity: ok" "$cli" --db "$progress" check
refused "plan refuses a day that does not exist" 1 "“2025-02-30” is not a date" \
  "$cli" --db "$progress" plan --set-date 2025-02-30
refused "plan names an unknown deck" 1 "There is no deck “no-such-deck”" \
  "$cli" --db "$progress" plan --set-date 2025-03-01 --deck no-such-deck
refused "plan refuses --clear with a date" 1 "usage: rehearse-cli plan" \
  "$cli" --db "$progress" plan --clear --set-date 2025-03-01
ok_says "plan --clear forgets the plan" "The study plan is cleared." "$cli" --db "$progress" plan --clear
ok_says "... and plan has none" "No interview date is set" "$cli" --db "$progress" plan

exit $((failed > 0))
