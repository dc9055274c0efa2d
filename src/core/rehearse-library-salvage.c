/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "rehearse-error.h"
#include "rehearse-importer.h"
#include "rehearse-library-private.h"
#include "rehearse-parser.h"

/* Salvage and repair of a damaged library. The user data (bookmarks,
 * notes, views, card states and the review log: what cannot be made
 * again) is copied row by row from whatever pages still read into a new
 * library; the decks are imported again from their files. A damaged file
 * is never written to: repair works from a copy kept beside it. */

/* The tables of user data, in an order that keeps their triggers happy
 * (notes fill notes_fts as they go in). Each is copied with the columns it
 * shares with this version's schema. */
static const char * const user_data_tables[] = {
  "bookmarks", "notes", "views", "review_state", "review_log", "study_plan", "study_plan_scope",
};

/* Rows read at a time: a damaged page fails the statement that meets it,
 * and the rows read before are kept. */
#define SALVAGE_BATCH_ROWS 256
/* Past a damaged stretch, rowids are tried further and further on, up to
 * this far; beyond, the rest of the table is given up. */
#define SALVAGE_MAX_SKIP   ((gint64) 1 << 48)

void
rehearse_salvage_report_clear (RehearseSalvageReport *report)
{
  g_clear_pointer (&report->tables, g_array_unref);
  g_clear_pointer (&report->deck_sources, g_ptr_array_unref);
  g_clear_pointer (&report->decks_reimported, g_ptr_array_unref);
  g_clear_pointer (&report->decks_missing, g_ptr_array_unref);
  g_clear_pointer (&report->set_aside_path, g_free);
}

static void
report_init (RehearseSalvageReport *report)
{
  rehearse_salvage_report_clear (report);
  report->tables = g_array_new (FALSE, TRUE, sizeof (RehearseSalvagedTable));
  report->deck_sources = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  report->decks_reimported = g_ptr_array_new_with_free_func (g_free);
  report->decks_missing = g_ptr_array_new_with_free_func (g_free);
}

/* The columns of @table that both connections know, "a, b, c", or NULL
 * when the damaged file does not hold the table at all. */
static char *
shared_columns (sqlite3    *source,
                sqlite3    *destination,
                const char *table)
{
  g_autofree char *sql = g_strdup_printf ("PRAGMA table_info (%s)", table);
  g_autoptr(GHashTable) in_source = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GString) columns = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (source, sql, -1, &stmt, NULL) == SQLITE_OK)
    while (sqlite3_step (stmt) == SQLITE_ROW)
      g_hash_table_add (in_source, g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
  sqlite3_finalize (stmt);

  if (sqlite3_prepare_v2 (destination, sql, -1, &stmt, NULL) == SQLITE_OK)
    while (sqlite3_step (stmt) == SQLITE_ROW)
      {
        const char *name = (const char *) sqlite3_column_text (stmt, 1);

        if (g_hash_table_contains (in_source, name))
          g_string_append_printf (columns, "%s\"%s\"", columns->len > 0 ? ", " : "", name);
      }
  sqlite3_finalize (stmt);

  if (columns->len == 0)
    return NULL;
  return g_string_free (g_steal_pointer (&columns), FALSE);
}

/* Copies the rows of one batch from rowid @from on; *next gets the rowid
 * to go on from, and the return says whether the batch read to its end
 * (FALSE: a damaged page stopped it, *next is the rowid it stopped at). */
