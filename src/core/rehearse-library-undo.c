/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "rehearse-error.h"
#include "rehearse-library-private.h"

/* Undoing an import. An update reads the generation it replaces before it
 * stages its own (rehearse-library-import.c), and the library keeps it in
 * memory as a parsed deck: putting it back is then an import of it, with
 * every guarantee an import has (all or nothing for readers, short
 * transactions, claims, user data never written), and what an import
 * stores from a parsed deck is what the rows held. Only the latest update
 * of each deck is kept: an earlier one can no longer be undone anyway, as
 * undo only undoes a deck's latest change.
 *
 * Nothing of it is written to the file: undo is offered where the import
 * was made, while its result is shown; a deck updated by another program
 * is not undone from here. */

void
rehearse_deck_version_free (RehearseDeckVersion *version)
{
  if (version == NULL)
    return;

  g_free (version->content_hash);
  g_free (version->replaced_by_hash);
  rehearse_parsed_deck_free (version->deck);
  g_free (version);
}

/* ---- Reading the shown generation --------------------------------------------- */

static gboolean
read_deck_columns (RehearseLibrary      *self,
                   RehearseDeckVersion  *version,
                   GError              **error)
{
  g_autoptr(RehearseCachedStatement) cached = NULL;
  gboolean has_row;

  cached = rehearse_library_statement (self,
                                       "SELECT deck_key, title, content_hash, imported_at"
                                       " FROM decks WHERE id = ?1",
                                       error);
  if (cached == NULL)
    return FALSE;

  sqlite3_bind_int64 (cached->stmt, 1, version->deck_id);
  if (!rehearse_sqlite_step_row (self->db, cached->stmt, &has_row, error))
    return FALSE;

  if (!has_row)
    return TRUE;

  version->deck = rehearse_parsed_deck_new ((const char *) sqlite3_column_text (cached->stmt, 1));
  /* The key the deck is stored under, whatever its title slugifies to. */
  g_free (version->deck->deck_key);
  version->deck->deck_key = g_strdup ((const char *) sqlite3_column_text (cached->stmt, 0));
  version->content_hash = g_strdup ((const char *) sqlite3_column_text (cached->stmt, 2));
  version->imported_at = sqlite3_column_int64 (cached->stmt, 3);
  return TRUE;
}

/* What reading a generation builds up, row by row. */
typedef struct
{
  RehearseDeckVersion *version;
  GHashTable          *topic_indexes;  /* topic id (gint64 *) → index in the deck + 1 */
  gboolean             whole;          /* FALSE once a question has no topic of it */
} VersionReading;

typedef void (*AddRowFunc) (VersionReading *reading,
                            sqlite3_stmt   *stmt);

/* Runs @sql with the deck's id as ?1 and @generation as ?2, if it has a
 * ?2, and hands each row to @add_row. */
