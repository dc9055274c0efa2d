/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_SETTINGS_ENABLE_BACKEND
#include <gio/gsettingsbackend.h>
#include <glib/gstdio.h>
#include <math.h>
#include <stdio.h>

#include "bench-figures.h"
#include "bench-support.h"
#include "deck-generator.h"
#include "rehearse-application.h"
#include "rehearse-question-view.h"
#include "rehearse-quiz-page.h"
#include "rehearse-sidebar.h"
#include "rehearse-window.h"
#include "test-ui-support.h"

/* The reader window's benchmarks. Figures, never pass/fail:
 *   start-up to the first frame, as a ratio to an empty AdwApplicationWindow
 *   started the same way (both are spawned, report the time of their first
 *   frame and quit);
 *   switching to another question (build + layout of its answer) over all
 *   100 bundled questions, each its fastest of several switches;
 *   a quiz over the 100 bundled questions: showing the next card after a
 *   grade, and revealing a card's answer (build + layout + snapshot);
 *   resident memory with a 100,000-question library open and its "All
 *   Questions" list scrolled to the end, with GTK's own choice of renderer
 *   and again with GL turned off.
 * Usage: bench-ui [--only startup|switching|quiz|memory] REHEARSE EMPTY_WINDOW_PROGRAM
 *   [BENCH_PEER] (with it, start-up also runs the comparison with GNOME Text Editor)
 * (bench-ui --memory DATA_HOME is the memory benchmark's own
 * process: the figure must not include the memory spent building the large
 * library.) */

#define STARTUP_RUNS 15

static const char *
verdict (gboolean met)
{
  return met ? "met" : "MISSED";
}

/* ---- Start-up ------------------------------------------------------------- */

/* Runs a program that prints "first-frame <g_get_monotonic_time ()>" at its
 * first frame and quits; returns its output. @option: NULL, or its one
 * argument. */
static char *
run_to_first_frame (const char *program,
                    const char *option,
                    char      **envp,
                    gint64     *start)
{
  const char *argv[] = { program, option, NULL };
  g_autoptr(GError) error = NULL;
  char *output = NULL;
  int status = 0;

  *start = g_get_monotonic_time ();

  if (!g_spawn_sync (NULL, (char **) argv, envp, G_SPAWN_DEFAULT, NULL, NULL, &output, NULL,
                     &status, &error))
    g_error ("Could not start %s: %s", program, error->message);
  if (!g_spawn_check_wait_status (status, &error))
    g_error ("%s failed: %s", program, error->message);
  return output;
}

/* The number after @name in @output ("resident-kb 1234"). */
static gint64
reported_number (const char *program,
                 const char *output,
                 const char *name)
{
  const char *line = strstr (output, name);

  if (line == NULL)
    g_error ("%s did not report %s", program, name);
  return g_ascii_strtoll (line + strlen (name), NULL, 10);
}

/* Time from spawn to the first frame: the monotonic clock is the same in
 * every process, and the tear-down after the frame is not start-up. */
static double
time_to_first_frame (const char *program,
                     char      **envp)
{
  gint64 start;
  g_autofree char *output = run_to_first_frame (program, NULL, envp, &start);

  return (reported_number (program, output, "first-frame ") - start) / 1000.0;
}

/* The state a person who has read before starts in: the bundled deck
 * imported and the last question read (the deck's first) saved in settings
 * that persist, as the keyfile backend's file under XDG_CONFIG_HOME. */
static void
prepare_returning_user (const char *data_home)
{
  g_autofree char *app_data = g_build_filename (data_home, "io.github.rehearse.Rehearse", NULL);
  g_autofree char *keyfile = g_build_filename (data_home, "config", "glib-2.0", "settings",
                                               "keyfile", NULL);
  g_autoptr(RehearseLibrary) library = ui_test_library_with_bundled_deck (app_data);
  g_autoptr(GListModel) questions = rehearse_library_list_all_questions (library, NULL);
  g_autoptr(RehearseQuestion) first = g_list_model_get_item (questions, 0);
  g_autoptr(GSettingsBackend) backend = g_keyfile_settings_backend_new (keyfile, "/", NULL);
  g_autoptr(GSettings) settings = g_settings_new_with_backend ("io.github.rehearse.Rehearse",
                                                               backend);

  g_settings_set_boolean (settings, "bundled-deck-imported", TRUE);
  g_settings_set_string (settings, "last-question", rehearse_question_get_key (first));
  g_settings_sync ();
}

