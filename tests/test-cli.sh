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

echo "1..18"

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

exit $((failed > 0))
