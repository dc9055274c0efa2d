/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <X11/Xlib.h>
#include <X11/Xutil.h>
#include <X11/extensions/Xdamage.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "bench-figures.h"

/* Rehearse beside a peer, GNOME Text Editor (GTK 4 + libadwaita too), and
 * beside an empty AdwApplicationWindow, each measured from outside the
 * same way, so no program's own idea of its first frame counts:
 *   start-up: from just before fork/exec to the first X Damage event on
 *   the program's first mapped top-level window after which a grab of the
 *   window is not a single colour;
 *   memory: its PSS (/proc/PID/smaps_rollup) 3 s after that frame.
 * Rounds interleave the programs, each round in another order; the figures
 * are medians of the per-round ratios and differences. With GTK's own
 * renderer (GL) and again without GL. Figures, never pass/fail.
 * Usage: bench-peer [--rounds N] REHEARSE EMPTY_WINDOW [EDITOR] */

#define DEFAULT_ROUNDS 9
#define SETTLE_USEC (3 * G_USEC_PER_SEC)
#define FIRST_FRAME_TIMEOUT_MS 30000
#define STARTUP_TARGET 0.85

typedef struct
{
  const char  *name;
  char       **argv;
  char       **envp;
} Program;

typedef struct
{
  double startup_ms;
  double pss_mb;
} Measure;

/* ---- X ------------------------------------------------------------------------ */

static int damage_event_base;

/* Windows vanish under us (a program's helper windows, the last run's):
 * the errors that causes are expected. */
static int
ignore_x_error (Display     *display,
                XErrorEvent *event)
{
  return 0;
}

static gboolean
shows_more_than_one_colour (Display *display,
                            Window   window)
{
  XWindowAttributes attributes;
  XImage *image;
  gboolean varied = FALSE;

  if (!XGetWindowAttributes (display, window, &attributes)
      || attributes.map_state != IsViewable || attributes.width < 2 || attributes.height < 2)
    return FALSE;

  image = XGetImage (display, window, 0, 0, attributes.width, attributes.height, AllPlanes,
                     ZPixmap);
  if (image == NULL)
    return FALSE;

  for (int y = 0; y < attributes.height && !varied; y++)
    for (int x = 0; x < attributes.width && !varied; x++)
      varied = XGetPixel (image, x, y) != XGetPixel (image, 0, 0);

  XDestroyImage (image);
  return varied;
}

static gint64
ms_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000;
}

/* Waits for @pid's first frame, as the header says; returns its time since
 * @start in ms, or -1 when none came. Damage is tracked from each new
 * top-level window's creation, so a frame drawn before the map is seen. */
static double
wait_for_first_frame (Display *display,
                      gint64   start)
{
  Window root = DefaultRootWindow (display);
  g_autoptr(GHashTable) damages = g_hash_table_new (NULL, NULL);
  Window mapped = None;

  while (ms_since (start) < FIRST_FRAME_TIMEOUT_MS)
    {
      struct pollfd pollfd = { ConnectionNumber (display), POLLIN, 0 };
      XEvent event;

      if (XPending (display) == 0)
        {
          poll (&pollfd, 1, 100);
          continue;
        }

      XNextEvent (display, &event);
      if (event.type == CreateNotify && event.xcreatewindow.parent == root)
        {
          Damage damage = XDamageCreate (display, event.xcreatewindow.window,
                                         XDamageReportNonEmpty);

          g_hash_table_insert (damages, GSIZE_TO_POINTER (event.xcreatewindow.window),
                               GSIZE_TO_POINTER (damage));
        }
      else if (event.type == MapNotify && event.xmap.event == root && mapped == None
               && !event.xmap.override_redirect)
        {
          mapped = event.xmap.window;
          if (shows_more_than_one_colour (display, mapped))
            return ms_since (start);
        }
      else if (event.type == damage_event_base + XDamageNotify)
        {
          XDamageNotifyEvent *notify = (XDamageNotifyEvent *) &event;
          double elapsed = ms_since (start);

          XDamageSubtract (display, notify->damage, None, None);
          if (notify->drawable == mapped && shows_more_than_one_colour (display, mapped))
            return elapsed;
        }
    }

  return -1;
}

/* ---- Processes ------------------------------------------------------------------- */

static double
pss_mb (GPid pid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/smaps_rollup", pid);
  g_autofree char *rollup = NULL;
  const char *line;

  if (!g_file_get_contents (path, &rollup, NULL, NULL)
      || (line = strstr (rollup, "\nPss:")) == NULL)
    return -1;
  return strtol (line + strlen ("\nPss:"), NULL, 10) / 1024.0;
}

static void
stop (GPid pid)
{
  int status;

  kill (pid, SIGTERM);
  for (int i = 0; i < 50; i++)
    {
      if (waitpid (pid, &status, WNOHANG) == pid)
        return;
      g_usleep (100 * 1000);
    }
  kill (pid, SIGKILL);
  waitpid (pid, &status, 0);
}

