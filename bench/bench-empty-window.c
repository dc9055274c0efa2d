/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <adwaita.h>

#include "bench-support.h"

/* The baseline of the start-up and memory benchmarks: an empty
 * AdwApplicationWindow, started and quit at its first frame exactly as
 * rehearse is. With --memory it reports its resident memory and PSS
 * BENCH_SETTLE_SECONDS after the first frame instead, then quits. With
 * --stay it stays open and says nothing, for bench-peer, which watches it
 * from outside. */

static gboolean stay;
static gboolean report_memory;

static gboolean
report_memory_and_quit (gpointer app)
{
  g_print ("resident-kb %ld\n", bench_status_kilobytes ("VmRSS:"));
  g_print ("pss-kb %ld\n", bench_pss_kilobytes ());
  g_application_quit (G_APPLICATION (app));
  return G_SOURCE_REMOVE;
}

static void
on_first_paint (GdkFrameClock *frame_clock,
                gpointer       user_data)
{
  g_signal_handlers_disconnect_by_func (frame_clock, on_first_paint, user_data);
  g_print ("first-frame %" G_GINT64_FORMAT "\n", g_get_monotonic_time ());
  if (report_memory)
    g_timeout_add_seconds (BENCH_SETTLE_SECONDS, report_memory_and_quit, user_data);
  else
    g_application_quit (G_APPLICATION (user_data));
}

static void
on_realize (GtkWidget *window,
            gpointer   user_data)
{
  if (stay)
    return;
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                    G_CALLBACK (on_first_paint), user_data);
}

static void
on_activate (GApplication *app)
{
  GtkWidget *window = adw_application_window_new (GTK_APPLICATION (app));

  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 760);
  g_signal_connect (window, "realize", G_CALLBACK (on_realize), app);
  gtk_window_present (GTK_WINDOW (window));
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(AdwApplication) app = adw_application_new ("io.github.rehearse.EmptyWindow",
                                                       G_APPLICATION_NON_UNIQUE);

  if (argc > 1)
    {
      stay = g_str_equal (argv[1], "--stay");
      report_memory = g_str_equal (argv[1], "--memory");
      argc = 1;
    }
  g_signal_connect (app, "activate", G_CALLBACK (on_activate), NULL);
  return g_application_run (G_APPLICATION (app), argc, argv);
}
