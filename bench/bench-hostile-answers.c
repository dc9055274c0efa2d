/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <adwaita.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "bench-figures.h"
#include "bench-support.h"
#include "rehearse-markdown-view.h"

/* How long a hostile answer takes to show: each answer of the corpus is
 * set on a markdown view in a real window, and timed to the end of the
 * first frame painted after it (the frame clock's "after-paint"), at 1,100
 * and at 360 px wide, the slowest of RUNS; then "Show More" is pressed
 * up to SHOW_MORE_STEPS times and each step is timed the same way. The
 * target is 100 ms for all of them. Figures, never pass/fail.
 *
 * The corpus: the five answers that froze the window, and the shapes of
 * cmark's pathological tests (test/pathological_tests.py) at upstream's
 * sizes, or smaller where Debian 12's cmark-gfm takes more than 0.5 s to
 * parse the whole text (its quadratic shapes, which the parser guards on
 * import); the view itself parses 32 KB at a time. */

#define RUNS 3
#define SHOW_MORE_STEPS 3
#define TARGET_MS 100.0

typedef struct
{
  const char *name;
  char       *markdown;
} HostileCase;

static void
hostile_case_free (gpointer data)
{
  HostileCase *hostile = data;

  g_free (hostile->markdown);
  g_free (hostile);
}

static char *
repeat (const char *unit,
        guint       times)
{
  gsize unit_length = strlen (unit);
  GString *text = g_string_sized_new (unit_length * times + 1);

  for (guint i = 0; i < times; i++)
    g_string_append_len (text, unit, (gssize) unit_length);
  return g_string_free (text, FALSE);
}

static void
add_case (GPtrArray  *corpus,
          const char *name,
          char       *markdown)
{
  HostileCase *hostile = g_new0 (HostileCase, 1);

  hostile->name = name;
  hostile->markdown = markdown;
  g_ptr_array_add (corpus, hostile);
}

/* "e`e``e```…", up to @longest backticks in a row. */
static char *
backtick_runs (guint longest)
{
  GString *text = g_string_new (NULL);

  for (guint run = 1; run <= longest; run++)
    {
      g_string_append_c (text, 'e');
      for (guint i = 0; i < run; i++)
        g_string_append_c (text, '`');
    }
  return g_string_free (text, FALSE);
}

static char *
nested_lists (guint levels)
{
  GString *text = g_string_new (NULL);

  for (guint level = 0; level < levels; level++)
    {
      for (guint i = 0; i < level; i++)
        g_string_append (text, "  ");
      g_string_append (text, "* a\n");
    }
  return g_string_free (text, FALSE);
}

static char *
big_table (guint columns,
           guint rows)
{
  GString *text = g_string_new (NULL);

  for (guint row = 0; row < rows + 2; row++)
    {
      for (guint column = 0; column < columns; column++)
        {
          if (row == 1)
            g_string_append (text, "|---");
          else
            g_string_append_printf (text, "| c%u ", row * columns + column);
        }
      g_string_append (text, "|\n");
    }
  return g_string_free (text, FALSE);
}

static char *
many_lines (const char *prefix,
            const char *line,
            guint       count,
            const char *suffix)
{
  g_autofree char *lines = repeat (line, count);

  return g_strconcat (prefix, lines, suffix, NULL);
}

