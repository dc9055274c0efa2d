/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "rehearse-error.h"
#include "rehearse-library-private.h"

/* The library's schema: its migrations, and opening a file to bring it to
 * the version this build writes (creating it when missing, refusing one
 * that is damaged or written by a newer version). */

/* Migration 4 → 5: puts in each card state (of the rows @where selects)
 * where its live question is now (a row of its deck's visible generation,
 * not orphaned); NULL when it has none. As migrations, never edited. */
#define LOCATE_CARDS_5(where) \
  "  UPDATE review_state SET (question_id, deck_id, topic_id) =" \
  "    (SELECT q.id, q.deck_id, q.topic_id FROM questions q" \
  "     WHERE q.question_key = review_state.question_key AND q.orphaned = 0" \
  "       AND q.generation = (SELECT vd.generation FROM decks vd" \
  "                           WHERE vd.id = q.deck_id AND vd.state = 0))" \
  "  " where ";"

/* What the index's in_depth column holds for a row of questions named @row
 * (from migration 7): the prompt (a question's code and options), then
 * the In Depth part. */
#define INDEXED_IN_DEPTH(row) \
  "CASE WHEN " row ".prompt IS NULL THEN " row ".in_depth" \
  " ELSE " row ".prompt || char (10) || char (10) || coalesce (" row ".in_depth, '') END"

/* Migration i brings user_version i to i + 1. Append, never edit: a
 * library written by this build may be opened by any later one. */