/* @envp with GL turned off, as GDK_DEBUG=gl-disable GSK_RENDERER=cairo
 * (the second only so that GTK does not try GL first and say so). Without a
 * GPU, GTK draws with GL through Mesa's llvmpipe, whose compiler (libLLVM,
 * loaded when the display opens) and software buffers are much of the time
 * and memory of any window here; without GL, Mesa is never loaded. */
static char **
environ_without_gl (char **envp)
{
  const char *debug = g_environ_getenv (envp, "GDK_DEBUG");
  g_autofree char *no_gl_debug = debug != NULL ? g_strconcat (debug, ",gl-disable", NULL)
                                               : g_strdup ("gl-disable");

  envp = g_environ_setenv (envp, "GDK_DEBUG", no_gl_debug, TRUE);
  return g_environ_setenv (envp, "GSK_RENDERER", "cairo", TRUE);
}

/* Each program's own word for its first frame, beside the empty window's.
 * The targets are judged on bench-peer's figures, taken from outside. */
static void
time_startup_pairs (const char  *rehearse,
                    const char  *empty_window,
                    char       **envp)
{
  g_autoptr(GArray) app_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) empty_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) ratios = g_array_new (FALSE, FALSE, sizeof (double));
  double app_median, empty_median, ratio_median;

  /* One run of each first, so that both find the files they read in the
   * page cache. */
  time_to_first_frame (rehearse, envp);
  time_to_first_frame (empty_window, envp);

  for (int i = 0; i < STARTUP_RUNS; i++)
    {
      double app = time_to_first_frame (rehearse, envp);
      double empty = time_to_first_frame (empty_window, envp);
      double ratio = app / empty;

      g_array_append_val (app_times, app);
      g_array_append_val (empty_times, empty);
      g_array_append_val (ratios, ratio);
    }

  /* The ratio is the median of each run's pair, started one after the
   * other: a busy moment of the machine slows both of a pair. */
  app_median = bench_samples_median (app_times);
  empty_median = bench_samples_median (empty_times);
  ratio_median = bench_samples_median (ratios);
  printf ("  rehearse:                 %7.1f ms\n"
          "  empty AdwApplicationWindow:%6.1f ms  (rehearse adds %.1f ms)\n"
          "  ratio:                    %7.2f  (of each pair; from %.2f to %.2f)\n\n",
          app_median, empty_median, app_median - empty_median, ratio_median,
          bench_samples_min (ratios), bench_samples_max (ratios));
}

static void
bench_startup (const char *rehearse,
               const char *empty_window,
               const char *data_home)
{
  g_autofree char *config_home = g_build_filename (data_home, "config", NULL);
  g_auto(GStrv) envp = g_get_environ ();
  g_auto(GStrv) no_gl_envp = NULL;

  prepare_returning_user (data_home);
  envp = g_environ_setenv (envp, "XDG_DATA_HOME", data_home, TRUE);
  envp = g_environ_setenv (envp, "XDG_CONFIG_HOME", config_home, TRUE);
  envp = g_environ_setenv (envp, "GSETTINGS_BACKEND", "keyfile", TRUE);
  envp = g_environ_setenv (envp, "REHEARSE_QUIT_AFTER_FIRST_FRAME", "1", TRUE);
  no_gl_envp = environ_without_gl (g_strdupv (envp));

  printf ("Start-up to the first frame (median of %d, bundled deck, last question reopened)\n",
          STARTUP_RUNS);
  time_startup_pairs (rehearse, empty_window, envp);
  printf ("The same without GL (GDK_DEBUG=%s GSK_RENDERER=cairo):\n",
          g_environ_getenv (no_gl_envp, "GDK_DEBUG"));
  time_startup_pairs (rehearse, empty_window, no_gl_envp);
}

/* The start-up and memory targets: beside GNOME Text Editor, measured
 * from outside by bench-peer. */
