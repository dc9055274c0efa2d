/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "rehearse-error.h"
#include "rehearse-library-private.h"

/* Backups: whole copies of the library in a "backups" folder beside it,
 * made with VACUUM INTO (a consistent snapshot, never a file copy of a
 * live database), named by their UTC time, thinned as Anki thins its own
 * (the newest of each of the last 12 days, 10 weeks and 9 months), and
 * restored through SQLite's online backup API, so that every connection
 * open on the library sees the restored one. */

#define BACKUP_PREFIX "library-"
#define BACKUP_SUFFIX ".db"
#define STAMP_FORMAT "%Y%m%d-%H%M%S"

/* Backups after changes come at most this often. */
#define BACKUP_INTERVAL_MS ((gint64) 30 * 60 * 1000)

#define DAILY_KEPT 12
#define WEEKLY_KEPT 10
#define MONTHLY_KEPT 9

void
rehearse_backup_free (RehearseBackup *backup)
{
  g_free (backup->path);
  g_free (backup);
}

char *
rehearse_library_get_backup_folder (RehearseLibrary *self)
{
  g_autofree char *dir = NULL;

  g_return_val_if_fail (REHEARSE_IS_LIBRARY (self), NULL);

  dir = g_path_get_dirname (self->path);
  return g_build_filename (dir, "backups", NULL);
}

/* "library-20261205-140000.db" to its time in unix ms, or -1. */
static gint64
time_from_name (const char *name)
{
  g_autofree char *stamp = NULL;
  g_autoptr(GDateTime) time = NULL;
  int year, month, day, hour, minute, second;
  char end;

  if (!g_str_has_prefix (name, BACKUP_PREFIX) || !g_str_has_suffix (name, BACKUP_SUFFIX))
    return -1;

  stamp = g_strndup (name + strlen (BACKUP_PREFIX),
                     strlen (name) - strlen (BACKUP_PREFIX) - strlen (BACKUP_SUFFIX));
  if (strlen (stamp) != 15
      || sscanf (stamp, "%4d%2d%2d-%2d%2d%2d%c", &year, &month, &day, &hour, &minute, &second,
                 &end) != 6)
    return -1;

  time = g_date_time_new_utc (year, month, day, hour, minute, second);
  return time != NULL ? g_date_time_to_unix (time) * 1000 : -1;
}

static int
newest_first (gconstpointer a,
              gconstpointer b)
{
  const RehearseBackup *x = *(RehearseBackup * const *) a;
  const RehearseBackup *y = *(RehearseBackup * const *) b;

  return (y->time > x->time) - (y->time < x->time);
}

GPtrArray *
rehearse_library_list_backups (RehearseLibrary  *self,
                               GError          **error)
{
  g_autofree char *folder = rehearse_library_get_backup_folder (self);
  g_autoptr(GPtrArray) backups = g_ptr_array_new_with_free_func (
    (GDestroyNotify) rehearse_backup_free);
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *name;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  dir = g_dir_open (folder, 0, &local_error);
  if (dir == NULL)
    {
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        return g_steal_pointer (&backups);   /* none made yet */
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      gint64 time = time_from_name (name);
      RehearseBackup *backup;
      GStatBuf info;

      if (time < 0)
        continue;

      backup = g_new0 (RehearseBackup, 1);
      backup->path = g_build_filename (folder, name, NULL);
      backup->time = time;
      if (g_stat (backup->path, &info) == 0)
        backup->size = (guint64) info.st_size;
      g_ptr_array_add (backups, backup);
    }

  g_ptr_array_sort (backups, newest_first);
  return g_steal_pointer (&backups);
}

