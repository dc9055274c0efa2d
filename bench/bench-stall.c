/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <adwaita.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "bench-figures.h"
#include "deck-generator.h"
#include "rehearse-application.h"
#include "rehearse-question-view.h"
#include "rehearse-window.h"
#include "test-ui-support.h"

/* The main loop while another process imports: rehearse-cli imports a
 * generated 10,000-question deck into the library a real window has open,
 * while the user (driven here through the window's actions and the note
 * editor's buffer) bookmarks, types a note and comes back to the window.
 * A 1 ms timeout records the gaps between main-loop iterations; the
 * longest is the figure, beside the target (<= 50 ms). Each gap is split,
 * from the kernel's schedstat of the main thread, into the time it ran,
 * the time it waited for a CPU (another process's work on a busy machine)
 * and the time it was blocked: a wait for a lock, the disk or the X
 * server, which is how waiting on the database would show. The same actions
 * without an import give the window's own stalls (layout, drawing) for
 * comparison, and a second pass with GL turned off shows them without
 * Mesa's software renderer. A figure, never pass/fail.
 * Usage: bench-stall REHEARSE_CLI
 * (bench-stall --without-gl REHEARSE_CLI is the second pass's process.) */

#define QUESTIONS 10000
#define WARM_UP_SECONDS 5     /* the first edits build the editor, fonts, shaders */
#define BASELINE_SECONDS 8
#define STEP_MS 50            /* a keystroke every 50 ms while typing */
#define PAUSE_STEPS 24        /* a pause after each word: the note autosaves */
#define TOGGLE_EVERY_STEPS 10 /* Ctrl+D twice a second */
#define CHECK_EVERY_STEPS 40  /* the window comes to the front every 2 s */

static const char note_text[] =
  "Layers are read-only; the container adds a thin writable one on top, "
  "and copy-on-write keeps the image itself untouched while it runs. ";

/* Where a thread's time went, in ms: running, and waiting for a CPU. */
typedef struct
{
  double ran;
  double waited;
} ThreadTimes;

/* The longest gap, and how it was spent. */
typedef struct
{
  double wall;
  double ran;
  double waited;
  double blocked;
} Gap;

typedef struct
{
  RehearseWindow *window;
  GtkTextBuffer  *buffer;

  /* The main loop's gaps */
  GArray         *gaps;          /* double, ms */
  gint64          last_tick;
  int             schedstat_fd;  /* the main thread's /proc/…/schedstat, or -1 */
  ThreadTimes     last_times;
  Gap             longest;
  double          longest_blocked;

  /* The user */
  guint           step;
  guint           pause;
  guint           typed;
  guint           keystrokes;
  guint           toggles;
  guint           checks;
  gint64          toggle_asked;  /* 0: the last toggle is answered */
  double          longest_toggle;
} Session;

/* "run_ns wait_ns slices": zero when the kernel does not say. */
static ThreadTimes
read_thread_times (Session *session)
{
  char text[128];
  ssize_t length;
  guint64 ran = 0, waited = 0;

  if (session->schedstat_fd >= 0 && lseek (session->schedstat_fd, 0, SEEK_SET) == 0
      && (length = read (session->schedstat_fd, text, sizeof text - 1)) > 0)
    {
      text[length] = '\0';
      sscanf (text, "%" G_GUINT64_FORMAT " %" G_GUINT64_FORMAT, &ran, &waited);
    }

  return (ThreadTimes) { ran / 1e6, waited / 1e6 };
}

static void
record_gap (Session *session,
            double   wall)
{
  ThreadTimes times = read_thread_times (session);
  Gap gap = {
    .wall = wall,
    .ran = times.ran - session->last_times.ran,
    .waited = times.waited - session->last_times.waited,
  };

  gap.blocked = MAX (0, gap.wall - gap.ran - gap.waited);
  g_array_append_val (session->gaps, wall);
  if (wall > session->longest.wall)
    session->longest = gap;
  session->longest_blocked = MAX (session->longest_blocked, gap.blocked);
  session->last_times = times;
}

static gboolean
on_tick (gpointer user_data)
{
  Session *session = user_data;
  gint64 now = g_get_monotonic_time ();

  record_gap (session, (now - session->last_tick) / 1000.0);
  session->last_tick = now;
  return G_SOURCE_CONTINUE;
}

static void
on_bookmarked_notify (Session *session)
{
  double latency;

  if (session->toggle_asked == 0)
    return;

  latency = (g_get_monotonic_time () - session->toggle_asked) / 1000.0;
  session->longest_toggle = MAX (session->longest_toggle, latency);
  session->toggle_asked = 0;
}

static void
type_a_key (Session *session)
{
  char key[2] = { note_text[session->typed % (sizeof note_text - 1)], '\0' };

  gtk_text_buffer_insert_at_cursor (session->buffer, key, 1);
  session->typed++;
  session->keystrokes++;
  if (key[0] == ' ')
    session->pause = PAUSE_STEPS;
}

/* One step of the user: a key (or a pause after a word), Ctrl+D now and
 * then once the last one showed, and the window to the front. */
