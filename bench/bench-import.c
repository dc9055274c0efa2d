/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include "rehearse-bench.h"
#include "rehearse-importer.h"
#include "rehearse-parser.h"
#include "rehearse-text-repair.h"

/* `rehearse-bench import`: the real import of a generated deck against the
 * bare SQLite baseline of the same rows, where its time goes, and what the
 * library weighs against its Markdown (`size` alone for the last). */

#define DEFAULT_IMPORT_QUESTIONS 10000
#define IMPORT_RUNS              5

#define TARGET_IMPORT_RATIO      1.5
#define TARGET_SIZE_RATIO        2.5

/* The real thing: read, repair, parse and store, as the app does. */
static gboolean
time_import (char       **paths,
             const char  *db_path,
             double      *ms,
             guint       *question_count,
             GError     **error)
{
  g_autoptr(RehearseLibrary) library = rehearse_library_open (db_path, error);
  g_autoptr(GPtrArray) reports = NULL;
  gint64 start;

  if (library == NULL)
    return FALSE;

  start = g_get_monotonic_time ();
  reports = rehearse_importer_import (library, (const char * const *) paths, NULL);
  *ms = bench_elapsed_ms (start);

  return bench_reports_check (reports, question_count, error);
}

/* The deck the importer builds from @paths, keys assigned. */
static RehearseParsedDeck *
read_series (char    **paths,
             GError  **error)
{
  g_autoptr(RehearseParsedDeck) deck = NULL;

  for (guint i = 0; paths[i] != NULL; i++)
    {
      g_autoptr(RehearseParsedDeck) part = rehearse_importer_read_file (paths[i], NULL, error);

      if (part == NULL)
        return NULL;
      if (deck == NULL)
        deck = rehearse_parsed_deck_new (part->title);
      rehearse_parsed_deck_append (deck, part);
    }

  rehearse_parsed_deck_assign_keys (deck);
  return g_steal_pointer (&deck);
}

/* ---- Where the time goes ------------------------------------------------- */

typedef struct
{
  GArray *read;   /* read + hash + repair */
  GArray *parse;
  GArray *keys;
  GArray *store;
} Breakdown;

static void
breakdown_init (Breakdown *breakdown)
{
  breakdown->read = bench_samples_new ();
  breakdown->parse = bench_samples_new ();
  breakdown->keys = bench_samples_new ();
  breakdown->store = bench_samples_new ();
}

static void
breakdown_clear (Breakdown *breakdown)
{
  g_clear_pointer (&breakdown->read, g_array_unref);
  g_clear_pointer (&breakdown->parse, g_array_unref);
  g_clear_pointer (&breakdown->keys, g_array_unref);
  g_clear_pointer (&breakdown->store, g_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Breakdown, breakdown_clear)

/* What the importer does before parsing, minus its binary sniffing. */
static char *
read_and_repair (const char  *path,
                 char       **hash,
                 gsize       *length,
                 GError     **error)
{
  g_autofree char *data = NULL;
  gsize raw_length = 0;
  char *text;

  if (!g_file_get_contents (path, &data, &raw_length, error))
    return NULL;

  *hash = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) data, raw_length);
  text = rehearse_text_repair (data, raw_length, NULL);
  *length = strlen (text);
  return text;
}

static RehearseParsedDeck *
time_read_and_parse (char       **paths,
                     double      *read_ms,
                     double      *parse_ms,
                     GError     **error)
{
  g_autoptr(RehearseParsedDeck) deck = NULL;

  *read_ms = *parse_ms = 0;
  for (guint i = 0; paths[i] != NULL; i++)
    {
      g_autoptr(RehearseParsedDeck) part = NULL;
      g_autofree char *text = NULL;
      g_autofree char *hash = NULL;
      gint64 start = g_get_monotonic_time ();
      gsize length = 0;

      text = read_and_repair (paths[i], &hash, &length, error);
      if (text == NULL)
        return NULL;
      *read_ms += bench_elapsed_ms (start);

      start = g_get_monotonic_time ();
      part = rehearse_parser_parse (text, length, "Synthetic Deck", error);
      if (part == NULL)
        return NULL;
      rehearse_parsed_deck_add_source (part, paths[i], hash, length);
      if (deck == NULL)
        deck = rehearse_parsed_deck_new (part->title);
      rehearse_parsed_deck_append (deck, part);
      *parse_ms += bench_elapsed_ms (start);
    }

  return g_steal_pointer (&deck);
}