static GPtrArray *
hostile_corpus (void)
{
  GPtrArray *corpus = g_ptr_array_new_with_free_func (hostile_case_free);
  g_autofree char *strong_open = repeat ("*a **a ", 25000);
  g_autofree char *strong_close = repeat (" a** a*", 25000);
  g_autofree char *brackets_open = repeat ("[", 50000);
  g_autofree char *brackets_close = repeat ("]", 50000);
  g_autofree char *quotes = repeat ("> ", 50000);
  g_autofree char *closers = repeat ("c* ", 50000);
  g_autofree char *comments = repeat ("<!--", 100000);

  /* The five that froze the window (issue 13). */
  add_case (corpus, "_a x 100,000 (200 KB)", repeat ("_a", 100000));
  add_case (corpus, "[ x 100,000 (100 KB)", repeat ("[", 100000));
  add_case (corpus, "backticks, 100 KB", backtick_runs (446));
  add_case (corpus, "one 15 MB line of words", repeat ("lorem ipsum dolor sit amet ", 555556));
  add_case (corpus, "<div> x 100,000 (500 KB)", repeat ("<div>", 100000));

  /* cmark's pathological shapes. */
  add_case (corpus, "nested strong emph (25,000)",
            g_strconcat (strong_open, "b", strong_close, NULL));
  add_case (corpus, "emph closers, no openers (65,000)", repeat ("a_ ", 65000));
  add_case (corpus, "emph openers, no closers (50,000)", repeat ("_a ", 50000));
  add_case (corpus, "link closers, no openers (65,000)", repeat ("a]", 65000));
  add_case (corpus, "link openers, no closers (65,000)", repeat ("[a", 65000));
  add_case (corpus, "mismatched openers/closers (40,000)", repeat ("*a_ ", 40000));
  add_case (corpus, "openers/closers multiple of 3 (50,000)", g_strconcat ("a**b", closers, NULL));
  add_case (corpus, "link openers, emph closers (50,000)", repeat ("[ a_", 50000));
  add_case (corpus, "[ (]( repeated (50,000)", repeat ("[ (](", 50000));
  add_case (corpus, "![[]() repeated (10,000)", repeat ("![[]()", 10000));
  add_case (corpus, "nested brackets (50,000)",
            g_strconcat (brackets_open, "a", brackets_close, NULL));
  add_case (corpus, "nested block quotes (50,000)", g_strconcat (quotes, "a", NULL));
  add_case (corpus, "deeply nested lists (1,000)", nested_lists (1000));
  add_case (corpus, "backtick runs up to 2,000", backtick_runs (2000));
  add_case (corpus, "unclosed links A (25,000)", repeat ("[a](<b", 25000));
  add_case (corpus, "unclosed links B (30,000)", repeat ("[a](b", 30000));
  add_case (corpus, "unclosed <!-- (100,000)", g_strconcat ("</", comments, NULL));
  add_case (corpus, "GFM tables shape (10,000)", repeat ("aaa\rbbb\n-\v\n", 10000));

  /* And what else one answer can hold. */
  add_case (corpus, "table, 50 columns x 2,000 rows", big_table (50, 2000));
  add_case (corpus, "list of 20,000 items", repeat ("- an item of a long list\n", 20000));
  add_case (corpus, "one word of 1 MB", repeat ("x", 1024 * 1024));
  add_case (corpus, "code block of 100,000 lines",
            many_lines ("```\n", "echo line\n", 100000, "```\n"));
  add_case (corpus, "code block, one 1 MB line",
            many_lines ("```\n", "x", 1024 * 1024, "\n```\n"));
  add_case (corpus, "1,000 paragraphs of 1 KB",
            many_lines ("", "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do "
                        "eiusmod tempor incididunt ut labore et dolore magna aliqua. Ut enim "
                        "ad minim veniam, quis nostrud exercitation ullamco laboris nisi ut "
                        "aliquip ex ea commodo consequat. Duis aute irure dolor in "
                        "reprehenderit in voluptate velit esse cillum dolore eu fugiat nulla "
                        "pariatur. Excepteur sint occaecat cupidatat non proident, sunt in "
                        "culpa qui officia deserunt mollit anim id est laborum. Lorem ipsum "
                        "dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor "
                        "incididunt ut labore et dolore magna aliqua. Ut enim ad minim veniam, "
                        "quis nostrud exercitation ullamco laboris nisi ut aliquip ex ea "
                        "commodo consequat. Duis aute irure dolor in reprehenderit in "
                        "voluptate velit esse cillum dolore eu fugiat nulla pariatur.\n\n",
                        1000, ""));
  return corpus;
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
  g_autoptr(GPtrArray) corpus = hostile_corpus ();
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
  printf ("  %-40s %9s %9s %9s %12s %9s %8s %7s %8s\n", "answer", "size", "1100 px", "360 px",
          "Show More", "cpu", "widgets", "labels", "longest");

  for (guint i = 0; i < corpus->len; i++)
    {
      HostileCase *hostile = g_ptr_array_index (corpus, i);
      g_autofree char *size = NULL;
      WidgetCount count = { 0 };
      Timing wide_timing, narrow_timing, step_timing;
      guint steps = 0;
      double worst, cpu;

      if (only != NULL && strstr (hostile->name, only) == NULL)
        continue;

      wide_timing = slowest_of_runs (wide, wide_view, hostile->markdown);
      narrow_timing = slowest_of_runs (narrow, narrow_view, hostile->markdown);
      size = bench_format_bytes (strlen (hostile->markdown));
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
      printf ("  %-40s %9s %6.1f ms %6.1f ms %6.1f ms (%u) %6.1f ms %8u %7u %8u\n",
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
