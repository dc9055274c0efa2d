/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib/gstdio.h>

#include "rehearse-bench.h"
#include "rehearse-error.h"

/* A second connection to a library file, for the baseline and the size
 * figures: what the library's API does not (and should not) offer. */

static gboolean
sqlite_error (sqlite3     *db,
              const char  *what,
              GError     **error)
{
  g_set_error (error, REHEARSE_ERROR, REHEARSE_ERROR_DATABASE, "%s: %s", what,
               db != NULL ? sqlite3_errmsg (db) : "out of memory");
  return FALSE;
}

sqlite3 *
bench_sqlite_open (const char  *path,
                   GError     **error)
{
  g_autoptr(sqlite3) db = NULL;

  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
    {
      sqlite_error (db, path, error);
      return NULL;
    }

  return g_steal_pointer (&db);
}

gboolean
bench_sqlite_exec (sqlite3     *db,
                   const char  *sql,
                   GError     **error)
{
  if (sqlite3_exec (db, sql, NULL, NULL, NULL) != SQLITE_OK)
    return sqlite_error (db, sql, error);

  return TRUE;
}

sqlite3_stmt *
bench_sqlite_prepare (sqlite3     *db,
                      const char  *sql,
                      GError     **error)
{
  sqlite3_stmt *statement = NULL;

  if (sqlite3_prepare_v2 (db, sql, -1, &statement, NULL) != SQLITE_OK)
    sqlite_error (db, sql, error);

  return statement;
}

gboolean
bench_sqlite_insert (sqlite3       *db,
                     sqlite3_stmt  *statement,
                     gint64        *row_id,
                     GError       **error)
{
  int status = sqlite3_step (statement);

  sqlite3_reset (statement);
  sqlite3_clear_bindings (statement);
  if (status != SQLITE_DONE)
    return sqlite_error (db, sqlite3_sql (statement), error);

  if (row_id != NULL)
    *row_id = sqlite3_last_insert_rowid (db);
  return TRUE;
}

gboolean
bench_sqlite_checkpoint_size (const char  *path,
                              guint64     *size,
                              GError     **error)
{
  g_autoptr(sqlite3) db = bench_sqlite_open (path, error);

  if (db == NULL || !bench_sqlite_exec (db, "PRAGMA wal_checkpoint(TRUNCATE)", error))
    return FALSE;

  g_clear_pointer (&db, sqlite3_close);
  *size = bench_file_size (path);
  return TRUE;
}