static gboolean
copy_batch (sqlite3               *source,
            sqlite3_stmt          *read,
            sqlite3_stmt          *insert,
            int                    n_columns,
            gint64                 from,
            gint64                *next,
            gboolean              *finished,
            RehearseSalvagedTable *table)
{
  int rc;
  guint rows = 0;

  *next = from;
  *finished = FALSE;
  sqlite3_reset (read);
  sqlite3_bind_int64 (read, 1, from);
  sqlite3_bind_int (read, 2, SALVAGE_BATCH_ROWS);

  while ((rc = sqlite3_step (read)) == SQLITE_ROW)
    {
      gint64 rowid = sqlite3_column_int64 (read, 0);

      sqlite3_reset (insert);
      sqlite3_bind_int64 (insert, 1, rowid);
      for (int i = 1; i <= n_columns; i++)
        sqlite3_bind_value (insert, i + 1, sqlite3_column_value (read, i));

      /* A row the new schema refuses (a duplicate key the damage made)
       * is counted as lost; the others go on. */
      if (sqlite3_step (insert) == SQLITE_DONE)
        table->rows++;
      else
        table->rows_refused++;
      *next = rowid + 1;
      rows++;
    }

  if (rc == SQLITE_DONE)
    {
      *finished = rows < SALVAGE_BATCH_ROWS;
      return TRUE;
    }
  return FALSE;
}

/* Whether reading from rowid @from on gets past the first row. */
static gboolean
reads_from (sqlite3_stmt *read,
            gint64        from)
{
  int rc;

  sqlite3_reset (read);
  sqlite3_bind_int64 (read, 1, from);
  sqlite3_bind_int (read, 2, 1);
  rc = sqlite3_step (read);
  sqlite3_reset (read);
  return rc == SQLITE_ROW || rc == SQLITE_DONE;
}

/* Reading fails from rowid @bad on: *readable gets the first rowid after
 * it from which reading works again. Tries further and further (a
 * stretch of any length costs few tries), then halves back, so that no
 * row past the stretch is skipped. FALSE when nothing after @bad reads. */
static gboolean
find_readable_rowid (sqlite3_stmt *read,
                     gint64        bad,
                     gint64       *readable)
{
  gint64 good = 0;
  gboolean found = FALSE;

  for (gint64 skip = 1; skip <= SALVAGE_MAX_SKIP && bad <= G_MAXINT64 - skip; skip *= 2)
    {
      if (reads_from (read, bad + skip))
        {
          good = bad + skip;
          found = TRUE;
          break;
        }
      bad += skip;
    }
  if (!found)
    return FALSE;

  while (good - bad > 1)
    {
      gint64 middle = bad + (good - bad) / 2;

      if (reads_from (read, middle))
        good = middle;
      else
        bad = middle;
    }

  *readable = good;
  return TRUE;
}

static void
salvage_table (sqlite3    *source,
               sqlite3    *destination,
               const char *name,
               GArray     *tables)
{
  RehearseSalvagedTable table = { name, 0, 0, 0 };
  g_autofree char *columns = shared_columns (source, destination, name);
  g_autofree char *read_sql = NULL;
  g_autofree char *insert_sql = NULL;
  g_autoptr(GString) placeholders = g_string_new ("?");
  sqlite3_stmt *read = NULL;
  sqlite3_stmt *insert = NULL;
  int n_columns = 0;
  gint64 from = G_MININT64;

  if (columns == NULL)
    {
      table.unreadable = 1;
      g_array_append_val (tables, table);
      return;
    }

  for (const char *c = columns; *c != '\0'; c++)
    n_columns += *c == ',';
  n_columns++;
  for (int i = 0; i < n_columns; i++)
    g_string_append (placeholders, ", ?");

  read_sql = g_strdup_printf ("SELECT rowid, %s FROM %s WHERE rowid >= ? ORDER BY rowid LIMIT ?",
                              columns, name);
  insert_sql = g_strdup_printf ("INSERT OR IGNORE INTO %s (rowid, %s) VALUES (%s)", name,
                                columns, placeholders->str);
  if (sqlite3_prepare_v2 (source, read_sql, -1, &read, NULL) != SQLITE_OK
      || sqlite3_prepare_v2 (destination, insert_sql, -1, &insert, NULL) != SQLITE_OK)
    {
      table.unreadable = 1;
      goto out;
    }

  for (;;)
    {
      gint64 next;
      gboolean finished;

      if (copy_batch (source, read, insert, n_columns, from, &next, &finished, &table))
        {
          if (finished)
            break;
          from = next;
          continue;
        }

      /* A damaged stretch from @next on: go on from the first rowid past
       * it, or give up the rest of the table. */
      table.unreadable++;
      if (!find_readable_rowid (read, next, &from))
        break;
    }

out:
  sqlite3_finalize (read);
  sqlite3_finalize (insert);
  g_array_append_val (tables, table);
}

