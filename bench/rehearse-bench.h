/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <sqlite3.h>

#include "bench-figures.h"
#include "rehearse-library.h"   /* rehearse_library_remove_files() */
#include "rehearse-parsed-deck.h"

G_BEGIN_DECLS

/* rehearse-bench: the figures behind the performance targets, on generated
 * decks in a temporary folder. What its files share. */

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3, sqlite3_close)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

typedef struct
{
  char  *dir;          /* the temporary folder; removed at the end */
  guint  next_file;    /* makes every library file name fresh */
  guint  questions;    /* --questions; 0 for each benchmark's default */
  guint  megabytes;    /* --megabytes: the small bad-input size */
  char  *self_path;    /* this program, to run bad inputs in a child */
  char  *cache_dir;    /* --cache-dir: where slow-to-build libraries are kept */
} Bench;

/* ---- The benchmarks ------------------------------------------------------ */

/* Import time against the bare SQLite baseline, where it goes, and the
 * library's size (bench-import.c); @timings FALSE: the size alone. */
gboolean bench_import_and_size (Bench     *bench,
                                gboolean   timings,
                                GError   **error);
/* Search latency on a large library (bench-search.c). */
gboolean bench_search          (Bench     *bench,
                                GError   **error);
/* The due list and counts on a large reviewed library (bench-due.c). */
gboolean bench_due             (Bench     *bench,
                                GError   **error);
/* Import time and memory of hostile files at two sizes (bench-bad-input.c). */
gboolean bench_bad_input       (Bench     *bench,
                                GError   **error);
/* One bad input imported in this process: the child bench_bad_input runs. */
gboolean bench_bad_input_case  (char     **args,
                                GError   **error);
/* cmark's pathological cases and the other hostile answers, each imported
 * in a process of its own: time and peak memory (bench-pathological.c). */
gboolean bench_pathological    (Bench     *bench,
                                GError   **error);

/* ---- One import in a child process (bench-bad-input.c) ------------------- */

typedef struct
{
  double  ms;
  glong   peak_kib;    /* the process's peak resident size; -1 when unknown */
  char   *outcome;     /* "imported 3 questions", "refused: …", "CRASHED: …" */
} BenchCaseResult;

void     bench_case_result_clear (BenchCaseResult  *result);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (BenchCaseResult, bench_case_result_clear)

/* Imports @file into a fresh library in a child (`bad-input-case`) that
 * gets @limit_seconds and 8 GiB of address space: a crash, a runaway
 * allocation or an endless loop is @result's outcome, not the end of the
 * benchmark. FALSE only when the child could not be run. */
gboolean bench_run_import_case   (Bench            *bench,
                                  const char       *file,
                                  guint             limit_seconds,
                                  BenchCaseResult  *result,
                                  GError          **error);

/* ---- Files in the temporary folder (rehearse-bench.c) -------------------- */

char    *bench_new_path       (Bench       *bench,
                               const char  *stem,
                               const char  *extension);
guint64  bench_file_size      (const char  *path);
/* Generated decks of @question_count questions in files numbered as one
 * series, so the importer makes them one deck. NULL-terminated paths. */
char   **bench_write_series   (Bench       *bench,
                               const char  *stem,
                               guint        question_count,
                               guint64     *markdown_bytes,
                               GError     **error);
/* The first error of an import's reports, or the questions it imported. */
gboolean bench_reports_check  (GPtrArray   *reports,
                               guint       *question_count,
                               GError     **error);

/* ---- SQLite by hand (bench-sqlite.c) ------------------------------------- */

sqlite3      *bench_sqlite_open            (const char    *path,
                                            GError       **error);
gboolean      bench_sqlite_exec            (sqlite3       *db,
                                            const char    *sql,
                                            GError       **error);
sqlite3_stmt *bench_sqlite_prepare         (sqlite3       *db,
                                            const char    *sql,
                                            GError       **error);
/* Steps an INSERT and resets it for the next row. */
gboolean      bench_sqlite_insert          (sqlite3       *db,
                                            sqlite3_stmt  *statement,
                                            gint64        *row_id,
                                            GError       **error);
/* What a file occupies once the WAL is folded into it. */
gboolean      bench_sqlite_checkpoint_size (const char    *path,
                                            guint64       *size,
                                            GError       **error);

/* ---- The baseline (bench-baseline.c) ------------------------------------- */

/* The floor under any import: @deck's rows inserted by hand into a new
 * library at @db_path, the schema, triggers and FTS5 index being the
 * library's own. The time of the inserts alone, in @ms. */
gboolean bench_baseline_insert (RehearseParsedDeck  *deck,
                                const char          *db_path,
                                double              *ms,
                                GError             **error);

G_END_DECLS
