/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <adwaita.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "bench-figures.h"
#include "bench-support.h"
#include "hostile-markdown.h"
#include "rehearse-markdown-view.h"

/* How long a hostile answer takes to show: each answer of the corpus is
 * set on a markdown view in a real window, and timed to the end of the
 * first frame painted after it (the frame clock's "after-paint"), at 1,100
 * and at 360 px wide, the slowest of RUNS; then "Show More" is pressed
 * up to SHOW_MORE_STEPS times and each step is timed the same way. The
 * target is 100 ms for all of them. Figures, never pass/fail.
 *
 * The corpus is tests/hostile-markdown.c's, the one the import's test and
 * benchmark read: the five answers that froze the window, the shapes of
 * cmark's pathological tests (test/pathological_tests.py) at upstream's
 * sizes, and long answers of every kind of block. The view parses an
 * answer 16 KB at a time, so cmark-gfm's quadratic shapes stay small. */

#define RUNS 3
#define SHOW_MORE_STEPS 3
#define TARGET_MS 100.0

/* One case's answer alone: the view shows an answer, not a deck. */
static char *
hostile_answer (const HostileMarkdownCase *hostile_case)
{
  GString *answer = g_string_new (NULL);

  hostile_case->write_answer (answer);
  return g_string_free (answer, FALSE);
}

/* ---- Timing ------------------------------------------------------------------ */

static void
on_after_paint (GdkFrameClock *clock,
                gboolean      *painted)
{
  *painted = TRUE;
}

/* Runs the main loop until the window has painted a frame. */
static void
wait_for_paint (GtkWidget *window)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (window);
  gboolean painted = FALSE;
  gulong handler = g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint),
                                     &painted);

  gtk_widget_queue_draw (window);
  while (!painted)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handler_disconnect (clock, handler);
}

/* The main thread's processor time in ms: what the wall-clock figure
 * would be on a machine with nothing else to do (the machines these run on
 * are often busy with builds). The renderer's own threads are not in it. */
static double
thread_cpu_ms (void)
{
  struct timespec now;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &now);
  return now.tv_sec * 1000.0 + now.tv_nsec / 1e6;
}

typedef struct
{
  double wall_ms;
  double cpu_ms;
} Timing;

static Timing
time_to_drawn (GtkWidget            *window,
               RehearseMarkdownView *view,
               const char           *markdown)
{
  gint64 start;
  double cpu_start;

  rehearse_markdown_view_set_markdown (view, "");
  wait_for_paint (window);

  start = g_get_monotonic_time ();
  cpu_start = thread_cpu_ms ();
  rehearse_markdown_view_set_markdown (view, markdown);
  wait_for_paint (window);
  return (Timing) { bench_elapsed_ms (start), thread_cpu_ms () - cpu_start };
}

static const char *
bench_load_average (void)
{
  static char text[64];
  g_autofree char *contents = NULL;

  if (!g_file_get_contents ("/proc/loadavg", &contents, NULL, NULL))
    return "unknown";
  g_strlcpy (text, contents, MIN (sizeof text, strcspn (contents, "\n") + 1));
  return text;
}

static GtkWidget *
find_show_more (GtkWidget *view)
{
  for (GtkWidget *child = gtk_widget_get_last_child (view); child != NULL;
       child = gtk_widget_get_prev_sibling (child))
    if (GTK_IS_BUTTON (child) && gtk_widget_has_css_class (child, "md-show-more"))
      return child;
  return NULL;
}

/* The slowest of up to SHOW_MORE_STEPS presses of "Show More", or 0. */
static Timing
time_show_more_steps (GtkWidget *window,
                      GtkWidget *view,
                      guint     *steps)
{
  Timing slowest = { 0, 0 };
  GtkWidget *button;

  *steps = 0;
  while (*steps < SHOW_MORE_STEPS && (button = find_show_more (view)) != NULL)
    {
      gint64 start = g_get_monotonic_time ();
      double cpu_start = thread_cpu_ms ();

      g_signal_emit_by_name (button, "clicked");
      wait_for_paint (window);
      slowest.wall_ms = MAX (slowest.wall_ms, bench_elapsed_ms (start));
      slowest.cpu_ms = MAX (slowest.cpu_ms, thread_cpu_ms () - cpu_start);
      ++*steps;
    }
  return slowest;
}

typedef struct
{
  guint widgets;
  guint labels;
  guint longest_label;
} WidgetCount;

static void
count_widgets (GtkWidget   *widget,
               WidgetCount *count)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      count->widgets++;
      if (GTK_IS_LABEL (child))
        {
          const char *text = gtk_label_get_text (GTK_LABEL (child));

          count->labels++;
          count->longest_label = MAX (count->longest_label, (guint) g_utf8_strlen (text, -1));
        }
      count_widgets (child, count);
    }
}

