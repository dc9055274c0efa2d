/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

/* The SQLite layer under the library's connections: errors as GError,
 * statements that clean up after themselves, and a cache of prepared
 * statements per connection. */

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

/* A statement borrowed from a connection's cache. Leaving the scope resets
 * it (and drops its bindings) instead of finalizing it, so the next caller
 * gets it ready to bind and the read transaction it held is released. It
 * is a type of its own so that g_autoptr(sqlite3_stmt), which would
 * finalize a statement the cache still holds, cannot take it. */
typedef struct
{
  sqlite3_stmt *stmt;
} RehearseCachedStatement;

void rehearse_cached_statement_release (RehearseCachedStatement *cached);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RehearseCachedStatement, rehearse_cached_statement_release)

/* Ends a loop over rows (rehearse_sqlite_next_row() into @local_error):
 * TRUE when the rows ran out, FALSE with @error set when an error stopped
 * it. Takes @local_error. */
static inline gboolean
rehearse_sqlite_rows_done (GError  *local_error,
                           GError **error)
{
  if (local_error == NULL)
    return TRUE;

  g_propagate_error (error, local_error);
  return FALSE;
}

/* Every bound string outlives the step that reads it. */
static inline void
rehearse_bind_text (sqlite3_stmt *stmt,
                    int           index,
                    const char   *text)
{
  sqlite3_bind_text (stmt, index, text, -1, SQLITE_STATIC);
}

/* Sets @error from the connection's last error (damage becomes
 * REHEARSE_ERROR_CORRUPT_DATABASE, an interrupt G_IO_ERROR_CANCELLED) with
 * @format as context. Always returns FALSE. */
gboolean                 rehearse_sqlite_error                (sqlite3          *db,
                                                               int               rc,
                                                               GError          **error,
                                                               const char       *format,
                                                               ...) G_GNUC_PRINTF (4, 5);
gboolean                 rehearse_sqlite_exec                 (sqlite3          *db,
                                                               const char       *sql,
                                                               GError          **error);
sqlite3_stmt            *rehearse_sqlite_prepare              (sqlite3          *db,
                                                               const char       *sql,
                                                               GError          **error);
/* Steps to the next row: TRUE while there is one, FALSE at the end or on
 * an error, which then sets @error. */
gboolean                 rehearse_sqlite_next_row             (sqlite3          *db,
                                                               sqlite3_stmt     *stmt,
                                                               GError          **error);
/* Steps once: TRUE with *has_row set, or FALSE on an error. */
gboolean                 rehearse_sqlite_step_row             (sqlite3          *db,
                                                               sqlite3_stmt     *stmt,
                                                               gboolean         *has_row,
                                                               GError          **error);
/* PRAGMA quick_check (1) on @db: NULL when every page reads sound,
 * otherwise what is wrong, to be freed: the check's first finding, or
 * SQLite's reason when the pages could not even be read. *@damaged says
 * whether that is damage in the file, not a disk that failed to read or a
 * lock. */
char                    *rehearse_sqlite_quick_check          (sqlite3          *db,
                                                               gboolean         *damaged);
/* Steps a statement that returns no row. */
gboolean                 rehearse_sqlite_step_done            (sqlite3          *db,
                                                               sqlite3_stmt     *stmt,
                                                               GError          **error);
/* Ends the transaction without a trace, if SQLite has not already. */
void                     rehearse_sqlite_rollback             (sqlite3          *db);
/* Makes a call that meets another connection's write lock ask again every
 * millisecond, for up to @timeout_ms, before it fails with SQLITE_BUSY. */
void                     rehearse_sqlite_wait_for_locks       (sqlite3          *db,
                                                               int               timeout_ms);

/* A connection's cache: SQL text (a string literal) → statement. */
GHashTable              *rehearse_sqlite_statement_cache_new  (void);
RehearseCachedStatement *rehearse_sqlite_cached_statement     (sqlite3          *db,
                                                               GHashTable       *cache,
                                                               const char       *sql,
                                                               GError          **error);

G_END_DECLS
