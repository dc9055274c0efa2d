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
on_today_plan_changed (RehearseWindow *self)
{
  if (self->sidebar != NULL)
    rehearse_sidebar_set_today_plan (self->sidebar,
                                     rehearse_progress_page_get_today_plan (self->progress_page));
}

/* The progress page is made when first shown, or when a plan is read for
 * Due for Review, not at start-up, which it would slow. */
static RehearseProgressPage *
ensure_progress_page (RehearseWindow *self)
{
  if (self->progress_page != NULL)
    return self->progress_page;

  self->progress_page = REHEARSE_PROGRESS_PAGE (rehearse_progress_page_new ());
  g_object_bind_property (self->leaflet, "folded", self->progress_page, "folded",
                          G_BINDING_SYNC_CREATE);
  g_signal_connect_object (self->progress_page, "show-message",
                           G_CALLBACK (rehearse_window_show_message), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->progress_page, "notify::today-plan",
                           G_CALLBACK (on_today_plan_changed), self, G_CONNECT_SWAPPED);
  gtk_stack_add_named (self->content_stack, GTK_WIDGET (self->progress_page), "progress");
  _rehearse_window_watch_library_notice (
    self, rehearse_progress_page_get_library_notice (self->progress_page));
  return self->progress_page;
}

static void
load_progress (RehearseWindow *self)
{
  RehearseFsrsParameters parameters;

  _rehearse_window_read_fsrs_parameters (self, &parameters);
  rehearse_progress_page_load (ensure_progress_page (self), self->library, &parameters);
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

/* Today's plan heads Due for Review when there is a plan; the progress
 * page computes it, off the main thread. The page, once made, is loaded
 * again either way: it shows every figure. */
void
_rehearse_window_reload_today_plan (RehearseWindow *self)
{
  if (self->library == NULL)
    return;

  if (self->progress_page == NULL)
    {
      g_autoptr(RehearsePlanSettings) settings = rehearse_library_get_plan_settings (self->library,
                                                                                   NULL);

      if (settings == NULL || settings->interview_date == NULL)
        return;
    }
  load_progress (self);
}

/* Once the window is up. */
static gboolean
load_when_planned (gpointer user_data)
{
  RehearseWindow *self = user_data;

  self->progress_reload_id = 0;
  _rehearse_window_reload_today_plan (self);
  return G_SOURCE_REMOVE;
}

void
_rehearse_window_setup_progress (RehearseWindow *self)
{
  if (self->library == NULL)
    return;

  g_signal_connect_object (self->library, "user-data-changed",
                           G_CALLBACK (on_user_data_changed), self, G_CONNECT_SWAPPED);
  /* Removed when the window goes (rehearse_window_dispose ()). */
  self->progress_reload_id = g_idle_add_full (G_PRIORITY_LOW, load_when_planned, self, NULL);
}