static const char * const migrations[] = {
  /* 0 → 1: the first schema. Corpus tables first (rebuildable from
   * Markdown), then user data (irreplaceable, keyed by question key and
   * never by a row id, so imports can delete and recreate questions). */
  "CREATE TABLE decks ("
  "  id INTEGER PRIMARY KEY,"
  "  deck_key TEXT NOT NULL UNIQUE,"
  "  title TEXT NOT NULL,"
  "  content_hash TEXT NOT NULL,"
  "  imported_at INTEGER NOT NULL"
  ");"
  "CREATE TABLE sources ("
  "  deck_id INTEGER NOT NULL REFERENCES decks (id) ON DELETE CASCADE,"
  "  position INTEGER NOT NULL,"
  "  path TEXT NOT NULL,"
  "  content_hash TEXT NOT NULL,"
  "  size INTEGER NOT NULL,"
  "  PRIMARY KEY (deck_id, position)"
  ") WITHOUT ROWID;"
  "CREATE TABLE topics ("
  "  id INTEGER PRIMARY KEY,"
  "  deck_id INTEGER NOT NULL REFERENCES decks (id) ON DELETE CASCADE,"
  "  position INTEGER NOT NULL,"
  "  title TEXT NOT NULL,"
  "  icon TEXT"
  ");"
  "CREATE INDEX topics_by_deck ON topics (deck_id, position);"
  "CREATE TABLE questions ("
  "  id INTEGER PRIMARY KEY,"
  "  question_key TEXT NOT NULL UNIQUE,"
  "  deck_id INTEGER NOT NULL REFERENCES decks (id) ON DELETE CASCADE,"
  "  topic_id INTEGER REFERENCES topics (id) ON DELETE SET NULL,"
  "  position INTEGER NOT NULL,"
  "  number INTEGER,"
  "  text TEXT NOT NULL,"
  "  answer TEXT NOT NULL,"
  "  in_depth TEXT,"
  "  orphaned INTEGER NOT NULL DEFAULT 0"
  ");"
  /* Orphaned questions have no topic, so listing a topic needs no
   * orphaned column; listing and counting a deck's live questions is
   * index-only with it. */
  "CREATE INDEX questions_by_topic ON questions (topic_id, position);"
  "CREATE INDEX questions_by_deck ON questions (deck_id, orphaned, position);"
  /* The index holds live questions only: searches then never look at the
   * questions table to skip orphans, which would cost a row lookup for
   * every match of a common word. The view is the index's content, so
   * snippets and FTS5's own checks see the same rows. */
  "CREATE VIEW questions_indexed AS"
  "  SELECT id, text, answer, in_depth FROM questions WHERE orphaned = 0;"
  /* detail=column: positions would double the index, and searches need
   * none (every word is its own phrase; snippets re-tokenize the few rows
   * shown). The 2- and 3-letter prefix indexes keep search-as-you-type
   * fast while the last word is short. */
  "CREATE VIRTUAL TABLE questions_fts USING fts5 ("
  "  text, answer, in_depth,"
  "  content = 'questions_indexed', content_rowid = 'id',"
  "  tokenize = 'unicode61 remove_diacritics 2',"
  "  prefix = '2 3',"
  "  detail = column"
  ");"
  "CREATE TRIGGER questions_fts_insert AFTER INSERT ON questions"
  "  WHEN new.orphaned = 0 BEGIN"
  "  INSERT INTO questions_fts (rowid, text, answer, in_depth)"
  "    VALUES (new.id, new.text, new.answer, new.in_depth);"
  "END;"
  "CREATE TRIGGER questions_fts_delete AFTER DELETE ON questions"
  "  WHEN old.orphaned = 0 BEGIN"
  "  INSERT INTO questions_fts (questions_fts, rowid, text, answer, in_depth)"
  "    VALUES ('delete', old.id, old.text, old.answer, old.in_depth);"
  "END;"
  /* An import rewrites a question's row whenever its number or topic
   * moved; only a change of the indexed text or of visibility touches the
   * index. One trigger, as the old entry must go before the new one comes:
   * SQLite runs separate triggers in no promised order, and a 'delete'
   * after the insert would erase the new entry. */
  "CREATE TRIGGER questions_fts_update AFTER UPDATE OF text, answer, in_depth, orphaned"
  "  ON questions WHEN old.orphaned IS NOT new.orphaned OR old.text IS NOT new.text"
  "    OR old.answer IS NOT new.answer OR old.in_depth IS NOT new.in_depth BEGIN"
  "  INSERT INTO questions_fts (questions_fts, rowid, text, answer, in_depth)"
  "    SELECT 'delete', old.id, old.text, old.answer, old.in_depth WHERE old.orphaned = 0;"
  "  INSERT INTO questions_fts (rowid, text, answer, in_depth)"
  "    SELECT new.id, new.text, new.answer, new.in_depth WHERE new.orphaned = 0;"
  "END;"
  /* For ad-hoc queries ("ORDER BY rank"): a match in the question counts
   * ten times one in the answer. The app ranks with its own function. */
  "INSERT INTO questions_fts (questions_fts, rank) VALUES ('rank', 'bm25(10.0, 1.0, 1.0)');"
  "CREATE TABLE bookmarks ("
  "  question_key TEXT PRIMARY KEY,"
  "  label TEXT,"
  "  created_at INTEGER NOT NULL"
  ");"
  "CREATE TABLE notes ("
  "  question_key TEXT PRIMARY KEY,"
  "  body TEXT NOT NULL,"
  "  updated_at INTEGER NOT NULL"
  ");"
  "CREATE TABLE review_state ("
  "  question_key TEXT PRIMARY KEY,"
  "  due INTEGER,"
  "  stability REAL,"
  "  difficulty REAL,"
  "  reps INTEGER NOT NULL DEFAULT 0,"
  "  lapses INTEGER NOT NULL DEFAULT 0,"
  "  state INTEGER NOT NULL DEFAULT 0,"
  "  last_review INTEGER"
  ");"
  "CREATE TABLE review_log ("
  "  id INTEGER PRIMARY KEY,"
  "  question_key TEXT NOT NULL,"
  "  reviewed_at INTEGER NOT NULL,"
  "  grade INTEGER NOT NULL,"
  "  elapsed_ms INTEGER"
  ");"
  "CREATE INDEX review_log_by_question ON review_log (question_key, reviewed_at);",

  /* 1 → 2: user data names its question even when the question is gone
   * (its deck deleted): bookmarks and notes keep a snapshot of the
   * question's text, "301. text" or just the text when it has no number.
   * Both tables get an INTEGER PRIMARY KEY: an implicit rowid may change
   * on VACUUM, and the notes' full-text index and the order of bookmarks
   * made in the same second rely on it. A note's id is renewed at every
   * save, so it also orders edits made in the same second. */
  "CREATE TABLE bookmarks_2 ("
  "  id INTEGER PRIMARY KEY,"
  "  question_key TEXT NOT NULL UNIQUE,"
  "  label TEXT,"
  "  created_at INTEGER NOT NULL,"
  "  question_text TEXT"
  ");"
  "INSERT INTO bookmarks_2 (question_key, label, created_at, question_text)"
  "  SELECT b.question_key, nullif (b.label, ''), b.created_at,"
  "    (SELECT " REHEARSE_SNAPSHOT_SQL ("q") " FROM questions q"
  "     WHERE q.question_key = b.question_key)"
  "  FROM bookmarks b ORDER BY b.created_at, b.rowid;"
  "DROP TABLE bookmarks;"
  "ALTER TABLE bookmarks_2 RENAME TO bookmarks;"
  "CREATE TABLE notes_2 ("
  "  id INTEGER PRIMARY KEY,"
  "  question_key TEXT NOT NULL UNIQUE,"
  "  body TEXT NOT NULL,"
  "  updated_at INTEGER NOT NULL,"
  "  question_text TEXT"
  ");"
  "INSERT INTO notes_2 (question_key, body, updated_at, question_text)"
  "  SELECT n.question_key, n.body, n.updated_at,"
  "    (SELECT " REHEARSE_SNAPSHOT_SQL ("q") " FROM questions q"
  "     WHERE q.question_key = n.question_key)"
  "  FROM notes n ORDER BY n.updated_at, n.rowid;"
  "DROP TABLE notes;"
  "ALTER TABLE notes_2 RENAME TO notes;"
  /* The user's notes are searched with the questions, so the same
   * tokenizer. Notes are few and short: full detail, and bm25() as is. */
  "CREATE VIRTUAL TABLE notes_fts USING fts5 ("
  "  body,"
  "  content = 'notes', content_rowid = 'id',"
  "  tokenize = 'unicode61 remove_diacritics 2',"
  "  prefix = '2 3'"
  ");"
  "CREATE TRIGGER notes_fts_insert AFTER INSERT ON notes BEGIN"
  "  INSERT INTO notes_fts (rowid, body) VALUES (new.id, new.body);"
  "END;"
  "CREATE TRIGGER notes_fts_delete AFTER DELETE ON notes BEGIN"
  "  INSERT INTO notes_fts (notes_fts, rowid, body) VALUES ('delete', old.id, old.body);"
  "END;"
  "CREATE TRIGGER notes_fts_update AFTER UPDATE OF id, body ON notes BEGIN"
  "  INSERT INTO notes_fts (notes_fts, rowid, body) VALUES ('delete', old.id, old.body);"
  "  INSERT INTO notes_fts (rowid, body) VALUES (new.id, new.body);"
  "END;"
  "INSERT INTO notes_fts (notes_fts) VALUES ('rebuild');"
  /* A question row that goes (its deck deleted, or removed by an import)
   * leaves its latest text with the user data that outlives it. */
  "CREATE TRIGGER questions_snapshot AFTER DELETE ON questions BEGIN"
  "  UPDATE bookmarks SET question_text = " REHEARSE_SNAPSHOT_SQL ("old")
  "    WHERE question_key = old.question_key;"
  "  UPDATE notes SET question_text = " REHEARSE_SNAPSHOT_SQL ("old")
  "    WHERE question_key = old.question_key;"
  "END;",

  /* 2 → 3: the questions the user read, for "Recently Viewed": one row per
   * question, its latest view. The id is renewed at every view, so the
   * highest id is the latest view, also within one second. */
  "CREATE TABLE views ("
  "  id INTEGER PRIMARY KEY,"
  "  question_key TEXT NOT NULL UNIQUE,"
  "  viewed_at INTEGER NOT NULL"
  ");",

  /* 3 → 4: imports and deck removals write in short transactions, so that
   * no other write waits long for them; what they have written so far
   * stays hidden until it is whole. A deck's topics and questions carry a
   * generation: a deck shows its visible one only (decks.generation, and
   * only while decks.state is 0: visible, not 1: being imported for the
   * first time, nor 2: being removed). An import stages the next
   * generation, makes it visible in one short transaction and then
   * deletes the old one; decks.claim names the import or removal at work
   * (rehearse-library-staging.c). A question being re-imported has a row
   * in each generation, so its key is no longer unique: the table is
   * rebuilt with the same ids, which the search index refers to. */
  "ALTER TABLE decks ADD COLUMN state INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE decks ADD COLUMN generation INTEGER NOT NULL DEFAULT 1;"
  "ALTER TABLE decks ADD COLUMN claim INTEGER;"
  "ALTER TABLE topics ADD COLUMN generation INTEGER NOT NULL DEFAULT 1;"
  "DROP INDEX topics_by_deck;"
  "CREATE INDEX topics_by_deck ON topics (deck_id, generation, position);"
  /* Renaming the new table checks every view, and this one would name a
   * table gone: it is made again below. */
  "DROP VIEW questions_indexed;"
  "CREATE TABLE questions_4 ("
  "  id INTEGER PRIMARY KEY,"
  "  question_key TEXT NOT NULL,"
  "  deck_id INTEGER NOT NULL REFERENCES decks (id) ON DELETE CASCADE,"
  "  generation INTEGER NOT NULL DEFAULT 1,"
  "  topic_id INTEGER REFERENCES topics (id) ON DELETE SET NULL,"
  "  position INTEGER NOT NULL,"
  "  number INTEGER,"
  "  text TEXT NOT NULL,"
  "  answer TEXT NOT NULL,"
  "  in_depth TEXT,"
  "  orphaned INTEGER NOT NULL DEFAULT 0,"
  /* The row of the generation before that this one replaces: a list
   * made before the import finds the question again by its old id. */
  "  replaces INTEGER"
  ");"
  "INSERT INTO questions_4 (id, question_key, deck_id, topic_id, position, number, text, answer,"
  "  in_depth, orphaned)"
  "  SELECT id, question_key, deck_id, topic_id, position, number, text, answer, in_depth,"
  "    orphaned FROM questions;"
  /* Its triggers go with it, unfired. */
  "DROP TABLE questions;"
  "ALTER TABLE questions_4 RENAME TO questions;"
  "CREATE INDEX questions_by_key ON questions (question_key);"
  "CREATE INDEX questions_by_topic ON questions (topic_id, position);"
  "CREATE INDEX questions_by_deck ON questions (deck_id, generation, orphaned, position);"
  "CREATE INDEX questions_by_replaced ON questions (replaces) WHERE replaces IS NOT NULL;"
  /* The index holds staged rows too: search ranks them last and leaves
   * them out (rehearse-library-search.c). */
  "CREATE VIEW questions_indexed AS"
  "  SELECT id, text, answer, in_depth FROM questions WHERE orphaned = 0;"
  "CREATE TRIGGER questions_fts_insert AFTER INSERT ON questions"
  "  WHEN new.orphaned = 0 BEGIN"
  "  INSERT INTO questions_fts (rowid, text, answer, in_depth)"
  "    VALUES (new.id, new.text, new.answer, new.in_depth);"
  "END;"
  "CREATE TRIGGER questions_fts_delete AFTER DELETE ON questions"
  "  WHEN old.orphaned = 0 BEGIN"
  "  INSERT INTO questions_fts (questions_fts, rowid, text, answer, in_depth)"
  "    VALUES ('delete', old.id, old.text, old.answer, old.in_depth);"
  "END;"
  "CREATE TRIGGER questions_fts_update AFTER UPDATE OF text, answer, in_depth, orphaned"
  "  ON questions WHEN old.orphaned IS NOT new.orphaned OR old.text IS NOT new.text"
  "    OR old.answer IS NOT new.answer OR old.in_depth IS NOT new.in_depth BEGIN"
  "  INSERT INTO questions_fts (questions_fts, rowid, text, answer, in_depth)"
  "    SELECT 'delete', old.id, old.text, old.answer, old.in_depth WHERE old.orphaned = 0;"
  "  INSERT INTO questions_fts (rowid, text, answer, in_depth)"
  "    SELECT new.id, new.text, new.answer, new.in_depth WHERE new.orphaned = 0;"
  "END;"
  /* Only a row of its deck's current generation is the question leaving
   * (its deck removed): staged rows thrown away, and old ones an import
   * replaced, leave the user data as it is. A row whose deck row is gone
   * already went with its deck. */
  "CREATE TRIGGER questions_snapshot AFTER DELETE ON questions"
  "  WHEN old.generation"
  "    = coalesce ((SELECT generation FROM decks WHERE id = old.deck_id), old.generation)"
  "  BEGIN"
  "  UPDATE bookmarks SET question_text = " REHEARSE_SNAPSHOT_SQL ("old")
  "    WHERE question_key = old.question_key;"
  "  UPDATE notes SET question_text = " REHEARSE_SNAPSHOT_SQL ("old")
  "    WHERE question_key = old.question_key;"
  "END;",

  /* 4 → 5: spaced repetition (FSRS). The review tables of the first
   * schema were never written; they are rebuilt with everything a review
   * knows, times in unix milliseconds (what the scheduler computes with;
   * old rows, in seconds, are converted). A card's state keeps a snapshot
   * of its question's text like bookmarks and notes, and where its live
   * question is now (row id, deck, topic; NULL when it has none), so the
   * due queries read this table and its indexes alone: a join would look
   * up every due question's row. Triggers look the place up again from
   * the questions table whenever a row of the key comes, moves or goes. */
  "CREATE TABLE review_state_2 ("
  "  question_key TEXT PRIMARY KEY,"
  "  state INTEGER NOT NULL,"
  "  stability REAL NOT NULL,"
  "  difficulty REAL NOT NULL,"
  "  due INTEGER NOT NULL,"
  "  last_review INTEGER,"
  "  learning_step INTEGER NOT NULL,"
  "  reps INTEGER NOT NULL,"
  "  lapses INTEGER NOT NULL,"
  "  scheduled_days INTEGER NOT NULL,"
  "  elapsed_days INTEGER NOT NULL,"
  "  question_text TEXT,"
  "  question_id INTEGER,"
  "  deck_id INTEGER,"
  "  topic_id INTEGER"
  ");"
  "INSERT INTO review_state_2 (question_key, state, stability, difficulty, due, last_review,"
  "    learning_step, reps, lapses, scheduled_days, elapsed_days, question_text)"
  "  SELECT r.question_key, r.state, coalesce (r.stability, 0), coalesce (r.difficulty, 0),"
  "    coalesce (r.due, 0) * 1000, r.last_review * 1000, 0, r.reps, r.lapses, 0, 0,"
  "    (SELECT " REHEARSE_SNAPSHOT_SQL ("q") " FROM questions q"
  "     WHERE q.question_key = r.question_key)"
  "  FROM review_state r;"
  "DROP TABLE review_state;"
  "ALTER TABLE review_state_2 RENAME TO review_state;"
  LOCATE_CARDS_5 ("")
  "CREATE INDEX review_state_by_due ON review_state (due, question_id, topic_id);"
  "CREATE INDEX review_state_by_deck ON review_state (deck_id, due, question_id);"
  "CREATE INDEX review_state_by_topic ON review_state (topic_id, due, question_id);"
  /* State and stability before the review, and after it with the due
   * date it gave; time_spent: ms from the card shown to graded. */
  "CREATE TABLE review_log_2 ("
  "  id INTEGER PRIMARY KEY,"
  "  question_key TEXT NOT NULL,"
  "  reviewed_at INTEGER NOT NULL,"
  "  grade INTEGER NOT NULL,"
  "  state_before INTEGER NOT NULL,"
  "  elapsed_days INTEGER NOT NULL,"
  "  scheduled_days INTEGER NOT NULL,"
  "  stability_before REAL NOT NULL,"
  "  difficulty_before REAL NOT NULL,"
  "  stability_after REAL NOT NULL,"
  "  difficulty_after REAL NOT NULL,"
  "  due_after INTEGER NOT NULL,"
  "  time_spent INTEGER NOT NULL"
  ");"
  "INSERT INTO review_log_2"
  "  SELECT id, question_key, reviewed_at * 1000, grade, 0, 0, 0, 0, 0, 0, 0,"
  "    reviewed_at * 1000, coalesce (elapsed_ms, 0)"
  "  FROM review_log ORDER BY id;"
  "DROP TABLE review_log;"
  "ALTER TABLE review_log_2 RENAME TO review_log;"
  "CREATE INDEX review_log_by_question ON review_log (question_key, reviewed_at);"
  "CREATE TRIGGER review_state_question_inserted AFTER INSERT ON questions BEGIN"
  LOCATE_CARDS_5 ("WHERE question_key = new.question_key")
  "END;"
  /* Also when a deleted topic sets its questions' topic to NULL: foreign
   * key actions fire triggers. */
  "CREATE TRIGGER review_state_question_moved AFTER UPDATE OF deck_id, topic_id, orphaned"
  "  ON questions WHEN old.deck_id IS NOT new.deck_id OR old.topic_id IS NOT new.topic_id"
  "    OR old.orphaned IS NOT new.orphaned BEGIN"
  LOCATE_CARDS_5 ("WHERE question_key = new.question_key")
  "END;"
  "CREATE TRIGGER review_state_question_deleted AFTER DELETE ON questions BEGIN"
  "  UPDATE review_state SET question_text = " REHEARSE_SNAPSHOT_SQL ("old")
  "    WHERE question_key = old.question_key;"
  LOCATE_CARDS_5 ("WHERE question_key = old.question_key")
  "END;"
  /* An import shows its new generation, or a removal hides the deck, by
   * updating the deck row alone: the cards of its questions move with it. */
  "CREATE TRIGGER review_state_deck_shown AFTER UPDATE OF generation, state ON decks"
  "  WHEN old.generation IS NOT new.generation OR old.state IS NOT new.state BEGIN"
  LOCATE_CARDS_5 ("WHERE deck_id = new.id OR question_key IN"
                  "  (SELECT question_key FROM questions WHERE deck_id = new.id)")
  "END;",

  /* 5 → 6: what a question shows with it before its answer is revealed
   * (its code, its multiple-choice options), from files whose answers hide
   * in <details> blocks. NULL for the questions of earlier imports. */
  "ALTER TABLE questions ADD COLUMN prompt TEXT;",

  /* 6 → 7: the interview-date planner's settings, user data like the
   * reviews: one row, and the decks and topics the plan covers, named by
   * deck key and topic title, as ids change when a deck is imported again
   * or deleted and imported anew (no rows: every deck). The constraints
   * are checked by the integrity check. The log gets an index by time for
   * the progress figures (reviews per day, streaks, time spent), which
   * then never read the log itself. */
  "CREATE TABLE study_plan ("
  "  id INTEGER PRIMARY KEY CHECK (id = 1),"
  "  interview_date TEXT NOT NULL"
  "    CHECK (interview_date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),"
  "  daily_minutes INTEGER NOT NULL CHECK (daily_minutes >= 0),"
  "  daily_cards INTEGER NOT NULL CHECK (daily_cards >= 0),"
  "  updated_at INTEGER NOT NULL"
  ");"
  "CREATE TABLE study_plan_scope ("
  "  id INTEGER PRIMARY KEY,"
  "  deck_key TEXT NOT NULL,"
  "  topic_title TEXT"
  ");"
  "CREATE INDEX review_log_by_time ON review_log (reviewed_at, time_spent);",

  /* 7 → 8: the prompt is searched too, in the index's in_depth column
   * (a match there weighs as one in the answer; the index keeps its three
   * columns, which search reads by position). The index is made again
   * from its content. */
  "DROP TRIGGER questions_fts_insert;"
  "DROP TRIGGER questions_fts_delete;"
  "DROP TRIGGER questions_fts_update;"
  "DROP TABLE questions_fts;"
  "DROP VIEW questions_indexed;"
  "CREATE VIEW questions_indexed AS"
  "  SELECT id, text, answer, " INDEXED_IN_DEPTH ("questions") " AS in_depth"
  "  FROM questions WHERE orphaned = 0;"
  "CREATE VIRTUAL TABLE questions_fts USING fts5 ("
  "  text, answer, in_depth,"
  "  content = 'questions_indexed', content_rowid = 'id',"
  "  tokenize = 'unicode61 remove_diacritics 2',"
  "  prefix = '2 3',"
  "  detail = column"
  ");"
  "CREATE TRIGGER questions_fts_insert AFTER INSERT ON questions"
  "  WHEN new.orphaned = 0 BEGIN"
  "  INSERT INTO questions_fts (rowid, text, answer, in_depth)"
  "    VALUES (new.id, new.text, new.answer, " INDEXED_IN_DEPTH ("new") ");"
  "END;"
  "CREATE TRIGGER questions_fts_delete AFTER DELETE ON questions"
  "  WHEN old.orphaned = 0 BEGIN"
  "  INSERT INTO questions_fts (questions_fts, rowid, text, answer, in_depth)"
  "    VALUES ('delete', old.id, old.text, old.answer, " INDEXED_IN_DEPTH ("old") ");"
  "END;"
  "CREATE TRIGGER questions_fts_update"
  "  AFTER UPDATE OF text, answer, in_depth, prompt, orphaned ON questions"
  "  WHEN old.orphaned IS NOT new.orphaned OR old.text IS NOT new.text"
  "    OR old.answer IS NOT new.answer OR old.in_depth IS NOT new.in_depth"
  "    OR old.prompt IS NOT new.prompt BEGIN"
  "  INSERT INTO questions_fts (questions_fts, rowid, text, answer, in_depth)"
  "    SELECT 'delete', old.id, old.text, old.answer, " INDEXED_IN_DEPTH ("old")
  "    WHERE old.orphaned = 0;"
  "  INSERT INTO questions_fts (rowid, text, answer, in_depth)"
  "    SELECT new.id, new.text, new.answer, " INDEXED_IN_DEPTH ("new")
  "    WHERE new.orphaned = 0;"
  "END;"
  "INSERT INTO questions_fts (questions_fts, rank) VALUES ('rank', 'bm25(10.0, 1.0, 1.0)');"
  "INSERT INTO questions_fts (questions_fts) VALUES ('rebuild');",
};

