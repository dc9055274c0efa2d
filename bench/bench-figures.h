/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Figures the benchmarks share: samples, their medians and percentiles,
 * and how they are printed. Every benchmark links bench-figures.c. */

double   bench_elapsed_ms           (gint64      start);
/* Samples are a GArray of double milliseconds. */
GArray  *bench_samples_new          (void);
void     bench_samples_add          (GArray     *samples,
                                     double      value);
double   bench_samples_percentile   (GArray     *samples,
                                     double      fraction);
/* Of an even count, the mean of the middle two: switching times fall in
 * two groups (about 3 and 7 ms), and either middle value alone would jump
 * between them from one run to the next. */
double   bench_samples_median       (GArray     *samples);
double   bench_samples_min          (GArray     *samples);
double   bench_samples_max          (GArray     *samples);
void     bench_print_samples        (const char *label,
                                     GArray     *samples);
/* "met", or by how much it is not. */
void     bench_print_verdict        (double      value,
                                     double      target);
void     bench_print_ratio          (const char *label,
                                     double      ratio,
                                     double      target);
char    *bench_format_bytes         (guint64     bytes);

G_END_DECLS