char *
rehearse_library_backup (RehearseLibrary  *self,
                         gint64            now,
                         GError          **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autofree char *folder = rehearse_library_get_backup_folder (self);
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_utc (now / 1000);
  g_autofree char *stamp = NULL;
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;
  g_autofree char *partial = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (REHEARSE_IS_LIBRARY (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stamp = g_date_time_format (time, STAMP_FORMAT);
  name = g_strconcat (BACKUP_PREFIX, stamp, BACKUP_SUFFIX, NULL);
  path = g_build_filename (folder, name, NULL);
  partial = g_strconcat (path, ".partial", NULL);

  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   _("Could not make the backups folder “%s”: %s"), folder,
                   g_strerror (saved_errno));
      return NULL;
    }

  /* Written under another name and renamed: a backup cut short by a crash
   * or a full disk is never taken for one. */
  g_unlink (partial);
  locker = g_rec_mutex_locker_new (&self->lock);
  stmt = rehearse_sqlite_prepare (self->db, "VACUUM INTO ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, partial, -1, SQLITE_TRANSIENT);
  if (!rehearse_sqlite_step_done (self->db, stmt, error))
    {
      g_unlink (partial);
      g_prefix_error (error, _("Could not back up the library to “%s”: "), folder);
      return NULL;
    }

  if (g_rename (partial, path) != 0)
    {
      int saved_errno = errno;

      g_unlink (partial);
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   _("Could not back up the library to “%s”: %s"), path,
                   g_strerror (saved_errno));
      return NULL;
    }

  return g_steal_pointer (&path);
}

gboolean
rehearse_library_backup_if_due (RehearseLibrary  *self,
                                gint64            now,
                                gboolean         *made,
                                GError          **error)
{
  g_autoptr(GPtrArray) backups = rehearse_library_list_backups (self, error);
  g_autofree char *path = NULL;

  *made = FALSE;
  if (backups == NULL)
    return FALSE;
  if (backups->len > 0
      && now - ((RehearseBackup *) g_ptr_array_index (backups, 0))->time < BACKUP_INTERVAL_MS)
    return TRUE;

  path = rehearse_library_backup (self, now, error);
  if (path == NULL || !rehearse_library_thin_backups (self, now, NULL, error))
    return FALSE;

  *made = TRUE;
  return TRUE;
}

/* ---- Thinning ------------------------------------------------------------- */

/* The day, week and month a time falls in, counted back from @now's:
 * 0 for @now's own. */
static void
periods_ago (gint64  time,
             gint64  now,
             gint64 *days,
             gint64 *weeks,
             gint64 *months)
{
  g_autoptr(GDateTime) then = g_date_time_new_from_unix_utc (time / 1000);
  g_autoptr(GDateTime) today = g_date_time_new_from_unix_utc (now / 1000);
  gint64 now_day = now / 1000 / 86400;
  gint64 day = time / 1000 / 86400;

  *days = now_day - day;
  /* 1970-01-01 was a Thursday: weeks start on the Monday after it. */
  *weeks = (now_day + 3) / 7 - (day + 3) / 7;
  *months = (g_date_time_get_year (today) * 12 + g_date_time_get_month (today))
            - (g_date_time_get_year (then) * 12 + g_date_time_get_month (then));
}

void
rehearse_backups_choose_kept (GPtrArray *backups,
                              gint64     now,
                              gboolean  *kept)
{
  g_autoptr(GHashTable) days = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GHashTable) weeks = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GHashTable) months = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GArray) periods = g_array_new (FALSE, FALSE, sizeof (gint64));

  /* Keys must outlive the tables: one array holds them all. */
  g_array_set_size (periods, backups->len * 3);

  /* Newest first: the first backup met in a period is the one it keeps. */
  for (guint i = 0; i < backups->len; i++)
    {
      const RehearseBackup *backup = g_ptr_array_index (backups, i);
      gint64 *day = &g_array_index (periods, gint64, 3 * i);
      gint64 *week = day + 1;
      gint64 *month = day + 2;

      periods_ago (backup->time, now, day, week, month);
      kept[i] = i == 0;   /* the newest, whatever its age */
      /* g_hash_table_add(): TRUE when the period had no backup yet. */
      if (*day < DAILY_KEPT && g_hash_table_add (days, day))
        kept[i] = TRUE;
      if (*week < WEEKLY_KEPT && g_hash_table_add (weeks, week))
        kept[i] = TRUE;
      if (*month < MONTHLY_KEPT && g_hash_table_add (months, month))
        kept[i] = TRUE;
    }
}

