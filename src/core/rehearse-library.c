/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "rehearse-error.h"
#include "rehearse-library-private.h"
#include "rehearse-question-list.h"

/* Long enough to wait out another process's import, short enough that a
 * stuck lock turns into an error a person can see. */
#define BUSY_TIMEOUT_MS 5000

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

  /* 3 → 4: spaced repetition (FSRS). The review tables of the first
   * schema were never written; they are rebuilt with everything a review
   * knows, times in unix milliseconds (what the scheduler computes with;
   * old rows, in seconds, are converted). A card's state keeps a snapshot
   * of its question's text like bookmarks and notes, and where its live
   * question is now (row id, deck, topic; NULL when orphaned or gone),
   * kept by triggers on questions, so the due queries read this table and
   * its indexes alone: a join would look up every due question's row. */
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
  "INSERT INTO review_state_2"
  "  SELECT r.question_key, r.state, coalesce (r.stability, 0), coalesce (r.difficulty, 0),"
  "    coalesce (r.due, 0) * 1000, r.last_review * 1000, 0, r.reps, r.lapses, 0, 0,"
  "    " REHEARSE_SNAPSHOT_SQL ("q") ","
  "    CASE WHEN q.orphaned = 0 THEN q.id END,"
  "    CASE WHEN q.orphaned = 0 THEN q.deck_id END,"
  "    CASE WHEN q.orphaned = 0 THEN q.topic_id END"
  "  FROM review_state r LEFT JOIN questions q ON q.question_key = r.question_key;"
  "DROP TABLE review_state;"
  "ALTER TABLE review_state_2 RENAME TO review_state;"
  "CREATE INDEX review_state_by_due ON review_state (due, topic_id, question_id);"
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
  "  UPDATE review_state SET"
  "    question_id = CASE WHEN new.orphaned = 0 THEN new.id END,"
  "    deck_id = CASE WHEN new.orphaned = 0 THEN new.deck_id END,"
  "    topic_id = CASE WHEN new.orphaned = 0 THEN new.topic_id END"
  "  WHERE question_key = new.question_key;"
  "END;"
  /* Also when a deleted topic sets its questions' topic to NULL: foreign
   * key actions fire triggers. */
  "CREATE TRIGGER review_state_question_moved AFTER UPDATE OF deck_id, topic_id, orphaned"
  "  ON questions WHEN old.deck_id IS NOT new.deck_id OR old.topic_id IS NOT new.topic_id"
  "    OR old.orphaned IS NOT new.orphaned BEGIN"
  "  UPDATE review_state SET"
  "    question_id = CASE WHEN new.orphaned = 0 THEN new.id END,"
  "    deck_id = CASE WHEN new.orphaned = 0 THEN new.deck_id END,"
  "    topic_id = CASE WHEN new.orphaned = 0 THEN new.topic_id END"
  "  WHERE question_key = new.question_key;"
  "END;"
  "CREATE TRIGGER review_state_question_deleted AFTER DELETE ON questions BEGIN"
  "  UPDATE review_state SET question_id = NULL, deck_id = NULL, topic_id = NULL,"
  "    question_text = " REHEARSE_SNAPSHOT_SQL ("old")
  "  WHERE question_key = old.question_key;"
  "END;",
};

#define SCHEMA_VERSION ((gint64) G_N_ELEMENTS (migrations))

G_DEFINE_FINAL_TYPE (RehearseLibrary, rehearse_library, G_TYPE_OBJECT)

enum {
  USER_DATA_CHANGED,
  DECKS_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
rehearse_library_finalize (GObject *object)
{
  RehearseLibrary *self = REHEARSE_LIBRARY (object);

  g_clear_pointer (&self->reader, rehearse_reader_free);
  /* Statements first: a connection with live statements does not close. */
  g_clear_pointer (&self->statements, g_hash_table_unref);
  g_clear_pointer (&self->db, sqlite3_close_v2);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->decks_signature, g_free);
  g_rec_mutex_clear (&self->lock);
  g_mutex_clear (&self->reader_lock);

  G_OBJECT_CLASS (rehearse_library_parent_class)->finalize (object);
}

static void
rehearse_library_class_init (RehearseLibraryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = rehearse_library_finalize;

  /* A bookmark or note changed (added, edited, deleted, restored): views of
   * the question refresh. The argument is the question key, or NULL when
   * another program changed the library: then any question's may have. */
  signals[USER_DATA_CHANGED] =
    g_signal_new ("user-data-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE);

  /* Another program imported, updated or removed a deck: lists of decks,
   * topics and questions are stale. */
  signals[DECKS_CHANGED] =
    g_signal_new ("decks-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);
}

void
rehearse_library_emit_user_data_changed (RehearseLibrary *self,
                                         const char      *question_key)
{
  g_signal_emit (self, signals[USER_DATA_CHANGED], 0, question_key);
}

static void
finalize_statement (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

static void
rehearse_library_init (RehearseLibrary *self)
{
  g_rec_mutex_init (&self->lock);
  g_mutex_init (&self->reader_lock);
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, finalize_statement);
  self->target_version = SCHEMA_VERSION;
}

/* ---- SQLite helpers ------------------------------------------------------ */

gboolean
rehearse_sqlite_error (sqlite3    *db,
                       int         rc,
                       GError    **error,
                       const char *format,
                       ...)
{
  g_autofree char *context = NULL;
  const char *reason = db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc);
  va_list args;

  va_start (args, format);
  context = g_strdup_vprintf (format, args);
  va_end (args);

  switch (rc & 0xff)
    {
    case SQLITE_INTERRUPT:
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Operation was cancelled"));
      break;

    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      g_set_error (error, REHEARSE_ERROR, REHEARSE_ERROR_CORRUPT_DATABASE,
                   _("%s: “%s” is damaged or is not a database (%s)"), context,
                   db != NULL ? sqlite3_db_filename (db, "main") : "", reason);
      break;

    default:
      g_set_error (error, REHEARSE_ERROR, REHEARSE_ERROR_DATABASE, "%s: %s", context, reason);
      break;
    }

  return FALSE;
}

gboolean
rehearse_sqlite_exec (sqlite3     *db,
                      const char  *sql,
                      GError     **error)
{
  int rc = sqlite3_exec (db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    return rehearse_sqlite_error (db, rc, error, _("Could not run “%.40s”"), sql);

  return TRUE;
}

sqlite3_stmt *
rehearse_sqlite_prepare (sqlite3     *db,
                         const char  *sql,
                         GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    {
      rehearse_sqlite_error (db, rc, error, _("Could not read the library"));
      return NULL;
    }

  return stmt;
}

void
rehearse_cached_statement_release (RehearseCachedStatement *stmt)
{
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
}

RehearseCachedStatement *
rehearse_library_statement (RehearseLibrary  *self,
                            const char       *sql,
                            GError          **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->statements, sql);
  int rc;

  if (stmt != NULL)
    return stmt;

  rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      rehearse_sqlite_error (self->db, rc, error, _("Could not read the library"));
      return NULL;
    }

  g_hash_table_insert (self->statements, (gpointer) sql, stmt);
  return stmt;
}

gboolean
rehearse_sqlite_step_done (sqlite3       *db,
                           sqlite3_stmt  *stmt,
                           GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE)
    return rehearse_sqlite_error (db, rc, error, _("Could not update the library"));

  return TRUE;
}