static gboolean
on_user_step (gpointer user_data)
{
  Session *session = user_data;

  session->step++;
  if (session->pause > 0)
    session->pause--;
  else
    type_a_key (session);

  if (session->step % TOGGLE_EVERY_STEPS == 0 && session->toggle_asked == 0)
    {
      session->toggle_asked = g_get_monotonic_time ();
      session->toggles++;
      gtk_widget_activate_action (GTK_WIDGET (session->window), "win.bookmarked", NULL);
    }

  if (session->step % CHECK_EVERY_STEPS == 0)
    {
      session->checks++;
      g_object_notify (G_OBJECT (session->window), "is-active");
    }

  return G_SOURCE_CONTINUE;
}

static void
session_reset (Session *session)
{
  g_array_set_size (session->gaps, 0);
  session->keystrokes = session->toggles = session->checks = 0;
  session->longest_toggle = 0;
  session->longest = (Gap) { 0, };
  session->longest_blocked = 0;
  session->last_times = read_thread_times (session);
  session->last_tick = g_get_monotonic_time ();
}

/* Runs the user and the meter until *done (or, with @done NULL, for
 * @seconds). */
static void
run_session (Session  *session,
             gboolean *done,
             guint     seconds)
{
  gint64 end = g_get_monotonic_time () + seconds * G_USEC_PER_SEC;
  guint tick_id, step_id;

  session_reset (session);
  tick_id = g_timeout_add (1, on_tick, session);
  step_id = g_timeout_add (STEP_MS, on_user_step, session);

  while (done != NULL ? !*done : g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);

  g_source_remove (tick_id);
  g_source_remove (step_id);
}

static void
print_session (Session    *session,
               const char *what,
               double      seconds)
{
  printf ("%s (%.1f s): %u keys typed, %u bookmarks toggled, %u returns to the window\n"
          "  longest main-loop stall: %6.1f ms  (p99 %.1f ms, p50 %.1f ms over %u iterations)\n"
          "    of which the main thread ran %.1f ms, waited for a CPU %.1f ms, was blocked %.1f ms\n"
          "  longest blocked in one iteration: %.1f ms (a lock, the disk, the X server)\n"
          "  longest from Ctrl+D to the star showing it committed: %.1f ms\n",
          what, seconds, session->keystrokes, session->toggles, session->checks,
          session->longest.wall, bench_samples_percentile (session->gaps, 0.99),
          bench_samples_percentile (session->gaps, 0.5), session->gaps->len, session->longest.ran,
          session->longest.waited, session->longest.blocked, session->longest_blocked,
          session->longest_toggle);
}

/* ---- Setting up ---------------------------------------------------------------- */

static RehearseApplication *
start_application (const char *library_path)
{
  RehearseApplication *app = rehearse_application_new ();
  g_autofree char *id = g_strdup_printf ("io.github.rehearse.Rehearse.Stall%d", g_random_int ());
  g_autoptr(GSettings) settings = g_settings_new ("io.github.rehearse.Rehearse");
  g_autoptr(GError) error = NULL;

  /* A returning user: the bundled deck is there, 301 was read last. */
  g_settings_set_boolean (settings, "bundled-deck-imported", TRUE);
  g_settings_set_string (settings, "last-question", "docker-interview-questions/301");

  g_application_set_application_id (G_APPLICATION (app), id);
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_object_set (app, "library-path", library_path, NULL);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  return app;
}

static gboolean
question_shown (gpointer window)
{
  GtkWidget *view = ui_test_find_widget (window, REHEARSE_TYPE_QUESTION_VIEW);

  return rehearse_question_view_get_question (REHEARSE_QUESTION_VIEW (view)) != NULL;
}

static RehearseWindow *
open_window_editing (RehearseApplication *app,
                     Session             *session)
{
  RehearseWindow *window = rehearse_window_new (app);
  GtkWidget *editor;

  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 760);
  gtk_window_present (GTK_WINDOW (window));
  ui_test_wait_for (question_shown, window);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.edit-note", NULL);
  editor = ui_test_find_widget (GTK_WIDGET (window), GTK_TYPE_TEXT_VIEW);
  g_assert_nonnull (editor);

  session->window = window;
  session->buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (editor));
  g_signal_connect_swapped (window, "notify::bookmarked", G_CALLBACK (on_bookmarked_notify),
                            session);
  return window;
}

static gboolean
everything_saved (gpointer data)
{
  Session *session = data;
  RehearseQuestionView *view = REHEARSE_QUESTION_VIEW (
    ui_test_find_widget (GTK_WIDGET (session->window), REHEARSE_TYPE_QUESTION_VIEW));

  return session->toggle_asked == 0
         && !rehearse_note_editor_get_has_unsaved_changes (
              rehearse_question_view_get_note_editor (view));
}

static void
on_import_done (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_subprocess_wait_check_finish (G_SUBPROCESS (source), result, &error))
    g_error ("The import failed: %s", error->message);
  *done = TRUE;
}