/* What to import to get deck @deck_key back: its folder when the deck was
 * a folder's (all its files in one, which names the deck: the key is
 * made from the folder's name), else its files. Takes @files. */
static char **
deck_import_paths (const char *deck_key,
                   GPtrArray  *files)
{
  g_autofree char *folder = g_path_get_dirname (g_ptr_array_index (files, 0));
  g_autofree char *folder_name = g_path_get_basename (folder);
  g_autofree char *folder_title = rehearse_parser_title_from_filename (folder_name);
  g_autofree char *folder_key = rehearse_slugify (folder_title);
  gboolean one_folder = TRUE;

  for (guint i = 1; i < files->len && one_folder; i++)
    {
      g_autofree char *other = g_path_get_dirname (g_ptr_array_index (files, i));

      one_folder = strcmp (other, folder) == 0;
    }

  if (one_folder && g_strcmp0 (folder_key, deck_key) == 0)
    {
      g_ptr_array_set_size (files, 0);
      g_ptr_array_add (files, g_steal_pointer (&folder));
    }

  g_ptr_array_add (files, NULL);
  return (char **) g_ptr_array_free (files, FALSE);
}

/* The files of each deck the damaged library held, for importing again. */
static void
read_deck_sources (sqlite3   *source,
                   GPtrArray *deck_sources)
{
  sqlite3_stmt *stmt = NULL;
  GPtrArray *files = NULL;
  g_autofree char *deck_key = NULL;
  gint64 deck_id = -1;

  if (sqlite3_prepare_v2 (source, "SELECT s.deck_id, s.path, d.deck_key FROM sources s"
                                  " JOIN decks d ON d.id = s.deck_id"
                                  " ORDER BY s.deck_id, s.position",
                          -1, &stmt, NULL) != SQLITE_OK)
    return;

  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      if (sqlite3_column_int64 (stmt, 0) != deck_id && files != NULL)
        {
          g_ptr_array_add (deck_sources, deck_import_paths (deck_key, g_steal_pointer (&files)));
          g_clear_pointer (&deck_key, g_free);
        }
      if (files == NULL)
        {
          files = g_ptr_array_new_with_free_func (g_free);
          deck_key = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
        }
      deck_id = sqlite3_column_int64 (stmt, 0);
      g_ptr_array_add (files, g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
    }
  sqlite3_finalize (stmt);

  if (files != NULL)
    g_ptr_array_add (deck_sources, deck_import_paths (deck_key, files));
}

gboolean
rehearse_library_salvage (const char             *damaged_path,
                          RehearseLibrary        *destination,
                          RehearseSalvageReport  *report,
                          GError                **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autofree char *uri = NULL;
  sqlite3 *source = NULL;
  int rc;

  g_return_val_if_fail (damaged_path != NULL, FALSE);
  g_return_val_if_fail (REHEARSE_IS_LIBRARY (destination), FALSE);
  g_return_val_if_fail (report != NULL, FALSE);

  report_init (report);

  /* Read-only, and never the damaged file's -shm: it may be on a full or
   * read-only disk, and nothing is written there. */
  uri = g_filename_to_uri (damaged_path, NULL, error);
  if (uri == NULL)
    return FALSE;
  rc = sqlite3_open_v2 (uri, &source, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (source, "SELECT count(*) FROM sqlite_schema", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, REHEARSE_ERROR, REHEARSE_ERROR_CORRUPT_DATABASE,
                   _("Nothing can be read from “%s”: %s"), damaged_path,
                   source != NULL ? sqlite3_errmsg (source) : sqlite3_errstr (rc));
      sqlite3_close (source);
      return FALSE;
    }

  locker = g_rec_mutex_locker_new (&destination->lock);
  if (!rehearse_sqlite_exec (destination->db, "BEGIN IMMEDIATE", error))
    {
      sqlite3_close (source);
      return FALSE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (user_data_tables); i++)
    salvage_table (source, destination->db, user_data_tables[i], report->tables);
  read_deck_sources (source, report->deck_sources);
  sqlite3_close (source);

  if (!rehearse_sqlite_exec (destination->db, "COMMIT", error))
    {
      rehearse_sqlite_rollback (destination->db);
      return FALSE;
    }

  rehearse_library_emit_user_data_changed (destination, NULL);
  return TRUE;
}