static void
run_peer_comparison (const char *peer,
                     const char *rehearse,
                     const char *empty_window)
{
  const char *argv[] = { peer, rehearse, empty_window, NULL };
  g_autoptr(GError) error = NULL;
  int status = 0;

  fflush (stdout);
  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_CHILD_INHERITS_STDIN, NULL, NULL, NULL,
                     NULL, &status, &error)
      || !g_spawn_check_wait_status (status, &error))
    g_error ("bench-peer failed: %s", error->message);
}

/* ---- Switching questions ------------------------------------------------- */

static gboolean
question_shown (gpointer data)
{
  GtkWidget *view = ui_test_find_widget (data, REHEARSE_TYPE_QUESTION_VIEW);

  return rehearse_question_view_get_question (REHEARSE_QUESTION_VIEW (view)) != NULL;
}

static void
drain_main_loop (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* Build the answer's widgets, then lay the page out at the window's width:
 * what a person waits for between pressing Alt+Right and reading. */
static double
time_switch (RehearseWindow *window,
             GtkWidget      *view,
             const char     *action)
{
  int width = gtk_widget_get_width (view);
  int height = gtk_widget_get_height (view);
  gint64 start = g_get_monotonic_time ();
  int minimum, natural;

  gtk_widget_activate_action (GTK_WIDGET (window), action, NULL);
  gtk_widget_measure (view, GTK_ORIENTATION_VERTICAL, width, &minimum, &natural, NULL, NULL);
  gtk_widget_size_allocate (view, &(GtkAllocation) { 0, 0, width, MAX (height, minimum) }, -1);

  return (g_get_monotonic_time () - start) / 1000.0;
}

static int
shown_number (GtkWidget *view)
{
  return rehearse_question_get_number (
    rehearse_question_view_get_question (REHEARSE_QUESTION_VIEW (view)));
}

/* Round trips through the deck, 301 to 400 and back: every question is
 * switched to at least twice, from either side. A question's time is its
 * fastest switch, what the work takes rather than what the machine's other
 * processes add; the slowest single switch is printed too. */
#define SWITCHING_ROUND_TRIPS 2

static void
bench_switching (RehearseApplication *app)
{
  RehearseWindow *window = rehearse_window_new (app);
  g_autoptr(GHashTable) fastest = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  GtkWidget *view;
  double worst = 0, slowest = 0;
  int worst_number = 0, slowest_number = 0;
  guint switches = 0;
  GHashTableIter iter;
  gpointer number, ms;

  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 760);
  gtk_window_present (GTK_WINDOW (window));
  ui_test_wait_for (question_shown, window);
  view = ui_test_find_widget (GTK_WIDGET (window), REHEARSE_TYPE_QUESTION_VIEW);
  drain_main_loop ();

  for (int trip = 0; trip < 2 * SWITCHING_ROUND_TRIPS; trip++)
    {
      const char *action = trip % 2 == 0 ? "win.next" : "win.previous";

      for (int i = 0; i < 99; i++)
        {
          double time = time_switch (window, view, action);
          double *best = g_hash_table_lookup (fastest, GINT_TO_POINTER (shown_number (view)));

          if (best == NULL)
            {
              best = g_new (double, 1);
              *best = time;
              g_hash_table_insert (fastest, GINT_TO_POINTER (shown_number (view)), best);
            }
          *best = MIN (*best, time);
          if (time > slowest)
            {
              slowest = time;
              slowest_number = shown_number (view);
            }
          switches++;
          drain_main_loop ();
        }
    }

  g_hash_table_iter_init (&iter, fastest);
  while (g_hash_table_iter_next (&iter, &number, &ms))
    {
      g_array_append_val (times, *(double *) ms);
      if (*(double *) ms > worst)
        {
          worst = *(double *) ms;
          worst_number = GPOINTER_TO_INT (number);
        }
    }

  printf ("Switching question (answer built and laid out at 1100 px): %u questions, %u switches\n"
          "  median: %6.2f ms  (target <= 8: %s)\n"
          "  worst:  %6.2f ms, question %d  (target <= 16: %s)\n"
          "  (a question's time is its fastest switch; the slowest single switch: %.2f ms,\n"
          "   question %d)\n\n",
          times->len, switches, bench_samples_median (times),
          verdict (bench_samples_median (times) <= 8), worst,
          worst_number, verdict (worst <= 16), slowest, slowest_number);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* ---- The quiz ---------------------------------------------------------------- */

static gboolean
page_laid_out (gpointer page)
{
  return gtk_widget_get_mapped (page) && gtk_widget_get_width (page) > 0;
}

static gboolean
page_not_saving (gpointer page)
{
  return !rehearse_quiz_page_get_saving (page);
}

/* What a person waits for after a key press on a card: the page's widgets
 * built, laid out at the window's size, and its render nodes made (the
 * frame GTK would draw; rasterising them is the renderer's, outside). */
static double
time_quiz_step (GtkWidget  *page,
                const char *action,
                GVariant   *parameter)
{
  int width = gtk_widget_get_width (page);
  int height = gtk_widget_get_height (page);
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (page);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  gint64 start = g_get_monotonic_time ();
  int minimum, natural;

  gtk_widget_activate_action_variant (page, action, parameter);
  gtk_widget_measure (page, GTK_ORIENTATION_VERTICAL, width, &minimum, &natural, NULL, NULL);
  gtk_widget_size_allocate (page, &(GtkAllocation) { 0, 0, width, MAX (height, minimum) }, -1);
  gdk_paintable_snapshot (paintable, snapshot, width, MAX (height, minimum));
  node = gtk_snapshot_free_to_node (snapshot);

  return (g_get_monotonic_time () - start) / 1000.0;
}

/* The slowest of @values, and its place (from 1) in *@place. */
static double
worst (GArray *values,
       guint  *place)
{
  double slowest = 0;

  for (guint i = 0; i < values->len; i++)
    if (g_array_index (values, double, i) > slowest)
      {
        slowest = g_array_index (values, double, i);
        *place = i + 1;
      }
  return slowest;
}

/* Every card of a quiz over the whole deck revealed and graded Good, each
 * once: the first card of a quiz is what a person sees, cold caches and
 * all. The grades are written as in use, in the background. */
static void
bench_quiz (const char *data_home)
{
  g_autofree char *quiz_home = g_build_filename (data_home, "quiz", NULL);
  g_autoptr(RehearseLibrary) library = NULL;
  g_autoptr(GArray) next_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) reveal_times = g_array_new (FALSE, FALSE, sizeof (double));
  RehearseQuizOptions options = { .scope = REHEARSE_QUIZ_SCOPE_ALL,
                                  .order = REHEARSE_QUIZ_ORDER_DUE_FIRST };
  RehearseFsrsParameters parameters;
  g_autoptr(GError) error = NULL;
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  GtkWidget *page = rehearse_quiz_page_new ();
  RehearseQuizSession *session;
  guint cards, worst_next = 0, worst_reveal = 0;
  double worst_next_ms, worst_reveal_ms;

  g_assert_cmpint (g_mkdir_with_parents (quiz_home, 0700), ==, 0);
  library = ui_test_library_with_bundled_deck (quiz_home);
  rehearse_fsrs_parameters_init_default (&parameters);
  gtk_window_set_default_size (window, 1100, 760);
  gtk_window_set_child (window, page);
  gtk_window_present (window);
  ui_test_wait_for (page_laid_out, page);

  g_assert_true (rehearse_quiz_page_start (REHEARSE_QUIZ_PAGE (page), library, &parameters,
                                           &options, "All Questions", &error));
  g_assert_no_error (error);
  session = rehearse_quiz_page_get_session (REHEARSE_QUIZ_PAGE (page));
  cards = rehearse_quiz_session_get_n_cards (session);
  drain_main_loop ();

  while (!rehearse_quiz_session_is_finished (session))
    {
      double reveal_ms = time_quiz_step (page, "quiz.reveal", NULL);
      double next_ms;

      g_assert_true (rehearse_quiz_session_get_revealed (session));
      g_array_append_val (reveal_times, reveal_ms);
      drain_main_loop ();

      next_ms = time_quiz_step (page, "quiz.grade", g_variant_new_int32 (REHEARSE_GRADE_GOOD));
      /* After the last grade comes the summary, not a card. */
      if (!rehearse_quiz_session_is_finished (session))
        g_array_append_val (next_times, next_ms);
      drain_main_loop ();
    }

  worst_next_ms = worst (next_times, &worst_next);
  worst_reveal_ms = worst (reveal_times, &worst_reveal);
  printf ("Quiz over the bundled deck (%u cards, window 1100 x 760; build + layout + snapshot)\n"
          "  next card after a grade: median %6.2f ms, worst %6.2f ms (card %u of %u shown"
          " after a grade)  (target worst <= 16: %s)\n"
          "  reveal (answer + key points): median %6.2f ms, worst %6.2f ms (card %u of %u)"
          "  (no target)\n\n",
          cards, bench_samples_median (next_times), worst_next_ms, worst_next + 1, next_times->len + 1,
          verdict (worst_next_ms <= 16), bench_samples_median (reveal_times), worst_reveal_ms, worst_reveal,
          reveal_times->len);

  ui_test_wait_for (page_not_saving, page);
  gtk_window_destroy (window);
}

