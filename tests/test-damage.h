/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <fcntl.h>
#include <glib.h>
#include <sqlite3.h>
#include <string.h>
#include <unistd.h>

G_BEGIN_DECLS

/* Damage as a failing disk or a stray write leaves it: @count leaf pages
 * of @table, in the middle of its pages, overwritten with bytes no page
 * holds, in the library file at @path (closed, its WAL folded in).
 * Returns how many rows those pages held. */
static inline guint
test_damage_pages (const char *path,
                   const char *table,
                   guint       count)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  g_autoptr(GArray) pages = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) cells = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree guchar *garbage = NULL;
  gint64 page_size = 0;
  guint rows = 0;
  int fd;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA wal_checkpoint (TRUNCATE)", NULL, NULL, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA page_size", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  page_size = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);

  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT pageno, ncell FROM dbstat WHERE name = ?"
                                       " AND pagetype = 'leaf' ORDER BY pageno", -1, &stmt, NULL),
                   ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, table, -1, SQLITE_STATIC);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 page = sqlite3_column_int64 (stmt, 0);
      gint64 n_cells = sqlite3_column_int64 (stmt, 1);

      g_array_append_val (pages, page);
      g_array_append_val (cells, n_cells);
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  /* Damage in the middle: the first and last pages of the table stay. */
  g_assert_cmpuint (pages->len, >=, count + 2);

  garbage = g_malloc (page_size);
  memset (garbage, 0xa5, page_size);
  fd = open (path, O_WRONLY);
  g_assert_cmpint (fd, >=, 0);
  for (guint i = 0; i < count; i++)
    {
      guint index = pages->len / 2 + i;
      gint64 page = g_array_index (pages, gint64, index);

      g_assert_cmpint (pwrite (fd, garbage, page_size, (page - 1) * page_size), ==, page_size);
      rows += (guint) g_array_index (cells, gint64, index);
    }
  close (fd);
  return rows;
}

G_END_DECLS