void
rehearse_library_reimport_salvaged_decks (RehearseLibrary       *library,
                                          RehearseSalvageReport *report,
                                          GCancellable          *cancellable)
{
  for (guint i = 0; i < report->deck_sources->len; i++)
    {
      const char * const *paths = g_ptr_array_index (report->deck_sources, i);
      g_autoptr(GPtrArray) reports = rehearse_importer_import (library, paths, cancellable);

      for (guint j = 0; j < reports->len; j++)
        {
          RehearseImportReport *import = g_ptr_array_index (reports, j);

          if (import->error == NULL)
            g_ptr_array_add (report->decks_reimported, g_strdup (import->deck_title));
          else
            g_ptr_array_add (report->decks_missing, g_strdup (import->error->message));
        }
    }
}

static gboolean
copy_file (const char  *from,
           const char  *to,
           GError     **error)
{
  g_autoptr(GFile) source = g_file_new_for_path (from);
  g_autoptr(GFile) destination = g_file_new_for_path (to);

  return g_file_copy (source, destination, G_FILE_COPY_NONE, NULL, NULL, NULL, error);
}

/* A byte copy of the damaged file and its WAL, beside it, for the user. */
static char *
set_aside (const char  *path,
           GError     **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  g_autofree char *aside = g_strdup_printf ("%s.damaged-%s", path, stamp);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *aside_wal = g_strconcat (aside, "-wal", NULL);

  if (!copy_file (path, aside, error))
    return NULL;
  if (g_file_test (wal, G_FILE_TEST_EXISTS) && !copy_file (wal, aside_wal, error))
    return NULL;
  return g_steal_pointer (&aside);
}

void
rehearse_library_remove_files (const char *path)
{
  static const char * const suffixes[] = { "", "-wal", "-shm", "-journal", "-lock" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      g_remove (file);
    }
}

/* The repair without the signals, which the caller's thread emits. */
static gboolean
repair_quietly (RehearseLibrary        *self,
                RehearseSalvageReport  *report,
                GCancellable           *cancellable,
                GError                **error)
{
  g_autofree char *aside = NULL;
  g_autofree char *salvage_path = NULL;
  g_autoptr(RehearseLibrary) salvaged = NULL;
  gboolean restored;

  /* Nothing more is written into the damaged file, whatever happens. */
  rehearse_library_set_damaged (self);

  aside = set_aside (self->path, error);
  if (aside == NULL)
    return FALSE;

  salvage_path = g_strconcat (self->path, ".salvage", NULL);
  rehearse_library_remove_files (salvage_path);
  /* Read through the library's own file and WAL (only read): the copy
   * is the user's, and stays as it was made. */
  salvaged = rehearse_library_open (salvage_path, error);
  if (salvaged == NULL || !rehearse_library_salvage (self->path, salvaged, report, error))
    {
      g_clear_object (&salvaged);
      rehearse_library_remove_files (salvage_path);
      return FALSE;
    }
  rehearse_library_reimport_salvaged_decks (salvaged, report, cancellable);
  g_clear_object (&salvaged);

  /* The online backup API writes every page: each connection open on the
   * library sees the salvaged one, and the damage is gone with the old
   * pages. The damaged copy stays where set_aside() put it. */
  restored = rehearse_library_write_backup_restore (self, salvage_path, error);
  rehearse_library_remove_files (salvage_path);
  if (!restored)
    return FALSE;

  report->set_aside_path = g_steal_pointer (&aside);
  g_atomic_int_set (&self->damaged, FALSE);
  return TRUE;
}