/* ---- Memory ------------------------------------------------------------------ */

static void
fill_large_library (const char *data_home,
                    guint       n_questions)
{
  g_autofree char *folder = g_build_filename (data_home, "large-deck", NULL);
  g_autofree char *db_path = g_build_filename (data_home, "io.github.rehearse.Rehearse",
                                               "library.db", NULL);
  const char *paths[] = { folder, NULL };
  g_autoptr(RehearseLibrary) library = NULL;
  g_autoptr(GPtrArray) reports = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();

  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  for (guint first = 1; first <= n_questions; first += 10000)
    {
      g_autofree char *name = g_strdup_printf ("part-%06u.md", first);
      g_autofree char *path = g_build_filename (folder, name, NULL);
      g_autofree char *markdown = deck_generator_markdown (first, 10000, first);

      g_assert_true (g_file_set_contents (path, markdown, -1, NULL));
    }

  library = rehearse_library_open (db_path, &error);
  g_assert_no_error (error);
  reports = rehearse_importer_import (library, paths, NULL);
  g_assert_no_error (((RehearseImportReport *) g_ptr_array_index (reports, 0))->error);
  printf ("(built a %u-question library in %.1f s)\n", n_questions,
          (g_get_monotonic_time () - start) / 1e6);
}

/* The list a collection opens in: the sidebar stack's "collection" page,
 * its header then its list (while the page cross-fades in, the tree is on
 * screen too). */