/* Steps a statement that returns no row. */
static gboolean
step_done (RehearseLibrary  *self,
           sqlite3_stmt     *stmt,
           GError          **error)
{
  return rehearse_sqlite_step_done (self->db, stmt, error);
}

/* Steps to the next row: TRUE with *has_row set, or FALSE on error. */
static gboolean
step_row (sqlite3       *db,
          sqlite3_stmt  *stmt,
          gboolean      *has_row,
          GError       **error)
{
  int rc = sqlite3_step (stmt);

  *has_row = rc == SQLITE_ROW;
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return rehearse_sqlite_error (db, rc, error, _("Could not read the library"));

  return TRUE;
}

gboolean
rehearse_sqlite_next_row (sqlite3       *db,
                          sqlite3_stmt  *stmt,
                          GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc == SQLITE_ROW)
    return TRUE;

  if (rc != SQLITE_DONE)
    rehearse_sqlite_error (db, rc, error, _("Could not read the library"));

  return FALSE;
}

static void
rollback (sqlite3 *db)
{
  /* SQLite may have rolled back already (disk full, interrupt): then this
   * fails harmlessly with "no transaction is active". */
  sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
}

gboolean
rehearse_library_begin_write (RehearseLibrary  *self,
                              GError          **error)
{
  /* IMMEDIATE: take the write lock now, so what the transaction reads
   * first is still true when it writes, whatever another process does. */
  return rehearse_sqlite_exec (self->db, "BEGIN IMMEDIATE", error);
}

gboolean
rehearse_library_end_write (RehearseLibrary  *self,
                            gboolean          ok,
                            gboolean          changed,
                            GError          **error)
{
  /* Nothing changed: ROLLBACK, so no other connection sees a commit. */
  if (ok && rehearse_sqlite_exec (self->db, changed ? "COMMIT" : "ROLLBACK", error))
    return TRUE;

  rollback (self->db);
  return FALSE;
}

static void
bind_id_or_null (sqlite3_stmt *stmt,
                 int           index,
                 gint64        id)
{
  if (id > 0)
    sqlite3_bind_int64 (stmt, index, id);
  else
    sqlite3_bind_null (stmt, index);
}

/* ---- Changes made elsewhere ---------------------------------------------- */

/* Every deck and the hash of its sources, in one string: an import adds to
 * it, an update changes a hash, a removal takes one out. */
#define DECKS_SIGNATURE_SQL \
  "SELECT coalesce (group_concat (id || ' ' || content_hash, ','), '')" \
  " FROM (SELECT id, content_hash FROM decks ORDER BY id)"

/* PRAGMA data_version changes when another connection commits; this
 * connection's own writes leave it as it was. The caller holds the lock. */
static gboolean
read_data_version (RehearseLibrary  *self,
                   gint64           *version,
                   GError          **error)
{
  g_autoptr(RehearseCachedStatement) stmt = NULL;
  gboolean has_row;

  stmt = rehearse_library_statement (self, "PRAGMA data_version", error);
  if (stmt == NULL || !step_row (self->db, stmt, &has_row, error))
    return FALSE;

  *version = has_row ? sqlite3_column_int64 (stmt, 0) : 0;
  return TRUE;
}

/* The caller holds the lock. NULL with @error set when it cannot be read. */
static char *
read_decks_signature (RehearseLibrary  *self,
                      GError          **error)
{
  g_autoptr(RehearseCachedStatement) stmt = NULL;
  gboolean has_row;

  stmt = rehearse_library_statement (self, DECKS_SIGNATURE_SQL, error);
  if (stmt == NULL || !step_row (self->db, stmt, &has_row, error))
    return NULL;

  return g_strdup (has_row ? (const char *) sqlite3_column_text (stmt, 0) : "");
}

/* This connection changed the decks: that is no change made elsewhere. The
 * caller holds the lock. A failed read leaves the old signature, which at
 * worst reports one change of decks too many. */
static void
remember_own_decks_change (RehearseLibrary *self)
{
  char *signature = read_decks_signature (self, NULL);

  if (signature == NULL)
    return;
  g_free (self->decks_signature);
  self->decks_signature = signature;
}

/* Under the lock; the signals go out after it is released. */
static gboolean
take_change_marks (RehearseLibrary  *self,
                   gboolean         *changed,
                   gboolean         *decks_changed,
                   GError          **error)
{
  g_autoptr(GRecMutexLocker) locker = g_rec_mutex_locker_new (&self->lock);
  g_autofree char *signature = NULL;
  gint64 version;

  *changed = *decks_changed = FALSE;
  if (!read_data_version (self, &version, error))
    return FALSE;
  if (version == self->data_version)
    return TRUE;

  signature = read_decks_signature (self, error);
  if (signature == NULL)
    return FALSE;

  *changed = TRUE;
  *decks_changed = g_strcmp0 (signature, self->decks_signature) != 0;
  self->data_version = version;
  g_free (self->decks_signature);
  self->decks_signature = g_steal_pointer (&signature);
  return TRUE;
}

gboolean
rehearse_library_check_changed_elsewhere (RehearseLibrary  *self,
                                          GError          **error)
{
  gboolean changed, decks_changed;

  g_return_val_if_fail (REHEARSE_IS_LIBRARY (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!take_change_marks (self, &changed, &decks_changed, error))
    return FALSE;

  if (decks_changed)
    g_signal_emit (self, signals[DECKS_CHANGED], 0);
  if (changed)
    rehearse_library_emit_user_data_changed (self, NULL);
  return changed;
}

/* ---- Opening ------------------------------------------------------------- */

char *
rehearse_library_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), APPLICATION_ID, "library.db", NULL);
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

  if (!step_row (self->db, stmt, &has_row, error))
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

  return stmt != NULL && step_row (self->db, stmt, &has_row, error);
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
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const char *verdict;
  gboolean has_row;

  stmt = rehearse_sqlite_prepare (self->db, "PRAGMA quick_check (1)", error);
  if (stmt == NULL || !step_row (self->db, stmt, &has_row, error))
    return FALSE;

  verdict = has_row ? (const char *) sqlite3_column_text (stmt, 0) : "no answer";
  if (g_strcmp0 (verdict, "ok") == 0)
    return TRUE;

  g_set_error (error, REHEARSE_ERROR, REHEARSE_ERROR_CORRUPT_DATABASE,
               _("The library “%s” is damaged: %s"), self->path, verdict);
  return FALSE;
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
      rollback (self->db);
      return FALSE;
    }

  return TRUE;
}

static gboolean
open_connection (RehearseLibrary  *self,
                 GError          **error)
{
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX;
  int rc = sqlite3_open_v2 (self->path, &self->db, flags, NULL);

  if (rc != SQLITE_OK)
    return rehearse_sqlite_error (self->db, rc, error, _("Could not open “%s”"), self->path);

  sqlite3_extended_result_codes (self->db, 1);
  sqlite3_busy_timeout (self->db, BUSY_TIMEOUT_MS);
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

  if (!configure_connection (self, error))
    return FALSE;

  return version >= self->target_version || migrate (self, error);
}

