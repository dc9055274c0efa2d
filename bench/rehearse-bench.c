/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "deck-generator.h"
#include "rehearse-bench.h"
#include "rehearse-error.h"
#include "rehearse-importer.h"

/* rehearse-bench: the figures behind the performance targets, on generated
 * decks in a temporary folder. Built with the project, never installed;
 * `meson test --benchmark -C build` runs it. Every figure is printed with
 * its target and whether it is met; the exit status never depends on
 * timing (a loaded machine must not fail a build), only on errors. */

#define QUESTIONS_PER_FILE 10000   /* ~12 MB: well under the import limit */

/* ---- Files --------------------------------------------------------------- */

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

char *
bench_new_path (Bench      *bench,
                const char *stem,
                const char *extension)
{
  g_autofree char *name = g_strdup_printf ("%s-%u.%s", stem, bench->next_file++, extension);

  return g_build_filename (bench->dir, name, NULL);
}

guint64
bench_file_size (const char *path)
{
  GStatBuf info;

  return g_stat (path, &info) == 0 ? (guint64) info.st_size : 0;
}

/* Files of at most QUESTIONS_PER_FILE questions each. */
char **
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
      g_autofree char *markdown = deck_generator_markdown (first + 1, count, first + 1);
      g_autofree char *path = bench_new_path (bench, stem, "md");
      gsize length = strlen (markdown);

      if (!g_file_set_contents (path, markdown, (gssize) length, error))
        return NULL;
      *markdown_bytes += length;
      g_strv_builder_add (paths, path);
    }

  return g_strv_builder_end (paths);
}

gboolean
bench_reports_check (GPtrArray  *reports,
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

/* ---- Dispatch ------------------------------------------------------------ */

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
                                                     bench_bad_input, bench_pathological,
                                                     bench_due };
  guint questions = bench->questions;
  GError *first_error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (benchmarks); i++)
    {
      g_autoptr(GError) local_error = NULL;

      /* --questions sizes the import; search and due get ten times as many. */
      bench->questions = questions;
      if (questions > 0 && (benchmarks[i] == bench_search || benchmarks[i] == bench_due))
        bench->questions = questions * 10;
      if (benchmarks[i] (bench, &local_error))
        continue;

      g_printerr ("rehearse-bench: %s\n", local_error->message);
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
  { "pathological", bench_pathological },
  { "due", bench_due },
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
  g_clear_pointer (&bench->cache_dir, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Bench, bench_clear)

static gboolean
parse_options (Bench    *bench,
               char   ***args,
               GError  **error)
{
  int questions = 0;
  int megabytes = 1;
  g_autofree char *cache_dir = NULL;
  GOptionEntry entries[] = {
    { "questions", 'q', 0, G_OPTION_ARG_INT, &questions,
      "Questions to generate (import, size: 10000; search, due: 100000;"
      " all: import N, search and due 10 N)",
      "N" },
    { "megabytes", 'm', 0, G_OPTION_ARG_INT, &megabytes,
      "Size of the small bad inputs; the large ones are ten times it (1)", "N" },
    { "cache-dir", 0, 0, G_OPTION_ARG_FILENAME, &cache_dir,
      "Keep the libraries that take long to build here and reuse them (due)", "DIR" },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = NULL;

  context = g_option_context_new ("[import|size|search|bad-input|pathological|due|all]");
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
  bench->cache_dir = g_steal_pointer (&cache_dir);
  return TRUE;
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
    g_printerr ("rehearse-bench: %s\n", cleanup_error->message);

  return ok;
}

static gboolean
run (char    ***args,
     GError   **error)
{
  g_auto(Bench) bench = { 0, };
  const BenchCommand *command;
  const char *name;

  if (!parse_options (&bench, args, error))
    return FALSE;

  name = (*args)[1] != NULL ? (*args)[1] : "all";
  if (strcmp (name, "bad-input-case") == 0)
    return bench_bad_input_case (*args + 2, error);

  command = find_bench_command (name);
  if (command == NULL || ((*args)[1] != NULL && (*args)[2] != NULL))
    {
      g_set_error (error, REHEARSE_ERROR, REHEARSE_ERROR_INVALID_ARGUMENT,
                   "usage: rehearse-bench [--questions N] [--megabytes N]"
                   " [import|size|search|bad-input|pathological|due|all]");
      return FALSE;
    }

  return run_bench_command (&bench, command, error);
}

int
main (int    argc,
      char **argv)
{
  g_auto(GStrv) args = g_strdupv (argv);
  g_autoptr(GError) error = NULL;

  setlocale (LC_ALL, "");

  if (!run (&args, &error))
    {
      g_printerr ("rehearse-bench: %s\n", error->message);
      if (error->domain == G_OPTION_ERROR
          || g_error_matches (error, REHEARSE_ERROR, REHEARSE_ERROR_INVALID_ARGUMENT))
        return 2;
      return 1;
    }

  return 0;
}
