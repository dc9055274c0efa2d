/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "rehearse-error.h"
#include "rehearse-library-private.h"
#include "rehearse-question-list.h"

/* The library's public face: the object and its signals, opening, the
 * lists of decks, topics and questions, single questions and the check.
 * What else it does has a file each (see rehearse-library-private.h). */

G_DEFINE_FINAL_TYPE (RehearseLibrary, rehearse_library, G_TYPE_OBJECT)

enum {
  USER_DATA_CHANGED,
  DECKS_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
rehearse_library_dispose (GObject *object)
{
  /* Before the connection closes: what was asked for is written. */
  rehearse_library_stop_writer (REHEARSE_LIBRARY (object));

  G_OBJECT_CLASS (rehearse_library_parent_class)->dispose (object);
}

static void
rehearse_library_finalize (GObject *object)
{
  RehearseLibrary *self = REHEARSE_LIBRARY (object);

  g_clear_pointer (&self->reader, rehearse_reader_free);
  /* Statements first: a connection with live statements does not close. */
  g_clear_pointer (&self->statements, g_hash_table_unref);
  g_clear_pointer (&self->db, sqlite3_close_v2);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->read_only_reason, g_free);
  g_clear_pointer (&self->read_only_uri, g_free);
  g_clear_pointer (&self->decks_signature, g_free);
  g_clear_pointer (&self->replaced_versions, g_hash_table_unref);
  g_rec_mutex_clear (&self->lock);
  g_mutex_clear (&self->long_write_lock);
  g_mutex_clear (&self->reader_lock);
  g_mutex_clear (&self->writer_lock);
  g_cond_clear (&self->writer_idle);

  G_OBJECT_CLASS (rehearse_library_parent_class)->finalize (object);
}

static void
rehearse_library_class_init (RehearseLibraryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = rehearse_library_dispose;
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

void
rehearse_library_emit_decks_changed (RehearseLibrary *self)
{
  g_signal_emit (self, signals[DECKS_CHANGED], 0);
}

static void
rehearse_library_init (RehearseLibrary *self)
{
  g_rec_mutex_init (&self->lock);
  g_mutex_init (&self->long_write_lock);
  g_mutex_init (&self->reader_lock);
  self->statements = rehearse_sqlite_statement_cache_new ();
  self->replaced_versions = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL,
                                                   (GDestroyNotify) rehearse_deck_version_free);
  self->target_version = rehearse_library_schema_version ();
  rehearse_library_set_batch_time (self, 0);
  rehearse_library_start_writer (self);
}

/* ---- The main connection --------------------------------------------------- */

RehearseCachedStatement *
rehearse_library_statement (RehearseLibrary  *self,
                            const char       *sql,
                            GError          **error)
{
  return rehearse_sqlite_cached_statement (self->db, self->statements, sql, error);
}

gboolean
rehearse_library_refuse_write (RehearseLibrary  *self,
                               GError          **error)
{
  if (self->disk_full)
    g_set_error (error, REHEARSE_ERROR, REHEARSE_ERROR_DATABASE,
                 _("Not saved: the disk is full (the library “%s” could only be opened for "
                   "reading)"), self->path);
  else
    g_set_error (error, REHEARSE_ERROR, REHEARSE_ERROR_DATABASE,
                 _("Not saved: the library “%s” is read-only"), self->path);
  return FALSE;
}

gboolean
rehearse_library_check_failed (RehearseLibrary  *self,
                               const char       *failure,
                               gboolean          damaged,
                               GError          **error)
{
  if (damaged)
    g_set_error (error, REHEARSE_ERROR, REHEARSE_ERROR_CORRUPT_DATABASE,
                 _("The library “%s” is damaged: %s"), self->path, failure);
  else
    g_set_error (error, REHEARSE_ERROR, REHEARSE_ERROR_DATABASE,
                 _("The library “%s” could not be checked: %s"), self->path, failure);
  return FALSE;
}

