/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>  /* setrlimit */
#include <unistd.h>

#include "rehearse-cli.h"
#include "rehearse-deck-generator.h"
#include "rehearse-error.h"
#include "rehearse-importer.h"
#include "rehearse-parser.h"
#include "rehearse-text-repair.h"

/* `rehearse-cli bench`: the figures behind the performance targets, on
 * generated decks in a temporary folder. Every figure is printed with its
 * target and whether it is met; the exit status never depends on timing
 * (a loaded machine must not fail a build), only on errors.
 *
 * Each timed step is repeated and the median reported, because the first
 * run pays for cold caches and any run can be hit by another process. */

#define DEFAULT_IMPORT_QUESTIONS  10000
#define DEFAULT_SEARCH_QUESTIONS  100000
#define QUESTIONS_PER_FILE        10000   /* ~12 MB: well under the import limit */
#define IMPORT_RUNS               5
#define SEARCH_RUNS               10
#define SEARCH_LIMIT              50
#define BAD_INPUT_SMALL_RUNS      3
#define BAD_INPUT_REPEAT_BELOW_MS 3000

#define TARGET_IMPORT_RATIO       1.5
#define TARGET_SIZE_RATIO         2.5
#define TARGET_SEARCH_P95_MS      30.0
#define TARGET_LINEAR_RATIO       10.0

/* A bad-input child gets this much address space: enough for any sane
 * import of a 50 MB file, not enough to take the machine down. */
#define BAD_INPUT_MEMORY_LIMIT    (8 * (rlim_t) 1024 * 1024 * 1024)

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3, sqlite3_close)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

typedef struct
{
  char  *dir;          /* the temporary folder; removed at the end */
  guint  next_file;    /* makes every library file name fresh */
  guint  questions;    /* --questions; 0 for each benchmark's default */
  guint  megabytes;    /* --megabytes: the small bad-input size */
  char  *self_path;    /* this program, to run bad inputs in a child */
} Bench;

/* ---- Figures ----------------------------------------------------------- */

static double
elapsed_ms (gint64 start)
{
  return (double) (g_get_monotonic_time () - start) / 1000.0;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

/* Nearest rank: p95 of 200 runs is the 190th fastest, a run that happened. */
static double
samples_percentile (GArray *samples,
                    double  fraction)
{
  g_autoptr(GArray) sorted = g_array_copy (samples);
  guint rank;

  g_return_val_if_fail (samples->len > 0, 0);

  g_array_sort (sorted, compare_doubles);
  rank = (guint) MAX (1.0, fraction * sorted->len + 0.999999);
  return g_array_index (sorted, double, MIN (rank, sorted->len) - 1);
}

static double
samples_median (GArray *samples)
{
  return samples_percentile (samples, 0.5);
}

static double
samples_min (GArray *samples)
{
  return samples_percentile (samples, 0);
}

static GArray *
samples_new (void)
{
  return g_array_new (FALSE, FALSE, sizeof (double));
}

static void
samples_add (GArray *samples,
             double  value)
{
  g_array_append_val (samples, value);
}

static void
print_samples (const char *label,
               GArray     *samples)
{
  g_print ("  %-40s median %9.1f ms   min %9.1f ms   (%u runs)\n", label,
           samples_median (samples), samples_min (samples), samples->len);
}

static void
print_verdict (double value,
               double target)
{
  if (value <= target)
    g_print ("met\n");
  else
    g_print ("NOT MET, %.0f%% over\n", (value / target - 1) * 100);
}

static void
print_ratio (const char *label,
             double      ratio,
             double      target)
{
  g_print ("  %-40s %9.2f          target ≤ %.1f: ", label, ratio, target);
  print_verdict (ratio, target);
}

static char *
format_bytes (guint64 bytes)
{
  return g_format_size_full (bytes, G_FORMAT_SIZE_IEC_UNITS);
}

/* ---- Files ------------------------------------------------------------- */

static gboolean
remove_tree (const char  *path,
             GError     **error)
{
  if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, error);
      const char *name;

      if (dir == NULL)
        return FALSE;
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          if (!remove_tree (child, error))
            return FALSE;
        }
    }

  if (g_remove (path) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   "cannot remove %s: %s", path, g_strerror (saved_errno));
      return FALSE;
    }

  return TRUE;
}

static char *
bench_new_path (Bench      *bench,
                const char *stem,
                const char *extension)
{
  g_autofree char *name = g_strdup_printf ("%s-%u.%s", stem, bench->next_file++, extension);

  return g_build_filename (bench->dir, name, NULL);
}

/* A library is a file and, while open or after a crash, its -wal and -shm. */
static void
remove_library (const char *path)
{
  static const char * const suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      g_remove (file);
    }
}

static guint64
file_size (const char *path)
{
  GStatBuf info;

  return g_stat (path, &info) == 0 ? (guint64) info.st_size : 0;
}

static gboolean
write_file (const char  *path,
            const char  *contents,
            gsize        length,
            GError     **error)
{
  return g_file_set_contents (path, contents, (gssize) length, error);
}

/* Files of at most QUESTIONS_PER_FILE questions numbered as one series, so
 * the importer makes them one deck. Returns a NULL-terminated path list. */
static char **
bench_write_series (Bench       *bench,
                    const char  *stem,
                    guint        question_count,
                    guint64     *markdown_bytes,
                    GError     **error)
{
  g_autoptr(GStrvBuilder) paths = g_strv_builder_new ();

  *markdown_bytes = 0;
  for (guint first = 0; first < question_count; first += QUESTIONS_PER_FILE)
    {
      guint count = MIN (QUESTIONS_PER_FILE, question_count - first);
      g_autofree char *markdown = rehearse_deck_generator_markdown (first + 1, count, first + 1);
      g_autofree char *path = bench_new_path (bench, stem, "md");
      gsize length = strlen (markdown);

      if (!write_file (path, markdown, length, error))
        return NULL;
      *markdown_bytes += length;
      g_strv_builder_add (paths, path);
    }

  return g_strv_builder_end (paths);
}