#define SCHEMA_VERSION ((gint64) G_N_ELEMENTS (migrations))

gint64
rehearse_library_schema_version (void)
{
  return SCHEMA_VERSION;
}

static gboolean
ensure_parent_folder (const char  *path,
                      GError     **error)
{
  g_autofree char *folder = g_path_get_dirname (path);
  int saved_errno;

  if (g_mkdir_with_parents (folder, 0700) == 0)
    return TRUE;

  saved_errno = errno;
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
               _("Could not create the folder “%s”: %s"), folder, g_strerror (saved_errno));
  return FALSE;
}

static gboolean
read_user_version (RehearseLibrary  *self,
                   gint64           *version,
                   GError          **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gboolean has_row;
  int rc;

  /* The first read of the file: garbage fails here, before anything could
   * write to it. */
  rc = sqlite3_prepare_v2 (self->db, "PRAGMA user_version", -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    return rehearse_sqlite_error (self->db, rc, error, _("Could not read the library"));

  if (!rehearse_sqlite_step_row (self->db, stmt, &has_row, error))
    return FALSE;

  *version = has_row ? sqlite3_column_int64 (stmt, 0) : 0;
  return TRUE;
}

/* Reads the schema, as any first statement would: a damaged schema page
 * then fails the open rather than some later call. */
static gboolean
check_schema_readable (RehearseLibrary  *self,
                       GError          **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gboolean has_row;

  stmt = rehearse_sqlite_prepare (self->db, "SELECT count(*) FROM sqlite_schema", error);

  return stmt != NULL && rehearse_sqlite_step_row (self->db, stmt, &has_row, error);
}

static gboolean
check_version_known (RehearseLibrary  *self,
                     gint64            version,
                     GError          **error)
{
  g_autofree char *found = NULL;

  if (version <= SCHEMA_VERSION)
    return TRUE;

  found = g_strdup_printf ("%" G_GINT64_FORMAT, version);
  g_set_error (error, REHEARSE_ERROR, REHEARSE_ERROR_NEWER_DATABASE,
               _("The library “%s” was written by a newer version of Rehearse "
                 "(format %s, this version knows up to %d)"),
               self->path, found, (int) SCHEMA_VERSION);
  return FALSE;
}

static gboolean
quick_check (RehearseLibrary  *self,
             GError          **error)
{
  gboolean damaged;
  g_autofree char *failure = rehearse_sqlite_quick_check (self->db, &damaged);

  return failure == NULL || rehearse_library_check_failed (self, failure, damaged, error);
}

static gboolean
configure_connection (RehearseLibrary  *self,
                      GError          **error)
{
  /* WAL lets searches read while an import writes. With WAL, synchronous
   * NORMAL syncs at checkpoints only: a committed transaction survives a
   * crash or kill -9 of the application (it is in the WAL file); only a
   * power cut may lose the last commits, and never corrupts the file. */
  return rehearse_sqlite_exec (self->db,
                               "PRAGMA journal_mode = WAL;"
                               "PRAGMA foreign_keys = ON;"
                               "PRAGMA synchronous = NORMAL;",
                               error);
}

static gboolean
apply_migrations (RehearseLibrary  *self,
                  GError          **error)
{
  g_autofree char *set_version = NULL;
  gint64 version;

  /* Another process may have migrated while this one waited for the lock. */
  if (!read_user_version (self, &version, error) || !check_version_known (self, version, error))
    return FALSE;

  for (gint64 i = version; i < self->target_version; i++)
    if (!rehearse_sqlite_exec (self->db, migrations[i], error))
      return FALSE;

  set_version = g_strdup_printf ("PRAGMA user_version = %" G_GINT64_FORMAT,
                                 MAX (version, self->target_version));
  return rehearse_sqlite_exec (self->db, set_version, error);
}

static gboolean
migrate (RehearseLibrary  *self,
         GError          **error)
{
  if (!rehearse_sqlite_exec (self->db, "BEGIN IMMEDIATE", error))
    return FALSE;

  if (!apply_migrations (self, error) || !rehearse_sqlite_exec (self->db, "COMMIT", error))
    {
      rehearse_sqlite_rollback (self->db);
      return FALSE;
    }

  return TRUE;
}

/* A library that exists but cannot be written (a read-only file, or a
 * folder where SQLite cannot make its -wal and -shm files) is opened
 * read-only: it can be read, checked and exported, never changed. Returns
 * why, as the window says it, or NULL when it can be written. */
static char *
why_only_readable (const char *path)
{
  g_autofree char *folder = g_path_get_dirname (path);

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    return NULL;
  if (g_access (path, W_OK) != 0)
    return g_strdup_printf (_("The file “%s” cannot be written."), path);
  if (g_access (folder, W_OK) != 0)
    return g_strdup_printf (_("The folder “%s” cannot be written."), folder);
  return NULL;
}

/* Whether the WAL holds commits not yet in the file: an immutable open,
 * which never reads the WAL, would not see them. */
static gboolean
wal_has_frames (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  GStatBuf info;

  return g_stat (wal, &info) == 0 && info.st_size > 0;
}

/* SQLite reads a WAL library through its -shm file; where it cannot make
 * or grow one (a folder that cannot be written, a full disk), only an
 * immutable open reads, which is right only when the WAL is empty
 * (nobody can change the file there anyway). */
static char *
read_only_uri (const char  *path,
               gboolean     without_shared_memory,
               GError     **error)
{
  g_autofree char *uri = g_filename_to_uri (path, NULL, error);

  if (uri == NULL)
    return NULL;
  if (without_shared_memory && !wal_has_frames (path))
    return g_strconcat (uri, "?mode=ro&immutable=1", NULL);
  return g_strconcat (uri, "?mode=ro", NULL);
}

/* Whether SQLite cannot make the library's -shm file: its folder cannot
 * be written and there is none yet. */
static gboolean
cannot_make_shared_memory (const char *path)
{
  g_autofree char *folder = g_path_get_dirname (path);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  return g_access (folder, W_OK) != 0 && !g_file_test (shm, G_FILE_TEST_EXISTS);
}

static gboolean
open_connection (RehearseLibrary  *self,
                 GError          **error)
{
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX;
  const char *uri = self->read_only_uri;
  int rc;

  if (uri != NULL)
    flags = SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_FULLMUTEX;

  rc = sqlite3_open_v2 (uri != NULL ? uri : self->path, &self->db, flags, NULL);
  if (rc != SQLITE_OK)
    return rehearse_sqlite_error (self->db, rc, error, _("Could not open “%s”"), self->path);

  sqlite3_extended_result_codes (self->db, 1);
  /* SQLite's own wait (sqlite3_busy_timeout()) sleeps longer and longer
   * between tries, up to 100 ms: it would miss the few milliseconds an
   * import lets go of the write lock between its batches
   * (rehearse-library-staging.c). */
  rehearse_sqlite_wait_for_locks (self->db, REHEARSE_LIBRARY_BUSY_TIMEOUT_MS);
  return TRUE;
}

static gboolean
prepare_schema (RehearseLibrary  *self,
                GError          **error)
{
  gint64 version;

  if (!read_user_version (self, &version, error)
      || !check_version_known (self, version, error)
      || !check_schema_readable (self, error))
    return FALSE;

  /* A full check reads every page (a third of a second for 100,000
   * questions), too slow for every start; damage met later is reported as
   * REHEARSE_ERROR_CORRUPT_DATABASE by whichever call meets it, and
   * rehearse_library_check() runs the full check. A library about to be
   * migrated is checked first, though: never rewrite a damaged file. */
  if (version > 0 && version < self->target_version && !quick_check (self, error))
    return FALSE;

  if (self->read_only)
    {
      if (version >= self->target_version)
        return TRUE;
      g_set_error (error, REHEARSE_ERROR, REHEARSE_ERROR_DATABASE,
                   _("The library “%s” is read-only and was written by an older Rehearse: "
                     "it can only be opened once it can be written to (to bring it up to "
                     "date)"), self->path);
      return FALSE;
    }

  if (!configure_connection (self, error))
    return FALSE;

  return version >= self->target_version || migrate (self, error);
}


/* Why opening to write failed, if the disk or the file refused it (a full
 * disk, an I/O error, a file that cannot be written or made), as the
 * window says it, naming the file; NULL for any other failure. */
static char *
why_writing_refused (RehearseLibrary *self)
{
  int rc = self->db != NULL ? sqlite3_extended_errcode (self->db) : SQLITE_CANTOPEN;
  const char *reason = self->db != NULL ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc);

  switch (rc & 0xff)
    {
    case SQLITE_FULL:
      self->disk_full = TRUE;
      return g_strdup_printf (_("The disk that holds “%s” is full."), self->path);
    case SQLITE_IOERR:
      self->disk_full = sqlite3_system_errno (self->db) == ENOSPC;
      if (self->disk_full)
        return g_strdup_printf (_("The disk that holds “%s” is full."), self->path);
      return g_strdup_printf (_("The disk could not write “%s” (%s)."), self->path, reason);
    case SQLITE_READONLY:
    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
      return g_strdup_printf (_("“%s” could not be opened for writing (%s)."), self->path,
                              reason);
    default:
      return NULL;
    }
}

