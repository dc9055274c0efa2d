/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib/gstdio.h>

#include "hostile-markdown.h"
#include "rehearse-bench.h"

/* `rehearse-bench pathological`: every hostile answer of
 * tests/hostile-markdown.c (cmark's pathological cases at upstream's
 * sizes, and the shapes found against Rehearse), each imported into a
 * fresh library in a process of its own, three times: the median time and
 * the peak memory against the targets of an import. */

#define PATHOLOGICAL_RUNS           3
#define PATHOLOGICAL_LIMIT_SECONDS  60
#define TARGET_MS                   2000.0

static gboolean
bench_one_case (Bench                     *bench,
                const HostileMarkdownCase *hostile_case,
                double                    *median_ms,
                glong                     *peak_kib,
                GError                   **error)
{
  g_autofree char *path = bench_new_path (bench, "pathological", "md");
  g_autoptr(GArray) samples = bench_samples_new ();
  g_auto(BenchCaseResult) result = { 0, };
  g_autofree char *deck = NULL;
  g_autofree char *size = NULL;
  g_autofree char *peak = NULL;
  gsize length;

  deck = hostile_markdown_deck (hostile_case, &length);
  if (!g_file_set_contents (path, deck, (gssize) length, error))
    return FALSE;

  for (guint run = 0; run < PATHOLOGICAL_RUNS; run++)
    {
      bench_case_result_clear (&result);
      if (!bench_run_import_case (bench, path, PATHOLOGICAL_LIMIT_SECONDS, &result, error))
        break;
      bench_samples_add (samples, result.ms);
    }
  g_remove (path);
  if (samples->len < PATHOLOGICAL_RUNS)
    return FALSE;

  *median_ms = bench_samples_median (samples);
  *peak_kib = result.peak_kib;
  size = bench_format_bytes (length);
  peak = bench_format_bytes ((guint64) MAX (result.peak_kib, 0) * 1024);
  g_print ("  %-40s %9s %9.0f ms  peak %9s  %s: ", hostile_case->name, size, *median_ms,
           result.peak_kib > 0 ? peak : "?", result.outcome);
  bench_print_verdict (*median_ms, TARGET_MS);
  return TRUE;
}

gboolean
bench_pathological (Bench   *bench,
                    GError **error)
{
  const HostileMarkdownCase *cases = NULL;
  double slowest_ms = 0;
  glong largest_peak_kib = 0;
  const char *slowest = NULL;
  const char *largest = NULL;
  g_autofree char *largest_peak = NULL;
  guint n_cases;

  cases = hostile_markdown_cases (&n_cases);
  g_print ("\nPATHOLOGICAL: cmark's pathological cases at upstream's sizes and other hostile"
           " answers, each one question's answer, imported into a fresh library in a process"
           " of its own (median of %u runs; target ≤ %.0f ms each)\n",
           PATHOLOGICAL_RUNS, TARGET_MS);

  for (guint i = 0; i < n_cases; i++)
    {
      double ms;
      glong peak_kib;

      if (!bench_one_case (bench, &cases[i], &ms, &peak_kib, error))
        return FALSE;
      if (ms > slowest_ms)
        {
          slowest_ms = ms;
          slowest = cases[i].name;
        }
      if (peak_kib > largest_peak_kib)
        {
          largest_peak_kib = peak_kib;
          largest = cases[i].name;
        }
    }

  largest_peak = bench_format_bytes ((guint64) largest_peak_kib * 1024);
  g_print ("  slowest: %s, %.0f ms; largest peak: %s, %s\n  slowest against the target: ",
           slowest, slowest_ms, largest, largest_peak);
  bench_print_verdict (slowest_ms, TARGET_MS);
  return TRUE;
}