RehearseLibrary *
rehearse_library_open_version (const char  *path,
                               gint64       version,
                               GError     **error)
{
  g_autoptr(RehearseLibrary) self = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (version > 0 && version <= SCHEMA_VERSION, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!ensure_parent_folder (path, error))
    return NULL;

  self = g_object_new (REHEARSE_TYPE_LIBRARY, NULL);
  self->path = g_strdup (path);
  self->target_version = version;

  if (!open_connection (self, error) || !prepare_schema (self, error)
      || !read_data_version (self, &self->data_version, error))
    return NULL;

  self->decks_signature = read_decks_signature (self, error);
  if (self->decks_signature == NULL)
    return NULL;

  return g_steal_pointer (&self);
}

RehearseLibrary *
rehearse_library_open (const char  *path,
                       GError     **error)
{
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return rehearse_library_open_version (path, SCHEMA_VERSION, error);
}

const char *
rehearse_library_get_path (RehearseLibrary *self)
{
  g_return_val_if_fail (REHEARSE_IS_LIBRARY (self), NULL);

  return self->path;
}

/* ---- Rows to objects ----------------------------------------------------- */

RehearseQuestion *
rehearse_question_new_from_statement (sqlite3_stmt *stmt,
                                      gboolean      full)
{
  RehearseQuestionFields fields = { 0, };

  fields.id = sqlite3_column_int64 (stmt, 0);
  fields.question_key = (const char *) sqlite3_column_text (stmt, 1);
  fields.deck_id = sqlite3_column_int64 (stmt, 2);
  fields.topic_id = sqlite3_column_int64 (stmt, 3);
  fields.number = sqlite3_column_type (stmt, 4) == SQLITE_NULL ? -1 : sqlite3_column_int (stmt, 4);
  fields.text = (const char *) sqlite3_column_text (stmt, 5);
  fields.topic_title = (const char *) sqlite3_column_text (stmt, 6);
  fields.orphaned = sqlite3_column_int (stmt, 7) != 0;

  if (full)
    {
      fields.answer = (const char *) sqlite3_column_text (stmt, 8);
      fields.in_depth = (const char *) sqlite3_column_text (stmt, 9);
    }

  return rehearse_question_new (&fields);
}

/* ---- Import -------------------------------------------------------------- */

typedef struct
{
  RehearseLibrary      *library;
  RehearseParsedDeck   *deck;
  RehearseImportResult  result;
  gint64                now;
  GArray               *topic_ids;   /* gint64, one per parsed topic */
} Import;

typedef struct
{
  gint64   id;
  gboolean seen;
} StoredQuestion;

#define INSERT_QUESTION_SQL \
  "INSERT INTO questions (question_key, deck_id, topic_id, position, number, text, answer," \
  " in_depth) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"

/* Writes only when the question itself changed, so an unchanged one costs
 * a read and sqlite3_changes() says which it was. */
#define UPDATE_QUESTION_SQL \
  "UPDATE questions SET topic_id = ?3, position = ?4, number = ?5, text = ?6, answer = ?7," \
  " in_depth = ?8, orphaned = 0" \
  " WHERE id = ?1 AND deck_id = ?2 AND (topic_id IS NOT ?3 OR number IS NOT ?5" \
  " OR text IS NOT ?6 OR answer IS NOT ?7 OR in_depth IS NOT ?8 OR orphaned <> 0)"

/* A question that only moved (one before it was removed) is not news,
 * but the reading order must follow. */
#define MOVE_QUESTION_SQL \
  "UPDATE questions SET position = ?2 WHERE id = ?1 AND position IS NOT ?2"

static void
checksum_add (GChecksum  *checksum,
              const char *text)
{
  /* The terminating NUL too: "ab" + "c" must differ from "a" + "bc". */
  if (text != NULL)
    g_checksum_update (checksum, (const guchar *) text, (gssize) strlen (text) + 1);
  else
    g_checksum_update (checksum, (const guchar *) "", 0);
}

/* Sources identify a deck's content: same files (and parser), same deck.
 * A deck made without files (tests, generated decks) is identified by its
 * questions. */
static char *
deck_content_hash (RehearseParsedDeck *deck)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);

  for (guint i = 0; i < deck->sources->len; i++)
    {
      RehearseParsedSource *source = g_ptr_array_index (deck->sources, i);

      checksum_add (checksum, source->content_hash);
    }

  for (guint i = 0; deck->sources->len == 0 && i < deck->topics->len; i++)
    {
      RehearseParsedTopic *topic = g_ptr_array_index (deck->topics, i);

      checksum_add (checksum, topic->title);
    }

  for (guint i = 0; deck->sources->len == 0 && i < deck->questions->len; i++)
    {
      RehearseParsedQuestion *question = g_ptr_array_index (deck->questions, i);

      checksum_add (checksum, question->question_key);
      checksum_add (checksum, question->text);
      checksum_add (checksum, question->answer);
      checksum_add (checksum, question->in_depth);
    }

  return g_strdup (g_checksum_get_string (checksum));
}

static gboolean
validate_deck (RehearseParsedDeck  *deck,
               GError             **error)
{
  if (deck->deck_key == NULL || deck->title == NULL)
    {
      g_set_error_literal (error, REHEARSE_ERROR, REHEARSE_ERROR_INVALID_ARGUMENT,
                           _("The deck has no title"));
      return FALSE;
    }

  for (guint i = 0; i < deck->questions->len; i++)
    {
      RehearseParsedQuestion *question = g_ptr_array_index (deck->questions, i);

      if (question->question_key != NULL && question->topic_index < deck->topics->len)
        continue;

      g_set_error (error, REHEARSE_ERROR, REHEARSE_ERROR_INVALID_ARGUMENT,
                   _("Question %u of “%s” has no key or no topic"), i + 1, deck->title);
      return FALSE;
    }

  return TRUE;
}

static gboolean
find_stored_deck (Import  *import,
                  gint64  *deck_id,
                  char   **content_hash,
                  GError **error)
{
  g_autoptr(RehearseCachedStatement) stmt = NULL;
  gboolean has_row;

  stmt = rehearse_library_statement (import->library,
                                     "SELECT id, content_hash FROM decks WHERE deck_key = ?1",
                                     error);
  if (stmt == NULL)
    return FALSE;

  rehearse_bind_text (stmt, 1, import->deck->deck_key);
  if (!step_row (import->library->db, stmt, &has_row, error))
    return FALSE;

  *deck_id = has_row ? sqlite3_column_int64 (stmt, 0) : 0;
  *content_hash = has_row ? g_strdup ((const char *) sqlite3_column_text (stmt, 1)) : NULL;
  return TRUE;
}

static gboolean
insert_deck (Import      *import,
             const char  *content_hash,
             GError     **error)
{
  g_autoptr(RehearseCachedStatement) stmt = NULL;

  stmt = rehearse_library_statement (import->library,
                                     "INSERT INTO decks (deck_key, title, content_hash,"
                                     " imported_at) VALUES (?1, ?2, ?3, ?4)",
                                     error);
  if (stmt == NULL)
    return FALSE;

  rehearse_bind_text (stmt, 1, import->deck->deck_key);
  rehearse_bind_text (stmt, 2, import->deck->title);
  rehearse_bind_text (stmt, 3, content_hash);
  sqlite3_bind_int64 (stmt, 4, import->now);
  if (!step_done (import->library, stmt, error))
    return FALSE;

  import->result.deck_id = sqlite3_last_insert_rowid (import->library->db);
  return TRUE;
}