static gboolean
read_rows (RehearseLibrary  *self,
           const char       *sql,
           gint64            generation,
           AddRowFunc        add_row,
           VersionReading   *reading,
           GError          **error)
{
  g_autoptr(RehearseCachedStatement) cached = rehearse_library_statement (self, sql, error);
  g_autoptr(GError) local_error = NULL;

  if (cached == NULL)
    return FALSE;

  sqlite3_bind_int64 (cached->stmt, 1, reading->version->deck_id);
  if (sqlite3_bind_parameter_count (cached->stmt) >= 2)
    sqlite3_bind_int64 (cached->stmt, 2, generation);
  while (rehearse_sqlite_next_row (self->db, cached->stmt, &local_error))
    add_row (reading, cached->stmt);

  if (local_error == NULL)
    return TRUE;

  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

static void
add_topic (VersionReading *reading,
           sqlite3_stmt   *stmt)
{
  RehearseParsedDeck *deck = reading->version->deck;
  gint64 *id = g_new (gint64, 1);

  *id = sqlite3_column_int64 (stmt, 0);
  rehearse_parsed_deck_add_topic (deck,
                                  (const char *) sqlite3_column_text (stmt, 1),
                                  (const char *) sqlite3_column_text (stmt, 2));
  g_hash_table_insert (reading->topic_indexes, id, GUINT_TO_POINTER (deck->topics->len));
}

/* A question with no topic of the generation is a row no import writes:
 * such a version is not whole and cannot be put back. */
static void
add_question (VersionReading *reading,
              sqlite3_stmt   *stmt)
{
  gint64 topic_id = sqlite3_column_int64 (stmt, 1);
  guint topic = GPOINTER_TO_UINT (g_hash_table_lookup (reading->topic_indexes, &topic_id));
  int number = sqlite3_column_type (stmt, 2) == SQLITE_NULL ? -1 : sqlite3_column_int (stmt, 2);
  RehearseParsedQuestion *question;

  if (topic == 0)
    reading->whole = FALSE;
  if (!reading->whole)
    return;

  question = rehearse_parsed_deck_add_question (reading->version->deck, topic - 1, number,
                                                (const char *) sqlite3_column_text (stmt, 3),
                                                (const char *) sqlite3_column_text (stmt, 4),
                                                (const char *) sqlite3_column_text (stmt, 5));
  question->question_key = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  question->prompt = g_strdup ((const char *) sqlite3_column_text (stmt, 6));
}

static void
add_source (VersionReading *reading,
            sqlite3_stmt   *stmt)
{
  rehearse_parsed_deck_add_source (reading->version->deck,
                                   (const char *) sqlite3_column_text (stmt, 0),
                                   (const char *) sqlite3_column_text (stmt, 1),
                                   (gsize) sqlite3_column_int64 (stmt, 2));
}

gboolean
rehearse_library_read_deck_version (RehearseLibrary      *self,
                                    RehearseDeckRow      *row,
                                    RehearseDeckVersion **version,
                                    GError              **error)
{
  g_autoptr(RehearseDeckVersion) read = g_new0 (RehearseDeckVersion, 1);
  g_autoptr(GHashTable) topic_indexes = g_hash_table_new_full (g_int64_hash, g_int64_equal,
                                                                g_free, NULL);
  VersionReading reading = { read, topic_indexes, TRUE };

  *version = NULL;
  read->deck_id = row->id;
  if (!read_deck_columns (self, read, error))
    return FALSE;

  if (read->deck == NULL)
    return TRUE;

  if (!read_rows (self,
                  "SELECT id, title, icon FROM topics"
                  " WHERE deck_id = ?1 AND generation = ?2 ORDER BY position",
                  row->generation, add_topic, &reading, error)
      || !read_rows (self,
                     "SELECT question_key, topic_id, number, text, answer, in_depth, prompt"
                     " FROM questions"
                     " WHERE deck_id = ?1 AND generation = ?2 AND orphaned = 0"
                     " ORDER BY position",
                     row->generation, add_question, &reading, error)
      || !read_rows (self,
                     "SELECT path, content_hash, size FROM sources"
                     " WHERE deck_id = ?1 ORDER BY position",
                     row->generation, add_source, &reading, error))
    return FALSE;

  if (reading.whole)
    *version = g_steal_pointer (&read);
  return TRUE;
}

/* ---- Kept versions --------------------------------------------------------------- */

void
rehearse_library_keep_replaced_version (RehearseLibrary     *self,
                                        RehearseDeckVersion *version)
{
  /* The key lives in the value: replace, so that both are the new ones. */
  g_hash_table_replace (self->replaced_versions, &version->deck_id, version);
}

void
rehearse_library_forget_replaced_version (RehearseLibrary *self,
                                          gint64           deck_id)
{
  g_hash_table_remove (self->replaced_versions, &deck_id);
}

/* The version the update @result names replaced, taken out of the kept
 * ones; NULL when none is kept for it. */
static RehearseDeckVersion *
take_replaced_version (RehearseLibrary            *self,
                       const RehearseImportResult *result)
{
  g_autoptr(GRecMutexLocker) locker = g_rec_mutex_locker_new (&self->lock);
  RehearseDeckVersion *version = g_hash_table_lookup (self->replaced_versions, &result->deck_id);

  if (version == NULL || version->replaced_by != result->generation)
    return NULL;

  g_hash_table_steal (self->replaced_versions, &result->deck_id);
  return version;
}

/* Back among the kept ones after a failure, unless the deck's latest
 * update is another one by now. */
static void
keep_again (RehearseLibrary     *self,
            RehearseDeckVersion *version)
{
  g_autoptr(GRecMutexLocker) locker = g_rec_mutex_locker_new (&self->lock);

  if (g_hash_table_contains (self->replaced_versions, &version->deck_id))
    rehearse_deck_version_free (version);
  else
    rehearse_library_keep_replaced_version (self, version);
}

/* ---- Undoing ------------------------------------------------------------------------ */

void
rehearse_library_set_undo_refused_error (GError     **error,
                                         const char  *title)
{
  if (title == NULL)
    g_set_error_literal (error, REHEARSE_ERROR, REHEARSE_ERROR_NOT_FOUND,
                         _("The deck is no longer in the library, so the import can no longer "
                           "be undone"));
  else
    g_set_error (error, REHEARSE_ERROR, REHEARSE_ERROR_FAILED,
                 _("“%s” has changed since it was imported, so the import can no longer be "
                   "undone"),
                 title);
}

/* Why the update @result names cannot be undone when its version before
 * is not kept: the deck went, changed since, or was read by another
 * library object (or could not be read back at all). */
static gboolean
explain_not_kept (RehearseLibrary             *self,
                  const RehearseImportResult  *result,
                  GError                     **error)
{
  g_autoptr(GRecMutexLocker) locker = g_rec_mutex_locker_new (&self->lock);
  RehearseDeckRow row = { 0, };

  if (!rehearse_library_read_deck_row (self, NULL, result->deck_id, &row, error))
    return FALSE;

  if (row.id == 0 || row.state != REHEARSE_DECK_SHOWN)
    rehearse_library_set_undo_refused_error (error, NULL);
  else if (row.generation != result->generation)
    rehearse_library_set_undo_refused_error (error, row.title);
  else
    g_set_error (error, REHEARSE_ERROR, REHEARSE_ERROR_FAILED,
                 _("The version of “%s” before the import is no longer kept, so the import "
                   "can no longer be undone"),
                 row.title);

  rehearse_deck_row_clear (&row);
  return FALSE;
}

/* Not under self->long_write_lock: putting back takes it, as an import
 * does, and an import of the deck that comes first makes it fail, as
 * the deck changed. */
static gboolean
undo_update (RehearseLibrary             *self,
             const RehearseImportResult  *result,
             GError                     **error)
{
  RehearseDeckVersion *version = take_replaced_version (self, result);

  if (version == NULL)
    return explain_not_kept (self, result, error);

  /* Forgotten once it is shown again: there is nothing more to undo. */
  if (rehearse_library_put_back_version (self, version, error))
    {
      rehearse_deck_version_free (version);
      return TRUE;
    }

  keep_again (self, version);
  return FALSE;
}

gboolean
rehearse_library_can_undo_import (RehearseLibrary            *self,
                                  const RehearseImportResult *result)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  RehearseDeckVersion *version;

  g_return_val_if_fail (REHEARSE_IS_LIBRARY (self), FALSE);
  g_return_val_if_fail (result != NULL, FALSE);

  if (result->outcome == REHEARSE_IMPORT_CREATED)
    return TRUE;
  if (result->outcome != REHEARSE_IMPORT_UPDATED)
    return FALSE;

  locker = g_rec_mutex_locker_new (&self->lock);
  version = g_hash_table_lookup (self->replaced_versions, &result->deck_id);
  return version != NULL && version->replaced_by == result->generation;
}

gboolean
rehearse_library_undo_import (RehearseLibrary             *self,
                              const RehearseImportResult  *result,
                              GError                     **error)
{
  g_return_val_if_fail (REHEARSE_IS_LIBRARY (self), FALSE);
  g_return_val_if_fail (result != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  switch (result->outcome)
    {
    case REHEARSE_IMPORT_CREATED:
      return rehearse_library_delete_deck_generation (self, result->deck_id, result->generation,
                                                      error);
    case REHEARSE_IMPORT_UPDATED:
      return undo_update (self, result, error);
    case REHEARSE_IMPORT_UNCHANGED:
    default:
      g_set_error_literal (error, REHEARSE_ERROR, REHEARSE_ERROR_INVALID_ARGUMENT,
                           _("The import changed nothing, so there is nothing to undo"));
      return FALSE;
    }
}