static Timing
slowest_of_runs (GtkWidget            *window,
                 RehearseMarkdownView *view,
                 const char           *markdown)
{
  Timing slowest = { 0, 0 };

  for (int run = 0; run < RUNS; run++)
    {
      Timing timing = time_to_drawn (window, view, markdown);

      slowest.wall_ms = MAX (slowest.wall_ms, timing.wall_ms);
      slowest.cpu_ms = MAX (slowest.cpu_ms, timing.cpu_ms);
    }
  return slowest;
}

static double
slowest_cpu (Timing a,
             Timing b,
             Timing c)
{
  return MAX (MAX (a.cpu_ms, b.cpu_ms), c.cpu_ms);
}

static GtkWidget *
present_window (int                    width,
                RehearseMarkdownView **view)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *scroller = gtk_scrolled_window_new ();

  *view = REHEARSE_MARKDOWN_VIEW (rehearse_markdown_view_new ());
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), GTK_WIDGET (*view));
  gtk_window_set_child (GTK_WINDOW (window), scroller);
  gtk_window_set_default_size (GTK_WINDOW (window), width, 760);
  gtk_window_present (GTK_WINDOW (window));
  wait_for_paint (window);
  return window;
}

static void
bench_hostile_answers (const char *only)
{
  const HostileMarkdownCase *cases;
  guint n_cases;
  RehearseMarkdownView *wide_view, *narrow_view;
  GtkWidget *wide = present_window (1100, &wide_view);
  GtkWidget *narrow = present_window (360, &narrow_view);
  double slowest = 0, slowest_cpu_ms = 0;
  const char *slowest_name = NULL, *slowest_cpu_name = NULL;

  printf ("Hostile answers: from setting the answer to the end of the first frame painted\n"
          "with it (slowest of %d), at 1,100 and 360 px; then up to %d presses of Show More\n"
          "(slowest); the main thread's processor time of the slowest of all these; widgets\n"
          "and labels after the first frame at 1,100 px, the longest label in characters.\n"
          "Target 100 ms. Load average at the start: %s\n",
          RUNS, SHOW_MORE_STEPS, bench_load_average ());
  printf ("  %-44s %9s %9s %9s %12s %9s %8s %7s %8s\n", "answer", "size", "1100 px", "360 px",
          "Show More", "cpu", "widgets", "labels", "longest");

  cases = hostile_markdown_cases (&n_cases);
  for (guint i = 0; i < n_cases; i++)
    {
      const HostileMarkdownCase *hostile = &cases[i];
      g_autofree char *markdown = NULL;
      g_autofree char *size = NULL;
      WidgetCount count = { 0 };
      Timing wide_timing, narrow_timing, step_timing;
      guint steps = 0;
      double worst, cpu;

      if (only != NULL && strstr (hostile->name, only) == NULL)
        continue;

      markdown = hostile_answer (hostile);
      wide_timing = slowest_of_runs (wide, wide_view, markdown);
      narrow_timing = slowest_of_runs (narrow, narrow_view, markdown);
      size = bench_format_bytes (strlen (markdown));
      count_widgets (GTK_WIDGET (wide_view), &count);
      step_timing = time_show_more_steps (wide, GTK_WIDGET (wide_view), &steps);
      worst = MAX (MAX (wide_timing.wall_ms, narrow_timing.wall_ms), step_timing.wall_ms);
      cpu = slowest_cpu (wide_timing, narrow_timing, step_timing);
      if (worst > slowest)
        {
          slowest = worst;
          slowest_name = hostile->name;
        }
      if (cpu > slowest_cpu_ms)
        {
          slowest_cpu_ms = cpu;
          slowest_cpu_name = hostile->name;
        }
      printf ("  %-44s %9s %6.1f ms %6.1f ms %6.1f ms (%u) %6.1f ms %8u %7u %8u\n",
              hostile->name, size, wide_timing.wall_ms, narrow_timing.wall_ms,
              step_timing.wall_ms, steps, cpu, count.widgets, count.labels, count.longest_label);
      fflush (stdout);
    }

  printf ("\n  slowest: %.1f ms (%s); processor time at most %.1f ms (%s)\n", slowest,
          slowest_name, slowest_cpu_ms, slowest_cpu_name);
  bench_print_ratio ("slowest / 100 ms", slowest / TARGET_MS, 1.0);
  bench_print_ratio ("slowest processor time / 100 ms", slowest_cpu_ms / TARGET_MS, 1.0);
  printf ("  peak resident: %.1f MB\n", bench_status_kilobytes ("VmHWM:") / 1024.0);

  gtk_window_destroy (GTK_WINDOW (wide));
  gtk_window_destroy (GTK_WINDOW (narrow));
}

/* Usage: bench-hostile-answers [PART_OF_A_NAME] (only the answers whose
 * name holds it) */
int
main (int    argc,
      char **argv)
{
  gtk_init ();
  adw_init ();
  bench_hostile_answers (argc > 1 ? argv[1] : NULL);
  return 0;
}