static gboolean
time_breakdown (char       **paths,
                const char  *db_path,
                Breakdown   *breakdown,
                GError     **error)
{
  g_autoptr(RehearseParsedDeck) deck = NULL;
  g_autoptr(RehearseLibrary) library = NULL;
  RehearseImportResult result;
  double read_ms, parse_ms;
  gint64 start;

  deck = time_read_and_parse (paths, &read_ms, &parse_ms, error);
  if (deck == NULL)
    return FALSE;
  bench_samples_add (breakdown->read, read_ms);
  bench_samples_add (breakdown->parse, parse_ms);

  start = g_get_monotonic_time ();
  rehearse_parsed_deck_assign_keys (deck);
  bench_samples_add (breakdown->keys, bench_elapsed_ms (start));

  library = rehearse_library_open (db_path, error);
  if (library == NULL)
    return FALSE;
  start = g_get_monotonic_time ();
  if (!rehearse_library_import_deck (library, deck, &result, error))
    return FALSE;
  bench_samples_add (breakdown->store, bench_elapsed_ms (start));

  return TRUE;
}

static void
print_breakdown (Breakdown *breakdown,
                 double     total_ms)
{
  double parts[] = {
    bench_samples_median (breakdown->read), bench_samples_median (breakdown->parse),
    bench_samples_median (breakdown->keys), bench_samples_median (breakdown->store),
  };
  const char *labels[] = {
    "read + SHA-256 + repair", "parse (cmark-gfm + parser)", "assign keys",
    "store (rehearse_library_import_deck)",
  };

  g_print ("  Breakdown (each step timed on its own, medians):\n");
  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    g_print ("    %-38s %9.1f ms   %5.1f%% of the import\n", labels[i], parts[i],
             100 * parts[i] / total_ms);
}

/* ---- Size ---------------------------------------------------------------- */

/* Where the bytes are, when SQLite was built with the dbstat table. */
static void
print_table_sizes (const char *db_path,
                   guint64     db_bytes)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(sqlite3) db = bench_sqlite_open (db_path, &error);
  g_autoptr(sqlite3_stmt) statement = NULL;

  if (db != NULL)
    statement = bench_sqlite_prepare (db, "SELECT name, SUM(pgsize) FROM dbstat"
                                          " GROUP BY name ORDER BY 2 DESC", &error);
  if (statement == NULL)
    return;

  g_print ("  Where the bytes are (dbstat):\n");
  while (sqlite3_step (statement) == SQLITE_ROW)
    {
      guint64 bytes = (guint64) sqlite3_column_int64 (statement, 1);
      g_autofree char *formatted = bench_format_bytes (bytes);

      if (bytes * 100 >= db_bytes)
        g_print ("    %-38s %12s   %5.1f%%\n", (const char *) sqlite3_column_text (statement, 0),
                 formatted, 100.0 * (double) bytes / (double) db_bytes);
    }
}

static gboolean
report_size (const char  *db_path,
             const char  *bare_path,
             guint64      markdown_bytes,
             GError     **error)
{
  g_autofree char *markdown = bench_format_bytes (markdown_bytes);
  g_autofree char *library = NULL;
  guint64 db_bytes = 0;

  if (!bench_sqlite_checkpoint_size (db_path, &db_bytes, error))
    return FALSE;
  library = bench_format_bytes (db_bytes);

  g_print ("\nSIZE\n");
  g_print ("  %-40s %12s\n", "Markdown", markdown);
  g_print ("  %-40s %12s\n", "library (after wal_checkpoint(TRUNCATE))", library);
  if (bare_path != NULL)
    {
      guint64 bare_bytes = 0;
      g_autofree char *bare = NULL;

      if (!bench_sqlite_checkpoint_size (bare_path, &bare_bytes, error))
        return FALSE;
      bare = bench_format_bytes (bare_bytes);
      g_print ("  %-40s %12s\n", "same rows through bare SQLite", bare);
    }
  bench_print_ratio ("library / Markdown", (double) db_bytes / (double) markdown_bytes,
                     TARGET_SIZE_RATIO);
  print_table_sizes (db_path, db_bytes);

  return TRUE;
}

/* ---- The benchmark ------------------------------------------------------- */

typedef struct
{
  GArray *full;
  GArray *bare;
  char   *last_full;   /* kept for the size figure */
  char   *last_bare;
  guint   question_count;
} ImportRuns;

