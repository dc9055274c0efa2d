/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <gio/gio.h>
#include <glib/gi18n-lib.h>

#include "rehearse-error.h"
#include "rehearse-sqlite-private.h"

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

    /* What the user can act on, in words: SQLite's are "database or disk
     * is full" and "attempt to write a readonly database". */
    case SQLITE_FULL:
      g_set_error (error, REHEARSE_ERROR, REHEARSE_ERROR_DATABASE,
                   _("%s: the disk is full"), context);
      break;

    /* The unix VFS reports a full disk met while growing a file or the
     * shared memory as an I/O error with errno ENOSPC. */
    case SQLITE_IOERR:
      if (db != NULL && sqlite3_system_errno (db) == ENOSPC)
        g_set_error (error, REHEARSE_ERROR, REHEARSE_ERROR_DATABASE,
                     _("%s: the disk is full"), context);
      else
        g_set_error (error, REHEARSE_ERROR, REHEARSE_ERROR_DATABASE, "%s: %s", context, reason);
      break;

    case SQLITE_READONLY:
      g_set_error (error, REHEARSE_ERROR, REHEARSE_ERROR_DATABASE,
                   _("%s: the library is read-only"), context);
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

gboolean
rehearse_sqlite_step_row (sqlite3       *db,
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

void
rehearse_sqlite_rollback (sqlite3 *db)
{
  /* SQLite may have rolled back already (disk full, interrupt): then this
   * fails harmlessly with "no transaction is active". */
  sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
}

/* sqlite3_busy_timeout() sleeps longer and longer between tries (up to
 * 100 ms), so a write waiting on a staged import would miss the short
 * pauses between its batches; one try a millisecond gets in. */
static int
wait_one_millisecond (void *timeout_ms,
                      int   tries)
{
  if (tries >= GPOINTER_TO_INT (timeout_ms))
    return 0;

  g_usleep (1000);
  return 1;
}

void
rehearse_sqlite_wait_for_locks (sqlite3 *db,
                                int      timeout_ms)
{
  sqlite3_busy_handler (db, wait_one_millisecond, GINT_TO_POINTER (timeout_ms));
}

/* ---- Cached statements --------------------------------------------------- */

void
rehearse_cached_statement_release (RehearseCachedStatement *cached)
{
  sqlite3_reset (cached->stmt);
  sqlite3_clear_bindings (cached->stmt);
}

static void
cached_statement_free (gpointer data)
{
  RehearseCachedStatement *cached = data;

  sqlite3_finalize (cached->stmt);
  g_free (cached);
}

GHashTable *
rehearse_sqlite_statement_cache_new (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, NULL, cached_statement_free);
}

RehearseCachedStatement *
rehearse_sqlite_cached_statement (sqlite3     *db,
                                  GHashTable  *cache,
                                  const char  *sql,
                                  GError     **error)
{
  RehearseCachedStatement *cached = g_hash_table_lookup (cache, sql);
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (cached != NULL)
    return cached;

  rc = sqlite3_prepare_v3 (db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      rehearse_sqlite_error (db, rc, error, _("Could not read the library"));
      return NULL;
    }

  cached = g_new0 (RehearseCachedStatement, 1);
  cached->stmt = stmt;
  /* The key is the caller's string literal: it lives as long as the program. */
  g_hash_table_insert (cache, (gpointer) sql, cached);
  return cached;
}

char *
rehearse_sqlite_quick_check (sqlite3  *db,
                             gboolean *damaged)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db, "PRAGMA quick_check (1)", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      *damaged = (rc & 0xff) == SQLITE_CORRUPT || (rc & 0xff) == SQLITE_NOTADB;
      return g_strdup (sqlite3_errmsg (db));
    }
  *damaged = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "ok") != 0;
  return *damaged ? g_strdup ((const char *) sqlite3_column_text (stmt, 0)) : NULL;
}