static GtkWidget *
find_collection_list_view (GtkWidget *window)
{
  GtkWidget *sidebar = ui_test_find_widget (window, REHEARSE_TYPE_SIDEBAR);
  GtkWidget *stack = ui_test_find_widget (sidebar, GTK_TYPE_STACK);
  GtkWidget *page = gtk_stack_get_child_by_name (GTK_STACK (stack), "collection");

  return ui_test_find_widget (gtk_widget_get_last_child (page), GTK_TYPE_LIST_VIEW);
}

static void
bench_memory (RehearseApplication *app,
              guint                n_questions)
{
  RehearseWindow *window = rehearse_window_new (app);
  GtkWidget *list_view;
  GtkScrolledWindow *scroller;
  GtkAdjustment *adjustment;
  GtkSelectionModel *selection;
  long before = bench_status_kilobytes ("VmRSS:");
  long shown, expanded;

  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 760);
  gtk_window_present (GTK_WINDOW (window));
  drain_main_loop ();

  /* Open "All Questions", as Enter on its row does: it replaces the tree
   * with its own list, which is scrolled to its end. */
  shown = bench_status_kilobytes ("VmRSS:");
  rehearse_sidebar_open_collection (REHEARSE_SIDEBAR (ui_test_find_widget (GTK_WIDGET (window),
                                                                           REHEARSE_TYPE_SIDEBAR)),
                                    REHEARSE_COLLECTION_ALL);
  drain_main_loop ();
  expanded = bench_status_kilobytes ("VmRSS:");
  list_view = find_collection_list_view (GTK_WIDGET (window));
  g_assert_nonnull (list_view);
  selection = gtk_list_view_get_model (GTK_LIST_VIEW (list_view));
  /* A figure of an empty list would measure nothing. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (selection)), >=, n_questions);
  scroller = GTK_SCROLLED_WINDOW (gtk_widget_get_parent (list_view));
  adjustment = gtk_scrolled_window_get_vadjustment (scroller);
  for (int step = 1; step <= 20; step++)
    {
      gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment) * step / 20);
      for (int i = 0; i < 5; i++)
        drain_main_loop (), g_usleep (2000);
    }

  /* Read as bench-peer reads a process: a few seconds after the work. */
  for (gint64 until = g_get_monotonic_time () + BENCH_SETTLE_SECONDS * G_USEC_PER_SEC;
       g_get_monotonic_time () < until;)
    drain_main_loop (), g_usleep (10000);

  printf ("Memory, %u-question library open, \"All Questions\" (%u rows) scrolled through,\n"
          "%d s later (drawn by %s)\n"
          "  PSS: %6.1f MB  resident: %6.1f MB  peak resident: %6.1f MB\n"
          "  (resident %.1f MB with GTK started and the library open, %.1f MB with the window\n"
          "   shown, %.1f MB with the list opened)\n",
          n_questions, g_list_model_get_n_items (G_LIST_MODEL (selection)), BENCH_SETTLE_SECONDS,
          G_OBJECT_TYPE_NAME (gtk_native_get_renderer (GTK_NATIVE (window))),
          bench_pss_kilobytes () / 1024.0, bench_status_kilobytes ("VmRSS:") / 1024.0,
          bench_status_kilobytes ("VmHWM:") / 1024.0,
          before / 1024.0, shown / 1024.0, expanded / 1024.0);
  /* For the parent, which compares it with the empty window's. */
  printf ("pss-kb %ld\n", bench_pss_kilobytes ());

  gtk_window_destroy (GTK_WINDOW (window));
}