static gboolean
measure (Display       *display,
         const Program *program,
         Measure       *result)
{
  g_autoptr(GError) error = NULL;
  gint64 start;
  GPid pid;

  XSync (display, True);   /* the last run's events are not this one's */
  start = g_get_monotonic_time ();
  if (!g_spawn_async (NULL, program->argv, program->envp,
                      G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, &pid,
                      &error))
    {
      fprintf (stderr, "Could not start %s: %s\n", program->name, error->message);
      return FALSE;
    }

  result->startup_ms = wait_for_first_frame (display, start);
  if (result->startup_ms >= 0)
    {
      g_usleep (SETTLE_USEC);
      result->pss_mb = pss_mb (pid);
    }
  stop (pid);

  if (result->startup_ms < 0 || result->pss_mb < 0)
    {
      fprintf (stderr, "%s showed no frame within %d s\n", program->name,
               FIRST_FRAME_TIMEOUT_MS / 1000);
      return FALSE;
    }
  return TRUE;
}

/* ---- Figures ---------------------------------------------------------------------- */

enum { REHEARSE, EDITOR, EMPTY, N_PROGRAMS };

static void
append (GArray *values,
        double  value)
{
  g_array_append_val (values, value);
}

/* @with_editor: FALSE when GNOME Text Editor is not installed. */
static void
run_rounds (Display *display,
            Program *programs,
            gboolean with_editor,
            guint    rounds)
{
  guint order[] = { REHEARSE, EDITOR, EMPTY };
  guint n_programs = with_editor ? 3 : 2;
  GArray *startup[N_PROGRAMS], *pss[N_PROGRAMS];
  g_autoptr(GArray) startup_ratio = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) pss_difference = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) floor_ratio = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) added_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) added_mb = g_array_new (FALSE, FALSE, sizeof (double));
  Measure warm_up;
  double ratio;

  if (!with_editor)
    order[1] = EMPTY;

  for (guint i = 0; i < n_programs; i++)
    {
      startup[order[i]] = g_array_new (FALSE, FALSE, sizeof (double));
      pss[order[i]] = g_array_new (FALSE, FALSE, sizeof (double));
      /* Each program once first: caches, fonts, Rehearse's first import. */
      if (!measure (display, &programs[order[i]], &warm_up))
        exit (1);
    }

  for (guint round = 0; round < rounds; round++)
    {
      Measure measures[N_PROGRAMS];

      for (guint i = 0; i < n_programs; i++)
        {
          guint p = order[(round + i) % n_programs];   /* each round in another order */

          if (!measure (display, &programs[p], &measures[p]))
            exit (1);
          append (startup[p], measures[p].startup_ms);
          append (pss[p], measures[p].pss_mb);
        }

      append (added_ms, measures[REHEARSE].startup_ms - measures[EMPTY].startup_ms);
      append (added_mb, measures[REHEARSE].pss_mb - measures[EMPTY].pss_mb);
      if (with_editor)
        {
          append (startup_ratio, measures[REHEARSE].startup_ms / measures[EDITOR].startup_ms);
          append (floor_ratio, measures[EMPTY].startup_ms / measures[EDITOR].startup_ms);
          append (pss_difference, measures[REHEARSE].pss_mb - measures[EDITOR].pss_mb);
        }
    }

  for (guint i = 0; i < n_programs; i++)
    {
      guint p = order[i];

      printf ("  %-27s start-up median %5.0f ms (%4.0f–%4.0f), PSS median %5.1f MB (%5.1f–%5.1f)\n",
              programs[p].name, bench_samples_median (startup[p]), bench_samples_min (startup[p]), bench_samples_max (startup[p]),
              bench_samples_median (pss[p]), bench_samples_min (pss[p]), bench_samples_max (pss[p]));
      g_array_unref (startup[p]);
      g_array_unref (pss[p]);
    }

  if (with_editor)
    {
      ratio = bench_samples_median (startup_ratio);
      printf ("  Rehearse / Text Editor start-up, median of %u per-round ratios: %.2f"
              " (%.2f–%.2f)  (target <= %.2f: %s)\n",
              rounds, ratio, bench_samples_min (startup_ratio), bench_samples_max (startup_ratio), STARTUP_TARGET,
              ratio <= STARTUP_TARGET ? "met" : "MISSED");
      printf ("  the empty window / Text Editor start-up, the floor for any app: %.2f (%.2f–%.2f)\n",
              bench_samples_median (floor_ratio), bench_samples_min (floor_ratio), bench_samples_max (floor_ratio));
      printf ("  Rehearse − Text Editor PSS, median of the per-round differences: %+.1f MB\n",
              bench_samples_median (pss_difference));
    }
  printf ("  Rehearse adds to the empty window, medians of the per-round differences:"
          " %+.0f ms, %+.1f MB PSS\n", bench_samples_median (added_ms), bench_samples_median (added_mb));
  fflush (stdout);
}