/* ---- SQLite by hand ---------------------------------------------------- */

static gboolean
sqlite_error (sqlite3     *db,
              const char  *what,
              GError     **error)
{
  g_set_error (error, REHEARSE_ERROR, REHEARSE_ERROR_DATABASE, "%s: %s", what,
               db != NULL ? sqlite3_errmsg (db) : "out of memory");
  return FALSE;
}

static sqlite3 *
sqlite_open (const char  *path,
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

static gboolean
sqlite_exec (sqlite3     *db,
             const char  *sql,
             GError     **error)
{
  if (sqlite3_exec (db, sql, NULL, NULL, NULL) != SQLITE_OK)
    return sqlite_error (db, sql, error);

  return TRUE;
}

static sqlite3_stmt *
sqlite_prepare (sqlite3     *db,
                const char  *sql,
                GError     **error)
{
  sqlite3_stmt *statement = NULL;

  if (sqlite3_prepare_v2 (db, sql, -1, &statement, NULL) != SQLITE_OK)
    sqlite_error (db, sql, error);

  return statement;
}

/* Steps an INSERT and resets it for the next row. */
static gboolean
sqlite_insert (sqlite3       *db,
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

static void
bind_text (sqlite3_stmt *statement,
           int           index,
           const char   *text)
{
  if (text != NULL)
    sqlite3_bind_text (statement, index, text, -1, SQLITE_STATIC);
  else
    sqlite3_bind_null (statement, index);
}

/* What a file occupies once the WAL is folded into it. */
static gboolean
checkpoint_size (const char  *path,
                 guint64     *size,
                 GError     **error)
{
  g_autoptr(sqlite3) db = sqlite_open (path, error);

  if (db == NULL || !sqlite_exec (db, "PRAGMA wal_checkpoint(TRUNCATE)", error))
    return FALSE;

  g_clear_pointer (&db, sqlite3_close);
  *size = file_size (path);
  return TRUE;
}

/* ---- Import ------------------------------------------------------------ */

static gboolean
reports_check (GPtrArray  *reports,
               guint      *question_count,
               GError    **error)
{
  *question_count = 0;
  for (guint i = 0; i < reports->len; i++)
    {
      RehearseImportReport *report = g_ptr_array_index (reports, i);

      if (report->error != NULL)
        {
          g_propagate_error (error, g_error_copy (report->error));
          return FALSE;
        }
      *question_count += report->question_count;
    }

  return TRUE;
}

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
  *ms = elapsed_ms (start);

  return reports_check (reports, question_count, error);
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

/* ---- Import: the unavoidable work -------------------------------------- */

typedef struct
{
  sqlite3_stmt *deck;
  sqlite3_stmt *source;
  sqlite3_stmt *topic;
  sqlite3_stmt *question;
} BareStatements;

static void
bare_statements_clear (BareStatements *statements)
{
  g_clear_pointer (&statements->deck, sqlite3_finalize);
  g_clear_pointer (&statements->source, sqlite3_finalize);
  g_clear_pointer (&statements->topic, sqlite3_finalize);
  g_clear_pointer (&statements->question, sqlite3_finalize);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (BareStatements, bare_statements_clear)

/* The library's own columns, so the FTS5 triggers fire as in an import. */
static gboolean
bare_prepare (sqlite3         *db,
              BareStatements  *statements,
              GError         **error)
{
  statements->deck = sqlite_prepare (db, "INSERT INTO decks (deck_key, title, content_hash,"
                                         " imported_at) VALUES (?1, ?2, ?3, ?4)", error);
  statements->source = sqlite_prepare (db, "INSERT INTO sources (deck_id, position, path,"
                                           " content_hash, size) VALUES (?1, ?2, ?3, ?4, ?5)",
                                       error);
  statements->topic = sqlite_prepare (db, "INSERT INTO topics (deck_id, position, title, icon)"
                                          " VALUES (?1, ?2, ?3, ?4)", error);
  statements->question = sqlite_prepare (db, "INSERT INTO questions (question_key, deck_id,"
                                             " topic_id, position, number, text, answer,"
                                             " in_depth) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                                         error);

  return statements->deck != NULL && statements->source != NULL && statements->topic != NULL
         && statements->question != NULL;
}

static gboolean
bare_insert_deck (sqlite3             *db,
                  BareStatements      *statements,
                  RehearseParsedDeck  *deck,
                  gint64              *deck_id,
                  GError             **error)
{
  sqlite3_stmt *insert = statements->deck;

  bind_text (insert, 1, deck->deck_key);
  bind_text (insert, 2, deck->title);
  bind_text (insert, 3, "0000");
  sqlite3_bind_int64 (insert, 4, g_get_real_time () / G_USEC_PER_SEC);
  if (!sqlite_insert (db, insert, deck_id, error))
    return FALSE;

  insert = statements->source;
  for (guint i = 0; i < deck->sources->len; i++)
    {
      RehearseParsedSource *source = g_ptr_array_index (deck->sources, i);

      sqlite3_bind_int64 (insert, 1, *deck_id);
      sqlite3_bind_int (insert, 2, (int) i);
      bind_text (insert, 3, source->path);
      bind_text (insert, 4, source->content_hash);
      sqlite3_bind_int64 (insert, 5, (sqlite3_int64) source->size);
      if (!sqlite_insert (db, insert, NULL, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
bare_insert_topics (sqlite3             *db,
                    BareStatements      *statements,
                    RehearseParsedDeck  *deck,
                    gint64               deck_id,
                    GArray              *topic_ids,
                    GError             **error)
{
  for (guint i = 0; i < deck->topics->len; i++)
    {
      RehearseParsedTopic *topic = g_ptr_array_index (deck->topics, i);
      gint64 topic_id;

      sqlite3_bind_int64 (statements->topic, 1, deck_id);
      sqlite3_bind_int (statements->topic, 2, (int) i);
      bind_text (statements->topic, 3, topic->title);
      bind_text (statements->topic, 4, topic->icon);
      if (!sqlite_insert (db, statements->topic, &topic_id, error))
        return FALSE;
      g_array_append_val (topic_ids, topic_id);
    }

  return TRUE;
}

static gboolean
bare_insert_questions (sqlite3             *db,
                       BareStatements      *statements,
                       RehearseParsedDeck  *deck,
                       gint64               deck_id,
                       GArray              *topic_ids,
                       GError             **error)
{
  sqlite3_stmt *insert = statements->question;

  for (guint i = 0; i < deck->questions->len; i++)
    {
      RehearseParsedQuestion *question = g_ptr_array_index (deck->questions, i);

      bind_text (insert, 1, question->question_key);
      sqlite3_bind_int64 (insert, 2, deck_id);
      sqlite3_bind_int64 (insert, 3, g_array_index (topic_ids, gint64, question->topic_index));
      sqlite3_bind_int (insert, 4, (int) i);
      if (question->number >= 0)
        sqlite3_bind_int (insert, 5, question->number);
      bind_text (insert, 6, question->text);
      bind_text (insert, 7, question->answer);
      bind_text (insert, 8, question->in_depth);
      if (!sqlite_insert (db, insert, NULL, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
bare_insert (sqlite3             *db,
             RehearseParsedDeck  *deck,
             GError             **error)
{
  g_auto(BareStatements) statements = { NULL, };
  g_autoptr(GArray) topic_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 deck_id = 0;

  if (!bare_prepare (db, &statements, error) || !sqlite_exec (db, "BEGIN", error))
    return FALSE;

  if (bare_insert_deck (db, &statements, deck, &deck_id, error)
      && bare_insert_topics (db, &statements, deck, deck_id, topic_ids, error)
      && bare_insert_questions (db, &statements, deck, deck_id, topic_ids, error))
    return sqlite_exec (db, "COMMIT", error);

  sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
  return FALSE;
}

/* The floor under any import: the rows the parser extracted, inserted with
 * prepared statements in one transaction into the library's own schema,
 * with its triggers and FTS5 index, on a connection set up like its own. */
static gboolean
time_bare_insert (RehearseParsedDeck  *deck,
                  const char          *db_path,
                  double              *ms,
                  GError             **error)
{
  g_autoptr(RehearseLibrary) library = rehearse_library_open (db_path, error);
  g_autoptr(sqlite3) db = NULL;
  gint64 start;

  if (library == NULL)
    return FALSE;
  g_clear_object (&library);

  db = sqlite_open (db_path, error);
  if (db == NULL || !sqlite_exec (db, "PRAGMA journal_mode = WAL;"
                                      "PRAGMA synchronous = NORMAL;"
                                      "PRAGMA foreign_keys = ON;", error))
    return FALSE;

  start = g_get_monotonic_time ();
  if (!bare_insert (db, deck, error))
    return FALSE;
  *ms = elapsed_ms (start);

  return TRUE;
}

/* ---- Import: where the time goes --------------------------------------- */

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
  breakdown->read = samples_new ();
  breakdown->parse = samples_new ();
  breakdown->keys = samples_new ();
  breakdown->store = samples_new ();
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
      *read_ms += elapsed_ms (start);

      start = g_get_monotonic_time ();
      part = rehearse_parser_parse (text, length, "Synthetic Deck", error);
      if (part == NULL)
        return NULL;
      rehearse_parsed_deck_add_source (part, paths[i], hash, length);
      if (deck == NULL)
        deck = rehearse_parsed_deck_new (part->title);
      rehearse_parsed_deck_append (deck, part);
      *parse_ms += elapsed_ms (start);
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
  samples_add (breakdown->read, read_ms);
  samples_add (breakdown->parse, parse_ms);

  start = g_get_monotonic_time ();
  rehearse_parsed_deck_assign_keys (deck);
  samples_add (breakdown->keys, elapsed_ms (start));

  library = rehearse_library_open (db_path, error);
  if (library == NULL)
    return FALSE;
  start = g_get_monotonic_time ();
  if (!rehearse_library_import_deck (library, deck, &result, error))
    return FALSE;
  samples_add (breakdown->store, elapsed_ms (start));

  return TRUE;
}

static void
print_breakdown (Breakdown *breakdown,
                 double     total_ms)
{
  double parts[] = {
    samples_median (breakdown->read), samples_median (breakdown->parse),
    samples_median (breakdown->keys), samples_median (breakdown->store),
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

/* ---- Size -------------------------------------------------------------- */

/* Where the bytes are, when SQLite was built with the dbstat table. */
static void
print_table_sizes (const char *db_path,
                   guint64     db_bytes)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(sqlite3) db = sqlite_open (db_path, &error);
  g_autoptr(sqlite3_stmt) statement = NULL;

  if (db != NULL)
    statement = sqlite_prepare (db, "SELECT name, SUM(pgsize) FROM dbstat"
                                    " GROUP BY name ORDER BY 2 DESC", &error);
  if (statement == NULL)
    return;

  g_print ("  Where the bytes are (dbstat):\n");
  while (sqlite3_step (statement) == SQLITE_ROW)
    {
      guint64 bytes = (guint64) sqlite3_column_int64 (statement, 1);
      g_autofree char *formatted = format_bytes (bytes);

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
  g_autofree char *markdown = format_bytes (markdown_bytes);
  g_autofree char *library = NULL;
  guint64 db_bytes = 0;

  if (!checkpoint_size (db_path, &db_bytes, error))
    return FALSE;
  library = format_bytes (db_bytes);

  g_print ("\nSIZE\n");
  g_print ("  %-40s %12s\n", "Markdown", markdown);
  g_print ("  %-40s %12s\n", "library (after wal_checkpoint(TRUNCATE))", library);
  if (bare_path != NULL)
    {
      guint64 bare_bytes = 0;
      g_autofree char *bare = NULL;

      if (!checkpoint_size (bare_path, &bare_bytes, error))
        return FALSE;
      bare = format_bytes (bare_bytes);
      g_print ("  %-40s %12s\n", "same rows through bare SQLite", bare);
    }
  print_ratio ("library / Markdown", (double) db_bytes / (double) markdown_bytes,
               TARGET_SIZE_RATIO);
  print_table_sizes (db_path, db_bytes);

  return TRUE;
}

/* ---- Import command ---------------------------------------------------- */

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
    remove_library (*last);
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
      samples_add (runs->full, ms);
      keep_last (&runs->last_full, full_path);

      if (!time_bare_insert (deck, bare_path, &ms, error))
        return FALSE;
      samples_add (runs->bare, ms);
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

      remove_library (db_path);
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
  double full = samples_median (runs->full);
  double bare = samples_median (runs->bare);

  g_print ("  %-40s %9.0f questions/s, %.1f MiB/s\n", "import rate (median run)",
           runs->question_count / (full / 1000), markdown_bytes / 1048576.0 / (full / 1000));
  print_samples ("import (rehearse_importer_import)", runs->full);
  print_samples ("bare SQLite insert of the same rows", runs->bare);
  print_ratio ("import / bare insert (medians)", full / bare, TARGET_IMPORT_RATIO);
  /* Other load only ever adds time: the fastest runs are the least
   * disturbed, a check on a noisy machine. */
  g_print ("  %-40s %9.2f\n", "import / bare insert (fastest runs)",
           samples_min (runs->full) / samples_min (runs->bare));
}

static gboolean
bench_import_and_size (Bench     *bench,
                       gboolean   timings,
                       GError   **error)
{
  guint question_count = bench->questions > 0 ? bench->questions : DEFAULT_IMPORT_QUESTIONS;
  g_auto(ImportRuns) runs = { samples_new (), samples_new (), NULL, NULL, 0 };
  g_autoptr(RehearseParsedDeck) deck = NULL;
  g_auto(GStrv) paths = NULL;
  guint64 markdown_bytes = 0;
  g_autofree char *markdown = NULL;

  paths = bench_write_series (bench, "import", question_count, &markdown_bytes, error);
  if (paths == NULL)
    return FALSE;
  markdown = format_bytes (markdown_bytes);

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
      if (!run_breakdown (bench, paths, samples_median (runs.full), error))
        return FALSE;
    }

  return report_size (runs.last_full, runs.last_bare, markdown_bytes, error);
}

/* ---- Search ------------------------------------------------------------ */

/* What people type: the words every answer has, pairs, a word growing
 * letter by letter as search-as-you-type sees it, rare and absent words,
 * a sentence, and text that would be FTS5 syntax if it were not quoted. */
static const char * const search_queries[] = {
  "container", "docker", "image", "docker network", "container image",
  "d", "do", "doc", "dock", "docke", "conta",
  "network overlay vxlan", "limit container memory in kubernetes",
  "how does the image cache work when you build",
  "xylophone", "\"docker\" AND (image OR -net*",
};

typedef struct
{
  const char *query;
  GArray     *runs;
  guint       result_count;
  char       *error;
} QueryFigures;

static void
query_figures_free (QueryFigures *figures)
{
  g_array_unref (figures->runs);
  g_free (figures->error);
  g_free (figures);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (QueryFigures, query_figures_free)

/* One search as the sidebar does it: the query, then every row it shows. */
static double
time_search (RehearseLibrary  *library,
             QueryFigures     *figures)
{
  g_autoptr(GListModel) results = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();
  guint count;

  results = rehearse_library_search (library, figures->query, SEARCH_LIMIT, NULL, &error);
  if (results == NULL)
    {
      g_free (figures->error);
      figures->error = g_strdup (error->message);
      return elapsed_ms (start);
    }

  count = g_list_model_get_n_items (results);
  for (guint i = 0; i < count; i++)
    g_object_unref (g_list_model_get_item (results, i));

  figures->result_count = count;
  return elapsed_ms (start);
}

static QueryFigures *
run_query (RehearseLibrary *library,
           const char      *query,
           GArray          *all_runs)
{
  QueryFigures *figures = g_new0 (QueryFigures, 1);

  figures->query = query;
  figures->runs = samples_new ();

  /* The first run loads pages from disk; the others show steady state. */
  time_search (library, figures);
  for (guint i = 0; i < SEARCH_RUNS; i++)
    {
      double ms = time_search (library, figures);

      samples_add (figures->runs, ms);
      samples_add (all_runs, ms);
    }

  return figures;
}

static void
print_query (const QueryFigures *figures)
{
  g_autofree char *quoted = g_strdup_printf ("“%s”", figures->query);

  g_print ("  %-50s %3u results   median %7.2f ms   max %7.2f ms", quoted,
           figures->result_count, samples_median (figures->runs),
           samples_percentile (figures->runs, 1.0));
  if (figures->error != NULL)
    g_print ("   error: %s", figures->error);
  g_print ("\n");
}

static GPtrArray *
search_query_list (void)
{
  const char * const *rare = rehearse_deck_generator_rare_words ();
  GPtrArray *queries = g_ptr_array_new ();

  for (guint i = 0; i < G_N_ELEMENTS (search_queries); i++)
    g_ptr_array_add (queries, (gpointer) search_queries[i]);

  /* Rare words come from the generator, so they stay rare if it changes. */
  g_ptr_array_add (queries, (gpointer) rare[0]);
  g_ptr_array_add (queries, (gpointer) rare[7]);
  g_ptr_array_add (queries, (gpointer) rare[g_strv_length ((char **) rare) - 1]);

  return queries;
}

static gboolean
build_search_library (Bench            *bench,
                      guint             question_count,
                      RehearseLibrary **library,
                      GError          **error)
{
  g_autofree char *db_path = bench_new_path (bench, "search", "db");
  g_autofree char *markdown = NULL;
  g_autoptr(GPtrArray) reports = NULL;
  g_auto(GStrv) paths = NULL;
  guint64 markdown_bytes = 0;
  guint imported = 0;
  gint64 start;
  double seconds;

  paths = bench_write_series (bench, "search", question_count, &markdown_bytes, error);
  if (paths == NULL)
    return FALSE;

  *library = rehearse_library_open (db_path, error);
  if (*library == NULL)
    return FALSE;

  start = g_get_monotonic_time ();
  reports = rehearse_importer_import (*library, (const char * const *) paths, NULL);
  seconds = elapsed_ms (start) / 1000;
  if (!reports_check (reports, &imported, error))
    return FALSE;

  markdown = format_bytes (markdown_bytes);
  g_print ("\nSEARCH on a library of %u questions\n", imported);
  g_print ("  built from %u files (%s) in %.1f s: %.0f questions/s\n", g_strv_length (paths),
           markdown, seconds, imported / seconds);
  for (guint i = 0; paths[i] != NULL; i++)
    g_remove (paths[i]);

  return TRUE;
}

static gboolean
bench_search (Bench   *bench,
              GError **error)
{
  guint question_count = bench->questions > 0 ? bench->questions : DEFAULT_SEARCH_QUESTIONS;
  g_autoptr(RehearseLibrary) library = NULL;
  g_autoptr(GPtrArray) queries = search_query_list ();
  g_autoptr(GArray) all_runs = samples_new ();

  if (!build_search_library (bench, question_count, &library, error))
    return FALSE;

  g_print ("  %u queries, limit %u, each run %u times after one warm-up"
           " (time includes fetching every result):\n", queries->len, SEARCH_LIMIT, SEARCH_RUNS);
  for (guint i = 0; i < queries->len; i++)
    {
      g_autoptr(QueryFigures) figures = run_query (library, g_ptr_array_index (queries, i),
                                                   all_runs);

      print_query (figures);
    }

  g_print ("  %-40s p50 %7.2f ms   p95 %7.2f ms   max %7.2f ms   (%u runs)\n", "all runs",
           samples_median (all_runs), samples_percentile (all_runs, 0.95),
           samples_percentile (all_runs, 1.0), all_runs->len);
  g_print ("  %-40s %9.2f ms       target ≤ %.0f ms: ", "p95 over all runs",
           samples_percentile (all_runs, 0.95), TARGET_SEARCH_P95_MS);
  print_verdict (samples_percentile (all_runs, 0.95), TARGET_SEARCH_P95_MS);

  return TRUE;
}

/* ---- Bad input: writers ------------------------------------------------ */

/* Each writes about @size bytes of one kind of bad input. */
typedef void (*BadInputWriter) (GString *out,
                                gsize    size,
                                GRand   *rand);

static void
write_random_bytes (GString *out,
                    gsize    size,
                    GRand   *rand)
{
  while (out->len < size)
    {
      guint32 word = g_rand_int (rand);

      g_string_append_len (out, (const char *) &word, sizeof word);
    }
}

/* Generated decks are about 1.2 KB a question. */
static void
write_valid_deck (GString *out,
                  gsize    size,
                  GRand   *rand)
{
  g_autofree char *markdown = rehearse_deck_generator_markdown (1, (guint) (size / 1190) + 1, 7);

  g_string_append (out, markdown);
}

/* A damaged deck: every few hundred bytes one is replaced by @byte. */
static void
sprinkle (GString *out,
          GRand   *rand,
          guchar   byte)
{
  for (gsize i = (gsize) g_rand_int_range (rand, 1, 500); i < out->len;
       i += (gsize) g_rand_int_range (rand, 100, 900))
    out->str[i] = (char) byte;
}

static void
write_invalid_utf8 (GString *out,
                    gsize    size,
                    GRand   *rand)
{
  write_valid_deck (out, size, rand);
  sprinkle (out, rand, 0xff);
  sprinkle (out, rand, 0xc0);
}

static void
write_nul_bytes (GString *out,
                 gsize    size,
                 GRand   *rand)
{
  write_valid_deck (out, size, rand);
  sprinkle (out, rand, '\0');
}

/* Words and inline Markdown without a single line break. */
static void
write_one_paragraph (GString *out,
                     gsize    size,
                     GRand   *rand)
{
  write_valid_deck (out, size, rand);
  for (gsize i = 0; i < out->len; i++)
    if (strchr ("\n#|", out->str[i]) != NULL)
      out->str[i] = ' ';
  g_string_prepend (out, "Notes ");
}

static void
append_question (GString *out,
                 guint    number)
{
  g_string_append_printf (out, "### %u. What is question %u?\n\nAn answer.\n\n", number, number);
}

static void
write_nested_quotes (GString *out,
                     gsize    size,
                     GRand   *rand)
{
  for (guint number = 1; out->len < size; number++)
    {
      for (guint depth = 0; depth < 10000; depth++)
        g_string_append (out, "> ");
      append_question (out, number);
    }
}

/* One line of quote markers as long as the file, then a question. */
static void
write_deep_quote (GString *out,
                  gsize    size,
                  GRand   *rand)
{
  while (out->len < size)
    g_string_append (out, "> ");
  g_string_append (out, "\n\n");
  append_question (out, 1);
}

/* An outline 500 levels deep, a question after each. */
static void
write_nested_lists (GString *out,
                    gsize    size,
                    GRand   *rand)
{
  for (guint number = 1; out->len < size; number++)
    {
      for (guint depth = 0; depth < 500; depth++)
        g_string_append_printf (out, "%*s- item %u\n", (int) depth * 2, "", depth);
      g_string_append_c (out, '\n');
      append_question (out, number);
    }
}

/* The inline parser's worst cases: openers that never close. */
static void
write_unclosed_inlines (GString *out,
                        gsize    size,
                        GRand   *rand)
{
  static const char * const openers[] = { "[", "*", "**", "_", "`", "![", "<", "~~", "[a](" };

  append_question (out, 1);
  while (out->len < size)
    {
      g_string_append (out, openers[g_rand_int_range (rand, 0, G_N_ELEMENTS (openers))]);
      g_string_append (out, "a ");
    }
  g_string_append_c (out, '\n');
}

static void
write_wide_table (GString *out,
                  gsize    size,
                  GRand   *rand)
{
  append_question (out, 1);
  for (guint row = 0; out->len < size; row++)
    {
      for (guint column = 0; column < 1000; column++)
        g_string_append (out, row == 1 ? "|---" : "| a ");
      g_string_append (out, "|\n");
    }
}

typedef struct
{
  const char     *name;
  BadInputWriter  write;
} BadInputKind;

static const BadInputKind bad_input_kinds[] = {
  { "random binary bytes", write_random_bytes },
  { "a deck with 0xFF and 0xC0 sprinkled in", write_invalid_utf8 },
  { "a deck with NUL bytes sprinkled in", write_nul_bytes },
  { "one paragraph, no line break, no question", write_one_paragraph },
  { "10,000 nested block quotes + a question, repeated", write_nested_quotes },
  { "block quotes nested as deep as the file", write_deep_quote },
  { "lists nested 500 deep + a question, repeated", write_nested_lists },
  { "unclosed [ * ` ~~ <, one paragraph", write_unclosed_inlines },
  { "a table 1,000 columns wide", write_wide_table },
  { "a valid generated deck", write_valid_deck },
};

/* ---- Bad input: running one case --------------------------------------- */

typedef struct
{
  double  ms;
  glong   peak_kib;    /* the process's peak resident size; 0 when unknown */
  char   *outcome;
} CaseResult;

static void
case_result_clear (CaseResult *result)
{
  g_clear_pointer (&result->outcome, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CaseResult, case_result_clear)

static char *
describe_reports (GPtrArray  *reports,
                  const char *file)
{
  g_autofree char *name = g_path_get_basename (file);
  g_autofree char *path_prefix = g_strconcat (file, ": ", NULL);
  g_autofree char *name_prefix = g_strconcat (name, ": ", NULL);
  RehearseImportReport *report;
  GString *outcome;

  if (reports->len == 0)
    return g_strdup ("no report");

  /* The message names the file (by path or by name); the table already
   * says which it is. */
  report = g_ptr_array_index (reports, 0);
  if (report->error != NULL)
    {
      const char *message = report->error->message;

      if (g_str_has_prefix (message, path_prefix))
        message += strlen (path_prefix);
      else if (g_str_has_prefix (message, name_prefix))
        message += strlen (name_prefix);
      return g_strdup_printf ("refused: %s", message);
    }

  outcome = g_string_new (NULL);
  g_string_append_printf (outcome, "imported %u question%s", report->question_count,
                          report->question_count == 1 ? "" : "s");
  if (report->repair.invalid_replaced > 0)
    g_string_append_printf (outcome, ", %u invalid sequences replaced",
                            report->repair.invalid_replaced);
  if (report->repair.controls_removed > 0)
    g_string_append_printf (outcome, ", %u control characters removed",
                            report->repair.controls_removed);

  return g_string_free (outcome, FALSE);
}

/* This process's peak resident size. Not getrusage(): its maximum
 * survives exec, so a child would report its parent's size. */
static glong
peak_memory_kib (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return 0;

  line = strstr (status, "\nVmHWM:");
  return line != NULL ? strtol (line + strlen ("\nVmHWM:"), NULL, 10) : 0;
}

static gboolean
import_case (const char  *file,
             const char  *db_path,
             CaseResult  *result,
             GError     **error)
{
  const char *paths[] = { file, NULL };
  g_autoptr(RehearseLibrary) library = rehearse_library_open (db_path, error);
  g_autoptr(GPtrArray) reports = NULL;
  gint64 start;

  if (library == NULL)
    return FALSE;

  start = g_get_monotonic_time ();
  reports = rehearse_importer_import (library, paths, NULL);
  result->ms = elapsed_ms (start);
  result->outcome = describe_reports (reports, file);
  result->peak_kib = peak_memory_kib ();

  return TRUE;
}

/* `bench bad-input-case FILE LIBRARY SECONDS`: one import in a process of
 * its own, so a crash, a runaway allocation or an endless loop is reported
 * instead of ending the benchmark. */
static gboolean
bench_bad_input_case (char    **args,
                      GError  **error)
{
  g_auto(CaseResult) result = { 0, };
  struct rlimit memory = { BAD_INPUT_MEMORY_LIMIT, BAD_INPUT_MEMORY_LIMIT };

  if (g_strv_length (args) != 3)
    {
      g_set_error_literal (error, REHEARSE_ERROR, REHEARSE_ERROR_INVALID_ARGUMENT,
                           "usage: rehearse-cli bench bad-input-case FILE LIBRARY SECONDS");
      return FALSE;
    }

  setrlimit (RLIMIT_AS, &memory);
  alarm ((guint) g_ascii_strtoull (args[2], NULL, 10));
  if (!import_case (args[0], args[1], &result, error))
    return FALSE;

  g_print ("%.3f\t%ld\t%s\n", result.ms, result.peak_kib, result.outcome);
  return TRUE;
}

static void
parse_child_output (const char *output,
                    CaseResult *result)
{
  g_auto(GStrv) fields = g_strsplit (output, "\t", 3);

  if (g_strv_length (fields) < 3)
    {
      result->outcome = g_strdup_printf ("unreadable result “%s”", output);
      return;
    }

  result->ms = g_ascii_strtod (fields[0], NULL);
  result->peak_kib = (glong) g_ascii_strtoll (fields[1], NULL, 10);
  result->outcome = g_strdup (g_strstrip (fields[2]));
}

static void
describe_child_failure (GSubprocess *child,
                        char        *errors,
                        guint        limit_seconds,
                        CaseResult  *result)
{
  /* What the child said last (an abort's reason, a warning) says why. */
  const char *said = errors != NULL ? g_strstrip (errors) : "";
  const char *last_line = strrchr (said, '\n') != NULL ? strrchr (said, '\n') + 1 : said;
  int signal_number = g_subprocess_get_if_signaled (child) ? g_subprocess_get_term_sig (child) : 0;

  if (signal_number == SIGALRM)
    result->outcome = g_strdup_printf ("GAVE UP after %u s", limit_seconds);
  else if (signal_number != 0)
    result->outcome = g_strdup_printf ("CRASHED: %s%s%s", g_strsignal (signal_number),
                                       *last_line != '\0' ? ": " : "", last_line);
  else
    result->outcome = g_strdup_printf ("FAILED: %s", last_line);
}

static gboolean
run_case (Bench       *bench,
          const char  *file,
          guint        limit_seconds,
          CaseResult  *result,
          GError     **error)
{
  g_autofree char *db_path = bench_new_path (bench, "bad-input", "db");
  g_autofree char *seconds = g_strdup_printf ("%u", limit_seconds);
  g_autoptr(GSubprocess) child = NULL;
  g_autofree char *output = NULL;
  g_autofree char *errors = NULL;
  gint64 start = g_get_monotonic_time ();
  gboolean ok;

  /* Without a way to run ourselves, run in this process: no limits. */
  if (bench->self_path == NULL)
    {
      ok = import_case (file, db_path, result, error);
      remove_library (db_path);
      return ok;
    }

  child = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE, error,
                            bench->self_path, "bench", "bad-input-case", file, db_path, seconds,
                            NULL);
  ok = child != NULL && g_subprocess_communicate_utf8 (child, NULL, NULL, &output, &errors, error);
  remove_library (db_path);
  if (!ok)
    return FALSE;

  if (g_subprocess_get_successful (child))
    parse_child_output (output, result);
  else
    {
      result->ms = elapsed_ms (start);
      describe_child_failure (child, errors, limit_seconds, result);
    }

  return TRUE;
}

/* ---- Bad input: the command -------------------------------------------- */

static char *
write_bad_input (Bench               *bench,
                 const BadInputKind  *kind,
                 gsize                size,
                 GError             **error)
{
  g_autoptr(GString) contents = g_string_sized_new (size + 65536);
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  g_autofree char *path = bench_new_path (bench, "bad-input", "md");

  kind->write (contents, size, rand);
  if (!write_file (path, contents->str, contents->len, error))
    return NULL;

  return g_steal_pointer (&path);
}

static void
print_case (const char       *size_label,
            double            ms,
            const CaseResult *result)
{
  g_autofree char *peak = format_bytes ((guint64) result->peak_kib * 1024);

  g_print ("    %-6s %10.1f ms   peak %10s   %s\n", size_label, ms,
           result->peak_kib > 0 ? peak : "?", result->outcome);
}

/* Times one kind at @size, @runs times; the median, and the last outcome. */
static gboolean
time_bad_input (Bench               *bench,
                const BadInputKind  *kind,
                gsize                size,
                guint                runs,
                guint                limit_seconds,
                double              *median_ms,
                CaseResult          *result,
                GError             **error)
{
  g_autofree char *path = write_bad_input (bench, kind, size, error);
  g_autoptr(GArray) samples = samples_new ();

  if (path == NULL)
    return FALSE;

  for (guint i = 0; i < runs; i++)
    {
      case_result_clear (result);
      if (!run_case (bench, path, limit_seconds, result, error))
        break;
      samples_add (samples, result->ms);
    }
  g_remove (path);

  if (samples->len < runs)
    return FALSE;
  *median_ms = samples_median (samples);
  return TRUE;
}

/* Linear is 10; n log n (B-trees, FTS5 segment merges) and a bigger heap
 * make it 12 to 17; quadratic would be 100. */
static void
print_linearity (double   small_ms,
                 double   large_ms,
                 gboolean gave_up)
{
  double ratio = large_ms / small_ms;
  const char *verdict;

  if (gave_up)
    {
      g_print ("    ratio large/small > %.0f: SUPERLINEAR (gave up)\n", ratio);
      return;
    }

  if (ratio > 2.5 * TARGET_LINEAR_RATIO)
    verdict = "SUPERLINEAR";
  else if (ratio > 1.3 * TARGET_LINEAR_RATIO)
    verdict = "near-linear (n log n, memory)";
  else if (ratio < TARGET_LINEAR_RATIO / 2)
    verdict = "linear (fixed costs dominate)";
  else
    verdict = "linear";

  g_print ("    ratio large/small %.1f (linear ≈ %.0f): %s\n", ratio, TARGET_LINEAR_RATIO,
           verdict);
}

static gboolean
bench_one_bad_input (Bench               *bench,
                     const BadInputKind  *kind,
                     GError             **error)
{
  gsize small = (gsize) bench->megabytes * 1024 * 1024;
  g_auto(CaseResult) small_result = { 0, };
  g_auto(CaseResult) large_result = { 0, };
  g_autofree char *small_label = g_strdup_printf ("%u MiB", bench->megabytes);
  g_autofree char *large_label = g_strdup_printf ("%u MiB", bench->megabytes * 10);
  double small_ms = 0, large_ms = 0;
  guint limit;

  g_print ("  %s\n", kind->name);
  if (!time_bad_input (bench, kind, small, BAD_INPUT_SMALL_RUNS, 600, &small_ms, &small_result,
                       error))
    return FALSE;
  print_case (small_label, small_ms, &small_result);

  /* Long enough for anything linear; superlinear is clear by then. Only
   * the slowest cases run once: a single run is easily disturbed. */
  limit = (guint) CLAMP (small_ms * 30 / 1000, 60, 900);
  if (!time_bad_input (bench, kind, small * 10,
                       small_ms < BAD_INPUT_REPEAT_BELOW_MS ? BAD_INPUT_SMALL_RUNS : 1, limit,
                       &large_ms, &large_result, error))
    return FALSE;
  print_case (large_label, large_ms, &large_result);

  print_linearity (small_ms, large_ms, g_str_has_prefix (large_result.outcome, "GAVE UP"));
  return TRUE;
}

static gboolean
bench_bad_input (Bench   *bench,
                 GError **error)
{
  g_print ("\nBAD INPUT: import time at %u MiB and %u MiB (median of %u runs; of 1 run at"
           " %u MiB when %u MiB took over %u s), each into a fresh library in a process of"
           " its own (limits: %u GiB of address space, 30 times the small case's time)\n",
           bench->megabytes, bench->megabytes * 10, BAD_INPUT_SMALL_RUNS, bench->megabytes * 10,
           bench->megabytes, BAD_INPUT_REPEAT_BELOW_MS / 1000,
           (guint) (BAD_INPUT_MEMORY_LIMIT >> 30));

  for (guint i = 0; i < G_N_ELEMENTS (bad_input_kinds); i++)
    if (!bench_one_bad_input (bench, &bad_input_kinds[i], error))
      return FALSE;

  return TRUE;
}

/* ---- Dispatch ---------------------------------------------------------- */

static gboolean
bench_run_import (Bench   *bench,
                  GError **error)
{
  return bench_import_and_size (bench, TRUE, error);
}

static gboolean
bench_run_size (Bench   *bench,
                GError **error)
{
  return bench_import_and_size (bench, FALSE, error);
}

/* Every benchmark runs even when one fails; the first error is returned. */
static gboolean
bench_run_all (Bench   *bench,
               GError **error)
{
  gboolean (*benchmarks[]) (Bench *, GError **) = { bench_run_import, bench_search,
                                                     bench_bad_input };
  guint questions = bench->questions;
  GError *first_error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (benchmarks); i++)
    {
      g_autoptr(GError) local_error = NULL;

      /* --questions sizes the import; search gets ten times as many. */
      bench->questions = questions;
      if (questions > 0 && benchmarks[i] == bench_search)
        bench->questions = questions * 10;
      if (benchmarks[i] (bench, &local_error))
        continue;

      g_printerr ("rehearse-cli: bench: %s\n", local_error->message);
      if (first_error == NULL)
        first_error = g_steal_pointer (&local_error);
    }

  if (first_error == NULL)
    return TRUE;
  g_propagate_error (error, first_error);
  return FALSE;
}

typedef struct
{
  const char *name;
  gboolean  (*run) (Bench   *bench,
                    GError **error);
} BenchCommand;

static const BenchCommand bench_commands[] = {
  { "import", bench_run_import },
  { "size", bench_run_size },
  { "search", bench_search },
  { "bad-input", bench_bad_input },
  { "all", bench_run_all },
};

static const BenchCommand *
find_bench_command (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (bench_commands); i++)
    if (strcmp (bench_commands[i].name, name) == 0)
      return &bench_commands[i];

  return NULL;
}

static void
bench_clear (Bench *bench)
{
  g_clear_pointer (&bench->dir, g_free);
  g_clear_pointer (&bench->self_path, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Bench, bench_clear)

static gboolean
parse_options (Bench    *bench,
               char   ***args,
               GError  **error)
{
  int questions = 0;
  int megabytes = 1;
  GOptionEntry entries[] = {
    { "questions", 'q', 0, G_OPTION_ARG_INT, &questions,
      "Questions to generate (import, size: 10000; search: 100000; all: import N, search 10 N)",
      "N" },
    { "megabytes", 'm', 0, G_OPTION_ARG_INT, &megabytes,
      "Size of the small bad inputs; the large ones are ten times it (1)", "N" },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("[import|size|search|bad-input|all]");

  g_option_context_set_summary (context, "Runs the benchmarks on generated decks in a temporary"
                                         " folder and prints each figure beside its target.\n"
                                         "The exit status reports errors, never missed targets.");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse_strv (context, args, error))
    return FALSE;

  if (questions < 0 || megabytes <= 0
      || (gsize) megabytes * 10 * 1024 * 1024 >= REHEARSE_IMPORT_MAX_FILE_SIZE)
    {
      g_set_error (error, REHEARSE_ERROR, REHEARSE_ERROR_INVALID_ARGUMENT,
                   "--questions must be positive; --megabytes at least 1 and under %d (the"
                   " large inputs, ten times it, must stay under the import limit)",
                   REHEARSE_IMPORT_MAX_FILE_SIZE / (10 * 1024 * 1024) + 1);
      return FALSE;
    }

  bench->questions = (guint) questions;
  bench->megabytes = (guint) megabytes;
  return TRUE;
}

static GStrv
bench_arguments (int    argc,
                 char **argv)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_strv_builder_add (builder, "rehearse-cli bench");
  for (int i = 0; i < argc; i++)
    g_strv_builder_add (builder, argv[i]);

  return g_strv_builder_end (builder);
}

static void
print_header (Bench *bench)
{
#ifdef __OPTIMIZE__
  const char *build = "optimized build";
#else
  const char *build = "UNOPTIMIZED build: figures are pessimistic";
#endif

  g_print ("Rehearse %s benchmarks (%s, SQLite %s, %u CPUs)\n", PACKAGE_VERSION, build,
           sqlite3_libversion (), g_get_num_processors ());
  g_print ("Working in %s (removed at the end)\n", bench->dir);
}

static gboolean
run_bench_command (Bench              *bench,
                   const BenchCommand *command,
                   GError            **error)
{
  g_autoptr(GError) cleanup_error = NULL;
  gboolean ok;

  bench->dir = g_dir_make_tmp ("rehearse-bench-XXXXXX", error);
  if (bench->dir == NULL)
    return FALSE;
  bench->self_path = g_file_read_link ("/proc/self/exe", NULL);

  print_header (bench);
  ok = command->run (bench, error);

  if (!remove_tree (bench->dir, &cleanup_error))
    g_printerr ("rehearse-cli: bench: %s\n", cleanup_error->message);

  return ok;
}

int
rehearse_cli_bench (RehearseCli  *cli,
                    int           argc,
                    char        **argv,
                    GError      **error)
{
  g_auto(Bench) bench = { 0, };
  g_auto(GStrv) args = bench_arguments (argc, argv);
  const BenchCommand *command;
  const char *name;

  if (!parse_options (&bench, &args, error))
    return FALSE;

  name = args[1] != NULL ? args[1] : "all";
  if (strcmp (name, "bad-input-case") == 0)
    return bench_bad_input_case (args + 2, error);

  command = find_bench_command (name);
  if (command == NULL || (args[1] != NULL && args[2] != NULL))
    {
      g_set_error (error, REHEARSE_ERROR, REHEARSE_ERROR_INVALID_ARGUMENT,
                   "usage: rehearse-cli bench [--questions N] [--megabytes N]"
                   " [import|size|search|bad-input|all]");
      return FALSE;
    }

  return run_bench_command (&bench, command, error);
}