static RehearseApplication *
start_application (const char *data_home)
{
  RehearseApplication *app = rehearse_application_new ();
  g_autofree char *library = g_build_filename (data_home, "io.github.rehearse.Rehearse",
                                               "library.db", NULL);
  g_autofree char *id = g_strdup_printf ("io.github.rehearse.Rehearse.Bench%d", g_random_int ());
  g_autoptr(GError) error = NULL;

  /* Its own id: each benchmark's application is a separate instance. */
  g_application_set_application_id (G_APPLICATION (app), id);
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_object_set (app, "library-path", library, NULL);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  return app;
}

#define MEMORY_ABOVE_EMPTY_TARGET_MB 30.0

/* What GTK, libadwaita and the renderer cost before any application code:
 * the empty window's PSS BENCH_SETTLE_SECONDS after its first frame
 * (median of three). */
static double
empty_window_pss_mb (const char *empty_window,
                     char      **envp)
{
  g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (double));

  for (int i = 0; i < 3; i++)
    {
      gint64 start;
      g_autofree char *output = run_to_first_frame (empty_window, "--memory", envp, &start);
      double mb = reported_number (empty_window, output, "pss-kb ") / 1024.0;

      g_array_append_val (values, mb);
    }
  return bench_samples_median (values);
}

/* Runs the memory benchmark in a process of its own (the figure must not
 * include the memory spent building the large library), passes its report
 * on, and returns its PSS in MB. */
