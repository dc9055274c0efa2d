/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "bench-figures.h"

/* Every timed step is repeated and the median reported, because the first
 * run pays for cold caches and any run can be hit by another process. */

double
bench_elapsed_ms (gint64 start)
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
double
bench_samples_percentile (GArray *samples,
                          double  fraction)
{
  g_autoptr(GArray) sorted = g_array_copy (samples);
  guint rank;

  g_return_val_if_fail (samples->len > 0, 0);

  g_array_sort (sorted, compare_doubles);
  rank = (guint) MAX (1.0, fraction * sorted->len + 0.999999);
  return g_array_index (sorted, double, MIN (rank, sorted->len) - 1);
}

double
bench_samples_median (GArray *samples)
{
  g_autoptr(GArray) sorted = g_array_copy (samples);
  guint middle = samples->len / 2;

  g_return_val_if_fail (samples->len > 0, 0);

  g_array_sort (sorted, compare_doubles);
  if (sorted->len % 2 == 1)
    return g_array_index (sorted, double, middle);
  return (g_array_index (sorted, double, middle - 1) + g_array_index (sorted, double, middle)) / 2;
}

double
bench_samples_min (GArray *samples)
{
  return bench_samples_percentile (samples, 0);
}

double
bench_samples_max (GArray *samples)
{
  return bench_samples_percentile (samples, 1);
}

GArray *
bench_samples_new (void)
{
  return g_array_new (FALSE, FALSE, sizeof (double));
}

void
bench_samples_add (GArray *samples,
                   double  value)
{
  g_array_append_val (samples, value);
}

void
bench_print_samples (const char *label,
                     GArray     *samples)
{
  g_print ("  %-40s median %9.1f ms   min %9.1f ms   (%u runs)\n", label,
           bench_samples_median (samples), bench_samples_min (samples), samples->len);
}

void
bench_print_verdict (double value,
                     double target)
{
  if (value <= target)
    g_print ("met\n");
  else
    g_print ("NOT MET, %.0f%% over\n", (value / target - 1) * 100);
}

void
bench_print_ratio (const char *label,
                   double      ratio,
                   double      target)
{
  g_print ("  %-40s %9.2f          target ≤ %.1f: ", label, ratio, target);
  bench_print_verdict (ratio, target);
}

char *
bench_format_bytes (guint64 bytes)
{
  return g_format_size_full (bytes, G_FORMAT_SIZE_IEC_UNITS);
}