gboolean
rehearse_library_begin_write (RehearseLibrary  *self,
                              GError          **error)
{
  if (self->read_only)
    return rehearse_library_refuse_write (self, error);

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

  rehearse_sqlite_rollback (self->db);
  return FALSE;
}

/* ---- Opening --------------------------------------------------------------- */

char *
rehearse_library_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), APPLICATION_ID, "library.db", NULL);
}

RehearseLibrary *
rehearse_library_open_version (const char  *path,
                               gint64       version,
                               GError     **error)
{
  g_autoptr(RehearseLibrary) self = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (version > 0 && version <= rehearse_library_schema_version (), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (REHEARSE_TYPE_LIBRARY, NULL);
  self->path = g_strdup (path);
  self->target_version = version;

  if (!rehearse_library_open_database (self, error))
    return NULL;

  /* An older schema is only made (by tests) to be filled by hand and
   * opened again: nothing else reads it. */
  if (version < rehearse_library_schema_version ())
    return g_steal_pointer (&self);

  rehearse_library_clean_interrupted (self);
  if (!rehearse_library_remember_change_marks (self, error))
    return NULL;

  return g_steal_pointer (&self);
}

RehearseLibrary *
rehearse_library_open (const char  *path,
                       GError     **error)
{
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return rehearse_library_open_version (path, rehearse_library_schema_version (), error);
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
      fields.prompt = (const char *) sqlite3_column_text (stmt, 10);
    }

  return rehearse_question_new (&fields);
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
  " (SELECT count(*) FROM topics t WHERE t.deck_id = d.id AND t.generation = d.generation)," \
  " (SELECT count(*) FROM questions q WHERE q.deck_id = d.id AND q.generation = d.generation" \
  "  AND q.orphaned = 0)" \
  " FROM decks d WHERE d.state = 0 ORDER BY d.title COLLATE NOCASE, d.id"

GListModel *
rehearse_library_list_decks (RehearseLibrary  *self,
                             GError          **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(RehearseCachedStatement) cached = NULL;
  GError *local_error = NULL;
  RehearseReader *reader;
  GListStore *decks;

  g_return_val_if_fail (REHEARSE_IS_LIBRARY (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  locker = g_mutex_locker_new (&self->reader_lock);
  reader = rehearse_library_get_reader (self, error);
  cached = reader != NULL ? rehearse_reader_statement (reader, DECK_SQL, error) : NULL;
  if (cached == NULL)
    return NULL;

  decks = g_list_store_new (REHEARSE_TYPE_DECK);
  while (rehearse_sqlite_next_row (rehearse_reader_get_db (reader), cached->stmt, &local_error))
    {
      g_autoptr(RehearseDeck) deck = NULL;

      deck = rehearse_deck_new (sqlite3_column_int64 (cached->stmt, 0),
                                (const char *) sqlite3_column_text (cached->stmt, 1),
                                (const char *) sqlite3_column_text (cached->stmt, 2),
                                (guint) sqlite3_column_int (cached->stmt, 3),
                                (guint) sqlite3_column_int (cached->stmt, 4));
      g_list_store_append (decks, deck);
    }

  return finish_rows (decks, local_error, error);
}

#define TOPIC_SQL \
  "SELECT t.id, t.deck_id, t.position, t.title, t.icon," \
  " (SELECT count(*) FROM questions q WHERE q.topic_id = t.id)" \
  " FROM topics t WHERE t.deck_id = ?1" \
  " AND t.generation = " REHEARSE_VISIBLE_GENERATION_SQL ("?1") \
  " ORDER BY t.position"

GListModel *
rehearse_library_list_topics (RehearseLibrary  *self,
                              gint64            deck_id,
                              GError          **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(RehearseCachedStatement) cached = NULL;
  GError *local_error = NULL;
  RehearseReader *reader;
  GListStore *topics;

  g_return_val_if_fail (REHEARSE_IS_LIBRARY (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  locker = g_mutex_locker_new (&self->reader_lock);
  reader = rehearse_library_get_reader (self, error);
  cached = reader != NULL ? rehearse_reader_statement (reader, TOPIC_SQL, error) : NULL;
  if (cached == NULL)
    return NULL;

  topics = g_list_store_new (REHEARSE_TYPE_TOPIC);
  sqlite3_bind_int64 (cached->stmt, 1, deck_id);
  while (rehearse_sqlite_next_row (rehearse_reader_get_db (reader), cached->stmt, &local_error))
    {
      g_autoptr(RehearseTopic) topic = NULL;

      topic = rehearse_topic_new (sqlite3_column_int64 (cached->stmt, 0),
                                  sqlite3_column_int64 (cached->stmt, 1),
                                  (guint) sqlite3_column_int (cached->stmt, 2),
                                  (const char *) sqlite3_column_text (cached->stmt, 3),
                                  (const char *) sqlite3_column_text (cached->stmt, 4),
                                  (guint) sqlite3_column_int (cached->stmt, 5));
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
  g_autoptr(RehearseCachedStatement) cached = NULL;
  g_autoptr(GError) local_error = NULL;

  cached = rehearse_reader_statement (reader, sql, error);
  if (cached == NULL)
    return FALSE;

  if (id > 0)
    sqlite3_bind_int64 (cached->stmt, 1, id);

  while (rehearse_sqlite_next_row (rehearse_reader_get_db (reader), cached->stmt, &local_error))
    {
      gint64 row_id = sqlite3_column_int64 (cached->stmt, 0);

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
  "SELECT id FROM questions WHERE deck_id = ?1" \
  " AND generation = " REHEARSE_VISIBLE_GENERATION_SQL ("?1") \
  " AND orphaned = 0 ORDER BY position"

GListModel *
rehearse_library_list_questions (RehearseLibrary  *self,
                                 gint64            topic_id,
                                 GError          **error)
{
  g_return_val_if_fail (REHEARSE_IS_LIBRARY (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* Orphans have no topic: nothing else to filter. A topic is of one
   * generation, shown or not. */
  return list_question_ids (self,
                            "SELECT q.id FROM questions q WHERE q.topic_id = ?1"
                            " AND " REHEARSE_VISIBLE_SQL ("q") " ORDER BY q.position",
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
  gboolean ok = collect_ids (reader,
                             "SELECT id FROM decks WHERE state = 0"
                             " ORDER BY title COLLATE NOCASE, id",
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
  g_autoptr(RehearseCachedStatement) cached = NULL;
  gboolean has_row;

  cached = reader != NULL ? rehearse_reader_statement (reader, sql, error) : NULL;
  if (cached == NULL)
    return NULL;

  if (question_key != NULL)
    rehearse_bind_text (cached->stmt, 1, question_key);
  else
    sqlite3_bind_int64 (cached->stmt, 1, question_id);

  if (!rehearse_sqlite_step_row (rehearse_reader_get_db (reader), cached->stmt, &has_row, error))
    return NULL;

  if (has_row)
    return rehearse_question_new_from_statement (cached->stmt, TRUE);

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

  return get_question (self,
                       FULL_QUESTION_SQL " WHERE q.question_key = ?1"
                       " AND " REHEARSE_VISIBLE_SQL ("q"),
                       question_key, 0, error);
}

RehearseQuestion *
rehearse_library_get_question_by_id (RehearseLibrary  *self,
                                     gint64            question_id,
                                     GError          **error)
{
  g_return_val_if_fail (REHEARSE_IS_LIBRARY (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return get_question (self, FULL_QUESTION_SQL " WHERE q.id = ?1 AND " REHEARSE_VISIBLE_SQL ("q"),
                       NULL, question_id, error);
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

  return problems->len == 0 || rehearse_library_check_failed (self, problems->str, TRUE, error);
}

static gboolean
check_foreign_keys (RehearseLibrary  *self,
                    GError          **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *row = NULL;
  gboolean has_row;

  stmt = rehearse_sqlite_prepare (self->db, "PRAGMA foreign_key_check", error);
  if (stmt == NULL || !rehearse_sqlite_step_row (self->db, stmt, &has_row, error))
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
  int rc;

  /* FTS5's check is an INSERT, which a read-only connection refuses; the
   * pages of the index are still read by the integrity check. */
  if (self->read_only)
    return TRUE;

  /* The 1 asks FTS5 to compare the index with its content too, which a
   * plain integrity-check of an external-content table does not. */
  rc = sqlite3_exec (self->db,
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

  g_set_error (error, REHEARSE_ERROR, REHEARSE_ERROR_SEARCH_INDEX,
               _("The search index of “%s” does not match its questions or notes (%s)"),
               self->path, sqlite3_errmsg (self->db));
  return FALSE;
}

gboolean
rehearse_library_check_search_index (RehearseLibrary  *self,
                                     GError          **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;

  g_return_val_if_fail (REHEARSE_IS_LIBRARY (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  locker = g_rec_mutex_locker_new (&self->lock);
  return check_search_index (self, error);
}

gboolean
rehearse_library_search_index_complete (RehearseLibrary  *self,
                                        gboolean         *complete,
                                        GError          **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gboolean has_row;

  g_return_val_if_fail (REHEARSE_IS_LIBRARY (self), FALSE);
  g_return_val_if_fail (complete != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  locker = g_rec_mutex_locker_new (&self->lock);
  stmt = rehearse_sqlite_prepare (self->db,
                                  "SELECT (SELECT count(*) FROM questions_fts_docsize)"
                                  "         = (SELECT count(*) FROM questions_indexed)"
                                  "   AND (SELECT count(*) FROM notes_fts_docsize)"
                                  "         = (SELECT count(*) FROM notes)",
                                  error);
  if (stmt == NULL || !rehearse_sqlite_step_row (self->db, stmt, &has_row, error))
    return FALSE;

  *complete = has_row && sqlite3_column_int (stmt, 0) == 1;
  return TRUE;
}

gboolean
rehearse_library_rebuild_search_index (RehearseLibrary  *self,
                                       GError          **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;

  g_return_val_if_fail (REHEARSE_IS_LIBRARY (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  locker = g_rec_mutex_locker_new (&self->lock);
  /* FTS5 reads every row of the content again: all or nothing. */
  if (!rehearse_sqlite_exec (self->db, "BEGIN IMMEDIATE", error))
    return FALSE;
  if (!rehearse_sqlite_exec (self->db,
                             "INSERT INTO questions_fts (questions_fts) VALUES ('rebuild');"
                             "INSERT INTO notes_fts (notes_fts) VALUES ('rebuild');"
                             "COMMIT",
                             error))
    {
      rehearse_sqlite_rollback (self->db);
      return FALSE;
    }

  return TRUE;
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
                                  "SELECT (SELECT count(*) FROM decks WHERE state = 0),"
                                  " (SELECT count(*) FROM topics t"
                                  "  WHERE " REHEARSE_VISIBLE_SQL ("t") "),"
                                  " (SELECT count(*) FROM questions q"
                                  "  WHERE q.orphaned = 0 AND " REHEARSE_VISIBLE_SQL ("q") "),"
                                  /* Orphans: rows an import kept, and user data
                                   * whose deck was deleted (no row at all). */
                                  " (SELECT count(*) FROM questions q"
                                  "  WHERE q.orphaned <> 0 AND " REHEARSE_VISIBLE_SQL ("q") ")"
                                  "  + (SELECT count(*) FROM (SELECT question_key FROM bookmarks"
                                  "     UNION SELECT question_key FROM notes) AS kept"
                                  "     WHERE NOT EXISTS (SELECT 1 FROM questions q"
                                  "       WHERE q.question_key = kept.question_key"
                                  "       AND " REHEARSE_VISIBLE_SQL ("q") ")),"
                                  " (SELECT count(*) FROM bookmarks),"
                                  " (SELECT count(*) FROM notes),"
                                  " (SELECT count(*) FROM questions_fts_docsize)",
                                  error);
  if (stmt == NULL || !rehearse_sqlite_step_row (self->db, stmt, &has_row, error))
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
         && rehearse_library_check_reviews (self, counts != NULL ? counts : &local, error);
}