/* @comparison: the pass without GL, printed without the verdict. */
static void
bench_stall (const char *cli,
             const char *data_home,
             gboolean    comparison)
{
  g_autofree char *library_path = g_build_filename (data_home, "library.db", NULL);
  g_autofree char *deck_path = g_build_filename (data_home, "big-deck.md", NULL);
  g_autofree char *markdown = deck_generator_markdown (1, QUESTIONS, 2024);
  g_autoptr(RehearseLibrary) library = ui_test_library_with_bundled_deck (data_home);
  g_autoptr(RehearseApplication) app = NULL;
  g_autoptr(GSubprocess) import = NULL;
  g_autoptr(GError) error = NULL;
  Session session = { 0, };
  gboolean imported = FALSE;
  g_autofree char *load_average = NULL;
  gint64 start;

  /* The machine's other work shows in every figure: say how busy it was. */
  if (!g_file_get_contents ("/proc/loadavg", &load_average, NULL, NULL))
    load_average = g_strdup ("unknown");
  g_strdelimit (load_average, "\n", ' ');

  g_assert_true (g_file_set_contents (deck_path, markdown, -1, NULL));
  g_clear_object (&library);
  app = start_application (library_path);
  session.gaps = g_array_new (FALSE, FALSE, sizeof (double));
  session.schedstat_fd = open ("/proc/thread-self/schedstat", O_RDONLY | O_CLOEXEC);
  open_window_editing (app, &session);

  if (comparison)
    printf ("The same without GL (GDK_DEBUG=gl-disable GSK_RENDERER=cairo), for comparison\n");
  else
    printf ("The main loop while rehearse-cli imports %u generated questions (%.1f MiB) into\n"
            "the library the window has open, and the user types a note and bookmarks\n",
            QUESTIONS, strlen (markdown) / 1048576.0);
  printf ("(drawn by %s; load average at the start: %s)\n\n",
          G_OBJECT_TYPE_NAME (gtk_native_get_renderer (GTK_NATIVE (session.window))),
          load_average);

  run_session (&session, NULL, WARM_UP_SECONDS);
  run_session (&session, NULL, BASELINE_SECONDS);
  print_session (&session, "Without an import, for comparison", BASELINE_SECONDS);

  start = g_get_monotonic_time ();
  import = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE, &error, cli, "--db",
                             library_path, "import", deck_path, NULL);
  g_assert_no_error (error);
  g_subprocess_wait_check_async (import, NULL, on_import_done, &imported);
  run_session (&session, &imported, 0);
  print_session (&session, "During the import", (g_get_monotonic_time () - start) / 1e6);
  if (!comparison)
    printf ("  (target: longest stall <= 50 ms: %s)\n",
            session.longest.wall <= 50 ? "met" : "MISSED");

  /* What was asked during the import is committed after it at the latest. */
  start = g_get_monotonic_time ();
  while (!everything_saved (&session))
    g_main_context_iteration (NULL, TRUE);
  printf ("  every note save and bookmark asked for was committed %.1f s after the import\n\n",
          (g_get_monotonic_time () - start) / 1e6);

  gtk_window_destroy (GTK_WINDOW (session.window));
  rehearse_library_wait_for_writes (rehearse_application_get_library (app));
  for (int i = 0; i < 10; i++)
    g_main_context_iteration (NULL, FALSE);
  g_array_unref (session.gaps);
  if (session.schedstat_fd >= 0)
    close (session.schedstat_fd);
}

static void
run_pass (const char *cli,
          gboolean    comparison)
{
  g_autofree char *data_home = g_dir_make_tmp ("rehearse-bench-stall-XXXXXX", NULL);

  gtk_init ();
  adw_init ();
  bench_stall (cli, data_home, comparison);
  test_remove_tree (data_home);
}

/* GL is chosen when the display opens: the pass without it is a process
 * of its own. */
static void
run_pass_without_gl (const char *self_path,
                     const char *cli)
{
  const char *argv[] = { self_path, "--without-gl", cli, NULL };
  g_auto(GStrv) envp = g_get_environ ();
  g_autoptr(GError) error = NULL;
  int status = 0;

  envp = g_environ_setenv (envp, "GDK_DEBUG", "gl-disable", TRUE);
  envp = g_environ_setenv (envp, "GSK_RENDERER", "cairo", TRUE);
  fflush (stdout);
  if (!g_spawn_sync (NULL, (char **) argv, envp, G_SPAWN_CHILD_INHERITS_STDIN, NULL, NULL, NULL,
                     NULL, &status, &error)
      || !g_spawn_check_wait_status (status, &error))
    g_error ("The pass without GL failed: %s", error->message);
}

int
main (int    argc,
      char **argv)
{
  if (argc == 3 && g_str_equal (argv[1], "--without-gl"))
    {
      run_pass (argv[2], TRUE);
      return 0;
    }

  if (argc != 2)
    {
      fprintf (stderr, "Usage: bench-stall REHEARSE_CLI\n");
      return 2;
    }

  run_pass (argv[1], FALSE);
  run_pass_without_gl (argv[0], argv[1]);
  return 0;
}