static char **
environ_for (const char *home,
             gboolean    without_gl)
{
  char **envp = g_get_environ ();
  g_autofree char *data = g_build_filename (home, "data", NULL);
  g_autofree char *config = g_build_filename (home, "config", NULL);
  g_autofree char *cache = g_build_filename (home, "cache", NULL);

  /* A user has them; without a cache, Mesa compiles its shaders anew
   * at every start. */
  g_mkdir_with_parents (data, 0700);
  g_mkdir_with_parents (config, 0700);
  g_mkdir_with_parents (cache, 0700);
  envp = g_environ_setenv (envp, "XDG_DATA_HOME", data, TRUE);
  envp = g_environ_setenv (envp, "XDG_CONFIG_HOME", config, TRUE);
  envp = g_environ_setenv (envp, "XDG_CACHE_HOME", cache, TRUE);
  /* Settings persist between runs (Rehearse reopens the last question),
   * apart from any other session's. */
  envp = g_environ_setenv (envp, "GSETTINGS_BACKEND", "keyfile", TRUE);
  /* As a user runs them, not as the tests do. */
  envp = g_environ_unsetenv (envp, "G_DEBUG");
  envp = g_environ_unsetenv (envp, "MALLOC_CHECK_");
  if (without_gl)
    {
      envp = g_environ_setenv (envp, "GDK_DEBUG", "gl-disable", TRUE);
      envp = g_environ_setenv (envp, "GSK_RENDERER", "cairo", TRUE);
    }
  return envp;
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *home = g_dir_make_tmp ("rehearse-bench-peer-XXXXXX", NULL);
  g_autofree char *rehearse_home = g_build_filename (home, "rehearse", NULL);
  g_autofree char *editor_home = g_build_filename (home, "editor", NULL);
  g_autofree char *empty_home = g_build_filename (home, "empty", NULL);
  const char *editor = "/usr/bin/gnome-text-editor";
  guint rounds = DEFAULT_ROUNDS;
  Display *display;
  int error_base;
  int first = 1;

  if (argc > 2 && g_str_equal (argv[1], "--rounds"))
    {
      rounds = MAX (1, atoi (argv[2]));
      first = 3;
    }
  if (argc - first < 2)
    {
      fprintf (stderr, "Usage: bench-peer [--rounds N] REHEARSE EMPTY_WINDOW [EDITOR]\n");
      return 2;
    }
  if (argc - first > 2)
    editor = argv[first + 2];

  display = XOpenDisplay (NULL);
  if (display == NULL || !XDamageQueryExtension (display, &damage_event_base, &error_base))
    {
      fprintf (stderr, "bench-peer needs an X display with the Damage extension (xvfb-run)\n");
      return 1;
    }
  XSetErrorHandler (ignore_x_error);
  XSelectInput (display, DefaultRootWindow (display), SubstructureNotifyMask);

  printf ("Start-up (fork/exec to the first frame that is not one colour, X Damage) and PSS\n"
          "3 s later: Rehearse (bundled deck, last question reopened), GNOME Text Editor\n"
          "(--standalone, an empty document) and an empty AdwApplicationWindow, %u rounds\n"
          "after one warm-up each, interleaved.\n", rounds);
  if (!g_file_test (editor, G_FILE_TEST_IS_EXECUTABLE))
    printf ("(%s is not installed: `apt-get install gnome-text-editor` for the peer figures;\n"
            " Rehearse is compared with the empty window alone.)\n", editor);

  for (int without_gl = 0; without_gl <= 1; without_gl++)
    {
      char *rehearse_argv[] = { argv[first], NULL };
      char *editor_argv[] = { (char *) editor, "--standalone", NULL };
      char *empty_argv[] = { argv[first + 1], "--stay", NULL };
      Program programs[N_PROGRAMS] = {
        { "Rehearse", rehearse_argv, environ_for (rehearse_home, without_gl) },
        { "GNOME Text Editor", editor_argv, environ_for (editor_home, without_gl) },
        { "empty AdwApplicationWindow", empty_argv, environ_for (empty_home, without_gl) },
      };

      printf ("\n%s\n", without_gl ? "Without GL (GDK_DEBUG=gl-disable GSK_RENDERER=cairo):"
                                   : "With GTK's own renderer (GL):");
      fflush (stdout);
      run_rounds (display, programs, g_file_test (editor, G_FILE_TEST_IS_EXECUTABLE), rounds);

      for (guint p = 0; p < N_PROGRAMS; p++)
        g_strfreev (programs[p].envp);
    }

  XCloseDisplay (display);
  return 0;
}
