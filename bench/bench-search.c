/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib/gstdio.h>

#include "rehearse-bench.h"
#include "deck-generator.h"
#include "rehearse-importer.h"

/* `rehearse-bench search`: searches as the sidebar runs them, on a library
 * of generated questions, each query run several times. */

#define DEFAULT_SEARCH_QUESTIONS 100000
#define SEARCH_RUNS              10
#define SEARCH_LIMIT             50

#define TARGET_SEARCH_P95_MS     30.0

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
      return bench_elapsed_ms (start);
    }

  count = g_list_model_get_n_items (results);
  for (guint i = 0; i < count; i++)
    g_object_unref (g_list_model_get_item (results, i));

  figures->result_count = count;
  return bench_elapsed_ms (start);
}

static QueryFigures *
run_query (RehearseLibrary *library,
           const char      *query,
           GArray          *all_runs)
{
  QueryFigures *figures = g_new0 (QueryFigures, 1);

  figures->query = query;
  figures->runs = bench_samples_new ();

  /* The first run loads pages from disk; the others show steady state. */
  time_search (library, figures);
  for (guint i = 0; i < SEARCH_RUNS; i++)
    {
      double ms = time_search (library, figures);

      bench_samples_add (figures->runs, ms);
      bench_samples_add (all_runs, ms);
    }

  return figures;
}

static void
print_query (const QueryFigures *figures)
{
  g_autofree char *quoted = g_strdup_printf ("“%s”", figures->query);

  g_print ("  %-50s %3u results   median %7.2f ms   max %7.2f ms", quoted,
           figures->result_count, bench_samples_median (figures->runs),
           bench_samples_percentile (figures->runs, 1.0));
  if (figures->error != NULL)
    g_print ("   error: %s", figures->error);
  g_print ("\n");
}

static GPtrArray *
search_query_list (void)
{
  const char * const *rare = deck_generator_rare_words ();
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
  seconds = bench_elapsed_ms (start) / 1000;
  if (!bench_reports_check (reports, &imported, error))
    return FALSE;

  markdown = bench_format_bytes (markdown_bytes);
  g_print ("\nSEARCH on a library of %u questions\n", imported);
  g_print ("  built from %u files (%s) in %.1f s: %.0f questions/s\n", g_strv_length (paths),
           markdown, seconds, imported / seconds);
  for (guint i = 0; paths[i] != NULL; i++)
    g_remove (paths[i]);

  return TRUE;
}

gboolean
bench_search (Bench   *bench,
              GError **error)
{
  guint question_count = bench->questions > 0 ? bench->questions : DEFAULT_SEARCH_QUESTIONS;
  g_autoptr(RehearseLibrary) library = NULL;
  g_autoptr(GPtrArray) queries = search_query_list ();
  g_autoptr(GArray) all_runs = bench_samples_new ();

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
           bench_samples_median (all_runs), bench_samples_percentile (all_runs, 0.95),
           bench_samples_percentile (all_runs, 1.0), all_runs->len);
  g_print ("  %-40s %9.2f ms       target ≤ %.0f ms: ", "p95 over all runs",
           bench_samples_percentile (all_runs, 0.95), TARGET_SEARCH_P95_MS);
  bench_print_verdict (bench_samples_percentile (all_runs, 0.95), TARGET_SEARCH_P95_MS);

  return TRUE;
}