static gboolean
update_deck_row (Import      *import,
                 const char  *content_hash,
                 GError     **error)
{
  g_autoptr(RehearseCachedStatement) stmt = NULL;

  stmt = rehearse_library_statement (import->library,
                                     "UPDATE decks SET title = ?2, content_hash = ?3,"
                                     " imported_at = ?4 WHERE id = ?1",
                                     error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, import->result.deck_id);
  rehearse_bind_text (stmt, 2, import->deck->title);
  rehearse_bind_text (stmt, 3, content_hash);
  sqlite3_bind_int64 (stmt, 4, import->now);
  return step_done (import->library, stmt, error);
}

static gboolean
delete_sources (Import  *import,
                GError **error)
{
  g_autoptr(RehearseCachedStatement) stmt = NULL;

  stmt = rehearse_library_statement (import->library,
                                     "DELETE FROM sources WHERE deck_id = ?1", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, import->result.deck_id);
  return step_done (import->library, stmt, error);
}

static gboolean
insert_sources (Import  *import,
                GError **error)
{
  g_autoptr(RehearseCachedStatement) stmt = NULL;

  stmt = rehearse_library_statement (import->library,
                                     "INSERT INTO sources (deck_id, position, path, content_hash,"
                                     " size) VALUES (?1, ?2, ?3, ?4, ?5)",
                                     error);
  if (stmt == NULL)
    return FALSE;

  for (guint i = 0; i < import->deck->sources->len; i++)
    {
      RehearseParsedSource *source = g_ptr_array_index (import->deck->sources, i);

      sqlite3_bind_int64 (stmt, 1, import->result.deck_id);
      sqlite3_bind_int (stmt, 2, (int) i);
      rehearse_bind_text (stmt, 3, source->path != NULL ? source->path : "");
      rehearse_bind_text (stmt, 4, source->content_hash != NULL ? source->content_hash : "");
      sqlite3_bind_int64 (stmt, 5, (sqlite3_int64) source->size);
      if (!step_done (import->library, stmt, error))
        return FALSE;
      sqlite3_reset (stmt);
    }

  return TRUE;
}

static gboolean
insert_topic (Import               *import,
              guint                 position,
              RehearseParsedTopic  *topic,
              GError              **error)
{
  g_autoptr(RehearseCachedStatement) stmt = NULL;
  gint64 topic_id;

  stmt = rehearse_library_statement (import->library,
                                     "INSERT INTO topics (deck_id, position, title, icon)"
                                     " VALUES (?1, ?2, ?3, ?4)",
                                     error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, import->result.deck_id);
  sqlite3_bind_int (stmt, 2, (int) position);
  rehearse_bind_text (stmt, 3, topic->title != NULL ? topic->title : "");
  rehearse_bind_text (stmt, 4, topic->icon);
  if (!step_done (import->library, stmt, error))
    return FALSE;

  topic_id = sqlite3_last_insert_rowid (import->library->db);
  g_array_index (import->topic_ids, gint64, position) = topic_id;
  return TRUE;
}

static gboolean
insert_topics (Import  *import,
               GError **error)
{
  for (guint i = 0; i < import->deck->topics->len; i++)
    if (!insert_topic (import, i, g_ptr_array_index (import->deck->topics, i), error))
      return FALSE;

  return TRUE;
}

static void
bind_question (Import                 *import,
               sqlite3_stmt           *stmt,
               guint                   position,
               RehearseParsedQuestion *question)
{
  sqlite3_bind_int64 (stmt, 2, import->result.deck_id);
  bind_id_or_null (stmt, 3, g_array_index (import->topic_ids, gint64, question->topic_index));
  sqlite3_bind_int (stmt, 4, (int) position);
  if (question->number >= 0)
    sqlite3_bind_int (stmt, 5, question->number);
  else
    sqlite3_bind_null (stmt, 5);
  rehearse_bind_text (stmt, 6, question->text);
  rehearse_bind_text (stmt, 7, question->answer);
  rehearse_bind_text (stmt, 8, question->in_depth);
}

/* A unique-key failure says which key but not why: name the deck that
 * already has it, as the likely cause is two decks with the same title. */
static gboolean
duplicate_key_error (Import      *import,
                     const char  *question_key,
                     GError     **error)
{
  g_autoptr(RehearseCachedStatement) stmt = NULL;
  gboolean has_row = FALSE;

  stmt = rehearse_library_statement (import->library,
                                     "SELECT q.deck_id, d.title FROM questions q"
                                     " JOIN decks d ON d.id = q.deck_id WHERE q.question_key = ?1",
                                     NULL);
  if (stmt != NULL)
    {
      rehearse_bind_text (stmt, 1, question_key);
      step_row (import->library->db, stmt, &has_row, NULL);
    }

  if (has_row && sqlite3_column_int64 (stmt, 0) != import->result.deck_id)
    g_set_error (error, REHEARSE_ERROR, REHEARSE_ERROR_FAILED,
                 _("The question key “%s” of “%s” already belongs to the deck “%s”"),
                 question_key, import->deck->title, sqlite3_column_text (stmt, 1));
  else
    g_set_error (error, REHEARSE_ERROR, REHEARSE_ERROR_FAILED,
                 _("The question key “%s” occurs twice in “%s”"), question_key, import->deck->title);

  return FALSE;
}

static gboolean
question_step_failed (Import                  *import,
                      int                      rc,
                      RehearseParsedQuestion  *question,
                      GError                 **error)
{
  if (rc == SQLITE_CONSTRAINT_UNIQUE)
    return duplicate_key_error (import, question->question_key, error);

  return rehearse_sqlite_error (import->library->db, rc, error, _("Could not store the question “%s”"),
                                question->question_key);
}

static gboolean
insert_question (Import                  *import,
                 sqlite3_stmt            *stmt,
                 guint                    position,
                 RehearseParsedQuestion  *question,
                 GError                 **error)
{
  int rc;

  rehearse_bind_text (stmt, 1, question->question_key);
  bind_question (import, stmt, position, question);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    return question_step_failed (import, rc, question, error);

  import->result.added++;
  return TRUE;
}

static gboolean
insert_all_questions (Import  *import,
                      GError **error)
{
  g_autoptr(RehearseCachedStatement) stmt = NULL;

  stmt = rehearse_library_statement (import->library, INSERT_QUESTION_SQL, error);
  if (stmt == NULL)
    return FALSE;

  for (guint i = 0; i < import->deck->questions->len; i++)
    if (!insert_question (import, stmt, i, g_ptr_array_index (import->deck->questions, i), error))
      return FALSE;

  return TRUE;
}

static gboolean
create_deck (Import      *import,
             const char  *content_hash,
             GError     **error)
{
  /* Nothing of this deck exists yet: plain inserts, no lookups. */
  import->result.outcome = REHEARSE_IMPORT_CREATED;

  return insert_deck (import, content_hash, error)
         && insert_sources (import, error)
         && insert_topics (import, error)
         && insert_all_questions (import, error);
}

typedef struct
{
  gint64    id;
  char     *title;
  gboolean  reused;
} StoredTopic;

static void
stored_topic_clear (gpointer data)
{
  StoredTopic *topic = data;

  g_free (topic->title);
}