static double
run_memory_process (const char *self_path,
                    const char *large_home,
                    char      **envp)
{
  const char *argv[] = { self_path, "--memory", large_home, NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *output = NULL;
  g_autofree char *report = NULL;
  int status = 0;

  if (!g_spawn_sync (NULL, (char **) argv, envp, G_SPAWN_CHILD_INHERITS_STDIN, NULL, NULL,
                     &output, NULL, &status, &error)
      || !g_spawn_check_wait_status (status, &error))
    g_error ("The memory benchmark failed: %s", error->message);

  report = g_strndup (output, strstr (output, "pss-kb ") != NULL
                              ? (gsize) (strstr (output, "pss-kb ") - output) : strlen (output));
  fputs (report, stdout);
  return reported_number (self_path, output, "pss-kb ") / 1024.0;
}

static void
print_memory_above_empty (double rehearse_mb,
                          double empty_mb)
{
  double above = rehearse_mb - empty_mb;

  printf ("  the empty AdwApplicationWindow's PSS %d s after its first frame: %.1f MB;\n"
          "  Rehearse above it: %.1f MB  (target <= %.0f MB: %s)\n\n",
          BENCH_SETTLE_SECONDS, empty_mb, above, MEMORY_ABOVE_EMPTY_TARGET_MB,
          verdict (above <= MEMORY_ABOVE_EMPTY_TARGET_MB));
}

/* With GTK's own choice of renderer (Mesa's software GL here, about 100 MB
 * of the empty window's memory), then with GL turned off. */
static void
bench_memory_with_and_without_gl (const char *self_path,
                                  const char *empty_window,
                                  const char *large_home)
{
  g_auto(GStrv) envp = g_get_environ ();
  g_auto(GStrv) no_gl_envp = environ_without_gl (g_get_environ ());
  double rehearse_mb;

  fflush (stdout);
  rehearse_mb = run_memory_process (self_path, large_home, envp);
  print_memory_above_empty (rehearse_mb, empty_window_pss_mb (empty_window, envp));

  printf ("The same without GL (GDK_DEBUG=%s GSK_RENDERER=cairo):\n",
          g_environ_getenv (no_gl_envp, "GDK_DEBUG"));
  fflush (stdout);
  rehearse_mb = run_memory_process (self_path, large_home, no_gl_envp);
  print_memory_above_empty (rehearse_mb, empty_window_pss_mb (empty_window, no_gl_envp));
}

static void
bench_switching_on_bundled_deck (const char *data_home)
{
  g_autoptr(RehearseApplication) app = NULL;
  g_autoptr(GSettings) settings = g_settings_new ("io.github.rehearse.Rehearse");

  /* A first run again: the bundled deck (already imported by the start-up
   * runs, so unchanged) opens at 301. */
  g_settings_reset (settings, "bundled-deck-imported");
  g_settings_reset (settings, "last-question");
  app = start_application (data_home);
  bench_switching (app);
}

/* Options may come after the programs: `meson test --benchmark ui
 * --test-args=--only=startup` appends them. */
static gboolean
parse_options (int          *argc,
               char       ***argv,
               char        **only)
{
  GOptionEntry entries[] = {
    { "only", 0, 0, G_OPTION_ARG_STRING, only, "Run one benchmark",
      "startup|switching|quiz|memory" },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("REHEARSE EMPTY_WINDOW_PROGRAM");
  g_autoptr(GError) error = NULL;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, argc, argv, &error))
    {
      fprintf (stderr, "bench-ui: %s\n", error->message);
      return FALSE;
    }

  return (*argc == 3 || *argc == 4) && (*only == NULL || g_str_equal (*only, "startup")
                        || g_str_equal (*only, "switching") || g_str_equal (*only, "quiz")
                        || g_str_equal (*only, "memory"));
}

/* Usage: bench-ui [--only startup|switching|quiz|memory] REHEARSE EMPTY_WINDOW_PROGRAM */
int
main (int    argc,
      char **argv)
{
  g_autofree char *data_home = NULL;
  g_autofree char *large_home = NULL;
  g_autofree char *only = NULL;
  const char *self_path = argv[0];

  if (argc == 3 && g_str_equal (argv[1], "--memory"))
    {
      g_autoptr(RehearseApplication) app = NULL;

      gtk_init ();
      adw_init ();
      app = start_application (argv[2]);
      bench_memory (app, 100000);
      return 0;
    }

  if (!parse_options (&argc, &argv, &only))
    {
      fprintf (stderr, "Usage: bench-ui [--only startup|switching|quiz|memory]"
                       " REHEARSE EMPTY_WINDOW_PROGRAM [BENCH_PEER]\n");
      return 2;
    }

  gtk_init ();
  adw_init ();
  data_home = g_dir_make_tmp ("rehearse-bench-ui-XXXXXX", NULL);

  /* Switching needs the bundled deck the start-up runs import. */
  if (only == NULL || g_str_equal (only, "startup") || g_str_equal (only, "switching"))
    bench_startup (argv[1], argv[2], data_home);
  if ((only == NULL || g_str_equal (only, "startup")) && argc > 3)
    run_peer_comparison (argv[3], argv[1], argv[2]);
  if (only == NULL || g_str_equal (only, "switching"))
    bench_switching_on_bundled_deck (data_home);
  if (only == NULL || g_str_equal (only, "quiz"))
    bench_quiz (data_home);
  if (only == NULL || g_str_equal (only, "memory"))
    {
      large_home = g_dir_make_tmp ("rehearse-bench-ui-large-XXXXXX", NULL);
      fill_large_library (large_home, 100000);
      bench_memory_with_and_without_gl (self_path, argv[2], large_home);
      test_remove_tree (large_home);
    }

  test_remove_tree (data_home);
  return 0;
}
