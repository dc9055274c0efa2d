#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# rehearse-cli in German (LANGUAGE=de, a German UTF-8 locale), with the
# translations built in the build tree: its own messages, the core's
# errors, and plural forms on both sides of one; then the same counts in
# English, where "1 topics" once showed. TAP output.
# Usage: test-cli-german.sh REHEARSE_CLI SOURCE_ROOT LOCALE_BUILD_DIR
set -u

cli=$1
source_root=$2
export REHEARSE_LOCALEDIR=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
count=0
failed=0

locpath=$(sh "$source_root/tests/german-locale.sh" "$work")
status=$?
if [ $status -ne 0 ]; then
  echo "1..0 # SKIP no German locale"
  exit 0
fi
[ -n "$locpath" ] && export LOCPATH="$locpath"

german () { LC_ALL=de_DE.UTF-8 LANGUAGE=de "$cli" --db "$work/library.db" "$@"; }
english () { LC_ALL=C.UTF-8 LANGUAGE= "$cli" --db "$work/library.db" "$@"; }

# says NAME TEXT COMMAND...: the command's output (stdout and stderr) holds TEXT.
says () {
  name=$1; text=$2; shift 2
  count=$((count + 1))
  "$@" >"$work/out" 2>&1
  if grep -qF -- "$text" "$work/out"; then
    echo "ok $count - $name"
  else
    echo "not ok $count - $name"
    echo "# expected: $text"
    sed 's/^/# got: /' "$work/out"
    failed=$((failed + 1))
  fi
}

mkdir "$work/one"
printf '# One Deck\n\n## Basics\n\n### 1. What is a container?\n\nA process with its own view.\n' \
  > "$work/one/one.md"

echo "1..12"
says "the usage is German" "Befehle:" german --help
says "a command's summary is German" "Die Stapel auflisten" german --help
says "one topic and one question: singular" "„One Deck“ importiert: 1 Thema, 1 Frage" \
  german import "$work/one/one.md"
says "the deck list counts in the singular" "$(printf '1 Thema\t1 Frage')" german decks
says "many topics and questions: plural" "„Docker Interview Questions“ importiert: 6 Themen, 100 Fragen" \
  german import "$source_root/data/decks/docker-interview-questions"
says "the repair line is German, in the plural" "repariert: 113 falsch kodierte Zeichen" \
  german import --dry-run "$source_root/data/decks/docker-interview-questions"
says "a core error is German" "rehearse-cli: Es gibt keine Frage „one-deck/9“ in der Bibliothek" \
  german show one-deck/9
says "an unknown command is refused in German" "Unbekannter Befehl „bogus“" german bogus
german bookmark one-deck/1 >/dev/null 2>&1
german note one-deck/1 "Namespaces and cgroups" >/dev/null 2>&1
says "an export counts notes, bookmarks and questions in the singular" \
  "1 Notiz und 1 Lesezeichen von 1 Frage nach" german export-notes "$work/notes.md"
says "a review names its grade and interval in German" "(Gut); nächste Wiederholung" \
  german review one-deck/1 3
says "in English one topic is a topic" "$(printf '1 topic\t1 question')" english decks
says "in English many are plural" "6 topics, 100 questions" \
  english import "$source_root/data/decks/docker-interview-questions"

[ $failed -eq 0 ]
