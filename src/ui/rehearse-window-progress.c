/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "rehearse-window-private.h"

/* Reviews come one by one during a quiz: the figures are computed again
 * once they stop for this long. */
#define RELOAD_DELAY_MS 500

static gboolean
progress_shown (RehearseWindow *self)
{
  return g_strcmp0 (gtk_stack_get_visible_child_name (self->content_stack), "progress") == 0;
}

static void
load_progress (RehearseWindow *self)
{
  RehearseFsrsParameters parameters;

  _rehearse_window_read_fsrs_parameters (self, &parameters);
  rehearse_progress_page_load (self->progress_page, self->library, &parameters);
}

void
_rehearse_window_show_progress (RehearseWindow *self)
{
  if (self->library == NULL)
    return;

  load_progress (self);
  rehearse_sidebar_select_progress (self->sidebar);
  gtk_stack_set_visible_child_name (self->content_stack, "progress");
  _rehearse_window_update_reader_actions (self);
  adw_leaflet_set_visible_child_name (self->leaflet, "content");
}

static gboolean
reload_later (gpointer user_data)
{
  RehearseWindow *self = user_data;

  self->progress_reload_id = 0;
  rehearse_progress_page_reload (self->progress_page);
  return G_SOURCE_REMOVE;
}

/* Reviews change every figure; the page, if shown, shows them again. */
static void
on_user_data_changed (RehearseWindow *self)
{
  if (!progress_shown (self))
    return;

  g_clear_handle_id (&self->progress_reload_id, g_source_remove);
  self->progress_reload_id = g_timeout_add (RELOAD_DELAY_MS, reload_later, self);
}

static void
on_today_plan_changed (RehearseWindow *self)
{
  if (self->sidebar != NULL)
    rehearse_sidebar_set_today_plan (self->sidebar,
                                     rehearse_progress_page_get_today_plan (self->progress_page));
}

/* After a quiz, today's plan in Due for Review counts what is left. */
static void
on_quiz_done (RehearseWindow *self)
{
  load_progress (self);
}

/* Today's plan heads Due for Review from the start, when there is a plan:
 * computed once the window is up, off the main thread. */
static gboolean
load_when_planned (gpointer user_data)
{
  RehearseWindow *self = user_data;
  g_autoptr(RehearsePlanSettings) settings = NULL;

  self->progress_reload_id = 0;
  settings = rehearse_library_get_plan_settings (self->library, NULL);
  if (settings != NULL && settings->interview_date != NULL)
    load_progress (self);
  return G_SOURCE_REMOVE;
}

void
_rehearse_window_setup_progress (RehearseWindow *self)
{
  g_signal_connect_object (self->progress_page, "show-message",
                           G_CALLBACK (rehearse_window_show_message), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->progress_page, "notify::today-plan",
                           G_CALLBACK (on_today_plan_changed), self, G_CONNECT_SWAPPED);
  if (self->library == NULL)
    return;

  g_signal_connect_object (self->library, "user-data-changed",
                           G_CALLBACK (on_user_data_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->quiz_page, "done", G_CALLBACK (on_quiz_done), self,
                           G_CONNECT_SWAPPED);
  /* Removed when the window goes (rehearse_window_dispose ()). */
  self->progress_reload_id = g_idle_add_full (G_PRIORITY_LOW, load_when_planned, self, NULL);
}