gboolean
rehearse_library_thin_backups (RehearseLibrary  *self,
                               gint64            now,
                               guint            *removed,
                               GError          **error)
{
  g_autoptr(GPtrArray) backups = rehearse_library_list_backups (self, error);
  g_autofree gboolean *kept = NULL;

  if (removed != NULL)
    *removed = 0;
  if (backups == NULL)
    return FALSE;

  kept = g_new0 (gboolean, MAX (backups->len, 1));
  rehearse_backups_choose_kept (backups, now, kept);
  for (guint i = 0; i < backups->len; i++)
    {
      const RehearseBackup *backup = g_ptr_array_index (backups, i);

      if (kept[i])
        continue;
      if (g_unlink (backup->path) != 0)
        {
          int saved_errno = errno;

          g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                       _("Could not remove the old backup “%s”: %s"), backup->path,
                       g_strerror (saved_errno));
          return FALSE;
        }
      if (removed != NULL)
        (*removed)++;
    }

  return TRUE;
}

/* ---- Restoring --------------------------------------------------------------- */

static int
read_version (sqlite3 *db)
{
  sqlite3_stmt *stmt = NULL;
  int version = -1;

  if (sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL) == SQLITE_OK
      && sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  return version;
}

gboolean
rehearse_library_write_backup_restore (RehearseLibrary  *self,
                                       const char       *backup_path,
                                       GError          **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  sqlite3 *source = NULL;
  sqlite3_backup *copy;
  int rc;

  g_return_val_if_fail (REHEARSE_IS_LIBRARY (self), FALSE);
  g_return_val_if_fail (backup_path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  rc = sqlite3_open_v2 (backup_path, &source, SQLITE_OPEN_READONLY, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (source, "PRAGMA quick_check", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, REHEARSE_ERROR, REHEARSE_ERROR_CORRUPT_DATABASE,
                   _("“%s” cannot be restored: %s"), backup_path,
                   source != NULL ? sqlite3_errmsg (source) : sqlite3_errstr (rc));
      sqlite3_close (source);
      return FALSE;
    }

  /* A library of another format would need the migrations of an open;
   * backups are made by this version, and restored by it. */
  if (read_version (source) != rehearse_library_schema_version ())
    {
      g_set_error (error, REHEARSE_ERROR, REHEARSE_ERROR_INVALID_ARGUMENT,
                   _("“%s” was made by another version of Rehearse (library format %d, this "
                     "version’s is %d); open it with rehearse-cli --db to read its notes"),
                   backup_path, read_version (source), (int) rehearse_library_schema_version ());
      sqlite3_close (source);
      return FALSE;
    }

  locker = g_rec_mutex_locker_new (&self->lock);
  copy = sqlite3_backup_init (self->db, "main", source, "main");
  if (copy == NULL)
    {
      sqlite3_close (source);
      return rehearse_sqlite_error (self->db, sqlite3_errcode (self->db), error,
                                    _("Could not restore “%s”"), backup_path);
    }

  /* All pages in one step: the library is the old one or the backup. */
  rc = sqlite3_backup_step (copy, -1);
  sqlite3_backup_finish (copy);
  sqlite3_close (source);
  if (rc != SQLITE_DONE)
    return rehearse_sqlite_error (self->db, rc, error, _("Could not restore “%s”"), backup_path);

  /* SQLite prepares the cached statements again by itself. */
  return TRUE;
}

gboolean
rehearse_library_restore_backup (RehearseLibrary  *self,
                                 const char       *backup_path,
                                 GError          **error)
{
  g_return_val_if_fail (REHEARSE_IS_LIBRARY (self), FALSE);

  if (!rehearse_library_write_backup_restore (self, backup_path, error))
    return FALSE;

  /* Everything may have changed. */
  rehearse_library_emit_decks_changed (self);
  rehearse_library_emit_user_data_changed (self, NULL);
  return TRUE;
}
