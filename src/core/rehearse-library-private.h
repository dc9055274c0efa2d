/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <sqlite3.h>

#include "rehearse-library.h"

G_BEGIN_DECLS

/* What rehearse-library.c, rehearse-library-search.c and the question list
 * share: the instance structure, statement helpers and row decoding. */

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

/* A statement borrowed from the library's cache. Leaving the scope resets it
 * (and drops its bindings) instead of finalizing it, so the next caller gets
 * it ready to bind and the read transaction it held is released. */
typedef sqlite3_stmt RehearseCachedStatement;

void rehearse_cached_statement_release (RehearseCachedStatement *stmt);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RehearseCachedStatement, rehearse_cached_statement_release)

/* Every bound string outlives the step that reads it. */
static inline void
rehearse_bind_text (sqlite3_stmt *stmt,
                    int           index,
                    const char   *text)
{
  sqlite3_bind_text (stmt, index, text, -1, SQLITE_STATIC);
}

/* Dates in the library: unix seconds. */
static inline gint64
rehearse_now_seconds (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

typedef struct _RehearseReader RehearseReader;

struct _RehearseLibrary
{
  GObject                   parent_instance;

  char                     *path;
  gint64                    target_version;   /* the schema version opening migrates to */

  /* The main connection writes (imports, bookmarks) and checks. It is
   * serialized, but a transaction or a cached statement spans several
   * calls: each method using it holds this lock so that two threads never
   * interleave inside one. */
  GRecMutex                 lock;
  sqlite3                  *db;
  GHashTable               *statements;   /* SQL text → sqlite3_stmt */

  /* Reads (lists, questions, searches) run on a second, read-only
   * connection, opened on first use: WAL lets it read while an import
   * writes, so the window never waits for an import, nor an import for a
   * search. It sees what the main connection committed. */
  GMutex                    reader_lock;
  RehearseReader           *reader;

  /* What the main connection last saw of changes made by other programs
   * (rehearse_library_check_changed_elsewhere()). */
  gint64                    data_version;
  char                     *decks_signature;
};

/* Columns read by rehearse_question_new_from_statement(), in this order,
 * from "questions q LEFT JOIN topics t". */
#define REHEARSE_QUESTION_SUMMARY_COLUMNS \
  "q.id, q.question_key, q.deck_id, q.topic_id, q.number, q.text, t.title, q.orphaned"
#define REHEARSE_QUESTION_FULL_COLUMNS \
  REHEARSE_QUESTION_SUMMARY_COLUMNS ", q.answer, q.in_depth"
#define REHEARSE_QUESTION_SUMMARY_N_COLUMNS 8

/* The snapshot of a question's text kept with its user data, from a row
 * of questions (or old.*) named @q: "301. text", or the text alone when
 * the question has no number. Also RehearseUserEntry's question_text. */
#define REHEARSE_SNAPSHOT_SQL(q) \
  "CASE WHEN " q ".number IS NULL THEN " q ".text ELSE " q ".number || '. ' || " q ".text END"

RehearseQuestion        *rehearse_question_new_from_statement (sqlite3_stmt     *stmt,
                                                               gboolean          full);

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

gboolean                 rehearse_sqlite_step_done            (sqlite3          *db,
                                                               sqlite3_stmt     *stmt,
                                                               GError          **error);

/* Opens as rehearse_library_open() does, migrating only up to schema
 * @version: tests make libraries as older versions wrote them. */
RehearseLibrary         *rehearse_library_open_version        (const char       *path,
                                                               gint64            version,
                                                               GError          **error);

/* A write transaction on the main connection; the caller holds self->lock
 * from begin to end. End commits when @ok and @changed, rolls back
 * otherwise (a transaction that changed nothing leaves no trace), and
 * returns whether all went well. */
gboolean                 rehearse_library_begin_write         (RehearseLibrary  *self,
                                                               GError          **error);
gboolean                 rehearse_library_end_write           (RehearseLibrary  *self,
                                                               gboolean          ok,
                                                               gboolean          changed,
                                                               GError          **error);

/* Emits ::user-data-changed; call it after the write committed, without
 * holding self->lock. */
void                     rehearse_library_emit_user_data_changed (RehearseLibrary *self,
                                                               const char       *question_key);

/* A statement of the main connection; the caller holds self->lock. @sql must
 * be a string literal: statements are prepared once per connection. */
RehearseCachedStatement *rehearse_library_statement           (RehearseLibrary  *self,
                                                               const char       *sql,
                                                               GError          **error);

/* The read-only connection, opened on first use. The caller holds
 * self->reader_lock for as long as it uses it and its statements. */
RehearseReader          *rehearse_library_get_reader          (RehearseLibrary  *self,
                                                               GError          **error);
sqlite3                 *rehearse_reader_get_db               (RehearseReader   *reader);
RehearseCachedStatement *rehearse_reader_statement            (RehearseReader   *reader,
                                                               const char       *sql,
                                                               GError          **error);

/* Loads the summaries of @ids on the read-only connection: a table of id
 * (gint64 *) → RehearseQuestion. Ids no longer there are missing from it.
 * Implemented in rehearse-library-search.c, with the connection. */
GHashTable              *rehearse_library_load_summaries      (RehearseLibrary  *self,
                                                               const gint64     *ids,
                                                               guint             n_ids,
                                                               GError          **error);

void                     rehearse_reader_free                 (RehearseReader   *reader);

/* ---- Reviews, for the quiz and the check (rehearse-library-reviews.c) ---- */

/* rehearse_library_record_review() without the signal: the quiz records
 * in a worker thread and announces the change from its own. */
gboolean rehearse_library_write_review (RehearseLibrary              *self,
                                        const char                   *question_key,
                                        const RehearseFsrsParameters *parameters,
                                        RehearseGrade                 grade,
                                        gint64                        reviewed_at,
                                        gint64                        time_spent,
                                        RehearseFsrsCard             *card,
                                        GError                      **error);

typedef struct
{
  gint64 question_id;
  gint64 due;           /* unix ms */
} RehearseScheduled;

/* Every live question reviewed before, soonest due first: a GArray of
 * RehearseScheduled. */
GArray                  *rehearse_library_list_scheduled      (RehearseLibrary  *self,
                                                               GError          **error);

/* Sets counts->reviews and adds the questions kept for their reviews alone
 * to counts->orphaned_questions; the caller holds self->lock. */
gboolean                 rehearse_library_count_reviews       (RehearseLibrary        *self,
                                                               RehearseLibraryCounts  *counts,
                                                               GError                **error);

G_END_DECLS