static GArray *
load_stored_topics (Import  *import,
                    GError **error)
{
  g_autoptr(RehearseCachedStatement) stmt = NULL;
  g_autoptr(GArray) topics = g_array_new (FALSE, TRUE, sizeof (StoredTopic));
  g_autoptr(GError) local_error = NULL;

  g_array_set_clear_func (topics, stored_topic_clear);
  stmt = rehearse_library_statement (import->library,
                                     "SELECT id, title FROM topics WHERE deck_id = ?1"
                                     " ORDER BY position",
                                     error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, import->result.deck_id);
  while (rehearse_sqlite_next_row (import->library->db, stmt, &local_error))
    {
      StoredTopic topic = {
        .id = sqlite3_column_int64 (stmt, 0),
        .title = g_strdup ((const char *) sqlite3_column_text (stmt, 1)),
      };

      g_array_append_val (topics, topic);
    }

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  return g_steal_pointer (&topics);
}

static StoredTopic *
take_stored_topic (GArray     *topics,
                   const char *title)
{
  for (guint i = 0; i < topics->len; i++)
    {
      StoredTopic *topic = &g_array_index (topics, StoredTopic, i);

      if (!topic->reused && g_strcmp0 (topic->title, title) == 0)
        {
          topic->reused = TRUE;
          return topic;
        }
    }

  return NULL;
}

static gboolean
update_topic (Import               *import,
              gint64                topic_id,
              guint                 position,
              RehearseParsedTopic  *topic,
              GError              **error)
{
  g_autoptr(RehearseCachedStatement) stmt = NULL;

  stmt = rehearse_library_statement (import->library,
                                     "UPDATE topics SET position = ?2, icon = ?3 WHERE id = ?1",
                                     error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, topic_id);
  sqlite3_bind_int (stmt, 2, (int) position);
  rehearse_bind_text (stmt, 3, topic->icon);
  if (!step_done (import->library, stmt, error))
    return FALSE;

  g_array_index (import->topic_ids, gint64, position) = topic_id;
  return TRUE;
}