static void
import_runs_clear (ImportRuns *runs)
{
  g_clear_pointer (&runs->full, g_array_unref);
  g_clear_pointer (&runs->bare, g_array_unref);
  g_clear_pointer (&runs->last_full, g_free);
  g_clear_pointer (&runs->last_bare, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ImportRuns, import_runs_clear)

static void
keep_last (char       **last,
           const char  *path)
{
  if (*last != NULL)
    rehearse_library_remove_files (*last);
  g_free (*last);
  *last = g_strdup (path);
}

/* Full and bare runs alternate, so a machine that slows down (thermal
 * throttling, another job) slows both alike. */
static gboolean
run_import_pairs (Bench               *bench,
                  char               **paths,
                  RehearseParsedDeck  *deck,
                  guint                run_count,
                  ImportRuns          *runs,
                  GError             **error)
{
  for (guint i = 0; i < run_count; i++)
    {
      g_autofree char *full_path = bench_new_path (bench, "import", "db");
      g_autofree char *bare_path = bench_new_path (bench, "bare", "db");
      double ms = 0;

      if (!time_import (paths, full_path, &ms, &runs->question_count, error))
        return FALSE;
      bench_samples_add (runs->full, ms);
      keep_last (&runs->last_full, full_path);

      if (!bench_baseline_insert (deck, bare_path, &ms, error))
        return FALSE;
      bench_samples_add (runs->bare, ms);
      keep_last (&runs->last_bare, bare_path);
    }

  return TRUE;
}

static gboolean
run_breakdown (Bench       *bench,
               char       **paths,
               double       total_ms,
               GError     **error)
{
  g_auto(Breakdown) breakdown;

  breakdown_init (&breakdown);
  for (guint i = 0; i < IMPORT_RUNS; i++)
    {
      g_autofree char *db_path = bench_new_path (bench, "breakdown", "db");
      gboolean ok = time_breakdown (paths, db_path, &breakdown, error);

      rehearse_library_remove_files (db_path);
      if (!ok)
        return FALSE;
    }

  print_breakdown (&breakdown, total_ms);
  return TRUE;
}

static void
print_import_figures (ImportRuns *runs,
                      guint64     markdown_bytes)
{
  double full = bench_samples_median (runs->full);
  double bare = bench_samples_median (runs->bare);

  g_print ("  %-40s %9.0f questions/s, %.1f MiB/s\n", "import rate (median run)",
           runs->question_count / (full / 1000), markdown_bytes / 1048576.0 / (full / 1000));
  bench_print_samples ("import (rehearse_importer_import)", runs->full);
  bench_print_samples ("bare SQLite insert of the same rows", runs->bare);
  bench_print_ratio ("import / bare insert (medians)", full / bare, TARGET_IMPORT_RATIO);
  /* Other load only ever adds time: the fastest runs are the least
   * disturbed, a check on a noisy machine. */
  g_print ("  %-40s %9.2f\n", "import / bare insert (fastest runs)",
           bench_samples_min (runs->full) / bench_samples_min (runs->bare));
}

gboolean
bench_import_and_size (Bench     *bench,
                       gboolean   timings,
                       GError   **error)
{
  guint question_count = bench->questions > 0 ? bench->questions : DEFAULT_IMPORT_QUESTIONS;
  g_auto(ImportRuns) runs = { bench_samples_new (), bench_samples_new (), NULL, NULL, 0 };
  g_autoptr(RehearseParsedDeck) deck = NULL;
  g_auto(GStrv) paths = NULL;
  guint64 markdown_bytes = 0;
  g_autofree char *markdown = NULL;

  paths = bench_write_series (bench, "import", question_count, &markdown_bytes, error);
  if (paths == NULL)
    return FALSE;
  markdown = bench_format_bytes (markdown_bytes);

  g_print ("\nIMPORT of %u generated questions (%s of Markdown, %u file%s)\n", question_count,
           markdown, g_strv_length (paths), g_strv_length (paths) > 1 ? "s" : "");

  deck = read_series (paths, error);
  if (deck == NULL)
    return FALSE;
  if (!run_import_pairs (bench, paths, deck, timings ? IMPORT_RUNS : 1, &runs, error))
    return FALSE;

  if (timings)
    {
      print_import_figures (&runs, markdown_bytes);
      if (!run_breakdown (bench, paths, bench_samples_median (runs.full), error))
        return FALSE;
    }

  return report_size (runs.last_full, runs.last_bare, markdown_bytes, error);
}