/* SQLite opened the file read-only by itself (it may not be written,
 * though the checks before said it could). */
static void
note_opened_read_only (RehearseLibrary *self)
{
  if (self->read_only || sqlite3_db_readonly (self->db, "main") != 1)
    return;

  self->read_only = TRUE;
  self->read_only_reason = g_strdup_printf (_("The file “%s” cannot be written."), self->path);
}

static void
close_connection (RehearseLibrary *self)
{
  g_hash_table_remove_all (self->statements);
  g_clear_pointer (&self->db, sqlite3_close_v2);
}

/* Opens the library read-only, without its shared memory when @reason
 * is a full disk or the like: reading and exporting notes still work. */
static gboolean
open_read_only (RehearseLibrary  *self,
                char             *reason,
                gboolean          without_shared_memory,
                GError          **error)
{
  self->read_only = TRUE;
  self->read_only_reason = reason;
  self->read_only_uri = read_only_uri (self->path, without_shared_memory, error);

  return self->read_only_uri != NULL
         && open_connection (self, error)
         && prepare_schema (self, error);
}

gboolean
rehearse_library_open_database (RehearseLibrary  *self,
                                GError          **error)
{
  g_autoptr(GError) local_error = NULL;
  gboolean existed = g_file_test (self->path, G_FILE_TEST_EXISTS);
  char *reason;

  if (!ensure_parent_folder (self->path, error))
    return FALSE;

  reason = why_only_readable (self->path);
  if (reason != NULL)
    return open_read_only (self, reason, cannot_make_shared_memory (self->path), error);

  if (open_connection (self, &local_error) && prepare_schema (self, &local_error))
    {
      note_opened_read_only (self);
      return TRUE;
    }

  /* A disk that refuses writes (full, failing, read-only) need not keep
   * the user from reading the library: once more, read-only. */
  reason = existed ? why_writing_refused (self) : NULL;
  if (reason == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  g_debug ("Opening “%s” read-only: %s", self->path, local_error->message);
  close_connection (self);
  return open_read_only (self, reason, TRUE, error);
}

const char *
rehearse_library_get_read_only_reason (RehearseLibrary *self)
{
  g_return_val_if_fail (REHEARSE_IS_LIBRARY (self), NULL);

  return self->read_only_reason;
}