static gboolean
delete_topic (Import  *import,
              gint64   topic_id,
              GError **error)
{
  g_autoptr(RehearseCachedStatement) stmt = NULL;

  stmt = rehearse_library_statement (import->library, "DELETE FROM topics WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, topic_id);
  return step_done (import->library, stmt, error);
}

/* Topics keep their ids when their title stays, so a topic a window shows
 * survives an update of its deck; the others are replaced. */
static gboolean
sync_topics (Import  *import,
             GError **error)
{
  g_autoptr(GArray) stored = load_stored_topics (import, error);

  if (stored == NULL)
    return FALSE;

  for (guint i = 0; i < import->deck->topics->len; i++)
    {
      RehearseParsedTopic *topic = g_ptr_array_index (import->deck->topics, i);
      StoredTopic *match = take_stored_topic (stored, topic->title);

      if (match != NULL ? !update_topic (import, match->id, i, topic, error)
                        : !insert_topic (import, i, topic, error))
        return FALSE;
    }

  for (guint i = 0; i < stored->len; i++)
    {
      StoredTopic *topic = &g_array_index (stored, StoredTopic, i);

      if (!topic->reused && !delete_topic (import, topic->id, error))
        return FALSE;
    }

  return TRUE;
}

static GHashTable *
load_stored_questions (Import  *import,
                       GError **error)
{
  g_autoptr(RehearseCachedStatement) stmt = NULL;
  g_autoptr(GHashTable) stored = NULL;
  g_autoptr(GError) local_error = NULL;

  stmt = rehearse_library_statement (import->library,
                                     "SELECT id, question_key FROM questions WHERE deck_id = ?1",
                                     error);
  if (stmt == NULL)
    return NULL;

  stored = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  sqlite3_bind_int64 (stmt, 1, import->result.deck_id);
  while (rehearse_sqlite_next_row (import->library->db, stmt, &local_error))
    {
      StoredQuestion *question = g_new0 (StoredQuestion, 1);

      question->id = sqlite3_column_int64 (stmt, 0);
      g_hash_table_insert (stored, g_strdup ((const char *) sqlite3_column_text (stmt, 1)),
                           question);
    }

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  return g_steal_pointer (&stored);
}

static gboolean
move_question (Import  *import,
               gint64   question_id,
               guint    position,
               GError **error)
{
  g_autoptr(RehearseCachedStatement) stmt = NULL;

  stmt = rehearse_library_statement (import->library, MOVE_QUESTION_SQL, error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, question_id);
  sqlite3_bind_int (stmt, 2, (int) position);
  return step_done (import->library, stmt, error);
}

static gboolean
update_question (Import                  *import,
                 sqlite3_stmt            *stmt,
                 guint                    position,
                 RehearseParsedQuestion  *question,
                 StoredQuestion          *stored,
                 GError                 **error)
{
  int rc;

  if (stored->seen)
    return duplicate_key_error (import, question->question_key, error);
  stored->seen = TRUE;

  sqlite3_bind_int64 (stmt, 1, stored->id);
  bind_question (import, stmt, position, question);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    return question_step_failed (import, rc, question, error);

  if (sqlite3_changes (import->library->db) > 0)
    {
      import->result.updated++;
      return TRUE;
    }

  import->result.unchanged++;
  return move_question (import, stored->id, position, error);
}

static gboolean
store_questions (Import      *import,
                 GHashTable  *stored,
                 GError     **error)
{
  g_autoptr(RehearseCachedStatement) insert = NULL;
  g_autoptr(RehearseCachedStatement) update = NULL;

  insert = rehearse_library_statement (import->library, INSERT_QUESTION_SQL, error);
  update = insert != NULL ? rehearse_library_statement (import->library, UPDATE_QUESTION_SQL,
                                                        error)
                          : NULL;
  if (update == NULL)
    return FALSE;

  for (guint i = 0; i < import->deck->questions->len; i++)
    {
      RehearseParsedQuestion *question = g_ptr_array_index (import->deck->questions, i);
      StoredQuestion *match = g_hash_table_lookup (stored, question->question_key);

      if (match != NULL ? !update_question (import, update, i, question, match, error)
                        : !insert_question (import, insert, i, question, error))
        return FALSE;
    }

  return TRUE;
}

#define USER_DATA_EXISTS_SQL \
  "SELECT EXISTS (SELECT 1 FROM bookmarks WHERE question_key = ?1)" \
  " OR EXISTS (SELECT 1 FROM notes WHERE question_key = ?1)" \
  " OR EXISTS (SELECT 1 FROM review_state WHERE question_key = ?1)" \
  " OR EXISTS (SELECT 1 FROM review_log WHERE question_key = ?1)"

static gboolean
has_user_data (Import      *import,
               const char  *question_key,
               gboolean    *result,
               GError     **error)
{
  g_autoptr(RehearseCachedStatement) stmt = NULL;
  gboolean has_row;

  stmt = rehearse_library_statement (import->library, USER_DATA_EXISTS_SQL, error);
  if (stmt == NULL)
    return FALSE;

  rehearse_bind_text (stmt, 1, question_key);
  if (!step_row (import->library->db, stmt, &has_row, error))
    return FALSE;

  *result = has_row && sqlite3_column_int (stmt, 0) != 0;
  return TRUE;
}

static gboolean
orphan_question (Import  *import,
                 gint64   question_id,
                 GError **error)
{
  g_autoptr(RehearseCachedStatement) stmt = NULL;

  stmt = rehearse_library_statement (import->library,
                                     "UPDATE questions SET orphaned = 1, topic_id = NULL"
                                     " WHERE id = ?1 AND orphaned = 0",
                                     error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, question_id);
  if (!step_done (import->library, stmt, error))
    return FALSE;

  /* One orphaned by an earlier import is not news. */
  import->result.orphaned += sqlite3_changes (import->library->db) > 0 ? 1 : 0;
  return TRUE;
}

static gboolean
remove_question (Import  *import,
                 gint64   question_id,
                 GError **error)
{
  g_autoptr(RehearseCachedStatement) stmt = NULL;

  stmt = rehearse_library_statement (import->library, "DELETE FROM questions WHERE id = ?1",
                                     error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, question_id);
  if (!step_done (import->library, stmt, error))
    return FALSE;

  import->result.removed++;
  return TRUE;
}

/* Questions gone from the deck: kept as orphans while a bookmark, note or
 * review refers to them (their user data would otherwise point at
 * nothing), deleted otherwise. */
static gboolean
settle_vanished_questions (Import      *import,
                           GHashTable  *stored,
                           GError     **error)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, stored);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      StoredQuestion *question = value;
      gboolean keep;

      if (question->seen)
        continue;

      if (!has_user_data (import, key, &keep, error))
        return FALSE;

      if (keep ? !orphan_question (import, question->id, error)
               : !remove_question (import, question->id, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
update_deck (Import      *import,
             const char  *content_hash,
             GError     **error)
{
  g_autoptr(GHashTable) stored = NULL;

  import->result.outcome = REHEARSE_IMPORT_UPDATED;

  if (!update_deck_row (import, content_hash, error)
      || !delete_sources (import, error)
      || !insert_sources (import, error)
      || !sync_topics (import, error))
    return FALSE;

  stored = load_stored_questions (import, error);

  return stored != NULL
         && store_questions (import, stored, error)
         && settle_vanished_questions (import, stored, error);
}

static gboolean
import_in_transaction (Import  *import,
                       GError **error)
{
  g_autofree char *content_hash = deck_content_hash (import->deck);
  g_autofree char *stored_hash = NULL;

  if (!find_stored_deck (import, &import->result.deck_id, &stored_hash, error))
    return FALSE;

  if (import->result.deck_id == 0)
    return create_deck (import, content_hash, error);

  if (g_strcmp0 (stored_hash, content_hash) != 0)
    return update_deck (import, content_hash, error);

  import->result.outcome = REHEARSE_IMPORT_UNCHANGED;
  import->result.unchanged = import->deck->questions->len;
  return TRUE;
}

gboolean
rehearse_library_import_deck (RehearseLibrary       *self,
                              RehearseParsedDeck    *deck,
                              RehearseImportResult  *result,
                              GError               **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autoptr(GArray) topic_ids = NULL;
  Import import = { 0, };
  const char *end;

  g_return_val_if_fail (REHEARSE_IS_LIBRARY (self), FALSE);
  g_return_val_if_fail (deck != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!validate_deck (deck, error))
    return FALSE;

  topic_ids = g_array_new (FALSE, TRUE, sizeof (gint64));
  g_array_set_size (topic_ids, deck->topics->len);
  import = (Import) {
    .library = self,
    .deck = deck,
    .now = rehearse_now_seconds (),
    .topic_ids = topic_ids,
  };

  locker = g_rec_mutex_locker_new (&self->lock);
  if (!rehearse_sqlite_exec (self->db, "BEGIN IMMEDIATE", error))
    return FALSE;

  if (!import_in_transaction (&import, error))
    {
      rollback (self->db);
      return FALSE;
    }

  /* Unchanged: nothing was written, and ending with ROLLBACK says so. */
  end = import.result.outcome == REHEARSE_IMPORT_UNCHANGED ? "ROLLBACK" : "COMMIT";
  if (!rehearse_sqlite_exec (self->db, end, error))
    {
      rollback (self->db);
      return FALSE;
    }

  if (import.result.outcome != REHEARSE_IMPORT_UNCHANGED)
    remember_own_decks_change (self);
  if (result != NULL)
    *result = import.result;

  return TRUE;
}

gboolean
rehearse_library_delete_deck (RehearseLibrary  *self,
                              gint64            deck_id,
                              GError          **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autoptr(RehearseCachedStatement) stmt = NULL;
  g_autofree char *id = NULL;

  g_return_val_if_fail (REHEARSE_IS_LIBRARY (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  locker = g_rec_mutex_locker_new (&self->lock);
  /* One statement, one transaction: the cascade takes sources, topics and
   * questions (and their index entries) with the deck. */
  stmt = rehearse_library_statement (self, "DELETE FROM decks WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, deck_id);
  if (!step_done (self, stmt, error))
    return FALSE;

  if (sqlite3_changes (self->db) > 0)
    {
      remember_own_decks_change (self);
      return TRUE;
    }

  id = g_strdup_printf ("%" G_GINT64_FORMAT, deck_id);
  g_set_error (error, REHEARSE_ERROR, REHEARSE_ERROR_NOT_FOUND,
               _("There is no deck %s in the library"), id);
  return FALSE;
}

/* ---- Lists ----------------------------------------------------------------- */

/* Ends a loop over rows: the list when the rows ran out, NULL when an error
 * stopped it. */
static gpointer
finish_rows (gpointer   list,
             GError    *local_error,
             GError   **error)
{
  if (local_error == NULL)
    return list;

  g_propagate_error (error, local_error);
  g_clear_object (&list);
  return NULL;
}

#define DECK_SQL \
  "SELECT d.id, d.deck_key, d.title," \
  " (SELECT count(*) FROM topics t WHERE t.deck_id = d.id)," \
  " (SELECT count(*) FROM questions q WHERE q.deck_id = d.id AND q.orphaned = 0)" \
  " FROM decks d ORDER BY d.title COLLATE NOCASE, d.id"

GListModel *
rehearse_library_list_decks (RehearseLibrary  *self,
                             GError          **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(RehearseCachedStatement) stmt = NULL;
  GError *local_error = NULL;
  RehearseReader *reader;
  GListStore *decks;

  g_return_val_if_fail (REHEARSE_IS_LIBRARY (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  locker = g_mutex_locker_new (&self->reader_lock);
  reader = rehearse_library_get_reader (self, error);
  stmt = reader != NULL ? rehearse_reader_statement (reader, DECK_SQL, error) : NULL;
  if (stmt == NULL)
    return NULL;

  decks = g_list_store_new (REHEARSE_TYPE_DECK);
  while (rehearse_sqlite_next_row (rehearse_reader_get_db (reader), stmt, &local_error))
    {
      g_autoptr(RehearseDeck) deck = NULL;

      deck = rehearse_deck_new (sqlite3_column_int64 (stmt, 0),
                                (const char *) sqlite3_column_text (stmt, 1),
                                (const char *) sqlite3_column_text (stmt, 2),
                                (guint) sqlite3_column_int (stmt, 3),
                                (guint) sqlite3_column_int (stmt, 4));
      g_list_store_append (decks, deck);
    }

  return finish_rows (decks, local_error, error);
}

#define TOPIC_SQL \
  "SELECT t.id, t.deck_id, t.position, t.title, t.icon," \
  " (SELECT count(*) FROM questions q WHERE q.topic_id = t.id)" \
  " FROM topics t WHERE t.deck_id = ?1 ORDER BY t.position"

GListModel *
rehearse_library_list_topics (RehearseLibrary  *self,
                              gint64            deck_id,
                              GError          **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(RehearseCachedStatement) stmt = NULL;
  GError *local_error = NULL;
  RehearseReader *reader;
  GListStore *topics;

  g_return_val_if_fail (REHEARSE_IS_LIBRARY (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  locker = g_mutex_locker_new (&self->reader_lock);
  reader = rehearse_library_get_reader (self, error);
  stmt = reader != NULL ? rehearse_reader_statement (reader, TOPIC_SQL, error) : NULL;
  if (stmt == NULL)
    return NULL;

  topics = g_list_store_new (REHEARSE_TYPE_TOPIC);
  sqlite3_bind_int64 (stmt, 1, deck_id);
  while (rehearse_sqlite_next_row (rehearse_reader_get_db (reader), stmt, &local_error))
    {
      g_autoptr(RehearseTopic) topic = NULL;

      topic = rehearse_topic_new (sqlite3_column_int64 (stmt, 0),
                                  sqlite3_column_int64 (stmt, 1),
                                  (guint) sqlite3_column_int (stmt, 2),
                                  (const char *) sqlite3_column_text (stmt, 3),
                                  (const char *) sqlite3_column_text (stmt, 4),
                                  (guint) sqlite3_column_int (stmt, 5));
      g_list_store_append (topics, topic);
    }

  return finish_rows (topics, local_error, error);
}

/* Appends the ids a query returns (its ?1 bound to @id when positive). */
static gboolean
collect_ids (RehearseReader  *reader,
             const char      *sql,
             gint64           id,
             GArray          *ids,
             GError         **error)
{
  g_autoptr(RehearseCachedStatement) stmt = NULL;
  g_autoptr(GError) local_error = NULL;

  stmt = rehearse_reader_statement (reader, sql, error);
  if (stmt == NULL)
    return FALSE;

  if (id > 0)
    sqlite3_bind_int64 (stmt, 1, id);

  while (rehearse_sqlite_next_row (rehearse_reader_get_db (reader), stmt, &local_error))
    {
      gint64 row_id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, row_id);
    }

  if (local_error == NULL)
    return TRUE;

  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

/* A lazy question list of the ids a query returns. */
static GListModel *
list_question_ids (RehearseLibrary  *self,
                   const char       *sql,
                   gint64            id,
                   GError          **error)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->reader_lock);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  RehearseReader *reader = rehearse_library_get_reader (self, error);

  if (reader == NULL || !collect_ids (reader, sql, id, ids, error))
    return NULL;

  return G_LIST_MODEL (rehearse_question_list_new (self, g_steal_pointer (&ids)));
}

#define DECK_QUESTION_IDS_SQL \
  "SELECT id FROM questions WHERE deck_id = ?1 AND orphaned = 0 ORDER BY position"

GListModel *
rehearse_library_list_questions (RehearseLibrary  *self,
                                 gint64            topic_id,
                                 GError          **error)
{
  g_return_val_if_fail (REHEARSE_IS_LIBRARY (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* Orphans have no topic: nothing else to filter. */
  return list_question_ids (self,
                            "SELECT id FROM questions WHERE topic_id = ?1 ORDER BY position",
                            topic_id, error);
}

GListModel *
rehearse_library_list_deck_questions (RehearseLibrary  *self,
                                      gint64            deck_id,
                                      GError          **error)
{
  g_return_val_if_fail (REHEARSE_IS_LIBRARY (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return list_question_ids (self, DECK_QUESTION_IDS_SQL, deck_id, error);
}

static gboolean
collect_all_ids (RehearseReader  *reader,
                 GArray          *deck_ids,
                 GArray          *ids,
                 GError         **error)
{
  gboolean ok = collect_ids (reader, "SELECT id FROM decks ORDER BY title COLLATE NOCASE, id",
                             0, deck_ids, error);

  for (guint i = 0; ok && i < deck_ids->len; i++)
    ok = collect_ids (reader, DECK_QUESTION_IDS_SQL, g_array_index (deck_ids, gint64, i), ids,
                      error);

  /* Only read: ending the transaction either way is the same. */
  sqlite3_exec (rehearse_reader_get_db (reader), "ROLLBACK", NULL, NULL, NULL);
  return ok;
}

GListModel *
rehearse_library_list_all_questions (RehearseLibrary  *self,
                                     GError          **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(GArray) deck_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  RehearseReader *reader;

  g_return_val_if_fail (REHEARSE_IS_LIBRARY (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  locker = g_mutex_locker_new (&self->reader_lock);
  reader = rehearse_library_get_reader (self, error);

  /* Deck by deck, each in order from its index: one query ordering all
   * questions by deck title would sort them all. One read transaction, so
   * no import lands between two decks. */
  if (reader == NULL || !rehearse_sqlite_exec (rehearse_reader_get_db (reader), "BEGIN", error))
    return NULL;

  if (!collect_all_ids (reader, deck_ids, ids, error))
    return NULL;

  return G_LIST_MODEL (rehearse_question_list_new (self, g_steal_pointer (&ids)));
}

/* ---- Single rows ----------------------------------------------------------- */

typedef gboolean (*DeckMatchFunc) (RehearseDeck *deck,
                                   const char   *wanted);

static gboolean
deck_has_id (RehearseDeck *deck,
             const char   *wanted)
{
  gint64 id;

  return g_ascii_string_to_signed (wanted, 10, 1, G_MAXINT64, &id, NULL)
         && rehearse_deck_get_id (deck) == id;
}

static gboolean
deck_has_key (RehearseDeck *deck,
              const char   *wanted)
{
  return g_strcmp0 (rehearse_deck_get_key (deck), wanted) == 0;
}

static char *
fold (const char *text)
{
  g_autofree char *folded = g_utf8_casefold (text, -1);

  return g_utf8_normalize (folded, -1, G_NORMALIZE_ALL);
}

static gboolean
deck_has_title (RehearseDeck *deck,
                const char   *wanted)
{
  /* Compared here, where case folding knows Unicode; SQLite's NOCASE knows
   * ASCII only. */
  g_autofree char *title = fold (rehearse_deck_get_title (deck));
  g_autofree char *folded = fold (wanted);

  return g_strcmp0 (title, folded) == 0;
}

RehearseDeck *
rehearse_library_find_deck (RehearseLibrary  *self,
                            const char       *id_key_or_title,
                            GError          **error)
{
  /* An id first, then a key, then a title: "2048" may be all three. */
  static const DeckMatchFunc matchers[] = { deck_has_id, deck_has_key, deck_has_title };
  g_autoptr(GListModel) decks = NULL;

  g_return_val_if_fail (REHEARSE_IS_LIBRARY (self), NULL);
  g_return_val_if_fail (id_key_or_title != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  decks = rehearse_library_list_decks (self, error);
  if (decks == NULL)
    return NULL;

  for (guint m = 0; m < G_N_ELEMENTS (matchers); m++)
    for (guint i = 0; i < g_list_model_get_n_items (decks); i++)
      {
        g_autoptr(RehearseDeck) deck = g_list_model_get_item (decks, i);

        if (matchers[m] (deck, id_key_or_title))
          return g_steal_pointer (&deck);
      }

  g_set_error (error, REHEARSE_ERROR, REHEARSE_ERROR_NOT_FOUND,
               _("There is no deck “%s” in the library"), id_key_or_title);
  return NULL;
}

static RehearseQuestion *
get_question (RehearseLibrary  *self,
              const char       *sql,
              const char       *question_key,
              gint64            question_id,
              GError          **error)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->reader_lock);
  RehearseReader *reader = rehearse_library_get_reader (self, error);
  g_autoptr(RehearseCachedStatement) stmt = NULL;
  gboolean has_row;

  stmt = reader != NULL ? rehearse_reader_statement (reader, sql, error) : NULL;
  if (stmt == NULL)
    return NULL;

  if (question_key != NULL)
    rehearse_bind_text (stmt, 1, question_key);
  else
    sqlite3_bind_int64 (stmt, 1, question_id);

  if (!step_row (rehearse_reader_get_db (reader), stmt, &has_row, error))
    return NULL;

  if (has_row)
    return rehearse_question_new_from_statement (stmt, TRUE);

  if (question_key != NULL)
    g_set_error (error, REHEARSE_ERROR, REHEARSE_ERROR_NOT_FOUND,
                 _("There is no question “%s” in the library"), question_key);
  else
    {
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, question_id);

      g_set_error (error, REHEARSE_ERROR, REHEARSE_ERROR_NOT_FOUND,
                   _("There is no question %s in the library"), id);
    }
  return NULL;
}

#define FULL_QUESTION_SQL \
  "SELECT " REHEARSE_QUESTION_FULL_COLUMNS \
  " FROM questions q LEFT JOIN topics t ON t.id = q.topic_id"

RehearseQuestion *
rehearse_library_get_question (RehearseLibrary  *self,
                               const char       *question_key,
                               GError          **error)
{
  g_return_val_if_fail (REHEARSE_IS_LIBRARY (self), NULL);
  g_return_val_if_fail (question_key != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return get_question (self, FULL_QUESTION_SQL " WHERE q.question_key = ?1", question_key, 0,
                       error);
}

RehearseQuestion *
rehearse_library_get_question_by_id (RehearseLibrary  *self,
                                     gint64            question_id,
                                     GError          **error)
{
  g_return_val_if_fail (REHEARSE_IS_LIBRARY (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return get_question (self, FULL_QUESTION_SQL " WHERE q.id = ?1", NULL, question_id, error);
}

/* ---- Check ----------------------------------------------------------------- */

static gboolean
check_integrity (RehearseLibrary  *self,
                 GError          **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GString) problems = g_string_new (NULL);
  g_autoptr(GError) local_error = NULL;

  stmt = rehearse_sqlite_prepare (self->db, "PRAGMA integrity_check (5)", error);
  if (stmt == NULL)
    return FALSE;

  while (rehearse_sqlite_next_row (self->db, stmt, &local_error))
    {
      const char *message = (const char *) sqlite3_column_text (stmt, 0);

      if (g_strcmp0 (message, "ok") != 0)
        g_string_append_printf (problems, "%s%s", problems->len > 0 ? "; " : "", message);
    }

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (problems->len == 0)
    return TRUE;

  g_set_error (error, REHEARSE_ERROR, REHEARSE_ERROR_CORRUPT_DATABASE,
               _("The library “%s” is damaged: %s"), self->path, problems->str);
  return FALSE;
}

static gboolean
check_foreign_keys (RehearseLibrary  *self,
                    GError          **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *row = NULL;
  gboolean has_row;

  stmt = rehearse_sqlite_prepare (self->db, "PRAGMA foreign_key_check", error);
  if (stmt == NULL || !step_row (self->db, stmt, &has_row, error))
    return FALSE;

  if (!has_row)
    return TRUE;

  row = g_strdup_printf ("%" G_GINT64_FORMAT, (gint64) sqlite3_column_int64 (stmt, 1));
  g_set_error (error, REHEARSE_ERROR, REHEARSE_ERROR_CORRUPT_DATABASE,
               _("The library “%s” is damaged: row %s of %s refers to a missing row of %s"),
               self->path, row, sqlite3_column_text (stmt, 0), sqlite3_column_text (stmt, 2));
  return FALSE;
}

static gboolean
check_search_index (RehearseLibrary  *self,
                    GError          **error)
{
  /* The 1 asks FTS5 to compare the index with its content too, which a
   * plain integrity-check of an external-content table does not. */
  int rc = sqlite3_exec (self->db,
                         "INSERT INTO questions_fts (questions_fts, rank)"
                         " VALUES ('integrity-check', 1)",
                         NULL, NULL, NULL);

  if (rc == SQLITE_OK)
    rc = sqlite3_exec (self->db,
                       "INSERT INTO notes_fts (notes_fts, rank) VALUES ('integrity-check', 1)",
                       NULL, NULL, NULL);

  if (rc == SQLITE_OK)
    return TRUE;

  if ((rc & 0xff) != SQLITE_CORRUPT)
    return rehearse_sqlite_error (self->db, rc, error, _("Could not check the search index"));

  g_set_error (error, REHEARSE_ERROR, REHEARSE_ERROR_CORRUPT_DATABASE,
               _("The search index of “%s” does not match its questions or notes (%s)"),
               self->path, sqlite3_errmsg (self->db));
  return FALSE;
}

static gboolean
count_rows (RehearseLibrary        *self,
            RehearseLibraryCounts  *counts,
            GError                **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gboolean has_row;

  /* The index counts what FTS5 holds (its docsize table), not the rows of
   * its content view: the check is that both agree. */
  stmt = rehearse_sqlite_prepare (self->db,
                                  "SELECT (SELECT count(*) FROM decks),"
                                  " (SELECT count(*) FROM topics),"
                                  " (SELECT count(*) FROM questions WHERE orphaned = 0),"
                                  /* Orphans: rows an import kept, and user data
                                   * whose deck was deleted (no row at all). */
                                  " (SELECT count(*) FROM questions WHERE orphaned <> 0)"
                                  "  + (SELECT count(*) FROM (SELECT question_key FROM bookmarks"
                                  "     UNION SELECT question_key FROM notes) AS kept"
                                  "     WHERE NOT EXISTS (SELECT 1 FROM questions q"
                                  "                       WHERE q.question_key = kept.question_key)),"
                                  " (SELECT count(*) FROM bookmarks),"
                                  " (SELECT count(*) FROM notes),"
                                  " (SELECT count(*) FROM questions_fts_docsize)",
                                  error);
  if (stmt == NULL || !step_row (self->db, stmt, &has_row, error))
    return FALSE;

  *counts = (RehearseLibraryCounts) {
    .decks = (guint) sqlite3_column_int (stmt, 0),
    .topics = (guint) sqlite3_column_int (stmt, 1),
    .questions = (guint) sqlite3_column_int (stmt, 2),
    .orphaned_questions = (guint) sqlite3_column_int (stmt, 3),
    .bookmarks = (guint) sqlite3_column_int (stmt, 4),
    .notes = (guint) sqlite3_column_int (stmt, 5),
    .indexed = (guint) sqlite3_column_int (stmt, 6),
  };
  return TRUE;
}

gboolean
rehearse_library_check (RehearseLibrary        *self,
                        RehearseLibraryCounts  *counts,
                        GError                **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  RehearseLibraryCounts local;

  g_return_val_if_fail (REHEARSE_IS_LIBRARY (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  locker = g_rec_mutex_locker_new (&self->lock);

  return check_integrity (self, error)
         && check_foreign_keys (self, error)
         && check_search_index (self, error)
         && count_rows (self, counts != NULL ? counts : &local, error)
         && rehearse_library_count_reviews (self, counts != NULL ? counts : &local, error);
}
