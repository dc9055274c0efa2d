/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "rehearse-library-private.h"

/* The read-only connection, where every read of the library runs (lists,
 * questions, searches), so that none waits for an import holding the main
 * connection. */

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RehearseReader, rehearse_reader_free)

void
rehearse_reader_free (RehearseReader *reader)
{
  rehearse_reader_clear_search (reader);
  /* Statements first: a connection with live statements does not close. */
  g_clear_pointer (&reader->statements, g_hash_table_unref);
  g_clear_pointer (&reader->db, sqlite3_close_v2);
  g_free (reader);
}

/* @uri: the library's read-only URI when it cannot be written, or NULL. */
static RehearseReader *
reader_open (const char  *path,
             const char  *uri,
             GError     **error)
{
  g_autoptr(RehearseReader) reader = g_new0 (RehearseReader, 1);
  int rc;

  rc = sqlite3_open_v2 (uri != NULL ? uri : path, &reader->db,
                        SQLITE_OPEN_READONLY | SQLITE_OPEN_FULLMUTEX | SQLITE_OPEN_URI, NULL);
  if (rc != SQLITE_OK)
    {
      rehearse_sqlite_error (reader->db, rc, error, _("Could not open “%s” for reading"), path);
      return NULL;
    }

  sqlite3_extended_result_codes (reader->db, 1);
  sqlite3_busy_timeout (reader->db, 5000);
  /* Scrolling through a long list reads every page of its table once;
   * SQLite's default 2 MB cache would keep them all, though the system
   * keeps the file's pages anyway and a page read again is a copy. */
  sqlite3_exec (reader->db, "PRAGMA cache_size = -1024", NULL, NULL, NULL);
  reader->statements = rehearse_sqlite_statement_cache_new ();

  if (!rehearse_reader_setup_search (reader, error))
    return NULL;

  return g_steal_pointer (&reader);
}

RehearseReader *
rehearse_library_get_reader (RehearseLibrary  *self,
                             GError          **error)
{
  if (self->reader == NULL)
    self->reader = reader_open (self->path, self->read_only_uri, error);

  return self->reader;
}

sqlite3 *
rehearse_reader_get_db (RehearseReader *reader)
{
  return reader->db;
}

RehearseCachedStatement *
rehearse_reader_statement (RehearseReader  *reader,
                           const char      *sql,
                           GError         **error)
{
  return rehearse_sqlite_cached_statement (reader->db, reader->statements, sql, error);
}


static char *
ids_to_json (const gint64 *ids,
             guint         n_ids)
{
  GString *json = g_string_new ("[");

  for (guint i = 0; i < n_ids; i++)
    g_string_append_printf (json, "%s%" G_GINT64_FORMAT, i > 0 ? "," : "", ids[i]);
  g_string_append_c (json, ']');

  return g_string_free (json, FALSE);
}

GHashTable *
rehearse_library_load_summaries (RehearseLibrary  *self,
                                 const gint64     *ids,
                                 guint             n_ids,
                                 GError          **error)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->reader_lock);
  RehearseReader *reader = rehearse_library_get_reader (self, error);
  g_autoptr(RehearseCachedStatement) cached = NULL;
  g_autoptr(GHashTable) questions = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *json = ids_to_json (ids, n_ids);

  /* One statement for any window of a list: the ids travel as one JSON
   * array. An id a re-import replaced (the list was made before it) finds
   * the question's row in the generation shown now; the last column says
   * which id was asked for. */
  cached = reader == NULL ? NULL
    : rehearse_reader_statement (reader,
                                 "SELECT " REHEARSE_QUESTION_SUMMARY_COLUMNS ", q.id"
                                 " FROM questions q LEFT JOIN topics t ON t.id = q.topic_id"
                                 " WHERE q.id IN (SELECT value FROM json_each (?1))"
                                 " AND " REHEARSE_VISIBLE_SQL ("q")
                                 " UNION ALL"
                                 " SELECT " REHEARSE_QUESTION_SUMMARY_COLUMNS ", q.replaces"
                                 " FROM questions q LEFT JOIN topics t ON t.id = q.topic_id"
                                 " WHERE q.replaces IN (SELECT value FROM json_each (?1))"
                                 " AND " REHEARSE_VISIBLE_SQL ("q"),
                                 error);
  if (cached == NULL)
    return NULL;

  questions = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
  rehearse_bind_text (cached->stmt, 1, json);
  while (rehearse_sqlite_next_row (reader->db, cached->stmt, &local_error))
    {
      RehearseQuestion *question = rehearse_question_new_from_statement (cached->stmt, FALSE);
      gint64 asked_for = sqlite3_column_int64 (cached->stmt,
                                               REHEARSE_QUESTION_SUMMARY_N_COLUMNS);

      g_hash_table_insert (questions, g_memdup2 (&asked_for, sizeof asked_for), question);
    }

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  return g_steal_pointer (&questions);
}