static void
announce_repaired (RehearseLibrary *self)
{
  rehearse_library_emit_decks_changed (self);
  rehearse_library_emit_user_data_changed (self, NULL);
}

gboolean
rehearse_library_repair (RehearseLibrary        *self,
                         RehearseSalvageReport  *report,
                         GCancellable           *cancellable,
                         GError                **error)
{
  g_return_val_if_fail (REHEARSE_IS_LIBRARY (self), FALSE);
  g_return_val_if_fail (report != NULL, FALSE);

  if (!repair_quietly (self, report, cancellable, error))
    return FALSE;
  announce_repaired (self);
  return TRUE;
}

void
rehearse_salvage_report_free (RehearseSalvageReport *report)
{
  rehearse_salvage_report_clear (report);
  g_free (report);
}

static void
repair_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  RehearseSalvageReport *report = g_new0 (RehearseSalvageReport, 1);
  GError *error = NULL;

  if (repair_quietly (source_object, report, cancellable, &error))
    g_task_return_pointer (task, report, (GDestroyNotify) rehearse_salvage_report_free);
  else
    {
      rehearse_salvage_report_free (report);
      g_task_return_error (task, error);
    }
}

void
rehearse_library_repair_async (RehearseLibrary     *self,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (REHEARSE_IS_LIBRARY (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, rehearse_library_repair_async);
  g_task_run_in_thread (task, repair_thread);
}

RehearseSalvageReport *
rehearse_library_repair_finish (RehearseLibrary  *self,
                                GAsyncResult     *result,
                                GError          **error)
{
  RehearseSalvageReport *report;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  /* Here, in the caller's thread, where the signals belong. */
  report = g_task_propagate_pointer (G_TASK (result), error);
  if (report != NULL)
    announce_repaired (self);
  return report;
}

void
rehearse_library_set_damaged (RehearseLibrary *self)
{
  g_return_if_fail (REHEARSE_IS_LIBRARY (self));

  g_atomic_int_set (&self->damaged, TRUE);
}

gboolean
rehearse_library_is_read_only (RehearseLibrary *self)
{
  g_return_val_if_fail (REHEARSE_IS_LIBRARY (self), FALSE);

  return self->read_only;
}

gboolean
rehearse_library_is_damaged (RehearseLibrary *self)
{
  g_return_val_if_fail (REHEARSE_IS_LIBRARY (self), FALSE);

  return g_atomic_int_get (&self->damaged);
}

gboolean
rehearse_library_quick_check (RehearseLibrary  *self,
                              GError          **error)
{
  g_autofree char *uri = NULL;
  g_autofree char *failure = NULL;
  sqlite3 *db = NULL;
  gboolean damaged = FALSE;
  int rc;

  g_return_val_if_fail (REHEARSE_IS_LIBRARY (self), FALSE);

  /* A connection of its own: the check reads every page, and neither
   * the window's reads nor its writes wait for it. A library opened
   * read-only is read as its own connections read it (a full disk may
   * not let any connection make shared memory). */
  uri = self->read_only_uri != NULL ? g_strdup (self->read_only_uri)
                                    : g_filename_to_uri (self->path, NULL, error);
  if (uri == NULL)
    return FALSE;
  rc = sqlite3_open_v2 (uri, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL);
  if (rc == SQLITE_OK)
    failure = rehearse_sqlite_quick_check (db, &damaged);
  else
    failure = g_strdup (db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
  sqlite3_close (db);

  if (failure == NULL)
    return TRUE;

  /* A disk that cannot be read, or a lock, is not damage in the file. */
  if (damaged)
    rehearse_library_set_damaged (self);
  return rehearse_library_check_failed (self, failure, damaged, error);
}
